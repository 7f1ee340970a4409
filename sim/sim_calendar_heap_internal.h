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

/* Arity 2. A 4-ary heap (children adjacent, half the depth) was tried and measured with
 * callgrind on `omnisim bench`: more instructions per pop for the 40-100 pending events of a
 * contact-center model, and no faster in wall time (docs/performance.md). */
#define SIM_HEAP_ARITY 2

/* The smaller of the children c and c + 1. Event times are continuous, so which child is
 * earlier is a coin toss that a branch would mispredict about half the time: the times are
 * compared into an index (setcc/adc, no jump) and the (priority, sequence) tie-break runs
 * only on equal times, a branch that is almost never taken and so always predicted. */
static inline size_t sim_heap_min_child(const sim_calendar_entry *a, size_t c)
{
    if (a[c + 1].time == a[c].time)
        return c + (a[c + 1].key < a[c].key);
    return c + (a[c + 1].time < a[c].time);
}

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
        size_t parent = (i - 1) / SIM_HEAP_ARITY;
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
        if (child + 1 < n)
            child = sim_heap_min_child(a, child);
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

/* Remove the first entry (the heap must not be empty). Bottom-up deletion (Wegener 1993,
 * "BOTTOM-UP-HEAPSORT"): walk the hole from the root to a leaf along the smaller child, one
 * comparison per level, then sift the former last entry up from there. The last entry of an
 * event heap is usually late, so it rarely climbs; this halves the comparisons of the
 * textbook sift-down, which compares every level's winner with the moving entry too. */
static inline void sim_heap_pop_first(sim_heap_state *h)
{
    size_t n = --h->n;
    if (n == 0)
        return;
    sim_calendar_entry *a = h->a;
    sim_calendar_entry last = a[n];
    size_t i = 0;
    for (;;) {
        size_t child = 2 * i + 1;
        if (child >= n)
            break;
        if (child + 1 < n)
            child = sim_heap_min_child(a, child);
        a[i] = a[child];
        i = child;
    }
    sim_heap_sift_up(h, i, last);
}

#endif /* SIM_CALENDAR_HEAP_INTERNAL_H */
