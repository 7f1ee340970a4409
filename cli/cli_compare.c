/* cli_compare.c -- `omnisim compare SCENARIO --policy A --policy B ...`: the baseline and each
 * policy with common random numbers, paired-difference intervals, optional sequential
 * sampling to a precision (models/study/policy_compare.h). Writes compare.csv and compare.json
 * (columns in docs/policies.md) atomically; prints a table (or the JSON with --json).
 */
#define _GNU_SOURCE
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_study.h"
#include "policy_compare.h"
#include "scenario.h"

static void compare_usage(FILE *out)
{
    fprintf(out,
            "usage: omnisim compare [SCENARIO] --policy SPEC [--policy SPEC]... [options]\n"
            "\n"
            "Run the baseline and each policy with common random numbers (same seed, same\n"
            "replications) and report, per KPI, the paired difference policy - baseline with\n"
            "its confidence interval and whether it is significant at the scenario's level.\n"
            "SPEC is a policy of the scenario file, or A+B to apply several together.\n"
            "\n"
            "  --policy SPEC         a policy to compare (repeatable)\n"
            "  --set PATH=VALUE      override applied to every variant, baseline included\n"
            "  -r, --replications N  replications (first batch with --precision)\n"
            "  -s, --seed N          master seed (default: the scenario's)\n"
            "  --precision H         add replications until every reported interval's\n"
            "                        half-width is below H: absolute for shares (service\n"
            "                        levels, rates), relative to the baseline mean otherwise\n"
            "  --max-reps N          stop there even if the precision is not reached\n"
            "                        (default 100 x the first batch)\n"
            "  --diff-only           with --precision, count only the paired differences\n"
            "  --independent         no common random numbers (each variant its own seed):\n"
            "                        to see how much wider the intervals get\n"
            "  -j, --threads N       threads (results do not depend on it)\n"
            "  -o, --output DIR      output directory for compare.csv, compare.json\n"
            "                        (default ./omnisim-out)\n"
            "  --json                print compare.json on stdout instead of the table\n"
            "  -q, --quiet           no progress on stderr\n"
            "\n"
            "Exit codes: 0 ok (also when the precision was not reached: see the output),\n"
            "1 invalid scenario or policy, 2 usage error, 3 runtime failure, 130 interrupted.\n");
}

typedef struct compare_out {
    const cli_study_args *a;
    const scenario *scn;
    const policy_compare_result *res;
    const policy_compare_options *po;
} compare_out;

static void csv_ci(FILE *fp, const sim_ci *ci)
{
    fputc(',', fp);
    cli_study_csv_num(fp, ci->mean);
    fputc(',', fp);
    cli_study_csv_num(fp, ci->lo);
    fputc(',', fp);
    cli_study_csv_num(fp, ci->hi);
}

static int write_csv(FILE *fp, void *vctx)
{
    const compare_out *o = vctx;
    const policy_compare_result *r = o->res;
    fputs("policy,kpi,n,baseline_mean,baseline_lo,baseline_hi,policy_mean,policy_lo,"
          "policy_hi,diff_mean,diff_lo,diff_hi,diff_half_width,significant,"
          "target_half_width,counted\n",
          fp);
    for (size_t i = 0; i < r->n_rows; i++) {
        const policy_compare_row *row = &r->rows[i];
        cli_study_csv_str(fp, r->variants[row->policy]);
        fputc(',', fp);
        cli_study_csv_str(fp, row->kpi);
        fprintf(fp, ",%llu", (unsigned long long)row->diff.n);
        csv_ci(fp, &row->baseline);
        csv_ci(fp, &row->value);
        csv_ci(fp, &row->diff);
        fputc(',', fp);
        cli_study_csv_num(fp, row->diff.half_width);
        fprintf(fp, ",%d,", row->significant);
        cli_study_csv_num(fp, row->target_half_width);
        fprintf(fp, ",%d\n", row->counted);
    }
    return ferror(fp) ? -1 : 0;
}

static void json_ci(FILE *fp, const char *key, const sim_ci *ci)
{
    fprintf(fp, "\"%s\": {\"mean\": ", key);
    cli_study_json_num(fp, ci->mean);
    fputs(", \"lo\": ", fp);
    cli_study_json_num(fp, ci->lo);
    fputs(", \"hi\": ", fp);
    cli_study_json_num(fp, ci->hi);
    fputs(", \"half_width\": ", fp);
    cli_study_json_num(fp, ci->half_width);
    fprintf(fp, ", \"n\": %llu}", (unsigned long long)ci->n);
}

