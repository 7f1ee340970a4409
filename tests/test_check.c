/* test_check.c -- the regression gate's library (models/study/check.h, check_baseline.h) and the run
 * limits (models/cc/limits_run.h): tolerance parsing and matching, comparison of snapshots
 * (within, drift, missing, added, NaN, ordering), the baseline round trip and every class of
 * malformed baseline, the Erlang staffing of a snapshot, and each cap of the run limits.
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

#include "check.h"
#include "check_baseline.h"
#include "erlang.h"
#include "limits_run.h"
#include "scenario.h"
#include "scenario_load.h"
#include "sim_alloc.h"

#define SHIPPED OMNISIM_SOURCE_DIR "/scenarios"

/* ---- helpers ---------------------------------------------------------------------------- */

static scenario *load_text(const char *text, const char *const *sets, size_t n_sets)
{
    scenario_load_opts opts = {NULL, 0, sets, n_sets, NULL, NULL, 0};
    scenario_diag diag;
    scenario_diag_init(&diag);
    scenario *scn = NULL;
    sim_status st = scenario_load_string(text, strlen(text), "<test>", &opts, &scn, &diag);
    if (st != SIM_OK) {
        char line[1024];
        for (size_t i = 0; i < scenario_diag_count(&diag); i++)
            fprintf(stderr, "%s\n", scenario_diag_format(scenario_diag_get(&diag, i), line,
                                                         sizeof line));
    }
    scenario_diag_fini(&diag);
    assert_int_equal(st, SIM_OK);
    return scn;
}

static scenario *load_file(const char *path, const char *const *sets, size_t n_sets)
{
    scenario_load_opts opts = {NULL, 0, sets, n_sets, NULL, NULL, 0};
    scenario_diag diag;
    scenario_diag_init(&diag);
    scenario *scn = NULL;
    assert_int_equal(scenario_load_file(path, &opts, &scn, &diag), SIM_OK);
    scenario_diag_fini(&diag);
    return scn;
}

/* A snapshot with one staffed channel "phone" (1-hour intervals) and two KPIs. */
static void make_snapshot(check_snapshot *s, double staff_value, double sl, double asa)
{
    check_snapshot_init(s);
    snprintf(s->scenario, sizeof s->scenario, "t");
    s->seed = 7;
    s->replications = 3;
    s->interval_s = 3600;
    s->intervals_per_day = 24;
    s->n_channels = 1;
    s->channels = sim_calloc(1, sizeof *s->channels);
    s->staff = sim_calloc(7 * 24, sizeof *s->staff);
    snprintf(s->channels[0], SCENARIO_NAME_MAX, "phone");
    for (size_t k = 0; k < 7 * 24; k++)
        s->staff[k] = staff_value;
    s->n_kpis = 2;
    s->kpi_names = sim_calloc(2, sizeof *s->kpi_names);
    s->kpis = sim_calloc(2, sizeof *s->kpis);
    snprintf(s->kpi_names[0], CC_KPI_NAME_MAX, "channel.phone.service_level_per_answered_abandoned");
    snprintf(s->kpi_names[1], CC_KPI_NAME_MAX, "channel.phone.asa_s");
    s->kpis[0] = sl;
    s->kpis[1] = asa;
}

/* ---- tolerances --------------------------------------------------------------------------- */

static void tolerance_should_parse_abs_rel_both_and_exact(void **state)
{
    (void)state;
    check_tolerances t = {0};
    sim_error err;
    assert_int_equal(check_tolerances_add(&t, "channel.*.service_level_per_answered_abandoned=abs:0.01", &err), SIM_OK);
    assert_int_equal(check_tolerances_add(&t, "staff=rel:0.05", &err), SIM_OK);
    assert_int_equal(check_tolerances_add(&t, "x=rel:0.1,abs:2", &err), SIM_OK);
    assert_int_equal(check_tolerances_add(&t, "y=abs:3,rel:0", &err), SIM_OK);
    assert_int_equal(check_tolerances_add(&t, "z=exact", &err), SIM_OK);
    assert_int_equal(t.n, 5);
    assert_string_equal(t.items[0].pattern, "channel.*.service_level_per_answered_abandoned");
    assert_true(t.items[0].abs == 0.01 && t.items[0].rel == 0.0);
    assert_true(t.items[1].abs == 0.0 && t.items[1].rel == 0.05);
    assert_true(t.items[2].abs == 2.0 && t.items[2].rel == 0.1);
    assert_true(t.items[3].abs == 3.0 && t.items[3].rel == 0.0);
    assert_true(t.items[4].abs == 0.0 && t.items[4].rel == 0.0);
    char buf[64];
    assert_string_equal(check_tolerance_format(&t.items[0], buf, sizeof buf), "abs:0.01");
    assert_string_equal(check_tolerance_format(&t.items[1], buf, sizeof buf), "rel:0.05");
    assert_string_equal(check_tolerance_format(&t.items[2], buf, sizeof buf), "rel:0.1,abs:2");
    assert_string_equal(check_tolerance_format(&t.items[4], buf, sizeof buf), "exact");
}

