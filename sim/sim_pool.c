/* sim_pool.c -- see sim_pool.h. */
#include "sim_pool.h"

#include <stdint.h>

#include "sim_alloc.h"
#include "sim_assert.h"

typedef struct pool_chunk {
    struct pool_chunk *next;
    /* objects follow, aligned as max_align_t */
} pool_chunk;

typedef union pool_free_node {
    union pool_free_node *next;
} pool_free_node;

struct sim_pool {
    size_t object_size;
    size_t per_chunk;
    size_t header_size;
    pool_chunk *chunks;
    pool_free_node *free_list;
    size_t in_use;
    size_t peak;
    size_t bytes;
};

static size_t round_up(size_t n, size_t a)
{
    return (n + a - 1) / a * a;
}

sim_pool *sim_pool_new(size_t object_size, size_t per_chunk)
{
    sim_pool *pool = sim_calloc(1, sizeof *pool);
    if (pool == NULL)
        return NULL;
    size_t align = _Alignof(max_align_t);
    size_t size = object_size < sizeof(pool_free_node) ? sizeof(pool_free_node) : object_size;
    pool->object_size = round_up(size, sizeof(void *));
    pool->per_chunk = per_chunk == 0 ? 256 : per_chunk;
    pool->header_size = round_up(sizeof(pool_chunk), align);
    return pool;
}

void sim_pool_free(sim_pool *pool)
{
    if (pool == NULL)
        return;
    pool_chunk *c = pool->chunks;
    while (c != NULL) {
        pool_chunk *next = c->next;
        sim_free(c);
        c = next;
    }
    sim_free(pool);
}

static int pool_grow(sim_pool *pool)
{
    size_t per = pool->per_chunk;
    if (per > (SIZE_MAX - pool->header_size) / pool->object_size)
        return 0;
    size_t bytes = pool->header_size + per * pool->object_size;
    pool_chunk *c = sim_malloc(bytes);
    if (c == NULL)
        return 0;
    c->next = pool->chunks;
    pool->chunks = c;
    pool->bytes += bytes;
    char *base = (char *)c + pool->header_size;
    /* Thread objects onto the free list so the first handed out is the lowest address. */
    for (size_t i = per; i-- > 0;) {
        pool_free_node *node = (pool_free_node *)(void *)(base + i * pool->object_size);
        node->next = pool->free_list;
        pool->free_list = node;
    }
    return 1;
}

void *sim_pool_alloc(sim_pool *pool)
{
    if (pool->free_list == NULL && !pool_grow(pool))
        return NULL;
    pool_free_node *node = pool->free_list;
    pool->free_list = node->next;
    if (++pool->in_use > pool->peak)
        pool->peak = pool->in_use;
    return node;
}

void sim_pool_release(sim_pool *pool, void *object)
{
    SIM_ASSERT(object != NULL && pool->in_use > 0, "releasing into a pool with nothing in use");
    pool_free_node *node = object;
    node->next = pool->free_list;
    pool->free_list = node;
    pool->in_use--;
}

size_t sim_pool_in_use(const sim_pool *pool)
{
    return pool->in_use;
}

size_t sim_pool_peak(const sim_pool *pool)
{
    return pool->peak;
}

size_t sim_pool_bytes(const sim_pool *pool)
{
    return pool->bytes;
}
