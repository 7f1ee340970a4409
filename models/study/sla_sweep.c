/* sla_sweep.c -- SLA risk and cost over a range of staffing levels (sla_sweep.h).
 *
 * Each point is a variant of the base scenario (scenario_load_derive) with the target's agents
 * set; every point runs the same replications with the same seed, so points share random
 * numbers and their differences are not blurred by sampling noise.
 */
#include "sla_sweep.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cost.h"
#include "sim_alloc.h"
#include "sim_tally.h"

#define SWEEP_MAX_SETS 64

/* The override that sets target's agents to `agents`, or SIM_EINVAL. */
static sim_status sweep_set(const scenario *scn, const char *target, long agents, char *buf,
                            size_t n, sim_error *err)
{
    if (scenario_find_outsourcer(scn, target) != SCENARIO_NONE) {
        snprintf(buf, n, "outsourcers.%s.agents=%ld", target, agents);
        return SIM_OK;
    }
    size_t g = scenario_find_group(scn, target);
    if (g == SCENARIO_NONE)
        return sim_error_set(err, SIM_EINVAL, "--sla-sweep",
                             "'%s' is neither an outsourcer nor a group of the scenario", target);
    if (scn->groups[g].staffing != SCENARIO_STAFFING_FIXED)
        return sim_error_set(err, SIM_EINVAL, "--sla-sweep",
                             "group '%s' is not fixed staffing: its agents cannot be swept",
                             target);
    if (scn->groups[g].implicit)
        snprintf(buf, n, "channels.%s.agents=%ld", target, agents);
    else
        snprintf(buf, n, "groups.%s.agents=%ld", target, agents);
    return SIM_OK;
}

static sim_status sweep_point(const scenario *scn, const cc_options *opts, size_t reps,
                              int threads, volatile sig_atomic_t *interrupted,
                              sla_sweep_point *pt, sim_error *err)
{
    cc_rep *rr = sim_calloc(reps, sizeof *rr);
    if (rr == NULL)
        return sim_error_set(err, SIM_ENOMEM, "", "out of memory for %zu replications", reps);
    sim_status st = cc_model_run_replications(scn, opts, reps, threads, interrupted, NULL, NULL,
                                              rr, err);
    sim_tally cost, sl;
    sim_tally_init(&cost);
    sim_tally_init(&sl);
    pt->n_outsourcers = scn->n_outsourcers;
    for (size_t o = 0; st == SIM_OK && o < scn->n_outsourcers; o++)
        st = cost_sla_risk_compute(scn, rr, reps, o, scn->confidence, &pt->risk[o], err);
    cost_breakdown *b = st == SIM_OK ? sim_malloc(sizeof *b) : NULL;
    if (st == SIM_OK && b == NULL)
        st = sim_error_set(err, SIM_ENOMEM, "", "out of memory for a cost breakdown");
    for (size_t r = 0; st == SIM_OK && r < reps; r++) {
        st = cost_breakdown_compute(scn, &rr[r], scn->year, b, err);
        if (st == SIM_OK)
            sim_tally_add(&cost, b->total_eur * b->year_factor);
        double within = 0.0, den = 0.0;
        for (size_t c = 0; c < rr[r].n_channels; c++) {
            if (!scenario_channel_kind_props(scn->channels[c].kind)->realtime)
                continue;
            within += (double)rr[r].channels[c].answered_within;
            den += (double)(rr[r].channels[c].answered + rr[r].channels[c].abandoned);
        }
        if (den > 0.0)
            sim_tally_add(&sl, within / den);
    }
    pt->year_eur = sim_ci_from_tally(&cost, scn->confidence);
    pt->service_level = sim_ci_from_tally_scaled(&sl, scn->confidence, SIM_CI_LOGIT);
    sim_free(b);
    for (size_t r = 0; r < reps; r++)
        cc_rep_fini(&rr[r]);
    sim_free(rr);
    return st;
}

sim_status sla_sweep_run(const scenario *base, const scenario_load_opts *extra,
                          const cc_options *opts, const char *target,
                          long from, long to, long step, size_t reps, int threads,
                          volatile sig_atomic_t *interrupted, sla_sweep_point *points,
                          size_t max_points, size_t *n_points, sim_error *err)
{
    *n_points = 0;
    if (step <= 0 || from < 0 || to < from)
        return sim_error_set(err, SIM_EINVAL, "--sla-sweep",
                             "need 0 <= FROM <= TO and STEP > 0, got %ld:%ld:%ld", from, to,
                             step);
    if (reps == 0)
        return sim_error_set(err, SIM_EINVAL, "replications", "need at least 1 replication");
    if (extra != NULL && extra->n_sets > SWEEP_MAX_SETS)
        return sim_error_set(err, SIM_EINVAL, "--set", "at most %d overrides with a sweep",
                             SWEEP_MAX_SETS);
    size_t count = (size_t)((to - from) / step) + 1;
    if (count > max_points)
        return sim_error_set(err, SIM_EINVAL, "--sla-sweep", "%zu points exceed the limit of %zu",
                             count, max_points);
    char set[SCENARIO_NAME_MAX + 64];
    sim_status st = sweep_set(base, target, from, set, sizeof set, err);
    if (st != SIM_OK)
        return st;
    for (size_t i = 0; i < count; i++) {
        long agents = from + (long)i * step;
        st = sweep_set(base, target, agents, set, sizeof set, err);
        if (st != SIM_OK)
            return st;
        const char *sets[SWEEP_MAX_SETS + 1];
        size_t n_sets = 0;
        for (size_t j = 0; extra != NULL && j < extra->n_sets && j < SWEEP_MAX_SETS; j++)
            sets[n_sets++] = extra->sets[j];
        sets[n_sets++] = set;
        scenario_load_opts lo = {extra != NULL ? extra->policies : NULL,
                                 extra != NULL ? extra->n_policies : 0, sets, n_sets, NULL, NULL, 0};
        scenario *scn = NULL;
        st = scenario_load_derive(base, &lo, &scn, NULL);
        if (st != SIM_OK)
            return sim_error_set(err, st, "--sla-sweep", "cannot apply '%s' (%s)", set,
                                 sim_status_name(st));
        memset(&points[i], 0, sizeof points[i]);
        points[i].agents = agents;
        st = sweep_point(scn, opts, reps, threads, interrupted, &points[i], err);
        scenario_free(scn);
        if (st != SIM_OK)
            return st;
        *n_points = i + 1;
    }
    return SIM_OK;
}
