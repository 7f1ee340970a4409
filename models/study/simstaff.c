/* simstaff.c -- see simstaff.h. */
#include "simstaff.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "demand.h"
#include "cc_staff.h"
#include "sim_alloc.h"
#include "sim_ci.h"
#include "sim_tally.h"
#include "scenario_dist.h"
#include "scenario_load.h"

#define SIMSTAFF_DEFAULT_ITERATIONS 200
#define SIMSTAFF_STALL 5 /* raises without improvement before an interval is unreachable */

void simstaff_options_default(simstaff_options *opts)
{
    memset(opts, 0, sizeof *opts);
    study_options_default(&opts->study);
}

void simstaff_free(simstaff_result *res)
{
    if (res == NULL)
        return;
    for (size_t c = 0; c < res->n_channels; c++) {
        simstaff_channel *ch = &res->channels[c];
        sim_free(ch->sl_mean);
        sim_free(ch->sl_lcb);
        sim_free(ch->sl_n);
        sim_free(ch->val_mean);
        sim_free(ch->val_lo);
        sim_free(ch->val_hi);
        sim_free(ch->erl_mean);
        sim_free(ch->erl_lo);
        sim_free(ch->erl_hi);
    }
    sim_free(res->agents);
    sim_free(res->erlang);
    sim_free(res->unreachable);
    sim_free(res);
}

/* ---- per-replication service levels ------------------------------------------------- */

typedef struct simstaff_collect {
    const simstaff_result *res;
    double *sl; /* [rep * n_channels * n_week + c * n_week + i] */
} simstaff_collect;

static sim_status collect_rep(void *vctx, size_t variant, uint64_t replication,
                              const cc_rep *rep, sim_error *err)
{
    (void)variant;
    simstaff_collect *col = vctx;
    const simstaff_result *res = col->res;
    if (!rep->folded || rep->n_intervals != res->n_week)
        return sim_error_set(err, SIM_ESTATE, NULL, "simstaff needs week-folded series");
    double *row = col->sl + (size_t)replication * res->n_channels * res->n_week;
    for (size_t c = 0; c < res->n_channels; c++) {
        size_t ch = res->channels[c].channel;
        for (size_t i = 0; i < res->n_week; i++) {
            double within = *cc_rep_iv(rep, i, ch, CC_IV_ANSWERED_WITHIN);
            double den = *cc_rep_iv(rep, i, ch, CC_IV_ANSWERED) +
                         *cc_rep_iv(rep, i, ch, CC_IV_ABANDONED);
            row[c * res->n_week + i] = den > 0.0 ? within / den : (double)NAN;
        }
    }
    return SIM_OK;
}

/* The tally of channel c, interval i over n replications of sl. */
static sim_tally tally_of(const simstaff_result *res, const double *sl, size_t n, size_t c,
                          size_t i)
{
    sim_tally t;
    sim_tally_init(&t);
    for (size_t r = 0; r < n; r++) {
        double x = sl[(r * res->n_channels + c) * res->n_week + i];
        if (!isnan(x))
            sim_tally_add(&t, x);
    }
    return t;
}

/* ---- deriving a staffing ------------------------------------------------------------- */

static int has_groups_array(const scenario *base)
{
    int has = 0;
    cJSON *root = cJSON_Parse(base->source_json != NULL ? base->source_json : "{}");
    if (root != NULL) {
        has = cJSON_GetObjectItemCaseSensitive(root, "groups") != NULL;
        cJSON_Delete(root);
    }
    return has;
}

/* "[a,b,c,...]" of n values into a new string. */
static char *list_text(const size_t *v, size_t n)
{
    size_t len = 3 + n * 21;
    char *s = sim_malloc(len);
    if (s == NULL)
        return NULL;
    size_t at = 0;
    s[at++] = '[';
    for (size_t i = 0; i < n; i++)
        at += (size_t)snprintf(s + at, len - at, "%s%zu", i > 0 ? "," : "", v[i]);
    snprintf(s + at, len - at, "]");
    return s;
}

