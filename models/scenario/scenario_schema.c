/* scenario_schema.c -- the field table (see scenario_schema.h) and the generic tree check.
 *
 * The check walks the tree once. For each object it looks up every key as "PARENT.key" in the
 * table (a linear scan of ~200 rows; objects in a scenario are small, and arrays of numbers,
 * the bulk of a large file, are checked with one lookup per array). Unknown keys get the
 * nearest sibling name by edit distance when it is close enough to be a typo.
 */
#include "scenario_schema.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario_internal.h"

#define N SCENARIO_SCHEMA_NUMBER
#define I SCENARIO_SCHEMA_INTEGER
#define S SCENARIO_SCHEMA_STRING
#define B SCENARIO_SCHEMA_BOOL
#define O SCENARIO_SCHEMA_OBJECT
#define A SCENARIO_SCHEMA_ARRAY
#define REQ SCENARIO_SCHEMA_REQUIRED
#define MAP SCENARIO_SCHEMA_MAP
#define OPQ SCENARIO_SCHEMA_OPAQUE
#define GT0 SCENARIO_SCHEMA_MIN_OPEN
#define CHK SCENARIO_SCHEMA_CHANNEL_KEYS
#define SGK SCENARIO_SCHEMA_SEGMENT_KEYS
#define KND SCENARIO_SCHEMA_BY_KIND
#define BIG 1e9
#define DAYS "mon|tue|wed|thu|fri|sat|sun"
#define DIST "exponential|lognormal|deterministic|gamma|weibull|uniform|triangular|empirical|mixture"
#define DIST_PART "exponential|lognormal|deterministic|gamma|weibull|uniform|triangular|empirical"
#define MEAN_DEF "required, unless the parameters give it"
#define MEAN_DOC "mean (exponential, lognormal, deterministic, gamma, weibull with cv)"
#define CV_DOC "coefficient of variation; required for lognormal, gamma, weibull with mean_s"

/* The parameters of a distribution object or a mixture component at path P (values up to MX
 * seconds); docs/model.md, "Distributions", says what each kind takes. */
#define DIST_PARAMS(P, MX)                                                                    \
    {P ".shape", N, GT0, 0, 100, NULL, "", "none", "weibull: shape k (with scale_s)"},         \
    {P ".scale_s", N, GT0, 0, MX, NULL, "s", "none", "weibull: scale (with shape)"},           \
    {P ".min_s", N, 0, 0, MX, NULL, "s", "none", "uniform, triangular: smallest value"},       \
    {P ".mode_s", N, 0, 0, MX, NULL, "s", "none", "triangular: most likely value"},            \
    {P ".max_s", N, 0, 0, MX, NULL, "s", "none", "uniform, triangular: largest value"},        \
    {P ".quantiles", A, 0, 0, 0, NULL, "", "none",                                            \
     "empirical: points of the CDF, p from 0 to 1 (linear in between)"},                     \
    {P ".quantiles[]", O, 0, 0, 0, NULL, "", "", "one point"},                                \
    {P ".quantiles[].p", N, REQ, 0, 1, NULL, "share", "required", "cumulative probability"},  \
    {P ".quantiles[].value_s", N, REQ, 0, MX, NULL, "s", "required", "the value at p"},       \
    {P ".histogram", O, 0, 0, 0, NULL, "", "none",                                            \
     "empirical: bins, uniform within each (or quantiles)"},                                  \
    {P ".histogram.edges_s", A, REQ, 0, 0, NULL, "s", "required", "bin edges, increasing"},   \
    {P ".histogram.edges_s[]", N, 0, 0, MX, NULL, "s", "", "an edge"},                        \
    {P ".histogram.weights", A, REQ, 0, 0, NULL, "weights", "required",                       \
     "weight of each bin (one fewer than edges)"},                                            \
    {P ".histogram.weights[]", N, 0, 0, BIG, NULL, "", "", "weight"}

/* A distribution object at path P (flags FL), values up to MX seconds, with its mixture
 * components. */
#define DIST_ROWS(P, FL, DEF, DOC, MX)                                                        \
    {P, O, FL, 0, 0, NULL, "", DEF, DOC},                                                     \
    {P ".distribution", S, 0, 0, 0, DIST, "", "exponential", "distribution"},                 \
    {P ".mean_s", N, GT0, 0, MX, NULL, "s", MEAN_DEF, MEAN_DOC},                              \
    {P ".cv", N, 0, 0, 10, NULL, "", "1 (exp.), 0 (det.)", CV_DOC},                           \
    DIST_PARAMS(P, MX),                                                                       \
    {P ".components", A, 0, 0, 0, NULL, "", "none", "mixture: 2 to 8 components"},            \
    {P ".components[]", O, 0, 0, 0, NULL, "", "", "one component"},                          \
    {P ".components[].share", N, REQ, 0, 1, NULL, "share", "required",                        \
     "probability of this component; shares sum to 1"},                                       \
    {P ".components[].distribution", S, 0, 0, 0, DIST_PART, "", "exponential",               \
     "distribution (any but mixture)"},                                                       \
    {P ".components[].mean_s", N, 0, 0, MX, NULL, "s", MEAN_DEF,                              \
     "mean; 0 for a deterministic point mass at 0"},                                          \
    {P ".components[].cv", N, 0, 0, 10, NULL, "", "1 (exp.), 0 (det.)", CV_DOC},              \
    DIST_PARAMS(P ".components[]", MX)

/* A duration by time of day at path P (what: "handle time" or "patience"), values up to MX s. */
#define PERIOD_ROWS(P, WHAT, MX)                                                              \
    {P, A, 0, 0, 0, NULL, "", "none (the same all day)",                                      \
     WHAT " by time of day: periods {from, to, mean_factor or dist}, every day"},            \
    {P "[]", O, 0, 0, 0, NULL, "", "", "one period"},                                         \
    {P "[].from", S, REQ, 0, 0, NULL, "HH:MM", "required", "start (inclusive)"},             \
    {P "[].to", S, REQ, 0, 0, NULL, "HH:MM", "required", "end (exclusive), 24:00 allowed"},  \
    {P "[].mean_factor", N, GT0, 0, 100, NULL, "", "1",                                       \
     "multiplies the channel's mean in the period (or dist)"},                              \
    DIST_ROWS(P "[].dist", 0, "none (the channel's, times mean_factor)",                      \
              "the distribution in the period (or mean_factor)", MX)

/* An outbound campaign's distribution at P (flags FL): the two-parameter kinds only. */
#define OB_DIST_ROWS(P, FL, DEF, DOC)                                                         \
    {P, O, FL, 0, 0, NULL, "", DEF, DOC},                                                     \
    {P ".distribution", S, 0, 0, 0, "exponential|lognormal|deterministic|gamma", "",         \
     "exponential", "distribution"},                                                          \
    {P ".mean_s", N, REQ | GT0, 0, 1e6, NULL, "s", "required", "mean"},                       \
    {P ".cv", N, 0, 0, 10, NULL, "", "1 (exp.), 0 (det.)", CV_DOC}

