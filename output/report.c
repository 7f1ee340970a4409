/* report.c -- see report.h. */
#include "report.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cc_result.h"
#include "jsonpos.h"
#include "out_file.h"
#include "out_table.h"
#include "plot_charts.h"
#include "scenario.h"
#include "sim_alloc.h"

/* A growable text buffer; `bad` is sticky after an allocation failure. */
typedef struct report_buf {
    char *s;
    size_t len, cap;
    int bad;
} report_buf;

static void put_n(report_buf *b, const char *s, size_t n)
{
    if (b->bad)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap > 0 ? b->cap : 1 << 16;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *t = sim_realloc(b->s, cap);
        if (t == NULL) {
            b->bad = 1;
            return;
        }
        b->s = t;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void put(report_buf *b, const char *s)
{
    put_n(b, s, strlen(s));
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void putf(report_buf *b, const char *fmt, ...)
{
    char tmp[2048];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n > 0)
        put_n(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* Text with HTML's special characters escaped; blank lines become paragraph breaks. */
static void put_text(report_buf *b, const char *s)
{
    for (; *s != '\0'; s++) {
        switch (*s) {
        case '<': put(b, "&lt;"); break;
        case '>': put(b, "&gt;"); break;
        case '&': put(b, "&amp;"); break;
        case '"': put(b, "&quot;"); break;
        case '\n': put(b, s[1] == '\n' ? "</p>\n<p>" : " "); s += s[1] == '\n'; break;
        default: put_n(b, s, 1);
        }
    }
}

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void put_base64(report_buf *b, const unsigned char *d, size_t n)
{
    char q[4];
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)d[i] << 16;
        if (i + 1 < n)
            v |= (unsigned)d[i + 1] << 8;
        if (i + 2 < n)
            v |= d[i + 2];
        q[0] = b64[(v >> 18) & 63];
        q[1] = b64[(v >> 12) & 63];
        q[2] = i + 1 < n ? b64[(v >> 6) & 63] : '=';
        q[3] = i + 2 < n ? b64[v & 63] : '=';
        put_n(b, q, 4);
    }
}

/* The bytes of dir/name, or NULL; the caller frees with sim_free. */
static unsigned char *slurp(const char *dir, const char *name, size_t *len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        return NULL;
    unsigned char *d = NULL;
    if (fseek(fp, 0, SEEK_END) == 0) {
        long n = ftell(fp);
        if (n > 0 && fseek(fp, 0, SEEK_SET) == 0) {
            d = sim_malloc((size_t)n + 1);
            if (d != NULL && fread(d, 1, (size_t)n, fp) != (size_t)n) {
                sim_free(d);
                d = NULL;
            } else if (d != NULL) {
                d[n] = '\0';
                *len = (size_t)n;
            }
        }
    }
    fclose(fp);
    return d;
}

static double jnum(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsNumber(v) ? v->valuedouble : (double)NAN;
}

static const char *jstr(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : "";
}

/* "0.812 [0.800, 0.824]" scaled, or "–". */
static void put_ci(report_buf *b, double m, double lo, double hi, double scale, int digits)
{
    if (!isfinite(m)) {
        put(b, "<td class=n>&ndash;</td>");
        return;
    }
    putf(b, "<td class=n>%.*f", digits, m * scale);
    if (isfinite(lo) && isfinite(hi))
        putf(b, " <span class=ci>[%.*f, %.*f]</span>", digits, lo * scale, digits, hi * scale);
    put(b, "</td>");
}

static void put_kpi_row(report_buf *b, const out_table *k, const char *kpi, const char *label,
                        double scale, int digits)
{
    size_t cn = out_table_col(k, "kpi"), cm = out_table_col(k, "mean"),
           cl = out_table_col(k, "lo"), ch = out_table_col(k, "hi");
    for (size_t r = 0; r < k->n_rows; r++) {
        if (strcmp(out_table_str(k, r, cn), kpi) != 0)
            continue;
        put(b, "<tr><td>");
        put_text(b, label);
        put(b, "</td>");
        put_ci(b, out_table_num(k, r, cm), out_table_num(k, r, cl), out_table_num(k, r, ch),
               scale, digits);
        put(b, "</tr>\n");
        return;
    }
}

static const char *const css =
    "body{font-family:'DejaVu Sans',Helvetica,Arial,sans-serif;max-width:1240px;margin:2em auto;"
    "padding:0 1em;color:#222;line-height:1.45}h1{font-size:1.7em;margin-bottom:.2em}"
    "h2{border-bottom:2px solid #0072b2;padding-bottom:.2em;margin-top:2em}"
    "table{border-collapse:collapse;margin:1em 0;font-size:.92em}"
    "th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}"
    "th{background:#eef4f9}td.n{text-align:right;white-space:nowrap}.ci{color:#666;"
    "font-size:.9em}.meta{color:#555}figure{margin:1.5em 0}img,svg{max-width:100%;height:auto;"
    "border:1px solid #ddd}figcaption{color:#555;font-size:.9em}.sig{color:#0072b2;"
    "font-weight:bold}\n";

/* The seed as summary.json writes it, integer text up to 2^64 - 1, into buf: cJSON reads
 * numbers as doubles, which round a seed above 2^53 to another seed. "?" when absent. */
static void seed_digits(const char *text, size_t len, char *buf, size_t n)
{
    snprintf(buf, n, "?");
    size_t off = 0;
    if (jsonpos_find(text, len, "seed", &off) != 1)
        return;
    const char *p = memchr(text + off, ':', len - off);
    if (p == NULL)
        return;
    const char *end = text + len;
    for (p++; p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'); p++)
        ;
    size_t k = 0;
    while (p < end && *p >= '0' && *p <= '9' && k + 1 < n)
        buf[k++] = *p++;
    if (k > 0)
        buf[k] = '\0';
}

static void section_scenario(report_buf *b, const cJSON *sum, const char *seed)
{
    const cJSON *e = cJSON_GetObjectItemCaseSensitive(sum, "scenario_echo");
    double horizon = jnum(sum, "horizon_days"), iv = jnum(sum, "interval_s");
    put(b, "<h2>The scenario</h2>\n<p>");
    putf(b, "Scenario <b>");
    put_text(b, jstr(sum, "scenario"));
    putf(b, "</b> (file <code>");
    put_text(b, jstr(sum, "source"));
    putf(b, "</code>) describes the year %.0f. omnisim simulated %.0f day(s) in %.0f-minute "
            "intervals, %.0f replications with seed %s; every figure below is the mean over "
            "the replications with its %.0f%% confidence interval in brackets.",
         jnum(e, "year"), horizon, iv / 60.0, jnum(sum, "replications"), seed,
         100.0 * jnum(sum, "confidence"));
    const char *mode = jstr(e, "demand_mode");
    if (strcmp(mode, "by_segment") == 0)
        putf(b, " Demand: %.0f customer questions (needs) per average day, each choosing its "
                "first channel by its segment's preferences.",
             jnum(e, "daily_volume"));
    else
        putf(b, " Demand: %.0f first contacts per average day over the channels below.",
             jnum(e, "daily_volume"));
    putf(b, " Routing: %s desk.</p>\n",
         strcmp(jstr(e, "routing"), "unified") == 0 ? "one unified (all channels in one "
                                                      "desk)"
                                                    : "siloed, one team per skill set, as the");
    const cJSON *pol = cJSON_GetObjectItemCaseSensitive(e, "policies");
    const cJSON *ov = cJSON_GetObjectItemCaseSensitive(e, "overrides");
    if (cJSON_GetArraySize(pol) + cJSON_GetArraySize(ov) > 0) {
        put(b, "<p>Applied to the scenario file:");
        const cJSON *x;
        cJSON_ArrayForEach(x, pol)
        {
            put(b, " policy <code>");
            put_text(b, cJSON_IsString(x) ? x->valuestring : "");
            put(b, "</code>");
        }
        cJSON_ArrayForEach(x, ov)
        {
            put(b, " <code>--set ");
            put_text(b, cJSON_IsString(x) ? x->valuestring : "");
            put(b, "</code>");
        }
        put(b, ".</p>\n");
    }
    put(b, "<h3>Channels</h3>\n<table><tr><th>channel</th><th>kind</th><th>first contacts "
           "per day</th><th>mean handle time</th><th>mean patience</th><th>open hours per "
           "week</th><th>target</th><th>first-contact resolution</th></tr>\n");
    const cJSON *ch;
    cJSON_ArrayForEach(ch, cJSON_GetObjectItemCaseSensitive(e, "channels"))
    {
        const char *kind = jstr(ch, "kind");
        const scenario_kind_props *kp = scenario_channel_kind_find(kind);
        int deferred = kp != NULL && kp->backlog;
        put(b, "<tr><td>");
        put_text(b, jstr(ch, "name"));
        put(b, "</td><td>");
        put_text(b, kind);
        putf(b, "</td><td class=n>%.0f</td><td class=n>%.0f s</td>", jnum(ch, "daily_volume"),
             jnum(ch, "aht_s"));
        double pat = jnum(ch, "patience_s");
        if (isfinite(pat))
            putf(b, "<td class=n>%.0f s</td>", pat);
        else
            put(b, "<td class=n>none</td>");
        putf(b, "<td class=n>%.0f h</td>", jnum(ch, "open_hours_week"));
        if (kp != NULL && !kp->agent_time)
            putf(b, "<td>resolves %.0f%%</td>", 100.0 * jnum(ch, "resolve_share"));
        else if (deferred)
            putf(b, "<td>%.0f%% answered within %.3g h</td>", 100.0 * jnum(ch, "sl_target"),
                 jnum(ch, "response_target_s") / 3600.0);
        else
            putf(b, "<td>%.0f%% answered within %.0f s</td>", 100.0 * jnum(ch, "sl_target"),
                 jnum(ch, "sl_threshold_s"));
        putf(b, "<td class=n>%.0f%%</td></tr>\n", 100.0 * jnum(ch, "fcr_share"));
    }
    put(b, "</table>\n<h3>Customer segments</h3>\n<table><tr><th>segment</th><th>share of "
           "customers</th><th>channel preference</th></tr>\n");
    const cJSON *sg;
    cJSON_ArrayForEach(sg, cJSON_GetObjectItemCaseSensitive(e, "segments"))
    {
        put(b, "<tr><td>");
        put_text(b, jstr(sg, "name"));
        putf(b, "</td><td class=n>%.0f%%</td><td>", 100.0 * jnum(sg, "population_share"));
        const cJSON *p;
        int first = 1;
        cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(sg, "preference"))
        {
            if (!cJSON_IsNumber(p) || p->valuedouble <= 0.0)
                continue;
            put(b, first ? "" : ", ");
            put_text(b, p->string);
            putf(b, " %.0f%%", 100.0 * p->valuedouble);
            first = 0;
        }
        put(b, "</td></tr>\n");
    }
    put(b, "</table>\n<h3>Staffing</h3>\n<table><tr><th>group</th><th>staffing</th><th>agents "
           "(fixed staffing)</th><th>shrinkage</th><th>skills</th></tr>\n");
    const cJSON *g;
    cJSON_ArrayForEach(g, cJSON_GetObjectItemCaseSensitive(e, "groups"))
    {
        put(b, "<tr><td>");
        put_text(b, jstr(g, "name"));
        put(b, "</td><td>");
        put_text(b, jstr(g, "staffing"));
        putf(b, "</td><td class=n>%.0f</td><td class=n>%.0f%%</td><td>", jnum(g, "agents"),
             100.0 * jnum(g, "shrinkage"));
        const cJSON *s;
        int first = 1;
        cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(g, "skills"))
        {
            put(b, first ? "" : ", ");
            put_text(b, cJSON_IsString(s) ? s->valuestring : "");
            first = 0;
        }
        put(b, "</td></tr>\n");
    }
    put(b, "</table>\n");
    const cJSON *os = cJSON_GetObjectItemCaseSensitive(e, "outsourcers");
    if (cJSON_GetArraySize(os) > 0) {
        put(b, "<p>Outsourcers:");
        const cJSON *o;
        cJSON_ArrayForEach(o, os)
        {
            put(b, " ");
            put_text(b, cJSON_IsString(o) ? o->valuestring : "");
        }
        put(b, ".</p>\n");
    }
    put(b, "<h2>Assumptions and their sources</h2>\n<p>");
    const char *desc = jstr(e, "description");
    put_text(b, desc[0] ? desc : "The scenario file gives no description of its sources.");
    put(b, "</p>\n<p>The channel table above lists the model's inputs per channel (handle "
           "times, patience, opening hours, targets, first-contact resolution); the scenario "
           "file (echoed in full in <code>summary.json</code>, key "
           "<code>scenario_echo.document</code>) holds every other parameter. Where a figure "
           "comes from the source documents, the description above names the study.</p>\n");
}

