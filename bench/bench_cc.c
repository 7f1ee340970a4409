/* bench_cc.c -- how fast is the contact-center model, and is its memory flat in the horizon?
 *
 * Scenario: about 500 agents (voice, chat with 3 concurrent chats, a written team for
 * e-mail and social media with business hours, video, callbacks, an outsourcer taking voice
 * overflow) and about one million contacts a week (by-segment demand of four generations,
 * intraday profile with an evening peak, overdispersion), every channel kind and every
 * hopping outcome switched on. Each horizon (1, 4, 13, 52 weeks by default) runs in its own
 * child process so that its peak resident set size (getrusage ru_maxrss) is its own.
 * Intervals are folded onto one week (CC_INTERVALS_WEEK) so the result series do not grow
 * with the horizon either; --full keeps one row per interval to show what they cost.
 * Times are CPU seconds of the child (user + system, getrusage), which a busy shared machine
 * disturbs far less than wall time; wall time is printed too, and the set-up (loading the
 * scenario) is included in the CPU figure. A benchmark prints figures; never a timed test.
 *
 * Usage: bench_cc [--weeks 1,4,13,52] [--full] [--seed N]
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cc_model.h"
#include "scenario.h"
#include "scenario_load.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Intraday weights with a morning rise, a midday peak and an evening peak. */
static void profile(char *buf, size_t n)
{
    size_t len = 0;
    len += (size_t)snprintf(buf + len, n - len, "[");
    for (int i = 0; i < 96; i++) {
        double h = (double)i / 4.0;
        double w = 0.35 + 1.0 * __builtin_exp(-(h - 11.0) * (h - 11.0) / 8.0) +
                   0.8 * __builtin_exp(-(h - 20.0) * (h - 20.0) / 6.0);
        len += (size_t)snprintf(buf + len, n - len, "%s%.4f", i ? ", " : "", w);
    }
    snprintf(buf + len, n - len, "]");
}

