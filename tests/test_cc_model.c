/* test_cc_model.c -- the mechanisms of the contact-center model, one scenario each.
 *
 * Every scenario is a few lines of JSON read by the real loader, run for one or a few
 * replications with a fixed seed, and checked against what the mechanism must do: chat
 * concurrency and stretch, backlog carried over closed hours, closing hours (lost, hop, wait),
 * each hopping path (abandoned, retrial, unresolved, unanswered in time, self-service failed,
 * closed, give-up, the contact cap), callbacks, overflow to an outsourcer, the first channel
 * limited to open channels, overdispersion, the accounting identity and reproducibility
 * (across threads and across event calendars).
 * Statistical checks use wide margins (many standard deviations) so that they test the
 * mechanism, not the luck of the seed.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <gsl/gsl_cdf.h>

#include "test_cc_runs.h"

#include "hours.h"
#include "cc_model.h"
#include "cc_result.h"
#include "scenario.h"
#include "scenario_load.h"
#include "sim_buf.h"
#include "sim_calendar.h"

/* One replication of `json`; the scenario is returned in *scn_out (caller frees both). */
static void run1(const char *json, scenario **scn_out, cc_rep *rep)
{
    scenario *scn = test_scenario_load(json);
    sim_error err;
    sim_error_clear(&err);
    sim_status st = cc_model_run(scn, NULL, 0, rep, &err);
    if (st != SIM_OK)
        fprintf(stderr, "run failed: %s: %s\n", err.path, err.message);
    assert_int_equal(st, SIM_OK);
    *scn_out = scn;
}

static void done(scenario *scn, cc_rep *rep)
{
    cc_rep_fini(rep);
    scenario_free(scn);
}

/* ---- chat ------------------------------------------------------------------------------ */

static const char *chat_json(char *buf, size_t n, int concurrency, double stretch)
{
    /* Far more chats than 2 agents can take: throughput is capacity-bound. Deterministic
     * 600 s chats: one agent slot finishes 144 a day. */
    snprintf(buf, n,
             "{\"name\": \"chat\", \"horizon_days\": 2, \"seed\": 3,"
             " \"channels\": [{\"name\": \"chat\", \"kind\": \"chat\","
             "  \"handle_time\": {\"distribution\": \"deterministic\", \"mean_s\": 600},"
             "  \"concurrency\": %d, \"stretch\": %g, \"daily_volume\": 5000, \"agents\": 2}]}",
             concurrency, stretch);
    return buf;
}

static void chat_agents_should_hold_up_to_concurrency_chats_at_once(void **state)
{
    (void)state;
    char json[1024];
    scenario *scn;
    cc_rep rep1, rep3;
    run1(chat_json(json, sizeof json, 1, 0.0), &scn, &rep1);
    scenario_free(scn);
    run1(chat_json(json, sizeof json, 3, 0.0), &scn, &rep3);
    /* Two days, two agents: 576 chats at one at a time, 1728 at three at a time. */
    double a1 = (double)rep1.channels[0].answered, a3 = (double)rep3.channels[0].answered;
    printf("  answered: concurrency 1 %.0f, concurrency 3 %.0f\n", a1, a3);
    assert_true(a1 >= 570 && a1 <= 578);
    assert_true(a3 >= 1720 && a3 <= 1734);
    /* Busy share is chats held / concurrency: saturated, so close to 1, never above. */
    assert_true(rep3.pools[0].occupancy > 0.98 && rep3.pools[0].occupancy <= 1.0 + 1e-12);
    cc_rep_fini(&rep1);
    done(scn, &rep3);
}

static void chat_handle_time_should_stretch_with_the_number_of_chats_held(void **state)
{
    (void)state;
    char json[1024];
    scenario *scn;
    cc_rep flat, stretched;
    run1(chat_json(json, sizeof json, 3, 0.0), &scn, &flat);
    scenario_free(scn);
    run1(chat_json(json, sizeof json, 3, 0.5), &scn, &stretched);
    double h0 = flat.channels[0].work_s / (double)flat.channels[0].answered;
    double h1 = stretched.channels[0].work_s / (double)stretched.channels[0].answered;
    printf("  mean handle time: stretch 0 %.1f s, stretch 0.5 %.1f s\n", h0, h1);
    assert_true(fabs(h0 - 600.0) < 1e-9);
    /* Saturated agents hold 3 chats almost always: 600 x (1 + 0.5 x 2) = 1200 s. */
    assert_true(h1 > 1100.0 && h1 <= 1200.0 + 1e-9);
    assert_true(stretched.channels[0].answered < flat.channels[0].answered);
    cc_rep_fini(&flat);
    done(scn, &stretched);
}

/* ---- deferred backlog and opening hours -------------------------------------------------- */

static void deferred_backlog_should_carry_over_closed_hours_and_days(void **state)
{
    (void)state;
    /* E-mail arrives around the clock (a flat day shape); worked Monday-Friday 09:00-17:00
     * by 6 agents. */
    const char *json =
        "{\"name\": \"backlog\", \"horizon_days\": 14, \"seed\": 5,"
        " \"demand\": {\"intraday\": " TEST_FLAT_96 "},"
        " \"channels\": [{\"name\": \"email\", \"kind\": \"deferred\","
        "  \"handle_time\": {\"mean_s\": 600}, \"response_target_s\": 86400,"
        "  \"hours\": {\"weekdays\": [[\"09:00\", \"17:00\"]]},"
        "  \"daily_volume\": 200, \"agents\": 6}]}";
    scenario *scn;
    cc_rep rep;
    run1(json, &scn, &rep);
    size_t ipd = scn->intervals_per_day;
    size_t at0845 = 8 * 4 + 3;  /* interval 08:45-09:00 */
    size_t at1645 = 16 * 4 + 3; /* interval 16:45-17:00 */
    for (size_t d = 0; d < 14; d++) {
        unsigned wd = (unsigned)(d % 7);
        for (size_t i = 0; i < ipd; i++) {
            double t = (double)(d * ipd + i) * scn->interval_s;
            double busy = *cc_rep_pv(&rep, d * ipd + i, 0, CC_PV_BUSY_S);
            /* Nobody starts work on a closed channel: three hours after closing every
             * answer begun before has ended (handle times are exponential, mean 600 s:
             * P(longer than 3 h) = e^-18). */
            if (t >= 3.0 * 3600.0 && !hours_is_open(scn, 0, t) &&
                !hours_is_open(scn, 0, t - 3.0 * 3600.0))
                assert_true(busy == 0.0);
        }
        double night = *cc_rep_iv(&rep, d * ipd + at0845, 0, CC_IV_BACKLOG_END);
        if (wd < 5)
            assert_true(night >= 20.0); /* the night's e-mails wait for the morning */
        (void)at1645;
    }
    /* The weekend piles up: Monday 09:00 backlog exceeds Friday 17:00's by about 2.7 days
     * of e-mail. */
    double fri = *cc_rep_iv(&rep, 4 * ipd + at1645, 0, CC_IV_BACKLOG_END);
    double mon = *cc_rep_iv(&rep, 7 * ipd + at0845, 0, CC_IV_BACKLOG_END);
    printf("  backlog Friday 17:00 %.0f, Monday 09:00 %.0f\n", fri, mon);
    assert_true(mon > fri + 400.0);
    /* Items answered after a closed night have response times over 16 hours. */
    assert_true(rep.channels[0].wait_p95_s > 16.0 * 3600.0);
    assert_int_equal(rep.channels[0].abandoned, 0);
    done(scn, &rep);
}

static const char *closed_json(char *buf, size_t n, const char *when_closed, int volume)
{
    snprintf(buf, n,
             "{\"name\": \"closing\", \"horizon_days\": 7, \"seed\": 9,"
             " \"demand\": {\"intraday\": " TEST_FLAT_96 "}," /* calls around the clock */
             " \"channels\": ["
             "  {\"name\": \"phone\", \"kind\": \"voice\", \"handle_time\": {\"mean_s\": 300},"
             "   \"hours\": {\"all\": [[\"09:00\", \"17:00\"]]}, \"when_closed\": \"%s\","
             "   \"daily_volume\": %d, \"agents\": 12},"
             "  {\"name\": \"email\", \"kind\": \"deferred\", \"handle_time\": {\"mean_s\": 300},"
             "   \"agents\": 10}],"
             " \"hopping\": [{\"outcome\": \"closed\", \"to\": {\"email\": 1},"
             "   \"delay\": {\"mean_s\": 60}}]}",
             when_closed, volume);
    return buf;
}

