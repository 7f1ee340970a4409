/* cli_study.h -- what `omnisim compare`, `sweep`, `roadmap` and `simstaff` share: their
 * arguments, loading the base scenario, Ctrl-C, number formatting and atomic files.
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

#include "cli_opt.h"
#include "out_study.h"
#include "out_xlsx.h"
#include "scenario.h"
#include "scenario_load.h"
#include "sim_error.h"
#include "study.h"

#define CLI_STUDY_MAX_OVERRIDES CLI_OPT_LIST_MAX

/* A study command's arguments are the common options (cli_opt.h), parsed by cli_opt_parse. */
typedef cli_opt_common cli_study_args;

/* cli_opt_common_init, then -r at least 2 (a study needs a variance). */
void cli_study_args_init(cli_study_args *a, const char *cmd);

/* Load the base scenario (no overrides). Returns an exit code; on 0 *out is the scenario. */
int cli_study_load(const cli_study_args *a, scenario **out);

/* SIGINT, SIGTERM, SIGHUP (cli_signal.h): install the handler and return the flag the
 * library polls; restore afterwards. */
volatile sig_atomic_t *cli_study_sigint_begin(void);
void cli_study_sigint_end(void);

/* Write dir/name atomically through fn (0 ok, -1 stream error; out_study_write_with).
 * Returns an exit code (and reports the error on stderr). Creates dir. */
int cli_study_write(const cli_study_args *a, const char *name, int (*fn)(FILE *fp, void *ctx),
                    void *ctx);

/* The end of a successful study command: write STEM.csv, then STEM.json into the output
 * directory (out_study_write), then the workbook of --xlsx (cli_study_xlsx, sheet STEM),
 * then print the JSON (--json) or the table on stdout
 * (out_study_print). Returns an exit code; nothing is printed on stdout when a file fails;
 * a signal while writing finishes the file being written, skips the other and exits
 * 128 + the signal naming the complete files; a failure to write stdout is a runtime
 * failure (3). */
int cli_study_emit(const cli_study_args *a, const scenario *scn, const out_study_files *f);

/* --xlsx FILE: the sheets as one workbook (output/out_xlsx.h) naming the command, scn and
 * the seed; nothing without --xlsx. Returns an exit code (and reports the error). */
int cli_study_xlsx(const cli_study_args *a, const scenario *scn, const out_xlsx_sheet *sheets,
                   size_t n);

/* Print "omnisim CMD: error: ..." for err and return its exit code (SIM_EINTR: 130 with a
 * note that no files were written). Prints the scenario diagnostics first when any. */
int cli_study_fail(const cli_study_args *a, sim_status st, const sim_error *err,
                   const scenario_diag *diag);

/* manifest.json (output/out_manifest.h): open the run's file list before the first file
 * (cli_study_emit does), and write the manifest after the last one, naming the base
 * scenario. Each returns an exit code (and reports the error). */
int cli_study_manifest_begin(const cli_study_args *a);
int cli_study_manifest(const cli_study_args *a, const scenario *scn);

/* The cost hook to pass to study_options (models/cost/cost.h: cost_kpis_hook). */
study_kpi_hook cli_study_cost_hook(void);

#endif /* CLI_STUDY_H */
