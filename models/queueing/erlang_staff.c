/* erlang_staff.c -- see erlang_staff.h.
 *
 * Whole agents, Erlang C: start at the first stable count (floor(load) + 1, or the
 * occupancy bound if higher) with the closed form of erlang.c, then step n -> n + 1 with the
 * forward Erlang B recursion 1/B(n+1) = 1 + (n+1)/a * 1/B(n), which is stable (relative
 * errors shrink by (R - 1)/R per step) and costs one multiply-add, until every target holds.
 * The answer is about a + beta sqrt(a) (Halfin-Whitt), so this is O(sqrt(load)) cheap steps:
 * cheaper than a bisection that calls the incomplete gamma 10-20 times.
 *
 * Whole agents, Erlang A (or with redials): no cheap recursion in n exists (x = n mu/theta
 * moves by mu/theta, not 1), so bracket from a guess by doubling steps, then bisect on whole
 * counts: O(log load) calls of erlang_eval.
 *
 * Fractional agents: the whole answer n* brackets the fractional one in (n* - 1, n*]; each
 * target that fails at the lower end is solved for equality with GSL's Brent method, and the
 * answer is the largest of those roots (taking the upper end of each final bracket, so the
 * answer meets every target rather than missing one by rounding).
 */
#include "erlang_staff.h"

#include <float.h>
#include <math.h>
#include <stdio.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>

#include "erlang_internal.h"

void erlang_staff_target_init(erlang_target *t)
{
    t->service_level = 0.0;
    t->max_asa_s = 0.0;
    t->max_abandon = 0.0;
    t->max_occupancy = 0.0;
    t->shrinkage = 0.0;
}

int erlang_staff_is_met(const erlang_result *r, const erlang_target *t)
{
    if (t->service_level > 0.0 && !(r->service_level >= t->service_level))
        return 0;
    if (t->max_asa_s > 0.0 && !(r->asa_s <= t->max_asa_s))
        return 0;
    if (t->max_abandon > 0.0 && !(r->p_abandon <= t->max_abandon))
        return 0;
    if (t->max_occupancy > 0.0 && !(r->occupancy <= t->max_occupancy))
        return 0;
    return 1;
}

static sim_status check_fraction(double v, const char *path, sim_error *err)
{
    if (!isfinite(v) || v < 0.0 || v > 1.0)
        return sim_error_set(err, SIM_EINVAL, path,
                             "must be a fraction in [0, 1] (0: no target), got %g", v);
    return SIM_OK;
}

static sim_status check_target(const erlang_target *t, sim_error *err)
{
    sim_status st = check_fraction(t->service_level, "target.service_level", err);
    if (st == SIM_OK)
        st = check_fraction(t->max_abandon, "target.max_abandon", err);
    if (st == SIM_OK)
        st = check_fraction(t->max_occupancy, "target.max_occupancy", err);
    if (st != SIM_OK)
        return st;
    if (!isfinite(t->max_asa_s) || t->max_asa_s < 0.0)
        return sim_error_set(err, SIM_EINVAL, "target.max_asa_s",
                             "must be a finite number of seconds >= 0 (0: no target), got %g",
                             t->max_asa_s);
    if (!isfinite(t->shrinkage) || t->shrinkage < 0.0 || t->shrinkage >= 1.0)
        return sim_error_set(err, SIM_EINVAL, "target.shrinkage", "must be in [0, 1), got %g",
                             t->shrinkage);
    if (t->service_level == 0.0 && t->max_asa_s == 0.0 && t->max_abandon == 0.0 &&
        t->max_occupancy == 0.0)
        return sim_error_set(err, SIM_EINVAL, "target",
                             "set at least one of service_level, max_asa_s, max_abandon, "
                             "max_occupancy");
    return SIM_OK;
}

/* Validate q (with a placeholder agent count, since q->agents is an output here) and t. */
static sim_status check_inputs(const erlang_queue *q, const erlang_target *t, sim_error *err)
{
    erlang_queue probe = *q;
    probe.agents = ERLANG_MAX_AGENTS; /* any count above the load passes the Erlang C check */
    sim_status st = erlang_queue_check(&probe, err);
    if (st != SIM_OK)
        return st;
    return check_target(t, err);
}

