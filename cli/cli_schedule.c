/* cli_schedule.c -- `omnisim schedule SCENARIO`: shifts that cover the Erlang requirement at
 * least cost, the coverage they give, the head count they need over the year, and the
 * service level the schedule achieves when it is simulated.
 *
 * For every group that has shift templates: the requirement per interval of the week
 * (models/shift/shift_scenario.h: the model's Erlang sizer, shrinkage), the integer program
 * (models/shift/shift_plan.h, GLPK), the shifts chosen and the coverage. Then the long-term capacity
 * (models/shift/shift_capacity.h) from the paid hours, and, unless --no-sim, a simulation of the
 * scenario derived with every scheduled group on per-interval staffing from its coverage.
 * Writes DIR/schedule.csv, DIR/coverage.csv, DIR/capacity.csv and (with the simulation)
 * DIR/service.csv, each atomically; docs/scheduling.md lists the columns.
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc_model.h"
#include "cc_result.h"
#include "cc_staff.h"
#include "cli.h"
#include "cli_study.h"
#include "shift_capacity.h"
#include "shift_plan.h"
#include "shift_scenario.h"
#include "sim_alloc.h"
#include "scenario_load.h"

/* ---------------------------------------------------------------------------------------- */

typedef struct sched_group {
    shift_scenario_input in;
    shift_plan *plan;
    size_t *on_duty; /* [n_week] from the coverage, for the simulation */
} sched_group;

typedef struct sched_out {
    const cli_study_args *a;
    const scenario *scn;
    sched_group *groups;
    size_t n_groups;
    double fte_hours;
    shift_capacity_params cap;
    shift_capacity_month *months;
    size_t n_months;
    int first_year;
    shift_capacity_year *years;
    size_t n_years;
    double fte;              /* paid hours per week / fte_hours, all groups */
    cc_summary *sum;         /* NULL without simulation */
    int repeats;             /* --repeats: requirement with the expected repeat contacts */
} sched_out;

static void fmt_hhmm(char *buf, size_t n, double t_s)
{
    long t = lround(t_s);
    long day = t / 86400;
    t %= 86400;
    snprintf(buf, n, "%02ld:%02ld%s", t / 3600, (t % 3600) / 60, day > 0 ? "+1" : "");
}

