/* cc_mmc.c -- see cc_mmc.h. */
#include "cc_mmc.h"

#include <stdio.h>
#include <string.h>

#include "sim_alloc.h"
#include "sim_tally.h"

enum { CC_MMC_KPIS = 8 };

cc_summary *cc_mmc_summary_new(const mmc_result *res, size_t n, double level, sim_error *err)
{
    static const char *const names[CC_MMC_KPIS] = {"mmc.arrivals",
                                                   "mmc.service_level_per_offered",
                                                   "mmc.service_level_per_answered",
                                                   "mmc.asa_s",
                                                   "mmc.waited_per_offered",
                                                   "mmc.abandoned_per_offered",
                                                   "mmc.occupancy",
                                                   "mmc.mean_queue_length"};
    static const sim_ci_scale scales[CC_MMC_KPIS] = {SIM_CI_LOG,   SIM_CI_LOGIT, SIM_CI_LOGIT,
                                                     SIM_CI_LOG,   SIM_CI_LOGIT, SIM_CI_LOGIT,
                                                     SIM_CI_LOGIT, SIM_CI_LOG};
    cc_summary *sum = sim_calloc(1, sizeof *sum);
    if (sum != NULL) {
        sum->names = sim_calloc(CC_MMC_KPIS, sizeof *sum->names);
        sum->values = sim_calloc(n * CC_MMC_KPIS + 1, sizeof *sum->values);
        sum->ci = sim_calloc(CC_MMC_KPIS, sizeof *sum->ci);
    }
    if (sum == NULL || sum->names == NULL || sum->values == NULL || sum->ci == NULL) {
        cc_summary_free(sum);
        sim_error_set(err, SIM_ENOMEM, "", "out of memory for the M/M/c summary");
        return NULL;
    }
    sum->n_reps = n;
    sum->n_kpis = CC_MMC_KPIS;
    sum->level = level;
    for (size_t k = 0; k < CC_MMC_KPIS; k++)
        snprintf(sum->names[k], sizeof sum->names[k], "%s", names[k]);
    for (size_t r = 0; r < n; r++) {
        double *v = &sum->values[r * CC_MMC_KPIS];
        v[0] = (double)res[r].arrivals;
        v[1] = res[r].service_level;
        v[2] = res[r].service_level_answered;
        v[3] = res[r].asa_s;
        v[4] = res[r].p_wait;
        v[5] = res[r].p_abandon;
        v[6] = res[r].occupancy;
        v[7] = res[r].mean_queue_length;
    }
    for (size_t k = 0; k < CC_MMC_KPIS; k++) {
        sim_tally t;
        sim_tally_init(&t);
        for (size_t r = 0; r < n; r++)
            sim_tally_add(&t, sum->values[r * CC_MMC_KPIS + k]);
        sum->ci[k] = sim_ci_from_tally_scaled(&t, level, scales[k]);
    }
    return sum;
}