static sim_status unreachable(sim_error *err)
{
    return sim_error_set(err, SIM_ERANGE, "target",
                         "no staffing up to %g agents meets the targets", ERLANG_MAX_AGENTS);
}

static void finish(double agents, const erlang_result *r, const erlang_target *t,
                   erlang_staffing *out)
{
    out->agents = agents;
    out->staff = agents / (1.0 - t->shrinkage);
    out->at = *r;
}

/* 1/B(k, a) for whole k in [base, base + count), recorded by the Erlang C walk so that the
 * Erlang A search, which evaluates whole counts near the Erlang C answer, need not call the
 * incomplete gamma again (it is most of an evaluation's cost). 8 KB, on the caller's stack. */
#define INV_B_TABLE 1024
typedef struct inv_b_table {
    double base;
    size_t count;
    double r[INV_B_TABLE];
} inv_b_table;

static void table_put(inv_b_table *tab, double n, double r)
{
    if (tab == NULL || !isfinite(r))
        return;
    if (tab->count == 0)
        tab->base = n;
    if (n != tab->base + (double)tab->count || tab->count >= INV_B_TABLE)
        return;
    tab->r[tab->count++] = r;
}

static int table_get(const inv_b_table *tab, double n, double *ln_r)
{
    if (tab == NULL || tab->count == 0 || n != floor(n))
        return 0;
    double i = n - tab->base;
    if (i < 0.0 || i >= (double)tab->count)
        return 0;
    *ln_r = log(tab->r[(size_t)i]);
    return 1;
}

/* Erlang C, whole agents: the forward recursion described at the top of the file. When tab
 * is not NULL (and empty), every 1/B computed on the way is recorded in it. */
static sim_status solve_c_whole(const erlang_queue *q, const erlang_target *t,
                                erlang_staffing *out, sim_error *err, inv_b_table *tab)
{
    double rate = q->arrival_rate;
    double a = rate * q->aht_s;
    double n = floor(a) + 1.0;
    if (t->max_occupancy > 0.0) {
        double m = ceil(a / t->max_occupancy);
        if (m > n)
            n = m;
    }
    if (n > ERLANG_MAX_AGENTS)
        return unreachable(err);
    /* r = 1/B(n): by the recursion from B(0) = 1 while n is small (a few hundred
     * multiply-adds beat one incomplete gamma), else the closed form. */
    double r = HUGE_VAL;
    if (n <= 256.0) {
        r = 1.0;
        for (double k = 1.0; k <= n; k += 1.0) {
            r = 1.0 + k / a * r;
            table_put(tab, k, r);
        }
    }
    double ln_r;
    if (isfinite(r)) {
        ln_r = log(r);
    } else if (erlang_internal_ln_inv_b(n, a, &ln_r) != SIM_OK) {
        return sim_error_set(err, SIM_ENOCONV, "agents", "Erlang B failed at %g agents", n);
    } else if (ln_r < 690.0) {
        table_put(tab, n, exp(ln_r));
    }
    /* While 1/B fits in a double, screen each count with the cheap linear forms (one expm1)
     * and run the full log-space fill (what erlang_eval computes) only where the screen
     * passes; the full fill decides. */
    int linear = ln_r < 690.0;
    if (linear)
        r = exp(ln_r);
    for (;;) {
        int screen = 1;
        if (linear) {
            erlang_result quick;
            double gap = n - a;
            double z = gap / n * (r - 1.0);
            quick.p_wait = 1.0 / (1.0 + z);
            quick.service_level = z / (1.0 + z) +
                                  quick.p_wait * -expm1(-gap * q->threshold_s / q->aht_s);
            quick.asa_s = quick.p_wait * q->aht_s / gap;
            quick.p_abandon = 0.0;
            quick.occupancy = a / n;
            screen = erlang_staff_is_met(&quick, t);
        }
        if (screen) {
            erlang_result res;
            erlang_internal_c_fill(n, rate, q->aht_s, q->threshold_s, linear ? log(r) : ln_r,
                                   &res);
            if (erlang_staff_is_met(&res, t)) {
                finish(n, &res, t, out);
                return SIM_OK;
            }
        }
        if (n + 1.0 > ERLANG_MAX_AGENTS)
            return unreachable(err);
        if (linear) {
            r = 1.0 + (n + 1.0) / a * r;
            table_put(tab, n + 1.0, r);
            if (r > 1e300) {
                linear = 0;
                ln_r = log(r);
            }
        } else { /* R beyond double range: the same step in logs */
            ln_r = ln_r + log((n + 1.0) / a) + log1p(a / (n + 1.0) * exp(-ln_r));
        }
        n += 1.0;
    }
}

