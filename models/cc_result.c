/* cc_result.c -- see cc_result.h. */
#include "cc_result.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cc_hours.h"
#include "sim_alloc.h"
#include "sim_assert.h"

/* CC_NAN is a float constant; every use here is a double. */
#define CC_NAN ((double)NAN)

/* Wait histograms: 0.1 s resolution, 2^-5 (about 3%) relative precision, 32 octaves (up to
 * about 13 years): 8 KiB each, independent of the number of contacts. */
#define CC_HIST_RESOLUTION_S 0.1
#define CC_HIST_SUB_BITS 5
#define CC_HIST_OCTAVES 32

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
 * (the receiving process runs the same binary, so layouts agree), with the histograms packed
 * after the struct that points to them (the pointer bytes travel but are replaced on
 * unpack by the receiver's own). */
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
        sim_histogram_pack(rep->channels[c].waits, b);
    }
    sim_buf_put_bytes(b, rep->accounting, rep->n_channels * sizeof *rep->accounting);
    sim_buf_put_bytes(b, rep->pools, rep->n_pools * sizeof *rep->pools);
    sim_buf_put_bytes(b, rep->segments, rep->n_segments * sizeof *rep->segments);
    sim_buf_put_bytes(b, &rep->needs, sizeof rep->needs);
    sim_histogram_pack(rep->needs.resolution, b);
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
        ok = sim_histogram_unpack(waits, r);
    }
    if (ok) {
        sim_buf_get_bytes(r, rep->accounting, rep->n_channels * sizeof *rep->accounting);
        sim_buf_get_bytes(r, rep->pools, rep->n_pools * sizeof *rep->pools);
        sim_buf_get_bytes(r, rep->segments, rep->n_segments * sizeof *rep->segments);
        sim_histogram *resolution = rep->needs.resolution;
        sim_buf_get_bytes(r, &rep->needs, sizeof rep->needs);
        rep->needs.resolution = resolution;
        ok = sim_histogram_unpack(resolution, r);
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

sim_status cc_rep_check(const cc_rep *rep, const scenario *scn, sim_error *err)
{
    for (size_t c = 0; c < rep->n_channels; c++) {
        const cc_accounting *a = &rep->accounting[c];
        uint64_t out = a->handled + a->abandoned + a->lost + a->transferred + a->in_system;
        if (a->arrived != out)
            return sim_error_set(
                err, SIM_ESTATE, "accounting",
                "channel '%s': %llu contacts arrived but handled %llu + abandoned %llu + lost "
                "%llu + transferred %llu + in system %llu = %llu",
                scn->channels[c].name, (unsigned long long)a->arrived,
                (unsigned long long)a->handled, (unsigned long long)a->abandoned,
                (unsigned long long)a->lost, (unsigned long long)a->transferred,
                (unsigned long long)a->in_system, (unsigned long long)out);
    }
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

static int realtime_kind(scenario_channel_kind k)
{
    return k == SCENARIO_CHANNEL_VOICE || k == SCENARIO_CHANNEL_VIDEO ||
           k == SCENARIO_CHANNEL_CHAT;
}

/* The pool that serves channel c first: the unified desk, or the group with the best
 * priority for it (lowest index on ties); SIZE_MAX when no in-house group serves it. */
static size_t primary_pool(const scenario *scn, size_t c)
{
    if (scn->routing.mode == SCENARIO_ROUTING_UNIFIED)
        return 0;
    size_t best = SIZE_MAX;
    unsigned best_prio = 0;
    for (size_t g = 0; g < scn->n_groups; g++) {
        for (size_t k = 0; k < scn->groups[g].n_skills; k++) {
            const scenario_skill *s = &scn->groups[g].skills[k];
            unsigned prio = s->priority > 0 ? s->priority : scn->channels[c].priority;
            if (s->channel == c && (best == SIZE_MAX || prio < best_prio)) {
                best = g;
                best_prio = prio;
            }
        }
    }
    return best;
}

/* The q-quantile of h; NaN when empty. Values below the histogram's resolution (0.1 s)
 * share one bucket, in which interpolation would invent waits where most are exactly 0
 * (answered at once): a quantile inside that bucket is reported as 0. */
static double quantile(const sim_histogram *h, double q)
{
    if (sim_histogram_count(h) == 0)
        return CC_NAN;
    double v = sim_histogram_quantile(h, q);
    return v < CC_HIST_RESOLUTION_S ? 0.0 : v;
}

/* A growable KPI list (called twice: once to count, once to fill). */
typedef struct kpi_sink {
    size_t n;
    size_t cap;
    char (*names)[CC_KPI_NAME_MAX];
    double *values;
} kpi_sink;

static void put(kpi_sink *k, double v, const char *fmt, const char *name, const char *kpi)
{
    if (k->names != NULL && k->n < k->cap) {
        snprintf(k->names[k->n], sizeof k->names[k->n], fmt, name, kpi);
        k->values[k->n] = v;
    }
    k->n++;
}

static void kpis_emit(kpi_sink *k, const cc_rep *rep, const scenario *scn)
{
    double sum_off = 0, sum_ans = 0, sum_within_rt = 0, sum_rt = 0, sum_ab = 0, sum_rep = 0;
    for (size_t c = 0; c < rep->n_channels; c++) {
        const cc_channel_totals *t = &rep->channels[c];
        const scenario_channel *ch = &scn->channels[c];
        const char *nm = ch->name;
        int rt = realtime_kind(ch->kind);
        double ans = (double)t->answered;
        put(k, (double)t->offered, "channel.%s.%s", nm, "offered");
        put(k, ans, "channel.%s.%s", nm, "answered");
        double sl = CC_NAN;
        if (rt)
            sl = ratio((double)t->answered_within, ans + (double)t->abandoned);
        else if (ch->kind != SCENARIO_CHANNEL_SELF_SERVICE)
            sl = ratio((double)t->answered_within, ans);
        put(k, sl, "channel.%s.%s", nm, "service_level");
        put(k, ch->kind == SCENARIO_CHANNEL_SELF_SERVICE ? CC_NAN : ratio(t->wait_s, ans),
            "channel.%s.%s", nm, "asa_s");
        put(k, ratio((double)t->abandoned, (double)t->offered), "channel.%s.%s", nm,
            "abandon_rate");
        put(k, quantile(t->waits, 0.5), "channel.%s.%s", nm, "wait_p50_s");
        put(k, quantile(t->waits, 0.9), "channel.%s.%s", nm, "wait_p90_s");
        put(k, quantile(t->waits, 0.95), "channel.%s.%s", nm, "wait_p95_s");
        put(k, t->backlog_mean, "channel.%s.%s", nm, "backlog_mean");
        size_t pp = primary_pool(scn, c);
        put(k, pp < rep->n_pools && rep->pools[pp].on_duty_s > 0.0 ? rep->pools[pp].occupancy
                                                                     : CC_NAN,
            "channel.%s.%s", nm, "occupancy");
        put(k, ratio((double)t->outsourced, ans), "channel.%s.%s", nm, "outsourced_share");
        put(k, (double)t->unanswered, "channel.%s.%s", nm, "unanswered_in_time");
        put(k, ratio((double)t->lost, (double)t->offered), "channel.%s.%s", nm, "lost_rate");
        put(k, (double)t->transferred, "channel.%s.%s", nm, "transferred");
        put(k, ratio((double)t->resolved, ans), "channel.%s.%s", nm, "resolved_share");
        sum_off += (double)t->offered;
        sum_ans += ans;
        sum_ab += (double)t->abandoned;
        sum_rep += (double)t->repeat;
        if (rt) {
            sum_within_rt += (double)t->answered_within;
            sum_rt += ans + (double)t->abandoned;
        }
    }
    for (size_t p = 0; p < rep->n_pools; p++) {
        const cc_pool_totals *t = &rep->pools[p];
        put(k, t->on_duty_s > 0.0 ? t->occupancy : CC_NAN, "pool.%s.%s", t->name, "occupancy");
        put(k, t->on_duty_s / 3600.0, "pool.%s.%s", t->name, "on_duty_hours");
        put(k, t->paid_s / 3600.0, "pool.%s.%s", t->name, "paid_hours");
        put(k, (double)t->answered, "pool.%s.%s", t->name, "answered");
        put(k, t->work_s / 3600.0, "pool.%s.%s", t->name, "work_hours");
    }
    for (size_t s = 0; s < rep->n_segments; s++) {
        const cc_segment_totals *t = &rep->segments[s];
        const char *nm = scn->segments[s].name;
        double ended = (double)(t->resolved + t->given_up);
        put(k, (double)t->needs, "segment.%s.%s", nm, "needs");
        put(k, ratio((double)t->resolved, ended), "segment.%s.%s", nm, "resolved_share");
        put(k, ratio(t->contacts_of_resolved, (double)t->resolved), "segment.%s.%s", nm,
            "contacts_per_resolved_need");
        put(k, ratio(t->resolution_s, (double)t->resolved), "segment.%s.%s", nm,
            "time_to_resolution_s");
        put(k, ratio((double)t->abandoned, (double)t->contacts), "segment.%s.%s", nm,
            "abandon_rate");
    }
    const cc_need_totals *n = &rep->needs;
    double ended = (double)n->ended;
    put(k, (double)n->created, "%s.%s", "needs", "created");
    put(k, ratio((double)n->resolved, ended), "%s.%s", "needs", "resolved_share");
    put(k, ratio((double)n->given_up, ended), "%s.%s", "needs", "given_up_share");
    put(k, ratio(n->contacts_of_resolved, (double)n->resolved), "%s.%s", "needs",
        "contacts_per_resolved_need");
    put(k, ratio(n->channels_of_ended, ended), "%s.%s", "needs", "channels_per_need");
    put(k, ratio(n->resolution_s, (double)n->resolved), "%s.%s", "needs",
        "time_to_resolution_s");
    put(k, quantile(n->resolution, 0.9), "%s.%s", "needs", "time_to_resolution_p90_s");
    put(k, ratio(sum_rep, sum_off), "%s.%s", "needs", "repeat_share");
    put(k, sum_off, "%s.%s", "total", "offered");
    put(k, sum_ans, "%s.%s", "total", "answered");
    put(k, ratio(sum_within_rt, sum_rt), "%s.%s", "total", "service_level");
    put(k, ratio(sum_ab, sum_off), "%s.%s", "total", "abandon_rate");
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
    double off = *cc_rep_iv(rep, i, c, CC_IV_OFFERED);
    double ans = *cc_rep_iv(rep, i, c, CC_IV_ANSWERED);
    double ab = *cc_rep_iv(rep, i, c, CC_IV_ABANDONED);
    double within = *cc_rep_iv(rep, i, c, CC_IV_ANSWERED_WITHIN);
    scenario_channel_kind kind = scn->channels[c].kind;
    v[CC_IK_OFFERED] = off;
    v[CC_IK_ANSWERED] = ans;
    v[CC_IK_ABANDONED] = ab;
    if (kind == SCENARIO_CHANNEL_SELF_SERVICE)
        v[CC_IK_SERVICE_LEVEL] = CC_NAN;
    else
        v[CC_IK_SERVICE_LEVEL] = ratio(within, realtime_kind(kind) ? ans + ab : ans);
    v[CC_IK_ASA_S] = kind == SCENARIO_CHANNEL_SELF_SERVICE
                         ? CC_NAN
                         : ratio(*cc_rep_iv(rep, i, c, CC_IV_WAIT_S), ans);
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
        s->ci[j] = sim_ci_from_tally(&t, level);
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
    for (size_t i = 0; i < s->n_intervals; i++) {
        /* A folded row sums every week's same interval: its counts and end-of-interval
         * backlog become the mean over those weeks (ratios of the sums stay pooled). */
        size_t weeks = s->folded ? cc_hours_fold_count(scn, i) : 1;
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
                sim_ci ci = sim_ci_from_tally(&tl[f], level);
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
