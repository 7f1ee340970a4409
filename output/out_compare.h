/* out_compare.h -- the result of `omnisim compare` (models/study/policy_compare.h):
 * compare.csv (one row per policy and KPI), compare.json (the study's settings and the same
 * rows) and the printed table. Fields and their meaning: docs/outputs.md.
 */
#ifndef OUT_COMPARE_H
#define OUT_COMPARE_H

#include <stdio.h>

#include "out_rows.h"
#include "out_study.h"
#include "policy_compare.h"

typedef struct out_compare {
    out_study_head head; /* first: the shared JSON members read it */
    const policy_compare_result *res;
    const policy_compare_options *po;
} out_compare;

/* The context for a result of policy_compare_run on base with options po. */
void out_compare_init(out_compare *o, const scenario *base, const policy_compare_result *res,
                      const policy_compare_options *po);

/* compare.csv's rows; compare.json's document. */
extern const out_rows_table out_compare_rows;
extern const out_rows_table out_compare_doc;

/* The printed table. 0, or -1 on a stream error. */
int out_compare_text(FILE *fp, const void *ctx);

/* The three files of an out_compare. */
out_study_files out_compare_files(const out_compare *o);

#endif /* OUT_COMPARE_H */
