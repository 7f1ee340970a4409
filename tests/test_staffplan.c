/* test_staffplan.c -- the staffing requirement table of a scenario (models/queueing/staffplan.h).
 *
 * Every number of the table is recomputed here independently from its definition: the rate
 * from demand, the agents from a direct erlang_staff_* call (and checked one agent below
 * with erlang_eval: the target must fail there), staff from the shrinkage, the deferred
 * workload from its conservation (all work of the week lands in open intervals within its
 * window). Deterministic: no randomness.
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
#include <gsl/gsl_errno.h>

#include "demand.h"
#include "cc_model.h"
#include "cc_result.h"
#include "cc_staff.h"
#include "erlang.h"
#include "erlang_staff.h"
#include "scenario.h"
#include "staffplan.h"

/* Voice open 08:00-20:00 on weekdays with a peaked intraday profile (hourly intervals),
 * chat 24/7 with concurrency 3 and stretch 0.2, e-mail 09:00-17:00 weekdays with an 8-hour
 * response target, and a self-service channel. Shrinkage 0.25 and 0.35. */
static const char *const mixed_json =
    "{\"name\": \"mixed\", \"interval_s\": 3600,"
    " \"channels\": ["
    "  {\"name\": \"phone\", \"kind\": \"voice\", \"handle_time\": {\"mean_s\": 240},"
    "   \"patience\": {\"mean_s\": 90}, \"retrial\": {\"share\": 0.3, \"delay_mean_s\": 600},"
    "   \"service_level\": {\"target\": 0.8, \"threshold_s\": 20},"
    "   \"hours\": {\"weekdays\": [[\"08:00\", \"20:00\"]]}, \"daily_volume\": 3000,"
    "   \"weekday\": [1.3, 1.1, 1, 1, 1.1, 0.8, 0.7],"
    "   \"intraday\": [0,0,0,0,0,0,0,1,3,5,6,6,5,5,5,4,4,3,2,1,0,0,0,0]},"
    "  {\"name\": \"chat\", \"kind\": \"chat\", \"concurrency\": 3, \"stretch\": 0.2,"
    "   \"handle_time\": {\"mean_s\": 400}, \"patience\": {\"mean_s\": 120},"
    "   \"service_level\": {\"target\": 0.9, \"threshold_s\": 30}, \"daily_volume\": 15000},"
    "  {\"name\": \"email\", \"kind\": \"deferred\", \"handle_time\": {\"mean_s\": 360},"
    "   \"response_target_s\": 28800, \"hours\": {\"weekdays\": [[\"09:00\", \"17:00\"]]},"
    "   \"daily_volume\": 800},"
    "  {\"name\": \"faq\", \"kind\": \"self_service\", \"handle_time\": {\"mean_s\": 60},"
    "   \"resolve_share\": 0.5, \"daily_volume\": 5000}],"
    " \"groups\": [{\"name\": \"voice\", \"skills\": [\"phone\"], \"agents\": 10,"
    "               \"shrinkage\": 0.25},"
    "              {\"name\": \"digital\", \"skills\": [\"chat\", \"email\"], \"agents\": 10,"
    "               \"shrinkage\": 0.35},"
    "              {\"name\": \"blend\", \"skills\": [\"chat\"], \"agents\": 2,"
    "               \"shrinkage\": 0.2}]}";

static void build(staffplan *p, const scenario *scn, int erlang_a)
{
    staffplan_options o;
    staffplan_options_init(&o);
    o.erlang_a = erlang_a;
    sim_error err;
    sim_error_clear(&err);
    sim_status st = staffplan_build(p, scn, &o, &err);
    if (st != SIM_OK)
        fprintf(stderr, "%s: %s\n", err.path, err.message);
    assert_int_equal(st, SIM_OK);
}

