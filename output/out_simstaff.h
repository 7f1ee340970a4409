/* out_simstaff.h -- the result of `omnisim simstaff` (models/study/simstaff.h):
 * simstaff.csv (one row per sized group, channel it serves and interval of the week: both
 * staffings, the search's service level and the validations), simstaff.json (the search,
 * the validation counts and each group's two staffings) and the printed table. Fields and
 * their meaning: docs/outputs.md.
 */
#ifndef OUT_SIMSTAFF_H
#define OUT_SIMSTAFF_H

#include <stdio.h>

#include "out_rows.h"
#include "out_study.h"
#include "sim_error.h"
#include "simstaff.h"

typedef struct out_simstaff {
    out_study_head head; /* first: the shared JSON members read it */
    const simstaff_result *res;
    size_t n_pairs;      /* (group, channel it serves) pairs: n_pairs x n_week CSV rows */
    size_t (*pairs)[2];  /* [n_pairs]: group k of the result, channel c of the result; owned */
} out_simstaff;

/* The context for a result of simstaff_run on base. SIM_OK, or SIM_ENOMEM; free with
 * out_simstaff_fini either way. */
sim_status out_simstaff_init(out_simstaff *o, const scenario *base, const simstaff_result *res,
                             sim_error *err);
void out_simstaff_fini(out_simstaff *o);

/* simstaff.csv's rows; simstaff.json's document. */
extern const out_rows_table out_simstaff_rows;
extern const out_rows_table out_simstaff_doc;

/* The printed table. 0, or -1 on a stream error. */
int out_simstaff_text(FILE *fp, const void *ctx);

/* The three files of an out_simstaff. */
out_study_files out_simstaff_files(const out_simstaff *o);

#endif /* OUT_SIMSTAFF_H */
