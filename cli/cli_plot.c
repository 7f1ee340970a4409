/* cli_plot.c -- `omnisim plot DIR`: redraw the charts and report.html of an output directory
 * from its files (output/plot_charts.h, output/report.h). The same code runs at the end of
 * `omnisim run`, so a directory's plots can be redrawn after its CSV files were edited, or
 * after `omnisim compare/roadmap/cost/schedule -o DIR` added files to it.
 */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "plot_charts.h"
#include "report.h"

static void plot_usage(FILE *out)
{
    fprintf(out,
            "usage: omnisim plot DIR [options]\n"
            "\n"
            "Redraw the charts of an output directory from its files (intervals.csv,\n"
            "pools.csv, flows.csv, summary.json, and compare.csv, roadmap.csv, costs.csv,\n"
            "coverage.csv when present) and rewrite DIR/report.html.\n"
            "\n"
            "  --format png|svg|pdf  chart format (default png; the report embeds PNG or SVG)\n"
            "  --no-report           charts only\n"
            "  -q, --quiet           no list of the files written on stderr\n"
            "  -h, --help            this text\n"
            "\n"
            "Exit codes: 0 ok, 1 DIR holds no file a chart can be drawn from or a file is\n"
            "malformed, 2 usage error, 3 cannot write.\n");
}

int cli_plot_main(int argc, char **argv)
{
    enum { OPT_FORMAT = 256, OPT_NO_REPORT };
    static const struct option longopts[] = {{"format", required_argument, NULL, OPT_FORMAT},
                                             {"no-report", no_argument, NULL, OPT_NO_REPORT},
                                             {"quiet", no_argument, NULL, 'q'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    plot_format fmt = PLOT_PNG;
    int quiet = 0, no_report = 0, c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":qh", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_FORMAT:
            if (!plot_format_parse(optarg, &fmt))
                return cli_usage_error("plot", "--format: expected png, svg or pdf, got '%s'",
                                       optarg);
            break;
        case OPT_NO_REPORT: no_report = 1; break;
        case 'q': quiet = 1; break;
        case 'h': plot_usage(stdout); return CLI_EXIT_OK;
        case ':': return cli_usage_error("plot", "option '%s' needs a value", argv[optind - 1]);
        default: return cli_usage_error("plot", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return cli_usage_error("plot", "missing the output directory");
    const char *dir = argv[optind++];
    if (optind < argc)
        return cli_usage_error("plot", "unexpected argument '%s'", argv[optind]);
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "omnisim plot: error: '%s' is not a directory\n", dir);
        return CLI_EXIT_BAD_INPUT;
    }
    plot_charts_result res;
    plot_charts_draw(dir, fmt, &res);
    int code = CLI_EXIT_OK;
    for (size_t i = 0; i < res.n_failed; i++) {
        cli_report_error("plot", &res.failed[i]);
        code = CLI_EXIT_BAD_INPUT;
    }
    if (res.n_drawn == 0 && res.n_failed == 0) {
        fprintf(stderr, "omnisim plot: error: %s holds no file a chart can be drawn from\n",
                dir);
        return CLI_EXIT_BAD_INPUT;
    }
    if (!quiet) {
        fprintf(stderr, "omnisim plot: drawn in %s/:", dir);
        for (size_t i = 0; i < res.n_drawn; i++)
            fprintf(stderr, " %s", res.drawn[i]);
        fputc('\n', stderr);
    }
    if (!no_report) {
        sim_error err;
        sim_error_clear(&err);
        if (report_write(dir, &err) != SIM_OK)
            return cli_report_error("plot", &err);
        if (!quiet)
            fprintf(stderr, "omnisim plot: written %s/report.html\n", dir);
    }
    return code;
}
