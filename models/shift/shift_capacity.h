/* shift_capacity.h -- long-term capacity: head count per month and year with attrition,
 * hiring lead time and training.
 *
 * What it is: the small deterministic model that commercial workforce planners use to turn a
 * requirement of productive full-time equivalents (FTE) per month into hires, head count and
 * the shortfall that lead and training times make unavoidable. People are tracked in cohorts
 * by month of arrival; every value is an expected value, so head counts are fractional (round
 * up for a hiring plan). What it is not: a roster, a cost model (models/cost prices the head
 * count), or stochastic (no variance of attrition).
 *
 * The model (docs/scheduling.md, "Long-term capacity", with a worked example):
 *   month length        D = 365.25 / 12 days;
 *   monthly attrition   q = 1 - (1 - attrition_per_year)^(1/12): a share q of the people
 *                       employed in a month leave at its end (they still work that month);
 *   lead time           L = ceil(hiring_lead_time_days / D) months: hires decided in month m
 *                       arrive at the start of month m + L;
 *   training            a hire's i-th month (i = 0 the arrival month) is a share
 *                       f_i = clamp((training_days - i D) / D, 0, 1) in training, where it is
 *                       training_productivity productive: productivity
 *                       p_i = 1 - f_i (1 - training_productivity); fully productive from
 *                       month R = ceil(training_days / D);
 *   hiring rule         the hires arriving in month m are the fewest that make month m + R
 *                       (the first month they are fully productive) meet its requirement,
 *                       counting only people who arrived before m, who are all trained by
                       then (this is the commercial planners' class sizing: graduates meet
                       the requirement, trainees in the months before add a margin);
 *                       months beyond the horizon use the last month's requirement. Hires
 *                       are never negative: when the requirement falls, attrition absorbs
 *                       the surplus (nobody is dismissed).
 *   start               either the rule's steady state for month 0's requirement (hires
 *                       h* = required q / (1-q)^R every
 *                       month since long ago, so trainees are in the pipeline and the hires
 *                       of months 0 .. L-1, decided before the plan, are h*), or a given
 *                       number of fully trained people and an empty pipeline.
 * Invariants: for m >= L + R, productive_fte >= required_fte (within 1e-9); head count =
 * previous head count x (1 - q) + hires.
 *
 * Pure functions; no state; thread-safe.
 */
#ifndef SHIFT_CAPACITY_H
#define SHIFT_CAPACITY_H

#include <stddef.h>

#include "sim_error.h"

#define SHIFT_CAPACITY_DAYS_PER_MONTH (365.25 / 12.0)
#define SHIFT_CAPACITY_MAX_MONTHS 1200 /* a hundred years */

typedef struct shift_capacity_params {
    double attrition_per_year;    /* share leaving per year, [0, 1) */
    double hiring_lead_time_days; /* [0, 3650] */
    double training_days;         /* [0, 3650] */
    double training_productivity; /* share productive while training, [0, 1] */
    int start_steady;             /* 1: steady state for month 0 (see above); 0: start with
                                     initial_headcount fully trained people */
    double initial_headcount;     /* used when start_steady == 0, >= 0 */
} shift_capacity_params;

/* One month of the plan. People are head count (fractional, expected values). */
typedef struct shift_capacity_month {
    double required_fte;    /* productive FTE needed (input) */
    double hires;           /* people arriving at the start of the month */
    double headcount;       /* people employed during the month (arrivals included) */
    double leavers;         /* people leaving at its end: q x headcount */
    double in_training;     /* people with some training time left this month */
    double productive_fte;  /* sum over people of their productivity */
    double shortfall_fte;   /* max(0, required - productive) */
} shift_capacity_month;

/* Twelve months summed or averaged (a last partial year covers the months it has). */
typedef struct shift_capacity_year {
    size_t first_month, n_months;
    double mean_required_fte, mean_productive_fte, mean_headcount;
    double end_headcount;   /* head count of the last month, after its leavers */
    double hires, leavers;  /* sums */
    double max_shortfall_fte;
    double shortfall_fte_months; /* sum of monthly shortfalls */
} shift_capacity_year;

/* Parameters: attrition 0.2, lead 30 days, training 10 days at 0 productivity, steady start. */
void shift_capacity_params_default(shift_capacity_params *p);

/* Check p: SIM_OK or SIM_EINVAL naming the field. */
sim_status shift_capacity_check(const shift_capacity_params *p, sim_error *err);

/* Productivity of a hire in its age-th month (0 = arrival month), in [0, 1]. */
double shift_capacity_productivity(const shift_capacity_params *p, size_t age_months);

/* Steady state of the hiring rule for a constant requirement: hires per month and head
 * count such that the people who have finished training number required_fte (those in
 * training come on top, so the productive FTE is somewhat higher). With no attrition: no
 * hires, head count = required.
 * Errors: SIM_EINVAL (p, or a negative or non-finite requirement). */
sim_status shift_capacity_steady(const shift_capacity_params *p, double required_fte,
                                 double *hires_per_month, double *headcount, sim_error *err);

/* The plan for n_months months of required_fte[0..n-1] (finite, >= 0) into out[0..n-1].
 * Errors: SIM_EINVAL naming the parameter or "required_fte[m]"; SIM_ELIMIT beyond
 * SHIFT_CAPACITY_MAX_MONTHS; SIM_ENOMEM. O(n_months x (n_months + R)). */
sim_status shift_capacity_plan(const shift_capacity_params *p, const double *required_fte,
                               size_t n_months, shift_capacity_month *out, sim_error *err);

/* Summarise months[0..n-1] into years: out needs ceil(n / 12) entries; returns that count. */
size_t shift_capacity_years(const shift_capacity_month *months, size_t n_months,
                            double attrition_per_year, shift_capacity_year *out);

#endif /* SHIFT_CAPACITY_H */
