/* out_rows.h -- result tables described once, written as CSV, as JSON (cJSON) and as text.
 *
 * What it is: the one mechanism behind the result files of the commands. A table is a list
 * of field descriptors, each with its name, its unit, how to read it and how to get its value
 * from the result; the CSV writer takes the header from the names, the JSON writer the keys,
 * and docs/outputs.md lists every field of every table with the same name, unit and text
 * (tests/test_out_rows.c checks, over output/out_catalog.h). So a column is added in one
 * place, and its CSV header, JSON key and documentation follow.
 * What it is not: a general CSV or JSON library (output/out_table.h reads CSV back), or a
 * report layout engine: a text table here is a row of fixed-width columns; the commands'
 * other lines are printed by their output modules.
 *
 * Fields. A scalar field (NUM, COUNT, INT, TEXT, NUMTEXT, BOOL) is one CSV column and one
 * JSON member; a CI field is a confidence interval: three CSV columns (NAME, NAME_lo,
 * NAME_hi, or NAME_mean, NAME_lo, NAME_hi with OUT_ROWS_MEAN_SUFFIX) and one JSON object
 * ({"mean", and the parts the flags ask for}); a scalar field with OUT_ROWS_LIST is a JSON
 * array of count() values. Repeated columns are a GROUP: for each item (a channel, a KPI, an
 * axis) the group's sub-fields, in CSV as columns named by the sub-field's name with the
 * group's placeholder replaced by the item's key ("expected_mix.<channel>" ->
 * "expected_mix.phone"), in JSON as one object keyed by item ({"phone": {"expected_mix": ..}},
 * or {"phone": value} when the group has one JSON sub-field without a json_name). OBJECT and
 * TABLE nest a sub-table in JSON (one object, or an array of objects over its rows); SERIES
 * turns a sub-table's columns into arrays (every JSON field of the sub-table becomes a
 * member holding its values over count() rows of it). A field marked OUT_ROWS_CSV_ONLY or
 * OUT_ROWS_JSON_ONLY is left out of the other format; the nesting kinds are JSON only.
 *
 * Numbers. CSV: up to 10 significant digits (%.10g), an empty field for NaN and infinities;
 * counts and integers exact. JSON: the same digits as the CSV (cJSON raw numbers, so a file
 * and its JSON twin agree digit for digit), null for NaN and infinities, counts exact to
 * 2^64 (a double would round seeds above 2^53); with OUT_ROWS_NATIVE, NUM fields take
 * cJSON's own numbers (17 digits where needed), as `omnisim check --json` and
 * `omnisim erlang --json` print; counts and integers stay exact. A NUMTEXT that is NULL or
 * empty is JSON null. Text is written as it is in CSV unless it holds a comma, a quote, a
 * carriage return or a newline (then it is quoted, "" for a quote); scenario names cannot
 * hold them.
 *
 * Getters. Every callback gets a cursor: the result (ctx), the row of the table, the item
 * of a group or list, and the cursor of the enclosing row for nested tables. Rows of a
 * top-level table have parent NULL; a CSV header asks a group for its items with row
 * OUT_ROWS_HEADER, so a group written to CSV must not depend on the row. A getter fills the
 * member of out_rows_value its field's kind reads (TEXT may point at v->buf).
 *
 * Members. Most fields show one member of a struct as it is: instead of a getter such a field
 * names a row function (the struct of the cursor's row: the result, a channel, an interval)
 * and the member, with OUT_ROWS_AT_NUM(row, type, member) and its siblings, which set the
 * kind, the row, the member's offset and width (the member's type is checked at compile
 * time: double for NUM, an unsigned integer for COUNT, a signed one for INT, int for BOOL,
 * const char * for TEXT, sim_ci for CI; OUT_ROWS_AT_CHARS for a char array shown as TEXT).
 * A getter is written only where the value is computed.
 *
 * Errors: the CSV and text writers return 0 or -1 (the stream's error); the JSON builders
 * return NULL when out of memory. Nothing here prints elsewhere than the given stream.
 */
#ifndef OUT_ROWS_H
#define OUT_ROWS_H

