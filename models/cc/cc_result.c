/* cc_result.c -- see cc_result.h. */
#include "cc_result.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cc_route.h"
#include "hours.h"
#include "sim_alloc.h"
#include "sim_assert.h"

/* CC_NAN is a float constant; every use here is a double. */
#define CC_NAN ((double)NAN)


sim_status cc_rep_init(cc_rep *rep, size_t n_channels, size_t n_segments, size_t n_pools,
                       double interval_s, size_t n_intervals, sim_error *err)
{
    memset(rep, 0, sizeof *rep);
    rep->n_channels = n_channels;
    rep->n_segments = n_segments;
    rep->n_pools = n_pools;
    rep->interval_s = interval_s;
    rep->n_intervals = n_intervals;
    if (sim_series_init(&rep->channel_series, 0.0, interval_s, n_intervals,
                        n_channels * CC_IV_COUNT) != 0 ||
        sim_series_init(&rep->pool_series, 0.0, interval_s, n_intervals,
                        (n_pools > 0 ? n_pools : 1) * CC_PV_COUNT) != 0)
        goto nomem;
    rep->channels = sim_calloc(n_channels, sizeof *rep->channels);
    rep->accounting = sim_calloc(n_channels, sizeof *rep->accounting);
    rep->pools = sim_calloc(n_pools > 0 ? n_pools : 1, sizeof *rep->pools);
    rep->segments = sim_calloc(n_segments, sizeof *rep->segments);
    if (rep->channels == NULL || rep->accounting == NULL || rep->pools == NULL ||
        rep->segments == NULL)
        goto nomem;
    for (size_t c = 0; c < n_channels; c++) {
        rep->channels[c].waits =
            sim_histogram_new(CC_HIST_RESOLUTION_S, CC_HIST_SUB_BITS, CC_HIST_OCTAVES);
        if (rep->channels[c].waits == NULL)
            goto nomem;
    }
    rep->needs.resolution =
        sim_histogram_new(CC_HIST_RESOLUTION_S, CC_HIST_SUB_BITS, CC_HIST_OCTAVES);
    if (rep->needs.resolution == NULL)
        goto nomem;
    return SIM_OK;
nomem:
    cc_rep_fini(rep);
    return sim_error_set(err, SIM_ENOMEM, "", "out of memory allocating results (%zu intervals)",
                         n_intervals);
}

static double quantile(const sim_histogram *h, double q);

void cc_rep_seal(cc_rep *rep)
{
    for (size_t c = 0; c < rep->n_channels; c++) {
        cc_channel_totals *t = &rep->channels[c];
        if (t->waits == NULL)
            continue;
        t->wait_p50_s = quantile(t->waits, 0.5);
        t->wait_p90_s = quantile(t->waits, 0.9);
        t->wait_p95_s = quantile(t->waits, 0.95);
        t->wait_max_s = quantile(t->waits, 1.0);
        sim_histogram_free(t->waits);
        t->waits = NULL;
    }
    if (rep->needs.resolution != NULL) {
        rep->needs.resolution_p90_s = quantile(rep->needs.resolution, 0.9);
        sim_histogram_free(rep->needs.resolution);
        rep->needs.resolution = NULL;
    }
}

void cc_rep_fini(cc_rep *rep)
{
    if (rep == NULL)
        return;
    sim_series_fini(&rep->channel_series);
    sim_series_fini(&rep->pool_series);
    if (rep->channels != NULL) {
        for (size_t c = 0; c < rep->n_channels; c++)
            sim_histogram_free(rep->channels[c].waits);
    }
    sim_histogram_free(rep->needs.resolution);
    sim_free(rep->channels);
    sim_free(rep->accounting);
    sim_free(rep->pools);
    sim_free(rep->segments);
    memset(rep, 0, sizeof *rep);
}

/* Packed layout: the shape, the two series, then each array of plain totals as raw bytes
 * (the receiving process runs the same binary, so layouts agree), with each histogram after
 * the struct that points to it, behind a 0/1 flag (a sealed replication has none; the
 * pointer bytes travel but are replaced on unpack by the receiver's own). */
static void pack_histogram(const sim_histogram *h, sim_buf *b)
{
    sim_buf_put_u64(b, h != NULL);
    if (h != NULL)
        sim_histogram_pack(h, b);
}

/* Read what pack_histogram wrote into *h (allocated by cc_rep_init): freed when the sender
 * had none. Returns 1 on success. */
static int unpack_histogram(sim_histogram **h, sim_buf_reader *r)
{
    uint64_t present = sim_buf_get_u64(r);
    if (r->failed || present > 1)
        return 0;
    if (present)
        return sim_histogram_unpack(*h, r);
    sim_histogram_free(*h);
    *h = NULL;
    return 1;
}

void cc_rep_pack(const cc_rep *rep, sim_buf *b)
{
    sim_buf_put_u64(b, rep->replication);
    sim_buf_put_u64(b, (uint64_t)rep->n_channels);
    sim_buf_put_u64(b, (uint64_t)rep->n_segments);
    sim_buf_put_u64(b, (uint64_t)rep->n_pools);
    sim_buf_put_f64(b, rep->interval_s);
    sim_buf_put_u64(b, (uint64_t)rep->n_intervals);
    sim_buf_put_u64(b, (uint64_t)rep->folded);
    sim_buf_put_f64(b, rep->stats_start_s);
    sim_buf_put_f64(b, rep->stats_end_s);
    sim_series_pack(&rep->channel_series, b);
    sim_series_pack(&rep->pool_series, b);
    for (size_t c = 0; c < rep->n_channels; c++) {
        sim_buf_put_bytes(b, &rep->channels[c], sizeof rep->channels[c]);
        pack_histogram(rep->channels[c].waits, b);
    }
    sim_buf_put_bytes(b, rep->accounting, rep->n_channels * sizeof *rep->accounting);
    sim_buf_put_bytes(b, rep->pools, rep->n_pools * sizeof *rep->pools);
    sim_buf_put_bytes(b, rep->segments, rep->n_segments * sizeof *rep->segments);
    sim_buf_put_bytes(b, &rep->needs, sizeof rep->needs);
    pack_histogram(rep->needs.resolution, b);
    sim_buf_put_u64(b, rep->model_events);
    sim_buf_put_u64(b, (uint64_t)rep->peak_contacts);
    sim_buf_put_u64(b, (uint64_t)rep->peak_needs);
    sim_buf_put_u64(b, (uint64_t)rep->pool_bytes);
    sim_buf_put_bytes(b, &rep->env, sizeof rep->env);
}

sim_status cc_rep_unpack(cc_rep *rep, sim_buf_reader *r, sim_error *err)
{
    uint64_t replication = sim_buf_get_u64(r);
    uint64_t n_channels = sim_buf_get_u64(r), n_segments = sim_buf_get_u64(r);
    uint64_t n_pools = sim_buf_get_u64(r);
    double interval_s = sim_buf_get_f64(r);
    uint64_t n_intervals = sim_buf_get_u64(r);
    if (r->failed || n_channels > SCENARIO_MAX_CHANNELS || n_segments > SCENARIO_MAX_SEGMENTS ||
        n_pools > SCENARIO_MAX_GROUPS + SCENARIO_MAX_OUTSOURCERS + 1 || !(interval_s > 0.0) ||
        n_intervals > (uint64_t)SCENARIO_MAX_HORIZON_DAYS * 86400u)
        return sim_error_set(err, SIM_EIO, "mpi", "malformed replication header");
    sim_status st = cc_rep_init(rep, (size_t)n_channels, (size_t)n_segments, (size_t)n_pools,
                                interval_s, (size_t)n_intervals, err);
    if (st != SIM_OK)
        return st;
    rep->replication = replication;
    rep->folded = (int)sim_buf_get_u64(r);
    rep->stats_start_s = sim_buf_get_f64(r);
    rep->stats_end_s = sim_buf_get_f64(r);
    int ok = sim_series_unpack(&rep->channel_series, r) && sim_series_unpack(&rep->pool_series, r);
    for (size_t c = 0; ok && c < rep->n_channels; c++) {
        sim_histogram *waits = rep->channels[c].waits;
        sim_buf_get_bytes(r, &rep->channels[c], sizeof rep->channels[c]);
        rep->channels[c].waits = waits;
        ok = unpack_histogram(&rep->channels[c].waits, r);
    }
    if (ok) {
        sim_buf_get_bytes(r, rep->accounting, rep->n_channels * sizeof *rep->accounting);
        sim_buf_get_bytes(r, rep->pools, rep->n_pools * sizeof *rep->pools);
        sim_buf_get_bytes(r, rep->segments, rep->n_segments * sizeof *rep->segments);
        sim_histogram *resolution = rep->needs.resolution;
        sim_buf_get_bytes(r, &rep->needs, sizeof rep->needs);
        rep->needs.resolution = resolution;
        ok = unpack_histogram(&rep->needs.resolution, r);
    }
    rep->model_events = sim_buf_get_u64(r);
    rep->peak_contacts = (size_t)sim_buf_get_u64(r);
    rep->peak_needs = (size_t)sim_buf_get_u64(r);
    rep->pool_bytes = (size_t)sim_buf_get_u64(r);
    sim_buf_get_bytes(r, &rep->env, sizeof rep->env);
    if (!ok || r->failed || r->pos != r->len) {
        cc_rep_fini(rep);
        return sim_error_set(err, SIM_EIO, "mpi", "malformed replication %llu",
                             (unsigned long long)replication);
    }
    return SIM_OK;
}

