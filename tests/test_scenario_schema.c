/* test_scenario_schema.c -- the field table as the one place a default is written.
 *
 * A default is stated once, as the `def` text of its row in models/scenario/scenario_schema.c;
 * the converter reads it and docs/scenario-reference.md prints it. These tests check that the
 * three agree, so that changing any one of them alone fails here:
 *   - the reference lists exactly the table's fields, each with the table's unit and default;
 *   - every default has a form the table documents (scenario_schema.h, "Defaults"), and every
 *     default that is a value is what a loaded scenario holds where the file leaves the field
 *     out: two small scenarios that give only what is required are loaded and each such field
 *     of the struct is compared with the table's text (by channel kind where it depends on it);
 *   - every default the table states as prose (derived from other fields) has a check here of
 *     what the prose says; a new prose default without one fails.
 * Plus the parsing of the default forms themselves, on rows made up for the test.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <cjson/cJSON.h>

#include "scenario.h"
#include "scenario_load.h"
#include "scenario_schema.h"
#include "test_scenario_util.h"

/* ---------------------------------------------------------------------------------------- */
/* The forms of a default                                                                   */

static const scenario_schema_field *row(const char *path)
{
    const scenario_schema_field *f = scenario_schema_find(path);
    if (f == NULL)
        print_message("no row %s in the schema table\n", path);
    assert_non_null(f);
    return f;
}

static void default_forms_should_parse_as_documented(void **state)
{
    (void)state;
    char buf[64];
    double x = -1;
    /* a number, with or without a note */
    scenario_schema_field f = {"x", SCENARIO_SCHEMA_NUMBER, 0, 0, 1, NULL, "", "0.95", ""};
    assert_true(scenario_schema_default_number(&f, NULL, &x) && x == 0.95);
    f.def = "0 (never)";
    assert_true(scenario_schema_default_number(&f, NULL, &x) && x == 0);
    assert_true(scenario_schema_default_text(&f, NULL, buf, sizeof buf));
    assert_string_equal(buf, "0");
    /* prose is no value */
    const char *prose[] = {"1 - sum(to)", "1 (exp.), 0 (det.)", "required", "none", "",
                           "costs.agent_cost_per_hour_eur", "7 days", "0 (never"};
    for (size_t i = 0; i < sizeof prose / sizeof prose[0]; i++) {
        f.def = prose[i];
        if (scenario_schema_default_number(&f, NULL, &x))
            print_message("'%s' read as the number %g\n", prose[i], x);
        assert_false(scenario_schema_default_number(&f, NULL, &x));
    }
    /* strings: a word of the choices or a JSON string; no other word */
    scenario_schema_field s = {"y", SCENARIO_SCHEMA_STRING, 0, 0, 0, "fifo|lifo", "", "lifo", ""};
    assert_true(scenario_schema_default_text(&s, NULL, buf, sizeof buf));
    assert_string_equal(buf, "lifo");
    s.def = "\"\"";
    assert_true(scenario_schema_default_text(&s, NULL, buf, sizeof buf));
    assert_string_equal(buf, "");
    s.def = "none";
    assert_false(scenario_schema_default_text(&s, NULL, buf, sizeof buf));
    s.choices = NULL;
    s.def = "main";
    assert_false(scenario_schema_default_text(&s, NULL, buf, sizeof buf));
    s.def = "\"main\"";
    assert_true(scenario_schema_default_text(&s, NULL, buf, sizeof buf));
    assert_string_equal(buf, "main");
    assert_false(scenario_schema_default_number(&s, NULL, &x)); /* a string is no number */
    /* by kind: the first entry naming the kind, else "others"; a kind with no entry has none */
    scenario_schema_field k = {"z", SCENARIO_SCHEMA_INTEGER, SCENARIO_SCHEMA_BY_KIND, 1, 100,
                               NULL, "", "1 (voice, video), 3 (deferred), 2 (others)", ""};
    const char *kinds[] = {"voice", "video", "deferred", "chat", "callback"};
    const double want[] = {1, 1, 3, 2, 2};
    for (size_t i = 0; i < 5; i++) {
        x = -1;
        assert_true(scenario_schema_default_number(&k, kinds[i], &x));
        assert_true(x == want[i]);
    }
    assert_false(scenario_schema_default_number(&k, NULL, &x));
    k.def = "serve (voice, chat), hold (deferred)";
    k.types = SCENARIO_SCHEMA_STRING;
    k.choices = "serve|hold";
    assert_true(scenario_schema_default_text(&k, "chat", buf, sizeof buf));
    assert_string_equal(buf, "serve");
    assert_true(scenario_schema_default_text(&k, "deferred", buf, sizeof buf));
    assert_string_equal(buf, "hold");
    assert_false(scenario_schema_default_text(&k, "self_service", buf, sizeof buf));
    assert_false(scenario_schema_default_text(&k, "voic", buf, sizeof buf));
    /* a distribution object */
    scenario_schema_field d = {"w", SCENARIO_SCHEMA_OBJECT, SCENARIO_SCHEMA_BY_KIND, 0, 0, NULL,
                               "", "exponential, 120 s (self_service), required (others)", ""};
    assert_true(scenario_schema_default_mean(&d, "self_service", &x) && x == 120);
    assert_false(scenario_schema_default_mean(&d, "voice", &x));
    assert_false(scenario_schema_default_text(&d, "self_service", buf, sizeof buf));
    d.flags = 0;
    d.def = "lognormal, 120 s";
    assert_false(scenario_schema_default_mean(&d, NULL, &x));
    assert_false(scenario_schema_default_number(NULL, NULL, &x));
}

/* The entry of a by-kind default for `kind`, as written (value text, not interpreted); 0 when
 * no entry names the kind. The test's own reading of the form, as an oracle. */
static int kind_entry(const char *def, const char *kind, char *buf, size_t n)
{
    const char *p = def;
    while (*p != '\0') {
        const char *open = strstr(p, " (");
        const char *close = open != NULL ? strchr(open, ')') : NULL;
        if (close == NULL)
            return 0;
        char kinds[128];
        snprintf(kinds, sizeof kinds, ", %.*s,", (int)(close - open - 2), open + 2);
        char key[40];
        snprintf(key, sizeof key, ", %s,", kind);
        if (strstr(kinds, key) != NULL || strstr(kinds, ", others,") != NULL) {
            snprintf(buf, n, "%.*s", (int)(open - p), p);
            return 1;
        }
        p = close + 1;
        if (strncmp(p, ", ", 2) != 0)
            return 0;
        p += 2;
    }
    return 0;
}

/* ---------------------------------------------------------------------------------------- */
/* The reference document                                                                   */

#define DOC_ROWS 1024

typedef struct doc_row {
    char path[128];
    char unit[64];
    char def[128];
} doc_row;

/* The cells of a table row "| a | b | ... |" into cells[]; returns their number. */
static size_t split_cells(char *line, char **cells, size_t max)
{
    size_t n = 0;
    char *p = strchr(line, '|');
    while (p != NULL && n < max) {
        char *next = strchr(p + 1, '|');
        if (next == NULL)
            break;
        *next = '\0';
        char *c = p + 1;
        while (*c == ' ')
            c++;
        char *e = c + strlen(c);
        while (e > c && e[-1] == ' ')
            *--e = '\0';
        cells[n++] = c;
        p = next;
    }
    return n;
}

static size_t read_doc_rows(doc_row *rows)
{
    FILE *f = fopen(OMNISIM_SOURCE_DIR "/docs/scenario-reference.md", "r");
    assert_non_null(f);
    size_t n = 0;
    char line[4096];
    while (fgets(line, sizeof line, f) != NULL) {
        /* field tables: | `path` | Type | Unit | Default | Range / values | Meaning | */
        if (strncmp(line, "| `", 3) != 0)
            continue;
        char *cells[8];
        size_t k = split_cells(line, cells, 8);
        assert_true(n < DOC_ROWS);
        assert_int_equal(k, 6);
        size_t len = strlen(cells[0]);
        assert_true(len >= 2 && cells[0][len - 1] == '`');
        snprintf(rows[n].path, sizeof rows[n].path, "%.*s", (int)(len - 2), cells[0] + 1);
        snprintf(rows[n].unit, sizeof rows[n].unit, "%s", cells[2]);
        snprintf(rows[n].def, sizeof rows[n].def, "%s", cells[3]);
        n++;
    }
    fclose(f);
    return n;
}

