/* sim_runner.h -- run independent tasks (replications, sweep points) on N threads.
 *
 * Tasks are numbered 0..n-1 and handed to threads in that order; each task must write its
 * results only into storage indexed by its own number, so the caller can merge them in index
 * order afterwards. Results are therefore identical for 1 or 64 threads: a task's outcome
 * depends on its index (and the seeds derived from it), never on the thread that ran it.
 */
#ifndef SIM_RUNNER_H
#define SIM_RUNNER_H

#include <signal.h>
#include <stddef.h>

#include "sim_error.h"
#include "sim_mpi.h"

/* Run task `index`. Return SIM_OK or an error (filling err). Called concurrently from
 * several threads with distinct indices. */
typedef sim_status (*sim_runner_task)(void *ctx, size_t index, sim_error *err);
/* Called after each finished task, serialised by the runner (never concurrently). */
typedef void (*sim_runner_progress)(void *ctx, size_t done, size_t total);

typedef struct sim_runner_options {
    int threads;                        /* <= 1: run in the calling thread */
    volatile sig_atomic_t *interrupted; /* optional: when it becomes non-zero, no new task
                                           starts and the run returns SIM_EINTR */
    sim_runner_progress progress;       /* optional */
    void *progress_ctx;
    /* Optional: with both set, an MPI run (sim_mpi_size() > 1) spreads the tasks over the
     * ranks and exchanges their packed results, so every rank ends with every result
     * (sim_mpi.h). Without them every rank runs every task. */
    sim_mpi_pack_fn pack;
    sim_mpi_unpack_fn unpack;
} sim_runner_options;

/* Run tasks 0..n_tasks-1 (in an MPI run with pack/unpack: this rank's share, then the
 * exchange; collective then: every rank must call it). On failure, returns the error of the lowest-numbered failed task
 * (copied into err), so the reported error does not depend on thread timing; tasks already
 * running finish, no new ones start. */
sim_status sim_runner_run(size_t n_tasks, sim_runner_task task, void *ctx,
                          const sim_runner_options *opts, sim_error *err);

#endif /* SIM_RUNNER_H */
