/* cli_sweep.c -- `omnisim sweep SCENARIO --set PATH=FROM:TO:STEP ...`: a grid over numeric
 * fields (models/study/sweep.h), one row per point with KPIs and intervals. Writes sweep.csv and
 * sweep.json atomically (columns in docs/policies.md); prints a table (or the JSON).
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_study.h"
#include "scenario.h"
#include "sweep.h"

typedef struct sweep_out {
    const cli_study_args *a;
    const scenario *scn;
    const sweep_result *res;
} sweep_out;

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* The CSV's KPI columns: the reported ones (study_is_reported), plus answer speed and
 * occupancy per channel and offered volume, which a staffing sweep needs. */
static int csv_kpi(const scenario *scn, const char *name)
{
    if (study_is_reported(scn, name))
        return 1;
    return strncmp(name, "channel.", 8) == 0 &&
           (ends_with(name, ".asa_s") || ends_with(name, ".occupancy") ||
            ends_with(name, ".offered"));
}

static int write_csv(FILE *fp, void *vctx)
{
    const sweep_out *o = vctx;
    const sweep_result *r = o->res;
    const study_sample *s0 = &r->samples[0];
    fputs("point", fp);
    for (size_t a = 0; a < r->n_axes; a++) {
        fputc(',', fp);
        cli_study_csv_str(fp, r->axes[a].path);
    }
    fputs(",n", fp);
    for (size_t k = 0; k < s0->n_kpis; k++) {
        if (!csv_kpi(o->scn, s0->names[k]))
            continue;
        fprintf(fp, ",%s_mean,%s_lo,%s_hi", s0->names[k], s0->names[k], s0->names[k]);
    }
    fputc('\n', fp);
    for (size_t p = 0; p < r->n_points; p++) {
        const study_sample *s = &r->samples[p];
        fprintf(fp, "%zu", p);
        for (size_t a = 0; a < r->n_axes; a++)
            fprintf(fp, ",%s", r->values[p][a]);
        fprintf(fp, ",%zu", s->n_reps);
        for (size_t k = 0; k < s0->n_kpis; k++) {
            if (!csv_kpi(o->scn, s0->names[k]))
                continue;
            size_t j = study_sample_find(s, s0->names[k]);
            sim_ci ci = {0, r->level, NAN, NAN, NAN, NAN};
            if (j != SIZE_MAX)
                ci = study_sample_ci(s, j, r->level);
            fputc(',', fp);
            cli_study_csv_num(fp, ci.mean);
            fputc(',', fp);
            cli_study_csv_num(fp, ci.lo);
            fputc(',', fp);
            cli_study_csv_num(fp, ci.hi);
        }
        fputc('\n', fp);
    }
    return ferror(fp) ? -1 : 0;
}

