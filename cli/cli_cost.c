/* cli_cost.c -- `omnisim cost SCENARIO`: what the contact center costs and what its SLAs
 * risk.
 *
 * Runs the scenario's replications, then prints (stdout) the cost lines per year with their
 * confidence half-widths, cost per contact and per resolved need, the people share, the cost
 * per channel and per site, the years ahead with on-premise against cloud (TCO, NPV,
 * crossovers), and the SLA risk of every outsourcer; with --sla-sweep NAME=FROM:TO:STEP the
 * risk at each staffing point. --json prints the same as one JSON object. With -o DIR,
 * costs.csv and sla.csv are written atomically (docs/costs.md lists their columns).
 * The arithmetic lives in models/cost*.h; this file only wires and prints.
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc_model.h"
#include "cli.h"
#include "cli_study.h"
#include "cost.h"
#include "sla_sweep.h"
#include "sim_alloc.h"
#include "scenario_load.h"

#define COST_CLI_MAX_POINTS 200

typedef struct cost_run {
    const scenario *scn;
    size_t reps;
    cost_breakdown mean;
    cc_summary *sum;
    cost_tco tco;
    cost_sla_risk risk[SCENARIO_MAX_OUTSOURCERS];
    const char *sweep_target;
    sla_sweep_point *points;
    size_t n_points;
} cost_run;

/* Mean and half-width of KPI `name` in the summary (NaN when absent). */
static sim_ci kpi(const cost_run *r, const char *name)
{
    size_t j = cc_summary_find(r->sum, name);
    if (j == (size_t)-1 || j >= r->sum->n_kpis) {
        sim_ci none = {0, 0.0, NAN, NAN, NAN, NAN};
        return none;
    }
    return r->sum->ci[j];
}

static double hw(const sim_ci *ci)
{
    return isfinite(ci->half_width) ? ci->half_width : 0.0;
}

static const char *period_name(scenario_sla_period p)
{
    static const char *const names[] = {"interval", "day", "week", "month"};
    return (unsigned)p < 4 ? names[p] : "?";
}

/* ---- text -------------------------------------------------------------------------- */

