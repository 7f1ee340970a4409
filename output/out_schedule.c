/* out_schedule.c -- see out_schedule.h.
 *
 * Rows of schedule.csv and coverage.csv run over the groups in order (a group's shifts, or
 * its intervals of the week); the getters find the group of a row by walking the groups.
 */
#include "out_schedule.h"

#include <math.h>
#include <string.h>

static const shift_schedule *sched_of(const out_rows_cursor *c)
{
    return c->ctx;
}

static void fmt_hhmm(char *buf, size_t n, double t_s)
{
    long t = lround(t_s);
    long day = t / 86400;
    t %= 86400;
    snprintf(buf, n, "%02ld:%02ld%s", t / 3600, (t % 3600) / 60, day > 0 ? "+1" : "");
}

static const char *day_name(unsigned d)
{
    static const char *const names[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    return names[d % 7];
}

static const sim_ci *kpi(const cc_summary *sum, const char *channel, const char *what)
{
    char name[CC_KPI_NAME_MAX];
    snprintf(name, sizeof name, "channel.%s.%s", channel, what);
    size_t k = cc_summary_find(sum, name);
    return k == SIZE_MAX ? NULL : &sum->ci[k];
}

static const char *group_name(const shift_schedule *s, size_t g)
{
    return s->scn->groups[s->groups[g].in.group].name;
}

/* ---- schedule.csv: a row is a shift of a group ------------------------------------------ */

typedef struct shift_at {
    size_t g;
    const shift_plan_row *row;
    const shift_plan_template *t;
} shift_at;

static shift_at shift_of(const shift_schedule *s, size_t i)
{
    size_t g = 0;
    while (i >= s->groups[g].plan->n_plan_rows)
        i -= s->groups[g++].plan->n_plan_rows;
    const shift_plan_row *row = &s->groups[g].plan->rows[i];
    shift_at at = {g, row, &s->groups[g].in.templates[row->template_index]};
    return at;
}

static size_t n_shifts(const void *ctx, const out_rows_cursor *parent)
{
    (void)parent;
    const shift_schedule *s = ctx;
    size_t n = 0;
    for (size_t g = 0; g < s->n_groups; g++)
        n += s->groups[g].plan->n_plan_rows;
    return n;
}

static void sc_group(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = group_name(sched_of(c), shift_of(sched_of(c), c->row).g);
}
static void sc_template(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = shift_of(sched_of(c), c->row).t->name;
}
static void sc_day(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = day_name(shift_of(sched_of(c), c->row).row->day);
}
static void sc_start(const out_rows_cursor *c, out_rows_value *v)
{
    fmt_hhmm(v->buf, sizeof v->buf, shift_of(sched_of(c), c->row).row->start_s);
    v->text = v->buf;
}
static void sc_end(const out_rows_cursor *c, out_rows_value *v)
{
    shift_at at = shift_of(sched_of(c), c->row);
    fmt_hhmm(v->buf, sizeof v->buf, at.row->start_s + at.t->length_s);
    v->text = v->buf;
}
static void sc_agents(const out_rows_cursor *c, out_rows_value *v)
{
    v->count = shift_of(sched_of(c), c->row).row->count;
}
static void sc_paid(const out_rows_cursor *c, out_rows_value *v)
{
    v->num = shift_of(sched_of(c), c->row).row->paid_hours;
}
static void sc_cost(const out_rows_cursor *c, out_rows_value *v)
{
    v->num = shift_of(sched_of(c), c->row).row->cost_eur;
}
/* Break c->item of the shift, its start (end 0) or end; NULL (empty) when it has fewer. */
static void sc_break(const out_rows_cursor *c, out_rows_value *v, int end)
{
    shift_at at = shift_of(sched_of(c), c->row);
    if (c->item >= at.t->n_breaks)
        return;
    double t = at.row->start_s + at.row->break_start_s[c->item];
    fmt_hhmm(v->buf, sizeof v->buf, end ? t + at.t->breaks[c->item].length_s : t);
    v->text = v->buf;
}
static void sc_break_start(const out_rows_cursor *c, out_rows_value *v) { sc_break(c, v, 0); }
static void sc_break_end(const out_rows_cursor *c, out_rows_value *v) { sc_break(c, v, 1); }
static size_t n_breaks(const out_rows_cursor *c)
{
    (void)c;
    return SHIFT_PLAN_MAX_BREAKS;
}
static const char *break_key(const out_rows_cursor *c)
{
    static const char *const keys[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9"};
    _Static_assert(SHIFT_PLAN_MAX_BREAKS <= 9, "a key per break");
    return keys[c->item];
}

static const out_rows_field break_sub[] = {
    {.name = "break<n>_start", .json_name = "start", .unit = "HH:MM", .kind = OUT_ROWS_TEXT,
     .get = sc_break_start, .doc = "start of the shift's n-th break (empty when it has fewer)"},
    {.name = "break<n>_end", .json_name = "end", .unit = "HH:MM", .kind = OUT_ROWS_TEXT,
     .get = sc_break_end, .doc = "its end"},
};

static const out_rows_field schedule_fields[] = {
    {.name = "group", .unit = "text", .kind = OUT_ROWS_TEXT, .get = sc_group,
     .doc = "the scheduled group"},
    {.name = "template", .unit = "text", .kind = OUT_ROWS_TEXT, .get = sc_template,
     .doc = "the shift template"},
    {.name = "day", .unit = "text", .kind = OUT_ROWS_TEXT, .get = sc_day,
     .doc = "Mon..Sun of the shift's start"},
    {.name = "start", .unit = "HH:MM", .kind = OUT_ROWS_TEXT, .get = sc_start,
     .doc = "start time"},
    {.name = "end", .unit = "HH:MM", .kind = OUT_ROWS_TEXT, .get = sc_end,
     .doc = "end time (`+1`: the next day)"},
    {.name = "agents", .unit = "agents", .kind = OUT_ROWS_COUNT, .get = sc_agents,
     .doc = "agents working this shift"},
    {.name = "paid_hours", .unit = "hours", .kind = OUT_ROWS_NUM, .get = sc_paid,
     .doc = "paid hours per agent"},
    {.name = "cost_eur", .unit = "EUR", .kind = OUT_ROWS_NUM, .get = sc_cost,
     .doc = "cost per agent"},
    {.name = "breaks", .unit = "object", .kind = OUT_ROWS_GROUP, .flags = OUT_ROWS_CSV_ONLY,
     .count = n_breaks, .key = break_key, .placeholder = "<n>", .sub = break_sub, .n_sub = 2,
     .doc = "the breaks, up to four"},
};

const out_rows_table out_schedule_csv_table = {
    "schedule.csv", schedule_fields, sizeof schedule_fields / sizeof schedule_fields[0],
    n_shifts};

/* ---- coverage.csv: a row is an interval of a group's week ------------------------------- */

static size_t cover_of(const shift_schedule *s, size_t i, size_t *k)
{
    size_t g = 0;
    while (i >= s->groups[g].in.n_week)
        i -= s->groups[g++].in.n_week;
    *k = i;
    return g;
}

static size_t n_cover(const void *ctx, const out_rows_cursor *parent)
{
    (void)parent;
    const shift_schedule *s = ctx;
    size_t n = 0;
    for (size_t g = 0; g < s->n_groups; g++)
        n += s->groups[g].in.n_week;
    return n;
}

#define OUT_SCHEDULE_COVER(fn, stmt)                                                        \
    static void fn(const out_rows_cursor *c, out_rows_value *v)                             \
    {                                                                                       \
        const shift_schedule *s = sched_of(c);                                              \
        size_t k;                                                                           \
        const shift_schedule_group *sg = &s->groups[cover_of(s, c->row, &k)];               \
        (void)sg;                                                                           \
        stmt;                                                                               \
    }
OUT_SCHEDULE_COVER(cv_group, v->text = s->scn->groups[sg->in.group].name)
OUT_SCHEDULE_COVER(cv_interval, v->count = k)
OUT_SCHEDULE_COVER(cv_erlang, v->num = sg->in.on_duty[k])
OUT_SCHEDULE_COVER(cv_required, v->num = sg->in.required[k])
OUT_SCHEDULE_COVER(cv_scheduled, v->count = sg->plan->coverage[k])
OUT_SCHEDULE_COVER(cv_on_duty, v->count = sg->on_duty[k])
OUT_SCHEDULE_COVER(cv_surplus,
                   v->num = (double)sg->plan->coverage[k] - ceil(sg->in.required[k] - 1e-9))
/* "Mon 09:15": the day (time 0) or the time (1) of the interval. */
static void cv_when(const out_rows_cursor *c, out_rows_value *v, int time)
{
    const shift_schedule *s = sched_of(c);
    size_t k;
    (void)cover_of(s, c->row, &k);
    shift_plan_format_interval(s->scn->interval_s, k, v->buf, sizeof v->buf);
    v->buf[3] = '\0';
    v->text = time ? v->buf + 4 : v->buf;
}
static void cv_day(const out_rows_cursor *c, out_rows_value *v) { cv_when(c, v, 0); }
static void cv_time(const out_rows_cursor *c, out_rows_value *v) { cv_when(c, v, 1); }

static const out_rows_field coverage_fields[] = {
    {.name = "group", .unit = "text", .kind = OUT_ROWS_TEXT, .get = cv_group,
     .doc = "the scheduled group"},
    {.name = "interval", .unit = "index", .kind = OUT_ROWS_COUNT, .get = cv_interval,
     .doc = "index in the week, Monday 00:00 first"},
    {.name = "day", .unit = "text", .kind = OUT_ROWS_TEXT, .get = cv_day, .doc = "Mon..Sun"},
    {.name = "time", .unit = "HH:MM", .kind = OUT_ROWS_TEXT, .get = cv_time,
     .doc = "at the start of the interval"},
    {.name = "erlang_on_duty", .unit = "agents", .kind = OUT_ROWS_NUM, .get = cv_erlang,
     .doc = "the Erlang requirement on duty (`omnisim staff`), before the split among groups"},
    {.name = "required", .unit = "agents", .kind = OUT_ROWS_NUM, .get = cv_required,
     .doc = "the group's requirement the shifts must cover (shrinkage included)"},
    {.name = "scheduled", .unit = "agents", .kind = OUT_ROWS_COUNT, .get = cv_scheduled,
     .doc = "agents the shifts put in the interval (breaks excluded)"},
    {.name = "on_duty", .unit = "agents", .kind = OUT_ROWS_COUNT, .get = cv_on_duty,
     .doc = "agents on duty in the simulation (scheduled less shrinkage)"},
    {.name = "surplus", .unit = "agents", .kind = OUT_ROWS_NUM, .get = cv_surplus,
     .doc = "scheduled - required rounded up"},
};

const out_rows_table out_schedule_coverage_table = {
    "coverage.csv", coverage_fields, sizeof coverage_fields / sizeof coverage_fields[0],
    n_cover};

/* ---- capacity.csv: a row is a month ----------------------------------------------------- */

static const shift_capacity_month *month_of(const out_rows_cursor *c)
{
    return &sched_of(c)->months[c->row];
}

static const void *month_of_v(const out_rows_cursor *c) { return month_of(c); }
static void cp_year(const out_rows_cursor *c, out_rows_value *v)
{
    v->integer = sched_of(c)->first_year + (int)(c->row / 12);
}
static void cp_month(const out_rows_cursor *c, out_rows_value *v) { v->count = c->row % 12 + 1; }
static size_t n_months(const void *ctx, const out_rows_cursor *parent)
{
    (void)parent;
    return ((const shift_schedule *)ctx)->n_months;
}

static const out_rows_field capacity_fields[] = {
    {.name = "year", .unit = "year", .kind = OUT_ROWS_INT, .get = cp_year,
     .doc = "calendar year"},
    {.name = "month", .unit = "month", .kind = OUT_ROWS_COUNT, .get = cp_month, .doc = "1..12"},
    {OUT_ROWS_AT_NUM(month_of_v, shift_capacity_month, required_fte), .name = "required_fte",
     .unit = "FTE",
     .doc = "productive FTE needed: the schedule's paid hours / `--fte-hours`, grown with the "
            "roadmap's volume, compounded monthly"},
    {OUT_ROWS_AT_NUM(month_of_v, shift_capacity_month, hires), .name = "hires", .unit = "people",
     .doc = "people arriving at the start of the month"},
    {OUT_ROWS_AT_NUM(month_of_v, shift_capacity_month, headcount), .name = "headcount",
     .unit = "people", .doc = "people employed during the month"},
    {OUT_ROWS_AT_NUM(month_of_v, shift_capacity_month, leavers), .name = "leavers",
     .unit = "people", .doc = "people leaving at its end"},
    {OUT_ROWS_AT_NUM(month_of_v, shift_capacity_month, in_training), .name = "in_training",
     .unit = "people", .doc = "people with training time left this month"},
    {OUT_ROWS_AT_NUM(month_of_v, shift_capacity_month, productive_fte), .name = "productive_fte",
     .unit = "FTE", .doc = "sum over people of their productivity"},
    {OUT_ROWS_AT_NUM(month_of_v, shift_capacity_month, shortfall_fte), .name = "shortfall_fte",
     .unit = "FTE", .doc = "max(0, required - productive)"},
};

const out_rows_table out_schedule_capacity_table = {
    "capacity.csv", capacity_fields, sizeof capacity_fields / sizeof capacity_fields[0],
    n_months};

/* ---- service.csv: a row is a channel with agent time -------------------------------------- */

static size_t n_served(const void *ctx, const out_rows_cursor *parent)
{
    (void)parent;
    const scenario *scn = ((const shift_schedule *)ctx)->scn;
    size_t n = 0;
    for (size_t c = 0; c < scn->n_channels; c++)
        n += scenario_channel_kind_props(scn->channels[c].kind)->agent_time ? 1u : 0u;
    return n;
}

static const scenario_channel *served_of(const out_rows_cursor *c)
{
    const scenario *scn = sched_of(c)->scn;
    size_t i = c->row;
    for (size_t k = 0; k < scn->n_channels; k++) {
        if (!scenario_channel_kind_props(scn->channels[k].kind)->agent_time)
            continue;
        if (i-- == 0)
            return &scn->channels[k];
    }
    return NULL; /* not reached: row < n_served */
}

static const void *served_of_v(const out_rows_cursor *c) { return served_of(c); }

static void sv_kind(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = scenario_channel_kind_name(served_of(c)->kind);
}
static void sv_threshold(const out_rows_cursor *c, out_rows_value *v)
{
    const scenario_channel *ch = served_of(c);
    v->num = scenario_channel_kind_props(ch->kind)->backlog ? ch->response_target_s
                                                            : ch->sl_threshold_s;
}
static void sv_ci(const out_rows_cursor *c, out_rows_value *v, const char *what)
{
    const sim_ci *ci = kpi(sched_of(c)->sum, served_of(c)->name, what);
    if (ci != NULL)
        v->ci = *ci;
}
static void sv_sl(const out_rows_cursor *c, out_rows_value *v)
{
    sv_ci(c, v, CC_KPI_SERVICE_LEVEL);
}
static void sv_abandoned(const out_rows_cursor *c, out_rows_value *v)
{
    sv_ci(c, v, CC_KPI_ABANDONMENT);
}
static void sv_verdict(const out_rows_cursor *c, out_rows_value *v)
{
    const scenario_channel *ch = served_of(c);
    v->text = shift_schedule_verdict_name(shift_schedule_verdict(
        kpi(sched_of(c)->sum, ch->name, CC_KPI_SERVICE_LEVEL), ch->sl_target));
}

static const out_rows_field service_fields[] = {
    {OUT_ROWS_AT_CHARS(served_of_v, scenario_channel, name), .name = "channel", .unit = "text",
     .doc = "a channel with agent time"},
    {.name = "kind", .unit = "text", .kind = OUT_ROWS_TEXT, .get = sv_kind,
     .flags = OUT_ROWS_CSV_ONLY, .doc = "its kind"},
    {OUT_ROWS_AT_NUM(served_of_v, scenario_channel, sl_target), .name = "sl_target",
     .unit = "share", .doc = "its service-level target"},
    {.name = "sl_threshold_s", .unit = "s", .kind = OUT_ROWS_NUM, .get = sv_threshold,
     .flags = OUT_ROWS_CSV_ONLY,
     .doc = "its threshold (deferred and callback: the response target)"},
    {.name = CC_KPI_SERVICE_LEVEL, .unit = "share", .kind = OUT_ROWS_CI, .get = sv_sl,
     .flags = OUT_ROWS_CI_BOUNDS, .doc = "simulated headline service level of the schedule"},
    {.name = CC_KPI_ABANDONMENT, .unit = "share", .kind = OUT_ROWS_CI, .get = sv_abandoned,
     .flags = OUT_ROWS_CI_BOUNDS, .doc = "simulated abandonment (real-time channels)"},
    {.name = "verdict", .unit = "text", .kind = OUT_ROWS_TEXT, .get = sv_verdict,
     .doc = "`met` (the whole interval at or above the target), `missed` (below) or "
            "`uncertain`"},
};

const out_rows_table out_schedule_service_table = {
    "service.csv", service_fields, sizeof service_fields / sizeof service_fields[0], n_served};

int out_schedule_csv(FILE *fp, void *ctx)
{
    return out_rows_csv(fp, &out_schedule_csv_table, ctx);
}
int out_schedule_coverage_csv(FILE *fp, void *ctx)
{
    return out_rows_csv(fp, &out_schedule_coverage_table, ctx);
}
int out_schedule_capacity_csv(FILE *fp, void *ctx)
{
    return out_rows_csv(fp, &out_schedule_capacity_table, ctx);
}
int out_schedule_service_csv(FILE *fp, void *ctx)
{
    return out_rows_csv(fp, &out_schedule_service_table, ctx);
}

/* ---- JSON ------------------------------------------------------------------------------- */

/* groups[]: c->row is the group; in program and shifts_chosen[], c->parent->row. */
static const shift_plan *plan_at(const out_rows_cursor *c, size_t g)
{
    return sched_of(c)->groups[g].plan;
}
static void jg_group(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = group_name(sched_of(c), c->row);
}
static void jg_status(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = shift_plan_status_name(plan_at(c, c->row)->status);
}
static void jg_capped(const out_rows_cursor *c, out_rows_value *v)
{
    v->flag = plan_at(c, c->row)->capped;
}
#define OUT_SCHEDULE_PLAN(fn, field, member)                                                \
    static void fn(const out_rows_cursor *c, out_rows_value *v)                             \
    {                                                                                       \
        v->field = plan_at(c, c->row)->member;                                              \
    }
OUT_SCHEDULE_PLAN(jg_gap, num, gap)
OUT_SCHEDULE_PLAN(jg_cost, num, cost_eur)
OUT_SCHEDULE_PLAN(jg_paid, num, paid_hours)
OUT_SCHEDULE_PLAN(jg_shifts, count, shifts)
OUT_SCHEDULE_PLAN(jg_headcount, count, headcount)
OUT_SCHEDULE_PLAN(jg_under, num, under_coverage)
OUT_SCHEDULE_PLAN(jg_lp, num, lp_bound)
OUT_SCHEDULE_PLAN(jg_solve, num, solve_s)
#define OUT_SCHEDULE_PROGRAM(fn, member)                                                    \
    static void fn(const out_rows_cursor *c, out_rows_value *v)                             \
    {                                                                                       \
        v->count = plan_at(c, c->parent->row)->member;                                      \
    }
OUT_SCHEDULE_PROGRAM(jp_rows, n_rows)
OUT_SCHEDULE_PROGRAM(jp_cols, n_cols)
OUT_SCHEDULE_PROGRAM(jp_nonzeros, n_nonzeros)

static const out_rows_field program_fields[] = {
    {.name = "rows", .unit = "count", .kind = OUT_ROWS_COUNT, .get = jp_rows,
     .doc = "constraints of the integer program"},
    {.name = "columns", .unit = "count", .kind = OUT_ROWS_COUNT, .get = jp_cols,
     .doc = "its variables"},
    {.name = "nonzeros", .unit = "count", .kind = OUT_ROWS_COUNT, .get = jp_nonzeros,
     .doc = "its nonzero coefficients"},
};
static const out_rows_table program_table = {"schedule --json program", program_fields, 3,
                                             NULL};

static shift_at chosen_of(const out_rows_cursor *c)
{
    const shift_schedule_group *sg = &sched_of(c)->groups[c->parent->row];
    const shift_plan_row *row = &sg->plan->rows[c->row];
    shift_at at = {c->parent->row, row, &sg->in.templates[row->template_index]};
    return at;
}
static void jc_template(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = chosen_of(c).t->name;
}
static void jc_day(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = day_name(chosen_of(c).row->day);
}
static void jc_start(const out_rows_cursor *c, out_rows_value *v)
{
    fmt_hhmm(v->buf, sizeof v->buf, chosen_of(c).row->start_s);
    v->text = v->buf;
}
static void jc_agents(const out_rows_cursor *c, out_rows_value *v)
{
    v->count = chosen_of(c).row->count;
}
static size_t jc_n_breaks(const out_rows_cursor *c) { return chosen_of(c).t->n_breaks; }
static void jc_break(const out_rows_cursor *c, out_rows_value *v)
{
    shift_at at = chosen_of(c);
    fmt_hhmm(v->buf, sizeof v->buf, at.row->start_s + at.row->break_start_s[c->item]);
    v->text = v->buf;
}
static size_t n_chosen(const void *ctx, const out_rows_cursor *parent)
{
    return ((const shift_schedule *)ctx)->groups[parent->row].plan->n_plan_rows;
}

static const out_rows_field chosen_fields[] = {
    {.name = "template", .unit = "text", .kind = OUT_ROWS_TEXT, .get = jc_template,
     .doc = "the shift template"},
    {.name = "day", .unit = "text", .kind = OUT_ROWS_TEXT, .get = jc_day, .doc = "Mon..Sun"},
    {.name = "start", .unit = "HH:MM", .kind = OUT_ROWS_TEXT, .get = jc_start,
     .doc = "start time"},
    {.name = "agents", .unit = "agents", .kind = OUT_ROWS_COUNT, .get = jc_agents,
     .doc = "agents working this shift"},
    {.name = "breaks", .unit = "HH:MM", .kind = OUT_ROWS_TEXT, .flags = OUT_ROWS_LIST,
     .count = jc_n_breaks, .get = jc_break, .doc = "start of each break"},
};
static const out_rows_table chosen_table = {"schedule --json shifts_chosen", chosen_fields,
                                            sizeof chosen_fields / sizeof chosen_fields[0],
                                            n_chosen};

static size_t n_groups(const void *ctx, const out_rows_cursor *parent)
{
    (void)parent;
    return ((const shift_schedule *)ctx)->n_groups;
}

static const out_rows_field group_fields[] = {
    {.name = "group", .unit = "text", .kind = OUT_ROWS_TEXT, .get = jg_group,
     .doc = "the scheduled group"},
    {.name = "status", .unit = "text", .kind = OUT_ROWS_TEXT, .get = jg_status,
     .doc = "the solver's status: `optimal`, `gap`, `time-limit` ..."},
    {.name = "capped", .unit = "boolean", .kind = OUT_ROWS_BOOL, .get = jg_capped,
     .doc = "true when `--budget` or `--max-headcount` bound the schedule"},
    {.name = "gap", .unit = "share", .kind = OUT_ROWS_NUM, .get = jg_gap,
     .doc = "relative gap to the best bound (0: optimal)"},
    {.name = "cost_eur", .unit = "EUR", .kind = OUT_ROWS_NUM, .get = jg_cost,
     .doc = "cost of the week's shifts"},
    {.name = "paid_hours", .unit = "hours", .kind = OUT_ROWS_NUM, .get = jg_paid,
     .doc = "paid hours of the week's shifts"},
    {.name = "shifts", .unit = "shifts", .kind = OUT_ROWS_COUNT, .get = jg_shifts,
     .doc = "shifts worked in the week"},
    {.name = "headcount", .unit = "people", .kind = OUT_ROWS_COUNT, .get = jg_headcount,
     .doc = "fewest people for those shifts"},
    {.name = "under_coverage", .unit = "agent-intervals", .kind = OUT_ROWS_NUM,
     .get = jg_under, .doc = "requirement left uncovered (capped schedules)"},
    {.name = "lp_bound", .unit = "EUR", .kind = OUT_ROWS_NUM, .get = jg_lp,
     .doc = "objective of the LP relaxation (a lower bound)"},
    {.name = "solve_s", .unit = "s", .kind = OUT_ROWS_NUM, .get = jg_solve,
     .doc = "wall time of the solver (varies from run to run)"},
    {.name = "program", .unit = "object", .kind = OUT_ROWS_OBJECT, .table = &program_table,
     .doc = "the size of the integer program"},
    {.name = "shifts_chosen", .unit = "array", .kind = OUT_ROWS_TABLE, .table = &chosen_table,
     .doc = "the shifts, as in `schedule.csv`"},
};
static const out_rows_table group_table = {"schedule --json groups", group_fields,
                                           sizeof group_fields / sizeof group_fields[0],
                                           n_groups};

static void jy_year(const out_rows_cursor *c, out_rows_value *v)
{
    v->integer = sched_of(c)->first_year + (int)c->row;
}
#define OUT_SCHEDULE_YEAR(fn, member)                                                       \
    static void fn(const out_rows_cursor *c, out_rows_value *v)                             \
    {                                                                                       \
        v->num = sched_of(c)->years[c->row].member;                                         \
    }
OUT_SCHEDULE_YEAR(jy_required, mean_required_fte)
OUT_SCHEDULE_YEAR(jy_headcount, mean_headcount)
OUT_SCHEDULE_YEAR(jy_hires, hires)
OUT_SCHEDULE_YEAR(jy_leavers, leavers)
OUT_SCHEDULE_YEAR(jy_end, end_headcount)
OUT_SCHEDULE_YEAR(jy_shortfall, max_shortfall_fte)
static size_t n_years(const void *ctx, const out_rows_cursor *parent)
{
    (void)parent;
    return ((const shift_schedule *)ctx)->n_years;
}

static const out_rows_field year_fields[] = {
    {.name = "year", .unit = "year", .kind = OUT_ROWS_INT, .get = jy_year,
     .doc = "calendar year"},
    {.name = "mean_required_fte", .unit = "FTE", .kind = OUT_ROWS_NUM, .get = jy_required,
     .doc = "mean required FTE over its months"},
    {.name = "mean_headcount", .unit = "people", .kind = OUT_ROWS_NUM, .get = jy_headcount,
     .doc = "mean head count"},
    {.name = "hires", .unit = "people", .kind = OUT_ROWS_NUM, .get = jy_hires,
     .doc = "hires in the year"},
    {.name = "leavers", .unit = "people", .kind = OUT_ROWS_NUM, .get = jy_leavers,
     .doc = "leavers in the year"},
    {.name = "end_headcount", .unit = "people", .kind = OUT_ROWS_NUM, .get = jy_end,
     .doc = "head count at its end"},
    {.name = "max_shortfall_fte", .unit = "FTE", .kind = OUT_ROWS_NUM, .get = jy_shortfall,
     .doc = "largest monthly shortfall"},
};
static const out_rows_table year_table = {"schedule --json capacity years", year_fields,
                                          sizeof year_fields / sizeof year_fields[0], n_years};

static const out_rows_field capacity_json_fields[] = {
    {OUT_ROWS_AT_NUM(out_rows_ctx, shift_schedule, fte), .name = "fte", .unit = "FTE",
     .doc = "paid hours per week of all groups / `fte_hours`"},
    {OUT_ROWS_AT_NUM(out_rows_ctx, shift_schedule, fte_hours), .name = "fte_hours", .unit = "hours",
     .doc = "paid hours of one full-time person per week (`--fte-hours`)"},
    {.name = "years", .unit = "array", .kind = OUT_ROWS_TABLE, .table = &year_table,
     .doc = "one object per year, as the table on stdout"},
};
static const out_rows_table capacity_json_table = {"schedule --json capacity",
                                                   capacity_json_fields, 3, NULL};

static void js_reps(const out_rows_cursor *c, out_rows_value *v)
{
    v->count = sched_of(c)->sum->n_reps;
}
static void js_level(const out_rows_cursor *c, out_rows_value *v)
{
    v->num = sched_of(c)->sum->level;
}
static const out_rows_field simulation_fields[] = {
    {.name = "replications", .unit = "count", .kind = OUT_ROWS_COUNT, .get = js_reps,
     .doc = "replications simulated"},
    {.name = "level", .unit = "share", .kind = OUT_ROWS_NUM, .get = js_level,
     .doc = "confidence level of the intervals"},
    {.name = "channels", .unit = "array", .kind = OUT_ROWS_TABLE,
     .table = &out_schedule_service_table, .doc = "the JSON fields of `service.csv`"},
};
static const out_rows_table simulation_table = {"schedule --json simulation",
                                                simulation_fields, 3, NULL};

static void j_scenario(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = sched_of(c)->scn->name;
}
static void j_interval(const out_rows_cursor *c, out_rows_value *v)
{
    v->num = sched_of(c)->scn->interval_s;
}
static int has_simulation(const out_rows_cursor *c) { return sched_of(c)->sum != NULL; }

static const out_rows_field schedule_json_fields[] = {
    {.name = "scenario", .unit = "text", .kind = OUT_ROWS_TEXT, .get = j_scenario,
     .doc = "scenario name"},
    {.name = "interval_s", .unit = "s", .kind = OUT_ROWS_NUM, .get = j_interval,
     .doc = "length of an interval"},
    {.name = "groups", .unit = "array", .kind = OUT_ROWS_TABLE, .table = &group_table,
     .doc = "one object per scheduled group"},
    {.name = "capacity", .unit = "object", .kind = OUT_ROWS_OBJECT,
     .table = &capacity_json_table, .doc = "the head count over the years"},
    {.name = "simulation", .unit = "object", .kind = OUT_ROWS_OBJECT,
     .table = &simulation_table, .has = has_simulation,
     .doc = "the simulated schedule (absent with `--no-sim`)"},
};

const out_rows_table out_schedule_json_table = {
    "omnisim schedule --json", schedule_json_fields,
    sizeof schedule_json_fields / sizeof schedule_json_fields[0], NULL};

int out_schedule_json(FILE *fp, const shift_schedule *s)
{
    cJSON *doc = out_rows_json(&out_schedule_json_table, s, 0);
    int rc = doc != NULL ? out_rows_json_print(fp, doc, 0) : -1;
    cJSON_Delete(doc);
    return rc;
}

/* ---- text ------------------------------------------------------------------------------- */

int out_schedule_print(FILE *fp, const shift_schedule *o)
{
    for (size_t g = 0; g < o->n_groups; g++) {
        const shift_schedule_group *sg = &o->groups[g];
        const shift_plan *p = sg->plan;
        fprintf(fp, "group %s: %s", o->scn->groups[sg->in.group].name,
                shift_plan_status_name(p->status));
        if (p->status != SHIFT_PLAN_OPTIMAL)
            fprintf(fp, " (gap %.2f%% to the best bound)", 100.0 * p->gap);
        fprintf(fp, ", %zu shifts, %.1f paid hours, %.2f EUR per week, head count %zu", p->shifts,
                p->paid_hours, p->cost_eur, p->headcount);
        if (p->capped)
            fprintf(fp, ", under-coverage %.0f agent-intervals", p->under_coverage);
        fprintf(fp, " (solved in %.2f s)\n", p->solve_s);
        fprintf(fp, "  %-20s %-3s %-8s %-8s %6s  %s\n", "template", "day", "start", "end", "agents",
                "breaks");
        for (size_t r = 0; r < p->n_plan_rows; r++) {
            const shift_plan_row *row = &p->rows[r];
            const shift_plan_template *t = &sg->in.templates[row->template_index];
            char s[16], e[16];
            fmt_hhmm(s, sizeof s, row->start_s);
            fmt_hhmm(e, sizeof e, row->start_s + t->length_s);
            fprintf(fp, "  %-20s %-3s %-8s %-8s %6zu ", t->name, day_name(row->day), s, e,
                    row->count);
            for (size_t j = 0; j < t->n_breaks; j++) {
                fmt_hhmm(s, sizeof s, row->start_s + row->break_start_s[j]);
                fprintf(fp, " %s(%.0fm)", s, t->breaks[j].length_s / 60.0);
            }
            fputc('\n', fp);
        }
        {
            fprintf(fp, "  coverage (intervals with a requirement or agents):\n");
            fprintf(fp, "  %-10s %8s %9s %10s %8s\n", "interval", "erlang", "required", "scheduled",
                    "on_duty");
            for (size_t k = 0; k < sg->in.n_week; k++) {
                if (sg->in.required[k] <= 0.0 && p->coverage[k] == 0)
                    continue;
                char when[16];
                fprintf(fp, "  %-10s %8.1f %9.1f %10zu %8zu%s\n",
                        shift_plan_format_interval(o->scn->interval_s, k, when, sizeof when),
                        sg->in.on_duty[k], sg->in.required[k], p->coverage[k], sg->on_duty[k],
                        (double)p->coverage[k] + 1e-9 < sg->in.required[k] ? "  short" : "");
            }
        }
    }
    fprintf(fp, "capacity: %.1f paid hours per week = %.1f FTE of %.0f h; attrition %.0f%%/year, "
            "hiring lead %.0f days, training %.0f days at %.0f%%\n",
            o->fte * o->fte_hours, o->fte, o->fte_hours, 100.0 * o->cap.attrition_per_year,
            o->cap.hiring_lead_time_days, o->cap.training_days,
            100.0 * o->cap.training_productivity);
    fprintf(fp, "  %-6s %12s %14s %10s %10s %14s %14s\n", "year", "required_fte", "mean_headcount",
            "hires", "leavers", "end_headcount", "max_shortfall");
    for (size_t y = 0; y < o->n_years; y++) {
        const shift_capacity_year *yy = &o->years[y];
        fprintf(fp, "  %-6d %12.1f %14.1f %10.1f %10.1f %14.1f %14.1f\n", o->first_year + (int)y,
                yy->mean_required_fte, yy->mean_headcount, yy->hires, yy->leavers,
                yy->end_headcount, yy->max_shortfall_fte);
    }
    if (o->sum == NULL)
        return ferror(fp) ? -1 : 0;
    fprintf(fp, "simulated service level of the schedule (%zu replications, %.0f%% CI; service "
                "level = answered within the threshold / (answered + abandoned)):\n",
            o->sum->n_reps, 100.0 * o->sum->level);
    fprintf(fp, "  %-12s %-10s %7s %24s %22s  %s\n", "channel", "kind", "target", "service level",
            "abandoned/offered", "verdict");
    for (size_t c = 0; c < o->scn->n_channels; c++) {
        const scenario_channel *ch = &o->scn->channels[c];
        if (!scenario_channel_kind_props(ch->kind)->agent_time)
            continue;
        const sim_ci *sl = kpi(o->sum, ch->name, CC_KPI_SERVICE_LEVEL);
        const sim_ci *ab = kpi(o->sum, ch->name, CC_KPI_ABANDONMENT);
        char a[40] = "-", b[40] = "-";
        if (sl != NULL && isfinite(sl->mean))
            snprintf(a, sizeof a, "%.3f [%.3f, %.3f]", sl->mean, sl->lo, sl->hi);
        if (ab != NULL && isfinite(ab->mean))
            snprintf(b, sizeof b, "%.3f [%.3f, %.3f]", ab->mean, ab->lo, ab->hi);
        fprintf(fp, "  %-12s %-10s %7.2f %24s %22s  %s\n", ch->name,
                scenario_channel_kind_name(ch->kind), ch->sl_target, a, b,
                shift_schedule_verdict_name(shift_schedule_verdict(sl, ch->sl_target)));
    }
    return ferror(fp) ? -1 : 0;
}
