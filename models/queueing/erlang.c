/* erlang.c -- Erlang B, C and A; see erlang.h for the contracts, docs/erlang.md for the math.
 *
 * Invariants and methods (STYLE 22: every numerical method names its source):
 *
 * Erlang B, continuous in n (Jagerman 1974): 1/B(n, a) = R(n, a) = e^a a^-n Gamma(n + 1, a).
 *   For a < n + 1, R = Q(n + 1, a) / pois(n; a), with Q the regularized upper incomplete gamma
 *   (GSL gsl_sf_gamma_inc_Q_e; Q >= ~0.45 here, so nothing underflows or cancels) and
 *   pois(n; a) = a^n e^-a / Gamma(n + 1) computed in log form by Loader's saddle-point method
 *   (C. Loader, "Fast and accurate computation of binomial probabilities", 2000: stirlerr and
 *   bd0), because ln pois = n ln a - a - lnGamma(n + 1) subtracts numbers of size 10^6 whose
 *   rounding alone would cost 1e-10 relative; GSL has no real-argument Poisson density.
 *   For a >= n + 1, R = a * CF with the Legendre continued fraction of Gamma(n + 1, a) scaled
 *   by e^a a^-(n+1), evaluated by the modified Lentz method; both Q and pois would underflow
 *   there (n = 100, a = 2000) while R stays between 1 and a.
 *   We work with ln R throughout, so B (which underflows for many idle agents) never enters
 *   a division. There are no factorials or powers.
 *
 * Erlang C (M/M/n): 1/C = 1 + (1 - rho)(R - 1), rho = a / n, computed as a logistic of
 *   ln((1 - rho)(R - 1)) so that C and 1 - C are both accurate; SL(t) = 1 - C e^-(n-a)t/aht
 *   summed as (1 - C) + C(1 - e^..) with expm1, never as a difference near 1.
 *
 * Erlang A (M/M/n+M), Garnett, Mandelbaum & Reiman, "Designing a call center with impatient
 *   customers", MSOM 4(3), 2002; Mandelbaum & Zeltyn, "The M/M/n+G queue: summary of
 *   performance measures" (technical note, Technion); Zeltyn's thesis (2005). With
 *   x = n mu / theta, y = lambda / theta (theta = 1 / mean patience):
 *     S = A(x, y) = sum_k t_k, t_k = y^k / ((x+1)...(x+k)) (a Kummer function; the
 *       stationary queue-length weights given that all agents are busy),
 *     P(W > 0) = S B / (1 + (S - 1) B) = 1 / (1 + (R - 1) / S),
 *     P(Ab | W > 0) = T / (y S), T = sum_k k t_k (mean queue / y; this positive form replaces
 *       the textbook 1 - 1/rho + 1/(rho S), which cancels catastrophically when patience is
 *       long and rho < 1),
 *     P(answered | W > 0) = (x / y)(S - 1) / S,
 *     offered wait density given W > 0: f(v) = (c / S) exp(-c v + y (1 - e^-theta v)),
 *       c = n mu (derived in docs/erlang.md: U = e^-theta V is Beta(x, k + 1) given k ahead),
 *     P(answered, V <= t | W > 0) = P(answered | W > 0)
 *       * [P(x+1, y) - P(x+1, y e^-theta t)] / P(x+1, y),
 *     E[V; answered | W > 0] = (x / theta) sum_k t_k H_k / (x + k + 1) / S,
 *       H_k = psi(x + k + 2) - psi(x + 1) (a positive series; term by term the Beta integral
 *       int v e^-(c+theta)v (1 - e^-theta v)^k dv).
 *   The three sums S, T, U are taken in one pass outward from the largest term t_k0,
 *   k0 = max(0, floor(y - x)), in units of t_k0 (no overflow; t_k is log-concave so the tail
 *   bound used to stop is rigorous); ln t_k0 = ln pois(x + k0; y) - ln pois(x; y) (Loader).
 *
 * Redials: lambda = lambda0 + r lambda P_ab(lambda) has exactly one root in
 *   [lambda0, lambda0 / (1 - r)] because lambda P_ab(lambda) grows with slope below 1;
 *   GSL's Brent solver finds it.
 */
