/* out_xlsx.c -- see out_xlsx.h.
 *
 * libxlsxwriter writes the workbook to a file it opens by name when the workbook is closed.
 * For an atomic file we let out_file_begin create the temporary (mkstemp, in the target
 * directory), have the library write that path, and let out_file_commit sync and rename it:
 * the library's fopen(path, "wb") truncates and writes the same inode, so the descriptor
 * out_file_begin holds (with nothing buffered) syncs the library's bytes.
 */
#include "out_xlsx.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xlsxwriter.h>

#include "out_file.h"
#include "out_label.h"
#include "sim_alloc.h"
#include "sim_mpi.h"

#define OUT_XLSX_WIDTH_MIN 8.0
#define OUT_XLSX_WIDTH_MAX 48.0

/* The formats of one workbook. */
typedef struct xlsx_formats {
    lxw_format *header, *unit, *share, *eur, *seconds, *count, *decimal;
} xlsx_formats;

/* A sheet being filled: its columns' widths, grown to the longest header, unit or value. */
typedef struct xlsx_sheet_state {
    lxw_worksheet *ws;
    const xlsx_formats *fmt;
    lxw_row_t row;
    lxw_col_t col;
    double *width;
    size_t n_cols;
    lxw_error bad; /* the first error of the library */
} xlsx_sheet_state;

static void widen(xlsx_sheet_state *s, size_t chars)
{
    if (s->width != NULL && s->col < s->n_cols && (double)chars + 2.0 > s->width[s->col])
        s->width[s->col] = (double)chars + 2.0;
}

static void note(xlsx_sheet_state *s, lxw_error e)
{
    if (s->bad == LXW_NO_ERROR)
        s->bad = e;
}

/* The number format of a column from its unit (docs/outputs.md's); a study's KPI column
 * ("phone.service_level_lo", unit "KPI's") from the KPI's kind (out_label.h). */
static lxw_format *format_of(const xlsx_formats *fmt, const out_rows_cell *c)
{
    const char *u = c->unit;
    if (strcmp(u, "KPI's") == 0) {
        char kpi[256], label[256];
        snprintf(kpi, sizeof kpi, "%s", c->name);
        size_t n = strlen(kpi);
        static const char *const suffix[] = {"_mean", "_lo", "_hi"};
        for (size_t i = 0; i < 3; i++) {
            size_t k = strlen(suffix[i]);
            if (n > k && strcmp(kpi + n - k, suffix[i]) == 0) {
                kpi[n - k] = '\0';
                break;
            }
        }
        switch (out_label_kpi(kpi, label, sizeof label)) {
        case OUT_LABEL_SHARE: return fmt->share;
        case OUT_LABEL_SECONDS: return fmt->seconds;
        case OUT_LABEL_EUR:
        case OUT_LABEL_EUR_CENTS: return fmt->eur;
        default: return fmt->decimal;
        }
    }
    if (strcmp(u, "share") == 0)
        return fmt->share;
    if (strncmp(u, "EUR", 3) == 0)
        return fmt->eur;
    if (strcmp(u, "s") == 0)
        return fmt->seconds;
    if (c->kind == OUT_ROWS_COUNT || c->kind == OUT_ROWS_INT)
        return strcmp(u, "year") == 0 || strcmp(u, "index") == 0 ? NULL : fmt->count;
    return fmt->decimal;
}

static int header_cell(void *arg, const out_rows_cell *c)
{
    xlsx_sheet_state *s = arg;
    note(s, worksheet_write_string(s->ws, 0, s->col, c->name, s->fmt->header));
    note(s, worksheet_write_string(s->ws, 1, s->col, c->unit, s->fmt->unit));
    if (c->doc != NULL && c->doc[0] != '\0')
        note(s, worksheet_write_comment(s->ws, 0, s->col, c->doc));
    widen(s, strlen(c->name));
    widen(s, strlen(c->unit));
    s->col++;
    return 0;
}

static int count_cell(void *arg, const out_rows_cell *c)
{
    (void)c;
    ((xlsx_sheet_state *)arg)->n_cols++;
    return 0;
}

