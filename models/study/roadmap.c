/* roadmap.c -- see roadmap.h. */
#include "roadmap.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "sim_alloc.h"
#include "sim_tally.h"
#include "scenario_load.h"

void roadmap_options_default(roadmap_options *opts)
{
    memset(opts, 0, sizeof *opts);
    study_options_default(&opts->study);
}

static void compute_mix(const scenario *s, const roadmap_year *y, double *mix)
{
    for (size_t c = 0; c < s->n_channels; c++) {
        mix[c] = 0.0;
        for (size_t i = 0; i < s->n_segments; i++)
            mix[c] += y->segment_share[i] * y->preference[i][c];
    }
}

sim_status roadmap_year_compute(const scenario *base, int year, roadmap_year *out,
                                sim_error *err)
{
    const scenario_roadmap *rm = &base->roadmap;
    memset(out, 0, sizeof *out);
    out->year = year;
    out->t = year - base->year;
    if (out->t < 0)
        return sim_error_set(err, SIM_EINVAL, "--years",
                             "year %d is before the scenario's year %d", year, base->year);
    if (out->t > 200)
        return sim_error_set(err, SIM_EINVAL, "--years", "year %d is too far ahead", year);
    size_t nc = base->n_channels, ns = base->n_segments;
    for (size_t i = 0; i < ns; i++) {
        out->segment_share[i] = base->segments[i].population_share;
        memcpy(out->preference[i], base->segments[i].preference, nc * sizeof(double));
    }
    double growth[SCENARIO_MAX_CHANNELS];
    for (size_t c = 0; c < nc; c++)
        growth[c] = base->channels[c].daily_volume;
    double volume = base->daily_volume;
    double mix0[SCENARIO_MAX_CHANNELS];
    compute_mix(base, out, mix0);

    for (int step = 0; step < out->t && rm->present; step++) {
        /* 1. segment shares drift, clamp at 0, renormalise */
        double sum = 0.0;
        for (size_t i = 0; i < ns; i++) {
            double v = out->segment_share[i] + rm->segment_share_drift_per_year[i];
            out->segment_share[i] = v > 0.0 ? v : 0.0;
            sum += out->segment_share[i];
        }
        if (!(sum > 0.0))
            return sim_error_set(err, SIM_EINVAL, "roadmap.segment_share_drift_per_year",
                                 "every segment share has drifted to 0 by %d",
                                 base->year + step + 1);
        for (size_t i = 0; i < ns; i++)
            out->segment_share[i] /= sum;
        /* 2. preference shifts, in file order */
        for (size_t k = 0; k < rm->n_preference_shifts; k++) {
            const scenario_preference_shift *ps = &rm->preference_shifts[k];
            for (size_t i = 0; i < ns; i++) {
                if (ps->segment != SCENARIO_NONE && ps->segment != i)
                    continue;
                double *pref = out->preference[i];
                double f = 0.0;
                for (size_t c = 0; c < nc; c++) {
                    if (ps->from[c])
                        f += pref[c];
                }
                for (size_t c = 0; c < nc; c++) {
                    if (ps->from[c])
                        pref[c] -= ps->share_per_year * pref[c];
                }
                for (size_t c = 0; c < nc; c++)
                    pref[c] += ps->share_per_year * f * ps->to[c];
            }
        }
        /* 3. demand grows */
        volume *= 1.0 + rm->volume_growth_per_year;
        for (size_t c = 0; c < nc; c++)
            growth[c] *= (1.0 + rm->volume_growth_per_year) *
                         (1.0 + rm->channel_growth_per_year[c]);
    }
    compute_mix(base, out, out->channel_mix);
    if (base->demand_mode == SCENARIO_DEMAND_BY_SEGMENT) {
        out->daily_volume = volume;
        for (size_t c = 0; c < nc; c++)
            out->channel_volume[c] = volume * out->channel_mix[c];
    } else {
        double total = 0.0;
        for (size_t c = 0; c < nc; c++) {
            double v = growth[c];
            if (out->t > 0 && mix0[c] > 0.0)
                v *= out->channel_mix[c] / mix0[c];
            out->channel_volume[c] = v;
            total += v;
        }
        out->daily_volume = total;
        /* per_channel: the realised first-contact mix is the volumes' */
        for (size_t c = 0; c < nc; c++)
            out->channel_mix[c] = total > 0.0 ? out->channel_volume[c] / total : 0.0;
    }
    /* policies and stage */
    for (size_t k = 0; k < rm->n_steps && rm->present; k++) {
        const scenario_roadmap_step *st = &rm->steps[k];
        if (st->year > year)
            continue;
        int dup = 0;
        for (size_t j = 0; j < out->n_policies; j++)
            dup |= strcmp(out->policies[j], base->policies[st->policy].name) == 0;
        if (!dup)
            snprintf(out->policies[out->n_policies++], SCENARIO_NAME_MAX, "%s",
                     base->policies[st->policy].name);
        if (st->stage[0] != '\0')
            snprintf(out->stage, sizeof out->stage, "%s", st->stage);
    }
    return SIM_OK;
}

