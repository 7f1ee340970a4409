/* cost_study.h -- what a scenario costs and what its SLAs risk (`omnisim cost`), as one
 * call: the replications, each one's cost breakdown (models/cost/cost.h), their mean and
 * the cost KPIs with intervals, the years ahead on-premise against cloud (cost_tco.h), the
 * SLA risk of every outsourcer (cost_sla.h) and, when asked, the SLA sweep (sla_sweep.h).
 *
 * What it is: the chain of library calls the command used to make itself, so that the
 * command only parses, calls this and the writers (output/out_cost.h). What it is not: a
 * formula (each lives in models/cost) or a writer.
 * Determinism: as the model's; results depend on the scenario, options and reps, never on
 * the thread count.
 */
#ifndef COST_STUDY_H
#define COST_STUDY_H

#include <signal.h>
#include <stddef.h>

#include "cc_model.h"
#include "cc_result.h"
#include "cost.h"
#include "cost_sla.h"
#include "cost_tco.h"
#include "scenario.h"
#include "scenario_load.h"
#include "sim_error.h"
#include "sla_sweep.h"

/* Most points of an SLA sweep. */
#define COST_STUDY_MAX_POINTS 200

/* The SLA sweep: target's agents at from, from + step, ... <= to. */
typedef struct cost_study_sweep {
    const char *target; /* an outsourcer or a fixed-staffing group (sla_sweep_run) */
    long from, to, step;
} cost_study_sweep;

typedef struct cost_study {
    const scenario *scn;  /* borrowed: the scenario costed */
    size_t reps;          /* replications run */
    cost_breakdown mean;  /* mean breakdown over the replications */
    cc_summary *sum;      /* owned: the cost KPIs with intervals (cost_summary_new) */
    cost_tco tco;         /* the years ahead */
    cost_sla_risk risk[SCENARIO_MAX_OUTSOURCERS]; /* [scn->n_outsourcers] */
    const char *sweep_target; /* borrowed from the sweep; NULL without one */
    sla_sweep_point *points;  /* owned: [n_points] */
    size_t n_points;
} cost_study;

/* The number of points of sweep (0 when its range is empty or invalid). */
size_t cost_study_sweep_points(const cost_study_sweep *sweep);

/* Run reps replications of scn with opts on `threads` threads and cost them into *out
 * (overwritten; free with cost_study_fini, also after a failure). With sweep (else NULL),
 * also the SLA sweep of base with extra's policies and sets (scn is base derived with
 * them), at most COST_STUDY_MAX_POINTS points. interrupted may be NULL (SIM_EINTR when it
 * is set). SIM_OK, SIM_ENOMEM, or the model's or cost models' status, with err filled. */
sim_status cost_study_run(cost_study *out, const scenario *base, const scenario *scn,
                          const scenario_load_opts *extra, const cc_options *opts, size_t reps,
                          int threads, volatile sig_atomic_t *interrupted,
                          const cost_study_sweep *sweep, sim_error *err);

void cost_study_fini(cost_study *c);

/* Mean and half-width of KPI name in c->sum; NaN (n 0) when absent. */
sim_ci cost_study_kpi(const cost_study *c, const char *name);

#endif /* COST_STUDY_H */
