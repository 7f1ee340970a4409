/* roadmap.h -- a multi-year roadmap as one scenario variant per year (`omnisim roadmap`).
 *
 * What it is: the year arithmetic of a scenario's roadmap (segment shares drift, channel
 * preferences shift toward digital, demand grows, policies switch on), turned into ordinary
 * overrides ("PATH=VALUE") of the base scenario and derived through scenario_load_derive, so every
 * year passes the one validator; and a run of all years with common random numbers.
 * What it is not: a cost model (costs of a year come from the KPI hook, e.g. the cost model
 * reading the year's `year` and `costs.cloud.migration_year`) or a writer.
 *
 * Year arithmetic, for year Y >= the scenario's `year` (Y0), applying t = Y - Y0 yearly
 * steps to the base values (t = 0 is the scenario as written, and gets no value overrides):
 *   1. segment shares: s_i <- max(0, s_i + drift_i), then divided by their sum;
 *   2. each preference shift, in file order, for each segment it names (or every segment):
 *      F = sum of the segment's preference over the `from` channels,
 *      pref_c <- pref_c (1 - share_per_year)          for c in from,
 *      pref_c <- pref_c + share_per_year F to_c       for the receiving channels;
 *      (the sum stays 1: what leaves `from` arrives at `to`);
 *   3. demand: by_segment: daily_volume <- daily_volume (1 + volume_growth_per_year);
 *      per_channel: daily_volume_c <- daily_volume_c (1 + volume_growth)(1 + growth_c),
 *      and after the t steps each channel's volume is further multiplied by
 *      mix_c(Y) / mix_c(Y0), mix_c = sum_i s_i pref_{i,c} (the channel's expected share of
 *      first contacts), so preference drift moves per_channel volumes too (a channel with
 *      mix_c(Y0) = 0 keeps its grown volume).
 * Policies: every roadmap step with step.year <= Y, in step order; the readiness stage is the
 * last non-empty stage among them ("" before the first). The year variant also sets
 * `year` = Y (the cost model prices the year, e.g. cloud from its migration year) and removes
 * the roadmap block (already applied). Overrides the caller passes come after the policies
 * and the year's values (the loader's order: policies, then sets in order).
 */
#ifndef ROADMAP_H
#define ROADMAP_H

#include <stddef.h>
#include <stdint.h>

#include "scenario.h"
#include "scenario_load.h"
#include "sim_error.h"
#include "study.h"

#define ROADMAP_MAX_YEARS 51

/* The inputs of one roadmap year (before simulation). */
typedef struct roadmap_year {
    int year;
    int t;                          /* years after the scenario's year */
    double daily_volume;            /* by_segment: needs/day; per_channel: sum over channels */
    double channel_volume[SCENARIO_MAX_CHANNELS]; /* per_channel: first contacts/day;
                                       by_segment: daily_volume x mix_c (expected) */
    double channel_mix[SCENARIO_MAX_CHANNELS];    /* expected share of first contacts */
    double segment_share[SCENARIO_MAX_SEGMENTS];
    double preference[SCENARIO_MAX_SEGMENTS][SCENARIO_MAX_CHANNELS];
    size_t n_policies;
    char policies[SCENARIO_MAX_ROADMAP_STEPS][SCENARIO_NAME_MAX];
    char stage[SCENARIO_NAME_MAX];  /* single|multiple|cross|omni or "" */
} roadmap_year;

typedef struct roadmap_options {
    study_options study;
    size_t reps;          /* 0: the scenario's replications */
    int use_seed;
    uint64_t seed;
    int erlang_staffing;  /* 1: every explicit group is sized by Erlang each year
                             ("groups.NAME.staffing=erlang"), so staff follows demand */
} roadmap_options;

typedef struct roadmap_result {
    size_t n_years;
    roadmap_year *years;   /* [n_years] */
    study_sample *samples; /* [n_years] */
    size_t n_reps;
    double level;
    uint64_t seed;
} roadmap_result;

void roadmap_options_default(roadmap_options *opts);

/* The arithmetic above for `year`. SIM_EINVAL when year < base->year or the shares drift to
 * nothing. Pure; O(years x (segments x channels x shifts)). */
sim_status roadmap_year_compute(const scenario *base, int year, roadmap_year *out,
                                sim_error *err);

/* The overrides that make year y's variant, as n new strings in *sets (free each and the
 * array with sim_free, or with roadmap_sets_free). erlang_staffing as in the options. */
sim_status roadmap_year_sets(const scenario *base, const roadmap_year *y, int erlang_staffing,
                             char ***sets, size_t *n, sim_error *err);
void roadmap_sets_free(char **sets, size_t n);

/* Derive year y's scenario: its policies then (extra sets, then the year's values)...
 * precisely: policies = y's policies after `policies`, sets = the year's sets then `sets`. */
sim_status roadmap_year_derive(const scenario *base, const roadmap_year *y,
                               const char *const *policies, size_t n_policies,
                               const char *const *sets, size_t n_sets, int erlang_staffing,
                               scenario **out, scenario_diag *diag, sim_error *err);

/* Run years first..last (inclusive, at most ROADMAP_MAX_YEARS) with the same seed and
 * replications. On success *out is new (free with roadmap_free). */
sim_status roadmap_run(const scenario *base, int first, int last, const char *const *policies,
                       size_t n_policies, const char *const *sets, size_t n_sets,
                       const roadmap_options *opts, roadmap_result **out, scenario_diag *diag,
                       sim_error *err);

void roadmap_free(roadmap_result *res);

/* What the roadmap's result files show of a year, beside its KPIs. */

/* Expected voice share of year y's first contacts: channel_mix summed over base's voice
 * channels. */
double roadmap_expected_voice_share(const scenario *base, const roadmap_year *y);

/* Simulated share of the offered contacts (first and repeat) that voice channels offered:
 * per replication of s, the channel.<c>.offered of base's voice channels over
 * total.offered (replications without offered contacts left out), as an interval at level.
 * n 0 and NaN when s has no total.offered. */
sim_ci roadmap_voice_share_ci(const scenario *base, const study_sample *s, double level);

/* 1 when KPI `name` is a column of roadmap.csv: the reported ones (study_is_reported), the
 * volumes (total.offered, total.answered, needs.created, needs.repeat_per_arrived,
 * channel.<c>.offered), occupancy per channel and pool, paid and on-duty hours per pool,
 * and the cost lines (cost.line.*, cost.channel.*, cost.people_eur). */
int roadmap_is_column(const scenario *base, const char *name);

/* roadmap.csv's KPI columns: the KPIs of roadmap_is_column over every year, in the order
 * they first appear. On SIM_OK *cols is a new array of *n names (sim_free). */
sim_status roadmap_columns(const scenario *base, const roadmap_result *res,
                           char (**cols)[CC_KPI_NAME_MAX], size_t *n, sim_error *err);

/* Paid hours of year y over every pool (the means of pool.<p>.paid_hours summed). */
double roadmap_paid_hours(const roadmap_result *res, size_t y);

#endif /* ROADMAP_H */
