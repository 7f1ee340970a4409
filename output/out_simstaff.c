/* out_simstaff.c -- see out_simstaff.h. */
#include "out_simstaff.h"

#include <math.h>
#include <string.h>

#include "sim_alloc.h"

static const char *const weekday_names[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

static const out_simstaff *ctx_of(const out_rows_cursor *c)
{
    return c->ctx;
}

/* The row of simstaff.csv at c: its group (of the result), channel and interval of the week. */
typedef struct row_at {
    size_t k;
    const simstaff_channel *ch;
    size_t i; /* interval of the week */
    size_t q; /* k * n_week + i: index into agents, erlang, unreachable */
} row_at;

static row_at row_of(const out_rows_cursor *c)
{
    const out_simstaff *o = ctx_of(c);
    const simstaff_result *r = o->res;
    row_at at;
    const size_t *pair = o->pairs[c->row / r->n_week];
    at.k = pair[0];
    at.ch = &r->channels[pair[1]];
    at.i = c->row % r->n_week;
    at.q = at.k * r->n_week + at.i;
    return at;
}

static size_t n_rows(const void *ctx, const out_rows_cursor *parent)
{
    (void)parent;
    const out_simstaff *o = ctx;
    return o->n_pairs * o->res->n_week;
}

static void get_group(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = ctx_of(c)->res->group_names[row_of(c).k];
}

static void get_channel(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = ctx_of(c)->head.scn->channels[row_of(c).ch->channel].name;
}

static void get_weekday(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = weekday_names[row_of(c).i / ctx_of(c)->res->intervals_per_day];
}

static void get_interval(const out_rows_cursor *c, out_rows_value *v)
{
    v->count = row_of(c).i % ctx_of(c)->res->intervals_per_day;
}

static void get_start(const out_rows_cursor *c, out_rows_value *v)
{
    const simstaff_result *r = ctx_of(c)->res;
    double start = (double)(row_of(c).i % r->intervals_per_day) * r->interval_s;
    snprintf(v->buf, sizeof v->buf, "%02d:%02d", (int)(start / 3600.0),
             (int)fmod(start / 60.0, 60.0));
    v->text = v->buf;
}

static void get_target(const out_rows_cursor *c, out_rows_value *v)
{
    v->num = row_of(c).ch->target;
}

static void get_erlang_agents(const out_rows_cursor *c, out_rows_value *v)
{
    v->count = ctx_of(c)->res->erlang[row_of(c).q];
}

static void get_sim_agents(const out_rows_cursor *c, out_rows_value *v)
{
    v->count = ctx_of(c)->res->agents[row_of(c).q];
}

static void get_sl_mean(const out_rows_cursor *c, out_rows_value *v)
{
    row_at at = row_of(c);
    v->num = at.ch->sl_mean[at.i];
}

static void get_sl_lcb(const out_rows_cursor *c, out_rows_value *v)
{
    row_at at = row_of(c);
    v->num = at.ch->sl_lcb[at.i];
}

static void get_sl_n(const out_rows_cursor *c, out_rows_value *v)
{
    row_at at = row_of(c);
    v->count = at.ch->sl_n[at.i];
}

static void get_val(const out_rows_cursor *c, out_rows_value *v)
{
    row_at at = row_of(c);
    v->ci.mean = at.ch->val_mean[at.i];
    v->ci.lo = at.ch->val_lo[at.i];
    v->ci.hi = at.ch->val_hi[at.i];
}

static void get_erlang_val(const out_rows_cursor *c, out_rows_value *v)
{
    row_at at = row_of(c);
    v->ci.mean = at.ch->erl_mean[at.i];
    v->ci.lo = at.ch->erl_lo[at.i];
    v->ci.hi = at.ch->erl_hi[at.i];
}

static void get_unreachable(const out_rows_cursor *c, out_rows_value *v)
{
    v->flag = ctx_of(c)->res->unreachable[row_of(c).q];
}

static const out_rows_field row_fields[] = {
    {.name = "group", .unit = "text", .doc = "the sized group", .kind = OUT_ROWS_TEXT,
     .get = get_group},
    {.name = "channel", .unit = "text", .doc = "a real-time channel the group serves",
     .kind = OUT_ROWS_TEXT, .get = get_channel},
    {.name = "weekday", .unit = "text", .doc = "`mon` ... `sun`", .kind = OUT_ROWS_TEXT,
     .get = get_weekday},
    {.name = "interval", .unit = "count", .doc = "interval of the day, from 0",
     .kind = OUT_ROWS_COUNT, .get = get_interval},
    {.name = "start", .unit = "hh:mm", .doc = "the interval's start", .kind = OUT_ROWS_TEXT,
     .get = get_start},
    {.name = "target", .unit = "share", .doc = "the channel's `sl_target`",
     .kind = OUT_ROWS_NUM, .get = get_target},
    {.name = "erlang_c_agents", .unit = "agents", .doc = "Erlang C's staffing",
     .kind = OUT_ROWS_COUNT, .get = get_erlang_agents},
    {.name = "sim_agents", .unit = "agents", .doc = "the simulation's staffing",
     .kind = OUT_ROWS_COUNT, .get = get_sim_agents},
    {.name = "sl_mean", .unit = "share",
     .doc = "the search's last service level (answered within / (answered + abandoned))",
     .kind = OUT_ROWS_NUM, .get = get_sl_mean},
    {.name = "sl_lcb", .unit = "share",
     .doc = "its one-sided lower confidence bound, compared with the target",
     .kind = OUT_ROWS_NUM, .get = get_sl_lcb},
    {.name = "sl_n", .unit = "count", .doc = "replications with a value in the interval",
     .kind = OUT_ROWS_COUNT, .get = get_sl_n},
    {.name = "val", .unit = "share",
     .doc = "the validation's service level of the simulation's staffing (fresh seed)",
     .kind = OUT_ROWS_CI, .flags = OUT_ROWS_MEAN_SUFFIX, .get = get_val},
    {.name = "erlang_val", .unit = "share",
     .doc = "the validation's service level of Erlang C's staffing",
     .kind = OUT_ROWS_CI, .flags = OUT_ROWS_MEAN_SUFFIX, .get = get_erlang_val},
    {.name = "unreachable", .unit = "0/1",
     .doc = "more agents did not raise the service level (the target is out of reach)",
     .kind = OUT_ROWS_BOOL, .get = get_unreachable},
};

const out_rows_table out_simstaff_rows = {"simstaff.csv", row_fields,
                                          sizeof row_fields / sizeof row_fields[0], n_rows};

/* ---- simstaff.json -------------------------------------------------------------------- */

#define RES(c) (ctx_of(c)->res)

static void get_criterion(const out_rows_cursor *c, out_rows_value *v)
{
    (void)c;
    v->text = "one-sided lower confidence bound of the service level >= target, per channel "
              "and interval of the week";
}

static void get_iterations(const out_rows_cursor *c, out_rows_value *v)
{
    v->count = RES(c)->iterations;
}

static void get_converged(const out_rows_cursor *c, out_rows_value *v)
{
    v->flag = RES(c)->converged;
}

static void get_n_unreachable(const out_rows_cursor *c, out_rows_value *v)
{
    v->count = RES(c)->n_unreachable;
}

static void get_interval_s(const out_rows_cursor *c, out_rows_value *v)
{
    v->num = RES(c)->interval_s;
}

static void get_hours_sim(const out_rows_cursor *c, out_rows_value *v)
{
    v->num = simstaff_agent_hours(RES(c), RES(c)->agents);
}

static void get_hours_erlang(const out_rows_cursor *c, out_rows_value *v)
{
    v->num = simstaff_agent_hours(RES(c), RES(c)->erlang);
}

static void get_confirmations(const out_rows_cursor *c, out_rows_value *v)
{
    v->count = RES(c)->confirmations;
}

static size_t n_days(const out_rows_cursor *c)
{
    size_t n = 0;
    for (unsigned d = 0; d < 7; d++)
        n += (RES(c)->days_simulated >> d) & 1u;
    return n;
}

static void get_day(const out_rows_cursor *c, out_rows_value *v)
{
    size_t n = 0;
    for (unsigned d = 0; d < 7; d++) {
        if (((RES(c)->days_simulated >> d) & 1u) && n++ == c->item) {
            v->text = weekday_names[d];
            return;
        }
    }
}

static void get_vseed(const out_rows_cursor *c, out_rows_value *v)
{
    v->count = (unsigned long long)RES(c)->validate_seed;
}

static void get_vreps(const out_rows_cursor *c, out_rows_value *v)
{
    v->count = RES(c)->validate_reps;
}

static void get_family_level(const out_rows_cursor *c, out_rows_value *v)
{
    v->num = RES(c)->family_level;
}

static void get_val_checked(const out_rows_cursor *c, out_rows_value *v)
{
    v->count = RES(c)->val_checked;
}

static void get_val_below(const out_rows_cursor *c, out_rows_value *v)
{
    v->count = RES(c)->val_below;
}

static void get_val_marginal(const out_rows_cursor *c, out_rows_value *v)
{
    v->count = RES(c)->val_below_marginal;
}

static void get_erl_checked(const out_rows_cursor *c, out_rows_value *v)
{
    v->count = RES(c)->erl_checked;
}

static void get_erl_below(const out_rows_cursor *c, out_rows_value *v)
{
    v->count = RES(c)->erl_below;
}

static void get_erl_marginal(const out_rows_cursor *c, out_rows_value *v)
{
    v->count = RES(c)->erl_below_marginal;
}

static const out_rows_field hours_fields[] = {
    {.name = "simulation", .unit = "agent-hours", .doc = "the simulation's staffing, a week",
     .kind = OUT_ROWS_NUM, .get = get_hours_sim},
    {.name = "erlang_c", .unit = "agent-hours", .doc = "Erlang C's staffing, a week",
     .kind = OUT_ROWS_NUM, .get = get_hours_erlang},
};

static const out_rows_table hours_table = {"simstaff.json agent_hours_per_week", hours_fields,
                                           sizeof hours_fields / sizeof hours_fields[0], NULL};

/* The two validations' counts: the same fields over different getters. */
#define VALIDATION_FIELDS(table, key, checked, below, marginal, whose)                         \
    static const out_rows_field table##_fields[] = {                                           \
        {.name = "intervals_checked", .unit = "count",                                         \
         .doc = "intervals with a validation interval (" whose ")", .kind = OUT_ROWS_COUNT,   \
         .get = checked},                                                                      \
        {.name = "below_target", .unit = "count",                                              \
         .doc = "intervals whose validation interval lies below the target, family-wise ("   \
                whose ")",                                                                     \
         .kind = OUT_ROWS_COUNT, .get = below},                                                \
        {.name = "below_target_per_interval_level", .unit = "count",                           \
         .doc = "the same at the per-interval level, for information (" whose ")",            \
         .kind = OUT_ROWS_COUNT, .get = marginal},                                             \
    };                                                                                         \
    static const out_rows_table table = {"simstaff.json validation." key, table##_fields,     \
                                         sizeof table##_fields / sizeof table##_fields[0],     \
                                         NULL}

