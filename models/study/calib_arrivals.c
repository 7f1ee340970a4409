/* calib_arrivals.c -- counts per (channel, weekday, interval) and per calendar day; the
 * estimators are in the header. The per-day counts are a growable array per channel indexed
 * from the first day seen, grown at either end, because a log need not be sorted. */
#include "calib_arrivals.h"

#include <math.h>
#include <string.h>

#include "sim_alloc.h"

typedef struct channel {
    char *name;
    double *count;  /* [7 * n_int]: arrivals per weekday and interval */
    double *day;    /* [n_day]: arrivals per day from day0 */
    long day0;
    size_t n_day;
    double total;
} channel;

struct calib_arrivals {
    double interval_s;
    size_t n_int;
    channel ch[CALIB_ARRIVALS_CHANNELS_MAX];
    size_t n_ch;
    long first_day, last_day; /* the whole log's span; first > last when empty */
};

int calib_arrivals_weekday(long day)
{
    long w = (day + 3) % 7; /* 1970-01-01 was a Thursday (3 with Monday = 0) */
    return (int)(w < 0 ? w + 7 : w);
}

calib_arrivals *calib_arrivals_new(double interval_s)
{
    if (!(interval_s >= 60.0) || interval_s > 86400.0 ||
        fmod(86400.0, interval_s) != 0.0)
        return NULL;
    calib_arrivals *a = sim_calloc(1, sizeof *a);
    if (a == NULL)
        return NULL;
    a->interval_s = interval_s;
    a->n_int = (size_t)(86400.0 / interval_s);
    a->first_day = 1;
    a->last_day = 0;
    return a;
}

void calib_arrivals_free(calib_arrivals *a)
{
    if (a == NULL)
        return;
    for (size_t i = 0; i < a->n_ch; i++) {
        sim_free(a->ch[i].name);
        sim_free(a->ch[i].count);
        sim_free(a->ch[i].day);
    }
    sim_free(a);
}

/* Make day `d` addressable in c->day (zero-filled growth at either end). */
static int cover_day(channel *c, long d)
{
    if (c->n_day == 0) {
        c->day = sim_calloc(1, sizeof *c->day);
        if (c->day == NULL)
            return -1;
        c->day0 = d;
        c->n_day = 1;
        return 0;
    }
    long lo = d < c->day0 ? d : c->day0;
    long hi = d > c->day0 + (long)c->n_day - 1 ? d : c->day0 + (long)c->n_day - 1;
    size_t n = (size_t)(hi - lo + 1);
    if (lo == c->day0 && n == c->n_day)
        return 0;
    double *nd = sim_calloc(n, sizeof *nd);
    if (nd == NULL)
        return -1;
    memcpy(nd + (c->day0 - lo), c->day, c->n_day * sizeof *nd);
    sim_free(c->day);
    c->day = nd;
    c->day0 = lo;
    c->n_day = n;
    return 0;
}

sim_status calib_arrivals_register(calib_arrivals *a, const char *name, size_t *index,
                                   sim_error *err)
{
    size_t k = 0;
    while (k < a->n_ch && strcmp(a->ch[k].name, name) != 0)
        k++;
    if (k == a->n_ch) {
        if (a->n_ch == CALIB_ARRIVALS_CHANNELS_MAX)
            return sim_error_set(err, SIM_EINVAL, "channel",
                                 "more than %d channels in the log ('%s')",
                                 CALIB_ARRIVALS_CHANNELS_MAX, name);
        channel *c = &a->ch[k];
        c->name = sim_strdup(name);
        c->count = sim_calloc(7 * a->n_int, sizeof *c->count);
        if (c->name == NULL || c->count == NULL) {
            sim_free(c->name);
            sim_free(c->count);
            memset(c, 0, sizeof *c);
            return sim_error_set(err, SIM_ENOMEM, "channel", "out of memory");
        }
        a->n_ch++;
    }
    *index = k;
    return SIM_OK;
}

sim_status calib_arrivals_add(calib_arrivals *a, const char *name, double arrival_s,
                              sim_error *err)
{
    size_t k;
    sim_status st = calib_arrivals_register(a, name, &k, err);
    if (st != SIM_OK)
        return st;
    channel *c = &a->ch[k];
    long day = (long)floor(arrival_s / 86400.0);
    double tod = arrival_s - (double)day * 86400.0;
    size_t i = (size_t)(tod / a->interval_s);
    if (i >= a->n_int)
        i = a->n_int - 1;
    if (cover_day(c, day) != 0)
        return sim_error_set(err, SIM_ENOMEM, "channel", "out of memory");
    c->day[day - c->day0] += 1.0;
    c->count[(size_t)calib_arrivals_weekday(day) * a->n_int + i] += 1.0;
    c->total += 1.0;
    if (a->first_day > a->last_day) {
        a->first_day = a->last_day = day;
    } else {
        if (day < a->first_day)
            a->first_day = day;
        if (day > a->last_day)
            a->last_day = day;
    }
    return SIM_OK;
}

