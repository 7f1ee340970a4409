/* test_cost.c -- the cost model (models/cost*.h) on hand-computed cases.
 *
 * Most tests build a cc_rep by hand (cc_rep_init, then the totals and series the cost model
 * reads) for a scenario read by the real loader, so every figure below can be checked with
 * a pocket calculator; the comment above each expected value shows the arithmetic. The SLA
 * tests also run the real model and recount missed periods directly from the series.
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

#include "cc_model.h"
#include "cost.h"
#include "sla_sweep.h"
#include "scenario.h"
#include "scenario_load.h"

#define REL(a, b) assert_true(fabs((a) - (b)) <= 1e-9 * (fabs(b) > 1.0 ? fabs(b) : 1.0))

/* A copy of json with the first `from` replaced by `to` (the caller frees it). */
static char *replace(const char *json, const char *from, const char *to)
{
    const char *p = strstr(json, from);
    assert_non_null(p);
    size_t n = strlen(json) - strlen(from) + strlen(to) + 1;
    char *out = malloc(n);
    assert_non_null(out);
    snprintf(out, n, "%.*s%s%s", (int)(p - json), json, to, p + strlen(from));
    return out;
}

/* Two groups at two sites, phone (voice) + email (deferred) + faq (self-service), one
 * per-contact outsourcer on phone, a daily SLA. 7-day horizon, hour intervals. */
static const char *shop_json =
    "{\"name\": \"shop\", \"horizon_days\": 7, \"interval_s\": 3600, \"year\": 2017,"
    " \"channels\": ["
    "  {\"name\": \"phone\", \"kind\": \"voice\", \"handle_time\": {\"mean_s\": 300},"
    "   \"daily_volume\": 100},"
    "  {\"name\": \"email\", \"kind\": \"deferred\", \"handle_time\": {\"mean_s\": 600},"
    "   \"daily_volume\": 50},"
    "  {\"name\": \"faq\", \"kind\": \"self_service\", \"handle_time\": {\"mean_s\": 60},"
    "   \"resolve_share\": 1, \"daily_volume\": 10}],"
    " \"groups\": ["
    "  {\"name\": \"voice\", \"skills\": [\"phone\"], \"agents\": 10, \"shrinkage\": 0.2,"
    "   \"cost_per_hour_eur\": 30, \"site\": \"north\"},"
    "  {\"name\": \"mail\", \"skills\": [\"email\"], \"agents\": 4, \"shrinkage\": 0.25,"
    "   \"cost_per_hour_eur\": 40, \"site\": \"south\"}],"
    " \"outsourcers\": [{\"name\": \"bpo\", \"channels\": [\"phone\"], \"mode\": \"share\","
    "   \"share\": 0.2, \"pricing\": \"per_contact\", \"price_eur\": 3, \"agents\": 5,"
    "   \"sla\": {\"target\": 0.8, \"threshold_s\": 20, \"period\": \"day\","
    "            \"abandon_ceiling\": 0.1, \"penalty_eur\": 1000, \"bonus_eur\": 200}}],"
    " \"costs\": {\"supervisor_ratio\": 0.1, \"supervisor_cost_per_hour_eur\": 50,"
    "   \"overhead_ratio\": 0.2, \"platform\": \"on_premise\","
    "   \"on_premise\": {\"capex_eur\": 365000, \"depreciation_years\": 5,"
    "                    \"maintenance_per_year_eur\": 73000,"
    "                    \"maintenance_growth_per_year\": 0.1,"
    "                    \"licence_per_seat_per_year_eur\": 3650},"
    "   \"cloud\": {\"per_seat_per_month_eur\": 100, \"per_minute_eur\": 0.02,"
    "             \"migration_cost_eur\": 50000, \"migration_months\": 6},"
    "   \"telephony_per_minute_eur\": 0.01, \"discount_rate\": 0.05}}";

#define W_S (7.0 * 86400.0)

/* A hand-made replication of shop: pools voice, mail, bpo. */
static void shop_rep(const scenario *scn, cc_rep *rep)
{
    sim_error err;
    assert_int_equal(cc_rep_init(rep, 3, 1, 3, 3600.0, 7 * 24, &err), SIM_OK);
    rep->stats_start_s = 0.0;
    rep->stats_end_s = W_S;
    (void)scn;
    const char *names[3] = {"voice", "mail", "bpo"};
    for (size_t p = 0; p < 3; p++) {
        snprintf(rep->pools[p].name, sizeof rep->pools[p].name, "%s", names[p]);
        rep->pools[p].is_outsourcer = p == 2;
        rep->pools[p].source = p == 2 ? 0 : p;
    }
    /* voice: 100 paid hours, mail: 40 paid hours. */
    rep->pools[0].paid_s = 100.0 * 3600.0;
    rep->pools[0].on_duty_s = 80.0 * 3600.0;
    rep->pools[0].work_s = 60.0 * 3600.0;
    rep->pools[0].peak_agents = 10;
    rep->pools[1].paid_s = 40.0 * 3600.0;
    rep->pools[1].on_duty_s = 30.0 * 3600.0;
    rep->pools[1].work_s = 20.0 * 3600.0;
    rep->pools[1].peak_agents = 4;
    rep->pools[2].answered = 150;
    rep->pools[2].work_s = 15.0 * 3600.0;
    /* phone: 750 answered of which 150 outsourced, 75 h of work (60 in-house), waits
     * 10 h, abandoned waits 5 h; email 120 answered, 20 h work; faq 40 sessions. */
    rep->channels[0].answered = 750;
    rep->channels[0].outsourced = 150;
    rep->channels[0].work_s = 75.0 * 3600.0;
    rep->channels[0].wait_s = 10.0 * 3600.0;
    rep->channels[0].abandon_wait_s = 5.0 * 3600.0;
    rep->channels[1].answered = 120;
    rep->channels[1].work_s = 20.0 * 3600.0;
    rep->channels[2].answered = 40;
    rep->needs.resolved = 600;
}

