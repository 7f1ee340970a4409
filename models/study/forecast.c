/* forecast.c -- weekday levels + trend on daily totals (GSL least squares), a weekday x
 * interval shape, prediction intervals and the backtest (see forecast.h; docs/data.md). */
#include "forecast.h"

#include <math.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multifit.h>

#include "scenario_date.h"
#include "sim_alloc.h"

#define NPAR_MAX 8 /* seven weekday levels and the trend */
#define MIN_FIT_DAYS 14

void forecast_options_init(forecast_options *o)
{
    o->weeks = 4;
    o->holdout_weeks = 2;
    o->coverage = 0.9;
}

/* One queue's fitted model on the days [0, fit_end) of the history. */
typedef struct model {
    size_t ni;
    int col[7];              /* parameter index of weekday w, -1 when no fitted day has it */
    size_t p;                /* parameters: weekdays present + 1 (trend, the last) */
    double c[NPAR_MAX];
    double cov[NPAR_MAX * NPAR_MAX];
    double s2;               /* residual variance of a daily total */
    size_t n;                /* fitted days */
    double *shape;           /* 7 x ni, each present weekday summing to 1 (or all 0) */
    double *aht;             /* 7 x ni, NULL without aht */
} model;

static unsigned weekday_of(long day)
{
    return scenario_date_weekday(scenario_date_from_days(day));
}

static int usable(const forecast_history *h, const forecast_history_queue *hq,
                  const forecast_history_holidays *hol, size_t d)
{
    double f;
    return hq->seen[d] && !forecast_history_holiday_of(hol, h->first_day + (long)d, &f);
}

static double day_total(const forecast_history_queue *hq, size_t ni, size_t d)
{
    double s = 0;
    for (size_t i = 0; i < ni; i++)
        s += hq->volume[d * ni + i];
    return s;
}

static void model_free(model *m)
{
    sim_free(m->shape);
    sim_free(m->aht);
    m->shape = m->aht = NULL;
}

static sim_status model_fit(const forecast_history *h, size_t q,
                            const forecast_history_holidays *hol, size_t fit_end, model *m,
                            sim_error *err)
{
    const forecast_history_queue *hq = &h->queue[q];
    size_t ni = h->n_intervals;
    memset(m, 0, sizeof *m);
    m->ni = ni;
    int has[7] = {0};
    for (size_t d = 0; d < fit_end; d++)
        if (usable(h, hq, hol, d) && day_total(hq, ni, d) > 0) {
            has[weekday_of(h->first_day + (long)d)] = 1;
            m->n++;
        }
    for (int w = 0; w < 7; w++)
        m->col[w] = has[w] ? (int)m->p++ : -1;
    size_t trend = m->p++;
    if (m->n < MIN_FIT_DAYS || m->n < m->p + 2)
        return sim_error_set(err, SIM_EINVAL, hq->name,
                             "queue '%s': %zu observed non-holiday days to fit, at least %d "
                             "needed (shorten --holdout or give a longer history)",
                             hq->name, m->n, MIN_FIT_DAYS);
    m->shape = sim_calloc(7 * ni, sizeof(double));
    if (h->has_aht)
        m->aht = sim_calloc(7 * ni, sizeof(double));
    gsl_matrix *X = gsl_matrix_calloc(m->n, m->p);
    gsl_vector *y = gsl_vector_alloc(m->n);
    gsl_vector *c = gsl_vector_alloc(m->p);
    gsl_matrix *cov = gsl_matrix_alloc(m->p, m->p);
    gsl_multifit_linear_workspace *ws = gsl_multifit_linear_alloc(m->n, m->p);
    sim_status s = SIM_OK;
    if (m->shape == NULL || (h->has_aht && m->aht == NULL) || X == NULL || y == NULL ||
        c == NULL || cov == NULL || ws == NULL)
        s = sim_error_set(err, SIM_ENOMEM, "", "out of memory");
    double wsum[7] = {0}, vsum[7] = {0}, asum[7] = {0}, vall = 0, aall = 0;
    double *vol_cell = s == SIM_OK ? sim_calloc(7 * ni, sizeof(double)) : NULL;
    if (s == SIM_OK && vol_cell == NULL)
        s = sim_error_set(err, SIM_ENOMEM, "", "out of memory");
    for (size_t d = 0, r = 0; s == SIM_OK && d < fit_end; d++) {
        double tot = day_total(hq, ni, d);
        if (!usable(h, hq, hol, d) || !(tot > 0))
            continue;
        unsigned w = weekday_of(h->first_day + (long)d);
        gsl_matrix_set(X, r, (size_t)m->col[w], 1.0);
        gsl_matrix_set(X, r, trend, (double)d);
        gsl_vector_set(y, r, log(tot));
        r++;
        wsum[w] += tot;
        for (size_t i = 0; i < ni; i++) {
            double v = hq->volume[d * ni + i];
            m->shape[w * ni + i] += v;
            if (m->aht != NULL) {
                m->aht[w * ni + i] += hq->aht_weighted[d * ni + i];
                vol_cell[w * ni + i] += v;
                vsum[w] += v;
                asum[w] += hq->aht_weighted[d * ni + i];
            }
        }
    }
    if (s == SIM_OK) {
        double chisq;
        gsl_error_handler_t *old = gsl_set_error_handler_off();
        int g = gsl_multifit_linear(X, y, c, cov, &chisq, ws);
        gsl_set_error_handler(old);
        if (g != GSL_SUCCESS)
            s = sim_error_set(err, SIM_EINVAL, hq->name, "queue '%s': the fit failed: %s",
                              hq->name, gsl_strerror(g));
        m->s2 = chisq / (double)(m->n - m->p);
        for (size_t a = 0; a < m->p; a++) {
            m->c[a] = gsl_vector_get(c, a);
            for (size_t b = 0; b < m->p; b++)
                m->cov[a * m->p + b] = gsl_matrix_get(cov, a, b);
        }
        for (int w = 0; w < 7; w++) {
            vall += vsum[w];
            aall += asum[w];
            for (size_t i = 0; i < ni; i++) {
                if (wsum[w] > 0)
                    m->shape[w * ni + i] /= wsum[w];
                else
                    m->shape[w * ni + i] = 0;
            }
        }
        for (int w = 0; m->aht != NULL && w < 7; w++)
            for (size_t i = 0; i < ni; i++) {
                double v = vol_cell[w * ni + i];
                m->aht[w * ni + i] = v > 0 ? m->aht[w * ni + i] / v
                                     : vsum[w] > 0 ? asum[w] / vsum[w]
                                     : vall > 0    ? aall / vall
                                                   : 0;
            }
    }
    sim_free(vol_cell);
    gsl_multifit_linear_free(ws);
    gsl_matrix_free(cov);
    gsl_vector_free(c);
    gsl_vector_free(y);
    gsl_matrix_free(X);
    if (s != SIM_OK)
        model_free(m);
    return s;
}

