/* plot.c -- see plot.h. */
#define _POSIX_C_SOURCE 200809L
#include "plot.h"

#include "out_file.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <plplot/plplot.h>

#include "out_file.h"

#include "sim_alloc.h"

/* Okabe & Ito (2008), "Color Universal Design": distinguishable with colour-blindness. */
static const unsigned char series_rgb[PLOT_SERIES_COLORS][3] = {
    {0, 114, 178},  /* blue */
    {230, 159, 0},  /* orange */
    {0, 158, 115},  /* bluish green */
    {204, 121, 167},/* reddish purple */
    {86, 180, 233}, /* sky blue */
    {213, 94, 0},   /* vermillion */
    {120, 120, 120},/* grey (instead of yellow, unreadable on white) */
    {0, 0, 0}};     /* black */

static const char *const device_names[] = {"pngcairo", "svgcairo", "pdfcairo"};
static const char *const ext_names[] = {"png", "svg", "pdf"};

const char *plot_format_ext(plot_format f)
{
    return (unsigned)f < 3 ? ext_names[f] : "png";
}

int plot_format_parse(const char *text, plot_format *out)
{
    for (int i = 0; i < 3; i++) {
        if (strcmp(text, ext_names[i]) == 0) {
            *out = (plot_format)i;
            return 1;
        }
    }
    return 0;
}

/* plabort() would print to stderr; library code never prints. The message is dropped:
 * the helpers validate inputs, so it can only come from a condition they did not foresee,
 * which shows as a visibly wrong chart rather than a silent exit. */
static void swallow_abort(PLCHAR_VECTOR msg)
{
    (void)msg;
}

int plot_series_color(size_t k)
{
    return PLOT_COL_SERIES + (int)(k % PLOT_SERIES_COLORS);
}

int plot_band_color(size_t k)
{
    return PLOT_COL_BAND + (int)(k % PLOT_SERIES_COLORS);
}

static void set_palette(void)
{
    plscmap0n(PLOT_COL_COUNT);
    plscol0a(PLOT_COL_BG, 255, 255, 255, 1.0);
    plscol0a(PLOT_COL_FG, 0, 0, 0, 1.0);
    plscol0a(PLOT_COL_GRID, 215, 215, 215, 1.0);
    plscol0a(PLOT_COL_TARGET, 200, 0, 0, 1.0);
    for (int k = 0; k < PLOT_SERIES_COLORS; k++) {
        plscol0a(PLOT_COL_SERIES + k, series_rgb[k][0], series_rgb[k][1], series_rgb[k][2], 1.0);
        plscol0a(PLOT_COL_BAND + k, series_rgb[k][0], series_rgb[k][1], series_rgb[k][2], 0.25);
    }
    plscol0a(PLOT_COL_SHADE, 150, 150, 150, 0.35);
}

