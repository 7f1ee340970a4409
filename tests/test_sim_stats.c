/* test_sim_stats.c -- tallies, time averages, histograms (quantiles), series and CIs. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "sim_ci.h"
#include "sim_histogram.h"
#include "sim_rng.h"
#include "sim_series.h"
#include "sim_tally.h"
#include "sim_timeavg.h"

static void tally_should_match_a_two_pass_computation(void **state)
{
    (void)state;
    gsl_rng *r = sim_rng_stream_new(NULL, 5, 0, 0);
    enum { N = 10001 };
    static double x[N];
    sim_tally t;
    sim_tally_init(&t);
    for (int i = 0; i < N; i++) {
        x[i] = 1e6 + 100.0 * gsl_rng_uniform(r); /* large offset: a naive sum-of-squares fails */
        sim_tally_add(&t, x[i]);
    }
    double mean = 0, ss = 0;
    for (int i = 0; i < N; i++)
        mean += x[i];
    mean /= N;
    for (int i = 0; i < N; i++)
        ss += (x[i] - mean) * (x[i] - mean);
    assert_true(fabs(t.mean - mean) <= 1e-12 * mean);
    assert_true(fabs(sim_tally_variance(&t) - ss / (N - 1)) <= 1e-9 * ss / (N - 1));
    gsl_rng_free(r);
}

static void tally_merge_should_equal_the_tally_of_all_observations(void **state)
{
    (void)state;
    sim_tally all, a, b, empty;
    sim_tally_init(&all);
    sim_tally_init(&a);
    sim_tally_init(&b);
    sim_tally_init(&empty);
    for (int i = 0; i < 1000; i++) {
        double v = sin(i) * 10.0 + i * 0.01;
        sim_tally_add(&all, v);
        sim_tally_add(i < 300 ? &a : &b, v);
    }
    sim_tally_merge(&a, &b);
    sim_tally_merge(&a, &empty);
    assert_int_equal(a.n, all.n);
    assert_true(fabs(a.mean - all.mean) < 1e-12);
    assert_true(fabs(sim_tally_variance(&a) - sim_tally_variance(&all)) < 1e-10);
    assert_true(a.min == all.min && a.max == all.max);
    sim_tally_merge(&empty, &all);
    assert_int_equal(empty.n, 1000);
}

