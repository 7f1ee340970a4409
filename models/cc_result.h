/* cc_result.h -- what one replication of the contact-center model produces, and the
 * aggregation of many replications into KPIs with Student-t confidence intervals.
 *
 * What it is: plain result structs that the model (cc_model.c) fills and that the output
 * writers (issue 8), the cost model (issue 6) and policy comparison (issue 7) read. What it is
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

/* Per interval and channel: the fields of cc_rep.channel_series. Field f of channel c in
 * interval i is *sim_series_at(&rep->channel_series, i, c * CC_IV_COUNT + f), or use
 * cc_rep_iv(). Counts are numbers of contacts; *_S fields are seconds. */
typedef enum cc_iv_field {
    CC_IV_OFFERED = 0,     /* contacts that entered the channel (first, repeat, callback) */
    CC_IV_REPEAT,          /* of which repeat contacts of a need (hops and retrials) */
    CC_IV_ANSWERED,        /* reached an agent or outsourcer (self-service: session ended) */
    CC_IV_ANSWERED_WITHIN, /* answered with wait <= sl_threshold_s (real time) or response
                              <= response_target_s (deferred, callback) */
    CC_IV_OUTSOURCED,      /* of the answered, answered by an outsourcer */
    CC_IV_ABANDONED,       /* left a real-time queue before an answer */
    CC_IV_LOST,            /* arrived while the channel was closed and did not wait */
    CC_IV_TRANSFERRED,     /* voice/video callers who accepted a callback offer */
    CC_IV_UNANSWERED,      /* deferred/callback items not answered within patience */
    CC_IV_RESOLVED,        /* answered contacts that resolved their need (FCR, self-service) */
    CC_IV_WAIT_S,          /* sum of waits (response times) of answered contacts */
    CC_IV_ABANDON_WAIT_S,  /* sum of waits of abandoned contacts */
    CC_IV_WORK_S,          /* agent seconds of the answered contacts (booked at answer) */
    CC_IV_QUEUE_AREA_S,    /* integral of the queue/backlog length over the interval */
    CC_IV_BACKLOG_END,     /* contacts waiting in the channel's queue at the interval end */
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
    CC_PV_COUNT
} cc_pv_field;

/* Totals of one channel over the counted contacts of one replication. */
typedef struct cc_channel_totals {
    uint64_t offered, repeat, answered, answered_within, outsourced, abandoned, lost,
        transferred, unanswered, resolved;
    double wait_s, abandon_wait_s, work_s, queue_area_s;
    double backlog_mean;     /* time-average queue length over [warm-up, horizon] */
    double backlog_end;      /* queue length at the horizon */
    sim_histogram *waits;    /* waits (response times) of answered contacts; owned */
} cc_channel_totals;

/* Every contact of one channel, counted or not: the identity
 * arrived == handled + abandoned + lost + transferred + in_system must hold. in_system is
 * counted at the horizon by walking the queues and the busy agents, not derived. */
typedef struct cc_accounting {
    uint64_t arrived;     /* contacts that entered the channel */
    uint64_t handled;     /* service (or self-service session) completed */
    uint64_t abandoned;
    uint64_t lost;        /* closed: lost or hopped elsewhere */
    uint64_t transferred; /* accepted a callback (continues as a callback contact) */
    uint64_t in_system;   /* at the horizon: queued, in service, held for opening, in IVR */
} cc_accounting;

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
    size_t peak_agents;   /* most agents on duty at once */
} cc_pool_totals;

/* Per segment, over counted needs and contacts. */
typedef struct cc_segment_totals {
    uint64_t contacts, abandoned, answered;
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
    sim_histogram *resolution;              /* time to resolution; owned */
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

/* Check the accounting identity of every channel and of the needs. SIM_OK, or SIM_ESTATE
 * with a message naming the channel and the numbers. */
sim_status cc_rep_check(const cc_rep *rep, const scenario *scn, sim_error *err);

/* ---- KPIs ---------------------------------------------------------------------------- */

/* KPI names are dotted paths, stable for CSV/JSON columns and policy comparison:
 *   channel.<name>.<kpi>  offered, answered, service_level, asa_s, abandon_rate,
 *                         wait_p50_s, wait_p90_s, wait_p95_s, backlog_mean, occupancy,
 *                         outsourced_share, unanswered_in_time, lost_rate (closed),
 *                         transferred (accepted callbacks), resolved_share
 *   pool.<name>.<kpi>     occupancy, on_duty_hours, paid_hours, answered, work_hours
 *   segment.<name>.<kpi>  needs, resolved_share, contacts_per_resolved_need,
 *                         time_to_resolution_s, abandon_rate
 *   needs.<kpi>           created, resolved_share, given_up_share,
 *                         contacts_per_resolved_need, channels_per_need,
 *                         time_to_resolution_s, time_to_resolution_p90_s, repeat_share
 *   total.<kpi>           offered, answered, service_level, abandon_rate
 * A ratio with a zero denominator is NaN (e.g. the service level of a channel with no
 * answered contacts); aggregation skips NaN replications for that KPI. */
#define CC_KPI_NAME_MAX 128 /* bytes incl. NUL: "segment." + 63-byte name + KPI */

typedef struct cc_kpis {
    size_t n;
    char (*names)[CC_KPI_NAME_MAX]; /* [n], owned */
    double *values;    /* [n], owned */
} cc_kpis;

/* Flatten one replication into KPIs (names depend only on the scenario's names, so every
 * replication and every policy with the same channels gives the same list). SIM_OK or
 * SIM_ENOMEM. Free with cc_kpis_fini. */
sim_status cc_kpis_from_rep(cc_kpis *out, const cc_rep *rep, const scenario *scn,
                            sim_error *err);
void cc_kpis_fini(cc_kpis *k);

/* Per-interval KPIs per channel aggregated across replications (cc_summary.intervals). */
typedef enum cc_ik {
    CC_IK_OFFERED = 0,
    CC_IK_ANSWERED,
    CC_IK_ABANDONED,
    CC_IK_SERVICE_LEVEL, /* answered within / (answered + abandoned); NaN when none */
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
                              that hold it (counts and backlog per week; cc_hours_fold_count) */
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

#endif /* CC_RESULT_H */