#include "erlang.h"

#include <float.h>
#include <math.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_sf_gamma.h>

#include "erlang_internal.h"
#include "sim_assert.h"

#define LN_SQRT_2PI 0.918938533204672741780329736406 /* ln sqrt(2 pi) */
#define LENTZ_TINY 1.0e-300
#define CF_MAX_ITER 10000000L
#define SERIES_MAX_TERMS 100000000.0
/* Terms below this fraction of the running sum are dropped (with a tail bound). */
#define SERIES_REL_EPS 1.0e-18

/* ---------------------------------------------------------------- Poisson density (Loader) */

/* stirlerr(x) = lnGamma(x + 1) - (x + 1/2) ln x + x - ln sqrt(2 pi): the error of Stirling's
 * formula. Loader's series for x > 15 (error below 1e-17); below that, the definition, whose
 * terms are at most ~40 so cancellation costs at most ~1e-14 absolute. */
static double stirlerr(double x)
{
    if (x > 15.0) {
        const double s0 = 1.0 / 12.0, s1 = 1.0 / 360.0, s2 = 1.0 / 1260.0;
        const double s3 = 1.0 / 1680.0, s4 = 1.0 / 1188.0;
        double x2 = x * x;
        return (s0 - (s1 - (s2 - (s3 - s4 / x2) / x2) / x2) / x2) / x;
    }
    return lgamma(x + 1.0) - (x + 0.5) * log(x) + x - LN_SQRT_2PI;
}

/* bd0(x, m) = x ln(x / m) + m - x >= 0, by Loader's series when x is near m (where the
 * direct form cancels) and directly otherwise. */
static double bd0(double x, double m)
{
    if (fabs(x - m) < 0.1 * (x + m)) {
        double v = (x - m) / (x + m);
        double s = (x - m) * v;
        double ej = 2.0 * x * v;
        v *= v;
        for (int j = 1; j < 1000; j++) {
            ej *= v;
            double s1 = s + ej / (double)(2 * j + 1);
            if (s1 == s)
                return s1;
            s = s1;
        }
        return s;
    }
    return x * log(x / m) + m - x;
}

/* ln(m^x e^-m / Gamma(x + 1)) for real x > 0, m > 0. */
static double ln_pois(double x, double m)
{
    return -stirlerr(x) - bd0(x, m) - LN_SQRT_2PI - 0.5 * log(x);
}

/* ------------------------------------------------------------------------------ Erlang B */

sim_status erlang_internal_ln_inv_b(double agents, double load, double *out)
{
    double x = agents;
    double a = load;
    if (a < x + 1.0) {
        gsl_sf_result q;
        int st = gsl_sf_gamma_inc_Q_e(x + 1.0, a, &q);
        if (st != GSL_SUCCESS || !(q.val > 0.0) || !isfinite(q.val))
            return SIM_ENOCONV;
        *out = log(q.val) - ln_pois(x, a);
        return SIM_OK;
    }
    /* Legendre continued fraction for e^a a^-s Gamma(s, a), s = x + 1, in the form of
     * Numerical Recipes' gcf, modified Lentz: b_i = a + 2i - 1 - s, a_i = -i (i - s). */
    double s = x + 1.0;
    double b = a + 1.0 - s;
    double c = 1.0 / LENTZ_TINY;
    double d = 1.0 / b;
    double h = d;
    for (long i = 1; i < CF_MAX_ITER; i++) {
        double an = -(double)i * ((double)i - s);
        b += 2.0;
        d = an * d + b;
        if (fabs(d) < LENTZ_TINY)
            d = LENTZ_TINY;
        c = b + an / c;
        if (fabs(c) < LENTZ_TINY)
            c = LENTZ_TINY;
        d = 1.0 / d;
        double del = d * c;
        h *= del;
        if (fabs(del - 1.0) < 2.0 * DBL_EPSILON) {
            *out = log(a * h);
            return SIM_OK;
        }
    }
    return SIM_ENOCONV;
}

