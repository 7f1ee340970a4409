/* plot_calib.c -- calibration.png: per channel the observed arrival profile per weekday with
 * the mean the scenario takes, and the Kaplan-Meier patience survival against the fitted
 * exponential and Weibull (see plot_calib.h). Reads the report (cJSON), so the chart shows
 * exactly the figures calibration.json holds. */
#include "plot_calib.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <plplot/plplot.h>

#include "sim_alloc.h"

#define WIDTH 1200
#define ROW_H 300
#define TOP 60

static double num(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (cJSON_IsObject(v))
        v = cJSON_GetObjectItemCaseSensitive(v, "value");
    return cJSON_IsNumber(v) ? v->valuedouble : (double)NAN;
}

/* Arrival profile: rate_per_interval[weekday][interval] = [mean, se] first contacts. */
static void panel_arrivals(const cJSON *ch, double interval_s, double y0, double y1)
{
    static const char *const wd[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    const cJSON *rates = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(ch, "arrivals"), "rate_per_interval");
    int ni = cJSON_IsArray(rates) ? cJSON_GetArraySize(cJSON_GetArrayItem(rates, 0)) : 0;
    int nw = cJSON_GetArraySize(rates);
    if (ni <= 0 || nw <= 0 || nw > 7)
        return;
    double *x = sim_malloc_array((size_t)ni * 9, sizeof(double));
    if (x == NULL)
        return;
    double *y = x + ni, *mean = x + 8 * ni, ymax = 0;
    for (int i = 0; i < ni; i++) {
        x[i] = (i + 0.5) * interval_s / 3600;
        mean[i] = 0;
    }
    for (int w = 0; w < nw; w++)
        for (int i = 0; i < ni; i++) {
            const cJSON *cell = cJSON_GetArrayItem(cJSON_GetArrayItem(rates, w), i);
            const cJSON *m = cJSON_GetArrayItem(cell, 0);
            double v = cJSON_IsNumber(m) ? m->valuedouble : (double)NAN;
            y[w * ni + i] = v;
            if (isfinite(v)) {
                mean[i] += v / nw;
                if (v > ymax)
                    ymax = v;
            }
        }
    char title[160];
    const cJSON *nm = cJSON_GetObjectItemCaseSensitive(ch, "name");
    snprintf(title, sizeof title, "%s: first contacts per interval (observed per weekday)",
             cJSON_IsString(nm) ? nm->valuestring : "?");
    plot_panel(0.06, 0.44, y0, y1, 0, 24, 0, ymax > 0 ? ymax * 1.15 : 1, 3, "hour of day",
               "contacts", title);
    const char *leg[8];
    int cols[8], sty[8];
    for (int w = 0; w < nw; w++) {
        plot_line(x, y + w * ni, (size_t)ni, plot_series_color((size_t)w + 1), 0.8, 1);
        leg[w] = wd[w];
        cols[w] = plot_series_color((size_t)w + 1);
        sty[w] = 1;
    }
    plot_line(x, mean, (size_t)ni, plot_series_color(0), 2.5, 1);
    leg[nw] = "mean (scenario shape)";
    cols[nw] = plot_series_color(0);
    sty[nw] = 1;
    plot_legend(leg, cols, sty, (size_t)nw + 1, 0, 0);
    sim_free(x);
}

