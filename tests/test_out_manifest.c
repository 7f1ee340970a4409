/* test_out_manifest.c -- one whole run per output directory (output/out_manifest.h,
 * out_file.h staging, out_dir.h lock).
 *
 * While a run writes, its files go into its hidden stage and the directory keeps the old run
 * whole; out_manifest_finish swaps the new run in (the old run's files it does not rewrite
 * removed, a user's own files kept). A run that fails (the injected full disk) or dies leaves
 * the old run whole; a swap cut short is completed by the next command; a reader refuses a
 * directory whose swap is pending; the lock refuses a second process. Processes are forked
 * where a run must end (the discard at exit, a dead stage's PID).
 */
#include "test_out_fixture.h"

#include <errno.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>

#include "out_dir.h"
#include "out_manifest.h"

static const out_manifest_run test_run = {0, NULL, "test", NULL, 7};

/* 1 when dir/name exists. */
static int exists(const char *dir, const char *name)
{
    char p[4096];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    return access(p, F_OK) == 0;
}

/* 1 when dir/name holds exactly text. */
static int holds(const char *dir, const char *name, const char *text)
{
    size_t len = 0;
    char *got = fix_read(dir, name, &len);
    int same = got != NULL && len == strlen(text) && memcmp(got, text, len) == 0;
    free(got);
    return same;
}

/* The files manifest.json lists, as "a b c" (sorted as written), into buf. */
static void listed(const char *dir, char *buf, size_t n)
{
    out_manifest_list l;
    sim_error err;
    buf[0] = '\0';
    assert_int_equal(out_manifest_files(dir, &l, &err), SIM_OK);
    for (size_t i = 0; i < l.n; i++) {
        size_t k = strlen(buf);
        snprintf(buf + k, n - k, "%s%s", k > 0 ? " " : "", l.names[i]);
    }
    out_manifest_list_free(&l);
}

/* A complete run of files name=text... (NULL-terminated pairs) into dir. */
static void write_run(const char *dir, const char *const *files)
{
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(out_manifest_begin(dir, &err), SIM_OK);
    for (size_t i = 0; files[i] != NULL; i += 2)
        assert_int_equal(out_file_write(dir, files[i], files[i + 1], strlen(files[i + 1]), &err),
                         SIM_OK);
    assert_int_equal(out_manifest_finish(dir, &test_run, &err), SIM_OK);
}

/* The number of hidden stage or ledger entries in dir. */
static size_t leftovers(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        n += strncmp(e->d_name, ".omnisim-stage.", 15) == 0 ||
             strncmp(e->d_name, ".omnisim-run.", 13) == 0;
    closedir(d);
    return n;
}

static void a_run_should_be_staged_until_its_manifest_then_swapped_in(void **state)
{
    (void)state;
    char dir[64];
    fix_tmpdir(dir, sizeof dir, "om");
    const char *const old[] = {"a.csv", "old a\n", "gone.csv", "old only\n", NULL};
    write_run(dir, old);
    fix_write_text(dir, "notes.txt", "the planner's own file\n");

    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(out_manifest_begin(dir, &err), SIM_OK);
    assert_int_equal(out_file_write(dir, "a.csv", "new a\n", 6, &err), SIM_OK);
    assert_int_equal(out_file_write(dir, "b.csv", "new b\n", 6, &err), SIM_OK);
    /* while the run writes: the directory still holds the old run, whole */
    assert_true(holds(dir, "a.csv", "old a\n"));
    assert_false(exists(dir, "b.csv"));
    assert_true(exists(dir, "manifest.json"));
    /* ... and the run's own readers see its new files */
    char path[4096];
    assert_int_equal(out_file_read_path(path, sizeof path, dir, "b.csv"), 0);
    assert_non_null(strstr(path, "/.omnisim-stage."));
    assert_int_equal(out_file_read_path(path, sizeof path, dir, "notes.txt"), 0);
    assert_null(strstr(path, "/.omnisim-stage."));

    assert_int_equal(out_manifest_finish(dir, &test_run, &err), SIM_OK);
    assert_true(holds(dir, "a.csv", "new a\n"));
    assert_true(holds(dir, "b.csv", "new b\n"));
    assert_false(exists(dir, "gone.csv"));          /* the old run's, not rewritten */
    assert_true(holds(dir, "notes.txt", "the planner's own file\n")); /* no manifest's */
    char names[256];
    listed(dir, names, sizeof names);
    assert_string_equal(names, "a.csv b.csv");
    assert_int_equal(leftovers(dir), 0);
    fix_rmdir(dir);
}

