/* test_check_fuzz.c -- regression inputs of the scenario fuzzer: every file in
 * tests/data/scenarios/fuzz/ goes through the same code as the libFuzzer target
 * (tests/fuzz/fuzz_scenario_run.h) and must come back with a status, never a crash, a leak or
 * an out-of-bounds read (CI runs this test under ASan + UBSan too). A crash the fuzzer finds
 * is fixed and its input copied there (scripts/fuzz.sh says how). A few inputs also pin the
 * status the loader must give.
 */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fuzz/fuzz_scenario_run.h"
#include "sim_alloc.h"

#define FUZZ_DIR OMNISIM_SOURCE_DIR "/tests/data/scenarios/fuzz"

static uint8_t *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap);
    assert_non_null(buf);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

static sim_status run_file(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", FUZZ_DIR, name);
    size_t len = 0;
    uint8_t *data = read_all(path, &len);
    sim_status st = fuzz_scenario_run(data, len);
    free(data);
    return st;
}

static void every_saved_fuzz_input_should_load_or_fail_cleanly(void **state)
{
    (void)state;
    DIR *d = opendir(FUZZ_DIR);
    assert_non_null(d);
    size_t files = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        sim_status st = run_file(e->d_name);
        if (st != SIM_OK && st != SIM_EPARSE && st != SIM_EINVAL && st != SIM_ELIMIT &&
            st != SIM_EIO)
            fail_msg("%s: unexpected status %s", e->d_name, sim_status_name(st));
        files++;
    }
    closedir(d);
    assert_true(files >= 10);
}

static void hostile_inputs_should_get_the_expected_status(void **state)
{
    (void)state;
    assert_int_equal(run_file("deep-nesting.json"), SIM_ELIMIT);
    assert_int_equal(run_file("deep-object.json"), SIM_ELIMIT);
    assert_int_equal(run_file("empty.json"), SIM_EPARSE);
    assert_int_equal(run_file("bom-only.json"), SIM_EPARSE);
    assert_int_equal(run_file("truncated.json"), SIM_EPARSE);
    assert_int_equal(run_file("bad-utf8.json"), SIM_EPARSE); /* refused before parsing */
    assert_int_equal(run_file("lone-surrogate.json"), SIM_EPARSE);
    assert_int_equal(run_file("huge-numbers.json"), SIM_EINVAL);
    assert_int_equal(run_file("override-paths.json"), SIM_EINVAL);
    /* Found by libFuzzer: out-of-range numbers were cast to integer types during conversion
     * (undefined behaviour; clang's UBSan float-cast-overflow in the fuzz build). Fixed in
     * scenario_convert.c with saturating conversions; the schema reports the range. */
    /* that input also holds invalid UTF-8, refused before parsing since the loader checks
     * it; its copy with the bad bytes replaced still reaches the conversion */
    assert_int_equal(run_file("crash-negative-seed-duplicate-key.json"), SIM_EPARSE);
    assert_int_equal(run_file("negative-seed-duplicate-key-utf8.json"), SIM_EINVAL);
    assert_int_equal(run_file("cast-negative-seed.json"), SIM_EINVAL);
    assert_int_equal(run_file("cast-huge-year-negative-priority.json"), SIM_EINVAL);
    assert_int_equal(run_file("cast-huge-roadmap-years.json"), SIM_EINVAL);
    /* the loader's holes: a second include, invalid UTF-8 (a bad continuation, a
     * surrogate, above U+10FFFF, overlong), a seed that a double cannot hold (an include of
     * a device is in test_scenario.c: the harness skips inputs naming /dev/) */
    assert_int_equal(run_file("include-twice.json"), SIM_EINVAL);
    assert_int_equal(run_file("utf8-invalid-sequences.json"), SIM_EPARSE);
    assert_int_equal(run_file("seed-2p53-plus-1.json"), SIM_EINVAL);
    /* includes of a directory and a chain one link too deep are refused */
    assert_int_equal(run_file("include-directory.json"), SIM_EIO);
    assert_int_equal(run_file("include-nine-links.json"), SIM_ELIMIT);
    /* overloaded scenarios load; the harness then runs the backlog estimate on them
     * (limits_run_check) */
    assert_int_equal(run_file("limits-overload-voice.json"), SIM_OK);
    assert_int_equal(run_file("limits-overload-deferred-hours.json"), SIM_OK);
    assert_int_equal(run_file("limits-overload-per-interval-zero.json"), SIM_OK);
}

static void no_input_should_leak_or_overread_when_memory_runs_out(void **state)
{
    (void)state;
    /* Fail the n-th allocation of a load with overrides (and of what follows a successful
     * load), for every n a clean run makes. */
    long before = sim_alloc_count();
    assert_int_equal(run_file("override-types.json"), SIM_EINVAL);
    assert_int_equal(run_file("hours-edge.json"), SIM_EINVAL);
    long total = sim_alloc_count() - before;
    assert_true(total > 10);
    for (long n = 1; n <= total; n++) {
        sim_alloc_fail_after(n, 0);
        sim_status st = run_file("override-types.json");
        st = st == SIM_ENOMEM ? st : run_file("hours-edge.json");
        sim_alloc_fail_after(0, 0);
        assert_true(st == SIM_ENOMEM || st == SIM_EINVAL || st == SIM_OK);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_saved_fuzz_input_should_load_or_fail_cleanly),
        cmocka_unit_test(hostile_inputs_should_get_the_expected_status),
        cmocka_unit_test(no_input_should_leak_or_overread_when_memory_runs_out),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
