/* out_run.h -- what `omnisim run` prints on stdout, and the list of its CSV files.
 *
 * What it is: the KPI table per channel with confidence intervals and the needs' KPIs of a
 * contact-center run, the table of the built-in M/M/c(+M) queue (--mmc), and the run's CSV
 * files as one list (name, writer) over output/out_csv.h, so the command writes them in a
 * loop. docs/outputs.md documents the files. What it is not: summary.json (out_json.h),
 * the charts (plot_charts.h) or the atomic writing (out_file.h).
 */
#ifndef OUT_RUN_H
#define OUT_RUN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cc_result.h"
#include "mmc.h"
#include "scenario.h"

/* The channel table and the needs' KPIs of sum (scn's channels, seed as run). 0 or -1. */
int out_run_print(FILE *fp, const cc_summary *sum, const scenario *scn, uint64_t seed);

/* The M/M/c(+M) table: p as run, sum's KPIs named "mmc.*" (95% intervals). 0 or -1. */
int out_run_print_mmc(FILE *fp, const mmc_params *p, const cc_summary *sum);

/* What a run's CSV writer reads. reps may be NULL (then n_reps is 0); scn may be NULL
 * (--mmc: only the files that need no scenario are written). */
typedef struct out_run_data {
    const cc_summary *sum;
    const cc_rep *reps;
    size_t n_reps;
    const scenario *scn;
} out_run_data;

typedef struct out_run_file {
    const char *name;      /* "kpis.csv" */
    int needs_scenario;    /* 1: skipped without a scenario */
    int (*write)(FILE *fp, const out_run_data *d); /* 0, or -1 on a stream error */
} out_run_file;

/* The CSV files of a run, in the order they are written; *n is set to their number. */
const out_run_file *out_run_files(size_t *n);

#endif /* OUT_RUN_H */
