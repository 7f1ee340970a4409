/* bench_erlang.c -- staffing for a year of 15-minute intervals x 9 channels, on one core.
 *
 * Prints figures, is not a test (STYLE 27). The demand is synthetic but shaped like the
 * source documents' centres: a daily double peak over a night floor, quieter weekends, a
 * seasonal swing; every channel open 24/7, so all 315,360 intervals are real staffing
 * problems (closed intervals would cost nothing); loads from 0.1 to about 580 Erlang. Each
 * channel is staffed interval by interval with erlang_staff_profile (fewest whole agents for
 * 80% within 20 s, NEN 8878's 90% within 15 s for the main phone line). Two runs:
 *   erlang_c  all 9 channels without abandonment (the planner's default),
 *   erlang_a  the 6 voice/video/callback channels with exponential patience (Erlang A),
 *             chat and messaging as Erlang C.
 * Usage: bench_erlang [repeats]   (default 3; the best wall and best CPU time are reported)
 */
#define _POSIX_C_SOURCE 199309L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <gsl/gsl_errno.h>

#include "erlang.h"
#include "erlang_staff.h"

#define INTERVALS (365 * 96)
#define CHANNELS 9

typedef struct channel_spec {
    const char *name;
    double peak_per_hour; /* arrivals per hour at the busiest interval of an ordinary day */
    double aht_s;
    double patience_s; /* used in the erlang_a run only; 0 = Erlang C */
    double open_h, close_h;
    double target, threshold_s;
} channel_spec;

static const channel_spec channels[CHANNELS] = {
    {"phone-service", 4800.0, 300.0, 180.0, 0.0, 24.0, 0.9, 15.0},
    {"phone-sales", 1500.0, 420.0, 120.0, 0.0, 24.0, 0.8, 20.0},
    {"phone-support", 900.0, 540.0, 240.0, 0.0, 24.0, 0.8, 20.0},
    {"phone-0900", 250.0, 360.0, 90.0, 0.0, 24.0, 0.8, 20.0},
    {"callback", 300.0, 240.0, 600.0, 0.0, 24.0, 0.8, 20.0},
    {"video", 40.0, 600.0, 60.0, 0.0, 24.0, 0.8, 15.0},
    {"chat", 1200.0, 720.0, 0.0, 0.0, 24.0, 0.8, 60.0},
    {"messaging", 700.0, 900.0, 0.0, 0.0, 24.0, 0.8, 60.0},
    {"social", 150.0, 600.0, 0.0, 0.0, 24.0, 0.8, 60.0},
};

/* Arrivals per second of channel c in interval i. */
static double demand(const channel_spec *c, size_t i)
{
    size_t day = i / 96;
    double hour = (double)(i % 96) / 4.0;
    if (hour < c->open_h || hour >= c->close_h)
        return 0.0;
    double weekday = (day % 7 == 5) ? 0.55 : (day % 7 == 6) ? 0.35 : 1.0;
    double season = 1.0 + 0.2 * cos(2.0 * 3.14159265358979 * ((double)day - 15.0) / 365.0);
    double morning = exp(-0.5 * pow((hour - 10.5) / 1.5, 2.0));
    double afternoon = 0.8 * exp(-0.5 * pow((hour - 14.5) / 2.0, 2.0));
    double shape = 0.08 + morning + afternoon;
    return c->peak_per_hour / 3600.0 * weekday * season * shape;
}

static double clock_s(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Staff all channels once; returns the wall and CPU seconds taken and the total
 * agent-intervals. CPU time is reported too because the machine is shared: wall time
 * includes waiting for a core. */
static int run(double *const rates[CHANNELS], int with_patience, double *agents, double *secs,
               double *cpu_secs, double *agent_intervals, size_t *problems)
{
    double total = 0.0;
    size_t count = 0;
    double t0 = clock_s(CLOCK_MONOTONIC);
    double c0 = clock_s(CLOCK_PROCESS_CPUTIME_ID);
    for (size_t c = 0; c < CHANNELS; c++) {
        erlang_queue q;
        erlang_queue_init(&q);
        q.aht_s = channels[c].aht_s;
        q.patience_s = with_patience ? channels[c].patience_s : 0.0;
        q.threshold_s = channels[c].threshold_s;
        erlang_target t;
        erlang_staff_target_init(&t);
        t.service_level = channels[c].target;
        t.shrinkage = 0.3;
        sim_error err;
        sim_error_clear(&err);
        if (erlang_staff_profile(&q, rates[c], INTERVALS, &t, agents, NULL, &err) != SIM_OK) {
            fprintf(stderr, "bench_erlang: %s: %s: %s\n", channels[c].name, err.path,
                    err.message);
            return 0;
        }
        for (size_t i = 0; i < INTERVALS; i++) {
            total += agents[i];
            count += rates[c][i] > 0.0;
        }
    }
    *secs = clock_s(CLOCK_MONOTONIC) - t0;
    *cpu_secs = clock_s(CLOCK_PROCESS_CPUTIME_ID) - c0;
    *agent_intervals = total;
    *problems = count;
    return 1;
}

int main(int argc, char **argv)
{
    gsl_set_error_handler_off();
    int repeats = argc > 1 ? atoi(argv[1]) : 3;
    if (repeats < 1)
        repeats = 1;
    double *rates[CHANNELS];
    double *agents = malloc(INTERVALS * sizeof *agents);
    double max_load = 0.0;
    for (size_t c = 0; c < CHANNELS; c++) {
        rates[c] = malloc(INTERVALS * sizeof *rates[c]);
        if (rates[c] == NULL || agents == NULL) {
            fprintf(stderr, "bench_erlang: out of memory\n");
            return 3;
        }
        for (size_t i = 0; i < INTERVALS; i++) {
            rates[c][i] = demand(&channels[c], i);
            max_load = fmax(max_load, rates[c][i] * channels[c].aht_s);
        }
    }
    printf("bench_erlang: %d intervals x %d channels, loads up to %.0f Erlang, "
           "best of %d runs\n",
           INTERVALS, CHANNELS, max_load, repeats);
    const char *names[2] = {"erlang_c", "erlang_a"};
    for (int mode = 0; mode < 2; mode++) {
        double best = HUGE_VAL, best_cpu = HUGE_VAL, total = 0.0;
        size_t problems = 0;
        for (int r = 0; r < repeats; r++) {
            double secs, cpu;
            if (!run(rates, mode, agents, &secs, &cpu, &total, &problems))
                return 1;
            best = fmin(best, secs);
            best_cpu = fmin(best_cpu, cpu);
        }
        printf("%-9s %zu staffing problems: wall %.3f s, cpu %.3f s = %.2f us each; "
               "%.0f agent-intervals\n",
               names[mode], problems, best, best_cpu, 1e6 * best_cpu / (double)problems, total);
    }
    for (size_t c = 0; c < CHANNELS; c++)
        free(rates[c]);
    free(agents);
    return 0;
}