static int write_json(FILE *fp, void *vctx)
{
    const compare_out *o = vctx;
    const policy_compare_result *r = o->res;
    fprintf(fp, "{\n  \"omnisim_version\": \"%s\",\n  \"command\": \"compare\",\n",
            OMNISIM_VERSION);
    fputs("  \"scenario\": ", fp);
    cli_study_json_str(fp, o->scn->name);
    fputs(",\n  \"source\": ", fp);
    cli_study_json_str(fp, o->scn->source_path);
    fprintf(fp, ",\n  \"seed\": %llu,\n  \"replications\": %zu,\n  \"confidence\": ",
            (unsigned long long)r->seed, r->n_reps);
    cli_study_json_num(fp, r->level);
    fprintf(fp, ",\n  \"common_random_numbers\": %s,\n",
            o->po->independent ? "false" : "true");
    fputs("  \"precision\": {\"requested\": ", fp);
    fputs(r->precision_requested ? "true" : "false", fp);
    fputs(", \"target\": ", fp);
    cli_study_json_num(fp, r->precision_requested ? o->po->precision : (double)NAN);
    fprintf(fp, ", \"rule\": \"%s\", \"met\": %s, \"rounds\": %zu},\n",
            o->po->diff_only ? "paired differences" : "baseline, policy and differences",
            r->precision_met ? "true" : "false", r->n_rounds);
    fputs("  \"variants\": [", fp);
    for (size_t v = 0; v < r->n_variants; v++) {
        if (v > 0)
            fputs(", ", fp);
        cli_study_json_str(fp, r->variants[v]);
    }
    fputs("],\n  \"rows\": [", fp);
    for (size_t i = 0; i < r->n_rows; i++) {
        const policy_compare_row *row = &r->rows[i];
        fputs(i > 0 ? ",\n    {" : "\n    {", fp);
        fputs("\"policy\": ", fp);
        cli_study_json_str(fp, r->variants[row->policy]);
        fputs(", \"kpi\": ", fp);
        cli_study_json_str(fp, row->kpi);
        fputs(", ", fp);
        json_ci(fp, "baseline", &row->baseline);
        fputs(", ", fp);
        json_ci(fp, "policy", &row->value);
        fputs(", ", fp);
        json_ci(fp, "diff", &row->diff);
        fprintf(fp, ", \"significant\": %s, \"target_half_width\": ",
                row->significant ? "true" : "false");
        cli_study_json_num(fp, row->target_half_width);
        fprintf(fp, ", \"counted\": %s}", row->counted ? "true" : "false");
    }
    fputs("\n  ]\n}\n", fp);
    return ferror(fp) ? -1 : 0;
}

static void print_table(const void *vctx)
{
    const compare_out *o = vctx;
    const policy_compare_result *r = o->res;
    printf("%s: %zu replications per variant, seed %llu, %s, %.0f%% intervals\n", o->scn->name,
           r->n_reps, (unsigned long long)r->seed,
           o->po->independent ? "independent streams" : "common random numbers",
           100.0 * r->level);
    if (r->precision_requested)
        printf("precision %g: %s after %zu round%s\n", o->po->precision,
               r->precision_met ? "reached" : "NOT reached (max replications hit)", r->n_rounds,
               r->n_rounds == 1 ? "" : "s");
    size_t last = SIZE_MAX;
    for (size_t i = 0; i < r->n_rows; i++) {
        const policy_compare_row *row = &r->rows[i];
        if (row->policy != last) {
            printf("\npolicy %s vs baseline\n", r->variants[row->policy]);
            printf("  %-54s %14s %14s %28s %4s\n", "KPI", "baseline", "policy",
                   "difference (CI)", "sig");
            last = row->policy;
        }
        char d[64];
        if (isfinite(row->diff.half_width))
            snprintf(d, sizeof d, "%+.4g ± %.3g", row->diff.mean, row->diff.half_width);
        else
            snprintf(d, sizeof d, "%+.4g", row->diff.mean);
        printf("  %-54s %14.5g %14.5g %28s %4s\n", row->kpi, row->baseline.mean,
               row->value.mean, d, row->significant ? "*" : "");
    }
    printf("\n* the difference is significant at the %.0f%% level (its interval excludes 0)\n",
           100.0 * r->level);
}