static void tolerance_should_refuse_malformed_specs_with_a_message(void **state)
{
    (void)state;
    const char *bad[] = {"", "staff", "=abs:1", "staff=", "staff=abs", "staff=abs:",
                         "staff=abs:-1", "staff=abs:x", "staff=abs:nan", "staff=abs:inf",
                         "staff=abs:1,abs:2", "staff=pct:5", "staff=abs:1,", "staff=rel:1e999",
                         "staff=abs:1 "};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        check_tolerances t = {0};
        sim_error err;
        sim_error_clear(&err);
        assert_int_equal(check_tolerances_add(&t, bad[i], &err), SIM_EINVAL);
        assert_int_equal(t.n, 0);
        assert_string_equal(err.path, "--tolerance");
        assert_non_null(strstr(err.message, "expected"));
    }
}

static void tolerance_should_refuse_more_than_the_maximum(void **state)
{
    (void)state;
    check_tolerances t = {0};
    sim_error err;
    for (int i = 0; i < CHECK_MAX_TOLERANCES; i++)
        assert_int_equal(check_tolerances_add(&t, "a=abs:1", &err), SIM_OK);
    assert_int_equal(check_tolerances_add(&t, "a=abs:1", &err), SIM_ELIMIT);
}

static void name_should_match_globs_and_dotted_prefixes(void **state)
{
    (void)state;
    assert_true(check_name_matches("staff", "staff.phone.mon.09:15"));
    assert_true(check_name_matches("staff.phone", "staff.phone.mon.09:15"));
    assert_false(check_name_matches("staff.pho", "staff.phone.mon.09:15"));
    assert_true(check_name_matches("channel.*.service_level_per_answered_abandoned", "channel.chat.service_level_per_answered_abandoned"));
    assert_false(check_name_matches("channel.*.service_level_per_answered_abandoned", "channel.chat.asa_s"));
    assert_true(check_name_matches("*", "needs.created"));
    assert_true(check_name_matches("staff.*.sat.*", "staff.email.sat.10:00"));
    assert_false(check_name_matches("staff.*.sat.*", "staff.email.sun.10:00"));
    assert_false(check_name_matches("", "staff"));
}

static void defaults_should_be_overridden_by_later_tolerances(void **state)
{
    (void)state;
    check_tolerances t;
    check_tolerances_default(&t);
    const check_tolerance *x = check_tolerances_find(&t, "channel.phone.service_level_per_answered_abandoned");
    assert_non_null(x);
    assert_string_equal(x->pattern, "channel.*.service_level_per_answered_abandoned");
    assert_true(x->abs == 0.02);
    x = check_tolerances_find(&t, "staff.phone.mon.00:00");
    assert_string_equal(x->pattern, "staff");
    assert_true(x->abs == 0.0 && x->rel == 0.0);
    x = check_tolerances_find(&t, "pool.voice_team.occupancy");
    assert_string_equal(x->pattern, "*");
    sim_error err;
    assert_int_equal(check_tolerances_add(&t, "staff=rel:0.05", &err), SIM_OK);
    x = check_tolerances_find(&t, "staff.phone.mon.00:00");
    assert_true(x->rel == 0.05);
}

/* ---- comparison --------------------------------------------------------------------------- */

static void compare_should_find_nothing_between_equal_snapshots(void **state)
{
    (void)state;
    check_snapshot a, b;
    make_snapshot(&a, 10, 0.8, 12.0);
    make_snapshot(&b, 10, 0.8, 12.0);
    check_report rep;
    check_report_init(&rep);
    assert_int_equal(check_compare(&a, &b, NULL, &rep, NULL), SIM_OK);
    assert_int_equal(rep.n_compared, 7 * 24 + 2);
    assert_int_equal(rep.n_moved, 0);
    assert_int_equal(rep.n_drift, 0);
    check_report_fini(&rep);
    check_snapshot_fini(&a);
    check_snapshot_fini(&b);
}

