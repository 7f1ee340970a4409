/* test_calib_fit.c -- duration fits (calib_fit.h): a known answer on a small sample, recovery
 * of each kind's parameters from 5000 draws (fixed seeds; 99% intervals from the Fisher
 * information, the true kind chosen by AIC, its KS statistic below the 1% bound), a bimodal
 * sample that every parametric kind must fail (the empirical fallback), and the bounded
 * sample of a long stream. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_psi.h>
#include <gsl/gsl_rng.h>

#include "calib_fit.h"

#include "test_near.h"

static void small_sample_should_give_the_closed_forms(void **state)
{
    (void)state;
    calib_fit *f = calib_fit_new(16, 1);
    const double x[] = {8.0, 1.0, 4.0, 2.0};
    for (size_t i = 0; i < 4; i++)
        calib_fit_add(f, x[i]);
    calib_fit_add(f, 0.0);
    calib_fit_add(f, -3.0);
    calib_fit_result r;
    sim_error err;
    assert_int_equal(calib_fit_get(f, &r, &err), SIM_OK);
    assert_int_equal(r.n, 4);
    assert_int_equal(r.n_nonpositive, 2);
    assert_near(r.mean_s, 3.75, 1e-12);
    double sd = sqrt((2.75 * 2.75 + 1.75 * 1.75 + 0.25 * 0.25 + 4.25 * 4.25) / 3.0);
    assert_near(r.sd_s, sd, 1e-12);
    assert_near(r.mean_se, sd / 2.0, 1e-12);
    /* ln x = 0, 1, 2, 3 (x ln 2): mu = 1.5 ln 2, sigma^2 = 1.25 ln^2 2 */
    const calib_fit_param *ln = &r.fit[CALIB_FIT_LOGNORMAL];
    assert_true(ln->ok);
    assert_near(ln->p1, 1.5 * log(2.0), 1e-12);
    assert_near(ln->p2, sqrt(1.25) * log(2.0), 1e-12);
    double ll = 0.0;
    for (size_t i = 0; i < 4; i++) {
        double z = (log(x[i]) - ln->p1) / ln->p2;
        ll += -log(x[i]) - log(ln->p2) - 0.5 * log(2.0 * M_PI) - 0.5 * z * z;
    }
    assert_near(ln->loglik, ll, 1e-9);
    assert_near(ln->aic, 4.0 - 2.0 * ll, 1e-9);
    /* quantiles of 1, 2, 4, 8 (type 7): p = 0.5 -> 3, p = 0.25 -> 1.75, ends -> min, max */
    assert_near(r.quantile_s[0], 1.0, 0.0);
    assert_near(r.quantile_s[5], 1.75, 1e-12);
    assert_near(r.quantile_s[10], 3.0, 1e-12);
    assert_near(r.quantile_s[20], 8.0, 0.0);
    /* the gamma shape satisfies its likelihood equation */
    const calib_fit_param *g = &r.fit[CALIB_FIT_GAMMA];
    assert_true(g->ok);
    assert_near(log(g->p1) - gsl_sf_psi(g->p1), log(3.75) - 1.5 * log(2.0), 1e-9);
    assert_near(g->mean_s, 3.75, 1e-9);
    calib_fit_free(f);
    f = calib_fit_new(16, 1);
    calib_fit_add(f, 5.0);
    assert_int_equal(calib_fit_get(f, &r, &err), SIM_EINVAL);
    assert_string_equal(err.path, "values");
    calib_fit_free(f);
}

static double draw(gsl_rng *r, calib_fit_kind k, double p1, double p2)
{
    switch (k) {
    case CALIB_FIT_LOGNORMAL: return gsl_ran_lognormal(r, p1, p2);
    case CALIB_FIT_GAMMA: return gsl_ran_gamma(r, p1, p2);
    default: return gsl_ran_weibull(r, p2, p1);
    }
}