static const char *day_name(unsigned d)
{
    static const char *const names[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    return names[d % 7];
}

static const sim_ci *kpi(const cc_summary *sum, const char *channel, const char *what)
{
    char name[CC_KPI_NAME_MAX];
    snprintf(name, sizeof name, "channel.%s.%s", channel, what);
    size_t k = cc_summary_find(sum, name);
    return k == SIZE_MAX ? NULL : &sum->ci[k];
}

/* 1 met (whole CI at or above target), 0 missed (whole CI below), -1 undecided or none. */
static int sl_verdict(const sim_ci *ci, double target)
{
    if (ci == NULL || !isfinite(ci->mean))
        return -1;
    double lo = isfinite(ci->lo) ? ci->lo : ci->mean, hi = isfinite(ci->hi) ? ci->hi : ci->mean;
    if (lo >= target)
        return 1;
    if (hi < target)
        return 0;
    return -1;
}

static const char *verdict_name(int v)
{
    return v == 1 ? "met" : v == 0 ? "missed" : "uncertain";
}

/* ---- files ------------------------------------------------------------------------------ */

static int write_schedule_csv(FILE *fp, void *ctx)
{
    const sched_out *o = ctx;
    fprintf(fp, "group,template,day,start,end,agents,paid_hours,cost_eur");
    for (int j = 0; j < SHIFT_PLAN_MAX_BREAKS; j++)
        fprintf(fp, ",break%d_start,break%d_end", j + 1, j + 1);
    fputc('\n', fp);
    for (size_t g = 0; g < o->n_groups; g++) {
        const sched_group *sg = &o->groups[g];
        for (size_t r = 0; r < sg->plan->n_plan_rows; r++) {
            const shift_plan_row *row = &sg->plan->rows[r];
            const shift_plan_template *t = &sg->in.templates[row->template_index];
            char s[16], e[16];
            fmt_hhmm(s, sizeof s, row->start_s);
            fmt_hhmm(e, sizeof e, row->start_s + t->length_s);
            cli_study_csv_str(fp, o->scn->groups[sg->in.group].name);
            fputc(',', fp);
            cli_study_csv_str(fp, t->name);
            fprintf(fp, ",%s,%s,%s,%zu,", day_name(row->day), s, e, row->count);
            cli_study_csv_num(fp, row->paid_hours);
            fputc(',', fp);
            cli_study_csv_num(fp, row->cost_eur);
            for (size_t j = 0; j < SHIFT_PLAN_MAX_BREAKS; j++) {
                if (j < t->n_breaks) {
                    fmt_hhmm(s, sizeof s, row->start_s + row->break_start_s[j]);
                    fmt_hhmm(e, sizeof e,
                             row->start_s + row->break_start_s[j] + t->breaks[j].length_s);
                    fprintf(fp, ",%s,%s", s, e);
                } else {
                    fputs(",,", fp);
                }
            }
            fputc('\n', fp);
        }
    }
    return ferror(fp) ? -1 : 0;
}

static int write_coverage_csv(FILE *fp, void *ctx)
{
    const sched_out *o = ctx;
    fprintf(fp, "group,interval,day,time,erlang_on_duty,required,scheduled,on_duty,surplus\n");
    for (size_t g = 0; g < o->n_groups; g++) {
        const sched_group *sg = &o->groups[g];
        for (size_t k = 0; k < sg->in.n_week; k++) {
            char when[16];
            shift_plan_format_interval(o->scn->interval_s, k, when, sizeof when);
            when[3] = '\0';
            cli_study_csv_str(fp, o->scn->groups[sg->in.group].name);
            fprintf(fp, ",%zu,%s,%s,", k, when, when + 4);
            cli_study_csv_num(fp, sg->in.on_duty[k]);
            fputc(',', fp);
            cli_study_csv_num(fp, sg->in.required[k]);
            double need = ceil(sg->in.required[k] - 1e-9);
            fprintf(fp, ",%zu,%zu,", sg->plan->coverage[k], sg->on_duty[k]);
            cli_study_csv_num(fp, (double)sg->plan->coverage[k] - need);
            fputc('\n', fp);
        }
    }
    return ferror(fp) ? -1 : 0;
}

static int write_capacity_csv(FILE *fp, void *ctx)
{
    const sched_out *o = ctx;
    fprintf(fp, "year,month,required_fte,hires,headcount,leavers,in_training,productive_fte,"
                "shortfall_fte\n");
    for (size_t m = 0; m < o->n_months; m++) {
        const shift_capacity_month *mm = &o->months[m];
        fprintf(fp, "%d,%zu", o->first_year + (int)(m / 12), m % 12 + 1);
        double v[7] = {mm->required_fte, mm->hires,          mm->headcount,   mm->leavers,
                       mm->in_training,  mm->productive_fte, mm->shortfall_fte};
        for (int i = 0; i < 7; i++) {
            fputc(',', fp);
            cli_study_csv_num(fp, v[i]);
        }
        fputc('\n', fp);
    }
    return ferror(fp) ? -1 : 0;
}

static int write_service_csv(FILE *fp, void *ctx)
{
    const sched_out *o = ctx;
    fprintf(fp, "channel,kind,sl_target,sl_threshold_s," CC_KPI_SERVICE_LEVEL
                "," CC_KPI_SERVICE_LEVEL "_lo," CC_KPI_SERVICE_LEVEL "_hi," CC_KPI_ABANDONMENT
                "," CC_KPI_ABANDONMENT "_lo," CC_KPI_ABANDONMENT "_hi,verdict\n");
    for (size_t c = 0; c < o->scn->n_channels; c++) {
        const scenario_channel *ch = &o->scn->channels[c];
        if (!scenario_channel_kind_props(ch->kind)->agent_time)
            continue;
        const sim_ci *sl = kpi(o->sum, ch->name, CC_KPI_SERVICE_LEVEL);
        const sim_ci *ab = kpi(o->sum, ch->name, CC_KPI_ABANDONMENT);
        cli_study_csv_str(fp, ch->name);
        fprintf(fp, ",%s,", scenario_channel_kind_name(ch->kind));
        cli_study_csv_num(fp, ch->sl_target);
        fputc(',', fp);
        cli_study_csv_num(fp, scenario_channel_kind_props(ch->kind)->backlog
                                  ? ch->response_target_s
                                  : ch->sl_threshold_s);
        const sim_ci *cis[2] = {sl, ab};
        for (int i = 0; i < 2; i++) {
            double m = cis[i] ? cis[i]->mean : (double)NAN, lo = cis[i] ? cis[i]->lo : (double)NAN,
                   hi = cis[i] ? cis[i]->hi : (double)NAN;
            fputc(',', fp);
            cli_study_csv_num(fp, m);
            fputc(',', fp);
            cli_study_csv_num(fp, lo);
            fputc(',', fp);
            cli_study_csv_num(fp, hi);
        }
        fprintf(fp, ",%s\n", verdict_name(sl_verdict(sl, ch->sl_target)));
    }
    return ferror(fp) ? -1 : 0;
}

/* ---- stdout ----------------------------------------------------------------------------- */

static void print_tables(const sched_out *o)
{
    for (size_t g = 0; g < o->n_groups; g++) {
        const sched_group *sg = &o->groups[g];
        const shift_plan *p = sg->plan;
        printf("group %s: %s", o->scn->groups[sg->in.group].name,
               shift_plan_status_name(p->status));
        if (p->status != SHIFT_PLAN_OPTIMAL)
            printf(" (gap %.2f%% to the best bound)", 100.0 * p->gap);
        printf(", %zu shifts, %.1f paid hours, %.2f EUR per week, head count %zu", p->shifts,
               p->paid_hours, p->cost_eur, p->headcount);
        if (p->capped)
            printf(", under-coverage %.0f agent-intervals", p->under_coverage);
        printf(" (solved in %.2f s)\n", p->solve_s);
        printf("  %-20s %-3s %-8s %-8s %6s  %s\n", "template", "day", "start", "end", "agents",
               "breaks");
        for (size_t r = 0; r < p->n_plan_rows; r++) {
            const shift_plan_row *row = &p->rows[r];
            const shift_plan_template *t = &sg->in.templates[row->template_index];
            char s[16], e[16];
            fmt_hhmm(s, sizeof s, row->start_s);
            fmt_hhmm(e, sizeof e, row->start_s + t->length_s);
            printf("  %-20s %-3s %-8s %-8s %6zu ", t->name, day_name(row->day), s, e,
                   row->count);
            for (size_t j = 0; j < t->n_breaks; j++) {
                fmt_hhmm(s, sizeof s, row->start_s + row->break_start_s[j]);
                printf(" %s(%.0fm)", s, t->breaks[j].length_s / 60.0);
            }
            putchar('\n');
        }
        {
            printf("  coverage (intervals with a requirement or agents):\n");
            printf("  %-10s %8s %9s %10s %8s\n", "interval", "erlang", "required", "scheduled",
                   "on_duty");
            for (size_t k = 0; k < sg->in.n_week; k++) {
                if (sg->in.required[k] <= 0.0 && p->coverage[k] == 0)
                    continue;
                char when[16];
                printf("  %-10s %8.1f %9.1f %10zu %8zu%s\n",
                       shift_plan_format_interval(o->scn->interval_s, k, when, sizeof when),
                       sg->in.on_duty[k], sg->in.required[k], p->coverage[k], sg->on_duty[k],
                       (double)p->coverage[k] + 1e-9 < sg->in.required[k] ? "  short" : "");
            }
        }
    }
    printf("capacity: %.1f paid hours per week = %.1f FTE of %.0f h; attrition %.0f%%/year, "
           "hiring lead %.0f days, training %.0f days at %.0f%%\n",
           o->fte * o->fte_hours, o->fte, o->fte_hours, 100.0 * o->cap.attrition_per_year,
           o->cap.hiring_lead_time_days, o->cap.training_days,
           100.0 * o->cap.training_productivity);
    printf("  %-6s %12s %14s %10s %10s %14s %14s\n", "year", "required_fte", "mean_headcount",
           "hires", "leavers", "end_headcount", "max_shortfall");
    for (size_t y = 0; y < o->n_years; y++) {
        const shift_capacity_year *yy = &o->years[y];
        printf("  %-6d %12.1f %14.1f %10.1f %10.1f %14.1f %14.1f\n", o->first_year + (int)y,
               yy->mean_required_fte, yy->mean_headcount, yy->hires, yy->leavers,
               yy->end_headcount, yy->max_shortfall_fte);
    }
    if (o->sum == NULL)
        return;
    printf("simulated service level of the schedule (%zu replications, %.0f%% CI; service level "
           "= answered within the threshold / (answered + abandoned)):\n",
           o->sum->n_reps, 100.0 * o->sum->level);
    printf("  %-12s %-10s %7s %24s %22s  %s\n", "channel", "kind", "target", "service level",
           "abandoned/offered", "verdict");
    for (size_t c = 0; c < o->scn->n_channels; c++) {
        const scenario_channel *ch = &o->scn->channels[c];
        if (!scenario_channel_kind_props(ch->kind)->agent_time)
            continue;
        const sim_ci *sl = kpi(o->sum, ch->name, CC_KPI_SERVICE_LEVEL);
        const sim_ci *ab = kpi(o->sum, ch->name, CC_KPI_ABANDONMENT);
        char a[40] = "-", b[40] = "-";
        if (sl != NULL && isfinite(sl->mean))
            snprintf(a, sizeof a, "%.3f [%.3f, %.3f]", sl->mean, sl->lo, sl->hi);
        if (ab != NULL && isfinite(ab->mean))
            snprintf(b, sizeof b, "%.3f [%.3f, %.3f]", ab->mean, ab->lo, ab->hi);
        printf("  %-12s %-10s %7.2f %24s %22s  %s\n", ch->name,
               scenario_channel_kind_name(ch->kind), ch->sl_target, a, b,
               verdict_name(sl_verdict(sl, ch->sl_target)));
    }
}

static void json_ci(FILE *fp, const sim_ci *ci)
{
    fputs("{\"mean\": ", fp);
    cli_study_json_num(fp, ci ? ci->mean : (double)NAN);
    fputs(", \"lo\": ", fp);
    cli_study_json_num(fp, ci ? ci->lo : (double)NAN);
    fputs(", \"hi\": ", fp);
    cli_study_json_num(fp, ci ? ci->hi : (double)NAN);
    fputc('}', fp);
}

static void print_json(const sched_out *o)
{
    FILE *fp = stdout;
    fputs("{\"scenario\": ", fp);
    cli_study_json_str(fp, o->scn->name);
    fputs(", \"interval_s\": ", fp);
    cli_study_json_num(fp, o->scn->interval_s);
    fputs(", \"groups\": [", fp);
    for (size_t g = 0; g < o->n_groups; g++) {
        const sched_group *sg = &o->groups[g];
        const shift_plan *p = sg->plan;
        fputs(g ? ", {\"group\": " : "{\"group\": ", fp);
        cli_study_json_str(fp, o->scn->groups[sg->in.group].name);
        fprintf(fp, ", \"status\": \"%s\", \"capped\": %s, \"gap\": ",
                shift_plan_status_name(p->status), p->capped ? "true" : "false");
        cli_study_json_num(fp, p->gap);
        fputs(", \"cost_eur\": ", fp);
        cli_study_json_num(fp, p->cost_eur);
        fputs(", \"paid_hours\": ", fp);
        cli_study_json_num(fp, p->paid_hours);
        fprintf(fp, ", \"shifts\": %zu, \"headcount\": %zu, \"under_coverage\": ", p->shifts,
                p->headcount);
        cli_study_json_num(fp, p->under_coverage);
        fputs(", \"lp_bound\": ", fp);
        cli_study_json_num(fp, p->lp_bound);
        fputs(", \"solve_s\": ", fp);
        cli_study_json_num(fp, p->solve_s);
        fprintf(fp, ", \"program\": {\"rows\": %zu, \"columns\": %zu, \"nonzeros\": %zu}",
                p->n_rows, p->n_cols, p->n_nonzeros);
        fputs(", \"shifts_chosen\": [", fp);
        for (size_t r = 0; r < p->n_plan_rows; r++) {
            const shift_plan_row *row = &p->rows[r];
            const shift_plan_template *t = &sg->in.templates[row->template_index];
            char s[16];
            fmt_hhmm(s, sizeof s, row->start_s);
            fputs(r ? ", {\"template\": " : "{\"template\": ", fp);
            cli_study_json_str(fp, t->name);
            fprintf(fp, ", \"day\": \"%s\", \"start\": \"%s\", \"agents\": %zu, \"breaks\": [",
                    day_name(row->day), s, row->count);
            for (size_t j = 0; j < t->n_breaks; j++) {
                fmt_hhmm(s, sizeof s, row->start_s + row->break_start_s[j]);
                fprintf(fp, "%s\"%s\"", j ? ", " : "", s);
            }
            fputs("]}", fp);
        }
        fputs("]}", fp);
    }
    fputs("], \"capacity\": {\"fte\": ", fp);
    cli_study_json_num(fp, o->fte);
    fputs(", \"fte_hours\": ", fp);
    cli_study_json_num(fp, o->fte_hours);
    fputs(", \"years\": [", fp);
    for (size_t y = 0; y < o->n_years; y++) {
        const shift_capacity_year *yy = &o->years[y];
        fprintf(fp, "%s{\"year\": %d, \"mean_required_fte\": ", y ? ", " : "",
                o->first_year + (int)y);
        cli_study_json_num(fp, yy->mean_required_fte);
        fputs(", \"mean_headcount\": ", fp);
        cli_study_json_num(fp, yy->mean_headcount);
        fputs(", \"hires\": ", fp);
        cli_study_json_num(fp, yy->hires);
        fputs(", \"leavers\": ", fp);
        cli_study_json_num(fp, yy->leavers);
        fputs(", \"end_headcount\": ", fp);
        cli_study_json_num(fp, yy->end_headcount);
        fputs(", \"max_shortfall_fte\": ", fp);
        cli_study_json_num(fp, yy->max_shortfall_fte);
        fputc('}', fp);
    }
    fputs("]}", fp);
    if (o->sum != NULL) {
        fprintf(fp, ", \"simulation\": {\"replications\": %zu, \"level\": ", o->sum->n_reps);
        cli_study_json_num(fp, o->sum->level);
        fputs(", \"channels\": [", fp);
        int first = 1;
        for (size_t c = 0; c < o->scn->n_channels; c++) {
            const scenario_channel *ch = &o->scn->channels[c];
            if (!scenario_channel_kind_props(ch->kind)->agent_time)
                continue;
            const sim_ci *sl = kpi(o->sum, ch->name, CC_KPI_SERVICE_LEVEL);
            fputs(first ? "{\"channel\": " : ", {\"channel\": ", fp);
            first = 0;
            cli_study_json_str(fp, ch->name);
            fputs(", \"sl_target\": ", fp);
            cli_study_json_num(fp, ch->sl_target);
            fputs(", \"" CC_KPI_SERVICE_LEVEL "\": ", fp);
            json_ci(fp, sl);
            fputs(", \"" CC_KPI_ABANDONMENT "\": ", fp);
            json_ci(fp, kpi(o->sum, ch->name, CC_KPI_ABANDONMENT));
            fprintf(fp, ", \"verdict\": \"%s\"}", verdict_name(sl_verdict(sl, ch->sl_target)));
        }
        fputs("]}", fp);
    }
    fputs("}\n", fp);
}

/* ---- the command ------------------------------------------------------------------------ */

/* Capacity over the roadmap's years (or the scenario's year), the requirement growing with
 * the roadmap's total volume growth, compounded monthly. */
static int plan_capacity(sched_out *o, const scenario *scn)
{
    double paid = 0.0;
    for (size_t g = 0; g < o->n_groups; g++)
        paid += o->groups[g].plan->paid_hours;
    o->fte = paid / o->fte_hours;
    shift_scenario_capacity_params(scn, &o->cap);
    int y0 = scn->year, y1 = scn->year;
    double growth = 0.0;
    if (scn->roadmap.present) {
        y0 = scn->roadmap.first_year;
        y1 = scn->roadmap.last_year >= y0 ? scn->roadmap.last_year : y0;
        growth = scn->roadmap.volume_growth_per_year;
    }
    o->first_year = y0;
    o->n_months = 12 * (size_t)(y1 - y0 + 1);
    double *req = sim_calloc(o->n_months, sizeof *req);
    o->months = sim_calloc(o->n_months, sizeof *o->months);
    o->years = sim_calloc((o->n_months + 11) / 12, sizeof *o->years);
    if (req == NULL || o->months == NULL || o->years == NULL) {
        sim_free(req);
        fprintf(stderr, "omnisim schedule: error: out of memory\n");
        return CLI_EXIT_RUNTIME;
    }
    for (size_t m = 0; m < o->n_months; m++)
        req[m] = o->fte * pow(1.0 + growth, (double)m / 12.0);
    sim_error err;
    sim_error_clear(&err);
    sim_status st = shift_capacity_plan(&o->cap, req, o->n_months, o->months, &err);
    sim_free(req);
    if (st != SIM_OK)
        return cli_report_error("schedule", &err);
    o->n_years = shift_capacity_years(o->months, o->n_months, o->cap.attrition_per_year,
                                      o->years);
    return CLI_EXIT_OK;
}

/* Simulate base with the user's overrides and every scheduled group on per-interval
 * staffing from its coverage. */
static int simulate(sched_out *o, const cli_study_args *a, const scenario *base)
{
    /* The file's own policies and roadmap are dropped from the simulated variant (after the
     * user's --policy were applied): the loader checks every policy against the variant, and
     * a policy that sets a scheduled group's "agents" would contradict its per-interval
     * staffing. */
    static const char *const drop[2] = {"policies=null", "roadmap=null"};
    size_t n_sets = a->n_sets + 2 + 3 * o->n_groups;
    const char **sets = sim_calloc(n_sets, sizeof *sets);
    char **own = sim_calloc(3 * o->n_groups, sizeof *own);
    scenario *scn = NULL;
    cc_rep *reps = NULL;
    size_t n = 0;
    int code = CLI_EXIT_OK;
    sim_error err;
    sim_error_clear(&err);
    scenario_diag diag;
    scenario_diag_init(&diag);
    sim_status st = SIM_OK;
    if (sets == NULL || own == NULL) {
        st = sim_error_set(&err, SIM_ENOMEM, "", "out of memory");
        goto done;
    }
    for (size_t i = 0; i < a->n_sets; i++)
        sets[i] = a->sets[i];
    sets[a->n_sets] = drop[0];
    sets[a->n_sets + 1] = drop[1];
    for (size_t g = 0; g < o->n_groups && st == SIM_OK; g++) {
        st = shift_scenario_sets(o->scn, o->groups[g].in.group, o->groups[g].on_duty,
                                 o->groups[g].in.n_week, &own[3 * g], &err);
        for (int i = 0; i < 3 && st == SIM_OK; i++)
            sets[a->n_sets + 2 + 3 * g + (size_t)i] = own[3 * g + (size_t)i];
    }
    if (st != SIM_OK)
        goto done;
    scenario_load_opts lo = {.policies = a->policies, .n_policies = a->n_policies,
                             .sets = sets, .n_sets = n_sets};
    st = scenario_load_derive(base, &lo, &scn, &diag);
    if (st != SIM_OK)
        goto done;
    cc_options opts;
    cc_options_default(&opts);
    if (o->repeats)
        opts.erlang = cc_staff_erlang_repeats; /* erlang groups not scheduled here */
    if (a->seed_set) {
        opts.use_seed = 1;
        opts.seed_override = a->seed;
    }
    st = cc_model_validate(scn, &opts, &err);
    if (st != SIM_OK)
        goto done;
    n = a->reps > 0 ? (size_t)a->reps : scn->replications;
    reps = sim_calloc(n, sizeof *reps);
    if (reps == NULL) {
        st = sim_error_set(&err, SIM_ENOMEM, "", "out of memory for %zu replications", n);
        goto done;
    }
    if (!a->quiet)
        fprintf(stderr, "omnisim schedule: simulating the schedule, %zu replications on %ld "
                        "thread(s)\n",
                n, a->threads);
    volatile sig_atomic_t *intr = cli_study_sigint_begin();
    st = cc_model_run_replications(scn, &opts, n, (int)a->threads, intr, NULL, NULL, reps, &err);
    cli_study_sigint_end();
    if (st != SIM_OK)
        goto done;
    o->sum = cc_summary_new(reps, n, scn, scn->confidence, &err);
    if (o->sum == NULL)
        st = err.code != SIM_OK ? err.code : SIM_ENOMEM;
done:
    if (st != SIM_OK)
        code = cli_study_fail(a, st, &err, &diag);
    if (reps != NULL)
        for (size_t r = 0; r < n; r++)
            cc_rep_fini(&reps[r]);
    sim_free(reps);
    for (size_t i = 0; own != NULL && i < 3 * o->n_groups; i++)
        sim_free(own[i]);
    sim_free(own);
    sim_free(sets);
    scenario_free(scn);
    scenario_diag_fini(&diag);
    return code;
}

int cli_schedule_main(int argc, char **argv)
{
    cli_study_args a;
    cli_study_args_init(&a, "schedule");
    shift_plan_opts po;
    shift_plan_opts_default(&po);
    double fte_hours = 36.0;
    const char *only_group = NULL;
    int no_sim = 0;
    int repeats = 0;
    long headcount = 0, days = 0;
    int headcount_given = 0, days_given = 0;
    const cli_opt table[] = {
        {CLI_OPT_USE(OUTPUT),
         .help = "write schedule.csv, coverage.csv, capacity.csv and service.csv to DIR, "
                 "atomically"},
        {CLI_OPT_USE(JSON), .help = "print JSON instead of tables"},
        {CLI_OPT_ROW_NUM("budget", &po.budget_eur), .metavar = "EUR",
         .lo = 0.01, .hi = 1e12,
         .help = "cap on each group's weekly cost (least under-coverage)"},
        {CLI_OPT_ROW_INT("max-headcount", &headcount), .metavar = "N",
         .given = &headcount_given, .lo = 1, .hi = 10000000,
         .help = "cap on each group's head count (least under-coverage)"},
        {CLI_OPT_ROW_INT("days-per-agent", &days), .metavar = "N",
         .given = &days_given, .lo = 1, .hi = 7, .help = "shifts one person works per week",
         .def = "5"},
        {CLI_OPT_ROW_NUM("time-limit", &po.time_limit_s), .metavar = "S",
         .lo = 0.001, .hi = 1e6, .help = "solver time limit per group in seconds",
         .def = "60"},
        {CLI_OPT_ROW_NUM("gap", &po.mip_gap), .metavar = "G", .lo = 0.0,
         .hi = 0.99, .help = "relative MIP gap at which to stop", .def = "0.01"},
        {CLI_OPT_ROW_NUM("fte-hours", &fte_hours), .metavar = "H",
         .lo = 1.0, .hi = 168.0, .help = "paid hours of one full-time person per week",
         .def = "36"},
        {CLI_OPT_ROW_TEXT("group", &only_group), .metavar = "NAME",
         .expect = "a group name", .help = "schedule only this group"},
        {CLI_OPT_ROW_FLAG("no-sim", &no_sim),
         .help = "do not simulate the schedule"},
        {CLI_OPT_ROW_FLAG("repeats", &repeats),
         .help = "size the requirement with the expected repeat contacts (as `omnisim staff "
                 "--repeats`); default first contacts"},
        {CLI_OPT_USE(REPLICATIONS), .help = "replications of the simulation"},
        {CLI_OPT_USE(SEED), .help = "master seed of the simulation"},
        {CLI_OPT_USE(THREADS), .help = "threads for the simulation; results do not depend on it"},
        {CLI_OPT_USE(POLICY), .help = "apply a policy of the scenario first"},
        {CLI_OPT_USE(SET), .help = "apply an override first"},
        {CLI_OPT_USE(INCLUDE_ROOT)},
        {CLI_OPT_USE(NO_INCLUDES)},
        {CLI_OPT_USE(QUIET)},
    };
    const cli_opt_spec spec = {
        "schedule",
        "omnisim schedule [SCENARIO] [options]",
        "Choose shifts (the scenario's shift templates) that cover each interval's Erlang\n"
        "requirement at least cost, as an integer program solved with GLPK; or, with\n"
        "--budget or --max-headcount, the shifts with the least under-coverage within the\n"
        "cap. Prints the shifts, coverage vs requirement, paid hours, cost, the head count\n"
        "over the year (attrition, hiring lead time, training), and the simulated service\n"
        "level per channel of the schedule (with confidence intervals).",
        "Exit codes: 0 a schedule was found (its status says optimal, gap or time-limit),\n"
        "1 invalid scenario or infeasible (the message names the interval), 2 usage error,\n"
        "3 runtime failure (no schedule within the time limit, I/O),\n"
        "130/143/129 interrupted.\n"
        "docs/scheduling.md describes the formulation and the files.",
        "SCENARIO", 0, 1, table, sizeof table / sizeof table[0]};
    int parsed = cli_opt_parse(&spec, &a, argc, argv);
    if (parsed != CLI_OPT_GO_ON)
        return parsed;
    if (no_sim && (a.reps > 0 || a.seed_set))
        return cli_usage_error("schedule", "%s sets the simulation, which --no-sim skips",
                               a.reps > 0 ? "-r" : "-s");
    if (headcount_given)
        po.max_headcount = (size_t)headcount;
    if (days_given)
        po.days_per_agent = (unsigned)days;

    scenario *base = NULL, *scn = NULL;
    int code = cli_study_load(&a, &base);
    if (code != CLI_EXIT_OK)
        return code;
    sim_error err;
    sim_error_clear(&err);
    scenario_diag diag;
    scenario_diag_init(&diag);
    sched_out o;
    memset(&o, 0, sizeof o);
    o.a = &a;
    o.fte_hours = fte_hours;
    o.repeats = repeats;
    sim_status st = SIM_OK;
    if (a.n_policies > 0 || a.n_sets > 0) {
        scenario_load_opts lo = {.policies = a.policies, .n_policies = a.n_policies,
                                 .sets = a.sets, .n_sets = a.n_sets};
        st = scenario_load_derive(base, &lo, &scn, &diag);
        if (st != SIM_OK) {
            code = cli_study_fail(&a, st, &err, &diag);
            goto done;
        }
    }
    const scenario *s = scn != NULL ? scn : base;
    o.scn = s;
    size_t want = SCENARIO_NONE;
    if (only_group != NULL) {
        want = scenario_find_group(s, only_group);
        if (want == SCENARIO_NONE) {
            code = cli_usage_error("schedule", "--group: no group '%s' in the scenario",
                                   only_group);
            goto done;
        }
        if (shift_scenario_count_templates(s, want) == 0) {
            sim_error_set(&err, SIM_EINVAL, "shifts",
                          "group '%s' has no shift templates (shifts[].group)", only_group);
            code = cli_report_error("schedule", &err);
            goto done;
        }
    }
    o.groups = sim_calloc(s->n_groups, sizeof *o.groups);
    if (o.groups == NULL) {
        st = sim_error_set(&err, SIM_ENOMEM, "", "out of memory");
        code = cli_report_error("schedule", &err);
        goto done;
    }
    for (size_t g = 0; g < s->n_groups; g++) {
        if ((want != SCENARIO_NONE && g != want) || shift_scenario_count_templates(s, g) == 0)
            continue;
        sched_group *sg = &o.groups[o.n_groups];
        st = shift_scenario_input_init(&sg->in, s, g, repeats ? cc_staff_erlang_repeats : NULL,
                                       &err);
        if (st != SIM_OK) {
            code = cli_report_error("schedule", &err);
            goto done;
        }
        o.n_groups++;
        if (!a.quiet)
            fprintf(stderr, "omnisim schedule: group %s, %zu templates, %zu intervals\n",
                    s->groups[g].name, sg->in.n_templates, sg->in.n_week);
        st = shift_plan_solve(&sg->in.problem, &po, &sg->plan, &err);
        if (st != SIM_OK) {
            char where[SIM_ERROR_PATH_MAX];
            /* Name the group, so that a template or interval is found in the scenario. */
            snprintf(where, sizeof where, "groups.%.*s: %.*s", 60, s->groups[g].name, 90,
                     err.path);
            memcpy(err.path, where, sizeof where);
            code = cli_report_error("schedule", &err);
            goto done;
        }
        sg->on_duty = sim_calloc(sg->in.n_week, sizeof *sg->on_duty);
        if (sg->on_duty == NULL) {
            st = sim_error_set(&err, SIM_ENOMEM, "", "out of memory");
            code = cli_report_error("schedule", &err);
            goto done;
        }
        shift_scenario_on_duty(&sg->in, sg->plan->coverage, sg->on_duty);
    }
    if (o.n_groups == 0) {
        sim_error_set(&err, SIM_EINVAL, "shifts",
                      "the scenario has no shift templates: add \"shifts\" (see "
                      "docs/scheduling.md)");
        code = cli_report_error("schedule", &err);
        goto done;
    }
    code = plan_capacity(&o, s);
    if (code != CLI_EXIT_OK)
        goto done;
    if (!no_sim) {
        code = simulate(&o, &a, base);
        if (code != CLI_EXIT_OK)
            goto done;
    }
    code = cli_study_write(&a, "schedule.csv", write_schedule_csv, &o);
    if (code == CLI_EXIT_OK)
        code = cli_study_write(&a, "coverage.csv", write_coverage_csv, &o);
    if (code == CLI_EXIT_OK)
        code = cli_study_write(&a, "capacity.csv", write_capacity_csv, &o);
    if (code == CLI_EXIT_OK && o.sum != NULL)
        code = cli_study_write(&a, "service.csv", write_service_csv, &o);
    if (code != CLI_EXIT_OK)
        goto done;
    if (a.json)
        print_json(&o);
    else
        print_tables(&o);
    if (!a.quiet)
        fprintf(stderr, "omnisim schedule: written %s/schedule.csv, coverage.csv, capacity.csv%s\n",
                a.out_dir, o.sum != NULL ? " and service.csv" : "");
done:
    for (size_t g = 0; o.groups != NULL && g < o.n_groups; g++) {
        shift_plan_free(o.groups[g].plan);
        sim_free(o.groups[g].on_duty);
        shift_scenario_input_fini(&o.groups[g].in);
    }
    sim_free(o.groups);
    sim_free(o.months);
    sim_free(o.years);
    cc_summary_free(o.sum);
    scenario_diag_fini(&diag);
    scenario_free(scn);
    scenario_free(base);
    return code;
}
