/* cli_staff.c -- `omnisim staff [SCENARIO]`: the agents and scheduled staff each interval of
 * the week needs, per channel, from the Erlang formulas.
 *
 * Prints a summary per channel on stdout (method, target, peak and mean agents, agent and
 * staff hours per week), the per-interval table with --verbose, or the whole plan as one
 * JSON object with --json; writes DIR/staffing.csv and DIR/staffing.json atomically (a
 * temporary file in DIR, then rename). The arithmetic is models/queueing/staffplan.h's; this file
 * only parses, prints and writes. docs/erlang.md (section "omnisim staff") lists the fields.
 */
#define _GNU_SOURCE
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_study.h"
#include "scenario.h"
#include "scenario_load.h"
#include "staffplan.h"

static const char *const staff_days[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

/* Per-channel figures over the week. */
typedef struct staff_sum {
    double peak;      /* most agents in one interval */
    size_t peak_at;   /* first interval with the peak */
    double peak_staff;
    double agent_h;   /* agent hours per week */
    double staff_h;   /* staff hours per week */
    double mean_open; /* mean agents over the open intervals */
    size_t open;      /* open intervals */
} staff_sum;

typedef struct staff_ctx {
    const scenario *scn;
    const staffplan *plan;
    const staffplan_options *opts;
    staff_sum *sums;  /* [n_channels] */
    double peak_total;    /* most agents of all channels together in one interval */
    size_t peak_total_at;
} staff_ctx;

static void staff_summarise(staff_ctx *x, staff_sum *sums)
{
    const staffplan *p = x->plan;
    double h = p->interval_s / 3600.0;
    x->peak_total = 0.0;
    x->peak_total_at = 0;
    for (size_t j = 0; j < p->n_channels; j++)
        memset(&sums[j], 0, sizeof sums[j]);
    for (size_t k = 0; k < p->n_intervals; k++) {
        double all = 0.0;
        for (size_t j = 0; j < p->n_channels; j++) {
            const staffplan_cell *c = staffplan_at(p, k, j);
            staff_sum *s = &sums[j];
            if (c->agents > s->peak) {
                s->peak = c->agents;
                s->peak_at = k;
            }
            if (c->staff > s->peak_staff)
                s->peak_staff = c->staff;
            s->agent_h += c->agents * h;
            s->staff_h += c->staff * h;
            if (c->open) {
                s->mean_open += c->agents;
                s->open++;
            }
            all += c->agents;
        }
        if (all > x->peak_total) {
            x->peak_total = all;
            x->peak_total_at = k;
        }
    }
    for (size_t j = 0; j < p->n_channels; j++)
        sums[j].mean_open = sums[j].open > 0 ? sums[j].mean_open / (double)sums[j].open : 0.0;
    x->sums = sums;
}

/* "Mon 09:15" for interval k. */
static const char *staff_when(const staffplan *p, size_t k, char *buf, size_t n)
{
    size_t ipd = p->intervals_per_day;
    long tod = lround((double)(k % ipd) * p->interval_s);
    snprintf(buf, n, "%s %02ld:%02ld", staff_days[(k / ipd) % 7], tod / 3600, (tod / 60) % 60);
    return buf;
}

/* "80% in 20 s", "8h response", ... */
static const char *staff_target(const staffplan_channel *c, char *buf, size_t n)
{
    if (c->method == STAFFPLAN_WORKLOAD)
        snprintf(buf, n, "within %gh", c->response_target_s / 3600.0);
    else if (c->sl_target > 0.0)
        snprintf(buf, n, "%g%% in %g s", 100.0 * c->sl_target, c->threshold_s);
    else
        snprintf(buf, n, "none");
    return buf;
}

static void staff_print_summary(const staff_ctx *x)
{
    const staffplan *p = x->plan;
    printf("scenario %s (%s): one week of %zu intervals of %g min, Monday first; %s\n",
           x->scn->name, x->scn->source_path, p->n_intervals, p->interval_s / 60.0,
           x->opts->erlang_a ? "Erlang A where a channel has a patience (--erlang-c: C)"
                             : "Erlang C (patience ignored: --erlang-c)");
    if (x->opts->repeats) {
        printf("with repeat contacts (--repeats), per week:\n");
        for (size_t j = 0; j < p->n_channels; j++) {
            const staffplan_channel *c = &p->channels[j];
            printf("  %-16s first %10.1f  repeats %10.1f (redials %.1f)  p_abandon %.4f\n",
                   c->name, c->first_per_week, c->repeats_per_week, c->redials_per_week,
                   c->p_abandon_est);
        }
    } else {
        printf("first contacts only (--repeats adds the expected repeat contacts)\n");
    }
    printf("%-16s %-8s %-8s %-14s %5s %6s %-9s %6s %9s %9s %10s\n", "channel", "kind", "method",
           "target", "shrnk", "peak", "at", "mean", "agent_h", "staff_h", "peak_staff");
    double agent_h = 0.0, staff_h = 0.0;
    for (size_t j = 0; j < p->n_channels; j++) {
        const staffplan_channel *c = &p->channels[j];
        const staff_sum *s = &x->sums[j];
        char target[48], when[32];
        printf("%-16s %-8s %-8s %-14s %5.2f %6.0f %-9s %6.1f %9.1f %9.1f %10.1f\n", c->name,
               scenario_channel_kind_name(c->kind), staffplan_method_name(c->method),
               staff_target(c, target, sizeof target), c->shrinkage, s->peak,
               s->peak > 0.0 ? staff_when(p, s->peak_at, when, sizeof when) : "-",
               s->mean_open, s->agent_h, s->staff_h, s->peak_staff);
        agent_h += s->agent_h;
        staff_h += s->staff_h;
    }
    char when[32];
    printf("%-16s %-8s %-8s %-14s %5s %6.0f %-9s %6s %9.1f %9.1f\n", "total", "", "", "", "",
           x->peak_total, x->peak_total > 0.0 ? staff_when(p, x->peak_total_at, when, sizeof when)
                                              : "-",
           "", agent_h, staff_h);
    printf("peak: most agents in one interval (at: its first occurrence; total: all channels\n"
           "at once); mean: over the channel's open intervals; agent_h, staff_h: hours per\n"
           "week on duty and scheduled; self-service channels need no agents.\n");
}

static void staff_print_intervals(const staff_ctx *x)
{
    const staffplan *p = x->plan;
    printf("\n%-9s %-9s %-16s %10s %7s %8s %8s %9s %8s\n", "interval", "when", "channel",
           "rate_h", "agents", "staff", "sl", "asa_s", "occ");
    for (size_t k = 0; k < p->n_intervals; k++) {
        for (size_t j = 0; j < p->n_channels; j++) {
            const staffplan_cell *c = staffplan_at(p, k, j);
            char when[32];
            printf("%-9zu %-9s %-16s %10.2f %7.0f %8.2f %8.4f %9.2f %8.4f%s\n", k,
                   staff_when(p, k, when, sizeof when), p->channels[j].name, c->rate_per_hour,
                   c->agents, c->staff, c->service_level, c->asa_s, c->occupancy,
                   c->open ? "" : "  closed");
        }
    }
}

static int staff_write_csv(FILE *fp, void *ctx)
{
    const staff_ctx *x = ctx;
    const staffplan *p = x->plan;
    fputs("interval,day,time,channel,rate_per_hour,agents,staff,open,load_erlang,"
          "service_level,asa_s,p_abandon,occupancy\n",
          fp);
    for (size_t k = 0; k < p->n_intervals; k++) {
        for (size_t j = 0; j < p->n_channels; j++) {
            const staffplan_cell *c = staffplan_at(p, k, j);
            char when[32];
            staff_when(p, k, when, sizeof when);
            when[3] = ',';
            fprintf(fp, "%zu,%s,", k, when);
            cli_study_csv_str(fp, p->channels[j].name);
            const double v[] = {c->rate_per_hour, c->agents, c->staff};
            for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
                fputc(',', fp);
                cli_study_csv_num(fp, v[i]);
            }
            fprintf(fp, ",%d", c->open);
            const double w[] = {c->load, c->service_level, c->asa_s, c->p_abandon, c->occupancy};
            for (size_t i = 0; i < sizeof w / sizeof w[0]; i++) {
                fputc(',', fp);
                cli_study_csv_num(fp, w[i]);
            }
            fputc('\n', fp);
        }
    }
    return ferror(fp) ? -1 : 0;
}

