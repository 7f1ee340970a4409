/* test_csvread.c -- the streaming CSV reader (csvread.h): RFC 4180 quoting through libcsv,
 * the line each row starts on (also after quoted line breaks and blank lines), malformed
 * files named by line, strict numbers, a callback that stops the reading, and running out of
 * memory at every allocation without a leak or a crash. */
#define _POSIX_C_SOURCE 200809L /* mkstemp, fdopen */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "csvread.h"
#include "sim_alloc.h"

#define MAXROWS 16

typedef struct seen {
    size_t rows;
    int line[MAXROWS];
    size_t n[MAXROWS];
    char text[MAXROWS][128]; /* fields joined by '|' */
    long stop_at;            /* return SIM_EINVAL on this row index, -1 never */
} seen;

static sim_status collect(const csvread_row *row, void *data, sim_error *err)
{
    seen *s = data;
    if (row->index == s->stop_at)
        return csvread_error(err, SIM_EINVAL, row, 1, "stopped here");
    if (s->rows < MAXROWS) {
        s->line[s->rows] = row->line;
        s->n[s->rows] = row->n;
        char *t = s->text[s->rows];
        t[0] = '\0';
        for (size_t i = 0; i < row->n; i++) {
            if (i > 0)
                strncat(t, "|", 127 - strlen(t));
            strncat(t, row->field[i], 127 - strlen(t));
        }
    }
    s->rows++;
    return SIM_OK;
}

static sim_status read_text(const char *text, seen *s, sim_error *err)
{
    memset(s, 0, sizeof *s);
    s->stop_at = -1;
    sim_error_clear(err);
    return csvread_text("t.csv", text, strlen(text), collect, s, err);
}

static void reader_should_follow_rfc4180_quoting_and_count_physical_lines(void **state)
{
    (void)state;
    seen s;
    sim_error err;
    const char *text = "\xEF\xBB\xBF" "date,queue,volume\r\n"
                       "2026-01-05,\"Sales, NL\",12\n"
                       "\n"
                       "2026-01-05,\"say \"\"hi\"\"\nand bye\",3\n"
                       "2026-01-06,x,4"; /* no final line break */
    assert_int_equal(read_text(text, &s, &err), SIM_OK);
    assert_int_equal(s.rows, 4);
    assert_string_equal(s.text[0], "date|queue|volume"); /* the byte-order mark is dropped */
    assert_string_equal(s.text[1], "2026-01-05|Sales, NL|12");
    assert_string_equal(s.text[2], "2026-01-05|say \"hi\"\nand bye|3");
    assert_string_equal(s.text[3], "2026-01-06|x|4");
    assert_int_equal(s.line[0], 1);
    assert_int_equal(s.line[1], 2);
    assert_int_equal(s.line[2], 4); /* line 3 is blank and skipped */
    assert_int_equal(s.line[3], 6); /* the quoted field of row 2 spans lines 4 and 5 */
    assert_int_equal(s.n[1], 3);
}

static void reader_should_name_the_line_of_malformed_csv(void **state)
{
    (void)state;
    seen s;
    sim_error err;
    assert_int_equal(read_text("a,b\n1,2\n3,x\"y\n4,5\n", &s, &err), SIM_EPARSE);
    assert_string_equal(err.path, "t.csv");
    assert_int_equal(err.line, 3);
    assert_int_equal(err.column, 2);
    assert_non_null(strstr(err.message, "malformed CSV"));
    assert_int_equal(s.rows, 2); /* the rows before the problem were delivered */

    assert_int_equal(read_text("a,b\n1,\"open\n2,3\n", &s, &err), SIM_EPARSE);
    assert_non_null(strstr(err.message, "ends inside a quoted field"));
    assert_int_equal(err.line, 2);
}

