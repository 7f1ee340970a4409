/* cc_model.c -- the life cycle of contacts in the omnichannel model (cc_model.h); docs/model.md
 * explains every mechanism in words. The state it works on, entities and queues, is in
 * cc_model_internal.h; the pools and the choice of agents and contacts are the routing
 * policy's (cc_route.h, through m->route).
 *
 * The life of a contact, in the order of this file:
 *   arrival         on_arrival (a source's next first contact), need_new
 *   enter channel   enter_channel (counted, lost or held while closed, self-service),
 *                   on_held_open
 *   route           route (a share-mode outsourcer, else a pool that can answer at once);
 *                   block (every line busy), balks (must wait and leaves at once)
 *   serve or queue  serve (an agent answers: handle time), enqueue (patience and callback
 *                   offer timers); attempt_fails, on_attempt_end, on_retry (a callback
 *                   attempt that does not reach the customer)
 *   end             on_service_end (resolved or not; the freed agent takes the next contact),
 *                   service_outcome, transfer_on (to another channel), agent_slot_freed,
 *                   on_self_service_end
 *   after-call work wrap_up_start (the agent keeps the slot), hold_free, on_wrap_up_end,
 *   and conference   hold_release, on_conference_end
 *   abandon or offer on_patience (abandon, or unanswered in time), abandon_queued, on_offer,
 *                   transfer_to_callback, close_queues (at_close), on_queue_timeout
 *                   (max_queue_s)
 *   hop             hop (redial, next channel or give up), schedule_ticket, on_ticket
 *   need end        release_contact, need_resolve, need_unref (the need's totals)
 * Then capacity (overflow watches, agents coming on and off duty), the clock (opening hours,
 * interval boundaries, warm-up) and the set-up and run of a replication.
 *
 * Time integrals (queue length, agents on duty, busy agents) are integrated exactly between
 * changes and flushed into the series at each interval boundary, an ordinary event that runs
 * before any other event at the same time.
 */
#include "cc_model.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "cc_dist.h"
#include "cc_model_internal.h"
#include "cc_qlimit.h"
#include "cc_route.h"
#include "cc_staff.h"
#include "demand.h"
#include "demand_factor.h"
#include "hours.h"
#include "limits_run.h"
#include "sim_alloc.h"
#include "sim_assert.h"
#include "sim_env.h"
#include "sim_pool.h"
#include "sim_rng.h"
#include "sim_runner.h"

/* Event priorities among equal times: statistics boundary first, then warm-up, opening
 * hours, and the model's own events. */
enum { PRIO_BOUNDARY = -20, PRIO_WARMUP = -15, PRIO_HOURS = -10, PRIO_MODEL = 0 };

/* The life of a contact (see above), declared in order: the steps call one another. */
static void on_arrival(sim_env *env, void *obj, void *arg);
static cc_need *need_new(cc_sim *m, size_t segment);
static void enter_channel(cc_sim *m, cc_need *n, size_t chn, int repeat, double key_s);
static void on_held_open(sim_env *env, void *obj, void *arg);
static void route(cc_sim *m, cc_contact *c);
static void block(cc_sim *m, cc_contact *c);
static int balks(cc_sim *m, cc_contact *c);
static void serve(cc_sim *m, size_t pi, cc_agent *a, cc_contact *c);
static void enqueue(cc_sim *m, size_t qi, cc_contact *c);
static void attempt_fails(cc_sim *m, size_t pi, cc_agent *a, cc_contact *c);
static void on_service_end(sim_env *env, void *obj, void *arg);
static void on_attempt_end(sim_env *env, void *obj, void *arg);
static void on_retry(sim_env *env, void *obj, void *arg);
static void service_outcome(cc_sim *m, cc_contact *c, cc_wrap *w);
static void transfer_on(cc_sim *m, cc_contact *c, size_t to, cc_wrap *w);
static void agent_slot_freed(cc_sim *m, size_t pi, cc_agent *a);
static void wrap_up_start(cc_sim *m, cc_contact *c);
static void hold_free(cc_sim *m, cc_wrap *w, cc_trace_kind kind);
static void on_wrap_up_end(sim_env *env, void *obj, void *arg);
static void hold_release(cc_sim *m, cc_wrap *w);
static void on_conference_end(sim_env *env, void *obj, void *arg);
static void on_self_service_end(sim_env *env, void *obj, void *arg);
static void on_patience(sim_env *env, void *obj, void *arg);
static void abandon_queued(cc_sim *m, cc_contact *c, int at_close);
static void on_offer(sim_env *env, void *obj, void *arg);
static void on_queue_timeout(sim_env *env, void *obj, void *arg);
static void transfer_to_callback(cc_sim *m, cc_contact *c, int at_close);
static void close_queues(cc_sim *m, size_t c);
static void hop(cc_sim *m, cc_contact *ct, cc_need *n, size_t from, scenario_outcome outcome);
static int schedule_ticket(cc_sim *m, cc_need *n, size_t channel, double delay_s);
static void on_ticket(sim_env *env, void *obj, void *arg);
static void release_contact(cc_sim *m, cc_contact *c);
static void need_resolve(cc_sim *m, cc_need *n);
static void need_unref(cc_sim *m, cc_need *n);
/* Capacity. */
static void watch_arm(cc_sim *m, cc_watch *w);
static void on_watch(sim_env *env, void *obj, void *arg);
static void pool_serve_waiting(cc_sim *m, size_t pi);
static void outbound_fill(cc_sim *m, size_t pi);


/* ---- small helpers ------------------------------------------------------------------- */

static double sim_now(const cc_sim *m)
{
    return sim_env_now(m->env);
}

static void area_set(cc_area *a, double t, double v)
{
    a->area += a->value * (t - a->last_s);
    a->last_s = t;
    a->value = v;
}

/* Area since the last flush, then start again at t. */
static double area_take(cc_area *a, double t)
{
    area_set(a, t, a->value);
    double x = a->area;
    a->area = 0.0;
    return x;
}

static uint32_t row_of(const cc_sim *m, double t)
{
    double day = floor(t / CC_DAY_S);
    double tod = t - day * CC_DAY_S;
    size_t i = (size_t)(tod / m->interval_s);
    if (i >= m->ipd)
        i = m->ipd - 1;
    size_t row;
    if (m->folded)
        row = hours_weekday(m->scn, t) * m->ipd + i;
    else
        row = (size_t)day * m->ipd + i;
    if (row >= m->r->n_intervals)
        row = m->r->n_intervals - 1;
    return (uint32_t)row;
}

static void iv_add(cc_sim *m, uint32_t row, size_t ch, cc_iv_field f, double x)
{
    if (row != CC_NO_ROW)
        *cc_rep_iv(m->r, row, ch, f) += x;
}

static void pv_add(cc_sim *m, uint32_t row, size_t pool, cc_pv_field f, double x)
{
    if (row != CC_NO_ROW)
        *cc_rep_pv(m->r, row, pool, f) += x;
}

/* ---- per-contact random numbers (cc_draw in cc_model.h, docs/model.md) --------------- */

#define CC_GOLDEN 0x9e3779b97f4a7c15ULL /* splitmix64's increment */

/* The splitmix64 finaliser (Steele, Lea & Flood 2014): a bijection that mixes every bit. */
static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* Key of the j-th contact of a need: the j-th splitmix64 output of the need's key. */
static uint64_t contact_key(uint64_t need_key, uint32_t j)
{
    return mix64(need_key + CC_GOLDEN * (uint64_t)j);
}

/* Draw (purpose, occ) of a contact reads the splitmix64 sequence of the contact's key at
 * positions 4k+1 .. 4k+4 with k = purpose * 256 + occ: the windows of a contact's draws are
 * disjoint, and those of two contacts overlap only if their random 64-bit keys fall within a
 * few thousand steps of each other. */
static uint64_t draw_base(const cc_contact *c, cc_draw purpose, unsigned occ)
{
    return c->key + CC_GOLDEN * 4u * ((uint64_t)purpose * 256u + (occ & 255u));
}

/* One uniform on [0, 1) for a yes/no or pick-one draw: the window's first output. */
static double contact_uniform(const cc_contact *c, cc_draw purpose, unsigned occ)
{
    return (double)(mix64(draw_base(c, purpose, occ) + CC_GOLDEN) >> 11) * 0x1.0p-53;
}

/* A generator for draws that need a distribution (handle time, patience, delays): xoshiro256++
 * seeded with the window (its seeding takes exactly those four splitmix64 outputs). A
 * contact's draws depend on its key only, never on what other contacts drew before. */
static const gsl_rng *contact_rng(const cc_sim *m, const cc_contact *c, cc_draw purpose,
                                  unsigned occ)
{
    /* unsigned long is 64 bits on the LP64 targets we build for (as in sim_rng.c). */
    gsl_rng_set(m->draw, (unsigned long)draw_base(c, purpose, occ));
    return m->draw;
}

static const scenario_hop *hop_rule(const scenario *scn, size_t seg, scenario_outcome o,
                                    size_t from)
{
    if (scn->hops == NULL)
        return NULL;
    return &scn->hops[(seg * SCENARIO_OUTCOME_COUNT + (size_t)o) * scn->n_channels + from];
}

static const scenario_channel *chan(const cc_sim *m, size_t c)
{
    return &m->scn->channels[c];
}

/* What channel c's kind does (scenario_kind_props), looked up once at set-up. */
static const scenario_kind_props *kind(const cc_sim *m, size_t c)
{
    return m->kind[c];
}

/* ---- trace (cc_options.trace) -------------------------------------------------------- */

/* Emit a trace event. The macro keeps the untraced path to one predictable branch: the
 * event is built only when a callback is installed. */
#define TRACE(m, ...)                                                                         \
    do {                                                                                      \
        if ((m)->trace != NULL)                                                               \
            trace_emit((m), __VA_ARGS__);                                                     \
    } while (0)

static void trace_emit(const cc_sim *m, cc_trace_kind kind, const cc_contact *c,
                       const cc_need *n, size_t channel, size_t to, size_t pool, double wait_s,
                       double duration_s, int outcome)
{
    if (n == NULL && c != NULL)
        n = c->need;
    cc_trace_event ev;
    ev.replication = m->replication;
    ev.time_s = sim_env_now(m->env);
    ev.kind = kind;
    ev.contact = c != NULL ? c->id : 0;
    ev.need = n != NULL ? n->id : 0;
    ev.segment = n != NULL ? n->segment : SCENARIO_NONE;
    ev.channel = channel;
    ev.to_channel = to;
    ev.pool = pool != SCENARIO_NONE ? m->r->pools[pool].name : NULL;
    ev.wait_s = wait_s;
    ev.duration_s = duration_s;
    ev.outcome = outcome;
    ev.repeat = c != NULL ? c->repeat : 0;
    ev.counted = c != NULL ? c->row != CC_NO_ROW : (n != NULL && n->counted);
    m->trace(m->trace_ctx, &ev);
}

/* ---- agents and queues --------------------------------------------------------------- */

static void agent_unlist(cc_pool *p, cc_agent *a)
{
    if (a->list == CC_NO_LIST)
        return;
    size_t l = a->list;
    if (a->prev != NULL)
        a->prev->next = a->next;
    else
        p->level_head[l] = a->next;
    if (a->next != NULL)
        a->next->prev = a->prev;
    else
        p->level_tail[l] = a->prev;
    a->prev = a->next = NULL;
    a->list = CC_NO_LIST;
}

/* Put a on the list its state calls for (at the tail: longest idle first). */
static void agent_relist(cc_pool *p, cc_agent *a)
{
    agent_unlist(p, a);
    if (!a->on_duty || a->leaving || a->single || a->load >= p->kmax)
        return;
    size_t l = a->load;
    a->list = (uint8_t)l;
    a->next = NULL;
    a->prev = p->level_tail[l];
    if (p->level_tail[l] != NULL)
        p->level_tail[l]->next = a;
    else
        p->level_head[l] = a;
    p->level_tail[l] = a;
}