static sim_status check_positive(double v, const char *name, sim_error *err)
{
    if (!isfinite(v) || !(v > 0.0))
        return sim_error_set(err, SIM_EINVAL, name, "must be a finite number > 0, got %g", v);
    return SIM_OK;
}

static sim_status check_b_args(double agents, double load, sim_error *err)
{
    sim_status st = check_positive(agents, "agents", err);
    if (st != SIM_OK)
        return st;
    if (agents > ERLANG_MAX_AGENTS)
        return sim_error_set(err, SIM_ERANGE, "agents", "must be at most %g, got %g",
                             ERLANG_MAX_AGENTS, agents);
    st = check_positive(load, "load", err);
    if (st != SIM_OK)
        return st;
    if (load > ERLANG_MAX_AGENTS)
        return sim_error_set(err, SIM_ERANGE, "load", "must be at most %g Erlang, got %g",
                             ERLANG_MAX_AGENTS, load);
    return SIM_OK;
}

static sim_status no_conv(sim_error *err, const char *what, double agents, double load)
{
    return sim_error_set(err, SIM_ENOCONV, what,
                         "numerical method failed for agents %.17g, load %.17g", agents, load);
}

sim_status erlang_b_ln(double agents, double load, double *out, sim_error *err)
{
    sim_status st = check_b_args(agents, load, err);
    if (st != SIM_OK)
        return st;
    double ln_r;
    if (erlang_internal_ln_inv_b(agents, load, &ln_r) != SIM_OK)
        return no_conv(err, "erlang_b", agents, load);
    *out = -ln_r;
    return SIM_OK;
}

sim_status erlang_b(double agents, double load, double *out, sim_error *err)
{
    double ln_b;
    sim_status st = erlang_b_ln(agents, load, &ln_b, err);
    if (st != SIM_OK)
        return st;
    *out = exp(ln_b);
    return SIM_OK;
}

/* ------------------------------------------------------------------------------ Erlang C */

/* 1 / (1 + e^l) and e^l / (1 + e^l) without overflow. */
static void logistic_pair(double l, double *inv, double *comp)
{
    if (l > 0.0) {
        double e = exp(-l);
        *inv = e / (1.0 + e);
        *comp = 1.0 / (1.0 + e);
    } else {
        double e = exp(l);
        *inv = 1.0 / (1.0 + e);
        *comp = e / (1.0 + e);
    }
}

/* ln(R - 1) from ln R; R - 1 = R (1 - B). */
static double ln_r_minus_1(double ln_r)
{
    return ln_r + log1p(-exp(-ln_r));
}

void erlang_internal_c_fill(double agents, double rate, double aht_s, double threshold_s,
                            double ln_inv_b, erlang_result *out)
{
    double a = rate * aht_s;
    SIM_ASSERT(agents > a && a > 0.0, "Erlang C needs agents > load > 0 (validated by caller)");
    double gap = agents - a; /* exact when a >= agents / 2 (Sterbenz) */
    double c, not_c;
    logistic_pair(log(gap / agents) + ln_r_minus_1(ln_inv_b), &c, &not_c);
    out->agents = agents;
    out->arrival_rate = rate;
    out->offered_load = a;
    out->erlang_b = exp(-ln_inv_b);
    out->p_wait = c;
    out->p_abandon = 0.0;
    out->service_level = not_c + c * -expm1(-gap * threshold_s / aht_s);
    out->service_level_answered = out->service_level;
    out->wait_if_delayed_s = aht_s / gap;
    out->asa_s = c * out->wait_if_delayed_s;
    out->mean_wait_s = out->asa_s;
    out->occupancy = a / agents;
}