sim_status simstaff_derive(const scenario *base, const simstaff_result *res,
                           const size_t *agents, const char *const *policies,
                           size_t n_policies, const char *const *sets, size_t n_sets,
                           scenario **out, scenario_diag *diag, sim_error *err)
{
    *out = NULL;
    size_t cap = n_sets + 4 * res->n_groups + 4;
    char **own = sim_calloc(cap, sizeof *own);
    const char **all = sim_calloc(cap, sizeof *all);
    char *implicit_json = NULL;
    size_t n_own = 0, n_all = 0;
    sim_status st = SIM_OK;
    if (own == NULL || all == NULL) {
        st = sim_error_set(err, SIM_ENOMEM, NULL, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n_sets; i++)
        all[n_all++] = sets[i];
    /* The named policies are applied before these overrides; the file's policy list goes so
     * that the loader does not check the other policies against groups whose staffing mode
     * changed (a policy setting a fixed size no longer fits a per-interval group). */
    all[n_all++] = "policies=null";
    all[n_all++] = "roadmap=null"; /* its steps name policies; a staffing is for one year */
    int groups_array = has_groups_array(base);
    size_t implicit_len = 0, implicit_cap = 0;
    for (size_t k = 0; k < res->n_groups && st == SIM_OK; k++) {
        size_t gi = scenario_find_group(base, res->group_names[k]);
        if (gi == SCENARIO_NONE) {
            st = sim_error_set(err, SIM_EINVAL, "groups",
                               "group '%s' is not in the scenario file (a policy added it); "
                               "it cannot be sized by simulation",
                               res->group_names[k]);
            break;
        }
        const scenario_group *g = &base->groups[gi];
        char *list = list_text(agents + k * res->n_week, res->n_week);
        if (list == NULL) {
            st = sim_error_set(err, SIM_ENOMEM, NULL, "out of memory");
            break;
        }
        if (!g->implicit) {
            size_t len = strlen(list) + 2 * SCENARIO_NAME_MAX + 64;
            char *a = sim_malloc(len), *b = sim_malloc(len), *c = sim_malloc(len);
            if (a == NULL || b == NULL || c == NULL) {
                sim_free(a);
                sim_free(b);
                sim_free(c);
                sim_free(list);
                st = sim_error_set(err, SIM_ENOMEM, NULL, "out of memory");
                break;
            }
            snprintf(a, len, "groups.%s.staffing=per_interval", g->name);
            snprintf(b, len, "groups.%s.agents=null", g->name);
            snprintf(c, len, "groups.%s.agents_per_interval=%s", g->name, list);
            own[n_own++] = a;
            own[n_own++] = b;
            own[n_own++] = c;
            all[n_all++] = a;
            all[n_all++] = b;
            all[n_all++] = c;
            sim_free(list);
            continue;
        }
        /* An implicit group ("agents" on a channel) becomes an explicit group, which only a
         * file without a groups array can take as one override. */
        if (groups_array) {
            sim_free(list);
            st = sim_error_set(err, SIM_EINVAL, "groups",
                               "group '%s' comes from the channel's \"agents\" shortcut in a "
                               "file that also has a groups array; write it as a group to "
                               "size it by simulation",
                               g->name);
            break;
        }
        const scenario_channel *ch = &base->channels[g->skills[0].channel];
        size_t need = strlen(list) + 3 * SCENARIO_NAME_MAX + 200;
        if (implicit_len + need + 8 > implicit_cap) {
            size_t ncap = 2 * (implicit_cap + need + 8);
            char *p = sim_realloc(implicit_json, ncap);
            if (p == NULL) {
                sim_free(list);
                st = sim_error_set(err, SIM_ENOMEM, NULL, "out of memory");
                break;
            }
            implicit_json = p;
            implicit_cap = ncap;
            if (implicit_len == 0)
                implicit_len = (size_t)snprintf(implicit_json, implicit_cap, "groups=[");
        }
        implicit_len += (size_t)snprintf(
            implicit_json + implicit_len, implicit_cap - implicit_len,
            "%s{\"name\":\"%s\",\"skills\":[\"%s\"],\"staffing\":\"per_interval\","
            "\"agents_per_interval\":%s,\"shrinkage\":%.17g,\"cost_per_hour_eur\":%.17g}",
            implicit_json[implicit_len - 1] == '[' ? "" : ",", g->name, ch->name, list,
            g->shrinkage, g->cost_per_hour_eur);
        sim_free(list);
        char *a = sim_malloc(SCENARIO_NAME_MAX + 32);
        if (a == NULL) {
            st = sim_error_set(err, SIM_ENOMEM, NULL, "out of memory");
            break;
        }
        snprintf(a, SCENARIO_NAME_MAX + 32, "channels.%s.agents=null", ch->name);
        own[n_own++] = a;
        all[n_all++] = a;
    }
    if (st == SIM_OK && implicit_json != NULL) {
        snprintf(implicit_json + implicit_len, implicit_cap - implicit_len, "]");
        all[n_all++] = implicit_json;
    }
    if (st == SIM_OK) {
        scenario_load_opts lo = {policies, n_policies, all, n_all, NULL, NULL, 0};
        st = scenario_load_derive(base, &lo, out, diag);
        if (st != SIM_OK) {
            if (diag != NULL && scenario_diag_count(diag) > 0)
                scenario_diag_to_error(diag, err);
            if (err != NULL)
                err->code = st;
        }
    }
done:
    for (size_t i = 0; i < n_own; i++)
        sim_free(own[i]);
    sim_free(own);
    sim_free(all);
    sim_free(implicit_json);
    return st;
}

/* ---- the search ---------------------------------------------------------------------- */

/* 1 when any of group g's channels is open somewhere in interval-of-week i (checked at the
 * start and the middle of the interval). */
static int group_open(const scenario *s, const scenario_group *g, size_t i)
{
    unsigned wd = (unsigned)(i / s->intervals_per_day);
    double tod = (double)(i % s->intervals_per_day) * s->interval_s;
    for (size_t k = 0; k < g->n_skills; k++) {
        size_t c = g->skills[k].channel;
        if (scenario_is_open(s, c, wd, tod) || scenario_is_open(s, c, wd, tod + 0.5 * s->interval_s))
            return 1;
    }
    return 0;
}

/* Simulate `agents` with seed for n reps; fill sl [n x channels x week]. */
static sim_status simulate(const scenario *base, simstaff_result *res, const size_t *agents,
                           const char *const *policies, size_t n_policies,
                           const char *const *sets, size_t n_sets, uint64_t seed, size_t n,
                           const simstaff_options *opts, double *sl, scenario_diag *diag,
                           sim_error *err)
{
    scenario *v = NULL;
    sim_status st = simstaff_derive(base, res, agents, policies, n_policies, sets, n_sets, &v,
                                    diag, err);
    if (st != SIM_OK)
        return st;
    simstaff_collect col = {res, sl};
    study_options so = opts->study;
    so.intervals = CC_INTERVALS_WEEK;
    so.on_rep = collect_rep;
    so.on_rep_ctx = &col;
    so.hook = NULL; /* costs are not needed for the search */
    study_sample sample;
    study_sample_init(&sample);
    const scenario *const vv[1] = {v};
    st = study_run(&sample, vv, &seed, 1, 0, n, &so, err);
    study_sample_fini(&sample);
    scenario_free(v);
    return st;
}

static sim_status alloc_channel_arrays(simstaff_channel *ch, size_t n)
{
    ch->sl_mean = sim_calloc(n, sizeof(double));
    ch->sl_lcb = sim_calloc(n, sizeof(double));
    ch->sl_n = sim_calloc(n, sizeof(size_t));
    ch->val_mean = sim_calloc(n, sizeof(double));
    ch->val_lo = sim_calloc(n, sizeof(double));
    ch->val_hi = sim_calloc(n, sizeof(double));
    ch->erl_mean = sim_calloc(n, sizeof(double));
    ch->erl_lo = sim_calloc(n, sizeof(double));
    ch->erl_hi = sim_calloc(n, sizeof(double));
    if (ch->sl_mean == NULL || ch->sl_lcb == NULL || ch->sl_n == NULL || ch->val_mean == NULL ||
        ch->val_lo == NULL || ch->val_hi == NULL || ch->erl_mean == NULL ||
        ch->erl_lo == NULL || ch->erl_hi == NULL)
        return SIM_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        ch->val_mean[i] = ch->val_lo[i] = ch->val_hi[i] = (double)NAN;
        ch->erl_mean[i] = ch->erl_lo[i] = ch->erl_hi[i] = (double)NAN;
    }
    return SIM_OK;
}

