/* test_scenario.c -- the scenario loader: every shipped scenario loads, every class of error
 * gets its exact message with a line and column, includes, overrides and policies, limits,
 * and allocation failure at every point of a load (no crash, no leak).
 *
 * Bad files live in tests/data/scenarios/bad/, one per error class; include trees in
 * tests/data/scenarios/include/. Messages are compared exactly: they are the interface a
 * planner reads.
 */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <malloc.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "scenario.h"
#include "scenario_default.h"
#include "scenario_load.h"
#include "sim_alloc.h"

#define DATA OMNISIM_SOURCE_DIR "/tests/data/scenarios"
#define SHIPPED OMNISIM_SOURCE_DIR "/scenarios"

/* Load a file and return the formatted diagnostics without the file name prefix, one per
 * line, into buf. Returns the status. */
static sim_status load_and_format(const char *path, const scenario_load_opts *opts, char *buf,
                                  size_t n, scenario **out)
{
    scenario_diag diag;
    scenario_diag_init(&diag);
    scenario *scn = NULL;
    sim_status st = scenario_load_file(path, opts, &scn, &diag);
    buf[0] = '\0';
    size_t used = 0;
    for (size_t i = 0; i < scenario_diag_count(&diag); i++) {
        const scenario_diag_entry *e = scenario_diag_get(&diag, i);
        const char *slash = strrchr(e->file, '/');
        int w = snprintf(buf + used, n - used, "%s:%d:%d: %s: %s\n",
                         slash != NULL ? slash + 1 : e->file, e->line, e->column, e->path,
                         e->message);
        if (w > 0 && (size_t)w < n - used)
            used += (size_t)w;
    }
    scenario_diag_fini(&diag);
    if (out != NULL)
        *out = scn;
    else
        scenario_free(scn);
    return st;
}

/* ---------------------------------------------------------------------------------------- */

static void every_shipped_scenario_should_load_and_cite_its_sources(void **state)
{
    (void)state;
    DIR *d = opendir(SHIPPED);
    assert_non_null(d);
    size_t files = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        size_t len = strlen(de->d_name);
        if (len < 6 || strcmp(de->d_name + len - 5, ".json") != 0)
            continue;
        char path[1024], msgs[8192];
        snprintf(path, sizeof path, "%s/%s", SHIPPED, de->d_name);
        scenario *scn = NULL;
        sim_status st = load_and_format(path, NULL, msgs, sizeof msgs, &scn);
        if (st != SIM_OK)
            print_message("%s:\n%s", de->d_name, msgs);
        assert_int_equal(st, SIM_OK);
        assert_true(strlen(scn->description) > 40);
        assert_true(scn->n_channels >= 1);
        /* every policy applies cleanly on its own */
        for (size_t p = 0; p < scn->n_policies; p++) {
            const char *names[1] = {scn->policies[p].name};
            scenario_load_opts opts = {names, 1, NULL, 0, NULL, NULL, 0};
            scenario *variant = NULL;
            scenario_diag diag;
            scenario_diag_init(&diag);
            assert_int_equal(scenario_load_derive(scn, &opts, &variant, &diag), SIM_OK);
            scenario_free(variant);
            scenario_diag_fini(&diag);
        }
        scenario_free(scn);
        files++;
    }
    closedir(d);
    assert_true(files >= 6);
}

static void default_scenario_should_be_the_online_retailer_file_byte_for_byte(void **state)
{
    (void)state;
    FILE *f = fopen(SHIPPED "/online-retailer-2017.json", "rb");
    assert_non_null(f);
    static char buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    /* generated at build time from the JSON file: a stale build fails here */
    assert_string_equal(scenario_default_json(), buf);
    scenario *scn = NULL;
    assert_int_equal(scenario_load_default(NULL, &scn, NULL), SIM_OK);
    assert_string_equal(scn->name, "online-retailer-2017");
    assert_int_equal(scn->n_channels, 9);
    assert_int_equal(scn->demand_mode, SCENARIO_DEMAND_BY_SEGMENT);
    assert_int_equal(scn->intervals_per_day, 96);
    scenario_free(scn);
}

static void retailer_should_convert_to_the_documented_values(void **state)
{
    (void)state;
    scenario *scn = NULL;
    assert_int_equal(scenario_load_default(NULL, &scn, NULL), SIM_OK);
    size_t phone = scenario_find_channel(scn, "phone");
    size_t email = scenario_find_channel(scn, "email");
    size_t cb = scenario_find_channel(scn, "callback");
    assert_true(phone != SCENARIO_NONE && email != SCENARIO_NONE && cb != SCENARIO_NONE);
    const scenario_channel *p = &scn->channels[phone];
    assert_int_equal(p->kind, SCENARIO_CHANNEL_VOICE);
    assert_int_equal(p->handle_time.kind, SCENARIO_DIST_LOGNORMAL);
    assert_true(p->handle_time.mean_s == 420 && p->handle_time.cv == 0.8);
    assert_true(p->has_patience && p->patience.mean_s == 150);
    assert_int_equal(p->callback_channel, cb);
    assert_true(p->fcr_share == 0.75);
    /* opening hours: weekdays 08:00-21:00, Saturday 09:00-17:00, closed Sunday */
    assert_true(scenario_is_open(scn, phone, 0, 8 * 3600.0));
    assert_false(scenario_is_open(scn, phone, 0, 21 * 3600.0));
    assert_true(scenario_is_open(scn, phone, 5, 16 * 3600.0));
    assert_false(scenario_is_open(scn, phone, 6, 12 * 3600.0));
    /* shares renormalised, profiles normalised */
    double share = 0;
    for (size_t s = 0; s < scn->n_segments; s++) {
        share += scn->segments[s].population_share;
        double pref = 0, day = 0, week = 0;
        for (size_t c = 0; c < scn->n_channels; c++)
            pref += scn->segments[s].preference[c];
        for (size_t i = 0; i < scn->intervals_per_day; i++)
            day += scn->segments[s].intraday[i];
        for (int d = 0; d < 7; d++)
            week += scn->segments[s].weekday[d];
        assert_true(fabs(pref - 1) < 1e-12 && fabs(day - 1) < 1e-12 && fabs(week - 7) < 1e-12);
    }
    assert_true(fabs(share - 1) < 1e-12);
    size_t gy = scenario_find_segment(scn, "generation_y");
    assert_true(fabs(scn->segments[gy].preference[phone] - 0.294) < 1e-12);
    /* hopping: an unanswered e-mail becomes a call with probability 0.7 */
    const scenario_hop *h = scenario_hop_get(scn, 0, SCENARIO_OUTCOME_UNANSWERED, email);
    assert_true(fabs(h->to[phone] - 0.7) < 1e-12 && fabs(h->give_up - 0.3) < 1e-12);
    assert_true(h->delay.mean_s == 600);
    /* a cell no rule sets gives up */
    const scenario_hop *none = scenario_hop_get(scn, 0, SCENARIO_OUTCOME_UNRESOLVED,
                                                scenario_find_channel(scn, "selfservice"));
    assert_true(none->give_up == 1 || none->give_up < 1); /* set by the catch-all rule */
    assert_int_equal(scn->roadmap.n_steps, 3);
    assert_int_equal(scn->roadmap.steps[0].year, 2018);
    scenario_free(scn);
}

