/* sim_calendar.h -- the event calendar interface: a descriptor plus a state blob.
 *
 * A calendar holds 16-byte entries (time, key) and hands them back in increasing
 * (time, key). The key packs, from the top bit down, the event's priority, a
 * per-replication sequence number and the owner's slot id (sim_calendar_key), so equal-time
 * events come out in a fixed order that does not depend on the calendar's internals: by
 * priority, then FIFO (sequence). The id never decides the order, because no two entries of
 * one calendar share (priority, sequence); it rides along so that an entry is one 16-byte
 * move (the sifts of a heap are mostly moves: a 24-byte entry (time, order, id) cost about
 * 10-20% more per event on the hold benchmark at 100 to 100,000 pending events).
 *
 * The sequence part has SIM_CALENDAR_SEQ_BITS bits. The environment renumbers the pending
 * entries' sequence numbers (keeping their relative order, so any calendar's internal order
 * stays valid) when its counter reaches the limit; see sim_env.c.
 *
 * Implementations (listed by sim_calendar_types_setup, chosen by name with
 * sim_calendar_type_by_name; a new one is its own file plus one line of the list in
 * sim_calendar.c):
 *   "heap" -- binary min-heap in one flat array (the default; sim_env runs it inline);
 *   "list" -- a sorted array, O(n) insert: the test oracle, and fine for tiny models.
 * Both support `remove` by id (O(n) to find) for callers that want eager cancellation;
 * the environment uses lazy cancellation with the heap (see sim_env.h for why).
 */
#ifndef SIM_CALENDAR_H
#define SIM_CALENDAR_H

#include <stddef.h>
#include <stdint.h>

#include "sim_error.h"

/* Key layout: priority + 128 in bits 56..63, sequence in bits 28..55, id in bits 0..27. */
#define SIM_CALENDAR_ID_BITS 28
#define SIM_CALENDAR_SEQ_BITS 28
/* Ids are < SIM_CALENDAR_ID_LIMIT, sequence numbers < SIM_CALENDAR_SEQ_LIMIT. */
#define SIM_CALENDAR_ID_LIMIT ((uint32_t)1 << SIM_CALENDAR_ID_BITS)
#define SIM_CALENDAR_SEQ_LIMIT ((uint64_t)1 << SIM_CALENDAR_SEQ_BITS)

typedef struct sim_calendar_entry {
    double time;  /* event time, seconds of simulated time */
    uint64_t key; /* (priority, sequence, id): see sim_calendar_key() */
} sim_calendar_entry;

/* Total order of entries: by time, then by key. Invariant: no two entries of one calendar
 * share (time, key), because the (priority, sequence) part of the key is unique per
 * environment. */
static inline int sim_calendar_entry_before(const sim_calendar_entry *a,
                                            const sim_calendar_entry *b)
{
    return a->time < b->time || (a->time == b->time && a->key < b->key);
}

/* The key of an event of `priority` (-128..127, lower runs first) scheduled as the `seq`-th
 * event (seq < SIM_CALENDAR_SEQ_LIMIT) into slot `id` (< SIM_CALENDAR_ID_LIMIT). */
static inline uint64_t sim_calendar_key(int priority, uint64_t seq, uint32_t id)
{
    return ((uint64_t)(priority + 128) << 56) | (seq << SIM_CALENDAR_ID_BITS) | (uint64_t)id;
}

/* The id, sequence number and priority packed in a key. */
static inline uint32_t sim_calendar_key_id(uint64_t key)
{
    return (uint32_t)(key & (SIM_CALENDAR_ID_LIMIT - 1u));
}

static inline uint64_t sim_calendar_key_seq(uint64_t key)
{
    return (key >> SIM_CALENDAR_ID_BITS) & (SIM_CALENDAR_SEQ_LIMIT - 1u);
}

static inline int sim_calendar_key_priority(uint64_t key)
{
    return (int)(key >> 56) - 128;
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

/* The two calendars other code names directly: the heap (sim_env's inline fast path) and the
 * list (the tests' oracle). Other calendars are reached through the list below. */
extern const sim_calendar_type sim_calendar_heap;
extern const sim_calendar_type sim_calendar_list;

/* Every calendar type, the default (heap) first, terminated by NULL (as GSL's
 * gsl_rng_types_setup). The array is static; never free it. */
const sim_calendar_type *const *sim_calendar_types_setup(void);

/* The calendar type called `name` (a name of the list), the default for NULL; otherwise NULL
 * with err filled (SIM_EINVAL, naming the known calendars). O(types). */
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