static void section_kpis(report_buf *b, const char *dir)
{
    out_table ch, k;
    sim_error err;
    put(b, "<h2>Results</h2>\n");
    if (out_table_load(&ch, dir, "channels.csv", &err) == SIM_OK) {
        static const struct {
            const char *col, *label;
            double scale;
            int digits;
        } cols[] = {{"offered", "offered", 1, 0},
                    {"lost_closed", "lost while closed", 1, 0},
                    {CC_KPI_SERVICE_LEVEL, "service level % (within / answered + abandoned)",
                     100, 1},
                    {"asa_s", "mean wait / response s", 1, 1},
                    {CC_KPI_ABANDONMENT, "abandoned % of offered", 100, 1},
                    {"occupancy", "occupancy %", 100, 1},
                    {"resolved_per_handled", "resolved % of handled", 100, 1},
                    {"open_at_horizon", "open at the horizon", 1, 0}};
        enum { NC = sizeof cols / sizeof cols[0] };
        put(b, "<h3>Per channel</h3>\n<p>Offered = arrived - lost while closed. The service "
               "level compared with the target is <code>" CC_KPI_SERVICE_LEVEL "</code>: "
               "answered within the threshold / (answered + abandoned); "
               "<code>channels.csv</code> also gives it per offered and without short "
               "abandons (docs/outputs.md). Intervals: Student-t over the replications, shares "
               "on the logit scale, other quantities on the log scale.</p>\n<table><tr><th>"
               "channel</th>");
        for (size_t i = 0; i < NC; i++)
            putf(b, "<th>%s</th>", cols[i].label);
        put(b, "</tr>\n");
        size_t cn = out_table_col(&ch, "channel");
        for (size_t r = 0; r < ch.n_rows; r++) {
            put(b, "<tr><td>");
            put_text(b, out_table_str(&ch, r, cn));
            put(b, "</td>");
            for (size_t i = 0; i < NC; i++) {
                char lo[64], hi[64];
                snprintf(lo, sizeof lo, "%s_lo", cols[i].col);
                snprintf(hi, sizeof hi, "%s_hi", cols[i].col);
                put_ci(b, out_table_num(&ch, r, out_table_col(&ch, cols[i].col)),
                       out_table_num(&ch, r, out_table_col(&ch, lo)),
                       out_table_num(&ch, r, out_table_col(&ch, hi)), cols[i].scale,
                       cols[i].digits);
            }
            put(b, "</tr>\n");
        }
        put(b, "</table>\n");
        out_table_free(&ch);
    }
    if (out_table_load(&k, dir, "kpis.csv", &err) == SIM_OK) {
        put(b, "<h3>Customer needs across channels (omnichannel KPIs)</h3>\n<table><tr><th>KPI"
               "</th><th>value [confidence interval]</th></tr>\n");
        put_kpi_row(b, &k, "needs.created", "needs (customer questions) created", 1, 0);
        put_kpi_row(b, &k, "needs.open_at_horizon", "open at the horizon", 1, 0);
        put_kpi_row(b, &k, "needs.resolved_per_ended", "resolved % of ended", 100, 1);
        put_kpi_row(b, &k, "needs.given_up_per_ended", "given up % of ended", 100, 1);
        put_kpi_row(b, &k, "needs.contacts_per_resolved_need", "contacts per resolved need", 1,
                    3);
        put_kpi_row(b, &k, "needs.channels_per_ended_need", "channels per ended need", 1, 3);
        put_kpi_row(b, &k, "needs.time_to_resolution_s", "time to resolution (h)", 1.0 / 3600,
                    2);
        put_kpi_row(b, &k, "needs.repeat_per_arrived", "repeat contacts % of arrived", 100, 1);
        put_kpi_row(b, &k, "total.realtime_service_level_per_answered_abandoned",
                    "service level, real-time channels %", 100, 1);
        put_kpi_row(b, &k, "total.realtime_abandoned_per_offered",
                    "abandoned % of offered, real-time channels", 100, 1);
        put(b, "</table>\n");
        out_table_free(&k);
    }
    out_table sg;
    if (out_table_load(&sg, dir, "segments.csv", &err) == SIM_OK) {
        put(b, "<h3>Per segment</h3>\n<table><tr><th>segment</th><th>needs</th><th>resolved "
               "% of ended</th><th>contacts per resolved need</th><th>abandoned % of "
               "real-time offered</th></tr>\n");
        for (size_t r = 0; r < sg.n_rows; r++) {
            put(b, "<tr><td>");
            put_text(b, out_table_str(&sg, r, out_table_col(&sg, "segment")));
            put(b, "</td>");
            static const char *const c[] = {"needs", "resolved_per_ended",
                                            "contacts_per_resolved_need",
                                            "realtime_abandoned_per_offered"};
            static const double sc[] = {1, 100, 1, 100};
            static const int dg[] = {0, 1, 3, 2};
            for (size_t i = 0; i < 4; i++) {
                char lo[64], hi[64];
                snprintf(lo, sizeof lo, "%s_lo", c[i]);
                snprintf(hi, sizeof hi, "%s_hi", c[i]);
                put_ci(b, out_table_num(&sg, r, out_table_col(&sg, c[i])),
                       out_table_num(&sg, r, out_table_col(&sg, lo)),
                       out_table_num(&sg, r, out_table_col(&sg, hi)), sc[i], dg[i]);
            }
            put(b, "</tr>\n");
        }
        put(b, "</table>\n");
        out_table_free(&sg);
    }
}

