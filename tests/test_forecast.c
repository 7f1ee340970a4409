/* test_forecast.c -- `omnisim forecast`'s method (forecast.h) on a synthetic history with a
 * known weekday x interval shape, a 0.3 %/day trend and two holidays at 0.3 of the volume
 * (Poisson counts, gsl_rng seed 18), and the history reader's bad-input messages, one test
 * per class.
 *
 * Bound: Poisson counts carry error no forecast removes, so the backtest WAPE is compared
 * with the oracle's (the true means as forecast) over the same held-out intervals. The
 * method's own error is mostly the shape: each weekday x interval share is estimated from 10
 * weeks, so its error is about 1/sqrt(10) of one interval's Poisson noise and the WAPE grows
 * by about sqrt(1 + 1/10) = 1.05; level and trend add less. The method must come within 15 %
 * of the oracle and beat the seasonal-naive baseline, which carries the noise of one
 * observed week besides (its WAPE is about sqrt(2) times the oracle's). Each weekday's fitted
 * day total at mid-history must lie within 3.29 standard errors (99.9 %) of the truth and the
 * growth within 0.1 %/day; without the holiday list the holidays' weekday level is pulled
 * down (the list matters), and a holiday in the horizon is forecast times its factor. */
#define _POSIX_C_SOURCE 200809L /* mkstemp, fdopen */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "forecast.h"
#include "scenario_date.h"

#define WEEKS 12
#define N_DAYS (WEEKS * 7)
#define NI 96 /* 15-minute intervals */
#define OPEN_FROM 32 /* 08:00 */
#define OPEN_TO 72   /* 18:00 */
#define GROWTH 0.003

static const double level[7] = {1000, 950, 900, 900, 850, 400, 0};
static double truth[N_DAYS][NI];
static double actual[N_DAYS][NI];
static const long hol_days[2] = {22, 45}; /* a Tuesday and a Thursday */ /* day indexes of the two history holidays */
static char hist_path[64], hol_path[64];

static double shape(size_t i)
{
    if (i < OPEN_FROM || i >= OPEN_TO)
        return 0;
    double x = ((double)i - OPEN_FROM + 0.5) / (OPEN_TO - OPEN_FROM);
    return sin(3.14159265358979323846 * x) * sin(3.14159265358979323846 * x) + 0.2; /* normalized below */
}

static long first_day(void)
{
    scenario_date d = {2026, 1, 5}; /* a Monday */
    return scenario_date_to_days(d);
}

