/* out_cost.c -- see out_cost.h.
 *
 * costs.csv's rows are of several kinds in a fixed order; costs_row_at decodes row i into
 * its cells, so the field table reads every row the same way and nothing is allocated.
 */
#include "out_cost.h"

#include "out_money.h"

#include <math.h>
#include <string.h>

/* ---- shared ---------------------------------------------------------------------------- */

static const cost_study *study_of(const out_rows_cursor *c)
{
    return c->ctx;
}

static double out_cost_hw(const sim_ci *ci)
{
    return isfinite(ci->half_width) ? ci->half_width : 0.0;
}

static const char *period_name(scenario_sla_period p)
{
    static const char *const names[] = {"interval", "day", "week", "month"};
    return (unsigned)p < 4 ? names[p] : "?";
}

/* KPI fmt % name of the study (cost.line.%s_eur, cost.channel.%s_eur, ...). */
static sim_ci kpi_of(const cost_study *s, const char *fmt, const char *name)
{
    char full[CC_KPI_NAME_MAX + 16];
    snprintf(full, sizeof full, fmt, name);
    return cost_study_kpi(s, full);
}

/* ---- costs.csv ------------------------------------------------------------------------- */

typedef struct costs_row {
    char table[32];
    const char *key;
    int year;
    double value, half_width;
    const char *unit;
} costs_row;

/* The totals, in their order: key, KPI, unit. Not scaled to the year (they are per year or
 * per contact already). */
static const char *const out_cost_totals[][3] = {
    {"total", "cost.year_eur", "eur/year"},
    {"per_answered_contact", "cost.per_answered_contact_eur", "eur/contact"},
    {"per_resolved_need", "cost.per_resolved_need_eur", "eur/need"},
    {"people_share", "cost.people_share", "share"},
};
#define OUT_COST_N_TOTALS (sizeof out_cost_totals / sizeof out_cost_totals[0])
#define OUT_COST_N_CROSSOVER 5u

static size_t costs_n_rows(const void *ctx, const out_rows_cursor *parent)
{
    (void)parent;
    const cost_study *s = ctx;
    return (size_t)COST_LINE_COUNT + OUT_COST_N_TOTALS + s->scn->n_channels + s->mean.n_sites +
           (size_t)COST_TCO_STRATEGY_COUNT * (3 * s->tco.n_years + 3) + OUT_COST_N_CROSSOVER;
}

static void costs_scaled(costs_row *r, const char *table, const char *key, sim_ci ci,
                         double yf)
{
    snprintf(r->table, sizeof r->table, "%s", table);
    r->key = key;
    r->value = ci.mean * yf;
    r->half_width = ci.half_width * yf;
    r->unit = "eur/year";
}

/* The years ahead of strategy st: cash, platform_cash, accounting per year, then tco, npv,
 * migration_year. */
static void costs_tco_row(const cost_tco *t, int st, size_t i, costs_row *r)
{
    snprintf(r->table, sizeof r->table, "tco_%s", cost_tco_strategy_name((cost_tco_strategy)st));
    if (i < 3 * t->n_years) {
        const cost_tco_flow *f = &t->rows[i / 3].s[st];
        static const char *const keys[3] = {"cash", "platform_cash", "accounting"};
        const double v[3] = {f->cash_eur, f->platform_cash_eur, f->accounting_eur};
        r->key = keys[i % 3];
        r->year = t->rows[i / 3].in.year;
        r->value = v[i % 3];
        r->unit = "eur/year";
        return;
    }
    i -= 3 * t->n_years;
    static const char *const keys[3] = {"tco", "npv", "migration_year"};
    static const char *const units[3] = {"eur", "eur", "year"};
    const double v[3] = {t->total_cash_eur[st], t->npv_eur[st], t->migration_year[st]};
    r->key = keys[i];
    r->year = t->rows[0].in.year;
    r->value = v[i];
    r->unit = units[i];
}

static void costs_row_at(const cost_study *s, size_t i, costs_row *r)
{
    const scenario *scn = s->scn;
    double yf = s->mean.year_factor;
    r->year = scn->year;
    r->half_width = NAN;
    if (i < COST_LINE_COUNT) {
        const char *line = cost_line_name((cost_line)i);
        costs_scaled(r, "line", line, kpi_of(s, "cost.line.%s_eur", line), yf);
        return;
    }
    i -= COST_LINE_COUNT;
    if (i < OUT_COST_N_TOTALS) {
        sim_ci ci = cost_study_kpi(s, out_cost_totals[i][1]);
        costs_scaled(r, "total", out_cost_totals[i][0], ci, 1.0);
        r->unit = out_cost_totals[i][2];
        return;
    }
    i -= OUT_COST_N_TOTALS;
    if (i < scn->n_channels) {
        const char *ch = scn->channels[i].name;
        costs_scaled(r, "channel", ch, kpi_of(s, "cost.channel.%s_eur", ch), yf);
        return;
    }
    i -= scn->n_channels;
    if (i < s->mean.n_sites) {
        const char *site = s->mean.site[i];
        costs_scaled(r, "site", site, kpi_of(s, "cost.site.%s_eur", site), yf);
        return;
    }
    i -= s->mean.n_sites;
    const cost_tco *t = &s->tco;
    size_t per = 3 * t->n_years + 3;
    if (i < (size_t)COST_TCO_STRATEGY_COUNT * per) {
        costs_tco_row(t, (int)(i / per), i % per, r);
        return;
    }
    i -= (size_t)COST_TCO_STRATEGY_COUNT * per;
    static const char *const keys[OUT_COST_N_CROSSOVER] = {
        "run_rate_years", "run_rate_year", "volume_scale", "volume_seats", "payback_year"};
    static const char *const units[OUT_COST_N_CROSSOVER] = {"years", "year", "share", "seats",
                                                            "year"};
    const double v[OUT_COST_N_CROSSOVER] = {t->crossover_t_years, t->crossover_year,
                                            t->crossover_scale, t->crossover_seats,
                                            t->payback_year};
    snprintf(r->table, sizeof r->table, "crossover");
    r->key = keys[i];
    r->year = t->base_year;
    r->value = v[i];
    r->unit = units[i];
}

