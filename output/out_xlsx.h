/* out_xlsx.h -- a run's result tables as one Excel workbook (--xlsx FILE), through
 * libxlsxwriter.
 *
 * What it is: a writer over the same field tables (output/out_rows.h) the CSV and JSON files
 * come from, so a sheet has the CSV file's columns, in its order, with its header names, and
 * its values (numbers as numbers, to the double, where the CSV has 10 significant digits;
 * an empty cell where the CSV field is empty). Row 1 holds the column names, row 2 the units
 * (docs/outputs.md's), each header cell a comment with the column's meaning; both rows are
 * frozen. Number formats follow the unit: shares in %, euros with thousands separators,
 * seconds and counts with thousands separators. The first sheet, "summary", names the
 * command, the scenario, the seed, the omnisim version and every other sheet with its rows.
 * What it is not: a reader, or a report layout (report.html is).
 *
 * The file is written atomically (a temporary in the target directory, renamed into place,
 * noted in the run's manifest when it lies in the output directory: output/out_file.h).
 */
#ifndef OUT_XLSX_H
#define OUT_XLSX_H

#include <stddef.h>

#include "out_rows.h"
#include "sim_error.h"

/* One sheet: the table written as the CSV file STEM.csv, named STEM (at most 31 bytes, none
 * of []:*?/\ ). */
typedef struct out_xlsx_sheet {
    const char *name;
    const out_rows_table *table;
    const void *ctx;
} out_xlsx_sheet;

/* What the summary sheet says of the run. */
typedef struct out_xlsx_run {
    const char *command;  /* "cost" */
    const char *scenario; /* the scenario's name */
    unsigned long long seed;
} out_xlsx_run;

/* Write the workbook `path`: the summary sheet, then one sheet per entry of sheets. SIM_OK,
 * SIM_EINVAL for a bad sheet name, or SIM_EIO (path "--xlsx") naming the file and the
 * library's reason; on an error no file is left under `path`. */
sim_status out_xlsx_write(const char *path, const out_xlsx_run *run, const out_xlsx_sheet *sheets,
                          size_t n, sim_error *err);

#endif /* OUT_XLSX_H */
