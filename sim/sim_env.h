/* sim_env.h -- the simulation environment: clock, calendar, random streams, run control.
 *
 * One sim_env is one replication. It owns the current time, the event calendar, the event
 * slots (handler + payload of each pending event) and the replication's random streams.
 * It knows nothing of contact centers: an event is a handler with two opaque pointers.
 *
 * Ordering: events run in increasing (time, priority, scheduling sequence); equal-time
 * events of equal priority run in the order they were scheduled (FIFO). The sequence counter
 * belongs to the environment, so the order never depends on calendar internals or threads.
 *
 * Cancellation is by handle and lazy: the event's slot is marked and the calendar entry is
 * dropped when it reaches the front (ns-3's Cancel). That costs one pop per cancelled event
 * but nothing on the far more frequent schedule/pop path; a cancelled entry keeps its
 * 16-byte calendar entry (the heap's array is padded to twice its entries) and 32-byte slot
 * until its time comes. Handles carry a generation, so a stale handle can never cancel a
 * newer event that reused the slot.
 *
 * Errors: scheduling into the past, with a NaN time, or cancelling a handle that is not
 * pending are model bugs and fail an assertion. Running out of memory while scheduling is
 * recorded as a sticky status (sim_env_status) and stops the run; run functions return it.
 *
 * Interruption: with sim_env_set_interrupt, the run loops read a flag (a signal handler's
 * volatile sig_atomic_t) every SIM_ENV_INTERRUPT_EVERY events and stop when it is non-zero,
 * with the sticky status SIM_EINTR, so that one long replication ends within a fraction of
 * a second of Ctrl-C or SIGTERM. The heap loop counts down in a register: a decrement and
 * a branch per event (about 3 instructions of 300, measured with callgrind).
 */
#ifndef SIM_ENV_H
#define SIM_ENV_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "sim_calendar.h"
#include "sim_error.h"

typedef struct sim_env sim_env;

/* An event handler. `obj` and `arg` are the pointers given when scheduling (borrowed). */
typedef void (*sim_handler)(sim_env *env, void *obj, void *arg);

/* Identifies one scheduled event. 0 is never a valid handle ("no event"). */
typedef uint64_t sim_event_handle;

typedef struct sim_env_stats {
    uint64_t events_scheduled; /* schedule calls that succeeded */
    uint64_t events_run;       /* handlers called */
    uint64_t events_cancelled; /* sim_env_cancel calls */
    uint64_t stale_pops;       /* cancelled entries discarded at the front */
    size_t peak_pending;       /* most entries in the calendar at once (incl. cancelled) */
    size_t slot_capacity;      /* event slots allocated (the memory high-water mark) */
} sim_env_stats;

/* A new environment at time 0 with an empty calendar of `calendar` type (NULL: heap) sized
 * for about `capacity_hint` pending events, and no streams. NULL when out of memory.
 * Free with sim_env_free. */
sim_env *sim_env_new(const sim_calendar_type *calendar, size_t capacity_hint);
void sim_env_free(sim_env *env);

/* Create `n_streams` random streams of `type` (NULL: xoshiro256++) for replication
 * `replication` of master seed `master`; stream p is seeded with
 * sim_rng_seed_hash(master, replication, p). Replaces existing streams. SIM_OK or
 * SIM_ENOMEM (then the env has no streams). */
sim_status sim_env_seed(sim_env *env, const gsl_rng_type *type, uint64_t master,
                        uint64_t replication, size_t n_streams);
/* Stream for `purpose` (< n_streams), owned by the env. */
gsl_rng *sim_env_stream(const sim_env *env, size_t purpose);

/* Private: the first member of struct sim_env, visible only so that sim_env_now, called in
 * nearly every handler, is inline. Never touch it directly. */
typedef struct sim_env_head {
    double now;
} sim_env_head;

/* Current simulated time, seconds. */
static inline double sim_env_now(const sim_env *env)
{
    return ((const sim_env_head *)(const void *)env)->now;
}

/* Schedule fn(env, obj, arg) at now + delay_s (delay_s >= 0) or at time_s (>= now), with
 * priority -128..127 (lower first among equal times). Returns the handle, or 0 when out of
 * memory (the env's status becomes SIM_ENOMEM and the run stops); at most 2^27 events can
 * be in the calendar at once (pending or cancelled and not yet dropped), more counts as out
 * of memory. O(log n). */
sim_event_handle sim_env_schedule(sim_env *env, double delay_s, int priority, sim_handler fn,
                                  void *obj, void *arg);
sim_event_handle sim_env_schedule_at(sim_env *env, double time_s, int priority, sim_handler fn,
                                     void *obj, void *arg);

/* Cancel a pending event. Asserts that h is pending. O(1). */
void sim_env_cancel(sim_env *env, sim_event_handle h);
/* 1 when h names an event that has neither run nor been cancelled. */
int sim_env_is_pending(const sim_env *env, sim_event_handle h);

/* Time of the next live event, or +INFINITY when none is pending (drops cancelled entries
 * from the front, hence not const). */
double sim_env_peek(sim_env *env);
/* Run the next live event. Returns 1 if one ran, 0 if none was pending. */
int sim_env_step(sim_env *env);
/* Run every event with time <= until_s, then set the clock to until_s (unless stopped
 * earlier, in which case the clock stays at the last event). until_s < now is a usage error:
 * SIM_ESTATE with a message. Returns the env's status (SIM_OK unless out of memory or
 * interrupted). */
sim_status sim_env_run_until(sim_env *env, double until_s, sim_error *err);
/* Run until no event is pending or sim_env_stop is called. */
sim_status sim_env_run(sim_env *env, sim_error *err);
/* Ask the running loop to return after the current event. */
void sim_env_stop(sim_env *env);

/* Events between two reads of the interrupt flag: a power of two. At tens of millions of
 * events per second that is well under a millisecond. */
#define SIM_ENV_INTERRUPT_EVERY 4096u

/* Stop the run loops (sim_env_run_until, sim_env_run) once *flag is non-zero, read every
 * SIM_ENV_INTERRUPT_EVERY events and when a run starts; the status becomes SIM_EINTR
 * (sticky). flag is borrowed (NULL: never interrupted) and only read. */
void sim_env_set_interrupt(sim_env *env, const volatile sig_atomic_t *flag);

/* SIM_OK, SIM_ENOMEM once a schedule call failed, or SIM_EINTR once interrupted (sticky). */
sim_status sim_env_status(const sim_env *env);
/* Live (not cancelled) pending events. */
size_t sim_env_pending(const sim_env *env);
void sim_env_get_stats(const sim_env *env, sim_env_stats *out);

#endif /* SIM_ENV_H */
