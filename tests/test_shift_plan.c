/* test_shift_plan.c -- the shift optimiser against brute force, coverage checks made here
 * (not by the module), infeasible and capped instances, validation messages. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "shift_plan.h"
#include "sim_alloc.h"

#define HOUR 3600.0

/* ---- a small Monday-only instance on a one-hour grid, for brute force ------------------ */

static const double starts_a[] = {8 * HOUR, 9 * HOUR, 10 * HOUR};
static const double starts_b[] = {8 * HOUR, 12 * HOUR};
static const double starts_c[] = {14 * HOUR, 16 * HOUR};
static const shift_plan_break break_b[] = {{3 * HOUR, 5 * HOUR, HOUR, 0}};
static const shift_plan_break break_c[] = {{2 * HOUR, 3 * HOUR, 1800.0, 0}};

static void small_templates(shift_plan_template t[3])
{
    memset(t, 0, 3 * sizeof *t);
    t[0] = (shift_plan_template){.name = "A", .n_starts = 3, .start_s = starts_a,
                                 .length_s = 4 * HOUR, .days = {1}, .max_count =
                                 SHIFT_PLAN_UNLIMITED, .cost_eur = 40.0};
    t[1] = (shift_plan_template){.name = "B", .n_starts = 2, .start_s = starts_b,
                                 .length_s = 8 * HOUR, .n_breaks = 1, .breaks = break_b,
                                 .days = {1}, .max_count = SHIFT_PLAN_UNLIMITED,
                                 .cost_per_hour_eur = 9.0}; /* 7 paid hours: 63 */
    t[2] = (shift_plan_template){.name = "C", .n_starts = 2, .start_s = starts_c,
                                 .length_s = 6 * HOUR, .n_breaks = 1, .breaks = break_c,
                                 .days = {1}, .max_count = 2, .cost_eur = 50.0};
}

/* An agent pattern of the explicit (Dantzig) model: a shift with its breaks placed. */
typedef struct pattern {
    size_t tmpl;
    unsigned char on[168];
    double cost;
} pattern;

/* Enumerate every (template, start, break placement) of the templates on the 1-hour grid,
 * written independently of the module: a break of length L starting at s (relative) takes
 * every hour it touches; candidate starts are whole hours in its window. */
static size_t make_patterns(const shift_plan_template *t, size_t nt, pattern *p)
{
    size_t n = 0;
    for (size_t i = 0; i < nt; i++)
        for (size_t s = 0; s < t[i].n_starts; s++) {
            size_t h0 = (size_t)(t[i].start_s[s] / HOUR), len = (size_t)(t[i].length_s / HOUR);
            double lo = t[i].n_breaks ? t[i].breaks[0].earliest_start_s : 0.0;
            double hi = t[i].n_breaks ? t[i].breaks[0].latest_start_s : 0.0;
            for (double bs = lo; bs <= hi + 1e-9; bs += HOUR) {
                pattern *q = &p[n++];
                memset(q, 0, sizeof *q);
                q->tmpl = i;
                double paid = t[i].length_s;
                for (size_t h = h0; h < h0 + len; h++)
                    q->on[h] = 1;
                if (t[i].n_breaks) {
                    double b0 = t[i].start_s[s] + bs, b1 = b0 + t[i].breaks[0].length_s;
                    for (size_t h = h0; h < h0 + len; h++)
                        if ((double)h * HOUR < b1 && (double)(h + 1) * HOUR > b0)
                            q->on[h] = 0;
                    paid -= t[i].breaks[0].length_s;
                }
                q->cost = t[i].cost_eur > 0 ? t[i].cost_eur : t[i].cost_per_hour_eur * paid / HOUR;
                if (!t[i].n_breaks)
                    break;
            }
        }
    return n;
}

typedef struct brute {
    const pattern *p;
    size_t n;
    const double *req;
    size_t maxc;        /* count bound per pattern */
    size_t tmax[3];     /* max per template */
    double budget;      /* capped: 0 = none */
    size_t heads;       /* capped: 0 = none (Monday only: head count = shifts) */
    int capped;
    int cov[168];
    size_t tcount[3];
    size_t shifts;
    double cost;
    double best_under, best_cost;
} brute;

