/* test_sim_env.c -- the environment: ordering, cancellation, run control, invariants, OOM. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "sim_alloc.h"
#include "sim_env.h"
#include "sim_env_internal.h"
#include "sim_rng.h"
#include "test_death.h"

typedef struct trace {
    int ids[256];
    double times[256];
    size_t n;
} trace;

static void record(sim_env *env, void *obj, void *arg)
{
    trace *t = obj;
    t->ids[t->n] = (int)(intptr_t)arg;
    t->times[t->n] = sim_env_now(env);
    t->n++;
}

/* Every calendar of the type list. */
#define types (sim_calendar_types_setup())

static void env_should_run_equal_time_events_in_scheduling_order(void **state)
{
    (void)state;
    for (size_t k = 0; types[k] != NULL; k++) {
        sim_env *env = sim_env_new(types[k], 0);
        assert_non_null(env);
        trace t = {0};
        for (int i = 0; i < 100; i++)
            sim_env_schedule_at(env, 5.0, 0, record, &t, (void *)(intptr_t)i);
        assert_int_equal(sim_env_run(env, NULL), SIM_OK);
        assert_int_equal(t.n, 100);
        for (int i = 0; i < 100; i++)
            assert_int_equal(t.ids[i], i);
        sim_env_free(env);
    }
}

static void env_should_order_by_time_then_priority(void **state)
{
    (void)state;
    sim_env *env = sim_env_new(NULL, 0);
    trace t = {0};
    sim_env_schedule_at(env, 2.0, 0, record, &t, (void *)1);
    sim_env_schedule_at(env, 1.0, 3, record, &t, (void *)2);
    sim_env_schedule_at(env, 1.0, -3, record, &t, (void *)3);
    sim_env_schedule(env, 1.0, 0, record, &t, (void *)4);
    sim_env_run(env, NULL);
    int expect[] = {3, 4, 2, 1};
    assert_int_equal(t.n, 4);
    for (int i = 0; i < 4; i++)
        assert_int_equal(t.ids[i], expect[i]);
    assert_true(t.times[0] == 1.0 && t.times[3] == 2.0);
    sim_env_free(env);
}

/* A handler that schedules a follow-up at the same instant: it runs after the events that
 * were already scheduled for that instant (FIFO), never before them. */
static void chain(sim_env *env, void *obj, void *arg)
{
    record(env, obj, arg);
    if ((intptr_t)arg == 0)
        sim_env_schedule(env, 0.0, 0, record, obj, (void *)99);
}

static void env_should_run_same_instant_follow_ups_after_earlier_ones(void **state)
{
    (void)state;
    sim_env *env = sim_env_new(NULL, 0);
    trace t = {0};
    sim_env_schedule_at(env, 1.0, 0, chain, &t, (void *)0);
    sim_env_schedule_at(env, 1.0, 0, record, &t, (void *)1);
    sim_env_run(env, NULL);
    assert_int_equal(t.n, 3);
    assert_int_equal(t.ids[0], 0);
    assert_int_equal(t.ids[1], 1);
    assert_int_equal(t.ids[2], 99);
    sim_env_free(env);
}

static void env_should_not_run_cancelled_events(void **state)
{
    (void)state;
    for (size_t k = 0; types[k] != NULL; k++) {
        sim_env *env = sim_env_new(types[k], 0);
        trace t = {0};
        sim_event_handle h[10];
        for (int i = 0; i < 10; i++)
            h[i] = sim_env_schedule_at(env, (double)i, 0, record, &t, (void *)(intptr_t)i);
        for (int i = 0; i < 10; i += 2)
            sim_env_cancel(env, h[i]);
        assert_int_equal(sim_env_pending(env), 5);
        assert_false(sim_env_is_pending(env, h[0]));
        assert_true(sim_env_is_pending(env, h[1]));
        sim_env_run(env, NULL);
        assert_int_equal(t.n, 5);
        for (int i = 0; i < 5; i++)
            assert_int_equal(t.ids[i], 2 * i + 1);
        sim_env_stats st;
        sim_env_get_stats(env, &st);
        assert_int_equal(st.events_cancelled, 5);
        assert_int_equal(st.stale_pops, 5);
        assert_int_equal(st.events_run, 5);
        sim_env_free(env);
    }
}