static void print_text(const cost_run *r)
{
    const scenario *scn = r->scn;
    const cost_breakdown *b = &r->mean;
    double yf = b->year_factor;
    char name[CC_KPI_NAME_MAX + 16];
    printf("cost of %s, year %d: %zu replications of %.4g days, platform plan: %s\n",
           scn->name, scn->year, r->reps, b->window_s / 86400.0,
           cost_tco_strategy_name(b->platform));
    printf("amounts in EUR per year (window x %.4g), +- the %.0f%% half-width\n\n", yf,
           100.0 * scn->confidence);
    printf("%-14s %16s %14s %8s\n", "line", "EUR/year", "+-", "share");
    for (int i = 0; i < COST_LINE_COUNT; i++) {
        snprintf(name, sizeof name, "cost.line.%s_eur", cost_line_name((cost_line)i));
        sim_ci ci = kpi(r, name);
        printf("%-14s %16.0f %14.0f %7.1f%%\n", cost_line_name((cost_line)i), ci.mean * yf,
               hw(&ci) * yf, b->total_eur != 0.0 ? 100.0 * ci.mean / b->total_eur : 0.0);
    }
    sim_ci tot = kpi(r, "cost.year_eur");
    printf("%-14s %16.0f %14.0f\n\n", "total", tot.mean, hw(&tot));
    sim_ci pc = kpi(r, "cost.per_answered_contact_eur"), pn = kpi(r, "cost.per_resolved_need_eur");
    sim_ci ps = kpi(r, "cost.people_share");
    printf("answered contacts per year  %14.0f\n", b->contacts * yf);
    printf("cost per answered contact   %14.2f +- %.2f EUR\n", pc.mean, hw(&pc));
    printf("cost per resolved need      %14.2f +- %.2f EUR\n", pn.mean, hw(&pn));
    printf("people share (agents+sup.)  %13.1f%% +- %.1f (source documents: about 70%%)\n",
           100.0 * ps.mean, 100.0 * hw(&ps));
    printf("paid agent hours per year   %14.0f; seats %.0f\n\n", b->paid_hours * yf, b->seats);

    printf("%-22s %16s %14s %8s\n", "channel", "EUR/year", "+-", "share");
    for (size_t c = 0; c < scn->n_channels; c++) {
        snprintf(name, sizeof name, "cost.channel.%s_eur", scn->channels[c].name);
        sim_ci ci = kpi(r, name);
        printf("%-22s %16.0f %14.0f %7.1f%%\n", scn->channels[c].name, ci.mean * yf,
               hw(&ci) * yf, b->total_eur != 0.0 ? 100.0 * ci.mean / b->total_eur : 0.0);
    }
    printf("\n%-30s %16s %14s\n", "site", "EUR/year", "+-");
    for (size_t s = 0; s < b->n_sites; s++) {
        snprintf(name, sizeof name, "cost.site.%s_eur", b->site[s]);
        sim_ci ci = kpi(r, name);
        printf("%-30s %16.0f %14.0f\n", b->site[s], ci.mean * yf, hw(&ci) * yf);
    }

    const cost_tco *t = &r->tco;
    printf("\nyears ahead (activity grows with the roadmap's volume growth; EUR)\n");
    printf("%-6s %8s %14s %14s %14s %14s %14s\n", "year", "seats", "people+other",
           "on-prem cash", "cloud cash", "plan (books)", "plan platform");
    for (size_t k = 0; k < t->n_years; k++) {
        const cost_tco_row *row = &t->rows[k];
        const cost_tco_flow *pl = &row->s[t->plan];
        printf("%-6d %8.1f %14.0f %14.0f %14.0f %14.0f %14.0f\n", row->in.year, row->in.seats,
               row->in.other_eur, row->s[COST_TCO_ON_PREMISE].cash_eur,
               row->s[COST_TCO_CLOUD].cash_eur, pl->accounting_eur,
               pl->accounting_eur - row->in.other_eur);
    }
    printf("\n%-12s %16s %16s %16s %10s\n", "strategy", "TCO (cash)", "NPV", "platform NPV",
           "migrates");
    for (int s = 0; s < COST_TCO_STRATEGY_COUNT; s++) {
        char mig[16] = "-";
        if (t->migration_year[s] != 0)
            snprintf(mig, sizeof mig, "%d", t->migration_year[s]);
        printf("%-12s %16.0f %16.0f %16.0f %10s%s\n", cost_tco_strategy_name((cost_tco_strategy)s),
               t->total_cash_eur[s], t->npv_eur[s], t->platform_npv_eur[s], mig,
               (int)t->plan == s ? "  (plan)" : "");
    }
    printf("discount rate %.3g per year; NPV at %d\n", t->discount_rate, t->rows[0].in.year);
    if (isnan(t->crossover_t_years))
        printf("run-rate crossover: the cloud never becomes the cheaper platform\n");
    else
        printf("run-rate crossover: cloud cheaper from %.2f years after %d (year %d)\n",
               t->crossover_t_years, t->base_year, t->crossover_year);
    if (isinf(t->crossover_scale))
        printf("volume crossover: the cloud is cheaper at every volume\n");
    else if (!isnan(t->crossover_scale))
        printf("volume crossover: x%.3g of today's volume (%.1f seats, %.0f contacts/year); "
               "the cloud is cheaper below it\n",
               t->crossover_scale, t->crossover_seats, t->crossover_contacts_per_year);
    if (t->payback_year != 0)
        printf("cloud payback: cumulative cloud cost at or below on-premise from %d\n",
               t->payback_year);
    else
        printf("cloud payback: not within the years shown\n");

    if (scn->n_outsourcers > 0) {
        printf("\nSLA risk (a period is missed when SL < target or abandonment > ceiling)\n");
        printf("%-16s %-8s %7s %8s %7s %8s %18s %12s %14s %14s\n", "outsourcer", "period",
               "target", "periods", "missed", "P(miss)", "95%-CI", "SL", "penalty/period",
               "E[penalty]/yr");
        for (size_t o = 0; o < scn->n_outsourcers; o++) {
            const cost_sla_risk *k = &r->risk[o];
            const scenario_outsourcer *os = &scn->outsourcers[o];
            printf("%-16s %-8s %7.3g %8zu %7zu %8.3f [%7.3f,%7.3f] %12.4f %14.0f %14.0f\n",
                   os->name, period_name(os->sla_period), os->sl_target, k->periods,
                   k->missed, k->miss_probability, k->miss_share_ci.lo, k->miss_share_ci.hi,
                   k->service_level, os->penalty_eur, k->expected_penalty_year_eur);
            if (k->partial > 0)
                printf("  note: %zu of %zu periods are only partly simulated (horizon %zu "
                       "days, period %s): the miss probability is of a shorter period\n",
                       k->partial, k->periods, scn->horizon_days, period_name(os->sla_period));
        }
    }
    if (r->n_points > 0) {
        printf("\nSLA risk by the agents of %s\n", r->sweep_target);
        printf("%7s %16s %12s", "agents", "EUR/year", "total SL");
        for (size_t o = 0; o < scn->n_outsourcers; o++)
            printf(" %12.12s:P %14s", scn->outsourcers[o].name, "E[penalty]/yr");
        printf("\n");
        for (size_t i = 0; i < r->n_points; i++) {
            const sla_sweep_point *p = &r->points[i];
            printf("%7ld %16.0f %12.4f", p->agents, p->year_eur.mean, p->service_level.mean);
            for (size_t o = 0; o < p->n_outsourcers; o++)
                printf(" %14.3f %14.0f", p->risk[o].miss_probability,
                       p->risk[o].expected_penalty_year_eur);
            printf("\n");
        }
    }
}