static void brute_rec(brute *b, size_t i)
{
    if (i == b->n) {
        double under = 0.0;
        for (size_t h = 0; h < 24; h++) {
            double need = ceil(b->req[h]);
            if (b->cov[h] < need)
                under += need - b->cov[h];
        }
        if (!b->capped && under > 0)
            return;
        if (under < b->best_under || (under == b->best_under && b->cost < b->best_cost - 1e-9)) {
            b->best_under = under;
            b->best_cost = b->cost;
        }
        return;
    }
    const pattern *p = &b->p[i];
    size_t added = 0;
    for (size_t c = 0; c <= b->maxc; c++) {
        if (c > 0) {
            if (b->tcount[p->tmpl] + 1 > b->tmax[p->tmpl])
                break;
            if (b->budget > 0 && b->cost + p->cost > b->budget + 1e-9)
                break;
            if (b->heads > 0 && b->shifts + 1 > b->heads)
                break;
            for (size_t h = 0; h < 24; h++)
                b->cov[h] += p->on[h];
            b->tcount[p->tmpl]++;
            b->shifts++;
            b->cost += p->cost;
            added++;
        }
        brute_rec(b, i + 1);
    }
    for (size_t k = 0; k < added; k++) {
        for (size_t h = 0; h < 24; h++)
            b->cov[h] -= p->on[h];
        b->tcount[p->tmpl]--;
        b->shifts--;
        b->cost -= p->cost;
    }
}

static uint64_t lcg(uint64_t *s)
{
    *s = *s * 6364136223846793005u + 1442695040888963407u;
    return *s >> 33;
}

/* Requirement on Monday 08:00-22:00, 0..2 agents, from a seed. */
static void random_requirement(uint64_t seed, double *req)
{
    memset(req, 0, 168 * sizeof *req);
    for (size_t h = 8; h < 22; h++)
        req[h] = (double)(lcg(&seed) % 3);
}

/* Check a plan with code of this file only: templates' days, starts and break windows,
 * coverage recomputed here equals plan->coverage and meets every requirement (unless capped),
 * counts within bounds, cost and paid hours add up. */
static void check_plan(const shift_plan_problem *pr, const shift_plan *plan, int capped)
{
    size_t week = pr->n_intervals, ipd = week / 7;
    double dt = pr->interval_s;
    size_t *cov = calloc(week, sizeof *cov);
    size_t *count = calloc(pr->n_templates, sizeof *count);
    assert_non_null(cov);
    assert_non_null(count);
    double cost = 0.0, paid = 0.0;
    for (size_t r = 0; r < plan->n_plan_rows; r++) {
        const shift_plan_row *row = &plan->rows[r];
        assert_true(row->template_index < pr->n_templates);
        const shift_plan_template *t = &pr->templates[row->template_index];
        assert_true(row->day < 7);
        assert_true(t->days[row->day]);
        int start_ok = 0;
        for (size_t s = 0; s < t->n_starts; s++)
            start_ok |= fabs(t->start_s[s] - row->start_s) < 1e-9;
        assert_true(start_ok);
        assert_true(row->count > 0);
        double unpaid = 0.0;
        for (size_t j = 0; j < t->n_breaks; j++) {
            assert_true(row->break_start_s[j] >= t->breaks[j].earliest_start_s - 1e-9);
            assert_true(row->break_start_s[j] <= t->breaks[j].latest_start_s + 1e-9);
            unpaid += t->breaks[j].paid ? 0 : t->breaks[j].length_s;
        }
        count[row->template_index] += row->count;
        double c = t->cost_eur > 0 ? t->cost_eur : t->cost_per_hour_eur * (t->length_s - unpaid) / HOUR;
        cost += c * (double)row->count;
        paid += (t->length_s - unpaid) / HOUR * (double)row->count;
        /* on duty for whole intervals inside [start, start + length), not touching a break */
        double a = (double)row->day * 86400.0 + row->start_s;
        for (size_t k = 0; k < 2 * week; k++) {
            double k0 = (double)k * dt, k1 = k0 + dt;
            if (k0 < a - 1e-9 || k1 > a + t->length_s + 1e-9)
                continue;
            int on = 1;
            for (size_t j = 0; j < t->n_breaks; j++) {
                double b0 = a + row->break_start_s[j], b1 = b0 + t->breaks[j].length_s;
                if (k0 < b1 - 1e-9 && k1 > b0 + 1e-9)
                    on = 0;
            }
            if (on)
                cov[k % week] += row->count;
        }
    }
    (void)ipd;
    for (size_t t = 0; t < pr->n_templates; t++) {
        assert_true(count[t] >= pr->templates[t].min_count);
        if (pr->templates[t].max_count != SHIFT_PLAN_UNLIMITED)
            assert_true(count[t] <= pr->templates[t].max_count);
    }
    double under = 0.0;
    for (size_t k = 0; k < week; k++) {
        assert_int_equal(cov[k], plan->coverage[k]);
        double need = ceil(pr->required[k] - 1e-9);
        if (!capped)
            assert_true((double)cov[k] >= need);
        if ((double)cov[k] < need)
            under += need - (double)cov[k];
    }
    assert_true(fabs(under - plan->under_coverage) < 1e-9);
    assert_true(fabs(cost - plan->cost_eur) < 1e-6);
    assert_true(fabs(paid - plan->paid_hours) < 1e-6);
    free(cov);
    free(count);
}

