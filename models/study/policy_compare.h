/* policy_compare.h -- a baseline and policies run with common random numbers, with paired
 * confidence intervals and sequential sampling to a requested precision (`omnisim compare`).
 *
 * What it is: derives one scenario per variant (the baseline, and each policy spec applied to
 * it) through scenario_load_derive, so every variant passes the one validator; runs replications
 * 0..n-1 of every variant with the same master seed (study.h: common random numbers); and for
 * every reported KPI (study_is_reported) gives the baseline's interval, the policy's interval
 * and the interval of the per-replication difference policy - baseline, with whether that
 * difference is significant at the scenario's confidence level. A policy with no changes
 * gives a difference of exactly zero in every replication.
 * What it is not: a writer (the command writes compare.csv / compare.json).
 *
 * Policy specs: "NAME" applies the file's policy NAME; "A+B" applies A then B (a combined
 * rollout). Extra overrides (sets) apply to every variant, the baseline included. Every
 * variant then drops the file's policy list and roadmap (applied already; the loader would
 * otherwise check every other policy against the variant).
 *
 * Precision on demand (precision > 0): after the first batch, while some counted interval is
 * wider than its target and fewer than max_reps replications ran, another batch runs:
 *   target half-width = precision                    for shares (study_is_share: service
 *                                                      levels, rates, shares), absolute;
 *                     = precision x |baseline mean|  for the other KPIs (relative), or
 *                       precision when that mean is 0;
 *   counted intervals = the paired differences of every policy and, unless diff_only, the
 *                       baseline's and every policy's own interval; an interval with fewer
 *                       than two non-NaN replications is not counted (it has no width).
 * The next total is the largest n x (half-width / target)^2 over the unmet intervals, at
 * least n + max(2, n / 4) and at most 2n and max_reps. It depends only on the data, never on
 * the thread count, and batches append replications n, n + 1, ...: the result equals one run
 * with the final number of replications. (Stopping on the data makes the final intervals a
 * little optimistic; docs/policies.md says how to check with a fresh seed.)
 */
#ifndef POLICY_COMPARE_H
#define POLICY_COMPARE_H

#include <stddef.h>
#include <stdint.h>

#include "scenario.h"
#include "scenario_load.h"
#include "sim_ci.h"
#include "sim_error.h"
#include "study.h"

#define POLICY_COMPARE_SPEC_MAX 256 /* bytes of a policy spec incl. NUL */

typedef struct policy_compare_options {
    study_options study;  /* threads, interrupt flag, KPI hook */
    size_t reps;          /* first batch; 0 = the scenario's replications */
    double precision;     /* target half-width (see above); 0 = fixed replications */
    size_t max_reps;      /* cap with precision; 0 = 100 x the first batch, at most
                             SCENARIO_MAX_REPLICATIONS */
    int diff_only;        /* 1: only the paired differences count for precision */
    int independent;      /* 1: each variant gets its own master seed (no common random
                             numbers): only to show what CRN buys */
    int use_seed;         /* 1: seed below instead of the scenario's */
    uint64_t seed;
} policy_compare_options;

/* One reported KPI of one policy. */
typedef struct policy_compare_row {
    size_t policy;                 /* 1..n_policies (variant index; 0 is the baseline) */
    char kpi[CC_KPI_NAME_MAX];
    sim_ci baseline;               /* the baseline's interval */
    sim_ci value;                  /* the policy's interval */
    sim_ci diff;                   /* paired difference policy - baseline */
    int significant;               /* 1 when diff excludes 0 at the level */
    double target_half_width;      /* precision target (NaN without precision) */
    int counted;                   /* 1 when it counted for the precision rule */
} policy_compare_row;

typedef struct policy_compare_result {
    size_t n_variants;             /* 1 + policies */
    char (*variants)[POLICY_COMPARE_SPEC_MAX]; /* [n_variants]: "baseline", then specs */
    study_sample *samples;         /* [n_variants], replications 0..n_reps-1 */
    size_t n_reps;
    double level;                  /* confidence level (the scenario's) */
    uint64_t seed;                 /* master seed used (the baseline's when independent) */
    int precision_requested;
    int precision_met;             /* 1 when every counted interval met its target */
    size_t n_rounds;               /* batches run */
    size_t n_rows;
    policy_compare_row *rows;      /* [n_rows], policies in order, KPIs in model order */
} policy_compare_result;

/* Defaults: scenario's replications and seed, no precision, one thread. */
void policy_compare_options_default(policy_compare_options *opts);

/* Compare base (borrowed) with each of specs[0..n_specs-1]; sets (n_sets "PATH=VALUE"
 * strings, may be 0) apply to every variant. On success *out is a new result (free with
 * policy_compare_free). Errors: SIM_EINVAL with diag/err naming the policy or override at
 * fault (an unknown policy name, a variant the validator refuses), errors of study_run.
 * Cost: variants x replications model runs. */
sim_status policy_compare_run(const scenario *base, const char *const *specs, size_t n_specs,
                              const char *const *sets, size_t n_sets,
                              const policy_compare_options *opts, policy_compare_result **out,
                              scenario_diag *diag, sim_error *err);

void policy_compare_free(policy_compare_result *res);

/* Derive the variant for one spec ("" or NULL: the baseline) with the sets applied. Shared
 * with the sweep and roadmap code paths' tests. Same contract as scenario_load_derive. */
sim_status policy_compare_derive(const scenario *base, const char *spec,
                                 const char *const *sets, size_t n_sets, scenario **out,
                                 scenario_diag *diag, sim_error *err);

#endif /* POLICY_COMPARE_H */
