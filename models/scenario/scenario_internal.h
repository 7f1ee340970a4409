/* scenario_internal.h -- what the scenario loader's modules share, and nothing else sees.
 *
 * The loader is split by job, one prefix per file:
 *   scenario_json.c     read files (size cap), guard (jsonpos_scan), parse with cJSON,
 *                       resolve includes (deep merge), apply overrides (policies, --set);
 *   scenario_schema.c   the field table and the generic check of a tree against it (unknown
 *                       fields with suggestions, types, ranges, enumerations);
 *   scenario_convert.c  tree -> struct, with the semantic checks a table cannot express
 *                       (references, sums, profile lengths, opening hours);
 *   scenario.c          the public API that runs the pipeline.
 * They share a load context that knows every source text, so that any module can report an
 * error at a JSON path and get the file, line and column for it.
 *
 * Position lookup: see jsonpos.h. A path is looked up in every source in precedence order
 * (the including file before what it includes); the source where the longest prefix of the
 * path exists wins. A path at or below an override is located where the override is written:
 * a policy's change in its file (the message then says "with policy 'NAME': "), or, for
 * --set, under the label "--set" with no line.
 */
#ifndef SCENARIO_INTERNAL_H
#define SCENARIO_INTERNAL_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "scenario.h"
#include "scenario_diag.h"

#define SCENARIO_MAX_SOURCES 32
#define SCENARIO_MAX_ORIGINS 256

typedef struct scenario_source {
    char *label; /* owned: file path as given, or a label */
    char *text;  /* owned: the whole text */
    size_t len;
} scenario_source;

typedef struct scenario_origin {
    char path[SIM_ERROR_PATH_MAX];  /* concrete path (indices) the override wrote */
    char label[SCENARIO_DIAG_FILE_MAX];
    char at[SIM_ERROR_PATH_MAX];    /* where a file holds the change ("policies[2].changes[0]"),
                                     * "" for --set */
} scenario_origin;

/* Room for a file system path (Linux's PATH_MAX, which strict C11 headers do not define). */
#define SCENARIO_PATH_BYTES 4096

typedef struct scenario_ctx {
    scenario_diag *diag;       /* borrowed, may be NULL */
    size_t errors;             /* errors reported through this context */
    sim_status first_code;     /* code of the first error, SIM_OK when none */
    int no_memory;             /* an allocation failed somewhere */
    size_t n_sources;          /* in precedence order: [0] is the top file */
    scenario_source sources[SCENARIO_MAX_SOURCES];
    size_t n_origins;
    scenario_origin origins[SCENARIO_MAX_ORIGINS];
    const char *prefix;        /* prepended to messages (e.g. "with policy 'x': "), or NULL */
    int no_includes;           /* an "include" is an error (scenario_load_opts.no_includes) */
    char include_root[SCENARIO_PATH_BYTES]; /* includes must resolve inside this directory (its real
                                    path); "" when they are not confined */
    char data_dir[256];        /* data files (special_days_file, ...) are relative to this */
} scenario_ctx;

/* scenario_json.c ------------------------------------------------------------------------ */

/* Initialise / release a context (frees the sources it owns). */
void scenario_json_ctx_init(scenario_ctx *ctx, scenario_diag *diag);
void scenario_json_ctx_fini(scenario_ctx *ctx);