sim_status erlang_c(double agents, double load, double *out, sim_error *err)
{
    sim_status st = check_b_args(agents, load, err);
    if (st != SIM_OK)
        return st;
    if (!(agents > load))
        return sim_error_set(err, SIM_EINVAL, "agents",
                             "Erlang C needs more agents than the offered load (%g Erlang), got "
                             "%g: without abandonment the queue grows without bound",
                             load, agents);
    double ln_r;
    if (erlang_internal_ln_inv_b(agents, load, &ln_r) != SIM_OK)
        return no_conv(err, "erlang_c", agents, load);
    double c, not_c;
    logistic_pair(log((agents - load) / agents) + ln_r_minus_1(ln_r), &c, &not_c);
    *out = c;
    return SIM_OK;
}

/* ------------------------------------------------------------------------------ Erlang A */

/* psi(z1 + k) - psi(z1) = sum_{i=0}^{k-1} 1 / (z1 + i), for z1 > 0 and whole k >= 0:
 * directly for short sums, else by the asymptotic expansion of psi written as differences
 * (each difference formed without cancellation; truncation error below 1e-11 relative at
 * z1 = 10 and far smaller beyond). */
static double digamma_diff(double z1, double k)
{
    double acc = 0.0;
    if (k <= 2000.0) {
        for (double i = 0.0; i < k; i += 1.0)
            acc += 1.0 / (z1 + i);
        return acc;
    }
    while (z1 < 10.0) {
        acc += 1.0 / z1;
        z1 += 1.0;
        k -= 1.0;
    }
    double z2 = z1 + k;
    double r1 = 1.0 / (z1 * z1);
    double r2 = 1.0 / (z2 * z2);
    double d2 = -k * (z1 + z2) * r1 * r2; /* 1/z2^2 - 1/z1^2 */
    double d4 = d2 * (r1 + r2);
    double d6 = d2 * (r1 * r1 + r1 * r2 + r2 * r2);
    double h1 = -k / (2.0 * z1 * z2); /* 1/(2 z2) - 1/(2 z1) */
    return acc + log1p(k / z1) - h1 - d2 / 12.0 + d4 / 120.0 - d6 / 252.0;
}

/* The Kummer sums of Erlang A in units of their largest term; see the file comment. */
typedef struct erlang_a_sums {
    double ln_s;      /* ln S */
    double s_minus_1; /* (S - 1) / S */
    double t_over_ys; /* T / (y S) = P(Ab | W > 0) */
    double u_over_s;  /* U / S, U = sum t_k H_k / (x + k + 1) */
    double ln_mu_over_s1; /* when the sum starts at k = 0 (y < x + 1): ln of
                             sum_{k>=1} t_k u^(k-1) / sum_{k>=1} t_k, u = e^-(theta t), which is
                             ln M(x+1, y u) - ln M(x+1, y) for the service level; else NAN */
} erlang_a_sums;

