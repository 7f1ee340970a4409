/* plot_charts.c -- see plot_charts.h. Each chart is one static function returning 1 when
 * drawn, 0 when its files are absent (skipped), -1 with err set when it failed. */
#include "plot_charts.h"

#include "out_file.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <plplot/plplot.h>

#include "cc_result.h"
#include "cost_tco.h"
#include "hours.h"
#include "out_label.h"
#include "out_manifest.h"
#include "out_table.h"
#include "scenario.h"
#include "scenario_load.h"
#include "sim_alloc.h"
#include "staffplan.h"

#define MAX_SERIES 32
#define MAX_PANELS 8
#define NAME_LEN 64

/* n doubles, all NaN (a gap in a chart until a row fills the point); NULL when out of
 * memory. The caller frees it with sim_free. */
static double *series_buffer(size_t n)
{
    double *buf = sim_malloc_array(n, sizeof *buf);
    for (size_t k = 0; buf != NULL && k < n; k++)
        buf[k] = (double)NAN;
    return buf;
}

static const char *const chart_names[] = {"service_level", "agents",      "coverage", "flows",
                                          "compare",       "channel_mix", "costs",    "sweep"};

size_t plot_charts_names(const char *const **names)
{
    *names = chart_names;
    return sizeof chart_names / sizeof chart_names[0];
}

/* ---- inputs ------------------------------------------------------------------------- */

/* Load a table; 0 when the file is absent or not the run's (chart skipped), 1 loaded, -1
 * malformed. */
static int load(out_table *t, const char *dir, const char *name, sim_error *err)
{
    char path[4096];
    out_file_read_path(path, sizeof path, dir, name); /* the run's stage while it writes */
    FILE *fp = out_manifest_in_run(dir, name) ? fopen(path, "rb") : NULL;
    if (fp == NULL) {
        memset(t, 0, sizeof *t);
        return 0;
    }
    fclose(fp);
    return out_table_load(t, dir, name, err) == SIM_OK ? 1 : -1;
}

/* summary.json parsed, or NULL when absent or unreadable (charts then use defaults). */
static cJSON *load_summary(const char *dir)
{
    char path[4096];
    out_file_read_path(path, sizeof path, dir, "summary.json");
    FILE *fp = out_manifest_in_run(dir, "summary.json") ? fopen(path, "rb") : NULL;
    if (fp == NULL)
        return NULL;
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    cJSON *doc = NULL;
    char *buf = n > 0 ? sim_malloc((size_t)n + 1) : NULL;
    if (buf != NULL && fread(buf, 1, (size_t)n, fp) == (size_t)n) {
        buf[n] = '\0';
        doc = cJSON_Parse(buf);
    }
    sim_free(buf);
    fclose(fp);
    return doc;
}

static double json_num(const cJSON *o, const char *key, double dflt)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(v) ? v->valuedouble : dflt;
}

/* The summary's echo of channel `name`, or NULL. */
static const cJSON *echo_channel(const cJSON *summary, const char *name)
{
    const cJSON *echo = cJSON_GetObjectItemCaseSensitive(summary, "scenario_echo");
    const cJSON *chs = cJSON_GetObjectItemCaseSensitive(echo, "channels");
    const cJSON *ch;
    cJSON_ArrayForEach(ch, chs)
    {
        const cJSON *nm = cJSON_GetObjectItemCaseSensitive(ch, "name");
        if (cJSON_IsString(nm) && strcmp(nm->valuestring, name) == 0)
            return ch;
    }
    return NULL;
}

/* The scenario the summary echoes, as it was run (its document with the policies and
 * overrides applied), for what the files do not hold: opening hours. NULL when the summary
 * has none or it does not load (the charts then go without closed-hour shading). */
static scenario *summary_scenario(const cJSON *summary)
{
    const cJSON *echo = cJSON_GetObjectItemCaseSensitive(summary, "scenario_echo");
    const cJSON *doc = cJSON_GetObjectItemCaseSensitive(echo, "document");
    if (!cJSON_IsObject(doc))
        return NULL;
    enum { MAXO = 64 };
    const char *pol[MAXO], *set[MAXO];
    size_t np = 0, ns = 0;
    const cJSON *x;
    cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(echo, "policies"))
    {
        if (cJSON_IsString(x) && np < MAXO)
            pol[np++] = x->valuestring;
    }
    cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(echo, "overrides"))
    {
        if (cJSON_IsString(x) && ns < MAXO)
            set[ns++] = x->valuestring;
    }
    char *text = cJSON_PrintUnformatted(doc);
    if (text == NULL)
        return NULL;
    /* the echoed document has its includes merged already: a file it names is refused */
    scenario_load_opts lo = {pol, np, set, ns, NULL, NULL, 1};
    scenario *scn = NULL;
    if (scenario_load_string(text, strlen(text), "summary.json", &lo, &scn, NULL) != SIM_OK)
        scn = NULL;
    cJSON_free(text);
    return scn;
}

/* The horizon's first weekday (0 = Monday) from the summary's echo. */
static int start_weekday(const cJSON *summary)
{
    const cJSON *echo = cJSON_GetObjectItemCaseSensitive(summary, "scenario_echo");
    double w = json_num(echo, "start_weekday", 0.0);
    return w >= 0 && w < 7 ? (int)w : 0;
}

/* The figure's one legend, in the column right of the panels at the height of the first
 * (panel y extent y0, y1). */
static void legend_beside(double y0, double y1, const char *const *text, const int *colors,
                          const int *styles, size_t n)
{
    plvpor(0.855, 0.995, y0, y1);
    plwind(0.0, 1.0, 0.0, 1.0);
    plot_legend(text, colors, styles, n, 0, 0);
}

/* Index of `name` in names[0..*n), appended when new (up to max). SIZE_MAX when full. */
static size_t intern(char (*names)[NAME_LEN], size_t *n, size_t max, const char *name)
{
    for (size_t i = 0; i < *n; i++) {
        if (strcmp(names[i], name) == 0)
            return i;
    }
    if (*n >= max)
        return SIZE_MAX;
    snprintf(names[*n], NAME_LEN, "%s", name);
    return (*n)++;
}

static void page_title(const char *title, const char *subtitle)
{
    plvpor(0.0, 1.0, 0.0, 1.0);
    plwind(0.0, 1.0, 0.0, 1.0);
    plcol0(PLOT_COL_FG);
    plschr(0.0, 1.5);
    plmtex("t", -1.8, 0.5, 0.5, title);
    if (subtitle != NULL) {
        plschr(0.0, 0.95);
        plmtex("t", -4.6, 0.5, 0.5, subtitle);
    }
    plschr(0.0, 1.0);
}

static int missing_columns(sim_error *err, const char *file)
{
    sim_error_set(err, SIM_EPARSE, file, "%s lacks the columns this chart needs", file);
    return -1;
}

/* Page height for n panels of ph pixels plus margins (pixels / points). */
static int page_height(size_t n, int ph)
{
    return 130 + (int)n * ph;
}

/* Normalised y extent of panel p of n on a page of height h (panel height ph, top margin
 * 100, bottom margin 50, 70 between panels for the axis labels). */
