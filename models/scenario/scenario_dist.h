/* scenario_dist.h -- the moments and parameters of a scenario's distributions (scenario_dist in
 * scenario.h): the link between what a file states (a mean and a cv, a shape and a scale, a
 * range, a table, a mixture) and what a model needs (the parameters a sampler takes, and the
 * mean and cv that the Erlang requirement and Erlang A read).
 *
 * What it is not: a sampler (models/cc/cc_dist.h draws from these) nor the reading of a
 * distribution object from a file (scenario_dist_read, in scenario_internal.h).
 *
 * Invariant it establishes: after scenario_dist_finish returns 0, d->mean_s and d->cv are the
 * distribution's own mean and coefficient of variation, and the kind's parameters are set. */
#ifndef SCENARIO_DIST_H
#define SCENARIO_DIST_H

#include "scenario.h"

/* The Weibull shape k whose coefficient of variation is cv:
 *   cv^2 = Gamma(1 + 2/k) / Gamma(1 + 1/k)^2 - 1,
 * decreasing in k, solved by Brent's method (GSL gsl_root_fsolver_brent) on ln k over
 * k in [SCENARIO_DIST_WEIBULL_K_MIN, SCENARIO_DIST_WEIBULL_K_MAX] with the log-gamma function
 * (gsl_sf_lngamma_e). Returns 0 and sets *shape, or -1 when cv is outside the cv range those
 * shapes span (about 0.0064 to 3.7e5) or not finite. */
#define SCENARIO_DIST_WEIBULL_K_MIN 0.05
#define SCENARIO_DIST_WEIBULL_K_MAX 200.0
int scenario_dist_weibull_shape(double cv, double *shape);

/* The coefficient of variation of a Weibull of shape k > 0 (sqrt of the formula above), or a
 * NaN when the gamma functions overflow. */
double scenario_dist_weibull_cv(double shape);

/* Complete *d from the parameters that define its kind and set mean_s and cv:
 *   gamma:      mean_s, cv > 0 given; p1 = 1/cv^2 (shape), p2 = mean_s cv^2 (scale);
 *   weibull:    p1 (shape) and p2 (scale_s) given, or p1 = 0 and mean_s, cv given (the shape
 *               from scenario_dist_weibull_shape, scale = mean / Gamma(1 + 1/k));
 *   uniform:    p1 = min < p2 = max;  triangular: p1 = min <= p2 = mode <= p3 = max, min < max;
 *   empirical:  n >= 2 points x (nondecreasing) and cum (0 first, 1 last, nondecreasing): a CDF
 *               linear between points, so mass cum[i+1] - cum[i] spread uniformly on
 *               [x[i], x[i+1]]: mean = sum q (a + b) / 2, E[X^2] = sum q (a^2 + ab + b^2) / 3;
 *   mixture:    n components (each already finished) and cum: mean = sum w m,
 *               E[X^2] = sum w m^2 (1 + cv^2);
 *   exponential, lognormal, deterministic: nothing to do.
 * Returns 0, or -1 when the parameters give no distribution with a finite mean > 0 (a
 * mixture's component of mean 0 is fine, the whole must not be) or, for weibull, no shape. */
int scenario_dist_finish(scenario_dist *d);

/* Durations by time of day (scenario_period, scenario.h): the period of p[0..n-1] (sorted,
 * disjoint) holding time of day tod_s in [0, 86400), or NULL when none does. O(n). */
const scenario_period *scenario_dist_period_at(const scenario_period *p, size_t n, double tod_s);

/* The mean of a duration of distribution `base` with periods p[0..n-1], averaged over the time
 * of day [from_s, to_s) (0 <= from_s < to_s <= 86400) with equal weight per second: in a
 * period, its dist's mean or base->mean_s x its factor; outside, base->mean_s. The staffing
 * requirement's handle time and patience of an interval. O(n). */
double scenario_dist_mean_between(const scenario_dist *base, const scenario_period *p, size_t n,
                                  double from_s, double to_s);

#endif /* SCENARIO_DIST_H */
