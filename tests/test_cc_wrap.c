/* test_cc_wrap.c -- after-call work (channels[].wrap_up) against queueing theory.
 *
 * After-call work keeps the agent busy after the contact has ended, so for the queue the
 * agent's service time is talk + wrap-up: the model with Poisson arrivals, one voice channel
 * and a fixed group is M/G/n with that service. Two cases have a known answer:
 *   - talk of (almost) zero and exponential wrap-up: M/M/n with service = wrap-up, so Erlang C
 *     gives the service level, the ASA and the occupancy (talk is a deterministic 1 ms, since
 *     a handle time must be positive: it moves the service mean by 3e-6 relative, far inside
 *     the intervals);
 *   - any talk and wrap-up distributions, no abandonment: the utilisation law, occupancy =
 *     lambda (E[talk] + E[wrap]) / n (for chat, / (n x concurrency): the wrap-up keeps the
 *     chat's slot).
 * Each is checked with Student-t intervals over 20 replications of 14 days after a one-day
 * warm-up, at a family-wise 99% over the file's 8 intervals (Bonferroni, 99.875% each; fixed
 * seed, not tuned: a correct model fails the file with at most 1% chance over seeds). Each case also checks that the same run is
 * far from what it would give without the wrap-up (the mechanism does something), and that
 * the KPIs report talk and wrap-up apart. Further: the trace holds a wrap_up after each end
 * and its wrap_up_end a wrap-up later on the same pool, the erlang staffing sizes for talk +
 * wrap-up, and a run without wrap_up publishes none of its KPIs.
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

#include "test_scenario_util.h"
#include "test_cc_runs.h"

#include "cc_model.h"
#include "cc_result.h"
#include "scenario.h"
#include "sim_ci.h"

/* Family-wise 99% over the CHECKS intervals of this file (Bonferroni): each at 1 - 0.01 /
 * CHECKS, so a correct model fails the file with at most 1% chance over seeds. */
#define CHECKS 8
#define LEVEL (1.0 - 0.01 / CHECKS)
#define REPS 20

/* The value the model would match without after-call work must be outside the interval. */
static void expect_out(const char *what, sim_ci ci, double without)
{
    printf("  %-40s without wrap-up %.5f, outside [%.5f, %.5f]\n", what, without, ci.lo,
           ci.hi);
    if (without >= ci.lo && without <= ci.hi)
        fail_msg("%s: the value without wrap-up, %.6f, is inside [%.6f, %.6f]", what, without,
                 ci.lo, ci.hi);
}

/* One voice channel, 2400 calls a day around the clock, a fixed group of `agents`, no
 * patience; talk and wrap-up as given (JSON distribution objects). */
static const char *voice_json(char *buf, size_t len, const char *talk, const char *wrap,
                              size_t agents)
{
    snprintf(buf, len,
             "{\"name\": \"wrap\", \"horizon_days\": 15, \"warmup_s\": 86400, \"seed\": 11,"
             " \"channels\": [{\"name\": \"phone\", \"kind\": \"voice\","
             " \"handle_time\": %s, \"wrap_up\": %s,"
             " \"service_level\": {\"target\": 0.8, \"threshold_s\": 20},"
             " \"daily_volume\": 2400, \"agents\": %zu}]}",
             talk, wrap, agents);
    return buf;
}

static void zero_talk_and_exponential_wrap_up_should_agree_with_erlang_c(void **state)
{
    (void)state;
    char json[2048];
    run_set rs;
    run_reps(&rs,
             voice_json(json, sizeof json, "{\"distribution\": \"deterministic\", \"mean_s\": 0.001}",
                        "{\"mean_s\": 300}", 10),
             REPS, LEVEL);
    double lambda = 2400.0 / 86400.0, s = 300.001, a = lambda * s;
    double c = erlang_c_exact(10, a);
    double sl = 1.0 - c * exp(-(10.0 - a) * 20.0 / s);
    double asa = c * s / (10.0 - a);
    sim_ci ci_sl = kpi(&rs, "channel.phone.service_level_per_answered_abandoned");
    sim_ci ci_asa = kpi(&rs, "channel.phone.asa_s");
    sim_ci ci_occ = kpi(&rs, "channel.phone.occupancy");
    expect_in("service level (20 s)", ci_sl, sl);
    expect_in("ASA (s)", ci_asa, asa);
    expect_in("occupancy", ci_occ, a / 10.0);
    /* without the wrap-up, 1 ms calls on 10 agents: nobody waits, the desk is idle */
    expect_out("service level (20 s)", ci_sl, 1.0);
    expect_out("occupancy", ci_occ, lambda * 0.001 / 10.0);
    expect_in("wrap-up per answered (s)", kpi(&rs, "channel.phone.wrap_up_s_per_answered"),
              300.0);
    sim_ci talk = kpi(&rs, "channel.phone.talk_s_per_answered");
    assert_true(fabs(talk.mean - 0.001) < 1e-12);
    run_free(&rs);
}

