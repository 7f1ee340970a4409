/* cli_bench.c -- `omnisim bench`: how fast is the kernel on this machine?
 *
 * Part 1 simulates the M/M/c+M model of ../shared/bench/reference_mmc.c (same parameters,
 * same units, same event count: arrivals + service completions + abandonments) through the
 * general kernel and prints model_events_per_s, ns per event and peak memory. With
 * --reference PATH it also runs that bare C loop with the same arguments, in the same run,
 * and prints the ratio (shared machines are noisy: ratios hold, absolute times drift).
 * Part 2 is the classic hold model: N pending events, each handler reschedules itself with
 * an exponential delay; it shows how the cost per event grows with N (10 .. 100,000).
 * A benchmark prints figures; it is never a timed test.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "cli_opt.h"
#include "mmc.h"
#include "sim_env.h"
#include "sim_rng.h"

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static long peak_rss_kib(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return -1;
    return ru.ru_maxrss;
}


/* ---- the hold model ---- */

typedef struct hold_state {
    gsl_rng *rng;
    uint64_t remaining;
} hold_state;

static void hold_event(sim_env *env, void *obj, void *arg)
{
    hold_state *h = obj;
    if (h->remaining == 0)
        return;
    h->remaining--;
    sim_env_schedule(env, sim_rng_exponential(h->rng, 1.0), 0, hold_event, h, arg);
}

static int bench_hold(size_t pending, const sim_calendar_type *cal, const gsl_rng_type *rng,
                      uint64_t seed)
{
    sim_env *env = sim_env_new(cal, pending);
    if (env == NULL || sim_env_seed(env, rng, seed, 0, 1) != SIM_OK) {
        sim_env_free(env);
        fprintf(stderr, "omnisim bench: out of memory for the hold model\n");
        return 0;
    }
    hold_state h = {sim_env_stream(env, 0), 0};
    for (size_t i = 0; i < pending; i++)
        sim_env_schedule(env, sim_rng_exponential(h.rng, 1.0), 0, hold_event, &h, NULL);
    /* Enough events that timing noise is small, few enough that the list calendar finishes. */
    uint64_t events = cal == &sim_calendar_list ? 200000 : 3000000;
    h.remaining = events;
    double t0 = now_seconds();
    while (h.remaining > 0 && sim_env_step(env))
        ;
    double wall = now_seconds() - t0;
    printf("hold calendar=%s pending=%zu events=%llu wall_s=%.4f ns_per_event=%.1f\n",
           cal->name, pending, (unsigned long long)events, wall, 1e9 * wall / (double)events);
    sim_env_free(env);
    return 1;
}

/* --reference: a regular file this user may execute, checked when the option is read so that
 * a wrong path is a usage error before the benchmark runs. */
static int parse_reference(const char *text, void *dest)
{
    struct stat st;
    if (stat(text, &st) != 0 || !S_ISREG(st.st_mode) || access(text, X_OK) != 0)
        return 0;
    *(const char **)dest = text;
    return 1;
}

extern char **environ;

/* Run the reference loop (argv[0] = path, then the arguments; no shell, so nothing in the
 * path is interpreted) and return its model_events_per_s in *rate. 0, or -1 after printing
 * why it failed: it could not be started, exited non-zero or printed no rate. */
static int bench_reference(const char *path, char *const *args, double *rate)
{
    int fds[2];
    if (pipe(fds) != 0) {
        fprintf(stderr, "omnisim bench: cannot run the reference '%s': %s\n", path,
                strerror(errno));
        return -1;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addclose(&fa, fds[0]);
    posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&fa, fds[1]);
    pid_t pid = 0;
    int rc = posix_spawn(&pid, path, &fa, NULL, args, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fds[1]);
    if (rc != 0) {
        close(fds[0]);
        fprintf(stderr, "omnisim bench: cannot run the reference '%s': %s\n", path,
                strerror(rc));
        return -1;
    }
    FILE *out = fdopen(fds[0], "r");
    *rate = 0.0;
    if (out != NULL) {
        char line[1024];
        while (fgets(line, sizeof line, out) != NULL) {
            fputs("reference: ", stdout);
            fputs(line, stdout);
            const char *key = strstr(line, "model_events_per_s=");
            if (key != NULL)
                *rate = strtod(key + strlen("model_events_per_s="), NULL);
        }
        fclose(out);
    } else {
        close(fds[0]);
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        if (WIFSIGNALED(status))
            fprintf(stderr, "omnisim bench: the reference '%s' was killed by signal %d\n",
                    path, WTERMSIG(status));
        else
            fprintf(stderr, "omnisim bench: the reference '%s' exited with status %d\n", path,
                    WEXITSTATUS(status));
        return -1;
    }
    if (!(*rate > 0.0) || !isfinite(*rate)) {
        fprintf(stderr, "omnisim bench: the reference '%s' printed no model_events_per_s\n",
                path);
        return -1;
    }
    return 0;
}

