/* scenario_convert.c -- from a schema-checked cJSON tree to a scenario struct, with the checks
 * a field table cannot express: names and references, shares that must sum to 1, profile
 * lengths, opening hours, fields that do not apply to a channel's kind, demand that no
 * segment or agent can take.
 *
 * It runs even when the schema check found errors, so that one run lists every problem; the
 * getters below therefore treat a value of the wrong type as absent (the schema check has
 * already reported it) instead of reporting it twice. Every error names the JSON path.
 *
 * Normalisation: intraday weights are scaled to sum to 1, weekday weights to mean 1; shares
 * within SCENARIO_SHARE_TOLERANCE of 1 are scaled to sum to exactly 1.
 *
 * Defaults are not written here: an absent field takes the default of its row in the schema
 * table (scenario_schema.h, "Defaults"), read by the getters num_d/num_k/str_d/str_k. Only
 * defaults the table states as prose (derived from other fields: "1 - sum(to)", "the
 * channel's priority") are computed in code, each next to the field it sets.
 */
#include "scenario_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "scenario_forecast.h"
#include "scenario_schema.h"
#include "sim_alloc.h"
#include "sim_assert.h"

typedef struct conv {
    scenario_ctx *ctx;
    scenario *scn;
    size_t errors;
    size_t ipd;      /* intervals per day, 0 when interval_s is invalid */
    size_t pool_used;
    size_t pool_cap;
    int demand_intraday; /* demand.intraday was given: every channel and segment has a shape */
} conv;

#define P_MAX SIM_ERROR_PATH_MAX