/* ---------------------------------------------------------------------------------------- */
/* One bad file per error class, exact messages                                              */

typedef struct bad_case {
    const char *file;
    sim_status status;
    const char *expected; /* all diagnostics, "FILE:LINE:COL: PATH: message\n" each */
} bad_case;

static const bad_case bad_cases[] = {
    {"syntax.json", SIM_EPARSE, "syntax.json:4:39: : syntax error: expected ',' or '}'\n"},
    {"unknown-field.json", SIM_EINVAL,
     "unknown-field.json:8:6: channels[2].patiance: unknown field; did you mean patience?\n"},
    {"wrong-type.json", SIM_EINVAL,
     "wrong-type.json:3:3: replications: expected an integer, got a string\n"},
    {"negative.json", SIM_EINVAL,
     "negative.json:4:56: channels[0].handle_time.mean_s: -300 is out of range (0, 1e+06]\n"},
    {"not-integer.json", SIM_EINVAL,
     "not-integer.json:3:3: horizon_days: expected an integer, got 7.5\n"},
    {"not-finite.json", SIM_EINVAL,
     "not-finite.json:3:3: channels: no demand: every channel's daily_volume is 0\n"
     "not-finite.json:5:6: channels[0].daily_volume: number is not finite (too large)\n"},
    {"shares.json", SIM_EINVAL,
     "shares.json:7:3: segments: segment shares sum to 0.9; they must sum to 1 (tolerance "
     "0.001)\n"},
    {"unknown-channel.json", SIM_EINVAL,
     "unknown-channel.json:5:5: channels[1]: no group or outsourcer serves channel 'chat' (add "
     "it to a group's skills or give the channel \"agents\")\n"
     "unknown-channel.json:8:42: groups[0].skills[1]: unknown channel 'chatt'; did you mean "
     "chat?\n"},
    {"unknown-group.json", SIM_EINVAL,
     "unknown-group.json:10:59: routing.overflow[0].to_group: unknown group 'backoffice'\n"},
    {"profile-length.json", SIM_EINVAL,
     "profile-length.json:6:19: channels[0].intraday: expected 24 values (one per 3600-second "
     "interval of a day), got 12\n"},
    {"bad-enum.json", SIM_EINVAL,
     "bad-enum.json:4:23: channels[0].kind: 'telephone' is not one of voice, chat, deferred, "
     "self_service, callback or video\n"},
    {"missing-required.json", SIM_EINVAL,
     "missing-required.json:4:5: channels[0]: missing required field 'kind'\n"},
    {"duplicate-name.json", SIM_EINVAL,
     "duplicate-name.json:6:6: channels[1].name: duplicate channel name 'phone' (also "
     "channels[0])\n"
     "duplicate-name.json:6:71: channels[1].agents: creates a group named 'phone', which "
     "groups[0] already uses\n"},
    {"duplicate-key.json", SIM_EINVAL,
     "duplicate-key.json:3:3: seed: duplicate field; each field may appear once\n"},
    {"not-applicable.json", SIM_EINVAL,
     "not-applicable.json:5:19: channels[0].concurrency: does not apply to a voice channel\n"},
    {"hours-typo.json", SIM_EINVAL,
     "hours-typo.json:5:29: channels[0].hours.mon-fri: unknown field; expected one of all, "
     "weekdays, weekend, mon, tue, wed, thu, fri, sat or sun\n"
     "hours-typo.json:7:29: channels[1].hours.wekdays: unknown field; did you mean weekdays?\n"},
    {"at-close.json", SIM_EINVAL,
     "at-close.json:5:19: channels[0].at_close: callback needs the channel's callback_offer "
     "(which callback channel, accept_share)\n"
     "at-close.json:7:6: channels[1].at_close: a chat channel has no callback offer; use serve, "
     "hold or abandon\n"
     "at-close.json:9:6: channels[2].at_close: a deferred channel's backlog carries over to the "
     "next opening; only hold applies\n"
     "at-close.json:10:45: channels[3].at_close: does not apply to a self_service channel\n"
     "at-close.json:12:6: channels[4].at_close: 'drop' is not one of serve, hold, abandon or "
     "callback\n"},
    {"balking.json", SIM_EINVAL,
     "balking.json:5:31: channels[0].balking.share: 1.5 is out of range [0, 1]\n"
     "balking.json:5:45: channels[0].balking.per_caller: unknown field; expected one of share, "
     "per_caller_ahead or per_announced_minute\n"
     "balking.json:7:6: channels[1].balking: does not apply to a deferred channel\n"
     "balking.json:9:16: hopping[0].outcome: outcome 'balked' cannot happen in channel 'email' "
     "(kind deferred)\n"},
    {"max-queue.json", SIM_EINVAL,
     "max-queue.json:5:38: channels[0].at_max_queue: message needs message_channel (the "
     "deferred channel taking the messages)\n"
     "max-queue.json:7:52: channels[1].message_channel: channel 'cb' is not a deferred channel "
     "(kind callback)\n"
     "max-queue.json:9:6: channels[2].at_max_queue: applies only with max_queue_s (the longest "
     "time in queue)\n"
     "max-queue.json:11:25: channels[3].at_max_queue: a chat channel has no callback offer; use "
     "abandon or message\n"
     "max-queue.json:13:25: channels[4].at_max_queue: callback needs the channel's "
     "callback_offer (which callback channel, accept_share)\n"
     "max-queue.json:15:6: channels[5].max_queue_s: 0 is out of range (0, 1e+07]\n"
     "max-queue.json:15:6: channels[5].max_queue_s: does not apply to a deferred channel\n"},
    {"callback-offer.json", SIM_EINVAL,
     "callback-offer.json:6:38: channels[0].callback_offer.estimated_wait_s: give after_wait_s "
     "(an offer after waiting) or estimated_wait_s (an offer on joining the queue), not both\n"},
    {"reach.json", SIM_EINVAL,
     "reach.json:5:19: channels[0].reach: does not apply to a voice channel\n"
     "reach.json:7:16: channels[1].reach.share: 1.2 is out of range [0, 1]\n"
     "reach.json:7:30: channels[1].reach.attempts: 0 is out of range [1, 20]\n"
     "reach.json:7:45: channels[1].reach.retry_s: unknown field; expected one of share, "
     "attempts, retry_delay_s or attempt_s\n"
     "reach.json:9:16: hopping[0].outcome: outcome 'unreached' cannot happen in channel 'phone' "
     "(kind voice)\n"},
    {"lines.json", SIM_EINVAL,
     "lines.json:5:19: channels[0].lines: 0 is out of range [1, 1e+06]\n"
     "lines.json:6:83: channels[1].lines: does not apply to a chat channel\n"
     "lines.json:8:6: channels[2].lines: expected an integer, got 2.5\n"
     "lines.json:10:16: hopping[0].outcome: outcome 'blocked' cannot happen in channel 'chat' "
     "(kind chat)\n"},
    {"wrap-up.json", SIM_EINVAL,
     "wrap-up.json:5:31: channels[0].wrap_up.mean_s: 0 is out of range (0, 1e+06]\n"
     "wrap-up.json:7:76: channels[1].wrap_up.cv: an exponential distribution has cv 1; use "
     "lognormal for another cv\n"
     "wrap-up.json:8:66: channels[2].wrap_up: does not apply to a self_service channel\n"
     "wrap-up.json:10:19: channels[3].wrap_up: missing required field 'mean_s'\n"},
    {"transfer.json", SIM_EINVAL,
     "transfer.json:5:32: channels[0].transfer.to: a channel cannot transfer to itself\n"
     "transfer.json:7:32: channels[1].transfer.to: channel 'ivr' is self-service; a transfer "
     "needs a channel served by agents\n"
     "transfer.json:10:32: channels[3].transfer.to: unknown channel 'fone'; did you mean "
     "phone?\n"
     "transfer.json:10:46: channels[3].transfer.share: 1.5 is out of range [0, 1]\n"
     "transfer.json:12:19: channels[4].transfer: missing required field 'to'\n"
     "transfer.json:14:60: channels[5].transfer.conference_share: a conference needs a "
     "real-time channel to join; 'mail' is deferred\n"},
    {"transfer-loop.json", SIM_EINVAL,
     "transfer-loop.json:5:46: channels[0].transfer.share: transfer loop phone -> chat -> "
     "phone with share 1 at every step: a contact would never leave; give one of them a "
     "share below 1\n"
     "transfer-loop.json:9:47: channels[2].transfer.share: transfer loop mail -> video -> "
     "chat2 -> mail with share 1 at every step: a contact would never leave; give one of "
     "them a share below 1\n"},
    {"outbound.json", SIM_EINVAL,
     "outbound.json:7:3: outbound: right_party_share + machine_share + no_answer_share = 1.2 "
     "> 1\n"
     "outbound.json:7:16: outbound.group: unknown group 'taem'; did you mean team?\n"
     "outbound.json:7:67: outbound.end_s: dialing ends at 32400 s, not after it starts "
     "(61200 s)\n"
     "outbound.json:9:16: outbound.talk_time: a gamma distribution needs 'cv'\n"},
    {"hours.json", SIM_EINVAL,
     "hours.json:5:42: channels[0].hours.weekdays[0]: a window must open before it closes (for "
     "hours past midnight, give two windows on consecutive days)\n"},
    {"distribution.json", SIM_EINVAL,
     "distribution.json:5:6: channels[0].handle_time: a gamma distribution needs 'cv'\n"
     "distribution.json:5:62: channels[0].handle_time.min_s: does not apply to a gamma "
     "distribution\n"
     "distribution.json:6:46: channels[0].patience.components: component shares sum to 0.9; "
     "they must sum to 1\n"
     "distribution.json:11:44: channels[1].handle_time.quantiles[1].value_s: values must not "
     "decrease as p increases (30 after 60)\n"
     "distribution.json:11:61: channels[1].handle_time.quantiles[2].p: the last point's p must "
     "be 1 (the largest value)\n"},
    {"periods.json", SIM_EINVAL,
     "periods.json:8:9: channels[0].handle_time_by_period[1].from: periods must be in order and "
     "not overlap (this one starts before the previous one ends)\n"
     "periods.json:9:26: channels[0].handle_time_by_period[2].to: a period must end after it "
     "starts (for one past midnight, give two periods)\n"
     "periods.json:10:6: channels[0].patience_by_period: needs the channel's patience (the "
     "distribution outside the periods)\n"},
    {"day-factors.json", SIM_EINVAL,
     "day-factors.json:3:57: demand.day_correlation: 1.5 is out of range [0, 1]\n"
     "day-factors.json:3:57: demand.day_correlation: a day factor per channel needs "
     "demand.mode per_channel (in by_segment mode the sources are segments)\n"},
    {"too-deep.json", SIM_ELIMIT, "too-deep.json:1:68: : nesting deeper than 32 levels\n"},
    {"bad-utf8.json", SIM_EPARSE,
     "bad-utf8.json:3:22: : invalid UTF-8 (byte 0xE9); the file must be UTF-8 text\n"},
    {"many-errors.json", SIM_EINVAL,
     "many-errors.json:2:3: name: invalid name 'many errors': use 1 to 63 letters, digits, '_' "
     "or '-'\n"
     "many-errors.json:3:3: horizon_days: 0 is out of range [1, 3660]\n"
     "many-errors.json:6:71: channels[0].handle_time.cv: an exponential distribution has cv 1; "
     "use lognormal for another cv\n"
     "many-errors.json:7:41: channels[0].fcr_share: 1.5 is out of range [0, 1]\n"
     "many-errors.json:8:5: channels[1]: missing required field 'handle_time' (agent time per "
     "contact)\n"
     "many-errors.json:8:42: channels[1].handel_time: unknown field; did you mean "
     "handle_time?\n"
     "many-errors.json:11:62: segments[0].preference.fax: unknown channel 'fax'\n"
     "many-errors.json:14:6: hopping[0].outcome: outcome 'self_service_failed' cannot happen in "
     "channel 'phone' (kind voice)\n"},
};

