/* out_staff.h -- the results of `omnisim staff`: staffing.csv, staffing.json (also printed
 * by --json) and the tables on stdout.
 *
 * What it is: the field tables of the Erlang requirement (models/queueing/staffplan.h) and
 * their writers. staffing.csv is one row per interval and staffed channel; staffing.json the
 * run's settings, the week's totals and per channel its parameters, its week in figures
 * (staffplan_week_sum) and every per-interval column of staffing.csv as an array over the
 * week. docs/outputs.md lists every field (tests/test_out_rows.c checks, over out_catalog.h).
 * What it is not: the arithmetic (staffplan.h) or the option parsing (cli/cli_staff.c).
 *
 * The writers return 0, or -1 on a stream error (or out of memory for the JSON); they print
 * only to the stream given.
 */
#ifndef OUT_STAFF_H
#define OUT_STAFF_H

#include <stdio.h>

#include "out_rows.h"
#include "scenario.h"
#include "staffplan.h"

/* What the writers read. Borrowed pointers; week is filled by out_staff_init. */
typedef struct out_staff {
    const scenario *scn;
    const staffplan *plan;
    const staffplan_options *opts;
    staffplan_week week;
} out_staff;

void out_staff_init(out_staff *s, const scenario *scn, const staffplan *plan,
                    const staffplan_options *opts);

/* staffing.csv and staffing.json; ctx is a const out_staff * (the signature of an atomic
 * file writer). */
int out_staff_csv(FILE *fp, void *ctx);
int out_staff_json(FILE *fp, void *ctx);

/* The summary on stdout: the model, the repeat contacts (with --repeats), one line per
 * channel and the total. */
int out_staff_print_summary(FILE *fp, const out_staff *s);
/* The per-interval table (--verbose), after an empty line. */
int out_staff_print_intervals(FILE *fp, const out_staff *s);

/* The tables, for the catalog. */
extern const out_rows_table out_staff_csv_table;
extern const out_rows_table out_staff_json_table;

#endif /* OUT_STAFF_H */
