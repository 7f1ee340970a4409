/* test_sim_calendar.c -- one behavioural suite run against every calendar implementation,
 * with the sorted list as the oracle for random workloads (STYLE 25). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "sim_alloc.h"
#include "sim_calendar.h"
#include "sim_rng.h"

/* Every calendar of the type list (sim_calendar_types_setup): a new calendar added to the list
 * runs every test here without an edit. */
#define calendar_types (sim_calendar_types_setup())

static sim_calendar_entry entry(double t, int prio, uint64_t seq, uint32_t id)
{
    sim_calendar_entry e = {t, sim_calendar_key(prio, seq, id)};
    return e;
}

static void calendar_should_pop_in_time_order(void **state)
{
    (void)state;
    for (size_t k = 0; calendar_types[k] != NULL; k++) {
        sim_calendar *cal = sim_calendar_new(calendar_types[k], 4);
        assert_non_null(cal);
        double times[] = {5.0, 1.0, 3.0, 4.0, 2.0, 0.5, 7.0};
        for (uint32_t i = 0; i < 7; i++)
            assert_int_equal(cal->type->insert(cal->state, entry(times[i], 0, i, i)), SIM_OK);
        assert_int_equal(cal->type->size(cal->state), 7);
        double expect[] = {0.5, 1.0, 2.0, 3.0, 4.0, 5.0, 7.0};
        for (size_t i = 0; i < 7; i++) {
            sim_calendar_entry e;
            assert_int_equal(cal->type->pop(cal->state, &e), 1);
            assert_true(e.time == expect[i]);
        }
        sim_calendar_entry e;
        assert_int_equal(cal->type->pop(cal->state, &e), 0);
        assert_null(cal->type->peek(cal->state));
        sim_calendar_free(cal);
    }
}

static void calendar_should_pop_equal_times_in_fifo_order(void **state)
{
    (void)state;
    for (size_t k = 0; calendar_types[k] != NULL; k++) {
        sim_calendar *cal = sim_calendar_new(calendar_types[k], 0);
        assert_non_null(cal);
        /* 200 events at the same time, inserted in sequence order, interleaved with others. */
        for (uint32_t i = 0; i < 200; i++) {
            assert_int_equal(cal->type->insert(cal->state, entry(10.0, 0, 2 * i, i)), SIM_OK);
            assert_int_equal(cal->type->insert(cal->state, entry(20.0 - i * 0.01, 0, 2 * i + 1,
                                                                 1000 + i)), SIM_OK);
        }
        for (uint32_t i = 0; i < 200; i++) {
            sim_calendar_entry e;
            assert_int_equal(cal->type->pop(cal->state, &e), 1);
            assert_int_equal(sim_calendar_key_id(e.key), i);
        }
        sim_calendar_free(cal);
    }
}

static void calendar_should_run_lower_priority_first_at_equal_time(void **state)
{
    (void)state;
    for (size_t k = 0; calendar_types[k] != NULL; k++) {
        sim_calendar *cal = sim_calendar_new(calendar_types[k], 0);
        assert_non_null(cal);
        cal->type->insert(cal->state, entry(1.0, 5, 0, 0));
        cal->type->insert(cal->state, entry(1.0, -3, 1, 1));
        cal->type->insert(cal->state, entry(1.0, 0, 2, 2));
        cal->type->insert(cal->state, entry(0.5, 100, 3, 3));
        uint32_t expect[] = {3, 1, 2, 0};
        for (size_t i = 0; i < 4; i++) {
            sim_calendar_entry e;
            cal->type->pop(cal->state, &e);
            assert_int_equal(sim_calendar_key_id(e.key), expect[i]);
        }
        sim_calendar_free(cal);
    }
}

