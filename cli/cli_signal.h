/* cli_signal.h -- SIGINT, SIGTERM and SIGHUP while a command simulates or writes.
 *
 * Ctrl-C, `timeout`/CI cancellation (SIGTERM) and a closed terminal (SIGHUP) all ask the
 * command to stop: cli_signal_begin installs one handler for the three that stores the
 * signal's number in a flag; the library polls that flag (sim_runner between tasks,
 * sim_env every SIM_ENV_INTERRUPT_EVERY events inside a replication) and returns SIM_EINTR,
 * and the command removes its temporary files, prints what happened and exits 128 + the
 * signal's number (130, 143, 129), as a shell reports a process killed by it.
 */
#ifndef CLI_SIGNAL_H
#define CLI_SIGNAL_H

#include <signal.h>

/* Install the handler for SIGINT, SIGTERM and SIGHUP (the flag back to 0) and return the flag
 * the library polls: 0, or the number of the first signal received. */
volatile sig_atomic_t *cli_signal_begin(void);
/* Restore the handlers cli_signal_begin replaced. The flag keeps its value. */
void cli_signal_end(void);
/* The signal received since cli_signal_begin, 0 when none. */
int cli_signal_received(void);
/* The exit code for an interrupted command: 128 + the signal received, 130 when none. */
int cli_signal_exit_code(void);
/* "SIGINT", "SIGTERM", "SIGHUP", or "a signal" when none was received. */
const char *cli_signal_name(void);

#endif /* CLI_SIGNAL_H */
