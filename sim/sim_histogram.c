/* sim_histogram.c -- see sim_histogram.h.
 *
 * Bucket layout: index 0 holds exact zeros (and negative values, recorded as 0); index 1
 * holds (0, r); index 2 + o * S + s holds [r 2^o (1 + s/S), r 2^o (1 + (s+1)/S)) for octave
 * o < O and sub-bucket s < S = 2^sub_bits; the last index holds [r 2^O, inf). Zeros are kept
 * apart because they are common (answered at once) and a quantile among them must be
 * exactly 0, not a point interpolated into (0, r). frexp() gives octave and mantissa exactly, so the
 * mapping is deterministic on every IEEE machine.
 */
#include "sim_histogram.h"

#include <math.h>
#include <string.h>

#include "sim_alloc.h"

struct sim_histogram {
    double resolution;
    int sub_bits;
    int octaves;
    size_t n_buckets;
    uint64_t count;
    uint64_t nan_count;
    double max;
    uint64_t *buckets;
};

sim_histogram *sim_histogram_new(double resolution, int sub_bits, int octaves)
{
    if (!(resolution > 0.0) || !isfinite(resolution) || sub_bits < 1 || sub_bits > 10 ||
        octaves < 1 || octaves > 60)
        return NULL;
    sim_histogram *h = sim_calloc(1, sizeof *h);
    if (h == NULL)
        return NULL;
    h->resolution = resolution;
    h->sub_bits = sub_bits;
    h->octaves = octaves;
    h->n_buckets = 3 + ((size_t)octaves << sub_bits);
    h->buckets = sim_calloc(h->n_buckets, sizeof *h->buckets);
    if (h->buckets == NULL) {
        sim_free(h);
        return NULL;
    }
    h->max = 0.0;
    return h;
}

void sim_histogram_free(sim_histogram *h)
{
    if (h == NULL)
        return;
    sim_free(h->buckets);
    sim_free(h);
}

void sim_histogram_reset(sim_histogram *h)
{
    memset(h->buckets, 0, h->n_buckets * sizeof *h->buckets);
    h->count = 0;
    h->nan_count = 0;
    h->max = 0.0;
}

static size_t histogram_index(const sim_histogram *h, double x)
{
    if (!(x > 0.0))
        return 0;
    double y = x / h->resolution;
    if (!(y >= 1.0))
        return 1;
    int e;
    double m = frexp(y, &e); /* y = m 2^e, m in [0.5, 1): octave e - 1, mantissa 2m in [1,2) */
    int octave = e - 1;
    if (octave >= h->octaves)
        return h->n_buckets - 1;
    size_t per = (size_t)1 << h->sub_bits;
    size_t sub = (size_t)((2.0 * m - 1.0) * (double)per);
    if (sub >= per)
        sub = per - 1;
    return 2 + (size_t)octave * per + sub;
}

/* Lower and upper edge of bucket i (the overflow bucket's upper edge is the max seen). */
static void histogram_edges(const sim_histogram *h, size_t i, double *lo, double *hi)
{
    if (i == 0) {
        *lo = *hi = 0.0;
        return;
    }
    if (i == 1) {
        *lo = 0.0;
        *hi = h->resolution;
        return;
    }
    if (i == h->n_buckets - 1) {
        *lo = ldexp(h->resolution, h->octaves);
        *hi = h->max > *lo ? h->max : *lo;
        return;
    }
    size_t per = (size_t)1 << h->sub_bits;
    size_t octave = (i - 2) / per, sub = (i - 2) % per;
    double base = ldexp(h->resolution, (int)octave);
    *lo = base * (1.0 + (double)sub / (double)per);
    *hi = base * (1.0 + (double)(sub + 1) / (double)per);
}

void sim_histogram_add(sim_histogram *h, double x)
{
    if (isnan(x)) {
        h->nan_count++;
        return;
    }
    if (x < 0.0)
        x = 0.0;
    h->buckets[histogram_index(h, x)]++;
    h->count++;
    if (x > h->max)
        h->max = x;
}

int sim_histogram_merge(sim_histogram *a, const sim_histogram *b)
{
    if (a->resolution != b->resolution || a->sub_bits != b->sub_bits ||
        a->octaves != b->octaves)
        return 0;
    for (size_t i = 0; i < a->n_buckets; i++)
        a->buckets[i] += b->buckets[i];
    a->count += b->count;
    a->nan_count += b->nan_count;
    if (b->max > a->max)
        a->max = b->max;
    return 1;
}

uint64_t sim_histogram_count(const sim_histogram *h)
{
    return h->count;
}

double sim_histogram_max(const sim_histogram *h)
{
    return h->max;
}

double sim_histogram_quantile(const sim_histogram *h, double q)
{
    if (h->count == 0)
        return (double)NAN;
    if (q <= 0.0)
        q = 0.0;
    if (q >= 1.0)
        return h->max;
    double target = q * (double)h->count;
    double cum = 0.0;
    for (size_t i = 0; i < h->n_buckets; i++) {
        double c = (double)h->buckets[i];
        if (c > 0.0 && cum + c >= target) {
            double lo, hi;
            histogram_edges(h, i, &lo, &hi);
            double v = lo + (hi - lo) * (target - cum) / c;
            return v < h->max ? v : h->max;
        }
        cum += c;
    }
    return h->max;
}

double sim_histogram_cdf(const sim_histogram *h, double x)
{
    if (h->count == 0)
        return (double)NAN;
    if (x < 0.0)
        return 0.0;
    size_t k = histogram_index(h, x);
    double below = 0.0;
    for (size_t i = 0; i < k; i++)
        below += (double)h->buckets[i];
    double lo, hi;
    histogram_edges(h, k, &lo, &hi);
    double frac = hi > lo ? (x - lo) / (hi - lo) : 1.0;
    if (frac > 1.0)
        frac = 1.0;
    return (below + frac * (double)h->buckets[k]) / (double)h->count;
}

void sim_histogram_pack(const sim_histogram *h, sim_buf *b)
{
    sim_buf_put_f64(b, h->resolution);
    sim_buf_put_u64(b, (uint64_t)h->sub_bits);
    sim_buf_put_u64(b, (uint64_t)h->octaves);
    sim_buf_put_u64(b, h->count);
    sim_buf_put_u64(b, h->nan_count);
    sim_buf_put_f64(b, h->max);
    sim_buf_put_bytes(b, h->buckets, h->n_buckets * sizeof *h->buckets);
}

int sim_histogram_unpack(sim_histogram *h, sim_buf_reader *r)
{
    double resolution = sim_buf_get_f64(r);
    uint64_t sub_bits = sim_buf_get_u64(r), octaves = sim_buf_get_u64(r);
    if (r->failed || resolution != h->resolution || sub_bits != (uint64_t)h->sub_bits ||
        octaves != (uint64_t)h->octaves)
        return 0;
    h->count = sim_buf_get_u64(r);
    h->nan_count = sim_buf_get_u64(r);
    h->max = sim_buf_get_f64(r);
    sim_buf_get_bytes(r, h->buckets, h->n_buckets * sizeof *h->buckets);
    if (r->failed) {
        sim_histogram_reset(h);
        return 0;
    }
    return 1;
}
