/* test_cc_skill.c -- skill proficiency (groups[].skills[].handle_time_factor).
 *
 * A group whose proficiency for a channel is f serves it with handle times f x the
 * channel's. Theory: one voice channel with exponential handle times of mean h served by one
 * group with factor f is M/M/n with mean service f h, so Erlang C gives its service level,
 * ASA and occupancy; with two groups of different proficiency on one channel each pool's mean
 * handle time is f_g h. Student-t intervals over 20 replications of 14 days after a one-day
 * warm-up, family-wise 99% over the file's 5 intervals (Bonferroni, 99.8% each; fixed seed,
 * not tuned). Each run also lies far from the result without the factor. A proficiency of 1
 * reproduces the results without the field bit for bit, and a unified desk refuses a factor
 * other than 1. routing.agent_selection among groups of equal priority: "first" is the
 * default (today's rule), "least_occupied" evens the groups' occupancy out, and
 * "most_proficient" sends calls to the faster group (fixed seed, 5 replications; the effects
 * checked are several times the differences between replications).
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

#include "test_scenario_util.h"
#include "test_cc_runs.h"

#include "cc_model.h"
#include "cc_result.h"
#include "scenario.h"
#include "sim_ci.h"
#include "sim_tally.h"

#define CHECKS 5
#define LEVEL (1.0 - 0.01 / CHECKS)
#define REPS 20

/* exact inside ci, and the value the model would give without the factor outside it. */
static void expect_in_but_not_without(const char *what, sim_ci ci, double exact, double without)
{
    printf("  %-30s exact %.5f  simulated %.5f  [%.5f, %.5f]  (without the factor %.5f)\n",
           what, exact, ci.mean, ci.lo, ci.hi, without);
    if (!(exact >= ci.lo && exact <= ci.hi))
        fail_msg("%s: exact %.6f outside the %.2f%% interval [%.6f, %.6f]", what, exact,
                 100.0 * ci.level, ci.lo, ci.hi);
    if (without >= ci.lo && without <= ci.hi)
        fail_msg("%s: the value without the factor, %.6f, is inside [%.6f, %.6f]", what,
                 without, ci.lo, ci.hi);
}

static void a_proficient_group_should_be_erlang_c_with_the_scaled_handle_time(void **state)
{
    (void)state;
    /* 2400 calls a day of 400 s on 10 agents whose factor 0.75 makes them 300 s: 8.33 Erlang
     * (without it, 11.1 Erlang on 10 agents would not even be stable) */
    const char *json =
        "{\"name\": \"skill\", \"horizon_days\": 15, \"warmup_s\": 86400, \"seed\": 19,"
        " \"channels\": [{\"name\": \"phone\", \"kind\": \"voice\","
        "  \"handle_time\": {\"mean_s\": 400},"
        "  \"service_level\": {\"target\": 0.8, \"threshold_s\": 20}, \"daily_volume\": 2400}],"
        " \"groups\": [{\"name\": \"g\", \"agents\": 10,"
        "  \"skills\": [{\"channel\": \"phone\", \"handle_time_factor\": 0.75}]}]}";
    run_set rs;
    run_reps(&rs, json, REPS, LEVEL);
    double lambda = 2400.0 / 86400.0, s = 300.0, a = lambda * s;
    double c = erlang_c_exact(10, a);
    expect_in_but_not_without("service level (20 s)",
              kpi(&rs, "channel.phone.service_level_per_answered_abandoned"),
              1.0 - c * exp(-(10.0 - a) * 20.0 / s), 0.0);
    expect_in_but_not_without("ASA (s)", kpi(&rs, "channel.phone.asa_s"), c * s / (10.0 - a), 3600.0);
    expect_in_but_not_without("occupancy", kpi(&rs, "channel.phone.occupancy"), a / 10.0, 1.0);
    run_free(&rs);
}

