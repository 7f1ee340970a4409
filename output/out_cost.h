/* out_cost.h -- the results of `omnisim cost`: costs.csv, sla.csv, the JSON object of --json
 * and the tables on stdout.
 *
 * What it is: the field tables of a cost study (models/study/cost_study.h) and their
 * writers. costs.csv is long format (table, key, year, value, half_width, unit), one row per
 * cost line, total, channel, site, year and strategy of the years ahead, crossover; sla.csv
 * one row per outsourcer, then per sweep point and outsourcer. docs/outputs.md lists every
 * field (tests/test_out_rows.c checks, over out_catalog.h); docs/costs.md the formulas.
 * What it is not: the arithmetic or the option parsing (cli/cli_cost.c).
 *
 * Writers return 0, or -1 on a stream error (or out of memory for the JSON).
 */
#ifndef OUT_COST_H
#define OUT_COST_H

#include <stdio.h>

#include "cost_study.h"
#include "out_rows.h"

/* costs.csv and sla.csv; ctx is a const cost_study * (an atomic file writer's signature). */
int out_cost_csv(FILE *fp, void *ctx);
int out_cost_sla_csv(FILE *fp, void *ctx);

/* The JSON object (--json), formatted by cJSON. */
int out_cost_json(FILE *fp, const cost_study *c);

/* The tables on stdout: lines, totals, channels, sites, the years ahead, SLA risk, sweep. */
int out_cost_print(FILE *fp, const cost_study *c);

extern const out_rows_table out_cost_csv_table;
extern const out_rows_table out_cost_sla_table;
extern const out_rows_table out_cost_json_table;

#endif /* OUT_COST_H */
