/* out_file.h -- atomic output files: write to a temporary file in the target directory,
 * then rename it into place.
 *
 * A reader (or an interrupted run) never sees a half-written file under the final name:
 * either the old file (or none) or the complete new one. The temporary file lives in the
 * same directory so that rename(2) is atomic (same file system). What it is not: a
 * formatter; out_csv.h and out_json.h produce the content.
 *
 * Temporary files are named ".NAME.tmp.PID.XXXXXX". One left by a killed run is removed by
 * the next run that writes NAME into the same directory (out_file_remove_stale).
 *
 * Under mpirun every rank holds the same results (sim_mpi.h) but only rank 0 writes: on the
 * other ranks these functions accept the content and discard it, so callers need no check.
 */
#ifndef OUT_FILE_H
#define OUT_FILE_H

#include <stdio.h>

#include "sim_error.h"

#define OUT_FILE_PATH_MAX 4096

/* One file being written. Fields are private. */
typedef struct out_file_tx {
    FILE *fp;
    char tmp_path[OUT_FILE_PATH_MAX];
    char final_path[OUT_FILE_PATH_MAX]; /* dir/name: the name the run gives it */
    char write_path[OUT_FILE_PATH_MAX]; /* where the rename puts it: final_path, or the stage */
    int discard; /* MPI rank other than 0: content goes to /dev/null, nothing is renamed */
} out_file_tx;

/* Create directory `dir` (and its parents) unless it exists. SIM_OK or SIM_EIO naming it. */
sim_status out_file_mkdir(const char *dir, sim_error *err);

/* Check, before any long computation, that results can be written into `dir`: create it
 * (out_file_mkdir), then create, write one byte to, close and remove a probe file
 * ".omnisim-probe.tmp.PID.XXXXXX" in it (one left by a killed run is removed first). SIM_OK,
 * or SIM_EIO with path "-o" and a message naming the directory and the system's reason
 * (read-only, permission, no space, not a directory). On MPI ranks other than 0, SIM_OK. */
sim_status out_file_probe(const char *dir, sim_error *err);

/* Open a temporary file for `dir`/`name`; write to tx->fp. SIM_OK or SIM_EIO. On success the
 * caller must end with out_file_commit or out_file_abort. */
sim_status out_file_begin(out_file_tx *tx, const char *dir, const char *name, sim_error *err);
/* Flush, close and rename into place. SIM_OK, or SIM_EIO (the temporary file is removed). */
sim_status out_file_commit(out_file_tx *tx, sim_error *err);
/* Close and remove the temporary file. */
void out_file_abort(out_file_tx *tx);

/* The template of the temporary file for dir/name, for mkstemp: "dir/.name.tmp.PID.XXXXXX",
 * the writer's process id in it so that a later run can tell a temporary left by a killed
 * writer from one being written. Returns 0, or -1 when it does not fit in n bytes. */
int out_file_temp_template(char *buf, size_t n, const char *dir, const char *name);

/* Remove dir's temporaries of `name` (".name.tmp.PID.XXXXXX") whose process no longer runs:
 * what a writer killed by SIGKILL, a crash or a power cut left behind. A live writer's
 * temporary (this process's, another run's) is kept. Best effort, never an error;
 * out_file_begin and plot_begin call it before creating their own. (A directory shared
 * between machines can hold another host's live temporary under a PID that is free here.) */
void out_file_remove_stale(const char *dir, const char *name);

/* The run's ledger of the files it wrote (out_manifest.h): dir/.omnisim-run.PID, one line
 * per committed file, kept by this process while it writes the directory. Writes the
 * ledger's path into buf (SIM_OK) or SIM_EIO when it does not fit. */
sim_status out_file_ledger_path(char *buf, size_t n, const char *dir);
/* Note that `path` (DIR/NAME) was just committed: when this process keeps a ledger for DIR,
 * append NAME to it. No ledger: nothing. out_file_commit and plot_end call it; a writer that
 * renames its own files must too. Never fails the write: a ledger that cannot
 * be appended to leaves the run without a manifest (out_manifest_finish reports it). */
void out_file_note(const char *path);
/* Staging (out_manifest.h): while this process keeps a ledger for DIR, every file it commits
 * for DIR goes into the hidden stage DIR/.omnisim-stage.PID instead, and out_manifest_finish
 * swaps the stage into DIR at the end, so that DIR holds the old run whole until then. */
#define OUT_FILE_STAGE_PREFIX ".omnisim-stage."
/* The stage of this process for dir ("dir/.omnisim-stage.PID") into buf: SIM_OK or SIM_EIO
 * when it does not fit. */
sim_status out_file_stage_path(char *buf, size_t n, const char *dir);
/* Where a file for dir is written: this process's stage while it stages dir (path in buf),
 * else dir itself. plot_begin uses it; out_file_begin does. */
const char *out_file_target_dir(const char *dir, char *buf, size_t n);
/* Where a reader finds dir/name: in this process's stage when it stages dir and wrote name
 * there, else dir/name. The report and the charts drawn at the end of a run read the run's
 * own files this way. 0, or -1 when the path does not fit in n bytes. */
int out_file_read_path(char *buf, size_t n, const char *dir, const char *name);

/* A full disk on purpose, for tests: after n more files are committed, the next commit
 * (out_file_commit, plot_end) fails as a full disk does (ENOSPC), and so does every one after
 * it; n < 0 turns it off. The environment variable OMNISIM_FAULT_ENOSPC=N sets it at the
 * first commit (tests/cli/stress.sh, outdir.sh). */
void out_file_fault_inject(long n);
/* Called by each commit: 1 (errno ENOSPC) when the injected full disk is reached, else 0. */
int out_file_fault_check(void);

/* Write `len` bytes of `data` to `dir`/`name` atomically. */
sim_status out_file_write(const char *dir, const char *name, const char *data, size_t len,
                          sim_error *err);

#endif /* OUT_FILE_H */
