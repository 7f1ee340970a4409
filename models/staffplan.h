/* staffplan.h -- the staffing requirement of a scenario: agents and scheduled staff per
 * interval of the week and per channel, from the Erlang formulas.
 *
 * What it is: the table planners read (and `omnisim staff` prints), and the input of the
 * shift scheduler and of the CI gate: for every channel that needs agents and every
 * interval of one Monday-based week (7 x intervals_per_day rows, the scenario's weekday and
 * intraday profiles), the offered first-contact rate (models/cc_demand.h: the very rates the
 * simulation draws from), the fewest agents meeting the channel's targets
 * (models/erlang_staff.h) with the predicted measures at that count, and the scheduled staff
 * agents / (1 - shrinkage). What it is not: a simulation (hops and the other repeat contacts
 * are not in the rates, except redials under the Erlang A option), a shift scheduler (it says
 * what each interval needs, not which shifts cover it), or per-group staffing (a channel
 * served by several groups gets one requirement).
 *
 * Methods per channel kind (docs/erlang.md, section "omnisim staff", has the reasons):
 *   voice, video   Erlang C for sl_target within sl_threshold_s; with opts.erlang_a and a
 *                  channel patience, Erlang A with that mean patience, and redials (the
 *                  channel's retrial_share) as Erlang A's stationary fixed point;
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
 * *   self_service   no agents: left out of the table.
 * A closed interval needs 0 agents (real-time contacts arriving then never reach an agent).
 * A real-time channel with sl_target 0 gets the fewest agents with occupancy at most 1.
 * Shrinkage of a channel: the largest shrinkage of the groups that have it as a skill (0 when
 * none does): the conservative choice when groups with different shrinkage share a channel.
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
    int erlang_a; /* 0: Erlang C for every real-time channel (patience ignored);
                     1: Erlang A for real-time channels with a patience, Erlang X when they
                     also have a retrial share (see the header comment) */
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
} staffplan_channel;

/* One interval of one channel. */
typedef struct staffplan_cell {
    int open;             /* 1 when the channel is open at the start of the interval */
    double rate_per_hour; /* expected first contacts per hour (cc_demand), open or not */
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

/* Options at their defaults (Erlang C). */
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

/* Name of a method as printed and written: "erlang_c", "erlang_a", "erlang_x", "workload". */
const char *staffplan_method_name(staffplan_method m);

#endif /* STAFFPLAN_H */