static double agent_busy(const cc_pool *p, const cc_agent *a)
{
    if (a->single)
        return 1.0;
    return (double)a->load / (double)p->kmax;
}

static void agent_go_off(cc_sim *m, cc_pool *p, cc_agent *a)
{
    SIM_ASSERT(!a->overtime, "an agent in overtime going off duty");
    agent_unlist(p, a);
    a->on_duty = 0;
    a->leaving = 0;
    p->off[p->n_off++] = (size_t)(a - p->agents);
    p->present--;
    area_set(&p->duty, sim_now(m), (double)p->present);
}

/* Agent a starts or ends serving past the end of its duty (at_close "serve"). */
static void agent_set_overtime(cc_sim *m, cc_pool *p, cc_agent *a, int on)
{
    if (a->overtime == (uint8_t)on)
        return;
    a->overtime = (uint8_t)on;
    area_set(&p->overtime, sim_now(m), p->overtime.value + (on ? 1.0 : -1.0));
}

static void queue_unlink(cc_sim *m, cc_contact *c)
{
    cc_queue *q = &m->queues[c->queue];
    if (c->prev != NULL)
        c->prev->next = c->next;
    else
        q->head = c->next;
    if (c->next != NULL)
        c->next->prev = c->prev;
    else
        q->tail = c->prev;
    c->prev = c->next = NULL;
    q->len--;
    m->waiting[c->channel]--;
    area_set(&m->queues[c->channel].area, sim_now(m), (double)m->waiting[c->channel]);
}

static void cancel_timers(cc_sim *m, cc_contact *c)
{
    if (c->patience != 0 && sim_env_is_pending(m->env, c->patience))
        sim_env_cancel(m->env, c->patience);
    if (c->offer != 0 && sim_env_is_pending(m->env, c->offer))
        sim_env_cancel(m->env, c->offer);
    if (c->timeout != 0 && sim_env_is_pending(m->env, c->timeout))
        sim_env_cancel(m->env, c->timeout);
    c->patience = c->offer = c->timeout = 0;
}

/* ---- 1. arrival ---------------------------------------------------------------------- */

static void start_source(cc_sim *m, size_t s, double from_s)
{
    double rate = m->src_rate[s];
    if (!(rate > 0.0))
        return;
    double t = from_s + sim_rng_exponential(m->rng[CC_STREAM_ARRIVALS + s], 1.0 / rate);
    if (t < m->next_boundary_s && t < m->horizon_s)
        sim_env_schedule_at(m->env, t, PRIO_MODEL, on_arrival, m, (void *)(uintptr_t)s);
}

static size_t draw_cum(const double *cum, size_t n, double u)
{
    for (size_t i = 0; i < n; i++) {
        if (u < cum[i])
            return i;
    }
    return n - 1;
}

static void on_arrival(sim_env *env, void *obj, void *arg)
{
    cc_sim *m = obj;
    size_t s = (size_t)(uintptr_t)arg;
    const scenario *scn = m->scn;
    double now = sim_env_now(env);
    m->r->model_events++;
    start_source(m, s, now);

    size_t seg, chn;
    if (scn->demand_mode == SCENARIO_DEMAND_BY_SEGMENT) {
        seg = s;
        const scenario_segment *g = &scn->segments[seg];
        double total = 0.0, total_open = 0.0;
        for (size_t c = 0; c < scn->n_channels; c++) {
            total += g->preference[c];
            if (m->open[c])
                total_open += g->preference[c];
        }
        int restrict_open = total_open > 0.0;
        double u = gsl_rng_uniform(m->rng[CC_STREAM_FIRST_CHANNEL]) *
                   (restrict_open ? total_open : total);
        chn = SCENARIO_NONE;
        double acc = 0.0;
        for (size_t c = 0; c < scn->n_channels; c++) {
            if (g->preference[c] <= 0.0 || (restrict_open && !m->open[c]))
                continue;
            chn = c;
            acc += g->preference[c];
            if (u < acc)
                break;
        }
        if (chn == SCENARIO_NONE)
            return; /* a segment without preferences: no contact (validated away) */
    } else {
        chn = s;
        seg = scn->n_segments == 1
                  ? 0
                  : draw_cum(m->seg_cum[chn], scn->n_segments,
                             gsl_rng_uniform(m->rng[CC_STREAM_SEGMENT]));
    }
    cc_need *n = need_new(m, seg);
    if (n == NULL)
        return;
    n->key = sim_rng_seed_hash(m->key_salt, s, ++m->src_needs[s]);
    n->contacts = 1;
    TRACE(m, CC_TRACE_ARRIVAL, NULL, n, chn, SCENARIO_NONE, SCENARIO_NONE, (double)NAN,
          (double)NAN, -1);
    n->live++; /* held while entering */
    enter_channel(m, n, chn, 0, (double)NAN);
    need_unref(m, n);
}

static cc_need *need_new(cc_sim *m, size_t segment)
{
    cc_need *n = sim_pool_alloc(m->need_pool);
    if (n == NULL) {
        m->oom = 1;
        sim_env_stop(m->env);
        return NULL;
    }
    double now = sim_now(m);
    memset(n, 0, sizeof *n);
    n->created_s = now;
    n->segment = (uint16_t)segment;
    n->counted = now >= m->warmup_s;
    if (m->trace != NULL)
        n->id = ++m->next_need_id;
    if (n->counted) {
        m->r->needs.created++;
        m->r->segments[segment].needs++;
        m->needs_open_counted++;
    }
    return n;
}

/* ---- 2. enter channel ---------------------------------------------------------------- */

/* A contact of need n enters channel chn now (key_s: queue place, NAN for "now"). */
static void enter_channel(cc_sim *m, cc_need *n, size_t chn, int repeat, double key_s)
{
    const scenario *scn = m->scn;
    const scenario_channel *ch = chan(m, chn);
    double now = sim_now(m);
    cc_contact *c = sim_pool_alloc(m->contact_pool);
    if (c == NULL) {
        m->oom = 1;
        sim_env_stop(m->env);
        return;
    }
    memset(c, 0, sizeof *c);
    c->need = n;
    c->channel = (uint16_t)chn;
    c->entry_s = c->queue_s = now;
    c->key_s = isnan(key_s) ? now : key_s;
    c->repeat = (uint8_t)repeat;
    c->key = contact_key(n->key, ++n->entries);
    c->row = now >= m->warmup_s ? row_of(m, now) : CC_NO_ROW;
    if (m->conference != NULL) {
        c->held = m->conference; /* a conference transfer: its first agent waits with it */
        m->conference = NULL;
    }
    if (m->trace != NULL) {
        c->id = ++m->next_contact_id;
        trace_emit(m, CC_TRACE_ENTER, c, n, chn, SCENARIO_NONE, SCENARIO_NONE, (double)NAN,
                   (double)NAN, -1);
    }
    n->live++;
    n->channels |= 1u << chn;
    size_t live = sim_pool_in_use(m->contact_pool);
    if (live > m->peak_contacts) {
        m->peak_contacts = live;
        if (live > m->max_in_system) { /* the memory guard: stop before the machine runs out */
            m->over_cap = 1;
            sim_env_stop(m->env);
        }
    }
    m->r->accounting[chn].arrived++;
    if (c->row != CC_NO_ROW) {
        iv_add(m, c->row, chn, CC_IV_ARRIVED, 1.0);
        if (repeat)
            iv_add(m, c->row, chn, CC_IV_REPEAT, 1.0);
        m->r->segments[n->segment].contacts++;
        if (kind(m, chn)->realtime)
            m->r->segments[n->segment].realtime_arrived++;
    }

    if (!m->open[chn]) {
        if (ch->when_closed == SCENARIO_CLOSED_WAIT && kind(m, chn)->backlog) {
            route(m, c); /* a deferred or callback item joins the backlog */
            return;
        }
        if (ch->when_closed == SCENARIO_CLOSED_WAIT) {
            double at = hours_next_open(scn, chn, now);
            if (!isinf(at))
                TRACE(m, CC_TRACE_HELD, c, n, chn, SCENARIO_NONE, SCENARIO_NONE, (double)NAN,
                      (double)NAN, -1);
            if (at < m->horizon_s) {
                c->state = CC_ST_HELD;
                m->held[chn]++;
                sim_env_schedule_at(m->env, at, PRIO_MODEL, on_held_open, m, c);
                return;
            }
            if (isinf(at)) {
                /* never open: nothing to wait for, the contact is lost */
            } else {
                c->state = CC_ST_HELD; /* opens after the horizon: still in the system */
                m->held[chn]++;
                return;
            }
        }
        m->r->accounting[chn].lost_closed++;
        iv_add(m, c->row, chn, CC_IV_LOST_CLOSED, 1.0);
        if (repeat)
            iv_add(m, c->row, chn, CC_IV_LOST_CLOSED_REPEAT, 1.0);
        if (c->row != CC_NO_ROW && kind(m, chn)->realtime)
            m->r->segments[n->segment].realtime_lost_closed++;
        TRACE(m, CC_TRACE_LOST, c, n, chn, SCENARIO_NONE, SCENARIO_NONE, (double)NAN,
              (double)NAN, -1);
        if (ch->when_closed == SCENARIO_CLOSED_HOP)
            hop(m, c, n, chn, SCENARIO_OUTCOME_CLOSED);
        release_contact(m, c);
        return;
    }
    if (!kind(m, chn)->agent_time) {
        c->state = CC_ST_SELF;
        m->in_self[chn]++;
        double f = scn->segments[n->segment].handle_time_factor;
        const scenario_dist *hd = &ch->handle_time;
        if (ch->n_handle_periods > 0)
            hd = cc_dist_by_period(hd, ch->handle_periods, ch->n_handle_periods, sim_now(m), &f);
        double d = cc_dist_draw(contact_rng(m, c, CC_DRAW_HANDLE, 0), hd, f);
        TRACE(m, CC_TRACE_SELF_SERVICE, c, n, chn, SCENARIO_NONE, SCENARIO_NONE, (double)NAN,
              d, -1);
        sim_env_schedule(m->env, d, PRIO_MODEL, on_self_service_end, m, c);
        return;
    }
    route(m, c);
}

static void on_held_open(sim_env *env, void *obj, void *arg)
{
    cc_sim *m = obj;
    cc_contact *c = arg;
    (void)env;
    m->r->model_events++;
    m->held[c->channel]--;
    c->state = 0;
    c->queue_s = c->key_s = sim_now(m);
    route(m, c);
}

/* ---- 3. route ------------------------------------------------------------------------ */

/* Route contact c (channel open, or a deferred item) now: answer at once or queue. */
static void route(cc_sim *m, cc_contact *c)
{
    size_t chn = c->channel;
    /* Lines: callers waiting and in service each hold one (outsourcers' share queues
     * included: the call reaches them over the center's lines). */
    size_t lines = chan(m, chn)->lines;
    if (lines > 0 && m->waiting[chn] + m->in_service[chn] >= lines) {
        block(m, c);
        return;
    }
    if (m->n_share[chn] > 0) {
        double u = contact_uniform(c, CC_DRAW_ROUTING, 0);
        for (size_t k = 0; k < m->n_share[chn]; k++) {
            if (u < m->share_cum[chn][k]) {
                size_t pi = m->share_pool[chn][k];
                size_t qi = m->share_queue[chn][k];
                cc_agent *a = cc_model_head_servable(m, c) && m->queues[qi].head == NULL
                                  ? m->route->find_agent(m, &m->pools[pi], c)
                                  : NULL;
                if (a != NULL)
                    serve(m, pi, a, c);
                else if (!(chan(m, chn)->has_balking && balks(m, c)))
                    enqueue(m, qi, c);
                return;
            }
        }
    }
    if (cc_model_head_servable(m, c) && m->queues[chn].head == NULL) {
        cc_agent *a = NULL;
        size_t pi = m->route->pick_pool(m, c, &a);
        if (pi != SIZE_MAX) {
            serve(m, pi, a, c);
            return;
        }
    }
    if (chan(m, chn)->has_balking && balks(m, c))
        return;
    enqueue(m, chn, c);
}