double *cc_rep_iv(const cc_rep *rep, size_t interval, size_t channel, cc_iv_field f)
{
    return sim_series_at(&rep->channel_series, interval, channel * CC_IV_COUNT + (size_t)f);
}

double *cc_rep_pv(const cc_rep *rep, size_t interval, size_t pool, cc_pv_field f)
{
    return sim_series_at(&rep->pool_series, interval, pool * CC_PV_COUNT + (size_t)f);
}

void cc_rep_total(cc_rep *r, const double *shrinkage)
{
    for (size_t i = 0; i < r->n_intervals; i++) {
        for (size_t c = 0; c < r->n_channels; c++) {
            cc_channel_totals *t = &r->channels[c];
            t->arrived += (uint64_t)*cc_rep_iv(r, i, c, CC_IV_ARRIVED);
            t->repeat += (uint64_t)*cc_rep_iv(r, i, c, CC_IV_REPEAT);
            t->answered += (uint64_t)*cc_rep_iv(r, i, c, CC_IV_ANSWERED);
            t->answered_within += (uint64_t)*cc_rep_iv(r, i, c, CC_IV_ANSWERED_WITHIN);
            t->outsourced += (uint64_t)*cc_rep_iv(r, i, c, CC_IV_OUTSOURCED);
            t->abandoned += (uint64_t)*cc_rep_iv(r, i, c, CC_IV_ABANDONED);
            t->lost_closed += (uint64_t)*cc_rep_iv(r, i, c, CC_IV_LOST_CLOSED);
            t->lost_closed_repeat += (uint64_t)*cc_rep_iv(r, i, c, CC_IV_LOST_CLOSED_REPEAT);
            t->transferred += (uint64_t)*cc_rep_iv(r, i, c, CC_IV_TRANSFERRED);
            t->unanswered += (uint64_t)*cc_rep_iv(r, i, c, CC_IV_UNANSWERED);
            t->resolved += (uint64_t)*cc_rep_iv(r, i, c, CC_IV_RESOLVED);
            t->unresolved += (uint64_t)*cc_rep_iv(r, i, c, CC_IV_UNRESOLVED);
            t->abandoned_within += (uint64_t)*cc_rep_iv(r, i, c, CC_IV_ABANDONED_WITHIN);
            t->blocked += (uint64_t)*cc_rep_iv(r, i, c, CC_IV_BLOCKED);
            t->balked += (uint64_t)*cc_rep_iv(r, i, c, CC_IV_BALKED);
            t->timed_out += (uint64_t)*cc_rep_iv(r, i, c, CC_IV_TIMED_OUT);
            t->unreached += (uint64_t)*cc_rep_iv(r, i, c, CC_IV_UNREACHED);
            t->failed_attempts += (uint64_t)*cc_rep_iv(r, i, c, CC_IV_FAILED_ATTEMPTS);
            t->wait_s += *cc_rep_iv(r, i, c, CC_IV_WAIT_S);
            t->abandon_wait_s += *cc_rep_iv(r, i, c, CC_IV_ABANDON_WAIT_S);
            t->work_s += *cc_rep_iv(r, i, c, CC_IV_WORK_S);
            t->wrap_s += *cc_rep_iv(r, i, c, CC_IV_WRAP_S);
            t->transferred_on += (uint64_t)*cc_rep_iv(r, i, c, CC_IV_TRANSFERRED_ON);
            t->transfer_in += (uint64_t)*cc_rep_iv(r, i, c, CC_IV_TRANSFER_IN);
            t->conferenced += (uint64_t)*cc_rep_iv(r, i, c, CC_IV_CONFERENCED);
            t->queue_area_s += *cc_rep_iv(r, i, c, CC_IV_QUEUE_AREA_S);
        }
        for (size_t pi = 0; pi < r->n_pools; pi++) {
            cc_pool_totals *t = &r->pools[pi];
            t->on_duty_s += *cc_rep_pv(r, i, pi, CC_PV_ON_DUTY_S);
            t->busy_s += *cc_rep_pv(r, i, pi, CC_PV_BUSY_S);
            t->answered += (uint64_t)*cc_rep_pv(r, i, pi, CC_PV_ANSWERED);
            t->answered_within += (uint64_t)*cc_rep_pv(r, i, pi, CC_PV_ANSWERED_WITHIN);
            t->answered_within_sla +=
                (uint64_t)*cc_rep_pv(r, i, pi, CC_PV_ANSWERED_WITHIN_SLA);
            t->abandoned += (uint64_t)*cc_rep_pv(r, i, pi, CC_PV_ABANDONED);
            t->work_s += *cc_rep_pv(r, i, pi, CC_PV_WORK_S);
            t->wrap_s += *cc_rep_pv(r, i, pi, CC_PV_WRAP_S);
            t->dials += *cc_rep_pv(r, i, pi, CC_PV_DIALS);
            t->connects += *cc_rep_pv(r, i, pi, CC_PV_CONNECTS);
            t->right_party += *cc_rep_pv(r, i, pi, CC_PV_RIGHT_PARTY);
            t->outbound_s += *cc_rep_pv(r, i, pi, CC_PV_OUTBOUND_S);
            t->overtime_s += *cc_rep_pv(r, i, pi, CC_PV_OVERTIME_S);
        }
    }
    double span = r->stats_end_s - r->stats_start_s;
    for (size_t c = 0; c < r->n_channels; c++)
        r->channels[c].backlog_mean = span > 0.0 ? r->channels[c].queue_area_s / span : 0.0;
    for (size_t pi = 0; pi < r->n_pools; pi++) {
        cc_pool_totals *t = &r->pools[pi];
        t->occupancy = t->on_duty_s > 0.0 ? t->busy_s / t->on_duty_s : 0.0;
        double shrink = shrinkage[pi];
        t->paid_s = shrink < 1.0 ? t->on_duty_s / (1.0 - shrink) : t->on_duty_s;
    }
}

