/* staffplan.c -- see staffplan.h.
 *
 * The Erlang arithmetic is erlang_staff.h's, the rates are demand.h's and the opening
 * hours scenario_is_open's; this file only decides, per channel kind, which of them applies
 * and spreads deferred work within its response target.
 */
#include "staffplan.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "demand.h"
#include "erlang.h"
#include "erlang_staff.h"
#include "scenario_dist.h"
#include "sim_alloc.h"
#include "sim_assert.h"

static const char *const staffplan_day_names[7] = {"Mon", "Tue", "Wed", "Thu",
                                                   "Fri", "Sat", "Sun"};

void staffplan_options_init(staffplan_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->erlang_a = 1;
}

const char *staffplan_method_name(staffplan_method m)
{
    switch (m) {
    case STAFFPLAN_ERLANG_C: return "erlang_c";
    case STAFFPLAN_ERLANG_A: return "erlang_a";
    case STAFFPLAN_ERLANG_X: return "erlang_x";
    case STAFFPLAN_WORKLOAD: return "workload";
    default: return "?";
    }
}

void staffplan_week_sum(const staffplan *p, staffplan_week *out)
{
    memset(out, 0, sizeof *out);
    double h = p->interval_s / 3600.0;
    for (size_t k = 0; k < p->n_intervals; k++) {
        double all = 0.0;
        for (size_t j = 0; j < p->n_channels; j++) {
            const staffplan_cell *c = staffplan_at(p, k, j);
            staffplan_week_channel *s = &out->channels[j];
            if (c->agents > s->peak) {
                s->peak = c->agents;
                s->peak_at = k;
            }
            if (c->staff > s->peak_staff)
                s->peak_staff = c->staff;
            s->agent_hours += c->agents * h;
            s->staff_hours += c->staff * h;
            if (c->open) {
                s->mean_open += c->agents;
                s->open++;
            }
            all += c->agents;
        }
        if (all > out->peak) {
            out->peak = all;
            out->peak_at = k;
        }
    }
    for (size_t j = 0; j < p->n_channels; j++) {
        staffplan_week_channel *s = &out->channels[j];
        s->mean_open = s->open > 0 ? s->mean_open / (double)s->open : 0.0;
        out->agent_hours += s->agent_hours;
        out->staff_hours += s->staff_hours;
    }
}

static int staffplan_open(const scenario *scn, size_t channel, size_t k)
{
    size_t ipd = scn->intervals_per_day;
    return scenario_is_open(scn, channel, (unsigned)((k / ipd) % 7),
                            (double)(k % ipd) * scn->interval_s);
}

/* Mean after-call work of a channel's contacts (0 without wrap_up). */
static double staffplan_wrap_s(const scenario_channel *ch)
{
    return ch->has_wrap_up ? ch->wrap_up.mean_s : 0.0;
}

/* Describe channel c: method, the handle time the formulas see, shrinkage. */
static void staffplan_describe(const scenario *scn, size_t c, const staffplan_options *opts,
                               staffplan_channel *out)
{
    const scenario_channel *ch = &scn->channels[c];
    memset(out, 0, sizeof *out);
    out->channel = c;
    memcpy(out->name, ch->name, sizeof out->name);
    out->kind = ch->kind;
    out->concurrency = 1;
    out->aht_s = ch->handle_time.mean_s;
    out->sl_target = ch->sl_target;
    out->threshold_s = ch->sl_threshold_s;
    const scenario_kind_props *kp = scenario_channel_kind_props(ch->kind);
    if (kp->backlog) {
        out->method = STAFFPLAN_WORKLOAD;
        out->response_target_s = ch->response_target_s;
    } else {
        out->method = STAFFPLAN_ERLANG_C;
        if (kp->concurrent) {
            out->concurrency = ch->concurrency > 0 ? ch->concurrency : 1;
            /* The model stretches a chat by the chats its agent holds as it starts; sized at
             * full concurrency, as cc_staff_erlang_default does (the pessimistic end; the
             * size of the bias is measured in tests/test_erlang_chat_sim.c). */
            out->aht_s *= 1.0 + ch->stretch * (double)(out->concurrency - 1);
        }
        if (opts->erlang_a && ch->has_patience) {
            out->method = ch->retrial_share > 0.0 ? STAFFPLAN_ERLANG_X : STAFFPLAN_ERLANG_A;
            out->patience_s = ch->patience.mean_s;
            out->redial_share = ch->retrial_share > 0.0 ? ch->retrial_share : 0.0;
        }
    }
    /* After-call work holds the agent (or the chat slot) like talk time: the formulas and
     * the workload see talk (stretched for a chat) + wrap-up (the M/G/n reduction in
     * docs/model.md, "After-call work"). */
    out->aht_s += staffplan_wrap_s(ch);
    /* The largest shrinkage among the groups with this skill (conservative). */
    for (size_t g = 0; g < scn->n_groups; g++) {
        const scenario_group *grp = &scn->groups[g];
        for (size_t k = 0; k < grp->n_skills; k++) {
            if (grp->skills[k].channel == c && grp->shrinkage > out->shrinkage)
                out->shrinkage = grp->shrinkage;
        }
    }
}