/* The forecast of day d (index from the history's first day, any d >= 0): n_intervals
 * values of mean, lo, hi (and aht when m has it). */
static void model_predict(const model *m, const forecast_history *h,
                          const forecast_history_holidays *hol, size_t d, double z,
                          double *mean, double *lo, double *hi, double *aht)
{
    long day = h->first_day + (long)d;
    unsigned w = weekday_of(day);
    double factor;
    forecast_history_holiday_of(hol, day, &factor);
    double dhat = 0, var = 0;
    if (m->col[w] >= 0) {
        double x[NPAR_MAX] = {0}, mu = 0, v = m->s2;
        x[m->col[w]] = 1;
        x[m->p - 1] = (double)d;
        for (size_t a = 0; a < m->p; a++) {
            mu += x[a] * m->c[a];
            for (size_t b = 0; b < m->p; b++)
                v += x[a] * m->cov[a * m->p + b] * x[b];
        }
        /* the median exp(mu) of the lognormal day total, and its variance */
        dhat = exp(mu);
        var = dhat * dhat * exp(v) * expm1(v);
    }
    for (size_t i = 0; i < m->ni; i++) {
        double p = m->col[w] >= 0 ? m->shape[w * m->ni + i] : 0;
        double f = dhat * p * factor;
        double sd = factor * sqrt(p * p * var + dhat * p * (1 - p));
        mean[i] = f;
        lo[i] = f - z * sd > 0 ? f - z * sd : 0;
        hi[i] = f + z * sd;
        if (aht != NULL)
            aht[i] = m->aht != NULL ? m->aht[w * m->ni + i] : 0;
    }
}

/* The seasonal-naive value source for held-out day d: the same weekday of the latest usable
 * day before cut; -1 when there is none. */
static long naive_source(const forecast_history *h, const forecast_history_queue *hq,
                         const forecast_history_holidays *hol, size_t cut, size_t d)
{
    long src = (long)d - 7 * (long)((d - cut) / 7 + 1);
    while (src >= 0 && !usable(h, hq, hol, (size_t)src))
        src -= 7;
    return src;
}

