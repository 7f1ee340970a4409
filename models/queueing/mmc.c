/* mmc.c -- see mmc.h.
 *
 * Contacts are pooled records on an intrusive doubly linked FIFO, so an abandoning contact
 * leaves the queue in O(1) and the queue never holds stale entries. Its patience timer is a
 * kernel event cancelled by handle when the contact is answered first.
 */
#include "mmc.h"

#include <math.h>
#include <string.h>

#include "sim_alloc.h"
#include "sim_assert.h"
#include "sim_pool.h"
#include "sim_rng.h"
#include "sim_runner.h"
#include "sim_timeavg.h"

typedef struct mmc_contact {
    struct mmc_contact *prev;
    struct mmc_contact *next;
    double arrival_s;
    sim_event_handle patience_timer;
    int counted; /* arrived inside [warmup, horizon) */
} mmc_contact;

typedef struct mmc_model {
    /* Hot parameters copied out of mmc_params, so a handler reads them at a fixed offset
     * from the model instead of through the params pointer. */
    double horizon_s;
    double warmup_s;
    double threshold_s;
    double mean_service_s;
    double mean_patience_s;
    double mean_interarrival_s;
    size_t agents;
    sim_env *env;
    sim_pool *contacts;
    gsl_rng *arrivals_rng;
    gsl_rng *service_rng;
    gsl_rng *patience_rng;
    size_t busy;
    size_t in_system;
    mmc_contact *head; /* longest waiting */
    mmc_contact *tail;
    size_t queue_length;
    sim_timeavg busy_avg;
    sim_timeavg queue_avg;
    mmc_result r; /* counts accumulate here, copied out at the end */
    int out_of_memory; /* a contact could not be allocated */
} mmc_model;

void mmc_params_default(mmc_params *p)
{
    memset(p, 0, sizeof *p);
    p->arrival_rate_per_s = 10.0 / 60.0;
    p->mean_service_s = 180.0;
    p->agents = 35;
    p->mean_patience_s = 120.0;
    p->horizon_s = 100000.0 * 60.0;
    p->warmup_s = 100.0 * 60.0;
    p->threshold_s = 20.0;
    p->seed = 1;
}

sim_status mmc_validate(const mmc_params *p, sim_error *err)
{
    if (!(p->arrival_rate_per_s > 0.0) || !isfinite(p->arrival_rate_per_s))
        return sim_error_set(err, SIM_EINVAL, "arrival_rate", "must be a positive finite rate, "
                             "got %g per second", p->arrival_rate_per_s);
    if (!(p->mean_service_s > 0.0) || !isfinite(p->mean_service_s))
        return sim_error_set(err, SIM_EINVAL, "mean_service", "must be positive and finite, "
                             "got %g s", p->mean_service_s);
    if (p->agents < 1 || p->agents > 1000000)
        return sim_error_set(err, SIM_EINVAL, "agents", "must be between 1 and 1000000, got %zu",
                             p->agents);
    if (!(p->mean_patience_s >= 0.0) || !isfinite(p->mean_patience_s))
        return sim_error_set(err, SIM_EINVAL, "mean_patience", "must be >= 0 (0: no "
                             "abandonment) and finite, got %g s", p->mean_patience_s);
    if (!(p->warmup_s >= 0.0) || !isfinite(p->warmup_s))
        return sim_error_set(err, SIM_EINVAL, "warmup", "must be >= 0, got %g s", p->warmup_s);
    if (!(p->horizon_s > p->warmup_s) || !isfinite(p->horizon_s))
        return sim_error_set(err, SIM_EINVAL, "horizon", "must be finite and longer than the "
                             "warm-up (%g s), got %g s", p->warmup_s, p->horizon_s);
    if (!(p->threshold_s >= 0.0) || !isfinite(p->threshold_s))
        return sim_error_set(err, SIM_EINVAL, "threshold", "must be >= 0, got %g s",
                             p->threshold_s);
    if (p->mean_patience_s == 0.0 &&
        p->arrival_rate_per_s * p->mean_service_s >= (double)p->agents)
        return sim_error_set(err, SIM_EINVAL, "agents", "%zu agents cannot carry %g Erlang "
                             "without abandonment: the queue grows without bound", p->agents,
                             p->arrival_rate_per_s * p->mean_service_s);
    return SIM_OK;
}

static void mmc_on_arrival(sim_env *env, void *obj, void *arg);
static void mmc_on_departure(sim_env *env, void *obj, void *arg);
static void mmc_on_abandon(sim_env *env, void *obj, void *arg);

/* Time averages stop at the horizon (the drain after it is not part of the statistics). */
static void mmc_set_busy(mmc_model *m, double now, size_t busy)
{
    m->busy = busy;
    if (now < m->horizon_s)
        sim_timeavg_set(&m->busy_avg, now, (double)busy);
}

