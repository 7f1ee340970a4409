/* out_study.c -- see out_study.h. */
#include "out_study.h"

#include <math.h>

#include "out_file.h"

static const out_study_head *head(const out_rows_cursor *c)
{
    return c->ctx;
}

void out_study_get_version(const out_rows_cursor *c, out_rows_value *v)
{
    (void)c;
    v->text = OMNISIM_VERSION;
}

void out_study_get_command(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = head(c)->command;
}

void out_study_get_scenario(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = head(c)->scn->name;
}

void out_study_get_source(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = head(c)->scn->source_path;
}

void out_study_get_seed(const out_rows_cursor *c, out_rows_value *v)
{
    v->count = (unsigned long long)head(c)->seed;
}

void out_study_get_reps(const out_rows_cursor *c, out_rows_value *v)
{
    v->count = head(c)->n_reps;
}

void out_study_get_level(const out_rows_cursor *c, out_rows_value *v)
{
    v->num = head(c)->level;
}

static const study_sample *sample_of(const out_rows_cursor *c)
{
    return &head(c)->samples[c->row];
}

size_t out_study_n_cols(const out_rows_cursor *c)
{
    return head(c)->n_cols;
}

const char *out_study_col_key(const out_rows_cursor *c)
{
    return head(c)->cols[c->item];
}

/* A row's interval of a column KPI, found by name: a row's sample may order or lack KPIs
 * differently from the row that made the columns. */
static void get_col(const out_rows_cursor *c, out_rows_value *v)
{
    v->ci = out_study_ci(sample_of(c), out_study_col_key(c), head(c)->level);
}

size_t out_study_n_kpis(const out_rows_cursor *c)
{
    return sample_of(c)->n_kpis;
}

const char *out_study_kpi_key(const out_rows_cursor *c)
{
    return sample_of(c)->names[c->item];
}

static void get_kpi(const out_rows_cursor *c, out_rows_value *v)
{
    v->ci = study_sample_ci(sample_of(c), c->item, head(c)->level);
}

const out_rows_field out_study_col_sub[1] = {
    {.name = "<kpi>", .unit = "KPI's",
     .doc = "the KPI at the grid point or in the year, with its interval",
     .kind = OUT_ROWS_CI, .flags = OUT_ROWS_MEAN_SUFFIX, .get = get_col},
};

const out_rows_field out_study_kpi_sub[1] = {
    {.name = "<kpi>", .unit = "KPI's",
     .doc = "every KPI of the grid point or year, with its interval",
     .kind = OUT_ROWS_CI, .flags = OUT_ROWS_JSON_ONLY | OUT_ROWS_CI_BOUNDS | OUT_ROWS_CI_N,
     .get = get_kpi},
};

sim_ci out_study_ci(const study_sample *s, const char *name, double level)
{
    size_t k = study_sample_find(s, name);
    if (k == SIZE_MAX) {
        sim_ci none = {0, level, NAN, NAN, NAN, NAN};
        return none;
    }
    return study_sample_ci(s, k, level);
}

/* dir/name through one writer, atomically. */
static sim_status write_one(const char *dir, const char *name, const out_study_files *f,
                            int json, sim_error *err)
{
    out_file_tx tx;
    sim_status st = out_file_begin(&tx, dir, name, err);
    if (st != SIM_OK)
        return st;
    int rc = json ? out_rows_json_write(tx.fp, f->json, f->ctx, 0)
                  : out_rows_csv(tx.fp, f->csv, f->ctx);
    if (rc != 0 || ferror(tx.fp)) {
        out_file_abort(&tx);
        return sim_error_set(err, SIM_EIO, name, "cannot write %s/%s", dir, name);
    }
    return out_file_commit(&tx, err);
}

sim_status out_study_write(const char *dir, const out_study_files *f, int json,
                           sim_error *err)
{
    char name[128];
    snprintf(name, sizeof name, "%s.%s", f->stem, json ? "json" : "csv");
    sim_status st = out_file_mkdir(dir, err);
    return st == SIM_OK ? write_one(dir, name, f, json, err) : st;
}

int out_study_print(FILE *fp, const out_study_files *f, int json)
{
    return json ? out_rows_json_write(fp, f->json, f->ctx, 0) : f->text(fp, f->ctx);
}

sim_status out_study_write_with(const char *dir, const char *name,
                                int (*fn)(FILE *fp, void *ctx), void *ctx, sim_error *err)
{
    out_file_tx tx;
    sim_status st = out_file_mkdir(dir, err);
    if (st == SIM_OK)
        st = out_file_begin(&tx, dir, name, err);
    if (st != SIM_OK)
        return st;
    if (fn(tx.fp, ctx) != 0 || ferror(tx.fp)) {
        out_file_abort(&tx);
        return sim_error_set(err, SIM_EIO, name, "cannot write %s/%s", dir, name);
    }
    return out_file_commit(&tx, err);
}
