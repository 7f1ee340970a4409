/* demand_factor.c -- day factors per channel and busyness factors (demand_factor.h). */
#include "demand_factor.h"

#include <math.h>

#include <gsl/gsl_randist.h>

void demand_factor_days(const scenario *scn, const gsl_rng *r, double *f, size_t n_days)
{
    size_t nc = scn->n_channels;
    double rho = scn->day_correlation, cv_max = 0;
    for (size_t c = 0; c < nc; c++)
        cv_max = fmax(cv_max, scn->channels[c].day_cv);
    for (size_t d = 0; d < n_days; d++) {
        double *fd = f + d * nc;
        if (!(cv_max > 0)) {
            for (size_t c = 0; c < nc; c++)
                fd[c] = 1.0;
            continue;
        }
        double k = rho / (cv_max * cv_max);
        /* Marsaglia-Tsang in GSL, as for the shared factor */
        double g = rho > 0 ? gsl_ran_gamma(r, k, 1.0) : 0.0;
        for (size_t c = 0; c < nc; c++) {
            double cv = scn->channels[c].day_cv;
            double common = cv * cv_max * g;
            double m = 1.0 - rho * cv / cv_max; /* >= 1 - rho; 0 only when rho = 1 */
            double v = (1.0 - rho) * cv * cv;
            double own = m;
            if (v > 0 && m > 0)
                own = gsl_ran_gamma(r, m * m / v, v / m);
            fd[c] = common + own;
        }
    }
}

double demand_factor_busyness(const gsl_rng *r, double cv)
{
    return cv > 0.0 ? gsl_ran_gamma(r, 1.0 / (cv * cv), cv * cv) : 1.0;
}
