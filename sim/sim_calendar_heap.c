/* sim_calendar_heap.c -- the default calendar: a binary min-heap in one flat array.
 *
 * Entries are 16 bytes (time, key) stored by value, so a sift touches one contiguous
 * array and no pointers. Insert and pop are O(log n); remove by id is O(n) to find plus
 * O(log n) to repair, which is why the environment cancels lazily instead (a flag on the
 * event slot, the entry discarded when it surfaces: ns-3's Cancel). The array doubles when
 * full and never shrinks, so its size is about twice the peak number of pending entries (the
 * upper half is sentinel padding, see sim_calendar_heap_internal.h). The operations
 * themselves are inline in sim_calendar_heap_internal.h, shared with sim_env.c's fast path.
 */
#include "sim_calendar_heap_internal.h"

#include "sim_assert.h"

static sim_status heap_init(void *vs, size_t hint)
{
    sim_heap_state *h = vs;
    h->cap = hint < 8 ? 20 : 2 * hint + 4;
    h->n = 0;
    h->a = sim_malloc_array(h->cap, sizeof *h->a);
    if (h->a == NULL)
        return SIM_ENOMEM;
    for (size_t i = 0; i < h->cap; i++)
        h->a[i] = sim_heap_sentinel();
    return SIM_OK;
}

static void heap_fini(void *vs)
{
    sim_heap_state *h = vs;
    sim_free(h->a);
    h->a = NULL;
    h->n = h->cap = 0;
}

static sim_status heap_insert(void *vs, sim_calendar_entry e)
{
    SIM_ASSERT(e.time >= 0.0, "heap calendar entry with a negative or NaN time");
    e.time = sim_heap_time(e.time);
    return sim_heap_insert(vs, e);
}

static const sim_calendar_entry *heap_peek(const void *vs)
{
    const sim_heap_state *h = vs;
    return h->n > 0 ? &h->a[0] : NULL;
}

static int heap_pop(void *vs, sim_calendar_entry *out)
{
    sim_heap_state *h = vs;
    if (h->n == 0)
        return 0;
    *out = h->a[0];
    sim_heap_pop_first(h);
    return 1;
}

static int heap_remove(void *vs, uint32_t id)
{
    sim_heap_state *h = vs;
    for (size_t i = 0; i < h->n; i++) {
        if (sim_calendar_key_id(h->a[i].key) != id)
            continue;
        sim_calendar_entry last = h->a[--h->n];
        h->a[h->n] = sim_heap_sentinel();
        if (i < h->n) {
            /* The moved entry may belong above or below the hole. */
            if (i > 0 && sim_calendar_entry_before(&last, &h->a[(i - 1) / SIM_HEAP_ARITY]))
                sim_heap_sift_up(h, i, last);
            else
                sim_heap_sift_down(h, i, last);
        }
        return 1;
    }
    return 0;
}

static size_t heap_size(const void *vs)
{
    return ((const sim_heap_state *)vs)->n;
}

static void heap_clear(void *vs)
{
    sim_heap_state *h = vs;
    for (size_t i = 0; i < h->n; i++)
        h->a[i] = sim_heap_sentinel();
    h->n = 0;
}

const sim_calendar_type sim_calendar_heap = {
    "heap", sizeof(sim_heap_state), heap_init, heap_fini, heap_insert, heap_peek,
    heap_pop, heap_remove, heap_size, heap_clear, 2 * sizeof(sim_calendar_entry),
};
