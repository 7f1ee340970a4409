/* check_baseline.c -- see check_baseline.h. The reader is strict: every required field is
 * checked for type and range, and errors name the field's JSON path, because a baseline is
 * edited by hand as often as it is regenerated. jsonpos_check runs before cJSON, as for
 * scenarios, so that syntax errors carry a line and column and a hostile file is bounded. */
#include "check_baseline.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "jsonpos.h"
#include "sim_alloc.h"

static const char *const baseline_days[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

/* ---- Writing --------------------------------------------------------------------------- */

void check_baseline_free_text(char *text)
{
    if (text != NULL)
        cJSON_free(text);
}

sim_status check_baseline_to_json(const check_snapshot *snap, char **text, sim_error *err)
{
    *text = NULL;
    cJSON *root = cJSON_CreateObject();
    if (root == NULL)
        goto nomem;
    int ok = cJSON_AddStringToObject(root, "format", CHECK_BASELINE_FORMAT) != NULL &&
             cJSON_AddNumberToObject(root, "version", CHECK_BASELINE_VERSION) != NULL &&
             cJSON_AddStringToObject(root, "omnisim", OMNISIM_VERSION) != NULL &&
             cJSON_AddStringToObject(root, "scenario", snap->scenario) != NULL;
    if (ok) {
        /* Raw text: cJSON prints large whole numbers with 15 significant digits. */
        char digits[32];
        snprintf(digits, sizeof digits, "%llu", (unsigned long long)snap->seed);
        ok = snap->seed <= (UINT64_C(1) << 53)
                 ? cJSON_AddRawToObject(root, "seed", digits) != NULL
                 : cJSON_AddStringToObject(root, "seed", digits) != NULL;
    }
    ok = ok && cJSON_AddNumberToObject(root, "replications", (double)snap->replications) != NULL;
    cJSON *staffing = ok ? cJSON_AddObjectToObject(root, "staffing") : NULL;
    ok = staffing != NULL && cJSON_AddStringToObject(staffing, "method",
                                                   snap->repeats ? "erlang+repeats" : "erlang") !=
                                       NULL &&
         cJSON_AddNumberToObject(staffing, "interval_s", snap->interval_s) != NULL;
    cJSON *channels = ok ? cJSON_AddObjectToObject(staffing, "channels") : NULL;
    ok = channels != NULL;
    size_t ipd = snap->intervals_per_day;
    for (size_t c = 0; ok && c < snap->n_channels; c++) {
        cJSON *week = cJSON_AddObjectToObject(channels, snap->channels[c]);
        ok = week != NULL;
        for (size_t d = 0; ok && d < 7; d++) {
            cJSON *day = cJSON_AddArrayToObject(week, baseline_days[d]);
            ok = day != NULL;
            for (size_t i = 0; ok && i < ipd; i++) {
                cJSON *v = cJSON_CreateNumber(snap->staff[(c * 7 + d) * ipd + i]);
                ok = v != NULL && cJSON_AddItemToArray(day, v);
            }
        }
    }
    if (ok && snap->replications > 0) {
        cJSON *kpis = cJSON_AddObjectToObject(root, "kpis");
        ok = kpis != NULL;
        for (size_t k = 0; ok && k < snap->n_kpis; k++) {
            /* %.17g reads back bit for bit; cJSON's own printing settles for 15 digits when
             * they compare equal within DBL_EPSILON, which moves the last bit. */
            char num[40];
            snprintf(num, sizeof num, "%.17g", snap->kpis[k]);
            cJSON *v = isfinite(snap->kpis[k]) ? cJSON_CreateRaw(num) : cJSON_CreateNull();
            ok = v != NULL && cJSON_AddItemToObject(kpis, snap->kpi_names[k], v);
        }
    }
    if (!ok)
        goto nomem;
    char *printed = cJSON_Print(root);
    cJSON_Delete(root);
    root = NULL;
    if (printed == NULL)
        goto nomem;
    /* Append the final newline that cJSON leaves out. */
    size_t n = strlen(printed);
    char *with_nl = cJSON_malloc(n + 2);
    if (with_nl == NULL) {
        cJSON_free(printed);
        goto nomem;
    }
    memcpy(with_nl, printed, n);
    with_nl[n] = '\n';
    with_nl[n + 1] = '\0';
    cJSON_free(printed);
    *text = with_nl;
    return SIM_OK;
nomem:
    cJSON_Delete(root);
    return sim_error_set(err, SIM_ENOMEM, "", "out of memory writing the baseline");
}

/* ---- Reading --------------------------------------------------------------------------- */

static sim_status baseline_bad(sim_error *err, const char *path, const char *what)
{
    return sim_error_set(err, SIM_EINVAL, path, "%s", what);
}

static int baseline_key_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* SIM_EINVAL naming the first key that appears twice in one object anywhere below node
 * (cJSON keeps both and finds the first, so a second "seed" or "kpis" would be ignored
 * silently). path holds node's path; keys are sorted per object, O(n log n). The depth is
 * bounded by jsonpos_check before parsing. */
static sim_status baseline_no_duplicates(const cJSON *node, char *path, size_t cap,
                                         sim_error *err)
{
    size_t n = 0;
    for (const cJSON *c = node->child; c != NULL; c = c->next)
        n++;
    if (cJSON_IsObject(node) && n > 1) {
        const char **keys = sim_malloc(n * sizeof *keys);
        if (keys == NULL)
            return sim_error_set(err, SIM_ENOMEM, "", "out of memory reading the baseline");
        size_t k = 0;
        for (const cJSON *c = node->child; c != NULL; c = c->next)
            keys[k++] = c->string != NULL ? c->string : "";
        qsort(keys, n, sizeof *keys, baseline_key_cmp);
        for (k = 1; k < n; k++) {
            if (strcmp(keys[k - 1], keys[k]) == 0) {
                char at[SIM_ERROR_PATH_MAX];
                snprintf(at, sizeof at, "%s%s%s", path, path[0] != '\0' ? "." : "", keys[k]);
                sim_free(keys);
                return baseline_bad(err, at, "key given twice; each key may appear once");
            }
        }
        sim_free(keys);
    }
    size_t len = strlen(path), i = 0;
    for (const cJSON *c = node->child; c != NULL; c = c->next, i++) {
        if (!cJSON_IsObject(c) && !cJSON_IsArray(c))
            continue;
        if (cJSON_IsObject(node))
            snprintf(path + len, cap - len, "%s%s", len > 0 ? "." : "", c->string);
        else
            snprintf(path + len, cap - len, "[%zu]", i);
        sim_status st = baseline_no_duplicates(c, path, cap, err);
        path[len] = '\0';
        if (st != SIM_OK)
            return st;
    }
    return SIM_OK;
}

/* A non-negative whole number that fits in size_t (and in a double exactly). */
static int baseline_get_count(const cJSON *item, double max, size_t *out)
{
    if (!cJSON_IsNumber(item))
        return 0;
    double v = item->valuedouble;
    if (!isfinite(v) || v < 0.0 || v > max || v != floor(v))
        return 0;
    *out = (size_t)v;
    return 1;
}

static sim_status baseline_read_seed(const cJSON *item, uint64_t *seed, sim_error *err)
{
    if (cJSON_IsNumber(item) && isfinite(item->valuedouble) && item->valuedouble >= 0.0 &&
        item->valuedouble <= 9007199254740992.0 && item->valuedouble == floor(item->valuedouble)) {
        *seed = (uint64_t)item->valuedouble;
        return SIM_OK;
    }
    if (cJSON_IsString(item) && item->valuestring[0] != '\0' &&
        strspn(item->valuestring, "0123456789") == strlen(item->valuestring) &&
        strlen(item->valuestring) <= 20) {
        unsigned long long v = 0;
        for (const char *p = item->valuestring; *p; p++) {
            unsigned d = (unsigned)(*p - '0');
            if (v > (18446744073709551615ULL - d) / 10)
                return baseline_bad(err, "seed", "expected a whole number below 2^64");
            v = v * 10 + d;
        }
        *seed = (uint64_t)v;
        return SIM_OK;
    }
    return baseline_bad(err, "seed", "expected a whole number >= 0 (or a string of digits)");
}

static sim_status baseline_read_staffing(const cJSON *staffing, check_snapshot *snap,
                                         sim_error *err)
{
    if (!cJSON_IsObject(staffing))
        return baseline_bad(err, "staffing", "expected an object with interval_s and channels");
    const cJSON *method = cJSON_GetObjectItemCaseSensitive(staffing, "method");
    if (method != NULL) {
        if (cJSON_IsString(method) && strcmp(method->valuestring, "erlang") == 0)
            snap->repeats = 0;
        else if (cJSON_IsString(method) && strcmp(method->valuestring, "erlang+repeats") == 0)
            snap->repeats = 1;
        else
            return baseline_bad(err, "staffing.method",
                                "expected \"erlang\" or \"erlang+repeats\"");
    }
    const cJSON *iv = cJSON_GetObjectItemCaseSensitive(staffing, "interval_s");
    if (!cJSON_IsNumber(iv) || !(iv->valuedouble >= 60.0 && iv->valuedouble <= 86400.0) ||
        fmod(86400.0, iv->valuedouble) != 0.0)
        return baseline_bad(err, "staffing.interval_s",
                            "expected a number of seconds in [60, 86400] that divides a day");
    snap->interval_s = iv->valuedouble;
    snap->intervals_per_day = (size_t)(86400.0 / iv->valuedouble);
    const cJSON *channels = cJSON_GetObjectItemCaseSensitive(staffing, "channels");
    if (!cJSON_IsObject(channels))
        return baseline_bad(err, "staffing.channels", "expected an object of channels");
    size_t n = (size_t)cJSON_GetArraySize(channels);
    size_t ipd = snap->intervals_per_day;
    snap->channels = sim_calloc(n > 0 ? n : 1, sizeof *snap->channels);
    snap->staff = sim_calloc(n * 7 * ipd + 1, sizeof *snap->staff);
    if (snap->channels == NULL || snap->staff == NULL)
        return sim_error_set(err, SIM_ENOMEM, "", "out of memory reading the baseline");
    char path[SIM_ERROR_PATH_MAX];
    const cJSON *ch = NULL;
    cJSON_ArrayForEach(ch, channels)
    {
        size_t c = snap->n_channels;
        snprintf(path, sizeof path, "staffing.channels.%s", ch->string);
        if (strlen(ch->string) == 0 || strlen(ch->string) >= SCENARIO_NAME_MAX)
            return baseline_bad(err, path, "expected a channel name of 1 to 63 bytes");
        for (size_t j = 0; j < c; j++) {
            if (strcmp(snap->channels[j], ch->string) == 0)
                return baseline_bad(err, path, "channel listed twice");
        }
        if (!cJSON_IsObject(ch))
            return baseline_bad(err, path, "expected an object with mon .. sun");
        for (size_t d = 0; d < 7; d++) {
            const cJSON *day = cJSON_GetObjectItemCaseSensitive(ch, baseline_days[d]);
            snprintf(path, sizeof path, "staffing.channels.%s.%s", ch->string, baseline_days[d]);
            if (!cJSON_IsArray(day) || (size_t)cJSON_GetArraySize(day) != ipd) {
                char msg[128];
                snprintf(msg, sizeof msg, "expected an array of %zu agent counts (one per %g-s "
                         "interval)", ipd, snap->interval_s);
                return baseline_bad(err, path, msg);
            }
            size_t i = 0;
            const cJSON *v = NULL;
            cJSON_ArrayForEach(v, day)
            {
                size_t agents = 0;
                if (!baseline_get_count(v, 1e9, &agents)) {
                    snprintf(path, sizeof path, "staffing.channels.%s.%s[%zu]", ch->string,
                             baseline_days[d], i);
                    return baseline_bad(err, path, "expected a whole number of agents >= 0");
                }
                snap->staff[(c * 7 + d) * ipd + i] = (double)agents;
                i++;
            }
        }
        snprintf(snap->channels[c], SCENARIO_NAME_MAX, "%s", ch->string);
        snap->n_channels++;
    }
    return SIM_OK;
}

static sim_status baseline_read_kpis(const cJSON *kpis, check_snapshot *snap, sim_error *err)
{
    if (!cJSON_IsObject(kpis))
        return baseline_bad(err, "kpis", "expected an object of KPI names and numbers");
    size_t n = (size_t)cJSON_GetArraySize(kpis);
    snap->kpi_names = sim_calloc(n + 1, sizeof *snap->kpi_names);
    snap->kpis = sim_calloc(n + 1, sizeof *snap->kpis);
    if (snap->kpi_names == NULL || snap->kpis == NULL)
        return sim_error_set(err, SIM_ENOMEM, "", "out of memory reading the baseline");
    char path[SIM_ERROR_PATH_MAX];
    const cJSON *v = NULL;
    cJSON_ArrayForEach(v, kpis)
    {
        snprintf(path, sizeof path, "kpis.%s", v->string);
        if (strlen(v->string) == 0 || strlen(v->string) >= CC_KPI_NAME_MAX)
            return baseline_bad(err, path, "expected a KPI name of 1 to 127 bytes");
        for (size_t j = 0; j < snap->n_kpis; j++) {
            if (strcmp(snap->kpi_names[j], v->string) == 0)
                return baseline_bad(err, path, "KPI listed twice");
        }
        double x;
        if (cJSON_IsNull(v))
            x = (double)NAN;
        else if (cJSON_IsNumber(v) && isfinite(v->valuedouble))
            x = v->valuedouble;
        else
            return baseline_bad(err, path, "expected a number or null");
        snprintf(snap->kpi_names[snap->n_kpis], CC_KPI_NAME_MAX, "%s", v->string);
        snap->kpis[snap->n_kpis++] = x;
    }
    return SIM_OK;
}

/* KPIs of version 1 baselines (before the KPI names of 2026-12-03, docs/outputs.md
 * "Changes") whose name or definition changed: the last part of the name, and what it is
 * now. A version 1 baseline holding one of them cannot be compared value by value. */
static const struct {
    const char *old_kpi, *now;
} baseline_v1_changed[] = {
    {".service_level", "service_level_per_answered_abandoned (or _per_offered, "
                       "service_level_excl_short_abandons)"},
    {".abandon_rate", "abandoned_per_offered (offered no longer holds lost_closed)"},
    {".lost_rate", "lost_closed_per_arrived"},
    {".resolved_share", "resolved_per_handled (channels) or resolved_per_ended"},
    {".outsourced_share", "outsourced_per_answered"},
    {".given_up_share", "given_up_per_ended"},
    {".channels_per_need", "channels_per_ended_need"},
    {".repeat_share", "repeat_per_arrived"},
    {".offered", "offered, redefined: arrived - lost_closed (the old value is 'arrived')"},
    {"_p50_s", "a percentile, now exact at 0 and within 0.4%"},
    {"_p90_s", "a percentile, now exact at 0 and within 0.4%"},
    {"_p95_s", "a percentile, now exact at 0 and within 0.4%"},
    {".per_contact_eur", "per_answered_contact_eur"},
};

/* SIM_OK when a version 1 baseline's KPIs all kept their names and definitions; otherwise
 * SIM_EINVAL naming the first that did not and what it is now. */
static sim_status baseline_v1_kpis(const check_snapshot *snap, sim_error *err)
{
    for (size_t k = 0; k < snap->n_kpis; k++) {
        const char *name = snap->kpi_names[k];
        size_t len = strlen(name);
        for (size_t i = 0; i < sizeof baseline_v1_changed / sizeof baseline_v1_changed[0];
             i++) {
            const char *old = baseline_v1_changed[i].old_kpi;
            size_t ol = strlen(old);
            if (len >= ol && strcmp(name + len - ol, old) == 0)
                return sim_error_set(
                    err, SIM_EINVAL, "version",
                    "baseline version 1 holds KPI '%s', named or defined differently since "
                    "the KPI names of 2026-12-03 (now %s; docs/outputs.md, Changes): "
                    "regenerate the baseline with omnisim check SCENARIO --update",
                    name, baseline_v1_changed[i].now);
        }
    }
    return SIM_OK;
}

static sim_status baseline_read_root(const cJSON *root, check_snapshot *snap, sim_error *err)
{
    if (!cJSON_IsObject(root))
        return baseline_bad(err, "", "expected a JSON object (an omnisim check baseline)");
    const cJSON *format = cJSON_GetObjectItemCaseSensitive(root, "format");
    if (!cJSON_IsString(format) || strcmp(format->valuestring, CHECK_BASELINE_FORMAT) != 0)
        return baseline_bad(err, "format",
                            "expected \"" CHECK_BASELINE_FORMAT "\": not an omnisim check "
                            "baseline (write one with omnisim check --update)");
    const cJSON *version = cJSON_GetObjectItemCaseSensitive(root, "version");
    size_t v = 0;
    if (!baseline_get_count(version, 1e6, &v) || v < 1)
        return baseline_bad(err, "version", "expected a whole number >= 1");
    if (v > CHECK_BASELINE_VERSION)
        return sim_error_set(err, SIM_EINVAL, "version",
                             "baseline version %zu is newer than this omnisim reads (%d); "
                             "upgrade omnisim or regenerate the baseline with --update",
                             v, CHECK_BASELINE_VERSION);
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(root, "scenario");
    if (!cJSON_IsString(name) || name->valuestring[0] == '\0' ||
        strlen(name->valuestring) >= SCENARIO_NAME_MAX)
        return baseline_bad(err, "scenario", "expected the scenario's name (1 to 63 bytes)");
    snprintf(snap->scenario, sizeof snap->scenario, "%s", name->valuestring);
    sim_status st = baseline_read_seed(cJSON_GetObjectItemCaseSensitive(root, "seed"),
                                       &snap->seed, err);
    if (st != SIM_OK)
        return st;
    if (!baseline_get_count(cJSON_GetObjectItemCaseSensitive(root, "replications"), 1e6,
                            &snap->replications))
        return baseline_bad(err, "replications", "expected a whole number >= 0");
    st = baseline_read_staffing(cJSON_GetObjectItemCaseSensitive(root, "staffing"), snap, err);
    if (st != SIM_OK)
        return st;
    const cJSON *kpis = cJSON_GetObjectItemCaseSensitive(root, "kpis");
    if (snap->replications > 0) {
        if (kpis == NULL)
            return baseline_bad(err, "kpis", "missing: expected the KPIs of the simulation "
                                             "(replications is not 0)");
        st = baseline_read_kpis(kpis, snap, err);
        if (st == SIM_OK && v == 1)
            st = baseline_v1_kpis(snap, err);
        return st;
    }
    if (kpis != NULL && !cJSON_IsNull(kpis))
        return baseline_bad(err, "kpis", "unexpected: replications is 0 (written with --no-sim)");
    return SIM_OK;
}

sim_status check_baseline_from_json(const char *text, size_t len, check_snapshot *snap,
                                    sim_error *err)
{
    check_snapshot_init(snap);
    if (len > CHECK_BASELINE_MAX_BYTES)
        return sim_error_set(err, SIM_ELIMIT, "", "baseline larger than the limit of %u bytes",
                             (unsigned)CHECK_BASELINE_MAX_BYTES);
    size_t off = 0;
    char msg[SIM_ERROR_MESSAGE_MAX];
    int rc = jsonpos_check(text, len, 64, 10u * 1000u * 1000u, &off, msg, sizeof msg);
    if (rc != 0) {
        int line = 0, column = 0;
        jsonpos_line_col(text, len, off, &line, &column);
        sim_error_set(err, rc == 1 ? SIM_EPARSE : SIM_ELIMIT, "", "%s", msg);
        sim_error_set_location(err, line, column);
        return rc == 1 ? SIM_EPARSE : SIM_ELIMIT;
    }
    cJSON *root = cJSON_ParseWithLength(text, len);
    if (root == NULL)
        return sim_error_set(err, SIM_ENOMEM, "", "out of memory parsing the baseline");
    char path[SIM_ERROR_PATH_MAX] = "";
    sim_status st = baseline_no_duplicates(root, path, sizeof path, err);
    if (st == SIM_OK)
        st = baseline_read_root(root, snap, err);
    cJSON_Delete(root);
    if (st != SIM_OK)
        check_snapshot_fini(snap);
    return st;
}

sim_status check_baseline_read(const char *path, check_snapshot *snap, sim_error *err)
{
    check_snapshot_init(snap);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return sim_error_set(err, SIM_EIO, path, "cannot open the baseline file");
    size_t cap = 65536, len = 0;
    char *buf = sim_malloc(cap);
    sim_status st = SIM_OK;
    while (buf != NULL) {
        if (len == cap) {
            if (cap > CHECK_BASELINE_MAX_BYTES) {
                st = sim_error_set(err, SIM_ELIMIT, path,
                                   "baseline larger than the limit of %u bytes",
                                   (unsigned)CHECK_BASELINE_MAX_BYTES);
                break;
            }
            char *grown = sim_realloc(buf, cap * 2);
            if (grown == NULL) {
                sim_free(buf);
                buf = NULL;
                break;
            }
            buf = grown;
            cap *= 2;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0) {
            if (ferror(f))
                st = sim_error_set(err, SIM_EIO, path, "cannot read the baseline file");
            break;
        }
    }
    fclose(f);
    if (buf == NULL)
        return sim_error_set(err, SIM_ENOMEM, "", "out of memory reading the baseline");
    if (st == SIM_OK)
        st = check_baseline_from_json(buf, len, snap, err);
    sim_free(buf);
    return st;
}
