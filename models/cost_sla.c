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

#include "cost.h"
#include "scenario.h"
#include "sim_alloc.h"
#include "sim_tally.h"

#define SLA_NAN ((double)NAN)
#define SWEEP_MAX_SETS 64

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

/* The override that sets target's agents to `agents`, or SIM_EINVAL. */
static sim_status sweep_set(const scenario *scn, const char *target, long agents, char *buf,
                            size_t n, sim_error *err)
{
    if (scenario_find_outsourcer(scn, target) != SCENARIO_NONE) {
        snprintf(buf, n, "outsourcers.%s.agents=%ld", target, agents);
        return SIM_OK;
    }
    size_t g = scenario_find_group(scn, target);
    if (g == SCENARIO_NONE)
        return sim_error_set(err, SIM_EINVAL, "--sla-sweep",
                             "'%s' is neither an outsourcer nor a group of the scenario", target);
    if (scn->groups[g].staffing != SCENARIO_STAFFING_FIXED)
        return sim_error_set(err, SIM_EINVAL, "--sla-sweep",
                             "group '%s' is not fixed staffing: its agents cannot be swept",
                             target);
    if (scn->groups[g].implicit)
        snprintf(buf, n, "channels.%s.agents=%ld", target, agents);
    else
        snprintf(buf, n, "groups.%s.agents=%ld", target, agents);
    return SIM_OK;
}

static sim_status sweep_point(const scenario *scn, const cc_options *opts, size_t reps,
                              int threads, volatile sig_atomic_t *interrupted,
                              cost_sla_sweep_point *pt, sim_error *err)
{
    cc_rep *rr = sim_calloc(reps, sizeof *rr);
    if (rr == NULL)
        return sim_error_set(err, SIM_ENOMEM, "", "out of memory for %zu replications", reps);
    sim_status st = cc_model_run_replications(scn, opts, reps, threads, interrupted, NULL, NULL,
                                              rr, err);
    sim_tally cost, sl;
    sim_tally_init(&cost);
    sim_tally_init(&sl);
    pt->n_outsourcers = scn->n_outsourcers;
    for (size_t o = 0; st == SIM_OK && o < scn->n_outsourcers; o++)
        st = cost_sla_risk_compute(scn, rr, reps, o, scn->confidence, &pt->risk[o], err);
    cost_breakdown *b = st == SIM_OK ? sim_malloc(sizeof *b) : NULL;
    if (st == SIM_OK && b == NULL)
        st = sim_error_set(err, SIM_ENOMEM, "", "out of memory for a cost breakdown");
    for (size_t r = 0; st == SIM_OK && r < reps; r++) {
        st = cost_breakdown_compute(scn, &rr[r], scn->year, b, err);
        if (st == SIM_OK)
            sim_tally_add(&cost, b->total_eur * b->year_factor);
        double within = 0.0, den = 0.0;
        for (size_t c = 0; c < rr[r].n_channels; c++) {
            scenario_channel_kind k = scn->channels[c].kind;
            if (k != SCENARIO_CHANNEL_VOICE && k != SCENARIO_CHANNEL_VIDEO &&
                k != SCENARIO_CHANNEL_CHAT)
                continue;
            within += (double)rr[r].channels[c].answered_within;
            den += (double)(rr[r].channels[c].answered + rr[r].channels[c].abandoned);
        }
        if (den > 0.0)
            sim_tally_add(&sl, within / den);
    }
    pt->year_eur = sim_ci_from_tally(&cost, scn->confidence);
    pt->service_level = sim_ci_from_tally_scaled(&sl, scn->confidence, SIM_CI_LOGIT);
    sim_free(b);
    for (size_t r = 0; r < reps; r++)
        cc_rep_fini(&rr[r]);
    sim_free(rr);
    return st;
}

sim_status cost_sla_sweep(const scenario *base, const scenario_load_opts *extra,
                          const cc_options *opts, const char *target,
                          long from, long to, long step, size_t reps, int threads,
                          volatile sig_atomic_t *interrupted, cost_sla_sweep_point *points,
                          size_t max_points, size_t *n_points, sim_error *err)
{
    *n_points = 0;
    if (step <= 0 || from < 0 || to < from)
        return sim_error_set(err, SIM_EINVAL, "--sla-sweep",
                             "need 0 <= FROM <= TO and STEP > 0, got %ld:%ld:%ld", from, to,
                             step);
    if (reps == 0)
        return sim_error_set(err, SIM_EINVAL, "replications", "need at least 1 replication");
    if (extra != NULL && extra->n_sets > SWEEP_MAX_SETS)
        return sim_error_set(err, SIM_EINVAL, "--set", "at most %d overrides with a sweep",
                             SWEEP_MAX_SETS);
    size_t count = (size_t)((to - from) / step) + 1;
    if (count > max_points)
        return sim_error_set(err, SIM_EINVAL, "--sla-sweep", "%zu points exceed the limit of %zu",
                             count, max_points);
    char set[SCENARIO_NAME_MAX + 64];
    sim_status st = sweep_set(base, target, from, set, sizeof set, err);
    if (st != SIM_OK)
        return st;
    for (size_t i = 0; i < count; i++) {
        long agents = from + (long)i * step;
        st = sweep_set(base, target, agents, set, sizeof set, err);
        if (st != SIM_OK)
            return st;
        const char *sets[SWEEP_MAX_SETS + 1];
        size_t n_sets = 0;
        for (size_t j = 0; extra != NULL && j < extra->n_sets && j < SWEEP_MAX_SETS; j++)
            sets[n_sets++] = extra->sets[j];
        sets[n_sets++] = set;
        scenario_load_opts lo = {extra != NULL ? extra->policies : NULL,
                                 extra != NULL ? extra->n_policies : 0, sets, n_sets, NULL};
        scenario *scn = NULL;
        st = scenario_derive(base, &lo, &scn, NULL);
        if (st != SIM_OK)
            return sim_error_set(err, st, "--sla-sweep", "cannot apply '%s' (%s)", set,
                                 sim_status_name(st));
        memset(&points[i], 0, sizeof points[i]);
        points[i].agents = agents;
        st = sweep_point(scn, opts, reps, threads, interrupted, &points[i], err);
        scenario_free(scn);
        if (st != SIM_OK)
            return st;
        *n_points = i + 1;
    }
    return SIM_OK;
}
