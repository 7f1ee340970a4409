/* cc_demand.h -- the arrival rates of the contact-center model.
 *
 * Demand is a non-homogeneous Poisson process with a rate that is constant within each
 * statistics interval (interval_s, 15 minutes by default):
 *   per_channel mode, source = channel c:
 *     rate(t) = daily_volume_c * weekday_c[wd(t)] * intraday_c[i(t)] / interval_s
 *   by_segment mode, source = segment s (each arrival is a new need of segment s):
 *     rate(t) = daily_volume * share_s * weekday_s[wd(t)] * intraday_s[i(t)] / interval_s
 * times an optional gamma day factor (mean 1, CV overdispersion_cv) shared by every source
 * on one day: a gamma-Poisson (negative binomial) day-to-day variation.
 * The model draws exponential gaps at the current rate and restarts the draw at each interval
 * boundary, which is exact for a piecewise-constant rate (memorylessness), and cheaper than
 * thinning when the peak-to-mean ratio is high (no rejected candidates).
 */
#ifndef CC_DEMAND_H
#define CC_DEMAND_H

#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "scenario.h"
#include "sim_error.h"

/* Number of arrival sources: channels (per_channel) or segments (by_segment). */
size_t cc_demand_sources(const scenario *scn);

/* Rate in arrivals per second of `source` at simulation time t_s, without the day factor.
 * O(1). */
double cc_demand_rate(const scenario *scn, size_t source, double t_s);

/* Expected first contacts per second entering channel c during interval-of-week k (0 =
 * Monday 00:00), without hopping: in by_segment mode the segments' rates split by their
 * preferences (ignoring opening hours). For staffing. O(segments). */
double cc_demand_channel_rate_week(const scenario *scn, size_t channel, size_t k);

/* Fill factors[0..n_days-1] with gamma(1/cv^2, cv^2) day factors drawn from r (all 1 when
 * cv == 0). */
void cc_demand_day_factors(const scenario *scn, const gsl_rng *r, double *factors,
                           size_t n_days);

#endif /* CC_DEMAND_H */
