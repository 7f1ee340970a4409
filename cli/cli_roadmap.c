/* cli_roadmap.c -- `omnisim roadmap SCENARIO --years 2017:2022`: one scenario variant per
 * year (models/study/roadmap.h: segment drift, preference shifts, growth, policies switching on),
 * all run with the same seed and replications. Writes roadmap.csv and roadmap.json
 * atomically and prints a table or the JSON (output/out_roadmap.h).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_study.h"
#include "out_roadmap.h"
#include "roadmap.h"
#include "scenario.h"

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
        {CLI_OPT_USE(XLSX)},
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
    if (st != SIM_OK) {
        code = cli_study_fail(&a, st, &err, &diag);
    } else {
        out_roadmap o;
        if (out_roadmap_init(&o, base, res, &err) != SIM_OK) {
            code = cli_report_error("roadmap", &err);
        } else {
            out_study_files files = out_roadmap_files(&o);
            code = cli_study_emit(&a, base, &files);
        }
        out_roadmap_fini(&o);
        if (code == CLI_EXIT_OK)
            code = cli_study_manifest(&a, base);
        if (code == CLI_EXIT_OK && !a.quiet)
            fprintf(stderr, "omnisim roadmap: %d-%d; written %s/roadmap.csv and "
                            "roadmap.json\n",
                    first, last, a.out_dir);
    }
    roadmap_free(res);
    scenario_diag_fini(&diag);
    scenario_free(base);
    return code;
}
