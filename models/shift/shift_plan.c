/* shift_plan.c -- see shift_plan.h; the formulation is written out in docs/scheduling.md.
 *
 * Model (Dantzig 1954 set covering, with Aykin 1996 "implicit" break variables):
 *   x_s        integer >= 0: agents working shift instance s = (template, weekday, start);
 *   b_{s,j,c}  integer >= 0: of those, agents taking break j at candidate start c (only for
 *              breaks with two or more candidate starts; a break with one candidate is fixed
 *              and simply removed from the shift's coverage pattern);
 *   u_k        continuous >= 0, capped variant only: agents short in interval k.
 *   coverage   sum_{s on duty at k} x_s - sum_{(s,j,c) touching k} b_{s,j,c} + u_k >= r_k
 *              for every k with r_k > 0 (rows with r_k = 0 always hold and are left out);
 *   breaks     sum_c b_{s,j,c} - x_s = 0 for every s and variable break j;
 *   counts     min_t <= sum_{s of template t} x_s <= max_t when a bound is set;
 *   caps       sum_s cost_s x_s <= budget; sum_{s on day d} x_s <= N (each d) and
 *              sum_s x_s <= days_per_agent * N (head count N, see shift_plan.h);
 *   objective  min sum_s cost_s x_s, or (capped) min sum_k u_k + eps sum_s cost_s x_s with
 *              eps = 0.5 / (largest cost the caps allow), so cost only breaks ties between
 *              schedules of equal under-coverage (u is integral at an optimum because r and
 *              coverage are).
 * Aykin's formulation is exact: any integer (x, b) splits into individual agents whose
 * breaks lie in their windows, because the windows of one template are disjoint and ordered
 * (checked), so any pairing of break-j and break-(j+1) choices is a valid agent.
 *
 * GLPK: terminal output is switched off around every call (glp_term_out) and restored; every
 * input is validated before GLPK sees it, because GLPK aborts the process on an invalid call
 * (duplicate matrix entries, inverted bounds); every return code is checked.
 */
#define _POSIX_C_SOURCE 200809L
#include "shift_plan.h"

#include <limits.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <glpk.h>

#include "sim_alloc.h"
#include "sim_assert.h"

#define DAY_S 86400.0
#define EPS_T 1e-6 /* seconds: tolerance when aligning times to the interval grid */

