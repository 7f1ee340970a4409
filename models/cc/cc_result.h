/* cc_result.h -- what one replication of the contact-center model produces, and the
 * aggregation of many replications into KPIs with Student-t confidence intervals.
 *
 * What it is: plain result structs that the model (cc_model.c) fills and that the output
 * writers (output/), the cost model (models/cost) and the studies (models/study) read. What it is
 * not: model state; nothing here refers back to the simulation once a replication is done.
 *
 * Three levels, each documented field by field below:
 *   cc_rep      one replication: per-interval series per channel and per server pool,
 *               per-channel / per-pool / per-segment totals, need (omnichannel) KPIs, the
 *               accounting of every contact, and engine figures;
 *   cc_kpis     one replication flattened into a named KPI vector (cc_kpi_*), the unit that
 *               is compared across replications and policies;
 *   cc_summary  R replications: the R x K matrix of KPI values (kept, so paired differences
 *               under common random numbers can be formed), a CI per KPI, and per-interval
 *               CIs per channel.
 *
 * Counting rules (docs/model.md has the full text):
 *   - a contact is "counted" when it enters its channel at or after the warm-up; KPIs use
 *     counted contacts only, the accounting (cc_accounting) uses every contact;
 *   - per-interval values are booked in the interval in which the contact entered the
 *     channel (so an interval's service level describes that interval's demand), except
 *     time integrals (queue area, agent time) which are booked when the time passes;
 *   - waits of deferred and callback items are response times (from entry to the start of
 *     the answer, closed hours included); for real-time channels, from queue entry.
 *
 * Ownership: cc_rep_init allocates, cc_rep_fini frees; a cc_summary from cc_summary_new is
 * freed with cc_summary_free. Nothing is shared between replications.
 */
#ifndef CC_RESULT_H
#define CC_RESULT_H

#include <stddef.h>
#include <stdint.h>

#include "scenario.h"
#include "sim_buf.h"
#include "sim_ci.h"
#include "sim_env.h"
#include "sim_error.h"
#include "sim_histogram.h"
#include "sim_series.h"
#include "sim_tally.h"

/* Wait and resolution-time histograms of a replication (sim_histogram.h): zeros exact, 1 ms
 * resolution, 2^-8 (0.39%) relative precision, 39 octaves (1 ms x 2^39 = 17 years, past the
 * longest horizon): CC_HIST_BYTES (78 KiB) each, one per channel and one for the needs,
 * independent of the number of contacts, and only while the replication runs (cc_rep_seal).
 * 2^-5 (3%) was too coarse for a published percentile; 2^-10 would cost 312 KiB each. */
#define CC_HIST_RESOLUTION_S 0.001
#define CC_HIST_SUB_BITS 8
#define CC_HIST_OCTAVES 39
#define CC_HIST_BYTES ((3.0 + (double)(CC_HIST_OCTAVES << CC_HIST_SUB_BITS)) * 8.0)

/* Per interval and channel: the fields of cc_rep.channel_series. Field f of channel c in
 * interval i is *sim_series_at(&rep->channel_series, i, c * CC_IV_COUNT + f), or use
 * cc_rep_iv(). Counts are numbers of contacts; *_S fields are seconds. */
