/* plot_calib.h -- the calibration report's charts: fitted vs observed per channel, drawn
 * with PLplot from calibration.json (the report of models/study/calib.h).
 *
 * DIR/calibration.png: one row per channel (the first PLOT_CALIB_CHANNELS_MAX), two panels:
 * the arrival profile (first contacts per interval, each weekday observed, and their mean:
 * the one intraday shape the scenario takes) and the patience fit (Kaplan-Meier survival of
 * the censored waits vs the fitted exponential and Weibull survival). */
#ifndef PLOT_CALIB_H
#define PLOT_CALIB_H

#include <cjson/cJSON.h>

#include "plot.h"
#include "sim_error.h"

#define PLOT_CALIB_CHANNELS_MAX 4

/* Write DIR/calibration.<ext> from report. SIM_OK, SIM_EINVAL (a report without channels),
 * SIM_EIO (the file cannot be written). */
sim_status plot_calib_write(const cJSON *report, const char *dir, plot_format f, sim_error *err);

#endif /* PLOT_CALIB_H */
