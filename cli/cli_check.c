/* cli_check.c -- `omnisim check SCENARIO --baseline FILE`: the regression gate for CI.
 *
 * Computes the scenario's Erlang staffing per channel and interval of the week and, unless
 * --no-sim, a fixed-seed simulation's KPI means (models/study/check.h), compares them with the
 * baseline file (models/study/check_baseline.h) under per-value tolerances, and prints what moved,
 * worst first, with the tolerance that applied. --update writes the baseline instead
 * (atomically, output/out_file.h). docs/ci.md is the user's guide.
 *
 * Exit codes of the gate (they differ from other commands on purpose: CI must tell drift from
 * a broken job): 0 within tolerance (or baseline written), 1 drift, 2 usage or input error
 * (unknown option, bad scenario, scenario refused by the run limits, baseline missing,
 * malformed, or of another scenario/seed), 3 runtime failure (out of memory, I/O while
 * writing, a simulation whose accounting fails).
 */
#define _GNU_SOURCE
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cc_model.h"
#include "cc_staff.h"
#include "check.h"
#include "check_baseline.h"
#include "cli.h"
#include "limits_run.h"
#include "out_file.h"
#include "scenario.h"
#include "scenario_load.h"
#include "sim_alloc.h"

#define CHECK_CLI_MAX_OPTS 64

enum { CHECK_EXIT_OK = 0, CHECK_EXIT_DRIFT = 1, CHECK_EXIT_INPUT = 2, CHECK_EXIT_RUNTIME = 3 };

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
    int update, no_sim, json, quiet;
    int repeats; /* --repeats: staffing with the expected repeat contacts */
    long reps;  /* 0: the baseline's, else the scenario's */
    int seed_set;
    unsigned long long seed;
    long threads;
    long max_lines;
} check_args;

static void check_usage(FILE *out)
{
    fprintf(out,
            "usage: omnisim check SCENARIO --baseline FILE [options]\n"
            "\n"
            "The regression gate for CI: compute the scenario's Erlang staffing per channel and\n"
            "interval of the week and, unless --no-sim, a fixed-seed simulation's KPIs; compare\n"
            "them with the baseline FILE and print what moved, worst first.\n"
            "\n"
            "  --baseline FILE        the baseline (JSON, written by --update); required\n"
            "  --update               write FILE from this run instead of comparing (atomic)\n"
            "  --tolerance PAT=SPEC   tolerance for values whose name matches PAT (a glob, or a\n"
            "                         dotted prefix such as 'staff'); SPEC is abs:X, rel:X,\n"
            "                         abs:X,rel:Y or exact; repeatable, the last match wins\n"
            "  --kpi PAT              KPIs to record with --update (repeatable; default: per\n"
            "                         channel service_level_per_answered_abandoned, asa_s,\n"
            "                         abandoned_per_offered, occupancy, and\n"
            "                         needs.contacts_per_resolved_need)\n"
            "  -r, --replications N   replications (default: the baseline's, else the scenario's)\n"
            "  -s, --seed N           master seed (default: the baseline's, else the scenario's)\n"
            "  --no-sim               staffing only (no simulation, KPIs not compared)\n"
            "  --repeats              size staffing with the expected repeat contacts (as\n"
            "                         `omnisim staff --repeats`), for the staffing values and\n"
            "                         the simulation's erlang groups; use it for --update too\n"
            "  --policy NAME          apply a policy of the scenario (repeatable)\n"
            "  --set PATH=VALUE       override a scenario value (repeatable)\n"
            "  -j, --threads N        threads for the simulation (results do not depend on it)\n"
            "  --max-lines N          lines of the diff to print per section (default 25)\n"
            "  --json                 print the report as JSON on stdout\n"
            "  -q, --quiet            no progress on stderr\n"
            "  -h, --help             this text\n"
            "\n"
            "Default tolerances (later wins): '*' rel:0.05, 'staff' exact,\n"
            "'channel.*.service_level_per_answered_abandoned' abs:0.02,\n"
            "'channel.*.abandoned_per_offered' abs:0.01,\n"
            "'channel.*.occupancy' abs:0.02, 'channel.*.asa_s' rel:0.1,abs:2,\n"
            "'needs.contacts_per_resolved_need' rel:0.02.\n"
            "\n"
            "Exit codes: 0 within tolerance (or baseline written), 1 drift, 2 usage or input\n"
            "error (bad scenario, scenario over the run limits, baseline missing or malformed),\n"
            "3 runtime failure. See docs/ci.md.\n");
}

