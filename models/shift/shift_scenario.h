/* shift_scenario.h -- the bridge between a scenario and the shift optimiser (shift_plan.h).
 *
 * What it is: for one agent group of a scenario, the optimiser's input (shift_plan.h): the
 * requirement per interval of the week, from the Erlang sizer the simulation model uses
 * (cc_staff_erlang_default: the requirement of models/queueing/staffplan.h with its defaults, the
 * table `omnisim staff` prints; cc_staff_erlang_repeats adds the repeat load), and the
 * group's shift templates; and the way back: the on-duty agents
 * a schedule gives, as the scenario overrides that put them into the group's per-interval
 * staffing, so that the schedule can be simulated. And the workforce parameters for the
 * long-term capacity model (shift_capacity.h). What it is not: the optimiser or a writer.
 *
 * Requirement of group g in interval k of the week (Monday 00:00 = 0):
 *   on_duty[k]  = sum over g's skill channels c of erlang_c[k] / groups_c, where erlang_c is
 *                 the sizer's agents for channel c and groups_c the number of groups having c
 *                 as a skill (a shared channel is split evenly, as cc_staff.h does);
 *   required[k] = on_duty[k] / (1 - shrinkage_g), the agents to schedule.
 * Breaks are scheduled explicitly, so the group's shrinkage should count only what the
 * schedule does not show (absence, meetings, coaching); docs/scheduling.md says so.
 * On the way back, a schedule's coverage x gives floor(x (1 - shrinkage) + 1e-9) agents on
 * duty, which is at least on_duty[k] wherever x >= ceil(required[k]).
 */
#ifndef SHIFT_SCENARIO_H
#define SHIFT_SCENARIO_H

#include <stddef.h>

#include "cc_model.h"
#include "scenario.h"
#include "scenario_load.h"
#include "shift_capacity.h"
#include "shift_plan.h"
#include "sim_error.h"

/* The optimiser's input for one group. Built by shift_scenario_input_init, released with
 * shift_scenario_input_fini. Template names and start times point into the scenario, which
 * must outlive the input. */
typedef struct shift_scenario_input {
    size_t group;
    double shrinkage;
    size_t n_week;                 /* 7 x intervals per day */
    size_t n_templates;
    shift_plan_template *templates;/* [n_templates], owned */
    shift_plan_break *breaks;      /* owned storage behind templates[].breaks */
    size_t *shift_index;           /* [n_templates] index into scn->shifts, owned */
    double *on_duty;               /* [n_week] Erlang agents on duty, owned */
    double *required;              /* [n_week] agents to schedule, owned */
    shift_plan_problem problem;    /* points into the above */
} shift_scenario_input;

/* Number of shift templates whose group is `group`. O(shifts). */
size_t shift_scenario_count_templates(const scenario *scn, size_t group);

/* Build the input for group `group` (< scn->n_groups). sizer NULL: cc_staff_erlang_default
 * (staffplan's defaults; pass cc_staff_erlang_repeats for `--repeats`).
 * Errors: SIM_EINVAL when the group has no templates (names it) or the sizer fails (its
 * error); SIM_ENOMEM. On error nothing is left allocated. Cost: the sizer once per channel
 * of the group's skills. */
sim_status shift_scenario_input_init(shift_scenario_input *in, const scenario *scn,
                                     size_t group, cc_erlang_sizer sizer, sim_error *err);
void shift_scenario_input_fini(shift_scenario_input *in);

/* Agents on duty per interval from a schedule's coverage[0..n_week-1] into on_duty. */
void shift_scenario_on_duty(const shift_scenario_input *in, const size_t *coverage,
                            size_t *on_duty);

/* The three overrides (scenario_load_opts.sets) that give group `group` the per-interval
 * staffing on_duty[0..n_week-1]: staffing "per_interval", agents removed, and
 * agents_per_interval. sets[0..2] become sim_malloc'd strings the caller frees with
 * sim_free (all NULL on error). Errors: SIM_EINVAL for a group created by a channel's
 * "agents" shortcut (it has no entry in "groups" to override); SIM_ENOMEM. */
sim_status shift_scenario_sets(const scenario *scn, size_t group, const size_t *on_duty,
                               size_t n_week, char *sets[3], sim_error *err);

/* The scenario's workforce section as capacity parameters (steady start). */
void shift_scenario_capacity_params(const scenario *scn, shift_capacity_params *p);

#endif /* SHIFT_SCENARIO_H */
