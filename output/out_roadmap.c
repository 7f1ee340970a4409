/* out_roadmap.c -- see out_roadmap.h. */
#include "out_roadmap.h"

#include "out_money.h"

#include <math.h>
#include <string.h>

#include "sim_alloc.h"

static const out_roadmap *ctx_of(const out_rows_cursor *c)
{
    return c->ctx;
}

static const scenario *scn_of(const out_rows_cursor *c)
{
    return ctx_of(c)->head.scn;
}

static const roadmap_year *year_of(const out_rows_cursor *c)
{
    return &ctx_of(c)->res->years[c->row];
}

static const void *year_of_v(const out_rows_cursor *c) { return year_of(c); }

static const study_sample *sample_of(const out_rows_cursor *c)
{
    return &ctx_of(c)->res->samples[c->row];
}

static const void *sample_of_v(const out_rows_cursor *c) { return sample_of(c); }

static size_t n_years(const void *ctx, const out_rows_cursor *parent)
{
    (void)parent;
    return ((const out_roadmap *)ctx)->res->n_years;
}

static void get_year(const out_rows_cursor *c, out_rows_value *v)
{
    v->integer = year_of(c)->year;
}

static void get_policies_csv(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = ctx_of(c)->policies[c->row];
}

static size_t n_policies(const out_rows_cursor *c)
{
    return year_of(c)->n_policies;
}

static void get_policy(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = year_of(c)->policies[c->item];
}

static void get_daily_volume(const out_rows_cursor *c, out_rows_value *v)
{
    v->num = year_of(c)->daily_volume;
}

static void get_expected_voice(const out_rows_cursor *c, out_rows_value *v)
{
    v->num = roadmap_expected_voice_share(scn_of(c), year_of(c));
}

static size_t n_channels(const out_rows_cursor *c)
{
    return scn_of(c)->n_channels;
}

static const char *channel_key(const out_rows_cursor *c)
{
    return scn_of(c)->channels[c->item].name;
}

static void get_mix(const out_rows_cursor *c, out_rows_value *v)
{
    v->num = year_of(c)->channel_mix[c->item];
}

static void get_volume(const out_rows_cursor *c, out_rows_value *v)
{
    v->num = year_of(c)->channel_volume[c->item];
}

static size_t n_segments(const out_rows_cursor *c)
{
    return scn_of(c)->n_segments;
}

static const char *segment_key(const out_rows_cursor *c)
{
    return scn_of(c)->segments[c->item].name;
}

static void get_segment_share(const out_rows_cursor *c, out_rows_value *v)
{
    v->num = year_of(c)->segment_share[c->item];
}

static void get_voice_offered(const out_rows_cursor *c, out_rows_value *v)
{
    v->ci = roadmap_voice_share_ci(scn_of(c), sample_of(c), ctx_of(c)->res->level);
}

static const out_rows_field channel_sub[] = {
    {.name = "expected_mix.<channel>", .unit = "share", .doc = "share of first contacts",
     .kind = OUT_ROWS_NUM, .get = get_mix, .json_name = "expected_mix"},
    {.name = "expected_volume.<channel>", .unit = "contacts/day",
     .doc = "first contacts a day", .kind = OUT_ROWS_NUM, .get = get_volume,
     .json_name = "expected_volume"},
};

static const out_rows_field segment_sub[] = {
    {.name = "segment_share.<segment>", .unit = "share", .doc = "the segment's share",
     .kind = OUT_ROWS_NUM, .get = get_segment_share},
};

static const out_rows_field year_fields[] = {
    {OUT_ROWS_AT_INT(year_of_v, roadmap_year, year), .name = "year", .unit = "year",
     .doc = "calendar year"},
    {OUT_ROWS_AT_CHARS(year_of_v, roadmap_year, stage), .name = "stage", .unit = "text",
     .doc = "readiness stage reached (`single`, `multiple`, `cross`, `omni`; empty: none)"},
    {.name = "policies", .unit = "text", .doc = "`;`-separated policies in force",
     .kind = OUT_ROWS_TEXT, .flags = OUT_ROWS_CSV_ONLY, .get = get_policies_csv},
    {.name = "policies", .unit = "text", .doc = "the policies in force",
     .kind = OUT_ROWS_TEXT, .flags = OUT_ROWS_JSON_ONLY | OUT_ROWS_LIST, .count = n_policies,
     .get = get_policy},
    {OUT_ROWS_AT_NUM(year_of_v, roadmap_year, daily_volume), .name = "demand_daily_volume",
     .unit = "per day", .doc = "first contacts or needs a day"},
    {.name = "expected_voice_share", .unit = "share",
     .doc = "voice share of first contacts from the year's mix", .kind = OUT_ROWS_NUM,
     .get = get_expected_voice},
    {.name = "channels", .unit = "object", .doc = "per channel", .kind = OUT_ROWS_GROUP,
     .count = n_channels, .key = channel_key, .placeholder = "<channel>", .sub = channel_sub,
     .n_sub = sizeof channel_sub / sizeof channel_sub[0]},
    {.name = "segments", .unit = "object", .doc = "per segment", .kind = OUT_ROWS_GROUP,
     .count = n_segments, .key = segment_key, .placeholder = "<segment>", .sub = segment_sub,
     .n_sub = 1},
    {OUT_ROWS_AT_COUNT(sample_of_v, study_sample, n_reps), .name = "n", .unit = "count",
     .doc = "replications", .flags = OUT_ROWS_CSV_ONLY},
    {.name = "voice_share_offered", .unit = "share",
     .doc = "simulated share of the offered contacts (`total.offered`) that voice channels "
            "offered",
     .kind = OUT_ROWS_CI, .flags = OUT_ROWS_MEAN_SUFFIX | OUT_ROWS_CI_BOUNDS | OUT_ROWS_CI_N,
     .get = get_voice_offered},
    OUT_STUDY_KPI_FIELDS,
};

