/* test_scenario_typos.c -- a typo anywhere in a scenario file is an error, never a silently
 * different plan.
 *
 * The main test is generated from the schema table: for every object the table knows (every
 * field whose types include an object, the maps among them, and the top level), it finds each
 * instance of that object in a fixture that holds all of them
 * (tests/data/scenarios/every-object.json), inserts a misspelled key, and checks that the
 * loader refuses the file with exactly one error, at the misspelled key's JSON path, line and
 * column, with a did-you-mean naming the key that was misspelled. Keys of a map are channel or
 * segment names: which one is read from the fixture's own keys (and must agree with the
 * table's CHANNEL_KEYS / SEGMENT_KEYS flag), and the misspelled key is a misspelled name. A
 * policy's value (opaque to the table) is checked where the policy puts it. A new object added
 * to the table without an instance in the fixture fails the test.
 *
 * The other tests pin the cases planners hit: opening hours with a misspelled or invented day
 * key, windows of the wrong shape, map keys naming no channel or segment, and policy changes
 * whose path names nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <cjson/cJSON.h>

#include "scenario.h"
#include "scenario_load.h"
#include "scenario_schema.h"
#include "test_scenario_util.h"

#define FIXTURE OMNISIM_SOURCE_DIR "/tests/data/scenarios/every-object.json"
#define PATH_LEN 256

/* ---------------------------------------------------------------------------------------- */
/* Helpers                                                                                  */

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    assert_true(n < sizeof buf - 1); /* the whole file */
    buf[n] = '\0';
    char *copy = malloc(n + 1);
    assert_non_null(copy);
    memcpy(copy, buf, n + 1);
    return copy;
}

typedef struct loaded {
    sim_status status;
    size_t count;
    scenario_diag_entry first;
    char all[8192]; /* every diagnostic, formatted, one per line (for failure messages) */
} loaded;

static void load_text(const char *text, const scenario_load_opts *opts, loaded *out)
{
    scenario_diag diag;
    scenario_diag_init(&diag);
    scenario *scn = NULL;
    out->status = scenario_load_string(text, strlen(text), "<t>", opts, &scn, &diag);
    out->count = scenario_diag_count(&diag);
    memset(&out->first, 0, sizeof out->first);
    if (out->count > 0)
        out->first = *scenario_diag_get(&diag, 0);
    out->all[0] = '\0';
    size_t used = 0;
    for (size_t i = 0; i < out->count; i++) {
        char line[1024];
        int w = snprintf(out->all + used, sizeof out->all - used, "%s\n",
                         scenario_diag_format(scenario_diag_get(&diag, i), line, sizeof line));
        if (w > 0 && (size_t)w < sizeof out->all - used)
            used += (size_t)w;
    }
    scenario_free(scn);
    scenario_diag_fini(&diag);
}

/* Line and column (1-based, ASCII text; a tab is one column, as in jsonpos) of `at`. */
static void line_col_at(const char *text, const char *at, int *line, int *col)
{
    *line = 1;
    *col = 1;
    for (const char *p = text; p < at; p++) {
        if (*p == '\n') {
            (*line)++;
            *col = 1;
        } else {
            (*col)++;
        }
    }
}

/* Load `text` and check for exactly one error at `path` with `message`, located at `at` (a
 * pointer into text; NULL: no position is checked). Returns 1 when so; otherwise prints what
 * was expected and what came, and returns 0. */
static int one_error_at(const char *text, const scenario_load_opts *opts, const char *path,
                        const char *message, const char *at)
{
    loaded r;
    load_text(text, opts, &r);
    int line = 0, col = 0;
    if (at != NULL)
        line_col_at(text, at, &line, &col);
    int ok = r.status == SIM_EINVAL && r.count == 1 && strcmp(r.first.path, path) == 0
             && strcmp(r.first.message, message) == 0
             && (at == NULL || (r.first.line == line && r.first.column == col));
    if (!ok)
        print_message("expected one error\n  <t>:%d:%d: %s: %s\ngot status %d and %zu:\n%s",
                      line, col, path, message, (int)r.status, r.count, r.all);
    return ok;
}

