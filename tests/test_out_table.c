/* test_out_table.c -- reading CSV back (output/out_table.h), against what out_csv writes.
 *
 * Round trips: kpis.csv and channels.csv of a small generated run (three replications of a
 * two-channel scenario, tests/test_out_fixture.h) read back to the summary's values within
 * the 10 significant digits the writer keeps; every table of a run loads with its exact
 * header. The dialect: quotes, doubled quotes, CRLF, blank lines, no final newline, empty
 * cells as NaN. Malformed files (a row with more or fewer fields, an empty or missing file)
 * are rejected with an error naming the file and row. Out of memory at every allocation
 * gives SIM_ENOMEM and an empty table.
 */
#include "test_out_fixture.h"

#include <math.h>
#include <stdint.h>

#include "out_table.h"
#include "sim_ci.h"

static fix_run run;
static char dir[64];

static int setup(void **state)
{
    (void)state;
    fix_run_dir(&run, dir, sizeof dir, "ot");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    fix_done(&run, dir);
    return 0;
}

/* Equal to the 10 significant digits of the writer (both NaN counts as equal). */
static void assert_close(double got, double want)
{
    if (isnan(want)) {
        assert_true(isnan(got));
        return;
    }
    assert_false(isnan(got));
    assert_true(fabs(got - want) <= 1e-9 * fmax(1.0, fabs(want)));
}

static void kpis_csv_should_read_back_as_the_summary_it_was_written_from(void **state)
{
    (void)state;
    out_table t;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(out_table_load(&t, dir, "kpis.csv", &err), SIM_OK);
    assert_int_equal(t.n_cols, 6);
    static const char *const hdr[] = {"kpi", "mean", "lo", "hi", "half_width", "n"};
    for (size_t c = 0; c < 6; c++)
        assert_int_equal(out_table_col(&t, hdr[c]), c);
    assert_int_equal(t.n_rows, run.sum->n_kpis);
    for (size_t k = 0; k < run.sum->n_kpis; k++) {
        assert_string_equal(out_table_str(&t, k, 0), run.sum->names[k]);
        assert_close(out_table_num(&t, k, 1), run.sum->ci[k].mean);
        assert_close(out_table_num(&t, k, 2), run.sum->ci[k].lo);
        assert_close(out_table_num(&t, k, 3), run.sum->ci[k].hi);
        assert_close(out_table_num(&t, k, 5), (double)run.sum->ci[k].n);
    }
    out_table_free(&t);
}

static void channels_csv_should_hold_one_row_per_channel_with_the_summary_values(void **state)
{
    (void)state;
    out_table t;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(out_table_load(&t, dir, "channels.csv", &err), SIM_OK);
    assert_int_equal(t.n_rows, 2);
    size_t cn = out_table_col(&t, "channel"), co = out_table_col(&t, "offered"),
           cs = out_table_col(&t, "service_level_per_answered_abandoned"),
           csl = out_table_col(&t, "service_level_per_answered_abandoned_lo");
    assert_int_equal(cn, 0);
    assert_int_equal(out_table_col(&t, "kind"), 1);
    assert_true(co != SIZE_MAX && cs != SIZE_MAX && csl != SIZE_MAX);
    assert_string_equal(out_table_str(&t, 0, cn), "phone");
    assert_string_equal(out_table_str(&t, 1, cn), "chat");
    assert_string_equal(out_table_str(&t, 0, 1), "voice");
    for (size_t r = 0; r < 2; r++) {
        char name[128];
        snprintf(name, sizeof name, "channel.%s.offered", out_table_str(&t, r, cn));
        size_t k = cc_summary_find(run.sum, name);
        assert_true(k != SIZE_MAX);
        assert_close(out_table_num(&t, r, co), run.sum->ci[k].mean);
        assert_true(out_table_num(&t, r, co) > 0.0);
        snprintf(name, sizeof name, "channel.%s.service_level_per_answered_abandoned",
                 out_table_str(&t, r, cn));
        k = cc_summary_find(run.sum, name);
        assert_true(k != SIZE_MAX);
        assert_close(out_table_num(&t, r, cs), run.sum->ci[k].mean);
        assert_close(out_table_num(&t, r, csl), run.sum->ci[k].lo);
    }
    out_table_free(&t);
}

static void every_table_of_a_run_should_load_with_its_documented_first_columns(void **state)
{
    (void)state;
    static const struct {
        const char *file, *first, *second;
        size_t min_rows;
    } files[] = {{"kpis.csv", "kpi", "mean", 10},
                 {"channels.csv", "channel", "kind", 2},
                 {"segments.csv", "segment", "needs", 1},
                 {"intervals.csv", "interval", "day", 2 * 96},
                 {"pools.csv", "interval", "day", 96},
                 {"flows.csv", "from", "to", 1}};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        out_table t;
        sim_error err;
        sim_error_clear(&err);
        assert_int_equal(out_table_load(&t, dir, files[i].file, &err), SIM_OK);
        assert_string_equal(t.cells[0], files[i].first);
        assert_string_equal(t.cells[1], files[i].second);
        assert_true(t.n_rows >= files[i].min_rows);
        out_table_free(&t);
    }
}

static void intervals_csv_should_start_at_interval_zero_at_midnight(void **state)
{
    (void)state;
    out_table t;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(out_table_load(&t, dir, "intervals.csv", &err), SIM_OK);
    assert_close(out_table_num(&t, 0, out_table_col(&t, "interval")), 0.0);
    assert_string_equal(out_table_str(&t, 0, out_table_col(&t, "start")), "00:00");
    assert_string_equal(out_table_str(&t, 0, out_table_col(&t, "channel")), "phone");
    out_table_free(&t);
}

