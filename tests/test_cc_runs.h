/* test_cc_runs.h -- replications of a scenario in a statistical test of the model, their KPI
 * summary, and checks of an exact value against a KPI's confidence interval. Shared by the
 * tests that compare the simulation with queueing theory. Include after <cmocka.h>. */
#ifndef TEST_CC_RUNS_H
#define TEST_CC_RUNS_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "cc_model.h"
#include "cc_result.h"
#include "scenario.h"
#include "sim_ci.h"
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

#endif /* TEST_CC_RUNS_H */
