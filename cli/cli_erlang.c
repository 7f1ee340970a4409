/* cli_erlang.c -- `omnisim erlang`: the Erlang C / Erlang A calculator and staffing solver.
 *
 * Given agents it prints every measure (the reverse calculation); given a target instead it
 * solves for the fewest agents. Units on the command line are the planner's: contacts per
 * hour; handle time, threshold, patience and ASA in seconds. The library works per second.
 * --json prints one object whose field names are a stable interface (docs/outputs.md); the
 * writers are output/out_erlang.h's.
 * Exit codes: 0 ok, 1 invalid input (a combination the library rules out, named by it), 2
 * usage (also a value out of its option's range), 3 numerical failure.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_opt.h"
#include "erlang.h"
#include "erlang_staff.h"
#include "out_erlang.h"

/* Report a library error under the option's name instead of the library field's. */
static int report(const char *cmd, sim_error *err)
{
    static const char *const map[][2] = {
        {"arrival_rate", "--rate"},
        {"aht_s", "--aht"},
        {"agents", "--agents"},
        {"patience_s", "--patience"},
        {"threshold_s", "--threshold"},
        {"redial_share", "--redial"},
        {"target.service_level", "--target"},
        {"target.max_asa_s", "--max-asa"},
        {"target.max_abandon", "--max-abandon"},
        {"target.max_occupancy", "--max-occupancy"},
        {"target.shrinkage", "--shrinkage"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
        if (strcmp(err->path, map[i][0]) == 0) {
            snprintf(err->path, sizeof err->path, "%s", map[i][1]);
            break;
        }
    }
    return cli_report_error(cmd, err);
}

int cli_erlang_main(int argc, char **argv)
{
    const char *cmd = "erlang";
    erlang_queue q;
    erlang_queue_init(&q);
    erlang_target t;
    erlang_staff_target_init(&t);
    int have_rate = 0, have_aht = 0, have_agents = 0, have_target = 0, fractional = 0;
    int have_shrinkage = 0, have_max_abandon = 0;
    double per_hour = 0.0;
    long chat = 0;
    cli_opt_common c;
    cli_opt_common_init(&c, cmd);
    /* The ranges are the library's (erlang_queue_check, erlang_staff's target check) in the
     * planner's units, so that a value out of range is a usage error (exit 2) naming the
     * option; what only a combination rules out (agents at or below the load, redials
     * without patience, an unreachable target) stays the library's to judge (exit 1). */
    const cli_opt table[] = {
        {CLI_OPT_ROW_NUM("rate", &per_hour), .metavar = "R",
         .given = &have_rate, .lo = 0, .hi = HUGE_VAL, .flags = CLI_OPT_LO_OPEN,
         .help = "arrivals, contacts per hour"},
        {CLI_OPT_ROW_NUM("aht", &q.aht_s), .metavar = "S",
         .given = &have_aht, .lo = 0, .hi = HUGE_VAL, .flags = CLI_OPT_LO_OPEN,
         .help = "mean handle time, seconds"},
        {CLI_OPT_ROW_NUM("agents", &q.agents), .metavar = "N",
         .given = &have_agents, .lo = 0, .hi = ERLANG_MAX_AGENTS, .flags = CLI_OPT_LO_OPEN,
         .help = "agents; may be fractional (continuous extension of the formulas, as used "
                 "when blending queues)"},
        {CLI_OPT_ROW_NUM("threshold", &q.threshold_s), .metavar = "T",
         .lo = 0, .hi = HUGE_VAL, .help = "service-level threshold, seconds",
         .def = "20; NEN 8878 uses 15"},
        {CLI_OPT_ROW_NUM("patience", &q.patience_s), .metavar = "P",
         .lo = 0, .hi = HUGE_VAL, .help = "mean patience, seconds: Erlang A with abandonment"},
        {CLI_OPT_ROW_NUM("redial", &q.redial_share), .metavar = "P",
         .lo = 0, .hi = 1, .flags = CLI_OPT_HI_OPEN,
         .help = "share of abandoning callers who call again (with --patience)"},
        {CLI_OPT_ROW_INT("chat", &chat), .metavar = "M", .lo = 1, .hi = 100,
         .help = "an agent handles M chats at once (slot approximation; --aht is one chat's "
                 "duration at that concurrency)"},
        {CLI_OPT_USE(JSON), .help = "one JSON object on stdout instead of a table"},
        {.type = CLI_OPT_HEADING, .help = "targets (instead of --agents; any combination):"},
        {CLI_OPT_ROW_NUM("target", &t.service_level), .metavar = "P",
         .given = &have_target, .lo = 0, .hi = 1,
         .help = "share answered within the threshold (e.g. 0.8)"},
        {CLI_OPT_ROW_NUM("max-asa", &t.max_asa_s), .metavar = "S",
         .given = &have_target, .lo = 0, .hi = HUGE_VAL,
         .help = "average speed of answer at most S seconds"},
        {CLI_OPT_ROW_NUM("max-abandon", &t.max_abandon), .metavar = "P",
         .given = &have_max_abandon, .lo = 0, .hi = 1,
         .help = "abandonment at most P (with --patience)"},
        {CLI_OPT_ROW_NUM("max-occupancy", &t.max_occupancy), .metavar = "P",
         .given = &have_target, .lo = 0, .hi = 1,
         .help = "occupancy at most P"},
        {CLI_OPT_ROW_NUM("shrinkage", &t.shrinkage), .metavar = "P",
         .given = &have_shrinkage, .lo = 0, .hi = 1, .flags = CLI_OPT_HI_OPEN,
         .help = "share of paid time unavailable: staff = agents/(1-P)"},
        {CLI_OPT_ROW_FLAG("fractional", &fractional),
         .help = "solve for fractional agents instead of whole ones"},
    };
    const cli_opt_spec spec = {
        "erlang",
        "omnisim erlang --rate R --aht S (--agents N | TARGET...) [options]",
        "Erlang C (M/M/n) or, with --patience, Erlang A (M/M/n+M): every measure for a\n"
        "given number of agents, or the fewest agents that meet the targets.",
        "JSON fields: agents, offered_load (Erlang), p_wait, service_level, asa (s),\n"
        "occupancy; with --patience also p_abandon, service_level_answered; see\n"
        "docs/erlang.md for all fields.\n"
        "Exit codes: 0 ok, 1 invalid input (a combination the formulas cannot serve, such\n"
        "as agents at or below the offered load without patience), 2 usage error (also a\n"
        "value out of its range), 3 numerical failure.",
        NULL, 0, 0, table, sizeof table / sizeof table[0]};
    int code = cli_opt_parse(&spec, &c, argc, argv);
    if (code != CLI_OPT_GO_ON)
        return code;
    int json = c.json;
    have_target |= have_max_abandon;
    if (!have_rate)
        return cli_usage_error(cmd, "option '--rate' is required (contacts per hour)");
    if (!have_aht)
        return cli_usage_error(cmd, "option '--aht' is required (seconds)");
    if (have_agents == have_target)
        return cli_usage_error(cmd, have_agents ? "give --agents or targets, not both"
                                                : "give --agents, or a target such as --target 0.8");
    /* An option the mode would not use is an error, not silently dropped. */
    if (have_shrinkage && have_agents)
        return cli_usage_error(cmd, "--shrinkage applies when solving for a target, not with "
                                    "--agents (staff = agents/(1-P) is not computed for given "
                                    "agents)");
    if (have_max_abandon && !(q.patience_s > 0.0))
        return cli_usage_error(cmd, "--max-abandon needs --patience: without patience "
                                    "(Erlang C) nobody abandons");
    if (fractional && !have_target)
        return cli_usage_error(cmd, "--fractional applies when solving for a target");
    if (fractional && chat > 0)
        return cli_usage_error(cmd, "--fractional and --chat cannot be combined");
    sim_error err;
    sim_error_clear(&err);
    q.arrival_rate = per_hour / 3600.0;
    erlang_result r;
    erlang_staffing solved;
    sim_status st;
    unsigned m = (unsigned)chat;
    out_erlang out = {&q, &r, m, NULL};
    if (have_agents) {
        erlang_queue slots = q;
        if (m > 0)
            slots.agents = q.agents * m;
        st = erlang_eval(&slots, &r, &err);
    } else if (m > 0) {
        st = erlang_staff_chat(&q, m, &t, &solved, &err);
    } else if (fractional) {
        st = erlang_staff_solve_fractional(&q, &t, &solved, &err);
    } else {
        st = erlang_staff_solve(&q, &t, &solved, &err);
    }
    if (st != SIM_OK)
        return report(cmd, &err);
    if (!have_agents) {
        out.r = &solved.at;
        out.solved = &solved;
    }
    if (json)
        return out_erlang_json(stdout, &out) == 0 ? CLI_EXIT_OK : CLI_EXIT_RUNTIME;
    out_erlang_print(stdout, &out);
    return CLI_EXIT_OK;
}
