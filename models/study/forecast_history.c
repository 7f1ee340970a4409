/* forecast_history.c -- the history and holiday readers of `omnisim forecast` (two streamed
 * passes over csvread; see forecast_history.h). */
#include "forecast_history.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "csvread.h"
#include "scenario_date.h"
#include "sim_alloc.h"

enum { COL_DATE, COL_START, COL_QUEUE, COL_VOLUME, COL_AHT, COL_COUNT };
static const char *const col_names[COL_COUNT] = {"date", "interval_start", "queue", "volume",
                                                 "aht"};

typedef struct reader {
    forecast_history *h;
    int pass;              /* 1: check and learn, 2: fill */
    int col[COL_COUNT];    /* field index of each column, -1 when absent */
    size_t n_cols;
    long min_day, max_day;
    long grid_min;         /* gcd of every interval start in minutes and 1440 */
    long rows;
} reader;

static long gcd(long a, long b)
{
    while (b != 0) {
        long t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* "HH:MM" or "HH:MM:SS" (seconds 00), 00:00..23:59, as minutes since midnight; -1 when not. */
static long parse_start(const char *s)
{
    int hh, mm, ss = 0, used = 0;
    while (*s == ' ' || *s == '\t')
        s++;
    if (sscanf(s, "%2d:%2d%n", &hh, &mm, &used) != 2)
        return -1;
    const char *rest = s + used;
    if (*rest == ':') {
        int u2 = 0;
        if (sscanf(rest, ":%2d%n", &ss, &u2) != 1 || u2 != 3)
            return -1;
        rest += u2;
    }
    while (*rest == ' ' || *rest == '\t')
        rest++;
    if (*rest != '\0' || used != 5 || hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss != 0)
        return -1;
    return hh * 60L + mm;
}

static int parse_day(const char *s, long *day)
{
    scenario_date d;
    if (!scenario_date_parse(s, &d))
        return 0;
    *day = scenario_date_to_days(d);
    return 1;
}

static sim_status header(reader *r, const csvread_row *row, sim_error *err)
{
    for (int c = 0; c < COL_COUNT; c++)
        r->col[c] = -1;
    for (size_t i = 0; i < row->n; i++) {
        int c = 0;
        while (c < COL_COUNT && strcasecmp(row->field[i], col_names[c]) != 0)
            c++;
        if (c == COL_COUNT)
            return csvread_error(err, SIM_EINVAL, row, i,
                                 "unknown column '%s' (expected date, interval_start, queue, "
                                 "volume and optionally aht)",
                                 row->field[i]);
        if (r->col[c] >= 0)
            return csvread_error(err, SIM_EINVAL, row, i, "column '%s' given twice",
                                 col_names[c]);
        r->col[c] = (int)i;
    }
    for (int c = 0; c < COL_AHT; c++)
        if (r->col[c] < 0)
            return csvread_error(err, SIM_EINVAL, row, row->n > 0 ? row->n - 1 : 0,
                                 "missing column '%s' in the header", col_names[c]);
    r->n_cols = row->n;
    r->h->has_aht = r->col[COL_AHT] >= 0;
    return SIM_OK;
}

static long queue_index(forecast_history *h, const char *name)
{
    for (size_t q = 0; q < h->n_queues; q++)
        if (strcmp(h->queue[q].name, name) == 0)
            return (long)q;
    return -1;
}

static sim_status row_fn(const csvread_row *row, void *data, sim_error *err)
{
    reader *r = data;
    forecast_history *h = r->h;
    if (row->index == 0)
        return r->pass == 1 ? header(r, row, err) : SIM_OK;
    if (row->n != r->n_cols)
        return csvread_error(err, SIM_EINVAL, row, row->n < r->n_cols ? row->n : r->n_cols,
                             "expected %zu fields as in the header, got %zu", r->n_cols,
                             row->n);
    long day;
    size_t c = (size_t)r->col[COL_DATE];
    if (!parse_day(row->field[c], &day))
        return csvread_error(err, SIM_EINVAL, row, c,
                             "date: expected YYYY-MM-DD (a real date), got '%s'",
                             row->field[c]);
    c = (size_t)r->col[COL_START];
    long start = parse_start(row->field[c]);
    if (start < 0)
        return csvread_error(err, SIM_EINVAL, row, c, "interval_start: expected HH:MM, got '%s'",
                             row->field[c]);
    if (start % 15 != 0)
        return csvread_error(err, SIM_EINVAL, row, c,
                             "interval_start: %s is not on the 15-minute grid (intervals are "
                             "15, 30 or 60 minutes)",
                             row->field[c]);
    c = (size_t)r->col[COL_QUEUE];
    const char *qname = row->field[c];
    if (qname[strspn(qname, " \t")] == '\0')
        return csvread_error(err, SIM_EINVAL, row, c, "queue: empty");
    double vol, aht = 0;
    sim_status s = csvread_number(row, (size_t)r->col[COL_VOLUME], "volume", &vol, err);
    if (s != SIM_OK)
        return s;
    if (vol < 0)
        return csvread_error(err, SIM_EINVAL, row, (size_t)r->col[COL_VOLUME],
                             "volume: must be >= 0, got %g", vol);
    if (h->has_aht) {
        c = (size_t)r->col[COL_AHT];
        if (row->field[c][strspn(row->field[c], " \t")] != '\0' || vol > 0) {
            s = csvread_number(row, c, "aht", &aht, err);
            if (s != SIM_OK)
                return s;
            if (aht < 0)
                return csvread_error(err, SIM_EINVAL, row, c, "aht: must be >= 0 s, got %g", aht);
        }
    }
    long q = queue_index(h, qname);
    if (r->pass == 1) {
        if (r->rows == 0 || day < r->min_day)
            r->min_day = day;
        if (r->rows == 0 || day > r->max_day)
            r->max_day = day;
        r->grid_min = gcd(r->grid_min, start);
        r->rows++;
        if (r->max_day - r->min_day >= FORECAST_HISTORY_DAYS_MAX)
            return csvread_error(err, SIM_EINVAL, row, (size_t)r->col[COL_DATE],
                                 "date: the history spans more than %d days",
                                 FORECAST_HISTORY_DAYS_MAX);
        if (q < 0) {
            if (h->n_queues == FORECAST_HISTORY_QUEUES_MAX)
                return csvread_error(err, SIM_EINVAL, row, (size_t)r->col[COL_QUEUE],
                                     "queue: more than %d queues", FORECAST_HISTORY_QUEUES_MAX);
            h->queue[h->n_queues].name = sim_strdup(qname);
            if (h->queue[h->n_queues].name == NULL)
                return sim_error_set(err, SIM_ENOMEM, "", "out of memory");
            h->n_queues++;
        }
        return SIM_OK;
    }
    /* pass 2: start is a multiple of the interval (the grid is their gcd) */
    forecast_history_queue *hq = &h->queue[q];
    size_t d = (size_t)(day - h->first_day);
    size_t cell = d * h->n_intervals + (size_t)(start * 60 / h->interval_s);
    if (start * 60 % h->interval_s != 0 || hq->volume[cell] < 0)
        return csvread_error(err, SIM_EINVAL, row, (size_t)r->col[COL_START],
                             "interval %s %s of queue '%s' given twice",
                             row->field[r->col[COL_DATE]], row->field[r->col[COL_START]],
                             qname);
    hq->volume[cell] = -1 - vol; /* negative marks "given"; flipped after the pass */
    if (hq->aht_weighted != NULL)
        hq->aht_weighted[cell] = vol * aht;
    hq->seen[d] = 1;
    return SIM_OK;
}

void forecast_history_free(forecast_history *h)
{
    if (h == NULL)
        return;
    for (size_t q = 0; q < h->n_queues; q++) {
        sim_free(h->queue[q].name);
        sim_free(h->queue[q].volume);
        sim_free(h->queue[q].aht_weighted);
        sim_free(h->queue[q].seen);
    }
    sim_free(h);
}

sim_status forecast_history_read(const char *path, forecast_history **out, sim_error *err)
{
    *out = NULL;
    forecast_history *h = sim_calloc(1, sizeof *h);
    if (h == NULL)
        return sim_error_set(err, SIM_ENOMEM, "", "out of memory");
    reader r = {.h = h, .pass = 1, .grid_min = 1440};
    sim_status s = csvread_file(path, row_fn, &r, err);
    if (s == SIM_OK && r.rows == 0)
        s = sim_error_set(err, SIM_EINVAL, path, "no data rows (a header and one row per date, "
                                                 "interval_start and queue expected)");
    if (s != SIM_OK) {
        forecast_history_free(h);
        return s;
    }
    long g = r.grid_min; /* a multiple of 15 dividing 1440 */
    h->interval_s = g % 60 == 0 ? 3600 : g % 30 == 0 ? 1800 : 900;
    h->n_intervals = (size_t)(86400 / h->interval_s);
    h->first_day = r.min_day;
    h->n_days = (size_t)(r.max_day - r.min_day + 1);
    size_t cells = h->n_days * h->n_intervals;
    for (size_t q = 0; q < h->n_queues && s == SIM_OK; q++) {
        h->queue[q].volume = sim_calloc(cells, sizeof(double));
        h->queue[q].seen = sim_calloc(h->n_days, 1);
        if (h->has_aht)
            h->queue[q].aht_weighted = sim_calloc(cells, sizeof(double));
        if (h->queue[q].volume == NULL || h->queue[q].seen == NULL ||
            (h->has_aht && h->queue[q].aht_weighted == NULL))
            s = sim_error_set(err, SIM_ENOMEM, "", "out of memory");
    }
    if (s == SIM_OK) {
        r.pass = 2;
        s = csvread_file(path, row_fn, &r, err);
    }
    if (s != SIM_OK) {
        forecast_history_free(h);
        return s;
    }
    for (size_t q = 0; q < h->n_queues; q++)
        for (size_t i = 0; i < cells; i++)
            if (h->queue[q].volume[i] < 0)
                h->queue[q].volume[i] = -1 - h->queue[q].volume[i];
    *out = h;
    return SIM_OK;
}

/* ---- holidays ---- */

enum { HOL_DATE, HOL_NAME, HOL_CLOSED, HOL_FACTOR, HOL_COUNT };
static const char *const hol_names[HOL_COUNT] = {"date", "name", "closed", "volume_factor"};

typedef struct hol_reader {
    forecast_history_holidays *out;
    size_t cap;
    int col[HOL_COUNT];
} hol_reader;

static int parse_bool(const char *s, int *v)
{
    static const char *const t[] = {"true", "1", "yes"}, *const f[] = {"false", "0", "no", ""};
    for (size_t i = 0; i < 3; i++)
        if (strcasecmp(s, t[i]) == 0)
            return *v = 1, 1;
    for (size_t i = 0; i < 4; i++)
        if (strcasecmp(s, f[i]) == 0)
            return *v = 0, 1;
    return 0;
}

static sim_status hol_row(const csvread_row *row, void *data, sim_error *err)
{
    hol_reader *r = data;
    if (row->index == 0) {
        for (int c = 0; c < HOL_COUNT; c++)
            r->col[c] = -1;
        for (size_t i = 0; i < row->n; i++) {
            int c = 0;
            while (c < HOL_COUNT && strcasecmp(row->field[i], hol_names[c]) != 0)
                c++;
            if (c == HOL_COUNT || r->col[c] >= 0)
                return csvread_error(err, SIM_EINVAL, row, i,
                                     "%s column '%s' (expected date, name, closed, "
                                     "volume_factor)",
                                     c == HOL_COUNT ? "unknown" : "repeated", row->field[i]);
            r->col[c] = (int)i;
        }
        if (r->col[HOL_DATE] < 0)
            return csvread_error(err, SIM_EINVAL, row, 0, "missing column 'date' in the header");
        return SIM_OK;
    }
    long day;
    size_t c = (size_t)r->col[HOL_DATE];
    if (c >= row->n || !parse_day(row->field[c], &day))
        return csvread_error(err, SIM_EINVAL, row, c < row->n ? c : row->n,
                             "date: expected YYYY-MM-DD (a real date)");
    double factor = 1;
    int closed = 0;
    if (r->col[HOL_CLOSED] >= 0 && (size_t)r->col[HOL_CLOSED] < row->n &&
        !parse_bool(row->field[r->col[HOL_CLOSED]], &closed))
        return csvread_error(err, SIM_EINVAL, row, (size_t)r->col[HOL_CLOSED],
                             "closed: expected true or false, got '%s'",
                             row->field[r->col[HOL_CLOSED]]);
    c = (size_t)r->col[HOL_FACTOR];
    if (r->col[HOL_FACTOR] >= 0 && c < row->n && row->field[c][0] != '\0') {
        sim_status s = csvread_number(row, c, "volume_factor", &factor, err);
        if (s != SIM_OK)
            return s;
        if (factor < 0 || factor > 100)
            return csvread_error(err, SIM_EINVAL, row, c,
                                 "volume_factor: expected a number in [0, 100], got %g", factor);
    }
    if (closed)
        factor = 0;
    forecast_history_holidays *h = r->out;
    double dummy;
    if (forecast_history_holiday_of(h, day, &dummy))
        return csvread_error(err, SIM_EINVAL, row, (size_t)r->col[HOL_DATE],
                             "date %s given twice", row->field[r->col[HOL_DATE]]);
    if (h->n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 16;
        forecast_history_holiday *p = sim_realloc_array(h->day, cap, sizeof *p);
        if (p == NULL)
            return sim_error_set(err, SIM_ENOMEM, "", "out of memory");
        h->day = p;
        r->cap = cap;
    }
    h->day[h->n++] = (forecast_history_holiday){.day = day, .factor = factor};
    return SIM_OK;
}

sim_status forecast_history_holidays_read(const char *path, forecast_history_holidays *out,
                                          sim_error *err)
{
    out->n = 0;
    out->day = NULL;
    hol_reader r = {.out = out};
    sim_status s = csvread_file(path, hol_row, &r, err);
    if (s != SIM_OK)
        forecast_history_holidays_free(out);
    return s;
}

void forecast_history_holidays_free(forecast_history_holidays *h)
{
    sim_free(h->day);
    h->day = NULL;
    h->n = 0;
}

int forecast_history_holiday_of(const forecast_history_holidays *h, long day, double *factor)
{
    *factor = 1;
    for (size_t i = 0; h != NULL && i < h->n; i++)
        if (h->day[i].day == day)
            return *factor = h->day[i].factor, 1;
    return 0;
}
