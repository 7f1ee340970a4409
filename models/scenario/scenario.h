/* scenario.h -- the in-memory scenario: everything a simulation, a staffing, a cost, a policy
 * comparison, a roadmap or a shift schedule reads from a scenario file.
 *
 * What it is: plain C structs, filled and validated once by the loader (scenario_load.c and
 * its helpers scenario_json.c, scenario_convert.c, scenario_schema.c, jsonpos.c). What it is not:
 * model state. Nothing here changes during a run; a replication reads a `const scenario *`.
 *
 * Invariants that hold for every scenario the loader returns (so the model may assert them,
 * never re-check them against user input):
 *   - every index (channel, segment, group, outsourcer, policy) is < its count, or
 *     SCENARIO_NONE where the comment says "or SCENARIO_NONE";
 *   - every share is finite and in [0, 1]; every vector documented as "sums to 1" sums to 1
 *     within 1e-12 (the loader accepts |sum - 1| <= SCENARIO_SHARE_TOLERANCE from the file and
 *     renormalises);
 *   - every time is finite and >= 0; every mean is > 0 unless documented otherwise;
 *   - intraday profiles have intervals_per_day entries summing to 1; weekday profiles have 7
 *     entries with mean 1.
 *
 * Defaults: what a field holds when the file leaves it out is written once, in the schema
 * table (scenario_schema.c), which the loader reads and docs/scenario-reference.md prints; the
 * comments here say what a value means, not what it defaults to.
 *
 * Units: every time is in seconds (`_s`), money in euro (`_eur`), rates per hour or per year
 * as the name says, shares are fractions in [0, 1]. Weekdays are 0 = Monday ... 6 = Sunday
 * (ISO 8601). Times of day are seconds after midnight in [0, 86400].
 *
 * Overrides (policies, `sweep --set PATH=VALUE`, `--policy NAME`) are applied to the JSON tree
 * after includes are merged and BEFORE conversion, so one validator checks every variant and
 * an override can never produce a struct the validator has not seen. See scenario_load_opts
 * and docs/scenario-reference.md for the path syntax.
 *
 * Ownership: a scenario is created by scenario_load_file / scenario_load_string /
 * scenario_load_default / scenario_load_derive (scenario_load.h) and freed by scenario_free,
 * which frees every pointer inside it. Pointers inside a scenario are owned by it; never free them separately.
 */
#ifndef SCENARIO_H
#define SCENARIO_H

#include <stddef.h>
#include <stdint.h>

#include "scenario_date.h"
#include "scenario_diag.h"
#include "sim_error.h"

/* "No index" for optional references. */
#define SCENARIO_NONE ((size_t)-1)

/* Capacity limits. A file beyond them is refused before any run starts, with a message
 * naming the limit. Fixed arrays below use these sizes. */
#define SCENARIO_NAME_MAX 64           /* bytes incl. NUL; names are [A-Za-z0-9_-], 1..63 */
#define SCENARIO_ZONE_MAX 65           /* bytes incl. NUL of a time-zone name */
#define SCENARIO_MAX_CHANNELS 24
#define SCENARIO_MAX_SEGMENTS 16
#define SCENARIO_MAX_GROUPS 64
#define SCENARIO_MAX_SHIFTS 256
#define SCENARIO_MAX_OUTSOURCERS 16
#define SCENARIO_MAX_OVERFLOWS 64
#define SCENARIO_MAX_POLICIES 64
#define SCENARIO_MAX_WINDOWS_PER_DAY 4  /* opening windows per channel and weekday */
#define SCENARIO_MAX_SHIFT_STARTS 96
#define SCENARIO_MAX_BREAKS 4
#define SCENARIO_MAX_PREFERENCE_SHIFTS 64
#define SCENARIO_MAX_ROADMAP_STEPS 64
#define SCENARIO_MAX_HORIZON_DAYS 3660  /* ten years */
#define SCENARIO_MAX_REPLICATIONS 100000
#define SCENARIO_MAX_DIST_POINTS 1000   /* points of an empirical distribution */
#define SCENARIO_MAX_MIX_COMPONENTS 8   /* components of a mixture */
#define SCENARIO_MAX_PERIODS 24         /* periods of a duration by time of day */

/* Tolerance on shares read from a file: population shares, preference vectors and hop rows
 * must sum to 1 within this absolute tolerance; the loader then renormalises exactly. */
#define SCENARIO_SHARE_TOLERANCE 1e-3

/* ---------------------------------------------------------------------------------------- */
/* Enumerations (JSON spelling in the comment)                                              */

typedef enum scenario_channel_kind {
    SCENARIO_CHANNEL_VOICE = 0,    /* "voice": real-time queue, patience, abandonment, retrials */
    SCENARIO_CHANNEL_CHAT,         /* "chat": real time, an agent holds up to `concurrency` */
    SCENARIO_CHANNEL_DEFERRED,     /* "deferred": e-mail, social, web form, messaging; backlog */
    SCENARIO_CHANNEL_SELF_SERVICE, /* "self_service": no agent; resolves a share, rest hop */
    SCENARIO_CHANNEL_CALLBACK,     /* "callback": virtual place in queue, called back */
    SCENARIO_CHANNEL_VIDEO,        /* "video": real time like voice */
    SCENARIO_CHANNEL_KIND_COUNT
} scenario_channel_kind;