static void closed_channel_should_lose_contacts_arriving_outside_opening_hours(void **state)
{
    (void)state;
    char json[2048];
    scenario *scn;
    cc_rep rep;
    run1(closed_json(json, sizeof json, "lost", 1200), &scn, &rep);
    const cc_channel_totals *ph = &rep.channels[0];
    double share = (double)ph->lost_closed / (double)ph->arrived;
    printf("  lost share %.4f (expected 16/24 = 0.6667)\n", share);
    assert_true(fabs(share - 2.0 / 3.0) < 0.02); /* 8400 contacts: sd 0.005 */
    assert_int_equal(rep.channels[1].arrived, 0); /* lost means no hop */
    assert_int_equal(rep.needs.given_up, ph->lost_closed); /* a lost contact ends its need */
    done(scn, &rep);
}

static void closed_channel_with_hop_should_send_contacts_to_the_hop_channel(void **state)
{
    (void)state;
    char json[2048];
    scenario *scn;
    cc_rep rep;
    run1(closed_json(json, sizeof json, "hop", 1200), &scn, &rep);
    const cc_channel_totals *ph = &rep.channels[0], *em = &rep.channels[1];
    printf("  phone lost %llu, e-mail repeats %llu, closed hops %llu\n",
           (unsigned long long)ph->lost_closed, (unsigned long long)em->repeat,
           (unsigned long long)rep.needs.hops[SCENARIO_OUTCOME_CLOSED]);
    assert_true(ph->lost_closed > 4000);
    assert_int_equal(rep.needs.hops[SCENARIO_OUTCOME_CLOSED], rep.needs.flow[0][1]);
    /* Every closed contact hops (give_up 0); the few scheduled past the horizon are the
     * only difference. */
    assert_true(em->repeat <= ph->lost_closed && em->repeat + 20 >= ph->lost_closed);
    assert_int_equal(em->arrived, em->repeat);
    done(scn, &rep);
}

static void closed_voice_with_wait_should_queue_at_the_next_opening(void **state)
{
    (void)state;
    char json[2048];
    scenario *scn;
    cc_rep rep;
    /* The loader refuses "wait" for voice (a caller cannot be parked), but the model
     * supports it as scenario.h documents (the caller tries again at the next opening), so
     * the test sets it after loading. */
    scn = test_scenario_load(closed_json(json, sizeof json, "lost", 600));
    scn->channels[0].when_closed = SCENARIO_CLOSED_WAIT;
    sim_error err;
    assert_int_equal(cc_model_run(scn, NULL, 0, &rep, &err), SIM_OK);
    const cc_channel_totals *ph = &rep.channels[0];
    assert_int_equal(ph->lost_closed, 0);
    /* The night's callers (about 400) are held, not queued, and all join the queue at
     * 09:00: no queue before opening, hundreds waiting just after. */
    size_t ipd = scn->intervals_per_day;
    double q0845 = *cc_rep_iv(&rep, 2 * ipd + 35, 0, CC_IV_QUEUE_AREA_S);
    double q0900 = *cc_rep_iv(&rep, 2 * ipd + 36, 0, CC_IV_QUEUE_AREA_S);
    printf("  mean queue 08:45-09:00 %.1f, 09:00-09:15 %.1f\n", q0845 / 900.0, q0900 / 900.0);
    assert_true(q0845 == 0.0);
    assert_true(q0900 / 900.0 > 200.0);
    assert_true(rep.accounting[0].handled + rep.accounting[0].in_system +
                    rep.accounting[0].abandoned ==
                rep.accounting[0].arrived);
    done(scn, &rep);
}

/* ---- contacts still queued when a channel closes (channels[].at_close) ------------------ */

/* What the trace says about each contact of one replication, by contact id. */
typedef struct close_contact {
    int channel;      /* of its first queue event, -1 when never queued */
    double queue_s;   /* first time it joined a queue */
    double answer_s;  /* NAN unless answered */
    double left_s;    /* abandoned or moved to a callback: NAN unless it left */
    int left_how;     /* CC_TRACE_ABANDON or CC_TRACE_CALLBACK */
    int at_close;     /* the answer, abandon or callback carried CC_TRACE_AT_CLOSE */
    double duration_s;
} close_contact;

typedef struct close_log {
    close_contact *c;
    size_t cap;
    double overtime_s;   /* sum of handle times of answers in overtime */
    size_t overtime_answers;
} close_log;

static void close_log_event(void *ctx, const cc_trace_event *ev)
{
    close_log *log = ctx;
    if (ev->contact == 0)
        return;
    if (ev->contact >= log->cap) {
        size_t cap = log->cap ? 2 * log->cap : 4096;
        while (cap <= ev->contact)
            cap *= 2;
        log->c = realloc(log->c, cap * sizeof *log->c);
        assert_non_null(log->c);
        for (size_t i = log->cap; i < cap; i++)
            log->c[i] = (close_contact){-1, NAN, NAN, NAN, 0, 0, NAN};
        log->cap = cap;
    }
    close_contact *c = &log->c[ev->contact];
    switch (ev->kind) {
    case CC_TRACE_QUEUE:
        if (c->channel < 0) {
            c->channel = (int)ev->channel;
            c->queue_s = ev->time_s;
        }
        break;
    case CC_TRACE_ANSWER:
        c->answer_s = ev->time_s;
        c->duration_s = ev->duration_s;
        if (ev->outcome == CC_TRACE_AT_CLOSE) {
            c->at_close = 1;
            log->overtime_s += ev->duration_s;
            log->overtime_answers++;
        }
        break;
    case CC_TRACE_ABANDON:
    case CC_TRACE_CALLBACK:
        c->left_s = ev->time_s;
        c->left_how = (int)ev->kind;
        c->at_close = ev->outcome == CC_TRACE_AT_CLOSE;
        break;
    default:
        break;
    }
}

/* Is phone contact c still waiting at time t (queued before t, not answered nor gone)? */
static int waiting_at(const close_contact *c, double t)
{
    return c->channel == 0 && c->queue_s < t && !(c->answer_s < t) && !(c->left_s < t);
}

/* Phone open 09:00-17:00 daily with 1120 calls a day over those hours (11.7 Erlang of 300 s
 * calls) for 10 agents and no patience: well over a hundred callers wait at each closing.
 * "email" takes the abandon hops; "cb" is the callback channel (24/7, its own agents). With
 * `chat`, the phone team also serves a chat channel open until 20:00, so it stays on duty
 * after phone closes. at_close NULL: the field is left out (the default). */
static const char *close_json(char *buf, size_t n, const char *at_close, int chat, double accept)
{
    char intraday[96 * 2 + 1];
    for (int i = 0; i < 96; i++) {
        intraday[2 * i] = i ? ',' : ' ';
        intraday[2 * i + 1] = i >= 36 && i < 68 ? '1' : '0';
    }
    intraday[192] = '\0';
    char ac[64] = "", offer[160] = "";
    if (at_close != NULL)
        snprintf(ac, sizeof ac, ", \"at_close\": \"%s\"", at_close);
    if (accept >= 0.0)
        snprintf(offer, sizeof offer,
                 ", \"callback_offer\": {\"channel\": \"cb\", \"after_wait_s\": 86400,"
                 " \"accept_share\": %g}",
                 accept);
    snprintf(buf, n,
             "{\"name\": \"at-close\", \"horizon_days\": 2, \"seed\": 53,"
             " \"channels\": ["
             "  {\"name\": \"phone\", \"kind\": \"voice\", \"handle_time\": {\"mean_s\": 300},"
             "   \"hours\": {\"all\": [[\"09:00\", \"17:00\"]]}, \"daily_volume\": 1120,"
             "   \"intraday\": [%s]%s%s},"
             "  {\"name\": \"email\", \"kind\": \"deferred\", \"handle_time\": {\"mean_s\": 300}},"
             "  {\"name\": \"cb\", \"kind\": \"callback\", \"handle_time\": {\"mean_s\": 300}}%s],"
             " \"hopping\": [{\"outcome\": \"abandoned\", \"to\": {\"email\": 1}, \"give_up\": 0,"
             "   \"delay\": {\"mean_s\": 60}}],"
             " \"groups\": [{\"name\": \"team\", \"skills\": [\"phone\"%s], \"agents\": 10},"
             "   {\"name\": \"back\", \"skills\": [\"email\", \"cb\"], \"agents\": 3}]}",
             intraday, ac, offer,
             chat ? ", {\"name\": \"chat\", \"kind\": \"chat\", \"handle_time\": {\"mean_s\": 300},"
                    " \"hours\": {\"all\": [[\"09:00\", \"20:00\"]]}, \"daily_volume\": 40}"
                  : "",
             chat ? ", \"chat\"" : "");
    return buf;
}

