/* hours.c -- see hours.h. */
#include "hours.h"

#include <math.h>

#include "sim_assert.h"

unsigned hours_weekday(const scenario *scn, double t_s)
{
    double day = floor(t_s / CC_DAY_S);
    return (unsigned)(((unsigned long long)day + scn->start_weekday) % 7u);
}

static int hours_open_on(const scenario_hours *h, unsigned wd, double tod)
{
    for (size_t w = 0; w < h->n_windows[wd]; w++) {
        if (tod >= h->windows[wd][w].open_s && tod < h->windows[wd][w].close_s)
            return 1;
    }
    return 0;
}

size_t hours_day_windows(const scenario *scn, size_t channel, size_t day,
                         const scenario_window **w)
{
    SIM_ASSERT(channel < scn->n_channels, "channel index out of range");
    const scenario_special_day *sp =
        scn->n_special_days > 0 ? scenario_special_day_find(scn, day) : NULL;
    if (sp != NULL && sp->has_hours) {
        *w = sp->windows;
        return sp->n_windows;
    }
    const scenario_hours *h = &scn->channels[channel].hours;
    unsigned wd = (unsigned)(((unsigned long long)day + scn->start_weekday) % 7u);
    *w = h->windows[wd];
    return h->n_windows[wd];
}

static int open_in(const scenario_window *w, size_t n, double tod)
{
    for (size_t k = 0; k < n; k++)
        if (tod >= w[k].open_s && tod < w[k].close_s)
            return 1;
    return 0;
}

int hours_is_open(const scenario *scn, size_t channel, double t_s)
{
    SIM_ASSERT(channel < scn->n_channels, "channel index out of range");
    double day = floor(t_s / CC_DAY_S);
    double tod = t_s - day * CC_DAY_S;
    if (scn->n_special_days > 0 && day >= 0.0) {
        const scenario_window *w;
        size_t n = hours_day_windows(scn, channel, (size_t)day, &w);
        return open_in(w, n, tod);
    }
    return hours_open_on(&scn->channels[channel].hours, hours_weekday(scn, t_s), tod);
}

int hours_ever_open(const scenario *scn, size_t channel)
{
    const scenario_hours *h = &scn->channels[channel].hours;
    for (unsigned wd = 0; wd < 7; wd++) {
        if (h->n_windows[wd] > 0)
            return 1;
    }
    return 0;
}

double hours_next_open(const scenario *scn, size_t channel, double t_s)
{
    SIM_ASSERT(channel < scn->n_channels, "channel index out of range");
    const scenario_hours *h = &scn->channels[channel].hours;
    double day = floor(t_s / CC_DAY_S);
    double tod = t_s - day * CC_DAY_S;
    unsigned wd = hours_weekday(scn, t_s);
    if (scn->n_special_days > 0 && day >= 0.0) {
        /* Day by day: each special day can close at most one more day than the week has. */
        if (!hours_ever_open(scn, channel)) {
            int any = 0;
            for (size_t k = 0; k < scn->n_special_days && !any; k++)
                any = scn->special_days[k].has_hours && scn->special_days[k].n_windows > 0;
            if (!any)
                return (double)INFINITY;
        }
        size_t d0 = (size_t)day;
        for (size_t k = 0; k <= 7 + scn->n_special_days + scn->horizon_days; k++) {
            const scenario_window *w;
            size_t n = hours_day_windows(scn, channel, d0 + k, &w);
            for (size_t x = 0; x < n; x++) {
                if (k == 0 && w[x].close_s <= tod)
                    continue;
                if (k == 0 && w[x].open_s <= tod)
                    return t_s;
                return (day + (double)k) * CC_DAY_S + w[x].open_s;
            }
            if (d0 + k >= scn->horizon_days + 7)
                break; /* past the horizon and a week: only weekdays remain, all seen */
        }
        return (double)INFINITY;
    }
    if (hours_open_on(h, wd, tod))
        return t_s;
    /* Today's later windows, then the next seven days (the same weekday a week later is the
     * last one that can hold a window not yet seen). */
    for (unsigned k = 0; k <= 7; k++) {
        unsigned d = (wd + k) % 7u;
        for (size_t w = 0; w < h->n_windows[d]; w++) {
            double open = h->windows[d][w].open_s;
            if (k == 0 && open <= tod)
                continue;
            return (day + (double)k) * CC_DAY_S + open;
        }
    }
    return (double)INFINITY;
}

size_t hours_fold_count(const scenario *scn, size_t k)
{
    size_t ipd = scn->intervals_per_day;
    SIM_ASSERT(ipd > 0 && k < 7 * ipd, "interval of the week out of range");
    size_t wd = k / ipd;
    double end_in_day = (double)(k % ipd + 1) * scn->interval_s;
    size_t n = 0;
    for (size_t d = 0; d < scn->horizon_days; d++) {
        if ((d + scn->start_weekday) % 7 == wd && (double)d * CC_DAY_S + end_in_day > scn->warmup_s)
            n++;
    }
    return n;
}
