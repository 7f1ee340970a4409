/* test_cc_runs.h -- replications of a scenario in a statistical test of the model, their KPI
 * summary, and checks of an exact value against a KPI's confidence interval. Shared by the
 * tests that compare the simulation with queueing theory. Include after <cmocka.h>. */
#ifndef TEST_CC_RUNS_H
#define TEST_CC_RUNS_H

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc_model.h"
#include "cc_result.h"
#include "scenario.h"
#include "sim_ci.h"
#include "sim_tally.h"
#include "test_scenario_util.h"

typedef struct run_set {
    scenario *scn;
    size_t n;
    cc_rep *reps;
    cc_summary *sum;
} run_set;

/* n replications of the scenario `json` on two threads, summarised at confidence `level`. */
static inline void run_reps(run_set *rs, const char *json, size_t n, double level)
{
    rs->scn = test_scenario_load(json);
    rs->n = n;
    rs->reps = calloc(n, sizeof *rs->reps);
    assert_non_null(rs->reps);
    sim_error err;
    sim_error_clear(&err);
    sim_status st = cc_model_run_replications(rs->scn, NULL, n, 2, NULL, NULL, NULL, rs->reps,
                                              &err);
    if (st != SIM_OK)
        fprintf(stderr, "run failed: %s: %s\n", err.path, err.message);
    assert_int_equal(st, SIM_OK);
    rs->sum = cc_summary_new(rs->reps, n, rs->scn, level, &err);
    assert_non_null(rs->sum);
}

static inline void run_free(run_set *rs)
{
    for (size_t r = 0; r < rs->n; r++)
        cc_rep_fini(&rs->reps[r]);
    free(rs->reps);
    cc_summary_free(rs->sum);
    scenario_free(rs->scn);
}

/* The interval of KPI `name` (a full name such as "channel.phone.asa_s"); fails if absent. */
static inline sim_ci kpi(const run_set *rs, const char *name)
{
    size_t j = cc_summary_find(rs->sum, name);
    if (j == SIZE_MAX)
        fail_msg("no KPI %s", name);
    return rs->sum->ci[j];
}

/* Fails unless `exact` lies inside ci; prints both either way. */
static inline void expect_in(const char *what, sim_ci ci, double exact)
{
    printf("  %-40s exact %.5f  simulated %.5f  [%.5f, %.5f]\n", what, exact, ci.mean, ci.lo,
           ci.hi);
    if (!(exact >= ci.lo && exact <= ci.hi))
        fail_msg("%s: exact %.6f outside the %.3f%% interval [%.6f, %.6f]", what, exact,
                 100.0 * ci.level, ci.lo, ci.hi);
}

/* Erlang C by the Erlang B recursion B(k) = A B(k-1) / (k + A B(k-1)) (stable for any n). */
static inline double erlang_c_exact(size_t n, double a)
{
    double b = 1.0;
    for (size_t k = 1; k <= n; k++)
        b = a * b / ((double)k + a * b);
    return (double)n * b / ((double)n - a * (1.0 - b));
}

/* Replication `replication` of scn with the trace hook fn(ctx) into *rep (the caller
 * finishes it); fails the test, printing the error, unless the run succeeds. */
static inline void run_traced(const scenario *scn, cc_trace_fn fn, void *ctx,
                              uint64_t replication, cc_rep *rep)
{
    cc_options o;
    cc_options_default(&o);
    o.trace = fn;
    o.trace_ctx = ctx;
    sim_error err;
    sim_error_clear(&err);
    sim_status st = cc_model_run(scn, &o, replication, rep, &err);
    if (st != SIM_OK)
        fprintf(stderr, "run failed: %s: %s\n", err.path, err.message);
    assert_int_equal(st, SIM_OK);
}

/* One observation of a replication (a share, a rate) for rep_obs_ci; ctx is the caller's. */
typedef double (*rep_obs_fn)(const cc_rep *rep, const scenario *scn, const void *ctx);

/* n replications of scn on two threads; the interval at `level` of fn's value over them,
 * one observation per replication (the replications are freed). `what` names the run in
 * a failure. */
static inline sim_ci rep_obs_ci(const scenario *scn, size_t n, rep_obs_fn fn, const void *ctx,
                                double level, const char *what)
{
    cc_rep *reps = calloc(n, sizeof *reps);
    assert_non_null(reps);
    sim_error err;
    sim_error_clear(&err);
    if (cc_model_run_replications(scn, NULL, n, 2, NULL, NULL, NULL, reps, &err) != SIM_OK)
        fail_msg("%s: %s", what, err.message);
    sim_tally t;
    sim_tally_init(&t);
    for (size_t r = 0; r < n; r++) {
        sim_tally_add(&t, fn(&reps[r], scn, ctx));
        cc_rep_fini(&reps[r]);
    }
    free(reps);
    return sim_ci_from_tally(&t, level);
}

/* The value of KPI `name` in one replication's KPI list; fails if absent. */
static inline double rep_kpi_value(const cc_kpis *k, const char *name)
{
    for (size_t i = 0; i < k->n; i++) {
        if (strcmp(k->names[i], name) == 0)
            return k->values[i];
    }
    fail_msg("no KPI %s", name);
    return (double)NAN;
}

/* rep_obs_fn: the KPI named by ctx (a const char *) of the replication. */
static inline double rep_obs_kpi(const cc_rep *rep, const scenario *scn, const void *ctx)
{
    sim_error err;
    sim_error_clear(&err);
    cc_kpis k;
    assert_int_equal(cc_kpis_from_rep(&k, rep, scn, &err), SIM_OK);
    double v = rep_kpi_value(&k, (const char *)ctx);
    cc_kpis_fini(&k);
    return v;
}

/* A formula's share `want` (from `source`, e.g. "formula", "chain") against the simulated
 * interval: prints one line, returns the number of failed checks (outside the interval, and
 * an interval wider than 10% of the value, which would agree with too much). */
static inline int share_check(const char *label, const char *source, double want, sim_ci ci)
{
    int inside = want >= ci.lo && want <= ci.hi;
    int narrow = ci.half_width <= 0.10 * want;
    printf("%-36s %s %.6f  sim %.6f +- %.6f  %s%s\n", label, source, want, ci.mean,
           ci.half_width, inside ? "ok" : "OUTSIDE", narrow ? "" : " (interval too wide)");
    return !inside + !narrow;
}

/* The power check: a wrong model's value must fall outside the interval; prints one line,
 * returns 1 when it is not rejected. */
static inline int share_reject(const char *label, const char *source, double wrong, sim_ci ci)
{
    int rejected = wrong < ci.lo || wrong > ci.hi;
    printf("%-36s %s %.6f  %s\n", label, source, wrong, rejected ? "rejected" : "NOT REJECTED");
    return !rejected;
}

/* The per-check level of `checks` checks at family-wise `family` (Bonferroni), printed. */
static inline double share_level(size_t checks, double family, int reps, int days)
{
    double level = 1.0 - (1.0 - family) / (double)checks;
    printf("%zu checks, each at level %.6f (family-wise %.2f), %d replications of %d days\n",
           checks, level, family, reps, days);
    return level;
}

#endif /* TEST_CC_RUNS_H */