static void run_close(const char *json, scenario **scn, cc_rep *rep, close_log *log)
{
    memset(log, 0, sizeof *log);
    *scn = test_scenario_load(json);
    run_traced(*scn, close_log_event, log, 0, rep);
    /* Every contact accounted for (cc_model_run checks it too; this says so in the test). */
    for (size_t c = 0; c < rep->n_channels; c++) {
        const cc_accounting *a = &rep->accounting[c];
        assert_int_equal(a->arrived,
                         a->handled + a->abandoned + a->lost_closed + a->transferred + a->in_system);
    }
}

#define CLOSE_S(day) ((double)(day) * 86400.0 + 17.0 * 3600.0)
#define OPEN_S(day) ((double)(day) * 86400.0 + 9.0 * 3600.0)

/* Phone answers that started in [from, to). */
static size_t answers_between(const close_log *log, double from, double to)
{
    size_t n = 0;
    for (size_t i = 0; i < log->cap; i++)
        n += log->c[i].channel == 0 && log->c[i].answer_s >= from && log->c[i].answer_s < to;
    return n;
}

static void callers_queued_at_closing_should_be_served_by_the_agents_present(void **state)
{
    (void)state;
    char json[4096];
    scenario *scn;
    cc_rep rep;
    close_log log;
    run_close(close_json(json, sizeof json, NULL, 0, -1.0), &scn, &rep, &log);
    assert_int_equal(scn->channels[0].at_close, SCENARIO_AT_CLOSE_SERVE); /* the default */
    for (int d = 0; d < 2; d++) {
        size_t queued = 0;
        double last = 0.0;
        for (size_t i = 0; i < log.cap; i++) {
            const close_contact *c = &log.c[i];
            if (!waiting_at(c, CLOSE_S(d)))
                continue;
            queued++;
            /* Served after closing, by an agent past the end of its duty, the same evening:
             * about 150 callers x 300 s / 10 agents = 75 minutes; 3 hours is far beyond. */
            assert_true(c->answer_s >= CLOSE_S(d) && c->at_close);
            if (c->answer_s > last)
                last = c->answer_s;
        }
        printf("  day %d: %zu callers waiting at 17:00, the last answered at +%.0f min\n", d,
               queued, (last - CLOSE_S(d)) / 60.0);
        assert_true(queued > 50);
        assert_true(last < CLOSE_S(d) + 3.0 * 3600.0);
    }
    /* Overtime is exactly the handle time of those answers, and it is on-duty time. */
    const cc_pool_totals *team = &rep.pools[0];
    printf("  overtime %.2f h of %.1f h on duty (%zu answers)\n", team->overtime_s / 3600.0,
           team->on_duty_s / 3600.0, log.overtime_answers);
    assert_true(log.overtime_answers > 100);
    assert_true(fabs(team->overtime_s - log.overtime_s) < 1e-6 * log.overtime_s);
    assert_true(team->overtime_s > 0.0 && team->overtime_s < team->on_duty_s);
    /* Then everybody goes home: nobody on duty from 21:00 to 09:00. */
    size_t ipd = scn->intervals_per_day;
    for (size_t i = 84; i < ipd + 36; i++)
        assert_true(*cc_rep_pv(&rep, i, 0, CC_PV_ON_DUTY_S) == 0.0);
    free(log.c);
    done(scn, &rep);
}

static void callers_queued_at_closing_with_hold_should_wait_for_the_next_opening(void **state)
{
    (void)state;
    char json[4096];
    scenario *scn;
    cc_rep rep;
    close_log log;
    /* The phone team also serves chat until 20:00: with "hold" it must still leave the phone
     * queue alone after 17:00. */
    run_close(close_json(json, sizeof json, "hold", 1, -1.0), &scn, &rep, &log);
    size_t queued = 0;
    for (size_t i = 0; i < log.cap; i++) {
        const close_contact *c = &log.c[i];
        if (!waiting_at(c, CLOSE_S(0)))
            continue;
        queued++;
        /* Answered the next morning (no patience: all of them, within day 1). */
        assert_true(c->answer_s >= OPEN_S(1) && c->answer_s < CLOSE_S(1));
        assert_false(c->at_close);
    }
    size_t evening = answers_between(&log, CLOSE_S(0), OPEN_S(1));
    printf("  %zu callers waiting at 17:00; phone answers before 09:00 the next day: %zu\n",
           queued, evening);
    assert_true(queued > 50);
    assert_int_equal(evening, 0);
    assert_true(rep.pools[0].overtime_s == 0.0);
    free(log.c);
    done(scn, &rep);

    /* The same team with "serve" stays on duty for chat anyway: it serves the phone queue in
     * its ordinary duty time, which is no overtime. */
    run_close(close_json(json, sizeof json, "serve", 1, -1.0), &scn, &rep, &log);
    for (size_t i = 0; i < log.cap; i++) {
        const close_contact *c = &log.c[i];
        if (waiting_at(c, CLOSE_S(0)))
            assert_true(c->answer_s >= CLOSE_S(0) && c->answer_s < CLOSE_S(0) + 3.0 * 3600.0);
    }
    assert_true(answers_between(&log, CLOSE_S(0), OPEN_S(1)) > 50);
    assert_true(rep.pools[0].overtime_s == 0.0);
    free(log.c);
    done(scn, &rep);
}

static void callers_queued_at_closing_with_abandon_should_be_counted_and_hop(void **state)
{
    (void)state;
    char json[4096];
    scenario *scn;
    cc_rep rep;
    close_log log;
    run_close(close_json(json, sizeof json, "abandon", 0, -1.0), &scn, &rep, &log);
    size_t queued = 0, at_close = 0;
    for (int d = 0; d < 2; d++) {
        for (size_t i = 0; i < log.cap; i++) {
            const close_contact *c = &log.c[i];
            if (!waiting_at(c, CLOSE_S(d)))
                continue;
            queued++;
            assert_true(c->left_how == CC_TRACE_ABANDON && c->at_close);
            assert_true(c->left_s == CLOSE_S(d));
            assert_true(isnan(c->answer_s));
        }
        assert_int_equal(answers_between(&log, CLOSE_S(d), CLOSE_S(d) + 16.0 * 3600.0), 0);
    }
    for (size_t i = 0; i < log.cap; i++)
        at_close += log.c[i].channel == 0 && log.c[i].left_how == CC_TRACE_ABANDON;
    const cc_channel_totals *ph = &rep.channels[0], *em = &rep.channels[1];
    printf("  waiting at the two closings %zu, abandoned %llu, e-mails after them %llu\n",
           queued, (unsigned long long)ph->abandoned, (unsigned long long)em->arrived);
    assert_true(queued > 100);
    /* No patience: the closing is the only way to abandon; every one of them counts. */
    assert_int_equal(ph->abandoned, queued);
    assert_int_equal(at_close, queued);
    assert_int_equal(rep.accounting[0].abandoned, queued);
    /* ... and hops as an abandon does (give_up 0: all of them write an e-mail). */
    assert_int_equal(rep.needs.hops[SCENARIO_OUTCOME_ABANDONED], queued);
    assert_int_equal(em->arrived, queued);
    assert_int_equal(em->repeat, queued);
    free(log.c);
    done(scn, &rep);
}

static void callers_queued_at_closing_with_callback_should_be_offered_one(void **state)
{
    (void)state;
    char json[4096];
    scenario *scn;
    cc_rep rep;
    close_log log;
    run_close(close_json(json, sizeof json, "callback", 0, 0.5), &scn, &rep, &log);
    size_t queued = 0, accepted = 0, declined = 0;
    for (int d = 0; d < 2; d++) {
        for (size_t i = 0; i < log.cap; i++) {
            const close_contact *c = &log.c[i];
            if (!waiting_at(c, CLOSE_S(d)))
                continue;
            queued++;
            assert_true(c->left_s == CLOSE_S(d) && c->at_close);
            if (c->left_how == CC_TRACE_CALLBACK)
                accepted++;
            else if (c->left_how == CC_TRACE_ABANDON)
                declined++;
        }
    }
    const cc_channel_totals *ph = &rep.channels[0], *cb = &rep.channels[2];
    double share = (double)accepted / (double)queued;
    printf("  waiting at the two closings %zu: %zu accepted a callback (%.3f), %zu declined\n",
           queued, accepted, share, declined);
    assert_true(queued > 100);
    assert_int_equal(accepted + declined, queued);
    /* accept_share 0.5 over about 300 callers: sd 0.03, 5 sd = 0.15. */
    assert_true(fabs(share - 0.5) < 0.15);
    assert_int_equal(ph->transferred, accepted);
    assert_int_equal(ph->abandoned, declined);
    assert_int_equal(cb->arrived, accepted);
    free(log.c);
    done(scn, &rep);
}

