/* test_calib_patience.c -- patience from censored waits (calib_patience.h): known answers on a
 * small sample (exponential MLE, Kaplan-Meier by hand), recovery of exponential and Weibull
 * patience when most callers are answered (5000 callers, fixed seeds, 99% intervals), and the
 * estimator that ignores censoring (the mean wait of the abandoners), which the same check must
 * reject. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sf_gamma.h>

#include "calib_patience.h"

#include "test_near.h"

static void small_sample_should_give_the_closed_forms(void **state)
{
    (void)state;
    calib_patience *p = calib_patience_new(16, 1);
    /* waits 10 (abandon), 20 (answered), 30 (abandon), 40 (answered), 30 (answered) */
    calib_patience_add(p, 10.0, 1);
    calib_patience_add(p, 20.0, 0);
    calib_patience_add(p, 30.0, 1);
    calib_patience_add(p, 40.0, 0);
    calib_patience_add(p, 30.0, 0);
    calib_patience_result r;
    assert_int_equal(calib_patience_get(p, &r, NULL), SIM_OK);
    assert_int_equal(r.n, 5);
    assert_int_equal(r.abandons, 2);
    assert_near(r.exp_mean_s, 130.0 / 2.0, 1e-12);
    assert_near(r.exp_mean_se, 65.0 / sqrt(2.0), 1e-12);
    /* KM: at 10, 5 at risk, 1 abandons: 4/5; at 30, 3 at risk (30a, 30c, 40), 1: 4/5 * 2/3 */
    double s, se;
    calib_patience_km_at(p, 9.0, &s, &se);
    assert_near(s, 1.0, 0.0);
    calib_patience_km_at(p, 25.0, &s, &se);
    assert_near(s, 0.8, 1e-12);
    assert_near(se, 0.8 * sqrt(1.0 / (5.0 * 4.0)), 1e-12);
    calib_patience_km_at(p, 30.0, &s, &se);
    assert_near(s, 0.8 * 2.0 / 3.0, 1e-12);
    assert_near(se, s * sqrt(1.0 / 20.0 + 1.0 / (3.0 * 2.0)), 1e-12);
    /* restricted mean: 1 x 10 + 0.8 x 20 + 8/15 x 10 */
    assert_near(r.km_restricted_mean_s, 10.0 + 16.0 + 80.0 / 15.0, 1e-12);
    assert_true(isnan(r.km_median_s)); /* S stays at 8/15 > 1/2 */
    calib_patience_free(p);
    p = calib_patience_new(16, 1);
    calib_patience_add(p, 10.0, 0);
    sim_error err;
    assert_int_equal(calib_patience_get(p, &r, &err), SIM_EINVAL);
    assert_string_equal(err.path, "abandons");
    calib_patience_free(p);
}

/* Callers with patience ~ (Weibull shape k, scale lam) offered waits ~ exponential of mean
 * offered_s: the wait is min(patience, offer), abandoned when the patience is shorter. */
static calib_patience *simulate(double k, double lam, double offered_s, unsigned long seed,
                                double *naive_mean, double *naive_se, double *abandon_share)
{
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, seed);
    calib_patience *p = calib_patience_new(10000, 5);
    double s = 0.0, q = 0.0;
    int d = 0;
    for (int i = 0; i < 5000; i++) {
        double pat = gsl_ran_weibull(rng, lam, k), off = gsl_ran_exponential(rng, offered_s);
        int ab = pat < off;
        double w = ab ? pat : off;
        calib_patience_add(p, w, ab);
        if (ab) {
            s += w;
            q += w * w;
            d++;
        }
    }
    *naive_mean = s / d;
    *naive_se = sqrt((q - s * s / d) / (d - 1) / d);
    *abandon_share = (double)d / 5000.0;
    gsl_rng_free(rng);
    return p;
}