static void reference_doc_should_list_every_field_with_its_unit_and_default(void **state)
{
    (void)state;
    static doc_row rows[DOC_ROWS];
    size_t n_doc = read_doc_rows(rows);
    int ok = 1;
    for (size_t i = 0; i < scenario_schema_count(); i++) {
        const scenario_schema_field *f = scenario_schema_get(i);
        size_t found = 0;
        for (size_t k = 0; k < n_doc; k++) {
            if (strcmp(rows[k].path, f->path) != 0)
                continue;
            found++;
            if (strcmp(rows[k].def, f->def) != 0) {
                print_message("docs/scenario-reference.md: `%s` default '%s', the table says "
                              "'%s'\n",
                              f->path, rows[k].def, f->def);
                ok = 0;
            }
            if (strcmp(rows[k].unit, f->unit) != 0) {
                print_message("docs/scenario-reference.md: `%s` unit '%s', the table says "
                              "'%s'\n",
                              f->path, rows[k].unit, f->unit);
                ok = 0;
            }
        }
        if (found != 1) {
            print_message("docs/scenario-reference.md lists `%s` %zu times\n", f->path, found);
            ok = 0;
        }
    }
    for (size_t k = 0; k < n_doc; k++) {
        if (scenario_schema_find(rows[k].path) == NULL) {
            print_message("docs/scenario-reference.md lists `%s`, which the loader rejects\n",
                          rows[k].path);
            ok = 0;
        }
    }
    assert_true(ok);
    assert_int_equal(n_doc, scenario_schema_count());
}

/* ---------------------------------------------------------------------------------------- */
/* The defaults a loaded scenario holds                                                     */

/* Where a field lives in the struct. */
typedef enum at {
    AT_TOP,        /* scenario */
    AT_CHANNEL,    /* channels[i] */
    AT_SEGMENT,    /* segments[i], the implicit "all" included */
    AT_GROUP,      /* groups[i] of the file */
    AT_SPECIAL,    /* special_days[i] (the test's are inside the horizon, in date order) */
    AT_OUTSOURCER, /* outsourcers[i] */
    AT_OVERFLOW,   /* routing.overflows[i] */
    AT_SHIFT,      /* shifts[i] */
    AT_BREAK,      /* shifts[i].breaks[j] */
    AT_POLICY,     /* policies[i] */
    AT_STEP        /* roadmap.steps[i] (sorted by year; the scenarios have one) */
} at;

typedef enum vtype {
    T_DOUBLE,
    T_SIZE,
    T_INT,
    T_UNS,
    T_U64,
    T_ENUM,   /* an enum whose values are in the order of the row's choices */
    T_CHOICE, /* an unsigned holding the index of a choice (start_weekday) */
    T_BOOL,   /* an int, 0 or 1 */
    T_NAME,   /* a char array */
    T_STRP    /* a char pointer */
} vtype;

/* Read only where the parent object is in the file (the converter reads its fields then). */
#define IN_PARENT 1

typedef struct mapped {
    const char *path;
    at where;
    size_t offset;
    vtype type;
    unsigned flags;
    const char *kinds; /* channels: the kinds it applies to (others hold a fixed value) */
} mapped;

#define TOP(p, m, t) {p, AT_TOP, offsetof(scenario, m), t, 0, NULL}
#define CH(p, m, t) {p, AT_CHANNEL, offsetof(scenario_channel, m), t, 0, NULL}