VALIDATION_FIELDS(val_sim_table, "simulation", get_val_checked, get_val_below,
                  get_val_marginal, "the simulation's staffing");
VALIDATION_FIELDS(val_erl_table, "erlang_c", get_erl_checked, get_erl_below, get_erl_marginal,
                  "Erlang C's staffing");

static const out_rows_field validation_fields[] = {
    {.name = "seed", .unit = "count", .doc = "the validation's seed", .kind = OUT_ROWS_COUNT,
     .get = get_vseed},
    {.name = "replications", .unit = "count", .doc = "the validation's replications",
     .kind = OUT_ROWS_COUNT, .get = get_vreps},
    {.name = "interval_level", .unit = "share",
     .doc = "level of each validation interval (family-wise over the intervals)",
     .kind = OUT_ROWS_NUM, .get = get_family_level},
    {.name = "simulation", .unit = "object", .doc = "the simulation's staffing validated",
     .kind = OUT_ROWS_OBJECT, .table = &val_sim_table},
    {.name = "erlang_c", .unit = "object", .doc = "Erlang C's staffing validated",
     .kind = OUT_ROWS_OBJECT, .table = &val_erl_table},
};

static const out_rows_table validation_table = {
    "simstaff.json validation", validation_fields,
    sizeof validation_fields / sizeof validation_fields[0], NULL};