static void compare_should_flag_drift_beyond_and_keep_moves_within_tolerance(void **state)
{
    (void)state;
    check_snapshot a, b;
    make_snapshot(&a, 10, 0.80, 12.0);
    make_snapshot(&b, 10, 0.75, 13.0); /* SL -0.05 > abs:0.02; ASA +1 within rel:0.1,abs:2 */
    b.staff[9] = 11;                   /* Monday 09:00: +1 agent, staff is exact */
    check_report rep;
    check_report_init(&rep);
    assert_int_equal(check_compare(&a, &b, NULL, &rep, NULL), SIM_OK);
    assert_int_equal(rep.n_moved, 3);
    assert_int_equal(rep.n_drift, 2);
    /* Worst first: the exact staffing value (infinitely over), then SL (2.5x), then ASA. */
    assert_string_equal(rep.entries[0].name, "staff.phone.mon.09:00");
    assert_int_equal(rep.entries[0].status, CHECK_DRIFT);
    assert_true(isinf(rep.entries[0].excess));
    assert_string_equal(rep.entries[1].name, "channel.phone.service_level_per_answered_abandoned");
    assert_int_equal(rep.entries[1].status, CHECK_DRIFT);
    assert_true(fabs(rep.entries[1].excess - 2.5) < 1e-9);
    assert_string_equal(rep.entries[1].tol.pattern, "channel.*.service_level_per_answered_abandoned");
    assert_string_equal(rep.entries[2].name, "channel.phone.asa_s");
    assert_int_equal(rep.entries[2].status, CHECK_WITHIN);
    assert_true(rep.entries[2].allowed == 2.0);
    check_report_fini(&rep);

    /* A user tolerance loosens staffing: no drift there any more. */
    check_tolerances t;
    check_tolerances_default(&t);
    assert_int_equal(check_tolerances_add(&t, "staff=abs:1", NULL), SIM_OK);
    assert_int_equal(check_tolerances_add(&t, "channel.*.service_level_per_answered_abandoned=abs:0.05", NULL), SIM_OK);
    check_report_init(&rep);
    assert_int_equal(check_compare(&a, &b, &t, &rep, NULL), SIM_OK);
    assert_int_equal(rep.n_drift, 0); /* 0.05 exactly is allowed despite rounding */
    assert_int_equal(rep.n_moved, 3);
    check_report_fini(&rep);
    check_snapshot_fini(&a);
    check_snapshot_fini(&b);
}

static void compare_should_report_missing_added_and_nan_changes_as_drift(void **state)
{
    (void)state;
    check_snapshot a, b;
    make_snapshot(&a, 10, 0.8, 12.0);
    make_snapshot(&b, 10, (double)NAN, 12.0);
    snprintf(b.channels[0], SCENARIO_NAME_MAX, "voice"); /* phone gone, voice new */
    snprintf(b.kpi_names[1], CC_KPI_NAME_MAX, "channel.voice.asa_s"); /* phone ASA gone */
    check_report rep;
    check_report_init(&rep);
    assert_int_equal(check_compare(&a, &b, NULL, &rep, NULL), SIM_OK);
    assert_int_equal(rep.n_drift, 4);
    int missing_staff = 0, added_staff = 0, nan_sl = 0, missing_kpi = 0;
    for (size_t i = 0; i < rep.n_moved; i++) {
        const check_entry *e = &rep.entries[i];
        missing_staff += strcmp(e->name, "staff.phone") == 0 && e->status == CHECK_MISSING;
        added_staff += strcmp(e->name, "staff.voice") == 0 && e->status == CHECK_ADDED;
        nan_sl += strcmp(e->name, "channel.phone.service_level_per_answered_abandoned") == 0 && e->status == CHECK_DRIFT;
        missing_kpi += strcmp(e->name, "channel.phone.asa_s") == 0 && e->status == CHECK_MISSING;
    }
    assert_int_equal(missing_staff + added_staff + nan_sl + missing_kpi, 4);
    check_report_fini(&rep);
    check_snapshot_fini(&a);
    check_snapshot_fini(&b);
}

static void compare_should_skip_kpis_when_the_run_has_none(void **state)
{
    (void)state;
    check_snapshot a, b;
    make_snapshot(&a, 10, 0.8, 12.0);
    make_snapshot(&b, 10, 0.1, 99.0);
    b.replications = 0; /* --no-sim */
    check_report rep;
    check_report_init(&rep);
    assert_int_equal(check_compare(&a, &b, NULL, &rep, NULL), SIM_OK);
    assert_int_equal(rep.kpis_skipped, 1);
    assert_int_equal(rep.n_drift, 0);
    assert_int_equal(rep.n_compared, 7 * 24);
    check_report_fini(&rep);
    /* A different interval makes staffing rows incomparable: one structural drift. */
    b.interval_s = 1800;
    b.intervals_per_day = 48;
    check_report_init(&rep);
    assert_int_equal(check_compare(&a, &b, NULL, &rep, NULL), SIM_OK);
    assert_int_equal(rep.n_drift, 1);
    assert_string_equal(rep.entries[0].name, "staff.interval_s");
    check_report_fini(&rep);
    check_snapshot_fini(&a);
    check_snapshot_fini(&b);
}

