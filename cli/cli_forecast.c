/* cli_forecast.c -- `omnisim forecast HISTORY`: per-interval forecasts with prediction
 * intervals from a history of volumes (models/study/forecast.h; docs/data.md has the layout
 * and the method). Writes DIR/forecast.csv (what a scenario's demand.forecast_file reads),
 * DIR/forecast_intervals.csv (plus volume_lo, volume_hi and aht) and DIR/forecast.json (the fit and the backtest), and prints the backtest.
 * Exit codes: 0 ok, 1 a bad history or holiday file (FILE: message (line L, column C)) or
 * too short a history, 2 usage, 3 runtime failure. */
#include <stdio.h>
#include <stdlib.h>

#include <cjson/cJSON.h>

#include "cli.h"
#include "cli_opt.h"
#include "forecast.h"
#include "out_file.h"
#include "scenario_date.h"

/* forecast.csv (full = 0): date,interval_start,queue,volume, the layout a scenario's
 * demand.forecast_file reads; forecast_intervals.csv (full = 1): the same plus
 * volume_lo,volume_hi[,aht]. Every interval of every forecast day (zeros included: a forecast
 * file has no missing interval). */
static int write_csv(const char *cmd, const char *dir, const forecast *f, int full)
{
    const forecast_history *h = f->history;
    sim_error err;
    sim_error_clear(&err);
    out_file_tx tx;
    sim_status s =
        out_file_begin(&tx, dir, full ? "forecast_intervals.csv" : "forecast.csv", &err);
    if (s != SIM_OK)
        return cli_report_error(cmd, &err);
    fprintf(tx.fp, "date,interval_start,queue,volume%s%s\n", full ? ",volume_lo,volume_hi" : "",
            full && h->has_aht ? ",aht" : "");
    for (size_t k = 0; k < f->n_days; k++) {
        char date[16];
        scenario_date_format(scenario_date_from_days(f->first_day + (long)k), date, sizeof date);
        for (size_t i = 0; i < h->n_intervals; i++) {
            long m = (long)i * h->interval_s / 60;
            for (size_t q = 0; q < h->n_queues; q++) {
                const forecast_queue *fq = &f->queue[q];
                size_t c = k * h->n_intervals + i;
                fprintf(tx.fp, "%s,%02ld:%02ld,%s,%.3f", date, m / 60, m % 60, fq->name,
                        fq->mean[c]);
                if (full)
                    fprintf(tx.fp, ",%.3f,%.3f", fq->lo[c], fq->hi[c]);
                if (full && h->has_aht)
                    fprintf(tx.fp, ",%.1f", fq->aht[c]);
                fputc('\n', tx.fp);
            }
        }
    }
    s = out_file_commit(&tx, &err);
    return s == SIM_OK ? CLI_EXIT_OK : cli_report_error(cmd, &err);
}

