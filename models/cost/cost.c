/* cost.c -- the cost lines of one replication, their allocation to channels and sites, and
 * the cost KPI vector (cost.h).
 *
 * Every amount is computed for the statistics window of the replication; yearly platform
 * prices are pro-rated by W / (365 d). Allocation uses a single helper (spread) that splits
 * an amount over weights and falls back to an equal split over the eligible entries when all
 * weights are zero, so channel and site amounts always add up to the total (the tests check
 * it to 1e-9 relative).
 */
#include "cost.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cc_route.h"
#include "sim_alloc.h"
#include "sim_ci.h"
#include "sim_tally.h"

#define COST_NAN ((double)NAN)

/* Add amount to dst[i] in proportion to w[i] over the entries with eligible[i] != 0; with
 * zero total weight, equally over the eligible entries; with none eligible, equally over all
 * n (so nothing is ever lost). */
static void spread(double *dst, const double *w, const unsigned char *eligible, size_t n,
                   double amount)
{
    if (amount == 0.0 || n == 0)
        return;
    double sum = 0.0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (eligible == NULL || eligible[i]) {
            sum += w[i];
            k++;
        }
    }
    if (sum > 0.0) {
        for (size_t i = 0; i < n; i++) {
            if (eligible == NULL || eligible[i])
                dst[i] += amount * w[i] / sum;
        }
    } else if (k > 0) {
        for (size_t i = 0; i < n; i++) {
            if (eligible == NULL || eligible[i])
                dst[i] += amount / (double)k;
        }
    } else {
        for (size_t i = 0; i < n; i++)
            dst[i] += amount / (double)n;
    }
}

/* Sites: the groups' labels in order of first appearance, then one per outsourcer. */
static size_t site_find(const cost_breakdown *b, size_t n, const char *label)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(b->site[i], label) == 0)
            return i;
    }
    return n;
}

static size_t list_sites(const scenario *scn, cost_breakdown *b)
{
    size_t n = 0;
    for (size_t g = 0; g < scn->n_groups; g++) {
        if (site_find(b, n, scn->groups[g].site) == n) {
            snprintf(b->site[n], COST_SITE_NAME_MAX, "%s", scn->groups[g].site);
            n++;
        }
    }
    for (size_t o = 0; o < scn->n_outsourcers; o++) {
        snprintf(b->site[n], COST_SITE_NAME_MAX, "outsourcer-%s", scn->outsourcers[o].name);
        n++;
    }
    return n;
}