/* ---- baseline file ------------------------------------------------------------------------ */

static void baseline_should_read_back_bit_for_bit(void **state)
{
    (void)state;
    check_snapshot a, b;
    make_snapshot(&a, 10, 0.1 + 0.2, 1.0 / 3.0);
    a.kpis[1] = (double)NAN;
    a.seed = (UINT64_C(1) << 53) + 12345; /* above 2^53: written as a string */
    a.staff[100] = 123456;
    a.repeats = 1;
    char *text = NULL;
    assert_int_equal(check_baseline_to_json(&a, &text, NULL), SIM_OK);
    assert_non_null(strstr(text, "\"format\":\t\"omnisim-check-baseline\""));
    assert_non_null(strstr(text, "\"version\":\t2"));
    assert_int_equal(check_baseline_from_json(text, strlen(text), &b, NULL), SIM_OK);
    assert_string_equal(b.scenario, "t");
    assert_true(b.seed == a.seed);
    assert_int_equal(b.replications, 3);
    assert_int_equal(b.repeats, 1);
    assert_int_equal(b.n_channels, 1);
    assert_memory_equal(b.staff, a.staff, 7 * 24 * sizeof *a.staff);
    assert_int_equal(b.n_kpis, 2);
    assert_memory_equal(&b.kpis[0], &a.kpis[0], sizeof(double)); /* 0.30000000000000004 */
    assert_true(isnan(b.kpis[1]));
    check_report rep;
    check_report_init(&rep);
    assert_int_equal(check_compare(&a, &b, NULL, &rep, NULL), SIM_OK);
    assert_int_equal(rep.n_moved, 0);
    check_report_fini(&rep);
    check_baseline_free_text(text);
    check_snapshot_fini(&a);
    check_snapshot_fini(&b);
}

static void expect_bad_baseline(const char *text, sim_status code, const char *path,
                                const char *fragment)
{
    check_snapshot s;
    sim_error err;
    sim_error_clear(&err);
    sim_status st = check_baseline_from_json(text, strlen(text), &s, &err);
    if (st != code || strcmp(err.path, path) != 0 || strstr(err.message, fragment) == NULL)
        fail_msg("baseline %s: got %d '%s: %s', want %d '%s: ...%s...'", text, st, err.path,
                 err.message, code, path, fragment);
    assert_null(s.staff);
    assert_null(s.kpis);
}

#define HEAD "{\"format\":\"omnisim-check-baseline\",\"version\":1,\"scenario\":\"t\",\"seed\":1,"
#define DAY "[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24]"
#define WEEK "{\"mon\":" DAY ",\"tue\":" DAY ",\"wed\":" DAY ",\"thu\":" DAY ",\"fri\":" DAY \
             ",\"sat\":" DAY ",\"sun\":" DAY "}"
#define STAFF "\"staffing\":{\"interval_s\":3600,\"channels\":{\"phone\":" WEEK "}}"

