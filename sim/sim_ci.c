/* sim_ci.c -- see sim_ci.h. */
#include "sim_ci.h"

#include <math.h>

#include <gsl/gsl_cdf.h>

double sim_ci_t_quantile(double level, uint64_t dof)
{
    if (dof == 0 || !(level > 0.0 && level < 1.0))
        return (double)NAN;
    return gsl_cdf_tdist_Pinv(0.5 + 0.5 * level, (double)dof);
}

sim_ci sim_ci_from_tally(const sim_tally *t, double level)
{
    sim_ci ci;
    ci.n = t->n;
    ci.level = level;
    ci.mean = t->n > 0 ? t->mean : (double)NAN;
    if (t->n < 2) {
        ci.half_width = (double)NAN;
        ci.lo = ci.hi = ci.mean;
        return ci;
    }
    ci.half_width = sim_ci_t_quantile(level, t->n - 1) * sim_tally_stderr(t);
    ci.lo = ci.mean - ci.half_width;
    ci.hi = ci.mean + ci.half_width;
    return ci;
}

sim_ci sim_ci_from_tally_scaled(const sim_tally *t, double level, sim_ci_scale scale)
{
    sim_ci ci = sim_ci_from_tally(t, level);
    if (scale == SIM_CI_LINEAR || t->n < 2)
        return ci;
    double m = ci.mean;
    double hi_bound = scale == SIM_CI_LOGIT ? 1.0 : (double)INFINITY;
    if (!(t->min >= 0.0) || !(t->max <= hi_bound) || isnan(ci.half_width))
        return ci; /* outside the scale's range: the plain interval says so */
    if (m <= 0.0 || (scale == SIM_CI_LOGIT && m >= 1.0)) {
        ci.lo = ci.hi = m; /* every observation at the bound: no spread to show */
        ci.half_width = 0.0;
        return ci;
    }
    double q = sim_ci_t_quantile(level, t->n - 1);
    double se = sim_tally_stderr(t);
    if (scale == SIM_CI_LOG) {
        double h = q * se / m;
        ci.lo = m * exp(-h);
        ci.hi = m * exp(h);
    } else {
        double h = q * se / (m * (1.0 - m));
        double l = log(m / (1.0 - m));
        /* expit(x) = 1 / (1 + e^-x), written to stay finite for large |x| */
        double a = l - h, b = l + h;
        ci.lo = a >= 0.0 ? 1.0 / (1.0 + exp(-a)) : exp(a) / (1.0 + exp(a));
        ci.hi = b >= 0.0 ? 1.0 / (1.0 + exp(-b)) : exp(b) / (1.0 + exp(b));
    }
    ci.half_width = 0.5 * (ci.hi - ci.lo);
    return ci;
}

int sim_ci_excludes_zero(const sim_ci *ci)
{
    return ci->n >= 2 && (ci->lo > 0.0 || ci->hi < 0.0);
}
