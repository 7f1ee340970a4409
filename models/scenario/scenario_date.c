/* scenario_date.c -- see scenario_date.h. */
#define _POSIX_C_SOURCE 200809L /* setenv, unsetenv, tzset, localtime_r */
#include "scenario_date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sim_alloc.h"

static int leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int month_days(int y, int m)
{
    static const int n[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : n[m - 1];
}

int scenario_date_parse(const char *s, scenario_date *out)
{
    if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > month_days(y, m))
        return 0;
    out->year = y;
    out->month = m;
    out->day = d;
    return 1;
}

char *scenario_date_format(scenario_date d, char *buf, size_t n)
{
    snprintf(buf, n, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
}

/* days_from_civil and civil_from_days: H. Hinnant, "chrono-Compatible Low-Level Date
 * Algorithms" (2013), eras of 400 years (146097 days) starting on March 1. */
long scenario_date_to_days(scenario_date d)
{
    long y = d.year - (d.month <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;                                       /* [0, 399] */
    long mp = (d.month + 9) % 12;                                   /* March = 0 */
    long doy = (153 * mp + 2) / 5 + d.day - 1;                      /* [0, 365] */
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;               /* [0, 146096] */
    return era * 146097 + doe - 719468;
}

scenario_date scenario_date_from_days(long z)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    scenario_date d;
    d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
    d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
    d.year = (int)(yoe + era * 400 + (d.month <= 2));
    return d;
}

unsigned scenario_date_weekday(scenario_date d)
{
    long z = scenario_date_to_days(d); /* 1970-01-01 was a Thursday (3) */
    long wd = (z % 7 + 7 + 3) % 7;
    return (unsigned)wd;
}

unsigned scenario_date_iso_week(scenario_date d)
{
    long z = scenario_date_to_days(d);
    long thursday = z - (long)scenario_date_weekday(d) + 3; /* the week's Thursday */
    scenario_date t = scenario_date_from_days(thursday);
    long jan1 = scenario_date_to_days((scenario_date){t.year, 1, 1});
    return (unsigned)((thursday - jan1) / 7 + 1);
}

scenario_date scenario_date_easter(int year)
{
    /* Anonymous Gregorian algorithm ("Meeus/Jones/Butcher"), as in J. Meeus, Astronomical
     * Algorithms (1991), ch. 8: a = golden number - 1, then the epact and the weekday. */
    int a = year % 19, b = year / 100, c = year % 100;
    int d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4, k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    scenario_date out;
    out.year = year;
    out.month = (h + l - 7 * m + 114) / 31;
    out.day = (h + l - 7 * m + 114) % 31 + 1;
    return out;
}

int scenario_date_zone_exists(const char *zone)
{
    if (zone == NULL || zone[0] == '\0' || zone[0] == '/' || strstr(zone, "..") != NULL ||
        strlen(zone) > 64)
        return 0;
    for (const char *c = zone; *c != '\0'; c++)
        if (!((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
              *c == '_' || *c == '+' || *c == '-' || *c == '/'))
            return 0;
    const char *dir = getenv("TZDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir != NULL && dir[0] != '\0' ? dir : "/usr/share/zoneinfo",
             zone);
    return access(path, R_OK) == 0;
}

/* Local midnight of date d as a time_t, under the TZ in force. */
static time_t local_midnight(scenario_date d)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = d.year - 1900;
    tm.tm_mon = d.month - 1;
    tm.tm_mday = d.day;
    tm.tm_isdst = -1;
    return mktime(&tm);
}

/* Credit each minute of the real day [t0, t1) to the wall-clock interval it shows on the
 * local clock (DST shifts are whole minutes in every zone of the database since 1970). */
static void wall_factors(time_t t0, time_t t1, double interval_s, size_t ipd, double *factor)
{
    for (size_t i = 0; i < ipd; i++)
        factor[i] = 0.0;
    for (time_t u = t0; u < t1; u += 60) {
        struct tm tm;
        if (localtime_r(&u, &tm) == NULL)
            continue;
        double wall = (double)tm.tm_hour * 3600.0 + (double)tm.tm_min * 60.0;
        size_t i = (size_t)(wall / interval_s);
        if (i < ipd)
            factor[i] += 1.0; /* minutes, counted exactly; scaled once below */
    }
    for (size_t i = 0; i < ipd; i++)
        factor[i] = factor[i] * 60.0 / interval_s;
}

sim_status scenario_date_transitions(const char *zone, scenario_date start, size_t n_days,
                                     double interval_s, size_t ipd, size_t *n_out,
                                     size_t **day_out, double **factor_out, sim_error *err)
{
    *n_out = 0;
    *day_out = NULL;
    *factor_out = NULL;
    if (!scenario_date_zone_exists(zone))
        return sim_error_set(err, SIM_EINVAL, "time_zone",
                             "'%s' is not a zone of the tz database (e.g. \"Europe/Amsterdam\")",
                             zone != NULL ? zone : "");
    /* The C library converts between UTC and local time only for the process's zone, so TZ
     * is set for the call and put back; the alternative, reading TZif files and their POSIX
     * rule strings by hand, would duplicate what the C library does well. */
    const char *old = getenv("TZ");
    char saved[256];
    int had = old != NULL;
    if (had)
        snprintf(saved, sizeof saved, "%s", old);
    char tz[80];
    snprintf(tz, sizeof tz, ":%s", zone);
    setenv("TZ", tz, 1);
    tzset();
    sim_status st = SIM_OK;
    size_t n = 0, cap = 0;
    size_t *days = NULL;
    double *fac = NULL;
    long z0 = scenario_date_to_days(start);
    time_t t0 = local_midnight(start);
    for (size_t d = 0; d < n_days && st == SIM_OK; d++) {
        time_t t1 = local_midnight(scenario_date_from_days(z0 + (long)d + 1));
        if (difftime(t1, t0) != 86400.0) {
            if (n == cap) {
                size_t nc = cap ? 2 * cap : 4;
                size_t *dd = sim_realloc_array(days, nc, sizeof *dd);
                if (dd != NULL)
                    days = dd;
                double *ff = dd != NULL ? sim_realloc_array(fac, nc * ipd, sizeof *ff) : NULL;
                if (ff == NULL) {
                    st = sim_error_set(err, SIM_ENOMEM, "time_zone", "out of memory");
                    break;
                }
                fac = ff;
                cap = nc;
            }
            days[n] = d;
            wall_factors(t0, t1, interval_s, ipd, fac + n * ipd);
            n++;
        }
        t0 = t1;
    }
    if (had)
        setenv("TZ", saved, 1);
    else
        unsetenv("TZ");
    tzset();
    if (st != SIM_OK || n == 0) {
        sim_free(days);
        sim_free(fac);
        return st;
    }
    *n_out = n;
    *day_out = days;
    *factor_out = fac;
    return SIM_OK;
}
