/* cli_plot.c -- `omnisim plot DIR`: redraw the charts and report.html of an output directory
 * from its files (output/plot_charts.h, output/report.h). The same code runs at the end of
 * `omnisim run`, so a directory's plots can be redrawn after its CSV files were edited, or
 * after `omnisim compare/roadmap/cost/schedule -o DIR` added files to it.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "cli_opt.h"
#include "out_manifest.h"
#include "plot_charts.h"
#include "report.h"

int cli_plot_main(int argc, char **argv)
{
    static const char *const formats[] = {"png", "svg", "pdf", NULL};
    int format = 0, no_report = 0;
    cli_opt_common c;
    cli_opt_common_init(&c, "plot");
    const cli_opt table[] = {
        {CLI_OPT_ROW_CHOICE("format", &format), .choices = formats,
         .help = "chart format (the report embeds PNG or SVG)", .def = "png"},
        {CLI_OPT_ROW_FLAG("no-report", &no_report), .help = "charts only"},
        {CLI_OPT_USE(QUIET), .help = "no list of the files written on stderr"},
    };
    const cli_opt_spec spec = {
        "plot",
        "omnisim plot DIR [options]",
        "Redraw the charts of an output directory from its files (intervals.csv,\n"
        "pools.csv, flows.csv, summary.json, and compare.csv, roadmap.csv, costs.csv,\n"
        "coverage.csv when present) and rewrite DIR/report.html.",
        "Exit codes: 0 ok, 1 DIR holds no file a chart can be drawn from or a file is\n"
        "malformed, 2 usage error, 3 cannot write.",
        "DIR", 1, 1, table, sizeof table / sizeof table[0]};
    int parsed = cli_opt_parse(&spec, &c, argc, argv);
    if (parsed != CLI_OPT_GO_ON)
        return parsed;
    plot_format fmt = PLOT_PNG;
    if (!plot_format_parse(formats[format], &fmt))
        return cli_usage_error("plot", "option '--format': no such format '%s'", formats[format]);
    int quiet = c.quiet;
    const char *dir = c.args[0];
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "omnisim plot: error: '%s' is not a directory\n", dir);
        return CLI_EXIT_BAD_INPUT;
    }
    /* The charts and report join the run the directory holds (manifest.json). */
    sim_error merr;
    sim_error_clear(&merr);
    if (out_manifest_reopen(dir, c.argc, c.argv, &merr) != SIM_OK)
        return cli_report_error("plot", &merr);
    plot_charts_result res;
    plot_charts_draw(dir, fmt, &res);
    int code = CLI_EXIT_OK;
    for (size_t i = 0; i < res.n_failed; i++) {
        cli_report_error("plot", &res.failed[i]);
        code = CLI_EXIT_BAD_INPUT;
    }
    if (!quiet && res.n_drawn > 0) {
        fprintf(stderr, "omnisim plot: drawn in %s/:", dir);
        for (size_t i = 0; i < res.n_drawn; i++)
            fprintf(stderr, " %s", res.drawn[i]);
        fputc('\n', stderr);
    }
    int reported = 0;
    if (!no_report) {
        sim_error err;
        sim_error_clear(&err);
        sim_status rs = report_write(dir, &err);
        if (rs == SIM_OK) {
            reported = 1;
            if (!quiet)
                fprintf(stderr, "omnisim plot: written %s/report.html\n", dir);
        } else if (rs != SIM_EINVAL || res.n_drawn > 0) {
            /* SIM_EINVAL: nothing to report on, told below when nothing was drawn either */
            int c2 = cli_report_error("plot", &err);
            if (code == CLI_EXIT_OK)
                code = c2;
        }
    }
    if (res.n_drawn == 0 && res.n_failed == 0 && !reported) {
        fprintf(stderr, "omnisim plot: error: %s holds no file a chart or report can be drawn "
                        "from\n", dir);
        code = CLI_EXIT_BAD_INPUT;
    }
    /* Whatever was drawn joins the run's manifest, also after an error. */
    if (out_manifest_finish(dir, NULL, &merr) != SIM_OK && code == CLI_EXIT_OK)
        code = cli_report_error("plot", &merr);
    return code;
}
