/* test_erlang_staff.c -- models/erlang_staff: answers meet the targets, one agent fewer fails.
 *
 * Every staffing answer is checked with erlang_eval (the closed forms, themselves checked
 * against the mpmath grid in test_erlang.c), not with the search's own recursion: at the
 * answer every target holds, one agent below at least one fails.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_errno.h>

#include "erlang.h"
#include "erlang_staff.h"

static erlang_queue queue(double per_hour, double aht_s, double patience_s, double threshold_s)
{
    erlang_queue q;
    erlang_queue_init(&q);
    q.arrival_rate = per_hour / 3600.0;
    q.aht_s = aht_s;
    q.patience_s = patience_s;
    q.threshold_s = threshold_s;
    return q;
}

/* 1 when q with n agents is valid and meets t (Erlang C with n <= load counts as failing). */
static int meets_at(const erlang_queue *q, double n, const erlang_target *t)
{
    if (n <= 0.0)
        return 0;
    erlang_queue probe = *q;
    probe.agents = n;
    erlang_result r;
    if (erlang_eval(&probe, &r, NULL) != SIM_OK)
        return 0;
    return erlang_staff_is_met(&r, t);
}

static void check_whole(const erlang_queue *q, const erlang_target *t)
{
    erlang_staffing s;
    sim_error err;
    sim_error_clear(&err);
    sim_status st = erlang_staff_solve(q, t, &s, &err);
    if (st != SIM_OK)
        fail_msg("rate %g/h aht %g patience %g: %s", q->arrival_rate * 3600.0, q->aht_s,
                 q->patience_s, err.message);
    assert_true(s.agents == floor(s.agents) && s.agents >= 1.0);
    if (!meets_at(q, s.agents, t))
        fail_msg("answer %g does not meet the target (rate %g/h aht %g pat %g)", s.agents,
                 q->arrival_rate * 3600.0, q->aht_s, q->patience_s);
    if (meets_at(q, s.agents - 1.0, t))
        fail_msg("%g agents also meet the target, answer was %g (rate %g/h aht %g pat %g)",
                 s.agents - 1.0, s.agents, q->arrival_rate * 3600.0, q->aht_s, q->patience_s);
    assert_true(fabs(s.staff - s.agents / (1.0 - t->shrinkage)) <= 1e-12 * s.staff);
    assert_true(s.at.agents == s.agents);
}

static void staff_solve_should_meet_each_target_alone_and_fail_one_agent_below(void **state)
{
    (void)state;
    const double per_hour[] = {3.0, 40.0, 230.0, 1000.0, 9000.0, 120000.0, 1.2e6};
    const double patience[] = {0.0, 20.0, 180.0, 1800.0};
    for (size_t i = 0; i < sizeof per_hour / sizeof per_hour[0]; i++) {
        for (size_t j = 0; j < sizeof patience / sizeof patience[0]; j++) {
            erlang_queue q = queue(per_hour[i], 300.0, patience[j], 20.0);
            erlang_target t;
            erlang_staff_target_init(&t);
            t.service_level = 0.8; /* 80% in 20 s */
            check_whole(&q, &t);
            q.threshold_s = 15.0; /* NEN 8878 */
            t.service_level = 0.9;
            check_whole(&q, &t);
            erlang_staff_target_init(&t);
            t.max_asa_s = 30.0;
            check_whole(&q, &t);
            erlang_staff_target_init(&t);
            t.max_occupancy = 0.85;
            check_whole(&q, &t);
            if (patience[j] > 0.0) {
                erlang_staff_target_init(&t);
                t.max_abandon = 0.05;
                check_whole(&q, &t);
            }
        }
    }
}

