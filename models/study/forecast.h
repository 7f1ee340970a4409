/* forecast.h -- per-interval forecasts from a history of volumes (`omnisim forecast`).
 *
 * Method (docs/data.md, "Forecasting from history"), per queue:
 *   - the logs of the daily totals D_d of the observed, non-holiday days with volume are
 *     fitted by ordinary least squares (GSL gsl_multifit_linear) on
 *     log D_d = a_w(d) + b t_d + e_d: a level a_w per weekday (the weekday effect) and a linear
 *     trend b in the log (growth in proportion to the level, as call volumes grow), e_d
 *     independent normal with variance s^2; a weekday with no volume in the fit forecasts 0;
 *   - the day is split over its intervals by the weekday x interval shape p_w,i (each
 *     weekday's share of volume per interval over the fitted days);
 *   - a holiday (forecast_history_holidays) is left out of fitting and forecast as the
 *     ordinary day times its factor (0 when closed);
 *   - point forecast F = D^ p with D^ = exp(x'a) the median day total; prediction interval:
 *     normal, variance p^2 Var(D) + D^ p (1 - p) with Var(D) = D^2 e^v (e^v - 1) the
 *     lognormal day total's (v = s^2 + x' Cov x), then multinomial spread of the day's
 *     contacts over its intervals, at the requested coverage, cut at 0;
 *   - aht (when the history has it): volume-weighted mean per weekday x interval over the
 *     fitted days (weekday mean, then overall mean where a cell has no volume).
 * Backtest: the last holdout weeks are held out, the method is fitted on the rest and scored
 * on them per interval (WAPE, MAPE over intervals with volume, interval coverage), beside the
 * seasonal-naive baseline (each held-out day = the same weekday of the last fitted week).
 */
#ifndef FORECAST_H
#define FORECAST_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "forecast_history.h"
#include "sim_error.h"

typedef struct forecast_options {
    int weeks;         /* weeks to forecast after the history, >= 1 */
    int holdout_weeks; /* weeks held out for the backtest, 0 = none */
    double coverage;   /* of the prediction interval, in (0, 1) */
} forecast_options;

void forecast_options_init(forecast_options *o); /* 4 weeks, holdout 2, coverage 0.9 */

typedef struct forecast_score {
    size_t days;       /* held-out days scored (observed, not holidays) */
    double wape;       /* sum |A - F| / sum A */
    double mape;       /* mean |A - F| / A over intervals with A > 0 */
    double naive_wape; /* the same for the seasonal-naive baseline */
    double naive_mape;
    double coverage;   /* share of scored intervals with lo <= A <= hi */
} forecast_score;

typedef struct forecast_queue {
    const char *name;  /* borrowed from the history */
    size_t fit_days;   /* days in the final fit */
    double trend;      /* e^b - 1: growth per day (0.01 = 1 % a day) */
    double sigma;      /* s: standard deviation of log D_d */
    double level[7];   /* e^a_w: the weekday's day total at the first date, Monday first; 0
                          for a weekday without volume */
    forecast_score backtest; /* days == 0 when there was no backtest */
    double *mean, *lo, *hi; /* n_days x n_intervals of the forecast horizon */
    double *aht;       /* the same, NULL when the history has no aht */
} forecast_queue;

typedef struct forecast {
    const forecast_history *history; /* borrowed */
    forecast_options opt;
    long first_day;    /* first forecast day: the day after the history */
    size_t n_days;     /* 7 x weeks */
    forecast_queue *queue; /* history->n_queues */
} forecast;

/* Fit every queue and forecast opt->weeks weeks after the history; with a holdout, backtest
 * first. holidays may be NULL. Errors: SIM_EINVAL naming the queue when too few days remain
 * to fit (two weeks of observed days after the holdout, more days than parameters);
 * SIM_ENOMEM. O(queues x days x intervals). */
sim_status forecast_run(const forecast_history *h, const forecast_history_holidays *holidays,
                        const forecast_options *opt, forecast **out, sim_error *err);

void forecast_free(forecast *f);

/* forecast.json: the method, the history range and per queue the fit and the backtest.
 * NULL on allocation failure. */
cJSON *forecast_report(const forecast *f);

#endif /* FORECAST_H */
