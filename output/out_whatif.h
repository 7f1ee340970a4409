/* out_whatif.h -- the JSON answers of the browser workbench (`omnisim serve`).
 *
 * What it is: one what-if's result as the page reads it -- the run's summary document
 * (exactly summary.json of `omnisim run`, output/out_json.h), the run's CSV tables as text
 * (intervals.csv, pools.csv, flows.csv: the same writers as the files, output/out_run.h) and
 * the scenario's warnings; two what-ifs with the paired differences of their headline KPIs
 * (whatif.h); and a refused document's problems, each with its JSON path, line, column and
 * message. docs/workbench.md documents every member.
 * What it is not: the HTTP server (cli/cli_serve.c).
 *
 * Every function returns NUL-terminated JSON text to free with sim_free, or NULL when out of
 * memory.
 */
#ifndef OUT_WHATIF_H
#define OUT_WHATIF_H

#include "scenario_diag.h"
#include "sim_error.h"
#include "whatif.h"

/* {"ok": true, "seed", "replications", "summary": {...}, "costs": {"cost.total_eur": {"mean",
 *  "lo", "hi"}, ...} (cost.h's KPIs), "tables": {"intervals.csv": "...",
 *  "pools.csv": "...", "flows.csv": "..."}, "warnings": ["..."]} */
char *out_whatif_result_json(const whatif_result *r);

/* {"ok": true, "a": <result>, "b": <result>, "differences": [{"kpi", "label", "unit", "a",
 *  "b", "mean", "lo", "hi", "significant"}]} (label: out_label.h; unit "share", "s" or ""): b - a per replication for every channel's service level, average
 *  speed of answer, abandonment and occupancy, and every pool's occupancy. */
char *out_whatif_compare_json(const whatif_result *a, const whatif_result *b);

/* {"ok": false, "status": "<sim status name>", "errors": [{"path", "line", "column",
 *  "message"}]}: diag's entries, or err's when diag holds none. */
char *out_whatif_errors_json(sim_status st, const scenario_diag *diag, const sim_error *err);

/* report.html of the what-if (output/report.h: the page `omnisim run` writes, charts
 * embedded): the run's files are written into a scratch directory under $TMPDIR (or /tmp),
 * drawn, and the directory removed. Returns the page (free with sim_free) and its length in
 * *len, or NULL with err set. One report is drawn at a time (PLplot is not thread-safe). */
char *out_whatif_report(const whatif_result *r, size_t *len, sim_error *err);

#endif /* OUT_WHATIF_H */
