/* test_out_rows.c -- result tables described once (output/out_rows.h) and the catalog of the
 * commands' tables (output/out_catalog.h).
 *
 * A demo table uses every kind: text with a comma, quotes and a newline (quoted in CSV),
 * counts up to 2^64 - 1 (exact in JSON, also with OUT_ROWS_NATIVE), signed integers, numbers
 * with 10 significant digits, NaN and infinities (empty in CSV, null in JSON), booleans,
 * numbers as text, intervals with and without the _mean suffix, groups with one and with
 * several sub-fields, CSV-only and JSON-only fields, lists, nested objects, tables and
 * series, and fields present only in some rows. Every output is compared byte for byte with the text written out here by hand.
 * out_rows_check refuses each broken description (a duplicate CSV column or JSON key, a
 * missing unit, getter or placeholder) and names the field. Out of memory at any allocation
 * of a document gives NULL, never a partial document. Then every table of the catalog
 * passes out_rows_check and docs/outputs.md has a row with its name and unit for every field
 * (CSV under the csv_doc heading, JSON under json_doc); the doc check itself is shown to
 * catch a missing row and a wrong unit on a small document.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "test_docs.h"

#include "out_catalog.h"
#include "out_rows.h"
#include "scenario.h"
#include "scenario_load.h"
#include "sim_alloc.h"

/* ---- the demo result ----------------------------------------------------------------- */

typedef struct demo_row {
    const char *name;
    unsigned long long n;
    long long year;
    double x;
    int ok;
    const char *raw;
    sim_ci wait, level;
    double share[2], agents[2], sl[2];
    double csv_only, extra;
} demo_row;

typedef struct demo {
    demo_row rows[2];
    const char *channels[2];
    unsigned long long seed;
    const char *version;
    double t[3], v[3];
} demo;

static const demo *ctx_of(const out_rows_cursor *c)
{
    return c->ctx;
}

static const demo_row *row_of(const out_rows_cursor *c)
{
    return &ctx_of(c)->rows[c->row];
}

static void g_name(const out_rows_cursor *c, out_rows_value *v) { v->text = row_of(c)->name; }
static void g_n(const out_rows_cursor *c, out_rows_value *v) { v->count = row_of(c)->n; }
static void g_year(const out_rows_cursor *c, out_rows_value *v) { v->integer = row_of(c)->year; }
static void g_x(const out_rows_cursor *c, out_rows_value *v) { v->num = row_of(c)->x; }
static void g_ok(const out_rows_cursor *c, out_rows_value *v) { v->flag = row_of(c)->ok; }
static void g_raw(const out_rows_cursor *c, out_rows_value *v) { v->text = row_of(c)->raw; }
static void g_wait(const out_rows_cursor *c, out_rows_value *v) { v->ci = row_of(c)->wait; }
static void g_level(const out_rows_cursor *c, out_rows_value *v) { v->ci = row_of(c)->level; }
static void g_share(const out_rows_cursor *c, out_rows_value *v)
{
    v->num = row_of(c)->share[c->item];
}
static void g_agents(const out_rows_cursor *c, out_rows_value *v)
{
    v->num = row_of(c)->agents[c->item];
}
static void g_sl(const out_rows_cursor *c, out_rows_value *v) { v->num = row_of(c)->sl[c->item]; }
static void g_csv_only(const out_rows_cursor *c, out_rows_value *v)
{
    v->num = row_of(c)->csv_only;
}
static void g_extra(const out_rows_cursor *c, out_rows_value *v) { v->num = row_of(c)->extra; }
/* A list of three values per row: row * 10 + item, formatted by the getter as text. */
static void g_sample(const out_rows_cursor *c, out_rows_value *v)
{
    snprintf(v->buf, sizeof v->buf, "%zu", c->row * 10 + c->item);
    v->text = v->buf;
}

static size_t n_channels(const out_rows_cursor *c)
{
    (void)c;
    return 2;
}
static const char *channel_key(const out_rows_cursor *c) { return ctx_of(c)->channels[c->item]; }
static size_t three(const out_rows_cursor *c)
{
    (void)c;
    return 3;
}
static size_t two_rows(const void *ctx, const out_rows_cursor *parent)
{
    (void)ctx;
    (void)parent;
    return 2;
}

static const out_rows_field share_sub[] = {
    {.name = "share.<channel>", .unit = "share", .doc = "share of the channel",
     .kind = OUT_ROWS_NUM, .get = g_share},
};
static const out_rows_field detail_sub[] = {
    {.name = "agents.<channel>", .unit = "agents", .doc = "agents of the channel",
     .kind = OUT_ROWS_NUM, .get = g_agents, .json_name = "agents"},
    {.name = "sl.<channel>", .unit = "share", .doc = "service level of the channel",
     .kind = OUT_ROWS_NUM, .get = g_sl, .json_name = "sl"},
};