static void each_bad_file_should_get_its_exact_messages(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        char path[1024], msgs[8192];
        snprintf(path, sizeof path, "%s/bad/%s", DATA, bad_cases[i].file);
        sim_status st = load_and_format(path, NULL, msgs, sizeof msgs, NULL);
        if (strcmp(msgs, bad_cases[i].expected) != 0 || st != bad_cases[i].status)
            print_message("%s: got status %d and\n%s", bad_cases[i].file, (int)st, msgs);
        assert_int_equal(st, bad_cases[i].status);
        assert_string_equal(msgs, bad_cases[i].expected);
    }
}

static void every_bad_file_should_have_a_test_case(void **state)
{
    (void)state;
    DIR *d = opendir(DATA "/bad");
    assert_non_null(d);
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        int found = 0;
        for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++)
            found |= strcmp(bad_cases[i].file, de->d_name) == 0;
        if (!found)
            print_message("no test case for bad/%s\n", de->d_name);
        assert_true(found);
    }
    closedir(d);
}

static void a_missing_file_should_be_an_io_error(void **state)
{
    (void)state;
    char msgs[1024];
    assert_int_equal(load_and_format(DATA "/bad/no-such-file.json", NULL, msgs, sizeof msgs,
                                     NULL),
                     SIM_EIO);
    assert_string_equal(msgs, "no-such-file.json:0:0: : cannot open: No such file or "
                              "directory\n");
}

