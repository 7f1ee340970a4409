/* test_calib_arrivals.c -- arrival rates and day-to-day overdispersion from a log
 * (calib_arrivals.h): known answers on a handmade log, and a statistical recovery on a
 * synthetic gamma-mixed Poisson log with known rates and cv (fixed seed; 99% intervals), with
 * the Poisson-only standard error (a deliberately wrong estimator) that the same check must
 * reject. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "calib_arrivals.h"

#include "test_near.h"

static const double day_s = 86400.0;
static const long monday = 19786; /* 2024-03-04 */

static void weekday_should_start_on_monday(void **state)
{
    (void)state;
    assert_int_equal(calib_arrivals_weekday(0), 3); /* 1970-01-01: Thursday */
    assert_int_equal(calib_arrivals_weekday(monday), 0);
    assert_int_equal(calib_arrivals_weekday(-1), 2);
}

static void counts_should_divide_by_the_days_of_each_weekday(void **state)
{
    (void)state;
    calib_arrivals *a = calib_arrivals_new(3600.0);
    assert_non_null(a);
    sim_error err;
    /* 15 days: Monday 2024-03-04 to Monday 2024-03-18 (three Mondays, two of each other) */
    for (int k = 0; k < 3; k++) /* each Monday: 4, 6, 8 arrivals at 09:xx */
        for (int j = 0; j < 4 + 2 * k; j++)
            assert_int_equal(calib_arrivals_add(a, "phone", (double)(monday + 7 * k) * day_s +
                                                                9 * 3600.0 + j, &err),
                             SIM_OK);
    /* one chat on the Wednesday of the second week, in reverse order of time */
    assert_int_equal(calib_arrivals_add(a, "chat", (double)(monday + 9) * day_s + 60.0, &err),
                     SIM_OK);
    assert_int_equal(calib_arrivals_n_channels(a), 2);
    assert_string_equal(calib_arrivals_channel(a, 1), "chat");
    assert_int_equal(calib_arrivals_n_intervals(a), 24);
    calib_arrivals_daily d;
    calib_arrivals_get_daily(a, 0, &d);
    assert_int_equal(d.days, 15);
    assert_int_equal(d.weekday_days[0], 3);
    assert_int_equal(d.weekday_days[2], 2);
    assert_near(d.total, 18.0, 0.0);
    assert_near(d.mean[0], 6.0, 1e-12);
    assert_near(d.mean_se[0], 2.0 / sqrt(3.0), 1e-12); /* sd of 4, 6, 8 is 2 */
    assert_near(d.mean[1], 0.0, 0.0);
    assert_near(d.mean_all, 18.0 / 15.0, 1e-12);
    assert_near(d.weight[0], 6.0 / (18.0 / 15.0), 1e-12);
    /* cv^2 from Mondays only (other weekdays have a zero mean): (4 - 6) / 36 < 0 -> 0 */
    assert_near(d.gamma_cv, 0.0, 0.0);
    double mean, se;
    calib_arrivals_get_rate(a, 0, 0, 9, 0.5, &mean, &se);
    assert_near(mean, 6.0, 1e-12);
    assert_near(se, sqrt((6.0 + 0.25 * 36.0) / 3.0), 1e-12);
    calib_arrivals_get_rate(a, 0, 0, 10, 0.5, &mean, &se);
    assert_near(mean, 0.0, 0.0);
    calib_arrivals_get_rate(a, 1, 2, 0, 0.0, &mean, &se);
    assert_near(mean, 0.5, 1e-12); /* one arrival over two Wednesdays */
    calib_arrivals_free(a);
    assert_null(calib_arrivals_new(7.0 * 60.0 + 1.0)); /* does not divide the day */
}

/* A synthetic log: 52 weeks, hourly intervals open 08:00-20:00, rate lambda per interval
 * shaped by weekday and hour, day factor gamma(mean 1, cv); arrival times uniform within the
 * interval. */
typedef struct truth {
    double cv;
    double lambda[7][24];
} truth;

static void make_truth(truth *t, double cv)
{
    memset(t, 0, sizeof *t);
    t->cv = cv;
    static const double wk[7] = {1.3, 1.1, 1.0, 1.0, 0.9, 0.6, 0.0};
    for (int w = 0; w < 7; w++)
        for (int h = 8; h < 20; h++)
            t->lambda[w][h] = 100.0 * wk[w] * (1.0 + 0.5 * sin((h - 8) / 12.0 * 3.14159265358979));
}

