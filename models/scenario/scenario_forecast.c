/* scenario_forecast.c -- see scenario_forecast.h. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "scenario_forecast.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csvread.h"
#include "scenario_diag.h"
#include "sim_alloc.h"

/* Queues a queue_map may name. */
#define FC_MAX_QUEUES 256

typedef struct fc_read {
    scenario_ctx *ctx;
    scenario *scn;
    const char *file;
    size_t n_queues;
    const char *queue[FC_MAX_QUEUES];  /* borrowed from the tree or the channels */
    size_t channel[FC_MAX_QUEUES];     /* channel each queue feeds */
    unsigned char used[FC_MAX_QUEUES]; /* the file has a row of that queue */
    int *line;        /* [queue][day][file interval]: the row's line, 0 = no row yet */
    size_t days;      /* forecast days: horizon days (by date) or 7 */
    size_t fipd;      /* file intervals per day */
    size_t fmin;      /* file interval, minutes */
    int col_day, col_start, col_queue, col_volume;
    int header_ok;
    size_t errors, hidden;
} fc_read;

static void fc_err(fc_read *r, int line, int column, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* One error of the file: positioned while under the cap, counted beyond it. */
static void fc_err(fc_read *r, int line, int column, const char *fmt, ...)
{
    r->errors++;
    r->ctx->errors++;
    if (r->ctx->first_code == SIM_OK)
        r->ctx->first_code = SIM_EINVAL;
    if (r->errors > SCENARIO_FORECAST_MAX_ERRORS) {
        r->hidden++;
        return;
    }
    char msg[SIM_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    scenario_diag_add(r->ctx->diag, SIM_EINVAL, r->file, line, column, "", "%s", msg);
}

static const char *const fc_day_names[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
static const char *const fc_day_full[7] = {"monday", "tuesday", "wednesday", "thursday",
                                           "friday", "saturday", "sunday"};

/* Weekday 0..6 of "mon".."sun" or "monday".."sunday" (any case), else -1. */
static int fc_weekday(const char *s)
{
    for (int d = 0; d < 7; d++)
        if (strcasecmp(s, fc_day_names[d]) == 0 || strcasecmp(s, fc_day_full[d]) == 0)
            return d;
    return -1;
}

/* Minutes of "HH:MM" (00:00..23:59), else -1. */
static int fc_minutes(const char *s)
{
    int h, m;
    char tail;
    if (strlen(s) != 5 || sscanf(s, "%2d:%2d%c", &h, &m, &tail) != 2 || s[2] != ':' || h < 0 ||
        h > 23 || m < 0 || m > 59)
        return -1;
    return h * 60 + m;
}

/* The day of a forecast row as text, for messages. */
static void fc_day_text(const fc_read *r, size_t d, char *buf, size_t n)
{
    if (r->scn->forecast_by_date)
        scenario_date_format(
            scenario_date_from_days(scenario_date_to_days(r->scn->start_date) + (long)d), buf,
            n);
    else
        snprintf(buf, n, "%s", fc_day_names[d]);
}

static sim_status fc_header(fc_read *r, const csvread_row *row)
{
    r->col_day = r->col_start = r->col_queue = r->col_volume = -1;
    for (size_t i = 0; i < row->n; i++) {
        const char *h = row->field[i];
        int *col = strcmp(h, "date") == 0 || strcmp(h, "weekday") == 0 ? &r->col_day
                   : strcmp(h, "interval_start") == 0                 ? &r->col_start
                   : strcmp(h, "queue") == 0                          ? &r->col_queue
                   : strcmp(h, "volume") == 0                         ? &r->col_volume
                                                                      : NULL;
        if (strcmp(h, "aht") == 0) {
            fc_err(r, row->line, (int)i + 1,
                   "column 'aht': per-interval handle times are not read from a forecast file "
                   "yet (the channels' handle_time applies); remove the column");
            continue;
        }
        if (col == NULL) {
            fc_err(r, row->line, (int)i + 1,
                   "unknown column '%s' (expected date or weekday, interval_start, queue, "
                   "volume)",
                   h);
            continue;
        }
        if (*col >= 0) {
            fc_err(r, row->line, (int)i + 1, "column '%s' appears twice", h);
            continue;
        }
        *col = (int)i;
        if (col == &r->col_day) {
            int by_date = strcmp(h, "date") == 0;
            if (by_date && !r->scn->has_dates)
                fc_err(r, row->line, (int)i + 1,
                       "a 'date' column needs the scenario's start_date (without one, give a "
                       "'weekday' column: a one-week file)");
            r->scn->forecast_by_date = by_date && r->scn->has_dates;
            r->days = r->scn->forecast_by_date ? r->scn->horizon_days : 7;
        }
    }
    static const char *const need[4] = {"date or weekday", "interval_start", "queue", "volume"};
    const int cols[4] = {r->col_day, r->col_start, r->col_queue, r->col_volume};
    r->header_ok = 1;
    for (int k = 0; k < 4; k++)
        if (cols[k] < 0) {
            fc_err(r, row->line, 1, "the header has no '%s' column", need[k]);
            r->header_ok = 0;
        }
    if (r->errors > 0)
        r->header_ok = 0;
    return SIM_OK;
}

/* The field of column col, or NULL after reporting a row too short for it. */
static const char *fc_field(fc_read *r, const csvread_row *row, int col, const char *what)
{
    if ((size_t)col < row->n)
        return row->field[col];
    fc_err(r, row->line, col + 1, "%s: missing (the row has %zu fields)", what, row->n);
    return NULL;
}

static sim_status fc_row(const csvread_row *row, void *data, sim_error *e)
{
    (void)e;
    fc_read *r = data;
    scenario *s = r->scn;
    if (row->index == 0)
        return fc_header(r, row);
    if (!r->header_ok)
        return SIM_OK;
    int bad = 0;
    size_t day = SCENARIO_NONE;
    const char *f = fc_field(r, row, r->col_day, s->forecast_by_date ? "date" : "weekday");
    if (f == NULL) {
        bad = 1;
    } else if (s->forecast_by_date) {
        scenario_date date;
        if (!scenario_date_parse(f, &date)) {
            fc_err(r, row->line, r->col_day + 1, "date: expected YYYY-MM-DD, got '%s'", f);
            bad = 1;
        } else {
            long k = scenario_date_to_days(date) - scenario_date_to_days(s->start_date);
            if (k < 0 || (size_t)k >= s->horizon_days) {
                char a[16], b[16];
                fc_day_text(r, 0, a, sizeof a);
                fc_day_text(r, s->horizon_days - 1, b, sizeof b);
                fc_err(r, row->line, r->col_day + 1,
                       "date %s is outside the horizon (%s to %s)", f, a, b);
                bad = 1;
            } else {
                day = (size_t)k;
            }
        }
    } else {
        int wd = fc_weekday(f);
        if (wd < 0) {
            fc_err(r, row->line, r->col_day + 1, "weekday: expected mon..sun, got '%s'", f);
            bad = 1;
        } else {
            day = (size_t)wd;
        }
    }
    size_t fi = 0;
    f = fc_field(r, row, r->col_start, "interval_start");
    int minutes = f != NULL ? fc_minutes(f) : -1;
    if (f == NULL) {
        bad = 1;
    } else if (minutes < 0) {
        fc_err(r, row->line, r->col_start + 1, "interval_start: expected HH:MM, got '%s'", f);
        bad = 1;
    } else if ((size_t)minutes % r->fmin != 0) {
        fc_err(r, row->line, r->col_start + 1,
               "interval_start %s is not the start of a %zu-minute interval "
               "(demand.forecast_interval_min)",
               f, r->fmin);
        bad = 1;
    } else {
        fi = (size_t)minutes / r->fmin;
    }
    size_t q = SCENARIO_NONE;
    f = fc_field(r, row, r->col_queue, "queue");
    if (f == NULL) {
        bad = 1;
    } else {
        for (size_t k = 0; k < r->n_queues && q == SCENARIO_NONE; k++)
            if (strcmp(f, r->queue[k]) == 0)
                q = k;
        if (q == SCENARIO_NONE) {
            fc_err(r, row->line, r->col_queue + 1,
                   "unknown queue '%s' (neither a key of demand.queue_map nor, without one, a "
                   "channel name)",
                   f);
            bad = 1;
        }
    }
    int *seen = NULL;
    if (day != SCENARIO_NONE && !bad && q != SCENARIO_NONE) {
        /* the key is good: the interval is present even when its volume is not */
        seen = &r->line[(q * r->days + day) * r->fipd + fi];
        if (*seen != 0) {
            char dt[16];
            fc_day_text(r, day, dt, sizeof dt);
            fc_err(r, row->line, r->col_start + 1,
                   "duplicate interval: queue '%s', %s %02d:%02d is also on line %d",
                   r->queue[q], dt, minutes / 60, minutes % 60, *seen);
            return SIM_OK;
        }
        *seen = row->line;
        r->used[q] = 1;
    }
    double v = 0.0;
    if ((size_t)r->col_volume >= row->n) {
        fc_field(r, row, r->col_volume, "volume");
        bad = 1;
    } else {
        sim_error ne;
        if (csvread_number(row, (size_t)r->col_volume, "volume", &v, &ne) != SIM_OK) {
            fc_err(r, ne.line, ne.column, "%s", ne.message);
            bad = 1;
        } else if (v < 0.0) {
            fc_err(r, row->line, r->col_volume + 1, "volume: %g is negative", v);
            bad = 1;
        }
    }
    if (bad)
        return SIM_OK;
    /* into the scenario's intervals: a longer file interval is spread evenly over the
     * scenario intervals it holds, a shorter one adds to the scenario interval holding it */
    size_t ipd = s->intervals_per_day;
    double *t = s->forecast_volume + (r->channel[q] * r->days + day) * ipd;
    double fs = (double)r->fmin * 60.0;
    if (fs >= s->interval_s) {
        size_t sub = (size_t)llround(fs / s->interval_s);
        for (size_t j = 0; j < sub; j++)
            t[fi * sub + j] += v / (double)sub;
    } else {
        t[(size_t)((double)fi * fs / s->interval_s)] += v;
    }
    return SIM_OK;
}

/* Every queue the file names must have every interval of every day. */
static void fc_missing(fc_read *r)
{
    for (size_t q = 0; q < r->n_queues; q++) {
        if (!r->used[q])
            continue;
        for (size_t d = 0; d < r->days; d++)
            for (size_t i = 0; i < r->fipd; i++) {
                if (r->line[(q * r->days + d) * r->fipd + i] != 0)
                    continue;
                char dt[16];
                fc_day_text(r, d, dt, sizeof dt);
                size_t m = i * r->fmin;
                fc_err(r, 0, 0, "missing interval: queue '%s' has no row for %s %02zu:%02zu",
                       r->queue[q], dt, m / 60, m % 60);
            }
    }
}

size_t scenario_forecast_read(scenario_ctx *ctx, const cJSON *root, scenario *s)
{
    const cJSON *dem = cJSON_GetObjectItemCaseSensitive(root, "demand");
    const cJSON *jf = cJSON_GetObjectItemCaseSensitive(dem, "forecast_file");
    if (!cJSON_IsString(jf) || jf->valuestring == NULL || jf->valuestring[0] == '\0')
        return 0;
    size_t before = ctx->errors;
    if (s->demand_mode != SCENARIO_DEMAND_PER_CHANNEL) {
        scenario_json_error(ctx, SIM_EINVAL, "demand.forecast_file",
                            "a forecast file gives volumes per channel: it needs demand.mode "
                            "\"per_channel\"");
        return ctx->errors - before;
    }
    if (s->n_channels == 0 || s->intervals_per_day == 0 || s->horizon_days == 0)
        return 0;
    fc_read r;
    memset(&r, 0, sizeof r);
    r.ctx = ctx;
    r.scn = s;
    const cJSON *jm = cJSON_GetObjectItemCaseSensitive(dem, "forecast_interval_min");
    double fmins = cJSON_IsNumber(jm) ? jm->valuedouble : s->interval_s / 60.0;
    if (!(fmins >= 1.0) || fmins != floor(fmins) || 1440 % (long)fmins != 0) {
        scenario_json_error(ctx, SIM_EINVAL, "demand.forecast_interval_min",
                            "%g minutes does not divide the day (1440 minutes)", fmins);
        return ctx->errors - before;
    }
    double fs = fmins * 60.0;
    double big = fmax(fs, s->interval_s), small = fmin(fs, s->interval_s);
    if (fabs(big / small - floor(big / small + 0.5)) > 1e-9) {
        scenario_json_error(ctx, SIM_EINVAL, "demand.forecast_interval_min",
                            "a %g-minute file interval and the scenario's %g-second interval_s "
                            "do not divide one another",
                            fmins, s->interval_s);
        return ctx->errors - before;
    }
    r.fmin = (size_t)fmins;
    r.fipd = 1440 / r.fmin;
    const cJSON *map = cJSON_GetObjectItemCaseSensitive(dem, "queue_map");
    if (cJSON_IsObject(map) && map->child != NULL) {
        for (const cJSON *e = map->child; e != NULL; e = e->next) {
            char p[SIM_ERROR_PATH_MAX];
            snprintf(p, sizeof p, "demand.queue_map.%s", e->string);
            if (r.n_queues == FC_MAX_QUEUES) {
                scenario_json_error(ctx, SIM_EINVAL, p, "more than %d queues", FC_MAX_QUEUES);
                break;
            }
            if (!cJSON_IsString(e) || e->valuestring == NULL) {
                scenario_json_error(ctx, SIM_EINVAL, p, "expected a channel name (a string)");
                continue;
            }
            size_t c = 0;
            while (c < s->n_channels && strcmp(s->channels[c].name, e->valuestring) != 0)
                c++;
            if (c == s->n_channels) {
                scenario_json_error(ctx, SIM_EINVAL, p, "no channel named '%s'",
                                    e->valuestring);
                continue;
            }
            r.queue[r.n_queues] = e->string;
            r.channel[r.n_queues++] = c;
        }
    } else {
        for (size_t c = 0; c < s->n_channels; c++) {
            r.queue[r.n_queues] = s->channels[c].name;
            r.channel[r.n_queues++] = c;
        }
    }
    if (ctx->errors > before)
        return ctx->errors - before;
    char full[SCENARIO_PATH_BYTES];
    if (scenario_json_data_path(ctx, "demand.forecast_file", jf->valuestring, full,
                                sizeof full) != 0)
        return ctx->errors - before;
    r.file = full;
    /* the day layout is known from the header only; size the tables for the larger one */
    r.days = 7;
    size_t span = s->has_dates && s->horizon_days > 7 ? s->horizon_days : 7;
    size_t cells = s->n_channels * span * s->intervals_per_day;
    s->forecast_volume = sim_calloc(cells, sizeof(double));
    r.line = s->forecast_volume != NULL ? sim_calloc(r.n_queues * span * r.fipd, sizeof(int))
                                        : NULL;
    if (r.line == NULL) {
        scenario_json_nomem(ctx);
        return ctx->errors - before + 1;
    }
    /* The header (row 0, read first) sets the layout: r.days is the horizon (date) or 7. */
    s->forecast_by_date = 0;
    sim_error e;
    sim_error_clear(&e);
    sim_status st = csvread_file(full, fc_row, &r, &e);
    if (st == SIM_ENOMEM)
        scenario_json_nomem(ctx);
    else if (st == SIM_EIO)
        scenario_json_error(ctx, SIM_EINVAL, "demand.forecast_file", "%s: %s", full, e.message);
    else if (st != SIM_OK)
        fc_err(&r, e.line, e.column, "%s", e.message);
    if (st == SIM_OK && r.header_ok)
        fc_missing(&r);
    if (r.hidden > 0)
        scenario_diag_add(ctx->diag, SIM_EINVAL, full, 0, 0, "", "and %zu more errors", r.hidden);
    if (ctx->errors == before) {
        s->forecast_days = s->forecast_by_date ? s->horizon_days : 7;
        for (size_t q = 0; q < r.n_queues; q++)
            if (r.used[q])
                s->forecast_channel[r.channel[q]] = 1;
        /* the channel's daily volume becomes the forecast's mean day (for information: the
         * summary, the no-demand check) */
        for (size_t c = 0; c < s->n_channels; c++) {
            if (!s->forecast_channel[c])
                continue;
            double tot = 0.0;
            const double *t = s->forecast_volume + c * s->forecast_days * s->intervals_per_day;
            for (size_t k = 0; k < s->forecast_days * s->intervals_per_day; k++)
                tot += t[k];
            s->channels[c].daily_volume = tot / (double)s->forecast_days;
        }
    }
    sim_free(r.line);
    return ctx->errors - before;
}
