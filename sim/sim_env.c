/* sim_env.c -- see sim_env.h.
 *
 * Event slots live in one growable array indexed by the calendar entry's id; free slots form
 * a singly linked list through `next_free`. A pending slot is live iff fn != NULL; a
 * cancelled slot keeps its generation but loses fn, and is recycled when its entry is
 * popped. Freeing a slot bumps its generation, so handles (generation << 32 | id + 1) of
 * past events go stale; a free slot's fn is left as it was (no calendar entry refers to it,
 * and its handles are stale), which saves a store per event.
 *
 * The hot path (schedule, and the run loop with the heap) is written for few instructions:
 * the counts that follow from others are derived when asked for (events scheduled from the
 * sequence counter, live events from scheduled - run - cancelled), the peak is checked only
 * where the calendar grows, and the rare cases (growing the slot array, renumbering
 * sequences) are out of line.
 */
#include "sim_env.h"

#include <math.h>

#include "sim_alloc.h"
#include "sim_assert.h"
#include "sim_calendar_heap_internal.h"
#include "sim_env_internal.h"
#include "sim_rng.h"

#define ENV_NO_SLOT UINT32_MAX
/* Slot ids travel in the calendar key (SIM_CALENDAR_ID_BITS). At most half the sequence
 * space can be pending, so a renumbering always frees at least half of it (see
 * env_renumber). */
#define ENV_MAX_SLOTS (SIM_CALENDAR_ID_LIMIT / 2u)

typedef struct env_slot {
    sim_handler fn; /* NULL when cancelled; a free slot keeps whatever it had */
    void *obj;
    void *arg;
    uint32_t gen;       /* bumped each time the slot is freed */
    uint32_t next_free; /* next free slot when free */
} env_slot;

struct sim_env {
    sim_env_head head;  /* the clock, first so that sim_env_now is inline (sim_env.h) */
    uint64_t seq;       /* sequence number of the next scheduled event */
    uint64_t seq_limit; /* renumber when seq reaches this (SIM_CALENDAR_SEQ_LIMIT) */
    uint64_t fast_limit; /* seq_limit with the heap, 0 otherwise: schedule's fast path test */
    uint64_t seq_offset; /* events scheduled = seq_offset + seq (renumbering lowers seq) */
    int stop;
    /* The heap run loop's one test: it runs the root while its time's bit pattern, read as
     * a signed integer, is <= run_limit: the bits of `until` during a run, INT64_MIN once
     * stopped. Times are >= 0, so the integers are in time order, and the sentinel an empty
     * heap has at its root (a NaN above +inf) ends the loop too: one compare for the horizon,
     * the stop flag and the empty calendar. */
    int64_t run_limit;
    sim_status status;
    const volatile sig_atomic_t *interrupt; /* sim_env_set_interrupt; NULL: none */
    const sim_calendar_type *cal_type;
    void *cal; /* calendar state */
    sim_heap_state *heap; /* == cal when the calendar is the heap: the inline fast path */
    int running_at_top;   /* heap only: the running event's entry is still at the root */
    int in_handler;       /* a handler is running (nested run calls are a bug) */
    env_slot *slots;
    uint32_t n_slots;
    uint32_t free_head;
    gsl_rng **streams;
    size_t n_streams;
    sim_env_stats stats;
};

static sim_status env_grow_slots(sim_env *env)
{
    uint32_t old = env->n_slots;
    if (old >= ENV_MAX_SLOTS)
        return SIM_ENOMEM;
    uint64_t want = old == 0 ? 64 : (uint64_t)old * 2;
    if (want > ENV_MAX_SLOTS)
        want = ENV_MAX_SLOTS;
    env_slot *s = sim_realloc_array(env->slots, (size_t)want, sizeof *s);
    if (s == NULL)
        return SIM_ENOMEM;
    env->slots = s;
    /* Thread the new slots onto the free list in increasing order. */
    for (uint32_t i = old; i < (uint32_t)want; i++) {
        s[i].fn = NULL;
        s[i].obj = s[i].arg = NULL;
        s[i].gen = 1;
        s[i].next_free = i + 1 < (uint32_t)want ? i + 1 : env->free_head;
    }
    env->free_head = old;
    env->n_slots = (uint32_t)want;
    env->stats.slot_capacity = (size_t)want;
    return SIM_OK;
}

