/* cli.h -- the omnisim command: shared helpers and the subcommand table.
 *
 * The command is the thin layer that wires the library together: it parses options, calls
 * library functions, prints results on stdout and progress/errors on stderr, and is the only
 * place where a status becomes an exit code. Every subcommand lives in its own
 * cli/cli_<name>.c and is listed once in main.c's table.
 *
 * Exit codes (documented in docs/cli.md):
 *   0  success (check: within tolerance; validate: valid)
 *   1  the input or the result is bad (invalid scenario, check drift, accounting failure)
 *   2  usage error (unknown option, missing or malformed argument)
 *   3  runtime failure (I/O, out of memory, numerical failure)
 *   130, 143, 129 interrupted by SIGINT (Ctrl-C), SIGTERM, SIGHUP: 128 + the signal
 *      (cli_signal.h; files written so far are complete, no temporary file is left)
 */
#ifndef CLI_H
#define CLI_H

#include <stddef.h>

#include "sim_error.h"

enum {
    CLI_EXIT_OK = 0,
    CLI_EXIT_BAD_INPUT = 1,
    CLI_EXIT_USAGE = 2,
    CLI_EXIT_RUNTIME = 3,
    CLI_EXIT_INTERRUPTED = 130 /* SIGINT; cli_signal_exit_code gives 128 + any signal */
};

typedef struct cli_command {
    const char *name;
    const char *summary; /* one line for `omnisim --help` */
    int (*main)(int argc, char **argv); /* argv[0] is the subcommand name */
} cli_command;

/* Print "omnisim <cmd>: <message>" and "Try 'omnisim <cmd> --help'." on stderr; return 2. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Print an error context on stderr as "omnisim <cmd>: error: path: message (line, column)"
 * and return the exit code for its status (1 for input errors, 3 for runtime ones). */
int cli_report_error(const char *cmd, const sim_error *err);

/* Exit code for a status: SIM_OK 0, input errors (EINVAL, EPARSE, ERANGE, ELIMIT) 1,
 * SIM_EINTR 128 + the signal received (cli_signal_exit_code), everything else 3. */
int cli_exit_code(sim_status status);

/* Print a loaded scenario's warnings on stderr, one line each as "PREFIX: warning: ...":
 * channels that lose first contacts arriving in closed hours (demand_closed_warning).
 * Returns how many. A warning never changes an exit code. */
struct scenario;
size_t cli_print_warnings(const struct scenario *scn, const char *prefix);

/* Before simulating: the output directory `dir` can be written (out_file_probe: created if
 * missing, a probe file written and removed). CLI_EXIT_OK, or the error printed as
 * "omnisim <cmd>: error: -o: cannot ... '<dir>': <reason>; nothing was run" and
 * CLI_EXIT_RUNTIME (3). */
int cli_output_check(const char *cmd, const char *dir);

/* A scenario that did not load: print diag's entries on stderr as FILE:LINE:COL: PATH:
 * message (or the status when diag holds none) and return the exit code: 1 for a bad or
 * unreadable scenario, 3 when out of memory. */
struct scenario_diag;
int cli_print_diag(const char *cmd, const struct scenario_diag *diag, sim_status st);

/* Number of online processors (at least 1): the default for -j. */
int cli_default_threads(void);

/* Write the JSON document j (NULL: out of memory) to dir/name atomically, pretty-printed.
 * CLI_EXIT_OK, or the error printed and CLI_EXIT_RUNTIME. */
struct cJSON;
int cli_write_json(const char *cmd, const char *dir, const char *name, const struct cJSON *j);

/* The subcommands (each in cli_<name>.c). */
int cli_run_main(int argc, char **argv);
int cli_bench_main(int argc, char **argv);
int cli_validate_main(int argc, char **argv);
int cli_erlang_main(int argc, char **argv);
int cli_calibrate_main(int argc, char **argv);
int cli_forecast_main(int argc, char **argv);
int cli_compare_main(int argc, char **argv);
int cli_cost_main(int argc, char **argv);
int cli_sweep_main(int argc, char **argv);
int cli_roadmap_main(int argc, char **argv);
int cli_simstaff_main(int argc, char **argv);
int cli_check_main(int argc, char **argv);
int cli_staff_main(int argc, char **argv);
int cli_plot_main(int argc, char **argv);
int cli_schedule_main(int argc, char **argv);
int cli_serve_main(int argc, char **argv);

#endif /* CLI_H */
