/* test_scenario_date.c -- dates and time zones (scenario_date.h) and a scenario with dates:
 * strict date parsing, day numbers against known dates and a round trip over the whole range,
 * weekdays, the two daylight-saving transition days of Europe/Amsterdam (23 and 25 hours,
 * with their wall-clock interval factors), TZ left as it was, and the loader: the weekday
 * taken from start_date, its checks, and the demand rate on both transition days. Special
 * days: Easter by the anonymous Gregorian algorithm, the shipped Dutch holiday list against
 * the rules that define it, special days (file and inline) closing or reshaping a day for the
 * opening hours and the demand, and every bad special-days file reported at once. ISO weeks
 * and seasonality by month and by ISO week. */
#define _POSIX_C_SOURCE 200809L /* setenv */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "test_scenario_util.h"

#include "demand.h"
#include "hours.h"
#include "scenario.h"
#include "scenario_date.h"
#include "scenario_load.h"
#include "csvread.h"
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


static void easter_should_match_known_dates(void **state)
{
    (void)state;
    static const int known[][3] = {{2024, 3, 31}, {2025, 4, 20}, {2026, 4, 5}, {2027, 3, 28},
                                   {2000, 4, 23}, {1961, 4, 2},  {2038, 4, 25}, {1818, 3, 22},
                                   {2285, 3, 22}, {1943, 4, 25}, {2019, 4, 21}, {2011, 4, 24}};
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
        scenario_date e = scenario_date_easter(known[i][0]);
        assert_int_equal(e.month, known[i][1]);
        assert_int_equal(e.day, known[i][2]);
    }
    for (int y = 1900; y <= 2200; y++) /* always a Sunday, 22 March .. 25 April */
        assert_int_equal(scenario_date_weekday(scenario_date_easter(y)), 6);
}

typedef struct holidays {
    size_t n;
    long day[64];
    int closed[64];
} holidays;

static sim_status holiday_row(const csvread_row *row, void *data, sim_error *err)
{
    holidays *h = data;
    scenario_date d;
    if (row->index == 0)
        return SIM_OK;
    if (row->n < 3 || !scenario_date_parse(row->field[0], &d) || h->n >= 64)
        return csvread_error(err, SIM_EINVAL, row, 0, "bad row");
    h->day[h->n] = scenario_date_to_days(d);
    h->closed[h->n] = strcmp(row->field[2], "true") == 0;
    h->n++;
    return SIM_OK;
}

static void dutch_holiday_list_should_follow_the_official_rules(void **state)
{
    (void)state;
    holidays h = {0};
    sim_error err;
    assert_int_equal(csvread_file(OMNISIM_SOURCE_DIR "/scenarios/calendars/nl-holidays-2026-2027.csv",
                                  holiday_row, &h, &err),
                     SIM_OK);
    size_t want = 0;
    for (int y = 2026; y <= 2027; y++) {
        long easter = scenario_date_to_days(scenario_date_easter(y));
        scenario_date kd = {y, 4, 27}; /* Koningsdag: 26 April when the 27th is a Sunday */
        if (scenario_date_weekday(kd) == 6)
            kd.day = 26;
        long expect[11] = {scenario_date_to_days((scenario_date){y, 1, 1}), easter - 2, easter,
                           easter + 1, scenario_date_to_days(kd),
                           scenario_date_to_days((scenario_date){y, 5, 5}), easter + 39,
                           easter + 49, easter + 50,
                           scenario_date_to_days((scenario_date){y, 12, 25}),
                           scenario_date_to_days((scenario_date){y, 12, 26})};
        /* Goede Vrijdag and Bevrijdingsdag (no lustrum year) are working days for most */
        int closed[11] = {1, 0, 1, 1, 1, (y % 5) == 0, 1, 1, 1, 1, 1};
        for (size_t k = 0; k < 11; k++) {
            size_t found = 0;
            for (size_t i = 0; i < h.n; i++)
                if (h.day[i] == expect[k]) {
                    found++;
                    assert_int_equal(h.closed[i], closed[k]);
                }
            assert_int_equal(found, 1);
            want++;
        }
    }
    assert_int_equal(h.n, want);
}

#define APRIL(extra)                                                                       \
    "{\"name\": \"april\", \"start_date\": \"2026-04-01\", \"horizon_days\": 60,"           \
    " \"interval_s\": 900, \"special_days_file\": \"calendars/nl-holidays-2026-2027.csv\"," \
    extra                                                                                  \
    " \"channels\": [{\"name\": \"phone\", \"kind\": \"voice\", \"handle_time\": {\"mean_s\": 300}," \
    "   \"hours\": {\"weekdays\": [[\"08:00\", \"18:00\"]]}, \"daily_volume\": 1000," \
    "   \"agents\": 10}]}"