static void cost_lines_should_match_a_hand_computation(void **state)
{
    (void)state;
    scenario *scn = test_scenario_load(shop_json);
    cc_rep rep;
    shop_rep(scn, &rep);
    cost_breakdown b;
    sim_error err;
    assert_int_equal(cost_breakdown_compute(scn, &rep, 2017, &b, &err), SIM_OK);
    /* agents: 100 h x 30 + 40 h x 40 = 4600 */
    REL(b.lines_eur[COST_LINE_AGENTS], 4600.0);
    /* supervisors: 0.1 x 140 h x 50 = 700 */
    REL(b.lines_eur[COST_LINE_SUPERVISORS], 700.0);
    /* overhead: 0.2 x (4600 + 700) = 1060 */
    REL(b.lines_eur[COST_LINE_OVERHEAD], 1060.0);
    /* outsourcing: 150 contacts x 3 = 450 */
    REL(b.lines_eur[COST_LINE_OUTSOURCING], 450.0);
    /* telephony: phone (75 + 10 + 5) h = 5400 min x 0.01 = 54 */
    REL(b.telephony_minutes, 5400.0);
    REL(b.lines_eur[COST_LINE_TELEPHONY], 54.0);
    /* platform, 7 of 365 days: depreciation 365000/5 x 7/365 = 1400; maintenance (base
     * year) 73000 x 7/365 = 1400; licences 14 seats x 3650 x 7/365 = 980; no cloud. */
    REL(b.seats, 14.0);
    REL(b.lines_eur[COST_LINE_DEPRECIATION], 1400.0);
    REL(b.lines_eur[COST_LINE_MAINTENANCE], 1400.0);
    REL(b.lines_eur[COST_LINE_LICENCES], 980.0);
    REL(b.lines_eur[COST_LINE_CLOUD_SEATS], 0.0);
    REL(b.lines_eur[COST_LINE_MIGRATION], 0.0);
    /* SLA: no interval data, so no period measured: nothing earned or credited. */
    assert_int_equal(b.sla[0].periods, 0);
    REL(b.lines_eur[COST_LINE_SLA], 0.0);
    double total = 4600 + 700 + 1060 + 450 + 54 + 1400 + 1400 + 980;
    REL(b.total_eur, total);
    REL(b.people_eur, 5300.0);
    REL(b.people_share, 5300.0 / total);
    /* contacts: 750 + 120 (self-service excluded); per resolved need: / 600 */
    REL(b.contacts, 870.0);
    REL(b.per_contact_eur, total / 870.0);
    REL(b.per_resolved_need_eur, total / 600.0);
    REL(b.year_factor, 365.0 / 7.0);
    cc_rep_fini(&rep);
    scenario_free(scn);
}

static void channel_and_site_costs_should_follow_the_allocation_rules(void **state)
{
    (void)state;
    scenario *scn = test_scenario_load(shop_json);
    cc_rep rep;
    shop_rep(scn, &rep);
    cost_breakdown b;
    sim_error err;
    assert_int_equal(cost_breakdown_compute(scn, &rep, 2017, &b, &err), SIM_OK);
    /* In-house work: phone 75 h x 600/750 = 60 h, email 20 h. Platform 3780 by 60:20. */
    double voice = (3000.0 + 0.1 * 100 * 50) * 1.2; /* 4200 */
    double mail = (1600.0 + 0.1 * 40 * 50) * 1.2;   /* 2160 */
    double plat = 1400 + 1400 + 980;
    REL(b.channel_eur[0], voice + 450.0 + 54.0 + plat * 0.75);
    REL(b.channel_eur[1], mail + plat * 0.25);
    REL(b.channel_eur[2], 0.0);
    /* Sites: north (voice), south (mail), outsourcer-bpo. Telephony by pool work 60:20:15,
     * platform by in-house pool work 60:20. */
    assert_int_equal(b.n_sites, 3);
    assert_string_equal(b.site[0], "north");
    assert_string_equal(b.site[1], "south");
    assert_string_equal(b.site[2], "outsourcer-bpo");
    REL(b.site_eur[0], voice + 54.0 * 60 / 95 + plat * 0.75);
    REL(b.site_eur[1], mail + 54.0 * 20 / 95 + plat * 0.25);
    REL(b.site_eur[2], 450.0 + 54.0 * 15 / 95);
    double sc = 0, ss = 0;
    for (size_t c = 0; c < b.n_channels; c++)
        sc += b.channel_eur[c];
    for (size_t s = 0; s < b.n_sites; s++)
        ss += b.site_eur[s];
    REL(sc, b.total_eur);
    REL(ss, b.total_eur);
    cc_rep_fini(&rep);
    scenario_free(scn);
}

static void per_minute_outsourcing_should_be_priced_by_handled_minutes(void **state)
{
    (void)state;
    /* per_minute pricing at 0.5 EUR/min */
    char *json = replace(shop_json, "\"pricing\": \"per_contact\", \"price_eur\": 3",
                         "\"pricing\": \"per_minute\", \"price_eur\": 0.5");
    scenario *scn = test_scenario_load(json);
    free(json);
    cc_rep rep;
    shop_rep(scn, &rep);
    cost_breakdown b;
    sim_error err;
    assert_int_equal(cost_breakdown_compute(scn, &rep, 2017, &b, &err), SIM_OK);
    /* 15 h = 900 min x 0.5 = 450 */
    REL(b.lines_eur[COST_LINE_OUTSOURCING], 450.0);
    REL(b.outsourcer_fees_eur[0], 450.0);
    cc_rep_fini(&rep);
    scenario_free(scn);
}

