/* report.h -- report.html: one self-contained HTML page per output directory, for a
 * consultant to hand over.
 *
 * What it is: built from the directory's files only (summary.json with its scenario echo,
 * channels.csv, segments.csv, kpis.csv, and compare.csv, roadmap.csv, costs.csv when
 * present) and the charts drawn there (PNG embedded as base64, or SVG inline), so `omnisim
 * plot DIR` can rewrite it. Sections: the scenario in words (channels, volumes, segments,
 * opening hours, staffing), the assumptions with their sources (the scenario's description
 * cites the source documents), KPIs with confidence intervals, the charts, the policy
 * comparison and the roadmap when present. No external resources, no scripts, no dates:
 * the same files give the same bytes. Written atomically (out_file.h).
 * What it is not: a template engine; the layout is fixed.
 */
#ifndef REPORT_H
#define REPORT_H

#include "sim_error.h"

/* Write dir/report.html. SIM_OK; SIM_EIO when summary.json is missing or unreadable or the
 * file cannot be written (err names it); SIM_ENOMEM. */
sim_status report_write(const char *dir, sim_error *err);

#endif /* REPORT_H */
