/* scenario.c -- the in-memory scenario: lookups by name, hop rules, opening hours, the names
 * of channel kinds and outcomes, and scenario_free. Loading lives in scenario_load.c.
 */
#include "scenario.h"

#include <stdio.h>
#include <string.h>

#include "sim_alloc.h"
#include "sim_assert.h"

void scenario_free(scenario *scn)
{
    if (scn == NULL)
        return;
    sim_free(scn->description);
    sim_free(scn->channels);
    sim_free(scn->segments);
    sim_free(scn->hops);
    for (size_t i = 0; i < scn->n_groups; i++)
        sim_free(scn->groups[i].agents_per_interval);
    sim_free(scn->groups);
    sim_free(scn->shifts);
    sim_free(scn->outsourcers);
    for (size_t i = 0; i < scn->n_policies; i++) {
        scenario_policy *p = &scn->policies[i];
        for (size_t k = 0; k < p->n_changes; k++) {
            sim_free(p->changes[k].path);
            sim_free(p->changes[k].value_json);
        }
        sim_free(p->changes);
        sim_free(p->description);
    }
    sim_free(scn->policies);
    sim_free(scn->profile_pool);
    for (size_t i = 0; i < scn->n_dist_blocks; i++)
        sim_free(scn->dist_blocks[i]);
    sim_free(scn->dist_blocks);
    sim_free(scn->source_json);
    sim_free(scn->dst_day);
    sim_free(scn->dst_factor);
    sim_free(scn->special_days);
    sim_free(scn->special_pool);
    sim_free(scn->season_factor);
    sim_free(scn->forecast_volume);
    sim_free(scn);
}

double scenario_wall_factor(const scenario *scn, size_t day, size_t i)
{
    size_t lo = 0, hi = scn->n_dst_days;
    while (lo < hi) { /* binary search: a ten-year horizon has twenty transition days */
        size_t mid = lo + (hi - lo) / 2;
        if (scn->dst_day[mid] < day)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < scn->n_dst_days && scn->dst_day[lo] == day && i < scn->intervals_per_day)
        return scn->dst_factor[lo * scn->intervals_per_day + i];
    return 1.0;
}

size_t scenario_find_channel(const scenario *scn, const char *name)
{
    for (size_t i = 0; name != NULL && i < scn->n_channels; i++)
        if (strcmp(scn->channels[i].name, name) == 0)
            return i;
    return SCENARIO_NONE;
}

size_t scenario_find_segment(const scenario *scn, const char *name)
{
    for (size_t i = 0; name != NULL && i < scn->n_segments; i++)
        if (strcmp(scn->segments[i].name, name) == 0)
            return i;
    return SCENARIO_NONE;
}

size_t scenario_find_group(const scenario *scn, const char *name)
{
    for (size_t i = 0; name != NULL && i < scn->n_groups; i++)
        if (strcmp(scn->groups[i].name, name) == 0)
            return i;
    return SCENARIO_NONE;
}

size_t scenario_find_outsourcer(const scenario *scn, const char *name)
{
    for (size_t i = 0; name != NULL && i < scn->n_outsourcers; i++)
        if (strcmp(scn->outsourcers[i].name, name) == 0)
            return i;
    return SCENARIO_NONE;
}

size_t scenario_find_policy(const scenario *scn, const char *name)
{
    for (size_t i = 0; name != NULL && i < scn->n_policies; i++)
        if (strcmp(scn->policies[i].name, name) == 0)
            return i;
    return SCENARIO_NONE;
}

const scenario_hop *scenario_hop_get(const scenario *scn, size_t segment,
                                     scenario_outcome outcome, size_t from_channel)
{
    SIM_ASSERT(segment < scn->n_segments && (unsigned)outcome < SCENARIO_OUTCOME_COUNT
                   && from_channel < scn->n_channels,
               "hop index out of range");
    return &scn->hops[(segment * SCENARIO_OUTCOME_COUNT + (size_t)outcome) * scn->n_channels
                      + from_channel];
}

int scenario_is_open(const scenario *scn, size_t channel, unsigned weekday, double time_of_day_s)
{
    SIM_ASSERT(channel < scn->n_channels && weekday < 7, "channel or weekday out of range");
    const scenario_hours *h = &scn->channels[channel].hours;
    for (size_t i = 0; i < h->n_windows[weekday]; i++)
        if (time_of_day_s >= h->windows[weekday][i].open_s
            && time_of_day_s < h->windows[weekday][i].close_s)
            return 1;
    return 0;
}

static int hours_open_at(const scenario_hours *h, unsigned weekday, double tod)
{
    for (size_t i = 0; i < h->n_windows[weekday]; i++)
        if (tod >= h->windows[weekday][i].open_s && tod < h->windows[weekday][i].close_s)
            return 1;
    return 0;
}