sim_status plot_begin(plot_canvas *c, const char *dir, const char *stem, plot_format f,
                      int width, int height, sim_error *err)
{
    memset(c, 0, sizeof *c);
    if (width < 100 || height < 100 || width > 10000 || height > 10000 || (unsigned)f > 2)
        return sim_error_set(err, SIM_EINVAL, stem, "bad plot size %dx%d", width, height);
    int a = snprintf(c->final_path, sizeof c->final_path, "%s/%s.%s", dir, stem,
                     plot_format_ext(f));
    char name[OUT_FILE_PATH_MAX], stage[OUT_FILE_PATH_MAX];
    const char *target = out_file_target_dir(dir, stage, sizeof stage); /* out_file.h */
    int n = snprintf(name, sizeof name, "%s.%s", stem, plot_format_ext(f));
    int w = snprintf(c->write_path, sizeof c->write_path, "%s/%s", target, name);
    int b = n < 0 || (size_t)n >= sizeof name
                ? -1
                : out_file_temp_template(c->tmp_path, sizeof c->tmp_path, target, name);
    if (a < 0 || b < 0 || w < 0 || (size_t)a >= sizeof c->final_path ||
        (size_t)w >= sizeof c->write_path)
        return sim_error_set(err, SIM_EIO, stem, "output path too long");
    out_file_remove_stale(target, name);
    /* Create the file first: plinit's fopen then cannot fail (which would call exit()). */
    int fd = mkstemp(c->tmp_path);
    if (fd < 0)
        return sim_error_set(err, SIM_EIO, stem, "cannot create a file in '%s': %s", dir,
                             strerror(errno));
    if (fchmod(fd, 0644) != 0 || close(fd) != 0) {
        unlink(c->tmp_path);
        return sim_error_set(err, SIM_EIO, stem, "cannot prepare '%s'", c->tmp_path);
    }
    PLINT prev = 0, strm = 0;
    plgstrm(&prev);
    plmkstrm(&strm);
    c->prev_strm = (int)prev;
    c->strm = (int)strm;
    plsabort(swallow_abort);
    plsdev(device_names[f]);
    plsfnam(c->tmp_path);
    /* 90 dpi: PLplot's sizes in mm then map to pixels predictably (1 mm = 3.5 px). */
    plspage(90.0, 90.0, width, height, 0, 0);
    set_palette();
    plinit();
    plfont(1);
    /* Text 3.2 mm (about 11 px at 90 dpi, 9 pt), whatever the page height: PLplot's default
     * scales with the page and is far too large on tall multi-panel pages. */
    plschr(PLOT_CHAR_MM, 1.0);
    plssym(PLOT_CHAR_MM, 1.0);
    plsmaj(1.6, 1.0);
    plsmin(0.8, 1.0);
    pladv(0);
    c->open = 1;
    return SIM_OK;
}

static void finish_stream(plot_canvas *c)
{
    if (!c->open)
        return;
    plsstrm(c->strm);
    plend1();
    plsstrm(c->prev_strm);
    c->open = 0;
}

sim_status plot_end(plot_canvas *c, sim_error *err)
{
    finish_stream(c);
    struct stat st;
    if (stat(c->tmp_path, &st) != 0 || st.st_size == 0) {
        unlink(c->tmp_path);
        return sim_error_set(err, SIM_EIO, c->final_path, "the plot driver wrote nothing");
    }
    if (out_file_fault_check() || rename(c->tmp_path, c->write_path) != 0) {
        int e = errno;
        unlink(c->tmp_path);
        return sim_error_set(err, SIM_EIO, c->final_path, "cannot write: %s", strerror(e));
    }
    out_file_note(c->final_path);
    return SIM_OK;
}

void plot_abort(plot_canvas *c)
{
    finish_stream(c);
    unlink(c->tmp_path);
}

void plot_panel(double vx0, double vx1, double vy0, double vy1, double x0, double x1, double y0,
                double y1, double xtick, const char *xlabel, const char *ylabel,
                const char *title)
{
    if (!isfinite(x0) || !isfinite(x1)) {
        x0 = 0.0;
        x1 = 1.0;
    }
    if (!isfinite(y0) || !isfinite(y1)) {
        y0 = 0.0;
        y1 = 1.0;
    }
    if (!(x1 > x0)) {
        x0 -= 0.5;
        x1 = x0 + 1.0;
    }
    if (!(y1 > y0)) {
        double m = fabs(y0) > 0.0 ? 0.1 * fabs(y0) : 0.5;
        y0 -= m;
        y1 += 2.0 * m;
    }
    plvpor(vx0, vx1, vy0, vy1);
    plwind(x0, x1, y0, y1);
    plcol0(PLOT_COL_GRID);
    plwidth(1.0);
    pllsty(1);
    PLINT nsub = xtick > 0.0 ? 4 : 0;
    plbox("g", xtick, nsub, "g", 0.0, 0);
    plcol0(PLOT_COL_FG);
    /* An empty y label marks a categorical y axis: no numbers, no ticks (the caller labels
     * the categories). */
    int categorical = ylabel != NULL && ylabel[0] == '\0';
    plbox("bcnst", xtick, nsub, categorical ? "bc" : "bcnstv", 0.0, 0);
    plschr(0.0, 1.0);
    if (xlabel != NULL)
        plmtex("b", 3.2, 0.5, 0.5, xlabel);
    if (ylabel != NULL && !categorical)
        plmtex("l", 4.2, 0.5, 0.5, ylabel);
    if (title != NULL) {
        plschr(0.0, 1.15);
        plmtex("t", 0.8, 0.0, 0.0, title);
        plschr(0.0, 1.0);
    }
}

