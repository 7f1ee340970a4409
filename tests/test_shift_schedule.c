/* test_shift_schedule.c -- the steps around the shift optimiser (models/shift/shift_schedule.h).
 *
 * Capacity: with a roadmap the months run over its first..last year and month m requires
 * fte (1 + growth)^(m / 12) (a 10% growth gives 11 FTE a year later, 12.1 two years later);
 * without one, twelve months of the same fte, in the scenario's year; fte is the paid hours
 * per week over fte_hours. The simulated variant: a one-channel scenario with two templates
 * is solved and simulated; the summary holds the replications asked for, a finite service
 * level, and the same numbers on two threads; a user override the loader refuses comes back
 * as its diagnostics, with no summary. The verdict: met only when the whole interval is at
 * or above the target, missed only when it is all below, else uncertain (also for no value).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "test_scenario_util.h"

#include "shift_schedule.h"
#include "sim_alloc.h"

#define REL(a, b) assert_true(fabs((a) - (b)) <= 1e-12 * fabs(b))

static const char *shift_json =
    "{\"name\": \"shift-test\", \"horizon_days\": 7, \"replications\": 3, \"seed\": 7,"
    " \"channels\": [{\"name\": \"phone\", \"kind\": \"voice\","
    "   \"handle_time\": {\"distribution\": \"exponential\", \"mean_s\": 300},"
    "   \"patience\": {\"distribution\": \"exponential\", \"mean_s\": 120},"
    "   \"service_level\": {\"target\": 0.8, \"threshold_s\": 20}, \"daily_volume\": 1500,"
    "   \"hours\": {\"weekdays\": [[\"08:00\", \"18:00\"]], \"weekend\": []}}],"
    " \"groups\": [{\"name\": \"agents\", \"skills\": [\"phone\"], \"staffing\": \"fixed\","
    "   \"agents\": 10, \"shrinkage\": 0.2, \"cost_per_hour_eur\": 30}],"
    " \"shifts\": ["
    "  {\"name\": \"day\", \"group\": \"agents\", \"starts\": [\"08:00\", \"09:00\", \"10:00\"],"
    "   \"length_s\": 28800, \"days\": [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"],"
    "   \"breaks\": [{\"earliest_start_s\": 10800, \"latest_start_s\": 16200,"
    "                \"length_s\": 1800}]},"
    "  {\"name\": \"part\", \"group\": \"agents\", \"starts\": [\"08:00\", \"12:00\", \"14:00\"],"
    "   \"length_s\": 14400, \"days\": [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"],"
    "   \"max_count\": 50}]}";

/* One group whose plan pays `paid` hours a week (a plan of the caller's, not solved). */
static void one_group(shift_schedule *s, shift_plan *plan, double paid)
{
    memset(plan, 0, sizeof *plan);
    plan->paid_hours = paid;
    s->groups[0].plan = plan;
    s->n_groups = 1;
}

static void release_group(shift_schedule *s)
{
    s->groups[0].plan = NULL; /* the caller's */
    shift_schedule_fini(s);
}

static void capacity_should_compound_the_roadmap_growth_monthly(void **state)
{
    (void)state;
    const char *json =
        "{\"name\": \"grow\", \"year\": 2020, \"channels\": [{\"name\": \"phone\","
        "  \"kind\": \"voice\", \"handle_time\": {\"mean_s\": 300}, \"daily_volume\": 100}],"
        " \"groups\": [{\"name\": \"g\", \"skills\": [\"phone\"], \"agents\": 5}],"
        " \"roadmap\": {\"first_year\": 2020, \"last_year\": 2022,"
        "   \"volume_growth_per_year\": 0.1}}";
    scenario *scn = test_scenario_load(json);
    shift_schedule s;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(shift_schedule_init(&s, scn, 36.0, &err), SIM_OK);
    shift_plan plan;
    one_group(&s, &plan, 360.0);
    assert_int_equal(shift_schedule_capacity(&s, &err), SIM_OK);
    REL(s.fte, 10.0);
    assert_int_equal(s.first_year, 2020);
    assert_int_equal(s.n_months, 36);
    assert_int_equal(s.n_years, 3);
    REL(s.months[0].required_fte, 10.0);
    REL(s.months[12].required_fte, 11.0);
    REL(s.months[24].required_fte, 12.1);
    REL(s.months[6].required_fte, 10.0 * sqrt(1.1));
    release_group(&s);
    scenario_free(scn);
}