static void small_problem(shift_plan_problem *pr, shift_plan_template *t, double *req)
{
    small_templates(t);
    *pr = (shift_plan_problem){.interval_s = HOUR, .n_intervals = 168, .required = req,
                               .n_templates = 3, .templates = t};
}

static void plan_should_match_brute_force_minimum_cost_on_small_instances(void **state)
{
    (void)state;
    shift_plan_template t[3];
    double req[168];
    shift_plan_problem pr;
    small_problem(&pr, t, req);
    pattern pats[32];
    size_t np = make_patterns(t, 3, pats);
    assert_int_equal(np, 3 + 2 * 3 + 2 * 2);
    for (uint64_t seed = 1; seed <= 12; seed++) {
        random_requirement(seed, req);
        brute b = {.p = pats, .n = np, .req = req, .maxc = 2,
                   .tmax = {SIZE_MAX, SIZE_MAX, 2}, .best_under = HUGE_VAL,
                   .best_cost = HUGE_VAL};
        brute_rec(&b, 0);
        shift_plan *plan = NULL;
        sim_error err;
        shift_plan_opts o;
        shift_plan_opts_default(&o);
        o.mip_gap = 0.0; /* prove optimality: the default stops at 1% */
        sim_status st = shift_plan_solve(&pr, &o, &plan, &err);
        if (b.best_under == HUGE_VAL) {
            assert_int_equal(st, SIM_EINVAL);
            continue;
        }
        if (st != SIM_OK)
            fail_msg("seed %llu: %s", (unsigned long long)seed, err.message);
        assert_int_equal(plan->status, SHIFT_PLAN_OPTIMAL);
        assert_true(fabs(plan->cost_eur - b.best_cost) < 1e-6);
        assert_true(fabs(plan->objective - b.best_cost) < 1e-6);
        assert_true(plan->lp_bound <= plan->cost_eur + 1e-6);
        assert_true(plan->gap == 0.0);
        check_plan(&pr, plan, 0);
        shift_plan_free(plan);
    }
}

static void capped_plan_should_match_brute_force_least_under_coverage(void **state)
{
    (void)state;
    shift_plan_template t[3];
    double req[168];
    shift_plan_problem pr;
    small_problem(&pr, t, req);
    pattern pats[32];
    size_t np = make_patterns(t, 3, pats);
    for (uint64_t seed = 3; seed <= 10; seed++) {
        random_requirement(seed, req);
        for (int variant = 0; variant < 2; variant++) {
            shift_plan_opts o;
            shift_plan_opts_default(&o);
            o.mip_gap = 0.0;
            brute b = {.p = pats, .n = np, .req = req, .maxc = 2,
                       .tmax = {SIZE_MAX, SIZE_MAX, 2}, .capped = 1, .best_under = HUGE_VAL,
                       .best_cost = HUGE_VAL};
            if (variant == 0) {
                o.budget_eur = 170.0;
                b.budget = 170.0;
            } else {
                o.max_headcount = 3; /* Monday only: head count = shifts */
                b.heads = 3;
            }
            brute_rec(&b, 0);
            shift_plan *plan = NULL;
            sim_error err;
            if (shift_plan_solve(&pr, &o, &plan, &err) != SIM_OK)
                fail_msg("seed %llu: %s", (unsigned long long)seed, err.message);
            assert_int_equal(plan->status, SHIFT_PLAN_OPTIMAL);
            assert_true(plan->capped);
            assert_true(fabs(plan->under_coverage - b.best_under) < 1e-9);
            assert_true(fabs(plan->cost_eur - b.best_cost) < 1e-6);
            if (variant == 0)
                assert_true(plan->cost_eur <= 170.0 + 1e-9);
            else
                assert_true(plan->headcount <= 3);
            check_plan(&pr, plan, 1);
            shift_plan_free(plan);
        }
    }
}

