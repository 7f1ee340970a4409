/* calib_arrivals.h -- arrival rates per channel x weekday x interval from a contact log, and
 * the day-to-day overdispersion of daily volumes.
 *
 * Streamed: add() takes one arrival at a time, in any order. Memory per channel is one count
 * per (weekday, interval) and one per calendar day of the log's span: it grows with the span,
 * never with the number of rows.
 *
 * The model behind the estimates (the one omnisim simulates, docs/model.md): the count of a
 * day d of weekday w in interval i is Poisson with mean G_d * lambda[w][i], G_d a day factor
 * of mean 1 and coefficient of variation cv (gamma), independent between days. Every calendar
 * day from the first to the last arrival of the whole log is an observed day (a day without
 * arrivals counts as zero).
 *
 * Estimates, each with its uncertainty:
 *   lambda[w][i] = C[w][i] / n_w (C the count, n_w the days of weekday w in the span), with
 *     standard error sqrt((lambda + cv^2 lambda^2) / n_w), the variance of a gamma-mixed
 *     Poisson count per day divided by the days;
 *   daily mean m_w of weekday w, standard error s_w / sqrt(n_w) (s_w the sample sd of the
 *     daily counts);
 *   cv^2 by the method of moments: Var N_d = m + cv^2 m^2 within a weekday, so
 *     cv^2 = sum_w (n_w - 1) (s_w^2 - m_w) / m_w^2 / sum_w (n_w - 1) over weekdays with
 *     n_w >= 2 and m_w > 0, and cv = sqrt(max(0, cv^2)); its standard error by the
 *     jackknife over days (Efron 1982, delete-one), computed in O(days) from per-weekday sums. */
#ifndef CALIB_ARRIVALS_H
#define CALIB_ARRIVALS_H

#include <stddef.h>

#include "sim_error.h"

#define CALIB_ARRIVALS_CHANNELS_MAX 64

typedef struct calib_arrivals calib_arrivals;

/* A new accumulator with intervals of interval_s seconds (must divide 86400; 60 <= interval_s).
 * Returns NULL when out of memory or interval_s is invalid. Free with calib_arrivals_free. */
calib_arrivals *calib_arrivals_new(double interval_s);
void calib_arrivals_free(calib_arrivals *a);

/* Count one arrival of channel (copied on first sight) at time arrival_s (seconds since
 * 1970-01-01 of the log's clock, >= 0). SIM_EINVAL past CALIB_ARRIVALS_CHANNELS_MAX channels
 * (path "channel"); SIM_ENOMEM. */
sim_status calib_arrivals_add(calib_arrivals *a, const char *channel, double arrival_s,
                              sim_error *err);

/* Register channel (copied) without counting an arrival, and give its index (channels are
 * indexed in the order they are first registered or added). Same errors as add. */
sim_status calib_arrivals_register(calib_arrivals *a, const char *channel, size_t *index,
                                   sim_error *err);

size_t calib_arrivals_n_channels(const calib_arrivals *a);
const char *calib_arrivals_channel(const calib_arrivals *a, size_t ch); /* borrowed */
size_t calib_arrivals_n_intervals(const calib_arrivals *a);             /* per day */

/* The daily estimates of channel ch. */
typedef struct calib_arrivals_daily {
    size_t days;               /* calendar days in the log's span */
    size_t weekday_days[7];    /* of them per weekday, 0 = Monday */
    double total;              /* arrivals of the channel */
    double mean[7], mean_se[7];/* daily count per weekday and its standard error */
    double mean_all;           /* arrivals per day over the span */
    double weight[7];          /* mean[w] / mean_all: the weekday weights */
    double gamma_cv, gamma_cv_se; /* day-factor cv and its jackknife standard error (NaN when
                                     fewer than 3 usable days) */
} calib_arrivals_daily;

/* Fill *d for channel ch (< n_channels). O(days). */
void calib_arrivals_get_daily(const calib_arrivals *a, size_t ch, calib_arrivals_daily *d);

/* The arrival count per day of weekday w (0 = Monday) in interval i of channel ch, *mean and
 * its standard error *se (given the channel's cv from calib_arrivals_get_daily). Both 0 when
 * the span has no day of that weekday. */
void calib_arrivals_get_rate(const calib_arrivals *a, size_t ch, int w, size_t i, double cv,
                             double *mean, double *se);

/* The weekday (0 = Monday) of a day number (days since 1970-01-01, a Thursday). */
int calib_arrivals_weekday(long day);

#endif /* CALIB_ARRIVALS_H */