/* Rows are grouped as in docs/scenario-reference.md. Keep min/max in step with the doc. */
static const scenario_schema_field schema_fields[] = {
    /* top level */
    {"include", S | A, OPQ, 0, 0, NULL, "", "none",
     "file(s) to include, relative to this file; this file's fields override theirs"},
    {"name", S, REQ, 0, 0, NULL, "", "required", "scenario name, [A-Za-z0-9_-], 1-63 chars"},
    {"description", S, 0, 0, 0, NULL, "", "\"\"", "what it models and which source figures"},
    {"year", I, 0, 1900, 2200, NULL, "year", "2017", "calendar year the scenario describes"},
    {"horizon_days", I, 0, 1, 3660, NULL, "days", "7", "simulated days"},
    {"start_weekday", S, 0, 0, 0, DAYS, "", "mon",
     "weekday of the first day (with start_date: its weekday)"},
    {"start_date", S, 0, 0, 0, NULL, "YYYY-MM-DD", "none (no dates)",
     "date of the first day; the days of the horizon are real dates"},
    {"time_zone", S, 0, 0, 0, NULL, "IANA name", "none (24-hour days)",
     "local time zone of the dates (e.g. Europe/Amsterdam): 23- and 25-hour DST days"},
    {"special_days", A, 0, 0, 0, NULL, "", "none",
     "holidays and events (needs start_date); dates outside the horizon are ignored"},
    {"special_days[]", O, 0, 0, 0, NULL, "", "", "one special day"},
    {"special_days[].date", S, REQ, 0, 0, NULL, "YYYY-MM-DD", "required", "the date"},
    {"special_days[].name", S, 0, 0, 0, NULL, "", "\"\"", "what the day is, for reports"},
    {"special_days[].closed", B, 0, 0, 0, NULL, "", "false", "no channel opens that day"},
    {"special_days[].volume_factor", N, 0, 0, 100, NULL, "", "1",
     "multiplies every channel's volume of that day"},
    {"special_days[].intraday", A, 0, 0, 0, NULL, "weights",
     "none (the usual shape; over its hours, when given)", "the day shape of every channel that day"},
    {"special_days[].intraday[]", N, 0, 0, BIG, NULL, "", "", "weight"},
    {"special_days[].hours", A, OPQ, 0, 0, NULL, "HH:MM", "none (the usual hours)",
     "windows [[\"HH:MM\", \"HH:MM\"], ...] replacing every channel's hours that day"},
    {"seasonality", O, 0, 0, 0, NULL, "", "none",
     "volume multipliers by month or ISO week (needs start_date); one of the two"},
    {"seasonality.month", A, 0, 0, 0, NULL, "factors", "none",
     "12 multipliers, January first, of every channel's daily volume"},
    {"seasonality.month[]", N, 0, 0, 100, NULL, "", "", "multiplier"},
    {"seasonality.iso_week", A, 0, 0, 0, NULL, "factors", "none",
     "53 multipliers, ISO week 1 first (week 53 only in long years)"},
    {"seasonality.iso_week[]", N, 0, 0, 100, NULL, "", "", "multiplier"},
    {"special_days_file", S, 0, 0, 0, NULL, "path", "none",
     "CSV of special days (date,name,closed,volume_factor), relative to the scenario file"},
    {"interval_s", N, 0, 60, 3600, NULL, "s", "900", "interval length; must divide 86400"},
    {"warmup_s", N, 0, 0, BIG, NULL, "s", "0", "initial time left out of statistics"},
    {"seed", I, 0, 0, 9007199254740992.0, NULL, "", "1", "master random seed"},
    {"replications", I, 0, 1, 100000, NULL, "", "10", "independent replications"},
    {"confidence", N, GT0, 0.5, 0.9999, NULL, "share", "0.95", "confidence level of intervals"},
    {"max_contacts_per_need", I, 0, 1, 100, NULL, "", "10",
     "contacts after which a need is given up"},

    /* channels */
    {"channels", A, REQ, 0, 0, NULL, "", "required", "the channels, 1 to 24"},
    {"channels[]", O, 0, 0, 0, NULL, "", "", "one channel"},
    {"channels[].name", S, REQ, 0, 0, NULL, "", "required", "unique channel name"},
    {"channels[].kind", S, REQ, 0, 0, "voice|chat|deferred|self_service|callback|video", "",
     "required", "how the channel behaves"},
    DIST_ROWS("channels[].handle_time", KND,
              "exponential, 120 s (self_service), required (others)",
              "agent time per contact (self_service: time in self-service)", 1e6),
    DIST_ROWS("channels[].patience", 0, "none (infinite)",
              "real time: time before abandoning; deferred/callback: before the customer hops",
              1e7),
    PERIOD_ROWS("channels[].handle_time_by_period", "handle time", 1e6),
    PERIOD_ROWS("channels[].patience_by_period", "patience", 1e7),
    {"channels[].transfer", O, 0, 0, 0, NULL, "", "none",
     "agents: a share of the contacts served here go on to another channel's queue"},
    {"channels[].transfer.to", S, REQ, 0, 0, NULL, "", "required",
     "channel (served by agents) that takes them, with its own handle time"},
    {"channels[].transfer.share", N, REQ, 0, 1, NULL, "share", "required",
     "share of the contacts whose service ends here that are transferred"},
    {"channels[].transfer.conference_share", N, 0, 0, 1, NULL, "share", "0",
     "of the transfers, made as a conference (to a real-time channel): both agents held"},
    {"channels[].transfer.conference_s", N, GT0, 0, 86400, NULL, "s", "60",
     "conference time after the second agent answers (first agent held until then)"},
    DIST_ROWS("channels[].wrap_up", 0, "none",
              "agents: after-call work after each contact, occupying the agent (not self_service)",
              1e6),
    {"channels[].concurrency", I, 0, 1, 20, NULL, "contacts", "1",
     "chat: chats one agent holds at once"},
    {"channels[].stretch", N, 0, 0, 5, NULL, "", "0",
     "chat: handle time x (1 + stretch (m - 1)) with m chats held"},
    {"channels[].response_target_s", N, 0, 0, 2592000, NULL, "s", "86400",
     "deferred/callback: answer target"},
    {"channels[].backlog", S, 0, 0, 0, "fifo|oldest_due_first", "", "fifo",
     "deferred: backlog discipline"},
    {"channels[].resolve_share", N, 0, 0, 1, NULL, "share", "0.5",
     "self_service: share resolved without an agent"},
    {"channels[].callback_offer", O, 0, 0, 0, NULL, "", "none",
     "voice/video: offer a callback to callers still waiting"},
    {"channels[].callback_offer.channel", S, REQ, 0, 0, NULL, "", "required",
     "callback channel that takes accepted offers"},
    {"channels[].callback_offer.after_wait_s", N, 0, 0, 86400, NULL, "s", "60",
     "wait after which the offer is made"},
    {"channels[].callback_offer.accept_share", N, 0, 0, 1, NULL, "share", "0.5",
     "share of callers who accept"},
    {"channels[].callback_offer.estimated_wait_s", N, 0, 0, 86400, NULL, "s",
     "none (offer after after_wait_s)",
     "offer on joining the queue to callers whose announced wait exceeds this, instead"},
    {"channels[].retrial", O, 0, 0, 0, NULL, "", "none", "real time: redials after abandoning"},
    {"channels[].retrial.share", N, 0, 0, 1, NULL, "share", "0",
     "share of abandoning customers who retry in the same channel"},
    {"channels[].retrial.delay_mean_s", N, GT0, 0, 1e7, NULL, "s", "600",
     "mean delay before the retry (exponential)"},
    /* the queue's entrance and exit (docs/model.md) */
    {"channels[].lines", I, 0, 1, 1e6, NULL, "lines", "none (unlimited)",
     "voice/video: telephone lines; a caller finding all held (waiting or talking) is "
     "blocked"},
    {"channels[].balking", O, 0, 0, 0, NULL, "", "none",
     "real time: contacts who must wait leave at once with a probability"},
    {"channels[].balking.share", N, 0, 0, 1, NULL, "share", "0",
     "probability of leaving when no agent is free (the contact must wait)"},
    {"channels[].balking.per_caller_ahead", N, 0, 0, 1, NULL, "share", "0",
     "added to it per contact already waiting (the queue length heard)"},
    {"channels[].balking.per_announced_minute", N, 0, 0, 1, NULL, "share", "0",
     "added to it per minute of announced wait (queue x mean handle time / agents)"},
    {"channels[].max_queue_s", N, GT0, 0, 1e7, NULL, "s", "none (no limit)",
     "real time: longest time in queue; then the contact leaves it to at_max_queue"},
    {"channels[].at_max_queue", S, 0, 0, 0, "abandon|message|callback", "", "abandon",
     "at max_queue_s: leave (hop rules for timed_out), leave a message in message_channel, or "
     "the callback offer"},
    {"channels[].message_channel", S, 0, 0, 0, NULL, "", "none",
     "deferred channel taking the messages (voicemail) of at_max_queue message"},
    {"channels[].reach", O, 0, 0, 0, NULL, "", "none (every attempt reaches the customer)",
     "callback: attempts that fail to reach the customer, and retries"},
    {"channels[].reach.share", N, 0, 0, 1, NULL, "share", "0.8",
     "share of attempts that reach the customer"},
    {"channels[].reach.attempts", I, 0, 1, 20, NULL, "attempts", "3",
     "attempts before the item is given up (unreached)"},
    {"channels[].reach.retry_delay_s", N, 0, 0, 1e6, NULL, "s", "900",
     "delay after a failed attempt before the item queues again (at the back)"},
    {"channels[].reach.attempt_s", N, 0, 0, 3600, NULL, "s", "30",
     "agent time of a failed attempt (dialling, ringing)"},
    {"channels[].service_level", O, 0, 0, 0, NULL, "", "0.8 in 20 s", "service-level target"},
    {"channels[].service_level.target", N, 0, 0, 1, NULL, "share", "0.8",
     "share to answer within the threshold"},
    {"channels[].service_level.threshold_s", N, KND, 0, 2592000, NULL, "s",
     "response_target_s (deferred, callback), 20 (others)", "threshold"},
    {"channels[].fcr_share", N, 0, 0, 1, NULL, "share", "1", "first-contact resolution"},
    {"channels[].priority", I, KND, 1, 100, NULL, "", "1 (voice, video), 3 (deferred), 2 (others)",
     "routing priority, 1 highest"},
    {"channels[].hours", S | O, 0, 0, 0, NULL, "", "\"24/7\"",
     "opening hours: \"24/7\" or an object of day keys"},
    {"channels[].hours.all", A, OPQ, 0, 0, NULL, "HH:MM", "none", "windows for every day"},
    {"channels[].hours.weekdays", A, OPQ, 0, 0, NULL, "HH:MM", "none", "windows Monday-Friday"},
    {"channels[].hours.weekend", A, OPQ, 0, 0, NULL, "HH:MM", "none", "windows Saturday-Sunday"},
    {"channels[].hours.mon", A, OPQ, 0, 0, NULL, "HH:MM", "none", "windows on Monday"},
    {"channels[].hours.tue", A, OPQ, 0, 0, NULL, "HH:MM", "none", "windows on Tuesday"},
    {"channels[].hours.wed", A, OPQ, 0, 0, NULL, "HH:MM", "none", "windows on Wednesday"},
    {"channels[].hours.thu", A, OPQ, 0, 0, NULL, "HH:MM", "none", "windows on Thursday"},
    {"channels[].hours.fri", A, OPQ, 0, 0, NULL, "HH:MM", "none", "windows on Friday"},
    {"channels[].hours.sat", A, OPQ, 0, 0, NULL, "HH:MM", "none", "windows on Saturday"},
    {"channels[].hours.sun", A, OPQ, 0, 0, NULL, "HH:MM", "none", "windows on Sunday"},
    {"channels[].when_closed", S, KND, 0, 0, "wait|hop|lost", "",
     "wait (deferred, callback), lost (others)", "arrivals while closed"},
    {"channels[].at_close", S, KND, 0, 0, "serve|hold|abandon|callback", "",
     "serve (voice, video, chat), hold (deferred, callback)",
     "contacts still queued when the channel closes; deferred and callback: hold only"},
    {"channels[].daily_volume", N, 0, 0, 1e8, NULL, "contacts/day", "0",
     "per_channel demand: first contacts per average day"},
    {"channels[].intraday", A, 0, 0, 0, NULL, "weights", "demand.intraday, else opening hours",
     "per_channel demand: weight per interval (intervals_per_day values)"},
    {"channels[].intraday[]", N, 0, 0, BIG, NULL, "", "", "weight"},
    {"channels[].weekday", A, 0, 0, 0, NULL, "weights", "demand.weekday",
     "per_channel demand: 7 day weights from Monday"},
    {"channels[].weekday[]", N, 0, 0, BIG, NULL, "", "", "weight"},
    {"channels[].day_cv", N, 0, 0, 2, NULL, "", "demand.overdispersion_cv",
     "with demand.day_correlation: CV of this channel's day factor"},
    {"channels[].agents", I, 0, 0, 100000, NULL, "agents", "none",
     "shortcut: an implicit fixed group of this size serving only this channel"},

    /* demand */
    {"demand", O, 0, 0, 0, NULL, "", "per_channel, profiles from opening hours", "demand"},
    {"demand.mode", S, 0, 0, 0, "per_channel|by_segment", "", "per_channel",
     "volumes per channel, or needs split by segment preference"},
    {"demand.daily_volume", N, 0, 0, 1e8, NULL, "needs/day", "0",
     "by_segment: needs per average day"},
    {"demand.intraday", A, 0, 0, 0, NULL, "weights", "opening hours",
     "default weight per interval (intervals_per_day values)"},
    {"demand.intraday[]", N, 0, 0, BIG, NULL, "", "", "weight"},
    {"demand.weekday", A, 0, 0, 0, NULL, "weights", "all 1", "default 7 day weights from Monday"},
    {"demand.weekday[]", N, 0, 0, BIG, NULL, "", "", "weight"},
    {"demand.overdispersion_cv", N, 0, 0, 2, NULL, "", "0",
     "CV of a gamma day factor (gamma-Poisson); 0 = Poisson"},
    {"demand.day_correlation", N, 0, 0, 1, NULL, "", "none (one day factor shared)",
     "per_channel: a day factor per channel, this correlated between channels"},
    {"demand.busyness_cv", N, 0, 0, 2, NULL, "", "0",
     "CV of a gamma busyness factor per interval and source; 0 = none"},
    {"demand.forecast_file", S, 0, 0, 0, NULL, "path", "none",
     "per_channel: CSV of volumes per queue and interval (docs/data.md), relative to the "
     "scenario file; replaces the volumes of the channels it names"},
    {"demand.forecast_interval_min", N, 0, 1, 1440, NULL, "min", "interval_s / 60",
     "interval length of the forecast file (15, 30, 60); divides the day"},
    /* opaque: its keys are the file's queue names, neither channels nor segments; the
     * forecast reader checks every value names a channel */
    {"demand.queue_map", O, OPQ, 0, 0, NULL, "", "none (queues are channel names)",
     "forecast file queue name -> channel name; several queues may feed one channel"},

    /* segments */
    {"segments", A, 0, 0, 0, NULL, "", "one segment \"all\"", "customer segments, up to 16"},
    {"segments[]", O, 0, 0, 0, NULL, "", "", "one segment"},
    {"segments[].name", S, REQ, 0, 0, NULL, "", "required", "unique segment name"},
    {"segments[].share", N, REQ, 0, 1, NULL, "share", "required",
     "population share; shares sum to 1"},
    {"segments[].preference", O, REQ | MAP | CHK, 0, 0, NULL, "share", "required",
     "first-channel choice by channel name; sums to 1"},
    {"segments[].preference.*", N, 0, 0, 1, NULL, "share", "0", "preference for a channel"},
    {"segments[].patience_factor", N, GT0, 0, 100, NULL, "", "1", "multiplies patience means"},
    {"segments[].handle_time_factor", N, GT0, 0, 100, NULL, "", "1",
     "multiplies handle-time means"},
    {"segments[].intraday", A, 0, 0, 0, NULL, "weights", "demand.intraday, else opening hours",
     "by_segment demand: weight per interval"},
    {"segments[].intraday[]", N, 0, 0, BIG, NULL, "", "", "weight"},
    {"segments[].weekday", A, 0, 0, 0, NULL, "weights", "demand.weekday",
     "by_segment demand: 7 day weights"},
    {"segments[].weekday[]", N, 0, 0, BIG, NULL, "", "", "weight"},

    /* hopping */
    {"hopping", A, 0, 0, 0, NULL, "", "none (every need given up)",
     "rules: where contacts go after an outcome; later rules override earlier ones"},
    {"hopping[]", O, 0, 0, 0, NULL, "", "", "one rule"},
    {"hopping[].segment", S, 0, 0, 0, NULL, "", "every segment", "segment name"},
    {"hopping[].outcome", S, REQ, 0, 0,
     "abandoned|unresolved|unanswered_in_time|self_service_failed|closed|blocked|balked|"
     "timed_out|unreached",
     "",
     "required",
     "outcome the rule applies to"},
    {"hopping[].from", S, 0, 0, 0, NULL, "", "every channel", "channel the contact was in"},
    {"hopping[].to", O, MAP | CHK, 0, 0, NULL, "share", "{}", "probability of each next channel"},
    {"hopping[].to.*", N, 0, 0, 1, NULL, "share", "0", "probability of that channel"},
    {"hopping[].give_up", N, 0, 0, 1, NULL, "share", "1 - sum(to)",
     "probability the need is given up; with to sums to 1"},
    DIST_ROWS("hopping[].delay", 0, "exponential, 3600 s", "delay before the next contact", 1e7),

    /* groups */
    {"groups", A, 0, 0, 0, NULL, "", "none", "agent groups, up to 64"},
    {"groups[]", O, 0, 0, 0, NULL, "", "", "one group"},
    {"groups[].name", S, REQ, 0, 0, NULL, "", "required", "unique group name"},
    {"groups[].skills", A, REQ, 0, 0, NULL, "", "required",
     "channels served: names or {channel, priority}"},
    {"groups[].skills[]", S | O, 0, 0, 0, NULL, "", "", "a channel name or an object"},
    {"groups[].skills[].channel", S, REQ, 0, 0, NULL, "", "required", "channel name"},
    {"groups[].skills[].priority", I, 0, 1, 100, NULL, "", "the channel's priority",
     "priority of this skill for this group, 1 highest"},
    {"groups[].skills[].handle_time_factor", N, GT0, 0, 100, NULL, "", "1",
     "proficiency: multiplies the channel's handle time for this group (siloed routing)"},
    {"groups[].staffing", S, 0, 0, 0, "fixed|per_interval|erlang|schedule", "",
     "fixed, or per_interval when agents_per_interval is given", "how the size is set"},
    {"groups[].agents", I, 0, 0, 100000, NULL, "agents", "0", "fixed: agents on duty"},
    {"groups[].agents_per_interval", A, 0, 0, 0, NULL, "agents", "none",
     "per_interval: on duty per interval, one day or a week from Monday"},
    {"groups[].agents_per_interval[]", I, 0, 0, 100000, NULL, "agents", "", "agents"},
    {"groups[].shrinkage", N, 0, 0, 0.95, NULL, "share", "0.3",
     "share of paid time not available"},
    {"groups[].cost_per_hour_eur", N, 0, 0, 10000, NULL, "EUR/h", "costs.agent_cost_per_hour_eur",
     "loaded cost per paid hour"},
    {"groups[].site", S, 0, 0, 0, NULL, "", "\"main\"", "site label for costs"},

    /* routing */
    {"routing", O, 0, 0, 0, NULL, "", "siloed", "routing"},
    {"routing.mode", S, 0, 0, 0, "siloed|unified", "", "siloed",
     "groups as listed, or one pooled desk"},
    {"routing.agent_selection", S, 0, 0, 0, "first|least_occupied|most_proficient", "", "first",
     "which pool of equal skill priority with a free agent takes an arriving contact"},
    {"routing.overflow", A, 0, 0, 0, NULL, "", "none", "overflow rules"},
    {"routing.overflow[]", O, 0, 0, 0, NULL, "", "", "one rule"},
    {"routing.overflow[].channel", S, REQ, 0, 0, NULL, "", "required", "channel"},
    {"routing.overflow[].after_wait_s", N, 0, 0, 86400, NULL, "s", "0",
     "wait after which the contact overflows"},
    {"routing.overflow[].to_group", S, 0, 0, 0, NULL, "", "none", "group (or to_outsourcer)"},
    {"routing.overflow[].to_outsourcer", S, 0, 0, 0, NULL, "", "none", "outsourcer (or to_group)"},

    /* outbound campaign */
    {"outbound", O, 0, 0, 0, NULL, "", "none", "an outbound campaign dialed by one group"},
    {"outbound.group", S, REQ, 0, 0, NULL, "", "required", "the group whose agents dial"},
    {"outbound.records", I, 0, 0, 10000000, NULL, "records/day", "0",
     "new customer records joining the list at start each day"},
    {"outbound.start_s", N, 0, 0, 86400, NULL, "s", "32400",
     "dialing hours, every day: start, seconds since midnight (inclusive)"},
    {"outbound.end_s", N, 0, 0, 86400, NULL, "s", "61200",
     "dialing hours, every day: end, seconds since midnight (exclusive)"},
    {"outbound.attempts", I, 0, 1, 20, NULL, "dials", "3", "dials per record at most"},
    {"outbound.retry_delay_s", N, 0, 0, 1e7, NULL, "s", "3600",
     "no answer or machine: delay before the record may be dialed again"},
    {"outbound.right_party_share", N, 0, 0, 1, NULL, "share", "0.3",
     "of dials: the right party answers (a contact: talk_time, then wrap_up)"},
    {"outbound.machine_share", N, 0, 0, 1, NULL, "share", "0.2",
     "of dials: an answering machine (retried)"},
    {"outbound.no_answer_share", N, 0, 0, 1, NULL, "share", "0.4",
     "of dials: nobody answers (retried); wrong party: 1 - the three shares"},
    {"outbound.dial_s", N, 0, 0, 3600, NULL, "s", "20", "agent time of every dial (ringing)"},
    {"outbound.inbound_reserve", I, 0, 0, 100000, NULL, "agents", "0",
     "blend threshold: the group dials only while more of its agents than this are idle"},
    OB_DIST_ROWS("outbound.talk_time", REQ, "required", "right-party contact talk time"),
    OB_DIST_ROWS("outbound.wrap_up", 0, "none", "after-call work after a right-party contact"),

    /* shifts */
    {"shifts", A, 0, 0, 0, NULL, "", "none", "shift templates for `omnisim schedule`"},
    {"shifts[]", O, 0, 0, 0, NULL, "", "", "one template"},
    {"shifts[].name", S, REQ, 0, 0, NULL, "", "required", "unique template name"},
    {"shifts[].group", S, REQ, 0, 0, NULL, "", "required", "group it staffs"},
    {"shifts[].starts", A, REQ, 0, 0, NULL, "HH:MM", "required", "allowed start times"},
    {"shifts[].starts[]", S, 0, 0, 0, NULL, "HH:MM", "", "a start time"},
    {"shifts[].length_s", N, REQ | GT0, 0, 86400, NULL, "s", "required", "paid length"},
    {"shifts[].breaks", A, 0, 0, 0, NULL, "", "none", "breaks, up to 4"},
    {"shifts[].breaks[]", O, 0, 0, 0, NULL, "", "", "one break"},
    {"shifts[].breaks[].earliest_start_s", N, 0, 0, 86400, NULL, "s", "0",
     "earliest start after shift start"},
    {"shifts[].breaks[].latest_start_s", N, 0, 0, 86400, NULL, "s", "earliest_start_s",
     "latest start after shift start"},
    {"shifts[].breaks[].length_s", N, REQ | GT0, 0, 14400, NULL, "s", "required", "length"},
    {"shifts[].breaks[].paid", B, 0, 0, 0, NULL, "", "false", "paid break"},
    {"shifts[].days", A, 0, 0, 0, NULL, "", "mon-fri", "weekdays the template may be worked"},
    {"shifts[].days[]", S, 0, 0, 0, DAYS, "", "", "a weekday"},
    {"shifts[].min_count", I, 0, 0, 100000, NULL, "shifts/week", "0", "minimum per week"},
    {"shifts[].max_count", I, 0, 0, 100000, NULL, "shifts/week", "unlimited", "maximum per week"},
    {"shifts[].cost_eur", N, 0, 0, 1e6, NULL, "EUR", "0 (group cost x paid hours)",
     "cost per shift"},

    /* workforce */
    {"workforce", O, 0, 0, 0, NULL, "", "", "long-term capacity"},
    {"workforce.attrition_per_year", N, 0, 0, 1, NULL, "share/year", "0.2", "staff leaving"},
    {"workforce.hiring_lead_time_days", N, 0, 0, 3650, NULL, "days", "30", "time to hire"},
    {"workforce.training_days", N, 0, 0, 3650, NULL, "days", "10", "training time"},
    {"workforce.training_productivity", N, 0, 0, 1, NULL, "share", "0",
     "productivity while training"},

    /* costs */
    {"costs", O, 0, 0, 0, NULL, "", "", "cost model"},
    {"costs.agent_cost_per_hour_eur", N, 0, 0, 10000, NULL, "EUR/h", "35",
     "default loaded cost per paid agent hour"},
    {"costs.supervisor_ratio", N, 0, 0, 1, NULL, "per agent", "0.08", "supervisors per agent"},
    {"costs.supervisor_cost_per_hour_eur", N, 0, 0, 10000, NULL, "EUR/h", "50",
     "supervisor cost per paid hour"},
    {"costs.overhead_ratio", N, 0, 0, 10, NULL, "share", "0.1", "overhead as share of people cost"},
    {"costs.platform", S, 0, 0, 0, "on_premise|cloud", "", "on_premise", "platform at the start"},
    {"costs.on_premise", O, 0, 0, 0, NULL, "", "", "on-premise costs"},
    {"costs.on_premise.capex_eur", N, 0, 0, 1e12, NULL, "EUR", "0", "investment"},
    {"costs.on_premise.depreciation_years", N, GT0, 0, 50, NULL, "years", "5", "depreciation"},
    {"costs.on_premise.maintenance_per_year_eur", N, 0, 0, 1e12, NULL, "EUR/year", "0",
     "maintenance"},
    {"costs.on_premise.maintenance_growth_per_year", N, 0, 0, 1, NULL, "share/year", "0.05",
     "maintenance growth"},
    {"costs.on_premise.licence_per_seat_per_year_eur", N, 0, 0, 1e6, NULL, "EUR/seat/year", "0",
     "licences"},
    {"costs.cloud", O, 0, 0, 0, NULL, "", "", "cloud costs"},
    {"costs.cloud.per_seat_per_month_eur", N, 0, 0, 1e6, NULL, "EUR/seat/month", "0", "seats"},
    {"costs.cloud.per_minute_eur", N, 0, 0, 100, NULL, "EUR/min", "0", "usage"},
    {"costs.cloud.migration_cost_eur", N, 0, 0, 1e12, NULL, "EUR", "0", "one-off migration"},
    {"costs.cloud.migration_months", N, 0, 0, 120, NULL, "months", "6", "migration duration"},
    {"costs.cloud.migration_year", I, 0, 0, 2200, NULL, "year", "0 (never)",
     "year the cloud starts"},
    {"costs.telephony_per_minute_eur", N, 0, 0, 100, NULL, "EUR/min", "0", "voice/video minutes"},
    {"costs.discount_rate", N, 0, 0, 1, NULL, "share/year", "0.05", "NPV discount rate"},

    /* outsourcers */
    {"outsourcers", A, 0, 0, 0, NULL, "", "none", "outsourcers, up to 16"},
    {"outsourcers[]", O, 0, 0, 0, NULL, "", "", "one outsourcer"},
    {"outsourcers[].name", S, REQ, 0, 0, NULL, "", "required", "unique name"},
    {"outsourcers[].channels", A, REQ, 0, 0, NULL, "", "required", "channels it serves"},
    {"outsourcers[].channels[]", S, 0, 0, 0, NULL, "", "", "a channel name"},
    {"outsourcers[].mode", S, 0, 0, 0, "share|overflow", "", "share", "fixed share or overflow"},
    {"outsourcers[].share", N, 0, 0, 1, NULL, "share", "0",
     "share mode: share of its channels' arrivals"},
    {"outsourcers[].pricing", S, 0, 0, 0, "per_contact|per_minute", "", "per_contact", "pricing"},
    {"outsourcers[].price_eur", N, 0, 0, 1e4, NULL, "EUR", "0", "price per contact or minute"},
    {"outsourcers[].agents", I, REQ, 0, 100000, NULL, "agents", "required", "capacity"},
    {"outsourcers[].handle_time_factor", N, GT0, 0, 100, NULL, "", "1",
     "multiplies handle-time means"},
    {"outsourcers[].sla", O, 0, 0, 0, NULL, "", "", "service-level agreement"},
    {"outsourcers[].sla.target", N, 0, 0, 1, NULL, "share", "0.8", "share within threshold"},
    {"outsourcers[].sla.threshold_s", N, 0, 0, 2592000, NULL, "s", "20", "threshold"},
    {"outsourcers[].sla.period", S, 0, 0, 0, "interval|day|week|month", "", "month",
     "measurement period"},
    {"outsourcers[].sla.abandon_ceiling", N, 0, 0, 1, NULL, "share", "1 (none)",
     "maximum abandoned share"},
    {"outsourcers[].sla.penalty_eur", N, 0, 0, 1e9, NULL, "EUR/period", "0", "per period missed"},
    {"outsourcers[].sla.bonus_eur", N, 0, 0, 1e9, NULL, "EUR/period", "0", "per period met"},

    /* policies */
    {"policies", A, 0, 0, 0, NULL, "", "none", "named override sets"},
    {"policies[]", O, 0, 0, 0, NULL, "", "", "one policy"},
    {"policies[].name", S, REQ, 0, 0, NULL, "", "required", "unique policy name"},
    {"policies[].description", S, 0, 0, 0, NULL, "", "\"\"", "what it changes and why"},
    {"policies[].changes", A, REQ, 0, 0, NULL, "", "required", "overrides, applied in order"},
    {"policies[].changes[]", O, 0, 0, 0, NULL, "", "", "one override"},
    {"policies[].changes[].path", S, REQ, 0, 0, NULL, "", "required", "override path"},
    {"policies[].changes[].value", SCENARIO_SCHEMA_ANY, REQ | OPQ, 0, 0, NULL, "", "required",
     "new value (any JSON)"},

    /* roadmap */
    {"roadmap", O, 0, 0, 0, NULL, "", "none", "multi-year roadmap"},
    {"roadmap.first_year", I, 0, 1900, 2200, NULL, "year", "year", "first year"},
    {"roadmap.last_year", I, 0, 1900, 2200, NULL, "year", "first_year", "last year"},
    {"roadmap.volume_growth_per_year", N, 0, -0.5, 1, NULL, "share/year", "0",
     "total demand growth"},
    {"roadmap.channel_growth_per_year", O, MAP | CHK, 0, 0, NULL, "share/year", "{}",
     "extra growth per channel name"},
    {"roadmap.channel_growth_per_year.*", N, 0, -0.5, 1, NULL, "share/year", "0", "growth"},
    {"roadmap.segment_share_drift_per_year", O, MAP | SGK, 0, 0, NULL, "share/year", "{}",
     "change of a segment's share per year (absolute); renormalised"},
    {"roadmap.segment_share_drift_per_year.*", N, 0, -1, 1, NULL, "share/year", "0", "drift"},
    {"roadmap.preference_shifts", A, 0, 0, 0, NULL, "", "none",
     "preference moving from channels to others each year"},
    {"roadmap.preference_shifts[]", O, 0, 0, 0, NULL, "", "", "one shift"},
    {"roadmap.preference_shifts[].segment", S, 0, 0, 0, NULL, "", "every segment", "segment"},
    {"roadmap.preference_shifts[].from", A, REQ, 0, 0, NULL, "", "required", "channel names"},
    {"roadmap.preference_shifts[].from[]", S, 0, 0, 0, NULL, "", "", "a channel name"},
    {"roadmap.preference_shifts[].to", O, REQ | MAP | CHK, 0, 0, NULL, "share", "required",
     "weights of receiving channels; sum to 1"},
    {"roadmap.preference_shifts[].to.*", N, 0, 0, 1, NULL, "share", "0", "weight"},
    {"roadmap.preference_shifts[].share_per_year", N, REQ, 0, 1, NULL, "share/year", "required",
     "share of the from-preference moved each year"},
    {"roadmap.steps", A, 0, 0, 0, NULL, "", "none", "policies switched on by year"},
    {"roadmap.steps[]", O, 0, 0, 0, NULL, "", "", "one step"},
    {"roadmap.steps[].year", I, REQ, 1900, 2200, NULL, "year", "required", "year"},
    {"roadmap.steps[].policy", S, REQ, 0, 0, NULL, "", "required", "policy name"},
    {"roadmap.steps[].stage", S, 0, 0, 0, "single|multiple|cross|omni", "", "\"\"",
     "readiness stage reached"},
};