static void g_table(const out_rows_cursor *c, out_rows_value *v)
{
    costs_row r;
    costs_row_at(study_of(c), c->row, &r);
    snprintf(v->buf, sizeof v->buf, "%s", r.table);
    v->text = v->buf;
}

#define OUT_COST_ROW(fn, stmt)                                                              \
    static void fn(const out_rows_cursor *c, out_rows_value *v)                             \
    {                                                                                       \
        costs_row r;                                                                        \
        costs_row_at(study_of(c), c->row, &r);                                              \
        stmt;                                                                               \
    }
OUT_COST_ROW(g_key, v->text = r.key)
OUT_COST_ROW(g_year, v->integer = r.year)
OUT_COST_ROW(g_value, v->num = r.value)
OUT_COST_ROW(g_half_width, v->num = r.half_width)
OUT_COST_ROW(g_unit, v->text = r.unit)

static const out_rows_field costs_fields[] = {
    {.name = "table", .unit = "text", .kind = OUT_ROWS_TEXT, .get = g_table,
     .doc = "`line`, `total`, `channel`, `site`, `tco_on_premise`, `tco_cloud`, `crossover`"},
    {.name = "key", .unit = "text", .kind = OUT_ROWS_TEXT, .get = g_key,
     .doc = "the row within its table (cost line, channel, site, `cash`, `npv` ...)"},
    {.name = "year", .unit = "year", .kind = OUT_ROWS_INT, .get = g_year,
     .doc = "calendar year"},
    {.name = "value", .unit = "`unit`", .kind = OUT_ROWS_NUM, .get = g_value,
     .doc = "the value"},
    {.name = "half_width", .unit = "`unit`", .kind = OUT_ROWS_NUM, .get = g_half_width,
     .doc = "confidence half-width, empty for deterministic rows"},
    {.name = "unit", .unit = "text", .kind = OUT_ROWS_TEXT, .get = g_unit,
     .doc = "`eur/year`, `eur`, `eur/contact`, `share`, `year` ..."},
};

const out_rows_table out_cost_csv_table = {
    "costs.csv", costs_fields, sizeof costs_fields / sizeof costs_fields[0], costs_n_rows};

/* ---- sla.csv --------------------------------------------------------------------------- */

typedef struct sla_row {
    size_t o;                /* outsourcer */
    long agents;
    const cost_sla_risk *k;
} sla_row;

static size_t sla_n_rows(const void *ctx, const out_rows_cursor *parent)
{
    (void)parent;
    const cost_study *s = ctx;
    size_t n = s->scn->n_outsourcers;
    for (size_t i = 0; i < s->n_points; i++)
        n += s->points[i].n_outsourcers;
    return n;
}

/* Row i: the outsourcers at their own agents, then every sweep point's outsourcers, the
 * swept one at the point's agents. */
static void sla_row_at(const cost_study *s, size_t i, sla_row *r)
{
    const scenario *scn = s->scn;
    if (i < scn->n_outsourcers) {
        r->o = i;
        r->agents = (long)scn->outsourcers[i].agents;
        r->k = &s->risk[i];
        return;
    }
    i -= scn->n_outsourcers;
    size_t p = 0;
    while (i >= s->points[p].n_outsourcers)
        i -= s->points[p++].n_outsourcers;
    r->o = i;
    r->agents = strcmp(scn->outsourcers[i].name, s->sweep_target) == 0
                    ? s->points[p].agents
                    : (long)scn->outsourcers[i].agents;
    r->k = &s->points[p].risk[i];
}

#define OUT_COST_SLA(fn, stmt)                                                              \
    static void fn(const out_rows_cursor *c, out_rows_value *v)                             \
    {                                                                                       \
        sla_row r;                                                                          \
        sla_row_at(study_of(c), c->row, &r);                                                \
        const scenario_outsourcer *os = &study_of(c)->scn->outsourcers[r.o];                \
        (void)os;                                                                           \
        stmt;                                                                               \
    }
OUT_COST_SLA(s_outsourcer, v->text = os->name)
OUT_COST_SLA(s_agents, v->integer = r.agents)
OUT_COST_SLA(s_period, v->text = period_name(os->sla_period))
OUT_COST_SLA(s_target, v->num = os->sl_target)
OUT_COST_SLA(s_threshold, v->num = os->sl_threshold_s)
OUT_COST_SLA(s_ceiling, v->num = os->abandon_ceiling)
OUT_COST_SLA(s_periods, v->count = r.k->periods)
OUT_COST_SLA(s_missed, v->count = r.k->missed)
OUT_COST_SLA(s_partial, v->count = r.k->partial)
OUT_COST_SLA(s_p_miss, v->num = r.k->miss_probability)
OUT_COST_SLA(s_miss_lo, v->num = r.k->miss_share_ci.lo)
OUT_COST_SLA(s_miss_hi, v->num = r.k->miss_share_ci.hi)
OUT_COST_SLA(s_sl, v->num = r.k->service_level)
OUT_COST_SLA(s_penalty, v->num = os->penalty_eur)
OUT_COST_SLA(s_bonus, v->num = os->bonus_eur)
OUT_COST_SLA(s_per_year, v->num = r.k->periods_per_year)
OUT_COST_SLA(s_e_penalty, v->num = r.k->expected_penalty_year_eur)
OUT_COST_SLA(s_e_bonus, v->num = r.k->expected_bonus_year_eur)