static void a_full_disk_should_leave_the_old_run_whole(void **state)
{
    (void)state;
    char dir[64];
    fix_tmpdir(dir, sizeof dir, "om");
    const char *const old[] = {"a.csv", "old a\n", "b.csv", "old b\n", NULL};
    write_run(dir, old);
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0) { /* the failing run: exits as the command does after its error */
        sim_error err;
        sim_error_clear(&err);
        int code = 0;
        if (out_manifest_begin(dir, &err) != SIM_OK)
            _exit(10);
        out_file_fault_inject(1); /* the second file meets a full disk */
        if (out_file_write(dir, "a.csv", "new a\n", 6, &err) != SIM_OK)
            code = 11;
        if (out_file_write(dir, "b.csv", "new b\n", 6, &err) != SIM_EIO ||
            strstr(err.message, strerror(ENOSPC)) == NULL)
            code = 12;
        exit(code); /* exit, not _exit: the unswapped stage is discarded at exit */
    }
    int status = 0;
    assert_int_equal(waitpid(child, &status, 0), child);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_true(holds(dir, "a.csv", "old a\n"));
    assert_true(holds(dir, "b.csv", "old b\n"));
    char names[256];
    listed(dir, names, sizeof names);
    assert_string_equal(names, "a.csv b.csv");
    assert_int_equal(leftovers(dir), 0);
    fix_rmdir(dir);
}

/* A stage of a process that ended, made by hand as such a process leaves it. */
static void dead_stage(char *stage, size_t n, const char *dir)
{
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0)
        _exit(0);
    assert_int_equal(waitpid(child, NULL, 0), child);
    snprintf(stage, n, "%s/.omnisim-stage.%ld", dir, (long)child);
    assert_int_equal(mkdir(stage, 0755), 0);
}

static void a_swap_cut_short_should_be_completed_by_the_next_command(void **state)
{
    (void)state;
    char dir[64], stage[256];
    fix_tmpdir(dir, sizeof dir, "om");
    const char *const old[] = {"a.csv", "old a\n", "gone.csv", "old only\n", NULL};
    write_run(dir, old);
    fix_write_text(dir, "notes.txt", "mine\n");
    /* a run died in its swap after step 2 had moved a.csv: its manifest is still staged,
     * the old manifest already moved aside */
    dead_stage(stage, sizeof stage, dir);
    char man[4096], prev[4096];
    snprintf(man, sizeof man, "%s/manifest.json", dir);
    snprintf(prev, sizeof prev, "%s/.previous-manifest.json", stage);
    assert_int_equal(rename(man, prev), 0);
    fix_write_text(dir, "a.csv", "new a\n");
    fix_write_text(stage, "b.csv", "new b\n");
    fix_write_text(stage, "manifest.json",
                   "{\"omnisim_version\": \"t\", \"command\": \"omnisim run\", \"seed\": 5, "
                   "\"files\": [{\"name\": \"a.csv\"}, {\"name\": \"b.csv\"}]}\n");
    /* readers refuse the directory meanwhile: it would read a mixture */
    out_manifest_list l;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(out_manifest_files(dir, &l, &err), SIM_EIO);
    assert_non_null(strstr(err.message, "cut short"));
    /* the next command completes the swap before its own run */
    assert_int_equal(out_manifest_begin(dir, &err), SIM_OK);
    assert_true(holds(dir, "a.csv", "new a\n"));
    assert_true(holds(dir, "b.csv", "new b\n"));
    assert_false(exists(dir, "gone.csv"));
    assert_true(holds(dir, "notes.txt", "mine\n"));
    assert_true(exists(dir, "manifest.json"));
    struct stat sb;
    assert_int_not_equal(stat(stage, &sb), 0);
    assert_int_equal(out_manifest_finish(dir, &test_run, &err), SIM_OK); /* its own: empty */
    fix_rmdir(dir);
}