/* Reset what sizing computes; open, rate_per_hour and repeat_per_hour stay. */
static void staffplan_cell_na(staffplan_cell *cell)
{
    cell->load = 0.0;
    cell->agents = 0.0;
    cell->staff = 0.0;
    cell->service_level = (double)NAN;
    cell->asa_s = (double)NAN;
    cell->p_abandon = (double)NAN;
    cell->occupancy = (double)NAN;
}

/* The scenario path of the channel field an erlang_queue/erlang_target field stands for. */
static const char *staffplan_field(const char *inner)
{
    if (strcmp(inner, "redial_share") == 0)
        return "retrial.share";
    if (strcmp(inner, "patience_s") == 0)
        return "patience.mean_s";
    if (strcmp(inner, "aht_s") == 0)
        return "handle_time.mean_s";
    if (strcmp(inner, "threshold_s") == 0)
        return "service_level.threshold_s";
    if (strcmp(inner, "concurrency") == 0)
        return "concurrency";
    return "service_level.target";
}

/* Durations by time of day: the handle time (with the chat stretch the channel's carries) and
 * patience of interval k, time-weighted over the interval (scenario_dist_mean_between); the
 * channel's own when it has no periods. */
static void staffplan_interval_means(const staffplan *plan, const scenario *scn, size_t j,
                                     size_t k, erlang_queue *q)
{
    const staffplan_channel *pc = &plan->channels[j];
    const scenario_channel *ch = &scn->channels[pc->channel];
    double from = (double)(k % plan->intervals_per_day) * plan->interval_s;
    double to = from + plan->interval_s;
    q->aht_s = pc->aht_s;
    if (ch->n_handle_periods > 0) {
        /* the periods scale the talk, not the wrap-up */
        double wrap = staffplan_wrap_s(ch);
        q->aht_s = (pc->aht_s - wrap) *
                       scenario_dist_mean_between(&ch->handle_time, ch->handle_periods,
                                                  ch->n_handle_periods, from, to) /
                       ch->handle_time.mean_s +
                   wrap;
    }
    if (q->patience_s > 0.0 && ch->has_patience && ch->n_patience_periods > 0)
        q->patience_s = scenario_dist_mean_between(&ch->patience, ch->patience_periods,
                                                   ch->n_patience_periods, from, to);
}

