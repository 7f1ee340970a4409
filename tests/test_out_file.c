/* test_out_file.c -- atomic output files (output/out_file.h).
 *
 * A file appears under its final name only when committed, with exactly the bytes written;
 * an aborted or failed transaction leaves neither the file nor its hidden temporary file;
 * a commit replaces an old file; out_file_mkdir creates nested directories; every error
 * names the path. out_file allocates nothing (no sim_malloc), so its fault-injection test
 * checks that an armed allocator does not disturb it.
 */
#include "test_out_fixture.h"

#include <errno.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static void write_should_create_the_file_with_exactly_the_bytes_given(void **state)
{
    (void)state;
    char dir[64];
    fix_tmpdir(dir, sizeof dir, "of");
    sim_error err;
    sim_error_clear(&err);
    const char data[] = "a,b\n1,2\n\0binary";
    assert_int_equal(out_file_write(dir, "x.csv", data, sizeof data, &err), SIM_OK);
    size_t len = 0;
    char *got = fix_read(dir, "x.csv", &len);
    assert_non_null(got);
    assert_int_equal(len, sizeof data);
    assert_memory_equal(got, data, sizeof data);
    free(got);
    size_t hidden = 9;
    assert_int_equal(fix_count(dir, &hidden), 1);
    assert_int_equal(hidden, 0);
    fix_rmdir(dir);
}

static void write_of_nothing_should_create_an_empty_file(void **state)
{
    (void)state;
    char dir[64];
    fix_tmpdir(dir, sizeof dir, "of");
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(out_file_write(dir, "empty.txt", NULL, 0, &err), SIM_OK);
    size_t len = 7;
    char *got = fix_read(dir, "empty.txt", &len);
    assert_non_null(got);
    assert_int_equal(len, 0);
    free(got);
    fix_rmdir(dir);
}

static void file_should_not_exist_under_its_name_before_commit(void **state)
{
    (void)state;
    char dir[64];
    fix_tmpdir(dir, sizeof dir, "of");
    sim_error err;
    sim_error_clear(&err);
    out_file_tx tx;
    assert_int_equal(out_file_begin(&tx, dir, "late.csv", &err), SIM_OK);
    fputs("half of it", tx.fp);
    fflush(tx.fp);
    size_t hidden = 0;
    assert_int_equal(fix_count(dir, &hidden), 1);
    assert_int_equal(hidden, 1); /* only .late.csv.tmp.PID.XXXXXX */
    char *got = fix_read(dir, "late.csv", NULL);
    assert_null(got);
    assert_non_null(strstr(tx.tmp_path, "/.late.csv.tmp."));
    assert_int_equal(out_file_commit(&tx, &err), SIM_OK);
    got = fix_read(dir, "late.csv", NULL);
    assert_non_null(got);
    assert_string_equal(got, "half of it");
    free(got);
    assert_int_equal(fix_count(dir, &hidden), 1);
    assert_int_equal(hidden, 0);
    fix_rmdir(dir);
}

static void abort_should_leave_no_file_and_no_temporary_file(void **state)
{
    (void)state;
    char dir[64];
    fix_tmpdir(dir, sizeof dir, "of");
    out_file_tx tx;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(out_file_begin(&tx, dir, "gone.csv", &err), SIM_OK);
    fputs("never seen\n", tx.fp);
    out_file_abort(&tx);
    assert_int_equal(fix_count(dir, NULL), 0);
    fix_rmdir(dir);
}

static void abort_should_keep_the_old_file_unchanged(void **state)
{
    (void)state;
    char dir[64];
    fix_tmpdir(dir, sizeof dir, "of");
    fix_write_text(dir, "keep.csv", "old\n");
    out_file_tx tx;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(out_file_begin(&tx, dir, "keep.csv", &err), SIM_OK);
    fputs("new\n", tx.fp);
    out_file_abort(&tx);
    char *got = fix_read(dir, "keep.csv", NULL);
    assert_string_equal(got, "old\n");
    free(got);
    assert_int_equal(fix_count(dir, NULL), 1);
    fix_rmdir(dir);
}