static const out_rows_field demo_fields[] = {
    {.name = "name", .unit = "text", .doc = "name", .kind = OUT_ROWS_TEXT, .get = g_name},
    {.name = "n", .unit = "count", .doc = "a count", .kind = OUT_ROWS_COUNT, .get = g_n},
    {.name = "year", .unit = "year", .doc = "a year", .kind = OUT_ROWS_INT, .get = g_year},
    {.name = "x", .unit = "s", .doc = "a number", .kind = OUT_ROWS_NUM, .get = g_x},
    {.name = "ok", .unit = "flag", .doc = "a flag", .kind = OUT_ROWS_BOOL, .get = g_ok},
    {.name = "raw", .unit = "EUR", .doc = "a number as text", .kind = OUT_ROWS_NUMTEXT,
     .get = g_raw},
    {.name = "wait", .unit = "s", .doc = "an interval", .kind = OUT_ROWS_CI,
     .flags = OUT_ROWS_CI_BOUNDS, .get = g_wait},
    {.name = "level", .unit = "share", .doc = "an interval with a mean suffix",
     .kind = OUT_ROWS_CI, .flags = OUT_ROWS_MEAN_SUFFIX | OUT_ROWS_CI_HALF_WIDTH | OUT_ROWS_CI_N,
     .get = g_level},
    {.name = "share", .unit = "share", .doc = "per channel", .kind = OUT_ROWS_GROUP,
     .count = n_channels, .key = channel_key, .placeholder = "<channel>", .sub = share_sub,
     .n_sub = 1},
    {.name = "csv_only", .unit = "s", .doc = "in CSV only", .kind = OUT_ROWS_NUM,
     .flags = OUT_ROWS_CSV_ONLY, .get = g_csv_only},
    {.name = "json_only", .unit = "s", .doc = "in JSON only", .kind = OUT_ROWS_NUM,
     .flags = OUT_ROWS_JSON_ONLY, .get = g_extra, .json_name = "extra"},
    {.name = "samples", .unit = "count", .doc = "a list", .kind = OUT_ROWS_NUMTEXT,
     .flags = OUT_ROWS_LIST, .get = g_sample, .count = three},
    {.name = "detail", .unit = "object", .doc = "two values per channel",
     .kind = OUT_ROWS_GROUP, .count = n_channels, .key = channel_key,
     .placeholder = "<channel>", .sub = detail_sub, .n_sub = 2},
};
static const out_rows_table demo_table = {"demo.csv", demo_fields,
                                          sizeof demo_fields / sizeof demo_fields[0], two_rows};

static void g_version(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = ctx_of(c)->version;
}
static const out_rows_field meta_fields[] = {
    {.name = "version", .unit = "text", .doc = "version", .kind = OUT_ROWS_TEXT,
     .get = g_version},
};
static const out_rows_table meta_table = {"meta", meta_fields, 1, NULL};

static void g_t(const out_rows_cursor *c, out_rows_value *v) { v->num = ctx_of(c)->t[c->row]; }
static void g_v(const out_rows_cursor *c, out_rows_value *v) { v->num = ctx_of(c)->v[c->row]; }
static const out_rows_field point_fields[] = {
    {.name = "t", .unit = "s", .doc = "time", .kind = OUT_ROWS_NUM, .get = g_t},
    {.name = "v", .unit = "agents", .doc = "value", .kind = OUT_ROWS_NUM, .get = g_v},
};
static size_t three_rows(const void *ctx, const out_rows_cursor *parent)
{
    (void)ctx;
    (void)parent;
    return 3;
}
static const out_rows_table point_table = {"points.csv", point_fields, 2, three_rows};
/* The series in reverse row order, to show that series_row picks the row. */
static size_t reverse_row(const out_rows_cursor *c) { return 2 - c->item; }

static void g_seed(const out_rows_cursor *c, out_rows_value *v) { v->count = ctx_of(c)->seed; }
static const out_rows_field doc_fields[] = {
    {.name = "seed", .unit = "integer", .doc = "a seed", .kind = OUT_ROWS_COUNT, .get = g_seed},
    {.name = "rows", .unit = "array", .doc = "the rows", .kind = OUT_ROWS_TABLE,
     .table = &demo_table},
    {.name = "meta", .unit = "object", .doc = "metadata", .kind = OUT_ROWS_OBJECT,
     .table = &meta_table},
    {.name = "points", .unit = "arrays", .doc = "the points as arrays", .kind = OUT_ROWS_SERIES,
     .table = &point_table, .count = three, .series_row = reverse_row},
};
static const out_rows_table doc_table = {"demo.json", doc_fields, 4, NULL};

