/* cc_mmc.h -- the replications of the built-in M/M/c(+M) queue (models/queueing/mmc.h) as a
 * KPI summary (cc_result.h), for `omnisim run --mmc`.
 *
 * What it is: the eight KPIs of a queue run ("mmc.arrivals", "mmc.service_level_per_offered",
 * "mmc.service_level_per_answered", "mmc.asa_s", "mmc.waited_per_offered",
 * "mmc.abandoned_per_offered", "mmc.occupancy", "mmc.mean_queue_length"), each with its
 * interval over the replications on its scale (shares logit, the others log; sim_ci.h), so
 * that the run's writers (kpis.csv, summary.json) serve the queue as they serve the model.
 * Every arrival is offered and answered or abandoned (the queue drains), so per offered is
 * per (answered + abandoned) here. What it is not: the queue (mmc.h).
 */
#ifndef CC_MMC_H
#define CC_MMC_H

#include <stddef.h>

#include "cc_result.h"
#include "mmc.h"
#include "sim_error.h"

/* The summary of res[0..n-1] at confidence level (no per-interval rows). NULL with err set
 * when out of memory. Free with cc_summary_free. */
cc_summary *cc_mmc_summary_new(const mmc_result *res, size_t n, double level, sim_error *err);

#endif /* CC_MMC_H */