static sim_status erlang_a_series(double x, double y, double u_wait, erlang_a_sums *out)
{
    double k0 = y > x ? floor(y - x) : 0.0;
    /* Walk down from the peak to the first index whose remaining lower tail is negligible. */
    double klo = k0;
    double p = 1.0;
    while (klo > 0.0) {
        double q = (x + klo) / y; /* t_{k-1} / t_k, smaller for smaller k */
        if (q < 1.0 && p * q / (1.0 - q) < SERIES_REL_EPS)
            break;
        p *= q;
        klo -= 1.0;
        if (k0 - klo > SERIES_MAX_TERMS)
            return SIM_ENOCONV;
    }
    /* One division per term: inv = 1 / (x + k + 1) serves the ratio, U's weight and H. */
    double t = 1.0;
    double h = digamma_diff(x + 1.0, klo + 1.0);
    double inv = 1.0 / (x + klo + 1.0);
    double s = 0.0, s1 = 0.0, tt = 0.0, u = 0.0, mu = 0.0, upow = 1.0;
    for (double k = klo;; k += 1.0) {
        s += t;
        if (k >= 1.0) {
            s1 += t;
            mu += t * upow;
            upow *= u_wait;
        }
        tt += k * t;
        u += t * h * inv;
        double r = y * inv; /* t_{k+1} / t_k */
        if (k >= k0 && r < 1.0 && t * r < SERIES_REL_EPS * s * (1.0 - r))
            break;
        if (k - klo > SERIES_MAX_TERMS)
            return SIM_ENOCONV;
        t *= r;
        inv = 1.0 / (x + k + 2.0);
        h += inv;
    }
    double ln_tlo = klo > 0.0 ? ln_pois(x + klo, y) - ln_pois(x, y) : 0.0;
    out->ln_s = ln_tlo + log(s);
    if (klo == 0.0) {
        out->s_minus_1 = s1 / s;
        out->ln_mu_over_s1 = log(mu / s1);
    } else {
        out->s_minus_1 = -expm1(-out->ln_s);
        out->ln_mu_over_s1 = (double)NAN;
    }
    out->t_over_ys = tt / (y * s);
    out->u_over_s = u / s;
    return SIM_OK;
}

/* [P(s, y) - P(s, y u)] / P(s, y), u = e^-w, w = theta t > 0: the share of answered-after-
 * waiting contacts that waited at most t. */
static sim_status erlang_a_met_fraction(double x, double y, double w, const erlang_a_sums *sums,
                                        double *out)
{
    double s = x + 1.0;
    double yu = y * exp(-w);
    if (y < s) {
        /* P(s, z) = z^s e^-z / Gamma(s + 1) M(s, z), M(s, z) = sum_k z^k / ((s+1)...(s+k));
         * the ratio P(s, yu) / P(s, y) is u^s e^{y(1-u)} M(s, yu) / M(s, y), taken in log
         * form. M(s, y u) = ((x+1)/y) sum_{k>=1} t_k u^(k-1): the series pass summed it. */
        SIM_ASSERT(!isnan(sums->ln_mu_over_s1), "the series starts at k = 0 when y < x + 1");
        double e = -s * w - y * expm1(-w) + sums->ln_mu_over_s1;
        *out = -expm1(e);
        return SIM_OK;
    }
    gsl_sf_result py, pz;
    int st = gsl_sf_gamma_inc_P_e(s, y, &py);
    if (st != GSL_SUCCESS || !(py.val > 0.0))
        return SIM_ENOCONV;
    if (yu >= s) {
        /* Both arguments above the mean: the upper tails are the small, accurate numbers. */
        gsl_sf_result qy, qz;
        st = gsl_sf_gamma_inc_Q_e(s, y, &qy);
        if (st != GSL_SUCCESS)
            return SIM_ENOCONV;
        st = gsl_sf_gamma_inc_Q_e(s, yu, &qz);
        if (st != GSL_SUCCESS)
            return SIM_ENOCONV;
        *out = (qz.val - qy.val) / py.val;
    } else {
        st = gsl_sf_gamma_inc_P_e(s, yu, &pz);
        if (st != GSL_SUCCESS)
            return SIM_ENOCONV;
        *out = (py.val - pz.val) / py.val;
    }
    if (*out < 0.0) /* rounding when t is tiny; the true value is >= 0 */
        *out = 0.0;
    return SIM_OK;
}

