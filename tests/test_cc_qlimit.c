/* test_cc_qlimit.c -- balking (channels[].balking) and its probability (cc_qlimit.h).
 *
 * A voice channel with c agents, Poisson arrivals, exponential handle times and no patience,
 * where a caller who must wait (n >= c in the system) balks with probability p(n), is the
 * birth-death chain with birth rate lambda (1 - p(n)) for n >= c (lambda below c) and death
 * rate min(n, c) mu. By PASTA the share of callers who balk is sum_{n >= c} pi_n p(n). The
 * three variants of the model are three p(n), with q = n - c callers already waiting:
 *   all busy          p(n) = share;
 *   queue length      p(n) = min(1, per_caller_ahead x q);
 *   announced wait    p(n) = min(1, per_announced_minute x W / 60), W = (q + 1) x aht / c (the
 *                     announced wait of cc_qlimit_estimated_wait_s with c agents on duty).
 * The model's KPI channel.phone.balked_per_offered (counted callers after a one-hour
 * warm-up) is one observation per replication.
 *
 * Confidence: 99% family-wise over the checks of this file (Bonferroni), REPS replications of
 * DAYS days, fixed seed; each interval must also be narrow (half-width <= 10% of the value).
 * Power: the same procedure must reject the naive value Erlang C(c, a) x share (the chance of
 * waiting without balking, times the share), which ignores that balking shortens the queue.
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

#include "test_cc_runs.h"

#include "cc_model.h"
#include "cc_qlimit.h"
#include "erlang.h"
#include "scenario.h"
#include "sim_ci.h"
#include "sim_tally.h"

#define REPS 30
#define DAYS 2
#define SEED 2929u
#define FAMILY_LEVEL 0.99
#define AHT_S 300.0
#define AGENTS 10
#define LOAD 8.0 /* Erlang: 2304 calls a day of 300 s */

typedef struct balk_case {
    const char *name;
    const char *balking; /* the channel's balking object */
    double share, per_ahead, per_minute;
} balk_case;

static const balk_case cases[] = {
    {"all busy, share 0.3", "{\"share\": 0.3}", 0.3, 0.0, 0.0},
    {"queue length, 0.1 per caller ahead", "{\"per_caller_ahead\": 0.1}", 0.0, 0.1, 0.0},
    {"announced wait, 0.1 per minute", "{\"per_announced_minute\": 0.1}", 0.0, 0.0, 0.1},
};
#define N_CASES (sizeof cases / sizeof cases[0])
#define N_CHECKS (N_CASES + 1) /* + the naive model that must be rejected */

static double p_of(const balk_case *bc, size_t n)
{
    double q = (double)(n - AGENTS);
    double w = (q + 1.0) * AHT_S / (double)AGENTS;
    double p = bc->share + bc->per_ahead * q + bc->per_minute * w / 60.0;
    return p < 1.0 ? p : 1.0;
}

/* sum_{n >= c} pi_n p(n) of the birth-death chain, truncated where the terms vanish. */
static double chain_balk_share(const balk_case *bc)
{
    double term = 1.0, sum = 1.0, balk = 0.0;
    for (size_t n = 1; n < 100000; n++) {
        double birth = n - 1 < AGENTS ? 1.0 : 1.0 - p_of(bc, n - 1);
        term *= LOAD * birth / (double)(n < AGENTS ? n : AGENTS);
        sum += term;
        if (n >= AGENTS)
            balk += term * p_of(bc, n);
        if (term < 1e-18 * sum)
            break;
    }
    return balk / sum;
}

static scenario *balk_scenario(const char *balking)
{
    char json[2048];
    snprintf(json, sizeof json,
             "{\"name\": \"balking\", \"horizon_days\": %d, \"warmup_s\": 3600, \"seed\": %u,"
             " \"channels\": [{\"name\": \"phone\", \"kind\": \"voice\","
             "  \"handle_time\": {\"mean_s\": %g}, \"daily_volume\": %g, \"agents\": %d,"
             "  \"balking\": %s}]}",
             DAYS, SEED, AHT_S, LOAD * 86400.0 / AHT_S, AGENTS, balking);
    return test_scenario_load(json);
}

