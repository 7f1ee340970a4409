/* out_file.c -- see out_file.h. POSIX: mkstemp, rename, mkdir. */
#define _POSIX_C_SOURCE 200809L
#include "out_file.h"

#include "sim_mpi.h"

#include <dirent.h>
#include <pthread.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

/* The fault injector (out_file.h): the files left to commit before the injected full disk;
 * -1: off. Set by out_file_fault_inject, or once from OMNISIM_FAULT_ENOSPC (the shell tests).
 * Counted under a lock: the workbench commits files from several threads. */
static long fault_commits_left = -1;
static pthread_mutex_t fault_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t fault_env_once = PTHREAD_ONCE_INIT;

static void fault_read_env(void)
{
    const char *v = getenv("OMNISIM_FAULT_ENOSPC");
    char *end = NULL;
    long n = v != NULL ? strtol(v, &end, 10) : -1;
    if (v != NULL && end != v && *end == '\0' && n >= 0)
        fault_commits_left = n;
}

void out_file_fault_inject(long n)
{
    pthread_once(&fault_env_once, fault_read_env);
    pthread_mutex_lock(&fault_lock);
    fault_commits_left = n;
    pthread_mutex_unlock(&fault_lock);
}

int out_file_fault_check(void)
{
    pthread_once(&fault_env_once, fault_read_env);
    pthread_mutex_lock(&fault_lock);
    int fail = fault_commits_left == 0;
    if (fault_commits_left > 0)
        fault_commits_left--;
    pthread_mutex_unlock(&fault_lock);
    if (fail)
        errno = ENOSPC;
    return fail;
}

int out_file_temp_template(char *buf, size_t n, const char *dir, const char *name)
{
    int w = snprintf(buf, n, "%s/.%s.tmp.%ld.XXXXXX", dir, name, (long)getpid());
    return w < 0 || (size_t)w >= n ? -1 : 0;
}

void out_file_remove_stale(const char *dir, const char *name)
{
    char prefix[OUT_FILE_PATH_MAX];
    int w = snprintf(prefix, sizeof prefix, ".%s.tmp.", name);
    if (w < 0 || (size_t)w >= sizeof prefix)
        return;
    size_t pl = (size_t)w;
    DIR *d = opendir(dir);
    if (d == NULL)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strncmp(e->d_name, prefix, pl) != 0)
            continue;
        /* PID digits, '.', six characters of mkstemp's: nothing else is ours */
        const char *p = e->d_name + pl;
        char *end = NULL;
        errno = 0;
        long pid = strtol(p, &end, 10);
        if (end == p || *end != '.' || strlen(end + 1) != 6 || errno != 0 || pid <= 0 ||
            (pid_t)pid != pid)
            continue;
        if ((pid_t)pid == getpid() || kill((pid_t)pid, 0) == 0 || errno == EPERM)
            continue; /* its writer still runs */
        char path[OUT_FILE_PATH_MAX];
        w = snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (w > 0 && (size_t)w < sizeof path)
            (void)unlink(path);
    }
    closedir(d);
}

sim_status out_file_mkdir(const char *dir, sim_error *err)
{
    if (!sim_mpi_is_root())
        return SIM_OK;
    char path[OUT_FILE_PATH_MAX];
    size_t n = strlen(dir);
    if (n == 0 || n >= sizeof path)
        return sim_error_set(err, SIM_EIO, "-o", "bad output directory '%s'", dir);
    memcpy(path, dir, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (path[i] != '/' && path[i] != '\0')
            continue;
        char keep = path[i];
        path[i] = '\0';
        if (mkdir(path, 0777) != 0 && errno != EEXIST)
            return sim_error_set(err, SIM_EIO, "-o", "cannot create directory '%s': %s", path,
                                 strerror(errno));
        path[i] = keep;
    }
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return sim_error_set(err, SIM_EIO, "-o", "'%s' is not a directory", dir);
    return SIM_OK;
}