/* How a kind uses the telephone line (scenario_kind_props.line): telephony minutes. */
typedef enum scenario_line_use {
    SCENARIO_LINE_NONE = 0,      /* no line (chat, deferred, self_service) */
    SCENARIO_LINE_TALK,          /* a line while the agent talks (callback: the agent calls) */
    SCENARIO_LINE_TALK_AND_WAIT  /* a line while talking and while waiting (voice, video) */
} scenario_line_use;

/* What a channel kind does: one row per kind in scenario.c, the only place these properties
 * are written. Code that behaves differently by kind reads a property here instead of
 * comparing kinds (a new kind is one row and its enum value). */
typedef struct scenario_kind_props {
    scenario_channel_kind kind;
    const char *name;             /* JSON spelling: "voice", "chat", ... */
    unsigned char realtime;       /* the customer waits on line for an agent (voice, chat,
                                     video): wait from entering the queue, the SL threshold in
                                     seconds, real-time totals, retrials, at_close serve */
    unsigned char abandons;       /* a waiting contact leaves when its patience ends and counts
                                     abandoned (voice, chat, video); for the others patience
                                     means "unanswered in time" and the item stays */
    unsigned char backlog;        /* items wait in a backlog (deferred, callback): response
                                     time from entering the channel against
                                     response_target_s; they join the backlog while closed */
    unsigned char concurrent;     /* an agent holds up to `concurrency` at once (chat) */
    unsigned char agent_time;     /* served by agents (every kind but self_service) */
    unsigned char callback_offer; /* a waiting caller may be offered a callback (voice, video) */
    scenario_line_use line;       /* telephone line minutes it uses */
} scenario_kind_props;

typedef enum scenario_dist_kind {
    SCENARIO_DIST_EXPONENTIAL = 0, /* "exponential": cv is 1 */
    SCENARIO_DIST_LOGNORMAL,       /* "lognormal": mean and cv (cv > 0) */
    SCENARIO_DIST_DETERMINISTIC,   /* "deterministic": always the mean; cv is 0 */
    SCENARIO_DIST_GAMMA,           /* "gamma": mean and cv; p1 = shape 1/cv^2, p2 = scale */
    SCENARIO_DIST_WEIBULL,         /* "weibull": p1 = shape k, p2 = scale (s) */
    SCENARIO_DIST_UNIFORM,         /* "uniform": p1 = min, p2 = max (s), min < max */
    SCENARIO_DIST_TRIANGULAR,      /* "triangular": p1 = min, p2 = mode, p3 = max (s) */
    SCENARIO_DIST_EMPIRICAL,       /* "empirical": a piecewise-linear CDF through n points
                                      (x[i], cum[i]): a table of quantiles or a histogram */
    SCENARIO_DIST_MIXTURE          /* "mixture": component i with probability
                                      cum[i] - cum[i-1]; no component is a mixture */
} scenario_dist_kind;

/* A positive random duration. mean_s and cv are the distribution's own for every kind (the
 * loader computes them from the parameters where the file gives others), so whatever reads
 * only the first two moments (the Erlang requirement, Erlang A's patience) reads them here. */
typedef struct scenario_dist {
    scenario_dist_kind kind;
    double mean_s; /* > 0 (a mixture's deterministic component may be 0: a point mass at 0) */
    double cv;     /* std dev / mean; 1 for exponential, 0 for deterministic, > 0 lognormal */
    double p1, p2, p3; /* the kind's parameters (see the kind); 0 when unused */
    size_t n;          /* empirical: points (>= 2); mixture: components (2..8); else 0 */
    const double *x;   /* empirical: n values in s, nondecreasing; else NULL */
    const double *cum; /* empirical: n cumulative probabilities, 0 first, 1 last,
                          nondecreasing; mixture: n cumulative shares, the last 1; else NULL */
    const struct scenario_dist *part; /* mixture: n components; else NULL */
} scenario_dist;

/* A part of the day with its own duration (channels[].handle_time_by_period and
 * patience_by_period): from from_s (inclusive) to to_s (exclusive), every day. */
typedef struct scenario_period {
    double from_s;      /* seconds after midnight, from_s < to_s <= 86400 */
    double to_s;
    double factor;      /* multiplies the channel distribution's mean; 1 when has_dist */
    int has_dist;       /* 1: `dist` replaces the channel's distribution in this period */
    scenario_dist dist;
} scenario_period;

typedef enum scenario_backlog_discipline {
    SCENARIO_BACKLOG_FIFO = 0,         /* "fifo": oldest arrival first */
    SCENARIO_BACKLOG_OLDEST_DUE_FIRST  /* "oldest_due_first": earliest due time first (due =
                                          arrival + response_target_s of its channel) */
} scenario_backlog_discipline;

typedef enum scenario_closed_behaviour {
    SCENARIO_CLOSED_WAIT = 0, /* "wait": deferred and callback items queue until opening;
                                 real-time contacts retry at the next opening */
    SCENARIO_CLOSED_HOP,      /* "hop": the contact takes the hopping rule for outcome "closed" */
    SCENARIO_CLOSED_LOST      /* "lost": counted as lost (unserved); the need is given up */
} scenario_closed_behaviour;

