/* shift_plan.h -- the shift optimiser behind `omnisim schedule`: from per-interval
 * requirements to shifts.
 *
 * What it is: given how many agents each interval of one week needs and a set of shift
 * templates (start times, paid length, breaks with start windows, weekdays, minimum and
 * maximum counts, cost), choose how many agents work each (template, weekday, start) and
 * where their breaks go, so that every interval is covered at least cost; or, with a weekly
 * budget or head-count cap, so that the total under-coverage is least. It is an integer
 * program (docs/scheduling.md: Dantzig's set-covering model with Aykin's implicit break
 * variables) solved with GLPK: the LP relaxation by the simplex method first, then branch
 * and cut, under a time limit and a relative MIP gap. It reads plain arrays, so it can be used
 * and tested without a scenario (shift_scenario.h builds the input from a scenario).
 * What it is not: a roster (which person works which shift: see the head-count rule below),
 * a staffing engine (requirements come from the caller) or a writer; it never prints, and it
 * keeps GLPK's terminal output off for the duration of every call.
 *
 * The week: n_intervals = 7 * 86400 / interval_s intervals from Monday 00:00; interval k
 * starts at k * interval_s seconds. The week is cyclic: a shift that starts on Sunday evening
 * and runs past midnight covers Monday's first intervals (a weekly rota repeats).
 *
 * Coverage is conservative: an agent covers interval k only when on duty for the whole
 * interval (a shift starting at 07:50 on a 15-minute grid covers from 08:00), and a break
 * removes every interval it touches. Coverage therefore never overstates what the agents
 * give. Requirements are whole agents: required[k] = 2.3 needs 3 agents (coverage is integer).
 *
 * Head count: a person works at most one shift a day and at most days_per_agent shifts a
 * week. With n_d shifts starting on day d, the fewest people who can work them is
 * max(max_d n_d, ceil(sum_d n_d / days_per_agent)) (a bipartite-flow argument, see
 * docs/scheduling.md); rest times between consecutive days are not modelled.
 *
 * Invariants of a returned plan with has_solution == 1 (tests check them independently):
 * coverage[k] is what the rows give, breaks excluded; coverage[k] >= ceil(required[k]) for
 * every k unless the plan was capped (then under_coverage says by how much it falls short);
 * every row respects its template's days, start times and break windows; every template's
 * count is within [min_count, max_count].
 *
 * Not thread-safe with respect to GLPK's own terminal switch (glp_term_out is per GLPK
 * environment, which Debian's GLPK keeps per thread); no other state is shared.
 */
#ifndef SHIFT_PLAN_H
#define SHIFT_PLAN_H

#include <stddef.h>

#include "sim_error.h"

#define SHIFT_PLAN_MAX_BREAKS 4
#define SHIFT_PLAN_MAX_STARTS 1440 /* start times per template */
#define SHIFT_PLAN_UNLIMITED ((size_t)-1)
/* Refuse (SIM_ELIMIT) integer programs larger than this many constraint-matrix entries:
 * GLPK indexes with int and would run for hours long before that. */
#define SHIFT_PLAN_MAX_NONZEROS 20000000u

/* One break of a template. Times are seconds after the shift's start. */
typedef struct shift_plan_break {
    double earliest_start_s; /* >= 0 */
    double latest_start_s;   /* >= earliest_start_s */
    double length_s;         /* > 0; earliest..latest + length within the shift */
    int paid;                /* 1: paid (counts in paid hours and cost per hour) */
} shift_plan_break;

/* A shift template. Pointers are borrowed for the duration of the call. */
typedef struct shift_plan_template {
    const char *name;        /* for messages, non-NULL */
    size_t n_starts;         /* 1..SHIFT_PLAN_MAX_STARTS */
    const double *start_s;   /* [n_starts] times of day in [0, 86400) */
    double length_s;         /* paid length including breaks, in (0, 86400] */
    size_t n_breaks;         /* 0..SHIFT_PLAN_MAX_BREAKS, windows disjoint and in order:
                                latest_start_s[j] + length_s[j] <= earliest_start_s[j + 1] */
    const shift_plan_break *breaks;
    unsigned char days[7];   /* 1 when the template may start that weekday (0 = Monday) */
    size_t min_count;        /* shifts per week over all days and starts */
    size_t max_count;        /* or SHIFT_PLAN_UNLIMITED */
    double cost_eur;         /* cost per shift; 0: cost_per_hour_eur x paid hours */
    double cost_per_hour_eur;/* used when cost_eur == 0; the resulting cost must be > 0 */
} shift_plan_template;

/* The instance. */
typedef struct shift_plan_problem {
    double interval_s;       /* > 0, divides 86400 */
    size_t n_intervals;      /* 7 * 86400 / interval_s */
    const double *required;  /* [n_intervals] agents needed, finite, >= 0 */
    size_t n_templates;      /* >= 1 */
    const shift_plan_template *templates;
} shift_plan_problem;

