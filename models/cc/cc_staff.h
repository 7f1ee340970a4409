/* cc_staff.h -- agents on duty per group and time for the contact-center model.
 *
 * Staffing modes (scenario_group.staffing):
 *   fixed         `agents` on duty whenever any of the group's skill channels is open;
 *   per_interval  agents_per_interval[weekday * intervals_per_day + interval];
 *   erlang        per interval of the week, each channel the group serves is sized by an
 *                 Erlang sizer (cc_erlang_sizer below; default cc_staff_erlang_default,
 *                 i.e. models/queueing/staffplan.h with its defaults, the requirement `omnisim staff`
 *                 prints); a channel served by several erlang groups is split evenly
 *                 (rounded up);
 *   schedule      from the shift optimiser (models/shift): not available to the model yet.
 * Sizes are agents on duty (after shrinkage); shrinkage only turns on-duty time into paid
 * time (paid = on duty / (1 - shrinkage)), which the results report for the cost model.
 * What it is not: the agents themselves (cc_model.c keeps them) or a shift optimiser.
 */
#ifndef CC_STAFF_H
#define CC_STAFF_H

#include <stddef.h>

#include "scenario.h"
#include "sim_error.h"

/* Staffing for channels of groups in staffing mode "erlang": agents on duty per channel and
 * interval of the week (Monday 00:00 first). The model calls it once per replication set-up
 * for each channel an erlang group serves; NULL in cc_options means cc_staff_erlang_default
 * (Erlang C/A per interval via erlang_staff.h). `agents` has n_intervals_week entries. A hook
 * so that simulation-based staffing (simstaff.h) can plug its own sizes in. */
typedef sim_status (*cc_erlang_sizer)(const scenario *scn, size_t channel, size_t *agents,
                                      size_t n_intervals_week, sim_error *err);

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

/* The default Erlang sizer: the agents staffplan_build (models/queueing/staffplan.h) requires for
 * `channel` with its default options (Erlang A for real-time channels with a patience,
 * Erlang X with a retrial share, Erlang C without patience; chat slots with the stretched
 * handle time; deferred and callback work spread within the response target; first
 * contacts only), the very table `omnisim staff` prints. 0 while closed and for
 * self_service. Errors: staffplan_build's. Cost: one staffplan_build per call. */
sim_status cc_staff_erlang_default(const scenario *scn, size_t channel, size_t *agents,
                                   size_t n_intervals_week, sim_error *err);

/* As cc_staff_erlang_default, with the expected repeat contacts added (staffplan
 * options.repeats: `--repeats` of staff, check and schedule). */
sim_status cc_staff_erlang_repeats(const scenario *scn, size_t channel, size_t *agents,
                                   size_t n_intervals_week, sim_error *err);

#endif /* CC_STAFF_H */
