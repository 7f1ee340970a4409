/* sim_alloc.h -- the one allocation seam of omnisim.
 *
 * Every allocation in sim/, models/ and output/ goes through these functions so that tests
 * can make the n-th allocation fail (Lua's debug_realloc, cJSON's hooks) and check that
 * every constructor either fully succeeds or leaves nothing behind.
 *
 * The failure injector is the only process-wide mutable state in the library; it is a test
 * seam, inert unless a test arms it, and it is atomic so threaded runs stay defined.
 */
#ifndef SIM_ALLOC_H
#define SIM_ALLOC_H

#include <stddef.h>

/* Like malloc/calloc/realloc/free. They return NULL on failure (or when the injector fires);
 * calloc and the array variants also return NULL on size overflow. sim_free(NULL) is a no-op.
 * The caller owns the result and frees it with sim_free. */
void *sim_malloc(size_t size);
void *sim_calloc(size_t count, size_t size);
void *sim_realloc(void *ptr, size_t size);
void *sim_malloc_array(size_t count, size_t size);           /* overflow-checked */
void *sim_realloc_array(void *ptr, size_t count, size_t size); /* overflow-checked */
void sim_free(void *ptr);
/* A sim_malloc'd copy of s (NULL when s is NULL or allocation fails). */
char *sim_strdup(const char *s);

/* Test seam: make the allocation that is `n` calls from now fail (n = 1: the next one), and
 * every later one too when `sticky` is non-zero. n = 0 disarms. */
void sim_alloc_fail_after(long n, int sticky);
/* Number of allocations attempted since the process started (for fault-injection loops). */
long sim_alloc_count(void);

#endif /* SIM_ALLOC_H */