sim_status erlang_internal_a_fill(double agents, double rate, double aht_s, double patience_s,
                                  double threshold_s, double ln_r, erlang_result *out)
{
    double a = rate * aht_s;
    double x = agents * patience_s / aht_s;
    double y = rate * patience_s;
    erlang_a_sums sums;
    if (erlang_a_series(x, y, exp(-threshold_s / patience_s), &sums) != SIM_OK)
        return SIM_ENOCONV;
    double p_wait, p_now;
    logistic_pair(ln_r_minus_1(ln_r) - sums.ln_s, &p_wait, &p_now);
    double ab_cond = sums.t_over_ys;
    double served_cond = (x / y) * sums.s_minus_1;
    double met_frac = 0.0;
    if (threshold_s > 0.0 && p_wait > 0.0) {
        if (erlang_a_met_fraction(x, y, threshold_s / patience_s, &sums, &met_frac) != SIM_OK)
            return SIM_ENOCONV;
    }
    double p_answered = p_now + p_wait * served_cond;
    out->agents = agents;
    out->arrival_rate = rate;
    out->offered_load = a;
    out->erlang_b = exp(-ln_r);
    out->p_wait = p_wait;
    out->p_abandon = p_wait * ab_cond;
    out->service_level = p_now + p_wait * served_cond * met_frac;
    out->service_level_answered = out->service_level / p_answered;
    out->asa_s = p_wait * x * patience_s * sums.u_over_s / p_answered;
    out->mean_wait_s = out->p_abandon * patience_s;
    out->wait_if_delayed_s = ab_cond * patience_s;
    out->occupancy = rate * p_answered * aht_s / agents;
    return SIM_OK;
}

static sim_status erlang_a_fill(double agents, double rate, double aht_s, double patience_s,
                                double threshold_s, erlang_result *out)
{
    double ln_r;
    if (erlang_internal_ln_inv_b(agents, rate * aht_s, &ln_r) != SIM_OK)
        return SIM_ENOCONV;
    return erlang_internal_a_fill(agents, rate, aht_s, patience_s, threshold_s, ln_r, out);
}

/* ------------------------------------------------------------------------------ Redials */

typedef struct redial_ctx {
    const erlang_queue *q;
    sim_status status;
} redial_ctx;

static double redial_gap(double rate, void *params)
{
    redial_ctx *ctx = params;
    erlang_result r;
    sim_status st = erlang_a_fill(ctx->q->agents, rate, ctx->q->aht_s, ctx->q->patience_s, 0.0, &r);
    if (st != SIM_OK) {
        ctx->status = st;
        return (double)NAN;
    }
    return rate - ctx->q->arrival_rate - ctx->q->redial_share * rate * r.p_abandon;
}

static sim_status redial_solve(const erlang_queue *q, double *rate_out, sim_error *err)
{
    redial_ctx ctx = {q, SIM_OK};
    double lo = q->arrival_rate;
    double hi = q->arrival_rate / (1.0 - q->redial_share);
    double f_lo = redial_gap(lo, &ctx);
    if (ctx.status != SIM_OK)
        return no_conv(err, "redial_share", q->agents, lo * q->aht_s);
    if (f_lo == 0.0) { /* nobody abandons (underflow): no redials */
        *rate_out = lo;
        return SIM_OK;
    }
    gsl_function fn = {redial_gap, &ctx};
    gsl_root_fsolver *solver = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (solver == NULL)
        return sim_error_set(err, SIM_ENOMEM, "redial_share", "cannot allocate root solver");
    sim_status result = SIM_ENOCONV;
    if (gsl_root_fsolver_set(solver, &fn, lo, hi) == GSL_SUCCESS) {
        for (int iter = 0; iter < 200 && ctx.status == SIM_OK; iter++) {
            if (gsl_root_fsolver_iterate(solver) != GSL_SUCCESS)
                break;
            double a = gsl_root_fsolver_x_lower(solver);
            double b = gsl_root_fsolver_x_upper(solver);
            if (gsl_root_test_interval(a, b, 0.0, 4.0 * DBL_EPSILON) == GSL_SUCCESS) {
                *rate_out = gsl_root_fsolver_root(solver);
                result = SIM_OK;
                break;
            }
        }
    }
    gsl_root_fsolver_free(solver);
    if (result != SIM_OK)
        return sim_error_set(err, SIM_ENOCONV, "redial_share",
                             "the redial fixed point did not converge (rate %.17g, share %g)",
                             q->arrival_rate, q->redial_share);
    return SIM_OK;
}