static void staff_solve_should_meet_all_targets_together(void **state)
{
    (void)state;
    erlang_queue q = queue(900.0, 240.0, 120.0, 15.0);
    erlang_target t;
    erlang_staff_target_init(&t);
    t.service_level = 0.75;
    t.max_asa_s = 25.0;
    t.max_abandon = 0.03;
    t.max_occupancy = 0.9;
    t.shrinkage = 0.3;
    check_whole(&q, &t);
    /* the combined answer is the largest of the single-target answers */
    erlang_staffing all, one;
    assert_int_equal(erlang_staff_solve(&q, &t, &all, NULL), SIM_OK);
    erlang_target single[4];
    for (size_t i = 0; i < 4; i++) {
        erlang_staff_target_init(&single[i]);
        single[i].shrinkage = t.shrinkage;
    }
    single[0].service_level = t.service_level;
    single[1].max_asa_s = t.max_asa_s;
    single[2].max_abandon = t.max_abandon;
    single[3].max_occupancy = t.max_occupancy;
    double biggest = 0.0;
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(erlang_staff_solve(&q, &single[i], &one, NULL), SIM_OK);
        biggest = fmax(biggest, one.agents);
    }
    assert_true(all.agents == biggest);
    assert_true(fabs(all.staff - all.agents / 0.7) < 1e-12 * all.staff);
}

static void staff_fractional_should_lie_within_one_agent_below_the_whole_answer(void **state)
{
    (void)state;
    const double patience[] = {0.0, 90.0};
    const double per_hour[] = {17.0, 350.0, 5000.0};
    for (size_t i = 0; i < 3; i++) {
        for (size_t j = 0; j < 2; j++) {
            erlang_queue q = queue(per_hour[i], 300.0, patience[j], 20.0);
            erlang_target t;
            erlang_staff_target_init(&t);
            t.service_level = 0.8;
            erlang_staffing whole, frac;
            assert_int_equal(erlang_staff_solve(&q, &t, &whole, NULL), SIM_OK);
            assert_int_equal(erlang_staff_solve_fractional(&q, &t, &frac, NULL), SIM_OK);
            assert_true(frac.agents > whole.agents - 1.0 && frac.agents <= whole.agents);
            assert_true(meets_at(&q, frac.agents, &t));
            /* just below the fractional answer the target fails: it is the boundary */
            assert_false(meets_at(&q, frac.agents - 1e-6, &t));
            assert_true(fabs(frac.at.service_level - 0.8) < 1e-7);
        }
    }
}

static void staff_profile_should_staff_each_interval_as_a_single_solve(void **state)
{
    (void)state;
    double rates[96];
    for (size_t i = 0; i < 96; i++) { /* a day of 15-minute intervals, closed at night */
        double hour = (double)i / 4.0;
        rates[i] = (hour < 8.0 || hour >= 20.0) ? 0.0 : 0.05 + 0.04 * sin((hour - 8.0) / 2.0);
    }
    erlang_queue q = queue(0.0, 280.0, 150.0, 20.0);
    erlang_target t;
    erlang_staff_target_init(&t);
    t.service_level = 0.8;
    t.shrinkage = 0.25;
    double agents[96], staff[96];
    assert_int_equal(erlang_staff_profile(&q, rates, 96, &t, agents, staff, NULL), SIM_OK);
    for (size_t i = 0; i < 96; i++) {
        if (rates[i] == 0.0) {
            assert_true(agents[i] == 0.0 && staff[i] == 0.0);
            continue;
        }
        erlang_queue qi = q;
        qi.arrival_rate = rates[i];
        erlang_staffing s;
        assert_int_equal(erlang_staff_solve(&qi, &t, &s, NULL), SIM_OK);
        assert_true(agents[i] == s.agents);
        assert_true(staff[i] == s.staff);
        assert_true(meets_at(&qi, agents[i], &t) && !meets_at(&qi, agents[i] - 1.0, &t));
    }
    rates[40] = -1.0;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(erlang_staff_profile(&q, rates, 96, &t, agents, NULL, &err), SIM_EINVAL);
    assert_string_equal(err.path, "arrival_rate[40]");
}

static void staff_chat_should_round_slots_up_to_whole_agents(void **state)
{
    (void)state;
    for (unsigned m = 1; m <= 4; m++) {
        erlang_queue q = queue(400.0, 600.0, 0.0, 60.0); /* chat: 10-minute sessions */
        erlang_target t;
        erlang_staff_target_init(&t);
        t.service_level = 0.85;
        erlang_staffing chat, slots;
        assert_int_equal(erlang_staff_chat(&q, m, &t, &chat, NULL), SIM_OK);
        assert_int_equal(erlang_staff_solve(&q, &t, &slots, NULL), SIM_OK);
        assert_true(chat.agents == ceil(slots.agents / (double)m));
        assert_true(meets_at(&q, chat.agents * m, &t));
        assert_false(meets_at(&q, (chat.agents - 1.0) * m, &t));
        assert_true(chat.at.agents == chat.agents * m);
    }
    erlang_queue q = queue(400.0, 600.0, 0.0, 60.0);
    erlang_target t;
    erlang_staff_target_init(&t);
    t.service_level = 0.85;
    erlang_staffing s;
    sim_error err;
    assert_int_equal(erlang_staff_chat(&q, 0, &t, &s, &err), SIM_EINVAL);
    assert_string_equal(err.path, "concurrency");
}