static void timeavg_should_integrate_a_step_function(void **state)
{
    (void)state;
    sim_timeavg ta;
    sim_timeavg_init(&ta, 0.0, 2.0);
    sim_timeavg_set(&ta, 10.0, 4.0);  /* 2 on [0,10) */
    sim_timeavg_add(&ta, 15.0, -3.0); /* 4 on [10,15), then 1 */
    /* area on [0, 20] = 20 + 20 + 5 = 45 */
    assert_true(fabs(sim_timeavg_mean(&ta, 20.0) - 45.0 / 20.0) < 1e-12);
    assert_true(ta.max == 4.0);
    sim_timeavg_restart(&ta, 20.0);
    sim_timeavg_set(&ta, 30.0, 0.0);
    assert_true(fabs(sim_timeavg_mean(&ta, 40.0) - 0.5) < 1e-12);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void histogram_quantiles_should_be_within_the_stated_relative_error(void **state)
{
    (void)state;
    enum { N = 100000 };
    static double x[N];
    gsl_rng *r = sim_rng_stream_new(NULL, 8, 0, 0);
    sim_histogram *h = sim_histogram_new(0.01, 5, 40);
    assert_non_null(h);
    for (int i = 0; i < N; i++) {
        x[i] = sim_rng_exponential(r, 60.0);
        sim_histogram_add(h, x[i]);
    }
    qsort(x, N, sizeof x[0], cmp_double);
    double qs[] = {0.1, 0.5, 0.8, 0.9, 0.95, 0.99, 0.999};
    for (size_t k = 0; k < sizeof qs / sizeof qs[0]; k++) {
        double exact = x[(size_t)(qs[k] * N) - 1];
        double est = sim_histogram_quantile(h, qs[k]);
        assert_true(fabs(est - exact) <= exact / 32.0 + 0.01);
    }
    assert_true(sim_histogram_quantile(h, 1.0) == x[N - 1]);
    assert_int_equal(sim_histogram_count(h), N);
    /* cdf at the median is about 1/2 */
    assert_true(fabs(sim_histogram_cdf(h, x[N / 2 - 1]) - 0.5) < 0.02);
    sim_histogram_free(h);
    gsl_rng_free(r);
}

static void histogram_merge_should_equal_one_histogram_of_everything(void **state)
{
    (void)state;
    sim_histogram *all = sim_histogram_new(0.1, 6, 30);
    sim_histogram *a = sim_histogram_new(0.1, 6, 30);
    sim_histogram *b = sim_histogram_new(0.1, 6, 30);
    sim_histogram *other = sim_histogram_new(0.2, 6, 30);
    for (int i = 0; i < 5000; i++) {
        double v = (i % 97) * 1.7;
        sim_histogram_add(all, v);
        sim_histogram_add(i % 2 ? a : b, v);
    }
    assert_int_equal(sim_histogram_merge(a, b), 1);
    for (double q = 0.05; q < 1.0; q += 0.05)
        assert_true(sim_histogram_quantile(a, q) == sim_histogram_quantile(all, q));
    assert_int_equal(sim_histogram_merge(a, other), 0);
    /* Values past the last octave land in the overflow bucket and report the max. */
    sim_histogram_add(other, 1e300);
    assert_true(sim_histogram_quantile(other, 1.0) == 1e300);
    sim_histogram_add(other, (double)NAN);
    assert_int_equal(sim_histogram_count(other), 1);
    assert_null(sim_histogram_new(0.0, 5, 10));
    assert_null(sim_histogram_new(1.0, 0, 10));
    sim_histogram_free(all);
    sim_histogram_free(a);
    sim_histogram_free(b);
    sim_histogram_free(other);
}

static void series_should_bin_by_interval_and_merge(void **state)
{
    (void)state;
    sim_series s, t;
    assert_int_equal(sim_series_init(&s, 0.0, 900.0, 96, 2), 0);
    assert_int_equal(sim_series_init(&t, 0.0, 900.0, 96, 2), 0);
    assert_int_equal(sim_series_index(&s, 0.0), 0);
    assert_int_equal(sim_series_index(&s, 899.999), 0);
    assert_int_equal(sim_series_index(&s, 900.0), 1);
    assert_true(sim_series_index(&s, 86400.0) == SIZE_MAX);
    assert_true(sim_series_index(&s, -1.0) == SIZE_MAX);
    assert_int_equal(sim_series_add(&s, 1000.0, 1, 2.5), 1);
    assert_int_equal(sim_series_add(&s, 1e9, 1, 2.5), 0);
    assert_int_equal(sim_series_add(&t, 1700.0, 1, 1.0), 1);
    assert_int_equal(sim_series_merge(&s, &t), 1);
    assert_true(*sim_series_at(&s, 1, 1) == 3.5);
    assert_true(*sim_series_at(&s, 1, 0) == 0.0);
    sim_series_fini(&t);
    assert_int_equal(sim_series_init(&t, 0.0, 600.0, 96, 2), 0);
    assert_int_equal(sim_series_merge(&s, &t), 0);
    sim_series_fini(&s);
    sim_series_fini(&t);
    assert_int_equal(sim_series_init(&s, 0.0, 0.0, 96, 2), -1);
}

static void ci_should_use_the_student_t_quantile(void **state)
{
    (void)state;
    /* Published table values: t_{0.975, 9} = 2.262157, t_{0.995, 29} = 2.756386. */
    assert_true(fabs(sim_ci_t_quantile(0.95, 9) - 2.262157163) < 1e-6);
    assert_true(fabs(sim_ci_t_quantile(0.99, 29) - 2.756385904) < 1e-6);
    assert_true(isnan(sim_ci_t_quantile(0.95, 0)));
    sim_tally t;
    sim_tally_init(&t);
    double x[] = {10, 12, 9, 11, 13, 8, 10, 12, 11, 9};
    for (int i = 0; i < 10; i++)
        sim_tally_add(&t, x[i]);
    sim_ci ci = sim_ci_from_tally(&t, 0.95);
    /* mean 10.5, s = sqrt(2.5), half-width = 2.262157 * sqrt(2.5/10) */
    assert_true(fabs(ci.mean - 10.5) < 1e-12);
    assert_true(fabs(ci.half_width - 2.262157163 * sqrt(0.25)) < 1e-6);
    assert_true(sim_ci_excludes_zero(&ci));
    sim_tally one;
    sim_tally_init(&one);
    sim_tally_add(&one, 3.0);
    ci = sim_ci_from_tally(&one, 0.95);
    assert_true(isnan(ci.half_width));
    assert_false(sim_ci_excludes_zero(&ci));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tally_should_match_a_two_pass_computation),
        cmocka_unit_test(tally_merge_should_equal_the_tally_of_all_observations),
        cmocka_unit_test(timeavg_should_integrate_a_step_function),
        cmocka_unit_test(histogram_quantiles_should_be_within_the_stated_relative_error),
        cmocka_unit_test(histogram_merge_should_equal_one_histogram_of_everything),
        cmocka_unit_test(series_should_bin_by_interval_and_merge),
        cmocka_unit_test(ci_should_use_the_student_t_quantile),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