static void the_platform_should_follow_the_migration_plan(void **state)
{
    (void)state;
    scenario_costs c;
    memset(&c, 0, sizeof c);
    c.platform = SCENARIO_PLATFORM_ON_PREMISE;
    c.capex_eur = 1000.0;
    c.depreciation_years = 2.5;
    c.maintenance_per_year_eur = 100.0;
    c.maintenance_growth_per_year = 0.1;
    c.licence_per_seat_per_year_eur = 10.0;
    c.cloud_per_seat_per_month_eur = 5.0;
    c.cloud_per_minute_eur = 0.5;
    c.migration_cost_eur = 70.0;
    c.migration_months = 18.0;
    c.migration_year = 2019;
    double l[COST_LINE_COUNT], capex;
    /* On-premise, investments every round(2.5) = 3 years (2017, 2020); depreciation 400 per
     * year, the third year half: 2019 = 200. */
    cost_tco_platform_year(&c, 2017, COST_TCO_ON_PREMISE, 2017, 2.0, 0.0, &capex, l);
    REL(capex, 1000.0);
    REL(l[COST_LINE_DEPRECIATION], 400.0);
    REL(l[COST_LINE_MAINTENANCE], 100.0);
    REL(l[COST_LINE_LICENCES], 20.0);
    cost_tco_platform_year(&c, 2017, COST_TCO_ON_PREMISE, 2019, 2.0, 0.0, &capex, l);
    REL(capex, 0.0);
    REL(l[COST_LINE_DEPRECIATION], 200.0);
    REL(l[COST_LINE_MAINTENANCE], 121.0);
    cost_tco_platform_year(&c, 2017, COST_TCO_ON_PREMISE, 2020, 2.0, 0.0, &capex, l);
    REL(capex, 1000.0);
    REL(l[COST_LINE_DEPRECIATION], 400.0);
    /* Cloud from 2019, 18 months double running: on-premise maintenance and licences full
     * in 2019, half in 2020, none in 2021; no investment in 2020; migration in 2019. */
    cost_tco_platform_year(&c, 2017, COST_TCO_CLOUD, 2019, 2.0, 100.0, &capex, l);
    REL(capex, 0.0);
    REL(l[COST_LINE_MAINTENANCE], 121.0);
    REL(l[COST_LINE_LICENCES], 20.0);
    REL(l[COST_LINE_CLOUD_SEATS], 120.0); /* 12 x 5 x 2 */
    REL(l[COST_LINE_CLOUD_USAGE], 50.0);  /* 100 min x 0.5 */
    REL(l[COST_LINE_MIGRATION], 70.0);
    cost_tco_platform_year(&c, 2017, COST_TCO_CLOUD, 2020, 2.0, 100.0, &capex, l);
    REL(capex, 0.0);
    REL(l[COST_LINE_MAINTENANCE], 0.5 * 133.1);
    REL(l[COST_LINE_LICENCES], 10.0);
    REL(l[COST_LINE_MIGRATION], 0.0);
    REL(l[COST_LINE_DEPRECIATION], 0.0); /* the 2017 investment is written off by 2019 */
    cost_tco_platform_year(&c, 2017, COST_TCO_CLOUD, 2021, 2.0, 100.0, &capex, l);
    REL(l[COST_LINE_MAINTENANCE], 0.0);
    REL(l[COST_LINE_LICENCES], 0.0);
    cost_tco_platform_year(&c, 2017, COST_TCO_CLOUD, 2018, 2.0, 100.0, &capex, l);
    REL(l[COST_LINE_CLOUD_SEATS], 0.0);
    assert_int_equal(cost_tco_plan(&c), COST_TCO_CLOUD);
    c.migration_year = 0;
    assert_int_equal(cost_tco_plan(&c), COST_TCO_ON_PREMISE);
    assert_int_equal(cost_tco_migration_year(&c, 2017, COST_TCO_CLOUD), 2017);
}

static void npv_should_equal_the_discounted_sum(void **state)
{
    (void)state;
    double f[3] = {100.0, 110.0, 121.0};
    /* 100 + 110/1.1 + 121/1.21 = 300 */
    REL(cost_tco_npv(f, 3, 0.1), 300.0);
    REL(cost_tco_npv(f, 3, 0.0), 331.0);
}

static scenario_costs crossing_costs(void)
{
    scenario_costs c;
    memset(&c, 0, sizeof c);
    c.platform = SCENARIO_PLATFORM_CLOUD; /* the cloud strategy has no migration */
    c.capex_eur = 50000.0;
    c.depreciation_years = 5.0;          /* 10000 per year */
    c.maintenance_per_year_eur = 100000.0;
    c.maintenance_growth_per_year = 0.1;
    c.licence_per_seat_per_year_eur = 0.0;
    c.cloud_per_seat_per_month_eur = 1000.0; /* 10 seats: 120000 per year */
    c.discount_rate = 0.05;
    return c;
}

static void cloud_and_on_premise_should_cross_where_the_arithmetic_says(void **state)
{
    (void)state;
    scenario_costs c = crossing_costs();
    cost_tco_year y[5];
    for (int k = 0; k < 5; k++)
        y[k] = (cost_tco_year){2017 + k, 10.0, 0.0, 1000.0, 0.0};
    cost_tco t;
    sim_error err;
    assert_int_equal(cost_tco_compute(&c, 2017, y, 5, &t, &err), SIM_OK);
    /* capex/D + M (1+g)^t = cloud: 10000 + 100000 x 1.1^t = 120000, so 1.1^t = 1.1 and
     * t = 1; the first whole year the cloud is not dearer is 2018. */
    REL(t.crossover_t_years, 1.0);
    assert_int_equal(t.crossover_year, 2018);
    /* The accounting flows agree: 2017 on-premise 10000 + 100000 < 120000 cloud; 2018
     * 10000 + 110000 = 120000. */
    REL(t.rows[0].s[COST_TCO_ON_PREMISE].accounting_eur, 110000.0);
    REL(t.rows[1].s[COST_TCO_ON_PREMISE].accounting_eur, 120000.0);
    REL(t.rows[1].s[COST_TCO_CLOUD].accounting_eur, 120000.0);
    /* A non-integer crossing: maintenance 90000: 1.1^t = 110000/90000. */
    c.maintenance_per_year_eur = 90000.0;
    assert_int_equal(cost_tco_compute(&c, 2017, y, 5, &t, &err), SIM_OK);
    double tt = log(110000.0 / 90000.0) / log(1.1);
    REL(t.crossover_t_years, tt);
    assert_int_equal(t.crossover_year, 2017 + (int)ceil(tt));
    assert_true(t.rows[2].s[COST_TCO_ON_PREMISE].accounting_eur < 120000.0);
    assert_true(t.rows[3].s[COST_TCO_ON_PREMISE].accounting_eur > 120000.0);
    /* Volume crossover at base: (10000 + 90000) / (120000 - 0) = 5/6 of today's volume. */
    REL(t.crossover_scale, 100000.0 / 120000.0);
    REL(t.crossover_seats, 10.0 * 100000.0 / 120000.0);
    REL(t.crossover_contacts_per_year, 1000.0 * 100000.0 / 120000.0);
    /* At that volume the two base-year platforms cost the same. */
    double v = t.crossover_scale, l1[COST_LINE_COUNT], l2[COST_LINE_COUNT], cap;
    cost_tco_platform_year(&c, 2017, COST_TCO_ON_PREMISE, 2017, 10.0 * v, 0.0, &cap, l1);
    cost_tco_platform_year(&c, 2017, COST_TCO_CLOUD, 2017, 10.0 * v, 0.0, &cap, l2);
    REL(l1[COST_LINE_DEPRECIATION] + l1[COST_LINE_MAINTENANCE] + l1[COST_LINE_LICENCES],
        l2[COST_LINE_CLOUD_SEATS] + l2[COST_LINE_CLOUD_USAGE]);
    /* Cloud cheaper at every volume when it costs less per seat than licences. */
    c.licence_per_seat_per_year_eur = 20000.0;
    assert_int_equal(cost_tco_compute(&c, 2017, y, 5, &t, &err), SIM_OK);
    assert_true(isinf(t.crossover_scale));
    /* No growth and a dearer cloud: never. */
    c.licence_per_seat_per_year_eur = 0.0;
    c.maintenance_growth_per_year = 0.0;
    assert_int_equal(cost_tco_compute(&c, 2017, y, 5, &t, &err), SIM_OK);
    assert_true(isnan(t.crossover_t_years));
    assert_int_equal(t.crossover_year, 0);
}