double scenario_hours_open_s(const scenario_hours *const *hours, size_t n, unsigned weekday,
                             double from_s, double to_s)
{
    SIM_ASSERT(weekday < 7 && from_s <= to_s, "weekday or time range out of order");
    /* Cut [from_s, to_s) at every window edge inside it: within a piece every channel is
     * open or closed throughout, so its state at the midpoint is its state. */
    double cut[2 + 2 * SCENARIO_MAX_CHANNELS * SCENARIO_MAX_WINDOWS_PER_DAY];
    size_t m = 0;
    cut[m++] = from_s;
    for (size_t k = 0; k < n && k < SCENARIO_MAX_CHANNELS; k++) {
        const scenario_hours *h = hours[k];
        for (size_t w = 0; w < h->n_windows[weekday]; w++) {
            double e[2] = {h->windows[weekday][w].open_s, h->windows[weekday][w].close_s};
            for (int j = 0; j < 2; j++)
                if (e[j] > from_s && e[j] < to_s)
                    cut[m++] = e[j];
        }
    }
    cut[m++] = to_s;
    /* insertion sort: m is small (the edges that fall inside one interval, usually none) */
    for (size_t a = 1; a < m; a++)
        for (size_t b = a; b > 0 && cut[b] < cut[b - 1]; b--) {
            double t = cut[b];
            cut[b] = cut[b - 1];
            cut[b - 1] = t;
        }
    double open = 0.0;
    for (size_t p = 0; p + 1 < m; p++) {
        double mid = 0.5 * (cut[p] + cut[p + 1]);
        for (size_t k = 0; k < n; k++)
            if (hours_open_at(hours[k], weekday, mid)) {
                open += cut[p + 1] - cut[p];
                break;
            }
    }
    return open;
}

/* The channel kinds, in enum order (scenario_kind_props says what each column means). */
static const scenario_kind_props kind_props[SCENARIO_CHANNEL_KIND_COUNT] = {
    /* kind                       name         real  aband backl conc  agent cb-offer line */
    {SCENARIO_CHANNEL_VOICE,        "voice",        1, 1, 0, 0, 1, 1, SCENARIO_LINE_TALK_AND_WAIT},
    {SCENARIO_CHANNEL_CHAT,         "chat",         1, 1, 0, 1, 1, 0, SCENARIO_LINE_NONE},
    {SCENARIO_CHANNEL_DEFERRED,     "deferred",     0, 0, 1, 0, 1, 0, SCENARIO_LINE_NONE},
    {SCENARIO_CHANNEL_SELF_SERVICE, "self_service", 0, 0, 0, 0, 0, 0, SCENARIO_LINE_NONE},
    {SCENARIO_CHANNEL_CALLBACK,     "callback",     0, 0, 1, 0, 1, 0, SCENARIO_LINE_TALK},
    {SCENARIO_CHANNEL_VIDEO,        "video",        1, 1, 0, 0, 1, 1, SCENARIO_LINE_TALK_AND_WAIT},
};

const scenario_kind_props *scenario_channel_kind_props(scenario_channel_kind kind)
{
    SIM_ASSERT((unsigned)kind < SCENARIO_CHANNEL_KIND_COUNT, "channel kind out of range");
    SIM_ASSERT_DEBUG(kind_props[kind].kind == kind, "kind table out of enum order");
    return &kind_props[kind];
}

const scenario_kind_props *scenario_channel_kind_find(const char *name)
{
    for (size_t k = 0; name != NULL && k < SCENARIO_CHANNEL_KIND_COUNT; k++) {
        if (strcmp(name, kind_props[k].name) == 0)
            return &kind_props[k];
    }
    return NULL;
}

const char *scenario_channel_kind_name(scenario_channel_kind kind)
{
    return (unsigned)kind < SCENARIO_CHANNEL_KIND_COUNT ? kind_props[kind].name : "?";
}

static const char *const outcome_names[SCENARIO_OUTCOME_COUNT] = {
    "abandoned", "unresolved", "unanswered_in_time", "self_service_failed", "closed",
    "blocked", "balked", "timed_out", "unreached"};

const char *scenario_outcome_name(scenario_outcome outcome)
{
    return (unsigned)outcome < SCENARIO_OUTCOME_COUNT ? outcome_names[outcome] : "?";
}

int scenario_uses_queue_limits(const scenario *scn)
{
    for (size_t c = 0; c < scn->n_channels; c++) {
        const scenario_channel *ch = &scn->channels[c];
        if (ch->lines > 0 || ch->has_balking || ch->max_queue_s > 0.0 || ch->has_reach)
            return 1;
    }
    return 0;
}

const scenario_special_day *scenario_special_day_find(const scenario *scn, size_t day)
{
    size_t lo = 0, hi = scn->n_special_days;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (scn->special_days[mid].day < day)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < scn->n_special_days && scn->special_days[lo].day == day ? &scn->special_days[lo]
                                                                        : NULL;
}

double scenario_channel_forecast(const scenario *scn, size_t c, size_t day, unsigned wd,
                                 size_t i)
{
    size_t d = scn->forecast_by_date ? day : wd;
    if (scn->forecast_volume == NULL || d >= scn->forecast_days || i >= scn->intervals_per_day)
        return 0.0;
    return scn->forecast_volume[(c * scn->forecast_days + d) * scn->intervals_per_day + i];
}
