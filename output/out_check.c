/* out_check.c -- see out_check.h. */
#include "out_check.h"

#include <math.h>
#include <string.h>

static const out_check *ctx_of(const out_rows_cursor *c)
{
    return c->ctx;
}

static const check_entry *entry_of(const out_rows_cursor *c)
{
    return &ctx_of(c)->rep->entries[c->row];
}

static const char *status_word(check_status s)
{
    switch (s) {
    case CHECK_WITHIN: return "within";
    case CHECK_DRIFT: return "drift";
    case CHECK_MISSING: return "missing";
    case CHECK_ADDED: return "added";
    }
    return "?";
}

static size_t n_entries(const void *ctx, const out_rows_cursor *parent)
{
    (void)parent;
    return ((const out_check *)ctx)->rep->n_moved;
}

static void get_name(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = entry_of(c)->name;
}

static void get_status(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = status_word(entry_of(c)->status);
}

static void get_base(const out_rows_cursor *c, out_rows_value *v)
{
    v->num = entry_of(c)->base;
}

static void get_current(const out_rows_cursor *c, out_rows_value *v)
{
    v->num = entry_of(c)->current;
}

static void get_change(const out_rows_cursor *c, out_rows_value *v)
{
    v->num = entry_of(c)->delta;
}

static void get_allowed(const out_rows_cursor *c, out_rows_value *v)
{
    v->num = entry_of(c)->allowed;
}

static void get_tolerance(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = check_tolerance_format(&entry_of(c)->tol, v->buf, sizeof v->buf);
}

static void get_pattern(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = entry_of(c)->tol.pattern;
}

static const out_rows_field entry_fields[] = {
    {.name = "name", .unit = "text",
     .doc = "the value: `staff.<channel>.<day>.<hh:mm>` or a KPI name", .kind = OUT_ROWS_TEXT,
     .get = get_name},
    {.name = "status", .unit = "text",
     .doc = "`within`, `drift`, `missing` (not in this run) or `added` (not in the baseline)",
     .kind = OUT_ROWS_TEXT, .get = get_status},
    {.name = "baseline", .unit = "value's", .doc = "the baseline's value, null when absent",
     .kind = OUT_ROWS_NUM, .get = get_base},
    {.name = "current", .unit = "value's", .doc = "this run's value, null when absent",
     .kind = OUT_ROWS_NUM, .get = get_current},
    {.name = "change", .unit = "value's", .doc = "current - baseline, null when undefined",
     .kind = OUT_ROWS_NUM, .get = get_change},
    {.name = "allowed", .unit = "value's", .doc = "the absolute change the tolerance allows",
     .kind = OUT_ROWS_NUM, .get = get_allowed},
    {.name = "tolerance", .unit = "text", .doc = "the tolerance applied (`abs:X`, `rel:X`, ...)",
     .kind = OUT_ROWS_TEXT, .get = get_tolerance},
    {.name = "pattern", .unit = "text",
     .doc = "the pattern whose tolerance applied, empty when none matched (exact)",
     .kind = OUT_ROWS_TEXT, .get = get_pattern},
};

static const out_rows_table entry_table = {"check.json entries", entry_fields,
                                           sizeof entry_fields / sizeof entry_fields[0],
                                           n_entries};

static void get_verdict(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = ctx_of(c)->rep->n_drift > 0 ? "drift" : "ok";
}

static void get_scenario(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = ctx_of(c)->base->scenario;
}

static void get_compared(const out_rows_cursor *c, out_rows_value *v)
{
    v->count = ctx_of(c)->rep->n_compared;
}

static void get_moved(const out_rows_cursor *c, out_rows_value *v)
{
    v->count = ctx_of(c)->rep->n_moved;
}

static void get_drift(const out_rows_cursor *c, out_rows_value *v)
{
    v->count = ctx_of(c)->rep->n_drift;
}

static void get_skipped(const out_rows_cursor *c, out_rows_value *v)
{
    v->flag = ctx_of(c)->rep->kpis_skipped;
}

static const out_rows_field doc_fields[] = {
    {.name = "entries", .unit = "array", .doc = "the values that moved, worst first",
     .kind = OUT_ROWS_TABLE, .table = &entry_table},
    {.name = "status", .unit = "text", .doc = "`drift` when a value is beyond tolerance, else `ok`",
     .kind = OUT_ROWS_TEXT, .get = get_verdict},
    {.name = "scenario", .unit = "text", .doc = "the baseline's scenario",
     .kind = OUT_ROWS_TEXT, .get = get_scenario},
    {.name = "compared", .unit = "count", .doc = "values compared", .kind = OUT_ROWS_COUNT,
     .get = get_compared},
    {.name = "moved", .unit = "count", .doc = "values that moved (within tolerance or not)",
     .kind = OUT_ROWS_COUNT, .get = get_moved},
    {.name = "drift", .unit = "count", .doc = "values beyond tolerance, missing or added",
     .kind = OUT_ROWS_COUNT, .get = get_drift},
    {.name = "kpis_skipped", .unit = "bool", .doc = "KPIs not compared (`--no-sim`)",
     .kind = OUT_ROWS_BOOL, .get = get_skipped},
};

