/* sim_histogram.h -- mergeable log-linear histogram for quantiles (of waits, response times).
 *
 * Exact zeros have a bucket of their own (a contact answered at once waited exactly 0), values
 * in (0, resolution) share one bucket, and above it every doubling ("octave") is split into
 * 2^sub_bits equal buckets (HdrHistogram's idea). A reported quantile lies in the bucket of
 * the sample quantile it estimates (the order statistic of rank ceil(q n)), so it is exact
 * when that is 0, within `resolution` of it below the resolution, and within a relative
 * 2^-sub_bits above. Memory is fixed at creation ((3 + octaves 2^sub_bits) counts),
 * independent of the number of observations, and two histograms with equal parameters merge
 * by adding counts, so per-replication histograms combine exactly. Values past the last
 * octave go to an overflow bucket whose quantile is reported as the largest value seen.
 * Written by hand because GSL's gsl_histogram needs fixed ranges chosen in advance and
 * sorting-based quantiles (gsl_stats_quantile_from_sorted_data) need every value in memory.
 */
#ifndef SIM_HISTOGRAM_H
#define SIM_HISTOGRAM_H

#include <stddef.h>
#include <stdint.h>

#include "sim_buf.h"

typedef struct sim_histogram sim_histogram;

/* resolution > 0 (same unit as the values), sub_bits 1..10, octaves 1..60.
 * NULL on bad parameters or out of memory. Free with sim_histogram_free. */
sim_histogram *sim_histogram_new(double resolution, int sub_bits, int octaves);
void sim_histogram_free(sim_histogram *h);
void sim_histogram_reset(sim_histogram *h);

/* Record x (negative values count as 0, in the zero bucket; NaN is ignored and counted
 * apart). */
void sim_histogram_add(sim_histogram *h, double x);
/* a += b. Returns 0 (and changes nothing) when the parameters differ, 1 otherwise. */
int sim_histogram_merge(sim_histogram *a, const sim_histogram *b);

uint64_t sim_histogram_count(const sim_histogram *h);
double sim_histogram_max(const sim_histogram *h);
/* The q-quantile (0 <= q <= 1): 0 when the sample quantile is 0, otherwise linearly
 * interpolated inside its bucket (never above the largest value seen); NaN when empty. */
double sim_histogram_quantile(const sim_histogram *h, double q);
/* Share of values <= x, counting a bucket that straddles x in proportion (an estimate;
 * exact service levels are counted directly by the models). NaN when empty. */
double sim_histogram_cdf(const sim_histogram *h, double x);

/* Append h (parameters and counts) to b. */
void sim_histogram_pack(const sim_histogram *h, sim_buf *b);
/* Read a histogram written by sim_histogram_pack into h, whose parameters must match.
 * Returns 1 on success, 0 (h unchanged or reset) on a mismatch or a short buffer. */
int sim_histogram_unpack(sim_histogram *h, sim_buf_reader *r);

#endif /* SIM_HISTOGRAM_H */
