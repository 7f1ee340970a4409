/* out_study.h -- what the result files of the study commands (compare, sweep, roadmap,
 * simstaff) share: the first members of their JSON document, the KPI columns of a row, the
 * description of a command's two files and its printed table, and writing them.
 *
 * Every study JSON document opens with omnisim_version, command, scenario, source, seed,
 * replications and confidence; OUT_STUDY_HEAD_FIELDS lists those fields for a command's
 * document table, whose context must start with an out_study_head (the getters read the
 * context through its first member). OUT_STUDY_KPI_FIELDS are a row's KPIs (sweep points,
 * roadmap years). out_study_write puts STEM.csv and STEM.json in place atomically; the
 * command turns its status into an exit code.
 */
#ifndef OUT_STUDY_H
#define OUT_STUDY_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "out_rows.h"
#include "scenario.h"
#include "study.h"

/* The first member of a study writer's context. */
typedef struct out_study_head {
    const char *command;  /* "compare", "sweep", ... */
    const scenario *scn;  /* the base scenario */
    uint64_t seed;        /* master seed of the study */
    size_t n_reps;        /* replications per variant, point or year */
    double level;         /* confidence level of the intervals */
    /* For OUT_STUDY_KPI_FIELDS (sweep, roadmap): the sample of each row of the rows table,
     * and the KPIs the CSV has columns for. */
    const study_sample *samples;
    size_t n_cols;
    const char **cols;    /* [n_cols], owned by the command's context */
} out_study_head;

void out_study_get_version(const out_rows_cursor *c, out_rows_value *v);
void out_study_get_command(const out_rows_cursor *c, out_rows_value *v);
void out_study_get_scenario(const out_rows_cursor *c, out_rows_value *v);
void out_study_get_source(const out_rows_cursor *c, out_rows_value *v);
void out_study_get_seed(const out_rows_cursor *c, out_rows_value *v);
void out_study_get_reps(const out_rows_cursor *c, out_rows_value *v);
void out_study_get_level(const out_rows_cursor *c, out_rows_value *v);

#define OUT_STUDY_HEAD_FIELDS                                                                  \
    {.name = "omnisim_version", .unit = "text", .doc = "the omnisim that wrote the file",     \
     .kind = OUT_ROWS_TEXT, .get = out_study_get_version},                                     \
    {.name = "command", .unit = "text", .doc = "the command that wrote the file",             \
     .kind = OUT_ROWS_TEXT, .get = out_study_get_command},                                     \
    {.name = "scenario", .unit = "text", .doc = "the scenario's name",                         \
     .kind = OUT_ROWS_TEXT, .get = out_study_get_scenario},                                    \
    {.name = "source", .unit = "text", .doc = "the scenario file (`<default>`: built in)",    \
     .kind = OUT_ROWS_TEXT, .get = out_study_get_source},                                      \
    {.name = "seed", .unit = "count", .doc = "the master seed",                                \
     .kind = OUT_ROWS_COUNT, .get = out_study_get_seed},                                       \
    {.name = "replications", .unit = "count",                                                 \
     .doc = "replications per variant, grid point, year or search step",                     \
     .kind = OUT_ROWS_COUNT, .get = out_study_get_reps},                                       \
    {.name = "confidence", .unit = "share", .doc = "level of the intervals",                  \
     .kind = OUT_ROWS_NUM, .get = out_study_get_level}

size_t out_study_n_cols(const out_rows_cursor *c);
const char *out_study_col_key(const out_rows_cursor *c);
size_t out_study_n_kpis(const out_rows_cursor *c);
const char *out_study_kpi_key(const out_rows_cursor *c);
extern const out_rows_field out_study_col_sub[1];
extern const out_rows_field out_study_kpi_sub[1];

/* The KPIs of a row whose sample is head.samples[row]: in CSV the columns head.cols
 * (`<kpi>_mean`, `_lo`, `_hi`, empty where the row lacks the KPI), in JSON the object
 * `kpis` holding every KPI of the row ({"mean", "lo", "hi", "n"}). */
#define OUT_STUDY_KPI_FIELDS                                                                   \
    {.name = "columns", .unit = "KPI's", .doc = "the KPI columns", .kind = OUT_ROWS_GROUP,   \
     .flags = OUT_ROWS_CSV_ONLY, .count = out_study_n_cols, .key = out_study_col_key,         \
     .placeholder = "<kpi>", .sub = out_study_col_sub, .n_sub = 1},                            \
    {.name = "kpis", .unit = "KPI's", .doc = "every KPI of the point or year",              \
     .kind = OUT_ROWS_GROUP,                                                                   \
     .flags = OUT_ROWS_JSON_ONLY, .count = out_study_n_kpis, .key = out_study_kpi_key,        \
     .placeholder = "<kpi>", .sub = out_study_kpi_sub, .n_sub = 1}

/* A study command's result: STEM.csv (the rows of table csv), STEM.json (the document
 * table json) and the printed table (text), all over the one context ctx. */
typedef struct out_study_files {
    const char *stem;
    const out_rows_table *csv;
    const out_rows_table *json;
    int (*text)(FILE *fp, const void *ctx); /* 0, or -1 on a stream error */
    const void *ctx;
} out_study_files;

/* Write STEM.csv (json 0) or STEM.json (json 1) into dir (created when missing),
 * atomically (output/out_file.h). SIM_OK, or SIM_EIO / SIM_ENOMEM with err naming the file.
 * A command writes the CSV first, then the JSON. */
sim_status out_study_write(const char *dir, const out_study_files *f, int json,
                           sim_error *err);

/* The JSON document (json 1) or the printed table on fp. 0, or -1 on a stream error or out
 * of memory. */
int out_study_print(FILE *fp, const out_study_files *f, int json);

/* The interval of KPI `name` of sample s at level; all NaN (n 0) when s has no such KPI. */
sim_ci out_study_ci(const study_sample *s, const char *name, double level);

/* dir/name (dir created when missing) written atomically through fn (0, or -1 on a stream
 * error), for a result whose writer is a function of its own (cost, staff, schedule).
 * SIM_OK, or SIM_EIO / SIM_ENOMEM with err naming the file. */
sim_status out_study_write_with(const char *dir, const char *name,
                                int (*fn)(FILE *fp, void *ctx), void *ctx, sim_error *err);

#endif /* OUT_STUDY_H */
