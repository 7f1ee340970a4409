/* cli_study.c -- see cli_study.h.
 *
 * The one piece of file-scope mutable state is the Ctrl-C flag (and the saved handler),
 * which a signal handler can only reach that way; the library only reads it through the
 * runner's `interrupted` pointer.
 */
#define _GNU_SOURCE
#include "cli_study.h"

#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cost.h"
#include "out_file.h"
#include "scenario_load.h"

static volatile sig_atomic_t cli_study_interrupted;
static struct sigaction cli_study_old_sigint;

static void cli_study_on_sigint(int sig)
{
    (void)sig;
    cli_study_interrupted = 1;
}

volatile sig_atomic_t *cli_study_sigint_begin(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = cli_study_on_sigint;
    sigemptyset(&sa.sa_mask);
    cli_study_interrupted = 0;
    sigaction(SIGINT, &sa, &cli_study_old_sigint);
    return &cli_study_interrupted;
}

void cli_study_sigint_end(void)
{
    sigaction(SIGINT, &cli_study_old_sigint, NULL);
}

void cli_study_args_init(cli_study_args *a, const char *cmd)
{
    memset(a, 0, sizeof *a);
    a->cmd = cmd;
    a->out_dir = "omnisim-out";
    a->threads = cli_default_threads();
    a->min_reps = 2;
}

int cli_study_option(cli_study_args *a, int c, const char *arg)
{
    switch (c) {
    case 'r':
        return cli_parse_long(a->cmd, "-r", arg, a->min_reps, SCENARIO_MAX_REPLICATIONS, &a->reps)
                   ? 1
                   : -1;
    case 's':
        if (!cli_parse_u64(a->cmd, "-s", arg, &a->seed))
            return -1;
        a->seed_set = 1;
        return 1;
    case 'o':
        if (arg[0] == '\0') {
            cli_usage_error(a->cmd, "-o: empty directory name");
            return -1;
        }
        a->out_dir = arg;
        return 1;
    case 'j': return cli_parse_long(a->cmd, "-j", arg, 1, 1024, &a->threads) ? 1 : -1;
    case 'q': a->quiet = 1; return 1;
    case CLI_STUDY_OPT_JSON: a->json = 1; return 1;
    case CLI_STUDY_OPT_POLICY:
    case CLI_STUDY_OPT_SET:
        if ((c == CLI_STUDY_OPT_POLICY ? a->n_policies : a->n_sets) >= CLI_STUDY_MAX_OVERRIDES) {
            cli_usage_error(a->cmd, "too many %s options (at most %d)",
                            c == CLI_STUDY_OPT_POLICY ? "--policy" : "--set",
                            CLI_STUDY_MAX_OVERRIDES);
            return -1;
        }
        if (c == CLI_STUDY_OPT_SET && strchr(arg, '=') == NULL) {
            cli_usage_error(a->cmd, "--set: expected PATH=VALUE, got '%s'", arg);
            return -1;
        }
        if (c == CLI_STUDY_OPT_POLICY)
            a->policies[a->n_policies++] = arg;
        else
            a->sets[a->n_sets++] = arg;
        return 1;
    default: return 0;
    }
}