static void staff_should_reject_targets_outside_zero_to_one(void **state)
{
    (void)state;
    erlang_queue q = queue(300.0, 300.0, 0.0, 20.0);
    erlang_staffing s;
    sim_error err;
    erlang_target t;
    struct {
        double sl, asa, ab, occ, shrink;
        const char *path;
    } bad[] = {
        {1.5, 0, 0, 0, 0, "target.service_level"}, {-0.1, 0, 0, 0, 0, "target.service_level"},
        {0, -3.0, 0, 0, 0, "target.max_asa_s"},    {0, 0, 2.0, 0, 0, "target.max_abandon"},
        {0, 0, 0, 1.01, 0, "target.max_occupancy"}, {0.8, 0, 0, 0, 1.0, "target.shrinkage"},
        {0, 0, 0, 0, 0, "target"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        erlang_staff_target_init(&t);
        t.service_level = bad[i].sl;
        t.max_asa_s = bad[i].asa;
        t.max_abandon = bad[i].ab;
        t.max_occupancy = bad[i].occ;
        t.shrinkage = bad[i].shrink;
        sim_error_clear(&err);
        assert_int_equal(erlang_staff_solve(&q, &t, &s, &err), SIM_EINVAL);
        assert_string_equal(err.path, bad[i].path);
    }
    erlang_staff_target_init(&t);
    t.service_level = 0.8;
    q.arrival_rate = 0.0;
    assert_int_equal(erlang_staff_solve(&q, &t, &s, &err), SIM_EINVAL);
    assert_string_equal(err.path, "arrival_rate");
}

static void staff_should_report_a_target_no_staffing_can_meet(void **state)
{
    (void)state;
    /* 9,999,000 Erlang and 99% answered at once: needs about a + 2.3 sqrt(a) > 1e7 agents */
    erlang_queue q = queue(9.999e6 * 3600.0 / 100.0, 100.0, 0.0, 0.0);
    erlang_target t;
    erlang_staff_target_init(&t);
    t.service_level = 0.99;
    erlang_staffing s;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(erlang_staff_solve(&q, &t, &s, &err), SIM_ERANGE);
    assert_string_equal(err.path, "target");
}

/* With redials the staffing must cover the extra load: never fewer agents than without. */
static void staff_with_redials_should_need_at_least_as_many_agents(void **state)
{
    (void)state;
    erlang_queue q = queue(600.0, 300.0, 60.0, 20.0);
    erlang_target t;
    erlang_staff_target_init(&t);
    t.service_level = 0.8;
    erlang_staffing plain, redial;
    assert_int_equal(erlang_staff_solve(&q, &t, &plain, NULL), SIM_OK);
    q.redial_share = 0.7;
    check_whole(&q, &t);
    assert_int_equal(erlang_staff_solve(&q, &t, &redial, NULL), SIM_OK);
    assert_true(redial.agents >= plain.agents);
    assert_true(redial.at.arrival_rate > q.arrival_rate);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(staff_solve_should_meet_each_target_alone_and_fail_one_agent_below),
        cmocka_unit_test(staff_solve_should_meet_all_targets_together),
        cmocka_unit_test(staff_fractional_should_lie_within_one_agent_below_the_whole_answer),
        cmocka_unit_test(staff_profile_should_staff_each_interval_as_a_single_solve),
        cmocka_unit_test(staff_chat_should_round_slots_up_to_whole_agents),
        cmocka_unit_test(staff_should_reject_targets_outside_zero_to_one),
        cmocka_unit_test(staff_should_report_a_target_no_staffing_can_meet),
        cmocka_unit_test(staff_with_redials_should_need_at_least_as_many_agents),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
