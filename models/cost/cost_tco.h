/* cost_tco.h -- the platform's cost per year, on-premise against cloud: total cost of
 * ownership (TCO), net present value (NPV) and where the two cross.
 *
 * What it is: pure arithmetic on scenario_costs and a few activity figures per year (seats,
 * minutes of use, the platform-independent costs). It runs no simulation: cost.h derives the
 * activity of the scenario's year from a replication, and a roadmap (roadmap.h) may pass the
 * simulated activity of each year instead of the growth projection offered here.
 * What it is not: the people or outsourcing cost model (cost.h), nor the SLA risk
 * (cost_sla.h). docs/costs.md states every formula below with its unit.
 *
 * Two strategies are compared over the same years:
 *   COST_TCO_ON_PREMISE  stay on (or build) the on-premise platform: capex_eur invested in
 *                        the base year and again every round(depreciation_years) years,
 *                        maintenance M (1 + g)^(year - base), licences per seat;
 *   COST_TCO_CLOUD       move to the cloud in the migration year m (costs.migration_year, or
 *                        the base year when it is 0): cloud seats and minutes from m on, the
 *                        one-off migration cost in m, and the on-premise maintenance and
 *                        licences kept running for migration_months (double running: the
 *                        source documents warn a migration takes months, not the 2-3 weeks
 *                        vendors claim). No on-premise investment in years >= m. A scenario
 *                        whose platform is already "cloud" has no migration at all.
 * The scenario's own plan (cost_tco_plan) is one of the two.
 *
 * Two views of the same money: cash (capex in the year it is spent; used for TCO and NPV)
 * and accounting (capex spread as depreciation over depreciation_years; used for the cost
 * per year and per contact in cost.h). Years are calendar years; money is euro; rates are
 * shares per year. All functions are pure, allocate nothing and never print.
 */
#ifndef COST_TCO_H
#define COST_TCO_H

#include <stddef.h>

#include "scenario.h"
#include "sim_error.h"

#define COST_TCO_MAX_YEARS 64
#define COST_DAYS_PER_YEAR 365.0
#define COST_SECONDS_PER_YEAR (COST_DAYS_PER_YEAR * 86400.0)

/* The cost lines of cost.h; the platform lines (COST_LINE_DEPRECIATION ...) are also what
 * this module computes per year. */
typedef enum cost_line {
    COST_LINE_AGENTS = 0,   /* paid agent hours x loaded cost per hour, per group */
    COST_LINE_SUPERVISORS,  /* supervisor_ratio x paid agent hours x supervisor cost/hour */
    COST_LINE_OVERHEAD,     /* overhead_ratio x (agents + supervisors) */
    COST_LINE_OUTSOURCING,  /* outsourcer fees: handled contacts or minutes x price */
    COST_LINE_SLA,          /* bonuses paid - penalties credited (< 0: a credit to the buyer) */
    COST_LINE_TELEPHONY,    /* voice, video and callback line minutes x price per minute */
    COST_LINE_DEPRECIATION, /* on-premise capex / depreciation_years (accounting view) */
    COST_LINE_MAINTENANCE,  /* on-premise maintenance, growing with the landscape */
    COST_LINE_LICENCES,     /* on-premise licences per seat */
    COST_LINE_CLOUD_SEATS,  /* cloud seats x price per seat per month x 12 */
    COST_LINE_CLOUD_USAGE,  /* cloud minutes of use x price per minute */
    COST_LINE_MIGRATION,    /* one-off migration cost in the migration year */
    COST_LINE_COUNT
} cost_line;

/* Short stable name of a line ("agents", "cloud_seats", ...), used in KPI names and CSV. */
const char *cost_line_name(cost_line line);

/* Who delivers a cost line: the in-house people (agents, supervisors, overhead), the
 * outsourcers (fees, SLA bonuses and penalties), or the platform and lines (the rest). */
typedef enum cost_tco_delivery {
    COST_TCO_IN_HOUSE = 0,
    COST_TCO_OUTSOURCED,
    COST_TCO_PLATFORM
} cost_tco_delivery;
/* The delivery of the line called `name` (cost_line_name); COST_TCO_PLATFORM for a name
 * that is no line. */
cost_tco_delivery cost_tco_line_delivery(const char *name);

typedef enum cost_tco_strategy {
    COST_TCO_ON_PREMISE = 0,
    COST_TCO_CLOUD,
    COST_TCO_STRATEGY_COUNT
} cost_tco_strategy;

/* "on_premise" or "cloud". */
const char *cost_tco_strategy_name(cost_tco_strategy s);

/* The strategy the scenario itself plans: cloud when the platform is "cloud" or a
 * migration_year is set, else on-premise. */
cost_tco_strategy cost_tco_plan(const scenario_costs *c);

/* The year strategy s starts the cloud migration, or 0 when it never migrates (on-premise,
 * or already on the cloud). base_year is the scenario's year. */
int cost_tco_migration_year(const scenario_costs *c, int base_year, cost_tco_strategy s);

/* Platform cost of calendar year `year` under strategy s for `seats` concurrent in-house
 * seats and `minutes` in-house handled minutes in that year. Writes the platform lines
 * (DEPRECIATION .. MIGRATION; the others are set to 0) in euro per year into lines_eur, and
 * the cash investment of that year into *capex_eur (may be NULL). O(years since base / D). */
void cost_tco_platform_year(const scenario_costs *c, int base_year, cost_tco_strategy s,
                            int year, double seats, double minutes, double *capex_eur,
                            double lines_eur[COST_LINE_COUNT]);

