/* cli_erlang.c -- `omnisim erlang`: the Erlang C / Erlang A calculator and staffing solver.
 *
 * Given agents it prints every measure (the reverse calculation); given a target instead it
 * solves for the fewest agents. Units on the command line are the planner's: contacts per
 * hour; handle time, threshold, patience and ASA in seconds. The library works per second.
 * --json prints one object whose field names are a stable interface (docs/erlang.md).
 * Exit codes: 0 ok, 1 invalid input (named by the library), 2 usage, 3 numerical failure.
 */
#define _GNU_SOURCE
#include <float.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli.h"
#include "erlang.h"
#include "erlang_staff.h"

static void erlang_usage(FILE *out)
{
    fprintf(out,
            "usage: omnisim erlang --rate R --aht S (--agents N | TARGET...) [options]\n"
            "\n"
            "Erlang C (M/M/n) or, with --patience, Erlang A (M/M/n+M): every measure for a\n"
            "given number of agents, or the fewest agents that meet the targets.\n"
            "\n"
            "  --rate R            arrivals, contacts per hour (> 0)\n"
            "  --aht S             mean handle time, seconds (> 0)\n"
            "  --agents N          agents; may be fractional (continuous extension of the\n"
            "                      formulas, as used when blending queues)\n"
            "  --threshold T       service-level threshold, seconds (default 20; NEN 8878: 15)\n"
            "  --patience P        mean patience, seconds: Erlang A with abandonment\n"
            "  --redial P          share of abandoning callers who call again (with --patience)\n"
            "  --chat M            an agent handles M chats at once (slot approximation;\n"
            "                      --aht is one chat's duration at that concurrency)\n"
            "  --json              one JSON object on stdout instead of a table\n"
            "\n"
            "targets (instead of --agents; any combination):\n"
            "  --target P          share answered within the threshold, 0..1 (e.g. 0.8)\n"
            "  --max-asa S         average speed of answer at most S seconds\n"
            "  --max-abandon P     abandonment at most P, 0..1 (with --patience)\n"
            "  --max-occupancy P   occupancy at most P, 0..1\n"
            "  --shrinkage P       share of paid time unavailable, 0..1: staff = agents/(1-P)\n"
            "  --fractional        solve for fractional agents instead of whole ones\n"
            "\n"
            "JSON fields: agents, offered_load (Erlang), p_wait, service_level, asa (s),\n"
            "occupancy; with --patience also p_abandon, service_level_answered; see\n"
            "docs/erlang.md for all fields.\n"
            "Exit codes: 0 ok, 1 invalid input, 2 usage error, 3 numerical failure.\n");
}

enum {
    OPT_RATE = 1000, OPT_AHT, OPT_AGENTS, OPT_THRESHOLD, OPT_PATIENCE, OPT_REDIAL, OPT_CHAT,
    OPT_JSON, OPT_TARGET, OPT_MAX_ASA, OPT_MAX_ABANDON, OPT_MAX_OCCUPANCY, OPT_SHRINKAGE,
    OPT_FRACTIONAL, OPT_HELP
};

static void print_table(const erlang_queue *q, const erlang_result *r, unsigned chat,
                        const erlang_staffing *solved)
{
    int with_a = q->patience_s > 0.0;
    printf("%s\n", with_a ? "Erlang A (M/M/n+M, exponential patience)" : "Erlang C (M/M/n)");
    printf("  %-28s %.6g contacts/h x %.6g s = %.6g Erlang\n", "offered load",
           r->arrival_rate * 3600.0, q->aht_s, r->offered_load);
    if (q->redial_share > 0.0)
        printf("  %-28s %.6g contacts/h fresh, %.6g with redials\n", "arrivals",
               q->arrival_rate * 3600.0, r->arrival_rate * 3600.0);
    if (chat > 0) {
        printf("  %-28s %.10g (%u chats each, %.10g slots)\n", "agents",
               solved != NULL ? solved->agents : r->agents / chat, chat, r->agents);
    } else {
        printf("  %-28s %.10g\n", "agents", r->agents);
    }
    if (solved != NULL)
        printf("  %-28s %.10g\n", "scheduled staff", solved->staff);
    printf("  %-28s %.6f\n", "P(wait)", r->p_wait);
    if (with_a) {
        printf("  %-28s %.6f\n", "P(abandon)", r->p_abandon);
        printf("  %-28s %.6f (answered within %g s, of all arrivals)\n", "service level",
               r->service_level, q->threshold_s);
        printf("  %-28s %.6f\n", "service level of answered", r->service_level_answered);
    } else {
        printf("  %-28s %.6f (answered within %g s)\n", "service level", r->service_level,
               q->threshold_s);
    }
    printf("  %-28s %.6g s\n", "ASA (answered)", r->asa_s);
    printf("  %-28s %.6g s\n", "mean wait (all arrivals)", r->mean_wait_s);
    printf("  %-28s %.6g s\n", "mean wait of those who wait", r->wait_if_delayed_s);
    printf("  %-28s %.6f\n", "occupancy", r->occupancy);
    printf("  %-28s %.6g\n", "Erlang B", r->erlang_b);
}