static void baseline_should_refuse_every_malformed_file_naming_the_field(void **state)
{
    (void)state;
    /* The well-formed file the cases below break. */
    const char *good = HEAD "\"replications\":0," STAFF "}";
    check_snapshot s;
    assert_int_equal(check_baseline_from_json(good, strlen(good), &s, NULL), SIM_OK);
    assert_true(s.staff[24 * 6 + 23] == 24.0);
    check_snapshot_fini(&s);

    expect_bad_baseline("", SIM_EPARSE, "", "");
    expect_bad_baseline("{\"format\": ", SIM_EPARSE, "", "");
    expect_bad_baseline("[]", SIM_EINVAL, "", "expected a JSON object");
    expect_bad_baseline("{}", SIM_EINVAL, "format", "not an omnisim check baseline");
    expect_bad_baseline("{\"format\":\"omnisim-check-baseline\"}", SIM_EINVAL, "version",
                        "whole number");
    expect_bad_baseline("{\"format\":\"omnisim-check-baseline\",\"version\":3}", SIM_EINVAL,
                        "version", "newer than this omnisim reads");
    expect_bad_baseline("{\"format\":\"omnisim-check-baseline\",\"version\":1}", SIM_EINVAL,
                        "scenario", "scenario's name");
    expect_bad_baseline(HEAD "\"replications\":-1," STAFF "}", SIM_EINVAL, "replications",
                        "whole number");
    expect_bad_baseline(HEAD "\"replications\":0}", SIM_EINVAL, "staffing", "expected an object");
    expect_bad_baseline(HEAD "\"replications\":0,\"staffing\":{\"interval_s\":7,\"channels\":{}}}",
                        SIM_EINVAL, "staffing.interval_s", "divides a day");
    expect_bad_baseline(HEAD "\"replications\":0,\"staffing\":{\"interval_s\":3600,"
                             "\"channels\":{\"phone\":{\"mon\":[1]}}}}",
                        SIM_EINVAL, "staffing.channels.phone.mon", "array of 24 agent counts");
    expect_bad_baseline(HEAD "\"replications\":0,\"staffing\":{\"interval_s\":3600,"
                             "\"channels\":{\"phone\":{\"mon\":[-1,2,3,4,5,6,7,8,9,10,11,12,13,"
                             "14,15,16,17,18,19,20,21,22,23,24]}}}}",
                        SIM_EINVAL, "staffing.channels.phone.mon[0]", "whole number of agents");
    expect_bad_baseline(HEAD "\"replications\":0,\"staffing\":{\"method\":\"magic\","
                             "\"interval_s\":3600,\"channels\":{}}}",
                        SIM_EINVAL, "staffing.method", "\"erlang\" or \"erlang+repeats\"");
    expect_bad_baseline(HEAD "\"replications\":2," STAFF "}", SIM_EINVAL, "kpis", "missing");
    expect_bad_baseline(HEAD "\"replications\":2," STAFF ",\"kpis\":{\"a\":\"x\"}}", SIM_EINVAL,
                        "kpis.a", "a number or null");
    expect_bad_baseline(HEAD "\"replications\":0," STAFF ",\"kpis\":{}}", SIM_EINVAL, "kpis",
                        "unexpected");
    expect_bad_baseline("{\"format\":\"omnisim-check-baseline\",\"version\":1,\"scenario\":\"t\","
                        "\"seed\":-3}",
                        SIM_EINVAL, "seed", "whole number");
    /* a key given twice anywhere: the reader would otherwise take the first silently */
    expect_bad_baseline(HEAD "\"seed\":2,\"replications\":0," STAFF "}", SIM_EINVAL, "seed",
                        "key given twice");
    expect_bad_baseline(HEAD "\"replications\":0,\"staffing\":{\"interval_s\":3600,"
                             "\"channels\":{\"phone\":" WEEK ",\"phone\":" WEEK "}}}",
                        SIM_EINVAL, "staffing.channels.phone", "key given twice");
    expect_bad_baseline(HEAD "\"replications\":0,\"staffing\":{\"interval_s\":3600,"
                             "\"channels\":{\"phone\":{\"mon\":" DAY ",\"mon\":" DAY "}}}}",
                        SIM_EINVAL, "staffing.channels.phone.mon", "key given twice");
}

/* Version 1 baselines (KPI names before 2026-12-03) are read when their KPIs kept name and
 * definition (staffing only, asa_s, occupancy); one holding a renamed or redefined KPI is
 * refused with a message naming it and what it is now. */
static void baseline_of_version_1_should_be_read_or_refused_with_the_new_name(void **state)
{
    (void)state;
    check_snapshot s;
    const char *staff_only = HEAD "\"replications\":0," STAFF "}";
    assert_int_equal(check_baseline_from_json(staff_only, strlen(staff_only), &s, NULL), SIM_OK);
    check_snapshot_fini(&s);
    const char *kept = HEAD "\"replications\":2," STAFF
                            ",\"kpis\":{\"channel.phone.asa_s\":3.5,"
                            "\"channel.phone.occupancy\":0.8}}";
    assert_int_equal(check_baseline_from_json(kept, strlen(kept), &s, NULL), SIM_OK);
    assert_int_equal(s.n_kpis, 2);
    check_snapshot_fini(&s);
    expect_bad_baseline(HEAD "\"replications\":2," STAFF
                             ",\"kpis\":{\"channel.phone.asa_s\":3.5,"
                             "\"channel.phone.service_level\":0.8}}",
                        SIM_EINVAL, "version",
                        "'channel.phone.service_level', named or defined differently since "
                        "the KPI names of 2026-12-03 (now service_level_per_answered_abandoned");
    expect_bad_baseline(HEAD "\"replications\":2," STAFF
                             ",\"kpis\":{\"channel.chat.abandon_rate\":0.05}}",
                        SIM_EINVAL, "version", "now abandoned_per_offered");
    expect_bad_baseline(HEAD "\"replications\":2," STAFF
                             ",\"kpis\":{\"total.offered\":100}}",
                        SIM_EINVAL, "version", "offered, redefined");
    /* the same names in a version 2 baseline are just names */
    const char *v2 = "{\"format\":\"omnisim-check-baseline\",\"version\":2,\"scenario\":\"t\","
                     "\"seed\":1,\"replications\":2," STAFF ",\"kpis\":{\"total.offered\":100}}";
    assert_int_equal(check_baseline_from_json(v2, strlen(v2), &s, NULL), SIM_OK);
    check_snapshot_fini(&s);
}

