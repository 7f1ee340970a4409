/* limits_run.h -- refuse a simulation that would need absurd memory or time, before it starts.
 *
 * What it is: a cheap estimate, from a loaded scenario and the run's replication count, of
 * what a run of the contact-center model (cc_model.h) will cost -- first contacts, model
 * events, agents on duty at once, and the memory held for per-interval results -- compared
 * with documented caps (docs/ci.md, "Resource limits"). Every command that runs a scenario
 * calls limits_run_check after loading and before simulating. What it is not: the loader's
 * own per-field limits (scenario.h: SCENARIO_MAX_*, and the schema's ranges such as 100,000
 * agents per group or 1e8 contacts per day per channel), which refuse single absurd values;
 * this module refuses absurd COMBINATIONS the loader accepts field by field (24 channels of
 * 1e8 contacts a day, 64 groups of 100,000 agents, ten years of 15-minute intervals kept for
 * 100 replications).
 *
 * The estimate, per replication (docs/ci.md has the same text):
 *   first_contacts_per_day = scenario.daily_volume (needs per day in by_segment mode, the sum
 *                            of the channels' daily volumes in per_channel mode); weekday
 *                            factors have mean 1, so this is also the mean over a week;
 *   contacts    = first_contacts_per_day x horizon_days (repeat contacts come on top: hopping
 *                 adds typically 20-60 %, so this is a lower bound);
 *   events      = LIMITS_RUN_EVENTS_PER_CONTACT x contacts + one per interval and series;
 *   agents      = the largest size of every group (fixed: agents; per_interval: the largest
 *                 entry; erlang: an upper estimate 2 x peak offered load + 10 per channel it
 *                 serves) plus every outsourcer's agents;
 *   series      = intervals x (channels x CC_IV_COUNT + pools x CC_PV_COUNT) x 8 bytes, with
 *                 intervals = horizon_days x intervals_per_day (or one week when folded);
 *                 the wait histograms (CC_HIST_BYTES per channel) live only while a
 *                 replication runs (cc_rep_seal keeps their quantiles) and are not counted;
 *   memory      = replications x series (every replication's series are kept for the summary)
 *                 + the summary's per-interval intervals + agents x LIMITS_RUN_AGENT_BYTES.
 * Contacts in the system at once (queues, backlogs) are bounded by the contacts and are not
 * estimated further: they live in pools that grow only with what waits.
 *
 * Pure functions; no allocation, no printing. O(channels x intervals of a week) for erlang
 * groups, O(groups + outsourcers) otherwise.
 */
#ifndef LIMITS_RUN_H
#define LIMITS_RUN_H

#include <stddef.h>

#include "scenario.h"
#include "sim_error.h"

/* Default caps (documented in docs/ci.md). A run above any of them is refused. */
#define LIMITS_RUN_MAX_CONTACTS_PER_DAY 1.0e8 /* first contacts per day, all channels */
#define LIMITS_RUN_MAX_CONTACTS 1.0e10 /* first contacts over all replications: about three
                                          hours at the model's ~1e6 contacts/s per thread */
#define LIMITS_RUN_MAX_AGENTS 1.0e6    /* agents on duty at once, groups plus outsourcers */
#define LIMITS_RUN_MAX_MEMORY_BYTES (8.0 * 1024.0 * 1024.0 * 1024.0) /* 8 GiB */

/* Model events per first contact used by the estimate: arrival, patience timer, service end,
 * and a share of hops (measured on the shipped scenarios: 3.1 to 4.4). */
#define LIMITS_RUN_EVENTS_PER_CONTACT 4.0
/* Bytes per agent on duty (agent record, its place in the free list and the per-agent state),
 * a generous figure. */
#define LIMITS_RUN_AGENT_BYTES 128.0

typedef struct limits_run_caps {
    double max_contacts_per_day;
    double max_contacts;
    double max_agents;
    double max_memory_bytes;
} limits_run_caps;

typedef struct limits_run_estimate {
    double contacts_per_day;   /* first contacts per average day */
    double contacts_per_rep;   /* first contacts over the horizon (warm-up included) */
    double contacts_total;     /* contacts_per_rep x replications */
    double events_total;       /* model events over all replications */
    double agents;             /* agents on duty at once, at most */
    double intervals;          /* rows of the per-interval series per replication */
    double memory_bytes;       /* held at once at the end of the run */
} limits_run_estimate;

/* Fill caps with the LIMITS_RUN_MAX_* defaults. */
void limits_run_caps_default(limits_run_caps *caps);

/* Estimate what simulating scn with `replications` replications costs, with the per-interval
 * series kept for the whole horizon (folded = 0) or folded onto one week (folded = 1, `omnisim
 * run --week`). est may be NULL. Never fails; O(see the file comment). */
void limits_run_estimate_get(const scenario *scn, size_t replications, int folded,
                             limits_run_estimate *est);

/* Estimate and compare with caps (NULL: the defaults). SIM_OK when every figure is within its
 * cap; otherwise SIM_ELIMIT with err naming the scenario field to change (path) and a message
 * giving the estimate, the limit, and what to change. The first cap exceeded is reported, in
 * the order contacts per day, agents, contacts over the run, memory. est (may be NULL)
 * receives the estimate either way. */
sim_status limits_run_check(const scenario *scn, size_t replications, int folded,
                            const limits_run_caps *caps, limits_run_estimate *est,
                            sim_error *err);

#endif /* LIMITS_RUN_H */