static void expect_one_error_at(const char *text, const scenario_load_opts *opts,
                                const char *path, const char *message, const char *at)
{
    assert_true(one_error_at(text, opts, path, message, at));
}

/* As above, located at the first occurrence of `where` in the text. */
static void expect_one_error(const char *text, const scenario_load_opts *opts, const char *path,
                             const char *message, const char *where)
{
    const char *at = strstr(text, where);
    if (at == NULL)
        fail_msg("'%s' not found in the text", where);
    expect_one_error_at(text, opts, path, message, at);
}

/* The fixture with one channel's hours replaced by `hours_json`. */
static char *fixture_with_hours(const char *hours_json)
{
    char *text = read_text(FIXTURE);
    cJSON *root = cJSON_Parse(text);
    free(text);
    assert_non_null(root);
    cJSON *phone = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "channels"), 0);
    cJSON *hours = cJSON_Parse(hours_json);
    assert_non_null(hours);
    assert_true(cJSON_ReplaceItemInObject(phone, "hours", hours));
    char *out = cJSON_Print(root);
    cJSON_Delete(root);
    assert_non_null(out);
    return out;
}

/* ---------------------------------------------------------------------------------------- */
/* Instances of a generic path in a tree                                                     */

typedef struct instance {
    cJSON *node;
    char path[PATH_LEN]; /* concrete path, e.g. "channels[0].handle_time" */
} instance;

typedef struct instances {
    instance items[64];
    size_t n;
} instances;

static int is_map(const char *gpath)
{
    const scenario_schema_field *f = scenario_schema_find(gpath);
    return f != NULL && (f->flags & SCENARIO_SCHEMA_MAP);
}

/* Walk node (at concrete path `path`, generic path `gpath`) and collect every value whose
 * generic path is `want`. Opaque values and keys the table does not know are not entered. */
static void collect(cJSON *node, const char *path, const char *gpath, const char *want,
                    instances *out)
{
    if (strcmp(gpath, want) == 0 && out->n < 64) {
        out->items[out->n].node = node;
        snprintf(out->items[out->n].path, PATH_LEN, "%s", path);
        out->n++;
    }
    const scenario_schema_field *f = scenario_schema_find(gpath);
    if (gpath[0] != '\0' && (f == NULL || (f->flags & SCENARIO_SCHEMA_OPAQUE)))
        return;
    char p[PATH_LEN], g[PATH_LEN];
    if (cJSON_IsObject(node)) {
        int map = is_map(gpath);
        for (cJSON *c = node->child; c != NULL; c = c->next) {
            snprintf(p, sizeof p, "%s%s%s", path, path[0] ? "." : "", c->string);
            snprintf(g, sizeof g, "%s%s%s", gpath, gpath[0] ? "." : "", map ? "*" : c->string);
            collect(c, p, g, want, out);
        }
    } else if (cJSON_IsArray(node)) {
        size_t i = 0;
        for (cJSON *c = node->child; c != NULL; c = c->next, i++) {
            snprintf(p, sizeof p, "%s[%zu]", path, i);
            snprintf(g, sizeof g, "%s[]", gpath);
            collect(c, p, g, want, out);
        }
    }
}

/* Generic form of an override path written with indices: "channels[0].patience" ->
 * "channels[].patience". */
static void generic_of(const char *path, char *out, size_t n)
{
    size_t k = 0;
    for (const char *p = path; *p != '\0' && k + 3 < n; p++) {
        if (*p == '[') {
            out[k++] = '[';
            out[k++] = ']';
            while (*p != '\0' && *p != ']')
                p++;
            if (*p == '\0')
                break;
        } else {
            out[k++] = *p;
        }
    }
    out[k] = '\0';
}

