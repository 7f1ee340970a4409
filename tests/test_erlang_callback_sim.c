/* test_erlang_callback_sim.c -- callbacks offered on the announced wait
 * (channels[].callback_offer.estimated_wait_s) against the birth-death chain, and callback
 * attempts that fail (channels[].reach) against their binomial law.
 *
 * A voice channel with c agents (its own group), Poisson arrivals, exponential handle times
 * and no patience, whose callers are offered a callback on joining the queue when the
 * announced wait W = (q + 1) x aht / c exceeds theta (q = callers already waiting) and accept
 * with probability s, leaves the voice queue at once with probability p(n) = s for n >= c + m
 * in the system (m = the smallest q with W > theta) and 0 below: the birth-death chain with
 * birth rate lambda (1 - p(n)) and death rate min(n, c) mu. By PASTA the share of callers
 * transferred is sum_n pi_n p(n); with s = 1 it is pi_{c+m} of M/M/c/(c+m). The callback
 * channel has its own agents, so it does not disturb the voice queue.
 *
 * Confidence: 99% family-wise over the checks of this file (Bonferroni), REPS replications of
 * DAYS days, fixed seed; each interval must also be narrow (half-width <= 10% of the value).
 * Power: the same procedure must reject the chain with the threshold one caller later
 * (m + 1), i.e. an announcement that forgets the caller's own service.
 *
 * Callback attempts (channels[].reach): each attempt reaches the customer with probability r,
 * independently (a draw of its own per attempt), so an item that ends is unreached with
 * probability (1 - r)^M after M attempts: the pooled share over the ended items must lie in
 * its binomial (normal) interval at the file's per-check level, and the same interval must
 * reject (1 - r)^(M - 1) (one attempt fewer).
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
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>

#include "test_cc_runs.h"

#include "cc_model.h"
#include "scenario.h"
#include "sim_ci.h"
#include "sim_tally.h"

#define REPS 30
#define DAYS 2
#define SEED 4141u
#define FAMILY_LEVEL 0.99
#define AHT_S 300.0
#define AGENTS 10
#define LOAD 8.0 /* Erlang: 2304 calls a day of 300 s */
#define THETA_S 75.0 /* W = 30 (q + 1) > 75 from q = 2 */
#define FIRST_Q 2

typedef struct offer_case {
    const char *name;
    double accept;
} offer_case;

static const offer_case cases[] = {
    {"accept 1: M/M/10/12", 1.0},
    {"accept 0.5", 0.5},
};
#define N_CASES (sizeof cases / sizeof cases[0])
#define N_CHECKS (N_CASES + 3) /* + the wrong threshold that must be rejected, + the two
                                 checks of the callback attempts */

/* sum_n pi_n p(n), p(n) = accept for n >= AGENTS + first_q, of the chain (truncated where its
 * terms vanish; with accept 1 it ends at AGENTS + first_q). */
static double chain_transfer_share(double accept, size_t first_q)
{
    size_t from = AGENTS + first_q;
    double term = 1.0, sum = 1.0, moved = 0.0;
    for (size_t n = 1; n < 100000; n++) {
        double birth = n - 1 < from ? 1.0 : 1.0 - accept;
        term *= LOAD * birth / (double)(n < AGENTS ? n : AGENTS);
        sum += term;
        if (n >= from)
            moved += term * accept;
        if (term < 1e-18 * sum)
            break;
    }
    return moved / sum;
}

static scenario *offer_scenario(double accept)
{
    char json[2048];
    snprintf(json, sizeof json,
             "{\"name\": \"offer-on-estimate\", \"horizon_days\": %d, \"warmup_s\": 3600,"
             " \"seed\": %u, \"channels\": ["
             " {\"name\": \"phone\", \"kind\": \"voice\", \"handle_time\": {\"mean_s\": %g},"
             "  \"daily_volume\": %g, \"agents\": %d, \"callback_offer\": {\"channel\": \"cb\","
             "  \"estimated_wait_s\": %g, \"accept_share\": %g}},"
             " {\"name\": \"cb\", \"kind\": \"callback\", \"handle_time\": {\"mean_s\": %g},"
             "  \"agents\": 6}]}",
             DAYS, SEED, AHT_S, LOAD * 86400.0 / AHT_S, AGENTS, THETA_S, accept, AHT_S);
    return test_scenario_load(json);
}