static const demo the_demo = {
    .rows = {{"plain", 18446744073709551615ull, -3, 1.0 / 3.0, 1, "1.50",
              {5, 0.95, 2.0, 1.0, 1.0, 3.0},
              {5, 0.95, 0.8, 0.1, 0.7, 0.9},
              {0.25, 0.75}, {3.0, 4.0}, {0.5, NAN}, 7.0, 42.0},
             {"a,\"b\"\nc", 0, 2026, NAN, 0, NULL,
              {1, 0.95, NAN, NAN, NAN, NAN},
              {1, 0.95, INFINITY, NAN, -INFINITY, 1e-300},
              {1e-300, 123456789012.0}, {0.0, -0.5}, {1.0, 2.0}, -0.5, NAN}},
    .channels = {"phone", "chat"},
    .seed = 9007199254740993ull, /* 2^53 + 1: a double would make it ...992 */
    .version = "1.2.3",
    .t = {0.0, 900.0, 1800.0},
    .v = {1.5, 2.0, 2.5},
};

/* ---- helpers ------------------------------------------------------------------------- */

typedef struct membuf {
    char *text;
    size_t len;
    FILE *fp;
} membuf;

static void mb_open(membuf *m)
{
    m->text = NULL;
    m->len = 0;
    m->fp = open_memstream(&m->text, &m->len);
    assert_non_null(m->fp);
}

static const char *mb_close(membuf *m)
{
    assert_int_equal(fclose(m->fp), 0);
    return m->text;
}

static void assert_json(const cJSON *doc, const char *want)
{
    assert_non_null(doc);
    char *got = cJSON_PrintUnformatted(doc);
    assert_non_null(got);
    assert_string_equal(got, want);
    cJSON_free(got);
    /* what was printed parses back */
    cJSON *back = cJSON_Parse(want);
    assert_non_null(back);
    cJSON_Delete(back);
}

/* ---- writers ------------------------------------------------------------------------- */

static void csv_should_write_every_kind_quoted_and_empty_where_no_value(void **state)
{
    (void)state;
    membuf m;
    mb_open(&m);
    assert_int_equal(out_rows_csv(m.fp, &demo_table, &the_demo), 0);
    assert_string_equal(
        mb_close(&m),
        "name,n,year,x,ok,raw,wait,wait_lo,wait_hi,level_mean,level_lo,level_hi,share.phone,"
        "share.chat,csv_only,agents.phone,sl.phone,agents.chat,sl.chat\n"
        "plain,18446744073709551615,-3,0.3333333333,1,1.50,2,1,3,0.8,0.7,0.9,0.25,0.75,7,3,0.5,4,"
        "\n"
        "\"a,\"\"b\"\"\nc\",0,2026,,0,,,,,,,1e-300,1e-300,1.23456789e+11,-0.5,0,1,-0.5,2\n");
    free(m.text);
}

static void json_should_keep_the_csv_digits_and_counts_exact(void **state)
{
    (void)state;
    cJSON *doc = out_rows_json(&demo_table, &the_demo, 0);
    assert_json(doc,
                "[{\"name\":\"plain\",\"n\":18446744073709551615,\"year\":-3,\"x\":0.3333333333,"
                "\"ok\":true,\"raw\":1.50,\"wait\":{\"mean\":2,\"lo\":1,\"hi\":3},"
                "\"level\":{\"mean\":0.8,\"half_width\":0.1,\"n\":5},"
                "\"share\":{\"phone\":0.25,\"chat\":0.75},\"extra\":42,\"samples\":[0,1,2],"
                "\"detail\":{\"phone\":{\"agents\":3,\"sl\":0.5},"
                "\"chat\":{\"agents\":4,\"sl\":null}}},"
                "{\"name\":\"a,\\\"b\\\"\\nc\",\"n\":0,\"year\":2026,\"x\":null,\"ok\":false,"
                "\"raw\":null,\"wait\":{\"mean\":null,\"lo\":null,\"hi\":null},"
                "\"level\":{\"mean\":null,\"half_width\":null,\"n\":1},"
                "\"share\":{\"phone\":1e-300,\"chat\":1.23456789e+11},\"extra\":null,"
                "\"samples\":[10,11,12],"
                "\"detail\":{\"phone\":{\"agents\":0,\"sl\":1},"
                "\"chat\":{\"agents\":-0.5,\"sl\":2}}}]");
    /* the 64-bit count reads back exactly as text, where a double would round it */
    cJSON *n = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(doc, 0), "n");
    assert_true(cJSON_IsRaw(n));
    assert_string_equal(n->valuestring, "18446744073709551615");
    cJSON_Delete(doc);
}

static void native_json_should_print_cjson_numbers_but_exact_counts(void **state)
{
    (void)state;
    cJSON *doc = out_rows_json(&doc_table, &the_demo, OUT_ROWS_NATIVE);
    assert_non_null(doc);
    char *got = cJSON_PrintUnformatted(doc);
    assert_non_null(got);
    assert_non_null(strstr(got, "\"seed\":9007199254740993,"));
    assert_non_null(strstr(got, "\"x\":0.33333333333333331,"));
    assert_non_null(strstr(got, "\"n\":18446744073709551615,"));
    cJSON_free(got);
    cJSON_Delete(doc);
}

