/* demand.h -- the arrival rates of the contact-center model.
 *
 * Demand is a non-homogeneous Poisson process with a rate that is constant within each
 * statistics interval (interval_s, 15 minutes by default):
 *   per_channel mode, source = channel c:
 *     rate(t) = daily_volume_c * weekday_c[wd(t)] * shape_c[wd(t)][i(t)] / interval_s
 *   by_segment mode, source = segment s (each arrival is a new need of segment s):
 *     rate(t) = daily_volume * share_s * weekday_s[wd(t)] * shape_s[wd(t)][i(t)] / interval_s
 * where the day shape is the intraday profile given in the file (the same every weekday), or,
 * when none was given, the opening-hours profile (scenario.h, open_profile): each day's volume
 * uniform over the open seconds of that day (of the segment's preferred channels), flat on a
 * day without opening hours. Times an optional gamma day factor (mean 1, CV
 * overdispersion_cv) shared by every source on one day: a gamma-Poisson (negative binomial)
 * day-to-day variation. (With demand.day_correlation each channel has its own day factor
 * instead, and demand.busyness_cv adds a factor per interval: demand_factor.h.)
 * The model draws exponential gaps at the current rate and restarts the draw at each interval
 * boundary, which is exact for a piecewise-constant rate (memorylessness), and cheaper than
 * thinning when the peak-to-mean ratio is high (no rejected candidates).
 *
 * The week tables below (rates per interval of a Monday-based week, for staffing and the
 * closed-hours check) follow the model's draws: in by_segment mode a need's first channel is
 * drawn from its segment's preference restricted to the channels open at that moment (the
 * full preference when none is), so each interval is cut at the window edges of every channel
 * and the shares are averaged over the pieces.
 */
#ifndef DEMAND_H
#define DEMAND_H

#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "scenario.h"
#include "sim_error.h"

/* Shares of a channel's weekly first contacts arriving while it is closed below this are not
 * warned about (they print as 0.0%). */
#define DEMAND_WARN_CLOSED_SHARE 0.0005

/* Number of arrival sources: channels (per_channel) or segments (by_segment). */
size_t demand_sources(const scenario *scn);

/* Rate in arrivals per second of `source` at simulation time t_s, without the day factor.
 * O(1). */
double demand_rate(const scenario *scn, size_t source, double t_s);

/* Expected first contacts per second entering each channel during interval-of-week k (0 =
 * Monday 00:00), without hopping and without the day factor, as the model draws them (see
 * above), averaged over the interval:
 *   rate[c]          every first contact of c (c < n_channels);
 *   closed_rate[c]   of those, the ones that arrive while c is closed (NULL: not wanted);
 *   segment_rate[s * n_channels + c]  by_segment mode: rate[c] split by segment (NULL: not
 *                    wanted; all 0 in per_channel mode).
 * O(channels x (segments + windows)). */
void demand_rates_week(const scenario *scn, size_t k, double *rate, double *closed_rate,
                          double *segment_rate);

/* rate[channel] of demand_rates_week: one channel's first contacts per second in
 * interval-of-week k. For staffing. O(1) in per_channel mode, as demand_rates_week in
 * by_segment mode. */
double demand_channel_rate_week(const scenario *scn, size_t channel, size_t k);

/* Share of the channel's first contacts of a week that arrive while it is closed (0 when it
 * receives none). These follow the channel's when_closed: with "lost" they are lost, with
 * "hop" they hop, with "wait" they wait for the opening. O(intervals of a week x rates). */
double demand_closed_share(const scenario *scn, size_t channel);

/* The closed-hours warning of `omnisim validate` and `omnisim run` for one channel: when its
 * when_closed is "lost" and demand_closed_share >= DEMAND_WARN_CLOSED_SHARE, writes
 *   channels[2] (phone): 26.0% of the weekly volume arrives while closed and is lost
 *   (when_closed "lost")
 * (one line), followed for a channel without a day shape of its own by why its volume meets
 * closed hours, into buf (n bytes) and returns 1; else returns 0 and leaves buf empty. */
int demand_closed_warning(const scenario *scn, size_t channel, char *buf, size_t n);

/* Fill factors[0..n_days-1] with gamma(1/cv^2, cv^2) day factors drawn from r (all 1 when
 * cv == 0). */
void demand_day_factors(const scenario *scn, const gsl_rng *r, double *factors,
                           size_t n_days);

#endif /* DEMAND_H */