const out_rows_table out_check_doc = {"check.json", doc_fields,
                                      sizeof doc_fields / sizeof doc_fields[0], NULL};

int out_check_json(FILE *fp, const out_check *o)
{
    cJSON *doc = out_rows_json(&out_check_doc, o, OUT_ROWS_NATIVE);
    int rc = doc != NULL ? out_rows_json_print(fp, doc, 1) : -1;
    cJSON_Delete(doc);
    return rc;
}

static void fmt_num(char *buf, size_t n, double v)
{
    if (isnan(v))
        snprintf(buf, n, "-");
    else
        snprintf(buf, n, "%.6g", v);
}

static void print_entry(FILE *fp, const check_entry *e)
{
    char b[32], c[32], d[48], tol[64];
    fmt_num(b, sizeof b, e->base);
    fmt_num(c, sizeof c, e->current);
    if (e->status == CHECK_MISSING) {
        fprintf(fp, "  %-54s %12s %12s  %s\n", e->name, b, c,
                strncmp(e->name, "staff.", 6) == 0 ? "channel no longer staffed"
                                                   : "KPI missing from the results");
        return;
    }
    if (e->status == CHECK_ADDED) {
        fprintf(fp, "  %-54s %12s %12s  %s\n", e->name, b, c, "channel not in the baseline");
        return;
    }
    if (isnan(e->delta))
        snprintf(d, sizeof d, "defined -> undefined");
    else if (e->base != 0.0)
        snprintf(d, sizeof d, "%+.4g (%+.1f%%)", e->delta, 100.0 * e->delta / fabs(e->base));
    else
        snprintf(d, sizeof d, "%+.4g", e->delta);
    check_tolerance_format(&e->tol, tol, sizeof tol);
    char over[32] = "";
    if (e->status == CHECK_DRIFT && isfinite(e->excess))
        snprintf(over, sizeof over, ", %.1fx the allowed", e->excess);
    fprintf(fp, "  %-54s %12s %12s  %-22s %s (%s)%s\n", e->name, b, c, d, tol,
            e->tol.pattern[0] != '\0' ? e->tol.pattern : "no pattern", over);
}

static int is_staff(const check_entry *e)
{
    return strncmp(e->name, "staff.", 6) == 0;
}

/* The service-level target of the channel whose headline service level `name` is
 * ("channel.<ch>." CC_KPI_SERVICE_LEVEL), or NaN when it is not one or has no target. */
static double sl_target_of(const scenario *scn, const char *name)
{
    static const char head[] = "channel.", tail[] = "." CC_KPI_SERVICE_LEVEL;
    size_t n = strlen(name), nh = sizeof head - 1, nt = sizeof tail - 1;
    if (scn == NULL || n <= nh + nt || strncmp(name, head, nh) != 0 ||
        strcmp(name + n - nt, tail) != 0)
        return (double)NAN;
    for (size_t c = 0; c < scn->n_channels; c++) {
        const char *ch = scn->channels[c].name;
        if (strlen(ch) == n - nh - nt && strncmp(name + nh, ch, n - nh - nt) == 0)
            return scn->channels[c].sl_target > 0.0 ? scn->channels[c].sl_target : (double)NAN;
    }
    return (double)NAN;
}

static int below_target(const out_check *o, const check_entry *e)
{
    double target = sl_target_of(o->scn, e->name);
    return !isnan(target) && !isnan(e->current) && e->current < target;
}

/* "results:": the KPIs beyond tolerance, those now below the scenario's service-level
 * target first (each in the report's order, worst first), as "name  base -> current", with
 * the target when the channel has one; then how many KPIs moved within tolerance. */
static int print_results(FILE *fp, const out_check *o)
{
    const check_report *rep = o->rep;
    size_t drift = 0, within = 0;
    for (size_t i = 0; i < rep->n_moved; i++) {
        if (!is_staff(&rep->entries[i]))
            rep->entries[i].status == CHECK_WITHIN ? within++ : drift++;
    }
    if (drift + within == 0)
        return 0;
    fprintf(fp, "results:\n");
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < rep->n_moved; i++) {
            const check_entry *e = &rep->entries[i];
            if (is_staff(e) || e->status == CHECK_WITHIN || below_target(o, e) != (pass == 0))
                continue;
            char b[32], c[32], goal[96] = "";
            fmt_num(b, sizeof b, e->base);
            fmt_num(c, sizeof c, e->current);
            double target = sl_target_of(o->scn, e->name);
            if (!isnan(target) && !isnan(e->current))
                snprintf(goal, sizeof goal, ", %s its %.6g target",
                         e->current < target ? "below" : "meets", target);
            fprintf(fp, "  %s %s -> %s%s\n", e->name, b, c, goal);
        }
    }
    if (within > 0)
        fprintf(fp, "  %zu more KPIs moved within tolerance (details below)\n", within);
    return ferror(fp) ? -1 : 0;
}