static void tco_npv_and_payback_should_match_a_hand_computation(void **state)
{
    (void)state;
    scenario_costs c = crossing_costs();
    c.platform = SCENARIO_PLATFORM_ON_PREMISE;
    c.migration_year = 2018;
    c.migration_months = 0.0;
    c.migration_cost_eur = 30000.0;
    cost_tco_year y[3];
    for (int k = 0; k < 3; k++)
        y[k] = (cost_tco_year){2017 + k, 10.0, 0.0, 0.0, 1000.0};
    cost_tco t;
    sim_error err;
    assert_int_equal(cost_tco_compute(&c, 2017, y, 3, &t, &err), SIM_OK);
    /* On-premise cash: 2017 50000 + 100000 + 1000; 2018 110000 + 1000; 2019 121000 + 1000.
     * Cloud: 2017 as on-premise; 2018 120000 + 30000 + 1000; 2019 120000 + 1000. */
    double on[3] = {151000.0, 111000.0, 122000.0};
    double cl[3] = {151000.0, 151000.0, 121000.0};
    for (int k = 0; k < 3; k++) {
        REL(t.rows[k].s[COST_TCO_ON_PREMISE].cash_eur, on[k]);
        REL(t.rows[k].s[COST_TCO_CLOUD].cash_eur, cl[k]);
    }
    REL(t.total_cash_eur[COST_TCO_ON_PREMISE], 384000.0);
    REL(t.total_cash_eur[COST_TCO_CLOUD], 423000.0);
    REL(t.npv_eur[COST_TCO_ON_PREMISE], 151000.0 + 111000.0 / 1.05 + 122000.0 / 1.1025);
    REL(t.npv_eur[COST_TCO_CLOUD], 151000.0 + 151000.0 / 1.05 + 121000.0 / 1.1025);
    assert_int_equal(t.migration_year[COST_TCO_CLOUD], 2018);
    assert_int_equal(t.plan, COST_TCO_CLOUD);
    /* Cumulative difference 0, +40000, +39000: no payback within the years. */
    assert_int_equal(t.payback_year, 0);
    /* Cheaper cloud (500/seat/month = 60000 a year): 0, -20000 (2018) -> payback 2018. */
    c.cloud_per_seat_per_month_eur = 500.0;
    assert_int_equal(cost_tco_compute(&c, 2017, y, 3, &t, &err), SIM_OK);
    assert_int_equal(t.payback_year, 2018);
    /* Years must be consecutive. */
    y[2].year = 2030;
    assert_int_equal(cost_tco_compute(&c, 2017, y, 3, &t, &err), SIM_EINVAL);
}

/* Put per-day outsourcer figures into the hand rep: day d gets answered a[d], within w[d],
 * abandoned b[d] (in its first interval). */
static void set_days(cc_rep *rep, const double *a, const double *w, const double *b)
{
    for (size_t d = 0; d < 7; d++) {
        *cc_rep_pv(rep, d * 24, 2, CC_PV_ANSWERED) = a[d];
        *cc_rep_pv(rep, d * 24, 2, CC_PV_ANSWERED_WITHIN) = w[d];
        *cc_rep_pv(rep, d * 24, 2, CC_PV_ANSWERED_WITHIN_SLA) = w[d]; /* what the SLA reads */
        *cc_rep_pv(rep, d * 24 + 5, 2, CC_PV_ABANDONED) = b[d];
    }
}

static void sla_periods_should_be_met_or_missed_by_target_and_ceiling(void **state)
{
    (void)state;
    scenario *scn = test_scenario_load(shop_json);
    cc_rep rep;
    shop_rep(scn, &rep);
    /* day: SL 90/100 ok; 70/100 missed (SL); 95/100 with 15 abandoned of 115: SL 0.826 but
     * abandon 0.13 > 0.1 missed; closed (no contacts); 80/100 exactly the target: met;
     * 85/95 with 5 abandoned: SL 0.85, abandon 0.05 met; 0/1: missed. */
    double a[7] = {100, 100, 100, 0, 100, 95, 1};
    double w[7] = {90, 70, 95, 0, 80, 85, 0};
    double b[7] = {0, 0, 15, 0, 0, 5, 0};
    set_days(&rep, a, w, b);
    sim_error err;
    assert_int_equal(cost_sla_period_count(scn, &rep, 0), 7);
    cost_sla_period p;
    assert_int_equal(cost_sla_period_get(scn, &rep, 0, 2, &p, &err), SIM_OK);
    REL(p.service_level, 95.0 / 115.0);
    REL(p.abandon_share, 15.0 / 115.0);
    assert_int_equal(p.missed, 1);
    assert_int_equal(cost_sla_period_get(scn, &rep, 0, 3, &p, &err), SIM_OK);
    assert_int_equal(p.measured, 0);
    assert_int_equal(cost_sla_period_get(scn, &rep, 0, 7, &p, &err), SIM_EINVAL);
    cost_sla_rep r;
    assert_int_equal(cost_sla_rep_eval(scn, &rep, 0, &r, &err), SIM_OK);
    assert_int_equal(r.periods, 6);
    assert_int_equal(r.missed, 3);
    assert_int_equal(r.missed_sl, 2);    /* days 1 and 6 (day 2's SL 0.826 passes) */
    assert_int_equal(r.missed_abandon, 1);
    REL(r.miss_share, 0.5);
    /* Window penalty and bonus: 3 x 1000 and 3 x 200; per year 6 days x 365/7. */
    REL(r.penalty_eur, 3000.0);
    REL(r.bonus_eur, 600.0);
    REL(r.periods_per_year, 6.0 * 365.0 / 7.0);
    cost_breakdown bd;
    assert_int_equal(cost_breakdown_compute(scn, &rep, 2017, &bd, &err), SIM_OK);
    REL(bd.lines_eur[COST_LINE_SLA], 600.0 - 3000.0);
    cc_rep_fini(&rep);
    scenario_free(scn);
}