/* ---- JSON -------------------------------------------------------------------------- */

static void json_ci(FILE *fp, const char *key, const sim_ci *ci, double scale, int comma)
{
    fprintf(fp, "\"%s\": {\"mean\": ", key);
    cli_study_json_num(fp, ci->mean * scale);
    fputs(", \"half_width\": ", fp);
    cli_study_json_num(fp, ci->half_width * scale);
    fprintf(fp, "}%s", comma ? ", " : "");
}

static void print_json(FILE *fp, const cost_run *r)
{
    const scenario *scn = r->scn;
    const cost_breakdown *b = &r->mean;
    double yf = b->year_factor;
    char name[CC_KPI_NAME_MAX + 16];
    fputs("{\"scenario\": ", fp);
    cli_study_json_str(fp, scn->name);
    fprintf(fp, ", \"year\": %d, \"replications\": %zu, \"window_days\": ", scn->year, r->reps);
    cli_study_json_num(fp, b->window_s / 86400.0);
    fprintf(fp, ", \"year_factor\": ");
    cli_study_json_num(fp, yf);
    fprintf(fp, ", \"platform\": \"%s\", \"level\": ", cost_tco_strategy_name(b->platform));
    cli_study_json_num(fp, scn->confidence);
    fputs(",\n \"per_year_eur\": {", fp);
    for (int i = 0; i < COST_LINE_COUNT; i++) {
        snprintf(name, sizeof name, "cost.line.%s_eur", cost_line_name((cost_line)i));
        sim_ci ci = kpi(r, name);
        json_ci(fp, cost_line_name((cost_line)i), &ci, yf, 1);
    }
    sim_ci tot = kpi(r, "cost.year_eur");
    json_ci(fp, "total", &tot, 1.0, 0);
    fputs("},\n ", fp);
    sim_ci ci = kpi(r, "cost.per_answered_contact_eur");
    json_ci(fp, "per_answered_contact_eur", &ci, 1.0, 1);
    ci = kpi(r, "cost.per_resolved_need_eur");
    json_ci(fp, "per_resolved_need_eur", &ci, 1.0, 1);
    ci = kpi(r, "cost.people_share");
    json_ci(fp, "people_share", &ci, 1.0, 1);
    fputs("\n \"channels_per_year_eur\": {", fp);
    for (size_t c = 0; c < scn->n_channels; c++) {
        snprintf(name, sizeof name, "cost.channel.%s_eur", scn->channels[c].name);
        ci = kpi(r, name);
        json_ci(fp, scn->channels[c].name, &ci, yf, c + 1 < scn->n_channels);
    }
    fputs("},\n \"sites_per_year_eur\": {", fp);
    for (size_t s = 0; s < b->n_sites; s++) {
        snprintf(name, sizeof name, "cost.site.%s_eur", b->site[s]);
        ci = kpi(r, name);
        json_ci(fp, b->site[s], &ci, yf, s + 1 < b->n_sites);
    }
    const cost_tco *t = &r->tco;
    fprintf(fp, "},\n \"tco\": {\"plan\": \"%s\", \"discount_rate\": ",
            cost_tco_strategy_name(t->plan));
    cli_study_json_num(fp, t->discount_rate);
    fputs(", \"strategies\": {", fp);
    for (int s = 0; s < COST_TCO_STRATEGY_COUNT; s++) {
        fprintf(fp, "\"%s\": {\"migration_year\": %d, \"total_cash_eur\": ",
                cost_tco_strategy_name((cost_tco_strategy)s), t->migration_year[s]);
        cli_study_json_num(fp, t->total_cash_eur[s]);
        fputs(", \"npv_eur\": ", fp);
        cli_study_json_num(fp, t->npv_eur[s]);
        fputs(", \"platform_npv_eur\": ", fp);
        cli_study_json_num(fp, t->platform_npv_eur[s]);
        fputs(", \"years\": [", fp);
        for (size_t k = 0; k < t->n_years; k++) {
            const cost_tco_flow *f = &t->rows[k].s[s];
            fprintf(fp, "%s{\"year\": %d, \"cash_eur\": ", k ? ", " : "", t->rows[k].in.year);
            cli_study_json_num(fp, f->cash_eur);
            fputs(", \"accounting_eur\": ", fp);
            cli_study_json_num(fp, f->accounting_eur);
            fputs(", \"platform_cash_eur\": ", fp);
            cli_study_json_num(fp, f->platform_cash_eur);
            fputs("}", fp);
        }
        fprintf(fp, "]}%s", s + 1 < COST_TCO_STRATEGY_COUNT ? ", " : "");
    }
    fputs("}, \"crossover_t_years\": ", fp);
    cli_study_json_num(fp, t->crossover_t_years);
    fprintf(fp, ", \"crossover_year\": %d, \"crossover_scale\": ", t->crossover_year);
    cli_study_json_num(fp, t->crossover_scale);
    fputs(", \"crossover_seats\": ", fp);
    cli_study_json_num(fp, t->crossover_seats);
    fprintf(fp, ", \"payback_year\": %d},\n \"sla\": [", t->payback_year);
    for (size_t o = 0; o < scn->n_outsourcers; o++) {
        const cost_sla_risk *k = &r->risk[o];
        fputs(o ? ", {\"outsourcer\": " : "{\"outsourcer\": ", fp);
        cli_study_json_str(fp, scn->outsourcers[o].name);
        fprintf(fp, ", \"period\": \"%s\", \"periods\": %zu, \"missed\": %zu, \"partial\": %zu",
                period_name(scn->outsourcers[o].sla_period), k->periods, k->missed,
                k->partial);
        fputs(", \"miss_probability\": ", fp);
        cli_study_json_num(fp, k->miss_probability);
        fputs(", \"miss_lo\": ", fp);
        cli_study_json_num(fp, k->miss_share_ci.lo);
        fputs(", \"miss_hi\": ", fp);
        cli_study_json_num(fp, k->miss_share_ci.hi);
        fputs(", \"service_level_per_answered_abandoned\": ", fp);
        cli_study_json_num(fp, k->service_level);
        fputs(", \"expected_penalty_year_eur\": ", fp);
        cli_study_json_num(fp, k->expected_penalty_year_eur);
        fputs(", \"expected_bonus_year_eur\": ", fp);
        cli_study_json_num(fp, k->expected_bonus_year_eur);
        fputs("}", fp);
    }
    fputs("],\n \"sla_sweep\": [", fp);
    for (size_t i = 0; i < r->n_points; i++) {
        const sla_sweep_point *p = &r->points[i];
        fprintf(fp, "%s{\"agents\": %ld, \"year_eur\": ", i ? ", " : "", p->agents);
        cli_study_json_num(fp, p->year_eur.mean);
        fputs(", \"realtime_service_level_per_answered_abandoned\": ", fp);
        cli_study_json_num(fp, p->service_level.mean);
        fputs(", \"miss_probability\": [", fp);
        for (size_t o = 0; o < p->n_outsourcers; o++) {
            fputs(o ? ", " : "", fp);
            cli_study_json_num(fp, p->risk[o].miss_probability);
        }
        fputs("], \"expected_penalty_year_eur\": [", fp);
        for (size_t o = 0; o < p->n_outsourcers; o++) {
            fputs(o ? ", " : "", fp);
            cli_study_json_num(fp, p->risk[o].expected_penalty_year_eur);
        }
        fputs("]}", fp);
    }
    fputs("]}\n", fp);
}