static const char *const day_names[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

void shift_plan_opts_default(shift_plan_opts *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->time_limit_s = 60.0;
    opts->mip_gap = 0.01;
    opts->days_per_agent = 5;
}

const char *shift_plan_status_name(shift_plan_status status)
{
    switch (status) {
    case SHIFT_PLAN_OPTIMAL: return "optimal";
    case SHIFT_PLAN_GAP: return "gap";
    case SHIFT_PLAN_TIME_LIMIT: return "time-limit";
    case SHIFT_PLAN_INFEASIBLE: return "infeasible";
    }
    return "unknown";
}

char *shift_plan_format_interval(double interval_s, size_t k, char *buf, size_t n)
{
    double t = (double)k * interval_s;
    size_t day = (size_t)(t / DAY_S) % 7;
    long tod = lround(fmod(t, DAY_S));
    snprintf(buf, n, "%s %02ld:%02ld", day_names[day], tod / 3600, (tod % 3600) / 60);
    return buf;
}

/* ---------------------------------------------------------------------------------------- */
/* Patterns: one per (template, start). Coverage offsets are relative to the first interval
 * the shift covers on day 0; an instance on day d adds d * intervals_per_day (mod week).   */

typedef struct plan_cand {
    double start_rel_s; /* break start after the shift's start */
    size_t first, last; /* offsets touched (clipped to the covered range); first > last: none */
} plan_cand;

typedef struct plan_pattern {
    size_t tmpl, start_index;
    double start_s;
    size_t first;        /* first covered interval of day 0 (may be >= intervals_per_day) */
    size_t n_cov;        /* intervals covered, breaks not yet removed */
    size_t n_cand[SHIFT_PLAN_MAX_BREAKS];
    size_t cand0[SHIFT_PLAN_MAX_BREAKS]; /* index of its first candidate in the flat array */
    double paid_hours, cost;
} plan_pattern;

typedef struct plan_inst {
    size_t pattern;
    unsigned day;
    int col_x;                           /* GLPK column of x_s */
    int col_b[SHIFT_PLAN_MAX_BREAKS];    /* first GLPK column of b_{s,j,.}, 0 when fixed */
} plan_inst;

typedef enum plan_mode { MODE_COST, MODE_CAPPED, MODE_DIAGNOSE } plan_mode;

typedef struct plan_ctx {
    const shift_plan_problem *prob;
    shift_plan_opts opts;
    size_t ipd;                /* intervals per day */
    size_t week;               /* intervals per week */
    size_t *need;              /* [week] ceil(required) */
    plan_pattern *pat;
    size_t n_pat;
    plan_cand *cand;
    size_t n_cand;
    plan_inst *inst;
    size_t n_inst;
    double started;            /* monotonic seconds at the start */
} plan_ctx;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static size_t grid_ceil(double t_s, double dt)
{
    return (size_t)ceil(t_s / dt - EPS_T / dt);
}

static size_t grid_floor(double t_s, double dt)
{
    return (size_t)floor(t_s / dt + EPS_T / dt);
}

static double pattern_paid_hours(const shift_plan_template *t)
{
    double unpaid = 0.0;
    for (size_t j = 0; j < t->n_breaks; j++)
        unpaid += t->breaks[j].paid ? 0.0 : t->breaks[j].length_s;
    return (t->length_s - unpaid) / 3600.0;
}

static double template_cost(const shift_plan_template *t)
{
    return t->cost_eur > 0.0 ? t->cost_eur : t->cost_per_hour_eur * pattern_paid_hours(t);
}

/* Candidate break starts for a shift starting at a (seconds, day 0) whose covered intervals
 * are [c0, c0 + n_cov): the window's earliest start, then every grid point after it up to the
 * latest start. A later start between two grid points touches a superset of the intervals the
 * grid point before it touches, so no other start can be better. Writes up to `cap` entries
 * when out is non-NULL; returns the count. */
static size_t break_candidates(const shift_plan_break *b, double a, size_t c0, size_t n_cov,
                               double dt, plan_cand *out, size_t cap)
{
    size_t n = 0;
    double lo = a + b->earliest_start_s, hi = a + b->latest_start_s;
    size_t g = grid_floor(lo, dt) + 1; /* first grid point strictly after lo */
    double t = lo;
    for (;;) {
        if (out != NULL && n < cap) {
            size_t f = grid_floor(t, dt);
            size_t l = grid_ceil(t + b->length_s, dt);
            l = l > 0 ? l - 1 : 0;
            /* clip to [c0, c0 + n_cov - 1] */
            size_t cf = f < c0 ? c0 : f;
            size_t cl = l > c0 + n_cov - 1 ? c0 + n_cov - 1 : l;
            out[n].start_rel_s = t - a;
            if (cf > cl || l < c0) {
                out[n].first = 1;
                out[n].last = 0;
            } else {
                out[n].first = cf - c0;
                out[n].last = cl - c0;
            }
        }
        n++;
        double next = (double)g * dt;
        if (next > hi + EPS_T)
            break;
        t = next;
        g++;
    }
    return n;
}

/* ---------------------------------------------------------------------------------------- */
/* Validation                                                                               */

static sim_status check_template(const shift_plan_problem *prob, size_t ti, sim_error *err)
{
    const shift_plan_template *t = &prob->templates[ti];
    char path[SIM_ERROR_PATH_MAX];
    const char *name = t->name != NULL ? t->name : "?";
    if (t->name == NULL) {
        snprintf(path, sizeof path, "templates[%zu].name", ti);
        return sim_error_set(err, SIM_EINVAL, path, "a template needs a name");
    }
    if (t->n_starts == 0 || t->n_starts > SHIFT_PLAN_MAX_STARTS || t->start_s == NULL) {
        snprintf(path, sizeof path, "templates[%zu].starts", ti);
        return sim_error_set(err, SIM_EINVAL, path,
                             "template '%s': expected 1 to %d start times, got %zu", name,
                             SHIFT_PLAN_MAX_STARTS, t->n_starts);
    }
    if (!(t->length_s > 0.0 && t->length_s <= DAY_S)) {
        snprintf(path, sizeof path, "templates[%zu].length_s", ti);
        return sim_error_set(err, SIM_EINVAL, path,
                             "template '%s': length %g s is not in (0, 86400]", name,
                             t->length_s);
    }
    int any_day = 0;
    for (int d = 0; d < 7; d++)
        any_day |= t->days[d] != 0;
    if (!any_day) {
        snprintf(path, sizeof path, "templates[%zu].days", ti);
        return sim_error_set(err, SIM_EINVAL, path, "template '%s' has no weekday", name);
    }
    if (t->max_count != SHIFT_PLAN_UNLIMITED && t->min_count > t->max_count) {
        snprintf(path, sizeof path, "templates[%zu].min_count", ti);
        return sim_error_set(err, SIM_EINVAL, path,
                             "template '%s': min_count %zu exceeds max_count %zu", name,
                             t->min_count, t->max_count);
    }
    if (t->min_count > 10000000u ||
        (t->max_count != SHIFT_PLAN_UNLIMITED && t->max_count > 10000000u)) {
        snprintf(path, sizeof path, "templates[%zu].max_count", ti);
        return sim_error_set(err, SIM_EINVAL, path,
                             "template '%s': counts above 10,000,000 are not supported", name);
    }
    if (!isfinite(t->cost_eur) || t->cost_eur < 0.0 || !isfinite(t->cost_per_hour_eur) ||
        t->cost_per_hour_eur < 0.0 || t->cost_eur > 1e9 || t->cost_per_hour_eur > 1e8) {
        snprintf(path, sizeof path, "templates[%zu].cost_eur", ti);
        return sim_error_set(err, SIM_EINVAL, path,
                             "template '%s': costs must be finite, >= 0 and below 1e9", name);
    }
    if (t->n_breaks > SHIFT_PLAN_MAX_BREAKS || (t->n_breaks > 0 && t->breaks == NULL)) {
        snprintf(path, sizeof path, "templates[%zu].breaks", ti);
        return sim_error_set(err, SIM_EINVAL, path, "template '%s': at most %d breaks", name,
                             SHIFT_PLAN_MAX_BREAKS);
    }
    for (size_t j = 0; j < t->n_breaks; j++) {
        const shift_plan_break *b = &t->breaks[j];
        snprintf(path, sizeof path, "templates[%zu].breaks[%zu]", ti, j);
        if (!(isfinite(b->earliest_start_s) && b->earliest_start_s >= 0.0 &&
              isfinite(b->latest_start_s) && b->latest_start_s >= b->earliest_start_s &&
              isfinite(b->length_s) && b->length_s > 0.0))
            return sim_error_set(err, SIM_EINVAL, path,
                                 "template '%s': break %zu needs 0 <= earliest_start_s <= "
                                 "latest_start_s and length_s > 0",
                                 name, j + 1);
        if (b->latest_start_s + b->length_s > t->length_s + EPS_T)
            return sim_error_set(err, SIM_EINVAL, path,
                                 "template '%s': break %zu may end at %g s, after the shift's "
                                 "end at %g s",
                                 name, j + 1, b->latest_start_s + b->length_s, t->length_s);
        if (j + 1 < t->n_breaks &&
            b->latest_start_s + b->length_s > t->breaks[j + 1].earliest_start_s + EPS_T)
            return sim_error_set(err, SIM_EINVAL, path,
                                 "template '%s': break %zu may end after break %zu may start; "
                                 "break windows must be disjoint and in order",
                                 name, j + 1, j + 2);
    }
    if (!(template_cost(t) > 0.0)) {
        snprintf(path, sizeof path, "templates[%zu].cost_eur", ti);
        return sim_error_set(err, SIM_EINVAL, path,
                             "template '%s' costs nothing: give cost_eur or cost_per_hour_eur",
                             name);
    }
    double dt = prob->interval_s;
    for (size_t si = 0; si < t->n_starts; si++) {
        double a = t->start_s[si];
        snprintf(path, sizeof path, "templates[%zu].starts[%zu]", ti, si);
        if (!(isfinite(a) && a >= 0.0 && a < DAY_S))
            return sim_error_set(err, SIM_EINVAL, path,
                                 "template '%s': start %g s is not a time of day in [0, 86400)",
                                 name, a);
        size_t c0 = grid_ceil(a, dt), c1 = grid_floor(a + t->length_s, dt);
        if (c1 <= c0)
            return sim_error_set(err, SIM_EINVAL, path,
                                 "template '%s': starting at %g s it covers no whole %g-s "
                                 "interval",
                                 name, a, dt);
        /* Two breaks of one agent must never touch the same interval, or the model would
         * subtract that agent twice (conservative but wrong by one). */
        for (size_t j = 0; j + 1 < t->n_breaks; j++) {
            size_t last_j = grid_ceil(a + t->breaks[j].latest_start_s + t->breaks[j].length_s,
                                      dt);
            size_t first_next = grid_floor(a + t->breaks[j + 1].earliest_start_s, dt);
            if (last_j > first_next)
                return sim_error_set(err, SIM_EINVAL, path,
                                     "template '%s': starting at %g s, breaks %zu and %zu can "
                                     "fall in the same %g-s interval; separate their windows "
                                     "by at least one interval",
                                     name, a, j + 1, j + 2, dt);
        }
    }
    return SIM_OK;
}

sim_status shift_plan_check(const shift_plan_problem *prob, const shift_plan_opts *opts,
                            sim_error *err)
{
    if (prob == NULL)
        return sim_error_set(err, SIM_EINVAL, "problem", "no problem given");
    double dt = prob->interval_s;
    if (!(isfinite(dt) && dt >= 1.0 && dt <= DAY_S) ||
        fabs(DAY_S / dt - floor(DAY_S / dt + 0.5)) > 1e-9)
        return sim_error_set(err, SIM_EINVAL, "interval_s",
                             "interval %g s must be at least 1 s and divide a day (86400 s)",
                             dt);
    size_t ipd = (size_t)floor(DAY_S / dt + 0.5);
    if (prob->n_intervals != 7 * ipd)
        return sim_error_set(err, SIM_EINVAL, "n_intervals",
                             "expected a week of %zu intervals of %g s, got %zu", 7 * ipd, dt,
                             prob->n_intervals);
    if (prob->required == NULL)
        return sim_error_set(err, SIM_EINVAL, "required", "no requirements given");
    for (size_t k = 0; k < prob->n_intervals; k++) {
        double r = prob->required[k];
        if (!(isfinite(r) && r >= 0.0 && r <= 1e7)) {
            char path[64], when[16];
            snprintf(path, sizeof path, "required[%zu]", k);
            return sim_error_set(err, SIM_EINVAL, path,
                                 "%s: requirement %g is not a number of agents in [0, 1e7]",
                                 shift_plan_format_interval(dt, k, when, sizeof when), r);
        }
    }
    if (prob->n_templates == 0 || prob->templates == NULL)
        return sim_error_set(err, SIM_EINVAL, "templates", "no shift templates given");
    for (size_t t = 0; t < prob->n_templates; t++) {
        sim_status st = check_template(prob, t, err);
        if (st != SIM_OK)
            return st;
    }
    if (opts != NULL) {
        if (!(isfinite(opts->time_limit_s) && opts->time_limit_s > 0.0 &&
              opts->time_limit_s <= 1e6))
            return sim_error_set(err, SIM_EINVAL, "time_limit_s",
                                 "time limit %g s is not in (0, 1e6]", opts->time_limit_s);
        if (!(isfinite(opts->mip_gap) && opts->mip_gap >= 0.0 && opts->mip_gap < 1.0))
            return sim_error_set(err, SIM_EINVAL, "mip_gap", "MIP gap %g is not in [0, 1)",
                                 opts->mip_gap);
        if (!(isfinite(opts->budget_eur) && opts->budget_eur >= 0.0 && opts->budget_eur <= 1e12))
            return sim_error_set(err, SIM_EINVAL, "budget_eur",
                                 "budget %g EUR is not in [0, 1e12] (0 = none)",
                                 opts->budget_eur);
        if (opts->days_per_agent < 1 || opts->days_per_agent > 7)
            return sim_error_set(err, SIM_EINVAL, "days_per_agent",
                                 "days per agent %u is not in 1..7", opts->days_per_agent);
        if (opts->max_headcount > 10000000u)
            return sim_error_set(err, SIM_EINVAL, "max_headcount",
                                 "head count cap %zu is above 10,000,000", opts->max_headcount);
    }
    return SIM_OK;
}

/* ---------------------------------------------------------------------------------------- */
/* Building the patterns and instances                                                      */

static void ctx_fini(plan_ctx *c)
{
    sim_free(c->need);
    sim_free(c->pat);
    sim_free(c->cand);
    sim_free(c->inst);
    memset(c, 0, sizeof *c);
}

static sim_status ctx_init(plan_ctx *c, const shift_plan_problem *prob,
                           const shift_plan_opts *opts, sim_error *err)
{
    memset(c, 0, sizeof *c);
    c->prob = prob;
    c->opts = *opts;
    c->started = now_s();
    double dt = prob->interval_s;
    c->ipd = (size_t)floor(DAY_S / dt + 0.5);
    c->week = 7 * c->ipd;
    c->need = sim_calloc(c->week, sizeof *c->need);
    for (size_t t = 0; t < prob->n_templates; t++) {
        const shift_plan_template *tp = &prob->templates[t];
        c->n_pat += tp->n_starts;
        size_t days = 0;
        for (int d = 0; d < 7; d++)
            days += tp->days[d] != 0;
        c->n_inst += tp->n_starts * days;
    }
    c->pat = sim_calloc(c->n_pat, sizeof *c->pat);
    c->inst = sim_calloc(c->n_inst, sizeof *c->inst);
    if (c->need == NULL || c->pat == NULL || c->inst == NULL)
        goto nomem;
    for (size_t k = 0; k < c->week; k++)
        c->need[k] = (size_t)ceil(prob->required[k] - 1e-9);

    /* Patterns and their break candidates: count, allocate, fill. */
    size_t p = 0;
    for (size_t t = 0; t < prob->n_templates; t++) {
        const shift_plan_template *tp = &prob->templates[t];
        for (size_t s = 0; s < tp->n_starts; s++, p++) {
            plan_pattern *pp = &c->pat[p];
            double a = tp->start_s[s];
            pp->tmpl = t;
            pp->start_index = s;
            pp->start_s = a;
            pp->first = grid_ceil(a, dt);
            pp->n_cov = grid_floor(a + tp->length_s, dt) - pp->first;
            pp->paid_hours = pattern_paid_hours(tp);
            pp->cost = template_cost(tp);
            for (size_t j = 0; j < tp->n_breaks; j++) {
                pp->cand0[j] = c->n_cand;
                pp->n_cand[j] =
                    break_candidates(&tp->breaks[j], a, pp->first, pp->n_cov, dt, NULL, 0);
                c->n_cand += pp->n_cand[j];
            }
        }
    }
    c->cand = sim_calloc(c->n_cand > 0 ? c->n_cand : 1, sizeof *c->cand);
    if (c->cand == NULL)
        goto nomem;
    for (p = 0; p < c->n_pat; p++) {
        plan_pattern *pp = &c->pat[p];
        const shift_plan_template *tp = &prob->templates[pp->tmpl];
        for (size_t j = 0; j < tp->n_breaks; j++)
            break_candidates(&tp->breaks[j], pp->start_s, pp->first, pp->n_cov, dt,
                             &c->cand[pp->cand0[j]], pp->n_cand[j]);
    }
    size_t i = 0;
    for (p = 0; p < c->n_pat; p++) {
        const shift_plan_template *tp = &prob->templates[c->pat[p].tmpl];
        for (unsigned d = 0; d < 7; d++) {
            if (!tp->days[d])
                continue;
            c->inst[i].pattern = p;
            c->inst[i].day = d;
            i++;
        }
    }
    SIM_ASSERT(i == c->n_inst, "instance count mismatch");
    return SIM_OK;
nomem:
    ctx_fini(c);
    return sim_error_set(err, SIM_ENOMEM, "", "out of memory building the shift program");
}

/* Interval of the week for offset o of instance i. */
static size_t inst_interval(const plan_ctx *c, const plan_inst *in, size_t o)
{
    return (c->pat[in->pattern].first + in->day * c->ipd + o) % c->week;
}

/* 1 when offset o of a pattern is taken by a fixed (single-candidate) break. */
static int fixed_break_at(const plan_ctx *c, const plan_pattern *pp, size_t o)
{
    const shift_plan_template *tp = &c->prob->templates[pp->tmpl];
    for (size_t j = 0; j < tp->n_breaks; j++) {
        if (pp->n_cand[j] != 1)
            continue;
        const plan_cand *cd = &c->cand[pp->cand0[j]];
        if (cd->first <= cd->last && o >= cd->first && o <= cd->last)
            return 1;
    }
    return 0;
}

/* 1 when offset o is in a break whatever start the agent's breaks take. */
static int always_break_at(const plan_ctx *c, const plan_pattern *pp, size_t o)
{
    const shift_plan_template *tp = &c->prob->templates[pp->tmpl];
    for (size_t j = 0; j < tp->n_breaks; j++) {
        int all = 1;
        for (size_t q = 0; q < pp->n_cand[j] && all; q++) {
            const plan_cand *cd = &c->cand[pp->cand0[j] + q];
            all = cd->first <= cd->last && o >= cd->first && o <= cd->last;
        }
        if (all)
            return 1;
    }
    return 0;
}

/* Quick infeasibility test of the uncapped model: an interval that needs agents while no
 * template can be on duty then, or while the templates that can add up to fewer agents than
 * it needs (their max_count). Names the first such interval. */
static sim_status precheck_coverable(const plan_ctx *c, sim_error *err)
{
    const shift_plan_problem *prob = c->prob;
    double *cap = sim_calloc(c->week, sizeof *cap);
    unsigned char *seen = sim_calloc(c->week, 1);
    if (cap == NULL || seen == NULL) {
        sim_free(cap);
        sim_free(seen);
        return sim_error_set(err, SIM_ENOMEM, "", "out of memory checking coverage");
    }
    for (size_t t = 0; t < prob->n_templates; t++) {
        const shift_plan_template *tp = &prob->templates[t];
        if (tp->max_count == 0)
            continue;
        memset(seen, 0, c->week);
        for (size_t i = 0; i < c->n_inst; i++) {
            const plan_inst *in = &c->inst[i];
            const plan_pattern *pp = &c->pat[in->pattern];
            if (pp->tmpl != t)
                continue;
            for (size_t o = 0; o < pp->n_cov; o++)
                if (!always_break_at(c, pp, o))
                    seen[inst_interval(c, in, o)] = 1;
        }
        double add = tp->max_count == SHIFT_PLAN_UNLIMITED ? HUGE_VAL : (double)tp->max_count;
        for (size_t k = 0; k < c->week; k++)
            if (seen[k])
                cap[k] += add;
    }
    sim_status st = SIM_OK;
    for (size_t k = 0; k < c->week && st == SIM_OK; k++) {
        if ((double)c->need[k] <= cap[k])
            continue;
        char when[16], path[64];
        shift_plan_format_interval(prob->interval_s, k, when, sizeof when);
        snprintf(path, sizeof path, "required[%zu]", k);
        if (cap[k] == 0.0)
            st = sim_error_set(err, SIM_EINVAL, path,
                               "infeasible: %s (interval %zu) needs %zu agents but no shift "
                               "template is on duty then",
                               when, k, c->need[k]);
        else
            st = sim_error_set(err, SIM_EINVAL, path,
                               "infeasible: %s (interval %zu) needs %zu agents but the "
                               "templates on duty then allow at most %.0f (max_count)",
                               when, k, c->need[k], cap[k]);
    }
    sim_free(cap);
    sim_free(seen);
    return st;
}

/* ---------------------------------------------------------------------------------------- */
/* The integer program                                                                      */

typedef struct plan_lp {
    glp_prob *lp;
    int *cov_row;  /* [week] GLPK row of interval k's coverage, 0 when r_k = 0 */
    int *u_col;    /* [week] GLPK column of u_k, 0 when none */
    int n_rows, n_cols, n_int;
    size_t nnz;
} plan_lp;

/* Largest cost the caps allow (for the tie-break weight of the capped objective). */
static double capped_cost_bound(const plan_ctx *c)
{
    double maxcost = 0.0;
    for (size_t p = 0; p < c->n_pat; p++)
        maxcost = c->pat[p].cost > maxcost ? c->pat[p].cost : maxcost;
    double bound = HUGE_VAL;
    if (c->opts.budget_eur > 0.0)
        bound = c->opts.budget_eur;
    if (c->opts.max_headcount > 0) {
        double hb = (double)c->opts.max_headcount * c->opts.days_per_agent * maxcost;
        bound = hb < bound ? hb : bound;
    }
    return bound;
}

typedef struct plan_search {
    double bound;  /* best node bound seen, -inf before the first */
    plan_ctx *c;
    plan_lp *m;
    plan_mode mode;
    int heur_calls;
    double *sol;   /* [n_cols + 1] heuristic solution (GLPK's 1-based columns) */
    long *cov;     /* [week] coverage of the heuristic solution */
    long *count;   /* [n_templates] shifts per template */
    double heur_best; /* objective of the best heuristic solution handed to GLPK */
    double first_s;   /* seconds from the start to the first accepted heuristic solution */
    double *xval;  /* [n_cols + 1] the node's LP values */
    double *dive;  /* [n_cols + 1] the dive's LP values (x integral), when dive_ok */
    int dive_ok;
    int *ind;      /* [n_cols + 1] row buffers for heur_feasible */
    double *val;
} plan_search;

/* ---- Rounding heuristic ----------------------------------------------------------------
 * GLPK's own heuristics rarely find an incumbent quickly on week-long covering programs
 * (measured: none within 60 s on the 50-template benchmark), so at GLPK's heuristic hook we
 * round the node's LP solution and repair it: x rounded up (capped variant: down), breaks
 * placed agent by agent where the coverage surplus is largest, then shifts added greedily
 * (most uncovered agent-intervals per euro) until every interval is covered (capped: while
 * the caps allow). The result is offered with glp_ios_heur_sol, which GLPK checks and keeps
 * only if it is feasible and better than its incumbent. */

static long surplus_at(const plan_search *h, size_t k)
{
    return h->cov[k] - (long)h->c->need[k];
}

/* Place one agent's break j of instance i where the smallest surplus it touches is largest;
 * returns the candidate index and takes the agent off those intervals. */
static size_t heur_place_break(plan_search *h, const plan_inst *in, size_t j)
{
    const plan_ctx *c = h->c;
    const plan_pattern *pp = &c->pat[in->pattern];
    size_t best = 0;
    long best_val = LONG_MIN;
    for (size_t q = 0; q < pp->n_cand[j]; q++) {
        const plan_cand *cd = &c->cand[pp->cand0[j] + q];
        long v = LONG_MAX;
        for (size_t o = cd->first; o <= cd->last && cd->first <= cd->last; o++) {
            long sv = surplus_at(h, inst_interval(c, in, o));
            v = sv < v ? sv : v;
        }
        if (v > best_val) {
            best_val = v;
            best = q;
        }
    }
    const plan_cand *cd = &c->cand[pp->cand0[j] + best];
    for (size_t o = cd->first; o <= cd->last && cd->first <= cd->last; o++)
        h->cov[inst_interval(c, in, o)]--;
    return best;
}

/* Add n agents to instance i (coverage, breaks, counts, solution vector). */
static void heur_add_duty(plan_search *h, size_t i, long n)
{
    const plan_ctx *c = h->c;
    const plan_inst *in = &c->inst[i];
    const plan_pattern *pp = &c->pat[in->pattern];
    for (size_t o = 0; o < pp->n_cov; o++)
        if (!fixed_break_at(c, pp, o))
            h->cov[inst_interval(c, in, o)] += n;
    h->sol[in->col_x] += (double)n;
    h->count[pp->tmpl] += n;
}

/* Breaks of n agents of instance i: first where the LP put whole agents (colval, may be
 * NULL), then one by one where the surplus is largest. */
static void heur_add_breaks(plan_search *h, size_t i, long n, const double *colval)
{
    const plan_ctx *c = h->c;
    const plan_inst *in = &c->inst[i];
    const plan_pattern *pp = &c->pat[in->pattern];
    const shift_plan_template *tp = &c->prob->templates[pp->tmpl];
    for (size_t j = 0; j < tp->n_breaks; j++) {
        if (in->col_b[j] == 0)
            continue;
        long left = n;
        for (size_t q = 0; q < pp->n_cand[j] && colval != NULL && left > 0; q++) {
            long k = (long)floor(colval[in->col_b[j] + (int)q] + 1e-6);
            k = k < left ? k : left;
            if (k <= 0)
                continue;
            const plan_cand *cd = &c->cand[pp->cand0[j] + q];
            for (size_t o = cd->first; o <= cd->last && cd->first <= cd->last; o++)
                h->cov[inst_interval(c, in, o)] -= k;
            h->sol[in->col_b[j] + (int)q] += (double)k;
            left -= k;
        }
        for (; left > 0; left--) {
            size_t q = heur_place_break(h, in, j);
            h->sol[in->col_b[j] + (int)q] += 1.0;
        }
    }
}

static void heur_add(plan_search *h, size_t i, long n)
{
    heur_add_duty(h, i, n);
    heur_add_breaks(h, i, n, NULL);
}

/* Uncovered agent-intervals one more agent of instance i would cover (breaks ignored). */
static long heur_gain(const plan_search *h, size_t i)
{
    const plan_ctx *c = h->c;
    const plan_inst *in = &c->inst[i];
    const plan_pattern *pp = &c->pat[in->pattern];
    long g = 0;
    for (size_t o = 0; o < pp->n_cov; o++)
        if (!fixed_break_at(c, pp, o) && surplus_at(h, inst_interval(c, in, o)) < 0)
            g++;
    return g;
}

/* Take one agent off instance i if every interval it covers keeps its requirement; its
 * breaks are any combination of candidates that agents of i use. 1 when removed. */
static int heur_try_remove(plan_search *h, size_t i)
{
    const plan_ctx *c = h->c;
    const plan_inst *in = &c->inst[i];
    const plan_pattern *pp = &c->pat[in->pattern];
    const shift_plan_template *tp = &c->prob->templates[pp->tmpl];
    size_t q[SHIFT_PLAN_MAX_BREAKS] = {0};
    size_t nb = tp->n_breaks;
    for (;;) {
        int usable = 1;
        for (size_t j = 0; j < nb && usable; j++)
            usable = in->col_b[j] == 0 || h->sol[in->col_b[j] + (int)q[j]] > 0.5;
        int ok = usable;
        for (size_t o = 0; o < pp->n_cov && ok; o++) {
            if (fixed_break_at(c, pp, o))
                continue;
            int in_break = 0;
            for (size_t j = 0; j < nb && !in_break; j++) {
                if (in->col_b[j] == 0)
                    continue;
                const plan_cand *cd = &c->cand[pp->cand0[j] + q[j]];
                in_break = cd->first <= cd->last && o >= cd->first && o <= cd->last;
            }
            if (!in_break && surplus_at(h, inst_interval(c, in, o)) < 1)
                ok = 0;
        }
        if (ok) {
            for (size_t o = 0; o < pp->n_cov; o++) {
                if (fixed_break_at(c, pp, o))
                    continue;
                int in_break = 0;
                for (size_t j = 0; j < nb && !in_break; j++) {
                    if (in->col_b[j] == 0)
                        continue;
                    const plan_cand *cd = &c->cand[pp->cand0[j] + q[j]];
                    in_break = cd->first <= cd->last && o >= cd->first && o <= cd->last;
                }
                if (!in_break)
                    h->cov[inst_interval(c, in, o)]--;
            }
            for (size_t j = 0; j < nb; j++)
                if (in->col_b[j] != 0)
                    h->sol[in->col_b[j] + (int)q[j]] -= 1.0;
            h->sol[in->col_x] -= 1.0;
            h->count[pp->tmpl]--;
            return 1;
        }
        /* next combination (odometer over the variable breaks) */
        size_t j = 0;
        while (j < nb) {
            if (in->col_b[j] != 0 && q[j] + 1 < pp->n_cand[j]) {
                q[j]++;
                break;
            }
            q[j] = 0;
            j++;
        }
        if (j == nb)
            return 0;
    }
}

static int heur_can_add(const plan_search *h, size_t i, double cost_so_far, const long *per_day,
                        long shifts)
{
    const plan_ctx *c = h->c;
    const plan_pattern *pp = &c->pat[c->inst[i].pattern];
    const shift_plan_template *tp = &c->prob->templates[pp->tmpl];
    if (tp->max_count != SHIFT_PLAN_UNLIMITED && h->count[pp->tmpl] + 1 > (long)tp->max_count)
        return 0;
    if (h->mode == MODE_CAPPED) {
        if (c->opts.budget_eur > 0.0 && cost_so_far + pp->cost > c->opts.budget_eur + 1e-9)
            return 0;
        if (c->opts.max_headcount > 0 &&
            (per_day[c->inst[i].day] + 1 > (long)c->opts.max_headcount ||
             shifts + 1 > (long)(c->opts.max_headcount * c->opts.days_per_agent)))
            return 0;
    }
    return 1;
}

/* Build a heuristic solution from the current LP solution of lp into h->sol. 1 on success. */
static int heur_round(plan_search *h, const double *xval, double theta)
{
    plan_ctx *c = h->c;
    const shift_plan_problem *prob = c->prob;
    memset(h->sol, 0, ((size_t)h->m->n_cols + 1) * sizeof *h->sol);
    memset(h->cov, 0, c->week * sizeof *h->cov);
    memset(h->count, 0, prob->n_templates * sizeof *h->count);
    long per_day[7] = {0}, shifts = 0;
    double cost = 0.0;
    for (size_t i = 0; i < c->n_inst; i++) {
        double v = xval[c->inst[i].col_x];
        /* Round up from a threshold theta: rounding every fraction up over-covers wherever
         * the LP spreads an agent over several starts (measured 5% above the bound on the
         * benchmark); rounding down and repairing does better; the caller tries a few
         * thresholds and keeps the best. */
        long n = (long)floor(v + 1e-6);
        if (v - (double)n >= theta)
            n++;
        if (n <= 0)
            continue;
        const plan_pattern *pp = &c->pat[c->inst[i].pattern];
        const shift_plan_template *tp = &prob->templates[pp->tmpl];
        if (tp->max_count != SHIFT_PLAN_UNLIMITED && h->count[pp->tmpl] + n > (long)tp->max_count)
            n = (long)tp->max_count - h->count[pp->tmpl];
        if (n <= 0)
            continue;
        heur_add_duty(h, i, n);
        per_day[c->inst[i].day] += n;
        shifts += n;
        cost += (double)n * pp->cost;
    }
    /* Breaks after all agents are on duty, so that the surplus they look at is complete. */
    for (size_t i = 0; i < c->n_inst; i++) {
        long n = (long)floor(h->sol[c->inst[i].col_x] + 0.5);
        if (n > 0)
            heur_add_breaks(h, i, n, xval);
    }
    /* Minimum counts: add the template's most useful instances. */
    for (size_t t = 0; t < prob->n_templates; t++) {
        while (h->count[t] < (long)prob->templates[t].min_count) {
            size_t best = SIZE_MAX;
            long best_g = -1;
            for (size_t i = 0; i < c->n_inst; i++) {
                if (c->pat[c->inst[i].pattern].tmpl != t)
                    continue;
                long g = heur_gain(h, i);
                if (g > best_g) {
                    best_g = g;
                    best = i;
                }
            }
            if (best == SIZE_MAX || !heur_can_add(h, best, cost, per_day, shifts))
                return 0;
            heur_add(h, best, 1);
            per_day[c->inst[best].day]++;
            shifts++;
            cost += c->pat[c->inst[best].pattern].cost;
        }
    }
    /* Repair: add the instance covering most short agent-intervals per euro. */
    for (;;) {
        size_t short_k = SIZE_MAX;
        for (size_t k = 0; k < c->week && short_k == SIZE_MAX; k++)
            if (surplus_at(h, k) < 0)
                short_k = k;
        if (short_k == SIZE_MAX)
            break;
        size_t best = SIZE_MAX;
        double best_ratio = 0.0;
        for (size_t i = 0; i < c->n_inst; i++) {
            long g = heur_gain(h, i);
            if (g <= 0 || !heur_can_add(h, i, cost, per_day, shifts))
                continue;
            double ratio = (double)g / c->pat[c->inst[i].pattern].cost;
            if (ratio > best_ratio) {
                best_ratio = ratio;
                best = i;
            }
        }
        if (best == SIZE_MAX)
            break; /* nothing more fits: fine in the capped variant, a failure otherwise */
        heur_add(h, best, 1);
        per_day[c->inst[best].day]++;
        shifts++;
        cost += c->pat[c->inst[best].pattern].cost;
    }
    /* Drop agents that are not needed, dearest shifts first. */
    for (size_t pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < c->n_inst; i++)
            while (h->sol[c->inst[i].col_x] > 0.5 && heur_try_remove(h, i)) {
                per_day[c->inst[i].day]--;
                shifts--;
                cost -= c->pat[c->inst[i].pattern].cost;
            }
    double eps = 0.0;
    if (h->mode == MODE_CAPPED) {
        double cb = capped_cost_bound(c);
        eps = isfinite(cb) && cb > 0.0 ? 0.5 / cb : 0.0;
    }
    double obj = h->mode == MODE_COST ? cost : h->mode == MODE_CAPPED ? eps * cost : 0.0;
    for (size_t k = 0; k < c->week; k++) {
        if (surplus_at(h, k) >= 0)
            continue;
        if (h->m->u_col[k] == 0)
            return 0; /* uncovered and no slack: not a solution */
        h->sol[h->m->u_col[k]] = (double)(-surplus_at(h, k));
        obj += (double)(-surplus_at(h, k));
    }
    if (obj >= h->heur_best - 1e-9)
        return 0;
    h->heur_best = obj;
    return 1;
}

/* GLPK's glp_ios_heur_sol checks integrality and column bounds but not the rows, so every
 * row (cuts included) is checked here before a solution is offered. x is 1-based. */
static int heur_feasible(glp_prob *lp, const double *x, int *ind, double *val)
{
    int n = glp_get_num_cols(lp), mrows = glp_get_num_rows(lp);
    for (int j = 1; j <= n; j++) {
        int type = glp_get_col_type(lp, j);
        double lb = glp_get_col_lb(lp, j), ub = glp_get_col_ub(lp, j);
        if ((type == GLP_LO || type == GLP_DB || type == GLP_FX) && x[j] < lb - 1e-9)
            return 0;
        if ((type == GLP_UP || type == GLP_DB || type == GLP_FX) && x[j] > ub + 1e-9)
            return 0;
    }
    for (int i = 1; i <= mrows; i++) {
        int len = glp_get_mat_row(lp, i, ind, val);
        double act = 0.0;
        for (int k = 1; k <= len; k++)
            act += val[k] * x[ind[k]];
        int type = glp_get_row_type(lp, i);
        double lb = glp_get_row_lb(lp, i), ub = glp_get_row_ub(lp, i);
        double tol = 1e-7 * (1.0 + fabs(act));
        if ((type == GLP_LO || type == GLP_DB || type == GLP_FX) && act < lb - tol)
            return 0;
        if ((type == GLP_UP || type == GLP_DB || type == GLP_FX) && act > ub + tol)
            return 0;
    }
    return 1;
}

/* Try rounding thresholds; offer GLPK the best solution that beats what was offered before
 * (heur_round keeps the last improving one in h->sol, so offer after each improvement). */
static void heur_offer(plan_search *h, glp_tree *tree)
{
    static const double thetas[] = {1.0, 0.8, 0.6, 0.4};
    glp_prob *lp = glp_ios_get_prob(tree);
    for (int j = 1; j <= h->m->n_cols; j++)
        h->xval[j] = glp_get_col_prim(lp, j);
    int n_try = (int)(sizeof thetas / sizeof thetas[0]);
    for (int i = -1; i < n_try; i++) {
        /* i = -1: the dive's schedule (once), then roundings of this node's LP */
        if (i < 0 && !h->dive_ok)
            continue;
        const double *x = i < 0 ? h->dive : h->xval;
        double before = h->heur_best;
        if (!heur_round(h, x, i < 0 ? 1.0 : thetas[i]))
            continue;
        if (heur_feasible(lp, h->sol, h->ind, h->val)) {
            if (glp_ios_heur_sol(tree, h->sol) == 0 && h->first_s < 0.0)
                h->first_s = now_s() - h->c->started;
        } else {
            h->heur_best = before; /* a heuristic slip (say a cap broken by rounding up) */
        }
    }
    h->dive_ok = 0;
}

/* Relax-and-fix dive on a copy of the LP (minimum-cost variant): repeatedly raise the lower
 * bound of the most fractional-up shift variables to their ceiling and re-solve (warm, dual
 * simplex) until every x is integral, within dive_share of the time left. The LP of shift
 * scheduling is nearly integral (on the benchmark the optimum lies within 0.05% of the LP
 * bound), so following it gives far better schedules than rounding once. Breaks are then
 * placed by heur_round. 1 with h->dive filled, 0 when the dive failed or ran out of time. */
static int heur_dive(plan_search *h, glp_prob *lp, double deadline)
{
    const plan_ctx *c = h->c;
    glp_prob *d = glp_create_prob();
    glp_copy_prob(d, lp, GLP_OFF);
    int nr = glp_get_num_rows(lp), nc = glp_get_num_cols(lp);
    for (int i = 1; i <= nr; i++)
        glp_set_row_stat(d, i, glp_get_row_stat(lp, i));
    for (int j = 1; j <= nc; j++)
        glp_set_col_stat(d, j, glp_get_col_stat(lp, j));
    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.msg_lev = GLP_MSG_OFF;
    sm.meth = GLP_DUALP;
    int ok = 0;
    size_t *frac = sim_calloc(c->n_inst, sizeof *frac);
    if (frac == NULL)
        goto done;
    for (int iter = 0; iter < 500; iter++) {
        double left = deadline - now_s();
        if (left < 0.01)
            break;
        sm.tm_lim = (int)fmin(left * 1000.0, (double)INT_MAX);
        if (glp_simplex(d, &sm) != 0 || glp_get_status(d) != GLP_OPT)
            break;
        size_t nf = 0;
        for (size_t i = 0; i < c->n_inst; i++) {
            double v = glp_get_col_prim(d, c->inst[i].col_x);
            if (v - floor(v + 1e-6) > 1e-6)
                frac[nf++] = i;
        }
        if (nf == 0) {
            for (int j = 1; j <= nc; j++)
                h->dive[j] = glp_get_col_prim(d, j);
            ok = 1;
            break;
        }
        /* fix a fifth of the fractional ones (at least one), largest fraction first: a
         * partial selection sort is enough */
        size_t k = nf / 5 > 0 ? nf / 5 : 1;
        for (size_t a = 0; a < k; a++) {
            size_t best = a;
            double bf = -1.0;
            for (size_t b = a; b < nf; b++) {
                double v = glp_get_col_prim(d, c->inst[frac[b]].col_x);
                double f = v - floor(v);
                if (f > bf) {
                    bf = f;
                    best = b;
                }
            }
            size_t t = frac[a];
            frac[a] = frac[best];
            frac[best] = t;
            int col = c->inst[frac[a]].col_x;
            double lb = ceil(glp_get_col_prim(d, col) - 1e-6);
            int type = glp_get_col_type(d, col);
            double ub = glp_get_col_ub(d, col);
            if (type == GLP_DB && ub > lb)
                glp_set_col_bnds(d, col, GLP_DB, lb, ub);
            else if (type == GLP_DB || type == GLP_FX)
                glp_set_col_bnds(d, col, GLP_FX, ub, ub);
            else
                glp_set_col_bnds(d, col, GLP_LO, lb, 0.0);
        }
    }
done:
    sim_free(frac);
    glp_delete_prob(d);
    return ok;
}

static void heur_free(plan_search *h)
{
    sim_free(h->sol);
    sim_free(h->cov);
    sim_free(h->count);
    sim_free(h->ind);
    sim_free(h->val);
    sim_free(h->xval);
    sim_free(h->dive);
    h->xval = NULL;
    h->dive = NULL;
    h->sol = NULL;
    h->cov = NULL;
    h->count = NULL;
    h->ind = NULL;
    h->val = NULL;
}

/* Branch-and-cut callback: remember the best bound (for an honest gap at a time limit) and
 * offer rounded solutions at GLPK's heuristic hook. */
static void plan_callback(glp_tree *tree, void *info)
{
    plan_search *s = info;
    int reason = glp_ios_reason(tree);
    if (reason == GLP_IHEUR && s->sol != NULL && s->heur_calls < 50) {
        s->heur_calls++;
        heur_offer(s, tree);
    }
    if (reason != GLP_ISELECT && reason != GLP_IBINGO && reason != GLP_IPREPRO &&
        reason != GLP_IROWGEN && reason != GLP_IHEUR && reason != GLP_ICUTGEN &&
        reason != GLP_IBRANCH)
        return;
    int p = glp_ios_best_node(tree);
    if (p != 0) {
        double b = glp_ios_node_bound(tree, p);
        if (isfinite(b))
            s->bound = b;
    }
}

static void lp_fini(plan_lp *m)
{
    if (m->lp != NULL)
        glp_delete_prob(m->lp);
    sim_free(m->cov_row);
    sim_free(m->u_col);
    memset(m, 0, sizeof *m);
}

static sim_status lp_build(plan_lp *m, plan_ctx *c, plan_mode mode, sim_error *err)
{
    memset(m, 0, sizeof *m);
    const shift_plan_problem *prob = c->prob;
    int slack = mode != MODE_COST;
    m->cov_row = sim_calloc(c->week, sizeof *m->cov_row);
    m->u_col = sim_calloc(c->week, sizeof *m->u_col);
    if (m->cov_row == NULL || m->u_col == NULL)
        goto nomem;

    /* Columns: x and b per instance, then u. Count nonzeros as we go (sizes first, so that
     * the size limit is checked before GLPK allocates anything). */
    size_t n_cols = 0, nnz = 0, n_rows = 0;
    for (size_t k = 0; k < c->week; k++)
        if (c->need[k] > 0)
            m->cov_row[k] = (int)++n_rows;
    size_t first_break_row = n_rows;
    for (size_t i = 0; i < c->n_inst; i++) {
        plan_inst *in = &c->inst[i];
        const plan_pattern *pp = &c->pat[in->pattern];
        const shift_plan_template *tp = &prob->templates[pp->tmpl];
        in->col_x = (int)++n_cols;
        for (size_t o = 0; o < pp->n_cov; o++)
            nnz += m->cov_row[inst_interval(c, in, o)] != 0 && !fixed_break_at(c, pp, o);
        for (size_t j = 0; j < tp->n_breaks; j++) {
            in->col_b[j] = 0;
            if (pp->n_cand[j] < 2)
                continue;
            in->col_b[j] = (int)n_cols + 1;
            n_cols += pp->n_cand[j];
            n_rows++;          /* sum_c b - x = 0 */
            nnz += 1 + pp->n_cand[j];
            for (size_t q = 0; q < pp->n_cand[j]; q++) {
                const plan_cand *cd = &c->cand[pp->cand0[j] + q];
                for (size_t o = cd->first; o <= cd->last && cd->first <= cd->last; o++)
                    nnz += m->cov_row[inst_interval(c, in, o)] != 0;
            }
        }
        if (n_cols > (size_t)INT_MAX / 2 || nnz > SHIFT_PLAN_MAX_NONZEROS) {
            lp_fini(m);
            return sim_error_set(err, SIM_ELIMIT, "templates",
                                 "the shift program would exceed %u matrix entries; use fewer "
                                 "start times or wider intervals",
                                 SHIFT_PLAN_MAX_NONZEROS);
        }
    }
    size_t n_x_cols = n_cols;
    if (slack)
        for (size_t k = 0; k < c->week; k++)
            if (m->cov_row[k] != 0) {
                m->u_col[k] = (int)++n_cols;
                nnz++;
            }
    size_t first_count_row = n_rows;
    for (size_t t = 0; t < prob->n_templates; t++) {
        const shift_plan_template *tp = &prob->templates[t];
        if (tp->min_count > 0 || tp->max_count != SHIFT_PLAN_UNLIMITED) {
            n_rows++;
            for (size_t i = 0; i < c->n_inst; i++)
                nnz += c->pat[c->inst[i].pattern].tmpl == t;
        }
    }
    int use_budget = mode == MODE_CAPPED && c->opts.budget_eur > 0.0;
    int use_heads = mode == MODE_CAPPED && c->opts.max_headcount > 0;
    if (use_budget) {
        n_rows++;
        nnz += c->n_inst;
    }
    if (use_heads) {
        n_rows += 8;
        nnz += 2 * c->n_inst;
    }
    if (n_rows > (size_t)INT_MAX / 2 || nnz > SHIFT_PLAN_MAX_NONZEROS) {
        lp_fini(m);
        return sim_error_set(err, SIM_ELIMIT, "templates",
                             "the shift program would exceed %u matrix entries",
                             SHIFT_PLAN_MAX_NONZEROS);
    }

    int *ia = sim_malloc_array(nnz + 1, sizeof *ia);
    int *ja = sim_malloc_array(nnz + 1, sizeof *ja);
    double *ar = sim_malloc_array(nnz + 1, sizeof *ar);
    if (ia == NULL || ja == NULL || ar == NULL) {
        sim_free(ia);
        sim_free(ja);
        sim_free(ar);
        goto nomem;
    }

    glp_prob *lp = glp_create_prob();
    m->lp = lp;
    glp_set_obj_dir(lp, GLP_MIN);
    if (n_rows > 0)
        glp_add_rows(lp, (int)n_rows);
    if (n_cols > 0)
        glp_add_cols(lp, (int)n_cols);
    m->n_rows = (int)n_rows;
    m->n_cols = (int)n_cols;
    m->nnz = nnz;

    double eps = 0.0;
    if (mode == MODE_CAPPED) {
        double cb = capped_cost_bound(c);
        eps = isfinite(cb) && cb > 0.0 ? 0.5 / cb : 0.0;
    }

    size_t e = 0;
#define ADD(r, col, v) (e++, ia[e] = (r), ja[e] = (col), ar[e] = (v))
    for (size_t k = 0; k < c->week; k++)
        if (m->cov_row[k] != 0)
            glp_set_row_bnds(lp, m->cov_row[k], GLP_LO, (double)c->need[k], 0.0);
    int row = (int)first_break_row;
    for (size_t i = 0; i < c->n_inst; i++) {
        const plan_inst *in = &c->inst[i];
        const plan_pattern *pp = &c->pat[in->pattern];
        const shift_plan_template *tp = &prob->templates[pp->tmpl];
        glp_set_col_kind(lp, in->col_x, GLP_IV);
        m->n_int++;
        if (tp->max_count == 0)
            glp_set_col_bnds(lp, in->col_x, GLP_FX, 0.0, 0.0);
        else if (tp->max_count != SHIFT_PLAN_UNLIMITED)
            glp_set_col_bnds(lp, in->col_x, GLP_DB, 0.0, (double)tp->max_count);
        else
            glp_set_col_bnds(lp, in->col_x, GLP_LO, 0.0, 0.0);
        double cost = mode == MODE_COST ? pp->cost : mode == MODE_CAPPED ? eps * pp->cost : 0.0;
        glp_set_obj_coef(lp, in->col_x, cost);
        for (size_t o = 0; o < pp->n_cov; o++) {
            int r = m->cov_row[inst_interval(c, in, o)];
            if (r != 0 && !fixed_break_at(c, pp, o))
                ADD(r, in->col_x, 1.0);
        }
        for (size_t j = 0; j < tp->n_breaks; j++) {
            if (in->col_b[j] == 0)
                continue;
            row++;
            glp_set_row_bnds(lp, row, GLP_FX, 0.0, 0.0);
            ADD(row, in->col_x, -1.0);
            for (size_t q = 0; q < pp->n_cand[j]; q++) {
                int col = in->col_b[j] + (int)q;
                glp_set_col_kind(lp, col, GLP_IV);
                m->n_int++;
                glp_set_col_bnds(lp, col, GLP_LO, 0.0, 0.0);
                ADD(row, col, 1.0);
                const plan_cand *cd = &c->cand[pp->cand0[j] + q];
                for (size_t o = cd->first; o <= cd->last && cd->first <= cd->last; o++) {
                    int r = m->cov_row[inst_interval(c, in, o)];
                    if (r != 0)
                        ADD(r, col, -1.0);
                }
            }
        }
    }
    SIM_ASSERT((size_t)row == first_count_row, "break rows miscounted");
    (void)n_x_cols;
    for (size_t k = 0; k < c->week; k++) {
        if (m->u_col[k] == 0)
            continue;
        glp_set_col_bnds(lp, m->u_col[k], GLP_LO, 0.0, 0.0);
        glp_set_obj_coef(lp, m->u_col[k], 1.0);
        ADD(m->cov_row[k], m->u_col[k], 1.0);
    }
    for (size_t t = 0; t < prob->n_templates; t++) {
        const shift_plan_template *tp = &prob->templates[t];
        if (tp->min_count == 0 && tp->max_count == SHIFT_PLAN_UNLIMITED)
            continue;
        row++;
        if (tp->max_count == SHIFT_PLAN_UNLIMITED)
            glp_set_row_bnds(lp, row, GLP_LO, (double)tp->min_count, 0.0);
        else if (tp->min_count == tp->max_count)
            glp_set_row_bnds(lp, row, GLP_FX, (double)tp->min_count, 0.0);
        else
            glp_set_row_bnds(lp, row, GLP_DB, (double)tp->min_count, (double)tp->max_count);
        for (size_t i = 0; i < c->n_inst; i++)
            if (c->pat[c->inst[i].pattern].tmpl == t)
                ADD(row, c->inst[i].col_x, 1.0);
    }
    if (use_budget) {
        row++;
        glp_set_row_bnds(lp, row, GLP_UP, 0.0, c->opts.budget_eur);
        for (size_t i = 0; i < c->n_inst; i++)
            ADD(row, c->inst[i].col_x, c->pat[c->inst[i].pattern].cost);
    }
    if (use_heads) {
        double n = (double)c->opts.max_headcount;
        for (unsigned d = 0; d < 7; d++) {
            row++;
            glp_set_row_bnds(lp, row, GLP_UP, 0.0, n);
            for (size_t i = 0; i < c->n_inst; i++)
                if (c->inst[i].day == d)
                    ADD(row, c->inst[i].col_x, 1.0);
        }
        row++;
        glp_set_row_bnds(lp, row, GLP_UP, 0.0, n * c->opts.days_per_agent);
        for (size_t i = 0; i < c->n_inst; i++)
            ADD(row, c->inst[i].col_x, 1.0);
    }
#undef ADD
    SIM_ASSERT((size_t)row == n_rows, "rows miscounted");
    SIM_ASSERT(e <= nnz, "matrix entries miscounted");
    m->nnz = e;
    if (e > 0)
        glp_load_matrix(lp, (int)e, ia, ja, ar);
    sim_free(ia);
    sim_free(ja);
    sim_free(ar);
    return SIM_OK;
nomem:
    lp_fini(m);
    return sim_error_set(err, SIM_ENOMEM, "", "out of memory building the shift program");
}

typedef struct plan_outcome {
    int lp_status;     /* GLPK status of the relaxation */
    int mip_ret;       /* glp_intopt return code (or -1 when not run) */
    int mip_status;    /* glp_mip_status */
    double lp_obj, bound, obj;
    double lp_s, first_s; /* seconds to the LP optimum and to the first heuristic schedule */
    int timed_out;
} plan_outcome;

/* LP relaxation, then branch and cut. Fills o; returns SIM_OK unless GLPK failed outright. */
static sim_status lp_solve(plan_lp *m, plan_ctx *c, plan_mode mode, double time_limit_s,
                           plan_outcome *o, sim_error *err)
{
    memset(o, 0, sizeof *o);
    o->mip_ret = -1;
    o->bound = -HUGE_VAL;
    double deadline = c->started + time_limit_s;
    double left = deadline - now_s();
    if (left < 0.001)
        left = 0.001;
    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.msg_lev = GLP_MSG_OFF;
    sm.presolve = GLP_OFF;
    sm.tm_lim = (int)fmin(left * 1000.0, (double)INT_MAX);
    int ret = m->n_rows > 0 ? glp_simplex(m->lp, &sm) : 0;
    if (ret == GLP_ETMLIM || ret == GLP_EITLIM) {
        o->timed_out = 1;
        return SIM_OK;
    }
    if (ret != 0)
        return sim_error_set(err, SIM_ENOCONV, "", "GLPK's simplex failed (glp_simplex returned "
                             "%d) on the LP relaxation", ret);
    o->lp_status = m->n_rows > 0 ? glp_get_status(m->lp) : GLP_OPT;
    if (o->lp_status == GLP_NOFEAS || o->lp_status == GLP_INFEAS)
        return SIM_OK;
    if (o->lp_status != GLP_OPT)
        return sim_error_set(err, SIM_ENOCONV, "", "GLPK's LP relaxation ended with status %d",
                             o->lp_status);
    o->lp_obj = m->n_rows > 0 ? glp_get_obj_val(m->lp) : 0.0;
    double lp_done_s = now_s() - c->started;
    o->bound = o->lp_obj;

    plan_search search = {.bound = -HUGE_VAL, .c = c, .m = m, .mode = mode,
                          .heur_best = HUGE_VAL, .first_s = -1.0};
    search.sol = sim_calloc((size_t)m->n_cols + 1, sizeof *search.sol);
    search.cov = sim_calloc(c->week, sizeof *search.cov);
    search.count = sim_calloc(c->prob->n_templates, sizeof *search.count);
    search.ind = sim_calloc((size_t)m->n_cols + 1, sizeof *search.ind);
    search.val = sim_calloc((size_t)m->n_cols + 1, sizeof *search.val);
    search.xval = sim_calloc((size_t)m->n_cols + 1, sizeof *search.xval);
    search.dive = sim_calloc((size_t)m->n_cols + 1, sizeof *search.dive);
    if (search.sol == NULL || search.cov == NULL || search.count == NULL ||
        search.ind == NULL || search.val == NULL || search.xval == NULL ||
        search.dive == NULL) {
        heur_free(&search); /* the heuristic is optional: run without it */
    } else if (mode == MODE_COST) {
        /* The dive gets at most half of the time that is left. */
        double dl = now_s() + 0.5 * (deadline - now_s());
        search.dive_ok = heur_dive(&search, m->lp, dl);
    }
    glp_iocp io;
    glp_init_iocp(&io);
    io.msg_lev = GLP_MSG_OFF;
    io.presolve = GLP_OFF;
    io.mip_gap = c->opts.mip_gap;
    /* Set-covering programs have many near-integral LP optima; the feasibility pump finds an
     * incumbent early, which matters when a time limit cuts the search (measured on the
     * 50-template benchmark: see docs/performance.md). */
    /* GLPK's feasibility pump and pseudocost branching were tried on the benchmark: both
     * spent the whole time limit without an incumbent; our rounding heuristic (above) gives
     * one right after the root LP. Defaults otherwise. */
    io.fp_heur = GLP_OFF;
    io.cb_func = plan_callback;
    io.cb_info = &search;
    left = deadline - now_s();
    if (left < 0.001)
        left = 0.001;
    io.tm_lim = (int)fmin(left * 1000.0, (double)INT_MAX);
    if (m->n_rows == 0) {
        heur_free(&search);
        /* Nothing constrains x: the optimum is all zero. GLPK needs rows for intopt. */
        o->mip_ret = 0;
        o->mip_status = GLP_OPT;
        o->obj = 0.0;
        o->bound = 0.0;
        return SIM_OK;
    }
    o->mip_ret = glp_intopt(m->lp, &io);
    o->first_s = search.first_s;
    o->lp_s = lp_done_s;
    heur_free(&search);
    if (o->mip_ret != 0 && o->mip_ret != GLP_ETMLIM && o->mip_ret != GLP_EMIPGAP)
        return sim_error_set(err, SIM_ENOCONV, "",
                             "GLPK's branch and cut failed (glp_intopt returned %d)",
                             o->mip_ret);
    o->timed_out = o->mip_ret == GLP_ETMLIM;
    o->mip_status = glp_mip_status(m->lp);
    if (o->mip_status == GLP_OPT || o->mip_status == GLP_FEAS)
        o->obj = glp_mip_obj_val(m->lp);
    if (search.bound > o->bound)
        o->bound = search.bound;
    if (o->mip_status == GLP_OPT && o->mip_ret == 0)
        o->bound = o->obj;
    return SIM_OK;
}

static long col_int(glp_prob *lp, int col)
{
    return lround(glp_mip_col_val(lp, col));
}

/* Name the intervals the relaxation-with-slacks cannot cover (infeasible uncapped model). */
static sim_status diagnose_infeasible(plan_ctx *c, sim_error *err)
{
    plan_lp m;
    sim_status st = lp_build(&m, c, MODE_DIAGNOSE, err);
    if (st != SIM_OK)
        return st;
    plan_outcome o;
    double limit = (now_s() - c->started) + fmin(10.0, c->opts.time_limit_s);
    st = lp_solve(&m, c, MODE_DIAGNOSE, limit, &o, err);
    if (st == SIM_OK) {
        int have = o.mip_status == GLP_OPT || o.mip_status == GLP_FEAS;
        size_t first = SIZE_MAX, n_short = 0;
        double total = 0.0;
        for (size_t k = 0; k < c->week && have; k++) {
            if (m.u_col[k] == 0)
                continue;
            double u = glp_mip_col_val(m.lp, m.u_col[k]);
            if (u > 0.5) {
                if (first == SIZE_MAX)
                    first = k;
                n_short++;
                total += u;
            }
        }
        char when[16], path[64];
        if (first != SIZE_MAX) {
            snprintf(path, sizeof path, "required[%zu]", first);
            st = sim_error_set(err, SIM_EINVAL, path,
                               "infeasible: %s (interval %zu) needs %zu agents, but within the "
                               "templates' max_count it can get only %zu; %zu interval(s) "
                               "fall short by %.0f agent-intervals in all",
                               shift_plan_format_interval(c->prob->interval_s, first, when,
                                                          sizeof when),
                               first, c->need[first],
                               c->need[first] - (size_t)lround(glp_mip_col_val(
                                                    m.lp, m.u_col[first])),
                               n_short, total);
        } else {
            st = sim_error_set(err, SIM_EINVAL, "templates",
                               "infeasible: no integer schedule meets every requirement within "
                               "the templates' minimum and maximum counts");
        }
    }
    lp_fini(&m);
    return st;
}

/* Turn the integer solution into rows and coverage. */
static sim_status extract(plan_ctx *c, plan_lp *m, shift_plan *plan, sim_error *err)
{
    const shift_plan_problem *prob = c->prob;
    size_t max_rows = 0;
    for (size_t i = 0; i < c->n_inst; i++) {
        const plan_pattern *pp = &c->pat[c->inst[i].pattern];
        if (col_int(m->lp, c->inst[i].col_x) <= 0)
            continue;
        size_t r = 1;
        for (size_t j = 0; j < prob->templates[pp->tmpl].n_breaks; j++)
            r += pp->n_cand[j];
        max_rows += r;
    }
    plan->rows = sim_calloc(max_rows > 0 ? max_rows : 1, sizeof *plan->rows);
    plan->coverage = sim_calloc(c->week, sizeof *plan->coverage);
    if (plan->rows == NULL || plan->coverage == NULL)
        return sim_error_set(err, SIM_ENOMEM, "", "out of memory reading the schedule");
    size_t per_day[7] = {0};
    for (size_t i = 0; i < c->n_inst; i++) {
        const plan_inst *in = &c->inst[i];
        const plan_pattern *pp = &c->pat[in->pattern];
        const shift_plan_template *tp = &prob->templates[pp->tmpl];
        long n = col_int(m->lp, in->col_x);
        if (n <= 0)
            continue;
        /* Per break: the candidate index of agent a, as cumulative counts. */
        long cnt[SHIFT_PLAN_MAX_BREAKS][64];
        size_t ncand[SHIFT_PLAN_MAX_BREAKS];
        long *heap_cnt[SHIFT_PLAN_MAX_BREAKS] = {NULL};
        sim_status st = SIM_OK;
        for (size_t j = 0; j < tp->n_breaks; j++) {
            ncand[j] = pp->n_cand[j];
            long *v = cnt[j];
            if (ncand[j] > 64) {
                heap_cnt[j] = sim_calloc(ncand[j], sizeof(long));
                if (heap_cnt[j] == NULL) {
                    st = sim_error_set(err, SIM_ENOMEM, "", "out of memory");
                    break;
                }
                v = heap_cnt[j];
            }
            long sum = 0;
            for (size_t q = 0; q < ncand[j]; q++) {
                v[q] = in->col_b[j] == 0 ? n : col_int(m->lp, in->col_b[j] + (int)q);
                sum += v[q];
            }
            if (sum != n)
                st = sim_error_set(err, SIM_ENOCONV, "",
                                   "GLPK returned breaks that do not add up (%ld of %ld)", sum,
                                   n);
        }
        if (st == SIM_OK) {
            size_t qi[SHIFT_PLAN_MAX_BREAKS] = {0};
            long used[SHIFT_PLAN_MAX_BREAKS] = {0};
            for (long a = 0; a < n; a++) {
                /* advance each break's candidate past exhausted ones */
                for (size_t j = 0; j < tp->n_breaks; j++) {
                    const long *v = heap_cnt[j] != NULL ? heap_cnt[j] : cnt[j];
                    while (used[j] >= v[qi[j]]) {
                        used[j] = 0;
                        qi[j]++;
                    }
                    used[j]++;
                }
                shift_plan_row *last =
                    plan->n_plan_rows > 0 ? &plan->rows[plan->n_plan_rows - 1] : NULL;
                int same = last != NULL && a > 0;
                for (size_t j = 0; j < tp->n_breaks && same; j++)
                    same = fabs(last->break_start_s[j] -
                                c->cand[pp->cand0[j] + qi[j]].start_rel_s) < EPS_T;
                if (same) {
                    last->count++;
                } else {
                    SIM_ASSERT(plan->n_plan_rows < max_rows, "plan rows miscounted");
                    shift_plan_row *r = &plan->rows[plan->n_plan_rows++];
                    r->template_index = pp->tmpl;
                    r->day = in->day;
                    r->start_s = pp->start_s;
                    r->count = 1;
                    r->paid_hours = pp->paid_hours;
                    r->cost_eur = pp->cost;
                    for (size_t j = 0; j < tp->n_breaks; j++)
                        r->break_start_s[j] = c->cand[pp->cand0[j] + qi[j]].start_rel_s;
                }
            }
            plan->shifts += (size_t)n;
            per_day[in->day] += (size_t)n;
            plan->paid_hours += (double)n * pp->paid_hours;
            plan->cost_eur += (double)n * pp->cost;
        }
        for (size_t j = 0; j < tp->n_breaks; j++)
            sim_free(heap_cnt[j]);
        if (st != SIM_OK)
            return st;
    }
    size_t maxd = 0;
    for (int d = 0; d < 7; d++)
        maxd = per_day[d] > maxd ? per_day[d] : maxd;
    size_t byweek = (plan->shifts + c->opts.days_per_agent - 1) / c->opts.days_per_agent;
    plan->headcount = maxd > byweek ? maxd : byweek;
    shift_plan_coverage(prob, plan, plan->coverage);
    plan->under_coverage = 0.0;
    for (size_t k = 0; k < c->week; k++)
        if (plan->coverage[k] < c->need[k])
            plan->under_coverage += (double)(c->need[k] - plan->coverage[k]);
    return SIM_OK;
}

void shift_plan_coverage(const shift_plan_problem *prob, const shift_plan *plan,
                         size_t *coverage)
{
    double dt = prob->interval_s;
    size_t ipd = (size_t)floor(DAY_S / dt + 0.5), week = 7 * ipd;
    memset(coverage, 0, week * sizeof *coverage);
    for (size_t r = 0; r < plan->n_plan_rows; r++) {
        const shift_plan_row *row = &plan->rows[r];
        const shift_plan_template *tp = &prob->templates[row->template_index];
        double a = row->start_s;
        size_t c0 = grid_ceil(a, dt), c1 = grid_floor(a + tp->length_s, dt);
        for (size_t k = c0; k < c1; k++) {
            int on = 1;
            for (size_t j = 0; j < tp->n_breaks && on; j++) {
                double bs = a + row->break_start_s[j], be = bs + tp->breaks[j].length_s;
                /* interval [k dt, (k+1) dt) touches [bs, be) */
                on = !((double)k * dt < be - EPS_T && (double)(k + 1) * dt > bs + EPS_T);
            }
            if (on)
                coverage[(k + row->day * ipd) % week] += row->count;
        }
    }
}

void shift_plan_free(shift_plan *plan)
{
    if (plan == NULL)
        return;
    sim_free(plan->coverage);
    sim_free(plan->rows);
    sim_free(plan);
}

sim_status shift_plan_solve(const shift_plan_problem *prob, const shift_plan_opts *opts,
                            shift_plan **out, sim_error *err)
{
    *out = NULL;
    shift_plan_opts o;
    if (opts == NULL)
        shift_plan_opts_default(&o);
    else
        o = *opts;
    sim_status st = shift_plan_check(prob, &o, err);
    if (st != SIM_OK)
        return st;
    int capped = o.budget_eur > 0.0 || o.max_headcount > 0;

    plan_ctx c;
    st = ctx_init(&c, prob, &o, err);
    if (st != SIM_OK)
        return st;
    if (!capped) {
        st = precheck_coverable(&c, err);
        if (st != SIM_OK) {
            ctx_fini(&c);
            return st;
        }
    }
    int term = glp_term_out(GLP_OFF);
    plan_lp m;
    shift_plan *plan = NULL;
    st = lp_build(&m, &c, capped ? MODE_CAPPED : MODE_COST, err);
    if (st != SIM_OK)
        goto done;
    plan_outcome oc;
    st = lp_solve(&m, &c, capped ? MODE_CAPPED : MODE_COST, o.time_limit_s, &oc, err);
    if (st != SIM_OK)
        goto done;
    int infeasible = (oc.mip_ret < 0 && !oc.timed_out) || oc.mip_status == GLP_NOFEAS;
    int have = oc.mip_status == GLP_OPT || oc.mip_status == GLP_FEAS;
    if (infeasible) {
        if (capped) {
            st = sim_error_set(err, SIM_EINVAL, o.budget_eur > 0.0 ? "budget_eur" : "max_headcount",
                               "infeasible: the templates' min_count shifts do not fit within "
                               "the %s",
                               o.budget_eur > 0.0 && o.max_headcount > 0
                                   ? "budget and the head-count cap"
                               : o.budget_eur > 0.0 ? "budget"
                                                    : "head-count cap");
        } else {
            lp_fini(&m);
            st = diagnose_infeasible(&c, err);
            if (st == SIM_OK) /* defensive: the diagnosis always names a cause */
                st = sim_error_set(err, SIM_EINVAL, "templates", "infeasible");
        }
        goto done;
    }
    if (!have) {
        st = sim_error_set(err, SIM_ENOCONV, "time_limit_s",
                           "no schedule found within the time limit of %g s (%s); raise the "
                           "time limit or use fewer start times",
                           o.time_limit_s, oc.timed_out ? "time limit reached" : "no solution");
        goto done;
    }
    plan = sim_calloc(1, sizeof *plan);
    if (plan == NULL) {
        st = sim_error_set(err, SIM_ENOMEM, "", "out of memory");
        goto done;
    }
    plan->capped = capped;
    plan->has_solution = 1;
    plan->n_intervals = c.week;
    plan->interval_s = prob->interval_s;
    plan->n_rows = (size_t)m.n_rows;
    plan->n_cols = (size_t)m.n_cols;
    plan->n_int = (size_t)m.n_int;
    plan->n_nonzeros = m.nnz;
    plan->objective = oc.obj;
    plan->lp_bound = oc.lp_obj;
    plan->lp_s = oc.lp_s;
    plan->first_solution_s = oc.first_s;
    plan->best_bound = oc.bound > oc.obj ? oc.obj : oc.bound;
    plan->gap = (plan->objective - plan->best_bound) / fmax(1.0, fabs(plan->objective));
    if (plan->gap < 0.0)
        plan->gap = 0.0;
    if (oc.mip_ret == 0 && oc.mip_status == GLP_OPT) {
        plan->status = SHIFT_PLAN_OPTIMAL;
        plan->gap = 0.0;
    } else if (oc.mip_ret == GLP_EMIPGAP) {
        plan->status = SHIFT_PLAN_GAP;
    } else {
        plan->status = SHIFT_PLAN_TIME_LIMIT;
    }
    st = extract(&c, &m, plan, err);
    if (st != SIM_OK) {
        shift_plan_free(plan);
        plan = NULL;
        goto done;
    }
    plan->solve_s = now_s() - c.started;
done:
    lp_fini(&m);
    glp_term_out(term);
    ctx_fini(&c);
    *out = plan;
    return st;
}
