/* sim_assert.c -- see sim_assert.h. */
#include "sim_assert.h"

#include <stdio.h>
#include <stdlib.h>

_Noreturn void sim_assert_fail(const char *expr, const char *why, const char *file, int line)
{
    fprintf(stderr, "%s:%d: invariant failed: %s (%s)\n", file, line, expr, why);
    fflush(stderr);
    abort();
}
