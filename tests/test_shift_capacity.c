/* test_shift_capacity.c -- the long-term capacity model against hand-computed cases. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "shift_capacity.h"

#define D SHIFT_CAPACITY_DAYS_PER_MONTH
#define CLOSE(a, b) assert_true(fabs((a) - (b)) < 1e-9 * (1.0 + fabs(b)))

/* Yearly attrition that makes the monthly share exactly q. */
static double yearly(double q)
{
    return 1.0 - pow(1.0 - q, 12.0);
}

static shift_capacity_params params(double q, double lead_days, double training_days,
                                    double training_prod, int steady, double initial)
{
    shift_capacity_params p;
    shift_capacity_params_default(&p);
    p.attrition_per_year = yearly(q);
    p.hiring_lead_time_days = lead_days;
    p.training_days = training_days;
    p.training_productivity = training_prod;
    p.start_steady = steady;
    p.initial_headcount = initial;
    return p;
}

static void capacity_should_keep_a_constant_team_without_attrition_or_training(void **state)
{
    (void)state;
    shift_capacity_params p = params(0.0, 0.0, 0.0, 0.0, 0, 10.0);
    double req[6] = {10, 10, 10, 10, 10, 10};
    shift_capacity_month m[6];
    assert_int_equal(shift_capacity_plan(&p, req, 6, m, NULL), SIM_OK);
    for (int i = 0; i < 6; i++) {
        CLOSE(m[i].hires, 0.0);
        CLOSE(m[i].headcount, 10.0);
        CLOSE(m[i].productive_fte, 10.0);
        CLOSE(m[i].leavers, 0.0);
        CLOSE(m[i].shortfall_fte, 0.0);
    }
}

static void capacity_should_replace_leavers_month_by_month(void **state)
{
    (void)state;
    /* q = 0.1, no lead or training, 100 trained people for 100 FTE: month 0 needs nobody,
     * then every month replaces the 10 who left. */
    shift_capacity_params p = params(0.1, 0.0, 0.0, 0.0, 0, 100.0);
    double req[12];
    for (int i = 0; i < 12; i++)
        req[i] = 100.0;
    shift_capacity_month m[12];
    assert_int_equal(shift_capacity_plan(&p, req, 12, m, NULL), SIM_OK);
    CLOSE(m[0].hires, 0.0);
    CLOSE(m[0].headcount, 100.0);
    CLOSE(m[0].leavers, 10.0);
    for (int i = 1; i < 12; i++) {
        CLOSE(m[i].hires, 10.0);
        CLOSE(m[i].headcount, 100.0);
        CLOSE(m[i].productive_fte, 100.0);
    }
    shift_capacity_year y[1];
    assert_int_equal(shift_capacity_years(m, 12, p.attrition_per_year, y), 1);
    CLOSE(y[0].hires, 110.0);
    CLOSE(y[0].leavers, 120.0);
    CLOSE(y[0].mean_headcount, 100.0);
    CLOSE(y[0].end_headcount, 90.0);
    CLOSE(y[0].max_shortfall_fte, 0.0);
}

static void capacity_should_hire_ahead_for_training(void **state)
{
    (void)state;
    /* Training lasts exactly one month at half productivity, q = 0.1. Hires arriving in
     * month 0 must fill month 1: 100 - 90 trained left = 10 productive, and a tenth of them
     * leave first: 10 / 0.9 = 11.11 hires, productive 0.5 each in month 0. */
    shift_capacity_params p = params(0.1, 0.0, D, 0.5, 0, 100.0);
    double req[4] = {100, 100, 100, 100};
    shift_capacity_month m[4];
    assert_int_equal(shift_capacity_plan(&p, req, 4, m, NULL), SIM_OK);
    CLOSE(shift_capacity_productivity(&p, 0), 0.5);
    CLOSE(shift_capacity_productivity(&p, 1), 1.0);
    CLOSE(m[0].hires, 10.0 / 0.9);
    CLOSE(m[0].headcount, 100.0 + 10.0 / 0.9);
    CLOSE(m[0].productive_fte, 100.0 + 5.0 / 0.9);
    CLOSE(m[0].in_training, 10.0 / 0.9);
    /* month 1: trained 90 + 10 (month 0's hires after attrition), and the new 11.11 */
    CLOSE(m[1].hires, 10.0 / 0.9);
    CLOSE(m[1].headcount, 100.0 + 10.0 / 0.9);
    CLOSE(m[1].productive_fte, 100.0 + 5.0 / 0.9);
    CLOSE(m[1].shortfall_fte, 0.0);
}