/* Every field whose default is a value, and the struct member that holds it. */
static const mapped fields[] = {
    TOP("description", description, T_STRP),
    TOP("year", year, T_INT),
    TOP("horizon_days", horizon_days, T_SIZE),
    TOP("start_weekday", start_weekday, T_CHOICE),
    TOP("interval_s", interval_s, T_DOUBLE),
    TOP("warmup_s", warmup_s, T_DOUBLE),
    TOP("seed", seed, T_U64),
    TOP("replications", replications, T_SIZE),
    TOP("confidence", confidence, T_DOUBLE),
    TOP("max_contacts_per_need", max_contacts_per_need, T_SIZE),
    CH("channels[].handle_time.distribution", handle_time.kind, T_ENUM),
    CH("channels[].patience.distribution", patience.kind, T_ENUM),
    CH("channels[].wrap_up.distribution", wrap_up.kind, T_ENUM),
    CH("channels[].transfer.conference_share", transfer_conference_share, T_DOUBLE),
    CH("channels[].transfer.conference_s", transfer_conference_s, T_DOUBLE),
    {"channels[].concurrency", AT_CHANNEL, offsetof(scenario_channel, concurrency), T_SIZE, 0,
     " chat "},
    CH("channels[].stretch", stretch, T_DOUBLE),
    CH("channels[].response_target_s", response_target_s, T_DOUBLE),
    CH("channels[].backlog", backlog, T_ENUM),
    CH("channels[].resolve_share", resolve_share, T_DOUBLE),
    {"channels[].callback_offer.after_wait_s", AT_CHANNEL,
     offsetof(scenario_channel, callback_offer_after_s), T_DOUBLE, IN_PARENT, NULL},
    {"channels[].callback_offer.accept_share", AT_CHANNEL,
     offsetof(scenario_channel, callback_accept_share), T_DOUBLE, IN_PARENT, NULL},
    {"channels[].retrial.share", AT_CHANNEL, offsetof(scenario_channel, retrial_share), T_DOUBLE,
     0, " voice chat video "},
    CH("channels[].retrial.delay_mean_s", retrial_delay_mean_s, T_DOUBLE),
    {"channels[].reach.share", AT_CHANNEL, offsetof(scenario_channel, reach_share), T_DOUBLE,
     IN_PARENT, " callback "},
    {"channels[].reach.attempts", AT_CHANNEL, offsetof(scenario_channel, reach_attempts),
     T_SIZE, IN_PARENT, " callback "},
    {"channels[].reach.retry_delay_s", AT_CHANNEL,
     offsetof(scenario_channel, reach_retry_delay_s), T_DOUBLE, IN_PARENT, " callback "},
    {"channels[].reach.attempt_s", AT_CHANNEL, offsetof(scenario_channel, reach_attempt_s),
     T_DOUBLE, IN_PARENT, " callback "},
    {"channels[].at_max_queue", AT_CHANNEL, offsetof(scenario_channel, at_max_queue), T_ENUM,
     0, " voice chat video "},
    {"channels[].balking.share", AT_CHANNEL, offsetof(scenario_channel, balk_share), T_DOUBLE,
     0, " voice chat video "},
    {"channels[].balking.per_caller_ahead", AT_CHANNEL,
     offsetof(scenario_channel, balk_per_caller_ahead), T_DOUBLE, 0, " voice chat video "},
    {"channels[].balking.per_announced_minute", AT_CHANNEL,
     offsetof(scenario_channel, balk_per_announced_minute), T_DOUBLE, 0, " voice chat video "},
    CH("channels[].service_level.target", sl_target, T_DOUBLE),
    CH("channels[].service_level.threshold_s", sl_threshold_s, T_DOUBLE),
    CH("channels[].fcr_share", fcr_share, T_DOUBLE),
    CH("channels[].priority", priority, T_UNS),
    CH("channels[].when_closed", when_closed, T_ENUM),
    CH("channels[].at_close", at_close, T_ENUM),
    CH("channels[].daily_volume", daily_volume, T_DOUBLE),
    TOP("demand.mode", demand_mode, T_ENUM),
    TOP("demand.overdispersion_cv", overdispersion_cv, T_DOUBLE),
    TOP("demand.busyness_cv", busyness_cv, T_DOUBLE),
    {"segments[].patience_factor", AT_SEGMENT, offsetof(scenario_segment, patience_factor),
     T_DOUBLE, 0, NULL},
    {"segments[].handle_time_factor", AT_SEGMENT,
     offsetof(scenario_segment, handle_time_factor), T_DOUBLE, 0, NULL},
    {"special_days[].volume_factor", AT_SPECIAL, offsetof(scenario_special_day, volume_factor),
     T_DOUBLE, 0, NULL},
    {"special_days[].name", AT_SPECIAL, offsetof(scenario_special_day, name), T_NAME, 0, NULL},
    {"special_days[].closed", AT_SPECIAL, offsetof(scenario_special_day, closed), T_BOOL, 0,
     NULL},
    {"groups[].agents", AT_GROUP, offsetof(scenario_group, agents), T_SIZE, 0, NULL},
    {"groups[].shrinkage", AT_GROUP, offsetof(scenario_group, shrinkage), T_DOUBLE, 0, NULL},
    {"groups[].site", AT_GROUP, offsetof(scenario_group, site), T_NAME, 0, NULL},
    TOP("routing.mode", routing.mode, T_ENUM),
    TOP("routing.agent_selection", routing.agent_selection, T_ENUM),
    {"outbound.records", AT_TOP, offsetof(scenario, outbound.records), T_SIZE, IN_PARENT, NULL},
    {"outbound.start_s", AT_TOP, offsetof(scenario, outbound.start_s), T_DOUBLE, IN_PARENT, NULL},
    {"outbound.end_s", AT_TOP, offsetof(scenario, outbound.end_s), T_DOUBLE, IN_PARENT, NULL},
    {"outbound.attempts", AT_TOP, offsetof(scenario, outbound.attempts), T_SIZE, IN_PARENT, NULL},
    {"outbound.retry_delay_s", AT_TOP, offsetof(scenario, outbound.retry_delay_s), T_DOUBLE, IN_PARENT, NULL},
    {"outbound.right_party_share", AT_TOP, offsetof(scenario, outbound.right_party_share), T_DOUBLE, IN_PARENT, NULL},
    {"outbound.machine_share", AT_TOP, offsetof(scenario, outbound.machine_share), T_DOUBLE, IN_PARENT, NULL},
    {"outbound.no_answer_share", AT_TOP, offsetof(scenario, outbound.no_answer_share), T_DOUBLE, IN_PARENT, NULL},
    {"outbound.dial_s", AT_TOP, offsetof(scenario, outbound.dial_s), T_DOUBLE, IN_PARENT, NULL},
    {"outbound.inbound_reserve", AT_TOP, offsetof(scenario, outbound.inbound_reserve), T_SIZE, IN_PARENT, NULL},
    {"outbound.talk_time.distribution", AT_TOP, offsetof(scenario, outbound.talk_time.kind), T_ENUM, IN_PARENT, NULL},
    {"outbound.wrap_up.distribution", AT_TOP, offsetof(scenario, outbound.wrap_up.kind), T_ENUM, IN_PARENT, NULL},
    {"routing.overflow[].after_wait_s", AT_OVERFLOW, offsetof(scenario_overflow, after_wait_s),
     T_DOUBLE, 0, NULL},
    {"shifts[].breaks[].earliest_start_s", AT_BREAK,
     offsetof(scenario_break, earliest_start_s), T_DOUBLE, 0, NULL},
    {"shifts[].breaks[].paid", AT_BREAK, offsetof(scenario_break, paid), T_BOOL, 0, NULL},
    {"shifts[].min_count", AT_SHIFT, offsetof(scenario_shift, min_count), T_SIZE, 0, NULL},
    {"shifts[].cost_eur", AT_SHIFT, offsetof(scenario_shift, cost_eur), T_DOUBLE, 0, NULL},
    TOP("workforce.attrition_per_year", workforce.attrition_per_year, T_DOUBLE),
    TOP("workforce.hiring_lead_time_days", workforce.hiring_lead_time_days, T_DOUBLE),
    TOP("workforce.training_days", workforce.training_days, T_DOUBLE),
    TOP("workforce.training_productivity", workforce.training_productivity, T_DOUBLE),
    TOP("costs.agent_cost_per_hour_eur", costs.agent_cost_per_hour_eur, T_DOUBLE),
    TOP("costs.supervisor_ratio", costs.supervisor_ratio, T_DOUBLE),
    TOP("costs.supervisor_cost_per_hour_eur", costs.supervisor_cost_per_hour_eur, T_DOUBLE),
    TOP("costs.overhead_ratio", costs.overhead_ratio, T_DOUBLE),
    TOP("costs.platform", costs.platform, T_ENUM),
    TOP("costs.on_premise.capex_eur", costs.capex_eur, T_DOUBLE),
    TOP("costs.on_premise.depreciation_years", costs.depreciation_years, T_DOUBLE),
    TOP("costs.on_premise.maintenance_per_year_eur", costs.maintenance_per_year_eur, T_DOUBLE),
    TOP("costs.on_premise.maintenance_growth_per_year", costs.maintenance_growth_per_year,
        T_DOUBLE),
    TOP("costs.on_premise.licence_per_seat_per_year_eur", costs.licence_per_seat_per_year_eur,
        T_DOUBLE),
    TOP("costs.cloud.per_seat_per_month_eur", costs.cloud_per_seat_per_month_eur, T_DOUBLE),
    TOP("costs.cloud.per_minute_eur", costs.cloud_per_minute_eur, T_DOUBLE),
    TOP("costs.cloud.migration_cost_eur", costs.migration_cost_eur, T_DOUBLE),
    TOP("costs.cloud.migration_months", costs.migration_months, T_DOUBLE),
    TOP("costs.cloud.migration_year", costs.migration_year, T_INT),
    TOP("costs.telephony_per_minute_eur", costs.telephony_per_minute_eur, T_DOUBLE),
    TOP("costs.discount_rate", costs.discount_rate, T_DOUBLE),
    {"outsourcers[].mode", AT_OUTSOURCER, offsetof(scenario_outsourcer, mode), T_ENUM, 0, NULL},
    {"outsourcers[].share", AT_OUTSOURCER, offsetof(scenario_outsourcer, share), T_DOUBLE, 0, NULL},
    {"outsourcers[].pricing", AT_OUTSOURCER, offsetof(scenario_outsourcer, pricing), T_ENUM, 0,
     NULL},
    {"outsourcers[].price_eur", AT_OUTSOURCER, offsetof(scenario_outsourcer, price_eur),
     T_DOUBLE, 0, NULL},
    {"outsourcers[].handle_time_factor", AT_OUTSOURCER,
     offsetof(scenario_outsourcer, handle_time_factor), T_DOUBLE, 0, NULL},
    {"outsourcers[].sla.target", AT_OUTSOURCER, offsetof(scenario_outsourcer, sl_target),
     T_DOUBLE, 0, NULL},
    {"outsourcers[].sla.threshold_s", AT_OUTSOURCER,
     offsetof(scenario_outsourcer, sl_threshold_s), T_DOUBLE, 0, NULL},
    {"outsourcers[].sla.period", AT_OUTSOURCER, offsetof(scenario_outsourcer, sla_period),
     T_ENUM, 0, NULL},
    {"outsourcers[].sla.abandon_ceiling", AT_OUTSOURCER,
     offsetof(scenario_outsourcer, abandon_ceiling), T_DOUBLE, 0, NULL},
    {"outsourcers[].sla.penalty_eur", AT_OUTSOURCER, offsetof(scenario_outsourcer, penalty_eur),
     T_DOUBLE, 0, NULL},
    {"outsourcers[].sla.bonus_eur", AT_OUTSOURCER, offsetof(scenario_outsourcer, bonus_eur),
     T_DOUBLE, 0, NULL},
    {"policies[].description", AT_POLICY, offsetof(scenario_policy, description), T_STRP, 0, NULL},
    TOP("roadmap.volume_growth_per_year", roadmap.volume_growth_per_year, T_DOUBLE),
    {"roadmap.steps[].stage", AT_STEP, offsetof(scenario_roadmap_step, stage), T_NAME, 0, NULL},
};
#define N_FIELDS (sizeof fields / sizeof fields[0])

/* Defaults that are values but no struct field shows, with the reason; each is checked in
 * derived_defaults_should_do_what_the_table_says. */