static const out_rows_field sla_fields[] = {
    {.name = "outsourcer", .unit = "text", .kind = OUT_ROWS_TEXT, .get = s_outsourcer,
     .doc = "outsourcer name"},
    {.name = "agents", .unit = "agents", .kind = OUT_ROWS_INT, .get = s_agents,
     .doc = "its agents (a sweep point's for the swept outsourcer)"},
    {.name = "period", .unit = "text", .kind = OUT_ROWS_TEXT, .get = s_period,
     .doc = "SLA period: `interval`, `day`, `week` or `month`"},
    {.name = "target", .unit = "share", .kind = OUT_ROWS_NUM, .get = s_target,
     .doc = "service-level target of the SLA"},
    {.name = "threshold_s", .unit = "s", .kind = OUT_ROWS_NUM, .get = s_threshold,
     .doc = "its threshold"},
    {.name = "abandon_ceiling", .unit = "share", .kind = OUT_ROWS_NUM, .get = s_ceiling,
     .doc = "most abandonment the SLA allows"},
    {.name = "periods", .unit = "periods", .kind = OUT_ROWS_COUNT, .get = s_periods,
     .doc = "periods evaluated over the replications"},
    {.name = "missed", .unit = "periods", .kind = OUT_ROWS_COUNT, .get = s_missed,
     .doc = "of them, missed (SL < target or abandonment > ceiling)"},
    {.name = "partial", .unit = "periods", .kind = OUT_ROWS_COUNT, .get = s_partial,
     .doc = "of them, only partly simulated"},
    {.name = "miss_probability", .unit = "share", .kind = OUT_ROWS_NUM, .get = s_p_miss,
     .doc = "probability of missing a period"},
    {.name = "miss_lo", .unit = "share", .kind = OUT_ROWS_NUM, .get = s_miss_lo,
     .doc = "its lower confidence bound"},
    {.name = "miss_hi", .unit = "share", .kind = OUT_ROWS_NUM, .get = s_miss_hi,
     .doc = "its upper confidence bound"},
    {.name = "service_level_per_answered_abandoned", .unit = "share", .kind = OUT_ROWS_NUM,
     .get = s_sl, .doc = "the outsourcer's service level over the replications"},
    {.name = "penalty_eur", .unit = "EUR", .kind = OUT_ROWS_NUM, .get = s_penalty,
     .doc = "penalty per missed period"},
    {.name = "bonus_eur", .unit = "EUR", .kind = OUT_ROWS_NUM, .get = s_bonus,
     .doc = "bonus per met period"},
    {.name = "periods_per_year", .unit = "periods", .kind = OUT_ROWS_NUM, .get = s_per_year,
     .doc = "SLA periods in a year"},
    {.name = "expected_penalty_year_eur", .unit = "EUR/year", .kind = OUT_ROWS_NUM,
     .get = s_e_penalty, .doc = "expected penalties per year"},
    {.name = "expected_bonus_year_eur", .unit = "EUR/year", .kind = OUT_ROWS_NUM,
     .get = s_e_bonus, .doc = "expected bonuses per year"},
};

const out_rows_table out_cost_sla_table = {"sla.csv", sla_fields,
                                           sizeof sla_fields / sizeof sla_fields[0], sla_n_rows};

int out_cost_csv(FILE *fp, void *ctx)
{
    return out_rows_csv(fp, &out_cost_csv_table, ctx);
}

int out_cost_sla_csv(FILE *fp, void *ctx)
{
    return out_rows_csv(fp, &out_cost_sla_table, ctx);
}

/* ---- text ---------------------------------------------------------------------------- */

/* Euros in the printed tables (out_money.h). */
#define OUT_COST_EUR_MAX 48
#define EUR0(buf, x) out_money_eur((x), 0, (buf), sizeof(buf))
#define EUR2(buf, x) out_money_eur((x), 2, (buf), sizeof(buf))