const out_rows_table out_roadmap_rows = {"roadmap.csv", year_fields,
                                         sizeof year_fields / sizeof year_fields[0], n_years};

static const out_rows_field doc_fields[] = {
    OUT_STUDY_HEAD_FIELDS,
    {.name = "years", .unit = "array", .doc = "the years", .kind = OUT_ROWS_TABLE,
     .table = &out_roadmap_rows},
};

const out_rows_table out_roadmap_doc = {"roadmap.json", doc_fields,
                                        sizeof doc_fields / sizeof doc_fields[0], NULL};

static void join_policies(const roadmap_year *ry, const char *sep,
                          char out[OUT_ROADMAP_POLICIES_MAX])
{
    size_t at = 0;
    out[0] = '\0';
    for (size_t p = 0; p < ry->n_policies && at < OUT_ROADMAP_POLICIES_MAX; p++)
        at += (size_t)snprintf(out + at, OUT_ROADMAP_POLICIES_MAX - at, "%s%s", p > 0 ? sep : "",
                               ry->policies[p]);
}

sim_status out_roadmap_init(out_roadmap *o, const scenario *base, const roadmap_result *res,
                            sim_error *err)
{
    memset(o, 0, sizeof *o);
    o->head.command = "roadmap";
    o->head.scn = base;
    o->head.seed = res->seed;
    o->head.n_reps = res->n_reps;
    o->head.level = res->level;
    o->res = res;
    o->n_cols = 0;
    o->cols = NULL;
    o->policies_text = NULL;
    o->policies = sim_calloc(res->n_years + 1, sizeof *o->policies);
    o->policies_text = sim_calloc(res->n_years + 1, sizeof *o->policies_text);
    if (o->policies == NULL || o->policies_text == NULL)
        return sim_error_set(err, SIM_ENOMEM, "roadmap.csv", "out of memory");
    for (size_t y = 0; y < res->n_years; y++) {
        join_policies(&res->years[y], ";", o->policies[y]);
        join_policies(&res->years[y], ",", o->policies_text[y]);
    }
    o->head.samples = res->samples;
    sim_status st = roadmap_columns(base, res, &o->cols, &o->n_cols, err);
    if (st != SIM_OK)
        return st;
    o->head.cols = sim_calloc(o->n_cols + 1, sizeof *o->head.cols);
    if (o->head.cols == NULL)
        return sim_error_set(err, SIM_ENOMEM, "roadmap.csv", "out of memory");
    for (size_t j = 0; j < o->n_cols; j++)
        o->head.cols[j] = o->cols[j];
    o->head.n_cols = o->n_cols;
    return SIM_OK;
}

void out_roadmap_fini(out_roadmap *o)
{
    sim_free(o->head.cols);
    sim_free(o->cols);
    sim_free(o->policies);
    sim_free(o->policies_text);
    o->head.cols = NULL;
    o->head.n_cols = 0;
    o->cols = NULL;
    o->policies = NULL;
    o->policies_text = NULL;
    o->n_cols = 0;
}

/* The printed table's columns: a year's headline figures, shares in percent. */
static double kpi_mean(const out_rows_cursor *c, const char *name)
{
    return out_study_ci(sample_of(c), name, ctx_of(c)->res->level).mean;
}

static void get_stage_text(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = year_of(c)->stage[0] ? year_of(c)->stage : "-";
}

static void get_voice_exp_pct(const out_rows_cursor *c, out_rows_value *v)
{
    v->num = 100.0 * roadmap_expected_voice_share(scn_of(c), year_of(c));
}

static void get_voice_sim_pct(const out_rows_cursor *c, out_rows_value *v)
{
    v->num = 100.0 * roadmap_voice_share_ci(scn_of(c), sample_of(c), ctx_of(c)->res->level).mean;
}

/* The simulated horizon's totals as a mean per day, so that the per-day table holds one
 * period. */