/* ---- files ------------------------------------------------------------------------- */

static void csv_row(FILE *fp, const char *table, const char *key, int year, double value,
                    double half_width, const char *unit)
{
    cli_study_csv_str(fp, table);
    fputc(',', fp);
    cli_study_csv_str(fp, key);
    fprintf(fp, ",%d,", year);
    cli_study_csv_num(fp, value);
    fputc(',', fp);
    cli_study_csv_num(fp, half_width);
    fprintf(fp, ",%s\n", unit);
}

static int write_costs(FILE *fp, void *ctx)
{
    const cost_run *r = ctx;
    const scenario *scn = r->scn;
    const cost_breakdown *b = &r->mean;
    double yf = b->year_factor;
    int y = scn->year;
    char name[CC_KPI_NAME_MAX + 16];
    fputs("table,key,year,value,half_width,unit\n", fp);
    for (int i = 0; i < COST_LINE_COUNT; i++) {
        snprintf(name, sizeof name, "cost.line.%s_eur", cost_line_name((cost_line)i));
        sim_ci ci = kpi(r, name);
        csv_row(fp, "line", cost_line_name((cost_line)i), y, ci.mean * yf, ci.half_width * yf,
                "eur/year");
    }
    sim_ci ci = kpi(r, "cost.year_eur");
    csv_row(fp, "total", "total", y, ci.mean, ci.half_width, "eur/year");
    ci = kpi(r, "cost.per_answered_contact_eur");
    csv_row(fp, "total", "per_answered_contact", y, ci.mean, ci.half_width, "eur/contact");
    ci = kpi(r, "cost.per_resolved_need_eur");
    csv_row(fp, "total", "per_resolved_need", y, ci.mean, ci.half_width, "eur/need");
    ci = kpi(r, "cost.people_share");
    csv_row(fp, "total", "people_share", y, ci.mean, ci.half_width, "share");
    for (size_t c = 0; c < scn->n_channels; c++) {
        snprintf(name, sizeof name, "cost.channel.%s_eur", scn->channels[c].name);
        ci = kpi(r, name);
        csv_row(fp, "channel", scn->channels[c].name, y, ci.mean * yf, ci.half_width * yf,
                "eur/year");
    }
    for (size_t s = 0; s < b->n_sites; s++) {
        snprintf(name, sizeof name, "cost.site.%s_eur", b->site[s]);
        ci = kpi(r, name);
        csv_row(fp, "site", b->site[s], y, ci.mean * yf, ci.half_width * yf, "eur/year");
    }
    const cost_tco *t = &r->tco;
    for (int s = 0; s < COST_TCO_STRATEGY_COUNT; s++) {
        char table[32];
        snprintf(table, sizeof table, "tco_%s", cost_tco_strategy_name((cost_tco_strategy)s));
        for (size_t k = 0; k < t->n_years; k++) {
            const cost_tco_flow *f = &t->rows[k].s[s];
            int yr = t->rows[k].in.year;
            csv_row(fp, table, "cash", yr, f->cash_eur, NAN, "eur/year");
            csv_row(fp, table, "platform_cash", yr, f->platform_cash_eur, NAN, "eur/year");
            csv_row(fp, table, "accounting", yr, f->accounting_eur, NAN, "eur/year");
        }
        csv_row(fp, table, "tco", t->rows[0].in.year, t->total_cash_eur[s], NAN, "eur");
        csv_row(fp, table, "npv", t->rows[0].in.year, t->npv_eur[s], NAN, "eur");
        csv_row(fp, table, "migration_year", t->rows[0].in.year, t->migration_year[s], NAN,
                "year");
    }
    csv_row(fp, "crossover", "run_rate_years", t->base_year, t->crossover_t_years, NAN,
            "years");
    csv_row(fp, "crossover", "run_rate_year", t->base_year, t->crossover_year, NAN, "year");
    csv_row(fp, "crossover", "volume_scale", t->base_year, t->crossover_scale, NAN, "share");
    csv_row(fp, "crossover", "volume_seats", t->base_year, t->crossover_seats, NAN, "seats");
    csv_row(fp, "crossover", "payback_year", t->base_year, t->payback_year, NAN, "year");
    return 0;
}