/* What happens to contacts still queued when their channel closes (channels[].at_close). */
typedef enum scenario_at_close {
    SCENARIO_AT_CLOSE_SERVE = 0, /* "serve": agents present at closing stay past the end of
                                    their duty until the queue is served (overtime) */
    SCENARIO_AT_CLOSE_HOLD,      /* "hold": the queue waits for the next opening (patience
                                    keeps running); the only value for deferred and callback
                                    channels (the backlog carries over) */
    SCENARIO_AT_CLOSE_ABANDON,   /* "abandon": every queued contact is counted abandoned at
                                    closing and follows the hop rules for "abandoned" */
    SCENARIO_AT_CLOSE_CALLBACK   /* "callback": every queued caller is offered a callback
                                    (callback_offer's channel and accept_share); those who
                                    decline are counted abandoned as above (voice, video) */
} scenario_at_close;

/* Where a real-time contact goes when it has waited channels[].max_queue_s
 * (channels[].at_max_queue); it is counted "timed_out" in its channel in every case. */
typedef enum scenario_max_queue_action {
    SCENARIO_MAX_QUEUE_ABANDON = 0, /* "abandon": leaves; its need follows the hop rules for
                                       "timed_out" */
    SCENARIO_MAX_QUEUE_MESSAGE,     /* "message": leaves a message (voicemail) that goes on as
                                       an item of message_channel (a deferred channel) */
    SCENARIO_MAX_QUEUE_CALLBACK     /* "callback": is offered a callback (callback_offer's
                                       channel and accept_share), keeping its place; one who
                                       declines leaves as with "abandon" (voice, video) */
} scenario_max_queue_action;

/* Why a contact ends without resolving its need; indexes scenario_hop tables. */
typedef enum scenario_outcome {
    SCENARIO_OUTCOME_ABANDONED = 0,    /* "abandoned": real-time contact left the queue */
    SCENARIO_OUTCOME_UNRESOLVED,       /* "unresolved": handled, but not resolved (1 - FCR) */
    SCENARIO_OUTCOME_UNANSWERED,       /* "unanswered_in_time": deferred item not answered
                                          within the customer's patience (it stays in backlog) */
    SCENARIO_OUTCOME_SELF_SERVICE_FAILED, /* "self_service_failed" */
    SCENARIO_OUTCOME_CLOSED,           /* "closed": arrived while the channel was closed and
                                          the channel's when_closed is "hop" */
    SCENARIO_OUTCOME_BLOCKED,          /* "blocked": voice/video caller found every line of
                                          the channel busy (channels[].lines) */
    SCENARIO_OUTCOME_BALKED,           /* "balked": real-time contact that had to wait left
                                          at once (channels[].balking) */
    SCENARIO_OUTCOME_TIMED_OUT,        /* "timed_out": real-time contact reached
                                          channels[].max_queue_s and left (at_max_queue
                                          abandon, or a declined callback) */
    SCENARIO_OUTCOME_UNREACHED,        /* "unreached": callback item whose every attempt
                                          failed to reach the customer (channels[].reach) */
    SCENARIO_OUTCOME_COUNT
} scenario_outcome;

typedef enum scenario_staffing_mode {
    SCENARIO_STAFFING_FIXED = 0,   /* "fixed": `agents` on duty whenever any of the group's
                                      channels is open */
    SCENARIO_STAFFING_PER_INTERVAL,/* "per_interval": agents_per_interval */
    SCENARIO_STAFFING_ERLANG,      /* "erlang": sized per interval by the staffing engine to meet
                                      each channel's service-level target */
    SCENARIO_STAFFING_SCHEDULE     /* "schedule": from the shift optimiser (shifts whose group
                                      is this one) */
} scenario_staffing_mode;

typedef enum scenario_routing_mode {
    SCENARIO_ROUTING_SILOED = 0, /* "siloed": groups as listed, each with its own skills */
    SCENARIO_ROUTING_UNIFIED     /* "unified": all groups pooled into one desk holding the union
                                    of their skills (the source documents' Unified Desk);
                                    sizes add up, cost per hour is the size-weighted mean */
} scenario_routing_mode;

/* Which of the pools of the best priority level that have a free agent takes an arriving
 * contact (within a pool the agent idle longest always does). */
typedef enum scenario_agent_selection {
    SCENARIO_SELECT_FIRST = 0,       /* "first": the first such pool in group order (today's) */
    SCENARIO_SELECT_LEAST_OCCUPIED,  /* "least_occupied": the one with the smallest share of
                                        its present agents busy now */
    SCENARIO_SELECT_MOST_PROFICIENT  /* "most_proficient": the one with the smallest
                                        handle_time_factor for the contact's channel */
} scenario_agent_selection;

typedef enum scenario_platform {
    SCENARIO_PLATFORM_ON_PREMISE = 0, /* "on_premise" */
    SCENARIO_PLATFORM_CLOUD           /* "cloud" */
} scenario_platform;

typedef enum scenario_demand_mode {
    SCENARIO_DEMAND_PER_CHANNEL = 0, /* "per_channel": each channel has daily_volume of first
                                        contacts; a contact's segment is drawn with probability
                                        proportional to share * preference for that channel */
    SCENARIO_DEMAND_BY_SEGMENT       /* "by_segment": demand.daily_volume needs per average day;
                                        each draws a segment by population share and a first
                                        channel by that segment's preference, restricted to the
                                        channels open at that moment */
} scenario_demand_mode;

typedef enum scenario_pricing {
    SCENARIO_PRICE_PER_CONTACT = 0, /* "per_contact": price per handled contact */
    SCENARIO_PRICE_PER_MINUTE       /* "per_minute": price per handled minute */
} scenario_pricing;