/* rep_obs_fn: the share of the phone's offered callers (arrived and not lost to closed
 * hours) moved to the callback channel. */
static double transferred_share(const cc_rep *rep, const scenario *scn, const void *ctx)
{
    (void)scn;
    (void)ctx;
    const cc_channel_totals *ph = &rep->channels[0];
    return (double)ph->transferred / (double)(ph->arrived - ph->lost_closed);
}

static void offers_on_the_announced_wait_should_match_the_chain(void **state)
{
    (void)state;
    double level = share_level(N_CHECKS, FAMILY_LEVEL, REPS, DAYS);
    int failures = 0;
    for (size_t i = 0; i < N_CASES; i++) {
        scenario *scn = offer_scenario(cases[i].accept);
        sim_ci ci = rep_obs_ci(scn, REPS, transferred_share, NULL, level, cases[i].name);
        failures += share_check(cases[i].name, "chain",
                                chain_transfer_share(cases[i].accept, FIRST_Q), ci);
        if (i == 0)
            failures += share_reject("  one caller later", "chain",
                                     chain_transfer_share(cases[i].accept, FIRST_Q + 1), ci);
        scenario_free(scn);
    }
    assert_int_equal(failures, 0);
}

static void unreached_callbacks_should_be_the_share_whose_every_attempt_failed(void **state)
{
    (void)state;
    const double r = 0.6;
    const size_t attempts = 3;
    double level = 1.0 - (1.0 - FAMILY_LEVEL) / (double)N_CHECKS;
    char json[1024];
    snprintf(json, sizeof json,
             "{\"name\": \"reach\", \"horizon_days\": %d, \"seed\": %u, \"channels\": ["
             " {\"name\": \"cb\", \"kind\": \"callback\", \"handle_time\": {\"mean_s\": 300},"
             "  \"daily_volume\": 2000, \"agents\": 10, \"reach\": {\"share\": %g,"
             "  \"attempts\": %zu, \"retry_delay_s\": 600, \"attempt_s\": 30}}]}",
             DAYS, SEED, r, attempts);
    scenario *scn = test_scenario_load(json);
    cc_rep *reps = calloc(REPS, sizeof *reps);
    assert_non_null(reps);
    sim_error err;
    sim_error_clear(&err);
    if (cc_model_run_replications(scn, NULL, REPS, 2, NULL, NULL, NULL, reps, &err) != SIM_OK)
        fail_msg("%s", err.message);
    double ended = 0.0, unreached = 0.0, failed = 0.0;
    for (size_t i = 0; i < REPS; i++) {
        const cc_accounting *a = &reps[i].accounting[0];
        ended += (double)(a->handled + a->unreached);
        unreached += (double)a->unreached;
        failed += (double)reps[i].channels[0].failed_attempts;
        cc_rep_fini(&reps[i]);
    }
    free(reps);
    double want = pow(1.0 - r, (double)attempts), share = unreached / ended;
    double z = gsl_cdf_ugaussian_Qinv(0.5 * (1.0 - level));
    double hw = z * sqrt(want * (1.0 - want) / ended);
    double fewer = pow(1.0 - r, (double)(attempts - 1));
    printf("  %.0f ended items, %.0f failed attempts: unreached %.5f, (1 - r)^M %.5f +- %.5f;"
           " one attempt fewer %.5f\n",
           ended, failed, share, want, hw, fewer);
    assert_true(fabs(share - want) <= hw);
    assert_true(fabs(share - fewer) > z * sqrt(fewer * (1.0 - fewer) / ended));
    assert_true(failed > unreached * (double)attempts); /* reached items failed some too */
    scenario_free(scn);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(offers_on_the_announced_wait_should_match_the_chain),
        cmocka_unit_test(unreached_callbacks_should_be_the_share_whose_every_attempt_failed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
