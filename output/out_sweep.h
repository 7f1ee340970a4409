/* out_sweep.h -- the result of `omnisim sweep` (models/study/sweep.h): sweep.csv (one row
 * per grid point: the swept values, then the KPI columns sweep_is_column chooses),
 * sweep.json (the axes, and per point the values and every KPI) and the printed table.
 * Fields and their meaning: docs/outputs.md.
 */
#ifndef OUT_SWEEP_H
#define OUT_SWEEP_H

#include <stdio.h>

#include "out_rows.h"
#include "out_study.h"
#include "sim_error.h"
#include "sweep.h"

typedef struct out_sweep {
    out_study_head head; /* first: the shared members read it; its cols are the first
                            point's KPIs that sweep_is_column chooses (owned) */
    const sweep_result *res;
} out_sweep;

/* The context for a result of sweep_run on base. SIM_OK, or SIM_ENOMEM (err says so); free
 * with out_sweep_fini either way. */
sim_status out_sweep_init(out_sweep *o, const scenario *base, const sweep_result *res,
                          sim_error *err);
void out_sweep_fini(out_sweep *o);

/* sweep.csv's rows (the points); sweep.json's document. */
extern const out_rows_table out_sweep_rows;
extern const out_rows_table out_sweep_doc;

/* The printed table. 0, or -1 on a stream error. */
int out_sweep_text(FILE *fp, const void *ctx);

/* The three files of an out_sweep. */
out_study_files out_sweep_files(const out_sweep *o);

#endif /* OUT_SWEEP_H */