static const char *const value_exceptions[][2] = {
    {"demand.daily_volume",
     "per_channel refuses it and holds the channels' sum; by_segment needs it above 0"},
    {"segments[].preference.*", "a map's value: checked for a channel the map does not name"},
    {"hopping[].to.*", "a map's value: checked for a channel the map does not name"},
    {"roadmap.channel_growth_per_year.*", "a map's value: checked for an unnamed channel"},
    {"roadmap.segment_share_drift_per_year.*", "a map's value: checked for an unnamed segment"},
    {"roadmap.preference_shifts[].to.*", "a map's value: checked for an unnamed channel"},
    {"channels[].handle_time.components[].distribution",
     "a mixture component's: checked on a loaded mixture"},
    {"channels[].patience.components[].distribution",
     "a mixture component's: checked on a loaded mixture"},
    {"hopping[].delay.components[].distribution",
     "a mixture component's: checked on a loaded mixture"},
    {"channels[].wrap_up.components[].distribution",
     "a mixture component's: checked on a loaded mixture"},
    {"channels[].handle_time_by_period[].dist.components[].distribution",
     "a mixture component's: checked on a loaded mixture"},
    {"channels[].patience_by_period[].dist.components[].distribution",
     "a mixture component's: checked on a loaded mixture"},
    {"channels[].handle_time_by_period[].dist.distribution", "a period's distribution: checked on a loaded period"},
    {"channels[].patience_by_period[].dist.distribution", "a period's distribution: checked on a loaded period"},
    {"channels[].handle_time_by_period[].mean_factor", "a period's: checked on a loaded period"},
    {"channels[].patience_by_period[].mean_factor", "a period's: checked on a loaded period"},
};

/* Defaults the table states as prose (or as a form only this list reads), each with the check
 * that shows what it says in derived_defaults_should_do_what_the_table_says. */
static const char *const derived[] = {
    "channels[].handle_time",     "channels[].handle_time.cv",
    "channels[].patience.cv",     "channels[].wrap_up.cv",
    "channels[].service_level",
    "channels[].hours",           "channels[].intraday",
    "channels[].weekday",         "demand",
    "demand.intraday",            "demand.weekday",
    "segments",                   "segments[].intraday",
    "segments[].weekday",         "hopping[].segment",
    "hopping[].from",             "hopping[].to",
    "hopping[].give_up",          "hopping[].delay",
    "hopping[].delay.distribution", "hopping[].delay.cv",         "groups[].skills[].priority",
    "groups[].skills[].handle_time_factor",
    "groups[].staffing",          "groups[].cost_per_hour_eur",
    "routing",                    "shifts[].breaks[].latest_start_s",
    "shifts[].days",              "shifts[].max_count",
    "roadmap.first_year",         "roadmap.last_year",
    "roadmap.channel_growth_per_year", "roadmap.segment_share_drift_per_year",
    "roadmap.preference_shifts[].segment", "channels[].day_cv",
    "channels[].handle_time.mean_s", "channels[].handle_time.components[].mean_s", "channels[].handle_time.components[].cv",
    "channels[].patience.mean_s", "channels[].patience.components[].mean_s", "channels[].patience.components[].cv",
    "hopping[].delay.mean_s", "hopping[].delay.components[].mean_s", "hopping[].delay.components[].cv",
    "channels[].wrap_up.mean_s", "channels[].wrap_up.components[].mean_s", "channels[].wrap_up.components[].cv",
    "outbound.talk_time.cv", "outbound.wrap_up.cv", "outbound", "outbound.wrap_up",
    "channels[].handle_time_by_period[].dist.mean_s", "channels[].handle_time_by_period[].dist.components[].mean_s", "channels[].handle_time_by_period[].dist.components[].cv",
    "channels[].patience_by_period[].dist.mean_s", "channels[].patience_by_period[].dist.components[].mean_s", "channels[].patience_by_period[].dist.components[].cv",
    "channels[].handle_time_by_period[].dist.cv",
    "channels[].patience_by_period[].dist.cv",
    "demand.forecast_interval_min",
};

static int in_list(const char *path, const char *const *list, size_t n, size_t stride)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i * stride], path) == 0)
            return 1;
    return 0;
}

static const mapped *find_mapped(const char *path)
{
    for (size_t i = 0; i < N_FIELDS; i++)
        if (strcmp(fields[i].path, path) == 0)
            return &fields[i];
    return NULL;
}

static int no_default(const char *def)
{
    return def[0] == '\0' || strcmp(def, "required") == 0 || strncmp(def, "none", 4) == 0;
}

/* A value default for a kind, or a by-kind entry naming another field of the channel. */
static int has_value(const scenario_schema_field *f, const char *kind)
{
    char buf[64];
    return scenario_schema_default_text(f, kind, buf, sizeof buf);
}

static void every_default_should_have_a_form_and_a_check(void **state)
{
    (void)state;
    static const char *const kinds[] = {"voice", "chat", "deferred", "self_service",
                                        "callback", "video"};
    int ok = 1;
    for (size_t i = 0; i < scenario_schema_count(); i++) {
        const scenario_schema_field *f = scenario_schema_get(i);
        int is_derived = in_list(f->path, derived, sizeof derived / sizeof derived[0], 1);
        int is_exception = in_list(f->path, &value_exceptions[0][0],
                                   sizeof value_exceptions / sizeof value_exceptions[0], 2);
        int is_mapped = find_mapped(f->path) != NULL;
        if (f->flags & SCENARIO_SCHEMA_BY_KIND) {
            /* every entry is a value, "required", "none", the mean of a distribution object,
             * or the name of another field of the channel */
            assert_true(strncmp(f->path, "channels[].", 11) == 0);
            for (size_t k = 0; k < 6; k++) {
                char e[64], other[128];
                double mean;
                if (!kind_entry(f->def, kinds[k], e, sizeof e))
                    continue; /* the field does not apply to that kind (at_close) */
                snprintf(other, sizeof other, "channels[].%s", e);
                if (!has_value(f, kinds[k]) && strcmp(e, "required") != 0
                    && strncmp(e, "none", 4) != 0
                    && !scenario_schema_default_mean(f, kinds[k], &mean)
                    && scenario_schema_find(other) == NULL) {
                    print_message("%s: '%s' for %s is no default form\n", f->path, e,
                                  kinds[k]);
                    ok = 0;
                }
            }
        }
        if (no_default(f->def) && !is_derived)
            continue;
        int value = (f->flags & SCENARIO_SCHEMA_BY_KIND) ? has_value(f, "voice")
                                                          || has_value(f, "deferred")
                                                    : has_value(f, NULL);
        if (value && !is_mapped && !is_exception && !is_derived) {
            print_message("%s: default '%s' is read by the converter but no test maps it to "
                          "its struct field (add it to fields[])\n",
                          f->path, f->def);
            ok = 0;
        }
        if (!value && !is_derived) {
            print_message("%s: default '%s' is not a value the converter reads; list it in "
                          "derived[] with a check of what it says\n",
                          f->path, f->def);
            ok = 0;
        }
        if (is_mapped + is_exception + is_derived > 1) {
            print_message("%s is in more than one list\n", f->path);
            ok = 0;
        }
    }
    /* and no list names a field the table has not */
    for (size_t i = 0; i < N_FIELDS; i++)
        ok &= scenario_schema_find(fields[i].path) != NULL;
    for (size_t i = 0; i < sizeof derived / sizeof derived[0]; i++)
        ok &= scenario_schema_find(derived[i]) != NULL;
    assert_true(ok);
}

/* The JSON value at `rel` (a dotted path without arrays) below `elem`, or NULL. *parent is
 * set to whether the object holding the last key exists. */
static const cJSON *json_at(const cJSON *elem, const char *rel, int *parent)
{
    char key[128];
    const cJSON *o = elem;
    *parent = o != NULL;
    while (o != NULL) {
        size_t n = strcspn(rel, ".");
        snprintf(key, sizeof key, "%.*s", (int)n, rel);
        const cJSON *v = cJSON_IsObject(o) ? cJSON_GetObjectItemCaseSensitive(o, key) : NULL;
        if (rel[n] == '\0')
            return v;
        rel += n + 1;
        o = v;
        *parent = o != NULL;
    }
    return NULL;
}

