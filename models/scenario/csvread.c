/* csvread.c -- see csvread.h. */
#include "csvread.h"

#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim_alloc.h"

/* The row being assembled: the fields' bytes back to back, each NUL-terminated, and their
 * start offsets. Both arrays keep their capacity from row to row, so after the longest row
 * nothing more is allocated. */
typedef struct csvread_state {
    const char *name;
    csvread_row_fn fn;
    void *data;
    sim_error *err;
    sim_status status; /* first failure; once set, the callbacks ignore the rest */
    int line;          /* physical line being fed to the parser */
    int row_line;      /* line the current row started on, 0 before its first field */
    long index;
    char *bytes;
    size_t bytes_len, bytes_cap;
    size_t *start;
    size_t n, cap;
    const char **ptrs;
    size_t ptrs_cap;
} csvread_state;

static size_t count_newlines(const char *s, size_t len)
{
    size_t k = 0;
    for (size_t i = 0; i < len; i++)
        k += s[i] == '\n';
    return k;
}

static void on_field(void *field, size_t len, void *data)
{
    csvread_state *st = data;
    if (st->status != SIM_OK)
        return;
    const char *s = field != NULL ? field : "";
    if (st->n == 0)
        st->row_line = st->line - (int)count_newlines(s, len);
    if (memchr(s, '\0', len) != NULL) {
        st->status = sim_error_set(st->err, SIM_EPARSE, st->name,
                                   "a NUL byte inside a field (is this a text file?)");
        sim_error_set_location(st->err, st->line, (int)st->n + 1);
        return;
    }
    if (st->n == st->cap) {
        size_t cap = st->cap ? 2 * st->cap : 16;
        size_t *p = sim_realloc_array(st->start, cap, sizeof *p);
        if (p == NULL) {
            st->status = sim_error_set(st->err, SIM_ENOMEM, st->name, "out of memory reading a row");
            return;
        }
        st->start = p;
        st->cap = cap;
    }
    if (st->bytes_len + len + 1 > st->bytes_cap) {
        size_t cap = st->bytes_cap ? st->bytes_cap : 256;
        while (cap < st->bytes_len + len + 1)
            cap *= 2;
        char *b = sim_realloc(st->bytes, cap);
        if (b == NULL) {
            st->status = sim_error_set(st->err, SIM_ENOMEM, st->name, "out of memory reading a row");
            return;
        }
        st->bytes = b;
        st->bytes_cap = cap;
    }
    st->start[st->n++] = st->bytes_len;
    if (len > 0)
        memcpy(st->bytes + st->bytes_len, s, len);
    st->bytes_len += len;
    st->bytes[st->bytes_len++] = '\0';
}

static void on_row(int c, void *data)
{
    (void)c;
    csvread_state *st = data;
    if (st->status != SIM_OK)
        return;
    if (st->n > st->ptrs_cap) {
        const char **p = sim_realloc_array(st->ptrs, st->cap, sizeof *p);
        if (p == NULL) {
            st->status = sim_error_set(st->err, SIM_ENOMEM, st->name, "out of memory reading a row");
            return;
        }
        st->ptrs = p;
        st->ptrs_cap = st->cap;
    }
    for (size_t i = 0; i < st->n; i++)
        st->ptrs[i] = st->bytes + st->start[i];
    csvread_row row = { st->name, st->index, st->row_line > 0 ? st->row_line : st->line, st->n,
                        st->ptrs };
    st->status = st->fn(&row, st->data, st->err);
    st->index++;
    st->n = 0;
    st->bytes_len = 0;
    st->row_line = 0;
}

static void *csvread_realloc(void *p, size_t n) { return sim_realloc(p, n); }

/* Feed one chunk, split at line ends so that st->line is the line of every byte the parser
 * is looking at when it calls back. */