static void baseline_read_should_report_a_missing_file_as_io(void **state)
{
    (void)state;
    check_snapshot s;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(check_baseline_read("/nonexistent/base.json", &s, &err), SIM_EIO);
    assert_string_equal(err.path, "/nonexistent/base.json");
}

/* ---- staffing ----------------------------------------------------------------------------- */

static void staffing_should_be_the_fewest_agents_meeting_the_service_level(void **state)
{
    (void)state;
    scenario *scn = load_file(SHIPPED "/tiny-mmn.json", NULL, 0);
    check_snapshot s;
    check_snapshot_init(&s);
    assert_int_equal(check_snapshot_staff(&s, scn, NULL, NULL), SIM_OK);
    assert_string_equal(s.scenario, "tiny-mmn");
    assert_int_equal(s.n_channels, 1);
    assert_int_equal(s.intervals_per_day, 96);
    /* Flat demand 2400/day, AHT 300 s: load 8.33 Erlang, 80 % in 20 s. */
    double n = s.staff[0];
    for (size_t k = 0; k < 7 * 96; k++)
        assert_true(s.staff[k] == n);
    erlang_queue q;
    erlang_queue_init(&q);
    q.arrival_rate = 2400.0 / 86400.0;
    q.aht_s = 300.0;
    q.threshold_s = 20.0;
    erlang_result r;
    q.agents = n;
    assert_int_equal(erlang_eval(&q, &r, NULL), SIM_OK);
    assert_true(r.service_level >= 0.8);
    q.agents = n - 1;
    assert_int_equal(erlang_eval(&q, &r, NULL), SIM_OK);
    assert_true(r.service_level < 0.8);
    check_snapshot_fini(&s);
    scenario_free(scn);
}

static void staffing_should_be_zero_while_closed_and_skip_self_service(void **state)
{
    (void)state;
    scenario *scn = load_file(SHIPPED "/online-retailer-2017.json", NULL, 0);
    check_snapshot s;
    check_snapshot_init(&s);
    assert_int_equal(check_snapshot_staff(&s, scn, NULL, NULL), SIM_OK);
    size_t self = 0;
    for (size_t c = 0; c < scn->n_channels; c++)
        self += scn->channels[c].kind == SCENARIO_CHANNEL_SELF_SERVICE;
    assert_int_equal(s.n_channels, scn->n_channels - self);
    size_t phone = 0;
    while (phone < s.n_channels && strcmp(s.channels[phone], "phone") != 0)
        phone++;
    assert_true(phone < s.n_channels);
    /* Monday 03:00 is closed; Monday 10:00 is open and busy. */
    assert_true(s.staff[phone * 672 + 12] == 0.0);
    assert_true(s.staff[phone * 672 + 40] > 10.0);
    check_snapshot_fini(&s);
    scenario_free(scn);
}

/* ---- run limits --------------------------------------------------------------------------- */

static void limits_should_accept_the_shipped_scenarios_and_estimate_them(void **state)
{
    (void)state;
    scenario *scn = load_file(SHIPPED "/tiny-mmn.json", NULL, 0);
    limits_run_estimate est;
    assert_int_equal(limits_run_check(scn, 5, 0, NULL, &est, NULL), SIM_OK);
    assert_true(est.contacts_per_day == 2400.0);
    assert_true(est.contacts_per_rep == 2400.0 * 7);
    assert_true(est.contacts_total == 2400.0 * 7 * 5);
    assert_true(est.agents == 10.0);
    assert_true(est.intervals == 7 * 96.0);
    assert_true(est.memory_bytes > 0.0 && est.memory_bytes < 1e7);
    scenario_free(scn);
    const char *files[] = {"online-retailer-2017", "energy-outsourcing-sla",
                           "public-service-24-7", "retail-bank-unified-desk",
                           "telecom-generation-y"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[512];
        snprintf(path, sizeof path, SHIPPED "/%s.json", files[i]);
        scn = load_file(path, NULL, 0);
        assert_int_equal(limits_run_check(scn, scn->replications, 0, NULL, NULL, NULL), SIM_OK);
        scenario_free(scn);
    }
}