typedef enum cc_iv_field {
    CC_IV_ARRIVED = 0,     /* contacts that entered the channel (first, repeat, callback),
                              open or closed */
    CC_IV_REPEAT,          /* of which repeat contacts of a need (hops and retrials) */
    CC_IV_ANSWERED,        /* reached an agent or outsourcer (self-service: session ended) */
    CC_IV_ANSWERED_WITHIN, /* answered with wait <= sl_threshold_s (real time) or response
                              <= response_target_s (deferred, callback) */
    CC_IV_OUTSOURCED,      /* of the answered, answered by an outsourcer */
    CC_IV_ABANDONED,       /* left a real-time queue before an answer */
    CC_IV_LOST_CLOSED,     /* arrived while the channel was closed and did not wait (lost or
                              hopped): not offered */
    CC_IV_TRANSFERRED,     /* voice/video callers who accepted a callback offer */
    CC_IV_UNANSWERED,      /* deferred/callback items not answered within patience */
    CC_IV_RESOLVED,        /* service or session ended and resolved the need (FCR,
                              self-service) */
    CC_IV_WAIT_S,          /* sum of waits (response times) of answered contacts */
    CC_IV_ABANDON_WAIT_S,  /* sum of waits of abandoned contacts */
    CC_IV_WORK_S,          /* agent seconds of the answered contacts (booked at answer) */
    CC_IV_QUEUE_AREA_S,    /* integral of the queue/backlog length over the interval */
    CC_IV_BACKLOG_END,     /* contacts waiting in the channel's queue at the interval end */
    CC_IV_ABANDONED_WITHIN, /* of the abandoned, left with a wait <= sl_threshold_s */
    CC_IV_UNRESOLVED,      /* service or session ended without resolving the need */
    CC_IV_LOST_CLOSED_REPEAT, /* of the lost while closed, repeat contacts (hops, retrials) */
    CC_IV_BLOCKED,         /* voice/video callers refused because every line was busy */
    CC_IV_BALKED,          /* real-time contacts that had to wait and left at once */
    CC_IV_TIMED_OUT,       /* real-time contacts that left the queue at max_queue_s */
    CC_IV_UNREACHED,       /* callback items whose every attempt failed (channels[].reach) */
    CC_IV_FAILED_ATTEMPTS, /* failed callback attempts (not contacts) */
    CC_IV_WRAP_S,          /* after-call work seconds of the answered contacts (booked at
                              answer, as CC_IV_WORK_S, which is talk time only) */
    CC_IV_TRANSFERRED_ON,  /* service ended and passed on to another channel
                              (channels[].transfer): handled, neither resolved nor not */
    CC_IV_TRANSFER_IN,     /* of the arrived, transfers from another channel's agents */
    CC_IV_CONFERENCED,     /* of the transferred on, as a conference (both agents held) */
    CC_IV_COUNT
} cc_iv_field;

/* Per interval and server pool: the fields of cc_rep.pool_series (same layout rule). */
typedef enum cc_pv_field {
    CC_PV_ON_DUTY_S = 0, /* agent seconds on duty (present, incl. finishing work) */
    CC_PV_BUSY_S,        /* agent seconds busy (a chat agent holding m of k chats: m/k) */
    CC_PV_TARGET_END,    /* agents the staffing asked for at the interval end */
    CC_PV_ANSWERED,      /* contacts this pool answered (booked at the contact's entry) */
    CC_PV_ANSWERED_WITHIN, /* of those, within the channel's target (as CC_IV_ANSWERED_WITHIN) */
    CC_PV_ABANDONED,     /* outsourcer pools only: abandoned from its own (share) queue */
    CC_PV_WORK_S,        /* handle seconds of the contacts it answered */
    CC_PV_ANSWERED_WITHIN_SLA, /* answered within the pool's own threshold: an outsourcer's
                                  sla.threshold_s (on the channel's wait: queue wait for real
                                  time, response time for deferred and callback); the
                                  channel's target for in-house pools (= ANSWERED_WITHIN) */
    CC_PV_OVERTIME_S,    /* agent seconds past the end of duty serving the queue left at a
                            closing (channels[].at_close "serve"); part of ON_DUTY_S */
    CC_PV_WRAP_S,        /* after-call work seconds of the contacts it answered (WORK_S is
                            their talk time); both are in BUSY_S */
    CC_PV_DIALS,         /* outbound dials its agents started (scenario_outbound) */
    CC_PV_CONNECTS,      /* of them answered: machine, wrong party or right party */
    CC_PV_RIGHT_PARTY,   /* of them reached the right party (a contact) */
    CC_PV_OUTBOUND_S,    /* agent seconds of those dials (dial, talk, wrap-up), booked at
                            the dial; in BUSY_S */
    CC_PV_COUNT
} cc_pv_field;

