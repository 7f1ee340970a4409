/* cli_compare.c -- `omnisim compare SCENARIO --policy A --policy B ...`: the baseline and each
 * policy with common random numbers, paired-difference intervals, optional sequential
 * sampling to a precision (models/study/policy_compare.h). Writes compare.csv and compare.json
 * (columns in docs/policies.md) atomically; prints a table (or the JSON with --json).
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_study.h"
#include "policy_compare.h"
#include "scenario.h"

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

int cli_compare_main(int argc, char **argv)
{
    cli_study_args a;
    cli_study_args_init(&a, "compare");
    policy_compare_options po;
    policy_compare_options_default(&po);
    long max_reps = 0;
    const cli_opt table[] = {
        {CLI_OPT_USE(POLICY), .metavar = "SPEC", .help = "a policy to compare"},
        {CLI_OPT_USE(SET), .help = "override applied to every variant, baseline included"},
        {CLI_OPT_USE(INCLUDE_ROOT)},
        {CLI_OPT_USE(NO_INCLUDES)},
        {CLI_OPT_USE(REPLICATIONS), .help = "replications (first batch with --precision)"},
        {CLI_OPT_USE(SEED)},
        {CLI_OPT_ROW_NUM("precision", &po.precision), .metavar = "H",
         .lo = 1e-12, .hi = 1e12,
         .help = "add replications until every reported interval's half-width is below H: "
                 "absolute for shares (service levels, rates), relative to the baseline mean "
                 "otherwise"},
        {CLI_OPT_ROW_INT("max-reps", &max_reps), .metavar = "N", .lo = 2,
         .hi = SCENARIO_MAX_REPLICATIONS,
         .help = "stop there even if the precision is not reached",
         .def = "100 x the first batch"},
        {CLI_OPT_ROW_FLAG("diff-only", &po.diff_only),
         .help = "with --precision, count only the paired differences"},
        {CLI_OPT_ROW_FLAG("independent", &po.independent),
         .help = "no common random numbers (each variant its own seed): to see how much "
                 "wider the intervals get"},
        {CLI_OPT_USE(THREADS)},
        {CLI_OPT_USE(MAX_IN_SYSTEM)},
        {CLI_OPT_USE(OUTPUT), .help = "output directory for compare.csv and compare.json"},
        {CLI_OPT_USE(JSON), .help = "print compare.json on stdout instead of the table"},
        {CLI_OPT_USE(QUIET)},
    };
    const cli_opt_spec spec = {
        "compare",
        "omnisim compare [SCENARIO] --policy SPEC [--policy SPEC]... [options]",
        "Run the baseline and each policy with common random numbers (same seed, same\n"
        "replications) and report, per KPI, the paired difference policy - baseline with\n"
        "its confidence interval and whether it is significant at the scenario's level.\n"
        "SPEC is a policy of the scenario file, or A+B to apply several together.",
        "Exit codes: 0 ok (also when the precision was not reached: see the output),\n"
        "1 invalid scenario or policy, 2 usage error, 3 runtime failure,\n"
        "130/143/129 interrupted.",
        "SCENARIO", 0, 1, table, sizeof table / sizeof table[0]};
    int code = cli_opt_parse(&spec, &a, argc, argv);
    if (code != CLI_OPT_GO_ON)
        return code;
    if (a.n_policies == 0)
        return cli_usage_error("compare", "no --policy given (nothing to compare)");
    if ((max_reps > 0 || po.diff_only) && po.precision <= 0.0)
        return cli_usage_error("compare", "--max-reps and --diff-only need --precision");

    scenario *base = NULL;
    code = cli_study_load(&a, &base);
    if (code != CLI_EXIT_OK)
        return code;
    if ((code = cli_output_check(a.cmd, a.out_dir)) != CLI_EXIT_OK) {
        scenario_free(base); /* results could not be written: run nothing */
        return code;
    }
    po.reps = (size_t)a.reps;
    po.max_reps = (size_t)max_reps;
    po.use_seed = a.seed_set;
    po.seed = a.seed;
    po.study.threads = (int)a.threads;
    po.study.max_in_system = (size_t)a.max_in_system;
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
        if (code == CLI_EXIT_OK)
            code = cli_study_manifest(&a, base);
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