static void panel_y(size_t p, int h, int ph, double *y0, double *y1)
{
    double top = 1.0 - 85.0 / h;
    *y1 = top - (double)p * ph / h;
    *y0 = *y1 - (ph - 45.0) / h;
}

/* x clamped to [lo, hi]; NaN stays NaN (fmax/fmin would turn it into a bound). */
static double clamp(double x, double lo, double hi)
{
    return isnan(x) ? x : x < lo ? lo : x > hi ? hi : x;
}

/* ---- service level per interval ---------------------------------------------------- */

static int chart_service_level(const char *dir, plot_format f, const cJSON *summary,
                               const scenario *scn, sim_error *err)
{
    out_table t;
    int ok = load(&t, dir, "intervals.csv", err);
    if (ok <= 0)
        return ok;
    size_t ci = out_table_col(&t, "interval"), cc = out_table_col(&t, "channel"),
           cm = out_table_col(&t, CC_KPI_SERVICE_LEVEL),
           cl = out_table_col(&t, CC_KPI_SERVICE_LEVEL "_lo"),
           ch = out_table_col(&t, CC_KPI_SERVICE_LEVEL "_hi"), cw = out_table_col(&t, "weekday");
    if (ci == SIZE_MAX || cc == SIZE_MAX || cm == SIZE_MAX || cl == SIZE_MAX || ch == SIZE_MAX) {
        out_table_free(&t);
        return missing_columns(err, "intervals.csv");
    }
    char names[MAX_SERIES][NAME_LEN];
    size_t nch = 0, n_int = 0;
    for (size_t r = 0; r < t.n_rows; r++) {
        intern(names, &nch, MAX_SERIES, out_table_str(&t, r, cc));
        double i = out_table_num(&t, r, ci);
        if (isfinite(i) && i + 1 > (double)n_int)
            n_int = (size_t)i + 1;
    }
    double interval_s = json_num(summary, "interval_s", 900.0);
    double level = json_num(summary, "confidence", 0.95);
    size_t np = 0;
    size_t panel_ch[MAX_PANELS];
    double *buf = n_int > 0 ? series_buffer(4 * n_int * nch) : NULL;
    if (buf == NULL) {
        out_table_free(&t);
        if (n_int == 0)
            return 0;
        sim_error_set(err, SIM_ENOMEM, "service_level", "out of memory");
        return -1;
    }
    for (size_t r = 0; r < t.n_rows; r++) {
        size_t c = intern(names, &nch, MAX_SERIES, out_table_str(&t, r, cc));
        double i = out_table_num(&t, r, ci);
        if (c == SIZE_MAX || !isfinite(i) || i < 0 || (size_t)i >= n_int)
            continue;
        double *b = buf + 4 * n_int * c;
        size_t k = (size_t)i;
        b[k] = ((double)k + 0.5) * interval_s;
        b[n_int + k] = 100.0 * out_table_num(&t, r, cm);
        b[2 * n_int + k] = clamp(100.0 * out_table_num(&t, r, cl), 0.0, 100.0);
        b[3 * n_int + k] = clamp(100.0 * out_table_num(&t, r, ch), 0.0, 100.0);
    }
    for (size_t c = 0; c < nch && np < MAX_PANELS; c++) {
        const double *m = buf + 4 * n_int * c + n_int;
        for (size_t k = 0; k < n_int; k++) {
            if (isfinite(m[k])) {
                panel_ch[np++] = c;
                break;
            }
        }
    }
    (void)cw;
    out_table_free(&t);
    if (np == 0) {
        sim_free(buf);
        return 0;
    }
    const int ph = 200;
    int h = page_height(np, ph);
    plot_canvas cv;
    if (plot_begin(&cv, dir, "service_level", f, PLOT_CHARTS_WIDTH, h, err) != SIM_OK) {
        sim_free(buf);
        return -1;
    }
    char sub[240];
    snprintf(sub, sizeof sub,
             "mean over the replications, %.0f%% confidence band; grey: closed (deferred "
             "contacts that arrive then wait for the opening); gaps: nothing answered",
             100.0 * level);
    page_title("Service level per interval", sub);
    double xmax = (double)n_int * interval_s;
    int wd0 = start_weekday(summary);
    double *sx0 = series_buffer(n_int), *sx1 = series_buffer(n_int);
    for (size_t p = 0; p < np; p++) {
        size_t c = panel_ch[p];
        double *b = buf + 4 * n_int * c;
        const cJSON *echo = echo_channel(summary, names[c]);
        double target = json_num(echo, "sl_target", (double)NAN);
        const cJSON *kind = cJSON_GetObjectItemCaseSensitive(echo, "kind");
        const scenario_kind_props *kp =
            cJSON_IsString(kind) ? scenario_channel_kind_find(kind->valuestring) : NULL;
        int deferred = kp != NULL && kp->backlog;
        double thr = json_num(echo, deferred ? "response_target_s" : "sl_threshold_s",
                              (double)NAN);
        char title[200];
        if (isfinite(thr) && isfinite(target)) {
            double v = thr >= 7200 ? thr / 3600.0 : thr >= 120 ? thr / 60.0 : thr;
            snprintf(title, sizeof title, "%s: goal %.0f%% answered within %.3g %s", names[c],
                     100.0 * target, v, thr >= 7200 ? "h" : thr >= 120 ? "min" : "s");
        } else {
            snprintf(title, sizeof title, "%s: service level", names[c]);
        }
        double y0, y1;
        panel_y(p, h, ph, &y0, &y1);
        plot_panel_time(0.07, 0.84, y0, y1, xmax, wd0, 0.0, 104.0, p + 1 == np,
                        "service level (%)", title);
        /* Closed hours from the scenario's opening hours (hours.h): an interval whose start,
         * middle and end are all closed. */
        size_t ci_scn = scn != NULL ? scenario_find_channel(scn, names[c]) : SCENARIO_NONE;
        if (ci_scn != SCENARIO_NONE && sx0 != NULL && sx1 != NULL) {
            size_t ns = 0;
            for (size_t k = 0; k < n_int; k++) {
                double t0 = (double)k * interval_s;
                int closed = !hours_is_open(scn, ci_scn, t0) &&
                             !hours_is_open(scn, ci_scn, t0 + 0.5 * interval_s) &&
                             !hours_is_open(scn, ci_scn, t0 + interval_s - 1e-3);
                if (!closed)
                    continue;
                if (ns > 0 && sx1[ns - 1] == t0)
                    sx1[ns - 1] = t0 + interval_s;
                else {
                    sx0[ns] = t0;
                    sx1[ns++] = t0 + interval_s;
                }
            }
            plot_shade(sx0, sx1, ns);
        }
        plot_band(b, b + 2 * n_int, b + 3 * n_int, n_int, plot_band_color(0));
        plot_line(b, b + n_int, n_int, plot_series_color(0), 1.5, 1);
        if (isfinite(target)) {
            double tx[2] = {0.0, xmax}, ty[2] = {100.0 * target, 100.0 * target};
            plot_line(tx, ty, 2, PLOT_COL_TARGET, 2.0, 2);
        }
        if (p == 0) { /* one legend per figure: the first panel's, outside to its right */
            const char *leg[4] = {"mean", "confidence band", "goal", "closed"};
            int cols[4] = {plot_series_color(0), plot_band_color(0), PLOT_COL_TARGET,
                           PLOT_COL_SHADE};
            int sty[4] = {1, 1, 2, 1};
            legend_beside(y0, y1, leg, cols, sty, scn != NULL ? 4 : 3);
        }
    }
    sim_free(sx0);
    sim_free(sx1);
    sim_free(buf);
    return plot_end(&cv, err) == SIM_OK ? 1 : -1;
}

