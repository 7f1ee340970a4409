/* out_label.h -- KPI names as a reader knows them, for the report and the charts.
 *
 * What it is: the label and the kind of value (share, duration, money ...) of a full KPI
 * name as the files write it (kpis.csv, compare.csv, sweep.csv, roadmap.csv): the
 * contact-center KPIs take their label from the KPI table (cc_result.h, cc_kpis_defs) with
 * the channel, pool or segment after a comma ("service level, phone"); the cost model's and
 * the studies' own (cost.*, sla.*, effort.*) are listed in out_label.c. What it is not: a
 * formatter (report.c writes the numbers).
 */
#ifndef OUT_LABEL_H
#define OUT_LABEL_H

#include <stddef.h>

/* What a value is, which decides how it is written. */
typedef enum out_label_kind {
    OUT_LABEL_COUNT = 0, /* contacts, needs, agents: thousands separators */
    OUT_LABEL_SHARE,     /* a share in [0, 1], written in % */
    OUT_LABEL_SECONDS,   /* a duration in s, written in s, min or h as fits */
    OUT_LABEL_HOURS,     /* hours of work */
    OUT_LABEL_EUR,       /* euros, whole */
    OUT_LABEL_EUR_CENTS, /* euros per contact, with cents */
    OUT_LABEL_RATIO      /* a plain ratio (contacts per need): 2 decimals */
} out_label_kind;

/* The label of KPI `name` into buf (size n; the name itself when it is no known KPI) and its
 * kind. */
out_label_kind out_label_kpi(const char *name, char *buf, size_t n);

#endif /* OUT_LABEL_H */