/* ---------------------------------------------------------------------------------------- */
/* Includes                                                                                  */

static void include_should_deep_merge_objects_and_replace_the_rest(void **state)
{
    (void)state;
    char msgs[4096];
    scenario *scn = NULL;
    assert_int_equal(load_and_format(DATA "/include/variant.json", NULL, msgs, sizeof msgs,
                                     &scn),
                     SIM_OK);
    assert_string_equal(scn->name, "variant");
    assert_int_equal(scn->horizon_days, 14);                 /* overridden */
    assert_true(scn->costs.agent_cost_per_hour_eur == 40);   /* merged object: overridden */
    assert_true(scn->costs.overhead_ratio == 0.2);           /* merged object: kept */
    assert_int_equal(scn->n_channels, 1);                    /* from the base */
    scenario_free(scn);
    /* two includes: the later one wins, arrays are replaced whole */
    assert_int_equal(load_and_format(DATA "/include/two-bases.json", NULL, msgs, sizeof msgs,
                                     &scn),
                     SIM_OK);
    assert_int_equal(scn->n_channels, 1);
    assert_string_equal(scn->channels[0].name, "chat");
    assert_int_equal(scn->replications, 3);
    assert_true(scn->costs.agent_cost_per_hour_eur == 30);
    scenario_free(scn);
}

static void include_errors_should_point_into_the_right_file(void **state)
{
    (void)state;
    char msgs[4096];
    assert_int_equal(load_and_format(DATA "/include/bad-in-base.json", NULL, msgs, sizeof msgs,
                                     NULL),
                     SIM_EINVAL);
    assert_string_equal(msgs, "broken-base.json:4:53: channels[0].retrial.shar: unknown field; "
                              "did you mean share?\n");
    assert_int_equal(load_and_format(DATA "/include/cycle-a.json", NULL, msgs, sizeof msgs,
                                     NULL),
                     SIM_EINVAL);
    assert_string_equal(msgs, "cycle-b.json:2:3: include: include cycle: 'cycle-a.json' "
                              "includes itself (directly or through other files)\n");
    assert_int_equal(load_and_format(DATA "/include/missing.json", NULL, msgs, sizeof msgs,
                                     NULL),
                     SIM_EIO);
    assert_non_null(strstr(msgs, "missing.json:2:3: include: cannot open included file"));
}

/* Well-formed UTF-8 of every length loads; each kind of ill-formed sequence (RFC 3629) is
 * refused at its first byte, with line and column. */
static void utf8_should_be_checked_byte_by_byte(void **state)
{
    (void)state;
    static const char *const good[] = {
        "caf\xc3\xa9", "\xe2\x82\xac 5", "\xf0\x9d\x84\x9e", "\xf4\x8f\xbf\xbf", "\xed\x9f\xbf",
        "\xee\x80\x80", "\xef\xbf\xbd",
    };
    static const char *const bad[] = {
        "\x80",             /* a continuation byte first */
        "\xc0\xaf",         /* overlong '/' */
        "\xc1\xbf",         /* overlong */
        "\xe0\x80\xaf",     /* overlong 3-byte */
        "\xed\xa0\x80",     /* surrogate U+D800 */
        "\xf0\x80\x80\xaf", /* overlong 4-byte */
        "\xf4\x90\x80\x80", /* above U+10FFFF */
        "\xf5\x80\x80\x80", /* no such lead byte */
        "\xff",
        "\xe2\x82",         /* cut off by the closing quote */
        "\xc3\x28",         /* a second byte that is not a continuation */
    };
    char text[256];
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        snprintf(text, sizeof text, "{\"name\": \"u\",\n \"description\": \"%s\"}", good[i]);
        scenario *scn = NULL;
        scenario_diag diag;
        scenario_diag_init(&diag);
        sim_status st = scenario_load_string(text, strlen(text), "<t>", NULL, &scn, &diag);
        if (st != SIM_EINVAL)
            print_message("good[%zu] got status %d\n", i, (int)st);
        assert_int_equal(st, SIM_EINVAL); /* no channels: the schema's error, not UTF-8's */
        for (size_t k = 0; k < scenario_diag_count(&diag); k++)
            assert_null(strstr(scenario_diag_get(&diag, k)->message, "UTF-8"));
        scenario_diag_fini(&diag);
        scenario_free(scn);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        snprintf(text, sizeof text, "{\"name\": \"u\",\n \"description\": \"ab%s\"}", bad[i]);
        scenario_diag diag;
        scenario_diag_init(&diag);
        scenario *scn = NULL;
        sim_status st = scenario_load_string(text, strlen(text), "<t>", NULL, &scn, &diag);
        if (st != SIM_EPARSE)
            print_message("bad[%zu] got status %d\n", i, (int)st);
        assert_int_equal(st, SIM_EPARSE);
        assert_int_equal(scenario_diag_count(&diag), 1);
        const scenario_diag_entry *e = scenario_diag_get(&diag, 0);
        assert_non_null(strstr(e->message, "invalid UTF-8"));
        assert_int_equal(e->line, 2);
        assert_int_equal(e->column, 20); /* the first bad byte, after ` "description": "ab` */
        scenario_diag_fini(&diag);
    }
}

static void include_chains_should_allow_the_documented_depth(void **state)
{
    (void)state;
    char msgs[4096];
    scenario *scn = NULL;
    /* eight-links.json -> chain/link1 -> ... -> chain/link7 -> base.json: 8 links, the most
     * docs/scenario-reference.md allows */
    assert_int_equal(load_and_format(DATA "/include/eight-links.json", NULL, msgs, sizeof msgs,
                                     &scn),
                     SIM_OK);
    assert_string_equal(scn->name, "eight-links");
    assert_int_equal(scn->horizon_days, 7);
    scenario_free(scn);
    assert_int_equal(load_and_format(DATA "/include/nine-links.json", NULL, msgs, sizeof msgs,
                                     NULL),
                     SIM_ELIMIT);
    assert_string_equal(msgs, "link7.json:2:3: include: includes nested deeper than 8 levels\n");
}

