/* cli_run.c -- `omnisim run`: simulate a scenario with replications and write the results.
 *
 * Loads the scenario (the built-in default when none is given) with --policy and --set
 * applied, runs R replications of the contact-center model (models/cc/cc_model.h) on T threads,
 * prints a KPI table per channel with confidence intervals on stdout (or the summary JSON with
 * --json), and writes summary.json, kpis.csv, channels.csv, segments.csv, intervals.csv,
 * pools.csv and flows.csv into the output directory, each atomically, then the plots and
 * report.html (output/plot_charts.h, output/report.h) unless --no-plots. docs/outputs.md
 * documents every file. With --trace FILE it streams a per-contact event log
 * (output/out_trace.h); traced runs use one thread so the log is in replication order. With
 * --mmc it runs the built-in M/M/c(+M) queue instead (models/queueing/mmc.h). The tables on
 * stdout and the list of CSV files are output/out_run.h's. Progress (a bar with
 * the time left, cli_progress.h), errors and the scenario's warnings (cli_print_warnings) go
 * to stderr. Exit codes are those of cli.h: 1 also when a run's accounting of contacts does
 * not balance.
 *
 * SIGINT (Ctrl-C), SIGTERM, SIGHUP (cli_signal.h): the handler only sets a flag. During the
 * simulation the replications stop within a few thousand events and nothing
 * is written (a result from part of the replications would look complete); during the
 * writing the current file is finished, the rest are skipped and the message lists the files
 * that were written. Every file goes through out_file.h (temporary file, then rename), so an
 * interrupted run never leaves a half-written file under a final name, and the temporary
 * files (the trace's too) are removed on the way out. The exit code is 128 + the signal.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cc_mmc.h"
#include "cc_model.h"
#include "cli.h"
#include "cli_opt.h"
#include "cli_progress.h"
#include "cli_signal.h"
#include "cli_study.h"
#include "mmc.h"
#include "out_csv.h"
#include "out_file.h"
#include "out_json.h"
#include "out_run.h"
#include "out_manifest.h"
#include "out_trace.h"
#include "out_xlsx.h"
#include "plot_charts.h"
#include "report.h"
#include "scenario.h"
#include "scenario_load.h"
#include "sim_alloc.h"

#define RUN_MAX_OVERRIDES CLI_OPT_LIST_MAX

static sim_status write_csv(const char *dir, const out_run_file *f, const out_run_data *d,
                            sim_error *err)
{
    out_file_tx tx;
    sim_status st = out_file_begin(&tx, dir, f->name, err);
    if (st != SIM_OK)
        return st;
    errno = 0;
    if (f->write(tx.fp, d) != 0 || fflush(tx.fp) != 0) {
        int e = errno != 0 ? errno : EIO; /* a full disk shows at the write or the flush */
        out_file_abort(&tx);
        return sim_error_set(err, SIM_EIO, f->name, "cannot write %s/%s: %s", dir, f->name,
                             strerror(e));
    }
    return out_file_commit(&tx, err);
}

/* Files written so far, for the messages. */
typedef struct run_written {
    char text[1024];
    size_t n;
} run_written;

static void written_add(run_written *w, const char *name)
{
    size_t len = strlen(w->text);
    snprintf(w->text + len, sizeof w->text - len, "%s%s", w->n > 0 ? ", " : "", name);
    w->n++;
}

typedef struct run_args {
    const char *scenario_path;
    const char *out_dir;
    long reps;   /* 0: the scenario's */
    int seed_set;
    unsigned long long seed;
    long threads;
    long max_in_system; /* 0: the machine's share */
    int json, quiet, week, mmc, no_plots;
    const char *trace_path;
    const char *xlsx; /* --xlsx FILE, or NULL */
    const char *policies[RUN_MAX_OVERRIDES];
    size_t n_policies;
    const char *sets[RUN_MAX_OVERRIDES];
    size_t n_sets;
    const char *include_root;
    int no_includes;
    mmc_params mp;
    int argc;    /* the command line, for manifest.json */
    char **argv;
} run_args;

