/* cost_tco.c -- on-premise against cloud per year, TCO, NPV and crossovers (cost_tco.h).
 *
 * Plain arithmetic; docs/costs.md has the formulas. The only subtle parts are the
 * investment calendar (capex in the base year and every round(D) years while the
 * on-premise platform is fully in use) and fractional depreciation periods, where the last
 * year carries the remaining fraction: an investment of year t depreciates capex/D times the
 * overlap of [t, t + D) with [year, year + 1).
 */
#include "cost_tco.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const line_names[COST_LINE_COUNT] = {
    "agents",      "supervisors", "overhead",    "outsourcing", "sla",         "telephony",
    "depreciation", "maintenance", "licences",   "cloud_seats", "cloud_usage", "migration",
};

const char *cost_line_name(cost_line line)
{
    return (unsigned)line < COST_LINE_COUNT ? line_names[line] : "?";
}

const char *cost_tco_strategy_name(cost_tco_strategy s)
{
    return s == COST_TCO_CLOUD ? "cloud" : "on_premise";
}

cost_tco_strategy cost_tco_plan(const scenario_costs *c)
{
    if (c->platform == SCENARIO_PLATFORM_CLOUD || c->migration_year != 0)
        return COST_TCO_CLOUD;
    return COST_TCO_ON_PREMISE;
}

int cost_tco_migration_year(const scenario_costs *c, int base_year, cost_tco_strategy s)
{
    if (s != COST_TCO_CLOUD || c->platform == SCENARIO_PLATFORM_CLOUD)
        return 0;
    return c->migration_year != 0 ? c->migration_year : base_year;
}

/* Years between on-premise investments: the depreciation period rounded, at least 1. */
static int reinvest_every(const scenario_costs *c)
{
    double d = floor(c->depreciation_years + 0.5);
    return d < 1.0 ? 1 : (int)d;
}

/* Share of year y the on-premise platform runs (maintenance and licences), and whether the
 * cloud runs that year. */
static double onprem_share(const scenario_costs *c, int base_year, cost_tco_strategy s, int y)
{
    if (s == COST_TCO_ON_PREMISE)
        return 1.0;
    int m = cost_tco_migration_year(c, base_year, s);
    if (m == 0)
        return 0.0; /* on the cloud from the start */
    if (y < m)
        return 1.0;
    double left = c->migration_months / 12.0 - (double)(y - m);
    return left <= 0.0 ? 0.0 : left >= 1.0 ? 1.0 : left;
}

static int cloud_runs(const scenario_costs *c, int base_year, cost_tco_strategy s, int y)
{
    if (s != COST_TCO_CLOUD)
        return 0;
    int m = cost_tco_migration_year(c, base_year, s);
    return m == 0 || y >= m;
}

/* 1 when strategy s invests capex in year t (t >= base_year). */
static int invests(const scenario_costs *c, int base_year, cost_tco_strategy s, int t)
{
    if (t < base_year || (t - base_year) % reinvest_every(c) != 0)
        return 0;
    if (s == COST_TCO_ON_PREMISE)
        return 1;
    int m = cost_tco_migration_year(c, base_year, s);
    return m != 0 && t < m;
}

void cost_tco_platform_year(const scenario_costs *c, int base_year, cost_tco_strategy s,
                            int year, double seats, double minutes, double *capex_eur,
                            double lines_eur[COST_LINE_COUNT])
{
    for (size_t i = 0; i < COST_LINE_COUNT; i++)
        lines_eur[i] = 0.0;
    double d = c->depreciation_years > 0.0 ? c->depreciation_years : 1.0;
    /* Depreciation of every investment still being written off in `year`. */
    double dep = 0.0;
    for (int t = base_year; t <= year; t++) {
        if (!invests(c, base_year, s, t))
            continue;
        double from = (double)(year - t), to = from + 1.0; /* [year, year+1) in years after t */
        double overlap = (to < d ? to : d) - from;
        if (overlap > 0.0)
            dep += c->capex_eur * overlap / d;
    }
    lines_eur[COST_LINE_DEPRECIATION] = dep;
    double o = onprem_share(c, base_year, s, year);
    lines_eur[COST_LINE_MAINTENANCE] =
        o * c->maintenance_per_year_eur *
        pow(1.0 + c->maintenance_growth_per_year, (double)(year - base_year));
    lines_eur[COST_LINE_LICENCES] = o * c->licence_per_seat_per_year_eur * seats;
    if (cloud_runs(c, base_year, s, year)) {
        lines_eur[COST_LINE_CLOUD_SEATS] = 12.0 * c->cloud_per_seat_per_month_eur * seats;
        lines_eur[COST_LINE_CLOUD_USAGE] = c->cloud_per_minute_eur * minutes;
    }
    int m = cost_tco_migration_year(c, base_year, s);
    if (m != 0 && year == m)
        lines_eur[COST_LINE_MIGRATION] = c->migration_cost_eur;
    if (capex_eur != NULL)
        *capex_eur = invests(c, base_year, s, year) ? c->capex_eur : 0.0;
}

