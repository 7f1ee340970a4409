/* out_csv.h -- CSV tables of a contact-center run (docs/model.md lists the columns).
 *
 *   intervals.csv  one row per interval and channel: each per-interval KPI (cc_ik) as mean
 *                  over the replications with the lower and upper confidence bound;
 *   channels.csv   one row per channel: each channel KPI with mean, lo, hi;
 *   kpis.csv       every KPI of the run in long format: name, mean, lo, hi, half_width, n;
 *   segments.csv   one row per customer segment: each segment KPI with mean, lo, hi;
 *   pools.csv      one row per interval and server pool: agents on duty, busy agents and the
 *                  staffing target (means over the replications with bounds);
 *   flows.csv      one row per (from, to) channel pair with repeat contacts: where hopping
 *                  goes, per replication mean with bounds, and the share of `from`'s hops.
 * docs/outputs.md lists every column with its unit.
 * Numbers are written with up to 10 significant digits; a KPI that has no value (NaN: a
 * service level without answered contacts, a bound from one replication) is an empty field.
 * Functions write to an open stream (out_file.h gives atomic files) and return 0, or -1 when
 * the stream reports an error. They never print elsewhere.
 */
#ifndef OUT_CSV_H
#define OUT_CSV_H

#include <stdio.h>

#include "cc_result.h"
#include "out_rows.h"
#include "scenario.h"

int out_csv_intervals(FILE *fp, const cc_summary *sum, const scenario *scn);
int out_csv_channels(FILE *fp, const cc_summary *sum, const scenario *scn);
int out_csv_kpis(FILE *fp, const cc_summary *sum);
/* kpis.csv's field table (ctx: the cc_summary), for the catalog. */
extern const out_rows_table out_csv_kpis_table;
int out_csv_segments(FILE *fp, const cc_summary *sum, const scenario *scn);
/* pools.csv and flows.csv read the replications themselves (the summary keeps no pool series
 * or flow matrix): reps[0..n-1] of scn, intervals at confidence `level`. */
int out_csv_pools(FILE *fp, const cc_rep *reps, size_t n, const scenario *scn, double level);
int out_csv_flows(FILE *fp, const cc_rep *reps, size_t n, const scenario *scn, double level);

#endif /* OUT_CSV_H */
