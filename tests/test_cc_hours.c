/* test_cc_hours.c -- opening hours on the simulation clock and demand rates (cc_hours.h,
 * cc_demand.h): known answers on a small scenario. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "cc_demand.h"
#include "cc_hours.h"
#include "scenario.h"

static const char *json =
    "{\"name\": \"hours\", \"start_weekday\": \"wed\", \"interval_s\": 3600,"
    " \"channels\": ["
    "  {\"name\": \"phone\", \"kind\": \"voice\", \"handle_time\": {\"mean_s\": 300},"
    "   \"hours\": {\"weekdays\": [[\"09:00\", \"12:00\"], [\"13:00\", \"17:00\"]]},"
    "   \"daily_volume\": 240, \"weekday\": [1, 1, 2, 1, 1, 0.5, 0.5], \"agents\": 1},"
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
    assert_int_equal(cc_hours_weekday(scn, 0.0), 2);        /* Wednesday */
    assert_int_equal(cc_hours_weekday(scn, 3 * D), 5);      /* Saturday */
    assert_int_equal(cc_hours_weekday(scn, 5 * D - 1), 6);  /* Sunday 23:59:59 */
    assert_int_equal(cc_hours_weekday(scn, 5 * D), 0);      /* Monday */
    scenario_free(scn);
}

static void is_open_should_follow_the_windows_with_half_open_ends(void **state)
{
    (void)state;
    scenario *scn = load();
    assert_false(cc_hours_is_open(scn, 0, 9 * H - 1));
    assert_true(cc_hours_is_open(scn, 0, 9 * H));
    assert_false(cc_hours_is_open(scn, 0, 12 * H));  /* lunch break */
    assert_true(cc_hours_is_open(scn, 0, 13 * H));
    assert_false(cc_hours_is_open(scn, 0, 17 * H));
    assert_false(cc_hours_is_open(scn, 0, 3 * D + 10 * H)); /* Saturday */
    assert_false(cc_hours_is_open(scn, 1, 10 * H));
    assert_true(cc_hours_is_open(scn, 2, 23.99 * H));
    assert_true(cc_hours_ever_open(scn, 0));
    assert_false(cc_hours_ever_open(scn, 1));
    scenario_free(scn);
}

static void next_open_should_skip_breaks_nights_and_weekends(void **state)
{
    (void)state;
    scenario *scn = load();
    assert_true(cc_hours_next_open(scn, 0, 10 * H) == 10 * H);            /* open now */
    assert_true(cc_hours_next_open(scn, 0, 12.5 * H) == 13 * H);          /* after lunch */
    assert_true(cc_hours_next_open(scn, 0, 18 * H) == D + 9 * H);         /* Thursday */
    assert_true(cc_hours_next_open(scn, 0, 2 * D + 17 * H) == 5 * D + 9 * H); /* Fri -> Mon */
    assert_true(isinf(cc_hours_next_open(scn, 1, 0.0)));
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
    assert_true(fabs(cc_demand_rate(scn, 0, 10 * H) - wed) < 1e-12);
    assert_true(fabs(cc_demand_rate(scn, 0, 3 * D + 1) - sat) < 1e-12);
    assert_true(cc_demand_rate(scn, 1, 10 * H) == 0.0); /* no volume */
    assert_int_equal(cc_demand_sources(scn), 3);
    scenario_free(scn);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(weekday_should_count_from_the_start_weekday),
        cmocka_unit_test(is_open_should_follow_the_windows_with_half_open_ends),
        cmocka_unit_test(next_open_should_skip_breaks_nights_and_weekends),
        cmocka_unit_test(rate_should_be_volume_times_weekday_times_intraday),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