int cli_bench_main(int argc, char **argv)
{
    double lam = 10.0, mu = 1.0 / 3.0, theta = 0.5, horizon = 100000.0, warm = 100.0;
    double slt = 1.0 / 3.0;
    long agents = 35, hold_max = 100000;
    const char *reference = NULL, *calendar_name = "heap", *rng_name = "xoshiro256++";
    cli_opt_common c;
    cli_opt_common_init(&c, "bench");
    const cli_opt table[] = {
        {CLI_OPT_ROW_NUM("lam", &lam), .metavar = "X", .lo = 1e-9,
         .hi = 1e9, .help = "arrival rate per minute", .def = "10"},
        {CLI_OPT_ROW_NUM("mu", &mu), .metavar = "X", .lo = 1e-9, .hi = 1e9,
         .help = "service rate per agent per minute", .def = "1/3, AHT 3 min"},
        {CLI_OPT_ROW_INT("agents", &agents), .short_name = 'c', .metavar = "N", .lo = 1,
         .hi = 1000000, .help = "agents", .def = "35"},
        {CLI_OPT_ROW_NUM("theta", &theta), .metavar = "X", .lo = 0,
         .hi = 1e9, .help = "abandonment rate per waiting caller per minute, 0 = none",
         .def = "0.5, mean patience 2 min"},
        {CLI_OPT_ROW_NUM("horizon", &horizon), .metavar = "T", .lo = 1e-9,
         .hi = 1e12, .help = "minutes simulated", .def = "100000, about 1 million arrivals"},
        {CLI_OPT_ROW_NUM("warmup", &warm), .metavar = "W", .lo = 0,
         .hi = 1e12, .help = "minutes before statistics start", .def = "100"},
        {CLI_OPT_ROW_NUM("slt", &slt), .metavar = "X", .lo = 0, .hi = 1e12,
         .help = "service-level threshold in minutes", .def = "1/3, 20 s"},
        {CLI_OPT_USE(SEED), .def = "1"},
        {CLI_OPT_ROW_TEXT("calendar", &calendar_name), .metavar = "C",
         .expect = "a calendar name", .help = "event calendar: heap or list", .def = "heap"},
        {CLI_OPT_ROW_TEXT("rng", &rng_name), .metavar = "NAME",
         .expect = "a generator name",
         .help = "generator: xoshiro256++ or a GSL name (mt19937, ...)",
         .def = "xoshiro256++"},
        {CLI_OPT_ROW_CUSTOM("reference", &reference), .metavar = "P",
         .parse = parse_reference, .expect = "the path of an executable file",
         .help = "also run the bare C loop at path P with the same arguments"},
        {CLI_OPT_ROW_INT("hold-max", &hold_max), .metavar = "N", .lo = 0,
         .hi = 10000000, .help = "largest pending-event count for the hold model, 0 skips it",
         .def = "100000"},
    };
    const cli_opt_spec spec = {
        "bench",
        "omnisim bench [options]",
        "Simulate M/M/c+M through the general kernel and print events per second, as\n"
        "../shared/bench/reference_mmc.c does (rates per minute, times in minutes).",
        "Exit codes: 0 ok, 1 parameters the model refuses, 2 usage error (a --reference that\n"
        "is not an executable file), 3 runtime failure (the reference failed or printed no\n"
        "rate).",
        NULL, 0, 0, table, sizeof table / sizeof table[0]};
    int code = cli_opt_parse(&spec, &c, argc, argv);
    if (code != CLI_OPT_GO_ON)
        return code;
    unsigned long long seed = c.seed_set ? c.seed : 1;
    sim_error err;
    sim_error_clear(&err);
    const sim_calendar_type *cal = sim_calendar_type_by_name(calendar_name, &err);
    const gsl_rng_type *rng = cal != NULL ? sim_rng_type_by_name(rng_name, &err) : NULL;
    if (cal == NULL || rng == NULL)
        return cli_usage_error("bench", "option '--%s': %s", cal == NULL ? "calendar" : "rng",
                               err.message);

    mmc_params p;
    mmc_params_default(&p);
    p.arrival_rate_per_s = lam / 60.0;
    p.mean_service_s = 60.0 / mu;
    p.agents = (size_t)agents;
    p.mean_patience_s = theta > 0.0 ? 60.0 / theta : 0.0;
    p.horizon_s = horizon * 60.0;
    p.warmup_s = warm * 60.0;
    p.threshold_s = slt * 60.0;
    p.seed = seed;
    p.calendar = cal;
    p.rng = rng;

    printf("omnisim bench %s: M/M/c+M through the general kernel (calendar=%s rng=%s)\n",
           OMNISIM_VERSION, cal->name, rng->name);
    printf("params lam=%g/min mu=%g/min c=%ld theta=%g/min T=%g min seed=%llu warm=%g slt=%g min\n",
           lam, mu, agents, theta, horizon, seed, warm, slt);
    mmc_result r;
    double t0 = now_seconds();
    sim_status st = mmc_run(&p, 0, &r, &err);
    double wall = now_seconds() - t0;
    if (st != SIM_OK)
        return cli_report_error("bench", &err);
    double rate = (double)r.model_events / wall;
    printf("arrivals=%llu answered=%llu abandoned=%llu (statistics window)\n",
           (unsigned long long)r.arrivals, (unsigned long long)r.answered,
           (unsigned long long)r.abandoned);
    printf("  P_abandon=%.6f P_wait=%.6f P_answered_within_t=%.6f E_wait_all_min=%.6f "
           "occupancy=%.6f\n", r.p_abandon, r.p_wait, r.service_level, r.mean_wait_all_s / 60.0,
           r.occupancy);
    printf("model_events=%llu calendar_pops=%llu stale_pops=%llu wall_s=%.4f "
           "model_events_per_s=%.4g ns_per_model_event=%.1f\n",
           (unsigned long long)r.model_events,
           (unsigned long long)(r.env.events_run + r.env.stale_pops),
           (unsigned long long)r.env.stale_pops, wall, rate, 1e9 * wall / (double)r.model_events);
    printf("memory peak_rss_kib=%ld peak_contacts_in_system=%zu peak_pending_events=%zu "
           "event_slots=%zu\n", peak_rss_kib(), r.peak_in_system, r.env.peak_pending,
           r.env.slot_capacity);

    if (reference != NULL) {
        char vals[8][32];
        snprintf(vals[0], sizeof vals[0], "%.17g", lam);
        snprintf(vals[1], sizeof vals[1], "%.17g", mu);
        snprintf(vals[2], sizeof vals[2], "%ld", agents);
        snprintf(vals[3], sizeof vals[3], "%.17g", theta);
        snprintf(vals[4], sizeof vals[4], "%.17g", horizon);
        snprintf(vals[5], sizeof vals[5], "%llu", seed);
        snprintf(vals[6], sizeof vals[6], "%.17g", warm);
        snprintf(vals[7], sizeof vals[7], "%.17g", slt);
        char *args[10] = {(char *)reference};
        for (size_t i = 0; i < 8; i++)
            args[i + 1] = vals[i];
        args[9] = NULL;
        double ref = 0.0;
        fflush(stdout); /* the reference's lines follow ours in order */
        if (bench_reference(reference, args, &ref) != 0)
            return CLI_EXIT_RUNTIME;
        printf("ratio omnisim/reference model_events_per_s=%.3f\n", rate / ref);
    }
    for (long n = 10; n <= hold_max; n *= 10) {
        if (!bench_hold((size_t)n, cal, rng, seed))
            return CLI_EXIT_RUNTIME;
    }
    return CLI_EXIT_OK;
}
