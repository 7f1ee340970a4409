/* cost_sla.c -- SLA periods, penalties and miss probability of outsourcers (cost_sla.h).
 *
 * Periods are read from the per-interval pool series, so the cost is O(rows) per
 * outsourcer and replication and nothing is kept beyond the replication's own series. The
 * miss probability is pooled over (replication, period) pairs; its interval is a Student-t
 * interval over the replications' miss shares, because periods of one replication are not
 * independent of each other (a backlog carries over), while replications are.
 */
#include "cost_sla.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cost_tco.h"
#include "scenario.h"
#include "sim_alloc.h"
#include "sim_tally.h"

#define SLA_NAN ((double)NAN)

double cost_sla_period_s(const scenario *scn, scenario_sla_period period)
{
    switch (period) {
    case SCENARIO_SLA_INTERVAL:
        return scn->interval_s;
    case SCENARIO_SLA_DAY:
        return 86400.0;
    case SCENARIO_SLA_WEEK:
        return 7.0 * 86400.0;
    case SCENARIO_SLA_MONTH:
    default:
        return 30.0 * 86400.0;
    }
}

/* Pool index of outsourcer o in rep, or SIZE_MAX. */
static size_t outsourcer_pool(const cc_rep *rep, size_t o)
{
    for (size_t p = 0; p < rep->n_pools; p++) {
        if (rep->pools[p].is_outsourcer && rep->pools[p].source == o)
            return p;
    }
    return (size_t)-1;
}

static size_t rows_per_period(const scenario *scn, const cc_rep *rep, size_t o)
{
    double r = cost_sla_period_s(scn, scn->outsourcers[o].sla_period) / rep->interval_s;
    return r < 1.0 ? 1 : (size_t)floor(r + 0.5);
}

size_t cost_sla_period_count(const scenario *scn, const cc_rep *rep, size_t outsourcer)
{
    if (outsourcer >= scn->n_outsourcers || rep->n_intervals == 0 || !(rep->interval_s > 0.0))
        return 0;
    if (rep->folded)
        return scn->outsourcers[outsourcer].sla_period >= SCENARIO_SLA_WEEK ? 1 : 0;
    size_t r = rows_per_period(scn, rep, outsourcer);
    return (rep->n_intervals + r - 1) / r;
}

sim_status cost_sla_period_get(const scenario *scn, const cc_rep *rep, size_t outsourcer,
                               size_t period, cost_sla_period *out, sim_error *err)
{
    memset(out, 0, sizeof *out);
    out->service_level = out->abandon_share = SLA_NAN;
    if (outsourcer >= scn->n_outsourcers)
        return sim_error_set(err, SIM_EINVAL, "outsourcer", "no outsourcer %zu (of %zu)",
                             outsourcer, scn->n_outsourcers);
    size_t pool = outsourcer_pool(rep, outsourcer);
    if (pool == (size_t)-1)
        return sim_error_set(err, SIM_EINVAL, "outsourcer",
                             "the replication has no pool for outsourcer '%s'",
                             scn->outsourcers[outsourcer].name);
    size_t count = cost_sla_period_count(scn, rep, outsourcer);
    if (period >= count)
        return sim_error_set(err, SIM_EINVAL, "period", "no period %zu (of %zu)", period,
                             count);
    size_t r0, r1;
    if (rep->folded) {
        r0 = 0;
        r1 = rep->n_intervals;
        out->partial = 1;
    } else {
        size_t r = rows_per_period(scn, rep, outsourcer);
        r0 = period * r;
        r1 = r0 + r;
        if (r1 > rep->n_intervals) {
            r1 = rep->n_intervals;
            out->partial = 1;
        }
        /* Warm-up: intervals before stats_start_s hold no counted contacts. */
        if ((double)r0 * rep->interval_s < rep->stats_start_s - 1e-9)
            out->partial = 1;
    }
    for (size_t i = r0; i < r1; i++) {
        out->answered += *cc_rep_pv(rep, i, pool, CC_PV_ANSWERED);
        out->answered_within += *cc_rep_pv(rep, i, pool, CC_PV_ANSWERED_WITHIN_SLA);
        out->abandoned += *cc_rep_pv(rep, i, pool, CC_PV_ABANDONED);
    }
    double n = out->answered + out->abandoned;
    if (n > 0.0) {
        const scenario_outsourcer *os = &scn->outsourcers[outsourcer];
        out->measured = 1;
        out->service_level = out->answered_within / n;
        out->abandon_share = out->abandoned / n;
        out->missed = out->service_level < os->sl_target || out->abandon_share > os->abandon_ceiling;
    }
    return SIM_OK;
}

