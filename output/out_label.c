/* out_label.c -- see out_label.h. */
#include "out_label.h"

#include <stdio.h>
#include <string.h>

#include "cc_result.h"

static out_label_kind kind_of_unit(const char *unit)
{
    if (strcmp(unit, "share") == 0)
        return OUT_LABEL_SHARE;
    if (strcmp(unit, "s") == 0)
        return OUT_LABEL_SECONDS;
    if (strcmp(unit, "hours") == 0)
        return OUT_LABEL_HOURS;
    if (strcmp(unit, "channels") == 0)
        return OUT_LABEL_RATIO;
    return OUT_LABEL_COUNT;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* The label and kind of a full KPI name (kpis.csv, compare.csv, sweep.csv ...): from the KPI
 * table for the contact-center KPIs, from the list below for the cost model's and the
 * studies' own (cost.*, sla.*, effort.*); the name itself when it is neither. */
out_label_kind out_label_kpi(const char *name, char *buf, size_t n)
{
    static const struct {
        const char *name, *label;
        out_label_kind kind;
    } extra[] = {{"cost.year_eur", "cost per year", OUT_LABEL_EUR},
                 {"cost.total_eur", "cost over the simulated days", OUT_LABEL_EUR},
                 {"cost.per_answered_contact_eur", "cost per answered contact", OUT_LABEL_EUR_CENTS},
                 {"cost.per_resolved_need_eur", "cost per resolved need", OUT_LABEL_EUR_CENTS},
                 {"cost.people_eur", "people cost over the simulated days", OUT_LABEL_EUR},
                 {"cost.people_share", "people share of the cost", OUT_LABEL_SHARE},
                 {"effort.score", "customer effort score", OUT_LABEL_RATIO}};
    for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
        if (strcmp(name, extra[i].name) == 0) {
            snprintf(buf, n, "%s", extra[i].label);
            return extra[i].kind;
        }
    static const cc_kpi_family fams[] = {CC_KPI_CHANNEL, CC_KPI_POOL, CC_KPI_SEGMENT,
                                         CC_KPI_NEEDS, CC_KPI_TOTAL};
    static const char *const what[] = {"", "pool ", "segment ", "", ""};
    for (size_t f = 0; f < sizeof fams / sizeof fams[0]; f++) {
        const cc_kpi_def *d = cc_kpis_def_of(name, fams[f]);
        if (d == NULL)
            continue;
        if (fams[f] == CC_KPI_CHANNEL || fams[f] == CC_KPI_POOL || fams[f] == CC_KPI_SEGMENT) {
            const char *ent = strchr(name, '.') + 1;
            int elen = (int)(strlen(ent) - strlen(d->kpi) - 1);
            snprintf(buf, n, "%s, %s%.*s", d->label, what[f], elen, ent);
        } else {
            snprintf(buf, n, "%s", d->label);
        }
        /* contacts per need, channels per need: a ratio, not a count */
        return strstr(d->kpi, "_per_") != NULL && kind_of_unit(d->unit) == OUT_LABEL_COUNT
                   ? OUT_LABEL_RATIO
                   : kind_of_unit(d->unit);
    }
    if (strncmp(name, "cost.", 5) == 0 && ends_with(name, "_eur")) {
        snprintf(buf, n, "cost: %.*s", (int)(strlen(name) - 9), name + 5);
        for (char *c = buf; *c != '\0'; c++)
            *c = *c == '_' || *c == '.' ? ' ' : *c;
        return OUT_LABEL_EUR;
    }
    if (strncmp(name, "sla.", 4) == 0) {
        const char *last = strrchr(name, '.');
        int elen = (int)(last - name - 4);
        if (strcmp(last, ".miss_probability") == 0) {
            snprintf(buf, n, "SLA miss probability, %.*s", elen, name + 4);
            return OUT_LABEL_SHARE;
        }
        if (ends_with(name, "_eur")) {
            snprintf(buf, n, "SLA %s, %.*s", ends_with(name, "expected_penalty_year_eur")
                                                 ? "expected penalty per year"
                                                 : "penalty",
                     elen, name + 4);
            return OUT_LABEL_EUR;
        }
        if (ends_with(name, CC_KPI_SERVICE_LEVEL)) {
            snprintf(buf, n, "SLA service level, %.*s", elen, name + 4);
            return OUT_LABEL_SHARE;
        }
    }
    snprintf(buf, n, "%s", name);
    return OUT_LABEL_RATIO;
}

