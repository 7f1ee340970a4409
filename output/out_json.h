/* out_json.h -- summary.json of a run: what was run, and every KPI with its confidence
 * interval and per-replication values.
 *
 * The document depends only on the scenario, the seed and the replications, never on the
 * thread count or the wall clock, so two runs with the same inputs give byte-identical
 * files (the reproducibility check of the CLI test). Layout (docs/model.md):
 *   {"omnisim_version", "model", "scenario", "source", "seed", "replications",
 *    "confidence", "horizon_days", "interval_s",
 *    "kpis": {NAME: {"mean", "lo", "hi", "half_width", "n", "values": [per replication]}},
 *    "accounting": {CHANNEL: {"arrived", "handled", "abandoned", "lost", "transferred",
 *                             "in_system"}},   (summed over replications)
 *    "scenario_echo": {"name", "description", "year", "start_weekday", "warmup_s",
 *                      "demand_mode", "daily_volume", "overdispersion_cv", "routing",
 *                      "policies": [applied], "overrides": ["PATH=VALUE"],
 *                      "channels": [{"name", "kind", "daily_volume", "aht_s", "patience_s",
 *                                    "sl_target", "sl_threshold_s", "response_target_s",
 *                                    "fcr_share", "resolve_share", "concurrency",
 *                                    "open_hours_week"}],
 *                      "segments": [{"name", "population_share", "preference": {CHANNEL}}],
 *                      "groups": [{"name", "staffing", "agents", "shrinkage", "skills"}],
 *                      "outsourcers": [NAME], "document": the merged scenario file}}
 * A KPI without a value is null. docs/outputs.md documents every field with its unit.
 */
#ifndef OUT_JSON_H
#define OUT_JSON_H

#include <stdint.h>

#include "cc_result.h"
#include "scenario.h"

typedef struct out_json_info {
    const char *model;    /* "contact-center" or "mmc" */
    const char *scenario; /* name */
    const char *source;   /* file, or "<default>" */
    uint64_t seed;
    double horizon_days;
    double interval_s;    /* 0 when not applicable */
    const char *const *policies; /* applied policies (may be NULL when n_policies is 0) */
    size_t n_policies;
    const char *const *overrides; /* --set PATH=VALUE texts */
    size_t n_overrides;
} out_json_info;

/* The summary document as compact-but-indented JSON text, NUL-terminated; the caller frees
 * it with sim_free. reps and scn may be NULL (no accounting section). NULL when out of
 * memory. */
char *out_json_summary(const out_json_info *info, const cc_summary *sum, const cc_rep *reps,
                       const scenario *scn);

#endif /* OUT_JSON_H */