/* Report an error at a concrete JSON path; file/line/column are found from the sources. */
void scenario_json_error(scenario_ctx *ctx, sim_status code, const char *path, const char *fmt,
                         ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
/* Record that the context ran out of memory (one diagnostic, once). */
void scenario_json_nomem(scenario_ctx *ctx);

/* The path of a data file the document names at `key` (special_days_file,
 * demand.forecast_file): `file` as given when absolute, else relative to ctx->data_dir; when
 * the loader confines includes (include_root), the file must resolve inside that directory
 * too. Writes the path into full (n bytes); returns 0, or -1 after reporting an error at
 * `key` (the file is then not to be opened). */
int scenario_json_data_path(scenario_ctx *ctx, const char *key, const char *file, char *full,
                            size_t n);

/* Parse `text` (adopted by the context on success and on failure: the context frees it) as
 * the top document labelled `label`, resolving includes relative to base_dir. Returns the
 * merged tree (caller frees with cJSON_Delete) or NULL after reporting errors. */
cJSON *scenario_json_load_text(scenario_ctx *ctx, char *text, size_t len, const char *label,
                               const char *base_dir);
/* Take opts' include_root (resolved to its real path) and no_includes into ctx; opts may be
 * NULL. Returns 0, or -1 after reporting (under `label`) a root that is not a directory. */
struct scenario_load_opts;
int scenario_json_set_includes(scenario_ctx *ctx, const struct scenario_load_opts *opts,
                               const char *label);
/* Read a file (size-capped) and load it as above. */
cJSON *scenario_json_load_file(scenario_ctx *ctx, const char *path);

/* Set `value` (adopted, even on failure) at override path `path` in root. `label` names the
 * origin in diagnostics; `at` is the JSON path of the change object in the sources (its "path"
 * and "value" members), so that errors it causes get that file, line and column, or NULL when
 * no file holds it (--set). A null value on a missing field removes nothing: the path must
 * still name a field (scenario_schema_check_absent). Returns 0 on success, -1 after reporting
 * an error. */
int scenario_json_set(scenario_ctx *ctx, cJSON *root, const char *path, cJSON *value,
                      const char *label, const char *at);
/* Parse "PATH=VALUE" and apply it. */
int scenario_json_set_string(scenario_ctx *ctx, cJSON *root, const char *assignment,
                             const char *label);

/* Install sim_malloc/sim_free as cJSON's allocator, once per process (pthread_once). */
void scenario_json_init_hooks(void);

/* scenario_schema.c ---------------------------------------------------------------------- */

/* Check the tree against the field table; report every problem. Returns the error count. */
size_t scenario_schema_check(scenario_ctx *ctx, const cJSON *root);

/* An override removed (set to null) the field at override path `path`, which root does not
 * hold: nothing changes, which is right only when the path names a field that could be there.
 * Report a path that names no field (with the nearest name) or, in a map, no channel or
 * segment of root. Returns the number of errors reported. */
size_t scenario_schema_check_absent(scenario_ctx *ctx, const cJSON *root, const char *path);

/* scenario_convert.c --------------------------------------------------------------------- */

/* Convert a schema-checked tree into *scn (zeroed by the caller). Reports semantic errors;
 * returns the number of errors. Allocations made are owned by scn even on failure (the
 * caller then frees it with scenario_free). */
size_t scenario_convert_tree(scenario_ctx *ctx, const cJSON *root, scenario *scn);

/* scenario_dist.c ------------------------------------------------------------------------ */

/* Read the distribution object `o` (NULL when absent) at concrete path `path`, generic path
 * `gpath` (e.g. "channels[].handle_time"), into *d, with its tables in blocks owned by scn. An
 * absent object takes the table's "exponential, N s" default for the channel kind `kind` (NULL
 * outside channels) when it has one, else the mean `placeholder` (never run: the caller reports
 * a missing distribution or holds it unused). Reports every error at its path; returns their
 * number. On error *d is still a valid distribution (a placeholder). */
size_t scenario_dist_read(scenario_ctx *ctx, scenario *scn, const cJSON *o, const char *path,
                          const char *gpath, const char *kind, scenario_dist *d,
                          double placeholder);

/* Read a list of periods `arr` (NULL when absent) at concrete path `path`, generic path
 * `gpath` (e.g. "channels[].handle_time_by_period"), into storage owned by scn: *out and *n
 * (NULL and 0 when absent or on error). Each period is {from, to, mean_factor or dist}; the
 * list must be in order and not overlap. Returns the number of errors reported. */
size_t scenario_dist_read_periods(scenario_ctx *ctx, scenario *scn, const cJSON *arr,
                                  const char *path, const char *gpath,
                                  const scenario_period **out, size_t *n);

#endif /* SCENARIO_INTERNAL_H */