static void capacity_without_a_roadmap_should_hold_one_year_flat(void **state)
{
    (void)state;
    scenario *scn = test_scenario_load(shift_json);
    shift_schedule s;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(shift_schedule_init(&s, scn, 40.0, &err), SIM_OK);
    shift_plan plan;
    one_group(&s, &plan, 1000.0);
    assert_int_equal(shift_schedule_capacity(&s, &err), SIM_OK);
    REL(s.fte, 25.0);
    assert_int_equal(s.first_year, scn->year);
    assert_int_equal(s.n_months, 12);
    assert_int_equal(s.n_years, 1);
    for (size_t m = 0; m < 12; m++)
        REL(s.months[m].required_fte, 25.0);
    release_group(&s);
    scenario_free(scn);
}

/* shift_schedule_progress: counts the calls and keeps the last group's name. */
static void count_progress(void *ctx, const char *group, size_t n_templates, size_t n_week)
{
    size_t *calls = ctx;
    (*calls)++;
    assert_string_equal(group, "agents");
    assert_int_equal(n_templates, 2); /* "day" and "part" */
    assert_int_equal(n_week, 7 * 96);
}

/* Solve every group of scn with templates into s (one progress call for the one group). */
static void solve(shift_schedule *s, const scenario *scn)
{
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(shift_schedule_init(s, scn, 36.0, &err), SIM_OK);
    shift_plan_opts po;
    shift_plan_opts_default(&po);
    size_t calls = 0;
    assert_int_equal(shift_schedule_solve(s, SCENARIO_NONE, NULL, &po, count_progress, &calls,
                                          &err),
                     SIM_OK);
    assert_int_equal(calls, 1);
    assert_int_equal(s->n_groups, 1);
}

/* The solve: every interval's agents on duty is the plan's coverage, which meets the
 * requirement (the program is feasible); a scenario without templates is refused at
 * "shifts", and so is asking for a group that has none. */
static void solving_should_fill_the_groups_and_refuse_a_scenario_without_shifts(void **state)
{
    (void)state;
    scenario *scn = test_scenario_load(shift_json);
    shift_schedule s;
    solve(&s, scn);
    const shift_schedule_group *sg = &s.groups[0];
    assert_non_null(sg->plan);
    assert_non_null(sg->on_duty);
    size_t covered = 0;
    for (size_t t = 0; t < sg->in.n_week; t++)
        covered += sg->on_duty[t] > 0;
    assert_true(covered > 0);
    shift_schedule_fini(&s);

    const char *none =
        "{\"name\": \"none\", \"channels\": [{\"name\": \"phone\", \"kind\": \"voice\","
        "  \"handle_time\": {\"mean_s\": 300}, \"daily_volume\": 100}],"
        " \"groups\": [{\"name\": \"g\", \"skills\": [\"phone\"], \"agents\": 5}]}";
    scenario *bare = test_scenario_load(none);
    sim_error err;
    sim_error_clear(&err);
    shift_plan_opts po;
    shift_plan_opts_default(&po);
    assert_int_equal(shift_schedule_init(&s, bare, 36.0, &err), SIM_OK);
    assert_int_equal(shift_schedule_solve(&s, SCENARIO_NONE, NULL, &po, NULL, NULL, &err),
                     SIM_EINVAL);
    assert_string_equal(err.path, "shifts");
    assert_int_equal(s.n_groups, 0);
    shift_schedule_fini(&s);
    scenario_free(bare);
    scenario_free(scn);
}

