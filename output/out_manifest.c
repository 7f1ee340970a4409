/* out_manifest.c -- see out_manifest.h. POSIX: opendir, unlink. */
#define _POSIX_C_SOURCE 200809L
#include "out_manifest.h"

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "out_file.h"
#include "sim_alloc.h"
#include "sim_mpi.h"

#define LEDGER_MAGIC "omnisim-ledger 1"
#define LEDGER_PREFIX ".omnisim-run."
/* In a stage: the old run's manifest, moved there by the swap's first step. */
#define STAGE_PREVIOUS ".previous-manifest.json"
/* Directories this process stages and has not swapped yet: discarded at exit. */
#define STAGES_MAX 8

static void stage_recover(const char *dir);

uint64_t out_manifest_fnv1a64(const void *data, size_t n)
{
    const unsigned char *p = data;
    uint64_t h = UINT64_C(14695981039346656037);
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= UINT64_C(1099511628211);
    }
    return h;
}

/* A value on one ledger line: tabs and line breaks become blanks. */
static void put_value(FILE *fp, const char *key, const char *v)
{
    fprintf(fp, "%s\t", key);
    for (; *v != '\0'; v++)
        fputc(*v == '\t' || *v == '\n' || *v == '\r' ? ' ' : *v, fp);
    fputc('\n', fp);
}

static void put_command(FILE *fp, const char *key, int argc, char *const *argv)
{
    fprintf(fp, "%s\tomnisim", key);
    for (int i = 0; i < argc; i++) {
        fputc(' ', fp);
        for (const char *v = argv[i]; *v != '\0'; v++)
            fputc(*v == '\t' || *v == '\n' || *v == '\r' ? ' ' : *v, fp);
    }
    fputc('\n', fp);
}

static void remove_ledgers(const char *dir)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strncmp(e->d_name, LEDGER_PREFIX, strlen(LEDGER_PREFIX)) != 0)
            continue;
        char path[OUT_FILE_PATH_MAX];
        if (snprintf(path, sizeof path, "%s/%s", dir, e->d_name) < (int)sizeof path)
            unlink(path);
    }
    closedir(d);
}

/* Open a fresh ledger for dir (earlier ledgers removed). */
static sim_status ledger_create(const char *dir, FILE **fp, sim_error *err)
{
    char path[OUT_FILE_PATH_MAX];
    *fp = NULL;
    sim_status st = out_file_mkdir(dir, err);
    if (st != SIM_OK)
        return st;
    if (out_file_ledger_path(path, sizeof path, dir) != SIM_OK)
        return sim_error_set(err, SIM_EIO, "-o", "output path too long");
    stage_recover(dir); /* a run cut short in its swap is completed first */
    remove_ledgers(dir);
    *fp = fopen(path, "w");
    if (*fp == NULL)
        return sim_error_set(err, SIM_EIO, path, "cannot create the run's file list");
    fprintf(*fp, "%s\n", LEDGER_MAGIC);
    return SIM_OK;
}

static sim_status ledger_close(FILE *fp, const char *dir, sim_error *err)
{
    if (fclose(fp) != 0)
        return sim_error_set(err, SIM_EIO, dir, "cannot write the run's file list");
    return SIM_OK;
}

static char *slurp(const char *path, size_t *len);

/* ---- Staging (out_manifest.h, "Staging and the swap") ------------------------------- */

static char open_stages[STAGES_MAX][OUT_FILE_PATH_MAX]; /* the DIRs, "" when free */

/* A file name the swap may move or remove: not hidden, no path in it. */
static int plain_name(const char *name)
{
    return name[0] != '\0' && name[0] != '.' && strchr(name, '/') == NULL;
}

/* Remove every file in directory d (no subdirectories are made there), then d. */
static void remove_tree(const char *d)
{
    DIR *h = opendir(d);
    struct dirent *e;
    while (h != NULL && (e = readdir(h)) != NULL) {
        char path[OUT_FILE_PATH_MAX];
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (snprintf(path, sizeof path, "%s/%s", d, e->d_name) < (int)sizeof path)
            unlink(path);
    }
    if (h != NULL)
        closedir(h);
    rmdir(d);
}

