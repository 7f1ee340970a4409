/* report.c -- see report.h. POSIX: access. */
#define _POSIX_C_SOURCE 200809L
#include "report.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "cc_result.h"
#include "cost_tco.h"
#include "jsonpos.h"
#include "out_file.h"
#include "out_label.h"
#include "out_manifest.h"
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
    out_file_read_path(path, sizeof path, dir, name); /* the run's stage while it writes */
    FILE *fp = out_manifest_in_run(dir, name) ? fopen(path, "rb") : NULL;
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

/* A table of the run (out_manifest.h): a file another run left is not read. */
static sim_status load_table(out_table *t, const char *dir, const char *name, sim_error *err)
{
    if (!out_manifest_in_run(dir, name))
        return sim_error_set(err, SIM_EIO, name, "not a file of this run");
    return out_table_load(t, dir, name, err);
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

/* snprintf into a fixed buffer, where cutting a text short is acceptable (labels and
 * numbers are far shorter than the buffers); a function of its own so the compiler's
 * truncation warnings, meant for paths, do not fire on every number. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static int sfmt(char *buf, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(buf, n, fmt, ap);
    va_end(ap);
    return k;
}

/* ---- numbers as a reader reads them ------------------------------------------------ */

/* x with `digits` decimals and a comma every three digits of its integer part. */
static void fmt_sep(char *buf, size_t n, double x, int digits)
{
    char raw[160];
    sfmt(raw, sizeof raw, "%.*f", digits, fabs(x));
    const char *dot = strchr(raw, '.');
    size_t nint = dot != NULL ? (size_t)(dot - raw) : strlen(raw);
    char out[300];
    size_t o = 0;
    int zero = 1;
    for (const char *c = raw; *c != '\0'; c++)
        zero &= *c == '0' || *c == '.';
    if (x < 0 && !zero)
        out[o++] = '-';
    for (size_t i = 0; i < nint && o + 2 < sizeof out; i++) {
        if (i > 0 && (nint - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = raw[i];
    }
    out[o] = '\0';
    sfmt(buf, n, "%s%s", out, dot != NULL ? dot : "");
}

/* The unit a duration of about |s| seconds is written in, and its divisor. */
static const char *dur_unit(double s, double *div)
{
    double a = fabs(s);
    if (a < 120.0) {
        *div = 1.0;
        return "s";
    }
    if (a < 7200.0) {
        *div = 60.0;
        return "min";
    }
    *div = 3600.0;
    return "h";
}

/* Decimals for a number of about |x| in its unit. */
static int digits_for(double x)
{
    double a = fabs(x);
    if (a == 0.0 || a >= 100.0 || a == floor(a))
        return 0;
    return a >= 1.0 ? 1 : 2;
}

/* The number alone (no unit) of x in kind k; durations in the unit of `ref`. */
static void fmt_bare(char *buf, size_t n, out_label_kind k, double x, double ref)
{
    double div = 1.0;
    switch (k) {
    case OUT_LABEL_SHARE: sfmt(buf, n, "%.1f", 100.0 * x); break;
    case OUT_LABEL_SECONDS:
        (void)dur_unit(ref, &div);
        /* 20 s, 2.5 min, 8 h: a decimal only below 10 of the unit, and not for a whole one */
        fmt_sep(buf, n, x / div, fabs(ref / div) >= 10.0 ? 0 : digits_for(ref / div));
        break;
    case OUT_LABEL_HOURS: fmt_sep(buf, n, x, fabs(ref) >= 100 ? 0 : 1); break;
    case OUT_LABEL_EUR: fmt_sep(buf, n, x, 0); break;
    case OUT_LABEL_EUR_CENTS: fmt_sep(buf, n, x, 2); break;
    case OUT_LABEL_RATIO: sfmt(buf, n, "%.2f", x); break;
    default: fmt_sep(buf, n, x, fabs(ref) >= 100 ? 0 : digits_for(ref)); break;
    }
}

/* x in kind k with its unit ("80.3%", "3.2 h", "EUR 1,234"). */
static void fmt_val(char *buf, size_t n, out_label_kind k, double x)
{
    char v[300];
    double div = 1.0;
    fmt_bare(v, sizeof v, k, x, x);
    switch (k) {
    case OUT_LABEL_SHARE: sfmt(buf, n, "%s%%", v); break;
    case OUT_LABEL_SECONDS: sfmt(buf, n, "%s %s", v, dur_unit(x, &div)); break;
    case OUT_LABEL_HOURS: sfmt(buf, n, "%s h", v); break;
    case OUT_LABEL_EUR:
    case OUT_LABEL_EUR_CENTS: sfmt(buf, n, "EUR %s", v); break;
    default: sfmt(buf, n, "%s", v); break;
    }
}

/* A cell: the mean with its unit and the interval in brackets in the same unit, or a dash. */
static void put_cell(report_buf *b, out_label_kind k, double m, double lo, double hi)
{
    if (!isfinite(m)) {
        put(b, "<td class=n>&ndash;</td>");
        return;
    }
    char v[128], l[300], h[300];
    fmt_val(v, sizeof v, k, m);
    putf(b, "<td class=n>%s", v);
    if (isfinite(lo) && isfinite(hi) && (lo != m || hi != m)) {
        fmt_bare(l, sizeof l, k, lo, m);
        fmt_bare(h, sizeof h, k, hi, m);
        putf(b, " <span class=ci>[%s, %s]</span>", l, h);
    }
    put(b, "</td>");
}

/* A paired difference: shares in percentage points, the others in their unit, signed. */
static void fmt_diff(char *buf, size_t n, out_label_kind k, double d, double ref)
{
    char v[300];
    double div = 1.0;
    /* The sign goes first, before the currency: "-EUR 1,234", "+1.2 pp". */
    const char *sign = d > 0 ? "+" : d < 0 ? "-" : "";
    if (k == OUT_LABEL_SHARE) {
        char pp[64];
        sfmt(pp, sizeof pp, "%.1f", 100.0 * fabs(d));
        sfmt(buf, n, "%s%s pp", strcmp(pp, "0.0") == 0 ? "" : sign, pp);
        return;
    }
    fmt_bare(v, sizeof v, k, fabs(d), ref);
    if (strcmp(v, "0") == 0 || strspn(v, "0.,") == strlen(v))
        sign = "";
    switch (k) {
    case OUT_LABEL_SECONDS: sfmt(buf, n, "%s%s %s", sign, v, dur_unit(ref, &div)); break;
    case OUT_LABEL_HOURS: sfmt(buf, n, "%s%s h", sign, v); break;
    case OUT_LABEL_EUR:
    case OUT_LABEL_EUR_CENTS: sfmt(buf, n, "%sEUR %s", sign, v); break;
    default: sfmt(buf, n, "%s%s", sign, v); break;
    }
}

/* ---- KPI names as a reader knows them --------------------------------------------- */

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* A policy's name as words ("unified_desk+callback_offer" -> "unified desk + callback
 * offer"). */
static void policy_label(const char *name, char *buf, size_t n)
{
    size_t o = 0;
    for (const char *c = name; *c != '\0' && o + 4 < n; c++) {
        if (*c == '+') {
            memcpy(buf + o, " + ", 3);
            o += 3;
        } else {
            buf[o++] = *c == '_' ? ' ' : *c;
        }
    }
    buf[o] = '\0';
}

/* ---- what a report is made of ------------------------------------------------------ */

typedef struct report_ctx {
    const char *dir;
    const cJSON *sum;  /* summary.json; NULL when the run wrote none */
    const cJSON *echo; /* its scenario_echo; NULL when none */
    double days;       /* days counted per replication (after the warm-up); NaN unknown */
    double level;      /* confidence level of the intervals */
    char seed[32];     /* the seed as summary.json writes it (seed_digits) */
} report_ctx;

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

static const cJSON *echo_channel(const report_ctx *c, const char *name)
{
    const cJSON *ch;
    cJSON_ArrayForEach(ch, cJSON_GetObjectItemCaseSensitive(c->echo, "channels"))
    {
        if (strcmp(jstr(ch, "name"), name) == 0)
            return ch;
    }
    return NULL;
}

/* A channel's goal in words ("80% answered within 20 s"), or "" when it has none
 * (self-service); its target share in *target (NaN without one). */
static void channel_goal(const cJSON *ch, char *buf, size_t n, double *target)
{
    const scenario_kind_props *kp = scenario_channel_kind_find(jstr(ch, "kind"));
    *target = (double)NAN;
    buf[0] = '\0';
    if (ch == NULL || (kp != NULL && !kp->agent_time))
        return;
    char t[160];
    double thr = kp != NULL && kp->backlog ? jnum(ch, "response_target_s")
                                           : jnum(ch, "sl_threshold_s");
    fmt_val(t, sizeof t, OUT_LABEL_SECONDS, thr);
    *target = jnum(ch, "sl_target");
    sfmt(buf, n, "%.0f%% answered within %s", 100.0 * *target, t);
}

/* met, missed, or borderline when the interval holds the target. */
static const char *verdict(double target, double m, double lo, double hi)
{
    if (!isfinite(m) || !isfinite(target))
        return NULL;
    double l = isfinite(lo) ? lo : m, h = isfinite(hi) ? hi : m;
    if (l >= target)
        return "met";
    if (h < target)
        return "missed";
    return "borderline";
}

static double col_num(const out_table *t, size_t r, const char *col)
{
    return out_table_num(t, r, out_table_col(t, col));
}

static double col_lo(const out_table *t, size_t r, const char *col)
{
    char n[300];
    sfmt(n, sizeof n, "%s_lo", col);
    return out_table_num(t, r, out_table_col(t, n));
}

static double col_hi(const out_table *t, size_t r, const char *col)
{
    char n[300];
    sfmt(n, sizeof n, "%s_hi", col);
    return out_table_num(t, r, out_table_col(t, n));
}

/* kpis.csv's row of `name`: mean, lo, hi (NaN when absent). */
static double kpi_of(const out_table *k, const char *name, double *lo, double *hi)
{
    size_t cn = out_table_col(k, "kpi");
    *lo = *hi = (double)NAN;
    for (size_t r = 0; k->n_rows > 0 && r < k->n_rows; r++)
        if (strcmp(out_table_str(k, r, cn), name) == 0) {
            *lo = out_table_num(k, r, out_table_col(k, "lo"));
            *hi = out_table_num(k, r, out_table_col(k, "hi"));
            return out_table_num(k, r, out_table_col(k, "mean"));
        }
    return (double)NAN;
}

/* costs.csv read into the figures the report shows. */
enum { REPORT_MAX_YEARS = 64 };
typedef struct report_costs {
    int have, base_year;
    double year_eur, year_hw, per_contact_eur, per_contact_hw, per_need_eur, people_share;
    double delivery[3]; /* cost_tco_delivery order, base year, EUR per year */
    size_t n_years;
    int years[REPORT_MAX_YEARS];
    double onp[REPORT_MAX_YEARS], cloud[REPORT_MAX_YEARS];
    int migration_year;
    double onp_npv, cloud_npv;
} report_costs;

static void costs_read(const char *dir, report_costs *rc)
{
    memset(rc, 0, sizeof *rc);
    rc->year_eur = rc->per_contact_eur = rc->per_need_eur = rc->people_share = (double)NAN;
    rc->onp_npv = rc->cloud_npv = (double)NAN;
    out_table t;
    sim_error err;
    if (load_table(&t, dir, "costs.csv", &err) != SIM_OK)
        return;
    size_t ct = out_table_col(&t, "table"), ck = out_table_col(&t, "key"),
           cy = out_table_col(&t, "year"), cv = out_table_col(&t, "value"),
           ch = out_table_col(&t, "half_width");
    rc->have = 1;
    for (size_t r = 0; r < t.n_rows; r++) {
        const char *tb = out_table_str(&t, r, ct), *key = out_table_str(&t, r, ck);
        double yr = out_table_num(&t, r, cy), v = out_table_num(&t, r, cv),
               hw = out_table_num(&t, r, ch);
        if (!isfinite(v))
            continue;
        if (strcmp(tb, "total") == 0) {
            rc->base_year = (int)yr;
            if (strcmp(key, "total") == 0) {
                rc->year_eur = v;
                rc->year_hw = hw;
            } else if (strcmp(key, "per_answered_contact") == 0) {
                rc->per_contact_eur = v;
                rc->per_contact_hw = hw;
            } else if (strcmp(key, "per_resolved_need") == 0) {
                rc->per_need_eur = v;
            } else if (strcmp(key, "people_share") == 0) {
                rc->people_share = v;
            }
        } else if (strcmp(tb, "line") == 0) {
            rc->delivery[cost_tco_line_delivery(key)] += v;
        } else if ((strcmp(tb, "tco_on_premise") == 0 || strcmp(tb, "tco_cloud") == 0)) {
            int cloud = strcmp(tb, "tco_cloud") == 0;
            if (strcmp(key, "npv") == 0) {
                *(cloud ? &rc->cloud_npv : &rc->onp_npv) = v;
            } else if (strcmp(key, "migration_year") == 0 && cloud) {
                rc->migration_year = (int)v;
            } else if (strcmp(key, "cash") == 0 && isfinite(yr)) {
                size_t y = 0;
                while (y < rc->n_years && rc->years[y] != (int)yr)
                    y++;
                if (y == rc->n_years) {
                    if (y == REPORT_MAX_YEARS)
                        continue;
                    rc->years[y] = (int)yr;
                    rc->onp[y] = rc->cloud[y] = (double)NAN;
                    rc->n_years++;
                }
                *(cloud ? &rc->cloud[y] : &rc->onp[y]) = v;
            }
        }
    }
    /* A year without both figures cannot be compared. */
    size_t o = 0;
    for (size_t y = 0; y < rc->n_years; y++)
        if (isfinite(rc->onp[y]) && isfinite(rc->cloud[y])) {
            rc->years[o] = rc->years[y];
            rc->onp[o] = rc->onp[y];
            rc->cloud[o] = rc->cloud[y];
            o++;
        }
    rc->n_years = o;
    out_table_free(&t);
}

/* ---- sections ---------------------------------------------------------------------- */

static const char *const css =
    "body{font-family:'DejaVu Sans',Helvetica,Arial,sans-serif;max-width:1240px;margin:2em auto;"
    "padding:0 1em;color:#222;line-height:1.45}h1{font-size:1.7em;margin-bottom:.2em}"
    "h2{border-bottom:2px solid #0072b2;padding-bottom:.2em;margin-top:2em}"
    "table{border-collapse:collapse;margin:1em 0;font-size:.92em}"
    "th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}"
    "th{background:#eef4f9}td.n{text-align:right;white-space:nowrap}.ci{color:#666;"
    "font-size:.9em}.meta{color:#555}figure{margin:1.5em 0}img,svg{max-width:100%;height:auto;"
    "border:1px solid #ddd}figcaption{color:#555;font-size:.9em}.sig{color:#0072b2;"
    "font-weight:bold}.met{color:#1a7f37;font-weight:bold}.missed{color:#c62828;"
    "font-weight:bold}.borderline{color:#b26a00;font-weight:bold}"
    ".summary{background:#f6f9fc;border:1px solid #d5e3ef;padding:.2em 1.2em 1em;"
    "margin-top:1.5em}.summary h2{margin-top:.8em}li{margin:.25em 0}"
    "table.wide .ci{display:block}\n"
    "@media print{body{max-width:none;margin:0;padding:0;font-size:10pt;color:#000}"
    "h2{break-after:avoid;page-break-after:avoid}table,figure,tr{break-inside:avoid;"
    "page-break-inside:avoid}figure{break-before:auto}img,svg{border:none;max-height:24cm}"
    ".summary{background:none;border:1px solid #999}a{color:#000;text-decoration:none}"
    "@page{size:A4;margin:15mm}}\n";

static void put_verdict(report_buf *b, const char *v)
{
    if (v == NULL)
        put(b, "<td>&ndash;</td>");
    else
        putf(b, "<td class=%s>%s</td>", v, v);
}

/* The executive summary: goals and verdicts, cost, and findings in sentences computed from
 * the same tables the sections below show. */
static void section_summary(report_buf *b, const report_ctx *c, const report_costs *rc)
{
    out_table ch, k;
    sim_error err;
    int have_ch = c->sum != NULL && load_table(&ch, c->dir, "channels.csv", &err) == SIM_OK;
    int have_k = c->sum != NULL && load_table(&k, c->dir, "kpis.csv", &err) == SIM_OK;
    if (!have_ch && !rc->have) {
        if (have_k)
            out_table_free(&k);
        return;
    }
    put(b, "<div class=summary>\n<h2>Executive summary</h2>\n");
    enum { MAXF = 12 };
    char findings[MAXF][512];
    size_t nf = 0;
    if (have_ch) {
        putf(b, "<p>Each channel's goal from the scenario against the simulated result, with "
                "its %.0f%% confidence interval. <b>met</b>: the whole interval is at or above "
                "the goal; <b>missed</b>: the whole interval is below it; <b>borderline</b>: "
                "the interval holds the goal (more replications would tell).</p>\n",
             100.0 * c->level);
        put(b, "<table><tr><th>channel</th><th>goal</th><th>service level</th><th>verdict"
               "</th><th>abandonment rate</th><th>abandoned per day</th><th>lost while closed "
               "per day</th></tr>\n");
        size_t cn = out_table_col(&ch, "channel");
        size_t n_goal = 0, n_met = 0;
        double worst_gap = 0.0, worst_ab = -1.0, lost = 0.0, arrived = 0.0, ab_day = 0.0;
        char worst[128] = "", worst_ab_name[128] = "";
        for (size_t r = 0; r < ch.n_rows; r++) {
            const char *name = out_table_str(&ch, r, cn);
            const cJSON *ec = echo_channel(c, name);
            char goal[128];
            double target;
            channel_goal(ec, goal, sizeof goal, &target);
            double m = col_num(&ch, r, CC_KPI_SERVICE_LEVEL);
            double lo = col_lo(&ch, r, CC_KPI_SERVICE_LEVEL), hi = col_hi(&ch, r, CC_KPI_SERVICE_LEVEL);
            const char *v = verdict(target, m, lo, hi);
            double ab = col_num(&ch, r, "abandoned"), lc = col_num(&ch, r, "lost_closed");
            double ar = col_num(&ch, r, "arrived");
            put(b, "<tr><td>");
            put_text(b, name);
            put(b, "</td><td>");
            put_text(b, goal[0] ? goal : "none (self-service)");
            put(b, "</td>");
            put_cell(b, OUT_LABEL_SHARE, m, lo, hi);
            put_verdict(b, v);
            put_cell(b, OUT_LABEL_SHARE, col_num(&ch, r, CC_KPI_ABANDONMENT),
                     col_lo(&ch, r, CC_KPI_ABANDONMENT), col_hi(&ch, r, CC_KPI_ABANDONMENT));
            double abr = col_num(&ch, r, CC_KPI_ABANDONMENT);
            put_cell(b, OUT_LABEL_COUNT, isfinite(abr) ? ab / c->days : (double)NAN, (double)NAN,
                     (double)NAN);
            put_cell(b, OUT_LABEL_COUNT, lc / c->days, (double)NAN, (double)NAN);
            put(b, "</tr>\n");
            if (v != NULL) {
                n_goal++;
                n_met += strcmp(v, "met") == 0;
                if (strcmp(v, "missed") == 0 && target - m > worst_gap) {
                    worst_gap = target - m;
                    sfmt(worst, sizeof worst, "%s", name);
                }
            }
            if (isfinite(abr) && abr > worst_ab) {
                worst_ab = abr;
                sfmt(worst_ab_name, sizeof worst_ab_name, "%s", name);
            }
            if (isfinite(ab) && isfinite(abr))
                ab_day += ab / c->days;
            if (isfinite(lc))
                lost += lc;
            if (isfinite(ar))
                arrived += ar;
        }
        put(b, "</table>\n");
        /* Findings, each from the table above. */
        if (n_goal > 0) {
            int w = sfmt(findings[nf], sizeof findings[nf],
                             "%zu of %zu channels with a service-level goal meet it.", n_met,
                             n_goal);
            if (worst[0] != '\0') {
                for (size_t r = 0; r < ch.n_rows; r++) {
                    if (strcmp(out_table_str(&ch, r, cn), worst) != 0)
                        continue;
                    char goal[128], res[160];
                    double target;
                    channel_goal(echo_channel(c, worst), goal, sizeof goal, &target);
                    fmt_val(res, sizeof res, OUT_LABEL_SHARE, col_num(&ch, r, CC_KPI_SERVICE_LEVEL));
                    sfmt(findings[nf] + w, sizeof findings[nf] - (size_t)w,
                             " Furthest below its goal: %s, %s answered in time against a "
                             "goal of %s.",
                             worst, res, goal);
                }
            }
            nf++;
        }
        if (worst_ab > 0.0 && nf < MAXF) {
            char a[160], d[160];
            fmt_val(a, sizeof a, OUT_LABEL_SHARE, worst_ab);
            fmt_val(d, sizeof d, OUT_LABEL_COUNT, ab_day);
            sfmt(findings[nf++], sizeof findings[0],
                     "About %s contacts a day abandon a queue; the abandonment rate is highest "
                     "on %s (%s of its offered contacts).",
                     d, worst_ab_name, a);
        }
        if (lost > 0.0 && arrived > 0.0 && nf < MAXF) {
            char l[160], s[160];
            fmt_val(l, sizeof l, OUT_LABEL_COUNT, lost / c->days);
            fmt_val(s, sizeof s, OUT_LABEL_SHARE, lost / arrived);
            sfmt(findings[nf++], sizeof findings[0],
                     "About %s contacts a day (%s of all arrivals) arrive while their channel "
                     "is closed and are not offered: they are lost, or hop to another channel "
                     "as the scenario's rules say.",
                     l, s);
        }
        if (have_k && nf + 1 < MAXF) {
            double lo, hi;
            double res = kpi_of(&k, "needs.resolved_per_ended", &lo, &hi);
            double cpn = kpi_of(&k, "needs.contacts_per_resolved_need", &lo, &hi);
            double gu = kpi_of(&k, "needs.given_up_per_ended", &lo, &hi);
            if (isfinite(res) && isfinite(cpn) && isfinite(gu)) {
                char a[160], g[160];
                fmt_val(a, sizeof a, OUT_LABEL_SHARE, res);
                fmt_val(g, sizeof g, OUT_LABEL_SHARE, gu);
                sfmt(findings[nf++], sizeof findings[0],
                         "%s of customer needs end resolved, after %.2f contacts on average; "
                         "%s are given up.",
                         a, cpn, g);
            }
            double occ_max = -1.0;
            char occ_name[128] = "";
            size_t kn = out_table_col(&k, "kpi");
            for (size_t r = 0; r < k.n_rows; r++) {
                const char *nm = out_table_str(&k, r, kn);
                if (strncmp(nm, "pool.", 5) != 0 || !ends_with(nm, ".occupancy"))
                    continue;
                double o = out_table_num(&k, r, out_table_col(&k, "mean"));
                if (isfinite(o) && o > occ_max) {
                    occ_max = o;
                    sfmt(occ_name, sizeof occ_name, "%.*s", (int)(strlen(nm) - 15), nm + 5);
                }
            }
            if (occ_max > 0.0) {
                char o[160];
                fmt_val(o, sizeof o, OUT_LABEL_SHARE, occ_max);
                sfmt(findings[nf++], sizeof findings[0],
                         "The busiest agents are %s's: busy %s of their time on duty%s.",
                         occ_name, o, occ_max > 0.85 ? ", little slack for peaks" : "");
            }
        }
        out_table_free(&ch);
    }
    if (rc->have) {
        if (isfinite(rc->per_contact_eur) && nf < MAXF) {
            char y[160], p[160];
            fmt_val(y, sizeof y, OUT_LABEL_EUR, rc->year_eur);
            fmt_val(p, sizeof p, OUT_LABEL_EUR_CENTS, rc->per_contact_eur);
            sfmt(findings[nf++], sizeof findings[0],
                     "The contact center costs %s a year in %d, %s per answered contact.", y,
                     rc->base_year, p);
        }
        if (rc->n_years > 0 && nf < MAXF) {
            cost_tco_verdict v;
            cost_tco_verdict_of(rc->years, rc->onp, rc->cloud, rc->n_years, rc->migration_year,
                                &v);
            cost_tco_verdict_text(&v, findings[nf++], sizeof findings[0]);
        }
    }
    if (have_k)
        out_table_free(&k);
    if (nf > 0) {
        put(b, "<h3>Findings</h3>\n<ul>\n");
        for (size_t i = 0; i < nf; i++) {
            put(b, "<li>");
            put_text(b, findings[i]);
            put(b, "</li>\n");
        }
        put(b, "</ul>\n");
    }
    put(b, "</div>\n");
}

/* The summary of a comparison (a directory of `omnisim compare`): per policy, the headline
 * KPIs it changes significantly, in words, from the table the comparison section shows. */
static void section_compare_summary(report_buf *b, const char *dir)
{
    static const char *const keys[] = {"total.realtime_service_level_per_answered_abandoned",
                                       "total.realtime_abandoned_per_offered",
                                       "needs.resolved_per_ended", "cost.year_eur",
                                       "cost.per_answered_contact_eur"};
    out_table t;
    sim_error err;
    if (load_table(&t, dir, "compare.csv", &err) != SIM_OK)
        return;
    size_t cp = out_table_col(&t, "policy"), ck = out_table_col(&t, "kpi"),
           sg = out_table_col(&t, "significant");
    put(b, "<div class=summary>\n<h2>Executive summary</h2>\n<ul>\n");
    const char *last = "";
    for (size_t r = 0; r < t.n_rows; r++) {
        const char *pol = out_table_str(&t, r, cp);
        if (strcmp(pol, last) == 0)
            continue;
        last = pol;
        char pl[256], line[1024];
        policy_label(pol, pl, sizeof pl);
        int w = sfmt(line, sizeof line, "%s:", pl), n = 0;
        for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
            for (size_t q = 0; q < t.n_rows; q++) {
                if (strcmp(out_table_str(&t, q, cp), pol) != 0 ||
                    strcmp(out_table_str(&t, q, ck), keys[i]) != 0 ||
                    out_table_num(&t, q, sg) != 1.0)
                    continue;
                char label[256], d[160];
                out_label_kind kind = out_label_kpi(keys[i], label, sizeof label);
                double m = col_num(&t, q, "diff_mean");
                fmt_diff(d, sizeof d, kind, m, m);
                if (w > 0 && (size_t)w < sizeof line)
                    w += sfmt(line + w, sizeof line - (size_t)w, "%s %s %s", n ? ";" : "",
                              label, d);
                n++;
            }
        if (n == 0 && w > 0 && (size_t)w < sizeof line)
            sfmt(line + w, sizeof line - (size_t)w,
                 " no significant change in the headline KPIs");
        put(b, "<li>");
        put_text(b, line);
        put(b, ".</li>\n");
    }
    put(b, "</ul>\n<p>Significant: the paired interval excludes 0; differences are policy "
           "minus baseline (the table below).</p>\n</div>\n");
    out_table_free(&t);
}

/* Peak agents asked for per interval of a pool (pools.csv `target`), or NaN. */
static double pool_peak(const char *dir, const char *pool)
{
    out_table t;
    sim_error err;
    if (load_table(&t, dir, "pools.csv", &err) != SIM_OK)
        return (double)NAN;
    double peak = (double)NAN;
    size_t cp = out_table_col(&t, "pool"), ct = out_table_col(&t, "target");
    for (size_t r = 0; r < t.n_rows; r++) {
        double v = out_table_num(&t, r, ct);
        if (strcmp(out_table_str(&t, r, cp), pool) == 0 && isfinite(v) && !(v <= peak))
            peak = v;
    }
    out_table_free(&t);
    return peak;
}

static void section_scenario(report_buf *b, const report_ctx *c)
{
    const cJSON *sum = c->sum, *e = c->echo;
    double horizon = jnum(sum, "horizon_days"), iv = jnum(sum, "interval_s");
    put(b, "<h2>The scenario</h2>\n<p>");
    putf(b, "Scenario <b>");
    put_text(b, jstr(sum, "scenario"));
    putf(b, "</b> (file <code>");
    put_text(b, jstr(sum, "source"));
    putf(b, "</code>) describes the year %.0f. omnisim simulated %.0f day(s) in %.0f-minute "
            "intervals, %.0f replications with seed %s; every figure below is the mean over "
            "the replications with its %.0f%% confidence interval in brackets.",
         jnum(e, "year"), horizon, iv / 60.0, jnum(sum, "replications"), c->seed,
         100.0 * c->level);
    const char *mode = jstr(e, "demand_mode");
    int by_segment = strcmp(mode, "by_segment") == 0;
    char v[160];
    fmt_val(v, sizeof v, OUT_LABEL_COUNT, jnum(e, "daily_volume"));
    if (by_segment)
        putf(b, " Demand: %s customer questions (needs) per average day, each choosing its "
                "first channel by its segment's preferences.",
             v);
    else
        putf(b, " Demand: %s first contacts per average day over the channels below.", v);
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
            char pl[256];
            policy_label(cJSON_IsString(x) ? x->valuestring : "", pl, sizeof pl);
            put(b, " policy <i>");
            put_text(b, pl);
            put(b, "</i>");
        }
        cJSON_ArrayForEach(x, ov)
        {
            put(b, " <code>--set ");
            put_text(b, cJSON_IsString(x) ? x->valuestring : "");
            put(b, "</code>");
        }
        put(b, ".</p>\n");
    }
    putf(b, "<h3>Channels</h3>\n<table><tr><th>channel</th><th>kind</th><th>first contacts "
            "per day%s</th><th>mean handle time</th><th>mean patience</th><th>open hours per "
            "week</th><th>goal</th><th>first-contact resolution</th></tr>\n",
         by_segment ? " (expected from the segments)" : "");
    const cJSON *ch;
    cJSON_ArrayForEach(ch, cJSON_GetObjectItemCaseSensitive(e, "channels"))
    {
        const char *kind = jstr(ch, "kind");
        const char *name = jstr(ch, "name");
        const scenario_kind_props *kp = scenario_channel_kind_find(kind);
        /* By segment, a channel's first contacts are the needs times the population-weighted
         * preference for it (the echo's per-channel volume is 0 then). */
        double vol = jnum(ch, "daily_volume");
        if (by_segment) {
            vol = 0.0;
            const cJSON *sg;
            cJSON_ArrayForEach(sg, cJSON_GetObjectItemCaseSensitive(e, "segments"))
            {
                double p = jnum(cJSON_GetObjectItemCaseSensitive(sg, "preference"), name);
                if (isfinite(p))
                    vol += jnum(sg, "population_share") * p;
            }
            vol *= jnum(e, "daily_volume");
        }
        char goal[128], ht[160], pt[160], vs[160];
        double target;
        channel_goal(ch, goal, sizeof goal, &target);
        fmt_val(ht, sizeof ht, OUT_LABEL_SECONDS, jnum(ch, "aht_s"));
        fmt_val(vs, sizeof vs, OUT_LABEL_COUNT, vol);
        double pat = jnum(ch, "patience_s");
        if (isfinite(pat))
            fmt_val(pt, sizeof pt, OUT_LABEL_SECONDS, pat);
        else
            sfmt(pt, sizeof pt, "none");
        put(b, "<tr><td>");
        put_text(b, name);
        put(b, "</td><td>");
        put_text(b, kind);
        putf(b, "</td><td class=n>%s</td><td class=n>%s</td><td class=n>%s</td><td class=n>"
                "%.0f h</td>",
             vs, ht, pt, jnum(ch, "open_hours_week"));
        if (kp != NULL && !kp->agent_time)
            putf(b, "<td>resolves %.0f%% without an agent</td>",
                 100.0 * jnum(ch, "resolve_share"));
        else
            putf(b, "<td>%s</td>", goal);
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
    put(b, "</table>\n<h3>Staffing</h3>\n<table><tr><th>group</th><th>staffing</th><th>agents"
           "</th><th>shrinkage</th><th>skills</th></tr>\n");
    const cJSON *g;
    cJSON_ArrayForEach(g, cJSON_GetObjectItemCaseSensitive(e, "groups"))
    {
        const char *st = jstr(g, "staffing");
        put(b, "<tr><td>");
        put_text(b, jstr(g, "name"));
        put(b, "</td><td>");
        put_text(b, strcmp(st, "per_interval") == 0 ? "per interval (from the scenario)"
                    : strcmp(st, "erlang") == 0     ? "per interval (Erlang C/A for the goal)"
                    : strcmp(st, "schedule") == 0   ? "shifts (omnisim's shift plan)"
                                                    : "fixed");
        put(b, "</td>");
        if (strcmp(st, "fixed") == 0) {
            putf(b, "<td class=n>%.0f</td>", jnum(g, "agents"));
        } else {
            double peak = pool_peak(c->dir, jstr(g, "name"));
            if (isfinite(peak))
                putf(b, "<td class=n>up to %.0f per interval</td>", peak);
            else
                put(b, "<td class=n>per interval</td>");
        }
        putf(b, "<td class=n>%.0f%%</td><td>", 100.0 * jnum(g, "shrinkage"));
        const cJSON *sk;
        int first = 1;
        cJSON_ArrayForEach(sk, cJSON_GetObjectItemCaseSensitive(g, "skills"))
        {
            put(b, first ? "" : ", ");
            put_text(b, cJSON_IsString(sk) ? sk->valuestring : "");
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
           "times, patience, opening hours, goals, first-contact resolution); the scenario "
           "file (echoed in full in <code>summary.json</code>, key "
           "<code>scenario_echo.document</code>) holds every other parameter. Where a figure "
           "comes from the source documents, the description above names the study.</p>\n");
}

static void put_kpi_row(report_buf *b, const out_table *k, const char *kpi)
{
    double lo, hi, m = kpi_of(k, kpi, &lo, &hi);
    if (!isfinite(m) && !isfinite(lo))
        return;
    char label[256];
    out_label_kind kind = out_label_kpi(kpi, label, sizeof label);
    put(b, "<tr><td>");
    put_text(b, label);
    put(b, "</td>");
    put_cell(b, kind, m, lo, hi);
    put(b, "</tr>\n");
}

static void section_kpis(report_buf *b, const report_ctx *c)
{
    out_table ch, k;
    sim_error err;
    put(b, "<h2>Results</h2>\n");
    putf(b, "<p>Intervals (%.0f%%): Student-t over the replications (each replication is one "
            "observation), built on the logit scale for shares and on the log scale for "
            "counts and times, so a share's interval stays inside [0%%, 100%%] and a wait's "
            "above 0 (docs/outputs.md). Counts are per replication of %.4g day(s) after the "
            "warm-up.</p>\n",
         100.0 * c->level, c->days);
    if (load_table(&ch, c->dir, "channels.csv", &err) == SIM_OK) {
        static const char *const cols[] = {"arrived",
                                           "lost_closed",
                                           "offered",
                                           "answered",
                                           "abandoned",
                                           CC_KPI_SERVICE_LEVEL,
                                           CC_KPI_ABANDONMENT,
                                           "asa_s",
                                           "wait_p90_s",
                                           "occupancy",
                                           "resolved_per_handled",
                                           "open_at_horizon"};
        enum { NC = sizeof cols / sizeof cols[0] };
        put(b, "<h3>Per channel</h3>\n<p>Offered = arrived &minus; lost while closed. The "
               "service level is answered within the threshold / (answered + abandoned), the "
               "figure compared with the goal; <code>channels.csv</code> also gives it per "
               "offered and without short abandons.</p>\n<table class=wide><tr><th>channel</th>");
        for (size_t i = 0; i < NC; i++) {
            const cc_kpi_def *d = cc_kpis_def_of(cols[i], CC_KPI_INTERVAL);
            (void)d;
            char full[128], label[256];
            sfmt(full, sizeof full, "channel.x.%s", cols[i]);
            (void)out_label_kpi(full, label, sizeof label);
            char *comma = strstr(label, ", x");
            if (comma != NULL)
                *comma = '\0';
            put(b, "<th>");
            put_text(b, label);
            put(b, "</th>");
        }
        put(b, "</tr>\n");
        size_t cn = out_table_col(&ch, "channel");
        for (size_t r = 0; r < ch.n_rows; r++) {
            put(b, "<tr><td>");
            put_text(b, out_table_str(&ch, r, cn));
            put(b, "</td>");
            for (size_t i = 0; i < NC; i++) {
                char full[128], label[256];
                sfmt(full, sizeof full, "channel.x.%s", cols[i]);
                out_label_kind kind = out_label_kpi(full, label, sizeof label);
                put_cell(b, kind, col_num(&ch, r, cols[i]), col_lo(&ch, r, cols[i]),
                         col_hi(&ch, r, cols[i]));
            }
            put(b, "</tr>\n");
        }
        put(b, "</table>\n");
        out_table_free(&ch);
    }
    if (load_table(&k, c->dir, "kpis.csv", &err) == SIM_OK) {
        static const char *const rows[] = {"needs.created",
                                           "needs.open_at_horizon",
                                           "needs.resolved_per_ended",
                                           "needs.given_up_per_ended",
                                           "needs.contacts_per_resolved_need",
                                           "needs.channels_per_ended_need",
                                           "needs.time_to_resolution_s",
                                           "needs.time_to_resolution_p90_s",
                                           "needs.repeat_per_arrived",
                                           "total.arrived",
                                           "total.lost_closed",
                                           "total.offered",
                                           "total.answered",
                                           "total.realtime_service_level_per_answered_abandoned",
                                           "total.realtime_abandoned_per_offered"};
        put(b, "<h3>Customer needs across channels, and totals</h3>\n<table><tr><th>KPI"
               "</th><th>value [confidence interval]</th></tr>\n");
        for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
            put_kpi_row(b, &k, rows[i]);
        put(b, "</table>\n");
        out_table_free(&k);
    }
    out_table sg;
    if (load_table(&sg, c->dir, "segments.csv", &err) == SIM_OK) {
        static const char *const cols[] = {"needs", "resolved_per_ended",
                                           "contacts_per_resolved_need",
                                           "time_to_resolution_s",
                                           "realtime_abandoned_per_offered"};
        put(b, "<h3>Per segment</h3>\n<table><tr><th>segment</th>");
        for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
            char full[128], label[256];
            sfmt(full, sizeof full, "segment.x.%s", cols[i]);
            (void)out_label_kpi(full, label, sizeof label);
            char *comma = strstr(label, ", segment x");
            if (comma != NULL)
                *comma = '\0';
            put(b, "<th>");
            put_text(b, label);
            put(b, "</th>");
        }
        put(b, "</tr>\n");
        for (size_t r = 0; r < sg.n_rows; r++) {
            put(b, "<tr><td>");
            put_text(b, out_table_str(&sg, r, out_table_col(&sg, "segment")));
            put(b, "</td>");
            for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
                char full[128], label[256];
                sfmt(full, sizeof full, "segment.x.%s", cols[i]);
                out_label_kind kind = out_label_kpi(full, label, sizeof label);
                put_cell(b, kind, col_num(&sg, r, cols[i]), col_lo(&sg, r, cols[i]),
                         col_hi(&sg, r, cols[i]));
            }
            put(b, "</tr>\n");
        }
        put(b, "</table>\n");
        out_table_free(&sg);
    }
}

static void section_costs(report_buf *b, const report_costs *rc)
{
    if (!rc->have)
        return;
    put(b, "<h2>Costs</h2>\n");
    if (isfinite(rc->year_eur)) {
        char y[160], yh[160], p[160], ph[160], n[160];
        fmt_val(y, sizeof y, OUT_LABEL_EUR, rc->year_eur);
        fmt_bare(yh, sizeof yh, OUT_LABEL_EUR, rc->year_hw, rc->year_eur);
        fmt_val(p, sizeof p, OUT_LABEL_EUR_CENTS, rc->per_contact_eur);
        fmt_bare(ph, sizeof ph, OUT_LABEL_EUR_CENTS, rc->per_contact_hw, rc->per_contact_eur);
        fmt_val(n, sizeof n, OUT_LABEL_EUR_CENTS, rc->per_need_eur);
        putf(b, "<p>In %d the contact center costs <b>%s</b> a year (&plusmn; %s), <b>%s</b> "
                "per answered contact (&plusmn; %s) and %s per resolved need; people are "
                "%.0f%% of it.</p>\n",
             rc->base_year, y, yh, p, ph, n, 100.0 * rc->people_share);
        double tot = rc->delivery[0] + rc->delivery[1] + rc->delivery[2];
        static const char *const who[3] = {"in-house people (agents, supervisors, overhead)",
                                           "outsourced (fees, SLA bonuses and penalties)",
                                           "platform / IT and telephony"};
        putf(b, "<h3>Who delivers it, %d</h3>\n<table><tr><th>delivered by</th><th>EUR per "
                "year</th><th>share</th></tr>\n",
             rc->base_year);
        for (int i = 0; i < 3; i++) {
            char v[160];
            fmt_val(v, sizeof v, OUT_LABEL_EUR, rc->delivery[i]);
            putf(b, "<tr><td>%s</td><td class=n>%s</td><td class=n>%.1f%%</td></tr>\n", who[i],
                 v, tot > 0 ? 100.0 * rc->delivery[i] / tot : 0.0);
        }
        put(b, "</table>\n");
    }
    if (rc->n_years > 0) {
        cost_tco_verdict v;
        cost_tco_verdict_of(rc->years, rc->onp, rc->cloud, rc->n_years, rc->migration_year, &v);
        char text[1024];
        cost_tco_verdict_text(&v, text, sizeof text);
        put(b, "<h3>On-premise vs cloud, cash per year</h3>\n<p class=verdict>");
        put_text(b, text);
        put(b, "</p>\n<table class=tco><tr><th>year</th><th>on-premise</th><th>cloud</th>"
               "<th>cloud &minus; on-premise</th><th>cumulative cloud &minus; on-premise</th>"
               "</tr>\n");
        double cum = 0.0;
        for (size_t y = 0; y < rc->n_years; y++) {
            char a[160], c2[160], d[160], cu[160];
            double diff = rc->cloud[y] - rc->onp[y];
            cum += diff;
            fmt_val(a, sizeof a, OUT_LABEL_EUR, rc->onp[y]);
            fmt_val(c2, sizeof c2, OUT_LABEL_EUR, rc->cloud[y]);
            fmt_diff(d, sizeof d, OUT_LABEL_EUR, diff, diff);
            fmt_diff(cu, sizeof cu, OUT_LABEL_EUR, cum, cum);
            putf(b, "<tr><td>%d</td><td class=n>%s</td><td class=n>%s</td><td class=n>%s</td>"
                    "<td class=n>%s</td></tr>\n",
                 rc->years[y], a, c2, d, cu);
        }
        put(b, "</table>\n<p class=meta>Cash: investment, platform and people as paid each "
               "year (costs.csv tables <code>tco_on_premise</code>, <code>tco_cloud</code>); "
               "a negative difference means the cloud costs less. docs/costs.md has every "
               "line.</p>\n");
    }
}

static void section_charts(report_buf *b, const char *dir)
{
    static const char *const captions[] = {
        "Service level per interval with its confidence band and the goal line; shaded: "
        "the channel is closed.",
        "Agents on duty per interval vs the agents the staffing asked for.",
        "Required vs scheduled vs on-duty agents per interval (omnisim schedule).",
        "Where hopping goes: repeat contacts from one channel to another.",
        "Policies vs the baseline: paired differences with confidence intervals.",
        "Channel mix per year (omnisim roadmap).",
        "Cost per year: on-premise vs cloud, in-house vs outsourced (omnisim cost).",
        "Headline KPIs over the sweep's grid (omnisim sweep)."};
    const char *const *names;
    size_t n = plot_charts_names(&names);
    int any = 0;
    for (size_t i = 0; i < n; i++) {
        char file[300];
        size_t len = 0;
        sfmt(file, sizeof file, "%s.png", names[i]);
        unsigned char *d = slurp(dir, file, &len);
        int svg = 0;
        if (d == NULL) {
            sfmt(file, sizeof file, "%s.svg", names[i]);
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

/* Is kpi one of the few the comparison shows (the rest are in compare.csv)? */
static int headline_kpi(const char *k)
{
    return strncmp(k, "total.", 6) == 0 || strncmp(k, "needs.", 6) == 0 ||
           strcmp(k, "cost.year_eur") == 0 || strcmp(k, "cost.per_answered_contact_eur") == 0 ||
           strncmp(k, "effort.", 7) == 0 ||
           (strncmp(k, "channel.", 8) == 0 && ends_with(k, CC_KPI_SERVICE_LEVEL));
}

static void section_compare(report_buf *b, const char *dir)
{
    out_table t;
    sim_error err;
    if (load_table(&t, dir, "compare.csv", &err) != SIM_OK)
        return;
    size_t cp = out_table_col(&t, "policy"), ck = out_table_col(&t, "kpi"),
           sg = out_table_col(&t, "significant");
    put(b, "<h2>Policy comparison</h2>\n<p>Each policy was run with the same random numbers as "
           "the baseline (common random numbers); the difference is policy minus baseline with "
           "its paired confidence interval (plain Student-t: a difference can be negative), "
           "shares in percentage points (pp). <span class=sig>Bold blue</span>: significant "
           "(the interval excludes 0). Headline KPIs only; <code>compare.csv</code> has them "
           "all.</p>\n<table><tr><th>policy</th><th>KPI</th><th>baseline</th><th>policy</th>"
           "<th>difference [interval]</th></tr>\n");
    for (size_t r = 0; r < t.n_rows; r++) {
        const char *k = out_table_str(&t, r, ck);
        if (!headline_kpi(k))
            continue;
        char label[256], pl[256];
        out_label_kind kind = out_label_kpi(k, label, sizeof label);
        policy_label(out_table_str(&t, r, cp), pl, sizeof pl);
        int sig = sg != SIZE_MAX && out_table_num(&t, r, sg) == 1.0;
        put(b, "<tr><td>");
        put_text(b, pl);
        put(b, "</td><td>");
        put_text(b, label);
        put(b, "</td>");
        put_cell(b, kind, col_num(&t, r, "baseline_mean"), out_table_num(&t, r, out_table_col(&t, "baseline_lo")),
                 out_table_num(&t, r, out_table_col(&t, "baseline_hi")));
        put_cell(b, kind, col_num(&t, r, "policy_mean"), out_table_num(&t, r, out_table_col(&t, "policy_lo")),
                 out_table_num(&t, r, out_table_col(&t, "policy_hi")));
        put(b, sig ? "<td class=\"n sig\">" : "<td class=n>");
        double m = col_num(&t, r, "diff_mean"), lo = col_num(&t, r, "diff_lo"),
               hi = col_num(&t, r, "diff_hi");
        if (isfinite(m)) {
            char d[300], l[300], h[300];
            fmt_diff(d, sizeof d, kind, m, m);
            fmt_diff(l, sizeof l, kind, lo, m);
            fmt_diff(h, sizeof h, kind, hi, m);
            putf(b, "%s <span class=ci>[%s, %s]</span>", d, l, h);
        } else {
            put(b, "&ndash;");
        }
        put(b, "</td></tr>\n");
    }
    put(b, "</table>\n");
    out_table_free(&t);
}

/* A table of the studies that write one row per point: the KPI columns <kpi>_mean, _lo,
 * _hi that are headline KPIs, after the columns `lead` (NULL-terminated). */
static void put_study_table(report_buf *b, const out_table *t, const char *const *lead,
                            const char *const *lead_labels)
{
    size_t kcols[32], nk = 0;
    for (size_t i = 0; i < t->n_cols && nk < 32; i++) {
        const char *h = t->cells[i];
        if (!ends_with(h, "_mean"))
            continue;
        char k[256];
        sfmt(k, sizeof k, "%.*s", (int)(strlen(h) - 5), h);
        if (headline_kpi(k) && !(strncmp(k, "channel.", 8) == 0))
            kcols[nk++] = i;
    }
    put(b, "<table class=wide><tr>");
    for (size_t i = 0; lead[i] != NULL; i++) {
        put(b, "<th>");
        put_text(b, lead_labels[i]);
        put(b, "</th>");
    }
    for (size_t j = 0; j < nk; j++) {
        char k[256], label[256];
        sfmt(k, sizeof k, "%.*s", (int)(strlen(t->cells[kcols[j]]) - 5), t->cells[kcols[j]]);
        (void)out_label_kpi(k, label, sizeof label);
        put(b, "<th>");
        put_text(b, label);
        put(b, "</th>");
    }
    put(b, "</tr>\n");
    for (size_t r = 0; r < t->n_rows; r++) {
        put(b, "<tr>");
        for (size_t i = 0; lead[i] != NULL; i++) {
            put(b, "<td>");
            put_text(b, out_table_str(t, r, out_table_col(t, lead[i])));
            put(b, "</td>");
        }
        for (size_t j = 0; j < nk; j++) {
            char k[256], label[256];
            sfmt(k, sizeof k, "%.*s", (int)(strlen(t->cells[kcols[j]]) - 5), t->cells[kcols[j]]);
            out_label_kind kind = out_label_kpi(k, label, sizeof label);
            put_cell(b, kind, out_table_num(t, r, kcols[j]), col_lo(t, r, k), col_hi(t, r, k));
        }
        put(b, "</tr>\n");
    }
    put(b, "</table>\n");
}

static void section_roadmap(report_buf *b, const char *dir)
{
    out_table t;
    sim_error err;
    if (load_table(&t, dir, "roadmap.csv", &err) != SIM_OK)
        return;
    put(b, "<h2>Roadmap</h2>\n<p>Year by year as <code>omnisim roadmap</code> computed it "
           "(segment drift, digital shift, growth, policies switching on); every KPI per year "
           "of simulated days as in the results above.</p>\n");
    static const char *const lead[] = {"year", "stage", "policies", "demand_daily_volume", NULL};
    static const char *const labels[] = {"year", "stage", "policies", "demand per day"};
    put_study_table(b, &t, lead, labels);
    out_table_free(&t);
}

static void section_sweep(report_buf *b, const char *dir)
{
    out_table t;
    sim_error err;
    if (load_table(&t, dir, "sweep.csv", &err) != SIM_OK)
        return;
    /* The swept paths are the columns before the first <kpi>_mean. */
    const char *lead[9];
    size_t nl = 0;
    for (size_t i = 0; i < t.n_cols && nl < 8; i++) {
        if (ends_with(t.cells[i], "_mean") || strcmp(t.cells[i], "n") == 0)
            break;
        lead[nl++] = t.cells[i];
    }
    lead[nl] = NULL;
    put(b, "<h2>Sweep</h2>\n<p>One row per point of the grid (<code>omnisim sweep</code>), "
           "common random numbers across the points.</p>\n");
    put_study_table(b, &t, lead, lead);
    out_table_free(&t);
}

static void section_files(report_buf *b, const char *dir)
{
    out_manifest_list l;
    sim_error err;
    if (out_manifest_files(dir, &l, &err) != SIM_OK)
        return;
    if (l.listed && l.n > 0) {
        put(b, "<p class=meta>Files of this run (<code>manifest.json</code>):");
        /* report.html itself is left out: the list is the same whether the report is
         * written by the run or redrawn by `omnisim plot` */
        int first = 1;
        for (size_t i = 0; i < l.n; i++) {
            if (strcmp(l.names[i], "report.html") == 0)
                continue;
            put(b, first ? " <code>" : ", <code>");
            put_text(b, l.names[i]);
            put(b, "</code>");
            first = 0;
        }
        put(b, ". Their columns: omnisim's docs/outputs.md.</p>\n");
    } else {
        put(b, "<p class=meta>Files of this run and their columns: see omnisim's "
               "docs/outputs.md.</p>\n");
    }
    out_manifest_list_free(&l);
}

/* Which of the result files of a study are the run's. */
static int has_study_files(const char *dir)
{
    static const char *const files[] = {"compare.csv", "roadmap.csv", "costs.csv",
                                        "sweep.csv",   "coverage.csv", "staffing.csv"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[4096];
        out_file_read_path(path, sizeof path, dir, files[i]);
        FILE *fp = out_manifest_in_run(dir, files[i]) ? fopen(path, "rb") : NULL;
        if (fp != NULL) {
            fclose(fp);
            return 1;
        }
    }
    return 0;
}

sim_status report_write(const char *dir, sim_error *err)
{
    size_t len = 0;
    unsigned char *text = slurp(dir, "summary.json", &len);
    cJSON *sum = NULL;
    char spath[4096];
    out_file_read_path(spath, sizeof spath, dir, "summary.json");
    if (text == NULL && out_manifest_in_run(dir, "summary.json") && access(spath, R_OK) == 0)
        return sim_error_set(err, SIM_ENOMEM, "summary.json", "cannot read %s: out of memory",
                             spath);
    char seed[32] = "?";
    if (text != NULL) {
        sum = cJSON_Parse((const char *)text);
        seed_digits((const char *)text, len, seed, sizeof seed);
        sim_free(text);
        if (sum == NULL)
            return sim_error_set(err, SIM_EIO, "summary.json", "%s/summary.json is not JSON",
                                 dir);
    } else if (!has_study_files(dir)) {
        return sim_error_set(err, SIM_EINVAL, "summary.json",
                             "%s holds no file of a run a report can be made from (no "
                             "summary.json, compare.csv, roadmap.csv, costs.csv, sweep.csv, "
                             "coverage.csv, staffing.csv)",
                             dir);
    }
    report_ctx c = {dir, sum, cJSON_GetObjectItemCaseSensitive(sum, "scenario_echo"),
                    (double)NAN, 0.95, ""};
    snprintf(c.seed, sizeof c.seed, "%s", seed);
    if (sum != NULL) {
        double lvl = jnum(sum, "confidence");
        c.level = isfinite(lvl) ? lvl : 0.95;
        double warm = jnum(c.echo, "warmup_s");
        c.days = jnum(sum, "horizon_days") - (isfinite(warm) ? warm / 86400.0 : 0.0);
    }
    char name[256];
    if (sum != NULL)
        sfmt(name, sizeof name, "%s", jstr(sum, "scenario"));
    else
        out_manifest_scenario(dir, name, sizeof name);
    report_costs *rc = sim_malloc(sizeof *rc);
    if (rc == NULL) {
        cJSON_Delete(sum);
        return sim_error_set(err, SIM_ENOMEM, "report.html", "out of memory");
    }
    costs_read(dir, rc);
    report_buf b = {NULL, 0, 0, 0};
    put(&b, "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8><title>omnisim: ");
    put_text(&b, name);
    put(&b, "</title><style>");
    put(&b, css);
    put(&b, "</style></head><body>\n<h1>");
    put_text(&b, name[0] ? name : "omnisim results");
    put(&b, "</h1>\n");
    if (sum != NULL) {
        put(&b, "<p class=meta>omnisim ");
        put_text(&b, jstr(sum, "omnisim_version"));
        putf(&b, ", %s model, seed %s, %.0f replications of %.4g day(s)</p>\n",
             jstr(sum, "model"), c.seed, jnum(sum, "replications"),
             jnum(sum, "horizon_days"));
    }
    if (c.echo != NULL || rc->have)
        section_summary(&b, &c, rc);
    else
        section_compare_summary(&b, dir);
    if (c.echo != NULL)
        section_scenario(&b, &c);
    if (sum != NULL)
        section_kpis(&b, &c);
    section_costs(&b, rc);
    section_compare(&b, dir);
    section_sweep(&b, dir);
    section_roadmap(&b, dir);
    section_charts(&b, dir);
    section_files(&b, dir);
    put(&b, "</body></html>\n");
    sim_free(rc);
    cJSON_Delete(sum);
    sim_status st;
    if (b.bad)
        st = sim_error_set(err, SIM_ENOMEM, "report.html", "out of memory");
    else
        st = out_file_write(dir, "report.html", b.s, b.len, err);
    sim_free(b.s);
    return st;
}
