/* test_roadmap.c -- roadmap years (models/study/roadmap.h): the year arithmetic (segment drift with
 * renormalisation, preference shifts, growth, per_channel mix scaling, policy steps and
 * stages) against hand computations, year variants carrying those values through the
 * loader, and the base year equal to the scenario itself.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "test_scenario_util.h"

#include "roadmap.h"
#include "sim_alloc.h"
#include "scenario.h"
#include "study.h"

/* Two segments, by_segment demand of 1000 needs a day in 2017. Roadmap: +10% a year; the
 * old segment loses 0.10 of share a year and the young gains 0.05 (then renormalised);
 * every segment moves 20% of its phone preference a year to chat (75%) and email (25%);
 * more_chat switches on in 2019 (cross channel), unified in 2020 (omni channel). */
static const char *const by_segment_json =
    "{\"name\": \"r\", \"year\": 2017, \"horizon_days\": 1, \"replications\": 2, \"seed\": 5,"
    " \"demand\": {\"mode\": \"by_segment\", \"daily_volume\": 1000},"
    " \"channels\": ["
    "  {\"name\": \"phone\", \"kind\": \"voice\", \"handle_time\": {\"mean_s\": 300}},"
    "  {\"name\": \"chat\", \"kind\": \"chat\", \"handle_time\": {\"mean_s\": 500}},"
    "  {\"name\": \"email\", \"kind\": \"deferred\", \"handle_time\": {\"mean_s\": 400},"
    "   \"response_target_s\": 14400}],"
    " \"segments\": ["
    "  {\"name\": \"old\", \"share\": 0.6, \"preference\": {\"phone\": 0.8, \"chat\": 0.1,"
    "   \"email\": 0.1}},"
    "  {\"name\": \"young\", \"share\": 0.4, \"preference\": {\"phone\": 0.3, \"chat\": 0.5,"
    "   \"email\": 0.2}}],"
    " \"groups\": ["
    "  {\"name\": \"voice\", \"skills\": [\"phone\"], \"agents\": 4},"
    "  {\"name\": \"digital\", \"skills\": [\"chat\", \"email\"], \"agents\": 3}],"
    " \"policies\": ["
    "  {\"name\": \"more_chat\", \"changes\": [{\"path\": \"groups.digital.agents\", \"value\": 5}]},"
    "  {\"name\": \"unified\", \"changes\": [{\"path\": \"routing.mode\", \"value\": \"unified\"}]}],"
    " \"roadmap\": {\"first_year\": 2017, \"last_year\": 2020, \"volume_growth_per_year\": 0.1,"
    "  \"segment_share_drift_per_year\": {\"old\": -0.1, \"young\": 0.05},"
    "  \"preference_shifts\": [{\"from\": [\"phone\"], \"to\": {\"chat\": 0.75, \"email\": 0.25},"
    "   \"share_per_year\": 0.2}],"
    "  \"steps\": [{\"year\": 2019, \"policy\": \"more_chat\", \"stage\": \"cross\"},"
    "             {\"year\": 2020, \"policy\": \"unified\", \"stage\": \"omni\"}]}}";

/* per_channel demand with no segments (the implicit segment "all" prefers channels as their
 * volumes: phone 0.6, chat 0.4); 25% of the phone preference moves to chat each year;
 * +10% a year overall and +20% more for chat. */
static const char *const per_channel_json =
    "{\"name\": \"p\", \"year\": 2017, \"horizon_days\": 1, \"replications\": 2, \"seed\": 5,"
    " \"channels\": ["
    "  {\"name\": \"phone\", \"kind\": \"voice\", \"handle_time\": {\"mean_s\": 300},"
    "   \"daily_volume\": 600, \"agents\": 4},"
    "  {\"name\": \"chat\", \"kind\": \"chat\", \"handle_time\": {\"mean_s\": 500},"
    "   \"daily_volume\": 400, \"agents\": 3}],"
    " \"roadmap\": {\"first_year\": 2017, \"last_year\": 2019, \"volume_growth_per_year\": 0.1,"
    "  \"channel_growth_per_year\": {\"chat\": 0.2},"
    "  \"preference_shifts\": [{\"from\": [\"phone\"], \"to\": {\"chat\": 1},"
    "   \"share_per_year\": 0.25}]}}";

static roadmap_year year_of(const scenario *scn, int y)
{
    roadmap_year ry;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(roadmap_year_compute(scn, y, &ry, &err), SIM_OK);
    return ry;
}

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-12)

