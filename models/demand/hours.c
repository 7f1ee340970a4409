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

int hours_is_open(const scenario *scn, size_t channel, double t_s)
{
    SIM_ASSERT(channel < scn->n_channels, "channel index out of range");
    double day = floor(t_s / CC_DAY_S);
    double tod = t_s - day * CC_DAY_S;
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
