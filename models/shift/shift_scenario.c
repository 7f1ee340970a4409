/* shift_scenario.c -- see shift_scenario.h. */
#include "shift_scenario.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cc_staff.h"
#include "sim_alloc.h"

size_t shift_scenario_count_templates(const scenario *scn, size_t group)
{
    size_t n = 0;
    for (size_t s = 0; s < scn->n_shifts; s++)
        n += scn->shifts[s].group == group;
    return n;
}

void shift_scenario_input_fini(shift_scenario_input *in)
{
    sim_free(in->templates);
    sim_free(in->breaks);
    sim_free(in->shift_index);
    sim_free(in->on_duty);
    sim_free(in->required);
    memset(in, 0, sizeof *in);
}

static size_t groups_with_skill(const scenario *scn, size_t channel)
{
    size_t n = 0;
    for (size_t g = 0; g < scn->n_groups; g++)
        for (size_t k = 0; k < scn->groups[g].n_skills; k++)
            n += scn->groups[g].skills[k].channel == channel;
    return n;
}

sim_status shift_scenario_input_init(shift_scenario_input *in, const scenario *scn,
                                     size_t group, cc_erlang_sizer sizer, sim_error *err)
{
    memset(in, 0, sizeof *in);
    if (group >= scn->n_groups)
        return sim_error_set(err, SIM_EINVAL, "group", "no group %zu", group);
    const scenario_group *grp = &scn->groups[group];
    in->group = group;
    in->shrinkage = grp->shrinkage;
    in->n_week = 7 * scn->intervals_per_day;
    in->n_templates = shift_scenario_count_templates(scn, group);
    if (in->n_templates == 0)
        return sim_error_set(err, SIM_EINVAL, "shifts",
                             "group '%s' has no shift templates (shifts[].group)", grp->name);
    if (!(grp->shrinkage >= 0.0 && grp->shrinkage < 1.0))
        return sim_error_set(err, SIM_EINVAL, "groups[].shrinkage",
                             "group '%s': shrinkage %g is not in [0, 1)", grp->name,
                             grp->shrinkage);
    if (sizer == NULL)
        sizer = cc_staff_erlang_default;
    in->templates = sim_calloc(in->n_templates, sizeof *in->templates);
    in->breaks = sim_calloc(in->n_templates * SHIFT_PLAN_MAX_BREAKS, sizeof *in->breaks);
    in->shift_index = sim_calloc(in->n_templates, sizeof *in->shift_index);
    in->on_duty = sim_calloc(in->n_week, sizeof *in->on_duty);
    in->required = sim_calloc(in->n_week, sizeof *in->required);
    size_t *agents = sim_calloc(in->n_week, sizeof *agents);
    sim_status st = SIM_OK;
    if (in->templates == NULL || in->breaks == NULL || in->shift_index == NULL ||
        in->on_duty == NULL || in->required == NULL || agents == NULL) {
        st = sim_error_set(err, SIM_ENOMEM, "", "out of memory preparing the shift schedule");
        goto done;
    }
    /* Requirement: the model's Erlang sizer per skill channel, split among its groups. */
    for (size_t k = 0; k < grp->n_skills && st == SIM_OK; k++) {
        size_t c = grp->skills[k].channel;
        st = sizer(scn, c, agents, in->n_week, err);
        if (st != SIM_OK)
            break;
        double share = 1.0 / (double)groups_with_skill(scn, c);
        for (size_t i = 0; i < in->n_week; i++)
            in->on_duty[i] += (double)agents[i] * share;
    }
    if (st != SIM_OK)
        goto done;
    for (size_t i = 0; i < in->n_week; i++)
        in->required[i] = in->on_duty[i] / (1.0 - grp->shrinkage);
    /* Templates. */
    size_t t = 0;
    for (size_t s = 0; s < scn->n_shifts; s++) {
        const scenario_shift *sh = &scn->shifts[s];
        if (sh->group != group)
            continue;
        shift_plan_template *tp = &in->templates[t];
        shift_plan_break *br = &in->breaks[t * SHIFT_PLAN_MAX_BREAKS];
        size_t nb = sh->n_breaks < SHIFT_PLAN_MAX_BREAKS ? sh->n_breaks : SHIFT_PLAN_MAX_BREAKS;
        for (size_t j = 0; j < nb; j++) {
            br[j].earliest_start_s = sh->breaks[j].earliest_start_s;
            br[j].latest_start_s = sh->breaks[j].latest_start_s;
            br[j].length_s = sh->breaks[j].length_s;
            br[j].paid = sh->breaks[j].paid;
        }
        tp->name = sh->name;
        tp->n_starts = sh->n_starts;
        tp->start_s = sh->start_s;
        tp->length_s = sh->length_s;
        tp->n_breaks = nb;
        tp->breaks = br;
        memcpy(tp->days, sh->days, sizeof tp->days);
        tp->min_count = sh->min_count;
        tp->max_count = sh->max_count == SCENARIO_NONE ? SHIFT_PLAN_UNLIMITED : sh->max_count;
        tp->cost_eur = sh->cost_eur;
        tp->cost_per_hour_eur = grp->cost_per_hour_eur;
        in->shift_index[t] = s;
        t++;
    }
    in->problem = (shift_plan_problem){.interval_s = scn->interval_s,
                                       .n_intervals = in->n_week,
                                       .required = in->required,
                                       .n_templates = in->n_templates,
                                       .templates = in->templates};
done:
    sim_free(agents);
    if (st != SIM_OK)
        shift_scenario_input_fini(in);
    return st;
}

