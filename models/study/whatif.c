/* whatif.c -- one what-if of the browser workbench: load, check, run, summarise (whatif.h). */
#include "whatif.h"

#include <math.h>
#include <string.h>

#include "cost.h"
#include "scenario_load.h"
#include "sim_alloc.h"
#include "sim_tally.h"

void whatif_result_fini(whatif_result *r)
{
    if (r == NULL)
        return;
    if (r->reps != NULL) {
        for (size_t i = 0; i < r->n_reps; i++)
            cc_rep_fini(&r->reps[i]);
    }
    sim_free(r->reps);
    cc_summary_free(r->sum);
    cc_summary_free(r->cost);
    scenario_free(r->scn);
    memset(r, 0, sizeof *r);
}

sim_status whatif_run(const char *doc, size_t len, const char *label, const whatif_options *o,
                      whatif_result *out, scenario_diag *diag, sim_error *err)
{
    memset(out, 0, sizeof *out);
    /* The document arrives with its includes already merged (the page edits the base's
     * merged source), but a user may add one: it must stay inside the base's folder, as must
     * every data file (forecast, special days). */
    scenario_load_opts lo = {o->policies, o->n_policies, NULL, 0, o->base_dir, o->base_dir, 0};
    sim_status st = scenario_load_string(doc, len, label, &lo, &out->scn, diag);
    if (st != SIM_OK)
        return st;
    size_t max = o->max_replications > 0 ? o->max_replications : WHATIF_MAX_REPLICATIONS;
    size_t n = o->replications > 0 ? o->replications : out->scn->replications;
    if (n > max) {
        st = sim_error_set(err, SIM_ELIMIT, "replications",
                           "%zu replications asked for; at most %zu per what-if", n, max);
        whatif_result_fini(out);
        return st;
    }
    cc_options opts;
    cc_options_default(&opts);
    opts.interrupted = o->interrupted;
    if (o->use_seed) {
        opts.use_seed = 1;
        opts.seed_override = o->seed;
    }
    out->seed = o->use_seed ? o->seed : out->scn->seed;
    st = cc_model_validate(out->scn, &opts, err);
    if (st == SIM_OK) {
        out->reps = sim_calloc(n, sizeof *out->reps);
        if (out->reps == NULL)
            st = sim_error_set(err, SIM_ENOMEM, "replications", "out of memory for %zu", n);
    }
    if (st == SIM_OK) {
        out->n_reps = n;
        st = cc_model_run_replications(out->scn, &opts, n, o->threads, o->interrupted,
                                       o->progress, o->progress_ctx, out->reps, err);
    }
    if (st == SIM_OK) {
        out->sum = cc_summary_new(out->reps, n, out->scn, out->scn->confidence, err);
        if (out->sum == NULL)
            st = err->code != SIM_OK ? err->code : SIM_ENOMEM;
    }
    if (st == SIM_OK) {
        out->cost = cost_summary_new(out->reps, n, out->scn, out->scn->confidence, err);
        if (out->cost == NULL)
            st = err->code != SIM_OK ? err->code : SIM_ENOMEM;
    }
    if (st != SIM_OK)
        whatif_result_fini(out);
    return st;
}

sim_status whatif_paired_diff(const whatif_result *a, const whatif_result *b, const char *kpi,
                              double level, sim_ci *out, sim_error *err)
{
    if (a->sum == NULL || b->sum == NULL || a->seed != b->seed || a->n_reps != b->n_reps)
        return sim_error_set(err, SIM_EINVAL, "compare",
                             "the two what-ifs must run with the same seed and replications");
    int cost = strncmp(kpi, "cost.", 5) == 0 || strncmp(kpi, "sla.", 4) == 0;
    const cc_summary *sa = cost ? a->cost : a->sum, *sb = cost ? b->cost : b->sum;
    size_t ka = sa != NULL ? cc_summary_find(sa, kpi) : SIZE_MAX;
    size_t kb = sb != NULL ? cc_summary_find(sb, kpi) : SIZE_MAX;
    if (ka == SIZE_MAX || kb == SIZE_MAX)
        return sim_error_set(err, SIM_EINVAL, "kpi", "no KPI '%s' in both what-ifs", kpi);
    sim_tally t;
    sim_tally_init(&t);
    for (size_t r = 0; r < a->n_reps; r++) {
        double va = sa->values[r * sa->n_kpis + ka];
        double vb = sb->values[r * sb->n_kpis + kb];
        if (!isnan(va) && !isnan(vb))
            sim_tally_add(&t, vb - va);
    }
    *out = sim_ci_from_tally(&t, level);
    return SIM_OK;
}
