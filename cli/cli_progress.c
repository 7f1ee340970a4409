/* cli_progress.c -- see cli_progress.h. */
#define _POSIX_C_SOURCE 200809L
#include "cli_progress.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

#define PROGRESS_DELAY_S 1.0   /* silent for runs shorter than this */
#define PROGRESS_PERIOD_S 0.1  /* redraw at most this often */
#define PROGRESS_WIDTH 30      /* bar cells */

static double mono_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

void cli_progress_init(cli_progress *p, const char *label, const char *unit, int quiet)
{
    p->label = label;
    p->unit = unit;
    p->enabled = !quiet && isatty(STDERR_FILENO);
    p->start_s = mono_s();
    p->last_draw_s = 0.0;
    p->drawn = 0;
}

double cli_progress_elapsed(const cli_progress *p)
{
    return mono_s() - p->start_s;
}

/* "1 h 02 min", "3 min 05 s", "12 s". */
static void fmt_duration(char *buf, size_t n, double s)
{
    if (s < 0.0)
        s = 0.0;
    long t = (long)(s + 0.5);
    if (t >= 3600)
        snprintf(buf, n, "%ld h %02ld min", t / 3600, (t % 3600) / 60);
    else if (t >= 60)
        snprintf(buf, n, "%ld min %02ld s", t / 60, t % 60);
    else
        snprintf(buf, n, "%ld s", t);
}

void cli_progress_update(cli_progress *p, size_t done, size_t total)
{
    if (!p->enabled || total == 0)
        return;
    double now = mono_s();
    double el = now - p->start_s;
    if (el < PROGRESS_DELAY_S || (done < total && now - p->last_draw_s < PROGRESS_PERIOD_S))
        return;
    p->last_draw_s = now;
    double f = (double)done / (double)total;
    if (f > 1.0)
        f = 1.0;
    char bar[PROGRESS_WIDTH + 1];
    size_t full = (size_t)(f * PROGRESS_WIDTH);
    for (size_t i = 0; i < PROGRESS_WIDTH; i++)
        bar[i] = i < full ? '#' : '.';
    bar[PROGRESS_WIDTH] = '\0';
    char left[32], spent[32];
    fmt_duration(spent, sizeof spent, el);
    if (done > 0)
        fmt_duration(left, sizeof left, el * (1.0 - f) / f);
    else
        snprintf(left, sizeof left, "?");
    /* \033[K clears what a longer previous line left behind. */
    fprintf(stderr, "\r%s [%s] %3.0f%% %zu/%zu %s, %s elapsed, about %s left\033[K",
            p->label, bar, 100.0 * f, done, total, p->unit, spent, left);
    fflush(stderr);
    p->drawn = 1;
}

void cli_progress_finish(cli_progress *p)
{
    if (p->drawn) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
    }
    p->drawn = 0;
}

void cli_progress_callback(void *ctx, size_t done, size_t total)
{
    cli_progress_update(ctx, done, total);
}