typedef enum scenario_outsourcing_mode {
    SCENARIO_OUTSOURCE_SHARE = 0, /* "share": a fixed share of its channels' arrivals */
    SCENARIO_OUTSOURCE_OVERFLOW   /* "overflow": only what routing.overflow sends to it */
} scenario_outsourcing_mode;

typedef enum scenario_sla_period {
    SCENARIO_SLA_INTERVAL = 0, /* "interval" */
    SCENARIO_SLA_DAY,          /* "day" */
    SCENARIO_SLA_WEEK,         /* "week" */
    SCENARIO_SLA_MONTH         /* "month" (30 days of horizon) */
} scenario_sla_period;

/* ---------------------------------------------------------------------------------------- */
/* Channels                                                                                 */

/* One opening window on one weekday: open at open_s, closed from close_s. */
typedef struct scenario_window {
    double open_s;  /* seconds after midnight, 0 <= open_s < close_s */
    double close_s; /* <= 86400 */
} scenario_window;

/* Opening hours of a channel, per weekday. Windows within a day are sorted and disjoint.
 * JSON: "24/7", or an object with keys "all", "weekdays", "weekend", "mon".."sun" (a more
 * specific key wins), each a list of ["HH:MM", "HH:MM"] pairs ("24:00" allowed as a close). */
typedef struct scenario_hours {
    size_t n_windows[7];
    scenario_window windows[7][SCENARIO_MAX_WINDOWS_PER_DAY];
} scenario_hours;

/* A special day (holiday, event) of a scenario with dates: its own volume, day shape and
 * opening hours for every channel. From special_days[] and special_days_file; only the days
 * inside the horizon are kept, sorted by day. */
typedef struct scenario_special_day {
    size_t day;                 /* horizon day index (0 = start_date) */
    scenario_date date;
    char name[SCENARIO_NAME_MAX];
    int closed;                 /* no channel opens that day (n_windows 0, has_hours 1) */
    double volume_factor;       /* multiplies every source's volume of that day, >= 0 */
    const double *intraday;     /* [intervals_per_day] summing to 1: the day shape of every
                                   source that day; NULL: the usual shape. Points into
                                   scenario.special_pool. */
    int has_hours;              /* 1: windows below replace every channel's hours that day */
    size_t n_windows;
    scenario_window windows[SCENARIO_MAX_WINDOWS_PER_DAY];
} scenario_special_day;