static scenario *load_in(const char *json, const char *dir)
{
    return test_scenario_load_in(json, dir);
}

static void special_days_should_close_and_reshape_days(void **state)
{
    (void)state;
    scenario *scn = load_in(APRIL("\"special_days\": ["
                                  " {\"date\": \"2026-04-03\", \"volume_factor\": 1.5},"
                                  " {\"date\": \"2026-04-27\", \"name\": \"open a little\","
                                  "  \"hours\": [[\"10:00\", \"14:00\"]]}],"),
                            OMNISIM_SOURCE_DIR "/scenarios");
    /* in the horizon: Goede Vrijdag .. Tweede Pinksterdag, 8 days of the file */
    assert_int_equal(scn->n_special_days, 8);
    double H = 3600.0, D = 86400.0;
    /* 2026-04-06 (day 5), Tweede Paasdag: a Monday, closed */
    assert_false(hours_is_open(scn, 0, 5 * D + 10 * H));
    assert_true(hours_is_open(scn, 0, 6 * D + 10 * H));
    /* from Saturday 4 April: Sat, Sun (Easter) and Mon closed, Tuesday 08:00 */
    assert_true(hours_next_open(scn, 0, 3 * D + 10 * H) == 6 * D + 8 * H);
    /* Koningsdag replaced inline: open 10:00-14:00, the day's volume over those 4 hours */
    double k = 26 * D;
    assert_false(hours_is_open(scn, 0, k + 9 * H));
    assert_true(hours_is_open(scn, 0, k + 10 * H));
    assert_false(hours_is_open(scn, 0, k + 14 * H));
    assert_true(hours_next_open(scn, 0, k + 8 * H) == k + 10 * H);
    assert_true(fabs(demand_rate(scn, 0, k + 11 * H) - 1000.0 / (4 * H)) < 1e-12);
    assert_true(demand_rate(scn, 0, k + 9 * H) == 0.0);
    /* Goede Vrijdag x 1.5, against the Thursday before (the same opening-hours shape) */
    assert_true(fabs(demand_rate(scn, 0, 2 * D + 10 * H) -
                     1.5 * demand_rate(scn, 0, 1 * D + 10 * H)) < 1e-12);
    const scenario_special_day *sp = scenario_special_day_find(scn, 26);
    assert_non_null(sp);
    assert_string_equal(sp->name, "open a little");
    assert_null(scenario_special_day_find(scn, 1));
    scenario_free(scn);
}

static void special_days_errors_should_be_listed_at_once(void **state)
{
    (void)state;
    char dir[] = "/tmp/test_special_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/cal.csv", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("date,name,closed,volume_factor,colour\n" /* line 1: unknown column */
          "2026-04-05,Easter,true,\n"
          "2026-04-31,Nope,true,\n"                   /* line 3: no such date */
          "2026-04-06,Monday,maybe,\n"                /* line 4: closed not a boolean */
          "2026-04-07,Tuesday,false,-2\n"             /* line 5: negative factor */
          "2026-04-08,Wednesday,false,lots\n"         /* line 6: not a number */
          "2026-04-05,Easter again,true,\n",          /* line 7: duplicate */
          f);
    fclose(f);
    const char *json = "{\"name\": \"bad\", \"start_date\": \"2026-04-01\", \"horizon_days\": 30,"
                       " \"special_days_file\": \"cal.csv\","
                       " \"special_days\": [{\"date\": \"2026-04-10\", \"closed\": true,"
                       "   \"hours\": [[\"10:00\", \"12:00\"]]}],"
                       " \"channels\": [{\"name\": \"phone\", \"kind\": \"voice\","
                       "   \"handle_time\": {\"mean_s\": 300}, \"daily_volume\": 100, \"agents\": 2}]}";
    scenario *scn = NULL;
    scenario_diag diag;
    scenario_diag_init(&diag);
    scenario_load_opts o = {0};
    o.base_dir = dir;
    assert_int_equal(scenario_load_string(json, strlen(json), "<test>", &o, &scn, &diag),
                     SIM_EINVAL);
    static const struct {
        int line, column;
        const char *needle;
    } want[] = {{1, 5, "unknown column 'colour'"}, {3, 1, "date: expected YYYY-MM-DD"},
                {4, 3, "closed: expected true or false"}, {5, 4, "outside [0, 100]"},
                {6, 4, "volume_factor: expected a number"}, {7, 1, "appears twice (also on line 2)"}};
    for (size_t w = 0; w < sizeof want / sizeof want[0]; w++) {
        int found = 0;
        for (size_t i = 0; i < scenario_diag_count(&diag); i++) {
            const scenario_diag_entry *e = scenario_diag_get(&diag, i);
            if (strstr(e->file, "cal.csv") != NULL && e->line == want[w].line &&
                e->column == want[w].column && strstr(e->message, want[w].needle) != NULL)
                found = 1;
        }
        if (!found)
            print_message("missing: line %d column %d '%s'\n", want[w].line, want[w].column,
                          want[w].needle);
        assert_true(found);
    }
    int both = 0;
    for (size_t i = 0; i < scenario_diag_count(&diag); i++)
        both |= strcmp(scenario_diag_get(&diag, i)->path, "special_days[0].hours") == 0;
    assert_true(both);
    scenario_diag_fini(&diag);
    remove(path);
    rmdir(dir);
    assert_true(load_errors(DATED("\"special_days\": [{\"date\": \"2026-04-10\"}],"),
                            "special_days", "need a start_date"));
    assert_true(load_errors(DATED("\"start_date\": \"2026-03-01\", \"special_days\": ["
                                  "{\"date\": \"2026-04-10\"}, {\"date\": \"2026-04-10\"}],"),
                            "special_days[1].date", "appears twice"));
}

