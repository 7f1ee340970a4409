/* demand_factor.h -- random multipliers of the arrival rates: day factors per channel with a
 * stated correlation between channels, and an intraday busyness factor per interval, in the
 * manner of the doubly stochastic (Cox) arrival models of the call-center literature (Whitt
 * 1999; Avramidis, Deslauriers & L'Ecuyer 2004; Channouf & L'Ecuyer 2009; Ibrahim, L'Ecuyer,
 * Regnard & Shen 2012): given the factors, arrivals are Poisson.
 *
 * What it is not: today's shared day factor (demand.overdispersion_cv alone), which stays in
 * demand_day_factors (demand.h) and draws exactly as before.
 *
 * Day factors per channel (scenario.has_day_correlation). Channel c's factor is
 *     F_c = a_c G + E_c,
 * G ~ Gamma(shape k, scale 1) common to every channel and E_c an independent gamma of the
 * channel's own (or a constant when it has no variance left), with
 *     k = rho / cv_max^2,  a_c = cv_c cv_max,  E[E_c] = 1 - rho cv_c / cv_max,
 *     Var(E_c) = (1 - rho) cv_c^2,
 * so that E[F_c] = 1, Var(F_c) = cv_c^2 and Corr(F_c, F_d) = rho exactly for every pair,
 * whatever the channels' cvs, and every factor is >= 0. Why this and not a Gaussian copula
 * with gamma marginals: a copula's Pearson correlation is not its parameter (it depends on
 * the marginals' cvs and needs a numerical calibration per pair), while this sum states the
 * mean, cv and correlation directly. With rho = 1 and equal cvs every channel has the same
 * factor G / k (the law of the shared factor). A channel with cv 0 has factor 1.
 */
#ifndef DEMAND_FACTOR_H
#define DEMAND_FACTOR_H

#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "scenario.h"

/* Fill f[d * n_channels + c] (d < n_days) with the day factors above, drawn from r: per day,
 * G first (when rho > 0 and some cv > 0), then E_c of each channel with variance in channel
 * order. Requires scn->has_day_correlation. O(n_days x channels). */
void demand_factor_days(const scenario *scn, const gsl_rng *r, double *f, size_t n_days);

/* One busyness factor: Gamma(1/cv^2, cv^2) (mean 1, CV cv) drawn from r; 1 (no draw) when
 * cv == 0. Drawn per source at each interval boundary, independent across intervals and
 * sources, so that the count of an interval with expected count m (day factor F) has
 * variance m + m^2 ((1 + cv_F^2)(1 + cv^2) - 1). */
double demand_factor_busyness(const gsl_rng *r, double cv);

#endif /* DEMAND_FACTOR_H */