static void stage_forget(const char *dir)
{
    for (size_t i = 0; i < STAGES_MAX; i++)
        if (strcmp(open_stages[i], dir) == 0)
            open_stages[i][0] = '\0';
}

/* At exit: a stage this process did not swap belongs to a failed or interrupted command;
 * it is discarded with its ledger (the directory keeps the old run whole). */
static void discard_open_stages(void)
{
    for (size_t i = 0; i < STAGES_MAX; i++) {
        if (open_stages[i][0] == '\0')
            continue;
        char path[OUT_FILE_PATH_MAX];
        if (out_file_stage_path(path, sizeof path, open_stages[i]) == SIM_OK)
            remove_tree(path);
        if (out_file_ledger_path(path, sizeof path, open_stages[i]) == SIM_OK)
            unlink(path);
        open_stages[i][0] = '\0';
    }
}

/* Make this process's stage for dir (empty) and remember it. */
static sim_status stage_create(const char *dir, sim_error *err)
{
    static int registered;
    if (!registered && atexit(discard_open_stages) == 0)
        registered = 1;
    char path[OUT_FILE_PATH_MAX];
    if (out_file_stage_path(path, sizeof path, dir) != SIM_OK)
        return sim_error_set(err, SIM_EIO, "-o", "output path too long");
    remove_tree(path); /* one left by an earlier process with this PID */
    if (mkdir(path, 0755) != 0)
        return sim_error_set(err, SIM_EIO, "-o", "cannot create '%s': %s", path,
                             strerror(errno));
    stage_forget(dir);
    for (size_t i = 0; i < STAGES_MAX; i++)
        if (open_stages[i][0] == '\0') {
            snprintf(open_stages[i], sizeof open_stages[i], "%s", dir);
            break;
        }
    return SIM_OK;
}

static cJSON *load_manifest(const char *dir, int *exists);

/* 1 when list (a manifest's "files") names `name`. */
static int manifest_lists(const cJSON *m, const char *name)
{
    const cJSON *f;
    cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(m, "files"))
    {
        const cJSON *n = cJSON_GetObjectItemCaseSensitive(f, "name");
        if (cJSON_IsString(n) && strcmp(n->valuestring, name) == 0)
            return 1;
    }
    return 0;
}

/* Swap a ready stage (holding its manifest.json) into dir. Each step can be repeated, so a
 * swap cut short (SIGKILL, power) is completed by running it again (stage_recover):
 *   1. dir/manifest.json (the old run's) moves into the stage as STAGE_PREVIOUS: from here
 *      on the directory has no manifest, and readers refuse it while the ready stage exists;
 *   2. every file of the stage moves into dir (rename: atomic per file, needs no space);
 *   3. the old run's files that the new manifest does not list are removed from dir;
 *   4. the stage's manifest.json moves into dir: the new run is whole;
 *   5. the stage is removed.
 * Files no manifest lists (a user's own) are never touched. */
