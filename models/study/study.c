/* study.c -- see study.h. */
#include "study.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "limits_run.h"
#include "sim_alloc.h"
#include "sim_buf.h"
#include "sim_assert.h"
#include "sim_runner.h"
#include "sim_tally.h"

/* One replication's KPI vector, stored by task index until the batch is merged. */
typedef struct study_task_out {
    size_t n;
    uint64_t names_hash;             /* FNV-1a of the names: checks every replication's list */
    char (*names)[CC_KPI_NAME_MAX];  /* kept only for the first replication of a variant in
                                        the batch (128 bytes x KPIs x tasks would dominate a
                                        large sweep's memory) */
    double *values;
} study_task_out;

/* FNV-1a (64-bit) over the names' text, NUL included. */
static uint64_t names_hash(const char (*names)[CC_KPI_NAME_MAX], size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t k = 0; k < n; k++) {
        for (const char *c = names[k];; c++) {
            h = (h ^ (unsigned char)*c) * 0x100000001b3ull;
            if (*c == '\0')
                break;
        }
    }
    return h;
}

typedef struct study_batch {
    const scenario *const *variants;
    const uint64_t *seeds;
    size_t n_reps;
    uint64_t first_rep;
    const study_options *opts;
    size_t max_in_system; /* opts->max_in_system, or the default resolved for the run */
    study_task_out *out; /* [n_variants * n_reps] */
} study_batch;

void study_options_default(study_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->threads = 1;
    opts->intervals = CC_INTERVALS_HORIZON;
}

void study_sample_init(study_sample *s)
{
    memset(s, 0, sizeof *s);
}

void study_sample_fini(study_sample *s)
{
    if (s == NULL)
        return;
    sim_free(s->names);
    sim_free(s->values);
    memset(s, 0, sizeof *s);
}

size_t study_sample_find(const study_sample *s, const char *name)
{
    for (size_t k = 0; k < s->n_kpis; k++) {
        if (strcmp(s->names[k], name) == 0)
            return k;
    }
    return SIZE_MAX;
}

static double kpi_value(const cc_kpis *k, const char *name)
{
    for (size_t i = 0; i < k->n; i++) {
        if (strcmp(k->names[i], name) == 0)
            return k->values[i];
    }
    return (double)NAN;
}