static void sla_row(FILE *fp, const scenario *scn, size_t o, long agents,
                    const cost_sla_risk *k)
{
    const scenario_outsourcer *os = &scn->outsourcers[o];
    cli_study_csv_str(fp, os->name);
    fprintf(fp, ",%ld,%s,", agents, period_name(os->sla_period));
    cli_study_csv_num(fp, os->sl_target);
    fputc(',', fp);
    cli_study_csv_num(fp, os->sl_threshold_s);
    fputc(',', fp);
    cli_study_csv_num(fp, os->abandon_ceiling);
    fprintf(fp, ",%zu,%zu,%zu,", k->periods, k->missed, k->partial);
    double v[] = {k->miss_probability, k->miss_share_ci.lo, k->miss_share_ci.hi,
                  k->service_level, os->penalty_eur, os->bonus_eur, k->periods_per_year,
                  k->expected_penalty_year_eur, k->expected_bonus_year_eur};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        if (i)
            fputc(',', fp);
        cli_study_csv_num(fp, v[i]);
    }
    fputc('\n', fp);
}

static int write_sla(FILE *fp, void *ctx)
{
    const cost_run *r = ctx;
    const scenario *scn = r->scn;
    fputs("outsourcer,agents,period,target,threshold_s,abandon_ceiling,periods,missed,partial,"
          "miss_probability,miss_lo,miss_hi,service_level_per_answered_abandoned,penalty_eur,"
          "bonus_eur,"
          "periods_per_year,expected_penalty_year_eur,expected_bonus_year_eur\n",
          fp);
    for (size_t o = 0; o < scn->n_outsourcers; o++)
        sla_row(fp, scn, o, (long)scn->outsourcers[o].agents, &r->risk[o]);
    for (size_t i = 0; i < r->n_points; i++) {
        for (size_t o = 0; o < r->points[i].n_outsourcers; o++) {
            long agents = (long)scn->outsourcers[o].agents;
            if (strcmp(scn->outsourcers[o].name, r->sweep_target) == 0)
                agents = r->points[i].agents;
            sla_row(fp, scn, o, agents, &r->points[i].risk[o]);
        }
    }
    return 0;
}

