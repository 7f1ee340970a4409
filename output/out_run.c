/* out_run.c -- see out_run.h. */
#include "out_run.h"

#include <math.h>
#include <string.h>

#include "out_csv.h"
#include "out_rows.h"

/* "0.812 [0.806, 0.817]", or "-" when there is no value. Bounds, not a half-width: shares
 * and nonnegative KPIs have intervals that are not symmetric around the mean (sim_ci.h). */
static const char *fmt_ci(char *buf, size_t n, const sim_ci *ci, double scale, int digits)
{
    if (!isfinite(ci->mean))
        snprintf(buf, n, "-");
    else if (isfinite(ci->half_width) && isfinite(ci->lo) && isfinite(ci->hi))
        snprintf(buf, n, "%.*f [%.*f, %.*f]", digits, ci->mean * scale, digits, ci->lo * scale,
                 digits, ci->hi * scale);
    else
        snprintf(buf, n, "%.*f", digits, ci->mean * scale);
    return buf;
}

static const sim_ci *kpi_ci(const cc_summary *sum, const char *fmt, const char *name,
                            const char *kpi)
{
    static const sim_ci none = {0, 0.0, NAN, NAN, NAN, NAN};
    char key[CC_KPI_NAME_MAX];
    snprintf(key, sizeof key, fmt, name, kpi);
    size_t j = cc_summary_find(sum, key);
    return j == SIZE_MAX ? &none : &sum->ci[j];
}

/* ---- the channel table: a row is a channel ------------------------------------------- */

typedef struct run_view {
    const cc_summary *sum;
    const scenario *scn;
} run_view;

static const sim_ci *channel_kpi(const out_rows_cursor *c, const char *kpi)
{
    const run_view *v = c->ctx;
    return kpi_ci(v->sum, "channel.%s.%s", v->scn->channels[c->row].name, kpi);
}

static void c_name(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = ((const run_view *)c->ctx)->scn->channels[c->row].name;
}

static void c_kind(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = scenario_channel_kind_name(((const run_view *)c->ctx)->scn->channels[c->row].kind);
}

#define OUT_RUN_MEAN(fn, kpi)                                                               \
    static void fn(const out_rows_cursor *c, out_rows_value *v)                             \
    {                                                                                       \
        v->num = channel_kpi(c, kpi)->mean;                                                 \
    }
OUT_RUN_MEAN(c_arrived, "arrived")
OUT_RUN_MEAN(c_lost, "lost_closed")
OUT_RUN_MEAN(c_offered, "offered")
OUT_RUN_MEAN(c_backlog, "backlog_mean")

#define OUT_RUN_CI(fn, kpi, scale, digits)                                                  \
    static void fn(const out_rows_cursor *c, out_rows_value *v)                             \
    {                                                                                       \
        v->text = fmt_ci(v->buf, sizeof v->buf, channel_kpi(c, kpi), scale, digits);        \
    }
OUT_RUN_CI(c_sl, CC_KPI_SERVICE_LEVEL, 100.0, 1)
OUT_RUN_CI(c_asa, "asa_s", 1.0, 1)
OUT_RUN_CI(c_abandoned, CC_KPI_ABANDONMENT, 100.0, 1)
OUT_RUN_CI(c_occupancy, "occupancy", 100.0, 1)

static const out_rows_col run_channel_cols[] = {
    {"channel", -12, 's', 0, NULL, c_name},
    {"kind", -12, 's', 0, NULL, c_kind},
    {"arrived", 10, 'f', 0, NULL, c_arrived},
    {"lost closed", 10, 'f', 0, NULL, c_lost},
    {"offered", 10, 'f', 0, NULL, c_offered},
    {"service level %", 22, 's', 0, NULL, c_sl},
    {"ASA / response s", 26, 's', 0, NULL, c_asa},
    {"abandoned % offered", 20, 's', 0, NULL, c_abandoned},
    {"occupancy %", 22, 's', 0, NULL, c_occupancy},
    {"backlog", 10, 'f', 1, NULL, c_backlog},
};

