/* test_cc_dist.c -- the sampler of scenario distributions (cc_dist.h), with the loader's
 * reading of each kind and its moments (scenario_dist.h), and an M/G/1 queue of the model.
 *
 * Each kind is read from a scenario file, so the parameters a planner writes are what is
 * tested. Its mean and variance are written here from the textbook formulas (independently of
 * scenario_dist.c): the loaded mean_s and cv must equal them, and N = 400,000 draws must agree
 * with them: the sample mean within z sigma / sqrt(N) and the sample variance within
 * z sqrt((m4 - s^4) / N) (m4 the sample's fourth central moment: the asymptotic standard error
 * of a sample variance), z = 3.89, a two-sided 99.99% level per check. About 40 checks: a
 * correct sampler fails this file with probability about 0.4% over seeds; the seed is fixed,
 * so the outcome is deterministic. A sampler off by one standard error of the mean in 400,000
 * draws (0.16% of sigma) may pass, one off by 1% of sigma fails.
 *
 * Durations by time of day: with the evening handle time doubled (18:00-24:00, mean_factor 2)
 * the simulated mean handle time of each hour (work booked at answer / answered, over 20
 * replications) must contain 600 s in the evening and 300 s by day in its 99% interval, the
 * other value outside; the staffing requirement must be the Erlang one at 600 s in the
 * evening and at 300 s by day, and an hour half in a period takes the time-weighted mean.
 *
 * M/G/1 (one agent, Poisson arrivals, gamma service, no patience): the Pollaczek-Khinchine
 * mean wait W = rho E[S] (1 + cv^2) / (2 (1 - rho)) must lie in the 99% Student-t interval of
 * the model's ASA over the replications, and the exponential service's value (cv = 1) must
 * not: the test fails if the model ignored the distribution's shape.
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
#include <gsl/gsl_sf_gamma.h>

#include "test_scenario_util.h"

#include "cc_dist.h"
#include "cc_model.h"
#include "scenario.h"
#include "scenario_dist.h"
#include "sim_series.h"
#include "staffplan.h"
#include "erlang_staff.h"
#include "sim_ci.h"
#include "sim_rng.h"

#define DRAWS 400000
#define Z 3.89 /* two-sided 99.99% */

/* A scenario whose voice channel has handle time `dist` (JSON object text). */
static scenario *load_dist(const char *dist)
{
    char json[4096];
    snprintf(json, sizeof json,
             "{\"name\": \"d\", \"channels\": [{\"name\": \"p\", \"kind\": \"voice\","
             " \"handle_time\": %s, \"daily_volume\": 10, \"agents\": 1}]}",
             dist);
    return test_scenario_load(json);
}

static int close_rel(double a, double b, double tol)
{
    return fabs(a - b) <= tol * fmax(fabs(a), fabs(b));
}