/* Voice/video caller c finds every line of its channel busy: refused at once (counted
 * blocked, never queued), then its need follows the hop rules for "blocked" (a rule back to
 * the same channel is a redial). */
static void block(cc_sim *m, cc_contact *c)
{
    size_t chn = c->channel;
    m->r->accounting[chn].blocked++;
    iv_add(m, c->row, chn, CC_IV_BLOCKED, 1.0);
    TRACE(m, CC_TRACE_BLOCKED, c, NULL, chn, SCENARIO_NONE, SCENARIO_NONE, (double)NAN,
          (double)NAN, -1);
    hop(m, c, c->need, chn, SCENARIO_OUTCOME_BLOCKED);
    release_contact(m, c);
}

/* The wait announced to a contact joining channel chn now behind `ahead` waiting contacts
 * (cc_qlimit_estimated_wait_s): the channel's mean handle time now (its period's, with
 * handle_time_by_period), and as servers the agents on duty, not leaving, in the pools that
 * take the channel at once (skills without an overflow threshold, share-mode outsourcers),
 * times the concurrency for chat. O(pools serving the channel + periods). */
static double announced_wait_s(const cc_sim *m, size_t chn, size_t ahead)
{
    const scenario_channel *ch = chan(m, chn);
    double servers = 0.0;
    for (size_t k = 0; k < m->n_direct[chn]; k++)
        servers += (double)m->pools[m->direct[chn][k].pool].active;
    for (size_t k = 0; k < m->n_share[chn]; k++)
        servers += (double)m->pools[m->share_pool[chn][k]].active;
    if (kind(m, chn)->concurrent)
        servers *= (double)ch->concurrency;
    double factor = 1.0;
    const scenario_dist *hd = &ch->handle_time;
    if (ch->n_handle_periods > 0)
        hd = cc_dist_by_period(hd, ch->handle_periods, ch->n_handle_periods, sim_now(m), &factor);
    return cc_qlimit_estimated_wait_s(hd->mean_s * factor, (double)ahead, servers);
}

/* Real-time contact c must wait: it balks (leaves at once) with the probability its channel
 * gives for the contacts already waiting and the announced wait (cc_qlimit.h), one draw of
 * its own. Returns 1 when it balked: counted balked, never queued, its need follows the hop
 * rules for "balked"; 0 when it stays (the caller then queues it). */
static int balks(cc_sim *m, cc_contact *c)
{
    size_t chn = c->channel;
    const scenario_channel *ch = chan(m, chn);
    double wait_s =
        ch->balk_per_announced_minute > 0.0 ? announced_wait_s(m, chn, m->waiting[chn]) : 0.0;
    double p = cc_qlimit_balk_probability(ch, (double)m->waiting[chn], wait_s);
    if (!(contact_uniform(c, CC_DRAW_BALK, 0) < p))
        return 0;
    m->r->accounting[chn].balked++;
    iv_add(m, c->row, chn, CC_IV_BALKED, 1.0);
    TRACE(m, CC_TRACE_BALKED, c, NULL, chn, SCENARIO_NONE, SCENARIO_NONE, (double)NAN,
          announced_wait_s(m, chn, m->waiting[chn]), -1);
    hop(m, c, c->need, chn, SCENARIO_OUTCOME_BALKED);
    release_contact(m, c);
    return 1;
}

/* ---- 4. serve or queue --------------------------------------------------------------- */

/* Agent a of pool pi answers contact c (already off its queue) now. */
static void serve(cc_sim *m, size_t pi, cc_agent *a, cc_contact *c)
{
    cc_pool *p = &m->pools[pi];
    const scenario_channel *ch = chan(m, c->channel);
    double now = sim_now(m);
    cancel_timers(m, c);
    if (ch->has_reach && !(contact_uniform(c, CC_DRAW_REACH, c->attempts) < ch->reach_share)) {
        attempt_fails(m, pi, a, c);
        return;
    }
    int deferred_like = kind(m, c->channel)->backlog;
    double wait = deferred_like ? now - c->entry_s : now - c->queue_s;
    double threshold = deferred_like ? ch->response_target_s : ch->sl_threshold_s;
    int within = wait <= threshold;
    size_t first_out = m->n_pools - m->scn->n_outsourcers;
    int within_sla = pi >= first_out
                         ? wait <= m->scn->outsourcers[pi - first_out].sl_threshold_s
                         : within;

    double old_busy = agent_busy(p, a);
    int chat = !p->single_only && kind(m, c->channel)->concurrent;
    if (chat) {
        a->load++;
    } else {
        SIM_ASSERT(a->load == 0, "single task given to a busy agent");
        a->load = 1;
        a->single = 1;
    }
    agent_relist(p, a);
    area_set(&p->busy, now, p->busy.value - old_busy + agent_busy(p, a));

    double factor = m->scn->segments[c->need->segment].handle_time_factor * p->ht_factor *
                    p->skill_factor[c->channel]; /* x 1 is exact: no proficiency, no change */
    const scenario_dist *hd = &ch->handle_time;
    if (ch->n_handle_periods > 0)
        hd = cc_dist_by_period(hd, ch->handle_periods, ch->n_handle_periods, sim_now(m), &factor);
    double ht = cc_dist_draw(contact_rng(m, c, CC_DRAW_HANDLE, 0), hd, factor);
    if (chat && ch->stretch > 0.0)
        ht *= 1.0 + ch->stretch * (double)(a->load - 1);
    cc_wrap *conf = c->held;
    if (conf != NULL) {
        /* a conference transfer: both agents confer, then the first one leaves */
        ht += conf->conference_s;
        c->held = NULL;
    }

    c->agent = a;
    c->pool = (uint16_t)pi;
    c->state = CC_ST_SERVICE;
    m->in_service[c->channel]++;

    if (c->row != CC_NO_ROW) {
        iv_add(m, c->row, c->channel, CC_IV_ANSWERED, 1.0);
        iv_add(m, c->row, c->channel, CC_IV_ANSWERED_WITHIN, within ? 1.0 : 0.0);
        iv_add(m, c->row, c->channel, CC_IV_WAIT_S, wait);
        iv_add(m, c->row, c->channel, CC_IV_WORK_S, ht);
        if (pi >= first_out)
            iv_add(m, c->row, c->channel, CC_IV_OUTSOURCED, 1.0);
        pv_add(m, c->row, pi, CC_PV_ANSWERED, 1.0);
        pv_add(m, c->row, pi, CC_PV_ANSWERED_WITHIN, within ? 1.0 : 0.0);
        pv_add(m, c->row, pi, CC_PV_ANSWERED_WITHIN_SLA, within_sla ? 1.0 : 0.0);
        pv_add(m, c->row, pi, CC_PV_WORK_S, ht);
        sim_histogram_add(m->r->channels[c->channel].waits, wait);
        m->r->segments[c->need->segment].answered++;
        if (ch->has_wrap_up) {
            /* Booked at the answer with the talk time; wrap_up_start draws the same value. */
            double wrap = cc_dist_draw(contact_rng(m, c, CC_DRAW_WRAP_UP, 0), &ch->wrap_up, 1.0);
            iv_add(m, c->row, c->channel, CC_IV_WRAP_S, wrap);
            pv_add(m, c->row, pi, CC_PV_WRAP_S, wrap);
        }
    }
    TRACE(m, CC_TRACE_ANSWER, c, NULL, c->channel, SCENARIO_NONE, pi, wait, ht,
          a->overtime ? CC_TRACE_AT_CLOSE : -1);
    sim_env_schedule(m->env, ht, PRIO_MODEL, on_service_end, m, c);
    if (conf != NULL) {
        TRACE(m, CC_TRACE_CONFERENCE, c, NULL, c->channel, SCENARIO_NONE, conf->pool,
              (double)NAN, conf->conference_s, -1);
        sim_env_schedule(m->env, conf->conference_s, PRIO_MODEL, on_conference_end, m, conf);
    }
}

/* Agent a of pool pi calls callback item c (already off its queue) and does not reach the
 * customer: the agent is held reach_attempt_s, then on_attempt_end. Not answered: nothing is
 * booked but the agent's busy time. */
static void attempt_fails(cc_sim *m, size_t pi, cc_agent *a, cc_contact *c)
{
    cc_pool *p = &m->pools[pi];
    double old_busy = agent_busy(p, a);
    SIM_ASSERT(a->load == 0, "callback attempt given to a busy agent");
    a->load = 1;
    a->single = 1;
    agent_relist(p, a);
    area_set(&p->busy, sim_now(m), p->busy.value - old_busy + agent_busy(p, a));
    c->agent = a;
    c->pool = (uint16_t)pi;
    c->state = CC_ST_SERVICE;
    m->in_service[c->channel]++;
    sim_env_schedule(m->env, chan(m, c->channel)->reach_attempt_s, PRIO_MODEL, on_attempt_end,
                     m, c);
}

static void enqueue(cc_sim *m, size_t qi, cc_contact *c)
{
    int offer_now = 0;
    cc_queue *q = &m->queues[qi];
    const scenario_channel *ch = chan(m, c->channel);
    c->queue = (uint16_t)qi;
    c->state = CC_ST_QUEUED;
    /* Sorted insertion from the tail: O(1) except for callbacks keeping an older place. */
    cc_contact *after = q->tail;
    while (after != NULL && after->key_s > c->key_s)
        after = after->prev;
    c->prev = after;
    c->next = after != NULL ? after->next : q->head;
    if (c->next != NULL)
        c->next->prev = c;
    else
        q->tail = c;
    if (after != NULL)
        after->next = c;
    else
        q->head = c;
    q->len++;
    double now = sim_now(m);
    m->waiting[c->channel]++;
    area_set(&m->queues[c->channel].area, now, (double)m->waiting[c->channel]);
    TRACE(m, CC_TRACE_QUEUE, c, NULL, c->channel, SCENARIO_NONE, q->owner, (double)NAN,
          (double)NAN, -1);

    if (kind(m, c->channel)->abandons) {
        if (ch->has_patience) {
            double f = m->scn->segments[c->need->segment].patience_factor;
            const scenario_dist *pd = &ch->patience;
            if (ch->n_patience_periods > 0)
                pd = cc_dist_by_period(pd, ch->patience_periods, ch->n_patience_periods, now, &f);
            double pat = cc_dist_draw(contact_rng(m, c, CC_DRAW_PATIENCE, 0), pd, f);
            c->patience = sim_env_schedule(m->env, pat, PRIO_MODEL, on_patience, m, c);
        }
        if (kind(m, c->channel)->callback_offer && ch->callback_channel != SCENARIO_NONE) {
            if (!ch->callback_offer_on_estimate)
                c->offer = sim_env_schedule(m->env, ch->callback_offer_after_s, PRIO_MODEL,
                                            on_offer, m, c);
            else if (announced_wait_s(m, c->channel, m->waiting[c->channel] - 1) >
                         ch->callback_offer_estimate_s &&
                     contact_uniform(c, CC_DRAW_CALLBACK, 0) < ch->callback_accept_share)
                offer_now = 1; /* once it stands in the queue (below) */
        }
        if (ch->max_queue_s > 0.0)
            c->timeout = sim_env_schedule(m->env, ch->max_queue_s, PRIO_MODEL,
                                          on_queue_timeout, m, c);
    } else if (ch->has_patience && c->patience == 0 && !c->patience_done) {
        /* (patience_done: a callback item queued again after a failed attempt whose
         * patience has already fired) */
        double f = m->scn->segments[c->need->segment].patience_factor;
        const scenario_dist *pd = &ch->patience;
        if (ch->n_patience_periods > 0)
            pd = cc_dist_by_period(pd, ch->patience_periods, ch->n_patience_periods, c->entry_s,
                                   &f);
        double pat = cc_dist_draw(contact_rng(m, c, CC_DRAW_PATIENCE, 0), pd, f);
        double at = c->entry_s + pat;
        if (at < now)
            at = now;
        c->patience = sim_env_schedule_at(m->env, at, PRIO_MODEL, on_patience, m, c);
    }
    if (q->head == c) {
        for (size_t w = 0; w < m->n_watch; w++) {
            if (m->watch[w].queue == qi)
                watch_arm(m, &m->watch[w]);
        }
    }
    if (offer_now)
        transfer_to_callback(m, c, 0);
}

