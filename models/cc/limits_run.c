/* limits_run.c -- see limits_run.h. Everything is computed in double: the point is to compare
 * with caps, and products such as contacts x replications overflow size_t long before they
 * stop being meaningful as estimates. */
#include "limits_run.h"

#include <math.h>
#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

#include "demand.h"
#include "cc_result.h"
#include "hours.h"
#include "sim_alloc.h"
#include "sim_ci.h"

void limits_run_caps_default(limits_run_caps *caps)
{
    caps->max_contacts_per_day = LIMITS_RUN_MAX_CONTACTS_PER_DAY;
    caps->max_contacts = LIMITS_RUN_MAX_CONTACTS;
    caps->max_agents = LIMITS_RUN_MAX_AGENTS;
    caps->max_memory_bytes = LIMITS_RUN_MAX_MEMORY_BYTES;
    caps->max_in_system = (double)limits_run_in_system_default(1);
}

size_t limits_run_in_system_default(size_t concurrent)
{
    double bytes = HUGE_VAL;
    long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
    if (pages > 0 && page > 0)
        bytes = (double)pages * (double)page;
    struct rlimit rl;
    if (getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
        bytes = fmin(bytes, (double)rl.rlim_cur);
    if (!isfinite(bytes))
        return (size_t)LIMITS_RUN_MIN_IN_SYSTEM;
    double n = LIMITS_RUN_MEMORY_SHARE * bytes / LIMITS_RUN_CONTACT_BYTES /
               (double)(concurrent > 0 ? concurrent : 1);
    return (size_t)fmax(LIMITS_RUN_MIN_IN_SYSTEM, floor(n));
}

/* Smallest handle-time factor and largest patience factor over the segments (the factors
 * that make the estimate smallest). */
static void limits_segment_factors(const scenario *scn, double *handle, double *patience)
{
    *handle = 1.0;
    *patience = 1.0;
    for (size_t s = 0; s < scn->n_segments; s++) {
        double h = scn->segments[s].handle_time_factor, p = scn->segments[s].patience_factor;
        if (s == 0 || h < *handle)
            *handle = h;
        if (s == 0 || p > *patience)
            *patience = p;
    }
}

/* Contacts channel c can serve per second in interval-of-week k (HUGE_VAL: unbounded, a
 * group sized by erlang or shifts). */
static double limits_capacity_rate(const scenario *scn, size_t c, size_t k, double handle_factor)
{
    const scenario_channel *ch = &scn->channels[c];
    double agents = 0.0;
    for (size_t g = 0; g < scn->n_groups; g++) {
        const scenario_group *grp = &scn->groups[g];
        int serves = 0;
        for (size_t i = 0; i < grp->n_skills && !serves; i++)
            serves = grp->skills[i].channel == c;
        for (size_t o = 0; o < scn->routing.n_overflows && !serves; o++)
            serves = scn->routing.overflows[o].channel == c &&
                     scn->routing.overflows[o].to_group == g;
        if (!serves)
            continue;
        switch (grp->staffing) {
        case SCENARIO_STAFFING_FIXED: agents += (double)grp->agents; break;
        case SCENARIO_STAFFING_PER_INTERVAL:
            if (grp->n_agents_per_interval > 0)
                agents += (double)grp->agents_per_interval[k % grp->n_agents_per_interval];
            break;
        default: return HUGE_VAL;
        }
    }
    for (size_t o = 0; o < scn->n_outsourcers; o++) {
        const scenario_outsourcer *out = &scn->outsourcers[o];
        if (out->serves[c])
            agents += (double)out->agents / fmax(out->handle_time_factor, 1e-9);
    }
    double slots = ch->concurrency > 0 ? (double)ch->concurrency : 1.0;
    return agents * slots / (ch->handle_time.mean_s * handle_factor);
}

/* 1 when channel c is open at some moment of interval-of-week k (8 samples). */
static int limits_open_in(const scenario *scn, size_t c, size_t k)
{
    size_t ipd = scn->intervals_per_day;
    unsigned wd = (unsigned)(k / ipd);
    double day = (double)((wd + 7u - scn->start_weekday % 7u) % 7u);
    double t0 = day * CC_DAY_S + (double)(k % ipd) * scn->interval_s;
    for (int j = 0; j < 8; j++)
        if (hours_is_open(scn, c, t0 + scn->interval_s * (double)j / 8.0))
            return 1;
    return 0;
}

sim_status limits_run_backlog(const scenario *scn, limits_run_backlog_est *est, sim_error *err)
{
    est->peak = 0.0;
    est->peak_interval = 0;
    est->channel = SCENARIO_NONE;
    est->channel_backlog = 0.0;
    est->first_over = 0;
    size_t nc = scn->n_channels, ipd = scn->intervals_per_day, n_week = 7 * ipd;
    if (nc == 0 || ipd == 0)
        return SIM_OK;
    /* Per interval of the week and channel: arrivals and capacity in contacts per interval,
     * and the waiting bound (HUGE_VAL: none). */
    double *arr = sim_malloc_array(3 * n_week, nc * sizeof *arr);
    if (arr == NULL)
        return sim_error_set(err, SIM_ENOMEM, "", "out of memory estimating the backlog");
    double *cap = arr + n_week * nc, *bound = cap + n_week * nc;
    double handle_factor, patience_factor;
    limits_segment_factors(scn, &handle_factor, &patience_factor);
    double rate[SCENARIO_MAX_CHANNELS], closed[SCENARIO_MAX_CHANNELS];
    for (size_t k = 0; k < n_week; k++) {
        demand_rates_week(scn, k, rate, closed, NULL);
        for (size_t c = 0; c < nc; c++) {
            const scenario_channel *ch = &scn->channels[c];
            const scenario_kind_props *kp = scenario_channel_kind_props(ch->kind);
            double *a = &arr[k * nc + c], *cp = &cap[k * nc + c], *b = &bound[k * nc + c];
            double in = rate[c];
            if (ch->when_closed != SCENARIO_CLOSED_WAIT)
                in -= closed[c];
            *a = isfinite(in) && in > 0.0 ? in * scn->interval_s : 0.0;
            *b = HUGE_VAL;
            if (!kp->agent_time) {
                *cp = HUGE_VAL; /* self-service: no queue */
                continue;
            }
            int serving = limits_open_in(scn, c, k) ||
                          (kp->realtime && ch->at_close == SCENARIO_AT_CLOSE_SERVE);
            *cp = serving ? limits_capacity_rate(scn, c, k, handle_factor) * scn->interval_s
                          : 0.0;
            if (kp->abandons && ch->has_patience)
                *b = fmax(in, 0.0) * ch->patience.mean_s * patience_factor;
        }
    }
    double backlog[SCENARIO_MAX_CHANNELS] = {0};
    size_t over[SCENARIO_MAX_CHANNELS];
    for (size_t c = 0; c < nc; c++)
        over[c] = SCENARIO_NONE;
    size_t n_iv = scn->horizon_days * ipd;
    for (size_t h = 0; h < n_iv; h++) {
        size_t day = h / ipd;
        size_t k = ((day + scn->start_weekday) % 7) * ipd + h % ipd;
        double total = 0.0;
        size_t top = SCENARIO_NONE;
        for (size_t c = 0; c < nc; c++) {
            double a = arr[k * nc + c], cp = cap[k * nc + c];
            if (a > cp && over[c] == SCENARIO_NONE)
                over[c] = h;
            double b = backlog[c] + a - cp;
            b = isnan(b) || b < 0.0 ? 0.0 : b;
            backlog[c] = fmin(b, bound[k * nc + c]);
            total += backlog[c];
            if (backlog[c] > 0.0 && (top == SCENARIO_NONE || backlog[c] > backlog[top]))
                top = c;
        }
        if (total > est->peak) {
            est->peak = total;
            est->peak_interval = h;
            est->channel = top;
            est->channel_backlog = backlog[top];
            est->first_over = over[top];
        }
    }
    sim_free(arr);
    return SIM_OK;
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
    limits_run_backlog_est bl;
    sim_status st = limits_run_backlog(scn, &bl, err);
    if (st != SIM_OK)
        return st;
    if (bl.peak > caps->max_in_system && bl.channel != SCENARIO_NONE) {
        size_t ipd = scn->intervals_per_day;
        unsigned peak_min = (unsigned)((double)(bl.peak_interval % ipd) * scn->interval_s / 60.0);
        unsigned over_min = (unsigned)((double)(bl.first_over % ipd) * scn->interval_s / 60.0);
        char path[64];
        snprintf(path, sizeof path, "channels[%zu]", bl.channel);
        return sim_error_set(
            err, SIM_ELIMIT, path,
            "channel '%s' is overloaded: arrivals exceed capacity from day %zu %02u:%02u; "
            "backlog about %.3g contacts by day %zu %02u:%02u (%.3g in all channels), above "
            "the limit of %.6g in the system (--max-in-system); add agents, lower the volume "
            "or give patience",
            scn->channels[bl.channel].name, bl.first_over / ipd + 1, over_min / 60,
            over_min % 60, bl.channel_backlog, bl.peak_interval / ipd + 1, peak_min / 60,
            peak_min % 60, bl.peak,
            caps->max_in_system);
    }
    return SIM_OK;
}
