/* cli_signal.c -- see cli_signal.h.
 *
 * The flag and the saved handlers are file-scope state: a signal handler can reach nothing
 * else. The handler only stores into a volatile sig_atomic_t (async-signal-safe); the
 * first signal wins, so a second Ctrl-C while stopping keeps the reported cause.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli_signal.h"

#include <string.h>

static volatile sig_atomic_t cli_signal_flag;
static const int cli_signal_which[3] = {SIGINT, SIGTERM, SIGHUP};
static struct sigaction cli_signal_saved[3];

static void cli_signal_on(int sig)
{
    if (cli_signal_flag == 0)
        cli_signal_flag = sig;
}

volatile sig_atomic_t *cli_signal_begin(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = cli_signal_on;
    sigemptyset(&sa.sa_mask);
    cli_signal_flag = 0;
    for (int i = 0; i < 3; i++)
        sigaction(cli_signal_which[i], &sa, &cli_signal_saved[i]);
    return &cli_signal_flag;
}

void cli_signal_end(void)
{
    for (int i = 0; i < 3; i++)
        sigaction(cli_signal_which[i], &cli_signal_saved[i], NULL);
}

int cli_signal_received(void)
{
    return (int)cli_signal_flag;
}

int cli_signal_exit_code(void)
{
    return cli_signal_flag != 0 ? 128 + (int)cli_signal_flag : 130;
}

const char *cli_signal_name(void)
{
    switch (cli_signal_flag) {
    case SIGINT: return "SIGINT";
    case SIGTERM: return "SIGTERM";
    case SIGHUP: return "SIGHUP";
    default: return "a signal";
    }
}
