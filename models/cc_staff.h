/* cc_staff.h -- agents on duty per group and time for the contact-center model.
 *
 * Staffing modes (scenario_group.staffing):
 *   fixed         `agents` on duty whenever any of the group's skill channels is open;
 *   per_interval  agents_per_interval[weekday * intervals_per_day + interval];
 *   erlang        per interval of the week, each channel the group serves is sized by an
 *                 Erlang sizer (cc_model.h: cc_erlang_sizer) for its expected first-contact
 *                 load; a channel served by several erlang groups is split evenly (rounded up);
 *   schedule      from the shift optimiser (issue 11): not available to the model yet.
 * Sizes are agents on duty (after shrinkage); shrinkage only turns on-duty time into paid
 * time (paid = on duty / (1 - shrinkage)), which the results report for the cost model.
 * What it is not: the agents themselves (cc_model.c keeps them) or a shift optimiser.
 */
#ifndef CC_STAFF_H
#define CC_STAFF_H

#include <stddef.h>

#include "cc_model.h"
#include "scenario.h"
#include "sim_error.h"

typedef struct cc_staff {
    size_t n_groups;
    size_t n_week;    /* 7 * intervals_per_day */
    size_t *erlang;   /* [n_groups * n_week]: sizes of erlang groups (0 for others); owned */
} cc_staff;

/* Prepare staffing for scn: runs the Erlang sizer for erlang groups (sizer NULL: the default
 * one). SIM_OK; SIM_EINVAL for a mode the model cannot realise (names the group); SIM_ENOMEM.
 * Release with cc_staff_fini. */
sim_status cc_staff_init(cc_staff *st, const scenario *scn, cc_erlang_sizer sizer,
                         sim_error *err);
void cc_staff_fini(cc_staff *st);

/* Agents on duty of group g at simulation time t_s. O(skills * windows). */
size_t cc_staff_target(const cc_staff *st, const scenario *scn, size_t g, double t_s);

/* The largest size group g ever has (capacity of its agent array). */
size_t cc_staff_max(const cc_staff *st, const scenario *scn, size_t g);

/* The default Erlang sizer (models/erlang_staff.h), per interval of the week from the
 * expected first-contact rate (cc_demand_channel_rate_week: hops and retrials are not in it)
 * and the channel's mean handle time (segment factors ignored), 0 while the channel is closed:
 *   voice, video  fewest agents meeting sl_target within sl_threshold_s (Erlang C, or Erlang A
 *                 with the channel's mean patience);
 *   chat          the slot approximation (erlang_staff_chat) with the handle time stretched to
 *                 full concurrency;
 *   deferred, callback  the week's work spread evenly over the open intervals, rounded up;
 *   self_service  0. */
sim_status cc_staff_erlang_default(const scenario *scn, size_t channel, size_t *agents,
                                   size_t n_intervals_week, sim_error *err);

#endif /* CC_STAFF_H */
