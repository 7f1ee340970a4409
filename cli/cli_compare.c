/* cli_compare.c -- `omnisim compare SCENARIO --policy A --policy B ...`: the baseline and each
 * policy with common random numbers, paired-difference intervals, optional sequential
 * sampling to a precision (models/study/policy_compare.h). Writes compare.csv and compare.json
 * atomically and prints a table or the JSON (output/out_compare.h).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_study.h"
#include "out_compare.h"
#include "policy_compare.h"
#include "scenario.h"

int cli_compare_main(int argc, char **argv)
{
    cli_study_args a;
    cli_study_args_init(&a, "compare");
    policy_compare_options po;
    policy_compare_options_default(&po);
    long max_reps = 0;
    const cli_opt table[] = {
        {CLI_OPT_USE(POLICY), .metavar = "SPEC", .help = "a policy to compare"},
        {CLI_OPT_USE(SET), .help = "override applied to every variant, baseline included"},
        {CLI_OPT_USE(INCLUDE_ROOT)},
        {CLI_OPT_USE(NO_INCLUDES)},
        {CLI_OPT_USE(REPLICATIONS), .help = "replications (first batch with --precision)"},
        {CLI_OPT_USE(SEED)},
        {CLI_OPT_ROW_NUM("precision", &po.precision), .metavar = "H",
         .lo = 1e-12, .hi = 1e12,
         .help = "add replications until every reported interval's half-width is below H: "
                 "absolute for shares (service levels, rates), relative to the baseline mean "
                 "otherwise"},
        {CLI_OPT_ROW_INT("max-reps", &max_reps), .metavar = "N", .lo = 2,
         .hi = SCENARIO_MAX_REPLICATIONS,
         .help = "stop there even if the precision is not reached",
         .def = "100 x the first batch"},
        {CLI_OPT_ROW_FLAG("diff-only", &po.diff_only),
         .help = "with --precision, count only the paired differences"},
        {CLI_OPT_ROW_FLAG("independent", &po.independent),
         .help = "no common random numbers (each variant its own seed): to see how much "
                 "wider the intervals get"},
        {CLI_OPT_USE(THREADS)},
        {CLI_OPT_USE(MAX_IN_SYSTEM)},
        {CLI_OPT_USE(OUTPUT), .help = "output directory for compare.csv and compare.json"},
        {CLI_OPT_USE(JSON), .help = "print compare.json on stdout instead of the table"},
        {CLI_OPT_USE(XLSX)},
        {CLI_OPT_USE(QUIET)},
    };
    const cli_opt_spec spec = {
        "compare",
        "omnisim compare [SCENARIO] --policy SPEC [--policy SPEC]... [options]",
        "Run the baseline and each policy with common random numbers (same seed, same\n"
        "replications) and report, per KPI, the paired difference policy - baseline with\n"
        "its confidence interval and whether it is significant at the scenario's level.\n"
        "SPEC is a policy of the scenario file, or A+B to apply several together.",
        "Exit codes: 0 ok (also when the precision was not reached: see the output),\n"
        "1 invalid scenario or policy, 2 usage error, 3 runtime failure,\n"
        "130/143/129 interrupted.",
        "SCENARIO", 0, 1, table, sizeof table / sizeof table[0]};
    int code = cli_opt_parse(&spec, &a, argc, argv);
    if (code != CLI_OPT_GO_ON)
        return code;
    if (a.n_policies == 0)
        return cli_usage_error("compare", "no --policy given (nothing to compare)");
    if ((max_reps > 0 || po.diff_only) && po.precision <= 0.0)
        return cli_usage_error("compare", "--max-reps and --diff-only need --precision");

    scenario *base = NULL;
    code = cli_study_load(&a, &base);
    if (code != CLI_EXIT_OK)
        return code;
    if ((code = cli_output_check(a.cmd, a.out_dir)) != CLI_EXIT_OK) {
        scenario_free(base); /* results could not be written: run nothing */
        return code;
    }
    po.reps = (size_t)a.reps;
    po.max_reps = (size_t)max_reps;
    po.use_seed = a.seed_set;
    po.seed = a.seed;
    po.study.threads = (int)a.threads;
    po.study.max_in_system = (size_t)a.max_in_system;
    po.study.hook = cli_study_cost_hook();
    if (max_reps > 0 && a.reps > max_reps) {
        scenario_free(base);
        return cli_usage_error("compare", "-r %ld is above --max-reps %ld", a.reps, max_reps);
    }
    if (!a.quiet)
        fprintf(stderr, "omnisim compare: %s, baseline + %zu polic%s on %ld thread(s)\n",
                base->name, a.n_policies, a.n_policies == 1 ? "y" : "ies", a.threads);
    scenario_diag diag;
    scenario_diag_init(&diag);
    sim_error err;
    sim_error_clear(&err);
    policy_compare_result *res = NULL;
    po.study.interrupted = cli_study_sigint_begin();
    sim_status st = policy_compare_run(base, a.policies, a.n_policies, a.sets, a.n_sets, &po,
                                       &res, &diag, &err);
    cli_study_sigint_end();
    if (st != SIM_OK) {
        code = cli_study_fail(&a, st, &err, &diag);
    } else {
        out_compare o;
        out_compare_init(&o, base, res, &po);
        out_study_files files = out_compare_files(&o);
        code = cli_study_emit(&a, base, &files);
        if (code == CLI_EXIT_OK)
            code = cli_study_manifest(&a, base);
        if (code == CLI_EXIT_OK) {
            if (!a.quiet)
                fprintf(stderr, "omnisim compare: %zu replications per variant; written %s/"
                                "compare.csv and compare.json\n",
                        res->n_reps, a.out_dir);
        }
    }
    policy_compare_free(res);
    scenario_diag_fini(&diag);
    scenario_free(base);
    return code;
}
