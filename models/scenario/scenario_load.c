/* scenario_load.c -- loading a scenario: the pipeline from text to a checked scenario.
 *
 * Pipeline: text -> jsonpos_check -> cJSON tree -> includes merged -> named policies applied
 * -> --set overrides applied -> schema check -> conversion with semantic checks. Then, when
 * the scenario is valid, every policy it defines is applied to a copy of the tree and checked
 * the same way, so that `omnisim validate` also catches a policy that would break the
 * scenario (its errors say "with policy 'NAME': ..."). All errors are collected in the diag;
 * on any error the partly built scenario is freed and *out stays NULL.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include "scenario_load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario_default.h"
#include "scenario_internal.h"
#include "sim_alloc.h"
#include "sim_assert.h"

/* Find the policy object named `name` in the tree's "policies" array; its index in *index. */
static const cJSON *tree_policy(const cJSON *root, const char *name, size_t *index)
{
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, "policies");
    size_t i = 0;
    for (const cJSON *p = cJSON_IsArray(arr) ? arr->child : NULL; p != NULL; p = p->next, i++) {
        const cJSON *nm = cJSON_GetObjectItemCaseSensitive(p, "name");
        if (cJSON_IsString(nm) && strcmp(nm->valuestring, name) == 0) {
            *index = i;
            return p;
        }
    }
    return NULL;
}

/* Apply a policy's changes to root (the policy is policies[index] of the file, which is where
 * errors its changes cause are reported). Returns 0, or -1 after reporting. */
static int apply_policy(scenario_ctx *ctx, cJSON *root, const cJSON *policy, const char *name,
                        size_t index)
{
    char label[SCENARIO_DIAG_FILE_MAX];
    snprintf(label, sizeof label, "policy '%s'", name);
    const cJSON *changes = cJSON_GetObjectItemCaseSensitive(policy, "changes");
    int rc = 0;
    size_t k = 0;
    for (const cJSON *ch = cJSON_IsArray(changes) ? changes->child : NULL; ch != NULL;
         ch = ch->next, k++) {
        const cJSON *path = cJSON_GetObjectItemCaseSensitive(ch, "path");
        const cJSON *value = cJSON_GetObjectItemCaseSensitive(ch, "value");
        if (!cJSON_IsString(path) || value == NULL)
            continue; /* the schema check reports it */
        cJSON *copy = cJSON_Duplicate(value, 1);
        if (copy == NULL) {
            scenario_json_nomem(ctx);
            return -1;
        }
        char at[64];
        snprintf(at, sizeof at, "policies[%zu].changes[%zu]", index, k);
        if (scenario_json_set(ctx, root, path->valuestring, copy, label, at) != 0)
            rc = -1;
    }
    return rc;
}

/* Convert a tree into a new scenario; NULL on errors (reported). */
static scenario *convert(scenario_ctx *ctx, const cJSON *root)
{
    size_t before = ctx->errors;
    scenario_schema_check(ctx, root);
    scenario *scn = sim_calloc(1, sizeof *scn);
    if (scn == NULL) {
        scenario_json_nomem(ctx);
        return NULL;
    }
    scenario_convert_tree(ctx, root, scn);
    if (ctx->errors != before) {
        scenario_free(scn);
        return NULL;
    }
    return scn;
}

/* Check every policy the scenario defines by applying it to a copy of root. */
static void check_policies(scenario_ctx *ctx, const cJSON *root, const scenario *scn)
{
    char prefix[SCENARIO_NAME_MAX + 32];
    for (size_t i = 0; i < scn->n_policies && !ctx->no_memory; i++) {
        cJSON *copy = cJSON_Duplicate(root, 1);
        if (copy == NULL) {
            scenario_json_nomem(ctx);
            return;
        }
        size_t origins = ctx->n_origins;
        snprintf(prefix, sizeof prefix, "with policy '%s': ", scn->policies[i].name);
        ctx->prefix = prefix;
        size_t index = 0;
        const cJSON *pol = tree_policy(root, scn->policies[i].name, &index);
        if (pol != NULL && apply_policy(ctx, copy, pol, scn->policies[i].name, index) == 0) {
            scenario *variant = convert(ctx, copy);
            scenario_free(variant);
        }
        ctx->prefix = NULL;
        ctx->n_origins = origins;
        cJSON_Delete(copy);
    }
}

