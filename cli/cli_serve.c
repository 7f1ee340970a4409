/* cli_serve.c -- `omnisim serve`: the what-if workbench, a local web page on the engine.
 *
 * An HTTP server on libmicrohttpd (one thread per connection, so a long run never blocks
 * another request) serving one page (cli/serve/page.html, embedded at build time) and a
 * small JSON interface (docs/workbench.md):
 *   GET  /                 the page
 *   GET  /api/base         the base scenario: its merged document (includes resolved), name,
 *                          seed, replications and the largest replication count accepted
 *   GET  /api/progress?slot=S   replications done of slot S's current run
 *   POST /api/run?slot=S[&replications=N][&seed=K]      body: a scenario document
 *   POST /api/compare?slot=S[&replications=N][&seed=K][&policies_b=...]
 *                          body: {"a": document, "b": document}
 *   POST /api/report?slot=S[&replications=N][&seed=K]   body: a document; its report.html
 * A run is models/study/whatif.h (the one loader, the run limits, the model) and its answer
 * output/out_whatif.h; `omnisim run` on the same document and seed gives the same numbers.
 *
 * Slots: the page names its run ("A", "B", "compare"); a newer run in the same slot stops the
 * one it supersedes (its interrupt flag: within a few thousand events), which answers 409. At
 * most SERVE_MAX_RUNNING runs simulate at once; the others wait (and may be superseded while
 * waiting).
 *
 * Safety (docs/workbench.md): bound to 127.0.0.1 by default. Requests that change nothing are
 * GETs; runs are POSTs carrying the header X-Omnisim-Request (a form or a plain cross-site
 * request cannot set it, so another web page cannot start runs); the Host header must name
 * the loopback address (no DNS rebinding). Bound to any other address, every request needs
 * the random token printed at start (?token= for the page, X-Omnisim-Token for the API).
 * Bodies are at most SERVE_BODY_MAX bytes, runs at most WHATIF_MAX_REPLICATIONS replications
 * and within the run limits; includes and data files must stay in the base scenario's folder
 * (with the built-in default, the current directory's).
 *
 * SIGINT, SIGTERM, SIGHUP stop the running simulations and the server: exit 130/143/129.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "cli.h"
#include "cli_opt.h"
#include "cli_signal.h"
#include "out_whatif.h"
#include "scenario.h"
#include "scenario_load.h"
#include "serve_page.h"
#include "sim_alloc.h"
#include "whatif.h"

#define SERVE_BODY_MAX (4u * 1024u * 1024u) /* bytes of a request body */
#define SERVE_MAX_RUNNING 2                  /* runs simulating at once */
#define SERVE_MAX_SLOTS 64                   /* slots with a run at once */
#define SERVE_SLOT_NAME_MAX 24
#define SERVE_MAX_CONNECTIONS 128
#define SERVE_TOKEN_HEX 32
#define SERVE_MAX_POLICIES 16

/* One run in a slot: its flag and progress, owned by the request that runs it. */
typedef struct serve_run {
    volatile sig_atomic_t cancel; /* set by a newer run of the slot, or by a signal */
    size_t done, total;
} serve_run;

typedef struct serve_slot {
    char name[SERVE_SLOT_NAME_MAX];
    serve_run *current; /* NULL when idle */
    unsigned long runs; /* started so far */
} serve_slot;

typedef struct serve_state {
    pthread_mutex_t lock;
    pthread_cond_t run_free;
    int running;                   /* runs simulating now */
    int active;                    /* requests in do_runs (running, waiting or answering) */
    int stopping;                  /* a signal came: refuse new runs */
    serve_slot slots[SERVE_MAX_SLOTS];
    size_t n_slots;
    char *base_json;               /* /api/base's answer */
    char base_dir[PATH_MAX];
    int threads;
    int loopback;                  /* bound to a loopback address */
    char token[SERVE_TOKEN_HEX + 1]; /* "" on loopback */
    unsigned port;
} serve_state;

/* What a connection collects while its body arrives. */
typedef struct serve_request {
    char *body;
    size_t len, cap;
    int too_big;
} serve_request;

/* ---------------------------------------------------------------------------------------- */
/* Answers */

