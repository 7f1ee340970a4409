/* out_sweep.c -- see out_sweep.h. */
#include "out_sweep.h"

#include <math.h>
#include <string.h>

#include "sim_alloc.h"

static const out_sweep *ctx_of(const out_rows_cursor *c)
{
    return c->ctx;
}

static const study_sample *sample_of(const out_rows_cursor *c)
{
    return &ctx_of(c)->res->samples[c->row];
}

static const void *sample_of_v(const out_rows_cursor *c) { return sample_of(c); }

static size_t n_points(const void *ctx, const out_rows_cursor *parent)
{
    (void)parent;
    return ((const out_sweep *)ctx)->res->n_points;
}

static void get_point(const out_rows_cursor *c, out_rows_value *v)
{
    v->count = c->row;
}

static size_t n_axes(const out_rows_cursor *c)
{
    return ctx_of(c)->res->n_axes;
}

static const char *axis_key(const out_rows_cursor *c)
{
    return ctx_of(c)->res->axes[c->item].path;
}

static void get_axis_value(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = ctx_of(c)->res->values[c->row][c->item];
}

static const out_rows_field axis_sub[] = {
    {.name = "<path>", .unit = "the field's", .doc = "the swept field's value at the point",
     .kind = OUT_ROWS_NUMTEXT, .get = get_axis_value},
};

static const out_rows_field point_fields[] = {
    {.name = "point", .unit = "count", .doc = "the grid point (the last axis varies fastest)",
     .kind = OUT_ROWS_COUNT, .get = get_point},
    {.name = "set", .unit = "the field's", .doc = "the swept fields' values at the point",
     .kind = OUT_ROWS_GROUP, .count = n_axes, .key = axis_key, .placeholder = "<path>",
     .sub = axis_sub, .n_sub = 1},
    {OUT_ROWS_AT_COUNT(sample_of_v, study_sample, n_reps), .name = "n", .unit = "count",
     .doc = "replications of the point", .flags = OUT_ROWS_CSV_ONLY},
    OUT_STUDY_KPI_FIELDS,
};

const out_rows_table out_sweep_rows = {"sweep.csv", point_fields,
                                       sizeof point_fields / sizeof point_fields[0], n_points};

static const sweep_axis *axis_of(const out_rows_cursor *c)
{
    return &ctx_of(c)->res->axes[c->row];
}

static const void *axis_of_v(const out_rows_cursor *c) { return axis_of(c); }

static size_t n_axis_rows(const void *ctx, const out_rows_cursor *parent)
{
    (void)parent;
    return ((const out_sweep *)ctx)->res->n_axes;
}

static const out_rows_field axis_fields[] = {
    {OUT_ROWS_AT_CHARS(axis_of_v, sweep_axis, path), .name = "path", .unit = "text",
     .doc = "the swept field"},
    {OUT_ROWS_AT_NUM(axis_of_v, sweep_axis, from), .name = "from", .unit = "the field's",
     .doc = "the first value"},
    {OUT_ROWS_AT_NUM(axis_of_v, sweep_axis, to), .name = "to", .unit = "the field's",
     .doc = "the last value at most"},
    {OUT_ROWS_AT_NUM(axis_of_v, sweep_axis, step), .name = "step", .unit = "the field's",
     .doc = "the step"},
    {OUT_ROWS_AT_COUNT(axis_of_v, sweep_axis, n_values), .name = "values", .unit = "count",
     .doc = "values of the axis"},
};

static const out_rows_table axis_table = {"sweep.json axes", axis_fields,
                                          sizeof axis_fields / sizeof axis_fields[0],
                                          n_axis_rows};

static const out_rows_field doc_fields[] = {
    OUT_STUDY_HEAD_FIELDS,
    {.name = "axes", .unit = "array", .doc = "the axes of the grid", .kind = OUT_ROWS_TABLE,
     .table = &axis_table},
    {.name = "points", .unit = "array", .doc = "the grid points", .kind = OUT_ROWS_TABLE,
     .table = &out_sweep_rows},
};

const out_rows_table out_sweep_doc = {"sweep.json", doc_fields,
                                      sizeof doc_fields / sizeof doc_fields[0], NULL};

sim_status out_sweep_init(out_sweep *o, const scenario *base, const sweep_result *res,
                          sim_error *err)
{
    memset(o, 0, sizeof *o);
    o->head.command = "sweep";
    o->head.scn = base;
    o->head.seed = res->seed;
    o->head.n_reps = res->n_reps;
    o->head.level = res->level;
    o->res = res;
    o->head.samples = res->samples;
    o->head.n_cols = 0;
    const study_sample *s0 = &res->samples[0];
    o->head.cols = sim_calloc(s0->n_kpis + 1, sizeof *o->head.cols);
    if (o->head.cols == NULL)
        return sim_error_set(err, SIM_ENOMEM, "sweep.csv", "out of memory for %zu columns",
                             s0->n_kpis);
    for (size_t k = 0; k < s0->n_kpis; k++) {
        if (sweep_is_column(base, s0->names[k]))
            o->head.cols[o->head.n_cols++] = s0->names[k];
    }
    return SIM_OK;
}

void out_sweep_fini(out_sweep *o)
{
    sim_free(o->head.cols);
    o->head.cols = NULL;
    o->head.n_cols = 0;
}

/* Printed by hand, not as an out_rows_text table: a column per axis, and the rows end with
 * a blank the header lacks (the table as it has always been printed). */
int out_sweep_text(FILE *fp, const void *vctx)
{
    const out_sweep *o = vctx;
    const sweep_result *r = o->res;
    fprintf(fp, "%s: %zu points x %zu replications, seed %llu, %.0f%% intervals\n\n",
            o->head.scn->name, r->n_points, r->n_reps, (unsigned long long)r->seed,
            100.0 * r->level);
    for (size_t a = 0; a < r->n_axes; a++)
        fprintf(fp, "%-28s ", r->axes[a].path);
    fprintf(fp, "%20s %20s %20s %20s\n", "total SL", "total abandon", "contacts/need",
            "effort");
    static const char *const cols[] = {"total.realtime_service_level_per_answered_abandoned",
                                       "total.realtime_abandoned_per_offered",
                                       "needs.contacts_per_resolved_need", "effort.score"};
    for (size_t p = 0; p < r->n_points; p++) {
        const study_sample *s = &r->samples[p];
        for (size_t a = 0; a < r->n_axes; a++)
            fprintf(fp, "%-28s ", r->values[p][a]);
        for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++) {
            char buf[64] = "-";
            if (study_sample_find(s, cols[c]) != SIZE_MAX) {
                sim_ci ci = out_study_ci(s, cols[c], r->level);
                if (isfinite(ci.half_width))
                    snprintf(buf, sizeof buf, "%.4g ± %.2g", ci.mean, ci.half_width);
                else if (isfinite(ci.mean))
                    snprintf(buf, sizeof buf, "%.4g", ci.mean);
            }
            fprintf(fp, "%20s ", buf);
        }
        fputc('\n', fp);
    }
    return ferror(fp) ? -1 : 0;
}

out_study_files out_sweep_files(const out_sweep *o)
{
    out_study_files f = {"sweep", &out_sweep_rows, &out_sweep_doc, out_sweep_text, o};
    return f;
}