static void section_charts(report_buf *b, const char *dir)
{
    static const char *const captions[] = {
        "Service level per interval with its confidence band and the target line.",
        "Agents on duty per interval vs the staffing target.",
        "Required vs scheduled agents per interval (omnisim schedule).",
        "Where hopping goes: repeat contacts from one channel to another.",
        "Policies vs the baseline: paired differences with confidence intervals.",
        "Channel mix per year (omnisim roadmap).",
        "Cost per year: on-premise vs cloud, in-house vs outsourced (omnisim cost)."};
    const char *const *names;
    size_t n = plot_charts_names(&names);
    int any = 0;
    for (size_t i = 0; i < n; i++) {
        char file[96];
        size_t len = 0;
        snprintf(file, sizeof file, "%s.png", names[i]);
        unsigned char *d = slurp(dir, file, &len);
        int svg = 0;
        if (d == NULL) {
            snprintf(file, sizeof file, "%s.svg", names[i]);
            d = slurp(dir, file, &len);
            svg = d != NULL;
        }
        if (d == NULL)
            continue;
        if (!any)
            put(b, "<h2>Charts</h2>\n");
        any = 1;
        put(b, "<figure>");
        if (svg) {
            /* Inline SVG: drop the XML declaration, keep the <svg> element. */
            const char *start = strstr((const char *)d, "<svg");
            put(b, start != NULL ? start : "");
        } else {
            putf(b, "<img alt=\"%s\" src=\"data:image/png;base64,", names[i]);
            put_base64(b, d, len);
            put(b, "\">");
        }
        putf(b, "<figcaption>%s (<code>%s</code>)</figcaption></figure>\n",
             i < sizeof captions / sizeof captions[0] ? captions[i] : "", file);
        sim_free(d);
    }
}

