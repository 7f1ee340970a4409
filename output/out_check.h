/* out_check.h -- the report of `omnisim check` (models/study/check.h): the text the CI job
 * prints and the same report as JSON (--json). The text reads at a glance: a verdict line;
 * then the results that matter (every KPI that moved, drift first, with the scenario's
 * service-level target and whether it is met); then the staffing drift grouped by channel
 * ("staff.phone: 38 of 672 intervals changed, largest mon 10:30 46 -> 50"); then the
 * details (every value that moved, worst first, with the tolerance that applied). The baseline file itself is read and
 * written by models/study/check_baseline.h. Fields and their meaning: docs/ci.md and
 * docs/outputs.md.
 */
#ifndef OUT_CHECK_H
#define OUT_CHECK_H

#include <stdio.h>

#include "check.h"
#include "out_rows.h"

typedef struct out_check {
    const char *baseline_path;   /* as the user named it */
    size_t max_lines;            /* lines of the diff per section */
    const check_snapshot *base;  /* the baseline */
    const check_report *rep;     /* check_compare's */
    const scenario *scn;         /* the scenario checked, for its targets; may be NULL */
} out_check;

/* The JSON report's document (one row; its entries are the moved values). */
extern const out_rows_table out_check_doc;

/* The text report. 0, or -1 on a stream error. */
int out_check_text(FILE *fp, const out_check *o);

/* The JSON report, formatted, with cJSON's own numbers. 0, or -1 when out of memory or on
 * a stream error. */
int out_check_json(FILE *fp, const out_check *o);

#endif /* OUT_CHECK_H */