sim_status cc_rep_check(const cc_rep *rep, const scenario *scn, sim_error *err)
{
    for (size_t c = 0; c < rep->n_channels; c++) {
        const cc_accounting *a = &rep->accounting[c];
        uint64_t out = a->handled + a->abandoned + a->lost_closed + a->transferred +
                       a->blocked + a->balked + a->timed_out + a->unreached + a->in_system;
        if (a->arrived != out)
            return sim_error_set(
                err, SIM_ESTATE, "accounting",
                "channel '%s': %llu contacts arrived but handled %llu + abandoned %llu + lost "
                "%llu + transferred %llu + blocked %llu + balked %llu + timed out %llu + "
                "unreached %llu + in system %llu = %llu",
                scn->channels[c].name, (unsigned long long)a->arrived,
                (unsigned long long)a->handled, (unsigned long long)a->abandoned,
                (unsigned long long)a->lost_closed, (unsigned long long)a->transferred,
                (unsigned long long)a->blocked, (unsigned long long)a->balked,
                (unsigned long long)a->timed_out, (unsigned long long)a->unreached,
                (unsigned long long)a->in_system,
                (unsigned long long)out);
    }
    for (size_t c = 0; c < rep->n_channels; c++) {
        const cc_channel_totals *t = &rep->channels[c];
        uint64_t out = t->lost_closed + t->abandoned + t->transferred + t->resolved +
                       t->unresolved + t->blocked + t->balked + t->timed_out + t->unreached +
                       t->transferred_on;
        if (out > t->arrived || t->answered < t->resolved + t->unresolved + t->transferred_on ||
            t->transfer_in > t->arrived ||
            t->abandoned_within > t->abandoned || t->answered_within > t->answered)
            return sim_error_set(
                err, SIM_ESTATE, "accounting",
                "channel '%s': of %llu counted contacts, lost closed %llu + abandoned %llu + "
                "transferred %llu + blocked %llu + balked %llu + timed out %llu + unreached "
                "%llu + resolved %llu + unresolved %llu = %llu "
                "(answered %llu, within %llu, abandoned within %llu)",
                scn->channels[c].name, (unsigned long long)t->arrived,
                (unsigned long long)t->lost_closed, (unsigned long long)t->abandoned,
                (unsigned long long)t->transferred, (unsigned long long)t->blocked,
                (unsigned long long)t->balked, (unsigned long long)t->timed_out,
                (unsigned long long)t->unreached,
                (unsigned long long)t->resolved,
                (unsigned long long)t->unresolved, (unsigned long long)out,
                (unsigned long long)t->answered, (unsigned long long)t->answered_within,
                (unsigned long long)t->abandoned_within);
    }
    const cc_outbound_accounting *o = &rep->outbound;
    uint64_t dial_out = o->no_answer + o->machine + o->wrong_party + o->right_party;
    uint64_t rec_out = o->right_party + o->wrong_party + o->exhausted + o->waiting + o->dialing;
    if (o->dials != dial_out || o->records != rec_out)
        return sim_error_set(
            err, SIM_ESTATE, "accounting",
            "outbound: %llu dials but no answer %llu + machine %llu + wrong party %llu + right "
            "party %llu = %llu; %llu records but closed (right party, wrong party, %llu "
            "exhausted) + %llu waiting + %llu in a dial = %llu",
            (unsigned long long)o->dials, (unsigned long long)o->no_answer,
            (unsigned long long)o->machine, (unsigned long long)o->wrong_party,
            (unsigned long long)o->right_party, (unsigned long long)dial_out,
            (unsigned long long)o->records, (unsigned long long)o->exhausted,
            (unsigned long long)o->waiting, (unsigned long long)o->dialing,
            (unsigned long long)rec_out);
    const cc_need_totals *n = &rep->needs;
    if (n->created != n->resolved + n->given_up + n->open_end || n->ended != n->resolved + n->given_up)
        return sim_error_set(err, SIM_ESTATE, "accounting",
                             "needs: %llu created but resolved %llu + given up %llu + open %llu",
                             (unsigned long long)n->created, (unsigned long long)n->resolved,
                             (unsigned long long)n->given_up, (unsigned long long)n->open_end);
    return SIM_OK;
}

/* ---- KPIs ---------------------------------------------------------------------------- */

static double ratio(double num, double den)
{
    return den > 0.0 ? num / den : CC_NAN;
}

/* The pool that serves channel c first, whose occupancy is the channel's (the routing
 * policy's layout: the desk of the group with the best priority for it, or the unified
 * desk); SIZE_MAX when none does. */
static size_t primary_pool(const scenario *scn, size_t c)
{
    const cc_route_type *rt = cc_route_type_of(scn);
    return rt != NULL ? rt->primary_desk(scn, c) : SIZE_MAX;
}

/* The q-quantile of h; NaN when empty. Zeros are exact (their own bucket), so a quantile
 * among waits of contacts answered at once is exactly 0 and any other is interpolated
 * within the histogram's precision (sim_histogram.h). */
static double quantile(const sim_histogram *h, double q)
{
    return sim_histogram_count(h) == 0 ? CC_NAN : sim_histogram_quantile(h, q);
}

/* ---- the KPI table ------------------------------------------------------------------- */

/* Channel KPIs, in table order (kpi_table's CC_KPI_CHANNEL rows). */
enum {
    CK_ARRIVED = 0, CK_LOST_CLOSED, CK_LOST_CLOSED_REPEAT, CK_OFFERED, CK_ANSWERED, CK_ANSWERED_WITHIN, CK_ABANDONED,
    CK_ABANDONED_WITHIN, CK_TRANSFERRED, CK_OPEN, CK_HANDLED, CK_RESOLVED, CK_UNANSWERED,
    CK_SL, CK_SL_OFFERED, CK_SL_EXCL_SHORT, CK_AB_OFFERED, CK_AB_ANSWERED_ABANDONED,
    CK_LOST_ARRIVED, CK_ASA, CK_P50, CK_P90, CK_P95, CK_BACKLOG, CK_OCCUPANCY, CK_OUTSOURCED,
    CK_RESOLVED_HANDLED,
    CK_TALK, CK_WRAP_UP, /* only with after-call work (kpi_optional) */
    CK_TRANSFERRED_ON, CK_TRANSFER_IN, CK_CONFERENCED, /* only with transfers (kpi_optional) */
    /* published only when the scenario limits a queue's entrance or exit
     * (scenario_uses_queue_limits): the last rows of the channel family */
    CK_QUEUE_LIMITS_FIRST, CK_BLOCKED = CK_QUEUE_LIMITS_FIRST, CK_BLOCKED_OFFERED, CK_BALKED,
    CK_BALKED_OFFERED, CK_TIMED_OUT, CK_TIMED_OUT_OFFERED, CK_UNREACHED, CK_UNREACHED_OFFERED,
    CK_FAILED_ATTEMPTS,
    CK_COUNT
};
enum {
    PK_OCCUPANCY = 0, PK_ON_DUTY, PK_PAID, PK_ANSWERED, PK_WORK, PK_OVERTIME,
    PK_WRAP_UP, /* only with after-call work (kpi_optional) */
    /* only with an outbound campaign (kpi_optional) */
    PK_DIALS, PK_CONNECTS, PK_RIGHT_PARTY, PK_OUTBOUND_HOURS, PK_RIGHT_PARTY_PER_HOUR,
    PK_COUNT
};
enum {
    SK_NEEDS = 0, SK_OPEN, SK_RESOLVED_ENDED, SK_CONTACTS_RESOLVED, SK_RESOLUTION_S,
    SK_RT_OFFERED, SK_ABANDONED, SK_RT_AB_OFFERED, SK_COUNT
};
enum {
    NK_CREATED = 0, NK_OPEN, NK_RESOLVED_ENDED, NK_GIVEN_UP_ENDED, NK_CONTACTS_RESOLVED,
    NK_CHANNELS_ENDED, NK_RESOLUTION_S, NK_RESOLUTION_P90_S, NK_REPEAT_ARRIVED, NK_COUNT
};
enum {
    TK_ARRIVED = 0, TK_LOST_CLOSED, TK_OFFERED, TK_ANSWERED, TK_RT_SL, TK_RT_AB_OFFERED,
    TK_COUNT
};

#define C_ CC_KPI_CHANNEL
#define LOG_ SIM_CI_LOG
#define LOGIT_ SIM_CI_LOGIT
/* The one definition of every KPI. The wording is docs/outputs.md's; "threshold" is the
 * channel's sl_threshold_s (real time, wait from queue entry) or response_target_s
 * (deferred and callback, response time from entry, closed hours included). */
