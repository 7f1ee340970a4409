/* test_cc_outbound.c -- the outbound campaign and blending (outbound).
 *
 *   - the blend threshold at every agent (inbound_reserve >= the group's size): nobody dials,
 *     and the run equals the run without the campaign exactly: the same trace, event for
 *     event, and the same value bit for bit of every KPI that run publishes (3 replications
 *     of a day with abandonment and staffing that changes by the hour); a reserve of 0 does
 *     dial and changes the inbound results (the control);
 *   - a pure outbound campaign (a group with no inbound work to speak of: one call a day):
 *     each dial ends no answer / machine / right party / wrong party with the given shares,
 *     independently, so connects / dials = 1 - no_answer_share, right-party contacts / dials
 *     = right_party_share, and with every record finished before the day's dialing ends,
 *     dials / records = (1 - q^A) / (1 - q) with q = no answer + machine share and A =
 *     attempts. Each is checked with a Student-t interval over 20 replications of 5 days, at a
 *     family-wise 99% over the 3 intervals (Bonferroni, 99.67% each; fixed seed, not tuned).
 * The accounting identity (every dial one outcome; every record closed, waiting or in a
 * dial) is checked by cc_model_run itself (cc_rep_check) on every run here.
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

#include "test_scenario_util.h"
#include "test_cc_runs.h"

#include "cc_model.h"
#include "cc_result.h"
#include "scenario.h"

/* FNV-1a over every field of each trace event. */
typedef struct trace_hash {
    uint64_t h;
    size_t events;
} trace_hash;

static void hash_bytes(trace_hash *t, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        t->h ^= b[i];
        t->h *= 0x100000001b3ULL;
    }
}

static void on_event(void *ctx, const cc_trace_event *ev)
{
    trace_hash *t = ctx;
    hash_bytes(t, &ev->replication, sizeof ev->replication);
    hash_bytes(t, &ev->time_s, sizeof ev->time_s);
    hash_bytes(t, &ev->kind, sizeof ev->kind);
    hash_bytes(t, &ev->contact, sizeof ev->contact);
    hash_bytes(t, &ev->need, sizeof ev->need);
    hash_bytes(t, &ev->segment, sizeof ev->segment);
    hash_bytes(t, &ev->channel, sizeof ev->channel);
    hash_bytes(t, &ev->to_channel, sizeof ev->to_channel);
    if (ev->pool != NULL)
        hash_bytes(t, ev->pool, strlen(ev->pool));
    hash_bytes(t, &ev->wait_s, sizeof ev->wait_s);
    hash_bytes(t, &ev->duration_s, sizeof ev->duration_s);
    hash_bytes(t, &ev->outcome, sizeof ev->outcome);
    hash_bytes(t, &ev->repeat, sizeof ev->repeat);
    hash_bytes(t, &ev->counted, sizeof ev->counted);
    t->events++;
}

static void run_one(const scenario *scn, uint64_t r, cc_rep *rep, trace_hash *t)
{
    t->h = 0xcbf29ce484222325ULL;
    t->events = 0;
    run_traced(scn, on_event, t, r, rep);
}

/* Inbound phone with abandonment, 4..9 agents by the hour; `outbound` is "" or a member. */
static scenario *blend_scenario(const char *outbound)
{
    char json[4096];
    snprintf(json, sizeof json,
             "{\"name\": \"blend\", \"horizon_days\": 1, \"seed\": 11, \"interval_s\": 3600,"
             " \"channels\": [{\"name\": \"phone\", \"kind\": \"voice\","
             "  \"handle_time\": {\"mean_s\": 200}, \"patience\": {\"mean_s\": 90},"
             "  \"service_level\": {\"target\": 0.8, \"threshold_s\": 20},"
             "  \"intraday\": " TEST_FLAT_24 ", \"daily_volume\": 2400}],"
             " \"groups\": [{\"name\": \"g\", \"skills\": [\"phone\"],"
             "  \"staffing\": \"per_interval\", \"agents_per_interval\": [4, 4, 4, 4, 4, 4,"
             "  4, 4, 9, 9, 9, 9, 9, 9, 9, 9, 6, 6, 6, 6, 6, 6, 6, 6]}]%s}",
             outbound);
    return test_scenario_load(json);
}

#define CAMPAIGN(reserve)                                                                     \
    ", \"outbound\": {\"group\": \"g\", \"records\": 800, \"start_s\": 0, \"end_s\": 86400,"  \
    " \"inbound_reserve\": " #reserve ", \"talk_time\": {\"mean_s\": 150},"                  \
    " \"wrap_up\": {\"distribution\": \"deterministic\", \"mean_s\": 15}}"

/* Every KPI of `base` has the same bits in `with`; returns how many differ (0 expected). */
static size_t kpis_differ(const cc_rep *a, const scenario *sa, const cc_rep *b,
                          const scenario *sb, size_t *compared)
{
    cc_kpis ka, kb;
    sim_error err;
    assert_int_equal(cc_kpis_from_rep(&ka, a, sa, &err), SIM_OK);
    assert_int_equal(cc_kpis_from_rep(&kb, b, sb, &err), SIM_OK);
    size_t differ = 0;
    for (size_t i = 0; i < ka.n; i++) {
        double x = ka.values[i], y = rep_kpi_value(&kb, ka.names[i]);
        if (memcmp(&x, &y, sizeof x) != 0)
            differ++;
    }
    *compared = ka.n;
    cc_kpis_fini(&ka);
    cc_kpis_fini(&kb);
    return differ;
}