/* Data files named by the document (special_days_file, demand.forecast_file) are relative to its directory; write
 * them back as real paths, so that the merged source kept in the scenario (variants, the
 * echo in summary.json that charts load again) names the same file from any directory. A
 * file that does not resolve is left as written: the converter reports it. */
static void resolve_data_files(scenario_ctx *ctx, cJSON *root)
{
    static const char *const parents[] = {NULL, "demand"};
    static const char *const keys[] = {"special_days_file", "forecast_file"};
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        cJSON *obj = parents[k] != NULL ? cJSON_GetObjectItemCaseSensitive(root, parents[k])
                                        : root;
        cJSON *v = cJSON_IsObject(obj) ? cJSON_GetObjectItemCaseSensitive(obj, keys[k]) : NULL;
        if (!cJSON_IsString(v) || v->valuestring == NULL || v->valuestring[0] == '\0')
            continue;
        char full[SCENARIO_PATH_BYTES], real[SCENARIO_PATH_BYTES];
        if (v->valuestring[0] == '/')
            snprintf(full, sizeof full, "%s", v->valuestring);
        else
            snprintf(full, sizeof full, "%s/%s", ctx->data_dir[0] ? ctx->data_dir : ".",
                     v->valuestring);
        if (realpath(full, real) == NULL)
            continue;
        cJSON *r = cJSON_CreateString(real);
        if (r == NULL || !cJSON_ReplaceItemInObjectCaseSensitive(obj, keys[k], r)) {
            cJSON_Delete(r);
            scenario_json_nomem(ctx);
        }
    }
}

/* The common tail of every load: overrides, checks, conversion. Consumes root. */
static sim_status finish(scenario_ctx *ctx, cJSON *root, const scenario_load_opts *opts,
                         const char *label, scenario **out)
{
    if (root == NULL)
        return ctx->first_code != SIM_OK ? ctx->first_code : SIM_ENOMEM;
    size_t n_applied = 0;
    if (opts != NULL) {
        for (size_t i = 0; i < opts->n_policies; i++) {
            const char *name = opts->policies[i] != NULL ? opts->policies[i] : "";
            size_t index = 0;
            const cJSON *pol = cJSON_IsObject(root) ? tree_policy(root, name, &index) : NULL;
            if (pol == NULL) {
                scenario_diag_add(ctx->diag, SIM_EINVAL, "--policy", 0, 0, "policies",
                                  "no policy named '%s' in this scenario", name);
                ctx->errors++;
                if (ctx->first_code == SIM_OK)
                    ctx->first_code = SIM_EINVAL;
                continue;
            }
            /* apply a copy: the policy's own changes must stay in the tree for echoing */
            cJSON *dup = cJSON_Duplicate(pol, 1);
            if (dup == NULL) {
                scenario_json_nomem(ctx);
                break;
            }
            apply_policy(ctx, root, dup, name, index);
            cJSON_Delete(dup);
            n_applied++;
        }
        for (size_t i = 0; i < opts->n_sets && cJSON_IsObject(root); i++) {
            scenario_json_set_string(ctx, root, opts->sets[i] != NULL ? opts->sets[i] : "",
                                     "--set");
            n_applied++;
        }
    }
    scenario *scn = NULL;
    if (cJSON_IsObject(root))
        resolve_data_files(ctx, root);
    if (ctx->errors == 0)
        scn = convert(ctx, root);
    else {
        /* still check the rest, so every error is listed at once */
        scenario *tmp = convert(ctx, root);
        scenario_free(tmp);
    }
    if (scn != NULL && ctx->errors == 0 && (opts == NULL || opts->n_policies == 0))
        check_policies(ctx, root, scn);
    if (scn != NULL && ctx->errors == 0) {
        char *printed = cJSON_PrintUnformatted(root);
        scn->source_json = printed != NULL ? sim_strdup(printed) : NULL;
        if (printed != NULL)
            cJSON_free(printed);
        if (scn->source_json == NULL)
            scenario_json_nomem(ctx);
        snprintf(scn->source_path, sizeof scn->source_path, "%s", label);
        snprintf(scn->source_dir, sizeof scn->source_dir, "%s", ctx->data_dir);
        scn->n_applied = n_applied;
    }
    cJSON_Delete(root);
    if (ctx->errors != 0) {
        scenario_free(scn);
        return ctx->no_memory ? SIM_ENOMEM : ctx->first_code;
    }
    *out = scn;
    return SIM_OK;
}