static void env_should_not_let_a_stale_handle_touch_a_reused_slot(void **state)
{
    (void)state;
    sim_env *env = sim_env_new(NULL, 0);
    trace t = {0};
    sim_event_handle old = sim_env_schedule(env, 1.0, 0, record, &t, (void *)1);
    sim_env_run(env, NULL); /* runs and frees the slot */
    assert_false(sim_env_is_pending(env, old));
    sim_event_handle fresh = sim_env_schedule(env, 1.0, 0, record, &t, (void *)2);
    assert_true(fresh != old);
    assert_false(sim_env_is_pending(env, old));
    assert_true(sim_env_is_pending(env, fresh));
    assert_false(sim_env_is_pending(env, 0));
    sim_env_free(env);
}

static void env_should_stop_at_until_and_set_the_clock(void **state)
{
    (void)state;
    sim_env *env = sim_env_new(NULL, 0);
    trace t = {0};
    for (int i = 1; i <= 10; i++)
        sim_env_schedule_at(env, (double)i, 0, record, &t, (void *)(intptr_t)i);
    assert_int_equal(sim_env_run_until(env, 4.5, NULL), SIM_OK);
    assert_int_equal(t.n, 4);
    assert_true(sim_env_now(env) == 4.5);
    assert_true(sim_env_peek(env) == 5.0);
    /* An event exactly at `until` runs. */
    assert_int_equal(sim_env_run_until(env, 6.0, NULL), SIM_OK);
    assert_int_equal(t.n, 6);
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(sim_env_run_until(env, 1.0, &err), SIM_ESTATE);
    assert_non_null(strstr(err.message, "already at 6"));
    assert_int_equal(t.n, 6);
    sim_env_run(env, NULL);
    assert_true(isinf(sim_env_peek(env)));
    assert_int_equal(sim_env_step(env), 0);
    sim_env_free(env);
}

static void stopper(sim_env *env, void *obj, void *arg)
{
    record(env, obj, arg);
    sim_env_stop(env);
}

static void peek_in_handler(sim_env *env, void *obj, void *arg)
{
    (void)arg;
    double *seen = obj;
    *seen = sim_env_peek(env);
}

/* The running event is never visible to the handler itself (the heap defers its pop). */
static void env_peek_from_a_handler_should_see_the_next_event(void **state)
{
    (void)state;
    for (size_t k = 0; types[k] != NULL; k++) {
        sim_env *env = sim_env_new(types[k], 0);
        double seen = -1.0;
        sim_env_schedule_at(env, 1.0, 0, peek_in_handler, &seen, NULL);
        sim_env_schedule_at(env, 3.0, 0, peek_in_handler, &seen, NULL);
        sim_env_step(env);
        assert_true(seen == 3.0);
        sim_env_step(env);
        assert_true(isinf(seen));
        assert_int_equal(sim_env_pending(env), 0);
        sim_env_free(env);
    }
}

static void env_should_return_after_stop(void **state)
{
    (void)state;
    sim_env *env = sim_env_new(NULL, 0);
    trace t = {0};
    sim_env_schedule_at(env, 1.0, 0, record, &t, (void *)1);
    sim_env_schedule_at(env, 2.0, 0, stopper, &t, (void *)2);
    sim_env_schedule_at(env, 3.0, 0, record, &t, (void *)3);
    sim_env_run_until(env, 10.0, NULL);
    assert_int_equal(t.n, 2);
    assert_true(sim_env_now(env) == 2.0); /* the clock stays at the stopping event */
    sim_env_run(env, NULL);
    assert_int_equal(t.n, 3);
    sim_env_free(env);
}

