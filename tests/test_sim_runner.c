/* test_sim_runner.c -- tasks on threads: every task once, deterministic errors, interrupt. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "sim_runner.h"

typedef struct job {
    int runs[64];
    size_t fail_from; /* tasks >= this fail */
    volatile sig_atomic_t *flag;
    size_t interrupt_at;
} job;

static sim_status job_task(void *ctx, size_t index, sim_error *err)
{
    job *j = ctx;
    __atomic_add_fetch(&j->runs[index], 1, __ATOMIC_RELAXED);
    if (j->flag != NULL && index == j->interrupt_at)
        *j->flag = 1;
    if (index >= j->fail_from)
        return sim_error_set(err, SIM_EINVAL, "task", "task %zu failed on purpose", index);
    return SIM_OK;
}

static int progress_calls;
static void count_progress(void *ctx, size_t done, size_t total)
{
    (void)ctx;
    (void)total;
    progress_calls++;
    assert_true(done >= 1);
}

static void runner_should_run_every_task_exactly_once(void **state)
{
    (void)state;
    for (int threads = 1; threads <= 4; threads++) {
        job j;
        memset(&j, 0, sizeof j);
        j.fail_from = SIZE_MAX;
        progress_calls = 0;
        sim_runner_options o = {threads, NULL, count_progress, NULL, NULL, NULL};
        assert_int_equal(sim_runner_run(64, job_task, &j, &o, NULL), SIM_OK);
        for (int i = 0; i < 64; i++)
            assert_int_equal(j.runs[i], 1);
        assert_int_equal(progress_calls, 64);
    }
}

static void runner_should_report_the_lowest_failed_task(void **state)
{
    (void)state;
    for (int threads = 1; threads <= 4; threads++) {
        job j;
        memset(&j, 0, sizeof j);
        j.fail_from = 10;
        sim_error err;
        sim_error_clear(&err);
        sim_runner_options o = {threads, NULL, NULL, NULL, NULL, NULL};
        assert_int_equal(sim_runner_run(64, job_task, &j, &o, &err), SIM_EINVAL);
        assert_string_equal(err.message, "task 10 failed on purpose");
    }
}

static void runner_should_stop_starting_tasks_when_interrupted(void **state)
{
    (void)state;
    volatile sig_atomic_t flag = 0;
    job j;
    memset(&j, 0, sizeof j);
    j.fail_from = SIZE_MAX;
    j.flag = &flag;
    j.interrupt_at = 5;
    sim_error err;
    sim_error_clear(&err);
    sim_runner_options o = {1, &flag, NULL, NULL, NULL, NULL};
    assert_int_equal(sim_runner_run(64, job_task, &j, &o, &err), SIM_EINTR);
    assert_int_equal(j.runs[5], 1);
    assert_int_equal(j.runs[6], 0);
    assert_non_null(strstr(err.message, "6 of 64"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(runner_should_run_every_task_exactly_once),
        cmocka_unit_test(runner_should_report_the_lowest_failed_task),
        cmocka_unit_test(runner_should_stop_starting_tasks_when_interrupted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
