/* calib_fit.c -- maximum-likelihood fits of lognormal, gamma and Weibull, AIC, KS, quantiles.
 *
 * Methods (all on the sample x_1..x_n, L = mean ln x):
 *   lognormal: mu = L, sigma^2 = mean (ln x - L)^2 (closed form); se(mu) = sigma / sqrt(n),
 *     se(sigma) = sigma / sqrt(2n).
 *   gamma: the shape solves ln k - psi(k) = ln(mean x) - L (Choi and Wette 1969), decreasing in
 *     k, by Brent's method on ln k (gsl_root_fsolver_brent, gsl_sf_psi); theta = mean / k.
 *     Fisher information per value [[psi'(k), 1/theta], [1/theta, k/theta^2]].
 *   Weibull: the shape solves sum x^k ln x / sum x^k - 1/k - L = 0, increasing in k, by Brent
 *     on ln k with x^k computed as exp(k (ln x - L)) (no overflow); lambda = (mean x^k)^(1/k).
 *     Fisher information per value [[((1 - g)^2 + pi^2/6) / k^2, -(1 - g)/lambda],
 *     [-(1 - g)/lambda, k^2/lambda^2]] with g Euler's constant.
 * GSL has the special functions, CDFs and root finder; the fits themselves are not in GSL.
 * GSL's error handler must be off (the command turns it off at startup): a failed special
 * function then gives a NaN, which fails the root bracket and leaves the fit not ok. */
#include "calib_fit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_psi.h>

#include "scenario_dist.h"
#include "sim_alloc.h"

struct calib_fit {
    size_t n, n_nonpositive;
    double mean, m2; /* Welford */
    double *sample;
    size_t cap, n_sample;
    gsl_rng *rng;
};

const char *calib_fit_kind_name(calib_fit_kind k)
{
    static const char *const names[CALIB_FIT_KINDS] = {"lognormal", "gamma", "weibull"};
    return (unsigned)k < CALIB_FIT_KINDS ? names[k] : "?";
}

calib_fit *calib_fit_new(size_t cap, unsigned long seed)
{
    if (cap < 16)
        return NULL;
    calib_fit *f = sim_calloc(1, sizeof *f);
    if (f == NULL)
        return NULL;
    f->sample = sim_malloc_array(cap, sizeof *f->sample);
    f->rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (f->sample == NULL || f->rng == NULL) {
        calib_fit_free(f);
        return NULL;
    }
    gsl_rng_set(f->rng, seed);
    f->cap = cap;
    return f;
}

void calib_fit_free(calib_fit *f)
{
    if (f == NULL)
        return;
    sim_free(f->sample);
    if (f->rng != NULL)
        gsl_rng_free(f->rng);
    sim_free(f);
}

void calib_fit_add(calib_fit *f, double x)
{
    if (!(x > 0.0) || !isfinite(x)) {
        f->n_nonpositive++;
        return;
    }
    f->n++;
    double d = x - f->mean;
    f->mean += d / (double)f->n;
    f->m2 += d * (x - f->mean);
    if (f->n_sample < f->cap) {
        f->sample[f->n_sample++] = x;
    } else {
        /* algorithm R: keep x with probability cap / n, in place of a uniform slot */
        unsigned long j = gsl_rng_uniform_int(f->rng, (unsigned long)f->n);
        if (j < f->cap)
            f->sample[j] = x;
    }
}