static enum MHD_Result answer(struct MHD_Connection *conn, unsigned status, const char *type,
                              char *body, size_t len, int owned)
{
    struct MHD_Response *r;
    if (owned) /* from sim_alloc: freed by our callback, not libmicrohttpd's free() */
        r = MHD_create_response_from_buffer_with_free_callback(len, body, sim_free);
    else
        r = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_PERSISTENT);
    if (r == NULL) {
        if (owned)
            sim_free(body);
        return MHD_NO;
    }
    MHD_add_response_header(r, "Content-Type", type);
    MHD_add_response_header(r, "Cache-Control", "no-store");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'none'; script-src 'unsafe-inline'; "
                            "style-src 'unsafe-inline'; img-src data:; connect-src 'self'; "
                            "frame-ancestors 'none'");
    if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
        MHD_add_response_header(r, "Allow", "GET, POST");
    enum MHD_Result q = MHD_queue_response(conn, status, r);
    MHD_destroy_response(r);
    return q;
}

static enum MHD_Result answer_json(struct MHD_Connection *conn, unsigned status, char *json)
{
    if (json == NULL)
        return answer(conn, MHD_HTTP_INTERNAL_SERVER_ERROR, "application/json",
                      (char *)"{\"ok\":false,\"status\":\"out of memory\",\"errors\":[]}",
                      strlen("{\"ok\":false,\"status\":\"out of memory\",\"errors\":[]}"), 0);
    return answer(conn, status, "application/json", json, strlen(json), 1);
}

/* {"ok": false, "status": STATUS, "errors": [{"path": PATH, "message": MSG}]} */
static enum MHD_Result answer_error(struct MHD_Connection *conn, unsigned status,
                                    const char *what, const char *path, const char *fmt, ...)
{
    sim_error err;
    sim_error_clear(&err);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err.message, sizeof err.message, fmt, ap);
    va_end(ap);
    snprintf(err.path, sizeof err.path, "%s", path);
    err.code = SIM_EINVAL;
    char *json = out_whatif_errors_json(SIM_EINVAL, NULL, &err);
    if (json != NULL && what != NULL) {
        /* the status word the page shows ("superseded", "too large" ...) */
        cJSON *o = cJSON_Parse(json);
        sim_free(json);
        json = NULL;
        if (o != NULL) {
            cJSON_ReplaceItemInObject(o, "status", cJSON_CreateString(what));
            char *t = cJSON_PrintUnformatted(o);
            json = sim_strdup(t);
            cJSON_free(t);
            cJSON_Delete(o);
        }
    }
    return answer_json(conn, status, json);
}

/* ---------------------------------------------------------------------------------------- */
/* Slots and the run gate */

/* The slot called name (created when new, in the place of an idle one when the table is
 * full), or NULL when every slot has a run. Under lock. */
static serve_slot *slot_find(serve_state *s, const char *name)
{
    for (size_t i = 0; i < s->n_slots; i++)
        if (strcmp(s->slots[i].name, name) == 0)
            return &s->slots[i];
    serve_slot *sl = NULL;
    if (s->n_slots < SERVE_MAX_SLOTS)
        sl = &s->slots[s->n_slots++];
    for (size_t i = 0; sl == NULL && i < s->n_slots; i++)
        if (s->slots[i].current == NULL) /* an idle slot's name is forgotten */
            sl = &s->slots[i];
    if (sl == NULL)
        return NULL;
    memset(sl, 0, sizeof *sl);
    snprintf(sl->name, sizeof sl->name, "%s", name);
    return sl;
}

/* A slot name: 1..23 of [A-Za-z0-9_-]. */
static int slot_name_ok(const char *name)
{
    size_t n = name != NULL ? strlen(name) : 0;
    if (n == 0 || n >= SERVE_SLOT_NAME_MAX)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-'))
            return 0;
    }
    return 1;
}

/* Enter slot `name` with run: supersede its current run, then wait for a free place to
 * simulate. Returns 0 when run may go on, 1 when it was superseded (or the server stops)
 * while waiting, -1 when there is no room for another slot. */
static int run_enter(serve_state *s, const char *name, serve_run *run)
{
    pthread_mutex_lock(&s->lock);
    serve_slot *sl = slot_find(s, name);
    if (sl == NULL) {
        pthread_mutex_unlock(&s->lock);
        return -1;
    }
    if (sl->current != NULL)
        sl->current->cancel = 1;
    sl->current = run;
    sl->runs++;
    while (!run->cancel && !s->stopping && s->running >= SERVE_MAX_RUNNING)
        pthread_cond_wait(&s->run_free, &s->lock);
    int go = !run->cancel && !s->stopping;
    if (go)
        s->running++;
    else if (sl->current == run)
        sl->current = NULL;
    pthread_mutex_unlock(&s->lock);
    return go ? 0 : 1;
}

static void run_leave(serve_state *s, const char *name, serve_run *run)
{
    pthread_mutex_lock(&s->lock);
    for (size_t i = 0; i < s->n_slots; i++)
        if (s->slots[i].current == run && strcmp(s->slots[i].name, name) == 0)
            s->slots[i].current = NULL;
    s->running--;
    pthread_cond_broadcast(&s->run_free);
    pthread_mutex_unlock(&s->lock);
}

