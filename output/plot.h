/* plot.h -- one PLplot chart file: stream set-up, house style, atomic write, helpers.
 *
 * What it is: the thin layer between omnisim's charts (plot_charts.h) and PLplot with the
 * cairo driver (pngcairo, svgcairo, pdfcairo; no display needed). Each chart gets its own
 * PLplot stream (plmkstrm ... plend1), so charts never share state and the caller's current
 * stream is restored afterwards. The file is drawn into a temporary name in the target
 * directory and renamed into place on success (as out_file.h), so a failed or interrupted
 * plot never leaves a half-written image under its final name. PLplot writes only to that
 * file, never to stdout.
 *
 * PLplot's own error paths: plabort() messages are swallowed by a handler installed with
 * plsabort (library code never prints); plexit() terminates the process whatever its exit
 * handler returns, so this layer never gives PLplot input that reaches it: the device is
 * one of three fixed names, the output file exists and is writable before plinit, and the
 * helpers below check for empty data and degenerate ranges before calling PLplot.
 *
 * What it is not: thread-safe. PLplot keeps global state; draw charts from one thread.
 *
 * Style: white background, black text, light grey grid, the Okabe-Ito colour-blind-safe
 * palette for series (plot_series_color), the same colours at 25% opacity for confidence
 * bands, DejaVu Sans through cairo.
 */
#ifndef PLOT_H
#define PLOT_H

#include <stddef.h>

#include "sim_error.h"

typedef enum plot_format { PLOT_PNG = 0, PLOT_SVG, PLOT_PDF } plot_format;

#define PLOT_PATH_MAX 4096
#define PLOT_CHAR_MM 3.2 /* text height */
#define PLOT_SERIES_COLORS 8
/* Colour-map-0 indices of the house style. */
enum { PLOT_COL_BG = 0, PLOT_COL_FG = 1, PLOT_COL_GRID = 2, PLOT_COL_TARGET = 3,
       PLOT_COL_SERIES = 4, PLOT_COL_BAND = PLOT_COL_SERIES + PLOT_SERIES_COLORS,
       PLOT_COL_SHADE = PLOT_COL_BAND + PLOT_SERIES_COLORS, /* closed hours: grey, 35% */
       PLOT_COL_COUNT = PLOT_COL_SHADE + 1 };

typedef struct plot_canvas {
    int strm, prev_strm; /* private */
    int open;
    char tmp_path[PLOT_PATH_MAX];
    char final_path[PLOT_PATH_MAX]; /* dir/stem.ext */
    char write_path[PLOT_PATH_MAX]; /* where it lands: final_path, or the run's stage */
} plot_canvas;

/* "png", "svg", "pdf": the file extension of a format. */
const char *plot_format_ext(plot_format f);
/* Parse "png" | "svg" | "pdf"; 1 on success, 0 otherwise. */
int plot_format_parse(const char *text, plot_format *out);

/* Start `dir`/`stem`.<ext> of width x height (pixels for PNG, points for SVG/PDF) on a new
 * PLplot stream. SIM_OK, SIM_EINVAL (bad size), SIM_EIO (cannot create the file). On
 * success end with plot_end or plot_abort. */
sim_status plot_begin(plot_canvas *c, const char *dir, const char *stem, plot_format f,
                      int width, int height, sim_error *err);
/* Finish the stream, restore the previous one, rename the file into place. SIM_OK or
 * SIM_EIO (the file is empty or cannot be renamed; nothing is left behind). */
sim_status plot_end(plot_canvas *c, sim_error *err);
/* Finish the stream and remove the temporary file. */
void plot_abort(plot_canvas *c);

/* ---- helpers on the current canvas (world coordinates of the current window) -------- */

/* Colour-map-0 index of series k (wraps around the palette); band: its 25% tint. */
int plot_series_color(size_t k);
int plot_band_color(size_t k);
/* A panel: viewport in normalised page coordinates, window [x0,x1] x [y0,y1] (a
 * degenerate range is widened), light grid, box with ticks (major x ticks every xtick, 0 =
 * automatic), axis labels (NULL: none; ylabel "": a categorical y axis without numbers)
 * and a title at the top left. */
void plot_panel(double vx0, double vx1, double vy0, double vy1, double x0, double x1, double y0,
                double y1, double xtick, const char *xlabel, const char *ylabel,
                const char *title);
/* A panel whose x axis is time: x in seconds since the start of the horizon, [0, t1_s],
 * labelled with the weekday at midnight and HH:MM in between (every 6 h up to 3 days, 12 h
 * up to 8 days; weekdays only, every day up to 5 weeks, every Monday beyond), weekday0 the
 * horizon's first day (0 = Monday, the scenario's start_weekday). xlabels 0: no labels (a
 * panel above another). Otherwise as plot_panel. */
void plot_panel_time(double vx0, double vx1, double vy0, double vy1, double t1_s, int weekday0,
                     double y0, double y1, int xlabels, const char *ylabel, const char *title);
/* Shade x spans [x0[i], x1[i]] over the current window's full height (closed hours). */
void plot_shade(const double *x0, const double *x1, size_t n);
/* A colour bar of colour map 1 from 0 to vmax in the viewport given, labelled `label`. */
void plot_colorbar(double vx0, double vx1, double vy0, double vy1, double vmax,
                   const char *label);
/* A polyline that skips NaN points (a gap in the line). */
void plot_line(const double *x, const double *y, size_t n, int color, double width, int style);
/* A filled band between lo and hi over x, broken at NaN points. */
void plot_band(const double *x, const double *lo, const double *hi, size_t n, int color);
/* Legend at the top right of the current viewport, inside it or just outside to its right:
 * n entries drawn as lines (styles: PLplot line styles, NULL = solid) or filled boxes. */
void plot_legend(const char *const *text, const int *colors, const int *styles, size_t n,
                 int filled_boxes, int outside);

#endif /* PLOT_H */
