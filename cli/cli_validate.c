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
#include "scenario.h"
#include "scenario_load.h"

static void validate_usage(FILE *out)
{
    fprintf(out,
            "usage: omnisim validate [--quiet] [--policy NAME]... [--set PATH=VALUE]... "
            "FILE...\n"
            "\n"
            "Check scenario files: syntax, unknown fields (with the nearest valid name), types,\n"
            "ranges, shares that must sum to 1, references between channels, groups and\n"
            "outsourcers, profile lengths, and every policy the file defines. All errors are\n"
            "listed at once on stderr as FILE:LINE:COL: PATH: message. A valid file may get\n"
            "warnings on stderr (FILE: warning: ...), e.g. a channel that loses the share of\n"
            "its volume that its demand puts into closed hours; they do not change the exit\n"
            "code.\n"
            "\n"
            "  --policy NAME      apply a policy of the file before checking (repeatable)\n"
            "  --set PATH=VALUE   apply an override before checking (repeatable)\n"
            "  -q, --quiet        no \"FILE: ok\" line for valid files (warnings still shown)\n"
            "\n"
            "Exit codes: 0 all valid, 1 some invalid, 2 usage error, 3 out of memory.\n"
            "The field reference is docs/scenario-reference.md.\n");
}

#define VALIDATE_MAX_OPTS 64

int cli_validate_main(int argc, char **argv)
{
    const char *policies[VALIDATE_MAX_OPTS];
    const char *sets[VALIDATE_MAX_OPTS];
    const char *files[256];
    size_t n_policies = 0, n_sets = 0, n_files = 0;
    int quiet = 0, no_more_options = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!no_more_options && strcmp(a, "--") == 0) {
            no_more_options = 1;
        } else if (!no_more_options && (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)) {
            validate_usage(stdout);
            return CLI_EXIT_OK;
        } else if (!no_more_options && (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0)) {
            quiet = 1;
        } else if (!no_more_options && (strcmp(a, "--policy") == 0 || strcmp(a, "--set") == 0)) {
            if (i + 1 >= argc)
                return cli_usage_error("validate", "%s needs a value", a);
            if ((a[2] == 'p' ? n_policies : n_sets) >= VALIDATE_MAX_OPTS)
                return cli_usage_error("validate", "too many %s options", a);
            if (a[2] == 'p')
                policies[n_policies++] = argv[++i];
            else
                sets[n_sets++] = argv[++i];
        } else if (!no_more_options && a[0] == '-' && a[1] != '\0') {
            return cli_usage_error("validate", "unknown option '%s'", a);
        } else {
            if (n_files >= sizeof files / sizeof files[0])
                return cli_usage_error("validate", "too many files (at most %zu)",
                                       sizeof files / sizeof files[0]);
            files[n_files++] = a;
        }
    }
    if (n_files == 0)
        return cli_usage_error("validate", "no scenario file given");

    scenario_load_opts opts = {policies, n_policies, sets, n_sets, NULL};
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
