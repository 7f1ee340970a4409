/* test_cost_study.c -- the cost study as one call (models/study/cost_study.h).
 *
 * A small scenario (phone with an outsourcer under a daily SLA, e-mail, two sites, 7 days)
 * is costed by cost_study_run and, independently, by the chain of calls it stands for
 * (replications, each one's breakdown, the mean, the cost KPIs, the years ahead, the SLA
 * risk): every figure must be the same bit for bit, also on two threads. The SLA sweep gives
 * one point per staffing level, its first point's agents as asked; a range of no points or
 * of more than COST_STUDY_MAX_POINTS is refused naming the option.
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

#include "cost_study.h"

static const char *shop_json =
    "{\"name\": \"shop\", \"horizon_days\": 7, \"interval_s\": 3600, \"year\": 2017,"
    " \"seed\": 5, \"replications\": 3,"
    " \"channels\": ["
    "  {\"name\": \"phone\", \"kind\": \"voice\", \"handle_time\": {\"mean_s\": 300},"
    "   \"daily_volume\": 100},"
    "  {\"name\": \"email\", \"kind\": \"deferred\", \"handle_time\": {\"mean_s\": 600},"
    "   \"daily_volume\": 50}],"
    " \"groups\": ["
    "  {\"name\": \"voice\", \"skills\": [\"phone\"], \"agents\": 3, \"shrinkage\": 0.2,"
    "   \"cost_per_hour_eur\": 30, \"site\": \"north\"},"
    "  {\"name\": \"mail\", \"skills\": [\"email\"], \"agents\": 4, \"shrinkage\": 0.25,"
    "   \"cost_per_hour_eur\": 40, \"site\": \"south\"}],"
    " \"outsourcers\": [{\"name\": \"bpo\", \"channels\": [\"phone\"], \"mode\": \"share\","
    "   \"share\": 0.2, \"pricing\": \"per_contact\", \"price_eur\": 3, \"agents\": 1,"
    "   \"sla\": {\"target\": 0.8, \"threshold_s\": 20, \"period\": \"day\","
    "            \"abandon_ceiling\": 0.1, \"penalty_eur\": 1000, \"bonus_eur\": 200}}],"
    " \"costs\": {\"supervisor_ratio\": 0.1, \"supervisor_cost_per_hour_eur\": 50,"
    "   \"overhead_ratio\": 0.2, \"platform\": \"on_premise\","
    "   \"on_premise\": {\"capex_eur\": 365000, \"depreciation_years\": 5,"
    "                    \"maintenance_per_year_eur\": 73000,"
    "                    \"licence_per_seat_per_year_eur\": 3650},"
    "   \"cloud\": {\"per_seat_per_month_eur\": 100, \"per_minute_eur\": 0.02},"
    "   \"telephony_per_minute_eur\": 0.01, \"discount_rate\": 0.05}}";

#define REPS 3

/* The same numbers: equal, or both NaN. */
static void assert_same(double a, double b)
{
    if (!(a == b || (isnan(a) && isnan(b))))
        fail_msg("%.17g != %.17g", a, b);
}

static void assert_same_ci(sim_ci a, sim_ci b)
{
    assert_int_equal(a.n, b.n);
    assert_same(a.mean, b.mean);
    assert_same(a.lo, b.lo);
    assert_same(a.hi, b.hi);
    assert_same(a.half_width, b.half_width);
}

/* cost_study_run of scn with default options, no interruption; err is cleared first. */
static sim_status study(cost_study *s, const scenario *scn, size_t reps, int threads,
                        const cost_study_sweep *sweep, sim_error *err)
{
    cc_options opts;
    cc_options_default(&opts);
    sim_error_clear(err);
    return cost_study_run(s, scn, scn, NULL, &opts, reps, threads, NULL, sweep, err);
}