/* A signal: stop every run, running or waiting. */
static void runs_stop_all(serve_state *s)
{
    pthread_mutex_lock(&s->lock);
    s->stopping = 1;
    for (size_t i = 0; i < s->n_slots; i++)
        if (s->slots[i].current != NULL)
            s->slots[i].current->cancel = 1;
    pthread_cond_broadcast(&s->run_free);
    pthread_mutex_unlock(&s->lock);
}

typedef struct progress_ctx {
    serve_state *s;
    serve_run *run;
} progress_ctx;

static void on_progress(void *ctx, size_t done, size_t total)
{
    progress_ctx *p = ctx;
    pthread_mutex_lock(&p->s->lock);
    p->run->done = done;
    p->run->total = total;
    pthread_mutex_unlock(&p->s->lock);
}

/* ---------------------------------------------------------------------------------------- */
/* Requests */

/* The policies a request names, in its own storage. */
typedef struct serve_policies {
    char text[1024];
    const char *names[SERVE_MAX_POLICIES];
    size_t n;
} serve_policies;

/* Parse a query's whole number in [lo, hi]; 1 when absent (*out unchanged) or good. */
static int query_number(struct MHD_Connection *conn, const char *key, unsigned long long lo,
                        unsigned long long hi, unsigned long long *out, int *given)
{
    const char *v = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, key);
    if (v == NULL)
        return 1;
    char *end;
    errno = 0;
    if (v[0] < '0' || v[0] > '9')
        return 0;
    unsigned long long x = strtoull(v, &end, 10);
    if (errno != 0 || *end != '\0' || x < lo || x > hi)
        return 0;
    *out = x;
    if (given != NULL)
        *given = 1;
    return 1;
}

/* The query's list KEY=NAME,NAME... of the document's policies into pol; 0 after answering
 * a bad one. */
static int query_policies(struct MHD_Connection *conn, const char *key, serve_policies *pol,
                          enum MHD_Result *res)
{
    const char *list = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, key);
    pol->n = 0;
    if (list == NULL || list[0] == '\0')
        return 1;
    if (strlen(list) >= sizeof pol->text) {
        *res = answer_error(conn, MHD_HTTP_BAD_REQUEST, "bad request", key,
                            "the list of policies is longer than %zu bytes", sizeof pol->text - 1);
        return 0;
    }
    snprintf(pol->text, sizeof pol->text, "%s", list);
    for (char *save = NULL, *t = strtok_r(pol->text, ",", &save); t != NULL;
         t = strtok_r(NULL, ",", &save)) {
        if (pol->n == SERVE_MAX_POLICIES) {
            *res = answer_error(conn, MHD_HTTP_BAD_REQUEST, "bad request", key,
                                "at most %d policies at once", SERVE_MAX_POLICIES);
            return 0;
        }
        pol->names[pol->n++] = t;
    }
    return 1;
}

/* The options of a run from the query; 0 after answering a bad one. */
static int run_options(struct MHD_Connection *conn, serve_state *s, whatif_options *o,
                       serve_policies *pol, enum MHD_Result *res)
{
    memset(o, 0, sizeof *o);
    o->base_dir = s->base_dir;
    o->threads = s->threads;
    unsigned long long reps = 0, seed = 0;
    int seed_given = 0;
    if (!query_number(conn, "replications", 1, WHATIF_MAX_REPLICATIONS, &reps, NULL)) {
        *res = answer_error(conn, MHD_HTTP_BAD_REQUEST, "bad request", "replications",
                            "replications must be a whole number from 1 to %d",
                            WHATIF_MAX_REPLICATIONS);
        return 0;
    }
    if (!query_number(conn, "seed", 0, (1ull << 53), &seed, &seed_given)) {
        *res = answer_error(conn, MHD_HTTP_BAD_REQUEST, "bad request", "seed",
                            "seed must be a whole number from 0 to 2^53");
        return 0;
    }
    /* policies=NAME,NAME...: names of the document's policies, applied in order */
    if (!query_policies(conn, "policies", pol, res))
        return 0;
    o->policies = pol->names;
    o->n_policies = pol->n;
    o->replications = (size_t)reps;
    o->use_seed = seed_given;
    o->seed = seed;
    return 1;
}