/* Draw the plots and write report.html from the files just written (the same code as
 * `omnisim plot DIR`). A plot that cannot be drawn is a warning, not a failed run: the
 * results are already on disk. */
static void run_plots_and_report(const run_args *a, run_written *w)
{
    plot_charts_result res;
    plot_charts_draw(a->out_dir, PLOT_PNG, &res);
    for (size_t i = 0; i < res.n_drawn; i++)
        written_add(w, res.drawn[i]);
    for (size_t i = 0; i < res.n_failed; i++)
        fprintf(stderr, "omnisim run: warning: a chart was not drawn: %s: %s\n",
                res.failed[i].path, res.failed[i].message);
    if (cli_signal_received())
        return;
    sim_error err;
    sim_error_clear(&err);
    if (report_write(a->out_dir, &err) == SIM_OK)
        written_add(w, "report.html");
    else
        fprintf(stderr, "omnisim run: warning: report.html not written: %s\n", err.message);
}

/* Write the files of a run and print its table or JSON. Interruptible between files. */
static int finish_outputs(const run_args *a, const out_json_info *info, const cc_summary *sum,
                          const cc_rep *reps, size_t n_reps, const scenario *scn)
{
    size_t n_files;
    const out_run_file *files = out_run_files(&n_files);
    sim_error err;
    sim_error_clear(&err);
    run_written w;
    memset(&w, 0, sizeof w);
    char *json = out_json_summary(info, sum, reps, scn);
    if (json == NULL) {
        fprintf(stderr, "omnisim run: error: out of memory writing the summary\n");
        return CLI_EXIT_RUNTIME;
    }
    out_run_data d = {sum, reps, n_reps, scn};
    /* begun before the simulation for a scenario (run_scenario: a trace in the directory is
     * then staged with the run); the M/M/c queue begins here */
    sim_status st = out_manifest_begin(a->out_dir, &err);
    if (st == SIM_OK)
        st = out_file_write(a->out_dir, "summary.json", json, strlen(json), &err);
    if (st == SIM_OK)
        written_add(&w, "summary.json");
    for (size_t f = 0; st == SIM_OK && f < n_files; f++) {
        if (cli_signal_received())
            break;
        if (files[f].needs_scenario && scn == NULL)
            continue;
        st = write_csv(a->out_dir, &files[f], &d, &err);
        if (st == SIM_OK)
            written_add(&w, files[f].name);
    }
    if (st == SIM_OK && !cli_signal_received() && a->xlsx != NULL) {
        /* kpis.csv is the run's one field table (out_rows.h); the other files are not yet. */
        const out_xlsx_sheet sheet = {"kpis", &out_csv_kpis_table, sum};
        const out_xlsx_run run = {"run", scn != NULL ? scn->name : info->scenario, info->seed};
        st = out_xlsx_write(a->xlsx, &run, &sheet, 1, &err);
    }
    if (st == SIM_OK && !cli_signal_received() && !a->no_plots && scn != NULL)
        run_plots_and_report(a, &w);
    if (st == SIM_OK && !cli_signal_received()) {
        out_manifest_run run = {a->argc, a->argv, scn != NULL ? scn->name : info->scenario,
                                scn != NULL ? scn->source_json : NULL, info->seed};
        st = out_manifest_finish(a->out_dir, &run, &err);
        if (st == SIM_OK)
            written_add(&w, "manifest.json");
    }
    /* The run's files were staged (out_manifest.h): on an error or a signal before the swap
     * they are discarded at exit and the directory keeps the run it held. */
    if (st != SIM_OK) {
        sim_free(json);
        int code = cli_report_error("run", &err);
        fprintf(stderr, "omnisim run: %s/ is unchanged (it keeps the run it held)\n",
                a->out_dir);
        return code;
    }
    if (cli_signal_received()) {
        sim_free(json);
        fprintf(stderr,
                "omnisim run: interrupted by %s while writing; %s/ is unchanged (it keeps the "
                "run it held)\n",
                cli_signal_name(), a->out_dir);
        return cli_signal_exit_code();
    }
    if (a->json)
        fputs(json, stdout);
    else if (scn != NULL)
        out_run_print(stdout, sum, scn, info->seed);
    sim_free(json);
    if (!a->quiet)
        fprintf(stderr, "omnisim run: written to %s/: %s\n", a->out_dir, w.text);
    return CLI_EXIT_OK;
}

