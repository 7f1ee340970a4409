/* sim_timeavg.c -- see sim_timeavg.h. */
#include "sim_timeavg.h"

#include "sim_assert.h"

void sim_timeavg_init(sim_timeavg *ta, double t_s, double value)
{
    ta->start_s = t_s;
    ta->last_s = t_s;
    ta->value = value;
    ta->area = 0.0;
    ta->max = value;
}

void sim_timeavg_add(sim_timeavg *ta, double t_s, double delta)
{
    sim_timeavg_set(ta, t_s, ta->value + delta);
}

void sim_timeavg_restart(sim_timeavg *ta, double t_s)
{
    SIM_ASSERT(t_s >= ta->last_s, "time-weighted restart in the past");
    ta->start_s = t_s;
    ta->last_s = t_s;
    ta->area = 0.0;
    ta->max = ta->value;
}

double sim_timeavg_mean(const sim_timeavg *ta, double t_s)
{
    SIM_ASSERT(t_s >= ta->last_s, "time-weighted mean before the last update");
    double span = t_s - ta->start_s;
    if (span <= 0.0)
        return ta->value;
    return (ta->area + ta->value * (t_s - ta->last_s)) / span;
}
