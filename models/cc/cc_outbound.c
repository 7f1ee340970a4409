/* cc_outbound.c -- an outbound campaign's list during one replication (cc_outbound.h).
 * Draws are keyed by (record, attempt) like a contact's (cc_model.c), so a dial's outcome
 * never depends on what else was drawn before. */
#include "cc_outbound.h"

#include <math.h>
#include <string.h>

#include "cc_dist.h"
#include "sim_alloc.h"

#define OB_DAY_S 86400.0
#define OB_GOLDEN 0x9e3779b97f4a7c15ULL

/* The splitmix64 finaliser (as in cc_model.c's per-contact draws). */
static uint64_t ob_mix(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

void cc_outbound_init(cc_outbound *o, const scenario_outbound *ob, uint64_t salt)
{
    memset(o, 0, sizeof *o);
    o->ob = ob;
    o->salt = ob_mix(salt ^ 0x6f7574626f756e64ULL); /* "outbound" */
    o->next_id = 1;
}

void cc_outbound_fini(cc_outbound *o)
{
    sim_free(o->ring);
    o->ring = NULL;
}

/* Records of every day whose dialing start has passed join the list. */
static void ob_load(cc_outbound *o, double now)
{
    while ((double)o->days_loaded * OB_DAY_S + o->ob->start_s <= now) {
        o->fresh += o->ob->records;
        o->acc.records += o->ob->records;
        o->days_loaded++;
    }
}

/* The first moment at or after t inside dialing hours. */
static double ob_in_hours(const scenario_outbound *ob, double t)
{
    double day = floor(t / OB_DAY_S);
    double tod = t - day * OB_DAY_S;
    if (tod < ob->start_s)
        return day * OB_DAY_S + ob->start_s;
    if (tod >= ob->end_s)
        return (day + 1.0) * OB_DAY_S + ob->start_s;
    return t;
}

int cc_outbound_take(cc_outbound *o, double now, cc_outbound_record *rec, double *next_s)
{
    const scenario_outbound *ob = o->ob;
    ob_load(o, now);
    int open = ob_in_hours(ob, now) == now;
    if (open && o->len > 0 && o->ring[o->head].due_s <= now) {
        *rec = o->ring[o->head];
        o->head = (o->head + 1) % o->cap;
        o->len--;
        return 1;
    }
    if (open && o->fresh > 0) {
        o->fresh--;
        rec->due_s = now;
        rec->id = o->next_id++;
        rec->attempt = 0;
        return 1;
    }
    double t = INFINITY;
    if (o->fresh > 0)
        t = now;
    if (o->len > 0 && o->ring[o->head].due_s < t)
        t = o->ring[o->head].due_s;
    if (ob->records > 0) {
        double load = (double)o->days_loaded * OB_DAY_S + ob->start_s;
        if (load < t)
            t = load;
    }
    if (t < now)
        t = now; /* a retry due while dialing was closed waits for the next opening */
    *next_s = isfinite(t) ? ob_in_hours(ob, t) : (double)INFINITY;
    return 0;
}

cc_outbound_outcome cc_outbound_dial(cc_outbound *o, const cc_outbound_record *rec,
                                     gsl_rng *draw, double *talk_s, double *wrap_s)
{
    const scenario_outbound *ob = o->ob;
    uint64_t key = ob_mix(o->salt + OB_GOLDEN * rec->id) + OB_GOLDEN * 4u * rec->attempt;
    double u = (double)(ob_mix(key + OB_GOLDEN) >> 11) * 0x1.0p-53;
    cc_outbound_outcome oc;
    if (u < ob->no_answer_share)
        oc = CC_OUTBOUND_NO_ANSWER;
    else if (u < ob->no_answer_share + ob->machine_share)
        oc = CC_OUTBOUND_MACHINE;
    else if (u < ob->no_answer_share + ob->machine_share + ob->right_party_share)
        oc = CC_OUTBOUND_RIGHT_PARTY;
    else
        oc = CC_OUTBOUND_WRONG_PARTY;
    *talk_s = *wrap_s = 0.0;
    if (oc == CC_OUTBOUND_RIGHT_PARTY) {
        /* unsigned long is 64 bits on the LP64 targets we build for (as in sim_rng.c) */
        gsl_rng_set(draw, (unsigned long)(key + OB_GOLDEN * 2u));
        *talk_s = cc_dist_draw(draw, &ob->talk_time, 1.0);
        if (ob->has_wrap_up)
            *wrap_s = cc_dist_draw(draw, &ob->wrap_up, 1.0);
    }
    o->acc.dials++;
    o->acc.dialing++;
    o->acc.no_answer += oc == CC_OUTBOUND_NO_ANSWER;
    o->acc.machine += oc == CC_OUTBOUND_MACHINE;
    o->acc.wrong_party += oc == CC_OUTBOUND_WRONG_PARTY;
    o->acc.right_party += oc == CC_OUTBOUND_RIGHT_PARTY;
    return oc;
}

int cc_outbound_end(cc_outbound *o, cc_outbound_record rec, cc_outbound_outcome oc,
                    double now)
{
    o->acc.dialing--;
    if (oc == CC_OUTBOUND_RIGHT_PARTY || oc == CC_OUTBOUND_WRONG_PARTY)
        return 0;
    rec.attempt++;
    if (rec.attempt >= o->ob->attempts) {
        o->acc.exhausted++;
        return 0;
    }
    if (o->len == o->cap) {
        size_t cap = o->cap > 0 ? 2 * o->cap : 64;
        cc_outbound_record *r = sim_calloc(cap, sizeof *r);
        if (r == NULL)
            return -1;
        for (size_t i = 0; i < o->len; i++)
            r[i] = o->ring[(o->head + i) % o->cap];
        sim_free(o->ring);
        o->ring = r;
        o->head = 0;
        o->cap = cap;
    }
    rec.due_s = now + o->ob->retry_delay_s;
    o->ring[(o->head + o->len) % o->cap] = rec;
    o->len++;
    return 0;
}
