/* scenario_dist.c -- distributions of a scenario: their moments and parameters
 * (scenario_dist.h), and the reading of a distribution object from a file (scenario_dist_read,
 * scenario_internal.h).
 *
 * A distribution object is read the same way wherever it stands (channels[].handle_time,
 * channels[].patience, hopping[].delay and their mixture components): the schema table has
 * already checked each field's type and range at its generic path; here are the checks the
 * table cannot express: which fields a kind needs and which do not apply to it, tables in
 * order, shares that sum to 1, and a mean > 0. Every error names the JSON path.
 *
 * Tables (empirical points, mixture components) live in blocks owned by the scenario
 * (scenario.dist_blocks), so a scenario_dist stays a small value that hop rules may copy.
 */
#include "scenario_dist.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_sf_gamma.h>

#include "scenario_internal.h"
#include "scenario_schema.h"
#include "sim_alloc.h"

/* ---- moments ------------------------------------------------------------------------- */

static int lngamma(double x, double *out)
{
    gsl_sf_result r;
    if (gsl_sf_lngamma_e(x, &r) != GSL_SUCCESS || !isfinite(r.val))
        return -1;
    *out = r.val;
    return 0;
}

double scenario_dist_weibull_cv(double shape)
{
    double g1, g2;
    if (!(shape > 0) || lngamma(1 + 1 / shape, &g1) != 0 || lngamma(1 + 2 / shape, &g2) != 0)
        return (double)NAN;
    /* expm1 keeps the digits for large shapes, where the ratio is close to 1 */
    double v = expm1(g2 - 2 * g1);
    return v > 0 ? sqrt(v) : 0;
}

typedef struct weibull_target {
    double cv;
} weibull_target;

/* ln cv(e^t) - ln cv: decreasing in t, 0 at the shape sought (logs make it well scaled over
 * four orders of magnitude of cv). */
static double weibull_residual(double t, void *arg)
{
    const weibull_target *w = arg;
    return log(scenario_dist_weibull_cv(exp(t))) - log(w->cv);
}

int scenario_dist_weibull_shape(double cv, double *shape)
{
    if (!(cv > 0) || !isfinite(cv))
        return -1;
    double lo = log(SCENARIO_DIST_WEIBULL_K_MIN), hi = log(SCENARIO_DIST_WEIBULL_K_MAX);
    weibull_target w = {cv};
    gsl_function f = {weibull_residual, &w};
    double flo = weibull_residual(lo, &w), fhi = weibull_residual(hi, &w);
    if (!(flo >= 0) || !(fhi <= 0))
        return -1; /* outside the bracket (or NaN) */
    if (flo == 0 || fhi == 0) {
        *shape = exp(flo == 0 ? lo : hi);
        return 0;
    }
    gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (s == NULL)
        return -1;
    int rc = -1;
    if (gsl_root_fsolver_set(s, &f, lo, hi) == GSL_SUCCESS) {
        for (int it = 0; it < 200; it++) {
            if (gsl_root_fsolver_iterate(s) != GSL_SUCCESS)
                break;
            double a = gsl_root_fsolver_x_lower(s), b = gsl_root_fsolver_x_upper(s);
            if (gsl_root_test_interval(a, b, 1e-14, 1e-14) == GSL_SUCCESS) {
                *shape = exp(gsl_root_fsolver_root(s));
                rc = 0;
                break;
            }
        }
    }
    gsl_root_fsolver_free(s);
    return rc;
}

/* Set cv from the mean and second moment; -1 when the mean is not > 0. */
static int set_moments(scenario_dist *d, double mean, double m2)
{
    if (!(mean > 0) || !isfinite(mean) || !isfinite(m2))
        return -1;
    double var = m2 - mean * mean;
    d->mean_s = mean;
    d->cv = var > 0 ? sqrt(var) / mean : 0;
    return 0;
}