static int value_cell(void *arg, const out_rows_cell *c)
{
    xlsx_sheet_state *s = arg;
    lxw_format *f = format_of(s->fmt, c);
    char *end = NULL;
    double x;
    if (!c->empty) {
        switch (c->kind) {
        case OUT_ROWS_NUM:
            note(s, worksheet_write_number(s->ws, s->row, s->col, c->num, f));
            widen(s, 12);
            break;
        case OUT_ROWS_COUNT:
            /* A count above 2^53 (a seed) would round as a number: text keeps its digits. */
            if (c->count > (1ull << 53)) {
                char buf[32];
                snprintf(buf, sizeof buf, "%llu", c->count);
                note(s, worksheet_write_string(s->ws, s->row, s->col, buf, NULL));
                widen(s, strlen(buf));
            } else {
                note(s, worksheet_write_number(s->ws, s->row, s->col, (double)c->count, f));
            }
            break;
        case OUT_ROWS_INT:
            note(s, worksheet_write_number(s->ws, s->row, s->col, (double)c->integer, f));
            break;
        case OUT_ROWS_BOOL:
            note(s, worksheet_write_boolean(s->ws, s->row, s->col, c->flag != 0, NULL));
            break;
        case OUT_ROWS_NUMTEXT:
            /* A number already written as text: a number cell when it reads as one. */
            if (c->text != NULL && c->text[0] != '\0') {
                x = strtod(c->text, &end);
                if (end != c->text && *end == '\0' && isfinite(x))
                    note(s, worksheet_write_number(s->ws, s->row, s->col, x, f));
                else
                    note(s, worksheet_write_string(s->ws, s->row, s->col, c->text, NULL));
                widen(s, strlen(c->text));
            }
            break;
        default: /* TEXT */
            if (c->text != NULL && c->text[0] != '\0') {
                note(s, worksheet_write_string(s->ws, s->row, s->col, c->text, NULL));
                widen(s, strlen(c->text));
            }
        }
    }
    s->col++;
    return 0;
}

static lxw_error write_table(lxw_workbook *wb, const xlsx_formats *fmt, const out_xlsx_sheet *sh,
                             size_t *rows_out, size_t *cols_out)
{
    xlsx_sheet_state s = {0};
    s.fmt = fmt;
    s.ws = workbook_add_worksheet(wb, sh->name);
    if (s.ws == NULL)
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    out_rows_cells(sh->table, sh->ctx, OUT_ROWS_HEADER, count_cell, &s);
    s.width = sim_calloc(s.n_cols > 0 ? s.n_cols : 1, sizeof *s.width);
    for (size_t i = 0; i < s.n_cols; i++)
        s.width[i] = OUT_XLSX_WIDTH_MIN;
    out_rows_cells(sh->table, sh->ctx, OUT_ROWS_HEADER, header_cell, &s);
    size_t n = out_rows_n_rows(sh->table, sh->ctx);
    for (size_t r = 0; r < n && s.bad == LXW_NO_ERROR; r++) {
        s.row = (lxw_row_t)(r + 2);
        s.col = 0;
        out_rows_cells(sh->table, sh->ctx, r, value_cell, &s);
    }
    for (size_t i = 0; i < s.n_cols; i++)
        worksheet_set_column(s.ws, (lxw_col_t)i, (lxw_col_t)i,
                             s.width[i] < OUT_XLSX_WIDTH_MAX ? s.width[i] : OUT_XLSX_WIDTH_MAX,
                             NULL);
    worksheet_freeze_panes(s.ws, 2, 0);
    sim_free(s.width);
    *rows_out = n;
    *cols_out = s.n_cols;
    return s.bad;
}

/* The summary sheet: the run, then the sheets that follow with their sizes. */
static lxw_error write_summary(lxw_worksheet *ws, const xlsx_formats *fmt,
                               const out_xlsx_run *run, const out_xlsx_sheet *sheets,
                               const size_t *rows, const size_t *cols, size_t n)
{
    lxw_error bad = LXW_NO_ERROR;
    char seed[32];
    snprintf(seed, sizeof seed, "%llu", run->seed);
    const char *facts[][2] = {
        {"command", run->command},   {"scenario", run->scenario},
        {"seed", seed},              {"omnisim_version", OMNISIM_VERSION},
    };
    lxw_error e;
#define OUT_XLSX_NOTE(call) ((e = (call)) != LXW_NO_ERROR && bad == LXW_NO_ERROR ? (bad = e) : 0)
    OUT_XLSX_NOTE(worksheet_write_string(ws, 0, 0, "field", fmt->header));
    OUT_XLSX_NOTE(worksheet_write_string(ws, 0, 1, "value", fmt->header));
    for (size_t i = 0; i < sizeof facts / sizeof facts[0]; i++) {
        OUT_XLSX_NOTE(worksheet_write_string(ws, (lxw_row_t)(i + 1), 0, facts[i][0], NULL));
        OUT_XLSX_NOTE(worksheet_write_string(ws, (lxw_row_t)(i + 1), 1,
                                             facts[i][1] != NULL ? facts[i][1] : "", NULL));
    }
    lxw_row_t r = (lxw_row_t)(sizeof facts / sizeof facts[0] + 2);
    static const char *const head[] = {"sheet", "rows", "columns", "csv_file"};
    for (lxw_col_t c = 0; c < 4; c++)
        OUT_XLSX_NOTE(worksheet_write_string(ws, r, c, head[c], fmt->header));
    for (size_t i = 0; i < n; i++) {
        char csv[64];
        snprintf(csv, sizeof csv, "%s.csv", sheets[i].name);
        lxw_row_t ri = (lxw_row_t)(r + 1 + i);
        OUT_XLSX_NOTE(worksheet_write_string(ws, ri, 0, sheets[i].name, NULL));
        OUT_XLSX_NOTE(worksheet_write_number(ws, ri, 1, (double)rows[i], fmt->count));
        OUT_XLSX_NOTE(worksheet_write_number(ws, ri, 2, (double)cols[i], fmt->count));
        OUT_XLSX_NOTE(worksheet_write_string(ws, ri, 3, csv, NULL));
    }
#undef OUT_XLSX_NOTE
    worksheet_set_column(ws, 0, 0, 18, NULL);
    worksheet_set_column(ws, 1, 1, 28, NULL);
    worksheet_set_column(ws, 2, 3, 12, NULL);
    return bad;
}

