/* sim_ci.h -- Student-t confidence intervals across replications.
 *
 * Each replication contributes one observation (its KPI); the interval is
 * mean +- t_{(1+level)/2, n-1} * s / sqrt(n), with the t quantile from GSL
 * (gsl_cdf_tdist_Pinv). For paired comparisons (common random numbers), tally the
 * per-replication differences and use the same function.
 */
#ifndef SIM_CI_H
#define SIM_CI_H

#include <stdint.h>

#include "sim_tally.h"

typedef struct sim_ci {
    uint64_t n;        /* replications */
    double level;      /* confidence level, e.g. 0.95 */
    double mean;
    double half_width; /* NaN when n < 2 (no interval can be given) */
    double lo;
    double hi;
} sim_ci;

/* The two-sided t quantile t_{(1+level)/2, dof}; NaN when dof == 0 or level outside (0,1). */
double sim_ci_t_quantile(double level, uint64_t dof);
/* The interval for the mean of the observations in t at `level` (0 < level < 1). */
sim_ci sim_ci_from_tally(const sim_tally *t, double level);
/* 1 when the interval excludes zero (a significant difference at its level). */
int sim_ci_excludes_zero(const sim_ci *ci);

#endif /* SIM_CI_H */