static void env_should_report_out_of_memory_while_scheduling(void **state)
{
    (void)state;
    sim_env *env = sim_env_new(NULL, 16);
    assert_non_null(env);
    trace t = {0};
    sim_alloc_fail_after(1, 1);
    sim_event_handle last = 1;
    for (int i = 0; i < 200 && last != 0; i++)
        last = sim_env_schedule(env, 1.0, 0, record, &t, (void *)(intptr_t)i);
    sim_alloc_fail_after(0, 0);
    assert_true(last == 0);
    assert_int_equal(sim_env_status(env), SIM_ENOMEM);
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(sim_env_run(env, &err), SIM_ENOMEM);
    sim_env_free(env);
}

static void env_should_create_no_leaks_when_construction_fails(void **state)
{
    (void)state;
    for (long n = 1; n <= 6; n++) {
        sim_alloc_fail_after(n, 0);
        sim_env *env = sim_env_new(NULL, 8);
        if (env != NULL && sim_env_seed(env, NULL, 1, 0, 3) != SIM_OK) {
            sim_alloc_fail_after(0, 0);
            sim_env_free(env);
            continue;
        }
        sim_alloc_fail_after(0, 0);
        sim_env_free(env);
    }
}

static void schedule_in_the_past(void)
{
    sim_env *env = sim_env_new(NULL, 0);
    trace t = {0};
    sim_env_schedule_at(env, 5.0, 0, record, &t, NULL);
    sim_env_run(env, NULL);
    sim_env_schedule_at(env, 1.0, 0, record, &t, NULL); /* must abort */
}

static void schedule_nan_delay(void)
{
    sim_env *env = sim_env_new(NULL, 0);
    trace t = {0};
    sim_env_schedule(env, (double)NAN, 0, record, &t, NULL);
}

static void cancel_twice(void)
{
    sim_env *env = sim_env_new(NULL, 0);
    trace t = {0};
    sim_event_handle h = sim_env_schedule(env, 1.0, 0, record, &t, NULL);
    sim_env_cancel(env, h);
    sim_env_cancel(env, h); /* not pending: must abort */
}

static void cancel_after_run(void)
{
    sim_env *env = sim_env_new(NULL, 0);
    trace t = {0};
    sim_event_handle h = sim_env_schedule(env, 1.0, 0, record, &t, NULL);
    sim_env_run(env, NULL);
    sim_env_cancel(env, h);
}

static void nested_step(sim_env *env, void *obj, void *arg)
{
    (void)obj;
    (void)arg;
    sim_env_step(env);
}

static void run_from_a_handler(void)
{
    sim_env *env = sim_env_new(NULL, 0);
    sim_env_schedule(env, 1.0, 0, nested_step, NULL, NULL);
    sim_env_schedule(env, 2.0, 0, nested_step, NULL, NULL);
    sim_env_run(env, NULL);
}

static void no_assertion(void)
{
    sim_env *env = sim_env_new(NULL, 0);
    sim_env_free(env);
}

static void env_should_assert_on_model_bugs(void **state)
{
    (void)state;
    assert_int_equal(test_dies_with_abort(schedule_in_the_past), 1);
    assert_int_equal(test_dies_with_abort(schedule_nan_delay), 1);
    assert_int_equal(test_dies_with_abort(cancel_twice), 1);
    assert_int_equal(test_dies_with_abort(cancel_after_run), 1);
    assert_int_equal(test_dies_with_abort(run_from_a_handler), 1);
    assert_int_equal(test_dies_with_abort(no_assertion), 0); /* the harness itself can fail */
}