static sim_status stage_swap(const char *dir, const char *stage, sim_error *err)
{
    char from[OUT_FILE_PATH_MAX + 64], to[OUT_FILE_PATH_MAX + 64];
    char prev[OUT_FILE_PATH_MAX + 64], man[OUT_FILE_PATH_MAX + 64];
    snprintf(prev, sizeof prev, "%s/" STAGE_PREVIOUS, stage);
    snprintf(man, sizeof man, "%s/manifest.json", dir);
    if (access(prev, F_OK) != 0 && access(man, F_OK) == 0 && rename(man, prev) != 0)
        return sim_error_set(err, SIM_EIO, dir, "cannot move the old manifest.json aside: %s",
                             strerror(errno));
    DIR *h = opendir(stage);
    if (h == NULL)
        return sim_error_set(err, SIM_EIO, dir, "cannot read '%s': %s", stage, strerror(errno));
    struct dirent *e;
    int bad = 0;
    while ((e = readdir(h)) != NULL) {
        if (!plain_name(e->d_name) || strcmp(e->d_name, "manifest.json") == 0)
            continue;
        snprintf(from, sizeof from, "%s/%s", stage, e->d_name);
        snprintf(to, sizeof to, "%s/%s", dir, e->d_name);
        if (rename(from, to) != 0)
            bad = errno;
    }
    closedir(h);
    if (bad != 0)
        return sim_error_set(err, SIM_EIO, dir, "cannot move the run's files into place: %s",
                             strerror(bad));
    /* 3: the old run's files the new one does not list */
    size_t len = 0;
    snprintf(from, sizeof from, "%s/manifest.json", stage);
    char *text_new = slurp(from, &len), *text_old = slurp(prev, &len);
    cJSON *m_new = text_new != NULL ? cJSON_Parse(text_new) : NULL;
    cJSON *m_old = text_old != NULL ? cJSON_Parse(text_old) : NULL;
    sim_free(text_new);
    sim_free(text_old);
    const cJSON *f;
    cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(m_old, "files"))
    {
        const cJSON *n = cJSON_GetObjectItemCaseSensitive(f, "name");
        if (m_new != NULL && cJSON_IsString(n) && plain_name(n->valuestring) &&
            strcmp(n->valuestring, "manifest.json") != 0 && !manifest_lists(m_new, n->valuestring)) {
            snprintf(to, sizeof to, "%s/%s", dir, n->valuestring);
            unlink(to);
        }
    }
    cJSON_Delete(m_new);
    cJSON_Delete(m_old);
    /* 4 and 5 */
    if (access(from, F_OK) == 0 && rename(from, man) != 0)
        return sim_error_set(err, SIM_EIO, dir, "cannot move manifest.json into place: %s",
                             strerror(errno));
    remove_tree(stage);
    return SIM_OK;
}

/* The stages left in dir by processes that no longer run: a ready one (its manifest.json
 * written) is swapped in (the run had finished writing), one past step 4 is removed, an
 * unready one is discarded (the old run stays whole). */
static void stage_recover(const char *dir)
{
    DIR *h = opendir(dir);
    if (h == NULL)
        return;
    struct dirent *e;
    size_t pl = strlen(OUT_FILE_STAGE_PREFIX);
    while ((e = readdir(h)) != NULL) {
        if (strncmp(e->d_name, OUT_FILE_STAGE_PREFIX, pl) != 0)
            continue;
        char *end = NULL;
        errno = 0;
        long pid = strtol(e->d_name + pl, &end, 10);
        if (end == e->d_name + pl || *end != '\0' || pid <= 0 || errno != 0)
            continue;
        if ((pid_t)pid != getpid() && (kill((pid_t)pid, 0) == 0 || errno == EPERM))
            continue; /* its writer still runs (it holds the lock: out_dir.h) */
        char stage[OUT_FILE_PATH_MAX], man[OUT_FILE_PATH_MAX + 64];
        sim_error ignored;
        if (snprintf(stage, sizeof stage, "%s/%s", dir, e->d_name) >= (int)sizeof stage)
            continue;
        snprintf(man, sizeof man, "%s/manifest.json", stage);
        if (access(man, F_OK) == 0)
            (void)stage_swap(dir, stage, &ignored);
        else
            remove_tree(stage);
    }
    closedir(h);
}

/* 1 when dir holds a ready stage and no manifest.json: a swap cut short, which the next
 * command writing dir completes. */
static int swap_pending(const char *dir)
{
    char man[OUT_FILE_PATH_MAX + 64];
    snprintf(man, sizeof man, "%s/manifest.json", dir);
    if (access(man, F_OK) == 0)
        return 0;
    DIR *h = opendir(dir);
    if (h == NULL)
        return 0;
    struct dirent *e;
    int pending = 0;
    while (!pending && (e = readdir(h)) != NULL) {
        if (strncmp(e->d_name, OUT_FILE_STAGE_PREFIX, strlen(OUT_FILE_STAGE_PREFIX)) != 0)
            continue;
        char ready[OUT_FILE_PATH_MAX + 300];
        snprintf(ready, sizeof ready, "%s/%s/manifest.json", dir, e->d_name);
        pending = access(ready, F_OK) == 0;
    }
    closedir(h);
    return pending;
}

/* 1 when this process stages dir already (out_manifest_begin earlier, not yet finished). */
static int stage_is_open(const char *dir)
{
    char path[OUT_FILE_PATH_MAX];
    for (size_t i = 0; i < STAGES_MAX; i++)
        if (strcmp(open_stages[i], dir) == 0 &&
            out_file_ledger_path(path, sizeof path, dir) == SIM_OK && access(path, F_OK) == 0)
            return 1;
    return 0;
}

