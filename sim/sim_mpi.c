/* sim_mpi.c -- see sim_mpi.h. Compiled in every build; the MPI calls only when
 * OMNISIM_HAVE_MPI is defined (CMake option OMNISIM_MPI). */
#include "sim_mpi.h"

#include <limits.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "sim_alloc.h"

#ifdef OMNISIM_HAVE_MPI
#include <mpi.h>

static int mpi_ready(void)
{
    int initialized = 0, finalized = 0;
    MPI_Initialized(&initialized);
    MPI_Finalized(&finalized);
    return initialized && !finalized;
}

/* 1 when a process manager started us (mpirun, srun): only then is MPI worth starting.
 * A plain `omnisim ...` skips MPI_Init, whose singleton start-up costs about half a second. */
static int mpi_launched(void)
{
    static const char *const vars[] = {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK",
                                       "MPI_LOCALNRANKS"};
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        if (getenv(vars[i]) != NULL)
            return 1;
    }
    return 0;
}

sim_status sim_mpi_init(int *argc, char ***argv, sim_error *err)
{
    if (!mpi_launched())
        return SIM_OK;
    int provided = 0;
    if (MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS)
        return sim_error_set(err, SIM_EIO, "mpi", "MPI_Init_thread failed");
    if (provided < MPI_THREAD_FUNNELED)
        return sim_error_set(err, SIM_EIO, "mpi", "the MPI library does not support threads "
                             "(FUNNELED); run with -j 1");
    return SIM_OK;
}

void sim_mpi_finalize(void)
{
    if (mpi_ready())
        MPI_Finalize();
}

int sim_mpi_rank(void)
{
    int rank = 0;
    if (mpi_ready())
        MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    return rank;
}

int sim_mpi_size(void)
{
    int size = 1;
    if (mpi_ready())
        MPI_Comm_size(MPI_COMM_WORLD, &size);
    return size;
}

int sim_mpi_available(void)
{
    return 1;
}