/* Index of `word` in the '|'-separated choices, or -1. */
static int choice_index(const char *choices, const char *word)
{
    int i = 0;
    size_t n = strlen(word);
    for (const char *p = choices; p != NULL && *p != '\0'; i++) {
        const char *bar = strchr(p, '|');
        size_t len = bar != NULL ? (size_t)(bar - p) : strlen(p);
        if (len == n && strncmp(p, word, n) == 0)
            return i;
        p = bar != NULL ? bar + 1 : NULL;
    }
    return -1;
}

/* Compare the struct member at `base` with the default text `want`; report and return 0 when
 * they differ. */
static int compare(const mapped *m, const scenario_schema_field *f, const void *base,
                   const char *want, const char *where)
{
    const char *p = (const char *)base + m->offset;
    char got[128];
    int same;
    if (m->type == T_NAME || m->type == T_STRP) {
        const char *s = m->type == T_NAME ? p : *(char *const *)(const void *)p;
        snprintf(got, sizeof got, "%s", s != NULL ? s : "(null)");
        same = strcmp(got, want) == 0;
    } else if (m->type == T_ENUM || m->type == T_CHOICE || m->type == T_BOOL) {
        int v;
        if (m->type == T_CHOICE) {
            unsigned u;
            memcpy(&u, p, sizeof u);
            v = (int)u;
        } else {
            memcpy(&v, p, sizeof v);
        }
        int w = m->type == T_BOOL ? strcmp(want, "true") == 0
                                  : choice_index(f->choices, want);
        snprintf(got, sizeof got, "%d (want %d)", v, w);
        same = w >= 0 && v == w;
    } else {
        double v = 0;
        if (m->type == T_DOUBLE)
            memcpy(&v, p, sizeof v);
        if (m->type == T_SIZE) {
            size_t u;
            memcpy(&u, p, sizeof u);
            v = (double)u;
        }
        if (m->type == T_INT || m->type == T_UNS) {
            int u;
            memcpy(&u, p, sizeof u);
            v = m->type == T_INT ? (double)u : (double)(unsigned)u;
        }
        if (m->type == T_U64) {
            uint64_t u;
            memcpy(&u, p, sizeof u);
            v = (double)u;
        }
        snprintf(got, sizeof got, "%.17g", v);
        same = v == strtod(want, NULL);
    }
    if (!same)
        print_message("%s %s: the loaded scenario holds %s, the table's default is '%s'\n",
                      f->path, where, got, want);
    return same;
}

/* The struct element and the file's JSON element for `where`, index i (j: the break of shift
 * i); 0 past the end. *json is NULL for an element the file does not list (the implicit
 * segment "all"). */
static int element(const scenario *s, const cJSON *root, at where, size_t i, size_t j,
                   const void **base, const cJSON **json)
{
    const cJSON *arr = NULL;
    size_t n = 0;
    switch (where) {
    case AT_TOP:
        n = 1;
        *base = s;
        break;
    case AT_CHANNEL:
        n = s->n_channels;
        *base = &s->channels[i];
        arr = cJSON_GetObjectItem(root, "channels");
        break;
    case AT_SEGMENT:
        n = s->n_segments;
        *base = &s->segments[i];
        arr = cJSON_GetObjectItem(root, "segments");
        break;
    case AT_GROUP:
        arr = cJSON_GetObjectItem(root, "groups");
        n = (size_t)cJSON_GetArraySize(arr); /* the file's groups, not the implicit ones */
        *base = &s->groups[i];
        break;
    case AT_SPECIAL:
        n = s->n_special_days;
        *base = &s->special_days[i];
        arr = cJSON_GetObjectItem(root, "special_days");
        break;
    case AT_OUTSOURCER:
        n = s->n_outsourcers;
        *base = &s->outsourcers[i];
        arr = cJSON_GetObjectItem(root, "outsourcers");
        break;
    case AT_OVERFLOW:
        n = s->routing.n_overflows;
        *base = &s->routing.overflows[i];
        arr = cJSON_GetObjectItem(cJSON_GetObjectItem(root, "routing"), "overflow");
        break;
    case AT_SHIFT:
        n = s->n_shifts;
        *base = &s->shifts[i];
        arr = cJSON_GetObjectItem(root, "shifts");
        break;
    case AT_BREAK:
        n = i < s->n_shifts ? s->shifts[i].n_breaks : 0;
        if (j >= n)
            return 0;
        *base = &s->shifts[i].breaks[j];
        *json = cJSON_GetArrayItem(
            cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(root, "shifts"), (int)i),
                                "breaks"),
            (int)j);
        return 1;
    case AT_POLICY:
        n = s->n_policies;
        *base = &s->policies[i];
        arr = cJSON_GetObjectItem(root, "policies");
        break;
    case AT_STEP:
        n = s->roadmap.n_steps;
        *base = &s->roadmap.steps[i];
        arr = cJSON_GetObjectItem(cJSON_GetObjectItem(root, "roadmap"), "steps");
        break;
    }
    if (i >= n || j > 0)
        return 0;
    *json = where == AT_TOP ? root : cJSON_GetArrayItem(arr, (int)i);
    return 1;
}

/* The part of a generic path below its element: "channels[].service_level.target" ->
 * "service_level.target". */
static const char *relative(const char *path)
{
    const char *b = strrchr(path, ']');
    return b != NULL ? b + 2 : path;
}

/* Check one element's field against the table when the file leaves it out; 1 when it agrees
 * (or is not checked there), counting the checks in *checked. */
static int check_element(const mapped *mp, const scenario *s, const void *base,
                         const cJSON *json, size_t i, size_t *checked)
{
    const scenario_schema_field *f = row(mp->path);
    int parent;
    if (json != NULL && json_at(json, relative(mp->path), &parent) != NULL)
        return 1; /* given in the file */
    if ((mp->flags & IN_PARENT) && (json == NULL || !parent))
        return 1;
    const char *kind =
        mp->where == AT_CHANNEL ? scenario_channel_kind_name(s->channels[i].kind) : NULL;
    if (kind != NULL && mp->kinds != NULL) {
        char k[40];
        snprintf(k, sizeof k, " %s ", kind);
        if (strstr(mp->kinds, k) == NULL)
            return 1; /* the field does not apply to this kind */
    }
    char want[64], where[96];
    snprintf(where, sizeof where, "(element %zu%s%s)", i, kind != NULL ? ", " : "",
             kind != NULL ? kind : "");
    if (scenario_schema_default_text(f, kind, want, sizeof want)) {
        (*checked)++;
        return compare(mp, f, base, want, where);
    }
    /* no value: a by-kind entry naming another field of the channel takes its value; no
     * entry means the field does not apply to the kind */
    char e[64], other[128];
    if (!(f->flags & SCENARIO_SCHEMA_BY_KIND) || !kind_entry(f->def, kind, e, sizeof e))
        return 1;
    snprintf(other, sizeof other, "channels[].%s", e);
    const mapped *om = find_mapped(other);
    if (om == NULL) {
        print_message("%s: entry '%s' for %s names no mapped field\n", f->path, e, kind);
        return 0;
    }
    assert_int_equal(mp->type, T_DOUBLE);
    assert_int_equal(om->type, T_DOUBLE);
    double a, b;
    memcpy(&a, (const char *)base + mp->offset, sizeof a);
    memcpy(&b, (const char *)base + om->offset, sizeof b);
    (*checked)++;
    if (a != b)
        print_message("%s %s: %g, not %s's %g\n", f->path, where, a, e, b);
    return a == b;
}

/* Compare every mapped field the file leaves out with the table; count the comparisons per
 * field in checked[]. */
