/* shift_capacity.c -- see shift_capacity.h for the model; docs/scheduling.md for a worked
 * example. Cohorts are kept explicitly (arrival month and size at arrival); a cohort's size
 * in month m is size x (1 - q)^(m - arrival). People who arrived before the plan and are
 * fully productive are one pool, because only their number matters. */
#include "shift_capacity.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sim_alloc.h"

void shift_capacity_params_default(shift_capacity_params *p)
{
    memset(p, 0, sizeof *p);
    p->attrition_per_year = 0.2;
    p->hiring_lead_time_days = 30.0;
    p->training_days = 10.0;
    p->training_productivity = 0.0;
    p->start_steady = 1;
}

sim_status shift_capacity_check(const shift_capacity_params *p, sim_error *err)
{
    if (!(isfinite(p->attrition_per_year) && p->attrition_per_year >= 0.0 &&
          p->attrition_per_year < 1.0))
        return sim_error_set(err, SIM_EINVAL, "workforce.attrition_per_year",
                             "attrition %g per year is not in [0, 1)", p->attrition_per_year);
    if (!(isfinite(p->hiring_lead_time_days) && p->hiring_lead_time_days >= 0.0 &&
          p->hiring_lead_time_days <= 3650.0))
        return sim_error_set(err, SIM_EINVAL, "workforce.hiring_lead_time_days",
                             "lead time %g days is not in [0, 3650]", p->hiring_lead_time_days);
    if (!(isfinite(p->training_days) && p->training_days >= 0.0 && p->training_days <= 3650.0))
        return sim_error_set(err, SIM_EINVAL, "workforce.training_days",
                             "training %g days is not in [0, 3650]", p->training_days);
    if (!(isfinite(p->training_productivity) && p->training_productivity >= 0.0 &&
          p->training_productivity <= 1.0))
        return sim_error_set(err, SIM_EINVAL, "workforce.training_productivity",
                             "training productivity %g is not in [0, 1]",
                             p->training_productivity);
    if (!p->start_steady && !(isfinite(p->initial_headcount) && p->initial_headcount >= 0.0))
        return sim_error_set(err, SIM_EINVAL, "initial_headcount",
                             "initial head count %g is not a number >= 0", p->initial_headcount);
    return SIM_OK;
}

static double monthly_attrition(double per_year)
{
    /* Compound: twelve months of q give the yearly share. 1 - (1 - a)^(1/12) loses digits
     * for small a; expm1/log1p keep them. */
    return -expm1(log1p(-per_year) / 12.0);
}

static size_t months_ceil(double days)
{
    double m = days / SHIFT_CAPACITY_DAYS_PER_MONTH;
    return (size_t)ceil(m - 1e-9);
}

double shift_capacity_productivity(const shift_capacity_params *p, size_t age_months)
{
    double f = (p->training_days - (double)age_months * SHIFT_CAPACITY_DAYS_PER_MONTH) /
               SHIFT_CAPACITY_DAYS_PER_MONTH;
    f = f < 0.0 ? 0.0 : f > 1.0 ? 1.0 : f;
    return 1.0 - f * (1.0 - p->training_productivity);
}

sim_status shift_capacity_steady(const shift_capacity_params *p, double required_fte,
                                 double *hires_per_month, double *headcount, sim_error *err)
{
    sim_status st = shift_capacity_check(p, err);
    if (st != SIM_OK)
        return st;
    if (!(isfinite(required_fte) && required_fte >= 0.0))
        return sim_error_set(err, SIM_EINVAL, "required_fte",
                             "requirement %g FTE is not a number >= 0", required_fte);
    double q = monthly_attrition(p->attrition_per_year);
    if (q <= 0.0) {
        *hires_per_month = 0.0;
        *headcount = required_fte;
        return SIM_OK;
    }
    /* The hiring rule sizes each class so that the people who have finished training meet
     * the requirement; in a steady state they number h sum_{i >= R} (1-q)^i = h (1-q)^R / q.
     * People in training come on top (their partial productivity is a margin). */
    size_t r = months_ceil(p->training_days);
    double per_hire = pow(1.0 - q, (double)r) / q;
    *hires_per_month = required_fte / per_hire;
    *headcount = *hires_per_month / q;
    return SIM_OK;
}