/* ---- a week on a 15-minute grid ------------------------------------------------------- */

static const double day_starts[] = {7 * HOUR, 7.5 * HOUR, 8 * HOUR, 9 * HOUR, 10 * HOUR};
static const double late_starts[] = {12 * HOUR, 13 * HOUR, 14 * HOUR};
static const double night_starts[] = {22 * HOUR};
static const shift_plan_break day_breaks[] = {{2 * HOUR, 3 * HOUR, 900.0, 1},
                                              {4 * HOUR, 5.5 * HOUR, 1800.0, 0}};
static const shift_plan_break late_breaks[] = {{3 * HOUR, 5 * HOUR, 1800.0, 0}};

static void week_templates(shift_plan_template t[4])
{
    memset(t, 0, 4 * sizeof *t);
    t[0] = (shift_plan_template){.name = "day", .n_starts = 5, .start_s = day_starts,
                                 .length_s = 8.5 * HOUR, .n_breaks = 2, .breaks = day_breaks,
                                 .days = {1, 1, 1, 1, 1, 1, 0}, .max_count =
                                 SHIFT_PLAN_UNLIMITED, .cost_per_hour_eur = 30.0};
    t[1] = (shift_plan_template){.name = "late", .n_starts = 3, .start_s = late_starts,
                                 .length_s = 8.5 * HOUR, .n_breaks = 1, .breaks = late_breaks,
                                 .days = {1, 1, 1, 1, 1, 1, 1}, .max_count =
                                 SHIFT_PLAN_UNLIMITED, .cost_per_hour_eur = 33.0};
    t[2] = (shift_plan_template){.name = "part", .n_starts = 3, .start_s = late_starts,
                                 .length_s = 4 * HOUR, .days = {1, 1, 1, 1, 1, 1, 1},
                                 .min_count = 3, .max_count = 20, .cost_eur = 130.0};
    t[3] = (shift_plan_template){.name = "night", .n_starts = 1, .start_s = night_starts,
                                 .length_s = 8 * HOUR, .days = {0, 0, 0, 0, 0, 0, 1},
                                 .max_count = SHIFT_PLAN_UNLIMITED, .cost_eur = 400.0};
}

static void week_requirement(double *req)
{
    for (size_t k = 0; k < 672; k++) {
        size_t day = k / 96, q = k % 96;
        double h = (double)q / 4.0;
        double r = 0.0;
        if (h >= 8.0 && h < 21.0 && day < 6)
            r = 4.0 + 6.0 * exp(-(h - 11.0) * (h - 11.0) / 6.0) +
                4.0 * exp(-(h - 19.0) * (h - 19.0) / 3.0);
        if (day == 6 && h >= 12 && h < 20)
            r = 2.5;
        req[k] = r;
    }
    req[0 * 96 + 2 * 4] = 1.0; /* Monday 02:00: only Sunday's night shift can cover it */
}