sim_status cost_breakdown_compute(const scenario *scn, const cc_rep *rep, int year,
                                  cost_breakdown *out, sim_error *err)
{
    memset(out, 0, sizeof *out);
    /* The routing policy's layout says which groups form each in-house pool (desk) and how a
     * desk's paid time splits over them (cc_route.h). */
    const cc_route_type *rt = cc_route_type_of(scn);
    if (rt == NULL)
        return sim_error_set(err, SIM_EINVAL, "routing.mode", "no routing policy for mode %d",
                             (int)scn->routing.mode);
    size_t n_in = rt->n_desks(scn);
    if (rep->n_channels != scn->n_channels || rep->n_pools != n_in + scn->n_outsourcers)
        return sim_error_set(err, SIM_EINVAL, "replication",
                             "does not match the scenario (%zu channels, %zu pools; expected "
                             "%zu, %zu)",
                             rep->n_channels, rep->n_pools, scn->n_channels,
                             n_in + scn->n_outsourcers);
    double window = rep->stats_end_s - rep->stats_start_s;
    if (!(window > 0.0))
        return sim_error_set(err, SIM_EINVAL, "replication", "empty statistics window");
    const scenario_costs *k = &scn->costs;
    size_t nc = scn->n_channels;
    out->year = year;
    out->platform = cost_tco_plan(k);
    out->window_s = window;
    out->year_factor = COST_SECONDS_PER_YEAR / window;
    out->n_channels = nc;
    out->n_outsourcers = scn->n_outsourcers;
    out->n_sites = list_sites(scn, out);
    size_t ns = out->n_sites;

    double gw[SCENARIO_MAX_GROUPS];
    sim_status st = cc_route_group_shares(rt, scn, gw, err);
    if (st != SIM_OK)
        return st;

    /* In-house work seconds per channel: the channel's work minus its outsourced share
     * (outsourced contacts assumed to have the channel's mean work). */
    double win[SCENARIO_MAX_CHANNELS] = {0};
    unsigned char agent_ch[SCENARIO_MAX_CHANNELS] = {0};
    for (size_t c = 0; c < nc; c++) {
        const cc_channel_totals *t = &rep->channels[c];
        if (!scenario_channel_kind_props(scn->channels[c].kind)->agent_time)
            continue;
        agent_ch[c] = 1;
        if (t->answered > 0)
            win[c] = t->work_s * (double)(t->answered - t->outsourced) / (double)t->answered;
    }

    /* People, per in-house pool and group. */
    double site_work[COST_MAX_SITES] = {0}; /* pool work by site, for shared lines */
    unsigned char inhouse_site[COST_MAX_SITES] = {0};
    for (size_t p = 0; p < rep->n_pools; p++) {
        const cc_pool_totals *pt = &rep->pools[p];
        if (pt->is_outsourcer)
            continue;
        out->seats += (double)pt->peak_agents;
        out->inhouse_minutes += pt->work_s / 60.0;
        unsigned char skill[SCENARIO_MAX_CHANNELS] = {0};
        double pool_cost = 0.0;
        for (size_t g = 0; g < scn->n_groups; g++) {
            if (rt->desk_of_group(scn, g) != p)
                continue;
            const scenario_group *grp = &scn->groups[g];
            double hours = pt->paid_s * gw[g] / 3600.0;
            double agents = hours * grp->cost_per_hour_eur;
            double sup = k->supervisor_ratio * hours * k->supervisor_cost_per_hour_eur;
            double ovh = k->overhead_ratio * (agents + sup);
            out->paid_hours += hours;
            out->lines_eur[COST_LINE_AGENTS] += agents;
            out->lines_eur[COST_LINE_SUPERVISORS] += sup;
            out->lines_eur[COST_LINE_OVERHEAD] += ovh;
            pool_cost += agents + sup + ovh;
            size_t s = site_find(out, ns, grp->site);
            out->site_eur[s] += agents + sup + ovh;
            site_work[s] += pt->work_s * gw[g];
            inhouse_site[s] = 1;
            for (size_t j = 0; j < grp->n_skills; j++)
                skill[grp->skills[j].channel] = 1;
            for (size_t j = 0; j < scn->routing.n_overflows; j++) {
                const scenario_overflow *ov = &scn->routing.overflows[j];
                if (ov->to_group == g)
                    skill[ov->channel] = 1;
            }
        }
        spread(out->channel_eur, win, skill, nc, pool_cost);
    }

    /* Outsourcers: fees and SLA. */
    for (size_t p = 0; p < rep->n_pools; p++) {
        const cc_pool_totals *pt = &rep->pools[p];
        if (!pt->is_outsourcer)
            continue;
        size_t o = pt->source;
        const scenario_outsourcer *os = &scn->outsourcers[o];
        double fees = os->pricing == SCENARIO_PRICE_PER_MINUTE
                          ? pt->work_s / 60.0 * os->price_eur
                          : (double)pt->answered * os->price_eur;
        st = cost_sla_rep_eval(scn, rep, o, &out->sla[o], err);
        if (st != SIM_OK)
            return st;
        double sla = out->sla[o].bonus_eur - out->sla[o].penalty_eur;
        out->outsourcer_fees_eur[o] = fees;
        out->lines_eur[COST_LINE_OUTSOURCING] += fees;
        out->lines_eur[COST_LINE_SLA] += sla;
        size_t s = ns - scn->n_outsourcers + o;
        out->site_eur[s] += fees + sla;
        site_work[s] += pt->work_s;
        double wo[SCENARIO_MAX_CHANNELS] = {0};
        for (size_t c = 0; c < nc; c++)
            wo[c] = (double)rep->channels[c].outsourced;
        spread(out->channel_eur, wo, os->serves, nc, fees + sla);
    }

    /* Telephony: line minutes of voice and video (talk and queue) and callbacks (talk). */
    double tel_min[SCENARIO_MAX_CHANNELS] = {0};
    for (size_t c = 0; c < nc; c++) {
        const cc_channel_totals *t = &rep->channels[c];
        scenario_line_use line = scenario_channel_kind_props(scn->channels[c].kind)->line;
        if (line == SCENARIO_LINE_TALK_AND_WAIT)
            tel_min[c] = (t->work_s + t->wait_s + t->abandon_wait_s) / 60.0;
        else if (line == SCENARIO_LINE_TALK)
            tel_min[c] = t->work_s / 60.0;
        out->telephony_minutes += tel_min[c];
        out->channel_eur[c] += tel_min[c] * k->telephony_per_minute_eur;
    }
    double tel = out->telephony_minutes * k->telephony_per_minute_eur;
    out->lines_eur[COST_LINE_TELEPHONY] = tel;
    spread(out->site_eur, site_work, NULL, ns, tel);

    /* Platform of the year, pro rata to the window. */
    double plat[COST_LINE_COUNT];
    cost_tco_platform_year(k, scn->year, out->platform, year, out->seats,
                           out->inhouse_minutes * out->year_factor, NULL, plat);
    double plat_sum = 0.0;
    for (int i = COST_LINE_DEPRECIATION; i < COST_LINE_COUNT; i++) {
        out->lines_eur[i] = plat[i] / out->year_factor;
        plat_sum += out->lines_eur[i];
    }
    spread(out->channel_eur, win, agent_ch, nc, plat_sum);
    spread(out->site_eur, site_work, inhouse_site, ns, plat_sum);

    for (int i = 0; i < COST_LINE_COUNT; i++)
        out->total_eur += out->lines_eur[i];
    out->people_eur = out->lines_eur[COST_LINE_AGENTS] + out->lines_eur[COST_LINE_SUPERVISORS];
    for (size_t c = 0; c < nc; c++) {
        if (agent_ch[c])
            out->contacts += (double)rep->channels[c].answered;
    }
    out->resolved_needs = (double)rep->needs.resolved;
    out->people_share = out->total_eur != 0.0 ? out->people_eur / out->total_eur : COST_NAN;
    out->per_contact_eur = out->contacts > 0.0 ? out->total_eur / out->contacts : COST_NAN;
    out->per_resolved_need_eur =
        out->resolved_needs > 0.0 ? out->total_eur / out->resolved_needs : COST_NAN;
    return SIM_OK;
}

