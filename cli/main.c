/* main.c -- omnisim's entry point: global options and the subcommand table. */
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "cli.h"
#include "sim_mpi.h"

/* The subcommand table: one line per subcommand, in the order `omnisim --help` lists them. */
static const cli_command cli_commands[] = {
    {"run", "simulate a scenario (the built-in default when none is given)", cli_run_main},
    {"bench", "measure the kernel's speed on an M/M/c+M model", cli_bench_main},
    {"validate", "check scenario files and list every error with its line", cli_validate_main},
    {"erlang", "Erlang C/A: measures for given agents, or the agents a target needs", cli_erlang_main},
    {"calibrate", "a scenario and a calibration report from a contact-level log", cli_calibrate_main},
    {"forecast", "per-interval forecasts with prediction intervals from a history of volumes", cli_forecast_main},
    {"compare", "baseline vs policies with common random numbers and paired intervals", cli_compare_main},
    {"cost", "cost per line, channel, site and year; on-premise vs cloud TCO; SLA risk", cli_cost_main},
    {"sweep", "a grid over numeric scenario fields, one row of KPIs per point", cli_sweep_main},
    {"roadmap", "year by year: segment drift, digital shift, growth, policies switching on", cli_roadmap_main},
    {"simstaff", "fewest agents per interval meeting the SL target by simulation, vs Erlang C", cli_simstaff_main},
    {"check", "CI regression gate: staffing and KPIs against a baseline (exit 1 on drift)", cli_check_main},
    {"staff", "agents and scheduled staff per interval and channel (Erlang C/A, chat, workload)", cli_staff_main},
    {"plot", "redraw the charts and report.html of an output directory from its files", cli_plot_main},
    {"schedule", "shifts covering the requirement at least cost (GLPK), head count, simulated SL", cli_schedule_main},
    {"serve", "the what-if workbench: a local web page to change a scenario and see its KPIs", cli_serve_main},
};

static void print_usage(FILE *out)
{
    fprintf(out,
            "usage: omnisim [--help] [--version] <command> [options]\n"
            "\n"
            "omnisim simulates contact centers: arrivals per channel, customer segments,\n"
            "channel hopping, Erlang staffing, costs and omnichannel policies.\n"
            "\n"
            "commands:\n");
    for (size_t i = 0; i < sizeof cli_commands / sizeof cli_commands[0]; i++)
        fprintf(out, "  %-10s %s\n", cli_commands[i].name, cli_commands[i].summary);
    fprintf(out,
            "\n"
            "Run 'omnisim <command> --help' for a command's options.\n"
            "Exit codes: 0 ok, 1 bad input or result, 2 usage error, 3 runtime failure,\n"
            "130/143/129 interrupted.\n");
}

static int dispatch(int argc, char **argv)
{
    if (argc < 2) {
        print_usage(stderr);
        return CLI_EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
        print_usage(stdout);
        return CLI_EXIT_OK;
    }
    if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
        printf("omnisim %s\n", OMNISIM_VERSION);
        printf("built with: threads%s\n", sim_mpi_available() ? ", MPI" : "");
        return CLI_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof cli_commands / sizeof cli_commands[0]; i++) {
        if (strcmp(name, cli_commands[i].name) == 0)
            return cli_commands[i].main(argc - 1, argv + 1);
    }
    if (name[0] == '-')
        fprintf(stderr, "omnisim: unknown option '%s'\n", name);
    else
        fprintf(stderr, "omnisim: unknown command '%s'\n", name);
    print_usage(stderr);
    return CLI_EXIT_USAGE;
}

int main(int argc, char **argv)
{
    /* GSL's default error handler aborts; we check every return code instead (STYLE 11). */
    gsl_set_error_handler_off();

    /* Under mpirun every rank runs the same command in lockstep and ends with the same
     * results (sim_mpi.h); rank 0 alone prints and writes, the others are silenced here. */
    sim_error err;
    sim_error_clear(&err);
    if (sim_mpi_init(&argc, &argv, &err) != SIM_OK) {
        fprintf(stderr, "omnisim: %s\n", err.message);
        return CLI_EXIT_RUNTIME;
    }
    if (!sim_mpi_is_root()) {
        if (freopen("/dev/null", "w", stdout) == NULL || freopen("/dev/null", "w", stderr) == NULL)
            fprintf(stderr, "omnisim: rank %d cannot silence its output\n", sim_mpi_rank());
    }
    int rc = dispatch(argc, argv);
    fflush(stdout);
    sim_mpi_finalize();
    return rc;
}