static void section_compare(report_buf *b, const char *dir)
{
    out_table t;
    sim_error err;
    char path[4096];
    snprintf(path, sizeof path, "%s/compare.csv", dir);
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        return;
    fclose(fp);
    if (out_table_load(&t, dir, "compare.csv", &err) != SIM_OK)
        return;
    size_t cp = out_table_col(&t, "policy"), ck = out_table_col(&t, "kpi"),
           bm = out_table_col(&t, "baseline_mean"), pm = out_table_col(&t, "policy_mean"),
           dm = out_table_col(&t, "diff_mean"), dl = out_table_col(&t, "diff_lo"),
           dh = out_table_col(&t, "diff_hi"), sg = out_table_col(&t, "significant");
    put(b, "<h2>Policy comparison</h2>\n<p>Each policy was run with the same random numbers as "
           "the baseline (common random numbers); the difference is policy minus baseline with "
           "its paired confidence interval. <span class=sig>Bold blue</span>: significant. "
           "Headline KPIs only; <code>compare.csv</code> has them all.</p>\n<table><tr><th>"
           "policy</th><th>KPI</th><th>baseline</th><th>policy</th><th>difference [interval]"
           "</th></tr>\n");
    for (size_t r = 0; r < t.n_rows; r++) {
        const char *k = out_table_str(&t, r, ck);
        if (strncmp(k, "total.", 6) != 0 && strncmp(k, "needs.", 6) != 0 &&
            strncmp(k, "cost.year", 9) != 0 && strncmp(k, "effort.", 7) != 0)
            continue;
        int sig = sg != SIZE_MAX && out_table_num(&t, r, sg) == 1.0;
        put(b, "<tr><td>");
        put_text(b, out_table_str(&t, r, cp));
        put(b, "</td><td>");
        put_text(b, k);
        put(b, "</td>");
        put_ci(b, out_table_num(&t, r, bm), (double)NAN, (double)NAN, 1, 4);
        put_ci(b, out_table_num(&t, r, pm), (double)NAN, (double)NAN, 1, 4);
        if (sig)
            put(b, "<td class=\"n sig\">");
        else
            put(b, "<td class=n>");
        double m = out_table_num(&t, r, dm);
        if (isfinite(m))
            putf(b, "%+.4f <span class=ci>[%+.4f, %+.4f]</span>", m, out_table_num(&t, r, dl),
                 out_table_num(&t, r, dh));
        else
            put(b, "&ndash;");
        put(b, "</td></tr>\n");
    }
    put(b, "</table>\n");
    out_table_free(&t);
}

