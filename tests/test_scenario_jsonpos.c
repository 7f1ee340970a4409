/* test_scenario_jsonpos.c -- jsonpos: the strict pre-check and the path -> position lookup
 * the scenario loader's messages rely on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "jsonpos.h"

static int check(const char *t, size_t *off, char *msg)
{
    return jsonpos_check(t, strlen(t), 32, 1000, off, msg, 128);
}

static void check_should_accept_valid_json_and_reject_what_cjson_would_misread(void **state)
{
    (void)state;
    size_t off = 0;
    char msg[128];
    assert_int_equal(check("{\"a\": [1, -2.5e+3, true, null, \"x\\u00e9\\ud83d\\ude00\"]}", &off,
                           msg),
                     0);
    assert_int_equal(check("\xEF\xBB\xBF {} ", &off, msg), 0);
    assert_int_equal(check("{} x", &off, msg), 1); /* cJSON would ignore the trailing text */
    assert_int_equal(off, 3);
    assert_string_equal(msg, "unexpected text after the end of the document");
    assert_int_equal(check("[01]", &off, msg), 1);
    assert_int_equal(check("[1,]", &off, msg), 1);
    assert_int_equal(off, 3);
    assert_int_equal(check("\"\\ud800\"", &off, msg), 1);
    assert_int_equal(check("\"a\tb\"", &off, msg), 1);
    assert_string_equal(msg, "control character in a string (write it as an escape)");
    assert_int_equal(check("{\"a\" 1}", &off, msg), 1);
    assert_string_equal(msg, "expected ':' after a field name");
    assert_int_equal(check("", &off, msg), 1);
    assert_int_equal(check("[[[", &off, msg), 1);
    assert_string_equal(msg, "unexpected end of file (expected a value)");
    /* A NUL escape would silently cut a name short in cJSON's C strings. */
    assert_int_equal(check("{\"name\": \"a\\u0000b\"}", &off, msg), 1);
    assert_int_equal(off, 11);
    assert_string_equal(msg, "\\u0000 (a NUL character) is not allowed in strings");
    assert_int_equal(check("\"\\u00zz\"", &off, msg), 1);
    assert_string_equal(msg, "\\u must be followed by four hexadecimal digits");
}

static void check_should_enforce_depth_and_value_limits(void **state)
{
    (void)state;
    size_t off = 0;
    char msg[128];
    char deep[80];
    memset(deep, '[', 40);
    memset(deep + 40, ']', 40);
    assert_int_equal(jsonpos_check(deep, 80, 32, 1000, &off, msg, sizeof msg), 2);
    assert_int_equal(off, 32);
    assert_int_equal(jsonpos_check(deep, 80, 40, 1000, &off, msg, sizeof msg), 0);
    assert_int_equal(jsonpos_check("[1,2,3,4]", 9, 32, 4, &off, msg, sizeof msg), 2);
    assert_string_equal(msg, "too many values");
}

static void find_should_return_the_key_or_element_position(void **state)
{
    (void)state;
    const char *t = "{\n  \"a\": {\"b\": [10, {\"c\": 1}, 30]},\n  \"d\": \"x\"\n}";
    size_t len = strlen(t), off = 0;
    assert_int_equal(jsonpos_find(t, len, "a.b[1].c", &off), 4);
    assert_int_equal(t[off], '"');
    assert_int_equal(strncmp(t + off, "\"c\"", 3), 0);
    assert_int_equal(jsonpos_find(t, len, "a.b[2]", &off), 3);
    assert_int_equal(strncmp(t + off, "30", 2), 0);
    /* the deepest existing prefix when the path goes further than the text */
    assert_int_equal(jsonpos_find(t, len, "a.b[7].z", &off), 2);
    assert_int_equal(strncmp(t + off, "\"b\"", 3), 0);
    assert_int_equal(jsonpos_find(t, len, "", &off), 0);
    assert_int_equal(off, 0);
    int line = 0, col = 0;
    jsonpos_find(t, len, "d", &off);
    jsonpos_line_col(t, len, off, &line, &col);
    assert_int_equal(line, 3);
    assert_int_equal(col, 3);
    assert_int_equal(jsonpos_find("", 0, "a", &off), -1);
}

static void line_col_should_count_characters_not_bytes(void **state)
{
    (void)state;
    const char *t = "{\"\xc3\xa9\xc3\xa9\": x}";
    int line = 0, col = 0;
    jsonpos_line_col(t, strlen(t), 9, &line, &col); /* the x */
    assert_int_equal(line, 1);
    assert_int_equal(col, 8);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(check_should_accept_valid_json_and_reject_what_cjson_would_misread),
        cmocka_unit_test(check_should_enforce_depth_and_value_limits),
        cmocka_unit_test(find_should_return_the_key_or_element_position),
        cmocka_unit_test(line_col_should_count_characters_not_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