/* ---- hopping -------------------------------------------------------------------------- */

static void abandoned_calls_should_retry_or_hop_as_the_rules_say(void **state)
{
    (void)state;
    /* 2 agents for 8 Erlang: most callers abandon (patience 30 s). Half redial, the rest
     * go to e-mail. */
    const char *json =
        "{\"name\": \"abandon\", \"horizon_days\": 3, \"seed\": 13,"
        " \"channels\": ["
        "  {\"name\": \"phone\", \"kind\": \"voice\", \"handle_time\": {\"mean_s\": 300},"
        "   \"patience\": {\"mean_s\": 30}, \"retrial\": {\"share\": 0.5, \"delay_mean_s\": 120},"
        "   \"daily_volume\": 2400, \"agents\": 2},"
        "  {\"name\": \"email\", \"kind\": \"deferred\", \"handle_time\": {\"mean_s\": 60},"
        "   \"agents\": 5}],"
        " \"max_contacts_per_need\": 100,"
        " \"hopping\": [{\"outcome\": \"abandoned\", \"to\": {\"email\": 1},"
        "   \"delay\": {\"mean_s\": 60}}]}";
    scenario *scn;
    cc_rep rep;
    run1(json, &scn, &rep);
    const cc_need_totals *n = &rep.needs;
    double ab = (double)rep.channels[0].abandoned;
    double retr = (double)n->retrials, hops = (double)n->hops[SCENARIO_OUTCOME_ABANDONED];
    printf("  abandoned %.0f, retrials %.0f, hops to e-mail %.0f, phone repeats %llu\n", ab,
           retr, hops, (unsigned long long)rep.channels[0].repeat);
    assert_true(ab > 5000);
    assert_true(fabs(retr / ab - 0.5) < 0.03);
    assert_true(fabs(hops / ab - 0.5) < 0.03);
    assert_true(rep.channels[0].repeat > 0 && (double)rep.channels[0].repeat <= retr);
    assert_true((double)rep.channels[1].repeat <= hops && rep.channels[1].repeat > 0);
    assert_int_equal(n->flow[0][1], n->hops[SCENARIO_OUTCOME_ABANDONED]);
    done(scn, &rep);
}

static void unresolved_contacts_should_come_back_at_one_minus_fcr(void **state)
{
    (void)state;
    const char *json =
        "{\"name\": \"fcr\", \"horizon_days\": 4, \"seed\": 17,"
        " \"channels\": [{\"name\": \"phone\", \"kind\": \"voice\","
        "  \"handle_time\": {\"mean_s\": 300}, \"fcr_share\": 0.75,"
        "  \"daily_volume\": 1000, \"agents\": 10}],"
        " \"hopping\": [{\"outcome\": \"unresolved\", \"to\": {\"phone\": 0.8},"
        "   \"give_up\": 0.2, \"delay\": {\"mean_s\": 600}}]}";
    scenario *scn;
    cc_rep rep;
    run1(json, &scn, &rep);
    const cc_need_totals *n = &rep.needs;
    double unresolved = (double)(n->hops[SCENARIO_OUTCOME_UNRESOLVED] +
                                 n->give_ups[SCENARIO_OUTCOME_UNRESOLVED]);
    double handled = (double)rep.accounting[0].handled;
    printf("  handled %.0f, unresolved %.0f (%.3f), gave up after it %llu\n", handled,
           unresolved, unresolved / handled,
           (unsigned long long)n->give_ups[SCENARIO_OUTCOME_UNRESOLVED]);
    assert_true(fabs(unresolved / handled - 0.25) < 0.02);
    assert_true(fabs((double)n->give_ups[SCENARIO_OUTCOME_UNRESOLVED] / unresolved - 0.2) < 0.03);
    /* Contacts per resolved need: 1 + 0.25 * 0.8 + ... = 1 / (1 - 0.2) = 1.25 for a
     * geometric number of attempts among needs that resolve. */
    double cpr = n->contacts_of_resolved / (double)n->resolved;
    printf("  contacts per resolved need %.3f\n", cpr);
    assert_true(cpr > 1.2 && cpr < 1.32);
    done(scn, &rep);
}

static void unanswered_emails_should_become_calls_and_stay_in_the_backlog(void **state)
{
    (void)state;
    /* E-mail worked only 09:00-17:00 with patience 1 h: night e-mails go unanswered in
     * time; 70% of those customers call. The e-mail stays and is answered later. */
    const char *json =
        "{\"name\": \"unanswered\", \"horizon_days\": 5, \"seed\": 19,"
        " \"demand\": {\"intraday\": " TEST_FLAT_96 "}," /* e-mail around the clock */
        " \"channels\": ["
        "  {\"name\": \"phone\", \"kind\": \"voice\", \"handle_time\": {\"mean_s\": 300},"
        "   \"daily_volume\": 0, \"agents\": 5},"
        "  {\"name\": \"email\", \"kind\": \"deferred\", \"handle_time\": {\"mean_s\": 300},"
        "   \"patience\": {\"mean_s\": 3600}, \"response_target_s\": 14400,"
        "   \"hours\": {\"all\": [[\"09:00\", \"17:00\"]]},"
        "   \"daily_volume\": 300, \"agents\": 4}],"
        " \"hopping\": [{\"outcome\": \"unanswered_in_time\", \"to\": {\"phone\": 0.7},"
        "   \"give_up\": 0.3, \"delay\": {\"mean_s\": 600}}]}";
    scenario *scn;
    cc_rep rep;
    run1(json, &scn, &rep);
    const cc_channel_totals *ph = &rep.channels[0], *em = &rep.channels[1];
    const cc_need_totals *n = &rep.needs;
    printf("  e-mails %llu, unanswered in time %llu, calls from them %llu, hops cancelled %llu\n",
           (unsigned long long)em->arrived, (unsigned long long)em->unanswered,
           (unsigned long long)ph->arrived, (unsigned long long)n->hops_cancelled);
    assert_true(em->unanswered > 300);
    assert_true(fabs((double)n->hops[SCENARIO_OUTCOME_UNANSWERED] / (double)em->unanswered - 0.7) <
                0.06);
    assert_true(ph->arrived > 0 && ph->arrived == ph->repeat);
    /* Not withdrawn: every e-mail is answered or still in the backlog. */
    assert_int_equal(rep.accounting[1].handled + rep.accounting[1].in_system,
                     rep.accounting[1].arrived);
    done(scn, &rep);
}

static void failed_self_service_should_hop_and_resolved_should_end_the_need(void **state)
{
    (void)state;
    const char *json =
        "{\"name\": \"ivr\", \"horizon_days\": 3, \"seed\": 23,"
        " \"channels\": ["
        "  {\"name\": \"faq\", \"kind\": \"self_service\", \"handle_time\": {\"mean_s\": 120},"
        "   \"resolve_share\": 0.4, \"daily_volume\": 2000},"
        "  {\"name\": \"phone\", \"kind\": \"voice\", \"handle_time\": {\"mean_s\": 300},"
        "   \"agents\": 10}],"
        " \"hopping\": [{\"outcome\": \"self_service_failed\", \"to\": {\"phone\": 1},"
        "   \"delay\": {\"mean_s\": 30}}]}";
    scenario *scn;
    cc_rep rep;
    run1(json, &scn, &rep);
    const cc_channel_totals *ss = &rep.channels[0], *ph = &rep.channels[1];
    double resolved = (double)ss->resolved / (double)ss->answered;
    printf("  self-service sessions %llu, resolved %.3f, phone repeats %llu\n",
           (unsigned long long)ss->answered, resolved, (unsigned long long)ph->repeat);
    assert_true(fabs(resolved - 0.4) < 0.02);
    assert_int_equal(rep.needs.hops[SCENARIO_OUTCOME_SELF_SERVICE_FAILED],
                     ss->answered - ss->resolved);
    assert_true(ph->repeat + 10 >= ss->answered - ss->resolved);
    assert_int_equal(ss->abandoned, 0);
    done(scn, &rep);
}

