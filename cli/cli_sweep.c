/* cli_sweep.c -- `omnisim sweep SCENARIO --set PATH=FROM:TO:STEP ...`: a grid over numeric
 * fields (models/study/sweep.h), one row per point with KPIs and intervals. Writes sweep.csv and
 * sweep.json atomically and prints a table or the JSON (output/out_sweep.h).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_study.h"
#include "out_sweep.h"
#include "scenario.h"
#include "sweep.h"

int cli_sweep_main(int argc, char **argv)
{
    cli_study_args a;
    cli_study_args_init(&a, "sweep");
    const cli_opt table[] = {
        {CLI_OPT_USE(SET), .metavar = "PATH=FROM:TO:STEP",
         .help = "an axis (values FROM, FROM+STEP, ... <= TO); a value that is not "
                 "FROM:TO:STEP is an override for every point"},
        {CLI_OPT_USE(INCLUDE_ROOT)},
        {CLI_OPT_USE(NO_INCLUDES)},
        {CLI_OPT_USE(POLICY), .help = "a policy applied to every point"},
        {CLI_OPT_USE(REPLICATIONS), .help = "replications per point"},
        {CLI_OPT_USE(SEED)},
        {CLI_OPT_USE(THREADS)},
        {CLI_OPT_USE(MAX_IN_SYSTEM)},
        {CLI_OPT_USE(OUTPUT), .help = "output directory for sweep.csv and sweep.json"},
        {CLI_OPT_USE(JSON), .help = "print sweep.json on stdout instead of the table"},
        {CLI_OPT_USE(XLSX)},
        {CLI_OPT_USE(QUIET)},
    };
    const cli_opt_spec spec = {
        "sweep",
        "omnisim sweep [SCENARIO] --set PATH=FROM:TO:STEP [--set ...] [options]",
        "Run every point of a grid over numeric scenario fields (several axes make a\n"
        "Cartesian product; the last varies fastest) with the same seed and replications,\n"
        "and report one row per point with KPIs and confidence intervals. A --set whose\n"
        "value is not FROM:TO:STEP is an ordinary override applied to every point.\n"
        "Example: omnisim sweep scenarios/tiny-mmn.json --set channels.phone.agents=9:13:1",
        "Exit codes: 0 ok, 1 invalid scenario or point, 2 usage error, 3 runtime failure,\n"
        "130/143/129 interrupted.",
        "SCENARIO", 0, 1, table, sizeof table / sizeof table[0]};
    int code = cli_opt_parse(&spec, &a, argc, argv);
    if (code != CLI_OPT_GO_ON)
        return code;
    /* Split the --set options into axes (FROM:TO:STEP) and plain overrides. */
    sweep_axis axes[SWEEP_MAX_AXES];
    size_t n_axes = 0;
    const char *plain[CLI_STUDY_MAX_OVERRIDES];
    size_t n_plain = 0;
    for (size_t i = 0; i < a.n_sets; i++) {
        sweep_axis ax;
        sim_error err;
        sim_error_clear(&err);
        const char *eq = strchr(a.sets[i], '=');
        int looks_like_axis = eq != NULL && strchr(eq + 1, ':') != NULL &&
                              strchr(eq + 1, '"') == NULL && strchr(eq + 1, '[') == NULL &&
                              strchr(eq + 1, '{') == NULL;
        if (!looks_like_axis) {
            plain[n_plain++] = a.sets[i];
            continue;
        }
        if (sweep_axis_parse(a.sets[i], &ax, &err) != SIM_OK)
            return cli_usage_error("sweep", "option '--set': %s", err.message);
        if (n_axes == SWEEP_MAX_AXES)
            return cli_usage_error("sweep", "at most %d axes", SWEEP_MAX_AXES);
        for (size_t b = 0; b < n_axes; b++) {
            if (strcmp(axes[b].path, ax.path) == 0)
                return cli_usage_error("sweep", "option '--set': axis %s given twice", ax.path);
        }
        axes[n_axes++] = ax;
    }
    if (n_axes == 0)
        return cli_usage_error("sweep", "no --set PATH=FROM:TO:STEP axis given");

    scenario *base = NULL;
    code = cli_study_load(&a, &base);
    if (code != CLI_EXIT_OK)
        return code;
    if ((code = cli_output_check(a.cmd, a.out_dir)) != CLI_EXIT_OK) {
        scenario_free(base); /* results could not be written: run nothing */
        return code;
    }
    sweep_options so;
    sweep_options_default(&so);
    so.reps = (size_t)a.reps;
    so.use_seed = a.seed_set;
    so.seed = a.seed;
    so.study.threads = (int)a.threads;
    so.study.max_in_system = (size_t)a.max_in_system;
    so.study.hook = cli_study_cost_hook();
    scenario_diag diag;
    scenario_diag_init(&diag);
    sim_error err;
    sim_error_clear(&err);
    sweep_result *res = NULL;
    so.study.interrupted = cli_study_sigint_begin();
    sim_status st = sweep_run(base, axes, n_axes, a.policies, a.n_policies, plain, n_plain, &so,
                              &res, &diag, &err);
    cli_study_sigint_end();
    if (st != SIM_OK) {
        code = cli_study_fail(&a, st, &err, &diag);
    } else {
        out_sweep o;
        if (out_sweep_init(&o, base, res, &err) != SIM_OK) {
            code = cli_report_error("sweep", &err);
        } else {
            out_study_files files = out_sweep_files(&o);
            code = cli_study_emit(&a, base, &files);
        }
        out_sweep_fini(&o);
        if (code == CLI_EXIT_OK)
            code = cli_study_manifest(&a, base);
        if (code == CLI_EXIT_OK) {
            if (!a.quiet)
                fprintf(stderr, "omnisim sweep: %zu points; written %s/sweep.csv and "
                                "sweep.json\n",
                        res->n_points, a.out_dir);
        }
    }
    sweep_free(res);
    scenario_diag_fini(&diag);
    scenario_free(base);
    return code;
}