static const cc_kpi_def kpi_table[] = {
    {C_, "arrived", "contacts", LOG_,
     "contacts that entered the channel after the warm-up (first, repeat, callback), open or "
     "closed",
     "arrived"},
    {C_, "lost_closed", "contacts", LOG_,
     "of the arrived, arrived while the channel was closed and did not wait (when_closed lost "
     "or hop); not offered",
     "lost while closed"},
    {C_, "lost_closed_repeat", "contacts", LOG_,
     "of the lost_closed, repeat contacts of a need (hops and retrials timed into closed "
     "hours); the rest are first contacts",
     "lost while closed, repeat contacts"},
    {C_, "offered", "contacts", LOG_,
     "arrived - lost_closed: taken in while open, or held or backlogged through closed hours "
     "(when_closed wait) to be served at the opening",
     "offered"},
    {C_, "answered", "contacts", LOG_,
     "of the offered, reached an agent or outsourcer (self-service: session ended)",
     "answered"},
    {C_, "answered_within_threshold", "contacts", LOG_,
     "of the answered, with a wait (response time) <= the threshold",
     "answered within the threshold"},
    {C_, "abandoned", "contacts", LOG_,
     "of the offered, left a real-time queue before an answer (0 for other kinds)",
     "abandoned"},
    {C_, "abandoned_within_threshold", "contacts", LOG_,
     "of the abandoned, left with a wait <= sl_threshold_s (short abandons)",
     "short abandons (within the threshold)"},
    {C_, "transferred", "contacts", LOG_,
     "of the offered, voice/video callers who accepted a callback offer (they go on in the "
     "callback channel)",
     "moved to a callback"},
    {C_, "open_at_horizon", "contacts", LOG_,
     "of the offered, still queued, held, in service or in self-service at the horizon: "
     "offered - abandoned - transferred - handled (- blocked - balked - timed_out - "
     "unreached, with lines, balking, max_queue_s or reach)",
     "still open at the end"},
    {C_, "handled", "contacts", LOG_,
     "of the answered, service (self-service session) ended by the horizon: resolved + "
     "unresolved (+ transferred_on, with transfers)",
     "handled"},
    {C_, "resolved", "contacts", LOG_, "of the handled, resolved the need",
     "resolved"},
    {C_, "unanswered_in_time", "contacts", LOG_,
     "deferred/callback items not answered within the customer's patience (they stay in the "
     "backlog)",
     "not answered in time"},
    {C_, "service_level_per_answered_abandoned", "share", LOGIT_,
     "HEADLINE: answered_within_threshold / (answered + abandoned); compared with sl_target; "
     "empty for self-service",
     "service level"},
    {C_, "service_level_per_offered", "share", LOGIT_,
     "answered_within_threshold / offered (transferred and open at the horizon count as not "
     "within); empty for self-service",
     "service level of all offered"},
    {C_, "service_level_excl_short_abandons", "share", LOGIT_,
     "answered_within_threshold / (answered + abandoned - abandoned_within_threshold); empty "
     "for self-service",
     "service level without short abandons"},
    {C_, "abandoned_per_offered", "share", LOGIT_,
     "abandoned / offered; real-time channels only (empty otherwise)",
     "abandonment rate"},
    {C_, "abandoned_per_answered_abandoned", "share", LOGIT_,
     "abandoned / (answered + abandoned); real-time channels only",
     "abandoned of answered and abandoned"},
    {C_, "lost_closed_per_arrived", "share", LOGIT_, "lost_closed / arrived",
     "lost while closed, share of arrived"},
    {C_, "asa_s", "s", LOG_,
     "mean wait (response time) of the answered: sum of their waits / answered; empty for "
     "self-service",
     "average speed of answer"},
    {C_, "wait_p50_s", "s", LOG_,
     "median wait (response time) of the answered (histogram: exact at 0, 1 ms below 1 ms, "
     "0.4% above)",
     "median wait"},
    {C_, "wait_p90_s", "s", LOG_, "90th percentile wait of the answered (as wait_p50_s)",
     "90th percentile wait"},
    {C_, "wait_p95_s", "s", LOG_, "95th percentile wait of the answered (as wait_p50_s)",
     "95th percentile wait"},
    {C_, "backlog_mean", "contacts", LOG_,
     "time-average queue or backlog length over [warm-up, horizon]",
     "average queue or backlog"},
    {C_, "occupancy", "share", LOGIT_,
     "busy / on-duty time of the channel's primary pool (the desk when unified)",
     "agent occupancy"},
    {C_, "outsourced_per_answered", "share", LOGIT_,
     "of the answered, answered by an outsourcer: outsourced / answered",
     "answered by outsourcers"},
    {C_, "resolved_per_handled", "share", LOGIT_,
     "resolved / handled (contacts open at the horizon are neither)",
     "resolved of handled"},
    {C_, "talk_s_per_answered", "s", LOG_,
     "only with wrap_up: mean handle (talk) time of the answered, without after-call work: "
     "their handle seconds / answered; empty for self-service",
     "mean talk time"},
    {C_, "wrap_up_s_per_answered", "s", LOG_,
     "only with wrap_up: mean after-call work of the answered: their wrap-up seconds / "
     "answered (0 for a channel without wrap_up); empty for self-service",
     "mean wrap-up time"},
    {C_, "transferred_on", "contacts", LOG_,
     "only with transfer: of the handled, passed on by the agent to another channel "
     "(channels[].transfer); neither resolved nor unresolved here",
     "transferred on"},
    {C_, "transfer_in", "contacts", LOG_,
     "only with transfer: of the arrived, contacts passed on from another channel's agents "
     "(counted once in total.arrived)",
     "transfers in"},
    {C_, "conferenced", "contacts", LOG_,
     "only with transfer: of the transferred_on, made as a conference (the first agent held "
     "until the second answers and for the conference time)",
     "conference transfers"},
    /* only when the scenario limits a queue's entrance or exit (CK_QUEUE_LIMITS_FIRST) */
    {C_, "blocked", "contacts", LOG_,
     "of the offered, voice/video callers refused because every line was busy (lines)",
     "blocked (all lines busy)"},
    {C_, "blocked_per_offered", "share", LOGIT_,
     "blocked / offered; channels with lines only (empty otherwise)",
     "blocked, share of offered"},
    {C_, "balked", "contacts", LOG_,
     "of the offered, real-time contacts that had to wait and left at once (balking)",
     "balked"},
    {C_, "balked_per_offered", "share", LOGIT_,
     "balked / offered; channels with balking only (empty otherwise)",
     "balked, share of offered"},
    {C_, "timed_out", "contacts", LOG_,
     "of the offered, real-time contacts that left the queue at max_queue_s (to a message, a "
     "callback or gone)",
     "left at the maximum queue time"},
    {C_, "timed_out_per_offered", "share", LOGIT_,
     "timed_out / offered; channels with max_queue_s only (empty otherwise)",
     "left at the maximum queue time, share of offered"},
    {C_, "unreached", "contacts", LOG_,
     "of the offered, callback items whose every attempt failed to reach the customer (reach)",
     "callbacks not reached"},
    {C_, "unreached_per_offered", "share", LOGIT_,
     "unreached / offered; callback channels with reach only (empty otherwise)",
     "callbacks not reached, share of offered"},
    {C_, "failed_attempts", "attempts", LOG_,
     "callback attempts that did not reach the customer, of the offered items (an item may "
     "fail several)",
     "failed callback attempts"},

    {CC_KPI_POOL, "occupancy", "share", LOGIT_, "busy / on-duty agent time",
     "agent occupancy"},
    {CC_KPI_POOL, "on_duty_hours", "hours", LOG_, "agent hours on duty over [warm-up, horizon]",
     "agent hours on duty"},
    {CC_KPI_POOL, "paid_hours", "hours", LOG_, "on_duty_hours / (1 - shrinkage)",
     "paid agent hours"},
    {CC_KPI_POOL, "answered", "contacts", LOG_, "contacts the pool answered",
     "answered"},
    {CC_KPI_POOL, "work_hours", "hours", LOG_, "handle hours of the contacts it answered",
     "handle hours"},
    {CC_KPI_POOL, "overtime_hours", "hours", LOG_,
     "agent hours past the end of duty serving the queue left at a closing (at_close serve); "
     "included in on_duty_hours",
     "overtime hours"},
    {CC_KPI_POOL, "wrap_up_hours", "hours", LOG_,
     "only with wrap_up: after-call work hours of the contacts it answered (work_hours is "
     "their talk time; busy time holds both)",
     "wrap-up hours"},
    {CC_KPI_POOL, "dials", "dials", LOG_,
     "only with outbound: outbound dials its agents started (each ends in one outcome)",
     "outbound dials"},
    {CC_KPI_POOL, "connects", "dials", LOG_,
     "only with outbound: dials answered (answering machine, wrong party or right party)",
     "outbound connects"},
    {CC_KPI_POOL, "right_party_contacts", "contacts", LOG_,
     "only with outbound: dials that reached the right party", "right-party contacts"},
    {CC_KPI_POOL, "outbound_hours", "hours", LOG_,
     "only with outbound: agent hours of its dials (dial, talk, wrap-up); in occupancy",
     "outbound agent hours"},
    {CC_KPI_POOL, "right_party_contacts_per_outbound_hour", "contacts/h", LOG_,
     "only with outbound: right_party_contacts / outbound_hours",
     "right-party contacts per outbound hour"},

    {CC_KPI_SEGMENT, "needs", "needs", LOG_, "needs (customer questions) created after the warm-up",
     "customer needs"},
    {CC_KPI_SEGMENT, "open_at_horizon", "needs", LOG_,
     "of the needs, neither resolved nor given up at the horizon: needs - resolved - given up",
     "needs still open at the end"},
    {CC_KPI_SEGMENT, "resolved_per_ended", "share", LOGIT_,
     "resolved / (resolved + given up): over the needs that ended",
     "needs resolved"},
    {CC_KPI_SEGMENT, "contacts_per_resolved_need", "contacts", LOG_,
     "contacts of the resolved needs / resolved needs",
     "contacts per resolved need"},
    {CC_KPI_SEGMENT, "time_to_resolution_s", "s", LOG_,
     "mean time from a need's first contact to its resolution, over resolved needs",
     "time to resolution"},
    {CC_KPI_SEGMENT, "realtime_offered", "contacts", LOG_,
     "the segment's contacts offered to real-time channels (voice, video, chat): arrived - "
     "lost_closed",
     "real-time contacts offered"},
    {CC_KPI_SEGMENT, "abandoned", "contacts", LOG_,
     "the segment's abandoned contacts (only real-time queues abandon)",
     "abandoned"},
    {CC_KPI_SEGMENT, "realtime_abandoned_per_offered", "share", LOGIT_,
     "abandoned / realtime_offered",
     "real-time abandonment rate"},

    {CC_KPI_NEEDS, "created", "needs", LOG_, "needs created after the warm-up",
     "customer needs"},
    {CC_KPI_NEEDS, "open_at_horizon", "needs", LOG_,
     "of the created, neither resolved nor given up at the horizon",
     "needs still open at the end"},
    {CC_KPI_NEEDS, "resolved_per_ended", "share", LOGIT_,
     "resolved / ended (ended = resolved + given up)",
     "needs resolved"},
    {CC_KPI_NEEDS, "given_up_per_ended", "share", LOGIT_, "given up / ended",
     "needs given up"},
    {CC_KPI_NEEDS, "contacts_per_resolved_need", "contacts", LOG_,
     "contacts of the resolved needs / resolved needs",
     "contacts per resolved need"},
    {CC_KPI_NEEDS, "channels_per_ended_need", "channels", LOG_,
     "distinct channels used by the ended needs / ended needs",
     "channels per need"},
    {CC_KPI_NEEDS, "time_to_resolution_s", "s", LOG_,
     "mean time from a need's first contact to its resolution, over resolved needs",
     "time to resolution"},
    {CC_KPI_NEEDS, "time_to_resolution_p90_s", "s", LOG_,
     "90th percentile of the time to resolution (histogram as wait_p50_s)",
     "90th percentile time to resolution"},
    {CC_KPI_NEEDS, "repeat_per_arrived", "share", LOGIT_,
     "repeat contacts / arrived contacts, over every channel",
     "repeat contacts"},

    {CC_KPI_TOTAL, "arrived", "contacts", LOG_, "channel arrived, summed over every channel, less transfer_in (a transfer is one "
     "contact)",
     "contacts arrived, all channels"},
    {CC_KPI_TOTAL, "lost_closed", "contacts", LOG_, "channel lost_closed, summed over every channel",
     "lost while closed, all channels"},
    {CC_KPI_TOTAL, "offered", "contacts", LOG_, "channel offered, summed over every channel, less transfer_in",
     "offered, all channels"},
    {CC_KPI_TOTAL, "answered", "contacts", LOG_, "channel answered, summed over every channel",
     "answered, all channels"},
    {CC_KPI_TOTAL, "realtime_service_level_per_answered_abandoned", "share", LOGIT_,
     "over the real-time channels (voice, video, chat): their answered_within_threshold / "
     "(answered + abandoned)",
     "service level, real-time channels"},
    {CC_KPI_TOTAL, "realtime_abandoned_per_offered", "share", LOGIT_,
     "over the real-time channels: their abandoned / offered",
     "abandonment rate, real-time channels"},

    {CC_KPI_INTERVAL, "offered", "contacts", LOG_,
     "the channel's offered (arrived - lost_closed) that entered in the interval",
     "offered"},
    {CC_KPI_INTERVAL, "lost_closed", "contacts", LOG_,
     "contacts that arrived in the interval while the channel was closed and did not wait",
     "lost while closed"},
    {CC_KPI_INTERVAL, "answered", "contacts", LOG_, "of the interval's offered, answered",
     "answered"},
    {CC_KPI_INTERVAL, "abandoned", "contacts", LOG_, "of the interval's offered, abandoned",
     "abandoned"},
    {CC_KPI_INTERVAL, "service_level_per_answered_abandoned", "share", LOGIT_,
     "as in channels.csv, for the interval's contacts",
     "service level"},
    {CC_KPI_INTERVAL, "asa_s", "s", LOG_, "mean wait of the interval's answered contacts",
     "average speed of answer"},
    {CC_KPI_INTERVAL, "occupancy", "share", LOGIT_,
     "of the channel's primary pool in the interval",
     "agent occupancy"},
    {CC_KPI_INTERVAL, "backlog_end", "contacts", LOG_,
     "queue or backlog length at the interval's end",
     "queue or backlog at the end of the interval"},
};
#undef C_
#undef LOG_
#undef LOGIT_

