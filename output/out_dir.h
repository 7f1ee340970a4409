/* out_dir.h -- one run per output directory: the directory's lock.
 *
 * What it is: a command that writes an output directory takes DIR/.omnisim-lock (flock(2),
 * exclusive, non-blocking) before it computes anything and holds it until the process ends.
 * A second command that wants the same directory while the first runs is refused at once
 * (SIM_EIO naming the directory and the holder's process id; the command exits 3), so two
 * runs never interleave their files in one directory. The kernel drops the lock when its
 * holder ends in any way (exit, signal, SIGKILL, crash): a lock is never stale. The lock
 * file (a few bytes: the holder's PID, for the message) is removed at exit; one left by a
 * killed run is harmless and reused by the next.
 *
 * What it is not: the staging (out_manifest.h keeps a directory whole while a run writes,
 * and says which files belong to it). flock on a network file system (NFS) may be local to
 * one machine.
 * Under MPI only rank 0 locks (out_file.h).
 */
#ifndef OUT_DIR_H
#define OUT_DIR_H

#include "sim_error.h"

/* The lock file's name inside an output directory. */
#define OUT_DIR_LOCK_NAME ".omnisim-lock"

/* Take dir's lock for the rest of this process (dir must exist: out_file_mkdir). Taking it
 * again for the same dir string is SIM_OK. SIM_OK, or SIM_EIO with path "-o" when another
 * process holds it or the lock file cannot be opened. */
sim_status out_dir_lock(const char *dir, sim_error *err);

#endif /* OUT_DIR_H */