static double per_day(const out_rows_cursor *c, double horizon_total)
{
    size_t days = scn_of(c)->horizon_days;
    return days > 0 ? horizon_total / (double)days : (double)NAN;
}

static void get_offered(const out_rows_cursor *c, out_rows_value *v)
{
    v->num = per_day(c, kpi_mean(c, "total.offered"));
}

static void get_paid(const out_rows_cursor *c, out_rows_value *v)
{
    v->num = per_day(c, roadmap_paid_hours(ctx_of(c)->res, c->row));
}

static void get_sl_pct(const out_rows_cursor *c, out_rows_value *v)
{
    v->num = 100.0 * kpi_mean(c, "total.realtime_service_level_per_answered_abandoned");
}

static void get_abandon_pct(const out_rows_cursor *c, out_rows_value *v)
{
    v->num = 100.0 * kpi_mean(c, "total.realtime_abandoned_per_offered");
}

static void get_contacts(const out_rows_cursor *c, out_rows_value *v)
{
    v->num = kpi_mean(c, "needs.contacts_per_resolved_need");
}

static void get_effort(const out_rows_cursor *c, out_rows_value *v)
{
    v->num = kpi_mean(c, "effort.score");
}

static void get_cost_year(const out_rows_cursor *c, out_rows_value *v)
{
    out_money_eur(kpi_mean(c, "cost.year_eur"), 0, v->buf, sizeof v->buf);
    v->text = v->buf;
}

static void get_cost_need(const out_rows_cursor *c, out_rows_value *v)
{
    out_money_eur(kpi_mean(c, "cost.per_resolved_need_eur"), 2, v->buf, sizeof v->buf);
    v->text = v->buf;
}

static void get_policies_text(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = ctx_of(c)->policies_text[c->row];
}

/* The printed tables, one period each: the year's day (the simulated horizon's mean per
 * day, with the shares and ratios of that day), then the year's money. */
static const out_rows_col day_cols[] = {
    {"year", -6, 'd', 0, NULL, get_year},
    {"stage", -9, 's', 0, NULL, get_stage_text},
    {"needs/day", 12, 'f', 0, NULL, get_daily_volume},
    {"offered/day", 12, 'f', 0, NULL, get_offered},
    {"paid h/day", 11, 'f', 0, NULL, get_paid},
    {"voice%exp", 10, 'f', 1, NULL, get_voice_exp_pct},
    {"voice%sim", 10, 'f', 1, NULL, get_voice_sim_pct},
    {"total SL%", 10, 'f', 1, NULL, get_sl_pct},
    {"abandon%", 10, 'f', 2, NULL, get_abandon_pct},
    {"contacts/need", 14, 'f', 3, NULL, get_contacts},
    {"effort", 9, 'f', 3, NULL, get_effort},
};

static const out_rows_col year_cols[] = {
    {"year", -6, 'd', 0, NULL, get_year},
    {"stage", -9, 's', 0, NULL, get_stage_text},
    {"cost EUR/year", 14, 's', 0, NULL, get_cost_year},
    {"EUR/need", 10, 's', 0, NULL, get_cost_need},
    {"policies", 0, 's', 0, "  ", get_policies_text},
};

static const out_rows_text day_table = {NULL, day_cols, sizeof day_cols / sizeof day_cols[0]};
static const out_rows_text year_table = {NULL, year_cols, sizeof year_cols / sizeof year_cols[0]};

static void print_table(FILE *fp, const out_roadmap *o, const out_rows_text *t)
{
    out_rows_text_header(fp, t);
    out_rows_cursor c = {o, 0, 0, NULL};
    for (c.row = 0; c.row < o->res->n_years; c.row++)
        out_rows_text_row(fp, t, &c);
}

int out_roadmap_text(FILE *fp, const void *vctx)
{
    const out_roadmap *o = vctx;
    const roadmap_result *r = o->res;
    const scenario *scn = o->head.scn;
    fprintf(fp, "%s: %zu years x %zu replications, seed %llu, %.0f%% intervals\n\n", scn->name,
            r->n_years, r->n_reps, (unsigned long long)r->seed, 100.0 * r->level);
    fprintf(fp, "per day (means over the simulated %zu day%s of each year)\n", scn->horizon_days,
            scn->horizon_days == 1 ? "" : "s");
    print_table(fp, o, &day_table);
    fprintf(fp, "\nper year (EUR)\n");
    print_table(fp, o, &year_table);
    fprintf(fp, "\nvoice%%exp: voice share of first contacts from the year's mix; voice%%sim: "
                "of all offered contacts (repeats included)\n");
    return ferror(fp) ? -1 : 0;
}

out_study_files out_roadmap_files(const out_roadmap *o)
{
    out_study_files f = {"roadmap", &out_roadmap_rows, &out_roadmap_doc, out_roadmap_text, o};
    return f;
}
