/* cli_progress.h -- a progress bar with an estimate of time left, on stderr.
 *
 * What it is: a small state machine any command can feed with (done, total). It draws only
 * when stderr is a terminal, the caller is not quiet, and the work has run for more than a
 * second (short runs stay silent); it redraws at most ten times a second on one line
 * ("\r"), and clears that line when finished so later messages start clean. It never writes
 * to stdout, so results piped from stdout are never mixed with it.
 * What it is not: thread-safe by itself; sim_runner calls progress callbacks under its lock,
 * which is what cli_progress_callback relies on.
 */
#ifndef CLI_PROGRESS_H
#define CLI_PROGRESS_H

#include <stddef.h>

typedef struct cli_progress {
    const char *label;  /* e.g. "omnisim run"; borrowed */
    const char *unit;   /* e.g. "replications"; borrowed */
    int enabled;        /* terminal and not quiet */
    double start_s;     /* monotonic clock at init */
    double last_draw_s;
    int drawn;          /* the line holds a bar */
} cli_progress;

/* Start timing. Enabled when !quiet and stderr is a terminal. */
void cli_progress_init(cli_progress *p, const char *label, const char *unit, int quiet);
/* Report that `done` of `total` units are finished. */
void cli_progress_update(cli_progress *p, size_t done, size_t total);
/* Clear the bar's line (if drawn). Safe to call more than once. */
void cli_progress_finish(cli_progress *p);
/* Seconds since cli_progress_init. */
double cli_progress_elapsed(const cli_progress *p);
/* Adapter for sim_runner / cc_model_run_replications progress callbacks (ctx: cli_progress). */
void cli_progress_callback(void *ctx, size_t done, size_t total);

#endif /* CLI_PROGRESS_H */
