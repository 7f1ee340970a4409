/* test_simstaff.c -- staffing by simulation (models/study/simstaff.h): the staffing found never
 * falls below the service-level target in a fresh validation run (new seeds, checked here
 * independently of the module's own validation), closed hours get no agents, the search
 * criterion holds on the search sample, Erlang C is reported alongside, and groups that
 * serve deferred channels are refused.
 *
 * Scenario: one voice channel open 08:00-20:00 with a morning and afternoon peak, hourly
 * intervals, abandonment (mean patience 90 s) with redials (50% after 5 minutes) and
 * unresolved calls (FCR 85%) coming back: the things Erlang C leaves out. One day, so a run
 * takes a few milliseconds.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "test_scenario_util.h"

#include "cc_model.h"
#include "scenario.h"
#include "sim_ci.h"
#include "sim_tally.h"
#include "simstaff.h"

static const char *const scenario_json =
    "{\"name\": \"ss\", \"horizon_days\": 1, \"interval_s\": 3600, \"replications\": 6,"
    " \"seed\": 3, \"confidence\": 0.95,"
    " \"channels\": [{\"name\": \"phone\", \"kind\": \"voice\","
    "   \"handle_time\": {\"mean_s\": 240}, \"patience\": {\"mean_s\": 90},"
    "   \"retrial\": {\"share\": 0.5, \"delay_mean_s\": 300}, \"fcr_share\": 0.85,"
    "   \"service_level\": {\"target\": 0.8, \"threshold_s\": 20},"
    "   \"hours\": {\"all\": [[\"08:00\", \"20:00\"]]},"
    "   \"daily_volume\": 2000,"
    "   \"intraday\": [0,0,0,0,0,0,0,0, 0.06,0.1,0.12,0.1,0.08,0.07,0.08,0.1,0.1,0.08,0.06,0.05,"
    "                  0,0,0,0],"
    "   \"agents\": 10}],"
    " \"hopping\": [{\"outcome\": \"unresolved\", \"from\": \"phone\", \"to\": {\"phone\": 0.6},"
    "   \"give_up\": 0.4, \"delay\": {\"mean_s\": 1800}}]}";

static simstaff_result *search(const scenario *scn, size_t validate_reps)
{
    simstaff_options so;
    simstaff_options_default(&so);
    so.validate_reps = validate_reps;
    simstaff_result *res = NULL;
    sim_error err;
    sim_error_clear(&err);
    sim_status st = simstaff_run(scn, NULL, 0, NULL, 0, &so, &res, NULL, &err);
    if (st != SIM_OK)
        fprintf(stderr, "simstaff failed: %s: %s\n", err.path, err.message);
    assert_int_equal(st, SIM_OK);
    return res;
}

/* Per hourly interval of the one simulated day, the service level (answered within 20 s
 * over answered + abandoned) over 30 replications of `agents` with seed 987654321; an
 * interval is below target when its two-sided Bonferroni interval (family-wise 95% over the
 * intervals with data) lies entirely below 0.8. Returns the number below; *worst is the
 * lowest interval mean. */
