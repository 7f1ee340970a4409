/* test_erlang_max_queue_sim.c -- the maximum time in queue (channels[].max_queue_s) in the
 * contact-center model against the M/M/n+D queue, and where timed-out contacts go.
 *
 * A voice channel with n agents, Poisson arrivals (rate lambda), exponential handle times
 * (rate mu), no patience and a maximum time in queue T is the M/M/n+D queue: every caller
 * leaves when its wait reaches T. Its offered-wait density (Baccelli & Hebuterne 1981;
 * Zeltyn & Mandelbaum 2005 for M/M/n+G, with H(x) = min(x, T) for deterministic patience) is
 * f(x) = lambda p_{n-1} exp(lambda H(x) - n mu x), x > 0, with p_j = p_0 a^j / j! for j < n
 * agents busy (a = lambda / mu) and p_0 normalising
 *   p_0 [sum_{j<n} a^j / j! + lambda a^{n-1} / (n-1)! J] = 1,
 *   J = int_0^inf exp(lambda H(x) - n mu x) dx
 *     = (e^{(lambda - n mu) T} - 1) / (lambda - n mu) + e^{(lambda - n mu) T} / (n mu),
 * so the share of callers timed out is P(V >= T) = lambda p_{n-1} e^{(lambda - n mu) T} / (n mu)
 * (T -> 0 gives Erlang B, T -> infinity Erlang C's P(wait)). The model's KPI
 * channel.phone.timed_out_per_offered (counted callers after a one-hour warm-up) is one
 * observation per replication.
 *
 * Confidence: 99% family-wise over the checks of this file (Bonferroni), REPS replications of
 * DAYS days, fixed seed; each interval must also be narrow (half-width <= 10% of the value).
 * Power: the same procedure must reject the naive value P(W > T) of M/M/n without the limit,
 * C(n, a) e^{-(n mu - lambda) T}, which ignores that leaving callers shorten the queue.
 * Also: "message" sends every timed-out caller to the deferred channel, "callback" the
 * accepting share to the callback channel and the rest through the hop rules for timed_out.
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
#include "erlang.h"
#include "scenario.h"
#include "sim_ci.h"
#include "sim_tally.h"

#define REPS 30
#define DAYS 2
#define SEED 3131u
#define FAMILY_LEVEL 0.99
#define AHT_S 300.0
#define AGENTS 10
#define LOAD 8.0 /* Erlang: 2304 calls a day of 300 s */

static const double limits_s[] = {60.0, 20.0};
#define N_CASES (sizeof limits_s / sizeof limits_s[0])
#define N_CHECKS (N_CASES + 2) /* + the naive model that must be rejected, + the callback share */

/* The M/M/n+D share of callers whose wait reaches t_s (see the file comment). */
static double mmnd_timed_out(size_t n, double a, double aht_s, double t_s)
{
    double mu = 1.0 / aht_s, lambda = a * mu, nmu = (double)n * mu, d = lambda - nmu;
    double e = exp(d * t_s);
    double j = (fabs(d) > 0.0 ? (e - 1.0) / d : t_s) + e / nmu;
    double term = 1.0, sum = 1.0; /* a^k / k!, k = 0 .. n-1 */
    for (size_t k = 1; k < n; k++) {
        term *= a / (double)k;
        sum += term;
    }
    double p0 = 1.0 / (sum + lambda * term * j);
    return lambda * p0 * term * e / nmu;
}

static scenario *mq_scenario(double max_queue_s, const char *extra_channel, const char *extra)
{
    char json[4096];
    snprintf(json, sizeof json,
             "{\"name\": \"max-queue\", \"horizon_days\": %d, \"warmup_s\": %s, \"seed\": %u,"
             " \"channels\": [{\"name\": \"phone\", \"kind\": \"voice\","
             "  \"handle_time\": {\"mean_s\": %g}, \"daily_volume\": %g, \"agents\": %d,"
             "  \"max_queue_s\": %g%s}%s]}",
             DAYS, extra_channel[0] != '\0' ? "0" : "3600", SEED, AHT_S,
             LOAD * 86400.0 / AHT_S, AGENTS, max_queue_s, extra, extra_channel);
    return test_scenario_load(json);
}

