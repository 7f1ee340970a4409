/* test_erlang_redial_sim.c -- the redial (Erlang X style) fixed point of models/erlang
 * against the contact-center model's retrials.
 *
 * erlang_eval with redial_share r solves Lambda = lambda0 + r Lambda P_ab(Lambda), with
 * P_ab Erlang A's abandonment probability at Poisson arrivals of rate Lambda (docs/erlang.md,
 * "Redials"). The model (models/cc/cc_model.c) sends an abandoning caller back to the same
 * queue with probability r after an exponential delay (channel retrial.share,
 * retrial.delay_mean_s), with a fresh patience.
 *
 * Case: one voice channel, stationary Poisson fresh arrivals, exponential handle time and
 * patience, one fixed group, 24/7, max_contacts_per_need high enough that it never cuts a
 * redial chain. The flow balance Lambda = lambda0 + r x (abandonment rate) holds in the
 * simulation exactly in the long run whatever the delay; what the fixed point assumes is that
 * the merged stream is Poisson, i.e. that a redial arrives independent of the congestion that
 * made it abandon. That holds when the delay is long compared with the time the queue takes
 * to forget its state (busy periods of a few handle times), and fails when redials come back
 * quickly into the same congestion.
 *
 * What must hold (99% family-wise: Bonferroni over the checks of this file):
 *   long delay (1 hour = 12 handle times): offered load (fresh plus redials, Erlang) and
 *     P(abandon) of the fixed point lie in the simulation's Student-t intervals;
 *   short delay (20 s): the simulated P(abandon) and offered load lie ABOVE the fixed
 *     point's (the interval's lower end exceeds it): redials land in the congestion they
 *     left, so the stationary treatment is optimistic. The size is printed and recorded in
 *     docs/erlang.md.
 * Fixed seed; REPS replications of DAYS days with a one-day warm-up.
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

#include "cc_model.h"
#include "erlang.h"
#include "scenario.h"
#include "scenario_load.h"
#include "test_scenario_util.h"
#include "sim_ci.h"
#include "sim_tally.h"

#define REPS 30
#define DAYS 4
#define SEED 4242u
#define FAMILY_LEVEL 0.99
#define AHT_S 300.0
#define PATIENCE_S 120.0
#define AGENTS 8
#define DAILY 2400.0 /* fresh calls per day: 8.33 Erlang on 8 agents */
#define SHARE 0.5

typedef struct redial_case {
    double delay_s;
    int exact; /* 1: must agree; 0: documented bias (simulation above the fixed point) */
} redial_case;

static const redial_case cases[] = {{3600.0, 1}, {20.0, 0}};
#define N_CASES (sizeof cases / sizeof cases[0])

static scenario *redial_scenario(double delay_s)
{
    char json[2048];
    snprintf(json, sizeof json,
             "{\"name\": \"redial\", \"horizon_days\": %d, \"warmup_s\": 86400, \"seed\": %u,"
             " \"max_contacts_per_need\": 100,"
             " \"channels\": [{\"name\": \"phone\", \"kind\": \"voice\","
             "  \"handle_time\": {\"distribution\": \"exponential\", \"mean_s\": %g},"
             "  \"patience\": {\"distribution\": \"exponential\", \"mean_s\": %g},"
             "  \"retrial\": {\"share\": %g, \"delay_mean_s\": %g},"
             "  \"daily_volume\": %g, \"agents\": %d}]}",
             DAYS, SEED, AHT_S, PATIENCE_S, SHARE, delay_s, DAILY, AGENTS);
    return test_scenario_load(json);
}

