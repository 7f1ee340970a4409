/* test_death.h -- run a function in a child process and report whether it aborted.
 * Used to test that invariant assertions (sim_assert.h) fire. */
#ifndef TEST_DEATH_H
#define TEST_DEATH_H

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

/* 1 when fn() ended the child with SIGABRT, 0 when it returned normally. */
static inline int test_dies_with_abort(void (*fn)(void))
{
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        /* Silence the child's assertion message: the parent checks the signal. */
        if (freopen("/dev/null", "w", stderr) == NULL)
            _exit(3);
        fn();
        _exit(0);
    }
    int status = 0;
    if (waitpid(pid, &status, 0) != pid)
        return -1;
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

#endif /* TEST_DEATH_H */