/* Voice, video, chat: one Erlang search per open interval with demand. */
static sim_status staffplan_realtime(staffplan *plan, const scenario *scn, size_t j,
                                     sim_error *err)
{
    const staffplan_channel *pc = &plan->channels[j];
    erlang_queue q;
    erlang_queue_init(&q);
    q.aht_s = pc->aht_s;
    q.patience_s = pc->patience_s;
    q.redial_share = pc->redial_share;
    q.threshold_s = pc->threshold_s;
    erlang_target t;
    erlang_staff_target_init(&t);
    t.shrinkage = pc->shrinkage;
    if (pc->sl_target > 0.0)
        t.service_level = pc->sl_target;
    else
        t.max_occupancy = 1.0; /* no target: the fewest agents that keep up */
    for (size_t k = 0; k < plan->n_intervals; k++) {
        staffplan_cell *cell = &plan->cells[k * plan->n_channels + j];
        double rate = (cell->rate_per_hour + cell->repeat_per_hour) / 3600.0;
        if (!cell->open || !(rate > 0.0))
            continue;
        q.arrival_rate = rate;
        staffplan_interval_means(plan, scn, j, k, &q);
        erlang_staffing s;
        sim_error inner;
        sim_error_clear(&inner);
        sim_status st = scenario_channel_kind_props(pc->kind)->concurrent
                            ? erlang_staff_chat(&q, (unsigned)pc->concurrency, &t, &s, &inner)
                            : erlang_staff_solve(&q, &t, &s, &inner);
        if (st != SIM_OK) {
            size_t ipd = plan->intervals_per_day;
            double tod = (double)(k % ipd) * plan->interval_s;
            char path[SIM_ERROR_PATH_MAX];
            snprintf(path, sizeof path, "channels[%zu].%s", pc->channel,
                     staffplan_field(inner.path));
            return sim_error_set(err, st, path,
                                 "channel '%s', %s %02d:%02d (interval %zu of the week): "
                                 "%s: %s",
                                 pc->name, staffplan_day_names[(k / ipd) % 7],
                                 (int)(tod / 3600.0), (int)fmod(tod / 60.0, 60.0), k,
                                 inner.path, inner.message);
        }
        cell->load = s.at.offered_load;
        cell->agents = s.agents;
        cell->staff = s.agents / (1.0 - pc->shrinkage);
        cell->service_level = s.at.service_level;
        cell->asa_s = s.at.asa_s;
        cell->p_abandon = s.at.p_abandon;
        cell->occupancy = s.at.occupancy;
    }
    return SIM_OK;
}

/* Deferred, callback: the work arriving in interval k, spread evenly over the open intervals
 * of its response window s .. s + W (cyclic over the week), where s is the first open
 * interval at or after k and W = floor(response_target_s / interval_s). Each interval then
 * needs ceil(work landing in it / interval_s) agents. `landed` is scratch of n_intervals. */
static sim_status staffplan_workload(staffplan *plan, const scenario *scn, size_t j,
                                     double *landed, sim_error *err)
{
    const staffplan_channel *pc = &plan->channels[j];
    size_t n = plan->n_intervals, nc = plan->n_channels;
    double dt = plan->interval_s;
    double wf = floor(pc->response_target_s / dt + 1e-9);
    size_t w = wf >= (double)(n - 1) ? n - 1 : (size_t)wf;
    size_t any_open = 0;
    for (size_t k = 0; k < n; k++) {
        landed[k] = 0.0;
        any_open += (size_t)plan->cells[k * nc + j].open;
    }
    for (size_t k = 0; k < n; k++) {
        const staffplan_cell *ck = &plan->cells[k * nc + j];
        erlang_queue qk;
        erlang_queue_init(&qk);
        staffplan_interval_means(plan, scn, j, k, &qk);
        double work = (ck->rate_per_hour + ck->repeat_per_hour) / 3600.0 * qk.aht_s * dt;
        if (!(work > 0.0))
            continue;
        if (any_open == 0) {
            char path[SIM_ERROR_PATH_MAX];
            snprintf(path, sizeof path, "channels[%zu].hours", pc->channel);
            return sim_error_set(err, SIM_EINVAL, path,
                                 "channel '%s' receives work but is never open in the week: "
                                 "no staffing can answer it",
                                 pc->name);
        }
        /* The window starts at the first open interval at or after k (an item that arrives
         * while closed is due response_target_s after the opening). */
        size_t s0 = k;
        while (!plan->cells[(s0 % n) * nc + j].open)
            s0++; /* ends within n steps: some interval is open */
        size_t m = 0;
        for (size_t d = 0; d <= w; d++)
            m += (size_t)plan->cells[((s0 + d) % n) * nc + j].open;
        for (size_t d = 0; d <= w; d++) {
            size_t i = (s0 + d) % n;
            if (plan->cells[i * nc + j].open)
                landed[i] += work / (double)m;
        }
    }
    for (size_t k = 0; k < n; k++) {
        staffplan_cell *cell = &plan->cells[k * nc + j];
        if (!cell->open)
            continue;
        cell->load = landed[k] / dt;
        /* The 1e-9 keeps a load of exactly 3 agents (up to rounding) at 3, not 4. */
        cell->agents = cell->load > 0.0 ? ceil(cell->load - 1e-9) : 0.0;
        cell->staff = cell->agents / (1.0 - pc->shrinkage);
        cell->occupancy = cell->agents > 0.0 ? cell->load / cell->agents : (double)NAN;
    }
    return SIM_OK;
}

