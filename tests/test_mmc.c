/* test_mmc.c -- the kernel's M/M/c(+M) model against exact queueing results.
 *
 * Statistical checks: each KPI's 99% Student-t interval over R independent replications must
 * contain the exact value. A correct model misses a given check with probability 1%, so a
 * check that misses is repeated with fresh seeds, up to three attempts (GSL's
 * retry-with-more-samples idea): a correct model then fails a check with probability about
 * 1e-6, while a model that is off by more than a few half-widths fails every attempt.
 * Seeds are fixed, so the test is deterministic.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cc_mmc.h"
#include "mmc.h"
#include "sim_ci.h"

#define CONFIDENCE 0.99
#define ATTEMPTS 3

/* Erlang B by the stable recursion B(n) = a B(n-1) / (n + a B(n-1)), and Erlang C from it.
 * Written here independently of models/queueing/erlang.c so the two check each other. */
static double test_erlang_c(double a, size_t n)
{
    double b = 1.0;
    for (size_t k = 1; k <= n; k++)
        b = a * b / ((double)k + a * b);
    return (double)n * b / ((double)n - a * (1.0 - b));
}

typedef double (*kpi_fn)(const mmc_result *r);
static double kpi_p_wait(const mmc_result *r) { return r->p_wait; }
static double kpi_mean_wait(const mmc_result *r) { return r->mean_wait_all_s; }
static double kpi_p_abandon(const mmc_result *r) { return r->p_abandon; }
static double kpi_sl(const mmc_result *r) { return r->service_level; }
static double kpi_occupancy(const mmc_result *r) { return r->occupancy; }

/* 1 when the CONFIDENCE interval of kpi over n replications of p contains `exact` in one of
 * ATTEMPTS independent attempts. Prints the interval of each failed attempt. */
static int ci_contains(const mmc_params *base, size_t n, kpi_fn kpi, double exact,
                       const char *name)
{
    mmc_result *res = calloc(n, sizeof *res);
    assert_non_null(res);
    int ok = 0;
    for (int attempt = 0; attempt < ATTEMPTS && !ok; attempt++) {
        mmc_params p = *base;
        p.seed = base->seed + 1000u * (uint64_t)attempt;
        sim_error err;
        sim_error_clear(&err);
        assert_int_equal(mmc_run_replications(&p, n, 2, res, &err), SIM_OK);
        sim_tally t;
        sim_tally_init(&t);
        for (size_t i = 0; i < n; i++)
            sim_tally_add(&t, kpi(&res[i]));
        sim_ci ci = sim_ci_from_tally(&t, CONFIDENCE);
        ok = ci.lo <= exact && exact <= ci.hi;
        if (!ok)
            print_message("%s attempt %d: exact %.7f outside [%.7f, %.7f]\n", name, attempt,
                          exact, ci.lo, ci.hi);
    }
    free(res);
    return ok;
}

static void mmc_without_patience_should_agree_with_erlang_c(void **state)
{
    (void)state;
    /* a = 100/h x 180 s = 5 Erlang on 7 agents. */
    mmc_params p;
    mmc_params_default(&p);
    p.arrival_rate_per_s = 100.0 / 3600.0;
    p.mean_service_s = 180.0;
    p.agents = 7;
    p.mean_patience_s = 0.0;
    p.horizon_s = 3.0 * 86400.0;
    p.warmup_s = 3600.0;
    p.seed = 11;
    double a = 5.0;
    double c = test_erlang_c(a, 7);
    double mean_wait = c * 180.0 / (7.0 - a);
    assert_true(ci_contains(&p, 30, kpi_p_wait, c, "P(wait)"));
    assert_true(ci_contains(&p, 30, kpi_mean_wait, mean_wait, "E[wait]"));
    assert_true(ci_contains(&p, 30, kpi_occupancy, a / 7.0, "occupancy"));
    /* Service level: P(W <= t) = 1 - C exp(-(n - a) t / AHT). */
    p.threshold_s = 20.0;
    assert_true(ci_contains(&p, 30, kpi_sl, 1.0 - c * exp(-(7.0 - a) * 20.0 / 180.0), "SL"));
}

static void mmc_with_patience_should_agree_with_erlang_a(void **state)
{
    (void)state;
    /* The exact values published with ../shared/bench/reference_mmc.c: lambda 10/min, AHT
     * 3 min, 35 agents, mean patience 2 min, threshold 20 s. */
    mmc_params p;
    mmc_params_default(&p);
    p.horizon_s = 3000.0 * 60.0;
    p.warmup_s = 60.0 * 60.0;
    p.seed = 21;
    assert_true(ci_contains(&p, 30, kpi_p_abandon, 0.0227379, "P(abandon)"));
    assert_true(ci_contains(&p, 30, kpi_p_wait, 0.1869799, "P(wait)"));
    assert_true(ci_contains(&p, 30, kpi_sl, 0.9322315, "SL"));
    assert_true(ci_contains(&p, 30, kpi_mean_wait, 0.0454758 * 60.0, "E[wait]"));
}

/* The check above must be able to fail: a model with 36 agents instead of 35 is wrong by
 * about 25% in P(abandon), and the same test procedure must reject it. */
static void mmc_check_should_reject_a_wrong_model(void **state)
{
    (void)state;
    mmc_params p;
    mmc_params_default(&p);
    p.horizon_s = 3000.0 * 60.0;
    p.warmup_s = 60.0 * 60.0;
    p.seed = 21;
    p.agents = 36;
    assert_false(ci_contains(&p, 30, kpi_p_abandon, 0.0227379, "P(abandon), 36 agents"));
}

