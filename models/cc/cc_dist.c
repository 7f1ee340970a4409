/* cc_dist.c -- the sampler of scenario distributions (cc_dist.h). */
#include "cc_dist.h"

#include <math.h>

#include <gsl/gsl_interp.h>
#include <gsl/gsl_randist.h>

#include "scenario_dist.h"
#include "sim_rng.h"

/* Inversion of the triangular CDF: GSL has no triangular sampler. F(mode) = (c - a) / (b - a);
 * below it x = a + sqrt(u (b - a)(c - a)), above it x = b - sqrt((1 - u)(b - a)(b - c)). */
static double draw_triangular(const gsl_rng *r, double a, double c, double b)
{
    double u = gsl_rng_uniform(r);
    if (u * (b - a) < c - a)
        return a + sqrt(u * (b - a) * (c - a));
    return b - sqrt((1 - u) * (b - a) * (b - c));
}

/* Inversion of the piecewise-linear CDF through (x[i], cum[i]): GSL's histogram sampler
 * (gsl_histogram_pdf_sample) does the same but needs an allocated histogram per distribution;
 * the search is GSL's (gsl_interp_bsearch). cum[0] = 0 <= u < 1 = cum[n-1], so the segment found
 * has cum[i] <= u < cum[i+1] and a positive width in probability. */
static double draw_empirical(const gsl_rng *r, const scenario_dist *d)
{
    double u = gsl_rng_uniform(r);
    size_t i = gsl_interp_bsearch(d->cum, u, 0, d->n - 1);
    double q = d->cum[i + 1] - d->cum[i];
    return d->x[i] + (u - d->cum[i]) / q * (d->x[i + 1] - d->x[i]);
}

double cc_dist_draw(const gsl_rng *r, const scenario_dist *d, double factor)
{
    double mean = d->mean_s * factor;
    switch (d->kind) {
    case SCENARIO_DIST_DETERMINISTIC: return mean;
    case SCENARIO_DIST_LOGNORMAL: {
        /* Lognormal with the given mean and CV: sigma^2 = ln(1 + cv^2), mu = ln(mean) -
         * sigma^2 / 2. */
        double s2 = log1p(d->cv * d->cv);
        return gsl_ran_lognormal(r, log(mean) - 0.5 * s2, sqrt(s2));
    }
    case SCENARIO_DIST_GAMMA: return factor * gsl_ran_gamma(r, d->p1, d->p2);
    case SCENARIO_DIST_WEIBULL: return factor * gsl_ran_weibull(r, d->p2, d->p1);
    case SCENARIO_DIST_UNIFORM: return factor * gsl_ran_flat(r, d->p1, d->p2);
    case SCENARIO_DIST_TRIANGULAR: return factor * draw_triangular(r, d->p1, d->p2, d->p3);
    case SCENARIO_DIST_EMPIRICAL: return factor * draw_empirical(r, d);
    case SCENARIO_DIST_MIXTURE: {
        double u = gsl_rng_uniform(r);
        size_t i = 0;
        while (i + 1 < d->n && u >= d->cum[i])
            i++;
        return cc_dist_draw(r, &d->part[i], factor);
    }
    case SCENARIO_DIST_EXPONENTIAL:
    default: return sim_rng_exponential(r, mean);
    }
}

const scenario_dist *cc_dist_by_period(const scenario_dist *base, const scenario_period *p,
                                       size_t n, double t_s, double *factor)
{
    double tod = t_s - floor(t_s / 86400.0) * 86400.0;
    const scenario_period *q = scenario_dist_period_at(p, n, tod);
    if (q == NULL)
        return base;
    if (q->has_dist)
        return &q->dist;
    *factor *= q->factor;
    return base;
}
