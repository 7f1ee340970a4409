/* cc_model_internal.h -- the state of one replication of the contact-center model, shared
 * inside models/cc by the life cycle (cc_model.c) and the pools and routing rules
 * (cc_pool.c, through cc_route_type). Not installed; nothing outside models/cc sees it.
 *
 * Entities and their state machines:
 *   need     a customer question; lives while any of its contacts is in the system or a
 *            repeat contact of it is pending ("live" reference count); resolved by the first
 *            contact that resolves it.
 *   contact  one attempt in one channel: QUEUED (on a queue, with patience / callback-offer
 *            timers) -> SERVICE (an agent holds it) -> released; or HELD (real-time contact
 *            waiting for the channel to open) or SELF (in self-service); a callback item
 *            whose attempt failed waits in RETRY for its next attempt, then queues again.
 *   agent    in a server pool; free, holding one single-task contact, or holding m chats.
 *            Free and chatting agents with room sit on per-load lists (level_head[load],
 *            longest idle first: an agent joins the tail when its load changes).
 *   ticket   a pending repeat contact (hop or retrial) of a need, in a channel.
 * Queues are intrusive doubly linked lists ordered by key (entry time; a callback keeps the
 * caller's original place), so abandonment is O(1) and the queue holds no stale entries.
 *
 * Fields are written by the life cycle only, except what cc_pool_build sets up (pools,
 * queues, watches, direct routes, share tables) before the first event.
 */
#ifndef CC_MODEL_INTERNAL_H
#define CC_MODEL_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "cc_model.h"
#include "cc_outbound.h"
#include "cc_route.h"
#include "sim_env.h"
#include "sim_pool.h"

#define CC_NO_ROW UINT32_MAX
#define CC_NO_LIST UINT8_MAX
#define CC_MAX_SKILLS (SCENARIO_MAX_CHANNELS + SCENARIO_MAX_OVERFLOWS + 1)
#define CC_OVERFLOW_PRIORITY 1000u

/* Contact states (cc_contact.state; 0 while entering or routing). */
enum { CC_ST_QUEUED = 1, CC_ST_SERVICE, CC_ST_HELD, CC_ST_SELF, CC_ST_RETRY };

typedef struct cc_need {
    double created_s;
    double resolved_s;
    uint32_t contacts; /* customer-initiated contacts so far */
    uint32_t live;     /* contacts in the system + pending tickets */
    uint32_t channels; /* bit mask of channels used */
    uint16_t segment;
    uint8_t resolved;
    uint8_t counted;
    uint8_t max_hit;
    uint32_t entries;  /* contacts created so far (incl. callbacks): numbers its contacts */
    uint64_t key;      /* random key (cc_draw in cc_model.h) */
    uint64_t id;       /* trace id (cc_options.trace), 0 when not tracing */
} cc_need;

typedef struct cc_agent {
    struct cc_agent *prev;
    struct cc_agent *next;
    uint32_t load;   /* contacts held */
    uint8_t single;  /* holds a single-task (non-chat) contact */
    uint8_t on_duty; /* present, including while finishing work before leaving */
    uint8_t leaving;
    uint8_t list;    /* level list it is on, CC_NO_LIST when none */
    uint8_t overtime; /* leaving, but serving a contact queued at its channel's closing */
} cc_agent;

typedef struct cc_contact {
    struct cc_contact *prev;
    struct cc_contact *next;
    cc_need *need;
    cc_agent *agent;
    double entry_s; /* entered the channel: response-time origin (deferred, callback) */
    double queue_s; /* entered the queue: wait origin (real time) */
    double key_s;   /* queue order */
    sim_event_handle patience; /* abandonment or unanswered-in-time timer, 0 when none */
    sim_event_handle offer;    /* callback offer timer, 0 when none */
    sim_event_handle timeout;  /* maximum time in queue (max_queue_s) timer, 0 when none */
    uint32_t row;   /* statistics row of its entry, CC_NO_ROW when not counted */
    uint16_t channel;
    uint16_t queue;
    uint16_t pool;
    uint8_t state;
    uint8_t repeat;
    uint8_t hops;   /* hop() calls so far: the occurrence of its hop draws */
    uint8_t attempts; /* failed callback attempts so far (channels[].reach) */
    uint8_t patience_done; /* its unanswered-in-time patience has fired (never re-armed) */
    uint64_t key;   /* random key: hash(need key, index in the need) */
    uint64_t id;    /* trace id (cc_options.trace), 0 when not tracing */
    struct cc_wrap *held; /* conference transfer: the first agent's slot, kept until this
                             contact is answered (+ conference) or leaves its queue */
} cc_contact;