int cli_forecast_main(int argc, char **argv)
{
    const char *cmd = "forecast";
    forecast_options o;
    forecast_options_init(&o);
    long weeks = o.weeks, holdout = o.holdout_weeks;
    double coverage = o.coverage;
    const char *holidays_path = NULL;
    cli_opt_common c;
    cli_opt_common_init(&c, cmd);
    c.out_dir = "omnisim-forecast";
    const cli_opt table[] = {
        {CLI_OPT_ROW_INT("weeks", &weeks), .metavar = "N", .lo = 1, .hi = 104, .def = "4",
         .help = "weeks to forecast after the last date of the history"},
        {CLI_OPT_ROW_INT("holdout", &holdout), .metavar = "W", .lo = 0, .hi = 104, .def = "2",
         .help = "last weeks of the history held out for the backtest (0: no backtest)"},
        {CLI_OPT_ROW_NUM("coverage", &coverage), .metavar = "P", .lo = 0, .hi = 1,
         .flags = CLI_OPT_LO_OPEN, .def = "0.9",
         .help = "coverage of the prediction interval (volume_lo, volume_hi), below 1"},
        {CLI_OPT_ROW_TEXT("holidays", &holidays_path), .metavar = "FILE",
         .expect = "a special-days CSV file",
         .help = "holidays (special-days layout: date[,name][,closed][,volume_factor]): left out "
                 "of the fit, forecast times their factor (0 when closed)"},
        {CLI_OPT_USE(OUTPUT), .def = "omnisim-forecast",
         .help = "directory for forecast.csv, forecast_intervals.csv and forecast.json"},
        {CLI_OPT_USE(QUIET)},
        {CLI_OPT_USE(HELP)},
    };
    const cli_opt_spec spec = {
        .cmd = cmd,
        .usage = "omnisim forecast [OPTIONS] HISTORY",
        .about = "Forecast volumes per queue and interval from a history in the layout\n"
                 "date,interval_start,queue,volume[,aht]: weekday levels and a linear trend\n"
                 "fitted to log daily totals by least squares, a weekday x interval shape, holidays\n"
                 "by factor, prediction intervals (docs/data.md). Backtests on the last weeks\n"
                 "(WAPE, MAPE) beside the seasonal-naive baseline.",
        .epilog = "Writes DIR/forecast.csv (a scenario's demand.forecast_file), DIR/\n"
                  "forecast_intervals.csv (plus volume_lo, volume_hi, aht) and\n"
                  "DIR/forecast.json (fit and backtest). A bad file names FILE, line and column\n"
                  "(exit 1).",
        .args = "HISTORY",
        .args_min = 1,
        .args_max = 1,
        .opts = table,
        .n_opts = sizeof table / sizeof table[0],
    };
    int rc = cli_opt_parse(&spec, &c, argc, argv);
    if (rc != CLI_OPT_GO_ON)
        return rc;
    rc = CLI_EXIT_OK;
    if (!(coverage < 1))
        return cli_usage_error(cmd, "option '--coverage': expected a number below 1, got %g",
                               coverage);
    o.weeks = (int)weeks;
    o.holdout_weeks = (int)holdout;
    o.coverage = coverage;
    sim_error err;
    sim_error_clear(&err);
    forecast_history_holidays hol = {0};
    if (holidays_path != NULL && forecast_history_holidays_read(holidays_path, &hol, &err) != SIM_OK) {
        cli_report_error(cmd, &err);
        return CLI_EXIT_BAD_INPUT;
    }
    forecast_history *h = NULL;
    forecast *f = NULL;
    sim_status s = forecast_history_read(c.scenario_path, &h, &err);
    if (s == SIM_OK) {
        rc = cli_output_check(cmd, c.out_dir);
        if (rc == CLI_EXIT_OK)
            s = forecast_run(h, &hol, &o, &f, &err);
    }
    if (s != SIM_OK) {
        rc = cli_report_error(cmd, &err);
        if (s == SIM_EINVAL || s == SIM_EPARSE || s == SIM_EIO)
            rc = CLI_EXIT_BAD_INPUT;
    }
    if (rc == CLI_EXIT_OK)
        rc = write_csv(cmd, c.out_dir, f, 0);
    if (rc == CLI_EXIT_OK)
        rc = write_csv(cmd, c.out_dir, f, 1);
    cJSON *rep = rc == CLI_EXIT_OK ? forecast_report(f) : NULL;
    if (rc == CLI_EXIT_OK)
        rc = cli_write_json(cmd, c.out_dir, "forecast.json", rep);
    cJSON_Delete(rep);
    if (rc == CLI_EXIT_OK && !c.quiet) {
        for (size_t q = 0; q < h->n_queues; q++) {
            const forecast_score *b = &f->queue[q].backtest;
            if (b->days > 0)
                printf("%s: backtest on %zu held-out days: WAPE %.1f%%, MAPE %.1f%% "
                       "(seasonal naive: WAPE %.1f%%, MAPE %.1f%%); %.0f%% of intervals inside "
                       "the %.0f%% prediction interval\n",
                       f->queue[q].name, b->days, 100 * b->wape, 100 * b->mape,
                       100 * b->naive_wape, 100 * b->naive_mape, 100 * b->coverage,
                       100 * o.coverage);
            else
                printf("%s: no backtest\n", f->queue[q].name);
        }
        printf("%d weeks x %zu queues forecast: %s/forecast.csv, %s/forecast_intervals.csv, "
               "%s/forecast.json\n",
               o.weeks, h->n_queues, c.out_dir, c.out_dir, c.out_dir);
    }
    forecast_free(f);
    forecast_history_free(h);
    forecast_history_holidays_free(&hol);
    return rc;
}
