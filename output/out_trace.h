/* out_trace.h -- the per-contact event log of `omnisim run --trace FILE`, as CSV.
 *
 * What it is: a cc_trace_fn (models/cc/cc_model.h) that formats each lifecycle event as one CSV
 * row on an open stream, so the log is streamed (bounded only by disk, never held in
 * memory). What it is not: the file handling (the command writes it through out_file.h, so
 * an interrupted run never leaves a complete-looking partial log) nor a thread serialiser:
 * it is meant to be called from one thread (omnisim run traces on one thread, which also
 * makes the log's order deterministic: replication by replication, in event order).
 *
 * Columns (docs/outputs.md): replication, time_s, event, contact, need, segment, channel,
 * to_channel, pool, wait_s, duration_s, outcome, repeat, counted.
 */
#ifndef OUT_TRACE_H
#define OUT_TRACE_H

#include <stdint.h>
#include <stdio.h>

#include "cc_model.h"
#include "scenario.h"

typedef struct out_trace {
    FILE *fp;              /* borrowed */
    const scenario *scn;   /* borrowed: channel and segment names */
    uint64_t rows;         /* events written */
    int failed;            /* the stream reported an error */
} out_trace;

/* Start a trace on fp: write the header. 0, or -1 when the stream fails. */
int out_trace_init(out_trace *t, FILE *fp, const scenario *scn);
/* The callback to put in cc_options.trace with trace_ctx = the out_trace. */
void out_trace_event(void *ctx, const cc_trace_event *ev);
/* The event kind's name in the log ("arrival", "answer", ...). */
const char *out_trace_kind_name(cc_trace_kind kind);

#endif /* OUT_TRACE_H */