static void mmc_set_queue(mmc_model *m, double now, size_t length)
{
    m->queue_length = length;
    if (now < m->horizon_s)
        sim_timeavg_set(&m->queue_avg, now, (double)length);
}

static void mmc_finish(mmc_model *m, mmc_contact *c)
{
    m->in_system--;
    sim_pool_release(m->contacts, c);
}

/* A contact is answered after waiting `wait` (counted: it arrived in the statistics window):
 * count it and start its service. Contacts answered on arrival never get a record. */
static void mmc_answer(mmc_model *m, int counted, double wait)
{
    if (counted) {
        m->r.answered++;
        m->r.wait_sum_answered += wait;
        m->r.wait_sum_all += wait;
        if (wait <= m->threshold_s) {
            m->r.answered_within++;
            m->r.waited_within++;
        }
    }
    /* The departure event needs no payload: any busy agent may finish. */
    sim_env_schedule(m->env, sim_rng_exponential(m->service_rng, m->mean_service_s), 0,
                     mmc_on_departure, m, NULL);
}

static void mmc_on_arrival(sim_env *env, void *obj, void *arg)
{
    (void)arg;
    mmc_model *m = obj;
    double now = sim_env_now(env);
    m->r.model_events++;
    double next = now + sim_rng_exponential(m->arrivals_rng, m->mean_interarrival_s);
    if (next < m->horizon_s)
        sim_env_schedule_at(env, next, 0, mmc_on_arrival, m, NULL);

    int counted = now >= m->warmup_s;
    if (counted)
        m->r.arrivals++;
    if (m->busy < m->agents) {
        mmc_set_busy(m, now, m->busy + 1);
        mmc_answer(m, counted, 0.0);
        return;
    }
    /* Every agent is busy: the contact waits, and only now needs a record. */
    if (counted)
        m->r.waited++;
    mmc_contact *c = sim_pool_alloc(m->contacts);
    if (c == NULL) {
        m->out_of_memory = 1; /* reported by mmc_run */
        sim_env_stop(env);
        return;
    }
    m->in_system++;
    if (m->in_system > m->r.peak_in_system)
        m->r.peak_in_system = m->in_system;
    c->arrival_s = now;
    c->counted = counted;
    c->patience_timer = 0;
    c->next = NULL;
    c->prev = m->tail;
    if (m->tail != NULL)
        m->tail->next = c;
    else
        m->head = c;
    m->tail = c;
    mmc_set_queue(m, now, m->queue_length + 1);
    if (m->mean_patience_s > 0.0)
        c->patience_timer = sim_env_schedule(
            env, sim_rng_exponential(m->patience_rng, m->mean_patience_s), 0, mmc_on_abandon,
            m, c);
}

static void mmc_unlink(mmc_model *m, mmc_contact *c)
{
    if (c->prev != NULL)
        c->prev->next = c->next;
    else
        m->head = c->next;
    if (c->next != NULL)
        c->next->prev = c->prev;
    else
        m->tail = c->prev;
}

static void mmc_on_departure(sim_env *env, void *obj, void *arg)
{
    (void)arg;
    mmc_model *m = obj;
    double now = sim_env_now(env);
    m->r.model_events++;
    mmc_contact *c = m->head;
    if (c == NULL) {
        mmc_set_busy(m, now, m->busy - 1);
        return;
    }
    mmc_unlink(m, c);
    mmc_set_queue(m, now, m->queue_length - 1);
    if (c->patience_timer != 0)
        sim_env_cancel(env, c->patience_timer);
    mmc_answer(m, c->counted, now - c->arrival_s);
    mmc_finish(m, c);
}

static void mmc_on_abandon(sim_env *env, void *obj, void *arg)
{
    mmc_model *m = obj;
    mmc_contact *c = arg;
    double now = sim_env_now(env);
    m->r.model_events++;
    mmc_unlink(m, c);
    mmc_set_queue(m, now, m->queue_length - 1);
    if (c->counted) {
        double wait = now - c->arrival_s;
        m->r.abandoned++;
        m->r.wait_sum_all += wait;
        if (wait <= m->threshold_s)
            m->r.waited_within++;
    }
    mmc_finish(m, c);
}

static void mmc_on_warmup_end(sim_env *env, void *obj, void *arg)
{
    (void)arg;
    mmc_model *m = obj;
    sim_timeavg_restart(&m->busy_avg, sim_env_now(env));
    sim_timeavg_restart(&m->queue_avg, sim_env_now(env));
}

static double ratio(double num, double den)
{
    return den > 0.0 ? num / den : 0.0;
}

