/* calib_patience.h -- patience from censored waits.
 *
 * A caller who abandons after waiting w shows a patience of w; a caller answered after w shows
 * only that the patience exceeds w (right-censored). Ignoring the censoring (averaging the
 * abandoners' waits) underestimates patience badly whenever most callers are answered; the
 * estimators here use both kinds of observation.
 *
 * Streamed with bounded memory: the exponential estimate uses sums over every observation;
 * Kaplan-Meier and the Weibull fit use a uniform sample of at most `cap` observations
 * (reservoir sampling, fixed seed), every observation when there are at most `cap`.
 *
 * Estimators (independent censoring assumed: the wait offered does not depend on the
 * patience, as in a queue that does not know who is impatient):
 *   exponential: rate = abandons / total wait of everyone (the censored MLE, closed form);
 *     mean patience = 1 / rate, standard error mean / sqrt(abandons) (Fisher information);
 *   Weibull: censored maximum likelihood, the shape from its profile equation
 *     sum w^k ln w / sum w^k - 1/k - mean over abandons of ln w = 0 (Brent's method),
 *     lambda^k = sum w^k / abandons; standard errors from the observed information (a
 *     central-difference Hessian of the log-likelihood), the mean's by the delta method;
 *   Kaplan-Meier: S(t) = prod over abandon times t_i <= t of (1 - d_i / r_i), with
 *     Greenwood's variance S^2 sum d_i / (r_i (r_i - d_i)); the restricted mean
 *     (area under S up to the largest wait) and the median when S falls to 1/2. */
#ifndef CALIB_PATIENCE_H
#define CALIB_PATIENCE_H

#include <stddef.h>

#include "sim_error.h"

typedef struct calib_patience calib_patience;

#define CALIB_PATIENCE_KM_POINTS 11

typedef struct calib_patience_result {
    size_t n, abandons;       /* observations, of which abandons */
    size_t n_sample;
    double total_wait_s;      /* of every observation */
    /* exponential */
    double exp_mean_s, exp_mean_se;
    /* Weibull (ok = 0 when the fit failed: fewer than 2 abandons, no root) */
    int weibull_ok;
    double weibull_shape, weibull_shape_se, weibull_scale_s, weibull_scale_se;
    double weibull_mean_s, weibull_mean_se;
    double weibull_loglik, exp_loglik; /* of the sample, for the likelihood ratio */
    /* Kaplan-Meier on the sample */
    double km_t_s[CALIB_PATIENCE_KM_POINTS];  /* times: 0 and the sample's wait deciles */
    double km_s[CALIB_PATIENCE_KM_POINTS], km_se[CALIB_PATIENCE_KM_POINTS];
    double km_restricted_mean_s;              /* area under S on [0, largest wait] */
    double km_median_s;                       /* NaN when S stays above 1/2 */
} calib_patience_result;

/* A new accumulator with a sample of at most cap (>= 16) observations. NULL when out of
 * memory. Free with calib_patience_free (NULL is a no-op). */
calib_patience *calib_patience_new(size_t cap, unsigned long seed);
void calib_patience_free(calib_patience *p);

/* One observation: wait_s >= 0, abandoned 1 (patience = wait) or 0 (answered: patience > wait).
 * O(1). */
void calib_patience_add(calib_patience *p, double wait_s, int abandoned);

/* Estimate. SIM_EINVAL (path "abandons") when there is no abandon. Sorts the sample in place.
 * O(cap log cap). */
sim_status calib_patience_get(calib_patience *p, calib_patience_result *r, sim_error *err);

/* The Kaplan-Meier estimate S(t) of the current sample and Greenwood's standard error.
 * O(cap) after calib_patience_get (which sorts the sample). */
void calib_patience_km_at(const calib_patience *p, double t_s, double *s, double *se);

#endif /* CALIB_PATIENCE_H */