static void feed(struct csv_parser *p, csvread_state *st, const char *buf, size_t len)
{
    size_t i = 0;
    while (i < len && st->status == SIM_OK) {
        const char *nl = memchr(buf + i, '\n', len - i);
        size_t seg = nl != NULL ? (size_t)(nl - (buf + i)) + 1 : len - i;
        if (csv_parse(p, buf + i, seg, on_field, on_row, st) != seg && st->status == SIM_OK) {
            int e = csv_error(p);
            st->status = sim_error_set(st->err, e == CSV_ENOMEM ? SIM_ENOMEM : SIM_EPARSE, st->name,
                                       "malformed CSV (%s; a quote inside an unquoted field, or "
                                       "text after a closing quote?)", csv_strerror(e));
            sim_error_set_location(st->err, st->line, (int)st->n + 1);
        }
        if (nl != NULL)
            st->line++;
        i += seg;
    }
}

typedef struct csvread_source {
    FILE *f;            /* a file, or */
    const char *text;   /* text in memory */
    size_t len;
} csvread_source;

static sim_status run(const char *name, csvread_source *src, csvread_row_fn fn, void *data,
                      sim_error *err)
{
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
        return sim_error_set(err, SIM_ENOMEM, name, "cannot set up the CSV parser");
    csv_set_realloc_func(&p, csvread_realloc);
    csv_set_free_func(&p, sim_free);
    csvread_state st = { .name = name, .fn = fn, .data = data, .err = err, .line = 1 };
    int first = 1;
    if (src->f != NULL) {
        char buf[65536];
        size_t got;
        while (st.status == SIM_OK && (got = fread(buf, 1, sizeof buf, src->f)) > 0) {
            size_t skip = first && got >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
            first = 0;
            feed(&p, &st, buf + skip, got - skip);
        }
        if (st.status == SIM_OK && ferror(src->f))
            st.status = sim_error_set(err, SIM_EIO, name, "read error: %s", strerror(errno));
    } else {
        size_t skip = src->len >= 3 && memcmp(src->text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
        feed(&p, &st, src->text + skip, src->len - skip);
    }
    if (st.status == SIM_OK && csv_fini(&p, on_field, on_row, &st) != 0 && st.status == SIM_OK) {
        st.status = sim_error_set(err, SIM_EPARSE, name,
                                  "malformed CSV: the file ends inside a quoted field");
        sim_error_set_location(err, st.row_line > 0 ? st.row_line : st.line, (int)st.n + 1);
    }
    csv_free(&p);
    sim_free(st.bytes);
    sim_free(st.start);
    sim_free(st.ptrs);
    return st.status;
}

sim_status csvread_file(const char *path, csvread_row_fn fn, void *data, sim_error *err)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return sim_error_set(err, SIM_EIO, path, "cannot open: %s", strerror(errno));
    csvread_source src = { f, NULL, 0 };
    sim_status st = run(path, &src, fn, data, err);
    fclose(f);
    return st;
}

sim_status csvread_text(const char *name, const char *text, size_t len, csvread_row_fn fn,
                        void *data, sim_error *err)
{
    csvread_source src = { NULL, text, len };
    return run(name, &src, fn, data, err);
}

sim_status csvread_error(sim_error *err, sim_status code, const csvread_row *row, size_t col,
                         const char *fmt, ...)
{
    if (err == NULL)
        return code;
    char msg[SIM_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    sim_error_set(err, code, row->file, "%s", msg);
    sim_error_set_location(err, row->line, (int)col + 1);
    return code;
}

sim_status csvread_number(const csvread_row *row, size_t col, const char *what, double *out,
                          sim_error *err)
{
    if (col >= row->n)
        return csvread_error(err, SIM_EINVAL, row, col, "%s: missing (the row has %zu fields)",
                             what, row->n);
    const char *s = row->field[col];
    /* strtod alone would accept "inf", "nan" and hexadecimal; a data file means decimal. */
    const char *q = s;
    while (*q == ' ' || *q == '\t')
        q++;
    int ok = *q != '\0';
    for (const char *c = q; *c != '\0' && ok; c++)
        ok = strchr("0123456789.eE+- \t", *c) != NULL;
    char *end = NULL;
    double v = ok ? strtod(q, &end) : 0.0;
    if (ok) {
        while (*end == ' ' || *end == '\t')
            end++;
        ok = end != q && *end == '\0' && isfinite(v);
    }
    if (!ok)
        return csvread_error(err, SIM_EINVAL, row, col, "%s: expected a number, got '%s'", what, s);
    *out = v;
    return SIM_OK;
}