double cost_tco_npv(const double *flows, size_t n, double rate)
{
    /* Horner-like accumulation would change the rounding of the documented formula; the
     * direct sum keeps the test's hand computation exact to the last bits. */
    double npv = 0.0, f = 1.0;
    for (size_t k = 0; k < n; k++) {
        npv += flows[k] / f;
        f *= 1.0 + rate;
    }
    return npv;
}

static void crossovers(const scenario_costs *c, int base_year, const cost_tco_year *y0,
                       cost_tco *out)
{
    double d = c->depreciation_years > 0.0 ? c->depreciation_years : 1.0;
    double fixed = c->capex_eur / d;                   /* annualised investment */
    double cloud = 12.0 * c->cloud_per_seat_per_month_eur * y0->seats +
                   c->cloud_per_minute_eur * y0->minutes;
    double lic = c->licence_per_seat_per_year_eur * y0->seats;
    double m0 = c->maintenance_per_year_eur;
    double g = c->maintenance_growth_per_year;
    /* Run rate: fixed + m0 (1+g)^t + lic = cloud. */
    double gap0 = fixed + m0 + lic - cloud;            /* > 0: on-premise dearer now */
    out->crossover_t_years = (double)NAN;
    out->crossover_year = 0;
    if (gap0 >= 0.0) {
        out->crossover_t_years = 0.0;
    } else if (g > 0.0 && m0 > 0.0) {
        double ratio = (cloud - fixed - lic) / m0;     /* > 1 here */
        out->crossover_t_years = log(ratio) / log1p(g);
    }
    if (!isnan(out->crossover_t_years))
        out->crossover_year = base_year + (int)ceil(out->crossover_t_years - 1e-12);
    /* Volume: fixed + m0 + lic v = cloud v. */
    double per_v = cloud - lic;
    out->crossover_scale = (double)NAN;
    if (y0->seats > 0.0 || y0->minutes > 0.0) {
        if (per_v > 0.0)
            out->crossover_scale = (fixed + m0) / per_v;
        else
            out->crossover_scale = (double)INFINITY;
    }
    out->crossover_seats = out->crossover_scale * y0->seats;
    out->crossover_contacts_per_year = out->crossover_scale * y0->contacts;
}

