/* check.h -- the regression gate's library: snapshots of a scenario's results, tolerances, and
 * the comparison of a snapshot with a baseline (`omnisim check`, docs/ci.md).
 *
 * What it is: a snapshot holds what the gate watches -- the Erlang staffing requirement per
 * channel and interval of the week (deterministic), and a chosen set of KPI means from a
 * fixed-seed simulation (cc_summary). check_compare lines up a baseline snapshot and a current
 * one value by value, applies the tolerance whose pattern matches each value's name, and
 * returns every value that moved, sorted worst first. What it is not: the baseline file
 * format (check_baseline.h), a simulation runner or a printer; it never prints or exits.
 *
 * Value names (what tolerance patterns match):
 *   staff.<channel>.<day>.<HH:MM>   agents on duty required in that interval of the week
 *                                   (day: mon..sun; HH:MM the interval's start)
 *   staff.<channel>                 a staffed channel as a whole (present or missing)
 *   staff.interval_s                the staffing interval (a change makes rows incomparable)
 *   <KPI name>                      a cc_summary KPI name (cc_result.h), e.g.
 *                                   channel.phone.abandoned_per_offered,
 *                                   needs.contacts_per_resolved_need
 * A pattern matches a name when it matches as a glob (fnmatch: '*', '?', '[...]'; '*' also
 * crosses dots) or when it is a prefix of the name ending at a dot: "staff" matches every
 * staffing value, "channel.phone" every KPI of phone. When several tolerances match, the one
 * added last wins, so user tolerances (added after the defaults) override them.
 *
 * A tolerance allows |current - baseline| <= max(abs, rel x |baseline|) (either part may be
 * absent, i.e. 0). A NaN KPI (a ratio with no denominator) equals only NaN.
 *
 * Ownership: snapshots and reports are caller storage initialised by *_init and released by
 * *_fini; everything they point to is owned by them.
 */
#ifndef CHECK_H
#define CHECK_H

#include <stddef.h>
#include <stdint.h>

#include "cc_model.h"
#include "cc_result.h"
#include "scenario.h"
#include "sim_error.h"

#define CHECK_NAME_MAX 160       /* bytes incl. NUL of a value name */
#define CHECK_PATTERN_MAX 128    /* bytes incl. NUL of a tolerance or KPI pattern */
#define CHECK_MAX_TOLERANCES 64

/* ---- Tolerances ------------------------------------------------------------------------ */

typedef struct check_tolerance {
    char pattern[CHECK_PATTERN_MAX];
    double abs; /* allowed absolute change, >= 0 */
    double rel; /* allowed change relative to |baseline|, >= 0 */
} check_tolerance;

typedef struct check_tolerances {
    size_t n;
    check_tolerance items[CHECK_MAX_TOLERANCES];
} check_tolerances;

/* The documented defaults (docs/ci.md), in this order (later wins):
 *   *                                 rel:0.05   (any KPI chosen with --kpi)
 *   staff                             abs:0      (Erlang staffing is deterministic)
 *   channel.*.service_level_per_answered_abandoned  abs:0.02  (CC_KPI_SERVICE_LEVEL)
 *   channel.*.abandoned_per_offered   abs:0.01  (CC_KPI_ABANDONMENT)
 *   channel.*.occupancy               abs:0.02
 *   channel.*.asa_s                   rel:0.1,abs:2
 *   needs.contacts_per_resolved_need  rel:0.02 */
void check_tolerances_default(check_tolerances *tols);

/* Add a tolerance given as "PATTERN=SPEC", SPEC one of "abs:X", "rel:X", "abs:X,rel:Y" (either
 * order) or "exact" (abs:0), X finite and >= 0. SIM_OK; SIM_EINVAL with a message saying what
 * was expected; SIM_ELIMIT beyond CHECK_MAX_TOLERANCES. */
sim_status check_tolerances_add(check_tolerances *tols, const char *text, sim_error *err);

/* The tolerance that applies to `name` (the last one matching), or NULL. O(tolerances). */
const check_tolerance *check_tolerances_find(const check_tolerances *tols, const char *name);

/* "abs:0.02", "rel:0.1,abs:2", "exact" into buf (size n). Returns buf. */
char *check_tolerance_format(const check_tolerance *tol, char *buf, size_t n);

/* 1 when pattern matches name by the rule in the file comment, else 0. */
int check_name_matches(const char *pattern, const char *name);

/* ---- Snapshots ------------------------------------------------------------------------- */

