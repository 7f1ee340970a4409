/* cli_cost.c -- `omnisim cost SCENARIO`: what the contact center costs and what its SLAs
 * risk.
 *
 * Runs the scenario's replications, then prints (stdout) the cost lines per year with their
 * confidence half-widths, cost per contact and per resolved need, the people share, the cost
 * per channel and per site, the years ahead with on-premise against cloud (TCO, NPV,
 * crossovers), and the SLA risk of every outsourcer; with --sla-sweep NAME=FROM:TO:STEP the
 * risk at each staffing point. --json prints the same as one JSON object. With -o DIR,
 * costs.csv and sla.csv are written atomically (docs/outputs.md lists their columns).
 * The chain of calls is models/study/cost_study.h's, the writers output/out_cost.h's; this
 * file only parses options and calls them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc_model.h"
#include "cli.h"
#include "cli_study.h"
#include "cost_study.h"
#include "out_cost.h"
#include "scenario_load.h"

/* ---- main -------------------------------------------------------------------------- */

/* The points of --sla-sweep NAME=FROM:TO:STEP. */
typedef struct cost_sweep_arg {
    char target[SCENARIO_NAME_MAX];
    long from, to, step;
} cost_sweep_arg;

/* --sla-sweep (a cli_opt parse function): 1 when arg is NAME=FROM:TO:STEP with
 * 0 <= FROM <= TO, STEP > 0 and at most COST_STUDY_MAX_POINTS points. */
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
           (sw->to - sw->from) / sw->step + 1 <= COST_STUDY_MAX_POINTS;
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
        {CLI_OPT_USE(MAX_IN_SYSTEM)},
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
        {CLI_OPT_USE(XLSX)},
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
    if (a.out_given && (code = cli_output_check(a.cmd, a.out_dir)) != CLI_EXIT_OK) {
        scenario_free(base); /* results could not be written: run nothing */
        return code;
    }
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

    size_t reps = a.reps > 0 ? (size_t)a.reps : use->replications;
    cc_options opts;
    cc_options_default(&opts);
    opts.max_in_system = (size_t)a.max_in_system;
    if (a.seed_set) {
        opts.use_seed = 1;
        opts.seed_override = (uint64_t)a.seed;
    }
    const cost_study_sweep sweep = {target, from, to, step};
    if (!a.quiet) {
        fprintf(stderr, "omnisim cost: %zu replications of %s\n", reps, use->name);
        if (have_sweep)
            fprintf(stderr, "omnisim cost: SLA sweep of %s over %zu points\n", target,
                    cost_study_sweep_points(&sweep));
    }
    cost_study r;
    volatile sig_atomic_t *intr = cli_study_sigint_begin();
    st = cost_study_run(&r, base, use, &lo, &opts, reps, (int)a.threads, intr,
                        have_sweep ? &sweep : NULL, &err);
    cli_study_sigint_end();
    if (st == SIM_OK) {
        if (a.json)
            out_cost_json(stdout, &r);
        else
            out_cost_print(stdout, &r);
        fflush(stdout);
        const out_xlsx_sheet sheets[] = {{"costs", &out_cost_csv_table, &r},
                                         {"sla", &out_cost_sla_table, &r}};
        if (out_given) {
            code = cli_study_manifest_begin(&a);
            if (code == CLI_EXIT_OK)
                code = cli_study_write(&a, "costs.csv", out_cost_csv, &r);
            if (code == CLI_EXIT_OK)
                code = cli_study_write(&a, "sla.csv", out_cost_sla_csv, &r);
            if (code == CLI_EXIT_OK) /* before the manifest, which lists it when in DIR */
                code = cli_study_xlsx(&a, base, sheets, 2);
            if (code == CLI_EXIT_OK)
                code = cli_study_manifest(&a, base);
            if (code == CLI_EXIT_OK && !a.quiet)
                fprintf(stderr, "omnisim cost: wrote %s/costs.csv and %s/sla.csv\n", a.out_dir,
                        a.out_dir);
        } else {
            code = cli_study_xlsx(&a, base, sheets, 2);
        }
    } else {
        code = cli_study_fail(&a, st, &err, NULL);
    }
    cost_study_fini(&r);
    scenario_free(scn);
    scenario_free(base);
    return code;
}