static void section_roadmap(report_buf *b, const char *dir)
{
    out_table t;
    sim_error err;
    char path[4096];
    snprintf(path, sizeof path, "%s/roadmap.csv", dir);
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        return;
    fclose(fp);
    if (out_table_load(&t, dir, "roadmap.csv", &err) != SIM_OK)
        return;
    static const struct {
        const char *col, *label;
        double scale;
        int digits;
    } cols[] = {{"demand_daily_volume", "demand per day", 1, 0},
                {"voice_share_offered", "voice share of contacts %", 100, 1},
                {"total.realtime_service_level_per_answered_abandoned",
                 "service level, real time %", 100, 1},
                {"total.realtime_abandoned_per_offered", "abandoned % of offered, real time",
                 100, 1},
                {"needs.contacts_per_resolved_need", "contacts per resolved need", 1, 3}};
    put(b, "<h2>Roadmap</h2>\n<p>Year by year as <code>omnisim roadmap</code> computed it "
           "(segment drift, digital shift, growth, policies switching on).</p>\n<table><tr>"
           "<th>year</th><th>stage</th><th>policies</th>");
    for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
        putf(b, "<th>%s</th>", cols[i].label);
    put(b, "</tr>\n");
    for (size_t r = 0; r < t.n_rows; r++) {
        put(b, "<tr><td>");
        put_text(b, out_table_str(&t, r, out_table_col(&t, "year")));
        put(b, "</td><td>");
        put_text(b, out_table_str(&t, r, out_table_col(&t, "stage")));
        put(b, "</td><td>");
        put_text(b, out_table_str(&t, r, out_table_col(&t, "policies")));
        put(b, "</td>");
        for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
            char m[96], lo[96], hi[96];
            snprintf(m, sizeof m, "%s_mean", cols[i].col);
            snprintf(lo, sizeof lo, "%s_lo", cols[i].col);
            snprintf(hi, sizeof hi, "%s_hi", cols[i].col);
            size_t cm = out_table_col(&t, m);
            if (cm == SIZE_MAX)
                cm = out_table_col(&t, cols[i].col);
            put_ci(b, out_table_num(&t, r, cm), out_table_num(&t, r, out_table_col(&t, lo)),
                   out_table_num(&t, r, out_table_col(&t, hi)), cols[i].scale, cols[i].digits);
        }
        put(b, "</tr>\n");
    }
    put(b, "</table>\n");
    out_table_free(&t);
}

