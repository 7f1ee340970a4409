/* test_report.c -- report.html (output/report.h).
 *
 * From a small generated run with its charts (tests/test_out_fixture.h): the page is
 * self-contained (every src/href is a data: URI or an #anchor), deterministic (written twice
 * from the same files, the same bytes) and holds the sections docs/outputs.md promises (the
 * scenario in words, assumptions and sources, KPIs, charts; policy comparison and roadmap
 * only when their files are present). A missing or broken summary.json is an error naming
 * it; out of memory at any allocation leaves no report and no temporary file.
 */
#include "test_out_fixture.h"

#include "plot_charts.h"
#include "report.h"

static fix_run run;
static char dir[64];

static int setup(void **state)
{
    (void)state;
    fix_run_dir(&run, dir, sizeof dir, "rp");
    plot_charts_result res;
    assert_int_equal(plot_charts_draw(dir, PLOT_PNG, &res), 3);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    fix_done(&run, dir);
    return 0;
}

static char *write_report(const char *d, size_t *len)
{
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(report_write(d, &err), SIM_OK);
    char *html = fix_read(d, "report.html", len);
    assert_non_null(html);
    return html;
}

/* Every src= and href= value in html is a data: URI or a #fragment. */
static void assert_self_contained(const char *html)
{
    static const char *const attrs[] = {"src=", "href=", "url("};
    for (size_t a = 0; a < 3; a++) {
        for (const char *p = strstr(html, attrs[a]); p != NULL;
             p = strstr(p + 1, attrs[a])) {
            const char *v = p + strlen(attrs[a]);
            if (*v == '"' || *v == '\'')
                v++;
            if (strncmp(v, "data:", 5) != 0 && *v != '#') {
                fprintf(stderr, "external reference: %.60s\n", p);
                fail();
            }
        }
    }
    assert_null(strstr(html, "<script"));
    assert_null(strstr(html, "<link"));
}

static void report_should_be_self_contained(void **state)
{
    (void)state;
    char *html = write_report(dir, NULL);
    assert_self_contained(html);
    assert_non_null(strstr(html, "src=\"data:image/png;base64,iVBORw0KGgo")); /* a PNG */
    free(html);
}

static void report_should_give_the_same_bytes_for_the_same_files(void **state)
{
    (void)state;
    size_t n1 = 0, n2 = 0;
    char *a = write_report(dir, &n1);
    char *b = write_report(dir, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(a, b, n1);
    free(a);
    free(b);
}

static void report_should_hold_the_documented_sections(void **state)
{
    (void)state;
    char *html = write_report(dir, NULL);
    assert_true(strncmp(html, "<!DOCTYPE html>", 15) == 0);
    assert_non_null(strstr(html, "<h1>fixture</h1>"));
    assert_non_null(strstr(html, "<h2>The scenario</h2>"));
    assert_non_null(strstr(html, "<h2>Assumptions and their sources</h2>"));
    assert_non_null(strstr(html, "generated for the output tests")); /* the description */
    assert_non_null(strstr(html, "<h2>Results</h2>"));
    assert_non_null(strstr(html, "<h2>Charts</h2>"));
    assert_non_null(strstr(html, "service_level.png"));
    assert_non_null(strstr(html, "agents.png"));
    assert_non_null(strstr(html, "phone"));
    assert_non_null(strstr(html, "chat"));
    /* No compare.csv or roadmap.csv: no such sections. */
    assert_null(strstr(html, "<h2>Policy comparison</h2>"));
    assert_null(strstr(html, "<h2>Roadmap</h2>"));
    assert_non_null(strstr(html, "</html>"));
    free(html);
}

static void report_should_inline_svg_charts_without_external_references(void **state)
{
    (void)state;
    char d[64];
    fix_tmpdir(d, sizeof d, "rp");
    fix_write_run(d, &run);
    plot_charts_result res;
    assert_int_equal(plot_charts_draw(d, PLOT_SVG, &res), 3);
    char *html = write_report(d, NULL);
    assert_self_contained(html);
    assert_non_null(strstr(html, "<figure><svg"));
    assert_null(strstr(html, "<?xml"));
    free(html);
    fix_rmdir(d);
}

static void missing_or_broken_summary_should_be_an_error_naming_it(void **state)
{
    (void)state;
    char d[64];
    fix_tmpdir(d, sizeof d, "rp");
    sim_error err;
    sim_error_clear(&err);
    /* An empty directory: nothing a report can be made from (`omnisim plot` exits 1). */
    assert_int_equal(report_write(d, &err), SIM_EINVAL);
    assert_string_equal(err.path, "summary.json");
    assert_non_null(strstr(err.message, d));
    fix_write_text(d, "summary.json", "{\"scenario\": ");
    sim_error_clear(&err);
    assert_int_equal(report_write(d, &err), SIM_EIO);
    assert_non_null(strstr(err.message, "not JSON"));
    assert_int_equal(fix_count(d, NULL), 1); /* no report.html */
    fix_rmdir(d);
}

static void out_of_memory_should_leave_no_report(void **state)
{
    (void)state;
    char d[64];
    fix_tmpdir(d, sizeof d, "rp");
    fix_write_run(d, &run);
    size_t files = fix_count(d, NULL);
    /* How many allocations a report takes; fail at every one of them (or every k-th when
     * there are many, to stay fast). */
    sim_error err0;
    long before = sim_alloc_count();
    assert_int_equal(report_write(d, &err0), SIM_OK);
    long total = sim_alloc_count() - before;
    char p[128];
    snprintf(p, sizeof p, "%s/report.html", d);
    unlink(p);
    long stride = total / 150 + 1;
    int failures = 0;
    for (long n = 1; n <= total + 1; n += stride) {
        sim_error err;
        sim_error_clear(&err);
        sim_alloc_fail_after(n, 0);
        sim_status st = report_write(d, &err);
        sim_alloc_fail_after(0, 0);
        if (st == SIM_OK) {
            assert_true(n > total - stride);
            break;
        }
        failures++;
        assert_true(st == SIM_ENOMEM || st == SIM_EIO);
        size_t hidden = 9;
        assert_int_equal(fix_count(d, &hidden), files);
        assert_int_equal(hidden, 0);
    }
    assert_true(failures > 0);
    assert_int_equal(report_write(d, &err0), SIM_OK);
    assert_int_equal(fix_count(d, NULL), files + 1);
    fix_rmdir(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(report_should_be_self_contained),
        cmocka_unit_test(report_should_give_the_same_bytes_for_the_same_files),
        cmocka_unit_test(report_should_hold_the_documented_sections),
        cmocka_unit_test(report_should_inline_svg_charts_without_external_references),
        cmocka_unit_test(missing_or_broken_summary_should_be_an_error_naming_it),
        cmocka_unit_test(out_of_memory_should_leave_no_report),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
