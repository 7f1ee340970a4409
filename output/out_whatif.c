/* out_whatif.c -- the JSON answers of the browser workbench (out_whatif.h). */
#define _GNU_SOURCE /* open_memstream, mkdtemp */
#include "out_whatif.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cc_result.h"
#include "demand.h"
#include "out_json.h"
#include "out_label.h"
#include "out_file.h"
#include "out_run.h"
#include "plot_charts.h"
#include "report.h"
#include "sim_alloc.h"

/* The CSV tables the page draws from: the names are out_run_files' own. */
static const char *const whatif_tables[] = {"intervals.csv", "pools.csv", "flows.csv"};

/* cJSON's text back into our allocator's ownership (callers free with sim_free). */
static char *print_owned(cJSON *root)
{
    char *text = root != NULL ? cJSON_PrintUnformatted(root) : NULL;
    cJSON_Delete(root);
    if (text == NULL)
        return NULL;
    char *own = sim_strdup(text);
    cJSON_free(text);
    return own;
}

/* One table's CSV text through its file writer, or NULL. */
static char *table_text(const out_run_file *f, const out_run_data *d)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    if (fp == NULL)
        return NULL;
    int bad = f->write(fp, d) != 0;
    if (fclose(fp) != 0 || bad) {
        free(buf); /* open_memstream's buffer is the C library's, not sim_alloc's */
        return NULL;
    }
    return buf;
}

/* A number, or null for NaN (JSON has no NaN). */
static cJSON *num_or_null(double x)
{
    return isfinite(x) ? cJSON_CreateNumber(x) : cJSON_CreateNull();
}

/* {"cost.total_eur": {"mean", "lo", "hi"}, ...}: the cost KPIs with their intervals. */
static cJSON *cost_object(const cc_summary *cost)
{
    cJSON *o = cJSON_CreateObject();
    for (size_t k = 0; o != NULL && k < cost->n_kpis; k++) {
        cJSON *v = cJSON_CreateObject();
        if (v == NULL || !cJSON_AddItemToObject(o, cost->names[k], v)) {
            cJSON_Delete(v);
            cJSON_Delete(o);
            return NULL;
        }
        cJSON_AddItemToObject(v, "mean", num_or_null(cost->ci[k].mean));
        cJSON_AddItemToObject(v, "lo", num_or_null(cost->ci[k].lo));
        cJSON_AddItemToObject(v, "hi", num_or_null(cost->ci[k].hi));
    }
    return o;
}

static cJSON *result_object(const whatif_result *r)
{
    out_json_info info = {"contact-center", r->scn->name, r->scn->source_path, r->seed,
                          (double)r->scn->horizon_days, r->scn->interval_s, NULL, 0, NULL, 0};
    char *summary = out_json_summary(&info, r->sum, r->reps, r->scn);
    cJSON *o = cJSON_CreateObject();
    cJSON *tables = cJSON_CreateObject(), *warnings = cJSON_CreateArray();
    int ok = summary != NULL && o != NULL && tables != NULL && warnings != NULL;
    if (ok) {
        cJSON_AddTrueToObject(o, "ok");
        cJSON_AddNumberToObject(o, "seed", (double)r->seed);
        cJSON_AddNumberToObject(o, "replications", (double)r->n_reps);
        /* the summary is already JSON text: embedded as it is, not parsed again */
        ok = cJSON_AddRawToObject(o, "summary", summary) != NULL;
    }
    size_t n_files;
    const out_run_file *files = out_run_files(&n_files);
    out_run_data d = {r->sum, r->reps, r->n_reps, r->scn};
    for (size_t t = 0; ok && t < sizeof whatif_tables / sizeof whatif_tables[0]; t++) {
        for (size_t f = 0; f < n_files; f++) {
            if (strcmp(files[f].name, whatif_tables[t]) != 0)
                continue;
            char *text = table_text(&files[f], &d);
            ok = text != NULL && cJSON_AddStringToObject(tables, whatif_tables[t], text) != NULL;
            free(text);
        }
    }
    char msg[512];
    for (size_t c = 0; ok && c < r->scn->n_channels; c++) {
        if (demand_closed_warning(r->scn, c, msg, sizeof msg))
            ok = cJSON_AddItemToArray(warnings, cJSON_CreateString(msg));
        if (ok && cc_summary_lost_warning(r->sum, r->scn, c, msg, sizeof msg))
            ok = cJSON_AddItemToArray(warnings, cJSON_CreateString(msg));
    }
    sim_free(summary);
    cJSON *costs = ok ? cost_object(r->cost) : NULL;
    ok = ok && costs != NULL;
    if (ok) {
        cJSON_AddItemToObject(o, "costs", costs);
        cJSON_AddItemToObject(o, "tables", tables);
        cJSON_AddItemToObject(o, "warnings", warnings);
        return o;
    }
    cJSON_Delete(o);
    cJSON_Delete(tables);
    cJSON_Delete(warnings);
    return NULL;
}

