/* cli_simstaff.c -- `omnisim simstaff SCENARIO`: the fewest agents per interval of the week
 * for which the simulated service level meets the target at a stated confidence
 * (models/study/simstaff.h), next to Erlang C, with a validation run on a fresh seed. Writes
 * simstaff.csv and simstaff.json atomically (columns in docs/policies.md).
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_study.h"
#include "scenario.h"
#include "simstaff.h"

typedef struct simstaff_out {
    const cli_study_args *a;
    const scenario *scn;
    const simstaff_result *res;
} simstaff_out;

static const char *const weekday_names[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

static double agent_hours(const simstaff_result *r, const size_t *agents)
{
    double h = 0.0;
    for (size_t q = 0; q < r->n_groups * r->n_week; q++)
        h += (double)agents[q] * r->interval_s / 3600.0;
    return h;
}

static int write_csv(FILE *fp, void *vctx)
{
    const simstaff_out *o = vctx;
    const simstaff_result *r = o->res;
    fputs("group,channel,weekday,interval,start,target,erlang_c_agents,sim_agents,sl_mean,"
          "sl_lcb,sl_n,val_mean,val_lo,val_hi,erlang_val_mean,erlang_val_lo,erlang_val_hi,"
          "unreachable\n",
          fp);
    for (size_t k = 0; k < r->n_groups; k++) {
        const scenario_group *g = &o->scn->groups[r->groups[k]];
        for (size_t c = 0; c < r->n_channels; c++) {
            const simstaff_channel *ch = &r->channels[c];
            int serves = 0;
            for (size_t j = 0; j < g->n_skills; j++)
                serves |= g->skills[j].channel == ch->channel;
            if (!serves)
                continue;
            for (size_t i = 0; i < r->n_week; i++) {
                size_t iv = i % r->intervals_per_day;
                double start = (double)iv * r->interval_s;
                fprintf(fp, "%s,%s,%s,%zu,%02d:%02d,", r->group_names[k],
                        o->scn->channels[ch->channel].name, weekday_names[i / r->intervals_per_day],
                        iv, (int)(start / 3600.0), (int)fmod(start / 60.0, 60.0));
                cli_study_csv_num(fp, ch->target);
                fprintf(fp, ",%zu,%zu,", r->erlang[k * r->n_week + i], r->agents[k * r->n_week + i]);
                const double *cols[] = {ch->sl_mean + i, ch->sl_lcb + i};
                for (size_t q = 0; q < 2; q++) {
                    cli_study_csv_num(fp, *cols[q]);
                    fputc(',', fp);
                }
                fprintf(fp, "%zu", ch->sl_n[i]);
                const double *v[] = {ch->val_mean + i, ch->val_lo + i, ch->val_hi + i,
                                     ch->erl_mean + i, ch->erl_lo + i, ch->erl_hi + i};
                for (size_t q = 0; q < 6; q++) {
                    fputc(',', fp);
                    cli_study_csv_num(fp, *v[q]);
                }
                fprintf(fp, ",%d\n", r->unreachable[k * r->n_week + i]);
            }
        }
    }
    return ferror(fp) ? -1 : 0;
}

static int write_json(FILE *fp, void *vctx)
{
    const simstaff_out *o = vctx;
    const simstaff_result *r = o->res;
    fprintf(fp, "{\n  \"omnisim_version\": \"%s\",\n  \"command\": \"simstaff\",\n",
            OMNISIM_VERSION);
    fputs("  \"scenario\": ", fp);
    cli_study_json_str(fp, o->scn->name);
    fputs(",\n  \"source\": ", fp);
    cli_study_json_str(fp, o->scn->source_path);
    fprintf(fp, ",\n  \"seed\": %llu,\n  \"replications\": %zu,\n  \"confidence\": ",
            (unsigned long long)r->seed, r->n_reps);
    cli_study_json_num(fp, r->level);
    fprintf(fp, ",\n  \"criterion\": \"one-sided lower confidence bound of the service level "
                ">= target, per channel and interval of the week\",\n");
    fprintf(fp, "  \"iterations\": %zu,\n  \"converged\": %s,\n  \"unreachable_intervals\": "
                "%zu,\n  \"interval_s\": ",
            r->iterations, r->converged ? "true" : "false", r->n_unreachable);
    cli_study_json_num(fp, r->interval_s);
    fputs(",\n  \"agent_hours_per_week\": {\"simulation\": ", fp);
    cli_study_json_num(fp, agent_hours(r, r->agents));
    fputs(", \"erlang_c\": ", fp);
    cli_study_json_num(fp, agent_hours(r, r->erlang));
    fprintf(fp, "},\n  \"confirmation_rounds\": %zu,\n  \"days_simulated\": [",
            r->confirmations);
    for (size_t d = 0, n = 0; d < 7; d++) {
        if (r->days_simulated & (1u << d))
            fprintf(fp, "%s\"%s\"", n++ > 0 ? ", " : "", weekday_names[d]);
    }
    fputs("],\n", fp);
    fprintf(fp, "  \"validation\": {\"seed\": %llu, \"replications\": %zu, "
                "\"interval_level\": ",
            (unsigned long long)r->validate_seed, r->validate_reps);
    cli_study_json_num(fp, r->family_level);
    fprintf(fp, ", \"simulation\": {\"intervals_checked\": %zu, \"below_target\": %zu, "
                "\"below_target_per_interval_level\": %zu}, "
                "\"erlang_c\": {\"intervals_checked\": %zu, \"below_target\": %zu, "
                "\"below_target_per_interval_level\": %zu}},\n",
            r->val_checked, r->val_below, r->val_below_marginal, r->erl_checked, r->erl_below,
            r->erl_below_marginal);
    fputs("  \"groups\": [", fp);
    for (size_t k = 0; k < r->n_groups; k++) {
        fputs(k > 0 ? ",\n    {\"name\": " : "\n    {\"name\": ", fp);
        cli_study_json_str(fp, r->group_names[k]);
        const size_t *arrs[2] = {r->agents + k * r->n_week, r->erlang + k * r->n_week};
        const char *keys[2] = {"simulation", "erlang_c"};
        for (size_t q = 0; q < 2; q++) {
            fprintf(fp, ", \"%s\": [", keys[q]);
            for (size_t i = 0; i < r->n_week; i++)
                fprintf(fp, "%s%zu", i > 0 ? "," : "", arrs[q][i]);
            fputc(']', fp);
        }
        fputc('}', fp);
    }
    fputs("\n  ]\n}\n", fp);
    return ferror(fp) ? -1 : 0;
}

static void print_table(const void *vctx)
{
    const simstaff_out *o = vctx;
    const simstaff_result *r = o->res;
    printf("%s: simulation staffing, %zu replications per step, seed %llu, lower bound at "
           "%.0f%%\n",
           o->scn->name, r->n_reps, (unsigned long long)r->seed, 100.0 * r->level);
    printf("search: %zu step%s (%zu on fresh confirmation seeds), %s\n\n", r->iterations,
           r->iterations == 1 ? "" : "s", r->confirmations,
           r->converged ? "converged" : "NOT converged (max iterations)");
    printf("%-16s %-4s %14s %14s %10s %10s\n", "group", "day", "sim agent-h", "ErlangC agent-h",
           "sim peak", "ErlangC peak");
    for (size_t k = 0; k < r->n_groups; k++) {
        for (size_t d = 0; d < 7; d++) {
            double hs = 0.0, he = 0.0;
            size_t ps = 0, pe = 0;
            for (size_t iv = 0; iv < r->intervals_per_day; iv++) {
                size_t q = k * r->n_week + d * r->intervals_per_day + iv;
                hs += (double)r->agents[q] * r->interval_s / 3600.0;
                he += (double)r->erlang[q] * r->interval_s / 3600.0;
                ps = r->agents[q] > ps ? r->agents[q] : ps;
                pe = r->erlang[q] > pe ? r->erlang[q] : pe;
            }
            printf("%-16s %-4s %14.1f %14.1f %10zu %10zu\n", r->group_names[k], weekday_names[d],
                   hs, he, ps, pe);
        }
    }
    printf("\nagent-hours per week: simulation %.1f, Erlang C %.1f\n", agent_hours(r, r->agents),
           agent_hours(r, r->erlang));
    if (r->days_simulated != 0x7fu)
        printf("note: the horizon does not cover every weekday; days not simulated keep "
               "Erlang C's staffing\n");
    if (r->validate_reps >= 2)
        printf("validation (seed %llu, %zu replications, family-wise %.0f%%): simulation "
               "staffing below target in %zu of %zu intervals (%zu at the per-interval "
               "level); Erlang C in %zu of %zu (%zu)\n",
               (unsigned long long)r->validate_seed, r->validate_reps, 100.0 * r->level,
               r->val_below, r->val_checked, r->val_below_marginal, r->erl_below,
               r->erl_checked, r->erl_below_marginal);
}

/* --validate-reps (a cli_opt parse function): 0, or 2 .. SCENARIO_MAX_REPLICATIONS. */
static int parse_vreps(const char *s, void *dest)
{
    char *end = NULL;
    long v = strtol(s, &end, 10);
    if (end == s || *end != '\0' || v < 0 || v == 1 || v > SCENARIO_MAX_REPLICATIONS)
        return 0;
    *(long *)dest = v;
    return 1;
}