int out_cost_print(FILE *fp, const cost_study *r)
{
    const scenario *scn = r->scn;
    const cost_breakdown *b = &r->mean;
    double yf = b->year_factor;
    char name[CC_KPI_NAME_MAX + 16];
    char m1[OUT_COST_EUR_MAX], m2[OUT_COST_EUR_MAX], m3[OUT_COST_EUR_MAX], m4[OUT_COST_EUR_MAX],
        m5[OUT_COST_EUR_MAX];
    fprintf(fp, "cost of %s, year %d: %zu replications of %.4g days, platform plan: %s\n",
            scn->name, scn->year, r->reps, b->window_s / 86400.0,
            cost_tco_strategy_name(b->platform));
    fprintf(fp, "amounts in EUR per year (window x %.4g), +- the %.0f%% half-width\n\n", yf,
            100.0 * scn->confidence);
    fprintf(fp, "%-14s %16s %14s %8s\n", "line", "EUR/year", "+-", "share");
    for (int i = 0; i < COST_LINE_COUNT; i++) {
        snprintf(name, sizeof name, "cost.line.%s_eur", cost_line_name((cost_line)i));
        sim_ci ci = cost_study_kpi(r, name);
        fprintf(fp, "%-14s %16s %14s %7.1f%%\n", cost_line_name((cost_line)i), EUR0(m1, ci.mean * yf),
                EUR0(m2, out_cost_hw(&ci) * yf), b->total_eur != 0.0 ? 100.0 * ci.mean / b->total_eur : 0.0);
    }
    sim_ci tot = cost_study_kpi(r, "cost.year_eur");
    fprintf(fp, "%-14s %16s %14s\n\n", "total", EUR0(m1, tot.mean), EUR0(m2, out_cost_hw(&tot)));
    sim_ci pc = cost_study_kpi(r, "cost.per_answered_contact_eur");
    sim_ci pn = cost_study_kpi(r, "cost.per_resolved_need_eur");
    sim_ci ps = cost_study_kpi(r, "cost.people_share");
    fprintf(fp, "answered contacts per year  %14.0f\n", b->contacts * yf);
    fprintf(fp, "cost per answered contact   %14s +- %s EUR\n", EUR2(m1, pc.mean), EUR2(m2, out_cost_hw(&pc)));
    fprintf(fp, "cost per resolved need      %14s +- %s EUR\n", EUR2(m1, pn.mean), EUR2(m2, out_cost_hw(&pn)));
    fprintf(fp, "people share (agents+sup.)  %13.1f%% +- %.1f (source documents: about 70%%)\n",
            100.0 * ps.mean, 100.0 * out_cost_hw(&ps));
    fprintf(fp, "paid agent hours per year   %14.0f; seats %.0f\n\n", b->paid_hours * yf, b->seats);

    fprintf(fp, "%-22s %16s %14s %8s\n", "channel", "EUR/year", "+-", "share");
    for (size_t c = 0; c < scn->n_channels; c++) {
        snprintf(name, sizeof name, "cost.channel.%s_eur", scn->channels[c].name);
        sim_ci ci = cost_study_kpi(r, name);
        fprintf(fp, "%-22s %16s %14s %7.1f%%\n", scn->channels[c].name, EUR0(m1, ci.mean * yf),
                EUR0(m2, out_cost_hw(&ci) * yf), b->total_eur != 0.0 ? 100.0 * ci.mean / b->total_eur : 0.0);
    }
    fprintf(fp, "\n%-30s %16s %14s\n", "site", "EUR/year", "+-");
    for (size_t s = 0; s < b->n_sites; s++) {
        snprintf(name, sizeof name, "cost.site.%s_eur", b->site[s]);
        sim_ci ci = cost_study_kpi(r, name);
        fprintf(fp, "%-30s %16s %14s\n", b->site[s], EUR0(m1, ci.mean * yf), EUR0(m2, out_cost_hw(&ci) * yf));
    }

    const cost_tco *t = &r->tco;
    fprintf(fp, "\nyears ahead (activity grows with the roadmap's volume growth; EUR)\n");
    fprintf(fp, "%-6s %8s %14s %14s %14s %14s %14s\n", "year", "seats", "people+other",
            "on-prem cash", "cloud cash", "plan (books)", "plan platform");
    for (size_t k = 0; k < t->n_years; k++) {
        const cost_tco_row *row = &t->rows[k];
        const cost_tco_flow *pl = &row->s[t->plan];
        fprintf(fp, "%-6d %8.1f %14s %14s %14s %14s %14s\n", row->in.year, row->in.seats,
                EUR0(m1, row->in.other_eur), EUR0(m2, row->s[COST_TCO_ON_PREMISE].cash_eur),
                EUR0(m3, row->s[COST_TCO_CLOUD].cash_eur), EUR0(m4, pl->accounting_eur),
                EUR0(m5, pl->accounting_eur - row->in.other_eur));
    }
    fprintf(fp, "\n%-12s %16s %16s %16s %10s\n", "strategy", "TCO (cash)", "NPV", "platform NPV",
            "migrates");
    for (int s = 0; s < COST_TCO_STRATEGY_COUNT; s++) {
        char mig[16] = "-";
        if (t->migration_year[s] != 0)
            snprintf(mig, sizeof mig, "%d", t->migration_year[s]);
        fprintf(fp, "%-12s %16s %16s %16s %10s%s\n",
                cost_tco_strategy_name((cost_tco_strategy)s), EUR0(m1, t->total_cash_eur[s]),
                EUR0(m2, t->npv_eur[s]), EUR0(m3, t->platform_npv_eur[s]), mig, (int)t->plan == s ? "  (plan)" : "");
    }
    fprintf(fp, "discount rate %.3g per year; NPV at %d\n", t->discount_rate, t->rows[0].in.year);
    /* The headline of the table above, computed from its rows as the report does
     * (cost_tco_verdict_of): the run-rate crossover below is another figure (the first
     * year's activity projected), worded so that it cannot be read as the table's verdict. */
    int years[COST_TCO_MAX_YEARS];
    double onp[COST_TCO_MAX_YEARS], cloud[COST_TCO_MAX_YEARS];
    for (size_t k = 0; k < t->n_years; k++) {
        years[k] = t->rows[k].in.year;
        onp[k] = t->rows[k].s[COST_TCO_ON_PREMISE].cash_eur;
        cloud[k] = t->rows[k].s[COST_TCO_CLOUD].cash_eur;
    }
    cost_tco_verdict v;
    cost_tco_verdict_of(years, onp, cloud, t->n_years, t->migration_year[COST_TCO_CLOUD], &v);
    char verdict[1024];
    cost_tco_verdict_text(&v, verdict, sizeof verdict);
    fprintf(fp, "on-premise vs cloud cash (the table above): %s\n", verdict);
    if (isnan(t->crossover_t_years))
        fprintf(fp, "run-rate crossover (first year's activity, prices projected): the cloud's "
                    "yearly run rate never falls below on-premise's\n");
    else
        fprintf(fp, "run-rate crossover (first year's activity, prices projected): the cloud's "
                    "yearly run rate falls below on-premise's %.2f years after %d (%d)%s\n",
                t->crossover_t_years, t->base_year, t->crossover_year,
                t->n_years > 0 && t->crossover_year > t->rows[t->n_years - 1].in.year
                    ? ", after the years shown"
                    : "");
    if (isinf(t->crossover_scale))
        fprintf(fp, "volume crossover: the cloud is cheaper at every volume\n");
    else if (!isnan(t->crossover_scale))
        fprintf(fp, "volume crossover: x%.3g of today's volume (%.1f seats, %.0f contacts/year); "
                "the cloud is cheaper below it\n",
                t->crossover_scale, t->crossover_seats, t->crossover_contacts_per_year);
    if (t->payback_year != 0)
        fprintf(fp, "cloud payback: cumulative cloud cost at or below on-premise from %d\n",
                t->payback_year);
    else
        fprintf(fp, "cloud payback: not within the years shown\n");

    if (scn->n_outsourcers > 0) {
        fprintf(fp, "\nSLA risk (a period is missed when SL < target or abandonment > ceiling)\n");
        fprintf(fp, "%-16s %-8s %7s %8s %7s %8s %18s %12s %14s %14s\n", "outsourcer", "period",
                "target", "periods", "missed", "P(miss)", "95%-CI", "SL", "penalty/period",
                "E[penalty]/yr");
        for (size_t o = 0; o < scn->n_outsourcers; o++) {
            const cost_sla_risk *k = &r->risk[o];
            const scenario_outsourcer *os = &scn->outsourcers[o];
            fprintf(fp, "%-16s %-8s %7.3g %8zu %7zu %8.3f [%7.3f,%7.3f] %12.4f %14.0f %14.0f\n",
                    os->name, period_name(os->sla_period), os->sl_target, k->periods,
                    k->missed, k->miss_probability, k->miss_share_ci.lo, k->miss_share_ci.hi,
                    k->service_level, os->penalty_eur, k->expected_penalty_year_eur);
            if (k->partial > 0)
                fprintf(fp, "  note: %zu of %zu periods are only partly simulated (horizon %zu "
                        "days, period %s): the miss probability is of a shorter period\n",
                        k->partial, k->periods, scn->horizon_days, period_name(os->sla_period));
        }
    }
    if (r->n_points > 0) {
        fprintf(fp, "\nSLA risk by the agents of %s\n", r->sweep_target);
        fprintf(fp, "%7s %16s %12s", "agents", "EUR/year", "total SL");
        for (size_t o = 0; o < scn->n_outsourcers; o++)
            fprintf(fp, " %12.12s:P %14s", scn->outsourcers[o].name, "E[penalty]/yr");
        fprintf(fp, "\n");
        for (size_t i = 0; i < r->n_points; i++) {
            const sla_sweep_point *p = &r->points[i];
            fprintf(fp, "%7ld %16.0f %12.4f", p->agents, p->year_eur.mean, p->service_level.mean);
            for (size_t o = 0; o < p->n_outsourcers; o++)
                fprintf(fp, " %14.3f %14.0f", p->risk[o].miss_probability,
                        p->risk[o].expected_penalty_year_eur);
            fprintf(fp, "\n");
        }
    }
    return ferror(fp) ? -1 : 0;
}