static void plan_should_cover_every_interval_with_breaks_excluded(void **state)
{
    (void)state;
    shift_plan_template t[4];
    week_templates(t);
    double req[672];
    week_requirement(req);
    shift_plan_problem pr = {.interval_s = 900.0, .n_intervals = 672, .required = req,
                             .n_templates = 4, .templates = t};
    shift_plan *plan = NULL;
    sim_error err;
    if (shift_plan_solve(&pr, NULL, &plan, &err) != SIM_OK)
        fail_msg("%s: %s", err.path, err.message);
    assert_true(plan->status == SHIFT_PLAN_OPTIMAL || plan->status == SHIFT_PLAN_GAP);
    assert_true(plan->gap <= 0.01 + 1e-12);
    check_plan(&pr, plan, 0);
    /* the module's own recomputation agrees */
    size_t cov[672];
    shift_plan_coverage(&pr, plan, cov);
    assert_memory_equal(cov, plan->coverage, sizeof cov);
    /* Sunday's night shift covers Monday 02:00 across the week's wrap */
    assert_true(plan->coverage[8] >= 1);
    /* head count rule: max over days and ceil(shifts / 5) */
    assert_true(plan->headcount * 5 >= plan->shifts);
    assert_true(plan->lp_bound <= plan->cost_eur + 1e-6);
    shift_plan_free(plan);
}

static void plan_should_place_breaks_where_the_requirement_dips(void **state)
{
    (void)state;
    /* Two agents, 8 hours from 08:00, one 30-minute break in [2 h, 4 h]; the requirement is 2
     * all day except 1 at 10:30 and 11:30: the only schedule of two agents puts one break at
     * each dip. */
    static const double st[] = {8 * HOUR};
    static const shift_plan_break br[] = {{2 * HOUR, 4 * HOUR, 1800.0, 0}};
    shift_plan_template t = {.name = "eight", .n_starts = 1, .start_s = st, .length_s = 8 * HOUR,
                             .n_breaks = 1, .breaks = br, .days = {1},
                             .max_count = SHIFT_PLAN_UNLIMITED, .cost_eur = 100.0};
    double req[336] = {0};
    for (size_t k = 16; k < 32; k++) /* Monday 08:00-16:00 on a 30-minute grid */
        req[k] = 2.0;
    req[21] = 1.0; /* 10:30 */
    req[23] = 1.0; /* 11:30 */
    shift_plan_problem pr = {.interval_s = 1800.0, .n_intervals = 336, .required = req,
                             .n_templates = 1, .templates = &t};
    shift_plan *plan = NULL;
    sim_error err;
    shift_plan_opts o;
    shift_plan_opts_default(&o);
    o.mip_gap = 0.0;
    assert_int_equal(shift_plan_solve(&pr, &o, &plan, &err), SIM_OK);
    assert_int_equal(plan->status, SHIFT_PLAN_OPTIMAL);
    assert_int_equal(plan->shifts, 2);
    assert_int_equal(plan->n_plan_rows, 2);
    double b0 = plan->rows[0].break_start_s[0], b1 = plan->rows[1].break_start_s[0];
    assert_true((fabs(b0 - 2.5 * HOUR) < 1e-9 && fabs(b1 - 3.5 * HOUR) < 1e-9) ||
                (fabs(b1 - 2.5 * HOUR) < 1e-9 && fabs(b0 - 3.5 * HOUR) < 1e-9));
    check_plan(&pr, plan, 0);
    shift_plan_free(plan);
}

static void infeasible_plan_should_name_the_interval_no_template_covers(void **state)
{
    (void)state;
    shift_plan_template t[4];
    week_templates(t);
    double req[672];
    week_requirement(req);
    req[2 * 96 + 3 * 4] = 2.0; /* Wednesday 03:00 */
    shift_plan_problem pr = {.interval_s = 900.0, .n_intervals = 672, .required = req,
                             .n_templates = 4, .templates = t};
    shift_plan *plan = (shift_plan *)&pr; /* must be reset to NULL */
    sim_error err;
    assert_int_equal(shift_plan_solve(&pr, NULL, &plan, &err), SIM_EINVAL);
    assert_null(plan);
    assert_string_equal(err.path, "required[204]");
    assert_non_null(strstr(err.message, "infeasible"));
    assert_non_null(strstr(err.message, "Wed 03:00"));
    assert_non_null(strstr(err.message, "no shift template"));
}