static void month_sla_on_a_week_should_charge_its_share_of_a_month(void **state)
{
    (void)state;
    char *json = replace(shop_json, "\"period\": \"day\"", "\"period\": \"month\"");
    scenario *scn = test_scenario_load(json);
    free(json);
    assert_int_equal(scn->outsourcers[0].sla_period, SCENARIO_SLA_MONTH);
    cc_rep rep;
    shop_rep(scn, &rep);
    double a[7] = {100, 100, 100, 100, 100, 100, 100};
    double w[7] = {70, 70, 70, 70, 70, 70, 70};
    double b[7] = {0};
    set_days(&rep, a, w, b);
    sim_error err;
    cost_sla_rep r;
    assert_int_equal(cost_sla_rep_eval(scn, &rep, 0, &r, &err), SIM_OK);
    assert_int_equal(r.periods, 1);
    assert_int_equal(r.partial, 1);
    assert_int_equal(r.missed, 1);
    /* 7/30 of a month missed: penalty 1000 x 7/30; 365/30 months a year. */
    REL(r.horizon_periods, 7.0 / 30.0);
    REL(r.penalty_eur, 1000.0 * 7.0 / 30.0);
    REL(r.periods_per_year, 365.0 / 30.0);
    cc_rep_fini(&rep);
    scenario_free(scn);
}

/* A small real run: phone with a share-mode outsourcer kept just short of its load. */
static const char *risk_json =
    "{\"name\": \"risk\", \"horizon_days\": 7, \"seed\": 11, \"replications\": 12,"
    " \"channels\": [{\"name\": \"phone\", \"kind\": \"voice\","
    "   \"handle_time\": {\"mean_s\": 240}, \"patience\": {\"mean_s\": 120},"
    "   \"daily_volume\": 1800}],"
    " \"groups\": [{\"name\": \"team\", \"skills\": [\"phone\"], \"agents\": 4}],"
    " \"outsourcers\": [{\"name\": \"bpo\", \"channels\": [\"phone\"], \"share\": 0.5,"
    "   \"agents\": 4, \"sla\": {\"target\": 0.8, \"threshold_s\": 20, \"period\": \"day\","
    "   \"penalty_eur\": 100}}]}";

static void sla_miss_probability_should_agree_with_a_direct_count(void **state)
{
    (void)state;
    scenario *scn = test_scenario_load(risk_json);
    size_t n = scn->replications;
    cc_rep *reps = calloc(n, sizeof *reps);
    assert_non_null(reps);
    sim_error err;
    assert_int_equal(cc_model_run_replications(scn, NULL, n, 2, NULL, NULL, NULL, reps, &err),
                     SIM_OK);
    /* Direct count: sum the outsourcer pool's rows of each day ourselves. */
    size_t pool = 1, missed = 0, periods = 0;
    for (size_t r = 0; r < n; r++) {
        assert_true(reps[r].pools[pool].is_outsourcer);
        size_t per_day = (size_t)(86400.0 / reps[r].interval_s);
        for (size_t d = 0; d < reps[r].n_intervals / per_day; d++) {
            double a = 0, w = 0, b = 0;
            for (size_t i = d * per_day; i < (d + 1) * per_day; i++) {
                a += *cc_rep_pv(&reps[r], i, pool, CC_PV_ANSWERED);
                w += *cc_rep_pv(&reps[r], i, pool, CC_PV_ANSWERED_WITHIN_SLA);
                b += *cc_rep_pv(&reps[r], i, pool, CC_PV_ABANDONED);
            }
            if (a + b > 0) {
                periods++;
                missed += w / (a + b) < 0.8;
            }
        }
    }
    assert_int_equal(periods, n * 7);
    /* The scenario is tuned to be risky: neither always met nor always missed. */
    assert_true(missed > 0 && missed < periods);
    cost_sla_risk k;
    assert_int_equal(cost_sla_risk_compute(scn, reps, n, 0, 0.95, &k, &err), SIM_OK);
    assert_int_equal(k.periods, periods);
    assert_int_equal(k.missed, missed);
    REL(k.miss_probability, (double)missed / (double)periods);
    REL(k.expected_penalty_per_period_eur, 100.0 * (double)missed / (double)periods);
    /* Equal periods per replication: the mean of the shares is the pooled share. */
    REL(k.miss_share_ci.mean, k.miss_probability);
    assert_true(k.miss_share_ci.lo <= k.miss_probability && k.miss_probability <= k.miss_share_ci.hi);
    REL(k.periods_per_year, 365.0);
    REL(k.expected_penalty_year_eur, 365.0 * 100.0 * (double)missed / (double)periods);
    /* The per-replication KPI is the replication's own share. */
    cc_kpis kp;
    assert_int_equal(cost_kpis_from_rep(&kp, &reps[0], scn, &err), SIM_OK);
    cost_sla_rep r0;
    assert_int_equal(cost_sla_rep_eval(scn, &reps[0], 0, &r0, &err), SIM_OK);
    int found = 0;
    for (size_t j = 0; j < kp.n; j++) {
        if (strcmp(kp.names[j], "sla.bpo.miss_probability") == 0) {
            REL(kp.values[j], r0.miss_share);
            found = 1;
        }
    }
    assert_true(found);
    cc_kpis_fini(&kp);
    for (size_t r = 0; r < n; r++)
        cc_rep_fini(&reps[r]);
    free(reps);
    scenario_free(scn);
}

