/* calib.c -- the calibration pass and the scenario and report it writes. Per channel (in the
 * order of first appearance in the log) it keeps a handle-time fit and a patience
 * accumulator; arrivals and repeats keep their own tables in the same channel order. */
#include "calib.h"

#include <math.h>
#include <string.h>

#include "calib_arrivals.h"
#include "calib_fit.h"
#include "calib_patience.h"
#include "calib_repeats.h"
#include "sim_alloc.h"

#define SAMPLE_CAP 100000

struct calib {
    calib_options opt;
    calib_arrivals *arr;
    calib_repeats *rep;
    calib_fit *handle[CALIB_ARRIVALS_CHANNELS_MAX];
    calib_patience *pat[CALIB_ARRIVALS_CHANNELS_MAX];
    size_t answered[CALIB_ARRIVALS_CHANNELS_MAX], abandoned[CALIB_ARRIVALS_CHANNELS_MAX];
    size_t n_ch;
    calib_log_stats stats;
};

void calib_options_init(calib_options *o)
{
    calib_log_map_init(&o->map);
    o->interval_s = 900.0;
    o->window_s = 86400.0;
    o->occupancy = 0.85;
}

void calib_free(calib *c)
{
    if (c == NULL)
        return;
    calib_arrivals_free(c->arr);
    calib_repeats_free(c->rep);
    for (size_t i = 0; i < CALIB_ARRIVALS_CHANNELS_MAX; i++) {
        calib_fit_free(c->handle[i]);
        calib_patience_free(c->pat[i]);
    }
    sim_free(c);
}

static sim_status sink(void *ctx, const calib_log_contact *k, sim_error *err)
{
    calib *c = ctx;
    size_t ch;
    sim_status s = calib_arrivals_register(c->arr, k->channel, &ch, err);
    if (s != SIM_OK)
        return s;
    if (c->handle[ch] == NULL) {
        c->handle[ch] = calib_fit_new(SAMPLE_CAP, 17u + ch);
        c->pat[ch] = calib_patience_new(SAMPLE_CAP, 31u + ch);
        if (c->handle[ch] == NULL || c->pat[ch] == NULL)
            return sim_error_set(err, SIM_ENOMEM, "channel", "out of memory");
        c->n_ch = ch + 1;
    }
    double done;
    if (k->outcome == CALIB_LOG_ANSWERED) {
        c->answered[ch]++;
        calib_patience_add(c->pat[ch], k->answer_s - k->arrival_s, 0);
        if (!isnan(k->end_s))
            calib_fit_add(c->handle[ch], k->end_s - k->answer_s +
                                             (isnan(k->wrapup_s) ? 0.0 : k->wrapup_s));
        done = isnan(k->end_s) ? k->answer_s : k->end_s;
    } else {
        c->abandoned[ch]++;
        calib_patience_add(c->pat[ch], k->abandon_s - k->arrival_s, 1);
        done = k->abandon_s;
    }
    /* demand counts first contacts only: the repeats come back through fcr_share, retrial
     * and hopping, so counting them as arrivals too would count them twice */
    int repeat;
    s = calib_repeats_add(c->rep, k->customer_id, ch, k->outcome == CALIB_LOG_ANSWERED ? 0 : 1,
                          k->arrival_s, done, &repeat, err);
    if (s == SIM_OK && !repeat)
        s = calib_arrivals_add(c->arr, k->channel, k->arrival_s, err);
    return s;
}

sim_status calib_run(const char *path, const calib_options *o, calib **out, calib_log_stats *st,
                     sim_error *err)
{
    *out = NULL;
    calib *c = sim_calloc(1, sizeof *c);
    if (c == NULL)
        return sim_error_set(err, SIM_ENOMEM, path, "out of memory");
    c->opt = *o;
    /* the map's names may point into its own text: re-point them into our copy */
    for (int f = 0; f < CALIB_LOG_FIELD_COUNT; f++) {
        const char *m = o->map.column[f];
        if (m != NULL && m >= o->map.text && m < o->map.text + sizeof o->map.text)
            c->opt.map.column[f] = c->opt.map.text + (m - o->map.text);
    }
    c->arr = calib_arrivals_new(o->interval_s);
    c->rep = calib_repeats_new(o->window_s);
    if (c->arr == NULL || c->rep == NULL) {
        calib_free(c);
        return sim_error_set(err, SIM_EINVAL, "--interval",
                             "interval %g s must divide the day, window %g s must be > 0",
                             o->interval_s, o->window_s);
    }
    sim_status s = calib_log_read(path, &c->opt.map, sink, c, st, err);
    if (s == SIM_OK && st->used == 0)
        s = sim_error_set(err, SIM_EINVAL, path, "no usable contact in the log");
    if (s != SIM_OK) {
        calib_free(c);
        return s;
    }
    calib_repeats_finish(c->rep);
    c->stats = *st;
    *out = c;
    return SIM_OK;
}