sim_status out_manifest_begin(const char *dir, sim_error *err)
{
    if (!sim_mpi_is_root() || stage_is_open(dir))
        return SIM_OK; /* a second begin of the same run goes on with it */
    FILE *fp;
    sim_status st = ledger_create(dir, &fp, err);
    if (st != SIM_OK)
        return st;
    st = ledger_close(fp, dir, err);
    return st == SIM_OK ? stage_create(dir, err) : st;
}

/* The header lines of a run. */
static void put_run(FILE *fp, const out_manifest_run *run)
{
    put_command(fp, "command", run->argc, run->argv);
    if (run->scenario != NULL)
        put_value(fp, "scenario", run->scenario);
    if (run->scenario_json != NULL)
        fprintf(fp, "scenario_fnv1a64\t%016" PRIx64 "\n",
                out_manifest_fnv1a64(run->scenario_json, strlen(run->scenario_json)));
    fprintf(fp, "seed\t%" PRIu64 "\n", run->seed);
}

/* The bytes of path (NUL-terminated), or NULL. */
static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        return NULL;
    char *d = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (n + 4096 + 1 > cap) {
            size_t nc = cap > 0 ? 2 * cap : 65536;
            char *t = sim_realloc(d, nc);
            if (t == NULL) {
                sim_free(d);
                fclose(fp);
                return NULL;
            }
            d = t;
            cap = nc;
        }
        size_t k = fread(d + n, 1, 4096, fp);
        n += k;
        if (k < 4096)
            break;
    }
    int bad = ferror(fp);
    fclose(fp);
    if (bad) {
        sim_free(d);
        return NULL;
    }
    d[n] = '\0';
    *len = n;
    return d;
}

static cJSON *load_manifest(const char *dir, int *exists)
{
    char path[OUT_FILE_PATH_MAX];
    *exists = 0;
    if (snprintf(path, sizeof path, "%s/manifest.json", dir) >= (int)sizeof path)
        return NULL;
    size_t len = 0;
    char *text = slurp(path, &len);
    if (text == NULL)
        return NULL;
    *exists = 1;
    cJSON *m = cJSON_Parse(text);
    sim_free(text);
    if (m != NULL && !cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(m, "files"))) {
        cJSON_Delete(m);
        m = NULL;
    }
    return m;
}

/* A directory without a manifest (written before manifests, or by hand): every file in it
 * (not hidden) is taken as the run's, as readers did before. */
static sim_status reopen_unlisted(const char *dir, int argc, char *const *argv, sim_error *err)
{
    FILE *fp;
    sim_status st = ledger_create(dir, &fp, err);
    if (st != SIM_OK)
        return st;
    put_command(fp, "redrawn_by", argc, argv);
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d != NULL && (e = readdir(d)) != NULL) {
        char path[OUT_FILE_PATH_MAX];
        struct stat sb;
        if (e->d_name[0] == '.' || strcmp(e->d_name, "manifest.json") == 0 ||
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name) >= (int)sizeof path ||
            stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
            continue;
        put_value(fp, "file", e->d_name);
    }
    if (d != NULL)
        closedir(d);
    return ledger_close(fp, dir, err);
}