/* Size every staffed channel from the cells' rates (first contacts plus repeat_per_hour). */
static sim_status staffplan_size(staffplan *plan, const scenario *scn, double *scratch,
                                 sim_error *err)
{
    for (size_t j = 0; j < plan->n_channels; j++) {
        for (size_t k = 0; k < plan->n_intervals; k++)
            staffplan_cell_na(&plan->cells[k * plan->n_channels + j]);
        sim_status st = plan->channels[j].method == STAFFPLAN_WORKLOAD
                            ? staffplan_workload(plan, scn, j, scratch, err)
                            : staffplan_realtime(plan, scn, j, err);
        if (st != SIM_OK)
            return st;
    }
    return SIM_OK;
}

/* The Erlang A abandonment estimate of staffed channel j at the agents sized: the mean over
 * its open intervals weighted by the arrivals there. Erlang A/X cells carry it; an Erlang C
 * cell is re-evaluated with the channel's patience (0 without one). */
static double staffplan_p_abandon(const staffplan *plan, const scenario *scn, size_t j)
{
    const staffplan_channel *pc = &plan->channels[j];
    const scenario_channel *ch = &scn->channels[pc->channel];
    if (pc->method == STAFFPLAN_WORKLOAD || !ch->has_patience || !(ch->patience.mean_s > 0.0))
        return 0.0;
    double num = 0.0, den = 0.0;
    for (size_t k = 0; k < plan->n_intervals; k++) {
        const staffplan_cell *cell = staffplan_at(plan, k, j);
        double rate = (cell->rate_per_hour + cell->repeat_per_hour) / 3600.0;
        if (!cell->open || !(rate > 0.0))
            continue;
        double p = cell->p_abandon;
        if (pc->method == STAFFPLAN_ERLANG_C || !isfinite(p)) {
            erlang_queue q;
            erlang_queue_init(&q);
            q.arrival_rate = rate;
            q.aht_s = pc->aht_s;
            q.patience_s = ch->patience.mean_s;
            staffplan_interval_means(plan, scn, j, k, &q);
            q.threshold_s = pc->threshold_s;
            q.agents = cell->agents * (double)pc->concurrency;
            erlang_result r;
            sim_error ignored;
            p = q.agents > 0.0 && erlang_eval(&q, &r, &ignored) == SIM_OK ? r.p_abandon : 1.0;
        }
        num += rate * p;
        den += rate;
    }
    return den > 0.0 ? num / den : 0.0;
}

/* Expected repeat contacts per week into every scenario channel (repeat[c], of which
 * redial[c] are redials of c's own abandoned callers), by the generation sum described in
 * staffplan.h. p_ab[c] per scenario channel; first[s * nc + c] the first contacts per week of
 * segment s into channel c; closed[c] the share of c's first contacts that come while it is
 * closed, closed[nc + c] the share of its repeat contacts (see staffplan_first). */