static void quoted_fields_should_be_unquoted_and_doubled_quotes_kept_once(void **state)
{
    (void)state;
    fix_write_text(dir, "q.csv", "name,note\r\n\"a,b\",\"say \"\"hi\"\"\"\r\n\r\nplain,\n\nlast,x");
    out_table t;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(out_table_load(&t, dir, "q.csv", &err), SIM_OK);
    assert_int_equal(t.n_cols, 2);
    assert_int_equal(t.n_rows, 3); /* blank lines skipped, last line without newline kept */
    assert_string_equal(out_table_str(&t, 0, 0), "a,b");
    assert_string_equal(out_table_str(&t, 0, 1), "say \"hi\"");
    assert_string_equal(out_table_str(&t, 1, 0), "plain");
    assert_string_equal(out_table_str(&t, 1, 1), "");
    assert_true(isnan(out_table_num(&t, 1, 1)));
    assert_string_equal(out_table_str(&t, 2, 1), "x");
    out_table_free(&t);
}

static void cells_should_be_nan_or_empty_when_not_numbers_or_out_of_range(void **state)
{
    (void)state;
    fix_write_text(dir, "n.csv", "a,b\n1.5,2x\n-3e2,\n");
    out_table t;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(out_table_load(&t, dir, "n.csv", &err), SIM_OK);
    assert_close(out_table_num(&t, 0, 0), 1.5);
    assert_true(isnan(out_table_num(&t, 0, 1)));
    assert_close(out_table_num(&t, 1, 0), -300.0);
    assert_true(isnan(out_table_num(&t, 1, 1)));
    assert_string_equal(out_table_str(&t, 2, 0), "");
    assert_string_equal(out_table_str(&t, 0, 2), "");
    assert_true(isnan(out_table_num(&t, 5, 5)));
    assert_int_equal(out_table_col(&t, "missing"), SIZE_MAX);
    out_table_free(&t);
}

static void row_with_more_fields_than_the_header_should_be_rejected_naming_it(void **state)
{
    (void)state;
    fix_write_text(dir, "more.csv", "a,b\n1,2\n1,2,3\n");
    out_table t;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(out_table_load(&t, dir, "more.csv", &err), SIM_EPARSE);
    assert_non_null(strstr(err.message, "more.csv"));
    assert_non_null(strstr(err.message, "row 3"));
    assert_non_null(strstr(err.message, "more fields"));
    assert_null(t.cells);
    assert_int_equal(t.n_rows, 0);
    out_table_free(&t); /* still safe */
}

static void row_with_fewer_fields_than_the_header_should_be_rejected_naming_it(void **state)
{
    (void)state;
    fix_write_text(dir, "fewer.csv", "a,b,c\n1,2,3\n4,5\n");
    out_table t;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(out_table_load(&t, dir, "fewer.csv", &err), SIM_EPARSE);
    assert_non_null(strstr(err.message, "fewer.csv"));
    assert_non_null(strstr(err.message, "fewer fields"));
    out_table_free(&t);
}

static void empty_or_missing_file_should_be_rejected_naming_it(void **state)
{
    (void)state;
    fix_write_text(dir, "empty.csv", "");
    out_table t;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(out_table_load(&t, dir, "empty.csv", &err), SIM_EPARSE);
    assert_non_null(strstr(err.message, "empty.csv"));
    sim_error_clear(&err);
    assert_int_equal(out_table_load(&t, dir, "absent.csv", &err), SIM_EIO);
    assert_non_null(strstr(err.message, "absent.csv"));
    assert_string_equal(err.path, "absent.csv");
    out_table_free(&t);
}

static void load_should_report_out_of_memory_at_every_allocation(void **state)
{
    (void)state;
    int failures = 0;
    for (long n = 1; n < 20; n++) {
        out_table t;
        sim_error err;
        sim_error_clear(&err);
        sim_alloc_fail_after(n, 0);
        sim_status st = out_table_load(&t, dir, "kpis.csv", &err);
        sim_alloc_fail_after(0, 0);
        if (st == SIM_OK) {
            assert_int_equal(t.n_rows, run.sum->n_kpis);
            out_table_free(&t);
            break;
        }
        failures++;
        assert_int_equal(st, SIM_ENOMEM);
        assert_null(t.cells);
        assert_null(t.text);
    }
    assert_true(failures >= 2); /* the file's text and the cell index */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(kpis_csv_should_read_back_as_the_summary_it_was_written_from),
        cmocka_unit_test(channels_csv_should_hold_one_row_per_channel_with_the_summary_values),
        cmocka_unit_test(every_table_of_a_run_should_load_with_its_documented_first_columns),
        cmocka_unit_test(intervals_csv_should_start_at_interval_zero_at_midnight),
        cmocka_unit_test(quoted_fields_should_be_unquoted_and_doubled_quotes_kept_once),
        cmocka_unit_test(cells_should_be_nan_or_empty_when_not_numbers_or_out_of_range),
        cmocka_unit_test(row_with_more_fields_than_the_header_should_be_rejected_naming_it),
        cmocka_unit_test(row_with_fewer_fields_than_the_header_should_be_rejected_naming_it),
        cmocka_unit_test(empty_or_missing_file_should_be_rejected_naming_it),
        cmocka_unit_test(load_should_report_out_of_memory_at_every_allocation),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