static void plan_should_list_staffed_channels_and_leave_self_service_out(void **state)
{
    (void)state;
    scenario *scn = test_scenario_load(mixed_json);
    staffplan p;
    build(&p, scn, 0);
    assert_int_equal(p.n_channels, 3);
    assert_int_equal(p.n_intervals, 7 * 24);
    assert_int_equal(staffplan_find(&p, 3), SCENARIO_NONE);
    assert_string_equal(p.channels[staffplan_find(&p, 0)].name, "phone");
    assert_int_equal(p.channels[0].method, STAFFPLAN_ERLANG_C);
    assert_int_equal(p.channels[1].method, STAFFPLAN_ERLANG_C);
    assert_int_equal(p.channels[2].method, STAFFPLAN_WORKLOAD);
    assert_string_equal(staffplan_method_name(p.channels[2].method), "workload");
    /* Shrinkage: the largest among the groups with the skill. */
    assert_true(p.channels[0].shrinkage == 0.25);
    assert_true(p.channels[1].shrinkage == 0.35);
    assert_true(p.channels[2].shrinkage == 0.35);
    staffplan_fini(&p);
    staffplan_fini(&p); /* harmless twice */
    staffplan_fini(NULL);
    scenario_free(scn);
}

/* Agents meet the target, one fewer does not, staff = agents / (1 - shrinkage), the rate is
 * demand's, and closed intervals need nobody. */
static void check_realtime(const staffplan *p, const scenario *scn, size_t j, int erlang_a)
{
    const staffplan_channel *pc = &p->channels[j];
    const scenario_channel *ch = &scn->channels[pc->channel];
    size_t conc = pc->concurrency;
    double aht = ch->handle_time.mean_s * (1.0 + ch->stretch * (double)(conc - 1));
    assert_true(fabs(pc->aht_s - aht) <= 1e-12 * aht);
    size_t open = 0;
    for (size_t k = 0; k < p->n_intervals; k++) {
        const staffplan_cell *c = staffplan_at(p, k, j);
        double rate = demand_channel_rate_week(scn, pc->channel, k);
        assert_true(fabs(c->rate_per_hour - 3600.0 * rate) <= 1e-12 * c->rate_per_hour);
        assert_true(fabs(c->staff - c->agents / (1.0 - pc->shrinkage)) <= 1e-12 * c->staff);
        if (!c->open || !(rate > 0.0)) {
            assert_true(c->agents == 0.0 && c->staff == 0.0);
            assert_true(isnan(c->service_level));
            continue;
        }
        open++;
        erlang_queue q;
        erlang_queue_init(&q);
        q.arrival_rate = rate;
        q.aht_s = aht;
        q.threshold_s = ch->sl_threshold_s;
        if (erlang_a && ch->has_patience) {
            q.patience_s = ch->patience.mean_s;
            q.redial_share = ch->retrial_share;
        }
        /* At the answer the SL target is met; one agent fewer (slots fewer) it is not. */
        q.agents = c->agents * (double)conc;
        erlang_result r;
        sim_error err;
        sim_error_clear(&err);
        assert_int_equal(erlang_eval(&q, &r, &err), SIM_OK);
        assert_true(r.service_level >= ch->sl_target);
        assert_true(fabs(r.service_level - c->service_level) <= 1e-12);
        q.agents = (c->agents - 1.0) * (double)conc;
        if (q.agents > 0.0 && erlang_eval(&q, &r, &err) == SIM_OK)
            assert_true(r.service_level < ch->sl_target);
        assert_true(c->agents == floor(c->agents));
    }
    assert_true(open > 0);
}

static void realtime_agents_should_be_the_fewest_meeting_the_target(void **state)
{
    (void)state;
    scenario *scn = test_scenario_load(mixed_json);
    for (int a = 0; a <= 1; a++) {
        staffplan p;
        build(&p, scn, a);
        check_realtime(&p, scn, 0, a);
        check_realtime(&p, scn, 1, a);
        if (a) {
            assert_int_equal(p.channels[0].method, STAFFPLAN_ERLANG_X);
            assert_int_equal(p.channels[1].method, STAFFPLAN_ERLANG_A);
            assert_true(p.channels[0].redial_share == 0.3);
        }
        /* Closed: Saturday 10:00 for phone. */
        assert_true(staffplan_at(&p, 5 * 24 + 10, 0)->agents == 0.0);
        assert_false(staffplan_at(&p, 5 * 24 + 10, 0)->open);
        /* Chat holds 3 per agent. */
        assert_int_equal(p.channels[1].concurrency, 3);
        staffplan_fini(&p);
    }
    scenario_free(scn);
}