static void capacity_should_show_the_shortfall_a_lead_time_makes(void **state)
{
    (void)state;
    /* 45 days of lead time round up to 2 months: months 0 and 1 get nobody new. */
    shift_capacity_params p = params(0.1, 45.0, 0.0, 0.0, 0, 100.0);
    double req[4] = {100, 100, 100, 100};
    shift_capacity_month m[4];
    assert_int_equal(shift_capacity_plan(&p, req, 4, m, NULL), SIM_OK);
    CLOSE(m[0].hires, 0.0);
    CLOSE(m[1].hires, 0.0);
    CLOSE(m[1].productive_fte, 90.0);
    CLOSE(m[1].shortfall_fte, 10.0);
    CLOSE(m[2].hires, 19.0);
    CLOSE(m[2].productive_fte, 100.0);
    CLOSE(m[2].shortfall_fte, 0.0);
    CLOSE(m[3].hires, 10.0);
}

static void capacity_should_stay_steady_from_a_steady_start(void **state)
{
    (void)state;
    /* q = 0.1, one month of training at 0.5. Classes are sized so that trained people meet
     * the requirement: h (1-q)^1 / q = 95, so h = 95 x 0.1 / 0.9 = 10.56 hires a month,
     * h / q = 105.6 people, and the class in training adds 0.5 h = 5.28 productive FTE. */
    shift_capacity_params p = params(0.1, 60.0, D, 0.5, 1, 0.0);
    double h, hc, want = 95.0 * 0.1 / 0.9;
    assert_int_equal(shift_capacity_steady(&p, 95.0, &h, &hc, NULL), SIM_OK);
    CLOSE(h, want);
    CLOSE(hc, want / 0.1);
    double req[24];
    for (int i = 0; i < 24; i++)
        req[i] = 95.0;
    shift_capacity_month m[24];
    assert_int_equal(shift_capacity_plan(&p, req, 24, m, NULL), SIM_OK);
    for (int i = 0; i < 24; i++) {
        CLOSE(m[i].hires, want);
        CLOSE(m[i].headcount, want / 0.1);
        CLOSE(m[i].productive_fte, 95.0 + 0.5 * want);
        CLOSE(m[i].in_training, want);
        CLOSE(m[i].shortfall_fte, 0.0);
    }
}

static void capacity_should_meet_a_growing_requirement_once_lead_and_training_allow(void **state)
{
    (void)state;
    shift_capacity_params p = params(0.03, 40.0, 20.0, 0.0, 1, 0.0);
    double req[36];
    for (int i = 0; i < 36; i++)
        req[i] = 50.0 * pow(1.04, i);
    shift_capacity_month m[36];
    assert_int_equal(shift_capacity_plan(&p, req, 36, m, NULL), SIM_OK);
    /* L = 2 months, R = 1 month: from month 3 on the requirement is met */
    for (int i = 3; i < 36; i++)
        assert_true(m[i].productive_fte >= m[i].required_fte - 1e-9);
    /* the pipeline decided before the plan is sized for month 0, so month 2 falls short */
    assert_true(m[2].shortfall_fte > 0.0);
    for (int i = 1; i < 36; i++)
        CLOSE(m[i].headcount, m[i - 1].headcount * (1.0 - 0.03) + m[i].hires);
}

static void capacity_should_reject_bad_parameters_naming_the_field(void **state)
{
    (void)state;
    sim_error err;
    shift_capacity_params p = params(0.1, 0.0, 0.0, 0.0, 1, 0.0);
    p.attrition_per_year = 1.0;
    double req[2] = {1, 1};
    shift_capacity_month m[2];
    assert_int_equal(shift_capacity_plan(&p, req, 2, m, &err), SIM_EINVAL);
    assert_string_equal(err.path, "workforce.attrition_per_year");
    p.attrition_per_year = 0.2;
    req[1] = -1.0;
    assert_int_equal(shift_capacity_plan(&p, req, 2, m, &err), SIM_EINVAL);
    assert_string_equal(err.path, "required_fte[1]");
    req[1] = 1.0;
    p.training_productivity = 1.5;
    assert_int_equal(shift_capacity_check(&p, &err), SIM_EINVAL);
    assert_string_equal(err.path, "workforce.training_productivity");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(capacity_should_keep_a_constant_team_without_attrition_or_training),
        cmocka_unit_test(capacity_should_replace_leavers_month_by_month),
        cmocka_unit_test(capacity_should_hire_ahead_for_training),
        cmocka_unit_test(capacity_should_show_the_shortfall_a_lead_time_makes),
        cmocka_unit_test(capacity_should_stay_steady_from_a_steady_start),
        cmocka_unit_test(capacity_should_meet_a_growing_requirement_once_lead_and_training_allow),
        cmocka_unit_test(capacity_should_reject_bad_parameters_naming_the_field),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