/* The per-interval two-sided level that makes m simultaneous intervals family-wise at L
 * (Bonferroni), m = the intervals with at least two observations in sl. */
static double family_level(const simstaff_result *res, const double *sl, size_t n)
{
    size_t m = 0;
    for (size_t c = 0; c < res->n_channels; c++) {
        for (size_t i = 0; i < res->n_week; i++)
            m += tally_of(res, sl, n, c, i).n >= 2;
    }
    return 1.0 - (1.0 - res->level) / (double)(m > 0 ? m : 1);
}

/* Two-sided validation intervals; counts checked and below-target intervals. */
static void validate_into(simstaff_result *res, const double *sl, size_t n, int erlang)
{
    /* Family-wise (Bonferroni) over the intervals checked: each interval's two-sided
     * interval at 1 - (1 - L) / m, so that the chance of calling any interval of a staffing
     * that truly meets every target "below" is at most 1 - L. The per-interval (marginal)
     * count is kept too, for information. */
    double fam = family_level(res, sl, n);
    size_t checked = 0, below = 0, marginal = 0;
    for (size_t c = 0; c < res->n_channels; c++) {
        simstaff_channel *ch = &res->channels[c];
        for (size_t i = 0; i < res->n_week; i++) {
            sim_tally t = tally_of(res, sl, n, c, i);
            sim_ci one = sim_ci_from_tally(&t, res->level);
            marginal += t.n >= 2 && one.hi < ch->target;
            sim_ci ci = sim_ci_from_tally(&t, fam);
            double *mean = erlang ? ch->erl_mean : ch->val_mean;
            double *lo = erlang ? ch->erl_lo : ch->val_lo;
            double *hi = erlang ? ch->erl_hi : ch->val_hi;
            mean[i] = ci.mean;
            lo[i] = ci.lo;
            hi[i] = ci.hi;
            if (t.n < 2)
                continue;
            checked++;
            below += ci.hi < ch->target;
        }
    }
    if (erlang) {
        res->erl_checked = checked;
        res->erl_below = below;
        res->erl_below_marginal = marginal;
    } else {
        res->val_checked = checked;
        res->val_below = below;
        res->val_below_marginal = marginal;
    }
    res->family_level = fam;
}

