/* out_table.h -- read back a CSV file that omnisim wrote (for plots, the report and tests).
 *
 * What it is: a small reader for the CSV dialect of out_csv.h and the study commands: a
 * header row, comma-separated fields, optional double quotes ("" inside quotes is one
 * quote), empty field = no value. The whole file is held in memory (omnisim's tables are
 * at most a few MB; the per-contact trace is never read back here).
 * What it is not: a general CSV library (no embedded newlines inside quotes).
 */
#ifndef OUT_TABLE_H
#define OUT_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "sim_error.h"

typedef struct out_table {
    size_t n_cols;
    size_t n_rows;   /* data rows, header excluded */
    char **cells;    /* [(n_rows + 1) * n_cols], row 0 is the header; owned */
    char *text;      /* the file's bytes, split in place; owned */
} out_table;

/* Load `dir`/`name` (dir may be NULL: name is a path). SIM_OK; SIM_EIO when it cannot be
 * read (err names the file); SIM_EPARSE when a row has another field count than the
 * header; SIM_ENOMEM. On failure t is left empty (out_table_free is still safe). */
sim_status out_table_load(out_table *t, const char *dir, const char *name, sim_error *err);
void out_table_free(out_table *t);
/* Index of the column called `name`, or SIZE_MAX. O(columns). */
size_t out_table_col(const out_table *t, const char *name);
/* The text of a cell (row 0 = first data row); "" when out of range. */
const char *out_table_str(const out_table *t, size_t row, size_t col);
/* The cell as a number; NaN when empty, not a number or out of range. */
double out_table_num(const out_table *t, size_t row, size_t col);

#endif /* OUT_TABLE_H */
