/* cc_model.h -- the omnichannel contact-center simulation (docs/model.md).
 *
 * What it is: one replication of a scenario on its own sim_env: demand per channel and
 * interval (demand.h), customer segments, real-time, chat, deferred, self-service,
 * callback and video channels with opening hours, channel hopping and needs tracked across
 * contacts, agent groups with skills and staffing per interval, siloed or unified routing with
 * priorities and overflow to groups or outsourcers. docs/model.md describes every mechanism.
 * What it is not: a loader (it reads a validated `const scenario *`), a cost model or a
 * writer; it never prints.
 *
 * Invariants: memory is bounded by the contacts, needs and events in the system at once
 * (pools), plus the per-interval series (O(intervals), or one week with
 * CC_INTERVALS_WEEK); every contact is accounted for at the horizon and a run whose
 * accounting does not balance fails with SIM_ESTATE; a replication's result depends only on
 * (scenario, seed, replication index), never on the thread that ran it.
 *
 * Random numbers: exogenous draws (day factors, arrivals, segment and first channel of a
 * need) come from one stream per purpose (cc_stream); everything a contact decides (handle
 * time, patience, routing share, callback acceptance, resolution, hop, delays, redial) comes
 * from the contact's own key (cc_draw), so two policies run with the same seed give the same
 * contact the same fate wherever it exists in both (docs/model.md).
 */
#ifndef CC_MODEL_H
#define CC_MODEL_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "cc_result.h"
#include "cc_staff.h"
#include "scenario.h"
#include "sim_calendar.h"
#include "sim_error.h"

/* Random stream ids (purposes of sim_env_seed). Arrival streams are CC_STREAM_ARRIVALS +
 * source (a channel in per_channel demand mode, a segment in by_segment mode), so adding a
 * channel never shifts another channel's arrivals. Ids 6-15 are unused (they held the
 * per-purpose contact streams before per-contact draws). Every stream is drawn only in
 * events whose times do not depend on the policy (set-up and arrivals). */
typedef enum cc_stream {
    CC_STREAM_DAY_FACTOR = 0, /* gamma day factors (overdispersion) */
    CC_STREAM_SEGMENT,        /* segment of a first contact (per_channel mode) */
    CC_STREAM_FIRST_CHANNEL,  /* first channel of a need (by_segment mode) */
    CC_STREAM_CONTACT,        /* two draws at set-up: the salt of the need keys */
    CC_STREAM_CHANNEL_DAYS,   /* day factors per channel (demand.day_correlation), set-up */
    CC_STREAM_BUSYNESS,       /* busyness factors, one per source at each interval boundary */
    CC_STREAM_ARRIVALS = 16,  /* + source index */
    CC_STREAM_COUNT = CC_STREAM_ARRIVALS + SCENARIO_MAX_CHANNELS + SCENARIO_MAX_SEGMENTS
} cc_stream;

/* Per-contact draws. The k-th new need of source s gets the key
 * hash(salt, s, k) (sim_rng_seed_hash; salt from CC_STREAM_CONTACT), the j-th contact of a
 * need (first, repeat or callback, j = 1, 2, ...) the key hash(need key, j, 0), and draw
 * purpose p of a contact's o-th occurrence (o = 0 except for hops: a deferred item may hop
 * when unanswered in time and again when answered unresolved) seeds a xoshiro256++
 * generator with hash(contact key, p, o). A contact's draws therefore depend only on its
 * place in its need and its need's place in its source's arrivals, never on the order of
 * events. The generator is always xoshiro256++ (cc_options.rng selects the streams'). */
typedef enum cc_draw {
    CC_DRAW_HANDLE = 1,   /* handle time (at answer), self-service duration */
    CC_DRAW_PATIENCE,     /* patience (real time), unanswered-in-time limit (deferred) */
    CC_DRAW_ROUTING,      /* outsourcer share (share mode) */
    CC_DRAW_CALLBACK,     /* callback offer accepted */
    CC_DRAW_RESOLUTION,   /* first-contact resolution, self-service resolution */
    CC_DRAW_HOP,          /* give up or which channel next */
    CC_DRAW_HOP_DELAY,    /* delay before a repeat contact */
    CC_DRAW_RETRIAL,      /* redial decision and delay */
    CC_DRAW_BALK,         /* balking when it must wait (channels[].balking) */
    CC_DRAW_REACH,        /* a callback attempt reaches the customer (occurrence: the
                             attempt, from 0) */
    CC_DRAW_WRAP_UP,      /* after-call work (drawn at answer, again at the service end) */
    CC_DRAW_TRANSFER,     /* passed on to channels[].transfer.to at the service end */
    CC_DRAW_CONFERENCE    /* that transfer made as a conference */
} cc_draw;

