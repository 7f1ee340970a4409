/* cc_route.h -- routing policies: a descriptor (cc_route_type) plus per-replication state, as
 * the event calendar is (sim_calendar.h).
 *
 * What it is: the seam between the contact-center model and the rules that decide which
 * agents form which server pool ("desk"), which agent takes a contact and which contact a
 * free agent takes next. One implementation per file (cc_route_siloed.c, cc_route_unified.c),
 * listed in cc_route.c; scenario.routing.mode selects one (cc_route_type_of). What it is not:
 * the life cycle of a contact (cc_model.c calls the hooks at its decision points), nor the
 * pools' bookkeeping shared by today's policies (cc_pool.h).
 *
 * A descriptor has two halves.
 *   The layout (pure functions of the scenario, no simulation state): how many in-house desks,
 *   which desk each agent group joins, the desk's name, which desk's occupancy reports for a
 *   channel, and how a desk's paid time splits over its groups. The model builds its pools
 *   from it; results (cc_result.c), costs (cost.c) and writers (out_json.c) read the layout
 *   through the same descriptor, so none of them switches on routing.mode.
 *   The simulation hooks, called by cc_model.c on its own state (cc_model_internal.h):
 *   `init` builds the pools and queues, `find_agent` chooses the agent of a pool that takes a
 *   contact now, `pick_pool` the pool an arriving contact goes to (cc_pool_pick_direct:
 *   routing.agent_selection among pools of equal priority), `next_contact` chooses the queue whose head a pool takes next when capacity
 *   appears (an agent frees up, comes on duty, a channel opens, an overflow threshold passes).
 *
 * Pools 0 .. n_desks-1 are the in-house desks, pools n_desks .. n_desks+n_outsourcers-1 the
 * outsourcers, in scenario order (the same order in cc_rep.pools).
 *
 * Adding a policy: one file defining `const cc_route_type cc_route_NAME` plus one line in
 * cc_route.c's list (and, while routing.mode is an enum of the scenario, its value and
 * spelling in scenario.h and the schema). An agent-selection rule (longest idle, least
 * occupied, priority, skill proficiency) is a `find_agent` (and, if it ranks contacts too, a
 * `next_contact`, or a `pick_pool` when it chooses between pools): today's rules are
 * cc_pool_longest_idle, cc_pool_pick_direct and cc_pool_priority_oldest; a pool's
 * free agents are on its level lists longest idle first (cc_model_internal.h), and a rule
 * that needs per-agent history (busy time, skill level) keeps it in its state (state_size
 * bytes, zeroed, at cc_sim.route_state), indexed by the agent's place in its pool.
 *
 * Invariants: every hook is deterministic (no random numbers, no dependence on addresses or
 * thread), so a replication's result depends only on (scenario, seed, replication index).
 */
#ifndef CC_ROUTE_H
#define CC_ROUTE_H

#include <stddef.h>

#include "cc_staff.h"
#include "scenario.h"
#include "sim_error.h"

/* The model's state (cc_model_internal.h); opaque here. */
struct cc_sim;
struct cc_pool;
struct cc_agent;
struct cc_contact;

typedef struct cc_route_type {
    const char *name;           /* routing.mode spelling ("siloed"); also the name of a desk
                                   that pools several groups */
    scenario_routing_mode mode; /* the scenario value that selects it */
    size_t state_size;          /* bytes of per-replication state (0: none) */

    /* ---- layout ---- */
    /* What the layout needs of the scenario beyond the loader's checks: SIM_OK or SIM_EINVAL
     * naming the field. */
    sim_status (*check)(const scenario *scn, sim_error *err);
    /* In-house desks (server pools of agents). */
    size_t (*n_desks)(const scenario *scn);
    /* The desk agent group `group` works in (< n_desks). */
    size_t (*desk_of_group)(const scenario *scn, size_t group);
    /* The group a desk is (its name is the group's), or SCENARIO_NONE for a desk pooling
     * several groups (named after the policy, `name`). */
    size_t (*desk_group)(const scenario *scn, size_t desk);
    /* The desk that serves `channel` first (its occupancy is the channel's occupancy KPI), or
     * SIZE_MAX when no desk serves it. */
    size_t (*primary_desk)(const scenario *scn, size_t channel);
    /* weight[g] for every group: a desk's paid time (shrinkage, cost) splits over its groups
     * in proportion to their weights. `staff` is the replication's staffing when the model
     * asks; NULL lets the hook build what it needs (default Erlang sizer). SIM_OK, or the
     * staffing's error. */
    sim_status (*group_weights)(const scenario *scn, const cc_staff *staff, double *weight,
                                sim_error *err);

    /* ---- simulation (cc_model_internal.h) ---- */
    /* Build the pools (agents, skills by priority, capacity, names in the result) and the
     * queues of m from the scenario and the layout; called once per replication after the
     * staffing is ready. SIM_OK or SIM_ENOMEM. `fini` releases what init built (also after a
     * failed init). */
    sim_status (*init)(struct cc_sim *m, sim_error *err);
    void (*fini)(struct cc_sim *m);
    /* The agent of pool p that takes contact c now, or NULL when none can. */
    struct cc_agent *(*find_agent)(const struct cc_sim *m, const struct cc_pool *p,
                                   const struct cc_contact *c);
    /* The pool that takes an arriving contact c at once (among the pools that serve its
     * channel without an overflow threshold), or SIZE_MAX; *agent receives the agent
     * (routing.agent_selection among pools of equal priority, find_agent within one). */
    size_t (*pick_pool)(const struct cc_sim *m, const struct cc_contact *c,
                        struct cc_agent **agent);
    /* The queue whose head pool p takes next, or SIZE_MAX; *agent receives the agent that
     * takes it. With `overtime`, *agent is given: an agent past the end of its duty, who
     * takes only contacts left queued at a closing that agents serve (at_close "serve"). */
    size_t (*next_contact)(const struct cc_sim *m, const struct cc_pool *p, int overtime,
                           struct cc_agent **agent);
} cc_route_type;

/* Every routing policy, NULL-terminated (as sim_calendar_types_setup). Static; never free. */
const cc_route_type *const *cc_route_types_setup(void);

/* The policy scn->routing.mode selects, or NULL when no policy has that mode. O(types). */
const cc_route_type *cc_route_type_of(const scenario *scn);

/* The policy spelt `name` ("siloed", "unified"), or NULL. O(types). */
const cc_route_type *cc_route_type_by_name(const char *name);

/* share[g] for every group: the share of its desk's paid time group g accounts for (the
 * group weights normalised over each desk; equal shares in a desk whose weights are all 0).
 * Errors: group_weights'. */
sim_status cc_route_group_shares(const cc_route_type *rt, const scenario *scn, double *share,
                                 sim_error *err);

#endif /* CC_ROUTE_H */