int cli_simstaff_main(int argc, char **argv)
{
    cli_study_args a;
    cli_study_args_init(&a, "simstaff");
    simstaff_options so;
    simstaff_options_default(&so);
    long vreps = -1, maxit = 0;
    unsigned long long vseed = 0;
    int vseed_set = 0;
    const cli_opt table[] = {
        {CLI_OPT_ROW_TEXT("group", &so.group), .metavar = "NAME",
         .expect = "a group name", .help = "size only this group"},
        {CLI_OPT_ROW_NUM("confidence", &so.level), .metavar = "L",
         .lo = 0.51, .hi = 0.9999, .help = "level of the lower bound",
         .def = "the scenario's"},
        {CLI_OPT_USE(REPLICATIONS), .help = "replications per search step"},
        {CLI_OPT_USE(SEED), .help = "search seed"},
        {CLI_OPT_ROW_CUSTOM("validate-reps", &vreps), .metavar = "N",
         .parse = parse_vreps, .expect = "0, or an integer in [2, 100000]",
         .help = "validation replications; 0 = none", .def = "max(10, N)"},
        {CLI_OPT_ROW_U64("validate-seed", &vseed), .metavar = "N",
         .given = &vseed_set, .help = "validation seed", .def = "search seed + 1000003"},
        {CLI_OPT_ROW_INT("max-iterations", &maxit), .metavar = "N",
         .lo = 1, .hi = 100000, .help = "search steps at most", .def = "200"},
        {CLI_OPT_USE(POLICY), .help = "apply a policy first"},
        {CLI_OPT_USE(SET), .help = "apply an override first"},
        {CLI_OPT_USE(INCLUDE_ROOT)},
        {CLI_OPT_USE(NO_INCLUDES)},
        {CLI_OPT_USE(THREADS)},
        {CLI_OPT_USE(MAX_IN_SYSTEM)},
        {CLI_OPT_USE(OUTPUT), .help = "output directory for simstaff.csv and simstaff.json"},
        {CLI_OPT_USE(JSON), .help = "print simstaff.json on stdout instead of the table"},
        {CLI_OPT_USE(QUIET)},
    };
    const cli_opt_spec spec = {
        "simstaff",
        "omnisim simstaff [SCENARIO] [options]",
        "Staff by simulation: per interval of the week, the fewest agents for which the\n"
        "lower confidence bound of the simulated service level meets each real-time\n"
        "channel's target (hopping, retrials, abandonment and callbacks included), next to\n"
        "what Erlang C staffs. Both are then validated on a fresh seed: an interval is\n"
        "below target when its validation interval lies entirely below the target.\n"
        "Groups sized: every group whose channels are all voice, video or chat (or --group).",
        "Exit codes: 0 ok, 1 invalid scenario, or the search did not converge, or the\n"
        "target is out of the groups' reach in some interval, or the validation found an\n"
        "interval below target; 2 usage error; 3 runtime failure;\n"
        "130/143/129 interrupted.",
        "SCENARIO", 0, 1, table, sizeof table / sizeof table[0]};
    int code = cli_opt_parse(&spec, &a, argc, argv);
    if (code != CLI_OPT_GO_ON)
        return code;
    if (vseed_set) {
        so.validate_seed = vseed;
        so.validate_seed_set = 1;
    }
    scenario *base = NULL;
    code = cli_study_load(&a, &base);
    if (code != CLI_EXIT_OK)
        return code;
    if ((code = cli_output_check(a.cmd, a.out_dir)) != CLI_EXIT_OK) {
        scenario_free(base); /* results could not be written: run nothing */
        return code;
    }
    so.reps = (size_t)a.reps;
    so.use_seed = a.seed_set;
    so.seed = a.seed;
    so.max_iterations = (size_t)maxit;
    size_t search_reps = a.reps > 0 ? (size_t)a.reps : base->replications;
    so.validate_reps = vreps >= 0 ? (size_t)vreps : (search_reps > 10 ? search_reps : 10);
    so.study.threads = (int)a.threads;
    so.study.max_in_system = (size_t)a.max_in_system;
    if (!a.quiet)
        fprintf(stderr, "omnisim simstaff: %s, searching on %ld thread(s)\n", base->name,
                a.threads);
    scenario_diag diag;
    scenario_diag_init(&diag);
    sim_error err;
    sim_error_clear(&err);
    simstaff_result *res = NULL;
    so.study.interrupted = cli_study_sigint_begin();
    sim_status st = simstaff_run(base, a.policies, a.n_policies, a.sets, a.n_sets, &so, &res,
                                 &diag, &err);
    cli_study_sigint_end();
    if (st != SIM_OK) {
        code = cli_study_fail(&a, st, &err, &diag);
    } else {
        simstaff_out o = {&a, base, res};
        code = cli_study_emit(&a, "simstaff", write_csv, write_json, print_table, &o);
        if (code == CLI_EXIT_OK)
            code = cli_study_manifest(&a, base);
        if (code == CLI_EXIT_OK) {
            if (!a.quiet)
                fprintf(stderr, "omnisim simstaff: written %s/simstaff.csv and simstaff.json\n",
                        a.out_dir);
            if (res->n_unreachable > 0)
                fprintf(stderr, "omnisim simstaff: the target is out of reach of these groups "
                                "in %zu interval(s) (more agents did not raise the service "
                                "level: an outsourcer or another group holds the queue); see "
                                "unreachable in simstaff.csv\n",
                        res->n_unreachable);
            if (!res->converged || res->val_below > 0 || res->n_unreachable > 0) {
                if (!res->converged || res->val_below > 0)
                    fprintf(stderr, "omnisim simstaff: %s\n",
                            !res->converged ? "the search did not converge"
                                            : "the validation found intervals below target");
                code = CLI_EXIT_BAD_INPUT;
            }
        }
    }
    simstaff_free(res);
    scenario_diag_fini(&diag);
    scenario_free(base);
    return code;
}
