/* out_table.c -- see out_table.h. */
#include "out_table.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "out_file.h"
#include "sim_alloc.h"

/* The file's bytes, NUL-terminated; NULL when it cannot be read (*oom = 1 when the reason
 * is memory, so the caller can say SIM_ENOMEM rather than blame the file). */
static char *read_all(const char *path, size_t *len, int *oom)
{
    *oom = 0;
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = sim_malloc(cap);
    while (buf != NULL) {
        size_t got = fread(buf + n, 1, cap - n - 1, fp);
        n += got;
        if (n + 1 < cap)
            break;
        char *bigger = sim_realloc(buf, cap * 2);
        if (bigger == NULL) {
            sim_free(buf);
            buf = NULL;
            break;
        }
        buf = bigger;
        cap *= 2;
    }
    int bad = ferror(fp);
    fclose(fp);
    *oom = buf == NULL;
    if (buf == NULL || bad) {
        sim_free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* Split one line in place into fields; returns the count, or SIZE_MAX when more than max. */
static size_t split_line(char *line, char **out, size_t max)
{
    size_t n = 0;
    char *p = line;
    for (;;) {
        if (n >= max)
            return SIZE_MAX;
        char *w = p;
        out[n++] = w;
        if (*p == '"') {
            p++;
            for (;;) {
                if (*p == '\0')
                    break;
                if (*p == '"' && p[1] == '"') {
                    *w++ = '"';
                    p += 2;
                } else if (*p == '"') {
                    p++;
                    break;
                } else {
                    *w++ = *p++;
                }
            }
            while (*p != ',' && *p != '\0')
                p++;
        } else {
            while (*p != ',' && *p != '\0')
                *w++ = *p++;
        }
        int more = *p == ',';
        *w = '\0';
        if (!more)
            return n;
        p++;
    }
}

sim_status out_table_load(out_table *t, const char *dir, const char *name, sim_error *err)
{
    memset(t, 0, sizeof *t);
    char path[4096];
    if (dir != NULL)
        out_file_read_path(path, sizeof path, dir, name); /* the run's stage while it writes */
    else
        snprintf(path, sizeof path, "%s", name);
    size_t len = 0;
    int oom = 0;
    char *text = read_all(path, &len, &oom);
    if (text == NULL && oom)
        return sim_error_set(err, SIM_ENOMEM, name, "out of memory reading '%s'", path);
    if (text == NULL)
        return sim_error_set(err, SIM_EIO, name, "cannot read '%s': %s", path, strerror(errno));
    size_t lines = 0;
    for (size_t i = 0; i < len; i++)
        lines += text[i] == '\n';
    if (len > 0 && text[len - 1] != '\n')
        lines++;
    if (lines == 0) {
        sim_free(text);
        return sim_error_set(err, SIM_EPARSE, name, "'%s' is empty (no header)", path);
    }
    /* Header: count its fields. */
    size_t hdr_fields = 1;
    for (char *p = text; *p != '\0' && *p != '\n'; p++)
        hdr_fields += *p == ',';
    char **cells = sim_malloc_array(lines * hdr_fields, sizeof *cells);
    if (cells == NULL) {
        sim_free(text);
        return sim_error_set(err, SIM_ENOMEM, name, "out of memory reading '%s'", path);
    }
    size_t row = 0, n_cols = 0;
    char *p = text;
    while (*p != '\0') {
        char *nl = strchr(p, '\n');
        char *next = nl != NULL ? nl + 1 : p + strlen(p);
        if (nl != NULL)
            *nl = '\0';
        if (nl != NULL && nl > p && nl[-1] == '\r')
            nl[-1] = '\0';
        if (*p == '\0' && row > 0) { /* blank line: skip */
            p = next;
            continue;
        }
        size_t k = split_line(p, cells + row * hdr_fields, hdr_fields);
        if (row == 0)
            n_cols = k;
        if (k != n_cols) {
            sim_free(cells);
            sim_free(text);
            return sim_error_set(err, SIM_EPARSE, name, "'%s' row %zu has %s fields than the "
                                 "header", path, row + 1, k == SIZE_MAX || k > n_cols ? "more" : "fewer");
        }
        row++;
        p = next;
    }
    t->n_cols = n_cols;
    t->n_rows = row - 1;
    t->cells = cells;
    t->text = text;
    return SIM_OK;
}

void out_table_free(out_table *t)
{
    sim_free(t->cells);
    sim_free(t->text);
    memset(t, 0, sizeof *t);
}

size_t out_table_col(const out_table *t, const char *name)
{
    for (size_t c = 0; c < t->n_cols; c++) {
        if (strcmp(t->cells[c], name) == 0)
            return c;
    }
    return SIZE_MAX;
}

const char *out_table_str(const out_table *t, size_t row, size_t col)
{
    if (row >= t->n_rows || col >= t->n_cols)
        return "";
    return t->cells[(row + 1) * t->n_cols + col];
}

double out_table_num(const out_table *t, size_t row, size_t col)
{
    const char *s = out_table_str(t, row, col);
    if (*s == '\0')
        return (double)NAN;
    char *end;
    double v = strtod(s, &end);
    return *end == '\0' ? v : (double)NAN;
}