static void erlang_a_should_need_no_more_agents_than_erlang_c_without_redials(void **state)
{
    (void)state;
    scenario *scn = test_scenario_load(mixed_json);
    staffplan pc, pa;
    build(&pc, scn, 0);
    build(&pa, scn, 1);
    /* chat (no retrials): abandonment only relieves the queue. */
    double hc = 0.0, ha = 0.0;
    for (size_t k = 0; k < pc.n_intervals; k++) {
        assert_true(staffplan_at(&pa, k, 1)->agents <= staffplan_at(&pc, k, 1)->agents);
        hc += staffplan_at(&pc, k, 1)->agents;
        ha += staffplan_at(&pa, k, 1)->agents;
    }
    printf("chat agent-intervals per week: Erlang C %.0f, Erlang A %.0f\n", hc, ha);
    assert_true(ha < hc);
    staffplan_fini(&pc);
    staffplan_fini(&pa);
    scenario_free(scn);
}

static void deferred_work_should_all_land_in_open_intervals_within_the_target(void **state)
{
    (void)state;
    scenario *scn = test_scenario_load(mixed_json);
    staffplan p;
    build(&p, scn, 0);
    size_t j = staffplan_find(&p, 2);
    double offered = 0.0, landed = 0.0;
    for (size_t k = 0; k < p.n_intervals; k++) {
        const staffplan_cell *c = staffplan_at(&p, k, j);
        offered += c->rate_per_hour * p.channels[j].aht_s; /* agent-seconds per hour */
        landed += c->load * 3600.0;
        if (!c->open) {
            assert_true(c->agents == 0.0);
        } else {
            assert_true(c->agents >= c->load - 1e-9 && c->agents < c->load + 1.0);
        }
    }
    printf("e-mail work per week: offered %.3f, landed %.3f agent-hours\n", offered / 3600.0,
           landed / 3600.0);
    assert_true(fabs(offered - landed) <= 1e-9 * offered);
    /* Every open weekday hour gets work: overnight mail arrives before 09:00 and is due by
     * 17:00, mail arriving at 16:00 is due by 24:00, hence 09:00-17:00 has load. */
    for (size_t d = 0; d < 5; d++)
        for (size_t h = 9; h < 17; h++)
            assert_true(staffplan_at(&p, d * 24 + h, j)->load > 0.0);
    staffplan_fini(&p);
    scenario_free(scn);
}

/* With no response target and 24/7 hours, the work of an interval is staffed in it. */
static void deferred_without_target_should_staff_each_interval_its_own_work(void **state)
{
    (void)state;
    scenario *scn = test_scenario_load("{\"name\": \"d\", \"channels\": [{\"name\": \"mail\","
                         " \"kind\": \"deferred\", \"handle_time\": {\"mean_s\": 600},"
                         " \"response_target_s\": 0, \"daily_volume\": 9600, \"agents\": 1}]}");
    staffplan p;
    build(&p, scn, 0);
    for (size_t k = 0; k < p.n_intervals; k++) {
        const staffplan_cell *c = staffplan_at(&p, k, 0);
        assert_true(fabs(c->load - c->rate_per_hour / 3600.0 * 600.0) <= 1e-9);
        assert_true(c->agents == ceil(c->load - 1e-9)); /* 9600/day x 600 s = 66.67 */
        assert_true(c->agents == 67.0);
    }
    staffplan_fini(&p);
    scenario_free(scn);
}