/* Load `dist`, check its stated moments and those of DRAWS draws against mean and var. */
static int check_kind(const char *name, const char *dist, double mean, double var,
                      double factor, uint64_t purpose)
{
    scenario *s = load_dist(dist);
    const scenario_dist *d = &s->channels[0].handle_time;
    int ok = 1;
    double cv = sqrt(var) / mean;
    if (!close_rel(d->mean_s, mean, 1e-9) || !(fabs(d->cv - cv) <= 1e-9 * fmax(cv, 1))) {
        print_message("%s: loaded mean %.10g cv %.10g, expected %.10g and %.10g\n", name,
                      d->mean_s, d->cv, mean, cv);
        ok = 0;
    }
    gsl_rng *r = sim_rng_stream_new(NULL, 20261203u, 0, purpose);
    assert_non_null(r);
    /* two passes over the same stream: mean first, then central moments */
    double sum = 0, minv = INFINITY;
    for (size_t i = 0; i < DRAWS; i++) {
        double x = cc_dist_draw(r, d, factor);
        sum += x;
        minv = fmin(minv, x);
    }
    double xbar = sum / DRAWS;
    gsl_rng_free(r);
    r = sim_rng_stream_new(NULL, 20261203u, 0, purpose);
    double m2 = 0, m4 = 0;
    for (size_t i = 0; i < DRAWS; i++) {
        double e = cc_dist_draw(r, d, factor) - xbar;
        m2 += e * e;
        m4 += e * e * e * e;
    }
    gsl_rng_free(r);
    m2 /= DRAWS;
    m4 /= DRAWS;
    double s2 = m2 * DRAWS / (DRAWS - 1.0);
    double want_mean = mean * factor, want_var = var * factor * factor;
    double hm = Z * sqrt(want_var / DRAWS), hv = Z * sqrt(fmax(m4 - m2 * m2, 0) / DRAWS);
    int in_mean = fabs(xbar - want_mean) <= hm;
    int in_var = want_var == 0 ? s2 == 0 : fabs(s2 - want_var) <= hv;
    printf("  %-26s mean %10.4f (%10.4f +- %.4f)  var %12.3f (%12.3f +- %.3f)%s\n", name, xbar,
           want_mean, hm, s2, want_var, hv, in_mean && in_var && minv >= 0 ? "" : "  OUTSIDE");
    ok &= in_mean && in_var && minv >= 0;
    scenario_free(s);
    return ok;
}

static double gammaf(double x)
{
    return gsl_sf_gamma(x);
}

