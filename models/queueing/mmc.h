/* mmc.h -- the built-in M/M/c(+M) queue: Poisson arrivals, c identical agents, exponential
 * handle times, optional exponential patience, FIFO.
 *
 * The smallest real model on the kernel: the reference for Erlang C / Erlang A checks, the
 * `omnisim bench` workload and `omnisim run --mmc`. Each replication simulates arrivals on
 * [0, horizon_s), then lets the system drain (no new arrivals) so that every contact that
 * arrived has an outcome; KPIs count contacts that arrived in [warmup_s, horizon_s).
 * Memory is bounded by the contacts in the system at once (pooled), never by the horizon.
 */
#ifndef MMC_H
#define MMC_H

#include <stddef.h>
#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "sim_calendar.h"
#include "sim_env.h"
#include "sim_error.h"

/* Random stream purposes of this model (one stream each, see sim_rng.h). */
enum { MMC_STREAM_ARRIVALS, MMC_STREAM_SERVICE, MMC_STREAM_PATIENCE, MMC_STREAM_COUNT };

typedef struct mmc_params {
    double arrival_rate_per_s; /* > 0 */
    double mean_service_s;     /* > 0 */
    size_t agents;             /* >= 1 */
    double mean_patience_s;    /* > 0; 0 means infinite patience (M/M/c, no abandonment) */
    double horizon_s;          /* arrivals stop here; > warmup_s */
    double warmup_s;           /* contacts arriving before this are not counted; >= 0 */
    double threshold_s;        /* service-level threshold, >= 0 */
    uint64_t seed;             /* master seed */
    const sim_calendar_type *calendar; /* NULL: heap */
    const gsl_rng_type *rng;           /* NULL: xoshiro256++ */
} mmc_params;

typedef struct mmc_result {
    /* Counts over contacts that arrived in [warmup_s, horizon_s). */
    uint64_t arrivals;
    uint64_t answered;
    uint64_t abandoned;
    uint64_t waited;          /* found every agent busy on arrival */
    uint64_t answered_within; /* answered with wait <= threshold_s */
    uint64_t waited_within;   /* left the queue (answered or abandoned) within threshold_s */
    double wait_sum_answered; /* seconds */
    double wait_sum_all;      /* seconds waited by every contact, abandoned ones included */
    /* KPIs derived from the counts. */
    double p_wait;
    double p_abandon;
    double service_level;          /* answered within threshold / arrivals */
    double service_level_answered; /* answered within threshold / answered */
    double asa_s;                  /* mean wait of answered contacts */
    double mean_wait_all_s;        /* mean wait over all arrivals */
    double occupancy;              /* time-average busy agents / agents over [warmup, horizon) */
    double mean_queue_length;      /* time-average waiting contacts over [warmup, horizon) */
    /* Engine figures over the whole run. */
    uint64_t model_events; /* arrivals + service completions + abandonments */
    size_t peak_in_system; /* most waiting contacts at once (only they hold a record) */
    sim_env_stats env;
} mmc_result;

/* Fill p with the reference model of ../shared/bench (lambda 10/min, AHT 3 min, 35 agents,
 * mean patience 2 min, threshold 20 s, horizon 100,000 min, warm-up 100 min, seed 1). */
void mmc_params_default(mmc_params *p);

/* Check every parameter; the message names the field. */
sim_status mmc_validate(const mmc_params *p, sim_error *err);

/* Simulate replication `replication` of p. SIM_OK, or SIM_ENOMEM / SIM_EINVAL with err. */
sim_status mmc_run(const mmc_params *p, uint64_t replication, mmc_result *out, sim_error *err);

/* Run replications 0..n-1 on `threads` threads into out[0..n-1] (byte-identical for any
 * thread count). */
sim_status mmc_run_replications(const mmc_params *p, size_t n, int threads, mmc_result *out,
                                sim_error *err);

#endif /* MMC_H */
