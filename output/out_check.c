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