char *out_whatif_result_json(const whatif_result *r)
{
    return print_owned(result_object(r));
}

static int add_difference(cJSON *list, const whatif_result *a, const whatif_result *b,
                          const char *kpi)
{
    sim_ci d;
    sim_error err;
    sim_error_clear(&err);
    if (whatif_paired_diff(a, b, kpi, a->sum->level, &d, &err) != SIM_OK)
        return 1; /* not in both (a channel the page removed): no row */
    if (d.n == 0)
        return 1; /* undefined in every replication (no abandonment on a deferred channel) */
    int cost = strncmp(kpi, "cost.", 5) == 0;
    const cc_summary *sa = cost ? a->cost : a->sum, *sb = cost ? b->cost : b->sum;
    size_t ka = cc_summary_find(sa, kpi), kb = cc_summary_find(sb, kpi);
    cJSON *row = cJSON_CreateObject();
    if (row == NULL || !cJSON_AddItemToArray(list, row))
        return 0;
    char label[256];
    out_label_kind kind = out_label_kpi(kpi, label, sizeof label);
    cJSON_AddStringToObject(row, "kpi", kpi);
    cJSON_AddStringToObject(row, "label", label);
    cJSON_AddStringToObject(row, "unit", kind == OUT_LABEL_SHARE     ? "share"
                                         : kind == OUT_LABEL_SECONDS ? "s"
                                         : kind == OUT_LABEL_EUR || kind == OUT_LABEL_EUR_CENTS
                                             ? "eur"
                                             : "");
    cJSON_AddItemToObject(row, "a", num_or_null(sa->ci[ka].mean));
    cJSON_AddItemToObject(row, "b", num_or_null(sb->ci[kb].mean));
    cJSON_AddItemToObject(row, "mean", num_or_null(d.mean));
    cJSON_AddItemToObject(row, "lo", num_or_null(d.lo));
    cJSON_AddItemToObject(row, "hi", num_or_null(d.hi));
    cJSON_AddBoolToObject(row, "significant", sim_ci_excludes_zero(&d));
    return 1;
}

char *out_whatif_compare_json(const whatif_result *a, const whatif_result *b)
{
    static const char *const channel_kpis[] = {"service_level_per_answered_abandoned", "asa_s",
                                               "abandoned_per_offered", "occupancy"};
    cJSON *root = cJSON_CreateObject();
    cJSON *ra = result_object(a), *rb = result_object(b), *list = cJSON_CreateArray();
    int ok = root != NULL && ra != NULL && rb != NULL && list != NULL;
    if (ok) {
        cJSON_AddTrueToObject(root, "ok");
        cJSON_AddItemToObject(root, "a", ra);
        cJSON_AddItemToObject(root, "b", rb);
        cJSON_AddItemToObject(root, "differences", list);
        ra = rb = list = NULL;
    }
    char kpi[CC_KPI_NAME_MAX];
    for (size_t c = 0; ok && c < a->scn->n_channels; c++) {
        for (size_t k = 0; ok && k < sizeof channel_kpis / sizeof channel_kpis[0]; k++) {
            snprintf(kpi, sizeof kpi, "channel.%s.%s", a->scn->channels[c].name,
                     channel_kpis[k]);
            ok = add_difference(cJSON_GetObjectItem(root, "differences"), a, b, kpi);
        }
    }
    for (size_t g = 0; ok && g < a->scn->n_groups; g++) {
        snprintf(kpi, sizeof kpi, "pool.%s.occupancy", a->scn->groups[g].name);
        ok = add_difference(cJSON_GetObjectItem(root, "differences"), a, b, kpi);
    }
    static const char *const cost_kpis[] = {"cost.year_eur", "cost.per_answered_contact_eur"};
    for (size_t k = 0; ok && k < sizeof cost_kpis / sizeof cost_kpis[0]; k++)
        ok = add_difference(cJSON_GetObjectItem(root, "differences"), a, b, cost_kpis[k]);
    cJSON_Delete(ra);
    cJSON_Delete(rb);
    cJSON_Delete(list);
    if (!ok) {
        cJSON_Delete(root);
        return NULL;
    }
    return print_owned(root);
}

