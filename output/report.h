/* report.h -- report.html: one self-contained HTML page per output directory, for a
 * consultant to hand over.
 *
 * What it is: built from the files of the run the directory holds (out_manifest.h: a file
 * another run left there is never read; summary.json with its scenario echo, channels.csv, segments.csv, kpis.csv, and compare.csv, roadmap.csv, costs.csv when
 * present) and the charts drawn there (PNG embedded as base64, or SVG inline), so `omnisim
 * plot DIR` can rewrite it. Sections, each only when the run wrote its files: the executive
 * summary (goals, verdicts, cost, findings computed from the tables below), the scenario in
 * words, the assumptions with their sources, KPIs with confidence intervals (each KPI's own
 * interval from the file: logit for shares, log for counts and times), costs, the policy
 * comparison, the sweep, the roadmap, the charts and the run's file list. Numbers as a
 * reader reads them (%, s/min/h, EUR with thousands separators), KPIs by their labels
 * (cc_result.h). A print stylesheet (@media print) so the page prints to PDF. No external
 * resources, no scripts, no dates: the same files give the same bytes. Written atomically
 * (out_file.h).
 * What it is not: a template engine; the layout is fixed.
 */
#ifndef REPORT_H
#define REPORT_H

#include "sim_error.h"

/* Write dir/report.html. SIM_OK; SIM_EIO when summary.json is missing or unreadable or the
 * file cannot be written (err names it); SIM_ENOMEM. */
sim_status report_write(const char *dir, sim_error *err);

#endif /* REPORT_H */
