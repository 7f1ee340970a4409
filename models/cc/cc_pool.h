/* cc_pool.h -- the server pools and queues of the contact-center model, and the agent and
 * contact rules every routing policy uses today (the simulation half of cc_route_type).
 *
 * What it is: cc_pool_build turns the scenario and a policy's layout (cc_route.h) into the
 * model's pools (agents, skills in priority order, capacity) and queues (one per channel,
 * one per share-mode outsourcer and channel), plus the overflow watches and the pools a
 * contact may reach at once. The two rules: an agent takes a contact by "longest idle" (for
 * a chat, "least busy"), and a pool takes, among its skills in priority order, the eligible
 * queue head that waited longest (or is due first). What it is not: the life cycle of a
 * contact (cc_model.c), which calls these only through the descriptor.
 *
 * Every function works on the model's state (cc_model_internal.h) and is deterministic.
 */
#ifndef CC_POOL_H
#define CC_POOL_H

#include <stddef.h>

#include "sim_error.h"

struct cc_sim;
struct cc_pool;
struct cc_agent;
struct cc_contact;

/* Build m's pools, queues, overflow watches and immediate routes from m->scn and m->route's
 * layout, with the capacities of m->staff; pool names and sources go into m->r->pools.
 * SIM_OK or SIM_ENOMEM (release with cc_pool_free either way). O(pools x skills + channels x
 * pools). */
sim_status cc_pool_build(struct cc_sim *m, sim_error *err);

/* Free what cc_pool_build allocated. Safe on a partly built or zeroed model. */
void cc_pool_free(struct cc_sim *m);

/* The agent of pool p that takes contact c now, or NULL: the free agent idle longest for a
 * single task; for a chat, the least loaded agent with room (ACD "least busy"), longest
 * idle among equals. O(concurrency). */
struct cc_agent *cc_pool_longest_idle(const struct cc_sim *m, const struct cc_pool *p,
                                      const struct cc_contact *c);

/* The pool among m's immediate routes for contact c's channel that takes c now, or SIZE_MAX;
 * *agent receives its agent (m->route->find_agent). routing.agent_selection "first": the
 * first route (by priority, then group order) with an agent; otherwise, among the routes of
 * the first priority level that has one, the least occupied pool now (busy share of its
 * present agents) or the most proficient one (smallest handle-time factor for the channel),
 * the first in order among equals. O(routes x concurrency). */
size_t cc_pool_pick_direct(const struct cc_sim *m, const struct cc_contact *c,
                           struct cc_agent **agent);

/* The queue whose head pool p takes next, or SIZE_MAX: among its skills in priority order,
 * the first priority level with an eligible head (servable now, waited past the skill's
 * overflow threshold) that an agent can take, and within it the head with the smallest
 * order key (entry time; due time for an oldest_due_first backlog). *agent receives the agent
 * (m->route->find_agent). With `overtime`, *agent is given and only heads left queued at a
 * closing that agents serve qualify. O(skills). */
size_t cc_pool_priority_oldest(const struct cc_sim *m, const struct cc_pool *p, int overtime,
                               struct cc_agent **agent);

#endif /* CC_POOL_H */