typedef struct scenario_channel {
    char name[SCENARIO_NAME_MAX];
    scenario_channel_kind kind;
    scenario_dist handle_time; /* agent time per contact. For self_service: time spent in
                                  self-service. */
    /* Patience. voice/video/chat: time a waiting customer stays before abandoning.
     * deferred/callback: time after which an unanswered item triggers the outcome
     * "unanswered_in_time" (the item stays in the backlog). has_patience 0 = infinite. */
    int has_patience;
    scenario_dist patience;
    /* Durations by time of day: n_*_periods periods, sorted and disjoint (the time of day
     * outside every period keeps handle_time or patience); NULL and 0 when not given. A
     * handle time takes the period of the moment service starts, a patience that of the
     * moment the contact enters the queue (deferred, callback: of its arrival). */
    size_t n_handle_periods;
    const scenario_period *handle_periods;
    size_t n_patience_periods;
    const scenario_period *patience_periods;
    /* After-call work (wrap-up): agent time after the contact has ended, drawn per contact,
     * before the agent takes the next one; not part of the contact's handle time and not
     * scaled by handle-time factors. has_wrap_up 0 = none (the default). */
    int has_wrap_up;
    scenario_dist wrap_up;
    /* Transfer after an answer: a share transfer_share of the contacts whose service ends
     * here are passed on by the agent to channel transfer_channel (served by agents, not
     * this channel), where the customer queues again and gets that channel's handle time;
     * the first agent is freed (after its wrap-up). transfer_channel is SCENARIO_NONE (and
     * transfer_share 0) when there is none, the default. */
    size_t transfer_channel;
    double transfer_share;
    /* Of the transfers, the share made as a conference (transfer_channel real time): the
     * first agent stays with the customer while it waits in transfer_channel's queue and
     * for transfer_conference_s after the second agent answers (in the second agent's
     * handle time too), then is freed (after its wrap-up). 0 = every transfer is cold. */
    double transfer_conference_share;
    double transfer_conference_s;
    size_t concurrency;   /* chat: chats one agent holds at once (>= 1); 1 for other kinds */
    double stretch;       /* chat: handle time x (1 + stretch (m - 1)) when the agent holds m
                             chats as this one starts; 0 = no slowdown */
    double response_target_s;             /* deferred/callback: organisation's answer target */
    scenario_backlog_discipline backlog;  /* deferred: the order the backlog is worked in */
    double resolve_share;  /* self_service: share resolved without an agent; else unused */
    /* Callback offer (voice/video): a caller still waiting after offer_after_s is offered a
     * callback in channel callback_channel (a callback channel) and accepts with
     * callback_accept_share. callback_channel is SCENARIO_NONE when no offer is made. */
    size_t callback_channel;
    double callback_offer_after_s;
    double callback_accept_share;
    /* callback_offer_on_estimate 1: the offer is made instead on joining the queue, to a caller
     * whose announced wait (balk_per_announced_minute's W) exceeds callback_offer_estimate_s;
     * a caller not offered then is never offered. */
    int callback_offer_on_estimate;
    double callback_offer_estimate_s;
    /* Retrial (Erlang-X redial) of abandoned real-time contacts in the same channel, applied
     * before the hopping rule for "abandoned": with probability retrial_share the customer
     * tries again after an exponential delay of mean retrial_delay_mean_s. */
    double retrial_share;
    double retrial_delay_mean_s;
    /* The queue's entrance and exit (docs/model.md, "Lines, balking and the queue's exit").
     * lines: voice/video (kinds whose line is SCENARIO_LINE_TALK_AND_WAIT): telephone lines of
     * the channel; a caller arriving when every line is held (by callers waiting or in
     * service) is blocked: outcome "blocked". 0 = unlimited. */
    size_t lines;
    /* balking (real time: voice, video, chat): a contact that must wait (no agent takes it at
     * once) leaves at once, outcome "balked", with probability
     * min(1, balk_share + balk_per_caller_ahead x n + balk_per_announced_minute x W / 60),
     * n = the channel's contacts already waiting and W the announced wait in seconds
     * ((n + 1) x mean handle time / agents on duty, docs/model.md). has_balking 0: nobody
     * balks. */
    int has_balking;
    double balk_share;
    double balk_per_caller_ahead;
    double balk_per_announced_minute;
    /* maximum time in queue (real time): a contact still queued max_queue_s after joining the
     * queue leaves it, counted "timed_out", to at_max_queue (message_channel: the deferred
     * channel of "message", else SCENARIO_NONE). max_queue_s 0: no limit. */
    double max_queue_s;
    scenario_max_queue_action at_max_queue;
    size_t message_channel;
    /* callback attempts (callback channels): an agent's attempt reaches the customer with
     * probability reach_share; a failed one holds the agent reach_attempt_s, and the item
     * queues again (at the back) after reach_retry_delay_s, up to reach_attempts attempts,
     * after which it is "unreached". has_reach 0: every attempt reaches the customer. */
    int has_reach;
    double reach_share;
    size_t reach_attempts;
    double reach_retry_delay_s;
    double reach_attempt_s;
    double sl_target;      /* service-level target fraction, e.g. 0.8 */
    double sl_threshold_s; /* ... answered within this many seconds */
    double fcr_share;      /* first-contact resolution: share of handled contacts that resolve
                              the need */
    unsigned priority;     /* routing priority, 1 = highest */
    scenario_hours hours;  /* when the channel is open */
    scenario_closed_behaviour when_closed; /* arrivals while closed */
    scenario_at_close at_close; /* contacts queued at closing (hold for self_service, which has
                                   no queue) */
    /* Demand (per_channel mode; 0 in by_segment mode): first contacts per average day. */
    double daily_volume;
    const double *intraday; /* [intervals_per_day], sums to 1; points into the scenario */
    /* NULL when a day shape was given (channels[].intraday or demand.intraday). Otherwise
     * the shape the demand uses instead of `intraday` (flat then): [7 * intervals_per_day],
     * row wd (0 = Monday) sums to 1 over the day, each interval weighted by the seconds of it
     * the channel is open, so the day's volume arrives uniformly over its opening hours; a
     * weekday without opening hours is flat (its volume arrives while closed). */
    const double *open_profile;
    double weekday[7];      /* relative day factors, mean 1 */
    double day_cv;          /* with demand.day_correlation: CV of this channel's day factor */
    /* Convenience: "agents": N on a channel creates an implicit fixed group named after the
     * channel with this single skill; that group appears in scenario.groups. */
} scenario_channel;

/* ---------------------------------------------------------------------------------------- */
/* Segments and hopping                                                                     */

typedef struct scenario_segment {
    char name[SCENARIO_NAME_MAX];
    double population_share;                   /* sums to 1 over segments */
    double preference[SCENARIO_MAX_CHANNELS];  /* first-channel choice; sums to 1 over
                                                  channels (entries >= n_channels are 0) */
    double patience_factor;                    /* multiplies channel patience means */
    double handle_time_factor;                 /* multiplies handle-time means */
    const double *intraday; /* by_segment mode: [intervals_per_day], sums to 1 */
    /* by_segment mode, NULL when a day shape was given (segments[].intraday or
     * demand.intraday): as scenario_channel.open_profile, over the seconds at least one
     * channel the segment prefers (preference > 0) is open. Always NULL in per_channel mode. */
    const double *open_profile;
    double weekday[7];      /* by_segment mode: mean 1 */
} scenario_segment;

/* Where a contact that ended with some outcome goes next. to[] and give_up sum to 1. */
typedef struct scenario_hop {
    double to[SCENARIO_MAX_CHANNELS]; /* probability of the next contact in each channel */
    double give_up;                   /* probability the need is abandoned for good */
    scenario_dist delay;              /* time until the next contact */
} scenario_hop;

/* ---------------------------------------------------------------------------------------- */
/* Agents, routing, shifts, workforce                                                       */

typedef struct scenario_skill {
    size_t channel;
    unsigned priority; /* 1 = highest */
    double handle_time_factor; /* proficiency: multiplies the channel's handle-time mean for
                                  this group's agents (< 1 faster); 1 = as the channel says */
} scenario_skill;

