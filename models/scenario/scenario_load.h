/* scenario_load.h -- loading a scenario file: text -> checked scenario (scenario.h).
 *
 * The pipeline: the text is checked for syntax with positions (jsonpos), parsed (cJSON),
 * includes are merged, named policies and then --set overrides are applied to the tree, the
 * tree is checked against the schema table (scenario_schema.h) and converted with the
 * semantic checks (scenario_convert.c). Every error is collected with its JSON path, line and
 * column (scenario_diag.h); the library never prints.
 */
#ifndef SCENARIO_LOAD_H
#define SCENARIO_LOAD_H

#include <stddef.h>

#include "scenario.h"
#include "scenario_diag.h"
#include "sim_error.h"

/* Options for loading. All fields may be zero/NULL. The loader applies, in order: includes
 * (deep merge), then each named policy's changes, then each `set` string. */
typedef struct scenario_load_opts {
    const char *const *policies; /* names of policies defined in the file, applied in order */
    size_t n_policies;
    const char *const *sets;     /* "PATH=VALUE" overrides (VALUE is JSON; if it does not
                                    parse as JSON it is taken as a string) */
    size_t n_sets;
    const char *base_dir;        /* scenario_load_string: directory for includes (NULL = ".") */
    const char *include_root;    /* when set, every included file must resolve (symbolic
                                    links followed) inside this directory; NULL: includes are
                                    trusted and may name any regular file */
    int no_includes;             /* 1: an "include" in the file is an error */
} scenario_load_opts;

/* Load, validate and convert the scenario file at `path`. opts may be NULL.
 * On success *out holds a new scenario (free with scenario_free) and SIM_OK is returned.
 * On failure *out is NULL, every problem found is appended to diag (may be NULL: then only the
 * status tells), and the status is SIM_EPARSE (syntax), SIM_EINVAL (schema/semantics),
 * SIM_ELIMIT (a size limit), SIM_EIO (unreadable file) or SIM_ENOMEM. All errors are listed,
 * not only the first (up to SCENARIO_DIAG_MAX entries). Never prints. O(file size). */
sim_status scenario_load_file(const char *path, const scenario_load_opts *opts, scenario **out,
                              scenario_diag *diag);

/* Like scenario_load_file for text in memory (len bytes, need not be NUL-terminated).
 * `label` names the text in diagnostics (e.g. "<stdin>"); includes are resolved relative to
 * opts->base_dir. */
sim_status scenario_load_string(const char *text, size_t len, const char *label,
                                const scenario_load_opts *opts, scenario **out,
                                scenario_diag *diag);

/* The built-in default scenario (scenarios/online-retailer-2017.json, embedded in the
 * binary), with opts applied. Same contract as scenario_load_file. */
sim_status scenario_load_default(const scenario_load_opts *opts, scenario **out,
                                scenario_diag *diag);

/* A new scenario from base's merged source with further policies/sets applied (for compare,
 * sweep and roadmap). base is borrowed. Same contract as scenario_load_file. */
sim_status scenario_load_derive(const scenario *base, const scenario_load_opts *opts,
                               scenario **out, scenario_diag *diag);

#endif /* SCENARIO_LOAD_H */
