/* test_hours.c -- opening hours on the simulation clock and demand rates (hours.h,
 * demand.h): known answers on small scenarios, among them the day shape taken from the
 * opening hours when none is given, the share of a week's volume that arrives while closed,
 * its warning, the by_segment first-channel shares the model draws, and the fold count of a
 * week-folded series. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "test_scenario_util.h"

#include "demand.h"
#include "hours.h"
#include "scenario.h"
#include "scenario_load.h"

static const char *json =
    "{\"name\": \"hours\", \"start_weekday\": \"wed\", \"interval_s\": 3600,"
    " \"channels\": ["
    "  {\"name\": \"phone\", \"kind\": \"voice\", \"handle_time\": {\"mean_s\": 300},"
    "   \"hours\": {\"weekdays\": [[\"09:00\", \"12:00\"], [\"13:00\", \"17:00\"]]},"
    "   \"daily_volume\": 240, \"weekday\": [1, 1, 2, 1, 1, 0.5, 0.5], \"agents\": 1,"
    "   \"intraday\": " TEST_FLAT_24 "},"
    "  {\"name\": \"never\", \"kind\": \"deferred\", \"handle_time\": {\"mean_s\": 300},"
    "   \"hours\": {\"all\": []}, \"agents\": 1},"
    "  {\"name\": \"always\", \"kind\": \"deferred\", \"handle_time\": {\"mean_s\": 300},"
    "   \"hours\": {\"all\": [[\"00:00\", \"24:00\"]]}, \"agents\": 1}]}";

static scenario *load(void)
{
    scenario *scn = NULL;
    assert_int_equal(scenario_load_string(json, strlen(json), "<t>", NULL, &scn, NULL), SIM_OK);
    return scn;
}

#define H 3600.0
#define D 86400.0

static void weekday_should_count_from_the_start_weekday(void **state)
{
    (void)state;
    scenario *scn = load();
    assert_int_equal(hours_weekday(scn, 0.0), 2);        /* Wednesday */
    assert_int_equal(hours_weekday(scn, 3 * D), 5);      /* Saturday */
    assert_int_equal(hours_weekday(scn, 5 * D - 1), 6);  /* Sunday 23:59:59 */
    assert_int_equal(hours_weekday(scn, 5 * D), 0);      /* Monday */
    scenario_free(scn);
}

static void is_open_should_follow_the_windows_with_half_open_ends(void **state)
{
    (void)state;
    scenario *scn = load();
    assert_false(hours_is_open(scn, 0, 9 * H - 1));
    assert_true(hours_is_open(scn, 0, 9 * H));
    assert_false(hours_is_open(scn, 0, 12 * H));  /* lunch break */
    assert_true(hours_is_open(scn, 0, 13 * H));
    assert_false(hours_is_open(scn, 0, 17 * H));
    assert_false(hours_is_open(scn, 0, 3 * D + 10 * H)); /* Saturday */
    assert_false(hours_is_open(scn, 1, 10 * H));
    assert_true(hours_is_open(scn, 2, 23.99 * H));
    assert_true(hours_ever_open(scn, 0));
    assert_false(hours_ever_open(scn, 1));
    scenario_free(scn);
}

static void next_open_should_skip_breaks_nights_and_weekends(void **state)
{
    (void)state;
    scenario *scn = load();
    assert_true(hours_next_open(scn, 0, 10 * H) == 10 * H);            /* open now */
    assert_true(hours_next_open(scn, 0, 12.5 * H) == 13 * H);          /* after lunch */
    assert_true(hours_next_open(scn, 0, 18 * H) == D + 9 * H);         /* Thursday */
    assert_true(hours_next_open(scn, 0, 2 * D + 17 * H) == 5 * D + 9 * H); /* Fri -> Mon */
    assert_true(isinf(hours_next_open(scn, 1, 0.0)));
    scenario_free(scn);
}