/* ---- 5. end -------------------------------------------------------------------------- */

static void on_service_end(sim_env *env, void *obj, void *arg)
{
    cc_sim *m = obj;
    cc_contact *c = arg;
    (void)env;
    m->r->model_events++;
    size_t chn = c->channel;
    if (chan(m, chn)->has_wrap_up || chan(m, chn)->transfer_conference_share > 0.0) {
        wrap_up_start(m, c);
        return;
    }
    size_t pi = c->pool;
    cc_pool *p = &m->pools[pi];
    cc_agent *a = c->agent;
    double now = sim_now(m);
    double old_busy = agent_busy(p, a);
    a->load--;
    a->single = 0;
    area_set(&p->busy, now, p->busy.value - old_busy + agent_busy(p, a));
    m->in_service[chn]--;
    m->r->accounting[chn].handled++;
    agent_set_overtime(m, p, a, 0);
    service_outcome(m, c, NULL);
    release_contact(m, c);
    agent_slot_freed(m, pi, a);
}

/* Contact c's service has ended: passed on to another channel (channels[].transfer), or
 * resolved, or not and its need follows the hop rules. w: the record that keeps its agent's
 * slot (wrap_up_start), which a conference transfer claims; NULL when the agent is freed. */
static void service_outcome(cc_sim *m, cc_contact *c, cc_wrap *w)
{
    size_t chn = c->channel;
    size_t to = chan(m, chn)->transfer_channel;
    if (to != SCENARIO_NONE && m->open[to] &&
        contact_uniform(c, CC_DRAW_TRANSFER, 0) < chan(m, chn)->transfer_share) {
        transfer_on(m, c, to, w);
        return;
    }
    if (contact_uniform(c, CC_DRAW_RESOLUTION, 0) < chan(m, chn)->fcr_share) {
        iv_add(m, c->row, chn, CC_IV_RESOLVED, 1.0);
        need_resolve(m, c->need);
        TRACE(m, CC_TRACE_END, c, NULL, chn, SCENARIO_NONE, SCENARIO_NONE, (double)NAN,
              (double)NAN, 1);
    } else {
        iv_add(m, c->row, chn, CC_IV_UNRESOLVED, 1.0);
        TRACE(m, CC_TRACE_END, c, NULL, chn, SCENARIO_NONE, SCENARIO_NONE, (double)NAN,
              (double)NAN, 0);
        hop(m, c, c->need, chn, SCENARIO_OUTCOME_UNRESOLVED);
    }
}

/* The agent passes contact c on to channel `to` (open) as its service ends: c is counted
 * transferred_on here (handled, no resolution drawn), and the customer enters `to` as a new
 * contact of the same need, counted arrived and transfer_in there, but not as a new contact
 * of the customer (the need's contact count and max_contacts_per_need do not move). With a
 * conference (a draw against transfer.conference_share, when w keeps the agent's slot) the
 * new contact takes w along (cc_contact.held). The caller releases c. */
static void transfer_on(cc_sim *m, cc_contact *c, size_t to, cc_wrap *w)
{
    const scenario_channel *ch = chan(m, c->channel);
    iv_add(m, c->row, c->channel, CC_IV_TRANSFERRED_ON, 1.0);
    if (w != NULL && ch->transfer_conference_share > 0.0 &&
        contact_uniform(c, CC_DRAW_CONFERENCE, 0) < ch->transfer_conference_share) {
        iv_add(m, c->row, c->channel, CC_IV_CONFERENCED, 1.0);
        w->state = CC_HOLD_CONFERENCE;
        m->conference = w; /* enter_channel gives it to the new contact */
    }
    TRACE(m, CC_TRACE_TRANSFER, c, NULL, c->channel, to, c->pool, (double)NAN, (double)NAN,
          -1);
    double now = sim_now(m);
    /* the row enter_channel gives the new contact */
    iv_add(m, now >= m->warmup_s ? row_of(m, now) : CC_NO_ROW, to, CC_IV_TRANSFER_IN, 1.0);
    enter_channel(m, c->need, to, 0, (double)NAN);
    SIM_ASSERT(m->conference == NULL, "a conference slot no contact took");
}

/* A failed callback attempt of c ends: the agent is free; the item tries again after
 * reach_retry_delay_s (queueing at the back), or after its last attempt it is counted
 * unreached and its need follows the hop rules for "unreached". */
static void on_attempt_end(sim_env *env, void *obj, void *arg)
{
    cc_sim *m = obj;
    cc_contact *c = arg;
    (void)env;
    m->r->model_events++;
    size_t chn = c->channel;
    size_t pi = c->pool;
    cc_pool *p = &m->pools[pi];
    cc_agent *a = c->agent;
    const scenario_channel *ch = chan(m, chn);
    double now = sim_now(m);
    double old_busy = agent_busy(p, a);
    a->load--;
    a->single = 0;
    area_set(&p->busy, now, p->busy.value - old_busy + agent_busy(p, a));
    m->in_service[chn]--;
    agent_set_overtime(m, p, a, 0);
    c->agent = NULL;
    c->attempts++;
    iv_add(m, c->row, chn, CC_IV_FAILED_ATTEMPTS, 1.0);
    int last = c->attempts >= ch->reach_attempts;
    TRACE(m, CC_TRACE_CALLBACK_ATTEMPT, c, NULL, chn, SCENARIO_NONE, pi, now - c->entry_s,
          last ? (double)NAN : ch->reach_retry_delay_s, -1);
    if (last) {
        m->r->accounting[chn].unreached++;
        iv_add(m, c->row, chn, CC_IV_UNREACHED, 1.0);
        TRACE(m, CC_TRACE_UNREACHED, c, NULL, chn, SCENARIO_NONE, SCENARIO_NONE,
              now - c->entry_s, (double)NAN, -1);
        hop(m, c, c->need, chn, SCENARIO_OUTCOME_UNREACHED);
        release_contact(m, c);
    } else {
        c->state = CC_ST_RETRY;
        m->retrying[chn]++;
        sim_env_schedule(m->env, ch->reach_retry_delay_s, PRIO_MODEL, on_retry, m, c);
    }
    agent_slot_freed(m, pi, a);
}

/* Callback item c's next attempt is due: it queues again, at the back. */
static void on_retry(sim_env *env, void *obj, void *arg)
{
    cc_sim *m = obj;
    cc_contact *c = arg;
    (void)env;
    m->r->model_events++;
    m->retrying[c->channel]--;
    c->state = 0;
    c->key_s = sim_now(m);
    route(m, c);
}

/* Agent a of pool pi has just given up a slot (its load is already lower): a leaving agent
 * goes or serves the queue left at a closing, any other takes waiting work. */
static void agent_slot_freed(cc_sim *m, size_t pi, cc_agent *a)
{
    cc_pool *p = &m->pools[pi];
    if (a->leaving && a->load == 0) {
        /* Past the end of its duty: an agent present at a closing stays while the queue left
         * at that closing waits (at_close "serve"), one contact at a time. */
        cc_agent *ot = a;
        size_t q = m->route->next_contact(m, p, 1, &ot);
        if (q == SIZE_MAX) {
            agent_go_off(m, p, a);
            return;
        }
        cc_contact *next = m->queues[q].head;
        queue_unlink(m, next);
        agent_set_overtime(m, p, a, 1);
        serve(m, pi, a, next);
        return;
    }
    agent_relist(p, a);
    if (!a->leaving)
        pool_serve_waiting(m, pi);
}

/* ---- 5b. after-call work and conference transfers ------------------------------------- */

/* Contact c's service has ended in a channel whose agents may keep the slot after it
 * (wrap_up, or conference transfers): the contact ends now (counted handled, its outcome
 * drawn, released), while a record keeps its agent's slot, still busy: for the wrap-up time
 * drawn at the answer (same key, same value), or, for a conference transfer, until the
 * customer's new contact is answered and the conference is over (then its wrap-up). */
static void wrap_up_start(cc_sim *m, cc_contact *c)
{
    size_t chn = c->channel;
    const scenario_channel *ch = chan(m, chn);
    cc_wrap *w = sim_pool_alloc(m->wrap_pool);
    if (w == NULL) {
        m->oom = 1;
        sim_env_stop(m->env);
        return;
    }
    w->wrap_s = ch->has_wrap_up
                    ? cc_dist_draw(contact_rng(m, c, CC_DRAW_WRAP_UP, 0), &ch->wrap_up, 1.0)
                    : 0.0;
    w->conference_s = ch->transfer_conference_s;
    w->state = CC_HOLD_WRAP;
    w->agent = c->agent;
    w->contact = c->id;
    w->need = c->need->id;
    w->segment = c->need->segment;
    w->row = c->row;
    w->channel = c->channel;
    w->pool = c->pool;
    w->repeat = c->repeat;
    m->in_service[chn]--;
    m->in_wrap++;
    m->r->accounting[chn].handled++;
    w->starting = 1;
    service_outcome(m, c, w);
    w->starting = 0;
    if (w->state == CC_HOLD_CONFERENCE) {
        release_contact(m, c); /* the new contact holds w (cc_contact.held) */
        return;
    }
    if (w->wrap_s > 0.0) {
        TRACE(m, CC_TRACE_WRAP_UP, c, NULL, chn, SCENARIO_NONE, c->pool, (double)NAN,
              w->wrap_s, -1);
        release_contact(m, c);
        sim_env_schedule(m->env, w->wrap_s, PRIO_MODEL, on_wrap_up_end, m, w);
        return;
    }
    release_contact(m, c);
    hold_free(m, w, CC_TRACE_KIND_COUNT); /* a cold transfer or an end without wrap-up */
}

/* Trace event `kind` of the contact whose slot w keeps: the contact is gone, the trace names
 * it by the ids its record kept. */
static void trace_hold(cc_sim *m, const cc_wrap *w, cc_trace_kind kind, double duration_s)
{
    cc_need n;
    cc_contact c;
    memset(&n, 0, sizeof n);
    memset(&c, 0, sizeof c);
    n.id = w->need;
    n.segment = (uint16_t)w->segment;
    c.need = &n;
    c.id = w->contact;
    c.row = w->row;
    c.repeat = w->repeat;
    trace_emit(m, kind, &c, &n, w->channel, SCENARIO_NONE, w->pool, (double)NAN, duration_s,
               -1);
}

/* Free the slot w kept (trace `kind`, none when CC_TRACE_KIND_COUNT): the agent gives it up
 * as a service end would. */
static void hold_free(cc_sim *m, cc_wrap *w, cc_trace_kind kind)
{
    size_t pi = w->pool;
    cc_pool *p = &m->pools[pi];
    cc_agent *a = w->agent;
    double now = sim_now(m);
    double old_busy = agent_busy(p, a);
    a->load--;
    a->single = 0;
    area_set(&p->busy, now, p->busy.value - old_busy + agent_busy(p, a));
    m->in_wrap--;
    agent_set_overtime(m, p, a, 0);
    if (m->trace != NULL && kind != CC_TRACE_KIND_COUNT)
        trace_hold(m, w, kind, (double)NAN);
    sim_pool_release(m->wrap_pool, w);
    agent_slot_freed(m, pi, a);
}

static void on_wrap_up_end(sim_env *env, void *obj, void *arg)
{
    cc_sim *m = obj;
    (void)env;
    m->r->model_events++;
    hold_free(m, arg, CC_TRACE_WRAP_UP_END);
}

/* The first agent of a conference transfer leaves it now (the conference is over, or the
 * customer left the second queue unanswered): its wrap-up follows, if any. */