static void env_should_keep_memory_bounded_by_pending_events(void **state)
{
    (void)state;
    /* One million events through the env, never more than 10 pending: the slot array and the
     * calendar stay at their small initial sizes. */
    sim_env *env = sim_env_new(NULL, 0);
    trace t = {0};
    for (int i = 0; i < 100000; i++) {
        for (int j = 0; j < 10; j++)
            sim_env_schedule(env, (double)j, 0, record, &t, NULL);
        t.n = 0;
        sim_env_run(env, NULL);
        t.n = 0;
    }
    sim_env_stats st;
    sim_env_get_stats(env, &st);
    assert_int_equal(st.events_run, 1000000);
    assert_true(st.peak_pending <= 10);
    assert_true(st.slot_capacity <= 64);
    sim_env_free(env);
}

/* A random self-scheduling workload: each event schedules 0-2 follow-ups on a coarse time
 * grid (delay 0 included, so equal times are frequent) with priorities -1..1, and sometimes
 * cancels an earlier event. Records (label, time) of every event run. */
typedef struct workload {
    gsl_rng *rng;
    sim_event_handle handles[32];
    size_t n_run;
    size_t max_run;
    intptr_t next_label;
    intptr_t *labels;
    double *times;
} workload;

static void workload_event(sim_env *env, void *obj, void *arg)
{
    workload *w = obj;
    w->labels[w->n_run] = (intptr_t)arg;
    w->times[w->n_run] = sim_env_now(env);
    if (++w->n_run == w->max_run) {
        sim_env_stop(env);
        return;
    }
    size_t pending = sim_env_pending(env);
    unsigned long children = pending < 3 ? 2 : pending >= 20 ? 0 : gsl_rng_uniform_int(w->rng, 3);
    for (unsigned long c = 0; c < children; c++) {
        double delay = 0.5 * (double)gsl_rng_uniform_int(w->rng, 4);
        int prio = (int)gsl_rng_uniform_int(w->rng, 3) - 1;
        sim_event_handle h = sim_env_schedule(env, delay, prio, workload_event, w,
                                              (void *)w->next_label++);
        w->handles[gsl_rng_uniform_int(w->rng, 32)] = h;
    }
    if (gsl_rng_uniform(w->rng) < 0.15) {
        sim_event_handle h = w->handles[gsl_rng_uniform_int(w->rng, 32)];
        if (h != 0 && sim_env_is_pending(env, h))
            sim_env_cancel(env, h);
    }
}

/* Runs the workload on `calendar` with the sequence counter renumbered every `limit`
 * schedules (0: the real limit, never reached here). */
static void run_workload(const sim_calendar_type *calendar, uint64_t limit, workload *w)
{
    sim_env *env = sim_env_new(calendar, 0);
    assert_non_null(env);
    if (limit > 0)
        sim_env_set_sequence_limit(env, limit);
    w->rng = sim_rng_stream_new(NULL, 77, 0, 0);
    assert_non_null(w->rng);
    memset(w->handles, 0, sizeof w->handles);
    w->n_run = 0;
    w->next_label = 1;
    for (int i = 0; i < 5; i++)
        sim_env_schedule_at(env, 0.0, 0, workload_event, w, (void *)w->next_label++);
    assert_int_equal(sim_env_run(env, NULL), SIM_OK);
    assert_int_equal(w->n_run, w->max_run);
    gsl_rng_free(w->rng);
    sim_env_free(env);
}

/* The calendar key holds a limited sequence number; renumbering the pending events when it
 * runs out must not change the order of events (FIFO ties and priorities included), on
 * every calendar. A limit of 100 renumbers about every 70 schedules, with events of all
 * three priorities, cancelled entries and a running event at the heap's root pending. */