static void the_study_should_equal_the_chain_of_calls_it_stands_for(void **state)
{
    (void)state;
    scenario *scn = test_scenario_load(shop_json);
    sim_error err;
    cost_study s;
    assert_int_equal(study(&s, scn, REPS, 1, NULL, &err), SIM_OK);
    assert_ptr_equal(s.scn, scn);
    assert_int_equal(s.reps, REPS);
    assert_int_equal(s.n_points, 0);
    assert_null(s.sweep_target);

    /* by hand */
    cc_options opts;
    cc_options_default(&opts);
    cc_rep reps[REPS];
    cost_breakdown bs[REPS], mean;
    assert_int_equal(cc_model_run_replications(scn, &opts, REPS, 1, NULL, NULL, NULL, reps, &err),
                     SIM_OK);
    for (size_t i = 0; i < REPS; i++)
        assert_int_equal(cost_breakdown_compute(scn, &reps[i], scn->year, &bs[i], &err), SIM_OK);
    cost_breakdown_mean(bs, REPS, &mean);
    cc_summary *sum = cost_summary_new(reps, REPS, scn, scn->confidence, &err);
    assert_non_null(sum);
    cost_tco_year y0 = cost_breakdown_tco_year(&mean), years[COST_TCO_MAX_YEARS];
    size_t ny = 0;
    assert_int_equal(cost_tco_years_project(scn, &y0, years, COST_TCO_MAX_YEARS, &ny, &err),
                     SIM_OK);
    cost_tco tco;
    assert_int_equal(cost_tco_compute(&scn->costs, scn->year, years, ny, &tco, &err), SIM_OK);
    cost_sla_risk risk;
    assert_int_equal(cost_sla_risk_compute(scn, reps, REPS, 0, scn->confidence, &risk, &err),
                     SIM_OK);

    assert_same(s.mean.total_eur, mean.total_eur);
    assert_same(s.mean.year_factor, mean.year_factor);
    for (int i = 0; i < COST_LINE_COUNT; i++)
        assert_same(s.mean.lines_eur[i], mean.lines_eur[i]);
    assert_int_equal(s.sum->n_kpis, sum->n_kpis);
    for (size_t j = 0; j < sum->n_kpis; j++)
        assert_same_ci(s.sum->ci[j], sum->ci[j]);
    assert_true(cost_study_kpi(&s, "cost.year_eur").mean > 0.0);
    assert_same_ci(cost_study_kpi(&s, "cost.year_eur"),
                   sum->ci[cc_summary_find(sum, "cost.year_eur")]);
    assert_true(isnan(cost_study_kpi(&s, "no.such.kpi").mean));
    assert_int_equal(s.tco.n_years, tco.n_years);
    for (int k = 0; k < COST_TCO_STRATEGY_COUNT; k++) {
        assert_same(s.tco.npv_eur[k], tco.npv_eur[k]);
        assert_same(s.tco.total_cash_eur[k], tco.total_cash_eur[k]);
    }
    assert_same(s.tco.crossover_scale, tco.crossover_scale);
    assert_int_equal(s.risk[0].periods, risk.periods);
    assert_int_equal(s.risk[0].missed, risk.missed);
    assert_same(s.risk[0].miss_probability, risk.miss_probability);
    assert_same(s.risk[0].expected_penalty_year_eur, risk.expected_penalty_year_eur);

    /* two threads: the same numbers */
    cost_study s2;
    assert_int_equal(study(&s2, scn, REPS, 2, NULL, &err), SIM_OK);
    for (size_t j = 0; j < sum->n_kpis; j++)
        assert_same_ci(s2.sum->ci[j], s.sum->ci[j]);
    assert_same(s2.risk[0].miss_probability, s.risk[0].miss_probability);

    cost_study_fini(&s2);
    cost_study_fini(&s);
    cost_study_fini(&s); /* twice is harmless */
    cc_summary_free(sum);
    for (size_t i = 0; i < REPS; i++)
        cc_rep_fini(&reps[i]);
    scenario_free(scn);
}

static void the_sweep_should_give_a_point_per_level_and_refuse_bad_ranges(void **state)
{
    (void)state;
    const cost_study_sweep two = {"bpo", 1, 4, 3}, none = {"bpo", 5, 4, 1},
                           many = {"bpo", 0, COST_STUDY_MAX_POINTS, 1};
    assert_int_equal(cost_study_sweep_points(&two), 2);
    assert_int_equal(cost_study_sweep_points(&none), 0);
    assert_int_equal(cost_study_sweep_points(&many), COST_STUDY_MAX_POINTS + 1);
    scenario *scn = test_scenario_load(shop_json);
    sim_error err;
    cost_study s;
    assert_int_equal(study(&s, scn, 2, 1, &two, &err), SIM_OK);
    assert_int_equal(s.n_points, 2);
    assert_string_equal(s.sweep_target, "bpo");
    assert_int_equal(s.points[0].agents, 1);
    assert_int_equal(s.points[1].agents, 4);
    assert_int_equal(s.points[0].n_outsourcers, 1);
    /* the point at the scenario's own agents is the study's own risk */
    assert_same(s.points[0].risk[0].miss_probability, s.risk[0].miss_probability);
    cost_study_fini(&s);
    assert_int_equal(study(&s, scn, 2, 1, &none, &err), SIM_EINVAL);
    assert_string_equal(err.path, "sla-sweep");
    cost_study_fini(&s);
    assert_int_equal(study(&s, scn, 2, 1, &many, &err), SIM_EINVAL);
    cost_study_fini(&s);
    scenario_free(scn);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_study_should_equal_the_chain_of_calls_it_stands_for),
        cmocka_unit_test(the_sweep_should_give_a_point_per_level_and_refuse_bad_ranges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
