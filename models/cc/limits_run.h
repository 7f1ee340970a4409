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
 * Contacts in the system at once (queues, backlogs) are estimated by limits_run_backlog, a
 * fluid model interval by interval over the horizon, per channel:
 *   backlog(k+1) = max(0, backlog(k) + arrivals(k) - capacity(k)),
 *   arrivals(k)  = first contacts of the interval (demand_rates_week, the day factor's mean 1;
 *                  without those lost or hopping while closed; repeat contacts not counted),
 *   capacity(k)  = sum over the groups that serve the channel (skill or overflow) and the
 *                  outsourcers that serve it of agents(k) x concurrency x interval_s / (mean
 *                  handle time x the smallest segment factor), in an interval where the channel
 *                  is open at some moment (or always, for a real-time queue served at closing);
 *                  a group staffed by erlang or schedule is taken as unbounded capacity;
 *   a channel whose waiting customers abandon (voice, chat, video with patience) holds at
 *                  most arrival rate x mean patience (x the largest segment factor) waiting.
 * Every simplification makes the estimate smaller than the real queue (shared agents counted
 * in full for every channel, no hops, no overdispersion), so a refused scenario really
 * overloads; one that passes may still overload on a bad day, which the model's cap on
 * contacts in the system (cc_options.max_in_system) stops during the run.
 *
 * Pure functions, no printing; limits_run_backlog allocates two tables of a week's intervals.
 * O(channels x intervals of a week) for erlang groups, O(groups + outsourcers) otherwise;
 * limits_run_backlog O(channels x (intervals of the horizon + intervals of a week x groups)).
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
/* Bytes per contact in the system at once: the contact and its need in their pools (measured
 * about 160 bytes on tiny-mmn overloaded without patience) plus a pending patience event
 * (16-byte calendar entry and 32-byte slot, arrays that grow by doubling), a generous figure. */
#define LIMITS_RUN_CONTACT_BYTES 320.0
/* Share of the machine's memory (physical, or the address-space limit when lower) that the
 * default cap on contacts in the system lets the replications running at once use. */
#define LIMITS_RUN_MEMORY_SHARE 0.5
/* The default cap never goes below this many contacts (a machine whose memory sysconf cannot
 * tell). */
#define LIMITS_RUN_MIN_IN_SYSTEM 100000.0

typedef struct limits_run_caps {
    double max_contacts_per_day;
    double max_contacts;
    double max_agents;
    double max_memory_bytes;
    double max_in_system; /* contacts in the system at once in one replication */
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

/* The fluid estimate of contacts in the system (limits_run_backlog). */
typedef struct limits_run_backlog_est {
    double peak;          /* contacts waiting at once over every channel, at its largest */
    size_t peak_interval; /* interval of the horizon (0 = the first day's 00:00) where it is
                             reached */
    size_t channel;       /* the channel holding the most of it, SCENARIO_NONE when peak is 0 */
    double channel_backlog; /* that channel's backlog then */
    size_t first_over;    /* first interval where that channel's arrivals exceed its capacity */
} limits_run_backlog_est;

/* Fill caps with the LIMITS_RUN_MAX_* defaults and max_in_system with
 * limits_run_in_system_default(1). */
void limits_run_caps_default(limits_run_caps *caps);

/* The default cap on contacts in the system per replication when `concurrent` replications
 * run at once (0 counts as 1): LIMITS_RUN_MEMORY_SHARE of the smaller of the physical memory
 * (sysconf) and the address-space limit (RLIMIT_AS), divided by LIMITS_RUN_CONTACT_BYTES and
 * by `concurrent`, at least LIMITS_RUN_MIN_IN_SYSTEM. Reads the machine; never fails. */
size_t limits_run_in_system_default(size_t concurrent);

/* The fluid estimate of contacts in the system over scn's horizon (see the file comment)
 * into est. SIM_OK, or SIM_ENOMEM (two week tables). */
sim_status limits_run_backlog(const scenario *scn, limits_run_backlog_est *est, sim_error *err);

/* Estimate what simulating scn with `replications` replications costs, with the per-interval
 * series kept for the whole horizon (folded = 0) or folded onto one week (folded = 1, `omnisim
 * run --week`). est may be NULL. Never fails; O(see the file comment). */
void limits_run_estimate_get(const scenario *scn, size_t replications, int folded,
                             limits_run_estimate *est);

/* Estimate and compare with caps (NULL: the defaults). SIM_OK when every figure is within its
 * cap; otherwise SIM_ELIMIT with err naming the scenario field to change (path) and a message
 * giving the estimate, the limit, and what to change. The first cap exceeded is reported, in
 * the order contacts per day, agents, contacts over the run, memory, contacts in the system
 * (the fluid backlog above max_in_system: the message names the channel, the interval where
 * it peaks and the expected backlog). est (may be NULL) receives the estimate either way.
 * SIM_ENOMEM when the backlog estimate cannot allocate its tables. */
sim_status limits_run_check(const scenario *scn, size_t replications, int folded,
                            const limits_run_caps *caps, limits_run_estimate *est,
                            sim_error *err);

#endif /* LIMITS_RUN_H */