enum {
    OPT_BASELINE = 256,
    OPT_UPDATE,
    OPT_TOLERANCE,
    OPT_KPI,
    OPT_NO_SIM,
    OPT_POLICY,
    OPT_SET,
    OPT_JSON,
    OPT_MAX_LINES,
    OPT_REPEATS
};

/* Parse argv into a. Returns -1 to go on, else an exit code. */
static int check_parse(int argc, char **argv, check_args *a)
{
    static const struct option longopts[] = {
        {"baseline", required_argument, NULL, OPT_BASELINE},
        {"update", no_argument, NULL, OPT_UPDATE},
        {"tolerance", required_argument, NULL, OPT_TOLERANCE},
        {"kpi", required_argument, NULL, OPT_KPI},
        {"replications", required_argument, NULL, 'r'},
        {"seed", required_argument, NULL, 's'},
        {"no-sim", no_argument, NULL, OPT_NO_SIM},
        {"repeats", no_argument, NULL, OPT_REPEATS},
        {"policy", required_argument, NULL, OPT_POLICY},
        {"set", required_argument, NULL, OPT_SET},
        {"threads", required_argument, NULL, 'j'},
        {"max-lines", required_argument, NULL, OPT_MAX_LINES},
        {"json", no_argument, NULL, OPT_JSON},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    memset(a, 0, sizeof *a);
    a->threads = cli_default_threads();
    a->max_lines = 25;
    optind = 0; /* reset getopt (GNU: also re-reads the environment) */
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":r:s:j:qh", longopts, NULL)) != -1) {
        const char **list = NULL;
        size_t *count = NULL;
        switch (c) {
        case OPT_BASELINE: a->baseline_path = optarg; break;
        case OPT_UPDATE: a->update = 1; break;
        case OPT_NO_SIM: a->no_sim = 1; break;
        case OPT_REPEATS: a->repeats = 1; break;
        case OPT_JSON: a->json = 1; break;
        case 'q': a->quiet = 1; break;
        case 'h': check_usage(stdout); return CHECK_EXIT_OK;
        case 'r':
            if (!cli_parse_long("check", "-r", optarg, 1, SCENARIO_MAX_REPLICATIONS, &a->reps))
                return CHECK_EXIT_INPUT;
            break;
        case 's':
            if (!cli_parse_u64("check", "-s", optarg, &a->seed))
                return CHECK_EXIT_INPUT;
            a->seed_set = 1;
            break;
        case 'j':
            if (!cli_parse_long("check", "-j", optarg, 1, 1024, &a->threads))
                return CHECK_EXIT_INPUT;
            break;
        case OPT_MAX_LINES:
            if (!cli_parse_long("check", "--max-lines", optarg, 0, 1000000, &a->max_lines))
                return CHECK_EXIT_INPUT;
            break;
        case OPT_TOLERANCE: list = a->tolerances; count = &a->n_tolerances; break;
        case OPT_KPI: list = a->kpis; count = &a->n_kpis; break;
        case OPT_POLICY: list = a->policies; count = &a->n_policies; break;
        case OPT_SET: list = a->sets; count = &a->n_sets; break;
        case ':':
            return cli_usage_error("check", "option '%s' needs a value", argv[optind - 1]);
        default:
            return cli_usage_error("check", "unknown option '%s'", argv[optind - 1]);
        }
        if (list != NULL) {
            if (*count >= CHECK_CLI_MAX_OPTS)
                return cli_usage_error("check", "too many %s options (at most %d)",
                                       argv[optind - 2], CHECK_CLI_MAX_OPTS);
            list[(*count)++] = optarg;
        }
    }
    for (; optind < argc; optind++) {
        if (a->scenario_path != NULL)
            return cli_usage_error("check", "more than one scenario given ('%s' and '%s')",
                                   a->scenario_path, argv[optind]);
        a->scenario_path = argv[optind];
    }
    if (a->scenario_path == NULL)
        return cli_usage_error("check", "no scenario given");
    if (a->baseline_path == NULL)
        return cli_usage_error("check", "--baseline FILE is required");
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
    limits_run_estimate est;
    if (limits_run_check(scn, n, 0, NULL, &est, &err) != SIM_OK)
        return check_input_error(&err, "refused before running (resource limits)");
    cc_options opts;
    cc_options_default(&opts);
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
    sim_status st = cc_model_run_replications(scn, &opts, n, (int)a->threads, NULL, NULL, NULL,
                                              reps, &err);
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

