/* out_trace.c -- see out_trace.h. */
#include "out_trace.h"

#include <math.h>

static const char *const kind_names[CC_TRACE_KIND_COUNT] = {
    "arrival", "enter",    "held",      "queue",   "self_service", "answer",
    "abandon", "unanswered", "lost",    "callback", "end",         "hop",
    "retrial", "give_up",  "need_end", "blocked",
    "balked",  "queue_timeout", "callback_attempt", "unreached",
    "wrap_up", "wrap_up_end", "transfer",
    "conference", "conference_end"};

const char *out_trace_kind_name(cc_trace_kind kind)
{
    return (size_t)kind < CC_TRACE_KIND_COUNT ? kind_names[kind] : "?";
}

int out_trace_init(out_trace *t, FILE *fp, const scenario *scn)
{
    t->fp = fp;
    t->scn = scn;
    t->rows = 0;
    t->failed = 0;
    fputs("replication,time_s,event,contact,need,segment,channel,to_channel,pool,wait_s,"
          "duration_s,outcome,repeat,counted\n",
          fp);
    t->failed = ferror(fp) != 0;
    return t->failed ? -1 : 0;
}

static void put_num(FILE *fp, double v)
{
    if (isfinite(v))
        fprintf(fp, ",%.3f", v);
    else
        fputc(',', fp);
}

static const char *outcome_text(const cc_trace_event *ev, char *buf, size_t n)
{
    switch (ev->kind) {
    case CC_TRACE_HOP:
    case CC_TRACE_RETRIAL:
    case CC_TRACE_GIVE_UP:
        return ev->outcome >= 0 ? scenario_outcome_name((scenario_outcome)ev->outcome) : "";
    case CC_TRACE_END:
    case CC_TRACE_NEED_END:
        return ev->outcome ? "resolved" : (ev->kind == CC_TRACE_END ? "unresolved" : "given_up");
    case CC_TRACE_ANSWER:
        return ev->outcome == CC_TRACE_AT_CLOSE ? "overtime" : "";
    case CC_TRACE_ABANDON:
    case CC_TRACE_CALLBACK:
        return ev->outcome == CC_TRACE_AT_CLOSE ? "at_close" : "";
    default:
        break;
    }
    if (n > 0)
        buf[0] = '\0';
    return buf;
}

void out_trace_event(void *ctx, const cc_trace_event *ev)
{
    out_trace *t = ctx;
    if (t->failed)
        return;
    const scenario *scn = t->scn;
    FILE *fp = t->fp;
    char buf[4];
    /* Times in ms precision: the log audits the model against records kept in seconds. */
    fprintf(fp, "%llu,%.3f,%s,%llu,%llu,%s,%s,%s,%s", (unsigned long long)ev->replication,
            ev->time_s, out_trace_kind_name(ev->kind), (unsigned long long)ev->contact,
            (unsigned long long)ev->need,
            ev->segment < scn->n_segments ? scn->segments[ev->segment].name : "",
            ev->channel < scn->n_channels ? scn->channels[ev->channel].name : "",
            ev->to_channel < scn->n_channels ? scn->channels[ev->to_channel].name : "",
            ev->pool != NULL ? ev->pool : "");
    put_num(fp, ev->wait_s);
    put_num(fp, ev->duration_s);
    fprintf(fp, ",%s,%d,%d\n", outcome_text(ev, buf, sizeof buf), ev->repeat, ev->counted);
    t->rows++;
    if (ferror(fp))
        t->failed = 1;
}