static void segment_drift_and_preference_shift_should_match_hand_computation(void **state)
{
    (void)state;
    scenario *scn = test_scenario_load(by_segment_json);
    /* 2018 (one step): shares 0.6 - 0.1 = 0.5 and 0.4 + 0.05 = 0.45, sum 0.95:
     * old 0.5 / 0.95 = 10/19, young 0.45 / 0.95 = 9/19.
     * old: F = 0.8; phone 0.8 x 0.8 = 0.64; chat 0.1 + 0.2 x 0.8 x 0.75 = 0.22;
     *      email 0.1 + 0.2 x 0.8 x 0.25 = 0.14.
     * young: F = 0.3; phone 0.24; chat 0.5 + 0.045 = 0.545; email 0.2 + 0.015 = 0.215.
     * volume 1000 x 1.1 = 1100. */
    roadmap_year y = year_of(scn, 2018);
    assert_int_equal(y.t, 1);
    NEAR(y.segment_share[0], 10.0 / 19.0);
    NEAR(y.segment_share[1], 9.0 / 19.0);
    NEAR(y.preference[0][0], 0.64);
    NEAR(y.preference[0][1], 0.22);
    NEAR(y.preference[0][2], 0.14);
    NEAR(y.preference[1][0], 0.24);
    NEAR(y.preference[1][1], 0.545);
    NEAR(y.preference[1][2], 0.215);
    NEAR(y.daily_volume, 1100.0);
    /* 2019 (two steps): old (10/19 - 0.1) / 0.95 = 162/361, young (9/19 + 0.05) / 0.95 =
     * 199/361. old: phone 0.64 x 0.8 = 0.512, chat 0.22 + 0.2 x 0.64 x 0.75 = 0.316,
     * email 0.14 + 0.032 = 0.172; young: phone 0.192, chat 0.581, email 0.227.
     * Phone's share of first contacts: (162 x 0.512 + 199 x 0.192) / 361 = 121.152 / 361.
     * Volume 1210. */
    y = year_of(scn, 2019);
    NEAR(y.segment_share[0], 162.0 / 361.0);
    NEAR(y.segment_share[1], 199.0 / 361.0);
    NEAR(y.preference[0][0], 0.512);
    NEAR(y.preference[0][1], 0.316);
    NEAR(y.preference[0][2], 0.172);
    NEAR(y.preference[1][0], 0.192);
    NEAR(y.preference[1][1], 0.581);
    NEAR(y.preference[1][2], 0.227);
    NEAR(y.channel_mix[0], 121.152 / 361.0);
    NEAR(y.channel_mix[0] + y.channel_mix[1] + y.channel_mix[2], 1.0);
    NEAR(y.daily_volume, 1210.0);
    NEAR(y.channel_volume[0], 1210.0 * 121.152 / 361.0);
    /* 2017 is the scenario as written */
    y = year_of(scn, 2017);
    assert_int_equal(y.t, 0);
    NEAR(y.segment_share[0], 0.6);
    NEAR(y.preference[0][0], 0.8);
    NEAR(y.daily_volume, 1000.0);
    scenario_free(scn);
}

static void policies_should_switch_on_in_their_year_with_the_stage_reached(void **state)
{
    (void)state;
    scenario *scn = test_scenario_load(by_segment_json);
    roadmap_year y = year_of(scn, 2018);
    assert_int_equal(y.n_policies, 0);
    assert_string_equal(y.stage, "");
    y = year_of(scn, 2019);
    assert_int_equal(y.n_policies, 1);
    assert_string_equal(y.policies[0], "more_chat");
    assert_string_equal(y.stage, "cross");
    y = year_of(scn, 2020);
    assert_int_equal(y.n_policies, 2);
    assert_string_equal(y.policies[1], "unified");
    assert_string_equal(y.stage, "omni");
    scenario_free(scn);
}

static void per_channel_volumes_should_follow_growth_and_the_preference_mix(void **state)
{
    (void)state;
    scenario *scn = test_scenario_load(per_channel_json);
    /* 2018: preference phone 0.6 x 0.75 = 0.45, chat 0.4 + 0.15 = 0.55.
     * growth: phone 600 x 1.1 = 660; chat 400 x 1.1 x 1.2 = 528.
     * mix scaling: phone 660 x 0.45 / 0.6 = 495; chat 528 x 0.55 / 0.4 = 726. */
    roadmap_year y = year_of(scn, 2018);
    NEAR(y.channel_volume[0], 495.0);
    NEAR(y.channel_volume[1], 726.0);
    NEAR(y.daily_volume, 1221.0);
    NEAR(y.channel_mix[0], 495.0 / 1221.0);
    scenario_free(scn);
}