static const char *check_status_word(check_status s)
{
    switch (s) {
    case CHECK_WITHIN: return "within";
    case CHECK_DRIFT: return "drift";
    case CHECK_MISSING: return "missing";
    case CHECK_ADDED: return "added";
    }
    return "?";
}

static void check_fmt_num(char *buf, size_t n, double v)
{
    if (isnan(v))
        snprintf(buf, n, "-");
    else
        snprintf(buf, n, "%.6g", v);
}

static void check_print_entry(const check_entry *e)
{
    char b[32], c[32], d[48], tol[64];
    check_fmt_num(b, sizeof b, e->base);
    check_fmt_num(c, sizeof c, e->current);
    if (e->status == CHECK_MISSING) {
        printf("  %-54s %12s %12s  %s\n", e->name, b, c,
               strncmp(e->name, "staff.", 6) == 0 ? "channel no longer staffed"
                                                  : "KPI missing from the results");
        return;
    }
    if (e->status == CHECK_ADDED) {
        printf("  %-54s %12s %12s  %s\n", e->name, b, c, "channel not in the baseline");
        return;
    }
    if (isnan(e->delta))
        snprintf(d, sizeof d, "defined -> undefined");
    else if (e->base != 0.0)
        snprintf(d, sizeof d, "%+.4g (%+.1f%%)", e->delta, 100.0 * e->delta / fabs(e->base));
    else
        snprintf(d, sizeof d, "%+.4g", e->delta);
    check_tolerance_format(&e->tol, tol, sizeof tol);
    char over[32] = "";
    if (e->status == CHECK_DRIFT && isfinite(e->excess))
        snprintf(over, sizeof over, ", %.1fx the allowed", e->excess);
    printf("  %-54s %12s %12s  %-22s %s (%s)%s\n", e->name, b, c, d, tol,
           e->tol.pattern[0] != '\0' ? e->tol.pattern : "no pattern", over);
}

static void check_print_report(const check_args *a, const check_snapshot *base,
                               const check_report *rep)
{
    printf("omnisim check: %s against %s (seed %llu, %zu replications)\n", base->scenario,
           a->baseline_path, (unsigned long long)base->seed, base->replications);
    if (rep->n_drift > 0)
        printf("DRIFT: %zu of %zu values beyond tolerance (%zu moved in all)\n", rep->n_drift,
               rep->n_compared, rep->n_moved);
    else
        printf("OK: %zu values compared, all within tolerance (%zu moved)\n", rep->n_compared,
               rep->n_moved);
    if (rep->kpis_skipped)
        printf("note: KPIs not compared (--no-sim); staffing only\n");
    if (rep->n_moved == 0)
        return;
    printf("  %-54s %12s %12s  %-22s %s\n", "value", "baseline", "current", "change",
           "tolerance (pattern)");
    size_t shown = 0, i = 0;
    for (; i < rep->n_moved && rep->entries[i].status != CHECK_WITHIN; i++) {
        if (shown < (size_t)a->max_lines) {
            check_print_entry(&rep->entries[i]);
            shown++;
        }
    }
    if (rep->n_drift > shown)
        printf("  ... and %zu more beyond tolerance (--max-lines N shows more)\n",
               rep->n_drift - shown);
    if (i < rep->n_moved) {
        printf("moved within tolerance:\n");
        size_t within = rep->n_moved - i;
        for (shown = 0; i < rep->n_moved && shown < (size_t)a->max_lines; i++, shown++)
            check_print_entry(&rep->entries[i]);
        if (within > shown)
            printf("  ... and %zu more within tolerance\n", within - shown);
    }
}

