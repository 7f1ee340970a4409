/* out_roadmap.h -- the result of `omnisim roadmap` (models/study/roadmap.h): roadmap.csv
 * (one row per year: the year's demand and mix, the simulated voice share, the KPI columns
 * roadmap_columns chooses), roadmap.json (per year the same and every KPI) and the printed
 * table. Fields and their meaning: docs/outputs.md.
 */
#ifndef OUT_ROADMAP_H
#define OUT_ROADMAP_H

#include <stdio.h>

#include "out_rows.h"
#include "out_study.h"
#include "roadmap.h"
#include "sim_error.h"

/* A year's policies, separated. */
#define OUT_ROADMAP_POLICIES_MAX (SCENARIO_MAX_ROADMAP_STEPS * SCENARIO_NAME_MAX)

typedef struct out_roadmap {
    out_study_head head; /* first: the shared JSON members read it */
    const roadmap_result *res;
    size_t n_cols;
    char (*cols)[CC_KPI_NAME_MAX];             /* roadmap_columns; owned */
    char (*policies)[OUT_ROADMAP_POLICIES_MAX]; /* [n_years], `;`-separated (CSV); owned */
    char (*policies_text)[OUT_ROADMAP_POLICIES_MAX]; /* [n_years], `,`-separated; owned */
} out_roadmap;

/* The context for a result of roadmap_run on base. SIM_OK, or SIM_ENOMEM; free with
 * out_roadmap_fini either way. */
sim_status out_roadmap_init(out_roadmap *o, const scenario *base, const roadmap_result *res,
                            sim_error *err);
void out_roadmap_fini(out_roadmap *o);

/* roadmap.csv's rows (the years); roadmap.json's document. */
extern const out_rows_table out_roadmap_rows;
extern const out_rows_table out_roadmap_doc;

/* The printed table. 0, or -1 on a stream error. */
int out_roadmap_text(FILE *fp, const void *ctx);

/* The three files of an out_roadmap. */
out_study_files out_roadmap_files(const out_roadmap *o);

#endif /* OUT_ROADMAP_H */