sim_status report_write(const char *dir, sim_error *err)
{
    size_t len = 0;
    unsigned char *text = slurp(dir, "summary.json", &len);
    if (text == NULL)
        return sim_error_set(err, SIM_EIO, "summary.json", "cannot read %s/summary.json",
                             dir);
    cJSON *sum = cJSON_Parse((const char *)text);
    char seed[32];
    seed_digits((const char *)text, len, seed, sizeof seed);
    sim_free(text);
    if (sum == NULL)
        return sim_error_set(err, SIM_EIO, "summary.json", "%s/summary.json is not JSON", dir);
    report_buf b = {NULL, 0, 0, 0};
    put(&b, "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8><title>omnisim: ");
    put_text(&b, jstr(sum, "scenario"));
    put(&b, "</title><style>");
    put(&b, css);
    put(&b, "</style></head><body>\n<h1>");
    put_text(&b, jstr(sum, "scenario"));
    put(&b, "</h1>\n<p class=meta>omnisim ");
    put_text(&b, jstr(sum, "omnisim_version"));
    putf(&b, ", %s model, seed %s, %.0f replications</p>\n", jstr(sum, "model"), seed,
         jnum(sum, "replications"));
    if (cJSON_GetObjectItemCaseSensitive(sum, "scenario_echo") != NULL)
        section_scenario(&b, sum, seed);
    section_kpis(&b, dir);
    section_charts(&b, dir);
    section_compare(&b, dir);
    section_roadmap(&b, dir);
    put(&b, "<p class=meta>Files of this run and their columns: see omnisim's "
            "docs/outputs.md.</p>\n</body></html>\n");
    cJSON_Delete(sum);
    sim_status st;
    if (b.bad)
        st = sim_error_set(err, SIM_ENOMEM, "report.html", "out of memory");
    else
        st = out_file_write(dir, "report.html", b.s, b.len, err);
    sim_free(b.s);
    return st;
}
