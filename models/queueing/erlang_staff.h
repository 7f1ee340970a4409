/* erlang_staff.h -- staffing from the Erlang formulas: the fewest agents that meet targets.
 *
 * What it is: searches over the agent count of erlang.h's queues for the fewest whole (or
 * fractional) agents meeting a service level, an average speed of answer, an abandonment
 * rate and an occupancy cap, alone or together; turns agents into scheduled staff through
 * shrinkage; does it per interval for a day/week/year profile; and staffs chat with an
 * agent handling several chats at once. What it is not: shift scheduling (agents per
 * interval in, shifts out) or simulation-based staffing.
 *
 * Every measure used here is monotone in the number of agents (more agents: higher service
 * level, lower ASA, abandonment and occupancy), so "fewest agents" is well defined and a
 * search that brackets it is exact: the answer n meets every target and n - 1 does not.
 *
 * Units as in erlang.h: seconds, contacts per second. Pure functions, no allocation except
 * a GSL root solver inside the fractional search; thread-safe.
 */
#ifndef ERLANG_STAFF_H
#define ERLANG_STAFF_H

#include <stddef.h>

#include "erlang.h"
#include "sim_error.h"

/* What must hold. A field at 0 means "no such target"; at least one target must be set.
 * The service-level threshold is the queue's threshold_s. */
typedef struct erlang_target {
    double service_level; /* share of all arrivals answered within threshold_s, in [0, 1]
                             (NEN 8878: 15 s); with patience, abandoned never counts as met */
    double max_asa_s;     /* mean wait of answered contacts at most this, seconds, >= 0 */
    double max_abandon;   /* P(abandon) at most this, in [0, 1] (ignored without patience,
                             where it is always met) */
    double max_occupancy; /* share of agent time busy at most this, in [0, 1] */
    double shrinkage;     /* share of paid time not available (breaks, training, absence),
                             in [0, 1): scheduled staff = agents / (1 - shrinkage) */
} erlang_target;

/* The answer of a staffing search. */
typedef struct erlang_staffing {
    double agents;    /* fewest agents meeting every target (whole or fractional) */
    double staff;     /* scheduled staff: agents / (1 - shrinkage), not rounded */
    erlang_result at; /* every measure at `agents` */
} erlang_staffing;

/* All targets off and no shrinkage. */
void erlang_staff_target_init(erlang_target *t);

/* 1 when r meets every target set in t, else 0. */
int erlang_staff_is_met(const erlang_result *r, const erlang_target *t);

/* Fewest whole agents for queue q (q->agents is ignored) meeting every target in t.
 * Errors: SIM_EINVAL naming the field of q or t at fault ("target" when none is set);
 * SIM_ERANGE when no count up to ERLANG_MAX_AGENTS meets the targets (say a service level
 * of 1 with threshold 0); SIM_ENOCONV as erlang_eval. Cost: Erlang C steps the Erlang B
 * recursion from the first stable count, O(sqrt(load)) cheap steps; Erlang A (and
 * redials) brackets and bisects, O(log load) calls of erlang_eval. */
sim_status erlang_staff_solve(const erlang_queue *q, const erlang_target *t,
                              erlang_staffing *out, sim_error *err);

/* Fewest fractional agents (the continuous extension of the formulas in n, to within 1e-9
 * agents), for planners who blend queues: rounding each up separately overstaffs. The answer
 * lies in (whole - 1, whole] where whole is erlang_staff_solve's answer. Same errors; also
 * SIM_ENOMEM if the GSL root solver cannot be allocated. Cost: erlang_staff_solve plus about
 * 10-40 evaluations per active target (GSL Brent). */
sim_status erlang_staff_solve_fractional(const erlang_queue *q, const erlang_target *t,
                                         erlang_staffing *out, sim_error *err);

/* Per-interval staffing: for each i < count, the fewest whole agents for q with
 * arrival_rate[i] (contacts per second; q->arrival_rate is ignored) into agents_out[i], and
 * scheduled staff into staff_out[i] when staff_out is not NULL. An interval with rate 0
 * (closed, or no demand) gets 0 agents. The arrays are the caller's (borrowed); nothing is
 * allocated. Errors: as erlang_staff_solve, with the path "arrival_rate[i]" for a negative or
 * non-finite rate and the interval's index in the message for a failed search; on error the
 * outputs from index i on are unspecified. Cost: count x erlang_staff_solve. */
sim_status erlang_staff_profile(const erlang_queue *q, const double *arrival_rate, size_t count,
                                const erlang_target *t, double *agents_out, double *staff_out,
                                sim_error *err);

/* Chat staffing by the slot approximation (docs/erlang.md): an agent who handles up to
 * `concurrency` chats at once counts as that many servers, and q->aht_s is the mean duration
 * of one chat as handled at that concurrency (longer than a chat handled alone). Finds the
 * fewest slots meeting t, then agents = ceil(slots / concurrency); out->at holds the
 * measures with agents x concurrency slots. Errors: as erlang_staff_solve, and SIM_EINVAL
 * naming "concurrency" unless 1 <= concurrency <= 100. */
sim_status erlang_staff_chat(const erlang_queue *q, unsigned concurrency, const erlang_target *t,
                             erlang_staffing *out, sim_error *err);

#endif /* ERLANG_STAFF_H */
