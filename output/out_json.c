/* out_json.c -- see out_json.h. Built with cJSON; NaN and infinities print as null. */
#include "out_json.h"

#include <string.h>

#include <cjson/cJSON.h>

#include "cc_route.h"
#include "sim_alloc.h"

static cJSON *ci_object(const cc_summary *sum, size_t j)
{
    const sim_ci *ci = &sum->ci[j];
    cJSON *o = cJSON_CreateObject();
    if (o == NULL)
        return NULL;
    cJSON_AddNumberToObject(o, "mean", ci->mean);
    cJSON_AddNumberToObject(o, "lo", ci->lo);
    cJSON_AddNumberToObject(o, "hi", ci->hi);
    cJSON_AddNumberToObject(o, "half_width", ci->half_width);
    cJSON_AddNumberToObject(o, "n", (double)ci->n);
    cJSON *vals = cJSON_AddArrayToObject(o, "values");
    if (vals == NULL) {
        cJSON_Delete(o);
        return NULL;
    }
    for (size_t r = 0; r < sum->n_reps; r++)
        cJSON_AddItemToArray(vals, cJSON_CreateNumber(sum->values[r * sum->n_kpis + j]));
    return o;
}

static const char *const staffing_names[] = {"fixed", "per_interval", "erlang", "schedule"};

static cJSON *string_array(const char *const *v, size_t n)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; a != NULL && i < n; i++)
        cJSON_AddItemToArray(a, cJSON_CreateString(v[i]));
    return a;
}

/* Hours a channel is open in a Monday-based week. */
static double open_hours_week(const scenario_hours *h)
{
    double s = 0.0;
    for (size_t d = 0; d < 7; d++) {
        for (size_t w = 0; w < h->n_windows[d]; w++)
            s += h->windows[d][w].close_s - h->windows[d][w].open_s;
    }
    return s / 3600.0;
}

/* What was run, in the scenario's own terms: the figures a reader (and the report) needs
 * without the scenario file, plus the merged document itself. */
static cJSON *scenario_echo(const out_json_info *info, const scenario *scn)
{
    cJSON *e = cJSON_CreateObject();
    if (e == NULL)
        return NULL;
    cJSON_AddStringToObject(e, "name", scn->name);
    cJSON_AddStringToObject(e, "description", scn->description != NULL ? scn->description : "");
    cJSON_AddNumberToObject(e, "year", scn->year);
    cJSON_AddNumberToObject(e, "start_weekday", scn->start_weekday);
    cJSON_AddNumberToObject(e, "warmup_s", scn->warmup_s);
    cJSON_AddStringToObject(e, "demand_mode", scn->demand_mode == SCENARIO_DEMAND_BY_SEGMENT
                                                  ? "by_segment"
                                                  : "per_channel");
    cJSON_AddNumberToObject(e, "daily_volume", scn->daily_volume);
    cJSON_AddNumberToObject(e, "overdispersion_cv", scn->overdispersion_cv);
    const cc_route_type *rt = cc_route_type_of(scn);
    cJSON_AddStringToObject(e, "routing", rt != NULL ? rt->name : "?");
    cJSON_AddItemToObject(e, "policies", string_array(info->policies, info->n_policies));
    cJSON_AddItemToObject(e, "overrides", string_array(info->overrides, info->n_overrides));
    cJSON *chs = cJSON_AddArrayToObject(e, "channels");
    for (size_t c = 0; chs != NULL && c < scn->n_channels; c++) {
        const scenario_channel *ch = &scn->channels[c];
        cJSON *o = cJSON_CreateObject();
        if (o == NULL)
            break;
        cJSON_AddStringToObject(o, "name", ch->name);
        cJSON_AddStringToObject(o, "kind", scenario_channel_kind_name(ch->kind));
        cJSON_AddNumberToObject(o, "daily_volume", ch->daily_volume);
        cJSON_AddNumberToObject(o, "aht_s", ch->handle_time.mean_s);
        if (ch->has_patience)
            cJSON_AddNumberToObject(o, "patience_s", ch->patience.mean_s);
        else
            cJSON_AddNullToObject(o, "patience_s");
        cJSON_AddNumberToObject(o, "sl_target", ch->sl_target);
        cJSON_AddNumberToObject(o, "sl_threshold_s", ch->sl_threshold_s);
        cJSON_AddNumberToObject(o, "response_target_s", ch->response_target_s);
        cJSON_AddNumberToObject(o, "fcr_share", ch->fcr_share);
        cJSON_AddNumberToObject(o, "resolve_share", ch->resolve_share);
        cJSON_AddNumberToObject(o, "concurrency", (double)ch->concurrency);
        cJSON_AddNumberToObject(o, "open_hours_week", open_hours_week(&ch->hours));
        cJSON_AddItemToArray(chs, o);
    }
    cJSON *segs = cJSON_AddArrayToObject(e, "segments");
    for (size_t g = 0; segs != NULL && g < scn->n_segments; g++) {
        const scenario_segment *sg = &scn->segments[g];
        cJSON *o = cJSON_CreateObject();
        if (o == NULL)
            break;
        cJSON_AddStringToObject(o, "name", sg->name);
        cJSON_AddNumberToObject(o, "population_share", sg->population_share);
        cJSON *pref = cJSON_AddObjectToObject(o, "preference");
        for (size_t c = 0; pref != NULL && c < scn->n_channels; c++)
            cJSON_AddNumberToObject(pref, scn->channels[c].name, sg->preference[c]);
        cJSON_AddItemToArray(segs, o);
    }
    cJSON *grs = cJSON_AddArrayToObject(e, "groups");
    for (size_t g = 0; grs != NULL && g < scn->n_groups; g++) {
        const scenario_group *gr = &scn->groups[g];
        cJSON *o = cJSON_CreateObject();
        if (o == NULL)
            break;
        cJSON_AddStringToObject(o, "name", gr->name);
        cJSON_AddStringToObject(o, "staffing", (size_t)gr->staffing < 4
                                                   ? staffing_names[gr->staffing]
                                                   : "?");
        cJSON_AddNumberToObject(o, "agents", (double)gr->agents);
        cJSON_AddNumberToObject(o, "shrinkage", gr->shrinkage);
        cJSON *sk = cJSON_AddArrayToObject(o, "skills");
        for (size_t k = 0; sk != NULL && k < gr->n_skills; k++)
            cJSON_AddItemToArray(sk, cJSON_CreateString(scn->channels[gr->skills[k].channel].name));
        cJSON_AddItemToArray(grs, o);
    }
    cJSON *os = cJSON_AddArrayToObject(e, "outsourcers");
    for (size_t k = 0; os != NULL && k < scn->n_outsourcers; k++)
        cJSON_AddItemToArray(os, cJSON_CreateString(scn->outsourcers[k].name));
    cJSON *doc = scn->source_json != NULL ? cJSON_Parse(scn->source_json) : NULL;
    if (doc != NULL)
        cJSON_AddItemToObject(e, "document", doc);
    else
        cJSON_AddNullToObject(e, "document");
    return e;
}

