/* cli_roadmap.c -- `omnisim roadmap SCENARIO --years 2017:2022`: one scenario variant per
 * year (models/study/roadmap.h: segment drift, preference shifts, growth, policies switching on),
 * all run with the same seed and replications. Writes roadmap.csv and roadmap.json
 * atomically (columns in docs/policies.md); prints a table (or the JSON).
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_study.h"
#include "roadmap.h"
#include "scenario.h"
#include "sim_alloc.h"
#include "sim_tally.h"

typedef struct roadmap_out {
    const cli_study_args *a;
    const scenario *scn;
    const roadmap_result *res;
    size_t n_cols;
    char (*cols)[CC_KPI_NAME_MAX]; /* KPI columns: union over years, first appearance */
} roadmap_out;

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int roadmap_kpi(const scenario *scn, const char *name)
{
    if (study_is_reported(scn, name))
        return 1;
    if (strcmp(name, "total.offered") == 0 || strcmp(name, "total.answered") == 0 ||
        strcmp(name, "needs.created") == 0 || strcmp(name, "needs.repeat_per_arrived") == 0)
        return 1;
    if (strncmp(name, "channel.", 8) == 0)
        return ends_with(name, ".offered") || ends_with(name, ".occupancy");
    if (strncmp(name, "cost.line.", 10) == 0 || strncmp(name, "cost.channel.", 13) == 0 ||
        strcmp(name, "cost.people_eur") == 0)
        return 1;
    if (strncmp(name, "pool.", 5) == 0)
        return ends_with(name, ".paid_hours") || ends_with(name, ".on_duty_hours") ||
               ends_with(name, ".occupancy");
    return 0;
}

static int build_cols(roadmap_out *o)
{
    size_t cap = 0;
    for (size_t y = 0; y < o->res->n_years; y++)
        cap += o->res->samples[y].n_kpis;
    o->cols = sim_calloc(cap + 1, sizeof *o->cols);
    if (o->cols == NULL)
        return 0;
    for (size_t y = 0; y < o->res->n_years; y++) {
        const study_sample *s = &o->res->samples[y];
        for (size_t k = 0; k < s->n_kpis; k++) {
            if (!roadmap_kpi(o->scn, s->names[k]))
                continue;
            int seen = 0;
            for (size_t j = 0; j < o->n_cols && !seen; j++)
                seen = strcmp(o->cols[j], s->names[k]) == 0;
            if (!seen)
                strcpy(o->cols[o->n_cols++], s->names[k]);
        }
    }
    return 1;
}

/* Simulated share of offered contacts in voice channels (first and repeat contacts), per
 * replication, as an interval. */
static sim_ci voice_share_ci(const roadmap_out *o, size_t y)
{
    const study_sample *s = &o->res->samples[y];
    size_t kt = study_sample_find(s, "total.offered");
    sim_tally t;
    sim_tally_init(&t);
    for (size_t r = 0; r < s->n_reps && kt != SIZE_MAX; r++) {
        double voice = 0.0;
        for (size_t c = 0; c < o->scn->n_channels; c++) {
            if (o->scn->channels[c].kind != SCENARIO_CHANNEL_VOICE)
                continue;
            char key[CC_KPI_NAME_MAX];
            snprintf(key, sizeof key, "channel.%s.offered", o->scn->channels[c].name);
            size_t k = study_sample_find(s, key);
            if (k != SIZE_MAX)
                voice += s->values[r * s->n_kpis + k];
        }
        double tot = s->values[r * s->n_kpis + kt];
        if (tot > 0.0)
            sim_tally_add(&t, voice / tot);
    }
    return sim_ci_from_tally(&t, o->res->level);
}

