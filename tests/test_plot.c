/* test_plot.c -- charts drawn from a directory of files (output/plot.h, plot_charts.h).
 *
 * From a small generated run (tests/test_out_fixture.h): the PNGs are valid (signature,
 * IHDR) and of the documented size (1200 wide; service_level 130 + 200 per panel high);
 * SVG and PDF start with their magic; no temporary file is left. Malformed input (missing
 * columns, ragged rows, garbage) is reported as a failed chart, never a crash or an exit:
 * those cases run in a child process, because PLplot's plexit() would end the process.
 */
#include "test_out_fixture.h"

#include <math.h>
#include <sys/wait.h>

#include "plot.h"
#include "plot_charts.h"

static unsigned be32(const unsigned char *p)
{
    return (unsigned)p[0] << 24 | (unsigned)p[1] << 16 | (unsigned)p[2] << 8 | (unsigned)p[3];
}

/* Check dir/name is a PNG; its width and height through *w, *h. */
static void assert_png(const char *d, const char *name, unsigned *w, unsigned *h)
{
    size_t len = 0;
    unsigned char *p = (unsigned char *)fix_read(d, name, &len);
    assert_non_null(p);
    assert_true(len > 33);
    assert_memory_equal(p, "\x89PNG\r\n\x1a\n", 8);
    assert_memory_equal(p + 12, "IHDR", 4);
    *w = be32(p + 16);
    *h = be32(p + 20);
    free(p);
}

static int drawn(const plot_charts_result *res, const char *name)
{
    for (size_t i = 0; i < res->n_drawn; i++)
        if (strcmp(res->drawn[i], name) == 0)
            return 1;
    return 0;
}

static void run_charts_should_be_pngs_of_the_documented_size(void **state)
{
    (void)state;
    fix_run r;
    char d[64];
    fix_run_dir(&r, d, sizeof d, "pl");
    size_t before = fix_count(d, NULL);
    plot_charts_result res;
    assert_int_equal(plot_charts_draw(d, PLOT_PNG, &res), 3);
    assert_int_equal(res.n_failed, 0);
    assert_true(drawn(&res, "service_level.png"));
    assert_true(drawn(&res, "agents.png"));
    assert_true(drawn(&res, "flows.png"));
    unsigned w, h;
    assert_png(d, "service_level.png", &w, &h);
    assert_int_equal(w, PLOT_CHARTS_WIDTH);
    assert_int_equal(h, 130 + 2 * 200); /* two channels, one panel each */
    assert_png(d, "agents.png", &w, &h);
    assert_int_equal(w, PLOT_CHARTS_WIDTH);
    assert_true(h >= 330);
    assert_png(d, "flows.png", &w, &h);
    assert_true(w >= 100 && h >= 100);
    size_t hidden = 9;
    assert_int_equal(fix_count(d, &hidden), before + 3);
    assert_int_equal(hidden, 0);
    fix_done(&r, d);
}

static void svg_and_pdf_charts_should_start_with_their_magic(void **state)
{
    (void)state;
    fix_run r;
    char d[64];
    fix_run_dir(&r, d, sizeof d, "pl");
    plot_charts_result res;
    assert_int_equal(plot_charts_draw(d, PLOT_SVG, &res), 3);
    char *svg = fix_read(d, "service_level.svg", NULL);
    assert_non_null(svg);
    assert_true(strncmp(svg, "<?xml", 5) == 0 || strncmp(svg, "<svg", 4) == 0);
    assert_non_null(strstr(svg, "<svg"));
    assert_non_null(strstr(svg, "width=\"1200"));
    free(svg);
    assert_int_equal(plot_charts_draw(d, PLOT_PDF, &res), 3);
    char *pdf = fix_read(d, "agents.pdf", NULL);
    assert_non_null(pdf);
    assert_memory_equal(pdf, "%PDF-", 5);
    free(pdf);
    fix_done(&r, d);
}

static void empty_directory_should_draw_nothing_and_fail_nothing(void **state)
{
    (void)state;
    char d[64];
    fix_tmpdir(d, sizeof d, "pl");
    plot_charts_result res;
    assert_int_equal(plot_charts_draw(d, PLOT_PNG, &res), 0);
    assert_int_equal(res.n_failed, 0);
    assert_int_equal(fix_count(d, NULL), 0);
    fix_rmdir(d);
}

/* The malformed directory of the child: every chart's file present but bad. */
static const char *bad_dir;

static void draw_malformed(void)
{
    plot_charts_result res;
    size_t n = plot_charts_draw(bad_dir, PLOT_PNG, &res);
    /* exit 0 only when nothing was drawn and every malformed file was reported */
    _exit(n == 0 && res.n_failed == 7 ? 0 : 10 + (int)res.n_failed);
}

