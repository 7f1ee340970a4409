/* simstaff.h -- staffing by simulation (`omnisim simstaff`): the fewest agents per interval
 * of the week for which the simulated service level meets its target with a stated
 * confidence, with hopping, retrials, abandonment and callbacks included, next to what
 * Erlang C staffs.
 *
 * What it is: a search over per-interval staffing of the groups that serve real-time
 * channels (voice, video, chat; a group may also answer callbacks, whose load it carries
 * without a per-interval constraint). Criterion, per real-time channel c of a sized group and
 * interval i of the week: the one-sided lower confidence bound at level L of the mean
 * service level over replications,
 *     LCB = mean - t_{L, n-1} s / sqrt(n) >= sl_target_c,
 * where a replication's service level in interval i is answered within the threshold over
 * (answered + abandoned) among the contacts that entered c in i (the model's counting rule;
 * the series are folded onto one week, CC_INTERVALS_WEEK). An interval where fewer than two
 * replications have such contacts puts no constraint (there is nothing to estimate).
 * Search: start every open interval at ceil(offered load) (first contacts x mean handle time
 * / concurrency, split evenly between the groups serving the channel; the fewest agents that
 * keep a queue stable) and 0 where all the group's channels are closed; then repeatedly
 * simulate with the same seed and replications (common random numbers) and add one agent
 * to every (group, interval) where some of its channels fails, until none fails. Staffing
 * only grows and more agents elsewhere never hurts an interval, so each interval ends at the
 * first count that passed: the fewest, given the others and the sample (exact when the
 * start is below the answer, which the stability bound makes so unless the target is tiny).
 * An interval whose mean service level does not rise over 5 raises in a row is marked
 * unreachable and stops growing (its contacts wait for capacity the sized groups do not
 * provide, e.g. an outsourcer's share queue).
 * Then confirmation rounds on fresh seeds: where a fresh sample fails, one more agent, until
 * a fresh sample passes everywhere; this removes the selection bias of a staffing tuned to
 * one sample's luck (at the price of some agents where the first sample was lucky).
 * Validation: the final staffing, and Erlang C's, are run again with another fresh seed; an
 * interval is "below target" when its two-sided validation interval lies entirely below the
 * target at the family-wise level (Bonferroni over the m intervals checked: each at
 * 1 - (1 - L) / m), so a staffing that meets every target is called below anywhere with
 * probability at most 1 - L. The per-interval count at level L is reported as well.
 * What it is not: shift scheduling (intervals in, shifts out) or an Erlang formula.
 */
#ifndef SIMSTAFF_H
#define SIMSTAFF_H

#include <stddef.h>
#include <stdint.h>

#include "scenario.h"
#include "scenario_load.h"
#include "sim_error.h"
#include "study.h"

typedef struct simstaff_options {
    study_options study;      /* threads, interrupt flag (intervals are set to WEEK) */
    const char *group;        /* size only this group; NULL: every group whose skills are
                                 real-time channels (and callbacks), at least one real-time */
    size_t reps;              /* search replications; 0: the scenario's */
    double level;             /* confidence L; 0: the scenario's confidence */
    size_t max_iterations;    /* 0: 200 */
    int use_seed;
    uint64_t seed;            /* search seed (default: the scenario's) */
    size_t validate_reps;     /* 0: no validation */
    uint64_t validate_seed;   /* used when validate_seed_set, else seed + 1000003 */
    int validate_seed_set;
} simstaff_options;

/* One constrained channel's per-interval figures (arrays of n_week). */
typedef struct simstaff_channel {
    size_t channel;           /* scenario channel index */
    double target;            /* sl_target */
    double *sl_mean, *sl_lcb; /* final search run (NaN: no constraint) */
    size_t *sl_n;
    double *val_mean, *val_lo, *val_hi;     /* validation of the simulated staffing */
    double *erl_mean, *erl_lo, *erl_hi;     /* validation of Erlang C's staffing */
} simstaff_channel;

typedef struct simstaff_result {
    size_t n_week, intervals_per_day;
    double interval_s;
    size_t n_groups;
    size_t groups[SCENARIO_MAX_GROUPS];  /* sized groups (indices in the scenario with the
                                            policies and sets applied) */
    char group_names[SCENARIO_MAX_GROUPS][SCENARIO_NAME_MAX];
    size_t *agents;  /* [n_groups * n_week] simulation staffing */
    size_t *erlang;  /* [n_groups * n_week] Erlang C staffing */
    size_t n_channels;
    simstaff_channel channels[SCENARIO_MAX_CHANNELS];
    unsigned days_simulated;  /* bit w set when weekday w (0 = Monday) is in the horizon;
                                 the other days keep Erlang C's staffing (not searched) */
    size_t iterations;
    int converged;   /* 0 when max_iterations ran out (agents is the last staffing tried) */
    unsigned char *unreachable; /* [n_groups * n_week]: 1 where 5 more agents in a row did
                                   not raise the mean service level (by 0.002): the target
                                   depends on something these groups cannot change, such as
                                   an outsourcer's queue; such intervals stop growing */
    size_t n_unreachable;
    size_t n_reps, validate_reps;
    double level;
    uint64_t seed, validate_seed;
    size_t confirmations;           /* fresh-seed confirmation rounds run */
    double family_level;            /* per-interval level of the validation intervals */
    size_t val_checked, val_below;  /* intervals validated / below target (family-wise) */
    size_t val_below_marginal;      /* below at the per-interval level L (information) */
    size_t erl_checked, erl_below, erl_below_marginal; /* same for Erlang C */
} simstaff_result;

void simstaff_options_default(simstaff_options *opts);

/* Agent-hours per week of a staffing (r->agents or r->erlang): agents x interval over every
 * sized group and interval of the week. */
double simstaff_agent_hours(const simstaff_result *r, const size_t *agents);

/* Search the staffing of base (borrowed; policies and sets apply first). On success *out is
 * new (free with simstaff_free), also when not converged (see the flag). Errors: SIM_EINVAL
 * (no group to size, an unknown group, a group with a non-real-time skill, an implicit group
 * in a file that also has a groups array), errors of scenario_load_derive, the Erlang sizer and
 * study_run. Cost: iterations x reps model runs, plus 2 x validate_reps. */
sim_status simstaff_run(const scenario *base, const char *const *policies, size_t n_policies,
                        const char *const *sets, size_t n_sets, const simstaff_options *opts,
                        simstaff_result **out, scenario_diag *diag, sim_error *err);

/* Derive base with the given per-interval staffing of res->groups (agents: n_groups x
 * n_week), after policies and sets. The scenario a validation runs; exposed for tests. */
sim_status simstaff_derive(const scenario *base, const simstaff_result *res,
                           const size_t *agents, const char *const *policies,
                           size_t n_policies, const char *const *sets, size_t n_sets,
                           scenario **out, scenario_diag *diag, sim_error *err);

void simstaff_free(simstaff_result *res);

#endif /* SIMSTAFF_H */