static int check_defaults(const char *json_text, size_t *checked)
{
    scenario *s = test_scenario_load(json_text);
    cJSON *root = cJSON_Parse(json_text);
    assert_non_null(root);
    int ok = 1;
    for (size_t m = 0; m < N_FIELDS; m++) {
        const mapped *mp = &fields[m];
        size_t n_outer = mp->where == AT_BREAK ? s->n_shifts : SIZE_MAX;
        for (size_t i = 0; i < n_outer; i++) {
            const void *base;
            const cJSON *json = NULL;
            if (mp->where == AT_BREAK) {
                for (size_t j = 0; element(s, root, AT_BREAK, i, j, &base, &json); j++)
                    ok &= check_element(mp, s, base, json, i, &checked[m]);
                continue;
            }
            if (!element(s, root, mp->where, i, 0, &base, &json))
                break;
            ok &= check_element(mp, s, base, json, i, &checked[m]);
        }
    }
    cJSON_Delete(root);
    scenario_free(s);
    return ok;
}

/* One channel of each kind with only what is required, and one of every list a scenario may
 * hold, with only their required fields (plus what derived defaults need to show). */
static const char scenario_a[] =
    "{\"name\": \"a\", \"year\": 2020, \"interval_s\": 3600,"
    " \"start_date\": \"2020-01-06\", \"special_days\": [{\"date\": \"2020-01-07\"}],"
    " \"channels\": ["
    "  {\"name\": \"phone\", \"kind\": \"voice\", \"handle_time\": {\"mean_s\": 300},"
    "   \"daily_volume\": 100, \"callback_offer\": {\"channel\": \"cb\"}},"
    "  {\"name\": \"chat\", \"kind\": \"chat\","
    "   \"handle_time\": {\"distribution\": \"deterministic\", \"mean_s\": 600}},"
    "  {\"name\": \"mail\", \"kind\": \"deferred\", \"handle_time\": {\"mean_s\": 400}},"
    "  {\"name\": \"self\", \"kind\": \"self_service\"},"
    "  {\"name\": \"cb\", \"kind\": \"callback\", \"handle_time\": {\"mean_s\": 300},"
    "   \"reach\": {}},"
    "  {\"name\": \"vid\", \"kind\": \"video\", \"handle_time\": {\"mean_s\": 300},"
    "   \"wrap_up\": {\"mean_s\": 30}, \"agents\": 2}],"
    " \"hopping\": [{\"outcome\": \"unresolved\", \"to\": {\"chat\": 0.3}},"
    "   {\"outcome\": \"abandoned\", \"from\": \"phone\"}],"
    " \"groups\": [{\"name\": \"g1\","
    "   \"skills\": [\"phone\", \"chat\", \"mail\", {\"channel\": \"cb\"},"
    "    {\"channel\": \"vid\", \"handle_time_factor\": 0.8}]},"
    "  {\"name\": \"g2\", \"skills\": [\"phone\"], \"agents_per_interval\": " TEST_FLAT_24 "}],"
    " \"routing\": {\"overflow\": [{\"channel\": \"phone\", \"to_group\": \"g2\"}]},"
    " \"outbound\": {\"group\": \"g1\", \"talk_time\": {\"mean_s\": 200},"
    "   \"wrap_up\": {\"mean_s\": 20}},"
    " \"shifts\": [{\"name\": \"s1\", \"group\": \"g1\", \"starts\": [\"08:00\"],"
    "   \"length_s\": 28800,"
    "   \"breaks\": [{\"length_s\": 900}, {\"earliest_start_s\": 600, \"length_s\": 900}]}],"
    " \"outsourcers\": [{\"name\": \"out\", \"channels\": [\"mail\"], \"agents\": 1,"
    "   \"sla\": {}}],"
    " \"policies\": [{\"name\": \"p\", \"changes\": [{\"path\": \"seed\", \"value\": 2}]}],"
    " \"roadmap\": {\"preference_shifts\": [{\"from\": [\"phone\"], \"to\": {\"chat\": 1},"
    "   \"share_per_year\": 0.1}], \"steps\": [{\"year\": 2020, \"policy\": \"p\"}]}}";

/* by_segment demand with a day shape and weekday weights: the top-level fields scenario_a
 * gives, and explicit segments. Built at run time (96 intervals of a day). */
static void scenario_b(char *buf, size_t n)
{
    char shape[1024];
    size_t used = 0;
    for (int i = 0; i < 96; i++)
        used += (size_t)snprintf(shape + used, sizeof shape - used, "%s%d", i ? ", " : "",
                                 1 + i % 3);
    snprintf(buf, n,
             "{\"name\": \"b\","
             " \"demand\": {\"mode\": \"by_segment\", \"daily_volume\": 100,"
             "  \"intraday\": [%s], \"weekday\": [2, 1, 1, 1, 1, 1, 0]},"
             " \"segments\": [{\"name\": \"s\", \"share\": 1, \"preference\": {\"phone\": 1}}],"
             " \"channels\": [{\"name\": \"phone\", \"kind\": \"voice\","
             "   \"handle_time\": {\"mean_s\": 300}},"
             "  {\"name\": \"mail\", \"kind\": \"deferred\", \"handle_time\": {\"mean_s\": 300}}],"
             " \"groups\": [{\"name\": \"g\", \"skills\": [\"phone\", \"mail\"]}]}",
             shape);
}

static void a_loaded_scenario_should_hold_the_table_default_of_every_field_left_out(void **state)
{
    (void)state;
    size_t checked[N_FIELDS] = {0};
    static char b[4096];
    scenario_b(b, sizeof b);
    int ok = check_defaults(scenario_a, checked);
    ok &= check_defaults(b, checked);
    for (size_t m = 0; m < N_FIELDS; m++)
        if (checked[m] == 0) {
            print_message("%s: no scenario of the test leaves it out\n", fields[m].path);
            ok = 0;
        }
    assert_true(ok);
}

/* ---------------------------------------------------------------------------------------- */
/* Derived defaults                                                                          */

static double number(const char *path, const char *kind)
{
    double x = -1;
    if (!scenario_schema_default_number(row(path), kind, &x))
        print_message("%s: no numeric default\n", path);
    assert_true(x != -1);
    return x;
}

/* Load `text`; return the number of diagnostics, the first containing `want` (or NULL). */
static size_t load_messages(const char *text, const char *want, int *found)
{
    scenario *x = NULL;
    scenario_diag diag;
    scenario_diag_init(&diag);
    (void)scenario_load_string(text, strlen(text), "<test>", NULL, &x, &diag);
    size_t n = scenario_diag_count(&diag);
    *found = 0;
    for (size_t i = 0; i < n; i++)
        *found |= want != NULL && strstr(scenario_diag_get(&diag, i)->message, want) != NULL;
    scenario_diag_fini(&diag);
    scenario_free(x);
    return n;
}

/* mean_s "required, unless the parameters give it"; a component's distribution "exponential"
 * and cv "1 (exp.), 0 (det.)": for the three distribution objects alike. */