static int run_mmc(run_args *a)
{
    mmc_params *p = &a->mp;
    if (a->seed_set)
        p->seed = a->seed;
    sim_error err;
    sim_error_clear(&err);
    if (mmc_validate(p, &err) != SIM_OK)
        return cli_report_error("run", &err);
    size_t n = a->reps > 0 ? (size_t)a->reps : 10;
    mmc_result *res = sim_calloc(n, sizeof *res);
    cc_summary *sum = NULL;
    int code = CLI_EXIT_OK;
    if (res == NULL) {
        fprintf(stderr, "omnisim run: error: out of memory\n");
        code = CLI_EXIT_RUNTIME;
        goto done;
    }
    if (!a->quiet)
        fprintf(stderr, "omnisim run: M/M/%zu%s, %zu replications on %ld thread(s)\n",
                p->agents, p->mean_patience_s > 0.0 ? "+M" : "", n, a->threads);
    sim_status st = mmc_run_replications(p, n, (int)a->threads, res, &err);
    if (st == SIM_OK && (sum = cc_mmc_summary_new(res, n, 0.95, &err)) == NULL)
        st = err.code;
    if (st != SIM_OK) {
        code = cli_report_error("run", &err);
        goto done;
    }
    out_json_info info = {"mmc", "mmc", "<built-in M/M/c+M>", p->seed,
                          p->horizon_s / 86400.0, 0.0, NULL, 0, NULL, 0};
    code = finish_outputs(a, &info, sum, NULL, 0, NULL);
    if (code == CLI_EXIT_OK && !a->json)
        out_run_print_mmc(stdout, p, sum);
done:
    sim_free(res);
    cc_summary_free(sum);
    return code;
}