static void nested_json_should_hold_tables_objects_and_series(void **state)
{
    (void)state;
    cJSON *doc = out_rows_json(&doc_table, &the_demo, 0);
    assert_non_null(doc);
    assert_true(cJSON_IsObject(doc));
    char *got = cJSON_PrintUnformatted(doc);
    assert_non_null(got);
    const char *head = "{\"seed\":9007199254740993,\"rows\":[{\"name\":\"plain\",";
    assert_memory_equal(got, head, strlen(head));
    const char *tail =
        "\"sl\":2}}}],\"meta\":{\"version\":\"1.2.3\"},\"t\":[1800,900,0],\"v\":[2.5,2,1.5]}";
    assert_true(strlen(got) > strlen(tail));
    assert_string_equal(got + strlen(got) - strlen(tail), tail);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(doc, "rows")), 2);
    cJSON_free(got);
    cJSON_Delete(doc);

    membuf m;
    mb_open(&m);
    assert_int_equal(out_rows_json_write(m.fp, &meta_table, &the_demo, 0), 0);
    assert_string_equal(mb_close(&m), "{\n\t\"version\":\t\"1.2.3\"\n}\n");
    free(m.text);
}

/* A field written only in row 0, an interval only in row 1. */
static int in_row0(const out_rows_cursor *c) { return c->row == 0; }
static int in_row1(const out_rows_cursor *c) { return c->row == 1; }

static void fields_with_has_should_be_left_out_where_absent(void **state)
{
    (void)state;
    const out_rows_field fields[] = {
        {.name = "name", .unit = "text", .doc = "name", .kind = OUT_ROWS_TEXT, .get = g_name},
        {.name = "x", .unit = "s", .doc = "row 0 only", .kind = OUT_ROWS_NUM, .get = g_csv_only,
         .has = in_row0},
        {.name = "wait", .unit = "s", .doc = "row 1 only", .kind = OUT_ROWS_CI,
         .flags = OUT_ROWS_CI_BOUNDS, .get = g_wait, .has = in_row1},
    };
    const out_rows_table t = {"has.csv", fields, 3, two_rows};
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(out_rows_check(&t, &err), SIM_OK);
    membuf m;
    mb_open(&m);
    assert_int_equal(out_rows_csv(m.fp, &t, &the_demo), 0);
    assert_string_equal(mb_close(&m), "name,x,wait,wait_lo,wait_hi\nplain,7,,,\n"
                                      "\"a,\"\"b\"\"\nc\",,,,\n");
    free(m.text);
    cJSON *doc = out_rows_json(&t, &the_demo, 0);
    assert_json(doc, "[{\"name\":\"plain\",\"x\":7},{\"name\":\"a,\\\"b\\\"\\nc\","
                     "\"wait\":{\"mean\":null,\"lo\":null,\"hi\":null}}]");
    cJSON_Delete(doc);
}

static void text_n(const out_rows_cursor *c, out_rows_value *v) { v->count = c->row + 7; }
static void text_year(const out_rows_cursor *c, out_rows_value *v)
{
    v->integer = row_of(c)->year;
}

static void text_table_should_pad_columns_as_printf(void **state)
{
    (void)state;
    static const out_rows_col cols[] = {
        {"name", -8, 's', 0, NULL, g_name},   {"x", 8, 'f', 2, " | ", g_x},
        {"n", 4, 'u', 0, NULL, text_n},       {"year", 6, 'd', 0, NULL, text_year},
        {"share", 9, 'g', 3, NULL, g_csv_only},
    };
    const out_rows_text t = {"  ", cols, sizeof cols / sizeof cols[0]};
    membuf m;
    mb_open(&m);
    assert_int_equal(out_rows_text_header(m.fp, &t), 0);
    out_rows_cursor c = {&the_demo, 0, 0, NULL};
    assert_int_equal(out_rows_text_row(m.fp, &t, &c), 0);
    char want[256];
    snprintf(want, sizeof want, "  %-8s | %8s %4s %6s %9s\n  %-8s | %8.2f %4u %6d %9.3g\n",
             "name", "x", "n", "year", "share", "plain", 1.0 / 3.0, 7u, -3, 7.0);
    assert_string_equal(mb_close(&m), want);
    free(m.text);
}

/* ---- member fields ------------------------------------------------------------------- */

static const void *row_at(const out_rows_cursor *c) { return row_of(c); }
static void g_share1(const out_rows_cursor *c, out_rows_value *v) { v->num = row_of(c)->share[1]; }

/* A struct with narrow members: each width the member kinds read. */
typedef struct narrow_row {
    unsigned char u8;
    unsigned short u16;
    unsigned u32;
    size_t usize;
    signed char i8;
    short i16;
    int i32;
    char label[12];
} narrow_row;