static void each_kind_should_be_recovered_and_chosen_by_aic(void **state)
{
    (void)state;
    static const struct {
        calib_fit_kind kind;
        double p1, p2;
    } cases[] = {
        {CALIB_FIT_LOGNORMAL, 5.4, 0.7}, /* mean 283 s, cv 0.80 */
        {CALIB_FIT_GAMMA, 2.0, 150.0},   /* mean 300 s, cv 0.71 */
        {CALIB_FIT_WEIBULL, 1.5, 300.0}, /* mean 271 s, cv 0.68 */
    };
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    for (size_t c = 0; c < 3; c++) {
        gsl_rng_set(rng, 1000 + c);
        calib_fit *f = calib_fit_new(10000, 7);
        for (int i = 0; i < 5000; i++)
            calib_fit_add(f, draw(rng, cases[c].kind, cases[c].p1, cases[c].p2));
        calib_fit_result r;
        assert_int_equal(calib_fit_get(f, &r, NULL), SIM_OK);
        const calib_fit_param *p = &r.fit[cases[c].kind];
        assert_true(p->ok);
        if (r.best != (int)cases[c].kind)
            fail_msg("%s data: AIC chose %s (%.1f vs %.1f)", calib_fit_kind_name(cases[c].kind),
                     calib_fit_kind_name((calib_fit_kind)r.best), r.fit[r.best].aic, p->aic);
        /* 99% intervals for both parameters */
        if (!(fabs(p->p1 - cases[c].p1) <= 2.576 * p->se1) ||
            !(fabs(p->p2 - cases[c].p2) <= 2.576 * p->se2))
            fail_msg("%s: (%.4f +- %.4f, %.4f +- %.4f), true (%g, %g)",
                     calib_fit_kind_name(cases[c].kind), p->p1, p->se1, p->p2, p->se2,
                     cases[c].p1, cases[c].p2);
        assert_true(p->ks < r.ks_critical);
        assert_false(r.use_empirical);
        /* the other kinds fit worse by the KS statistic too */
        for (int k = 0; k < CALIB_FIT_KINDS; k++)
            if (k != (int)cases[c].kind && r.fit[k].ok)
                assert_true(r.fit[k].ks > p->ks);
        calib_fit_free(f);
    }
    gsl_rng_free(rng);
}

static void bimodal_sample_should_fall_back_to_the_empirical(void **state)
{
    (void)state;
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 99);
    calib_fit *f = calib_fit_new(10000, 7);
    for (int i = 0; i < 5000; i++) /* 60 s and 600 s, cv 0.1 each */
        calib_fit_add(f, gsl_rng_uniform(rng) < 0.5 ? gsl_ran_gamma(rng, 100.0, 0.6)
                                                    : gsl_ran_gamma(rng, 100.0, 6.0));
    calib_fit_result r;
    assert_int_equal(calib_fit_get(f, &r, NULL), SIM_OK);
    assert_true(r.best >= 0);
    assert_true(r.fit[r.best].ks > r.ks_critical);
    assert_true(r.use_empirical);
    /* the median lies between the modes */
    assert_true(r.quantile_s[10] > 60.0 && r.quantile_s[10] < 600.0);
    calib_fit_free(f);
    gsl_rng_free(rng);
}

static void long_stream_should_keep_a_bounded_sample_and_the_exact_mean(void **state)
{
    (void)state;
    calib_fit *f = calib_fit_new(1000, 3);
    double sum = 0.0;
    for (int i = 1; i <= 100000; i++) {
        double x = 1.0 + (i % 977);
        sum += x;
        calib_fit_add(f, x);
    }
    calib_fit_result r;
    assert_int_equal(calib_fit_get(f, &r, NULL), SIM_OK);
    assert_int_equal(r.n, 100000);
    assert_int_equal(r.n_sample, 1000);
    assert_near(r.mean_s, sum / 100000.0, 1e-9);
    /* a uniform sample of a near-uniform 1..977: its median within 10% of 489 */
    assert_near(r.quantile_s[10], 489.0, 48.9);
    calib_fit_free(f);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(small_sample_should_give_the_closed_forms),
        cmocka_unit_test(each_kind_should_be_recovered_and_chosen_by_aic),
        cmocka_unit_test(bimodal_sample_should_fall_back_to_the_empirical),
        cmocka_unit_test(long_stream_should_keep_a_bounded_sample_and_the_exact_mean),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