static int run_scenario(run_args *a)
{
    scenario_load_opts lo = {a->policies, a->n_policies, a->sets, a->n_sets, NULL,
                             a->include_root, a->no_includes};
    scenario_diag diag;
    scenario_diag_init(&diag);
    scenario *scn = NULL;
    sim_status st = a->scenario_path != NULL
                        ? scenario_load_file(a->scenario_path, &lo, &scn, &diag)
                        : scenario_load_default(&lo, &scn, &diag);
    if (st != SIM_OK) {
        char line[SCENARIO_DIAG_FILE_MAX + SIM_ERROR_PATH_MAX + SIM_ERROR_MESSAGE_MAX + 32];
        for (size_t i = 0; i < scenario_diag_count(&diag); i++)
            fprintf(stderr, "%s\n",
                    scenario_diag_format(scenario_diag_get(&diag, i), line, sizeof line));
        if (scenario_diag_count(&diag) == 0)
            fprintf(stderr, "omnisim run: error: cannot load the scenario (%s)\n",
                    sim_status_name(st));
        scenario_diag_fini(&diag);
        /* An unreadable scenario file is bad input, as for `omnisim validate`. */
        return st == SIM_EIO ? CLI_EXIT_BAD_INPUT : cli_exit_code(st);
    }
    scenario_diag_fini(&diag);
    int out_code = cli_output_check("run", a->out_dir); /* before any simulation */
    if (out_code != CLI_EXIT_OK) {
        scenario_free(scn);
        return out_code;
    }
    /* The run's files are staged from here (out_manifest.h), the trace too when it is in the
     * directory: the directory keeps the run it holds until this one is complete. */
    {
        sim_error merr;
        sim_error_clear(&merr);
        if (out_manifest_begin(a->out_dir, &merr) != SIM_OK) {
            scenario_free(scn);
            return cli_report_error("run", &merr);
        }
    }
    cli_print_warnings(scn, "omnisim run");

    cc_options opts;
    cc_options_default(&opts);
    opts.max_in_system = (size_t)a->max_in_system;
    opts.intervals = a->week ? CC_INTERVALS_WEEK : CC_INTERVALS_HORIZON;
    if (a->seed_set) {
        opts.use_seed = 1;
        opts.seed_override = a->seed;
    }
    uint64_t seed = a->seed_set ? a->seed : scn->seed;
    size_t n = a->reps > 0 ? (size_t)a->reps : scn->replications;
    sim_error err;
    sim_error_clear(&err);
    int code = CLI_EXIT_OK;
    cc_summary *sum = NULL;
    cc_rep *reps = NULL;
    out_file_tx trace_tx;
    out_trace trace;
    int trace_open = 0;
    /* A signal sets a flag from here to the end: the replications stop and finish_outputs
     * stops between files (see the file comment). */
    volatile sig_atomic_t *intr = cli_signal_begin();
    opts.interrupted = intr;
    st = cc_model_validate(scn, &opts, &err);
    if (st != SIM_OK) {
        code = cli_report_error("run", &err);
        goto done;
    }
    reps = sim_calloc(n, sizeof *reps);
    if (reps == NULL) {
        fprintf(stderr, "omnisim run: error: out of memory for %zu replications\n", n);
        code = CLI_EXIT_RUNTIME;
        goto done;
    }
    /* The trace is streamed through a temporary file next to FILE and renamed into place
     * only when every replication finished: an interrupted or failed run leaves no log that
     * looks complete. One thread keeps the log in replication order. */
    long threads = a->threads;
    if (a->trace_path != NULL) {
        char dir[OUT_FILE_PATH_MAX];
        const char *slash = strrchr(a->trace_path, '/');
        const char *base = slash != NULL ? slash + 1 : a->trace_path;
        snprintf(dir, sizeof dir, "%.*s", slash != NULL ? (int)(slash - a->trace_path) : 1,
                 slash != NULL ? a->trace_path : ".");
        if (slash == a->trace_path)
            snprintf(dir, sizeof dir, "/");
        if (base[0] == '\0') {
            code = cli_usage_error("run", "--trace: '%s' names no file", a->trace_path);
            goto done;
        }
        st = out_file_mkdir(dir, &err);
        if (st == SIM_OK)
            st = out_file_begin(&trace_tx, dir, base, &err);
        if (st != SIM_OK) {
            code = cli_report_error("run", &err);
            goto done;
        }
        trace_open = 1;
        if (out_trace_init(&trace, trace_tx.fp, scn) != 0) {
            sim_error_set(&err, SIM_EIO, "--trace", "cannot write '%s'", a->trace_path);
            code = cli_report_error("run", &err);
            goto done;
        }
        opts.trace = out_trace_event;
        opts.trace_ctx = &trace;
        if (threads > 1 && !a->quiet)
            fprintf(stderr, "omnisim run: --trace runs on one thread (log in replication "
                            "order)\n");
        threads = 1;
    }
    if (!a->quiet)
        fprintf(stderr, "omnisim run: %s (%s), %zu replications of %zu days on %ld thread(s)\n",
                scn->name, scn->source_path, n, scn->horizon_days, threads);
    cli_progress prog;
    cli_progress_init(&prog, "omnisim run", "replications", a->quiet);
    st = cc_model_run_replications(scn, &opts, n, (int)threads, intr,
                                   cli_progress_callback, &prog, reps, &err);
    cli_progress_finish(&prog);
    if (st == SIM_EINTR) {
        fprintf(stderr, "omnisim run: interrupted by %s during the simulation; no result "
                        "files were written%s\n",
                cli_signal_name(), trace_open ? " and the trace was discarded" : "");
        code = cli_signal_exit_code();
        goto done;
    }
    if (st == SIM_OK && trace_open && trace.failed)
        st = sim_error_set(&err, SIM_EIO, "--trace", "cannot write '%s'", a->trace_path);
    if (st != SIM_OK) {
        /* A failed accounting check is a bad result (exit 1), not a crash. */
        if (st == SIM_ESTATE)
            fprintf(stderr, "omnisim run: error: the accounting of contacts does not balance\n");
        code = cli_report_error("run", &err);
        if (st == SIM_ESTATE)
            code = CLI_EXIT_BAD_INPUT;
        goto done;
    }
    if (trace_open) {
        trace_open = 0;
        st = out_file_commit(&trace_tx, &err);
        if (st != SIM_OK) {
            code = cli_report_error("run", &err);
            goto done;
        }
        if (!a->quiet)
            fprintf(stderr, "omnisim run: trace of %llu events written to %s\n",
                    (unsigned long long)trace.rows, a->trace_path);
    }
    if (!a->quiet)
        fprintf(stderr, "omnisim run: %zu replications in %.2f s\n", n,
                cli_progress_elapsed(&prog));
    sum = cc_summary_new(reps, n, scn, scn->confidence, &err);
    if (sum == NULL) {
        code = cli_report_error("run", &err);
        goto done;
    }
    for (size_t c = 0; c < scn->n_channels; c++) {
        char msg[512];
        if (cc_summary_lost_warning(sum, scn, c, msg, sizeof msg))
            fprintf(stderr, "omnisim run: warning: %s\n", msg);
    }
    out_json_info info = {"contact-center", scn->name, scn->source_path, seed,
                          (double)scn->horizon_days, scn->interval_s,
                          a->policies, a->n_policies, a->sets, a->n_sets};
    code = finish_outputs(a, &info, sum, reps, n, scn);
done:
    if (trace_open)
        out_file_abort(&trace_tx);
    cli_signal_end();
    if (reps != NULL) {
        for (size_t r = 0; r < n; r++)
            cc_rep_fini(&reps[r]);
    }
    sim_free(reps);
    cc_summary_free(sum);
    scenario_free(scn);
    return code;
}