#define KPI_TABLE_N (sizeof kpi_table / sizeof kpi_table[0])

/* A scenario without after-call work produces exactly the KPIs it did before the mechanism
 * existed (same files, same golden results), so its KPIs are published only when some
 * channel has wrap_up. */
static int uses_wrap_up(const scenario *scn)
{
    for (size_t c = 0; c < scn->n_channels; c++) {
        if (scn->channels[c].has_wrap_up)
            return 1;
    }
    return 0;
}

static int uses_transfer(const scenario *scn)
{
    for (size_t c = 0; c < scn->n_channels; c++) {
        if (scn->channels[c].transfer_channel != SCENARIO_NONE)
            return 1;
    }
    return 0;
}

static int uses_outbound(const scenario *scn)
{
    return scn->outbound.on;
}

/* KPIs of a mechanism, published only when the scenario uses it. */
static const struct {
    cc_kpi_family family;
    const char *kpi;
    int (*used)(const scenario *scn);
} kpi_optional[] = {
    {CC_KPI_CHANNEL, "talk_s_per_answered", uses_wrap_up},
    {CC_KPI_CHANNEL, "wrap_up_s_per_answered", uses_wrap_up},
    {CC_KPI_POOL, "wrap_up_hours", uses_wrap_up},
    {CC_KPI_POOL, "dials", uses_outbound},
    {CC_KPI_POOL, "connects", uses_outbound},
    {CC_KPI_POOL, "right_party_contacts", uses_outbound},
    {CC_KPI_POOL, "outbound_hours", uses_outbound},
    {CC_KPI_POOL, "right_party_contacts_per_outbound_hour", uses_outbound},
    {CC_KPI_CHANNEL, "transferred_on", uses_transfer},
    {CC_KPI_CHANNEL, "transfer_in", uses_transfer},
    {CC_KPI_CHANNEL, "conferenced", uses_transfer},
};