static void an_unready_stage_should_be_discarded(void **state)
{
    (void)state;
    char dir[64], stage[256];
    fix_tmpdir(dir, sizeof dir, "om");
    const char *const old[] = {"a.csv", "old a\n", NULL};
    write_run(dir, old);
    dead_stage(stage, sizeof stage, dir);
    fix_write_text(stage, "a.csv", "half of a new run\n");
    sim_error err;
    sim_error_clear(&err);
    char names[256];
    listed(dir, names, sizeof names); /* not pending: no manifest in the stage */
    assert_string_equal(names, "a.csv");
    assert_int_equal(out_manifest_begin(dir, &err), SIM_OK);
    struct stat sb;
    assert_int_not_equal(stat(stage, &sb), 0);
    assert_true(holds(dir, "a.csv", "old a\n"));
    assert_int_equal(out_manifest_finish(dir, &test_run, &err), SIM_OK);
    assert_true(holds(dir, "a.csv", "old a\n")); /* an empty run swaps nothing */
    assert_int_equal(leftovers(dir), 0);
    fix_rmdir(dir);
}

static void a_foreign_manifest_should_never_remove_a_file_outside_the_directory(void **state)
{
    (void)state;
    char dir[64], outside[64];
    fix_tmpdir(dir, sizeof dir, "om");
    fix_tmpdir(outside, sizeof outside, "om");
    fix_write_text(outside, "victim.txt", "keep\n");
    char text[512];
    snprintf(text, sizeof text,
             "{\"command\": \"omnisim run\", \"files\": [{\"name\": \"../%s/victim.txt\"}, "
             "{\"name\": \".omnisim-lock\"}]}\n",
             strrchr(outside, '/') + 1);
    fix_write_text(dir, "manifest.json", text);
    const char *const run[] = {"a.csv", "a\n", NULL};
    write_run(dir, run);
    assert_true(holds(outside, "victim.txt", "keep\n"));
    fix_rmdir(dir);
    fix_rmdir(outside);
}

static void the_lock_should_refuse_a_second_process(void **state)
{
    (void)state;
    char dir[64];
    fix_tmpdir(dir, sizeof dir, "om");
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(out_dir_lock(dir, &err), SIM_OK);
    assert_int_equal(out_dir_lock(dir, &err), SIM_OK); /* again in this process: fine */
    /* another process: the command itself, refused at once (exit 3) naming the holder */
    char cmd[1024], errfile[128];
    snprintf(errfile, sizeof errfile, "%s.err", dir);
    snprintf(cmd, sizeof cmd,
             "'%s' run '%s/scenarios/tiny-mmn.json' -q --no-plots -r 1 -o '%s' 2>'%s'",
             OMNISIM_BINARY, OMNISIM_SOURCE_DIR, dir, errfile);
    int status = system(cmd);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 3);
    size_t len = 0;
    char *msg = fix_read("/", errfile + 1, &len);
    assert_non_null(msg);
    assert_non_null(strstr(msg, "another omnisim run (process "));
    free(msg);
    unlink(errfile);
    assert_false(exists(dir, "manifest.json")); /* it ran nothing */
    fix_rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_run_should_be_staged_until_its_manifest_then_swapped_in),
        cmocka_unit_test(a_full_disk_should_leave_the_old_run_whole),
        cmocka_unit_test(a_swap_cut_short_should_be_completed_by_the_next_command),
        cmocka_unit_test(an_unready_stage_should_be_discarded),
        cmocka_unit_test(a_foreign_manifest_should_never_remove_a_file_outside_the_directory),
        cmocka_unit_test(the_lock_should_refuse_a_second_process),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
