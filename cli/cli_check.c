/* cli_check.c -- `omnisim check SCENARIO --baseline FILE`: the regression gate for CI.
 *
 * Computes the scenario's Erlang staffing per channel and interval of the week and, unless
 * --no-sim, a fixed-seed simulation's KPI means (models/study/check.h), compares them with the
 * baseline file (models/study/check_baseline.h) under per-value tolerances, and prints what moved,
 * worst first, with the tolerance that applied (output/out_check.h). --update writes the baseline
 * instead (atomically, output/out_file.h). docs/ci.md is the user's guide.
 *
 * Exit codes, as every command's (cli.h): 0 within tolerance (or baseline written), 1 drift
 * or bad input (bad scenario, scenario refused by the run limits, baseline missing,
 * malformed, or of another scenario/seed), 2 usage error (unknown option, bad option value,
 * bad tolerance), 3 runtime failure (out of memory, I/O while writing, a simulation whose
 * accounting fails). The message tells drift from bad input; so does --json, whose report
 * is printed only when the comparison ran.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc_model.h"
#include "cc_staff.h"
#include "check.h"
#include "check_baseline.h"
#include "cli.h"
#include "cli_opt.h"
#include "cli_signal.h"
#include "limits_run.h"
#include "out_check.h"
#include "out_file.h"
#include "scenario.h"
#include "scenario_load.h"
#include "sim_alloc.h"

#define CHECK_CLI_MAX_OPTS CLI_OPT_LIST_MAX

/* The gate's exit codes are the command's (cli.h): drift is a bad result, as an invalid
 * scenario or baseline is bad input; a usage error is 2. */
enum {
    CHECK_EXIT_OK = CLI_EXIT_OK,
    CHECK_EXIT_DRIFT = CLI_EXIT_BAD_INPUT,
    CHECK_EXIT_INPUT = CLI_EXIT_BAD_INPUT,
    CHECK_EXIT_RUNTIME = CLI_EXIT_RUNTIME
};

typedef struct check_args {
    const char *scenario_path;
    const char *baseline_path;
    const char *tolerances[CHECK_CLI_MAX_OPTS];
    size_t n_tolerances;
    const char *kpis[CHECK_CLI_MAX_OPTS];
    size_t n_kpis;
    const char *policies[CHECK_CLI_MAX_OPTS];
    size_t n_policies;
    const char *sets[CHECK_CLI_MAX_OPTS];
    size_t n_sets;
    const char *include_root;
    int no_includes;
    int update, no_sim, json, quiet;
    int repeats; /* --repeats: staffing with the expected repeat contacts */
    long reps;  /* 0: the baseline's, else the scenario's */
    int seed_set;
    unsigned long long seed;
    long threads;
    long max_in_system; /* 0: the machine's share */
    long max_lines;
} check_args;

