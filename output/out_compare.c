/* out_compare.c -- see out_compare.h. */
#include "out_compare.h"

#include "out_money.h"

#include <math.h>
#include <string.h>
#include <stdint.h>

static const out_compare *ctx_of(const out_rows_cursor *c)
{
    return c->ctx;
}

static const policy_compare_row *row_of(const out_rows_cursor *c)
{
    return &ctx_of(c)->res->rows[c->row];
}

static const void *row_of_v(const out_rows_cursor *c) { return row_of(c); }

static size_t n_rows(const void *ctx, const out_rows_cursor *parent)
{
    (void)parent;
    return ((const out_compare *)ctx)->res->n_rows;
}

static void get_policy(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = ctx_of(c)->res->variants[row_of(c)->policy];
}

static void get_kpi(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = row_of(c)->kpi;
}

static void get_n(const out_rows_cursor *c, out_rows_value *v)
{
    v->count = (unsigned long long)row_of(c)->diff.n;
}

#define CI_JSON (OUT_ROWS_CI_BOUNDS | OUT_ROWS_CI_HALF_WIDTH | OUT_ROWS_CI_N)

/* The policy's interval is three CSV columns (policy_mean, _lo, _hi, next to the text
 * column policy) and, in JSON, the object policy_value: one key per member of a row. */
static const out_rows_field row_fields[] = {
    {.name = "policy", .unit = "text", .doc = "policy (or A+B combination)",
     .kind = OUT_ROWS_TEXT, .get = get_policy},
    {OUT_ROWS_AT_CHARS(row_of_v, policy_compare_row, kpi), .name = "kpi", .unit = "text",
     .doc = "KPI name as in `kpis.csv` (plus `cost.*`, `effort.*` when the study adds them)"},
    {.name = "n", .unit = "count", .doc = "paired replications with a value",
     .kind = OUT_ROWS_COUNT, .flags = OUT_ROWS_CSV_ONLY, .get = get_n},
    {OUT_ROWS_AT_CI(row_of_v, policy_compare_row, baseline), .name = "baseline", .unit = "KPI's",
     .doc = "the baseline", .flags = OUT_ROWS_MEAN_SUFFIX | CI_JSON},
    {OUT_ROWS_AT_NUM(row_of_v, policy_compare_row, value.mean), .name = "policy_mean",
     .unit = "KPI's", .doc = "the policy's mean", .flags = OUT_ROWS_CSV_ONLY},
    {OUT_ROWS_AT_NUM(row_of_v, policy_compare_row, value.lo), .name = "policy_lo", .unit = "KPI's",
     .doc = "the lower bound of the policy's interval", .flags = OUT_ROWS_CSV_ONLY},
    {OUT_ROWS_AT_NUM(row_of_v, policy_compare_row, value.hi), .name = "policy_hi", .unit = "KPI's",
     .doc = "the upper bound of the policy's interval", .flags = OUT_ROWS_CSV_ONLY},
    {OUT_ROWS_AT_CI(row_of_v, policy_compare_row, value), .name = "policy_value", .unit = "KPI's",
     .doc = "the policy", .flags = OUT_ROWS_JSON_ONLY | CI_JSON},
    {OUT_ROWS_AT_CI(row_of_v, policy_compare_row, diff), .name = "diff", .unit = "KPI's",
     .doc = "policy - baseline, paired (common random numbers)",
     .flags = OUT_ROWS_MEAN_SUFFIX | CI_JSON},
    {OUT_ROWS_AT_NUM(row_of_v, policy_compare_row, diff.half_width), .name = "diff_half_width",
     .unit = "KPI's", .doc = "half-width of the difference's interval", .flags = OUT_ROWS_CSV_ONLY},
    {OUT_ROWS_AT_BOOL(row_of_v, policy_compare_row, significant), .name = "significant",
     .unit = "0/1", .doc = "the interval excludes 0"},
    {OUT_ROWS_AT_NUM(row_of_v, policy_compare_row, target_half_width), .name = "target_half_width",
     .unit = "KPI's", .doc = "the precision asked for (`--precision`), empty otherwise"},
    {OUT_ROWS_AT_BOOL(row_of_v, policy_compare_row, counted), .name = "counted", .unit = "0/1",
     .doc = "the KPI counts for the precision rule"},
};