void roadmap_sets_free(char **sets, size_t n)
{
    if (sets == NULL)
        return;
    for (size_t i = 0; i < n; i++)
        sim_free(sets[i]);
    sim_free(sets);
}

/* Append a formatted string to the list (capacity checked by the caller). */
static int push(char **sets, size_t *n, size_t len, const char *fmt, const char *name,
                double v)
{
    char *s = sim_malloc(len);
    if (s == NULL)
        return 0;
    if (name != NULL)
        snprintf(s, len, fmt, name, v);
    else
        snprintf(s, len, fmt, v);
    sets[(*n)++] = s;
    return 1;
}

sim_status roadmap_year_sets(const scenario *base, const roadmap_year *y, int erlang_staffing,
                             char ***out, size_t *n_out, sim_error *err)
{
    *out = NULL;
    *n_out = 0;
    size_t cap = 5 + base->n_channels + 2 * base->n_segments + 3 * base->n_groups;
    char **sets = sim_calloc(cap, sizeof *sets);
    if (sets == NULL)
        return sim_error_set(err, SIM_ENOMEM, NULL, "out of memory");
    size_t n = 0;
    int ok = 1;
    /* Only a file with a segments array can take segment overrides; a file without one has
     * the implicit segment "all" (per_channel: its drift shows in the channel volumes). */
    int has_segments = 0;
    cJSON *root = cJSON_Parse(base->source_json != NULL ? base->source_json : "{}");
    if (root != NULL) {
        const cJSON *sa = cJSON_GetObjectItemCaseSensitive(root, "segments");
        has_segments = cJSON_IsArray(sa) && cJSON_GetArraySize(sa) > 0;
        cJSON_Delete(root);
    }
    char yearbuf[32];
    snprintf(yearbuf, sizeof yearbuf, "year=%d", y->year);
    sets[n] = sim_strdup(yearbuf);
    ok = sets[n++] != NULL;
    if (ok) {
        sets[n] = sim_strdup("roadmap=null");
        ok = sets[n++] != NULL;
    }
    if (ok && erlang_staffing) {
        /* The year's policies are applied before these overrides; the file's policy list
         * goes, so that the loader does not check every other policy against groups whose
         * staffing mode changed (a policy setting a fixed size would no longer fit). */
        sets[n] = sim_strdup("policies=null");
        ok = sets[n++] != NULL;
    }
    const size_t L = SCENARIO_NAME_MAX + 64;
    if (ok && y->t > 0) {
        if (base->demand_mode == SCENARIO_DEMAND_BY_SEGMENT) {
            ok = push(sets, &n, L, "demand.daily_volume=%.17g", NULL, y->daily_volume);
        } else {
            for (size_t c = 0; c < base->n_channels && ok; c++)
                ok = push(sets, &n, L, "channels.%s.daily_volume=%.17g", base->channels[c].name,
                          y->channel_volume[c]);
        }
        for (size_t i = 0; i < base->n_segments && ok && has_segments; i++) {
            ok = push(sets, &n, L, "segments.%s.share=%.17g", base->segments[i].name,
                      y->segment_share[i]);
            if (!ok)
                break;
            size_t len = 64 + base->n_channels * (SCENARIO_NAME_MAX + 32);
            char *s = sim_malloc(len);
            if (s == NULL) {
                ok = 0;
                break;
            }
            size_t at = (size_t)snprintf(s, len, "segments.%s.preference={",
                                         base->segments[i].name);
            for (size_t c = 0; c < base->n_channels; c++)
                at += (size_t)snprintf(s + at, len - at, "%s\"%s\":%.17g", c > 0 ? "," : "",
                                       base->channels[c].name,
                                       y->preference[i][c] > 0.0 ? y->preference[i][c] : 0.0);
            snprintf(s + at, len - at, "}");
            sets[n++] = s;
        }
    }
    for (size_t g = 0; g < base->n_groups && ok && erlang_staffing; g++) {
        if (base->groups[g].implicit)
            continue;
        /* erlang staffing takes neither a fixed size nor a per-interval list */
        static const char *const fmt[3] = {"groups.%s.staffing=erlang", "groups.%s.agents=null",
                                           "groups.%s.agents_per_interval=null"};
        for (size_t f = 0; f < 3 && ok; f++) {
            char *s = sim_malloc(L);
            ok = s != NULL;
            if (ok) {
                snprintf(s, L, fmt[f], base->groups[g].name);
                sets[n++] = s;
            }
        }
    }
    if (!ok) {
        roadmap_sets_free(sets, n);
        return sim_error_set(err, SIM_ENOMEM, NULL, "out of memory for the year's overrides");
    }
    *out = sets;
    *n_out = n;
    return SIM_OK;
}

