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
#include <unistd.h>

/* The directories this process holds: a command writes one or two. */
#define OUT_DIR_HELD_MAX 8
static char out_dir_held[OUT_DIR_HELD_MAX][OUT_FILE_PATH_MAX];
static size_t out_dir_n_held;

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
    if (w < 0 || (size_t)w >= sizeof path || strlen(dir) >= OUT_FILE_PATH_MAX)
        return sim_error_set(err, SIM_EIO, "-o", "output directory name too long: '%s'", dir);
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        return sim_error_set(err, SIM_EIO, "-o", "cannot open the lock file '%s': %s", path,
                             strerror(errno));
    int r;
    do
        r = flock(fd, LOCK_EX | LOCK_NB);
    while (r != 0 && errno == EINTR);
    if (r != 0) {
        int e = errno;
        char holder[32] = "";
        ssize_t n = pread(fd, holder, sizeof holder - 1, 0);
        holder[n > 0 ? (size_t)n : 0] = '\0';
        holder[strcspn(holder, "\n")] = '\0';
        close(fd);
        if (e == EWOULDBLOCK)
            return sim_error_set(err, SIM_EIO, "-o", "another omnisim run (process %s) is "
                                 "writing into the output directory '%s'; wait for it or "
                                 "choose another -o", holder[0] != '\0' ? holder : "?", dir);
        return sim_error_set(err, SIM_EIO, "-o", "cannot lock the output directory '%s': %s",
                             dir, strerror(e));
    }
    /* The holder's PID, for the message of a refused run; not what the lock rests on. */
    char pid[32];
    int k = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
    if (ftruncate(fd, 0) != 0 || pwrite(fd, pid, (size_t)k, 0) != k) {
        /* informational only: the lock is held all the same */
    }
    /* fd stays open (and the lock held) until the process ends. */
    memcpy(out_dir_held[out_dir_n_held++], dir, strlen(dir) + 1);
    return SIM_OK;
}