static size_t n_groups(const void *ctx, const out_rows_cursor *parent)
{
    (void)parent;
    return ((const out_simstaff *)ctx)->res->n_groups;
}

static size_t n_week(const out_rows_cursor *c)
{
    return RES(c)->n_week;
}

static void get_group_name(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = RES(c)->group_names[c->row];
}

static void get_group_sim(const out_rows_cursor *c, out_rows_value *v)
{
    v->count = RES(c)->agents[c->row * RES(c)->n_week + c->item];
}

static void get_group_erlang(const out_rows_cursor *c, out_rows_value *v)
{
    v->count = RES(c)->erlang[c->row * RES(c)->n_week + c->item];
}

static const out_rows_field group_fields[] = {
    {.name = "name", .unit = "text", .doc = "the sized group", .kind = OUT_ROWS_TEXT,
     .get = get_group_name},
    {.name = "simulation", .unit = "agents",
     .doc = "the simulation's staffing per interval of the week", .kind = OUT_ROWS_COUNT,
     .flags = OUT_ROWS_LIST, .count = n_week, .get = get_group_sim},
    {.name = "erlang_c", .unit = "agents", .doc = "Erlang C's staffing per interval of the week",
     .kind = OUT_ROWS_COUNT, .flags = OUT_ROWS_LIST, .count = n_week, .get = get_group_erlang},
};

