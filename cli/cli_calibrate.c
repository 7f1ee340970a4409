/* cli_calibrate.c -- `omnisim calibrate LOG`: a scenario and a calibration report from a
 * contact-level log (models/study/calib.h; docs/data.md has the layout and the estimators).
 * Writes DIR/scenario.json (validates and runs; its agents are a placeholder) and
 * DIR/calibration.json (every estimate with its standard error). Exit codes: 0 ok, 1 a bad
 * log (every bad row listed as FILE:LINE:COLUMN: ...), 2 usage, 3 runtime failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "calib.h"
#include "cli.h"
#include "cli_opt.h"
#include "out_file.h"
#include "plot_calib.h"

int cli_calibrate_main(int argc, char **argv)
{
    const char *cmd = "calibrate";
    calib_options o;
    calib_options_init(&o);
    const char *maps[CLI_OPT_LIST_MAX];
    size_t n_maps = 0;
    const char *name = "calibrated";
    int layout = 0;
    static const char *const layouts[] = {"default", "technion", NULL};
    cli_opt_common c;
    cli_opt_common_init(&c, cmd);
    c.out_dir = "omnisim-calibrated";
    const cli_opt table[] = {
        {CLI_OPT_ROW_CHOICE("layout", &layout), .choices = layouts, .def = "default",
         .help = "the log's column layout: default (contact_id, customer_id, channel, arrival, "
                 "answer, abandon, end, outcome, group, wrapup, date) or technion (the "
                 "Technion \"Anonymous Bank\" call log)"},
        {CLI_OPT_ROW_LIST("map", maps), .count = &n_maps, .metavar = "FIELD=COLUMN,...",
         .flags = CLI_OPT_ASSIGN, .expect = "FIELD=COLUMN,...",
         .help = "column of a field (contact, customer, channel, date, arrival, answer, "
                 "abandon, end, outcome, group, wrapup) over the layout; FIELD= drops it"},
        {CLI_OPT_ROW_NUM("interval", &o.interval_s), .metavar = "S", .lo = 60, .hi = 86400,
         .def = "900", .help = "demand interval in seconds (must divide the day)"},
        {CLI_OPT_ROW_NUM("window", &o.window_s), .metavar = "S", .lo = 0, .hi = 1e8,
         .flags = CLI_OPT_LO_OPEN, .def = "86400",
         .help = "repeat window in seconds: a customer's contacts this close are one need"},
        {CLI_OPT_ROW_TEXT("name", &name), .metavar = "NAME", .def = "calibrated",
         .help = "name of the written scenario"},
        {CLI_OPT_USE(OUTPUT), .def = "omnisim-calibrated",
         .help = "directory for scenario.json and calibration.json"},
        {CLI_OPT_USE(QUIET)},
        {CLI_OPT_USE(HELP)},
    };
    const cli_opt_spec spec = {
        .cmd = cmd,
        .usage = "omnisim calibrate [OPTIONS] LOG",
        .about = "Estimate a scenario from a contact-level CSV log (one row per contact):\n"
                 "arrivals per channel x weekday x interval and the day-to-day cv, handle-time\n"
                 "fits (lognormal, gamma, Weibull by AIC, else empirical), patience from\n"
                 "censored waits, FCR, retrials and hops from customer ids (docs/data.md).",
        .epilog = "Writes DIR/scenario.json and DIR/calibration.json (estimates with standard\n"
                  "errors). A bad log lists every bad row as FILE:LINE:COLUMN: ... (exit 1).",
        .args = "LOG",
        .args_min = 1,
        .args_max = 1,
        .opts = table,
        .n_opts = sizeof table / sizeof table[0],
    };
    int rc = cli_opt_parse(&spec, &c, argc, argv);
    if (rc != CLI_OPT_GO_ON)
        return rc;
    calib_log_map_builtin(&o.map, layouts[layout]);
    sim_error err;
    sim_error_clear(&err);
    for (size_t i = 0; i < n_maps; i++)
        if (calib_log_map_parse(&o.map, maps[i], &err) != SIM_OK)
            return cli_usage_error(cmd, "option '--map': %s", err.message);
    calib_log_stats *st = calloc(1, sizeof *st);
    if (st == NULL)
        return CLI_EXIT_RUNTIME;
    calib *cal = NULL;
    sim_status s = calib_run(c.scenario_path, &o, &cal, st, &err);
    if (s == SIM_EPARSE) {
        size_t shown = st->n_errors < CALIB_LOG_ERRORS_MAX ? st->n_errors : CALIB_LOG_ERRORS_MAX;
        for (size_t i = 0; i < shown; i++)
            fprintf(stderr, "%s\n", st->errors[i]);
        if (st->n_errors > shown)
            fprintf(stderr, "... and %zu more\n", st->n_errors - shown);
        fprintf(stderr, "omnisim %s: %zu bad rows or header problems in %s\n", cmd,
                st->n_errors, c.scenario_path);
        free(st);
        return CLI_EXIT_BAD_INPUT;
    }
    if (s != SIM_OK) {
        free(st);
        /* a log that cannot be opened is bad input (exit 1), as a missing scenario is */
        rc = cli_report_error(cmd, &err);
        return s == SIM_EIO ? CLI_EXIT_BAD_INPUT : rc;
    }
    rc = CLI_EXIT_OK;
    if (out_file_mkdir(c.out_dir, &err) != SIM_OK)
        rc = cli_report_error(cmd, &err);
    cJSON *scn = rc == CLI_EXIT_OK ? calib_scenario(cal, name) : NULL;
    cJSON *rep = rc == CLI_EXIT_OK ? calib_report(cal) : NULL;
    if (rc == CLI_EXIT_OK)
        rc = cli_write_json(cmd, c.out_dir, "scenario.json", scn);
    if (rc == CLI_EXIT_OK)
        rc = cli_write_json(cmd, c.out_dir, "calibration.json", rep);
    if (rc == CLI_EXIT_OK && plot_calib_write(rep, c.out_dir, PLOT_PNG, &err) != SIM_OK)
        rc = cli_report_error(cmd, &err);
    if (rc == CLI_EXIT_OK && !c.quiet)
        printf("%zu contacts read (%zu used, %zu ignored): %s/scenario.json, "
               "%s/calibration.json, %s/calibration.png\n",
               st->rows, st->used, st->ignored, c.out_dir, c.out_dir, c.out_dir);
    cJSON_Delete(scn);
    cJSON_Delete(rep);
    calib_free(cal);
    free(st);
    return rc;
}