/* Patience: the Kaplan-Meier points (t_s, survival) as a step line, the fits as curves. */
static void panel_patience(const cJSON *ch, double y0, double y1)
{
    const cJSON *p = cJSON_GetObjectItemCaseSensitive(ch, "patience");
    const cJSON *km = cJSON_GetObjectItemCaseSensitive(p, "kaplan_meier");
    int n = cJSON_GetArraySize(km);
    if (n <= 0) {
        plot_panel(0.56, 0.94, y0, y1, 0, 1, 0, 1, 0, "wait s", "survival",
                   "patience: no abandons in the log (nothing to fit)");
        return;
    }
    double *buf = sim_malloc_array((size_t)(2 * n + 2 * 200 + 200), sizeof(double));
    if (buf == NULL)
        return;
    double *kx = buf, *ky = buf + n, *fx = buf + 2 * n, *fe = fx + 200, *fw = fe + 200;
    double tmax = 0;
    for (int i = 0; i < n; i++) {
        const cJSON *pt = cJSON_GetArrayItem(km, i);
        kx[i] = num(pt, "t_s");
        ky[i] = num(pt, "survival");
        if (isfinite(kx[i]) && kx[i] > tmax)
            tmax = kx[i];
    }
    double em = num(p, "exponential_mean_s");
    const cJSON *wb = cJSON_GetObjectItemCaseSensitive(p, "weibull");
    double k = num(wb, "shape"), sc = num(wb, "scale_s");
    tmax = tmax > 0 ? 1.05 * tmax : 1;
    for (int i = 0; i < 200; i++) {
        fx[i] = tmax * i / 199.0;
        fe[i] = em > 0 ? exp(-fx[i] / em) : (double)NAN;
        fw[i] = k > 0 && sc > 0 ? exp(-pow(fx[i] / sc, k)) : (double)NAN;
    }
    const cJSON *chosen = cJSON_GetObjectItemCaseSensitive(p, "chosen");
    char title[160];
    const cJSON *nm = cJSON_GetObjectItemCaseSensitive(ch, "name");
    snprintf(title, sizeof title, "%s patience: Kaplan-Meier vs fits (chosen: %s)",
             cJSON_IsString(nm) ? nm->valuestring : "?",
             cJSON_IsString(chosen) ? chosen->valuestring : "-");
    plot_panel(0.56, 0.94, y0, y1, 0, tmax, 0, 1.05, 0, "wait s", "survival", title);
    /* the report holds the Kaplan-Meier estimate at a few points, not every step: markers */
    plcol0(plot_series_color(0));
    plssym(0.0, 1.4);
    plpoin(n, kx, ky, 4);
    plssym(0.0, 1.0);
    plot_line(fx, fe, 200, plot_series_color(1), 1.5, 2);
    plot_line(fx, fw, 200, plot_series_color(2), 1.5, 1);
    const char *leg[3] = {"Kaplan-Meier (observed)", "exponential fit", "Weibull fit"};
    int cols[3] = {plot_series_color(0), plot_series_color(1), plot_series_color(2)};
    int sty[3] = {1, 2, 1};
    plot_legend(leg, cols, sty, 3, 0, 0);
    sim_free(buf);
}

sim_status plot_calib_write(const cJSON *report, const char *dir, plot_format f, sim_error *err)
{
    const cJSON *chs = cJSON_GetObjectItemCaseSensitive(report, "channels");
    int n = cJSON_GetArraySize(chs);
    if (n <= 0)
        return sim_error_set(err, SIM_EINVAL, "channels", "the calibration has no channel");
    if (n > PLOT_CALIB_CHANNELS_MAX)
        n = PLOT_CALIB_CHANNELS_MAX;
    double interval_s = num(report, "interval_s");
    if (!(interval_s > 0))
        interval_s = 900;
    int h = TOP + n * ROW_H;
    plot_canvas cv;
    sim_status s = plot_begin(&cv, dir, "calibration", f, WIDTH, h, err);
    if (s != SIM_OK)
        return s;
    plvpor(0.0, 1.0, 0.0, 1.0);
    plwind(0.0, 1.0, 0.0, 1.0);
    plcol0(PLOT_COL_FG);
    plschr(0.0, 1.4);
    plmtex("t", -1.6, 0.5, 0.5, "Calibration: observed vs fitted");
    plschr(0.0, 1.0);
    for (int c = 0; c < n; c++) {
        const cJSON *ch = cJSON_GetArrayItem(chs, c);
        /* normalised page coordinates of row c, top to bottom, margins for the labels */
        double top = 1.0 - (double)(TOP + c * ROW_H) / h;
        double y1 = top - 40.0 / h, y0 = top - (double)(ROW_H - 45) / h;
        panel_arrivals(ch, interval_s, y0, y1);
        panel_patience(ch, y0, y1);
    }
    return plot_end(&cv, err);
}
