/* test_demand_factor.c -- day factors per channel with a correlation, and busyness factors
 * (demand_factor.h), alone and in the model's arrivals.
 *
 * The factors alone: 200,000 days; each channel's mean 1 and variance cv^2, and each pair's
 * correlation rho, within intervals at 99.9% per check (variance: asymptotic standard error
 * from the sample's fourth moment; correlation: Fisher's z, atanh(r) +- z / sqrt(n - 3)).
 *
 * In the model (two self-service channels, so every arrival is counted and nothing carries
 * over from one day to the next; 800 simulated days = 8 replications of 100): the daily counts
 * of each channel have mean L and variance L + L^2 ((1 + cv^2)(1 + cv_b^2 / 24) - 1) (24 hourly
 * intervals, busyness cv_b), the correlation of the two channels' daily counts is
 *     rho cv_1 cv_2 L_1 L_2 / sqrt(Var_1 Var_2),
 * and an hour's count has E[N^2] = m + m^2 (1 + cv^2)(1 + cv_b^2) and within-day variance
 * E[s^2] = m + m^2 (1 + cv^2) cv_b^2 (m = L / 24); the last two are estimated per day (days
 * are independent) with Student-t intervals over the days. Every check at 99.9%: eleven checks,
 * so a correct model fails this file with probability about 1% over seeds; the seeds are
 * fixed. The same intervals must exclude what a model without the mechanism gives (a shared
 * factor, or no busyness), so each check can fail.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_errno.h>

#include "test_scenario_util.h"

#include "cc_model.h"
#include "demand_factor.h"
#include "scenario.h"
#include "sim_ci.h"
#include "sim_rng.h"
#include "sim_series.h"
#include "sim_tally.h"

#define Z 3.29 /* two-sided 99.9% */

/* Mean and variance of x[0..n-1] (stride), with the half-width of each at Z. */
typedef struct moments {
    double mean, var, h_mean, h_var;
} moments;

static moments moments_of(const double *x, size_t n, size_t stride)
{
    double s = 0;
    for (size_t i = 0; i < n; i++)
        s += x[i * stride];
    double mean = s / (double)n, m2 = 0, m4 = 0;
    for (size_t i = 0; i < n; i++) {
        double e = x[i * stride] - mean;
        m2 += e * e;
        m4 += e * e * e * e;
    }
    m2 /= (double)n;
    m4 /= (double)n;
    moments m = {mean, m2 * (double)n / ((double)n - 1), Z * sqrt(m2 / (double)n),
                 Z * sqrt(fmax(m4 - m2 * m2, 0) / (double)n)};
    return m;
}

static double correlation(const double *x, const double *y, size_t n, size_t stride)
{
    double mx = 0, my = 0;
    for (size_t i = 0; i < n; i++) {
        mx += x[i * stride];
        my += y[i * stride];
    }
    mx /= (double)n;
    my /= (double)n;
    double sxy = 0, sxx = 0, syy = 0;
    for (size_t i = 0; i < n; i++) {
        double a = x[i * stride] - mx, b = y[i * stride] - my;
        sxy += a * b;
        sxx += a * a;
        syy += b * b;
    }
    return sxy / sqrt(sxx * syy);
}

/* Fisher's interval for a correlation r from n pairs contains rho. */
static int fisher_contains(double r, size_t n, double rho)
{
    double h = Z / sqrt((double)n - 3);
    return fabs(atanh(r) - atanh(rho)) <= h;
}

static int in(const char *what, double est, double half, double want, double other)
{
    int ok = fabs(est - want) <= half && !(fabs(est - other) <= half);
    printf("  %-40s %12.5f +- %-10.5f stated %12.5f  without the mechanism %12.5f%s\n", what,
           est, half, want, other, ok ? "" : "  FAILED");
    return ok;
}