/* "name": [v0, v1, ...] for field f of channel j. */
static void staff_json_series(FILE *fp, const staffplan *p, size_t j, const char *name,
                              size_t offset)
{
    fprintf(fp, "      \"%s\": [", name);
    for (size_t k = 0; k < p->n_intervals; k++) {
        const staffplan_cell *c = staffplan_at(p, k, j);
        double v;
        memcpy(&v, (const char *)c + offset, sizeof v);
        if (k > 0)
            fputc(',', fp);
        cli_study_json_num(fp, v);
    }
    fputs("]", fp);
}

static int staff_write_json(FILE *fp, void *ctx)
{
    const staff_ctx *x = ctx;
    const staffplan *p = x->plan;
    fputs("{\n  \"scenario\": ", fp);
    cli_study_json_str(fp, x->scn->name);
    fputs(",\n  \"source\": ", fp);
    cli_study_json_str(fp, x->scn->source_path);
    fprintf(fp,
            ",\n  \"model\": \"%s\",\n  \"interval_s\": %.10g,\n  \"intervals_per_day\": %zu,\n"
            "  \"n_intervals\": %zu,\n  \"first_interval\": \"Mon 00:00\",\n"
            "  \"repeats\": %s,\n",
            x->opts->erlang_a ? "erlang_a" : "erlang_c", p->interval_s, p->intervals_per_day,
            p->n_intervals, x->opts->repeats ? "true" : "false");
    double agent_h = 0.0, staff_h = 0.0;
    for (size_t j = 0; j < p->n_channels; j++) {
        agent_h += x->sums[j].agent_h;
        staff_h += x->sums[j].staff_h;
    }
    fprintf(fp, "  \"total\": {\"agent_hours_week\": %.10g, \"staff_hours_week\": %.10g, "
                "\"peak_agents\": %.10g, \"peak_interval\": %zu},\n",
            agent_h, staff_h, x->peak_total, x->peak_total_at);
    fputs("  \"channels\": [", fp);
    static const struct {
        const char *name;
        size_t offset;
    } series[] = {
        {"rate_per_hour", offsetof(staffplan_cell, rate_per_hour)},
        {"repeat_per_hour", offsetof(staffplan_cell, repeat_per_hour)},
        {"load_erlang", offsetof(staffplan_cell, load)},
        {"agents", offsetof(staffplan_cell, agents)},
        {"staff", offsetof(staffplan_cell, staff)},
        {"service_level", offsetof(staffplan_cell, service_level)},
        {"asa_s", offsetof(staffplan_cell, asa_s)},
        {"p_abandon", offsetof(staffplan_cell, p_abandon)},
        {"occupancy", offsetof(staffplan_cell, occupancy)},
    };
    for (size_t j = 0; j < p->n_channels; j++) {
        const staffplan_channel *c = &p->channels[j];
        const staff_sum *s = &x->sums[j];
        fputs(j > 0 ? ",\n    {\n" : "\n    {\n", fp);
        fputs("      \"name\": ", fp);
        cli_study_json_str(fp, c->name);
        fprintf(fp,
                ",\n      \"kind\": \"%s\", \"method\": \"%s\", \"concurrency\": %zu,\n"
                "      \"aht_s\": %.10g, \"patience_s\": %.10g, \"redial_share\": %.10g,\n"
                "      \"sl_target\": %.10g, \"threshold_s\": %.10g, "
                "\"response_target_s\": %.10g, \"shrinkage\": %.10g,\n"
                "      \"peak_agents\": %.10g, \"peak_interval\": %zu, \"peak_staff\": %.10g,\n"
                "      \"mean_agents_open\": %.10g, \"open_intervals\": %zu,\n"
                "      \"agent_hours_week\": %.10g, \"staff_hours_week\": %.10g,\n"
                "      \"first_per_week\": %.10g, \"repeats_per_week\": %.10g, "
                "\"redials_per_week\": %.10g, \"p_abandon_est\": %.10g,\n",
                scenario_channel_kind_name(c->kind), staffplan_method_name(c->method),
                c->concurrency, c->aht_s, c->patience_s, c->redial_share, c->sl_target,
                c->threshold_s, c->response_target_s, c->shrinkage, s->peak, s->peak_at,
                s->peak_staff, s->mean_open, s->open, s->agent_h, s->staff_h, c->first_per_week,
                c->repeats_per_week, c->redials_per_week, c->p_abandon_est);
        fputs("      \"open\": [", fp);
        for (size_t k = 0; k < p->n_intervals; k++)
            fprintf(fp, k > 0 ? ",%d" : "%d", staffplan_at(p, k, j)->open);
        fputs("],\n", fp);
        for (size_t i = 0; i < sizeof series / sizeof series[0]; i++) {
            staff_json_series(fp, p, j, series[i].name, series[i].offset);
            fputs(i + 1 < sizeof series / sizeof series[0] ? ",\n" : "\n", fp);
        }
        fputs("    }", fp);
    }
    fputs("\n  ]\n}\n", fp);
    return ferror(fp) ? -1 : 0;
}