static void calendar_should_remove_by_id(void **state)
{
    (void)state;
    for (size_t k = 0; calendar_types[k] != NULL; k++) {
        sim_calendar *cal = sim_calendar_new(calendar_types[k], 0);
        assert_non_null(cal);
        for (uint32_t i = 0; i < 50; i++)
            cal->type->insert(cal->state, entry((double)((i * 37) % 50), 0, i, i));
        for (uint32_t i = 0; i < 50; i += 3)
            assert_int_equal(cal->type->remove(cal->state, i), 1);
        assert_int_equal(cal->type->remove(cal->state, 0), 0); /* already gone */
        double last = -1.0;
        size_t n = 0;
        sim_calendar_entry e;
        while (cal->type->pop(cal->state, &e)) {
            assert_true(sim_calendar_key_id(e.key) % 3 != 0);
            assert_true(e.time >= last);
            last = e.time;
            n++;
        }
        assert_int_equal(n, 50 - 17);
        sim_calendar_free(cal);
    }
}

/* A random workload of interleaved inserts, pops and removes; every calendar must produce the
 * same sequence as the sorted-list oracle. Times are drawn from a coarse grid so that equal
 * times (and the FIFO tie-break) occur often. */
static void match_the_oracle(const sim_calendar_type *type)
{
    gsl_rng *r = sim_rng_stream_new(NULL, 2026, 0, 0);
    assert_non_null(r);
    sim_calendar *oracle = sim_calendar_new(&sim_calendar_list, 0);
    sim_calendar *cal = sim_calendar_new(type, 0);
    assert_non_null(oracle);
    assert_non_null(cal);
    uint64_t seq = 0;
    double now = 0.0;
    for (int step = 0; step < 50000; step++) {
        double u = gsl_rng_uniform(r);
        if (u < 0.55) {
            double t = now + (double)gsl_rng_uniform_int(r, 20);
            int prio = (int)gsl_rng_uniform_int(r, 3) - 1;
            sim_calendar_entry e = entry(t, prio, seq, (uint32_t)seq);
            seq++;
            assert_int_equal(oracle->type->insert(oracle->state, e), SIM_OK);
            assert_int_equal(cal->type->insert(cal->state, e), SIM_OK);
        } else if (u < 0.97) {
            sim_calendar_entry a, b;
            int ga = oracle->type->pop(oracle->state, &a);
            int gb = cal->type->pop(cal->state, &b);
            assert_int_equal(ga, gb);
            if (ga) {
                assert_true(a.time == b.time);
                assert_true(a.key == b.key);
                assert_int_equal(sim_calendar_key_id(a.key), sim_calendar_key_id(b.key));
                now = a.time;
            }
        } else if (seq > 0) {
            uint32_t id = (uint32_t)gsl_rng_uniform_int(r, (unsigned long)seq);
            assert_int_equal(oracle->type->remove(oracle->state, id),
                             cal->type->remove(cal->state, id));
        }
        assert_int_equal(oracle->type->size(oracle->state), cal->type->size(cal->state));
    }
    sim_calendar_free(oracle);
    sim_calendar_free(cal);
    gsl_rng_free(r);
}

static void calendar_should_match_the_oracle_on_random_workloads(void **state)
{
    (void)state;
    for (size_t k = 0; calendar_types[k] != NULL; k++)
        match_the_oracle(calendar_types[k]);
}

/* The heap orders times by their bit patterns (sim_calendar_heap_internal.h), which is only
 * right if -0.0 counts as +0.0 and +infinity stays after every finite time: equal-time ties
 * on zero and on infinity must still go by priority, then FIFO, exactly as in the list. */
static void calendar_should_order_zeros_of_either_sign_and_infinities_like_the_list(void **state)
{
    (void)state;
    const double times[] = {0.0, -0.0, (double)INFINITY, 0.0, 5.0, -0.0, (double)INFINITY,
                            1e-300, -0.0, 0.0};
    const int prios[] = {0, 0, 0, -1, 0, 1, -1, 0, -1, 0};
    sim_calendar *oracle = sim_calendar_new(&sim_calendar_list, 0);
    sim_calendar *heap = sim_calendar_new(&sim_calendar_heap, 0);
    assert_non_null(oracle);
    assert_non_null(heap);
    for (uint32_t i = 0; i < 10; i++) {
        assert_int_equal(oracle->type->insert(oracle->state, entry(times[i], prios[i], i, i)),
                         SIM_OK);
        assert_int_equal(heap->type->insert(heap->state, entry(times[i], prios[i], i, i)),
                         SIM_OK);
    }
    /* Expected: the zeros by priority then sequence, 1e-300, 5, the infinities. */
    const uint32_t expect[] = {3, 8, 0, 1, 9, 5, 7, 4, 6, 2};
    for (size_t i = 0; i < 10; i++) {
        sim_calendar_entry a, b;
        assert_int_equal(oracle->type->pop(oracle->state, &a), 1);
        assert_int_equal(heap->type->pop(heap->state, &b), 1);
        assert_int_equal(sim_calendar_key_id(a.key), expect[i]);
        assert_int_equal(sim_calendar_key_id(b.key), expect[i]);
        assert_true(a.time == b.time);
    }
    sim_calendar_free(oracle);
    sim_calendar_free(heap);
}