static sim_status study_task(void *vctx, size_t index, sim_error *err)
{
    study_batch *b = vctx;
    size_t v = index / b->n_reps;
    uint64_t r = b->first_rep + (uint64_t)(index % b->n_reps);
    const scenario *scn = b->variants[v];
    cc_options copts;
    cc_options_default(&copts);
    copts.intervals = b->opts->intervals;
    copts.use_seed = 1;
    copts.seed_override = b->seeds != NULL ? b->seeds[v] : scn->seed;
    copts.interrupted = b->opts->interrupted;
    copts.max_in_system = b->max_in_system;

    cc_rep rep;
    memset(&rep, 0, sizeof rep);
    cc_kpis k;
    memset(&k, 0, sizeof k);
    char (*hook_names)[CC_KPI_NAME_MAX] = NULL;
    double *hook_values = NULL;
    size_t n_hook = 0;
    sim_status st = cc_model_run(scn, &copts, r, &rep, err);
    if (st == SIM_OK && b->opts->on_rep != NULL)
        st = b->opts->on_rep(b->opts->on_rep_ctx, v, r, &rep, err);
    if (st == SIM_OK)
        st = cc_kpis_from_rep(&k, &rep, scn, err);
    if (st == SIM_OK && b->opts->hook != NULL) {
        hook_names = sim_calloc(STUDY_HOOK_MAX, sizeof *hook_names);
        hook_values = sim_calloc(STUDY_HOOK_MAX, sizeof *hook_values);
        if (hook_names == NULL || hook_values == NULL)
            st = sim_error_set(err, SIM_ENOMEM, NULL, "out of memory for hook KPIs");
        else
            st = b->opts->hook(b->opts->hook_ctx, scn, &rep, hook_names, hook_values,
                               STUDY_HOOK_MAX, &n_hook, err);
        if (st == SIM_OK && n_hook > STUDY_HOOK_MAX)
            st = sim_error_set(err, SIM_ESTATE, NULL, "KPI hook returned too many KPIs");
    }
    char (*names)[CC_KPI_NAME_MAX] = NULL;
    if (st == SIM_OK) {
        study_task_out *o = &b->out[index];
        o->n = k.n + 1 + n_hook;
        names = sim_calloc(o->n, sizeof *names);
        o->values = sim_calloc(o->n, sizeof *o->values);
        if (names == NULL || o->values == NULL) {
            st = sim_error_set(err, SIM_ENOMEM, NULL, "out of memory for KPIs");
        } else {
            o->names = names;
            memcpy(o->names, k.names, k.n * sizeof *o->names);
            memcpy(o->values, k.values, k.n * sizeof *o->values);
            /* Customer effort: see study.h for the definition and its units. */
            strcpy(o->names[k.n], "effort.score");
            o->values[k.n] = kpi_value(&k, "needs.contacts_per_resolved_need") +
                             (kpi_value(&k, "needs.channels_per_ended_need") - 1.0) +
                             kpi_value(&k, "needs.time_to_resolution_s") / 86400.0;
            if (n_hook > 0) {
                memcpy(o->names + k.n + 1, hook_names, n_hook * sizeof *o->names);
                memcpy(o->values + k.n + 1, hook_values, n_hook * sizeof *o->values);
            }
            o->names_hash = names_hash((const char (*)[CC_KPI_NAME_MAX])o->names, o->n);
            if (index % b->n_reps != 0) {
                o->names = NULL;
                sim_free(names);
            }
        }
    }
    sim_free(hook_names);
    sim_free(hook_values);
    cc_kpis_fini(&k);
    cc_rep_fini(&rep);
    return st;
}

/* Append one replication's vector to s (names fixed by the first). */
static sim_status sample_append(study_sample *s, const study_task_out *o, sim_error *err)
{
    if (s->names == NULL) {
        SIM_ASSERT(o->names != NULL, "the first replication of a variant keeps its names");
        s->names = sim_calloc(o->n, sizeof *s->names);
        if (s->names == NULL)
            return sim_error_set(err, SIM_ENOMEM, NULL, "out of memory for KPI names");
        memcpy(s->names, o->names, o->n * sizeof *s->names);
        s->n_kpis = o->n;
    } else if (o->n != s->n_kpis ||
               o->names_hash != names_hash((const char (*)[CC_KPI_NAME_MAX])s->names,
                                           s->n_kpis)) {
        return sim_error_set(err, SIM_ESTATE, NULL,
                             "replications of one variant gave different KPI lists");
    }
    if (s->n_reps == s->cap_reps) {
        size_t cap = s->cap_reps < 8 ? 16 : 2 * s->cap_reps;
        double *nv = sim_realloc_array(s->values, cap * s->n_kpis, sizeof *nv);
        if (nv == NULL)
            return sim_error_set(err, SIM_ENOMEM, NULL, "out of memory for KPI values");
        s->values = nv;
        s->cap_reps = cap;
    }
    memcpy(s->values + s->n_reps * s->n_kpis, o->values, s->n_kpis * sizeof *s->values);
    s->n_reps++;
    return SIM_OK;
}

/* MPI exchange of one task's KPI vector (sim_mpi.h): count, hash, values, and the names when
 * this task keeps them. */
static void study_pack(void *vctx, size_t index, sim_buf *buf)
{
    const study_batch *b = vctx;
    const study_task_out *o = &b->out[index];
    sim_buf_put_u64(buf, (uint64_t)o->n);
    sim_buf_put_u64(buf, o->names_hash);
    sim_buf_put_u64(buf, o->names != NULL);
    if (o->names != NULL)
        sim_buf_put_bytes(buf, o->names, o->n * sizeof *o->names);
    sim_buf_put_bytes(buf, o->values, o->n * sizeof *o->values);
}