int cc_kpis_shown(const cc_kpi_def *d, const scenario *scn)
{
    for (size_t i = 0; i < sizeof kpi_optional / sizeof kpi_optional[0]; i++) {
        if (kpi_optional[i].family == d->family && strcmp(kpi_optional[i].kpi, d->kpi) == 0)
            return kpi_optional[i].used(scn);
    }
    return 1;
}

const cc_kpi_def *cc_kpis_defs(size_t *n)
{
    *n = KPI_TABLE_N;
    return kpi_table;
}

/* First row of a family in the table, and its row count. */
static const cc_kpi_def *family_rows(cc_kpi_family f, size_t *n)
{
    size_t i = 0;
    while (i < KPI_TABLE_N && kpi_table[i].family != f)
        i++;
    size_t j = i;
    while (j < KPI_TABLE_N && kpi_table[j].family == f)
        j++;
    *n = j - i;
    return &kpi_table[i];
}

static const char *const family_prefix[] = {"channel.", "pool.", "segment.", "needs.",
                                            "total.", ""};

const cc_kpi_def *cc_kpis_def_of(const char *name, cc_kpi_family family)
{
    const char *pre = family_prefix[family];
    size_t plen = strlen(pre), len = strlen(name);
    if (strncmp(name, pre, plen) != 0)
        return NULL;
    /* channel., pool., segment.: "<entity>.<kpi>" follows; needs., total.: "<kpi>". The
     * entity's name may hold dots, so match the KPI at the end; the longest match wins. */
    int entity = family == CC_KPI_CHANNEL || family == CC_KPI_POOL || family == CC_KPI_SEGMENT;
    size_t n;
    const cc_kpi_def *rows = family_rows(family, &n);
    const cc_kpi_def *best = NULL;
    for (size_t i = 0; i < n; i++) {
        size_t klen = strlen(rows[i].kpi);
        if (entity) {
            if (len < plen + klen + 2 || name[len - klen - 1] != '.' ||
                strcmp(name + len - klen, rows[i].kpi) != 0)
                continue;
        } else if (strcmp(name + plen, rows[i].kpi) != 0) {
            continue;
        }
        if (best == NULL || klen > strlen(best->kpi))
            best = &rows[i];
    }
    return best;
}

sim_ci_scale cc_kpis_scale_of(const char *name)
{
    static const cc_kpi_family fam[] = {CC_KPI_CHANNEL, CC_KPI_POOL, CC_KPI_SEGMENT,
                                        CC_KPI_NEEDS, CC_KPI_TOTAL};
    for (size_t f = 0; f < sizeof fam / sizeof fam[0]; f++) {
        const cc_kpi_def *d = cc_kpis_def_of(name, fam[f]);
        if (d != NULL)
            return d->scale;
    }
    return SIM_CI_LINEAR;
}

/* A growable KPI list (called twice: once to count, once to fill). */
typedef struct kpi_sink {
    size_t n;
    size_t cap;
    char (*names)[CC_KPI_NAME_MAX];
    double *values;
} kpi_sink;

/* Put the values v[] of one entity (NULL for needs and total) of family f, named by the
 * table's rows of that family in order: the first `shown` of its `count`. */
static void put_family(kpi_sink *k, cc_kpi_family f, const char *entity, const double *v,
                       size_t count, size_t shown, const scenario *scn)
{
    size_t n;
    const cc_kpi_def *rows = family_rows(f, &n);
    SIM_ASSERT(n == count && shown <= n, "KPI table and its value list disagree in length");
    for (size_t j = 0; j < shown; j++) {
        if (!cc_kpis_shown(&rows[j], scn))
            continue;
        if (k->names != NULL && k->n < k->cap) {
            if (entity != NULL)
                snprintf(k->names[k->n], sizeof k->names[k->n], "%s%s.%s", family_prefix[f],
                         entity, rows[j].kpi);
            else
                snprintf(k->names[k->n], sizeof k->names[k->n], "%s%s", family_prefix[f],
                         rows[j].kpi);
            k->values[k->n] = v[j];
        }
        k->n++;
    }
}

/* The channel KPIs of channel c, in table order. */
static void channel_kpis(const cc_rep *rep, const scenario *scn, size_t c, double *v)
{
    const cc_channel_totals *t = &rep->channels[c];
    const scenario_channel *ch = &scn->channels[c];
    const scenario_kind_props *kp = scenario_channel_kind_props(ch->kind);
    int ab_kpis = kp->abandons, self = !kp->agent_time;
    double arrived = (double)t->arrived, lost = (double)t->lost_closed;
    double offered = arrived - lost, ans = (double)t->answered;
    double within = (double)t->answered_within, ab = (double)t->abandoned;
    double ab_within = (double)t->abandoned_within;
    double handled = (double)(t->resolved + t->unresolved + t->transferred_on);
    v[CK_ARRIVED] = arrived;
    v[CK_LOST_CLOSED] = lost;
    v[CK_LOST_CLOSED_REPEAT] = (double)t->lost_closed_repeat;
    v[CK_OFFERED] = offered;
    v[CK_ANSWERED] = ans;
    v[CK_ANSWERED_WITHIN] = within;
    v[CK_ABANDONED] = ab;
    v[CK_ABANDONED_WITHIN] = ab_within;
    v[CK_TRANSFERRED] = (double)t->transferred;
    v[CK_OPEN] = offered - ab - (double)t->transferred - handled;
    v[CK_HANDLED] = handled;
    v[CK_RESOLVED] = (double)t->resolved;
    v[CK_UNANSWERED] = (double)t->unanswered;
    v[CK_SL] = self ? CC_NAN : ratio(within, ans + ab);
    v[CK_SL_OFFERED] = self ? CC_NAN : ratio(within, offered);
    v[CK_SL_EXCL_SHORT] = self ? CC_NAN : ratio(within, ans + ab - ab_within);
    v[CK_AB_OFFERED] = ab_kpis ? ratio(ab, offered) : CC_NAN;
    v[CK_AB_ANSWERED_ABANDONED] = ab_kpis ? ratio(ab, ans + ab) : CC_NAN;
    v[CK_LOST_ARRIVED] = ratio(lost, arrived);
    v[CK_ASA] = self ? CC_NAN : ratio(t->wait_s, ans);
    /* a sealed replication kept the quantiles, an unsealed one still has its histogram */
    v[CK_P50] = t->waits != NULL ? quantile(t->waits, 0.5) : t->wait_p50_s;
    v[CK_P90] = t->waits != NULL ? quantile(t->waits, 0.9) : t->wait_p90_s;
    v[CK_P95] = t->waits != NULL ? quantile(t->waits, 0.95) : t->wait_p95_s;
    v[CK_BACKLOG] = t->backlog_mean;
    size_t pp = primary_pool(scn, c);
    v[CK_OCCUPANCY] = pp < rep->n_pools && rep->pools[pp].on_duty_s > 0.0
                          ? rep->pools[pp].occupancy
                          : CC_NAN;
    v[CK_OUTSOURCED] = ratio((double)t->outsourced, ans);
    v[CK_RESOLVED_HANDLED] = ratio((double)t->resolved, handled);
    v[CK_TALK] = self ? CC_NAN : ratio(t->work_s, ans);
    v[CK_WRAP_UP] = self ? CC_NAN : ratio(t->wrap_s, ans);
    v[CK_TRANSFERRED_ON] = (double)t->transferred_on;
    v[CK_TRANSFER_IN] = (double)t->transfer_in;
    v[CK_CONFERENCED] = (double)t->conferenced;
    double blocked = (double)t->blocked, balked = (double)t->balked;
    double timed_out = (double)t->timed_out, unreached = (double)t->unreached;
    v[CK_OPEN] -= blocked + balked + timed_out + unreached;
    v[CK_BLOCKED] = blocked;
    v[CK_BLOCKED_OFFERED] = ch->lines > 0 ? ratio(blocked, offered) : CC_NAN;
    v[CK_BALKED] = balked;
    v[CK_BALKED_OFFERED] = ch->has_balking ? ratio(balked, offered) : CC_NAN;
    v[CK_TIMED_OUT] = timed_out;
    v[CK_TIMED_OUT_OFFERED] = ch->max_queue_s > 0.0 ? ratio(timed_out, offered) : CC_NAN;
    v[CK_UNREACHED] = unreached;
    v[CK_UNREACHED_OFFERED] = ch->has_reach ? ratio(unreached, offered) : CC_NAN;
    v[CK_FAILED_ATTEMPTS] = (double)t->failed_attempts;
}