/* An agent's slot kept after its contact's service has ended: after-call work
 * (channels[].wrap_up) until the wrap-up ends, or a conference transfer (transfer.
 * conference_share) while the customer waits for the second agent and confers, then its
 * wrap-up. The contact itself is released at the end of its service. From cc_sim.wrap_pool,
 * which exists only when some channel has wrap_up or conferences. */
enum { CC_HOLD_WRAP = 0, CC_HOLD_CONFERENCE };
typedef struct cc_wrap {
    cc_agent *agent;
    double wrap_s;         /* the wrap-up still to do after a conference (0: none) */
    double conference_s;   /* conference time once the second agent answers */
    uint8_t state;         /* CC_HOLD_WRAP or CC_HOLD_CONFERENCE */
    uint8_t starting;      /* wrap_up_start still owns it (a conference customer that leaves
                              at once, balked or blocked, ends the hold without freeing it) */
    uint64_t contact; /* trace ids of the ended contact and its need (0 when not tracing) */
    uint64_t need;
    size_t segment;
    uint32_t row;     /* the contact's statistics row (trace "counted") */
    uint16_t channel;
    uint16_t pool;
    uint8_t repeat;
} cc_wrap;

/* An agent's slot held by an outbound dial (scenario_outbound), from cc_sim.dial_pool. */
typedef struct cc_dial {
    cc_agent *agent;
    cc_outbound_record rec;
    cc_outbound_outcome outcome;
    uint16_t pool;
} cc_dial;

typedef struct cc_ticket {
    cc_need *need;
    size_t channel;
} cc_ticket;

typedef struct cc_skill {
    size_t queue;
    unsigned priority;
    double min_wait_s; /* > 0 for overflow skills */
} cc_skill;

typedef struct cc_area {
    double value;
    double last_s;
    double area;
} cc_area;

typedef struct cc_pool {
    cc_agent *agents;
    size_t cap;
    size_t *off; /* stack of off-duty agent indices */
    size_t n_off;
    cc_agent *level_head[SCENARIO_MAX_CHANNELS + 1]; /* by load, < kmax */
    cc_agent *level_tail[SCENARIO_MAX_CHANNELS + 1];
    size_t kmax;       /* most chats an agent may hold (1 when no chat skill) */
    int single_only;   /* outsourcer: every contact is a single task */
    size_t active;     /* on duty and not leaving */
    size_t present;    /* on duty including leaving */
    size_t target;
    size_t cursor;     /* rotating scan start for leaving/unleaving */
    cc_area duty;
    cc_area busy;
    cc_area overtime;  /* agents serving past the end of their duty (at_close "serve") */
    double ht_factor;
    double skill_factor[SCENARIO_MAX_CHANNELS]; /* proficiency per channel (groups[].skills[].
                                                   handle_time_factor; 1 for outsourcers) */
    size_t n_groups;   /* in-house desk: the agent groups it holds (cc_route_type layout) */
    uint16_t groups[SCENARIO_MAX_GROUPS];
    size_t n_skills;
    cc_skill skills[CC_MAX_SKILLS];
} cc_pool;

/* Queues 0 .. n_channels-1 are the channels' own queues (served by every pool with the
 * skill); after them, one queue per (share-mode outsourcer, channel it serves), owned by that
 * outsourcer's pool. Every queue holds contacts of one channel only, so a head that cannot be
 * served now (a closed e-mail backlog) never stands in front of one that can. */
typedef struct cc_queue {
    cc_contact *head;
    cc_contact *tail;
    size_t len;
    size_t channel;  /* the channel of its contacts */
    size_t owner;    /* outsourcer pool for its own share queues, else SCENARIO_NONE */
    cc_area area;    /* channel queues only: integral of the channel's waiting contacts, in
                        this queue and in outsourcers' share queues (m->waiting) */
} cc_queue;

typedef struct cc_watch {
    size_t queue;
    size_t pool;
    double min_wait_s;
    sim_event_handle timer;
    double at_s;
} cc_watch;

/* A pool a contact of a channel may reach at once (a skill without overflow threshold), in
 * priority order. */
typedef struct cc_direct {
    size_t pool;
    unsigned priority;
} cc_direct;

