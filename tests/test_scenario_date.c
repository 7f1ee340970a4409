/* test_scenario_date.c -- dates and time zones (scenario_date.h) and a scenario with dates:
 * strict date parsing, day numbers against known dates and a round trip over the whole range,
 * weekdays, the two daylight-saving transition days of Europe/Amsterdam (23 and 25 hours,
 * with their wall-clock interval factors), TZ left as it was, and the loader: the weekday
 * taken from start_date, its checks, and the demand rate on both transition days. */
#define _POSIX_C_SOURCE 200809L /* setenv */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "test_scenario_util.h"

#include "demand.h"
#include "hours.h"
#include "scenario.h"
#include "scenario_date.h"
#include "scenario_load.h"
#include "sim_alloc.h"

static void parse_should_accept_real_dates_only(void **state)
{
    (void)state;
    scenario_date d;
    assert_true(scenario_date_parse("2026-03-29", &d));
    assert_int_equal(d.year, 2026);
    assert_int_equal(d.month, 3);
    assert_int_equal(d.day, 29);
    assert_true(scenario_date_parse("2028-02-29", &d));  /* leap year */
    assert_true(scenario_date_parse("2000-02-29", &d));  /* divisible by 400 */
    const char *bad[] = {"2026-02-29", "2100-02-29", "2026-13-01", "2026-04-31", "2026-1-05",
                         "2026/01/05", "26-01-05", "2026-01-05T00", "1899-12-31", "2201-01-01",
                         "", "2026-00-10", "2026-01-00"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_false(scenario_date_parse(bad[i], &d));
    char buf[16];
    scenario_date x = {2026, 1, 5};
    assert_string_equal(scenario_date_format(x, buf, sizeof buf), "2026-01-05");
}

static void day_numbers_should_match_known_dates_and_round_trip(void **state)
{
    (void)state;
    assert_int_equal(scenario_date_to_days((scenario_date){1970, 1, 1}), 0);
    assert_int_equal(scenario_date_to_days((scenario_date){2000, 3, 1}), 11017);
    assert_int_equal(scenario_date_to_days((scenario_date){1900, 1, 1}), -25567);
    assert_int_equal(scenario_date_to_days((scenario_date){2026, 12, 3}), 20790);
    long z0 = scenario_date_to_days((scenario_date){1900, 1, 1});
    long z1 = scenario_date_to_days((scenario_date){2200, 12, 31});
    scenario_date prev = scenario_date_from_days(z0 - 1);
    for (long z = z0; z <= z1; z++) {
        scenario_date d = scenario_date_from_days(z);
        assert_int_equal(scenario_date_to_days(d), z);
        /* consecutive: the next day, or the first of the next month or year */
        int next_day = d.year == prev.year && d.month == prev.month && d.day == prev.day + 1;
        int next_month = d.day == 1 && ((d.year == prev.year && d.month == prev.month + 1) ||
                                        (d.year == prev.year + 1 && d.month == 1));
        assert_true(next_day || next_month);
        prev = d;
    }
}

static void weekday_should_follow_the_date(void **state)
{
    (void)state;
    assert_int_equal(scenario_date_weekday((scenario_date){1970, 1, 1}), 3); /* Thursday */
    assert_int_equal(scenario_date_weekday((scenario_date){2026, 12, 3}), 3); /* Thursday */
    assert_int_equal(scenario_date_weekday((scenario_date){2026, 3, 29}), 6); /* Sunday */
    assert_int_equal(scenario_date_weekday((scenario_date){2027, 4, 27}), 1); /* Koningsdag, Tue */
    assert_int_equal(scenario_date_weekday((scenario_date){1900, 1, 1}), 0);  /* Monday */
}

static void amsterdam_should_have_a_23_and_a_25_hour_day_in_2026(void **state)
{
    (void)state;
    setenv("TZ", "UTC", 1);
    size_t n = 0, *day = NULL;
    double *f = NULL;
    sim_error err;
    /* 2026-03-01 .. 2026-12-31: summer time starts on 29 March, ends on 25 October. */
    assert_int_equal(scenario_date_transitions("Europe/Amsterdam", (scenario_date){2026, 3, 1},
                                               306, 900.0, 96, &n, &day, &f, &err),
                     SIM_OK);
    assert_int_equal(n, 2);
    assert_int_equal(day[0], 28);  /* 2026-03-29 */
    assert_int_equal(day[1], 238); /* 2026-10-25 */
    double sum0 = 0.0, sum1 = 0.0;
    for (size_t i = 0; i < 96; i++) {
        int skipped = i >= 8 && i < 12; /* 02:00-03:00 */
        assert_true(f[i] == (skipped ? 0.0 : 1.0));
        assert_true(f[96 + i] == (skipped ? 2.0 : 1.0));
        sum0 += f[i];
        sum1 += f[96 + i];
    }
    assert_true(sum0 == 92.0); /* 23 hours */
    assert_true(sum1 == 100.0); /* 25 hours */
    sim_free(day);
    sim_free(f);
    assert_string_equal(getenv("TZ"), "UTC"); /* put back */

    assert_int_equal(scenario_date_transitions("UTC", (scenario_date){2026, 1, 1}, 365, 900.0,
                                               96, &n, &day, &f, &err),
                     SIM_OK);
    assert_int_equal(n, 0);
    assert_null(day);
    assert_int_equal(scenario_date_transitions("Europe/Amstredam", (scenario_date){2026, 1, 1},
                                               365, 900.0, 96, &n, &day, &f, &err),
                     SIM_EINVAL);
    assert_non_null(strstr(err.message, "Europe/Amstredam"));
    assert_false(scenario_date_zone_exists("../etc/passwd"));
    assert_false(scenario_date_zone_exists("/etc/localtime"));
    assert_true(scenario_date_zone_exists("Europe/Amsterdam"));
}

#define DATED(extra)                                                                       \
    "{\"name\": \"dated\", " extra " \"horizon_days\": 240, \"interval_s\": 900,"           \
    " \"channels\": [{\"name\": \"phone\", \"kind\": \"voice\", \"handle_time\": {\"mean_s\": 300}," \
    "   \"hours\": \"24/7\", \"daily_volume\": 9600, \"agents\": 10," \
    "   \"intraday\": " TEST_FLAT_96 "}]}"

static int load_errors(const char *json, const char *path, const char *needle)
{
    scenario *scn = NULL;
    scenario_diag diag;
    scenario_diag_init(&diag);
    sim_status st = scenario_load_string(json, strlen(json), "<test>", NULL, &scn, &diag);
    int found = 0;
    for (size_t i = 0; i < scenario_diag_count(&diag); i++) {
        const scenario_diag_entry *e = scenario_diag_get(&diag, i);
        if (strcmp(e->path, path) == 0 && strstr(e->message, needle) != NULL)
            found = 1;
    }
    scenario_diag_fini(&diag);
    scenario_free(scn);
    return st != SIM_OK && found;
}

static void loader_should_take_the_weekday_from_the_start_date(void **state)
{
    (void)state;
    scenario *scn = test_scenario_load(DATED("\"start_date\": \"2026-03-01\","));
    assert_true(scn->has_dates);
    assert_int_equal(scn->start_weekday, 6); /* 2026-03-01 is a Sunday */
    assert_int_equal(hours_weekday(scn, 86400.0), 0);
    assert_int_equal(scn->n_dst_days, 0); /* no time zone: 24-hour days */
    scenario_free(scn);
    scn = test_scenario_load(DATED("\"start_date\": \"2026-03-01\", \"start_weekday\": \"sun\","));
    assert_int_equal(scn->start_weekday, 6);
    scenario_free(scn);
    assert_true(load_errors(DATED("\"start_date\": \"2026-03-01\", \"start_weekday\": \"mon\","),
                            "start_weekday", "disagrees with start_date 2026-03-01, a sun"));
    assert_true(load_errors(DATED("\"start_date\": \"2026-02-30\","), "start_date",
                            "not a date"));
    assert_true(load_errors(DATED("\"time_zone\": \"Europe/Amsterdam\","), "time_zone",
                            "needs a start_date"));
    assert_true(load_errors(DATED("\"start_date\": \"2026-03-01\", \"time_zone\": \"Mars/Base\","),
                            "time_zone", "'Mars/Base' is not a zone"));
}

static void demand_should_skip_and_double_the_hour_on_transition_days(void **state)
{
    (void)state;
    scenario *scn = test_scenario_load(
        DATED("\"start_date\": \"2026-03-01\", \"time_zone\": \"Europe/Amsterdam\","));
    assert_int_equal(scn->n_dst_days, 2);
    double flat = 9600.0 / 86400.0; /* arrivals per second on a 24-hour day */
    double d28 = 28 * 86400.0, d238 = 238 * 86400.0;
    assert_true(fabs(demand_rate(scn, 0, d28 + 1.5 * 3600) - flat) < 1e-12);  /* 01:30 */
    assert_true(demand_rate(scn, 0, d28 + 2.5 * 3600) == 0.0);                /* 02:30 */
    assert_true(fabs(demand_rate(scn, 0, d28 + 3.5 * 3600) - flat) < 1e-12);  /* 03:30 */
    assert_true(fabs(demand_rate(scn, 0, d238 + 2.5 * 3600) - 2 * flat) < 1e-12);
    assert_true(fabs(demand_rate(scn, 0, d238 + 4.5 * 3600) - flat) < 1e-12);
    assert_true(fabs(demand_rate(scn, 0, 27 * 86400.0 + 2.5 * 3600) - flat) < 1e-12);
    assert_true(scenario_wall_factor(scn, 28, 8) == 0.0);
    assert_true(scenario_wall_factor(scn, 238, 11) == 2.0);
    assert_true(scenario_wall_factor(scn, 100, 9) == 1.0);
    scenario_free(scn);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parse_should_accept_real_dates_only),
        cmocka_unit_test(day_numbers_should_match_known_dates_and_round_trip),
        cmocka_unit_test(weekday_should_follow_the_date),
        cmocka_unit_test(amsterdam_should_have_a_23_and_a_25_hour_day_in_2026),
        cmocka_unit_test(loader_should_take_the_weekday_from_the_start_date),
        cmocka_unit_test(demand_should_skip_and_double_the_hour_on_transition_days),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
