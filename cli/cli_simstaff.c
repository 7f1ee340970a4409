/* cli_simstaff.c -- `omnisim simstaff SCENARIO`: the fewest agents per interval of the week
 * for which the simulated service level meets the target at a stated confidence
 * (models/study/simstaff.h), next to Erlang C, with a validation run on a fresh seed. Writes
 * simstaff.csv and simstaff.json atomically and prints a table or the JSON
 * (output/out_simstaff.h).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_study.h"
#include "out_simstaff.h"
#include "scenario.h"
#include "simstaff.h"

/* --validate-reps (a cli_opt parse function): 0, or 2 .. SCENARIO_MAX_REPLICATIONS. */
static int parse_vreps(const char *s, void *dest)
{
    char *end = NULL;
    long v = strtol(s, &end, 10);
    if (end == s || *end != '\0' || v < 0 || v == 1 || v > SCENARIO_MAX_REPLICATIONS)
        return 0;
    *(long *)dest = v;
    return 1;
}

int cli_simstaff_main(int argc, char **argv)
{
    cli_study_args a;
    cli_study_args_init(&a, "simstaff");
    simstaff_options so;
    simstaff_options_default(&so);
    long vreps = -1, maxit = 0;
    unsigned long long vseed = 0;
    int vseed_set = 0;
    const cli_opt table[] = {
        {CLI_OPT_ROW_TEXT("group", &so.group), .metavar = "NAME",
         .expect = "a group name", .help = "size only this group"},
        {CLI_OPT_ROW_NUM("confidence", &so.level), .metavar = "L",
         .lo = 0.51, .hi = 0.9999, .help = "level of the lower bound",
         .def = "the scenario's"},
        {CLI_OPT_USE(REPLICATIONS), .help = "replications per search step"},
        {CLI_OPT_USE(SEED), .help = "search seed"},
        {CLI_OPT_ROW_CUSTOM("validate-reps", &vreps), .metavar = "N",
         .parse = parse_vreps, .expect = "0, or an integer in [2, 100000]",
         .help = "validation replications; 0 = none", .def = "max(10, N)"},
        {CLI_OPT_ROW_U64("validate-seed", &vseed), .metavar = "N",
         .given = &vseed_set, .help = "validation seed", .def = "search seed + 1000003"},
        {CLI_OPT_ROW_INT("max-iterations", &maxit), .metavar = "N",
         .lo = 1, .hi = 100000, .help = "search steps at most", .def = "200"},
        {CLI_OPT_USE(POLICY), .help = "apply a policy first"},
        {CLI_OPT_USE(SET), .help = "apply an override first"},
        {CLI_OPT_USE(INCLUDE_ROOT)},
        {CLI_OPT_USE(NO_INCLUDES)},
        {CLI_OPT_USE(THREADS)},
        {CLI_OPT_USE(MAX_IN_SYSTEM)},
        {CLI_OPT_USE(OUTPUT), .help = "output directory for simstaff.csv and simstaff.json"},
        {CLI_OPT_USE(JSON), .help = "print simstaff.json on stdout instead of the table"},
        {CLI_OPT_USE(XLSX)},
        {CLI_OPT_USE(QUIET)},
    };
    const cli_opt_spec spec = {
        "simstaff",
        "omnisim simstaff [SCENARIO] [options]",
        "Staff by simulation: per interval of the week, the fewest agents for which the\n"
        "lower confidence bound of the simulated service level meets each real-time\n"
        "channel's target (hopping, retrials, abandonment and callbacks included), next to\n"
        "what Erlang C staffs. Both are then validated on a fresh seed: an interval is\n"
        "below target when its validation interval lies entirely below the target.\n"
        "Groups sized: every group whose channels are all voice, video or chat (or --group).",
        "Exit codes: 0 ok, 1 invalid scenario, or the search did not converge, or the\n"
        "target is out of the groups' reach in some interval, or the validation found an\n"
        "interval below target; 2 usage error; 3 runtime failure;\n"
        "130/143/129 interrupted.",
        "SCENARIO", 0, 1, table, sizeof table / sizeof table[0]};
    int code = cli_opt_parse(&spec, &a, argc, argv);
    if (code != CLI_OPT_GO_ON)
        return code;
    if (vseed_set) {
        so.validate_seed = vseed;
        so.validate_seed_set = 1;
    }
    scenario *base = NULL;
    code = cli_study_load(&a, &base);
    if (code != CLI_EXIT_OK)
        return code;
    if ((code = cli_output_check(a.cmd, a.out_dir)) != CLI_EXIT_OK) {
        scenario_free(base); /* results could not be written: run nothing */
        return code;
    }
    so.reps = (size_t)a.reps;
    so.use_seed = a.seed_set;
    so.seed = a.seed;
    so.max_iterations = (size_t)maxit;
    size_t search_reps = a.reps > 0 ? (size_t)a.reps : base->replications;
    so.validate_reps = vreps >= 0 ? (size_t)vreps : (search_reps > 10 ? search_reps : 10);
    so.study.threads = (int)a.threads;
    so.study.max_in_system = (size_t)a.max_in_system;
    if (!a.quiet)
        fprintf(stderr, "omnisim simstaff: %s, searching on %ld thread(s)\n", base->name,
                a.threads);
    scenario_diag diag;
    scenario_diag_init(&diag);
    sim_error err;
    sim_error_clear(&err);
    simstaff_result *res = NULL;
    so.study.interrupted = cli_study_sigint_begin();
    sim_status st = simstaff_run(base, a.policies, a.n_policies, a.sets, a.n_sets, &so, &res,
                                 &diag, &err);
    cli_study_sigint_end();
    if (st != SIM_OK) {
        code = cli_study_fail(&a, st, &err, &diag);
    } else {
        out_simstaff o;
        if (out_simstaff_init(&o, base, res, &err) != SIM_OK) {
            code = cli_report_error("simstaff", &err);
        } else {
            out_study_files files = out_simstaff_files(&o);
            code = cli_study_emit(&a, base, &files);
        }
        out_simstaff_fini(&o);
        if (code == CLI_EXIT_OK)
            code = cli_study_manifest(&a, base);
        if (code == CLI_EXIT_OK) {
            if (!a.quiet)
                fprintf(stderr, "omnisim simstaff: written %s/simstaff.csv and simstaff.json\n",
                        a.out_dir);
            if (res->n_unreachable > 0)
                fprintf(stderr, "omnisim simstaff: the target is out of reach of these groups "
                                "in %zu interval(s) (more agents did not raise the service "
                                "level: an outsourcer or another group holds the queue); see "
                                "unreachable in simstaff.csv\n",
                        res->n_unreachable);
            if (!res->converged || res->val_below > 0 || res->n_unreachable > 0) {
                if (!res->converged || res->val_below > 0)
                    fprintf(stderr, "omnisim simstaff: %s\n",
                            !res->converged ? "the search did not converge"
                                            : "the validation found intervals below target");
                code = CLI_EXIT_BAD_INPUT;
            }
        }
    }
    simstaff_free(res);
    scenario_diag_fini(&diag);
    scenario_free(base);
    return code;
}
