/* calib_log.h -- reading a contact-level log (one CSV row per contact) for calibration.
 *
 * A log is any ACD or CRM export with a header row; a column map (calib_log_map) says which
 * column holds each field, so no export has to be reshaped first. The file is parsed with
 * Debian's libcsv (RFC 4180, strict mode) and streamed: one physical line is fed to the parser
 * at a time and every good row is handed to a sink callback, so memory does not grow with the
 * number of rows (it holds one row and the first CALIB_LOG_ERRORS_MAX error messages).
 *
 * What it is not: an estimator. The estimators (calib_arrivals.h, ...) consume the rows.
 *
 * Times: a time field is a number of seconds, a date and time "YYYY-MM-DD HH:MM:SS[.fff]"
 * (or with 'T'), or, when a date column is mapped, a time of day "H:MM:SS[.fff]" on that row's
 * date (a date is YYYY-MM-DD or the Technion log's YYMMDD). Dates and times are taken as the
 * wall clock they are written in (no time zone): a time is seconds since 1970-01-01 00:00 of
 * that clock, and a time of day earlier than the arrival's is on the next day.
 *
 * Invariants of a row handed to the sink: arrival_s is finite; an answered contact has
 * answer_s >= arrival_s and, when known, end_s >= answer_s; an abandoned one has
 * abandon_s >= arrival_s. */
#ifndef CALIB_LOG_H
#define CALIB_LOG_H

#include <stddef.h>

#include "sim_error.h"

/* The fields a log provides; the column map names a column for each (NULL: not in the log). */
typedef enum calib_log_field {
    CALIB_LOG_CONTACT,  /* contact id (optional) */
    CALIB_LOG_CUSTOMER, /* customer id (optional; repeats and hops need it) */
    CALIB_LOG_CHANNEL,  /* channel or queue name (required) */
    CALIB_LOG_DATE,     /* the date, when the time columns hold times of day (optional) */
    CALIB_LOG_ARRIVAL,  /* arrival time (required) */
    CALIB_LOG_ANSWER,   /* answer time (empty when not answered) */
    CALIB_LOG_ABANDON,  /* abandon time (empty when answered) */
    CALIB_LOG_END,      /* end of service (optional) */
    CALIB_LOG_OUTCOME,  /* answered / abandoned / ignored words (optional: else from times) */
    CALIB_LOG_GROUP,    /* agent group (optional) */
    CALIB_LOG_WRAPUP,   /* wrap-up seconds (optional) */
    CALIB_LOG_FIELD_COUNT
} calib_log_field;

/* The map's names for the fields, as --map spells them ("contact", "customer", ...). */
const char *calib_log_field_name(calib_log_field f);

#define CALIB_LOG_MAP_TEXT_MAX 1024

typedef struct calib_log_map {
    const char *column[CALIB_LOG_FIELD_COUNT]; /* header names; point into text or static */
    int zero_time_is_empty; /* a time of day 0:00:00 means "no such time" (the Technion log) */
    int zero_customer_is_unknown; /* customer id "0" means "not identified" (the Technion log) */
    char text[CALIB_LOG_MAP_TEXT_MAX];          /* storage of names set by calib_log_map_parse */
    size_t text_used;
} calib_log_map;

/* The default map: columns named contact_id, customer_id, channel, arrival, answer, abandon,
 * end, outcome, group, wrapup, date (each used when the header has it). */
void calib_log_map_init(calib_log_map *m);

/* A built-in map by name: "default", or "technion" (the public Technion "Anonymous Bank" call
 * log: call_id, customer_id, type (the channel), date (YYMMDD), q_start (arrival at the
 * queue), ser_start, q_exit (the abandon time of a HANG call), ser_exit, outcome
 * (AGENT/HANG/PHANTOM), server; 0:00:00 means no time, customer 0 an unidentified caller). Returns 0, or -1 for an unknown name. */
int calib_log_map_builtin(calib_log_map *m, const char *name);

/* Apply "field=column,field=column,..." to m (a field from calib_log_field_name; an empty
 * column unmaps the field). The names are copied into m. Returns SIM_OK, or SIM_EINVAL with
 * err naming the bad item (path "--map"). */
sim_status calib_log_map_parse(calib_log_map *m, const char *spec, sim_error *err);

typedef enum calib_log_outcome {
    CALIB_LOG_ANSWERED,
    CALIB_LOG_ABANDONED
} calib_log_outcome;

/* One contact. The strings are borrowed and valid only during the sink call ("" when the
 * field is not mapped or empty). Absent times are NaN. */
typedef struct calib_log_contact {
    const char *contact_id, *customer_id, *channel, *group;
    double arrival_s, answer_s, abandon_s, end_s; /* seconds since 1970-01-01 of the log's clock */
    double wrapup_s;                              /* NaN when absent */
    calib_log_outcome outcome;
    size_t line;                                  /* 1-based line of the row in the file */
} calib_log_contact;

/* Called for every good row; returns SIM_OK to go on, anything else stops the read (with
 * err filled) and is returned by calib_log_read. */
typedef sim_status (*calib_log_sink)(void *ctx, const calib_log_contact *c, sim_error *err);

#define CALIB_LOG_ERRORS_MAX 20

/* What a read saw. Errors are "FILE:LINE:COLUMN: column 'NAME': what was wrong"; COLUMN is the
 * 1-based field number (0 for an error of the whole row). */
typedef struct calib_log_stats {
    size_t rows;     /* data rows read (header excluded) */
    size_t used;     /* rows handed to the sink */
    size_t ignored;  /* rows skipped on purpose: an ignored outcome (PHANTOM), no arrival time
                        under zero_time_is_empty */
    size_t n_errors; /* bad rows and header problems, all counted */
    char errors[CALIB_LOG_ERRORS_MAX][SIM_ERROR_MESSAGE_MAX]; /* the first ones */
} calib_log_stats;

/* Read the log at path with map, handing each good row to sink(ctx, ...). Bad rows are
 * counted and described in st (all of them counted, the first CALIB_LOG_ERRORS_MAX kept)
 * and the read goes on, so one pass reports every problem. Returns SIM_OK when there was no
 * error; SIM_EPARSE when some row or the header was bad (err holds the first one; the sink
 * has seen the good rows, which the caller should then discard); SIM_EIO when the file
 * cannot be read; SIM_ENOMEM; or the sink's status. O(rows), memory O(longest row). */
sim_status calib_log_read(const char *path, const calib_log_map *map, calib_log_sink sink,
                          void *ctx, calib_log_stats *st, sim_error *err);

/* Parse one time field as the reader does: seconds, a date and time, or a time of day added
 * to day_s (seconds since 1970-01-01 of the day, NaN when there is no date column). Returns
 * 0 and sets *t_s, or -1 when text is none of these. */
int calib_log_parse_time(const char *text, double day_s, double *t_s);

/* Parse a date (YYYY-MM-DD or YYMMDD, YY < 70 meaning 20YY) into seconds since 1970-01-01.
 * Returns 0, or -1. */
int calib_log_parse_date(const char *text, double *day_s);

#endif /* CALIB_LOG_H */