static void staffplan_repeat_volumes(const scenario *scn, const double *p_ab,
                                     const double *first, const double *closed,
                                     double *repeat, double *redial)
{
    size_t nc = scn->n_channels, ns = scn->n_segments;
    double next[SCENARIO_MAX_CHANNELS], cur[SCENARIO_MAX_CHANNELS];
    for (size_t c = 0; c < nc; c++)
        repeat[c] = redial[c] = 0.0;
    size_t max_gen = scn->max_contacts_per_need > 0 ? scn->max_contacts_per_need : 10;
    for (size_t s = 0; s < ns; s++) {
        double total0 = 0.0;
        for (size_t c = 0; c < nc; c++) {
            cur[c] = first[s * nc + c];
            total0 += cur[c];
        }
        for (size_t gen = 1; gen < max_gen && total0 > 0.0; gen++) {
            double moved = 0.0;
            for (size_t c = 0; c < nc; c++)
                next[c] = 0.0;
            for (size_t c = 0; c < nc; c++) {
                if (!(cur[c] > 0.0))
                    continue;
                const scenario_channel *ch = &scn->channels[c];
                double v = cur[c];
                double w[SCENARIO_OUTCOME_COUNT] = {0};
                double cl = gen == 1 ? closed[c] : closed[nc + c];
                if (ch->when_closed == SCENARIO_CLOSED_HOP)
                    w[SCENARIO_OUTCOME_CLOSED] = v * cl;
                if (ch->when_closed == SCENARIO_CLOSED_HOP || ch->when_closed == SCENARIO_CLOSED_LOST)
                    v *= 1.0 - cl;
                double fcr = ch->fcr_share;
                const scenario_kind_props *kp = scenario_channel_kind_props(ch->kind);
                if (!kp->agent_time) {
                    w[SCENARIO_OUTCOME_SELF_SERVICE_FAILED] = v * (1.0 - ch->resolve_share);
                } else if (!kp->abandons) {
                    w[SCENARIO_OUTCOME_UNRESOLVED] = v * (1.0 - fcr);
                } else {
                    double ab = v * p_ab[c];
                    double rd = ab * (ch->retrial_share > 0.0 ? ch->retrial_share : 0.0);
                    next[c] += rd;
                    redial[c] += rd;
                    w[SCENARIO_OUTCOME_ABANDONED] = ab - rd;
                    w[SCENARIO_OUTCOME_UNRESOLVED] = (v - ab) * (1.0 - fcr);
                }
                for (int o = 0; o < SCENARIO_OUTCOME_COUNT; o++) {
                    if (!(w[o] > 0.0))
                        continue;
                    const scenario_hop *h = scenario_hop_get(scn, s, (scenario_outcome)o, c);
                    for (size_t d = 0; d < nc; d++)
                        next[d] += w[o] * h->to[d];
                }
            }
            for (size_t c = 0; c < nc; c++) {
                cur[c] = next[c];
                repeat[c] += next[c];
                moved += next[c];
            }
            if (moved < 1e-12 * total0)
                break;
        }
    }
}

/* Fill the repeat fields of plan from its current sizing (one pass of the fixed point).
 * Sets *changed to the largest relative move of a channel's repeat volume. */
static void staffplan_repeats(staffplan *plan, const scenario *scn, const double *first,
                              const double *closed, const double *all_first_rate,
                              double *changed)
{
    size_t n = plan->n_intervals;
    double p_ab[SCENARIO_MAX_CHANNELS] = {0};
    double repeat[SCENARIO_MAX_CHANNELS], redial[SCENARIO_MAX_CHANNELS];
    for (size_t j = 0; j < plan->n_channels; j++)
        p_ab[plan->channels[j].channel] = staffplan_p_abandon(plan, scn, j);
    staffplan_repeat_volumes(scn, p_ab, first, closed, repeat, redial);
    *changed = 0.0;
    for (size_t j = 0; j < plan->n_channels; j++) {
        staffplan_channel *pc = &plan->channels[j];
        size_t c = pc->channel;
        double old = pc->repeats_per_week;
        double diff = fabs(repeat[c] - old);
        double rel = diff / (old > 1e-9 ? old : 1.0);
        *changed = rel > *changed ? rel : *changed;
        pc->repeats_per_week = repeat[c];
        pc->redials_per_week = redial[c];
        pc->p_abandon_est = p_ab[c];
        /* Sized on top: Erlang X adds the redials itself. */
        double extra = repeat[c] - (pc->method == STAFFPLAN_ERLANG_X ? redial[c] : 0.0);
        /* Spread like the channel's first contacts (all first contacts when it has none). */
        double wsum = 0.0;
        for (size_t k = 0; k < n; k++)
            wsum += pc->first_per_week > 0.0 ? staffplan_at(plan, k, j)->rate_per_hour
                                             : all_first_rate[k];
        for (size_t k = 0; k < n; k++) {
            staffplan_cell *cell = &plan->cells[k * plan->n_channels + j];
            double wk = pc->first_per_week > 0.0 ? cell->rate_per_hour : all_first_rate[k];
            /* per week -> per hour in interval k: share of the week x extra / interval h */
            cell->repeat_per_hour =
                wsum > 0.0 ? extra * (wk / wsum) / (plan->interval_s / 3600.0) : 0.0;
        }
    }
}

