/* study.h -- replications of several scenario variants as KPI samples, for comparisons,
 * sweeps, roadmaps and simulation staffing (docs/policies.md).
 *
 * What it is: runs replications [first, first + n) of each variant (a derived scenario) on
 * the thread runner, flattens every replication into a named KPI vector (cc_kpis_from_rep,
 * plus the customer-effort score below, plus KPIs from an optional hook such as the cost
 * model), and appends the vectors to one sample per variant. Replications are released as
 * soon as they are flattened: memory is O(variants x replications x KPIs).
 * What it is not: a writer or a statistics package; CIs come from sim_ci.h.
 *
 * Common random numbers: replication r of every variant uses the same master seed (unless
 * seeds[] says otherwise) and the same index r, so the model's per-purpose streams give the
 * variants the same arrivals, handle times and patience as far as their differences allow.
 * Determinism: a replication's KPIs depend only on (variant, seed, r), never on the thread,
 * and samples are filled in index order, so a study gives identical numbers on any number
 * of threads. Adding replications in batches gives exactly the numbers one larger run would.
 *
 * Customer effort (docs/policies.md): per replication,
 *   effort.score = needs.contacts_per_resolved_need + (needs.channels_per_ended_need - 1)
 *                  + needs.time_to_resolution_s / 86400
 * in "contact equivalents per resolved need": one more contact, one more channel to switch
 * to, and one day of waiting for the answer each count as one unit. NaN when a part is NaN.
 */
#ifndef STUDY_H
#define STUDY_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "cc_model.h"
#include "cc_result.h"
#include "scenario.h"
#include "sim_ci.h"
#include "sim_error.h"

/* Maximum number of KPIs a hook may add per replication. */
#define STUDY_HOOK_MAX 1024

/* Adds KPIs computed from one replication (e.g. cost.total_eur from the cost model).
 * Writes up to `max` names and values and sets *n. Called concurrently from several threads
 * with distinct replications: it must not touch shared mutable state. */
typedef sim_status (*study_kpi_hook)(void *ctx, const scenario *scn, const cc_rep *rep,
                                     char (*names)[CC_KPI_NAME_MAX], double *values, size_t max,
                                     size_t *n, sim_error *err);

typedef struct study_options {
    int threads;                        /* <= 1: the calling thread */
    volatile sig_atomic_t *interrupted; /* optional: SIM_EINTR when it becomes non-zero */
    study_kpi_hook hook;                /* optional extra KPIs */
    void *hook_ctx;
    cc_interval_mode intervals;         /* passed to the model; default CC_INTERVALS_HORIZON */
    size_t max_in_system;               /* passed to the model (cc_options.max_in_system); 0:
                                           the machine's share for the tasks run at once */
    /* Optional: called after each replication of each variant with the replication itself,
     * before it is released (simulation staffing reads per-interval series here). Called
     * concurrently; write only into storage indexed by (variant, replication). */
    sim_status (*on_rep)(void *ctx, size_t variant, uint64_t replication, const cc_rep *rep,
                         sim_error *err);
    void *on_rep_ctx;
} study_options;

/* The replications of one variant: values[r * n_kpis + k] is KPI k of the r-th replication
 * run (replication index first + r of the first study_run call). NaN marks a KPI without a
 * value in that replication (a service level with no answered contacts). */
typedef struct study_sample {
    size_t n_kpis;
    char (*names)[CC_KPI_NAME_MAX]; /* [n_kpis], owned; fixed by the first replication */
    size_t n_reps, cap_reps;
    double *values;                 /* [cap_reps * n_kpis], owned */
} study_sample;

/* Options with every field at its default (one thread, no hook). */
void study_options_default(study_options *opts);

/* An empty sample. study_sample_fini frees it; safe on a zeroed sample. */
void study_sample_init(study_sample *s);
void study_sample_fini(study_sample *s);

/* Run replications first_rep .. first_rep + n_reps - 1 of every variant v < n_variants
 * (scenario variants[v], master seed seeds[v], or the scenario's own seed when seeds is NULL)
 * and append them to samples[v]. All variants of one call run as one batch of
 * n_variants x n_reps tasks on opts->threads threads. Every replication of one variant must
 * give the same KPI names (SIM_ESTATE otherwise, which a model bug would cause). Errors:
 * those of cc_model_run (the lowest failing task's), SIM_ENOMEM, SIM_EINTR; on error the
 * samples keep the replications of earlier calls only. */
sim_status study_run(study_sample *samples, const scenario *const *variants,
                     const uint64_t *seeds, size_t n_variants, uint64_t first_rep,
                     size_t n_reps, const study_options *opts, sim_error *err);

/* study_run of replications 0 .. n_reps - 1 with the one master seed `seed` for every
 * variant (common random numbers across them: a roadmap's years, a sweep's points).
 * SIM_ENOMEM, or study_run's status. */
sim_status study_run_common(study_sample *samples, const scenario *const *variants,
                            size_t n_variants, uint64_t seed, size_t n_reps,
                            const study_options *opts, sim_error *err);

/* Free variants[0 .. n - 1] (NULL entries allowed) and the array; NULL-safe. */
void study_variants_free(scenario **variants, size_t n);

/* Index of KPI `name` in s, or SIZE_MAX. O(kpis). */
size_t study_sample_find(const study_sample *s, const char *name);

/* Student-t interval of KPI k over the replications where it is not NaN. */
sim_ci study_sample_ci(const study_sample *s, size_t k, double level);

/* Student-t interval of the paired differences b[r][kb] - a[r][ka] over the replications
 * r < min(a->n_reps, b->n_reps) where both are not NaN (common random numbers: replication r
 * of a and of b share their random streams). */
sim_ci study_sample_paired_ci(const study_sample *a, size_t ka, const study_sample *b,
                              size_t kb, double level);

/* 1 when a KPI of that name is one the comparisons report (and the precision rule counts):
 * per channel the headline service level CC_KPI_SERVICE_LEVEL (channels that are not
 * self_service) and the headline abandonment CC_KPI_ABANDONMENT (voice, video and chat: the
 * channels whose customers can abandon a queue),
 * total.realtime_service_level_per_answered_abandoned, total.realtime_abandoned_per_offered,
 * needs.resolved_per_ended, needs.contacts_per_resolved_need, needs.channels_per_ended_need,
 * needs.time_to_resolution_s,
 * effort.score, and from the cost hook (models/cost/cost.h) cost.total_eur, cost.year_eur,
 * cost.per_answered_contact_eur, cost.per_resolved_need_eur, cost.people_share and
 * sla.<outsourcer>.miss_probability. */
int study_is_reported(const scenario *scn, const char *name);

/* 1 when KPI name s ends with suffix (".occupancy"). */
int study_name_ends_with(const char *s, const char *suffix);

/* 1 when the KPI is a share in [0, 1] (service levels, rates, shares): its precision target
 * is absolute; for the others it is relative to the baseline mean. */
int study_is_share(const char *name);

#endif /* STUDY_H */