static const narrow_row the_narrow = {255, 65535, 4294967295u, (size_t)-1, -128, -32768,
                                      -2147483647 - 1, "tag,with"};

static void member_fields_should_read_as_the_getters_do(void **state)
{
    (void)state;
    static const out_rows_field by_member[] = {
        {OUT_ROWS_AT_TEXT(row_at, demo_row, name), .name = "name", .unit = "text", .doc = "n"},
        {OUT_ROWS_AT_COUNT(row_at, demo_row, n), .name = "n", .unit = "count", .doc = "n"},
        {OUT_ROWS_AT_INT(row_at, demo_row, year), .name = "year", .unit = "year", .doc = "y"},
        {OUT_ROWS_AT_NUM(row_at, demo_row, x), .name = "x", .unit = "s", .doc = "x"},
        {OUT_ROWS_AT_BOOL(row_at, demo_row, ok), .name = "ok", .unit = "0/1", .doc = "ok"},
        {OUT_ROWS_AT_CI(row_at, demo_row, wait), .name = "wait", .unit = "s", .doc = "w",
         .flags = OUT_ROWS_CI_BOUNDS},
        {OUT_ROWS_AT_NUM(row_at, demo_row, share[1]), .name = "share1", .unit = "share",
         .doc = "an array element"},
    };
    static const out_rows_field by_getter[] = {
        {.name = "name", .unit = "text", .doc = "n", .kind = OUT_ROWS_TEXT, .get = g_name},
        {.name = "n", .unit = "count", .doc = "n", .kind = OUT_ROWS_COUNT, .get = g_n},
        {.name = "year", .unit = "year", .doc = "y", .kind = OUT_ROWS_INT, .get = g_year},
        {.name = "x", .unit = "s", .doc = "x", .kind = OUT_ROWS_NUM, .get = g_x},
        {.name = "ok", .unit = "0/1", .doc = "ok", .kind = OUT_ROWS_BOOL, .get = g_ok},
        {.name = "wait", .unit = "s", .doc = "w", .kind = OUT_ROWS_CI,
         .flags = OUT_ROWS_CI_BOUNDS, .get = g_wait},
        {.name = "share1", .unit = "share", .doc = "an array element", .kind = OUT_ROWS_NUM,
         .get = g_share1},
    };
    const out_rows_table tm = {"member.csv", by_member, 7, two_rows};
    const out_rows_table tg = {"member.csv", by_getter, 7, two_rows};
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(out_rows_check(&tm, &err), SIM_OK);
    membuf a, b;
    mb_open(&a);
    mb_open(&b);
    assert_int_equal(out_rows_csv(a.fp, &tm, &the_demo), 0);
    assert_int_equal(out_rows_csv(b.fp, &tg, &the_demo), 0);
    assert_string_equal(mb_close(&a), mb_close(&b));
    free(a.text);
    free(b.text);
    cJSON *ja = out_rows_json(&tm, &the_demo, 0), *jb = out_rows_json(&tg, &the_demo, 0);
    char *sa = cJSON_PrintUnformatted(ja), *sb = cJSON_PrintUnformatted(jb);
    assert_string_equal(sa, sb);
    cJSON_free(sa);
    cJSON_free(sb);
    cJSON_Delete(ja);
    cJSON_Delete(jb);

    static const out_rows_field narrow[] = {
        {OUT_ROWS_AT_COUNT(out_rows_ctx, narrow_row, u8), .name = "u8", .unit = "n", .doc = "n"},
        {OUT_ROWS_AT_COUNT(out_rows_ctx, narrow_row, u16), .name = "u16", .unit = "n",
         .doc = "n"},
        {OUT_ROWS_AT_COUNT(out_rows_ctx, narrow_row, u32), .name = "u32", .unit = "n",
         .doc = "n"},
        {OUT_ROWS_AT_COUNT(out_rows_ctx, narrow_row, usize), .name = "usize", .unit = "n",
         .doc = "n"},
        {OUT_ROWS_AT_INT(out_rows_ctx, narrow_row, i8), .name = "i8", .unit = "n", .doc = "n"},
        {OUT_ROWS_AT_INT(out_rows_ctx, narrow_row, i16), .name = "i16", .unit = "n", .doc = "n"},
        {OUT_ROWS_AT_INT(out_rows_ctx, narrow_row, i32), .name = "i32", .unit = "n", .doc = "n"},
        {OUT_ROWS_AT_CHARS(out_rows_ctx, narrow_row, label), .name = "label", .unit = "text",
         .doc = "a char array"},
    };
    const out_rows_table tn = {"narrow.csv", narrow, 8, NULL};
    assert_int_equal(out_rows_check(&tn, &err), SIM_OK);
    mb_open(&a);
    assert_int_equal(out_rows_csv(a.fp, &tn, &the_narrow), 0);
    char want[256];
    snprintf(want, sizeof want,
             "u8,u16,u32,usize,i8,i16,i32,label\n255,65535,4294967295,%zu,-128,-32768,"
             "-2147483648,\"tag,with\"\n",
             (size_t)-1);
    assert_string_equal(mb_close(&a), want);
    free(a.text);
}