sim_status roadmap_year_derive(const scenario *base, const roadmap_year *y,
                               const char *const *policies, size_t n_policies,
                               const char *const *sets, size_t n_sets, int erlang_staffing,
                               scenario **out, scenario_diag *diag, sim_error *err)
{
    *out = NULL;
    char **ysets = NULL;
    size_t n_ysets = 0;
    sim_status st = roadmap_year_sets(base, y, erlang_staffing, &ysets, &n_ysets, err);
    if (st != SIM_OK)
        return st;
    const char **pol = sim_calloc(n_policies + y->n_policies + 1, sizeof *pol);
    const char **all = sim_calloc(n_ysets + n_sets + 1, sizeof *all);
    if (pol == NULL || all == NULL) {
        st = sim_error_set(err, SIM_ENOMEM, NULL, "out of memory");
    } else {
        for (size_t i = 0; i < n_policies; i++)
            pol[i] = policies[i];
        for (size_t i = 0; i < y->n_policies; i++)
            pol[n_policies + i] = y->policies[i];
        for (size_t i = 0; i < n_ysets; i++)
            all[i] = ysets[i];
        for (size_t i = 0; i < n_sets; i++)
            all[n_ysets + i] = sets[i];
        scenario_load_opts lo = {pol, n_policies + y->n_policies, all, n_ysets + n_sets, NULL, NULL, 0};
        st = scenario_load_derive(base, &lo, out, diag);
        if (st != SIM_OK) {
            if (diag != NULL && scenario_diag_count(diag) > 0)
                scenario_diag_to_error(diag, err);
            else
                sim_error_set(err, st, "--years", "year %d could not be derived", y->year);
            if (err != NULL)
                err->code = st;
        }
    }
    sim_free(pol);
    sim_free(all);
    roadmap_sets_free(ysets, n_ysets);
    return st;
}

void roadmap_free(roadmap_result *res)
{
    if (res == NULL)
        return;
    if (res->samples != NULL) {
        for (size_t i = 0; i < res->n_years; i++)
            study_sample_fini(&res->samples[i]);
    }
    sim_free(res->samples);
    sim_free(res->years);
    sim_free(res);
}