static size_t independent_validation(const scenario *scn, const simstaff_result *res,
                                     const size_t *agents, double *worst)
{
    scenario *v = NULL;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(simstaff_derive(scn, res, agents, NULL, 0, NULL, 0, &v, NULL, &err),
                     SIM_OK);
    enum { R = 30, H = 24 };
    sim_tally t[H];
    for (size_t i = 0; i < H; i++)
        sim_tally_init(&t[i]);
    cc_options co;
    cc_options_default(&co);
    co.use_seed = 1;
    co.seed_override = 987654321;
    co.intervals = CC_INTERVALS_WEEK;
    for (uint64_t r = 0; r < R; r++) {
        cc_rep rep;
        assert_int_equal(cc_model_run(v, &co, r, &rep, &err), SIM_OK);
        for (size_t i = 0; i < H; i++) { /* Monday: the one day simulated */
            double within = *cc_rep_iv(&rep, i, 0, CC_IV_ANSWERED_WITHIN);
            double den = *cc_rep_iv(&rep, i, 0, CC_IV_ANSWERED) +
                         *cc_rep_iv(&rep, i, 0, CC_IV_ABANDONED);
            if (den > 0)
                sim_tally_add(&t[i], within / den);
        }
        cc_rep_fini(&rep);
    }
    size_t m = 0;
    for (size_t i = 0; i < H; i++)
        m += t[i].n >= 2;
    assert_int_equal(m, 12); /* 08:00-20:00 */
    double fam = 1.0 - 0.05 / (double)m;
    size_t below = 0;
    *worst = 1.0;
    for (size_t i = 0; i < H; i++) {
        if (t[i].n < 2)
            continue;
        sim_ci ci = sim_ci_from_tally(&t[i], fam);
        *worst = ci.mean < *worst ? ci.mean : *worst;
        below += ci.hi < 0.8;
    }
    scenario_free(v);
    return below;
}

static void simulation_staffing_should_never_staff_below_target_in_a_fresh_validation_run(
    void **state)
{
    (void)state;
    scenario *scn = test_scenario_load(scenario_json);
    simstaff_result *res = search(scn, 20);
    assert_true(res->converged);
    assert_int_equal(res->val_below, 0); /* the module's own validation */

    /* An independent validation here (not the module's code): the staffing found, 30
     * replications on a seed neither the search nor the module's validation used. */
    double worst = 1.0;
    size_t below = independent_validation(scn, res, res->agents, &worst);
    printf("fresh validation: lowest interval mean SL %.3f (target 0.8)\n", worst);
    assert_int_equal(below, 0);
    /* The same check can fail: it flags Erlang C's staffing, which ignores the redials and
     * the unresolved calls that come back (the module's validation agrees). */
    size_t erl_below = independent_validation(scn, res, res->erlang, &worst);
    printf("Erlang C staffing: %zu intervals below target, lowest mean SL %.3f\n", erl_below,
           worst);
    assert_true(erl_below > 0);
    assert_true(res->erl_below > 0);
    simstaff_free(res);
    scenario_free(scn);
}

static void closed_hours_should_get_no_agents_and_open_hours_should(void **state)
{
    (void)state;
    scenario *scn = test_scenario_load(scenario_json);
    simstaff_result *res = search(scn, 0);
    assert_int_equal(res->n_groups, 1);
    assert_int_equal(res->n_week, 7 * 24);
    assert_int_equal(res->days_simulated, 1u); /* one day from Monday */
    double sim_h = 0, erl_h = 0;
    for (size_t i = 0; i < res->n_week; i++) {
        size_t hour = i % 24;
        int open = hour >= 8 && hour < 20;
        if (!open) {
            assert_int_equal(res->agents[i], 0);
            assert_int_equal(res->erlang[i], 0);
        } else {
            assert_true(res->agents[i] > 0);
            assert_true(res->erlang[i] > 0);
        }
        if (i >= 24) /* days not simulated keep Erlang C's staffing */
            assert_int_equal(res->agents[i], res->erlang[i]);
        else {
            sim_h += (double)res->agents[i];
            erl_h += (double)res->erlang[i];
        }
    }
    printf("Monday agent-hours: simulation %.0f, Erlang C %.0f\n", sim_h, erl_h);
    /* the criterion holds on the search sample wherever it could be estimated */
    const simstaff_channel *ch = &res->channels[0];
    for (size_t i = 0; i < 24; i++) {
        if (ch->sl_n[i] >= 2)
            assert_true(ch->sl_lcb[i] >= 0.8);
    }
    simstaff_free(res);
    scenario_free(scn);
}