/* ---- agents on duty per pool (pools.csv) ------------------------------------------- */

/* The Erlang requirement (staffplan.h) of the channels a group serves first, per interval of
 * the horizon, into req[0..n_int) (NaN when it cannot be computed): a channel counts for the
 * group with the highest priority for it (the first such in the file). The requirement is per
 * channel, not per group (staffplan.h), so this is the share a siloed group would be sized
 * for; NULL plan or no such group: all NaN. */
static void group_requirement(const scenario *scn, const staffplan *plan, const char *group,
                              int weekday0, double interval_s, size_t n_int, double *req)
{
    for (size_t k = 0; k < n_int; k++)
        req[k] = (double)NAN;
    size_t g = scn != NULL && plan != NULL ? scenario_find_group(scn, group) : SCENARIO_NONE;
    if (g == SCENARIO_NONE || plan->n_intervals == 0 || fabs(plan->interval_s - interval_s) > 1e-9)
        return;
    int mine[SCENARIO_MAX_CHANNELS] = {0};
    for (size_t j = 0; j < plan->n_channels; j++) {
        size_t ch = plan->channels[j].channel;
        size_t best = SCENARIO_NONE;
        unsigned best_pri = 0;
        for (size_t q = 0; q < scn->n_groups; q++)
            for (size_t i = 0; i < scn->groups[q].n_skills; i++)
                if (scn->groups[q].skills[i].channel == ch &&
                    (best == SCENARIO_NONE || scn->groups[q].skills[i].priority < best_pri)) {
                    best = q;
                    best_pri = scn->groups[q].skills[i].priority;
                }
        mine[j] = best == g;
    }
    size_t off = (size_t)weekday0 * plan->intervals_per_day;
    for (size_t k = 0; k < n_int; k++) {
        double sum = 0.0;
        size_t wk = (off + k) % plan->n_intervals;
        for (size_t j = 0; j < plan->n_channels; j++)
            if (mine[j])
                sum += staffplan_at(plan, wk, j)->agents;
        req[k] = sum;
    }
}

static int chart_agents(const char *dir, plot_format f, const cJSON *summary,
                        const scenario *scn, sim_error *err)
{
    out_table t;
    int ok = load(&t, dir, "pools.csv", err);
    if (ok <= 0)
        return ok;
    size_t ci = out_table_col(&t, "interval"), cp = out_table_col(&t, "pool"),
           cm = out_table_col(&t, "on_duty"), cl = out_table_col(&t, "on_duty_lo"),
           ch = out_table_col(&t, "on_duty_hi"), ct = out_table_col(&t, "target");
    if (ci == SIZE_MAX || cp == SIZE_MAX || cm == SIZE_MAX || ct == SIZE_MAX || cl == SIZE_MAX ||
        ch == SIZE_MAX) {
        out_table_free(&t);
        return missing_columns(err, "pools.csv");
    }
    char names[MAX_SERIES][NAME_LEN];
    size_t npool = 0, n_int = 0;
    for (size_t r = 0; r < t.n_rows; r++) {
        intern(names, &npool, MAX_SERIES, out_table_str(&t, r, cp));
        double i = out_table_num(&t, r, ci);
        if (isfinite(i) && i + 1 > (double)n_int)
            n_int = (size_t)i + 1;
    }
    double interval_s = json_num(summary, "interval_s", 900.0);
    double *buf = n_int > 0 && npool > 0 ? series_buffer(5 * n_int * npool) : NULL;
    if (buf == NULL) {
        out_table_free(&t);
        return 0;
    }
    double ymax[MAX_SERIES] = {0};
    for (size_t r = 0; r < t.n_rows; r++) {
        size_t p = intern(names, &npool, MAX_SERIES, out_table_str(&t, r, cp));
        double i = out_table_num(&t, r, ci);
        if (p == SIZE_MAX || !isfinite(i) || i < 0 || (size_t)i >= n_int)
            continue;
        double *b = buf + 5 * n_int * p;
        size_t k = (size_t)i;
        b[k] = ((double)k + 0.5) * interval_s;
        b[n_int + k] = out_table_num(&t, r, cm);
        b[2 * n_int + k] = clamp(out_table_num(&t, r, cl), 0.0, (double)INFINITY);
        b[3 * n_int + k] = out_table_num(&t, r, ch);
        b[4 * n_int + k] = out_table_num(&t, r, ct);
        for (int j = 1; j <= 4; j++) {
            double v = b[(size_t)j * n_int + k];
            if (isfinite(v) && v > ymax[p])
                ymax[p] = v;
        }
    }
    out_table_free(&t);
    size_t panel[MAX_PANELS], np = 0;
    for (size_t p = 0; p < npool && np < MAX_PANELS; p++) {
        if (ymax[p] > 0.0)
            panel[np++] = p;
    }
    if (np == 0) {
        sim_free(buf);
        return 0;
    }
    const int ph = 200;
    int h = page_height(np, ph);
    plot_canvas cv;
    if (plot_begin(&cv, dir, "agents", f, PLOT_CHARTS_WIDTH, h, err) != SIM_OK) {
        sim_free(buf);
        return -1;
    }
    page_title("Agents required, scheduled and on duty per interval",
               "required: Erlang C/A for the goals of the channels the group serves first "
               "(omnisim staff); scheduled: the staffing; on duty: time-average present");
    double xmax = (double)n_int * interval_s;
    int wd0 = start_weekday(summary);
    double *sx = series_buffer(2 * n_int), *sy = series_buffer(2 * n_int);
    double *req = series_buffer(n_int);
    staffplan plan;
    sim_error perr;
    int have_plan = scn != NULL && req != NULL && staffplan_build(&plan, scn, NULL, &perr) == SIM_OK;
    int any_req = 0;
    for (size_t q = 0; q < np; q++) {
        size_t p = panel[q];
        double *b = buf + 5 * n_int * p;
        double y0, y1;
        panel_y(q, h, ph, &y0, &y1);
        char title[120];
        snprintf(title, sizeof title, "pool %s", names[p]);
        plot_panel_time(0.07, 0.84, y0, y1, xmax, wd0, 0.0, ymax[p] * 1.15, q + 1 == np,
                        "agents", title);
        /* The schedule as steps over each interval, the measured average as a line through
         * the interval middles: distinct series even where they agree. */
        if (sx != NULL && sy != NULL) {
            for (size_t k = 0; k < n_int; k++) {
                sx[2 * k] = (double)k * interval_s;
                sx[2 * k + 1] = ((double)k + 1.0) * interval_s;
                sy[2 * k] = sy[2 * k + 1] = b[4 * n_int + k];
            }
            plot_line(sx, sy, 2 * n_int, plot_series_color(1), 2.5, 1);
        }
        plot_band(b, b + 2 * n_int, b + 3 * n_int, n_int, plot_band_color(0));
        plot_line(b, b + n_int, n_int, plot_series_color(0), 1.2, 1);
        if (have_plan) {
            group_requirement(scn, &plan, names[p], wd0, interval_s, n_int, req);
            for (size_t k = 0; k < n_int && sx != NULL && sy != NULL; k++) {
                sy[2 * k] = sy[2 * k + 1] = req[k];
                any_req |= isfinite(req[k]);
            }
            if (sx != NULL && sy != NULL)
                plot_line(sx, sy, 2 * n_int, plot_series_color(5), 1.5, 2);
        }
        if (q == 0) {
            const char *leg[4] = {"scheduled", "on duty (mean)", "confidence band",
                                  "required (Erlang)"};
            int cols[4] = {plot_series_color(1), plot_series_color(0), plot_band_color(0),
                           plot_series_color(5)};
            int sty[4] = {1, 1, 1, 2};
            legend_beside(y0, y1, leg, cols, sty, have_plan ? 4 : 3);
        }
    }
    (void)any_req;
    if (have_plan)
        staffplan_fini(&plan);
    sim_free(req);
    sim_free(sx);
    sim_free(sy);
    sim_free(buf);
    return plot_end(&cv, err) == SIM_OK ? 1 : -1;
}

