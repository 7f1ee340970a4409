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
 * DIR/service.csv, each atomically; docs/outputs.md lists the columns. The groups' solve,
 * the capacity plan and the simulated variant are models/shift/shift_schedule.h's, the
 * writers output/out_schedule.h's; this file parses options and calls them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc_model.h"
#include "cc_staff.h"
#include "cli.h"
#include "cli_study.h"
#include "out_schedule.h"
#include "shift_plan.h"
#include "shift_scenario.h"
#include "shift_schedule.h"
#include "scenario_load.h"

/* shift_schedule_progress: one line on stderr before each group's solve. */
static void progress(void *ctx, const char *group, size_t n_templates, size_t n_week)
{
    (void)ctx;
    fprintf(stderr, "omnisim schedule: group %s, %zu templates, %zu intervals\n", group,
            n_templates, n_week);
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
        {CLI_OPT_USE(MAX_IN_SYSTEM)},
        {CLI_OPT_USE(POLICY), .help = "apply a policy of the scenario first"},
        {CLI_OPT_USE(SET), .help = "apply an override first"},
        {CLI_OPT_USE(INCLUDE_ROOT)},
        {CLI_OPT_USE(NO_INCLUDES)},
        {CLI_OPT_USE(XLSX)},
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
    if ((code = cli_output_check(a.cmd, a.out_dir)) != CLI_EXIT_OK) {
        scenario_free(base); /* results could not be written: run nothing */
        return code;
    }
    sim_error err;
    sim_error_clear(&err);
    scenario_diag diag;
    scenario_diag_init(&diag);
    shift_schedule o;
    memset(&o, 0, sizeof o);
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
    st = shift_schedule_init(&o, s, fte_hours, &err);
    if (st == SIM_OK)
        st = shift_schedule_solve(&o, want, repeats ? cc_staff_erlang_repeats : NULL, &po,
                                  a.quiet ? NULL : progress, NULL, &err);
    if (st == SIM_OK)
        st = shift_schedule_capacity(&o, &err);
    if (st != SIM_OK) {
        code = cli_report_error("schedule", &err);
        goto done;
    }
    if (!no_sim) {
        cc_options opts;
        cc_options_default(&opts);
        opts.max_in_system = (size_t)a.max_in_system;
        if (repeats)
            opts.erlang = cc_staff_erlang_repeats; /* erlang groups not scheduled here */
        if (a.seed_set) {
            opts.use_seed = 1;
            opts.seed_override = a.seed;
        }
        size_t n = a.reps > 0 ? (size_t)a.reps : s->replications;
        if (!a.quiet)
            fprintf(stderr, "omnisim schedule: simulating the schedule, %zu replications on %ld "
                            "thread(s)\n",
                    n, a.threads);
        scenario_load_opts user = {.policies = a.policies, .n_policies = a.n_policies,
                                   .sets = a.sets, .n_sets = a.n_sets};
        volatile sig_atomic_t *intr = cli_study_sigint_begin();
        st = shift_schedule_simulate(&o, base, &user, &opts, n, (int)a.threads, intr, &diag,
                                     &err);
        cli_study_sigint_end();
        if (st != SIM_OK) {
            code = cli_study_fail(&a, st, &err, &diag);
            goto done;
        }
    }
    code = cli_study_manifest_begin(&a);
    if (code == CLI_EXIT_OK)
        code = cli_study_write(&a, "schedule.csv", out_schedule_csv, &o);
    if (code == CLI_EXIT_OK)
        code = cli_study_write(&a, "coverage.csv", out_schedule_coverage_csv, &o);
    if (code == CLI_EXIT_OK)
        code = cli_study_write(&a, "capacity.csv", out_schedule_capacity_csv, &o);
    if (code == CLI_EXIT_OK && o.sum != NULL)
        code = cli_study_write(&a, "service.csv", out_schedule_service_csv, &o);
    if (code == CLI_EXIT_OK) {
        const out_xlsx_sheet sheets[] = {{"schedule", &out_schedule_csv_table, &o},
                                         {"coverage", &out_schedule_coverage_table, &o},
                                         {"capacity", &out_schedule_capacity_table, &o},
                                         {"service", &out_schedule_service_table, &o}};
        code = cli_study_xlsx(&a, base, sheets, o.sum != NULL ? 4 : 3);
    }
    if (code == CLI_EXIT_OK)
        code = cli_study_manifest(&a, base);
    if (code != CLI_EXIT_OK)
        goto done;
    if (a.json)
        out_schedule_json(stdout, &o);
    else
        out_schedule_print(stdout, &o);
    if (!a.quiet)
        fprintf(stderr, "omnisim schedule: written %s/schedule.csv, coverage.csv, capacity.csv%s\n",
                a.out_dir, o.sum != NULL ? " and service.csv" : "");
done:
    shift_schedule_fini(&o);
    scenario_diag_fini(&diag);
    scenario_free(scn);
    scenario_free(base);
    return code;
}