static void rate_should_be_volume_times_weekday_times_intraday(void **state)
{
    (void)state;
    scenario *scn = load();
    /* Flat intraday over 24 one-hour intervals: 240 x weekday / 24 per hour. Wednesday's
     * weight is 2 (the scenario's weekday profile is renormalised to mean 1). */
    double mean_w = (1 + 1 + 2 + 1 + 1 + 0.5 + 0.5) / 7.0;
    double wed = 240.0 * (2.0 / mean_w) / 24.0 / H;
    double sat = 240.0 * (0.5 / mean_w) / 24.0 / H;
    assert_true(fabs(demand_rate(scn, 0, 10 * H) - wed) < 1e-12);
    assert_true(fabs(demand_rate(scn, 0, 3 * D + 1) - sat) < 1e-12);
    assert_true(demand_rate(scn, 1, 10 * H) == 0.0); /* no volume */
    assert_int_equal(demand_sources(scn), 3);
    scenario_free(scn);
}


/* Without a day shape: each day's volume over its opening hours (one-hour intervals). phone:
 * weekdays 09:00-12:00 and 13:00-17:00 (7 h), weekday weights with mean 1; chat and late:
 * every day 09:20-17:00 (7 h 40 min), opening inside the 09:00 interval. */
static const char *spread_json =
    "{\"name\": \"spread\", \"interval_s\": 3600,"
    " \"channels\": ["
    "  {\"name\": \"phone\", \"kind\": \"voice\", \"handle_time\": {\"mean_s\": 300},"
    "   \"hours\": {\"weekdays\": [[\"09:00\", \"12:00\"], [\"13:00\", \"17:00\"]]},"
    "   \"daily_volume\": 240, \"weekday\": [1, 1, 2, 1, 1, 0.5, 0.5], \"agents\": 1},"
    "  {\"name\": \"chat\", \"kind\": \"chat\", \"handle_time\": {\"mean_s\": 300},"
    "   \"hours\": {\"all\": [[\"09:20\", \"17:00\"]]}, \"when_closed\": \"hop\","
    "   \"daily_volume\": 100, \"agents\": 1},"
    "  {\"name\": \"late\", \"kind\": \"voice\", \"handle_time\": {\"mean_s\": 300},"
    "   \"hours\": {\"all\": [[\"09:20\", \"17:00\"]]}, \"daily_volume\": 100,"
    "   \"agents\": 1}]}";

static scenario *load_text(const char *text)
{
    scenario *scn = NULL;
    assert_int_equal(scenario_load_string(text, strlen(text), "<t>", NULL, &scn, NULL), SIM_OK);
    return scn;
}

static void without_a_shape_each_day_should_arrive_over_its_opening_hours(void **state)
{
    (void)state;
    scenario *scn = load_text(spread_json); /* day 0 is a Monday */
    /* Wednesday (weight 2): 480 contacts over 7 open hours; none at 08:00 or over lunch. */
    double wed = 2 * D;
    assert_true(fabs(demand_rate(scn, 0, wed + 10 * H) - 480.0 / 7.0 / H) < 1e-12);
    assert_true(fabs(demand_rate(scn, 0, wed + 16.5 * H) - 480.0 / 7.0 / H) < 1e-12);
    assert_true(demand_rate(scn, 0, wed + 8 * H) == 0.0);
    assert_true(demand_rate(scn, 0, wed + 12.5 * H) == 0.0);
    assert_true(demand_rate(scn, 0, wed + 20 * H) == 0.0);
    /* Saturday has weight 0.5 and no hours: its 120 contacts arrive flat over the day. */
    assert_true(fabs(demand_rate(scn, 0, 5 * D + 3 * H) - 120.0 / 24.0 / H) < 1e-12);
    /* late: the 09:00 interval is open 40 of the day's 460 minutes. */
    assert_true(fabs(demand_rate(scn, 2, 9 * H) - 100.0 * 40.0 / 460.0 / H) < 1e-12);
    assert_true(fabs(demand_rate(scn, 2, 11 * H) - 100.0 * 60.0 / 460.0 / H) < 1e-12);
    /* The week table for staffing is the same rate. */
    assert_true(demand_channel_rate_week(scn, 0, 2 * 24 + 10) ==
                demand_rate(scn, 0, wed + 10 * H));
    double week = 0.0;
    for (size_t k = 0; k < 7 * 24; k++)
        week += demand_channel_rate_week(scn, 0, k) * H;
    assert_true(fabs(week - 7 * 240.0) < 1e-9); /* daily_volume keeps its meaning */
    scenario_free(scn);
}

