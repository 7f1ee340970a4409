/* check_baseline.h -- the baseline file of the regression gate: a check_snapshot as JSON.
 *
 * What it is: the writer and the strict reader of the file `omnisim check --update` writes and
 * `omnisim check` compares against (docs/ci.md, "The baseline file"). Version 2:
 *
 *   {
 *     "format": "omnisim-check-baseline",   required, exactly this
 *     "version": 2,                          required; a newer version is refused
 *     "omnisim": "0.1.0",                    informational: the version that wrote it
 *     "scenario": "online-retailer-2017",    required: must be the checked scenario's name
 *     "seed": 20170101,                      master seed of the simulation (a number, or a
 *                                            string of digits above 2^53)
 *     "replications": 5,                     0 when written with --no-sim (then no "kpis")
 *     "staffing": {
 *       "method": "erlang",                 or "erlang+repeats" (check --repeats)
 *       "interval_s": 900,
 *       "channels": { "phone": { "mon": [96 agents], ..., "sun": [...] }, ... }
 *     },
 *     "kpis": { "channel.phone.service_level_per_answered_abandoned": 0.93, ...,
 *               "channel.x.asa_s": null }
 *   }
 *
 * Numbers are written so that they read back bit for bit (%.17g, not cJSON's printing, which
 * may drop the last bit); a KPI with no value (NaN) is null. What it is not: the comparison
 * (check.h). Never prints.
 */
#ifndef CHECK_BASELINE_H
#define CHECK_BASELINE_H

#include <stddef.h>

#include "check.h"
#include "sim_error.h"

/* Version 2 (2026-12-03): the KPI names of docs/outputs.md "Changes". A version 1 baseline is
 * read when its KPIs kept their names and definitions (staffing only, asa_s, occupancy ...);
 * one holding a renamed or redefined KPI is refused with a message naming it. */
#define CHECK_BASELINE_VERSION 2
#define CHECK_BASELINE_FORMAT "omnisim-check-baseline"
#define CHECK_BASELINE_MAX_BYTES (64u * 1024u * 1024u)

/* The JSON text of snap (indented, ending in a newline) into *text; free it with
 * check_baseline_free_text. SIM_OK or SIM_ENOMEM. */
sim_status check_baseline_to_json(const check_snapshot *snap, char **text, sim_error *err);
void check_baseline_free_text(char *text);

/* Parse a baseline (len bytes, need not be NUL-terminated) into snap (initialised, empty).
 * SIM_OK; SIM_EPARSE for malformed JSON (line and column in err); SIM_EINVAL naming the field
 * for a wrong format, version or shape; SIM_ELIMIT above CHECK_BASELINE_MAX_BYTES; SIM_ENOMEM.
 * On failure snap is left empty. */
sim_status check_baseline_from_json(const char *text, size_t len, check_snapshot *snap,
                                    sim_error *err);

/* Read and parse the baseline file at path. As check_baseline_from_json, plus SIM_EIO when
 * the file cannot be read (err names the path). */
sim_status check_baseline_read(const char *path, check_snapshot *snap, sim_error *err);

#endif /* CHECK_BASELINE_H */