static void timeouts_should_match_the_mmn_d_queue_within_99pct_intervals(void **state)
{
    (void)state;
    double level = share_level(N_CHECKS, FAMILY_LEVEL, REPS, DAYS);
    int failures = 0;
    for (size_t i = 0; i < N_CASES; i++) {
        scenario *scn = mq_scenario(limits_s[i], "", "");
        char label[64];
        snprintf(label, sizeof label, "M/M/%d+D, T = %3.0f s", AGENTS, limits_s[i]);
        sim_ci ci = rep_obs_ci(scn, REPS, rep_obs_kpi, "channel.phone.timed_out_per_offered",
                               level, label);
        failures += share_check(label, "formula",
                                mmnd_timed_out(AGENTS, LOAD, AHT_S, limits_s[i]), ci);
        if (i == 0) {
            double c_wait = 0.0;
            assert_int_equal(erlang_c((double)AGENTS, LOAD, &c_wait, NULL), SIM_OK);
            double naive = c_wait * exp(-((double)AGENTS - LOAD) / AHT_S * limits_s[i]);
            snprintf(label, sizeof label, "  P(W > T) of M/M/%d without the limit", AGENTS);
            failures += share_reject(label, "naive", naive, ci);
        }
        scenario_free(scn);
    }
    assert_int_equal(failures, 0);
}

/* at_max_queue message: every timed-out call (counted or not) becomes an e-mail item, and
 * nothing else reaches e-mail; the needs live on (no give-up for timed_out). */
static void a_timed_out_caller_should_leave_a_message_in_the_deferred_channel(void **state)
{
    (void)state;
    scenario *scn = mq_scenario(
        60.0,
        ", {\"name\": \"email\", \"kind\": \"deferred\", \"handle_time\": {\"mean_s\": 300},"
        " \"agents\": 2}",
        ", \"at_max_queue\": \"message\", \"message_channel\": \"email\"");
    sim_error err;
    cc_rep r;
    assert_int_equal(cc_model_run(scn, NULL, 0, &r, &err), SIM_OK);
    printf("  timed out %llu, e-mail items %llu\n",
           (unsigned long long)r.accounting[0].timed_out,
           (unsigned long long)r.accounting[1].arrived);
    assert_true(r.accounting[0].timed_out > 0);
    assert_int_equal(r.accounting[1].arrived, r.accounting[0].timed_out);
    assert_int_equal(r.channels[1].repeat, 0);
    assert_int_equal(r.needs.give_ups[SCENARIO_OUTCOME_TIMED_OUT], 0);
    cc_rep_fini(&r);
    scenario_free(scn);
}

/* at_max_queue callback: the accepting share (accept_share 0.4, one draw each) goes on in the
 * callback channel, the others give up by the (absent) hop rule for timed_out; the share is
 * inside the binomial interval at the file's per-check level. */
static void a_timed_out_caller_should_take_the_callback_offer_with_its_share(void **state)
{
    (void)state;
    double level = 1.0 - (1.0 - FAMILY_LEVEL) / (double)N_CHECKS;
    scenario *scn = mq_scenario(
        60.0,
        ", {\"name\": \"cb\", \"kind\": \"callback\", \"handle_time\": {\"mean_s\": 300},"
        " \"agents\": 2}",
        ", \"at_max_queue\": \"callback\", \"callback_offer\": {\"channel\": \"cb\","
        " \"after_wait_s\": 86400, \"accept_share\": 0.4}");
    sim_error err;
    cc_rep r;
    assert_int_equal(cc_model_run(scn, NULL, 0, &r, &err), SIM_OK);
    double n = (double)r.accounting[0].timed_out, acc = (double)r.accounting[1].arrived;
    double z = gsl_cdf_ugaussian_Qinv(0.5 * (1.0 - level));
    double hw = z * sqrt(0.4 * 0.6 / n);
    printf("  timed out %.0f, callbacks %.0f (share %.4f, 0.4 +- %.4f)\n", n, acc, acc / n, hw);
    assert_true(n > 200.0);
    assert_true(fabs(acc / n - 0.4) <= hw);
    assert_int_equal(r.channels[0].transferred, 0); /* the offer after a day never came */
    assert_int_equal(r.needs.give_ups[SCENARIO_OUTCOME_TIMED_OUT] + r.accounting[1].arrived,
                     r.accounting[0].timed_out);
    cc_rep_fini(&r);
    scenario_free(scn);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(timeouts_should_match_the_mmn_d_queue_within_99pct_intervals),
        cmocka_unit_test(a_timed_out_caller_should_leave_a_message_in_the_deferred_channel),
        cmocka_unit_test(a_timed_out_caller_should_take_the_callback_offer_with_its_share),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