static void distribution_defaults_should_do_what_the_table_says(void)
{
    static const char *const objs[] = {"channels[].handle_time", "channels[].patience",
                                       "hopping[].delay", "channels[].handle_time_by_period[].dist",
                                       "channels[].patience_by_period[].dist"};
    char p[128];
    for (size_t i = 0; i < 5; i++) {
        snprintf(p, sizeof p, "%s.mean_s", objs[i]);
        assert_string_equal(row(p)->def, "required, unless the parameters give it");
        snprintf(p, sizeof p, "%s.components[].mean_s", objs[i]);
        assert_string_equal(row(p)->def, "required, unless the parameters give it");
        snprintf(p, sizeof p, "%s.components[].cv", objs[i]);
        assert_string_equal(row(p)->def, "1 (exp.), 0 (det.)");
        snprintf(p, sizeof p, "%s.components[].distribution", objs[i]);
        assert_string_equal(row(p)->def, "exponential");
    }
#define MIX "{\"distribution\": \"mixture\", \"components\": [{\"share\": 0.25, \"mean_s\": 100}," \
            " {\"share\": 0.75, \"distribution\": \"deterministic\", \"mean_s\": 40}]}"
    static const char mix[] =
        "{\"name\": \"m\", \"channels\": [{\"name\": \"p\", \"kind\": \"voice\","
        " \"daily_volume\": 1, \"agents\": 1, \"handle_time\": " MIX ", \"patience\": " MIX ","
        " \"handle_time_by_period\": [{\"from\": \"08:00\", \"to\": \"12:00\", \"dist\": " MIX "}],"
        " \"patience_by_period\": [{\"from\": \"08:00\", \"to\": \"12:00\", \"dist\": " MIX "}]"
        "}], \"hopping\": [{\"outcome\": \"abandoned\", \"to\": {\"p\": 1}, \"delay\": " MIX "}]}";
#undef MIX
    scenario *m = test_scenario_load(mix);
    const scenario_channel *ch = &m->channels[0];
    const scenario_dist *d[5] = {&ch->handle_time, &ch->patience,
                                 &scenario_hop_get(m, 0, SCENARIO_OUTCOME_ABANDONED, 0)->delay,
                                 &ch->handle_periods[0].dist, &ch->patience_periods[0].dist};
    /* a period's dist: its mean_factor is the table's default; the dist replaces the channel's
     * (no "distribution" given anywhere would be the table's default, exponential: the
     * components here show it) */
    assert_true(ch->n_handle_periods == 1 && ch->n_patience_periods == 1);
    assert_true(ch->handle_periods[0].has_dist
                && ch->handle_periods[0].factor
                       == number("channels[].handle_time_by_period[].mean_factor", NULL));
    assert_true(ch->patience_periods[0].factor
                == number("channels[].patience_by_period[].mean_factor", NULL));
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(d[i]->kind, SCENARIO_DIST_MIXTURE);
        assert_int_equal(d[i]->n, 2);
        assert_int_equal(d[i]->part[0].kind, SCENARIO_DIST_EXPONENTIAL);
        assert_true(d[i]->part[0].cv == 1 && d[i]->part[1].cv == 0);
        assert_true(d[i]->mean_s == 0.25 * 100 + 0.75 * 40); /* given by the parameters */
    }
    scenario_free(m);
    const char *plain = "{\"name\": \"x\", \"channels\": [{\"name\": \"p\", \"kind\": "
                        "\"voice\", \"daily_volume\": 1, \"agents\": 1, \"handle_time\": "
                        "{\"distribution\": \"deterministic\", \"mean_s\": 9},"
                        " \"patience\": {\"distribution\": \"deterministic\", \"mean_s\": 9},"
                        " \"handle_time_by_period\": [{\"from\": \"00:00\", \"to\": \"01:00\","
                        " \"dist\": {\"mean_s\": 5}}],"
                        " \"patience_by_period\": [{\"from\": \"00:00\", \"to\": \"01:00\","
                        " \"dist\": {\"mean_s\": 5}}]}]}";
    m = test_scenario_load(plain);
    char word[64];
    assert_true(scenario_schema_default_text(
        row("channels[].handle_time_by_period[].dist.distribution"), NULL, word, sizeof word));
    assert_int_equal(m->channels[0].handle_periods[0].dist.kind,
                     choice_index(row("channels[].handle_time_by_period[].dist.distribution")->choices, word));
    assert_int_equal(m->channels[0].patience_periods[0].dist.kind, SCENARIO_DIST_EXPONENTIAL);
    assert_true(m->channels[0].patience_periods[0].dist.cv == 1);
    scenario_free(m);
    /* a kind that needs mean_s is refused without it, one whose parameters give it is not */
    int found;
    const char *no_mean = "{\"name\": \"x\", \"channels\": [{\"name\": \"p\", \"kind\": "
                          "\"voice\", \"daily_volume\": 1, \"agents\": 1, \"handle_time\": "
                          "{\"distribution\": \"gamma\", \"cv\": 0.5}}]}";
    assert_int_equal(load_messages(no_mean, "missing required field 'mean_s'", &found), 1);
    assert_true(found);
    const char *uni = "{\"name\": \"x\", \"channels\": [{\"name\": \"p\", \"kind\": "
                      "\"voice\", \"daily_volume\": 1, \"agents\": 1, \"handle_time\": "
                      "{\"distribution\": \"uniform\", \"min_s\": 100, \"max_s\": 300}}]}";
    m = test_scenario_load(uni);
    assert_true(m->channels[0].handle_time.mean_s == 200);
    scenario_free(m);
}