static void a_second_include_key_should_be_a_duplicate_field(void **state)
{
    (void)state;
    char msgs[4096];
    assert_int_equal(load_and_format(DATA "/include/duplicate-include.json", NULL, msgs,
                                     sizeof msgs, NULL),
                     SIM_EINVAL);
    assert_string_equal(msgs, "duplicate-include.json:2:3: include: duplicate field; each "
                              "field may appear once\n");
}

static void includes_should_name_only_regular_files(void **state)
{
    (void)state;
    char msgs[4096];
    assert_int_equal(load_and_format(DATA "/include/dir-include.json", NULL, msgs, sizeof msgs,
                                     NULL),
                     SIM_EIO);
    assert_string_equal(msgs, "dir-include.json:2:3: include: included file 'sub' is a "
                              "directory, not a regular file\n");
    /* A FIFO with no writer: opening it for reading would block forever. */
    char dir[] = "/tmp/omnisim-fifo-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char fifo[128], top[128];
    snprintf(fifo, sizeof fifo, "%s/fifo.json", dir);
    snprintf(top, sizeof top, "%s/top.json", dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    FILE *f = fopen(top, "w");
    assert_non_null(f);
    fputs("{\n  \"include\": \"fifo.json\",\n  \"name\": \"x\"\n}\n", f);
    fclose(f);
    assert_int_equal(load_and_format(top, NULL, msgs, sizeof msgs, NULL), SIM_EIO);
    assert_string_equal(msgs, "top.json:2:3: include: included file 'fifo.json' is a FIFO, not "
                              "a regular file\n");
    /* /dev/zero by absolute path: a device, never read */
    f = fopen(top, "w");
    assert_non_null(f);
    fputs("{\n  \"include\": \"/dev/zero\",\n  \"name\": \"x\"\n}\n", f);
    fclose(f);
    assert_int_equal(load_and_format(top, NULL, msgs, sizeof msgs, NULL), SIM_EIO);
    assert_string_equal(msgs, "top.json:2:3: include: included file '/dev/zero' is a device "
                              "or socket, not a regular file\n");
    unlink(fifo);
    unlink(top);
    rmdir(dir);
}

static void an_include_root_should_confine_includes(void **state)
{
    (void)state;
    char msgs[4096], root[4096];
    assert_non_null(realpath(DATA "/include", root));
    scenario_load_opts opts = {0};
    opts.include_root = DATA "/include";
    scenario *scn = NULL;
    /* inside the root, through a subfolder and back up: accepted */
    assert_int_equal(load_and_format(DATA "/include/two-bases.json", &opts, msgs, sizeof msgs,
                                     &scn),
                     SIM_OK);
    scenario_free(scn);
    assert_int_equal(load_and_format(DATA "/include/eight-links.json", &opts, msgs, sizeof msgs,
                                     NULL),
                     SIM_OK);
    /* ../bad/syntax.json leaves it: refused before it is read */
    assert_int_equal(load_and_format(DATA "/include/outside.json", &opts, msgs, sizeof msgs,
                                     NULL),
                     SIM_EINVAL);
    char want[8192];
    snprintf(want, sizeof want, "outside.json:2:3: include: included file '../bad/syntax.json' "
             "is outside the include root '%s'\n", root);
    assert_string_equal(msgs, want);
    /* a root below the file's folder refuses even base.json next to it */
    opts.include_root = DATA "/include/sub";
    assert_int_equal(load_and_format(DATA "/include/variant.json", &opts, msgs, sizeof msgs,
                                     NULL),
                     SIM_EINVAL);
    /* a root that does not exist is an error, not "no confinement" */
    opts.include_root = DATA "/include/no-such-dir";
    assert_int_equal(load_and_format(DATA "/include/variant.json", &opts, msgs, sizeof msgs,
                                     NULL),
                     SIM_EIO);
    assert_string_equal(msgs, "variant.json:0:0: : include root '" DATA "/include/no-such-dir': "
                              "No such file or directory\n");
    /* no includes at all */
    scenario_load_opts none = {0};
    none.no_includes = 1;
    assert_int_equal(load_and_format(DATA "/include/variant.json", &none, msgs, sizeof msgs,
                                     NULL),
                     SIM_EINVAL);
    assert_string_equal(msgs, "variant.json:2:3: include: includes are not allowed here "
                              "(--no-includes)\n");
    assert_int_equal(load_and_format(DATA "/include/base.json", &none, msgs, sizeof msgs, &scn),
                     SIM_OK);
    scenario_free(scn);
}

/* ---------------------------------------------------------------------------------------- */
/* Overrides and policies                                                                    */

static void set_should_select_elements_by_name_or_index_and_null_should_remove(void **state)
{
    (void)state;
    const char *sets[] = {"channels.phone.patience.mean_s=90", "channels[0].fcr_share=0.5",
                          "routing.mode=unified", "channels.phone.service_level=null"};
    scenario_load_opts opts = {NULL, 0, sets, 4, NULL, NULL, 0};
    scenario *scn = NULL;
    char msgs[4096];
    assert_int_equal(load_and_format(SHIPPED "/tiny-mmn.json", &opts, msgs, sizeof msgs, &scn),
                     SIM_OK);
    assert_true(scn->channels[0].has_patience && scn->channels[0].patience.mean_s == 90);
    assert_true(scn->channels[0].fcr_share == 0.5);
    assert_int_equal(scn->routing.mode, SCENARIO_ROUTING_UNIFIED);
    assert_true(scn->channels[0].sl_target == 0.8 && scn->channels[0].sl_threshold_s == 20);
    scenario_free(scn);
}

static void bad_overrides_should_be_reported_with_their_origin(void **state)
{
    (void)state;
    const char *sets[] = {"channels.fax.x=1", "channels.phone.patiance=3",
                          "channels.phone.handle_time.mean_s=-1", "noequals"};
    scenario_load_opts opts = {NULL, 0, sets, 4, NULL, NULL, 0};
    char msgs[4096];
    assert_int_equal(load_and_format(SHIPPED "/tiny-mmn.json", &opts, msgs, sizeof msgs, NULL),
                     SIM_EINVAL);
    assert_string_equal(msgs,
                        "--set:0:0: channels.fax.x: no element named 'fax' in 'channels'\n"
                        "--set:0:0: : expected PATH=VALUE\n"
                        "--set:0:0: channels[0].handle_time.mean_s: -1 is out of range (0, "
                        "1e+06]\n"
                        "--set:0:0: channels[0].patiance: unknown field; did you mean "
                        "patience?\n");
}

static void policies_should_apply_and_unknown_ones_should_be_refused(void **state)
{
    (void)state;
    const char *pol[] = {"unified_desk"};
    scenario_load_opts opts = {pol, 1, NULL, 0, NULL, NULL, 0};
    scenario *base = NULL, *scn = NULL;
    assert_int_equal(scenario_load_default(NULL, &base, NULL), SIM_OK);
    assert_int_equal(base->routing.mode, SCENARIO_ROUTING_SILOED);
    assert_int_equal(scenario_load_derive(base, &opts, &scn, NULL), SIM_OK);
    assert_int_equal(scn->routing.mode, SCENARIO_ROUTING_UNIFIED);
    assert_true(scn->channels[scenario_find_channel(scn, "phone")].fcr_share == 0.82);
    scenario_free(scn);
    const char *bad[] = {"no_such_policy"};
    scenario_load_opts bad_opts = {bad, 1, NULL, 0, NULL, NULL, 0};
    scenario_diag diag;
    scenario_diag_init(&diag);
    assert_int_equal(scenario_load_derive(base, &bad_opts, &scn, &diag), SIM_EINVAL);
    assert_null(scn);
    assert_string_equal(scenario_diag_get(&diag, 0)->message,
                        "no policy named 'no_such_policy' in this scenario");
    scenario_diag_fini(&diag);
    scenario_free(base);
}

static void a_policy_that_breaks_the_scenario_should_fail_validation(void **state)
{
    (void)state;
    const char *text =
        "{\"name\": \"p\", \"channels\": [{\"name\": \"phone\", \"kind\": \"voice\",\n"
        " \"handle_time\": {\"mean_s\": 300}, \"daily_volume\": 100, \"agents\": 3}],\n"
        " \"policies\": [{\"name\": \"oops\", \"changes\": [\n"
        "   {\"path\": \"channels.phone.fcr_share\", \"value\": 2}]}]}";
    scenario_diag diag;
    scenario_diag_init(&diag);
    scenario *scn = NULL;
    assert_int_equal(scenario_load_string(text, strlen(text), "<t>", NULL, &scn, &diag),
                     SIM_EINVAL);
    char line[1024];
    assert_string_equal(scenario_diag_format(scenario_diag_get(&diag, 0), line, sizeof line),
                        "<t>:4:41: channels[0].fcr_share: with policy 'oops': 2 is out of "
                        "range [0, 1]");
    scenario_diag_fini(&diag);
    /* the same policy asked for by name (--policy): the same place and words */
    const char *names[] = {"oops"};
    scenario_load_opts opts = {names, 1, NULL, 0, NULL, NULL, 0};
    scenario_diag_init(&diag);
    assert_int_equal(scenario_load_string(text, strlen(text), "<t>", &opts, &scn, &diag),
                     SIM_EINVAL);
    assert_int_equal(scenario_diag_count(&diag), 1);
    assert_string_equal(scenario_diag_format(scenario_diag_get(&diag, 0), line, sizeof line),
                        "<t>:4:41: channels[0].fcr_share: with policy 'oops': 2 is out of "
                        "range [0, 1]");
    scenario_diag_fini(&diag);
}

/* when_closed "wait" on a real-time channel (voice, video, chat): the caller is held and joins
 * the queue at the next opening (scenario.h); only self-service has nothing to wait in. */
/* channels[].at_close: serve by default for real time, hold for backlogs; each value reads. */
static void at_close_should_default_by_kind_and_read_every_value(void **state)
{
    (void)state;
    const char *text =
        "{\"name\": \"ac\", \"channels\": ["
        " {\"name\": \"phone\", \"kind\": \"voice\", \"handle_time\": {\"mean_s\": 300},"
        "  \"daily_volume\": 100, \"agents\": 3},"
        " {\"name\": \"chat\", \"kind\": \"chat\", \"handle_time\": {\"mean_s\": 300},"
        "  \"agents\": 1},"
        " {\"name\": \"email\", \"kind\": \"deferred\", \"handle_time\": {\"mean_s\": 300},"
        "  \"agents\": 1},"
        " {\"name\": \"cb\", \"kind\": \"callback\", \"handle_time\": {\"mean_s\": 300},"
        "  \"agents\": 1, \"at_close\": \"hold\"},"
        " {\"name\": \"v1\", \"kind\": \"video\", \"handle_time\": {\"mean_s\": 300},"
        "  \"agents\": 1, \"at_close\": \"hold\"},"
        " {\"name\": \"v2\", \"kind\": \"video\", \"handle_time\": {\"mean_s\": 300},"
        "  \"agents\": 1, \"at_close\": \"abandon\"},"
        " {\"name\": \"v3\", \"kind\": \"voice\", \"handle_time\": {\"mean_s\": 300},"
        "  \"agents\": 1, \"at_close\": \"callback\","
        "  \"callback_offer\": {\"channel\": \"cb\"}}]}";
    scenario *scn = NULL;
    assert_int_equal(scenario_load_string(text, strlen(text), "<t>", NULL, &scn, NULL), SIM_OK);
    const scenario_at_close want[] = {SCENARIO_AT_CLOSE_SERVE,   SCENARIO_AT_CLOSE_SERVE,
                                      SCENARIO_AT_CLOSE_HOLD,    SCENARIO_AT_CLOSE_HOLD,
                                      SCENARIO_AT_CLOSE_HOLD,    SCENARIO_AT_CLOSE_ABANDON,
                                      SCENARIO_AT_CLOSE_CALLBACK};
    assert_int_equal(scn->n_channels, sizeof want / sizeof want[0]);
    for (size_t c = 0; c < scn->n_channels; c++)
        assert_int_equal(scn->channels[c].at_close, want[c]);
    scenario_free(scn);
}

static void real_time_channels_should_accept_wait_when_closed(void **state)
{
    (void)state;
    const char *kinds[] = {"voice", "video", "chat"};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        char text[1024];
        snprintf(text, sizeof text,
                 "{\"name\": \"w\", \"channels\": [{\"name\": \"rt\", \"kind\": \"%s\",\n"
                 " \"handle_time\": {\"mean_s\": 300}, \"daily_volume\": 100, \"agents\": 3,\n"
                 " \"hours\": {\"weekdays\": [[\"08:00\", \"18:00\"]]}, \"when_closed\": "
                 "\"wait\"}]}",
                 kinds[i]);
        scenario_diag diag;
        scenario_diag_init(&diag);
        scenario *scn = NULL;
        sim_status st = scenario_load_string(text, strlen(text), "<t>", NULL, &scn, &diag);
        if (st != SIM_OK && scenario_diag_count(&diag) > 0)
            print_message("%s: %s\n", kinds[i], scenario_diag_get(&diag, 0)->message);
        assert_int_equal(st, SIM_OK);
        assert_int_equal(scn->channels[0].when_closed, SCENARIO_CLOSED_WAIT);
        scenario_free(scn);
        scenario_diag_fini(&diag);
        /* without the field a real-time channel still loses its closed-hours arrivals */
        const char *omit = strstr(text, ", \"when_closed\"");
        assert_non_null(omit);
        char plain[1024];
        snprintf(plain, sizeof plain, "%.*s}]}", (int)(omit - text), text);
        assert_int_equal(scenario_load_string(plain, strlen(plain), "<t>", NULL, &scn, NULL),
                         SIM_OK);
        assert_int_equal(scn->channels[0].when_closed, SCENARIO_CLOSED_LOST);
        scenario_free(scn);
    }
    const char *self =
        "{\"name\": \"w\", \"channels\": [{\"name\": \"faq\", \"kind\": \"self_service\",\n"
        " \"handle_time\": {\"mean_s\": 60}, \"daily_volume\": 100,\n"
        " \"hours\": {\"weekdays\": [[\"08:00\", \"18:00\"]]}, \"when_closed\": \"wait\"}]}";
    scenario_diag diag;
    scenario_diag_init(&diag);
    scenario *scn = NULL;
    assert_int_equal(scenario_load_string(self, strlen(self), "<t>", NULL, &scn, &diag),
                     SIM_EINVAL);
    assert_null(scn);
    char line[1024];
    assert_string_equal(scenario_diag_format(scenario_diag_get(&diag, 0), line, sizeof line),
                        "<t>:3:47: channels[0].when_closed: a self_service channel cannot make "
                        "contacts wait while closed; use hop or lost");
    scenario_diag_fini(&diag);
}

