/* test_erlang_lines_sim.c -- telephone lines (channels[].lines) in the contact-center model
 * against the loss-system formulas.
 *
 * A voice channel with c agents and L lines, where every caller waiting or in service holds a
 * line, is the birth-death queue M/M/c/L: a caller who arrives when L are held is blocked.
 * By PASTA the share of callers blocked is the stationary probability pi_L of L in the system:
 *   L = c (no waiting room): Erlang B(c, a), a = offered load in Erlang, for any handle-time
 *     distribution with that mean (the loss system's insensitivity), so a deterministic
 *     handle time must give the same share;
 *   L = K > c, no abandonment: pi_K = pi_0 a^K / (c! c^(K-c)), with pi_n = pi_0 a^n / n! for
 *     n <= c and pi_0 normalising (computed here from the chain, with the ratio recursion).
 * The model's KPI channel.phone.blocked_per_offered (blocked / offered, counted callers after
 * a one-hour warm-up) is one observation per replication.
 *
 * Confidence: 99% family-wise over the checks of this file (Bonferroni), REPS replications of
 * DAYS days, fixed seed; each interval must also be narrow (half-width <= 10% of the value) so
 * the agreement is not that of a wide interval. Power: the same procedure must reject the
 * wrong value Erlang B(c + 1, a) (one line more) for the M/M/c/c case.
 * Also: lines that never fill give exactly the results of no lines (every KPI of the run
 * without lines, bit for bit), and a hopping rule for "blocked" back to the channel redials.
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
#include "erlang.h"
#include "scenario.h"
#include "sim_ci.h"
#include "sim_tally.h"

#define REPS 30
#define DAYS 2
#define SEED 1717u
#define FAMILY_LEVEL 0.99
#define AHT_S 300.0
#define AGENTS 10
#define LOAD 8.0 /* Erlang: 2304 calls a day of 300 s */

typedef struct lines_case {
    const char *name;
    const char *dist; /* handle-time distribution */
    size_t lines;
} lines_case;

static const lines_case cases[] = {
    {"M/M/10/10 (Erlang B)", "exponential", AGENTS},
    {"M/D/10/10 (Erlang B, insensitive)", "deterministic", AGENTS},
    {"M/M/10/14", "exponential", AGENTS + 4},
};
#define N_CASES (sizeof cases / sizeof cases[0])
#define N_CHECKS (N_CASES + 1) /* + the wrong model that must be rejected */

/* Stationary probability of n = K in M/M/c/K with load a: pi_n / pi_{n-1} = a / min(n, c). */
static double mmck_blocking(size_t c, size_t k, double a)
{
    double term = 1.0, sum = 1.0;
    for (size_t n = 1; n <= k; n++) {
        term *= a / (double)(n < c ? n : c);
        sum += term;
    }
    return term / sum;
}

/* lines 0: the field left out (unlimited). extra: more top-level fields, from ", ". */
static scenario *lines_scenario(const char *dist, size_t lines, const char *extra)
{
    char lf[64] = "", json[2048];
    if (lines > 0)
        snprintf(lf, sizeof lf, ", \"lines\": %zu", lines);
    snprintf(json, sizeof json,
             "{\"name\": \"lines\", \"horizon_days\": %d, \"warmup_s\": 3600, \"seed\": %u,"
             " \"channels\": [{\"name\": \"phone\", \"kind\": \"voice\","
             "  \"handle_time\": {\"distribution\": \"%s\", \"mean_s\": %g},"
             "  \"daily_volume\": %g, \"agents\": %d%s}]%s}",
             DAYS, SEED, dist, AHT_S, LOAD * 86400.0 / AHT_S, AGENTS, lf, extra);
    return test_scenario_load(json);
}

static void blocking_should_match_the_loss_formulas_within_99pct_intervals(void **state)
{
    (void)state;
    double level = share_level(N_CHECKS, FAMILY_LEVEL, REPS, DAYS);
    int failures = 0;
    for (size_t i = 0; i < N_CASES; i++) {
        const lines_case *lc = &cases[i];
        scenario *scn = lines_scenario(lc->dist, lc->lines, "");
        sim_ci ci = rep_obs_ci(scn, REPS, rep_obs_kpi, "channel.phone.blocked_per_offered",
                               level, lc->name);
        double want = 0.0;
        if (lc->lines == AGENTS)
            assert_int_equal(erlang_b((double)AGENTS, LOAD, &want, NULL), SIM_OK);
        else
            want = mmck_blocking(AGENTS, lc->lines, LOAD);
        failures += share_check(lc->name, "formula", want, ci);
        if (i == 0) {
            /* the wrong model: one line more */
            double wrong = 0.0;
            assert_int_equal(erlang_b((double)AGENTS + 1.0, LOAD, &wrong, NULL), SIM_OK);
            failures += share_reject("  Erlang B with one line more", "wrong  ", wrong, ci);
        }
        scenario_free(scn);
    }
    assert_int_equal(failures, 0);
}

