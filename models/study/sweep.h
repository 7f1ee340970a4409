/* sweep.h -- a grid over numeric scenario fields (`omnisim sweep`): `--set PATH=FROM:TO:STEP`.
 *
 * What it is: parses axes, enumerates the Cartesian product of their values (the last axis
 * varies fastest), derives one scenario per point with the point's values as ordinary
 * "PATH=VALUE" overrides (after the caller's policies and sets; the file's policy list and
 * roadmap are dropped once applied, as in policy_compare.h), and runs replications
 * 0..n-1 of every point as one batch with the same master seed (study.h), so neighbouring
 * points share their random numbers and the curve is smooth. A point's numbers are exactly
 * those of the scenario run alone with the same overrides, seed and replications.
 * What it is not: an optimiser (simstaff.h searches staffing) or a writer.
 *
 * Values: FROM + i x STEP for i = 0, 1, ... while the value is <= TO + 1e-9 x STEP; each is
 * written as text with 15 significant digits ("%.15g"), so 0.1 steps give "0.3", not
 * "0.30000000000000004", and integers stay integers (a field that must be an integer, such
 * as agents, accepts them). STEP > 0 and TO >= FROM; a single value is FROM:FROM:1.
 */
#ifndef SWEEP_H
#define SWEEP_H

#include <stddef.h>
#include <stdint.h>

#include "scenario.h"
#include "sim_error.h"
#include "study.h"

#define SWEEP_PATH_MAX 200
#define SWEEP_VALUE_MAX 32
#define SWEEP_MAX_AXES 8
#define SWEEP_MAX_POINTS 10000

typedef struct sweep_axis {
    char path[SWEEP_PATH_MAX];
    double from, to, step;
    size_t n_values;
} sweep_axis;

typedef struct sweep_options {
    study_options study;
    size_t reps;       /* 0: the scenario's replications */
    int use_seed;
    uint64_t seed;
} sweep_options;

typedef struct sweep_result {
    size_t n_axes;
    sweep_axis axes[SWEEP_MAX_AXES];
    size_t n_points;
    char (*values)[SWEEP_MAX_AXES][SWEEP_VALUE_MAX]; /* [n_points][axis]: value texts */
    study_sample *samples; /* [n_points] */
    size_t n_reps;
    double level;
    uint64_t seed;
} sweep_result;

void sweep_options_default(sweep_options *opts);

/* Parse "PATH=FROM:TO:STEP" into *out. SIM_EINVAL naming "--set" with what is wrong. */
sim_status sweep_axis_parse(const char *spec, sweep_axis *out, sim_error *err);

/* The text of value i of axis a (i < a->n_values) into buf (SWEEP_VALUE_MAX bytes). */
void sweep_axis_value(const sweep_axis *a, size_t i, char *buf);

/* Run the grid over axes[0..n_axes-1] on base (borrowed); policies and sets apply to every
 * point first. On success *out is a new result (free with sweep_free). Errors: SIM_EINVAL
 * (bad axis, the same path on two axes, too many points, a point the validator refuses: diag names the point's
 * override), SIM_ELIMIT (more than SWEEP_MAX_POINTS points), errors of study_run. */
sim_status sweep_run(const scenario *base, const sweep_axis *axes, size_t n_axes,
                     const char *const *policies, size_t n_policies, const char *const *sets,
                     size_t n_sets, const sweep_options *opts, sweep_result **out,
                     scenario_diag *diag, sim_error *err);

void sweep_free(sweep_result *res);

/* 1 when KPI `name` is a column of a sweep's table of points: the reported ones
 * (study_is_reported), plus answer speed, occupancy and offered volume per channel, which a
 * staffing sweep needs. */
int sweep_is_column(const scenario *scn, const char *name);

#endif /* SWEEP_H */