/* ---- JSON ------------------------------------------------------------------------------ */

static sim_ci scaled(sim_ci ci, double f)
{
    ci.mean *= f;
    ci.half_width *= f;
    return ci;
}

static void j_scenario(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = study_of(c)->scn->name;
}
static void j_year(const out_rows_cursor *c, out_rows_value *v)
{
    v->integer = study_of(c)->scn->year;
}
static void j_window(const out_rows_cursor *c, out_rows_value *v)
{
    v->num = study_of(c)->mean.window_s / 86400.0;
}
static void j_platform(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = cost_tco_strategy_name(study_of(c)->mean.platform);
}
static void j_level(const out_rows_cursor *c, out_rows_value *v)
{
    v->num = study_of(c)->scn->confidence;
}

/* per_year_eur: the cost lines, then "total". */
static size_t n_lines(const out_rows_cursor *c)
{
    (void)c;
    return (size_t)COST_LINE_COUNT + 1;
}
static const char *line_key(const out_rows_cursor *c)
{
    return c->item < COST_LINE_COUNT ? cost_line_name((cost_line)c->item) : "total";
}
static void j_line(const out_rows_cursor *c, out_rows_value *v)
{
    const cost_study *s = study_of(c);
    v->ci = c->item < COST_LINE_COUNT
                ? scaled(kpi_of(s, "cost.line.%s_eur", line_key(c)), s->mean.year_factor)
                : cost_study_kpi(s, "cost.year_eur");
}
static void j_per_contact(const out_rows_cursor *c, out_rows_value *v)
{
    v->ci = cost_study_kpi(study_of(c), "cost.per_answered_contact_eur");
}
static void j_per_need(const out_rows_cursor *c, out_rows_value *v)
{
    v->ci = cost_study_kpi(study_of(c), "cost.per_resolved_need_eur");
}
static void j_people(const out_rows_cursor *c, out_rows_value *v)
{
    v->ci = cost_study_kpi(study_of(c), "cost.people_share");
}
static size_t n_channels(const out_rows_cursor *c) { return study_of(c)->scn->n_channels; }
static const char *channel_key(const out_rows_cursor *c)
{
    return study_of(c)->scn->channels[c->item].name;
}
static void j_channel(const out_rows_cursor *c, out_rows_value *v)
{
    const cost_study *s = study_of(c);
    v->ci = scaled(kpi_of(s, "cost.channel.%s_eur", channel_key(c)), s->mean.year_factor);
}
static size_t n_sites(const out_rows_cursor *c) { return study_of(c)->mean.n_sites; }
static const char *site_key(const out_rows_cursor *c) { return study_of(c)->mean.site[c->item]; }
static void j_site(const out_rows_cursor *c, out_rows_value *v)
{
    const cost_study *s = study_of(c);
    v->ci = scaled(kpi_of(s, "cost.site.%s_eur", site_key(c)), s->mean.year_factor);
}