/* ---- required vs scheduled (coverage.csv from omnisim schedule) --------------------- */

static int chart_coverage(const char *dir, plot_format f, const cJSON *summary, sim_error *err)
{
    out_table t;
    int ok = load(&t, dir, "coverage.csv", err);
    if (ok <= 0)
        return ok;
    size_t cg = out_table_col(&t, "group"), ci = out_table_col(&t, "interval"),
           cr = out_table_col(&t, "required"), cs = out_table_col(&t, "scheduled"),
           co = out_table_col(&t, "on_duty");
    if (cg == SIZE_MAX || ci == SIZE_MAX || cr == SIZE_MAX || cs == SIZE_MAX) {
        out_table_free(&t);
        return missing_columns(err, "coverage.csv");
    }
    char names[MAX_SERIES][NAME_LEN];
    size_t ng = 0, n_int = 0;
    for (size_t r = 0; r < t.n_rows; r++) {
        intern(names, &ng, MAX_SERIES, out_table_str(&t, r, cg));
        double i = out_table_num(&t, r, ci);
        if (isfinite(i) && i + 1 > (double)n_int)
            n_int = (size_t)i + 1;
    }
    double interval_s = json_num(summary, "interval_s", 900.0);
    double *buf = n_int > 0 && ng > 0 ? series_buffer(4 * n_int * ng) : NULL;
    if (buf == NULL) {
        out_table_free(&t);
        return 0;
    }
    double ymax[MAX_SERIES] = {0};
    for (size_t r = 0; r < t.n_rows; r++) {
        size_t g = intern(names, &ng, MAX_SERIES, out_table_str(&t, r, cg));
        double i = out_table_num(&t, r, ci);
        if (g == SIZE_MAX || !isfinite(i) || i < 0 || (size_t)i >= n_int)
            continue;
        double *b = buf + 4 * n_int * g;
        size_t k = (size_t)i;
        b[k] = ((double)k + 0.5) * interval_s;
        b[n_int + k] = out_table_num(&t, r, cr);
        b[2 * n_int + k] = out_table_num(&t, r, cs);
        b[3 * n_int + k] = co != SIZE_MAX ? out_table_num(&t, r, co) : (double)NAN;
        for (int j = 1; j <= 3; j++) {
            double v = b[(size_t)j * n_int + k];
            if (isfinite(v) && v > ymax[g])
                ymax[g] = v;
        }
    }
    out_table_free(&t);
    size_t np = ng < MAX_PANELS ? ng : MAX_PANELS;
    const int ph = 200;
    int h = page_height(np, ph);
    plot_canvas cv;
    if (plot_begin(&cv, dir, "coverage", f, PLOT_CHARTS_WIDTH, h, err) != SIM_OK) {
        sim_free(buf);
        return -1;
    }
    page_title("Required vs scheduled agents per interval",
               "required: the staffing requirement; scheduled: agents the chosen shifts put on "
               "duty (breaks placed); on duty: after shrinkage");
    double xmax = (double)n_int * interval_s;
    for (size_t g = 0; g < np; g++) {
        double *b = buf + 4 * n_int * g;
        double y0, y1;
        panel_y(g, h, ph, &y0, &y1);
        char title[120];
        snprintf(title, sizeof title, "group %s", names[g]);
        /* coverage.csv is one Monday-based week */
        plot_panel_time(0.07, 0.84, y0, y1, xmax, 0, 0.0, ymax[g] > 0 ? ymax[g] * 1.15 : 1.0,
                        g + 1 == np, "agents", title);
        plot_line(b, b + 2 * n_int, n_int, plot_series_color(0), 1.5, 1);
        plot_line(b, b + n_int, n_int, plot_series_color(5), 1.5, 2);
        size_t nl = 2;
        if (co != SIZE_MAX) {
            plot_line(b, b + 3 * n_int, n_int, plot_series_color(2), 1.0, 1);
            nl = 3;
        }
        const char *leg[3] = {"scheduled", "required", "on duty"};
        int cols[3] = {plot_series_color(0), plot_series_color(5), plot_series_color(2)};
        int sty[3] = {1, 2, 1};
        if (g == 0)
            legend_beside(y0, y1, leg, cols, sty, nl);
    }
    sim_free(buf);
    return plot_end(&cv, err) == SIM_OK ? 1 : -1;
}

/* ---- flow of needs between channels (flows.csv) ------------------------------------ */

