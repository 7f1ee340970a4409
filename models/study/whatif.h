/* whatif.h -- one what-if of the browser workbench (`omnisim serve`): a scenario document as
 * the page edited it, run with replications, and the paired difference of two what-ifs.
 *
 * What it is: loads the document with the one loader (scenario_load_string) confined to the
 * base scenario's folder (includes and data files must resolve inside it), checks the run
 * limits (cc_model_validate), runs the replications with a per-run interrupt flag (a newer
 * request or a signal stops it within a few thousand events) and summarises them exactly
 * as `omnisim run` does: the same document, seed and replications give the numbers of
 * `omnisim run FILE -s SEED -r N`. Two what-ifs run with the same seed share random numbers
 * replication by replication (study.h, common random numbers), so whatif_paired_diff gives
 * the interval of the per-replication difference b - a.
 * What it is not: an HTTP server (cli/cli_serve.c) or a writer (output/out_whatif.h).
 */
#ifndef WHATIF_H
#define WHATIF_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "cc_model.h"
#include "cc_result.h"
#include "scenario.h"
#include "scenario_diag.h"
#include "sim_ci.h"
#include "sim_error.h"

/* Largest number of replications a what-if may ask for (a request's run size is bounded). */
#define WHATIF_MAX_REPLICATIONS 200

typedef struct whatif_options {
    const char *base_dir;     /* includes and data files resolve here and must stay inside */
    const char *const *policies; /* the document's policies to apply, in order (may be NULL) */
    size_t n_policies;
    size_t replications;      /* 0: the scenario's (at most max_replications) */
    size_t max_replications;  /* 0: WHATIF_MAX_REPLICATIONS */
    int use_seed;             /* 1: seed below instead of the document's */
    uint64_t seed;
    int threads;              /* <= 1: the calling thread */
    volatile sig_atomic_t *interrupted; /* optional: SIM_EINTR when it becomes non-zero */
    void (*progress)(void *ctx, size_t done, size_t total); /* optional */
    void *progress_ctx;
} whatif_options;

/* A finished what-if. Fields are owned (whatif_result_fini frees them). */
typedef struct whatif_result {
    scenario *scn;
    cc_rep *reps;
    size_t n_reps;
    cc_summary *sum;
    cc_summary *cost;         /* the cost KPIs (cost.h, cost_summary_new) over the same
                                 replications: cost.total_eur, cost.year_eur, ... */
    uint64_t seed;            /* the master seed used */
} whatif_result;

/* Load `doc` (len bytes of scenario JSON; `label` names it in messages), run it and fill
 * *out. SIM_OK, or: SIM_EPARSE/SIM_EINVAL/SIM_ELIMIT with every problem in diag (JSON path,
 * line and column of doc); SIM_EINVAL/SIM_ELIMIT in err for a run the limits refuse or a
 * replication count above the maximum; SIM_EINTR when interrupted; SIM_ENOMEM. On failure
 * *out is empty (nothing to free, but whatif_result_fini is harmless). */
sim_status whatif_run(const char *doc, size_t len, const char *label, const whatif_options *o,
                      whatif_result *out, scenario_diag *diag, sim_error *err);

void whatif_result_fini(whatif_result *r);

/* The interval of the per-replication difference b - a of KPI `kpi` (a model KPI, or a cost
 * KPI "cost.*" / "sla.*") at `level` (replications
 * where either value is NaN are left out). SIM_OK; SIM_EINVAL when the KPI is in neither
 * result, or when a and b differ in seed or replications (the difference would not be
 * paired). A KPI present in one result only gives SIM_EINVAL too. */
sim_status whatif_paired_diff(const whatif_result *a, const whatif_result *b, const char *kpi,
                              double level, sim_ci *out, sim_error *err);

#endif /* WHATIF_H */
