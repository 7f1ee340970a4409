/* cost.h -- what a simulated contact center costs: the cost lines of one replication, per
 * channel, per site and per year, and its cost KPIs.
 *
 * What it is: a reading of one cc_rep (cc_result.h) with the scenario's prices
 * (scenario_costs, groups' cost_per_hour_eur and site, outsourcers' pricing and SLA):
 *   people       paid hours of each in-house pool (on duty / (1 - shrinkage), as the model
 *                reports them) x the group's loaded cost per hour; supervisors and overhead
 *                as ratios;
 *   outsourcing  handled contacts or minutes x price, and the SLA's bonuses and penalties
 *                (cost_sla.h);
 *   telephony    line minutes of voice, video and callback contacts x price per minute;
 *   platform     the plan's platform lines for the year (cost_tco.h), pro rata to the window.
 * Every amount is for the simulated window [warm-up, horizon] (W seconds); x 365 d / W gives
 * the year. One replication gives one cost_breakdown and one KPI vector, so a policy
 * comparison can form paired differences of cost under common random numbers.
 * What it is not: the simulation or a writer; it never prints.
 *
 * Allocation rules (docs/costs.md): in-house people cost of a pool goes to the channels of
 * its skills in proportion to their in-house work seconds; platform lines to all channels by
 * in-house work seconds; telephony to its own channels; an outsourcer's fees and SLA to the
 * channels it serves by outsourced answered contacts. Per site: people by group site (the
 * unified desk split by group size), platform and telephony by pool work seconds, each
 * outsourcer its own site "outsourcer-<name>". Channel and site amounts each sum to the
 * total.
 */
#ifndef COST_H
#define COST_H

#include <stddef.h>

#include "cc_result.h"
#include "cost_sla.h"
#include "cost_tco.h"
#include "scenario.h"
#include "sim_error.h"

#define COST_SITE_NAME_MAX 80
#define COST_MAX_SITES (SCENARIO_MAX_GROUPS + SCENARIO_MAX_OUTSOURCERS)

/* The cost of one replication's window (a plain value; no heap memory). */
typedef struct cost_breakdown {
    int year;                 /* calendar year whose platform lines apply */
    cost_tco_strategy platform; /* the plan's strategy */
    double window_s;          /* W = stats_end_s - stats_start_s */
    double year_factor;       /* 365 * 86400 / W */
    double lines_eur[COST_LINE_COUNT]; /* over the window */
    double total_eur;
    double people_eur;        /* agents + supervisors (overhead is not people) */
    double people_share;      /* people_eur / total_eur; NaN when the total is 0 */
    double contacts;          /* answered by agents or outsourcers (self-service excluded) */
    double resolved_needs;
    double per_contact_eur;   /* total / contacts; NaN when none */
    double per_resolved_need_eur;
    double paid_hours;        /* in-house agents */
    double seats;             /* concurrent in-house seats (sum of pools' peak on duty) */
    double inhouse_minutes;   /* in-house handled minutes (cloud usage), window */
    double telephony_minutes; /* window */
    size_t n_channels;
    double channel_eur[SCENARIO_MAX_CHANNELS];
    size_t n_sites;
    char site[COST_MAX_SITES][COST_SITE_NAME_MAX];
    double site_eur[COST_MAX_SITES];
    size_t n_outsourcers;
    double outsourcer_fees_eur[SCENARIO_MAX_OUTSOURCERS];
    cost_sla_rep sla[SCENARIO_MAX_OUTSOURCERS];
} cost_breakdown;

/* Cost of rep (a replication of scn) with the platform of calendar year `year` (pass
 * scn->year; a roadmap passes the year it simulated). SIM_OK, SIM_EINVAL when rep does not
 * match scn (counts differ, empty window), SIM_ENOMEM. O(pools + channels + rows). */
sim_status cost_breakdown_compute(const scenario *scn, const cc_rep *rep, int year,
                                  cost_breakdown *out, sim_error *err);

/* Field-wise mean of b[0..n-1] (same scenario), n >= 1; ratios are recomputed from the mean
 * amounts. Used for tables and the TCO of the mean replication. */
void cost_breakdown_mean(const cost_breakdown *b, size_t n, cost_breakdown *out);

/* Base-year activity for cost_tco: seats, minutes, contacts and the platform-independent
 * costs per year of breakdown b. */
cost_tco_year cost_breakdown_tco_year(const cost_breakdown *b);

/* The cost KPIs of one replication, in the cc_kpis form of cc_result.h (free with
 * cc_kpis_fini). Names, for the window unless they say year:
 *   cost.total_eur, cost.year_eur, cost.per_answered_contact_eur, cost.per_resolved_need_eur,
 *   cost.people_eur, cost.people_share, cost.line.<line>_eur (cost_line_name),
 *   cost.channel.<channel>_eur, cost.site.<site>_eur,
 *   sla.<outsourcer>.miss_probability   (this replication's share of periods missed),
 *   sla.<outsourcer>.periods, sla.<outsourcer>.service_level,
 *   sla.<outsourcer>.penalty_eur        (window),
 *   sla.<outsourcer>.expected_penalty_year_eur (miss share x penalty x periods per year).
 * The list depends only on the scenario's names (sites: the groups' site labels in order of
 * first appearance, then the outsourcers). SIM_OK, SIM_EINVAL, SIM_ENOMEM. */
sim_status cost_kpis_from_rep(cc_kpis *out, const cc_rep *rep, const scenario *scn,
                              sim_error *err);

/* The same KPIs written into caller storage: names[0..max-1], values[0..max-1], *n set to
 * the count. The signature of study_kpi_hook (models/study.h), so compare/sweep/roadmap can
 * plug the cost model in; ctx is unused (NULL). Thread-safe (no shared state). SIM_ELIMIT
 * when more than max KPIs would be written, SIM_EINVAL, SIM_ENOMEM. */
sim_status cost_kpis_hook(void *ctx, const scenario *scn, const cc_rep *rep,
                          char (*names)[CC_KPI_NAME_MAX], double *values, size_t max, size_t *n,
                          sim_error *err);

/* Append src's KPIs to dst (for one vector holding model and cost KPIs). SIM_OK or
 * SIM_ENOMEM (dst unchanged). */
sim_status cost_kpis_append(cc_kpis *dst, const cc_kpis *src, sim_error *err);

/* Cost KPIs of reps[0..n-1] as a cc_summary (R x K values kept for paired differences, CI
 * per KPI skipping NaN replications; no per-interval part: n_intervals 0, intervals NULL).
 * Free with cc_summary_free. NULL with err set on failure. */
cc_summary *cost_summary_new(const cc_rep *reps, size_t n, const scenario *scn, double level,
                             sim_error *err);

#endif /* COST_H */
