/* test_scenario_forecast.c -- demand.forecast_file (scenario_forecast.h): the file's volumes
 * become the arrival rates (one-week and dated layouts, longer and shorter file intervals,
 * several queues into one channel), and every class of bad file is reported at once with its
 * file, line and column. */
#define _XOPEN_SOURCE 700 /* mkdtemp */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "demand.h"
#include "scenario.h"
#include "scenario_load.h"
#include "test_scenario_util.h"

/* |a - b| <= tol (cmocka's assert_float_equal works in float) */
#define assert_near(a, b, tol) assert_true(fabs((a) - (b)) <= (tol))

static char dir[64];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/test_forecast_XXXXXX");
    return mkdtemp(dir) == NULL ? -1 : 0;
}

static int teardown(void **state)
{
    (void)state;
    char p[128];
    static const char *const names[] = {"fc.csv"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, names[i]);
        remove(p);
    }
    return rmdir(dir);
}

static void write_file(const char *text)
{
    char p[128];
    snprintf(p, sizeof p, "%s/fc.csv", dir);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* A one-week file of `minutes`-minute intervals for the queues given, volume of queue q in
 * interval k of weekday d = (q + 1) * (d + 1) + k % 7 (distinct everywhere). Caller frees. */
static char *week_file(size_t minutes, const char *const *queues, size_t nq)
{
    static const char *const wd[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    size_t per = 1440 / minutes, cap = 64 + 7 * per * nq * 40;
    char *t = malloc(cap);
    assert_non_null(t);
    size_t n = (size_t)snprintf(t, cap, "weekday,interval_start,queue,volume\n");
    for (size_t d = 0; d < 7; d++)
        for (size_t k = 0; k < per; k++)
            for (size_t q = 0; q < nq; q++) {
                size_t m = k * minutes;
                n += (size_t)snprintf(t + n, cap - n, "%s,%02zu:%02zu,%s,%zu\n", wd[d], m / 60,
                                      m % 60, queues[q], (q + 1) * (d + 1) + k % 7);
            }
    return t;
}

static double want_volume(size_t q, size_t d, size_t k)
{
    return (double)((q + 1) * (d + 1) + k % 7);
}

#define CHANNELS                                                                                 \
    " \"channels\": [{\"name\": \"phone\", \"kind\": \"voice\", \"handle_time\": {\"mean_s\": 300}," \
    "   \"daily_volume\": 100, \"agents\": 5},"                                                     \
    "  {\"name\": \"chat\", \"kind\": \"chat\", \"handle_time\": {\"mean_s\": 300},"                \
    "   \"daily_volume\": 100, \"agents\": 5}]}"

/* Load json (with the file in dir); returns the status, diagnostics in *diag. */
static sim_status load(const char *json, scenario **scn, scenario_diag *diag)
{
    scenario_load_opts o = {0};
    o.base_dir = dir;
    *scn = NULL;
    return scenario_load_string(json, strlen(json), "<test>", &o, scn, diag);
}

static scenario *load_ok(const char *json)
{
    return test_scenario_load_in(json, dir);
}

static void week_file_should_give_the_rates(void **state)
{
    (void)state;
    /* 30-minute file into 15-minute scenario intervals: each half of a file interval gets
     * half its volume; queues a and b both feed phone, c feeds chat */
    static const char *const q[] = {"a", "b", "c"};
    char *t = week_file(30, q, 3);
    write_file(t);
    free(t);
    scenario *scn = load_ok("{\"name\": \"fc\", \"horizon_days\": 14, \"interval_s\": 900,"
                            " \"demand\": {\"forecast_file\": \"fc.csv\","
                            "  \"forecast_interval_min\": 30,"
                            "  \"queue_map\": {\"a\": \"phone\", \"b\": \"phone\", \"c\": \"chat\"}},"
                            CHANNELS);
    assert_true(scn->forecast_channel[0] && scn->forecast_channel[1]);
    for (size_t day = 0; day < 14; day++)
        for (size_t i = 0; i < 96; i++) {
            size_t d = day % 7, k = i / 2;
            double t_s = (double)day * 86400.0 + ((double)i + 0.5) * 900.0;
            double phone = (want_volume(0, d, k) + want_volume(1, d, k)) / 2.0 / 900.0;
            double chat = want_volume(2, d, k) / 2.0 / 900.0;
            assert_near(demand_rate(scn, 0, t_s), phone, 1e-12);
            assert_near(demand_rate(scn, 1, t_s), chat, 1e-12);
            if (day < 7)
                assert_near(demand_channel_rate_week(scn, 0, d * 96 + i), phone, 1e-12);
        }
    /* the daily volume shown is the file's mean day */
    double tot = 0.0;
    for (size_t d = 0; d < 7; d++)
        for (size_t k = 0; k < 48; k++)
            tot += want_volume(2, d, k);
    assert_near(scn->channels[1].daily_volume, tot / 7.0, 1e-9);
    scenario_free(scn);
}

static void short_file_intervals_should_be_summed(void **state)
{
    (void)state;
    /* 15-minute file, one-hour scenario intervals; no queue_map: queues are channel names,
     * and chat, which the file does not name, keeps its daily volume */
    static const char *const q[] = {"phone"};
    char *t = week_file(15, q, 1);
    write_file(t);
    free(t);
    scenario *scn = load_ok("{\"name\": \"fc\", \"horizon_days\": 7, \"interval_s\": 3600,"
                            " \"demand\": {\"forecast_file\": \"fc.csv\","
                            "  \"forecast_interval_min\": 15, \"intraday\": " 
                            "[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]}," CHANNELS);
    assert_true(scn->forecast_channel[0]);
    assert_false(scn->forecast_channel[1]);
    for (size_t d = 0; d < 7; d++)
        for (size_t h = 0; h < 24; h++) {
            double v = 0.0;
            for (size_t j = 0; j < 4; j++)
                v += want_volume(0, d, h * 4 + j);
            double t_s = (double)d * 86400.0 + (double)h * 3600.0 + 10.0;
            assert_near(demand_rate(scn, 0, t_s), v / 3600.0, 1e-12);
            assert_near(demand_rate(scn, 1, t_s), 100.0 / 24.0 / 3600.0, 1e-12);
        }
    scenario_free(scn);
}

static void dated_file_should_place_rows_on_their_dates(void **state)
{
    (void)state;
    /* two days from Wednesday 2026-03-04, hourly; the week table of a Wednesday is day 0 */
    char t[8192];
    size_t n = (size_t)snprintf(t, sizeof t, "date,interval_start,queue,volume\n");
    for (int d = 0; d < 2; d++)
        for (int h = 0; h < 24; h++)
            n += (size_t)snprintf(t + n, sizeof t - n, "2026-03-0%d,%02d:00,phone,%d\n", 4 + d,
                                  h, 10 * d + h);
    write_file(t);
    scenario *scn = load_ok("{\"name\": \"fc\", \"start_date\": \"2026-03-04\","
                            " \"horizon_days\": 2, \"interval_s\": 3600,"
                            " \"demand\": {\"forecast_file\": \"fc.csv\"}," CHANNELS);
    assert_true(scn->forecast_by_date);
    assert_near(demand_rate(scn, 0, 86400.0 + 5 * 3600.0 + 1.0), 15.0 / 3600.0, 1e-12);
    assert_near(demand_channel_rate_week(scn, 0, 2 * 24 + 7), 7.0 / 3600.0, 1e-12);
    assert_near(demand_channel_rate_week(scn, 0, 3 * 24 + 7), 17.0 / 3600.0, 1e-12);
    assert_near(demand_channel_rate_week(scn, 0, 0 * 24 + 7), 0.0, 0.0);
    scenario_free(scn);
}

typedef struct want {
    int line, column;
    const char *needle;
} want;

/* Load json and require an error (SIM_EINVAL) with every message of w at its position, in
 * the forecast file (line > 0 or file-level 0) or, for line < 0, at JSON path `needle`'s
 * message. Returns the number of diagnostics. */
static size_t expect_errors(const char *json, const want *w, size_t nw)
{
    scenario *scn;
    scenario_diag diag;
    scenario_diag_init(&diag);
    sim_status st = load(json, &scn, &diag);
    if (st != SIM_EINVAL)
        print_message("%s\n", json);
    assert_int_equal(st, SIM_EINVAL);
    assert_null(scn);
    for (size_t k = 0; k < nw; k++) {
        int found = 0;
        for (size_t i = 0; i < scenario_diag_count(&diag); i++) {
            const scenario_diag_entry *e = scenario_diag_get(&diag, i);
            int here = w[k].line < 0 ? 1
                                     : strstr(e->file, "fc.csv") != NULL && e->line == w[k].line &&
                                           e->column == w[k].column;
            if (here && strstr(e->message, w[k].needle) != NULL)
                found = 1;
        }
        if (!found) {
            char buf[1024];
            for (size_t i = 0; i < scenario_diag_count(&diag); i++)
                print_message("%s\n",
                              scenario_diag_format(scenario_diag_get(&diag, i), buf, sizeof buf));
            print_message("missing: line %d column %d '%s'\n", w[k].line, w[k].column,
                          w[k].needle);
        }
        assert_true(found);
    }
    size_t n = scenario_diag_count(&diag);
    scenario_diag_fini(&diag);
    return n;
}

#define WEEK_JSON(extra)                                                                 \
    "{\"name\": \"fc\", \"horizon_days\": 7, \"interval_s\": 3600,"                       \
    " \"demand\": {\"forecast_file\": \"fc.csv\"" extra "," \
    "  \"queue_map\": {\"a\": \"phone\"}}," CHANNELS

/* Replace line `line` (1-based) of text with `with` (a whole line, newline included). */
static void replace_line(char *text, int line, const char *with)
{
    char *p = text;
    for (int l = 1; l < line; l++)
        p = strchr(p, '\n') + 1;
    char *end = strchr(p, '\n') + 1;
    size_t wl = strlen(with), rest = strlen(end);
    memmove(p + wl, end, rest + 1);
    memcpy(p, with, wl);
}

static void bad_rows_should_all_be_reported(void **state)
{
    (void)state;
    static const char *const q[] = {"a"};
    char *week = week_file(60, q, 1);
    char *t = malloc(strlen(week) + 512);
    assert_non_null(t);
    strcpy(t, week);
    free(week);
    /* lines: 1 header, then 24 rows a day from Monday: line 2 + 24 * d + h */
    replace_line(t, 2 + 24 * 1 + 6, "tue,06:00,a,-3\n");   /* negative volume */
    replace_line(t, 2 + 24 * 2 + 7, "wed,07:00,a,lots\n"); /* not a number */
    replace_line(t, 2 + 24 * 0 + 5, "mon,04:00,a,1\n");    /* duplicate; mon 05:00 missing */
    replace_line(t, 2 + 24 * 3 + 8, "thu,08:30,a,1\n");    /* not an interval start; thu 08:00 missing */
    replace_line(t, 2 + 24 * 4 + 9, "fri,09:00,zz,1\n");   /* unknown queue; fri 09:00 missing */
    replace_line(t, 2 + 24 * 5 + 1, "someday,01:00,a,1\n"); /* not a weekday */
    write_file(t);
    free(t);
    static const want w[] = {
        {2 + 24 * 1 + 6, 4, "volume: -3 is negative"},
        {2 + 24 * 2 + 7, 4, "volume"},
        {2 + 24 * 0 + 5, 2, "duplicate interval: queue 'a', mon 04:00 is also on line 6"},
        {2 + 24 * 3 + 8, 2, "08:30 is not the start of a 60-minute interval"},
        {2 + 24 * 4 + 9, 3, "unknown queue 'zz'"},
        {2 + 24 * 5 + 1, 1, "weekday: expected mon..sun, got 'someday'"},
        {0, 0, "missing interval: queue 'a' has no row for mon 05:00"},
        {0, 0, "missing interval: queue 'a' has no row for thu 08:00"},
        {0, 0, "missing interval: queue 'a' has no row for fri 09:00"},
        {0, 0, "missing interval: queue 'a' has no row for sat 01:00"},
    };
    size_t n = expect_errors(WEEK_JSON(""), w, sizeof w / sizeof w[0]);
    assert_int_equal(n, sizeof w / sizeof w[0]);
}

static void errors_beyond_the_cap_should_be_counted(void **state)
{
    (void)state;
    char t[4096];
    size_t n = (size_t)snprintf(t, sizeof t, "weekday,interval_start,queue,volume\n");
    for (int k = 0; k < 30; k++)
        n += (size_t)snprintf(t + n, sizeof t - n, "mon,%02d:00,nobody,1\n", k % 24);
    write_file(t);
    static const want w[] = {{2, 3, "unknown queue 'nobody'"}, {21, 3, "unknown queue"},
                             {0, 0, "and 10 more errors"}};
    /* 20 positioned errors and the count */
    assert_int_equal(expect_errors(WEEK_JSON(""), w, 3), 21);
}

static void bad_layouts_should_be_reported(void **state)
{
    (void)state;
    /* a date outside the horizon */
    write_file("date,interval_start,queue,volume\n2026-03-04,00:00,a,1\n2026-03-09,00:00,a,1\n");
    /* (the other 47 hours are missing too) */
    static const want w1[] = {
        {3, 1, "date 2026-03-09 is outside the horizon (2026-03-04 to 2026-03-05)"}};
    expect_errors("{\"name\": \"fc\", \"start_date\": \"2026-03-04\", \"horizon_days\": 2,"
                  " \"interval_s\": 3600, \"demand\": {\"forecast_file\": \"fc.csv\","
                  " \"queue_map\": {\"a\": \"phone\"}}," CHANNELS,
                  w1, 1);
    /* dates without a start_date; an unknown column; a header without volume */
    write_file("date,interval_start,queue,offered\n");
    static const want w2[] = {{1, 1, "a 'date' column needs the scenario's start_date"},
                              {1, 4, "unknown column 'offered'"},
                              {1, 1, "the header has no 'volume' column"}};
    expect_errors(WEEK_JSON(""), w2, 3);
    /* an interval length that does not divide the day, or the scenario's interval */
    write_file("weekday,interval_start,queue,volume\n");
    static const want w3[] = {{-1, 0, "7 minutes does not divide the day"}};
    expect_errors(WEEK_JSON(", \"forecast_interval_min\": 7"), w3, 1);
    static const want w4[] = {{-1, 0, "do not divide one another"}};
    expect_errors("{\"name\": \"fc\", \"horizon_days\": 7, \"interval_s\": 1800,"
                  " \"demand\": {\"forecast_file\": \"fc.csv\", \"forecast_interval_min\": 45},"
                  CHANNELS, w4, 1);
    /* a queue_map naming no channel; a missing file */
    static const want w5[] = {{-1, 0, "no channel named 'fax'"}};
    expect_errors("{\"name\": \"fc\", \"horizon_days\": 7, \"interval_s\": 3600,"
                  " \"demand\": {\"forecast_file\": \"fc.csv\", \"queue_map\": {\"a\": \"fax\"}},"
                  CHANNELS, w5, 1);
    static const want w7[] = {{-1, 0, "expected a channel name"}};
    expect_errors("{\"name\": \"fc\", \"horizon_days\": 7, \"interval_s\": 3600,"
                  " \"demand\": {\"forecast_file\": \"fc.csv\", \"queue_map\": {\"a\": 3}},"
                  CHANNELS, w7, 1);
    static const want w6[] = {{-1, 0, "nothere.csv"}};
    expect_errors("{\"name\": \"fc\", \"horizon_days\": 7, \"interval_s\": 3600,"
                  " \"demand\": {\"forecast_file\": \"nothere.csv\"}," CHANNELS, w6, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(week_file_should_give_the_rates),
        cmocka_unit_test(short_file_intervals_should_be_summed),
        cmocka_unit_test(dated_file_should_place_rows_on_their_dates),
        cmocka_unit_test(bad_rows_should_all_be_reported),
        cmocka_unit_test(errors_beyond_the_cap_should_be_counted),
        cmocka_unit_test(bad_layouts_should_be_reported),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
