/* calib_log.c -- the contact-log reader: a column map, libcsv underneath, one row at a time.
 *
 * The file is fed to libcsv one physical line at a time (getline), so the line number of
 * every field is known without counting inside the parser, and memory holds one line and one
 * row. A row is collected field by field (the callbacks copy each field into the row buffer,
 * because libcsv's field pointer is valid only during the callback) and checked when libcsv
 * reports its end. */
#define _POSIX_C_SOURCE 200809L
#include "calib_log.h"

#include <csv.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sim_alloc.h"

static const char *const field_names[CALIB_LOG_FIELD_COUNT] = {
    "contact", "customer", "channel", "date",  "arrival", "answer",
    "abandon", "end",      "outcome", "group", "wrapup",
};

static const char *const default_columns[CALIB_LOG_FIELD_COUNT] = {
    "contact_id", "customer_id", "channel", "date",  "arrival", "answer",
    "abandon",    "end",         "outcome", "group", "wrapup",
};

static const char *const technion_columns[CALIB_LOG_FIELD_COUNT] = {
    "call_id", "customer_id", "type",    "date",   "q_start", "ser_start",
    "q_exit",  "ser_exit",    "outcome", "server", NULL,
};

const char *calib_log_field_name(calib_log_field f)
{
    return (unsigned)f < CALIB_LOG_FIELD_COUNT ? field_names[f] : "?";
}

void calib_log_map_init(calib_log_map *m)
{
    memset(m, 0, sizeof *m);
    for (int f = 0; f < CALIB_LOG_FIELD_COUNT; f++)
        m->column[f] = default_columns[f];
}

int calib_log_map_builtin(calib_log_map *m, const char *name)
{
    calib_log_map_init(m);
    if (strcmp(name, "default") == 0)
        return 0;
    if (strcmp(name, "technion") == 0) {
        for (int f = 0; f < CALIB_LOG_FIELD_COUNT; f++)
            m->column[f] = technion_columns[f];
        m->zero_time_is_empty = 1;
        m->zero_customer_is_unknown = 1;
        return 0;
    }
    return -1;
}

sim_status calib_log_map_parse(calib_log_map *m, const char *spec, sim_error *err)
{
    const char *p = spec;
    while (*p != '\0') {
        const char *comma = strchr(p, ',');
        size_t len = comma != NULL ? (size_t)(comma - p) : strlen(p);
        const char *eq = memchr(p, '=', len);
        if (eq == NULL)
            return sim_error_set(err, SIM_EINVAL, "--map",
                                 "expected FIELD=COLUMN, got '%.*s'", (int)len, p);
        size_t flen = (size_t)(eq - p), clen = len - flen - 1;
        int f = 0;
        while (f < CALIB_LOG_FIELD_COUNT &&
               !(strlen(field_names[f]) == flen && strncmp(field_names[f], p, flen) == 0))
            f++;
        if (f == CALIB_LOG_FIELD_COUNT)
            return sim_error_set(err, SIM_EINVAL, "--map",
                                 "unknown field '%.*s' (expected contact, customer, channel, "
                                 "date, arrival, answer, abandon, end, outcome, group, wrapup)",
                                 (int)flen, p);
        if (clen == 0) {
            m->column[f] = NULL;
        } else {
            if (m->text_used + clen + 1 > sizeof m->text)
                return sim_error_set(err, SIM_EINVAL, "--map", "column names too long");
            char *dst = m->text + m->text_used;
            memcpy(dst, eq + 1, clen);
            dst[clen] = '\0';
            m->text_used += clen + 1;
            m->column[f] = dst;
        }
        p += len;
        if (*p == ',')
            p++;
    }
    return SIM_OK;
}