int cli_run_main(int argc, char **argv)
{
    run_args a;
    memset(&a, 0, sizeof a);
    mmc_params_default(&a.mp);
    cli_opt_common common;
    cli_opt_common_init(&common, "run");
    /* The M/M/c parameters in the planner's units, converted below when given. */
    double rate_per_min = 0.0, horizon_min = 0.0;
    long agents = 0;
    int rate_given = 0, agents_given = 0, horizon_given = 0, mmc_option = 0;
    const cli_opt table[] = {
        {CLI_OPT_USE(REPLICATIONS)},
        {CLI_OPT_USE(SEED)},
        {CLI_OPT_USE(OUTPUT)},
        {CLI_OPT_USE(THREADS)},
        {CLI_OPT_USE(MAX_IN_SYSTEM)},
        {CLI_OPT_USE(POLICY)},
        {CLI_OPT_USE(SET)},
        {CLI_OPT_USE(INCLUDE_ROOT)},
        {CLI_OPT_USE(NO_INCLUDES)},
        {CLI_OPT_ROW_FLAG("week", &a.week),
         .help = "fold intervals onto one week (for long horizons): each row the mean over "
                 "the weeks that hold that interval"},
        {CLI_OPT_USE(JSON), .help = "print the summary JSON on stdout instead of the table"},
        {CLI_OPT_ROW_TEXT("trace", &a.trace_path), .metavar = "FILE",
         .expect = "a file name",
         .help = "write a per-contact event log (CSV) to FILE; runs on one thread so the log "
                 "is in replication order"},
        {CLI_OPT_USE(NO_PLOTS)},
        {CLI_OPT_USE(XLSX)},
        {CLI_OPT_USE(QUIET), .help = "no progress on stderr (warnings are still printed)"},
        {CLI_OPT_USE(HELP)},
        {.type = CLI_OPT_HEADING,
         .help = "M/M/c(+M) mode (--mmc): Poisson arrivals, exponential handle times, c "
                 "agents, optional exponential patience:"},
        {CLI_OPT_ROW_FLAG("mmc", &a.mmc),
         .help = "run the built-in M/M/c(+M) queue instead of a scenario"},
        {CLI_OPT_ROW_NUM("rate", &rate_per_min), .metavar = "X",
         .given = &rate_given, .lo = 1e-9, .hi = 1e9, .help = "arrivals per minute",
         .def = "10"},
        {CLI_OPT_ROW_NUM("aht", &a.mp.mean_service_s), .metavar = "S",
         .given = &mmc_option, .lo = 1e-9, .hi = 1e9, .help = "mean handle time in seconds",
         .def = "180"},
        {CLI_OPT_ROW_INT("agents", &agents), .metavar = "N",
         .given = &agents_given, .lo = 1, .hi = 1000000, .help = "agents", .def = "35"},
        {CLI_OPT_ROW_NUM("patience", &a.mp.mean_patience_s), .metavar = "S",
         .given = &mmc_option, .lo = 0, .hi = 1e9,
         .help = "mean patience in seconds, 0 = none", .def = "120"},
        {CLI_OPT_ROW_NUM("threshold", &a.mp.threshold_s), .metavar = "S",
         .given = &mmc_option, .lo = 0, .hi = 1e9,
         .help = "service-level threshold in seconds", .def = "20"},
        {CLI_OPT_ROW_NUM("horizon", &horizon_min), .metavar = "M",
         .given = &horizon_given, .lo = 1, .hi = 1e9,
         .help = "minutes simulated per replication", .def = "100000"},
    };
    const cli_opt_spec spec = {
        "run",
        "omnisim run [SCENARIO] [options]\n"
        "omnisim run --mmc [--rate X] [--aht S] [--agents N] [--patience S] [options]",
        "Simulate a scenario (the built-in default when SCENARIO is left out) with\n"
        "replications, print KPIs per channel with confidence intervals, and write\n"
        "summary.json, kpis.csv, channels.csv, segments.csv, intervals.csv, pools.csv,\n"
        "flows.csv, plots and report.html into the output directory (docs/outputs.md).",
        "Exit codes: 0 ok, 1 invalid scenario or a failed accounting check, 2 usage error,\n"
        "3 runtime failure, 130/143/129 interrupted by SIGINT (Ctrl-C), SIGTERM, SIGHUP\n"
        "(during the simulation nothing is written; during the writing the files listed\n"
        "on stderr are complete; no temporary file is left).",
        "SCENARIO", 0, 1, table, sizeof table / sizeof table[0]};
    int code = cli_opt_parse(&spec, &common, argc, argv);
    if (code != CLI_OPT_GO_ON)
        return code;
    if (rate_given)
        a.mp.arrival_rate_per_s = rate_per_min / 60.0;
    if (agents_given)
        a.mp.agents = (size_t)agents;
    if (horizon_given) {
        a.mp.horizon_s = horizon_min * 60.0;
        if (a.mp.warmup_s >= a.mp.horizon_s)
            a.mp.warmup_s = 0.1 * a.mp.horizon_s;
    }
    mmc_option |= rate_given | agents_given | horizon_given;
    a.scenario_path = common.scenario_path;
    a.argc = common.argc;
    a.argv = common.argv;
    a.out_dir = common.out_dir;
    a.reps = common.reps;
    a.seed_set = common.seed_set;
    a.seed = common.seed;
    a.threads = common.threads;
    a.max_in_system = common.max_in_system;
    a.json = common.json;
    a.xlsx = common.xlsx;
    a.quiet = common.quiet;
    a.no_plots = common.no_plots;
    a.n_policies = common.n_policies;
    memcpy(a.policies, common.policies, sizeof a.policies);
    a.n_sets = common.n_sets;
    memcpy(a.sets, common.sets, sizeof a.sets);
    a.include_root = common.include_root;
    a.no_includes = common.no_includes;
    if (mmc_option && !a.mmc)
        return cli_usage_error("run", "--rate, --aht, --agents, --patience, --threshold and "
                                      "--horizon need --mmc");
    if (a.mmc && (a.scenario_path != NULL || a.n_policies > 0 || a.n_sets > 0 || a.week ||
                  a.trace_path != NULL || a.include_root != NULL || a.no_includes))
        return cli_usage_error("run", "--mmc takes no scenario, --policy, --set, --week, "
                                      "--trace, --include-root or --no-includes");
    return a.mmc ? run_mmc(&a) : run_scenario(&a);
}