void cost_breakdown_mean(const cost_breakdown *b, size_t n, cost_breakdown *out)
{
    *out = b[0];
    if (n > 1) {
        double f = 1.0 / (double)n;
#define MEAN(field)                                                                        \
    do {                                                                                   \
        double s_ = 0.0;                                                                   \
        for (size_t r_ = 0; r_ < n; r_++)                                                  \
            s_ += b[r_].field;                                                             \
        out->field = s_ * f;                                                               \
    } while (0)
        MEAN(window_s);
        MEAN(total_eur);
        MEAN(people_eur);
        MEAN(contacts);
        MEAN(resolved_needs);
        MEAN(paid_hours);
        MEAN(seats);
        MEAN(inhouse_minutes);
        MEAN(telephony_minutes);
        for (size_t i = 0; i < COST_LINE_COUNT; i++)
            MEAN(lines_eur[i]);
        for (size_t i = 0; i < out->n_channels; i++)
            MEAN(channel_eur[i]);
        for (size_t i = 0; i < out->n_sites; i++)
            MEAN(site_eur[i]);
        for (size_t i = 0; i < out->n_outsourcers; i++) {
            MEAN(outsourcer_fees_eur[i]);
            MEAN(sla[i].penalty_eur);
            MEAN(sla[i].bonus_eur);
        }
#undef MEAN
        out->year_factor = COST_SECONDS_PER_YEAR / out->window_s;
    }
    out->people_share = out->total_eur != 0.0 ? out->people_eur / out->total_eur : COST_NAN;
    out->per_contact_eur = out->contacts > 0.0 ? out->total_eur / out->contacts : COST_NAN;
    out->per_resolved_need_eur =
        out->resolved_needs > 0.0 ? out->total_eur / out->resolved_needs : COST_NAN;
}

cost_tco_year cost_breakdown_tco_year(const cost_breakdown *b)
{
    double other = 0.0;
    for (int i = 0; i < COST_LINE_DEPRECIATION; i++)
        other += b->lines_eur[i];
    return (cost_tco_year){b->year, b->seats, b->inhouse_minutes * b->year_factor,
                           b->contacts * b->year_factor, other * b->year_factor};
}

/* ---- KPIs ---------------------------------------------------------------------------- */

typedef struct cost_sink {
    size_t n, cap;
    char (*names)[CC_KPI_NAME_MAX];
    double *values;
} cost_sink;

static void put(cost_sink *s, double v, const char *a, const char *b, const char *c)
{
    if (s->names != NULL && s->n < s->cap) {
        snprintf(s->names[s->n], CC_KPI_NAME_MAX, "%s%s%s", a, b, c);
        s->values[s->n] = v;
    }
    s->n++;
}