/* Calendar access: inline for the heap, through the descriptor for anything else.
 *
 * Deferred pop (heap only): the entry of the event being run stays at the root while its
 * handler runs. Nearly every handler schedules a follow-up (the next arrival, the departure
 * of the contact just answered), and the first such insert replaces the root and sifts it
 * down, which stops after a level or two for a near-future event; a pop followed by an
 * insert would walk to a leaf and climb back. If the handler schedules nothing, the root is
 * popped when it returns (env_settle). The order of events is unchanged: the running entry
 * is the minimum, and replacing the minimum by a later entry leaves a valid heap. */
static inline void env_settle(sim_env *env)
{
    if (env->running_at_top) {
        sim_heap_pop_first(env->heap);
        env->running_at_top = 0;
    }
}

static inline sim_status env_cal_insert(sim_env *env, sim_calendar_entry e)
{
    if (env->heap == NULL)
        return env->cal_type->insert(env->cal, e);
    if (env->running_at_top) {
        env->running_at_top = 0;
        sim_heap_sift_down(env->heap, 0, e);
        return SIM_OK;
    }
    return sim_heap_insert(env->heap, e);
}

static inline const sim_calendar_entry *env_cal_front(sim_env *env)
{
    env_settle(env);
    if (env->heap != NULL)
        return env->heap->n > 0 ? &env->heap->a[0] : NULL;
    return env->cal_type->peek(env->cal);
}

static inline void env_cal_drop_front(sim_env *env)
{
    if (env->heap != NULL) {
        sim_heap_pop_first(env->heap);
    } else {
        sim_calendar_entry e;
        env->cal_type->pop(env->cal, &e);
    }
}

static inline size_t env_cal_size(const sim_env *env)
{
    if (env->heap != NULL)
        return env->heap->n - (size_t)env->running_at_top;
    return env->cal_type->size(env->cal);
}

/* The sequence counter reached its limit: take the pending entries out in (time, key)
 * order, give them the sequence numbers 0..m-1 in that order, put them back and continue
 * from m. No comparison changes: two entries of different times or priorities never
 * consulted their sequence numbers, and entries of equal time and priority come out in
 * sequence order, so they keep it; later events get numbers from m up, above all of them, as
 * before. So the run's order of events is unchanged, and the generic calendar operations
 * serve every calendar. Cost: m pops and m inserts at the end, once every
 * SIM_CALENDAR_SEQ_LIMIT - m schedules (m <= ENV_MAX_SLOTS, half the limit), so amortised
 * O(log m) per schedule at worst and negligible in practice: 2^28 schedules take more than
 * ten seconds even on the kernel benchmark, and m is the events pending at that moment. */
static sim_status env_renumber(sim_env *env)
{
    env_settle(env);
    size_t m = env_cal_size(env);
    SIM_ASSERT(m < env->seq_limit, "more pending events than sequence numbers");
    sim_calendar_entry *all = sim_malloc_array(m > 0 ? m : 1, sizeof *all);
    if (all == NULL)
        return SIM_ENOMEM;
    for (size_t i = 0; i < m; i++) {
        sim_calendar_entry e = *env_cal_front(env);
        env_cal_drop_front(env);
        all[i].time = e.time;
        all[i].key = sim_calendar_key(sim_calendar_key_priority(e.key), i,
                                      sim_calendar_key_id(e.key));
    }
    /* Put back in (time, key) order: a heap takes each at its end without sifting, and no
     * built-in calendar allocates, its array having held these m entries already. */
    sim_status st = SIM_OK;
    for (size_t i = 0; i < m && st == SIM_OK; i++)
        st = env_cal_insert(env, all[i]);
    sim_free(all);
    env->seq_offset += env->seq - m;
    env->seq = m;
    return st;
}

void sim_env_set_sequence_limit(sim_env *env, uint64_t limit)
{
    SIM_ASSERT(limit >= 2 && limit <= SIM_CALENDAR_SEQ_LIMIT, "sequence limit out of range");
    SIM_ASSERT(env->seq < limit, "sequence limit below the sequence counter");
    env->seq_limit = limit;
    if (env->heap != NULL)
        env->fast_limit = limit;
}

sim_env *sim_env_new(const sim_calendar_type *calendar, size_t capacity_hint)
{
    if (calendar == NULL)
        calendar = &sim_calendar_heap;
    sim_env *env = sim_calloc(1, sizeof *env);
    if (env == NULL)
        return NULL;
    env->cal_type = calendar;
    env->free_head = ENV_NO_SLOT;
    env->seq_limit = SIM_CALENDAR_SEQ_LIMIT;
    env->status = SIM_OK;
    env->cal = sim_calloc(1, calendar->state_size);
    if (env->cal == NULL)
        goto fail;
    if (calendar->init(env->cal, capacity_hint) != SIM_OK) {
        sim_free(env->cal);
        env->cal = NULL;
        goto fail;
    }
    if (calendar == &sim_calendar_heap) {
        env->heap = env->cal;
        env->fast_limit = env->seq_limit;
    }
    if (env_grow_slots(env) != SIM_OK)
        goto fail;
    return env;
fail:
    sim_env_free(env);
    return NULL;
}