static sim_status study_unpack(void *vctx, size_t index, sim_buf_reader *r, sim_error *err)
{
    study_batch *b = vctx;
    study_task_out *o = &b->out[index];
    uint64_t n = sim_buf_get_u64(r), hash = sim_buf_get_u64(r), has_names = sim_buf_get_u64(r);
    if (r->failed || n == 0 || n > (r->len - r->pos) / sizeof(double))
        return sim_error_set(err, SIM_EIO, "mpi", "malformed KPI vector for task %zu", index);
    o->n = (size_t)n;
    o->names_hash = hash;
    o->values = sim_calloc(o->n, sizeof *o->values);
    if (has_names)
        o->names = sim_calloc(o->n, sizeof *o->names);
    if (o->values == NULL || (has_names && o->names == NULL))
        return sim_error_set(err, SIM_ENOMEM, "mpi", "out of memory receiving KPIs");
    if (has_names)
        sim_buf_get_bytes(r, o->names, o->n * sizeof *o->names);
    sim_buf_get_bytes(r, o->values, o->n * sizeof *o->values);
    if (r->failed || r->pos != r->len)
        return sim_error_set(err, SIM_EIO, "mpi", "malformed KPI vector for task %zu", index);
    return SIM_OK;
}

sim_status study_run(study_sample *samples, const scenario *const *variants,
                     const uint64_t *seeds, size_t n_variants, uint64_t first_rep,
                     size_t n_reps, const study_options *opts, sim_error *err)
{
    study_options dflt;
    if (opts == NULL) {
        study_options_default(&dflt);
        opts = &dflt;
    }
    if (n_variants == 0 || n_reps == 0)
        return SIM_OK;
    if (n_reps > SIZE_MAX / n_variants)
        return sim_error_set(err, SIM_ELIMIT, NULL, "too many replications");
    size_t n_tasks = n_variants * n_reps;
    size_t at_once = opts->threads > 1 ? (size_t)opts->threads : 1;
    limits_run_caps caps;
    limits_run_caps_default(&caps);
    caps.max_in_system = opts->max_in_system > 0
                             ? (double)opts->max_in_system
                             : (double)limits_run_in_system_default(at_once < n_tasks ? at_once
                                                                                      : n_tasks);
    /* Refuse absurd runs before any work (limits_run.h), variant by variant. */
    for (size_t v = 0; v < n_variants; v++) {
        sim_status lim = limits_run_check(variants[v], n_reps,
                                          opts->intervals == CC_INTERVALS_WEEK, &caps, NULL, err);
        if (lim != SIM_OK)
            return lim;
    }
    study_batch b = {variants, seeds, n_reps, first_rep, opts, (size_t)caps.max_in_system,
                     NULL};
    b.out = sim_calloc(n_tasks, sizeof *b.out);
    if (b.out == NULL)
        return sim_error_set(err, SIM_ENOMEM, NULL, "out of memory for %zu tasks", n_tasks);
    /* Under MPI the tasks are spread over the ranks and their KPI vectors exchanged, unless
     * an on_rep callback must see every replication in this process: then every rank runs
     * every task (still identical results, no speed-up). */
    int spread = opts->on_rep == NULL;
    sim_runner_options ro = {opts->threads, opts->interrupted, NULL, NULL,
                             spread ? study_pack : NULL, spread ? study_unpack : NULL};
    sim_status st = sim_runner_run(n_tasks, study_task, &b, &ro, err);
    /* Merge in index order; on failure roll every sample back to its previous length so a
     * failed batch leaves no partial rows. */
    size_t *old = NULL;
    if (st == SIM_OK) {
        old = sim_calloc(n_variants, sizeof *old);
        if (old == NULL)
            st = sim_error_set(err, SIM_ENOMEM, NULL, "out of memory");
    }
    if (st == SIM_OK) {
        for (size_t v = 0; v < n_variants; v++)
            old[v] = samples[v].n_reps;
        for (size_t t = 0; t < n_tasks && st == SIM_OK; t++)
            st = sample_append(&samples[t / n_reps], &b.out[t], err);
        if (st != SIM_OK) {
            for (size_t v = 0; v < n_variants; v++)
                samples[v].n_reps = old[v];
        }
    }
    sim_free(old);
    for (size_t t = 0; t < n_tasks; t++) {
        sim_free(b.out[t].names);
        sim_free(b.out[t].values);
    }
    sim_free(b.out);
    return st;
}