static void hold_release(cc_sim *m, cc_wrap *w)
{
    SIM_ASSERT(w->state == CC_HOLD_CONFERENCE, "conference end of a slot not in one");
    if (m->trace != NULL)
        trace_hold(m, w, CC_TRACE_CONFERENCE_END, (double)NAN);
    w->state = CC_HOLD_WRAP;
    if (w->starting)
        return; /* wrap_up_start goes on with its wrap-up or frees it */
    if (w->wrap_s > 0.0) {
        if (m->trace != NULL)
            trace_hold(m, w, CC_TRACE_WRAP_UP, w->wrap_s);
        sim_env_schedule(m->env, w->wrap_s, PRIO_MODEL, on_wrap_up_end, m, w);
        return;
    }
    hold_free(m, w, CC_TRACE_KIND_COUNT);
}

static void on_conference_end(sim_env *env, void *obj, void *arg)
{
    cc_sim *m = obj;
    (void)env;
    m->r->model_events++;
    hold_release(m, arg);
}

static void on_self_service_end(sim_env *env, void *obj, void *arg)
{
    cc_sim *m = obj;
    cc_contact *c = arg;
    (void)env;
    m->r->model_events++;
    size_t chn = c->channel;
    m->in_self[chn]--;
    m->r->accounting[chn].handled++;
    iv_add(m, c->row, chn, CC_IV_ANSWERED, 1.0);
    if (contact_uniform(c, CC_DRAW_RESOLUTION, 0) < chan(m, chn)->resolve_share) {
        iv_add(m, c->row, chn, CC_IV_RESOLVED, 1.0);
        need_resolve(m, c->need);
        TRACE(m, CC_TRACE_END, c, NULL, chn, SCENARIO_NONE, SCENARIO_NONE, (double)NAN,
              (double)NAN, 1);
    } else {
        iv_add(m, c->row, chn, CC_IV_UNRESOLVED, 1.0);
        TRACE(m, CC_TRACE_END, c, NULL, chn, SCENARIO_NONE, SCENARIO_NONE, (double)NAN,
              (double)NAN, 0);
        hop(m, c, c->need, chn, SCENARIO_OUTCOME_SELF_SERVICE_FAILED);
    }
    release_contact(m, c);
}

/* ---- 6. abandon or offer ------------------------------------------------------------- */

static void on_patience(sim_env *env, void *obj, void *arg)
{
    cc_sim *m = obj;
    cc_contact *c = arg;
    (void)env;
    m->r->model_events++;
    c->patience = 0;
    SIM_ASSERT(c->state == CC_ST_QUEUED, "patience timer of a contact not in a queue");
    size_t chn = c->channel;
    if (!kind(m, chn)->abandons) {
        /* Deferred / callback: the item stays in the backlog; the customer also tries
         * elsewhere (outcome unanswered_in_time), once. */
        c->patience_done = 1;
        iv_add(m, c->row, chn, CC_IV_UNANSWERED, 1.0);
        TRACE(m, CC_TRACE_UNANSWERED, c, NULL, chn, SCENARIO_NONE, SCENARIO_NONE,
              sim_now(m) - c->entry_s, (double)NAN, -1);
        hop(m, c, c->need, chn, SCENARIO_OUTCOME_UNANSWERED);
        return;
    }
    abandon_queued(m, c, 0);
}

/* Real-time contact c leaves its queue unanswered now: counted abandoned, then its need
 * follows the hop rules for "abandoned" (the redial decision first). at_close: because its
 * channel closed (at_close "abandon", or a declined closing callback offer). */
static void abandon_queued(cc_sim *m, cc_contact *c, int at_close)
{
    size_t chn = c->channel;
    size_t owner = m->queues[c->queue].owner;
    queue_unlink(m, c);
    cancel_timers(m, c);
    double wait = sim_now(m) - c->queue_s;
    m->r->accounting[chn].abandoned++;
    iv_add(m, c->row, chn, CC_IV_ABANDONED, 1.0);
    iv_add(m, c->row, chn, CC_IV_ABANDON_WAIT_S, wait);
    if (wait <= chan(m, chn)->sl_threshold_s)
        iv_add(m, c->row, chn, CC_IV_ABANDONED_WITHIN, 1.0);
    if (c->row != CC_NO_ROW)
        m->r->segments[c->need->segment].abandoned++;
    if (owner != SCENARIO_NONE)
        pv_add(m, c->row, owner, CC_PV_ABANDONED, 1.0);
    TRACE(m, CC_TRACE_ABANDON, c, NULL, chn, SCENARIO_NONE, SCENARIO_NONE, wait, (double)NAN,
          at_close ? CC_TRACE_AT_CLOSE : -1);
    hop(m, c, c->need, chn, SCENARIO_OUTCOME_ABANDONED);
    release_contact(m, c); /* frees a conference transfer's first agent */
}

static void on_offer(sim_env *env, void *obj, void *arg)
{
    cc_sim *m = obj;
    cc_contact *c = arg;
    (void)env;
    m->r->model_events++;
    c->offer = 0;
    SIM_ASSERT(c->state == CC_ST_QUEUED, "callback offer to a contact not in a queue");
    const scenario_channel *ch = chan(m, c->channel);
    if (contact_uniform(c, CC_DRAW_CALLBACK, 0) >= ch->callback_accept_share)
        return;
    transfer_to_callback(m, c, 0);
}

/* Voice/video caller c accepts a callback now: it leaves its queue (counted transferred) and
 * continues as an item of the callback channel keeping its original place in queue. */
static void transfer_to_callback(cc_sim *m, cc_contact *c, int at_close)
{
    const scenario_channel *ch = chan(m, c->channel);
    queue_unlink(m, c);
    cancel_timers(m, c);
    m->r->accounting[c->channel].transferred++;
    iv_add(m, c->row, c->channel, CC_IV_TRANSFERRED, 1.0);
    TRACE(m, CC_TRACE_CALLBACK, c, NULL, c->channel, ch->callback_channel, SCENARIO_NONE,
          sim_now(m) - c->queue_s, (double)NAN, at_close ? CC_TRACE_AT_CLOSE : -1);
    cc_need *n = c->need;
    double place = c->queue_s;
    n->live++; /* keep the need alive across the hand-over */
    release_contact(m, c); /* frees a conference transfer's first agent */
    enter_channel(m, n, ch->callback_channel, 0, place);
    need_unref(m, n);
}

/* Real-time contact c has waited its channel's max_queue_s: it leaves the queue (counted
 * timed_out) and, by at_max_queue, goes on as a message (a new item of the deferred
 * message_channel, entering now), as a callback item keeping its place in queue (when it
 * accepts the offer: a third independent callback draw, occurrence 2), or leaves, its need
 * following the hop rules for "timed_out". A message or callback is a continuation of the
 * contact, not a repeat (as a callback transfer). */
static void on_queue_timeout(sim_env *env, void *obj, void *arg)
{
    cc_sim *m = obj;
    cc_contact *c = arg;
    (void)env;
    m->r->model_events++;
    c->timeout = 0;
    SIM_ASSERT(c->state == CC_ST_QUEUED, "queue timeout of a contact not in a queue");
    size_t chn = c->channel;
    const scenario_channel *ch = chan(m, chn);
    queue_unlink(m, c);
    cancel_timers(m, c);
    size_t to = SCENARIO_NONE;
    double place = (double)NAN;
    if (ch->at_max_queue == SCENARIO_MAX_QUEUE_MESSAGE) {
        to = ch->message_channel;
    } else if (ch->at_max_queue == SCENARIO_MAX_QUEUE_CALLBACK &&
               ch->callback_channel != SCENARIO_NONE &&
               contact_uniform(c, CC_DRAW_CALLBACK, 2) < ch->callback_accept_share) {
        to = ch->callback_channel;
        place = c->queue_s;
    }
    m->r->accounting[chn].timed_out++;
    iv_add(m, c->row, chn, CC_IV_TIMED_OUT, 1.0);
    TRACE(m, CC_TRACE_QUEUE_TIMEOUT, c, NULL, chn, to, SCENARIO_NONE, sim_now(m) - c->queue_s,
          (double)NAN, -1);
    cc_need *n = c->need;
    if (to == SCENARIO_NONE) {
        hop(m, c, n, chn, SCENARIO_OUTCOME_TIMED_OUT);
        release_contact(m, c);
        return;
    }
    n->live++; /* keep the need alive across the hand-over */
    release_contact(m, c);
    enter_channel(m, n, to, 0, place);
    need_unref(m, n);
}

/* Channel c has just closed: apply its at_close rule to the contacts still queued (in its
 * queue and in outsourcers' share queues for it). "serve" and "hold" leave them queued; the
 * difference is head_servable. */
static void close_queues(cc_sim *m, size_t c)
{
    const scenario_channel *ch = chan(m, c);
    if (ch->at_close != SCENARIO_AT_CLOSE_ABANDON && ch->at_close != SCENARIO_AT_CLOSE_CALLBACK)
        return;
    for (size_t q = 0; q < m->n_queues; q++) {
        if (m->queues[q].channel != c)
            continue;
        while (m->queues[q].head != NULL) {
            cc_contact *h = m->queues[q].head;
            /* A second, independent offer draw (occurrence 1): the caller may have declined
             * the ordinary offer while waiting. */
            if (ch->at_close == SCENARIO_AT_CLOSE_CALLBACK &&
                ch->callback_channel != SCENARIO_NONE &&
                contact_uniform(h, CC_DRAW_CALLBACK, 1) < ch->callback_accept_share)
                transfer_to_callback(m, h, 1);
            else
                abandon_queued(m, h, 1);
        }
    }
}

/* ---- 7. hop -------------------------------------------------------------------------- */

/* A branch of need n ended in channel `from` with `outcome`: retry, hop or give up. */
static void hop(cc_sim *m, cc_contact *ct, cc_need *n, size_t from, scenario_outcome outcome)
{
    const scenario *scn = m->scn;
    cc_need_totals *t = &m->r->needs;
    if (n->resolved)
        return;
    unsigned occ = ct->hops++;
    const scenario_channel *ch = chan(m, from);
    const gsl_rng *rr = NULL;
    if (outcome == SCENARIO_OUTCOME_ABANDONED && ch->retrial_share > 0.0 &&
        gsl_rng_uniform(rr = contact_rng(m, ct, CC_DRAW_RETRIAL, occ)) < ch->retrial_share) {
        double delay = sim_rng_exponential(rr, ch->retrial_delay_mean_s);
        if (n->contacts >= scn->max_contacts_per_need) {
            n->max_hit = 1;
            TRACE(m, CC_TRACE_GIVE_UP, ct, n, from, SCENARIO_NONE, SCENARIO_NONE, (double)NAN,
                  (double)NAN, (int)outcome);
            return;
        }
        TRACE(m, CC_TRACE_RETRIAL, ct, n, from, from, SCENARIO_NONE, (double)NAN, delay,
              (int)outcome);
        if (schedule_ticket(m, n, from, delay) && n->counted)
            t->retrials++;
        return;
    }
    const scenario_hop *h = hop_rule(scn, n->segment, outcome, from);
    double u = contact_uniform(ct, CC_DRAW_HOP, occ);
    size_t to = SCENARIO_NONE;
    if (h != NULL && u >= h->give_up) {
        double acc = h->give_up;
        for (size_t c = 0; c < scn->n_channels; c++) {
            if (h->to[c] <= 0.0)
                continue;
            to = c; /* the last channel with weight catches rounding */
            acc += h->to[c];
            if (u < acc)
                break;
        }
    }
    if (to == SCENARIO_NONE) {
        if (n->counted)
            t->give_ups[outcome]++;
        TRACE(m, CC_TRACE_GIVE_UP, ct, n, from, SCENARIO_NONE, SCENARIO_NONE, (double)NAN,
              (double)NAN, (int)outcome);
        return;
    }
    if (n->contacts >= scn->max_contacts_per_need) {
        n->max_hit = 1;
        TRACE(m, CC_TRACE_GIVE_UP, ct, n, from, SCENARIO_NONE, SCENARIO_NONE, (double)NAN,
              (double)NAN, (int)outcome);
        return;
    }
    double delay = cc_dist_draw(contact_rng(m, ct, CC_DRAW_HOP_DELAY, occ), &h->delay, 1.0);
    TRACE(m, CC_TRACE_HOP, ct, n, from, to, SCENARIO_NONE, (double)NAN, delay, (int)outcome);
    if (schedule_ticket(m, n, to, delay) && n->counted) {
        t->hops[outcome]++;
        t->flow[from][to]++;
    }
}