/* "staffing:": for each of the baseline's staffed channels with changed intervals, how many
 * of the week's intervals changed and the largest change (the channel's first entry in the
 * report's order, which sorts by size of the change); then each entry about a whole channel
 * or the staffing interval. O(channels x moved). */
static int print_staff_groups(FILE *fp, const out_check *o)
{
    const check_report *rep = o->rep;
    const check_snapshot *base = o->base;
    int header = 0;
    for (size_t c = 0; c < base->n_channels; c++) {
        char prefix[SCENARIO_NAME_MAX + 8];
        size_t plen = (size_t)snprintf(prefix, sizeof prefix, "staff.%s.", base->channels[c]);
        const check_entry *largest = NULL;
        size_t changed = 0;
        for (size_t i = 0; i < rep->n_moved; i++) {
            if (strncmp(rep->entries[i].name, prefix, plen) != 0)
                continue;
            if (largest == NULL)
                largest = &rep->entries[i];
            changed++;
        }
        if (largest == NULL)
            continue;
        if (!header) {
            fprintf(fp, "staffing:\n");
            header = 1;
        }
        char b[32], cur[32];
        fmt_num(b, sizeof b, largest->base);
        fmt_num(cur, sizeof cur, largest->current);
        const char *when = largest->name + plen; /* "mon.10:30" */
        const char *dot = strchr(when, '.');
        int day_len = dot != NULL ? (int)(dot - when) : (int)strlen(when);
        fprintf(fp, "  %.*s: %zu of %zu intervals changed, largest %.*s %s %s -> %s\n",
                (int)(plen - 1), prefix, changed, 7 * base->intervals_per_day, day_len, when,
                dot != NULL ? dot + 1 : "", b, cur);
    }
    for (size_t i = 0; i < rep->n_moved; i++) {
        const check_entry *e = &rep->entries[i];
        if (!is_staff(e) || strchr(e->name + 6, '.') != NULL)
            continue;
        if (!header) {
            fprintf(fp, "staffing:\n");
            header = 1;
        }
        print_entry(fp, e);
    }
    return ferror(fp) ? -1 : 0;
}

int out_check_text(FILE *fp, const out_check *o)
{
    const check_snapshot *base = o->base;
    const check_report *rep = o->rep;
    fprintf(fp, "omnisim check: %s against %s (seed %llu, %zu replications)\n", base->scenario,
            o->baseline_path, (unsigned long long)base->seed, base->replications);
    if (rep->n_drift > 0)
        fprintf(fp, "DRIFT: %zu of %zu values beyond tolerance (%zu moved in all)\n",
                rep->n_drift, rep->n_compared, rep->n_moved);
    else
        fprintf(fp, "OK: %zu values compared, all within tolerance (%zu moved)\n",
                rep->n_compared, rep->n_moved);
    if (rep->kpis_skipped)
        fprintf(fp, "note: KPIs not compared (--no-sim); staffing only\n");
    if (rep->n_moved == 0)
        return ferror(fp) ? -1 : 0;
    if (print_results(fp, o) != 0 || print_staff_groups(fp, o) != 0)
        return -1;
    fprintf(fp, "details:\n");
    fprintf(fp, "  %-54s %12s %12s  %-22s %s\n", "value", "baseline", "current", "change",
            "tolerance (pattern)");
    size_t shown = 0, i = 0;
    for (; i < rep->n_moved && rep->entries[i].status != CHECK_WITHIN; i++) {
        if (shown < o->max_lines) {
            print_entry(fp, &rep->entries[i]);
            shown++;
        }
    }
    if (rep->n_drift > shown)
        fprintf(fp, "  ... and %zu more beyond tolerance (--max-lines N shows more)\n",
                rep->n_drift - shown);
    if (i < rep->n_moved) {
        fprintf(fp, "moved within tolerance:\n");
        size_t within = rep->n_moved - i;
        for (shown = 0; i < rep->n_moved && shown < o->max_lines; i++, shown++)
            print_entry(fp, &rep->entries[i]);
        if (within > shown)
            fprintf(fp, "  ... and %zu more within tolerance\n", within - shown);
    }
    return ferror(fp) ? -1 : 0;
}
