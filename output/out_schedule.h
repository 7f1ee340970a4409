/* out_schedule.h -- the results of `omnisim schedule`: schedule.csv, coverage.csv,
 * capacity.csv, service.csv (with the simulation), the JSON object of --json and the tables
 * on stdout.
 *
 * What it is: the field tables of a schedule (models/shift/shift_schedule.h) and their
 * writers. docs/outputs.md lists every field (tests/test_out_rows.c checks, over
 * out_catalog.h); docs/scheduling.md the formulation. What it is not: the optimiser or the
 * option parsing (cli/cli_schedule.c).
 *
 * Writers return 0, or -1 on a stream error (or out of memory for the JSON).
 */
#ifndef OUT_SCHEDULE_H
#define OUT_SCHEDULE_H

#include <stdio.h>

#include "out_rows.h"
#include "shift_schedule.h"

/* ctx is a const shift_schedule * (an atomic file writer's signature). service.csv needs
 * the simulation (sum not NULL). */
int out_schedule_csv(FILE *fp, void *ctx);
int out_schedule_coverage_csv(FILE *fp, void *ctx);
int out_schedule_capacity_csv(FILE *fp, void *ctx);
int out_schedule_service_csv(FILE *fp, void *ctx);

/* The JSON object on one line (--json). */
int out_schedule_json(FILE *fp, const shift_schedule *s);

/* The shifts and coverage per group, the capacity per year, the simulated service level. */
int out_schedule_print(FILE *fp, const shift_schedule *s);

extern const out_rows_table out_schedule_csv_table;
extern const out_rows_table out_schedule_coverage_table;
extern const out_rows_table out_schedule_capacity_table;
extern const out_rows_table out_schedule_service_table;
extern const out_rows_table out_schedule_json_table;

#endif /* OUT_SCHEDULE_H */