static void closed_share_should_count_the_volume_that_arrives_while_closed(void **state)
{
    (void)state;
    scenario *scn = load_text(spread_json);
    /* phone: the weekend (weights 0.5 + 0.5 of 7) has no hours. */
    assert_true(fabs(demand_closed_share(scn, 0) - 1.0 / 7.0) < 1e-12);
    /* late: each day 40/460 of the volume falls in the 09:00 interval, two thirds of which
     * (09:00-09:20) is closed. */
    double part = 40.0 / 460.0 * (20.0 / 60.0);
    assert_true(fabs(demand_closed_share(scn, 2) - part) < 1e-12);
    assert_true(fabs(demand_closed_share(scn, 1) - part) < 1e-12);
    scenario_free(scn);
    /* A given flat shape over 24 hours (the first scenario): weekdays are open 7 of 24 hours
     * (weights 1 1 2 1 1 of 7), the weekend is closed (weights 0.5 0.5). */
    scn = load();
    double expect = (6.0 * 17.0 / 24.0 + 1.0) / 7.0;
    assert_true(fabs(demand_closed_share(scn, 0) - expect) < 1e-12);
    assert_true(demand_closed_share(scn, 1) == 0.0); /* no volume */
    scenario_free(scn);
}

static void closed_warning_should_name_the_channel_and_the_share(void **state)
{
    (void)state;
    char buf[1024];
    scenario *scn = load();
    assert_int_equal(demand_closed_warning(scn, 0, buf, sizeof buf), 1);
    char want[512];
    snprintf(want, sizeof want,
             "channels[0] (phone): %.1f%% of the weekly volume arrives while closed and is lost "
             "(when_closed \"lost\")",
             100.0 * (6.0 * 17.0 / 24.0 + 1.0) / 7.0);
    assert_string_equal(buf, want);
    assert_non_null(strstr(buf, ": 75.0% of the weekly volume"));
    /* e-mail waits: no warning however much arrives while closed */
    assert_int_equal(demand_closed_warning(scn, 1, buf, sizeof buf), 0);
    assert_string_equal(buf, "");
    scenario_free(scn);

    scn = load_text(spread_json);
    assert_int_equal(demand_closed_warning(scn, 0, buf, sizeof buf), 1);
    assert_string_equal(buf,
                        "channels[0] (phone): 14.3% of the weekly volume arrives while closed and "
                        "is lost (when_closed \"lost\"): without an intraday profile each day's "
                        "volume arrives over its opening hours, but sat, sun have a weekday weight "
                        "and no opening hours (a weekday weight of 0 says no contacts come that "
                        "day)");
    assert_int_equal(demand_closed_warning(scn, 1, buf, sizeof buf), 0); /* chat hops */
    assert_int_equal(demand_closed_warning(scn, 2, buf, sizeof buf), 1);
    assert_string_equal(buf,
                        "channels[2] (late): 2.9% of the weekly volume arrives while closed and is "
                        "lost (when_closed \"lost\"): without an intraday profile each day's "
                        "volume arrives over its opening hours, but a window that opens or closes "
                        "inside a 3600-second interval lets part of that interval's volume arrive "
                        "while closed");
    scenario_free(scn);
}

/* by_segment without a shape: needs arrive over the hours of the channels the segment
 * prefers (09:00-17:00), and the first channel is drawn among the open ones. */