typedef struct check_snapshot {
    char scenario[SCENARIO_NAME_MAX];
    uint64_t seed;
    size_t replications;     /* of the simulation; 0 when the snapshot has no KPIs */
    int repeats;             /* 1: staffing includes the expected repeat contacts
                                (cc_staff_erlang_repeats; baseline method "erlang+repeats") */
    double interval_s;       /* staffing interval */
    size_t intervals_per_day;
    size_t n_channels;       /* staffed channels (self-service needs no agents: left out) */
    char (*channels)[SCENARIO_NAME_MAX];  /* [n_channels], owned */
    double *staff;           /* [n_channels * 7 * intervals_per_day], Monday first, owned */
    size_t n_kpis;
    char (*kpi_names)[CC_KPI_NAME_MAX];   /* [n_kpis], owned */
    double *kpis;            /* [n_kpis] KPI means; NaN when undefined; owned */
} check_snapshot;

/* An empty snapshot. */
void check_snapshot_init(check_snapshot *snap);
/* Free what the snapshot owns; it is empty again. NULL is a no-op. */
void check_snapshot_fini(check_snapshot *snap);

/* Fill snap's scenario name and staffing for scn: for every channel that needs agents, the
 * agents each interval of the week requires, from `sizer` (NULL: cc_staff_erlang_default, the
 * sizer of the model's "erlang" staffing mode, so the gate watches what runs use). SIM_OK,
 * SIM_ENOMEM, or the sizer's error (SIM_EINVAL / SIM_ERANGE naming the channel). */
sim_status check_snapshot_staff(check_snapshot *snap, const scenario *scn,
                                cc_erlang_sizer sizer, sim_error *err);

/* Copy into snap the means of the KPIs of sum whose names match any of patterns[0..n-1]
 * (check_name_matches), in the summary's order; records seed and replications. SIM_OK or
 * SIM_ENOMEM. Patterns NULL/0: the default set (check_kpi_default_patterns). */
sim_status check_snapshot_kpis(check_snapshot *snap, const cc_summary *sum, uint64_t seed,
                               const char *const *patterns, size_t n_patterns, sim_error *err);

/* The default KPI patterns (NULL-terminated, static): per channel the headline service level
 * (CC_KPI_SERVICE_LEVEL), asa_s, the headline abandonment (CC_KPI_ABANDONMENT), occupancy,
 * and needs.contacts_per_resolved_need. */
const char *const *check_kpi_default_patterns(void);

/* ---- Comparison ------------------------------------------------------------------------ */

typedef enum check_status {
    CHECK_WITHIN = 0, /* moved, within its tolerance */
    CHECK_DRIFT,      /* moved beyond its tolerance */
    CHECK_MISSING,    /* in the baseline, not in the current results (drift) */
    CHECK_ADDED       /* a staffed channel not in the baseline (drift) */
} check_status;

typedef struct check_entry {
    char name[CHECK_NAME_MAX];
    check_status status;
    double base, current;  /* NaN when absent or undefined */
    double delta;          /* current - base */
    double allowed;        /* the absolute change the tolerance allowed here */
    double excess;         /* |delta| / allowed: > 1 is drift; INFINITY when allowed is 0 or
                              a value is missing or only one side is NaN */
    check_tolerance tol;   /* the tolerance applied (pattern "" when none matched: exact) */
    size_t seq;            /* order of comparison (channel, Monday first; then KPIs): the
                              last sort key, so equal moves read chronologically */
} check_entry;

typedef struct check_report {
    size_t n_compared;     /* values compared */
    size_t n_moved;        /* entries (moved values, within tolerance or not) */
    size_t n_drift;        /* entries with status != CHECK_WITHIN */
    int kpis_skipped;      /* 1 when the baseline has KPIs and the current snapshot has none */
    check_entry *entries;  /* [n_moved], drift first, then by excess descending, then by
                              size of the change, then in order of comparison */
    size_t capacity;       /* private */
} check_report;

void check_report_init(check_report *rep);
void check_report_fini(check_report *rep);

/* Compare cur with base under tols (NULL: the defaults) into rep (initialised). Staffing is
 * compared channel by channel (a channel present on one side only is one entry); KPIs are
 * those of the baseline (a KPI the current run lacks is CHECK_MISSING; KPIs only in the
 * current run are not compared); when cur has no KPIs they are skipped (rep->kpis_skipped).
 * SIM_OK or SIM_ENOMEM. O(values x tolerances + KPIs^2 + moved log moved). */
sim_status check_compare(const check_snapshot *base, const check_snapshot *cur,
                         const check_tolerances *tols, check_report *rep, sim_error *err);

#endif /* CHECK_H */