#define SCHEMA_COUNT (sizeof schema_fields / sizeof schema_fields[0])

size_t scenario_schema_count(void)
{
    return SCHEMA_COUNT;
}

const scenario_schema_field *scenario_schema_get(size_t i)
{
    return i < SCHEMA_COUNT ? &schema_fields[i] : NULL;
}

const scenario_schema_field *scenario_schema_find(const char *generic_path)
{
    for (size_t i = 0; i < SCHEMA_COUNT; i++)
        if (strcmp(schema_fields[i].path, generic_path) == 0)
            return &schema_fields[i];
    return NULL;
}

size_t scenario_schema_distance(const char *a, const char *b, size_t cap)
{
    /* Two-row Levenshtein on at most 63 characters; longer names are never suggestions. */
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63)
        return cap + 1;
    size_t prev[64], cur[64];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        size_t row_min = cur[0];
        for (size_t j = 1; j <= lb; j++) {
            size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
            size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
            size_t m = sub < del ? sub : del;
            cur[j] = m < ins ? m : ins;
            if (cur[j] < row_min)
                row_min = cur[j];
        }
        if (row_min > cap)
            return cap + 1;
        memcpy(prev, cur, (lb + 1) * sizeof prev[0]);
    }
    return prev[lb] > cap ? cap + 1 : prev[lb];
}