sim_status cost_tco_compute(const scenario_costs *c, int base_year, const cost_tco_year *years,
                            size_t n, cost_tco *out, sim_error *err)
{
    memset(out, 0, sizeof *out);
    if (n == 0 || n > COST_TCO_MAX_YEARS)
        return sim_error_set(err, SIM_EINVAL, "years", "need 1..%d years, got %zu",
                             COST_TCO_MAX_YEARS, n);
    if (!(c->discount_rate > -1.0))
        return sim_error_set(err, SIM_EINVAL, "costs.discount_rate", "must be > -1, got %g",
                             c->discount_rate);
    for (size_t k = 0; k < n; k++) {
        const cost_tco_year *y = &years[k];
        if (k > 0 && y->year != years[k - 1].year + 1)
            return sim_error_set(err, SIM_EINVAL, "years",
                                 "years must be consecutive (%d follows %d)", y->year,
                                 years[k - 1].year);
        if (!(y->seats >= 0.0) || !(y->minutes >= 0.0) || !(y->contacts >= 0.0) ||
            !isfinite(y->seats) || !isfinite(y->minutes) || !isfinite(y->contacts) ||
            !isfinite(y->other_eur))
            return sim_error_set(err, SIM_EINVAL, "years",
                                 "year %d: seats, minutes and contacts must be finite and >= 0",
                                 y->year);
    }
    out->base_year = base_year;
    out->discount_rate = c->discount_rate;
    out->n_years = n;
    out->plan = cost_tco_plan(c);
    double cash[COST_TCO_STRATEGY_COUNT][COST_TCO_MAX_YEARS];
    double plat[COST_TCO_STRATEGY_COUNT][COST_TCO_MAX_YEARS];
    for (int s = 0; s < COST_TCO_STRATEGY_COUNT; s++) {
        out->migration_year[s] = cost_tco_migration_year(c, base_year, (cost_tco_strategy)s);
        for (size_t k = 0; k < n; k++) {
            cost_tco_row *r = &out->rows[k];
            cost_tco_flow *f = &r->s[s];
            r->in = years[k];
            cost_tco_platform_year(c, base_year, (cost_tco_strategy)s, years[k].year,
                                   years[k].seats, years[k].minutes, &f->capex_eur,
                                   f->lines_eur);
            double run = 0.0;
            for (int i = COST_LINE_MAINTENANCE; i < COST_LINE_COUNT; i++)
                run += f->lines_eur[i];
            f->platform_cash_eur = f->capex_eur + run;
            f->cash_eur = f->platform_cash_eur + years[k].other_eur;
            f->accounting_eur = f->lines_eur[COST_LINE_DEPRECIATION] + run + years[k].other_eur;
            cash[s][k] = f->cash_eur;
            plat[s][k] = f->platform_cash_eur;
            out->total_cash_eur[s] += f->cash_eur;
        }
        out->npv_eur[s] = cost_tco_npv(cash[s], n, c->discount_rate);
        out->platform_npv_eur[s] = cost_tco_npv(plat[s], n, c->discount_rate);
    }
    int yr[COST_TCO_MAX_YEARS];
    for (size_t k = 0; k < n; k++)
        yr[k] = years[k].year;
    cost_tco_verdict v;
    cost_tco_verdict_of(yr, cash[COST_TCO_ON_PREMISE], cash[COST_TCO_CLOUD], n,
                        out->migration_year[COST_TCO_CLOUD], &v);
    out->payback_year = v.payback_year;
    crossovers(c, base_year, &years[0], out);
    return SIM_OK;
}

sim_status cost_tco_years_project(const scenario *scn, const cost_tco_year *base,
                                  cost_tco_year *years, size_t max, size_t *n, sim_error *err)
{
    int first, last;
    if (scn->roadmap.present) {
        first = scn->roadmap.first_year;
        last = scn->roadmap.last_year;
    } else {
        double d = ceil(scn->costs.depreciation_years);
        first = scn->year;
        last = scn->year + (d < 1.0 ? 1 : (int)d) - 1;
    }
    *n = 0;
    if (last < first)
        last = first;
    size_t count = (size_t)(last - first) + 1;
    if (count > max)
        return sim_error_set(err, SIM_EINVAL, "roadmap", "%zu years exceed the limit of %zu",
                             count, max);
    double growth = scn->roadmap.present ? scn->roadmap.volume_growth_per_year : 0.0;
    for (size_t k = 0; k < count; k++) {
        int y = first + (int)k;
        double v = pow(1.0 + growth, (double)(y - scn->year));
        years[k] = (cost_tco_year){y, base->seats * v, base->minutes * v, base->contacts * v,
                                   base->other_eur * v};
    }
    *n = count;
    return SIM_OK;
}

void cost_tco_verdict_of(const int *years, const double *on_premise_cash,
                         const double *cloud_cash, size_t n, int from_year,
                         cost_tco_verdict *out)
{
    memset(out, 0, sizeof *out);
    out->n_years = n;
    if (n == 0)
        return;
    out->first_year = years[0];
    out->last_year = years[n - 1];
    /* Both "from" years are found walking back from the last year: the first year of the
     * final run in which the condition holds in every year. */
    for (size_t k = 0; k < n; k++) {
        double d = cloud_cash[k] - on_premise_cash[k];
        out->total_diff_eur += d;
        out->cloud_cheaper_years += d < 0.0;
    }
    for (size_t k = n; k-- > 0;) {
        if (cloud_cash[k] > on_premise_cash[k])
            break;
        out->cloud_cheaper_from = years[k];
    }
    for (size_t k = 0; k < n; k++) {
        if (out->cloud_cheaper_from != 0 && years[k] >= out->cloud_cheaper_from)
            break;
        out->years_before++;
        out->dearer_before += cloud_cash[k] > on_premise_cash[k];
    }
    double cum = out->total_diff_eur;
    for (size_t k = n; k-- > 0;) {
        /* cum is the cumulative difference through year k */
        if (cum > 0.0 || years[k] < from_year)
            break;
        out->payback_year = years[k];
        cum -= cloud_cash[k] - on_premise_cash[k];
    }
}