#include <stddef.h>
#include <stdio.h>

#include <cjson/cJSON.h>

#include "sim_ci.h"
#include "sim_error.h"

typedef enum out_rows_kind {
    OUT_ROWS_NUM,     /* double */
    OUT_ROWS_COUNT,   /* unsigned long long (counts, indices, seeds) */
    OUT_ROWS_INT,     /* long long (years, signed figures) */
    OUT_ROWS_TEXT,    /* const char * (NULL: empty field, JSON null) */
    OUT_ROWS_NUMTEXT, /* a number already written as text: CSV as is, JSON as a number */
    OUT_ROWS_BOOL,    /* int: CSV 0/1, JSON true/false */
    OUT_ROWS_CI,      /* sim_ci */
    OUT_ROWS_GROUP,   /* sub-fields repeated per item (count, key) */
    OUT_ROWS_OBJECT,  /* JSON: one object of sub-table `table` (a one-row table) */
    OUT_ROWS_TABLE,   /* JSON: an array of objects, one per row of `table` */
    OUT_ROWS_SERIES   /* JSON: each JSON field of `table` as an array over count() rows */
} out_rows_kind;

enum {
    OUT_ROWS_CSV_ONLY = 1u << 0,
    OUT_ROWS_JSON_ONLY = 1u << 1,
    OUT_ROWS_LIST = 1u << 2,        /* scalar kinds: a JSON array of count() values */
    OUT_ROWS_MEAN_SUFFIX = 1u << 3, /* CI in CSV: NAME_mean, NAME_lo, NAME_hi */
    OUT_ROWS_CI_LO = 1u << 4,       /* CI in JSON: besides "mean", "lo" ... */
    OUT_ROWS_CI_HI = 1u << 5,
    OUT_ROWS_CI_HALF_WIDTH = 1u << 6,
    OUT_ROWS_CI_N = 1u << 7,
    OUT_ROWS_CI_BOUNDS = OUT_ROWS_CI_LO | OUT_ROWS_CI_HI
};

/* Options of the JSON builders. */
enum { OUT_ROWS_NATIVE = 1u << 0 };

/* The row of a CSV header (see the file comment). */
#define OUT_ROWS_HEADER ((size_t)-1)

typedef struct out_rows_cursor {
    const void *ctx;                      /* the result being written */
    size_t row;                           /* row of the table (0 in a one-row table) */
    size_t item;                          /* item of a group or a list (0 elsewhere) */
    const struct out_rows_cursor *parent; /* the enclosing table's row; NULL at the top */
} out_rows_cursor;

typedef struct out_rows_value {
    double num;
    unsigned long long count;
    long long integer;
    const char *text;
    int flag;
    sim_ci ci;
    char buf[128]; /* scratch for a getter's formatted text */
} out_rows_value;

typedef void (*out_rows_get)(const out_rows_cursor *c, out_rows_value *v);
typedef const void *(*out_rows_row)(const out_rows_cursor *c); /* the struct of a member */
typedef size_t (*out_rows_count)(const out_rows_cursor *c);
typedef const char *(*out_rows_key)(const out_rows_cursor *c); /* of item c->item */

struct out_rows_table;

typedef struct out_rows_field {
    const char *name;  /* CSV column and JSON key; in a group, a template with the
                          placeholder; for OBJECT, TABLE, GROUP: the JSON key */
    const char *unit;  /* as docs/outputs.md writes it: "s", "share", "contacts", "text" */
    const char *doc;   /* how to read it: the "meaning" cell of docs/outputs.md */
    out_rows_kind kind;
    unsigned flags;
    out_rows_get get;                    /* scalar kinds, CI */
    out_rows_count count;                /* GROUP, LIST, SERIES: items; TABLE: rows (NULL:
                                            the table's n_rows) */
    out_rows_key key;                    /* GROUP: the item's key */
    const char *placeholder;             /* GROUP: "<channel>", in sub-field names */
    const struct out_rows_field *sub;    /* GROUP: the repeated fields */
    size_t n_sub;
    const struct out_rows_table *table;  /* OBJECT, TABLE, SERIES */
    size_t (*series_row)(const out_rows_cursor *c); /* SERIES: row of `table` for item */
    const char *json_name;               /* JSON key when it is not `name`; a group's
                                            sub-field: its key in the item's object */
    int (*has)(const out_rows_cursor *c); /* NULL: always written; else written only where
                                            it returns nonzero (JSON: the key is left out;
                                            CSV: an empty field, the header is fixed) */
    out_rows_row row;    /* scalar kinds, CI without get: the struct holding the member */
    size_t at;           /* its offset in that struct (offsetof) */
    unsigned char width; /* COUNT, INT: its size in bytes; TEXT: 0 a pointer, 1 an array */
} out_rows_field;

