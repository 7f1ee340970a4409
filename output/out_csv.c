/* out_csv.c -- see out_csv.h. */
#include "out_csv.h"

#include <math.h>
#include <string.h>

#include "hours.h"
#include "out_rows.h"
#include "sim_alloc.h"
#include "sim_tally.h"

static const char *const weekday_names[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

static void num(FILE *fp, double v)
{
    if (isfinite(v))
        fprintf(fp, ",%.10g", v);
    else
        fputc(',', fp);
}

int out_csv_intervals(FILE *fp, const cc_summary *sum, const scenario *scn)
{
    /* The columns are the KPI table's interval rows, in cc_ik order. */
    size_t n_defs;
    const cc_kpi_def *defs = cc_kpis_defs(&n_defs);
    fprintf(fp, "interval,day,weekday,start,channel");
    for (size_t d = 0; d < n_defs; d++) {
        if (defs[d].family == CC_KPI_INTERVAL)
            fprintf(fp, ",%s,%s_lo,%s_hi", defs[d].kpi, defs[d].kpi, defs[d].kpi);
    }
    fputc('\n', fp);
    size_t ipd = scn->intervals_per_day;
    for (size_t i = 0; i < sum->n_intervals; i++) {
        size_t day = i / ipd;
        unsigned wd = sum->folded ? (unsigned)day : (unsigned)((day + scn->start_weekday) % 7);
        double tod = (double)(i % ipd) * scn->interval_s;
        int hh = (int)(tod / 3600.0), mm = (int)fmod(tod / 60.0, 60.0);
        for (size_t c = 0; c < sum->n_channels; c++) {
            fprintf(fp, "%zu,%zu,%s,%02d:%02d,%s", i, day, weekday_names[wd], hh, mm,
                    scn->channels[c].name);
            for (size_t k = 0; k < CC_IK_COUNT; k++) {
                const sim_ci *ci = &sum->intervals[(i * sum->n_channels + c) * CC_IK_COUNT + k];
                num(fp, ci->mean);
                num(fp, ci->lo);
                num(fp, ci->hi);
            }
            fputc('\n', fp);
        }
    }
    return ferror(fp) ? -1 : 0;
}

/* One row per entity of a KPI family ("channel.<name>." or "segment.<name>."): the KPI
 * names of the first entity give the columns (every entity has the same). */
static void family_rows(FILE *fp, const cc_summary *sum, const char *family, const char *key,
                        size_t n, const char *(*name_of)(const scenario *, size_t),
                        const char *(*extra_of)(const scenario *, size_t), const char *extra,
                        const scenario *scn)
{
    char prefix[CC_KPI_NAME_MAX];
    snprintf(prefix, sizeof prefix, "%s.%s.", family, name_of(scn, 0));
    size_t plen = strlen(prefix);
    fprintf(fp, "%s", key);
    if (extra != NULL)
        fprintf(fp, ",%s", extra);
    size_t first = SIZE_MAX, count = 0;
    for (size_t j = 0; j < sum->n_kpis; j++) {
        if (strncmp(sum->names[j], prefix, plen) != 0)
            continue;
        if (first == SIZE_MAX)
            first = j;
        count++;
        const char *k = sum->names[j] + plen;
        fprintf(fp, ",%s,%s_lo,%s_hi", k, k, k);
    }
    fputc('\n', fp);
    for (size_t c = 0; c < n && first != SIZE_MAX; c++) {
        fprintf(fp, "%s", name_of(scn, c));
        if (extra != NULL)
            fprintf(fp, ",%s", extra_of(scn, c));
        for (size_t j = 0; j < count; j++) {
            char name[CC_KPI_NAME_MAX];
            snprintf(name, sizeof name, "%s.%s.%s", family, name_of(scn, c),
                     sum->names[first + j] + plen);
            size_t idx = cc_summary_find(sum, name);
            if (idx == SIZE_MAX) {
                fputs(",,,", fp);
                continue;
            }
            num(fp, sum->ci[idx].mean);
            num(fp, sum->ci[idx].lo);
            num(fp, sum->ci[idx].hi);
        }
        fputc('\n', fp);
    }
}

static const char *channel_name(const scenario *scn, size_t i)
{
    return scn->channels[i].name;
}

static const char *channel_kind(const scenario *scn, size_t i)
{
    return scenario_channel_kind_name(scn->channels[i].kind);
}

static const char *segment_name(const scenario *scn, size_t i)
{
    return scn->segments[i].name;
}

int out_csv_channels(FILE *fp, const cc_summary *sum, const scenario *scn)
{
    family_rows(fp, sum, "channel", "channel", scn->n_channels, channel_name, channel_kind,
                "kind", scn);
    return ferror(fp) ? -1 : 0;
}

int out_csv_segments(FILE *fp, const cc_summary *sum, const scenario *scn)
{
    family_rows(fp, sum, "segment", "segment", scn->n_segments, segment_name, NULL, NULL, scn);
    return ferror(fp) ? -1 : 0;
}

/* Mean and Student-t bounds of x over the replications (NaN bounds from one replication),
 * on the log scale: every column written this way (agents, contacts) is >= 0. */
static void ci_cols(FILE *fp, const double *x, size_t n, double level)
{
    sim_tally t;
    sim_tally_init(&t);
    for (size_t r = 0; r < n; r++)
        sim_tally_add(&t, x[r]);
    sim_ci ci = sim_ci_from_tally_scaled(&t, level, SIM_CI_LOG);
    num(fp, ci.mean);
    num(fp, ci.lo);
    num(fp, ci.hi);
}

int out_csv_pools(FILE *fp, const cc_rep *reps, size_t n, const scenario *scn, double level)
{
    fputs("interval,day,weekday,start,pool,outsourcer,on_duty,on_duty_lo,on_duty_hi,busy,"
          "busy_lo,busy_hi,target,target_lo,target_hi\n",
          fp);
    if (n == 0)
        return ferror(fp) ? -1 : 0;
    double *x = sim_malloc_array(3 * n, sizeof *x);
    if (x == NULL)
        return -1;
    const cc_rep *r0 = &reps[0];
    size_t ipd = scn->intervals_per_day;
    for (size_t i = 0; i < r0->n_intervals; i++) {
        size_t day = i / ipd;
        unsigned wd = r0->folded ? (unsigned)day : (unsigned)((day + scn->start_weekday) % 7);
        double tod = (double)(i % ipd) * scn->interval_s;
        int hh = (int)(tod / 3600.0), mm = (int)fmod(tod / 60.0, 60.0);
        /* A folded week sums every week's same interval: divide by the number of weeks that
         * hold it after the warm-up, for the mean over them (no value when none does). */
        double weeks = 1.0;
        if (r0->folded) {
            size_t k = hours_fold_count(scn, i);
            weeks = k > 0 ? (double)k : (double)NAN;
        }
        for (size_t p = 0; p < r0->n_pools; p++) {
            for (size_t r = 0; r < n; r++) {
                double len = reps[r].interval_s * weeks;
                x[r] = *cc_rep_pv(&reps[r], i, p, CC_PV_ON_DUTY_S) / len;
                x[n + r] = *cc_rep_pv(&reps[r], i, p, CC_PV_BUSY_S) / len;
                x[2 * n + r] = *cc_rep_pv(&reps[r], i, p, CC_PV_TARGET_END) / weeks;
            }
            fprintf(fp, "%zu,%zu,%s,%02d:%02d,%s,%d", i, day, weekday_names[wd], hh, mm,
                    r0->pools[p].name, r0->pools[p].is_outsourcer);
            ci_cols(fp, x, n, level);
            ci_cols(fp, x + n, n, level);
            ci_cols(fp, x + 2 * n, n, level);
            fputc('\n', fp);
        }
    }
    sim_free(x);
    return ferror(fp) ? -1 : 0;
}

int out_csv_flows(FILE *fp, const cc_rep *reps, size_t n, const scenario *scn, double level)
{
    fputs("from,to,repeat_contacts,repeat_contacts_lo,repeat_contacts_hi,share_of_from\n", fp);
    if (n == 0)
        return ferror(fp) ? -1 : 0;
    double *x = sim_malloc_array(n, sizeof *x);
    if (x == NULL)
        return -1;
    size_t nc = scn->n_channels;
    for (size_t f = 0; f < nc; f++) {
        double from_total = 0.0;
        for (size_t t = 0; t < nc; t++) {
            for (size_t r = 0; r < n; r++)
                from_total += (double)reps[r].needs.flow[f][t];
        }
        for (size_t t = 0; t < nc; t++) {
            double sum = 0.0;
            for (size_t r = 0; r < n; r++) {
                x[r] = (double)reps[r].needs.flow[f][t];
                sum += x[r];
            }
            if (sum == 0.0)
                continue;
            fprintf(fp, "%s,%s", scn->channels[f].name, scn->channels[t].name);
            ci_cols(fp, x, n, level);
            num(fp, sum / from_total);
            fputc('\n', fp);
        }
    }
    sim_free(x);
    return ferror(fp) ? -1 : 0;
}

/* kpis.csv: a row is a KPI of the summary. */
static const sim_ci *kpi_row(const out_rows_cursor *c)
{
    return &((const cc_summary *)c->ctx)->ci[c->row];
}
static void k_name(const out_rows_cursor *c, out_rows_value *v)
{
    v->text = ((const cc_summary *)c->ctx)->names[c->row];
}
static void k_mean(const out_rows_cursor *c, out_rows_value *v) { v->num = kpi_row(c)->mean; }
static void k_lo(const out_rows_cursor *c, out_rows_value *v) { v->num = kpi_row(c)->lo; }
static void k_hi(const out_rows_cursor *c, out_rows_value *v) { v->num = kpi_row(c)->hi; }
static void k_half(const out_rows_cursor *c, out_rows_value *v)
{
    v->num = kpi_row(c)->half_width;
}
static void k_n(const out_rows_cursor *c, out_rows_value *v) { v->count = kpi_row(c)->n; }
static size_t k_rows(const void *ctx, const out_rows_cursor *parent)
{
    (void)parent;
    return ((const cc_summary *)ctx)->n_kpis;
}

static const out_rows_field kpis_fields[] = {
    {.name = "kpi", .unit = "text", .kind = OUT_ROWS_TEXT, .get = k_name,
     .doc = "dotted name: `channel.<channel>.<kpi>`, `pool.<pool>.<kpi>`, "
            "`segment.<segment>.<kpi>`, `needs.<kpi>`, `total.<kpi>`: the columns of "
            "`channels.csv` and `segments.csv`, and the tables below"},
    {.name = "mean", .unit = "KPI's", .kind = OUT_ROWS_NUM, .get = k_mean,
     .doc = "mean over the replications with a value"},
    {.name = "lo", .unit = "KPI's", .kind = OUT_ROWS_NUM, .get = k_lo,
     .doc = "lower confidence bound"},
    {.name = "hi", .unit = "KPI's", .kind = OUT_ROWS_NUM, .get = k_hi,
     .doc = "upper confidence bound"},
    {.name = "half_width", .unit = "KPI's", .kind = OUT_ROWS_NUM, .get = k_half,
     .doc = "(hi - lo) / 2"},
    {.name = "n", .unit = "count", .kind = OUT_ROWS_COUNT, .get = k_n,
     .doc = "replications with a value"},
};

const out_rows_table out_csv_kpis_table = {"kpis.csv", kpis_fields,
                                           sizeof kpis_fields / sizeof kpis_fields[0], k_rows};

int out_csv_kpis(FILE *fp, const cc_summary *sum)
{
    return out_rows_csv(fp, &out_csv_kpis_table, sum);
}
