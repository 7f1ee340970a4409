/* sla_sweep.h -- an outsourcer's SLA risk and the total cost over a range of staffing levels
 * (`omnisim cost --sla-sweep`): a study built on the SLA evaluation of cost_sla.h.
 */
#ifndef SLA_SWEEP_H
#define SLA_SWEEP_H

#include <signal.h>
#include <stddef.h>

#include "cc_model.h"
#include "cost_sla.h"
#include "scenario.h"
#include "scenario_load.h"
#include "sim_ci.h"
#include "sim_error.h"

/* One staffing point of a sweep. */
typedef struct sla_sweep_point {
    long agents;
    size_t n_outsourcers;
    cost_sla_risk risk[SCENARIO_MAX_OUTSOURCERS]; /* every outsourcer of the scenario */
    sim_ci year_eur;           /* total cost per year (cost.h), across replications */
    sim_ci service_level;      /* total.service_level of the model (real-time channels) */
} sla_sweep_point;

/* Sweep the agents of `target` (an outsourcer's name, or a fixed-staffing group's name;
 * a group made by a channel's "agents" shortcut is set through channels.<name>.agents) over
 * from, from + step, ... <= to, running `reps` replications of base with overrides per point
 * (scenario_load_derive: extra's policies and sets first, then the agents; the same seed, so
 * points share random numbers). extra, opts, interrupted may be NULL. Writes at most
 * max_points points; *n_points gets the count. SIM_EINVAL for an
 * unknown target, a bad range or more points than max_points; the model's status otherwise.
 * Cost: points x reps replications. */
sim_status sla_sweep_run(const scenario *base, const scenario_load_opts *extra,
                         const cc_options *opts, const char *target, long from, long to,
                         long step, size_t reps, int threads,
                         volatile sig_atomic_t *interrupted, sla_sweep_point *points,
                         size_t max_points, size_t *n_points, sim_error *err);

#endif /* SLA_SWEEP_H */