/* Totals of one channel over the counted contacts of one replication (the cc_iv_field
 * counts summed over the intervals). Every counted contact is in exactly one of lost_closed,
 * blocked, balked, timed_out, unreached, abandoned, transferred, resolved + unresolved +
 * transferred_on (handled) or still open at the horizon, so open at the horizon = arrived -
 * lost_closed - blocked - balked - timed_out - unreached - abandoned - transferred - resolved
 * - unresolved - transferred_on (cc_rep_check refuses a negative one). */
typedef struct cc_channel_totals {
    uint64_t arrived, repeat, answered, answered_within, outsourced, abandoned, lost_closed,
        transferred, unanswered, resolved, abandoned_within, unresolved;
    uint64_t lost_closed_repeat; /* of lost_closed, repeat contacts of a need */
    uint64_t blocked;            /* offered but refused at the entrance: every line busy */
    uint64_t balked;             /* offered, had to wait and left at once (balking) */
    uint64_t timed_out;          /* offered, left the queue at max_queue_s */
    uint64_t unreached;          /* offered callback items whose every attempt failed */
    uint64_t failed_attempts;    /* failed callback attempts of its contacts (not contacts) */
    double wait_s, abandon_wait_s, work_s, queue_area_s;
    double wrap_s;           /* after-call work of the answered (work_s is talk time) */
    uint64_t transferred_on; /* handled and passed on to another channel (transfer) */
    uint64_t transfer_in;    /* of arrived, transfers from another channel */
    uint64_t conferenced;    /* of transferred_on, made as a conference */
    double backlog_mean;     /* time-average queue length over [warm-up, horizon] */
    double backlog_end;      /* queue length at the horizon */
    sim_histogram *waits;    /* waits (response times) of answered contacts while the
                                replication runs; owned; freed by cc_rep_seal (NULL after) */
    double wait_p50_s, wait_p90_s, wait_p95_s, wait_max_s; /* from waits, set by
                                cc_rep_seal; NaN when nothing was answered */
} cc_channel_totals;

/* Every contact of one channel, counted or not: the identity
 * arrived == handled + abandoned + lost + transferred + blocked + balked + timed_out +
 * unreached + in_system must hold. in_system is
 * counted at the horizon by walking the queues and the busy agents, not derived. */
typedef struct cc_accounting {
    uint64_t arrived;     /* contacts that entered the channel */
    uint64_t handled;     /* service (or self-service session) completed */
    uint64_t abandoned;
    uint64_t lost_closed; /* arrived while closed and did not wait: lost or hopped */
    uint64_t transferred; /* accepted a callback (continues as a callback contact) */
    uint64_t blocked;     /* found every line busy (channels[].lines) */
    uint64_t balked;      /* had to wait and left at once (channels[].balking) */
    uint64_t timed_out;   /* left the queue at max_queue_s (then a message, a callback, or
                             gone) */
    uint64_t unreached;   /* callback items whose every attempt failed (channels[].reach) */
    uint64_t in_system;   /* at the horizon: queued, in service, held for opening, in IVR */
} cc_accounting;

/* An outbound campaign's records and dials over the whole run (scenario_outbound): every
 * record joined is closed (right party, wrong party, attempts used up), waiting (fresh or for
 * a retry) or in a dial at the horizon; every dial ends in exactly one outcome, drawn as it
 * starts. */
typedef struct cc_outbound_accounting {
    uint64_t records, dials;
    uint64_t no_answer, machine, wrong_party, right_party;
    uint64_t exhausted;    /* records closed after their last unanswered attempt */
    uint64_t waiting;      /* at the horizon: fresh + waiting for a retry */
    uint64_t dialing;      /* at the horizon: in a dial or its right-party talk */
} cc_outbound_accounting;

