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

int sim_ci_excludes_zero(const sim_ci *ci)
{
    return ci->n >= 2 && (ci->lo > 0.0 || ci->hi < 0.0);
}
