/* calib_repeats.c -- a chained hash table from customer id to that customer's latest contact,
 * swept of entries older than the window; the counts are in the header. Written here because
 * neither GSL nor cJSON offers a string hash table (and POSIX hsearch is one global table). */
#include "calib_repeats.h"

#include <math.h>
#include <string.h>

#include "sim_alloc.h"

#define NCH CALIB_REPEATS_CHANNELS_MAX
#define DELAY_SAMPLE 20000

typedef struct entry {
    struct entry *next;
    double done_s;
    unsigned channel;
    int outcome;
    char id[]; /* the customer id */
} entry;

struct calib_repeats {
    double window_s;
    entry **bucket;
    size_t n_bucket, n_entries, sweep_at, peak;
    double latest_arrival;
    size_t out_of_order;
    double contacts[NCH][CALIB_REPEATS_OUTCOMES];
    double next[NCH][CALIB_REPEATS_OUTCOMES][NCH];
    double ended[NCH][CALIB_REPEATS_OUTCOMES];
    calib_fit *delay[NCH][CALIB_REPEATS_OUTCOMES][2]; /* made on first use */
    int finished;
};

static size_t hash(const char *s)
{
    size_t h = 1469598103934665603u; /* FNV-1a */
    for (; *s != '\0'; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

calib_repeats *calib_repeats_new(double window_s)
{
    if (!(window_s > 0.0))
        return NULL;
    calib_repeats *r = sim_calloc(1, sizeof *r);
    if (r == NULL)
        return NULL;
    r->n_bucket = 1024;
    r->bucket = sim_calloc(r->n_bucket, sizeof *r->bucket);
    if (r->bucket == NULL) {
        sim_free(r);
        return NULL;
    }
    r->window_s = window_s;
    r->sweep_at = 1024;
    r->latest_arrival = -HUGE_VAL;
    return r;
}

void calib_repeats_free(calib_repeats *r)
{
    if (r == NULL)
        return;
    for (size_t b = 0; b < r->n_bucket; b++) {
        entry *e = r->bucket[b];
        while (e != NULL) {
            entry *n = e->next;
            sim_free(e);
            e = n;
        }
    }
    sim_free(r->bucket);
    for (size_t c = 0; c < NCH; c++)
        for (int o = 0; o < CALIB_REPEATS_OUTCOMES; o++)
            for (int s = 0; s < 2; s++)
                calib_fit_free(r->delay[c][o][s]);
    sim_free(r);
}

calib_fit *calib_repeats_delays(calib_repeats *r, size_t channel, int outcome, int same)
{
    calib_fit **f = &r->delay[channel][outcome][same != 0];
    if (*f == NULL)
        *f = calib_fit_new(DELAY_SAMPLE, 1000u + (unsigned long)(channel * 4 + (size_t)outcome * 2 +
                                                                (size_t)(same != 0)));
    return *f;
}

/* Remove every entry done more than the window before `now` (its need ended). */
static void sweep(calib_repeats *r, double now)
{
    for (size_t b = 0; b < r->n_bucket; b++) {
        entry **pp = &r->bucket[b];
        while (*pp != NULL) {
            entry *e = *pp;
            if (e->done_s + r->window_s < now) {
                r->ended[e->channel][e->outcome] += 1.0;
                *pp = e->next;
                sim_free(e);
                r->n_entries--;
            } else {
                pp = &e->next;
            }
        }
    }
    r->sweep_at = 2 * r->n_entries > 1024 ? 2 * r->n_entries : 1024;
}

static int grow(calib_repeats *r)
{
    size_t nb = 2 * r->n_bucket;
    entry **b = sim_calloc(nb, sizeof *b);
    if (b == NULL)
        return -1;
    for (size_t i = 0; i < r->n_bucket; i++) {
        entry *e = r->bucket[i];
        while (e != NULL) {
            entry *n = e->next;
            size_t h = hash(e->id) & (nb - 1);
            e->next = b[h];
            b[h] = e;
            e = n;
        }
    }
    sim_free(r->bucket);
    r->bucket = b;
    r->n_bucket = nb;
    return 0;
}

sim_status calib_repeats_add(calib_repeats *r, const char *customer, size_t channel, int outcome,
                             double arrival_s, double done_s, int *repeat, sim_error *err)
{
    if (repeat != NULL)
        *repeat = 0;
    if (channel >= NCH || outcome < 0 || outcome >= CALIB_REPEATS_OUTCOMES)
        return sim_error_set(err, SIM_EINVAL, "channel", "channel index %zu or outcome %d out of range",
                             channel, outcome);
    r->contacts[channel][outcome] += 1.0;
    if (arrival_s + r->window_s < r->latest_arrival)
        r->out_of_order++;
    if (arrival_s > r->latest_arrival)
        r->latest_arrival = arrival_s;
    if (*customer == '\0') {
        r->ended[channel][outcome] += 1.0;
        return SIM_OK;
    }
    size_t h = hash(customer) & (r->n_bucket - 1);
    entry *e = r->bucket[h];
    while (e != NULL && strcmp(e->id, customer) != 0)
        e = e->next;
    if (e != NULL) {
        /* the previous contact of this customer: a repeat when within the window */
        double delay = arrival_s - e->done_s;
        if (delay <= r->window_s) {
            if (repeat != NULL)
                *repeat = 1;
            r->next[e->channel][e->outcome][channel] += 1.0;
            calib_fit *f = calib_repeats_delays(r, e->channel, e->outcome, e->channel == channel);
            if (f == NULL)
                return sim_error_set(err, SIM_ENOMEM, "channel", "out of memory");
            calib_fit_add(f, delay > 0.0 ? delay : 0.0);
        } else {
            r->ended[e->channel][e->outcome] += 1.0;
        }
        e->channel = (unsigned)channel;
        e->outcome = outcome;
        e->done_s = done_s;
        return SIM_OK;
    }
    size_t len = strlen(customer);
    e = sim_malloc(sizeof *e + len + 1);
    if (e == NULL)
        return sim_error_set(err, SIM_ENOMEM, "customer", "out of memory");
    memcpy(e->id, customer, len + 1);
    e->channel = (unsigned)channel;
    e->outcome = outcome;
    e->done_s = done_s;
    e->next = r->bucket[h];
    r->bucket[h] = e;
    r->n_entries++;
    if (r->n_entries > r->peak)
        r->peak = r->n_entries;
    if (r->n_entries >= r->sweep_at) {
        sweep(r, r->latest_arrival);
        if (r->n_entries > r->n_bucket && grow(r) != 0)
            return sim_error_set(err, SIM_ENOMEM, "customer", "out of memory");
    }
    return SIM_OK;
}

void calib_repeats_finish(calib_repeats *r)
{
    if (r->finished)
        return;
    sweep(r, HUGE_VAL);
    r->finished = 1;
}

double calib_repeats_contacts(const calib_repeats *r, size_t c, int o) { return r->contacts[c][o]; }
double calib_repeats_next(const calib_repeats *r, size_t c, int o, size_t n) { return r->next[c][o][n]; }
double calib_repeats_ended(const calib_repeats *r, size_t c, int o) { return r->ended[c][o]; }
size_t calib_repeats_out_of_order(const calib_repeats *r) { return r->out_of_order; }
size_t calib_repeats_peak_customers(const calib_repeats *r) { return r->peak; }

void calib_repeats_share(double k, double n, double *p, double *se)
{
    if (!(n > 0.0)) {
        *p = *se = NAN;
        return;
    }
    *p = k / n;
    *se = sqrt(*p * (1.0 - *p) / n);
}
