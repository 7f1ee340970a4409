/* out_dir.c -- see out_dir.h. flock(2): a BSD call glibc declares under _DEFAULT_SOURCE;
 * chosen over fcntl locks because those are per process and dropped when any descriptor of
 * the file closes, while flock belongs to the open file description we keep. */
#define _DEFAULT_SOURCE
#include "out_dir.h"

#include "out_file.h"
#include "sim_mpi.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* The directories this process holds: a command writes one or two. */
#define OUT_DIR_HELD_MAX 8
static char out_dir_held[OUT_DIR_HELD_MAX][OUT_FILE_PATH_MAX];
static char out_dir_held_lock[OUT_DIR_HELD_MAX][OUT_FILE_PATH_MAX];
static int out_dir_held_fd[OUT_DIR_HELD_MAX];
static size_t out_dir_n_held;

/* At exit (also after SIGINT/SIGTERM/SIGHUP, which end through exit: cli_signal.h) the lock
 * file is removed while still held, then released: a run leaves no file of its own. A
 * process that opened the file before the unlink finds it gone once it holds the lock and
 * starts over (out_dir_take). */
static void out_dir_release(void)
{
    for (size_t i = 0; i < out_dir_n_held; i++) {
        (void)unlink(out_dir_held_lock[i]);
        close(out_dir_held_fd[i]);
    }
    out_dir_n_held = 0;
}

/* One attempt: the locked descriptor (>= 0); -1 with errno; -2 when the file we locked is
 * no longer the one at `path` (its holder removed it at exit): try again; -3 - fd when
 * another process holds it (fd still open, for the holder's PID). */
static int out_dir_take(const char *path)
{
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        return -1;
    int r;
    do
        r = flock(fd, LOCK_EX | LOCK_NB);
    while (r != 0 && errno == EINTR);
    if (r != 0) {
        int e = errno;
        if (e == EWOULDBLOCK)
            return -3 - fd;
        close(fd);
        errno = e;
        return -1;
    }
    struct stat a, b;
    if (fstat(fd, &a) != 0 || stat(path, &b) != 0 || a.st_dev != b.st_dev ||
        a.st_ino != b.st_ino) {
        close(fd);
        return -2;
    }
    return fd;
}

sim_status out_dir_lock(const char *dir, sim_error *err)
{
    if (!sim_mpi_is_root())
        return SIM_OK;
    for (size_t i = 0; i < out_dir_n_held; i++)
        if (strcmp(out_dir_held[i], dir) == 0)
            return SIM_OK;
    if (out_dir_n_held == OUT_DIR_HELD_MAX)
        return sim_error_set(err, SIM_EIO, "-o", "too many output directories in one command");
    char path[OUT_FILE_PATH_MAX];
    int w = snprintf(path, sizeof path, "%s/%s", dir, OUT_DIR_LOCK_NAME);
    if (w < 0 || (size_t)w >= sizeof path)
        return sim_error_set(err, SIM_EIO, "-o", "output directory name too long: '%s'", dir);
    int fd = -2;
    for (int tries = 0; fd == -2 && tries < 100; tries++)
        fd = out_dir_take(path);
    if (fd <= -3) {
        fd = -3 - fd;
        char holder[32] = "";
        ssize_t n = pread(fd, holder, sizeof holder - 1, 0);
        holder[n > 0 ? (size_t)n : 0] = '\0';
        holder[strcspn(holder, "\n")] = '\0';
        close(fd);
        return sim_error_set(err, SIM_EIO, "-o", "another omnisim run (process %s) is "
                             "writing into the output directory '%s'; wait for it or "
                             "choose another -o", holder[0] != '\0' ? holder : "?", dir);
    }
    if (fd < 0)
        return sim_error_set(err, SIM_EIO, "-o", "cannot lock the output directory '%s': %s",
                             dir, fd == -1 ? strerror(errno) : "its lock file keeps changing");
    /* The holder's PID, for the message of a refused run; not what the lock rests on. */
    char pid[32];
    int k = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
    if (ftruncate(fd, 0) != 0 || pwrite(fd, pid, (size_t)k, 0) != k) {
        /* informational only: the lock is held all the same */
    }
    static int registered;
    if (!registered && atexit(out_dir_release) == 0)
        registered = 1;
    memcpy(out_dir_held[out_dir_n_held], dir, strlen(dir) + 1);
    memcpy(out_dir_held_lock[out_dir_n_held], path, (size_t)w + 1);
    out_dir_held_fd[out_dir_n_held++] = fd; /* open, the lock held, until exit */
    return SIM_OK;
}