static sim_status backtest(const forecast_history *h, size_t q,
                           const forecast_history_holidays *hol, size_t cut, double z,
                           forecast_score *sc, sim_error *err)
{
    model m;
    sim_status s = model_fit(h, q, hol, cut, &m, err);
    if (s != SIM_OK)
        return s;
    const forecast_history_queue *hq = &h->queue[q];
    size_t ni = h->n_intervals;
    double *buf = sim_malloc_array(3 * ni, sizeof(double));
    if (buf == NULL) {
        model_free(&m);
        return sim_error_set(err, SIM_ENOMEM, "", "out of memory");
    }
    double abs_err = 0, abs_naive = 0, sum_a = 0, ape = 0, ape_naive = 0;
    size_t n_pos = 0, n_cells = 0, n_in = 0;
    memset(sc, 0, sizeof *sc);
    for (size_t d = cut; d < h->n_days; d++) {
        if (!usable(h, hq, hol, d))
            continue;
        sc->days++;
        model_predict(&m, h, hol, d, z, buf, buf + ni, buf + 2 * ni, NULL);
        long src = naive_source(h, hq, hol, cut, d);
        for (size_t i = 0; i < ni; i++) {
            double a = hq->volume[d * ni + i];
            double nv = src >= 0 ? hq->volume[(size_t)src * ni + i] : 0;
            abs_err += fabs(a - buf[i]);
            abs_naive += fabs(a - nv);
            sum_a += a;
            n_cells++;
            n_in += a >= buf[ni + i] && a <= buf[2 * ni + i];
            if (a > 0) {
                n_pos++;
                ape += fabs(a - buf[i]) / a;
                ape_naive += fabs(a - nv) / a;
            }
        }
    }
    sc->wape = sum_a > 0 ? abs_err / sum_a : (double)NAN;
    sc->naive_wape = sum_a > 0 ? abs_naive / sum_a : (double)NAN;
    sc->mape = n_pos > 0 ? ape / (double)n_pos : (double)NAN;
    sc->naive_mape = n_pos > 0 ? ape_naive / (double)n_pos : (double)NAN;
    sc->coverage = n_cells > 0 ? (double)n_in / (double)n_cells : (double)NAN;
    sim_free(buf);
    model_free(&m);
    return SIM_OK;
}

void forecast_free(forecast *f)
{
    if (f == NULL)
        return;
    for (size_t q = 0; f->queue != NULL && q < f->history->n_queues; q++) {
        sim_free(f->queue[q].mean);
        sim_free(f->queue[q].lo);
        sim_free(f->queue[q].hi);
        sim_free(f->queue[q].aht);
    }
    sim_free(f->queue);
    sim_free(f);
}

sim_status forecast_run(const forecast_history *h, const forecast_history_holidays *holidays,
                        const forecast_options *opt, forecast **out, sim_error *err)
{
    *out = NULL;
    if (opt->weeks < 1 || opt->holdout_weeks < 0 || !(opt->coverage > 0 && opt->coverage < 1))
        return sim_error_set(err, SIM_EINVAL, "", "weeks >= 1, holdout >= 0, coverage in (0, 1)");
    size_t cut = (size_t)opt->holdout_weeks * 7;
    if (cut >= h->n_days)
        return sim_error_set(err, SIM_EINVAL, "holdout",
                             "the holdout of %d weeks is not shorter than the history (%zu days)",
                             opt->holdout_weeks, h->n_days);
    forecast *f = sim_calloc(1, sizeof *f);
    if (f == NULL)
        return sim_error_set(err, SIM_ENOMEM, "", "out of memory");
    f->history = h;
    f->opt = *opt;
    f->first_day = h->first_day + (long)h->n_days;
    f->n_days = (size_t)opt->weeks * 7;
    f->queue = sim_calloc(h->n_queues, sizeof *f->queue);
    if (f->queue == NULL) {
        forecast_free(f);
        return sim_error_set(err, SIM_ENOMEM, "", "out of memory");
    }
    double z = gsl_cdf_ugaussian_Pinv(0.5 + opt->coverage / 2);
    size_t ni = h->n_intervals, cells = f->n_days * ni;
    sim_status s = SIM_OK;
    for (size_t q = 0; q < h->n_queues && s == SIM_OK; q++) {
        forecast_queue *fq = &f->queue[q];
        fq->name = h->queue[q].name;
        if (opt->holdout_weeks > 0)
            s = backtest(h, q, holidays, h->n_days - cut, z, &fq->backtest, err);
        model m;
        if (s == SIM_OK)
            s = model_fit(h, q, holidays, h->n_days, &m, err);
        if (s != SIM_OK)
            break;
        fq->fit_days = m.n;
        fq->trend = expm1(m.c[m.p - 1]);
        fq->sigma = sqrt(m.s2);
        for (int w = 0; w < 7; w++)
            fq->level[w] = m.col[w] >= 0 ? exp(m.c[m.col[w]]) : 0;
        fq->mean = sim_malloc_array(cells, sizeof(double));
        fq->lo = sim_malloc_array(cells, sizeof(double));
        fq->hi = sim_malloc_array(cells, sizeof(double));
        if (h->has_aht)
            fq->aht = sim_malloc_array(cells, sizeof(double));
        if (fq->mean == NULL || fq->lo == NULL || fq->hi == NULL ||
            (h->has_aht && fq->aht == NULL))
            s = sim_error_set(err, SIM_ENOMEM, "", "out of memory");
        for (size_t k = 0; s == SIM_OK && k < f->n_days; k++)
            model_predict(&m, h, holidays, h->n_days + k, z, fq->mean + k * ni, fq->lo + k * ni,
                          fq->hi + k * ni, fq->aht != NULL ? fq->aht + k * ni : NULL);
        model_free(&m);
    }
    if (s != SIM_OK) {
        forecast_free(f);
        return s;
    }
    *out = f;
    return SIM_OK;
}