sim_status scenario_load_file(const char *path, const scenario_load_opts *opts, scenario **out,
                              scenario_diag *diag)
{
    SIM_ASSERT(out != NULL, "scenario_load_file needs somewhere to put the result");
    *out = NULL;
    if (path == NULL) {
        scenario_diag_add(diag, SIM_EINVAL, "", 0, 0, "", "no scenario file given");
        return SIM_EINVAL;
    }
    scenario_ctx *ctx = sim_malloc(sizeof *ctx);
    if (ctx == NULL) {
        scenario_diag_add(diag, SIM_ENOMEM, path, 0, 0, "", "out of memory");
        return SIM_ENOMEM;
    }
    scenario_json_ctx_init(ctx, diag);
    /* data files are relative to the scenario file's directory */
    const char *slash = strrchr(path, '/');
    if (slash == NULL)
        snprintf(ctx->data_dir, sizeof ctx->data_dir, ".");
    else if (slash == path)
        snprintf(ctx->data_dir, sizeof ctx->data_dir, "/");
    else
        snprintf(ctx->data_dir, sizeof ctx->data_dir, "%.*s", (int)(slash - path), path);
    size_t first = scenario_diag_count(diag);
    cJSON *root = scenario_json_set_includes(ctx, opts, path) == 0
                      ? scenario_json_load_file(ctx, path)
                      : NULL;
    sim_status st = finish(ctx, root, opts, path, out);
    scenario_diag_sort(diag, first);
    scenario_json_ctx_fini(ctx);
    sim_free(ctx);
    return st;
}

sim_status scenario_load_string(const char *text, size_t len, const char *label,
                                const scenario_load_opts *opts, scenario **out,
                                scenario_diag *diag)
{
    SIM_ASSERT(out != NULL, "scenario_load_string needs somewhere to put the result");
    *out = NULL;
    if (label == NULL)
        label = "<string>";
    if (text == NULL) {
        scenario_diag_add(diag, SIM_EINVAL, label, 0, 0, "", "no scenario text given");
        return SIM_EINVAL;
    }
    if (len > SCENARIO_MAX_FILE_BYTES) {
        scenario_diag_add(diag, SIM_ELIMIT, label, 0, 0, "",
                          "document is larger than the limit of %u bytes",
                          (unsigned)SCENARIO_MAX_FILE_BYTES);
        return SIM_ELIMIT;
    }
    scenario_ctx *ctx = sim_malloc(sizeof *ctx);
    char *copy = sim_malloc(len + 1);
    if (ctx == NULL || copy == NULL) {
        sim_free(ctx);
        sim_free(copy);
        scenario_diag_add(diag, SIM_ENOMEM, label, 0, 0, "", "out of memory");
        return SIM_ENOMEM;
    }
    memcpy(copy, text, len);
    copy[len] = '\0';
    scenario_json_ctx_init(ctx, diag);
    snprintf(ctx->data_dir, sizeof ctx->data_dir, "%s",
             opts != NULL && opts->base_dir != NULL ? opts->base_dir : ".");
    size_t first = scenario_diag_count(diag);
    cJSON *root = NULL;
    if (scenario_json_set_includes(ctx, opts, label) == 0)
        root = scenario_json_load_text(ctx, copy, len, label,
                                       opts != NULL ? opts->base_dir : NULL);
    else
        sim_free(copy);
    sim_status st = finish(ctx, root, opts, label, out);
    scenario_diag_sort(diag, first);
    scenario_json_ctx_fini(ctx);
    sim_free(ctx);
    return st;
}

sim_status scenario_load_default(const scenario_load_opts *opts, scenario **out,
                               scenario_diag *diag)
{
    const char *text = scenario_default_json();
    return scenario_load_string(text, strlen(text), "<default: online-retailer-2017>", opts,
                                out, diag);
}

sim_status scenario_load_derive(const scenario *base, const scenario_load_opts *opts,
                               scenario **out, scenario_diag *diag)
{
    SIM_ASSERT(base != NULL && base->source_json != NULL, "scenario_load_derive needs a loaded base");
    char label[SCENARIO_DIAG_FILE_MAX];
    snprintf(label, sizeof label, "%.200s (merged)", base->source_path);
    /* The merged source has no includes left; its data files stay relative to the base's
     * directory. */
    scenario_load_opts o = {0};
    if (opts != NULL)
        o = *opts;
    if (o.base_dir == NULL)
        o.base_dir = base->source_dir[0] != '\0' ? base->source_dir : NULL;
    return scenario_load_string(base->source_json, strlen(base->source_json), label, &o, out,
                                diag);
}
