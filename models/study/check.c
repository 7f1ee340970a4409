/* check.c -- see check.h. */
#define _POSIX_C_SOURCE 200809L /* fnmatch */
#include "check.h"

#include <errno.h>
#include <fnmatch.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc_staff.h"
#include "sim_alloc.h"

static const char *const check_day_names[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

/* ---- Tolerances ------------------------------------------------------------------------ */

static void check_tol_set(check_tolerance *t, const char *pattern, double abs_tol,
                          double rel_tol)
{
    snprintf(t->pattern, sizeof t->pattern, "%s", pattern);
    t->abs = abs_tol;
    t->rel = rel_tol;
}

void check_tolerances_default(check_tolerances *tols)
{
    tols->n = 0;
    check_tol_set(&tols->items[tols->n++], "*", 0.0, 0.05);
    check_tol_set(&tols->items[tols->n++], "staff", 0.0, 0.0);
    check_tol_set(&tols->items[tols->n++], "channel.*." CC_KPI_SERVICE_LEVEL, 0.02, 0.0);
    check_tol_set(&tols->items[tols->n++], "channel.*." CC_KPI_ABANDONMENT, 0.01, 0.0);
    check_tol_set(&tols->items[tols->n++], "channel.*.occupancy", 0.02, 0.0);
    check_tol_set(&tols->items[tols->n++], "channel.*.asa_s", 2.0, 0.1);
    check_tol_set(&tols->items[tols->n++], "needs.contacts_per_resolved_need", 0.0, 0.02);
}

/* Parse one "abs:X" or "rel:X" part of length len. Returns 1 and sets *which ('a' or 'r') and
 * *value, or 0. */
static int check_parse_part(const char *s, size_t len, char *which, double *value)
{
    if (len < 5 || s[3] != ':' || (strncmp(s, "abs", 3) != 0 && strncmp(s, "rel", 3) != 0))
        return 0;
    char num[64];
    if (len - 4 >= sizeof num)
        return 0;
    memcpy(num, s + 4, len - 4);
    num[len - 4] = '\0';
    char *end = NULL;
    errno = 0;
    double v = strtod(num, &end);
    if (end == num || *end != '\0' || errno != 0 || !isfinite(v) || v < 0.0)
        return 0;
    *which = s[0];
    *value = v;
    return 1;
}

sim_status check_tolerances_add(check_tolerances *tols, const char *text, sim_error *err)
{
    const char *eq = strrchr(text, '=');
    if (eq == NULL || eq == text)
        return sim_error_set(err, SIM_EINVAL, "--tolerance",
                             "'%s': expected PATTERN=SPEC, e.g. 'channel.*.service_level="
                             "abs:0.01' or 'staff=rel:0.05'",
                             text);
    size_t plen = (size_t)(eq - text);
    if (plen >= CHECK_PATTERN_MAX)
        return sim_error_set(err, SIM_EINVAL, "--tolerance",
                             "'%s': the pattern is longer than %d bytes", text,
                             CHECK_PATTERN_MAX - 1);
    if (tols->n >= CHECK_MAX_TOLERANCES)
        return sim_error_set(err, SIM_ELIMIT, "--tolerance", "more than %d tolerances",
                             CHECK_MAX_TOLERANCES);
    const char *spec = eq + 1;
    double abs_tol = 0.0, rel_tol = 0.0;
    if (strcmp(spec, "exact") != 0) {
        int seen_abs = 0, seen_rel = 0;
        const char *p = spec;
        for (;;) {
            const char *comma = strchr(p, ',');
            size_t len = comma != NULL ? (size_t)(comma - p) : strlen(p);
            char which = 0;
            double v = 0.0;
            if (!check_parse_part(p, len, &which, &v) || (which == 'a' && seen_abs) ||
                (which == 'r' && seen_rel))
                return sim_error_set(err, SIM_EINVAL, "--tolerance",
                                     "'%s': expected SPEC abs:X, rel:X, abs:X,rel:Y or exact, "
                                     "with X a finite number >= 0",
                                     text);
            if (which == 'a') {
                abs_tol = v;
                seen_abs = 1;
            } else {
                rel_tol = v;
                seen_rel = 1;
            }
            if (comma == NULL)
                break;
            p = comma + 1;
        }
    }
    check_tolerance *t = &tols->items[tols->n++];
    memcpy(t->pattern, text, plen);
    t->pattern[plen] = '\0';
    t->abs = abs_tol;
    t->rel = rel_tol;
    return SIM_OK;
}

int check_name_matches(const char *pattern, const char *name)
{
    if (fnmatch(pattern, name, 0) == 0)
        return 1;
    size_t n = strlen(pattern);
    return n > 0 && strncmp(pattern, name, n) == 0 && name[n] == '.';
}

const check_tolerance *check_tolerances_find(const check_tolerances *tols, const char *name)
{
    for (size_t i = tols->n; i-- > 0;) {
        if (check_name_matches(tols->items[i].pattern, name))
            return &tols->items[i];
    }
    return NULL;
}

char *check_tolerance_format(const check_tolerance *tol, char *buf, size_t n)
{
    if (tol->abs == 0.0 && tol->rel == 0.0)
        snprintf(buf, n, "exact");
    else if (tol->rel == 0.0)
        snprintf(buf, n, "abs:%g", tol->abs);
    else if (tol->abs == 0.0)
        snprintf(buf, n, "rel:%g", tol->rel);
    else
        snprintf(buf, n, "rel:%g,abs:%g", tol->rel, tol->abs);
    return buf;
}

/* ---- Snapshots ------------------------------------------------------------------------- */

void check_snapshot_init(check_snapshot *snap)
{
    memset(snap, 0, sizeof *snap);
}

void check_snapshot_fini(check_snapshot *snap)
{
    if (snap == NULL)
        return;
    sim_free(snap->channels);
    sim_free(snap->staff);
    sim_free(snap->kpi_names);
    sim_free(snap->kpis);
    check_snapshot_init(snap);
}

sim_status check_snapshot_staff(check_snapshot *snap, const scenario *scn,
                                cc_erlang_sizer sizer, sim_error *err)
{
    if (sizer == NULL)
        sizer = cc_staff_erlang_default;
    snprintf(snap->scenario, sizeof snap->scenario, "%s", scn->name);
    snap->interval_s = scn->interval_s;
    snap->intervals_per_day = scn->intervals_per_day;
    size_t n_week = 7 * scn->intervals_per_day;
    size_t n = 0;
    for (size_t c = 0; c < scn->n_channels; c++)
        n += scenario_channel_kind_props(scn->channels[c].kind)->agent_time;
    sim_free(snap->channels);
    sim_free(snap->staff);
    snap->n_channels = 0;
    snap->channels = sim_calloc(n > 0 ? n : 1, sizeof *snap->channels);
    snap->staff = sim_calloc(n * n_week + 1, sizeof *snap->staff);
    size_t *buf = sim_calloc(n_week, sizeof *buf);
    sim_status st = SIM_OK;
    if (snap->channels == NULL || snap->staff == NULL || buf == NULL) {
        st = sim_error_set(err, SIM_ENOMEM, "", "out of memory for the staffing snapshot");
        goto done;
    }
    for (size_t c = 0; c < scn->n_channels; c++) {
        if (!scenario_channel_kind_props(scn->channels[c].kind)->agent_time)
            continue;
        st = sizer(scn, c, buf, n_week, err);
        if (st != SIM_OK)
            goto done;
        size_t i = snap->n_channels++;
        snprintf(snap->channels[i], SCENARIO_NAME_MAX, "%s", scn->channels[c].name);
        for (size_t k = 0; k < n_week; k++)
            snap->staff[i * n_week + k] = (double)buf[k];
    }
done:
    sim_free(buf);
    return st;
}

static const char *const check_default_kpis[] = {
    "channel.*." CC_KPI_SERVICE_LEVEL, "channel.*.asa_s", "channel.*." CC_KPI_ABANDONMENT,
    "channel.*.occupancy", "needs.contacts_per_resolved_need", NULL};

const char *const *check_kpi_default_patterns(void)
{
    return check_default_kpis;
}

sim_status check_snapshot_kpis(check_snapshot *snap, const cc_summary *sum, uint64_t seed,
                               const char *const *patterns, size_t n_patterns, sim_error *err)
{
    if (patterns == NULL || n_patterns == 0) {
        patterns = check_default_kpis;
        n_patterns = sizeof check_default_kpis / sizeof check_default_kpis[0] - 1;
    }
    sim_free(snap->kpi_names);
    sim_free(snap->kpis);
    snap->n_kpis = 0;
    snap->kpi_names = sim_calloc(sum->n_kpis + 1, sizeof *snap->kpi_names);
    snap->kpis = sim_calloc(sum->n_kpis + 1, sizeof *snap->kpis);
    if (snap->kpi_names == NULL || snap->kpis == NULL)
        return sim_error_set(err, SIM_ENOMEM, "", "out of memory for the KPI snapshot");
    for (size_t k = 0; k < sum->n_kpis; k++) {
        int match = 0;
        for (size_t p = 0; p < n_patterns && !match; p++)
            match = check_name_matches(patterns[p], sum->names[k]);
        if (!match)
            continue;
        memcpy(snap->kpi_names[snap->n_kpis], sum->names[k], CC_KPI_NAME_MAX);
        snap->kpis[snap->n_kpis++] = sum->ci[k].mean;
    }
    snap->seed = seed;
    snap->replications = sum->n_reps;
    return SIM_OK;
}

/* ---- Comparison ------------------------------------------------------------------------ */

void check_report_init(check_report *rep)
{
    memset(rep, 0, sizeof *rep);
}

void check_report_fini(check_report *rep)
{
    if (rep == NULL)
        return;
    sim_free(rep->entries);
    check_report_init(rep);
}

static check_entry *check_report_push(check_report *rep)
{
    if (rep->n_moved == rep->capacity) {
        size_t cap = rep->capacity > 0 ? 2 * rep->capacity : 64;
        check_entry *grown = sim_realloc(rep->entries, cap * sizeof *grown);
        if (grown == NULL)
            return NULL;
        rep->entries = grown;
        rep->capacity = cap;
    }
    check_entry *e = &rep->entries[rep->n_moved];
    memset(e, 0, sizeof *e);
    e->seq = rep->n_moved++;
    return e;
}

/* Add an entry of a status other than WITHIN/DRIFT (missing, added, structural). */
static sim_status check_add_structural(check_report *rep, const char *name, check_status status,
                                       double base, double current, sim_error *err)
{
    check_entry *e = check_report_push(rep);
    if (e == NULL)
        return sim_error_set(err, SIM_ENOMEM, "", "out of memory for the check report");
    snprintf(e->name, sizeof e->name, "%s", name);
    e->status = status;
    e->base = base;
    e->current = current;
    e->delta = current - base;
    e->allowed = 0.0;
    e->excess = (double)INFINITY;
    rep->n_drift++;
    return SIM_OK;
}

/* Compare one value; adds an entry when it moved. */
static sim_status check_value(check_report *rep, const check_tolerances *tols, const char *name,
                              double base, double current, sim_error *err)
{
    rep->n_compared++;
    int base_nan = isnan(base), cur_nan = isnan(current);
    if (base_nan && cur_nan)
        return SIM_OK;
    double delta = current - base;
    if (!base_nan && !cur_nan && delta == 0.0)
        return SIM_OK;
    const check_tolerance *tol = check_tolerances_find(tols, name);
    check_entry *e = check_report_push(rep);
    if (e == NULL)
        return sim_error_set(err, SIM_ENOMEM, "", "out of memory for the check report");
    snprintf(e->name, sizeof e->name, "%s", name);
    if (tol != NULL)
        e->tol = *tol;
    e->base = base;
    e->current = current;
    e->delta = delta;
    e->allowed = fmax(e->tol.abs, e->tol.rel * fabs(base));
    if (base_nan || cur_nan) {
        e->excess = (double)INFINITY;
        e->status = CHECK_DRIFT;
    } else {
        /* A relative epsilon keeps "abs:0.01" from failing on a change of 0.01 that floating
         * point computed as 0.010000000000000009. */
        double eps = 1e-12 * fmax(fabs(base), fabs(current));
        e->excess = e->allowed > 0.0 ? fabs(delta) / e->allowed : (double)INFINITY;
        e->status = fabs(delta) > e->allowed + eps ? CHECK_DRIFT : CHECK_WITHIN;
    }
    if (e->status != CHECK_WITHIN)
        rep->n_drift++;
    return SIM_OK;
}

static int check_entry_cmp(const void *pa, const void *pb)
{
    const check_entry *a = pa, *b = pb;
    int da = a->status != CHECK_WITHIN, db = b->status != CHECK_WITHIN;
    if (da != db)
        return db - da;
    if (a->excess != b->excess)
        return a->excess > b->excess ? -1 : 1;
    double ma = isnan(a->delta) ? 0.0 : fabs(a->delta), mb = isnan(b->delta) ? 0.0 : fabs(b->delta);
    if (ma != mb)
        return ma > mb ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static size_t check_find_channel(const check_snapshot *s, const char *name)
{
    for (size_t i = 0; i < s->n_channels; i++) {
        if (strcmp(s->channels[i], name) == 0)
            return i;
    }
    return SIZE_MAX;
}

static sim_status check_compare_staff(const check_snapshot *base, const check_snapshot *cur,
                                      const check_tolerances *tols, check_report *rep,
                                      sim_error *err)
{
    char name[CHECK_NAME_MAX];
    if (base->interval_s != cur->interval_s || base->intervals_per_day != cur->intervals_per_day)
        return check_add_structural(rep, "staff.interval_s", CHECK_DRIFT, base->interval_s,
                                    cur->interval_s, err);
    size_t ipd = base->intervals_per_day, n_week = 7 * ipd;
    for (size_t b = 0; b < base->n_channels; b++) {
        size_t c = check_find_channel(cur, base->channels[b]);
        snprintf(name, sizeof name, "staff.%s", base->channels[b]);
        if (c == SIZE_MAX) {
            sim_status st =
                check_add_structural(rep, name, CHECK_MISSING, (double)NAN, (double)NAN, err);
            if (st != SIM_OK)
                return st;
            continue;
        }
        for (size_t k = 0; k < n_week; k++) {
            long minute = lround((double)(k % ipd) * base->interval_s / 60.0);
            snprintf(name, sizeof name, "staff.%s.%s.%02ld:%02ld", base->channels[b],
                     check_day_names[k / ipd], minute / 60, minute % 60);
            sim_status st = check_value(rep, tols, name, base->staff[b * n_week + k],
                                        cur->staff[c * n_week + k], err);
            if (st != SIM_OK)
                return st;
        }
    }
    for (size_t c = 0; c < cur->n_channels; c++) {
        if (check_find_channel(base, cur->channels[c]) != SIZE_MAX)
            continue;
        snprintf(name, sizeof name, "staff.%s", cur->channels[c]);
        sim_status st = check_add_structural(rep, name, CHECK_ADDED, (double)NAN, (double)NAN, err);
        if (st != SIM_OK)
            return st;
    }
    return SIM_OK;
}

sim_status check_compare(const check_snapshot *base, const check_snapshot *cur,
                         const check_tolerances *tols, check_report *rep, sim_error *err)
{
    check_tolerances defaults;
    if (tols == NULL) {
        check_tolerances_default(&defaults);
        tols = &defaults;
    }
    sim_status st = check_compare_staff(base, cur, tols, rep, err);
    if (st != SIM_OK)
        return st;
    if (base->n_kpis > 0 && cur->replications == 0) {
        rep->kpis_skipped = 1;
    } else {
        for (size_t k = 0; k < base->n_kpis && st == SIM_OK; k++) {
            size_t j = 0;
            while (j < cur->n_kpis && strcmp(cur->kpi_names[j], base->kpi_names[k]) != 0)
                j++;
            if (j == cur->n_kpis)
                st = check_add_structural(rep, base->kpi_names[k], CHECK_MISSING, base->kpis[k],
                                          (double)NAN, err);
            else
                st = check_value(rep, tols, base->kpi_names[k], base->kpis[k], cur->kpis[j],
                                 err);
        }
        if (st != SIM_OK)
            return st;
    }
    if (rep->n_moved > 1)
        qsort(rep->entries, rep->n_moved, sizeof *rep->entries, check_entry_cmp);
    return SIM_OK;
}