static void env_free_streams(sim_env *env)
{
    for (size_t i = 0; i < env->n_streams; i++)
        gsl_rng_free(env->streams[i]);
    sim_free(env->streams);
    env->streams = NULL;
    env->n_streams = 0;
}

void sim_env_free(sim_env *env)
{
    if (env == NULL)
        return;
    if (env->cal != NULL) {
        env->cal_type->fini(env->cal);
        sim_free(env->cal);
    }
    sim_free(env->slots);
    env_free_streams(env);
    sim_free(env);
}

sim_status sim_env_seed(sim_env *env, const gsl_rng_type *type, uint64_t master,
                        uint64_t replication, size_t n_streams)
{
    env_free_streams(env);
    if (n_streams == 0)
        return SIM_OK;
    env->streams = sim_calloc(n_streams, sizeof *env->streams);
    if (env->streams == NULL)
        return SIM_ENOMEM;
    for (size_t p = 0; p < n_streams; p++) {
        env->streams[p] = sim_rng_stream_new(type, master, replication, p);
        if (env->streams[p] == NULL) {
            env->n_streams = p;
            env_free_streams(env);
            return SIM_ENOMEM;
        }
    }
    env->n_streams = n_streams;
    return SIM_OK;
}

gsl_rng *sim_env_stream(const sim_env *env, size_t purpose)
{
    SIM_ASSERT(purpose < env->n_streams, "stream purpose out of range (seed the env first)");
    return env->streams[purpose];
}

/* Insert into a calendar whose root is not the running event: the heap inline, tracking the
 * peak where it grows (only here can the count of entries exceed its earlier maximum),
 * anything else through the descriptor. */
static inline sim_status env_cal_insert_new(sim_env *env, sim_calendar_entry e)
{
    sim_heap_state *h = env->heap;
    size_t n;
    if (h != NULL) {
        if (sim_heap_insert(h, e) != SIM_OK)
            return SIM_ENOMEM;
        n = h->n;
    } else {
        if (env->cal_type->insert(env->cal, e) != SIM_OK)
            return SIM_ENOMEM;
        n = env->cal_type->size(env->cal);
    }
    if (n > env->stats.peak_pending)
        env->stats.peak_pending = n;
    return SIM_OK;
}

/* Take the free slot and the sequence number for an entry already in the calendar. */
static inline sim_event_handle env_fill_slot(sim_env *env, uint32_t id, sim_handler fn,
                                             void *obj, void *arg)
{
    env_slot *slot = &env->slots[id];
    env->free_head = slot->next_free;
    env->seq++;
    slot->fn = fn;
    slot->obj = obj;
    slot->arg = arg;
    return ((uint64_t)slot->gen << 32) | ((uint64_t)id + 1);
}

/* Every case the fast path below leaves out: no free slot, the sequence counter at its
 * limit, a calendar other than the heap, a heap that must grow. Out of line, so the fast
 * path makes no call and keeps everything in scratch registers (no saves and restores). */
static __attribute__((noinline)) sim_event_handle
env_schedule_slow(sim_env *env, double time_s, int priority, sim_handler fn, void *obj,
                  void *arg)
{
    if (env->free_head == ENV_NO_SLOT && env_grow_slots(env) != SIM_OK)
        goto oom;
    if (env->seq >= env->seq_limit && env_renumber(env) != SIM_OK)
        goto oom;
    uint32_t id = env->free_head;
    sim_calendar_entry e = {time_s, sim_calendar_key(priority, env->seq, id)};
    if (env->running_at_top) { /* heap only: replace the running event's entry */
        env->running_at_top = 0;
        sim_heap_sift_down(env->heap, 0, e);
    } else if (env_cal_insert_new(env, e) != SIM_OK) {
        goto oom;
    }
    return env_fill_slot(env, id, fn, obj, arg);
oom:
    env->status = SIM_ENOMEM;
    sim_env_stop(env);
    return 0;
}

/* The body of both schedule calls (time_s >= now checked by the caller). With the heap, the
 * running event's entry at the root is replaced (see env_settle) or the new entry is added
 * at the end and sifted up. */
