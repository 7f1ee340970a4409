/* sim_calendar_heap_internal.h -- the binary heap's state and operations, inline.
 *
 * Shared inside sim/ only: sim_calendar_heap.c wraps these for the descriptor, and sim_env.c
 * calls them directly when its calendar is the heap, so the hottest path of every model
 * (schedule, pop) costs no indirect call. Any other calendar goes through the descriptor.
 * Fields are private to sim/.
 *
 * Padding: every position from n up to cap holds a sentinel that orders after every real
 * entry (see below), and cap is always above 2n + 1, so both children of any entry can be
 * read without a bounds check: a sentinel is never chosen over a real child and never comes
 * before the entry being sifted. The sifts need no `child < n` tests, and a pop walks a
 * number of levels known before it starts (floor(log2 n)), so its loop exit is predicted
 * instead of mispredicted at the partly filled last level.
 *
 * Order as one integer: times are never negative (they are >= the clock, which starts at
 * 0), and for non-negative doubles the IEEE bit pattern read as an unsigned integer is in
 * the same order as the value (+inf included; the NaN sentinels come after everything). So
 * (time, key) is compared as the 128-bit integer bits(time) * 2^64 + key: a compare and a
 * subtract-with-borrow, no floating compare, and no branch for the tie-break on equal times,
 * so choosing the smaller child is branch-free. That needs -0.0 kept out (its bit pattern is
 * the largest of all): sim_heap_time turns it into +0.0 on the way in.
 */
#ifndef SIM_CALENDAR_HEAP_INTERNAL_H
#define SIM_CALENDAR_HEAP_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "sim_alloc.h"
#include "sim_calendar.h"

/* Arity 2. A 4-ary heap (children adjacent, half the depth) was tried twice and measured
 * with callgrind and wall time on `omnisim bench`: with 24-byte entries and branchy compares,
 * and again with these entries and a branch-free minimum of four (149 against 133 million
 * instructions on `--horizon 20000`). Both times more instructions per pop for the 40-100
 * pending events of a contact-center model and no faster, nor on the hold model from 10 to
 * 100,000 pending events (docs/performance.md). */
#define SIM_HEAP_ARITY 2

typedef struct sim_heap_state {
    sim_calendar_entry *a; /* a[0] is the first event; children of i are 2i+1, 2i+2 */
    size_t n;              /* entries; a[n..cap-1] are sentinels */
    size_t cap;            /* > 2n + 1: both children of every entry exist */
} sim_heap_state;

/* An event time as the heap stores it: -0.0 becomes +0.0 (x + 0.0 does exactly that and
 * leaves every other time unchanged). */
static inline double sim_heap_time(double t)
{
    return t + 0.0;
}

static inline uint64_t sim_heap_bits(double t)
{
    uint64_t b;
    memcpy(&b, &t, sizeof b);
    return b;
}

/* The sentinel: a quiet NaN time (bits above every real time) and the largest key. */
static inline sim_calendar_entry sim_heap_sentinel(void)
{
    uint64_t bits = 0x7ff8000000000000ULL;
    sim_calendar_entry s;
    memcpy(&s.time, &bits, sizeof s.time);
    s.key = UINT64_MAX;
    return s;
}

/* (time, key) as one unsigned 128-bit integer (see the header comment). */
__extension__ typedef unsigned __int128 sim_heap_ord;

static inline sim_heap_ord sim_heap_order(const sim_calendar_entry *e)
{
    return ((sim_heap_ord)sim_heap_bits(e->time) << 64) | e->key;
}

static inline int sim_heap_before(const sim_calendar_entry *x, const sim_calendar_entry *y)
{
    return sim_heap_order(x) < sim_heap_order(y);
}

/* The sifts walk byte offsets rather than indices: the first child of the entry at offset o
 * is at 2o + 16 and the parent at ((o - 16) / 2) rounded down to a multiple of 16, each one
 * instruction or two, and x86 addresses base + offset without a scale. */
#define SIM_HEAP_ESZ ((size_t)sizeof(sim_calendar_entry))

static inline sim_calendar_entry *sim_heap_at(sim_calendar_entry *a, size_t off)
{
    return (sim_calendar_entry *)(void *)((char *)a + off);
}

/* The offset of the smaller of the two children at offsets c and c + 16 (the second may be a
 * sentinel; then the first, real or a sentinel too). Event times are continuous, so which
 * child is earlier is a coin toss that a branch would mispredict about half the time: the
 * comparison goes into the offset (setcc), no jump. */
