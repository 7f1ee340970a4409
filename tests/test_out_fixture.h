/* test_out_fixture.h -- a small generated output directory for the output modules' tests.
 *
 * A two-channel scenario (voice with hopping to chat) is loaded from a JSON string by the
 * real loader, run for three replications with a fixed seed, and written the way `omnisim
 * run` writes it (summary.json, kpis/channels/segments/intervals/pools/flows.csv through
 * out_file), into a fresh directory under /tmp. Helpers to read files, count directory
 * entries and remove the directory come with it. Header-only: each test program includes it
 * once.
 */
#ifndef TEST_OUT_FIXTURE_H
#define TEST_OUT_FIXTURE_H

#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "cc_model.h"
#include "cc_result.h"
#include "out_csv.h"
#include "out_file.h"
#include "out_json.h"
#include "scenario.h"
#include "scenario_load.h"
#include "sim_alloc.h"
#include "test_scenario_util.h"

#define FIX_REPS 3

static const char fix_json[] =
    "{\"name\": \"fixture\", \"description\": \"generated for the output tests\","
    " \"horizon_days\": 1, \"seed\": 11, \"replications\": 3,"
    " \"channels\": ["
    "  {\"name\": \"phone\", \"kind\": \"voice\", \"handle_time\": {\"mean_s\": 300},"
    "   \"patience\": {\"mean_s\": 60}, \"daily_volume\": 600, \"agents\": 2},"
    "  {\"name\": \"chat\", \"kind\": \"chat\", \"handle_time\": {\"mean_s\": 400},"
    "   \"daily_volume\": 100, \"agents\": 2}],"
    " \"hopping\": [{\"outcome\": \"abandoned\", \"to\": {\"chat\": 1},"
    "   \"delay\": {\"mean_s\": 60}}]}";

typedef struct fix_run {
    scenario *scn;
    cc_rep reps[FIX_REPS];
    cc_summary *sum;
} fix_run;

static inline scenario *fix_load(const char *json)
{
    return test_scenario_load(json);
}

static inline void fix_run_init(fix_run *r)
{
    memset(r, 0, sizeof *r);
    r->scn = fix_load(fix_json);
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(cc_model_run_replications(r->scn, NULL, FIX_REPS, 1, NULL, NULL, NULL,
                                               r->reps, &err),
                     SIM_OK);
    r->sum = cc_summary_new(r->reps, FIX_REPS, r->scn, 0.95, &err);
    assert_non_null(r->sum);
}

static inline void fix_run_fini(fix_run *r)
{
    cc_summary_free(r->sum);
    for (size_t i = 0; i < FIX_REPS; i++)
        cc_rep_fini(&r->reps[i]);
    scenario_free(r->scn);
}

/* A fresh empty directory /tmp/omnisim-TAG-XXXXXX; the path is written into buf. */
static inline void fix_tmpdir(char *buf, size_t n, const char *tag)
{
    snprintf(buf, n, "/tmp/omnisim-%s-XXXXXX", tag);
    assert_non_null(mkdtemp(buf));
}

/* Remove dir and everything in it (one level of subdirectories is enough here). */
static inline void fix_rmdir(const char *dir)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char p[4096];
        int k = snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        if (k < 0 || (size_t)k >= sizeof p)
            continue;
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
            fix_rmdir(p);
        else
            unlink(p);
    }
    closedir(d);
    rmdir(dir);
}

/* Number of entries in dir (without . and ..), and of those whose name starts with '.'. */
static inline size_t fix_count(const char *dir, size_t *hidden)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    size_t n = 0, h = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        n++;
        h += e->d_name[0] == '.';
    }
    closedir(d);
    if (hidden != NULL)
        *hidden = h;
    return n;
}

/* The whole of dir/name (NUL-terminated, malloc'd; the caller frees), or NULL. */
static inline char *fix_read(const char *dir, const char *name, size_t *len)
{
    char p[4096];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *fp = fopen(p, "rb");
    if (fp == NULL)
        return NULL;
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    size_t got = fread(buf, 1, (size_t)n, fp);
    fclose(fp);
    buf[got] = '\0';
    if (len != NULL)
        *len = got;
    return buf;
}

static inline void fix_write_text(const char *dir, const char *name, const char *text)
{
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(out_file_write(dir, name, text, strlen(text), &err), SIM_OK);
}

typedef int (*fix_csv_fn)(FILE *fp, const fix_run *r);
static inline int fix_kpis(FILE *fp, const fix_run *r) { return out_csv_kpis(fp, r->sum); }
static inline int fix_channels(FILE *fp, const fix_run *r)
{
    return out_csv_channels(fp, r->sum, r->scn);
}
static inline int fix_segments(FILE *fp, const fix_run *r)
{
    return out_csv_segments(fp, r->sum, r->scn);
}
static inline int fix_intervals(FILE *fp, const fix_run *r)
{
    return out_csv_intervals(fp, r->sum, r->scn);
}
static inline int fix_pools(FILE *fp, const fix_run *r)
{
    return out_csv_pools(fp, r->reps, FIX_REPS, r->scn, 0.95);
}
static inline int fix_flows(FILE *fp, const fix_run *r)
{
    return out_csv_flows(fp, r->reps, FIX_REPS, r->scn, 0.95);
}

static inline void fix_write_csv(const char *dir, const char *name, fix_csv_fn fn,
                                 const fix_run *r)
{
    out_file_tx tx;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(out_file_begin(&tx, dir, name, &err), SIM_OK);
    assert_int_equal(fn(tx.fp, r), 0);
    assert_int_equal(out_file_commit(&tx, &err), SIM_OK);
}

/* Write every file of a run into dir, as `omnisim run` does. */
static inline void fix_write_run(const char *dir, const fix_run *r)
{
    out_json_info info;
    memset(&info, 0, sizeof info);
    info.model = "contact-center";
    info.scenario = r->scn->name;
    info.source = "<test>";
    info.seed = 11;
    info.horizon_days = 1;
    info.interval_s = 900;
    char *json = out_json_summary(&info, r->sum, r->reps, r->scn);
    assert_non_null(json);
    fix_write_text(dir, "summary.json", json);
    sim_free(json);
    fix_write_csv(dir, "kpis.csv", fix_kpis, r);
    fix_write_csv(dir, "channels.csv", fix_channels, r);
    fix_write_csv(dir, "segments.csv", fix_segments, r);
    fix_write_csv(dir, "intervals.csv", fix_intervals, r);
    fix_write_csv(dir, "pools.csv", fix_pools, r);
    fix_write_csv(dir, "flows.csv", fix_flows, r);
}

/* The fixture run into r and written, as `omnisim run` writes it, into a fresh directory
 * /tmp/omnisim-TAG-XXXXXX (its path into dir); fix_done removes both. */
static inline void fix_run_dir(fix_run *r, char *dir, size_t n, const char *tag)
{
    fix_run_init(r);
    fix_tmpdir(dir, n, tag);
    fix_write_run(dir, r);
}

static inline void fix_done(fix_run *r, const char *dir)
{
    fix_rmdir(dir);
    fix_run_fini(r);
}

#endif /* TEST_OUT_FIXTURE_H */