static int print_json(const erlang_queue *q, const erlang_result *r, unsigned chat,
                      const erlang_staffing *solved)
{
    cJSON *o = cJSON_CreateObject();
    if (o == NULL)
        return CLI_EXIT_RUNTIME;
    int with_a = q->patience_s > 0.0;
    double agents = chat > 0 ? (solved != NULL ? solved->agents : q->agents) : r->agents;
    cJSON_AddStringToObject(o, "model", with_a ? "erlang_a" : "erlang_c");
    cJSON_AddNumberToObject(o, "agents", agents);
    if (chat > 0) {
        cJSON_AddNumberToObject(o, "chat_concurrency", chat);
        cJSON_AddNumberToObject(o, "chat_slots", r->agents);
    }
    if (solved != NULL)
        cJSON_AddNumberToObject(o, "staff", solved->staff);
    cJSON_AddNumberToObject(o, "rate_per_hour", r->arrival_rate * 3600.0);
    cJSON_AddNumberToObject(o, "aht", q->aht_s);
    cJSON_AddNumberToObject(o, "threshold", q->threshold_s);
    cJSON_AddNumberToObject(o, "offered_load", r->offered_load);
    cJSON_AddNumberToObject(o, "erlang_b", r->erlang_b);
    cJSON_AddNumberToObject(o, "p_wait", r->p_wait);
    cJSON_AddNumberToObject(o, "service_level", r->service_level);
    cJSON_AddNumberToObject(o, "asa", r->asa_s);
    cJSON_AddNumberToObject(o, "mean_wait", r->mean_wait_s);
    cJSON_AddNumberToObject(o, "wait_if_delayed", r->wait_if_delayed_s);
    cJSON_AddNumberToObject(o, "occupancy", r->occupancy);
    if (with_a) {
        cJSON_AddNumberToObject(o, "patience", q->patience_s);
        cJSON_AddNumberToObject(o, "p_abandon", r->p_abandon);
        cJSON_AddNumberToObject(o, "service_level_answered", r->service_level_answered);
    }
    if (q->redial_share > 0.0) {
        cJSON_AddNumberToObject(o, "redial_share", q->redial_share);
        cJSON_AddNumberToObject(o, "fresh_rate_per_hour", q->arrival_rate * 3600.0);
    }
    char *text = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    if (text == NULL)
        return CLI_EXIT_RUNTIME;
    printf("%s\n", text);
    cJSON_free(text);
    return CLI_EXIT_OK;
}

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
    static const struct option longopts[] = {
        {"rate", required_argument, NULL, OPT_RATE},
        {"aht", required_argument, NULL, OPT_AHT},
        {"agents", required_argument, NULL, OPT_AGENTS},
        {"threshold", required_argument, NULL, OPT_THRESHOLD},
        {"patience", required_argument, NULL, OPT_PATIENCE},
        {"redial", required_argument, NULL, OPT_REDIAL},
        {"chat", required_argument, NULL, OPT_CHAT},
        {"json", no_argument, NULL, OPT_JSON},
        {"target", required_argument, NULL, OPT_TARGET},
        {"max-asa", required_argument, NULL, OPT_MAX_ASA},
        {"max-abandon", required_argument, NULL, OPT_MAX_ABANDON},
        {"max-occupancy", required_argument, NULL, OPT_MAX_OCCUPANCY},
        {"shrinkage", required_argument, NULL, OPT_SHRINKAGE},
        {"fractional", no_argument, NULL, OPT_FRACTIONAL},
        {"help", no_argument, NULL, OPT_HELP},
        {NULL, 0, NULL, 0},
    };
    const char *cmd = "erlang";
    erlang_queue q;
    erlang_queue_init(&q);
    erlang_target t;
    erlang_staff_target_init(&t);
    int have_rate = 0, have_aht = 0, have_agents = 0, have_target = 0, json = 0, fractional = 0;
    double per_hour = 0.0;
    long chat = 0;
    /* Numbers are parsed strictly here (usage error, exit 2, when not a number); their
     * ranges are the library's to judge, so that its message names the field (exit 1). */
    const double lo = -DBL_MAX, hi = DBL_MAX;
    optind = 1;
    opterr = 0;
    for (;;) {
        int c = getopt_long(argc, argv, ":", longopts, NULL);
        if (c == -1)
            break;
        double *dst = NULL;
        const char *name = NULL;
        switch (c) {
        case OPT_RATE: dst = &per_hour; name = "--rate"; have_rate = 1; break;
        case OPT_AHT: dst = &q.aht_s; name = "--aht"; have_aht = 1; break;
        case OPT_AGENTS: dst = &q.agents; name = "--agents"; have_agents = 1; break;
        case OPT_THRESHOLD: dst = &q.threshold_s; name = "--threshold"; break;
        case OPT_PATIENCE: dst = &q.patience_s; name = "--patience"; break;
        case OPT_REDIAL: dst = &q.redial_share; name = "--redial"; break;
        case OPT_TARGET: dst = &t.service_level; name = "--target"; have_target = 1; break;
        case OPT_MAX_ASA: dst = &t.max_asa_s; name = "--max-asa"; have_target = 1; break;
        case OPT_MAX_ABANDON: dst = &t.max_abandon; name = "--max-abandon"; have_target = 1; break;
        case OPT_MAX_OCCUPANCY:
            dst = &t.max_occupancy; name = "--max-occupancy"; have_target = 1;
            break;
        case OPT_SHRINKAGE: dst = &t.shrinkage; name = "--shrinkage"; break;
        case OPT_CHAT:
            if (!cli_parse_long(cmd, "--chat", optarg, 1, 100, &chat))
                return CLI_EXIT_USAGE;
            break;
        case OPT_JSON: json = 1; break;
        case OPT_FRACTIONAL: fractional = 1; break;
        case OPT_HELP: erlang_usage(stdout); return CLI_EXIT_OK;
        case ':':
            return cli_usage_error(cmd, "option '%s' needs a value", argv[optind - 1]);
        default:
            return cli_usage_error(cmd, "unknown option '%s'", argv[optind - 1]);
        }
        if (dst != NULL && !cli_parse_double(cmd, name, optarg, lo, hi, dst))
            return CLI_EXIT_USAGE;
    }
    if (optind < argc)
        return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
    if (!have_rate)
        return cli_usage_error(cmd, "--rate is required (contacts per hour)");
    if (!have_aht)
        return cli_usage_error(cmd, "--aht is required (seconds)");
    if (have_agents == have_target)
        return cli_usage_error(cmd, have_agents ? "give --agents or targets, not both"
                                                : "give --agents, or a target such as --target 0.8");
    if (fractional && !have_target)
        return cli_usage_error(cmd, "--fractional applies when solving for a target");
    if (fractional && chat > 0)
        return cli_usage_error(cmd, "--fractional and --chat cannot be combined");
    sim_error err;
    sim_error_clear(&err);
    if (!(per_hour > 0.0)) { /* checked here so the message is in the option's unit */
        sim_error_set(&err, SIM_EINVAL, "--rate", "must be > 0 contacts per hour, got %g",
                      per_hour);
        return cli_report_error(cmd, &err);
    }
    q.arrival_rate = per_hour / 3600.0;
    erlang_result r;
    erlang_staffing solved;
    sim_status st;
    unsigned m = (unsigned)chat;
    if (have_agents) {
        erlang_queue slots = q;
        if (m > 0)
            slots.agents = q.agents * m;
        st = erlang_eval(&slots, &r, &err);
        if (st != SIM_OK) {
            return report(cmd, &err);
        }
        return json ? print_json(&q, &r, m, NULL) : (print_table(&q, &r, m, NULL), CLI_EXIT_OK);
    }
    if (m > 0)
        st = erlang_staff_chat(&q, m, &t, &solved, &err);
    else if (fractional)
        st = erlang_staff_solve_fractional(&q, &t, &solved, &err);
    else
        st = erlang_staff_solve(&q, &t, &solved, &err);
    if (st != SIM_OK)
        return report(cmd, &err);
    if (json)
        return print_json(&q, &solved.at, m, &solved);
    print_table(&q, &solved.at, m, &solved);
    return CLI_EXIT_OK;
}
