/* sim_timeavg.h -- time-weighted average of a piecewise-constant quantity.
 *
 * For queue length, busy agents, backlog: the value holds from one update to the next, and
 * the average over [start, t] is the area under the step function divided by (t - start).
 * Collection can begin later than time 0 (a warm-up) with sim_timeavg_restart.
 */
#ifndef SIM_TIMEAVG_H
#define SIM_TIMEAVG_H

#include "sim_assert.h"

typedef struct sim_timeavg {
    double start_s;  /* collection start */
    double last_s;   /* time of the last update */
    double value;    /* current value */
    double area;     /* integral of value over [start_s, last_s] */
    double max;      /* largest value seen since start */
} sim_timeavg;

/* Start at time t_s with the given value. */
void sim_timeavg_init(sim_timeavg *ta, double t_s, double value);
/* The value changes to `value` at time t_s (>= the last update). Inline: models call it on
 * most events (busy agents, queue length). */
static inline void sim_timeavg_set(sim_timeavg *ta, double t_s, double value)
{
    SIM_ASSERT(t_s >= ta->last_s, "time-weighted update in the past");
    ta->area += ta->value * (t_s - ta->last_s);
    ta->last_s = t_s;
    ta->value = value;
    if (value > ta->max)
        ta->max = value;
}
/* Convenience: value += delta at time t_s. */
void sim_timeavg_add(sim_timeavg *ta, double t_s, double delta);
/* Forget the area so far and start collecting at t_s, keeping the current value. */
void sim_timeavg_restart(sim_timeavg *ta, double t_s);
/* Average over [start, t_s] (t_s >= last update); the current value when no time elapsed. */
double sim_timeavg_mean(const sim_timeavg *ta, double t_s);

#endif /* SIM_TIMEAVG_H */