/* ---- output ---- */

static cJSON *num(cJSON *o, const char *k, double v)
{
    return cJSON_AddNumberToObject(o, k, isfinite(v) ? v : 0.0);
}

/* An estimate with its standard error: {"value": v, "se": se}. */
static void est(cJSON *o, const char *k, double v, double se)
{
    cJSON *e = cJSON_AddObjectToObject(o, k);
    if (e == NULL)
        return;
    if (isfinite(v))
        cJSON_AddNumberToObject(e, "value", v);
    else
        cJSON_AddNullToObject(e, "value");
    if (isfinite(se))
        cJSON_AddNumberToObject(e, "se", se);
    else
        cJSON_AddNullToObject(e, "se");
}

/* The scenario distribution of a fit: the chosen kind, or the empirical quantiles. */
static cJSON *dist_json(const calib_fit_result *r)
{
    cJSON *d = cJSON_CreateObject();
    if (d == NULL)
        return NULL;
    if (r->use_empirical || r->best < 0) {
        cJSON_AddStringToObject(d, "distribution", "empirical");
        cJSON *q = cJSON_AddArrayToObject(d, "quantiles");
        for (int i = 0; i < CALIB_FIT_QUANTILES; i++) {
            cJSON *pt = cJSON_CreateObject();
            num(pt, "p", (double)i / (CALIB_FIT_QUANTILES - 1));
            num(pt, "value_s", r->quantile_s[i]);
            cJSON_AddItemToArray(q, pt);
        }
        return d;
    }
    const calib_fit_param *p = &r->fit[r->best];
    cJSON_AddStringToObject(d, "distribution", calib_fit_kind_name((calib_fit_kind)r->best));
    if (r->best == CALIB_FIT_WEIBULL) {
        num(d, "shape", p->p1);
        num(d, "scale_s", p->p2);
    } else {
        num(d, "mean_s", p->mean_s);
        num(d, "cv", p->cv);
    }
    return d;
}

static cJSON *fit_report(calib_fit *f)
{
    calib_fit_result r;
    cJSON *o = cJSON_CreateObject();
    if (o == NULL)
        return NULL;
    if (f == NULL || calib_fit_get(f, &r, NULL) != SIM_OK) {
        num(o, "n", f != NULL ? (double)r.n : 0.0);
        return o;
    }
    num(o, "n", (double)r.n);
    num(o, "n_nonpositive", (double)r.n_nonpositive);
    num(o, "n_sample", (double)r.n_sample);
    est(o, "mean_s", r.mean_s, r.mean_se);
    num(o, "cv", r.cv);
    num(o, "ks_critical_1pct", r.ks_critical);
    cJSON *fits = cJSON_AddObjectToObject(o, "fits");
    static const char *const pn[CALIB_FIT_KINDS][2] = {
        {"mu", "sigma"}, {"shape", "scale_s"}, {"shape", "scale_s"}};
    for (int k = 0; k < CALIB_FIT_KINDS; k++) {
        if (!r.fit[k].ok)
            continue;
        cJSON *x = cJSON_AddObjectToObject(fits, calib_fit_kind_name((calib_fit_kind)k));
        est(x, pn[k][0], r.fit[k].p1, r.fit[k].se1);
        est(x, pn[k][1], r.fit[k].p2, r.fit[k].se2);
        num(x, "mean_s", r.fit[k].mean_s);
        num(x, "cv", r.fit[k].cv);
        num(x, "aic", r.fit[k].aic);
        num(x, "ks", r.fit[k].ks);
    }
    cJSON_AddStringToObject(o, "chosen",
                            r.use_empirical || r.best < 0
                                ? "empirical"
                                : calib_fit_kind_name((calib_fit_kind)r.best));
    cJSON_AddItemToObject(o, "distribution", dist_json(&r));
    return o;
}