static void commit_should_replace_an_old_file(void **state)
{
    (void)state;
    char dir[64];
    fix_tmpdir(dir, sizeof dir, "of");
    fix_write_text(dir, "r.csv", "a much longer old content\n");
    fix_write_text(dir, "r.csv", "new\n");
    char *got = fix_read(dir, "r.csv", NULL);
    assert_string_equal(got, "new\n");
    free(got);
    assert_int_equal(fix_count(dir, NULL), 1);
    fix_rmdir(dir);
}

static void committed_file_should_be_readable_by_everyone(void **state)
{
    (void)state;
    char dir[64], p[128];
    fix_tmpdir(dir, sizeof dir, "of");
    fix_write_text(dir, "m.csv", "x\n");
    snprintf(p, sizeof p, "%s/m.csv", dir);
    struct stat st;
    assert_int_equal(stat(p, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0644); /* not mkstemp's 0600 */
    fix_rmdir(dir);
}

static void commit_should_fail_naming_the_path_and_remove_the_temporary_file(void **state)
{
    (void)state;
    char dir[64], sub[128];
    fix_tmpdir(dir, sizeof dir, "of");
    /* A non-empty directory under the final name: rename(2) cannot replace it. */
    snprintf(sub, sizeof sub, "%s/taken", dir);
    assert_int_equal(mkdir(sub, 0777), 0);
    fix_write_text(sub, "inside", "x");
    out_file_tx tx;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(out_file_begin(&tx, dir, "taken", &err), SIM_OK);
    fputs("content\n", tx.fp);
    assert_int_equal(out_file_commit(&tx, &err), SIM_EIO);
    assert_non_null(strstr(err.path, "taken"));
    assert_true(strlen(err.message) > 0);
    size_t hidden = 9;
    assert_int_equal(fix_count(dir, &hidden), 1); /* only the directory */
    assert_int_equal(hidden, 0);
    fix_rmdir(dir);
}

static void begin_should_fail_naming_the_directory_when_it_does_not_exist(void **state)
{
    (void)state;
    char dir[64], missing[128];
    fix_tmpdir(dir, sizeof dir, "of");
    snprintf(missing, sizeof missing, "%s/no/such/dir", dir);
    out_file_tx tx;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(out_file_begin(&tx, missing, "a.csv", &err), SIM_EIO);
    assert_non_null(strstr(err.message, missing));
    assert_int_equal(out_file_write(missing, "a.csv", "x", 1, &err), SIM_EIO);
    assert_non_null(strstr(err.message, missing));
    assert_int_equal(fix_count(dir, NULL), 0);
    fix_rmdir(dir);
}

static void begin_should_refuse_a_path_that_is_too_long(void **state)
{
    (void)state;
    static char longdir[OUT_FILE_PATH_MAX + 10];
    memset(longdir, 'd', sizeof longdir - 1);
    longdir[sizeof longdir - 1] = '\0';
    out_file_tx tx;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(out_file_begin(&tx, longdir, "a.csv", &err), SIM_EIO);
    assert_string_equal(err.path, "a.csv");
}

static void mkdir_should_create_nested_directories_and_accept_existing_ones(void **state)
{
    (void)state;
    char dir[64], nested[160];
    fix_tmpdir(dir, sizeof dir, "of");
    snprintf(nested, sizeof nested, "%s/a/b/c/", dir);
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(out_file_mkdir(nested, &err), SIM_OK);
    struct stat st;
    assert_int_equal(stat(nested, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    assert_int_equal(out_file_mkdir(nested, &err), SIM_OK); /* again: fine */
    fix_write_text(nested, "f.txt", "ok");
    fix_rmdir(dir);
}

static void mkdir_should_fail_naming_the_path_when_a_file_is_in_the_way(void **state)
{
    (void)state;
    char dir[64], blocked[160];
    fix_tmpdir(dir, sizeof dir, "of");
    fix_write_text(dir, "file", "x");
    snprintf(blocked, sizeof blocked, "%s/file/sub", dir);
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(out_file_mkdir(blocked, &err), SIM_EIO);
    assert_non_null(strstr(err.message, "/file"));
    snprintf(blocked, sizeof blocked, "%s/file", dir);
    sim_error_clear(&err);
    assert_int_equal(out_file_mkdir(blocked, &err), SIM_EIO);
    assert_non_null(strstr(err.message, blocked));
    assert_non_null(strstr(err.message, "not a directory"));
    assert_int_equal(out_file_mkdir("", &err), SIM_EIO);
    fix_rmdir(dir);
}

static void write_should_not_depend_on_the_allocator(void **state)
{
    (void)state;
    char dir[64];
    fix_tmpdir(dir, sizeof dir, "of");
    sim_error err;
    sim_error_clear(&err);
    long before = sim_alloc_count();
    sim_alloc_fail_after(1, 1); /* every allocation would fail */
    sim_status st = out_file_write(dir, "n.csv", "1\n", 2, &err);
    sim_alloc_fail_after(0, 0);
    assert_int_equal(st, SIM_OK);
    assert_int_equal(sim_alloc_count(), before); /* out_file allocates nothing */
    fix_rmdir(dir);
}

static void touch(const char *dir, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fclose(f);
}

static int exists(const char *dir, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return access(path, F_OK) == 0;
}

/* A temporary left by a killed writer (its PID no longer runs) is removed by the next write
 * of the same name; a live writer's, another name's and files of other shapes are kept. */
static void a_write_should_remove_the_stale_temporaries_of_its_name(void **state)
{
    (void)state;
    char dir[64];
    fix_tmpdir(dir, sizeof dir, "of");
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0)
        _exit(0);
    assert_int_equal(waitpid(child, NULL, 0), child); /* reaped: the PID runs nothing */
    char dead[128], live[128], other[128], init[128];
    snprintf(dead, sizeof dead, ".pools.csv.tmp.%ld.Ab3dEf", (long)child);
    snprintf(live, sizeof live, ".pools.csv.tmp.%ld.Zz9yXw", (long)getpid());
    snprintf(other, sizeof other, ".kpis.csv.tmp.%ld.Ab3dEf", (long)child);
    snprintf(init, sizeof init, ".pools.csv.tmp.1.Ab3dEf");
    touch(dir, dead);
    touch(dir, live);
    touch(dir, other);
    touch(dir, init);
    touch(dir, ".pools.csv.tmp.Ab3dEf");    /* not of this naming (no PID): kept */
    touch(dir, "notes.txt");
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(out_file_write(dir, "pools.csv", "x\n", 2, &err), SIM_OK);
    assert_false(exists(dir, dead));
    assert_true(exists(dir, live));
    assert_true(exists(dir, other));
    assert_true(exists(dir, init));
    assert_true(exists(dir, ".pools.csv.tmp.Ab3dEf"));
    assert_true(exists(dir, "notes.txt"));
    assert_true(exists(dir, "pools.csv"));
    /* the other name's goes when that name is written */
    assert_int_equal(out_file_write(dir, "kpis.csv", "y\n", 2, &err), SIM_OK);
    assert_false(exists(dir, other));
    /* the temporary's name carries this process's id */
    out_file_tx tx;
    assert_int_equal(out_file_begin(&tx, dir, "late.csv", &err), SIM_OK);
    char want[64];
    snprintf(want, sizeof want, "/.late.csv.tmp.%ld.", (long)getpid());
    assert_non_null(strstr(tx.tmp_path, want));
    out_file_abort(&tx);
    fix_rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(write_should_create_the_file_with_exactly_the_bytes_given),
        cmocka_unit_test(write_of_nothing_should_create_an_empty_file),
        cmocka_unit_test(file_should_not_exist_under_its_name_before_commit),
        cmocka_unit_test(abort_should_leave_no_file_and_no_temporary_file),
        cmocka_unit_test(abort_should_keep_the_old_file_unchanged),
        cmocka_unit_test(commit_should_replace_an_old_file),
        cmocka_unit_test(committed_file_should_be_readable_by_everyone),
        cmocka_unit_test(commit_should_fail_naming_the_path_and_remove_the_temporary_file),
        cmocka_unit_test(begin_should_fail_naming_the_directory_when_it_does_not_exist),
        cmocka_unit_test(begin_should_refuse_a_path_that_is_too_long),
        cmocka_unit_test(mkdir_should_create_nested_directories_and_accept_existing_ones),
        cmocka_unit_test(mkdir_should_fail_naming_the_path_when_a_file_is_in_the_way),
        cmocka_unit_test(write_should_not_depend_on_the_allocator),
        cmocka_unit_test(a_write_should_remove_the_stale_temporaries_of_its_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