/* ------------------------------------------------------------------------------ Public */

void erlang_queue_init(erlang_queue *q)
{
    q->arrival_rate = 0.0;
    q->aht_s = 0.0;
    q->patience_s = 0.0;
    q->agents = 0.0;
    q->threshold_s = 20.0;
    q->redial_share = 0.0;
}

sim_status erlang_queue_check(const erlang_queue *q, sim_error *err)
{
    sim_status st = check_positive(q->arrival_rate, "arrival_rate", err);
    if (st == SIM_OK)
        st = check_positive(q->aht_s, "aht_s", err);
    if (st == SIM_OK)
        st = check_positive(q->agents, "agents", err);
    if (st != SIM_OK)
        return st;
    if (q->agents > ERLANG_MAX_AGENTS)
        return sim_error_set(err, SIM_ERANGE, "agents", "must be at most %g, got %g",
                             ERLANG_MAX_AGENTS, q->agents);
    if (!isfinite(q->patience_s) || q->patience_s < 0.0)
        return sim_error_set(err, SIM_EINVAL, "patience_s",
                             "must be a finite number >= 0 (0: no abandonment), got %g",
                             q->patience_s);
    if (!isfinite(q->threshold_s) || q->threshold_s < 0.0)
        return sim_error_set(err, SIM_EINVAL, "threshold_s",
                             "must be a finite number >= 0, got %g", q->threshold_s);
    if (!isfinite(q->redial_share) || q->redial_share < 0.0 || q->redial_share >= 1.0)
        return sim_error_set(err, SIM_EINVAL, "redial_share",
                             "must be in [0, 1), got %g", q->redial_share);
    if (q->redial_share > 0.0 && q->patience_s == 0.0)
        return sim_error_set(err, SIM_EINVAL, "redial_share",
                             "redials need abandonment: set patience_s > 0");
    double load = q->arrival_rate * q->aht_s;
    if (!(load <= ERLANG_MAX_AGENTS))
        return sim_error_set(err, SIM_ERANGE, "arrival_rate",
                             "offered load %g Erlang exceeds %g", load, ERLANG_MAX_AGENTS);
    if (q->patience_s == 0.0 && !(q->agents > load))
        return sim_error_set(err, SIM_EINVAL, "agents",
                             "Erlang C needs more agents than the offered load (%g Erlang), got "
                             "%g: without abandonment the queue grows without bound (give a "
                             "patience for Erlang A)",
                             load, q->agents);
    return SIM_OK;
}

sim_status erlang_eval(const erlang_queue *q, erlang_result *out, sim_error *err)
{
    sim_status st = erlang_queue_check(q, err);
    if (st != SIM_OK)
        return st;
    if (q->patience_s == 0.0) {
        double ln_r;
        if (erlang_internal_ln_inv_b(q->agents, q->arrival_rate * q->aht_s, &ln_r) != SIM_OK)
            return no_conv(err, "agents", q->agents, q->arrival_rate * q->aht_s);
        erlang_internal_c_fill(q->agents, q->arrival_rate, q->aht_s, q->threshold_s, ln_r, out);
        return SIM_OK;
    }
    double rate = q->arrival_rate;
    if (q->redial_share > 0.0) {
        st = redial_solve(q, &rate, err);
        if (st != SIM_OK)
            return st;
    }
    erlang_result r;
    if (erlang_a_fill(q->agents, rate, q->aht_s, q->patience_s, q->threshold_s, &r) != SIM_OK)
        return no_conv(err, "agents", q->agents, rate * q->aht_s);
    *out = r;
    return SIM_OK;
}
