/* out_erlang.h -- the result of `omnisim erlang`: the measures of one queue as a table on
 * stdout, or as one JSON object (--json).
 *
 * What it is: the field table of an Erlang C / A evaluation or staffing solution
 * (models/queueing/erlang.h, erlang_staff.h) and its two writers. docs/outputs.md lists every
 * JSON field (tests/test_out_rows.c checks, over out_catalog.h). What it is not: the
 * formulas, or the option parsing (cli/cli_erlang.c).
 */
#ifndef OUT_ERLANG_H
#define OUT_ERLANG_H

#include <stdio.h>

#include "erlang.h"
#include "erlang_staff.h"
#include "out_rows.h"

/* What the writers read (borrowed). */
typedef struct out_erlang {
    const erlang_queue *q;          /* as given: fresh arrivals, agents (not chat slots) */
    const erlang_result *r;         /* the measures (for chat: of the slots) */
    unsigned chat;                  /* chats per agent; 0: not a chat queue */
    const erlang_staffing *solved;  /* the solution of a target; NULL for an evaluation */
} out_erlang;

/* The table ("Erlang C (M/M/n)", then one measure a line). 0, or -1 on a stream error. */
int out_erlang_print(FILE *fp, const out_erlang *e);

/* The JSON object on one line, cJSON's numbers. 0, or -1 (stream error, out of memory). */
int out_erlang_json(FILE *fp, const out_erlang *e);

extern const out_rows_table out_erlang_json_table;

#endif /* OUT_ERLANG_H */
