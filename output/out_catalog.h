/* out_catalog.h -- every result table the commands write, in one list.
 *
 * What it is: the list of the output/ modules' field tables (output/out_rows.h), each with
 * the headings under which docs/outputs.md documents its CSV columns and its JSON keys.
 * tests/test_out_rows.c walks it and checks that docs/outputs.md has a row, with the same
 * unit, for every field of every table; a new result table is one line here.
 * What it is not: a registry the writers look tables up in (each module uses its own table
 * directly), or a list of the files a command writes (a command may write other text).
 */
#ifndef OUT_CATALOG_H
#define OUT_CATALOG_H

#include <stddef.h>

#include "out_rows.h"

typedef struct out_catalog_entry {
    const out_rows_table *table;
    const char *command;  /* the command that writes it: "staff" */
    const char *csv_doc;  /* docs/outputs.md heading (the first `quoted` name of a "###"
                             heading) listing its CSV columns; NULL: not written as CSV */
    const char *json_doc; /* the heading listing its JSON keys; NULL: not written as JSON */
} out_catalog_entry;

/* The entries, in the order docs/outputs.md lists them; *n is set to their number. Static
 * storage: never freed. */
const out_catalog_entry *out_catalog_entries(size_t *n);

/* The entry whose table is named name, or NULL. */
const out_catalog_entry *out_catalog_find(const char *name);

#endif /* OUT_CATALOG_H */