const out_rows_table out_compare_rows = {"compare.csv", row_fields,
                                         sizeof row_fields / sizeof row_fields[0], n_rows};

static void get_crn(const out_rows_cursor *c, out_rows_value *v)
{
    v->flag = !ctx_of(c)->po->independent;
}

static void get_requested(const out_rows_cursor *c, out_rows_value *v)
{
    v->flag = ctx_of(c)->res->precision_requested;
}

static void get_prec_target(const out_rows_cursor *c, out_rows_value *v)
{
    const out_compare *o = ctx_of(c);
    v->num = o->res->precision_requested ? o->po->precision : (double)NAN;
}

static void get_rule(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = ctx_of(c)->po->diff_only ? "paired differences" : "baseline, policy and differences";
}

static void get_met(const out_rows_cursor *c, out_rows_value *v)
{
    v->flag = ctx_of(c)->res->precision_met;
}

static void get_rounds(const out_rows_cursor *c, out_rows_value *v)
{
    v->count = ctx_of(c)->res->n_rounds;
}

static const out_rows_field precision_fields[] = {
    {.name = "requested", .unit = "bool", .doc = "`--precision` was given",
     .kind = OUT_ROWS_BOOL, .get = get_requested},
    {.name = "target", .unit = "KPI's", .doc = "the half-width asked for, null without",
     .kind = OUT_ROWS_NUM, .get = get_prec_target},
    {.name = "rule", .unit = "text", .doc = "which intervals count for the precision",
     .kind = OUT_ROWS_TEXT, .get = get_rule},
    {.name = "met", .unit = "bool", .doc = "every counted interval met its target",
     .kind = OUT_ROWS_BOOL, .get = get_met},
    {.name = "rounds", .unit = "count", .doc = "batches of replications run",
     .kind = OUT_ROWS_COUNT, .get = get_rounds},
};

static const out_rows_table precision_table = {
    "compare.json precision", precision_fields,
    sizeof precision_fields / sizeof precision_fields[0], NULL};

static size_t n_variants(const out_rows_cursor *c)
{
    return ctx_of(c)->res->n_variants;
}

static void get_variant(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = ctx_of(c)->res->variants[c->item];
}

static const out_rows_field doc_fields[] = {
    OUT_STUDY_HEAD_FIELDS,
    {.name = "common_random_numbers", .unit = "bool",
     .doc = "every variant ran on the same seed (false with `--independent`)",
     .kind = OUT_ROWS_BOOL, .get = get_crn},
    {.name = "precision", .unit = "object", .doc = "the sequential sampling",
     .kind = OUT_ROWS_OBJECT, .table = &precision_table},
    {.name = "variants", .unit = "text", .doc = "`baseline`, then the policies in order",
     .kind = OUT_ROWS_TEXT, .flags = OUT_ROWS_LIST, .count = n_variants, .get = get_variant},
    {.name = "rows", .unit = "array", .doc = "the rows of `compare.csv`",
     .kind = OUT_ROWS_TABLE, .table = &out_compare_rows},
};

const out_rows_table out_compare_doc = {"compare.json", doc_fields,
                                        sizeof doc_fields / sizeof doc_fields[0], NULL};

void out_compare_init(out_compare *o, const scenario *base, const policy_compare_result *res,
                      const policy_compare_options *po)
{
    memset(o, 0, sizeof *o);
    o->head.command = "compare";
    o->head.scn = base;
    o->head.seed = res->seed;
    o->head.n_reps = res->n_reps;
    o->head.level = res->level;
    o->res = res;
    o->po = po;
}

/* A figure of the printed table: euros with thousands separators (out_money.h), other
 * KPIs with 5 significant digits. */