static void occupancy_should_be_arrival_rate_times_talk_plus_wrap_up(void **state)
{
    (void)state;
    char json[2048];
    run_set rs;
    run_reps(&rs,
             voice_json(json, sizeof json, "{\"mean_s\": 200}",
                        "{\"distribution\": \"deterministic\", \"mean_s\": 100}", 10),
             REPS, LEVEL);
    double lambda = 2400.0 / 86400.0;
    sim_ci occ = kpi(&rs, "channel.phone.occupancy");
    expect_in("occupancy = lambda (talk + wrap) / n", occ, lambda * 300.0 / 10.0);
    expect_out("occupancy", occ, lambda * 200.0 / 10.0);
    expect_in("talk per answered (s)", kpi(&rs, "channel.phone.talk_s_per_answered"), 200.0);
    for (size_t r = 0; r < rs.n; r++) {
        const cc_channel_totals *ch = &rs.reps[r].channels[0];
        const cc_pool_totals *p = &rs.reps[r].pools[0];
        /* deterministic wrap-up: exactly 100 s per answered contact, in channel and pool */
        assert_true(fabs(ch->wrap_s - 100.0 * (double)ch->answered) < 1e-6);
        assert_true(fabs(p->wrap_s - 100.0 * (double)p->answered) < 1e-6);
        /* the talk is booked apart: work_s holds the handle times only */
        assert_true(ch->work_s < 0.8 * (ch->work_s + ch->wrap_s));
    }
    sim_ci wh = kpi(&rs, "pool.phone.wrap_up_hours");
    sim_ci ans = kpi(&rs, "pool.phone.answered");
    assert_true(fabs(wh.mean - ans.mean * 100.0 / 3600.0) < 1e-9 * wh.mean);
    run_free(&rs);
}

/* A chat's wrap-up keeps its slot: with concurrency 2 and no stretch, each chat holds half
 * an agent for talk + wrap-up. */
static void chat_wrap_up_should_hold_the_chat_slot(void **state)
{
    (void)state;
    const char *json =
        "{\"name\": \"wrap-chat\", \"horizon_days\": 15, \"warmup_s\": 86400, \"seed\": 11,"
        " \"channels\": [{\"name\": \"chat\", \"kind\": \"chat\", \"concurrency\": 2,"
        "  \"handle_time\": {\"mean_s\": 400},"
        "  \"wrap_up\": {\"distribution\": \"lognormal\", \"mean_s\": 200, \"cv\": 0.5},"
        "  \"daily_volume\": 2400, \"agents\": 10}]}";
    run_set rs;
    run_reps(&rs, json, REPS, LEVEL);
    double lambda = 2400.0 / 86400.0;
    sim_ci occ = kpi(&rs, "channel.chat.occupancy");
    expect_in("occupancy = lambda (talk + wrap) / (n k)", occ, lambda * 600.0 / 20.0);
    expect_out("occupancy", occ, lambda * 400.0 / 20.0);
    expect_in("wrap-up per answered (s)", kpi(&rs, "channel.chat.wrap_up_s_per_answered"), 200.0);
    run_free(&rs);
}

/* ---- the trace ------------------------------------------------------------------------- */

typedef struct wrap_log {
    size_t ends, wraps, wrap_ends;
    double last_end_s;
    uint64_t last_end_contact;
    /* open wrap-ups by contact id: due time, 0 when none */
    double due[65536];
    const char *pool[65536];
    int bad;
} wrap_log;

static void wrap_event(void *ctx, const cc_trace_event *ev)
{
    wrap_log *w = ctx;
    if (ev->replication != 0 || ev->contact >= 65536)
        return;
    switch (ev->kind) {
    case CC_TRACE_END:
        w->ends++;
        w->last_end_s = ev->time_s;
        w->last_end_contact = ev->contact;
        break;
    case CC_TRACE_WRAP_UP:
        w->wraps++;
        /* right after the contact's own end, at the same time */
        if (ev->contact != w->last_end_contact || ev->time_s != w->last_end_s ||
            !(ev->duration_s > 0.0) || ev->pool == NULL)
            w->bad++;
        w->due[ev->contact] = ev->time_s + ev->duration_s;
        w->pool[ev->contact] = ev->pool;
        break;
    case CC_TRACE_WRAP_UP_END:
        w->wrap_ends++;
        if (w->due[ev->contact] == 0.0 || fabs(ev->time_s - w->due[ev->contact]) > 1e-6 ||
            ev->pool == NULL || strcmp(ev->pool, w->pool[ev->contact]) != 0)
            w->bad++;
        w->due[ev->contact] = 0.0;
        break;
    default:
        break;
    }
}