size_t calib_arrivals_n_channels(const calib_arrivals *a) { return a->n_ch; }
const char *calib_arrivals_channel(const calib_arrivals *a, size_t ch) { return a->ch[ch].name; }
size_t calib_arrivals_n_intervals(const calib_arrivals *a) { return a->n_int; }

static double day_count(const channel *c, long d)
{
    return d >= c->day0 && d < c->day0 + (long)c->n_day ? c->day[d - c->day0] : 0.0;
}

/* The pooled moment estimate of cv^2 from per-weekday n, sum, sum of squares; NaN when no
 * weekday has two days and a positive mean. */
static double cv2_from_sums(const double n[7], const double s[7], const double q[7])
{
    double num = 0.0, den = 0.0;
    for (int w = 0; w < 7; w++) {
        if (n[w] < 2.0 || s[w] <= 0.0)
            continue;
        double m = s[w] / n[w];
        double var = (q[w] - n[w] * m * m) / (n[w] - 1.0);
        num += (n[w] - 1.0) * (var - m) / (m * m);
        den += n[w] - 1.0;
    }
    return den > 0.0 ? num / den : (double)NAN;
}

void calib_arrivals_get_daily(const calib_arrivals *a, size_t ch, calib_arrivals_daily *d)
{
    const channel *c = &a->ch[ch];
    memset(d, 0, sizeof *d);
    double n[7] = {0}, s[7] = {0}, q[7] = {0};
    if (a->first_day <= a->last_day)
        d->days = (size_t)(a->last_day - a->first_day + 1);
    for (long day = a->first_day; day <= a->last_day; day++) {
        int w = calib_arrivals_weekday(day);
        double x = day_count(c, day);
        n[w] += 1.0;
        s[w] += x;
        q[w] += x * x;
    }
    d->total = c->total;
    d->mean_all = d->days > 0 ? c->total / (double)d->days : 0.0;
    for (int w = 0; w < 7; w++) {
        d->weekday_days[w] = (size_t)n[w];
        d->mean[w] = n[w] > 0.0 ? s[w] / n[w] : 0.0;
        d->mean_se[w] = n[w] > 1.0 ? sqrt(fmax(0.0, (q[w] - n[w] * d->mean[w] * d->mean[w]) /
                                                        (n[w] - 1.0)) / n[w])
                                   : (double)NAN;
        d->weight[w] = d->mean_all > 0.0 ? d->mean[w] / d->mean_all : 0.0;
    }
    double cv2 = cv2_from_sums(n, s, q);
    d->gamma_cv = isnan(cv2) ? (double)NAN : sqrt(fmax(0.0, cv2));
    d->gamma_cv_se = NAN;
    if (isnan(cv2) || d->days < 3)
        return;
    /* Jackknife: leave each day out in turn (only its weekday's sums change). */
    double sum = 0.0, sum2 = 0.0;
    size_t k = 0;
    for (long day = a->first_day; day <= a->last_day; day++) {
        int w = calib_arrivals_weekday(day);
        double x = day_count(c, day);
        n[w] -= 1.0;
        s[w] -= x;
        q[w] -= x * x;
        double t = cv2_from_sums(n, s, q);
        n[w] += 1.0;
        s[w] += x;
        q[w] += x * x;
        if (isnan(t))
            continue;
        t = sqrt(fmax(0.0, t));
        sum += t;
        sum2 += t * t;
        k++;
    }
    if (k >= 3) {
        double m = sum / (double)k;
        double ss = fmax(0.0, sum2 - (double)k * m * m);
        d->gamma_cv_se = sqrt((double)(k - 1) / (double)k * ss);
    }
}

void calib_arrivals_get_rate(const calib_arrivals *a, size_t ch, int w, size_t i, double cv,
                             double *mean, double *se)
{
    size_t nw = 0;
    if (a->first_day <= a->last_day) {
        long days = a->last_day - a->first_day + 1;
        /* days of weekday w in [first, last] */
        int w0 = calib_arrivals_weekday(a->first_day);
        long off = (w - w0 + 7) % 7;
        nw = off < days ? (size_t)((days - off - 1) / 7 + 1) : 0;
    }
    if (nw == 0) {
        *mean = *se = 0.0;
        return;
    }
    double lam = a->ch[ch].count[(size_t)w * a->n_int + i] / (double)nw;
    double c2 = isnan(cv) ? 0.0 : cv * cv;
    *mean = lam;
    *se = sqrt((lam + c2 * lam * lam) / (double)nw);
}
