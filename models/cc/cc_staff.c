/* cc_staff.c -- see cc_staff.h. */
#include "cc_staff.h"

#include <math.h>
#include <string.h>

#include "hours.h"
#include "sim_alloc.h"
#include "sim_assert.h"
#include "staffplan.h"

/* Agents of scenario channel `channel` per interval from staffplan with opts. */
static sim_status staff_from_plan(const scenario *scn, size_t channel, size_t *agents,
                                  size_t n_intervals_week, const staffplan_options *opts,
                                  sim_error *err)
{
    for (size_t k = 0; k < n_intervals_week; k++)
        agents[k] = 0;
    if (!scenario_channel_kind_props(scn->channels[channel].kind)->agent_time)
        return SIM_OK;
    staffplan plan;
    sim_status st = staffplan_build(&plan, scn, opts, err);
    if (st != SIM_OK)
        return st;
    size_t j = staffplan_find(&plan, channel);
    SIM_ASSERT(j != SCENARIO_NONE, "staffed channel missing from the plan");
    size_t n = n_intervals_week < plan.n_intervals ? n_intervals_week : plan.n_intervals;
    for (size_t k = 0; k < n; k++)
        agents[k] = (size_t)staffplan_at(&plan, k, j)->agents;
    staffplan_fini(&plan);
    return SIM_OK;
}

sim_status cc_staff_erlang_default(const scenario *scn, size_t channel, size_t *agents,
                                   size_t n_intervals_week, sim_error *err)
{
    staffplan_options o;
    staffplan_options_init(&o);
    return staff_from_plan(scn, channel, agents, n_intervals_week, &o, err);
}

sim_status cc_staff_erlang_repeats(const scenario *scn, size_t channel, size_t *agents,
                                   size_t n_intervals_week, sim_error *err)
{
    staffplan_options o;
    staffplan_options_init(&o);
    o.repeats = 1;
    return staff_from_plan(scn, channel, agents, n_intervals_week, &o, err);
}

sim_status cc_staff_init(cc_staff *st, const scenario *scn, cc_erlang_sizer sizer,
                         sim_error *err)
{
    memset(st, 0, sizeof *st);
    st->n_groups = scn->n_groups;
    st->n_week = 7 * scn->intervals_per_day;
    int any_erlang = 0;
    for (size_t g = 0; g < scn->n_groups; g++) {
        if (scn->groups[g].staffing == SCENARIO_STAFFING_SCHEDULE)
            return sim_error_set(err, SIM_EINVAL, "groups[].staffing",
                                 "group '%s': staffing \"schedule\" comes from the shift "
                                 "optimiser, which the simulation cannot use yet; use "
                                 "\"fixed\", \"per_interval\" or \"erlang\"",
                                 scn->groups[g].name);
        if (scn->groups[g].staffing == SCENARIO_STAFFING_PER_INTERVAL &&
            (scn->groups[g].agents_per_interval == NULL ||
             scn->groups[g].n_agents_per_interval != st->n_week))
            return sim_error_set(err, SIM_EINVAL, "groups[].agents_per_interval",
                                 "group '%s': expected %zu sizes (a week of intervals), got %zu",
                                 scn->groups[g].name, st->n_week,
                                 scn->groups[g].n_agents_per_interval);
        if (scn->groups[g].staffing == SCENARIO_STAFFING_ERLANG)
            any_erlang = 1;
    }
    if (!any_erlang)
        return SIM_OK;
    if (sizer == NULL)
        sizer = cc_staff_erlang_default;
    st->erlang = sim_calloc(scn->n_groups * st->n_week, sizeof *st->erlang);
    size_t *per_channel = sim_calloc(st->n_week, sizeof *per_channel);
    sim_status status = SIM_OK;
    /* The built-in sizers read one staffplan: build it once, not once per channel. */
    staffplan plan;
    int have_plan = 0;
    if (st->erlang == NULL || per_channel == NULL) {
        status = sim_error_set(err, SIM_ENOMEM, "", "out of memory sizing erlang groups");
        goto done;
    }
    if (sizer == cc_staff_erlang_default || sizer == cc_staff_erlang_repeats) {
        staffplan_options o;
        staffplan_options_init(&o);
        o.repeats = sizer == cc_staff_erlang_repeats;
        status = staffplan_build(&plan, scn, &o, err);
        if (status != SIM_OK)
            goto done;
        have_plan = 1;
    }
    for (size_t c = 0; c < scn->n_channels && status == SIM_OK; c++) {
        size_t sharing = 0;
        for (size_t g = 0; g < scn->n_groups; g++) {
            const scenario_group *grp = &scn->groups[g];
            if (grp->staffing != SCENARIO_STAFFING_ERLANG)
                continue;
            for (size_t k = 0; k < grp->n_skills; k++)
                sharing += grp->skills[k].channel == c;
        }
        if (sharing == 0)
            continue;
        if (have_plan) {
            size_t j = staffplan_find(&plan, c);
            for (size_t i = 0; i < st->n_week; i++)
                per_channel[i] = j == SCENARIO_NONE || i >= plan.n_intervals
                                     ? 0
                                     : (size_t)staffplan_at(&plan, i, j)->agents;
        } else {
            status = sizer(scn, c, per_channel, st->n_week, err);
        }
        if (status != SIM_OK)
            break;
        for (size_t g = 0; g < scn->n_groups; g++) {
            const scenario_group *grp = &scn->groups[g];
            if (grp->staffing != SCENARIO_STAFFING_ERLANG)
                continue;
            for (size_t k = 0; k < grp->n_skills; k++) {
                if (grp->skills[k].channel != c)
                    continue;
                for (size_t i = 0; i < st->n_week; i++)
                    st->erlang[g * st->n_week + i] += (per_channel[i] + sharing - 1) / sharing;
            }
        }
    }
done:
    if (have_plan)
        staffplan_fini(&plan);
    sim_free(per_channel);
    if (status != SIM_OK)
        cc_staff_fini(st);
    return status;
}