int scenario_dist_finish(scenario_dist *d)
{
    switch (d->kind) {
    case SCENARIO_DIST_GAMMA:
        if (!(d->mean_s > 0) || !(d->cv > 0))
            return -1;
        d->p1 = 1 / (d->cv * d->cv);
        d->p2 = d->mean_s * d->cv * d->cv;
        return 0;
    case SCENARIO_DIST_WEIBULL: {
        double g1;
        if (d->p1 == 0) {
            if (!(d->mean_s > 0) || scenario_dist_weibull_shape(d->cv, &d->p1) != 0
                || lngamma(1 + 1 / d->p1, &g1) != 0)
                return -1;
            d->p2 = d->mean_s / exp(g1);
            d->cv = scenario_dist_weibull_cv(d->p1); /* the solved shape's own, to the digit */
            return 0;
        }
        if (!(d->p1 > 0) || !(d->p2 > 0) || lngamma(1 + 1 / d->p1, &g1) != 0)
            return -1;
        d->mean_s = d->p2 * exp(g1);
        d->cv = scenario_dist_weibull_cv(d->p1);
        return isfinite(d->mean_s) && isfinite(d->cv) && d->mean_s > 0 ? 0 : -1;
    }
    case SCENARIO_DIST_UNIFORM: {
        double a = d->p1, b = d->p2;
        if (!(a >= 0) || !(b > a))
            return -1;
        return set_moments(d, (a + b) / 2, (a * a + a * b + b * b) / 3);
    }
    case SCENARIO_DIST_TRIANGULAR: {
        double a = d->p1, c = d->p2, b = d->p3;
        if (!(a >= 0) || !(c >= a) || !(b >= c) || !(b > a))
            return -1;
        double mean = (a + b + c) / 3;
        double var = (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
        return set_moments(d, mean, var + mean * mean);
    }
    case SCENARIO_DIST_EMPIRICAL: {
        if (d->n < 2 || d->x == NULL || d->cum == NULL || d->cum[0] != 0 || d->cum[d->n - 1] != 1)
            return -1;
        double mean = 0, m2 = 0;
        for (size_t i = 0; i + 1 < d->n; i++) {
            double a = d->x[i], b = d->x[i + 1], q = d->cum[i + 1] - d->cum[i];
            if (!(b >= a) || !(q >= 0) || !(a >= 0))
                return -1;
            mean += q * (a + b) / 2;
            m2 += q * (a * a + a * b + b * b) / 3;
        }
        return set_moments(d, mean, m2);
    }
    case SCENARIO_DIST_MIXTURE: {
        if (d->n < 2 || d->part == NULL || d->cum == NULL || d->cum[d->n - 1] != 1)
            return -1;
        double mean = 0, m2 = 0, prev = 0;
        for (size_t i = 0; i < d->n; i++) {
            const scenario_dist *p = &d->part[i];
            double w = d->cum[i] - prev;
            prev = d->cum[i];
            if (!(w >= 0) || p->kind == SCENARIO_DIST_MIXTURE)
                return -1;
            mean += w * p->mean_s;
            m2 += w * p->mean_s * p->mean_s * (1 + p->cv * p->cv);
        }
        return set_moments(d, mean, m2);
    }
    case SCENARIO_DIST_EXPONENTIAL:
    case SCENARIO_DIST_LOGNORMAL:
    case SCENARIO_DIST_DETERMINISTIC:
    default: return 0;
    }
}

/* ---- reading ------------------------------------------------------------------------- */

#define P_MAX SIM_ERROR_PATH_MAX
#define KEY_COUNT 10

/* The keys of a distribution object besides "distribution", in this order. */
static const char *const keys[KEY_COUNT] = {"mean_s", "cv",   "shape",     "scale_s",
                                            "min_s",  "mode_s", "max_s",   "quantiles",
                                            "histogram", "components"};
enum { K_MEAN, K_CV, K_SHAPE, K_SCALE, K_MIN, K_MODE, K_MAX, K_QUANT, K_HIST, K_COMP };

/* Per kind (in enum order), the keys that apply to it. */
#define B(k) (1u << (k))
static const unsigned applies[] = {
    B(K_MEAN) | B(K_CV),                                /* exponential */
    B(K_MEAN) | B(K_CV),                                /* lognormal */
    B(K_MEAN) | B(K_CV),                                /* deterministic */
    B(K_MEAN) | B(K_CV),                                /* gamma */
    B(K_MEAN) | B(K_CV) | B(K_SHAPE) | B(K_SCALE),      /* weibull */
    B(K_MIN) | B(K_MAX),                                /* uniform */
    B(K_MIN) | B(K_MODE) | B(K_MAX),                    /* triangular */
    B(K_QUANT) | B(K_HIST),                             /* empirical */
    B(K_COMP),                                          /* mixture */
};
static const char *const kind_names[] = {"exponential", "lognormal", "deterministic",
                                         "gamma",       "weibull",   "uniform",
                                         "triangular",  "empirical", "mixture"};

typedef struct reader {
    scenario_ctx *ctx;
    scenario *scn;
    size_t errors;
} reader;

#include <stdarg.h>
static void rerr(reader *r, const char *path, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static void rerr(reader *r, const char *path, const char *fmt, ...)
{
    char msg[SIM_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    r->errors++;
    scenario_json_error(r->ctx, SIM_EINVAL, path, "%s", msg);
}

static void pathf(char *buf, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static void pathf(char *buf, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, P_MAX, fmt, ap);
    va_end(ap);
}

static const cJSON *get(const cJSON *o, const char *key)
{
    return cJSON_IsObject(o) ? cJSON_GetObjectItemCaseSensitive(o, key) : NULL;
}

/* A number, or def when absent or of the wrong type (the schema check reported that). */
static double num(const cJSON *o, const char *key, double def)
{
    const cJSON *v = get(o, key);
    return cJSON_IsNumber(v) && isfinite(v->valuedouble) ? v->valuedouble : def;
}

static int has_num(const cJSON *o, const char *key)
{
    const cJSON *v = get(o, key);
    return cJSON_IsNumber(v) && isfinite(v->valuedouble);
}

/* Storage owned by the scenario for `bytes`; NULL (reported) when out of memory. */
static void *block(reader *r, size_t bytes)
{
    scenario *s = r->scn;
    if (s->n_dist_blocks == s->cap_dist_blocks) {
        size_t cap = s->cap_dist_blocks == 0 ? 8 : 2 * s->cap_dist_blocks;
        void **b = sim_realloc(s->dist_blocks, cap * sizeof *b);
        if (b == NULL)
            goto nomem;
        s->dist_blocks = b;
        s->cap_dist_blocks = cap;
    }
    void *p = sim_calloc(1, bytes);
    if (p == NULL)
        goto nomem;
    s->dist_blocks[s->n_dist_blocks++] = p;
    return p;
nomem:
    r->errors++;
    scenario_json_nomem(r->ctx);
    return NULL;
}

/* An empirical distribution from "quantiles" (points {p, value_s}: p from 0 to 1 increasing,
 * values nondecreasing) or "histogram" ({edges_s increasing, weights one per bin}). */
static void read_empirical(reader *r, const cJSON *o, const char *path, scenario_dist *d)
{
    char p[P_MAX];
    const cJSON *q = get(o, "quantiles"), *h = get(o, "histogram");
    if ((q != NULL) == (h != NULL)) {
        rerr(r, path, "an empirical distribution needs 'quantiles' or 'histogram' (one of them)");
        return;
    }
    size_t n = 0;
    if (q != NULL) {
        n = (size_t)cJSON_GetArraySize(q);
        if (!cJSON_IsArray(q))
            return; /* the schema check reported it */
        pathf(p, "%s.quantiles", path);
        if (n < 2 || n > SCENARIO_MAX_DIST_POINTS) {
            rerr(r, p, "needs 2 to %d points, got %zu", SCENARIO_MAX_DIST_POINTS, n);
            return;
        }
    } else {
        const cJSON *e = get(h, "edges_s"), *w = get(h, "weights");
        if (!cJSON_IsArray(e) || !cJSON_IsArray(w))
            return; /* missing or of the wrong type: reported by the schema check */
        n = (size_t)cJSON_GetArraySize(e);
        size_t nw = (size_t)cJSON_GetArraySize(w);
        pathf(p, "%s.histogram.edges_s", path);
        if (n < 2 || n > SCENARIO_MAX_DIST_POINTS) {
            rerr(r, p, "needs 2 to %d edges, got %zu", SCENARIO_MAX_DIST_POINTS, n);
            return;
        }
        if (nw != n - 1) {
            pathf(p, "%s.histogram.weights", path);
            rerr(r, p, "needs one weight per bin: %zu for %zu edges, got %zu", n - 1, n, nw);
            return;
        }
    }
    double *x = block(r, 2 * n * sizeof *x);
    if (x == NULL)
        return;
    double *cum = x + n;
    size_t errors = r->errors;
    if (q != NULL) {
        size_t i = 0;
        for (const cJSON *pt = q->child; pt != NULL; pt = pt->next, i++) {
            cum[i] = num(pt, "p", (double)NAN);
            x[i] = num(pt, "value_s", (double)NAN);
            if (isnan(cum[i]) || isnan(x[i]))
                return; /* missing or out of its type: reported by the schema check */
            pathf(p, "%s.quantiles[%zu].p", path, i);
            if (i == 0 && cum[i] != 0)
                rerr(r, p, "the first point's p must be 0 (the smallest value)");
            else if (i == n - 1 && cum[i] != 1)
                rerr(r, p, "the last point's p must be 1 (the largest value)");
            else if (i > 0 && !(cum[i] > cum[i - 1]))
                rerr(r, p, "p must increase from point to point (%g after %g)", cum[i],
                     cum[i - 1]);
            pathf(p, "%s.quantiles[%zu].value_s", path, i);
            if (i > 0 && x[i] < x[i - 1])
                rerr(r, p, "values must not decrease as p increases (%g after %g)", x[i],
                     x[i - 1]);
        }
    } else {
        const cJSON *e = get(h, "edges_s"), *w = get(h, "weights");
        size_t i = 0;
        double total = 0;
        for (const cJSON *v = e->child; v != NULL; v = v->next, i++) {
            x[i] = cJSON_IsNumber(v) ? v->valuedouble : (double)NAN;
            if (!isfinite(x[i]))
                return;
            pathf(p, "%s.histogram.edges_s[%zu]", path, i);
            if (i > 0 && !(x[i] > x[i - 1]))
                rerr(r, p, "edges must increase (%g after %g)", x[i], x[i - 1]);
        }
        cum[0] = 0;
        i = 1;
        for (const cJSON *v = w->child; v != NULL; v = v->next, i++) {
            double wi = cJSON_IsNumber(v) ? v->valuedouble : (double)NAN;
            if (!isfinite(wi) || wi < 0)
                return;
            total += wi;
            cum[i] = total;
        }
        if (!(total > 0)) {
            pathf(p, "%s.histogram.weights", path);
            rerr(r, p, "weights must not all be zero");
            return;
        }
        for (i = 1; i < n; i++)
            cum[i] /= total;
        cum[n - 1] = 1; /* exactly, whatever the rounding of the division */
    }
    if (r->errors != errors)
        return;
    d->n = n;
    d->x = x;
    d->cum = cum;
}

static void read_one(reader *r, const cJSON *o, const char *path, const char *gpath,
                     const char *kind, scenario_dist *d, double placeholder, int component);

/* A mixture: components {share, distribution ...}, shares summing to 1. */
static void read_mixture(reader *r, const cJSON *o, const char *path, const char *gpath,
                         scenario_dist *d)
{
    char p[P_MAX], gp[P_MAX];
    const cJSON *arr = get(o, "components");
    if (arr == NULL) {
        rerr(r, path, "a mixture distribution needs 'components'");
        return;
    }
    if (!cJSON_IsArray(arr))
        return;
    size_t n = (size_t)cJSON_GetArraySize(arr);
    pathf(p, "%s.components", path);
    if (n < 2 || n > SCENARIO_MAX_MIX_COMPONENTS) {
        rerr(r, p, "a mixture needs 2 to %d components, got %zu", SCENARIO_MAX_MIX_COMPONENTS,
             n);
        return;
    }
    scenario_dist *part = block(r, n * (sizeof *part + sizeof(double)));
    if (part == NULL)
        return;
    double *cum = (double *)(void *)(part + n);
    size_t errors = r->errors;
    pathf(gp, "%s.components[]", gpath);
    double total = 0;
    size_t i = 0;
    for (const cJSON *c = arr->child; c != NULL; c = c->next, i++) {
        pathf(p, "%s.components[%zu]", path, i);
        double w = num(c, "share", (double)NAN);
        if (isnan(w))
            r->errors++; /* missing or not a number: reported by the schema check */
        else
            total += w;
        cum[i] = total;
        read_one(r, c, p, gp, NULL, &part[i], 1, 1);
    }
    if (r->errors != errors)
        return;
    if (fabs(total - 1) > SCENARIO_SHARE_TOLERANCE) {
        pathf(p, "%s.components", path);
        rerr(r, p, "component shares sum to %.6g; they must sum to 1", total);
        return;
    }
    for (i = 0; i < n; i++)
        cum[i] /= total;
    cum[n - 1] = 1;
    d->n = n;
    d->part = part;
    d->cum = cum;
}

static void read_one(reader *r, const cJSON *o, const char *path, const char *gpath,
                     const char *kind, scenario_dist *d, double placeholder, int component)
{
    char p[P_MAX], buf[64];
    memset(d, 0, sizeof *d);
    double def_mean = placeholder;
    if (o == NULL)
        (void)scenario_schema_default_mean(scenario_schema_find(gpath), kind, &def_mean);
    pathf(p, "%s.distribution", gpath);
    int ok = scenario_schema_default_text(scenario_schema_find(p), NULL, buf, sizeof buf);
    const char *dist = ok ? buf : "exponential";
    const cJSON *dv = get(o, "distribution");
    if (cJSON_IsString(dv) && dv->valuestring != NULL)
        dist = dv->valuestring;
    size_t k = 0;
    while (k < sizeof kind_names / sizeof kind_names[0] && strcmp(dist, kind_names[k]) != 0)
        k++;
    if (k == sizeof kind_names / sizeof kind_names[0])
        k = SCENARIO_DIST_EXPONENTIAL; /* not a choice: reported by the schema check */
    d->kind = (scenario_dist_kind)k;
    const char *kn = kind_names[k];

    /* fields that do not apply to this kind */
    for (size_t i = 0; i < KEY_COUNT; i++) {
        if (get(o, keys[i]) != NULL && !(applies[k] & B(i))) {
            pathf(p, "%s.%s", path, keys[i]);
            rerr(r, p, "does not apply to a %s distribution", kn);
        }
    }

    int has_mean = has_num(o, "mean_s"), has_cv = cJSON_IsNumber(get(o, "cv"));
    double cv = num(o, "cv", 1);
    if ((applies[k] & B(K_MEAN)) && o != NULL && !has_mean && get(o, "mean_s") == NULL
        && !(k == SCENARIO_DIST_WEIBULL && (get(o, "shape") != NULL || get(o, "scale_s") != NULL)))
        rerr(r, path, "missing required field 'mean_s'");
    d->mean_s = num(o, "mean_s", def_mean);
    pathf(p, "%s.cv", path);
    switch (d->kind) {
    case SCENARIO_DIST_LOGNORMAL:
        if (!has_cv)
            rerr(r, path, "a lognormal distribution needs 'cv'");
        else if (!(cv > 0))
            rerr(r, p, "a lognormal distribution needs cv > 0");
        d->cv = cv > 0 ? cv : 1;
        break;
    case SCENARIO_DIST_DETERMINISTIC:
        if (has_cv && cv != 0)
            rerr(r, p, "a deterministic distribution has cv 0; remove 'cv' or use lognormal");
        d->cv = 0;
        break;
    case SCENARIO_DIST_EXPONENTIAL:
        if (has_cv && cv != 1)
            rerr(r, p, "an exponential distribution has cv 1; use lognormal for another cv");
        d->cv = 1;
        break;
    case SCENARIO_DIST_GAMMA:
        if (!has_cv)
            rerr(r, path, "a gamma distribution needs 'cv'");
        else if (!(cv > 0))
            rerr(r, p, "a gamma distribution needs cv > 0");
        d->cv = cv > 0 ? cv : 1;
        break;
    case SCENARIO_DIST_WEIBULL: {
        int by_shape = get(o, "shape") != NULL || get(o, "scale_s") != NULL;
        int by_mean = get(o, "mean_s") != NULL || has_cv;
        if (by_shape && by_mean) {
            rerr(r, path, "a weibull distribution takes shape and scale_s, or mean_s and cv, "
                          "not both");
        } else if (by_shape) {
            if (!has_num(o, "shape") || !has_num(o, "scale_s"))
                rerr(r, path, "a weibull distribution by shape needs 'shape' and 'scale_s'");
            d->p1 = num(o, "shape", 1);
            d->p2 = num(o, "scale_s", 1);
        } else if (!has_cv) {
            rerr(r, path, "a weibull distribution needs 'cv' with 'mean_s' (or 'shape' and "
                          "'scale_s')");
        } else if (scenario_dist_weibull_shape(cv, &d->p1) != 0) {
            rerr(r, p, "no weibull distribution has cv %g (shapes %g to %g give %.3g to %.3g)",
                 cv, SCENARIO_DIST_WEIBULL_K_MIN, SCENARIO_DIST_WEIBULL_K_MAX,
                 scenario_dist_weibull_cv(SCENARIO_DIST_WEIBULL_K_MAX),
                 scenario_dist_weibull_cv(SCENARIO_DIST_WEIBULL_K_MIN));
        } else {
            d->cv = cv;
            d->p1 = 0; /* scenario_dist_finish solves it again, and the scale */
        }
        if (!by_shape)
            d->cv = cv;
        break;
    }
    case SCENARIO_DIST_UNIFORM:
    case SCENARIO_DIST_TRIANGULAR: {
        int tri = d->kind == SCENARIO_DIST_TRIANGULAR;
        const char *need = tri ? "'min_s', 'mode_s' and 'max_s'" : "'min_s' and 'max_s'";
        if (!has_num(o, "min_s") || !has_num(o, "max_s") || (tri && !has_num(o, "mode_s"))) {
            rerr(r, path, "a %s distribution needs %s", kn, need);
            break;
        }
        double a = num(o, "min_s", 0), b = num(o, "max_s", 0), c = num(o, "mode_s", a);
        pathf(p, "%s.max_s", path);
        if (!(b > a))
            rerr(r, p, "max_s must be greater than min_s (%g)", a);
        else if (tri && !(c >= a && c <= b)) {
            pathf(p, "%s.mode_s", path);
            rerr(r, p, "mode_s must lie between min_s (%g) and max_s (%g)", a, b);
        }
        d->p1 = a;
        d->p2 = tri ? c : b;
        d->p3 = tri ? b : 0;
        break;
    }
    case SCENARIO_DIST_EMPIRICAL: read_empirical(r, o, path, d); break;
    case SCENARIO_DIST_MIXTURE: read_mixture(r, o, path, gpath, d); break;
    default: break;
    }
    if (d->kind <= SCENARIO_DIST_WEIBULL && !(d->mean_s > 0)) {
        if (!(component && d->kind == SCENARIO_DIST_DETERMINISTIC && d->mean_s == 0)) {
            if (component && has_mean) {
                pathf(p, "%s.mean_s", path);
                rerr(r, p, "a %s component needs mean_s > 0 (only a deterministic one may be "
                           "0, a point mass)",
                     kn);
            }
            d->mean_s = def_mean > 0 ? def_mean : 1;
        }
    }
    if (r->errors == 0 && scenario_dist_finish(d) != 0)
        rerr(r, path, "the %s distribution's parameters give no mean > 0", kn);
    if (!(d->mean_s > 0) && !(component && d->kind == SCENARIO_DIST_DETERMINISTIC)) {
        /* after an error: a harmless placeholder, never run */
        d->kind = SCENARIO_DIST_EXPONENTIAL;
        d->mean_s = def_mean > 0 ? def_mean : 1;
        d->cv = 1;
    }
}

size_t scenario_dist_read(scenario_ctx *ctx, scenario *scn, const cJSON *o, const char *path,
                          const char *gpath, const char *kind, scenario_dist *d,
                          double placeholder)
{
    reader r = {ctx, scn, 0};
    read_one(&r, o, path, gpath, kind, d, placeholder, 0);
    return r.errors;
}

/* ---- durations by time of day ------------------------------------------------------- */

const scenario_period *scenario_dist_period_at(const scenario_period *p, size_t n, double tod_s)
{
    for (size_t i = 0; i < n && p[i].from_s <= tod_s; i++)
        if (tod_s < p[i].to_s)
            return &p[i];
    return NULL;
}

static double period_mean(const scenario_dist *base, const scenario_period *p)
{
    return p->has_dist ? p->dist.mean_s : base->mean_s * p->factor;
}

double scenario_dist_mean_between(const scenario_dist *base, const scenario_period *p, size_t n,
                                  double from_s, double to_s)
{
    double len = to_s - from_s, covered = 0, sum = 0;
    if (!(len > 0))
        return base->mean_s;
    for (size_t i = 0; i < n; i++) {
        double a = fmax(p[i].from_s, from_s), b = fmin(p[i].to_s, to_s);
        if (b > a) {
            covered += b - a;
            sum += (b - a) * period_mean(base, &p[i]);
        }
    }
    return (sum + (len - covered) * base->mean_s) / len;
}

/* "HH:MM" from 00:00 to 24:00 in seconds, -1 when malformed: the same form as opening hours
 * (scenario_convert.c reads those with its own copy, which reports in its context). */
static double hhmm(const cJSON *v)
{
    const char *s = cJSON_IsString(v) ? v->valuestring : NULL;
    if (s == NULL || strlen(s) != 5 || s[2] != ':')
        return -1;
    for (int i = 0; i < 5; i++)
        if (i != 2 && (s[i] < '0' || s[i] > '9'))
            return -1;
    int h = (s[0] - '0') * 10 + (s[1] - '0');
    int m = (s[3] - '0') * 10 + (s[4] - '0');
    if (h > 24 || m > 59 || (h == 24 && m != 0))
        return -1;
    return (double)(h * 3600 + m * 60);
}

size_t scenario_dist_read_periods(scenario_ctx *ctx, scenario *scn, const cJSON *arr,
                                  const char *path, const char *gpath,
                                  const scenario_period **out, size_t *n)
{
    reader r = {ctx, scn, 0};
    char p[P_MAX], gp[P_MAX];
    *out = NULL;
    *n = 0;
    if (!cJSON_IsArray(arr))
        return 0; /* absent, or the schema check reported its type */
    size_t count = (size_t)cJSON_GetArraySize(arr);
    if (count == 0 || count > SCENARIO_MAX_PERIODS) {
        rerr(&r, path, "needs 1 to %d periods, got %zu", SCENARIO_MAX_PERIODS, count);
        return r.errors;
    }
    scenario_period *ps = block(&r, count * sizeof *ps);
    if (ps == NULL)
        return r.errors;
    pathf(gp, "%s[].mean_factor", gpath);
    double def_factor = 1;
    (void)scenario_schema_default_number(scenario_schema_find(gp), NULL, &def_factor);
    pathf(gp, "%s[].dist", gpath);
    size_t i = 0;
    for (const cJSON *o = arr->child; o != NULL; o = o->next, i++) {
        scenario_period *q = &ps[i];
        const char *keys2[2] = {"from", "to"};
        double t[2];
        for (int k = 0; k < 2; k++) {
            const cJSON *v = get(o, keys2[k]);
            t[k] = hhmm(v);
            pathf(p, "%s[%zu].%s", path, i, keys2[k]);
            if (v != NULL && cJSON_IsString(v) && t[k] < 0)
                rerr(&r, p, "'%.32s' is not a time \"HH:MM\" from 00:00 to 24:00",
                     v->valuestring);
        }
        q->from_s = t[0];
        q->to_s = t[1];
        if (t[0] >= 0 && t[1] >= 0 && !(t[1] > t[0])) {
            pathf(p, "%s[%zu].to", path, i);
            rerr(&r, p, "a period must end after it starts (for one past midnight, give two "
                        "periods)");
        } else if (i > 0 && t[0] >= 0 && ps[i - 1].to_s >= 0 && t[0] < ps[i - 1].to_s) {
            pathf(p, "%s[%zu].from", path, i);
            rerr(&r, p, "periods must be in order and not overlap (this one starts before "
                        "the previous one ends)");
        }
        const cJSON *dist = get(o, "dist");
        int has_factor = get(o, "mean_factor") != NULL;
        pathf(p, "%s[%zu]", path, i);
        if (dist != NULL && has_factor)
            rerr(&r, p, "a period takes mean_factor or dist, not both");
        else if (dist == NULL && !has_factor)
            rerr(&r, p, "a period needs mean_factor or dist");
        q->factor = num(o, "mean_factor", def_factor);
        if (!(q->factor > 0))
            q->factor = 1; /* out of range: reported by the schema check */
        q->has_dist = cJSON_IsObject(dist);
        if (q->has_dist) {
            pathf(p, "%s[%zu].dist", path, i);
            read_one(&r, dist, p, gp, NULL, &q->dist, 1, 0);
            q->factor = 1;
        }
    }
    if (r.errors == 0) {
        *out = ps;
        *n = count;
    }
    return r.errors;
}