sim_status out_manifest_reopen(const char *dir, int argc, char *const *argv, sim_error *err)
{
    if (!sim_mpi_is_root())
        return SIM_OK;
    stage_recover(dir); /* a run cut short in its swap is completed first */
    int exists = 0;
    cJSON *m = load_manifest(dir, &exists);
    if (m == NULL) {
        if (exists)
            return sim_error_set(err, SIM_EPARSE, "manifest.json", "%s/manifest.json is not "
                                 "an omnisim manifest", dir);
        sim_status su = reopen_unlisted(dir, argc, argv, err);
        return su == SIM_OK ? stage_create(dir, err) : su;
    }
    FILE *fp;
    sim_status st = ledger_create(dir, &fp, err);
    if (st != SIM_OK) {
        cJSON_Delete(m);
        return st;
    }
    static const char *const keys[] = {"command", "scenario", "scenario_fnv1a64"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(m, keys[i]);
        if (cJSON_IsString(v))
            put_value(fp, keys[i], v->valuestring);
    }
    const cJSON *seed = cJSON_GetObjectItemCaseSensitive(m, "seed");
    if (cJSON_IsString(seed))
        put_value(fp, "seed", seed->valuestring);
    else if (cJSON_IsNumber(seed))
        fprintf(fp, "seed\t%.0f\n", seed->valuedouble);
    put_command(fp, "redrawn_by", argc, argv);
    const cJSON *f;
    cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(m, "files"))
    {
        const cJSON *name = cJSON_GetObjectItemCaseSensitive(f, "name");
        if (cJSON_IsString(name))
            put_value(fp, "file", name->valuestring);
    }
    cJSON_Delete(m);
    st = ledger_close(fp, dir, err);
    return st == SIM_OK ? stage_create(dir, err) : st;
}

/* The ledger's lines, split in place: key[i] TAB value[i]. */
typedef struct ledger {
    char *text;
    char **key, **value;
    size_t n;
} ledger;

static void ledger_free(ledger *l)
{
    sim_free(l->text);
    sim_free(l->key);
    sim_free(l->value);
    memset(l, 0, sizeof *l);
}

/* Read this process's ledger for dir: SIM_OK, SIM_ESTATE when there is none, SIM_ENOMEM. */
static sim_status ledger_read(const char *dir, ledger *l)
{
    memset(l, 0, sizeof *l);
    char path[OUT_FILE_PATH_MAX];
    if (out_file_ledger_path(path, sizeof path, dir) != SIM_OK)
        return SIM_ESTATE;
    size_t len = 0;
    l->text = slurp(path, &len);
    if (l->text == NULL)
        return access(path, F_OK) == 0 ? SIM_ENOMEM : SIM_ESTATE;
    if (strncmp(l->text, LEDGER_MAGIC "\n", strlen(LEDGER_MAGIC) + 1) != 0) {
        ledger_free(l);
        return SIM_ESTATE;
    }
    size_t lines = 0;
    for (size_t i = 0; i < len; i++)
        lines += l->text[i] == '\n';
    l->key = sim_malloc((lines + 1) * sizeof *l->key);
    l->value = sim_malloc((lines + 1) * sizeof *l->value);
    if (l->key == NULL || l->value == NULL) {
        ledger_free(l);
        return SIM_ENOMEM;
    }
    char *s = l->text + strlen(LEDGER_MAGIC) + 1;
    while (*s != '\0') {
        char *nl = strchr(s, '\n');
        if (nl == NULL) /* a line cut off by a crash: not part of the run */
            break;
        *nl = '\0';
        char *tab = strchr(s, '\t');
        if (tab != NULL) {
            *tab = '\0';
            l->key[l->n] = s;
            l->value[l->n] = tab + 1;
            l->n++;
        }
        s = nl + 1;
    }
    return SIM_OK;
}

/* Does value v occur as a file before line i? */
static int seen_before(const ledger *l, size_t i)
{
    for (size_t j = 0; j < i; j++)
        if (strcmp(l->key[j], "file") == 0 && strcmp(l->value[j], l->value[i]) == 0)
            return 1;
    return 0;
}

static int is_file_line(const ledger *l, size_t i)
{
    return strcmp(l->key[i], "file") == 0 && strcmp(l->value[i], "manifest.json") != 0 &&
           !seen_before(l, i);
}