sim_ci study_sample_ci(const study_sample *s, size_t k, double level)
{
    sim_tally t;
    sim_tally_init(&t);
    for (size_t r = 0; r < s->n_reps; r++) {
        double x = s->values[r * s->n_kpis + k];
        if (!isnan(x))
            sim_tally_add(&t, x);
    }
    return sim_ci_from_tally_scaled(&t, level, cc_kpis_scale_of(s->names[k]));
}

sim_ci study_sample_paired_ci(const study_sample *a, size_t ka, const study_sample *b,
                              size_t kb, double level)
{
    sim_tally t;
    sim_tally_init(&t);
    size_t n = a->n_reps < b->n_reps ? a->n_reps : b->n_reps;
    for (size_t r = 0; r < n; r++) {
        double x = a->values[r * a->n_kpis + ka];
        double y = b->values[r * b->n_kpis + kb];
        if (!isnan(x) && !isnan(y))
            sim_tally_add(&t, y - x);
    }
    return sim_ci_from_tally(&t, level);
}

int study_name_ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

int study_is_reported(const scenario *scn, const char *name)
{
    static const char *const fixed[] = {
        "total.realtime_service_level_per_answered_abandoned",
        "total.realtime_abandoned_per_offered", "needs.resolved_per_ended",
        "needs.contacts_per_resolved_need", "needs.channels_per_ended_need",
        "needs.time_to_resolution_s", "effort.score", "cost.total_eur", "cost.year_eur",
        "cost.per_answered_contact_eur", "cost.per_resolved_need_eur", "cost.people_share"};
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
        if (strcmp(name, fixed[i]) == 0)
            return 1;
    }
    if (strncmp(name, "sla.", 4) == 0 && study_name_ends_with(name, ".miss_probability"))
        return 1;
    if (strncmp(name, "channel.", 8) == 0 &&
        (study_name_ends_with(name, "." CC_KPI_SERVICE_LEVEL) ||
         study_name_ends_with(name, "." CC_KPI_ABANDONMENT))) {
        const char *c = name + 8;
        const char *dot = strrchr(c, '.');
        for (size_t i = 0; i < scn->n_channels; i++) {
            size_t len = strlen(scn->channels[i].name);
            if ((size_t)(dot - c) != len || strncmp(c, scn->channels[i].name, len) != 0)
                continue;
            const scenario_kind_props *kp = scenario_channel_kind_props(scn->channels[i].kind);
            if (study_name_ends_with(name, "." CC_KPI_ABANDONMENT))
                return kp->abandons;
            return kp->agent_time;
        }
    }
    return 0;
}

int study_is_share(const char *name)
{
    return cc_kpis_scale_of(name) == SIM_CI_LOGIT ||
           study_name_ends_with(name, ".service_level") || study_name_ends_with(name, "_share") ||
           study_name_ends_with(name, ".miss_probability");
}

sim_status study_run_common(study_sample *samples, const scenario *const *variants,
                            size_t n_variants, uint64_t seed, size_t n_reps,
                            const study_options *opts, sim_error *err)
{
    uint64_t *seeds = sim_calloc(n_variants, sizeof *seeds);
    if (seeds == NULL)
        return sim_error_set(err, SIM_ENOMEM, NULL, "out of memory");
    for (size_t v = 0; v < n_variants; v++)
        seeds[v] = seed;
    sim_status st = study_run(samples, variants, seeds, n_variants, 0, n_reps, opts, err);
    sim_free(seeds);
    return st;
}

void study_variants_free(scenario **variants, size_t n)
{
    for (size_t v = 0; variants != NULL && v < n; v++)
        scenario_free(variants[v]);
    sim_free(variants);
}
