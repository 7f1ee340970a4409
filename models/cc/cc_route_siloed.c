/* cc_route_siloed.c -- routing policy "siloed": every agent group is its own desk with its
 * own skills (routing.mode "siloed", the default; docs/model.md).
 *
 * Layout: desk g is group g. A channel's occupancy is that of the group serving it with the
 * best priority (lowest index on ties). Each desk's paid time is its one group's. The
 * simulation hooks are the pool rules every policy shares today (cc_pool.h).
 */
#include <stdint.h>

#include "cc_pool.h"
#include "cc_route.h"

static sim_status siloed_check(const scenario *scn, sim_error *err)
{
    (void)scn;
    (void)err;
    return SIM_OK;
}

static size_t siloed_n_desks(const scenario *scn)
{
    return scn->n_groups;
}

static size_t siloed_desk_of_group(const scenario *scn, size_t group)
{
    (void)scn;
    return group;
}

static size_t siloed_desk_group(const scenario *scn, size_t desk)
{
    (void)scn;
    return desk;
}

static size_t siloed_primary_desk(const scenario *scn, size_t channel)
{
    size_t best = SIZE_MAX;
    unsigned best_prio = 0;
    for (size_t g = 0; g < scn->n_groups; g++) {
        for (size_t k = 0; k < scn->groups[g].n_skills; k++) {
            const scenario_skill *s = &scn->groups[g].skills[k];
            unsigned prio = s->priority > 0 ? s->priority : scn->channels[channel].priority;
            if (s->channel == channel && (best == SIZE_MAX || prio < best_prio)) {
                best = g;
                best_prio = prio;
            }
        }
    }
    return best;
}

static sim_status siloed_group_weights(const scenario *scn, const cc_staff *staff,
                                       double *weight, sim_error *err)
{
    (void)staff;
    (void)err;
    for (size_t g = 0; g < scn->n_groups; g++)
        weight[g] = 1.0;
    return SIM_OK;
}

const cc_route_type cc_route_siloed = {
    "siloed",
    SCENARIO_ROUTING_SILOED,
    0,
    siloed_check,
    siloed_n_desks,
    siloed_desk_of_group,
    siloed_desk_group,
    siloed_primary_desk,
    siloed_group_weights,
    cc_pool_build,
    cc_pool_free,
    cc_pool_longest_idle,
    cc_pool_pick_direct,
    cc_pool_priority_oldest,
};