sim_status out_file_probe(const char *dir, sim_error *err)
{
    sim_status st = out_file_mkdir(dir, err);
    if (st != SIM_OK || !sim_mpi_is_root())
        return st;
    static const char probe[] = "omnisim-probe";
    char path[OUT_FILE_PATH_MAX];
    if (out_file_temp_template(path, sizeof path, dir, probe) != 0)
        return sim_error_set(err, SIM_EIO, "-o", "output directory name too long: '%s'", dir);
    out_file_remove_stale(dir, probe);
    int fd = mkstemp(path);
    if (fd < 0)
        return sim_error_set(err, SIM_EIO, "-o", "cannot write into the output directory '%s': "
                             "%s", dir, strerror(errno));
    int bad = 0;
    ssize_t w;
    errno = 0;
    do
        w = write(fd, "\n", 1);
    while (w < 0 && errno == EINTR);
    if (w != 1)
        bad = errno != 0 ? errno : EIO;
    if (close(fd) != 0 && bad == 0)
        bad = errno;
    unlink(path);
    if (bad != 0)
        return sim_error_set(err, SIM_EIO, "-o", "cannot write into the output directory '%s': "
                             "%s", dir, strerror(bad));
    return SIM_OK;
}

sim_status out_file_stage_path(char *buf, size_t n, const char *dir)
{
    int k = snprintf(buf, n, "%s/" OUT_FILE_STAGE_PREFIX "%ld", dir, (long)getpid());
    if (k < 0 || (size_t)k >= n)
        return SIM_EIO;
    return SIM_OK;
}