/* ---- main -------------------------------------------------------------------------- */

/* The points of --sla-sweep NAME=FROM:TO:STEP. */
typedef struct cost_sweep_arg {
    char target[SCENARIO_NAME_MAX];
    long from, to, step;
} cost_sweep_arg;

/* --sla-sweep (a cli_opt parse function): 1 when arg is NAME=FROM:TO:STEP with
 * 0 <= FROM <= TO, STEP > 0 and at most COST_CLI_MAX_POINTS points. */
static int parse_sweep(const char *arg, void *dest)
{
    cost_sweep_arg *sw = dest;
    const char *eq = strchr(arg, '=');
    if (eq == NULL || eq == arg || (size_t)(eq - arg) >= sizeof sw->target)
        return 0;
    memcpy(sw->target, arg, (size_t)(eq - arg));
    sw->target[eq - arg] = '\0';
    char *end;
    const char *p = eq + 1;
    sw->from = strtol(p, &end, 10);
    if (end == p || *end != ':')
        return 0;
    p = end + 1;
    sw->to = strtol(p, &end, 10);
    if (end == p || *end != ':')
        return 0;
    p = end + 1;
    sw->step = strtol(p, &end, 10);
    return end != p && *end == '\0' && sw->step > 0 && sw->from >= 0 && sw->to >= sw->from &&
           (sw->to - sw->from) / sw->step + 1 <= COST_CLI_MAX_POINTS;
}