void shift_scenario_on_duty(const shift_scenario_input *in, const size_t *coverage,
                            size_t *on_duty)
{
    for (size_t i = 0; i < in->n_week; i++)
        on_duty[i] = (size_t)floor((double)coverage[i] * (1.0 - in->shrinkage) + 1e-9);
}

sim_status shift_scenario_sets(const scenario *scn, size_t group, const size_t *on_duty,
                               size_t n_week, char *sets[3], sim_error *err)
{
    sets[0] = sets[1] = sets[2] = NULL;
    const scenario_group *grp = &scn->groups[group];
    if (grp->implicit)
        return sim_error_set(err, SIM_EINVAL, "shifts[].group",
                             "group '%s' comes from a channel's \"agents\" shortcut; declare "
                             "it under \"groups\" to schedule it",
                             grp->name);
    size_t name_len = strlen(grp->name);
    size_t cap = name_len + 64 + n_week * 8;
    sets[0] = sim_malloc(name_len + 64);
    sets[1] = sim_malloc(name_len + 64);
    sets[2] = sim_malloc(cap);
    if (sets[0] == NULL || sets[1] == NULL || sets[2] == NULL) {
        for (int i = 0; i < 3; i++) {
            sim_free(sets[i]);
            sets[i] = NULL;
        }
        return sim_error_set(err, SIM_ENOMEM, "", "out of memory");
    }
    snprintf(sets[0], name_len + 64, "groups.%s.staffing=\"per_interval\"", grp->name);
    snprintf(sets[1], name_len + 64, "groups.%s.agents=null", grp->name);
    size_t len = (size_t)snprintf(sets[2], cap, "groups.%s.agents_per_interval=[", grp->name);
    for (size_t i = 0; i < n_week && len < cap; i++)
        len += (size_t)snprintf(sets[2] + len, cap - len, "%s%zu", i > 0 ? "," : "",
                                on_duty[i] > 100000 ? (size_t)100000 : on_duty[i]);
    if (len < cap)
        snprintf(sets[2] + len, cap - len, "]");
    return SIM_OK;
}

void shift_scenario_capacity_params(const scenario *scn, shift_capacity_params *p)
{
    shift_capacity_params_default(p);
    p->attrition_per_year = scn->workforce.attrition_per_year;
    p->hiring_lead_time_days = scn->workforce.hiring_lead_time_days;
    p->training_days = scn->workforce.training_days;
    p->training_productivity = scn->workforce.training_productivity;
    p->start_steady = 1;
}