static lxw_format *num_format(lxw_workbook *wb, const char *code)
{
    lxw_format *f = workbook_add_format(wb);
    if (f != NULL)
        format_set_num_format(f, code);
    return f;
}

/* The workbook into file `file` (the temporary). */
static sim_status write_book(const char *file, const char *path, const out_xlsx_run *run,
                             const out_xlsx_sheet *sheets, size_t n, sim_error *err)
{
    lxw_workbook *wb = workbook_new(file);
    if (wb == NULL)
        return sim_error_set(err, SIM_EIO, "--xlsx", "cannot create the workbook '%s'", path);
    /* A fixed creation time: the same run writes the same bytes (the library would stamp
     * the current time into docProps/core.xml). 2000-01-01T00:00:00Z. */
    lxw_doc_properties props = {0};
    props.created = (time_t)946684800;
    props.title = "omnisim results";
    lxw_error bad = workbook_set_properties(wb, &props);
    xlsx_formats fmt;
    fmt.header = workbook_add_format(wb);
    fmt.unit = workbook_add_format(wb);
    if (fmt.header != NULL)
        format_set_bold(fmt.header);
    if (fmt.unit != NULL)
        format_set_italic(fmt.unit);
    fmt.share = num_format(wb, "0.0%");
    fmt.eur = num_format(wb, "#,##0.00");
    fmt.seconds = num_format(wb, "#,##0.0");
    fmt.count = num_format(wb, "#,##0");
    fmt.decimal = num_format(wb, "#,##0.0###");
    lxw_worksheet *summary = workbook_add_worksheet(wb, "summary");
    size_t *rows = sim_calloc(n > 0 ? n : 1, sizeof *rows);
    size_t *cols = sim_calloc(n > 0 ? n : 1, sizeof *cols);
    if (summary == NULL && bad == LXW_NO_ERROR)
        bad = LXW_ERROR_MEMORY_MALLOC_FAILED;
    for (size_t i = 0; i < n && bad == LXW_NO_ERROR; i++)
        bad = write_table(wb, &fmt, &sheets[i], &rows[i], &cols[i]);
    if (bad == LXW_NO_ERROR)
        bad = write_summary(summary, &fmt, run, sheets, rows, cols, n);
    sim_free(rows);
    sim_free(cols);
    lxw_error closed = workbook_close(wb); /* writes the file; frees wb in every case */
    if (bad == LXW_NO_ERROR)
        bad = closed;
    if (bad != LXW_NO_ERROR)
        return sim_error_set(err, SIM_EIO, "--xlsx", "cannot write the workbook '%s': %s", path,
                             lxw_strerror(bad));
    return SIM_OK;
}

sim_status out_xlsx_write(const char *path, const out_xlsx_run *run, const out_xlsx_sheet *sheets,
                          size_t n, sim_error *err)
{
    for (size_t i = 0; i < n; i++) {
        const char *nm = sheets[i].name;
        if (nm == NULL || nm[0] == '\0' || strlen(nm) > 31 || strpbrk(nm, "[]:*?/\\") != NULL ||
            strcmp(nm, "summary") == 0)
            return sim_error_set(err, SIM_EINVAL, "--xlsx", "bad sheet name '%s'",
                                 nm != NULL ? nm : "");
    }
    char dir[OUT_FILE_PATH_MAX];
    const char *slash = strrchr(path, '/');
    const char *name = slash != NULL ? slash + 1 : path;
    if (name[0] == '\0')
        return sim_error_set(err, SIM_EIO, "--xlsx", "'%s' names a directory, not a file",
                             path);
    if (slash == NULL)
        snprintf(dir, sizeof dir, ".");
    else if (slash == path)
        snprintf(dir, sizeof dir, "/");
    else if ((size_t)(slash - path) < sizeof dir)
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    else
        return sim_error_set(err, SIM_EIO, "--xlsx", "path too long");
    out_file_tx tx;
    sim_status st = out_file_begin(&tx, dir, name, err);
    if (st != SIM_OK) {
        char why[SIM_ERROR_MESSAGE_MAX];
        snprintf(why, sizeof why, "%s", err->message);
        return sim_error_set(err, st, "--xlsx", "cannot write the workbook '%s': %s", path, why);
    }
    /* MPI ranks other than 0 write nothing (out_file.h). */
    st = sim_mpi_is_root() ? write_book(tx.tmp_path, path, run, sheets, n, err) : SIM_OK;
    if (st != SIM_OK) {
        out_file_abort(&tx);
        return st;
    }
    return out_file_commit(&tx, err);
}
