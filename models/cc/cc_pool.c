/* cc_pool.c -- the model's server pools and queues, built from the scenario through a
 * routing policy's layout, and the two rules today's policies share (cc_pool.h).
 *
 * Routing is pull-based: whenever capacity may have appeared (an answer, an agent coming on
 * duty, a channel opening, an overflow threshold passing) the pool takes, among its skills in
 * priority order, the eligible queue head with the smallest key, as long as one of its agents
 * can take it (cc_pool_priority_oldest). An arriving contact first tries the pools that serve
 * its channel right away (the direct routes built here). Overflow eligibility depends only on
 * the time in queue, so the eligible contacts of a queue are a prefix of it, and one timer
 * per overflow rule (a watch, armed at head key + threshold when the overflow pool has room)
 * replaces a timer per contact.
 */
#include "cc_pool.h"

#include <stdio.h>
#include <string.h>

#include "cc_model_internal.h"
#include "cc_staff.h"
#include "sim_alloc.h"

cc_agent *cc_pool_longest_idle(const cc_sim *m, const cc_pool *p, const cc_contact *c)
{
    const scenario_channel *ch = &m->scn->channels[c->channel];
    if (p->single_only || !m->kind[c->channel]->concurrent)
        return p->level_head[0];
    size_t k = ch->concurrency < p->kmax ? ch->concurrency : p->kmax;
    for (size_t l = 0; l < k; l++) {
        if (p->level_head[l] != NULL)
            return p->level_head[l];
    }
    return NULL;
}

/* The rank of pool p for contact c under the scenario's agent selection: smaller first. */
static double pick_rank(const cc_sim *m, const cc_pool *p, const cc_contact *c)
{
    if (m->scn->routing.agent_selection == SCENARIO_SELECT_MOST_PROFICIENT)
        return p->skill_factor[c->channel] * p->ht_factor;
    return p->present > 0 ? p->busy.value / (double)p->present : 0.0;
}

size_t cc_pool_pick_direct(const cc_sim *m, const cc_contact *c, cc_agent **agent)
{
    size_t chn = c->channel;
    int first = m->scn->routing.agent_selection == SCENARIO_SELECT_FIRST;
    size_t best = SIZE_MAX;
    unsigned best_prio = 0;
    double best_rank = 0.0;
    for (size_t k = 0; k < m->n_direct[chn]; k++) {
        const cc_direct *d = &m->direct[chn][k];
        if (best != SIZE_MAX && d->priority > best_prio)
            break; /* the routes are sorted by priority: only the first level with an agent */
        const cc_pool *p = &m->pools[d->pool];
        cc_agent *a = m->route->find_agent(m, p, c);
        if (a == NULL)
            continue;
        if (first) {
            *agent = a;
            return d->pool;
        }
        double rank = pick_rank(m, p, c);
        if (best == SIZE_MAX || rank < best_rank) {
            best = d->pool;
            best_prio = d->priority;
            best_rank = rank;
            *agent = a;
        }
    }
    return best;
}


/* The order key of a queue head among the heads of one priority level: its key (entry
 * time), or its due time in an oldest_due_first backlog. */
static double head_order(const cc_sim *m, const cc_contact *h)
{
    const scenario_channel *ch = &m->scn->channels[h->channel];
    if (m->kind[h->channel]->backlog && ch->backlog == SCENARIO_BACKLOG_OLDEST_DUE_FIRST)
        return h->key_s + ch->response_target_s;
    return h->key_s;
}

size_t cc_pool_priority_oldest(const cc_sim *m, const cc_pool *p, int overtime,
                               cc_agent **agent)
{
    double now = sim_env_now(m->env);
    size_t best = SIZE_MAX;
    unsigned best_prio = 0;
    double best_key = 0.0;
    for (size_t s = 0; s < p->n_skills; s++) {
        const cc_skill *sk = &p->skills[s];
        if (best != SIZE_MAX && sk->priority > best_prio)
            break;
        cc_contact *h = m->queues[sk->queue].head;
        if (h == NULL || !cc_model_head_servable(m, h) || now - h->key_s < sk->min_wait_s)
            continue;
        if (overtime && m->open[h->channel])
            continue;
        cc_agent *a = overtime ? *agent : m->route->find_agent(m, p, h);
        if (a == NULL)
            continue;
        double key = head_order(m, h);
        if (best == SIZE_MAX || key < best_key) {
            best = sk->queue;
            best_prio = sk->priority;
            best_key = key;
            *agent = a;
        }
    }
    return best;
}

