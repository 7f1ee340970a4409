/* calib_fit.h -- fitting a duration distribution (handle time, delays) to observed values:
 * lognormal, gamma and Weibull by maximum likelihood, and an empirical distribution, the
 * choice among them by AIC, goodness of fit by the Kolmogorov-Smirnov statistic.
 *
 * Streamed with bounded memory: calib_fit_add keeps the count, mean and variance of every
 * value (Welford) and a uniform random sample of at most `cap` values (reservoir sampling,
 * Vitter's algorithm R, with its own fixed-seed generator, so a fit is reproducible). The
 * mean and its standard error use every value; the likelihood fits, the KS statistics and the
 * quantiles use the sample, which is every value when there are at most `cap`.
 *
 * What it is not: censored data (patience: calib_patience.h). Values must be > 0; zeros and
 * negatives are counted apart (n_nonpositive) and left out of every estimate. */
#ifndef CALIB_FIT_H
#define CALIB_FIT_H

#include <stddef.h>

#include "sim_error.h"

typedef enum calib_fit_kind {
    CALIB_FIT_LOGNORMAL, /* p1 = mu, p2 = sigma of ln x */
    CALIB_FIT_GAMMA,     /* p1 = shape k, p2 = scale theta (s) */
    CALIB_FIT_WEIBULL,   /* p1 = shape k, p2 = scale lambda (s) */
    CALIB_FIT_KINDS
} calib_fit_kind;

/* "lognormal", "gamma", "weibull". */
const char *calib_fit_kind_name(calib_fit_kind k);

typedef struct calib_fit_param {
    int ok;              /* 0 when the fit failed (too few distinct values, no root) */
    double p1, p2;       /* the parameters (see calib_fit_kind) */
    double se1, se2;     /* their standard errors from the inverse Fisher information */
    double mean_s, cv;   /* the fitted distribution's mean and cv */
    double loglik, aic;  /* log-likelihood of the sample and AIC = 2 * 2 - 2 loglik */
    double ks;           /* Kolmogorov-Smirnov statistic sup |F_n - F| on the sample */
} calib_fit_param;

#define CALIB_FIT_QUANTILES 21 /* p = 0, 0.05, ..., 1 */

typedef struct calib_fit_result {
    size_t n;               /* values > 0 */
    size_t n_nonpositive;   /* values <= 0, left out */
    size_t n_sample;        /* values in the sample (min(n, cap)) */
    double mean_s, mean_se; /* mean of every value and its standard error sd / sqrt(n) */
    double sd_s, cv;        /* sample sd and cv of every value */
    calib_fit_param fit[CALIB_FIT_KINDS];
    int best;               /* the ok fit of least AIC, -1 when none */
    double ks_critical;     /* 1.628 / sqrt(n_sample): the asymptotic 1% Kolmogorov bound
                               (conservative here: the parameters were fitted) */
    int use_empirical;      /* 1 when no fit is ok or the best one's ks exceeds ks_critical */
    double quantile_s[CALIB_FIT_QUANTILES]; /* empirical quantiles of the sample (type 7) */
} calib_fit_result;

typedef struct calib_fit calib_fit;

/* A new accumulator keeping a sample of at most cap (>= 16) values, the sampler seeded with
 * seed. NULL when out of memory. Free with calib_fit_free (NULL is a no-op). */
calib_fit *calib_fit_new(size_t cap, unsigned long seed);
void calib_fit_free(calib_fit *f);

/* Add one value (seconds). O(1). */
void calib_fit_add(calib_fit *f, double x_s);

/* Fit every kind and fill *r. Sorts the sample in place (adding after it is fine). Returns
 * SIM_OK, or SIM_EINVAL (path "values") when fewer than 2 values are > 0. O(cap log cap). */
sim_status calib_fit_get(calib_fit *f, calib_fit_result *r, sim_error *err);

/* The CDF of a fitted kind at x (seconds); 0 for x <= 0. */
double calib_fit_cdf(calib_fit_kind k, double p1, double p2, double x_s);

#endif /* CALIB_FIT_H */
