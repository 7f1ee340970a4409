/* limits_run.c -- see limits_run.h. Everything is computed in double: the point is to compare
 * with caps, and products such as contacts x replications overflow size_t long before they
 * stop being meaningful as estimates. */
#include "limits_run.h"

#include <math.h>

#include "demand.h"
#include "cc_result.h"
#include "sim_ci.h"

void limits_run_caps_default(limits_run_caps *caps)
{
    caps->max_contacts_per_day = LIMITS_RUN_MAX_CONTACTS_PER_DAY;
    caps->max_contacts = LIMITS_RUN_MAX_CONTACTS;
    caps->max_agents = LIMITS_RUN_MAX_AGENTS;
    caps->max_memory_bytes = LIMITS_RUN_MAX_MEMORY_BYTES;
}

/* Upper estimate of the agents an erlang group may get: for each channel it serves, twice the
 * peak offered load (in agents, chat load divided by concurrency) plus 10. Erlang C never asks
 * for more than load + a few times its square root at the service levels planners use. */
static double limits_erlang_agents(const scenario *scn, const scenario_group *grp)
{
    size_t n_week = 7 * scn->intervals_per_day;
    double total = 0.0;
    for (size_t k = 0; k < grp->n_skills; k++) {
        size_t c = grp->skills[k].channel;
        if (c >= scn->n_channels)
            continue;
        const scenario_channel *ch = &scn->channels[c];
        double peak = 0.0;
        for (size_t i = 0; i < n_week; i++) {
            double rate = demand_channel_rate_week(scn, c, i);
            if (isfinite(rate) && rate > peak)
                peak = rate;
        }
        double slots = ch->concurrency > 0 ? (double)ch->concurrency : 1.0;
        total += 2.0 * peak * ch->handle_time.mean_s / slots + 10.0;
    }
    return total;
}

static double limits_group_agents(const scenario *scn, const scenario_group *grp)
{
    double m = 0.0;
    switch (grp->staffing) {
    case SCENARIO_STAFFING_FIXED:
        return (double)grp->agents;
    case SCENARIO_STAFFING_PER_INTERVAL:
        for (size_t i = 0; i < grp->n_agents_per_interval; i++)
            m = fmax(m, (double)grp->agents_per_interval[i]);
        return m;
    case SCENARIO_STAFFING_ERLANG:
        return limits_erlang_agents(scn, grp);
    case SCENARIO_STAFFING_SCHEDULE:
    default:
        /* Shifts staff a group with at most max_count of each template at once; without a
         * bound, the group's fixed size is the best guess the scenario gives. */
        return (double)grp->agents;
    }
}

void limits_run_estimate_get(const scenario *scn, size_t replications, int folded,
                             limits_run_estimate *est)
{
    if (est == NULL)
        return;
    double reps = (double)replications;
    double days = (double)scn->horizon_days;
    double per_day = scn->daily_volume;
    if (scn->demand_mode == SCENARIO_DEMAND_PER_CHANNEL) {
        /* daily_volume is documented as the channels' sum; recompute rather than trust. */
        per_day = 0.0;
        for (size_t c = 0; c < scn->n_channels; c++)
            per_day += scn->channels[c].daily_volume;
    }
    est->contacts_per_day = per_day;
    est->contacts_per_rep = per_day * days;
    est->contacts_total = est->contacts_per_rep * reps;

    double agents = 0.0;
    for (size_t g = 0; g < scn->n_groups; g++)
        agents += limits_group_agents(scn, &scn->groups[g]);
    for (size_t o = 0; o < scn->n_outsourcers; o++)
        agents += (double)scn->outsourcers[o].agents;
    est->agents = agents;

    double per_day_rows = (double)scn->intervals_per_day;
    est->intervals = folded ? 7.0 * per_day_rows : days * per_day_rows;
    double pools = (double)(scn->n_groups + scn->n_outsourcers + 1); /* +1: a unified desk */
    double channels = (double)scn->n_channels;
    double series_bytes =
        est->intervals * (channels * CC_IV_COUNT + pools * CC_PV_COUNT) * (double)sizeof(double);
    double summary_bytes = est->intervals * channels * CC_IK_COUNT * (double)sizeof(sim_ci);
    est->memory_bytes = reps * series_bytes + summary_bytes + agents * LIMITS_RUN_AGENT_BYTES;
    est->events_total = LIMITS_RUN_EVENTS_PER_CONTACT * est->contacts_total +
                        reps * days * per_day_rows * (channels + pools);
}

sim_status limits_run_check(const scenario *scn, size_t replications, int folded,
                            const limits_run_caps *caps, limits_run_estimate *est,
                            sim_error *err)
{
    limits_run_caps defaults;
    if (caps == NULL) {
        limits_run_caps_default(&defaults);
        caps = &defaults;
    }
    limits_run_estimate e;
    limits_run_estimate_get(scn, replications, folded, &e);
    if (est != NULL)
        *est = e;
    const char *volume_path = scn->demand_mode == SCENARIO_DEMAND_BY_SEGMENT
                                  ? "demand.daily_volume"
                                  : "channels[].daily_volume";
    if (!(e.contacts_per_day <= caps->max_contacts_per_day))
        return sim_error_set(err, SIM_ELIMIT, volume_path,
                             "about %.6g first contacts per day over all channels, above the "
                             "limit of %.6g per day (limits_run: contacts per day)",
                             e.contacts_per_day, caps->max_contacts_per_day);
    if (!(e.agents <= caps->max_agents))
        return sim_error_set(err, SIM_ELIMIT, "groups[].agents",
                             "up to %.6g agents on duty at once (groups and outsourcers), "
                             "above the limit of %.6g (limits_run: agents)",
                             e.agents, caps->max_agents);
    if (!(e.contacts_total <= caps->max_contacts))
        return sim_error_set(err, SIM_ELIMIT, "horizon_days",
                             "about %.6g first contacts to simulate (%.6g per day x %zu days x "
                             "%zu replications), above the limit of %.6g (hours of computing); "
                             "shorten horizon_days or use fewer replications",
                             e.contacts_total, e.contacts_per_day, scn->horizon_days,
                             replications, caps->max_contacts);
    if (!(e.memory_bytes <= caps->max_memory_bytes))
        return sim_error_set(err, SIM_ELIMIT, "horizon_days",
                             "about %.1f GiB for per-interval results (%.0f intervals x %zu "
                             "replications), above the limit of %.1f GiB; fold intervals onto "
                             "one week (run --week), shorten horizon_days, use a longer "
                             "interval_s or fewer replications",
                             e.memory_bytes / 1073741824.0, e.intervals, replications,
                             caps->max_memory_bytes / 1073741824.0);
    return SIM_OK;
}