/* First contacts per week per (segment, channel) as the simulation draws them; the closed
 * share of every channel's first contacts (closed[c], demand_closed_share's arithmetic)
 * and of its repeat contacts (closed[nc + c]); the all-channel first-contact rate per
 * interval. A repeat contact comes an hour or more after an earlier contact of its need
 * whatever the hours, so its closed share is taken as the share of all first contacts (the
 * customers' own timing) that arrive while the channel is closed, not the channel's own: in
 * by_segment mode a channel's first contacts never meet it closed while its repeats do. One
 * pass of demand_rates_week per interval. */
static void staffplan_first(const scenario *scn, size_t n, double *first, double *closed,
                            double *all_rate)
{
    size_t nc = scn->n_channels, ns = scn->n_segments;
    double dt = scn->interval_s;
    double rate[SCENARIO_MAX_CHANNELS], shut_rate[SCENARIO_MAX_CHANNELS];
    double tot[SCENARIO_MAX_CHANNELS] = {0}, shut[SCENARIO_MAX_CHANNELS] = {0};
    double all_tot = 0.0, all_shut[SCENARIO_MAX_CHANNELS] = {0};
    double seg_rate[SCENARIO_MAX_SEGMENTS * SCENARIO_MAX_CHANNELS];
    int by_segment = scn->demand_mode == SCENARIO_DEMAND_BY_SEGMENT;
    for (size_t s = 0; s < ns * nc; s++)
        first[s] = 0.0;
    for (size_t k = 0; k < n; k++) {
        demand_rates_week(scn, k, rate, shut_rate, by_segment ? seg_rate : NULL);
        all_rate[k] = 0.0;
        for (size_t c = 0; c < nc; c++) {
            all_rate[k] += 3600.0 * rate[c];
            tot[c] += 3600.0 * rate[c];
            shut[c] += 3600.0 * shut_rate[c];
        }
        all_tot += all_rate[k];
        for (size_t c = 0; c < nc; c++) {
            const scenario_hours *h = &scn->channels[c].hours;
            size_t ipd = scn->intervals_per_day;
            double a = (double)(k % ipd) * dt;
            double open = scenario_hours_open_s(&h, 1, (unsigned)((k / ipd) % 7), a, a + dt);
            all_shut[c] += all_rate[k] * (dt - open) / dt;
        }
        for (size_t s = 0; by_segment && s < ns * nc; s++)
            first[s] += seg_rate[s] * dt;
    }
    for (size_t c = 0; c < nc; c++) {
        closed[c] = tot[c] > 0.0 ? shut[c] / tot[c] : 0.0;
        closed[nc + c] = all_tot > 0.0 ? all_shut[c] / all_tot : 0.0;
        if (by_segment)
            continue;
        /* per_channel: a contact's segment is population share x preference for c
         * (cc_model.c) */
        double den = 0.0;
        for (size_t s = 0; s < ns; s++)
            den += scn->segments[s].population_share * scn->segments[s].preference[c];
        int by_pref = den > 0.0;
        if (!by_pref) {
            den = 0.0;
            for (size_t s = 0; s < ns; s++)
                den += scn->segments[s].population_share;
        }
        for (size_t s = 0; s < ns; s++) {
            const scenario_segment *g = &scn->segments[s];
            double w = by_pref ? g->population_share * g->preference[c] : g->population_share;
            first[s * nc + c] = den > 0.0 ? tot[c] * dt / 3600.0 * w / den : 0.0;
        }
    }
}