static void reader_should_stop_when_the_callback_fails(void **state)
{
    (void)state;
    seen s;
    sim_error err;
    memset(&s, 0, sizeof s);
    s.stop_at = 1;
    const char *text = "a,b\n1,2\n3,4\n";
    assert_int_equal(csvread_text("t.csv", text, strlen(text), collect, &s, &err), SIM_EINVAL);
    assert_int_equal(s.rows, 1);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 2);
    assert_string_equal(err.message, "stopped here");
}

static sim_status numbers(const csvread_row *row, void *data, sim_error *err)
{
    double *out = data;
    return csvread_number(row, 1, "volume", out, err);
}

static sim_status number_of(const char *text, double *v, sim_error *err)
{
    sim_error_clear(err);
    *v = -1.0;
    return csvread_text("n.csv", text, strlen(text), numbers, v, err);
}

static void number_should_accept_only_whole_finite_decimals(void **state)
{
    (void)state;
    sim_error err;
    double v;
    assert_int_equal(number_of("x, 12.5 \n", &v, &err), SIM_OK);
    assert_true(v == 12.5);
    assert_int_equal(number_of("x,\"-3e2\"\n", &v, &err), SIM_OK);
    assert_true(v == -300.0);
    const char *bad[] = { "x,12a\n", "x,nan\n", "x,inf\n", "x,0x10\n", "x,\n", "x,1e999\n",
                          "x,.\n" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(number_of(bad[i], &v, &err), SIM_EINVAL);
        assert_non_null(strstr(err.message, "volume: expected a number"));
        assert_int_equal(err.line, 1);
        assert_int_equal(err.column, 2);
    }
    assert_int_equal(number_of("x\n", &v, &err), SIM_EINVAL);
    assert_non_null(strstr(err.message, "volume: missing"));
}

static void reader_should_read_a_file_and_report_a_missing_one(void **state)
{
    (void)state;
    char path[] = "/tmp/test_csvread_XXXXXX";
    FILE *f = fdopen(mkstemp(path), "w");
    assert_non_null(f);
    /* More than one 64 KiB read buffer, so rows straddle reads. */
    for (int i = 0; i < 20000; i++)
        fprintf(f, "%d,\"q%d\"\n", i, i % 7);
    fclose(f);
    sim_error err;
    seen s;
    memset(&s, 0, sizeof s);
    s.stop_at = -1;
    assert_int_equal(csvread_file(path, collect, &s, &err), SIM_OK);
    assert_int_equal(s.rows, 20000);
    assert_string_equal(s.text[9], "9|q2");
    assert_int_equal(s.line[9], 10);
    remove(path);
    assert_int_equal(csvread_file(path, collect, &s, &err), SIM_EIO);
    assert_string_equal(err.path, path);
}

static void reader_should_survive_every_failed_allocation(void **state)
{
    (void)state;
    const char *text = "date,queue,volume\n2026-01-05,\"a long quoted field, with a comma\",12\n"
                       "2026-01-05,b,3\n";
    seen s;
    sim_error err;
    long before = sim_alloc_count();
    assert_int_equal(read_text(text, &s, &err), SIM_OK);
    long total = sim_alloc_count() - before;
    assert_true(total >= 3);
    /* Sticky: libcsv retries a failed growth with smaller steps, so one failure alone may be
     * absorbed; from the n-th allocation on every one fails and the reader must say so. */
    for (long n = 1; n <= total; n++) {
        sim_alloc_fail_after(n, 1);
        sim_status st = read_text(text, &s, &err);
        sim_alloc_fail_after(0, 0);
        assert_int_equal(st, SIM_ENOMEM);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reader_should_follow_rfc4180_quoting_and_count_physical_lines),
        cmocka_unit_test(reader_should_name_the_line_of_malformed_csv),
        cmocka_unit_test(reader_should_stop_when_the_callback_fails),
        cmocka_unit_test(number_should_accept_only_whole_finite_decimals),
        cmocka_unit_test(reader_should_read_a_file_and_report_a_missing_one),
        cmocka_unit_test(reader_should_survive_every_failed_allocation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
