/* calib_patience.c -- censored patience estimates (methods in the header). The Weibull
 * likelihood and its shape equation are written out here: GSL has no censored fit. */
#include "calib_patience.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_psi.h>

#include "scenario_dist.h"
#include "sim_alloc.h"

typedef struct obs {
    double w;
    int ab;
} obs;

struct calib_patience {
    size_t n, abandons;
    double total_wait;
    obs *sample;
    size_t cap, n_sample;
    gsl_rng *rng;
};

calib_patience *calib_patience_new(size_t cap, unsigned long seed)
{
    if (cap < 16)
        return NULL;
    calib_patience *p = sim_calloc(1, sizeof *p);
    if (p == NULL)
        return NULL;
    p->sample = sim_malloc_array(cap, sizeof *p->sample);
    p->rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (p->sample == NULL || p->rng == NULL) {
        calib_patience_free(p);
        return NULL;
    }
    gsl_rng_set(p->rng, seed);
    p->cap = cap;
    return p;
}

void calib_patience_free(calib_patience *p)
{
    if (p == NULL)
        return;
    sim_free(p->sample);
    if (p->rng != NULL)
        gsl_rng_free(p->rng);
    sim_free(p);
}

void calib_patience_add(calib_patience *p, double w, int abandoned)
{
    if (!(w >= 0.0) || !isfinite(w))
        return;
    p->n++;
    p->abandons += abandoned != 0;
    p->total_wait += w;
    obs o = {w, abandoned != 0};
    if (p->n_sample < p->cap) {
        p->sample[p->n_sample++] = o;
    } else {
        unsigned long j = gsl_rng_uniform_int(p->rng, (unsigned long)p->n);
        if (j < p->cap)
            p->sample[j] = o;
    }
}

/* By wait; at equal waits abandons first (the usual Kaplan-Meier convention: a censoring at
 * t is still at risk at t). */
static int cmp_obs(const void *a, const void *b)
{
    const obs *x = a, *y = b;
    if (x->w != y->w)
        return (x->w > y->w) - (x->w < y->w);
    return y->ab - x->ab;
}

void calib_patience_km_at(const calib_patience *p, double t, double *s, double *se)
{
    double S = 1.0, g = 0.0;
    size_t n = p->n_sample, i = 0;
    while (i < n && p->sample[i].w <= t) {
        size_t j = i, d = 0;
        while (j < n && p->sample[j].w == p->sample[i].w) {
            d += (size_t)p->sample[j].ab;
            j++;
        }
        double r = (double)(n - i);
        if (d > 0) {
            S *= 1.0 - (double)d / r;
            if (r > (double)d)
                g += (double)d / (r * (r - (double)d));
        }
        i = j;
    }
    *s = S;
    *se = S * sqrt(g);
}

typedef struct wsums {
    const obs *o;
    size_t n, d;
    double La; /* mean ln w over abandons */
    double shift; /* ln w shifted by this to keep w^k finite */
} wsums;

/* The profile equation in ln k (increasing in k). Observations with w = 0 contribute nothing
 * to the sums (0^k = 0) and are skipped (the caller drops abandons at 0). */
static double weibull_eq(double lnk, void *arg)
{
    const wsums *s = arg;
    double k = exp(lnk), a = 0.0, b = 0.0;
    for (size_t i = 0; i < s->n; i++) {
        if (!(s->o[i].w > 0.0))
            continue;
        double y = log(s->o[i].w) - s->shift, e = exp(k * y);
        a += e * y;
        b += e;
    }
    return a / b - 1.0 / k - (s->La - s->shift);
}

static double weibull_loglik(const wsums *s, double k, double lam)
{
    double ll = 0.0;
    for (size_t i = 0; i < s->n; i++) {
        double w = s->o[i].w;
        if (!(w > 0.0))
            continue;
        if (s->o[i].ab)
            ll += log(k) - k * log(lam) + (k - 1.0) * log(w);
        ll -= pow(w / lam, k);
    }
    return ll;
}

static int brent(double (*fn)(double, void *), void *arg, double lo, double hi, double *root)
{
    gsl_function F = {fn, arg};
    double flo = fn(lo, arg), fhi = fn(hi, arg);
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
            if (gsl_root_test_interval(gsl_root_fsolver_x_lower(s), gsl_root_fsolver_x_upper(s),
                                       1e-12, 1e-12) == GSL_SUCCESS) {
                *root = gsl_root_fsolver_root(s);
                rc = 0;
                break;
            }
        }
    }
    gsl_root_fsolver_free(s);
    return rc;
}