static void year_variant_should_carry_the_year_values_through_the_loader(void **state)
{
    (void)state;
    scenario *scn = test_scenario_load(by_segment_json);
    roadmap_year y = year_of(scn, 2019);
    scenario *v = NULL;
    scenario_diag diag;
    scenario_diag_init(&diag);
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(roadmap_year_derive(scn, &y, NULL, 0, NULL, 0, 0, &v, &diag, &err),
                     SIM_OK);
    assert_int_equal(v->year, 2019);
    assert_false(v->roadmap.present);
    NEAR(v->daily_volume, 1210.0);
    NEAR(v->segments[0].population_share, 162.0 / 361.0);
    NEAR(v->segments[1].preference[1], 0.581);
    /* more_chat is on: the digital group has 5 agents */
    assert_int_equal(v->groups[scenario_find_group(v, "digital")].agents, 5);
    assert_int_equal(v->routing.mode, SCENARIO_ROUTING_SILOED);
    scenario_free(v);
    /* per_channel without a segments array: the volumes carry the drift */
    scenario *p = test_scenario_load(per_channel_json);
    roadmap_year py = year_of(p, 2018);
    assert_int_equal(roadmap_year_derive(p, &py, NULL, 0, NULL, 0, 0, &v, &diag, &err), SIM_OK);
    NEAR(v->channels[0].daily_volume, 495.0);
    NEAR(v->channels[1].daily_volume, 726.0);
    scenario_free(v);
    scenario_free(p);
    scenario_diag_fini(&diag);
    scenario_free(scn);
}

static void base_year_should_equal_the_scenario_run_alone(void **state)
{
    (void)state;
    scenario *scn = test_scenario_load(by_segment_json);
    roadmap_result *res = NULL;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(roadmap_run(scn, 2017, 2018, NULL, 0, NULL, 0, NULL, &res, NULL, &err),
                     SIM_OK);
    assert_int_equal(res->n_years, 2);
    const scenario *v[1] = {scn};
    study_sample s;
    study_sample_init(&s);
    assert_int_equal(study_run(&s, v, NULL, 1, 0, 2, NULL, &err), SIM_OK);
    const study_sample *y0 = &res->samples[0];
    assert_int_equal(y0->n_kpis, s.n_kpis);
    for (size_t q = 0; q < s.n_reps * s.n_kpis; q++)
        assert_true(y0->values[q] == s.values[q] || (isnan(y0->values[q]) && isnan(s.values[q])));
    /* and 2018 has more needs (10% growth; 2 days of Poisson noise at ~1000/day cannot
     * hide it: sd about 3%) */
    size_t k = study_sample_find(y0, "needs.created");
    double a = 0, b = 0;
    for (size_t r = 0; r < 2; r++) {
        a += y0->values[r * y0->n_kpis + k];
        b += res->samples[1].values[r * res->samples[1].n_kpis + k];
    }
    assert_true(b > 1.03 * a);
    study_sample_fini(&s);
    roadmap_free(res);
    scenario_free(scn);
}

static void years_before_the_scenario_year_should_be_refused(void **state)
{
    (void)state;
    scenario *scn = test_scenario_load(by_segment_json);
    roadmap_year y;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(roadmap_year_compute(scn, 2016, &y, &err), SIM_EINVAL);
    assert_non_null(strstr(err.message, "2016"));
    roadmap_result *res = NULL;
    assert_int_equal(roadmap_run(scn, 2019, 2018, NULL, 0, NULL, 0, NULL, &res, NULL, &err),
                     SIM_EINVAL);
    assert_null(res);
    scenario_free(scn);
}

/* A sample over the given names and replications (rows of values), on caller storage. */
#define TEST_MAX_KPIS 4
typedef struct test_sample {
    char names[TEST_MAX_KPIS][CC_KPI_NAME_MAX];
    double values[3 * TEST_MAX_KPIS];
    study_sample s;
} test_sample;

static void test_sample_set(test_sample *t, const char *const *names, size_t n_kpis,
                            const double *values, size_t n_reps)
{
    memset(t, 0, sizeof *t);
    for (size_t k = 0; k < n_kpis; k++)
        snprintf(t->names[k], sizeof t->names[k], "%s", names[k]);
    memcpy(t->values, values, n_reps * n_kpis * sizeof *values);
    t->s.n_kpis = n_kpis;
    t->s.names = t->names;
    t->s.n_reps = t->s.cap_reps = n_reps;
    t->s.values = t->values;
}