static void infeasible_plan_should_name_an_interval_short_under_max_counts(void **state)
{
    (void)state;
    /* One template, two starts, at most 3 shifts a week: Monday 08:00 and Monday 16:00 each
     * need 2. Each interval alone could get 3, together they need 4. */
    static const double st[] = {8 * HOUR, 16 * HOUR};
    shift_plan_template t = {.name = "short", .n_starts = 2, .start_s = st, .length_s = HOUR,
                             .days = {1}, .max_count = 3, .cost_eur = 10.0};
    double req[168] = {0};
    req[8] = 2.0;
    req[16] = 2.0;
    shift_plan_problem pr = {.interval_s = HOUR, .n_intervals = 168, .required = req,
                             .n_templates = 1, .templates = &t};
    shift_plan *plan = NULL;
    sim_error err;
    assert_int_equal(shift_plan_solve(&pr, NULL, &plan, &err), SIM_EINVAL);
    assert_null(plan);
    assert_non_null(strstr(err.message, "infeasible"));
    assert_true(strstr(err.message, "Mon 08:00") != NULL || strstr(err.message, "Mon 16:00") != NULL);
    assert_non_null(strstr(err.message, "max_count"));
    /* and a single interval above every template's max is caught before solving */
    req[16] = 0.0;
    req[8] = 4.0;
    assert_int_equal(shift_plan_solve(&pr, NULL, &plan, &err), SIM_EINVAL);
    assert_string_equal(err.path, "required[8]");
    assert_non_null(strstr(err.message, "at most 3"));
}

static void capped_plan_should_say_when_minimum_counts_exceed_the_budget(void **state)
{
    (void)state;
    shift_plan_template t[4];
    week_templates(t);
    double req[672];
    week_requirement(req);
    shift_plan_problem pr = {.interval_s = 900.0, .n_intervals = 672, .required = req,
                             .n_templates = 4, .templates = t};
    shift_plan_opts o;
    shift_plan_opts_default(&o);
    o.budget_eur = 200.0; /* "part" needs 3 x 130 */
    shift_plan *plan = NULL;
    sim_error err;
    assert_int_equal(shift_plan_solve(&pr, &o, &plan, &err), SIM_EINVAL);
    assert_string_equal(err.path, "budget_eur");
    assert_non_null(strstr(err.message, "min_count"));
}

static void plan_should_report_a_time_limit_without_a_schedule_as_an_error(void **state)
{
    (void)state;
    shift_plan_template t[4];
    week_templates(t);
    double req[672];
    week_requirement(req);
    shift_plan_problem pr = {.interval_s = 900.0, .n_intervals = 672, .required = req,
                             .n_templates = 4, .templates = t};
    shift_plan_opts o;
    shift_plan_opts_default(&o);
    o.time_limit_s = 1e-6;
    shift_plan *plan = NULL;
    sim_error err;
    sim_status st = shift_plan_solve(&pr, &o, &plan, &err);
    if (st == SIM_OK) { /* a very fast machine: then it must not claim more than it proved */
        assert_true(plan->status == SHIFT_PLAN_TIME_LIMIT || plan->gap == 0.0);
        shift_plan_free(plan);
    } else {
        assert_int_equal(st, SIM_ENOCONV);
        assert_non_null(strstr(err.message, "time limit"));
    }
}