static void day_factors_should_have_the_stated_cv_and_correlation(void **state)
{
    (void)state;
    const char *json =
        "{\"name\": \"f\", \"demand\": {\"day_correlation\": 0.6},"
        " \"channels\": ["
        "  {\"name\": \"a\", \"kind\": \"self_service\", \"daily_volume\": 1, \"day_cv\": 0.2},"
        "  {\"name\": \"b\", \"kind\": \"self_service\", \"daily_volume\": 1, \"day_cv\": 0.5},"
        "  {\"name\": \"c\", \"kind\": \"self_service\", \"daily_volume\": 1, \"day_cv\": 0.5},"
        "  {\"name\": \"d\", \"kind\": \"self_service\", \"daily_volume\": 1}]}";
    scenario *s = test_scenario_load(json);
    size_t n = 200000, nc = 4;
    double *f = malloc(n * nc * sizeof *f);
    assert_non_null(f);
    gsl_rng *r = sim_rng_stream_new(NULL, 99, 0, 0);
    demand_factor_days(s, r, f, n);
    gsl_rng_free(r);
    int ok = 1;
    const double cv[3] = {0.2, 0.5, 0.5};
    for (size_t c = 0; c < 3; c++) {
        moments m = moments_of(f + c, n, nc);
        char what[64];
        snprintf(what, sizeof what, "channel %zu factor mean", c);
        ok &= fabs(m.mean - 1) <= m.h_mean;
        printf("  %-40s %.5f +- %.5f (1)\n", what, m.mean, m.h_mean);
        snprintf(what, sizeof what, "channel %zu factor variance", c);
        ok &= in(what, m.var, m.h_var, cv[c] * cv[c], 0.15 * 0.15);
    }
    for (size_t a = 0; a < 3; a++) {
        for (size_t b = a + 1; b < 3; b++) {
            double rho = correlation(f + a, f + b, n, nc);
            int okc = fisher_contains(rho, n, 0.6) && !fisher_contains(rho, n, 1.0 - 1e-6)
                      && !fisher_contains(rho, n, 0.0);
            printf("  correlation %zu-%zu %.5f (stated 0.6)%s\n", a, b, rho, okc ? "" : " FAILED");
            ok &= okc;
        }
    }
    /* a channel without day_cv takes demand.overdispersion_cv, 0 here: factor 1 */
    for (size_t d = 0; d < n; d++)
        ok &= f[d * nc + 3] == 1.0 && f[d * nc] >= 0 && f[d * nc + 1] >= 0;
    free(f);
    scenario_free(s);
    assert_true(ok);
}

static void full_correlation_with_equal_cvs_should_give_one_factor(void **state)
{
    (void)state;
    const char *json =
        "{\"name\": \"f\", \"demand\": {\"day_correlation\": 1, \"overdispersion_cv\": 0.3},"
        " \"channels\": ["
        "  {\"name\": \"a\", \"kind\": \"self_service\", \"daily_volume\": 1},"
        "  {\"name\": \"b\", \"kind\": \"self_service\", \"daily_volume\": 1}]}";
    scenario *s = test_scenario_load(json);
    double f[2 * 1000];
    gsl_rng *r = sim_rng_stream_new(NULL, 5, 0, 0);
    demand_factor_days(s, r, f, 1000);
    gsl_rng_free(r);
    for (size_t d = 0; d < 1000; d++)
        assert_true(f[2 * d] == f[2 * d + 1]);
    moments m = moments_of(f, 1000, 2);
    assert_true(fabs(m.mean - 1) <= m.h_mean && fabs(m.var - 0.09) <= m.h_var);
    scenario_free(s);
}

/* The model's arrivals: two self-service channels. */
#define DAYS_PER_REP 100
#define REPS 8
static const double L[2] = {2000, 1000}, CV[2] = {0.2, 0.3};
#define RHO 0.6
#define CVB 0.25

static double *daily_counts(const char *demand, size_t *n_days, double **hourly)
{
    char json[2048];
    snprintf(json, sizeof json,
             "{\"name\": \"v\", \"horizon_days\": %d, \"interval_s\": 3600, \"seed\": 17,"
             " \"demand\": %s,"
             " \"channels\": ["
             "  {\"name\": \"a\", \"kind\": \"self_service\", \"resolve_share\": 1,"
             "   \"daily_volume\": 2000, \"day_cv\": 0.2, \"intraday\": " TEST_FLAT_24 "},"
             "  {\"name\": \"b\", \"kind\": \"self_service\", \"resolve_share\": 1,"
             "   \"daily_volume\": 1000, \"day_cv\": 0.3, \"intraday\": " TEST_FLAT_24 "}]}",
             DAYS_PER_REP, demand);
    scenario *s = test_scenario_load(json);
    cc_rep *reps = calloc(REPS, sizeof *reps);
    assert_non_null(reps);
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(cc_model_run_replications(s, NULL, REPS, 2, NULL, NULL, NULL, reps, &err),
                     SIM_OK);
    size_t nd = REPS * DAYS_PER_REP;
    double *day = calloc(nd * 2, sizeof *day);
    double *hour = calloc(nd * 2 * 24, sizeof *hour);
    assert_non_null(day);
    assert_non_null(hour);
    for (size_t r = 0; r < REPS; r++) {
        assert_int_equal(reps[r].n_intervals, DAYS_PER_REP * 24);
        for (size_t i = 0; i < reps[r].n_intervals; i++) {
            size_t d = r * DAYS_PER_REP + i / 24;
            for (size_t c = 0; c < 2; c++) {
                double x = *sim_series_at(&reps[r].channel_series, i, c * CC_IV_COUNT + CC_IV_ARRIVED);
                day[d * 2 + c] += x;
                hour[(d * 2 + c) * 24 + i % 24] = x;
            }
        }
        cc_rep_fini(&reps[r]);
    }
    free(reps);
    scenario_free(s);
    *n_days = nd;
    *hourly = hour;
    return day;
}