/* What the time axis's label function needs (plslabelfunc passes it back). */
typedef struct time_axis {
    int weekday0;
    int with_day; /* more than a week: "Mon 8" (day 8 of the horizon) */
} time_axis;

static void time_label(PLINT axis, PLFLT value, char *label, PLINT length, PLPointer data)
{
    static const char *const wd[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    const time_axis *ta = data;
    if (axis != PL_X_AXIS) {
        snprintf(label, (size_t)length, "%g", value);
        return;
    }
    double day = floor(value / 86400.0 + 1e-9);
    double sec = value - day * 86400.0;
    if (sec < 60.0 || sec > 86400.0 - 60.0) {
        long d = (long)day + (sec > 43200.0);
        const char *name = wd[(((long)ta->weekday0 + d) % 7 + 7) % 7];
        if (ta->with_day)
            snprintf(label, (size_t)length, "%s %ld", name, d + 1);
        else
            snprintf(label, (size_t)length, "%s", name);
    } else {
        long m = lround(sec / 60.0);
        snprintf(label, (size_t)length, "%02ld:%02ld", m / 60, m % 60);
    }
}

void plot_panel_time(double vx0, double vx1, double vy0, double vy1, double t1_s, int weekday0,
                     double y0, double y1, int xlabels, const char *ylabel, const char *title)
{
    if (!isfinite(t1_s) || t1_s <= 0.0)
        t1_s = 86400.0;
    double days = t1_s / 86400.0, step;
    PLINT nsub;
    if (days <= 3.0) {
        step = 21600.0;
        nsub = 6;
    } else if (days <= 8.0) {
        step = 43200.0;
        nsub = 2;
    } else if (days <= 35.0) {
        step = 86400.0;
        nsub = 4;
    } else {
        step = 7.0 * 86400.0;
        nsub = 7;
    }
    if (!isfinite(y0) || !isfinite(y1) || !(y1 > y0)) {
        y0 = 0.0;
        y1 = 1.0;
    }
    plvpor(vx0, vx1, vy0, vy1);
    plwind(0.0, t1_s, y0, y1);
    plcol0(PLOT_COL_GRID);
    plwidth(1.0);
    pllsty(1);
    plbox("g", step, 0, "g", 0.0, 0);
    plcol0(PLOT_COL_FG);
    time_axis ta = {weekday0, days > 8.0};
    /* "o": the x numbers come from time_label (weekday, HH:MM) */
    plslabelfunc(time_label, &ta);
    plbox(xlabels ? "bcnsto" : "bcst", step, nsub, "bcnstv", 0.0, 0);
    plslabelfunc(NULL, NULL);
    plschr(0.0, 1.0);
    if (xlabels)
        plmtex("b", 3.2, 0.5, 0.5,
               days <= 8.0 ? "weekday (at midnight) and time of day"
                           : "weekday and day of the horizon (at midnight)");
    if (ylabel != NULL)
        plmtex("l", 4.2, 0.5, 0.5, ylabel);
    if (title != NULL) {
        plschr(0.0, 1.15);
        plmtex("t", 0.8, 0.0, 0.0, title);
        plschr(0.0, 1.0);
    }
}

void plot_shade(const double *x0, const double *x1, size_t n)
{
    PLFLT wx0, wx1, wy0, wy1;
    plgvpw(&wx0, &wx1, &wy0, &wy1);
    plcol0(PLOT_COL_SHADE);
    for (size_t i = 0; i < n; i++) {
        if (!(x1[i] > x0[i]))
            continue;
        PLFLT px[4] = {fmax(x0[i], wx0), fmin(x1[i], wx1), fmin(x1[i], wx1), fmax(x0[i], wx0)};
        PLFLT py[4] = {wy0, wy0, wy1, wy1};
        plfill(4, px, py);
    }
    plcol0(PLOT_COL_FG);
}

void plot_colorbar(double vx0, double vx1, double vy0, double vy1, double vmax,
                   const char *label)
{
    enum { STEPS = 64 };
    if (!(vmax > 0.0))
        vmax = 1.0;
    plvpor(vx0, vx1, vy0, vy1);
    plwind(0.0, 1.0, 0.0, vmax);
    for (int i = 0; i < STEPS; i++) {
        double a = vmax * i / STEPS, b = vmax * (i + 1) / STEPS;
        PLFLT px[4] = {0, 1, 1, 0}, py[4] = {a, a, b, b};
        plcol1((i + 0.5) / STEPS);
        plfill(4, px, py);
    }
    plcol0(PLOT_COL_FG);
    plbox("bc", 0.0, 0, "bcmstv", 0.0, 0);
    if (label != NULL)
        plmtex("r", 5.0, 0.5, 0.5, label);
}

void plot_line(const double *x, const double *y, size_t n, int color, double width, int style)
{
    plcol0(color);
    plwidth(width);
    pllsty(style);
    size_t i = 0;
    while (i < n) {
        while (i < n && !(isfinite(x[i]) && isfinite(y[i])))
            i++;
        size_t j = i;
        while (j < n && isfinite(x[j]) && isfinite(y[j]))
            j++;
        if (j - i >= 2)
            plline((PLINT)(j - i), x + i, y + i);
        else if (j - i == 1)
            plpoin(1, x + i, y + i, 17); /* an isolated point stays visible */
        i = j;
    }
    pllsty(1);
    plwidth(1.0);
    plcol0(PLOT_COL_FG);
}

void plot_band(const double *x, const double *lo, const double *hi, size_t n, int color)
{
    double *px = sim_malloc_array(2 * n, sizeof *px);
    double *py = sim_malloc_array(2 * n, sizeof *py);
    if (px == NULL || py == NULL) {
        sim_free(px);
        sim_free(py);
        return;
    }
    plcol0(color);
    size_t i = 0;
    while (i < n) {
        while (i < n && !(isfinite(x[i]) && isfinite(lo[i]) && isfinite(hi[i])))
            i++;
        size_t j = i;
        while (j < n && isfinite(x[j]) && isfinite(lo[j]) && isfinite(hi[j]))
            j++;
        if (j - i >= 2) {
            size_t m = 0;
            for (size_t k = i; k < j; k++, m++) {
                px[m] = x[k];
                py[m] = hi[k];
            }
            for (size_t k = j; k-- > i; m++) {
                px[m] = x[k];
                py[m] = lo[k];
            }
            plfill((PLINT)m, px, py);
        }
        i = j;
    }
    sim_free(px);
    sim_free(py);
    plcol0(PLOT_COL_FG);
}

void plot_legend(const char *const *text, const int *colors, const int *styles, size_t n,
                 int filled_boxes, int outside)
{
    enum { MAXN = 16 };
    if (n == 0)
        return;
    if (n > MAXN)
        n = MAXN;
    PLINT opt[MAXN], tcol[MAXN], lcol[MAXN], lsty[MAXN], bcol[MAXN], bpat[MAXN];
    PLFLT lw[MAXN], bsc[MAXN], blw[MAXN];
    for (size_t i = 0; i < n; i++) {
        opt[i] = filled_boxes ? PL_LEGEND_COLOR_BOX : PL_LEGEND_LINE;
        tcol[i] = PLOT_COL_FG;
        lcol[i] = colors[i];
        bcol[i] = colors[i];
        bpat[i] = 0;
        bsc[i] = 0.8;
        blw[i] = 1.0;
        lsty[i] = styles != NULL ? styles[i] : 1;
        lw[i] = 2.0;
    }
    PLFLT w, h;
    plschr(0.0, 0.85);
    pllegend(&w, &h, PL_LEGEND_BACKGROUND | PL_LEGEND_BOUNDING_BOX,
             PL_POSITION_TOP | PL_POSITION_RIGHT | (outside ? PL_POSITION_OUTSIDE
                                                           : PL_POSITION_INSIDE),
             0.01, 0.0, 0.04,
             PLOT_COL_BG, PLOT_COL_GRID, 1, (PLINT)n, 1, (PLINT)n, opt, 0.6, 1.0, 1.6, 0.0,
             tcol, (const char *const *)text, bcol, bpat, bsc, blw, lcol, lsty, lw, NULL,
             NULL, NULL, NULL);
    plschr(0.0, 1.0);
}