int cli_study_parse(cli_study_args *a, int argc, char **argv, const struct option *longopts,
                    void (*usage)(FILE *fp), cli_study_own_fn own, void *ctx)
{
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, CLI_STUDY_SHORTOPTS, longopts, NULL)) != -1) {
        int h = cli_study_option(a, c, optarg);
        if (h < 0)
            return CLI_EXIT_USAGE;
        if (h > 0)
            continue;
        if (c == 'h') {
            usage(stdout);
            return CLI_EXIT_OK;
        }
        if (c == ':')
            return cli_usage_error(a->cmd, "option '%s' needs a value", argv[optind - 1]);
        int code = own != NULL && c != '?' ? own(ctx, c, optarg) : CLI_STUDY_NOT_MINE;
        if (code == CLI_STUDY_NOT_MINE)
            return cli_usage_error(a->cmd, "unknown option '%s'", argv[optind - 1]);
        if (code != 0)
            return code;
    }
    if (optind < argc)
        a->scenario_path = argv[optind++];
    if (optind < argc)
        return cli_usage_error(a->cmd, "unexpected argument '%s' (one scenario at most)",
                               argv[optind]);
    return CLI_STUDY_GO_ON;
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
    sim_status st = a->scenario_path != NULL
                        ? scenario_load_file(a->scenario_path, NULL, out, &diag)
                        : scenario_load_default(NULL, out, &diag);
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
        fprintf(stderr, "\nomnisim %s: interrupted; no result files were written\n", a->cmd);
        return CLI_EXIT_INTERRUPTED;
    }
    if (diag != NULL && scenario_diag_count(diag) > 0) {
        print_diag(diag);
        return cli_exit_code(st);
    }
    int code = cli_report_error(a->cmd, err);
    /* A failed accounting check is a bad result (exit 1), as for `omnisim run`. */
    return st == SIM_ESTATE ? CLI_EXIT_BAD_INPUT : code;
}

void cli_study_csv_num(FILE *fp, double x)
{
    if (isfinite(x))
        fprintf(fp, "%.10g", x);
}

void cli_study_json_num(FILE *fp, double x)
{
    if (isfinite(x))
        fprintf(fp, "%.10g", x);
    else
        fputs("null", fp);
}

void cli_study_json_str(FILE *fp, const char *s)
{
    fputc('"', fp);
    for (; *s != '\0'; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\')
            fprintf(fp, "\\%c", ch);
        else if (ch < 0x20)
            fprintf(fp, "\\u%04x", ch);
        else
            fputc(ch, fp);
    }
    fputc('"', fp);
}

void cli_study_csv_str(FILE *fp, const char *s)
{
    if (strpbrk(s, ",\"\n") == NULL) {
        fputs(s, fp);
        return;
    }
    fputc('"', fp);
    for (; *s != '\0'; s++) {
        if (*s == '"')
            fputc('"', fp);
        fputc(*s, fp);
    }
    fputc('"', fp);
}

int cli_study_write(const cli_study_args *a, const char *name, int (*fn)(FILE *fp, void *ctx),
                    void *ctx)
{
    sim_error err;
    sim_error_clear(&err);
    out_file_tx tx;
    sim_status st = out_file_mkdir(a->out_dir, &err);
    if (st == SIM_OK)
        st = out_file_begin(&tx, a->out_dir, name, &err);
    if (st == SIM_OK) {
        if (fn(tx.fp, ctx) != 0 || ferror(tx.fp)) {
            out_file_abort(&tx);
            st = sim_error_set(&err, SIM_EIO, name, "cannot write %s/%s", a->out_dir, name);
        } else {
            st = out_file_commit(&tx, &err);
        }
    }
    if (st != SIM_OK)
        return cli_report_error(a->cmd, &err);
    return CLI_EXIT_OK;
}

int cli_study_emit(const cli_study_args *a, const char *stem, int (*csv)(FILE *fp, void *ctx),
                   int (*json)(FILE *fp, void *ctx), void (*table)(const void *ctx), void *ctx)
{
    char name[128];
    snprintf(name, sizeof name, "%s.csv", stem);
    int code = cli_study_write(a, name, csv, ctx);
    snprintf(name, sizeof name, "%s.json", stem);
    if (code == CLI_EXIT_OK)
        code = cli_study_write(a, name, json, ctx);
    if (code != CLI_EXIT_OK)
        return code;
    if (a->json)
        json(stdout, ctx);
    else
        table(ctx);
    return CLI_EXIT_OK;
}

study_kpi_hook cli_study_cost_hook(void)
{
    /* The cost model (models/cost): cost.* and sla.* KPIs per replication, priced for the
     * variant's `year` (a roadmap year sets it). */
    return cost_kpis_hook;
}
