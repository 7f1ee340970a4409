/* scenario_date.h -- civil dates and local days of a time zone, for a scenario with dates.
 *
 * A scenario with `start_date` runs over real dates: day d of the horizon is start_date + d,
 * its weekday follows from the date (proleptic Gregorian calendar). With `time_zone` the days
 * are local days of that IANA zone, and the two days a year on which daylight-saving time
 * starts or ends have 23 and 25 hours. How the model lays intervals on such a day
 * (docs/model.md, "Dates and daylight-saving time"): the simulation clock stays local wall
 * time, every day 86400 s of it, and each wall-clock interval carries the demand of the real
 * time that falls in it: a factor 0 for the intervals of the skipped hour, 2 for those of the
 * repeated hour, 1 elsewhere (scenario_date_transitions).
 *
 * What it is not: it does not read calendars or special days; it knows no contact center.
 * Date arithmetic is by hand (days_from_civil, Hinnant's algorithm), because C's mktime is
 * tied to the process's time zone; time-zone offsets come from the C library (tzset and
 * localtime_r under TZ) and the system's tz database, so that they follow the rules the
 * system ships and no copy of the database ages inside omnisim.
 */
#ifndef SCENARIO_DATE_H
#define SCENARIO_DATE_H

#include <stddef.h>

#include "sim_error.h"

typedef struct scenario_date {
    int year;  /* 1900..2200 */
    int month; /* 1..12 */
    int day;   /* 1..days in the month */
} scenario_date;

/* Parse "YYYY-MM-DD" (exactly that form, a real date, years 1900..2200). Returns 1 and fills
 * out when valid, else 0. */
int scenario_date_parse(const char *s, scenario_date *out);

/* Format as "YYYY-MM-DD" into buf (n >= 11). Returns buf. */
char *scenario_date_format(scenario_date d, char *buf, size_t n);

/* Days since 1970-01-01 (negative before). Exact for every Gregorian date. O(1). */
long scenario_date_to_days(scenario_date d);

/* The date `days` days after 1970-01-01. O(1). */
scenario_date scenario_date_from_days(long days);

/* Weekday, 0 = Monday ... 6 = Sunday. */
unsigned scenario_date_weekday(scenario_date d);

/* ISO 8601 week number (1..53) of d: weeks start on Monday, week 1 holds the year's first
 * Thursday. */
unsigned scenario_date_iso_week(scenario_date d);

/* Easter Sunday of `year` (Gregorian), by the anonymous Gregorian algorithm (Meeus/Jones/
 * Butcher, 1876). Valid for every year from 1583. */
scenario_date scenario_date_easter(int year);

/* 1 when `zone` names a zone of the system's tz database ($TZDIR or /usr/share/zoneinfo,
 * a relative name made of [A-Za-z0-9_+-/] without ".."), else 0. */
int scenario_date_zone_exists(const char *zone);

/* The days of [start, start + n_days) in `zone` that are not 86400 s long (daylight-saving
 * time starts or ends): their number in *n_out, their indices (0 = start) in *day_out and,
 * for each, ipd wall-clock interval factors of interval_s seconds (ipd * interval_s = 86400)
 * in *factor_out (k * ipd + i): the real time that falls in wall interval i of that day, in
 * units of interval_s (0 in a skipped hour, 2 in a repeated one, summing to the day's real
 * length / interval_s). The arrays are from sim_malloc, owned by the caller (sim_free), NULL
 * when there are none. Errors: SIM_EINVAL when the zone is unknown, SIM_ENOMEM. Not
 * thread-safe: sets TZ for the call (and restores it), so call it while no other thread reads
 * the time zone (scenario loading does, before any run starts). O(n_days + minutes of the
 * transition days). */
sim_status scenario_date_transitions(const char *zone, scenario_date start, size_t n_days,
                                     double interval_s, size_t ipd, size_t *n_out,
                                     size_t **day_out, double **factor_out, sim_error *err);

#endif /* SCENARIO_DATE_H */