static double expected_voice_share(const scenario *scn, const roadmap_year *y)
{
    double v = 0.0;
    for (size_t c = 0; c < scn->n_channels; c++) {
        if (scn->channels[c].kind == SCENARIO_CHANNEL_VOICE)
            v += y->channel_mix[c];
    }
    return v;
}

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
    const roadmap_out *o = vctx;
    const roadmap_result *r = o->res;
    const scenario *scn = o->scn;
    fputs("year,stage,policies,demand_daily_volume,expected_voice_share", fp);
    for (size_t c = 0; c < scn->n_channels; c++)
        fprintf(fp, ",expected_mix.%s,expected_volume.%s", scn->channels[c].name,
                scn->channels[c].name);
    for (size_t i = 0; i < scn->n_segments; i++)
        fprintf(fp, ",segment_share.%s", scn->segments[i].name);
    fputs(",n,voice_share_offered_mean,voice_share_offered_lo,voice_share_offered_hi", fp);
    for (size_t j = 0; j < o->n_cols; j++)
        fprintf(fp, ",%s_mean,%s_lo,%s_hi", o->cols[j], o->cols[j], o->cols[j]);
    fputc('\n', fp);
    for (size_t y = 0; y < r->n_years; y++) {
        const roadmap_year *ry = &r->years[y];
        const study_sample *s = &r->samples[y];
        fprintf(fp, "%d,%s,", ry->year, ry->stage);
        for (size_t p = 0; p < ry->n_policies; p++)
            fprintf(fp, "%s%s", p > 0 ? ";" : "", ry->policies[p]);
        fputc(',', fp);
        cli_study_csv_num(fp, ry->daily_volume);
        fputc(',', fp);
        cli_study_csv_num(fp, expected_voice_share(scn, ry));
        for (size_t c = 0; c < scn->n_channels; c++) {
            fputc(',', fp);
            cli_study_csv_num(fp, ry->channel_mix[c]);
            fputc(',', fp);
            cli_study_csv_num(fp, ry->channel_volume[c]);
        }
        for (size_t i = 0; i < scn->n_segments; i++) {
            fputc(',', fp);
            cli_study_csv_num(fp, ry->segment_share[i]);
        }
        fprintf(fp, ",%zu", s->n_reps);
        sim_ci vs = voice_share_ci(o, y);
        csv_ci(fp, &vs);
        for (size_t j = 0; j < o->n_cols; j++) {
            size_t k = study_sample_find(s, o->cols[j]);
            sim_ci ci = {0, r->level, NAN, NAN, NAN, NAN};
            if (k != SIZE_MAX)
                ci = study_sample_ci(s, k, r->level);
            csv_ci(fp, &ci);
        }
        fputc('\n', fp);
    }
    return ferror(fp) ? -1 : 0;
}

static void json_ci(FILE *fp, const sim_ci *ci)
{
    fputs("{\"mean\": ", fp);
    cli_study_json_num(fp, ci->mean);
    fputs(", \"lo\": ", fp);
    cli_study_json_num(fp, ci->lo);
    fputs(", \"hi\": ", fp);
    cli_study_json_num(fp, ci->hi);
    fprintf(fp, ", \"n\": %llu}", (unsigned long long)ci->n);
}

static int write_json(FILE *fp, void *vctx)
{
    const roadmap_out *o = vctx;
    const roadmap_result *r = o->res;
    const scenario *scn = o->scn;
    fprintf(fp, "{\n  \"omnisim_version\": \"%s\",\n  \"command\": \"roadmap\",\n",
            OMNISIM_VERSION);
    fputs("  \"scenario\": ", fp);
    cli_study_json_str(fp, scn->name);
    fputs(",\n  \"source\": ", fp);
    cli_study_json_str(fp, scn->source_path);
    fprintf(fp, ",\n  \"seed\": %llu,\n  \"replications\": %zu,\n  \"confidence\": ",
            (unsigned long long)r->seed, r->n_reps);
    cli_study_json_num(fp, r->level);
    fputs(",\n  \"years\": [", fp);
    for (size_t y = 0; y < r->n_years; y++) {
        const roadmap_year *ry = &r->years[y];
        const study_sample *s = &r->samples[y];
        fprintf(fp, "%s\n    {\"year\": %d, \"stage\": ", y > 0 ? "," : "", ry->year);
        cli_study_json_str(fp, ry->stage);
        fputs(", \"policies\": [", fp);
        for (size_t p = 0; p < ry->n_policies; p++) {
            fputs(p > 0 ? ", " : "", fp);
            cli_study_json_str(fp, ry->policies[p]);
        }
        fputs("], \"demand_daily_volume\": ", fp);
        cli_study_json_num(fp, ry->daily_volume);
        fputs(", \"expected_voice_share\": ", fp);
        cli_study_json_num(fp, expected_voice_share(scn, ry));
        fputs(", \"channels\": {", fp);
        for (size_t c = 0; c < scn->n_channels; c++) {
            fputs(c > 0 ? ", " : "", fp);
            cli_study_json_str(fp, scn->channels[c].name);
            fputs(": {\"expected_mix\": ", fp);
            cli_study_json_num(fp, ry->channel_mix[c]);
            fputs(", \"expected_volume\": ", fp);
            cli_study_json_num(fp, ry->channel_volume[c]);
            fputc('}', fp);
        }
        fputs("}, \"segments\": {", fp);
        for (size_t i = 0; i < scn->n_segments; i++) {
            fputs(i > 0 ? ", " : "", fp);
            cli_study_json_str(fp, scn->segments[i].name);
            fputs(": ", fp);
            cli_study_json_num(fp, ry->segment_share[i]);
        }
        fputs("}, \"voice_share_offered\": ", fp);
        sim_ci vs = voice_share_ci(o, y);
        json_ci(fp, &vs);
        fputs(", \"kpis\": {", fp);
        for (size_t k = 0; k < s->n_kpis; k++) {
            fputs(k > 0 ? ", " : "", fp);
            cli_study_json_str(fp, s->names[k]);
            fputs(": ", fp);
            sim_ci ci = study_sample_ci(s, k, r->level);
            json_ci(fp, &ci);
        }
        fputs("}}", fp);
    }
    fputs("\n  ]\n}\n", fp);
    return ferror(fp) ? -1 : 0;
}