sim_status roadmap_run(const scenario *base, int first, int last, const char *const *policies,
                       size_t n_policies, const char *const *sets, size_t n_sets,
                       const roadmap_options *opts, roadmap_result **out, scenario_diag *diag,
                       sim_error *err)
{
    roadmap_options dflt;
    if (opts == NULL) {
        roadmap_options_default(&dflt);
        opts = &dflt;
    }
    *out = NULL;
    if (last < first || last - first + 1 > ROADMAP_MAX_YEARS)
        return sim_error_set(err, SIM_EINVAL, "--years",
                             "expected FIRST:LAST with FIRST <= LAST and at most %d years",
                             ROADMAP_MAX_YEARS);
    size_t ny = (size_t)(last - first + 1);
    sim_status st = SIM_OK;
    scenario **variants = NULL;
    roadmap_result *res = sim_calloc(1, sizeof *res);
    if (res == NULL)
        return sim_error_set(err, SIM_ENOMEM, NULL, "out of memory");
    res->n_years = ny;
    res->years = sim_calloc(ny, sizeof *res->years);
    res->samples = sim_calloc(ny, sizeof *res->samples);
    variants = sim_calloc(ny, sizeof *variants);
    if (res->years == NULL || res->samples == NULL || variants == NULL) {
        st = sim_error_set(err, SIM_ENOMEM, NULL, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < ny && st == SIM_OK; i++) {
        study_sample_init(&res->samples[i]);
        st = roadmap_year_compute(base, first + (int)i, &res->years[i], err);
        if (st == SIM_OK)
            st = roadmap_year_derive(base, &res->years[i], policies, n_policies, sets, n_sets,
                                     opts->erlang_staffing, &variants[i], diag, err);
    }
    if (st != SIM_OK)
        goto done;
    res->level = variants[0]->confidence;
    res->seed = opts->use_seed ? opts->seed : variants[0]->seed;
    res->n_reps = opts->reps > 0 ? opts->reps : variants[0]->replications;
    if (res->n_reps < 2)
        res->n_reps = 2;
    /* common random numbers across years */
    st = study_run_common(res->samples, (const scenario *const *)variants, ny, res->seed,
                          res->n_reps, &opts->study, err);
done:
    study_variants_free(variants, ny);
    if (st != SIM_OK) {
        roadmap_free(res);
        return st;
    }
    *out = res;
    return SIM_OK;
}

double roadmap_expected_voice_share(const scenario *base, const roadmap_year *y)
{
    double v = 0.0;
    for (size_t c = 0; c < base->n_channels; c++) {
        if (base->channels[c].kind == SCENARIO_CHANNEL_VOICE)
            v += y->channel_mix[c];
    }
    return v;
}

sim_ci roadmap_voice_share_ci(const scenario *base, const study_sample *s, double level)
{
    size_t kt = study_sample_find(s, "total.offered");
    sim_tally t;
    sim_tally_init(&t);
    for (size_t r = 0; r < s->n_reps && kt != SIZE_MAX; r++) {
        double voice = 0.0;
        for (size_t c = 0; c < base->n_channels; c++) {
            if (base->channels[c].kind != SCENARIO_CHANNEL_VOICE)
                continue;
            char key[CC_KPI_NAME_MAX];
            snprintf(key, sizeof key, "channel.%s.offered", base->channels[c].name);
            size_t k = study_sample_find(s, key);
            if (k != SIZE_MAX)
                voice += s->values[r * s->n_kpis + k];
        }
        double tot = s->values[r * s->n_kpis + kt];
        if (tot > 0.0)
            sim_tally_add(&t, voice / tot);
    }
    return sim_ci_from_tally(&t, level);
}

int roadmap_is_column(const scenario *base, const char *name)
{
    if (study_is_reported(base, name))
        return 1;
    if (strcmp(name, "total.offered") == 0 || strcmp(name, "total.answered") == 0 ||
        strcmp(name, "needs.created") == 0 || strcmp(name, "needs.repeat_per_arrived") == 0)
        return 1;
    if (strncmp(name, "channel.", 8) == 0)
        return study_name_ends_with(name, ".offered") ||
               study_name_ends_with(name, ".occupancy");
    if (strncmp(name, "cost.line.", 10) == 0 || strncmp(name, "cost.channel.", 13) == 0 ||
        strcmp(name, "cost.people_eur") == 0)
        return 1;
    if (strncmp(name, "pool.", 5) == 0)
        return study_name_ends_with(name, ".paid_hours") ||
               study_name_ends_with(name, ".on_duty_hours") ||
               study_name_ends_with(name, ".occupancy");
    return 0;
}

sim_status roadmap_columns(const scenario *base, const roadmap_result *res,
                           char (**cols)[CC_KPI_NAME_MAX], size_t *n, sim_error *err)
{
    size_t cap = 0;
    for (size_t y = 0; y < res->n_years; y++)
        cap += res->samples[y].n_kpis;
    char (*out)[CC_KPI_NAME_MAX] = sim_calloc(cap + 1, sizeof *out);
    *cols = NULL;
    *n = 0;
    if (out == NULL)
        return sim_error_set(err, SIM_ENOMEM, "roadmap", "out of memory for %zu columns", cap);
    size_t m = 0;
    for (size_t y = 0; y < res->n_years; y++) {
        const study_sample *s = &res->samples[y];
        for (size_t k = 0; k < s->n_kpis; k++) {
            if (!roadmap_is_column(base, s->names[k]))
                continue;
            int seen = 0;
            for (size_t j = 0; j < m && !seen; j++)
                seen = strcmp(out[j], s->names[k]) == 0;
            if (!seen)
                snprintf(out[m++], sizeof out[0], "%s", s->names[k]);
        }
    }
    *cols = out;
    *n = m;
    return SIM_OK;
}

double roadmap_paid_hours(const roadmap_result *res, size_t y)
{
    const study_sample *s = &res->samples[y];
    double paid = 0.0;
    for (size_t k = 0; k < s->n_kpis; k++) {
        if (strncmp(s->names[k], "pool.", 5) == 0 &&
            study_name_ends_with(s->names[k], ".paid_hours"))
            paid += study_sample_ci(s, k, res->level).mean;
    }
    return paid;
}