/* Days from 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
static long days_from_civil(long y, long mo, long d)
{
    y -= mo <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int valid_date(long y, long mo, long d)
{
    static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1])
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(mo == 2 && d == 29 && !leap);
}

static int all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

int calib_log_parse_date(const char *text, double *day_s)
{
    long y, mo, d;
    size_t n = strlen(text);
    if (n == 10 && text[4] == '-' && text[7] == '-' && all_digits(text, 4) &&
        all_digits(text + 5, 2) && all_digits(text + 8, 2)) {
        y = strtol(text, NULL, 10);
        mo = strtol(text + 5, NULL, 10);
        d = strtol(text + 8, NULL, 10);
    } else if (n == 6 && all_digits(text, 6)) {
        long v = strtol(text, NULL, 10);
        y = v / 10000;
        y += y < 70 ? 2000 : 1900;
        mo = v / 100 % 100;
        d = v % 100;
    } else {
        return -1;
    }
    if (!valid_date(y, mo, d))
        return -1;
    *day_s = (double)days_from_civil(y, mo, d) * 86400.0;
    return 0;
}

/* "H:MM:SS[.fff]" at *s: seconds of the day, s advanced past it; -1 when malformed. */
static int parse_clock(const char *s, const char **end, double *tod)
{
    char *e;
    errno = 0;
    long h = strtol(s, &e, 10);
    if (e == s || e - s > 2 || *e != ':' || !isdigit((unsigned char)e[1]) ||
        !isdigit((unsigned char)e[2]) || e[3] != ':' || !isdigit((unsigned char)e[4]) ||
        !isdigit((unsigned char)e[5]))
        return -1;
    long mi = strtol(e + 1, NULL, 10), sec = strtol(e + 4, NULL, 10);
    double frac = 0.0;
    const char *q = e + 6;
    if (*q == '.') {
        char *fe;
        frac = strtod(q, &fe);
        if (fe == q + 1)
            return -1;
        q = fe;
    }
    if (h < 0 || h > 23 || mi > 59 || sec > 60)
        return -1;
    *tod = (double)(h * 3600 + mi * 60 + sec) + frac;
    *end = q;
    return 0;
}

int calib_log_parse_time(const char *text, double day_s, double *t_s)
{
    double tod;
    const char *end;
    size_t n = strlen(text);
    if (n >= 19 && (text[10] == ' ' || text[10] == 'T')) {
        char date[11];
        memcpy(date, text, 10);
        date[10] = '\0';
        double d;
        if (calib_log_parse_date(date, &d) != 0 || parse_clock(text + 11, &end, &tod) != 0 ||
            *end != '\0')
            return -1;
        *t_s = d + tod;
        return 0;
    }
    if (strchr(text, ':') != NULL) {
        if (isnan(day_s) || parse_clock(text, &end, &tod) != 0 || *end != '\0')
            return -1;
        *t_s = day_s + tod;
        return 0;
    }
    char *e;
    errno = 0;
    double v = strtod(text, &e);
    if (e == text || *e != '\0' || errno == ERANGE || !isfinite(v) || v < 0.0)
        return -1;
    *t_s = v;
    return 0;
}

/* The state of one read, shared by libcsv's callbacks. */
typedef struct reader {
    const char *path;
    const calib_log_map *map;
    calib_log_sink sink;
    void *ctx;
    calib_log_stats *st;
    sim_error *err;
    sim_status sink_status; /* != SIM_OK: the sink stopped the read */
    sim_status oom;
    size_t line;            /* the physical line being fed */
    size_t row_line;        /* the line where the current row's first field ended */
    int header_done;
    int stop;               /* the header is unusable: read no rows */
    size_t n_cols;          /* columns in the header */
    int col_of[CALIB_LOG_FIELD_COUNT]; /* field -> 0-based column, -1 when not mapped */
    /* the current row: fields as offsets into buf */
    char *buf;
    size_t buf_len, buf_cap;
    size_t *off;
    size_t n_fields, off_cap;
} reader;