static void needs_should_be_given_up_after_max_contacts(void **state)
{
    (void)state;
    /* Nothing resolves (FCR 0) and every unresolved customer comes back: each need makes
     * exactly max_contacts_per_need contacts, then gives up. */
    const char *json =
        "{\"name\": \"cap\", \"horizon_days\": 3, \"seed\": 29, \"max_contacts_per_need\": 3,"
        " \"channels\": [{\"name\": \"phone\", \"kind\": \"voice\","
        "  \"handle_time\": {\"mean_s\": 60}, \"fcr_share\": 0,"
        "  \"daily_volume\": 200, \"agents\": 5}],"
        " \"hopping\": [{\"outcome\": \"unresolved\", \"to\": {\"phone\": 1},"
        "   \"delay\": {\"mean_s\": 60}}]}";
    scenario *scn;
    cc_rep rep;
    run1(json, &scn, &rep);
    const cc_need_totals *n = &rep.needs;
    assert_int_equal(n->resolved, 0);
    assert_true(n->given_up > 400);
    assert_int_equal(n->given_up_max_contacts, n->given_up);
    /* contacts = 3 per ended need, plus those of needs still open at the horizon */
    assert_true(rep.channels[0].arrived >= 3 * n->given_up);
    assert_true(rep.channels[0].arrived <= 3 * (n->given_up + n->open_end));
    done(scn, &rep);
}

static void give_up_share_of_a_hop_rule_should_end_needs(void **state)
{
    (void)state;
    const char *json =
        "{\"name\": \"giveup\", \"horizon_days\": 3, \"seed\": 31,"
        " \"channels\": [{\"name\": \"phone\", \"kind\": \"voice\","
        "  \"handle_time\": {\"mean_s\": 60}, \"fcr_share\": 0,"
        "  \"daily_volume\": 2000, \"agents\": 5}],"
        " \"hopping\": [{\"outcome\": \"unresolved\", \"give_up\": 1}]}";
    scenario *scn;
    cc_rep rep;
    run1(json, &scn, &rep);
    const cc_need_totals *n = &rep.needs;
    assert_int_equal(n->hops[SCENARIO_OUTCOME_UNRESOLVED], 0);
    assert_int_equal(n->give_ups[SCENARIO_OUTCOME_UNRESOLVED], n->given_up);
    assert_int_equal(rep.channels[0].repeat, 0);
    done(scn, &rep);
}

/* ---- callback, overflow, first channel --------------------------------------------------- */

static void callers_accepting_a_callback_should_move_to_the_callback_channel(void **state)
{
    (void)state;
    const char *json =
        "{\"name\": \"callback\", \"horizon_days\": 3, \"seed\": 37,"
        " \"channels\": ["
        "  {\"name\": \"phone\", \"kind\": \"voice\", \"handle_time\": {\"mean_s\": 300},"
        "   \"callback_offer\": {\"channel\": \"cb\", \"after_wait_s\": 30,"
        "   \"accept_share\": 1}, \"daily_volume\": 2600},"
        "  {\"name\": \"cb\", \"kind\": \"callback\", \"handle_time\": {\"mean_s\": 300},"
        "   \"response_target_s\": 3600, \"priority\": 1}],"
        " \"groups\": [{\"name\": \"team\", \"skills\": [\"phone\", \"cb\"], \"agents\": 10}]}";
    scenario *scn;
    cc_rep rep;
    run1(json, &scn, &rep);
    const cc_channel_totals *ph = &rep.channels[0], *cb = &rep.channels[1];
    printf("  offered %llu, transferred %llu, callbacks %llu (answered %llu), max wait %.1f s\n",
           (unsigned long long)ph->arrived, (unsigned long long)ph->transferred,
           (unsigned long long)cb->arrived, (unsigned long long)cb->answered,
           ph->wait_max_s);
    assert_true(ph->transferred > 100);
    assert_int_equal(cb->arrived, ph->transferred);
    assert_int_equal(ph->abandoned, 0);
    /* Everyone still waiting at 30 s accepts: no caller is answered after waiting longer. */
    assert_true(ph->wait_max_s <= 30.0 + 1e-9);
    /* A callback is a continuation, not a new customer contact. */
    assert_int_equal(cb->repeat, 0);
    done(scn, &rep);
}

static void long_waits_should_overflow_to_the_outsourcer(void **state)
{
    (void)state;
    const char *json =
        "{\"name\": \"overflow\", \"horizon_days\": 3, \"seed\": 41,"
        " \"channels\": [{\"name\": \"phone\", \"kind\": \"voice\","
        "  \"handle_time\": {\"mean_s\": 300}, \"daily_volume\": 2400, \"agents\": 8}],"
        " \"outsourcers\": [{\"name\": \"bpo\", \"channels\": [\"phone\"],"
        "  \"mode\": \"overflow\", \"agents\": 4, \"handle_time_factor\": 1.5}],"
        " \"routing\": {\"overflow\": [{\"channel\": \"phone\", \"after_wait_s\": 60,"
        "  \"to_outsourcer\": \"bpo\"}]}}";
    scenario *scn;
    cc_rep rep;
    run1(json, &scn, &rep);
    const cc_channel_totals *ph = &rep.channels[0];
    const cc_pool_totals *bpo = &rep.pools[1];
    printf("  answered %llu, by the outsourcer %llu (%.3f), its mean handle time %.0f s\n",
           (unsigned long long)ph->answered, (unsigned long long)bpo->answered,
           (double)bpo->answered / (double)ph->answered, bpo->work_s / (double)bpo->answered);
    assert_true(bpo->is_outsourcer);
    assert_true(bpo->answered > 50);
    assert_int_equal(ph->outsourced, bpo->answered);
    assert_true(fabs(bpo->work_s / (double)bpo->answered - 450.0) < 60.0);
    /* Nobody waits much longer than the threshold plus an outsourcer's availability. */
    done(scn, &rep);
}

/* A share-mode outsourcer taking phone (08:00-20:00) and e-mail (weekdays 09:00-17:00, arriving
 * round the clock): e-mails that arrive while e-mail is closed wait in the outsourcer's queue
 * for the morning (about 55 on Monday, after the weekend). Its 100 agents carry about 7 Erlang
 * of calls, so even with every waiting e-mail taken at once more than 30 agents stay free: a
 * caller never has to wait, and one who waits or abandons waited behind the e-mails. */
static void outsourcer_calls_should_not_wait_behind_emails_of_a_closed_channel(void **state)
{
    (void)state;
    const char *json =
        "{\"name\": \"bpo-queue\", \"horizon_days\": 7, \"seed\": 43,"
        " \"channels\": ["
        "  {\"name\": \"phone\", \"kind\": \"voice\", \"handle_time\": {\"mean_s\": 300},"
        "   \"patience\": {\"mean_s\": 120},"
        "   \"hours\": {\"all\": [[\"08:00\", \"20:00\"]]}, \"daily_volume\": 1000,"
        "   \"intraday\": [" "%s" "]},"
        "  {\"name\": \"email\", \"kind\": \"deferred\", \"handle_time\": {\"mean_s\": 300},"
        "   \"response_target_s\": 86400,"
        "   \"hours\": {\"weekdays\": [[\"09:00\", \"17:00\"]]}, \"daily_volume\": 20}],"
        " \"outsourcers\": [{\"name\": \"bpo\", \"channels\": [\"phone\", \"email\"],"
        "  \"mode\": \"share\", \"share\": 1, \"agents\": 100}]}";
    /* Phone volume only while phone is open: 48 equal intervals 08:00-20:00. */
    char intraday[96 * 8], json_buf[4096];
    size_t at = 0;
    for (int i = 0; i < 96; i++)
        at += (size_t)snprintf(intraday + at, sizeof intraday - at, "%s%s", i ? "," : "",
                               i >= 32 && i < 80 ? "1" : "0");
    snprintf(json_buf, sizeof json_buf, json, intraday);
    scenario *scn;
    cc_rep rep;
    run1(json_buf, &scn, &rep);
    const cc_channel_totals *ph = &rep.channels[0], *em = &rep.channels[1];
    const cc_pool_totals *bpo = &rep.pools[0];
    double sl = (double)ph->answered_within / (double)(ph->answered + ph->abandoned);
    printf("  phone: offered %llu, answered %llu, abandoned %llu, SL %.4f, max wait %.1f s;"
           " e-mail answered %llu, backlog at the end %.0f; outsourcer occupancy %.3f\n",
           (unsigned long long)ph->arrived, (unsigned long long)ph->answered,
           (unsigned long long)ph->abandoned, sl, ph->wait_max_s,
           (unsigned long long)em->answered, em->backlog_end, bpo->occupancy);
    assert_true(bpo->is_outsourcer);
    assert_true(ph->arrived > 6000);
    assert_int_equal(ph->outsourced, ph->answered);
    /* The weekend's e-mails (Saturday and Sunday closed) sat in the outsourcer's queue for
     * two days while calls came in: none of them may wait behind the e-mails. */
    assert_true(em->answered > 100);
    assert_int_equal(ph->abandoned, 0);
    assert_int_equal(bpo->abandoned, 0);
    assert_true(sl == 1.0);
    assert_true(ph->wait_max_s == 0.0);
    /* The e-mails still waiting at the outsourcer (the weekend's) are the channel's backlog. */
    assert_true(em->backlog_end > 20.0);
    assert_true(em->backlog_end == (double)rep.accounting[1].in_system);
    assert_true(em->backlog_mean > 0.0);
    done(scn, &rep);
}

