/* test_sweep.c -- grids over numeric fields (models/study/sweep.h): a point equals the scenario
 * run alone with that override (same seed, same replications, bit for bit), the Cartesian
 * product's order, value texts, and refused ranges.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "cc_model.h"
#include "scenario.h"
#include "scenario_load.h"
#include "sweep.h"

static const char *const scenario_json =
    "{\"name\": \"s\", \"horizon_days\": 1, \"replications\": 3, \"seed\": 11,"
    " \"channels\": [{\"name\": \"phone\", \"kind\": \"voice\", \"handle_time\": {\"mean_s\": 300},"
    "   \"daily_volume\": 2400, \"agents\": 10, \"patience\": {\"mean_s\": 120}},"
    "  {\"name\": \"chat\", \"kind\": \"chat\", \"handle_time\": {\"mean_s\": 600},"
    "   \"concurrency\": 2, \"daily_volume\": 800, \"agents\": 4, \"patience\": {\"mean_s\": 90}}]}";

static scenario *load_with(const char *const *sets, size_t n_sets)
{
    scenario *scn = NULL;
    scenario_load_opts lo = {NULL, 0, sets, n_sets, NULL, NULL, 0};
    sim_status st = scenario_load_string(scenario_json, strlen(scenario_json), "<test>", &lo,
                                         &scn, NULL);
    assert_int_equal(st, SIM_OK);
    return scn;
}

static sweep_axis axis(const char *spec)
{
    sweep_axis a;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(sweep_axis_parse(spec, &a, &err), SIM_OK);
    return a;
}

static void sweep_point_should_equal_the_scenario_run_alone_with_that_set(void **state)
{
    (void)state;
    scenario *base = load_with(NULL, 0);
    sweep_axis ax[1] = {axis("channels.phone.agents=9:11:1")};
    sweep_options so;
    sweep_options_default(&so);
    so.study.threads = 2;
    sweep_result *res = NULL;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(sweep_run(base, ax, 1, NULL, 0, NULL, 0, &so, &res, NULL, &err), SIM_OK);
    assert_int_equal(res->n_points, 3);
    assert_string_equal(res->values[1][0], "10");

    /* the middle point, run alone: loaded from the text with the override, simulated
     * replication by replication with the plain model API */
    const char *sets[] = {"channels.phone.agents=10"};
    scenario *alone = load_with(sets, 1);
    const study_sample *s = &res->samples[1];
    assert_int_equal(s->n_reps, 3);
    for (size_t r = 0; r < 3; r++) {
        cc_rep rep;
        cc_kpis k;
        memset(&k, 0, sizeof k);
        assert_int_equal(cc_model_run(alone, NULL, r, &rep, &err), SIM_OK);
        assert_int_equal(cc_kpis_from_rep(&k, &rep, alone, &err), SIM_OK);
        for (size_t i = 0; i < k.n; i++) {
            size_t j = study_sample_find(s, k.names[i]);
            assert_true(j != SIZE_MAX);
            double x = s->values[r * s->n_kpis + j];
            if (isnan(k.values[i]))
                assert_true(isnan(x));
            else
                assert_true(x == k.values[i]); /* bit for bit, not approximately */
        }
        cc_kpis_fini(&k);
        cc_rep_fini(&rep);
    }
    /* and a different point differs (the override reached the model) */
    size_t sl = study_sample_find(s, "channel.phone.service_level_per_answered_abandoned");
    assert_true(res->samples[0].values[sl] < s->values[sl]);
    scenario_free(alone);
    sweep_free(res);
    scenario_free(base);
}