static void env_should_keep_the_order_of_events_when_renumbering_sequences(void **state)
{
    (void)state;
    enum { N = 30000 };
    intptr_t *ref_labels = malloc(N * sizeof *ref_labels);
    double *ref_times = malloc(N * sizeof *ref_times);
    intptr_t *labels = malloc(N * sizeof *labels);
    double *times = malloc(N * sizeof *times);
    assert_true(ref_labels && ref_times && labels && times);
    workload w = {.max_run = N, .labels = ref_labels, .times = ref_times};
    run_workload(&sim_calendar_list, 0, &w);
    size_t ties = 0;
    for (size_t i = 1; i < N; i++)
        ties += ref_times[i] == ref_times[i - 1];
    assert_true(ties > N / 4); /* the workload exercises the tie-break */
    const uint64_t limits[] = {0, 100, 37};
    for (size_t k = 0; types[k] != NULL; k++) {
        for (size_t j = 0; j < 3; j++) {
            workload v = {.max_run = N, .labels = labels, .times = times};
            run_workload(types[k], limits[j], &v);
            for (size_t i = 0; i < N; i++) {
                assert_int_equal(labels[i], ref_labels[i]);
                assert_true(times[i] == ref_times[i]);
            }
        }
    }
    free(ref_labels);
    free(ref_times);
    free(labels);
    free(times);
}

/* An endless chain of events (each schedules the next); the handler raises the interrupt
 * flag at event `raise_at`, as a signal handler would between two events. */
typedef struct intr_chain {
    volatile sig_atomic_t flag;
    uint64_t ran, raise_at;
} intr_chain;

static void intr_step(sim_env *env, void *obj, void *arg)
{
    intr_chain *c = obj;
    if (++c->ran == c->raise_at)
        c->flag = 1;
    sim_env_schedule(env, 1.0, 0, intr_step, c, arg);
}

static void env_should_stop_a_long_run_soon_after_the_interrupt_flag(void **state)
{
    (void)state;
    const sim_calendar_type *cals[] = {&sim_calendar_heap, &sim_calendar_list};
    for (size_t k = 0; k < 2; k++) {
        sim_env *env = sim_env_new(cals[k], 16);
        assert_non_null(env);
        intr_chain c = {0, 0, 10000};
        sim_env_set_interrupt(env, &c.flag);
        sim_env_schedule(env, 1.0, 0, intr_step, &c, NULL);
        sim_error err;
        sim_error_clear(&err);
        /* without the flag this would run forever (the horizon is never reached) */
        assert_int_equal(sim_env_run(env, &err), SIM_EINTR);
        assert_int_equal(err.code, SIM_EINTR);
        assert_int_equal(sim_env_status(env), SIM_EINTR);
        assert_true(c.ran >= c.raise_at);
        assert_true(c.ran <= c.raise_at + SIM_ENV_INTERRUPT_EVERY);
        sim_env_free(env);
    }
    /* a flag that stays 0 changes nothing: the same run to a horizon */
    sim_env *env = sim_env_new(&sim_calendar_heap, 16);
    intr_chain c = {0, 0, 0};
    sim_env_set_interrupt(env, &c.flag);
    sim_env_schedule(env, 1.0, 0, intr_step, &c, NULL);
    assert_int_equal(sim_env_run_until(env, 20000.0, NULL), SIM_OK);
    assert_int_equal(c.ran, 20000);
    sim_env_free(env);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(env_should_run_equal_time_events_in_scheduling_order),
        cmocka_unit_test(env_should_order_by_time_then_priority),
        cmocka_unit_test(env_should_run_same_instant_follow_ups_after_earlier_ones),
        cmocka_unit_test(env_should_not_run_cancelled_events),
        cmocka_unit_test(env_should_not_let_a_stale_handle_touch_a_reused_slot),
        cmocka_unit_test(env_should_stop_at_until_and_set_the_clock),
        cmocka_unit_test(env_should_return_after_stop),
        cmocka_unit_test(env_peek_from_a_handler_should_see_the_next_event),
        cmocka_unit_test(env_should_report_out_of_memory_while_scheduling),
        cmocka_unit_test(env_should_create_no_leaks_when_construction_fails),
        cmocka_unit_test(env_should_assert_on_model_bugs),
        cmocka_unit_test(env_should_keep_memory_bounded_by_pending_events),
        cmocka_unit_test(env_should_keep_the_order_of_events_when_renumbering_sequences),
        cmocka_unit_test(env_should_stop_a_long_run_soon_after_the_interrupt_flag),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
