/* bench_calib.c -- how fast omnisim calibrate's pass is and how its memory grows: writes a
 * synthetic contact log of N rows (default 1,000,000; three channels, 200,000 customers, one
 * row per contact in arrival order, seconds as times) to a temporary file, runs the whole
 * calibration (calib_run: reading with libcsv, every estimator) and the scenario and report,
 * and prints the seconds of each and the process's peak RSS. Run it with a small N and a large
 * one to see that memory does not grow with the rows. Usage: bench_calib [ROWS]. A program
 * that prints figures, not a timed test. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "calib.h"

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int main(int argc, char **argv)
{
    gsl_set_error_handler_off();
    long rows = argc > 1 ? strtol(argv[1], NULL, 10) : 1000000;
    char path[] = "/tmp/omnisim-bench-calib-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0 || rows < 1)
        return 1;
    FILE *f = fdopen(fd, "w");
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 1);
    static const char *const ch[] = {"phone", "chat", "email"};
    fprintf(f, "contact_id,customer_id,channel,arrival,answer,abandon,end\n");
    double t = 1704067200.0; /* 2024-01-01 */
    for (long i = 0; i < rows; i++) {
        t += gsl_ran_exponential(r, 2.0);
        double wait = gsl_ran_exponential(r, 30.0), pat = gsl_ran_exponential(r, 120.0);
        const char *c = ch[gsl_rng_uniform_int(r, 3)];
        unsigned long cust = gsl_rng_uniform_int(r, 200000);
        if (pat < wait)
            fprintf(f, "%ld,c%lu,%s,%.3f,,%.3f,\n", i, cust, c, t, t + pat);
        else
            fprintf(f, "%ld,c%lu,%s,%.3f,%.3f,,%.3f\n", i, cust, c, t, t + wait,
                    t + wait + gsl_ran_gamma(r, 2.0, 150.0));
    }
    fclose(f);
    gsl_rng_free(r);
    calib_options o;
    calib_options_init(&o);
    calib_log_stats *st = calloc(1, sizeof *st);
    calib *cal = NULL;
    sim_error err;
    double t0 = now_s();
    sim_status s = calib_run(path, &o, &cal, st, &err);
    double t1 = now_s();
    cJSON *scn = s == SIM_OK ? calib_scenario(cal, "bench") : NULL;
    cJSON *rep = s == SIM_OK ? calib_report(cal) : NULL;
    double t2 = now_s();
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("rows %ld  status %d  read+estimate %.3f s  (%.0f rows/s)  scenario+report %.3f s  "
           "peak RSS %.1f MB\n",
           rows, (int)s, t1 - t0, (double)rows / (t1 - t0), t2 - t1, (double)ru.ru_maxrss / 1024.0);
    cJSON_Delete(scn);
    cJSON_Delete(rep);
    calib_free(cal);
    free(st);
    unlink(path);
    return s == SIM_OK ? 0 : 1;
}