static sim_status eval_at(const erlang_queue *q, double n, erlang_result *r, sim_error *err)
{
    erlang_queue probe = *q;
    probe.agents = n;
    return erlang_eval(&probe, r, err);
}

/* erlang_eval at n agents, taking 1/B from tab when it holds n. */
static sim_status eval_a(const erlang_queue *q, double n, const inv_b_table *tab,
                         erlang_result *r, sim_error *err)
{
    double ln_r;
    if (!table_get(tab, n, &ln_r))
        return eval_at(q, n, r, err);
    if (erlang_internal_a_fill(n, q->arrival_rate, q->aht_s, q->patience_s, q->threshold_s,
                               ln_r, r) != SIM_OK)
        return sim_error_set(err, SIM_ENOCONV, "agents", "Erlang A failed at %g agents", n);
    return SIM_OK;
}

/* Erlang A or redials, whole agents: bracket, then bisect. lo always fails (0 is the
 * sentinel "no agents"), hi always meets. */
static sim_status solve_general_whole(const erlang_queue *q, const erlang_target *t,
                                      erlang_staffing *out, sim_error *err, double *hint)
{
    /* Start from the Erlang C answer for the same service-level, ASA and occupancy targets
     * (cheap, by the recursion): with moderate patience Erlang A needs a few agents fewer, so
     * unit steps from there bracket the answer in 2-5 evaluations instead of 10-15 from a
     * blind guess; short patience just makes the doubling steps take over. */
    erlang_queue qc = *q;
    qc.patience_s = 0.0;
    qc.redial_share = 0.0;
    erlang_target tc = *t;
    tc.max_abandon = 0.0;
    erlang_staffing sc;
    double guess;
    inv_b_table tab;
    tab.count = 0;
    /* with redials each evaluation has its own load, so the table does not apply */
    inv_b_table *tabp = q->redial_share > 0.0 ? NULL : &tab;
    int have_c = solve_c_whole(&qc, &tc, &sc, NULL, tabp) == SIM_OK;
    if (!have_c)
        guess = ERLANG_MAX_AGENTS;
    else if (hint != NULL && isfinite(*hint)) /* the neighbouring interval's A - C offset */
        guess = fmin(fmax(1.0, sc.agents + *hint), ERLANG_MAX_AGENTS);
    else
        guess = sc.agents;
    erlang_result res, res_hi;
    sim_status st = eval_a(q, guess, tabp, &res, err);
    if (st != SIM_OK)
        return st;
    double lo, hi;
    double step = 1.0;
    if (erlang_staff_is_met(&res, t)) {
        hi = guess;
        res_hi = res;
        lo = 0.0;
        for (;;) {
            double cand = hi - step;
            if (cand < 1.0)
                break;
            if ((st = eval_a(q, cand, tabp, &res, err)) != SIM_OK)
                return st;
            if (!erlang_staff_is_met(&res, t)) {
                lo = cand;
                break;
            }
            hi = cand;
            res_hi = res;
            step *= 2.0;
        }
    } else {
        lo = guess;
        for (;;) {
            if (lo >= ERLANG_MAX_AGENTS)
                return unreachable(err);
            double cand = fmin(lo + step, ERLANG_MAX_AGENTS);
            if ((st = eval_a(q, cand, tabp, &res, err)) != SIM_OK)
                return st;
            if (erlang_staff_is_met(&res, t)) {
                hi = cand;
                res_hi = res;
                break;
            }
            lo = cand;
            step *= 2.0;
        }
    }
    while (hi - lo > 1.0) {
        double mid = floor(0.5 * (lo + hi));
        if ((st = eval_a(q, mid, tabp, &res, err)) != SIM_OK)
            return st;
        if (erlang_staff_is_met(&res, t)) {
            hi = mid;
            res_hi = res;
        } else {
            lo = mid;
        }
    }
    finish(hi, &res_hi, t, out);
    if (hint != NULL)
        *hint = have_c ? hi - sc.agents : (double)NAN;
    return SIM_OK;
}