/* Parse argv into a. Returns -1 to go on, else an exit code. */
static int check_parse(int argc, char **argv, check_args *a)
{
    memset(a, 0, sizeof *a);
    a->max_lines = 25;
    cli_opt_common c;
    cli_opt_common_init(&c, "check");
    const cli_opt table[] = {
        {CLI_OPT_ROW_TEXT("baseline", &a->baseline_path), .metavar = "FILE",
         .expect = "a file name", .help = "the baseline (JSON, written by --update); required"},
        {CLI_OPT_ROW_FLAG("update", &a->update),
         .help = "write FILE from this run instead of comparing (atomic)"},
        {CLI_OPT_ROW_LIST("tolerance", a->tolerances), .metavar = "PAT=SPEC",
         .count = &a->n_tolerances, .flags = CLI_OPT_ASSIGN,
         .expect = "PATTERN=SPEC",
         .help = "tolerance for values whose name matches PAT (a glob, or a dotted prefix such "
                 "as 'staff'); SPEC is abs:X, rel:X, abs:X,rel:Y or exact; the last match wins"},
        {CLI_OPT_ROW_LIST("kpi", a->kpis), .metavar = "PAT",
         .count = &a->n_kpis,
         .help = "KPIs to record with --update",
         .def = "per channel service_level_per_answered_abandoned, asa_s, "
                "abandoned_per_offered, occupancy, and needs.contacts_per_resolved_need"},
        {CLI_OPT_USE(REPLICATIONS), .def = "the baseline's, else the scenario's"},
        {CLI_OPT_USE(SEED), .def = "the baseline's, else the scenario's"},
        {CLI_OPT_ROW_FLAG("no-sim", &a->no_sim),
         .help = "staffing only (no simulation, KPIs not compared)"},
        {CLI_OPT_ROW_FLAG("repeats", &a->repeats),
         .help = "size staffing with the expected repeat contacts (as `omnisim staff "
                 "--repeats`), for the staffing values and the simulation's erlang groups; use "
                 "it for --update too"},
        {CLI_OPT_USE(POLICY)},
        {CLI_OPT_USE(SET)},
        {CLI_OPT_USE(INCLUDE_ROOT)},
        {CLI_OPT_USE(NO_INCLUDES)},
        {CLI_OPT_USE(THREADS), .help = "threads for the simulation; results do not depend on it"},
        {CLI_OPT_USE(MAX_IN_SYSTEM)},
        {CLI_OPT_ROW_INT("max-lines", &a->max_lines), .metavar = "N",
         .lo = 0, .hi = 1000000, .help = "lines of the diff to print per section",
         .def = "25"},
        {CLI_OPT_USE(JSON), .help = "print the report as JSON on stdout"},
        {CLI_OPT_USE(QUIET)},
    };
    const cli_opt_spec spec = {
        "check",
        "omnisim check SCENARIO --baseline FILE [options]",
        "The regression gate for CI: compute the scenario's Erlang staffing per channel and\n"
        "interval of the week and, unless --no-sim, a fixed-seed simulation's KPIs; compare\n"
        "them with the baseline FILE and print what moved, worst first.",
        "Default tolerances (later wins): '*' rel:0.05, 'staff' exact,\n"
        "'channel.*.service_level_per_answered_abandoned' abs:0.02,\n"
        "'channel.*.abandoned_per_offered' abs:0.01,\n"
        "'channel.*.occupancy' abs:0.02, 'channel.*.asa_s' rel:0.1,abs:2,\n"
        "'needs.contacts_per_resolved_need' rel:0.02.\n"
        "\n"
        "Exit codes: 0 within tolerance (or baseline written), 1 drift (the report on\n"
        "stdout says DRIFT) or bad input (scenario invalid or over the run limits, baseline\n"
        "missing, malformed or not comparable: a message on stderr, nothing on stdout),\n"
        "2 usage error, 3 runtime failure. See docs/ci.md.",
        "SCENARIO", 1, 1, table, sizeof table / sizeof table[0]};
    int code = cli_opt_parse(&spec, &c, argc, argv);
    if (code != CLI_OPT_GO_ON)
        return code;
    if (a->baseline_path == NULL)
        return cli_usage_error("check", "option '--baseline' is required");
    /* Options the mode would not use are errors, not silently dropped. */
    if (a->n_kpis > 0 && !a->update)
        return cli_usage_error("check", "--kpi chooses what --update records; a check "
                                        "compares the KPIs the baseline holds");
    if (a->no_sim && (c.reps > 0 || c.seed_set))
        return cli_usage_error("check", "%s sets the simulation, which --no-sim skips",
                               c.reps > 0 ? "-r" : "-s");
    a->scenario_path = c.scenario_path;
    a->reps = c.reps;
    a->seed_set = c.seed_set;
    a->seed = c.seed;
    a->threads = c.threads;
    a->max_in_system = c.max_in_system;
    a->json = c.json;
    a->quiet = c.quiet;
    a->n_policies = c.n_policies;
    memcpy(a->policies, c.policies, sizeof a->policies);
    a->n_sets = c.n_sets;
    memcpy(a->sets, c.sets, sizeof a->sets);
    a->include_root = c.include_root;
    a->no_includes = c.no_includes;
    return -1;
}

static int check_input_error(const sim_error *err, const char *what)
{
    char buf[SIM_ERROR_PATH_MAX + SIM_ERROR_MESSAGE_MAX + 64];
    fprintf(stderr, "omnisim check: error: %s: %s\n", what, sim_error_format(err, buf, sizeof buf));
    return err->code == SIM_ENOMEM ? CHECK_EXIT_RUNTIME : CHECK_EXIT_INPUT;
}