static void kpis_emit(kpi_sink *k, const cc_rep *rep, const scenario *scn)
{
    double v[CK_COUNT];
    double arrived = 0, lost = 0, ans = 0, rep_contacts = 0, transfer_in = 0;
    double rt_within = 0, rt_answered_abandoned = 0, rt_abandoned = 0, rt_offered = 0;
    int limits = scenario_uses_queue_limits(scn);
    for (size_t c = 0; c < rep->n_channels; c++) {
        const cc_channel_totals *t = &rep->channels[c];
        channel_kpis(rep, scn, c, v);
        put_family(k, CC_KPI_CHANNEL, scn->channels[c].name, v, CK_COUNT,
                   limits ? CK_COUNT : CK_QUEUE_LIMITS_FIRST, scn);
        arrived += (double)t->arrived;
        transfer_in += (double)t->transfer_in;
        lost += (double)t->lost_closed;
        ans += (double)t->answered;
        rep_contacts += (double)t->repeat;
        if (scenario_channel_kind_props(scn->channels[c].kind)->realtime) {
            rt_within += (double)t->answered_within;
            rt_answered_abandoned += (double)(t->answered + t->abandoned);
            rt_abandoned += (double)t->abandoned;
            rt_offered += (double)(t->arrived - t->lost_closed);
        }
    }
    for (size_t p = 0; p < rep->n_pools; p++) {
        const cc_pool_totals *t = &rep->pools[p];
        v[PK_OCCUPANCY] = t->on_duty_s > 0.0 ? t->occupancy : CC_NAN;
        v[PK_ON_DUTY] = t->on_duty_s / 3600.0;
        v[PK_PAID] = t->paid_s / 3600.0;
        v[PK_ANSWERED] = (double)t->answered;
        v[PK_WORK] = t->work_s / 3600.0;
        v[PK_OVERTIME] = t->overtime_s / 3600.0;
        v[PK_WRAP_UP] = t->wrap_s / 3600.0;
        v[PK_DIALS] = t->dials;
        v[PK_CONNECTS] = t->connects;
        v[PK_RIGHT_PARTY] = t->right_party;
        v[PK_OUTBOUND_HOURS] = t->outbound_s / 3600.0;
        v[PK_RIGHT_PARTY_PER_HOUR] = ratio(t->right_party, t->outbound_s / 3600.0);
        put_family(k, CC_KPI_POOL, t->name, v, PK_COUNT, PK_COUNT, scn);
    }
    for (size_t s = 0; s < rep->n_segments; s++) {
        const cc_segment_totals *t = &rep->segments[s];
        double ended = (double)(t->resolved + t->given_up);
        double offered = (double)t->realtime_arrived - (double)t->realtime_lost_closed;
        v[SK_NEEDS] = (double)t->needs;
        v[SK_OPEN] = (double)t->needs - ended;
        v[SK_RESOLVED_ENDED] = ratio((double)t->resolved, ended);
        v[SK_CONTACTS_RESOLVED] = ratio(t->contacts_of_resolved, (double)t->resolved);
        v[SK_RESOLUTION_S] = ratio(t->resolution_s, (double)t->resolved);
        v[SK_RT_OFFERED] = offered;
        v[SK_ABANDONED] = (double)t->abandoned;
        v[SK_RT_AB_OFFERED] = ratio((double)t->abandoned, offered);
        put_family(k, CC_KPI_SEGMENT, scn->segments[s].name, v, SK_COUNT, SK_COUNT, scn);
    }
    const cc_need_totals *n = &rep->needs;
    double ended = (double)n->ended;
    v[NK_CREATED] = (double)n->created;
    v[NK_OPEN] = (double)n->open_end;
    v[NK_RESOLVED_ENDED] = ratio((double)n->resolved, ended);
    v[NK_GIVEN_UP_ENDED] = ratio((double)n->given_up, ended);
    v[NK_CONTACTS_RESOLVED] = ratio(n->contacts_of_resolved, (double)n->resolved);
    v[NK_CHANNELS_ENDED] = ratio(n->channels_of_ended, ended);
    v[NK_RESOLUTION_S] = ratio(n->resolution_s, (double)n->resolved);
    v[NK_RESOLUTION_P90_S] =
        n->resolution != NULL ? quantile(n->resolution, 0.9) : n->resolution_p90_s;
    v[NK_REPEAT_ARRIVED] = ratio(rep_contacts, arrived);
    put_family(k, CC_KPI_NEEDS, NULL, v, NK_COUNT, NK_COUNT, scn);
    /* a transfer is one contact, already counted where it arrived first; transfers are
     * made only into an open channel, so each is also offered there */
    v[TK_ARRIVED] = arrived - transfer_in;
    v[TK_LOST_CLOSED] = lost;
    v[TK_OFFERED] = arrived - transfer_in - lost;
    v[TK_ANSWERED] = ans;
    v[TK_RT_SL] = ratio(rt_within, rt_answered_abandoned);
    v[TK_RT_AB_OFFERED] = ratio(rt_abandoned, rt_offered);
    put_family(k, CC_KPI_TOTAL, NULL, v, TK_COUNT, TK_COUNT, scn);
}

sim_status cc_kpis_from_rep(cc_kpis *out, const cc_rep *rep, const scenario *scn,
                            sim_error *err)
{
    memset(out, 0, sizeof *out);
    kpi_sink k = {0, 0, NULL, NULL};
    kpis_emit(&k, rep, scn);
    size_t n = k.n;
    k.cap = n;
    k.n = 0;
    k.names = sim_calloc(n, sizeof *k.names);
    k.values = sim_calloc(n, sizeof *k.values);
    if (k.names == NULL || k.values == NULL) {
        sim_free(k.names);
        sim_free(k.values);
        return sim_error_set(err, SIM_ENOMEM, "", "out of memory listing KPIs");
    }
    kpis_emit(&k, rep, scn);
    out->n = n;
    out->names = k.names;
    out->values = k.values;
    return SIM_OK;
}

void cc_kpis_fini(cc_kpis *k)
{
    if (k == NULL)
        return;
    sim_free(k->names);
    sim_free(k->values);
    memset(k, 0, sizeof *k);
}

/* ---- summary ------------------------------------------------------------------------- */

static void interval_kpis(const cc_rep *rep, const scenario *scn, size_t i, size_t c,
                          double *v)
{
    double arrived = *cc_rep_iv(rep, i, c, CC_IV_ARRIVED);
    double lost = *cc_rep_iv(rep, i, c, CC_IV_LOST_CLOSED);
    double ans = *cc_rep_iv(rep, i, c, CC_IV_ANSWERED);
    double ab = *cc_rep_iv(rep, i, c, CC_IV_ABANDONED);
    double within = *cc_rep_iv(rep, i, c, CC_IV_ANSWERED_WITHIN);
    int self = !scenario_channel_kind_props(scn->channels[c].kind)->agent_time;
    v[CC_IK_OFFERED] = arrived - lost;
    v[CC_IK_LOST_CLOSED] = lost;
    v[CC_IK_ANSWERED] = ans;
    v[CC_IK_ABANDONED] = ab;
    v[CC_IK_SERVICE_LEVEL] = self ? CC_NAN : ratio(within, ans + ab);
    v[CC_IK_ASA_S] = self ? CC_NAN : ratio(*cc_rep_iv(rep, i, c, CC_IV_WAIT_S), ans);
    size_t pp = primary_pool(scn, c);
    v[CC_IK_OCCUPANCY] = pp < rep->n_pools ? ratio(*cc_rep_pv(rep, i, pp, CC_PV_BUSY_S),
                                                   *cc_rep_pv(rep, i, pp, CC_PV_ON_DUTY_S))
                                           : CC_NAN;
    v[CC_IK_BACKLOG_END] = *cc_rep_iv(rep, i, c, CC_IV_BACKLOG_END);
}

