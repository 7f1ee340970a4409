/* sim_mpi.h -- spreading runner tasks (replications, sweep points) over MPI ranks.
 *
 * In an MPI build (CMake option OMNISIM_MPI) run under `mpirun -n P`, each rank runs the
 * tasks whose index i has i % P == rank (on its own threads), then every rank receives every
 * task's packed result (an all-gather), so all ranks continue in lockstep with identical data
 * and rank 0 alone writes output. A task's result depends only on its index, so the results
 * are byte-identical to a single process with any number of threads.
 * In a build without MPI, or a process not started by mpirun, there is one rank (0 of 1)
 * and nothing is exchanged.
 */
#ifndef SIM_MPI_H
#define SIM_MPI_H

#include <stddef.h>

#include "sim_buf.h"
#include "sim_error.h"

/* Append the result of task `index` to b. */
typedef void (*sim_mpi_pack_fn)(void *ctx, size_t index, sim_buf *b);
/* Read the result of task `index` from r into the caller's storage. */
typedef sim_status (*sim_mpi_unpack_fn)(void *ctx, size_t index, sim_buf_reader *r,
                                        sim_error *err);

/* Start MPI when built with it (thread level FUNNELED: only the main thread calls MPI).
 * A no-op returning SIM_OK otherwise. Call once, first thing in main. */
sim_status sim_mpi_init(int *argc, char ***argv, sim_error *err);
/* Stop MPI if sim_mpi_init started it. */
void sim_mpi_finalize(void);
/* This process's rank and the number of ranks (0 and 1 without MPI). */
int sim_mpi_rank(void);
int sim_mpi_size(void);
/* 1 on rank 0: the rank that prints and writes files. */
int sim_mpi_is_root(void);
/* 1 when built with MPI support. */
int sim_mpi_available(void);

/* Exchange task results: each rank packs the tasks it ran (i % size == rank, i < n_tasks),
 * and unpacks every other rank's, in index order. `local_status` is this rank's outcome of
 * running its tasks (with local_err); on return every rank holds the same status and error:
 * that of the lowest-numbered failed task over all ranks (its error text included), or
 * SIM_OK. Collective: every rank must call it. */
sim_status sim_mpi_allgather_tasks(size_t n_tasks, sim_mpi_pack_fn pack,
                                   sim_mpi_unpack_fn unpack, void *ctx,
                                   sim_status local_status, size_t local_failed_index,
                                   const sim_error *local_err, sim_error *err);

#endif /* SIM_MPI_H */