static cJSON *num_or_null(double v)
{
    return isfinite(v) ? cJSON_CreateNumber(v) : cJSON_CreateNull();
}

cJSON *forecast_report(const forecast *f)
{
    static const char *const wd[7] = {"monday", "tuesday", "wednesday", "thursday",
                                      "friday", "saturday", "sunday"};
    const forecast_history *h = f->history;
    char a[16], b[16];
    cJSON *j = cJSON_CreateObject();
    cJSON_AddStringToObject(j, "method",
                            "log daily totals = weekday level + linear trend (least squares), "
                            "weekday x interval shape, holidays by factor");
    cJSON_AddNumberToObject(j, "interval_s", h->interval_s);
    cJSON *hist = cJSON_AddObjectToObject(j, "history");
    cJSON_AddStringToObject(hist, "first_date",
                            scenario_date_format(scenario_date_from_days(h->first_day), a, sizeof a));
    cJSON_AddStringToObject(
        hist, "last_date",
        scenario_date_format(scenario_date_from_days(h->first_day + (long)h->n_days - 1), b,
                             sizeof b));
    cJSON_AddNumberToObject(hist, "days", (double)h->n_days);
    cJSON *fc = cJSON_AddObjectToObject(j, "forecast");
    cJSON_AddStringToObject(fc, "first_date",
                            scenario_date_format(scenario_date_from_days(f->first_day), a, sizeof a));
    cJSON_AddNumberToObject(fc, "weeks", f->opt.weeks);
    cJSON_AddNumberToObject(fc, "coverage", f->opt.coverage);
    cJSON *qs = cJSON_AddArrayToObject(j, "queues");
    for (size_t q = 0; q < h->n_queues; q++) {
        const forecast_queue *fq = &f->queue[q];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddItemToArray(qs, o);
        cJSON_AddStringToObject(o, "queue", fq->name);
        cJSON *fit = cJSON_AddObjectToObject(o, "fit");
        cJSON_AddNumberToObject(fit, "days", (double)fq->fit_days);
        cJSON_AddItemToObject(fit, "growth_per_day", num_or_null(fq->trend));
        cJSON_AddItemToObject(fit, "sigma_log_day", num_or_null(fq->sigma));
        cJSON *lv = cJSON_AddObjectToObject(fit, "weekday_level");
        for (int w = 0; w < 7; w++)
            cJSON_AddItemToObject(lv, wd[w], num_or_null(fq->level[w]));
        cJSON *bt = cJSON_AddObjectToObject(o, "backtest");
        cJSON_AddNumberToObject(bt, "holdout_weeks", f->opt.holdout_weeks);
        cJSON_AddNumberToObject(bt, "days", (double)fq->backtest.days);
        int any = fq->backtest.days > 0;
        cJSON_AddItemToObject(bt, "wape", num_or_null(any ? fq->backtest.wape : (double)NAN));
        cJSON_AddItemToObject(bt, "mape", num_or_null(any ? fq->backtest.mape : (double)NAN));
        cJSON_AddItemToObject(bt, "naive_wape", num_or_null(any ? fq->backtest.naive_wape : (double)NAN));
        cJSON_AddItemToObject(bt, "naive_mape", num_or_null(any ? fq->backtest.naive_mape : (double)NAN));
        cJSON_AddItemToObject(bt, "interval_coverage",
                              num_or_null(any ? fq->backtest.coverage : (double)NAN));
    }
    return j;
}