#define OUT_COST_CI(name_, key_, unit_, doc_, get_, count_, keyfn_, ph_)                    \
    {.name = key_, .unit = "object", .kind = OUT_ROWS_GROUP, .count = count_, .key = keyfn_, \
     .placeholder = ph_, .n_sub = 1, .doc = doc_,                                           \
     .sub = (const out_rows_field[]){{.name = key_ "." ph_, .unit = unit_, .kind = OUT_ROWS_CI, \
                                      .flags = OUT_ROWS_CI_HALF_WIDTH, .get = get_,         \
                                      .doc = name_}}}

/* tco */
static const cost_tco *tco_of(const out_rows_cursor *c) { return &study_of(c)->tco; }

static const void *tco_of_v(const out_rows_cursor *c) { return tco_of(c); }
static void t_plan(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = cost_tco_strategy_name(tco_of(c)->plan);
}
static size_t n_strategies(const out_rows_cursor *c)
{
    (void)c;
    return COST_TCO_STRATEGY_COUNT;
}
static const char *strategy_key(const out_rows_cursor *c)
{
    return cost_tco_strategy_name((cost_tco_strategy)c->item);
}
static void t_migration(const out_rows_cursor *c, out_rows_value *v)
{
    v->integer = tco_of(c)->migration_year[c->item];
}
static void t_cash(const out_rows_cursor *c, out_rows_value *v)
{
    v->num = tco_of(c)->total_cash_eur[c->item];
}
static void t_npv(const out_rows_cursor *c, out_rows_value *v)
{
    v->num = tco_of(c)->npv_eur[c->item];
}
static void t_platform_npv(const out_rows_cursor *c, out_rows_value *v)
{
    v->num = tco_of(c)->platform_npv_eur[c->item];
}
/* A row of years[]: c->row the year, c->parent->item the strategy. */
static const cost_tco_flow *flow_of(const out_rows_cursor *c)
{
    return &tco_of(c)->rows[c->row].s[c->parent->item];
}

static const void *flow_of_v(const out_rows_cursor *c) { return flow_of(c); }
static void y_year(const out_rows_cursor *c, out_rows_value *v)
{
    v->integer = tco_of(c)->rows[c->row].in.year;
}
static size_t n_years(const void *ctx, const out_rows_cursor *parent)
{
    (void)parent;
    return ((const cost_study *)ctx)->tco.n_years;
}

static const out_rows_field year_fields[] = {
    {.name = "year", .unit = "year", .kind = OUT_ROWS_INT, .get = y_year,
     .doc = "calendar year"},
    {OUT_ROWS_AT_NUM(flow_of_v, cost_tco_flow, cash_eur), .name = "cash_eur", .unit = "EUR",
     .doc = "cash paid that year"},
    {OUT_ROWS_AT_NUM(flow_of_v, cost_tco_flow, accounting_eur), .name = "accounting_eur",
     .unit = "EUR", .doc = "cost in the books that year (capex depreciated)"},
    {OUT_ROWS_AT_NUM(flow_of_v, cost_tco_flow, platform_cash_eur), .name = "platform_cash_eur",
     .unit = "EUR", .doc = "of the cash, the platform's"},
};
static const out_rows_table year_table = {"cost --json tco years", year_fields,
                                          sizeof year_fields / sizeof year_fields[0], n_years};

static const out_rows_field strategy_sub[] = {
    {.name = "strategies.<strategy>.migration_year", .json_name = "migration_year",
     .unit = "year", .kind = OUT_ROWS_INT, .get = t_migration,
     .doc = "year of the migration to the cloud (0: none)"},
    {.name = "strategies.<strategy>.total_cash_eur", .json_name = "total_cash_eur",
     .unit = "EUR", .kind = OUT_ROWS_NUM, .get = t_cash, .doc = "TCO: cash over the years"},
    {.name = "strategies.<strategy>.npv_eur", .json_name = "npv_eur", .unit = "EUR",
     .kind = OUT_ROWS_NUM, .get = t_npv, .doc = "net present value of the cash"},
    {.name = "strategies.<strategy>.platform_npv_eur", .json_name = "platform_npv_eur",
     .unit = "EUR", .kind = OUT_ROWS_NUM, .get = t_platform_npv,
     .doc = "net present value of the platform's cash"},
    {.name = "strategies.<strategy>.years", .json_name = "years", .unit = "array",
     .kind = OUT_ROWS_TABLE, .table = &year_table, .doc = "one object per year"},
};