static const out_rows_table group_table = {"simstaff.json groups", group_fields,
                                           sizeof group_fields / sizeof group_fields[0],
                                           n_groups};

static const out_rows_field doc_fields[] = {
    OUT_STUDY_HEAD_FIELDS,
    {.name = "criterion", .unit = "text", .doc = "what the search asks of each interval",
     .kind = OUT_ROWS_TEXT, .get = get_criterion},
    {.name = "iterations", .unit = "count", .doc = "search steps run", .kind = OUT_ROWS_COUNT,
     .get = get_iterations},
    {.name = "converged", .unit = "bool", .doc = "the search met the criterion everywhere",
     .kind = OUT_ROWS_BOOL, .get = get_converged},
    {.name = "unreachable_intervals", .unit = "count",
     .doc = "intervals whose target more agents did not reach", .kind = OUT_ROWS_COUNT,
     .get = get_n_unreachable},
    {.name = "interval_s", .unit = "s", .doc = "length of an interval",
     .kind = OUT_ROWS_NUM, .get = get_interval_s},
    {.name = "agent_hours_per_week", .unit = "object", .doc = "both staffings in agent-hours",
     .kind = OUT_ROWS_OBJECT, .table = &hours_table},
    {.name = "confirmation_rounds", .unit = "count", .doc = "fresh-seed confirmation rounds",
     .kind = OUT_ROWS_COUNT, .get = get_confirmations},
    {.name = "days_simulated", .unit = "text",
     .doc = "weekdays the horizon covers (the others keep Erlang C's staffing)",
     .kind = OUT_ROWS_TEXT, .flags = OUT_ROWS_LIST, .count = n_days, .get = get_day},
    {.name = "validation", .unit = "object", .doc = "the validation on a fresh seed",
     .kind = OUT_ROWS_OBJECT, .table = &validation_table},
    {.name = "groups", .unit = "array", .doc = "the sized groups", .kind = OUT_ROWS_TABLE,
     .table = &group_table},
};

const out_rows_table out_simstaff_doc = {"simstaff.json", doc_fields,
                                         sizeof doc_fields / sizeof doc_fields[0], NULL};

sim_status out_simstaff_init(out_simstaff *o, const scenario *base, const simstaff_result *res,
                             sim_error *err)
{
    memset(o, 0, sizeof *o);
    o->head.command = "simstaff";
    o->head.scn = base;
    o->head.seed = res->seed;
    o->head.n_reps = res->n_reps;
    o->head.level = res->level;
    o->res = res;
    o->n_pairs = 0;
    o->pairs = sim_calloc(res->n_groups * res->n_channels + 1, sizeof *o->pairs);
    if (o->pairs == NULL)
        return sim_error_set(err, SIM_ENOMEM, "simstaff.csv", "out of memory");
    for (size_t k = 0; k < res->n_groups; k++) {
        const scenario_group *g = &base->groups[res->groups[k]];
        for (size_t c = 0; c < res->n_channels; c++) {
            int serves = 0;
            for (size_t j = 0; j < g->n_skills; j++)
                serves |= g->skills[j].channel == res->channels[c].channel;
            if (serves) {
                o->pairs[o->n_pairs][0] = k;
                o->pairs[o->n_pairs][1] = c;
                o->n_pairs++;
            }
        }
    }
    return SIM_OK;
}

void out_simstaff_fini(out_simstaff *o)
{
    sim_free(o->pairs);
    o->pairs = NULL;
    o->n_pairs = 0;
}

