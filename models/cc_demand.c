/* cc_demand.c -- see cc_demand.h. */
#include "cc_demand.h"

#include <math.h>

#include <gsl/gsl_randist.h>

#include "cc_hours.h"
#include "sim_assert.h"

size_t cc_demand_sources(const scenario *scn)
{
    return scn->demand_mode == SCENARIO_DEMAND_BY_SEGMENT ? scn->n_segments : scn->n_channels;
}

double cc_demand_rate(const scenario *scn, size_t source, double t_s)
{
    double day = floor(t_s / CC_DAY_S);
    double tod = t_s - day * CC_DAY_S;
    size_t i = (size_t)(tod / scn->interval_s);
    if (i >= scn->intervals_per_day)
        i = scn->intervals_per_day - 1;
    unsigned wd = cc_hours_weekday(scn, t_s);
    if (scn->demand_mode == SCENARIO_DEMAND_BY_SEGMENT) {
        SIM_ASSERT(source < scn->n_segments, "segment index out of range");
        const scenario_segment *s = &scn->segments[source];
        if (s->intraday == NULL)
            return 0.0;
        return scn->daily_volume * s->population_share * s->weekday[wd] * s->intraday[i] /
               scn->interval_s;
    }
    SIM_ASSERT(source < scn->n_channels, "channel index out of range");
    const scenario_channel *c = &scn->channels[source];
    if (c->intraday == NULL || c->daily_volume <= 0.0)
        return 0.0;
    return c->daily_volume * c->weekday[wd] * c->intraday[i] / scn->interval_s;
}

double cc_demand_channel_rate_week(const scenario *scn, size_t channel, size_t k)
{
    size_t ipd = scn->intervals_per_day;
    unsigned wd = (unsigned)(k / ipd);
    size_t i = k % ipd;
    if (scn->demand_mode == SCENARIO_DEMAND_PER_CHANNEL) {
        const scenario_channel *c = &scn->channels[channel];
        if (c->intraday == NULL)
            return 0.0;
        return c->daily_volume * c->weekday[wd] * c->intraday[i] / scn->interval_s;
    }
    double rate = 0.0;
    for (size_t s = 0; s < scn->n_segments; s++) {
        const scenario_segment *g = &scn->segments[s];
        if (g->intraday == NULL)
            continue;
        rate += scn->daily_volume * g->population_share * g->weekday[wd] * g->intraday[i] *
                g->preference[channel] / scn->interval_s;
    }
    return rate;
}

void cc_demand_day_factors(const scenario *scn, const gsl_rng *r, double *factors,
                           size_t n_days)
{
    double cv = scn->overdispersion_cv;
    for (size_t d = 0; d < n_days; d++) {
        /* Gamma with shape 1/cv^2 and scale cv^2: mean 1, CV cv (Marsaglia-Tsang in GSL). */
        factors[d] = cv > 0.0 ? gsl_ran_gamma(r, 1.0 / (cv * cv), cv * cv) : 1.0;
    }
}