/* Same seed, with and without lines that never fill (more lines than callers): every KPI of
 * the run without lines has the same value, bit for bit, in the run with them (which adds
 * the blocked rows, at 0). */
static void lines_that_never_fill_should_give_the_results_of_no_lines(void **state)
{
    (void)state;
    scenario *off = lines_scenario("exponential", 0, "");
    scenario *on = lines_scenario("exponential", 1000000, "");
    assert_false(scenario_uses_queue_limits(off));
    assert_true(scenario_uses_queue_limits(on));
    sim_error err;
    cc_rep a, b;
    cc_kpis ka, kb;
    assert_int_equal(cc_model_run(off, NULL, 0, &a, &err), SIM_OK);
    assert_int_equal(cc_model_run(on, NULL, 0, &b, &err), SIM_OK);
    assert_int_equal(cc_kpis_from_rep(&ka, &a, off, &err), SIM_OK);
    assert_int_equal(cc_kpis_from_rep(&kb, &b, on, &err), SIM_OK);
    assert_int_equal(kb.n, ka.n + 9); /* blocked, balked, timed_out, unreached, their shares
                                       and failed_attempts */
    for (size_t i = 0; i < ka.n; i++) {
        double x = ka.values[i], y = rep_kpi_value(&kb, ka.names[i]);
        if (!(isnan(x) ? isnan(y) : memcmp(&x, &y, sizeof x) == 0))
            fail_msg("%s: %.17g without lines, %.17g with lines that never fill", ka.names[i],
                     x, y);
    }
    assert_true(rep_kpi_value(&kb, "channel.phone.blocked") == 0.0);
    assert_true(rep_kpi_value(&kb, "channel.phone.blocked_per_offered") == 0.0);
    printf("  %zu KPIs identical; %llu calls answered\n", ka.n,
           (unsigned long long)a.channels[0].answered);
    cc_kpis_fini(&ka);
    cc_kpis_fini(&kb);
    cc_rep_fini(&a);
    cc_rep_fini(&b);
    scenario_free(off);
    scenario_free(on);
}

/* A hopping rule for "blocked" back to the same channel is a redial: every blocked caller
 * (counted need) tries again, so repeat contacts of the channel = hops for "blocked", and
 * none gives up for that outcome. */
static void a_blocked_caller_should_follow_the_hopping_rule_for_blocked(void **state)
{
    (void)state;
    scenario *scn = lines_scenario(
        "exponential", AGENTS,
        ", \"max_contacts_per_need\": 100, \"hopping\": [{\"outcome\": \"blocked\","
        " \"from\": \"phone\", \"to\": {\"phone\": 1}, \"delay\": {\"mean_s\": 60}}]");
    sim_error err;
    cc_rep r;
    assert_int_equal(cc_model_run(scn, NULL, 0, &r, &err), SIM_OK);
    const cc_need_totals *n = &r.needs;
    printf("  blocked %llu, hops for blocked %llu, give-ups for blocked %llu\n",
           (unsigned long long)r.channels[0].blocked,
           (unsigned long long)n->hops[SCENARIO_OUTCOME_BLOCKED],
           (unsigned long long)n->give_ups[SCENARIO_OUTCOME_BLOCKED]);
    assert_true(n->hops[SCENARIO_OUTCOME_BLOCKED] > 0);
    assert_int_equal(n->give_ups[SCENARIO_OUTCOME_BLOCKED], 0);
    assert_int_equal(n->flow[0][0], n->hops[SCENARIO_OUTCOME_BLOCKED]);
    cc_rep_fini(&r);
    scenario_free(scn);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(blocking_should_match_the_loss_formulas_within_99pct_intervals),
        cmocka_unit_test(lines_that_never_fill_should_give_the_results_of_no_lines),
        cmocka_unit_test(a_blocked_caller_should_follow_the_hopping_rule_for_blocked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