static inline sim_event_handle env_schedule(sim_env *env, double time_s, int priority,
                                            sim_handler fn, void *obj, void *arg)
{
    SIM_ASSERT(fn != NULL, "event without a handler");
    SIM_ASSERT(priority >= -128 && priority <= 127, "event priority outside -128..127");
    uint32_t id = env->free_head;
    sim_heap_state *h = env->heap;
    /* fast_limit is 0 for a calendar other than the heap, so one test covers three cases. */
    if ((id == ENV_NO_SLOT) | (env->seq >= env->fast_limit))
        return env_schedule_slow(env, time_s, priority, fn, obj, arg);
    if (!env->running_at_top && sim_heap_full(h))
        return env_schedule_slow(env, time_s, priority, fn, obj, arg);
    /* Nothing can fail from here on: fill the slot first, so that fn, obj and arg are dead
     * during the sift and the whole path fits in scratch registers. */
    sim_calendar_entry e = {time_s, sim_calendar_key(priority, env->seq, id)};
    sim_event_handle handle = env_fill_slot(env, id, fn, obj, arg);
    if (env->running_at_top) {
        env->running_at_top = 0;
        sim_heap_sift_down(h, 0, e);
    } else {
        sim_heap_sift_up(h, h->n++, e);
        if (h->n > env->stats.peak_pending)
            env->stats.peak_pending = h->n;
    }
    return handle;
}

sim_event_handle sim_env_schedule_at(sim_env *env, double time_s, int priority, sim_handler fn,
                                     void *obj, void *arg)
{
    SIM_ASSERT(time_s >= env->head.now, "event scheduled in the past or at NaN time");
    return env_schedule(env, sim_heap_time(time_s), priority, fn, obj, arg);
}

/* now + delay_s >= now for any delay_s >= 0 (rounding is monotone), so only the delay is
 * checked; and the sum is never -0.0, the clock never being -0.0 (see sim_heap_time). */
sim_event_handle sim_env_schedule(sim_env *env, double delay_s, int priority, sim_handler fn,
                                  void *obj, void *arg)
{
    SIM_ASSERT(delay_s >= 0.0, "negative or NaN delay");
    return env_schedule(env, env->head.now + delay_s, priority, fn, obj, arg);
}

static env_slot *env_slot_of(const sim_env *env, sim_event_handle h)
{
    uint64_t low = h & 0xffffffffULL;
    if (low == 0 || low > env->n_slots)
        return NULL;
    env_slot *slot = &env->slots[low - 1];
    if (slot->gen != (uint32_t)(h >> 32) || slot->fn == NULL)
        return NULL;
    return slot;
}

int sim_env_is_pending(const sim_env *env, sim_event_handle h)
{
    return env_slot_of(env, h) != NULL;
}

void sim_env_cancel(sim_env *env, sim_event_handle h)
{
    env_slot *slot = env_slot_of(env, h);
    SIM_ASSERT(slot != NULL, "cancelling an event that is not pending");
    slot->fn = NULL;
    env->stats.events_cancelled++;
}

static inline void env_release_slot(sim_env *env, uint32_t id)
{
    env_slot *slot = &env->slots[id];
    slot->gen++;
    slot->next_free = env->free_head;
    env->free_head = id;
}

/* Pop the next live event into (time, slot copy); drop cancelled ones on the way.
 * Returns 0 when no live event is pending. */
static inline int env_pop_live(sim_env *env, double until_s, double *time_s, env_slot *out)
{
    for (;;) {
        const sim_calendar_entry *top = env_cal_front(env);
        if (top == NULL || top->time > until_s)
            return 0;
        sim_calendar_entry e = *top;
        uint32_t id = sim_calendar_key_id(e.key);
        env_slot *slot = &env->slots[id];
        if (env->heap != NULL && slot->fn != NULL)
            env->running_at_top = 1; /* popped after the handler, or replaced (see above) */
        else
            env_cal_drop_front(env);
        if (slot->fn == NULL) {
            env->stats.stale_pops++;
            env_release_slot(env, id);
            continue;
        }
        *time_s = e.time;
        *out = *slot;
        env_release_slot(env, id);
        return 1;
    }
}

double sim_env_peek(sim_env *env)
{
    for (;;) {
        const sim_calendar_entry *top = env_cal_front(env);
        if (top == NULL)
            return (double)INFINITY;
        uint32_t id = sim_calendar_key_id(top->key);
        if (env->slots[id].fn != NULL)
            return top->time;
        env_cal_drop_front(env);
        env->stats.stale_pops++;
        env_release_slot(env, id);
    }
}

