/* cc_route_unified.c -- routing policy "unified": every agent group pooled into one desk
 * holding the union of their skills (routing.mode "unified", the source documents' Unified
 * Desk; docs/model.md).
 *
 * Layout: one desk, named "unified", holding every group; its size is the sum of theirs, it
 * reports the occupancy of every channel, and its paid time splits over the groups by their
 * largest sizes (so shrinkage and cost per hour are size-weighted means). The simulation
 * hooks are the pool rules every policy shares today (cc_pool.h).
 */
#include "cc_pool.h"
#include "cc_route.h"

static sim_status unified_check(const scenario *scn, sim_error *err)
{
    if (scn->n_groups == 0)
        return sim_error_set(err, SIM_EINVAL, "routing.mode",
                             "a unified desk needs at least one agent group");
    /* The desk pools every group's agents without their group, so a proficiency per group
     * has no agent to apply to. */
    for (size_t g = 0; g < scn->n_groups; g++) {
        for (size_t k = 0; k < scn->groups[g].n_skills; k++) {
            if (scn->groups[g].skills[k].handle_time_factor != 1.0)
                return sim_error_set(
                    err, SIM_EINVAL, "groups[].skills[].handle_time_factor",
                    "group '%s': a proficiency other than 1 needs routing.mode siloed (a "
                    "unified desk's agents have no group)",
                    scn->groups[g].name);
        }
    }
    return SIM_OK;
}

static size_t unified_n_desks(const scenario *scn)
{
    (void)scn;
    return 1;
}

static size_t unified_desk_of_group(const scenario *scn, size_t group)
{
    (void)scn;
    (void)group;
    return 0;
}

static size_t unified_desk_group(const scenario *scn, size_t desk)
{
    (void)scn;
    (void)desk;
    return SCENARIO_NONE;
}

static size_t unified_primary_desk(const scenario *scn, size_t channel)
{
    (void)scn;
    (void)channel;
    return 0;
}

static sim_status unified_group_weights(const scenario *scn, const cc_staff *staff,
                                        double *weight, sim_error *err)
{
    cc_staff own = {0};
    if (staff == NULL) {
        sim_status st = cc_staff_init(&own, scn, NULL, err);
        if (st != SIM_OK)
            return st;
    }
    for (size_t g = 0; g < scn->n_groups; g++)
        weight[g] = (double)cc_staff_max(staff != NULL ? staff : &own, scn, g);
    if (staff == NULL)
        cc_staff_fini(&own);
    return SIM_OK;
}

const cc_route_type cc_route_unified = {
    "unified",
    SCENARIO_ROUTING_UNIFIED,
    0,
    unified_check,
    unified_n_desks,
    unified_desk_of_group,
    unified_desk_group,
    unified_primary_desk,
    unified_group_weights,
    cc_pool_build,
    cc_pool_free,
    cc_pool_longest_idle,
    cc_pool_pick_direct,
    cc_pool_priority_oldest,
};