/* The status of a failed what-if as HTTP: refused input 400, interrupted 409, else 500. */
static unsigned failure_status(sim_status st)
{
    switch (st) {
    case SIM_EPARSE:
    case SIM_EINVAL:
    case SIM_ELIMIT:
    case SIM_EIO:
        return MHD_HTTP_BAD_REQUEST;
    case SIM_EINTR:
        return MHD_HTTP_CONFLICT;
    default:
        return MHD_HTTP_INTERNAL_SERVER_ERROR;
    }
}

static enum MHD_Result do_runs_counted(struct MHD_Connection *conn, serve_state *s,
                                       const char *slot, const char *const docs[2],
                                       const size_t lens[2], int report);

/* Run one or two documents in the request's slot and answer. docs[1] NULL: one what-if,
 * answered as JSON, or with `report` as its report.html.
 * Counted in s->active, so that a stopping server lets the answers out first. */
static enum MHD_Result do_runs(struct MHD_Connection *conn, serve_state *s, const char *slot,
                               const char *const docs[2], const size_t lens[2], int report)
{
    pthread_mutex_lock(&s->lock);
    s->active++;
    pthread_mutex_unlock(&s->lock);
    enum MHD_Result res = do_runs_counted(conn, s, slot, docs, lens, report);
    pthread_mutex_lock(&s->lock);
    s->active--;
    pthread_mutex_unlock(&s->lock);
    return res;
}

static enum MHD_Result do_runs_counted(struct MHD_Connection *conn, serve_state *s,
                                       const char *slot, const char *const docs[2],
                                       const size_t lens[2], int report)
{
    whatif_options o;
    serve_policies pol, pol_b;
    enum MHD_Result res;
    if (!run_options(conn, s, &o, &pol, &res))
        return res;
    /* compare: b's own policies (policies_b=...), a's when not given */
    if (!query_policies(conn, "policies_b", &pol_b, &res))
        return res;
    int own_b = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "policies_b") != NULL;
    serve_run run;
    memset(&run, 0, sizeof run);
    int entered = run_enter(s, slot, &run);
    if (entered < 0)
        return answer_error(conn, MHD_HTTP_SERVICE_UNAVAILABLE, "busy", "slot",
                            "more than %d slots in use", SERVE_MAX_SLOTS);
    if (entered > 0)
        return answer_error(conn, MHD_HTTP_CONFLICT, "superseded", "",
                            "a newer run in slot '%s' replaced this one", slot);
    progress_ctx pc = {s, &run};
    o.interrupted = &run.cancel;
    o.progress = on_progress;
    o.progress_ctx = &pc;
    whatif_result r[2];
    memset(r, 0, sizeof r);
    sim_status st = SIM_OK;
    scenario_diag diag;
    scenario_diag_init(&diag);
    sim_error err;
    sim_error_clear(&err);
    static const char *const labels[2] = {"a", "b"};
    size_t n_docs = docs[1] != NULL ? 2 : 1;
    for (size_t i = 0; i < n_docs && st == SIM_OK; i++) {
        whatif_options oi = o;
        if (i == 1 && own_b) {
            oi.policies = pol_b.names;
            oi.n_policies = pol_b.n;
        }
        st = whatif_run(docs[i], lens[i], n_docs == 2 ? labels[i] : "scenario", &oi, &r[i],
                        &diag, &err);
    }
    if (st == SIM_OK && n_docs == 2 && r[0].n_reps != r[1].n_reps)
        st = sim_error_set(&err, SIM_EINVAL, "replications",
                           "a and b ran %zu and %zu replications: give replications= to "
                           "compare them", r[0].n_reps, r[1].n_reps);
    run_leave(s, slot, &run);
    char *json;
    unsigned status = MHD_HTTP_OK;
    if (st == SIM_OK && report) {
        size_t len = 0;
        char *html = out_whatif_report(&r[0], &len, &err);
        whatif_result_fini(&r[0]);
        scenario_diag_fini(&diag);
        if (html == NULL)
            return answer_json(conn, MHD_HTTP_INTERNAL_SERVER_ERROR,
                               out_whatif_errors_json(err.code, NULL, &err));
        return answer(conn, MHD_HTTP_OK, "text/html; charset=utf-8", html, len, 1);
    }
    if (st == SIM_OK) {
        json = n_docs == 2 ? out_whatif_compare_json(&r[0], &r[1])
                           : out_whatif_result_json(&r[0]);
    } else if (st == SIM_EINTR) {
        status = MHD_HTTP_CONFLICT;
        scenario_diag_fini(&diag);
        for (size_t i = 0; i < 2; i++)
            whatif_result_fini(&r[i]);
        return answer_error(conn, status, s->stopping ? "stopped" : "superseded", "",
                            s->stopping ? "the server is stopping"
                                        : "a newer run in slot '%s' replaced this one",
                            slot);
    } else {
        status = failure_status(st);
        json = out_whatif_errors_json(st, &diag, &err);
    }
    scenario_diag_fini(&diag);
    for (size_t i = 0; i < 2; i++)
        whatif_result_fini(&r[i]);
    return answer_json(conn, status, json);
}