static void two_axes_should_make_a_cartesian_product_with_the_last_axis_fastest(void **state)
{
    (void)state;
    scenario *base = load_with(NULL, 0);
    sweep_axis ax[2] = {axis("channels.phone.agents=10:11:1"),
                        axis("channels.chat.agents=3:5:1")};
    sweep_options so;
    sweep_options_default(&so);
    so.reps = 2;
    sweep_result *res = NULL;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(sweep_run(base, ax, 2, NULL, 0, NULL, 0, &so, &res, NULL, &err), SIM_OK);
    assert_int_equal(res->n_points, 6);
    static const char *const expect[6][2] = {{"10", "3"}, {"10", "4"}, {"10", "5"},
                                             {"11", "3"}, {"11", "4"}, {"11", "5"}};
    for (size_t p = 0; p < 6; p++) {
        assert_string_equal(res->values[p][0], expect[p][0]);
        assert_string_equal(res->values[p][1], expect[p][1]);
        assert_int_equal(res->samples[p].n_reps, 2);
    }
    /* common random numbers across points: arrivals have one stream per channel, so the
     * phone calls offered are the same whatever the chat staffing. (Handle times and
     * patience share one stream per purpose across channels, so phone waits do move a
     * little with chat staffing: the draws interleave differently.) */
    size_t k = study_sample_find(&res->samples[0], "channel.phone.offered");
    assert_true(res->samples[0].values[k] == res->samples[2].values[k]);
    assert_true(res->samples[1].values[k] == res->samples[2].values[k]);
    sweep_free(res);
    scenario_free(base);
}

static void axis_values_should_be_written_without_rounding_noise(void **state)
{
    (void)state;
    sweep_axis a = axis("channels.phone.fcr_share=0.1:0.5:0.1");
    assert_int_equal(a.n_values, 5); /* 0.5 included despite 0.1 + 4 x 0.1 rounding */
    char buf[SWEEP_VALUE_MAX];
    sweep_axis_value(&a, 2, buf);
    assert_string_equal(buf, "0.3");
    sweep_axis b = axis("x=5:5:1");
    assert_int_equal(b.n_values, 1);
}

static void bad_axes_should_be_refused(void **state)
{
    (void)state;
    static const char *const bad[] = {"x=1:2",      "x=1:2:0",  "x=2:1:1", "=1:2:1",
                                      "x=a:2:1",    "x=1:2:-1", "x",       "x=1:2:3:4",
                                      "x=0:1e9:1"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        sweep_axis a;
        sim_error err;
        sim_error_clear(&err);
        assert_int_not_equal(sweep_axis_parse(bad[i], &a, &err), SIM_OK);
        assert_true(err.message[0] != '\0');
    }
}

static void a_point_the_validator_refuses_should_fail_with_its_override(void **state)
{
    (void)state;
    scenario *base = load_with(NULL, 0);
    sweep_axis ax[1] = {axis("channels.phone.fcr_share=0.5:1.5:0.5")}; /* 1.5 is no share */
    sweep_result *res = NULL;
    scenario_diag diag;
    scenario_diag_init(&diag);
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(sweep_run(base, ax, 1, NULL, 0, NULL, 0, NULL, &res, &diag, &err),
                     SIM_EINVAL);
    assert_null(res);
    assert_true(scenario_diag_count(&diag) > 0);
    assert_non_null(strstr(err.path, "fcr_share"));
    scenario_diag_fini(&diag);
    scenario_free(base);
}

/* Two axes over one field would make every point the second axis's value (and sweep.json's
 * "set" would hold the key twice): refused before anything runs. */
static void the_same_field_on_two_axes_should_be_refused(void **state)
{
    (void)state;
    scenario *base = load_with(NULL, 0);
    sweep_axis ax[2] = {axis("channels.phone.agents=10:11:1"),
                        axis("channels.phone.agents=12:13:1")};
    sweep_result *res = NULL;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(sweep_run(base, ax, 2, NULL, 0, NULL, 0, NULL, &res, NULL, &err),
                     SIM_EINVAL);
    assert_null(res);
    assert_non_null(strstr(err.message, "channels.phone.agents given twice"));
    scenario_free(base);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sweep_point_should_equal_the_scenario_run_alone_with_that_set),
        cmocka_unit_test(two_axes_should_make_a_cartesian_product_with_the_last_axis_fastest),
        cmocka_unit_test(axis_values_should_be_written_without_rounding_noise),
        cmocka_unit_test(bad_axes_should_be_refused),
        cmocka_unit_test(a_point_the_validator_refuses_should_fail_with_its_override),
        cmocka_unit_test(the_same_field_on_two_axes_should_be_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