typedef struct scenario_group {
    char name[SCENARIO_NAME_MAX];
    size_t n_skills;
    scenario_skill skills[SCENARIO_MAX_CHANNELS];
    scenario_staffing_mode staffing;
    size_t agents;               /* fixed: agents on duty (after shrinkage) */
    size_t n_agents_per_interval;/* per_interval: 7 * intervals_per_day (a week from Monday;
                                    a one-day list in the file is repeated) else 0 */
    size_t *agents_per_interval; /* on duty per interval; owned by the scenario */
    double shrinkage;            /* share of paid time not available; paid = on duty / (1 - s) */
    double cost_per_hour_eur;    /* loaded cost per paid hour */
    char site[SCENARIO_NAME_MAX];/* free label for cost per site */
    int implicit;                /* 1 when created by a channel's "agents" shortcut */
} scenario_group;

/* Overflow: a contact of `channel` waiting longer than after_wait_s becomes eligible for
 * to_group (whether or not that group has the channel as a skill: overflow lends it one) or
 * is sent to to_outsourcer (exactly one of the two is not SCENARIO_NONE). */
typedef struct scenario_overflow {
    size_t channel;
    double after_wait_s;
    size_t to_group;
    size_t to_outsourcer;
} scenario_overflow;

typedef struct scenario_routing {
    scenario_routing_mode mode;
    scenario_agent_selection agent_selection;
    size_t n_overflows;
    scenario_overflow overflows[SCENARIO_MAX_OVERFLOWS];
} scenario_routing;

/* An outbound campaign (docs/model.md, "Outbound and blended work"): every day at start_s
 * `records` new customer records join the list; the agents of `group` dial them while
 * more than `inbound_reserve` of the group's agents are idle (the blend threshold), in
 * dialing hours [start_s, end_s) of each day. Each dial holds the agent dial_s; it reaches
 * an answering machine, nobody (no answer), the right party or a wrong party with the given
 * shares (wrong party: the rest). A right-party contact then holds the agent for talk_time
 * and wrap_up; no answer and a machine retry after retry_delay_s while attempts remain. */
typedef struct scenario_outbound {
    int on;               /* the scenario has an outbound object */
    size_t group;
    size_t records;       /* new records per day */
    double start_s, end_s; /* dialing hours, seconds since midnight */
    size_t attempts;      /* dials per record at most (>= 1) */
    double retry_delay_s;
    double right_party_share, machine_share, no_answer_share;
    double dial_s;
    size_t inbound_reserve;
    scenario_dist talk_time;
    int has_wrap_up;      /* 0: no after-call work (the default) */
    scenario_dist wrap_up;
} scenario_outbound;

typedef struct scenario_break {
    double earliest_start_s; /* after shift start */
    double latest_start_s;   /* >= earliest_start_s */
    double length_s;
    int paid;                /* 1 when paid (counts in cost) */
} scenario_break;

/* A shift template for the shift optimiser (shift_plan.h, `omnisim schedule`). */
typedef struct scenario_shift {
    char name[SCENARIO_NAME_MAX];
    size_t group;               /* the group it staffs */
    size_t n_starts;
    double start_s[SCENARIO_MAX_SHIFT_STARTS]; /* allowed start times after midnight */
    double length_s;            /* paid length incl. breaks, > 0, <= 86400 */
    size_t n_breaks;
    scenario_break breaks[SCENARIO_MAX_BREAKS];
    unsigned char days[7];      /* 1 when the template may be worked that weekday */
    size_t min_count;           /* per week */
    size_t max_count;           /* per week, SCENARIO_NONE = unlimited */
    double cost_eur;            /* per shift worked; 0 = group cost_per_hour x paid hours */
} scenario_shift;

/* Long-term capacity (shift_capacity.h): head count dynamics for roadmaps. */
typedef struct scenario_workforce {
    double attrition_per_year;   /* share leaving per year */
    double hiring_lead_time_days;/* from the decision to hire to the first day */
    double training_days;        /* days a new hire trains */
    double training_productivity;/* share productive while training */
} scenario_workforce;

/* ---------------------------------------------------------------------------------------- */
/* Costs and outsourcers                                                                    */

typedef struct scenario_costs {
    double agent_cost_per_hour_eur;  /* loaded cost per paid agent hour, for groups without
                                        their own */
    double supervisor_ratio;         /* supervisors per agent */
    double supervisor_cost_per_hour_eur;
    double overhead_ratio;           /* overhead as a share of people cost */
    scenario_platform platform;      /* platform at the start */
    /* On-premise. */
    double capex_eur;                /* one-off investment at the base year */
    double depreciation_years;
    double maintenance_per_year_eur;
    double maintenance_growth_per_year; /* share (the legacy landscape grows) */
    double licence_per_seat_per_year_eur;
    /* Cloud. */
    double cloud_per_seat_per_month_eur;
    double cloud_per_minute_eur;
    double migration_cost_eur;       /* one-off */
    double migration_months;         /* duration (months, not the 2-3 weeks vendors claim) */
    int migration_year;              /* calendar year the cloud starts, 0 = never */
    double telephony_per_minute_eur; /* voice/video minutes, both platforms */
    double discount_rate;            /* per year, for NPV */
} scenario_costs;

typedef struct scenario_outsourcer {
    char name[SCENARIO_NAME_MAX];
    unsigned char serves[SCENARIO_MAX_CHANNELS]; /* 1 when it handles that channel */
    scenario_outsourcing_mode mode;
    double share;                /* share mode: share of its channels' arrivals */
    scenario_pricing pricing;
    double price_eur;            /* per contact or per minute (see pricing) */
    size_t agents;               /* capacity: agents on duty during its channels' hours */
    double handle_time_factor;   /* multiplies handle-time means */
    double sl_target;            /* SLA: share answered within sl_threshold_s */
    double sl_threshold_s;
    scenario_sla_period sla_period;
    double abandon_ceiling;      /* max abandoned share per period, 1 = none */
    double penalty_eur;          /* per SLA period missed */
    double bonus_eur;            /* per SLA period met */
} scenario_outsourcer;