static const char *segment_json =
    "{\"name\": \"seg\", \"interval_s\": 3600,"
    " \"demand\": {\"mode\": \"by_segment\", \"daily_volume\": 1000},"
    " \"channels\": ["
    "  {\"name\": \"phone\", \"kind\": \"voice\", \"handle_time\": {\"mean_s\": 300},"
    "   \"hours\": {\"all\": [[\"09:00\", \"17:00\"]]}, \"agents\": 1},"
    "  {\"name\": \"email\", \"kind\": \"deferred\", \"handle_time\": {\"mean_s\": 300},"
    "   \"hours\": {\"all\": [[\"09:00\", \"12:30\"]]}, \"agents\": 1}],"
    " \"segments\": [{\"name\": \"a\", \"share\": 1,"
    "                 \"preference\": {\"phone\": 0.5, \"email\": 0.5}}]}";

static void segment_rates_should_follow_the_open_channels(void **state)
{
    (void)state;
    scenario *scn = load_text(segment_json);
    double per_h = 1000.0 / 8.0 / H; /* needs per second while some channel is open */
    assert_true(fabs(demand_rate(scn, 0, 10 * H) - per_h) < 1e-15);
    assert_true(demand_rate(scn, 0, 20 * H) == 0.0);
    double rate[2], closed[2], seg[2];
    demand_rates_week(scn, 10, rate, closed, seg); /* Monday 10:00: both open */
    assert_true(fabs(rate[0] - 0.5 * per_h) < 1e-15 && fabs(rate[1] - 0.5 * per_h) < 1e-15);
    /* 12:00-13:00: both open for half an hour, then only phone takes the segment's needs */
    demand_rates_week(scn, 12, rate, closed, seg);
    assert_true(fabs(rate[0] - 0.75 * per_h) < 1e-15);
    assert_true(fabs(rate[1] - 0.25 * per_h) < 1e-15);
    assert_true(closed[0] == 0.0 && closed[1] == 0.0);
    assert_true(seg[0] == rate[0] && seg[1] == rate[1]);
    demand_rates_week(scn, 14, rate, closed, seg);
    assert_true(fabs(rate[0] - per_h) < 1e-15 && rate[1] == 0.0);
    assert_true(demand_channel_rate_week(scn, 0, 14) == rate[0]);
    demand_rates_week(scn, 20, rate, closed, seg);
    assert_true(rate[0] == 0.0 && rate[1] == 0.0);
    assert_true(demand_closed_share(scn, 0) == 0.0 && demand_closed_share(scn, 1) == 0.0);
    scenario_free(scn);
}

static void fold_count_should_count_the_weeks_after_the_warm_up(void **state)
{
    (void)state;
    /* 10 days from a Wednesday with a one-day warm-up: Wednesday occurs twice but its first
     * occurrence is the warm-up, Thursday and Friday count twice, every other day once. */
    const char *text =
        "{\"name\": \"fold\", \"interval_s\": 3600, \"horizon_days\": 10,"
        " \"start_weekday\": \"wed\", \"warmup_s\": 86400,"
        " \"channels\": [{\"name\": \"phone\", \"kind\": \"voice\","
        "   \"handle_time\": {\"mean_s\": 300}, \"daily_volume\": 10, \"agents\": 1}]}";
    scenario *scn = load_text(text);
    /* days 0..9 are wed thu fri sat sun mon tue wed thu fri; day 0 is warm-up */
    size_t want[7] = {1, 1, 1, 2, 2, 1, 1}; /* mon .. sun */
    for (size_t wd = 0; wd < 7; wd++)
        for (size_t i = 0; i < 24; i++)
            assert_int_equal(hours_fold_count(scn, wd * 24 + i), want[wd]);
    scenario_free(scn);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(weekday_should_count_from_the_start_weekday),
        cmocka_unit_test(is_open_should_follow_the_windows_with_half_open_ends),
        cmocka_unit_test(next_open_should_skip_breaks_nights_and_weekends),
        cmocka_unit_test(rate_should_be_volume_times_weekday_times_intraday),
        cmocka_unit_test(without_a_shape_each_day_should_arrive_over_its_opening_hours),
        cmocka_unit_test(closed_share_should_count_the_volume_that_arrives_while_closed),
        cmocka_unit_test(closed_warning_should_name_the_channel_and_the_share),
        cmocka_unit_test(segment_rates_should_follow_the_open_channels),
        cmocka_unit_test(fold_count_should_count_the_weeks_after_the_warm_up),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
