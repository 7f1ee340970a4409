/* cli_study.h -- what `omnisim compare`, `sweep`, `roadmap` and `simstaff` share: their
 * common options, loading the base scenario, Ctrl-C, number formatting and atomic files.
 *
 * The base scenario is loaded WITHOUT --policy/--set; each command derives its variants from
 * it with scenario_load_derive, applying the user's overrides to every variant, so that every
 * variant passes the one validator.
 */
#ifndef CLI_STUDY_H
#define CLI_STUDY_H

#include <signal.h>
#include <stdint.h>
#include <stdio.h>

#include "scenario.h"
#include "scenario_load.h"
#include "sim_error.h"
#include "study.h"

#define CLI_STUDY_MAX_OVERRIDES 64

typedef struct cli_study_args {
    const char *cmd;           /* "compare", ... for messages */
    const char *scenario_path; /* NULL: the built-in default */
    const char *out_dir;       /* default "omnisim-out" */
    long reps;                 /* 0: the scenario's */
    long min_reps;             /* smallest -r accepted (2: studies need a variance) */
    int seed_set;
    unsigned long long seed;
    long threads;
    int json, quiet;
    const char *policies[CLI_STUDY_MAX_OVERRIDES];
    size_t n_policies;
    const char *sets[CLI_STUDY_MAX_OVERRIDES];
    size_t n_sets;
} cli_study_args;

/* getopt codes of the common long options (short ones are r, s, o, j, q). */
enum { CLI_STUDY_OPT_POLICY = 300, CLI_STUDY_OPT_SET, CLI_STUDY_OPT_JSON, CLI_STUDY_OPT_FIRST_FREE };

/* The common options as getopt_long table entries and short-option string: a command's
 * table starts with CLI_STUDY_LONGOPTS, then lists its own options (codes from
 * CLI_STUDY_OPT_FIRST_FREE) and ends with {NULL, 0, NULL, 0}. Needs <getopt.h>. */
#define CLI_STUDY_LONGOPTS                                                                   \
    {"replications", required_argument, NULL, 'r'}, {"seed", required_argument, NULL, 's'},  \
        {"output", required_argument, NULL, 'o'},                                            \
        {"threads", required_argument, NULL, 'j'},                                           \
        {"policy", required_argument, NULL, CLI_STUDY_OPT_POLICY},                           \
        {"set", required_argument, NULL, CLI_STUDY_OPT_SET},                                 \
        {"json", no_argument, NULL, CLI_STUDY_OPT_JSON}, {"quiet", no_argument, NULL, 'q'},  \
        {"help", no_argument, NULL, 'h'}
#define CLI_STUDY_SHORTOPTS ":r:s:o:j:qh"

/* Defaults: output "omnisim-out", threads = online processors, -r at least 2. */
void cli_study_args_init(cli_study_args *a, const char *cmd);

/* Handle a common option: 1 when handled, 0 when not a common option, -1 after a usage
 * error was printed (exit 2). */
int cli_study_option(cli_study_args *a, int c, const char *arg);

/* A command's own options for cli_study_parse: handle option `c` (its value `arg`, NULL
 * for a flag) and return 0, an exit code after printing the error (CLI_EXIT_USAGE), or
 * CLI_STUDY_NOT_MINE when `c` is not one of the command's options. */
#define CLI_STUDY_NOT_MINE (-1)
typedef int (*cli_study_own_fn)(void *ctx, int c, const char *arg);

/* Parse a command line with getopt_long over `longopts` (CLI_STUDY_LONGOPTS plus the
 * command's own) and CLI_STUDY_SHORTOPTS: common options into a, the command's own through
 * own(ctx, ...) (own may be NULL), -h/--help prints usage(stdout), then at most one
 * scenario path into a->scenario_path. Errors are reported as "omnisim CMD: option 'X'
 * needs a value", "unknown option 'X'" and "unexpected argument 'X' (one scenario at
 * most)". Returns CLI_STUDY_GO_ON when the command should run, otherwise the exit code to
 * return (0 after --help, 2 after a usage error). */
#define CLI_STUDY_GO_ON (-1)
struct option;
int cli_study_parse(cli_study_args *a, int argc, char **argv, const struct option *longopts,
                    void (*usage)(FILE *fp), cli_study_own_fn own, void *ctx);

/* Load the base scenario (no overrides). Returns an exit code; on 0 *out is the scenario. */
int cli_study_load(const cli_study_args *a, scenario **out);

/* Ctrl-C: install the handler and return the flag the runner polls; restore afterwards. */
volatile sig_atomic_t *cli_study_sigint_begin(void);
void cli_study_sigint_end(void);

/* A CSV field: up to 10 significant digits, empty for NaN. */
void cli_study_csv_num(FILE *fp, double x);
/* A JSON number, or null for NaN/inf. */
void cli_study_json_num(FILE *fp, double x);
/* A CSV/JSON-safe string (JSON string with quotes; CSV quoted when it holds , or "). */
void cli_study_json_str(FILE *fp, const char *s);
void cli_study_csv_str(FILE *fp, const char *s);

/* Write dir/name atomically through fn (0 ok, -1 stream error). Returns an exit code (and
 * reports the error on stderr). Creates dir. */
int cli_study_write(const cli_study_args *a, const char *name, int (*fn)(FILE *fp, void *ctx),
                    void *ctx);

/* The end of a successful study command: write STEM.csv and STEM.json into the output
 * directory (atomically, through the two writers), then print the JSON (--json) or the table
 * on stdout. Returns an exit code; nothing is printed on stdout when a file fails. */
int cli_study_emit(const cli_study_args *a, const char *stem, int (*csv)(FILE *fp, void *ctx),
                   int (*json)(FILE *fp, void *ctx), void (*table)(const void *ctx), void *ctx);

/* Print "omnisim CMD: error: ..." for err and return its exit code (SIM_EINTR: 130 with a
 * note that no files were written). Prints the scenario diagnostics first when any. */
int cli_study_fail(const cli_study_args *a, sim_status st, const sim_error *err,
                   const scenario_diag *diag);

/* The cost hook to pass to study_options (models/cost/cost.h: cost_kpis_hook). */
study_kpi_hook cli_study_cost_hook(void);

#endif /* CLI_STUDY_H */