/* hint (may be NULL): in, the offset of the Erlang A answer from the Erlang C answer in a
 * similar queue (NAN: none); out, this queue's offset. Only a starting point: the answer
 * is bracketed and exact whatever the hint. */
static sim_status solve_whole(const erlang_queue *q, const erlang_target *t,
                              erlang_staffing *out, sim_error *err, double *hint)
{
    if (q->patience_s == 0.0)
        return solve_c_whole(q, t, out, err, NULL);
    return solve_general_whole(q, t, out, err, hint);
}

sim_status erlang_staff_solve(const erlang_queue *q, const erlang_target *t,
                              erlang_staffing *out, sim_error *err)
{
    sim_status st = check_inputs(q, t, err);
    if (st != SIM_OK)
        return st;
    return solve_whole(q, t, out, err, NULL);
}

/* ------------------------------------------------------------------ fractional agents */

enum target_kind { TK_SL, TK_ASA, TK_ABANDON, TK_OCCUPANCY };

typedef struct frac_ctx {
    const erlang_queue *q;
    enum target_kind kind;
    double goal;
    sim_status status;
    sim_error *err;
} frac_ctx;

/* measure(n) - goal, signed so that it is positive where the target is met. */
static double frac_gap(double n, void *params)
{
    frac_ctx *ctx = params;
    erlang_result r;
    sim_status st = eval_at(ctx->q, n, &r, ctx->err);
    if (st != SIM_OK) {
        ctx->status = st;
        return (double)NAN;
    }
    switch (ctx->kind) {
    case TK_SL: return r.service_level - ctx->goal;
    case TK_ASA: return ctx->goal - r.asa_s;
    case TK_ABANDON: return ctx->goal - r.p_abandon;
    case TK_OCCUPANCY: return ctx->goal - r.occupancy;
    }
    return (double)NAN;
}

/* Smallest n in [lo, hi] where ctx's target holds, given it fails at lo and holds at hi. */
static sim_status frac_root(frac_ctx *ctx, double lo, double hi, double *root)
{
    gsl_function fn = {frac_gap, ctx};
    gsl_root_fsolver *solver = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (solver == NULL)
        return sim_error_set(ctx->err, SIM_ENOMEM, "agents", "cannot allocate root solver");
    sim_status result = SIM_ENOCONV;
    if (gsl_root_fsolver_set(solver, &fn, lo, hi) == GSL_SUCCESS) {
        for (int iter = 0; iter < 200 && ctx->status == SIM_OK; iter++) {
            if (gsl_root_fsolver_iterate(solver) != GSL_SUCCESS)
                break;
            double a = gsl_root_fsolver_x_lower(solver);
            double b = gsl_root_fsolver_x_upper(solver);
            if (gsl_root_test_interval(a, b, 1e-10, 0.0) == GSL_SUCCESS) {
                *root = b; /* the end where the target holds (f(b) >= 0 by bracketing) */
                result = SIM_OK;
                break;
            }
        }
    }
    gsl_root_fsolver_free(solver);
    if (ctx->status != SIM_OK)
        return ctx->status;
    if (result != SIM_OK)
        return sim_error_set(ctx->err, SIM_ENOCONV, "agents",
                             "fractional staffing did not converge in [%g, %g]", lo, hi);
    return SIM_OK;
}

