/* demand.c -- see demand.h. */
#include "demand.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "hours.h"
#include "sim_assert.h"

/* Cut points of an interval: its ends and every window edge of every channel inside it. */
#define CUT_MAX (2 + 2 * SCENARIO_MAX_CHANNELS * SCENARIO_MAX_WINDOWS_PER_DAY)

size_t demand_sources(const scenario *scn)
{
    return scn->demand_mode == SCENARIO_DEMAND_BY_SEGMENT ? scn->n_segments : scn->n_channels;
}

/* The day shape of weekday wd: the opening-hours profile when no shape was given, else the
 * intraday profile (the same every day). NULL when the scenario has none (ipd 0). */
static const double *day_shape(const double *open_profile, const double *intraday, size_t ipd,
                               unsigned wd)
{
    return open_profile != NULL ? open_profile + (size_t)wd * ipd : intraday;
}

/* A forecast channel's rate on weekday wd, interval i, of the week tables: the file's
 * weekday, or with dates the mean over the horizon days of that weekday. */
static double forecast_week_rate(const scenario *scn, size_t c, unsigned wd, size_t i)
{
    if (!scn->forecast_by_date)
        return scenario_channel_forecast(scn, c, 0, wd, i) / scn->interval_s;
    double sum = 0.0;
    size_t n = 0;
    for (size_t d = (wd + 7 - scn->start_weekday) % 7; d < scn->horizon_days; d += 7, n++)
        sum += scenario_channel_forecast(scn, c, d, wd, i);
    return n > 0 ? sum / (double)n / scn->interval_s : 0.0;
}

static double channel_rate(const scenario *scn, const scenario_channel *c, unsigned wd,
                           size_t i)
{
    size_t idx = (size_t)(c - scn->channels);
    if (scn->forecast_channel[idx])
        return forecast_week_rate(scn, idx, wd, i);
    const double *shape = day_shape(c->open_profile, c->intraday, scn->intervals_per_day, wd);
    if (shape == NULL || c->daily_volume <= 0.0)
        return 0.0;
    return c->daily_volume * c->weekday[wd] * shape[i] / scn->interval_s;
}

static double segment_rate(const scenario *scn, const scenario_segment *s, unsigned wd,
                           size_t i)
{
    const double *shape = day_shape(s->open_profile, s->intraday, scn->intervals_per_day, wd);
    if (shape == NULL)
        return 0.0;
    return scn->daily_volume * s->population_share * s->weekday[wd] * shape[i] /
           scn->interval_s;
}

double demand_rate(const scenario *scn, size_t source, double t_s)
{
    double day = floor(t_s / CC_DAY_S);
    double tod = t_s - day * CC_DAY_S;
    size_t i = (size_t)(tod / scn->interval_s);
    if (i >= scn->intervals_per_day)
        i = scn->intervals_per_day - 1;
    unsigned wd = hours_weekday(scn, t_s);
    /* On a daylight-saving transition day a wall-clock interval holds 0 or 2 intervals of
     * real time (scenario_date.h). */
    double wall = scn->n_dst_days > 0 && day >= 0.0 ? scenario_wall_factor(scn, (size_t)day, i)
                                                   : 1.0;
    /* A special day: its volume factor, and its own day shape in place of the usual one. */
    const scenario_special_day *sp = scn->n_special_days > 0 && day >= 0.0
                                         ? scenario_special_day_find(scn, (size_t)day)
                                         : NULL;
    if (sp != NULL)
        wall *= sp->volume_factor;
    if (scn->season_factor != NULL && day >= 0.0 && (size_t)day < scn->horizon_days)
        wall *= scn->season_factor[(size_t)day];
    if (scn->demand_mode == SCENARIO_DEMAND_BY_SEGMENT) {
        SIM_ASSERT(source < scn->n_segments, "segment index out of range");
        const scenario_segment *g = &scn->segments[source];
        if (sp != NULL && sp->intraday != NULL)
            return wall * scn->daily_volume * g->population_share * g->weekday[wd] *
                   sp->intraday[i] / scn->interval_s;
        return wall * segment_rate(scn, g, wd, i);
    }
    SIM_ASSERT(source < scn->n_channels, "channel index out of range");
    const scenario_channel *ch = &scn->channels[source];
    /* A forecast file gives each interval's volume as it stands (special days, seasons and
     * daylight-saving days are in the file's figures). */
    if (scn->forecast_channel[source])
        return day >= 0.0 ? scenario_channel_forecast(scn, source, (size_t)day, wd, i) /
                                scn->interval_s
                          : 0.0;
    if (sp != NULL && sp->intraday != NULL)
        return ch->daily_volume > 0.0
                   ? wall * ch->daily_volume * ch->weekday[wd] * sp->intraday[i] / scn->interval_s
                   : 0.0;
    return wall * channel_rate(scn, ch, wd, i);
}