static void redial_fixed_point_should_match_the_simulation_when_redials_are_slow(void **state)
{
    (void)state;
    erlang_queue q;
    erlang_queue_init(&q);
    q.arrival_rate = DAILY / 86400.0;
    q.aht_s = AHT_S;
    q.patience_s = PATIENCE_S;
    q.agents = AGENTS;
    q.redial_share = SHARE;
    erlang_result fp, none;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(erlang_eval(&q, &fp, &err), SIM_OK);
    q.redial_share = 0.0;
    assert_int_equal(erlang_eval(&q, &none, &err), SIM_OK);

    size_t checks = 2 * N_CASES;
    double level = 1.0 - (1.0 - FAMILY_LEVEL) / (double)checks;
    printf("%zu checks at level %.5f each (family-wise %.2f); %d replications of %d days "
           "(1 day warm-up)\n",
           checks, level, FAMILY_LEVEL, REPS, DAYS);
    printf("fresh load %.4f Erlang on %d agents, patience %g s, redial share %g\n",
           none.offered_load, AGENTS, PATIENCE_S, SHARE);
    printf("without redials:  P(abandon) %.5f\n", none.p_abandon);
    printf("fixed point:      offered load %.5f Erlang, P(abandon) %.5f\n", fp.offered_load,
           fp.p_abandon);

    int failures = 0;
    cc_rep *reps = calloc(REPS, sizeof *reps);
    assert_non_null(reps);
    for (size_t i = 0; i < N_CASES; i++) {
        scenario *scn = redial_scenario(cases[i].delay_s);
        assert_int_equal(
            cc_model_run_replications(scn, NULL, REPS, 2, NULL, NULL, NULL, reps, &err),
            SIM_OK);
        sim_tally load, pab;
        sim_tally_init(&load);
        sim_tally_init(&pab);
        for (size_t r = 0; r < REPS; r++) {
            const cc_channel_totals *ch = &reps[r].channels[0];
            double window = reps[r].stats_end_s - reps[r].stats_start_s;
            sim_tally_add(&load, (double)ch->arrived / window * AHT_S);
            sim_tally_add(&pab, (double)ch->abandoned / (double)ch->arrived);
            cc_rep_fini(&reps[r]);
        }
        sim_ci ci_load = sim_ci_from_tally(&load, level);
        sim_ci ci_pab = sim_ci_from_tally(&pab, level);
        printf("delay %6.0f s: simulated offered load %.5f +- %.5f, P(abandon) %.5f +- %.5f"
               " (fixed point %+.1f%% / %+.1f%%)\n",
               cases[i].delay_s, ci_load.mean, ci_load.half_width, ci_pab.mean,
               ci_pab.half_width, 100.0 * (fp.offered_load / ci_load.mean - 1.0),
               100.0 * (fp.p_abandon / ci_pab.mean - 1.0));
        if (cases[i].exact) {
            if (!(fp.offered_load >= ci_load.lo && fp.offered_load <= ci_load.hi)) {
                printf("   FAIL: offered load %.5f outside [%.5f, %.5f]\n", fp.offered_load,
                       ci_load.lo, ci_load.hi);
                failures++;
            }
            if (!(fp.p_abandon >= ci_pab.lo && fp.p_abandon <= ci_pab.hi)) {
                printf("   FAIL: P(abandon) %.5f outside [%.5f, %.5f]\n", fp.p_abandon,
                       ci_pab.lo, ci_pab.hi);
                failures++;
            }
        } else {
            if (!(ci_load.lo > fp.offered_load)) {
                printf("   FAIL: short delay: offered load %.5f not above the fixed point\n",
                       ci_load.mean);
                failures++;
            }
            if (!(ci_pab.lo > fp.p_abandon)) {
                printf("   FAIL: short delay: P(abandon) %.5f not above the fixed point\n",
                       ci_pab.mean);
                failures++;
            }
        }
        /* The intervals must be narrow enough to mean something: 5% of the value. */
        if (!(ci_pab.half_width < 0.05 * ci_pab.mean) ||
            !(ci_load.half_width < 0.05 * ci_load.mean)) {
            printf("   FAIL: intervals too wide to decide\n");
            failures++;
        }
        scenario_free(scn);
    }
    free(reps);
    assert_int_equal(failures, 0);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(redial_fixed_point_should_match_the_simulation_when_redials_are_slow),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