static void add_error(reader *r, size_t line, size_t col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static void add_error(reader *r, size_t line, size_t col, const char *fmt, ...)
{
    calib_log_stats *st = r->st;
    char msg[SIM_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (st->n_errors < CALIB_LOG_ERRORS_MAX) {
        char *dst = st->errors[st->n_errors];
        int n = snprintf(dst, SIM_ERROR_MESSAGE_MAX, "%.160s:%zu:%zu: ", r->path, line, col);
        size_t used = n > 0 ? (size_t)n : 0, len = strlen(msg);
        if (used < SIM_ERROR_MESSAGE_MAX) { /* the message, cut to what is left */
            if (len > SIM_ERROR_MESSAGE_MAX - 1 - used)
                len = SIM_ERROR_MESSAGE_MAX - 1 - used;
            memcpy(dst + used, msg, len);
            dst[used + len] = '\0';
        }
    }
    if (st->n_errors == 0) {
        sim_error_set(r->err, SIM_EPARSE, r->path, "%s", msg);
        sim_error_set_location(r->err, (int)line, (int)col);
    }
    st->n_errors++;
}

static void on_field(void *s, size_t len, void *data)
{
    reader *r = data;
    if (r->sink_status != SIM_OK || r->oom != SIM_OK)
        return;
    if (r->n_fields == 0)
        r->row_line = r->line;
    if (r->n_fields == r->off_cap) {
        size_t cap = r->off_cap != 0 ? 2 * r->off_cap : 32;
        size_t *o = sim_realloc_array(r->off, cap, sizeof *o);
        if (o == NULL) {
            r->oom = SIM_ENOMEM;
            return;
        }
        r->off = o;
        r->off_cap = cap;
    }
    if (r->buf_len + len + 1 > r->buf_cap) {
        size_t cap = r->buf_cap != 0 ? r->buf_cap : 256;
        while (cap < r->buf_len + len + 1)
            cap *= 2;
        char *b = sim_realloc(r->buf, cap);
        if (b == NULL) {
            r->oom = SIM_ENOMEM;
            return;
        }
        r->buf = b;
        r->buf_cap = cap;
    }
    r->off[r->n_fields++] = r->buf_len;
    if (len > 0)
        memcpy(r->buf + r->buf_len, s, len);
    r->buf[r->buf_len + len] = '\0';
    r->buf_len += len + 1;
}

static const char *field(const reader *r, calib_log_field f)
{
    int c = r->col_of[f];
    return c >= 0 && (size_t)c < r->n_fields ? r->buf + r->off[c] : "";
}

static void trim_in_place(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    size_t i = 0;
    while (s[i] != '\0' && isspace((unsigned char)s[i]))
        i++;
    if (i > 0)
        memmove(s, s + i, n - i + 1);
}

static void do_header(reader *r)
{
    r->n_cols = r->n_fields;
    for (size_t i = 0; i < r->n_fields; i++)
        trim_in_place(r->buf + r->off[i]);
    for (int f = 0; f < CALIB_LOG_FIELD_COUNT; f++) {
        r->col_of[f] = -1;
        const char *want = r->map->column[f];
        if (want == NULL)
            continue;
        for (size_t i = 0; i < r->n_fields; i++) {
            if (strcasecmp(r->buf + r->off[i], want) == 0) {
                r->col_of[f] = (int)i;
                break;
            }
        }
    }
    /* A column the map names must exist when the field is required; an optional field whose
     * default column is missing is simply not in the log. A column named by --map (not a
     * default) must exist. */
    static const calib_log_field required[] = {CALIB_LOG_CHANNEL, CALIB_LOG_ARRIVAL};
    for (size_t k = 0; k < sizeof required / sizeof required[0]; k++) {
        calib_log_field f = required[k];
        if (r->map->column[f] == NULL)
            add_error(r, r->row_line, 0, "field '%s' is not mapped to a column (--map %s=COLUMN)",
                      field_names[f], field_names[f]);
        else if (r->col_of[f] < 0)
            add_error(r, r->row_line, 0, "no column '%s' for field '%s' in the header",
                      r->map->column[f], field_names[f]);
    }
    for (int f = 0; f < CALIB_LOG_FIELD_COUNT; f++) {
        const char *m = r->map->column[f];
        if (m != NULL && r->col_of[f] < 0 && m >= r->map->text &&
            m < r->map->text + sizeof r->map->text)
            add_error(r, r->row_line, 0, "no column '%s' for field '%s' in the header", m,
                      field_names[f]);
    }
    if (r->col_of[CALIB_LOG_ANSWER] < 0 && r->col_of[CALIB_LOG_ABANDON] < 0 &&
        r->col_of[CALIB_LOG_OUTCOME] < 0)
        add_error(r, r->row_line, 0,
                  "the log needs an answer, abandon or outcome column to tell answered from "
                  "abandoned contacts");
    r->header_done = 1;
}

/* A time field: 1 parsed, 0 empty (absent), -1 error (reported). */
static int get_time(reader *r, calib_log_field f, double day_s, double *t)
{
    *t = NAN;
    const char *s = field(r, f);
    if (*s == '\0')
        return 0;
    if (calib_log_parse_time(s, day_s, t) != 0) {
        add_error(r, r->row_line, (size_t)r->col_of[f] + 1,
                  "column '%s': expected seconds, YYYY-MM-DD HH:MM:SS%s, got '%s'",
                  r->map->column[f], isnan(day_s) ? "" : " or H:MM:SS", s);
        return -1;
    }
    if (r->map->zero_time_is_empty && !isnan(day_s) && *t == day_s && strchr(s, ':') != NULL &&
        strchr(s, '-') == NULL) {
        *t = NAN;
        return 0;
    }
    return 1;
}

static int word_in(const char *s, const char *const *words)
{
    for (; *words != NULL; words++)
        if (strcasecmp(s, *words) == 0)
            return 1;
    return 0;
}

static void do_row(reader *r)
{
    calib_log_stats *st = r->st;
    st->rows++;
    if (r->n_fields != r->n_cols) {
        add_error(r, r->row_line, 0, "%zu fields, the header has %zu", r->n_fields, r->n_cols);
        return;
    }
    for (size_t i = 0; i < r->n_fields; i++)
        trim_in_place(r->buf + r->off[i]);
    size_t errors_before = st->n_errors;
    calib_log_contact c;
    c.contact_id = field(r, CALIB_LOG_CONTACT);
    c.customer_id = field(r, CALIB_LOG_CUSTOMER);
    if (r->map->zero_customer_is_unknown && strcmp(c.customer_id, "0") == 0)
        c.customer_id = "";
    c.channel = field(r, CALIB_LOG_CHANNEL);
    c.group = field(r, CALIB_LOG_GROUP);
    c.line = r->row_line;
    double day_s = NAN;
    if (r->col_of[CALIB_LOG_DATE] >= 0) {
        const char *d = field(r, CALIB_LOG_DATE);
        if (calib_log_parse_date(d, &day_s) != 0) {
            add_error(r, r->row_line, (size_t)r->col_of[CALIB_LOG_DATE] + 1,
                      "column '%s': expected a date YYYY-MM-DD or YYMMDD, got '%s'",
                      r->map->column[CALIB_LOG_DATE], d);
            return;
        }
    }
    /* The outcome word, when the log has one. */
    static const char *const answered_words[] = {"answered", "answer", "agent", "served",
                                                 "handled", NULL};
    static const char *const abandoned_words[] = {"abandoned", "abandon", "hang", "hangup",
                                                  NULL};
    static const char *const ignored_words[] = {"phantom", "ignored", NULL};
    int outcome = -1;
    if (r->col_of[CALIB_LOG_OUTCOME] >= 0) {
        const char *o = field(r, CALIB_LOG_OUTCOME);
        if (word_in(o, ignored_words)) {
            st->ignored++;
            return;
        }
        if (word_in(o, answered_words)) {
            outcome = CALIB_LOG_ANSWERED;
        } else if (word_in(o, abandoned_words)) {
            outcome = CALIB_LOG_ABANDONED;
        } else if (*o != '\0') {
            add_error(r, r->row_line, (size_t)r->col_of[CALIB_LOG_OUTCOME] + 1,
                      "column '%s': unknown outcome '%s' (expected answered, agent, served, "
                      "handled; abandoned, hang; or phantom, ignored)",
                      r->map->column[CALIB_LOG_OUTCOME], o);
            return;
        }
    }
    if (*c.channel == '\0')
        add_error(r, r->row_line, (size_t)r->col_of[CALIB_LOG_CHANNEL] + 1,
                  "column '%s': empty channel", r->map->column[CALIB_LOG_CHANNEL]);
    int ga = get_time(r, CALIB_LOG_ARRIVAL, day_s, &c.arrival_s);
    int gn = get_time(r, CALIB_LOG_ANSWER, day_s, &c.answer_s);
    int gb = get_time(r, CALIB_LOG_ABANDON, day_s, &c.abandon_s);
    int ge = get_time(r, CALIB_LOG_END, day_s, &c.end_s);
    c.wrapup_s = NAN;
    if (r->col_of[CALIB_LOG_WRAPUP] >= 0 && *field(r, CALIB_LOG_WRAPUP) != '\0') {
        const char *w = field(r, CALIB_LOG_WRAPUP);
        char *e;
        double v = strtod(w, &e);
        if (e == w || *e != '\0' || !isfinite(v) || v < 0.0)
            add_error(r, r->row_line, (size_t)r->col_of[CALIB_LOG_WRAPUP] + 1,
                      "column '%s': expected seconds >= 0, got '%s'",
                      r->map->column[CALIB_LOG_WRAPUP], w);
        else
            c.wrapup_s = v;
    }
    if (st->n_errors > errors_before)
        return;
    if (ga == 0) {
        if (r->map->zero_time_is_empty) {
            st->ignored++; /* never reached the queue */
            return;
        }
        add_error(r, r->row_line, (size_t)r->col_of[CALIB_LOG_ARRIVAL] + 1,
                  "column '%s': no arrival time", r->map->column[CALIB_LOG_ARRIVAL]);
        return;
    }
    (void)gn;
    (void)gb;
    (void)ge;
    /* Times of day past midnight belong to the next day. */
    if (!isnan(day_s)) {
        double *later[] = {&c.answer_s, &c.abandon_s, &c.end_s};
        for (size_t i = 0; i < 3; i++)
            if (!isnan(*later[i]) && *later[i] < c.arrival_s)
                *later[i] += 86400.0;
        if (!isnan(c.end_s) && !isnan(c.answer_s) && c.end_s < c.answer_s)
            c.end_s += 86400.0;
    }
    if (outcome < 0) {
        if (!isnan(c.answer_s))
            outcome = CALIB_LOG_ANSWERED;
        else if (!isnan(c.abandon_s))
            outcome = CALIB_LOG_ABANDONED;
        else {
            add_error(r, r->row_line, 0, "neither an answer nor an abandon time, and no outcome");
            return;
        }
    }
    c.outcome = (calib_log_outcome)outcome;
    if (c.outcome == CALIB_LOG_ANSWERED) {
        if (isnan(c.answer_s)) {
            add_error(r, r->row_line,
                      r->col_of[CALIB_LOG_ANSWER] >= 0 ? (size_t)r->col_of[CALIB_LOG_ANSWER] + 1 : 0,
                      "answered contact without an answer time");
            return;
        }
        if (c.answer_s < c.arrival_s) {
            add_error(r, r->row_line, (size_t)r->col_of[CALIB_LOG_ANSWER] + 1,
                      "column '%s': answer time before the arrival time",
                      r->map->column[CALIB_LOG_ANSWER]);
            return;
        }
        if (!isnan(c.end_s) && c.end_s < c.answer_s) {
            add_error(r, r->row_line, (size_t)r->col_of[CALIB_LOG_END] + 1,
                      "column '%s': end time before the answer time",
                      r->map->column[CALIB_LOG_END]);
            return;
        }
    } else {
        if (isnan(c.abandon_s))
            c.abandon_s = c.end_s; /* a log that writes an abandon's end in the end column */
        if (isnan(c.abandon_s)) {
            add_error(r, r->row_line, 0, "abandoned contact without an abandon or end time");
            return;
        }
        if (c.abandon_s < c.arrival_s) {
            int col = r->col_of[CALIB_LOG_ABANDON] >= 0 ? r->col_of[CALIB_LOG_ABANDON]
                                                        : r->col_of[CALIB_LOG_END];
            add_error(r, r->row_line, (size_t)col + 1, "abandon time before the arrival time");
            return;
        }
        c.answer_s = NAN;
    }
    sim_status s = r->sink(r->ctx, &c, r->err);
    if (s != SIM_OK) {
        r->sink_status = s;
        return;
    }
    st->used++;
}

static void on_row(int term, void *data)
{
    (void)term;
    reader *r = data;
    if (r->sink_status == SIM_OK && r->oom == SIM_OK) {
        if (!r->header_done) {
            do_header(r);
            r->stop = r->st->n_errors > 0;
        }
        else if (!(r->n_fields == 1 && r->buf[r->off[0]] == '\0'))
            do_row(r);
    }
    r->n_fields = 0;
    r->buf_len = 0;
}

sim_status calib_log_read(const char *path, const calib_log_map *map, calib_log_sink sink,
                          void *ctx, calib_log_stats *st, sim_error *err)
{
    memset(st, 0, sizeof *st);
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        return sim_error_set(err, SIM_EIO, path, "cannot open: %s", strerror(errno));
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        fclose(fp);
        return sim_error_set(err, SIM_ENOMEM, path, "out of memory");
    }
    reader r = {.path = path, .map = map, .sink = sink, .ctx = ctx, .st = st, .err = err};
    sim_status status = SIM_OK;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, fp)) > 0) {
        r.line++;
        if (csv_parse(&p, line, (size_t)n, on_field, on_row, &r) != (size_t)n) {
            add_error(&r, r.line, r.n_fields + 1, "malformed CSV: %s", csv_strerror(csv_error(&p)));
            status = SIM_EPARSE;
            break;
        }
        if (r.sink_status != SIM_OK || r.oom != SIM_OK || r.stop)
            break;
    }
    if (status == SIM_OK && ferror(fp))
        status = sim_error_set(err, SIM_EIO, path, "read error: %s", strerror(errno));
    if (status == SIM_OK && r.sink_status == SIM_OK && r.oom == SIM_OK && !r.stop &&
        csv_fini(&p, on_field, on_row, &r) != 0) {
        add_error(&r, r.line, r.n_fields + 1, "malformed CSV: %s (an unterminated quote?)",
                  csv_strerror(csv_error(&p)));
        status = SIM_EPARSE;
    }
    csv_free(&p);
    free(line); /* getline's buffer comes from malloc */
    fclose(fp);
    sim_free(r.buf);
    sim_free(r.off);
    if (r.oom != SIM_OK)
        return sim_error_set(err, SIM_ENOMEM, path, "out of memory");
    if (r.sink_status != SIM_OK)
        return r.sink_status;
    if (status == SIM_OK && !r.header_done)
        add_error(&r, 1, 0, "empty file: expected a header row");
    if (status == SIM_OK && st->n_errors > 0)
        status = SIM_EPARSE;
    return status;
}