static void expect_refused(const scenario *scn, size_t reps, int folded,
                           const limits_run_caps *caps, const char *path, const char *fragment)
{
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(limits_run_check(scn, reps, folded, caps, NULL, &err), SIM_ELIMIT);
    if (strcmp(err.path, path) != 0 || strstr(err.message, fragment) == NULL)
        fail_msg("got '%s: %s', want '%s: ...%s...'", err.path, err.message, path, fragment);
}

static void limits_should_refuse_each_cap_naming_the_field(void **state)
{
    (void)state;
    scenario *scn = load_file(SHIPPED "/tiny-mmn.json", NULL, 0);
    limits_run_caps caps;
    limits_run_caps_default(&caps);
    caps.max_contacts_per_day = 1000;
    expect_refused(scn, 5, 0, &caps, "channels[].daily_volume", "limit of 1000 per day");
    limits_run_caps_default(&caps);
    caps.max_agents = 5;
    expect_refused(scn, 5, 0, &caps, "groups[].agents", "up to 10 agents");
    limits_run_caps_default(&caps);
    caps.max_contacts = 1000;
    expect_refused(scn, 5, 0, &caps, "horizon_days", "7 days x 5 replications");
    limits_run_caps_default(&caps);
    caps.max_memory_bytes = 1000;
    expect_refused(scn, 5, 0, &caps, "horizon_days", "GiB for per-interval results");
    scenario_free(scn);
}

/* The fluid backlog: tiny-mmn's 10 agents of 300 s serve 30 contacts per 15 minutes; 3000 a
 * day bring 31.25, so 1.25 more wait after each of the week's 672 intervals: 840. */
static void limits_backlog_should_follow_the_fluid_model(void **state)
{
    (void)state;
    limits_run_backlog_est bl;
    scenario *scn = load_file(SHIPPED "/tiny-mmn.json", NULL, 0);
    assert_int_equal(limits_run_backlog(scn, &bl, NULL), SIM_OK);
    assert_true(bl.peak == 0.0 && bl.channel == SCENARIO_NONE); /* 2400 < 2880 a day */
    scenario_free(scn);

    const char *over[] = {"channels.phone.daily_volume=3000"};
    scn = load_file(SHIPPED "/tiny-mmn.json", over, 1);
    assert_int_equal(limits_run_backlog(scn, &bl, NULL), SIM_OK);
    assert_true(fabs(bl.peak - (840.0)) < 1e-6);
    assert_true(fabs(bl.channel_backlog - (840.0)) < 1e-6);
    assert_int_equal(bl.channel, 0);
    assert_int_equal(bl.peak_interval, 7 * 96 - 1);
    assert_int_equal(bl.first_over, 0);
    limits_run_caps caps;
    limits_run_caps_default(&caps);
    assert_int_equal(limits_run_check(scn, 5, 0, &caps, NULL, NULL), SIM_OK);
    caps.max_in_system = 800;
    expect_refused(scn, 5, 0, &caps, "channels[0]",
                   "channel 'phone' is overloaded: arrivals exceed capacity from day 1 00:00; "
                   "backlog about 840 contacts by day 7 23:45 (840 in all channels), above the "
                   "limit of 800 in the system");
    scenario_free(scn);

    /* Patience bounds the queue at arrival rate x mean patience: 3000 / 86400 x 60 s. */
    const char *patient[] = {"channels.phone.daily_volume=3000",
                             "channels.phone.patience={\"mean_s\": 60}"};
    scn = load_file(SHIPPED "/tiny-mmn.json", patient, 2);
    assert_int_equal(limits_run_backlog(scn, &bl, NULL), SIM_OK);
    assert_true(fabs(bl.peak - (3000.0 / 86400.0 * 60.0)) < 1e-9);
    scenario_free(scn);

    /* Opening hours: a backlog open 08:00-20:00 gets its 2000 a day in the 48 open intervals
     * (no intraday shape: uniform over the open seconds) and is worked only then, 30 per
     * interval: 2000 - 1440 = 560 more a day, 3920 after the week, at the last open interval. */
    const char *deferred[] = {
        "channels.phone.kind=\"deferred\"", "channels.phone.daily_volume=2000",
        "channels.phone.hours={\"weekdays\": [[\"08:00\", \"20:00\"]], "
        "\"weekend\": [[\"08:00\", \"20:00\"]]}"};
    scn = load_file(SHIPPED "/tiny-mmn.json", deferred, 3);
    assert_int_equal(limits_run_backlog(scn, &bl, NULL), SIM_OK);
    assert_true(fabs(bl.peak - (3920.0)) < 1e-6);
    assert_int_equal(bl.peak_interval, 6 * 96 + 79);
    scenario_free(scn);
}