static void an_invalid_redial_share_should_name_the_channel_field(void **state)
{
    (void)state;
    scenario *scn = test_scenario_load("{\"name\": \"r\", \"channels\": [{\"name\": \"p\", \"kind\": \"voice\","
                         " \"handle_time\": {\"mean_s\": 300}, \"patience\": {\"mean_s\": 60},"
                         " \"retrial\": {\"share\": 1}, \"daily_volume\": 2000,"
                         " \"agents\": 5}]}");
    staffplan_options o;
    staffplan_options_init(&o);
    o.erlang_a = 0;
    staffplan p;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(staffplan_build(&p, scn, &o, &err), SIM_OK); /* Erlang C: no redials */
    staffplan_fini(&p);
    o.erlang_a = 1;
    sim_status st = staffplan_build(&p, scn, &o, &err);
    printf("%s: %s\n", err.path, err.message);
    assert_int_equal(st, SIM_EINVAL);
    assert_string_equal(err.path, "channels[0].retrial.share");
    assert_non_null(strstr(err.message, "channel 'p'"));
    assert_null(p.cells);
    scenario_free(scn);
}

/* Repeat load: the analytic repeat contacts per channel (staffplan options.repeats) against
 * the simulation's repeat counts (channel offered minus first contacts) on a small scenario
 * staffed by the same requirement (erlang groups with cc_staff_erlang_repeats). Phone with
 * patience and redials, chat with patience, e-mail in office hours, a self-service channel;
 * every outcome hops somewhere. Exponential handle times and patience (the Erlang A
 * assumptions), short hop delays (little lost past the horizon), 4 weeks x 4 replications
 * (about 120,000 first contacts). Compared: repeats per first contact of each channel,
 * within 5% relative or 0.01 absolute (the abandonment estimate is Erlang A at whole
 * agents per interval; the simulation's interval edges and chat slots are not exactly
 * that; measured at writing: phone 0.419 vs 0.419, chat 0.282 vs 0.287, e-mail 0.545 vs
 * 0.546), and over all channels within 2% relative (0.405 vs 0.406). */
static const char *const repeats_json =
    "{\"name\": \"repeats\", \"interval_s\": 1800, \"horizon_days\": 28,"
    " \"replications\": 4, \"seed\": 7, \"max_contacts_per_need\": 10,"
    " \"channels\": ["
    "  {\"name\": \"phone\", \"kind\": \"voice\", \"handle_time\": {\"mean_s\": 240},"
    "   \"patience\": {\"mean_s\": 60}, \"retrial\": {\"share\": 0.3, \"delay_mean_s\": 300},"
    "   \"service_level\": {\"target\": 0.6, \"threshold_s\": 20}, \"fcr_share\": 0.7,"
    "   \"daily_volume\": 2000},"
    "  {\"name\": \"chat\", \"kind\": \"chat\", \"concurrency\": 2,"
    "   \"handle_time\": {\"mean_s\": 300}, \"patience\": {\"mean_s\": 90},"
    "   \"service_level\": {\"target\": 0.7, \"threshold_s\": 30}, \"fcr_share\": 0.8,"
    "   \"daily_volume\": 800},"
    "  {\"name\": \"email\", \"kind\": \"deferred\", \"handle_time\": {\"mean_s\": 300},"
    "   \"response_target_s\": 14400, \"hours\": {\"weekdays\": [[\"08:00\", \"18:00\"]]},"
    "   \"fcr_share\": 0.85, \"daily_volume\": 500},"
    "  {\"name\": \"faq\", \"kind\": \"self_service\", \"handle_time\": {\"mean_s\": 60},"
    "   \"resolve_share\": 0.6, \"daily_volume\": 1000}],"
    " \"groups\": [{\"name\": \"g_phone\", \"skills\": [\"phone\"], \"staffing\": \"erlang\"},"
    "              {\"name\": \"g_chat\", \"skills\": [\"chat\"], \"staffing\": \"erlang\"},"
    "              {\"name\": \"g_email\", \"skills\": [\"email\"], \"staffing\": \"erlang\"}],"
    " \"hopping\": ["
    "  {\"outcome\": \"abandoned\", \"from\": \"phone\", \"to\": {\"chat\": 0.3, \"email\": 0.2},"
    "   \"delay\": {\"mean_s\": 300}},"
    "  {\"outcome\": \"abandoned\", \"from\": \"chat\", \"to\": {\"phone\": 0.4},"
    "   \"delay\": {\"mean_s\": 300}},"
    "  {\"outcome\": \"unresolved\", \"to\": {\"phone\": 0.5, \"email\": 0.2},"
    "   \"delay\": {\"mean_s\": 600}},"
    "  {\"outcome\": \"self_service_failed\", \"to\": {\"phone\": 0.4, \"chat\": 0.3},"
    "   \"delay\": {\"mean_s\": 120}}]}";