static void two_groups_should_serve_one_channel_each_at_its_proficiency(void **state)
{
    (void)state;
    /* a fast team first (priority 1, factor 0.5) and a slow one behind it (factor 1.5) */
    const char *json =
        "{\"name\": \"skill2\", \"horizon_days\": 15, \"warmup_s\": 86400, \"seed\": 19,"
        " \"channels\": [{\"name\": \"phone\", \"kind\": \"voice\","
        "  \"handle_time\": {\"mean_s\": 300}, \"daily_volume\": 2400}],"
        " \"groups\": ["
        "  {\"name\": \"fast\", \"agents\": 3,"
        "   \"skills\": [{\"channel\": \"phone\", \"priority\": 1, \"handle_time_factor\": 0.5}]},"
        "  {\"name\": \"slow\", \"agents\": 10,"
        "   \"skills\": [{\"channel\": \"phone\", \"priority\": 2, \"handle_time_factor\": 1.5}]}]}";
    run_set rs;
    run_reps(&rs, json, REPS, LEVEL);
    /* mean handle time per pool: its work (talk) hours x 3600 / answered, per replication */
    for (size_t g = 0; g < 2; g++) {
        sim_tally t;
        sim_tally_init(&t);
        for (size_t r = 0; r < rs.n; r++) {
            const cc_pool_totals *p = &rs.reps[r].pools[g];
            sim_tally_add(&t, p->work_s / (double)p->answered);
        }
        double f = g == 0 ? 0.5 : 1.5;
        expect_in_but_not_without(g == 0 ? "fast team handle time (s)" : "slow team handle time (s)",
                  sim_ci_from_tally(&t, LEVEL), 300.0 * f, 300.0);
    }
    run_free(&rs);
}

static void a_proficiency_of_one_should_change_nothing(void **state)
{
    (void)state;
    const char *fmt =
        "{\"name\": \"skill1\", \"horizon_days\": 2, \"seed\": 23,"
        " \"channels\": [{\"name\": \"phone\", \"kind\": \"voice\","
        "  \"handle_time\": {\"distribution\": \"lognormal\", \"mean_s\": 300, \"cv\": 0.7},"
        "  \"patience\": {\"mean_s\": 90}, \"daily_volume\": 3000},"
        "  {\"name\": \"chat\", \"kind\": \"chat\", \"concurrency\": 2,"
        "  \"handle_time\": {\"mean_s\": 500}, \"daily_volume\": 800}],"
        " \"groups\": [{\"name\": \"g\", \"agents\": 12, \"skills\": [%s]},"
        "  {\"name\": \"h\", \"agents\": 3, \"skills\": [\"phone\"]}]}";
    char plain[2048], explicit_one[2048];
    snprintf(plain, sizeof plain, fmt, "\"phone\", \"chat\"");
    snprintf(explicit_one, sizeof explicit_one, fmt,
             "{\"channel\": \"phone\", \"handle_time_factor\": 1},"
             " {\"channel\": \"chat\", \"handle_time_factor\": 1}");
    scenario *a = test_scenario_load(plain);
    scenario *b = test_scenario_load(explicit_one);
    for (uint64_t rep = 0; rep < 3; rep++) {
        cc_rep ra, rb;
        cc_kpis ka, kb;
        sim_error err;
        assert_int_equal(cc_model_run(a, NULL, rep, &ra, &err), SIM_OK);
        assert_int_equal(cc_model_run(b, NULL, rep, &rb, &err), SIM_OK);
        assert_int_equal(cc_kpis_from_rep(&ka, &ra, a, &err), SIM_OK);
        assert_int_equal(cc_kpis_from_rep(&kb, &rb, b, &err), SIM_OK);
        assert_int_equal(ka.n, kb.n);
        assert_memory_equal(ka.values, kb.values, ka.n * sizeof *ka.values);
        assert_int_equal(ra.model_events, rb.model_events);
        assert_true(ra.channels[0].answered > 1000);
        cc_kpis_fini(&ka);
        cc_kpis_fini(&kb);
        cc_rep_fini(&ra);
        cc_rep_fini(&rb);
    }
    scenario_free(a);
    scenario_free(b);
}

