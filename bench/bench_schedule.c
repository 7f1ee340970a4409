/* bench_schedule.c -- the shift optimiser on a week of 15-minute intervals with 50 templates.
 *
 * Prints the size of the integer program, the solve time, the status and the gap for the
 * minimum-cost problem and for the capped variant (a budget of 90% of the optimal cost).
 * The instance is deterministic: a retail-like weekly profile (8:00-22:00 peaks, Saturday
 * lower, Sunday afternoon, a few agents at night) and 50 templates of 4 to 9 hours with 4 to
 * 8 start times each, breaks for shifts of 6 hours and more, part-time minimums and
 * maximums. Usage: bench_schedule [TIME_LIMIT_S [REPEATS]] (defaults 60 and 3).
 * A benchmark prints figures; it is never a timed test.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shift_plan.h"

#define HOUR 3600.0
#define N_TEMPLATES 50
#define WEEK 672

static double requirement(size_t k)
{
    size_t day = k / 96;
    double h = (double)(k % 96) / 4.0;
    double base = 3.0; /* night */
    if (h >= 7.0 && h < 23.0) {
        base = 12.0 + 55.0 * exp(-(h - 11.0) * (h - 11.0) / 5.0) +
               35.0 * exp(-(h - 15.0) * (h - 15.0) / 4.0) +
               45.0 * exp(-(h - 20.0) * (h - 20.0) / 3.0);
    }
    double dayf[7] = {1.25, 1.05, 1.0, 1.0, 0.95, 0.7, 0.8};
    return ceil(base * (h >= 7.0 && h < 23.0 ? dayf[day] : 1.0));
}

typedef struct bench_tmpl {
    double starts[8];
    shift_plan_break breaks[2];
} bench_tmpl;

static void make_templates(shift_plan_template *t, bench_tmpl *store, char names[][16])
{
    static const double lengths[5] = {4 * HOUR, 6 * HOUR, 8 * HOUR, 8.5 * HOUR, 9 * HOUR};
    static const unsigned char daysets[4][7] = {
        {1, 1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 1, 0, 0}, {0, 0, 0, 0, 0, 1, 1}, {1, 1, 1, 1, 1, 1, 0}};
    for (size_t i = 0; i < N_TEMPLATES; i++) {
        memset(&t[i], 0, sizeof t[i]);
        snprintf(names[i], 16, "T%02zu", i);
        double len = lengths[i % 5];
        size_t n_starts = 4 + (i % 5); /* 4..8 */
        /* spread first starts over 06:00 .. 16:30; night templates start 21:00-23:00 */
        double first = 6 * HOUR + (double)((i * 7) % 22) * 1800.0;
        int night = i >= 48;
        if (night)
            first = 22 * HOUR;
        for (size_t s = 0; s < n_starts; s++)
            store[i].starts[s] = first + (double)s * (night ? 900.0 : (i % 2 ? 1800.0 : 900.0));
        size_t nb = 0;
        if (len >= 8 * HOUR) {
            store[i].breaks[nb++] = (shift_plan_break){2 * HOUR, 3 * HOUR, 900.0, 1};
            store[i].breaks[nb++] = (shift_plan_break){4 * HOUR, 5.5 * HOUR, 1800.0, 0};
        } else if (len >= 6 * HOUR) {
            store[i].breaks[nb++] = (shift_plan_break){2.5 * HOUR, 3.5 * HOUR, 900.0, 1};
        }
        t[i] = (shift_plan_template){
            .name = names[i],
            .n_starts = n_starts,
            .start_s = store[i].starts,
            .length_s = night ? 9 * HOUR : len,
            .n_breaks = night ? 0 : nb,
            .breaks = store[i].breaks,
            .max_count = SHIFT_PLAN_UNLIMITED,
            .cost_per_hour_eur = 30.0 + (double)(i % 7) + (len < 5 * HOUR ? 3.0 : 0.0) +
                                 (night ? 10.0 : 0.0),
        };
        memcpy(t[i].days, daysets[night ? 0 : i % 4], 7);
        if (len < 5 * HOUR && i % 3 == 0) {
            t[i].min_count = 5;
            t[i].max_count = 60;
        }
    }
}

static double median(double *v, size_t n)
{
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && v[j - 1] > v[j]; j--) {
            double x = v[j];
            v[j] = v[j - 1];
            v[j - 1] = x;
        }
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

static int run(const char *label, const shift_plan_problem *pr, const shift_plan_opts *o,
               int repeats, double *cost_out)
{
    double times[16];
    shift_plan *plan = NULL;
    for (int r = 0; r < repeats; r++) {
        sim_error err;
        shift_plan_free(plan);
        plan = NULL;
        if (shift_plan_solve(pr, o, &plan, &err) != SIM_OK) {
            printf("%-10s error: %s: %s\n", label, err.path, err.message);
            return 1;
        }
        times[r] = plan->solve_s;
    }
    printf("%-10s rows %zu  columns %zu (integer %zu)  nonzeros %zu\n", label, plan->n_rows,
           plan->n_cols, plan->n_int, plan->n_nonzeros);
    printf("%-10s status %s  gap %.2e  cost %.2f EUR  LP bound %.2f  under-coverage %.0f\n",
           label, shift_plan_status_name(plan->status), plan->gap, plan->cost_eur,
           plan->lp_bound, plan->under_coverage);
    printf("%-10s shifts %zu  paid hours %.1f  head count %zu\n", label, plan->shifts,
           plan->paid_hours, plan->headcount);
    printf("%-10s LP solved at %.2f s, first schedule at %.2f s (last run); solve time median "
           "%.2f s (%d runs)\n",
           label, plan->lp_s, plan->first_solution_s, median(times, (size_t)repeats), repeats);
    if (cost_out != NULL)
        *cost_out = plan->cost_eur;
    shift_plan_free(plan);
    return 0;
}

int main(int argc, char **argv)
{
    double limit = argc > 1 ? atof(argv[1]) : 60.0;
    int repeats = argc > 2 ? atoi(argv[2]) : 3;
    if (!(limit > 0.0) || repeats < 1 || repeats > 16) {
        fprintf(stderr, "usage: bench_schedule [TIME_LIMIT_S [REPEATS (1-16)]]\n");
        return 2;
    }
    static double req[WEEK];
    double total = 0.0;
    for (size_t k = 0; k < WEEK; k++) {
        req[k] = requirement(k);
        total += req[k];
    }
    shift_plan_template t[N_TEMPLATES];
    static bench_tmpl store[N_TEMPLATES];
    static char names[N_TEMPLATES][16];
    make_templates(t, store, names);
    shift_plan_problem pr = {.interval_s = 900.0, .n_intervals = WEEK, .required = req,
                             .n_templates = N_TEMPLATES, .templates = t};
    printf("bench_schedule: a week of 15-minute intervals (%d), %d templates, %.0f agent-hours "
           "required; time limit %g s\n",
           WEEK, N_TEMPLATES, total / 4.0, limit);
    shift_plan_opts o;
    shift_plan_opts_default(&o);
    o.time_limit_s = limit;
    double cost = 0.0;
    if (run("min-cost", &pr, &o, repeats, &cost) != 0)
        return 1;
    o.budget_eur = floor(0.9 * cost);
    printf("capped: budget %.0f EUR (90%% of the minimum cost)\n", o.budget_eur);
    if (run("capped", &pr, &o, repeats, NULL) != 0)
        return 1;
    return 0;
}