static double kpi_mean(const roadmap_out *o, size_t y, const char *name)
{
    const study_sample *s = &o->res->samples[y];
    size_t k = study_sample_find(s, name);
    return k == SIZE_MAX ? (double)NAN : study_sample_ci(s, k, o->res->level).mean;
}

static void print_table(const void *vctx)
{
    const roadmap_out *o = vctx;
    const roadmap_result *r = o->res;
    printf("%s: %zu years x %zu replications, seed %llu, %.0f%% intervals\n\n", o->scn->name,
           r->n_years, r->n_reps, (unsigned long long)r->seed, 100.0 * r->level);
    printf("%-6s %-9s %12s %10s %10s %12s %10s %10s %10s %10s %9s %12s %9s  %s\n", "year",
           "stage", "needs/day", "voice%exp", "voice%sim", "offered", "paid h", "total SL%",
           "abandon%", "contacts", "effort", "cost EUR/y", "EUR/need", "policies");
    for (size_t y = 0; y < r->n_years; y++) {
        const roadmap_year *ry = &r->years[y];
        double paid = 0.0;
        const study_sample *s = &r->samples[y];
        for (size_t k = 0; k < s->n_kpis; k++) {
            if (strncmp(s->names[k], "pool.", 5) == 0 && ends_with(s->names[k], ".paid_hours"))
                paid += study_sample_ci(s, k, r->level).mean;
        }
        char pol[512] = "";
        size_t at = 0;
        for (size_t p = 0; p < ry->n_policies && at < sizeof pol; p++)
            at += (size_t)snprintf(pol + at, sizeof pol - at, "%s%s", p > 0 ? "," : "",
                                   ry->policies[p]);
        printf("%-6d %-9s %12.0f %10.1f %10.1f %12.0f %10.0f %10.1f %10.2f %10.3f %9.3f %12.0f "
               "%9.2f  %s\n",
               ry->year, ry->stage[0] ? ry->stage : "-", ry->daily_volume,
               100.0 * expected_voice_share(o->scn, ry), 100.0 * voice_share_ci(o, y).mean,
               kpi_mean(o, y, "total.offered"), paid,
               100.0 * kpi_mean(o, y, "total.realtime_service_level_per_answered_abandoned"),
               100.0 * kpi_mean(o, y, "total.realtime_abandoned_per_offered"),
               kpi_mean(o, y, "needs.contacts_per_resolved_need"),
               kpi_mean(o, y, "effort.score"), kpi_mean(o, y, "cost.year_eur"),
               kpi_mean(o, y, "cost.per_resolved_need_eur"), pol);
    }
    printf("\nvoice%%exp: voice share of first contacts from the year's mix; voice%%sim: of all "
           "offered contacts (repeats included)\noffered and paid hours are per simulated "
           "horizon (%zu days)\n",
           o->scn->horizon_days);
}

/* The years of --years FIRST:LAST. */
typedef struct roadmap_years {
    int first, last;
} roadmap_years;

/* --years (a cli_opt parse function): 1 when s is FIRST:LAST within 1900..2200. */
static int parse_years(const char *s, void *dest)
{
    roadmap_years *y = dest;
    char *end = NULL;
    long a = strtol(s, &end, 10);
    if (end == s || *end != ':')
        return 0;
    const char *b = end + 1;
    long bb = strtol(b, &end, 10);
    if (end == b || *end != '\0' || a < 1900 || bb > 2200 || a > bb)
        return 0;
    y->first = (int)a;
    y->last = (int)bb;
    return 1;
}

