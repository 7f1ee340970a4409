/* out_erlang.c -- see out_erlang.h. */
#include "out_erlang.h"

int out_erlang_print(FILE *fp, const out_erlang *e)
{
    const erlang_queue *q = e->q;
    const erlang_result *r = e->r;
    const erlang_staffing *solved = e->solved;
    unsigned chat = e->chat;
    int with_a = q->patience_s > 0.0;
    fprintf(fp, "%s\n", with_a ? "Erlang A (M/M/n+M, exponential patience)" : "Erlang C (M/M/n)");
    fprintf(fp, "  %-28s %.6g contacts/h x %.6g s = %.6g Erlang\n", "offered load",
            r->arrival_rate * 3600.0, q->aht_s, r->offered_load);
    if (q->redial_share > 0.0)
        fprintf(fp, "  %-28s %.6g contacts/h fresh, %.6g with redials\n", "arrivals",
                q->arrival_rate * 3600.0, r->arrival_rate * 3600.0);
    if (chat > 0) {
        fprintf(fp, "  %-28s %.10g (%u chats each, %.10g slots)\n", "agents",
                solved != NULL ? solved->agents : r->agents / chat, chat, r->agents);
    } else {
        fprintf(fp, "  %-28s %.10g\n", "agents", r->agents);
    }
    if (solved != NULL)
        fprintf(fp, "  %-28s %.10g\n", "scheduled staff", solved->staff);
    fprintf(fp, "  %-28s %.6f\n", "P(wait)", r->p_wait);
    if (with_a) {
        fprintf(fp, "  %-28s %.6f\n", "P(abandon)", r->p_abandon);
        fprintf(fp, "  %-28s %.6f (answered within %g s, of all arrivals)\n", "service level",
                r->service_level, q->threshold_s);
        fprintf(fp, "  %-28s %.6f\n", "service level of answered", r->service_level_answered);
    } else {
        fprintf(fp, "  %-28s %.6f (answered within %g s)\n", "service level", r->service_level,
                q->threshold_s);
    }
    fprintf(fp, "  %-28s %.6g s\n", "ASA (answered)", r->asa_s);
    fprintf(fp, "  %-28s %.6g s\n", "mean wait (all arrivals)", r->mean_wait_s);
    fprintf(fp, "  %-28s %.6g s\n", "mean wait of those who wait", r->wait_if_delayed_s);
    fprintf(fp, "  %-28s %.6f\n", "occupancy", r->occupancy);
    fprintf(fp, "  %-28s %.6g\n", "Erlang B", r->erlang_b);
    return ferror(fp) ? -1 : 0;
}

static const out_erlang *erl(const out_rows_cursor *c)
{
    return c->ctx;
}

static int has_chat(const out_rows_cursor *c) { return erl(c)->chat > 0; }
static int has_solved(const out_rows_cursor *c) { return erl(c)->solved != NULL; }
static int has_patience(const out_rows_cursor *c) { return erl(c)->q->patience_s > 0.0; }
static int has_redial(const out_rows_cursor *c) { return erl(c)->q->redial_share > 0.0; }

static void g_model(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = has_patience(c) ? "erlang_a" : "erlang_c";
}

/* Agents, not chat slots: given or solved. */
static void g_agents(const out_rows_cursor *c, out_rows_value *v)
{
    const out_erlang *e = erl(c);
    if (e->chat == 0)
        v->num = e->r->agents;
    else
        v->num = e->solved != NULL ? e->solved->agents : e->q->agents;
}

static void g_chat(const out_rows_cursor *c, out_rows_value *v) { v->count = erl(c)->chat; }
static void g_staff(const out_rows_cursor *c, out_rows_value *v)
{
    v->num = erl(c)->solved->staff;
}

static const void *erl_r(const out_rows_cursor *c) { return erl(c)->r; }
static const void *erl_q(const out_rows_cursor *c) { return erl(c)->q; }

static void g_slots(const out_rows_cursor *c, out_rows_value *v) { v->num = erl(c)->r->agents; }
static void g_rate(const out_rows_cursor *c, out_rows_value *v)
{
    v->num = erl(c)->r->arrival_rate * 3600.0;
}
static void g_fresh(const out_rows_cursor *c, out_rows_value *v)
{
    v->num = erl(c)->q->arrival_rate * 3600.0;
}