/* ---------------------------------------------------------------------------------------- */
/* Defaults (the forms are listed in scenario_schema.h)                                     */

static int choice_ok(const char *choices, const char *s);

/* The part of f's default that applies to `kind`: the whole text, or for a BY_KIND row the
 * VALUE of the first entry naming the kind (or "others"). [*v, *v + *n); 0 when none. */
static int default_part(const scenario_schema_field *f, const char *kind, const char **v,
                        size_t *n)
{
    if (f == NULL || f->def == NULL)
        return 0;
    if (!(f->flags & SCENARIO_SCHEMA_BY_KIND)) {
        *v = f->def;
        *n = strlen(f->def);
        return 1;
    }
    if (kind == NULL)
        return 0;
    size_t klen = strlen(kind);
    const char *p = f->def;
    while (*p != '\0') {
        const char *open = strstr(p, " (");
        const char *close = open != NULL ? strchr(open, ')') : NULL;
        if (close == NULL)
            return 0;
        for (const char *k = open + 2; k < close;) {
            size_t len = strcspn(k, ",)");
            if ((len == klen && strncmp(k, kind, len) == 0)
                || (len == 6 && strncmp(k, "others", 6) == 0)) {
                *v = p;
                *n = (size_t)(open - p);
                return 1;
            }
            k += len;
            if (strncmp(k, ", ", 2) == 0)
                k += 2;
        }
        p = close + 1;
        if (strncmp(p, ", ", 2) != 0)
            break;
        p += 2;
    }
    return 0;
}