static void fmt_figure(const char *kpi, double x, char *buf, size_t n)
{
    int decimals;
    if (out_money_is_eur_kpi(kpi, &decimals))
        out_money_eur(x, decimals, buf, n);
    else
        snprintf(buf, n, "%.5g", x);
}

static void get_baseline_text(const out_rows_cursor *c, out_rows_value *v)
{
    fmt_figure(row_of(c)->kpi, row_of(c)->baseline.mean, v->buf, sizeof v->buf);
    v->text = v->buf;
}

static void get_value_text(const out_rows_cursor *c, out_rows_value *v)
{
    fmt_figure(row_of(c)->kpi, row_of(c)->value.mean, v->buf, sizeof v->buf);
    v->text = v->buf;
}

static void get_diff_text(const out_rows_cursor *c, out_rows_value *v)
{
    const sim_ci *d = &row_of(c)->diff;
    int decimals;
    if (out_money_is_eur_kpi(row_of(c)->kpi, &decimals)) {
        char m[48], h[48];
        out_money_eur(d->mean, decimals, m, sizeof m);
        out_money_eur(d->half_width, decimals, h, sizeof h);
        snprintf(v->buf, sizeof v->buf, "%s%s", d->mean > 0 ? "+" : "", m);
        if (isfinite(d->half_width))
            snprintf(v->buf + strlen(v->buf), sizeof v->buf - strlen(v->buf), " ± %s", h);
    } else if (isfinite(d->half_width)) {
        snprintf(v->buf, sizeof v->buf, "%+.4g ± %.3g", d->mean, d->half_width);
    } else {
        snprintf(v->buf, sizeof v->buf, "%+.4g", d->mean);
    }
    v->text = v->buf;
}

static void get_sig_mark(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = row_of(c)->significant ? "*" : "";
}

/* The printed table's columns, one block per policy. */
static const out_rows_col text_cols[] = {
    {"KPI", -54, 's', 0, NULL, get_kpi},
    {"baseline", 14, 's', 0, NULL, get_baseline_text},
    {"policy", 14, 's', 0, NULL, get_value_text},
    {"difference (CI)", 28, 's', 0, NULL, get_diff_text},
    {"sig", 4, 's', 0, NULL, get_sig_mark},
};

static const out_rows_text text_table = {"  ", text_cols, sizeof text_cols / sizeof text_cols[0]};

int out_compare_text(FILE *fp, const void *vctx)
{
    const out_compare *o = vctx;
    const policy_compare_result *r = o->res;
    fprintf(fp, "%s: %zu replications per variant, seed %llu, %s, %.0f%% intervals\n",
            o->head.scn->name, r->n_reps, (unsigned long long)r->seed,
            o->po->independent ? "independent streams" : "common random numbers",
            100.0 * r->level);
    if (r->precision_requested)
        fprintf(fp, "precision %g: %s after %zu round%s\n", o->po->precision,
                r->precision_met ? "reached" : "NOT reached (max replications hit)",
                r->n_rounds, r->n_rounds == 1 ? "" : "s");
    size_t last = SIZE_MAX;
    out_rows_cursor c = {o, 0, 0, NULL};
    for (c.row = 0; c.row < r->n_rows; c.row++) {
        const policy_compare_row *row = &r->rows[c.row];
        if (row->policy != last) {
            fprintf(fp, "\npolicy %s vs baseline\n", r->variants[row->policy]);
            out_rows_text_header(fp, &text_table);
            last = row->policy;
        }
        out_rows_text_row(fp, &text_table, &c);
    }
    fprintf(fp,
            "\n* the difference is significant at the %.0f%% level (its interval excludes 0)\n",
            100.0 * r->level);
    return ferror(fp) ? -1 : 0;
}

out_study_files out_compare_files(const out_compare *o)
{
    out_study_files f = {"compare", &out_compare_rows, &out_compare_doc, out_compare_text, o};
    return f;
}
