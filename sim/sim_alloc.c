/* sim_alloc.c -- see sim_alloc.h. */
#include "sim_alloc.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Fault-injection state: the only file-scope mutable variables in the library, by design
 * (see the header). countdown > 0 counts allocations down to the failing one. */
static atomic_long alloc_countdown;
static atomic_int alloc_sticky;
static atomic_int alloc_failing;
static atomic_long alloc_attempts;

static int alloc_should_fail(void)
{
    atomic_fetch_add_explicit(&alloc_attempts, 1, memory_order_relaxed);
    if (atomic_load_explicit(&alloc_failing, memory_order_relaxed))
        return 1;
    long left = atomic_load_explicit(&alloc_countdown, memory_order_relaxed);
    if (left <= 0)
        return 0;
    if (atomic_fetch_sub_explicit(&alloc_countdown, 1, memory_order_relaxed) == 1) {
        if (atomic_load_explicit(&alloc_sticky, memory_order_relaxed))
            atomic_store_explicit(&alloc_failing, 1, memory_order_relaxed);
        return 1;
    }
    return 0;
}

void sim_alloc_fail_after(long n, int sticky)
{
    atomic_store(&alloc_failing, 0);
    atomic_store(&alloc_sticky, sticky != 0);
    atomic_store(&alloc_countdown, n > 0 ? n : 0);
}

long sim_alloc_count(void)
{
    return atomic_load(&alloc_attempts);
}

void *sim_malloc(size_t size)
{
    if (alloc_should_fail())
        return NULL;
    return malloc(size == 0 ? 1 : size);
}

void *sim_calloc(size_t count, size_t size)
{
    if (size != 0 && count > SIZE_MAX / size)
        return NULL;
    if (alloc_should_fail())
        return NULL;
    return calloc(count == 0 ? 1 : count, size == 0 ? 1 : size);
}

void *sim_realloc(void *ptr, size_t size)
{
    if (alloc_should_fail())
        return NULL;
    return realloc(ptr, size == 0 ? 1 : size);
}

void *sim_malloc_array(size_t count, size_t size)
{
    if (size != 0 && count > SIZE_MAX / size)
        return NULL;
    return sim_malloc(count * size);
}

void *sim_realloc_array(void *ptr, size_t count, size_t size)
{
    if (size != 0 && count > SIZE_MAX / size)
        return NULL;
    return sim_realloc(ptr, count * size);
}

void sim_free(void *ptr)
{
    free(ptr);
}

char *sim_strdup(const char *s)
{
    if (s == NULL)
        return NULL;
    size_t n = strlen(s) + 1;
    char *copy = sim_malloc(n);
    if (copy != NULL)
        memcpy(copy, s, n);
    return copy;
}
