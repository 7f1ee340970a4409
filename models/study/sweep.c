/* sweep.c -- see sweep.h. */
#include "sweep.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim_alloc.h"
#include "scenario_load.h"

void sweep_options_default(sweep_options *opts)
{
    memset(opts, 0, sizeof *opts);
    study_options_default(&opts->study);
}

static int parse_num(const char *s, const char *end, double *out)
{
    char buf[64];
    size_t n = (size_t)(end - s);
    if (n == 0 || n >= sizeof buf)
        return 0;
    memcpy(buf, s, n);
    buf[n] = '\0';
    char *e = NULL;
    errno = 0;
    double v = strtod(buf, &e);
    if (*e != '\0' || errno == ERANGE || !isfinite(v))
        return 0;
    *out = v;
    return 1;
}

sim_status sweep_axis_parse(const char *spec, sweep_axis *out, sim_error *err)
{
    memset(out, 0, sizeof *out);
    const char *eq = strchr(spec, '=');
    if (eq == NULL || eq == spec)
        return sim_error_set(err, SIM_EINVAL, "--set", "expected PATH=FROM:TO:STEP, got '%s'",
                             spec);
    if ((size_t)(eq - spec) >= sizeof out->path)
        return sim_error_set(err, SIM_EINVAL, "--set", "path too long in '%s'", spec);
    memcpy(out->path, spec, (size_t)(eq - spec));
    const char *a = eq + 1;
    const char *c1 = strchr(a, ':');
    const char *c2 = c1 != NULL ? strchr(c1 + 1, ':') : NULL;
    if (c1 == NULL || c2 == NULL || strchr(c2 + 1, ':') != NULL ||
        !parse_num(a, c1, &out->from) || !parse_num(c1 + 1, c2, &out->to) ||
        !parse_num(c2 + 1, c2 + 1 + strlen(c2 + 1), &out->step))
        return sim_error_set(err, SIM_EINVAL, "--set",
                             "expected PATH=FROM:TO:STEP with three numbers, got '%s'", spec);
    if (!(out->step > 0.0))
        return sim_error_set(err, SIM_EINVAL, "--set", "STEP must be > 0 in '%s'", spec);
    if (out->to < out->from)
        return sim_error_set(err, SIM_EINVAL, "--set", "TO must be >= FROM in '%s'", spec);
    double n = floor((out->to - out->from) / out->step + 1e-9) + 1.0;
    if (n > (double)SWEEP_MAX_POINTS)
        return sim_error_set(err, SIM_ELIMIT, "--set", "'%s' has more than %d values", spec,
                             SWEEP_MAX_POINTS);
    out->n_values = (size_t)n;
    return SIM_OK;
}

void sweep_axis_value(const sweep_axis *a, size_t i, char *buf)
{
    double v = a->from + (double)i * a->step;
    snprintf(buf, SWEEP_VALUE_MAX, "%.15g", v == 0.0 ? 0.0 : v); /* no "-0" */
}

void sweep_free(sweep_result *res)
{
    if (res == NULL)
        return;
    if (res->samples != NULL) {
        for (size_t p = 0; p < res->n_points; p++)
            study_sample_fini(&res->samples[p]);
    }
    sim_free(res->samples);
    sim_free(res->values);
    sim_free(res);
}

