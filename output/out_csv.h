/* out_csv.h -- CSV tables of a contact-center run (docs/model.md lists the columns).
 *
 *   intervals.csv  one row per interval and channel: each per-interval KPI (cc_ik) as mean
 *                  over the replications with the lower and upper confidence bound;
 *   channels.csv   one row per channel: each channel KPI with mean, lo, hi;
 *   kpis.csv       every KPI of the run in long format: name, mean, lo, hi, half_width, n.
 * Numbers are written with up to 10 significant digits; a KPI that has no value (NaN: a
 * service level without answered contacts, a bound from one replication) is an empty field.
 * Functions write to an open stream (out_file.h gives atomic files) and return 0, or -1 when
 * the stream reports an error. They never print elsewhere.
 */
#ifndef OUT_CSV_H
#define OUT_CSV_H

#include <stdio.h>

#include "cc_result.h"
#include "scenario.h"

int out_csv_intervals(FILE *fp, const cc_summary *sum, const scenario *scn);
int out_csv_channels(FILE *fp, const cc_summary *sum, const scenario *scn);
int out_csv_kpis(FILE *fp, const cc_summary *sum);

#endif /* OUT_CSV_H */