/* A server pool: an in-house group (siloed), the unified desk, or an outsourcer. */
typedef struct cc_pool_totals {
    char name[SCENARIO_NAME_MAX];
    int is_outsourcer;
    size_t source;        /* index of the scenario group or outsourcer; SCENARIO_NONE for the
                             unified desk (which pools every group) */
    double on_duty_s;     /* agent seconds on duty over [warm-up, horizon] */
    double busy_s;
    double paid_s;        /* on_duty_s / (1 - shrinkage) (size-weighted for the desk) */
    double occupancy;     /* busy_s / on_duty_s, 0 when never on duty */
    uint64_t answered, answered_within, abandoned;
    uint64_t answered_within_sla; /* within the pool's own threshold (CC_PV_ANSWERED_WITHIN_SLA) */
    double work_s;
    double wrap_s;        /* after-call work seconds of the contacts it answered */
    double dials, connects, right_party, outbound_s; /* outbound campaign (CC_PV_DIALS..) */
    double overtime_s;    /* agent seconds past the end of duty (CC_PV_OVERTIME_S), within
                             on_duty_s and so within paid_s */
    size_t peak_agents;   /* most agents on duty at once */
} cc_pool_totals;

/* Per segment, over counted needs and contacts. */
typedef struct cc_segment_totals {
    uint64_t contacts, abandoned, answered;
    uint64_t realtime_arrived;     /* contacts in real-time channels (voice, video, chat) */
    uint64_t realtime_lost_closed; /* of those, arrived while closed and did not wait */
    uint64_t needs, resolved, given_up;
    double contacts_of_resolved; /* sum over resolved needs of their contacts */
    double resolution_s;         /* sum over resolved needs of the time to resolution */
} cc_segment_totals;

/* The omnichannel KPIs: needs (customer questions) tracked across their contacts. A need is
 * counted when created at or after the warm-up. It ends when no contact of it is in the
 * system and no repeat contact is pending; it is resolved if any contact resolved it. */
typedef struct cc_need_totals {
    uint64_t created, resolved, given_up, open_end;
    uint64_t given_up_max_contacts;         /* gave up because max_contacts_per_need hit */
    uint64_t hops[SCENARIO_OUTCOME_COUNT];  /* repeat contacts scheduled, by outcome (some
                                               may be due after the horizon) */
    uint64_t give_ups[SCENARIO_OUTCOME_COUNT]; /* branches given up, by outcome */
    uint64_t retrials;                      /* redials after abandonment (same channel) */
    uint64_t hops_cancelled;                /* pending repeat dropped: need already resolved */
    double contacts_of_resolved;            /* sum over resolved needs */
    double channels_of_ended;               /* sum over ended needs of distinct channels */
    uint64_t ended;                         /* resolved + given up */
    double resolution_s;                    /* sum over resolved needs */
    sim_histogram *resolution;              /* time to resolution while the replication
                                               runs; owned; freed by cc_rep_seal */
    double resolution_p90_s;                /* from resolution, set by cc_rep_seal */
    uint64_t flow[SCENARIO_MAX_CHANNELS][SCENARIO_MAX_CHANNELS]; /* repeat contacts from ->
                                               to channel (where hopping goes) */
} cc_need_totals;

/* One replication. */
typedef struct cc_rep {
    uint64_t replication;
    size_t n_channels, n_segments, n_pools;
    double interval_s;
    size_t n_intervals;        /* rows of the series (horizon, or one week when folded) */
    int folded;                /* 1: series folded onto a Monday-based week (see cc_model.h) */
    double stats_start_s, stats_end_s; /* [warm-up, horizon] */
    sim_series channel_series; /* n_intervals x (n_channels * CC_IV_COUNT) */
    sim_series pool_series;    /* n_intervals x (n_pools * CC_PV_COUNT) */
    cc_channel_totals *channels;   /* [n_channels] */
    cc_accounting *accounting;     /* [n_channels] */
    cc_outbound_accounting outbound; /* scenario_outbound; all zero without a campaign */
    cc_pool_totals *pools;         /* [n_pools] */
    cc_segment_totals *segments;   /* [n_segments] */
    cc_need_totals needs;
    /* Engine figures. */
    uint64_t model_events;     /* handlers of the model that ran */
    size_t peak_contacts;      /* most contact records alive at once */
    size_t peak_needs;
    size_t pool_bytes;         /* bytes held by the entity pools at the end */
    sim_env_stats env;
} cc_rep;

