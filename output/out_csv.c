/* out_csv.c -- see out_csv.h. */
#include "out_csv.h"

#include <math.h>
#include <string.h>

static const char *const ik_names[CC_IK_COUNT] = {
    "offered", "answered", "abandoned", "service_level", "asa_s", "occupancy", "backlog_end"};

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
    fprintf(fp, "interval,day,weekday,start,channel");
    for (size_t k = 0; k < CC_IK_COUNT; k++)
        fprintf(fp, ",%s,%s_lo,%s_hi", ik_names[k], ik_names[k], ik_names[k]);
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

int out_csv_channels(FILE *fp, const cc_summary *sum, const scenario *scn)
{
    /* The KPI names of the first channel give the columns (every channel has the same). */
    char prefix[CC_KPI_NAME_MAX];
    snprintf(prefix, sizeof prefix, "channel.%s.", scn->channels[0].name);
    size_t plen = strlen(prefix);
    fprintf(fp, "channel,kind");
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
    for (size_t c = 0; c < scn->n_channels && first != SIZE_MAX; c++) {
        fprintf(fp, "%s,%s", scn->channels[c].name,
                scenario_channel_kind_name(scn->channels[c].kind));
        for (size_t j = 0; j < count; j++) {
            char name[CC_KPI_NAME_MAX];
            snprintf(name, sizeof name, "channel.%s.%s", scn->channels[c].name,
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
    return ferror(fp) ? -1 : 0;
}

int out_csv_kpis(FILE *fp, const cc_summary *sum)
{
    fprintf(fp, "kpi,mean,lo,hi,half_width,n\n");
    for (size_t j = 0; j < sum->n_kpis; j++) {
        const sim_ci *ci = &sum->ci[j];
        fprintf(fp, "%s", sum->names[j]);
        num(fp, ci->mean);
        num(fp, ci->lo);
        num(fp, ci->hi);
        num(fp, ci->half_width);
        fprintf(fp, ",%llu\n", (unsigned long long)ci->n);
    }
    return ferror(fp) ? -1 : 0;
}
