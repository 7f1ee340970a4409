/* cli_study.c -- see cli_study.h. The signal flag lives in cli_signal.c. */
#define _GNU_SOURCE
#include "cli_study.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_signal.h"
#include "cost.h"
#include "out_manifest.h"
#include "out_xlsx.h"
#include "scenario_load.h"

volatile sig_atomic_t *cli_study_sigint_begin(void)
{
    return cli_signal_begin();
}

void cli_study_sigint_end(void)
{
    cli_signal_end();
}

void cli_study_args_init(cli_study_args *a, const char *cmd)
{
    cli_opt_common_init(a, cmd);
    a->min_reps = 2;
}

static void print_diag(const scenario_diag *diag)
{
    char line[SCENARIO_DIAG_FILE_MAX + SIM_ERROR_PATH_MAX + SIM_ERROR_MESSAGE_MAX + 32];
    for (size_t i = 0; diag != NULL && i < scenario_diag_count(diag); i++)
        fprintf(stderr, "%s\n", scenario_diag_format(scenario_diag_get(diag, i), line,
                                                     sizeof line));
}

int cli_study_load(const cli_study_args *a, scenario **out)
{
    scenario_diag diag;
    scenario_diag_init(&diag);
    *out = NULL;
    scenario_load_opts lo = {.include_root = a->include_root, .no_includes = a->no_includes};
    sim_status st = a->scenario_path != NULL
                        ? scenario_load_file(a->scenario_path, &lo, out, &diag)
                        : scenario_load_default(&lo, out, &diag);
    if (st != SIM_OK) {
        print_diag(&diag);
        if (scenario_diag_count(&diag) == 0)
            fprintf(stderr, "omnisim %s: error: cannot load the scenario (%s)\n", a->cmd,
                    sim_status_name(st));
        scenario_diag_fini(&diag);
        return st == SIM_EIO ? CLI_EXIT_BAD_INPUT : cli_exit_code(st);
    }
    scenario_diag_fini(&diag);
    return CLI_EXIT_OK;
}

int cli_study_fail(const cli_study_args *a, sim_status st, const sim_error *err,
                   const scenario_diag *diag)
{
    if (st == SIM_EINTR) {
        fprintf(stderr, "\nomnisim %s: interrupted by %s; no result files were written\n",
                a->cmd, cli_signal_name());
        return cli_signal_exit_code();
    }
    if (diag != NULL && scenario_diag_count(diag) > 0) {
        print_diag(diag);
        return cli_exit_code(st);
    }
    int code = cli_report_error(a->cmd, err);
    /* A failed accounting check is a bad result (exit 1), as for `omnisim run`. */
    return st == SIM_ESTATE ? CLI_EXIT_BAD_INPUT : code;
}

int cli_study_write(const cli_study_args *a, const char *name, int (*fn)(FILE *fp, void *ctx),
                    void *ctx)
{
    sim_error err;
    sim_error_clear(&err);
    if (out_study_write_with(a->out_dir, name, fn, ctx, &err) != SIM_OK)
        return cli_report_error(a->cmd, &err);
    return CLI_EXIT_OK;
}

int cli_study_emit(const cli_study_args *a, const scenario *scn, const out_study_files *f)
{
    sim_error err;
    sim_error_clear(&err);
    /* A signal while writing: the file being written is finished (or its temporary
     * removed), the other is not started, and the message says which are complete. */
    cli_signal_begin();
    int code = cli_study_manifest_begin(a);
    if (code != CLI_EXIT_OK) {
        cli_signal_end();
        return code;
    }
    sim_status st = out_study_write(a->out_dir, f, 0, &err);
    int json_written = 0;
    if (st == SIM_OK && cli_signal_received() == 0) {
        st = out_study_write(a->out_dir, f, 1, &err);
        json_written = st == SIM_OK;
    }
    int sig = cli_signal_received();
    cli_signal_end();
    if (st != SIM_OK)
        return cli_report_error(a->cmd, &err);
    if (sig == 0) {
        out_xlsx_sheet sheet = {f->stem, f->csv, f->ctx};
        code = cli_study_xlsx(a, scn, &sheet, 1);
        if (code != CLI_EXIT_OK)
            return code;
    }
    if (sig != 0) {
        fprintf(stderr, "omnisim %s: interrupted by %s while writing; complete in %s/: "
                        "%s.csv%s%s%s\n",
                a->cmd, cli_signal_name(), a->out_dir, f->stem, json_written ? ", " : "",
                json_written ? f->stem : "", json_written ? ".json" : "");
        return cli_signal_exit_code();
    }
    if (out_study_print(stdout, f, a->json) != 0) {
        fprintf(stderr, "omnisim %s: error: cannot write the result on stdout\n", a->cmd);
        return CLI_EXIT_RUNTIME;
    }
    return CLI_EXIT_OK;
}

int cli_study_manifest_begin(const cli_study_args *a)
{
    sim_error err;
    sim_error_clear(&err);
    if (out_manifest_begin(a->out_dir, &err) != SIM_OK)
        return cli_report_error(a->cmd, &err);
    return CLI_EXIT_OK;
}

int cli_study_manifest(const cli_study_args *a, const scenario *scn)
{
    sim_error err;
    sim_error_clear(&err);
    out_manifest_run run = {a->argc, a->argv, scn->name, scn->source_json,
                            a->seed_set ? a->seed : scn->seed};
    if (out_manifest_finish(a->out_dir, &run, &err) != SIM_OK)
        return cli_report_error(a->cmd, &err);
    return CLI_EXIT_OK;
}

int cli_study_xlsx(const cli_study_args *a, const scenario *scn, const out_xlsx_sheet *sheets,
                   size_t n)
{
    if (a->xlsx == NULL)
        return CLI_EXIT_OK;
    sim_error err;
    sim_error_clear(&err);
    out_xlsx_run run = {a->cmd, scn->name, a->seed_set ? a->seed : scn->seed};
    if (out_xlsx_write(a->xlsx, &run, sheets, n, &err) != SIM_OK)
        return cli_report_error(a->cmd, &err);
    return CLI_EXIT_OK;
}

study_kpi_hook cli_study_cost_hook(void)
{
    /* The cost model (models/cost): cost.* and sla.* KPIs per replication, priced for the
     * variant's `year` (a roadmap year sets it). */
    return cost_kpis_hook;
}