/* The misspelling used throughout: the first character doubled ("mean_s" -> "mmean_s"),
 * one edit away from the original. */
static void misspell(const char *key, char *out, size_t n)
{
    snprintf(out, n, "%c%s", key[0], key);
}

/* A misspelled child name of the object at generic path `gparent` whose nearest known
 * sibling is the child it was made from, and nothing else as near. Returns 0 when none. */
static int pick_typo(const char *gparent, char *typo, size_t n, char *meant, size_t mn)
{
    size_t plen = strlen(gparent);
    for (size_t i = 0; i < scenario_schema_count(); i++) {
        const char *p = scenario_schema_get(i)->path;
        const char *child = p;
        if (plen > 0) {
            if (strncmp(p, gparent, plen) != 0 || p[plen] != '.')
                continue;
            child = p + plen + 1;
        }
        if (strchr(child, '.') != NULL || strchr(child, '[') != NULL || strcmp(child, "*") == 0)
            continue;
        misspell(child, typo, n);
        size_t near = 0;
        for (size_t j = 0; j < scenario_schema_count(); j++) {
            const char *q = scenario_schema_get(j)->path;
            const char *sib = q;
            if (plen > 0) {
                if (strncmp(q, gparent, plen) != 0 || q[plen] != '.')
                    continue;
                sib = q + plen + 1;
            }
            if (strchr(sib, '.') != NULL || strchr(sib, '[') != NULL)
                continue;
            near += scenario_schema_distance(typo, sib, 1) <= 1;
        }
        if (near == 1) {
            snprintf(meant, mn, "%s", child);
            return 1;
        }
    }
    return 0;
}

/* Names of the fixture's channels and segments. */
typedef struct names {
    const char *channel[32];
    size_t n_channels;
    const char *segment[32];
    size_t n_segments;
} names;

static void fixture_names(cJSON *root, names *nm)
{
    memset(nm, 0, sizeof *nm);
    cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItem(root, "channels"))
        nm->channel[nm->n_channels++] = cJSON_GetObjectItem(c, "name")->valuestring;
    cJSON_ArrayForEach(c, cJSON_GetObjectItem(root, "segments"))
        nm->segment[nm->n_segments++] = cJSON_GetObjectItem(c, "name")->valuestring;
}

static int in_list(const char *const *list, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], s) == 0)
            return 1;
    return 0;
}

/* When `value` is the value of a policy's change: the policy's name (and the change in
 * *change); NULL otherwise. */
static const char *policy_of_value(cJSON *root, const cJSON *value, cJSON **change)
{
    cJSON *p;
    cJSON_ArrayForEach(p, cJSON_GetObjectItem(root, "policies"))
    {
        cJSON *ch;
        cJSON_ArrayForEach(ch, cJSON_GetObjectItem(p, "changes"))
        {
            if (cJSON_GetObjectItem(ch, "value") == value) {
                *change = ch;
                return cJSON_GetObjectItem(p, "name")->valuestring;
            }
        }
    }
    return NULL;
}

/* ---------------------------------------------------------------------------------------- */
/* The generated test                                                                        */

/* Insert `typo` into the object `obj` of the tree, load the printed tree and check for exactly
 * one error at `err_path` with `message`, positioned at the typo's key; then remove it.
 * Returns 1 when so (0 after printing the difference). */
static int try_typo(cJSON *root, cJSON *obj, const char *typo, cJSON *value,
                    const char *err_path, const char *message)
{
    assert_true(cJSON_AddItemToObject(obj, typo, value));
    char *text = cJSON_Print(root);
    assert_non_null(text);
    char quoted[PATH_LEN];
    snprintf(quoted, sizeof quoted, "\"%s\"", typo);
    int ok = one_error_at(text, NULL, err_path, message, strstr(text, quoted));
    free(text);
    cJSON_DeleteItemFromObjectCaseSensitive(obj, typo);
    return ok;
}