static void write_temp(char *path, const char *text)
{
    strcpy(path, "/tmp/omnisim-fc-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

static int setup_history(void **state)
{
    (void)state;
    double ssum = 0;
    for (size_t i = 0; i < NI; i++)
        ssum += shape(i);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 18);
    strcpy(hist_path, "/tmp/omnisim-fc-XXXXXX");
    int fd = mkstemp(hist_path);
    FILE *fp = fdopen(fd, "w");
    fputs("date,interval_start,queue,volume\n", fp);
    for (size_t d = 0; d < N_DAYS; d++) {
        long day = first_day() + (long)d;
        unsigned w = scenario_date_weekday(scenario_date_from_days(day));
        double f = (long)d == hol_days[0] || (long)d == hol_days[1] ? 0.3 : 1;
        char date[16];
        scenario_date_format(scenario_date_from_days(day), date, sizeof date);
        for (size_t i = 0; i < NI; i++) {
            truth[d][i] = level[w] * exp(GROWTH * (double)d) * shape(i) / ssum * f;
            actual[d][i] = truth[d][i] > 0 ? gsl_ran_poisson(rng, truth[d][i]) : 0;
            if (w != 6) /* Sundays closed: no rows */
                fprintf(fp, "%s,%02zu:%02zu,phone,%g\n", date, i / 4, i % 4 * 15, actual[d][i]);
        }
    }
    fclose(fp);
    gsl_rng_free(rng);
    char hol[256], a[16], b[16], c[16];
    scenario_date_format(scenario_date_from_days(first_day() + hol_days[0]), a, sizeof a);
    scenario_date_format(scenario_date_from_days(first_day() + hol_days[1]), b, sizeof b);
    scenario_date_format(scenario_date_from_days(first_day() + N_DAYS + 1), c, sizeof c);
    snprintf(hol, sizeof hol, "date,name,volume_factor\n%s,one,0.3\n%s,two,0.3\n%s,future,0.5\n",
             a, b, c);
    write_temp(hol_path, hol);
    return 0;
}

static int teardown_history(void **state)
{
    (void)state;
    unlink(hist_path);
    unlink(hol_path);
    return 0;
}

static void test_backtest_and_fit(void **state)
{
    (void)state;
    sim_error err;
    sim_error_clear(&err);
    forecast_history *h = NULL;
    assert_int_equal(forecast_history_read(hist_path, &h, &err), SIM_OK);
    assert_int_equal(h->interval_s, 900);
    assert_int_equal(h->n_days, N_DAYS - 1); /* the last day is a Sunday: no rows */
    forecast_history_holidays hol = {0};
    assert_int_equal(forecast_history_holidays_read(hol_path, &hol, &err), SIM_OK);
    forecast_options o;
    forecast_options_init(&o);
    forecast *f = NULL;
    assert_int_equal(forecast_run(h, &hol, &o, &f, &err), SIM_OK);
    const forecast_queue *q = &f->queue[0];

    /* the oracle over the held-out, observed days (Mon..Sat of the last two weeks) */
    size_t cut = h->n_days - 14;
    double oracle = 0, sum_a = 0;
    for (size_t d = cut; d < h->n_days; d++) {
        if (scenario_date_weekday(scenario_date_from_days(first_day() + (long)d)) == 6)
            continue;
        for (size_t i = 0; i < NI; i++) {
            oracle += fabs(actual[d][i] - truth[d][i]);
            sum_a += actual[d][i];
        }
    }
    oracle /= sum_a;
    printf("backtest WAPE %.4f (oracle %.4f, seasonal naive %.4f), MAPE %.4f, coverage %.3f\n",
           q->backtest.wape, oracle, q->backtest.naive_wape, q->backtest.mape,
           q->backtest.coverage);
    assert_int_equal(q->backtest.days, 12);
    assert_true(q->backtest.wape <= 1.15 * oracle);
    assert_true(q->backtest.wape < q->backtest.naive_wape);
    assert_true(q->backtest.mape < q->backtest.naive_mape);

    printf("growth %.5f (true %.5f)\n", q->trend, expm1(GROWTH));
    assert_true(fabs(q->trend - expm1(GROWTH)) < 0.001);
    /* each weekday's day total at the middle of the history, within 3.29 standard errors
     * (99.9 %): Poisson day totals, log standard error 1 / sqrt(total x its fitted days) */
    double tmid = (double)(h->n_days - 1) / 2;
    for (int w = 0; w < 6; w++) {
        double fit = q->level[w] * exp(tmid * log1p(q->trend));
        double tru = level[w] * exp(GROWTH * tmid);
        double tol = 3.29 / sqrt(tru * WEEKS);
        printf("weekday %d at mid-history: %.1f (true %.1f, tolerance %.1f %%)\n", w, fit, tru,
               100 * tol);
        assert_true(fabs(log(fit / tru)) < tol);
    }
    assert_true(q->level[6] == 0);

    /* the horizon: day 1 after the history (index N_DAYS + 1 from the first day) is the
     * listed future holiday at 0.5: half the same weekday a week later, less a week's growth */
    size_t k = (size_t)(N_DAYS + 1 - (long)h->n_days);
    double day1 = 0, day8 = 0;
    for (size_t i = 0; i < NI; i++) {
        day1 += q->mean[k * NI + i];
        day8 += q->mean[(k + 7) * NI + i];
        assert_true(q->lo[k * NI + i] <= q->mean[k * NI + i]);
        assert_true(q->hi[k * NI + i] >= q->mean[k * NI + i]);
    }
    assert_true(fabs(day1 / (day8 / exp(7 * log1p(q->trend))) - 0.5) < 1e-9);

    forecast_free(f);
    forecast_history_holidays_free(&hol);
    forecast_history_free(h);
}

/* The same history without the holiday list: the two days at 0.3 enter the fit and pull
 * the levels of their weekdays down; the method with the list beats it in the backtest of
 * the levels (checked on the first holiday's weekday). */
static void test_holidays_matter(void **state)
{
    (void)state;
    sim_error err;
    forecast_history *h = NULL;
    assert_int_equal(forecast_history_read(hist_path, &h, &err), SIM_OK);
    forecast_options o;
    forecast_options_init(&o);
    forecast *f = NULL;
    assert_int_equal(forecast_run(h, NULL, &o, &f, &err), SIM_OK);
    unsigned w = scenario_date_weekday(scenario_date_from_days(first_day() + hol_days[0]));
    printf("without holidays: level %u %.1f (true %.1f)\n", w, f->queue[0].level[w], level[w]);
    assert_true(f->queue[0].level[w] / level[w] - 1 < -0.03);
    forecast_free(f);
    forecast_history_free(h);
}

/* ---- bad input: one test per class, each naming file, line and column ---- */

static void expect_bad(const char *text, int line, int column, const char *needle)
{
    char path[64];
    write_temp(path, text);
    sim_error err;
    sim_error_clear(&err);
    forecast_history *h = NULL;
    sim_status s = forecast_history_read(path, &h, &err);
    unlink(path);
    printf("%s (line %d, column %d)\n", err.message, err.line, err.column);
    assert_int_not_equal(s, SIM_OK);
    assert_null(h);
    assert_non_null(strstr(err.message, needle));
    assert_int_equal(err.line, line);
    assert_int_equal(err.column, column);
    assert_string_equal(err.path, path);
}

#define H "date,interval_start,queue,volume\n"
static void test_bad_missing_column(void **s) { (void)s; expect_bad("date,interval_start,volume\n2026-01-05,08:00,1\n", 1, 3, "missing column 'queue'"); }
static void test_bad_unknown_column(void **s) { (void)s; expect_bad("date,interval_start,queue,volume,offered\n", 1, 5, "unknown column 'offered'"); }
static void test_bad_date(void **s) { (void)s; expect_bad(H "2026-02-30,08:00,phone,1\n", 2, 1, "date: expected YYYY-MM-DD"); }
static void test_bad_time(void **s) { (void)s; expect_bad(H "2026-01-05,8h00,phone,1\n", 2, 2, "interval_start: expected HH:MM"); }
static void test_bad_grid(void **s) { (void)s; expect_bad(H "2026-01-05,08:00,phone,1\n2026-01-05,08:10,phone,1\n", 3, 2, "not on the 15-minute grid"); }
static void test_bad_number(void **s) { (void)s; expect_bad(H "2026-01-05,08:00,phone,12,5\n", 2, 5, "expected 4 fields"); }
static void test_bad_volume(void **s) { (void)s; expect_bad(H "2026-01-05,08:00,phone,twelve\n", 2, 4, "volume"); }
static void test_bad_negative(void **s) { (void)s; expect_bad(H "2026-01-05,08:00,phone,-3\n", 2, 4, "must be >= 0"); }
static void test_bad_empty_queue(void **s) { (void)s; expect_bad(H "2026-01-05,08:00,,3\n", 2, 3, "queue: empty"); }
static void test_bad_duplicate(void **s) { (void)s; expect_bad(H "2026-01-05,08:00,phone,1\n2026-01-05,09:00,phone,1\n2026-01-05,08:00,phone,2\n", 4, 2, "given twice"); }
static void test_bad_csv(void **s) { (void)s; expect_bad(H "2026-01-05,08:00,\"ph\"one,1\n", 2, 3, ""); }

static void test_bad_no_rows(void **state)
{
    (void)state;
    char path[64];
    write_temp(path, H);
    sim_error err;
    forecast_history *h = NULL;
    assert_int_equal(forecast_history_read(path, &h, &err), SIM_EINVAL);
    unlink(path);
    assert_non_null(strstr(err.message, "no data rows"));
}

static void test_too_short(void **state)
{
    (void)state;
    char path[64];
    write_temp(path, H "2026-01-05,08:00,phone,1\n2026-01-20,08:00,phone,1\n");
    sim_error err;
    forecast_history *h = NULL;
    assert_int_equal(forecast_history_read(path, &h, &err), SIM_OK);
    unlink(path);
    forecast_options o;
    forecast_options_init(&o);
    o.holdout_weeks = 0;
    forecast *f = NULL;
    assert_int_equal(forecast_run(h, NULL, &o, &f, &err), SIM_EINVAL);
    assert_non_null(strstr(err.message, "queue 'phone': 2 observed non-holiday days"));
    forecast_history_free(h);
}

static void test_bad_holiday(void **state)
{
    (void)state;
    char path[64];
    write_temp(path, "date,closed\n2026-01-05,maybe\n");
    sim_error err;
    forecast_history_holidays hol = {0};
    assert_int_equal(forecast_history_holidays_read(path, &hol, &err), SIM_EINVAL);
    unlink(path);
    assert_non_null(strstr(err.message, "closed: expected true or false, got 'maybe'"));
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 2);
    assert_null(hol.day);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_backtest_and_fit),
        cmocka_unit_test(test_holidays_matter),
        cmocka_unit_test(test_bad_missing_column),
        cmocka_unit_test(test_bad_unknown_column),
        cmocka_unit_test(test_bad_date),
        cmocka_unit_test(test_bad_time),
        cmocka_unit_test(test_bad_grid),
        cmocka_unit_test(test_bad_number),
        cmocka_unit_test(test_bad_volume),
        cmocka_unit_test(test_bad_negative),
        cmocka_unit_test(test_bad_empty_queue),
        cmocka_unit_test(test_bad_duplicate),
        cmocka_unit_test(test_bad_csv),
        cmocka_unit_test(test_bad_no_rows),
        cmocka_unit_test(test_too_short),
        cmocka_unit_test(test_bad_holiday),
    };
    return cmocka_run_group_tests(tests, setup_history, teardown_history);
}