sim_status mmc_run(const mmc_params *p, uint64_t replication, mmc_result *out, sim_error *err)
{
    memset(out, 0, sizeof *out);
    sim_status st = mmc_validate(p, err);
    if (st != SIM_OK)
        return st;

    mmc_model m;
    memset(&m, 0, sizeof m);
    m.horizon_s = p->horizon_s;
    m.warmup_s = p->warmup_s;
    m.threshold_s = p->threshold_s;
    m.mean_service_s = p->mean_service_s;
    m.mean_patience_s = p->mean_patience_s;
    m.mean_interarrival_s = 1.0 / p->arrival_rate_per_s;
    m.agents = p->agents;
    m.env = sim_env_new(p->calendar, 2 * p->agents + 64);
    m.contacts = sim_pool_new(sizeof(mmc_contact), 1024);
    if (m.env == NULL || m.contacts == NULL ||
        sim_env_seed(m.env, p->rng, p->seed, replication, MMC_STREAM_COUNT) != SIM_OK) {
        st = sim_error_set(err, SIM_ENOMEM, "", "out of memory creating the M/M/c model");
        goto done;
    }
    m.arrivals_rng = sim_env_stream(m.env, MMC_STREAM_ARRIVALS);
    m.service_rng = sim_env_stream(m.env, MMC_STREAM_SERVICE);
    m.patience_rng = sim_env_stream(m.env, MMC_STREAM_PATIENCE);
    sim_timeavg_init(&m.busy_avg, 0.0, 0.0);
    sim_timeavg_init(&m.queue_avg, 0.0, 0.0);

    sim_env_schedule_at(m.env, sim_rng_exponential(m.arrivals_rng, m.mean_interarrival_s), 0,
                        mmc_on_arrival, &m, NULL);
    /* Warm-up end runs before any arrival at the same instant (priority -1). */
    sim_env_schedule_at(m.env, p->warmup_s, -1, mmc_on_warmup_end, &m, NULL);

    st = sim_env_run_until(m.env, p->horizon_s, err);
    if (st == SIM_OK && !m.out_of_memory) {
        m.r.occupancy = sim_timeavg_mean(&m.busy_avg, p->horizon_s) / (double)p->agents;
        m.r.mean_queue_length = sim_timeavg_mean(&m.queue_avg, p->horizon_s);
        st = sim_env_run(m.env, err); /* drain: every counted contact gets an outcome */
    }
    if (st == SIM_OK && m.out_of_memory)
        st = sim_error_set(err, SIM_ENOMEM, "", "out of memory during the M/M/c run");
    if (st == SIM_OK)
        SIM_ASSERT(m.in_system == 0 && m.head == NULL, "contacts left after the drain");
    if (st != SIM_OK)
        goto done;

    mmc_result *r = &m.r;
    double n = (double)r->arrivals;
    r->p_wait = ratio((double)r->waited, n);
    r->p_abandon = ratio((double)r->abandoned, n);
    r->service_level = ratio((double)r->answered_within, n);
    r->service_level_answered = ratio((double)r->answered_within, (double)r->answered);
    r->asa_s = ratio(r->wait_sum_answered, (double)r->answered);
    r->mean_wait_all_s = ratio(r->wait_sum_all, n);
    sim_env_get_stats(m.env, &r->env);
done:
    *out = m.r;
    sim_pool_free(m.contacts);
    sim_env_free(m.env);
    return st;
}

typedef struct mmc_batch {
    const mmc_params *p;
    mmc_result *out;
} mmc_batch;

static sim_status mmc_task(void *ctx, size_t index, sim_error *err)
{
    mmc_batch *b = ctx;
    return mmc_run(b->p, index, &b->out[index], err);
}

/* MPI exchange of results (sim_mpi.h): an mmc_result holds no pointers, so its bytes are
 * its packed form. */
static void mmc_pack(void *ctx, size_t index, sim_buf *buf)
{
    mmc_batch *b = ctx;
    sim_buf_put_bytes(buf, &b->out[index], sizeof b->out[index]);
}

static sim_status mmc_unpack(void *ctx, size_t index, sim_buf_reader *r, sim_error *err)
{
    mmc_batch *b = ctx;
    sim_buf_get_bytes(r, &b->out[index], sizeof b->out[index]);
    if (r->failed || r->pos != r->len)
        return sim_error_set(err, SIM_EIO, "mpi", "malformed M/M/c result %zu", index);
    return SIM_OK;
}

sim_status mmc_run_replications(const mmc_params *p, size_t n, int threads, mmc_result *out,
                                sim_error *err)
{
    mmc_batch b = {p, out};
    sim_runner_options opts = {threads, NULL, NULL, NULL, mmc_pack, mmc_unpack};
    return sim_runner_run(n, mmc_task, &b, &opts, err);
}
