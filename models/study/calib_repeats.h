/* calib_repeats.h -- repeat contacts, hops and retrials from customer ids.
 *
 * Contacts of one customer where each starts within `window_s` of the end of the one before
 * belong to one need. For every contact the next thing that happened is known once the
 * window has passed: a repeat contact in some channel (after a delay from the end of this one:
 * its end when answered, its abandon time when abandoned) or nothing (the need ended). Counted
 * per (channel, outcome) -> next channel or end:
 *   FCR of channel c = answered contacts of c without a repeat / answered contacts of c;
 *   retrial share after abandonment = abandoned contacts of c repeated in c / abandoned of c;
 *   hop shares: the repeats per next channel, as shares of the contacts of (c, outcome);
 * each share with its binomial standard error sqrt(p (1 - p) / n); the delays by (channel,
 * outcome, next channel == channel or not) are fitted with calib_fit (calib_repeats_delays).
 *
 * Streamed: the log must be sorted by arrival time (ACD exports are); a contact arriving more
 * than window_s before the latest arrival seen is counted in out_of_order and taken as a new
 * need. Memory holds one entry per customer seen within the window (entries past it are
 * closed and freed by a sweep whenever the table has doubled since the last one), never one
 * per row. A contact without a customer id is a need of its own. */
#ifndef CALIB_REPEATS_H
#define CALIB_REPEATS_H

#include <stddef.h>

#include "calib_fit.h"
#include "sim_error.h"

#define CALIB_REPEATS_CHANNELS_MAX 64

typedef struct calib_repeats calib_repeats;

/* outcome: 0 answered, 1 abandoned (calib_log_outcome's values). */
#define CALIB_REPEATS_OUTCOMES 2

/* A new counter for contacts whose channels are indexed 0..CALIB_REPEATS_CHANNELS_MAX-1,
 * window_s > 0. NULL when out of memory. Free with calib_repeats_free. */
calib_repeats *calib_repeats_new(double window_s);
void calib_repeats_free(calib_repeats *r);

/* One contact: customer id (borrowed; "" for none), channel index, outcome (0/1), arrival and
 * the time it was done (end or abandon; >= arrival_s); *repeat (may be NULL) is set to 1 when
 * the contact repeats an open need, 0 when it starts one. SIM_EINVAL for a channel index out of
 * range; SIM_ENOMEM. Amortised O(1). */
sim_status calib_repeats_add(calib_repeats *r, const char *customer, size_t channel, int outcome,
                             double arrival_s, double done_s, int *repeat, sim_error *err);

/* Close every open need (the end of the log). Call once, after the last add. */
void calib_repeats_finish(calib_repeats *r);

/* Counts after finish: contacts of (channel, outcome), of them followed by a repeat in
 * channel `next` (calib_repeats_next) or by none (calib_repeats_ended). */
double calib_repeats_contacts(const calib_repeats *r, size_t channel, int outcome);
double calib_repeats_next(const calib_repeats *r, size_t channel, int outcome, size_t next);
double calib_repeats_ended(const calib_repeats *r, size_t channel, int outcome);

/* A share k / n and its binomial standard error; both NaN when n = 0. */
void calib_repeats_share(double k, double n, double *p, double *se);

/* The delay fit of (channel, outcome, same: the repeat is in the same channel 1, another 0),
 * for calib_fit_get; never NULL for valid indices. */
calib_fit *calib_repeats_delays(calib_repeats *r, size_t channel, int outcome, int same);

size_t calib_repeats_out_of_order(const calib_repeats *r);
size_t calib_repeats_peak_customers(const calib_repeats *r); /* open entries at most */

#endif /* CALIB_REPEATS_H */
