/* cost_study.c -- see cost_study.h. */
#include "cost_study.h"

#include <math.h>
#include <string.h>

#include "sim_alloc.h"

size_t cost_study_sweep_points(const cost_study_sweep *sweep)
{
    if (sweep->step <= 0 || sweep->from < 0 || sweep->to < sweep->from)
        return 0;
    return (size_t)((sweep->to - sweep->from) / sweep->step) + 1;
}

/* Breakdowns, their mean, the KPIs, the years ahead and the SLA risks of reps[0..n-1]. */
static sim_status cost_study_books(cost_study *out, const scenario *scn, const cc_rep *reps,
                                   size_t n, sim_error *err)
{
    cost_breakdown *bs = sim_calloc(n, sizeof *bs);
    if (bs == NULL)
        return sim_error_set(err, SIM_ENOMEM, "", "out of memory for %zu replications", n);
    sim_status st = SIM_OK;
    for (size_t i = 0; st == SIM_OK && i < n; i++)
        st = cost_breakdown_compute(scn, &reps[i], scn->year, &bs[i], err);
    if (st == SIM_OK) {
        cost_breakdown_mean(bs, n, &out->mean);
        out->sum = cost_summary_new(reps, n, scn, scn->confidence, err);
        if (out->sum == NULL)
            st = err != NULL && err->code != SIM_OK ? err->code : SIM_ENOMEM;
    }
    sim_free(bs);
    if (st == SIM_OK) {
        cost_tco_year y0 = cost_breakdown_tco_year(&out->mean), years[COST_TCO_MAX_YEARS];
        size_t ny = 0;
        st = cost_tco_years_project(scn, &y0, years, COST_TCO_MAX_YEARS, &ny, err);
        if (st == SIM_OK)
            st = cost_tco_compute(&scn->costs, scn->year, years, ny, &out->tco, err);
    }
    for (size_t o = 0; st == SIM_OK && o < scn->n_outsourcers; o++)
        st = cost_sla_risk_compute(scn, reps, n, o, scn->confidence, &out->risk[o], err);
    return st;
}

sim_status cost_study_run(cost_study *out, const scenario *base, const scenario *scn,
                          const scenario_load_opts *extra, const cc_options *opts, size_t reps,
                          int threads, volatile sig_atomic_t *interrupted,
                          const cost_study_sweep *sweep, sim_error *err)
{
    memset(out, 0, sizeof *out);
    out->scn = scn;
    out->reps = reps;
    cc_rep *rs = sim_calloc(reps, sizeof *rs);
    if (rs == NULL)
        return sim_error_set(err, SIM_ENOMEM, "", "out of memory for %zu replications", reps);
    sim_status st = cc_model_run_replications(scn, opts, reps, threads, interrupted, NULL, NULL,
                                              rs, err);
    if (st == SIM_OK)
        st = cost_study_books(out, scn, rs, reps, err);
    for (size_t i = 0; i < reps; i++)
        cc_rep_fini(&rs[i]);
    sim_free(rs);
    if (st != SIM_OK || sweep == NULL)
        return st;
    size_t np = cost_study_sweep_points(sweep);
    if (np == 0 || np > COST_STUDY_MAX_POINTS)
        return sim_error_set(err, SIM_EINVAL, "sla-sweep",
                             "a sweep of 1 to %d points with 0 <= from <= to and step > 0",
                             COST_STUDY_MAX_POINTS);
    out->sweep_target = sweep->target;
    out->points = sim_calloc(np, sizeof *out->points);
    if (out->points == NULL)
        return sim_error_set(err, SIM_ENOMEM, "", "out of memory for %zu sweep points", np);
    return sla_sweep_run(base, extra, opts, sweep->target, sweep->from, sweep->to, sweep->step,
                         reps, threads, interrupted, out->points, np, &out->n_points, err);
}

void cost_study_fini(cost_study *c)
{
    cc_summary_free(c->sum);
    sim_free(c->points);
    c->sum = NULL;
    c->points = NULL;
    c->n_points = 0;
}

sim_ci cost_study_kpi(const cost_study *c, const char *name)
{
    size_t j = c->sum != NULL ? cc_summary_find(c->sum, name) : (size_t)-1;
    if (j == (size_t)-1 || j >= c->sum->n_kpis) {
        sim_ci none = {0, 0.0, NAN, NAN, NAN, NAN};
        return none;
    }
    return c->sum->ci[j];
}