/* The voice share of offered contacts is taken per replication (phone / total), replications
 * without offered contacts left out, and only voice channels count (chat does not). */
static void voice_share_should_be_voice_offered_over_total_per_replication(
    void **state)
{
    (void)state;
    scenario *scn = test_scenario_load(by_segment_json);
    static const char *const names[] = {"total.offered", "channel.phone.offered",
                                        "channel.chat.offered"};
    static const double values[] = {100, 60, 40, /* 0.6 */
                                    50,  20, 30, /* 0.4 */
                                    0,   0,  0}; /* no contacts: left out */
    test_sample t;
    test_sample_set(&t, names, 3, values, 3);
    sim_ci ci = roadmap_voice_share_ci(scn, &t.s, 0.95);
    assert_int_equal(ci.n, 2);
    NEAR(ci.mean, 0.5);
    /* two values that differ: an interval around the mean */
    assert_true(ci.lo < 0.5 && ci.hi > 0.5);
    /* without total.offered there is no share */
    test_sample_set(&t, names + 1, 2, values, 1);
    ci = roadmap_voice_share_ci(scn, &t.s, 0.95);
    assert_int_equal(ci.n, 0);
    assert_true(isnan(ci.mean));
    /* the expected share sums the voice channels of the year's mix */
    roadmap_year y;
    memset(&y, 0, sizeof y);
    y.channel_mix[0] = 0.55; /* phone, voice */
    y.channel_mix[1] = 0.3;  /* chat */
    y.channel_mix[2] = 0.15; /* email */
    NEAR(roadmap_expected_voice_share(scn, &y), 0.55);
    scenario_free(scn);
}

/* The CSV's KPI columns: the chosen KPIs of every year, each once, in the order they first
 * appear; paid hours sum the pools' means. */
static void columns_should_be_the_union_over_years_in_first_appearance_order(void **state)
{
    (void)state;
    scenario *scn = test_scenario_load(by_segment_json);
    static const char *const n0[] = {"total.offered", "foo.not_a_column", "needs.created"};
    static const char *const n1[] = {"cost.people_eur", "total.offered", "pool.voice.paid_hours",
                                     "pool.voice.busy_s"};
    static const double v0[] = {1, 2, 3, 1, 2, 3};
    static const double v1[] = {1, 2, 10, 7, 1, 2, 20, 7};
    test_sample t[2];
    test_sample_set(&t[0], n0, 3, v0, 2);
    test_sample_set(&t[1], n1, 4, v1, 2);
    study_sample samples[2] = {t[0].s, t[1].s};
    roadmap_year years[2];
    memset(years, 0, sizeof years);
    roadmap_result res = {2, years, samples, 2, 0.95, 1};
    char(*cols)[CC_KPI_NAME_MAX] = NULL;
    size_t n = 0;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(roadmap_columns(scn, &res, &cols, &n, &err), SIM_OK);
    assert_int_equal(n, 4);
    assert_string_equal(cols[0], "total.offered");
    assert_string_equal(cols[1], "needs.created");
    assert_string_equal(cols[2], "cost.people_eur");
    assert_string_equal(cols[3], "pool.voice.paid_hours");
    sim_free(cols);
    assert_false(roadmap_is_column(scn, "pool.voice.busy_s"));
    assert_true(roadmap_is_column(scn, "channel.chat.occupancy"));
    NEAR(roadmap_paid_hours(&res, 1), 15.0);
    NEAR(roadmap_paid_hours(&res, 0), 0.0);
    scenario_free(scn);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(segment_drift_and_preference_shift_should_match_hand_computation),
        cmocka_unit_test(policies_should_switch_on_in_their_year_with_the_stage_reached),
        cmocka_unit_test(per_channel_volumes_should_follow_growth_and_the_preference_mix),
        cmocka_unit_test(year_variant_should_carry_the_year_values_through_the_loader),
        cmocka_unit_test(base_year_should_equal_the_scenario_run_alone),
        cmocka_unit_test(years_before_the_scenario_year_should_be_refused),
        cmocka_unit_test(voice_share_should_be_voice_offered_over_total_per_replication),
        cmocka_unit_test(columns_should_be_the_union_over_years_in_first_appearance_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
