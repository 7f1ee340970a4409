/* sim_calendar.h -- the event calendar interface: a descriptor plus a state blob.
 *
 * A calendar holds entries (time, order, id) and hands them back in increasing
 * (time, order). `order` is built by the environment from the event's priority and a
 * per-replication sequence number (sim_calendar_order), so equal-time events come out in a
 * fixed order that does not depend on the calendar's internals: FIFO among equal time and
 * priority. `id` is the environment's slot for the event's handler and payload.
 *
 * Implementations (chosen by name, see sim_calendar_type_by_name):
 *   "heap" -- binary min-heap in one flat array (the default);
 *   "list" -- a sorted array, O(n) insert: the test oracle, and fine for tiny models.
 * Both support `remove` by id (O(log n) / O(n)) for callers that want eager cancellation;
 * the environment uses lazy cancellation with the heap (see sim_env.h for why).
 */
#ifndef SIM_CALENDAR_H
#define SIM_CALENDAR_H

#include <stddef.h>
#include <stdint.h>

#include "sim_error.h"

typedef struct sim_calendar_entry {
    double time;    /* event time, seconds of simulated time */
    uint64_t order; /* tie-break key: see sim_calendar_order() */
    uint32_t id;    /* owner's slot id, opaque to the calendar */
} sim_calendar_entry;

/* Total order of entries: by time, then by order. Invariant: no two entries of one calendar
 * share (time, order), because the sequence part of `order` is unique per environment. */
static inline int sim_calendar_entry_before(const sim_calendar_entry *a,
                                            const sim_calendar_entry *b)
{
    return a->time < b->time || (a->time == b->time && a->order < b->order);
}

/* The tie-break key for an event of `priority` (-128..127, lower runs first) scheduled as the
 * `seq`-th event (seq < 2^56): priority in the top byte, sequence below it. */
static inline uint64_t sim_calendar_order(int priority, uint64_t seq)
{
    return ((uint64_t)(priority + 128) << 56) | (seq & 0x00ffffffffffffffULL);
}

typedef struct sim_calendar_type {
    const char *name;
    size_t state_size;
    /* Prepare state for about `capacity_hint` pending entries. SIM_OK or SIM_ENOMEM. */
    sim_status (*init)(void *state, size_t capacity_hint);
    void (*fini)(void *state);
    /* Add an entry. SIM_OK or SIM_ENOMEM (the calendar is unchanged then). */
    sim_status (*insert)(void *state, sim_calendar_entry entry);
    /* The first entry, or NULL when empty. Valid until the next insert/pop/remove. */
    const sim_calendar_entry *(*peek)(const void *state);
    /* Remove the first entry into *out. Returns 0 when empty, 1 otherwise. */
    int (*pop)(void *state, sim_calendar_entry *out);
    /* Remove the entry with `id`. Returns 1 if found, 0 if not. */
    int (*remove)(void *state, uint32_t id);
    size_t (*size)(const void *state);
    void (*clear)(void *state);
    /* Bytes the calendar holds per pending entry, for documentation and benchmarks. */
    size_t bytes_per_entry;
} sim_calendar_type;

extern const sim_calendar_type sim_calendar_heap;
extern const sim_calendar_type sim_calendar_list;

/* The calendar type called `name` ("heap", "list"), or NULL with err filled. */
const sim_calendar_type *sim_calendar_type_by_name(const char *name, sim_error *err);

/* A calendar bound to its state. Owned by the caller; free with sim_calendar_free. */
typedef struct sim_calendar {
    const sim_calendar_type *type;
    void *state;
} sim_calendar;

/* A new calendar of `type` (NULL: heap). NULL when out of memory. */
sim_calendar *sim_calendar_new(const sim_calendar_type *type, size_t capacity_hint);
void sim_calendar_free(sim_calendar *cal);

#endif /* SIM_CALENDAR_H */