/* EUR with thousands separators, rounded to whole euros ("12,345,678"). */
static void eur_text(double x, char *buf, size_t len)
{
    char digits[64];
    snprintf(digits, sizeof digits, "%.0f", fabs(x));
    size_t nd = strlen(digits), o = 0;
    char tmp[64];
    if (x < 0 && strcmp(digits, "0") != 0)
        tmp[o++] = '-';
    for (size_t i = 0; i < nd && o + 3 < sizeof tmp; i++) {
        if (i > 0 && (nd - i) % 3 == 0)
            tmp[o++] = ',';
        tmp[o++] = digits[i];
    }
    tmp[o] = '\0';
    snprintf(buf, len, "%s", tmp);
}

size_t cost_tco_verdict_text(const cost_tco_verdict *v, char *buf, size_t len)
{
    char eur[96];
    int k = 0;
    if (len > 0)
        buf[0] = '\0';
    if (v->n_years == 0)
        return (size_t)snprintf(buf, len, "No years of cash to compare.");
    eur_text(fabs(v->total_diff_eur), eur, sizeof eur);
    if (v->cloud_cheaper_from == v->first_year)
        k = snprintf(buf, len, "The cloud costs no more than on-premise in every year from %d "
                     "to %d. ", v->first_year, v->last_year);
    else if (v->cloud_cheaper_from == v->last_year)
        k = snprintf(buf, len, "The cloud is cheaper from %d, the last year shown; before %d "
                     "it costs more than on-premise in %zu of %zu years. ",
                     v->cloud_cheaper_from, v->cloud_cheaper_from, v->dearer_before,
                     v->years_before);
    else if (v->cloud_cheaper_from != 0)
        k = snprintf(buf, len, "The cloud is cheaper from %d to %d; before %d it costs more "
                     "than on-premise in %zu of %zu years. ", v->cloud_cheaper_from,
                     v->last_year, v->cloud_cheaper_from, v->dearer_before, v->years_before);
    else
        k = snprintf(buf, len, "The cloud is not cheaper by %d: it costs more than on-premise "
                     "in %d (cheaper in %zu of the %zu years). ", v->last_year, v->last_year,
                     v->cloud_cheaper_years, v->n_years);
    if (k < 0)
        return 0;
    size_t used = (size_t)k;
    int m;
    char *rest = used < len ? buf + used : NULL;
    size_t rlen = used < len ? len - used : 0;
    if (v->payback_year != 0)
        m = snprintf(rest, rlen, "Cumulative cloud cash is at or below on-premise's from %d "
                     "to %d (payback in %d); over %d-%d the cloud %s EUR %s.",
                     v->payback_year, v->last_year, v->payback_year, v->first_year,
                     v->last_year, v->total_diff_eur <= 0 ? "saves" : "costs", eur);
    else
        m = snprintf(rest, rlen, "No payback by %d: cumulative cloud cash is above "
                     "on-premise's in %d; over %d-%d the cloud costs EUR %s more.",
                     v->last_year, v->last_year, v->first_year, v->last_year, eur);
    return used + (m > 0 ? (size_t)m : 0);
}

cost_tco_delivery cost_tco_line_delivery(const char *name)
{
    static const cost_tco_delivery of[COST_LINE_COUNT] = {
        [COST_LINE_AGENTS] = COST_TCO_IN_HOUSE,        [COST_LINE_SUPERVISORS] = COST_TCO_IN_HOUSE,
        [COST_LINE_OVERHEAD] = COST_TCO_IN_HOUSE,      [COST_LINE_OUTSOURCING] = COST_TCO_OUTSOURCED,
        [COST_LINE_SLA] = COST_TCO_OUTSOURCED,         [COST_LINE_TELEPHONY] = COST_TCO_PLATFORM,
        [COST_LINE_DEPRECIATION] = COST_TCO_PLATFORM,  [COST_LINE_MAINTENANCE] = COST_TCO_PLATFORM,
        [COST_LINE_LICENCES] = COST_TCO_PLATFORM,      [COST_LINE_CLOUD_SEATS] = COST_TCO_PLATFORM,
        [COST_LINE_CLOUD_USAGE] = COST_TCO_PLATFORM,   [COST_LINE_MIGRATION] = COST_TCO_PLATFORM};
    for (int i = 0; i < COST_LINE_COUNT; i++)
        if (strcmp(name, cost_line_name((cost_line)i)) == 0)
            return of[i];
    return COST_TCO_PLATFORM;
}