static void a_reserve_of_every_agent_should_give_the_run_without_the_campaign(void **state)
{
    (void)state;
    scenario *base = blend_scenario("");
    scenario *held = blend_scenario(CAMPAIGN(9));
    scenario *open = blend_scenario(CAMPAIGN(0));
    for (uint64_t r = 0; r < 3; r++) {
        cc_rep rb, rh, ro;
        trace_hash tb, th, to;
        run_one(base, r, &rb, &tb);
        run_one(held, r, &rh, &th);
        run_one(open, r, &ro, &to);
        size_t n = 0;
        size_t d_held = kpis_differ(&rb, base, &rh, held, &n);
        size_t d_open = kpis_differ(&rb, base, &ro, open, &n);
        printf("  replication %llu: %zu trace events; reserve 9: %zu dials, %zu of %zu KPIs "
               "differ; reserve 0: %llu dials, %zu differ\n",
               (unsigned long long)r, tb.events, (size_t)rh.outbound.dials, d_held, n,
               (unsigned long long)ro.outbound.dials, d_open);
        assert_int_equal(rh.outbound.dials, 0);
        assert_int_equal(th.events, tb.events);
        assert_true(th.h == tb.h);
        assert_int_equal(d_held, 0);
        /* the control: dialing agents take time from inbound */
        assert_true(ro.outbound.dials > 100);
        assert_true(to.h != tb.h);
        assert_true(d_open > 0);
        cc_rep_fini(&rb);
        cc_rep_fini(&rh);
        cc_rep_fini(&ro);
    }
    scenario_free(base);
    scenario_free(held);
    scenario_free(open);
}

#define CHECKS 3
#define LEVEL (1.0 - 0.01 / CHECKS)
#define REPS 20

static void expect_mean_in(const char *what, const double *x, size_t n, double exact)
{
    double m = 0, v = 0;
    for (size_t i = 0; i < n; i++)
        m += x[i];
    m /= (double)n;
    for (size_t i = 0; i < n; i++)
        v += (x[i] - m) * (x[i] - m);
    v /= (double)(n - 1);
    double h = gsl_cdf_tdist_Pinv(1.0 - (1.0 - LEVEL) / 2.0, (double)(n - 1)) *
               sqrt(v / (double)n);
    printf("  %-28s exact %.5f  simulated %.5f  [%.5f, %.5f]\n", what, exact, m, m - h,
           m + h);
    if (!(exact >= m - h && exact <= m + h))
        fail_msg("%s: exact %.6f outside the %.3f%% interval [%.6f, %.6f]", what, exact,
                 100.0 * LEVEL, m - h, m + h);
}

static void a_pure_campaign_should_connect_dials_times_the_shares(void **state)
{
    (void)state;
    const double na = 0.45, mach = 0.15, rpc = 0.25;
    const size_t attempts = 3, records = 400, days = 5, agents = 10;
    char json[2048];
    snprintf(json, sizeof json,
             "{\"name\": \"pure\", \"horizon_days\": %zu, \"seed\": 5,"
             " \"channels\": [{\"name\": \"phone\", \"kind\": \"voice\","
             "  \"handle_time\": {\"mean_s\": 60}, \"daily_volume\": 1}],"
             " \"groups\": [{\"name\": \"g\", \"skills\": [\"phone\"], \"agents\": %zu}],"
             " \"outbound\": {\"group\": \"g\", \"records\": %zu, \"start_s\": 32400,"
             "  \"end_s\": 61200, \"attempts\": %zu, \"retry_delay_s\": 900,"
             "  \"no_answer_share\": %g, \"machine_share\": %g, \"right_party_share\": %g,"
             "  \"dial_s\": 25, \"talk_time\": {\"distribution\": \"gamma\", \"mean_s\": 240,"
             "  \"cv\": 0.7}}}",
             days, agents, records, attempts, na, mach, rpc);
    scenario *scn = test_scenario_load(json);
    cc_rep reps[REPS];
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(cc_model_run_replications(scn, NULL, REPS, 2, NULL, NULL, NULL, reps, &err),
                     SIM_OK);
    double connect[REPS], right[REPS], per_record[REPS];
    for (size_t r = 0; r < REPS; r++) {
        cc_kpis k;
        assert_int_equal(cc_kpis_from_rep(&k, &reps[r], scn, &err), SIM_OK);
        double dials = rep_kpi_value(&k, "pool.g.dials");
        connect[r] = rep_kpi_value(&k, "pool.g.connects") / dials;
        right[r] = rep_kpi_value(&k, "pool.g.right_party_contacts") / dials;
        per_record[r] = dials / (double)(records * days);
        /* every record finished the day it joined: none waits, none in a dial */
        assert_int_equal(reps[r].outbound.waiting, 0);
        assert_int_equal(reps[r].outbound.dialing, 0);
        assert_int_equal(reps[r].outbound.records, records * days);
        assert_true(dials == (double)reps[r].outbound.dials); /* no warm-up: all counted */
        cc_kpis_fini(&k);
        cc_rep_fini(&reps[r]);
    }
    double q = na + mach;
    expect_mean_in("connects / dials", connect, REPS, 1.0 - na);
    expect_mean_in("right party / dials", right, REPS, rpc);
    expect_mean_in("dials / record", per_record, REPS,
                   (1.0 - pow(q, (double)attempts)) / (1.0 - q));
    scenario_free(scn);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_reserve_of_every_agent_should_give_the_run_without_the_campaign),
        cmocka_unit_test(a_pure_campaign_should_connect_dials_times_the_shares),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
