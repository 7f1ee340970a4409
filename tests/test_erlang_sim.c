/* test_erlang_sim.c -- the Erlang C / Erlang A formulas against the kernel's simulation.
 *
 * models/mmc simulates M/M/c and M/M/c+M with the discrete-event kernel; models/erlang gives
 * the same measures in closed form. For each case, R independent replications (fixed master
 * seed, one replication index each) give one observation per measure; the Student-t interval
 * of their mean must contain the formula's value.
 *
 * Confidence: family-wise 99% over every check in this file (Bonferroni: each of the m
 * intervals is at level 1 - 0.01 / m), so with a fresh seed a correct formula fails the
 * suite with probability at most 1%; with the fixed seed the outcome is deterministic.
 * Each interval must also be narrow (half-width at most 10% of the value, or 0.01 absolute
 * for small probabilities), so the agreement is not the vacuous agreement of a wide interval.
 * (Measured: 0.3-1.5% for occupancy and service level, 4-7% for ASA and P(wait) near heavy
 * traffic, where waits are strongly autocorrelated; a 3% guard would need ~5x the run time.)
 * Every contact that arrives in [warm-up, horizon) is followed to its outcome (mmc drains), so
 * per-replication ratios have no end-of-run censoring; the warm-up (50 handle times) removes
 * the empty-start bias to well below the interval widths.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>
#include <gsl/gsl_errno.h>

#include "erlang.h"
#include "mmc.h"
#include "sim_ci.h"
#include "sim_tally.h"

#define REPLICATIONS 30
#define ARRIVALS_PER_REPLICATION 100000.0
#define FAMILY_LEVEL 0.99
#define SEED 20240603u

typedef struct sim_case {
    const char *name;
    double per_hour, aht_s, patience_s;
    size_t agents;
    double threshold_s;
} sim_case;

static const sim_case cases[] = {
    {"Erlang C, 30 Erlang on 35 agents", 600.0, 180.0, 0.0, 35, 20.0},
    {"Erlang C, 1.5 Erlang on 2 agents", 18.0, 300.0, 0.0, 2, 20.0},
    {"Erlang A, shared bench case", 600.0, 180.0, 120.0, 35, 20.0},
    {"Erlang A, 25 Erlang on 20 agents", 375.0, 240.0, 90.0, 20, 15.0},
    {"Erlang A, 95 Erlang on 100 agents", 1425.0, 240.0, 300.0, 100, 20.0},
};
#define N_CASES (sizeof cases / sizeof cases[0])

enum { M_PWAIT, M_SL, M_ASA, M_OCC, M_PAB, M_SLA, M_COUNT };
static const char *const measure_names[M_COUNT] = {
    "p_wait", "service_level", "asa", "occupancy", "p_abandon", "service_level_answered"};

static size_t measures_of(const sim_case *c)
{
    return c->patience_s > 0.0 ? M_COUNT : M_PAB;
}

static void erlang_should_agree_with_the_simulation_within_99pct_intervals(void **state)
{
    (void)state;
    size_t checks = 0;
    for (size_t i = 0; i < N_CASES; i++)
        checks += measures_of(&cases[i]);
    double level = 1.0 - (1.0 - FAMILY_LEVEL) / (double)checks;
    printf("%zu checks, each at level %.6f (family-wise %.2f), %d replications\n", checks, level,
           FAMILY_LEVEL, REPLICATIONS);
    mmc_result *runs = calloc(REPLICATIONS, sizeof *runs);
    assert_non_null(runs);
    int failures = 0;
    for (size_t i = 0; i < N_CASES; i++) {
        const sim_case *c = &cases[i];
        erlang_queue q;
        erlang_queue_init(&q);
        q.arrival_rate = c->per_hour / 3600.0;
        q.aht_s = c->aht_s;
        q.patience_s = c->patience_s;
        q.agents = (double)c->agents;
        q.threshold_s = c->threshold_s;
        erlang_result want;
        assert_int_equal(erlang_eval(&q, &want, NULL), SIM_OK);

        mmc_params p;
        mmc_params_default(&p);
        p.arrival_rate_per_s = q.arrival_rate;
        p.mean_service_s = c->aht_s;
        p.agents = c->agents;
        p.mean_patience_s = c->patience_s;
        p.warmup_s = 50.0 * c->aht_s;
        p.horizon_s = p.warmup_s + ARRIVALS_PER_REPLICATION / q.arrival_rate;
        p.threshold_s = c->threshold_s;
        p.seed = SEED + i;
        sim_error err;
        sim_error_clear(&err);
        if (mmc_run_replications(&p, REPLICATIONS, 2, runs, &err) != SIM_OK)
            fail_msg("%s: %s", c->name, err.message);

        double formula[M_COUNT] = {want.p_wait,    want.service_level, want.asa_s,
                                   want.occupancy, want.p_abandon,     want.service_level_answered};
        for (size_t m = 0; m < measures_of(c); m++) {
            sim_tally t;
            sim_tally_init(&t);
            for (size_t r = 0; r < REPLICATIONS; r++) {
                const mmc_result *x = &runs[r];
                double obs[M_COUNT] = {x->p_wait,    x->service_level, x->asa_s,
                                       x->occupancy, x->p_abandon,     x->service_level_answered};
                sim_tally_add(&t, obs[m]);
            }
            sim_ci ci = sim_ci_from_tally(&t, level);
            int inside = formula[m] >= ci.lo && formula[m] <= ci.hi;
            double allowed = fmax(0.10 * fabs(formula[m]), 0.01);
            int narrow = ci.half_width <= allowed;
            printf("%-36s %-23s formula %.6f  sim %.6f +- %.6f  %s%s\n", c->name,
                   measure_names[m], formula[m], ci.mean, ci.half_width,
                   inside ? "ok" : "OUTSIDE", narrow ? "" : " (interval too wide)");
            failures += !inside + !narrow;
        }
    }
    free(runs);
    assert_int_equal(failures, 0);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(erlang_should_agree_with_the_simulation_within_99pct_intervals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