static void analytic_repeats_should_match_the_simulated_repeat_counts(void **state)
{
    (void)state;
    scenario *scn = test_scenario_load(repeats_json);
    staffplan_options o;
    staffplan_options_init(&o);
    o.repeats = 1;
    staffplan p;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(staffplan_build(&p, scn, &o, &err), SIM_OK);
    cc_options co;
    cc_options_default(&co);
    co.erlang = cc_staff_erlang_repeats;
    size_t n = scn->replications;
    cc_rep *reps = calloc(n, sizeof *reps);
    assert_non_null(reps);
    sim_status st = cc_model_run_replications(scn, &co, n, 2, NULL, NULL, NULL, reps, &err);
    if (st != SIM_OK)
        fprintf(stderr, "%s: %s\n", err.path, err.message);
    assert_int_equal(st, SIM_OK);
    double a_rep = 0.0, a_first = 0.0, s_rep = 0.0, s_first = 0.0;
    for (size_t j = 0; j < p.n_channels; j++) {
        const staffplan_channel *c = &p.channels[j];
        double offered = 0.0, repeat = 0.0;
        for (size_t r = 0; r < n; r++) {
            offered += (double)reps[r].channels[c->channel].arrived;
            repeat += (double)reps[r].channels[c->channel].repeat;
        }
        double sim_ratio = repeat / (offered - repeat);
        double ana_ratio = c->repeats_per_week / c->first_per_week;
        printf("  %-6s p_ab %.4f  repeats per first contact: analytic %.4f, simulated %.4f\n",
               c->name, c->p_abandon_est, ana_ratio, sim_ratio);
        double tol = fmax(0.05 * sim_ratio, 0.01);
        assert_true(fabs(ana_ratio - sim_ratio) <= tol);
        a_rep += c->repeats_per_week;
        a_first += c->first_per_week;
        s_rep += repeat;
        s_first += offered - repeat;
    }
    printf("  all: analytic %.4f, simulated %.4f\n", a_rep / a_first, s_rep / s_first);
    assert_true(fabs(a_rep / a_first - s_rep / s_first) <= 0.02 * (s_rep / s_first));
    for (size_t r = 0; r < n; r++)
        cc_rep_fini(&reps[r]);
    free(reps);
    staffplan_fini(&p);
    scenario_free(scn);
}

/* Repeats only add load: no interval needs fewer agents with them. */
static void repeats_should_never_lower_the_requirement(void **state)
{
    (void)state;
    scenario *scn = test_scenario_load(repeats_json);
    staffplan a, b;
    build(&a, scn, 1);
    staffplan_options o;
    staffplan_options_init(&o);
    o.repeats = 1;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(staffplan_build(&b, scn, &o, &err), SIM_OK);
    double more = 0.0;
    for (size_t j = 0; j < a.n_channels; j++)
        for (size_t k = 0; k < a.n_intervals; k++) {
            assert_true(staffplan_at(&b, k, j)->agents >= staffplan_at(&a, k, j)->agents);
            more += staffplan_at(&b, k, j)->agents - staffplan_at(&a, k, j)->agents;
            assert_true(staffplan_at(&a, k, j)->repeat_per_hour == 0.0);
        }
    assert_true(more > 0.0);
    staffplan_fini(&a);
    staffplan_fini(&b);
    scenario_free(scn);
}

