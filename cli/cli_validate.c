/* cli_validate.c -- `omnisim validate FILE...`: check scenario files completely.
 *
 * Every error of every file is listed on stderr as "FILE:LINE:COL: PATH: message" (LINE:COL
 * left out when unknown). Exit 0 when all files are valid, 1 when any is invalid (or cannot
 * be read), 2 on a usage error, 3 when memory runs out. A valid file may still get warnings
 * on stderr ("FILE: warning: ...", cli_print_warnings), which change no exit code. With
 * --quiet no "FILE: ok" line goes to stdout for valid files; warnings are still printed.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_opt.h"
#include "scenario.h"
#include "scenario_load.h"

/* The most files one call checks. */
#define VALIDATE_MAX_FILES 256

int cli_validate_main(int argc, char **argv)
{
    cli_opt_common c;
    cli_opt_common_init(&c, "validate");
    const cli_opt table[] = {
        {CLI_OPT_USE(POLICY), .help = "apply a policy of the file before checking"},
        {CLI_OPT_USE(SET), .help = "apply an override before checking"},
        {CLI_OPT_USE(INCLUDE_ROOT)},
        {CLI_OPT_USE(NO_INCLUDES)},
        {CLI_OPT_USE(QUIET), .help = "no \"FILE: ok\" line for valid files (warnings still shown)"},
    };
    const cli_opt_spec spec = {
        "validate",
        "omnisim validate [options] FILE...",
        "Check scenario files: syntax, unknown fields (with the nearest valid name), types,\n"
        "ranges, shares that must sum to 1, references between channels, groups and\n"
        "outsourcers, profile lengths, and every policy the file defines. All errors are\n"
        "listed at once on stderr as FILE:LINE:COL: PATH: message. A valid file may get\n"
        "warnings on stderr (FILE: warning: ...), e.g. a channel that loses the share of\n"
        "its volume that its demand puts into closed hours; they do not change the exit\n"
        "code.",
        "Exit codes: 0 all valid, 1 some invalid, 2 usage error, 3 out of memory.\n"
        "The field reference is docs/scenario-reference.md.",
        "FILE", 1, VALIDATE_MAX_FILES, table, sizeof table / sizeof table[0]};
    int parsed = cli_opt_parse(&spec, &c, argc, argv);
    if (parsed != CLI_OPT_GO_ON)
        return parsed;
    const char *const *policies = c.policies, *const *sets = c.sets;
    size_t n_policies = c.n_policies, n_sets = c.n_sets, n_files = c.n_args;
    char **files = c.args;
    int quiet = c.quiet;

    scenario_load_opts opts = {policies, n_policies, sets, n_sets, NULL, c.include_root,
                               c.no_includes};
    int exit_code = CLI_EXIT_OK;
    for (size_t f = 0; f < n_files; f++) {
        scenario_diag diag;
        scenario_diag_init(&diag);
        scenario *scn = NULL;
        sim_status st = scenario_load_file(files[f], &opts, &scn, &diag);
        if (st == SIM_OK) {
            cli_print_warnings(scn, files[f]);
            if (!quiet)
                printf("%s: ok (%zu channels, %zu segments, %zu groups, %zu policies)\n",
                       files[f], scn->n_channels, scn->n_segments, scn->n_groups,
                       scn->n_policies);
        } else {
            char line[SCENARIO_DIAG_FILE_MAX + SIM_ERROR_PATH_MAX + SIM_ERROR_MESSAGE_MAX + 32];
            for (size_t i = 0; i < scenario_diag_count(&diag); i++)
                fprintf(stderr, "%s\n",
                        scenario_diag_format(scenario_diag_get(&diag, i), line, sizeof line));
            if (diag.dropped > 0)
                fprintf(stderr, "%s: ... and %zu more errors not shown\n", files[f],
                        diag.dropped);
            if (scenario_diag_count(&diag) == 0)
                fprintf(stderr, "%s: %s\n", files[f], sim_status_name(st));
            fprintf(stderr, "%s: invalid (%zu error%s)\n", files[f],
                    scenario_diag_count(&diag) + diag.dropped,
                    scenario_diag_count(&diag) + diag.dropped == 1 ? "" : "s");
            int code = st == SIM_ENOMEM ? CLI_EXIT_RUNTIME : CLI_EXIT_BAD_INPUT;
            if (code > exit_code)
                exit_code = code;
        }
        scenario_free(scn);
        scenario_diag_fini(&diag);
    }
    return exit_code;
}