static void balking_should_match_the_birth_death_chain_within_99pct_intervals(void **state)
{
    (void)state;
    double level = share_level(N_CHECKS, FAMILY_LEVEL, REPS, DAYS);
    int failures = 0;
    for (size_t i = 0; i < N_CASES; i++) {
        const balk_case *bc = &cases[i];
        scenario *scn = balk_scenario(bc->balking);
        sim_ci ci = rep_obs_ci(scn, REPS, rep_obs_kpi, "channel.phone.balked_per_offered",
                               level, bc->name);
        failures += share_check(bc->name, "chain", chain_balk_share(bc), ci);
        if (i == 0) {
            double c_wait = 0.0;
            assert_int_equal(erlang_c((double)AGENTS, LOAD, &c_wait, NULL), SIM_OK);
            failures += share_reject("  Erlang C x share", "naive", c_wait * bc->share, ci);
        }
        scenario_free(scn);
    }
    assert_int_equal(failures, 0);
}

/* The probability: the three terms add, it is capped at 1, and an announced wait of
 * infinity (nobody on duty) gives 1 only when the announcement counts. */
static void balk_probability_should_add_its_terms_and_stop_at_one(void **state)
{
    (void)state;
    scenario_channel ch;
    memset(&ch, 0, sizeof ch);
    ch.balk_share = 0.1;
    ch.balk_per_caller_ahead = 0.05;
    ch.balk_per_announced_minute = 0.02;
    assert_true(fabs(cc_qlimit_balk_probability(&ch, 4.0, 90.0) - (0.1 + 0.2 + 0.03)) < 1e-15);
    assert_true(cc_qlimit_balk_probability(&ch, 40.0, 0.0) == 1.0);
    assert_true(cc_qlimit_balk_probability(&ch, 0.0, (double)INFINITY) == 1.0);
    ch.balk_per_announced_minute = 0.0;
    assert_true(fabs(cc_qlimit_balk_probability(&ch, 0.0, (double)INFINITY) - 0.1) < 1e-15);
    assert_true(fabs(cc_qlimit_balk_probability(&ch, 2.0, (double)NAN) - 0.2) < 1e-15);
}

/* The announced wait: (waiting + 1) x mean handle time / servers, infinite without servers. */
static void announced_wait_should_be_the_mmc_wait_behind_the_queue(void **state)
{
    (void)state;
    assert_true(cc_qlimit_estimated_wait_s(300.0, 0.0, 10.0) == 30.0);
    assert_true(cc_qlimit_estimated_wait_s(300.0, 3.0, 10.0) == 120.0);
    assert_true(isinf(cc_qlimit_estimated_wait_s(300.0, 3.0, 0.0)));
}

/* Every balked caller follows the hopping rule for "balked"; the trace's balked events carry
 * the announced wait. Without a rule the need is given up for that outcome. */
static void a_balked_caller_should_follow_the_hopping_rule_for_balked(void **state)
{
    (void)state;
    const char *json =
        "{\"name\": \"balk-hop\", \"horizon_days\": 1, \"seed\": 3,"
        " \"channels\": [{\"name\": \"phone\", \"kind\": \"voice\","
        "  \"handle_time\": {\"mean_s\": 300}, \"daily_volume\": 2304, \"agents\": 10,"
        "  \"balking\": {\"share\": 0.5}},"
        "  {\"name\": \"email\", \"kind\": \"deferred\", \"handle_time\": {\"mean_s\": 300},"
        "   \"agents\": 1}],"
        " \"hopping\": [{\"outcome\": \"balked\", \"from\": \"phone\", \"to\": {\"email\": 1},"
        "  \"delay\": {\"mean_s\": 60}}]}";
    scenario *scn = test_scenario_load(json);
    sim_error err;
    cc_rep r;
    assert_int_equal(cc_model_run(scn, NULL, 0, &r, &err), SIM_OK);
    const cc_need_totals *n = &r.needs;
    printf("  balked %llu, hops for balked %llu to e-mail %llu\n",
           (unsigned long long)r.channels[0].balked,
           (unsigned long long)n->hops[SCENARIO_OUTCOME_BALKED],
           (unsigned long long)n->flow[0][1]);
    assert_true(r.channels[0].balked > 0);
    assert_int_equal(n->hops[SCENARIO_OUTCOME_BALKED], r.channels[0].balked);
    assert_int_equal(n->flow[0][1], n->hops[SCENARIO_OUTCOME_BALKED]);
    assert_int_equal(n->give_ups[SCENARIO_OUTCOME_BALKED], 0);
    cc_rep_fini(&r);
    scenario_free(scn);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(balking_should_match_the_birth_death_chain_within_99pct_intervals),
        cmocka_unit_test(balk_probability_should_add_its_terms_and_stop_at_one),
        cmocka_unit_test(announced_wait_should_be_the_mmc_wait_behind_the_queue),
        cmocka_unit_test(a_balked_caller_should_follow_the_hopping_rule_for_balked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