/* Copy [v, v + n) into buf as a string; 0 when it does not fit. */
static int copy_part(const char *v, size_t n, char *buf, size_t size)
{
    if (n >= size)
        return 0;
    memcpy(buf, v, n);
    buf[n] = '\0';
    return 1;
}

int scenario_schema_default_text(const scenario_schema_field *f, const char *kind, char *buf,
                                 size_t n)
{
    const char *v;
    size_t len;
    char tmp[128];
    if (!default_part(f, kind, &v, &len) || !copy_part(v, len, tmp, sizeof tmp))
        return 0;
    if (f->types & (SCENARIO_SCHEMA_OBJECT | SCENARIO_SCHEMA_ARRAY))
        return 0; /* an object's or array's text says what its absence means */
    if (f->types & (SCENARIO_SCHEMA_NUMBER | SCENARIO_SCHEMA_INTEGER)) {
        /* a number, then nothing or one " (note)" */
        char *end;
        double x = strtod(tmp, &end);
        if (end == tmp || !isfinite(x))
            return 0;
        const char *close = strchr(end, ')');
        if (*end != '\0' && !(strncmp(end, " (", 2) == 0 && close != NULL && close[1] == '\0'))
            return 0;
        return copy_part(tmp, (size_t)(end - tmp), buf, n);
    }
    if (f->types & SCENARIO_SCHEMA_BOOL)
        return (strcmp(tmp, "false") == 0 || strcmp(tmp, "true") == 0)
               && copy_part(tmp, len, buf, n);
    if (f->types & SCENARIO_SCHEMA_STRING) {
        if (len >= 2 && tmp[0] == '"' && tmp[len - 1] == '"'
            && memchr(tmp + 1, '"', len - 2) == NULL && memchr(tmp, '\\', len) == NULL)
            return copy_part(tmp + 1, len - 2, buf, n);
        return f->choices != NULL && choice_ok(f->choices, tmp) && copy_part(tmp, len, buf, n);
    }
    return 0;
}