sim_status shift_capacity_plan(const shift_capacity_params *p, const double *required_fte,
                               size_t n_months, shift_capacity_month *out, sim_error *err)
{
    sim_status st = shift_capacity_check(p, err);
    if (st != SIM_OK)
        return st;
    if (n_months == 0 || n_months > SHIFT_CAPACITY_MAX_MONTHS)
        return sim_error_set(err, n_months == 0 ? SIM_EINVAL : SIM_ELIMIT, "n_months",
                             "expected 1 to %d months, got %zu", SHIFT_CAPACITY_MAX_MONTHS,
                             n_months);
    for (size_t m = 0; m < n_months; m++) {
        if (!(isfinite(required_fte[m]) && required_fte[m] >= 0.0 && required_fte[m] <= 1e9)) {
            char path[48];
            snprintf(path, sizeof path, "required_fte[%zu]", m);
            return sim_error_set(err, SIM_EINVAL, path,
                                 "requirement %g FTE is not a number in [0, 1e9]",
                                 required_fte[m]);
        }
    }
    double q = monthly_attrition(p->attrition_per_year);
    size_t lead = months_ceil(p->hiring_lead_time_days);
    size_t r = months_ceil(p->training_days);
    /* cohort[c + r] = size at arrival of the cohort arriving in month c, c in [-r, n) */
    double *cohort = sim_calloc(n_months + r, sizeof *cohort);
    if (cohort == NULL)
        return sim_error_set(err, SIM_ENOMEM, "", "out of memory planning capacity");
    double pool = 0.0; /* fully trained people present at month 0 (before its arrivals) */
    double steady_h = 0.0;
    if (p->start_steady) {
        double hc;
        st = shift_capacity_steady(p, required_fte[0], &steady_h, &hc, err);
        if (st != SIM_OK) {
            sim_free(cohort);
            return st;
        }
        if (q <= 0.0) {
            pool = required_fte[0];
        } else {
            /* cohorts of ages 1..r (arrived in months -1..-r) are explicit; older ones are
             * the pool: h sum_{i > r} (1-q)^i = h (1-q)^(r+1) / q */
            for (size_t i = 1; i <= r; i++)
                cohort[r - i] = steady_h;
            pool = steady_h * pow(1.0 - q, (double)(r + 1)) / q;
        }
    } else {
        pool = p->initial_headcount;
    }
    /* Size in month m of the cohort arriving in month c (c <= m). */
#define SIZE_AT(c, m) (cohort[(c) + (long)r] * pow(1.0 - q, (double)((long)(m) - (c))))
    for (size_t m = 0; m < n_months; m++) {
        double h;
        if (m < lead) {
            h = p->start_steady ? steady_h : 0.0; /* decided before the plan */
        } else {
            size_t target = m + r;
            double req = required_fte[target < n_months ? target : n_months - 1];
            double have = pool * pow(1.0 - q, (double)target);
            for (long c = -(long)r; c < (long)m; c++)
                have += SIZE_AT(c, target) *
                        shift_capacity_productivity(p, (size_t)((long)target - c));
            /* a hire arriving now is fully productive in month target, (1-q)^r of it left */
            h = (req - have) / pow(1.0 - q, (double)r);
            h = h > 0.0 ? h : 0.0;
        }
        cohort[m + r] = h;
        shift_capacity_month *o = &out[m];
        memset(o, 0, sizeof *o);
        o->required_fte = required_fte[m];
        o->hires = h;
        double trained = pool * pow(1.0 - q, (double)m);
        o->headcount = trained;
        o->productive_fte = trained;
        for (long c = -(long)r; c <= (long)m; c++) {
            double s = SIZE_AT(c, m);
            size_t age = (size_t)((long)m - c);
            double prod = shift_capacity_productivity(p, age);
            o->headcount += s;
            o->productive_fte += s * prod;
            if (prod < 1.0 && s > 0.0)
                o->in_training += s;
        }
        o->leavers = q * o->headcount;
        double gap = o->required_fte - o->productive_fte;
        o->shortfall_fte = gap > 1e-9 ? gap : 0.0;
    }
#undef SIZE_AT
    sim_free(cohort);
    return SIM_OK;
}

size_t shift_capacity_years(const shift_capacity_month *months, size_t n_months,
                            double attrition_per_year, shift_capacity_year *out)
{
    double q = monthly_attrition(attrition_per_year);
    size_t n_years = (n_months + 11) / 12;
    for (size_t y = 0; y < n_years; y++) {
        shift_capacity_year *o = &out[y];
        memset(o, 0, sizeof *o);
        o->first_month = 12 * y;
        o->n_months = n_months - o->first_month < 12 ? n_months - o->first_month : 12;
        for (size_t i = 0; i < o->n_months; i++) {
            const shift_capacity_month *m = &months[o->first_month + i];
            o->mean_required_fte += m->required_fte;
            o->mean_productive_fte += m->productive_fte;
            o->mean_headcount += m->headcount;
            o->hires += m->hires;
            o->leavers += m->leavers;
            o->shortfall_fte_months += m->shortfall_fte;
            o->max_shortfall_fte =
                m->shortfall_fte > o->max_shortfall_fte ? m->shortfall_fte : o->max_shortfall_fte;
        }
        double n = (double)o->n_months;
        o->mean_required_fte /= n;
        o->mean_productive_fte /= n;
        o->mean_headcount /= n;
        o->end_headcount = months[o->first_month + o->n_months - 1].headcount * (1.0 - q);
    }
    return n_years;
}