static void search_should_not_depend_on_threads(void **state)
{
    (void)state;
    scenario *scn = test_scenario_load(scenario_json);
    simstaff_options so;
    simstaff_options_default(&so);
    simstaff_result *a = NULL, *b = NULL;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(simstaff_run(scn, NULL, 0, NULL, 0, &so, &a, NULL, &err), SIM_OK);
    so.study.threads = 3;
    assert_int_equal(simstaff_run(scn, NULL, 0, NULL, 0, &so, &b, NULL, &err), SIM_OK);
    assert_memory_equal(a->agents, b->agents, a->n_week * sizeof *a->agents);
    assert_int_equal(a->iterations, b->iterations);
    simstaff_free(a);
    simstaff_free(b);
    scenario_free(scn);
}

static void intervals_more_agents_cannot_help_should_be_flagged_unreachable(void **state)
{
    (void)state;
    /* Half of the calls go to an outsourcer with one agent: the channel's service level
     * (every call counts) cannot reach 0.8 whatever the in-house group does. */
    static const char *const json =
        "{\"name\": \"u\", \"horizon_days\": 1, \"interval_s\": 3600, \"replications\": 4,"
        " \"seed\": 9,"
        " \"channels\": [{\"name\": \"phone\", \"kind\": \"voice\","
        "   \"handle_time\": {\"mean_s\": 240}, \"patience\": {\"mean_s\": 90},"
        "   \"hours\": {\"all\": [[\"09:00\", \"12:00\"]]}, \"daily_volume\": 600}],"
        " \"groups\": [{\"name\": \"inhouse\", \"skills\": [\"phone\"], \"agents\": 5}],"
        " \"outsourcers\": [{\"name\": \"partner\", \"channels\": [\"phone\"],"
        "   \"mode\": \"share\", \"share\": 0.5, \"price_eur\": 3, \"agents\": 1}]}";
    scenario *scn = test_scenario_load(json);
    simstaff_options so;
    simstaff_options_default(&so);
    simstaff_result *res = NULL;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(simstaff_run(scn, NULL, 0, NULL, 0, &so, &res, NULL, &err), SIM_OK);
    assert_true(res->converged); /* the search ends instead of growing without bound */
    assert_true(res->n_unreachable >= 1);
    for (size_t i = 9; i < 12; i++) {
        if (res->unreachable[i]) /* stopped within a few agents of where growth stalled */
            assert_true(res->agents[i] < 40);
    }
    simstaff_free(res);
    scenario_free(scn);
}

static void group_serving_a_deferred_channel_should_be_refused(void **state)
{
    (void)state;
    static const char *const json =
        "{\"name\": \"d\", \"horizon_days\": 1,"
        " \"channels\": [{\"name\": \"phone\", \"kind\": \"voice\", \"daily_volume\": 100,"
        "   \"handle_time\": {\"mean_s\": 200}},"
        "  {\"name\": \"email\", \"kind\": \"deferred\", \"daily_volume\": 100,"
        "   \"handle_time\": {\"mean_s\": 200}}],"
        " \"groups\": [{\"name\": \"all\", \"skills\": [\"phone\", \"email\"], \"agents\": 3}]}";
    scenario *scn = test_scenario_load(json);
    simstaff_options so;
    simstaff_options_default(&so);
    so.group = "all";
    simstaff_result *res = NULL;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(simstaff_run(scn, NULL, 0, NULL, 0, &so, &res, NULL, &err), SIM_EINVAL);
    assert_null(res);
    assert_non_null(strstr(err.message, "all"));
    so.group = NULL; /* no group qualifies */
    assert_int_equal(simstaff_run(scn, NULL, 0, NULL, 0, &so, &res, NULL, &err), SIM_EINVAL);
    scenario_free(scn);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(
            simulation_staffing_should_never_staff_below_target_in_a_fresh_validation_run),
        cmocka_unit_test(closed_hours_should_get_no_agents_and_open_hours_should),
        cmocka_unit_test(search_should_not_depend_on_threads),
        cmocka_unit_test(intervals_more_agents_cannot_help_should_be_flagged_unreachable),
        cmocka_unit_test(group_serving_a_deferred_channel_should_be_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
