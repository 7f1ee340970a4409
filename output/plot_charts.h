/* plot_charts.h -- omnisim's charts, drawn from the files of an output directory.
 *
 * What it is: every chart that the files present in a directory allow, each from files
 * only (so `omnisim plot DIR` redraws what `omnisim run` drew, and a directory that also
 * holds compare/roadmap/cost/schedule results gets their charts too):
 *   service_level   intervals.csv + summary.json: service level per interval and channel
 *                   with its confidence band and the channel's target line;
 *   agents          pools.csv: agents on duty per interval and pool (band) vs the staffing
 *                   target;
 *   coverage        coverage.csv (omnisim schedule): required vs scheduled agents;
 *   flows           flows.csv: where hopping goes, a from x to heat map of repeat contacts;
 *   compare         compare.csv (omnisim compare): policy - baseline differences with
 *                   confidence intervals (error bars) for the headline KPIs;
 *   channel_mix     roadmap.csv (omnisim roadmap): channel mix of first contacts per year;
 *   costs           costs.csv (omnisim cost): cash per year on-premise vs cloud, and the
 *                   base year's cost split in-house / outsourced / platform;
 *   sweep           sweep.csv (omnisim sweep): headline KPIs over the grid with intervals.
 * Time axes show weekdays and HH:MM (plot_panel_time), closed hours are shaded (the scenario
 * as run, loaded from summary.json's echo), one legend per figure.
 * What it is not: a data source; a missing file means the chart is skipped, a malformed
 * one is reported in the result and the other charts are still drawn.
 */
#ifndef PLOT_CHARTS_H
#define PLOT_CHARTS_H

#include <stddef.h>

#include "plot.h"
#include "sim_error.h"

#define PLOT_CHARTS_MAX 16

typedef struct plot_charts_result {
    size_t n_drawn;
    char drawn[PLOT_CHARTS_MAX][64];     /* file names written, e.g. "service_level.png" */
    size_t n_failed;
    sim_error failed[PLOT_CHARTS_MAX];   /* one per chart that could not be drawn */
} plot_charts_result;

/* Chart sizes (pixels for PNG, points for SVG/PDF). */
#define PLOT_CHARTS_WIDTH 1200

/* Draw every chart that dir's files allow, in format f. Fills res; returns the number of
 * charts drawn. Never prints. */
size_t plot_charts_draw(const char *dir, plot_format f, plot_charts_result *res);

/* Names (stems) of all charts, in drawing order, and their count. */
size_t plot_charts_names(const char *const **names);

#endif /* PLOT_CHARTS_H */