static int chart_flows(const char *dir, plot_format f, const cJSON *summary, sim_error *err)
{
    out_table t;
    int ok = load(&t, dir, "flows.csv", err);
    if (ok <= 0)
        return ok;
    size_t cf = out_table_col(&t, "from"), ct = out_table_col(&t, "to"),
           cv_ = out_table_col(&t, "repeat_contacts"), cs = out_table_col(&t, "share_of_from");
    if (cf == SIZE_MAX || ct == SIZE_MAX || cv_ == SIZE_MAX || cs == SIZE_MAX) {
        out_table_free(&t);
        return missing_columns(err, "flows.csv");
    }
    char names[MAX_SERIES][NAME_LEN];
    size_t n = 0;
    /* Channel order: the scenario's (summary echo), so the matrix reads like the file. */
    const cJSON *echo = cJSON_GetObjectItemCaseSensitive(summary, "scenario_echo");
    const cJSON *ch;
    cJSON_ArrayForEach(ch, cJSON_GetObjectItemCaseSensitive(echo, "channels"))
    {
        const cJSON *nm = cJSON_GetObjectItemCaseSensitive(ch, "name");
        if (cJSON_IsString(nm))
            intern(names, &n, MAX_SERIES, nm->valuestring);
    }
    for (size_t r = 0; r < t.n_rows; r++) {
        intern(names, &n, MAX_SERIES, out_table_str(&t, r, cf));
        intern(names, &n, MAX_SERIES, out_table_str(&t, r, ct));
    }
    if (t.n_rows == 0 || n == 0) {
        out_table_free(&t);
        return 0;
    }
    double v[MAX_SERIES][MAX_SERIES], s[MAX_SERIES][MAX_SERIES], vmax = 0.0;
    memset(v, 0, sizeof v);
    memset(s, 0, sizeof s);
    for (size_t r = 0; r < t.n_rows; r++) {
        size_t a = intern(names, &n, MAX_SERIES, out_table_str(&t, r, cf));
        size_t b = intern(names, &n, MAX_SERIES, out_table_str(&t, r, ct));
        double x = out_table_num(&t, r, cv_);
        if (a == SIZE_MAX || b == SIZE_MAX || !isfinite(x))
            continue;
        v[a][b] = x;
        s[a][b] = out_table_num(&t, r, cs);
        if (x > vmax)
            vmax = x;
    }
    out_table_free(&t);
    int side = 680 + 56 * (int)n;
    plot_canvas cv;
    if (plot_begin(&cv, dir, "flows", f, side + 200, side, err) != SIM_OK)
        return -1;
    page_title("Where hopping goes: repeat contacts between channels",
               "cell: repeat contacts per replication from the row's channel (a contact that "
               "did not resolve its need) to the column's channel; % of the row's repeats");
    /* White to blue (colour map 1), by value / largest value. */
    PLFLT pos[2] = {0.0, 1.0}, rr[2] = {1.0, 0.0}, gg[2] = {1.0, 0.3}, bb[2] = {1.0, 0.6};
    plscmap1l(1, 2, pos, rr, gg, bb, NULL);
    double dn = (double)n;
    plvpor(0.2, 0.86, 0.17, 0.8);
    plwind(0.0, dn, 0.0, dn);
    for (size_t a = 0; a < n; a++) {
        for (size_t b = 0; b < n; b++) {
            double x0 = (double)b, y0 = dn - 1.0 - (double)a;
            PLFLT px[4] = {x0, x0 + 1, x0 + 1, x0}, py[4] = {y0, y0, y0 + 1, y0 + 1};
            double frac = vmax > 0.0 ? v[a][b] / vmax : 0.0;
            plcol1(frac);
            plfill(4, px, py);
            plcol0(PLOT_COL_GRID);
            plline(4, px, py);
            if (v[a][b] > 0.0) {
                /* two lines: the count, and the share of the row below it */
                char txt[64];
                snprintf(txt, sizeof txt, "%.0f", v[a][b]);
                plcol0(frac > 0.55 ? PLOT_COL_BG : PLOT_COL_FG);
                plschr(0.0, 1.05);
                plptex(x0 + 0.5, y0 + 0.55, 1.0, 0.0, 0.5, txt);
                if (isfinite(s[a][b])) {
                    snprintf(txt, sizeof txt, "%.0f%%", 100.0 * s[a][b]);
                    plschr(0.0, 0.85);
                    plptex(x0 + 0.5, y0 + 0.22, 1.0, 0.0, 0.5, txt);
                }
                plschr(0.0, 1.0);
            }
        }
    }
    plcol0(PLOT_COL_FG);
    plbox("bc", 0.0, 0, "bc", 0.0, 0);
    for (size_t i = 0; i < n; i++) {
        plschr(0.0, 1.1);
        plmtex("b", 1.5, ((double)i + 0.5) / dn, 0.5, names[i]);
        plmtex("lv", 1.0, (dn - (double)i - 0.5) / dn, 1.0, names[i]);
        plschr(0.0, 1.0);
    }
    plschr(0.0, 1.1);
    plmtex("b", 4.0, 0.5, 0.5, "to channel (the repeat contact)");
    plmtex("l", 9.0, 0.5, 0.5, "from channel (unresolved, abandoned, unanswered, failed)");
    plschr(0.0, 1.0);
    plot_colorbar(0.9, 0.925, 0.17, 0.8, vmax, "repeat contacts per replication");
    return plot_end(&cv, err) == SIM_OK ? 1 : -1;
}

/* ---- policy comparison (compare.csv) ------------------------------------------------ */

/* A share (drawn in percentage points): the KPI table's shares, and the cost model's SLA
 * service levels. */
static int is_share_kpi(const char *k)
{
    return cc_kpis_scale_of(k) == SIM_CI_LOGIT || strstr(k, "service_level") != NULL ||
           strstr(k, "share") != NULL;
}