/* ---- checks -------------------------------------------------------------------------- */

static void check_should_accept_the_demo_tables(void **state)
{
    (void)state;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(out_rows_check(&demo_table, &err), SIM_OK);
    assert_int_equal(out_rows_check(&doc_table, &err), SIM_OK);
}

/* A CI with OUT_ROWS_MEAN_SUFFIX writes level_mean, level_lo, level_hi: a TEXT column named
 * `level` (CSV only, so the JSON keys differ too) does not collide with it. */
static void check_should_accept_a_text_column_named_as_a_ci_base(void **state)
{
    (void)state;
    const out_rows_field fields[] = {
        {.name = "level", .unit = "text", .doc = "a label", .kind = OUT_ROWS_TEXT,
         .flags = OUT_ROWS_CSV_ONLY, .get = g_name},
        {.name = "level", .unit = "share", .doc = "the interval", .kind = OUT_ROWS_CI,
         .flags = OUT_ROWS_MEAN_SUFFIX, .get = g_level},
    };
    const out_rows_table t = {"base.csv", fields, 2, two_rows};
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(out_rows_check(&t, &err), SIM_OK);
    out_rows_field twice[] = {fields[0], fields[1]};
    twice[0].name = "level_lo";
    const out_rows_table t2 = {"base.csv", twice, 2, two_rows};
    assert_int_equal(out_rows_check(&t2, &err), SIM_EINVAL);
    assert_non_null(strstr(err.message, "twice"));
}

/* out_rows_check of demo_table with field i replaced by f: SIM_EINVAL naming `names`. */
static void expect_refused(size_t i, out_rows_field f, const char *names)
{
    out_rows_field fields[sizeof demo_fields / sizeof demo_fields[0]];
    memcpy(fields, demo_fields, sizeof fields);
    fields[i] = f;
    const out_rows_table t = {"broken.csv", fields, sizeof fields / sizeof fields[0], two_rows};
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(out_rows_check(&t, &err), SIM_EINVAL);
    if (strstr(err.message, "broken.csv") == NULL || strstr(err.message, names) == NULL)
        fail_msg("message '%s' should name broken.csv and '%s'", err.message, names);
}

static void check_should_refuse_duplicates_and_missing_parts(void **state)
{
    (void)state;
    out_rows_field f = demo_fields[3]; /* x */
    f.name = "year";
    expect_refused(3, f, "'year' twice"); /* a CSV column twice */
    f = demo_fields[3];
    f.json_name = "name";
    expect_refused(3, f, "JSON key 'name' twice");
    f = demo_fields[10]; /* JSON only */
    f.json_name = "share";
    expect_refused(10, f, "JSON key 'share' twice"); /* collides with the group's key */
    f = demo_fields[9]; /* CSV only */
    f.name = "share.<channel>";
    expect_refused(9, f, "'share.<channel>' twice"); /* collides with the group's template */
    f = demo_fields[3];
    f.name = "wait_lo"; /* one of the CI wait's columns */
    expect_refused(3, f, "twice");
    f = demo_fields[3];
    f.unit = NULL;
    expect_refused(3, f, "'x' lacks a name, unit or doc");
    f = demo_fields[3];
    f.doc = "";
    expect_refused(3, f, "'x' lacks a name, unit or doc");
    f = demo_fields[3];
    f.get = NULL;
    expect_refused(3, f, "'x' lacks what its kind needs");
    f = demo_fields[8];
    f.key = NULL;
    expect_refused(8, f, "'share' lacks what its kind needs");
    static const out_rows_field no_placeholder[] = {
        {.name = "share", .unit = "share", .doc = "no placeholder", .kind = OUT_ROWS_NUM,
         .get = g_share},
    };
    f = demo_fields[8];
    f.sub = no_placeholder;
    expect_refused(8, f, "lacks the placeholder <channel>");
    static const out_rows_field two_direct[] = {
        {.name = "a.<channel>", .unit = "s", .doc = "a", .kind = OUT_ROWS_NUM, .get = g_share},
        {.name = "b.<channel>", .unit = "s", .doc = "b", .kind = OUT_ROWS_NUM, .get = g_share},
    };
    f = demo_fields[12];
    f.sub = two_direct;
    expect_refused(12, f, "one value or named ones");
    /* a nested table is checked too */
    static const out_rows_field bad_meta[] = {
        {.name = "version", .unit = "", .doc = "", .kind = OUT_ROWS_TEXT, .get = g_version},
    };
    static const out_rows_table bad_meta_table = {"meta", bad_meta, 1, NULL};
    const out_rows_field nested[] = {
        {.name = "meta", .unit = "object", .doc = "metadata", .kind = OUT_ROWS_OBJECT,
         .table = &bad_meta_table},
    };
    const out_rows_table t = {"outer.json", nested, 1, NULL};
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(out_rows_check(&t, &err), SIM_EINVAL);
    assert_non_null(strstr(err.message, "meta: field 'version'"));
}