typedef struct shift_plan_opts {
    double time_limit_s;     /* wall-clock limit for the LP and the branch and cut; default 60 */
    double mip_gap;          /* relative gap at which the search stops; default 0.01 (1%:
                                finer than the forecast behind the requirement) */
    double budget_eur;       /* > 0: cap on the week's cost (capped variant); 0 = none */
    size_t max_headcount;    /* > 0: cap on head count (capped variant); 0 = none */
    unsigned days_per_agent; /* shifts one person works per week, 1..7; default 5 */
} shift_plan_opts;

typedef enum shift_plan_status {
    SHIFT_PLAN_OPTIMAL = 0,  /* proven optimal */
    SHIFT_PLAN_GAP,          /* integer solution within mip_gap of the bound; search stopped */
    SHIFT_PLAN_TIME_LIMIT,   /* time limit reached; has_solution tells whether a schedule was
                                found, gap how far it may be from optimal */
    SHIFT_PLAN_INFEASIBLE    /* no schedule satisfies the constraints */
} shift_plan_status;

/* Agents working one template on one weekday from one start time with the same breaks. */
typedef struct shift_plan_row {
    size_t template_index;
    unsigned day;            /* 0 = Monday */
    double start_s;          /* time of day */
    size_t count;            /* agents */
    double break_start_s[SHIFT_PLAN_MAX_BREAKS]; /* after the shift's start, per break */
    double paid_hours;       /* per agent */
    double cost_eur;         /* per agent */
} shift_plan_row;

/* A solved instance. Owned by the caller; free with shift_plan_free. */
typedef struct shift_plan {
    shift_plan_status status;
    int has_solution;        /* 1 when rows/coverage hold an integer schedule */
    int capped;              /* 1: the under-coverage variant was solved */
    double objective;        /* of the integer solution: cost, or under-coverage + tie-break */
    double lp_bound;         /* the LP relaxation's objective (a lower bound) */
    double best_bound;       /* the best proven lower bound on the objective */
    double gap;              /* (objective - best_bound) / max(1, |objective|); 0 if optimal */
    double cost_eur;         /* cost of the week's shifts */
    double paid_hours;       /* paid hours of the week's shifts */
    double under_coverage;   /* sum over k of max(0, ceil(required[k]) - coverage[k]) */
    size_t shifts;           /* shifts worked in the week */
    size_t headcount;        /* fewest people for those shifts (rule above) */
    double solve_s;          /* wall time of the solver */
    double lp_s;             /* wall time until the LP relaxation was solved */
    double first_solution_s; /* wall time until the rounding heuristic's first schedule was
                                accepted, -1 when GLPK found its incumbent itself */
    size_t n_rows, n_cols, n_int, n_nonzeros; /* size of the integer program */
    size_t n_intervals;
    double interval_s;
    size_t *coverage;        /* [n_intervals] agents on duty, breaks excluded */
    size_t n_plan_rows;
    shift_plan_row *rows;    /* [n_plan_rows], by template, day, start, breaks */
} shift_plan;

/* Defaults: 60 s, gap 0.01, no caps, 5 days per agent. */
void shift_plan_opts_default(shift_plan_opts *opts);

/* Check an instance as shift_plan_solve does, without solving. SIM_OK, or SIM_EINVAL with
 * err->path naming the field ("templates[2].breaks[0].latest_start_s", "required[37]") and a
 * message with the template's name. O(templates x starts x breaks + intervals). */
sim_status shift_plan_check(const shift_plan_problem *prob, const shift_plan_opts *opts,
                            sim_error *err);

/* Solve. On SIM_OK *out is a new plan (status OPTIMAL, GAP, or TIME_LIMIT with a solution).
 * Errors, with *out NULL:
 *   SIM_EINVAL  invalid instance (see shift_plan_check), or infeasible: the message names the
 *               first interval that cannot be covered as "Tue 06:45 (interval 122)" and how
 *               many agents it needs, or the cap the minimum counts exceed;
 *   SIM_ENOCONV the time limit passed before any schedule was found, or GLPK failed (the
 *               message gives GLPK's return code);
 *   SIM_ELIMIT  the program would exceed SHIFT_PLAN_MAX_NONZEROS;
 *   SIM_ENOMEM.
 * opts may be NULL (defaults). Cost: one LP and a branch and cut, bounded by time_limit_s
 * (an infeasible instance may take a second solve to name the interval). */
sim_status shift_plan_solve(const shift_plan_problem *prob, const shift_plan_opts *opts,
                            shift_plan **out, sim_error *err);

/* Free a plan. NULL is a no-op. */
void shift_plan_free(shift_plan *plan);

/* Recompute coverage from plan's rows into coverage[0..n_intervals-1] with the same
 * conservative rule (an independent check of plan->coverage). O(rows x intervals per shift). */
void shift_plan_coverage(const shift_plan_problem *prob, const shift_plan *plan,
                         size_t *coverage);

/* "optimal", "gap", "time-limit", "infeasible". */
const char *shift_plan_status_name(shift_plan_status status);

/* Write "Tue 06:45" for interval k of a week of interval_s intervals into buf (n >= 10).
 * Returns buf. */
char *shift_plan_format_interval(double interval_s, size_t k, char *buf, size_t n);

#endif /* SHIFT_PLAN_H */