static void iso_week_should_match_known_weeks(void **state)
{
    (void)state;
    static const int known[][4] = {{2026, 1, 1, 1},   {2027, 1, 1, 53}, {2021, 1, 3, 53},
                                   {2024, 12, 30, 1}, {2026, 12, 28, 53}, {2026, 3, 29, 13},
                                   {2025, 12, 29, 1}, {2020, 12, 31, 53}, {2026, 12, 3, 49}};
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        assert_int_equal(scenario_date_iso_week((scenario_date){known[i][0], known[i][1],
                                                                known[i][2]}),
                         known[i][3]);
}

#define MONTHS "[1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3]"

static void seasonality_should_scale_each_day_by_its_month_or_week(void **state)
{
    (void)state;
    double flat = 9600.0 / 86400.0, H = 3600.0, D = 86400.0;
    /* from Friday 30 January 2026: day 1 is 31 January, day 2 is 1 February */
    scenario *scn = test_scenario_load(DATED("\"start_date\": \"2026-01-30\","
                                             " \"seasonality\": {\"month\": " MONTHS "},"));
    assert_true(fabs(demand_rate(scn, 0, 1 * D + 10 * H) - flat) < 1e-12);
    assert_true(fabs(demand_rate(scn, 0, 2 * D + 10 * H) - 2 * flat) < 1e-12);
    assert_true(fabs(demand_rate(scn, 0, 29 * D + 10 * H) - 2 * flat) < 1e-12); /* 28 Feb */
    assert_true(fabs(demand_rate(scn, 0, 30 * D + 10 * H) - flat) < 1e-12);     /* 1 March */
    scenario_free(scn);
    /* ISO weeks: 2026-12-27 is in week 52, 2026-12-28 .. 2027-01-03 in week 53 */
    char weeks[400] = "[1";
    for (int w = 2; w <= 53; w++)
        snprintf(weeks + strlen(weeks), sizeof weeks - strlen(weeks), ", %d", w == 53 ? 4 : 1);
    strcat(weeks, "]");
    char json[2048];
    snprintf(json, sizeof json,
             DATED("\"start_date\": \"2026-12-27\", \"seasonality\": {\"iso_week\": %s},"),
             weeks);
    scn = test_scenario_load(json);
    assert_true(fabs(demand_rate(scn, 0, 0 * D + 10 * H) - flat) < 1e-12);
    assert_true(fabs(demand_rate(scn, 0, 1 * D + 10 * H) - 4 * flat) < 1e-12);
    assert_true(fabs(demand_rate(scn, 0, 7 * D + 10 * H) - 4 * flat) < 1e-12);  /* 3 Jan 2027 */
    assert_true(fabs(demand_rate(scn, 0, 8 * D + 10 * H) - flat) < 1e-12);      /* week 1 */
    scenario_free(scn);
    assert_true(load_errors(DATED("\"seasonality\": {\"month\": " MONTHS "},"), "seasonality",
                            "needs a start_date"));
    assert_true(load_errors(DATED("\"start_date\": \"2026-01-30\", \"seasonality\": "
                                  "{\"month\": [1, 2]},"),
                            "seasonality.month", "expected 12 values, got 2"));
    assert_true(load_errors(DATED("\"start_date\": \"2026-01-30\", \"seasonality\": {\"month\": "
                                  MONTHS ", \"iso_week\": [1]},"),
                            "seasonality", "give one of month"));
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
        cmocka_unit_test(easter_should_match_known_dates),
        cmocka_unit_test(dutch_holiday_list_should_follow_the_official_rules),
        cmocka_unit_test(special_days_should_close_and_reshape_days),
        cmocka_unit_test(special_days_errors_should_be_listed_at_once),
        cmocka_unit_test(iso_week_should_match_known_weeks),
        cmocka_unit_test(seasonality_should_scale_each_day_by_its_month_or_week),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