sim_status sweep_run(const scenario *base, const sweep_axis *axes, size_t n_axes,
                     const char *const *policies, size_t n_policies, const char *const *sets,
                     size_t n_sets, const sweep_options *opts, sweep_result **out,
                     scenario_diag *diag, sim_error *err)
{
    sweep_options dflt;
    if (opts == NULL) {
        sweep_options_default(&dflt);
        opts = &dflt;
    }
    *out = NULL;
    if (n_axes == 0 || n_axes > SWEEP_MAX_AXES)
        return sim_error_set(err, SIM_EINVAL, "--set", "a sweep needs 1 to %d axes",
                             SWEEP_MAX_AXES);
    size_t n_points = 1;
    for (size_t a = 0; a < n_axes; a++) {
        if (axes[a].n_values == 0)
            return sim_error_set(err, SIM_EINVAL, "--set", "axis %s has no values",
                                 axes[a].path);
        /* One axis per field: a second would only override the first in every point (and
         * give sweep.json's "set" object one key twice). */
        for (size_t b = 0; b < a; b++) {
            if (strcmp(axes[a].path, axes[b].path) == 0)
                return sim_error_set(err, SIM_EINVAL, "--set", "axis %s given twice",
                                     axes[a].path);
        }
        if (n_points > SWEEP_MAX_POINTS / axes[a].n_values)
            return sim_error_set(err, SIM_ELIMIT, "--set", "more than %d grid points",
                                 SWEEP_MAX_POINTS);
        n_points *= axes[a].n_values;
    }
    sim_status st = SIM_OK;
    scenario **variants = NULL;
    char(*texts)[SWEEP_PATH_MAX + SWEEP_VALUE_MAX + 1] = NULL;
    const char **all_sets = NULL;
    sweep_result *res = sim_calloc(1, sizeof *res);
    if (res == NULL)
        return sim_error_set(err, SIM_ENOMEM, NULL, "out of memory");
    res->n_axes = n_axes;
    memcpy(res->axes, axes, n_axes * sizeof *axes);
    res->n_points = n_points;
    res->values = sim_calloc(n_points, sizeof *res->values);
    res->samples = sim_calloc(n_points, sizeof *res->samples);
    variants = sim_calloc(n_points, sizeof *variants);
    texts = sim_calloc(n_axes, sizeof *texts);
    all_sets = sim_calloc(n_sets + n_axes + 2, sizeof *all_sets);
    if (res->values == NULL || res->samples == NULL || variants == NULL || texts == NULL ||
        all_sets == NULL) {
        st = sim_error_set(err, SIM_ENOMEM, NULL, "out of memory for %zu points", n_points);
        goto done;
    }
    /* The file's policy list and roadmap go once the named policies are applied (as in
     * policy_compare.h): the loader would check every other policy against each point. */
    all_sets[0] = "policies=null";
    all_sets[1] = "roadmap=null";
    for (size_t i = 0; i < n_sets; i++)
        all_sets[2 + i] = sets[i];
    for (size_t p = 0; p < n_points && st == SIM_OK; p++) {
        study_sample_init(&res->samples[p]);
        size_t rest = p;
        for (size_t a = n_axes; a-- > 0;) {
            size_t i = rest % axes[a].n_values;
            rest /= axes[a].n_values;
            sweep_axis_value(&axes[a], i, res->values[p][a]);
            snprintf(texts[a], sizeof texts[a], "%s=%s", axes[a].path, res->values[p][a]);
            all_sets[2 + n_sets + a] = texts[a];
        }
        scenario_load_opts lo = {policies, n_policies, all_sets, 2 + n_sets + n_axes, NULL, NULL, 0};
        st = scenario_load_derive(base, &lo, &variants[p], diag);
        if (st != SIM_OK) {
            if (diag != NULL && scenario_diag_count(diag) > 0)
                scenario_diag_to_error(diag, err);
            if (err != NULL)
                err->code = st;
        }
    }
    if (st != SIM_OK)
        goto done;
    res->level = variants[0]->confidence;
    res->seed = opts->use_seed ? opts->seed : variants[0]->seed;
    res->n_reps = opts->reps > 0 ? opts->reps : variants[0]->replications;
    if (res->n_reps < 2)
        res->n_reps = 2;
    /* One master seed for every point (common random numbers across the grid). */
    st = study_run_common(res->samples, (const scenario *const *)variants, n_points, res->seed,
                          res->n_reps, &opts->study, err);
done:
    study_variants_free(variants, n_points);
    sim_free(texts);
    sim_free(all_sets);
    if (st != SIM_OK) {
        sweep_free(res);
        return st;
    }
    *out = res;
    return SIM_OK;
}

int sweep_is_column(const scenario *scn, const char *name)
{
    if (study_is_reported(scn, name))
        return 1;
    return strncmp(name, "channel.", 8) == 0 &&
           (study_name_ends_with(name, ".asa_s") || study_name_ends_with(name, ".occupancy") ||
            study_name_ends_with(name, ".offered"));
}