static void every_kind_should_draw_its_stated_mean_and_variance(void **state)
{
    (void)state;
    int ok = 1;
    uint64_t k = 1;
    /* exponential, lognormal, deterministic: unchanged forms */
    ok &= check_kind("exponential", "{\"mean_s\": 300}", 300, 300.0 * 300, 1, k++);
    ok &= check_kind("lognormal", "{\"distribution\": \"lognormal\", \"mean_s\": 300, \"cv\": 0.6}",
                     300, 0.36 * 300 * 300, 1, k++);
    ok &= check_kind("deterministic", "{\"distribution\": \"deterministic\", \"mean_s\": 300}",
                     300, 0, 1, k++);
    /* gamma by mean and cv, also below cv 1 (shape > 1) and above (shape < 1) */
    ok &= check_kind("gamma cv 0.5", "{\"distribution\": \"gamma\", \"mean_s\": 300, \"cv\": 0.5}",
                     300, 0.25 * 300 * 300, 1, k++);
    ok &= check_kind("gamma cv 2, factor 1.5",
                     "{\"distribution\": \"gamma\", \"mean_s\": 200, \"cv\": 2}", 200,
                     4.0 * 200 * 200, 1.5, k++);
    /* weibull by shape and scale: mean l G(1 + 1/k), var l^2 (G(1 + 2/k) - G(1 + 1/k)^2) */
    double l = 300, sh = 2;
    ok &= check_kind("weibull shape 2",
                     "{\"distribution\": \"weibull\", \"shape\": 2, \"scale_s\": 300}",
                     l * gammaf(1 + 1 / sh),
                     l * l * (gammaf(1 + 2 / sh) - pow(gammaf(1 + 1 / sh), 2)), 1, k++);
    sh = 0.7;
    ok &= check_kind("weibull shape 0.7",
                     "{\"distribution\": \"weibull\", \"shape\": 0.7, \"scale_s\": 300}",
                     l * gammaf(1 + 1 / sh),
                     l * l * (gammaf(1 + 2 / sh) - pow(gammaf(1 + 1 / sh), 2)), 1, k++);
    /* weibull by mean and cv (the shape solved) */
    ok &= check_kind("weibull mean 240 cv 0.4",
                     "{\"distribution\": \"weibull\", \"mean_s\": 240, \"cv\": 0.4}", 240,
                     0.16 * 240 * 240, 1, k++);
    ok &= check_kind("weibull mean 240 cv 1.8",
                     "{\"distribution\": \"weibull\", \"mean_s\": 240, \"cv\": 1.8}", 240,
                     1.8 * 1.8 * 240 * 240, 1, k++);
    /* uniform: (a + b) / 2, (b - a)^2 / 12 */
    ok &= check_kind("uniform 100-300",
                     "{\"distribution\": \"uniform\", \"min_s\": 100, \"max_s\": 300}", 200,
                     200.0 * 200 / 12, 1, k++);
    /* triangular: (a + b + c) / 3, (a^2 + b^2 + c^2 - ab - ac - bc) / 18 */
    ok &= check_kind("triangular 60/120/600",
                     "{\"distribution\": \"triangular\", \"min_s\": 60, \"mode_s\": 120,"
                     " \"max_s\": 600}",
                     260, (3600.0 + 360000 + 14400 - 36000 - 7200 - 72000) / 18, 1, k++);
    ok &= check_kind("triangular, mode at min",
                     "{\"distribution\": \"triangular\", \"min_s\": 0, \"mode_s\": 0,"
                     " \"max_s\": 300}",
                     100, 300.0 * 300 / 18, 1, k++);
    /* empirical: uniform within each segment; segment [a, b] of mass q adds q (a + b) / 2 to
     * the mean and q (a^2 + ab + b^2) / 3 to E[X^2] */
    double e1 = 0.5 * 150 + 0.5 * 570;
    double e2 = 0.5 * (3600.0 + 14400 + 57600) / 3 + 0.5 * (57600.0 + 216000 + 810000) / 3;
    ok &= check_kind("empirical quantiles",
                     "{\"distribution\": \"empirical\", \"quantiles\": [{\"p\": 0, \"value_s\": 60},"
                     " {\"p\": 0.5, \"value_s\": 240}, {\"p\": 1, \"value_s\": 900}]}",
                     e1, e2 - e1 * e1, 1, k++);
    /* a histogram with weights 1, 3 (and an empty bin) over [0, 60), [60, 300), [300, 400) */
    double h1 = 0.25 * 30 + 0.75 * 180;
    double h2 = 0.25 * 3600.0 / 3 + 0.75 * (3600.0 + 18000 + 90000) / 3;
    ok &= check_kind("empirical histogram",
                     "{\"distribution\": \"empirical\", \"histogram\": {\"edges_s\": [0, 60, 300, 400],"
                     " \"weights\": [1, 3, 0]}}",
                     h1, h2 - h1 * h1, 1, k++);
    /* a quantile table with a step (a point mass at 120 of probability 0.3) */
    double q1 = 0.2 * 60 + 0.3 * 120 + 0.5 * 210;
    double q2 = 0.2 * (0 + 0 + 14400.0) / 3 + 0.3 * 14400 + 0.5 * (14400.0 + 36000 + 90000) / 3;
    ok &= check_kind("empirical with an atom",
                     "{\"distribution\": \"empirical\", \"quantiles\": [{\"p\": 0, \"value_s\": 0},"
                     " {\"p\": 0.2, \"value_s\": 120}, {\"p\": 0.5, \"value_s\": 120},"
                     " {\"p\": 1, \"value_s\": 300}]}",
                     q1, q2 - q1 * q1, 1, k++);
    /* mixture: 80% simple (gamma 180, cv 0.5), 20% complex (lognormal 900, cv 0.8):
     * mean sum w m, E[X^2] sum w m^2 (1 + cv^2) */
    double m1 = 0.8 * 180 + 0.2 * 900;
    double m2 = 0.8 * 180.0 * 180 * 1.25 + 0.2 * 900.0 * 900 * 1.64;
    ok &= check_kind("mixture 80/20",
                     "{\"distribution\": \"mixture\", \"components\": ["
                     " {\"share\": 0.8, \"distribution\": \"gamma\", \"mean_s\": 180, \"cv\": 0.5},"
                     " {\"share\": 0.2, \"distribution\": \"lognormal\", \"mean_s\": 900,"
                     " \"cv\": 0.8}]}",
                     m1, m2 - m1 * m1, 1, k++);
    /* a point mass at 0 (a share with zero patience) and an exponential */
    ok &= check_kind("mixture with a point mass",
                     "{\"distribution\": \"mixture\", \"components\": ["
                     " {\"share\": 0.1, \"distribution\": \"deterministic\", \"mean_s\": 0},"
                     " {\"share\": 0.9, \"mean_s\": 200}]}",
                     180, 0.9 * 2 * 200.0 * 200 - 180.0 * 180, 1, k++);
    assert_true(ok);
}

