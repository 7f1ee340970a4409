/* test_calib_log.c -- the contact-log reader (calib_log.h): known answers on small files in the
 * default and the Technion layout, the column map, and one test per class of bad input with
 * the message (file, line, column) checked; every error of a file is reported in one pass. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "calib_log.h"

#include "test_near.h"

typedef struct rows {
    size_t n;
    calib_log_contact c[8];
    char channel[8][16], customer[8][16];
} rows;

static sim_status keep(void *ctx, const calib_log_contact *c, sim_error *err)
{
    (void)err;
    rows *r = ctx;
    if (r->n < 8) {
        r->c[r->n] = *c;
        snprintf(r->channel[r->n], sizeof r->channel[0], "%s", c->channel);
        snprintf(r->customer[r->n], sizeof r->customer[0], "%s", c->customer_id);
    }
    r->n++;
    return SIM_OK;
}

/* Write text to a fresh temporary file; its path goes into path (size >= 64). */
static void write_file(char *path, const char *text)
{
    strcpy(path, "/tmp/omnisim-calib-log-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static sim_status read_text(const char *text, const calib_log_map *m, rows *r,
                            calib_log_stats *st, char *path)
{
    write_file(path, text);
    memset(r, 0, sizeof *r);
    sim_error err;
    sim_error_clear(&err);
    sim_status s = calib_log_read(path, m, keep, r, st, &err);
    return s;
}

static void default_layout_should_give_times_and_outcomes(void **state)
{
    (void)state;
    calib_log_map m;
    calib_log_map_init(&m);
    rows r;
    calib_log_stats st;
    char path[64];
    const char *text =
        "contact_id,customer_id,channel,arrival,answer,abandon,end,outcome\n"
        "1,c7,phone,2024-03-04 08:00:00,2024-03-04 08:00:30,,2024-03-04 08:05:30,answered\n"
        "2,c8,\"chat\",2024-03-04T09:15:00.5,,2024-03-04 09:16:00,,\n"
        "3,,phone,100,,150,,abandoned\n";
    assert_int_equal(read_text(text, &m, &r, &st, path), SIM_OK);
    unlink(path);
    assert_int_equal(st.rows, 3);
    assert_int_equal(st.used, 3);
    assert_int_equal(r.n, 3);
    /* 2024-03-04 is day 19786 since 1970-01-01 */
    assert_near(r.c[0].arrival_s, 19786.0 * 86400.0 + 8 * 3600.0, 1e-9);
    assert_near(r.c[0].answer_s - r.c[0].arrival_s, 30.0, 1e-9);
    assert_near(r.c[0].end_s - r.c[0].answer_s, 300.0, 1e-9);
    assert_int_equal(r.c[0].outcome, CALIB_LOG_ANSWERED);
    assert_string_equal(r.customer[0], "c7");
    assert_int_equal(r.c[0].line, 2);
    assert_string_equal(r.channel[1], "chat");
    assert_int_equal(r.c[1].outcome, CALIB_LOG_ABANDONED); /* from the times */
    assert_near(r.c[1].abandon_s - r.c[1].arrival_s, 59.5, 1e-9);
    assert_true(isnan(r.c[1].answer_s));
    assert_near(r.c[2].arrival_s, 100.0, 0.0);
    assert_near(r.c[2].abandon_s, 150.0, 0.0);
    assert_int_equal(r.c[2].line, 4);
}

static void technion_layout_should_read_the_anonymous_bank_columns(void **state)
{
    (void)state;
    calib_log_map m;
    assert_int_equal(calib_log_map_builtin(&m, "technion"), 0);
    assert_int_equal(calib_log_map_builtin(&m, "nope"), -1);
    assert_int_equal(calib_log_map_builtin(&m, "technion"), 0);
    rows r;
    calib_log_stats st;
    char path[64];
    const char *text =
        "vru+line,call_id,customer_id,priority,type,date,vru_entry,vru_exit,vru_time,q_start,"
        "q_exit,q_time,outcome,ser_start,ser_exit,ser_time,server\n"
        "AA0101,33116,9664491,2,PS,990101,0:00:31,0:00:36,5,0:00:36,0:03:09,153,HANG,0:00:00,"
        "0:00:00,0,NO_SERVER\n"
        "AA0101,33117,0,0,PS,990101,23:59:00,23:59:10,10,23:59:10,23:59:50,40,AGENT,23:59:50,"
        "0:02:50,180,MICHAL\n"
        "AA0101,33118,27997683,2,PS,990101,0:01:00,0:01:05,5,0:00:00,0:00:00,0,PHANTOM,0:00:00,"
        "0:00:00,0,NO_SERVER\n";
    assert_int_equal(read_text(text, &m, &r, &st, path), SIM_OK);
    unlink(path);
    assert_int_equal(st.rows, 3);
    assert_int_equal(st.used, 2);
    assert_int_equal(st.ignored, 1); /* PHANTOM */
    double day = 10592.0 * 86400.0;  /* 1999-01-01 */
    assert_near(r.c[0].arrival_s, day + 36.0, 1e-9);
    assert_int_equal(r.c[0].outcome, CALIB_LOG_ABANDONED);
    assert_near(r.c[0].abandon_s, day + 189.0, 1e-9);
    assert_true(isnan(r.c[0].answer_s));
    assert_string_equal(r.channel[0], "PS");
    assert_string_equal(r.customer[0], "9664491");
    assert_string_equal(r.customer[1], ""); /* customer 0: not identified */
    assert_int_equal(r.c[1].outcome, CALIB_LOG_ANSWERED);
    assert_near(r.c[1].answer_s - r.c[1].arrival_s, 40.0, 1e-9);
    /* the service ends after midnight: on the next day */
    assert_near(r.c[1].end_s - r.c[1].answer_s, 180.0, 1e-9);
}

static void map_should_rename_and_unmap_fields(void **state)
{
    (void)state;
    calib_log_map m;
    calib_log_map_init(&m);
    sim_error err;
    assert_int_equal(calib_log_map_parse(&m, "arrival=start,channel=queue,outcome=", &err),
                     SIM_OK);
    assert_string_equal(m.column[CALIB_LOG_ARRIVAL], "start");
    assert_string_equal(m.column[CALIB_LOG_CHANNEL], "queue");
    assert_null(m.column[CALIB_LOG_OUTCOME]);
    assert_int_equal(calib_log_map_parse(&m, "arrivals=x", &err), SIM_EINVAL);
    assert_non_null(strstr(err.message, "unknown field 'arrivals'"));
    assert_int_equal(calib_log_map_parse(&m, "arrival", &err), SIM_EINVAL);
    assert_non_null(strstr(err.message, "expected FIELD=COLUMN, got 'arrival'"));
    rows r;
    calib_log_stats st;
    char path[64];
    assert_int_equal(read_text("queue,start,answer\nq1,10,12\n", &m, &r, &st, path), SIM_OK);
    unlink(path);
    assert_int_equal(r.n, 1);
    assert_string_equal(r.channel[0], "q1");
}

/* Read text with the default map and expect a parse error whose first message is
 * "PATH" followed by want (":LINE:COLUMN: ..."). */
static void expect_error(const char *text, const char *want, size_t n_errors)
{
    calib_log_map m;
    calib_log_map_init(&m);
    rows r;
    calib_log_stats st;
    char path[64];
    assert_int_equal(read_text(text, &m, &r, &st, path), SIM_EPARSE);
    unlink(path);
    char full[256];
    snprintf(full, sizeof full, "%s%s", path, want);
    assert_true(st.n_errors >= 1);
    if (strncmp(st.errors[0], full, strlen(full)) != 0)
        fail_msg("got \"%s\", want a message starting \"%s\"", st.errors[0], full);
    assert_int_equal(st.n_errors, n_errors);
}

static const char *head = "contact_id,customer_id,channel,arrival,answer,abandon,end\n";

/* expect_error on the standard header followed by `body`, with one error. */
static void expect_row_error(const char *body, const char *want)
{
    char text[512];
    snprintf(text, sizeof text, "%s%s", head, body);
    expect_error(text, want, 1);
}

static void header_without_a_required_column_should_name_it(void **state)
{
    (void)state;
    expect_error("contact_id,channel,answer\n1,phone,5\n",
                 ":1:0: no column 'arrival' for field 'arrival' in the header", 1);
}

static void non_numeric_time_should_name_line_and_column(void **state)
{
    (void)state;
    expect_row_error("1,c,phone,10,20,,30\n2,c,phone,soon,20,,30\n",
                     ":3:4: column 'arrival': expected seconds, YYYY-MM-DD HH:MM:SS, got 'soon'");
}

static void negative_time_should_be_refused(void **state)
{
    (void)state;
    expect_row_error("1,c,phone,-5,20,,30\n", ":2:4: column 'arrival': expected seconds");
}

static void answer_before_arrival_should_be_refused(void **state)
{
    (void)state;
    expect_row_error("1,c,phone,10,5,,30\n",
                     ":2:5: column 'answer': answer time before the arrival time");
}

static void end_before_answer_should_be_refused(void **state)
{
    (void)state;
    expect_row_error("1,c,phone,10,20,,15\n",
                     ":2:7: column 'end': end time before the answer time");
}

static void unknown_outcome_should_list_the_words(void **state)
{
    (void)state;
    expect_error("channel,arrival,answer,outcome\nphone,1,2,maybe\n",
                 ":2:4: column 'outcome': unknown outcome 'maybe' (expected answered", 1);
}

static void row_with_neither_answer_nor_abandon_should_be_refused(void **state)
{
    (void)state;
    expect_row_error("1,c,phone,10,,,\n", ":2:0: neither an answer nor an abandon time");
}

static void ragged_row_should_count_its_fields(void **state)
{
    (void)state;
    expect_row_error("1,c,phone,10,20\n", ":2:0: 5 fields, the header has 7");
}

static void empty_channel_should_be_refused(void **state)
{
    (void)state;
    expect_row_error("1,c,,10,20,,30\n", ":2:3: column 'channel': empty channel");
}

static void bad_date_should_be_refused(void **state)
{
    (void)state;
    expect_error("channel,date,arrival,answer\nphone,2024-02-30,10:00:00,10:00:05\n",
                 ":2:2: column 'date': expected a date YYYY-MM-DD or YYMMDD, got '2024-02-30'",
                 1);
}

static void unterminated_quote_should_be_a_csv_error(void **state)
{
    (void)state;
    expect_row_error("1,c,\"phone,10,20,,30\n", ":2:");
    expect_row_error("1,c,ph\"one,10,20,,30\n", ":2:3: malformed CSV");
}

static void every_bad_row_should_be_reported_in_one_pass(void **state)
{
    (void)state;
    char text[4096];
    int n = snprintf(text, sizeof text, "%s", head);
    for (int i = 0; i < 30; i++) /* rows 2, 4, ...: bad; 3, 5, ...: good */
        n += snprintf(text + n, sizeof text - (size_t)n, "%d,c,phone,x%d,20,,30\n%d,c,phone,1,2,,3\n",
                      i, i, i);
    calib_log_map m;
    calib_log_map_init(&m);
    rows r;
    calib_log_stats st;
    char path[64];
    assert_int_equal(read_text(text, &m, &r, &st, path), SIM_EPARSE);
    unlink(path);
    assert_int_equal(st.n_errors, 30);
    assert_int_equal(st.rows, 60);
    assert_int_equal(st.used, 30);
    char want[128];
    snprintf(want, sizeof want, "%s:%d:4: column 'arrival'", path, 2 + 2 * (CALIB_LOG_ERRORS_MAX - 1));
    assert_true(strncmp(st.errors[CALIB_LOG_ERRORS_MAX - 1], want, strlen(want)) == 0);
}

static void missing_file_should_be_an_io_error(void **state)
{
    (void)state;
    calib_log_map m;
    calib_log_map_init(&m);
    calib_log_stats st;
    sim_error err;
    rows r = {0};
    assert_int_equal(calib_log_read("/nonexistent/log.csv", &m, keep, &r, &st, &err), SIM_EIO);
    assert_string_equal(err.path, "/nonexistent/log.csv");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(default_layout_should_give_times_and_outcomes),
        cmocka_unit_test(technion_layout_should_read_the_anonymous_bank_columns),
        cmocka_unit_test(map_should_rename_and_unmap_fields),
        cmocka_unit_test(header_without_a_required_column_should_name_it),
        cmocka_unit_test(non_numeric_time_should_name_line_and_column),
        cmocka_unit_test(negative_time_should_be_refused),
        cmocka_unit_test(answer_before_arrival_should_be_refused),
        cmocka_unit_test(end_before_answer_should_be_refused),
        cmocka_unit_test(unknown_outcome_should_list_the_words),
        cmocka_unit_test(row_with_neither_answer_nor_abandon_should_be_refused),
        cmocka_unit_test(ragged_row_should_count_its_fields),
        cmocka_unit_test(empty_channel_should_be_refused),
        cmocka_unit_test(bad_date_should_be_refused),
        cmocka_unit_test(unterminated_quote_should_be_a_csv_error),
        cmocka_unit_test(every_bad_row_should_be_reported_in_one_pass),
        cmocka_unit_test(missing_file_should_be_an_io_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
