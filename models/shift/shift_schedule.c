/* shift_schedule.c -- see shift_schedule.h. */
#include "shift_schedule.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sim_alloc.h"

sim_status shift_schedule_init(shift_schedule *s, const scenario *scn, double fte_hours,
                               sim_error *err)
{
    memset(s, 0, sizeof *s);
    s->scn = scn;
    s->fte_hours = fte_hours;
    s->groups = sim_calloc(scn->n_groups > 0 ? scn->n_groups : 1, sizeof *s->groups);
    if (s->groups == NULL)
        return sim_error_set(err, SIM_ENOMEM, "", "out of memory");
    return SIM_OK;
}

void shift_schedule_fini(shift_schedule *s)
{
    for (size_t g = 0; s->groups != NULL && g < s->n_groups; g++) {
        shift_plan_free(s->groups[g].plan);
        sim_free(s->groups[g].on_duty);
        shift_scenario_input_fini(&s->groups[g].in);
    }
    sim_free(s->groups);
    sim_free(s->months);
    sim_free(s->years);
    cc_summary_free(s->sum);
    memset(s, 0, sizeof *s);
}

sim_status shift_schedule_solve(shift_schedule *s, size_t only, cc_erlang_sizer sizer,
                                const shift_plan_opts *po, shift_schedule_progress progress,
                                void *ctx, sim_error *err)
{
    const scenario *scn = s->scn;
    for (size_t g = 0; g < scn->n_groups; g++) {
        if ((only != SCENARIO_NONE && g != only) || shift_scenario_count_templates(scn, g) == 0)
            continue;
        shift_schedule_group *sg = &s->groups[s->n_groups];
        sim_status st = shift_scenario_input_init(&sg->in, scn, g, sizer, err);
        if (st != SIM_OK)
            return st;
        s->n_groups++;
        if (progress != NULL)
            progress(ctx, scn->groups[g].name, sg->in.n_templates, sg->in.n_week);
        st = shift_plan_solve(&sg->in.problem, po, &sg->plan, err);
        if (st != SIM_OK) {
            char where[SIM_ERROR_PATH_MAX];
            /* Name the group, so that a template or interval is found in the scenario. */
            snprintf(where, sizeof where, "groups.%.*s: %.*s", 60, scn->groups[g].name, 90,
                     err->path);
            memcpy(err->path, where, sizeof where);
            return st;
        }
        sg->on_duty = sim_calloc(sg->in.n_week, sizeof *sg->on_duty);
        if (sg->on_duty == NULL)
            return sim_error_set(err, SIM_ENOMEM, "", "out of memory");
        shift_scenario_on_duty(&sg->in, sg->plan->coverage, sg->on_duty);
    }
    if (s->n_groups == 0)
        return sim_error_set(err, SIM_EINVAL, "shifts",
                             "the scenario has no shift templates: add \"shifts\" (see "
                             "docs/scheduling.md)");
    return SIM_OK;
}

sim_status shift_schedule_capacity(shift_schedule *s, sim_error *err)
{
    const scenario *scn = s->scn;
    double paid = 0.0;
    for (size_t g = 0; g < s->n_groups; g++)
        paid += s->groups[g].plan->paid_hours;
    s->fte = paid / s->fte_hours;
    shift_scenario_capacity_params(scn, &s->cap);
    int y0 = scn->year, y1 = scn->year;
    double growth = 0.0;
    if (scn->roadmap.present) {
        y0 = scn->roadmap.first_year;
        y1 = scn->roadmap.last_year >= y0 ? scn->roadmap.last_year : y0;
        growth = scn->roadmap.volume_growth_per_year;
    }
    s->first_year = y0;
    s->n_months = 12 * (size_t)(y1 - y0 + 1);
    double *req = sim_calloc(s->n_months, sizeof *req);
    s->months = sim_calloc(s->n_months, sizeof *s->months);
    s->years = sim_calloc((s->n_months + 11) / 12, sizeof *s->years);
    if (req == NULL || s->months == NULL || s->years == NULL) {
        sim_free(req);
        return sim_error_set(err, SIM_ENOMEM, "", "out of memory");
    }
    for (size_t m = 0; m < s->n_months; m++)
        req[m] = s->fte * pow(1.0 + growth, (double)m / 12.0);
    sim_status st = shift_capacity_plan(&s->cap, req, s->n_months, s->months, err);
    sim_free(req);
    if (st != SIM_OK)
        return st;
    s->n_years = shift_capacity_years(s->months, s->n_months, s->cap.attrition_per_year,
                                      s->years);
    return SIM_OK;
}