static void a_mixture_point_mass_should_be_drawn_with_its_share(void **state)
{
    (void)state;
    scenario *s = load_dist("{\"distribution\": \"mixture\", \"components\": ["
                            " {\"share\": 0.25, \"distribution\": \"deterministic\", \"mean_s\": 0},"
                            " {\"share\": 0.75, \"distribution\": \"uniform\", \"min_s\": 10,"
                            " \"max_s\": 20}]}");
    gsl_rng *r = sim_rng_stream_new(NULL, 5, 0, 0);
    size_t zeros = 0, n = 100000;
    for (size_t i = 0; i < n; i++) {
        double x = cc_dist_draw(r, &s->channels[0].handle_time, 1);
        assert_true(x == 0 || (x >= 10 && x < 20));
        zeros += x == 0;
    }
    gsl_rng_free(r);
    /* binomial(n, 0.25): 99.99% two-sided, z sqrt(n p (1 - p)) */
    double sd = sqrt((double)n * 0.25 * 0.75);
    assert_true(fabs((double)zeros - 0.25 * (double)n) <= Z * sd);
    scenario_free(s);
}

static void weibull_shape_should_invert_its_cv(void **state)
{
    (void)state;
    const double cvs[] = {0.01, 0.1, 0.5, 1, 2, 5, 10};
    for (size_t i = 0; i < sizeof cvs / sizeof cvs[0]; i++) {
        double k = 0;
        assert_int_equal(scenario_dist_weibull_shape(cvs[i], &k), 0);
        assert_true(close_rel(scenario_dist_weibull_cv(k), cvs[i], 1e-10));
    }
    /* cv 1 is the exponential: shape 1 */
    double k = 0;
    assert_int_equal(scenario_dist_weibull_shape(1, &k), 0);
    assert_true(fabs(k - 1) < 1e-10);
    /* outside the shapes' span, or no number */
    assert_int_equal(scenario_dist_weibull_shape(0.001, &k), -1);
    assert_int_equal(scenario_dist_weibull_shape(1e7, &k), -1);
    assert_int_equal(scenario_dist_weibull_shape(NAN, &k), -1);
    assert_int_equal(scenario_dist_weibull_shape(0, &k), -1);
}