static void first_channel_should_be_drawn_among_open_channels_only(void **state)
{
    (void)state;
    const char *json =
        "{\"name\": \"open-only\", \"horizon_days\": 2, \"seed\": 43,"
        " \"channels\": ["
        "  {\"name\": \"phone\", \"kind\": \"voice\", \"handle_time\": {\"mean_s\": 300},"
        "   \"hours\": {\"all\": [[\"09:00\", \"17:00\"]]}, \"agents\": 10},"
        "  {\"name\": \"email\", \"kind\": \"deferred\", \"handle_time\": {\"mean_s\": 300},"
        "   \"agents\": 5}],"
        " \"demand\": {\"mode\": \"by_segment\", \"daily_volume\": 2000},"
        " \"segments\": [{\"name\": \"all\", \"share\": 1,"
        "  \"preference\": {\"phone\": 0.5, \"email\": 0.5}}]}";
    scenario *scn;
    cc_rep rep;
    run1(json, &scn, &rep);
    const cc_channel_totals *ph = &rep.channels[0], *em = &rep.channels[1];
    printf("  phone %llu, e-mail %llu, phone lost %llu\n", (unsigned long long)ph->arrived,
           (unsigned long long)em->arrived, (unsigned long long)ph->lost_closed);
    assert_int_equal(ph->lost_closed, 0);
    /* Phone gets half of the 8 open hours' needs: 2000 x 8/24 x 0.5 x 2 days = 667. */
    assert_true(fabs((double)ph->arrived - 666.7) < 120.0);
    assert_true(em->arrived > 3000);
    done(scn, &rep);
}

static void without_a_shape_calls_should_arrive_uniformly_over_the_opening_hours(void **state)
{
    (void)state;
    /* No intraday profile, when_closed "lost" (the voice default), open 08:00-18:00 on
     * weekdays and weekday weights 0 at the weekend: every call arrives while open, none is
     * lost, and each of the 40 open quarter-hours of a day gets 1/40 of the day. */
    const char *json =
        "{\"name\": \"spread\", \"horizon_days\": 14, \"seed\": 61,"
        " \"channels\": [{\"name\": \"phone\", \"kind\": \"voice\","
        "  \"handle_time\": {\"mean_s\": 300}, \"daily_volume\": 2000,"
        "  \"weekday\": [1, 1, 1, 1, 1, 0, 0],"
        "  \"hours\": {\"weekdays\": [[\"08:00\", \"18:00\"]]}, \"agents\": 60}]}";
    scenario *scn;
    cc_rep rep;
    run1(json, &scn, &rep);
    size_t ipd = scn->intervals_per_day;
    double slot[40] = {0}, closed = 0.0, total = 0.0;
    for (size_t d = 0; d < 14; d++)
        for (size_t i = 0; i < ipd; i++) {
            double x = *cc_rep_iv(&rep, d * ipd + i, 0, CC_IV_ARRIVED);
            total += x;
            if (d % 7 < 5 && i >= 32 && i < 72)
                slot[i - 32] += x;
            else
                closed += x;
        }
    printf("  arrived %.0f (expected 28000), in closed intervals %.0f, lost %llu\n", total,
           closed, (unsigned long long)rep.channels[0].lost_closed);
    assert_int_equal(rep.channels[0].lost_closed, 0);
    assert_true(closed == 0.0);
    /* Poisson total: 99.9% two-sided band, 3.29 standard deviations. */
    assert_true(fabs(total - 28000.0) < 3.29 * sqrt(28000.0));
    /* Equal shares of the 40 open quarter-hours (10 days each, ~700): chi-square goodness of
     * fit given the total, 39 degrees of freedom, rejected at the 99.9% level. */
    double chi2 = 0.0, e = total / 40.0;
    for (size_t k = 0; k < 40; k++)
        chi2 += (slot[k] - e) * (slot[k] - e) / e;
    double crit = gsl_cdf_chisq_Qinv(0.001, 39.0);
    printf("  chi-square over the open quarter-hours %.1f (99.9%% critical value %.1f)\n", chi2,
           crit);
    assert_true(chi2 < crit);
    done(scn, &rep);
}

static void overdispersion_should_widen_day_to_day_variation(void **state)
{
    (void)state;
    double ratio[2];
    for (int k = 0; k < 2; k++) {
        char json[1024];
        snprintf(json, sizeof json,
                 "{\"name\": \"od\", \"horizon_days\": 60, \"seed\": 47,"
                 " \"demand\": {\"overdispersion_cv\": %s},"
                 " \"channels\": [{\"name\": \"self\", \"kind\": \"self_service\","
                 "  \"handle_time\": {\"mean_s\": 10}, \"resolve_share\": 1,"
                 "  \"daily_volume\": 1000}]}",
                 k == 0 ? "0" : "0.2");
        scenario *scn;
        cc_rep rep;
        run1(json, &scn, &rep);
        double sum = 0, sum2 = 0;
        size_t ipd = scn->intervals_per_day;
        for (size_t d = 0; d < 60; d++) {
            double x = 0;
            for (size_t i = 0; i < ipd; i++)
                x += *cc_rep_iv(&rep, d * ipd + i, 0, CC_IV_ARRIVED);
            sum += x;
            sum2 += x * x;
        }
        double mean = sum / 60.0, var = (sum2 - 60.0 * mean * mean) / 59.0;
        ratio[k] = var / mean;
        done(scn, &rep);
    }
    /* Poisson: variance/mean 1. Gamma CV 0.2 on 1000 a day: 1 + 1000 x 0.04 = 41. */
    printf("  variance/mean of daily counts: Poisson %.2f, gamma-Poisson %.2f\n", ratio[0],
           ratio[1]);
    assert_true(ratio[0] > 0.4 && ratio[0] < 2.0);
    assert_true(ratio[1] > 15.0);
}

/* ---- accounting and reproducibility ------------------------------------------------------ */

static void every_contact_of_the_default_scenario_should_be_accounted_for(void **state)
{
    (void)state;
    scenario *scn = NULL;
    assert_int_equal(scenario_load_default(NULL, &scn, NULL), SIM_OK);
    cc_rep rep;
    sim_error err;
    assert_int_equal(cc_model_run(scn, NULL, 0, &rep, &err), SIM_OK);
    uint64_t arrived = 0, in_system = 0;
    for (size_t c = 0; c < rep.n_channels; c++) {
        const cc_accounting *a = &rep.accounting[c];
        assert_int_equal(a->arrived,
                         a->handled + a->abandoned + a->lost_closed + a->transferred + a->in_system);
        arrived += a->arrived;
        in_system += a->in_system;
    }
    printf("  %llu contacts, %llu still in the system at the horizon\n",
           (unsigned long long)arrived, (unsigned long long)in_system);
    assert_true(arrived > 50000);
    assert_int_equal(cc_rep_check(&rep, scn, &err), SIM_OK);
    /* A broken balance is caught, with the channel named. */
    rep.accounting[1].handled++;
    assert_int_equal(cc_rep_check(&rep, scn, &err), SIM_ESTATE);
    assert_non_null(strstr(err.message, scn->channels[1].name));
    rep.accounting[1].handled--;
    rep.needs.resolved++;
    assert_int_equal(cc_rep_check(&rep, scn, &err), SIM_ESTATE);
    done(scn, &rep);
}

