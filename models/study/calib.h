/* calib.h -- a scenario from a contact log: one streamed pass through calib_log feeding the
 * estimators (calib_arrivals, calib_fit for handle times, calib_patience, calib_repeats), then
 * a scenario (cJSON) that omnisim validates and runs, and a report of every estimate with its
 * standard error (docs/data.md has the estimators and what each scenario field comes from).
 *
 * What it is not: printing or writing files (the command does that). */
#ifndef CALIB_H
#define CALIB_H

#include <cjson/cJSON.h>

#include "calib_log.h"
#include "sim_error.h"

typedef struct calib_options {
    calib_log_map map;
    double interval_s; /* demand interval, divides 86400 (default 900) */
    double window_s;   /* repeat window (default 86400) */
    double occupancy;  /* the placeholder agents: busiest interval's load / this (0.85) */
} calib_options;

/* Defaults as above, with the default column map. */
void calib_options_init(calib_options *o);

typedef struct calib calib;

/* Read and estimate. On SIM_EPARSE st lists the bad rows (and *out is NULL); on SIM_OK *out
 * is the caller's (calib_free). SIM_EINVAL when the log has no usable row. */
sim_status calib_run(const char *log_path, const calib_options *o, calib **out,
                     calib_log_stats *st, sim_error *err);
void calib_free(calib *c);

/* The scenario (the caller owns it, cJSON_Delete) and the report (likewise); NULL when out of
 * memory. */
cJSON *calib_scenario(const calib *c, const char *name);
cJSON *calib_report(const calib *c);

#endif /* CALIB_H */