static int chart_compare(const char *dir, plot_format f, sim_error *err)
{
    static const char *const headline[] = {
        "total.realtime_service_level_per_answered_abandoned",
        "total.realtime_abandoned_per_offered", "needs.resolved_per_ended",
        "needs.contacts_per_resolved_need",     "effort.score",
        "cost.year_eur",                        "needs.time_to_resolution_s",
        "needs.repeat_per_arrived"};
    static const char *const label[] = {
        "service level, real-time channels (pct points)",
        "abandoned of offered, real time (pct points)",
        "needs resolved of ended (pct points)",
        "contacts per resolved need",
        "customer effort score",
        "cost per year (EUR)",
        "time to resolution (s)",
        "repeat contacts of arrived (pct points)"};
    out_table t;
    int ok = load(&t, dir, "compare.csv", err);
    if (ok <= 0)
        return ok;
    size_t cp = out_table_col(&t, "policy"), ck = out_table_col(&t, "kpi"),
           cm = out_table_col(&t, "diff_mean"), cl = out_table_col(&t, "diff_lo"),
           ch = out_table_col(&t, "diff_hi"), cs = out_table_col(&t, "significant");
    if (cp == SIZE_MAX || ck == SIZE_MAX || cm == SIZE_MAX || cl == SIZE_MAX || ch == SIZE_MAX) {
        out_table_free(&t);
        return missing_columns(err, "compare.csv");
    }
    char pols[MAX_SERIES][NAME_LEN];
    size_t npol = 0;
    for (size_t r = 0; r < t.n_rows; r++)
        intern(pols, &npol, MAX_SERIES, out_table_str(&t, r, cp));
    size_t kp[4], np = 0;
    for (size_t k = 0; k < sizeof headline / sizeof headline[0] && np < 4; k++) {
        for (size_t r = 0; r < t.n_rows; r++) {
            if (strcmp(out_table_str(&t, r, ck), headline[k]) == 0 &&
                isfinite(out_table_num(&t, r, cm))) {
                kp[np++] = k;
                break;
            }
        }
    }
    if (np == 0 || npol == 0) {
        out_table_free(&t);
        return 0;
    }
    size_t rows = (np + 1) / 2;
    int ph = 140 + 34 * (int)npol;
    int h = 150 + (int)rows * ph;
    plot_canvas cv;
    if (plot_begin(&cv, dir, "compare", f, PLOT_CHARTS_WIDTH, h, err) != SIM_OK) {
        out_table_free(&t);
        return -1;
    }
    page_title("Policies vs the baseline: paired differences",
               "policy minus baseline with its confidence interval (common random numbers); "
               "blue: significant, grey: not significant");
    for (size_t q = 0; q < np; q++) {
        const char *kpi = headline[kp[q]];
        double scale = is_share_kpi(kpi) ? 100.0 : 1.0;
        double m[MAX_SERIES], lo[MAX_SERIES], hi[MAX_SERIES], y[MAX_SERIES];
        int sig[MAX_SERIES];
        double xmin = 0.0, xmax = 0.0;
        for (size_t p = 0; p < npol; p++) {
            m[p] = lo[p] = hi[p] = (double)NAN;
            sig[p] = 0;
            y[p] = (double)(npol - 1 - p);
        }
        for (size_t r = 0; r < t.n_rows; r++) {
            if (strcmp(out_table_str(&t, r, ck), kpi) != 0)
                continue;
            size_t p = intern(pols, &npol, MAX_SERIES, out_table_str(&t, r, cp));
            if (p == SIZE_MAX)
                continue;
            m[p] = scale * out_table_num(&t, r, cm);
            lo[p] = scale * out_table_num(&t, r, cl);
            hi[p] = scale * out_table_num(&t, r, ch);
            sig[p] = cs != SIZE_MAX && out_table_num(&t, r, cs) == 1.0;
            for (int j = 0; j < 3; j++) {
                double x = j == 0 ? m[p] : j == 1 ? lo[p] : hi[p];
                if (isfinite(x)) {
                    xmin = fmin(xmin, x);
                    xmax = fmax(xmax, x);
                }
            }
        }
        double pad = 0.08 * (xmax - xmin);
        if (!(pad > 0.0))
            pad = 1.0;
        size_t row = q / 2, col = q % 2;
        double top = 1.0 - 100.0 / h - (double)row * ph / h;
        double vy1 = top - 30.0 / h, vy0 = top - (ph - 40.0) / h;
        double vx0 = col == 0 ? 0.17 : 0.66, vx1 = col == 0 ? 0.47 : 0.96;
        char ktitle[200];
        (void)out_label_kpi(kpi, ktitle, sizeof ktitle);
        plot_panel(vx0, vx1, vy0, vy1, xmin - pad, xmax + pad, -0.7, (double)npol - 0.3, 0.0,
                   label[kp[q]], "", ktitle);
        PLFLT bx[1], by[1];
        double zx[2] = {0.0, 0.0}, zy[2] = {-0.7, (double)npol - 0.3};
        plot_line(zx, zy, 2, PLOT_COL_FG, 1.0, 2);
        for (size_t p = 0; p < npol; p++) {
            if (!isfinite(m[p]))
                continue;
            int colr = sig[p] ? plot_series_color(0) : plot_series_color(6);
            plcol0(colr);
            plwidth(2.5);
            if (isfinite(lo[p]) && isfinite(hi[p]))
                plerrx(1, &lo[p], &hi[p], &y[p]);
            plwidth(1.0);
            bx[0] = m[p];
            by[0] = y[p];
            plssym(0.0, 1.6);
            plpoin(1, bx, by, 17);
            plssym(0.0, 1.0);
        }
        plcol0(PLOT_COL_FG);
        /* Policy names in a viewport left of the panel with the same y window (text outside
         * the panel's own viewport would be clipped). */
        plvpor(vx0 - 0.16, vx0 - 0.005, vy0, vy1);
        plwind(0.0, 1.0, -0.7, (double)npol - 0.3);
        plschr(0.0, 0.9);
        for (size_t p = 0; p < npol; p++)
            plptex(1.0, y[p], 1.0, 0.0, 1.0, pols[p]);
        plschr(0.0, 1.0);
    }
    out_table_free(&t);
    return plot_end(&cv, err) == SIM_OK ? 1 : -1;
}

/* ---- channel mix per year (roadmap.csv) --------------------------------------------- */

static int chart_channel_mix(const char *dir, plot_format f, sim_error *err)
{
    out_table t;
    int ok = load(&t, dir, "roadmap.csv", err);
    if (ok <= 0)
        return ok;
    size_t cy = out_table_col(&t, "year");
    size_t mix[MAX_SERIES], nch = 0;
    char names[MAX_SERIES][NAME_LEN];
    for (size_t c = 0; c < t.n_cols && nch < MAX_SERIES; c++) {
        if (strncmp(t.cells[c], "expected_mix.", 13) == 0) {
            snprintf(names[nch], NAME_LEN, "%s", t.cells[c] + 13);
            mix[nch++] = c;
        }
    }
    if (cy == SIZE_MAX || nch == 0) {
        out_table_free(&t);
        return missing_columns(err, "roadmap.csv");
    }
    size_t ny = t.n_rows;
    if (ny == 0) {
        out_table_free(&t);
        return 0;
    }
    plot_canvas cv;
    if (plot_begin(&cv, dir, "channel_mix", f, PLOT_CHARTS_WIDTH, 700, err) != SIM_OK) {
        out_table_free(&t);
        return -1;
    }
    page_title("Channel mix per year",
               "share of first contacts by channel, from the roadmap's segment shares and "
               "channel preferences (roadmap.csv)");
    double y0 = out_table_num(&t, 0, cy), y1 = out_table_num(&t, ny - 1, cy);
    plot_panel(0.08, 0.78, 0.12, 0.85, y0 - 0.6, y1 + 0.6, 0.0, 100.0, 1.0, "year",
               "share of first contacts (%)", NULL);
    for (size_t r = 0; r < ny; r++) {
        double yr = out_table_num(&t, r, cy), acc = 0.0;
        for (size_t c = 0; c < nch; c++) {
            double v = out_table_num(&t, r, mix[c]);
            if (!isfinite(v) || v <= 0.0)
                continue;
            PLFLT px[4] = {yr - 0.35, yr + 0.35, yr + 0.35, yr - 0.35};
            PLFLT py[4] = {100.0 * acc, 100.0 * acc, 100.0 * (acc + v), 100.0 * (acc + v)};
            plcol0(plot_series_color(c));
            plfill(4, px, py);
            plcol0(PLOT_COL_BG);
            plline(4, px, py);
            if (v >= 0.04) {
                char txt[16];
                snprintf(txt, sizeof txt, "%.0f%%", 100.0 * v);
                plcol0(PLOT_COL_BG);
                plschr(0.0, 0.85);
                plptex(yr, 100.0 * (acc + v / 2) - 1.2, 1.0, 0.0, 0.5, txt);
                plschr(0.0, 1.0);
            }
            acc += v;
        }
    }
    /* Legend to the right of the panel, top entry = top of the stack. */
    const char *leg[MAX_SERIES];
    int cols[MAX_SERIES];
    for (size_t c = 0; c < nch; c++) {
        leg[c] = names[nch - 1 - c];
        cols[c] = plot_series_color(nch - 1 - c);
    }
    plvpor(0.8, 0.99, 0.12, 0.85);
    plwind(0.0, 1.0, 0.0, 1.0);
    plot_legend(leg, cols, NULL, nch, 1, 0);
    out_table_free(&t);
    return plot_end(&cv, err) == SIM_OK ? 1 : -1;
}

/* ---- costs per year (costs.csv) ----------------------------------------------------- */