char *out_json_summary(const out_json_info *info, const cc_summary *sum, const cc_rep *reps,
                       const scenario *scn)
{
    cJSON *root = cJSON_CreateObject();
    if (root == NULL)
        return NULL;
    cJSON_AddStringToObject(root, "omnisim_version", OMNISIM_VERSION);
    cJSON_AddStringToObject(root, "model", info->model);
    cJSON_AddStringToObject(root, "scenario", info->scenario);
    cJSON_AddStringToObject(root, "source", info->source);
    /* The seed as integer text: -s takes any 64-bit seed, and cJSON would print a number
     * above 2^53 with 15 significant digits (another seed). */
    char seed_digits[32];
    snprintf(seed_digits, sizeof seed_digits, "%llu", (unsigned long long)info->seed);
    cJSON_AddRawToObject(root, "seed", seed_digits);
    cJSON_AddNumberToObject(root, "replications", (double)sum->n_reps);
    cJSON_AddNumberToObject(root, "confidence", sum->level);
    cJSON_AddNumberToObject(root, "horizon_days", info->horizon_days);
    if (info->interval_s > 0.0)
        cJSON_AddNumberToObject(root, "interval_s", info->interval_s);
    cJSON *kpis = cJSON_AddObjectToObject(root, "kpis");
    for (size_t j = 0; kpis != NULL && j < sum->n_kpis; j++) {
        cJSON *o = ci_object(sum, j);
        if (o != NULL)
            cJSON_AddItemToObject(kpis, sum->names[j], o);
    }
    if (reps != NULL && scn != NULL) {
        cJSON *acc = cJSON_AddObjectToObject(root, "accounting");
        for (size_t c = 0; acc != NULL && c < scn->n_channels; c++) {
            cc_accounting t;
            memset(&t, 0, sizeof t);
            for (size_t r = 0; r < sum->n_reps; r++) {
                const cc_accounting *a = &reps[r].accounting[c];
                t.arrived += a->arrived;
                t.handled += a->handled;
                t.abandoned += a->abandoned;
                t.lost_closed += a->lost_closed;
                t.transferred += a->transferred;
                t.blocked += a->blocked;
                t.balked += a->balked;
                t.timed_out += a->timed_out;
                t.unreached += a->unreached;
                t.in_system += a->in_system;
            }
            cJSON *o = cJSON_AddObjectToObject(acc, scn->channels[c].name);
            if (o == NULL)
                continue;
            cJSON_AddNumberToObject(o, "arrived", (double)t.arrived);
            cJSON_AddNumberToObject(o, "handled", (double)t.handled);
            cJSON_AddNumberToObject(o, "abandoned", (double)t.abandoned);
            cJSON_AddNumberToObject(o, "lost_closed", (double)t.lost_closed);
            cJSON_AddNumberToObject(o, "transferred", (double)t.transferred);
            if (scenario_uses_queue_limits(scn)) {
                cJSON_AddNumberToObject(o, "blocked", (double)t.blocked);
                cJSON_AddNumberToObject(o, "balked", (double)t.balked);
                cJSON_AddNumberToObject(o, "timed_out", (double)t.timed_out);
                cJSON_AddNumberToObject(o, "unreached", (double)t.unreached);
            }
            cJSON_AddNumberToObject(o, "in_system", (double)t.in_system);
        }
    }
    if (scn != NULL) {
        cJSON *e = scenario_echo(info, scn);
        if (e != NULL)
            cJSON_AddItemToObject(root, "scenario_echo", e);
    }
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    if (text == NULL)
        return NULL;
    /* Hand back memory owned by our allocator, so the caller frees with sim_free. */
    size_t n = strlen(text);
    char *out = sim_malloc(n + 2);
    if (out != NULL) {
        memcpy(out, text, n);
        out[n] = '\n';
        out[n + 1] = '\0';
    }
    cJSON_free(text);
    return out;
}