static void a_unified_desk_should_refuse_a_proficiency_per_group(void **state)
{
    (void)state;
    scenario *scn = test_scenario_load(
        "{\"name\": \"skill-u\", \"horizon_days\": 1, \"routing\": {\"mode\": \"unified\"},"
        " \"channels\": [{\"name\": \"phone\", \"kind\": \"voice\","
        "  \"handle_time\": {\"mean_s\": 300}, \"daily_volume\": 100}],"
        " \"groups\": [{\"name\": \"g\", \"agents\": 2,"
        "  \"skills\": [{\"channel\": \"phone\", \"handle_time_factor\": 0.9}]}]}");
    cc_rep rep;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(cc_model_run(scn, NULL, 0, &rep, &err), SIM_EINVAL);
    printf("  %s: %s\n", err.path, err.message);
    assert_string_equal(err.path, "groups[].skills[].handle_time_factor");
    assert_non_null(strstr(err.message, "needs routing.mode siloed"));
    cc_rep_fini(&rep);
    scenario_free(scn);
}

/* ---- routing.agent_selection ---------------------------------------------------------- */

/* Two groups of 6 at the same priority on one channel (8.33 Erlang on 12): the pools'
 * occupancy and answers under a selection rule, averaged over 5 replications. */
typedef struct split {
    double occ[2], answered[2], asa;
} split;

static split run_split(const char *selection, double fa, double fb)
{
    char json[2048];
    snprintf(json, sizeof json,
             "{\"name\": \"select\", \"horizon_days\": 4, \"warmup_s\": 86400, \"seed\": 29,"
             " \"routing\": {%s},"
             " \"channels\": [{\"name\": \"phone\", \"kind\": \"voice\","
             "  \"handle_time\": {\"mean_s\": 300}, \"daily_volume\": 2400}],"
             " \"groups\": ["
             "  {\"name\": \"a\", \"agents\": 6,"
             "   \"skills\": [{\"channel\": \"phone\", \"handle_time_factor\": %g}]},"
             "  {\"name\": \"b\", \"agents\": 6,"
             "   \"skills\": [{\"channel\": \"phone\", \"handle_time_factor\": %g}]}]}",
             selection, fa, fb);
    run_set rs;
    run_reps(&rs, json, 5, LEVEL);
    split sp;
    sp.occ[0] = kpi(&rs, "pool.a.occupancy").mean;
    sp.occ[1] = kpi(&rs, "pool.b.occupancy").mean;
    sp.answered[0] = kpi(&rs, "pool.a.answered").mean;
    sp.answered[1] = kpi(&rs, "pool.b.answered").mean;
    sp.asa = kpi(&rs, "channel.phone.asa_s").mean;
    printf("  %-38s occupancy a %.4f b %.4f, answered a %.0f b %.0f, ASA %.2f s\n",
           selection[0] != '\0' ? selection : "(default)", sp.occ[0], sp.occ[1],
           sp.answered[0], sp.answered[1], sp.asa);
    run_free(&rs);
    return sp;
}

static void agent_selection_should_pick_among_pools_of_equal_priority(void **state)
{
    (void)state;
    split def = run_split("", 1, 1);
    split first = run_split("\"agent_selection\": \"first\"", 1, 1);
    split least = run_split("\"agent_selection\": \"least_occupied\"", 1, 1);
    /* "first" is the default and today's rule: group a takes every arrival it can */
    assert_memory_equal(&def, &first, sizeof def);
    assert_true(first.occ[0] > first.occ[1] + 0.1);
    /* least occupied evens the load out */
    assert_true(fabs(least.occ[0] - least.occ[1]) < 0.25 * (first.occ[0] - first.occ[1]));
    /* most proficient: the fast group b (0.8) answers more, although a (1.2) is listed first;
     * the calls are served faster, so they wait less than when a goes first */
    split slow_first = run_split("\"agent_selection\": \"first\"", 1.2, 0.8);
    split prof = run_split("\"agent_selection\": \"most_proficient\"", 1.2, 0.8);
    assert_true(slow_first.answered[0] > slow_first.answered[1]);
    assert_true(prof.answered[1] > 1.2 * prof.answered[0]);
    assert_true(prof.asa < slow_first.asa);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_proficient_group_should_be_erlang_c_with_the_scaled_handle_time),
        cmocka_unit_test(two_groups_should_serve_one_channel_each_at_its_proficiency),
        cmocka_unit_test(a_proficiency_of_one_should_change_nothing),
        cmocka_unit_test(a_unified_desk_should_refuse_a_proficiency_per_group),
        cmocka_unit_test(agent_selection_should_pick_among_pools_of_equal_priority),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