static void err(conv *c, const char *path, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

#include <stdarg.h>
static void err(conv *c, const char *path, const char *fmt, ...)
{
    char msg[SIM_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    c->errors++;
    scenario_json_error(c->ctx, SIM_EINVAL, path, "%s", msg);
}

static void nomem(conv *c)
{
    c->errors++;
    scenario_json_nomem(c->ctx);
}

/* ---------------------------------------------------------------------------------------- */
/* Getters: wrong types count as absent (already reported by the schema check).             */

static const cJSON *get(const cJSON *obj, const char *key)
{
    return cJSON_IsObject(obj) ? cJSON_GetObjectItemCaseSensitive(obj, key) : NULL;
}

static int has(const cJSON *obj, const char *key)
{
    return get(obj, key) != NULL;
}

static double num(const cJSON *obj, const char *key, double def)
{
    const cJSON *v = get(obj, key);
    return cJSON_IsNumber(v) && isfinite(v->valuedouble) ? v->valuedouble : def;
}

static const char *str(const cJSON *obj, const char *key, const char *def)
{
    const cJSON *v = get(obj, key);
    return cJSON_IsString(v) && v->valuestring != NULL ? v->valuestring : def;
}

/* Defaults from the schema table. A getter names the field by its generic path, whose last
 * segment is the key in `obj`, and a channel's kind for a default that depends on it (NULL
 * otherwise). A path without a default of the form asked for is the program's fault, not the
 * user's: it is asserted whether or not the file gives the field, and
 * tests/test_scenario_schema.c reads every default through a loaded scenario. */
#define DEF_MAX 64

static const char *leaf(const char *gpath)
{
    const char *dot = strrchr(gpath, '.');
    return dot != NULL ? dot + 1 : gpath;
}

static double def_num(const char *gpath, const char *kind)
{
    double x = 0;
    int ok = scenario_schema_default_number(scenario_schema_find(gpath), kind, &x);
    SIM_ASSERT(ok, "the schema table gives this field a numeric default");
    return x;
}

static double num_k(const cJSON *obj, const char *gpath, const char *kind)
{
    return num(obj, leaf(gpath), def_num(gpath, kind));
}

static double num_d(const cJSON *obj, const char *gpath)
{
    return num_k(obj, gpath, NULL);
}

/* buf: DEF_MAX bytes, holding the default when the field is absent. */
static const char *str_k(const cJSON *obj, const char *gpath, const char *kind, char *buf)
{
    int ok = scenario_schema_default_text(scenario_schema_find(gpath), kind, buf, DEF_MAX);
    SIM_ASSERT(ok, "the schema table gives this field a default value");
    return str(obj, leaf(gpath), buf);
}

static const char *str_d(const cJSON *obj, const char *gpath, char *buf)
{
    return str_k(obj, gpath, NULL, buf);
}

static size_t count_items(const cJSON *arr)
{
    size_t n = 0;
    if (cJSON_IsArray(arr))
        for (const cJSON *c = arr->child; c != NULL; c = c->next)
            n++;
    return n;
}

/* Clamp a number read from the file into size_t range (the schema check bounds it). */
static size_t to_size(double x)
{
    if (!(x >= 0))
        return 0;
    if (x > 1e15)
        return (size_t)1e15;
    return (size_t)x;
}

/* Saturating conversions for the other integer fields. The schema has already reported any
 * value outside a field's range, but conversion goes on to collect every error, and a cast of
 * a double outside the target type's range is undefined behaviour (found by fuzzing: "seed":
 * -1, "year": 1e300). The clamped value never reaches a returned scenario. */
static int to_int(double x)
{
    if (!(x >= -1e9))
        return x > 0 ? 1000000000 : -1000000000; /* NaN and -inf take the low end */
    return x > 1e9 ? 1000000000 : (int)x;
}

static unsigned to_unsigned(double x)
{
    if (!(x >= 0))
        return 0;
    return x > 1e9 ? 1000000000u : (unsigned)x;
}

static uint64_t to_u64(double x)
{
    if (!(x >= 0))
        return 0;
    return x >= 18446744073709551616.0 ? UINT64_MAX : (uint64_t)x;
}

static void pathf(char *buf, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void pathf(char *buf, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, P_MAX, fmt, ap);
    va_end(ap);
}

static const char *const weekday_keys[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

static int weekday_index(const char *s)
{
    for (int d = 0; d < 7; d++)
        if (strcmp(s, weekday_keys[d]) == 0)
            return d;
    return -1;
}

/* Names: 1..63 characters from [A-Za-z0-9_-], so override paths can name them. */
static int check_name(conv *c, const char *path, const char *name, char *dst)
{
    size_t n = strlen(name);
    int ok = n > 0 && n < SCENARIO_NAME_MAX;
    for (size_t i = 0; ok && i < n; i++) {
        char ch = name[i];
        ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')
             || ch == '_' || ch == '-';
    }
    if (!ok) {
        err(c, path, "invalid name '%.64s': use 1 to 63 letters, digits, '_' or '-'", name);
        return 0;
    }
    memcpy(dst, name, n + 1);
    return 1;
}

/* Report an unknown reference `name` to a `what` at `path`, with the nearest of the n
 * candidate names when one is within two edits. */
static void unknown_ref(conv *c, const char *path, const char *what, const char *name,
                        const char *const *cands, size_t n)
{
    const char *best = NULL;
    size_t best_d = 3;
    for (size_t i = 0; i < n; i++) {
        size_t d = scenario_schema_distance(name, cands[i], 2);
        if (d < best_d) {
            best_d = d;
            best = cands[i];
        }
    }
    if (best != NULL)
        err(c, path, "unknown %s '%.64s'; did you mean %s?", what, name, best);
    else
        err(c, path, "unknown %s '%.64s'", what, name);
}

/* The names of a scenario list (channels, groups ...) as candidates for unknown_ref; at most
 * REF_MAX, the largest list's maximum. */
#define REF_MAX 64
#define REF_UNKNOWN(c, path, what, name, arr, count)                                           \
    do {                                                                                       \
        const char *cands_[REF_MAX];                                                           \
        size_t n_ = (count) < REF_MAX ? (count) : REF_MAX;                                     \
        for (size_t i_ = 0; i_ < n_; i_++)                                                     \
            cands_[i_] = (arr)[i_].name;                                                       \
        unknown_ref(c, path, what, name, cands_, n_);                                          \
    } while (0)

/* References by name; each reports an unknown name with a suggestion and returns
 * SCENARIO_NONE. */
static size_t channel_ref(conv *c, const char *path, const char *name)
{
    const scenario *s = c->scn;
    size_t k = scenario_find_channel(s, name);
    if (k == SCENARIO_NONE)
        REF_UNKNOWN(c, path, "channel", name, s->channels, s->n_channels);
    return k;
}

static size_t segment_ref(conv *c, const char *path, const char *name)
{
    const scenario *s = c->scn;
    size_t k = scenario_find_segment(s, name);
    if (k == SCENARIO_NONE)
        REF_UNKNOWN(c, path, "segment", name, s->segments, s->n_segments);
    return k;
}

static size_t group_ref(conv *c, const char *path, const char *name)
{
    const scenario *s = c->scn;
    size_t k = scenario_find_group(s, name);
    if (k == SCENARIO_NONE)
        REF_UNKNOWN(c, path, "group", name, s->groups, s->n_groups);
    return k;
}

static size_t outsourcer_ref(conv *c, const char *path, const char *name)
{
    const scenario *s = c->scn;
    size_t k = scenario_find_outsourcer(s, name);
    if (k == SCENARIO_NONE)
        REF_UNKNOWN(c, path, "outsourcer", name, s->outsourcers, s->n_outsourcers);
    return k;
}

static size_t policy_ref(conv *c, const char *path, const char *name)
{
    const scenario *s = c->scn;
    size_t k = scenario_find_policy(s, name);
    if (k == SCENARIO_NONE)
        REF_UNKNOWN(c, path, "policy", name, s->policies, s->n_policies);
    return k;
}

/* ---------------------------------------------------------------------------------------- */
/* Pieces                                                                                   */

/* A distribution object `o` (NULL when absent) at `path`, whose generic path is gpath: see
 * scenario_dist_read (scenario_dist.c reads every kind and checks its parameters). */
static void read_dist(conv *c, const cJSON *o, const char *path, const char *gpath,
                      const char *kind, scenario_dist *d, double placeholder)
{
    c->errors += scenario_dist_read(c->ctx, c->scn, o, path, gpath, kind, d, placeholder);
}

/* Read "HH:MM" (00:00..24:00) into seconds; -1 when malformed. */
static double parse_hhmm(const char *s)
{
    if (strlen(s) != 5 || s[2] != ':')
        return -1;
    for (int i = 0; i < 5; i++)
        if (i != 2 && (s[i] < '0' || s[i] > '9'))
            return -1;
    int h = (s[0] - '0') * 10 + (s[1] - '0');
    int m = (s[3] - '0') * 10 + (s[4] - '0');
    if (h > 24 || m > 59 || (h == 24 && m != 0))
        return -1;
    return (double)(h * 3600 + m * 60);
}

static const char *json_type_name(const cJSON *v)
{
    return cJSON_IsNumber(v)   ? "a number"
           : cJSON_IsString(v) ? "a string"
           : cJSON_IsBool(v)   ? "a boolean"
           : cJSON_IsNull(v)   ? "null"
           : cJSON_IsArray(v)  ? "an array"
           : cJSON_IsObject(v) ? "an object"
                               : "an invalid value";
}

/* One time of a window at `path`; -1 after reporting. */
static double read_time(conv *c, const cJSON *v, const char *path)
{
    if (!cJSON_IsString(v)) {
        err(c, path, "expected a time \"HH:MM\", got %s", json_type_name(v));
        return -1;
    }
    double t = parse_hhmm(v->valuestring);
    if (t < 0)
        err(c, path, "'%.32s' is not a time \"HH:MM\" from 00:00 to 24:00", v->valuestring);
    return t;
}

/* Read a list of windows into w (up to SCENARIO_MAX_WINDOWS_PER_DAY), reporting every window
 * of the wrong shape at its own path. `key` is the day key, for messages. Returns the count,
 * or SCENARIO_NONE after reporting. */
static size_t read_windows(conv *c, const cJSON *list, const char *path, const char *key,
                           scenario_window *w)
{
    char p[P_MAX], q[P_MAX];
    size_t n = 0, i = 0;
    size_t from[SCENARIO_MAX_WINDOWS_PER_DAY]; /* index in the list of each window kept */
    int bad = 0;
    if (!cJSON_IsArray(list))
        return SCENARIO_NONE; /* reported by the schema check */
    if (count_items(list) == 2 && cJSON_IsString(list->child)
        && cJSON_IsString(list->child->next)) {
        /* "weekdays": ["08:00", "18:00"], one window without its own brackets: the likely
         * slip, said once for the day rather than once per time */
        err(c, path, "a day holds a list of windows: write [[\"%.8s\", \"%.8s\"]], not "
                     "[\"%.8s\", \"%.8s\"]",
            list->child->valuestring, list->child->next->valuestring, list->child->valuestring,
            list->child->next->valuestring);
        return SCENARIO_NONE;
    }
    for (const cJSON *it = list->child; it != NULL; it = it->next, i++) {
        pathf(p, "%s[%zu]", path, i);
        if (!cJSON_IsArray(it)) {
            err(c, p, "expected a window [\"HH:MM\", \"HH:MM\"], got %s", json_type_name(it));
            bad = 1;
            continue;
        }
        size_t times = count_items(it);
        if (times != 2) {
            err(c, p, "a window is [opening, closing], got %zu time%s", times,
                times == 1 ? "" : "s");
            bad = 1;
            continue;
        }
        pathf(q, "%s[0]", p);
        double open = read_time(c, it->child, q);
        pathf(q, "%s[1]", p);
        double close = read_time(c, it->child->next, q);
        if (open < 0 || close < 0) {
            bad = 1;
            continue;
        }
        if (!(open < close)) {
            err(c, p, "a window must open before it closes (for hours past midnight, give "
                      "two windows on consecutive days)");
            bad = 1;
            continue;
        }
        if (n >= SCENARIO_MAX_WINDOWS_PER_DAY) {
            err(c, p, "at most %d windows per day", SCENARIO_MAX_WINDOWS_PER_DAY);
            bad = 1;
            break;
        }
        w[n].open_s = open;
        w[n].close_s = close;
        from[n] = i;
        n++;
    }
    if (bad)
        return SCENARIO_NONE;
    /* sort by opening (n <= 4) and reject overlaps, naming both windows */
    for (size_t a = 1; a < n; a++)
        for (size_t b = a; b > 0 && w[b].open_s < w[b - 1].open_s; b--) {
            scenario_window t = w[b];
            w[b] = w[b - 1];
            w[b - 1] = t;
            size_t f = from[b];
            from[b] = from[b - 1];
            from[b - 1] = f;
        }
    for (size_t a = 1; a < n; a++)
        if (w[a].open_s < w[a - 1].close_s) {
            /* report at the later of the two in the file */
            size_t at = from[a] > from[a - 1] ? a : a - 1, other = at == a ? a - 1 : a;
            pathf(p, "%s[%zu]", path, from[at]);
            err(c, p, "window %02d:%02d-%02d:%02d overlaps window %02d:%02d-%02d:%02d (%s[%zu])",
                (int)(w[at].open_s / 3600), (int)fmod(w[at].open_s / 60, 60),
                (int)(w[at].close_s / 3600), (int)fmod(w[at].close_s / 60, 60),
                (int)(w[other].open_s / 3600), (int)fmod(w[other].open_s / 60, 60),
                (int)(w[other].close_s / 3600), (int)fmod(w[other].close_s / 60, 60), key,
                from[other]);
            return SCENARIO_NONE;
        }
    return n;
}

static void read_hours(conv *c, const cJSON *h, const char *path, scenario_hours *hours)
{
    char p[P_MAX];
    for (int d = 0; d < 7; d++) {
        hours->n_windows[d] = 1;
        hours->windows[d][0].open_s = 0;
        hours->windows[d][0].close_s = 86400;
    }
    if (h == NULL)
        return;
    if (cJSON_IsString(h)) {
        if (strcmp(h->valuestring, "24/7") != 0)
            err(c, path, "expected \"24/7\" or an object of day keys (all, weekdays, weekend, "
                         "mon..sun)");
        return;
    }
    if (!cJSON_IsObject(h))
        return;
    if (h->child == NULL) {
        /* a day no key mentions is closed, so {} is a channel that never opens: nobody means
         * that by leaving the object empty */
        err(c, path, "no day keys: the channel would never open; give \"24/7\" or windows for "
                     "all, weekdays, weekend or mon..sun");
        return;
    }
    for (int d = 0; d < 7; d++)
        hours->n_windows[d] = 0;
    /* general keys first, specific ones override; any other key is refused by the schema
     * check (the keys below are exactly the table's children of channels[].hours) */
    static const char *const order[] = {"all", "weekdays", "weekend", "mon", "tue",
                                        "wed", "thu",      "fri",     "sat", "sun"};
    for (size_t k = 0; k < sizeof order / sizeof order[0]; k++) {
        const cJSON *list = get(h, order[k]);
        if (list == NULL)
            continue;
        pathf(p, "%s.%s", path, order[k]);
        scenario_window w[SCENARIO_MAX_WINDOWS_PER_DAY];
        size_t n = read_windows(c, list, p, order[k], w);
        if (n == SCENARIO_NONE)
            continue;
        for (int d = 0; d < 7; d++) {
            int applies = (k == 0) || (k == 1 && d < 5) || (k == 2 && d >= 5)
                          || (k >= 3 && (int)k - 3 == d);
            if (!applies)
                continue;
            hours->n_windows[d] = n;
            memcpy(hours->windows[d], w, n * sizeof w[0]);
        }
    }
}

/* Read an intraday profile into pool storage (normalised to sum 1). A missing profile copies
 * `fallback` (already normalised) or is flat when fallback is NULL. */
static const double *read_intraday(conv *c, const cJSON *arr, const char *path,
                                   const double *fallback)
{
    scenario *s = c->scn;
    size_t ipd = c->ipd;
    if (ipd == 0 || s->profile_pool == NULL || c->pool_used + ipd > c->pool_cap)
        return NULL;
    double *dst = s->profile_pool + c->pool_used;
    c->pool_used += ipd;
    if (!cJSON_IsArray(arr)) {
        for (size_t i = 0; i < ipd; i++)
            dst[i] = fallback != NULL ? fallback[i] : 1.0 / (double)ipd;
        return dst;
    }
    size_t n = count_items(arr);
    if (n != ipd) {
        err(c, path, "expected %zu values (one per %g-second interval of a day), got %zu", ipd,
            s->interval_s, n);
        for (size_t i = 0; i < ipd; i++)
            dst[i] = 1.0 / (double)ipd;
        return dst;
    }
    double sum = 0;
    size_t i = 0;
    for (const cJSON *v = arr->child; v != NULL; v = v->next, i++) {
        double x = cJSON_IsNumber(v) && isfinite(v->valuedouble) && v->valuedouble >= 0
                       ? v->valuedouble
                       : 0;
        dst[i] = x;
        sum += x;
    }
    if (!(sum > 0) || !isfinite(sum)) {
        err(c, path, "profile weights must not all be zero");
        for (i = 0; i < ipd; i++)
            dst[i] = 1.0 / (double)ipd;
        return dst;
    }
    for (i = 0; i < ipd; i++)
        dst[i] /= sum;
    return dst;
}

/* The day shape of a channel or segment that was given none (scenario.h, open_profile): per
 * weekday, interval i weighs the seconds of it at least one of hours[0..n-1] is open, scaled
 * so the day sums to 1; a weekday with no open second is flat. Uniform over the open time
 * keeps daily_volume and the weekday weights meaning what they say (that day's contacts),
 * where a flat 24-hour shape would put most of a day's volume into closed hours. Pool
 * storage, 7 x ipd values; NULL when the pool has no room (reserved by the caller). */
static const double *open_profile(conv *c, const scenario_hours *const *hours, size_t n)
{
    scenario *s = c->scn;
    size_t ipd = c->ipd;
    if (ipd == 0 || s->profile_pool == NULL || c->pool_used + 7 * ipd > c->pool_cap)
        return NULL;
    double *dst = s->profile_pool + c->pool_used;
    c->pool_used += 7 * ipd;
    double len = s->interval_s;
    for (unsigned wd = 0; wd < 7; wd++) {
        double *day = dst + wd * ipd;
        double open = 0.0;
        for (size_t i = 0; i < ipd; i++) {
            day[i] = scenario_hours_open_s(hours, n, wd, (double)i * len, (double)(i + 1) * len);
            open += day[i];
        }
        for (size_t i = 0; i < ipd; i++)
            day[i] = open > 0.0 ? day[i] / open : 1.0 / (double)ipd;
    }
    return dst;
}

static void read_weekday(conv *c, const cJSON *arr, const char *path, const double *fallback,
                         double out[7])
{
    for (int d = 0; d < 7; d++)
        out[d] = fallback != NULL ? fallback[d] : 1.0;
    if (!cJSON_IsArray(arr))
        return;
    size_t n = count_items(arr);
    if (n != 7) {
        err(c, path, "expected 7 values (Monday to Sunday), got %zu", n);
        return;
    }
    double sum = 0, tmp[7];
    int d = 0;
    for (const cJSON *v = arr->child; v != NULL; v = v->next, d++) {
        tmp[d] = cJSON_IsNumber(v) && isfinite(v->valuedouble) && v->valuedouble >= 0
                     ? v->valuedouble
                     : 0;
        sum += tmp[d];
    }
    if (!(sum > 0) || !isfinite(sum)) {
        err(c, path, "weekday weights must not all be zero");
        return;
    }
    for (d = 0; d < 7; d++)
        out[d] = tmp[d] * 7.0 / sum;
}

/* Sum check for a share vector; scales it to sum exactly 1 when within tolerance. */
static int check_sum(conv *c, const char *path, const char *what, double *v, size_t n,
                     double *extra)
{
    double sum = extra != NULL ? *extra : 0;
    for (size_t i = 0; i < n; i++)
        sum += v[i];
    if (!(fabs(sum - 1) <= SCENARIO_SHARE_TOLERANCE)) {
        err(c, path, "%s sum to %.6g; they must sum to 1 (tolerance %g)", what, sum,
            SCENARIO_SHARE_TOLERANCE);
        return 0;
    }
    for (size_t i = 0; i < n; i++)
        v[i] /= sum;
    if (extra != NULL)
        *extra /= sum;
    return 1;
}

/* Read a {channel: share} map into v[SCENARIO_MAX_CHANNELS]. Returns the number of keys that
 * name no channel (reported): a sum over the map is then not worth checking, the typo is the
 * error. */
static size_t read_channel_map(conv *c, const cJSON *map, const char *path, double *v)
{
    char p[P_MAX];
    size_t unknown = 0;
    if (!cJSON_IsObject(map))
        return 0;
    for (const cJSON *it = map->child; it != NULL; it = it->next) {
        pathf(p, "%s.%s", path, it->string != NULL ? it->string : "");
        size_t ch = channel_ref(c, p, it->string != NULL ? it->string : "");
        unknown += ch == SCENARIO_NONE;
        if (ch != SCENARIO_NONE && cJSON_IsNumber(it) && isfinite(it->valuedouble))
            v[ch] = it->valuedouble;
    }
    return unknown;
}

/* ---------------------------------------------------------------------------------------- */
/* Sections                                                                                 */

static void conv_top(conv *c, const cJSON *root)
{
    scenario *s = c->scn;
    const char *name = str(root, "name", NULL);
    if (name != NULL)
        check_name(c, "name", name, s->name);
    char buf[DEF_MAX];
    s->description = sim_strdup(str_d(root, "description", buf));
    if (s->description == NULL)
        nomem(c);
    s->year = to_int(num_d(root, "year"));
    s->horizon_days = to_size(num_d(root, "horizon_days"));
    int wd = weekday_index(str_d(root, "start_weekday", buf));
    s->start_weekday = wd >= 0 ? (unsigned)wd : 0;
    const char *date = str(root, "start_date", NULL);
    if (date != NULL) {
        if (!scenario_date_parse(date, &s->start_date)) {
            err(c, "start_date", "'%s' is not a date of the form YYYY-MM-DD (years 1900 to 2200)",
                date);
        } else {
            s->has_dates = 1;
            unsigned dwd = scenario_date_weekday(s->start_date);
            static const char *const days[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
            if (cJSON_GetObjectItemCaseSensitive(root, "start_weekday") != NULL &&
                (unsigned)wd != dwd)
                err(c, "start_weekday", "'%s' disagrees with start_date %s, a %s; leave "
                    "start_weekday out (the date gives the weekday)", days[s->start_weekday],
                    date, days[dwd]);
            s->start_weekday = dwd;
        }
    }
    const char *zone = str(root, "time_zone", NULL);
    if (zone != NULL) {
        if (date == NULL)
            err(c, "time_zone", "a time zone needs a start_date (it says which days change "
                "between summer and winter time)");
        else if (!scenario_date_zone_exists(zone))
            err(c, "time_zone", "'%s' is not a zone of the tz database (e.g. "
                "\"Europe/Amsterdam\", \"UTC\")", zone);
        else
            snprintf(s->time_zone, sizeof s->time_zone, "%s", zone);
    }
    s->interval_s = num_d(root, "interval_s");
    c->ipd = 0;
    if (s->interval_s >= 60 && s->interval_s <= 3600) {
        double per_day = 86400.0 / s->interval_s;
        if (s->interval_s != floor(s->interval_s) || per_day != floor(per_day))
            err(c, "interval_s", "%g does not divide a day (86400 s) into whole intervals",
                s->interval_s);
        else
            c->ipd = (size_t)per_day;
    }
    s->intervals_per_day = c->ipd;
    if (s->has_dates && s->time_zone[0] != '\0' && c->ipd > 0 && s->horizon_days >= 1) {
        sim_error e;
        sim_error_clear(&e);
        if (scenario_date_transitions(s->time_zone, s->start_date, s->horizon_days,
                                      s->interval_s, c->ipd, &s->n_dst_days, &s->dst_day,
                                      &s->dst_factor, &e) != SIM_OK) {
            if (e.code == SIM_ENOMEM)
                nomem(c);
            else
                err(c, "time_zone", "%s", e.message);
        }
    }
    s->warmup_s = num_d(root, "warmup_s");
    if (s->horizon_days >= 1 && s->warmup_s >= (double)s->horizon_days * 86400.0)
        err(c, "warmup_s", "warm-up (%g s) must be shorter than the horizon (%zu days)",
            s->warmup_s, s->horizon_days);
    s->seed = to_u64(num_d(root, "seed"));
    /* A JSON number is read as a double: every whole number below 2^53 exactly, while
     * 2^53 + 1 (and the next few) round to 2^53, the schema's maximum. 2^53 is therefore
     * refused rather than taken for a seed the file may not hold; larger seeds go on the
     * command line (-s, read as a 64-bit integer). */
    if (num_d(root, "seed") == 9007199254740992.0)
        err(c, "seed", "a seed of 2^53 (9007199254740992) or more cannot be read exactly from a "
                       "JSON number (2^53 + 1 reads as 2^53); use a smaller one, or give it "
                       "with -s/--seed");
    s->replications = to_size(num_d(root, "replications"));
    s->confidence = num_d(root, "confidence");
    s->max_contacts_per_need = to_size(num_d(root, "max_contacts_per_need"));
}

/* ---------------------------------------------------------------------------------------- */
/* Special days                                                                             */

/* An error in a data file: its own file, line and column, no JSON position. */
static void err_file(conv *c, const char *file, int line, int column, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
static void err_file(conv *c, const char *file, int line, int column, const char *fmt, ...)
{
    char msg[SIM_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    c->errors++;
    c->ctx->errors++;
    if (c->ctx->first_code == SIM_OK)
        c->ctx->first_code = SIM_EINVAL;
    scenario_diag_add(c->ctx->diag, SIM_EINVAL, file, line, column, "", "%s", msg);
}

typedef struct special_list {
    conv *c;
    scenario_special_day *v;
    int *line;            /* file line of each entry, 0 for inline entries */
    size_t n, cap;
    /* special_days_file columns (0-based), -1 when the header has none */
    int col_date, col_name, col_closed, col_factor;
    int header_ok;
} special_list;

static scenario_special_day *special_push(special_list *l, int line)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 16;
        scenario_special_day *v = sim_realloc_array(l->v, cap, sizeof *v);
        if (v != NULL)
            l->v = v;
        int *ln = v != NULL ? sim_realloc_array(l->line, cap, sizeof *ln) : NULL;
        if (ln == NULL) {
            nomem(l->c);
            return NULL;
        }
        l->line = ln;
        l->cap = cap;
    }
    scenario_special_day *d = &l->v[l->n];
    memset(d, 0, sizeof *d);
    d->volume_factor = 1.0;
    l->line[l->n] = line;
    l->n++;
    return d;
}

/* The horizon day of date d, or SCENARIO_NONE when it falls outside the horizon. */
static size_t horizon_day(const scenario *s, scenario_date d)
{
    long k = scenario_date_to_days(d) - scenario_date_to_days(s->start_date);
    return k >= 0 && (size_t)k < s->horizon_days ? (size_t)k : SCENARIO_NONE;
}

static sim_status special_row(const csvread_row *row, void *data, sim_error *e)
{
    (void)e;
    special_list *l = data;
    conv *c = l->c;
    if (row->index == 0) {
        l->col_date = l->col_name = l->col_closed = l->col_factor = -1;
        for (size_t i = 0; i < row->n; i++) {
            const char *h = row->field[i];
            int *col = strcmp(h, "date") == 0            ? &l->col_date
                       : strcmp(h, "name") == 0          ? &l->col_name
                       : strcmp(h, "closed") == 0        ? &l->col_closed
                       : strcmp(h, "volume_factor") == 0 ? &l->col_factor
                                                         : NULL;
            if (col == NULL)
                err_file(c, row->file, row->line, (int)i + 1,
                         "unknown column '%s' (expected date, name, closed, volume_factor)", h);
            else if (*col >= 0)
                err_file(c, row->file, row->line, (int)i + 1, "column '%s' appears twice", h);
            else
                *col = (int)i;
        }
        if (l->col_date < 0)
            err_file(c, row->file, row->line, 1, "the header has no 'date' column");
        l->header_ok = l->col_date >= 0;
        return SIM_OK;
    }
    if (!l->header_ok)
        return SIM_OK;
    scenario_date date;
    size_t cd = (size_t)l->col_date;
    if (cd >= row->n || !scenario_date_parse(row->field[cd], &date)) {
        err_file(c, row->file, row->line, (int)cd + 1, "date: expected YYYY-MM-DD, got '%s'",
                 cd < row->n ? row->field[cd] : "");
        return SIM_OK;
    }
    int closed = 0;
    if (l->col_closed >= 0 && (size_t)l->col_closed < row->n) {
        const char *v = row->field[l->col_closed];
        if (strcmp(v, "true") == 0 || strcmp(v, "1") == 0 || strcmp(v, "yes") == 0)
            closed = 1;
        else if (!(v[0] == '\0' || strcmp(v, "false") == 0 || strcmp(v, "0") == 0 ||
                   strcmp(v, "no") == 0))
            err_file(c, row->file, row->line, l->col_closed + 1,
                     "closed: expected true or false, got '%s'", v);
    }
    double factor = 1.0;
    if (l->col_factor >= 0 && (size_t)l->col_factor < row->n &&
        row->field[l->col_factor][0] != '\0') {
        sim_error ne;
        if (csvread_number(row, (size_t)l->col_factor, "volume_factor", &factor, &ne) != SIM_OK) {
            err_file(c, row->file, ne.line, ne.column, "%s", ne.message);
            factor = 1.0;
        } else if (factor < 0.0 || factor > 100.0) {
            err_file(c, row->file, row->line, l->col_factor + 1,
                     "volume_factor: %g is outside [0, 100]", factor);
            factor = 1.0;
        }
    }
    size_t day = horizon_day(c->scn, date);
    if (day == SCENARIO_NONE)
        return SIM_OK; /* a calendar spans years; only the horizon's days matter */
    for (size_t k = 0; k < l->n; k++)
        if (l->v[k].day == day) {
            err_file(c, row->file, row->line, (int)cd + 1,
                     "date %s appears twice (also on line %d)", row->field[cd], l->line[k]);
            return SIM_OK;
        }
    scenario_special_day *d = special_push(l, row->line);
    if (d == NULL)
        return SIM_ENOMEM;
    d->day = day;
    d->date = date;
    if (l->col_name >= 0 && (size_t)l->col_name < row->n)
        snprintf(d->name, sizeof d->name, "%s", row->field[l->col_name]);
    d->closed = closed;
    d->has_hours = closed;
    d->volume_factor = factor;
    return SIM_OK;
}

static int cmp_special(const void *a, const void *b)
{
    const scenario_special_day *x = a, *y = b;
    return x->day < y->day ? -1 : x->day > y->day;
}

static void conv_special_days(conv *c, const cJSON *root)
{
    scenario *s = c->scn;
    const cJSON *arr = get(root, "special_days");
    const char *file = str(root, "special_days_file", NULL);
    if (arr == NULL && file == NULL)
        return;
    if (!s->has_dates) {
        err(c, arr != NULL ? "special_days" : "special_days_file",
            "special days need a start_date (they are dates)");
        return;
    }
    if (s->horizon_days < 1 || c->ipd == 0)
        return;
    special_list l = {c, NULL, NULL, 0, 0, -1, -1, -1, -1, 0};
    if (file != NULL && file[0] != '\0') {
        char full[SCENARIO_PATH_BYTES];
        if (scenario_json_data_path(c->ctx, "special_days_file", file, full, sizeof full) != 0)
            return;
        sim_error e;
        sim_error_clear(&e);
        sim_status st = csvread_file(full, special_row, &l, &e);
        if (st == SIM_ENOMEM)
            nomem(c);
        else if (st == SIM_EIO)
            err(c, "special_days_file", "%s: %s", full, e.message);
        else if (st != SIM_OK)
            err_file(c, full, e.line, e.column, "%s", e.message);
    }
    size_t n_inline = count_items(arr);
    if (n_inline > 0) {
        s->special_pool = sim_calloc(n_inline * c->ipd, sizeof(double));
        if (s->special_pool == NULL) {
            nomem(c);
            goto out;
        }
    }
    size_t i = 0;
    char p[P_MAX], q[P_MAX];
    for (const cJSON *o = n_inline > 0 ? arr->child : NULL; o != NULL; o = o->next, i++) {
        pathf(p, "special_days[%zu].date", i);
        const char *ds = str(o, "date", NULL);
        scenario_date date;
        if (ds == NULL)
            continue; /* required: reported by the schema check */
        if (!scenario_date_parse(ds, &date)) {
            err(c, p, "'%s' is not a date of the form YYYY-MM-DD", ds);
            continue;
        }
        int closed = cJSON_IsTrue(get(o, "closed"));
        const cJSON *hours = get(o, "hours");
        if (closed && hours != NULL) {
            pathf(q, "special_days[%zu].hours", i);
            err(c, q, "a closed day has no opening hours: give closed or hours, not both");
            continue;
        }
        size_t day = horizon_day(s, date);
        if (day == SCENARIO_NONE)
            continue;
        scenario_special_day *d = NULL;
        for (size_t k = 0; k < l.n; k++)
            if (l.v[k].day == day) {
                if (l.line[k] == 0) {
                    err(c, p, "date %s appears twice in special_days", ds);
                    d = NULL;
                    goto next;
                }
                d = &l.v[k]; /* an inline entry replaces the file's */
                memset(d, 0, sizeof *d);
                d->volume_factor = 1.0;
                l.line[k] = 0;
                break;
            }
        if (d == NULL && (d = special_push(&l, 0)) == NULL)
            goto out;
        d->day = day;
        d->date = date;
        char nbuf[DEF_MAX];
        snprintf(d->name, sizeof d->name, "%s", str_d(o, "special_days[].name", nbuf));
        d->closed = closed;
        d->has_hours = closed;
        d->volume_factor = num_d(o, "special_days[].volume_factor");
        if (hours != NULL) {
            pathf(q, "special_days[%zu].hours", i);
            size_t nw = read_windows(c, hours, q, "hours", d->windows);
            if (nw != SCENARIO_NONE) {
                d->has_hours = 1;
                d->n_windows = nw;
            }
        }
        double *shape = s->special_pool + i * c->ipd;
        const cJSON *intraday = get(o, "intraday");
        if (intraday != NULL) {
            pathf(q, "special_days[%zu].intraday", i);
            size_t n = count_items(intraday);
            double sum = 0.0;
            size_t k = 0;
            for (const cJSON *v = intraday->child; v != NULL && k < c->ipd; v = v->next, k++) {
                shape[k] = cJSON_IsNumber(v) && v->valuedouble >= 0 ? v->valuedouble : 0.0;
                sum += shape[k];
            }
            if (n != c->ipd)
                err(c, q, "expected %zu values (one per %g-second interval of a day), got %zu",
                    c->ipd, s->interval_s, n);
            else if (!(sum > 0.0))
                err(c, q, "profile weights must not all be zero");
            else {
                for (k = 0; k < c->ipd; k++)
                    shape[k] /= sum;
                d->intraday = shape;
            }
        } else if (d->has_hours && d->n_windows > 0) {
            /* shorter or longer hours: the day's volume arrives over them, uniformly */
            double sum = 0.0;
            for (size_t k = 0; k < c->ipd; k++) {
                double a = (double)k * s->interval_s, b = a + s->interval_s;
                shape[k] = 0.0;
                for (size_t w = 0; w < d->n_windows; w++) {
                    double lo = fmax(a, d->windows[w].open_s), hi = fmin(b, d->windows[w].close_s);
                    if (hi > lo)
                        shape[k] += hi - lo;
                }
                sum += shape[k];
            }
            for (size_t k = 0; k < c->ipd; k++)
                shape[k] /= sum;
            d->intraday = shape;
        }
    next:;
    }
    if (l.n > 0)
        qsort(l.v, l.n, sizeof *l.v, cmp_special);
    s->special_days = l.v;
    s->n_special_days = l.n;
    l.v = NULL;
out:
    sim_free(l.v);
    sim_free(l.line);
}

/* Seasonality: a multiplier per month or ISO week, turned into one factor per horizon day. */
static void conv_seasonality(conv *c, const cJSON *root)
{
    scenario *s = c->scn;
    const cJSON *o = get(root, "seasonality");
    if (o == NULL)
        return;
    const cJSON *month = get(o, "month"), *week = get(o, "iso_week");
    if (!s->has_dates) {
        err(c, "seasonality", "seasonality needs a start_date (it follows the calendar)");
        return;
    }
    if ((month != NULL) == (week != NULL)) {
        err(c, "seasonality", "give one of month (12 values) or iso_week (53 values)");
        return;
    }
    const cJSON *arr = month != NULL ? month : week;
    size_t want = month != NULL ? 12 : 53, n = count_items(arr);
    const char *path = month != NULL ? "seasonality.month" : "seasonality.iso_week";
    if (n != want) {
        err(c, path, "expected %zu values, got %zu", want, n);
        return;
    }
    double f[53];
    size_t k = 0;
    for (const cJSON *v = arr->child; v != NULL && k < want; v = v->next, k++)
        f[k] = cJSON_IsNumber(v) ? v->valuedouble : 1.0;
    if (s->horizon_days < 1)
        return;
    s->season_factor = sim_malloc_array(s->horizon_days, sizeof(double));
    if (s->season_factor == NULL) {
        nomem(c);
        return;
    }
    long z0 = scenario_date_to_days(s->start_date);
    for (size_t d = 0; d < s->horizon_days; d++) {
        scenario_date x = scenario_date_from_days(z0 + (long)d);
        s->season_factor[d] = month != NULL ? f[x.month - 1] : f[scenario_date_iso_week(x) - 1];
    }
}

static void conv_channel(conv *c, const cJSON *o, size_t i, const double *def_intraday,
                         const double def_weekday[7])
{
    scenario *s = c->scn;
    scenario_channel *ch = &s->channels[i];
    char base[P_MAX], p[P_MAX];
    pathf(base, "channels[%zu]", i);
    const char *kind = str(o, "kind", "voice");
    const scenario_kind_props *kp = scenario_channel_kind_find(kind);
    ch->kind = kp != NULL ? kp->kind : SCENARIO_CHANNEL_VOICE; /* the schema refused others */
    kp = scenario_channel_kind_props(ch->kind);
    scenario_channel_kind k = ch->kind;
    const char *kn = scenario_channel_kind_name(k); /* for defaults by kind */
    char buf[DEF_MAX], wbuf[DEF_MAX], abuf[DEF_MAX];
    int rt = kp->realtime;

    /* fields that do not apply to this kind: a planner's slip worth an error */
    static const struct {
        const char *field;
        unsigned kinds; /* bit per kind where it applies */
    } applies[] = {
        {"concurrency", 1u << SCENARIO_CHANNEL_CHAT},
        {"stretch", 1u << SCENARIO_CHANNEL_CHAT},
        {"response_target_s", (1u << SCENARIO_CHANNEL_DEFERRED) | (1u << SCENARIO_CHANNEL_CALLBACK)},
        {"backlog", 1u << SCENARIO_CHANNEL_DEFERRED},
        {"resolve_share", 1u << SCENARIO_CHANNEL_SELF_SERVICE},
        {"callback_offer", (1u << SCENARIO_CHANNEL_VOICE) | (1u << SCENARIO_CHANNEL_VIDEO)},
        {"retrial", (1u << SCENARIO_CHANNEL_VOICE) | (1u << SCENARIO_CHANNEL_VIDEO)
                        | (1u << SCENARIO_CHANNEL_CHAT)},
        {"patience", ~(1u << SCENARIO_CHANNEL_SELF_SERVICE)},
        {"patience_by_period", ~(1u << SCENARIO_CHANNEL_SELF_SERVICE)},
        {"service_level", ~(1u << SCENARIO_CHANNEL_SELF_SERVICE)},
        {"fcr_share", ~(1u << SCENARIO_CHANNEL_SELF_SERVICE)},
        {"agents", ~(1u << SCENARIO_CHANNEL_SELF_SERVICE)},
        {"at_close", ~(1u << SCENARIO_CHANNEL_SELF_SERVICE)},
        {"lines", (1u << SCENARIO_CHANNEL_VOICE) | (1u << SCENARIO_CHANNEL_VIDEO)},
        {"balking", (1u << SCENARIO_CHANNEL_VOICE) | (1u << SCENARIO_CHANNEL_VIDEO)
                        | (1u << SCENARIO_CHANNEL_CHAT)},
        {"max_queue_s", (1u << SCENARIO_CHANNEL_VOICE) | (1u << SCENARIO_CHANNEL_VIDEO)
                            | (1u << SCENARIO_CHANNEL_CHAT)},
        {"at_max_queue", (1u << SCENARIO_CHANNEL_VOICE) | (1u << SCENARIO_CHANNEL_VIDEO)
                             | (1u << SCENARIO_CHANNEL_CHAT)},
        {"message_channel", (1u << SCENARIO_CHANNEL_VOICE) | (1u << SCENARIO_CHANNEL_VIDEO)
                                | (1u << SCENARIO_CHANNEL_CHAT)},
        {"reach", 1u << SCENARIO_CHANNEL_CALLBACK},
        {"wrap_up", ~(1u << SCENARIO_CHANNEL_SELF_SERVICE)},
        {"transfer", ~(1u << SCENARIO_CHANNEL_SELF_SERVICE)},
    };
    for (size_t a = 0; a < sizeof applies / sizeof applies[0]; a++) {
        if (has(o, applies[a].field) && !(applies[a].kinds & (1u << k))) {
            pathf(p, "%s.%s", base, applies[a].field);
            err(c, p, "does not apply to a %s channel", kind);
        }
    }

    const cJSON *ht = get(o, "handle_time");
    double unused_mean;
    if (ht == NULL
        && !scenario_schema_default_mean(scenario_schema_find("channels[].handle_time"), kn,
                                         &unused_mean))
        err(c, base, "missing required field 'handle_time' (agent time per contact)");
    pathf(p, "%s.handle_time", base);
    read_dist(c, ht, p, "channels[].handle_time", kn, &ch->handle_time, 300);
    const cJSON *pat = get(o, "patience");
    ch->has_patience = cJSON_IsObject(pat) && k != SCENARIO_CHANNEL_SELF_SERVICE;
    pathf(p, "%s.patience", base);
    read_dist(c, pat, p, "channels[].patience", kn, &ch->patience, 600);
    pathf(p, "%s.handle_time_by_period", base);
    c->errors += scenario_dist_read_periods(c->ctx, s, get(o, "handle_time_by_period"), p,
                                            "channels[].handle_time_by_period",
                                            &ch->handle_periods, &ch->n_handle_periods);
    pathf(p, "%s.patience_by_period", base);
    if (has(o, "patience_by_period") && !ch->has_patience && k != SCENARIO_CHANNEL_SELF_SERVICE)
        err(c, p, "needs the channel's patience (the distribution outside the periods)");
    c->errors += scenario_dist_read_periods(c->ctx, s, get(o, "patience_by_period"), p,
                                            "channels[].patience_by_period",
                                            &ch->patience_periods, &ch->n_patience_periods);
    const cJSON *wrap = get(o, "wrap_up");
    ch->has_wrap_up = cJSON_IsObject(wrap) && k != SCENARIO_CHANNEL_SELF_SERVICE;
    pathf(p, "%s.wrap_up", base);
    read_dist(c, wrap, p, "channels[].wrap_up", kn, &ch->wrap_up, 60);
    ch->transfer_channel = SCENARIO_NONE;
    ch->transfer_share = 0;
    ch->transfer_conference_share = num_d(NULL, "channels[].transfer.conference_share");
    ch->transfer_conference_s = num_d(NULL, "channels[].transfer.conference_s");
    const cJSON *tr = get(o, "transfer");
    if (cJSON_IsObject(tr) && k != SCENARIO_CHANNEL_SELF_SERVICE) {
        const char *tn = str(tr, "to", NULL);
        pathf(p, "%s.transfer.to", base);
        size_t t = tn != NULL ? channel_ref(c, p, tn) : SCENARIO_NONE;
        if (t == i)
            err(c, p, "a channel cannot transfer to itself");
        else if (t != SCENARIO_NONE && s->channels[t].kind == SCENARIO_CHANNEL_SELF_SERVICE)
            err(c, p, "channel '%s' is self-service; a transfer needs a channel served by agents",
                tn);
        else if (t != SCENARIO_NONE) {
            ch->transfer_channel = t;
            ch->transfer_share = num(tr, "share", 0);
            ch->transfer_conference_share = num_d(tr, "channels[].transfer.conference_share");
            ch->transfer_conference_s = num_d(tr, "channels[].transfer.conference_s");
            pathf(p, "%s.transfer.conference_share", base);
            if (ch->transfer_conference_share > 0 &&
                !scenario_channel_kind_props(s->channels[t].kind)->realtime)
                err(c, p, "a conference needs a real-time channel to join; '%s' is %s", tn,
                    scenario_channel_kind_name(s->channels[t].kind));
        }
    }
    /* other kinds hold one contact at a time, whatever the default */
    ch->concurrency =
        k == SCENARIO_CHANNEL_CHAT ? to_size(num_d(o, "channels[].concurrency")) : 1;
    if (ch->concurrency < 1)
        ch->concurrency = 1;
    ch->stretch = num_d(o, "channels[].stretch");
    ch->response_target_s = num_d(o, "channels[].response_target_s");
    ch->backlog = strcmp(str_d(o, "channels[].backlog", buf), "oldest_due_first") == 0
                      ? SCENARIO_BACKLOG_OLDEST_DUE_FIRST
                      : SCENARIO_BACKLOG_FIFO;
    ch->resolve_share = num_d(o, "channels[].resolve_share");
    ch->callback_channel = SCENARIO_NONE;
    const cJSON *cb = get(o, "callback_offer");
    if (cJSON_IsObject(cb) && kp->callback_offer) {
        const char *cbn = str(cb, "channel", NULL);
        pathf(p, "%s.callback_offer.channel", base);
        if (cbn != NULL) {
            size_t t = channel_ref(c, p, cbn);
            if (t != SCENARIO_NONE && s->channels[t].kind != SCENARIO_CHANNEL_CALLBACK)
                err(c, p, "channel '%s' is not a callback channel (kind %s)", cbn,
                    scenario_channel_kind_name(s->channels[t].kind));
            else
                ch->callback_channel = t;
        }
        ch->callback_offer_after_s = num_d(cb, "channels[].callback_offer.after_wait_s");
        ch->callback_accept_share = num_d(cb, "channels[].callback_offer.accept_share");
        ch->callback_offer_on_estimate = has(cb, "estimated_wait_s");
        ch->callback_offer_estimate_s = num(cb, "estimated_wait_s", 0);
        if (ch->callback_offer_on_estimate && has(cb, "after_wait_s")) {
            pathf(p, "%s.callback_offer.estimated_wait_s", base);
            err(c, p, "give after_wait_s (an offer after waiting) or estimated_wait_s (an offer "
                      "on joining the queue), not both");
        }
    }
    /* other kinds never redial, whatever the default */
    const cJSON *rtr = get(o, "retrial");
    ch->retrial_share = rt ? num_d(rtr, "channels[].retrial.share") : 0;
    ch->retrial_delay_mean_s = num_d(rtr, "channels[].retrial.delay_mean_s");
    /* the queue's entrance and exit: absent means off (0) */
    ch->lines = kp->line == SCENARIO_LINE_TALK_AND_WAIT ? to_size(num(o, "lines", 0)) : 0;
    const cJSON *blk = get(o, "balking");
    ch->balk_share = rt ? num_d(blk, "channels[].balking.share") : 0;
    ch->balk_per_caller_ahead = rt ? num_d(blk, "channels[].balking.per_caller_ahead") : 0;
    ch->balk_per_announced_minute =
        rt ? num_d(blk, "channels[].balking.per_announced_minute") : 0;
    ch->has_balking = ch->balk_share > 0 || ch->balk_per_caller_ahead > 0
                      || ch->balk_per_announced_minute > 0;
    ch->max_queue_s = rt ? num(o, "max_queue_s", 0) : 0;
    char mbuf[DEF_MAX];
    const char *amq = rt ? str_d(o, "channels[].at_max_queue", mbuf) : "abandon";
    ch->at_max_queue = strcmp(amq, "message") == 0    ? SCENARIO_MAX_QUEUE_MESSAGE
                       : strcmp(amq, "callback") == 0 ? SCENARIO_MAX_QUEUE_CALLBACK
                                                      : SCENARIO_MAX_QUEUE_ABANDON;
    ch->message_channel = SCENARIO_NONE;
    const char *mcn = str(o, "message_channel", NULL);
    if (rt && mcn != NULL) {
        pathf(p, "%s.message_channel", base);
        size_t t = channel_ref(c, p, mcn);
        if (t != SCENARIO_NONE && s->channels[t].kind != SCENARIO_CHANNEL_DEFERRED)
            err(c, p, "channel '%s' is not a deferred channel (kind %s)", mcn,
                scenario_channel_kind_name(s->channels[t].kind));
        else
            ch->message_channel = t;
    }
    if (rt && !has(o, "max_queue_s") && (has(o, "at_max_queue") || mcn != NULL)) {
        pathf(p, "%s.%s", base, has(o, "at_max_queue") ? "at_max_queue" : "message_channel");
        err(c, p, "applies only with max_queue_s (the longest time in queue)");
    } else if (ch->at_max_queue == SCENARIO_MAX_QUEUE_MESSAGE && mcn == NULL) {
        pathf(p, "%s.at_max_queue", base);
        err(c, p, "message needs message_channel (the deferred channel taking the messages)");
    } else if (ch->at_max_queue != SCENARIO_MAX_QUEUE_MESSAGE && mcn != NULL) {
        pathf(p, "%s.message_channel", base);
        err(c, p, "applies only with at_max_queue message");
    } else if (ch->at_max_queue == SCENARIO_MAX_QUEUE_CALLBACK && !kp->callback_offer) {
        pathf(p, "%s.at_max_queue", base);
        err(c, p, "a %s channel has no callback offer; use abandon or message", kind);
    } else if (ch->at_max_queue == SCENARIO_MAX_QUEUE_CALLBACK && !cJSON_IsObject(cb)) {
        pathf(p, "%s.at_max_queue", base);
        err(c, p, "callback needs the channel's callback_offer (which callback channel, "
                  "accept_share)");
    }
    /* callback attempts: absent, every attempt reaches the customer */
    const cJSON *rch = get(o, "reach");
    ch->has_reach = cJSON_IsObject(rch) && k == SCENARIO_CHANNEL_CALLBACK;
    ch->reach_share = ch->has_reach ? num_d(rch, "channels[].reach.share") : 1;
    ch->reach_attempts = ch->has_reach ? to_size(num_d(rch, "channels[].reach.attempts")) : 1;
    ch->reach_retry_delay_s = num_d(rch, "channels[].reach.retry_delay_s");
    ch->reach_attempt_s = num_d(rch, "channels[].reach.attempt_s");
    const cJSON *sl = get(o, "service_level");
    ch->sl_target = num_d(sl, "channels[].service_level.target");
    /* a kind whose default threshold is no number takes the field the table names there:
     * the answer target, read above */
    double thr = ch->response_target_s;
    (void)scenario_schema_default_number(
        scenario_schema_find("channels[].service_level.threshold_s"), kn, &thr);
    ch->sl_threshold_s = num(sl, "threshold_s", thr);
    ch->fcr_share = num_d(o, "channels[].fcr_share");
    ch->priority = to_unsigned(num_k(o, "channels[].priority", kn));
    pathf(p, "%s.hours", base);
    read_hours(c, get(o, "hours"), p, &ch->hours);
    const char *wc = str_k(o, "channels[].when_closed", kn, wbuf);
    ch->when_closed = strcmp(wc, "hop") == 0    ? SCENARIO_CLOSED_HOP
                      : strcmp(wc, "wait") == 0 ? SCENARIO_CLOSED_WAIT
                                                : SCENARIO_CLOSED_LOST;
    if (ch->when_closed == SCENARIO_CLOSED_WAIT && k == SCENARIO_CHANNEL_SELF_SERVICE
        && has(o, "when_closed")) {
        /* real-time contacts retry at the next opening (scenario.h); self-service has no
         * queue to wait in: make the planner say what happens instead */
        pathf(p, "%s.when_closed", base);
        err(c, p, "a %s channel cannot make contacts wait while closed; use hop or lost",
            kind);
    }
    /* Contacts still queued at closing: real-time queues are served by the agents present
     * (what centers do) unless the planner says otherwise; a deferred or callback backlog
     * always carries over to the next opening. */
    /* self-service has no queue and no at_close default: set to hold below */
    const char *ac = k == SCENARIO_CHANNEL_SELF_SERVICE ? ""
                                                        : str_k(o, "channels[].at_close", kn, abuf);
    ch->at_close = strcmp(ac, "hold") == 0      ? SCENARIO_AT_CLOSE_HOLD
                   : strcmp(ac, "abandon") == 0  ? SCENARIO_AT_CLOSE_ABANDON
                   : strcmp(ac, "callback") == 0 ? SCENARIO_AT_CLOSE_CALLBACK
                                                 : SCENARIO_AT_CLOSE_SERVE;
    if (k == SCENARIO_CHANNEL_SELF_SERVICE) {
        ch->at_close = SCENARIO_AT_CLOSE_HOLD; /* no queue; "at_close" refused above */
    } else if (!rt && ch->at_close != SCENARIO_AT_CLOSE_HOLD) {
        pathf(p, "%s.at_close", base);
        err(c, p, "a %s channel's backlog carries over to the next opening; only hold applies",
            kind);
    } else if (ch->at_close == SCENARIO_AT_CLOSE_CALLBACK && k == SCENARIO_CHANNEL_CHAT) {
        pathf(p, "%s.at_close", base);
        err(c, p, "a chat channel has no callback offer; use serve, hold or abandon");
    } else if (ch->at_close == SCENARIO_AT_CLOSE_CALLBACK && !cJSON_IsObject(cb)) {
        pathf(p, "%s.at_close", base);
        err(c, p, "callback needs the channel's callback_offer (which callback channel, "
                  "accept_share)");
    }
    ch->daily_volume = num_d(o, "channels[].daily_volume");
    /* the table's default names demand.overdispersion_cv, read before the channels */
    ch->day_cv = num(o, "day_cv", s->overdispersion_cv);
    if (has(o, "day_cv") && !s->has_day_correlation) {
        pathf(p, "%s.day_cv", base);
        err(c, p, "needs demand.day_correlation (without it one day factor of CV "
                  "demand.overdispersion_cv is shared by every channel)");
    }
    pathf(p, "%s.intraday", base);
    ch->intraday = read_intraday(c, get(o, "intraday"), p, def_intraday);
    if (!c->demand_intraday && !has(o, "intraday")
        && s->demand_mode == SCENARIO_DEMAND_PER_CHANNEL) {
        const scenario_hours *h = &ch->hours;
        ch->open_profile = open_profile(c, &h, 1);
    }
    pathf(p, "%s.weekday", base);
    read_weekday(c, get(o, "weekday"), p, def_weekday, ch->weekday);
    if (s->demand_mode == SCENARIO_DEMAND_BY_SEGMENT) {
        static const char *const per_channel_only[] = {"daily_volume", "intraday", "weekday"};
        for (size_t a = 0; a < 3; a++)
            if (has(o, per_channel_only[a])) {
                pathf(p, "%s.%s", base, per_channel_only[a]);
                err(c, p, "is only used with demand.mode per_channel; in by_segment mode set "
                          "demand.daily_volume and segment profiles");
            }
        ch->daily_volume = 0;
    }
}

static void add_group_skill(scenario_group *g, size_t ch, unsigned prio, double factor)
{
    if (g->n_skills < SCENARIO_MAX_CHANNELS) {
        g->skills[g->n_skills].channel = ch;
        g->skills[g->n_skills].priority = prio;
        g->skills[g->n_skills].handle_time_factor = factor;
        g->n_skills++;
    }
}

static void conv_channels(conv *c, const cJSON *root)
{
    scenario *s = c->scn;
    const cJSON *arr = get(root, "channels");
    size_t n = count_items(arr);
    if (!cJSON_IsArray(arr))
        return; /* missing or wrong type: reported by the schema check */
    if (n == 0) {
        err(c, "channels", "a scenario needs at least one channel");
        return;
    }
    if (n > SCENARIO_MAX_CHANNELS) {
        err(c, "channels", "%zu channels; at most %d are supported", n, SCENARIO_MAX_CHANNELS);
        return;
    }
    s->channels = sim_calloc(n, sizeof *s->channels);
    if (s->channels == NULL) {
        nomem(c);
        return;
    }
    /* names first, so that channels may refer to each other (callback offers) */
    char p[P_MAX];
    size_t i = 0;
    for (const cJSON *o = arr->child; o != NULL; o = o->next, i++) {
        pathf(p, "channels[%zu].name", i);
        const char *nm = str(o, "name", NULL);
        if (nm == NULL) {
            snprintf(s->channels[i].name, SCENARIO_NAME_MAX, "channel%zu", i);
            continue;
        }
        if (!check_name(c, p, nm, s->channels[i].name))
            snprintf(s->channels[i].name, SCENARIO_NAME_MAX, "channel%zu", i);
        for (size_t j = 0; j < i; j++)
            if (strcmp(s->channels[j].name, s->channels[i].name) == 0)
                err(c, p, "duplicate channel name '%s' (also channels[%zu])", nm, j);
    }
    s->n_channels = n;
    /* channel kinds are needed before callback references are checked */
    i = 0;
    for (const cJSON *o = arr->child; o != NULL; o = o->next, i++) {
        const char *kind = str(o, "kind", "voice");
        for (int k = 0; k < SCENARIO_CHANNEL_KIND_COUNT; k++)
            if (strcmp(kind, scenario_channel_kind_name((scenario_channel_kind)k)) == 0)
                s->channels[i].kind = (scenario_channel_kind)k;
    }
}

/* Transfers with share 1 that lead back to where they started never end a contact (every
 * served contact is passed on, around and around): refused, once per loop, at its first
 * channel. Each channel has at most one target, so following the share-1 steps from a
 * channel either stops or comes back within n_channels steps. */
static void check_transfer_loops(conv *c)
{
    const scenario *s = c->scn;
    for (size_t i = 0; i < s->n_channels; i++) {
        size_t t = i, steps = 0, first = i;
        while (steps <= s->n_channels && s->channels[t].transfer_channel != SCENARIO_NONE
               && s->channels[t].transfer_share >= 1) {
            t = s->channels[t].transfer_channel;
            steps++;
            if (t < first)
                first = t;
            if (t == i)
                break;
        }
        if (t != i || steps == 0 || first != i)
            continue; /* no loop through i, or reported at its first channel */
        char loop[P_MAX], p[P_MAX];
        size_t len = 0;
        t = i;
        do {
            len += (size_t)snprintf(loop + len, len < sizeof loop ? sizeof loop - len : 0,
                                    "%s -> ", s->channels[t].name);
            t = s->channels[t].transfer_channel;
        } while (t != i && len < sizeof loop);
        if (len < sizeof loop)
            snprintf(loop + len, sizeof loop - len, "%s", s->channels[i].name);
        pathf(p, "channels[%zu].transfer.share", i);
        err(c, p,
            "transfer loop %s with share 1 at every step: a contact would never leave; "
            "give one of them a share below 1",
            loop);
    }
}

static void conv_demand(conv *c, const cJSON *root, const double **def_intraday,
                        double def_weekday[7])
{
    scenario *s = c->scn;
    const cJSON *d = get(root, "demand");
    char buf[DEF_MAX];
    s->demand_mode = strcmp(str_d(d, "demand.mode", buf), "by_segment") == 0
                         ? SCENARIO_DEMAND_BY_SEGMENT
                         : SCENARIO_DEMAND_PER_CHANNEL;
    s->daily_volume = num_d(d, "demand.daily_volume");
    if (s->demand_mode == SCENARIO_DEMAND_PER_CHANNEL && has(d, "daily_volume"))
        err(c, "demand.daily_volume",
            "is only used with demand.mode by_segment; in per_channel mode give each "
            "channel a daily_volume");
    if (s->demand_mode == SCENARIO_DEMAND_BY_SEGMENT && !(s->daily_volume > 0))
        err(c, d != NULL ? "demand.daily_volume" : "demand",
            "by_segment demand needs demand.daily_volume > 0");
    s->overdispersion_cv = num_d(d, "demand.overdispersion_cv");
    s->has_day_correlation = cJSON_IsNumber(get(d, "day_correlation"));
    s->day_correlation = num(d, "day_correlation", 0);
    s->busyness_cv = num_d(d, "demand.busyness_cv");
    if (s->has_day_correlation && s->demand_mode != SCENARIO_DEMAND_PER_CHANNEL)
        err(c, "demand.day_correlation",
            "a day factor per channel needs demand.mode per_channel (in by_segment mode the "
            "sources are segments)");
    *def_intraday = read_intraday(c, get(d, "intraday"), "demand.intraday", NULL);
    c->demand_intraday = has(d, "intraday");
    read_weekday(c, get(d, "weekday"), "demand.weekday", NULL, def_weekday);
}

static void conv_segments(conv *c, const cJSON *root, const double *def_intraday,
                          const double def_weekday[7])
{
    scenario *s = c->scn;
    const cJSON *arr = get(root, "segments");
    size_t n = count_items(arr);
    char base[P_MAX], p[P_MAX];
    if (n > SCENARIO_MAX_SEGMENTS) {
        err(c, "segments", "%zu segments; at most %d are supported", n, SCENARIO_MAX_SEGMENTS);
        return;
    }
    if (n == 0 && s->demand_mode == SCENARIO_DEMAND_BY_SEGMENT)
        err(c, has(root, "segments") ? "segments" : "demand.mode",
            "by_segment demand needs at least one segment");
    size_t alloc = n == 0 ? 1 : n;
    s->segments = sim_calloc(alloc, sizeof *s->segments);
    if (s->segments == NULL) {
        nomem(c);
        return;
    }
    s->n_segments = alloc;
    if (n == 0) {
        /* one segment "all": preferences follow the channels' volumes */
        scenario_segment *g = &s->segments[0];
        snprintf(g->name, sizeof g->name, "all");
        g->population_share = 1;
        g->patience_factor = num_d(NULL, "segments[].patience_factor");
        g->handle_time_factor = num_d(NULL, "segments[].handle_time_factor");
        double total = 0;
        for (size_t k = 0; k < s->n_channels; k++)
            total += s->channels[k].daily_volume;
        for (size_t k = 0; k < s->n_channels; k++)
            g->preference[k] = total > 0 ? s->channels[k].daily_volume / total
                                         : 1.0 / (double)s->n_channels;
        g->intraday = read_intraday(c, NULL, "", def_intraday);
        memcpy(g->weekday, def_weekday, 7 * sizeof(double));
        return;
    }
    double shares[SCENARIO_MAX_SEGMENTS];
    size_t i = 0;
    for (const cJSON *o = arr->child; o != NULL; o = o->next, i++) {
        scenario_segment *g = &s->segments[i];
        pathf(base, "segments[%zu]", i);
        pathf(p, "%s.name", base);
        const char *nm = str(o, "name", NULL);
        if (nm == NULL || !check_name(c, p, nm, g->name))
            snprintf(g->name, sizeof g->name, "segment%zu", i);
        for (size_t j = 0; j < i; j++)
            if (strcmp(s->segments[j].name, g->name) == 0)
                err(c, p, "duplicate segment name '%s' (also segments[%zu])", g->name, j);
        shares[i] = num(o, "share", 0);
        pathf(p, "%s.preference", base);
        if (read_channel_map(c, get(o, "preference"), p, g->preference) == 0
            && cJSON_IsObject(get(o, "preference")))
            check_sum(c, p, "preferences", g->preference, s->n_channels, NULL);
        g->patience_factor = num_d(o, "segments[].patience_factor");
        g->handle_time_factor = num_d(o, "segments[].handle_time_factor");
        pathf(p, "%s.intraday", base);
        g->intraday = read_intraday(c, get(o, "intraday"), p, def_intraday);
        if (!c->demand_intraday && !has(o, "intraday")
            && s->demand_mode == SCENARIO_DEMAND_BY_SEGMENT) {
            /* the hours of the channels it can choose first */
            const scenario_hours *hs[SCENARIO_MAX_CHANNELS];
            size_t nh = 0;
            for (size_t k = 0; k < s->n_channels; k++)
                if (g->preference[k] > 0.0)
                    hs[nh++] = &s->channels[k].hours;
            g->open_profile = open_profile(c, hs, nh);
        }
        pathf(p, "%s.weekday", base);
        read_weekday(c, get(o, "weekday"), p, def_weekday, g->weekday);
    }
    if (check_sum(c, "segments", "segment shares", shares, n, NULL))
        for (i = 0; i < n; i++)
            s->segments[i].population_share = shares[i];
    /* per_channel: every channel with demand must be preferred by some segment, or its
     * contacts could not be given a segment */
    if (s->demand_mode == SCENARIO_DEMAND_PER_CHANNEL) {
        for (size_t k = 0; k < s->n_channels; k++) {
            if (!(s->channels[k].daily_volume > 0))
                continue;
            double w = 0;
            for (i = 0; i < n; i++)
                w += shares[i] * s->segments[i].preference[k];
            if (!(w > 0)) {
                pathf(p, "channels[%zu].daily_volume", k);
                err(c, p, "channel '%s' has demand but no segment has a preference for it",
                    s->channels[k].name);
            }
        }
    }
}

/* Which outcomes a channel kind can produce (for hopping rules with "from"). */
static int outcome_possible(scenario_channel_kind k, scenario_outcome o)
{
    const scenario_kind_props *kp = scenario_channel_kind_props(k);
    switch (o) {
    case SCENARIO_OUTCOME_ABANDONED: return kp->abandons;
    case SCENARIO_OUTCOME_UNRESOLVED: return kp->agent_time;
    case SCENARIO_OUTCOME_UNANSWERED: return kp->backlog;
    case SCENARIO_OUTCOME_SELF_SERVICE_FAILED: return !kp->agent_time;
    case SCENARIO_OUTCOME_CLOSED: return 1;
    case SCENARIO_OUTCOME_BLOCKED: return kp->line == SCENARIO_LINE_TALK_AND_WAIT;
    case SCENARIO_OUTCOME_BALKED: return kp->realtime;
    case SCENARIO_OUTCOME_TIMED_OUT: return kp->realtime;
    case SCENARIO_OUTCOME_UNREACHED: return kp->line == SCENARIO_LINE_TALK;
    case SCENARIO_OUTCOME_COUNT: break;
    }
    return 0;
}

static void conv_hopping(conv *c, const cJSON *root)
{
    scenario *s = c->scn;
    size_t cells = s->n_segments * SCENARIO_OUTCOME_COUNT * s->n_channels;
    if (cells == 0)
        return;
    s->hops = sim_calloc(cells, sizeof *s->hops);
    if (s->hops == NULL) {
        nomem(c);
        return;
    }
    /* a cell no rule sets gives the need up ("hopping": "none (every need given up)") */
    scenario_dist no_delay;
    read_dist(c, NULL, "hopping", "hopping[].delay", NULL, &no_delay, 3600);
    for (size_t i = 0; i < cells; i++) {
        s->hops[i].give_up = 1;
        s->hops[i].delay = no_delay;
    }
    const cJSON *arr = get(root, "hopping");
    char base[P_MAX], p[P_MAX];
    size_t i = 0;
    for (const cJSON *o = cJSON_IsArray(arr) ? arr->child : NULL; o != NULL; o = o->next, i++) {
        pathf(base, "hopping[%zu]", i);
        size_t seg = SCENARIO_NONE, from = SCENARIO_NONE;
        int ok = 1;
        const char *sn = str(o, "segment", NULL);
        if (sn != NULL) {
            pathf(p, "%s.segment", base);
            seg = segment_ref(c, p, sn);
            ok &= seg != SCENARIO_NONE;
        }
        const char *fn = str(o, "from", NULL);
        if (fn != NULL) {
            pathf(p, "%s.from", base);
            from = channel_ref(c, p, fn);
            ok &= from != SCENARIO_NONE;
        }
        const char *on = str(o, "outcome", NULL);
        int out = -1;
        for (int k = 0; on != NULL && k < SCENARIO_OUTCOME_COUNT; k++)
            if (strcmp(on, scenario_outcome_name((scenario_outcome)k)) == 0)
                out = k;
        if (out < 0)
            continue; /* missing or invalid: reported by the schema check */
        if (from != SCENARIO_NONE
            && !outcome_possible(s->channels[from].kind, (scenario_outcome)out)) {
            pathf(p, "%s.outcome", base);
            err(c, p, "outcome '%s' cannot happen in channel '%s' (kind %s)", on,
                s->channels[from].name, scenario_channel_kind_name(s->channels[from].kind));
            ok = 0;
        }
        scenario_hop h;
        memset(&h, 0, sizeof h);
        pathf(p, "%s.to", base);
        size_t unknown_to = read_channel_map(c, get(o, "to"), p, h.to);
        double to_sum = 0;
        for (size_t k = 0; k < s->n_channels; k++)
            to_sum += h.to[k];
        h.give_up = num(o, "give_up", 1 - to_sum);
        if (h.give_up < 0 && h.give_up > -SCENARIO_SHARE_TOLERANCE)
            h.give_up = 0;
        if (unknown_to > 0) {
            ok = 0; /* the unknown channel is the error; the sum would only repeat it */
        } else if (h.give_up < 0) {
            err(c, p, "probabilities sum to %.6g; with give_up they must sum to 1", to_sum);
            ok = 0;
        } else if (!check_sum(c, base, "to and give_up", h.to, s->n_channels, &h.give_up)) {
            ok = 0;
        }
        pathf(p, "%s.delay", base);
        read_dist(c, get(o, "delay"), p, "hopping[].delay", NULL, &h.delay, 3600);
        if (!ok)
            continue;
        for (size_t sg = 0; sg < s->n_segments; sg++) {
            if (seg != SCENARIO_NONE && sg != seg)
                continue;
            for (size_t ch = 0; ch < s->n_channels; ch++) {
                if (from != SCENARIO_NONE && ch != from)
                    continue;
                s->hops[(sg * SCENARIO_OUTCOME_COUNT + (size_t)out) * s->n_channels + ch] = h;
            }
        }
    }
}

static void conv_costs(conv *c, const cJSON *root)
{
    scenario_costs *k = &c->scn->costs;
    const cJSON *o = get(root, "costs");
    k->agent_cost_per_hour_eur = num_d(o, "costs.agent_cost_per_hour_eur");
    k->supervisor_ratio = num_d(o, "costs.supervisor_ratio");
    k->supervisor_cost_per_hour_eur = num_d(o, "costs.supervisor_cost_per_hour_eur");
    k->overhead_ratio = num_d(o, "costs.overhead_ratio");
    char buf[DEF_MAX];
    k->platform = strcmp(str_d(o, "costs.platform", buf), "cloud") == 0
                      ? SCENARIO_PLATFORM_CLOUD
                      : SCENARIO_PLATFORM_ON_PREMISE;
    const cJSON *op = get(o, "on_premise");
    k->capex_eur = num_d(op, "costs.on_premise.capex_eur");
    k->depreciation_years = num_d(op, "costs.on_premise.depreciation_years");
    k->maintenance_per_year_eur = num_d(op, "costs.on_premise.maintenance_per_year_eur");
    k->maintenance_growth_per_year = num_d(op, "costs.on_premise.maintenance_growth_per_year");
    k->licence_per_seat_per_year_eur = num_d(op, "costs.on_premise.licence_per_seat_per_year_eur");
    const cJSON *cl = get(o, "cloud");
    k->cloud_per_seat_per_month_eur = num_d(cl, "costs.cloud.per_seat_per_month_eur");
    k->cloud_per_minute_eur = num_d(cl, "costs.cloud.per_minute_eur");
    k->migration_cost_eur = num_d(cl, "costs.cloud.migration_cost_eur");
    k->migration_months = num_d(cl, "costs.cloud.migration_months");
    k->migration_year = to_int(num_d(cl, "costs.cloud.migration_year"));
    if (k->migration_year != 0 && k->migration_year < 1900)
        err(c, "costs.cloud.migration_year", "expected 0 (never) or a year from 1900");
    k->telephony_per_minute_eur = num_d(o, "costs.telephony_per_minute_eur");
    k->discount_rate = num_d(o, "costs.discount_rate");
    const cJSON *wf = get(root, "workforce");
    scenario_workforce *w = &c->scn->workforce;
    w->attrition_per_year = num_d(wf, "workforce.attrition_per_year");
    w->hiring_lead_time_days = num_d(wf, "workforce.hiring_lead_time_days");
    w->training_days = num_d(wf, "workforce.training_days");
    w->training_productivity = num_d(wf, "workforce.training_productivity");
}

static void conv_groups(conv *c, const cJSON *root, const cJSON *channels)
{
    scenario *s = c->scn;
    const cJSON *arr = get(root, "groups");
    size_t n = count_items(arr);
    size_t implicit = 0;
    for (const cJSON *o = cJSON_IsArray(channels) ? channels->child : NULL; o != NULL;
         o = o->next)
        if (cJSON_IsNumber(get(o, "agents")))
            implicit++;
    if (n + implicit > SCENARIO_MAX_GROUPS) {
        err(c, "groups", "%zu groups; at most %d are supported", n + implicit,
            SCENARIO_MAX_GROUPS);
        return;
    }
    if (n + implicit == 0)
        return;
    s->groups = sim_calloc(n + implicit, sizeof *s->groups);
    if (s->groups == NULL) {
        nomem(c);
        return;
    }
    char base[P_MAX], p[P_MAX];
    size_t i = 0;
    for (const cJSON *o = cJSON_IsArray(arr) ? arr->child : NULL; o != NULL; o = o->next, i++) {
        scenario_group *g = &s->groups[i];
        s->n_groups = i + 1;
        pathf(base, "groups[%zu]", i);
        pathf(p, "%s.name", base);
        const char *nm = str(o, "name", NULL);
        if (nm == NULL || !check_name(c, p, nm, g->name))
            snprintf(g->name, sizeof g->name, "group%zu", i);
        for (size_t j = 0; j < i; j++)
            if (strcmp(s->groups[j].name, g->name) == 0)
                err(c, p, "duplicate group name '%s' (also groups[%zu])", g->name, j);
        const cJSON *sk = get(o, "skills");
        size_t si = 0;
        for (const cJSON *it = cJSON_IsArray(sk) ? sk->child : NULL; it != NULL;
             it = it->next, si++) {
            const char *cn = cJSON_IsString(it) ? it->valuestring : str(it, "channel", NULL);
            if (cn == NULL)
                continue;
            pathf(p, "%s.skills[%zu]%s", base, si, cJSON_IsString(it) ? "" : ".channel");
            size_t ch = channel_ref(c, p, cn);
            if (ch == SCENARIO_NONE)
                continue;
            if (s->channels[ch].kind == SCENARIO_CHANNEL_SELF_SERVICE) {
                err(c, p, "'%s' is a self_service channel; it needs no agents", cn);
                continue;
            }
            int dup = 0;
            for (size_t q = 0; q < g->n_skills; q++)
                dup |= g->skills[q].channel == ch;
            if (dup) {
                err(c, p, "skill '%s' listed twice", cn);
                continue;
            }
            add_group_skill(g, ch,
                            to_unsigned(num(it, "priority", s->channels[ch].priority)),
                            num_d(cJSON_IsObject(it) ? it : NULL,
                                  "groups[].skills[].handle_time_factor"));
        }
        if (cJSON_IsArray(sk) && count_items(sk) == 0) {
            pathf(p, "%s.skills", base);
            err(c, p, "a group needs at least one skill");
        }
        const cJSON *api = get(o, "agents_per_interval");
        const char *mode = str(o, "staffing", cJSON_IsArray(api) ? "per_interval" : "fixed");
        g->staffing = strcmp(mode, "per_interval") == 0 ? SCENARIO_STAFFING_PER_INTERVAL
                      : strcmp(mode, "erlang") == 0     ? SCENARIO_STAFFING_ERLANG
                      : strcmp(mode, "schedule") == 0   ? SCENARIO_STAFFING_SCHEDULE
                                                        : SCENARIO_STAFFING_FIXED;
        g->agents = to_size(num_d(o, "groups[].agents"));
        if (g->staffing != SCENARIO_STAFFING_FIXED && has(o, "agents")) {
            pathf(p, "%s.agents", base);
            err(c, p, "is only used with staffing fixed (this group's staffing is %s)", mode);
        }
        if (g->staffing != SCENARIO_STAFFING_PER_INTERVAL && api != NULL) {
            pathf(p, "%s.agents_per_interval", base);
            err(c, p, "is only used with staffing per_interval (this group's staffing is %s)",
                mode);
        }
        if (g->staffing == SCENARIO_STAFFING_PER_INTERVAL) {
            pathf(p, "%s.agents_per_interval", base);
            size_t len = count_items(api);
            if (!cJSON_IsArray(api))
                err(c, base, "staffing per_interval needs agents_per_interval");
            else if (c->ipd > 0 && len != c->ipd && len != 7 * c->ipd)
                err(c, p, "expected %zu values (a day) or %zu (a week from Monday), got %zu",
                    c->ipd, 7 * c->ipd, len);
            else if (c->ipd > 0) {
                g->agents_per_interval = sim_calloc(7 * c->ipd, sizeof(size_t));
                if (g->agents_per_interval == NULL) {
                    nomem(c);
                } else {
                    g->n_agents_per_interval = 7 * c->ipd;
                    size_t q = 0;
                    for (const cJSON *v = api->child; v != NULL; v = v->next, q++)
                        g->agents_per_interval[q] =
                            cJSON_IsNumber(v) ? to_size(v->valuedouble) : 0;
                    for (; q < 7 * c->ipd; q++)
                        g->agents_per_interval[q] = g->agents_per_interval[q % len];
                }
            }
        }
        g->shrinkage = num_d(o, "groups[].shrinkage");
        g->cost_per_hour_eur = num(o, "cost_per_hour_eur", s->costs.agent_cost_per_hour_eur);
        char site[DEF_MAX];
        pathf(p, "%s.site", base);
        if (!check_name(c, p, str_d(o, "groups[].site", site), g->site))
            snprintf(g->site, sizeof g->site, "%s", str_d(NULL, "groups[].site", site));
    }
    /* implicit groups from channels' "agents" */
    size_t ci = 0;
    for (const cJSON *o = cJSON_IsArray(channels) ? channels->child : NULL; o != NULL;
         o = o->next, ci++) {
        if (!cJSON_IsNumber(get(o, "agents")) || ci >= s->n_channels)
            continue;
        scenario_group *g = &s->groups[s->n_groups];
        snprintf(g->name, sizeof g->name, "%s", s->channels[ci].name);
        for (size_t j = 0; j < s->n_groups; j++)
            if (strcmp(s->groups[j].name, g->name) == 0) {
                pathf(p, "channels[%zu].agents", ci);
                err(c, p, "creates a group named '%s', which groups[%zu] already uses",
                    g->name, j);
            }
        s->n_groups++;
        add_group_skill(g, ci, s->channels[ci].priority,
                        num_d(NULL, "groups[].skills[].handle_time_factor"));
        g->staffing = SCENARIO_STAFFING_FIXED;
        g->agents = to_size(num(o, "agents", 0));
        /* the defaults of a group's fields, as for a group the file lists */
        g->shrinkage = num_d(NULL, "groups[].shrinkage");
        g->cost_per_hour_eur = s->costs.agent_cost_per_hour_eur;
        char site[DEF_MAX];
        snprintf(g->site, sizeof g->site, "%s", str_d(NULL, "groups[].site", site));
        g->implicit = 1;
    }
}

static void conv_outsourcers(conv *c, const cJSON *root)
{
    scenario *s = c->scn;
    const cJSON *arr = get(root, "outsourcers");
    size_t n = count_items(arr);
    if (n == 0)
        return;
    if (n > SCENARIO_MAX_OUTSOURCERS) {
        err(c, "outsourcers", "%zu outsourcers; at most %d are supported", n,
            SCENARIO_MAX_OUTSOURCERS);
        return;
    }
    s->outsourcers = sim_calloc(n, sizeof *s->outsourcers);
    if (s->outsourcers == NULL) {
        nomem(c);
        return;
    }
    s->n_outsourcers = n;
    char base[P_MAX], p[P_MAX];
    double share_sum[SCENARIO_MAX_CHANNELS] = {0};
    size_t i = 0;
    for (const cJSON *o = arr->child; o != NULL; o = o->next, i++) {
        scenario_outsourcer *u = &s->outsourcers[i];
        pathf(base, "outsourcers[%zu]", i);
        pathf(p, "%s.name", base);
        const char *nm = str(o, "name", NULL);
        if (nm == NULL || !check_name(c, p, nm, u->name))
            snprintf(u->name, sizeof u->name, "outsourcer%zu", i);
        for (size_t j = 0; j < i; j++)
            if (strcmp(s->outsourcers[j].name, u->name) == 0)
                err(c, p, "duplicate outsourcer name '%s' (also outsourcers[%zu])", u->name, j);
        char buf[DEF_MAX];
        u->mode = strcmp(str_d(o, "outsourcers[].mode", buf), "overflow") == 0
                      ? SCENARIO_OUTSOURCE_OVERFLOW
                      : SCENARIO_OUTSOURCE_SHARE;
        u->share = num_d(o, "outsourcers[].share");
        if (u->mode == SCENARIO_OUTSOURCE_OVERFLOW && has(o, "share")) {
            pathf(p, "%s.share", base);
            err(c, p, "is only used with mode share");
        }
        const cJSON *chs = get(o, "channels");
        size_t q = 0;
        for (const cJSON *it = cJSON_IsArray(chs) ? chs->child : NULL; it != NULL;
             it = it->next, q++) {
            if (!cJSON_IsString(it))
                continue;
            pathf(p, "%s.channels[%zu]", base, q);
            size_t ch = channel_ref(c, p, it->valuestring);
            if (ch == SCENARIO_NONE)
                continue;
            if (s->channels[ch].kind == SCENARIO_CHANNEL_SELF_SERVICE) {
                err(c, p, "'%s' is a self_service channel; it needs no agents",
                    it->valuestring);
                continue;
            }
            u->serves[ch] = 1;
            if (u->mode == SCENARIO_OUTSOURCE_SHARE)
                share_sum[ch] += u->share;
        }
        if (cJSON_IsArray(chs) && q == 0) {
            pathf(p, "%s.channels", base);
            err(c, p, "an outsourcer needs at least one channel");
        }
        u->pricing = strcmp(str_d(o, "outsourcers[].pricing", buf), "per_minute") == 0
                         ? SCENARIO_PRICE_PER_MINUTE
                         : SCENARIO_PRICE_PER_CONTACT;
        u->price_eur = num_d(o, "outsourcers[].price_eur");
        u->agents = to_size(num(o, "agents", 0));
        u->handle_time_factor = num_d(o, "outsourcers[].handle_time_factor");
        const cJSON *sla = get(o, "sla");
        u->sl_target = num_d(sla, "outsourcers[].sla.target");
        u->sl_threshold_s = num_d(sla, "outsourcers[].sla.threshold_s");
        const char *per = str_d(sla, "outsourcers[].sla.period", buf);
        u->sla_period = strcmp(per, "interval") == 0 ? SCENARIO_SLA_INTERVAL
                        : strcmp(per, "day") == 0    ? SCENARIO_SLA_DAY
                        : strcmp(per, "week") == 0   ? SCENARIO_SLA_WEEK
                                                     : SCENARIO_SLA_MONTH;
        u->abandon_ceiling = num_d(sla, "outsourcers[].sla.abandon_ceiling");
        u->penalty_eur = num_d(sla, "outsourcers[].sla.penalty_eur");
        u->bonus_eur = num_d(sla, "outsourcers[].sla.bonus_eur");
    }
    for (size_t ch = 0; ch < s->n_channels; ch++)
        if (share_sum[ch] > 1 + 1e-9)
            err(c, "outsourcers", "shares of channel '%s' given to outsourcers sum to %.6g > 1",
                s->channels[ch].name, share_sum[ch]);
}

static void conv_routing(conv *c, const cJSON *root)
{
    scenario *s = c->scn;
    const cJSON *r = get(root, "routing");
    char buf[DEF_MAX];
    s->routing.mode = strcmp(str_d(r, "routing.mode", buf), "unified") == 0
                          ? SCENARIO_ROUTING_UNIFIED
                          : SCENARIO_ROUTING_SILOED;
    const char *sel = str_d(r, "routing.agent_selection", buf);
    s->routing.agent_selection = strcmp(sel, "least_occupied") == 0
                                     ? SCENARIO_SELECT_LEAST_OCCUPIED
                                 : strcmp(sel, "most_proficient") == 0
                                     ? SCENARIO_SELECT_MOST_PROFICIENT
                                     : SCENARIO_SELECT_FIRST;
    const cJSON *arr = get(r, "overflow");
    size_t n = count_items(arr);
    if (n > SCENARIO_MAX_OVERFLOWS) {
        err(c, "routing.overflow", "%zu rules; at most %d are supported", n,
            SCENARIO_MAX_OVERFLOWS);
        return;
    }
    char base[P_MAX], p[P_MAX];
    size_t i = 0;
    for (const cJSON *o = cJSON_IsArray(arr) ? arr->child : NULL; o != NULL; o = o->next, i++) {
        pathf(base, "routing.overflow[%zu]", i);
        scenario_overflow ov = {SCENARIO_NONE, num_d(o, "routing.overflow[].after_wait_s"),
                                SCENARIO_NONE, SCENARIO_NONE};
        const char *cn = str(o, "channel", NULL);
        if (cn == NULL)
            continue;
        pathf(p, "%s.channel", base);
        ov.channel = channel_ref(c, p, cn);
        const char *gn = str(o, "to_group", NULL);
        const char *un = str(o, "to_outsourcer", NULL);
        if ((gn == NULL) == (un == NULL)) {
            err(c, base, "give exactly one of to_group and to_outsourcer");
            continue;
        }
        if (gn != NULL) {
            pathf(p, "%s.to_group", base);
            /* the group need not have the channel as a skill: overflow lends it one */
            ov.to_group = group_ref(c, p, gn);
        } else {
            pathf(p, "%s.to_outsourcer", base);
            ov.to_outsourcer = outsourcer_ref(c, p, un);
            if (ov.to_outsourcer != SCENARIO_NONE && ov.channel != SCENARIO_NONE
                && !s->outsourcers[ov.to_outsourcer].serves[ov.channel])
                err(c, p, "outsourcer '%s' does not serve channel '%s'", un, cn);
        }
        if (ov.channel != SCENARIO_NONE && s->routing.n_overflows < SCENARIO_MAX_OVERFLOWS)
            s->routing.overflows[s->routing.n_overflows++] = ov;
    }
}

/* The outbound campaign (scenario_outbound): its group must exist, its dialing hours be a
 * window, its dial outcome shares sum to at most 1 (the rest is a wrong party). */
static void conv_outbound(conv *c, const cJSON *root)
{
    scenario *s = c->scn;
    scenario_outbound *ob = &s->outbound;
    const cJSON *o = get(root, "outbound");
    ob->on = cJSON_IsObject(o);
    if (!ob->on)
        return;
    const char *gn = str(o, "group", NULL);
    ob->group = gn != NULL ? group_ref(c, "outbound.group", gn) : SCENARIO_NONE;
    ob->records = to_size(num_d(o, "outbound.records"));
    ob->start_s = num_d(o, "outbound.start_s");
    ob->end_s = num_d(o, "outbound.end_s");
    if (!(ob->end_s > ob->start_s))
        err(c, "outbound.end_s", "dialing ends at %g s, not after it starts (%g s)", ob->end_s,
            ob->start_s);
    ob->attempts = to_size(num_d(o, "outbound.attempts"));
    ob->retry_delay_s = num_d(o, "outbound.retry_delay_s");
    ob->right_party_share = num_d(o, "outbound.right_party_share");
    ob->machine_share = num_d(o, "outbound.machine_share");
    ob->no_answer_share = num_d(o, "outbound.no_answer_share");
    double sum = ob->right_party_share + ob->machine_share + ob->no_answer_share;
    if (sum > 1.0 + 1e-12)
        err(c, "outbound", "right_party_share + machine_share + no_answer_share = %.6g > 1",
            sum);
    ob->dial_s = num_d(o, "outbound.dial_s");
    ob->inbound_reserve = to_size(num_d(o, "outbound.inbound_reserve"));
    read_dist(c, get(o, "talk_time"), "outbound.talk_time", "outbound.talk_time", NULL,
              &ob->talk_time, 180);
    const cJSON *wrap = get(o, "wrap_up");
    ob->has_wrap_up = cJSON_IsObject(wrap);
    read_dist(c, wrap, "outbound.wrap_up", "outbound.wrap_up", NULL, &ob->wrap_up, 60);
}

static void conv_coverage(conv *c)
{
    /* every channel that needs agents must be served by a group or an outsourcer */
    scenario *s = c->scn;
    char p[P_MAX];
    for (size_t ch = 0; ch < s->n_channels; ch++) {
        if (s->channels[ch].kind == SCENARIO_CHANNEL_SELF_SERVICE)
            continue;
        int served = 0;
        for (size_t g = 0; g < s->n_groups && !served; g++)
            for (size_t q = 0; q < s->groups[g].n_skills; q++)
                served |= s->groups[g].skills[q].channel == ch;
        for (size_t u = 0; u < s->n_outsourcers && !served; u++)
            served |= s->outsourcers[u].serves[ch];
        if (!served) {
            pathf(p, "channels[%zu]", ch);
            err(c, p, "no group or outsourcer serves channel '%s' (add it to a group's skills "
                      "or give the channel \"agents\")",
                s->channels[ch].name);
        }
    }
}

static void conv_shifts(conv *c, const cJSON *root)
{
    scenario *s = c->scn;
    const cJSON *arr = get(root, "shifts");
    size_t n = count_items(arr);
    if (n == 0)
        return;
    if (n > SCENARIO_MAX_SHIFTS) {
        err(c, "shifts", "%zu shift templates; at most %d are supported", n,
            SCENARIO_MAX_SHIFTS);
        return;
    }
    s->shifts = sim_calloc(n, sizeof *s->shifts);
    if (s->shifts == NULL) {
        nomem(c);
        return;
    }
    s->n_shifts = n;
    char base[P_MAX], p[P_MAX];
    size_t i = 0;
    for (const cJSON *o = arr->child; o != NULL; o = o->next, i++) {
        scenario_shift *t = &s->shifts[i];
        pathf(base, "shifts[%zu]", i);
        pathf(p, "%s.name", base);
        const char *nm = str(o, "name", NULL);
        if (nm == NULL || !check_name(c, p, nm, t->name))
            snprintf(t->name, sizeof t->name, "shift%zu", i);
        for (size_t j = 0; j < i; j++)
            if (strcmp(s->shifts[j].name, t->name) == 0)
                err(c, p, "duplicate shift name '%s' (also shifts[%zu])", t->name, j);
        const char *gn = str(o, "group", NULL);
        t->group = SCENARIO_NONE;
        if (gn != NULL) {
            pathf(p, "%s.group", base);
            t->group = group_ref(c, p, gn);
        }
        const cJSON *st = get(o, "starts");
        size_t q = 0;
        for (const cJSON *it = cJSON_IsArray(st) ? st->child : NULL; it != NULL;
             it = it->next, q++) {
            pathf(p, "%s.starts[%zu]", base, q);
            if (!cJSON_IsString(it))
                continue;
            double at = parse_hhmm(it->valuestring);
            if (at < 0 || at >= 86400) {
                err(c, p, "start times must be \"HH:MM\" between 00:00 and 23:59");
                continue;
            }
            if (t->n_starts >= SCENARIO_MAX_SHIFT_STARTS) {
                err(c, p, "at most %d start times", SCENARIO_MAX_SHIFT_STARTS);
                break;
            }
            t->start_s[t->n_starts++] = at;
        }
        if (cJSON_IsArray(st) && q == 0) {
            pathf(p, "%s.starts", base);
            err(c, p, "a shift template needs at least one start time");
        }
        t->length_s = num(o, "length_s", 28800);
        const cJSON *br = get(o, "breaks");
        size_t nb = count_items(br);
        if (nb > SCENARIO_MAX_BREAKS) {
            pathf(p, "%s.breaks", base);
            err(c, p, "at most %d breaks", SCENARIO_MAX_BREAKS);
            nb = 0;
        }
        q = 0;
        for (const cJSON *it = nb > 0 ? br->child : NULL; it != NULL; it = it->next, q++) {
            scenario_break *b = &t->breaks[t->n_breaks++];
            pathf(p, "%s.breaks[%zu]", base, q);
            b->earliest_start_s = num_d(it, "shifts[].breaks[].earliest_start_s");
            b->latest_start_s = num(it, "latest_start_s", b->earliest_start_s);
            b->length_s = num(it, "length_s", 900);
            char paid[DEF_MAX];
            (void)str_d(NULL, "shifts[].breaks[].paid", paid); /* "false" or "true" */
            const cJSON *pv = get(it, "paid");
            b->paid = cJSON_IsBool(pv) ? cJSON_IsTrue(pv) : strcmp(paid, "true") == 0;
            if (b->latest_start_s < b->earliest_start_s)
                err(c, p, "latest_start_s is before earliest_start_s");
            else if (b->latest_start_s + b->length_s > t->length_s)
                err(c, p, "the break can end after the shift (latest start %g s + %g s > %g s)",
                    b->latest_start_s, b->length_s, t->length_s);
        }
        const cJSON *days = get(o, "days");
        if (!cJSON_IsArray(days)) {
            for (int d = 0; d < 5; d++)
                t->days[d] = 1;
        } else {
            q = 0;
            for (const cJSON *it = days->child; it != NULL; it = it->next, q++) {
                int d = cJSON_IsString(it) ? weekday_index(it->valuestring) : -1;
                if (d < 0)
                    continue;
                if (t->days[d]) {
                    pathf(p, "%s.days[%zu]", base, q);
                    err(c, p, "day '%s' listed twice", it->valuestring);
                }
                t->days[d] = 1;
            }
        }
        t->min_count = to_size(num_d(o, "shifts[].min_count"));
        t->max_count = has(o, "max_count") ? to_size(num(o, "max_count", 0)) : SCENARIO_NONE;
        if (t->max_count != SCENARIO_NONE && t->min_count > t->max_count) {
            pathf(p, "%s.min_count", base);
            err(c, p, "min_count %zu is above max_count %zu", t->min_count, t->max_count);
        }
        t->cost_eur = num_d(o, "shifts[].cost_eur");
    }
}

static void conv_policies(conv *c, const cJSON *root)
{
    scenario *s = c->scn;
    const cJSON *arr = get(root, "policies");
    size_t n = count_items(arr);
    if (n == 0)
        return;
    if (n > SCENARIO_MAX_POLICIES) {
        err(c, "policies", "%zu policies; at most %d are supported", n, SCENARIO_MAX_POLICIES);
        return;
    }
    s->policies = sim_calloc(n, sizeof *s->policies);
    if (s->policies == NULL) {
        nomem(c);
        return;
    }
    s->n_policies = n;
    char base[P_MAX], p[P_MAX];
    size_t i = 0;
    for (const cJSON *o = arr->child; o != NULL; o = o->next, i++) {
        scenario_policy *pol = &s->policies[i];
        pathf(base, "policies[%zu]", i);
        pathf(p, "%s.name", base);
        const char *nm = str(o, "name", NULL);
        if (nm == NULL || !check_name(c, p, nm, pol->name))
            snprintf(pol->name, sizeof pol->name, "policy%zu", i);
        for (size_t j = 0; j < i; j++)
            if (strcmp(s->policies[j].name, pol->name) == 0)
                err(c, p, "duplicate policy name '%s' (also policies[%zu])", pol->name, j);
        char buf[DEF_MAX];
        pol->description = sim_strdup(str_d(o, "policies[].description", buf));
        if (pol->description == NULL) {
            nomem(c);
            continue;
        }
        const cJSON *chs = get(o, "changes");
        size_t nc = count_items(chs);
        if (nc == 0) {
            if (cJSON_IsArray(chs)) {
                pathf(p, "%s.changes", base);
                err(c, p, "a policy needs at least one change");
            }
            continue;
        }
        pol->changes = sim_calloc(nc, sizeof *pol->changes);
        if (pol->changes == NULL) {
            nomem(c);
            continue;
        }
        for (const cJSON *it = chs->child; it != NULL; it = it->next) {
            const char *path = str(it, "path", NULL);
            const cJSON *value = get(it, "value");
            if (path == NULL || value == NULL)
                continue;
            scenario_change *ch = &pol->changes[pol->n_changes];
            char *printed = cJSON_PrintUnformatted(value);
            ch->path = sim_strdup(path);
            ch->value_json = printed != NULL ? sim_strdup(printed) : NULL;
            if (printed != NULL)
                cJSON_free(printed);
            pol->n_changes++;
            if (ch->path == NULL || ch->value_json == NULL) {
                nomem(c);
                break;
            }
        }
    }
}

static void conv_roadmap(conv *c, const cJSON *root)
{
    scenario *s = c->scn;
    scenario_roadmap *r = &s->roadmap;
    const cJSON *o = get(root, "roadmap");
    r->first_year = to_int(num(o, "first_year", s->year));
    r->last_year = to_int(num(o, "last_year", r->first_year));
    if (o == NULL)
        return;
    r->present = 1;
    if (r->last_year < r->first_year)
        err(c, "roadmap.last_year", "last_year %d is before first_year %d", r->last_year,
            r->first_year);
    else if (r->last_year - r->first_year > 50)
        err(c, "roadmap.last_year", "a roadmap spans at most 50 years");
    r->volume_growth_per_year = num_d(o, "roadmap.volume_growth_per_year");
    read_channel_map(c, get(o, "channel_growth_per_year"), "roadmap.channel_growth_per_year",
                     r->channel_growth_per_year);
    char base[P_MAX], p[P_MAX];
    const cJSON *drift = get(o, "segment_share_drift_per_year");
    for (const cJSON *it = cJSON_IsObject(drift) ? drift->child : NULL; it != NULL;
         it = it->next) {
        const char *key = it->string != NULL ? it->string : "";
        pathf(p, "roadmap.segment_share_drift_per_year.%s", key);
        size_t sg = segment_ref(c, p, key);
        if (sg != SCENARIO_NONE && cJSON_IsNumber(it))
            r->segment_share_drift_per_year[sg] = it->valuedouble;
    }
    const cJSON *shifts = get(o, "preference_shifts");
    size_t n = count_items(shifts);
    if (n > SCENARIO_MAX_PREFERENCE_SHIFTS) {
        err(c, "roadmap.preference_shifts", "at most %d preference shifts",
            SCENARIO_MAX_PREFERENCE_SHIFTS);
        n = 0;
    }
    size_t i = 0;
    for (const cJSON *it = n > 0 ? shifts->child : NULL; it != NULL; it = it->next, i++) {
        scenario_preference_shift *ps = &r->preference_shifts[r->n_preference_shifts++];
        pathf(base, "roadmap.preference_shifts[%zu]", i);
        ps->segment = SCENARIO_NONE;
        const char *sn = str(it, "segment", NULL);
        if (sn != NULL) {
            pathf(p, "%s.segment", base);
            ps->segment = segment_ref(c, p, sn);
        }
        const cJSON *from = get(it, "from");
        size_t q = 0;
        for (const cJSON *f = cJSON_IsArray(from) ? from->child : NULL; f != NULL;
             f = f->next, q++) {
            if (!cJSON_IsString(f))
                continue;
            pathf(p, "%s.from[%zu]", base, q);
            size_t ch = channel_ref(c, p, f->valuestring);
            if (ch != SCENARIO_NONE)
                ps->from[ch] = 1;
        }
        pathf(p, "%s.to", base);
        if (read_channel_map(c, get(it, "to"), p, ps->to) == 0 && cJSON_IsObject(get(it, "to")))
            check_sum(c, p, "weights", ps->to, s->n_channels, NULL);
        for (size_t ch = 0; ch < s->n_channels; ch++)
            if (ps->from[ch] && ps->to[ch] > 0) {
                err(c, p, "channel '%s' is both in from and in to", s->channels[ch].name);
                break;
            }
        ps->share_per_year = num(it, "share_per_year", 0);
    }
    const cJSON *steps = get(o, "steps");
    n = count_items(steps);
    if (n > SCENARIO_MAX_ROADMAP_STEPS) {
        err(c, "roadmap.steps", "at most %d steps", SCENARIO_MAX_ROADMAP_STEPS);
        n = 0;
    }
    i = 0;
    for (const cJSON *it = n > 0 ? steps->child : NULL; it != NULL; it = it->next, i++) {
        pathf(base, "roadmap.steps[%zu]", i);
        scenario_roadmap_step st;
        memset(&st, 0, sizeof st);
        st.year = to_int(num(it, "year", r->first_year));
        if (st.year < r->first_year || st.year > r->last_year) {
            pathf(p, "%s.year", base);
            err(c, p, "year %d is outside the roadmap (%d to %d)", st.year, r->first_year,
                r->last_year);
        }
        const char *pn = str(it, "policy", NULL);
        if (pn == NULL)
            continue;
        pathf(p, "%s.policy", base);
        st.policy = policy_ref(c, p, pn);
        char buf[DEF_MAX];
        snprintf(st.stage, sizeof st.stage, "%s", str_d(it, "roadmap.steps[].stage", buf));
        if (st.policy == SCENARIO_NONE)
            continue;
        /* insertion keeps steps sorted by year, stable for equal years */
        size_t at = r->n_steps;
        while (at > 0 && r->steps[at - 1].year > st.year) {
            r->steps[at] = r->steps[at - 1];
            at--;
        }
        r->steps[at] = st;
        r->n_steps++;
    }
}

size_t scenario_convert_tree(scenario_ctx *ctx, const cJSON *root, scenario *scn)
{
    conv c = {ctx, scn, 0, 0, 0, 0, 0};
    if (!cJSON_IsObject(root))
        return 1;
    conv_top(&c, root);
    conv_special_days(&c, root);
    conv_seasonality(&c, root);
    conv_channels(&c, root);
    const cJSON *channels = get(root, "channels");
    size_t n_seg = count_items(get(root, "segments"));
    if (n_seg > SCENARIO_MAX_SEGMENTS)
        n_seg = 0;
    if (c.ipd > 0) {
        c.pool_cap = (1 + scn->n_channels + (n_seg == 0 ? 1 : n_seg)) * c.ipd;
        /* a week-long shape from the opening hours for each channel and segment without a
         * day shape of its own (open_profile) */
        if (!has(get(root, "demand"), "intraday")) {
            size_t bare = 0;
            for (const cJSON *o = scn->n_channels > 0 ? channels->child : NULL; o != NULL;
                 o = o->next)
                bare += !has(o, "intraday");
            const cJSON *segs = get(root, "segments");
            for (const cJSON *o = n_seg > 0 ? segs->child : NULL; o != NULL; o = o->next)
                bare += !has(o, "intraday");
            c.pool_cap += bare * 7 * c.ipd;
        }
        scn->profile_pool = sim_calloc(c.pool_cap, sizeof(double));
        if (scn->profile_pool == NULL)
            nomem(&c);
    }
    const double *def_intraday = NULL;
    double def_weekday[7];
    conv_demand(&c, root, &def_intraday, def_weekday);
    conv_costs(&c, root);
    size_t i = 0;
    for (const cJSON *o = scn->n_channels > 0 ? channels->child : NULL; o != NULL;
         o = o->next, i++)
        conv_channel(&c, o, i, def_intraday, def_weekday);
    check_transfer_loops(&c);
    size_t forecast_errors = scn->n_channels > 0 ? scenario_forecast_read(ctx, root, scn) : 0;
    c.errors += forecast_errors;
    if (scn->demand_mode == SCENARIO_DEMAND_PER_CHANNEL && scn->n_channels > 0) {
        double total = 0;
        for (i = 0; i < scn->n_channels; i++)
            total += scn->channels[i].daily_volume;
        scn->daily_volume = total;
        if (!(total > 0) && forecast_errors == 0) /* a bad forecast file sets no volume */
            err(&c, "channels", "no demand: every channel's daily_volume is 0");
    }
    if (scn->n_channels > 0) {
        conv_segments(&c, root, def_intraday, def_weekday);
        conv_hopping(&c, root);
        conv_outsourcers(&c, root);
        conv_groups(&c, root, channels);
        conv_routing(&c, root);
        conv_outbound(&c, root);
        conv_coverage(&c);
        conv_shifts(&c, root);
    }
    conv_policies(&c, root);
    if (scn->n_channels > 0)
        conv_roadmap(&c, root);
    return c.errors;
}