/* The patience a scenario gets: Weibull when the likelihood ratio against the exponential
 * exceeds the chi-square(1) 1% point 6.63, else exponential. */
static int patience_weibull(const calib_patience_result *p)
{
    return p->weibull_ok && 2.0 * (p->weibull_loglik - p->exp_loglik) > 6.63;
}

static double busiest_load(const calib *c, size_t ch, double aht, double cv)
{
    double peak = 0.0;
    size_t ni = calib_arrivals_n_intervals(c->arr);
    for (int w = 0; w < 7; w++)
        for (size_t i = 0; i < ni; i++) {
            double m, se;
            calib_arrivals_get_rate(c->arr, ch, w, i, cv, &m, &se);
            if (m > peak)
                peak = m;
        }
    return peak * aht / c->opt.interval_s;
}

cJSON *calib_scenario(const calib *cc, const char *name)
{
    calib *c = (calib *)cc; /* the fits sort their samples: no visible state changes */
    cJSON *s = cJSON_CreateObject();
    if (s == NULL)
        return NULL;
    cJSON_AddStringToObject(s, "name", name);
    cJSON_AddStringToObject(s, "description",
                            "Calibrated by omnisim calibrate from a contact log (docs/data.md). "
                            "Agents are a placeholder sized to the busiest interval; replace "
                            "them with your staffing.");
    num(s, "interval_s", c->opt.interval_s);
    size_t n = calib_arrivals_n_channels(c->arr);
    /* one shared day factor: the cv of the channel with most arrivals */
    double cv = 0.0, most = -1.0;
    for (size_t ch = 0; ch < n; ch++) {
        calib_arrivals_daily d;
        calib_arrivals_get_daily(c->arr, ch, &d);
        if (d.total > most) {
            most = d.total;
            cv = isfinite(d.gamma_cv) ? d.gamma_cv : 0.0;
        }
    }
    cJSON *dem = cJSON_AddObjectToObject(s, "demand");
    num(dem, "overdispersion_cv", fmin(cv, 2.0));
    cJSON *chs = cJSON_AddArrayToObject(s, "channels");
    cJSON *hop = cJSON_CreateArray();
    for (size_t ch = 0; ch < n; ch++) {
        const char *cn = calib_arrivals_channel(c->arr, ch);
        cJSON *o = cJSON_CreateObject();
        cJSON_AddItemToArray(chs, o);
        cJSON_AddStringToObject(o, "name", cn);
        cJSON_AddStringToObject(o, "kind", "voice");
        calib_arrivals_daily d;
        calib_arrivals_get_daily(c->arr, ch, &d);
        calib_fit_result h;
        double aht = 300.0;
        if (calib_fit_get(c->handle[ch], &h, NULL) == SIM_OK) {
            cJSON_AddItemToObject(o, "handle_time", dist_json(&h));
            aht = h.mean_s;
        } else {
            cJSON *e = cJSON_AddObjectToObject(o, "handle_time");
            cJSON_AddStringToObject(e, "distribution", "exponential");
            num(e, "mean_s", aht);
        }
        calib_patience_result p;
        if (calib_patience_get(c->pat[ch], &p, NULL) == SIM_OK) {
            cJSON *e = cJSON_AddObjectToObject(o, "patience");
            if (patience_weibull(&p)) {
                cJSON_AddStringToObject(e, "distribution", "weibull");
                num(e, "shape", p.weibull_shape);
                num(e, "scale_s", p.weibull_scale_s);
            } else {
                cJSON_AddStringToObject(e, "distribution", "exponential");
                num(e, "mean_s", p.exp_mean_s);
            }
        }
        num(o, "daily_volume", d.mean_all);
        cJSON *wk = cJSON_AddArrayToObject(o, "weekday");
        for (int w = 0; w < 7; w++)
            cJSON_AddItemToArray(wk, cJSON_CreateNumber(d.weight[w]));
        cJSON *in = cJSON_AddArrayToObject(o, "intraday");
        size_t ni = calib_arrivals_n_intervals(c->arr);
        for (size_t i = 0; i < ni; i++) {
            double sum = 0.0;
            for (int w = 0; w < 7; w++) {
                double m, se;
                calib_arrivals_get_rate(c->arr, ch, w, i, cv, &m, &se);
                sum += m * (double)d.weekday_days[w];
            }
            cJSON_AddItemToArray(in, cJSON_CreateNumber(sum));
        }
        double load = busiest_load(c, ch, aht, cv);
        num(o, "agents", fmax(1.0, ceil(load / c->opt.occupancy)));
        /* repeats */
        double nans = calib_repeats_contacts(c->rep, ch, 0);
        double nab = calib_repeats_contacts(c->rep, ch, 1);
        if (nans > 0.0)
            num(o, "fcr_share", calib_repeats_ended(c->rep, ch, 0) / nans);
        double retry = nab > 0.0 ? calib_repeats_next(c->rep, ch, 1, ch) / nab : 0.0;
        if (retry > 0.0) {
            calib_fit_result f;
            cJSON *rt = cJSON_AddObjectToObject(o, "retrial");
            num(rt, "share", retry);
            if (calib_fit_get(calib_repeats_delays(c->rep, ch, 1, 1), &f, NULL) == SIM_OK)
                num(rt, "delay_mean_s", f.mean_s);
        }
        /* hopping: abandoned -> other channels (shares of the non-retrying), unresolved ->
         * any channel (shares of the unresolved) */
        for (int oc = 0; oc < 2; oc++) {
            double base = oc == 1 ? nab * (1.0 - retry)
                                  : nans - calib_repeats_ended(c->rep, ch, 0);
            if (!(base > 0.0))
                continue;
            cJSON *to = cJSON_CreateObject();
            double sum = 0.0;
            for (size_t nx = 0; nx < n; nx++) {
                if (oc == 1 && nx == ch)
                    continue;
                double k = calib_repeats_next(c->rep, ch, oc, nx);
                if (k > 0.0) {
                    num(to, calib_arrivals_channel(c->arr, nx), fmin(1.0, k / base));
                    sum += k / base;
                }
            }
            if (sum <= 0.0) {
                cJSON_Delete(to);
                continue;
            }
            cJSON *rule = cJSON_CreateObject();
            cJSON_AddStringToObject(rule, "outcome", oc == 1 ? "abandoned" : "unresolved");
            cJSON_AddStringToObject(rule, "from", cn);
            cJSON_AddItemToObject(rule, "to", to);
            if (oc == 0)
                num(rule, "give_up", fmax(0.0, 1.0 - sum));
            calib_fit *df = calib_repeats_delays(c->rep, ch, oc, 0);
            calib_fit *ds = calib_repeats_delays(c->rep, ch, oc, 1);
            calib_fit_result fo, fs;
            int ok_o = calib_fit_get(df, &fo, NULL) == SIM_OK;
            int ok_s = oc == 0 && calib_fit_get(ds, &fs, NULL) == SIM_OK;
            const calib_fit_result *use = ok_s && (!ok_o || fs.n > fo.n) ? &fs : ok_o ? &fo : NULL;
            if (use != NULL)
                cJSON_AddItemToObject(rule, "delay", dist_json(use));
            cJSON_AddItemToArray(hop, rule);
        }
    }
    if (cJSON_GetArraySize(hop) > 0)
        cJSON_AddItemToObject(s, "hopping", hop);
    else
        cJSON_Delete(hop);
    return s;
}

