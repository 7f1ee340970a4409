/* cc_outbound.h -- the list of an outbound campaign (scenario_outbound) during one
 * replication: which record an agent of the campaign's group dials next, when one will be
 * ready, the draws of a dial (outcome, talk time, wrap-up) and the campaign's accounting.
 * The life cycle (cc_model.c) decides when an agent dials (the blend threshold) and holds it.
 * Memory: one entry per record waiting for a retry; fresh records are a count. */
#ifndef CC_OUTBOUND_H
#define CC_OUTBOUND_H

#include <stddef.h>
#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "cc_result.h"
#include "scenario.h"

/* How a dial ends (each dial ends in exactly one). */
typedef enum cc_outbound_outcome {
    CC_OUTBOUND_NO_ANSWER = 0,
    CC_OUTBOUND_MACHINE,
    CC_OUTBOUND_WRONG_PARTY,
    CC_OUTBOUND_RIGHT_PARTY
} cc_outbound_outcome;

typedef struct cc_outbound_record {
    double due_s;     /* may be dialed from then on */
    uint64_t id;      /* from 1 per replication: keys its draws */
    uint32_t attempt; /* dials so far */
} cc_outbound_record;

typedef struct cc_outbound {
    const scenario_outbound *ob;
    uint64_t salt;
    uint64_t fresh;        /* joined, never dialed */
    size_t days_loaded;    /* days whose records have joined */
    cc_outbound_record *ring; /* records waiting for a retry, in due order (one delay) */
    size_t head, len, cap;
    uint64_t next_id;
    cc_outbound_accounting acc;
} cc_outbound;

/* Start campaign ob (salt: the replication's key salt). SIM_OK. */
void cc_outbound_init(cc_outbound *o, const scenario_outbound *ob, uint64_t salt);
void cc_outbound_fini(cc_outbound *o);
/* The next record to dial at now (inside dialing hours): 1 and *rec, a retry due first;
 * else 0 and *next_s = the earliest time one may be ready (INFINITY when none will be). */
int cc_outbound_take(cc_outbound *o, double now, cc_outbound_record *rec, double *next_s);
/* Draw the outcome of dial rec (its attempt-th, counted in rec) and, for a right-party
 * contact, its talk and wrap-up seconds (0 otherwise); books the outcome in the accounting.
 * draw: a generator reseeded here from the record's key. */
cc_outbound_outcome cc_outbound_dial(cc_outbound *o, const cc_outbound_record *rec,
                                     gsl_rng *draw, double *talk_s, double *wrap_s);
/* Dial rec has ended with outcome oc at now: a retry is queued or the record closes.
 * 0, or -1 when out of memory. */
int cc_outbound_end(cc_outbound *o, cc_outbound_record rec, cc_outbound_outcome oc,
                    double now);

#endif