/* The outsourcer's SLA threshold (60 s) differs from the channel's (20 s). */
static const char *risk60_json =
    "{\"name\": \"risk60\", \"horizon_days\": 7, \"seed\": 11, \"replications\": 6,"
    " \"channels\": [{\"name\": \"phone\", \"kind\": \"voice\","
    "   \"handle_time\": {\"mean_s\": 240}, \"patience\": {\"mean_s\": 120},"
    "   \"daily_volume\": 1800}],"
    " \"groups\": [{\"name\": \"team\", \"skills\": [\"phone\"], \"agents\": 4}],"
    " \"outsourcers\": [{\"name\": \"bpo\", \"channels\": [\"phone\"], \"share\": 0.5,"
    "   \"agents\": 4, \"sla\": {\"target\": 0.8, \"threshold_s\": 60, \"period\": \"day\","
    "   \"penalty_eur\": 100}}]}";

typedef struct sla_trace {
    double threshold_s;
    uint64_t answered, within; /* counted answers by the outsourcer, within threshold_s */
} sla_trace;

static void count_bpo_answers(void *ctx, const cc_trace_event *ev)
{
    sla_trace *t = ctx;
    if (ev->kind != CC_TRACE_ANSWER || !ev->counted || strcmp(ev->pool, "bpo") != 0)
        return;
    t->answered++;
    t->within += ev->wait_s <= t->threshold_s;
}

static void sla_should_use_the_outsourcers_own_threshold(void **state)
{
    (void)state;
    scenario *scn = test_scenario_load(risk60_json);
    assert_true(scn->outsourcers[0].sl_threshold_s == 60.0);
    assert_true(scn->channels[0].sl_threshold_s == 20.0);
    size_t n = scn->replications, pool = 1, missed = 0, missed20 = 0, periods = 0;
    cc_rep *reps = calloc(n, sizeof *reps);
    assert_non_null(reps);
    sim_error err;
    uint64_t ab_trace = 0, ab_rows = 0;
    for (size_t r = 0; r < n; r++) {
        /* The trace gives every answer's wait: count the outsourcer's within 60 s. */
        sla_trace t = {60.0, 0, 0};
        cc_options o;
        cc_options_default(&o);
        o.trace = count_bpo_answers;
        o.trace_ctx = &t;
        assert_int_equal(cc_model_run(scn, &o, r, &reps[r], &err), SIM_OK);
        const cc_pool_totals *pt = &reps[r].pools[pool];
        assert_true(pt->is_outsourcer);
        assert_int_equal(pt->answered, t.answered);
        assert_int_equal(pt->answered_within_sla, t.within);
        /* a wider threshold: more within than against the channel's 20 s */
        assert_true(pt->answered_within_sla > pt->answered_within);
        /* in-house: the pool's threshold is the channel's */
        assert_int_equal(reps[r].pools[0].answered_within_sla, reps[r].pools[0].answered_within);
        ab_trace += pt->abandoned;
        size_t per_day = (size_t)(86400.0 / reps[r].interval_s);
        for (size_t d = 0; d < reps[r].n_intervals / per_day; d++) {
            double a = 0, w = 0, w20 = 0, b = 0;
            for (size_t i = d * per_day; i < (d + 1) * per_day; i++) {
                a += *cc_rep_pv(&reps[r], i, pool, CC_PV_ANSWERED);
                w += *cc_rep_pv(&reps[r], i, pool, CC_PV_ANSWERED_WITHIN_SLA);
                w20 += *cc_rep_pv(&reps[r], i, pool, CC_PV_ANSWERED_WITHIN);
                b += *cc_rep_pv(&reps[r], i, pool, CC_PV_ABANDONED);
            }
            ab_rows += (uint64_t)b;
            if (a + b > 0) {
                periods++;
                missed += w / (a + b) < 0.8;
                missed20 += w20 / (a + b) < 0.8;
            }
        }
    }
    /* The outsourcer's abandonments (its own share queue) enter its SLA denominator. */
    assert_true(ab_rows > 0);
    assert_int_equal(ab_rows, ab_trace);
    assert_int_equal(periods, n * 7);
    cost_sla_risk k;
    assert_int_equal(cost_sla_risk_compute(scn, reps, n, 0, 0.95, &k, &err), SIM_OK);
    printf("miss probability %.3f at the outsourcer's 60 s (%.3f at the channel's 20 s)\n",
           k.miss_probability, (double)missed20 / (double)periods);
    assert_int_equal(k.periods, periods);
    assert_int_equal(k.missed, missed);
    /* the threshold matters here: the channel's would give a different (higher) figure */
    assert_true(missed < missed20);
    for (size_t r = 0; r < n; r++)
        cc_rep_fini(&reps[r]);
    free(reps);
    scenario_free(scn);
}