int sim_env_step(sim_env *env)
{
    double t;
    env_slot ev;
    SIM_ASSERT(!env->in_handler, "sim_env_step called from inside an event handler");
    if (!env_pop_live(env, (double)INFINITY, &t, &ev))
        return 0;
    env->head.now = t;
    env->stats.events_run++;
    env->in_handler = 1;
    ev.fn(env, ev.obj, ev.arg);
    env->in_handler = 0;
    env_settle(env);
    return 1;
}

/* The run loop with the heap, the common case, specialised: the calendar checks of
 * env_pop_live fold away and the entry is read in place. Same order and effects. */
/* 1 (and the status SIM_EINTR) when the interrupt flag is set. Out of line: it runs once
 * every SIM_ENV_INTERRUPT_EVERY events. */
static int env_check_interrupt(sim_env *env)
{
    if (env->interrupt == NULL || *env->interrupt == 0)
        return 0;
    if (env->status == SIM_OK)
        env->status = SIM_EINTR;
    return 1;
}

static void env_run_heap(sim_env *env, double until_s)
{
    sim_heap_state *h = env->heap;
    env->run_limit = (int64_t)sim_heap_bits(sim_heap_time(until_s));
    /* Pops (live or stale) left before the next read of the interrupt flag: a register
     * count, cheaper than testing the memory-held event counter on every event. */
    uint32_t budget = 1;
    for (;;) {
        const sim_calendar_entry *top = &h->a[0];
        if ((int64_t)sim_heap_bits(top->time) > env->run_limit)
            break;
        if (--budget == 0) {
            if (env_check_interrupt(env))
                break;
            budget = SIM_ENV_INTERRUPT_EVERY;
        }
        double t = top->time;
        uint32_t id = sim_calendar_key_id(top->key);
        env_slot *slot = &env->slots[id];
        sim_handler fn = slot->fn;
        void *obj = slot->obj;
        void *arg = slot->arg;
        env_release_slot(env, id);
        if (fn == NULL) { /* cancelled */
            sim_heap_pop_first(h);
            env->stats.stale_pops++;
            continue;
        }
        env->head.now = t;
        env->stats.events_run++;
        env->running_at_top = 1; /* popped after the handler, or replaced (see above) */
        fn(env, obj, arg);
        env_settle(env);
    }
}

sim_status sim_env_run_until(sim_env *env, double until_s, sim_error *err)
{
    if (!(until_s >= env->head.now))
        return sim_error_set(err, SIM_ESTATE, "until", "cannot run until %g s: the clock is "
                             "already at %g s", until_s, env->head.now);
    SIM_ASSERT(!env->in_handler, "sim_env_run_until called from inside an event handler");
    env->stop = 0;
    env->in_handler = 1;
    if (env->heap != NULL) {
        env_settle(env);
        env_run_heap(env, until_s);
    } else {
        double t;
        env_slot ev;
        while (!env->stop && env_pop_live(env, until_s, &t, &ev)) {
            if ((env->stats.events_run & (SIM_ENV_INTERRUPT_EVERY - 1)) == 0 &&
                env_check_interrupt(env)) {
                /* the popped event stays unrun: the run is being abandoned */
                env->stop = 1;
                break;
            }
            env->head.now = t;
            env->stats.events_run++;
            ev.fn(env, ev.obj, ev.arg);
        }
    }
    env->in_handler = 0;
    if (env->status == SIM_EINTR)
        return sim_error_set(err, SIM_EINTR, "", "interrupted at simulated time %.0f s",
                             env->head.now);
    if (!env->stop && !isinf(until_s))
        env->head.now = until_s;
    if (env->status != SIM_OK)
        return sim_error_set(err, env->status, "", "out of memory while scheduling events");
    return SIM_OK;
}

void sim_env_set_interrupt(sim_env *env, const volatile sig_atomic_t *flag)
{
    env->interrupt = flag;
}

sim_status sim_env_run(sim_env *env, sim_error *err)
{
    return sim_env_run_until(env, (double)INFINITY, err);
}

void sim_env_stop(sim_env *env)
{
    env->stop = 1;
    env->run_limit = INT64_MIN;
}

sim_status sim_env_status(const sim_env *env)
{
    return env->status;
}

size_t sim_env_pending(const sim_env *env)
{
    return (size_t)(env->seq_offset + env->seq - env->stats.events_run -
                    env->stats.events_cancelled);
}

void sim_env_get_stats(const sim_env *env, sim_env_stats *out)
{
    *out = env->stats;
    out->events_scheduled = env->seq_offset + env->seq;
}