enum { OPT_PRECISION = CLI_STUDY_OPT_FIRST_FREE, OPT_MAX_REPS, OPT_DIFF_ONLY, OPT_INDEPENDENT };

typedef struct compare_opts {
    policy_compare_options po;
    long max_reps;
} compare_opts;

/* compare's own options (cli_study_own_fn). */
static int compare_option(void *ctx, int c, const char *arg)
{
    compare_opts *o = ctx;
    switch (c) {
    case OPT_PRECISION:
        return cli_parse_double("compare", "--precision", arg, 1e-12, 1e12, &o->po.precision)
                   ? 0
                   : CLI_EXIT_USAGE;
    case OPT_MAX_REPS:
        return cli_parse_long("compare", "--max-reps", arg, 2, SCENARIO_MAX_REPLICATIONS,
                              &o->max_reps)
                   ? 0
                   : CLI_EXIT_USAGE;
    case OPT_DIFF_ONLY: o->po.diff_only = 1; return 0;
    case OPT_INDEPENDENT: o->po.independent = 1; return 0;
    default: return CLI_STUDY_NOT_MINE;
    }
}

int cli_compare_main(int argc, char **argv)
{
    static const struct option longopts[] = {
        CLI_STUDY_LONGOPTS,
        {"precision", required_argument, NULL, OPT_PRECISION},
        {"max-reps", required_argument, NULL, OPT_MAX_REPS},
        {"diff-only", no_argument, NULL, OPT_DIFF_ONLY},
        {"independent", no_argument, NULL, OPT_INDEPENDENT},
        {NULL, 0, NULL, 0}};
    cli_study_args a;
    cli_study_args_init(&a, "compare");
    compare_opts opts;
    policy_compare_options_default(&opts.po);
    opts.max_reps = 0;
    int code = cli_study_parse(&a, argc, argv, longopts, compare_usage, compare_option, &opts);
    if (code != CLI_STUDY_GO_ON)
        return code;
    policy_compare_options po = opts.po;
    long max_reps = opts.max_reps;
    if (a.n_policies == 0)
        return cli_usage_error("compare", "no --policy given (nothing to compare)");
    if ((max_reps > 0 || po.diff_only) && po.precision <= 0.0)
        return cli_usage_error("compare", "--max-reps and --diff-only need --precision");

    scenario *base = NULL;
    code = cli_study_load(&a, &base);
    if (code != CLI_EXIT_OK)
        return code;
    po.reps = (size_t)a.reps;
    po.max_reps = (size_t)max_reps;
    po.use_seed = a.seed_set;
    po.seed = a.seed;
    po.study.threads = (int)a.threads;
    po.study.hook = cli_study_cost_hook();
    if (max_reps > 0 && a.reps > max_reps) {
        scenario_free(base);
        return cli_usage_error("compare", "-r %ld is above --max-reps %ld", a.reps, max_reps);
    }
    if (!a.quiet)
        fprintf(stderr, "omnisim compare: %s, baseline + %zu polic%s on %ld thread(s)\n",
                base->name, a.n_policies, a.n_policies == 1 ? "y" : "ies", a.threads);
    scenario_diag diag;
    scenario_diag_init(&diag);
    sim_error err;
    sim_error_clear(&err);
    policy_compare_result *res = NULL;
    po.study.interrupted = cli_study_sigint_begin();
    sim_status st = policy_compare_run(base, a.policies, a.n_policies, a.sets, a.n_sets, &po,
                                       &res, &diag, &err);
    cli_study_sigint_end();
    if (st != SIM_OK) {
        code = cli_study_fail(&a, st, &err, &diag);
    } else {
        compare_out o = {&a, base, res, &po};
        code = cli_study_emit(&a, "compare", write_csv, write_json, print_table, &o);
        if (code == CLI_EXIT_OK) {
            if (!a.quiet)
                fprintf(stderr, "omnisim compare: %zu replications per variant; written %s/"
                                "compare.csv and compare.json\n",
                        res->n_reps, a.out_dir);
        }
    }
    policy_compare_free(res);
    scenario_diag_fini(&diag);
    scenario_free(base);
    return code;
}
