/* out_json.c -- see out_json.h. Built with cJSON; NaN and infinities print as null. */
#include "out_json.h"

#include <string.h>

#include <cjson/cJSON.h>

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
    /* Seeds go up to 2^53 (the loader's limit), exact in a JSON number. */
    cJSON_AddNumberToObject(root, "seed", (double)info->seed);
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
            cc_accounting t = {0, 0, 0, 0, 0, 0};
            for (size_t r = 0; r < sum->n_reps; r++) {
                const cc_accounting *a = &reps[r].accounting[c];
                t.arrived += a->arrived;
                t.handled += a->handled;
                t.abandoned += a->abandoned;
                t.lost += a->lost;
                t.transferred += a->transferred;
                t.in_system += a->in_system;
            }
            cJSON *o = cJSON_AddObjectToObject(acc, scn->channels[c].name);
            if (o == NULL)
                continue;
            cJSON_AddNumberToObject(o, "arrived", (double)t.arrived);
            cJSON_AddNumberToObject(o, "handled", (double)t.handled);
            cJSON_AddNumberToObject(o, "abandoned", (double)t.abandoned);
            cJSON_AddNumberToObject(o, "lost", (double)t.lost);
            cJSON_AddNumberToObject(o, "transferred", (double)t.transferred);
            cJSON_AddNumberToObject(o, "in_system", (double)t.in_system);
        }
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