static void a_misspelled_key_in_any_object_of_the_schema_should_be_refused(void **state)
{
    (void)state;
    char *text = read_text(FIXTURE);
    scenario_free(test_scenario_load(text)); /* the fixture itself is valid */
    cJSON *root = cJSON_Parse(text);
    free(text);
    assert_non_null(root);
    names nm;
    fixture_names(root, &nm);
    assert_true(nm.n_channels > 0 && nm.n_segments > 0);

    size_t objects = 0, maps = 0, cases = 0, failed = 0;
    /* i == count stands for the top level, which has no row of its own */
    for (size_t i = 0; i <= scenario_schema_count(); i++) {
        const scenario_schema_field *f = i < scenario_schema_count() ? scenario_schema_get(i)
                                                                     : NULL;
        const char *gpath = f != NULL ? f->path : "";
        if (f != NULL && !(f->types & SCENARIO_SCHEMA_OBJECT))
            continue;
        /* an opaque object's keys are free (demand.queue_map: a file's queue names): no key
         * to misspell; its converter checks the values */
        if (f != NULL && (f->flags & SCENARIO_SCHEMA_OPAQUE) && f->types == SCENARIO_SCHEMA_OBJECT)
            continue;
        objects++;
        instances found = {.n = 0};
        collect(root, "", "", gpath, &found);
        size_t used = 0;
        for (size_t k = 0; k < found.n; k++) {
            instance *in = &found.items[k];
            if (!cJSON_IsObject(in->node))
                continue; /* e.g. hours given as "24/7", a skill given as a name */
            used++;
            char typo[96], meant[96], err_path[2 * PATH_LEN], message[256];
            const char *policy;
            cJSON *change = NULL;
            if (f != NULL && (f->flags & SCENARIO_SCHEMA_MAP)) {
                /* keys are names: which kind, the fixture's own keys say */
                const char *key = in->node->child != NULL ? in->node->child->string : NULL;
                if (key == NULL)
                    fail_msg("%s: the fixture's map %s has no key", gpath, in->path);
                int chan = in_list(nm.channel, nm.n_channels, key);
                int seg = in_list(nm.segment, nm.n_segments, key);
                if (chan == seg)
                    fail_msg("%s: key '%s' is not exactly one of a channel or a segment", gpath,
                             key);
                /* and the table says the same */
                unsigned kind = f->flags
                                & (SCENARIO_SCHEMA_CHANNEL_KEYS | SCENARIO_SCHEMA_SEGMENT_KEYS);
                if (kind != (chan ? SCENARIO_SCHEMA_CHANNEL_KEYS : SCENARIO_SCHEMA_SEGMENT_KEYS)) {
                    print_message("%s: the table's key kind does not match the fixture's keys\n",
                                  gpath);
                    failed++;
                }
                const char *name = chan ? nm.channel[0] : nm.segment[0];
                misspell(name, typo, sizeof typo);
                snprintf(err_path, sizeof err_path, "%s.%s", in->path, typo);
                snprintf(message, sizeof message, "unknown %s '%s'; did you mean %s?",
                         chan ? "channel" : "segment", typo, name);
                failed += !try_typo(root, in->node, typo, cJSON_CreateNumber(0), err_path, message);
                maps++;
            } else if ((policy = policy_of_value(root, in->node, &change)) != NULL) {
                /* a policy's value: checked where the policy puts it */
                const char *target = cJSON_GetObjectItem(change, "path")->valuestring;
                char gtarget[PATH_LEN];
                generic_of(target, gtarget, sizeof gtarget);
                assert_non_null(scenario_schema_find(gtarget));
                if (!pick_typo(gtarget, typo, sizeof typo, meant, sizeof meant))
                    fail_msg("%s: no unambiguous misspelling of a child", gtarget);
                snprintf(err_path, sizeof err_path, "%s.%s", target, typo);
                snprintf(message, sizeof message,
                         "with policy '%s': unknown field; did you mean %s?", policy, meant);
                failed += !try_typo(root, in->node, typo, cJSON_CreateNumber(1), err_path, message);
            } else {
                if (!pick_typo(gpath, typo, sizeof typo, meant, sizeof meant))
                    fail_msg("%s: no unambiguous misspelling of a child", gpath);
                snprintf(err_path, sizeof err_path, "%s%s%s", in->path, in->path[0] ? "." : "",
                         typo);
                snprintf(message, sizeof message, "unknown field; did you mean %s?", meant);
                failed += !try_typo(root, in->node, typo, cJSON_CreateNumber(1), err_path, message);
            }
            cases++;
        }
        if (used == 0)
            fail_msg("the fixture %s has no object at %s: add one", FIXTURE,
                     gpath[0] ? gpath : "(top level)");
    }
    print_message("%zu objects of the schema (%zu map instances): %zu misspellings, %zu not "
                  "refused as expected\n",
                  objects, maps, cases, failed);
    assert_int_equal(failed, 0);
    assert_true(objects >= 30 && maps >= 5);
    cJSON_Delete(root);
}