sim_status shift_schedule_simulate(shift_schedule *s, const scenario *base,
                                   const scenario_load_opts *user, const cc_options *opts,
                                   size_t reps, int threads, volatile sig_atomic_t *interrupted,
                                   scenario_diag *diag, sim_error *err)
{
    /* The file's own policies and roadmap are dropped from the simulated variant (after the
     * user's policies were applied): the loader checks every policy against the variant, and
     * a policy that sets a scheduled group's "agents" would contradict its per-interval
     * staffing. */
    static const char *const drop[2] = {"policies=null", "roadmap=null"};
    size_t n_user = user != NULL ? user->n_sets : 0;
    size_t n_sets = n_user + 2 + 3 * s->n_groups;
    const char **sets = sim_calloc(n_sets, sizeof *sets);
    char **own = sim_calloc(3 * s->n_groups + 1, sizeof *own);
    scenario *scn = NULL;
    cc_rep *rs = NULL;
    sim_status st = SIM_OK;
    if (sets == NULL || own == NULL) {
        st = sim_error_set(err, SIM_ENOMEM, "", "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n_user; i++)
        sets[i] = user->sets[i];
    sets[n_user] = drop[0];
    sets[n_user + 1] = drop[1];
    for (size_t g = 0; g < s->n_groups && st == SIM_OK; g++) {
        st = shift_scenario_sets(s->scn, s->groups[g].in.group, s->groups[g].on_duty,
                                 s->groups[g].in.n_week, &own[3 * g], err);
        for (size_t i = 0; i < 3 && st == SIM_OK; i++)
            sets[n_user + 2 + 3 * g + i] = own[3 * g + i];
    }
    if (st != SIM_OK)
        goto done;
    scenario_load_opts lo = {.policies = user != NULL ? user->policies : NULL,
                             .n_policies = user != NULL ? user->n_policies : 0,
                             .sets = sets,
                             .n_sets = n_sets};
    st = scenario_load_derive(base, &lo, &scn, diag);
    if (st != SIM_OK) {
        if (err != NULL && err->code == SIM_OK)
            sim_error_set(err, st, "", "the scheduled variant of the scenario is invalid");
        goto done;
    }
    st = cc_model_validate(scn, opts, err);
    if (st != SIM_OK)
        goto done;
    rs = sim_calloc(reps, sizeof *rs);
    if (rs == NULL) {
        st = sim_error_set(err, SIM_ENOMEM, "", "out of memory for %zu replications", reps);
        goto done;
    }
    st = cc_model_run_replications(scn, opts, reps, threads, interrupted, NULL, NULL, rs, err);
    if (st != SIM_OK)
        goto done;
    s->sum = cc_summary_new(rs, reps, scn, scn->confidence, err);
    if (s->sum == NULL)
        st = err != NULL && err->code != SIM_OK ? err->code : SIM_ENOMEM;
done:
    for (size_t r = 0; rs != NULL && r < reps; r++)
        cc_rep_fini(&rs[r]);
    sim_free(rs);
    for (size_t i = 0; own != NULL && i < 3 * s->n_groups; i++)
        sim_free(own[i]);
    sim_free(own);
    sim_free(sets);
    scenario_free(scn);
    return st;
}

int shift_schedule_verdict(const sim_ci *ci, double target)
{
    if (ci == NULL || !isfinite(ci->mean))
        return -1;
    double lo = isfinite(ci->lo) ? ci->lo : ci->mean, hi = isfinite(ci->hi) ? ci->hi : ci->mean;
    if (lo >= target)
        return 1;
    if (hi < target)
        return 0;
    return -1;
}

const char *shift_schedule_verdict_name(int verdict)
{
    return verdict == 1 ? "met" : verdict == 0 ? "missed" : "uncertain";
}
