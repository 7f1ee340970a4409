/* sim_tally.h -- running count, mean, variance, min and max of observations, mergeable.
 *
 * Welford's update for one observation and Chan, Golub & LeVeque's (1979) pairwise formula
 * for merging two tallies. Written by hand because gsl_rstat has no merge, and replications
 * (threads, MPI ranks) are summarised separately and merged in a fixed order.
 * A tally is a plain value: init it, add to it, copy it.
 */
#ifndef SIM_TALLY_H
#define SIM_TALLY_H

#include <stdint.h>

typedef struct sim_tally {
    uint64_t n;
    double mean;
    double m2; /* sum of squared deviations from the mean */
    double min;
    double max;
} sim_tally;

void sim_tally_init(sim_tally *t);
void sim_tally_add(sim_tally *t, double x);
/* Merge b into a (a becomes the tally of both samples). */
void sim_tally_merge(sim_tally *a, const sim_tally *b);
/* Sample variance (n - 1 denominator); 0 when n < 2. */
double sim_tally_variance(const sim_tally *t);
double sim_tally_stddev(const sim_tally *t);
/* Standard error of the mean, sqrt(variance / n); 0 when n < 2. */
double sim_tally_stderr(const sim_tally *t);

#endif /* SIM_TALLY_H */