static calib_arrivals *simulate(const truth *t, unsigned long seed)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, seed);
    calib_arrivals *a = calib_arrivals_new(3600.0);
    sim_error err;
    double k = 1.0 / (t->cv * t->cv);
    for (long d = 0; d < 364; d++) {
        long day = monday + d;
        int w = calib_arrivals_weekday(day);
        double g = gsl_ran_gamma(r, k, 1.0 / k);
        for (int h = 0; h < 24; h++) {
            unsigned n = t->lambda[w][h] > 0.0 ? gsl_ran_poisson(r, g * t->lambda[w][h]) : 0;
            for (unsigned j = 0; j < n; j++)
                assert_int_equal(calib_arrivals_add(a, "phone",
                                                    (double)day * day_s +
                                                        (h + gsl_rng_uniform(r)) * 3600.0,
                                                    &err),
                                 SIM_OK);
        }
    }
    gsl_rng_free(r);
    return a;
}

/* The share of the open intervals whose rate lies outside its 99% interval (z = 2.576), with
 * the standard error for cv_for_se. */
static double miss_share(const calib_arrivals *a, const truth *t, double cv_for_se)
{
    int miss = 0, n = 0;
    for (int w = 0; w < 7; w++)
        for (size_t h = 0; h < 24; h++) {
            if (t->lambda[w][h] <= 0.0)
                continue;
            double mean, se;
            calib_arrivals_get_rate(a, 0, w, h, cv_for_se, &mean, &se);
            n++;
            miss += fabs(mean - t->lambda[w][h]) > 2.576 * se;
        }
    return (double)miss / n;
}

static void synthetic_log_should_recover_rates_and_cv(void **state)
{
    (void)state;
    truth t;
    make_truth(&t, 0.25);
    calib_arrivals *a = simulate(&t, 20240304);
    calib_arrivals_daily d;
    calib_arrivals_get_daily(a, 0, &d);
    /* the span ends with the last arrival: the closed 52nd Sunday is not in it */
    assert_int_equal(d.days, 363);
    /* The cv inside its 99% interval. */
    if (!(fabs(d.gamma_cv - t.cv) <= 2.576 * d.gamma_cv_se))
        fail_msg("cv %.4f +- %.4f, true %.2f", d.gamma_cv, d.gamma_cv_se, t.cv);
    assert_true(d.gamma_cv_se < 0.05); /* informative: 52 weeks pin cv to a few hundredths */
    /* Daily means per weekday inside 99% intervals (Sunday closed: exactly 0). */
    for (int w = 0; w < 6; w++) {
        double want = 0.0;
        for (int h = 0; h < 24; h++)
            want += t.lambda[w][h];
        if (!(fabs(d.mean[w] - want) <= 2.576 * d.mean_se[w]))
            fail_msg("weekday %d: %.2f +- %.2f, true %.2f", w, d.mean[w], d.mean_se[w], want);
    }
    assert_near(d.mean[6], 0.0, 0.0);
    /* 72 open intervals at 99%: about 0.7 expected outside; allow up to 5 (4/72 = 5.6%: the
     * binomial(72, 0.01) tail beyond 4 is below 0.1%). */
    double share = miss_share(a, &t, d.gamma_cv);
    if (!(share <= 4.0 / 72.0))
        fail_msg("%.1f%% of the intervals outside their 99%% interval", 100.0 * share);
    calib_arrivals_free(a);
}

static void poisson_only_standard_error_should_fail_the_same_check(void **state)
{
    (void)state;
    truth t;
    make_truth(&t, 0.25);
    calib_arrivals *a = simulate(&t, 20240304);
    /* Ignoring the day factor understates the error by sqrt(1 + cv^2 lambda): 2.7 to 3.5 at
     * lambda = 100 to 190, so a quarter or more of the intervals fall outside (15% to 50% over
     * eight seeds tried), far beyond the bound. */
    double share = miss_share(a, &t, 0.0);
    if (share <= 4.0 / 72.0)
        fail_msg("the wrong estimator passed: %.1f%% outside", 100.0 * share);
    calib_arrivals_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(weekday_should_start_on_monday),
        cmocka_unit_test(counts_should_divide_by_the_days_of_each_weekday),
        cmocka_unit_test(synthetic_log_should_recover_rates_and_cv),
        cmocka_unit_test(poisson_only_standard_error_should_fail_the_same_check),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
