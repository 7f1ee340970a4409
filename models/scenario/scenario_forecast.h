/* scenario_forecast.h -- demand.forecast_file: arrival volumes per channel and interval from a
 * WFM-style CSV (docs/data.md, "Forecast files").
 *
 * The file has a header naming its columns: `date` (YYYY-MM-DD, needs start_date) or
 * `weekday` (mon..sun), `interval_start` (HH:MM), `queue` and `volume` (contacts offered in
 * that interval). Queues map to channels through demand.queue_map (queue name -> channel
 * name; several queues may feed one channel), else a queue names a channel. The file's
 * interval is demand.forecast_interval_min minutes (15, 30 or 60; default the scenario's);
 * volumes are summed into longer scenario intervals or spread evenly over shorter ones.
 * The volumes of a channel that the file names replace its daily volume x weekday x intraday
 * (and seasonality and special-day volume factors) for the whole horizon.
 *
 * Every problem of the file is reported at once (up to SCENARIO_FORECAST_MAX_ERRORS with
 * file, line and column, then a count of the rest). The file is streamed: memory is the table
 * kept (channels x days x intervals) plus a presence mark per queue, day and file interval.
 */
#ifndef SCENARIO_FORECAST_H
#define SCENARIO_FORECAST_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "scenario_internal.h"

/* Errors of one forecast file reported with their position; the rest are counted. */
#define SCENARIO_FORECAST_MAX_ERRORS 20

/* Read demand.forecast_file of root (nothing when absent) into scn->forecast_*; needs the
 * channels, interval, horizon and dates converted already. Reports every problem through ctx;
 * returns the number of errors. */
size_t scenario_forecast_read(scenario_ctx *ctx, const cJSON *root, scenario *scn);

#endif /* SCENARIO_FORECAST_H */
