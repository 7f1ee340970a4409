/* out_staff.c -- see out_staff.h.
 *
 * Rows of staffing.csv are (interval, channel) pairs, row = interval x channels + channel,
 * in that order; staffing.json's channel arrays are the same rows read as series. The text
 * tables keep the printf layout `omnisim staff` has always printed.
 */
#include "out_staff.h"

#include <math.h>
#include <string.h>

static const char *const out_staff_days[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

void out_staff_init(out_staff *s, const scenario *scn, const staffplan *plan,
                    const staffplan_options *opts)
{
    s->scn = scn;
    s->plan = plan;
    s->opts = opts;
    staffplan_week_sum(plan, &s->week);
}

/* ---- getters ------------------------------------------------------------------------- */

static const out_staff *staff_of(const out_rows_cursor *c)
{
    return c->ctx;
}

/* staffing.csv: row = interval x channels + channel. */
static size_t row_interval(const out_rows_cursor *c)
{
    return c->row / staff_of(c)->plan->n_channels;
}

static size_t row_channel(const out_rows_cursor *c)
{
    return c->row % staff_of(c)->plan->n_channels;
}

static const staffplan_cell *row_cell(const out_rows_cursor *c)
{
    return staffplan_at(staff_of(c)->plan, row_interval(c), row_channel(c));
}

static const void *row_cell_v(const out_rows_cursor *c) { return row_cell(c); }

/* Minutes since midnight at the start of interval k. */
static long tod_minutes(const staffplan *p, size_t k)
{
    return lround((double)(k % p->intervals_per_day) * p->interval_s) / 60;
}

static void g_interval(const out_rows_cursor *c, out_rows_value *v)
{
    v->count = row_interval(c);
}

static void g_day(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = out_staff_days[(row_interval(c) / staff_of(c)->plan->intervals_per_day) % 7];
}

static void g_time(const out_rows_cursor *c, out_rows_value *v)
{
    long m = tod_minutes(staff_of(c)->plan, row_interval(c));
    snprintf(v->buf, sizeof v->buf, "%02ld:%02ld", m / 60, m % 60);
    v->text = v->buf;
}

static void g_channel(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = staff_of(c)->plan->channels[row_channel(c)].name;
}

static void g_open(const out_rows_cursor *c, out_rows_value *v)
{
    v->count = (unsigned long long)row_cell(c)->open;
}

#define OUT_STAFF_CELL(fn, member)                                                          \
    static void fn(const out_rows_cursor *c, out_rows_value *v) { v->num = row_cell(c)->member; }
OUT_STAFF_CELL(g_rate, rate_per_hour)
OUT_STAFF_CELL(g_agents, agents)
OUT_STAFF_CELL(g_staff, staff)
OUT_STAFF_CELL(g_sl, service_level)
OUT_STAFF_CELL(g_asa, asa_s)
OUT_STAFF_CELL(g_occupancy, occupancy)

static size_t n_cells(const void *ctx, const out_rows_cursor *parent)
{
    (void)parent;
    const out_staff *s = ctx;
    return s->plan->n_intervals * s->plan->n_channels;
}

static const out_rows_field staff_cell_fields[] = {
    {.name = "interval", .unit = "index", .kind = OUT_ROWS_COUNT, .get = g_interval,
     .flags = OUT_ROWS_CSV_ONLY, .doc = "index in the week, 0 .. 7 x intervals_per_day - 1"},
    {.name = "day", .unit = "text", .kind = OUT_ROWS_TEXT, .get = g_day,
     .flags = OUT_ROWS_CSV_ONLY, .doc = "Mon..Sun"},
    {.name = "time", .unit = "HH:MM", .kind = OUT_ROWS_TEXT, .get = g_time,
     .flags = OUT_ROWS_CSV_ONLY, .doc = "at the start of the interval"},
    {.name = "channel", .unit = "text", .kind = OUT_ROWS_TEXT, .get = g_channel,
     .flags = OUT_ROWS_CSV_ONLY, .doc = "channel name"},
    {OUT_ROWS_AT_NUM(row_cell_v, staffplan_cell, rate_per_hour), .name = "rate_per_hour",
     .unit = "contacts/h",
     .doc = "expected first contacts per hour (also while closed; repeats are in "
            "`load_erlang`, and in the JSON's `repeat_per_hour`)"},
    {OUT_ROWS_AT_NUM(row_cell_v, staffplan_cell, repeat_per_hour), .name = "repeat_per_hour",
     .unit = "contacts/h", .flags = OUT_ROWS_JSON_ONLY,
     .doc = "expected repeat contacts per hour added to the rate (0 without `--repeats`)"},
    {OUT_ROWS_AT_NUM(row_cell_v, staffplan_cell, agents), .name = "agents", .unit = "agents",
     .doc = "required agents on duty (whole)"},
    {OUT_ROWS_AT_NUM(row_cell_v, staffplan_cell, staff), .name = "staff", .unit = "agents",
     .doc = "scheduled staff, agents / (1 - shrinkage)"},
    {.name = "open", .unit = "0/1", .kind = OUT_ROWS_COUNT, .get = g_open,
     .doc = "1 when the channel is open at the start of the interval"},
    {OUT_ROWS_AT_NUM(row_cell_v, staffplan_cell, load), .name = "load_erlang", .unit = "Erlang",
     .doc = "offered load (chat: slot Erlang; Erlang X: fresh + redials; workload: work "
            "landing in the interval / interval)"},
    {OUT_ROWS_AT_NUM(row_cell_v, staffplan_cell, service_level), .name = "service_level",
     .unit = "share",
     .doc = "predicted at `agents` by the formula; empty (JSON null) where not applicable "
            "(closed, workload)"},
    {OUT_ROWS_AT_NUM(row_cell_v, staffplan_cell, asa_s), .name = "asa_s", .unit = "s",
     .doc = "predicted average speed of answer, as `service_level`"},
    {OUT_ROWS_AT_NUM(row_cell_v, staffplan_cell, p_abandon), .name = "p_abandon", .unit = "share",
     .doc = "predicted abandonment, as `service_level`"},
    {OUT_ROWS_AT_NUM(row_cell_v, staffplan_cell, occupancy), .name = "occupancy", .unit = "share",
     .doc = "predicted occupancy, as `service_level`"},
};

const out_rows_table out_staff_csv_table = {
    "staffing.csv", staff_cell_fields, sizeof staff_cell_fields / sizeof staff_cell_fields[0],
    n_cells};

/* staffing.json: a channel row is c->row = j. */
static const staffplan_channel *row_plan_channel(const out_rows_cursor *c)
{
    return &staff_of(c)->plan->channels[c->row];
}

static const void *row_plan_channel_v(const out_rows_cursor *c) { return row_plan_channel(c); }

static const staffplan_week_channel *row_week(const out_rows_cursor *c)
{
    return &staff_of(c)->week.channels[c->row];
}

static const void *row_week_v(const out_rows_cursor *c) { return row_week(c); }

#define OUT_STAFF_CH(fn, member)                                                            \
    static void fn(const out_rows_cursor *c, out_rows_value *v)                             \
    {                                                                                       \
        v->num = row_plan_channel(c)->member;                                               \
    }
OUT_STAFF_CH(g_shrinkage, shrinkage)

#define OUT_STAFF_WEEK(fn, member)                                                          \
    static void fn(const out_rows_cursor *c, out_rows_value *v) { v->num = row_week(c)->member; }
OUT_STAFF_WEEK(g_peak, peak)
OUT_STAFF_WEEK(g_peak_staff, peak_staff)
OUT_STAFF_WEEK(g_mean_open, mean_open)
OUT_STAFF_WEEK(g_agent_hours, agent_hours)
OUT_STAFF_WEEK(g_staff_hours, staff_hours)

static void g_ch_name(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = row_plan_channel(c)->name;
}

static void g_kind(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = scenario_channel_kind_name(row_plan_channel(c)->kind);
}

static void g_method(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = staffplan_method_name(row_plan_channel(c)->method);
}

static size_t n_channels(const void *ctx, const out_rows_cursor *parent)
{
    (void)parent;
    return ((const out_staff *)ctx)->plan->n_channels;
}

static size_t n_intervals(const out_rows_cursor *c)
{
    return staff_of(c)->plan->n_intervals;
}

/* Item k of channel c->row's series: the staffing.csv row of (k, channel). */
static size_t series_row(const out_rows_cursor *c)
{
    return c->item * staff_of(c)->plan->n_channels + c->row;
}

static const out_rows_field staff_channel_fields[] = {
    {OUT_ROWS_AT_CHARS(row_plan_channel_v, staffplan_channel, name), .name = "name", .unit = "text",
     .doc = "channel name"},
    {.name = "kind", .unit = "text", .kind = OUT_ROWS_TEXT, .get = g_kind,
     .doc = "channel kind"},
    {.name = "method", .unit = "text", .kind = OUT_ROWS_TEXT, .get = g_method,
     .doc = "`erlang_c`, `erlang_a`, `erlang_x` or `workload`"},
    {OUT_ROWS_AT_COUNT(row_plan_channel_v, staffplan_channel, concurrency), .name = "concurrency",
     .unit = "contacts", .doc = "contacts one agent handles at once"},
    {OUT_ROWS_AT_NUM(row_plan_channel_v, staffplan_channel, aht_s), .name = "aht_s", .unit = "s",
     .doc = "handle time as sized"},
    {OUT_ROWS_AT_NUM(row_plan_channel_v, staffplan_channel, patience_s), .name = "patience_s",
     .unit = "s", .doc = "mean patience (0: none)"},
    {OUT_ROWS_AT_NUM(row_plan_channel_v, staffplan_channel, redial_share), .name = "redial_share",
     .unit = "share", .doc = "share of abandoning callers who redial (Erlang X)"},
    {OUT_ROWS_AT_NUM(row_plan_channel_v, staffplan_channel, sl_target), .name = "sl_target",
     .unit = "share", .doc = "service-level target"},
    {OUT_ROWS_AT_NUM(row_plan_channel_v, staffplan_channel, threshold_s), .name = "threshold_s",
     .unit = "s", .doc = "service-level threshold"},
    {OUT_ROWS_AT_NUM(row_plan_channel_v, staffplan_channel, response_target_s),
     .name = "response_target_s", .unit = "s",
     .doc = "response target of a deferred or callback channel"},
    {OUT_ROWS_AT_NUM(row_plan_channel_v, staffplan_channel, shrinkage), .name = "shrinkage",
     .unit = "share", .doc = "staff = agents / (1 - shrinkage)"},
    {OUT_ROWS_AT_NUM(row_week_v, staffplan_week_channel, peak), .name = "peak_agents",
     .unit = "agents", .doc = "most agents in one interval"},
    {OUT_ROWS_AT_COUNT(row_week_v, staffplan_week_channel, peak_at), .name = "peak_interval",
     .unit = "index", .doc = "first interval with the peak (0 when the peak is 0)"},
    {OUT_ROWS_AT_NUM(row_week_v, staffplan_week_channel, peak_staff), .name = "peak_staff",
     .unit = "agents", .doc = "most scheduled staff in one interval"},
    {OUT_ROWS_AT_NUM(row_week_v, staffplan_week_channel, mean_open), .name = "mean_agents_open",
     .unit = "agents", .doc = "mean agents over the open intervals"},
    {OUT_ROWS_AT_COUNT(row_week_v, staffplan_week_channel, open), .name = "open_intervals",
     .unit = "intervals", .doc = "intervals the channel is open"},
    {OUT_ROWS_AT_NUM(row_week_v, staffplan_week_channel, agent_hours), .name = "agent_hours_week",
     .unit = "hours", .doc = "agent hours on duty per week"},
    {OUT_ROWS_AT_NUM(row_week_v, staffplan_week_channel, staff_hours), .name = "staff_hours_week",
     .unit = "hours", .doc = "scheduled staff hours per week"},
    {OUT_ROWS_AT_NUM(row_plan_channel_v, staffplan_channel, first_per_week),
     .name = "first_per_week", .unit = "contacts",
     .doc = "first contacts per week (the repeat estimate; 0 without `--repeats`)"},
    {OUT_ROWS_AT_NUM(row_plan_channel_v, staffplan_channel, repeats_per_week),
     .name = "repeats_per_week", .unit = "contacts",
     .doc = "expected repeat contacts per week (as `first_per_week`)"},
    {OUT_ROWS_AT_NUM(row_plan_channel_v, staffplan_channel, redials_per_week),
     .name = "redials_per_week", .unit = "contacts",
     .doc = "of the repeats, redials (as `first_per_week`)"},
    {OUT_ROWS_AT_NUM(row_plan_channel_v, staffplan_channel, p_abandon_est), .name = "p_abandon_est",
     .unit = "share", .doc = "abandonment the repeat estimate used (as `first_per_week`)"},
    {.name = "intervals", .unit = "arrays", .kind = OUT_ROWS_SERIES, .table = &out_staff_csv_table,
     .count = n_intervals, .series_row = series_row,
     .doc = "every JSON column of staffing.csv as an array of `n_intervals` values"},
};

static const out_rows_table staff_channel_table = {
    "staffing.json channels", staff_channel_fields,
    sizeof staff_channel_fields / sizeof staff_channel_fields[0], n_channels};

static const out_rows_field staff_total_fields[] = {
    {OUT_ROWS_AT_NUM(out_rows_ctx, out_staff, week.agent_hours), .name = "agent_hours_week",
     .unit = "hours", .doc = "agent hours on duty per week, all channels"},
    {OUT_ROWS_AT_NUM(out_rows_ctx, out_staff, week.staff_hours), .name = "staff_hours_week",
     .unit = "hours", .doc = "scheduled staff hours per week, all channels"},
    {OUT_ROWS_AT_NUM(out_rows_ctx, out_staff, week.peak), .name = "peak_agents", .unit = "agents",
     .doc = "most agents of all channels at once in one interval"},
    {OUT_ROWS_AT_COUNT(out_rows_ctx, out_staff, week.peak_at), .name = "peak_interval", .unit = "index",
     .doc = "its first interval"},
};

static const out_rows_table staff_total_table = {
    "staffing.json total", staff_total_fields,
    sizeof staff_total_fields / sizeof staff_total_fields[0], NULL};

static void g_scenario(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = staff_of(c)->scn->name;
}

static void g_source(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = staff_of(c)->scn->source_path;
}

static void g_model(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = staff_of(c)->opts->erlang_a ? "erlang_a" : "erlang_c";
}

static void g_interval_s(const out_rows_cursor *c, out_rows_value *v)
{
    v->num = staff_of(c)->plan->interval_s;
}

static void g_ipd(const out_rows_cursor *c, out_rows_value *v)
{
    v->count = staff_of(c)->plan->intervals_per_day;
}

static void g_n_intervals(const out_rows_cursor *c, out_rows_value *v)
{
    v->count = staff_of(c)->plan->n_intervals;
}

static void g_first(const out_rows_cursor *c, out_rows_value *v)
{
    (void)c;
    v->text = "Mon 00:00";
}

static void g_repeats(const out_rows_cursor *c, out_rows_value *v)
{
    v->flag = staff_of(c)->opts->repeats;
}

static const out_rows_field staff_json_fields[] = {
    {.name = "scenario", .unit = "text", .kind = OUT_ROWS_TEXT, .get = g_scenario,
     .doc = "scenario name"},
    {.name = "source", .unit = "text", .kind = OUT_ROWS_TEXT, .get = g_source,
     .doc = "the file it came from"},
    {.name = "model", .unit = "text", .kind = OUT_ROWS_TEXT, .get = g_model,
     .doc = "`erlang_a` (the default) or `erlang_c` (`--erlang-c`)"},
    {.name = "interval_s", .unit = "s", .kind = OUT_ROWS_NUM, .get = g_interval_s,
     .doc = "length of an interval"},
    {.name = "intervals_per_day", .unit = "intervals", .kind = OUT_ROWS_COUNT, .get = g_ipd,
     .doc = "intervals per day"},
    {.name = "n_intervals", .unit = "intervals", .kind = OUT_ROWS_COUNT, .get = g_n_intervals,
     .doc = "intervals of the week: 7 x intervals_per_day"},
    {.name = "first_interval", .unit = "text", .kind = OUT_ROWS_TEXT, .get = g_first,
     .doc = "`Mon 00:00`"},
    {.name = "repeats", .unit = "boolean", .kind = OUT_ROWS_BOOL, .get = g_repeats,
     .doc = "true with `--repeats`"},
    {.name = "total", .unit = "object", .kind = OUT_ROWS_OBJECT, .table = &staff_total_table,
     .doc = "the week of all channels"},
    {.name = "channels", .unit = "array", .kind = OUT_ROWS_TABLE, .table = &staff_channel_table,
     .doc = "one object per staffed channel"},
};

const out_rows_table out_staff_json_table = {
    "staffing.json", staff_json_fields, sizeof staff_json_fields / sizeof staff_json_fields[0],
    NULL};

int out_staff_csv(FILE *fp, void *ctx)
{
    return out_rows_csv(fp, &out_staff_csv_table, ctx);
}

int out_staff_json(FILE *fp, void *ctx)
{
    return out_rows_json_write(fp, &out_staff_json_table, ctx, 0);
}

/* ---- text ---------------------------------------------------------------------------- */

/* "Mon 09:15" for interval k. */
static const char *when(const staffplan *p, size_t k, char *buf, size_t n)
{
    long m = tod_minutes(p, k);
    snprintf(buf, n, "%s %02ld:%02ld", out_staff_days[(k / p->intervals_per_day) % 7], m / 60,
             m % 60);
    return buf;
}

static void t_when(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = when(staff_of(c)->plan, row_interval(c), v->buf, sizeof v->buf);
}

static void t_closed(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = row_cell(c)->open ? "" : "  closed";
}

static const out_rows_col staff_interval_cols[] = {
    {"interval", -9, 'u', 0, NULL, g_interval}, {"when", -9, 's', 0, NULL, t_when},
    {"channel", -16, 's', 0, NULL, g_channel},  {"rate_h", 10, 'f', 2, NULL, g_rate},
    {"agents", 7, 'f', 0, NULL, g_agents},      {"staff", 8, 'f', 2, NULL, g_staff},
    {"sl", 8, 'f', 4, NULL, g_sl},              {"asa_s", 9, 'f', 2, NULL, g_asa},
    {"occ", 8, 'f', 4, NULL, g_occupancy},      {"", 0, 's', 0, "", t_closed},
};

int out_staff_print_intervals(FILE *fp, const out_staff *s)
{
    const out_rows_text t = {NULL, staff_interval_cols,
                             sizeof staff_interval_cols / sizeof staff_interval_cols[0]};
    fputc('\n', fp);
    out_rows_text_header(fp, &t);
    out_rows_cursor c = {s, 0, 0, NULL};
    size_t n = n_cells(s, NULL);
    for (c.row = 0; c.row < n; c.row++)
        out_rows_text_row(fp, &t, &c);
    return ferror(fp) ? -1 : 0;
}

/* "80% in 20 s", "within 8h", "none". */
static void t_target(const out_rows_cursor *c, out_rows_value *v)
{
    const staffplan_channel *ch = row_plan_channel(c);
    if (ch->method == STAFFPLAN_WORKLOAD)
        snprintf(v->buf, sizeof v->buf, "within %gh", ch->response_target_s / 3600.0);
    else if (ch->sl_target > 0.0)
        snprintf(v->buf, sizeof v->buf, "%g%% in %g s", 100.0 * ch->sl_target, ch->threshold_s);
    else
        snprintf(v->buf, sizeof v->buf, "none");
    v->text = v->buf;
}

static void t_peak_at(const out_rows_cursor *c, out_rows_value *v)
{
    const staffplan_week_channel *w = row_week(c);
    v->text = w->peak > 0.0 ? when(staff_of(c)->plan, w->peak_at, v->buf, sizeof v->buf) : "-";
}

static const out_rows_col staff_summary_cols[] = {
    {"channel", -16, 's', 0, NULL, g_ch_name},  {"kind", -8, 's', 0, NULL, g_kind},
    {"method", -8, 's', 0, NULL, g_method},     {"target", -14, 's', 0, NULL, t_target},
    {"shrnk", 5, 'f', 2, NULL, g_shrinkage},    {"peak", 6, 'f', 0, NULL, g_peak},
    {"at", -9, 's', 0, NULL, t_peak_at},        {"mean", 6, 'f', 1, NULL, g_mean_open},
    {"agent_h", 9, 'f', 1, NULL, g_agent_hours}, {"staff_h", 9, 'f', 1, NULL, g_staff_hours},
    {"peak_staff", 10, 'f', 1, NULL, g_peak_staff},
};

int out_staff_print_summary(FILE *fp, const out_staff *s)
{
    const staffplan *p = s->plan;
    fprintf(fp, "scenario %s (%s): one week of %zu intervals of %g min, Monday first; %s\n",
            s->scn->name, s->scn->source_path, p->n_intervals, p->interval_s / 60.0,
            s->opts->erlang_a ? "Erlang A where a channel has a patience (--erlang-c: C)"
                              : "Erlang C (patience ignored: --erlang-c)");
    if (s->opts->repeats) {
        fprintf(fp, "with repeat contacts (--repeats), per week:\n");
        for (size_t j = 0; j < p->n_channels; j++) {
            const staffplan_channel *c = &p->channels[j];
            fprintf(fp, "  %-16s first %10.1f  repeats %10.1f (redials %.1f)  p_abandon %.4f\n",
                    c->name, c->first_per_week, c->repeats_per_week, c->redials_per_week,
                    c->p_abandon_est);
        }
    } else {
        fprintf(fp, "first contacts only (--repeats adds the expected repeat contacts)\n");
    }
    const out_rows_text t = {NULL, staff_summary_cols,
                             sizeof staff_summary_cols / sizeof staff_summary_cols[0]};
    out_rows_text_header(fp, &t);
    out_rows_cursor c = {s, 0, 0, NULL};
    for (c.row = 0; c.row < p->n_channels; c.row++)
        out_rows_text_row(fp, &t, &c);
    /* The total has blanks where a channel's figure does not add up, and no peak staff. */
    char at[32];
    fprintf(fp, "%-16s %-8s %-8s %-14s %5s %6.0f %-9s %6s %9.1f %9.1f\n", "total", "", "", "",
            "", s->week.peak, s->week.peak > 0.0 ? when(p, s->week.peak_at, at, sizeof at) : "-",
            "", s->week.agent_hours, s->week.staff_hours);
    fprintf(fp, "peak: most agents in one interval (at: its first occurrence; total: all "
                "channels\nat once); mean: over the channel's open intervals; agent_h, staff_h: "
                "hours per\nweek on duty and scheduled; self-service channels need no agents.\n");
    return ferror(fp) ? -1 : 0;
}
