/* sim_pool.h -- fixed-size object pools: entities without a malloc per event.
 *
 * Objects are carved from chunks and recycled through a free list, so the memory a pool
 * holds is bounded by the most objects alive at once (its peak), never by how many were
 * ever allocated. Chunks are never returned before sim_pool_free; that is the price of O(1)
 * alloc/release and stable addresses. Not thread-safe: one pool per replication.
 */
#ifndef SIM_POOL_H
#define SIM_POOL_H

#include <stddef.h>

typedef struct sim_pool sim_pool;

/* A pool of objects of `object_size` bytes (rounded up to pointer alignment), allocating
 * `per_chunk` objects (0: 256) at a time. NULL when out of memory. Free with sim_pool_free,
 * which releases every object at once. */
sim_pool *sim_pool_new(size_t object_size, size_t per_chunk);
void sim_pool_free(sim_pool *pool);

/* An uninitialised object, or NULL when out of memory. O(1) amortised. */
void *sim_pool_alloc(sim_pool *pool);
/* Return an object obtained from this pool. O(1). */
void sim_pool_release(sim_pool *pool, void *object);

size_t sim_pool_in_use(const sim_pool *pool);
size_t sim_pool_peak(const sim_pool *pool);
/* Bytes held by the pool's chunks. */
size_t sim_pool_bytes(const sim_pool *pool);

#endif /* SIM_POOL_H */