/* ---- documentation ------------------------------------------------------------------- */

typedef struct cells {
    char text[4096];
} cells;

static void collect(void *arg, const char *name, const char *unit, const char *doc)
{
    cells *c = arg;
    size_t at = strlen(c->text);
    snprintf(c->text + at, sizeof c->text - at, "%s|%s|%s\n", name, unit, doc);
}

static void doc_should_list_csv_columns_and_json_paths(void **state)
{
    (void)state;
    cells c = {""};
    out_rows_doc(&demo_table, 0, collect, &c);
    assert_string_equal(c.text, "`name`|text|name\n`n`|count|a count\n`year`|year|a year\n"
                                "`x`|s|a number\n`ok`|flag|a flag\n`raw`|EUR|a number as text\n"
                                "`wait` (+ `_lo`, `_hi`)|s|an interval\n"
                                "`level_mean` (+ `_lo`, `_hi`)*|share|an interval with a mean "
                                "suffix\n"
                                "`share.<channel>`|share|share of the channel\n"
                                "`csv_only`|s|in CSV only\n"
                                "`agents.<channel>`|agents|agents of the channel\n"
                                "`sl.<channel>`|share|service level of the channel\n");
    cells j = {""};
    out_rows_doc(&doc_table, 1, collect, &j);
    assert_non_null(strstr(j.text, "`seed`|integer|a seed\n`rows[].name`|text|name\n"));
    assert_non_null(strstr(j.text, "`rows[].share.<channel>`|share|share of the channel\n"
                                   "`rows[].extra`|s|in JSON only\n"
                                   "`rows[].samples`|count|a list\n"
                                   "`rows[].detail.<channel>.agents`|agents|agents of the "
                                   "channel\n"));
    assert_non_null(strstr(j.text, "`meta.version`|text|version\n`t`|s|time\n"
                                   "`v`|agents|value\n"));
    assert_null(strstr(j.text, "csv_only"));
}

/* The section of md under the "###" heading whose first `quoted` name is name: from the
 * heading to the next heading of level 3 or above. NULL when there is none. The result
 * points into md; *len is set to its length. */
static const char *doc_section(const char *md, const char *name, size_t *len)
{
    char want[256];
    snprintf(want, sizeof want, "\n### `%s`", name);
    const char *at = strstr(md, want);
    if (at == NULL)
        return NULL;
    at++;
    const char *end = at + 1;
    while ((end = strstr(end, "\n#")) != NULL && strncmp(end, "\n####", 5) == 0)
        end++;
    *len = end != NULL ? (size_t)(end - at) : strlen(at);
    return at;
}

typedef struct doc_check {
    const char *section;
    size_t len;
    char missing[512]; /* the first field without its row, "" when none */
} doc_check;

/* A documented field is a table row starting "| NAME | UNIT |" in the section. */
static void doc_find(void *arg, const char *name, const char *unit, const char *doc)
{
    (void)doc;
    doc_check *d = arg;
    if (d->missing[0] != '\0')
        return;
    char row[512];
    snprintf(row, sizeof row, "\n| %s | %s |", name, unit);
    size_t n = strlen(row);
    for (const char *p = d->section; p + n <= d->section + d->len; p++)
        if (memcmp(p, row, n) == 0)
            return;
    snprintf(d->missing, sizeof d->missing, "%s (unit %s)", name, unit);
}

/* "" when md documents every field of t (json 0: CSV, 1: JSON) under heading, else what is
 * missing, in buf. */
static const char *doc_missing(const char *md, const out_rows_table *t, int json,
                               const char *heading, char *buf, size_t n)
{
    doc_check d = {NULL, 0, ""};
    d.section = doc_section(md, heading, &d.len);
    if (d.section == NULL) {
        snprintf(buf, n, "no heading ### `%s`", heading);
        return buf;
    }
    out_rows_doc(t, json, doc_find, &d);
    snprintf(buf, n, "%s", d.missing);
    return buf;
}