static void fit_weibull(const calib_patience *p, calib_patience_result *r)
{
    wsums s = {.o = p->sample, .n = p->n_sample};
    double lw = 0.0, lmax = -HUGE_VAL;
    for (size_t i = 0; i < s.n; i++) {
        if (!(s.o[i].w > 0.0))
            continue;
        double l = log(s.o[i].w);
        if (s.o[i].ab) {
            lw += l;
            s.d++;
        }
        if (l > lmax)
            lmax = l;
    }
    if (s.d < 2)
        return;
    s.La = lw / (double)s.d;
    s.shift = lmax;
    double lnk;
    if (brent(weibull_eq, &s, log(SCENARIO_DIST_WEIBULL_K_MIN), log(SCENARIO_DIST_WEIBULL_K_MAX),
              &lnk) != 0)
        return;
    double k = exp(lnk), sum = 0.0;
    for (size_t i = 0; i < s.n; i++)
        if (s.o[i].w > 0.0)
            sum += exp(k * (log(s.o[i].w) - s.shift));
    double lam = exp(s.shift + log(sum / (double)s.d) / k);
    /* observed information: central differences of the log-likelihood */
    double hk = 1e-4 * k, hl = 1e-4 * lam;
    double f0 = weibull_loglik(&s, k, lam);
    double fkk = (weibull_loglik(&s, k + hk, lam) - 2.0 * f0 + weibull_loglik(&s, k - hk, lam)) /
                 (hk * hk);
    double fll = (weibull_loglik(&s, k, lam + hl) - 2.0 * f0 + weibull_loglik(&s, k, lam - hl)) /
                 (hl * hl);
    double fkl = (weibull_loglik(&s, k + hk, lam + hl) - weibull_loglik(&s, k + hk, lam - hl) -
                  weibull_loglik(&s, k - hk, lam + hl) + weibull_loglik(&s, k - hk, lam - hl)) /
                 (4.0 * hk * hl);
    double a = -fkk, b = -fkl, c = -fll, det = a * c - b * b;
    if (!(det > 0.0) || !(a > 0.0))
        return;
    double vkk = c / det, vll = a / det, vkl = -b / det;
    double g1 = exp(gsl_sf_lngamma(1.0 + 1.0 / k));
    double mean = lam * g1;
    double dk = -mean * gsl_sf_psi(1.0 + 1.0 / k) / (k * k), dl = g1;
    r->weibull_ok = 1;
    r->weibull_shape = k;
    r->weibull_scale_s = lam;
    r->weibull_shape_se = sqrt(vkk);
    r->weibull_scale_se = sqrt(vll);
    r->weibull_mean_s = mean;
    r->weibull_mean_se = sqrt(fmax(0.0, dk * dk * vkk + 2.0 * dk * dl * vkl + dl * dl * vll));
    r->weibull_loglik = f0;
}

sim_status calib_patience_get(calib_patience *p, calib_patience_result *r, sim_error *err)
{
    memset(r, 0, sizeof *r);
    r->n = p->n;
    r->abandons = p->abandons;
    r->n_sample = p->n_sample;
    r->total_wait_s = p->total_wait;
    if (p->abandons == 0 || !(p->total_wait > 0.0))
        return sim_error_set(err, SIM_EINVAL, "abandons",
                             "%zu abandons in %zu waits: patience cannot be estimated",
                             p->abandons, p->n);
    r->exp_mean_s = p->total_wait / (double)p->abandons;
    r->exp_mean_se = r->exp_mean_s / sqrt((double)p->abandons);
    qsort(p->sample, p->n_sample, sizeof *p->sample, cmp_obs);
    /* the exponential's log-likelihood on the sample: d ln rate - rate sum w */
    size_t d = 0;
    double sw = 0.0;
    for (size_t i = 0; i < p->n_sample; i++) {
        d += (size_t)p->sample[i].ab;
        sw += p->sample[i].w;
    }
    r->exp_loglik = d > 0 && sw > 0.0 ? (double)d * log((double)d / sw) - (double)d : (double)NAN;
    r->weibull_ok = 0;
    fit_weibull(p, r);
    /* Kaplan-Meier at 0 and the deciles of the sample's waits; restricted mean and median */
    size_t n = p->n_sample;
    for (int q = 0; q < CALIB_PATIENCE_KM_POINTS; q++) {
        double t = q == 0 ? 0.0 : p->sample[(n - 1) * (size_t)q / (CALIB_PATIENCE_KM_POINTS - 1)].w;
        r->km_t_s[q] = t;
        calib_patience_km_at(p, t, &r->km_s[q], &r->km_se[q]);
    }
    double S = 1.0, prev = 0.0, area = 0.0;
    r->km_median_s = NAN;
    size_t i = 0;
    while (i < n) {
        size_t j = i, dd = 0;
        while (j < n && p->sample[j].w == p->sample[i].w) {
            dd += (size_t)p->sample[j].ab;
            j++;
        }
        double t = p->sample[i].w;
        area += S * (t - prev);
        prev = t;
        if (dd > 0) {
            S *= 1.0 - (double)dd / (double)(n - i);
            if (isnan(r->km_median_s) && S <= 0.5)
                r->km_median_s = t;
        }
        i = j;
    }
    r->km_restricted_mean_s = area;
    return SIM_OK;
}