void cc_staff_fini(cc_staff *st)
{
    sim_free(st->erlang);
    st->erlang = NULL;
}

static size_t staff_week_index(const scenario *scn, double t_s)
{
    double day = floor(t_s / CC_DAY_S);
    double tod = t_s - day * CC_DAY_S;
    size_t i = (size_t)(tod / scn->interval_s);
    if (i >= scn->intervals_per_day)
        i = scn->intervals_per_day - 1;
    return hours_weekday(scn, t_s) * scn->intervals_per_day + i;
}

size_t cc_staff_target(const cc_staff *st, const scenario *scn, size_t g, double t_s)
{
    SIM_ASSERT(g < scn->n_groups, "group index out of range");
    const scenario_group *grp = &scn->groups[g];
    switch (grp->staffing) {
    case SCENARIO_STAFFING_FIXED:
        for (size_t k = 0; k < grp->n_skills; k++) {
            if (hours_is_open(scn, grp->skills[k].channel, t_s))
                return grp->agents;
        }
        return 0;
    case SCENARIO_STAFFING_PER_INTERVAL:
        return grp->agents_per_interval[staff_week_index(scn, t_s)];
    case SCENARIO_STAFFING_ERLANG:
        SIM_ASSERT(st->erlang != NULL, "erlang table not prepared");
        return st->erlang[g * st->n_week + staff_week_index(scn, t_s)];
    case SCENARIO_STAFFING_SCHEDULE:
    default:
        return 0;
    }
}

size_t cc_staff_max(const cc_staff *st, const scenario *scn, size_t g)
{
    const scenario_group *grp = &scn->groups[g];
    size_t m = 0;
    switch (grp->staffing) {
    case SCENARIO_STAFFING_FIXED: return grp->agents;
    case SCENARIO_STAFFING_PER_INTERVAL:
        for (size_t i = 0; i < grp->n_agents_per_interval; i++)
            m = grp->agents_per_interval[i] > m ? grp->agents_per_interval[i] : m;
        return m;
    case SCENARIO_STAFFING_ERLANG:
        for (size_t i = 0; i < st->n_week; i++)
            m = st->erlang[g * st->n_week + i] > m ? st->erlang[g * st->n_week + i] : m;
        return m;
    default: return 0;
    }
}
