/* sim_calendar_heap_internal.h -- the binary heap's state and operations, inline.
 *
 * Shared inside sim/ only: sim_calendar_heap.c wraps these for the descriptor, and sim_env.c
 * calls them directly when its calendar is the heap, so the hottest path of every model
 * (schedule, pop) costs no indirect call. Any other calendar goes through the descriptor.
 * Fields are private to sim/.
 */
#ifndef SIM_CALENDAR_HEAP_INTERNAL_H
#define SIM_CALENDAR_HEAP_INTERNAL_H

#include <stddef.h>

#include "sim_alloc.h"
#include "sim_calendar.h"

typedef struct sim_heap_state {
    sim_calendar_entry *a; /* a[0] is the first event; children of i are 2i+1, 2i+2 */
    size_t n;
    size_t cap;
} sim_heap_state;

/* Move the hole at i up until `e` fits, then store it. */
static inline void sim_heap_sift_up(sim_heap_state *h, size_t i, sim_calendar_entry e)
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
static inline void sim_heap_sift_down(sim_heap_state *h, size_t i, sim_calendar_entry e)
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

static inline sim_status sim_heap_insert(sim_heap_state *h, sim_calendar_entry e)
{
    if (h->n == h->cap) {
        size_t cap = h->cap * 2;
        sim_calendar_entry *a = sim_realloc_array(h->a, cap, sizeof *a);
        if (a == NULL)
            return SIM_ENOMEM;
        h->a = a;
        h->cap = cap;
    }
    sim_heap_sift_up(h, h->n++, e);
    return SIM_OK;
}

/* Remove the first entry (the heap must not be empty). */
static inline void sim_heap_pop_first(sim_heap_state *h)
{
    sim_calendar_entry last = h->a[--h->n];
    if (h->n > 0)
        sim_heap_sift_down(h, 0, last);
}

#endif /* SIM_CALENDAR_HEAP_INTERNAL_H */