/* Allocate the series, totals and histograms of a replication (all zero). SIM_OK or
 * SIM_ENOMEM (nothing left allocated). */
sim_status cc_rep_init(cc_rep *rep, size_t n_channels, size_t n_segments, size_t n_pools,
                       double interval_s, size_t n_intervals, sim_error *err);
/* Free what cc_rep_init allocated; safe on a zeroed or already finalised rep. */
void cc_rep_fini(cc_rep *rep);
/* Store the quantiles the KPIs publish (wait_p50_s ..., resolution_p90_s) and free the
 * histograms, so that a replication kept for the summary holds no histogram: 78 KiB per
 * channel live only while a replication runs (cc_model_run seals what it returns).
 * Idempotent. O(channels x histogram buckets). */
void cc_rep_seal(cc_rep *rep);

/* Append rep (shapes, series, totals, histograms) to b, for the MPI exchange of
 * replications (sim_mpi.h). */
void cc_rep_pack(const cc_rep *rep, sim_buf *b);
/* Rebuild a replication written by cc_rep_pack into rep (zeroed or finalised on entry; it is
 * initialised here and must be released with cc_rep_fini). SIM_OK, SIM_ENOMEM, or SIM_EIO
 * when the buffer is short or malformed. */
sim_status cc_rep_unpack(cc_rep *rep, sim_buf_reader *r, sim_error *err);

/* Pointer to field f of channel c in interval i. */
double *cc_rep_iv(const cc_rep *rep, size_t interval, size_t channel, cc_iv_field f);
/* Pointer to field f of pool p in interval i. */
double *cc_rep_pv(const cc_rep *rep, size_t interval, size_t pool, cc_pv_field f);

/* The totals of a replication whose series are complete: channel and pool totals summed over
 * the intervals, the mean backlog over [stats_start_s, stats_end_s], occupancy, and paid time
 * on_duty_s / (1 - shrinkage[p]) for each pool p (shrinkage[0..n_pools-1]: the pool's
 * shrinkage, 0 for outsourcers). Called once, by the model at the horizon. O(intervals x
 * (channels + pools)). */
void cc_rep_total(cc_rep *r, const double *shrinkage);

/* Check the accounting identity of every channel and of the needs. SIM_OK, or SIM_ESTATE
 * with a message naming the channel and the numbers. */
sim_status cc_rep_check(const cc_rep *rep, const scenario *scn, sim_error *err);

/* ---- KPIs ---------------------------------------------------------------------------- */

/* KPI names are dotted paths, stable for CSV/JSON columns and policy comparison:
 *   channel.<channel>.<kpi>, pool.<pool>.<kpi>, segment.<segment>.<kpi>, needs.<kpi>,
 *   total.<kpi>
 * and the per-interval columns of intervals.csv. Every KPI has one definition, written once
 * in the table cc_kpis_defs() returns (name, unit, interval scale, definition; docs/outputs.md
 * repeats it), and a ratio is named for what it divides by (abandoned_per_offered). The
 * terms, for the counted contacts of one channel (cc_channel_totals):
 *   arrived        contacts that entered the channel after the warm-up, open or closed;
 *   lost_closed    of those, arrived while closed and did not wait (when_closed lost, hop);
 *   offered        arrived - lost_closed: taken in while open, or held or backlogged through
 *                  closed hours (when_closed wait) to be served at the opening;
 *   open_at_horizon of the offered, still queued, held, in service or in self-service at the
 *                  horizon: neither answered-and-ended nor abandoned nor transferred;
 *   handled        service (or self-service session) ended: resolved + unresolved, + passed
 *                  on to another channel (transferred_on) with channels[].transfer.
 * A ratio with a zero denominator is NaN, and so is a KPI that does not exist for the
 * channel's kind (abandonment outside real time, a service level of self-service);
 * aggregation skips NaN replications for that KPI. */