sim_status erlang_staff_solve_fractional(const erlang_queue *q, const erlang_target *t,
                                         erlang_staffing *out, sim_error *err)
{
    sim_status st = check_inputs(q, t, err);
    if (st != SIM_OK)
        return st;
    erlang_staffing whole;
    st = solve_whole(q, t, &whole, err, NULL);
    if (st != SIM_OK)
        return st;
    double hi = whole.agents;
    double lo = hi - 1.0;
    if (q->patience_s == 0.0) {
        double a = q->arrival_rate * q->aht_s;
        if (lo <= a) /* Erlang C is defined only above the load */
            lo = a + 1e-9 * (hi - a);
    } else if (lo <= 0.0) {
        lo = 1e-9 * hi;
    }
    erlang_result at_lo;
    if ((st = eval_at(q, lo, &at_lo, err)) != SIM_OK)
        return st;
    double answer = lo;
    struct {
        enum target_kind kind;
        double goal;
        int active;
    } goals[] = {
        {TK_SL, t->service_level, t->service_level > 0.0},
        {TK_ASA, t->max_asa_s, t->max_asa_s > 0.0},
        {TK_ABANDON, t->max_abandon, t->max_abandon > 0.0 && q->patience_s > 0.0},
        {TK_OCCUPANCY, t->max_occupancy, t->max_occupancy > 0.0},
    };
    for (size_t i = 0; i < sizeof goals / sizeof goals[0]; i++) {
        if (!goals[i].active)
            continue;
        frac_ctx ctx = {q, goals[i].kind, goals[i].goal, SIM_OK, err};
        double g_lo = frac_gap(lo, &ctx);
        if (ctx.status != SIM_OK)
            return ctx.status;
        if (g_lo >= 0.0)
            continue; /* already met at the lower end: not binding */
        double root = hi;
        if ((st = frac_root(&ctx, lo, hi, &root)) != SIM_OK)
            return st;
        if (root > answer)
            answer = root;
    }
    erlang_result res;
    if ((st = eval_at(q, answer, &res, err)) != SIM_OK)
        return st;
    finish(answer, &res, t, out);
    return SIM_OK;
}

/* ------------------------------------------------------------------ profile and chat */

sim_status erlang_staff_profile(const erlang_queue *q, const double *arrival_rate, size_t count,
                                const erlang_target *t, double *agents_out, double *staff_out,
                                sim_error *err)
{
    double hint = (double)NAN;
    for (size_t i = 0; i < count; i++) {
        double rate = arrival_rate[i];
        if (!isfinite(rate) || rate < 0.0) {
            char path[48];
            snprintf(path, sizeof path, "arrival_rate[%zu]", i);
            return sim_error_set(err, SIM_EINVAL, path,
                                 "must be a finite number of contacts per second >= 0, got %g",
                                 rate);
        }
        if (rate == 0.0) {
            agents_out[i] = 0.0;
            if (staff_out != NULL)
                staff_out[i] = 0.0;
            continue;
        }
        erlang_queue qi = *q;
        qi.arrival_rate = rate;
        erlang_staffing s;
        /* Validating every interval costs little next to the search and keeps the message
         * specific to the interval that is wrong. Neighbouring intervals have similar
         * loads, so each passes its Erlang A offset on as the next one's starting hint. */
        sim_status st = check_inputs(&qi, t, err);
        if (st == SIM_OK)
            st = solve_whole(&qi, t, &s, err, &hint);
        if (st != SIM_OK) {
            if (err != NULL) {
                char msg[SIM_ERROR_MESSAGE_MAX];
                snprintf(msg, sizeof msg, "%s", err->message);
                sim_error_set(err, st, err->path, "interval %zu: %s", i, msg);
            }
            return st;
        }
        agents_out[i] = s.agents;
        if (staff_out != NULL)
            staff_out[i] = s.staff;
    }
    return SIM_OK;
}

sim_status erlang_staff_chat(const erlang_queue *q, unsigned concurrency, const erlang_target *t,
                             erlang_staffing *out, sim_error *err)
{
    if (concurrency < 1 || concurrency > 100)
        return sim_error_set(err, SIM_EINVAL, "concurrency",
                             "must be a whole number of chats per agent in [1, 100], got %u",
                             concurrency);
    erlang_staffing slots;
    sim_status st = erlang_staff_solve(q, t, &slots, err);
    if (st != SIM_OK)
        return st;
    double m = (double)concurrency;
    double agents = ceil(slots.agents / m);
    erlang_result res;
    if ((st = eval_at(q, agents * m, &res, err)) != SIM_OK)
        return st;
    finish(agents, &res, t, out);
    return SIM_OK;
}