static void emit(cost_sink *s, const cost_breakdown *b, const scenario *scn)
{
    put(s, b->total_eur, "cost.total_eur", "", "");
    put(s, b->total_eur * b->year_factor, "cost.year_eur", "", "");
    put(s, b->per_contact_eur, "cost.per_answered_contact_eur", "", "");
    put(s, b->per_resolved_need_eur, "cost.per_resolved_need_eur", "", "");
    put(s, b->people_eur, "cost.people_eur", "", "");
    put(s, b->people_share, "cost.people_share", "", "");
    for (int i = 0; i < COST_LINE_COUNT; i++)
        put(s, b->lines_eur[i], "cost.line.", cost_line_name((cost_line)i), "_eur");
    for (size_t c = 0; c < b->n_channels; c++)
        put(s, b->channel_eur[c], "cost.channel.", scn->channels[c].name, "_eur");
    for (size_t i = 0; i < b->n_sites; i++)
        put(s, b->site_eur[i], "cost.site.", b->site[i], "_eur");
    for (size_t o = 0; o < b->n_outsourcers; o++) {
        const cost_sla_rep *r = &b->sla[o];
        const char *nm = scn->outsourcers[o].name;
        double sl = r->answered + r->abandoned > 0.0
                        ? r->answered_within / (r->answered + r->abandoned)
                        : COST_NAN;
        put(s, r->miss_share, "sla.", nm, ".miss_probability");
        put(s, (double)r->periods, "sla.", nm, ".periods");
        put(s, sl, "sla.", nm, ".service_level_per_answered_abandoned");
        put(s, r->penalty_eur, "sla.", nm, ".penalty_eur");
        put(s, r->periods > 0 ? r->miss_share * scn->outsourcers[o].penalty_eur *
                                    r->periods_per_year
                              : COST_NAN,
            "sla.", nm, ".expected_penalty_year_eur");
    }
}

sim_status cost_kpis_from_rep(cc_kpis *out, const cc_rep *rep, const scenario *scn,
                              sim_error *err)
{
    memset(out, 0, sizeof *out);
    cost_breakdown *b = sim_malloc(sizeof *b);
    if (b == NULL)
        return sim_error_set(err, SIM_ENOMEM, "", "out of memory for a cost breakdown");
    sim_status st = cost_breakdown_compute(scn, rep, scn->year, b, err);
    if (st != SIM_OK) {
        sim_free(b);
        return st;
    }
    cost_sink s = {0, 0, NULL, NULL};
    emit(&s, b, scn);
    s.cap = s.n;
    s.n = 0;
    s.names = sim_calloc(s.cap, sizeof *s.names);
    s.values = sim_calloc(s.cap, sizeof *s.values);
    if (s.names == NULL || s.values == NULL) {
        sim_free(s.names);
        sim_free(s.values);
        sim_free(b);
        return sim_error_set(err, SIM_ENOMEM, "", "out of memory listing cost KPIs");
    }
    emit(&s, b, scn);
    sim_free(b);
    out->n = s.n;
    out->names = s.names;
    out->values = s.values;
    return SIM_OK;
}

sim_status cost_kpis_hook(void *ctx, const scenario *scn, const cc_rep *rep,
                          char (*names)[CC_KPI_NAME_MAX], double *values, size_t max, size_t *n,
                          sim_error *err)
{
    (void)ctx;
    *n = 0;
    cost_breakdown *b = sim_malloc(sizeof *b);
    if (b == NULL)
        return sim_error_set(err, SIM_ENOMEM, "", "out of memory for a cost breakdown");
    sim_status st = cost_breakdown_compute(scn, rep, scn->year, b, err);
    if (st == SIM_OK) {
        cost_sink s = {0, max, names, values};
        emit(&s, b, scn);
        if (s.n > max)
            st = sim_error_set(err, SIM_ELIMIT, "cost", "%zu cost KPIs exceed the room for %zu",
                               s.n, max);
        else
            *n = s.n;
    }
    sim_free(b);
    return st;
}

sim_status cost_kpis_append(cc_kpis *dst, const cc_kpis *src, sim_error *err)
{
    size_t n = dst->n + src->n;
    char(*names)[CC_KPI_NAME_MAX] = sim_calloc(n > 0 ? n : 1, sizeof *names);
    double *values = sim_calloc(n > 0 ? n : 1, sizeof *values);
    if (names == NULL || values == NULL) {
        sim_free(names);
        sim_free(values);
        return sim_error_set(err, SIM_ENOMEM, "", "out of memory appending KPIs");
    }
    if (dst->n > 0) {
        memcpy(names, dst->names, dst->n * sizeof *names);
        memcpy(values, dst->values, dst->n * sizeof *values);
    }
    if (src->n > 0) {
        memcpy(names + dst->n, src->names, src->n * sizeof *names);
        memcpy(values + dst->n, src->values, src->n * sizeof *values);
    }
    sim_free(dst->names);
    sim_free(dst->values);
    dst->names = names;
    dst->values = values;
    dst->n = n;
    return SIM_OK;
}

cc_summary *cost_summary_new(const cc_rep *reps, size_t n, const scenario *scn, double level,
                             sim_error *err)
{
    return cc_summary_new_kpis(reps, n, scn, level, cost_kpis_from_rep, err);
}