static void calendar_should_leave_nothing_behind_when_allocation_fails(void **state)
{
    (void)state;
    for (size_t k = 0; calendar_types[k] != NULL; k++) {
        for (long n = 1; n <= 3; n++) {
            sim_alloc_fail_after(n, 0);
            sim_calendar *cal = sim_calendar_new(calendar_types[k], 16);
            sim_alloc_fail_after(0, 0);
            sim_calendar_free(cal); /* NULL or a valid calendar: no leak either way (ASan) */
        }
        /* Growth failure leaves the calendar unchanged: insert until the calendar must grow
         * (its initial capacity is its own business) with the next allocation failing. */
        sim_calendar *cal = sim_calendar_new(calendar_types[k], 16);
        assert_non_null(cal);
        sim_alloc_fail_after(1, 0);
        uint32_t n = 0;
        while (n < 10000 && cal->type->insert(cal->state, entry(n, 0, n, n)) == SIM_OK)
            n++;
        sim_alloc_fail_after(0, 0);
        assert_true(n >= 16 && n < 10000);
        assert_int_equal(cal->type->size(cal->state), n);
        for (uint32_t i = 0; i < n; i++) {
            sim_calendar_entry e;
            assert_int_equal(cal->type->pop(cal->state, &e), 1);
            assert_int_equal(sim_calendar_key_id(e.key), i);
        }
        assert_int_equal(cal->type->size(cal->state), 0);
        sim_calendar_free(cal);
    }
}

static void calendar_should_be_found_by_name(void **state)
{
    (void)state;
    sim_error err;
    sim_error_clear(&err);
    assert_ptr_equal(calendar_types[0], &sim_calendar_heap); /* the default comes first */
    assert_ptr_equal(sim_calendar_type_by_name(NULL, &err), &sim_calendar_heap);
    size_t n = 0;
    for (; calendar_types[n] != NULL; n++)
        assert_ptr_equal(sim_calendar_type_by_name(calendar_types[n]->name, &err),
                         calendar_types[n]);
    assert_true(n >= 2);
    assert_ptr_equal(sim_calendar_type_by_name("heap", &err), &sim_calendar_heap);
    assert_ptr_equal(sim_calendar_type_by_name("list", &err), &sim_calendar_list);
    assert_null(sim_calendar_type_by_name("ladder", &err));
    assert_int_equal(err.code, SIM_EINVAL);
    assert_non_null(strstr(err.message, "ladder"));
    /* The message names every calendar of the list. */
    for (size_t k = 0; calendar_types[k] != NULL; k++)
        assert_non_null(strstr(err.message, calendar_types[k]->name));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(calendar_should_pop_in_time_order),
        cmocka_unit_test(calendar_should_pop_equal_times_in_fifo_order),
        cmocka_unit_test(calendar_should_run_lower_priority_first_at_equal_time),
        cmocka_unit_test(calendar_should_remove_by_id),
        cmocka_unit_test(calendar_should_match_the_oracle_on_random_workloads),
        cmocka_unit_test(calendar_should_order_zeros_of_either_sign_and_infinities_like_the_list),
        cmocka_unit_test(calendar_should_leave_nothing_behind_when_allocation_fails),
        cmocka_unit_test(calendar_should_be_found_by_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