static void the_simulated_variant_should_be_deterministic_and_refuse_bad_overrides(void **state)
{
    (void)state;
    scenario *scn = test_scenario_load(shift_json);
    cc_options opts;
    cc_options_default(&opts);
    shift_schedule s, s2;
    solve(&s, scn);
    solve(&s2, scn);
    sim_error err;
    sim_error_clear(&err);
    scenario_diag diag;
    scenario_diag_init(&diag);
    assert_int_equal(shift_schedule_simulate(&s, scn, NULL, &opts, 3, 1, NULL, &diag, &err),
                     SIM_OK);
    assert_int_equal(shift_schedule_simulate(&s2, scn, NULL, &opts, 3, 2, NULL, &diag, &err),
                     SIM_OK);
    assert_non_null(s.sum);
    assert_int_equal(s.sum->n_reps, 3);
    size_t k = cc_summary_find(s.sum, "channel.phone." CC_KPI_SERVICE_LEVEL);
    assert_true(k != SIZE_MAX);
    assert_true(isfinite(s.sum->ci[k].mean));
    assert_int_equal(s2.sum->n_kpis, s.sum->n_kpis);
    for (size_t j = 0; j < s.sum->n_kpis; j++)
        assert_true(s.sum->ci[j].mean == s2.sum->ci[j].mean ||
                    (isnan(s.sum->ci[j].mean) && isnan(s2.sum->ci[j].mean)));
    scenario_diag_fini(&diag);
    shift_schedule_fini(&s2);

    /* a user override the loader refuses */
    cc_summary_free(s.sum);
    s.sum = NULL;
    const char *bad[] = {"channels.phone.no_such_field=1"};
    scenario_load_opts user = {.sets = bad, .n_sets = 1};
    scenario_diag_init(&diag);
    sim_error_clear(&err);
    assert_int_not_equal(
        shift_schedule_simulate(&s, scn, &user, &opts, 2, 1, NULL, &diag, &err), SIM_OK);
    assert_true(scenario_diag_count(&diag) > 0);
    assert_null(s.sum);
    scenario_diag_fini(&diag);
    shift_schedule_fini(&s);
    scenario_free(scn);
}

static void the_verdict_should_need_the_whole_interval(void **state)
{
    (void)state;
    sim_ci ci = {5, 0.95, 0.85, 0.02, 0.83, 0.87};
    assert_int_equal(shift_schedule_verdict(&ci, 0.8), 1);
    assert_int_equal(shift_schedule_verdict(&ci, 0.83), 1);
    assert_int_equal(shift_schedule_verdict(&ci, 0.84), -1);
    assert_int_equal(shift_schedule_verdict(&ci, 0.87), -1);
    assert_int_equal(shift_schedule_verdict(&ci, 0.9), 0);
    sim_ci one = {1, 0.95, 0.85, NAN, NAN, NAN}; /* one replication: the mean decides */
    assert_int_equal(shift_schedule_verdict(&one, 0.8), 1);
    assert_int_equal(shift_schedule_verdict(&one, 0.9), 0);
    sim_ci none = {0, 0.95, NAN, NAN, NAN, NAN};
    assert_int_equal(shift_schedule_verdict(&none, 0.8), -1);
    assert_int_equal(shift_schedule_verdict(NULL, 0.8), -1);
    assert_string_equal(shift_schedule_verdict_name(1), "met");
    assert_string_equal(shift_schedule_verdict_name(0), "missed");
    assert_string_equal(shift_schedule_verdict_name(-1), "uncertain");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(capacity_should_compound_the_roadmap_growth_monthly),
        cmocka_unit_test(capacity_without_a_roadmap_should_hold_one_year_flat),
        cmocka_unit_test(solving_should_fill_the_groups_and_refuse_a_scenario_without_shifts),
        cmocka_unit_test(the_simulated_variant_should_be_deterministic_and_refuse_bad_overrides),
        cmocka_unit_test(the_verdict_should_need_the_whole_interval),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
