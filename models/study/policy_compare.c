/* policy_compare.c -- see policy_compare.h. */
#include "policy_compare.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "sim_alloc.h"
#include "scenario_load.h"

#define POLICY_COMPARE_PARTS_MAX 16 /* policies combined in one spec with '+' */

void policy_compare_options_default(policy_compare_options *opts)
{
    memset(opts, 0, sizeof *opts);
    study_options_default(&opts->study);
}

sim_status policy_compare_derive(const scenario *base, const char *spec,
                                 const char *const *sets, size_t n_sets, scenario **out,
                                 scenario_diag *diag, sim_error *err)
{
    char buf[POLICY_COMPARE_SPEC_MAX];
    const char *parts[POLICY_COMPARE_PARTS_MAX];
    size_t n_parts = 0;
    *out = NULL;
    if (spec != NULL && spec[0] != '\0') {
        if (strlen(spec) >= sizeof buf)
            return sim_error_set(err, SIM_EINVAL, "--policy", "policy spec '%.40s...' too long",
                                 spec);
        strcpy(buf, spec);
        char *p = buf;
        for (;;) {
            char *plus = strchr(p, '+');
            if (plus != NULL)
                *plus = '\0';
            if (*p == '\0')
                return sim_error_set(err, SIM_EINVAL, "--policy",
                                     "empty policy name in '%s' (use NAME or A+B)", spec);
            if (n_parts == POLICY_COMPARE_PARTS_MAX)
                return sim_error_set(err, SIM_EINVAL, "--policy",
                                     "at most %d policies in one spec", POLICY_COMPARE_PARTS_MAX);
            if (scenario_find_policy(base, p) == SCENARIO_NONE)
                return sim_error_set(err, SIM_EINVAL, "--policy",
                                     "scenario '%s' has no policy '%s'", base->name, p);
            parts[n_parts++] = p;
            if (plus == NULL)
                break;
            p = plus + 1;
        }
    }
    /* Every variant (the baseline too, so a policy without effect stays bit-identical)
     * drops the file's policy list and roadmap once the named policies are applied: the
     * loader checks every listed policy against a derived document, and a policy that
     * changes, say, a group's staffing mode would make the others' changes invalid. */
    const char **all = sim_calloc(n_sets + 2, sizeof *all);
    if (all == NULL)
        return sim_error_set(err, SIM_ENOMEM, NULL, "out of memory");
    all[0] = "policies=null";
    all[1] = "roadmap=null";
    for (size_t i = 0; i < n_sets; i++)
        all[2 + i] = sets[i];
    scenario_load_opts lo = {parts, n_parts, all, n_sets + 2, NULL, NULL, 0};
    sim_status st = scenario_load_derive(base, &lo, out, diag);
    sim_free(all);
    if (st != SIM_OK) {
        if (diag != NULL && scenario_diag_count(diag) > 0)
            scenario_diag_to_error(diag, err);
        else
            sim_error_set(err, st, "--policy", "variant '%s' could not be derived",
                          spec != NULL && spec[0] ? spec : "baseline");
        if (err != NULL)
            err->code = st;
    }
    return st;
}

void policy_compare_free(policy_compare_result *res)
{
    if (res == NULL)
        return;
    if (res->samples != NULL) {
        for (size_t v = 0; v < res->n_variants; v++)
            study_sample_fini(&res->samples[v]);
    }
    sim_free(res->samples);
    sim_free(res->variants);
    sim_free(res->rows);
    sim_free(res);
}

/* Precision target of KPI `name` whose baseline mean is m. */
static double target_for(const char *name, double precision, double m)
{
    if (study_is_share(name) || !(fabs(m) > 0.0))
        return precision;
    return precision * fabs(m);
}

/* Required total replications for an interval of width hw at n to reach target. */
static double needed_reps(const sim_ci *ci, double target)
{
    if (!(ci->half_width > target))
        return 0.0;
    if (!(target > 0.0))
        return (double)INFINITY;
    double q = ci->half_width / target;
    return (double)ci->n * q * q;
}

/* Fill res->rows from the samples; returns the largest replication count any unmet counted
 * interval asks for (0 when all are met). */
static sim_status build_rows(policy_compare_result *res, const scenario *base,
                             const policy_compare_options *opts, double *need, sim_error *err)
{
    const study_sample *b = &res->samples[0];
    size_t cap = (res->n_variants - 1) * b->n_kpis;
    sim_free(res->rows);
    res->rows = NULL;
    res->n_rows = 0;
    *need = 0.0;
    if (cap == 0 && res->n_variants > 1)
        return SIM_OK;
    if (cap > 0) {
        res->rows = sim_calloc(cap, sizeof *res->rows);
        if (res->rows == NULL)
            return sim_error_set(err, SIM_ENOMEM, NULL, "out of memory for comparison rows");
    }
    int prec = opts->precision > 0.0;
    /* The baseline's own intervals count once (not once per policy). */
    for (size_t k = 0; k < b->n_kpis && prec; k++) {
        if (!study_is_reported(base, b->names[k]))
            continue;
        sim_ci bci = study_sample_ci(b, k, res->level);
        if (isnan(bci.half_width) || (opts->diff_only && res->n_variants > 1))
            continue;
        double n = needed_reps(&bci, target_for(b->names[k], opts->precision, bci.mean));
        *need = n > *need ? n : *need;
    }
    for (size_t v = 1; v < res->n_variants; v++) {
        const study_sample *p = &res->samples[v];
        for (size_t k = 0; k < b->n_kpis; k++) {
            if (!study_is_reported(base, b->names[k]))
                continue;
            size_t kp = study_sample_find(p, b->names[k]);
            if (kp == SIZE_MAX)
                continue; /* the policy removed what this KPI measures */
            policy_compare_row *row = &res->rows[res->n_rows++];
            row->policy = v;
            strcpy(row->kpi, b->names[k]);
            row->baseline = study_sample_ci(b, k, res->level);
            row->value = study_sample_ci(p, kp, res->level);
            row->diff = study_sample_paired_ci(b, k, p, kp, res->level);
            row->significant = sim_ci_excludes_zero(&row->diff);
            row->target_half_width =
                prec ? target_for(b->names[k], opts->precision, row->baseline.mean)
                     : (double)NAN;
            row->counted = prec && !isnan(row->diff.half_width);
            if (row->counted) {
                double n = needed_reps(&row->diff, row->target_half_width);
                if (!opts->diff_only && !isnan(row->value.half_width)) {
                    double m = needed_reps(&row->value, row->target_half_width);
                    n = m > n ? m : n;
                }
                *need = n > *need ? n : *need;
            }
        }
    }
    return SIM_OK;
}

