/* scenario_diag.c -- see scenario_diag.h. */
#include "scenario_diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "sim_alloc.h"

void scenario_diag_init(scenario_diag *diag)
{
    if (diag == NULL)
        return;
    diag->count = 0;
    diag->capacity = 0;
    diag->entries = NULL;
    diag->dropped = 0;
    diag->no_memory = 0;
}

void scenario_diag_fini(scenario_diag *diag)
{
    if (diag == NULL)
        return;
    sim_free(diag->entries);
    scenario_diag_init(diag);
}

void scenario_diag_add(scenario_diag *diag, sim_status code, const char *file, int line,
                       int column, const char *path, const char *fmt, ...)
{
    if (diag == NULL)
        return;
    if (diag->count >= SCENARIO_DIAG_MAX) {
        diag->dropped++;
        return;
    }
    if (diag->count == diag->capacity) {
        /* Grow geometrically from 8; the cap above bounds the list at ~150 KB. */
        size_t cap = diag->capacity == 0 ? 8 : diag->capacity * 2;
        if (cap > SCENARIO_DIAG_MAX)
            cap = SCENARIO_DIAG_MAX;
        scenario_diag_entry *grown = sim_realloc_array(diag->entries, cap, sizeof *grown);
        if (grown == NULL) {
            diag->dropped++;
            diag->no_memory = 1;
            return;
        }
        diag->entries = grown;
        diag->capacity = cap;
    }
    scenario_diag_entry *e = &diag->entries[diag->count++];
    e->code = code;
    snprintf(e->file, sizeof e->file, "%s", file != NULL ? file : "");
    e->line = line;
    e->column = column;
    snprintf(e->path, sizeof e->path, "%s", path != NULL ? path : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->message, sizeof e->message, fmt, ap);
    va_end(ap);
}

/* Rank of entry e's file among entries [from, count): index of its first appearance. */
static size_t file_rank(const scenario_diag *diag, size_t from, const scenario_diag_entry *e)
{
    for (size_t i = from; i < diag->count; i++)
        if (strcmp(diag->entries[i].file, e->file) == 0)
            return i;
    return diag->count;
}

static int entry_before(const scenario_diag_entry *a, size_t rank_a, const scenario_diag_entry *b,
                        size_t rank_b)
{
    if (rank_a != rank_b)
        return rank_a < rank_b;
    if (a->line != b->line)
        return a->line < b->line;
    return a->column < b->column;
}

void scenario_diag_sort(scenario_diag *diag, size_t from)
{
    if (diag == NULL || from >= diag->count)
        return;
    size_t n = diag->count - from;
    size_t ranks[SCENARIO_DIAG_MAX];
    for (size_t i = 0; i < n; i++)
        ranks[i] = file_rank(diag, from, &diag->entries[from + i]);
    /* insertion sort: stable, and n is at most SCENARIO_DIAG_MAX */
    for (size_t i = 1; i < n; i++) {
        scenario_diag_entry e = diag->entries[from + i];
        size_t r = ranks[i];
        size_t j = i;
        while (j > 0 && entry_before(&e, r, &diag->entries[from + j - 1], ranks[j - 1])) {
            diag->entries[from + j] = diag->entries[from + j - 1];
            ranks[j] = ranks[j - 1];
            j--;
        }
        diag->entries[from + j] = e;
        ranks[j] = r;
    }
}

size_t scenario_diag_count(const scenario_diag *diag)
{
    return diag != NULL ? diag->count : 0;
}

const scenario_diag_entry *scenario_diag_get(const scenario_diag *diag, size_t i)
{
    if (diag == NULL || i >= diag->count)
        return NULL;
    return &diag->entries[i];
}

char *scenario_diag_format(const scenario_diag_entry *entry, char *buf, size_t n)
{
    if (n == 0)
        return buf;
    buf[0] = '\0';
    if (entry == NULL)
        return buf;
    char where[64] = "";
    if (entry->line > 0)
        snprintf(where, sizeof where, ":%d:%d", entry->line, entry->column);
    if (entry->path[0] != '\0')
        snprintf(buf, n, "%s%s: %s: %s", entry->file, where, entry->path, entry->message);
    else
        snprintf(buf, n, "%s%s: %s", entry->file, where, entry->message);
    return buf;
}

sim_status scenario_diag_to_error(const scenario_diag *diag, sim_error *err)
{
    const scenario_diag_entry *e = scenario_diag_get(diag, 0);
    if (e == NULL) {
        if (diag != NULL && diag->no_memory)
            return sim_error_set(err, SIM_ENOMEM, NULL, "out of memory while listing errors");
        sim_error_clear(err);
        return SIM_OK;
    }
    sim_error_set(err, e->code, e->path, "%s", e->message);
    sim_error_set_location(err, e->line, e->column);
    return e->code;
}