static inline size_t sim_heap_min_child(sim_calendar_entry *a, size_t c)
{
    const sim_calendar_entry *pair = sim_heap_at(a, c);
    return c + (((size_t)0 - (size_t)sim_heap_before(&pair[1], &pair[0])) & SIM_HEAP_ESZ);
}

/* Move the hole at i up until `e` fits, then store it. */
static inline void sim_heap_sift_up(sim_heap_state *h, size_t i, sim_calendar_entry e)
{
    sim_calendar_entry *a = h->a;
    size_t off = i * SIM_HEAP_ESZ;
    while (off > 0) {
        size_t parent = ((off - SIM_HEAP_ESZ) / 2) & ~(SIM_HEAP_ESZ - 1);
        if (!sim_heap_before(&e, sim_heap_at(a, parent)))
            break;
        *sim_heap_at(a, off) = *sim_heap_at(a, parent);
        off = parent;
    }
    *sim_heap_at(a, off) = e;
}

/* Move the hole at i (< n) down until `e` fits, then store it. A sentinel child never comes
 * before e, so the loop stops at the leaves without a bounds test. */
static inline void sim_heap_sift_down(sim_heap_state *h, size_t i, sim_calendar_entry e)
{
    sim_calendar_entry *a = h->a;
    size_t off = i * SIM_HEAP_ESZ;
    for (;;) {
        size_t child = sim_heap_min_child(a, 2 * off + SIM_HEAP_ESZ);
        if (!sim_heap_before(sim_heap_at(a, child), &e))
            break;
        *sim_heap_at(a, off) = *sim_heap_at(a, child);
        off = child;
    }
    *sim_heap_at(a, off) = e;
}

/* Double the array and pad the new part with sentinels. */
static inline sim_status sim_heap_grow(sim_heap_state *h)
{
    size_t cap = h->cap * 2;
    sim_calendar_entry *a = sim_realloc_array(h->a, cap, sizeof *a);
    if (a == NULL)
        return SIM_ENOMEM;
    for (size_t i = h->cap; i < cap; i++)
        a[i] = sim_heap_sentinel();
    h->a = a;
    h->cap = cap;
    return SIM_OK;
}

/* 1 when one more entry needs a bigger array (cap must stay above 2n + 1). */
static inline int sim_heap_full(const sim_heap_state *h)
{
    return 2 * h->n + 4 > h->cap;
}

/* Add e (its time already through sim_heap_time). */
static inline sim_status sim_heap_insert(sim_heap_state *h, sim_calendar_entry e)
{
    if (sim_heap_full(h) && sim_heap_grow(h) != SIM_OK)
        return SIM_ENOMEM;
    sim_heap_sift_up(h, h->n++, e);
    return SIM_OK;
}

/* Remove the first entry (the heap must not be empty). Bottom-up deletion (Wegener 1993,
 * "BOTTOM-UP-HEAPSORT"): walk the hole from the root to a leaf along the smaller child, one
 * comparison per level, then sift the former last entry up from there. The last entry of an
 * event heap is usually late, so it rarely climbs; this halves the comparisons of the
 * textbook sift-down, which compares every level's winner with the moving entry too.
 * The walk takes floor(log2 n) steps, to the level of the last entry; where that level is
 * not full it may end on a sentinel below a leaf, and the hole goes back up to the leaf
 * (a conditional move, not a branch). */
static inline void sim_heap_pop_first(sim_heap_state *h)
{
    size_t n = --h->n;
    sim_calendar_entry *a = h->a;
    sim_calendar_entry last = a[n];
    a[n] = sim_heap_sentinel();
    if (n == 0)
        return;
    unsigned levels = 63u - (unsigned)__builtin_clzll((unsigned long long)n);
    size_t off = 0;
    for (unsigned k = levels; k != 0; k--) {
        size_t child = sim_heap_min_child(a, 2 * off + SIM_HEAP_ESZ);
        *sim_heap_at(a, off) = *sim_heap_at(a, child);
        off = child;
    }
    size_t i = off / SIM_HEAP_ESZ;
    i = i < n ? i : (i - 1) / 2;
    sim_heap_sift_up(h, i, last);
}

#endif /* SIM_CALENDAR_HEAP_INTERNAL_H */