/* Cut [a, b) on weekday wd at every window edge of every channel; returns the number of
 * sorted cut points (>= 2, the first a and the last b). */
static size_t cut_interval(const scenario *scn, unsigned wd, double a, double b,
                           double cut[CUT_MAX])
{
    size_t m = 0;
    cut[m++] = a;
    for (size_t c = 0; c < scn->n_channels; c++) {
        const scenario_hours *h = &scn->channels[c].hours;
        for (size_t w = 0; w < h->n_windows[wd]; w++) {
            double e[2] = {h->windows[wd][w].open_s, h->windows[wd][w].close_s};
            for (int j = 0; j < 2; j++)
                if (e[j] > a && e[j] < b)
                    cut[m++] = e[j];
        }
    }
    cut[m++] = b;
    for (size_t x = 1; x < m; x++) /* insertion sort: few edges fall inside one interval */
        for (size_t y = x; y > 0 && cut[y] < cut[y - 1]; y--) {
            double t = cut[y];
            cut[y] = cut[y - 1];
            cut[y - 1] = t;
        }
    return m;
}

void demand_rates_week(const scenario *scn, size_t k, double *rate, double *closed_rate,
                          double *segment_rate_out)
{
    size_t nc = scn->n_channels, ipd = scn->intervals_per_day;
    unsigned wd = (unsigned)((k / ipd) % 7);
    size_t i = k % ipd;
    double len = scn->interval_s, a = (double)i * len, b = (double)(i + 1) * len;
    for (size_t c = 0; c < nc; c++) {
        rate[c] = 0.0;
        if (closed_rate != NULL)
            closed_rate[c] = 0.0;
    }
    if (segment_rate_out != NULL)
        memset(segment_rate_out, 0, scn->n_segments * nc * sizeof *segment_rate_out);
    if (scn->demand_mode == SCENARIO_DEMAND_PER_CHANNEL) {
        for (size_t c = 0; c < nc; c++) {
            rate[c] = channel_rate(scn, &scn->channels[c], wd, i);
            if (closed_rate != NULL && rate[c] > 0.0) {
                const scenario_hours *h = &scn->channels[c].hours;
                double open = scenario_hours_open_s(&h, 1, wd, a, b);
                closed_rate[c] = open <= 0.0    ? rate[c]
                                 : open >= len ? 0.0
                                               : rate[c] * (len - open) / len;
            }
        }
        return;
    }
    /* by_segment: within each piece of the interval the opening states are fixed, and the
     * first channel is drawn as cc_model.c's on_arrival does. */
    double cut[CUT_MAX];
    size_t m = cut_interval(scn, wd, a, b, cut);
    unsigned char open[SCENARIO_MAX_CHANNELS];
    for (size_t p = 0; p + 1 < m; p++) {
        double w = (cut[p + 1] - cut[p]) / len;
        if (!(w > 0.0))
            continue;
        double mid = 0.5 * (cut[p] + cut[p + 1]);
        for (size_t c = 0; c < nc; c++)
            open[c] = (unsigned char)scenario_is_open(scn, c, wd, mid);
        for (size_t s = 0; s < scn->n_segments; s++) {
            const scenario_segment *g = &scn->segments[s];
            double r = segment_rate(scn, g, wd, i);
            if (!(r > 0.0))
                continue;
            double total = 0.0, total_open = 0.0;
            for (size_t c = 0; c < nc; c++) {
                total += g->preference[c];
                if (open[c])
                    total_open += g->preference[c];
            }
            int restrict_open = total_open > 0.0;
            double den = restrict_open ? total_open : total;
            if (!(den > 0.0))
                continue; /* a segment without preferences draws no contact */
            for (size_t c = 0; c < nc; c++) {
                if (!(g->preference[c] > 0.0) || (restrict_open && !open[c]))
                    continue;
                double x = r * w * g->preference[c] / den;
                rate[c] += x;
                if (closed_rate != NULL && !open[c])
                    closed_rate[c] += x;
                if (segment_rate_out != NULL)
                    segment_rate_out[s * nc + c] += x;
            }
        }
    }
}