sim_status cost_sla_rep_eval(const scenario *scn, const cc_rep *rep, size_t outsourcer,
                             cost_sla_rep *out, sim_error *err)
{
    memset(out, 0, sizeof *out);
    out->miss_share = SLA_NAN;
    if (outsourcer >= scn->n_outsourcers)
        return sim_error_set(err, SIM_EINVAL, "outsourcer", "no outsourcer %zu (of %zu)",
                             outsourcer, scn->n_outsourcers);
    const scenario_outsourcer *os = &scn->outsourcers[outsourcer];
    size_t count = cost_sla_period_count(scn, rep, outsourcer);
    for (size_t p = 0; p < count; p++) {
        cost_sla_period pr;
        sim_status st = cost_sla_period_get(scn, rep, outsourcer, p, &pr, err);
        if (st != SIM_OK)
            return st;
        if (!pr.measured)
            continue;
        out->periods++;
        out->partial += (size_t)pr.partial;
        out->answered += pr.answered;
        out->answered_within += pr.answered_within;
        out->abandoned += pr.abandoned;
        if (pr.missed) {
            out->missed++;
            out->missed_sl += pr.service_level < os->sl_target;
            out->missed_abandon += pr.abandon_share > os->abandon_ceiling;
        }
    }
    double window = rep->stats_end_s - rep->stats_start_s;
    double len = cost_sla_period_s(scn, os->sla_period);
    if (os->sla_period <= SCENARIO_SLA_DAY && !rep->folded) {
        out->horizon_periods = (double)out->periods;
        out->periods_per_year =
            window > 0.0 ? (double)out->periods * COST_SECONDS_PER_YEAR / window : 0.0;
    } else {
        out->horizon_periods = window > 0.0 ? window / len : 0.0;
        out->periods_per_year = COST_SECONDS_PER_YEAR / len;
    }
    if (out->periods > 0) {
        out->miss_share = (double)out->missed / (double)out->periods;
        out->penalty_eur = out->miss_share * out->horizon_periods * os->penalty_eur;
        out->bonus_eur = (1.0 - out->miss_share) * out->horizon_periods * os->bonus_eur;
    }
    return SIM_OK;
}

sim_status cost_sla_risk_compute(const scenario *scn, const cc_rep *reps, size_t n,
                                 size_t outsourcer, double level, cost_sla_risk *out,
                                 sim_error *err)
{
    memset(out, 0, sizeof *out);
    out->outsourcer = outsourcer;
    out->miss_probability = out->service_level = SLA_NAN;
    if (outsourcer >= scn->n_outsourcers)
        return sim_error_set(err, SIM_EINVAL, "outsourcer", "no outsourcer %zu (of %zu)",
                             outsourcer, scn->n_outsourcers);
    const scenario_outsourcer *os = &scn->outsourcers[outsourcer];
    sim_tally shares, ppy;
    sim_tally_init(&shares);
    sim_tally_init(&ppy);
    double ans = 0.0, within = 0.0, ab = 0.0;
    for (size_t r = 0; r < n; r++) {
        cost_sla_rep sr;
        sim_status st = cost_sla_rep_eval(scn, &reps[r], outsourcer, &sr, err);
        if (st != SIM_OK)
            return st;
        sim_tally_add(&ppy, sr.periods_per_year);
        if (sr.periods == 0)
            continue;
        out->reps++;
        out->periods += sr.periods;
        out->missed += sr.missed;
        out->partial += sr.partial;
        ans += sr.answered;
        within += sr.answered_within;
        ab += sr.abandoned;
        sim_tally_add(&shares, sr.miss_share);
    }
    out->miss_share_ci = sim_ci_from_tally_scaled(&shares, level, SIM_CI_LOGIT);
    out->periods_per_year = ppy.n > 0 ? ppy.mean : 0.0;
    if (out->periods > 0) {
        double p = (double)out->missed / (double)out->periods;
        out->miss_probability = p;
        out->service_level = ans + ab > 0.0 ? within / (ans + ab) : SLA_NAN;
        out->expected_penalty_per_period_eur = p * os->penalty_eur;
        out->expected_bonus_per_period_eur = (1.0 - p) * os->bonus_eur;
        out->expected_penalty_year_eur = out->expected_penalty_per_period_eur *
                                         out->periods_per_year;
        out->expected_bonus_year_eur = out->expected_bonus_per_period_eur *
                                       out->periods_per_year;
    }
    return SIM_OK;
}