cJSON *calib_report(const calib *cc)
{
    calib *c = (calib *)cc;
    cJSON *r = cJSON_CreateObject();
    if (r == NULL)
        return NULL;
    cJSON *in = cJSON_AddObjectToObject(r, "input");
    num(in, "rows", (double)c->stats.rows);
    num(in, "used", (double)c->stats.used);
    num(in, "ignored", (double)c->stats.ignored);
    num(in, "out_of_order", (double)calib_repeats_out_of_order(c->rep));
    num(in, "peak_open_customers", (double)calib_repeats_peak_customers(c->rep));
    num(r, "interval_s", c->opt.interval_s);
    num(r, "window_s", c->opt.window_s);
    cJSON *chs = cJSON_AddArrayToObject(r, "channels");
    size_t n = calib_arrivals_n_channels(c->arr);
    size_t ni = calib_arrivals_n_intervals(c->arr);
    for (size_t ch = 0; ch < n; ch++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddItemToArray(chs, o);
        cJSON_AddStringToObject(o, "name", calib_arrivals_channel(c->arr, ch));
        num(o, "answered", (double)c->answered[ch]);
        num(o, "abandoned", (double)c->abandoned[ch]);
        calib_arrivals_daily d;
        calib_arrivals_get_daily(c->arr, ch, &d);
        cJSON *a = cJSON_AddObjectToObject(o, "arrivals");
        num(a, "days", (double)d.days);
        num(a, "total", d.total);
        num(a, "per_day", d.mean_all);
        est(a, "gamma_cv", d.gamma_cv, d.gamma_cv_se);
        cJSON *wd = cJSON_AddArrayToObject(a, "weekday");
        cJSON *rates = cJSON_AddArrayToObject(a, "rate_per_interval");
        for (int w = 0; w < 7; w++) {
            cJSON *x = cJSON_CreateObject();
            num(x, "days", (double)d.weekday_days[w]);
            est(x, "per_day", d.mean[w], d.mean_se[w]);
            num(x, "weight", d.weight[w]);
            cJSON_AddItemToArray(wd, x);
            cJSON *row = cJSON_CreateArray();
            for (size_t i = 0; i < ni; i++) {
                double m, se;
                calib_arrivals_get_rate(c->arr, ch, w, i, d.gamma_cv, &m, &se);
                cJSON *pt = cJSON_CreateArray();
                cJSON_AddItemToArray(pt, cJSON_CreateNumber(m));
                cJSON_AddItemToArray(pt, cJSON_CreateNumber(isfinite(se) ? se : 0.0));
                cJSON_AddItemToArray(row, pt);
            }
            cJSON_AddItemToArray(rates, row);
        }
        cJSON_AddItemToObject(o, "handle_time", fit_report(c->handle[ch]));
        calib_patience_result p;
        cJSON *po = cJSON_AddObjectToObject(o, "patience");
        if (calib_patience_get(c->pat[ch], &p, NULL) == SIM_OK) {
            num(po, "waits", (double)p.n);
            num(po, "abandons", (double)p.abandons);
            est(po, "exponential_mean_s", p.exp_mean_s, p.exp_mean_se);
            if (p.weibull_ok) {
                cJSON *wb = cJSON_AddObjectToObject(po, "weibull");
                est(wb, "shape", p.weibull_shape, p.weibull_shape_se);
                est(wb, "scale_s", p.weibull_scale_s, p.weibull_scale_se);
                est(wb, "mean_s", p.weibull_mean_s, p.weibull_mean_se);
                num(wb, "loglik_gain", p.weibull_loglik - p.exp_loglik);
            }
            cJSON_AddStringToObject(po, "chosen", patience_weibull(&p) ? "weibull" : "exponential");
            cJSON *km = cJSON_AddArrayToObject(po, "kaplan_meier");
            for (int i = 0; i < CALIB_PATIENCE_KM_POINTS; i++) {
                cJSON *pt = cJSON_CreateObject();
                num(pt, "t_s", p.km_t_s[i]);
                est(pt, "survival", p.km_s[i], p.km_se[i]);
                cJSON_AddItemToArray(km, pt);
            }
            num(po, "km_restricted_mean_s", p.km_restricted_mean_s);
            if (isfinite(p.km_median_s))
                num(po, "km_median_s", p.km_median_s);
        }
        cJSON *rp = cJSON_AddObjectToObject(o, "repeats");
        static const char *const on[2] = {"answered", "abandoned"};
        for (int oc = 0; oc < 2; oc++) {
            double nn = calib_repeats_contacts(c->rep, ch, oc), sh, se;
            cJSON *x = cJSON_AddObjectToObject(rp, on[oc]);
            num(x, "contacts", nn);
            calib_repeats_share(calib_repeats_ended(c->rep, ch, oc), nn, &sh, &se);
            est(x, oc == 0 ? "fcr" : "no_repeat", sh, se);
            cJSON *nx = cJSON_AddObjectToObject(x, "next");
            for (size_t k = 0; k < n; k++) {
                calib_repeats_share(calib_repeats_next(c->rep, ch, oc, k), nn, &sh, &se);
                est(nx, calib_arrivals_channel(c->arr, k), sh, se);
            }
            cJSON_AddItemToObject(x, "delay_same_channel",
                                  fit_report(calib_repeats_delays(c->rep, ch, oc, 1)));
            cJSON_AddItemToObject(x, "delay_other_channel",
                                  fit_report(calib_repeats_delays(c->rep, ch, oc, 0)));
        }
    }
    return r;
}
