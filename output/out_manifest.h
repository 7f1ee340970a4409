/* out_manifest.h -- manifest.json: what run an output directory holds, written last.
 *
 * What it is: a directory holds one whole run. A command that writes a directory opens a
 * ledger and a stage for it (out_manifest_begin: the hidden DIR/.omnisim-run.PID with the
 * command line, scenario, hash and seed, and the hidden directory DIR/.omnisim-stage.PID);
 * every file it then commits through out_file.h or plot.h goes into the stage and is noted
 * in the ledger (out_file_note), so the directory keeps the old run whole meanwhile. After
 * its last file the command calls out_manifest_finish: manifest.json (the command line,
 * scenario, hash, seed, version and every file with its size and FNV-1a hash) is written
 * into the stage, which makes the stage ready, and the stage is swapped in (out_manifest.c,
 * stage_swap: old manifest aside, new files in, the old run's other files out, new
 * manifest in, stage removed; each step can be repeated). `omnisim plot DIR` extends the run
 * instead (out_manifest_reopen): the run's header and files are kept and the charts and
 * report it draws are added.
 *
 * Readers (report.h, plot_charts.h) use only the files the run lists (out_manifest_files)
 * and find them with out_file_read_path: the ledger and stage of their own process while a
 * run writes (the report at the end of `omnisim run`), else manifest.json; a directory with
 * neither (written before manifests, or a fixture a test made by hand) lists nothing and
 * every file is read, as before; a directory whose swap was cut short is refused.
 *
 * A command that fails or is interrupted discards its stage at exit; one killed leaves it,
 * and the next out_manifest_begin or _reopen in the directory completes a ready stage's swap
 * and removes an unready one (and every ledger left there). docs/outputs.md has the cases.
 *
 * What it is not: a lock (out_dir.h keeps a second command out of the directory) or
 * a cryptographic seal (FNV-1a tells which bytes a run wrote, not who wrote them).
 * Under MPI only rank 0 keeps a ledger and writes the manifest (out_file.h).
 */
#ifndef OUT_MANIFEST_H
#define OUT_MANIFEST_H

#include <stddef.h>
#include <stdint.h>

#include "sim_error.h"

/* FNV-1a, 64 bits, over n bytes (Fowler, Noll, Vo; offset basis 14695981039346656037,
 * prime 1099511628211). Hand-written: none of our libraries offers a hash, and an identity
 * check of files and scenarios needs no cryptographic one. */
uint64_t out_manifest_fnv1a64(const void *data, size_t n);

/* What run wrote a directory: the command line (argv[0..argc-1] as typed after "omnisim"),
 * the scenario's name and merged JSON text (NULL: none, e.g. `run --mmc`) and the seed. */
typedef struct out_manifest_run {
    int argc;
    char *const *argv;
    const char *scenario;
    const char *scenario_json;
    uint64_t seed;
} out_manifest_run;

/* Open a fresh ledger and stage for `dir` (created with its parents) before a command's
 * first file: a swap an earlier process left cut short is completed, its unready stages and
 * its ledgers are removed. Called again for a dir this process stages: nothing (the run goes
 * on). SIM_OK or SIM_EIO. */
sim_status out_manifest_begin(const char *dir, sim_error *err);

/* Open this process's ledger for `dir` as a continuation of the run its manifest.json
 * describes (its header and files are carried over; `argc/argv` are recorded as
 * `redrawn_by`). Without a manifest.json it is out_manifest_begin. SIM_OK or SIM_EIO (also
 * when manifest.json is not a manifest). */
sim_status out_manifest_reopen(const char *dir, int argc, char *const *argv, sim_error *err);

/* Write dir/manifest.json from this process's ledger and remove the ledger; the header
 * comes from `run`, or when run is NULL from the ledger (out_manifest_reopen). SIM_OK;
 * SIM_ESTATE when no ledger is open for dir; SIM_EIO; SIM_ENOMEM. */
sim_status out_manifest_finish(const char *dir, const out_manifest_run *run, sim_error *err);

/* The files of the run a directory holds. */
typedef struct out_manifest_list {
    int listed;   /* 1: a ledger or manifest says which files; 0: none, every file counts */
    char **names; /* owned */
    size_t n;
} out_manifest_list;

/* Fill *l for dir (see the header comment). SIM_OK (also when nothing is listed), SIM_EIO
 * when manifest.json exists but is not a manifest, SIM_ENOMEM. Free with
 * out_manifest_list_free. */
sim_status out_manifest_files(const char *dir, out_manifest_list *l, sim_error *err);
void out_manifest_list_free(out_manifest_list *l);
/* 1 when `name` belongs to the run: listed, or nothing is listed. */
int out_manifest_has(const out_manifest_list *l, const char *name);

/* 1 when dir/name belongs to the run dir holds (out_manifest_files + out_manifest_has; 0
 * also when the list cannot be read). Reads the list each time: for a few files. */
int out_manifest_in_run(const char *dir, const char *name);

/* The scenario name of the run dir holds (ledger, else manifest.json) into buf; "" when
 * none is recorded. */
void out_manifest_scenario(const char *dir, char *buf, size_t n);

#endif /* OUT_MANIFEST_H */