int cli_roadmap_main(int argc, char **argv)
{
    cli_study_args a;
    cli_study_args_init(&a, "roadmap");
    roadmap_options ro;
    roadmap_options_default(&ro);
    roadmap_years years = {0, 0};
    int years_set = 0;
    const cli_opt table[] = {
        {CLI_OPT_ROW_CUSTOM("years", &years), .metavar = "FIRST:LAST",
         .given = &years_set, .parse = parse_years,
         .expect = "FIRST:LAST with 1900 <= FIRST <= LAST <= 2200",
         .help = "years", .def = "the roadmap's first_year:last_year"},
        {CLI_OPT_ROW_FLAG("erlang-staffing", &ro.erlang_staffing),
         .help = "size every group by Erlang each year (staff follows demand); default: "
                 "staffing as the scenario says"},
        {CLI_OPT_USE(POLICY), .help = "a policy applied in every year (before the roadmap's)"},
        {CLI_OPT_USE(SET), .help = "an override applied in every year (after the year's)"},
        {CLI_OPT_USE(INCLUDE_ROOT)},
        {CLI_OPT_USE(NO_INCLUDES)},
        {CLI_OPT_USE(REPLICATIONS), .help = "replications per year"},
        {CLI_OPT_USE(SEED)},
        {CLI_OPT_USE(THREADS)},
        {CLI_OPT_USE(MAX_IN_SYSTEM)},
        {CLI_OPT_USE(OUTPUT), .help = "output directory for roadmap.csv and roadmap.json"},
        {CLI_OPT_USE(JSON), .help = "print roadmap.json on stdout instead of the table"},
        {CLI_OPT_USE(QUIET)},
    };
    const cli_opt_spec spec = {
        "roadmap",
        "omnisim roadmap [SCENARIO] [--years FIRST:LAST] [options]",
        "Simulate each year of the scenario's roadmap: segment shares drift, channel\n"
        "preferences shift toward digital, demand grows, and the roadmap's policies switch\n"
        "on in their year (with the readiness stage reached). Every year runs with the same\n"
        "seed and replications. Output per year: volumes and mix per channel, staff,\n"
        "service, omnichannel KPIs (and costs when the cost model is built in).",
        "Exit codes: 0 ok, 1 invalid scenario or year, 2 usage error, 3 runtime failure,\n"
        "130/143/129 interrupted.",
        "SCENARIO", 0, 1, table, sizeof table / sizeof table[0]};
    int code = cli_opt_parse(&spec, &a, argc, argv);
    if (code != CLI_OPT_GO_ON)
        return code;
    int first = years.first, last = years.last;
    scenario *base = NULL;
    code = cli_study_load(&a, &base);
    if (code != CLI_EXIT_OK)
        return code;
    if ((code = cli_output_check(a.cmd, a.out_dir)) != CLI_EXIT_OK) {
        scenario_free(base); /* results could not be written: run nothing */
        return code;
    }
    if (!years_set) {
        first = base->roadmap.present ? base->roadmap.first_year : base->year;
        last = base->roadmap.present ? base->roadmap.last_year : base->year;
    }
    if (!base->roadmap.present && !a.quiet)
        fprintf(stderr, "omnisim roadmap: note: %s has no roadmap; every year is the same "
                        "scenario\n",
                base->name);
    ro.reps = (size_t)a.reps;
    ro.use_seed = a.seed_set;
    ro.seed = a.seed;
    ro.study.threads = (int)a.threads;
    ro.study.max_in_system = (size_t)a.max_in_system;
    ro.study.hook = cli_study_cost_hook();
    scenario_diag diag;
    scenario_diag_init(&diag);
    sim_error err;
    sim_error_clear(&err);
    roadmap_result *res = NULL;
    ro.study.interrupted = cli_study_sigint_begin();
    sim_status st = roadmap_run(base, first, last, a.policies, a.n_policies, a.sets, a.n_sets,
                                &ro, &res, &diag, &err);
    cli_study_sigint_end();
    roadmap_out o = {&a, base, res, 0, NULL};
    if (st != SIM_OK) {
        code = cli_study_fail(&a, st, &err, &diag);
    } else if (!build_cols(&o)) {
        fprintf(stderr, "omnisim roadmap: error: out of memory\n");
        code = CLI_EXIT_RUNTIME;
    } else {
        code = cli_study_emit(&a, "roadmap", write_csv, write_json, print_table, &o);
        if (code == CLI_EXIT_OK)
            code = cli_study_manifest(&a, base);
        if (code == CLI_EXIT_OK) {
            if (!a.quiet)
                fprintf(stderr, "omnisim roadmap: %d-%d; written %s/roadmap.csv and "
                                "roadmap.json\n",
                        first, last, a.out_dir);
        }
    }
    sim_free(o.cols);
    roadmap_free(res);
    scenario_diag_fini(&diag);
    scenario_free(base);
    return code;
}