static void a_derived_scenario_should_equal_the_same_overrides_loaded_directly(void **state)
{
    (void)state;
    /* the shipped voice team is staffed per interval (a policy replaces its plan): change
     * its shrinkage */
    const char *sets[] = {"groups.voice_team.shrinkage=0.25", "horizon_days=2"};
    scenario_load_opts opts = {NULL, 0, sets, 2, NULL, NULL, 0};
    scenario *base = NULL, *a = NULL, *b = NULL;
    assert_int_equal(scenario_load_default(NULL, &base, NULL), SIM_OK);
    assert_int_equal(scenario_load_derive(base, &opts, &a, NULL), SIM_OK);
    assert_int_equal(scenario_load_file(SHIPPED "/online-retailer-2017.json", &opts, &b, NULL),
                     SIM_OK);
    assert_string_equal(a->source_json, b->source_json);
    assert_true(a->groups[scenario_find_group(a, "voice_team")].shrinkage == 0.25);
    assert_int_equal(a->horizon_days, 2);
    scenario_free(base);
    scenario_free(a);
    scenario_free(b);
}

/* ---------------------------------------------------------------------------------------- */
/* Limits and hostile input                                                                  */

static void hostile_inputs_should_be_refused_without_crashing(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "", "   ", "null", "[]", "{", "{\"name\":", "\"\\ud800\"", "{\"a\":1}}", "\xEF\xBB\xBF{}",
        "{\"name\": \"x\", \"channels\": 5}", "{\"channels\": [{}, {}, null, 3]}",
        "{\"name\":\"x\",\"channels\":[{\"name\":\"a\",\"kind\":\"voice\",\"handle_time\":"
        "{\"mean_s\":1e308},\"daily_volume\":-0,\"agents\":1e20}]}",
        "{\"name\":\"x\",\"horizon_days\":1e400}", "{\"x\":\"\x01\"}",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        scenario_diag diag;
        scenario_diag_init(&diag);
        scenario *scn = NULL;
        sim_status st = scenario_load_string(texts[i], strlen(texts[i]), "<t>", NULL, &scn,
                                             &diag);
        assert_int_not_equal(st, SIM_OK);
        assert_null(scn);
        assert_true(scenario_diag_count(&diag) >= 1);
        scenario_diag_fini(&diag);
    }
    /* a million-deep nest and a huge array are refused by the pre-check */
    size_t n = 2000000;
    char *big = malloc(n + 3);
    assert_non_null(big);
    memset(big, '[', n);
    big[n] = '\0';
    scenario_diag diag;
    scenario_diag_init(&diag);
    scenario *scn = NULL;
    assert_int_equal(scenario_load_string(big, n, "<deep>", NULL, &scn, &diag), SIM_ELIMIT);
    assert_string_equal(scenario_diag_get(&diag, 0)->message, "nesting deeper than 32 levels");
    scenario_diag_fini(&diag);
    big[0] = '[';
    for (size_t i = 1; i < n; i += 2) {
        big[i] = '0';
        big[i + 1] = ',';
    }
    big[n - 1] = '0';
    big[n] = ']';
    scenario_diag_init(&diag);
    assert_int_equal(scenario_load_string(big, n + 1, "<wide>", NULL, &scn, &diag),
                     SIM_ELIMIT);
    assert_string_equal(scenario_diag_get(&diag, 0)->message, "more than 1000000 JSON values");
    scenario_diag_fini(&diag);
    free(big);
    /* too large */
    scenario_diag_init(&diag);
    assert_int_equal(scenario_load_string("{}", (size_t)SCENARIO_MAX_FILE_BYTES + 1, "<huge>",
                                          NULL, &scn, &diag),
                     SIM_ELIMIT);
    scenario_diag_fini(&diag);
}