typedef struct cc_sim {
    const scenario *scn;
    cc_rep *r;
    sim_env *env;
    sim_pool *contact_pool;
    sim_pool *need_pool;
    sim_pool *ticket_pool;
    sim_pool *wrap_pool; /* NULL unless some channel has wrap_up */
    size_t in_wrap;      /* agent slots held by after-call work and conference transfers
                            (cc_wrap records alive) */
    /* the outbound campaign (scn->outbound.on): its pool, its list, the slots of its dials */
    int ob_on;
    size_t ob_pool;
    cc_outbound ob;
    sim_pool *dial_pool;
    size_t in_outbound;        /* agent slots held by outbound dials (cc_dial alive) */
    sim_event_handle ob_wake;  /* an idle agent may dial then (a record becomes ready) */
    double ob_wake_s;
    struct cc_wrap *conference; /* set by transfer_on for the contact enter_channel creates */
    gsl_rng *rng[CC_STREAM_COUNT];
    gsl_rng *draw;     /* xoshiro256++ reseeded for each per-contact draw (contact_rng) */
    uint64_t key_salt; /* from CC_STREAM_CONTACT */
    uint64_t src_needs[SCENARIO_MAX_CHANNELS + SCENARIO_MAX_SEGMENTS]; /* needs per source */
    cc_staff staff;
    int staff_ready;
    const cc_route_type *route; /* the routing policy (scn->routing.mode) */
    void *route_state;          /* its state_size bytes, NULL when 0 */
    int folded;
    size_t ipd;
    double interval_s, warmup_s, horizon_s;
    size_t n_days;
    double *day_factor;
    double *channel_day_factor; /* [n_days x n_channels] with demand.day_correlation, else NULL */
    size_t n_sources;
    double src_rate[SCENARIO_MAX_CHANNELS + SCENARIO_MAX_SEGMENTS];
    double next_boundary_s;
    /* per_channel mode: cumulative segment weights per channel */
    double seg_cum[SCENARIO_MAX_CHANNELS][SCENARIO_MAX_SEGMENTS];
    size_t n_pools;
    cc_pool *pools;
    size_t n_queues;
    cc_queue *queues;
    size_t n_watch;
    cc_watch watch[SCENARIO_MAX_OVERFLOWS];
    size_t n_direct[SCENARIO_MAX_CHANNELS];
    cc_direct *direct[SCENARIO_MAX_CHANNELS];
    size_t n_share[SCENARIO_MAX_CHANNELS]; /* share-mode outsourcers per channel */
    size_t share_pool[SCENARIO_MAX_CHANNELS][SCENARIO_MAX_OUTSOURCERS];
    size_t share_queue[SCENARIO_MAX_CHANNELS][SCENARIO_MAX_OUTSOURCERS]; /* its own queue */
    double share_cum[SCENARIO_MAX_CHANNELS][SCENARIO_MAX_OUTSOURCERS];
    const scenario_kind_props *kind[SCENARIO_MAX_CHANNELS]; /* of each channel's kind */
    unsigned char open[SCENARIO_MAX_CHANNELS];
    size_t held[SCENARIO_MAX_CHANNELS];
    size_t waiting[SCENARIO_MAX_CHANNELS]; /* queued contacts of a channel, over its queues */
    size_t in_service[SCENARIO_MAX_CHANNELS];
    size_t in_self[SCENARIO_MAX_CHANNELS];
    size_t retrying[SCENARIO_MAX_CHANNELS]; /* callback items waiting for their next attempt */
    uint64_t needs_open_counted;
    size_t peak_contacts;
    size_t max_in_system; /* cap on contacts alive at once (cc_options.max_in_system) */
    int oom;
    int over_cap;         /* the cap was passed: the run stopped */
    cc_trace_fn trace; /* NULL unless tracing */
    void *trace_ctx;
    uint64_t replication;
    uint64_t next_contact_id, next_need_id;
} cc_sim;

/* Contacts of channel c that agents may take while it is closed: a real-time queue left at
 * closing with at_close "serve". */
static inline int cc_model_served_while_closed(const cc_sim *m, size_t c)
{
    return m->kind[c]->realtime && m->scn->channels[c].at_close == SCENARIO_AT_CLOSE_SERVE;
}

/* A queue head (or an arriving contact) may be taken now: its channel is open, or it is
 * served while closed. A held ("hold") real-time queue and a deferred backlog wait for the
 * next opening. */
static inline int cc_model_head_servable(const cc_sim *m, const cc_contact *h)
{
    return m->open[h->channel] || cc_model_served_while_closed(m, h->channel);
}

#endif /* CC_MODEL_INTERNAL_H */
