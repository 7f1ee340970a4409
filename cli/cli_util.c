/* cli_util.c -- usage errors, error reporting and scenario warnings shared by the
 * subcommands (option parsing is cli_opt.c). */
#define _GNU_SOURCE
#include "cli.h"
#include "cli_signal.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "demand.h"
#include "out_dir.h"
#include "out_file.h"
#include "scenario.h"
#include "scenario_diag.h"

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "omnisim %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'omnisim %s --help'.\n", cmd);
    return CLI_EXIT_USAGE;
}

int cli_exit_code(sim_status status)
{
    switch (status) {
    case SIM_OK: return CLI_EXIT_OK;
    case SIM_EINVAL:
    case SIM_EPARSE:
    case SIM_ERANGE:
    case SIM_ELIMIT: return CLI_EXIT_BAD_INPUT;
    case SIM_EINTR: return cli_signal_exit_code();
    default: return CLI_EXIT_RUNTIME;
    }
}

int cli_report_error(const char *cmd, const sim_error *err)
{
    char line[SIM_ERROR_PATH_MAX + SIM_ERROR_MESSAGE_MAX + 64];
    fprintf(stderr, "omnisim %s: error: %s\n", cmd, sim_error_format(err, line, sizeof line));
    return cli_exit_code(err != NULL ? err->code : SIM_EINVAL);
}

int cli_output_check(const char *cmd, const char *dir)
{
    sim_error err;
    sim_error_clear(&err);
    if (out_file_probe(dir, &err) == SIM_OK && out_dir_lock(dir, &err) == SIM_OK)
        return CLI_EXIT_OK;
    size_t n = strlen(err.message);
    snprintf(err.message + n, sizeof err.message - n, "; nothing was run");
    cli_report_error(cmd, &err);
    return CLI_EXIT_RUNTIME;
}

int cli_default_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        return 1;
    return n > 256 ? 256 : (int)n;
}

size_t cli_print_warnings(const scenario *scn, const char *prefix)
{
    size_t n = 0;
    char msg[1024];
    for (size_t c = 0; c < scn->n_channels; c++) {
        if (demand_closed_warning(scn, c, msg, sizeof msg)) {
            fprintf(stderr, "%s: warning: %s\n", prefix, msg);
            n++;
        }
    }
    return n;
}

int cli_write_json(const char *cmd, const char *dir, const char *name, const struct cJSON *j)
{
    sim_error err;
    sim_error_clear(&err);
    char *text = j != NULL ? cJSON_Print(j) : NULL;
    if (text == NULL) {
        fprintf(stderr, "omnisim %s: out of memory\n", cmd);
        return CLI_EXIT_RUNTIME;
    }
    out_file_tx tx;
    sim_status s = out_file_begin(&tx, dir, name, &err);
    if (s == SIM_OK) {
        fprintf(tx.fp, "%s\n", text);
        s = out_file_commit(&tx, &err);
    }
    cJSON_free(text);
    return s == SIM_OK ? CLI_EXIT_OK : cli_report_error(cmd, &err);
}

int cli_print_diag(const char *cmd, const scenario_diag *diag, sim_status st)
{
    char line[SCENARIO_DIAG_FILE_MAX + SIM_ERROR_PATH_MAX + SIM_ERROR_MESSAGE_MAX + 32];
    for (size_t i = 0; i < scenario_diag_count(diag); i++)
        fprintf(stderr, "%s\n", scenario_diag_format(scenario_diag_get(diag, i), line,
                                                     sizeof line));
    if (scenario_diag_count(diag) == 0)
        fprintf(stderr, "omnisim %s: error: cannot load the scenario (%s)\n", cmd,
                sim_status_name(st));
    /* An unreadable scenario file is bad input, as for `omnisim validate`. */
    return st == SIM_EIO ? CLI_EXIT_BAD_INPUT : cli_exit_code(st);
}