static void the_diag_list_should_be_bounded(void **state)
{
    (void)state;
    /* 400 unknown fields: 200 are kept, the rest counted */
    char *text = malloc(20000);
    assert_non_null(text);
    size_t used = (size_t)sprintf(text, "{\"name\":\"x\"");
    for (int i = 0; i < 400; i++)
        used += (size_t)sprintf(text + used, ",\"f%d\":1", i);
    sprintf(text + used, "}");
    scenario_diag diag;
    scenario_diag_init(&diag);
    scenario *scn = NULL;
    assert_int_equal(scenario_load_string(text, strlen(text), "<t>", NULL, &scn, &diag),
                     SIM_EINVAL);
    assert_int_equal(scenario_diag_count(&diag), SCENARIO_DIAG_MAX);
    assert_true(diag.dropped > 0);
    scenario_diag_fini(&diag);
    free(text);
}

/* ---------------------------------------------------------------------------------------- */
/* Fault injection                                                                           */

static size_t heap_in_use(void)
{
    struct mallinfo2 mi = mallinfo2();
    return mi.uordblks;
}

/* Fail the k-th allocation of a load for k = 1, 1 + stride, ... and check that the load either
 * succeeds or fails with SIM_ENOMEM, never crashes, and leaves nothing behind. Leaks are
 * checked two ways: under OMNISIM_SANITIZE LeakSanitizer reports any at exit; in a plain build
 * the sweep runs twice and the heap in use (mallinfo2, which counts glibc's per-thread caches
 * as in use, hence the warm-up sweep) must not grow in the second one, where even a 16-byte
 * leak per failed load would add kilobytes. */