static void derived_defaults_should_do_what_the_table_says(void **state)
{
    (void)state;
    scenario *a = test_scenario_load(scenario_a);
    static char btext[4096];
    scenario_b(btext, sizeof btext);
    scenario *b = test_scenario_load(btext);
    size_t phone = scenario_find_channel(a, "phone"), chat = scenario_find_channel(a, "chat");
    size_t self = scenario_find_channel(a, "self"), mail = scenario_find_channel(a, "mail");
    assert_true(phone != SCENARIO_NONE && chat != SCENARIO_NONE && self != SCENARIO_NONE);

    /* channels[].handle_time: self-service without one is exponential with the table's mean;
     * the other kinds must give one */
    double mean = -1;
    assert_true(scenario_schema_default_mean(row("channels[].handle_time"), "self_service",
                                             &mean));
    assert_int_equal(a->channels[self].handle_time.kind, SCENARIO_DIST_EXPONENTIAL);
    assert_int_equal(strncmp(row("channels[].handle_time")->def, "exponential, ", 13), 0);
    assert_true(a->channels[self].handle_time.mean_s == mean);
    assert_false(scenario_schema_default_mean(row("channels[].handle_time"), "voice", &mean));
    {
        const char *bad = "{\"name\": \"x\", \"channels\": [{\"name\": \"p\", \"kind\": \"voice\","
                          " \"daily_volume\": 1, \"agents\": 1}]}";
        scenario *x = NULL;
        scenario_diag diag;
        scenario_diag_init(&diag);
        assert_int_equal(scenario_load_string(bad, strlen(bad), "<test>", NULL, &x, &diag),
                         SIM_EINVAL);
        assert_int_equal(scenario_diag_count(&diag), 1);
        assert_non_null(strstr(scenario_diag_get(&diag, 0)->message,
                               "missing required field 'handle_time'"));
        scenario_diag_fini(&diag);
    }
    /* demand.forecast_interval_min "interval_s / 60": a file without it is read in the
     * scenario's intervals (test_scenario_forecast.c, dated_file_should_place_rows_on_their_dates,
     * reads hourly rows into a 3600 s scenario without the field) */
    assert_string_equal(row("demand.forecast_interval_min")->def, "interval_s / 60");
    /* "1 (exp.), 0 (det.)": the distribution fixes cv */
    assert_string_equal(row("channels[].handle_time.cv")->def, "1 (exp.), 0 (det.)");
    assert_string_equal(row("channels[].patience.cv")->def, "1 (exp.), 0 (det.)");
    assert_string_equal(row("channels[].wrap_up.cv")->def, "1 (exp.), 0 (det.)");
    /* channels[].wrap_up "none": no after-call work unless given; given, cv from the
     * distribution */
    assert_int_equal(a->channels[phone].has_wrap_up, 0);
    /* groups[].skills[].handle_time_factor "1": a name or an object without it is 1, also for
     * the implicit group of channels[].agents */
    size_t gi1 = scenario_find_group(a, "g1"), gv = scenario_find_group(a, "vid");
    for (size_t k = 0; k < a->groups[gi1].n_skills; k++)
        assert_true(a->groups[gi1].skills[k].handle_time_factor ==
                    (a->groups[gi1].skills[k].channel == scenario_find_channel(a, "vid") ? 0.8
                                                                                        : 1.0));
    assert_true(a->groups[gv].skills[0].handle_time_factor == 1.0);
    size_t vch = scenario_find_channel(a, "vid");
    assert_int_equal(a->channels[vch].has_wrap_up, 1);
    assert_int_equal(a->channels[vch].wrap_up.kind, SCENARIO_DIST_EXPONENTIAL);
    assert_true(a->channels[vch].wrap_up.cv == 1 && a->channels[vch].wrap_up.mean_s == 30);
    assert_string_equal(row("hopping[].delay.cv")->def, "1 (exp.), 0 (det.)");
    assert_true(a->channels[phone].handle_time.cv == 1);
    assert_int_equal(a->channels[chat].handle_time.kind, SCENARIO_DIST_DETERMINISTIC);
    assert_true(a->channels[chat].handle_time.cv == 0);
    /* channels[].service_level "0.8 in 20 s": its fields' defaults, for a voice channel */
    char text[64];
    snprintf(text, sizeof text, "%g in %g s", number("channels[].service_level.target", NULL),
             number("channels[].service_level.threshold_s", "voice"));
    assert_string_equal(row("channels[].service_level")->def, text);
    /* channels[].hours "24/7": open every second of the week */
    assert_string_equal(row("channels[].hours")->def, "\"24/7\"");
    for (unsigned d = 0; d < 7; d++) {
        assert_int_equal(a->channels[mail].hours.n_windows[d], 1);
        assert_true(a->channels[mail].hours.windows[d][0].open_s == 0);
        assert_true(a->channels[mail].hours.windows[d][0].close_s == 86400);
    }
    /* intraday: "demand.intraday, else opening hours"; weekday: "demand.weekday", which is
     * "all 1"; demand: "per_channel, profiles from opening hours" */
    assert_string_equal(row("demand")->def, "per_channel, profiles from opening hours");
    assert_int_equal(a->demand_mode, SCENARIO_DEMAND_PER_CHANNEL);
    for (size_t k = 0; k < a->n_channels; k++) {
        assert_non_null(a->channels[k].open_profile); /* opening hours */
        for (int d = 0; d < 7; d++)
            assert_true(a->channels[k].weekday[d] == 1); /* all 1 */
    }
    const scenario_segment *sg = &b->segments[0];
    assert_null(sg->open_profile); /* demand.intraday given: the segment takes it */
    double sum = 0;
    for (size_t i = 0; i < 96; i++)
        sum += 1 + (double)(i % 3);
    for (size_t i = 0; i < 96; i++)
        assert_true(sg->intraday[i] == (1 + (double)(i % 3)) / sum);
    assert_true(sg->weekday[0] == 2 * 7.0 / 7 && sg->weekday[6] == 0);
    for (size_t k = 0; k < b->n_channels; k++)
        assert_true(b->channels[k].weekday[0] == 2.0); /* demand.weekday */
    /* demand.daily_volume: per_channel holds the channels' sum */
    assert_true(a->daily_volume == 100);
    /* segments: one segment "all"; a preference the map does not name is the table's value */
    assert_int_equal(a->n_segments, 1);
    assert_string_equal(a->segments[0].name, "all");
    assert_true(b->segments[0].preference[scenario_find_channel(b, "mail")]
                == number("segments[].preference.*", NULL));
    /* hopping: a rule without segment or from applies to every segment and channel; to {}
     * (a channel it does not name: the table's value) and give_up 1 - sum(to); delay from
     * the table, also for cells no rule sets */
    assert_true(scenario_schema_default_mean(row("hopping[].delay"), NULL, &mean));
    char dist[64];
    assert_true(scenario_schema_default_text(row("hopping[].delay.distribution"), NULL, dist,
                                             sizeof dist));
    assert_int_equal(strncmp(row("hopping[].delay")->def, dist, strlen(dist)), 0);
    int dist_kind = choice_index(row("hopping[].delay.distribution")->choices, dist);
    for (size_t k = 0; k < a->n_channels; k++) {
        const scenario_hop *h = scenario_hop_get(a, 0, SCENARIO_OUTCOME_UNRESOLVED, k);
        assert_true(h->to[chat] == 0.3);
        assert_true(h->to[mail] == number("hopping[].to.*", NULL));
        assert_true(fabs(h->give_up - 0.7) < 1e-15);
        assert_int_equal(h->delay.kind, dist_kind);
        assert_true(h->delay.mean_s == mean);
        h = scenario_hop_get(a, 0, SCENARIO_OUTCOME_CLOSED, k);
        assert_true(h->give_up == 1 && h->delay.mean_s == mean);
    }
    const scenario_hop *h = scenario_hop_get(a, 0, SCENARIO_OUTCOME_ABANDONED, phone);
    for (size_t k = 0; k < a->n_channels; k++)
        assert_true(h->to[k] == 0);
    assert_true(h->give_up == 1);
    /* groups: a skill's priority is its channel's; staffing fixed, or per_interval with
     * agents_per_interval; cost per hour from costs; the implicit group of "agents" takes
     * the same defaults as a listed group */
    const scenario_group *g1 = &a->groups[scenario_find_group(a, "g1")];
    for (size_t q = 0; q < g1->n_skills; q++)
        assert_int_equal(g1->skills[q].priority, a->channels[g1->skills[q].channel].priority);
    assert_int_equal(g1->staffing, SCENARIO_STAFFING_FIXED);
    assert_int_equal(a->groups[scenario_find_group(a, "g2")].staffing,
                     SCENARIO_STAFFING_PER_INTERVAL);
    for (size_t g = 0; g < a->n_groups; g++)
        assert_true(a->groups[g].cost_per_hour_eur == a->costs.agent_cost_per_hour_eur);
    const scenario_group *vid = &a->groups[scenario_find_group(a, "vid")];
    assert_true(vid->implicit && vid->agents == 2);
    assert_true(vid->shrinkage == number("groups[].shrinkage", NULL));
    assert_true(scenario_schema_default_text(row("groups[].site"), NULL, text, sizeof text));
    assert_string_equal(vid->site, text);
    /* routing "siloed": the mode's default */
    assert_true(scenario_schema_default_text(row("routing.mode"), NULL, text, sizeof text));
    assert_string_equal(row("routing")->def, text);
    assert_int_equal(b->routing.mode, SCENARIO_ROUTING_SILOED);
    /* shifts: latest start = earliest start; mon-fri; no maximum */
    const scenario_shift *t = &a->shifts[0];
    assert_true(t->breaks[1].latest_start_s == 600 && t->breaks[0].latest_start_s == 0);
    for (int d = 0; d < 7; d++)
        assert_int_equal(t->days[d], d < 5);
    assert_true(t->max_count == SCENARIO_NONE);
    /* roadmap: years from the scenario's; maps empty (unnamed keys the table's value); a
     * preference shift without segment applies to every segment */
    assert_true(a->roadmap.present && a->roadmap.first_year == a->year
                && a->roadmap.last_year == a->roadmap.first_year);
    for (size_t k = 0; k < a->n_channels; k++) {
        assert_true(a->roadmap.channel_growth_per_year[k]
                    == number("roadmap.channel_growth_per_year.*", NULL));
        assert_true(a->roadmap.preference_shifts[0].to[k]
                    == (k == chat ? 1 : number("roadmap.preference_shifts[].to.*", NULL)));
    }
    assert_true(a->roadmap.segment_share_drift_per_year[0]
                == number("roadmap.segment_share_drift_per_year.*", NULL));
    assert_true(a->roadmap.preference_shifts[0].segment == SCENARIO_NONE);
    scenario_free(a);
    scenario_free(b);
    distribution_defaults_should_do_what_the_table_says();
    /* channels[].day_cv "demand.overdispersion_cv": a channel without one takes that CV */
    assert_string_equal(row("channels[].day_cv")->def, "demand.overdispersion_cv");
    const char *dc = "{\"name\": \"x\", \"demand\": {\"overdispersion_cv\": 0.15,"
                     " \"day_correlation\": 0.5}, \"channels\": [{\"name\": \"p\","
                     " \"kind\": \"voice\", \"daily_volume\": 1, \"agents\": 1,"
                     " \"handle_time\": {\"mean_s\": 9}}, {\"name\": \"q\", \"kind\": \"voice\","
                     " \"daily_volume\": 1, \"agents\": 1, \"handle_time\": {\"mean_s\": 9},"
                     " \"day_cv\": 0.3}]}";
    scenario *x = test_scenario_load(dc);
    assert_true(x->channels[0].day_cv == 0.15 && x->channels[1].day_cv == 0.3);
    scenario_free(x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(default_forms_should_parse_as_documented),
        cmocka_unit_test(reference_doc_should_list_every_field_with_its_unit_and_default),
        cmocka_unit_test(every_default_should_have_a_form_and_a_check),
        cmocka_unit_test(a_loaded_scenario_should_hold_the_table_default_of_every_field_left_out),
        cmocka_unit_test(derived_defaults_should_do_what_the_table_says),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