double demand_channel_rate_week(const scenario *scn, size_t channel, size_t k)
{
    SIM_ASSERT(channel < scn->n_channels, "channel index out of range");
    if (scn->demand_mode == SCENARIO_DEMAND_PER_CHANNEL) {
        size_t ipd = scn->intervals_per_day;
        return channel_rate(scn, &scn->channels[channel], (unsigned)((k / ipd) % 7), k % ipd);
    }
    double rate[SCENARIO_MAX_CHANNELS];
    demand_rates_week(scn, k, rate, NULL, NULL);
    return rate[channel];
}

double demand_closed_share(const scenario *scn, size_t channel)
{
    SIM_ASSERT(channel < scn->n_channels, "channel index out of range");
    double rate[SCENARIO_MAX_CHANNELS], closed[SCENARIO_MAX_CHANNELS];
    double tot = 0.0, shut = 0.0;
    for (size_t k = 0; k < 7 * scn->intervals_per_day; k++) {
        demand_rates_week(scn, k, rate, closed, NULL);
        tot += rate[channel];
        shut += closed[channel];
    }
    return tot > 0.0 ? shut / tot : 0.0;
}

int demand_closed_warning(const scenario *scn, size_t channel, char *buf, size_t n)
{
    static const char *const day_names[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    SIM_ASSERT(channel < scn->n_channels, "channel index out of range");
    if (n > 0)
        buf[0] = '\0';
    const scenario_channel *ch = &scn->channels[channel];
    if (ch->when_closed != SCENARIO_CLOSED_LOST)
        return 0;
    double share = demand_closed_share(scn, channel);
    if (!(share >= DEMAND_WARN_CLOSED_SHARE) || n == 0)
        return 0;
    int len = snprintf(buf, n,
                       "channels[%zu] (%s): %.1f%% of the weekly volume arrives while closed "
                       "and is lost (when_closed \"lost\")",
                       channel, ch->name, 100.0 * share);
    size_t used = len < 0 ? 0 : (size_t)len;
    if (used >= n)
        return 1;
    if (scn->demand_mode == SCENARIO_DEMAND_BY_SEGMENT) {
        snprintf(buf + used, n - used,
                 ": first contacts of segments none of whose preferred channels is open then");
    } else if (ch->open_profile != NULL) {
        /* Spread over the opening hours: what remains closed is days with volume and no
         * hours, or windows that begin or end inside an interval. */
        char days[40] = "";
        size_t nd = 0;
        for (unsigned wd = 0; wd < 7; wd++) {
            if (ch->weekday[wd] > 0.0 && ch->hours.n_windows[wd] == 0) {
                size_t dl = strlen(days);
                snprintf(days + dl, sizeof days - dl, "%s%s", nd > 0 ? ", " : "",
                         day_names[wd]);
                nd++;
            }
        }
        if (nd > 0)
            snprintf(buf + used, n - used,
                     ": without an intraday profile each day's volume arrives over its opening "
                     "hours, but %s %s a weekday weight and no opening hours (a weekday "
                     "weight of 0 says no contacts come that day)",
                     days, nd == 1 ? "has" : "have");
        else
            snprintf(buf + used, n - used,
                     ": without an intraday profile each day's volume arrives over its opening "
                     "hours, but a window that opens or closes inside a %g-second interval lets "
                     "part of that interval's volume arrive while closed",
                     scn->interval_s);
    }
    return 1;
}

void demand_day_factors(const scenario *scn, const gsl_rng *r, double *factors,
                           size_t n_days)
{
    double cv = scn->overdispersion_cv;
    for (size_t d = 0; d < n_days; d++) {
        /* Gamma with shape 1/cv^2 and scale cv^2: mean 1, CV cv (Marsaglia-Tsang in GSL). */
        factors[d] = cv > 0.0 ? gsl_ran_gamma(r, 1.0 / (cv * cv), cv * cv) : 1.0;
    }
}
