/* cli_staff.c -- `omnisim staff [SCENARIO]`: the agents and scheduled staff each interval of
 * the week needs, per channel, from the Erlang formulas.
 *
 * Prints a summary per channel on stdout (method, target, peak and mean agents, agent and
 * staff hours per week), the per-interval table with --verbose, or the whole plan as one
 * JSON object with --json; writes DIR/staffing.csv and DIR/staffing.json atomically (a
 * temporary file in DIR, then rename). The arithmetic is models/queueing/staffplan.h's, the
 * writers output/out_staff.h's; this file only parses options and calls them.
 * docs/outputs.md lists the fields.
 */
#include <stdio.h>

#include "cli.h"
#include "cli_study.h"
#include "out_staff.h"
#include "scenario.h"
#include "scenario_load.h"
#include "staffplan.h"

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
        {CLI_OPT_USE(XLSX)},
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
    int out_code = cli_output_check("staff", a.out_dir);
    if (out_code != CLI_EXIT_OK) {
        scenario_free(scn);
        return out_code;
    }

    sim_error err;
    sim_error_clear(&err);
    staffplan plan;
    st = staffplan_build(&plan, scn, &popts, &err);
    if (st != SIM_OK) {
        int code = cli_report_error("staff", &err);
        scenario_free(scn);
        return code;
    }
    out_staff x;
    out_staff_init(&x, scn, &plan, &popts);
    if (a.json) {
        out_staff_json(stdout, &x);
    } else {
        out_staff_print_summary(stdout, &x);
        if (verbose)
            out_staff_print_intervals(stdout, &x);
    }
    int code = cli_study_manifest_begin(&a);
    if (code == CLI_EXIT_OK)
        code = cli_study_write(&a, "staffing.csv", out_staff_csv, &x);
    if (code == CLI_EXIT_OK)
        code = cli_study_write(&a, "staffing.json", out_staff_json, &x);
    if (code == CLI_EXIT_OK) {
        const out_xlsx_sheet sheet = {"staffing", &out_staff_csv_table, &x};
        code = cli_study_xlsx(&a, scn, &sheet, 1);
    }
    if (code == CLI_EXIT_OK)
        code = cli_study_manifest(&a, scn);
    if (code == CLI_EXIT_OK && !a.quiet)
        fprintf(stderr, "omnisim staff: staffing.csv and staffing.json written to %s/\n",
                a.out_dir);
    staffplan_fini(&plan);
    scenario_free(scn);
    return code;
}