int cli_staff_main(int argc, char **argv)
{
    cli_study_args a;
    cli_study_args_init(&a, "staff");
    staffplan_options popts;
    staffplan_options_init(&popts);
    int verbose = 0;
    const cli_opt table[] = {
        {CLI_OPT_ROW_FLAG("erlang-c", &popts.erlang_a),
         .flags = CLI_OPT_CLEAR,
         .help = "Erlang C for every real-time channel (patience and redials ignored); "
                 "default Erlang A/X where a channel has a patience"},
        {CLI_OPT_ROW_FLAG("erlang-a", &popts.erlang_a),
         .help = "the default (kept for old scripts)"},
        {CLI_OPT_ROW_FLAG("repeats", &popts.repeats),
         .help = "add the expected repeat contacts (hops, redials) computed from FCR, "
                 "self-service resolution, abandonment and the hop tables; default first "
                 "contacts only"},
        {CLI_OPT_USE(JSON), .help = "print the plan as one JSON object instead of tables"},
        {CLI_OPT_ROW_FLAG("verbose", &verbose), .short_name = 'v',
         .help = "also print the per-interval table"},
        {CLI_OPT_USE(OUTPUT),
         .help = "write DIR/staffing.csv and DIR/staffing.json, atomically"},
        {CLI_OPT_USE(POLICY)},
        {CLI_OPT_USE(SET)},
        {CLI_OPT_USE(INCLUDE_ROOT)},
        {CLI_OPT_USE(NO_INCLUDES)},
        {CLI_OPT_USE(QUIET), .help = "no message about the files written"},
    };
    const cli_opt_spec spec = {
        "staff",
        "omnisim staff [SCENARIO] [options]",
        "Required agents on duty and scheduled staff (agents / (1 - shrinkage)) for every\n"
        "interval of one week (the scenario's intervals_per_day x 7, Monday first, with its\n"
        "weekday and intraday profiles) and every channel that needs agents, sized to each\n"
        "channel's service-level target from the expected first-contact rates the\n"
        "simulation uses. Voice and video: Erlang A where the channel has a patience\n"
        "(Erlang X with its retrial share), else Erlang C; chat: the slot approximation\n"
        "with the channel's concurrency; deferred and callback: the work spread within\n"
        "the response target; self-service: no agents. The same requirement drives the\n"
        "simulation's \"erlang\" staffing, check and schedule. Methods: docs/erlang.md.",
        "Exit codes: 0 ok, 1 bad scenario or unreachable target, 2 usage error,\n"
        "3 runtime failure (memory, files).",
        "SCENARIO", 0, 1, table, sizeof table / sizeof table[0]};
    int parsed = cli_opt_parse(&spec, &a, argc, argv);
    if (parsed != CLI_OPT_GO_ON)
        return parsed;

    scenario_load_opts lo = {a.policies, a.n_policies, a.sets, a.n_sets, NULL,
                             a.include_root, a.no_includes};
    scenario_diag diag;
    scenario_diag_init(&diag);
    scenario *scn = NULL;
    sim_status st = a.scenario_path != NULL ? scenario_load_file(a.scenario_path, &lo, &scn, &diag)
                                            : scenario_load_default(&lo, &scn, &diag);
    if (st != SIM_OK) {
        /* As `omnisim validate` prints them: FILE:LINE:COL: PATH: message. */
        char line[SCENARIO_DIAG_FILE_MAX + SIM_ERROR_PATH_MAX + SIM_ERROR_MESSAGE_MAX + 32];
        for (size_t i = 0; i < scenario_diag_count(&diag); i++)
            fprintf(stderr, "%s\n",
                    scenario_diag_format(scenario_diag_get(&diag, i), line, sizeof line));
        if (diag.dropped > 0)
            fprintf(stderr, "... and %zu more errors not shown\n", diag.dropped);
        fprintf(stderr, "omnisim staff: error: cannot load the scenario (%s)\n",
                sim_status_name(st));
        scenario_diag_fini(&diag);
        return st == SIM_ENOMEM ? CLI_EXIT_RUNTIME : CLI_EXIT_BAD_INPUT;
    }
    scenario_diag_fini(&diag);

    sim_error err;
    sim_error_clear(&err);
    staffplan plan;
    st = staffplan_build(&plan, scn, &popts, &err);
    if (st != SIM_OK) {
        int code = cli_report_error("staff", &err);
        scenario_free(scn);
        return code;
    }
    staff_sum sums[SCENARIO_MAX_CHANNELS];
    staff_ctx x = {scn, &plan, &popts, sums, 0.0, 0};
    staff_summarise(&x, sums);

    if (a.json) {
        staff_write_json(stdout, &x);
    } else {
        staff_print_summary(&x);
        if (verbose)
            staff_print_intervals(&x);
    }
    int code = cli_study_write(&a, "staffing.csv", staff_write_csv, &x);
    if (code == CLI_EXIT_OK)
        code = cli_study_write(&a, "staffing.json", staff_write_json, &x);
    if (code == CLI_EXIT_OK && !a.quiet)
        fprintf(stderr, "omnisim staff: staffing.csv and staffing.json written to %s/\n",
                a.out_dir);
    staffplan_fini(&plan);
    scenario_free(scn);
    return code;
}