static int write_json(FILE *fp, void *vctx)
{
    const sweep_out *o = vctx;
    const sweep_result *r = o->res;
    fprintf(fp, "{\n  \"omnisim_version\": \"%s\",\n  \"command\": \"sweep\",\n",
            OMNISIM_VERSION);
    fputs("  \"scenario\": ", fp);
    cli_study_json_str(fp, o->scn->name);
    fputs(",\n  \"source\": ", fp);
    cli_study_json_str(fp, o->scn->source_path);
    fprintf(fp, ",\n  \"seed\": %llu,\n  \"replications\": %zu,\n  \"confidence\": ",
            (unsigned long long)r->seed, r->n_reps);
    cli_study_json_num(fp, r->level);
    fputs(",\n  \"axes\": [", fp);
    for (size_t a = 0; a < r->n_axes; a++) {
        fputs(a > 0 ? ", {\"path\": " : "{\"path\": ", fp);
        cli_study_json_str(fp, r->axes[a].path);
        fputs(", \"from\": ", fp);
        cli_study_json_num(fp, r->axes[a].from);
        fputs(", \"to\": ", fp);
        cli_study_json_num(fp, r->axes[a].to);
        fputs(", \"step\": ", fp);
        cli_study_json_num(fp, r->axes[a].step);
        fprintf(fp, ", \"values\": %zu}", r->axes[a].n_values);
    }
    fputs("],\n  \"points\": [", fp);
    for (size_t p = 0; p < r->n_points; p++) {
        const study_sample *s = &r->samples[p];
        fprintf(fp, "%s\n    {\"point\": %zu, \"set\": {", p > 0 ? "," : "", p);
        for (size_t a = 0; a < r->n_axes; a++) {
            if (a > 0)
                fputs(", ", fp);
            cli_study_json_str(fp, r->axes[a].path);
            fprintf(fp, ": %s", r->values[p][a]);
        }
        fputs("}, \"kpis\": {", fp);
        for (size_t k = 0; k < s->n_kpis; k++) {
            sim_ci ci = study_sample_ci(s, k, r->level);
            fputs(k > 0 ? ", " : "", fp);
            cli_study_json_str(fp, s->names[k]);
            fputs(": {\"mean\": ", fp);
            cli_study_json_num(fp, ci.mean);
            fputs(", \"lo\": ", fp);
            cli_study_json_num(fp, ci.lo);
            fputs(", \"hi\": ", fp);
            cli_study_json_num(fp, ci.hi);
            fprintf(fp, ", \"n\": %llu}", (unsigned long long)ci.n);
        }
        fputs("}}", fp);
    }
    fputs("\n  ]\n}\n", fp);
    return ferror(fp) ? -1 : 0;
}

static void print_table(const void *vctx)
{
    const sweep_out *o = vctx;
    const sweep_result *r = o->res;
    printf("%s: %zu points x %zu replications, seed %llu, %.0f%% intervals\n\n", o->scn->name,
           r->n_points, r->n_reps, (unsigned long long)r->seed, 100.0 * r->level);
    for (size_t a = 0; a < r->n_axes; a++)
        printf("%-28s ", r->axes[a].path);
    printf("%20s %20s %20s %20s\n", "total SL", "total abandon", "contacts/need",
           "effort");
    static const char *const cols[] = {"total.realtime_service_level_per_answered_abandoned",
                                       "total.realtime_abandoned_per_offered",
                                       "needs.contacts_per_resolved_need", "effort.score"};
    for (size_t p = 0; p < r->n_points; p++) {
        const study_sample *s = &r->samples[p];
        for (size_t a = 0; a < r->n_axes; a++)
            printf("%-28s ", r->values[p][a]);
        for (size_t c = 0; c < 4; c++) {
            size_t j = study_sample_find(s, cols[c]);
            char buf[64] = "-";
            if (j != SIZE_MAX) {
                sim_ci ci = study_sample_ci(s, j, r->level);
                if (isfinite(ci.half_width))
                    snprintf(buf, sizeof buf, "%.4g ± %.2g", ci.mean, ci.half_width);
                else if (isfinite(ci.mean))
                    snprintf(buf, sizeof buf, "%.4g", ci.mean);
            }
            printf("%20s ", buf);
        }
        printf("\n");
    }
}

