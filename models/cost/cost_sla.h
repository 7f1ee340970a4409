/* cost_sla.h -- an outsourcer's SLA per measurement period: met or missed, the penalty or
 * bonus it earns, and across replications the probability of missing it.
 *
 * What it is: a reading of the per-interval pool series of a cc_rep (cc_result.h) against an
 * outsourcer's SLA (scenario_outsourcer: sl_target within sl_threshold_s, sla_period,
 * abandon_ceiling, penalty_eur, bonus_eur), and a staffing sweep that shows how the risk
 * moves with the agents of an outsourcer or of an in-house group. This is the part only a
 * simulation can tell: an Erlang average says whether the SLA holds on average; replications
 * say how often a day, week or month misses it.
 * What it is not: the cost lines (cost.h) or the platform (cost_tco.h).
 *
 * Rules (docs/costs.md):
 *   - periods are consecutive windows of the period's length from the start of day 0:
 *     interval (interval_s), day (86400 s), week (7 days), month (30 days, as scenario.h
 *     defines it); the series rows of a period are summed (contacts are booked in the
 *     interval they entered their channel, cc_result.h);
 *   - a period is measured when the outsourcer answered or lost to abandonment at least one
 *     contact in it; a closed day is no period;
 *   - service level = answered within / (answered + abandoned) of the outsourcer's pool, where
 *     "within" is the model's count against the channel's threshold (sl_threshold_s for real
 *     time, response_target_s for deferred and callback); abandoned counts contacts lost from
 *     the outsourcer's own queue (share mode);
 *   - a period is missed when service level < sl_target or abandoned share > abandon_ceiling;
 *   - a period the horizon covers only in part (a month SLA on a 7-day run) is still
 *     measured on what it has, and counted in `partial`: its miss probability describes a
 *     shorter period (more variable) and the report says so;
 *   - folded replications (CC_INTERVALS_WEEK) keep no calendar: only week and month SLAs
 *     can be measured, on the folded week as one partial period.
 */
#ifndef COST_SLA_H
#define COST_SLA_H

#include <signal.h>
#include <stddef.h>

#include "cc_result.h"
#include "scenario.h"
#include "sim_ci.h"
#include "sim_error.h"

/* Length of an SLA period in seconds (interval_s for SCENARIO_SLA_INTERVAL). */
double cost_sla_period_s(const scenario *scn, scenario_sla_period period);

/* One period of one outsourcer in one replication. */
typedef struct cost_sla_period {
    double answered, answered_within, abandoned;
    double service_level;  /* within / (answered + abandoned); NaN when not measured */
    double abandon_share;  /* abandoned / (answered + abandoned); NaN when not measured */
    int measured;          /* 1 when answered + abandoned > 0 */
    int partial;           /* 1 when the horizon covers only part of the period */
    int missed;            /* 1 when measured and (SL < target or abandon > ceiling) */
} cost_sla_period;

/* Number of periods of outsourcer o's SLA in rep (0 when none can be measured, see folded
 * replications above). */
size_t cost_sla_period_count(const scenario *scn, const cc_rep *rep, size_t outsourcer);

/* Period p of outsourcer o in rep. SIM_EINVAL when o or p is out of range or the rep has no
 * pool for the outsourcer. O(rows per period). */
sim_status cost_sla_period_get(const scenario *scn, const cc_rep *rep, size_t outsourcer,
                               size_t period, cost_sla_period *out, sim_error *err);

/* All periods of one outsourcer in one replication. */
typedef struct cost_sla_rep {
    size_t periods;        /* measured periods */
    size_t missed, missed_sl, missed_abandon, partial;
    double answered, answered_within, abandoned; /* over the measured periods */
    /* Periods the horizon stands for: `periods` for interval and day SLAs, window/period
     * length for week and month (7/30 of a month for a 7-day run). */
    double horizon_periods;
    double miss_share;     /* missed / periods; NaN when periods == 0 */
    double penalty_eur;    /* horizon: miss_share x horizon_periods x penalty_eur */
    double bonus_eur;      /* horizon: (1 - miss_share) x horizon_periods x bonus_eur */
    double periods_per_year; /* interval/day: periods x 365 d / window; week 365/7;
                                month 365/30 */
} cost_sla_rep;

/* Evaluate every period of outsourcer o in rep. SIM_OK (periods may be 0) or SIM_EINVAL. */
sim_status cost_sla_rep_eval(const scenario *scn, const cc_rep *rep, size_t outsourcer,
                             cost_sla_rep *out, sim_error *err);

/* The risk across replications. */
typedef struct cost_sla_risk {
    size_t outsourcer;
    size_t reps;           /* replications with at least one measured period */
    size_t periods, missed, partial; /* pooled over replications */
    double miss_probability;   /* missed / periods (pooled); NaN when periods == 0 */
    sim_ci miss_share_ci;      /* Student-t over the replications' miss shares */
    double service_level;      /* pooled within / (answered + abandoned) */
    double periods_per_year;   /* mean over replications */
    double expected_penalty_per_period_eur; /* miss_probability x penalty_eur */
    double expected_bonus_per_period_eur;   /* (1 - miss_probability) x bonus_eur */
    double expected_penalty_year_eur;       /* x periods_per_year */
    double expected_bonus_year_eur;
} cost_sla_risk;

/* Risk of outsourcer o's SLA over reps[0..n-1] at confidence `level`. SIM_OK or SIM_EINVAL.
 * O(n * rows). */
sim_status cost_sla_risk_compute(const scenario *scn, const cc_rep *reps, size_t n,
                                 size_t outsourcer, double level, cost_sla_risk *out,
                                 sim_error *err);

#endif /* COST_SLA_H */
