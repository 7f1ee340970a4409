/* hours.h -- opening hours of a channel on the simulation clock.
 *
 * Converts simulation time (seconds since the start of day 0) into weekday and time of day
 * with scenario.start_weekday, and answers "is channel c open at t" and "when does it open
 * next", and how many days of the horizon fold onto one interval of a Monday-based week.
 * Windows of one weekday are sorted and disjoint (a loader invariant); a window that
 * closes at 24:00 followed by one opening at 00:00 the next day is one open stretch.
 * What it is not: the staffing (cc_staff.h) or the model's open/close events.
 */
#ifndef HOURS_H
#define HOURS_H

#include <stddef.h>

#include "scenario.h"

#define CC_DAY_S 86400.0

/* Weekday (0 = Monday) of simulation time t_s >= 0. */
unsigned hours_weekday(const scenario *scn, double t_s);

/* The opening windows of channel `channel` on horizon day `day` (sorted, disjoint) in *w and
 * their number: a special day's own hours when it has them (none when closed), else the
 * channel's windows of that day's weekday. O(log special days). */
size_t hours_day_windows(const scenario *scn, size_t channel, size_t day,
                         const scenario_window **w);

/* 1 when channel `channel` is open at simulation time t_s, else 0 (special days included).
 * O(windows). */
int hours_is_open(const scenario *scn, size_t channel, double t_s);

/* The earliest time >= t_s at which the channel is open: t_s itself when open, INFINITY when
 * the channel has no window on any weekday (special days included). O((8 + special days) x
 * windows). */
double hours_next_open(const scenario *scn, size_t channel, double t_s);

/* 1 when the channel has at least one window in the week. */
int hours_ever_open(const scenario *scn, size_t channel);

/* Number of intervals of the horizon that fold onto row k (interval-of-week k, 0 = Monday
 * 00:00) of a week-folded series (cc_model.h, CC_INTERVALS_WEEK) and count in the statistics:
 * the occurrences of that weekday interval that end after warmup_s (one cut by the warm-up
 * counts as one). A folded row divided by it is the mean over those weeks; 0 when the
 * horizon holds none (a 3-day horizon has no Sunday). O(horizon_days). */
size_t hours_fold_count(const scenario *scn, size_t k);

#endif /* HOURS_H */