/* ---------------------------------------------------------------------------------------- */
/* Policies and roadmap                                                                     */

/* One override: set the JSON value at `path` (override path syntax, see the reference). */
typedef struct scenario_change {
    char *path;       /* owned */
    char *value_json; /* owned: the value as compact JSON text */
} scenario_change;

typedef struct scenario_policy {
    char name[SCENARIO_NAME_MAX];
    char *description;   /* owned, may be "" */
    size_t n_changes;
    scenario_change *changes; /* owned */
} scenario_policy;

/* Each year, share_per_year of the preference a segment gives to the `from` channels moves
 * to the `to` channels in proportion to weights to[] (which sum to 1). */
typedef struct scenario_preference_shift {
    size_t segment;                   /* or SCENARIO_NONE for every segment */
    unsigned char from[SCENARIO_MAX_CHANNELS];
    double to[SCENARIO_MAX_CHANNELS];
    double share_per_year;            /* in [0, 1] */
} scenario_preference_shift;

typedef struct scenario_roadmap_step {
    int year;
    size_t policy;                    /* index into policies, switched on from this year */
    char stage[SCENARIO_NAME_MAX];    /* readiness stage label, "" or single|multiple|cross|omni */
} scenario_roadmap_step;

typedef struct scenario_roadmap {
    int present;                      /* 0 when the file has no roadmap */
    int first_year, last_year;        /* years of the roadmap, inclusive */
    double volume_growth_per_year;    /* share, total demand, e.g. 0.05 */
    double channel_growth_per_year[SCENARIO_MAX_CHANNELS]; /* extra per channel, per_channel */
    double segment_share_drift_per_year[SCENARIO_MAX_SEGMENTS]; /* absolute points per year;
                                         shares are renormalised after drifting */
    size_t n_preference_shifts;
    scenario_preference_shift preference_shifts[SCENARIO_MAX_PREFERENCE_SHIFTS];
    size_t n_steps;
    scenario_roadmap_step steps[SCENARIO_MAX_ROADMAP_STEPS]; /* sorted by year */
} scenario_roadmap;

/* ---------------------------------------------------------------------------------------- */
/* The scenario                                                                             */

typedef struct scenario {
    char name[SCENARIO_NAME_MAX];
    char *description;       /* owned; cites the source-document figures used */
    int year;                /* calendar year the scenario describes */
    size_t horizon_days;     /* >= 1, <= SCENARIO_MAX_HORIZON_DAYS */
    unsigned start_weekday;  /* weekday of day 0, 0 = Monday */
    int has_dates;           /* 1 when start_date is given: day d is start_date + d */
    scenario_date start_date;/* date of day 0 (has_dates); start_weekday follows from it */
    char time_zone[SCENARIO_ZONE_MAX]; /* IANA zone, "" = none (every day 24 hours) */
    /* The days of the horizon that are not 24 hours long in time_zone (daylight-saving time),
     * sorted: dst_day[k] is the day index, dst_factor[k * intervals_per_day + i] the demand
     * factor of wall-clock interval i that day (scenario_date_transitions). Owned. */
    size_t n_dst_days;
    size_t *dst_day;
    double *dst_factor;
    size_t n_special_days;
    scenario_special_day *special_days; /* owned, sorted by day */
    double *special_pool;    /* owned storage behind the special days' intraday */
    char source_dir[256];    /* directory that data-file paths are relative to ("." default) */
    /* seasonality (month or ISO-week multipliers): the factor of each horizon day, applied
     * to every source's volume; NULL when the scenario has none. Owned. */
    double *season_factor;   /* [horizon_days] */
    /* demand.forecast_file (scenario_forecast.h): the volume of scenario interval i of channel
     * c on forecast day d is forecast_volume[(c * forecast_days + d) * intervals_per_day + i];
     * forecast days are the horizon days (forecast_by_date) or the 7 weekdays, Monday first.
     * Channel c takes its demand from the table when forecast_channel[c]. NULL when none. */
    double *forecast_volume;
    size_t forecast_days;
    int forecast_by_date;
    unsigned char forecast_channel[SCENARIO_MAX_CHANNELS];
    double interval_s;       /* statistics/profile interval, divides 86400 */
    size_t intervals_per_day;/* 86400 / interval_s */
    double warmup_s;         /* discarded from statistics */
    uint64_t seed;           /* master seed */
    size_t replications;
    double confidence;       /* confidence level of intervals */
    size_t max_contacts_per_need; /* hopping stops (need given up) after this many */

    size_t n_channels;
    scenario_channel *channels;  /* owned */

    scenario_demand_mode demand_mode;
    double daily_volume;         /* by_segment: needs per average day; per_channel: sum of the
                                    channels' daily volumes (for information) */
    double overdispersion_cv;    /* CV of a gamma day factor (gamma-Poisson), 0 = Poisson */
    /* Arrival variability per channel (demand.day_correlation given; per_channel mode only):
     * each channel has its own day factor of CV channels[].day_cv, with this correlation
     * between any two channels (demand_factor.h); 0 = one factor shared by every source. */
    int has_day_correlation;
    double day_correlation;      /* [0, 1] */
    double busyness_cv;          /* CV of a gamma busyness factor per interval and source
                                    (mean 1, independent); 0 = none */

    size_t n_segments;           /* >= 1; a file without segments gets one "all" segment */
    scenario_segment *segments;  /* owned */
    /* hop[(segment * SCENARIO_OUTCOME_COUNT + outcome) * n_channels + from_channel]; use
     * scenario_hop_get. Cells the file does not set: give_up 1. */
    scenario_hop *hops;          /* owned */

    size_t n_groups;
    scenario_group *groups;      /* owned */
    scenario_routing routing;
    scenario_outbound outbound;
    size_t n_shifts;
    scenario_shift *shifts;      /* owned */
    scenario_workforce workforce;
    scenario_costs costs;
    size_t n_outsourcers;
    scenario_outsourcer *outsourcers; /* owned */
    size_t n_policies;
    scenario_policy *policies;   /* owned */
    scenario_roadmap roadmap;

    double *profile_pool;        /* owned storage behind every intraday and open_profile
                                    pointer */
    /* Owned storage behind the tables of distributions (scenario_dist x, cum and part):
     * n_dist_blocks blocks, each from sim_malloc, freed by scenario_free. */
    void **dist_blocks;
    size_t n_dist_blocks;
    size_t cap_dist_blocks;
    char *source_json;           /* owned: the merged document (includes resolved, before
                                    overrides), compact JSON; scenario_load_derive starts from it */
    char source_path[256];       /* file it came from ("<default>", "<string>") */
    size_t n_applied;            /* policies and --set overrides applied, for the report */
} scenario;