static size_t fault_sweep(const char *path, long total, long stride, int sticky)
{
    size_t failures = 0;
    for (long k = 1; k <= total + 1; k += stride) {
        scenario_diag diag;
        scenario_diag_init(&diag);
        scenario *scn = NULL;
        sim_alloc_fail_after(k, sticky);
        sim_status st = scenario_load_file(path, NULL, &scn, &diag);
        sim_alloc_fail_after(0, 0);
        if (st != SIM_OK) {
            failures++;
            if (st != SIM_ENOMEM) {
                char line[1024];
                print_message("k=%ld: status %d: %s\n", k, (int)st,
                              scenario_diag_format(scenario_diag_get(&diag, 0), line,
                                                   sizeof line));
            }
            assert_int_equal(st, SIM_ENOMEM);
            assert_null(scn);
        }
        scenario_free(scn);
        scenario_diag_fini(&diag);
    }
    return failures;
}

static void fault_loop(const char *path, long stride, int sticky)
{
    scenario *scn = NULL;
    long before = sim_alloc_count();
    assert_int_equal(scenario_load_file(path, NULL, &scn, NULL), SIM_OK);
    long total = sim_alloc_count() - before;
    scenario_free(scn);
    assert_true(fault_sweep(path, total, stride, sticky) > 0);
    size_t heap0 = heap_in_use();
    assert_true(fault_sweep(path, total, stride, sticky) > 0);
    size_t heap1 = heap_in_use();
    if (heap1 > heap0 + 1024)
        print_message("%s: heap grew by %zu bytes\n", path, heap1 - heap0);
    assert_true(heap1 <= heap0 + 1024);
}

static void allocation_failures_should_never_crash_or_leak(void **state)
{
    (void)state;
    fault_loop(SHIPPED "/tiny-mmn.json", 1, 0);
    fault_loop(SHIPPED "/tiny-mmn.json", 1, 1);
    fault_loop(DATA "/include/two-bases.json", 1, 1);
    fault_loop(SHIPPED "/retail-bank-unified-desk.json", 97, 0);
}

/* ---------------------------------------------------------------------------------------- */
/* The channel-kind property table                                                          */

/* The channel-kind table (scenario_kind_props): one row per kind in enum order, found by its
 * file spelling, and its columns consistent with one another: each kind is exactly one of
 * real time, backlog or self-service; only real-time kinds abandon, take a callback offer or
 * hold several contacts per agent; only agent-served kinds use a telephone line. */
static void kind_table_should_have_one_consistent_row_per_kind(void **state)
{
    (void)state;
    for (int k = 0; k < SCENARIO_CHANNEL_KIND_COUNT; k++) {
        const scenario_kind_props *kp = scenario_channel_kind_props((scenario_channel_kind)k);
        assert_int_equal(kp->kind, k);
        assert_string_equal(kp->name, scenario_channel_kind_name((scenario_channel_kind)k));
        assert_ptr_equal(scenario_channel_kind_find(kp->name), kp);
        assert_int_equal(kp->realtime + kp->backlog + !kp->agent_time, 1);
        assert_int_equal(kp->abandons, kp->realtime);
        assert_true(!kp->concurrent || kp->realtime);
        assert_true(!kp->callback_offer || (kp->realtime && !kp->concurrent));
        assert_true(kp->line == SCENARIO_LINE_NONE || kp->agent_time);
    }
    assert_null(scenario_channel_kind_find("email"));
    assert_null(scenario_channel_kind_find(""));
    assert_null(scenario_channel_kind_find(NULL));
    assert_string_equal(scenario_channel_kind_name(SCENARIO_CHANNEL_KIND_COUNT), "?");
    /* The file spellings the reference documents. */
    assert_int_equal(scenario_channel_kind_find("voice")->kind, SCENARIO_CHANNEL_VOICE);
    assert_int_equal(scenario_channel_kind_find("self_service")->kind,
                     SCENARIO_CHANNEL_SELF_SERVICE);
    assert_true(scenario_channel_kind_find("chat")->concurrent);
    assert_true(scenario_channel_kind_find("deferred")->backlog);
    assert_true(scenario_channel_kind_find("callback")->backlog);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_shipped_scenario_should_load_and_cite_its_sources),
        cmocka_unit_test(default_scenario_should_be_the_online_retailer_file_byte_for_byte),
        cmocka_unit_test(retailer_should_convert_to_the_documented_values),
        cmocka_unit_test(each_bad_file_should_get_its_exact_messages),
        cmocka_unit_test(every_bad_file_should_have_a_test_case),
        cmocka_unit_test(a_missing_file_should_be_an_io_error),
        cmocka_unit_test(kind_table_should_have_one_consistent_row_per_kind),
        cmocka_unit_test(include_should_deep_merge_objects_and_replace_the_rest),
        cmocka_unit_test(include_errors_should_point_into_the_right_file),
        cmocka_unit_test(utf8_should_be_checked_byte_by_byte),
        cmocka_unit_test(include_chains_should_allow_the_documented_depth),
        cmocka_unit_test(a_second_include_key_should_be_a_duplicate_field),
        cmocka_unit_test(includes_should_name_only_regular_files),
        cmocka_unit_test(an_include_root_should_confine_includes),
        cmocka_unit_test(set_should_select_elements_by_name_or_index_and_null_should_remove),
        cmocka_unit_test(bad_overrides_should_be_reported_with_their_origin),
        cmocka_unit_test(policies_should_apply_and_unknown_ones_should_be_refused),
        cmocka_unit_test(a_policy_that_breaks_the_scenario_should_fail_validation),
        cmocka_unit_test(real_time_channels_should_accept_wait_when_closed),
        cmocka_unit_test(at_close_should_default_by_kind_and_read_every_value),
        cmocka_unit_test(a_derived_scenario_should_equal_the_same_overrides_loaded_directly),
        cmocka_unit_test(hostile_inputs_should_be_refused_without_crashing),
        cmocka_unit_test(the_diag_list_should_be_bounded),
        cmocka_unit_test(allocation_failures_should_never_crash_or_leak),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