int scenario_schema_default_number(const scenario_schema_field *f, const char *kind,
                                   double *out)
{
    char buf[64];
    if (f == NULL || !(f->types & (SCENARIO_SCHEMA_NUMBER | SCENARIO_SCHEMA_INTEGER))
        || !scenario_schema_default_text(f, kind, buf, sizeof buf))
        return 0;
    *out = strtod(buf, NULL);
    return 1;
}

int scenario_schema_default_mean(const scenario_schema_field *f, const char *kind,
                                 double *mean_s)
{
    static const char head[] = "exponential, ";
    const char *v;
    size_t len;
    char tmp[64];
    if (f == NULL || !(f->types & SCENARIO_SCHEMA_OBJECT) || !default_part(f, kind, &v, &len)
        || !copy_part(v, len, tmp, sizeof tmp) || strncmp(tmp, head, sizeof head - 1) != 0)
        return 0;
    char *end;
    double x = strtod(tmp + sizeof head - 1, &end);
    if (end == tmp + sizeof head - 1 || strcmp(end, " s") != 0 || !(x > 0) || !isfinite(x))
        return 0;
    *mean_s = x;
    return 1;
}

/* ---------------------------------------------------------------------------------------- */
/* The check                                                                                */

#define PATH_MAX_LEN SIM_ERROR_PATH_MAX
#define MAX_OBJECT_MEMBERS 1000

/* The nearest known child name of generic parent `gparent` to `key`, or NULL. */
static const char *suggest(const char *gparent, const char *key)
{
    size_t plen = strlen(gparent);
    size_t klen = strlen(key);
    size_t cap = klen < 6 ? 2 : klen / 3 + 1;
    const char *best = NULL;
    size_t best_d = cap + 1;
    for (size_t i = 0; i < SCHEMA_COUNT; i++) {
        const char *p = schema_fields[i].path;
        const char *child;
        if (plen == 0) {
            child = p;
        } else {
            if (strncmp(p, gparent, plen) != 0 || p[plen] != '.')
                continue;
            child = p + plen + 1;
        }
        if (strchr(child, '.') != NULL || strchr(child, '[') != NULL)
            continue;
        size_t d = scenario_schema_distance(key, child, cap);
        if (d < best_d) {
            best_d = d;
            best = child;
        }
    }
    return best;
}

/* The known child names of generic parent `gparent` as "a, b or c" into buf, when there are
 * at most `max` of them (a short list helps where no name is near enough to suggest, e.g. a
 * made-up "mon-fri" among the day keys of opening hours). Returns 0 when there are more, or
 * none, or they do not fit. */