/* Simulate and record the KPIs into snap. Returns an exit code (CHECK_EXIT_OK to go on). */
static int check_simulate(const check_args *a, const scenario *scn, uint64_t seed, size_t n,
                          check_snapshot *snap)
{
    sim_error err;
    sim_error_clear(&err);
    size_t at_once = a->threads > 1 ? (size_t)a->threads : 1;
    limits_run_caps caps;
    limits_run_caps_default(&caps);
    caps.max_in_system = a->max_in_system > 0
                             ? (double)a->max_in_system
                             : (double)limits_run_in_system_default(at_once < n ? at_once : n);
    limits_run_estimate est;
    if (limits_run_check(scn, n, 0, &caps, &est, &err) != SIM_OK)
        return err.code == SIM_ENOMEM ? check_input_error(&err, "out of memory")
                                      : check_input_error(&err, "refused before running "
                                                                "(resource limits)");
    cc_options opts;
    cc_options_default(&opts);
    opts.max_in_system = (size_t)caps.max_in_system;
    opts.use_seed = 1;
    opts.seed_override = seed;
    if (a->repeats)
        opts.erlang = cc_staff_erlang_repeats;
    if (cc_model_validate(scn, &opts, &err) != SIM_OK)
        return check_input_error(&err, "the model cannot run this scenario");
    cc_rep *reps = sim_calloc(n, sizeof *reps);
    if (reps == NULL) {
        fprintf(stderr, "omnisim check: error: out of memory for %zu replications\n", n);
        return CHECK_EXIT_RUNTIME;
    }
    if (!a->quiet)
        fprintf(stderr, "omnisim check: simulating %s: %zu replications, seed %llu\n",
                scn->name, n, (unsigned long long)seed);
    int code = CHECK_EXIT_OK;
    cc_summary *sum = NULL;
    volatile sig_atomic_t *intr = cli_signal_begin();
    sim_status st = cc_model_run_replications(scn, &opts, n, (int)a->threads, intr, NULL, NULL,
                                              reps, &err);
    cli_signal_end();
    if (st == SIM_EINTR) {
        fprintf(stderr, "omnisim check: interrupted by %s; nothing was written\n",
                cli_signal_name());
        code = cli_signal_exit_code();
        goto done;
    }
    if (st != SIM_OK) {
        code = check_input_error(&err, "simulation failed");
        if (st != SIM_EINVAL)
            code = CHECK_EXIT_RUNTIME;
        goto done;
    }
    sum = cc_summary_new(reps, n, scn, scn->confidence, &err);
    if (sum == NULL) {
        code = check_input_error(&err, "summary failed");
        goto done;
    }
    st = check_snapshot_kpis(snap, sum, seed, a->n_kpis > 0 ? a->kpis : NULL, a->n_kpis, &err);
    if (st != SIM_OK)
        code = check_input_error(&err, "KPIs");
done:
    for (size_t r = 0; r < n; r++)
        cc_rep_fini(&reps[r]);
    sim_free(reps);
    cc_summary_free(sum);
    return code;
}

/* Write the baseline file atomically: a temporary file in its directory, then rename. */
static int check_write_baseline(const char *path, const check_snapshot *snap)
{
    sim_error err;
    sim_error_clear(&err);
    char *text = NULL;
    if (check_baseline_to_json(snap, &text, &err) != SIM_OK)
        return check_input_error(&err, "baseline");
    char dir[OUT_FILE_PATH_MAX];
    const char *slash = strrchr(path, '/');
    const char *name = slash != NULL ? slash + 1 : path;
    if (slash == NULL)
        snprintf(dir, sizeof dir, ".");
    else if (slash == path)
        snprintf(dir, sizeof dir, "/");
    else
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    int code = CHECK_EXIT_OK;
    if (*name == '\0') {
        code = cli_usage_error("check", "--baseline '%s' names a directory, not a file", path);
    } else if (out_file_write(dir, name, text, strlen(text), &err) != SIM_OK) {
        char buf[SIM_ERROR_PATH_MAX + SIM_ERROR_MESSAGE_MAX + 64];
        fprintf(stderr, "omnisim check: error: cannot write the baseline: %s\n",
                sim_error_format(&err, buf, sizeof buf));
        code = CHECK_EXIT_RUNTIME;
    }
    check_baseline_free_text(text);
    return code;
}