static int reps_equal(const cc_rep *a, const cc_rep *b, const scenario *scn);

/* The shipped example of the queue's entrance and exit (lines, balking, a maximum time in
 * queue that leaves voicemails): every contact is accounted for with the new outcomes, each
 * of them happens, a broken balance of one of them is caught, and results are identical on
 * one and two threads. */
static void every_contact_of_the_queue_entrance_example_should_be_accounted_for(void **state)
{
    (void)state;
    scenario *scn = NULL;
    assert_int_equal(scenario_load_file(OMNISIM_SOURCE_DIR
                                        "/scenarios/examples/queue-entrance.json",
                                        NULL, &scn, NULL),
                     SIM_OK);
    cc_rep one[2], two[2];
    sim_error err;
    assert_int_equal(cc_model_run_replications(scn, NULL, 2, 1, NULL, NULL, NULL, one, &err),
                     SIM_OK);
    assert_int_equal(cc_model_run_replications(scn, NULL, 2, 2, NULL, NULL, NULL, two, &err),
                     SIM_OK);
    const cc_accounting *ph = &one[0].accounting[0], *vm = &one[0].accounting[1];
    for (size_t c = 0; c < one[0].n_channels; c++) {
        const cc_accounting *a = &one[0].accounting[c];
        assert_int_equal(a->arrived, a->handled + a->abandoned + a->lost_closed +
                                         a->transferred + a->blocked + a->balked +
                                         a->timed_out + a->unreached + a->in_system);
    }
    printf("  phone: %llu arrived, %llu blocked, %llu balked, %llu timed out; %llu voicemails\n",
           (unsigned long long)ph->arrived, (unsigned long long)ph->blocked,
           (unsigned long long)ph->balked, (unsigned long long)ph->timed_out,
           (unsigned long long)vm->arrived);
    assert_true(ph->blocked > 0 && ph->balked > 0 && ph->timed_out > 0);
    assert_int_equal(vm->arrived, ph->timed_out); /* every timed-out caller left a message */
    for (int r = 0; r < 2; r++)
        assert_true(reps_equal(&one[r], &two[r], scn));
    one[0].accounting[0].balked++;
    assert_int_equal(cc_rep_check(&one[0], scn, &err), SIM_ESTATE);
    assert_non_null(strstr(err.message, "balked"));
    for (int r = 0; r < 2; r++) {
        cc_rep_fini(&one[r]);
        cc_rep_fini(&two[r]);
    }
    scenario_free(scn);
}

static int reps_equal(const cc_rep *a, const cc_rep *b, const scenario *scn)
{
    if (a->n_intervals != b->n_intervals)
        return 0;
    size_t nv = a->channel_series.n_intervals * a->channel_series.n_fields;
    size_t np = a->pool_series.n_intervals * a->pool_series.n_fields;
    if (memcmp(a->channel_series.values, b->channel_series.values, nv * sizeof(double)) != 0 ||
        memcmp(a->pool_series.values, b->pool_series.values, np * sizeof(double)) != 0)
        return 0;
    cc_kpis ka, kb;
    sim_error err;
    if (cc_kpis_from_rep(&ka, a, scn, &err) != SIM_OK || cc_kpis_from_rep(&kb, b, scn, &err) != SIM_OK)
        return 0;
    int same = ka.n == kb.n && memcmp(ka.values, kb.values, ka.n * sizeof(double)) == 0;
    cc_kpis_fini(&ka);
    cc_kpis_fini(&kb);
    return same && a->model_events == b->model_events;
}

static void same_seed_should_give_identical_results_on_one_or_two_threads(void **state)
{
    (void)state;
    scenario *scn = NULL;
    assert_int_equal(scenario_load_default(NULL, &scn, NULL), SIM_OK);
    cc_rep one[3], two[3], again[1];
    sim_error err;
    assert_int_equal(cc_model_run_replications(scn, NULL, 3, 1, NULL, NULL, NULL, one, &err),
                     SIM_OK);
    assert_int_equal(cc_model_run_replications(scn, NULL, 3, 2, NULL, NULL, NULL, two, &err),
                     SIM_OK);
    assert_int_equal(cc_model_run(scn, NULL, 1, &again[0], &err), SIM_OK);
    for (int r = 0; r < 3; r++)
        assert_true(reps_equal(&one[r], &two[r], scn));
    assert_true(reps_equal(&one[1], &again[0], scn));
    /* Different replications differ. */
    assert_false(reps_equal(&one[0], &one[1], scn));
    /* Another seed differs. */
    cc_options opts;
    cc_options_default(&opts);
    opts.use_seed = 1;
    opts.seed_override = scn->seed + 1;
    cc_rep other;
    assert_int_equal(cc_model_run(scn, &opts, 0, &other, &err), SIM_OK);
    assert_false(reps_equal(&one[0], &other, scn));
    cc_rep_fini(&other);
    for (int r = 0; r < 3; r++) {
        cc_rep_fini(&one[r]);
        cc_rep_fini(&two[r]);
    }
    cc_rep_fini(&again[0]);
    scenario_free(scn);
}

/* The full model through every calendar of the type list (sim_calendar_types_setup) must
 * give byte-identical results: the event order is fixed by (time, priority, sequence), never
 * by a calendar's internals (STYLE 25). Checked on the default scenario (the online retailer:
 * segments, hopping, chat, backlog, callbacks, self-service) and on the life-cycle golden
 * scenario (abandon, retrial, overflow to an outsourcer, at_close): the packed replication
 * (series, totals, quantiles, kernel counters) byte for byte, and a 64-bit FNV-1a hash of
 * every traced event's fields. */
typedef struct trace_hash {
    uint64_t h;
    uint64_t n;
} trace_hash;

static void hash_bytes(trace_hash *t, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        t->h ^= b[i];
        t->h *= 0x100000001b3ULL;
    }
}

static void hash_event(void *ctx, const cc_trace_event *ev)
{
    trace_hash *t = ctx;
    uint64_t u[8] = {ev->replication, (uint64_t)ev->kind, ev->contact, ev->need, ev->segment,
                     ev->channel, ev->to_channel, (uint64_t)(int64_t)ev->outcome};
    double d[3] = {ev->time_s, ev->wait_s, ev->duration_s};
    hash_bytes(t, u, sizeof u);
    hash_bytes(t, d, sizeof d);
    hash_bytes(t, ev->pool != NULL ? ev->pool : "", ev->pool != NULL ? strlen(ev->pool) : 0);
    t->n++;
}

/* Replication `replication` of scn on `calendar` (seed override `seed` when nonzero): its
 * packed bytes into *packed (caller frees with sim_buf_fini) and its trace hash. */
static void run_packed(const scenario *scn, const sim_calendar_type *calendar,
                       uint64_t replication, uint64_t seed, sim_buf *packed, trace_hash *th)
{
    cc_options opts;
    cc_options_default(&opts);
    opts.calendar = calendar;
    opts.trace = hash_event;
    opts.trace_ctx = th;
    opts.use_seed = seed != 0;
    opts.seed_override = seed;
    th->h = 0xcbf29ce484222325ULL;
    th->n = 0;
    cc_rep rep;
    sim_error err;
    sim_error_clear(&err);
    sim_status st = cc_model_run(scn, &opts, replication, &rep, &err);
    if (st != SIM_OK)
        fprintf(stderr, "run on %s failed: %s: %s\n", calendar->name, err.path, err.message);
    assert_int_equal(st, SIM_OK);
    sim_buf_init(packed);
    cc_rep_pack(&rep, packed);
    assert_int_equal(sim_buf_status(packed), SIM_OK);
    cc_rep_fini(&rep);
}

