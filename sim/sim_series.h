/* sim_series.h -- per-interval accumulators on a fixed time grid.
 *
 * A series divides [start_s, start_s + n_intervals * width_s) into equal intervals and keeps
 * n_fields sums per interval (offered, answered, answered within target, wait sum, ...: the
 * model names the fields). Memory is n_intervals * n_fields doubles, fixed at creation and
 * independent of the number of observations. Series with equal shapes merge by addition.
 */
#ifndef SIM_SERIES_H
#define SIM_SERIES_H

#include <stddef.h>

#include "sim_buf.h"

typedef struct sim_series {
    double start_s;
    double width_s;
    size_t n_intervals;
    size_t n_fields;
    double *values; /* n_intervals * n_fields, interval-major; owned */
} sim_series;

/* Allocate the grid, all zero. SIM-style status: 0 on success, -1 on bad shape or out of
 * memory. Free with sim_series_fini. */
int sim_series_init(sim_series *s, double start_s, double width_s, size_t n_intervals,
                    size_t n_fields);
void sim_series_fini(sim_series *s);
void sim_series_reset(sim_series *s);

/* The interval holding time t_s, or SIZE_MAX when t_s is outside the grid. */
size_t sim_series_index(const sim_series *s, double t_s);
/* values[interval(t_s)][field] += x; times outside the grid are ignored (returns 0). */
int sim_series_add(sim_series *s, double t_s, size_t field, double x);
static inline double *sim_series_at(const sim_series *s, size_t interval, size_t field)
{
    return &s->values[interval * s->n_fields + field];
}
/* a += b. Returns 0 (changing nothing) when shapes differ, 1 otherwise. */
int sim_series_merge(sim_series *a, const sim_series *b);

/* Append the values of s to b (the shape is the reader's to know). */
void sim_series_pack(const sim_series *s, sim_buf *b);
/* Read values written by sim_series_pack from a series of the same shape into s.
 * Returns 1 on success, 0 on a short buffer or a shape mismatch. */
int sim_series_unpack(sim_series *s, sim_buf_reader *r);

#endif /* SIM_SERIES_H */