/* Schedule a repeat contact of n in `channel` after delay_s. Returns 1 when scheduled, 0
 * when memory ran out. One due after the horizon stays pending: its need is then counted
 * as open at the horizon, not as given up. */
static int schedule_ticket(cc_sim *m, cc_need *n, size_t channel, double delay_s)
{
    cc_ticket *tk = sim_pool_alloc(m->ticket_pool);
    if (tk == NULL) {
        m->oom = 1;
        sim_env_stop(m->env);
        return 0;
    }
    tk->need = n;
    tk->channel = channel;
    n->live++;
    sim_env_schedule(m->env, delay_s, PRIO_MODEL, on_ticket, m, tk);
    return 1;
}

static void on_ticket(sim_env *env, void *obj, void *arg)
{
    cc_sim *m = obj;
    cc_ticket *tk = arg;
    (void)env;
    m->r->model_events++;
    cc_need *n = tk->need;
    size_t chn = tk->channel;
    sim_pool_release(m->ticket_pool, tk);
    if (n->resolved) {
        if (n->counted)
            m->r->needs.hops_cancelled++;
    } else {
        n->contacts++;
        enter_channel(m, n, chn, 1, (double)NAN);
    }
    need_unref(m, n);
}

/* ---- 8. need end --------------------------------------------------------------------- */

static void release_contact(cc_sim *m, cc_contact *c)
{
    cc_need *n = c->need;
    cc_wrap *held = c->held;
    sim_pool_release(m->contact_pool, c);
    need_unref(m, n);
    /* A conference transfer's customer that leaves unanswered, by whatever way (abandons,
     * balks, is blocked, times out, takes a callback): its first agent is free again. An
     * answered contact no longer holds it (serve). */
    if (held != NULL)
        hold_release(m, held);
}

static void need_resolve(cc_sim *m, cc_need *n)
{
    if (!n->resolved) {
        n->resolved = 1;
        n->resolved_s = sim_now(m);
    }
}

static unsigned popcount32(uint32_t x)
{
    unsigned c = 0;
    for (; x != 0; x &= x - 1)
        c++;
    return c;
}

static void need_unref(cc_sim *m, cc_need *n)
{
    SIM_ASSERT(n->live > 0, "need reference count underflow");
    if (--n->live > 0)
        return;
    TRACE(m, CC_TRACE_NEED_END, NULL, n, SCENARIO_NONE, SCENARIO_NONE, SCENARIO_NONE,
          sim_now(m) - n->created_s, (double)NAN, n->resolved);
    if (n->counted) {
        cc_need_totals *t = &m->r->needs;
        cc_segment_totals *s = &m->r->segments[n->segment];
        m->needs_open_counted--;
        t->ended++;
        t->channels_of_ended += popcount32(n->channels);
        if (n->resolved) {
            double res = n->resolved_s - n->created_s;
            t->resolved++;
            t->contacts_of_resolved += n->contacts;
            t->resolution_s += res;
            sim_histogram_add(t->resolution, res);
            s->resolved++;
            s->contacts_of_resolved += n->contacts;
            s->resolution_s += res;
        } else {
            t->given_up++;
            s->given_up++;
            if (n->max_hit)
                t->given_up_max_contacts++;
        }
    }
    sim_pool_release(m->need_pool, n);
}

/* ---- capacity: overflow watches, agents on and off duty ------------------------------ */

static void watch_arm(cc_sim *m, cc_watch *w)
{
    cc_queue *q = &m->queues[w->queue];
    if (q->head == NULL)
        return;
    double t = q->head->key_s + w->min_wait_s;
    if (!(t > sim_now(m)) || t >= m->horizon_s)
        return;
    if (m->route->find_agent(m, &m->pools[w->pool], q->head) == NULL)
        return;
    if (w->timer != 0 && sim_env_is_pending(m->env, w->timer)) {
        if (w->at_s <= t)
            return;
        sim_env_cancel(m->env, w->timer);
    }
    w->at_s = t;
    w->timer = sim_env_schedule_at(m->env, t, PRIO_MODEL, on_watch, m, w);
}

static void on_watch(sim_env *env, void *obj, void *arg)
{
    cc_sim *m = obj;
    cc_watch *w = arg;
    (void)env;
    m->r->model_events++;
    w->timer = 0;
    pool_serve_waiting(m, w->pool);
}

/* Serve waiting contacts with pool pi's available agents until no eligible head fits. */
static void pool_serve_waiting(cc_sim *m, size_t pi)
{
    cc_pool *p = &m->pools[pi];
    for (;;) {
        cc_agent *a = NULL;
        size_t q = m->route->next_contact(m, p, 0, &a);
        if (q == SIZE_MAX)
            break;
        cc_contact *c = m->queues[q].head;
        queue_unlink(m, c);
        serve(m, pi, a, c);
    }
    if (m->ob_on && pi == m->ob_pool)
        outbound_fill(m, pi); /* blending: what inbound left idle may dial */
    for (size_t w = 0; w < m->n_watch; w++) {
        if (m->watch[w].pool == pi)
            watch_arm(m, &m->watch[w]);
    }
}

static void pool_set_target(cc_sim *m, size_t pi, size_t target)
{
    cc_pool *p = &m->pools[pi];
    double now = sim_now(m);
    if (target > p->cap)
        target = p->cap;
    p->target = target;
    int added = 0;
    while (p->active < target) {
        cc_agent *a = NULL;
        if (p->present > p->active) {
            /* Someone finishing work before leaving stays instead. */
            for (size_t i = 0; i < p->cap && a == NULL; i++) {
                cc_agent *x = &p->agents[(p->cursor + i) % p->cap];
                if (x->on_duty && x->leaving)
                    a = x;
            }
            SIM_ASSERT(a != NULL, "leaving agent not found");
            a->leaving = 0;
            agent_set_overtime(m, p, a, 0); /* back on duty: no longer overtime */
        } else {
            SIM_ASSERT(p->n_off > 0, "pool capacity exhausted");
            a = &p->agents[p->off[--p->n_off]];
            a->on_duty = 1;
            a->load = 0;
            a->single = 0;
            a->list = CC_NO_LIST;
            p->present++;
        }
        p->active++;
        agent_relist(p, a);
        added = 1;
    }
    while (p->active > target) {
        cc_agent *a = p->level_head[0];
        if (a != NULL) {
            p->active--;
            agent_go_off(m, p, a);
            continue;
        }
        /* Everyone is busy: the next busy agent finishes its work, then leaves. */
        for (size_t i = 0; i < p->cap && a == NULL; i++) {
            size_t k = (p->cursor + i) % p->cap;
            cc_agent *x = &p->agents[k];
            if (x->on_duty && !x->leaving) {
                a = x;
                p->cursor = k + 1;
            }
        }
        SIM_ASSERT(a != NULL, "busy agent not found");
        a->leaving = 1;
        agent_unlist(p, a);
        p->active--;
    }
    area_set(&p->duty, now, (double)p->present);
    if (p->present > m->r->pools[pi].peak_agents)
        m->r->pools[pi].peak_agents = p->present;
    if (added)
        pool_serve_waiting(m, pi);
}

static size_t pool_target_now(const cc_sim *m, size_t pi)
{
    const scenario *scn = m->scn;
    double now = sim_now(m);
    size_t n_in = m->n_pools - scn->n_outsourcers;
    if (pi >= n_in) {
        const scenario_outsourcer *o = &scn->outsourcers[pi - n_in];
        for (size_t c = 0; c < scn->n_channels; c++) {
            if (o->serves[c] && m->open[c])
                return o->agents;
        }
        return 0;
    }
    /* An in-house desk: the sum of its groups' staffing (one group in a siloed desk). */
    const cc_pool *p = &m->pools[pi];
    size_t sum = 0;
    for (size_t k = 0; k < p->n_groups; k++)
        sum += cc_staff_target(&m->staff, scn, p->groups[k], now);
    return sum;
}

static void update_targets(cc_sim *m)
{
    for (size_t pi = 0; pi < m->n_pools; pi++)
        pool_set_target(m, pi, pool_target_now(m, pi));
}

/* ---- outbound campaign and blending (scenario_outbound, cc_outbound.c) ---------------- */

static void on_dial_end(sim_env *env, void *obj, void *arg)
{
    cc_sim *m = obj;
    cc_dial *d = arg;
    (void)env;
    m->r->model_events++;
    size_t pi = d->pool;
    cc_pool *p = &m->pools[pi];
    cc_agent *a = d->agent;
    if (cc_outbound_end(&m->ob, d->rec, d->outcome, sim_now(m)) != 0) {
        m->oom = 1;
        sim_env_stop(m->env);
        return;
    }
    double old_busy = agent_busy(p, a);
    a->load = 0;
    a->single = 0;
    area_set(&p->busy, sim_now(m), p->busy.value - old_busy + agent_busy(p, a));
    m->in_outbound--;
    sim_pool_release(m->dial_pool, d);
    agent_slot_freed(m, pi, a);
}

static void on_dial_wake(sim_env *env, void *obj, void *arg)
{
    cc_sim *m = obj;
    (void)env;
    (void)arg;
    m->r->model_events++;
    m->ob_wake = 0;
    outbound_fill(m, m->ob_pool);
}

/* Idle agent a of pool pi dials record rec: it holds the slot for the dial, and for a
 * right-party contact its talk and wrap-up, all drawn now and booked at the dial. */
static void outbound_dial(cc_sim *m, size_t pi, cc_agent *a, cc_outbound_record rec)
{
    cc_pool *p = &m->pools[pi];
    double now = sim_now(m);
    cc_dial *d = sim_pool_alloc(m->dial_pool);
    if (d == NULL) {
        m->oom = 1;
        sim_env_stop(m->env);
        return;
    }
    double talk_s, wrap_s;
    d->agent = a;
    d->rec = rec;
    d->pool = (uint16_t)pi;
    d->outcome = cc_outbound_dial(&m->ob, &rec, m->draw, &talk_s, &wrap_s);
    double busy_s = m->scn->outbound.dial_s + talk_s + wrap_s;
    double old_busy = agent_busy(p, a);
    a->load = 1;
    a->single = 1;
    agent_relist(p, a);
    area_set(&p->busy, now, p->busy.value - old_busy + agent_busy(p, a));
    m->in_outbound++;
    uint32_t row = now >= m->warmup_s ? row_of(m, now) : CC_NO_ROW;
    pv_add(m, row, pi, CC_PV_DIALS, 1.0);
    pv_add(m, row, pi, CC_PV_CONNECTS, d->outcome != CC_OUTBOUND_NO_ANSWER ? 1.0 : 0.0);
    pv_add(m, row, pi, CC_PV_RIGHT_PARTY, d->outcome == CC_OUTBOUND_RIGHT_PARTY ? 1.0 : 0.0);
    pv_add(m, row, pi, CC_PV_OUTBOUND_S, busy_s);
    sim_env_schedule(m->env, busy_s, PRIO_MODEL, on_dial_end, m, d);
}

/* The blend: while more than inbound_reserve of the campaign pool's agents are idle (after
 * the inbound queues took theirs), the longest idle dials the next ready record. With no
 * record ready, one wake-up waits for the next. A reserve of every agent never dials and
 * never schedules anything: the run is the run without the campaign. */