static enum MHD_Result do_run(struct MHD_Connection *conn, serve_state *s, const char *slot,
                              serve_request *rq, int report)
{
    const char *docs[2] = {rq->body != NULL ? rq->body : "", NULL};
    size_t lens[2] = {rq->len, 0};
    return do_runs(conn, s, slot, docs, lens, report);
}

/* {"a": document, "b": document}: each printed back to text for the loader (its errors name
 * the document "a" or "b" and the JSON path; lines refer to the printed text). */
static enum MHD_Result do_compare(struct MHD_Connection *conn, serve_state *s,
                                  const char *slot, serve_request *rq)
{
    cJSON *root = cJSON_ParseWithLength(rq->body != NULL ? rq->body : "", rq->len);
    cJSON *a = cJSON_GetObjectItemCaseSensitive(root, "a");
    cJSON *b = cJSON_GetObjectItemCaseSensitive(root, "b");
    if (!cJSON_IsObject(a) || !cJSON_IsObject(b)) {
        cJSON_Delete(root);
        return answer_error(conn, MHD_HTTP_BAD_REQUEST, "bad request", "",
                            "the body must be a JSON object {\"a\": scenario, \"b\": scenario}");
    }
    char *ta = cJSON_Print(a), *tb = cJSON_Print(b);
    cJSON_Delete(root);
    enum MHD_Result res;
    if (ta == NULL || tb == NULL) {
        res = answer_json(conn, MHD_HTTP_INTERNAL_SERVER_ERROR, NULL);
    } else {
        const char *docs[2] = {ta, tb};
        size_t lens[2] = {strlen(ta), strlen(tb)};
        res = do_runs(conn, s, slot, docs, lens, 0);
    }
    cJSON_free(ta);
    cJSON_free(tb);
    return res;
}

static enum MHD_Result do_progress(struct MHD_Connection *conn, serve_state *s,
                                   const char *slot)
{
    char buf[256];
    pthread_mutex_lock(&s->lock);
    serve_run *run = NULL;
    for (size_t i = 0; i < s->n_slots; i++)
        if (strcmp(s->slots[i].name, slot) == 0)
            run = s->slots[i].current;
    snprintf(buf, sizeof buf, "{\"slot\":\"%s\",\"running\":%s,\"done\":%zu,\"total\":%zu}",
             slot, run != NULL ? "true" : "false", run != NULL ? run->done : 0,
             run != NULL ? run->total : 0);
    pthread_mutex_unlock(&s->lock);
    return answer_json(conn, MHD_HTTP_OK, sim_strdup(buf));
}

/* Constant-time comparison of a presented token with ours. */
static int token_ok(const serve_state *s, const char *given)
{
    if (s->token[0] == '\0')
        return 1;
    if (given == NULL || strlen(given) != SERVE_TOKEN_HEX)
        return 0;
    unsigned diff = 0;
    for (size_t i = 0; i < SERVE_TOKEN_HEX; i++)
        diff |= (unsigned)(unsigned char)(given[i] ^ s->token[i]);
    return diff == 0;
}

/* On loopback the Host header must name loopback: a page of another site whose name was
 * made to resolve to 127.0.0.1 (DNS rebinding) sends its own name. */