char *out_whatif_errors_json(sim_status st, const scenario_diag *diag, const sim_error *err)
{
    cJSON *root = cJSON_CreateObject(), *list = cJSON_CreateArray();
    if (root == NULL || list == NULL) {
        cJSON_Delete(root);
        cJSON_Delete(list);
        return NULL;
    }
    cJSON_AddFalseToObject(root, "ok");
    cJSON_AddStringToObject(root, "status", sim_status_name(st));
    cJSON_AddItemToObject(root, "errors", list);
    size_t n = diag != NULL ? scenario_diag_count(diag) : 0;
    for (size_t i = 0; i <= n; i++) {
        const char *path, *message;
        int line = 0, column = 0;
        if (i < n) {
            const scenario_diag_entry *e = scenario_diag_get(diag, i);
            path = e->path, message = e->message, line = e->line, column = e->column;
        } else if (n == 0 && err != NULL && err->code != SIM_OK) {
            path = err->path, message = err->message, line = err->line, column = err->column;
        } else if (n == 0) {
            path = "", message = sim_status_name(st);
        } else {
            break;
        }
        cJSON *row = cJSON_CreateObject();
        if (row == NULL || !cJSON_AddItemToArray(list, row)) {
            cJSON_Delete(root);
            return NULL;
        }
        cJSON_AddStringToObject(row, "path", path);
        cJSON_AddNumberToObject(row, "line", line);
        cJSON_AddNumberToObject(row, "column", column);
        cJSON_AddStringToObject(row, "message", message);
    }
    return print_owned(root);
}

/* PLplot keeps global state: one report is drawn at a time, whatever the connection. */
static pthread_mutex_t whatif_plot_lock = PTHREAD_MUTEX_INITIALIZER;

/* Remove the scratch directory and the files in it (no subdirectories are made). */
static void remove_scratch(const char *dir)
{
    DIR *d = opendir(dir);
    if (d != NULL) {
        char path[OUT_FILE_PATH_MAX + 256];
        for (struct dirent *e; (e = readdir(d)) != NULL;) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            unlink(path);
        }
        closedir(d);
    }
    rmdir(dir);
}

char *out_whatif_report(const whatif_result *r, size_t *len, sim_error *err)
{
    const char *tmp = getenv("TMPDIR");
    char dir[OUT_FILE_PATH_MAX];
    snprintf(dir, sizeof dir, "%s/omnisim-serve.XXXXXX", tmp != NULL && tmp[0] ? tmp : "/tmp");
    if (mkdtemp(dir) == NULL) {
        sim_error_set(err, SIM_EIO, "report", "cannot make a scratch directory in %s",
                      tmp != NULL && tmp[0] ? tmp : "/tmp");
        return NULL;
    }
    out_json_info info = {"contact-center", r->scn->name, r->scn->source_path, r->seed,
                          (double)r->scn->horizon_days, r->scn->interval_s, NULL, 0, NULL, 0};
    char *summary = out_json_summary(&info, r->sum, r->reps, r->scn);
    sim_status st = summary != NULL ? out_file_write(dir, "summary.json", summary,
                                                     strlen(summary), err)
                                    : sim_error_set(err, SIM_ENOMEM, "report", "out of memory");
    sim_free(summary);
    size_t n_files;
    const out_run_file *files = out_run_files(&n_files);
    out_run_data d = {r->sum, r->reps, r->n_reps, r->scn};
    for (size_t f = 0; st == SIM_OK && f < n_files; f++) {
        out_file_tx tx;
        st = out_file_begin(&tx, dir, files[f].name, err);
        if (st != SIM_OK)
            break;
        if (files[f].write(tx.fp, &d) != 0) {
            out_file_abort(&tx);
            st = sim_error_set(err, SIM_EIO, "report", "cannot write %s", files[f].name);
        } else {
            st = out_file_commit(&tx, err);
        }
    }
    char *html = NULL;
    if (st == SIM_OK) {
        pthread_mutex_lock(&whatif_plot_lock);
        plot_charts_result charts;
        plot_charts_draw(dir, PLOT_PNG, &charts);
        st = report_write(dir, err);
        pthread_mutex_unlock(&whatif_plot_lock);
    }
    if (st == SIM_OK) {
        char path[OUT_FILE_PATH_MAX + 16];
        snprintf(path, sizeof path, "%s/report.html", dir);
        FILE *fp = fopen(path, "rb");
        long n = -1;
        if (fp != NULL && fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) >= 0 &&
            fseek(fp, 0, SEEK_SET) == 0 && (html = sim_malloc((size_t)n + 1)) != NULL &&
            fread(html, 1, (size_t)n, fp) == (size_t)n) {
            html[n] = '\0';
            *len = (size_t)n;
        } else {
            sim_free(html);
            html = NULL;
            sim_error_set(err, SIM_EIO, "report", "cannot read the report back");
        }
        if (fp != NULL)
            fclose(fp);
    }
    remove_scratch(dir);
    return html;
}
