/* erlang.h -- Erlang B, C and A queueing formulas, exact and stable from 1 to 100,000 agents.
 *
 * What it is: the closed-form measures of the M/M/n queue (Erlang C, with Erlang B as its
 * building block) and of the M/M/n+M queue with exponential patience (Erlang A), for whole or
 * fractional agents, plus the stationary fixed point for redials (a share of abandoning
 * callers calls again). It is usable without the simulator: it needs only sim_error.h.
 * What it is not: staffing (the search for the fewest agents meeting a target lives in
 * erlang_staff.h), and not a simulation.
 *
 * Units: times in seconds, rates per second, loads in Erlang (arrival rate x handle time).
 * Method and sources are in erlang.c and docs/erlang.md. Accuracy: relative error below 1e-9
 * against a 50-digit reference (tests/data/erlang_reference.csv) for 1..100,000 agents and
 * loads up to 99,999 Erlang; results whose true value is below about 1e-300 (for example the
 * chance of waiting with 100,000 agents and a load of 1,000) are returned as 0 or a subnormal.
 * No result is ever NaN or infinite for valid input.
 *
 * All functions are pure: no state, no allocation, safe to call from any thread.
 */
#ifndef ERLANG_H
#define ERLANG_H

#include "sim_error.h"

/* Largest number of agents (or chat slots) any call accepts; beyond it the search for
 * staffing gives up with SIM_ERANGE rather than loop for minutes. */
#define ERLANG_MAX_AGENTS 1.0e7

/* One queue at one moment: the inputs of every Erlang measure. Fill every field; use
 * erlang_queue_init for the defaults. */
typedef struct erlang_queue {
    double arrival_rate; /* fresh contacts per second, > 0 */
    double aht_s;        /* mean handle time, seconds, > 0 */
    double patience_s;   /* mean patience, seconds: 0 = nobody abandons (Erlang C), > 0 =
                            exponential patience (Erlang A) */
    double agents;       /* agents n, > 0, may be fractional (continuous extension) */
    double threshold_s;  /* service-level threshold t, seconds, >= 0 */
    double redial_share; /* share of abandoning callers who call again, in [0, 1); needs
                            patience_s > 0. Solved as a stationary fixed point. */
} erlang_queue;

/* The measures of one queue. With redials, every rate and probability refers to all
 * arrivals (fresh plus redials). */
typedef struct erlang_result {
    double agents;                 /* n as evaluated */
    double arrival_rate;           /* arrivals per second, fresh plus redials */
    double offered_load;           /* arrival_rate * aht_s, Erlang */
    double erlang_b;               /* Erlang B blocking B(n, offered_load) */
    double p_wait;                 /* P(an arrival must wait at all) */
    double p_abandon;              /* P(an arrival abandons); 0 for Erlang C */
    double service_level;          /* P(answered and waited <= threshold) over all arrivals;
                                      an abandoned contact never counts as met */
    double service_level_answered; /* P(waited <= threshold | answered) */
    double asa_s;                  /* mean wait of answered contacts (ASA), seconds */
    double mean_wait_s;            /* mean wait of all arrivals (abandoners until they leave) */
    double wait_if_delayed_s;      /* mean wait of those who wait */
    double occupancy;              /* answered load / agents: share of agent time busy */
} erlang_result;

/* Set q to: no abandonment, no redials, threshold 20 s, and the other fields 0 (which are
 * invalid until the caller fills them). */
void erlang_queue_init(erlang_queue *q);

/* Erlang B blocking probability B(agents, load) of the M/M/n/n loss system, for real
 * agents > 0 (continuous extension B = load^n e^-load / Gamma(n + 1, load)) and load > 0.
 * Writes *out. Errors: SIM_EINVAL naming "agents" or "load". Cost: O(1) plus one incomplete
 * gamma (GSL) or one continued fraction of O(sqrt(load)) steps. */
sim_status erlang_b(double agents, double load, double *out, sim_error *err);

/* Natural log of Erlang B, for systems where B itself underflows (very many idle agents).
 * Same arguments, errors and cost as erlang_b. */
sim_status erlang_b_ln(double agents, double load, double *out, sim_error *err);

/* Erlang C: the probability that an arrival must wait in M/M/n, for real agents > load > 0.
 * Errors: SIM_EINVAL naming "agents" (also when agents <= load: unstable without
 * abandonment) or "load". Cost as erlang_b. */
sim_status erlang_c(double agents, double load, double *out, sim_error *err);

/* Every measure of q (Erlang C when q->patience_s == 0, Erlang A otherwise) into *out.
 * Errors: SIM_EINVAL naming the erlang_queue field at fault (for example "agents" when
 * agents <= offered load without patience); SIM_ENOCONV if a GSL routine or the redial fixed
 * point fails (not expected for valid input). *out is written only on success.
 * Cost: Erlang C O(1) as erlang_b; Erlang A adds a positive series of
 * O(min(sqrt(x + y), 40 / (1 - y / x))) terms, x = agents * patience / aht and
 * y = rate * patience, and up to two incomplete gammas; redials multiply that by the
 * root-finder iterations (typically 10-30). */
sim_status erlang_eval(const erlang_queue *q, erlang_result *out, sim_error *err);

/* Check q as erlang_eval would, without computing anything. For callers (staffing) that
 * validate once and then evaluate many agent counts. */
sim_status erlang_queue_check(const erlang_queue *q, sim_error *err);

#endif /* ERLANG_H */
