/* scenario_diag.h -- a list of diagnostics: every problem found in a scenario, not only the
 * first.
 *
 * Each entry names the file, the line and column (1-based, 0 when unknown, e.g. for an
 * override given on the command line), the JSON path ("channels[2].patience.mean_s") and a
 * message saying what was wrong and what was expected. The list is bounded
 * (SCENARIO_DIAG_MAX entries; later ones are counted in `dropped`), so a pathological file
 * cannot make it grow without limit.
 *
 * The list allocates its entries through sim_alloc. When an allocation fails the entry is
 * counted in `dropped` and `no_memory` is set; adding never fails loudly, so error paths stay
 * simple. Library code fills a diag; only the command prints one.
 */
#ifndef SCENARIO_DIAG_H
#define SCENARIO_DIAG_H

#include <stddef.h>

#include "sim_error.h"

#define SCENARIO_DIAG_MAX 200
#define SCENARIO_DIAG_FILE_MAX 256

typedef struct scenario_diag_entry {
    sim_status code;                     /* SIM_EPARSE, SIM_EINVAL, SIM_ELIMIT, SIM_EIO ... */
    char file[SCENARIO_DIAG_FILE_MAX];   /* file name, or a label ("--set", "<default>") */
    int line;                            /* 1-based, 0 when unknown */
    int column;                          /* 1-based (characters, not bytes), 0 when unknown */
    char path[SIM_ERROR_PATH_MAX];       /* JSON path, "" for the whole document */
    char message[SIM_ERROR_MESSAGE_MAX];
} scenario_diag_entry;

typedef struct scenario_diag {
    size_t count;                 /* entries held */
    size_t capacity;              /* private */
    scenario_diag_entry *entries; /* owned; private */
    size_t dropped;               /* entries not held (cap reached or no memory) */
    int no_memory;                /* 1 when an entry was dropped for lack of memory */
} scenario_diag;

/* Initialise an empty list in caller storage. Never fails (allocates lazily). */
void scenario_diag_init(scenario_diag *diag);
/* Free the entries; the list is empty again and may be reused. NULL is a no-op. */
void scenario_diag_fini(scenario_diag *diag);

/* Append an entry. diag may be NULL (no-op). file and path may be NULL (""). The message is
 * formatted printf-style and truncated to fit. O(1) amortised. */
void scenario_diag_add(scenario_diag *diag, sim_status code, const char *file, int line,
                       int column, const char *path, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 8)))
#endif
    ;

/* Sort entries [from, count) by file (in order of first appearance), then line, then column;
 * stable, so entries at the same place keep the order they were found in. O(n^2), n <= 200. */
void scenario_diag_sort(scenario_diag *diag, size_t from);

/* Number of entries held, and the i-th (i < count), or NULL. */
size_t scenario_diag_count(const scenario_diag *diag);
const scenario_diag_entry *scenario_diag_get(const scenario_diag *diag, size_t i);

/* Format one entry as "FILE:LINE:COL: PATH: message" (LINE:COL omitted when unknown, PATH
 * omitted when empty) into buf of size n. Returns buf. */
char *scenario_diag_format(const scenario_diag_entry *entry, char *buf, size_t n);

/* Copy the first entry into err (code, path, message, line, column); SIM_OK when empty.
 * Returns the code. err may be NULL. */
sim_status scenario_diag_to_error(const scenario_diag *diag, sim_error *err);

#endif /* SCENARIO_DIAG_H */