static int chart_costs(const char *dir, plot_format f, sim_error *err)
{
    out_table t;
    int ok = load(&t, dir, "costs.csv", err);
    if (ok <= 0)
        return ok;
    size_t ct = out_table_col(&t, "table"), ck = out_table_col(&t, "key"),
           cy = out_table_col(&t, "year"), cv_ = out_table_col(&t, "value");
    if (ct == SIZE_MAX || ck == SIZE_MAX || cy == SIZE_MAX || cv_ == SIZE_MAX) {
        out_table_free(&t);
        return missing_columns(err, "costs.csv");
    }
    enum { MAXY = 64 };
    double years[MAXY], onp[MAXY], cloud[MAXY];
    size_t ny = 0;
    double split[3] = {0.0, 0.0, 0.0}; /* in-house people, outsourced, platform */
    int base_year = 0, have_lines = 0;
    for (size_t r = 0; r < t.n_rows; r++) {
        const char *tb = out_table_str(&t, r, ct), *key = out_table_str(&t, r, ck);
        double yr = out_table_num(&t, r, cy), v = out_table_num(&t, r, cv_);
        if (!isfinite(v))
            continue;
        if (strcmp(tb, "line") == 0) {
            cost_tco_delivery kind = cost_tco_line_delivery(key);
            split[kind] += v;
            base_year = (int)yr;
            have_lines = 1;
        } else if ((strcmp(tb, "tco_on_premise") == 0 || strcmp(tb, "tco_cloud") == 0) &&
                   strcmp(key, "cash") == 0 && isfinite(yr)) {
            size_t y = 0;
            while (y < ny && years[y] != yr)
                y++;
            if (y == ny) {
                if (ny >= MAXY)
                    continue;
                years[ny] = yr;
                onp[ny] = cloud[ny] = (double)NAN;
                ny++;
            }
            if (strcmp(tb, "tco_cloud") == 0)
                cloud[y] = v / 1e6;
            else
                onp[y] = v / 1e6;
        }
    }
    out_table_free(&t);
    if (ny == 0 && !have_lines)
        return 0;
    plot_canvas cv;
    if (plot_begin(&cv, dir, "costs", f, PLOT_CHARTS_WIDTH, 620, err) != SIM_OK)
        return -1;
    page_title("Cost per year: on-premise vs cloud, in-house vs outsourced",
               "left: cash out per year of each platform strategy (people included); right: "
               "the base year's cost by who delivers it (costs.csv)");
    if (ny > 0) {
        double ymax = 0.0;
        for (size_t y = 0; y < ny; y++)
            ymax = fmax(ymax, fmax(isfinite(onp[y]) ? onp[y] : 0, isfinite(cloud[y]) ? cloud[y] : 0));
        plot_panel(0.08, 0.55, 0.12, 0.82, years[0] - 0.6, years[ny - 1] + 0.6, 0.0, ymax * 1.25,
                   1.0, "year", "cash out (million EUR per year)", "on-premise vs cloud");
        for (size_t y = 0; y < ny; y++) {
            double v2[2] = {onp[y], cloud[y]};
            for (int s = 0; s < 2; s++) {
                if (!isfinite(v2[s]))
                    continue;
                double x0 = years[y] - 0.38 + 0.38 * s;
                PLFLT px[4] = {x0, x0 + 0.36, x0 + 0.36, x0}, py[4] = {0, 0, v2[s], v2[s]};
                plcol0(plot_series_color(s == 0 ? 5 : 0));
                plfill(4, px, py);
            }
        }
        const char *leg[2] = {"on-premise", "cloud"};
        int cols[2] = {plot_series_color(5), plot_series_color(0)};
        plot_legend(leg, cols, NULL, 2, 1, 0);
    }
    if (have_lines) {
        static const char *const names[3] = {"in-house people", "outsourced", "platform / IT"};
        double ymax = fmax(split[0], fmax(split[1], split[2])) / 1e6;
        char title[80];
        snprintf(title, sizeof title, "cost by delivery, %d", base_year);
        /* Bars at x = 1, 2, 3 in [0.4, 3.6]; a major tick step of 100 puts no number on the
         * x axis (the categories are labelled below it). */
        plot_panel(0.64, 0.97, 0.12, 0.82, 0.4, 3.6, 0.0, ymax > 0 ? ymax * 1.2 : 1.0, 100.0,
                   NULL, "million EUR per year", title);
        double total = split[0] + split[1] + split[2];
        for (int i = 0; i < 3; i++) {
            double v = split[i] / 1e6;
            double xc = i + 1.0;
            PLFLT px[4] = {xc - 0.35, xc + 0.35, xc + 0.35, xc - 0.35}, py[4] = {0, 0, v, v};
            plcol0(plot_series_color((size_t)(i == 0 ? 2 : i == 1 ? 1 : 6)));
            plfill(4, px, py);
            plcol0(PLOT_COL_FG);
            char txt[48];
            snprintf(txt, sizeof txt, "%.2f (%.0f%%)", v, total > 0 ? 100.0 * split[i] / total : 0.0);
            plptex(xc, v + 0.03 * (ymax > 0 ? ymax : 1.0), 1.0, 0.0, 0.5, txt);
            plmtex("b", 1.5, (i + 0.6) / 3.2, 0.5, names[i]);
        }
    }
    return plot_end(&cv, err) == SIM_OK ? 1 : -1;
}

/* ---- sweep (sweep.csv) --------------------------------------------------------------- */

/* Up to four KPIs over the first swept path, one series per value of the second (if any),
 * each point with its confidence interval. */