sim_status policy_compare_run(const scenario *base, const char *const *specs, size_t n_specs,
                              const char *const *sets, size_t n_sets,
                              const policy_compare_options *opts, policy_compare_result **out,
                              scenario_diag *diag, sim_error *err)
{
    policy_compare_options dflt;
    if (opts == NULL) {
        policy_compare_options_default(&dflt);
        opts = &dflt;
    }
    *out = NULL;
    if (opts->precision < 0.0 || !isfinite(opts->precision))
        return sim_error_set(err, SIM_EINVAL, "--precision", "expected a finite number >= 0");
    size_t nv = n_specs + 1;
    sim_status st = SIM_OK;
    scenario **variants = NULL;
    uint64_t *seeds = NULL;
    policy_compare_result *res = sim_calloc(1, sizeof *res);
    if (res == NULL)
        return sim_error_set(err, SIM_ENOMEM, NULL, "out of memory");
    res->n_variants = nv;
    res->variants = sim_calloc(nv, sizeof *res->variants);
    res->samples = sim_calloc(nv, sizeof *res->samples);
    variants = sim_calloc(nv, sizeof *variants);
    seeds = sim_calloc(nv, sizeof *seeds);
    if (res->variants == NULL || res->samples == NULL || variants == NULL || seeds == NULL) {
        st = sim_error_set(err, SIM_ENOMEM, NULL, "out of memory");
        goto done;
    }
    strcpy(res->variants[0], "baseline");
    for (size_t v = 0; v < nv && st == SIM_OK; v++) {
        const char *spec = v == 0 ? NULL : specs[v - 1];
        if (v > 0) {
            if (spec == NULL || strlen(spec) >= POLICY_COMPARE_SPEC_MAX) {
                st = sim_error_set(err, SIM_EINVAL, "--policy", "empty or overlong policy spec");
                break;
            }
            strcpy(res->variants[v], spec);
        }
        study_sample_init(&res->samples[v]);
        st = policy_compare_derive(base, spec, sets, n_sets, &variants[v], diag, err);
    }
    if (st != SIM_OK)
        goto done;

    res->level = variants[0]->confidence;
    res->seed = opts->use_seed ? opts->seed : variants[0]->seed;
    for (size_t v = 0; v < nv; v++) {
        /* Independent streams: a different master seed per variant (golden-ratio steps, so
         * the hashed stream seeds share nothing). Only for showing what CRN buys. */
        seeds[v] = res->seed + (opts->independent ? (uint64_t)v * 0x9E3779B97F4A7C15ull : 0);
    }
    size_t n = opts->reps > 0 ? opts->reps : variants[0]->replications;
    if (n < 2)
        n = 2;
    size_t max_reps = opts->max_reps > 0 ? opts->max_reps : 100 * n;
    if (max_reps > SCENARIO_MAX_REPLICATIONS)
        max_reps = SCENARIO_MAX_REPLICATIONS;
    if (max_reps < n)
        max_reps = n;
    res->precision_requested = opts->precision > 0.0;

    size_t done_reps = 0;
    for (;;) {
        st = study_run(res->samples, (const scenario *const *)variants, seeds, nv, done_reps,
                       n - done_reps, &opts->study, err);
        if (st != SIM_OK)
            goto done;
        res->n_rounds++;
        done_reps = n;
        res->n_reps = n;
        double need = 0.0;
        st = build_rows(res, variants[0], opts, &need, err);
        if (st != SIM_OK)
            goto done;
        if (!res->precision_requested)
            break;
        if (need <= 0.0) {
            res->precision_met = 1;
            break;
        }
        if (n >= max_reps)
            break;
        /* Next total: what the widest unmet interval asks for, at least a quarter more (and
         * two) so tiny steps do not crawl, at most double (the estimate is from few reps). */
        size_t lo = n + (n / 4 > 2 ? n / 4 : 2);
        size_t hi = 2 * n;
        size_t next = need >= (double)hi ? hi : (size_t)ceil(need);
        if (next < lo)
            next = lo;
        if (next > max_reps)
            next = max_reps;
        n = next;
    }
done:
    study_variants_free(variants, nv);
    sim_free(seeds);
    if (st != SIM_OK) {
        policy_compare_free(res);
        return st;
    }
    *out = res;
    return SIM_OK;
}