static void limits_should_refuse_absurd_combinations_the_loader_accepts(void **state)
{
    (void)state;
    /* Ten years of 15-minute intervals kept for 300 replications: about 24 GiB. */
    const char *ten_years[] = {"horizon_days=3660", "replications=300"};
    scenario *scn = load_file(SHIPPED "/tiny-mmn.json", ten_years, 2);
    expect_refused(scn, 300, 0, NULL, "horizon_days", "fold intervals onto one week");
    assert_int_equal(limits_run_check(scn, 300, 1, NULL, NULL, NULL), SIM_OK); /* --week */
    scenario_free(scn);

    /* 1e8 contacts a day is the loader's cap per channel; two channels pass it. */
    const char *two =
        "{\"name\":\"two\",\"channels\":["
        "{\"name\":\"a\",\"kind\":\"voice\",\"handle_time\":{\"mean_s\":300},"
        "\"daily_volume\":1e8,\"agents\":10},"
        "{\"name\":\"b\",\"kind\":\"voice\",\"handle_time\":{\"mean_s\":300},"
        "\"daily_volume\":1e8,\"agents\":10}]}";
    scn = load_text(two, NULL, 0);
    expect_refused(scn, 1, 0, NULL, "channels[].daily_volume", "2e+08 first contacts per day");
    scenario_free(scn);

    /* 100,000 agents is the loader's cap per group; eleven groups pass a million. */
    char many[4096];
    size_t used = (size_t)snprintf(many, sizeof many, "{\"name\":\"many\",\"channels\":[");
    for (int i = 0; i < 11; i++)
        used += (size_t)snprintf(many + used, sizeof many - used,
                                 "%s{\"name\":\"c%d\",\"kind\":\"voice\","
                                 "\"handle_time\":{\"mean_s\":300},\"daily_volume\":100,"
                                 "\"agents\":100000}",
                                 i > 0 ? "," : "", i);
    snprintf(many + used, sizeof many - used, "]}");
    scn = load_text(many, NULL, 0);
    expect_refused(scn, 1, 0, NULL, "groups[].agents", "1.1e+06 agents");
    scenario_free(scn);

    /* A year at 1e8 a day, 10 replications: 3.65e11 contacts, hours of work. */
    const char *year[] = {"channels[0].daily_volume=1e8", "horizon_days=365"};
    scn = load_file(SHIPPED "/tiny-mmn.json", year, 2);
    expect_refused(scn, 10, 1, NULL, "horizon_days", "first contacts to simulate");
    scenario_free(scn);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tolerance_should_parse_abs_rel_both_and_exact),
        cmocka_unit_test(tolerance_should_refuse_malformed_specs_with_a_message),
        cmocka_unit_test(tolerance_should_refuse_more_than_the_maximum),
        cmocka_unit_test(name_should_match_globs_and_dotted_prefixes),
        cmocka_unit_test(defaults_should_be_overridden_by_later_tolerances),
        cmocka_unit_test(compare_should_find_nothing_between_equal_snapshots),
        cmocka_unit_test(compare_should_flag_drift_beyond_and_keep_moves_within_tolerance),
        cmocka_unit_test(compare_should_report_missing_added_and_nan_changes_as_drift),
        cmocka_unit_test(compare_should_skip_kpis_when_the_run_has_none),
        cmocka_unit_test(baseline_should_read_back_bit_for_bit),
        cmocka_unit_test(baseline_should_refuse_every_malformed_file_naming_the_field),
        cmocka_unit_test(baseline_of_version_1_should_be_read_or_refused_with_the_new_name),
        cmocka_unit_test(baseline_read_should_report_a_missing_file_as_io),
        cmocka_unit_test(staffing_should_be_the_fewest_agents_meeting_the_service_level),
        cmocka_unit_test(staffing_should_be_zero_while_closed_and_skip_self_service),
        cmocka_unit_test(limits_should_accept_the_shipped_scenarios_and_estimate_them),
        cmocka_unit_test(limits_should_refuse_each_cap_naming_the_field),
        cmocka_unit_test(limits_backlog_should_follow_the_fluid_model),
        cmocka_unit_test(limits_should_refuse_absurd_combinations_the_loader_accepts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
