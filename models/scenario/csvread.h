/* csvread.h -- streaming CSV rows with their file, line and column, on top of libcsv.
 *
 * The data files a scenario takes (forecast files, calendars) are CSV. Parsing CSV by hand
 * gets quoting, embedded delimiters and line breaks inside quotes subtly wrong, so the
 * grammar is libcsv's (Debian libcsv-dev: an RFC 4180 streaming parser, strict mode). What
 * libcsv does not offer, and this module adds, is positions: it reports fields without line
 * numbers, so the reader feeds it one physical line at a time and records the line each row
 * starts on; a field's column is its 1-based index in the row (the usual meaning for CSV).
 *
 * It is not a table: rows are handed to a callback one at a time and forgotten, so memory is
 * bounded by the longest row, not the file. Blank lines are skipped (libcsv's default); a
 * UTF-8 byte-order mark at the start is dropped (spreadsheet exports write one). Allocation
 * goes through sim_alloc (libcsv's buffers too), so fault injection reaches it.
 */
#ifndef CSVREAD_H
#define CSVREAD_H

#include <stddef.h>

#include "sim_error.h"

/* One row as the callback sees it. Every pointer is borrowed and valid only during the
 * call. field[i] is NUL-terminated (a field cannot hold NUL bytes: libcsv would pass them
 * through, the reader refuses them as a parse error). */
typedef struct csvread_row {
    const char *file;          /* the name given to the reader */
    long index;                /* 0-based row number, the header (if any) included */
    int line;                  /* 1-based physical line the row starts on */
    size_t n;                  /* number of fields */
    const char *const *field;  /* n fields */
} csvread_row;

/* Called for each row in file order. Returning anything but SIM_OK stops the reading and that
 * status is returned by csvread_file / csvread_text (the callback fills err). */
typedef sim_status (*csvread_row_fn)(const csvread_row *row, void *data, sim_error *err);

/* Read the CSV file at path, calling fn(row, data, err) for each row. Errors: SIM_EIO when the
 * file cannot be opened or read; SIM_EPARSE on malformed CSV (e.g. a stray quote), with err's
 * path set to the file name and line/column to where the reader stopped; SIM_ENOMEM; or what
 * fn returned. O(file size); memory O(longest row). */
sim_status csvread_file(const char *path, csvread_row_fn fn, void *data, sim_error *err);

/* The same on text in memory (len bytes, need not be NUL-terminated); name labels errors. */
sim_status csvread_text(const char *name, const char *text, size_t len, csvread_row_fn fn,
                        void *data, sim_error *err);

/* Parse row->field[col] (0-based) as a finite decimal number: the whole field, surrounding
 * blanks allowed, nothing else. On failure returns SIM_EINVAL with a message naming the file,
 * the line, the 1-based column and `what` (the column's meaning, e.g. "volume"). */
sim_status csvread_number(const csvread_row *row, size_t col, const char *what, double *out,
                          sim_error *err);

/* Record an error about row->field[col] (0-based): err's path is the file name, line/column
 * the row's line and col + 1 (sim_error_format then prints "FILE: message (line L, column
 * C)"). Returns code. */
sim_status csvread_error(sim_error *err, sim_status code, const csvread_row *row, size_t col,
                         const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

#endif /* CSVREAD_H */