static int host_ok(struct MHD_Connection *conn, const serve_state *s)
{
    if (!s->loopback)
        return 1;
    const char *host = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Host");
    if (host == NULL)
        return 0;
    static const char *const names[] = {"127.0.0.1", "localhost", "[::1]"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        size_t n = strlen(names[i]);
        if (strncmp(host, names[i], n) == 0 && (host[n] == '\0' || host[n] == ':'))
            return 1;
    }
    return 0;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_size, void **con_cls)
{
    (void)version;
    serve_state *s = cls;
    serve_request *rq = *con_cls;
    if (rq == NULL) { /* the headers: set up the body's collection */
        rq = sim_calloc(1, sizeof *rq);
        if (rq == NULL)
            return MHD_NO;
        *con_cls = rq;
        return MHD_YES;
    }
    if (*upload_size > 0) { /* a piece of the body */
        size_t n = *upload_size;
        *upload_size = 0;
        if (rq->too_big || rq->len + n > SERVE_BODY_MAX) {
            rq->too_big = 1;
            return MHD_YES;
        }
        if (rq->len + n + 1 > rq->cap) {
            size_t cap = rq->cap > 0 ? rq->cap : 65536;
            while (cap < rq->len + n + 1)
                cap *= 2;
            char *nb = sim_realloc(rq->body, cap);
            if (nb == NULL)
                return MHD_NO;
            rq->body = nb;
            rq->cap = cap;
        }
        memcpy(rq->body + rq->len, upload_data, n);
        rq->len += n;
        rq->body[rq->len] = '\0';
        return MHD_YES;
    }
    int is_get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
    int is_post = strcmp(method, "POST") == 0;
    if (!host_ok(conn, s))
        return answer_error(conn, MHD_HTTP_FORBIDDEN, "forbidden", "Host",
                            "the Host header must name 127.0.0.1 or localhost");
    const char *tok = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Omnisim-Token");
    if (tok == NULL)
        tok = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "token");
    if (!token_ok(s, tok))
        return answer_error(conn, MHD_HTTP_FORBIDDEN, "forbidden", "token",
                            "this server needs its token (printed when it started)");
    if (rq->too_big)
        return answer_error(conn, MHD_HTTP_CONTENT_TOO_LARGE, "too large", "",
                            "the request body exceeds %u bytes", SERVE_BODY_MAX);
    if (strcmp(url, "/") == 0 || strcmp(url, "/index.html") == 0) {
        if (!is_get)
            return answer_error(conn, MHD_HTTP_METHOD_NOT_ALLOWED, "method not allowed", "",
                                "%s / is not allowed", method);
        const char *page = serve_page_html();
        return answer(conn, MHD_HTTP_OK, "text/html; charset=utf-8", (char *)page,
                      strlen(page), 0);
    }
    if (strcmp(url, "/api/base") == 0) {
        if (!is_get)
            return answer_error(conn, MHD_HTTP_METHOD_NOT_ALLOWED, "method not allowed", "",
                                "%s %s is not allowed", method, url);
        return answer(conn, MHD_HTTP_OK, "application/json", s->base_json,
                      strlen(s->base_json), 0);
    }
    int is_run = strcmp(url, "/api/run") == 0, is_compare = strcmp(url, "/api/compare") == 0;
    int is_report = strcmp(url, "/api/report") == 0;
    int is_progress = strcmp(url, "/api/progress") == 0;
    if (!is_run && !is_compare && !is_progress && !is_report)
        return answer_error(conn, MHD_HTTP_NOT_FOUND, "not found", "", "no page %s", url);
    const char *slot = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "slot");
    if (slot == NULL)
        slot = "default";
    if (!slot_name_ok(slot))
        return answer_error(conn, MHD_HTTP_BAD_REQUEST, "bad request", "slot",
                            "a slot is 1 to %d letters, digits, '_' or '-'",
                            SERVE_SLOT_NAME_MAX - 1);
    if (is_progress) {
        if (!is_get)
            return answer_error(conn, MHD_HTTP_METHOD_NOT_ALLOWED, "method not allowed", "",
                                "%s %s is not allowed", method, url);
        return do_progress(conn, s, slot);
    }
    /* a run changes what the server does: POST only, with the header no form can send */
    if (!is_post)
        return answer_error(conn, MHD_HTTP_METHOD_NOT_ALLOWED, "method not allowed", "",
                            "%s starts a run: POST only", url);
    if (MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Omnisim-Request") == NULL)
        return answer_error(conn, MHD_HTTP_FORBIDDEN, "forbidden", "X-Omnisim-Request",
                            "a run needs the header X-Omnisim-Request (sent by the page)");
    if (is_compare)
        return do_compare(conn, s, slot, rq);
    return do_run(conn, s, slot, rq, is_report);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls, (void)conn, (void)toe;
    serve_request *rq = *con_cls;
    if (rq != NULL) {
        sim_free(rq->body);
        sim_free(rq);
    }
    *con_cls = NULL;
}

/* ---------------------------------------------------------------------------------------- */
/* Setting up */