sim_status out_manifest_finish(const char *dir, const out_manifest_run *run, sim_error *err)
{
    if (!sim_mpi_is_root())
        return SIM_OK;
    if (run != NULL) {
        /* The header goes into the ledger first, so one reader below builds the manifest. */
        char path[OUT_FILE_PATH_MAX];
        FILE *fp = NULL;
        if (out_file_ledger_path(path, sizeof path, dir) == SIM_OK && access(path, F_OK) == 0)
            fp = fopen(path, "a");
        if (fp == NULL)
            return sim_error_set(err, SIM_ESTATE, dir, "no run is writing %s", dir);
        put_run(fp, run);
        if (fclose(fp) != 0)
            return sim_error_set(err, SIM_EIO, dir, "cannot write the run's file list");
    }
    ledger l;
    sim_status st = ledger_read(dir, &l);
    if (st == SIM_ESTATE)
        return sim_error_set(err, SIM_ESTATE, dir, "no run is writing %s", dir);
    if (st != SIM_OK)
        return sim_error_set(err, st, dir, "out of memory");
    cJSON *m = cJSON_CreateObject();
    cJSON *files = NULL;
    int bad = m == NULL ||
              cJSON_AddStringToObject(m, "omnisim_version", OMNISIM_VERSION) == NULL;
    static const char *const keys[] = {"command", "redrawn_by", "scenario",
                                       "scenario_fnv1a64"};
    for (size_t k = 0; !bad && k < sizeof keys / sizeof keys[0]; k++) {
        const char *v = NULL;
        for (size_t i = 0; i < l.n; i++)
            if (strcmp(l.key[i], keys[k]) == 0)
                v = l.value[i];
        if (v != NULL)
            bad |= cJSON_AddStringToObject(m, keys[k], v) == NULL;
        else if (k != 1)
            bad |= cJSON_AddNullToObject(m, keys[k]) == NULL;
    }
    const char *seed = NULL;
    for (size_t i = 0; i < l.n; i++)
        if (strcmp(l.key[i], "seed") == 0 && strspn(l.value[i], "0123456789") ==
                                                 strlen(l.value[i]) && l.value[i][0] != '\0')
            seed = l.value[i];
    /* Raw digits: a 64-bit seed does not survive a double. */
    if (!bad)
        bad |= (seed != NULL ? cJSON_AddRawToObject(m, "seed", seed)
                             : cJSON_AddNullToObject(m, "seed")) == NULL;
    if (!bad)
        files = cJSON_AddArrayToObject(m, "files");
    bad |= files == NULL;
    for (size_t i = 0; !bad && i < l.n; i++) {
        if (!is_file_line(&l, i))
            continue;
        char path[OUT_FILE_PATH_MAX];
        size_t len = 0;
        char *d = NULL;
        if (out_file_read_path(path, sizeof path, dir, l.value[i]) == 0)
            d = slurp(path, &len);
        if (d == NULL) /* listed but gone (removed since): not part of the run any more */
            continue;
        char hex[17];
        snprintf(hex, sizeof hex, "%016" PRIx64, out_manifest_fnv1a64(d, len));
        sim_free(d);
        cJSON *f = cJSON_CreateObject();
        bad |= f == NULL || !cJSON_AddItemToArray(files, f);
        bad |= bad || cJSON_AddStringToObject(f, "name", l.value[i]) == NULL;
        bad |= bad || cJSON_AddNumberToObject(f, "bytes", (double)len) == NULL;
        bad |= bad || cJSON_AddStringToObject(f, "fnv1a64", hex) == NULL;
    }
    ledger_free(&l);
    char ledger_path[OUT_FILE_PATH_MAX];
    if (!bad && cJSON_GetArraySize(files) == 0) {
        /* The run wrote nothing (a failed `omnisim plot` of an empty directory): no
         * manifest describes an empty run. */
        cJSON_Delete(m);
        if (out_file_ledger_path(ledger_path, sizeof ledger_path, dir) == SIM_OK)
            unlink(ledger_path);
        char stage[OUT_FILE_PATH_MAX];
        if (out_file_stage_path(stage, sizeof stage, dir) == SIM_OK)
            remove_tree(stage);
        stage_forget(dir);
        return SIM_OK;
    }
    char *text = bad ? NULL : cJSON_Print(m);
    cJSON_Delete(m);
    if (text == NULL)
        return sim_error_set(err, SIM_ENOMEM, "manifest.json", "out of memory");
    size_t tl = strlen(text);
    char *out = sim_malloc(tl + 2);
    if (out == NULL) {
        cJSON_free(text);
        return sim_error_set(err, SIM_ENOMEM, "manifest.json", "out of memory");
    }
    memcpy(out, text, tl);
    out[tl] = '\n';
    out[tl + 1] = '\0';
    cJSON_free(text);
    /* written into the stage (out_file.h): the stage is now ready, then swapped in */
    st = out_file_write(dir, "manifest.json", out, tl + 1, err);
    sim_free(out);
    char stage[OUT_FILE_PATH_MAX];
    if (st == SIM_OK && out_file_stage_path(stage, sizeof stage, dir) == SIM_OK) {
        struct stat sb;
        if (stat(stage, &sb) == 0 && S_ISDIR(sb.st_mode))
            st = stage_swap(dir, stage, err);
    }
    if (st != SIM_OK)
        return st; /* the ledger and stage stay: at exit, or by the next command, resolved */
    stage_forget(dir);
    if (out_file_ledger_path(ledger_path, sizeof ledger_path, dir) == SIM_OK)
        unlink(ledger_path);
    return st;
}