static void more_outsourcer_agents_should_not_raise_the_miss_probability(void **state)
{
    (void)state;
    scenario *scn = test_scenario_load(risk_json);
    sla_sweep_point pts[3];
    size_t np = 0;
    sim_error err;
    assert_int_equal(sla_sweep_run(scn, NULL, NULL, "bpo", 2, 6, 2, 6, 2, NULL, pts, 3, &np,
                                    &err),
                     SIM_OK);
    assert_int_equal(np, 3);
    assert_int_equal(pts[0].agents, 2);
    assert_int_equal(pts[2].agents, 6);
    /* 2 agents for ~2.5 Erlang: every day missed; 6 agents: far fewer. */
    assert_true(pts[0].risk[0].miss_probability >= pts[1].risk[0].miss_probability);
    assert_true(pts[1].risk[0].miss_probability >= pts[2].risk[0].miss_probability);
    assert_true(pts[0].risk[0].miss_probability > pts[2].risk[0].miss_probability);
    assert_true(pts[0].risk[0].expected_penalty_year_eur >
                pts[2].risk[0].expected_penalty_year_eur);
    /* A sweep point equals the same scenario run alone (same seed). */
    const char *sets[1] = {"outsourcers.bpo.agents=4"};
    scenario_load_opts lo = {NULL, 0, sets, 1, NULL, NULL, 0};
    scenario *s4 = NULL;
    assert_int_equal(scenario_load_derive(scn, &lo, &s4, NULL), SIM_OK);
    cc_rep reps[6];
    assert_int_equal(cc_model_run_replications(s4, NULL, 6, 1, NULL, NULL, NULL, reps, &err),
                     SIM_OK);
    cost_sla_risk k;
    assert_int_equal(cost_sla_risk_compute(s4, reps, 6, 0, 0.95, &k, &err), SIM_OK);
    assert_int_equal(k.missed, pts[1].risk[0].missed);
    assert_int_equal(k.periods, pts[1].risk[0].periods);
    for (size_t r = 0; r < 6; r++)
        cc_rep_fini(&reps[r]);
    scenario_free(s4);
    /* Unknown targets and groups that are not fixed are refused. */
    assert_int_equal(sla_sweep_run(scn, NULL, NULL, "nobody", 1, 2, 1, 2, 1, NULL, pts, 3,
                                    &np, &err),
                     SIM_EINVAL);
    assert_int_equal(sla_sweep_run(scn, NULL, NULL, "bpo", 1, 9, 1, 2, 1, NULL, pts, 3, &np,
                                    &err),
                     SIM_EINVAL);
    scenario_free(scn);
}

static void cost_kpis_should_hold_the_breakdown_and_aggregate_with_cis(void **state)
{
    (void)state;
    scenario *scn = test_scenario_load(shop_json);
    cc_rep rep[2];
    shop_rep(scn, &rep[0]);
    shop_rep(scn, &rep[1]);
    rep[1].pools[0].paid_s *= 2.0; /* voice team paid 200 h: +3000 agents, +1000 sup, ... */
    sim_error err;
    cc_kpis k;
    assert_int_equal(cost_kpis_from_rep(&k, &rep[0], scn, &err), SIM_OK);
    cost_breakdown b;
    assert_int_equal(cost_breakdown_compute(scn, &rep[0], 2017, &b, &err), SIM_OK);
    const char *want[] = {"cost.total_eur", "cost.year_eur", "cost.per_answered_contact_eur",
                          "cost.people_share", "cost.line.agents_eur",
                          "cost.channel.phone_eur", "cost.site.outsourcer-bpo_eur",
                          "sla.bpo.miss_probability", "sla.bpo.expected_penalty_year_eur"};
    double val[] = {b.total_eur, b.total_eur * 365.0 / 7.0, b.per_contact_eur, b.people_share,
                    4600.0, b.channel_eur[0], b.site_eur[2], NAN, NAN};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        size_t j = 0;
        while (j < k.n && strcmp(k.names[j], want[i]) != 0)
            j++;
        assert_true(j < k.n);
        if (isnan(val[i]))
            assert_true(isnan(k.values[j]));
        else
            REL(k.values[j], val[i]);
    }
    /* The hook gives the same list. */
    char names[256][CC_KPI_NAME_MAX];
    double values[256];
    size_t nh = 0;
    assert_int_equal(cost_kpis_hook(NULL, scn, &rep[0], names, values, 256, &nh, &err), SIM_OK);
    assert_int_equal(nh, k.n);
    assert_string_equal(names[0], k.names[0]);
    assert_int_equal(cost_kpis_hook(NULL, scn, &rep[0], names, values, 3, &nh, &err),
                     SIM_ELIMIT);
    /* Append doubles the vector. */
    cc_kpis k2;
    assert_int_equal(cost_kpis_from_rep(&k2, &rep[0], scn, &err), SIM_OK);
    size_t n0 = k.n;
    assert_int_equal(cost_kpis_append(&k, &k2, &err), SIM_OK);
    assert_int_equal(k.n, 2 * n0);
    assert_string_equal(k.names[n0], k2.names[0]);
    cc_kpis_fini(&k);
    cc_kpis_fini(&k2);
    /* Summary: agents 4600 and 7600: mean 6100. */
    cc_summary *s = cost_summary_new(rep, 2, scn, 0.95, &err);
    assert_non_null(s);
    size_t j = cc_summary_find(s, "cost.line.agents_eur");
    assert_true(j < s->n_kpis);
    REL(s->ci[j].mean, 6100.0);
    REL(s->values[1 * s->n_kpis + j], 7600.0);
    assert_true(s->ci[j].half_width > 0.0);
    cc_summary_free(s);
    cc_rep_fini(&rep[0]);
    cc_rep_fini(&rep[1]);
    scenario_free(scn);
}

static void a_replication_of_another_scenario_should_be_refused(void **state)
{
    (void)state;
    scenario *scn = test_scenario_load(shop_json);
    cc_rep rep;
    sim_error err;
    assert_int_equal(cc_rep_init(&rep, 2, 1, 3, 3600.0, 24, &err), SIM_OK);
    rep.stats_end_s = 86400.0;
    cost_breakdown b;
    assert_int_equal(cost_breakdown_compute(scn, &rep, 2017, &b, &err), SIM_EINVAL);
    cc_rep_fini(&rep);
    scenario_free(scn);
}