static const out_rows_field tco_fields[] = {
    {.name = "plan", .unit = "text", .kind = OUT_ROWS_TEXT, .get = t_plan,
     .doc = "the plan's strategy"},
    {OUT_ROWS_AT_NUM(tco_of_v, cost_tco, discount_rate), .name = "discount_rate",
     .unit = "per year", .doc = "discount rate of the NPVs"},
    {.name = "strategies", .unit = "object", .kind = OUT_ROWS_GROUP, .count = n_strategies,
     .key = strategy_key, .placeholder = "<strategy>", .sub = strategy_sub,
     .n_sub = sizeof strategy_sub / sizeof strategy_sub[0],
     .doc = "per strategy (`on_premise`, `cloud`)"},
    {OUT_ROWS_AT_NUM(tco_of_v, cost_tco, crossover_t_years), .name = "crossover_t_years",
     .unit = "years",
     .doc = "run-rate crossover: years after the base year from which the cloud is cheaper "
            "(null: never)"},
    {OUT_ROWS_AT_INT(tco_of_v, cost_tco, crossover_year), .name = "crossover_year", .unit = "year",
     .doc = "its first whole year (0: none)"},
    {OUT_ROWS_AT_NUM(tco_of_v, cost_tco, crossover_scale), .name = "crossover_scale",
     .unit = "share", .doc = "volume crossover: today's volume times this costs the same on both"},
    {OUT_ROWS_AT_NUM(tco_of_v, cost_tco, crossover_seats), .name = "crossover_seats",
     .unit = "seats", .doc = "seats at the volume crossover"},
    {OUT_ROWS_AT_INT(tco_of_v, cost_tco, payback_year), .name = "payback_year", .unit = "year",
     .doc = "first year the cloud's cumulative cash is at most on-premise's (0: none)"},
};
static const out_rows_table tco_table = {"cost --json tco", tco_fields,
                                         sizeof tco_fields / sizeof tco_fields[0], NULL};

/* sla[]: c->row is the outsourcer. */
static const cost_sla_risk *risk_of(const out_rows_cursor *c)
{
    return &study_of(c)->risk[c->row];
}

static const void *risk_of_v(const out_rows_cursor *c) { return risk_of(c); }
static const scenario_outsourcer *os_of(const out_rows_cursor *c)
{
    return &study_of(c)->scn->outsourcers[c->row];
}

static const void *os_of_v(const out_rows_cursor *c) { return os_of(c); }
static void r_period(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = period_name(os_of(c)->sla_period);
}
#define OUT_COST_RISK(fn, expr)                                                             \
    static void fn(const out_rows_cursor *c, out_rows_value *v) { v->num = risk_of(c)->expr; }
OUT_COST_RISK(r_p_miss, miss_probability)
OUT_COST_RISK(r_lo, miss_share_ci.lo)
OUT_COST_RISK(r_hi, miss_share_ci.hi)
OUT_COST_RISK(r_sl, service_level)
OUT_COST_RISK(r_penalty, expected_penalty_year_eur)
OUT_COST_RISK(r_bonus, expected_bonus_year_eur)
static size_t n_outsourcers(const void *ctx, const out_rows_cursor *parent)
{
    (void)parent;
    return ((const cost_study *)ctx)->scn->n_outsourcers;
}

static const out_rows_field risk_fields[] = {
    {OUT_ROWS_AT_CHARS(os_of_v, scenario_outsourcer, name), .name = "outsourcer", .unit = "text",
     .doc = "outsourcer name"},
    {.name = "period", .unit = "text", .kind = OUT_ROWS_TEXT, .get = r_period,
     .doc = "SLA period"},
    {OUT_ROWS_AT_COUNT(risk_of_v, cost_sla_risk, periods), .name = "periods", .unit = "periods",
     .doc = "periods evaluated"},
    {OUT_ROWS_AT_COUNT(risk_of_v, cost_sla_risk, missed), .name = "missed", .unit = "periods",
     .doc = "of them, missed"},
    {OUT_ROWS_AT_COUNT(risk_of_v, cost_sla_risk, partial), .name = "partial", .unit = "periods",
     .doc = "of them, only partly simulated"},
    {.name = "miss_probability", .unit = "share", .kind = OUT_ROWS_NUM, .get = r_p_miss,
     .doc = "probability of missing a period"},
    {.name = "miss_lo", .unit = "share", .kind = OUT_ROWS_NUM, .get = r_lo,
     .doc = "its lower confidence bound"},
    {.name = "miss_hi", .unit = "share", .kind = OUT_ROWS_NUM, .get = r_hi,
     .doc = "its upper confidence bound"},
    {.name = "service_level_per_answered_abandoned", .unit = "share", .kind = OUT_ROWS_NUM,
     .get = r_sl, .doc = "the outsourcer's service level"},
    {.name = "expected_penalty_year_eur", .unit = "EUR/year", .kind = OUT_ROWS_NUM,
     .get = r_penalty, .doc = "expected penalties per year"},
    {.name = "expected_bonus_year_eur", .unit = "EUR/year", .kind = OUT_ROWS_NUM,
     .get = r_bonus, .doc = "expected bonuses per year"},
};
static const out_rows_table risk_table = {"cost --json sla", risk_fields,
                                          sizeof risk_fields / sizeof risk_fields[0],
                                          n_outsourcers};