static void mmc_results_should_not_depend_on_the_thread_count(void **state)
{
    (void)state;
    mmc_params p;
    mmc_params_default(&p);
    p.horizon_s = 500.0 * 60.0;
    p.warmup_s = 0.0;
    mmc_result one[6], three[6];
    assert_int_equal(mmc_run_replications(&p, 6, 1, one, NULL), SIM_OK);
    assert_int_equal(mmc_run_replications(&p, 6, 3, three, NULL), SIM_OK);
    assert_memory_equal(one, three, sizeof one);
    /* Replications differ from each other (independent streams). */
    assert_true(one[0].arrivals != one[1].arrivals || one[0].wait_sum_all != one[1].wait_sum_all);
}

static void mmc_memory_should_not_grow_with_the_horizon(void **state)
{
    (void)state;
    mmc_params p;
    mmc_params_default(&p);
    p.warmup_s = 0.0;
    p.horizon_s = 1000.0 * 60.0;
    mmc_result short_run, long_run;
    assert_int_equal(mmc_run(&p, 0, &short_run, NULL), SIM_OK);
    p.horizon_s = 30000.0 * 60.0;
    assert_int_equal(mmc_run(&p, 0, &long_run, NULL), SIM_OK);
    assert_true(long_run.arrivals > 25 * short_run.arrivals);
    /* Event slots and calendar follow the contacts in the system, not the arrivals. */
    assert_true(long_run.env.slot_capacity <= 4 * short_run.env.slot_capacity);
    assert_true(long_run.env.slot_capacity <= 1024);
    assert_true(long_run.peak_in_system < 200);
}

static void mmc_should_reject_bad_parameters_naming_the_field(void **state)
{
    (void)state;
    mmc_params p;
    sim_error err;
    mmc_params_default(&p);
    p.arrival_rate_per_s = -1.0;
    assert_int_equal(mmc_validate(&p, &err), SIM_EINVAL);
    assert_string_equal(err.path, "arrival_rate");
    mmc_params_default(&p);
    p.mean_patience_s = 0.0;
    p.agents = 30; /* 30 Erlang on 30 agents without abandonment: unstable */
    assert_int_equal(mmc_validate(&p, &err), SIM_EINVAL);
    assert_string_equal(err.path, "agents");
    mmc_params_default(&p);
    p.horizon_s = p.warmup_s;
    assert_int_equal(mmc_validate(&p, &err), SIM_EINVAL);
    assert_string_equal(err.path, "horizon");
    mmc_params_default(&p);
    p.mean_service_s = (double)NAN;
    assert_int_equal(mmc_validate(&p, &err), SIM_EINVAL);
    assert_string_equal(err.path, "mean_service");
}

/* The run's summary of the queue: eight KPIs named as kpis.csv writes them, each
 * replication's value in its row, and intervals on the KPI's scale (a share's bounds inside
 * [0, 1]). */
static void mmc_summary_should_hold_every_replication_and_an_interval_per_kpi(void **state)
{
    (void)state;
    mmc_result res[3];
    memset(res, 0, sizeof res);
    for (size_t r = 0; r < 3; r++) {
        res[r].arrivals = 100 + 10 * r;
        res[r].service_level = 0.8 + 0.05 * (double)r;
        res[r].service_level_answered = 0.9;
        res[r].asa_s = 10.0 + (double)r;
        res[r].p_wait = 0.3;
        res[r].p_abandon = 0.02 * (double)(r + 1);
        res[r].occupancy = 0.85;
        res[r].mean_queue_length = 2.0 * (double)(r + 1);
    }
    sim_error err;
    sim_error_clear(&err);
    cc_summary *sum = cc_mmc_summary_new(res, 3, 0.95, &err);
    assert_non_null(sum);
    assert_int_equal(sum->n_reps, 3);
    assert_int_equal(sum->n_kpis, 8);
    assert_true(sum->level == 0.95);
    assert_null(sum->intervals);
    size_t sl = cc_summary_find(sum, "mmc.service_level_per_offered");
    size_t arr = cc_summary_find(sum, "mmc.arrivals");
    size_t q = cc_summary_find(sum, "mmc.mean_queue_length");
    assert_true(sl != SIZE_MAX && arr != SIZE_MAX && q != SIZE_MAX);
    assert_true(sum->values[2 * 8 + arr] == 120.0);
    assert_true(sum->values[1 * 8 + sl] == res[1].service_level);
    assert_true(fabs(sum->ci[sl].mean - 0.85) < 1e-12);
    assert_true(sum->ci[sl].lo > 0.0 && sum->ci[sl].hi < 1.0 && sum->ci[sl].lo < 0.85);
    assert_true(fabs(sum->ci[q].mean - 4.0) < 1e-12 && sum->ci[q].lo > 0.0);
    /* log scale: not symmetric around the mean */
    assert_true(sum->ci[q].hi - 4.0 > 4.0 - sum->ci[q].lo);
    assert_int_equal(sum->ci[arr].n, 3);
    cc_summary_free(sum);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(mmc_without_patience_should_agree_with_erlang_c),
        cmocka_unit_test(mmc_with_patience_should_agree_with_erlang_a),
        cmocka_unit_test(mmc_check_should_reject_a_wrong_model),
        cmocka_unit_test(mmc_results_should_not_depend_on_the_thread_count),
        cmocka_unit_test(mmc_memory_should_not_grow_with_the_horizon),
        cmocka_unit_test(mmc_should_reject_bad_parameters_naming_the_field),
        cmocka_unit_test(mmc_summary_should_hold_every_replication_and_an_interval_per_kpi),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
