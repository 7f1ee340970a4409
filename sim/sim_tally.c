/* sim_tally.c -- see sim_tally.h. */
#include "sim_tally.h"

#include <math.h>

void sim_tally_init(sim_tally *t)
{
    t->n = 0;
    t->mean = 0.0;
    t->m2 = 0.0;
    t->min = (double)INFINITY;
    t->max = -(double)INFINITY;
}

void sim_tally_add(sim_tally *t, double x)
{
    t->n++;
    double delta = x - t->mean;
    t->mean += delta / (double)t->n;
    t->m2 += delta * (x - t->mean);
    if (x < t->min)
        t->min = x;
    if (x > t->max)
        t->max = x;
}

void sim_tally_merge(sim_tally *a, const sim_tally *b)
{
    if (b->n == 0)
        return;
    if (a->n == 0) {
        *a = *b;
        return;
    }
    double na = (double)a->n, nb = (double)b->n, n = na + nb;
    double delta = b->mean - a->mean;
    a->mean += delta * nb / n;
    a->m2 += b->m2 + delta * delta * na * nb / n;
    a->n += b->n;
    if (b->min < a->min)
        a->min = b->min;
    if (b->max > a->max)
        a->max = b->max;
}

double sim_tally_variance(const sim_tally *t)
{
    return t->n < 2 ? 0.0 : t->m2 / (double)(t->n - 1);
}

double sim_tally_stddev(const sim_tally *t)
{
    return sqrt(sim_tally_variance(t));
}

double sim_tally_stderr(const sim_tally *t)
{
    return t->n < 2 ? 0.0 : sqrt(sim_tally_variance(t) / (double)t->n);
}