/* The result itself (c->ctx): the row of a member of the result's own struct. */
const void *out_rows_ctx(const out_rows_cursor *c);

/* The designators of a member field (see the file comment): write them first in the braces,
 * then name, unit, doc and flags. The unevaluated pointer difference or _Generic fails to
 * compile when the member's type does not fit the kind. */
#define OUT_ROWS_AT_(rowfn, type, member)                                                   \
    .row = (rowfn), .at = offsetof(type, member)
#define OUT_ROWS_AT_TYPED_(rowfn, type, member, ctype)                                      \
    OUT_ROWS_AT_(rowfn, type, member) + 0 * sizeof(&((type *)0)->member - (ctype *)0)
#define OUT_ROWS_AT_NUM(rowfn, type, member)                                                \
    .kind = OUT_ROWS_NUM, OUT_ROWS_AT_TYPED_(rowfn, type, member, const double)
#define OUT_ROWS_AT_CI(rowfn, type, member)                                                 \
    .kind = OUT_ROWS_CI, OUT_ROWS_AT_TYPED_(rowfn, type, member, const sim_ci)
#define OUT_ROWS_AT_BOOL(rowfn, type, member)                                               \
    .kind = OUT_ROWS_BOOL, OUT_ROWS_AT_TYPED_(rowfn, type, member, const int)
#define OUT_ROWS_AT_TEXT(rowfn, type, member)                                               \
    .kind = OUT_ROWS_TEXT, OUT_ROWS_AT_TYPED_(rowfn, type, member, const char *const)
#define OUT_ROWS_AT_CHARS(rowfn, type, member)                                              \
    .kind = OUT_ROWS_TEXT, OUT_ROWS_AT_(rowfn, type, member) + 0 * sizeof(((type *)0)->member[0] == 'x'), .width = 1
#define OUT_ROWS_AT_COUNT(rowfn, type, member)                                              \
    .kind = OUT_ROWS_COUNT, OUT_ROWS_AT_(rowfn, type, member),                              \
    .width = _Generic(((type *)0)->member, unsigned char: 1, unsigned short: 2,           \
                      unsigned int: sizeof(unsigned), unsigned long: sizeof(unsigned long), \
                      unsigned long long: sizeof(unsigned long long))
#define OUT_ROWS_AT_INT(rowfn, type, member)                                                \
    .kind = OUT_ROWS_INT, OUT_ROWS_AT_(rowfn, type, member),                                \
    .width = _Generic(((type *)0)->member, signed char: 1, short: 2, int: sizeof(int),    \
                      long: sizeof(long), long long: sizeof(long long))

typedef struct out_rows_table {
    const char *name; /* the file or document docs/outputs.md documents it under */
    const out_rows_field *fields;
    size_t n_fields;
    /* Rows of the table under the enclosing row `parent` (NULL at the top); NULL: one row. */
    size_t (*n_rows)(const void *ctx, const out_rows_cursor *parent);
} out_rows_table;

/* The table as CSV on fp: header, then one line per row. 0, or -1 on a stream error. */
int out_rows_csv(FILE *fp, const out_rows_table *t, const void *ctx);

/* One CSV text field: as it is, or quoted ("" for a quote) when it holds a comma, a quote, a
 * carriage return or a newline. NULL writes nothing (an empty field). */
void out_rows_csv_text(FILE *fp, const char *s);

