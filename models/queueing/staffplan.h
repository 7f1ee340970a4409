/* staffplan.h -- the staffing requirement of a scenario: agents and scheduled staff per
 * interval of the week and per channel, from the Erlang formulas.
 *
 * What it is: the table planners read (and `omnisim staff` prints), and the input of the
 * shift scheduler and of the CI gate: for every channel that needs agents and every
 * interval of one Monday-based week (7 x intervals_per_day rows, the scenario's weekday and
 * intraday profiles), the offered first-contact rate (models/demand/demand.h: the very rates the
 * simulation draws from), the fewest agents meeting the channel's targets
 * (models/queueing/erlang_staff.h) with the predicted measures at that count, and the scheduled staff
 * agents / (1 - shrinkage). It is the single source of the requirement: the simulation's
 * "erlang" staffing mode (cc_staff.h), `omnisim check` and `omnisim schedule` take theirs
 * from here. What it is not: a simulation (repeat contacts enter as an analytic estimate
 * under opts.repeats, redials under Erlang X), a shift scheduler (it says what each
 * interval needs, not which shifts cover it), or per-group staffing (a channel served by
 * several groups gets one requirement).
 *
 * Methods per channel kind (docs/erlang.md, section "omnisim staff", has the reasons):
 *   voice, video   Erlang C for sl_target within sl_threshold_s; with opts.erlang_a (the
 *                  default) and a channel patience, Erlang A with that mean patience, and
 *                  redials (the channel's retrial_share) as Erlang A's stationary fixed
 *                  point (Erlang X);
 *   chat           the slot approximation (erlang_staff_chat) with the channel's concurrency
 *                  and the handle time stretched to full concurrency,
 *                  aht x (1 + stretch (concurrency - 1)), as the model's erlang mode does;
 *                  Erlang C, or A under the same rule as voice;
 *   deferred, callback  workload within the response target: the work arriving in interval
 *                  k (rate x aht x interval_s) is spread evenly over the open intervals among
 *                  s .. s + floor(response_target_s / interval_s), s the first open interval
 *                  at or after k (an item arriving while closed is due that long after the
 *                  opening), the week wrapping around; agents = ceil(work landing in the
 *                  interval / interval_s). This is a feasible fluid schedule, so an
 *                  oldest-due-first backlog with that capacity meets every such due time;
 *   self_service   no agents: left out of the table.
 * A closed interval needs 0 agents (real-time contacts arriving then never reach an agent).
 * A real-time channel with sl_target 0 gets the fewest agents with occupancy at most 1.
 * Shrinkage of a channel: the largest shrinkage of the groups that have it as a skill (0 when
 * none does): the conservative choice when groups with different shrinkage share a channel.
 *
 * Repeat load (opts.repeats). The formulas above see first contacts only; hops and redials
 * come on top in the simulation. With opts.repeats each channel's rate becomes first
 * contacts + expected repeat contacts, computed analytically per segment:
 *   - per contact entering channel c: arriving while c is closed (for first contacts the
 *     share of c's first-contact rate that arrives while closed, demand_closed_share; for
 *     repeat contacts the share of all channels' first contacts that arrive while c is
 *     closed, since a repeat follows its need's timing after a delay whatever c's hours):
 *     outcome "closed" when when_closed is "hop";
 *     otherwise, real-time: abandons with p_ab (redials into c with retrial_share, else the
 *     hop rule "abandoned"); answered (and every deferred/callback item): "unresolved" with
 *     1 - fcr_share; self-service: "self_service_failed" with 1 - resolve_share; each
 *     outcome's hop row gives the expected next contacts per channel;
 *   - generations: V_0 = the first contacts per (segment, channel), V_{n+1} = V_n times that
 *     matrix, summed for n = 1 .. max_contacts_per_need - 1 (a need stops there) or until it
 *     vanishes: the fixed point over channels;
 *   - p_ab is the Erlang A abandonment at the agents the plan sizes (load-weighted over the
 *     open intervals), so sizing and repeats are iterated together (at most 8 passes, until
 *     no repeat volume moves by 1e-6 relative);
 *   - a channel's repeat volume is spread over the week like its first contacts (like all
 *     first contacts when it has none). Not modelled: hop delays (a repeat counts in the
 *     interval shape of its channel), unanswered_in_time hops, callback offers.
 *
 * Invariants of a built plan: agents are whole numbers >= 0; staff >= agents; measures are
 * NaN where they do not apply (closed interval, workload-sized channel). Deterministic: the
 * same scenario and options give bit-identical tables.
 *
 * Ownership: staffplan_build allocates inside the caller's staffplan; staffplan_fini frees.
 */
#ifndef STAFFPLAN_H
#define STAFFPLAN_H

#include <stddef.h>

#include "scenario.h"
#include "sim_error.h"

/* How a channel is sized. */
typedef enum staffplan_method {
    STAFFPLAN_ERLANG_C = 0, /* M/M/n (chat: on concurrency x n slots) */
    STAFFPLAN_ERLANG_A,     /* M/M/n+M with the channel's patience (chat: slots) */
    STAFFPLAN_ERLANG_X,     /* Erlang A plus redials (retrial_share) as a fixed point */
    STAFFPLAN_WORKLOAD      /* deferred/callback: work within the response target */
} staffplan_method;

typedef struct staffplan_options {
    int erlang_a; /* 1 (the default): Erlang A for real-time channels with a patience, Erlang X
                     when they also have a retrial share (see the header comment);
                     0: Erlang C for every real-time channel (patience ignored) */
    int repeats;  /* 0 (the default): size first contacts only; 1: add the expected repeat
                     contacts (hops and redials) of each channel, computed analytically
                     (see "Repeat load" in the header comment) */
} staffplan_options;