/* The report as JSON on stdout. Returns 0, or -1 when out of memory. */
static int check_print_json(const check_snapshot *base, const check_report *rep)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *entries = root != NULL ? cJSON_AddArrayToObject(root, "entries") : NULL;
    int ok = entries != NULL &&
             cJSON_AddStringToObject(root, "status", rep->n_drift > 0 ? "drift" : "ok") &&
             cJSON_AddStringToObject(root, "scenario", base->scenario) &&
             cJSON_AddNumberToObject(root, "compared", (double)rep->n_compared) &&
             cJSON_AddNumberToObject(root, "moved", (double)rep->n_moved) &&
             cJSON_AddNumberToObject(root, "drift", (double)rep->n_drift) &&
             cJSON_AddBoolToObject(root, "kpis_skipped", rep->kpis_skipped);
    for (size_t i = 0; ok && i < rep->n_moved; i++) {
        const check_entry *e = &rep->entries[i];
        cJSON *o = cJSON_CreateObject();
        char tol[64];
        ok = o != NULL && cJSON_AddItemToArray(entries, o) &&
             cJSON_AddStringToObject(o, "name", e->name) &&
             cJSON_AddStringToObject(o, "status", check_status_word(e->status)) &&
             cJSON_AddItemToObject(o, "baseline", isnan(e->base) ? cJSON_CreateNull()
                                                                 : cJSON_CreateNumber(e->base)) &&
             cJSON_AddItemToObject(o, "current", isnan(e->current)
                                                     ? cJSON_CreateNull()
                                                     : cJSON_CreateNumber(e->current)) &&
             cJSON_AddItemToObject(o, "change", isnan(e->delta) ? cJSON_CreateNull()
                                                                : cJSON_CreateNumber(e->delta)) &&
             cJSON_AddNumberToObject(o, "allowed", e->allowed) &&
             cJSON_AddStringToObject(o, "tolerance", check_tolerance_format(&e->tol, tol,
                                                                             sizeof tol)) &&
             cJSON_AddStringToObject(o, "pattern", e->tol.pattern);
    }
    char *text = ok ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    if (text == NULL)
        return -1;
    printf("%s\n", text);
    cJSON_free(text);
    return 0;
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
            return cli_usage_error("check", "%s", err.message);
    }

    /* The scenario. */
    scenario_load_opts lo = {a.policies, a.n_policies, a.sets, a.n_sets, NULL};
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
     * when it can read one). */
    st = check_baseline_read(a.baseline_path, &base, &err);
    if (st == SIM_OK) {
        have_base = 1;
    } else if (!a.update || st != SIM_EIO) {
        code = check_input_error(&err, st == SIM_EIO ? "baseline missing or unreadable"
                                                     : "malformed baseline");
        goto done;
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
    if (a.json) {
        if (check_print_json(&base, &rep) != 0) {
            fprintf(stderr, "omnisim check: error: out of memory printing the report\n");
            code = CHECK_EXIT_RUNTIME;
            goto done;
        }
    } else {
        check_print_report(&a, &base, &rep);
    }
    code = rep.n_drift > 0 ? CHECK_EXIT_DRIFT : CHECK_EXIT_OK;
done:
    check_report_fini(&rep);
    check_snapshot_fini(&cur);
    check_snapshot_fini(&base);
    scenario_free(scn);
    return code;
}