int cli_sweep_main(int argc, char **argv)
{
    cli_study_args a;
    cli_study_args_init(&a, "sweep");
    const cli_opt table[] = {
        {CLI_OPT_USE(SET), .metavar = "PATH=FROM:TO:STEP",
         .help = "an axis (values FROM, FROM+STEP, ... <= TO); a value that is not "
                 "FROM:TO:STEP is an override for every point"},
        {CLI_OPT_USE(INCLUDE_ROOT)},
        {CLI_OPT_USE(NO_INCLUDES)},
        {CLI_OPT_USE(POLICY), .help = "a policy applied to every point"},
        {CLI_OPT_USE(REPLICATIONS), .help = "replications per point"},
        {CLI_OPT_USE(SEED)},
        {CLI_OPT_USE(THREADS)},
        {CLI_OPT_USE(MAX_IN_SYSTEM)},
        {CLI_OPT_USE(OUTPUT), .help = "output directory for sweep.csv and sweep.json"},
        {CLI_OPT_USE(JSON), .help = "print sweep.json on stdout instead of the table"},
        {CLI_OPT_USE(QUIET)},
    };
    const cli_opt_spec spec = {
        "sweep",
        "omnisim sweep [SCENARIO] --set PATH=FROM:TO:STEP [--set ...] [options]",
        "Run every point of a grid over numeric scenario fields (several axes make a\n"
        "Cartesian product; the last varies fastest) with the same seed and replications,\n"
        "and report one row per point with KPIs and confidence intervals. A --set whose\n"
        "value is not FROM:TO:STEP is an ordinary override applied to every point.\n"
        "Example: omnisim sweep scenarios/tiny-mmn.json --set channels.phone.agents=9:13:1",
        "Exit codes: 0 ok, 1 invalid scenario or point, 2 usage error, 3 runtime failure,\n"
        "130/143/129 interrupted.",
        "SCENARIO", 0, 1, table, sizeof table / sizeof table[0]};
    int code = cli_opt_parse(&spec, &a, argc, argv);
    if (code != CLI_OPT_GO_ON)
        return code;
    /* Split the --set options into axes (FROM:TO:STEP) and plain overrides. */
    sweep_axis axes[SWEEP_MAX_AXES];
    size_t n_axes = 0;
    const char *plain[CLI_STUDY_MAX_OVERRIDES];
    size_t n_plain = 0;
    for (size_t i = 0; i < a.n_sets; i++) {
        sweep_axis ax;
        sim_error err;
        sim_error_clear(&err);
        const char *eq = strchr(a.sets[i], '=');
        int looks_like_axis = eq != NULL && strchr(eq + 1, ':') != NULL &&
                              strchr(eq + 1, '"') == NULL && strchr(eq + 1, '[') == NULL &&
                              strchr(eq + 1, '{') == NULL;
        if (!looks_like_axis) {
            plain[n_plain++] = a.sets[i];
            continue;
        }
        if (sweep_axis_parse(a.sets[i], &ax, &err) != SIM_OK)
            return cli_usage_error("sweep", "option '--set': %s", err.message);
        if (n_axes == SWEEP_MAX_AXES)
            return cli_usage_error("sweep", "at most %d axes", SWEEP_MAX_AXES);
        axes[n_axes++] = ax;
    }
    if (n_axes == 0)
        return cli_usage_error("sweep", "no --set PATH=FROM:TO:STEP axis given");

    scenario *base = NULL;
    code = cli_study_load(&a, &base);
    if (code != CLI_EXIT_OK)
        return code;
    if ((code = cli_output_check(a.cmd, a.out_dir)) != CLI_EXIT_OK) {
        scenario_free(base); /* results could not be written: run nothing */
        return code;
    }
    sweep_options so;
    sweep_options_default(&so);
    so.reps = (size_t)a.reps;
    so.use_seed = a.seed_set;
    so.seed = a.seed;
    so.study.threads = (int)a.threads;
    so.study.max_in_system = (size_t)a.max_in_system;
    so.study.hook = cli_study_cost_hook();
    scenario_diag diag;
    scenario_diag_init(&diag);
    sim_error err;
    sim_error_clear(&err);
    sweep_result *res = NULL;
    so.study.interrupted = cli_study_sigint_begin();
    sim_status st = sweep_run(base, axes, n_axes, a.policies, a.n_policies, plain, n_plain, &so,
                              &res, &diag, &err);
    cli_study_sigint_end();
    if (st != SIM_OK) {
        code = cli_study_fail(&a, st, &err, &diag);
    } else {
        sweep_out o = {&a, base, res};
        code = cli_study_emit(&a, "sweep", write_csv, write_json, print_table, &o);
        if (code == CLI_EXIT_OK)
            code = cli_study_manifest(&a, base);
        if (code == CLI_EXIT_OK) {
            if (!a.quiet)
                fprintf(stderr, "omnisim sweep: %zu points; written %s/sweep.csv and "
                                "sweep.json\n",
                        res->n_points, a.out_dir);
        }
    }
    sweep_free(res);
    scenario_diag_fini(&diag);
    scenario_free(base);
    return code;
}