double calib_fit_cdf(calib_fit_kind k, double p1, double p2, double x)
{
    if (!(x > 0.0))
        return 0.0;
    switch (k) {
    case CALIB_FIT_LOGNORMAL: return gsl_cdf_lognormal_P(x, p1, p2);
    case CALIB_FIT_GAMMA: return gsl_cdf_gamma_P(x, p1, p2);
    case CALIB_FIT_WEIBULL: return gsl_cdf_weibull_P(x, p2, p1);
    default: return NAN;
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

typedef struct sums {
    const double *x;
    size_t n;
    double mean, L; /* mean x, mean ln x */
} sums;

static double gamma_eq(double lnk, void *p)
{
    const sums *s = p;
    double k = exp(lnk);
    return log(k) - gsl_sf_psi(k) - (log(s->mean) - s->L);
}

static double weibull_eq(double lnk, void *p)
{
    const sums *s = p;
    double k = exp(lnk), a = 0.0, b = 0.0;
    for (size_t i = 0; i < s->n; i++) {
        double y = log(s->x[i]) - s->L, e = exp(k * y);
        a += e * y;
        b += e;
    }
    return a / b - 1.0 / k; /* the equation with ln x shifted by L */
}

/* Brent on [lo, hi] (ln k); returns 0 and *root, or -1. */
static int brent(double (*fn)(double, void *), void *p, double lo, double hi, double *root)
{
    gsl_function F = {fn, p};
    double flo = fn(lo, p), fhi = fn(hi, p);
    if (!isfinite(flo) || !isfinite(fhi) || flo * fhi > 0.0)
        return -1;
    gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (s == NULL)
        return -1;
    int rc = -1;
    if (gsl_root_fsolver_set(s, &F, lo, hi) == GSL_SUCCESS) {
        for (int it = 0; it < 200; it++) {
            if (gsl_root_fsolver_iterate(s) != GSL_SUCCESS)
                break;
            double a = gsl_root_fsolver_x_lower(s), b = gsl_root_fsolver_x_upper(s);
            if (gsl_root_test_interval(a, b, 1e-12, 1e-12) == GSL_SUCCESS) {
                *root = gsl_root_fsolver_root(s);
                rc = 0;
                break;
            }
        }
    }
    gsl_root_fsolver_free(s);
    return rc;
}

/* Standard errors from a per-value Fisher information [[a, b], [b, c]] and n values. */
static void se_from_info(double a, double b, double c, size_t n, double *se1, double *se2)
{
    double det = a * c - b * b;
    *se1 = det > 0.0 ? sqrt(c / det / (double)n) : (double)NAN;
    *se2 = det > 0.0 ? sqrt(a / det / (double)n) : (double)NAN;
}

static double ks_stat(const double *x, size_t n, calib_fit_kind k, double p1, double p2)
{
    double d = 0.0;
    for (size_t i = 0; i < n; i++) {
        double F = calib_fit_cdf(k, p1, p2, x[i]);
        double lo = F - (double)i / (double)n, hi = (double)(i + 1) / (double)n - F;
        if (lo > d)
            d = lo;
        if (hi > d)
            d = hi;
    }
    return d;
}

sim_status calib_fit_get(calib_fit *f, calib_fit_result *r, sim_error *err)
{
    memset(r, 0, sizeof *r);
    r->n = f->n;
    r->n_nonpositive = f->n_nonpositive;
    r->n_sample = f->n_sample;
    r->best = -1;
    if (f->n < 2)
        return sim_error_set(err, SIM_EINVAL, "values", "%zu positive values, need at least 2",
                             f->n);
    r->mean_s = f->mean;
    r->sd_s = sqrt(f->m2 / (double)(f->n - 1));
    r->mean_se = r->sd_s / sqrt((double)f->n);
    r->cv = r->sd_s / r->mean_s;
    double *x = f->sample;
    size_t n = f->n_sample;
    qsort(x, n, sizeof *x, cmp_double);
    sums s = {.x = x, .n = n};
    double sq = 0.0;
    for (size_t i = 0; i < n; i++) {
        s.mean += x[i];
        s.L += log(x[i]);
    }
    s.mean /= (double)n;
    s.L /= (double)n;
    for (size_t i = 0; i < n; i++)
        sq += (log(x[i]) - s.L) * (log(x[i]) - s.L);
    double sigma = sqrt(sq / (double)n);
    const double ln2pi = log(2.0 * M_PI), euler = M_EULER;
    if (sigma > 0.0) {
        calib_fit_param *p = &r->fit[CALIB_FIT_LOGNORMAL];
        p->ok = 1;
        p->p1 = s.L;
        p->p2 = sigma;
        p->se1 = sigma / sqrt((double)n);
        p->se2 = sigma / sqrt(2.0 * (double)n);
        p->mean_s = exp(s.L + 0.5 * sigma * sigma);
        p->cv = sqrt(expm1(sigma * sigma));
        p->loglik = -(double)n * (s.L + log(sigma) + 0.5 * ln2pi + 0.5);
        double lnk;
        if (brent(gamma_eq, &s, log(1e-4), log(1e6), &lnk) == 0) {
            p = &r->fit[CALIB_FIT_GAMMA];
            double k = exp(lnk), th = s.mean / k;
            p->ok = 1;
            p->p1 = k;
            p->p2 = th;
            se_from_info(gsl_sf_psi_1(k), 1.0 / th, k / (th * th), n, &p->se1, &p->se2);
            p->mean_s = k * th;
            p->cv = 1.0 / sqrt(k);
            p->loglik = (double)n * ((k - 1.0) * s.L - s.mean / th - k * log(th) -
                                     gsl_sf_lngamma(k));
        }
        if (brent(weibull_eq, &s, log(SCENARIO_DIST_WEIBULL_K_MIN),
                  log(SCENARIO_DIST_WEIBULL_K_MAX), &lnk) == 0) {
            p = &r->fit[CALIB_FIT_WEIBULL];
            double k = exp(lnk), m = 0.0;
            for (size_t i = 0; i < n; i++)
                m += exp(k * (log(x[i]) - s.L));
            m /= (double)n;
            double lam = exp(s.L + log(m) / k);
            p->ok = 1;
            p->p1 = k;
            p->p2 = lam;
            double g = 1.0 - euler;
            se_from_info((g * g + M_PI * M_PI / 6.0) / (k * k), -g / lam, k * k / (lam * lam), n,
                         &p->se1, &p->se2);
            p->mean_s = lam * exp(gsl_sf_lngamma(1.0 + 1.0 / k));
            p->cv = scenario_dist_weibull_cv(k);
            p->loglik = (double)n * (log(k) - k * log(lam) + (k - 1.0) * s.L - 1.0);
        }
    }
    for (int k = 0; k < CALIB_FIT_KINDS; k++) {
        calib_fit_param *p = &r->fit[k];
        if (!p->ok)
            continue;
        p->aic = 4.0 - 2.0 * p->loglik;
        p->ks = ks_stat(x, n, (calib_fit_kind)k, p->p1, p->p2);
        if (r->best < 0 || p->aic < r->fit[r->best].aic)
            r->best = k;
    }
    r->ks_critical = 1.628 / sqrt((double)n);
    r->use_empirical = r->best < 0 || r->fit[r->best].ks > r->ks_critical;
    for (int q = 0; q < CALIB_FIT_QUANTILES; q++) {
        double h = (double)(n - 1) * q / (CALIB_FIT_QUANTILES - 1);
        size_t lo = (size_t)floor(h);
        size_t hi = lo + 1 < n ? lo + 1 : lo;
        r->quantile_s[q] = x[lo] + (h - (double)lo) * (x[hi] - x[lo]);
    }
    return SIM_OK;
}
