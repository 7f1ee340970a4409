/* sim_calendar_heap.c -- the default calendar: a binary min-heap in one flat array.
 *
 * Entries are 24 bytes (time, order, id) stored by value, so a sift touches one contiguous
 * array and no pointers. Insert and pop are O(log n); remove by id is O(n) to find plus
 * O(log n) to repair, which is why the environment cancels lazily instead (a flag on the
 * event slot, the entry discarded when it surfaces: ns-3's Cancel). The array doubles when
 * full and never shrinks, so its size is the peak number of pending entries.
 */
#include "sim_calendar.h"

#include "sim_alloc.h"

typedef struct heap_state {
    sim_calendar_entry *a;
    size_t n;
    size_t cap;
} heap_state;

static sim_status heap_init(void *vs, size_t hint)
{
    heap_state *h = vs;
    h->cap = hint < 16 ? 16 : hint;
    h->n = 0;
    h->a = sim_malloc_array(h->cap, sizeof *h->a);
    return h->a != NULL ? SIM_OK : SIM_ENOMEM;
}

static void heap_fini(void *vs)
{
    heap_state *h = vs;
    sim_free(h->a);
    h->a = NULL;
    h->n = h->cap = 0;
}

/* Move the hole at i up until `e` fits, then store it. */
static void heap_sift_up(heap_state *h, size_t i, sim_calendar_entry e)
{
    sim_calendar_entry *a = h->a;
    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (!sim_calendar_entry_before(&e, &a[parent]))
            break;
        a[i] = a[parent];
        i = parent;
    }
    a[i] = e;
}

/* Move the hole at i down until `e` fits, then store it. */
static void heap_sift_down(heap_state *h, size_t i, sim_calendar_entry e)
{
    sim_calendar_entry *a = h->a;
    size_t n = h->n;
    for (;;) {
        size_t child = 2 * i + 1;
        if (child >= n)
            break;
        if (child + 1 < n && sim_calendar_entry_before(&a[child + 1], &a[child]))
            child++;
        if (!sim_calendar_entry_before(&a[child], &e))
            break;
        a[i] = a[child];
        i = child;
    }
    a[i] = e;
}

static sim_status heap_insert(void *vs, sim_calendar_entry e)
{
    heap_state *h = vs;
    if (h->n == h->cap) {
        size_t cap = h->cap * 2;
        sim_calendar_entry *a = sim_realloc_array(h->a, cap, sizeof *a);
        if (a == NULL)
            return SIM_ENOMEM;
        h->a = a;
        h->cap = cap;
    }
    heap_sift_up(h, h->n++, e);
    return SIM_OK;
}

static const sim_calendar_entry *heap_peek(const void *vs)
{
    const heap_state *h = vs;
    return h->n > 0 ? &h->a[0] : NULL;
}

static int heap_pop(void *vs, sim_calendar_entry *out)
{
    heap_state *h = vs;
    if (h->n == 0)
        return 0;
    *out = h->a[0];
    sim_calendar_entry last = h->a[--h->n];
    if (h->n > 0)
        heap_sift_down(h, 0, last);
    return 1;
}

static int heap_remove(void *vs, uint32_t id)
{
    heap_state *h = vs;
    for (size_t i = 0; i < h->n; i++) {
        if (h->a[i].id != id)
            continue;
        sim_calendar_entry last = h->a[--h->n];
        if (i < h->n) {
            /* The moved entry may belong above or below the hole. */
            if (i > 0 && sim_calendar_entry_before(&last, &h->a[(i - 1) / 2]))
                heap_sift_up(h, i, last);
            else
                heap_sift_down(h, i, last);
        }
        return 1;
    }
    return 0;
}

static size_t heap_size(const void *vs)
{
    return ((const heap_state *)vs)->n;
}

static void heap_clear(void *vs)
{
    ((heap_state *)vs)->n = 0;
}

const sim_calendar_type sim_calendar_heap = {
    "heap", sizeof(heap_state), heap_init, heap_fini, heap_insert, heap_peek,
    heap_pop, heap_remove, heap_size, heap_clear, sizeof(sim_calendar_entry),
};