/* Bad distributions: each refused with a message at its path. */
static void bad_distributions_should_be_refused_naming_the_field(void **state)
{
    (void)state;
    static const struct {
        const char *dist, *path, *message;
    } cases[] = {
        {"{\"distribution\": \"gamma\", \"mean_s\": 300}", "channels[0].handle_time",
         "a gamma distribution needs 'cv'"},
        {"{\"distribution\": \"uniform\", \"min_s\": 300, \"max_s\": 100}",
         "channels[0].handle_time.max_s", "max_s must be greater than min_s (300)"},
        {"{\"distribution\": \"uniform\", \"mean_s\": 300, \"min_s\": 1, \"max_s\": 2}",
         "channels[0].handle_time.mean_s", "does not apply to a uniform distribution"},
        {"{\"distribution\": \"triangular\", \"min_s\": 0, \"mode_s\": 500, \"max_s\": 300}",
         "channels[0].handle_time.mode_s", "mode_s must lie between min_s (0) and max_s (300)"},
        {"{\"distribution\": \"weibull\", \"mean_s\": 300, \"cv\": 0.5, \"shape\": 2}",
         "channels[0].handle_time",
         "a weibull distribution takes shape and scale_s, or mean_s and cv, not both"},
        {"{\"distribution\": \"weibull\", \"mean_s\": 300, \"cv\": 0.001}",
         "channels[0].handle_time.cv", "no weibull distribution has cv 0.001"},
        {"{\"distribution\": \"empirical\", \"quantiles\": [{\"p\": 0, \"value_s\": 1},"
         " {\"p\": 0.9, \"value_s\": 2}]}",
         "channels[0].handle_time.quantiles[1].p", "the last point's p must be 1"},
        {"{\"distribution\": \"empirical\", \"quantiles\": [{\"p\": 0, \"value_s\": 5},"
         " {\"p\": 1, \"value_s\": 2}]}",
         "channels[0].handle_time.quantiles[1].value_s", "values must not decrease"},
        {"{\"distribution\": \"empirical\", \"histogram\": {\"edges_s\": [0, 1, 2],"
         " \"weights\": [1]}}",
         "channels[0].handle_time.histogram.weights", "needs one weight per bin"},
        {"{\"distribution\": \"empirical\"}", "channels[0].handle_time",
         "needs 'quantiles' or 'histogram'"},
        {"{\"distribution\": \"mixture\", \"components\": [{\"share\": 0.5, \"mean_s\": 1},"
         " {\"share\": 0.4, \"mean_s\": 2}]}",
         "channels[0].handle_time.components", "component shares sum to 0.9"},
        {"{\"distribution\": \"mixture\", \"components\": [{\"share\": 1, \"mean_s\": 1}]}",
         "channels[0].handle_time.components", "a mixture needs 2 to 8 components, got 1"},
        {"{\"distribution\": \"mixture\", \"components\": [{\"share\": 0.5, \"mean_s\": 0},"
         " {\"share\": 0.5, \"mean_s\": 2}]}",
         "channels[0].handle_time.components[0].mean_s", "only a deterministic one may be 0"},
        {"{\"distribution\": \"mixture\", \"components\": [{\"share\": 0.5,"
         " \"distribution\": \"deterministic\", \"mean_s\": 0},"
         " {\"share\": 0.5, \"distribution\": \"deterministic\", \"mean_s\": 0}]}",
         "channels[0].handle_time", "parameters give no mean > 0"},
        {"{\"distribution\": \"mixture\", \"components\": [{\"share\": 0.5,"
         " \"distribution\": \"mixture\"}, {\"share\": 0.5, \"mean_s\": 2}]}",
         "channels[0].handle_time.components[0].distribution", "is not one of"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char json[2048];
        snprintf(json, sizeof json,
                 "{\"name\": \"d\", \"channels\": [{\"name\": \"p\", \"kind\": \"voice\","
                 " \"handle_time\": %s, \"daily_volume\": 10, \"agents\": 1}]}",
                 cases[i].dist);
        scenario *s = NULL;
        scenario_diag diag;
        scenario_diag_init(&diag);
        sim_status st = scenario_load_string(json, strlen(json), "<test>", NULL, &s, &diag);
        int found = 0;
        for (size_t k = 0; k < scenario_diag_count(&diag); k++) {
            const scenario_diag_entry *e = scenario_diag_get(&diag, k);
            found |= strcmp(e->path, cases[i].path) == 0
                     && strstr(e->message, cases[i].message) != NULL;
        }
        if (st == SIM_OK || !found) {
            char buf[1024];
            print_message("case %zu: status %d, wanted '%s' at %s; got:\n", i, (int)st,
                          cases[i].message, cases[i].path);
            for (size_t k = 0; k < scenario_diag_count(&diag); k++)
                print_message("  %s\n",
                              scenario_diag_format(scenario_diag_get(&diag, k), buf, sizeof buf));
        }
        assert_int_equal(st, SIM_EINVAL);
        assert_true(found);
        scenario_diag_fini(&diag);
        scenario_free(s);
    }
}

/* M/G/1 with gamma service in the model: one voice channel, one agent, no patience. */
static double mg1_asa(double cv, sim_ci *ci_out)
{
    char json[2048];
    /* rho = 0.6: 216 calls a day of mean 240 s */
    snprintf(json, sizeof json,
             "{\"name\": \"mg1\", \"horizon_days\": 41, \"warmup_s\": 86400, \"seed\": 11,"
             " \"channels\": [{\"name\": \"phone\", \"kind\": \"voice\","
             " \"handle_time\": {\"distribution\": \"gamma\", \"mean_s\": 240, \"cv\": %g},"
             " \"daily_volume\": 216, \"agents\": 1}]}",
             cv);
    scenario *s = test_scenario_load(json);
    size_t n = 40;
    cc_rep *reps = calloc(n, sizeof *reps);
    assert_non_null(reps);
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(cc_model_run_replications(s, NULL, n, 2, NULL, NULL, NULL, reps, &err),
                     SIM_OK);
    cc_summary *sum = cc_summary_new(reps, n, s, 0.99, &err);
    assert_non_null(sum);
    size_t j = cc_summary_find(sum, "channel.phone.asa_s");
    assert_true(j != SIZE_MAX);
    *ci_out = sum->ci[j];
    for (size_t r = 0; r < n; r++)
        cc_rep_fini(&reps[r]);
    free(reps);
    cc_summary_free(sum);
    scenario_free(s);
    return ci_out->mean;
}

static void mg1_with_gamma_service_should_match_pollaczek_khinchine(void **state)
{
    (void)state;
    double rho = 0.6, es = 240, cv = 1.5;
    double pk = rho * es * (1 + cv * cv) / (2 * (1 - rho));
    double pk_exp = rho * es * 2 / (2 * (1 - rho));
    sim_ci ci;
    mg1_asa(cv, &ci);
    printf("  M/G/1 gamma cv %.1f: P-K mean wait %.2f s, simulated %.2f [%.2f, %.2f] (99%%);"
           " exponential service would give %.2f\n",
           cv, pk, ci.mean, ci.lo, ci.hi, pk_exp);
    assert_true(pk >= ci.lo && pk <= ci.hi);
    assert_false(pk_exp >= ci.lo && pk_exp <= ci.hi);
}

/* A voice channel open 24/7 with one-hour intervals and flat demand, handle time exponential
 * 300 s doubled from 18:00, patience 200 s halved from 18:00 (a dist in that period). */
static const char evening_json[] =
    "{\"name\": \"evening\", \"horizon_days\": 4, \"warmup_s\": 86400, \"seed\": 3,"
    " \"interval_s\": 3600,"
    " \"channels\": [{\"name\": \"phone\", \"kind\": \"voice\","
    "  \"handle_time\": {\"mean_s\": 300},"
    "  \"handle_time_by_period\": [{\"from\": \"12:30\", \"to\": \"13:00\", \"mean_factor\": 3},"
    "   {\"from\": \"18:00\", \"to\": \"24:00\", \"mean_factor\": 2}],"
    "  \"patience\": {\"mean_s\": 200},"
    "  \"patience_by_period\": [{\"from\": \"18:00\", \"to\": \"24:00\","
    "   \"dist\": {\"distribution\": \"gamma\", \"mean_s\": 100, \"cv\": 0.5}}],"
    "  \"service_level\": {\"target\": 0.8, \"threshold_s\": 20},"
    "  \"intraday\": " TEST_FLAT_24 ", \"daily_volume\": 4800, \"agents\": 40}]}";

static void evening_handle_time_should_follow_its_period_in_the_model(void **state)
{
    (void)state;
    scenario *s = test_scenario_load(evening_json);
    size_t n = 20;
    cc_rep *reps = calloc(n, sizeof *reps);
    assert_non_null(reps);
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(cc_model_run_replications(s, NULL, n, 2, NULL, NULL, NULL, reps, &err),
                     SIM_OK);
    /* per replication: mean handle time by day (00-12, 13-18) and in the evening (18-24),
     * and the share abandoned by day and in the evening */
    sim_tally day, eve;
    sim_tally_init(&day);
    sim_tally_init(&eve);
    for (size_t r = 0; r < n; r++) {
        double w[2] = {0, 0}, a[2] = {0, 0};
        for (size_t i = 0; i < reps[r].n_intervals; i++) {
            size_t hour = i % 24;
            if (hour == 12)
                continue; /* half in the 12:30 period */
            int e = hour >= 18;
            w[e] += *sim_series_at(&reps[r].channel_series, i, CC_IV_WORK_S);
            a[e] += *sim_series_at(&reps[r].channel_series, i, CC_IV_ANSWERED);
        }
        sim_tally_add(&day, w[0] / a[0]);
        sim_tally_add(&eve, w[1] / a[1]);
    }
    sim_ci cd = sim_ci_from_tally(&day, 0.99), ce = sim_ci_from_tally(&eve, 0.99);
    printf("  mean handle time by day %.2f [%.2f, %.2f], evening %.2f [%.2f, %.2f] (99%%)\n",
           cd.mean, cd.lo, cd.hi, ce.mean, ce.lo, ce.hi);
    assert_true(cd.lo <= 300 && 300 <= cd.hi && !(cd.lo <= 600 && 600 <= cd.hi));
    assert_true(ce.lo <= 600 && 600 <= ce.hi && !(ce.lo <= 300 && 300 <= ce.hi));
    for (size_t r = 0; r < n; r++)
        cc_rep_fini(&reps[r]);
    free(reps);
    scenario_free(s);
}

static void the_requirement_should_use_each_interval_s_mean_handle_time(void **state)
{
    (void)state;
    scenario *s = test_scenario_load(evening_json);
    staffplan plan;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(staffplan_build(&plan, s, NULL, &err), SIM_OK);
    double rate = 4800.0 / 86400.0;
    /* hour 12 holds 30 minutes at factor 3: a time-weighted mean of 300 x (1 + 3) / 2 */
    const double aht[4] = {300, 600, 600, 300};
    const size_t hour[4] = {10, 18, 23, 12};
    const double pat[4] = {200, 100, 100, 200};
    for (size_t c = 0; c < 4; c++) {
        double want_aht = hour[c] == 12 ? 600 : aht[c];
        erlang_queue q;
        erlang_queue_init(&q);
        q.arrival_rate = rate;
        q.aht_s = want_aht;
        q.patience_s = pat[c];
        q.threshold_s = 20;
        erlang_target t;
        erlang_staff_target_init(&t);
        t.service_level = 0.8;
        t.shrinkage = plan.channels[0].shrinkage;
        erlang_staffing st;
        assert_int_equal(erlang_staff_solve(&q, &t, &st, &err), SIM_OK);
        const staffplan_cell *cell = staffplan_at(&plan, hour[c], 0);
        printf("  hour %2zu: load %.4f (want %.4f), agents %.0f (Erlang A at %.0f s, "
               "patience %.0f s: %.0f)\n",
               hour[c], cell->load, rate * want_aht, cell->agents, want_aht, pat[c], st.agents);
        assert_true(fabs(cell->load - rate * want_aht) < 1e-9);
        assert_true(cell->agents == st.agents);
    }
    /* and the evening needs more than the day */
    assert_true(staffplan_at(&plan, 20, 0)->agents > staffplan_at(&plan, 10, 0)->agents);
    staffplan_fini(&plan);
    scenario_free(s);
}

static void periods_should_be_checked(void **state)
{
    (void)state;
    static const struct {
        const char *periods, *path, *message;
    } cases[] = {
        {"[{\"from\": \"18:00\", \"to\": \"17:00\", \"mean_factor\": 2}]",
         "channels[0].handle_time_by_period[0].to", "a period must end after it starts"},
        {"[{\"from\": \"08:00\", \"to\": \"12:00\", \"mean_factor\": 2},"
         " {\"from\": \"11:00\", \"to\": \"13:00\", \"mean_factor\": 2}]",
         "channels[0].handle_time_by_period[1].from", "must be in order and not overlap"},
        {"[{\"from\": \"08:00\", \"to\": \"12:00\"}]", "channels[0].handle_time_by_period[0]",
         "a period needs mean_factor or dist"},
        {"[{\"from\": \"08:00\", \"to\": \"12:00\", \"mean_factor\": 2, \"dist\": {\"mean_s\": 1}}]",
         "channels[0].handle_time_by_period[0]", "mean_factor or dist, not both"},
        {"[{\"from\": \"8:00\", \"to\": \"12:00\", \"mean_factor\": 2}]",
         "channels[0].handle_time_by_period[0].from", "is not a time \"HH:MM\""},
        {"[{\"from\": \"08:00\", \"to\": \"12:00\", \"dist\": {\"distribution\": \"gamma\","
         " \"mean_s\": 5}}]",
         "channels[0].handle_time_by_period[0].dist", "a gamma distribution needs 'cv'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char json[2048];
        snprintf(json, sizeof json,
                 "{\"name\": \"d\", \"channels\": [{\"name\": \"p\", \"kind\": \"voice\","
                 " \"handle_time\": {\"mean_s\": 300}, \"handle_time_by_period\": %s,"
                 " \"daily_volume\": 10, \"agents\": 1}]}",
                 cases[i].periods);
        scenario *x = NULL;
        scenario_diag diag;
        scenario_diag_init(&diag);
        sim_status st = scenario_load_string(json, strlen(json), "<test>", NULL, &x, &diag);
        int found = 0;
        for (size_t k = 0; k < scenario_diag_count(&diag); k++) {
            const scenario_diag_entry *e = scenario_diag_get(&diag, k);
            found |= strcmp(e->path, cases[i].path) == 0
                     && strstr(e->message, cases[i].message) != NULL;
        }
        if (!found) {
            char buf[1024];
            print_message("case %zu: wanted '%s' at %s; got:\n", i, cases[i].message,
                          cases[i].path);
            for (size_t k = 0; k < scenario_diag_count(&diag); k++)
                print_message("  %s\n",
                              scenario_diag_format(scenario_diag_get(&diag, k), buf, sizeof buf));
        }
        assert_int_equal(st, SIM_EINVAL);
        assert_true(found);
        scenario_diag_fini(&diag);
        scenario_free(x);
    }
    /* a patience by period needs the channel's patience */
    const char *np = "{\"name\": \"d\", \"channels\": [{\"name\": \"p\", \"kind\": \"voice\","
                     " \"handle_time\": {\"mean_s\": 300}, \"patience_by_period\": [{\"from\":"
                     " \"08:00\", \"to\": \"12:00\", \"mean_factor\": 2}],"
                     " \"daily_volume\": 10, \"agents\": 1}]}";
    scenario *x = NULL;
    scenario_diag diag;
    scenario_diag_init(&diag);
    assert_int_equal(scenario_load_string(np, strlen(np), "<test>", NULL, &x, &diag), SIM_EINVAL);
    assert_non_null(strstr(scenario_diag_get(&diag, 0)->message, "needs the channel's patience"));
    scenario_diag_fini(&diag);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_kind_should_draw_its_stated_mean_and_variance),
        cmocka_unit_test(a_mixture_point_mass_should_be_drawn_with_its_share),
        cmocka_unit_test(weibull_shape_should_invert_its_cv),
        cmocka_unit_test(bad_distributions_should_be_refused_naming_the_field),
        cmocka_unit_test(mg1_with_gamma_service_should_match_pollaczek_khinchine),
        cmocka_unit_test(evening_handle_time_should_follow_its_period_in_the_model),
        cmocka_unit_test(the_requirement_should_use_each_interval_s_mean_handle_time),
        cmocka_unit_test(periods_should_be_checked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