/* The model's erlang sizer is the plan: same agents, interval by interval. */
static void model_sizer_should_equal_the_default_plan(void **state)
{
    (void)state;
    scenario *scn = test_scenario_load(mixed_json);
    staffplan p;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(staffplan_build(&p, scn, NULL, &err), SIM_OK);
    size_t *agents = calloc(p.n_intervals, sizeof *agents);
    assert_non_null(agents);
    for (size_t j = 0; j < p.n_channels; j++) {
        assert_int_equal(cc_staff_erlang_default(scn, p.channels[j].channel, agents,
                                                 p.n_intervals, &err),
                         SIM_OK);
        for (size_t k = 0; k < p.n_intervals; k++)
            assert_true((double)agents[k] == staffplan_at(&p, k, j)->agents);
    }
    free(agents);
    staffplan_fini(&p);
    scenario_free(scn);
}

static void requirement_should_see_the_volume_where_the_simulation_puts_it(void **state)
{
    (void)state;
    /* No day shape: the requirement's rates are each day's volume over its opening hours,
     * as the simulation draws them (test_cc_model.c checks the draws), 2000 / 10 h. */
    const char *spread =
        "{\"name\": \"spread\", \"interval_s\": 3600,"
        " \"channels\": [{\"name\": \"phone\", \"kind\": \"voice\","
        "  \"handle_time\": {\"mean_s\": 300}, \"daily_volume\": 2000,"
        "  \"hours\": {\"weekdays\": [[\"08:00\", \"18:00\"]]}, \"agents\": 10}]}";
    scenario *scn = test_scenario_load(spread);
    staffplan p;
    build(&p, scn, 1);
    double week = 0.0;
    for (size_t k = 0; k < 5 * 24; k++) {
        const staffplan_cell *cell = staffplan_at(&p, k, 0);
        int open = k % 24 >= 8 && k % 24 < 18;
        assert_int_equal(cell->open, open);
        assert_true(fabs(cell->rate_per_hour - (open ? 200.0 : 0.0)) < 1e-9);
        assert_true(open ? cell->agents > 0.0 : !(cell->agents > 0.0));
        week += cell->rate_per_hour;
    }
    assert_true(fabs(week - 5 * 2000.0) < 1e-6);
    staffplan_fini(&p);
    scenario_free(scn);

    /* by_segment: the first channel is drawn among the open ones, so after e-mail closes at
     * 12:30 the phone takes all of the segment's needs (1000 over 09:00-17:00). */
    const char *seg =
        "{\"name\": \"seg\", \"interval_s\": 3600,"
        " \"demand\": {\"mode\": \"by_segment\", \"daily_volume\": 1000},"
        " \"channels\": ["
        "  {\"name\": \"phone\", \"kind\": \"voice\", \"handle_time\": {\"mean_s\": 300},"
        "   \"hours\": {\"all\": [[\"09:00\", \"17:00\"]]}, \"agents\": 1},"
        "  {\"name\": \"email\", \"kind\": \"deferred\", \"handle_time\": {\"mean_s\": 300},"
        "   \"hours\": {\"all\": [[\"09:00\", \"12:30\"]]}, \"agents\": 1}],"
        " \"segments\": [{\"name\": \"a\", \"share\": 1,"
        "                 \"preference\": {\"phone\": 0.5, \"email\": 0.5}}]}";
    scn = test_scenario_load(seg);
    build(&p, scn, 1);
    assert_true(fabs(staffplan_at(&p, 10, 0)->rate_per_hour - 62.5) < 1e-9);
    assert_true(fabs(staffplan_at(&p, 12, 0)->rate_per_hour - 93.75) < 1e-9);
    assert_true(fabs(staffplan_at(&p, 14, 0)->rate_per_hour - 125.0) < 1e-9);
    assert_true(fabs(staffplan_at(&p, 10, 1)->rate_per_hour - 62.5) < 1e-9);
    assert_true(staffplan_at(&p, 14, 1)->rate_per_hour == 0.0);
    double phone = 0.0; /* 3.5 h at half the needs, 4.5 h at all of them, every day */
    for (size_t k = 0; k < p.n_intervals; k++)
        phone += staffplan_at(&p, k, 0)->rate_per_hour;
    assert_true(fabs(phone - 7 * (1000.0 - 62.5 * 3.5)) < 1e-6);
    staffplan_fini(&p);
    scenario_free(scn);
}