static void exponential_patience_should_be_recovered_from_censored_waits(void **state)
{
    (void)state;
    double nm, nse, share;
    /* mean patience 300 s, offered waits of mean 60 s: about 17% abandon */
    calib_patience *p = simulate(1.0, 300.0, 60.0, 11, &nm, &nse, &share);
    calib_patience_result r;
    assert_int_equal(calib_patience_get(p, &r, NULL), SIM_OK);
    assert_true(share > 0.1 && share < 0.25);
    if (!(fabs(r.exp_mean_s - 300.0) <= 2.576 * r.exp_mean_se))
        fail_msg("exponential mean %.1f +- %.1f, true 300", r.exp_mean_s, r.exp_mean_se);
    assert_true(r.weibull_ok);
    if (!(fabs(r.weibull_shape - 1.0) <= 2.576 * r.weibull_shape_se))
        fail_msg("Weibull shape %.3f +- %.3f, true 1", r.weibull_shape, r.weibull_shape_se);
    if (!(fabs(r.weibull_mean_s - 300.0) <= 2.576 * r.weibull_mean_se))
        fail_msg("Weibull mean %.1f +- %.1f, true 300", r.weibull_mean_s, r.weibull_mean_se);
    /* Kaplan-Meier at the sample's median wait within 99% of exp(-t/300) */
    double t = r.km_t_s[5];
    if (!(fabs(r.km_s[5] - exp(-t / 300.0)) <= 2.576 * r.km_se[5]))
        fail_msg("KM S(%.1f) = %.4f +- %.4f, true %.4f", t, r.km_s[5], r.km_se[5],
                 exp(-t / 300.0));
    calib_patience_free(p);
}

static void weibull_patience_should_be_recovered_from_censored_waits(void **state)
{
    (void)state;
    double nm, nse, share;
    double k = 0.7, lam = 200.0, mean = lam * exp(gsl_sf_lngamma(1.0 + 1.0 / k));
    calib_patience *p = simulate(k, lam, 90.0, 12, &nm, &nse, &share);
    calib_patience_result r;
    assert_int_equal(calib_patience_get(p, &r, NULL), SIM_OK);
    assert_true(r.weibull_ok);
    if (!(fabs(r.weibull_shape - k) <= 2.576 * r.weibull_shape_se) ||
        !(fabs(r.weibull_scale_s - lam) <= 2.576 * r.weibull_scale_se))
        fail_msg("Weibull (%.3f +- %.3f, %.1f +- %.1f), true (%g, %g)", r.weibull_shape,
                 r.weibull_shape_se, r.weibull_scale_s, r.weibull_scale_se, k, lam);
    if (!(fabs(r.weibull_mean_s - mean) <= 2.576 * r.weibull_mean_se))
        fail_msg("Weibull mean %.1f +- %.1f, true %.1f", r.weibull_mean_s, r.weibull_mean_se,
                 mean);
    /* the likelihood prefers the Weibull to the exponential (shape 0.7 is far from 1) */
    assert_true(r.weibull_loglik > r.exp_loglik + 10.0);
    calib_patience_free(p);
}

static void ignoring_censoring_should_fail_the_same_check(void **state)
{
    (void)state;
    double nm, nse, share;
    calib_patience *p = simulate(1.0, 300.0, 60.0, 11, &nm, &nse, &share);
    /* the abandoners' mean wait: patience cut by the offered wait, about 50 s, not 300 s */
    if (fabs(nm - 300.0) <= 2.576 * nse)
        fail_msg("the naive estimate %.1f +- %.1f passed", nm, nse);
    assert_true(nm < 100.0);
    calib_patience_free(p);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(small_sample_should_give_the_closed_forms),
        cmocka_unit_test(exponential_patience_should_be_recovered_from_censored_waits),
        cmocka_unit_test(weibull_patience_should_be_recovered_from_censored_waits),
        cmocka_unit_test(ignoring_censoring_should_fail_the_same_check),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