sim_status staffplan_build(staffplan *plan, const scenario *scn, const staffplan_options *opts,
                           sim_error *err)
{
    staffplan_options defaults;
    if (opts == NULL) {
        staffplan_options_init(&defaults);
        opts = &defaults;
    }
    memset(plan, 0, sizeof *plan);
    plan->interval_s = scn->interval_s;
    plan->intervals_per_day = scn->intervals_per_day;
    plan->n_intervals = 7 * scn->intervals_per_day;
    size_t nc = 0;
    for (size_t c = 0; c < scn->n_channels; c++)
        nc += scenario_channel_kind_props(scn->channels[c].kind)->agent_time;
    plan->n_channels = nc;
    plan->channels = sim_calloc(nc > 0 ? nc : 1, sizeof *plan->channels);
    plan->cells = sim_calloc(nc * plan->n_intervals + 1, sizeof *plan->cells);
    double *scratch = sim_calloc(plan->n_intervals, sizeof *scratch);
    double *all_rate = sim_calloc(plan->n_intervals, sizeof *all_rate);
    double *first = sim_calloc(scn->n_segments * scn->n_channels + 1, sizeof *first);
    double closed[2 * SCENARIO_MAX_CHANNELS];
    sim_status st = SIM_OK;
    if (plan->channels == NULL || plan->cells == NULL || scratch == NULL || all_rate == NULL ||
        first == NULL) {
        st = sim_error_set(err, SIM_ENOMEM, "", "out of memory for the staffing table");
        goto done;
    }
    size_t j = 0;
    for (size_t c = 0; c < scn->n_channels; c++) {
        if (!scenario_channel_kind_props(scn->channels[c].kind)->agent_time)
            continue;
        staffplan_describe(scn, c, opts, &plan->channels[j]);
        j++;
    }
    SIM_ASSERT(j == nc, "staffed channel count");
    for (size_t k = 0; k < plan->n_intervals; k++) {
        double rate[SCENARIO_MAX_CHANNELS];
        demand_rates_week(scn, k, rate, NULL, NULL);
        for (j = 0; j < nc; j++) {
            size_t c = plan->channels[j].channel;
            staffplan_cell *cell = &plan->cells[k * nc + j];
            cell->open = staffplan_open(scn, c, k);
            cell->rate_per_hour = 3600.0 * rate[c];
            cell->repeat_per_hour = 0.0;
        }
    }
    st = staffplan_size(plan, scn, scratch, err);
    if (st != SIM_OK || !opts->repeats)
        goto done;
    staffplan_first(scn, plan->n_intervals, first, closed, all_rate);
    for (j = 0; j < nc; j++) {
        double f = 0.0;
        for (size_t k = 0; k < plan->n_intervals; k++)
            f += staffplan_at(plan, k, j)->rate_per_hour * plan->interval_s / 3600.0;
        plan->channels[j].first_per_week = f;
    }
    /* Sizing and abandonment together: repeats raise the load, the sizing moves p_ab. */
    for (int pass = 0; pass < 8; pass++) {
        double changed;
        staffplan_repeats(plan, scn, first, closed, all_rate, &changed);
        st = staffplan_size(plan, scn, scratch, err);
        if (st != SIM_OK || changed < 1e-6)
            break;
    }
done:
    sim_free(scratch);
    sim_free(all_rate);
    sim_free(first);
    if (st != SIM_OK)
        staffplan_fini(plan);
    return st;
}

void staffplan_fini(staffplan *plan)
{
    if (plan == NULL)
        return;
    sim_free(plan->channels);
    sim_free(plan->cells);
    memset(plan, 0, sizeof *plan);
}

const staffplan_cell *staffplan_at(const staffplan *plan, size_t interval, size_t j)
{
    SIM_ASSERT(interval < plan->n_intervals && j < plan->n_channels, "staffplan cell index");
    return &plan->cells[interval * plan->n_channels + j];
}

size_t staffplan_find(const staffplan *plan, size_t channel)
{
    for (size_t j = 0; j < plan->n_channels; j++) {
        if (plan->channels[j].channel == channel)
            return j;
    }
    return SCENARIO_NONE;
}