/* The week in figures: per channel the first interval with the most agents, the hours
 * (agents x interval length), the mean over open intervals; for all channels the hours
 * summed and the first interval with the most agents at once. Recounted here channel by
 * channel; phone is closed at night, so its peak is not at interval 0. */
static void week_sum_should_match_a_recount_of_the_plan(void **state)
{
    (void)state;
    scenario *scn = test_scenario_load(mixed_json);
    staffplan p;
    build(&p, scn, 1);
    staffplan_week w;
    staffplan_week_sum(&p, &w);
    double h = p.interval_s / 3600.0, agent_h = 0.0, staff_h = 0.0;
    for (size_t j = 0; j < p.n_channels; j++) {
        double peak = 0.0, peak_staff = 0.0, ah = 0.0, sh = 0.0, open_sum = 0.0;
        size_t peak_at = 0, open = 0;
        for (size_t k = 0; k < p.n_intervals; k++) {
            const staffplan_cell *c = staffplan_at(&p, k, j);
            if (c->agents > peak) {
                peak = c->agents;
                peak_at = k;
            }
            peak_staff = c->staff > peak_staff ? c->staff : peak_staff;
            ah += c->agents * h;
            sh += c->staff * h;
            open += c->open ? 1u : 0u;
            open_sum += c->open ? c->agents : 0.0;
        }
        assert_true(w.channels[j].peak == peak && peak > 0.0);
        assert_int_equal(w.channels[j].peak_at, peak_at);
        assert_true(w.channels[j].peak_staff == peak_staff);
        assert_true(w.channels[j].agent_hours == ah);
        assert_true(w.channels[j].staff_hours == sh);
        assert_int_equal(w.channels[j].open, open);
        assert_true(fabs(w.channels[j].mean_open - open_sum / (double)open) <= 1e-12 * peak);
        agent_h += ah;
        staff_h += sh;
    }
    assert_true(w.channels[staffplan_find(&p, 0)].peak_at >= 8); /* phone opens at 08:00 */
    assert_true(w.agent_hours == agent_h && w.staff_hours == staff_h);
    double all_peak = 0.0;
    size_t all_at = 0;
    for (size_t k = 0; k < p.n_intervals; k++) {
        double all = 0.0;
        for (size_t j = 0; j < p.n_channels; j++)
            all += staffplan_at(&p, k, j)->agents;
        if (all > all_peak) {
            all_peak = all;
            all_at = k;
        }
    }
    assert_true(w.peak == all_peak);
    assert_int_equal(w.peak_at, all_at);
    staffplan_fini(&p);
    scenario_free(scn);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plan_should_list_staffed_channels_and_leave_self_service_out),
        cmocka_unit_test(realtime_agents_should_be_the_fewest_meeting_the_target),
        cmocka_unit_test(erlang_a_should_need_no_more_agents_than_erlang_c_without_redials),
        cmocka_unit_test(deferred_work_should_all_land_in_open_intervals_within_the_target),
        cmocka_unit_test(deferred_without_target_should_staff_each_interval_its_own_work),
        cmocka_unit_test(an_invalid_redial_share_should_name_the_channel_field),
        cmocka_unit_test(analytic_repeats_should_match_the_simulated_repeat_counts),
        cmocka_unit_test(repeats_should_never_lower_the_requirement),
        cmocka_unit_test(model_sizer_should_equal_the_default_plan),
        cmocka_unit_test(requirement_should_see_the_volume_where_the_simulation_puts_it),
        cmocka_unit_test(week_sum_should_match_a_recount_of_the_plan),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