/* ---------------------------------------------------------------------------------------- */
/* Opening hours                                                                             */

static void hours_with_a_made_up_day_range_key_should_be_refused(void **state)
{
    (void)state;
    char *text = fixture_with_hours("{\"mon-fri\": \"08:00-18:00\"}");
    expect_one_error(text, NULL, "channels[0].hours.mon-fri",
                     "unknown field; expected one of all, weekdays, weekend, mon, tue, wed, thu, "
                     "fri, sat or sun",
                     "\"mon-fri\"");
    free(text);
}

static void hours_with_a_misspelled_day_key_should_be_refused(void **state)
{
    (void)state;
    char *text = fixture_with_hours("{\"wekdays\": [[\"08:00\", \"18:00\"]]}");
    expect_one_error(text, NULL, "channels[0].hours.wekdays",
                     "unknown field; did you mean weekdays?", "\"wekdays\"");
    free(text);
    text = fixture_with_hours("{\"weekdays\": [[\"08:00\", \"18:00\"]], \"Sat\": []}");
    expect_one_error(text, NULL, "channels[0].hours.Sat", "unknown field; did you mean sat?",
                     "\"Sat\"");
    free(text);
    /* a day key given twice: cJSON would read the first and drop the second without a word */
    text = fixture_with_hours("{\"weekdays\": [[\"08:00\", \"18:00\"]], \"weekdays\": []}");
    expect_one_error(text, NULL, "channels[0].hours.weekdays",
                     "duplicate field; each field may appear once", "\"weekdays\"");
    free(text);
}

static void hours_as_an_empty_object_should_be_refused(void **state)
{
    (void)state;
    char *text = fixture_with_hours("{}");
    expect_one_error(text, NULL, "channels[0].hours",
                     "no day keys: the channel would never open; give \"24/7\" or windows for "
                     "all, weekdays, weekend or mon..sun",
                     "\"hours\"");
    free(text);
}

typedef struct window_case {
    const char *hours;
    const char *path;
    const char *message;
    const char *where; /* text the error points at */
} window_case;