static void simulated_day_and_interval_variances_should_match_the_stated_ones(void **state)
{
    (void)state;
    size_t nd;
    double *hour;
    char demand[256];
    snprintf(demand, sizeof demand, "{\"day_correlation\": %g, \"busyness_cv\": %g}", RHO, CVB);
    double *day = daily_counts(demand, &nd, &hour);
    int ok = 1;
    double var[2];
    for (size_t c = 0; c < 2; c++) {
        double l = L[c], v = l + l * l * ((1 + CV[c] * CV[c]) * (1 + CVB * CVB / 24) - 1);
        var[c] = v;
        moments m = moments_of(day + c, nd, 2);
        char what[64];
        snprintf(what, sizeof what, "channel %zu daily count mean", c);
        ok &= fabs(m.mean - l) <= m.h_mean;
        printf("  %-40s %12.3f +- %-10.3f stated %12.3f\n", what, m.mean, m.h_mean, l);
        snprintf(what, sizeof what, "channel %zu daily count variance", c);
        /* without the mechanism: Poisson days (no overdispersion_cv) */
        ok &= in(what, m.var, m.h_var, v, l);
        /* an hour: E[N^2] and the within-day variance, per day */
        double mu = l / 24;
        sim_tally sq, within;
        sim_tally_init(&sq);
        sim_tally_init(&within);
        for (size_t d = 0; d < nd; d++) {
            const double *h = hour + (d * 2 + c) * 24;
            double s1 = 0, s2 = 0;
            for (size_t i = 0; i < 24; i++) {
                s1 += h[i];
                s2 += h[i] * h[i];
            }
            sim_tally_add(&sq, s2 / 24);
            sim_tally_add(&within, (s2 - s1 * s1 / 24) / 23);
        }
        double level = 0.999;
        sim_ci a = sim_ci_from_tally(&sq, level), b = sim_ci_from_tally(&within, level);
        snprintf(what, sizeof what, "channel %zu hourly E[N^2]", c);
        ok &= in(what, a.mean, a.half_width, mu + mu * mu * (1 + CV[c] * CV[c]) * (1 + CVB * CVB),
                 mu + mu * mu * (1 + CV[c] * CV[c]));
        snprintf(what, sizeof what, "channel %zu hourly within-day variance", c);
        ok &= in(what, b.mean, b.half_width, mu + mu * mu * (1 + CV[c] * CV[c]) * CVB * CVB, mu);
    }
    double r = correlation(day, day + 1, nd, 2);
    double want = RHO * CV[0] * CV[1] * L[0] * L[1] / sqrt(var[0] * var[1]);
    /* one shared factor of CV 0.2 and 0.3 cannot be; with the same draws for both channels
     * a shared factor would give a correlation near 1 */
    int okc = fisher_contains(r, nd, want) && !fisher_contains(r, nd, 0.0)
              && !fisher_contains(r, nd, 0.95);
    printf("  daily count correlation %.4f (stated %.4f, Fisher %.1f%%)%s\n", r, want, 99.9,
           okc ? "" : " FAILED");
    ok &= okc;
    free(day);
    free(hour);
    assert_true(ok);
}

static void day_factor_fields_should_be_checked(void **state)
{
    (void)state;
    const char *by_seg =
        "{\"name\": \"x\", \"demand\": {\"mode\": \"by_segment\", \"daily_volume\": 10,"
        " \"day_correlation\": 0.5}, \"channels\": [{\"name\": \"a\", \"kind\": \"self_service\"}]}";
    const char *no_corr =
        "{\"name\": \"x\", \"channels\": [{\"name\": \"a\", \"kind\": \"self_service\","
        " \"daily_volume\": 1, \"day_cv\": 0.2}]}";
    const char *cases[2][3] = {{by_seg, "demand.day_correlation", "needs demand.mode per_channel"},
                               {no_corr, "channels[0].day_cv", "needs demand.day_correlation"}};
    for (size_t i = 0; i < 2; i++) {
        scenario *x = NULL;
        scenario_diag diag;
        scenario_diag_init(&diag);
        assert_int_equal(scenario_load_string(cases[i][0], strlen(cases[i][0]), "<t>", NULL, &x,
                                              &diag),
                         SIM_EINVAL);
        int found = 0;
        for (size_t k = 0; k < scenario_diag_count(&diag); k++) {
            const scenario_diag_entry *e = scenario_diag_get(&diag, k);
            found |= strcmp(e->path, cases[i][1]) == 0 && strstr(e->message, cases[i][2]) != NULL;
        }
        assert_true(found);
        scenario_diag_fini(&diag);
    }
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(day_factors_should_have_the_stated_cv_and_correlation),
        cmocka_unit_test(full_correlation_with_equal_cvs_should_give_one_factor),
        cmocka_unit_test(simulated_day_and_interval_variances_should_match_the_stated_ones),
        cmocka_unit_test(day_factor_fields_should_be_checked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