static void outbound_fill(cc_sim *m, size_t pi)
{
    cc_pool *p = &m->pools[pi];
    size_t reserve = m->scn->outbound.inbound_reserve;
    double now = sim_now(m);
    for (;;) {
        size_t idle = 0; /* counts at most reserve + 1 agents */
        for (cc_agent *a = p->level_head[0]; a != NULL && idle <= reserve; a = a->next)
            idle++;
        if (idle <= reserve)
            return;
        cc_outbound_record rec;
        double next_s;
        if (!cc_outbound_take(&m->ob, now, &rec, &next_s)) {
            if (next_s < m->horizon_s && (m->ob_wake == 0 || next_s < m->ob_wake_s)) {
                if (m->ob_wake != 0)
                    sim_env_cancel(m->env, m->ob_wake);
                m->ob_wake_s = next_s;
                m->ob_wake = sim_env_schedule_at(m->env, next_s, PRIO_MODEL, on_dial_wake, m,
                                                 NULL);
            }
            return;
        }
        outbound_dial(m, pi, p->level_head[0], rec);
        if (m->oom)
            return;
    }
}

/* ---- the clock: opening hours, interval boundaries, warm-up -------------------------- */

static void on_hours(sim_env *env, void *obj, void *arg)
{
    cc_sim *m = obj;
    (void)arg;
    double now = sim_env_now(env);
    int opened = 0, changed = 0;
    unsigned char closed[SCENARIO_MAX_CHANNELS] = {0};
    for (size_t c = 0; c < m->scn->n_channels; c++) {
        unsigned char o = (unsigned char)hours_is_open(m->scn, c, now);
        if (o != m->open[c]) {
            changed = 1;
            opened |= o;
            closed[c] = !o;
            m->open[c] = o;
        }
    }
    if (!changed)
        return;
    update_targets(m);
    for (size_t c = 0; c < m->scn->n_channels; c++) {
        if (closed[c])
            close_queues(m, c);
    }
    if (opened) {
        for (size_t pi = 0; pi < m->n_pools; pi++)
            pool_serve_waiting(m, pi);
    }
}

static void flush_areas(cc_sim *m, double t, uint32_t row, int book)
{
    for (size_t c = 0; c < m->scn->n_channels; c++) {
        double a = area_take(&m->queues[c].area, t);
        if (book) {
            *cc_rep_iv(m->r, row, c, CC_IV_QUEUE_AREA_S) += a;
            *cc_rep_iv(m->r, row, c, CC_IV_BACKLOG_END) += (double)m->waiting[c];
        }
    }
    for (size_t pi = 0; pi < m->n_pools; pi++) {
        double d = area_take(&m->pools[pi].duty, t);
        double b = area_take(&m->pools[pi].busy, t);
        double o = area_take(&m->pools[pi].overtime, t);
        if (book) {
            *cc_rep_pv(m->r, row, pi, CC_PV_ON_DUTY_S) += d;
            *cc_rep_pv(m->r, row, pi, CC_PV_BUSY_S) += b;
            *cc_rep_pv(m->r, row, pi, CC_PV_OVERTIME_S) += o;
            *cc_rep_pv(m->r, row, pi, CC_PV_TARGET_END) += (double)m->pools[pi].target;
        }
    }
}

static void on_boundary(sim_env *env, void *obj, void *arg)
{
    cc_sim *m = obj;
    (void)arg;
    const scenario *scn = m->scn;
    double now = sim_env_now(env);
    if (now > 0.0)
        flush_areas(m, now, row_of(m, now - 0.5 * m->interval_s), now > m->warmup_s);
    if (now >= m->horizon_s)
        return;
    double day = floor(now / CC_DAY_S);
    double tod = now - day * CC_DAY_S;
    m->next_boundary_s = now + m->interval_s;
    if (tod < 0.5 * m->interval_s) {
        /* A new day: opening hours now and checks at every window edge of the day. */
        on_hours(env, m, NULL);
        for (size_t c = 0; c < scn->n_channels; c++) {
            const scenario_window *win;
            size_t nw = hours_day_windows(scn, c, (size_t)day, &win); /* special days too */
            for (size_t w = 0; w < nw; w++) {
                double edges[2] = {win[w].open_s, win[w].close_s};
                for (int e = 0; e < 2; e++) {
                    if (edges[e] > 0.0 && edges[e] < CC_DAY_S)
                        sim_env_schedule_at(env, day * CC_DAY_S + edges[e], PRIO_HOURS,
                                            on_hours, m, NULL);
                }
            }
        }
    }
    update_targets(m);
    size_t d = (size_t)day;
    double factor = d < m->n_days ? m->day_factor[d] : 1.0;
    for (size_t s = 0; s < m->n_sources; s++) {
        double f = factor;
        /* Per channel (sources are channels: per_channel mode, checked at load). */
        if (m->channel_day_factor != NULL)
            f = d < m->n_days ? m->channel_day_factor[d * scn->n_channels + s] : 1.0;
        if (scn->busyness_cv > 0.0)
            f *= demand_factor_busyness(m->rng[CC_STREAM_BUSYNESS], scn->busyness_cv);
        m->src_rate[s] = demand_rate(scn, s, now) * f;
        start_source(m, s, now);
    }
    double next = now + m->interval_s;
    if (next > m->horizon_s)
        next = m->horizon_s;
    sim_env_schedule_at(env, next, PRIO_BOUNDARY, on_boundary, m, NULL);
}

static void on_warmup(sim_env *env, void *obj, void *arg)
{
    cc_sim *m = obj;
    (void)arg;
    double now = sim_env_now(env);
    /* Discard the time integrals of the warm-up (the part of the interval before it). */
    for (size_t c = 0; c < m->scn->n_channels; c++)
        (void)area_take(&m->queues[c].area, now);
    for (size_t pi = 0; pi < m->n_pools; pi++) {
        (void)area_take(&m->pools[pi].duty, now);
        (void)area_take(&m->pools[pi].busy, now);
        (void)area_take(&m->pools[pi].overtime, now);
    }
}

/* ---- set-up and run ------------------------------------------------------------------ */

void cc_options_default(cc_options *opts)
{
    memset(opts, 0, sizeof *opts);
}

sim_status cc_model_validate(const scenario *scn, const cc_options *opts, sim_error *err)
{
    (void)opts;
    if (scn->n_channels == 0 || scn->n_channels > SCENARIO_MAX_CHANNELS)
        return sim_error_set(err, SIM_EINVAL, "channels", "expected 1..%d channels, got %zu",
                             SCENARIO_MAX_CHANNELS, scn->n_channels);
    if (scn->n_segments == 0 || scn->n_segments > SCENARIO_MAX_SEGMENTS)
        return sim_error_set(err, SIM_EINVAL, "segments", "expected 1..%d segments, got %zu",
                             SCENARIO_MAX_SEGMENTS, scn->n_segments);
    if (scn->horizon_days == 0 || !(scn->interval_s > 0.0) || scn->intervals_per_day == 0)
        return sim_error_set(err, SIM_EINVAL, "horizon_days",
                             "the horizon and the interval must be positive");
    if (!(scn->warmup_s >= 0.0) || scn->warmup_s >= (double)scn->horizon_days * CC_DAY_S)
        return sim_error_set(err, SIM_EINVAL, "warmup_s",
                             "the warm-up (%g s) must be shorter than the horizon",
                             scn->warmup_s);
    for (size_t c = 0; c < scn->n_channels; c++) {
        const scenario_channel *ch = &scn->channels[c];
        if (scenario_channel_kind_props(ch->kind)->concurrent && ch->concurrency < 1)
            return sim_error_set(err, SIM_EINVAL, "channels[].concurrency",
                                 "channel '%s': chat concurrency must be >= 1", ch->name);
        if (ch->callback_channel != SCENARIO_NONE &&
            (ch->callback_channel >= scn->n_channels ||
             scn->channels[ch->callback_channel].kind != SCENARIO_CHANNEL_CALLBACK))
            return sim_error_set(err, SIM_EINVAL, "channels[].callback_channel",
                                 "channel '%s': the callback offer must name a callback channel",
                                 ch->name);
        if (ch->transfer_channel != SCENARIO_NONE &&
            (ch->transfer_channel >= scn->n_channels || ch->transfer_channel == c ||
             !scenario_channel_kind_props(scn->channels[ch->transfer_channel].kind)->agent_time))
            return sim_error_set(err, SIM_EINVAL, "channels[].transfer.to",
                                 "channel '%s': a transfer must name another channel served "
                                 "by agents", ch->name);
        if (ch->retrial_share > 0.0 && !(ch->retrial_delay_mean_s > 0.0))
            return sim_error_set(err, SIM_EINVAL, "channels[].retrial_delay_mean_s",
                                 "channel '%s': retrials need a positive mean delay", ch->name);
    }
    const cc_route_type *rt = cc_route_type_of(scn);
    if (rt == NULL)
        return sim_error_set(err, SIM_EINVAL, "routing.mode", "no routing policy for mode %d",
                             (int)scn->routing.mode);
    return rt->check(scn, err);
}

static void setup_segments(cc_sim *m)
{
    const scenario *scn = m->scn;
    for (size_t c = 0; c < scn->n_channels; c++) {
        double total = 0.0;
        for (size_t s = 0; s < scn->n_segments; s++)
            total += scn->segments[s].population_share * scn->segments[s].preference[c];
        int by_pref = total > 0.0;
        if (!by_pref) {
            total = 0.0;
            for (size_t s = 0; s < scn->n_segments; s++)
                total += scn->segments[s].population_share;
        }
        double acc = 0.0;
        for (size_t s = 0; s < scn->n_segments; s++) {
            const scenario_segment *g = &scn->segments[s];
            acc += by_pref ? g->population_share * g->preference[c] : g->population_share;
            m->seg_cum[c][s] = total > 0.0 ? acc / total : (double)(s + 1) / (double)scn->n_segments;
        }
    }
}

static void sim_fini(cc_sim *m)
{
    if (m->route != NULL)
        m->route->fini(m);
    sim_free(m->route_state);
    sim_free(m->day_factor);
    sim_free(m->channel_day_factor);
    if (m->staff_ready)
        cc_staff_fini(&m->staff);
    sim_pool_free(m->contact_pool);
    sim_pool_free(m->need_pool);
    sim_pool_free(m->ticket_pool);
    sim_pool_free(m->wrap_pool);
    sim_pool_free(m->dial_pool);
    cc_outbound_fini(&m->ob);
    sim_env_free(m->env);
    if (m->draw != NULL)
        gsl_rng_free(m->draw);
}