static void windows_of_the_wrong_shape_should_be_refused(void **state)
{
    (void)state;
    static const window_case cases[] = {
        {"{\"weekdays\": \"08:00-18:00\"}", "channels[0].hours.weekdays",
         "expected an array, got a string", "\"weekdays\""},
        {"{\"weekdays\": [\"08:00\", \"18:00\"]}", "channels[0].hours.weekdays",
         "a day holds a list of windows: write [[\"08:00\", \"18:00\"]], not [\"08:00\", "
         "\"18:00\"]",
         "\"weekdays\""},
        {"{\"weekdays\": [[\"08:00\", \"12:00\"], \"13:00-18:00\"]}",
         "channels[0].hours.weekdays[1]", "expected a window [\"HH:MM\", \"HH:MM\"], got a string",
         "\"13:00-18:00\""},
        {"{\"weekdays\": [[\"08:00\", \"12:00\", \"18:00\"]]}", "channels[0].hours.weekdays[0]",
         "a window is [opening, closing], got 3 times", "[\"08:00\""},
        {"{\"weekdays\": [[\"08:00\"]]}", "channels[0].hours.weekdays[0]",
         "a window is [opening, closing], got 1 time", "[\"08:00\""},
        {"{\"weekdays\": [[\"08:00\", 18]]}", "channels[0].hours.weekdays[0][1]",
         "expected a time \"HH:MM\", got a number", "18"},
        {"{\"weekdays\": [[\"08:00\", \"25:00\"]]}", "channels[0].hours.weekdays[0][1]",
         "'25:00' is not a time \"HH:MM\" from 00:00 to 24:00", "\"25:00\""},
        {"{\"weekdays\": [[\"8:00\", \"18:00\"]]}", "channels[0].hours.weekdays[0][0]",
         "'8:00' is not a time \"HH:MM\" from 00:00 to 24:00", "\"8:00\""},
        {"{\"weekdays\": [[\"08:60\", \"18:00\"]]}", "channels[0].hours.weekdays[0][0]",
         "'08:60' is not a time \"HH:MM\" from 00:00 to 24:00", "\"08:60\""},
        {"{\"weekdays\": [[\"18:00\", \"08:00\"]]}", "channels[0].hours.weekdays[0]",
         "a window must open before it closes (for hours past midnight, give two windows on "
         "consecutive days)",
         "[\"18:00\""},
        {"{\"weekdays\": [[\"08:00\", \"08:00\"]]}", "channels[0].hours.weekdays[0]",
         "a window must open before it closes (for hours past midnight, give two windows on "
         "consecutive days)",
         "[\"08:00\""},
        {"{\"weekdays\": [[\"13:00\", \"18:00\"], [\"08:00\", \"13:30\"]]}",
         "channels[0].hours.weekdays[1]",
         "window 08:00-13:30 overlaps window 13:00-18:00 (weekdays[0])", "[\"08:00\""},
        {"{\"all\": [[\"00:00\", \"01:00\"], [\"02:00\", \"03:00\"], [\"04:00\", \"05:00\"], "
         "[\"06:00\", \"07:00\"], [\"08:00\", \"09:00\"]]}",
         "channels[0].hours.all[4]", "at most 4 windows per day", "[\"08:00\""},
        {"\"24x7\"", "channels[0].hours",
         "expected \"24/7\" or an object of day keys (all, weekdays, weekend, mon..sun)",
         "\"hours\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *text = fixture_with_hours(cases[i].hours);
        /* the error points at the first `where` from the phone channel's hours key on */
        const char *hours = strstr(text, "\"hours\"");
        assert_non_null(hours);
        const char *at = strstr(hours, cases[i].where);
        if (at == NULL)
            fail_msg("'%s' not found after the hours key", cases[i].where);
        expect_one_error_at(text, NULL, cases[i].path, cases[i].message, at);
        free(text);
    }
}

/* ---------------------------------------------------------------------------------------- */
/* Map keys                                                                                  */

typedef struct map_case {
    const char *from, *to; /* text in the fixture and its replacement */
    const char *path, *message, *where;
} map_case;

static void map_keys_naming_no_channel_or_segment_should_be_refused(void **state)
{
    (void)state;
    static const map_case cases[] = {
        {"\"preference\": {\"phone\": 0.7", "\"preference\": {\"phnoe\": 0.7",
         "segments[1].preference.phnoe", "unknown channel 'phnoe'; did you mean phone?",
         "\"phnoe\""},
        {"\"to\": {\"chat\": 0.5}", "\"to\": {\"caht\": 0.5}", "hopping[0].to.caht",
         "unknown channel 'caht'; did you mean chat?", "\"caht\""},
        {"\"channel_growth_per_year\": {\"chat\"", "\"channel_growth_per_year\": {\"chats\"",
         "roadmap.channel_growth_per_year.chats", "unknown channel 'chats'; did you mean chat?",
         "\"chats\""},
        {"{\"young\": 0.02", "{\"yuong\": 0.02", "roadmap.segment_share_drift_per_year.yuong",
         "unknown segment 'yuong'; did you mean young?", "\"yuong\""},
        {"\"older\": -0.02", "\"elderly\": -0.02", "roadmap.segment_share_drift_per_year.elderly",
         "unknown segment 'elderly'", "\"elderly\""},
        {"\"to\": {\"chat\": 1}", "\"to\": {\"Chat\": 1}",
         "roadmap.preference_shifts[0].to.Chat", "unknown channel 'Chat'; did you mean chat?",
         "\"Chat\""},
        {"{\"segment\": \"older\", \"from\"", "{\"segment\": \"oldr\", \"from\"",
         "roadmap.preference_shifts[0].segment", "unknown segment 'oldr'; did you mean older?",
         "\"segment\": \"oldr\""},
        {"{\"segment\": \"young\", \"outcome\"", "{\"segment\": \"yung\", \"outcome\"",
         "hopping[0].segment", "unknown segment 'yung'; did you mean young?",
         "\"segment\": \"yung\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *text = read_text(FIXTURE);
        char *at = strstr(text, cases[i].from);
        if (at == NULL)
            fail_msg("'%s' is not in the fixture", cases[i].from);
        char *built = malloc(strlen(text) + strlen(cases[i].to) + 1);
        assert_non_null(built);
        sprintf(built, "%.*s%s%s", (int)(at - text), text, cases[i].to,
                at + strlen(cases[i].from));
        free(text);
        expect_one_error(built, NULL, cases[i].path, cases[i].message, cases[i].where);
        free(built);
    }
}

/* ---------------------------------------------------------------------------------------- */
/* Overrides whose path names nothing                                                        */

/* The fixture with its first policy's changes replaced by `changes` (JSON text). */
static char *fixture_with_changes(const char *changes)
{
    char *text = read_text(FIXTURE);
    const char *old = "[{\"path\": \"channels[0].patience\", \"value\": {\"mean_s\": 240}}]";
    char *at = strstr(text, old);
    assert_non_null(at);
    char *built = malloc(strlen(text) + strlen(changes) + 1);
    assert_non_null(built);
    sprintf(built, "%.*s%s%s", (int)(at - text), text, changes, at + strlen(old));
    free(text);
    return built;
}

static void policy_changes_naming_an_unknown_field_should_be_refused(void **state)
{
    (void)state;
    char *text = fixture_with_changes("[{\"path\": \"channels.phone.patiance\", \"value\": 3}]");
    expect_one_error(text, NULL, "channels[0].patiance",
                     "with policy 'more_patience': unknown field; did you mean patience?",
                     "\"value\": 3");
    free(text);
    /* removing a field that is not set is harmless, unless the name is wrong */
    text = fixture_with_changes("[{\"path\": \"channels.phone.retrial.sahre\", \"value\": null}]");
    expect_one_error(text, NULL, "channels[0].retrial.sahre",
                     "with policy 'more_patience': unknown field; did you mean share?",
                     "\"value\": null");
    free(text);
    text = fixture_with_changes("[{\"path\": \"channels.phone.stretch\", \"value\": null}]");
    scenario_free(test_scenario_load(text));
    free(text);
    /* below an object that is not there: nothing is created (an empty callback_offer on an
     * e-mail channel would be an error of its own), but the names are checked */
    text = fixture_with_changes(
        "[{\"path\": \"channels.email.callback_offer.accept_share\", \"value\": null}]");
    scenario_free(test_scenario_load(text));
    free(text);
    text = fixture_with_changes("[{\"path\": \"channels.email.retrail.share\", \"value\": null}]");
    expect_one_error(text, NULL, "channels[2].retrail",
                     "with policy 'more_patience': unknown field; did you mean retrial?",
                     "\"value\": null");
    free(text);
    text = fixture_with_changes("[{\"path\": \"channels.email.retrial.sahre\", \"value\": null}]");
    expect_one_error(text, NULL, "channels[2].retrial.sahre",
                     "with policy 'more_patience': unknown field; did you mean share?",
                     "\"value\": null");
    free(text);
    text = fixture_with_changes(
        "[{\"path\": \"segments.older.preference.caht\", \"value\": null}]");
    expect_one_error(text, NULL, "segments[1].preference.caht",
                     "with policy 'more_patience': unknown channel 'caht'; did you mean chat?",
                     "\"value\": null");
    free(text);
    text = fixture_with_changes("[{\"path\": \"segments.older.preference.chat\", \"value\": "
                                "null}]");
    scenario_free(test_scenario_load(text)); /* a channel with no entry: nothing to remove */
    free(text);
    /* an element name that is no channel */
    text = fixture_with_changes("[{\"path\": \"channels.phnoe.fcr_share\", \"value\": 0.5}]");
    expect_one_error(text, NULL, "channels.phnoe.fcr_share",
                     "with policy 'more_patience': no element named 'phnoe' in 'channels'; did "
                     "you mean phone?",
                     "\"path\": \"channels.phnoe.fcr_share\"");
    free(text);
    /* opening hours set by a policy are checked like hours in the file */
    text = fixture_with_changes(
        "[{\"path\": \"channels.phone.hours\", \"value\": {\"wekdays\": [[\"08:00\", "
        "\"18:00\"]]}}]");
    expect_one_error(text, NULL, "channels[0].hours.wekdays",
                     "with policy 'more_patience': unknown field; did you mean weekdays?",
                     "\"wekdays\"");
    free(text);
}

static void set_overrides_with_typos_should_be_refused(void **state)
{
    (void)state;
    char *text = read_text(FIXTURE);
    const char *sets1[] = {"channels.phone.hours.wekdays=[[\"08:00\",\"18:00\"]]"};
    scenario_load_opts opts = {NULL, 0, sets1, 1, NULL, NULL, 0};
    loaded r;
    load_text(text, &opts, &r);
    assert_int_equal(r.status, SIM_EINVAL);
    assert_string_equal(r.all, "--set: channels[0].hours.wekdays: unknown field; did you mean "
                               "weekdays?\n");
    /* an include can only be read with its file */
    const char *sets2[] = {"include=other.json"};
    scenario_load_opts opts2 = {NULL, 0, sets2, 1, NULL, NULL, 0};
    load_text(text, &opts2, &r);
    assert_int_equal(r.status, SIM_EINVAL);
    assert_string_equal(r.all, "--set: include: an include is read with the file that names "
                               "it; it cannot be set by --set or a policy\n");
    const char *sets3[] = {"roadmap.segment_share_drift_per_year.yuong=null"};
    scenario_load_opts opts3 = {NULL, 0, sets3, 1, NULL, NULL, 0};
    load_text(text, &opts3, &r);
    assert_int_equal(r.status, SIM_EINVAL);
    assert_string_equal(r.all, "--set: roadmap.segment_share_drift_per_year.yuong: unknown "
                               "segment 'yuong'; did you mean young?\n");
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_misspelled_key_in_any_object_of_the_schema_should_be_refused),
        cmocka_unit_test(hours_with_a_made_up_day_range_key_should_be_refused),
        cmocka_unit_test(hours_with_a_misspelled_day_key_should_be_refused),
        cmocka_unit_test(hours_as_an_empty_object_should_be_refused),
        cmocka_unit_test(windows_of_the_wrong_shape_should_be_refused),
        cmocka_unit_test(map_keys_naming_no_channel_or_segment_should_be_refused),
        cmocka_unit_test(policy_changes_naming_an_unknown_field_should_be_refused),
        cmocka_unit_test(set_overrides_with_typos_should_be_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
