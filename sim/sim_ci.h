/* sim_ci.h -- Student-t confidence intervals across replications.
 *
 * Each replication contributes one observation (its KPI); the interval is
 * mean +- t_{(1+level)/2, n-1} * s / sqrt(n), with the t quantile from GSL
 * (gsl_cdf_tdist_Pinv). For paired comparisons (common random numbers), tally the
 * per-replication differences and use the same function.
 *
 * A KPI that cannot leave a range (a share in [0, 1], a wait or a count >= 0) gets the same
 * t interval built on a transformed scale and mapped back (sim_ci_from_tally_scaled), so its
 * bounds stay inside the range: the delta method gives the standard error of g(mean) as
 * |g'(mean)| * s / sqrt(n), the interval g(mean) +- t * that is mapped back by g^-1.
 *   SIM_CI_LOG    g = ln        [m e^-h, m e^h],           h = t s / (sqrt(n) m)
 *   SIM_CI_LOGIT  g = logit     expit(logit m +- h),       h = t s / (sqrt(n) m (1 - m))
 * (the log- and logit-transformed Wald intervals, e.g. Agresti, Categorical Data Analysis,
 * 3rd ed., sec. 16.1). The interval is asymmetric around the mean; half_width is then
 * (hi - lo) / 2. Binomial intervals (Wilson) were not used: a replication's contacts share
 * queues and agents, so they are not independent trials; the replications are.
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
/* The scale on which an interval is built (see the file comment). */
typedef enum sim_ci_scale {
    SIM_CI_LINEAR = 0, /* plain t interval: any real value (differences, costs) */
    SIM_CI_LOG,        /* a quantity >= 0: bounds >= 0 */
    SIM_CI_LOGIT       /* a share in [0, 1]: bounds in [0, 1] */
} sim_ci_scale;

/* The interval for the mean of the observations in t at `level`, built on `scale`. When
 * every observation sits at the bound (mean 0 on SIM_CI_LOG, 0 or 1 on SIM_CI_LOGIT) the
 * interval is [mean, mean]; when an observation lies outside the scale's range (a caller's
 * error) the plain t interval is returned. n < 2: as sim_ci_from_tally. */
sim_ci sim_ci_from_tally_scaled(const sim_tally *t, double level, sim_ci_scale scale);
/* 1 when the interval excludes zero (a significant difference at its level). */
int sim_ci_excludes_zero(const sim_ci *ci);

#endif /* SIM_CI_H */