/* Agree on the outcome: the lowest failed task index over all ranks, and its error. */
static sim_status mpi_agree(sim_status local_status, size_t local_failed_index,
                            const sim_error *local_err, sim_error *err)
{
    unsigned long long mine = local_status == SIM_OK ? ULLONG_MAX
                                                     : (unsigned long long)local_failed_index;
    unsigned long long lowest = ULLONG_MAX;
    MPI_Allreduce(&mine, &lowest, 1, MPI_UNSIGNED_LONG_LONG, MPI_MIN, MPI_COMM_WORLD);
    if (lowest == ULLONG_MAX)
        return SIM_OK;
    /* The rank that owns the failure (lowest rank on a tie) broadcasts its error. */
    int owner = mine == lowest ? sim_mpi_rank() : INT_MAX, root = INT_MAX;
    MPI_Allreduce(&owner, &root, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
    sim_error shared;
    if (local_err != NULL)
        shared = *local_err;
    else
        sim_error_set(&shared, local_status, "", "a task failed");
    MPI_Bcast(&shared, (int)sizeof shared, MPI_BYTE, root, MPI_COMM_WORLD);
    if (err != NULL)
        *err = shared;
    return shared.code != SIM_OK ? shared.code : SIM_EIO;
}

sim_status sim_mpi_allgather_tasks(size_t n_tasks, sim_mpi_pack_fn pack,
                                   sim_mpi_unpack_fn unpack, void *ctx,
                                   sim_status local_status, size_t local_failed_index,
                                   const sim_error *local_err, sim_error *err)
{
    int size = sim_mpi_size(), rank = sim_mpi_rank();
    if (size <= 1)
        return local_status;
    sim_status st = mpi_agree(local_status, local_failed_index, local_err, err);
    if (st != SIM_OK)
        return st;

    /* Pack this rank's tasks: for each, its index, its length, its bytes. */
    sim_buf mine;
    sim_buf_init(&mine);
    for (size_t i = (size_t)rank; i < n_tasks; i += (size_t)size) {
        sim_buf one;
        sim_buf_init(&one);
        pack(ctx, i, &one);
        sim_buf_put_u64(&mine, (uint64_t)i);
        sim_buf_put_u64(&mine, (uint64_t)one.len);
        sim_buf_put_bytes(&mine, one.data, one.len);
        if (one.failed)
            mine.failed = 1;
        sim_buf_fini(&one);
    }
    int *counts = sim_calloc((size_t)size, sizeof *counts);
    int *displs = sim_calloc((size_t)size, sizeof *displs);
    unsigned char *all = NULL;
    /* Every rank learns whether every rank could pack, so all take the same branch and no
     * rank waits in a collective call the others skipped. */
    int ok_local = mine.failed == 0 && mine.len <= (size_t)INT_MAX && counts != NULL &&
                   displs != NULL;
    int ok_all = 0;
    MPI_Allreduce(&ok_local, &ok_all, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
    if (!ok_all) {
        st = sim_error_set(err, SIM_ENOMEM, "mpi", "cannot pack results for exchange (out "
                           "of memory or over 2 GiB per rank)");
        goto done;
    }
    int my_count = (int)mine.len;
    MPI_Allgather(&my_count, 1, MPI_INT, counts, 1, MPI_INT, MPI_COMM_WORLD);
    size_t total = 0;
    for (int r = 0; r < size; r++) {
        displs[r] = (int)total;
        total += (size_t)counts[r];
    }
    if (total > (size_t)INT_MAX) {
        st = sim_error_set(err, SIM_ELIMIT, "mpi", "results of %zu bytes exceed what one "
                           "exchange can carry (2 GiB); use fewer replications per run", total);
        goto done;
    }
    all = sim_malloc(total);
    int have = all != NULL, have_all = 0;
    MPI_Allreduce(&have, &have_all, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
    if (!have_all) {
        st = sim_error_set(err, SIM_ENOMEM, "mpi", "out of memory receiving %zu bytes", total);
        goto done;
    }
    MPI_Allgatherv(mine.data, my_count, MPI_BYTE, all, counts, displs, MPI_BYTE,
                   MPI_COMM_WORLD);
    /* Unpack the other ranks' tasks, rank by rank; each task lands in its own slot, so the
     * order of unpacking does not change the result. */
    for (int r = 0; r < size && st == SIM_OK; r++) {
        if (r == rank)
            continue;
        sim_buf_reader rd;
        sim_buf_reader_init(&rd, all + displs[r], (size_t)counts[r]);
        while (rd.pos < rd.len && st == SIM_OK) {
            uint64_t index = sim_buf_get_u64(&rd), len = sim_buf_get_u64(&rd);
            if (rd.failed || index >= n_tasks || len > rd.len - rd.pos) {
                st = sim_error_set(err, SIM_EIO, "mpi", "malformed result from rank %d", r);
                break;
            }
            sim_buf_reader one;
            sim_buf_reader_init(&one, rd.data + rd.pos, (size_t)len);
            st = unpack(ctx, (size_t)index, &one, err);
            rd.pos += (size_t)len;
        }
    }
done:
    sim_free(all);
    sim_free(counts);
    sim_free(displs);
    sim_buf_fini(&mine);
    return st;
}

#else /* no MPI: one process, rank 0 of 1 */

sim_status sim_mpi_init(int *argc, char ***argv, sim_error *err)
{
    (void)argc;
    (void)argv;
    (void)err;
    return SIM_OK;
}

void sim_mpi_finalize(void)
{
}

int sim_mpi_rank(void)
{
    return 0;
}

int sim_mpi_size(void)
{
    return 1;
}

int sim_mpi_available(void)
{
    return 0;
}

sim_status sim_mpi_allgather_tasks(size_t n_tasks, sim_mpi_pack_fn pack,
                                   sim_mpi_unpack_fn unpack, void *ctx,
                                   sim_status local_status, size_t local_failed_index,
                                   const sim_error *local_err, sim_error *err)
{
    (void)n_tasks;
    (void)pack;
    (void)unpack;
    (void)ctx;
    (void)local_failed_index;
    (void)local_err;
    (void)err;
    return local_status;
}

#endif

int sim_mpi_is_root(void)
{
    return sim_mpi_rank() == 0;
}
