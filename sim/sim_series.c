/* sim_series.c -- see sim_series.h. */
#include "sim_series.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "sim_alloc.h"

int sim_series_init(sim_series *s, double start_s, double width_s, size_t n_intervals,
                    size_t n_fields)
{
    memset(s, 0, sizeof *s);
    if (!(width_s > 0.0) || !isfinite(width_s) || !isfinite(start_s) || n_intervals == 0 ||
        n_fields == 0 || n_intervals > SIZE_MAX / n_fields)
        return -1;
    s->values = sim_calloc(n_intervals * n_fields, sizeof *s->values);
    if (s->values == NULL)
        return -1;
    s->start_s = start_s;
    s->width_s = width_s;
    s->n_intervals = n_intervals;
    s->n_fields = n_fields;
    return 0;
}

void sim_series_fini(sim_series *s)
{
    sim_free(s->values);
    memset(s, 0, sizeof *s);
}

void sim_series_reset(sim_series *s)
{
    memset(s->values, 0, s->n_intervals * s->n_fields * sizeof *s->values);
}

size_t sim_series_index(const sim_series *s, double t_s)
{
    double k = floor((t_s - s->start_s) / s->width_s);
    if (!(k >= 0.0) || k >= (double)s->n_intervals)
        return SIZE_MAX;
    return (size_t)k;
}

int sim_series_add(sim_series *s, double t_s, size_t field, double x)
{
    size_t i = sim_series_index(s, t_s);
    if (i == SIZE_MAX || field >= s->n_fields)
        return 0;
    *sim_series_at(s, i, field) += x;
    return 1;
}

int sim_series_merge(sim_series *a, const sim_series *b)
{
    if (a->n_intervals != b->n_intervals || a->n_fields != b->n_fields ||
        a->width_s != b->width_s || a->start_s != b->start_s)
        return 0;
    size_t n = a->n_intervals * a->n_fields;
    for (size_t i = 0; i < n; i++)
        a->values[i] += b->values[i];
    return 1;
}

void sim_series_pack(const sim_series *s, sim_buf *b)
{
    sim_buf_put_u64(b, (uint64_t)s->n_intervals);
    sim_buf_put_u64(b, (uint64_t)s->n_fields);
    sim_buf_put_bytes(b, s->values, s->n_intervals * s->n_fields * sizeof *s->values);
}

int sim_series_unpack(sim_series *s, sim_buf_reader *r)
{
    uint64_t n = sim_buf_get_u64(r), f = sim_buf_get_u64(r);
    if (r->failed || n != (uint64_t)s->n_intervals || f != (uint64_t)s->n_fields)
        return 0;
    sim_buf_get_bytes(r, s->values, s->n_intervals * s->n_fields * sizeof *s->values);
    return !r->failed;
}