/* Maximum size of a scenario file (and of each included file), nesting depth, include depth
 * and number of JSON values per document. Beyond them: SIM_ELIMIT with a message. */
#define SCENARIO_MAX_FILE_BYTES (16u * 1024u * 1024u)
#define SCENARIO_MAX_DEPTH 32
#define SCENARIO_MAX_INCLUDE_DEPTH 8
#define SCENARIO_MAX_VALUES 1000000u

/* Free a scenario and everything it owns. NULL is a no-op. */
void scenario_free(scenario *scn);

/* The demand factor of wall-clock interval i (0-based, < intervals_per_day) on horizon day
 * `day`: 1, except on a daylight-saving transition day (0 in the skipped hour, 2 in the
 * repeated one; scenario_date.h). O(log n_dst_days). */
double scenario_wall_factor(const scenario *scn, size_t day, size_t i);

/* Forecast volume (contacts) of channel c in interval i of horizon day `day` (weekday wd),
 * from demand.forecast_file; 0 outside the table. Only for a channel with forecast_channel[c].
 * O(1). */
double scenario_channel_forecast(const scenario *scn, size_t c, size_t day, unsigned wd,
                                 size_t i);

/* The special day on horizon day `day`, or NULL. O(log n_special_days). */
const scenario_special_day *scenario_special_day_find(const scenario *scn, size_t day);

/* Index of the channel / segment / group / outsourcer / policy with that name, or
 * SCENARIO_NONE. O(n). */
size_t scenario_find_channel(const scenario *scn, const char *name);
size_t scenario_find_segment(const scenario *scn, const char *name);
size_t scenario_find_group(const scenario *scn, const char *name);
size_t scenario_find_outsourcer(const scenario *scn, const char *name);
size_t scenario_find_policy(const scenario *scn, const char *name);

/* The hop rule for a segment, outcome and channel the contact came from. Indices must be in
 * range (asserted). O(1). */
const scenario_hop *scenario_hop_get(const scenario *scn, size_t segment,
                                     scenario_outcome outcome, size_t from_channel);

/* 1 when `channel` is open at time_of_day_s (seconds after midnight) on weekday (0 = Monday),
 * else 0. O(windows). */
int scenario_is_open(const scenario *scn, size_t channel, unsigned weekday, double time_of_day_s);

/* Seconds of [from_s, to_s) (times of day, 0 <= from_s <= to_s <= 86400) on weekday during
 * which at least one of hours[0..n-1] is open. n may be 0 (returns 0). O(n x windows) plus a
 * sort of the window edges inside the range. */
double scenario_hours_open_s(const scenario_hours *const *hours, size_t n, unsigned weekday,
                             double from_s, double to_s);

/* Names used in the JSON file for enum values ("voice", "abandoned", ...); "?" out of range. */
const char *scenario_channel_kind_name(scenario_channel_kind kind);
const char *scenario_outcome_name(scenario_outcome outcome);
/* 1 when some channel limits its queue's entrance or exit (lines, balking, max_queue_s,
 * callback reach), so that the results carry the KPIs of those outcomes (blocked, balked,
 * timed_out, unreached); 0 otherwise, and the results are those of
 * a model without the mechanisms. O(channels). */
int scenario_uses_queue_limits(const scenario *scn);

/* The properties of a channel kind (kind < SCENARIO_CHANNEL_KIND_COUNT, asserted). O(1). */
const scenario_kind_props *scenario_channel_kind_props(scenario_channel_kind kind);

/* The properties of the kind spelt `name` in a file ("voice", ...), or NULL when no kind has
 * that name (for readers of written files, e.g. summary.json). O(kinds). */
const scenario_kind_props *scenario_channel_kind_find(const char *name);

#endif /* SCENARIO_H */