static void doc_check_should_catch_a_missing_row_and_a_wrong_unit(void **state)
{
    (void)state;
    static const char md[] = "# doc\n\n### `meta` (exact)\n\n| key | unit | meaning |\n"
                             "|---|---|---|\n| `version` | text | version |\n\n"
                             "### `points.csv`\n\n| `t` | s | time |\n| `v` | share | value |\n"
                             "\n#### detail\n\n| `w` | s | below a level-4 heading |\n"
                             "### `other`\n\n| `v` | agents | value |\n";
    char buf[600];
    assert_string_equal(doc_missing(md, &meta_table, 0, "meta", buf, sizeof buf), "");
    assert_string_equal(doc_missing(md, &point_table, 0, "points.csv", buf, sizeof buf),
                        "`v` (unit agents)");
    assert_string_equal(doc_missing(md, &point_table, 0, "nowhere.csv", buf, sizeof buf),
                        "no heading ### `nowhere.csv`");
    size_t len;
    const char *s = doc_section(md, "points.csv", &len);
    assert_non_null(s);
    assert_non_null(memchr(s, 'w', len)); /* a level-4 heading stays in the section */
    const char *other = strstr(s, "### `other`");
    assert_non_null(other);
    assert_true((size_t)(other - s) >= len); /* the next level-3 heading ends it */
}

static void catalog_tables_should_be_valid_and_documented(void **state)
{
    (void)state;
    const char *md = test_docs_read("outputs.md");
    size_t n;
    const out_catalog_entry *e = out_catalog_entries(&n);
    for (size_t i = 0; i < n; i++) {
        sim_error err;
        sim_error_clear(&err);
        if (out_rows_check(e[i].table, &err) != SIM_OK)
            fail_msg("%s", err.message);
        assert_true(e[i].csv_doc != NULL || e[i].json_doc != NULL);
        assert_non_null(e[i].command);
        assert_ptr_equal(out_catalog_find(e[i].table->name), &e[i]);
        char buf[600];
        if (e[i].csv_doc != NULL &&
            doc_missing(md, e[i].table, 0, e[i].csv_doc, buf, sizeof buf)[0] != '\0')
            fail_msg("docs/outputs.md, `%s`: no row for CSV column %s", e[i].csv_doc, buf);
        if (e[i].json_doc != NULL &&
            doc_missing(md, e[i].table, 1, e[i].json_doc, buf, sizeof buf)[0] != '\0')
            fail_msg("docs/outputs.md, `%s`: no row for JSON key %s", e[i].json_doc, buf);
    }
    assert_null(out_catalog_find("no-such-table.csv"));
}

/* Out of memory at every allocation of a nested document: the builder returns NULL (and,
 * under the sanitizer build, leaks nothing); the printer reports -1. cJSON allocates through
 * sim_malloc once the scenario reader has installed its hooks, so a load installs them. */
static void json_should_fail_cleanly_at_every_allocation(void **state)
{
    (void)state;
    scenario *scn = NULL;
    scenario_diag diag;
    scenario_diag_init(&diag);
    (void)scenario_load_string("{}", 2, "<hooks>", NULL, &scn, &diag); /* installs the hooks */
    scenario_diag_fini(&diag);
    scenario_free(scn);
    long before = sim_alloc_count();
    cJSON *doc = out_rows_json(&doc_table, &the_demo, 0);
    long total = sim_alloc_count() - before;
    assert_non_null(doc);
    assert_true(total > 20);
    for (long n = 1; n <= total; n++) {
        sim_alloc_fail_after(n, 1);
        cJSON *partial = out_rows_json(&doc_table, &the_demo, 0);
        sim_alloc_fail_after(0, 0);
        if (partial != NULL)
            fail_msg("allocation %ld of %ld failed, yet a document was built", n, total);
    }
    membuf m;
    mb_open(&m);
    sim_alloc_fail_after(1, 1);
    int rc = out_rows_json_print(m.fp, doc, 1);
    sim_alloc_fail_after(0, 0);
    assert_int_equal(rc, -1);
    mb_close(&m);
    free(m.text);
    cJSON_Delete(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(csv_should_write_every_kind_quoted_and_empty_where_no_value),
        cmocka_unit_test(json_should_keep_the_csv_digits_and_counts_exact),
        cmocka_unit_test(native_json_should_print_cjson_numbers_but_exact_counts),
        cmocka_unit_test(nested_json_should_hold_tables_objects_and_series),
        cmocka_unit_test(fields_with_has_should_be_left_out_where_absent),
        cmocka_unit_test(text_table_should_pad_columns_as_printf),
        cmocka_unit_test(json_should_fail_cleanly_at_every_allocation),
        cmocka_unit_test(member_fields_should_read_as_the_getters_do),
        cmocka_unit_test(check_should_accept_the_demo_tables),
        cmocka_unit_test(check_should_accept_a_text_column_named_as_a_ci_base),
        cmocka_unit_test(check_should_refuse_duplicates_and_missing_parts),
        cmocka_unit_test(doc_should_list_csv_columns_and_json_paths),
        cmocka_unit_test(doc_check_should_catch_a_missing_row_and_a_wrong_unit),
        cmocka_unit_test(catalog_tables_should_be_valid_and_documented),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