int cli_check_main(int argc, char **argv)
{
    check_args a;
    int code = check_parse(argc, argv, &a);
    if (code >= 0)
        return code;

    sim_error err;
    sim_error_clear(&err);
    check_tolerances tols;
    check_tolerances_default(&tols);
    for (size_t i = 0; i < a.n_tolerances; i++) {
        if (check_tolerances_add(&tols, a.tolerances[i], &err) != SIM_OK)
            return cli_usage_error("check", "option '--tolerance': %s", err.message);
    }

    /* The scenario. */
    scenario_load_opts lo = {a.policies, a.n_policies, a.sets, a.n_sets, NULL,
                             a.include_root, a.no_includes};
    scenario_diag diag;
    scenario_diag_init(&diag);
    scenario *scn = NULL;
    sim_status st = scenario_load_file(a.scenario_path, &lo, &scn, &diag);
    if (st != SIM_OK) {
        char line[SCENARIO_DIAG_FILE_MAX + SIM_ERROR_PATH_MAX + SIM_ERROR_MESSAGE_MAX + 32];
        for (size_t i = 0; i < scenario_diag_count(&diag); i++)
            fprintf(stderr, "%s\n",
                    scenario_diag_format(scenario_diag_get(&diag, i), line, sizeof line));
        fprintf(stderr, "omnisim check: error: cannot load the scenario %s (%s)\n",
                a.scenario_path, sim_status_name(st));
        scenario_diag_fini(&diag);
        return st == SIM_ENOMEM ? CHECK_EXIT_RUNTIME : CHECK_EXIT_INPUT;
    }
    scenario_diag_fini(&diag);

    check_snapshot base, cur;
    check_snapshot_init(&base);
    check_snapshot_init(&cur);
    check_report rep;
    check_report_init(&rep);
    int have_base = 0;

    /* The baseline: required unless --update (which still reuses its seed and replications
     * when it can read one, and replaces one it cannot read: missing, corrupt, foreign or of
     * a newer version, as the reader's messages advise). */
    st = check_baseline_read(a.baseline_path, &base, &err);
    if (st == SIM_OK) {
        have_base = 1;
    } else if (!a.update || st == SIM_ENOMEM) {
        code = check_input_error(&err, st == SIM_EIO ? "baseline missing or unreadable"
                                                     : "malformed baseline");
        goto done;
    } else if (st != SIM_EIO && !a.quiet) {
        char why[SIM_ERROR_PATH_MAX + SIM_ERROR_MESSAGE_MAX + 64];
        fprintf(stderr, "omnisim check: replacing the baseline %s, which cannot be read (%s)\n",
                a.baseline_path, sim_error_format(&err, why, sizeof why));
    }
    if (have_base && !a.update && strcmp(base.scenario, scn->name) != 0) {
        fprintf(stderr,
                "omnisim check: error: the baseline %s is for scenario '%s', not '%s' "
                "(use --update to write one for this scenario)\n",
                a.baseline_path, base.scenario, scn->name);
        code = CHECK_EXIT_INPUT;
        goto done;
    }
    uint64_t seed = a.seed_set ? (uint64_t)a.seed
                    : have_base && base.replications > 0 ? base.seed
                                                         : scn->seed;
    size_t n = a.reps > 0 ? (size_t)a.reps
               : have_base && base.replications > 0 ? base.replications
                                                    : scn->replications;
    if (have_base && !a.update && base.replications > 0 && !a.no_sim &&
        (seed != base.seed || n != base.replications)) {
        fprintf(stderr,
                "omnisim check: error: the baseline was simulated with seed %llu and %zu "
                "replications, this run asks for seed %llu and %zu: KPIs would not be "
                "comparable (leave out -s/-r, or rewrite the baseline with --update)\n",
                (unsigned long long)base.seed, base.replications, (unsigned long long)seed, n);
        code = CHECK_EXIT_INPUT;
        goto done;
    }

    if (have_base && !a.update && base.repeats != a.repeats) {
        fprintf(stderr,
                "omnisim check: error: the baseline's staffing was sized %s repeat contacts; "
                "run with%s --repeats, or rewrite the baseline with --update\n",
                base.repeats ? "with" : "without", base.repeats ? "" : "out");
        code = CHECK_EXIT_INPUT;
        goto done;
    }

    /* The current snapshot: staffing, then (if wanted) the simulation. */
    cur.repeats = a.repeats;
    st = check_snapshot_staff(&cur, scn, a.repeats ? cc_staff_erlang_repeats : NULL, &err);
    if (st != SIM_OK) {
        code = check_input_error(&err, "staffing");
        goto done;
    }
    int simulate = !a.no_sim && (a.update || !have_base || base.replications > 0);
    if (simulate) {
        code = check_simulate(&a, scn, seed, n, &cur);
        if (code != CHECK_EXIT_OK)
            goto done;
    }

    if (a.update) {
        code = check_write_baseline(a.baseline_path, &cur);
        if (code == CHECK_EXIT_OK && !a.quiet)
            fprintf(stderr, "omnisim check: wrote baseline %s (%zu channels staffed, %zu KPIs, "
                    "seed %llu, %zu replications)\n",
                    a.baseline_path, cur.n_channels, cur.n_kpis,
                    (unsigned long long)cur.seed, cur.replications);
        goto done;
    }

    st = check_compare(&base, &cur, &tols, &rep, &err);
    if (st != SIM_OK) {
        code = check_input_error(&err, "comparison");
        goto done;
    }
    out_check report = {a.baseline_path, (size_t)a.max_lines, &base, &rep, scn};
    if (a.json ? out_check_json(stdout, &report) != 0 : out_check_text(stdout, &report) != 0) {
        fprintf(stderr, "omnisim check: error: cannot print the report (out of memory or "
                        "stdout)\n");
        code = CHECK_EXIT_RUNTIME;
        goto done;
    }
    code = rep.n_drift > 0 ? CHECK_EXIT_DRIFT : CHECK_EXIT_OK;
done:
    check_report_fini(&rep);
    check_snapshot_fini(&cur);
    check_snapshot_fini(&base);
    scenario_free(scn);
    return code;
}