typedef enum cc_interval_mode {
    CC_INTERVALS_HORIZON = 0, /* one row per interval of the horizon (default) */
    CC_INTERVALS_WEEK         /* folded onto one Monday-based week (7 x intervals_per_day
                                 rows; each row of a cc_rep sums every week's same
                                 interval, cc_summary divides it by hours_fold_count for
                                 the mean per week): memory independent of the horizon, for
                                 year-long runs */
} cc_interval_mode;


/* Per-contact event log (`omnisim run --trace`): the kinds of lifecycle points. Contact and
 * need ids are numbered from 1 per replication in creation order (0: none). */
typedef enum cc_trace_kind {
    CC_TRACE_ARRIVAL = 0, /* a new need's first contact arrives (segment drawn) */
    CC_TRACE_ENTER,       /* a contact enters a channel (first, repeat or callback) */
    CC_TRACE_HELD,        /* real-time contact waits for the closed channel to open */
    CC_TRACE_QUEUE,       /* joins a queue or backlog (pool: outsourcer of a share queue) */
    CC_TRACE_SELF_SERVICE, /* starts a self-service session; duration_s: its length */
    CC_TRACE_ANSWER,      /* an agent answers: pool, wait_s, duration_s = handle time;
                             outcome CC_TRACE_AT_CLOSE: by an agent past the end of its duty
                             serving the queue left at closing (at_close "serve") */
    CC_TRACE_ABANDON,     /* left a real-time queue unanswered: wait_s; outcome
                             CC_TRACE_AT_CLOSE: counted abandoned at the channel's closing
                             (at_close "abandon", or a declined "callback") */
    CC_TRACE_UNANSWERED,  /* deferred/callback item not answered within patience (stays) */
    CC_TRACE_LOST,        /* arrived while closed and did not wait */
    CC_TRACE_CALLBACK,    /* accepted a callback offer: to_channel is the callback channel;
                             outcome CC_TRACE_AT_CLOSE: offered at closing (at_close
                             "callback") */
    CC_TRACE_END,         /* service or self-service ended: outcome 1 resolved, 0 not */
    CC_TRACE_HOP,         /* repeat contact scheduled: to_channel, duration_s = delay,
                             outcome = scenario_outcome that caused it */
    CC_TRACE_RETRIAL,     /* redial after abandonment scheduled (same channel) */
    CC_TRACE_GIVE_UP,     /* the customer gives this branch up: outcome = scenario_outcome */
    CC_TRACE_NEED_END,    /* the need ended: outcome 1 resolved, 0 given up; wait_s = time
                             since its arrival */
    CC_TRACE_BLOCKED,     /* a voice/video caller found every line busy (channels[].lines)
                             and was refused: not queued, follows the hop rules for
                             "blocked" */
    CC_TRACE_BALKED,      /* a real-time contact that had to wait left at once
                             (channels[].balking); duration_s: the announced wait */
    CC_TRACE_QUEUE_TIMEOUT, /* a real-time contact reached max_queue_s and left its queue:
                             wait_s; to_channel: the message or callback channel it goes on
                             in, none when it leaves (hop rules for "timed_out") */
    CC_TRACE_CALLBACK_ATTEMPT, /* a callback attempt failed to reach the customer (the
                             agent is free again): pool, wait_s = time since entry,
                             duration_s = delay to the next attempt (NaN after the last) */
    CC_TRACE_UNREACHED,   /* the callback item's last attempt failed: it leaves, following
                             the hop rules for "unreached" */
    CC_TRACE_WRAP_UP,     /* the contact's service ended and its agent starts after-call
                             work: pool, duration_s = wrap-up time (after its end event) */
    CC_TRACE_WRAP_UP_END, /* the agent finished the contact's after-call work: pool */
    CC_TRACE_TRANSFER,    /* service ended and the agent passes the contact on to to_channel
                             (channels[].transfer); in place of its end event, before the
                             enter event of the contact in to_channel */
    CC_TRACE_CONFERENCE,  /* a conference transfer's new contact is answered: pool = the first
                             agent's, duration_s = conference time (in the answer's handle
                             time) */
    CC_TRACE_CONFERENCE_END, /* the first agent leaves the conference (over, or the customer
                             left the queue): contact = its own ended contact, pool */
    CC_TRACE_KIND_COUNT
} cc_trace_kind;