static void calendars_should_agree(const scenario *scn, const char *what)
{
    const sim_calendar_type *const *types = sim_calendar_types_setup();
    size_t n_types = 0;
    while (types[n_types] != NULL)
        n_types++;
    assert_true(n_types >= 2);
    for (uint64_t r = 0; r < 2; r++) {
        sim_buf ref;
        trace_hash ref_trace;
        run_packed(scn, types[0], r, 0, &ref, &ref_trace);
        printf("  %s, replication %llu: %zu packed bytes, %llu traced events on %s\n", what,
               (unsigned long long)r, ref.len, (unsigned long long)ref_trace.n, types[0]->name);
        assert_true(ref_trace.n > 100);
        for (size_t k = 1; k < n_types; k++) {
            sim_buf b;
            trace_hash t;
            run_packed(scn, types[k], r, 0, &b, &t);
            assert_int_equal(b.len, ref.len);
            assert_memory_equal(b.data, ref.data, ref.len);
            assert_int_equal(t.n, ref_trace.n);
            assert_true(t.h == ref_trace.h);
            sim_buf_fini(&b);
        }
        /* The comparison can fail: another seed gives other bytes and another trace. */
        sim_buf other;
        trace_hash other_trace;
        run_packed(scn, types[n_types - 1], r, scn->seed + 1, &other, &other_trace);
        assert_true(other.len != ref.len || memcmp(other.data, ref.data, ref.len) != 0);
        assert_true(other_trace.h != ref_trace.h);
        sim_buf_fini(&other);
        sim_buf_fini(&ref);
    }
}

static void every_calendar_should_give_byte_identical_results(void **state)
{
    (void)state;
    scenario *scn = NULL;
    assert_int_equal(scenario_load_default(NULL, &scn, NULL), SIM_OK);
    calendars_should_agree(scn, "default scenario");
    scenario_free(scn);
    assert_int_equal(scenario_load_file(OMNISIM_SOURCE_DIR "/tests/golden/life-cycle/scenario.json",
                                        NULL, &scn, NULL),
                     SIM_OK);
    calendars_should_agree(scn, "life-cycle scenario");
    scenario_free(scn);
}

static void folded_intervals_should_sum_to_the_same_totals(void **state)
{
    (void)state;
    scenario *scn = NULL;
    assert_int_equal(scenario_load_default(NULL, &scn, NULL), SIM_OK);
    cc_options opts;
    cc_options_default(&opts);
    opts.intervals = CC_INTERVALS_WEEK;
    cc_rep full, week;
    sim_error err;
    assert_int_equal(cc_model_run(scn, NULL, 0, &full, &err), SIM_OK);
    assert_int_equal(cc_model_run(scn, &opts, 0, &week, &err), SIM_OK);
    assert_int_equal(week.n_intervals, 7 * scn->intervals_per_day);
    for (size_t c = 0; c < full.n_channels; c++) {
        assert_int_equal(full.channels[c].arrived, week.channels[c].arrived);
        assert_int_equal(full.channels[c].answered, week.channels[c].answered);
    }
    cc_rep_fini(&full);
    cc_rep_fini(&week);
    scenario_free(scn);
}

static void folded_rows_should_be_the_mean_over_the_weeks_that_hold_them(void **state)
{
    (void)state;
    /* The default scenario over 10 days from Monday with a one-day warm-up: the folded
     * summary row of an interval is the mean of that interval over the days that hold it
     * after the warm-up (Monday once, Tuesday to Wednesday twice, Thursday to Sunday once),
     * for the counts and the end-of-interval backlog alike; the same trajectories (one seed)
     * run unfolded give the days to average. */
    scenario_load_opts lo = {NULL, 0, (const char *[]){"horizon_days=10", "warmup_s=86400"},
                             2, NULL, NULL, 0};
    scenario *scn = NULL;
    assert_int_equal(scenario_load_default(&lo, &scn, NULL), SIM_OK);
    cc_options opts;
    cc_options_default(&opts);
    opts.intervals = CC_INTERVALS_WEEK;
    cc_rep full, week;
    sim_error err;
    assert_int_equal(cc_model_run(scn, NULL, 0, &full, &err), SIM_OK);
    assert_int_equal(cc_model_run(scn, &opts, 0, &week, &err), SIM_OK);
    cc_summary *sf = cc_summary_new(&full, 1, scn, 0.95, &err);
    cc_summary *sw = cc_summary_new(&week, 1, scn, 0.95, &err);
    assert_non_null(sf);
    assert_non_null(sw);
    size_t ipd = scn->intervals_per_day, nc = scn->n_channels;
    const cc_ik fields[] = {CC_IK_OFFERED, CC_IK_ANSWERED, CC_IK_ABANDONED, CC_IK_BACKLOG_END};
    size_t email = scenario_find_channel(scn, "email");
    double tuesday_backlog = 0.0, summed = 0.0;
    for (size_t k = 0; k < 7 * ipd; k++) {
        for (size_t c = 0; c < nc; c++) {
            for (size_t f = 0; f < sizeof fields / sizeof fields[0]; f++) {
                double sum = 0.0;
                size_t n = 0;
                for (size_t d = k / ipd; d < 10; d += 7) {
                    if (d == 0)
                        continue; /* the warm-up day */
                    sum += sf->intervals[((d * ipd + k % ipd) * nc + c) * CC_IK_COUNT + fields[f]]
                               .mean;
                    n++;
                }
                double got = sw->intervals[(k * nc + c) * CC_IK_COUNT + fields[f]].mean;
                assert_int_equal(n, hours_fold_count(scn, k));
                assert_true(fabs(got - sum / (double)n) <= 1e-9 * (1.0 + fabs(got)));
                if (c == email && fields[f] == CC_IK_BACKLOG_END && k == 1 * ipd + 36) {
                    tuesday_backlog = got; /* Tuesday 09:00, two weeks */
                    summed = sum;
                }
            }
        }
    }
    printf("  e-mail backlog at Tuesday 09:00: folded %.1f, sum of the two Tuesdays %.1f\n",
           tuesday_backlog, summed);
    assert_true(summed > 0.0 && fabs(tuesday_backlog - summed / 2.0) < 1e-9 * summed);
    cc_summary_free(sf);
    cc_summary_free(sw);
    cc_rep_fini(&full);
    cc_rep_fini(&week);
    scenario_free(scn);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(chat_agents_should_hold_up_to_concurrency_chats_at_once),
        cmocka_unit_test(chat_handle_time_should_stretch_with_the_number_of_chats_held),
        cmocka_unit_test(deferred_backlog_should_carry_over_closed_hours_and_days),
        cmocka_unit_test(closed_channel_should_lose_contacts_arriving_outside_opening_hours),
        cmocka_unit_test(closed_channel_with_hop_should_send_contacts_to_the_hop_channel),
        cmocka_unit_test(closed_voice_with_wait_should_queue_at_the_next_opening),
        cmocka_unit_test(callers_queued_at_closing_should_be_served_by_the_agents_present),
        cmocka_unit_test(callers_queued_at_closing_with_hold_should_wait_for_the_next_opening),
        cmocka_unit_test(callers_queued_at_closing_with_abandon_should_be_counted_and_hop),
        cmocka_unit_test(callers_queued_at_closing_with_callback_should_be_offered_one),
        cmocka_unit_test(abandoned_calls_should_retry_or_hop_as_the_rules_say),
        cmocka_unit_test(unresolved_contacts_should_come_back_at_one_minus_fcr),
        cmocka_unit_test(unanswered_emails_should_become_calls_and_stay_in_the_backlog),
        cmocka_unit_test(failed_self_service_should_hop_and_resolved_should_end_the_need),
        cmocka_unit_test(needs_should_be_given_up_after_max_contacts),
        cmocka_unit_test(give_up_share_of_a_hop_rule_should_end_needs),
        cmocka_unit_test(callers_accepting_a_callback_should_move_to_the_callback_channel),
        cmocka_unit_test(long_waits_should_overflow_to_the_outsourcer),
        cmocka_unit_test(outsourcer_calls_should_not_wait_behind_emails_of_a_closed_channel),
        cmocka_unit_test(first_channel_should_be_drawn_among_open_channels_only),
        cmocka_unit_test(without_a_shape_calls_should_arrive_uniformly_over_the_opening_hours),
        cmocka_unit_test(overdispersion_should_widen_day_to_day_variation),
        cmocka_unit_test(every_contact_of_the_default_scenario_should_be_accounted_for),
        cmocka_unit_test(every_contact_of_the_queue_entrance_example_should_be_accounted_for),
        cmocka_unit_test(same_seed_should_give_identical_results_on_one_or_two_threads),
        cmocka_unit_test(every_calendar_should_give_byte_identical_results),
        cmocka_unit_test(folded_intervals_should_sum_to_the_same_totals),
        cmocka_unit_test(folded_rows_should_be_the_mean_over_the_weeks_that_hold_them),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