#define CC_KPI_NAME_MAX 128 /* bytes incl. NUL: "segment." + 63-byte name + KPI */

/* The headline service level: the one compared with a channel's sl_target in report.html,
 * the service-level chart and the check gate's defaults. Answered within the threshold over
 * answered + abandoned: contacts still open at the horizon (their outcome is unknown) and
 * callback transfers (counted in the callback channel) are out; it is the Erlang model's
 * share of arrivals answered within the threshold, which the "erlang" staffing targets. */
#define CC_KPI_SERVICE_LEVEL "service_level_per_answered_abandoned"
/* The headline abandonment of a channel. */
#define CC_KPI_ABANDONMENT "abandoned_per_offered"

/* Where a KPI belongs: the first part of its name. */
typedef enum cc_kpi_family {
    CC_KPI_CHANNEL = 0, /* channel.<channel>.<kpi> (channels.csv columns) */
    CC_KPI_POOL,        /* pool.<pool>.<kpi> */
    CC_KPI_SEGMENT,     /* segment.<segment>.<kpi> (segments.csv columns) */
    CC_KPI_NEEDS,       /* needs.<kpi> */
    CC_KPI_TOTAL,       /* total.<kpi> */
    CC_KPI_INTERVAL     /* a column of intervals.csv (cc_summary.intervals, cc_ik order) */
} cc_kpi_family;

/* One KPI of the table. */
typedef struct cc_kpi_def {
    cc_kpi_family family;
    const char *kpi;        /* last part of the name, e.g. "abandoned_per_offered" */
    const char *unit;       /* "contacts", "share", "s", "hours", "needs", "agents" ... */
    sim_ci_scale scale;     /* how its confidence interval is built (sim_ci.h) */
    const char *definition; /* what it counts or divides, in words */
    const char *label;      /* its name as a reader knows it ("abandonment rate"), for
                               reports and charts; the unit and the channel are not in it */
} cc_kpi_def;

/* The KPI table, every family, in output order; *n gets its length. Static storage. */
const cc_kpi_def *cc_kpis_defs(size_t *n);
/* The table row of a full KPI name (channel.phone.offered, needs.created, or an
 * intervals.csv column with family CC_KPI_INTERVAL); NULL for a name this module does not
 * produce (cost.*, effort.*). O(table). */
const cc_kpi_def *cc_kpis_def_of(const char *name, cc_kpi_family family);
/* Whether scenario scn publishes KPI d: 1 for every KPI but those of a mechanism scn does
 * not use (after-call work: channel talk_s_per_answered and wrap_up_s_per_answered, pool
 * wrap_up_hours, only when some channel has wrap_up), so that a scenario without the
 * mechanism gives exactly the files it gave before. O(optional KPIs x channels). */
int cc_kpis_shown(const cc_kpi_def *d, const scenario *scn);
/* The interval scale of a full KPI name: its table row's, SIM_CI_LINEAR when it has none. */
sim_ci_scale cc_kpis_scale_of(const char *name);

typedef struct cc_kpis {
    size_t n;
    char (*names)[CC_KPI_NAME_MAX]; /* [n], owned */
    double *values;    /* [n], owned */
} cc_kpis;

/* Flatten one replication into KPIs (names depend only on the scenario's names and on the
 * mechanisms it uses (cc_kpis_shown), so every replication and every policy with the same
 * channels and mechanisms gives the same list). SIM_OK or
 * SIM_ENOMEM. Free with cc_kpis_fini. */
sim_status cc_kpis_from_rep(cc_kpis *out, const cc_rep *rep, const scenario *scn,
                            sim_error *err);