/* 1 when this process stages dir (rank 0, its ledger and stage exist): stage's path in buf. */
static int staging(const char *dir, char *buf, size_t n)
{
    char ledger[OUT_FILE_PATH_MAX];
    if (!sim_mpi_is_root() || out_file_ledger_path(ledger, sizeof ledger, dir) != SIM_OK ||
        access(ledger, F_OK) != 0 || out_file_stage_path(buf, n, dir) != SIM_OK)
        return 0;
    struct stat st;
    return stat(buf, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *out_file_target_dir(const char *dir, char *buf, size_t n)
{
    return staging(dir, buf, n) ? buf : dir;
}

int out_file_read_path(char *buf, size_t n, const char *dir, const char *name)
{
    char stage[OUT_FILE_PATH_MAX];
    if (staging(dir, stage, sizeof stage)) {
        int k = snprintf(buf, n, "%s/%s", stage, name);
        if (k > 0 && (size_t)k < n && access(buf, F_OK) == 0)
            return 0;
    }
    int k = snprintf(buf, n, "%s/%s", dir, name);
    return k < 0 || (size_t)k >= n ? -1 : 0;
}

sim_status out_file_begin(out_file_tx *tx, const char *dir, const char *name, sim_error *err)
{
    memset(tx, 0, sizeof *tx);
    char stage[OUT_FILE_PATH_MAX];
    const char *target = out_file_target_dir(dir, stage, sizeof stage);
    int a = snprintf(tx->final_path, sizeof tx->final_path, "%s/%s", dir, name);
    int c = snprintf(tx->write_path, sizeof tx->write_path, "%s/%s", target, name);
    int b = out_file_temp_template(tx->tmp_path, sizeof tx->tmp_path, target, name);
    if (a < 0 || b < 0 || c < 0 || (size_t)a >= sizeof tx->final_path ||
        (size_t)c >= sizeof tx->write_path)
        return sim_error_set(err, SIM_EIO, name, "output path too long");
    if (!sim_mpi_is_root()) {
        tx->discard = 1;
        tx->fp = fopen("/dev/null", "w");
        if (tx->fp == NULL)
            return sim_error_set(err, SIM_EIO, name, "cannot open /dev/null: %s",
                                 strerror(errno));
        return SIM_OK;
    }
    out_file_remove_stale(target, name);
    if (target != dir)
        out_file_remove_stale(dir, name); /* left by a killed writer before staging */
    int fd = mkstemp(tx->tmp_path);
    if (fd < 0)
        return sim_error_set(err, SIM_EIO, name, "cannot create a file in '%s': %s", dir,
                             strerror(errno));
    tx->fp = fdopen(fd, "w");
    if (tx->fp == NULL) {
        close(fd);
        unlink(tx->tmp_path);
        return sim_error_set(err, SIM_EIO, name, "cannot open '%s': %s", tx->tmp_path,
                             strerror(errno));
    }
    return SIM_OK;
}

sim_status out_file_commit(out_file_tx *tx, sim_error *err)
{
    if (tx->discard) {
        fclose(tx->fp);
        tx->fp = NULL;
        return SIM_OK;
    }
    int bad = ferror(tx->fp) != 0;
    bad |= fflush(tx->fp) != 0;
    if (!bad && out_file_fault_check())
        bad = 1; /* errno is ENOSPC: the injected full disk */
    bad |= fsync(fileno(tx->fp)) != 0 && errno != EINVAL;
    /* mkstemp creates 0600; results are ordinary files. */
    bad |= fchmod(fileno(tx->fp), 0644) != 0;
    bad |= fclose(tx->fp) != 0;
    tx->fp = NULL;
    if (bad || rename(tx->tmp_path, tx->write_path) != 0) {
        int e = errno;
        unlink(tx->tmp_path);
        return sim_error_set(err, SIM_EIO, tx->final_path, "cannot write: %s", strerror(e));
    }
    out_file_note(tx->final_path);
    return SIM_OK;
}

sim_status out_file_ledger_path(char *buf, size_t n, const char *dir)
{
    int k = snprintf(buf, n, "%s/.omnisim-run.%ld", dir, (long)getpid());
    if (k < 0 || (size_t)k >= n)
        return SIM_EIO;
    return SIM_OK;
}

/* DIR of DIR/NAME into dir and this process's ledger for it into ledger; 1 when the ledger
 * exists (the process keeps one for DIR) and this is rank 0, else 0. */
static int out_file_ledger_of(const char *path, char *dir, char *ledger)
{
    const char *slash = strrchr(path, '/');
    if (slash == NULL || !sim_mpi_is_root())
        return 0;
    size_t n = (size_t)(slash - path);
    if (n >= OUT_FILE_PATH_MAX)
        return 0;
    memcpy(dir, path, n);
    dir[n] = '\0';
    if (out_file_ledger_path(ledger, OUT_FILE_PATH_MAX, dir) != SIM_OK)
        return 0;
    /* only when the ledger exists: a process that keeps none (a library caller, a trace
     * file in another directory) changes nothing. */
    return access(ledger, F_OK) == 0;
}

void out_file_note(const char *path)
{
    char dir[OUT_FILE_PATH_MAX], ledger[OUT_FILE_PATH_MAX];
    if (!out_file_ledger_of(path, dir, ledger))
        return;
    FILE *fp = fopen(ledger, "a");
    if (fp == NULL)
        return;
    fprintf(fp, "file\t%s\n", strrchr(path, '/') + 1);
    fclose(fp);
}

void out_file_abort(out_file_tx *tx)
{
    if (tx->fp != NULL)
        fclose(tx->fp);
    tx->fp = NULL;
    if (!tx->discard)
        unlink(tx->tmp_path);
}

sim_status out_file_write(const char *dir, const char *name, const char *data, size_t len,
                          sim_error *err)
{
    out_file_tx tx;
    sim_status st = out_file_begin(&tx, dir, name, err);
    if (st != SIM_OK)
        return st;
    if (len > 0 && fwrite(data, 1, len, tx.fp) != len) {
        out_file_abort(&tx);
        return sim_error_set(err, SIM_EIO, name, "cannot write '%s'", tx.final_path);
    }
    return out_file_commit(&tx, err);
}
