/* cli_run.c -- `omnisim run`: simulate a scenario with replications. (M/M/c+M for now.) */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdio.h>

#include "cli.h"

int cli_run_main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "omnisim run: not available yet\n");
    return CLI_EXIT_RUNTIME;
}