static int chart_sweep(const char *dir, plot_format f, sim_error *err)
{
    static const char *const pref[] = {"total.realtime_service_level_per_answered_abandoned",
                                       "total.realtime_abandoned_per_offered",
                                       "cost.year_eur",
                                       "cost.per_answered_contact_eur",
                                       "needs.resolved_per_ended"};
    static const char *const suffix[] = {"." CC_KPI_SERVICE_LEVEL, "." CC_KPI_ABANDONMENT,
                                         ".asa_s", ".occupancy"};
    out_table t;
    int ok = load(&t, dir, "sweep.csv", err);
    if (ok <= 0)
        return ok;
    /* the swept paths: after `point`, before `n` */
    size_t c0 = out_table_col(&t, "point"), cn = out_table_col(&t, "n");
    if (c0 == SIZE_MAX || cn == SIZE_MAX || cn < c0 + 2 || t.n_rows == 0) {
        int empty = t.n_rows == 0;
        out_table_free(&t);
        return empty ? 0 : missing_columns(err, "sweep.csv");
    }
    size_t cx = c0 + 1, cz = cn > c0 + 2 ? c0 + 2 : SIZE_MAX;
    size_t kcol[4], nk = 0;
    char kname[4][NAME_LEN * 2];
    for (size_t i = 0; i < sizeof pref / sizeof pref[0] && nk < 4; i++) {
        char col[160];
        snprintf(col, sizeof col, "%s_mean", pref[i]);
        size_t c = out_table_col(&t, col);
        int flat = 1; /* a KPI that is 0 or missing at every point says nothing */
        for (size_t r = 0; c != SIZE_MAX && r < t.n_rows; r++) {
            double v = out_table_num(&t, r, c);
            flat &= !(isfinite(v) && v != 0.0);
        }
        if (c != SIZE_MAX && !flat) {
            snprintf(kname[nk], sizeof kname[0], "%s", pref[i]);
            kcol[nk++] = c;
        }
    }
    for (size_t j = 0; j < sizeof suffix / sizeof suffix[0] && nk < 4; j++) {
        for (size_t c = cn + 1; c < t.n_cols && nk < 4; c++) {
            const char *h = t.cells[c];
            size_t hl = strlen(h), sl = strlen(suffix[j]);
            if (hl > sl + 5 && strcmp(h + hl - 5, "_mean") == 0 &&
                strncmp(h + hl - 5 - sl, suffix[j], sl) == 0 && strncmp(h, "channel.", 8) == 0) {
                snprintf(kname[nk], sizeof kname[0], "%.*s", (int)(hl - 5), h);
                kcol[nk++] = c;
                break;
            }
        }
    }
    if (nk == 0) {
        out_table_free(&t);
        return 0;
    }
    char zs[PLOT_SERIES_COLORS][NAME_LEN];
    size_t nz = 0;
    for (size_t r = 0; r < t.n_rows; r++)
        intern(zs, &nz, PLOT_SERIES_COLORS, cz != SIZE_MAX ? out_table_str(&t, r, cz) : "");
    double xmin = (double)INFINITY, xmax = -(double)INFINITY;
    for (size_t r = 0; r < t.n_rows; r++) {
        double x = out_table_num(&t, r, cx);
        if (isfinite(x)) {
            xmin = fmin(xmin, x);
            xmax = fmax(xmax, x);
        }
    }
    size_t rows = (nk + 1) / 2;
    const int ph = 330;
    int h = 150 + (int)rows * ph;
    plot_canvas cv;
    if (plot_begin(&cv, dir, "sweep", f, PLOT_CHARTS_WIDTH, h, err) != SIM_OK) {
        out_table_free(&t);
        return -1;
    }
    char sub[300];
    snprintf(sub, sizeof sub, "mean over the replications with its confidence interval at each "
             "point of the grid (sweep.csv)%s%s",
             cz != SIZE_MAX ? "; one line per value of " : "", cz != SIZE_MAX ? t.cells[cz] : "");
    page_title("Sweep: KPIs over the grid", sub);
    double pad = xmax > xmin ? 0.05 * (xmax - xmin) : 0.5;
    for (size_t q = 0; q < nk; q++) {
        int share = is_share_kpi(kname[q]);
        double scale = share ? 100.0 : strstr(kname[q], "year_eur") != NULL ? 1e-6 : 1.0;
        double ylo = (double)INFINITY, yhi = -(double)INFINITY;
        for (size_t r = 0; r < t.n_rows; r++)
            for (size_t j = 0; j < 3; j++) {
                double v = scale * out_table_num(&t, r, kcol[q] + j);
                if (isfinite(v)) {
                    ylo = fmin(ylo, v);
                    yhi = fmax(yhi, v);
                }
            }
        if (!isfinite(ylo)) {
            ylo = 0.0;
            yhi = 1.0;
        }
        double ypad = yhi > ylo ? 0.1 * (yhi - ylo) : 1.0;
        size_t row = q / 2, col = q % 2;
        double top = 1.0 - 110.0 / h - (double)row * ph / h;
        double vy1 = top - 30.0 / h, vy0 = top - (ph - 60.0) / h;
        double vx0 = col == 0 ? 0.08 : 0.56, vx1 = col == 0 ? 0.44 : 0.92;
        char title[200];
        out_label_kind kind = out_label_kpi(kname[q], title, sizeof title);
        const char *ylabel = share ? "%" : scale < 1 ? "million EUR"
                             : kind == OUT_LABEL_EUR || kind == OUT_LABEL_EUR_CENTS ? "EUR"
                             : kind == OUT_LABEL_SECONDS ? "s" : "value";
        plot_panel(vx0, vx1, vy0, vy1, xmin - pad, xmax + pad, share ? fmax(0.0, ylo - ypad) : ylo - ypad,
                   share ? fmin(100.0, yhi + ypad) : yhi + ypad, 0.0, t.cells[cx], ylabel, title);
        for (size_t z = 0; z < nz; z++) {
            double xs[256], ys[256];
            size_t m = 0;
            for (size_t r = 0; r < t.n_rows && m < 256; r++) {
                if (strcmp(cz != SIZE_MAX ? out_table_str(&t, r, cz) : "", zs[z]) != 0)
                    continue;
                double x = out_table_num(&t, r, cx), y = scale * out_table_num(&t, r, kcol[q]);
                double lo = scale * out_table_num(&t, r, kcol[q] + 1),
                       hi = scale * out_table_num(&t, r, kcol[q] + 2);
                xs[m] = x;
                ys[m++] = y;
                if (isfinite(lo) && isfinite(hi) && isfinite(x)) {
                    plcol0(plot_series_color(z));
                    pllsty(1);
                    plerry(1, &x, &lo, &hi);
                }
            }
            plot_line(xs, ys, m, plot_series_color(z), 1.8, 1);
            plcol0(plot_series_color(z));
            plssym(0.0, 1.2);
            plpoin((PLINT)m, xs, ys, 17);
            plssym(0.0, 1.0);
        }
        if (q == 0 && cz != SIZE_MAX && nz > 1) {
            const char *leg[PLOT_SERIES_COLORS];
            int cols[PLOT_SERIES_COLORS];
            for (size_t z = 0; z < nz; z++) {
                leg[z] = zs[z];
                cols[z] = plot_series_color(z);
            }
            plot_legend(leg, cols, NULL, nz, 0, 0);
        }
    }
    out_table_free(&t);
    return plot_end(&cv, err) == SIM_OK ? 1 : -1;
}

/* ---- all ---------------------------------------------------------------------------- */

size_t plot_charts_draw(const char *dir, plot_format f, plot_charts_result *res)
{
    memset(res, 0, sizeof *res);
    cJSON *summary = load_summary(dir);
    scenario *scn = summary_scenario(summary);
    for (size_t i = 0; i < sizeof chart_names / sizeof chart_names[0]; i++) {
        sim_error err;
        sim_error_clear(&err);
        int r = 0;
        switch (i) {
        case 0: r = chart_service_level(dir, f, summary, scn, &err); break;
        case 1: r = chart_agents(dir, f, summary, scn, &err); break;
        case 2: r = chart_coverage(dir, f, summary, &err); break;
        case 3: r = chart_flows(dir, f, summary, &err); break;
        case 4: r = chart_compare(dir, f, &err); break;
        case 5: r = chart_channel_mix(dir, f, &err); break;
        case 6: r = chart_costs(dir, f, &err); break;
        default: r = chart_sweep(dir, f, &err); break;
        }
        if (r > 0 && res->n_drawn < PLOT_CHARTS_MAX)
            snprintf(res->drawn[res->n_drawn++], sizeof res->drawn[0], "%s.%s", chart_names[i],
                     plot_format_ext(f));
        else if (r < 0 && res->n_failed < PLOT_CHARTS_MAX)
            res->failed[res->n_failed++] = err;
    }
    scenario_free(scn);
    cJSON_Delete(summary);
    return res->n_drawn;
}