/* Activity of one year: what the platform bill depends on, plus the costs both strategies
 * share. */
typedef struct cost_tco_year {
    int year;
    double seats;         /* concurrent in-house agent seats */
    double minutes;       /* in-house handled minutes in the year (cloud usage) */
    double contacts;      /* handled contacts in the year (only for the volume crossover) */
    double other_eur;     /* people, outsourcing, SLA and telephony of the year (euro) */
} cost_tco_year;

/* One year of one strategy. */
typedef struct cost_tco_flow {
    double capex_eur;                  /* cash investment of the year */
    double lines_eur[COST_LINE_COUNT]; /* platform lines of the year (accounting view) */
    double platform_cash_eur;          /* capex + maintenance + licences + cloud + migration */
    double cash_eur;                   /* platform_cash_eur + other_eur */
    double accounting_eur;             /* platform lines + other_eur (depreciation, no capex) */
} cost_tco_flow;

typedef struct cost_tco_row {
    cost_tco_year in;
    cost_tco_flow s[COST_TCO_STRATEGY_COUNT];
} cost_tco_row;

typedef struct cost_tco {
    int base_year;
    double discount_rate;
    size_t n_years;
    cost_tco_row rows[COST_TCO_MAX_YEARS];
    cost_tco_strategy plan;
    int migration_year[COST_TCO_STRATEGY_COUNT]; /* 0 = none */
    double total_cash_eur[COST_TCO_STRATEGY_COUNT]; /* TCO: sum of cash over the years */
    double npv_eur[COST_TCO_STRATEGY_COUNT];        /* NPV of the cash flows (costs > 0) */
    double platform_npv_eur[COST_TCO_STRATEGY_COUNT];
    /* Run-rate crossover at the first year's activity: on-premise per year
     * capex/D + M (1+g)^t + L S equals cloud per year 12 P S + u Min at t years after the
     * base year (0 when the cloud is already cheaper, NaN when it never is). crossover_year
     * is base_year + ceil(t), the first whole year the cloud is the cheaper platform. */
    double crossover_t_years;
    int crossover_year;   /* 0 when none */
    /* Volume crossover in the base year: scaling seats, minutes and contacts by v, the
     * platforms cost the same at v* = (capex/D + M) / (12 P S + u Min - L S). Below v* the
     * cloud is cheaper, above it on-premise. +Inf when the cloud is cheaper at every volume,
     * NaN without activity. */
    double crossover_scale;
    double crossover_seats;
    double crossover_contacts_per_year;
    /* First year from which the cloud strategy's cumulative cash is <= on-premise's and
     * stays so to the last year (the migration has paid for itself), not before the
     * migration; 0 when not within the years (cost_tco_verdict_of). */
    int payback_year;
} cost_tco;

/* What the yearly cash table says, as a reader would state it: the sentences the report
 * puts above the table are computed here from the same numbers, so they cannot contradict
 * it. */
typedef struct cost_tco_verdict {
    int first_year, last_year;
    size_t n_years;
    size_t cloud_cheaper_years; /* years in which cloud cash < on-premise cash */
    /* First year from which the cloud costs no more than on-premise in every year to the
     * last; 0 when the cloud costs more in the last year. */
    int cloud_cheaper_from;
    size_t years_before;        /* years before cloud_cheaper_from (all when it is 0) */
    size_t dearer_before;       /* of them, years in which the cloud costs more */
    /* First year, not before from_year, from which cumulative cloud cash is <= cumulative
     * on-premise cash in every year to the last; 0 when none. */
    int payback_year;
    double total_diff_eur; /* sum over the years of cloud - on-premise cash */
} cost_tco_verdict;

/* The verdict of years[0..n-1] (increasing) with cash per year of each platform strategy
 * (EUR). Payback is counted from from_year (the migration year; 0: the first year). n = 0
 * gives a verdict of no years. O(n). */
void cost_tco_verdict_of(const int *years, const double *on_premise_cash,
                         const double *cloud_cash, size_t n, int from_year,
                         cost_tco_verdict *out);
/* The verdict in sentences (plain text, EUR with thousands separators) into buf of size
 * len; returns the length it needed, as snprintf. */
size_t cost_tco_verdict_text(const cost_tco_verdict *v, char *buf, size_t len);

/* Net present value of flows[0..n-1] paid in years 0..n-1 after the first:
 * sum flows[k] / (1 + rate)^k. rate > -1. */
double cost_tco_npv(const double *flows, size_t n, double rate);

/* Compute both strategies over years[0..n-1] (consecutive calendar years, 1 <= n <=
 * COST_TCO_MAX_YEARS), discounting to years[0].year at c->discount_rate. SIM_EINVAL when the
 * years are not consecutive or out of range, or an activity figure is negative or not
 * finite. */
sim_status cost_tco_compute(const scenario_costs *c, int base_year, const cost_tco_year *years,
                            size_t n, cost_tco *out, sim_error *err);

/* Project base-year activity over the scenario's years: the roadmap's first..last year when
 * it has one, else the base year and the depreciation period after it (max(1, ceil(D))
 * years). Year y gets base x (1 + roadmap.volume_growth_per_year)^(y - base_year) for every
 * figure (a first-order projection: the roadmap engine can pass simulated years instead).
 * Writes at most max entries; *n gets the count. SIM_EINVAL when max is too small. */
sim_status cost_tco_years_project(const scenario *scn, const cost_tco_year *base,
                                  cost_tco_year *years, size_t max, size_t *n, sim_error *err);

#endif /* COST_TCO_H */