/* /api/base's answer from the loaded base scenario; NULL when out of memory. */
static char *base_answer(const scenario *scn)
{
    cJSON *doc = cJSON_Parse(scn->source_json);
    cJSON *o = cJSON_CreateObject();
    char *text = doc != NULL ? cJSON_Print(doc) : NULL;
    char *out = NULL;
    if (o != NULL && text != NULL) {
        cJSON_AddStringToObject(o, "name", scn->name);
        cJSON_AddStringToObject(o, "source", scn->source_path);
        cJSON_AddNumberToObject(o, "seed", (double)scn->seed);
        cJSON_AddNumberToObject(o, "replications", (double)scn->replications);
        cJSON_AddNumberToObject(o, "max_replications", WHATIF_MAX_REPLICATIONS);
        cJSON_AddStringToObject(o, "document", text);
        /* each channel's goal as loaded (a channel without service_level has the default) */
        cJSON *chs = cJSON_AddArrayToObject(o, "channels");
        for (size_t c = 0; chs != NULL && c < scn->n_channels; c++) {
            const scenario_channel *ch = &scn->channels[c];
            cJSON *e = cJSON_CreateObject();
            if (e == NULL || !cJSON_AddItemToArray(chs, e)) {
                cJSON_Delete(e);
                break;
            }
            cJSON_AddStringToObject(e, "name", ch->name);
            cJSON_AddStringToObject(e, "kind", scenario_channel_kind_name(ch->kind));
            cJSON_AddNumberToObject(e, "sl_target", ch->sl_target);
            cJSON_AddNumberToObject(e, "sl_threshold_s", ch->sl_threshold_s);
        }
        char *t = cJSON_PrintUnformatted(o);
        out = sim_strdup(t);
        cJSON_free(t);
    }
    cJSON_free(text);
    cJSON_Delete(doc);
    cJSON_Delete(o);
    return out;
}

/* A random token from the system's generator: 0, or -1. */
static int make_token(char *out)
{
    unsigned char raw[SERVE_TOKEN_HEX / 2];
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t got = read(fd, raw, sizeof raw);
    close(fd);
    if (got != (ssize_t)sizeof raw)
        return -1;
    for (size_t i = 0; i < sizeof raw; i++)
        snprintf(out + 2 * i, 3, "%02x", raw[i]);
    return 0;
}