cc_summary *cc_summary_new_kpis(const cc_rep *reps, size_t n, const scenario *scn,
                                double level, cc_kpis_fn kpis, sim_error *err)
{
    if (n == 0) {
        sim_error_set(err, SIM_EINVAL, "replications", "no replications to summarise");
        return NULL;
    }
    cc_summary *s = sim_calloc(1, sizeof *s);
    if (s == NULL)
        goto nomem;
    s->n_reps = n;
    s->level = level;
    s->n_channels = reps[0].n_channels;
    s->interval_s = reps[0].interval_s;
    s->folded = reps[0].folded;
    for (size_t r = 0; r < n; r++) {
        cc_kpis k;
        if (kpis(&k, &reps[r], scn, err) != SIM_OK) {
            cc_summary_free(s);
            return NULL;
        }
        if (r == 0) {
            s->n_kpis = k.n;
            s->names = sim_calloc(k.n, sizeof *s->names);
            s->values = sim_calloc(n * k.n, sizeof *s->values);
            s->ci = sim_calloc(k.n, sizeof *s->ci);
            if (s->names == NULL || s->values == NULL || s->ci == NULL) {
                cc_kpis_fini(&k);
                goto nomem;
            }
            memcpy(s->names, k.names, k.n * sizeof *k.names);
        }
        if (k.n != s->n_kpis) {
            size_t got = k.n, want = s->n_kpis;
            cc_kpis_fini(&k);
            cc_summary_free(s);
            sim_error_set(err, SIM_EINVAL, "replications",
                          "replication %zu gives %zu KPIs, replication 0 gave %zu", r, got,
                          want);
            return NULL;
        }
        memcpy(&s->values[r * s->n_kpis], k.values, k.n * sizeof *k.values);
        cc_kpis_fini(&k);
    }
    for (size_t j = 0; j < s->n_kpis; j++) {
        sim_tally t;
        sim_tally_init(&t);
        for (size_t r = 0; r < n; r++) {
            double v = s->values[r * s->n_kpis + j];
            if (!isnan(v))
                sim_tally_add(&t, v);
        }
        s->ci[j] = sim_ci_from_tally_scaled(&t, level, cc_kpis_scale_of(s->names[j]));
        if (t.n == 0) {
            s->ci[j].mean = s->ci[j].lo = s->ci[j].hi = CC_NAN;
        }
    }
    return s;
nomem:
    cc_summary_free(s);
    sim_error_set(err, SIM_ENOMEM, "", "out of memory summarising %zu replications", n);
    return NULL;
}

cc_summary *cc_summary_new(const cc_rep *reps, size_t n, const scenario *scn, double level,
                           sim_error *err)
{
    for (size_t r = 1; r < n; r++) {
        if (reps[r].n_intervals != reps[0].n_intervals ||
            reps[r].n_channels != reps[0].n_channels || reps[r].n_pools != reps[0].n_pools) {
            sim_error_set(err, SIM_EINVAL, "replications",
                          "replication %zu has a different shape from replication 0", r);
            return NULL;
        }
    }
    cc_summary *s = cc_summary_new_kpis(reps, n, scn, level, cc_kpis_from_rep, err);
    if (s == NULL)
        return NULL;
    s->n_intervals = reps[0].n_intervals;
    size_t cells = s->n_intervals * s->n_channels;
    s->intervals = sim_calloc(cells * CC_IK_COUNT, sizeof *s->intervals);
    sim_tally *tl = sim_calloc(CC_IK_COUNT, sizeof *tl);
    if (s->intervals == NULL || tl == NULL) {
        sim_free(tl);
        goto nomem;
    }
    size_t n_ik;
    const cc_kpi_def *ik = family_rows(CC_KPI_INTERVAL, &n_ik);
    SIM_ASSERT(n_ik == CC_IK_COUNT, "KPI table and cc_ik disagree in length");
    for (size_t i = 0; i < s->n_intervals; i++) {
        /* A folded row sums every week's same interval: its counts and end-of-interval
         * backlog become the mean over those weeks (ratios of the sums stay pooled). */
        size_t weeks = s->folded ? hours_fold_count(scn, i) : 1;
        for (size_t c = 0; c < s->n_channels; c++) {
            for (size_t f = 0; f < CC_IK_COUNT; f++)
                sim_tally_init(&tl[f]);
            for (size_t r = 0; r < n; r++) {
                double v[CC_IK_COUNT];
                interval_kpis(&reps[r], scn, i, c, v);
                if (weeks != 1) { /* 0: no such interval in the horizon, no value */
                    double w = weeks > 0 ? (double)weeks : CC_NAN;
                    v[CC_IK_OFFERED] /= w;
                    v[CC_IK_ANSWERED] /= w;
                    v[CC_IK_ABANDONED] /= w;
                    v[CC_IK_BACKLOG_END] /= w;
                }
                for (size_t f = 0; f < CC_IK_COUNT; f++) {
                    if (!isnan(v[f]))
                        sim_tally_add(&tl[f], v[f]);
                }
            }
            for (size_t f = 0; f < CC_IK_COUNT; f++) {
                sim_ci ci = sim_ci_from_tally_scaled(&tl[f], level, ik[f].scale);
                if (tl[f].n == 0)
                    ci.mean = ci.lo = ci.hi = CC_NAN;
                s->intervals[(i * s->n_channels + c) * CC_IK_COUNT + f] = ci;
            }
        }
    }
    sim_free(tl);
    return s;
nomem:
    cc_summary_free(s);
    sim_error_set(err, SIM_ENOMEM, "", "out of memory summarising %zu replications", n);
    return NULL;
}

void cc_summary_free(cc_summary *s)
{
    if (s == NULL)
        return;
    sim_free(s->names);
    sim_free(s->values);
    sim_free(s->ci);
    sim_free(s->intervals);
    sim_free(s);
}

size_t cc_summary_find(const cc_summary *s, const char *name)
{
    for (size_t j = 0; j < s->n_kpis; j++) {
        if (strcmp(s->names[j], name) == 0)
            return j;
    }
    return SIZE_MAX;
}

/* Mean of channel KPI `kpi` of channel `name`; NaN when the summary has none. */
static double channel_mean(const cc_summary *s, const char *name, const char *kpi)
{
    char key[CC_KPI_NAME_MAX];
    snprintf(key, sizeof key, "channel.%s.%s", name, kpi);
    size_t j = cc_summary_find(s, key);
    return j == SIZE_MAX ? CC_NAN : s->ci[j].mean;
}

int cc_summary_lost_warning(const cc_summary *s, const scenario *scn, size_t c, char *buf,
                            size_t n)
{
    if (n > 0)
        buf[0] = '\0';
    if (c >= scn->n_channels || scn->channels[c].when_closed == SCENARIO_CLOSED_WAIT)
        return 0;
    int lost_kind = scn->channels[c].when_closed == SCENARIO_CLOSED_LOST;
    const char *nm = scn->channels[c].name;
    double share = channel_mean(s, nm, "lost_closed_per_arrived");
    double lost = channel_mean(s, nm, "lost_closed");
    double repeat = channel_mean(s, nm, "lost_closed_repeat");
    if (!(share >= CC_SUMMARY_WARN_LOST_SHARE) || !(lost > 0.0))
        return 0;
    double repeat_share = isfinite(repeat) ? repeat / lost : 0.0;
    snprintf(buf, n,
             "channels[%zu] (%s): %.1f%% of the arrived contacts %s: %.0f per replication, "
             "%.0f%% of them repeat contacts (hops and retrials timed into closed hours)",
             c, nm, 100.0 * share,
             lost_kind ? "were lost while closed (when_closed \"lost\")"
                       : "came while closed and were turned to the \"closed\" hop rules "
                         "(when_closed \"hop\")",
             lost, 100.0 * repeat_share);
    return 1;
}