sim_status simstaff_run(const scenario *base, const char *const *policies, size_t n_policies,
                        const char *const *sets, size_t n_sets, const simstaff_options *opts,
                        simstaff_result **out, scenario_diag *diag, sim_error *err)
{
    simstaff_options dflt;
    if (opts == NULL) {
        simstaff_options_default(&dflt);
        opts = &dflt;
    }
    *out = NULL;
    sim_status st = SIM_OK;
    double *sl = NULL;
    size_t *tmp = NULL, *fail = NULL, *stall = NULL;
    double *cur = NULL, *last = NULL;
    scenario *scn = NULL; /* base with the policies and sets: demand and targets come from it */
    simstaff_result *res = sim_calloc(1, sizeof *res);
    if (res == NULL)
        return sim_error_set(err, SIM_ENOMEM, NULL, "out of memory");
    {
        scenario_load_opts lo = {policies, n_policies, sets, n_sets, NULL, NULL, 0};
        st = scenario_load_derive(base, &lo, &scn, diag);
        if (st != SIM_OK) {
            if (diag != NULL && scenario_diag_count(diag) > 0)
                scenario_diag_to_error(diag, err);
            if (err != NULL)
                err->code = st;
            goto done;
        }
    }
    res->intervals_per_day = scn->intervals_per_day;
    res->n_week = 7 * scn->intervals_per_day;
    res->interval_s = scn->interval_s;
    res->level = opts->level > 0.0 ? opts->level : scn->confidence;
    if (!(res->level > 0.5 && res->level < 1.0)) {
        st = sim_error_set(err, SIM_EINVAL, "--confidence", "expected a level in (0.5, 1)");
        goto done;
    }
    res->seed = opts->use_seed ? opts->seed : scn->seed;
    res->validate_seed = opts->validate_seed_set ? opts->validate_seed : res->seed + 1000003u;
    res->n_reps = opts->reps > 0 ? opts->reps : scn->replications;
    if (res->n_reps < 2)
        res->n_reps = 2;
    res->validate_reps = opts->validate_reps;

    /* Which groups. */
    for (size_t g = 0; g < scn->n_groups; g++) {
        const scenario_group *grp = &scn->groups[g];
        if (opts->group != NULL && strcmp(grp->name, opts->group) != 0)
            continue;
        /* Real-time skills, plus callbacks (answered by the same agents when they are
         * free; they add load but put no per-interval constraint). */
        size_t n_rt = 0, n_other = 0;
        for (size_t k = 0; k < grp->n_skills; k++) {
            scenario_channel_kind kind = scn->channels[grp->skills[k].channel].kind;
            int rt = scenario_channel_kind_props(kind)->realtime;
            n_rt += (size_t)rt;
            n_other += !rt && kind != SCENARIO_CHANNEL_CALLBACK;
        }
        if (n_rt == 0 || n_other > 0) {
            if (opts->group != NULL) {
                st = sim_error_set(err, SIM_EINVAL, "--group",
                                   "group '%s' serves a channel that is not voice, video, chat "
                                   "or callback (or none of the first three); only real-time "
                                   "groups are sized by simulation",
                                   grp->name);
                goto done;
            }
            continue;
        }
        snprintf(res->group_names[res->n_groups], SCENARIO_NAME_MAX, "%s", grp->name);
        res->groups[res->n_groups++] = g;
    }
    if (res->n_groups == 0) {
        st = opts->group != NULL
                 ? sim_error_set(err, SIM_EINVAL, "--group", "no group named '%s'", opts->group)
                 : sim_error_set(err, SIM_EINVAL, "groups",
                                 "no group serves only real-time channels (voice, video, chat, "
                                 "and callbacks)");
        goto done;
    }
    size_t sharing[SCENARIO_MAX_CHANNELS] = {0};
    for (size_t k = 0; k < res->n_groups; k++) {
        const scenario_group *grp = &scn->groups[res->groups[k]];
        for (size_t j = 0; j < grp->n_skills; j++) {
            size_t c = grp->skills[j].channel;
            if (sharing[c]++ == 0 && scenario_channel_kind_props(scn->channels[c].kind)->realtime) {
                simstaff_channel *ch = &res->channels[res->n_channels++];
                ch->channel = c;
                ch->target = scn->channels[c].sl_target;
            }
        }
    }
    size_t nw = res->n_week, ng = res->n_groups, nch = res->n_channels;
    res->agents = sim_calloc(ng * nw, sizeof *res->agents);
    res->erlang = sim_calloc(ng * nw, sizeof *res->erlang);
    tmp = sim_calloc(nw, sizeof *tmp);
    fail = sim_calloc(ng * nw, sizeof *fail);
    stall = sim_calloc(ng * nw, sizeof *stall);
    cur = sim_calloc(ng * nw, sizeof *cur);
    last = sim_calloc(ng * nw, sizeof *last);
    res->unreachable = sim_calloc(ng * nw, sizeof *res->unreachable);
    size_t max_reps = res->n_reps > res->validate_reps ? res->n_reps : res->validate_reps;
    sl = sim_calloc(max_reps * nch * nw, sizeof *sl);
    if (res->agents == NULL || res->erlang == NULL || tmp == NULL || fail == NULL ||
        sl == NULL || stall == NULL || cur == NULL || last == NULL || res->unreachable == NULL) {
        st = sim_error_set(err, SIM_ENOMEM, NULL, "out of memory");
        goto done;
    }
    for (size_t c = 0; c < nch; c++) {
        if (alloc_channel_arrays(&res->channels[c], nw) != SIM_OK) {
            st = sim_error_set(err, SIM_ENOMEM, NULL, "out of memory");
            goto done;
        }
    }
    /* Erlang C staffing and the starting point (offered load), over every channel the
     * sized groups serve (callbacks included). */
    for (size_t ci = 0; ci < scn->n_channels; ci++) {
        if (sharing[ci] == 0)
            continue;
        const scenario_channel *ch = &scn->channels[ci];
        st = cc_staff_erlang_default(scn, ci, tmp, nw, err);
        if (st != SIM_OK)
            goto done;
        for (size_t k = 0; k < ng; k++) {
            const scenario_group *grp = &scn->groups[res->groups[k]];
            int serves = 0;
            for (size_t j = 0; j < grp->n_skills; j++)
                serves |= grp->skills[j].channel == ci;
            if (!serves)
                continue;
            for (size_t i = 0; i < nw; i++) {
                res->erlang[k * nw + i] += (tmp[i] + sharing[ci] - 1) / sharing[ci];
                /* the interval's mean handle time (durations by time of day) */
                double tod = (double)(i % scn->intervals_per_day) * scn->interval_s;
                double aht = ch->n_handle_periods == 0
                                 ? ch->handle_time.mean_s
                                 : scenario_dist_mean_between(&ch->handle_time, ch->handle_periods,
                                                              ch->n_handle_periods, tod,
                                                              tod + scn->interval_s);
                if (ch->has_wrap_up)
                    aht += ch->wrap_up.mean_s; /* after-call work holds the agent too */
                double load = demand_channel_rate_week(scn, ci, i) * aht /
                              (double)(ch->concurrency > 0 ? ch->concurrency : 1) /
                              (double)sharing[ci];
                res->agents[k * nw + i] += (size_t)ceil(load);
            }
        }
    }
    /* Weekdays the horizon never simulates cannot be searched: they keep Erlang C's
     * staffing (and the result says which days were simulated). */
    for (size_t d = 0; d < scn->horizon_days && d < 7; d++)
        res->days_simulated |= 1u << ((scn->start_weekday + d) % 7);
    for (size_t k = 0; k < ng; k++) {
        const scenario_group *grp = &scn->groups[res->groups[k]];
        for (size_t i = 0; i < nw; i++) {
            if (!group_open(scn, grp, i))
                res->agents[k * nw + i] = res->erlang[k * nw + i] = 0;
            else if (!(res->days_simulated & (1u << (i / scn->intervals_per_day))))
                res->agents[k * nw + i] = res->erlang[k * nw + i];
        }
    }

    /* Grow where the lower confidence bound misses the target. t quantile: the one-sided
     * level L equals the two-sided level 2L - 1. Round 0 and every round after a failure
     * reuse the search seed (common random numbers: the staffing moves, the sample does
     * not); once a round passes, confirmation rounds draw fresh seeds, and staffing grows
     * again where a fresh sample fails, until a fresh sample passes everywhere. Without the
     * confirmation the answer is tuned to the search sample's luck (an interval whose
     * arrivals happened to be light passes with too few agents): selection bias. */
    size_t max_it = opts->max_iterations > 0 ? opts->max_iterations : SIMSTAFF_DEFAULT_ITERATIONS;
    uint64_t round_seed = res->seed;
    size_t confirmations = 0;
    for (res->iterations = 0; res->iterations < max_it;) {
        st = simulate(base, res, res->agents, policies, n_policies, sets, n_sets, round_seed,
                      res->n_reps, opts, sl, diag, err);
        if (st != SIM_OK)
            goto done;
        res->iterations++;
        int confirming = round_seed != res->seed;
        double fam = confirming ? family_level(res, sl, res->n_reps) : res->level;
        memset(fail, 0, ng * nw * sizeof *fail);
        for (size_t q = 0; q < ng * nw; q++)
            cur[q] = (double)INFINITY;
        size_t n_fail = 0;
        for (size_t c = 0; c < nch; c++) {
            simstaff_channel *ch = &res->channels[c];
            for (size_t i = 0; i < nw; i++) {
                sim_tally t = tally_of(res, sl, res->n_reps, c, i);
                if (!confirming) {
                    ch->sl_n[i] = (size_t)t.n;
                    ch->sl_mean[i] = t.n > 0 ? t.mean : (double)NAN;
                    ch->sl_lcb[i] = (double)NAN;
                }
                if (t.n < 2)
                    continue;
                if (confirming) {
                    /* a fresh sample: fail only where it shows SL below the target
                     * family-wise (the validation's criterion) */
                    sim_ci ci = sim_ci_from_tally(&t, fam);
                    if (!(ci.hi < ch->target))
                        continue;
                } else {
                    double q = sim_ci_t_quantile(2.0 * res->level - 1.0, t.n - 1);
                    ch->sl_lcb[i] = t.mean - q * sim_tally_stderr(&t);
                    if (!(ch->sl_lcb[i] < ch->target))
                        continue;
                }
                for (size_t k = 0; k < ng; k++) {
                    const scenario_group *grp = &scn->groups[res->groups[k]];
                    for (size_t j = 0; j < grp->n_skills; j++) {
                        if (grp->skills[j].channel != ch->channel)
                            continue;
                        cur[k * nw + i] = t.mean < cur[k * nw + i] ? t.mean : cur[k * nw + i];
                        if (!fail[k * nw + i]) {
                            fail[k * nw + i] = 1;
                            n_fail++;
                        }
                    }
                }
            }
        }
        /* An interval whose mean service level has not risen (by 0.002) over its last
         * SIMSTAFF_STALL raises cannot be helped by these groups (its contacts wait for
         * someone else: an outsourcer's queue, another group's skill): it is marked
         * unreachable and no longer raised, so the search ends. */
        for (size_t q = 0; q < ng * nw; q++) {
            if (!fail[q])
                continue;
            if (!res->unreachable[q] && !confirming) {
                stall[q] = cur[q] <= last[q] + 0.002 ? stall[q] + 1 : 0;
                last[q] = cur[q];
                if (stall[q] >= SIMSTAFF_STALL) {
                    res->unreachable[q] = 1;
                    res->n_unreachable++;
                }
            }
            if (res->unreachable[q]) {
                fail[q] = 0;
                n_fail--;
            }
        }
        if (n_fail == 0 && confirming) {
            res->converged = 1; /* a fresh sample shows no interval below target */
            break;
        }
        for (size_t q = 0; q < ng * nw; q++)
            res->agents[q] += fail[q];
        if (n_fail == 0) {
            /* the search sample passes: confirm on a fresh one (golden-ratio steps give
             * unrelated stream seeds); after a failed confirmation, the search sample again
             * (the added agents must still pass it: they do, staffing only grew) and a new
             * fresh sample */
            confirmations++;
            round_seed = res->seed + (uint64_t)confirmations * 0x9E3779B97F4A7C15ull;
        } else if (confirming) {
            confirmations++;
            round_seed = res->seed + (uint64_t)confirmations * 0x9E3779B97F4A7C15ull;
        }
    }
    res->confirmations = confirmations;

    /* Validation with a fresh seed: the simulated staffing, then Erlang C's. */
    if (res->validate_reps >= 2) {
        st = simulate(base, res, res->agents, policies, n_policies, sets, n_sets,
                      res->validate_seed, res->validate_reps, opts, sl, diag, err);
        if (st != SIM_OK)
            goto done;
        validate_into(res, sl, res->validate_reps, 0);
        st = simulate(base, res, res->erlang, policies, n_policies, sets, n_sets,
                      res->validate_seed, res->validate_reps, opts, sl, diag, err);
        if (st != SIM_OK)
            goto done;
        validate_into(res, sl, res->validate_reps, 1);
    }
done:
    sim_free(sl);
    sim_free(tmp);
    sim_free(fail);
    sim_free(stall);
    sim_free(cur);
    sim_free(last);
    scenario_free(scn);
    if (st != SIM_OK) {
        simstaff_free(res);
        return st;
    }
    *out = res;
    return SIM_OK;
}

double simstaff_agent_hours(const simstaff_result *r, const size_t *agents)
{
    double h = 0.0;
    for (size_t q = 0; q < r->n_groups * r->n_week; q++)
        h += (double)agents[q] * r->interval_s / 3600.0;
    return h;
}
