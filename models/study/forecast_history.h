/* forecast_history.h -- a history of volumes per date, interval and queue (the WFM layout
 * `date,interval_start,queue,volume[,aht]`, docs/data.md) and a holiday list, read for
 * `omnisim forecast` on csvread (libcsv underneath).
 *
 * The file is read twice, both times streamed: the first pass checks every row and learns the
 * date range, the interval length (15, 30 or 60 minutes: the coarsest grid every
 * interval_start lies on) and the queue names; the second fills the table. Memory is the
 * table (queues x days x intervals), not the file. A day with at least one row of a queue is
 * observed for that queue, its missing intervals count as 0 (exports omit empty intervals); a
 * day with no row is missing and takes no part in fitting or scoring. The first bad row stops
 * the reading with FILE: message (line L, column C).
 *
 * What it is not: the scenario's reader of forecast files (models/scenario); it keeps only
 * what forecasting needs. */
#ifndef FORECAST_HISTORY_H
#define FORECAST_HISTORY_H

#include <stddef.h>

#include "sim_error.h"

#define FORECAST_HISTORY_QUEUES_MAX 64
#define FORECAST_HISTORY_DAYS_MAX 7320 /* 20 years of daily history */

typedef struct forecast_history_queue {
    char *name;
    double *volume;        /* n_days x n_intervals, day-major */
    double *aht_weighted;  /* volume x aht summed per cell; NULL when the file has no aht */
    unsigned char *seen;   /* n_days: 1 when the day has a row of this queue */
} forecast_history_queue;

typedef struct forecast_history {
    long first_day;        /* days since 1970-01-01 of the first date */
    size_t n_days;         /* last - first + 1 */
    size_t n_intervals;    /* per day */
    int interval_s;        /* 900, 1800 or 3600 */
    int has_aht;
    size_t n_queues;
    forecast_history_queue queue[FORECAST_HISTORY_QUEUES_MAX];
} forecast_history;

/* Read the history at path into *out (free with forecast_history_free). Errors: SIM_EIO (the
 * file cannot be read), SIM_EPARSE / SIM_EINVAL with file, line and column (malformed CSV, a
 * missing or unknown column, a bad date, time, volume or aht, an interval_start off the
 * 15-minute grid, a row given twice, too many queues or days, no data rows), SIM_ENOMEM. */
sim_status forecast_history_read(const char *path, forecast_history **out, sim_error *err);

void forecast_history_free(forecast_history *h);

/* Holidays in the special-days layout (docs/data.md: date[,name][,closed][,volume_factor]).
 * factor: 0 when closed, else volume_factor, else 1. */
typedef struct forecast_history_holiday {
    long day;      /* days since 1970-01-01 */
    double factor; /* multiplier of the forecast that day */
} forecast_history_holiday;

typedef struct forecast_history_holidays {
    size_t n;
    forecast_history_holiday *day; /* n, in file order */
} forecast_history_holidays;

/* Read a holiday file into *out (free with forecast_history_holidays_free). Errors name file,
 * line and column (unknown column, bad date, closed not a boolean, volume_factor not a number
 * in [0, 100], a date twice). */
sim_status forecast_history_holidays_read(const char *path, forecast_history_holidays *out,
                                          sim_error *err);

void forecast_history_holidays_free(forecast_history_holidays *h);

/* The factor of day (days since 1970-01-01) and 1 when it is a holiday, else 0 (factor 1). */
int forecast_history_holiday_of(const forecast_history_holidays *h, long day, double *factor);

#endif /* FORECAST_HISTORY_H */