static void malformed_files_should_be_reported_without_crashing_or_exiting(void **state)
{
    (void)state;
    char d[64];
    fix_tmpdir(d, sizeof d, "pl");
    /* Missing columns, ragged rows, no numbers. */
    fix_write_text(d, "intervals.csv", "interval,channel\n0,phone\n");
    fix_write_text(d, "pools.csv", "interval,pool,on_duty\n0,a,1,2,3\n");
    fix_write_text(d, "coverage.csv", "nonsense\n");
    fix_write_text(d, "flows.csv", "from,to\nx\n");
    fix_write_text(d, "compare.csv", "policy\n\"unterminated\n");
    fix_write_text(d, "roadmap.csv", "year\n");
    fix_write_text(d, "costs.csv", "table,key\n,,,\n");
    fix_write_text(d, "summary.json", "{not json");
    bad_dir = d;
    fflush(stdout);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (freopen("/dev/null", "w", stderr) == NULL)
            _exit(3);
        draw_malformed();
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    size_t hidden = 9;
    assert_int_equal(fix_count(d, &hidden), 8); /* no chart, no temporary file */
    assert_int_equal(hidden, 0);
    fix_rmdir(d);
}

static void garbage_numbers_should_not_crash_a_chart(void **state)
{
    (void)state;
    char d[64];
    fix_tmpdir(d, sizeof d, "pl");
    fix_write_text(d, "intervals.csv",
                   "interval,channel,service_level,service_level_lo,service_level_hi\n"
                   "0,phone,abc,,\n1e300,phone,1,1,1\n-5,phone,nan,inf,-inf\n"
                   "1,phone,0.5,0.4,0.6\n");
    bad_dir = d;
    fflush(stdout);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (freopen("/dev/null", "w", stderr) == NULL)
            _exit(3);
        plot_charts_result res;
        plot_charts_draw(bad_dir, PLOT_PNG, &res);
        _exit(0);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    size_t hidden = 9;
    fix_count(d, &hidden);
    assert_int_equal(hidden, 0);
    fix_rmdir(d);
}

static void begin_should_refuse_bad_sizes_and_missing_directories(void **state)
{
    (void)state;
    plot_canvas c;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(plot_begin(&c, "/tmp", "x", PLOT_PNG, 10, 500, &err), SIM_EINVAL);
    assert_int_equal(plot_begin(&c, "/tmp", "x", PLOT_PNG, 500, 20000, &err), SIM_EINVAL);
    assert_int_equal(plot_begin(&c, "/tmp", "x", (plot_format)7, 500, 500, &err), SIM_EINVAL);
    assert_int_equal(plot_begin(&c, "/nonexistent/omnisim/dir", "x", PLOT_PNG, 500, 500, &err),
                     SIM_EIO);
    assert_non_null(strstr(err.message, "/nonexistent/omnisim/dir"));
}

static void abort_should_leave_no_file(void **state)
{
    (void)state;
    char d[64];
    fix_tmpdir(d, sizeof d, "pl");
    plot_canvas c;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(plot_begin(&c, d, "x", PLOT_PNG, 400, 300, &err), SIM_OK);
    plot_panel(0.1, 0.9, 0.1, 0.9, 0, 1, 0, 1, 0, "x", "y", "t");
    plot_abort(&c);
    assert_int_equal(fix_count(d, NULL), 0);
    assert_int_equal(plot_begin(&c, d, "y", PLOT_PNG, 400, 300, &err), SIM_OK);
    plot_panel(0.1, 0.9, 0.1, 0.9, 5, 5, (double)NAN, (double)NAN, 0, NULL, "", NULL); /* degenerate */
    assert_int_equal(plot_end(&c, &err), SIM_OK);
    unsigned w, h;
    assert_png(d, "y.png", &w, &h);
    assert_int_equal(w, 400);
    assert_int_equal(h, 300);
    fix_rmdir(d);
}

static void format_names_should_parse_and_print_back(void **state)
{
    (void)state;
    plot_format f;
    assert_true(plot_format_parse("svg", &f));
    assert_int_equal(f, PLOT_SVG);
    assert_string_equal(plot_format_ext(f), "svg");
    assert_true(plot_format_parse("pdf", &f));
    assert_string_equal(plot_format_ext(f), "pdf");
    assert_false(plot_format_parse("jpeg", &f));
    const char *const *names;
    assert_int_equal(plot_charts_names(&names), 8);
    assert_string_equal(names[0], "service_level");
    assert_string_equal(names[7], "sweep");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(run_charts_should_be_pngs_of_the_documented_size),
        cmocka_unit_test(svg_and_pdf_charts_should_start_with_their_magic),
        cmocka_unit_test(empty_directory_should_draw_nothing_and_fail_nothing),
        cmocka_unit_test(malformed_files_should_be_reported_without_crashing_or_exiting),
        cmocka_unit_test(garbage_numbers_should_not_crash_a_chart),
        cmocka_unit_test(begin_should_refuse_bad_sizes_and_missing_directories),
        cmocka_unit_test(abort_should_leave_no_file),
        cmocka_unit_test(format_names_should_parse_and_print_back),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