void cc_kpis_fini(cc_kpis *k);

/* Per-interval KPIs per channel aggregated across replications (cc_summary.intervals), in
 * the order of the table's CC_KPI_INTERVAL rows (their names are the intervals.csv columns).
 * Counts are booked in the interval the contact entered the channel. */
typedef enum cc_ik {
    CC_IK_OFFERED = 0,   /* arrived - lost_closed */
    CC_IK_LOST_CLOSED,
    CC_IK_ANSWERED,
    CC_IK_ABANDONED,
    CC_IK_SERVICE_LEVEL, /* the headline (CC_KPI_SERVICE_LEVEL); NaN when no denominator */
    CC_IK_ASA_S,         /* mean wait (response time) of answered; NaN when none */
    CC_IK_OCCUPANCY,     /* of the channel's primary pool; NaN when nobody on duty */
    CC_IK_BACKLOG_END,
    CC_IK_COUNT
} cc_ik;

/* R replications summarised. */
typedef struct cc_summary {
    size_t n_reps;
    double level;          /* confidence level of every interval */
    size_t n_kpis;
    char (*names)[CC_KPI_NAME_MAX];     /* [n_kpis], owned */
    double *values;        /* [n_reps * n_kpis], replication-major: values[r * n_kpis + k] */
    sim_ci *ci;            /* [n_kpis]; over the non-NaN replications of each KPI */
    size_t n_intervals, n_channels;
    double interval_s;
    int folded;            /* 1: rows of a Monday-based week, each the mean over the weeks
                              that hold it (counts and backlog per week; hours_fold_count) */
    sim_ci *intervals;     /* [(i * n_channels + c) * CC_IK_COUNT + k] */
} cc_summary;

/* A KPI vector of one replication: cc_kpis_from_rep, or another (cost_kpis_from_rep). */
typedef sim_status (*cc_kpis_fn)(cc_kpis *out, const cc_rep *rep, const scenario *scn,
                                 sim_error *err);

/* A summary of the vectors kpis(reps[r]) for r < n: the R x K matrix and a CI per KPI at
 * `level`, without per-interval CIs (intervals NULL, n_intervals 0). NULL with err set when
 * out of memory or when replications give KPI lists of different lengths. Free with
 * cc_summary_free. */
cc_summary *cc_summary_new_kpis(const cc_rep *reps, size_t n, const scenario *scn,
                                double level, cc_kpis_fn kpis, sim_error *err);

/* Build a summary from reps[0..n-1] (all of the same scenario) at confidence `level`.
 * NULL with err set when out of memory or when the replications disagree in shape. The
 * caller frees it with cc_summary_free. O(n * (kpis + intervals * channels)). */
cc_summary *cc_summary_new(const cc_rep *reps, size_t n, const scenario *scn, double level,
                           sim_error *err);
void cc_summary_free(cc_summary *s);
/* Index of the KPI called `name`, or SIZE_MAX. O(kpis). */
size_t cc_summary_find(const cc_summary *s, const char *name);

/* Warn after a run when a channel loses contacts to its closed hours: `omnisim validate`
 * warns about the first contacts a day shape puts into closed hours (demand.h), but
 * repeat contacts (hops, retrials) are timed by their delays and can land in closed hours
 * whatever the shape. The threshold is a share of the arrived contacts. */
#define CC_SUMMARY_WARN_LOST_SHARE 0.01
/* When channel c's when_closed is "lost" or "hop" (turned away while closed) and its mean
 * lost_closed_per_arrived is at least
 * CC_SUMMARY_WARN_LOST_SHARE, write the warning (without a "warning: " prefix) into buf and
 * return 1: the share, the contacts per replication and how many of them were repeat
 * contacts. Otherwise return 0 and leave buf empty. */
int cc_summary_lost_warning(const cc_summary *s, const scenario *scn, size_t c, char *buf,
                            size_t n);

#endif /* CC_RESULT_H */