/* One staffed channel. */
typedef struct staffplan_channel {
    size_t channel;            /* index in the scenario */
    char name[SCENARIO_NAME_MAX];
    scenario_channel_kind kind;
    staffplan_method method;
    size_t concurrency;        /* chat: chats per agent; 1 otherwise */
    double aht_s;              /* handle time the formulas use (chat: stretched) */
    double patience_s;         /* Erlang A/X: mean patience; 0 otherwise */
    double redial_share;       /* Erlang X: retrial share; 0 otherwise */
    double sl_target, threshold_s; /* real time: the target sized for */
    double response_target_s;  /* workload: the window the work is spread over */
    double shrinkage;          /* used for staff = agents / (1 - shrinkage) */
    /* Repeat load (opts.repeats; all 0 without it): expected contacts per week. */
    double first_per_week;     /* first contacts (the demand rates summed over the week) */
    double repeats_per_week;   /* repeat contacts entering the channel: hops and redials */
    double redials_per_week;   /* of which redials of the channel's own abandoned callers */
    double p_abandon_est;      /* P(abandon) the repeat estimate used: load-weighted mean of
                                  the Erlang A estimate at the sized agents; 0 w/o patience */
} staffplan_channel;

/* One interval of one channel. */
typedef struct staffplan_cell {
    int open;             /* 1 when the channel is open at the start of the interval */
    double rate_per_hour; /* expected first contacts per hour (demand), open or not */
    double repeat_per_hour; /* expected repeat contacts per hour sized on top of
                               rate_per_hour (opts.repeats; 0 otherwise). Under Erlang X the
                               channel's own redials are left out here (the formula adds
                               them). */
    double load;          /* offered load, Erlang (Erlang X: fresh plus redials; workload:
                             work landing in the interval / interval_s) */
    double agents;        /* required agents on duty, whole */
    double staff;         /* scheduled staff, agents / (1 - shrinkage), unrounded */
    double service_level; /* predicted at `agents` (NaN: not applicable) */
    double asa_s;         /* predicted mean wait of answered contacts, s (NaN: n/a) */
    double p_abandon;     /* predicted (0 for Erlang C; NaN: n/a) */
    double occupancy;     /* predicted share of agent time busy (NaN when no agents) */
} staffplan_cell;

typedef struct staffplan {
    double interval_s;
    size_t intervals_per_day;
    size_t n_intervals;          /* 7 * intervals_per_day; interval 0 = Monday 00:00 */
    size_t n_channels;           /* staffed channels (self_service left out) */
    staffplan_channel *channels; /* [n_channels], owned */
    staffplan_cell *cells;       /* [interval * n_channels + j], owned; use staffplan_at */
} staffplan;

/* Options at their defaults: Erlang A/X, first contacts only. The same defaults serve the
 * simulation's "erlang" staffing mode (cc_staff_erlang_default), `omnisim staff`,
 * `omnisim check` and `omnisim schedule`. */
void staffplan_options_init(staffplan_options *opts);

/* Fill plan (caller storage, overwritten) for scn. opts may be NULL (defaults). SIM_OK;
 * SIM_ENOMEM; SIM_EINVAL or SIM_ERANGE from the Erlang search with the path of the channel
 * field at fault ("channels[i].retrial.share" ...) and the channel and interval in the
 * message (a target no agent count reaches is SIM_ERANGE). On failure plan holds nothing
 * (no staffplan_fini needed, though it is harmless). Cost: intervals x channels Erlang
 * searches (O(sqrt(load)) each for Erlang C; bench_erlang times a year of 9 channels under
 * a second), plus intervals x window for workload channels. */
sim_status staffplan_build(staffplan *plan, const scenario *scn, const staffplan_options *opts,
                           sim_error *err);

/* Free what staffplan_build allocated and zero plan. NULL is a no-op. */
void staffplan_fini(staffplan *plan);

/* The cell of staffed channel j (an index into plan->channels, not a scenario channel) in
 * interval i; both asserted in range. O(1). */
const staffplan_cell *staffplan_at(const staffplan *plan, size_t interval, size_t j);

/* Index into plan->channels of scenario channel `channel`, or SCENARIO_NONE when it is not
 * staffed (self_service). O(channels). */
size_t staffplan_find(const staffplan *plan, size_t channel);

/* A plan's week in figures: per staffed channel and for all channels together. */
typedef struct staffplan_week_channel {
    double peak;        /* most agents in one interval */
    size_t peak_at;     /* first interval with the peak (0 when the peak is 0) */
    double peak_staff;  /* most scheduled staff in one interval */
    double agent_hours; /* agent hours on duty per week: sum of agents x interval_s / 3600 */
    double staff_hours; /* scheduled staff hours per week, the same way */
    double mean_open;   /* mean agents over the open intervals (0 when none is open) */
    size_t open;        /* open intervals */
} staffplan_week_channel;

typedef struct staffplan_week {
    staffplan_week_channel channels[SCENARIO_MAX_CHANNELS]; /* [plan->n_channels] */
    double agent_hours, staff_hours; /* all channels: the channels' hours summed */
    double peak;                     /* most agents of all channels at once in an interval */
    size_t peak_at;                  /* its first interval */
} staffplan_week;

/* Sum plan's week into out (overwritten). O(intervals x channels). */
void staffplan_week_sum(const staffplan *plan, staffplan_week *out);

/* Name of a method as printed and written: "erlang_c", "erlang_a", "erlang_x", "workload". */
const char *staffplan_method_name(staffplan_method m);

#endif /* STAFFPLAN_H */
