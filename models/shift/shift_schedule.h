/* shift_schedule.h -- a schedule of shifts for a scenario and what follows from it: the
 * head count over the years, and the service level the schedule gives when simulated
 * (`omnisim schedule`).
 *
 * What it is: the domain steps around the shift optimiser (shift_plan.h): the scheduled
 * groups and their coverage, the capacity plan over the roadmap's years from the paid hours
 * (the requirement compounded monthly with the roadmap's volume growth, shift_capacity.h),
 * the scenario variant with every scheduled group on per-interval staffing from its
 * coverage, simulated, and the verdict of a simulated service level against its target.
 * What it is not: the integer program (shift_plan.h), the requirement per interval
 * (shift_scenario.h), or a writer (output/out_schedule.h).
 */
#ifndef SHIFT_SCHEDULE_H
#define SHIFT_SCHEDULE_H

#include <signal.h>
#include <stddef.h>

#include "cc_model.h"
#include "cc_result.h"
#include "cc_staff.h"
#include "scenario.h"
#include "scenario_load.h"
#include "shift_capacity.h"
#include "shift_plan.h"
#include "shift_scenario.h"
#include "sim_ci.h"
#include "sim_error.h"

/* One scheduled group. */
typedef struct shift_schedule_group {
    shift_scenario_input in; /* its requirement and templates */
    shift_plan *plan;        /* owned: the shifts chosen */
    size_t *on_duty;         /* owned, [in.n_week]: agents on duty from the coverage */
} shift_schedule_group;

typedef struct shift_schedule {
    const scenario *scn;            /* borrowed: the scenario scheduled */
    shift_schedule_group *groups;   /* owned, [n_groups] (room for every group of scn) */
    size_t n_groups;
    double fte_hours;               /* paid hours of one full-time person per week */
    double fte;                     /* paid hours per week of all groups / fte_hours */
    shift_capacity_params cap;      /* the scenario's workforce section */
    int first_year;                 /* of months[0] */
    shift_capacity_month *months;   /* owned, [n_months] */
    size_t n_months;
    shift_capacity_year *years;     /* owned, [n_years] */
    size_t n_years;
    cc_summary *sum;                /* owned: the simulated schedule; NULL without */
} shift_schedule;

/* An empty schedule of scn (room for all its groups). SIM_OK or SIM_ENOMEM. */
sim_status shift_schedule_init(shift_schedule *s, const scenario *scn, double fte_hours,
                               sim_error *err);
void shift_schedule_fini(shift_schedule *s);

/* Called before each group's solve (for a progress line); ctx is the caller's. */
typedef void (*shift_schedule_progress)(void *ctx, const char *group, size_t n_templates,
                                        size_t n_week);

/* Solve every group of s->scn that has shift templates (only group `only` unless it is
 * SCENARIO_NONE): its requirement per interval sized with `sizer` (NULL: the model's
 * default; shift_scenario.h), the integer program with po (shift_plan.h), the agents on
 * duty from its coverage; each appended to s->groups. progress may be NULL. SIM_OK;
 * SIM_EINVAL at "shifts" when no group has templates; or the requirement's or the solver's
 * status, the solver's err.path prefixed with "groups.NAME: " to name the group. */
sim_status shift_schedule_solve(shift_schedule *s, size_t only, cc_erlang_sizer sizer,
                                const shift_plan_opts *po, shift_schedule_progress progress,
                                void *ctx, sim_error *err);

/* After the groups are solved (groups[].plan and on_duty filled): the capacity plan over
 * the roadmap's first..last year (the scenario's year without a roadmap), requiring fte
 * in the first month and fte (1 + volume_growth_per_year)^(m / 12) in month m. SIM_OK, or
 * the capacity model's status. */
sim_status shift_schedule_capacity(shift_schedule *s, sim_error *err);

/* Derive from base the scenario with user's policies and sets, the file's own policies and
 * roadmap dropped (a policy could set a scheduled group's agents), and every scheduled group
 * on per-interval staffing from its on_duty; run reps replications of it with opts on
 * `threads` threads into s->sum. interrupted may be NULL; diag gets the loader's messages.
 * SIM_OK, or the loader's or the model's status with err filled. */
sim_status shift_schedule_simulate(shift_schedule *s, const scenario *base,
                                   const scenario_load_opts *user, const cc_options *opts,
                                   size_t reps, int threads, volatile sig_atomic_t *interrupted,
                                   scenario_diag *diag, sim_error *err);

/* A simulated service level against its target: 1 met (the whole interval at or above),
 * 0 missed (the whole interval below), -1 undecided or no value (ci NULL or NaN). */
int shift_schedule_verdict(const sim_ci *ci, double target);

/* "met", "missed" or "uncertain". */
const char *shift_schedule_verdict_name(int verdict);

#endif /* SHIFT_SCHEDULE_H */