int cli_cost_main(int argc, char **argv)
{
    cli_study_args a;
    cli_study_args_init(&a, "cost");
    int have_sweep = 0;
    cost_sweep_arg sw = {"", 0, 0, 1};
    const cli_opt table[] = {
        {CLI_OPT_USE(REPLICATIONS), .def = "the scenario's; at least 2"},
        {CLI_OPT_USE(SEED)},
        {CLI_OPT_USE(THREADS)},
        {CLI_OPT_USE(JSON), .help = "print one JSON object instead of tables"},
        {CLI_OPT_USE(OUTPUT), .help = "also write DIR/costs.csv and DIR/sla.csv (atomically)",
         .def = ""},
        {CLI_OPT_USE(POLICY)},
        {CLI_OPT_USE(SET)},
        {CLI_OPT_USE(INCLUDE_ROOT)},
        {CLI_OPT_USE(NO_INCLUDES)},
        {CLI_OPT_ROW_CUSTOM("sla-sweep", &sw), .metavar = "NAME=FROM:TO:STEP",
         .given = &have_sweep, .parse = parse_sweep,
         .expect = "NAME=FROM:TO:STEP with 0 <= FROM <= TO, STEP > 0 and at most 200 points",
         .help = "rerun with NAME's agents (an outsourcer or a fixed group) at FROM, "
                 "FROM+STEP, ... TO and show the SLA risk per point"},
        {CLI_OPT_USE(QUIET)},
    };
    const cli_opt_spec spec = {
        "cost",
        "omnisim cost [SCENARIO] [options]",
        "Simulate the scenario (the built-in default when none is given) and print its\n"
        "cost: people, supervisors, overhead, outsourcing and SLA, telephony and the\n"
        "platform, per year (the simulated window scaled by 365 days / window), per\n"
        "handled contact and resolved need, per channel and per site; on-premise against\n"
        "cloud over the scenario's years (TCO, NPV, crossover year and volume, payback);\n"
        "and for each outsourcer the probability of missing its SLA per period with the\n"
        "expected penalty. Formulas: docs/costs.md.",
        "Exit codes: 0 ok, 1 bad scenario or accounting failure, 2 usage error,\n"
        "3 runtime failure, 130/143/129 interrupted (no files written).",
        "SCENARIO", 0, 1, table, sizeof table / sizeof table[0]};
    int code = cli_opt_parse(&spec, &a, argc, argv);
    if (code != CLI_OPT_GO_ON)
        return code;
    const char *target = sw.target;
    long from = sw.from, to = sw.to, step = sw.step;
    int out_given = a.out_given;

    scenario *base = NULL, *scn = NULL;
    code = cli_study_load(&a, &base);
    if (code != CLI_EXIT_OK)
        return code;
    sim_error err;
    sim_error_clear(&err);
    scenario_load_opts lo = {a.policies, a.n_policies, a.sets, a.n_sets, NULL,
                             a.include_root, a.no_includes};
    scenario_diag diag;
    scenario_diag_init(&diag);
    sim_status st = SIM_OK;
    if (a.n_policies > 0 || a.n_sets > 0) {
        st = scenario_load_derive(base, &lo, &scn, &diag);
        if (st != SIM_OK) {
            code = cli_study_fail(&a, st, &err, &diag);
            scenario_diag_fini(&diag);
            scenario_free(base);
            return code;
        }
    }
    scenario_diag_fini(&diag);
    const scenario *use = scn != NULL ? scn : base;

    cost_run r;
    memset(&r, 0, sizeof r);
    r.scn = use;
    r.reps = a.reps > 0 ? (size_t)a.reps : use->replications;
    r.sweep_target = target;
    cc_options opts;
    cc_options_default(&opts);
    if (a.seed_set) {
        opts.use_seed = 1;
        opts.seed_override = (uint64_t)a.seed;
    }
    cc_rep *reps = sim_calloc(r.reps, sizeof *reps);
    cost_breakdown *bs = sim_calloc(r.reps, sizeof *bs);
    if (reps == NULL || bs == NULL) {
        st = sim_error_set(&err, SIM_ENOMEM, "", "out of memory for %zu replications", r.reps);
        goto done;
    }
    volatile sig_atomic_t *intr = cli_study_sigint_begin();
    if (!a.quiet)
        fprintf(stderr, "omnisim cost: %zu replications of %s\n", r.reps, use->name);
    st = cc_model_run_replications(use, &opts, r.reps, (int)a.threads, intr, NULL, NULL, reps,
                                   &err);
    for (size_t i = 0; st == SIM_OK && i < r.reps; i++)
        st = cost_breakdown_compute(use, &reps[i], use->year, &bs[i], &err);
    if (st == SIM_OK) {
        cost_breakdown_mean(bs, r.reps, &r.mean);
        r.sum = cost_summary_new(reps, r.reps, use, use->confidence, &err);
        if (r.sum == NULL)
            st = err.code != SIM_OK ? err.code : SIM_ENOMEM;
    }
    if (st == SIM_OK) {
        cost_tco_year y0 = cost_breakdown_tco_year(&r.mean), years[COST_TCO_MAX_YEARS];
        size_t ny = 0;
        st = cost_tco_years_project(use, &y0, years, COST_TCO_MAX_YEARS, &ny, &err);
        if (st == SIM_OK)
            st = cost_tco_compute(&use->costs, use->year, years, ny, &r.tco, &err);
    }
    for (size_t o = 0; st == SIM_OK && o < use->n_outsourcers; o++)
        st = cost_sla_risk_compute(use, reps, r.reps, o, use->confidence, &r.risk[o], &err);
    if (st == SIM_OK && have_sweep) {
        size_t np = (size_t)((to - from) / step) + 1;
        r.points = sim_calloc(np, sizeof *r.points);
        if (r.points == NULL) {
            st = sim_error_set(&err, SIM_ENOMEM, "", "out of memory for %zu sweep points", np);
        } else {
            if (!a.quiet)
                fprintf(stderr, "omnisim cost: SLA sweep of %s over %zu points\n", target, np);
            st = sla_sweep_run(base, &lo, &opts, target, from, to, step, r.reps,
                                (int)a.threads, intr, r.points, np, &r.n_points, &err);
        }
    }
    cli_study_sigint_end();
    if (st == SIM_OK) {
        if (a.json)
            print_json(stdout, &r);
        else
            print_text(&r);
        fflush(stdout);
        if (out_given) {
            code = cli_study_write(&a, "costs.csv", write_costs, &r);
            if (code == CLI_EXIT_OK)
                code = cli_study_write(&a, "sla.csv", write_sla, &r);
            if (code == CLI_EXIT_OK && !a.quiet)
                fprintf(stderr, "omnisim cost: wrote %s/costs.csv and %s/sla.csv\n", a.out_dir,
                        a.out_dir);
        }
    }
done:
    if (st != SIM_OK)
        code = cli_study_fail(&a, st, &err, NULL);
    for (size_t i = 0; reps != NULL && i < r.reps; i++)
        cc_rep_fini(&reps[i]);
    sim_free(reps);
    sim_free(bs);
    sim_free(r.points);
    cc_summary_free(r.sum);
    scenario_free(scn);
    scenario_free(base);
    return code;
}