/* The printed table: one row per sized group and weekday (row = group x 7 + day). */
typedef struct day_sums {
    double hours_sim, hours_erlang;
    size_t peak_sim, peak_erlang;
} day_sums;

static day_sums day_of(const out_rows_cursor *c)
{
    const simstaff_result *r = RES(c);
    size_t k = c->row / 7, d = c->row % 7;
    day_sums s = {0.0, 0.0, 0, 0};
    for (size_t iv = 0; iv < r->intervals_per_day; iv++) {
        size_t q = k * r->n_week + d * r->intervals_per_day + iv;
        s.hours_sim += (double)r->agents[q] * r->interval_s / 3600.0;
        s.hours_erlang += (double)r->erlang[q] * r->interval_s / 3600.0;
        s.peak_sim = r->agents[q] > s.peak_sim ? r->agents[q] : s.peak_sim;
        s.peak_erlang = r->erlang[q] > s.peak_erlang ? r->erlang[q] : s.peak_erlang;
    }
    return s;
}

static void get_day_group(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = RES(c)->group_names[c->row / 7];
}

static void get_day_name(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = weekday_names[c->row % 7];
}

static void get_day_hours_sim(const out_rows_cursor *c, out_rows_value *v)
{
    v->num = day_of(c).hours_sim;
}

static void get_day_hours_erlang(const out_rows_cursor *c, out_rows_value *v)
{
    v->num = day_of(c).hours_erlang;
}

static void get_day_peak_sim(const out_rows_cursor *c, out_rows_value *v)
{
    v->count = day_of(c).peak_sim;
}

static void get_day_peak_erlang(const out_rows_cursor *c, out_rows_value *v)
{
    v->count = day_of(c).peak_erlang;
}

static const out_rows_col text_cols[] = {
    {"group", -16, 's', 0, NULL, get_day_group},
    {"day", -4, 's', 0, NULL, get_day_name},
    {"sim agent-h", 14, 'f', 1, NULL, get_day_hours_sim},
    {"ErlangC agent-h", 14, 'f', 1, NULL, get_day_hours_erlang},
    {"sim peak", 10, 'u', 0, NULL, get_day_peak_sim},
    {"ErlangC peak", 10, 'u', 0, NULL, get_day_peak_erlang},
};

static const out_rows_text text_table = {NULL, text_cols, sizeof text_cols / sizeof text_cols[0]};

int out_simstaff_text(FILE *fp, const void *vctx)
{
    const out_simstaff *o = vctx;
    const simstaff_result *r = o->res;
    fprintf(fp, "%s: simulation staffing, %zu replications per step, seed %llu, lower bound at "
                "%.0f%%\n",
            o->head.scn->name, r->n_reps, (unsigned long long)r->seed, 100.0 * r->level);
    fprintf(fp, "search: %zu step%s (%zu on fresh confirmation seeds), %s\n\n", r->iterations,
            r->iterations == 1 ? "" : "s", r->confirmations,
            r->converged ? "converged" : "NOT converged (max iterations)");
    out_rows_text_header(fp, &text_table);
    out_rows_cursor c = {o, 0, 0, NULL};
    for (c.row = 0; c.row < 7 * r->n_groups; c.row++)
        out_rows_text_row(fp, &text_table, &c);
    fprintf(fp, "\nagent-hours per week: simulation %.1f, Erlang C %.1f\n",
            simstaff_agent_hours(r, r->agents), simstaff_agent_hours(r, r->erlang));
    if (r->days_simulated != 0x7fu)
        fprintf(fp, "note: the horizon does not cover every weekday; days not simulated keep "
                    "Erlang C's staffing\n");
    if (r->validate_reps >= 2)
        fprintf(fp,
                "validation (seed %llu, %zu replications, family-wise %.0f%%): simulation "
                "staffing below target in %zu of %zu intervals (%zu at the per-interval "
                "level); Erlang C in %zu of %zu (%zu)\n",
                (unsigned long long)r->validate_seed, r->validate_reps, 100.0 * r->level,
                r->val_below, r->val_checked, r->val_below_marginal, r->erl_below,
                r->erl_checked, r->erl_below_marginal);
    return ferror(fp) ? -1 : 0;
}

out_study_files out_simstaff_files(const out_simstaff *o)
{
    out_study_files f = {"simstaff", &out_simstaff_rows, &out_simstaff_doc, out_simstaff_text,
                         o};
    return f;
}