/* The listening address; 0, or -1 when addr is not a numeric IPv4 or IPv6 address. */
static int bind_address(const char *addr, unsigned port, struct sockaddr_storage *sa,
                        int *ipv6, int *loopback)
{
    memset(sa, 0, sizeof *sa);
    struct sockaddr_in *v4 = (struct sockaddr_in *)sa;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)sa;
    if (inet_pton(AF_INET, addr, &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons((uint16_t)port);
        *ipv6 = 0;
        *loopback = (ntohl(v4->sin_addr.s_addr) >> 24) == 127;
        return 0;
    }
    if (inet_pton(AF_INET6, addr, &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons((uint16_t)port);
        *ipv6 = 1;
        *loopback = IN6_IS_ADDR_LOOPBACK(&v6->sin6_addr);
        return 0;
    }
    return -1;
}

int cli_serve_main(int argc, char **argv)
{
    cli_opt_common c;
    cli_opt_common_init(&c, "serve");
    long port = 8080;
    const char *bind = "127.0.0.1";
    const cli_opt table[] = {
        {CLI_OPT_ROW_INT("port", &port), .short_name = 'p', .lo = 0, .hi = 65535,
         .metavar = "P", .def = "8080", .help = "TCP port to listen on (0: any free port)"},
        {CLI_OPT_ROW_TEXT("bind", &bind), .metavar = "ADDR", .def = "127.0.0.1",
         .help = "numeric IPv4 or IPv6 address to listen on; any other than loopback needs "
                 "the token printed at start"},
        {CLI_OPT_USE(THREADS), .help = "threads per run"},
        {CLI_OPT_USE(INCLUDE_ROOT), .help = "confine the base scenario's includes to DIR"},
        {CLI_OPT_USE(QUIET)},
    };
    const cli_opt_spec spec = {
        "serve",
        "omnisim serve [options] [SCENARIO]",
        "The what-if workbench: a local web page on the engine. Change demand, agents,\n"
        "opening hours, service goals, policies and replications of SCENARIO (the built-in\n"
        "default when none is given), see the KPIs with their intervals, the goal verdicts\n"
        "and the charts, and run two what-ifs side by side with common random numbers.\n"
        "Open the address it prints in a browser; Ctrl-C stops it.",
        "Exit codes: 0 never (it serves until stopped), 1 bad scenario, 2 usage error,\n"
        "3 cannot listen, 130/143/129 stopped by SIGINT/SIGTERM/SIGHUP.\n"
        "The page and its interface are described in docs/workbench.md.",
        "SCENARIO", 0, 1, table, sizeof table / sizeof table[0]};
    int parsed = cli_opt_parse(&spec, &c, argc, argv);
    if (parsed != CLI_OPT_GO_ON)
        return parsed;

    serve_state s;
    memset(&s, 0, sizeof s);
    struct sockaddr_storage sa;
    int ipv6 = 0;
    if (bind_address(bind, (unsigned)port, &sa, &ipv6, &s.loopback) != 0)
        return cli_usage_error("serve", "--bind: '%s' is not a numeric IPv4 or IPv6 address",
                               bind);
    if (!s.loopback && make_token(s.token) != 0) {
        fprintf(stderr, "omnisim serve: error: cannot read /dev/urandom for the token\n");
        return CLI_EXIT_RUNTIME;
    }

    scenario_load_opts lo = {NULL, 0, NULL, 0, NULL, c.include_root, c.no_includes};
    scenario_diag diag;
    scenario_diag_init(&diag);
    scenario *base = NULL;
    sim_status st = c.scenario_path != NULL ? scenario_load_file(c.scenario_path, &lo, &base, &diag)
                                            : scenario_load_default(&lo, &base, &diag);
    if (st != SIM_OK) {
        int code = cli_print_diag("serve", &diag, st);
        scenario_diag_fini(&diag);
        return code;
    }
    scenario_diag_fini(&diag);
    /* what-ifs may include and read data files only inside the base scenario's folder */
    const char *dir_of = c.scenario_path != NULL ? c.scenario_path : "./x";
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", dir_of);
    char *slash = strrchr(dir, '/');
    if (slash == NULL)
        snprintf(dir, sizeof dir, ".");
    else if (slash == dir)
        dir[1] = '\0';
    else
        *slash = '\0';
    if (realpath(dir, s.base_dir) == NULL) {
        fprintf(stderr, "omnisim serve: error: cannot resolve the folder '%s'\n", dir);
        scenario_free(base);
        return CLI_EXIT_RUNTIME;
    }
    s.base_json = base_answer(base);
    scenario_free(base);
    if (s.base_json == NULL) {
        fprintf(stderr, "omnisim serve: error: out of memory\n");
        return CLI_EXIT_RUNTIME;
    }
    s.threads = (int)c.threads;
    pthread_mutex_init(&s.lock, NULL);
    pthread_cond_init(&s.run_free, NULL);

    volatile sig_atomic_t *stop = cli_signal_begin();
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION |
                     (ipv6 ? MHD_USE_IPv6 : 0);
    struct MHD_Daemon *d = MHD_start_daemon(
        flags, (uint16_t)port, NULL, NULL, on_request, &s, MHD_OPTION_SOCK_ADDR,
        (struct sockaddr *)&sa, MHD_OPTION_NOTIFY_COMPLETED, on_completed, &s,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)SERVE_MAX_CONNECTIONS,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)120, MHD_OPTION_END);
    int code = CLI_EXIT_OK;
    if (d == NULL) {
        fprintf(stderr, "omnisim serve: error: cannot listen on %s port %ld: %s\n", bind, port,
                strerror(errno != 0 ? errno : EADDRINUSE));
        code = CLI_EXIT_RUNTIME;
    } else {
        const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
        s.port = info != NULL ? info->port : (unsigned)port;
        const char *shown = ipv6 ? "[" : "", *close_br = ipv6 ? "]" : "";
        /* the first line of stdout is the address (a test or a script reads it) */
        printf("http://%s%s%s:%u/%s%s\n", shown, bind, close_br, s.port,
               s.token[0] ? "?token=" : "", s.token);
        fflush(stdout);
        if (!c.quiet)
            fprintf(stderr, "omnisim serve: %s on http://%s%s%s:%u/ (Ctrl-C stops)\n",
                    c.scenario_path != NULL ? c.scenario_path : "the built-in default", shown,
                    bind, close_br, s.port);
        while (!*stop) {
            struct timespec ts = {0, 100 * 1000 * 1000};
            nanosleep(&ts, NULL);
        }
        runs_stop_all(&s);
        MHD_quiesce_daemon(d); /* no new connections */
        /* the stopped runs answer their clients (409 "stopped") before the sockets close */
        for (int i = 0; i < 30; i++) {
            pthread_mutex_lock(&s.lock);
            int active = s.active;
            pthread_mutex_unlock(&s.lock);
            if (active == 0)
                break;
            struct timespec ts = {0, 50 * 1000 * 1000};
            nanosleep(&ts, NULL);
        }
        struct timespec flush = {0, 100 * 1000 * 1000};
        nanosleep(&flush, NULL);
        MHD_stop_daemon(d);
        fprintf(stderr, "omnisim serve: stopped by %s\n", cli_signal_name());
        code = cli_signal_exit_code();
    }
    cli_signal_end();
    pthread_cond_destroy(&s.run_free);
    pthread_mutex_destroy(&s.lock);
    sim_free(s.base_json);
    return code;
}