static int add_skill(cc_pool *p, size_t queue, unsigned priority, double min_wait_s)
{
    for (size_t s = 0; s < p->n_skills; s++) {
        if (p->skills[s].queue == queue) {
            if (min_wait_s <= 0.0 && p->skills[s].min_wait_s <= 0.0 &&
                priority < p->skills[s].priority)
                p->skills[s].priority = priority;
            return 0;
        }
    }
    if (p->n_skills >= CC_MAX_SKILLS)
        return 0;
    p->skills[p->n_skills++] = (cc_skill){queue, priority, min_wait_s};
    return 1;
}

static void sort_skills(cc_pool *p)
{
    for (size_t i = 1; i < p->n_skills; i++) {
        cc_skill x = p->skills[i];
        size_t j = i;
        while (j > 0 && (p->skills[j - 1].priority > x.priority ||
                         (p->skills[j - 1].priority == x.priority &&
                          p->skills[j - 1].queue > x.queue))) {
            p->skills[j] = p->skills[j - 1];
            j--;
        }
        p->skills[j] = x;
    }
}

sim_status cc_pool_build(cc_sim *m, sim_error *err)
{
    const scenario *scn = m->scn;
    const cc_route_type *rt = m->route;
    size_t n_in = rt->n_desks(scn);
    m->n_pools = n_in + scn->n_outsourcers;
    /* The channels' queues, then one per (share-mode outsourcer, channel it takes a share
     * of), as in-house pools have one per skill channel: own_queue[o][c]. */
    size_t own_queue[SCENARIO_MAX_OUTSOURCERS][SCENARIO_MAX_CHANNELS];
    m->n_queues = scn->n_channels;
    for (size_t o = 0; o < scn->n_outsourcers; o++) {
        const scenario_outsourcer *os = &scn->outsourcers[o];
        for (size_t c = 0; c < scn->n_channels; c++) {
            int own = os->mode == SCENARIO_OUTSOURCE_SHARE && os->serves[c] && os->share > 0.0;
            own_queue[o][c] = own ? m->n_queues++ : SCENARIO_NONE;
        }
    }
    m->pools = sim_calloc(m->n_pools > 0 ? m->n_pools : 1, sizeof *m->pools);
    m->queues = sim_calloc(m->n_queues, sizeof *m->queues);
    if (m->pools == NULL || m->queues == NULL)
        return sim_error_set(err, SIM_ENOMEM, "", "out of memory creating server pools");
    for (size_t q = 0; q < scn->n_channels; q++) {
        m->queues[q].channel = q;
        m->queues[q].owner = SCENARIO_NONE;
    }
    for (size_t o = 0; o < scn->n_outsourcers; o++) {
        for (size_t c = 0; c < scn->n_channels; c++) {
            if (own_queue[o][c] != SCENARIO_NONE) {
                m->queues[own_queue[o][c]].channel = c;
                m->queues[own_queue[o][c]].owner = n_in + o;
            }
        }
    }
    cc_rep *r = m->r;
    for (size_t pi = 0; pi < m->n_pools; pi++) {
        cc_pool *p = &m->pools[pi];
        cc_pool_totals *pt = &r->pools[pi];
        p->ht_factor = 1.0;
        p->kmax = 1;
        for (size_t c = 0; c < SCENARIO_MAX_CHANNELS; c++)
            p->skill_factor[c] = 1.0;
        if (pi < n_in) {
            size_t cap = 0;
            for (size_t g = 0; g < scn->n_groups; g++) {
                if (rt->desk_of_group(scn, g) != pi)
                    continue;
                p->groups[p->n_groups++] = (uint16_t)g;
                const scenario_group *grp = &scn->groups[g];
                cap += cc_staff_max(&m->staff, scn, g);
                for (size_t k = 0; k < grp->n_skills; k++) {
                    size_t c = grp->skills[k].channel;
                    unsigned prio = grp->skills[k].priority > 0 ? grp->skills[k].priority
                                                                : scn->channels[c].priority;
                    add_skill(p, c, prio, 0.0);
                    /* one group per desk when a factor is not 1 (the policies' check) */
                    p->skill_factor[c] = grp->skills[k].handle_time_factor;
                    if (m->kind[c]->concurrent && scn->channels[c].concurrency > p->kmax)
                        p->kmax = scn->channels[c].concurrency;
                }
            }
            p->cap = cap;
            size_t g = rt->desk_group(scn, pi);
            pt->is_outsourcer = 0;
            pt->source = g;
            snprintf(pt->name, sizeof pt->name, "%s",
                     g != SCENARIO_NONE ? scn->groups[g].name : rt->name);
        } else {
            const scenario_outsourcer *o = &scn->outsourcers[pi - n_in];
            p->cap = o->agents;
            p->single_only = 1;
            p->ht_factor = o->handle_time_factor > 0.0 ? o->handle_time_factor : 1.0;
            /* Its share queues are skills at the channel's priority, like an in-house
             * group's: the first priority level with a servable head is served, oldest
             * first, so a closed channel's backlog never holds up an open one. */
            for (size_t c = 0; c < scn->n_channels; c++) {
                if (own_queue[pi - n_in][c] != SCENARIO_NONE)
                    add_skill(p, own_queue[pi - n_in][c], scn->channels[c].priority, 0.0);
            }
            pt->is_outsourcer = 1;
            pt->source = pi - n_in;
            snprintf(pt->name, sizeof pt->name, "%s", o->name);
        }
        if (p->kmax > SCENARIO_MAX_CHANNELS)
            p->kmax = SCENARIO_MAX_CHANNELS;
        p->agents = sim_calloc(p->cap > 0 ? p->cap : 1, sizeof *p->agents);
        p->off = sim_calloc(p->cap > 0 ? p->cap : 1, sizeof *p->off);
        if (p->agents == NULL || p->off == NULL)
            return sim_error_set(err, SIM_ENOMEM, "", "out of memory creating %zu agents",
                                 p->cap);
        for (size_t i = 0; i < p->cap; i++) {
            p->agents[i].list = CC_NO_LIST;
            p->off[i] = p->cap - 1 - i; /* agent 0 comes on duty first */
        }
        p->n_off = p->cap;
    }
    /* Overflow rules. */
    for (size_t k = 0; k < scn->routing.n_overflows; k++) {
        const scenario_overflow *ov = &scn->routing.overflows[k];
        size_t pi;
        if (ov->to_outsourcer != SCENARIO_NONE)
            pi = n_in + ov->to_outsourcer;
        else
            pi = rt->desk_of_group(scn, ov->to_group);
        if (pi >= m->n_pools || ov->channel >= scn->n_channels)
            continue;
        unsigned prio = CC_OVERFLOW_PRIORITY + scn->channels[ov->channel].priority;
        if (!add_skill(&m->pools[pi], ov->channel, prio, ov->after_wait_s))
            continue; /* the pool already serves the channel as a skill */
        if (ov->after_wait_s > 0.0 && m->n_watch < SCENARIO_MAX_OVERFLOWS)
            m->watch[m->n_watch++] = (cc_watch){ov->channel, pi, ov->after_wait_s, 0, 0.0};
    }
    for (size_t pi = 0; pi < m->n_pools; pi++)
        sort_skills(&m->pools[pi]);
    /* Immediate routes per channel: pools with a skill usable at once, by priority. */
    for (size_t c = 0; c < scn->n_channels; c++) {
        m->direct[c] = sim_calloc(m->n_pools > 0 ? m->n_pools : 1, sizeof(cc_direct));
        if (m->direct[c] == NULL)
            return sim_error_set(err, SIM_ENOMEM, "", "out of memory creating routes");
        for (size_t pi = 0; pi < m->n_pools; pi++) {
            const cc_pool *p = &m->pools[pi];
            for (size_t s = 0; s < p->n_skills; s++) {
                if (p->skills[s].queue == c && p->skills[s].min_wait_s <= 0.0) {
                    size_t j = m->n_direct[c]++;
                    while (j > 0 && m->direct[c][j - 1].priority > p->skills[s].priority) {
                        m->direct[c][j] = m->direct[c][j - 1];
                        j--;
                    }
                    m->direct[c][j] = (cc_direct){pi, p->skills[s].priority};
                }
            }
        }
        /* Share-mode outsourcers. */
        double acc = 0.0;
        for (size_t o = 0; o < scn->n_outsourcers; o++) {
            const scenario_outsourcer *os = &scn->outsourcers[o];
            if (os->mode != SCENARIO_OUTSOURCE_SHARE || !os->serves[c] || !(os->share > 0.0))
                continue;
            acc += os->share;
            size_t k = m->n_share[c]++;
            m->share_pool[c][k] = n_in + o;
            m->share_queue[c][k] = own_queue[o][c];
            m->share_cum[c][k] = acc;
        }
    }
    return SIM_OK;
}

void cc_pool_free(cc_sim *m)
{
    if (m->pools != NULL) {
        for (size_t pi = 0; pi < m->n_pools; pi++) {
            sim_free(m->pools[pi].agents);
            sim_free(m->pools[pi].off);
        }
    }
    for (size_t c = 0; c < SCENARIO_MAX_CHANNELS; c++) {
        sim_free(m->direct[c]);
        m->direct[c] = NULL;
    }
    sim_free(m->pools);
    sim_free(m->queues);
    m->pools = NULL;
    m->queues = NULL;
}