/* cc_trace_event.outcome of answer, abandon and callback events caused by a channel's
 * closing (channels[].at_close); -1 for the others. */
#define CC_TRACE_AT_CLOSE 1

/* One traced event. Fields that do not apply are SCENARIO_NONE (indices), NULL (pool) or
 * NaN (times); the pointer fields are borrowed for the duration of the call. */
typedef struct cc_trace_event {
    uint64_t replication;
    double time_s;       /* simulation time, seconds from the start of the horizon */
    cc_trace_kind kind;
    uint64_t contact;    /* contact id, 0 for need-level events (need_end) */
    uint64_t need;       /* need id */
    size_t segment;
    size_t channel;
    size_t to_channel;   /* hop, retrial, callback */
    const char *pool;    /* answer: server pool name; queue: outsourcer of a share queue */
    double wait_s;
    double duration_s;
    int outcome;         /* see the kinds; -1 when not applicable */
    int repeat;          /* the contact is a repeat contact of its need */
    int counted;         /* the contact (need for need events) counts in the KPIs */
} cc_trace_event;

/* Trace callback. Called synchronously at each lifecycle point of replication ev->replication
 * from the thread that runs it: with more than one thread, calls of different replications
 * interleave and may be concurrent, so a caller that wants a deterministic log runs traced
 * replications on one thread (omnisim run does). Tracing never changes results (it draws
 * no random numbers). */
typedef void (*cc_trace_fn)(void *ctx, const cc_trace_event *ev);

typedef struct cc_options {
    cc_interval_mode intervals;
    const sim_calendar_type *calendar; /* NULL: heap */
    const gsl_rng_type *rng;           /* NULL: xoshiro256++ */
    uint64_t seed_override;            /* used instead of scn->seed when use_seed is 1 */
    int use_seed;
    cc_erlang_sizer erlang;            /* NULL: cc_staff_erlang_default */
    cc_trace_fn trace;                 /* NULL (default): no trace; costs one branch per
                                          lifecycle point */
    void *trace_ctx;                   /* passed to trace */
    const volatile sig_atomic_t *interrupted; /* NULL: none; else a replication stops
                                                 within SIM_ENV_INTERRUPT_EVERY events of it
                                                 becoming non-zero, with SIM_EINTR */
    size_t max_in_system;              /* contacts in the system at once (queued, held, in
                                          service) in one replication; passing it stops the
                                          replication with SIM_ENOMEM, so an overloaded run
                                          ends cleanly before the machine's memory does. 0
                                          (default): limits_run_in_system_default(1), or in
                                          cc_model_run_replications for the replications
                                          running at once */
} cc_options;

/* Options with every field at its default. */
void cc_options_default(cc_options *opts);

/* Check what the model needs beyond the loader's invariants (servers for every served
 * channel's kind, staffing modes it can realise). SIM_OK or SIM_EINVAL naming the field. */
sim_status cc_model_validate(const scenario *scn, const cc_options *opts, sim_error *err);

/* Simulate replication `replication` of scn into out (initialised here; release with
 * cc_rep_fini even on failure). opts may be NULL. Returns SIM_OK, SIM_EINVAL (a scenario the
 * model cannot run, see cc_model_validate), SIM_ENOMEM, or SIM_ESTATE when the accounting
 * identity fails (err names the channel and the numbers). */
sim_status cc_model_run(const scenario *scn, const cc_options *opts, uint64_t replication,
                        cc_rep *out, sim_error *err);

/* Run replications 0..n-1 on `threads` threads into reps[0..n-1] (byte-identical results for
 * any thread count; each rep must be released with cc_rep_fini). `interrupted` may be NULL
 * (see sim_runner.h); when given it also stops the replications running (it is used as
 * opts->interrupted when that is NULL). progress may be NULL. */
sim_status cc_model_run_replications(const scenario *scn, const cc_options *opts, size_t n,
                                     int threads, volatile sig_atomic_t *interrupted,
                                     void (*progress)(void *ctx, size_t done, size_t total),
                                     void *progress_ctx, cc_rep *reps, sim_error *err);

#endif /* CC_MODEL_H */