static sim_status list_add(out_manifest_list *l, const char *name)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->names[i], name) == 0)
            return SIM_OK;
    char **t = sim_realloc(l->names, (l->n + 1) * sizeof *t);
    if (t == NULL)
        return SIM_ENOMEM;
    l->names = t;
    size_t len = strlen(name);
    l->names[l->n] = sim_malloc(len + 1);
    if (l->names[l->n] == NULL)
        return SIM_ENOMEM;
    memcpy(l->names[l->n], name, len + 1);
    l->n++;
    return SIM_OK;
}

sim_status out_manifest_files(const char *dir, out_manifest_list *l, sim_error *err)
{
    memset(l, 0, sizeof *l);
    ledger g;
    sim_status st = ledger_read(dir, &g);
    if (st == SIM_OK) {
        l->listed = 1;
        for (size_t i = 0; st == SIM_OK && i < g.n; i++)
            if (strcmp(g.key[i], "file") == 0)
                st = list_add(l, g.value[i]);
        ledger_free(&g);
    } else if (st == SIM_ESTATE) {
        if (swap_pending(dir))
            return sim_error_set(err, SIM_EIO, "manifest.json",
                                 "%s holds a run whose writing was cut short while its files "
                                 "were moved into place; any omnisim command writing -o %s "
                                 "completes it", dir, dir);
        int exists = 0;
        cJSON *m = load_manifest(dir, &exists);
        st = SIM_OK;
        if (m == NULL && exists)
            return sim_error_set(err, SIM_EPARSE, "manifest.json",
                                 "%s/manifest.json is not an omnisim manifest", dir);
        if (m != NULL) {
            l->listed = 1;
            const cJSON *f;
            cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(m, "files"))
            {
                const cJSON *name = cJSON_GetObjectItemCaseSensitive(f, "name");
                if (st == SIM_OK && cJSON_IsString(name))
                    st = list_add(l, name->valuestring);
            }
            cJSON_Delete(m);
        }
    }
    if (st != SIM_OK) {
        out_manifest_list_free(l);
        return sim_error_set(err, SIM_ENOMEM, dir, "out of memory");
    }
    return SIM_OK;
}

void out_manifest_list_free(out_manifest_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        sim_free(l->names[i]);
    sim_free(l->names);
    memset(l, 0, sizeof *l);
}

int out_manifest_has(const out_manifest_list *l, const char *name)
{
    if (!l->listed)
        return 1;
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->names[i], name) == 0)
            return 1;
    return 0;
}

int out_manifest_in_run(const char *dir, const char *name)
{
    out_manifest_list l;
    sim_error err;
    if (out_manifest_files(dir, &l, &err) != SIM_OK)
        return 0;
    int has = out_manifest_has(&l, name);
    out_manifest_list_free(&l);
    return has;
}

void out_manifest_scenario(const char *dir, char *buf, size_t n)
{
    if (n == 0)
        return;
    buf[0] = '\0';
    ledger g;
    if (ledger_read(dir, &g) == SIM_OK) {
        for (size_t i = 0; i < g.n; i++)
            if (strcmp(g.key[i], "scenario") == 0)
                snprintf(buf, n, "%s", g.value[i]);
        ledger_free(&g);
        return;
    }
    int exists = 0;
    cJSON *m = load_manifest(dir, &exists);
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(m, "scenario");
    if (cJSON_IsString(v))
        snprintf(buf, n, "%s", v->valuestring);
    cJSON_Delete(m);
}
