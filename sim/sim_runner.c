/* sim_runner.c -- see sim_runner.h. POSIX threads with a shared next-task counter. */
#include "sim_runner.h"

#include <pthread.h>
#include <stdint.h>

#include "sim_alloc.h"

typedef struct runner_shared {
    size_t n_tasks;
    sim_runner_task task;
    void *ctx;
    const sim_runner_options *opts;
    pthread_mutex_t lock;
    size_t next;       /* next task to hand out */
    size_t stride;     /* tasks handed out are next, next + stride, ... (MPI: rank's share) */
    size_t mine;       /* tasks this process runs */
    size_t done;       /* tasks finished */
    int stop;          /* set on failure or interrupt */
    size_t failed_index;
    sim_error failed_err;
} runner_shared;

static int runner_interrupted(const runner_shared *sh)
{
    return sh->opts != NULL && sh->opts->interrupted != NULL && *sh->opts->interrupted != 0;
}

static void *runner_worker(void *arg)
{
    runner_shared *sh = arg;
    for (;;) {
        pthread_mutex_lock(&sh->lock);
        if (sh->stop || sh->next >= sh->n_tasks || runner_interrupted(sh)) {
            pthread_mutex_unlock(&sh->lock);
            return NULL;
        }
        size_t index = sh->next;
        sh->next += sh->stride;
        pthread_mutex_unlock(&sh->lock);

        sim_error err;
        sim_error_clear(&err);
        sim_status st = sh->task(sh->ctx, index, &err);
        if (st != SIM_OK && err.code == SIM_OK)
            sim_error_set(&err, st, "", "task %zu failed (%s)", index, sim_status_name(st));

        pthread_mutex_lock(&sh->lock);
        if (st != SIM_OK) {
            sh->stop = 1;
            if (index < sh->failed_index) {
                sh->failed_index = index;
                sh->failed_err = err;
            }
        }
        sh->done++;
        if (sh->opts != NULL && sh->opts->progress != NULL)
            sh->opts->progress(sh->opts->progress_ctx, sh->done, sh->mine);
        pthread_mutex_unlock(&sh->lock);
    }
}

sim_status sim_runner_run(size_t n_tasks, sim_runner_task task, void *ctx,
                          const sim_runner_options *opts, sim_error *err)
{
    runner_shared sh = {0};
    sh.n_tasks = n_tasks;
    sh.task = task;
    sh.ctx = ctx;
    sh.opts = opts;
    sh.failed_index = SIZE_MAX;
    sim_error_clear(&sh.failed_err);
    int ranks = opts != NULL && opts->pack != NULL && opts->unpack != NULL ? sim_mpi_size() : 1;
    sh.next = ranks > 1 ? (size_t)sim_mpi_rank() : 0;
    sh.stride = (size_t)ranks;
    sh.mine = sh.next < n_tasks ? (n_tasks - sh.next + sh.stride - 1) / sh.stride : 0;
    if (pthread_mutex_init(&sh.lock, NULL) != 0)
        return sim_error_set(err, SIM_ENOMEM, "", "cannot create a mutex for the runner");

    int threads = opts != NULL ? opts->threads : 1;
    if ((size_t)threads > sh.mine)
        threads = (int)sh.mine;
    if (threads <= 1) {
        runner_worker(&sh);
    } else {
        pthread_t *tids = sim_calloc((size_t)threads, sizeof *tids);
        if (tids == NULL) {
            pthread_mutex_destroy(&sh.lock);
            return sim_error_set(err, SIM_ENOMEM, "", "out of memory starting %d threads",
                                 threads);
        }
        int started = 0;
        for (; started < threads; started++) {
            if (pthread_create(&tids[started], NULL, runner_worker, &sh) != 0)
                break;
        }
        if (started == 0)
            runner_worker(&sh); /* no thread could start: run everything here */
        for (int i = 0; i < started; i++)
            pthread_join(tids[i], NULL);
        sim_free(tids);
    }
    pthread_mutex_destroy(&sh.lock);

    sim_status st = SIM_OK;
    if (sh.failed_index != SIZE_MAX) {
        if (err != NULL)
            *err = sh.failed_err;
        st = sh.failed_err.code;
    } else if (sh.done < sh.mine) {
        /* The first task not run counts as the failed one, for the MPI agreement. */
        sh.failed_index = sh.next;
        st = sim_error_set(&sh.failed_err, SIM_EINTR, "", "interrupted after %zu of %zu tasks",
                           sh.done, sh.mine);
        if (err != NULL)
            *err = sh.failed_err;
    }
    if (ranks > 1)
        st = sim_mpi_allgather_tasks(n_tasks, opts->pack, opts->unpack, ctx, st, sh.failed_index,
                                     &sh.failed_err, err);
    return st;
}