/* Count what is still in the system and check it against the pools and the counters. */
static sim_status finish(cc_sim *m, sim_error *err)
{
    const scenario *scn = m->scn;
    cc_rep *r = m->r;
    size_t queued[SCENARIO_MAX_CHANNELS] = {0};
    for (size_t q = 0; q < m->n_queues; q++) {
        size_t len = 0;
        for (cc_contact *c = m->queues[q].head; c != NULL; c = c->next) {
            queued[c->channel]++;
            len++;
        }
        SIM_ASSERT(len == m->queues[q].len, "queue length out of step with its list");
    }
    size_t load = 0;
    for (size_t pi = 0; pi < m->n_pools; pi++) {
        const cc_pool *p = &m->pools[pi];
        for (size_t i = 0; i < p->cap; i++)
            load += p->agents[i].load;
    }
    size_t in_service = 0, total = 0;
    for (size_t c = 0; c < scn->n_channels; c++)
        in_service += m->in_service[c];
    if (load != in_service + m->in_wrap + m->in_outbound ||
        m->in_outbound != (m->dial_pool != NULL ? sim_pool_in_use(m->dial_pool) : 0) ||
        m->in_wrap != (m->wrap_pool != NULL ? sim_pool_in_use(m->wrap_pool) : 0))
        return sim_error_set(err, SIM_ESTATE, "accounting",
                             "agents hold %zu slots but %zu contacts are counted in service "
                             "and %zu slots in after-call work",
                             load, in_service, m->in_wrap);
    if (m->ob_on) {
        r->outbound = m->ob.acc;
        r->outbound.waiting = m->ob.fresh + m->ob.len;
    }
    for (size_t c = 0; c < scn->n_channels; c++) {
        r->accounting[c].in_system =
            queued[c] + m->in_service[c] + m->held[c] + m->in_self[c] + m->retrying[c];
        total += (size_t)r->accounting[c].in_system;
        SIM_ASSERT(queued[c] == m->waiting[c], "waiting count out of step with the queues");
        r->channels[c].backlog_end = (double)m->waiting[c];
    }
    if (total != sim_pool_in_use(m->contact_pool))
        return sim_error_set(err, SIM_ESTATE, "accounting",
                             "%zu contact records are alive but %zu contacts are in the system",
                             sim_pool_in_use(m->contact_pool), total);
    r->needs.open_end = m->needs_open_counted;
    r->peak_contacts = m->peak_contacts;
    r->peak_needs = sim_pool_peak(m->need_pool);
    r->pool_bytes = sim_pool_bytes(m->contact_pool) + sim_pool_bytes(m->need_pool) +
                    sim_pool_bytes(m->ticket_pool);
    if (m->wrap_pool != NULL)
        r->pool_bytes += sim_pool_bytes(m->wrap_pool);
    sim_env_get_stats(m->env, &r->env);

    /* Paid time: a desk's shrinkage is the weighted mean of its groups' (the policy's group
     * weights: 1 for a siloed desk's one group, the groups' largest sizes in a unified
     * desk); outsourcers have none. */
    double weight[SCENARIO_MAX_GROUPS];
    sim_status st = m->route->group_weights(scn, &m->staff, weight, err);
    if (st != SIM_OK)
        return st;
    double shrink[SCENARIO_MAX_GROUPS + SCENARIO_MAX_OUTSOURCERS] = {0};
    for (size_t pi = 0; pi < m->n_pools; pi++) {
        const cc_pool *p = &m->pools[pi];
        double w = 0.0, ws = 0.0;
        for (size_t k = 0; k < p->n_groups; k++) {
            w += weight[p->groups[k]];
            ws += weight[p->groups[k]] * scn->groups[p->groups[k]].shrinkage;
        }
        shrink[pi] = w > 0.0 ? ws / w : 0.0;
    }
    cc_rep_total(r, shrink);
    return cc_rep_check(r, scn, err);
}

sim_status cc_model_run(const scenario *scn, const cc_options *opts, uint64_t replication,
                        cc_rep *out, sim_error *err)
{
    cc_options defaults;
    if (opts == NULL) {
        cc_options_default(&defaults);
        opts = &defaults;
    }
    memset(out, 0, sizeof *out);
    sim_status st = cc_model_validate(scn, opts, err);
    if (st != SIM_OK)
        return st;
    cc_sim *m = sim_calloc(1, sizeof *m);
    if (m == NULL)
        return sim_error_set(err, SIM_ENOMEM, "", "out of memory creating the model");
    m->scn = scn;
    m->r = out;
    m->trace = opts->trace;
    m->trace_ctx = opts->trace_ctx;
    m->max_in_system = opts->max_in_system > 0 ? opts->max_in_system
                                               : limits_run_in_system_default(1);
    m->replication = replication;
    m->folded = opts->intervals == CC_INTERVALS_WEEK;
    m->ipd = scn->intervals_per_day;
    m->interval_s = scn->interval_s;
    m->warmup_s = scn->warmup_s;
    m->n_days = scn->horizon_days;
    m->horizon_s = (double)scn->horizon_days * CC_DAY_S;
    m->n_sources = demand_sources(scn);
    for (size_t c = 0; c < scn->n_channels; c++)
        m->kind[c] = scenario_channel_kind_props(scn->channels[c].kind);
    size_t n_rows = m->folded ? 7 * m->ipd : scn->horizon_days * m->ipd;
    m->route = cc_route_type_of(scn); /* not NULL: validated */
    size_t n_pools = m->route->n_desks(scn) + scn->n_outsourcers;

    st = cc_rep_init(out, scn->n_channels, scn->n_segments, n_pools, scn->interval_s, n_rows,
                     err);
    if (st != SIM_OK)
        goto done;
    out->replication = replication;
    out->folded = m->folded;
    out->stats_start_s = m->warmup_s;
    out->stats_end_s = m->horizon_s;
    st = cc_staff_init(&m->staff, scn, opts->erlang, err);
    if (st != SIM_OK)
        goto done;
    m->staff_ready = 1;

    m->env = sim_env_new(opts->calendar, 4096);
    m->contact_pool = sim_pool_new(sizeof(cc_contact), 1024);
    m->need_pool = sim_pool_new(sizeof(cc_need), 1024);
    m->ticket_pool = sim_pool_new(sizeof(cc_ticket), 256);
    m->day_factor = sim_calloc(m->n_days, sizeof *m->day_factor);
    m->draw = gsl_rng_alloc(sim_rng_xoshiro256pp);
    for (size_t c = 0; c < scn->n_channels && m->wrap_pool == NULL; c++) {
        if ((scn->channels[c].has_wrap_up || scn->channels[c].transfer_conference_share > 0.0) &&
            (m->wrap_pool = sim_pool_new(sizeof(cc_wrap), 256)) == NULL) {
            st = sim_error_set(err, SIM_ENOMEM, "", "out of memory creating the model");
            goto done;
        }
    }
    uint64_t seed = opts->use_seed ? opts->seed_override : scn->seed;
    if (m->env == NULL || m->contact_pool == NULL || m->need_pool == NULL ||
        m->ticket_pool == NULL || m->day_factor == NULL || m->draw == NULL ||
        sim_env_seed(m->env, opts->rng, seed, replication, CC_STREAM_COUNT) != SIM_OK) {
        st = sim_error_set(err, SIM_ENOMEM, "", "out of memory creating the model");
        goto done;
    }
    for (size_t s = 0; s < CC_STREAM_COUNT; s++)
        m->rng[s] = sim_env_stream(m->env, s);
    /* Two draws whatever the generator's width (GSL types give 32 bits or more). */
    uint64_t salt_hi = (uint64_t)gsl_rng_get(m->rng[CC_STREAM_CONTACT]);
    uint64_t salt_lo = (uint64_t)gsl_rng_get(m->rng[CC_STREAM_CONTACT]);
    m->key_salt = sim_rng_seed_hash(salt_hi, salt_lo, CC_STREAM_CONTACT);
    if (m->route->state_size > 0) {
        m->route_state = sim_calloc(1, m->route->state_size);
        if (m->route_state == NULL) {
            st = sim_error_set(err, SIM_ENOMEM, "", "out of memory creating the model");
            goto done;
        }
    }
    st = m->route->init(m, err);
    if (st != SIM_OK)
        goto done;
    if (scn->outbound.on) {
        /* the campaign's pool: the one holding its group (the desk when unified) */
        for (size_t pi = 0; pi < m->n_pools && !m->ob_on; pi++)
            for (size_t k = 0; k < m->pools[pi].n_groups; k++)
                if (m->pools[pi].groups[k] == scn->outbound.group) {
                    m->ob_on = 1;
                    m->ob_pool = pi;
                }
        SIM_ASSERT(m->ob_on, "the outbound group has no pool");
        cc_outbound_init(&m->ob, &scn->outbound, m->key_salt);
        if ((m->dial_pool = sim_pool_new(sizeof(cc_dial), 64)) == NULL) {
            st = sim_error_set(err, SIM_ENOMEM, "", "out of memory creating the model");
            goto done;
        }
    }
    setup_segments(m);
    demand_day_factors(scn, m->rng[CC_STREAM_DAY_FACTOR], m->day_factor, m->n_days);
    if (scn->has_day_correlation) {
        m->channel_day_factor = sim_calloc(m->n_days * scn->n_channels, sizeof(double));
        if (m->channel_day_factor == NULL) {
            st = sim_error_set(err, SIM_ENOMEM, "", "out of memory creating the model");
            goto done;
        }
        demand_factor_days(scn, m->rng[CC_STREAM_CHANNEL_DAYS], m->channel_day_factor,
                           m->n_days);
    }
    for (size_t c = 0; c < scn->n_channels; c++)
        m->open[c] = 0;
    for (size_t pi = 0; pi < m->n_pools; pi++) {
        m->pools[pi].duty = (cc_area){0.0, 0.0, 0.0};
        m->pools[pi].busy = (cc_area){0.0, 0.0, 0.0};
        m->pools[pi].overtime = (cc_area){0.0, 0.0, 0.0};
    }
    sim_env_schedule_at(m->env, 0.0, PRIO_BOUNDARY, on_boundary, m, NULL);
    if (m->warmup_s > 0.0)
        sim_env_schedule_at(m->env, m->warmup_s, PRIO_WARMUP, on_warmup, m, NULL);
    sim_env_set_interrupt(m->env, opts->interrupted);
    st = sim_env_run_until(m->env, m->horizon_s, err);
    if (st == SIM_OK && m->oom)
        st = sim_error_set(err, SIM_ENOMEM, "", "out of memory during the run");
    if (st == SIM_OK && m->over_cap)
        st = sim_error_set(err, SIM_ENOMEM, "--max-in-system",
                           "replication %llu stopped at %.0f s (day %.0f): more than %zu "
                           "contacts in the system at once, the cap that keeps the run within "
                           "memory; the scenario overloads its agents (raise the cap if the "
                           "machine has the memory)",
                           (unsigned long long)replication, sim_now(m),
                           floor(sim_now(m) / 86400.0) + 1.0, m->max_in_system);
    if (st == SIM_OK)
        st = finish(m, err);
    if (st == SIM_OK)
        cc_rep_seal(out); /* keep the quantiles, free the histograms */
done:
    sim_fini(m);
    sim_free(m);
    return st;
}

typedef struct cc_batch {
    const scenario *scn;
    const cc_options *opts;
    cc_rep *reps;
} cc_batch;

static sim_status cc_task(void *ctx, size_t index, sim_error *err)
{
    cc_batch *b = ctx;
    return cc_model_run(b->scn, b->opts, index, &b->reps[index], err);
}

/* MPI exchange of replications (sim_mpi.h). */
static void cc_batch_pack(void *ctx, size_t index, sim_buf *buf)
{
    cc_batch *b = ctx;
    cc_rep_pack(&b->reps[index], buf);
}

static sim_status cc_batch_unpack(void *ctx, size_t index, sim_buf_reader *r, sim_error *err)
{
    cc_batch *b = ctx;
    return cc_rep_unpack(&b->reps[index], r, err);
}

sim_status cc_model_run_replications(const scenario *scn, const cc_options *opts, size_t n,
                                     int threads, volatile sig_atomic_t *interrupted,
                                     void (*progress)(void *ctx, size_t done, size_t total),
                                     void *progress_ctx, cc_rep *reps, sim_error *err)
{
    for (size_t i = 0; i < n; i++)
        memset(&reps[i], 0, sizeof reps[i]);
    /* Refuse absurd runs before any work (limits_run.h): every command that simulates a
     * scenario passes through here or through study_run. */
    cc_options with_intr;
    if (opts != NULL)
        with_intr = *opts;
    else
        cc_options_default(&with_intr);
    if (interrupted != NULL && with_intr.interrupted == NULL)
        with_intr.interrupted = interrupted;
    if (with_intr.max_in_system == 0) { /* the machine's share for the replications at once */
        size_t at_once = threads > 1 ? (size_t)threads : 1;
        with_intr.max_in_system = limits_run_in_system_default(at_once < n ? at_once : n);
    }
    opts = &with_intr;
    limits_run_caps caps;
    limits_run_caps_default(&caps);
    caps.max_in_system = (double)opts->max_in_system;
    sim_status lim = limits_run_check(scn, n, opts->intervals == CC_INTERVALS_WEEK, &caps,
                                      NULL, err);
    if (lim != SIM_OK)
        return lim;
    cc_batch b = {scn, opts, reps};
    sim_runner_options ro = {threads, interrupted, progress, progress_ctx, cc_batch_pack,
                             cc_batch_unpack};
    return sim_runner_run(n, cc_task, &b, &ro, err);
}