static const out_rows_field erlang_fields[] = {
    {.name = "model", .unit = "text", .kind = OUT_ROWS_TEXT, .get = g_model,
     .doc = "`erlang_a` with `--patience`, else `erlang_c`"},
    {.name = "agents", .unit = "agents", .kind = OUT_ROWS_NUM, .get = g_agents,
     .doc = "agents given or found (for `--chat`: agents, not slots)"},
    {.name = "chat_concurrency", .unit = "chats", .kind = OUT_ROWS_COUNT, .get = g_chat,
     .has = has_chat, .doc = "(with `--chat`) chats per agent"},
    {.name = "chat_slots", .unit = "slots", .kind = OUT_ROWS_NUM, .get = g_slots,
     .has = has_chat, .doc = "(with `--chat`) agents x chats"},
    {.name = "staff", .unit = "agents", .kind = OUT_ROWS_NUM, .get = g_staff,
     .has = has_solved, .doc = "(when solving) scheduled staff, agents / (1 - shrinkage)"},
    {.name = "rate_per_hour", .unit = "contacts/h", .kind = OUT_ROWS_NUM, .get = g_rate,
     .doc = "arrivals (with redials: of all arrivals)"},
    {OUT_ROWS_AT_NUM(erl_q, erlang_queue, aht_s), .name = "aht", .unit = "s", .doc = "mean handle time"},
    {OUT_ROWS_AT_NUM(erl_q, erlang_queue, threshold_s), .name = "threshold", .unit = "s",
     .doc = "service-level threshold"},
    {OUT_ROWS_AT_NUM(erl_r, erlang_result, offered_load), .name = "offered_load", .unit = "Erlang",
     .doc = "arrival rate x AHT (with redials: of all arrivals)"},
    {OUT_ROWS_AT_NUM(erl_r, erlang_result, erlang_b), .name = "erlang_b", .unit = "share",
     .doc = "Erlang B blocking probability at the agents"},
    {OUT_ROWS_AT_NUM(erl_r, erlang_result, p_wait), .name = "p_wait", .unit = "share",
     .doc = "probability that an arrival must wait at all"},
    {OUT_ROWS_AT_NUM(erl_r, erlang_result, service_level), .name = "service_level", .unit = "share",
     .doc = "share of all arrivals answered within the threshold (abandoned never met)"},
    {OUT_ROWS_AT_NUM(erl_r, erlang_result, asa_s), .name = "asa", .unit = "s",
     .doc = "mean wait of answered contacts"},
    {OUT_ROWS_AT_NUM(erl_r, erlang_result, mean_wait_s), .name = "mean_wait", .unit = "s",
     .doc = "mean wait of all arrivals"},
    {OUT_ROWS_AT_NUM(erl_r, erlang_result, wait_if_delayed_s), .name = "wait_if_delayed", .unit = "s",
     .doc = "mean wait of those who wait"},
    {OUT_ROWS_AT_NUM(erl_r, erlang_result, occupancy), .name = "occupancy", .unit = "share",
     .doc = "answered load / agents"},
    {OUT_ROWS_AT_NUM(erl_q, erlang_queue, patience_s), .name = "patience", .unit = "s",
     .has = has_patience, .doc = "(with `--patience`) mean patience"},
    {OUT_ROWS_AT_NUM(erl_r, erlang_result, p_abandon), .name = "p_abandon", .unit = "share",
     .has = has_patience, .doc = "(with `--patience`) probability of abandoning"},
    {OUT_ROWS_AT_NUM(erl_r, erlang_result, service_level_answered), .name = "service_level_answered", .unit = "share", .has = has_patience,
     .doc = "(with `--patience`) P(wait <= threshold given answered)"},
    {OUT_ROWS_AT_NUM(erl_q, erlang_queue, redial_share), .name = "redial_share", .unit = "share",
     .has = has_redial, .doc = "(with `--redial`) share of abandoning callers who call again"},
    {.name = "fresh_rate_per_hour", .unit = "contacts/h", .kind = OUT_ROWS_NUM, .get = g_fresh,
     .has = has_redial, .doc = "(with `--redial`) fresh arrivals, without the redials"},
};

const out_rows_table out_erlang_json_table = {
    "omnisim erlang --json", erlang_fields, sizeof erlang_fields / sizeof erlang_fields[0],
    NULL};

int out_erlang_json(FILE *fp, const out_erlang *e)
{
    cJSON *doc = out_rows_json(&out_erlang_json_table, e, OUT_ROWS_NATIVE);
    int rc = doc != NULL ? out_rows_json_print(fp, doc, 0) : -1;
    cJSON_Delete(doc);
    return rc;
}