static char *bench_json(int days)
{
    static const char *fmt =
        "{\"name\": \"bench-cc\", \"horizon_days\": %d, \"seed\": 1,"
        " \"max_contacts_per_need\": 8,"
        " \"channels\": ["
        "  {\"name\": \"phone\", \"kind\": \"voice\","
        "   \"handle_time\": {\"distribution\": \"lognormal\", \"mean_s\": 210, \"cv\": 0.8},"
        "   \"patience\": {\"mean_s\": 180}, \"retrial\": {\"share\": 0.4, \"delay_mean_s\": 600},"
        "   \"callback_offer\": {\"channel\": \"callback\", \"after_wait_s\": 90,"
        "   \"accept_share\": 0.3}, \"fcr_share\": 0.8},"
        "  {\"name\": \"chat\", \"kind\": \"chat\", \"handle_time\": {\"mean_s\": 360},"
        "   \"patience\": {\"mean_s\": 120}, \"concurrency\": 3, \"stretch\": 0.2,"
        "   \"fcr_share\": 0.8, \"when_closed\": \"hop\","
        "   \"hours\": {\"all\": [[\"07:00\", \"23:00\"]]}},"
        "  {\"name\": \"email\", \"kind\": \"deferred\", \"handle_time\": {\"mean_s\": 240},"
        "   \"patience\": {\"mean_s\": 28800}, \"response_target_s\": 14400,"
        "   \"backlog\": \"oldest_due_first\", \"fcr_share\": 0.75,"
        "   \"hours\": {\"all\": [[\"07:00\", \"23:00\"]]}},"
        "  {\"name\": \"social\", \"kind\": \"deferred\", \"handle_time\": {\"mean_s\": 240},"
        "   \"patience\": {\"mean_s\": 14400}, \"response_target_s\": 7200, \"fcr_share\": 0.7,"
        "   \"hours\": {\"all\": [[\"08:00\", \"22:00\"]]}},"
        "  {\"name\": \"selfservice\", \"kind\": \"self_service\","
        "   \"handle_time\": {\"mean_s\": 180}, \"resolve_share\": 0.5},"
        "  {\"name\": \"callback\", \"kind\": \"callback\", \"handle_time\": {\"mean_s\": 210},"
        "   \"response_target_s\": 3600, \"fcr_share\": 0.8},"
        "  {\"name\": \"video\", \"kind\": \"video\", \"handle_time\": {\"mean_s\": 420},"
        "   \"patience\": {\"mean_s\": 120}, \"fcr_share\": 0.85, \"when_closed\": \"hop\","
        "   \"hours\": {\"all\": [[\"08:00\", \"22:00\"]]}}],"
        " \"demand\": {\"mode\": \"by_segment\", \"daily_volume\": 112000,"
        "  \"overdispersion_cv\": 0.05, \"intraday\": %s,"
        "  \"weekday\": [1.15, 1.0, 0.95, 0.95, 0.9, 0.95, 1.1]},"
        " \"segments\": ["
        "  {\"name\": \"boomers\", \"share\": 0.25, \"patience_factor\": 1.3,"
        "   \"preference\": {\"phone\": 0.55, \"email\": 0.15, \"chat\": 0.05,"
        "   \"selfservice\": 0.15, \"callback\": 0.05, \"video\": 0.05}},"
        "  {\"name\": \"gen_x\", \"share\": 0.35,"
        "   \"preference\": {\"phone\": 0.4, \"email\": 0.15, \"chat\": 0.12, \"social\": 0.03,"
        "   \"selfservice\": 0.25, \"callback\": 0.03, \"video\": 0.02}},"
        "  {\"name\": \"gen_y\", \"share\": 0.3, \"patience_factor\": 0.8,"
        "   \"preference\": {\"phone\": 0.25, \"email\": 0.1, \"chat\": 0.22, \"social\": 0.08,"
        "   \"selfservice\": 0.32, \"callback\": 0.02, \"video\": 0.01}},"
        "  {\"name\": \"gen_z\", \"share\": 0.1, \"patience_factor\": 0.7,"
        "   \"preference\": {\"phone\": 0.15, \"email\": 0.05, \"chat\": 0.3, \"social\": 0.15,"
        "   \"selfservice\": 0.34, \"video\": 0.01}}],"
        " \"hopping\": ["
        "  {\"outcome\": \"abandoned\", \"to\": {\"chat\": 0.2, \"email\": 0.2,"
        "   \"selfservice\": 0.1}, \"give_up\": 0.5, \"delay\": {\"mean_s\": 1800}},"
        "  {\"outcome\": \"unresolved\", \"to\": {\"phone\": 0.5, \"email\": 0.15,"
        "   \"chat\": 0.15}, \"give_up\": 0.2, \"delay\": {\"mean_s\": 7200}},"
        "  {\"outcome\": \"unanswered_in_time\", \"to\": {\"phone\": 0.6},"
        "   \"give_up\": 0.4, \"delay\": {\"mean_s\": 900}},"
        "  {\"outcome\": \"self_service_failed\", \"to\": {\"phone\": 0.45, \"chat\": 0.2,"
        "   \"email\": 0.15}, \"give_up\": 0.2, \"delay\": {\"mean_s\": 300}},"
        "  {\"outcome\": \"closed\", \"to\": {\"email\": 0.4, \"selfservice\": 0.3},"
        "   \"give_up\": 0.3, \"delay\": {\"mean_s\": 120}}],"
        " \"groups\": ["
        "  {\"name\": \"voice\", \"skills\": [\"phone\", {\"channel\": \"callback\","
        "   \"priority\": 2}], \"agents\": 260},"
        "  {\"name\": \"chat\", \"skills\": [\"chat\"], \"agents\": 50},"
        "  {\"name\": \"written\", \"skills\": [\"email\", \"social\"], \"agents\": 110},"
        "  {\"name\": \"video\", \"skills\": [\"video\"], \"agents\": 30}],"
        " \"outsourcers\": [{\"name\": \"bpo\", \"channels\": [\"phone\"], \"mode\": \"overflow\","
        "  \"agents\": 50, \"handle_time_factor\": 1.2}],"
        " \"routing\": {\"overflow\": [{\"channel\": \"phone\", \"after_wait_s\": 60,"
        "  \"to_outsourcer\": \"bpo\"}]}}";
    char prof[2048];
    profile(prof, sizeof prof);
    size_t n = strlen(fmt) + strlen(prof) + 64;
    char *buf = malloc(n);
    if (buf != NULL)
        snprintf(buf, n, fmt, days, prof);
    return buf;
}