/* sla_sweep[]: c->row is the point, c->item an outsourcer of its lists. */
static const sla_sweep_point *point_of(const out_rows_cursor *c)
{
    return &study_of(c)->points[c->row];
}

static const void *point_of_v(const out_rows_cursor *c) { return point_of(c); }
static size_t p_n(const out_rows_cursor *c) { return point_of(c)->n_outsourcers; }
static void p_miss(const out_rows_cursor *c, out_rows_value *v)
{
    v->num = point_of(c)->risk[c->item].miss_probability;
}
static void p_penalty(const out_rows_cursor *c, out_rows_value *v)
{
    v->num = point_of(c)->risk[c->item].expected_penalty_year_eur;
}
static size_t n_points(const void *ctx, const out_rows_cursor *parent)
{
    (void)parent;
    return ((const cost_study *)ctx)->n_points;
}

static const out_rows_field point_fields[] = {
    {OUT_ROWS_AT_INT(point_of_v, sla_sweep_point, agents), .name = "agents", .unit = "agents",
     .doc = "the swept target's agents"},
    {OUT_ROWS_AT_NUM(point_of_v, sla_sweep_point, year_eur.mean), .name = "year_eur",
     .unit = "EUR/year", .doc = "total cost per year, mean"},
    {OUT_ROWS_AT_NUM(point_of_v, sla_sweep_point, service_level.mean),
     .name = "realtime_service_level_per_answered_abandoned", .unit = "share",
     .doc = "total real-time service level, mean"},
    {.name = "miss_probability", .unit = "share", .kind = OUT_ROWS_NUM,
     .flags = OUT_ROWS_LIST, .count = p_n, .get = p_miss,
     .doc = "per outsourcer (in `sla[]` order), the probability of missing a period"},
    {.name = "expected_penalty_year_eur", .unit = "EUR/year", .kind = OUT_ROWS_NUM,
     .flags = OUT_ROWS_LIST, .count = p_n, .get = p_penalty,
     .doc = "per outsourcer, the expected penalties per year"},
};
static const out_rows_table point_table = {"cost --json sla_sweep", point_fields,
                                           sizeof point_fields / sizeof point_fields[0],
                                           n_points};

static const out_rows_field cost_json_fields[] = {
    {.name = "scenario", .unit = "text", .kind = OUT_ROWS_TEXT, .get = j_scenario,
     .doc = "scenario name"},
    {.name = "year", .unit = "year", .kind = OUT_ROWS_INT, .get = j_year,
     .doc = "the scenario's calendar year"},
    {OUT_ROWS_AT_COUNT(out_rows_ctx, cost_study, reps), .name = "replications", .unit = "count",
     .doc = "replications run"},
    {.name = "window_days", .unit = "days", .kind = OUT_ROWS_NUM, .get = j_window,
     .doc = "the simulated window costed"},
    {OUT_ROWS_AT_NUM(out_rows_ctx, cost_study, mean.year_factor), .name = "year_factor",
     .unit = "factor", .doc = "365 days / window: window amounts times this are per year"},
    {.name = "platform", .unit = "text", .kind = OUT_ROWS_TEXT, .get = j_platform,
     .doc = "the plan's platform strategy"},
    {.name = "level", .unit = "share", .kind = OUT_ROWS_NUM, .get = j_level,
     .doc = "confidence level of the half-widths"},
    OUT_COST_CI("`mean` and `half_width` of the line per year (`total`: of all)",
                "per_year_eur", "EUR/year", "per cost line, and `total`", j_line, n_lines,
                line_key, "<line>"),
    {.name = "per_answered_contact_eur", .unit = "EUR", .kind = OUT_ROWS_CI,
     .flags = OUT_ROWS_CI_HALF_WIDTH, .get = j_per_contact,
     .doc = "cost per answered contact: `mean`, `half_width`"},
    {.name = "per_resolved_need_eur", .unit = "EUR", .kind = OUT_ROWS_CI,
     .flags = OUT_ROWS_CI_HALF_WIDTH, .get = j_per_need,
     .doc = "cost per resolved need: `mean`, `half_width`"},
    {.name = "people_share", .unit = "share", .kind = OUT_ROWS_CI,
     .flags = OUT_ROWS_CI_HALF_WIDTH, .get = j_people,
     .doc = "agents' and supervisors' share of the cost: `mean`, `half_width`"},
    OUT_COST_CI("`mean` and `half_width` of the channel's cost per year",
                "channels_per_year_eur", "EUR/year", "per channel", j_channel, n_channels,
                channel_key, "<channel>"),
    OUT_COST_CI("`mean` and `half_width` of the site's cost per year", "sites_per_year_eur",
                "EUR/year", "per site", j_site, n_sites, site_key, "<site>"),
    {.name = "tco", .unit = "object", .kind = OUT_ROWS_OBJECT, .table = &tco_table,
     .doc = "the years ahead, on-premise against cloud"},
    {.name = "sla", .unit = "array", .kind = OUT_ROWS_TABLE, .table = &risk_table,
     .doc = "one object per outsourcer"},
    {.name = "sla_sweep", .unit = "array", .kind = OUT_ROWS_TABLE, .table = &point_table,
     .doc = "one object per point of `--sla-sweep` (empty without)"},
};

const out_rows_table out_cost_json_table = {
    "omnisim cost --json", cost_json_fields,
    sizeof cost_json_fields / sizeof cost_json_fields[0], NULL};

int out_cost_json(FILE *fp, const cost_study *c)
{
    return out_rows_json_write(fp, &out_cost_json_table, c, 0);
}