/* The needs' KPIs: label, KPI, scale, digits. */
static const struct {
    const char *label;
    const char *kpi;
    double scale;
    int digits;
} run_needs[] = {
    {"created", "created", 1.0, 0},
    {"open at the horizon", "open_at_horizon", 1.0, 0},
    {"resolved % of ended", "resolved_per_ended", 100.0, 1},
    {"given up % of ended", "given_up_per_ended", 100.0, 1},
    {"contacts per resolved need", "contacts_per_resolved_need", 1.0, 3},
    {"channels per ended need", "channels_per_ended_need", 1.0, 3},
    {"time to resolution h", "time_to_resolution_s", 1.0 / 3600.0, 2},
    {"repeat contacts % of arrived", "repeat_per_arrived", 100.0, 1},
};

int out_run_print(FILE *fp, const cc_summary *sum, const scenario *scn, uint64_t seed)
{
    fprintf(fp, "%s: %zu replications, seed %llu, %.0f%% confidence intervals\n\n", scn->name,
            sum->n_reps, (unsigned long long)seed, 100.0 * sum->level);
    const out_rows_text t = {NULL, run_channel_cols,
                             sizeof run_channel_cols / sizeof run_channel_cols[0]};
    out_rows_text_header(fp, &t);
    const run_view view = {sum, scn};
    out_rows_cursor c = {&view, 0, 0, NULL};
    for (c.row = 0; c.row < scn->n_channels; c.row++)
        out_rows_text_row(fp, &t, &c);
    fprintf(fp, "service level: answered within the threshold / (answered + abandoned); "
                "offered = arrived - lost closed\n");
    fprintf(fp, "\nneeds (omnichannel KPIs)\n");
    for (size_t i = 0; i < sizeof run_needs / sizeof run_needs[0]; i++) {
        char buf[64];
        fprintf(fp, "  %-28s %s\n", run_needs[i].label,
                fmt_ci(buf, sizeof buf, kpi_ci(sum, "%s.%s", "needs", run_needs[i].kpi),
                       run_needs[i].scale, run_needs[i].digits));
    }
    return ferror(fp) ? -1 : 0;
}

int out_run_print_mmc(FILE *fp, const mmc_params *p, const cc_summary *sum)
{
    fprintf(fp,
            "M/M/%zu%s: rate %.4g/min, AHT %.4g s, patience %.4g s, %zu replications, seed "
            "%llu, 95%% confidence intervals\n",
            p->agents, p->mean_patience_s > 0.0 ? "+M" : "", p->arrival_rate_per_s * 60.0,
            p->mean_service_s, p->mean_patience_s, sum->n_reps, (unsigned long long)p->seed);
    for (size_t k = 0; k < sum->n_kpis; k++) {
        char buf[64];
        const char *name = sum->names[k];
        fprintf(fp, "  %-28s %s\n", strncmp(name, "mmc.", 4) == 0 ? name + 4 : name,
                fmt_ci(buf, sizeof buf, &sum->ci[k], 1.0, 4));
    }
    return ferror(fp) ? -1 : 0;
}

/* ---- the CSV files ------------------------------------------------------------------- */

static int w_kpis(FILE *fp, const out_run_data *d) { return out_csv_kpis(fp, d->sum); }
static int w_channels(FILE *fp, const out_run_data *d)
{
    return out_csv_channels(fp, d->sum, d->scn);
}
static int w_segments(FILE *fp, const out_run_data *d)
{
    return out_csv_segments(fp, d->sum, d->scn);
}
static int w_intervals(FILE *fp, const out_run_data *d)
{
    return out_csv_intervals(fp, d->sum, d->scn);
}
static int w_pools(FILE *fp, const out_run_data *d)
{
    return out_csv_pools(fp, d->reps, d->n_reps, d->scn, d->sum->level);
}
static int w_flows(FILE *fp, const out_run_data *d)
{
    return out_csv_flows(fp, d->reps, d->n_reps, d->scn, d->sum->level);
}

static const out_run_file out_run_file_list[] = {
    {"kpis.csv", 0, w_kpis},           {"channels.csv", 1, w_channels},
    {"segments.csv", 1, w_segments},   {"intervals.csv", 1, w_intervals},
    {"pools.csv", 1, w_pools},         {"flows.csv", 1, w_flows},
};

const out_run_file *out_run_files(size_t *n)
{
    *n = sizeof out_run_file_list / sizeof out_run_file_list[0];
    return out_run_file_list;
}