static int children_text(const char *gparent, size_t max, char *buf, size_t n)
{
    size_t plen = strlen(gparent);
    const char *kids[16];
    size_t k = 0;
    for (size_t i = 0; i < SCHEMA_COUNT; i++) {
        const char *p = schema_fields[i].path;
        const char *child = p;
        if (plen > 0) {
            if (strncmp(p, gparent, plen) != 0 || p[plen] != '.')
                continue;
            child = p + plen + 1;
        }
        if (strchr(child, '.') != NULL || strchr(child, '[') != NULL || strcmp(child, "*") == 0)
            continue;
        if (k >= max || k >= sizeof kids / sizeof kids[0])
            return 0;
        kids[k++] = child;
    }
    if (k == 0)
        return 0;
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < k; i++) {
        const char *sep = i == 0 ? "" : (i + 1 == k ? " or " : ", ");
        int w = snprintf(buf + used, n - used, "%s%s", sep, kids[i]);
        if (w < 0 || (size_t)w >= n - used)
            return 0;
        used += (size_t)w;
    }
    return 1;
}

static const char *type_name(const cJSON *v)
{
    if (cJSON_IsNumber(v))
        return "a number";
    if (cJSON_IsString(v))
        return "a string";
    if (cJSON_IsBool(v))
        return "a boolean";
    if (cJSON_IsNull(v))
        return "null";
    if (cJSON_IsArray(v))
        return "an array";
    if (cJSON_IsObject(v))
        return "an object";
    return "an invalid value";
}

static void expected_types(unsigned types, char *buf, size_t n)
{
    static const struct {
        unsigned bit;
        const char *name;
    } names[] = {{SCENARIO_SCHEMA_NUMBER, "a number"}, {SCENARIO_SCHEMA_INTEGER, "an integer"},
                 {SCENARIO_SCHEMA_STRING, "a string"}, {SCENARIO_SCHEMA_BOOL, "a boolean"},
                 {SCENARIO_SCHEMA_OBJECT, "an object"}, {SCENARIO_SCHEMA_ARRAY, "an array"}};
    buf[0] = '\0';
    size_t used = 0;
    int first = 1;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (!(types & names[i].bit))
            continue;
        int w = snprintf(buf + used, n - used, "%s%s", first ? "" : " or ", names[i].name);
        if (w < 0 || (size_t)w >= n - used)
            return;
        used += (size_t)w;
        first = 0;
    }
}

static int choice_ok(const char *choices, const char *s)
{
    size_t n = strlen(s);
    const char *p = choices;
    while (*p != '\0') {
        const char *bar = strchr(p, '|');
        size_t len = bar != NULL ? (size_t)(bar - p) : strlen(p);
        if (len == n && strncmp(p, s, n) == 0)
            return 1;
        if (bar == NULL)
            break;
        p = bar + 1;
    }
    return 0;
}

/* Print "a, b or c" from "a|b|c". */
static void choices_text(const char *choices, char *buf, size_t n)
{
    size_t used = 0;
    const char *p = choices;
    int k = 0;
    buf[0] = '\0';
    while (*p != '\0' && used + 1 < n) {
        const char *bar = strchr(p, '|');
        size_t len = bar != NULL ? (size_t)(bar - p) : strlen(p);
        const char *sep = k == 0 ? "" : (bar == NULL ? " or " : ", ");
        int w = snprintf(buf + used, n - used, "%s%.*s", sep, (int)len, p);
        if (w < 0 || (size_t)w >= n - used)
            return;
        used += (size_t)w;
        k++;
        if (bar == NULL)
            break;
        p = bar + 1;
    }
}

static int types_match(unsigned types, const cJSON *v)
{
    if (types == SCENARIO_SCHEMA_ANY)
        return 1; /* includes null: an override with null removes a field */
    if ((types & SCENARIO_SCHEMA_NUMBER) && cJSON_IsNumber(v))
        return 1;
    if ((types & SCENARIO_SCHEMA_INTEGER) && cJSON_IsNumber(v))
        return 1; /* integrality is checked with the range, for a clearer message */
    if ((types & SCENARIO_SCHEMA_STRING) && cJSON_IsString(v))
        return 1;
    if ((types & SCENARIO_SCHEMA_BOOL) && cJSON_IsBool(v))
        return 1;
    if ((types & SCENARIO_SCHEMA_OBJECT) && cJSON_IsObject(v))
        return 1;
    if ((types & SCENARIO_SCHEMA_ARRAY) && cJSON_IsArray(v))
        return 1;
    return 0;
}

typedef struct walk {
    scenario_ctx *ctx;
    size_t errors;
} walk;

static void check_value(walk *w, const cJSON *v, const scenario_schema_field *f, char *path,
                        char *gpath);

/* Append to a path buffer; return the old length so the caller can truncate back. Paths that
 * would not fit are cut (the position lookup then finds the longest existing prefix). */
static size_t path_push(char *buf, const char *fmt, const char *s, size_t idx)
{
    size_t len = strlen(buf);
    if (s != NULL)
        snprintf(buf + len, PATH_MAX_LEN - len, fmt, s);
    else
        snprintf(buf + len, PATH_MAX_LEN - len, fmt, idx);
    return len;
}

static void report(walk *w, const char *path, const char *fmt, const char *a, const char *b)
{
    w->errors++;
    scenario_json_error(w->ctx, SIM_EINVAL, path, fmt, a, b);
}

/* Objects with at most this many known fields list them when an unknown key is not near any. */
#define LIST_CHILDREN_MAX 12

/* `key` at `path` is no field of generic parent `gparent`: say so, with the nearest name, or
 * the list of names when the object has few. */
static void report_unknown(walk *w, const char *path, const char *gparent, const char *key)
{
    const char *s = suggest(gparent, key);
    char list[SIM_ERROR_MESSAGE_MAX - 64];
    if (s != NULL)
        report(w, path, "unknown field; did you mean %s?%s", s, "");
    else if (children_text(gparent, LIST_CHILDREN_MAX, list, sizeof list))
        report(w, path, "unknown field; expected one of %s%s", list, "");
    else
        report(w, path, "unknown field%s%s", "", "");
}

static void check_object(walk *w, const cJSON *obj, const scenario_schema_field *f, char *path,
                         char *gpath)
{
    size_t members = 0;
    for (const cJSON *c = obj->child; c != NULL; c = c->next)
        members++;
    if (members > MAX_OBJECT_MEMBERS) {
        w->errors++;
        scenario_json_error(w->ctx, SIM_ELIMIT, path,
                            "object has %zu fields; at most %d are allowed", members,
                            MAX_OBJECT_MEMBERS);
        return;
    }
    int is_map = f != NULL && (f->flags & SCENARIO_SCHEMA_MAP);
    for (const cJSON *c = obj->child; c != NULL; c = c->next) {
        const char *key = c->string != NULL ? c->string : "";
        size_t pl = path_push(path, path[0] != '\0' ? ".%s" : "%s", key, 0);
        /* duplicate keys: cJSON keeps both and reads the first, which would hide a typo */
        for (const cJSON *d = obj->child; d != c; d = d->next) {
            if (d->string != NULL && strcmp(d->string, key) == 0) {
                report(w, path, "duplicate field%s%s; each field may appear once", "", "");
                break;
            }
        }
        size_t gl = path_push(gpath, gpath[0] != '\0' ? ".%s" : "%s", is_map ? "*" : key, 0);
        const scenario_schema_field *cf = scenario_schema_find(gpath);
        if (cf == NULL) {
            gpath[gl] = '\0';
            report_unknown(w, path, gpath, key);
        } else {
            check_value(w, c, cf, path, gpath);
        }
        path[pl] = '\0';
        gpath[gl] = '\0';
    }
    if (is_map)
        return;
    /* required children */
    size_t glen = strlen(gpath);
    for (size_t i = 0; i < SCHEMA_COUNT; i++) {
        const scenario_schema_field *cf = &schema_fields[i];
        if (!(cf->flags & SCENARIO_SCHEMA_REQUIRED))
            continue;
        const char *child;
        if (glen == 0) {
            child = cf->path;
        } else {
            if (strncmp(cf->path, gpath, glen) != 0 || cf->path[glen] != '.')
                continue;
            child = cf->path + glen + 1;
        }
        if (strchr(child, '.') != NULL || strchr(child, '[') != NULL)
            continue;
        if (cJSON_GetObjectItemCaseSensitive(obj, child) == NULL) {
            w->errors++;
            scenario_json_error(w->ctx, SIM_EINVAL, path, "missing required field '%s'", child);
        }
    }
}