static int run_child(int weeks, int full, unsigned long long seed)
{
    char *json = bench_json(7 * weeks);
    scenario *scn = NULL;
    scenario_diag diag;
    scenario_diag_init(&diag);
    if (json == NULL ||
        scenario_load_string(json, strlen(json), "<bench>", NULL, &scn, &diag) != SIM_OK) {
        char line[1024];
        for (size_t i = 0; i < scenario_diag_count(&diag); i++)
            fprintf(stderr, "%s\n",
                    scenario_diag_format(scenario_diag_get(&diag, i), line, sizeof line));
        return 1;
    }
    scenario_diag_fini(&diag);
    free(json);
    cc_options opts;
    cc_options_default(&opts);
    opts.intervals = full ? CC_INTERVALS_HORIZON : CC_INTERVALS_WEEK;
    opts.use_seed = 1;
    opts.seed_override = seed;
    cc_rep rep;
    sim_error err;
    sim_error_clear(&err);
    double t0 = now_s();
    sim_status st = cc_model_run(scn, &opts, 0, &rep, &err);
    double dt = now_s() - t0;
    if (st != SIM_OK) {
        fprintf(stderr, "bench_cc: %s: %s\n", err.path, err.message);
        return 1;
    }
    uint64_t contacts = 0, in_system = 0;
    for (size_t c = 0; c < rep.n_channels; c++) {
        contacts += rep.accounting[c].arrived;
        in_system += rep.accounting[c].in_system;
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    size_t agents = 0;
    for (size_t p = 0; p < rep.n_pools; p++)
        agents += rep.pools[p].peak_agents;
    double ph_sl = (double)rep.channels[0].answered_within /
                   (double)(rep.channels[0].answered + rep.channels[0].abandoned);
    double cpu = (double)ru.ru_utime.tv_sec + 1e-6 * (double)ru.ru_utime.tv_usec +
                 (double)ru.ru_stime.tv_sec + 1e-6 * (double)ru.ru_stime.tv_usec;
    printf("%5d %6s %12llu %8.2f %8.2f %9.3f %10.0f %12llu %9.1f %9zu %9zu %9.1f %8.3f %6.3f\n",
           weeks, full ? "full" : "week", (unsigned long long)contacts, dt, cpu, cpu / weeks,
           (double)contacts / cpu, (unsigned long long)rep.env.events_run,
           1e9 * cpu / (double)rep.env.events_run, rep.peak_contacts, rep.env.peak_pending,
           (double)ru.ru_maxrss / 1024.0, ph_sl,
           (double)rep.needs.contacts_of_resolved / (double)rep.needs.resolved);
    (void)in_system;
    (void)agents;
    cc_rep_fini(&rep);
    scenario_free(scn);
    return 0;
}

int main(int argc, char **argv)
{
    int weeks[16] = {1, 4, 13, 52};
    int n_weeks = 4, full = 0;
    unsigned long long seed = 1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--full") == 0) {
            full = 1;
        } else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
            seed = strtoull(argv[++i], NULL, 10);
        } else if (strcmp(argv[i], "--weeks") == 0 && i + 1 < argc) {
            n_weeks = 0;
            for (char *tok = strtok(argv[++i], ","); tok != NULL && n_weeks < 16;
                 tok = strtok(NULL, ","))
                weeks[n_weeks++] = atoi(tok);
        } else {
            fprintf(stderr, "usage: bench_cc [--weeks 1,4,13,52] [--full] [--seed N]\n");
            return 2;
        }
    }
    printf("contact-center model, one replication per horizon, one core, each in its own process\n"
           "(4 groups with 450 agents + an outsourcer with 50; 7 channels; every hop outcome on)\n\n");
    printf("%5s %6s %12s %8s %8s %9s %10s %12s %9s %9s %9s %9s %8s %6s\n", "weeks", "rows",
           "contacts", "wall s", "CPU s", "CPU/week", "contacts/s", "events", "ns/event",
           "peak ctc", "peak cal", "RSS MiB", "phone SL", "c/need");
    fflush(stdout);
    for (int k = 0; k < n_weeks; k++) {
        pid_t pid = fork();
        if (pid == 0) {
            int rc = run_child(weeks[k], full, seed);
            fflush(stdout);
            _exit(rc);
        }
        int status = 0;
        if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
            WEXITSTATUS(status) != 0) {
            fprintf(stderr, "bench_cc: the %d-week run failed\n", weeks[k]);
            return 1;
        }
    }
    return 0;
}
