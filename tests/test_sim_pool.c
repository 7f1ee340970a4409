/* test_sim_pool.c -- entity pools: reuse, bounded memory, alignment, failure. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "sim_alloc.h"
#include "sim_pool.h"

typedef struct thing {
    double x;
    char name[20];
} thing;

static void pool_should_reuse_released_objects(void **state)
{
    (void)state;
    sim_pool *p = sim_pool_new(sizeof(thing), 8);
    assert_non_null(p);
    thing *a = sim_pool_alloc(p);
    assert_non_null(a);
    sim_pool_release(p, a);
    thing *b = sim_pool_alloc(p);
    assert_ptr_equal(a, b);
    assert_int_equal(sim_pool_in_use(p), 1);
    sim_pool_free(p);
}

static void pool_memory_should_follow_the_peak_not_the_total(void **state)
{
    (void)state;
    sim_pool *p = sim_pool_new(sizeof(thing), 16);
    thing *live[40];
    /* A million allocations, never more than 40 alive. */
    for (int round = 0; round < 25000; round++) {
        for (int i = 0; i < 40; i++) {
            live[i] = sim_pool_alloc(p);
            assert_non_null(live[i]);
            live[i]->x = i;
        }
        for (int i = 0; i < 40; i++)
            sim_pool_release(p, live[i]);
    }
    assert_int_equal(sim_pool_peak(p), 40);
    assert_int_equal(sim_pool_in_use(p), 0);
    /* 40 objects need 3 chunks of 16. */
    assert_true(sim_pool_bytes(p) < 4 * (16 * sizeof(thing) + 64));
    sim_pool_free(p);
}

static void pool_objects_should_be_distinct_and_aligned(void **state)
{
    (void)state;
    sim_pool *p = sim_pool_new(3, 5);
    void *objs[100];
    for (int i = 0; i < 100; i++) {
        objs[i] = sim_pool_alloc(p);
        assert_non_null(objs[i]);
        assert_int_equal((uintptr_t)objs[i] % sizeof(void *), 0);
        memset(objs[i], i, 3);
    }
    for (int i = 0; i < 100; i++)
        for (int j = 0; j < 3; j++)
            assert_int_equal(((unsigned char *)objs[i])[j], i);
    sim_pool_free(p);
}

static void pool_should_return_null_when_memory_runs_out(void **state)
{
    (void)state;
    sim_pool *p = sim_pool_new(sizeof(thing), 4);
    for (int i = 0; i < 4; i++)
        assert_non_null(sim_pool_alloc(p));
    sim_alloc_fail_after(1, 0);
    assert_null(sim_pool_alloc(p));
    sim_alloc_fail_after(0, 0);
    assert_non_null(sim_pool_alloc(p));
    sim_pool_free(p);
    sim_pool_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pool_should_reuse_released_objects),
        cmocka_unit_test(pool_memory_should_follow_the_peak_not_the_total),
        cmocka_unit_test(pool_objects_should_be_distinct_and_aligned),
        cmocka_unit_test(pool_should_return_null_when_memory_runs_out),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