static void check_value(walk *w, const cJSON *v, const scenario_schema_field *f, char *path,
                        char *gpath)
{
    if (!types_match(f->types, v)) {
        char exp[96];
        expected_types(f->types, exp, sizeof exp);
        report(w, path, "expected %s, got %s", exp, type_name(v));
        return;
    }
    if (f->flags & SCENARIO_SCHEMA_OPAQUE)
        return; /* e.g. a policy's value: checked after it is applied */
    if (cJSON_IsNumber(v)) {
        double x = v->valuedouble;
        char buf[160];
        if (!isfinite(x)) {
            report(w, path, "number is not finite (too large)%s%s", "", "");
            return;
        }
        if ((f->types & SCENARIO_SCHEMA_INTEGER) && !(f->types & SCENARIO_SCHEMA_NUMBER)
            && x != floor(x)) {
            snprintf(buf, sizeof buf, "%.15g", x);
            report(w, path, "expected an integer, got %s%s", buf, "");
            return;
        }
        int low = (f->flags & SCENARIO_SCHEMA_MIN_OPEN) ? !(x > f->min) : !(x >= f->min);
        if (low || x > f->max) {
            snprintf(buf, sizeof buf, "%.15g is out of range %s%g, %g]", x,
                     (f->flags & SCENARIO_SCHEMA_MIN_OPEN) ? "(" : "[", f->min, f->max);
            report(w, path, "%s%s", buf, "");
        }
        return;
    }
    if (cJSON_IsString(v) && f->choices != NULL) {
        if (!choice_ok(f->choices, v->valuestring)) {
            char buf[200];
            choices_text(f->choices, buf, sizeof buf);
            char got[72];
            snprintf(got, sizeof got, "%s", v->valuestring);
            w->errors++;
            scenario_json_error(w->ctx, SIM_EINVAL, path, "'%s' is not one of %s", got, buf);
        }
        return;
    }
    if (cJSON_IsObject(v)) {
        check_object(w, v, f, path, gpath);
        return;
    }
    if (cJSON_IsArray(v)) {
        size_t gl = path_push(gpath, "%s", "[]", 0);
        const scenario_schema_field *ef = scenario_schema_find(gpath);
        if (ef != NULL) {
            size_t idx = 0;
            for (const cJSON *c = v->child; c != NULL; c = c->next, idx++) {
                size_t pl = path_push(path, "[%zu]", NULL, idx);
                check_value(w, c, ef, path, gpath);
                path[pl] = '\0';
                if (w->errors > SCENARIO_DIAG_MAX)
                    break; /* a long array of bad numbers: enough said */
            }
        }
        gpath[gl] = '\0';
    }
}

size_t scenario_schema_check(scenario_ctx *ctx, const cJSON *root)
{
    walk w = {ctx, 0};
    char path[PATH_MAX_LEN] = "";
    char gpath[PATH_MAX_LEN] = "";
    if (!cJSON_IsObject(root)) {
        scenario_json_error(ctx, SIM_EINVAL, "", "a scenario must be a JSON object, got %s",
                            type_name(root));
        return 1;
    }
    static const scenario_schema_field root_field = {"", SCENARIO_SCHEMA_OBJECT, 0, 0, 0, NULL,
                                                     "", "", ""};
    check_object(&w, root, &root_field, path, gpath);
    /* Includes are resolved (and removed from the tree) as each file is read, so one still
     * here was written by an override, and would be ignored without a word. */
    if (cJSON_GetObjectItemCaseSensitive(root, "include") != NULL)
        report(&w, "include",
               "an include is read with the file that names it; it cannot be set by --set or a "
               "policy%s%s",
               "", "");
    return w.errors;
}

/* ---------------------------------------------------------------------------------------- */
/* Removing what is not there                                                               */

/* The nearest of the names of the elements of root's array `list` (their "name" strings) to
 * `name`, within two edits (the converter's rule for references), or NULL. */
static const char *nearest_element(const cJSON *root, const char *list, const char *name,
                                   int *found)
{
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, list);
    const char *best = NULL;
    size_t best_d = 3;
    *found = 0;
    for (const cJSON *e = cJSON_IsArray(arr) ? arr->child : NULL; e != NULL; e = e->next) {
        const cJSON *nm = cJSON_GetObjectItemCaseSensitive(e, "name");
        if (!cJSON_IsString(nm))
            continue;
        if (strcmp(nm->valuestring, name) == 0)
            *found = 1;
        size_t d = scenario_schema_distance(name, nm->valuestring, 2);
        if (d < best_d) {
            best_d = d;
            best = nm->valuestring;
        }
    }
    return best;
}

size_t scenario_schema_check_absent(scenario_ctx *ctx, const cJSON *root, const char *path)
{
    /* Generic path of the override path: "[n]" and names that select an array element become
     * "[]", a map's key becomes "*". */
    char gpath[PATH_MAX_LEN] = "", gparent[PATH_MAX_LEN] = "", key[PATH_MAX_LEN] = "";
    const scenario_schema_field *parent = NULL;
    const char *p = path;
    walk w = {ctx, 0};
    while (*p != '\0') {
        snprintf(gparent, sizeof gparent, "%s", gpath);
        parent = gpath[0] != '\0' ? scenario_schema_find(gpath) : NULL;
        size_t gl = strlen(gpath);
        if (*p == '[') {
            const char *end = strchr(p, ']');
            if (end == NULL)
                return 0; /* malformed paths are refused by the override itself */
            snprintf(gpath + gl, sizeof gpath - gl, "[]");
            key[0] = '\0';
            p = end + 1;
        } else {
            size_t n = strcspn(p, ".[");
            snprintf(key, sizeof key, "%.*s", (int)n, p);
            int element = parent != NULL && (parent->types & SCENARIO_SCHEMA_ARRAY)
                          && !(parent->types & SCENARIO_SCHEMA_OBJECT);
            int map = parent != NULL && (parent->flags & SCENARIO_SCHEMA_MAP);
            snprintf(gpath + gl, sizeof gpath - gl, "%s%s", gl > 0 && !element ? "." : "",
                     element ? "[]" : (map ? "*" : key));
            p += n;
        }
        if (scenario_schema_find(gpath) == NULL) {
            /* the first segment that names nothing is the typo: report there */
            char at[PATH_MAX_LEN];
            snprintf(at, sizeof at, "%.*s", (int)(p - path), path);
            if (key[0] != '\0')
                report_unknown(&w, at, gparent, key);
            return w.errors;
        }
        if (*p == '.')
            p++;
    }
    const scenario_schema_field *f = scenario_schema_find(gpath);
    if (f == NULL)
        return 0; /* an empty path: refused by the override itself */
    if (parent == NULL || !(parent->flags & SCENARIO_SCHEMA_MAP) || key[0] == '\0')
        return 0;
    /* a map's key must be a name even when there is nothing to remove */
    int channels = (parent->flags & SCENARIO_SCHEMA_CHANNEL_KEYS) != 0;
    int found = 0;
    const char *best = nearest_element(root, channels ? "channels" : "segments", key, &found);
    if (!channels) {
        const cJSON *segs = cJSON_GetObjectItemCaseSensitive(root, "segments");
        if (!cJSON_IsArray(segs) || segs->child == NULL) {
            /* no segments: the one implicit segment "all" */
            found = strcmp(key, "all") == 0;
            best = scenario_schema_distance(key, "all", 2) <= 2 ? "all" : NULL;
        }
    }
    if (found)
        return 0;
    w.errors++;
    if (best != NULL)
        scenario_json_error(ctx, SIM_EINVAL, path, "unknown %s '%.64s'; did you mean %s?",
                            channels ? "channel" : "segment", key, best);
    else
        scenario_json_error(ctx, SIM_EINVAL, path, "unknown %s '%.64s'",
                            channels ? "channel" : "segment", key);
    return w.errors;
}