/* The table as JSON: an object when the table has one row (n_rows NULL), else an array of
 * one object per row. The caller frees with cJSON_Delete. NULL when out of memory.
 * opts: 0 or OUT_ROWS_NATIVE. */
cJSON *out_rows_json(const out_rows_table *t, const void *ctx, unsigned opts);

/* cJSON_Print (formatted, tabs) or cJSON_PrintUnformatted of doc, with a final newline, to
 * fp. 0, or -1 when out of memory or on a stream error. doc is not freed. */
int out_rows_json_print(FILE *fp, const cJSON *doc, int formatted);

/* out_rows_json of t, printed formatted to fp and freed. 0 or -1. */
int out_rows_json_write(FILE *fp, const out_rows_table *t, const void *ctx, unsigned opts);

/* A text table: fixed-width columns, as printf pads them. */
typedef struct out_rows_col {
    const char *header;
    int width;       /* field width; negative: left-aligned (printf's '-') */
    char conv;       /* 'f' or 'g' (num), 'u' (count), 'd' (integer), 's' (text) */
    int precision;   /* for 'f' and 'g' */
    const char *sep; /* printed before the column; NULL: one space (none before the first) */
    out_rows_get get;
} out_rows_col;

typedef struct out_rows_text {
    const char *indent; /* before every line; NULL: none */
    const out_rows_col *cols;
    size_t n_cols;
} out_rows_text;

/* The header line (the headers padded to the columns' widths), or one row. 0 or -1. */
int out_rows_text_header(FILE *fp, const out_rows_text *t);
int out_rows_text_row(FILE *fp, const out_rows_text *t, const out_rows_cursor *c);

/* Check a table's description: every field has a name, a unit and a doc, a getter (or
 * count, key and sub-fields, or a sub-table) as its kind needs; CSV column names (templates
 * for groups) are unique within the table, and JSON keys unique within each object. SIM_OK,
 * or SIM_EINVAL naming the table and field. */
sim_status out_rows_check(const out_rows_table *t, sim_error *err);

/* Walk the documented fields of t as docs/outputs.md lists them: json 0, the CSV columns
 * ("`arrived` (+ `_lo`, `_hi`)", "`baseline_mean` (+ `_lo`, `_hi`)*", group templates as
 * "`expected_mix.<channel>`"); json 1, the JSON members as dotted paths ("`total.peak`",
 * "`channels[].name`", "`segments.<segment>`"). fn gets the name cell (with backquotes),
 * the unit and the doc. */
void out_rows_doc(const out_rows_table *t, int json,
                  void (*fn)(void *arg, const char *name, const char *unit, const char *doc),
                  void *arg);

/* One CSV column of one row, for writers other than CSV (output/out_xlsx.c): its header
 * name, its field's unit and doc, and its value as the CSV writer would write it. A CI
 * field is three NUM cells (NAME or NAME_mean, NAME_lo, NAME_hi). empty: the CSV field is
 * empty (the header row, a field whose has() is 0, a NaN or infinite number). */
typedef struct out_rows_cell {
    const char *name; /* valid during the callback only */
    const char *unit;
    const char *doc;
    out_rows_kind kind; /* NUM, COUNT, INT, TEXT, NUMTEXT or BOOL */
    int empty;
    double num;
    unsigned long long count;
    long long integer;
    const char *text; /* TEXT, NUMTEXT (may be NULL); valid during the callback only */
    int flag;
} out_rows_cell;

/* Nonzero stops the walk. */
typedef int (*out_rows_cell_fn)(void *arg, const out_rows_cell *cell);

/* Call fn for every CSV column of row `row` of t (OUT_ROWS_HEADER: names, units and docs
 * only), in the CSV's order. 0, or -1 when fn stopped it. */
int out_rows_cells(const out_rows_table *t, const void *ctx, size_t row, out_rows_cell_fn fn,
                   void *arg);

/* The number of rows of a top-level table (1 when it has no n_rows). */
size_t out_rows_n_rows(const out_rows_table *t, const void *ctx);

#endif /* OUT_ROWS_H */