static void trace_should_hold_each_wrap_up_and_its_end(void **state)
{
    (void)state;
    /* Staffing that rises and drops during the day: agents told to leave while wrapping up
     * leave after it; the accounting (cc_rep_check, agents' slots = contacts in service +
     * wrap-ups) holds at the horizon with wrap-ups still in progress (3 agents, busy, wrap-up
     * twice the talk). */
    const char *json =
        "{\"name\": \"wrap-trace\", \"horizon_days\": 1, \"seed\": 3, \"interval_s\": 3600,"
        " \"channels\": [{\"name\": \"phone\", \"kind\": \"voice\","
        "  \"handle_time\": {\"mean_s\": 100}, \"wrap_up\": {\"mean_s\": 200},"
        "  \"patience\": {\"mean_s\": 120}, \"intraday\": " TEST_FLAT_24 ","
        "  \"daily_volume\": 2000}],"
        " \"groups\": [{\"name\": \"g\", \"skills\": [\"phone\"], \"staffing\": \"per_interval\","
        "  \"agents_per_interval\": [" TEST_ONES8 ", 9, 9, 9, 9, 9, 9, 9, 9, 3, 3, 3, 3, 3, 3, 3,"
        " 3]}]}";
    scenario *scn = test_scenario_load(json);
    static wrap_log w;
    memset(&w, 0, sizeof w);
    cc_rep rep;
    run_traced(scn, wrap_event, &w, 0, &rep);
    printf("  %zu ends, %zu wrap-ups, %zu wrap-up ends\n", w.ends, w.wraps, w.wrap_ends);
    assert_int_equal(w.bad, 0);
    assert_true(w.ends > 500);
    assert_int_equal(w.wraps, w.ends);
    /* some still wrapping up at the horizon, at most one per agent on duty */
    assert_true(w.wrap_ends < w.wraps && w.wrap_ends + 3 >= w.wraps);
    assert_int_equal(rep.accounting[0].handled, w.ends);
    cc_rep_fini(&rep);
    scenario_free(scn);
}

/* ---- staffing and what a run without wrap-up publishes ------------------------------- */

static void erlang_staffing_should_size_for_talk_plus_wrap_up(void **state)
{
    (void)state;
    const char *fmt =
        "{\"name\": \"wrap-staff\", \"horizon_days\": 1, \"seed\": 3, \"replications\": 1,"
        " \"channels\": [{\"name\": \"phone\", \"kind\": \"voice\","
        "  \"handle_time\": {\"mean_s\": %d}%s, \"daily_volume\": 3000}],"
        " \"groups\": [{\"name\": \"g\", \"skills\": [\"phone\"], \"staffing\": \"erlang\"}]}";
    char with[1024], merged[1024], talk_only[1024];
    snprintf(with, sizeof with, fmt, 200, ", \"wrap_up\": {\"mean_s\": 100}");
    snprintf(merged, sizeof merged, fmt, 300, "");
    snprintf(talk_only, sizeof talk_only, fmt, 200, "");
    double hours[3];
    const char *jsons[3] = {with, merged, talk_only};
    for (int i = 0; i < 3; i++) {
        scenario *scn = test_scenario_load(jsons[i]);
        cc_rep rep;
        sim_error err;
        assert_int_equal(cc_model_run(scn, NULL, 0, &rep, &err), SIM_OK);
        hours[i] = rep.pools[0].on_duty_s / 3600.0;
        cc_kpis k;
        assert_int_equal(cc_kpis_from_rep(&k, &rep, scn, &err), SIM_OK);
        int published = 0;
        for (size_t j = 0; j < k.n; j++)
            published |= strstr(k.names[j], "wrap_up") != NULL ||
                          strstr(k.names[j], "talk_s_per_answered") != NULL;
        assert_int_equal(published, i == 0); /* only the scenario with wrap_up has them */
        cc_kpis_fini(&k);
        cc_rep_fini(&rep);
        scenario_free(scn);
    }
    printf("  agent hours: talk 200 + wrap 100 s %.1f, handle 300 s %.1f, talk 200 s %.1f\n",
           hours[0], hours[1], hours[2]);
    assert_true(hours[0] == hours[1]);
    assert_true(hours[0] > 1.2 * hours[2]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(zero_talk_and_exponential_wrap_up_should_agree_with_erlang_c),
        cmocka_unit_test(occupancy_should_be_arrival_rate_times_talk_plus_wrap_up),
        cmocka_unit_test(chat_wrap_up_should_hold_the_chat_slot),
        cmocka_unit_test(trace_should_hold_each_wrap_up_and_its_end),
        cmocka_unit_test(erlang_staffing_should_size_for_talk_plus_wrap_up),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
