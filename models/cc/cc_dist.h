/* cc_dist.h -- drawing a duration from a scenario distribution (scenario_dist, scenario.h).
 *
 * What it is: the one sampler the model uses for handle times, patience and hop delays. What it
 * is not: a stream. The caller passes the generator (the model seeds one per contact and
 * purpose, cc_model.c), so a draw depends only on that generator's state and the distribution.
 *
 * Every kind but exponential, lognormal and deterministic scales a draw by `factor` (a scale
 * family: mean x factor, cv unchanged); those three keep the form they always had (mean x factor
 * inside the formula), which is the same law and keeps their results bit for bit. */
#ifndef CC_DIST_H
#define CC_DIST_H

#include <gsl/gsl_rng.h>

#include "scenario.h"

/* One draw from d with its mean multiplied by factor (> 0); in seconds, >= 0. Draws from r:
 * exponential one uniform (sim_rng_exponential), lognormal a Gaussian, gamma, weibull and
 * uniform GSL's samplers (gsl_ran_gamma, gsl_ran_weibull, gsl_ran_flat), triangular and
 * empirical one uniform by inversion, a mixture one uniform to pick the component and then the
 * component's draws. O(1), empirical O(log n). */
double cc_dist_draw(const gsl_rng *r, const scenario_dist *d, double factor);

/* The distribution of a duration drawn at simulation time t_s (seconds since the first
 * midnight) when it varies by time of day (periods p[0..n-1], n > 0; scenario_period): the
 * period's dist, or base with *factor multiplied by the period's factor, or base outside every
 * period. Called only for channels with periods, so those without pay nothing. O(n). */
const scenario_dist *cc_dist_by_period(const scenario_dist *base, const scenario_period *p,
                                       size_t n, double t_s, double *factor);

#endif /* CC_DIST_H */