static void a_real_run_should_balance_channels_sites_and_total(void **state)
{
    (void)state;
    scenario *scn = NULL;
    scenario_diag diag;
    scenario_diag_init(&diag);
    assert_int_equal(scenario_load_file(OMNISIM_SOURCE_DIR "/scenarios/energy-outsourcing-sla.json",
                                        NULL, &scn, &diag),
                     SIM_OK);
    scenario_diag_fini(&diag);
    cc_rep rep;
    sim_error err;
    assert_int_equal(cc_model_run(scn, NULL, 0, &rep, &err), SIM_OK);
    cost_breakdown b;
    assert_int_equal(cost_breakdown_compute(scn, &rep, scn->year, &b, &err), SIM_OK);
    double sc = 0, ss = 0, sl = 0;
    for (size_t c = 0; c < b.n_channels; c++)
        sc += b.channel_eur[c];
    for (size_t s = 0; s < b.n_sites; s++)
        ss += b.site_eur[s];
    for (int i = 0; i < COST_LINE_COUNT; i++)
        sl += b.lines_eur[i];
    assert_true(fabs(sc - b.total_eur) < 1e-6 * b.total_eur);
    assert_true(fabs(ss - b.total_eur) < 1e-6 * b.total_eur);
    REL(sl, b.total_eur);
    assert_true(b.lines_eur[COST_LINE_OUTSOURCING] > 0.0);
    assert_true(b.people_share > 0.5 && b.people_share < 0.95);
    /* The projection over the years and the TCO run on it. */
    cost_tco_year y0 = cost_breakdown_tco_year(&b), ys[COST_TCO_MAX_YEARS];
    size_t ny = 0;
    assert_int_equal(cost_tco_years_project(scn, &y0, ys, COST_TCO_MAX_YEARS, &ny, &err), SIM_OK);
    assert_true(ny >= 1);
    cost_tco t;
    assert_int_equal(cost_tco_compute(&scn->costs, scn->year, ys, ny, &t, &err), SIM_OK);
    /* The plan's first-year accounting cost is the breakdown's cost per year. */
    assert_true(fabs(t.rows[0].s[t.plan].accounting_eur - b.total_eur * b.year_factor) <
                1e-6 * b.total_eur * b.year_factor);
    cc_rep_fini(&rep);
    scenario_free(scn);
}

/* The retailer's yearly cash (costs.csv, million EUR): the cloud is cheaper in 2017 and 2022
 * only, and its cumulative cash is above on-premise's from 2018 on. The old headlines said
 * "payback from 2017" (the first year the running sum dipped below zero). */
static void the_verdict_should_agree_with_the_table_year_by_year(void **state)
{
    (void)state;
    const int years[] = {2017, 2018, 2019, 2020, 2021, 2022};
    const double onp[] = {26.30, 22.37, 23.71, 25.13, 26.64, 33.44};
    const double cloud[] = {25.05, 23.94, 25.38, 26.90, 28.51, 30.23};
    cost_tco_verdict v;
    cost_tco_verdict_of(years, onp, cloud, 6, 0, &v);
    assert_int_equal(v.first_year, 2017);
    assert_int_equal(v.last_year, 2022);
    assert_int_equal(v.cloud_cheaper_years, 2);
    assert_int_equal(v.cloud_cheaper_from, 2022);
    assert_int_equal(v.years_before, 5);
    assert_int_equal(v.dearer_before, 4);
    assert_int_equal(v.payback_year, 0);
    assert_true(fabs(v.total_diff_eur - 2.42) < 1e-9);
    char text[512];
    cost_tco_verdict_text(&v, text, sizeof text);
    assert_non_null(strstr(text, "cheaper from 2022"));
    assert_non_null(strstr(text, "No payback by 2022"));
    /* Every year is checked against the claims, as a reader of the table would. */
    double cum = 0;
    for (size_t k = 0; k < 6; k++) {
        cum += cloud[k] - onp[k];
        if (years[k] >= v.cloud_cheaper_from)
            assert_true(cloud[k] <= onp[k]);
        if (k == 5)
            assert_true(cum > 0); /* hence no payback */
    }

    /* Cheaper from the third year, payback in the fourth (cumulative -0.5 then stays <= 0). */
    const double onp2[] = {10, 10, 10, 10, 10};
    const double cloud2[] = {12, 9, 8.5, 10, 9};
    cost_tco_verdict_of(years, onp2, cloud2, 5, 0, &v);
    assert_int_equal(v.cloud_cheaper_from, 2018);
    assert_int_equal(v.dearer_before, 1);
    assert_int_equal(v.payback_year, 2019);
    /* A migration in 2020 moves the payback no earlier than 2020. */
    cost_tco_verdict_of(years, onp2, cloud2, 5, 2020, &v);
    assert_int_equal(v.payback_year, 2020);
    /* A dip below zero that does not last is no payback. */
    const double cloud3[] = {9, 12, 9, 9, 11.5};
    cost_tco_verdict_of(years, onp2, cloud3, 5, 0, &v);
    assert_int_equal(v.cloud_cheaper_from, 0);
    assert_int_equal(v.payback_year, 0);
    cost_tco_verdict_text(&v, text, sizeof text);
    assert_non_null(strstr(text, "not cheaper by 2021"));
    /* Cheaper every year. */
    const double cloud4[] = {9, 9, 9, 9, 9};
    cost_tco_verdict_of(years, onp2, cloud4, 5, 0, &v);
    assert_int_equal(v.cloud_cheaper_from, 2017);
    assert_int_equal(v.payback_year, 2017);
    cost_tco_verdict_text(&v, text, sizeof text);
    assert_non_null(strstr(text, "every year from 2017 to 2021"));
    assert_non_null(strstr(text, "saves EUR 5."));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cost_lines_should_match_a_hand_computation),
        cmocka_unit_test(channel_and_site_costs_should_follow_the_allocation_rules),
        cmocka_unit_test(per_minute_outsourcing_should_be_priced_by_handled_minutes),
        cmocka_unit_test(the_platform_should_follow_the_migration_plan),
        cmocka_unit_test(npv_should_equal_the_discounted_sum),
        cmocka_unit_test(cloud_and_on_premise_should_cross_where_the_arithmetic_says),
        cmocka_unit_test(tco_npv_and_payback_should_match_a_hand_computation),
        cmocka_unit_test(sla_periods_should_be_met_or_missed_by_target_and_ceiling),
        cmocka_unit_test(month_sla_on_a_week_should_charge_its_share_of_a_month),
        cmocka_unit_test(sla_miss_probability_should_agree_with_a_direct_count),
        cmocka_unit_test(sla_should_use_the_outsourcers_own_threshold),
        cmocka_unit_test(more_outsourcer_agents_should_not_raise_the_miss_probability),
        cmocka_unit_test(cost_kpis_should_hold_the_breakdown_and_aggregate_with_cis),
        cmocka_unit_test(a_replication_of_another_scenario_should_be_refused),
        cmocka_unit_test(a_real_run_should_balance_channels_sites_and_total),
        cmocka_unit_test(the_verdict_should_agree_with_the_table_year_by_year),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