static void plan_should_reject_invalid_input_naming_the_field(void **state)
{
    (void)state;
    shift_plan_template t[3];
    double req[168] = {0};
    shift_plan_problem pr;
    small_problem(&pr, t, req);
    sim_error err;
    shift_plan *plan = NULL;

    pr.interval_s = 7000.0; /* does not divide a day */
    assert_int_equal(shift_plan_solve(&pr, NULL, &plan, &err), SIM_EINVAL);
    assert_string_equal(err.path, "interval_s");
    pr.interval_s = HOUR;

    req[5] = -1.0;
    assert_int_equal(shift_plan_check(&pr, NULL, &err), SIM_EINVAL);
    assert_string_equal(err.path, "required[5]");
    assert_non_null(strstr(err.message, "Mon 05:00"));
    req[5] = 0.0;

    shift_plan_break bad[2] = {{HOUR, 3 * HOUR, HOUR, 0}, {3.5 * HOUR, 4 * HOUR, HOUR, 0}};
    t[1].breaks = bad;
    t[1].n_breaks = 2; /* break 1 may end at 4 h, break 2 may start at 3.5 h */
    assert_int_equal(shift_plan_check(&pr, NULL, &err), SIM_EINVAL);
    assert_string_equal(err.path, "templates[1].breaks[0]");
    assert_non_null(strstr(err.message, "'B'"));
    bad[1].earliest_start_s = 7.5 * HOUR; /* ends after the 8-hour shift */
    bad[1].latest_start_s = 7.5 * HOUR;
    assert_int_equal(shift_plan_check(&pr, NULL, &err), SIM_EINVAL);
    assert_string_equal(err.path, "templates[1].breaks[1]");
    t[1].breaks = break_b;
    t[1].n_breaks = 1;

    t[0].cost_eur = 0.0; /* and no cost per hour */
    assert_int_equal(shift_plan_check(&pr, NULL, &err), SIM_EINVAL);
    assert_string_equal(err.path, "templates[0].cost_eur");
    t[0].cost_eur = 40.0;

    memset(t[2].days, 0, sizeof t[2].days);
    assert_int_equal(shift_plan_check(&pr, NULL, &err), SIM_EINVAL);
    assert_string_equal(err.path, "templates[2].days");
    t[2].days[0] = 1;

    t[2].min_count = 3; /* max 2 */
    assert_int_equal(shift_plan_check(&pr, NULL, &err), SIM_EINVAL);
    assert_string_equal(err.path, "templates[2].min_count");
    t[2].min_count = 0;

    shift_plan_opts o;
    shift_plan_opts_default(&o);
    o.mip_gap = 1.5;
    assert_int_equal(shift_plan_check(&pr, &o, &err), SIM_EINVAL);
    assert_string_equal(err.path, "mip_gap");
    assert_int_equal(shift_plan_check(&pr, NULL, &err), SIM_OK);
}

static void plan_should_leave_nothing_behind_when_an_allocation_fails(void **state)
{
    (void)state;
    shift_plan_template t[3];
    double req[168];
    shift_plan_problem pr;
    small_problem(&pr, t, req);
    random_requirement(5, req);
    int ok = 0;
    for (long n = 1; n < 200 && !ok; n++) {
        sim_alloc_fail_after(n, 0);
        shift_plan *plan = NULL;
        sim_error err;
        sim_status st = shift_plan_solve(&pr, NULL, &plan, &err);
        sim_alloc_fail_after(0, 0);
        if (st == SIM_OK) {
            ok = 1;
            shift_plan_free(plan);
        } else {
            assert_int_equal(st, SIM_ENOMEM);
            assert_null(plan);
        }
    }
    assert_true(ok);
}

static void format_interval_should_name_the_weekday_and_time(void **state)
{
    (void)state;
    char buf[16];
    assert_string_equal(shift_plan_format_interval(900.0, 0, buf, sizeof buf), "Mon 00:00");
    assert_string_equal(shift_plan_format_interval(900.0, 122, buf, sizeof buf), "Tue 06:30");
    assert_string_equal(shift_plan_format_interval(900.0, 671, buf, sizeof buf), "Sun 23:45");
    assert_string_equal(shift_plan_status_name(SHIFT_PLAN_TIME_LIMIT), "time-limit");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plan_should_match_brute_force_minimum_cost_on_small_instances),
        cmocka_unit_test(capped_plan_should_match_brute_force_least_under_coverage),
        cmocka_unit_test(plan_should_cover_every_interval_with_breaks_excluded),
        cmocka_unit_test(plan_should_place_breaks_where_the_requirement_dips),
        cmocka_unit_test(infeasible_plan_should_name_the_interval_no_template_covers),
        cmocka_unit_test(infeasible_plan_should_name_an_interval_short_under_max_counts),
        cmocka_unit_test(capped_plan_should_say_when_minimum_counts_exceed_the_budget),
        cmocka_unit_test(plan_should_report_a_time_limit_without_a_schedule_as_an_error),
        cmocka_unit_test(plan_should_reject_invalid_input_naming_the_field),
        cmocka_unit_test(plan_should_leave_nothing_behind_when_an_allocation_fails),
        cmocka_unit_test(format_interval_should_name_the_weekday_and_time),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
