/* test_out_study.c -- the study commands' result tables (output/out_compare.h, out_sweep.h,
 * out_roadmap.h, out_simstaff.h, out_check.h).
 *
 * Every table passes out_rows_check (names, units, docs, one key per JSON object); the old
 * layout of a compare.json row, which held the key "policy" twice (the policy's name and
 * its interval), is refused by that check; and compare's files written from a result built
 * by hand: the CSV header and row as the command has always written them, the JSON row
 * with the name under "policy" and the interval under "policy_value"; out_study_write puts
 * both files in place and names the path it cannot write; sweep's files: the chosen KPI
 * columns in CSV (empty where a point lacks one), every KPI in JSON.
 */
#define _GNU_SOURCE
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <cjson/cJSON.h>

#include "out_check.h"
#include "out_compare.h"
#include "out_roadmap.h"
#include "out_rows.h"
#include "out_simstaff.h"
#include "out_sweep.h"

static void every_study_table_should_pass_the_check(void **state)
{
    (void)state;
    const out_rows_table *tables[] = {&out_compare_rows,  &out_compare_doc, &out_sweep_rows,
                                      &out_sweep_doc,     &out_roadmap_rows, &out_roadmap_doc,
                                      &out_simstaff_rows, &out_simstaff_doc, &out_check_doc};
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        sim_error err;
        sim_error_clear(&err);
        sim_status st = out_rows_check(tables[i], &err);
        if (st != SIM_OK)
            fail_msg("%s: %s", tables[i]->name, err.message);
    }
}

static void get_nothing(const out_rows_cursor *c, out_rows_value *v)
{
    (void)c;
    v->num = 0.0;
}

/* compare.json's rows before: {"policy": "name", ..., "policy": {"mean": ...}}. */
static void a_row_with_the_key_policy_twice_should_be_refused(void **state)
{
    (void)state;
    static const out_rows_field old_row[] = {
        {.name = "policy", .unit = "text", .doc = "the policy", .kind = OUT_ROWS_TEXT,
         .flags = OUT_ROWS_JSON_ONLY, .get = get_nothing},
        {.name = "kpi", .unit = "text", .doc = "the KPI", .kind = OUT_ROWS_TEXT,
         .get = get_nothing},
        {.name = "policy_ci", .unit = "KPI's", .doc = "the policy's interval",
         .kind = OUT_ROWS_CI, .flags = OUT_ROWS_JSON_ONLY, .get = get_nothing,
         .json_name = "policy"},
    };
    const out_rows_table t = {"old compare.json row", old_row, 3, NULL};
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(out_rows_check(&t, &err), SIM_EINVAL);
    assert_non_null(strstr(err.message, "JSON key 'policy' twice"));
}

static char *write_to_string(int (*fn)(FILE *, const void *), const void *arg)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_non_null(fp);
    assert_int_equal(fn(fp, arg), 0);
    assert_int_equal(fclose(fp), 0);
    return buf;
}


static int csv_of(FILE *fp, const void *arg)
{
    return out_rows_csv(fp, &out_compare_rows, arg);
}

static int json_of(FILE *fp, const void *arg)
{
    return out_rows_json_write(fp, &out_compare_doc, arg, 0);
}

static void compare_files_should_hold_one_key_per_member(void **state)
{
    (void)state;
    static scenario scn; /* large: not on the stack */
    snprintf(scn.name, sizeof scn.name, "tiny");
    snprintf(scn.source_path, sizeof scn.source_path, "t.json");
    char variants[2][POLICY_COMPARE_SPEC_MAX] = {"baseline", "more_agents"};
    policy_compare_row row;
    memset(&row, 0, sizeof row);
    row.policy = 1;
    snprintf(row.kpi, sizeof row.kpi, "channel.phone.asa_s");
    row.baseline = (sim_ci){4, 0.95, 20.0, 2.0, 18.0, 22.0};
    row.value = (sim_ci){4, 0.95, 12.5, 1.25, 11.25, 13.75};
    row.diff = (sim_ci){4, 0.95, -7.5, 0.75, -8.25, -6.75};
    row.significant = 1;
    row.target_half_width = NAN;
    row.counted = 0;
    policy_compare_result res;
    memset(&res, 0, sizeof res);
    res.n_variants = 2;
    res.variants = variants;
    res.n_reps = 4;
    res.level = 0.95;
    res.seed = 9007199254740993ull; /* 2^53 + 1: exact in the JSON */
    res.n_rounds = 1;
    res.n_rows = 1;
    res.rows = &row;
    policy_compare_options po;
    policy_compare_options_default(&po);
    out_compare o;
    out_compare_init(&o, &scn, &res, &po);

    char *csv = write_to_string(csv_of, &o);
    assert_string_equal(csv,
                        "policy,kpi,n,baseline_mean,baseline_lo,baseline_hi,policy_mean,policy_lo,"
                        "policy_hi,diff_mean,diff_lo,diff_hi,diff_half_width,significant,"
                        "target_half_width,counted\n"
                        "more_agents,channel.phone.asa_s,4,20,18,22,12.5,11.25,13.75,-7.5,-8.25,"
                        "-6.75,0.75,1,,0\n");
    free(csv);

    char *json = write_to_string(json_of, &o);
    assert_non_null(strstr(json, "9007199254740993"));
    cJSON *doc = cJSON_Parse(json);
    assert_non_null(doc);
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(doc, "command")->valuestring, "compare");
    assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(doc, "common_random_numbers")));
    cJSON *r0 = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(doc, "rows"), 0);
    assert_non_null(r0);
    size_t n_policy = 0;
    for (cJSON *m = r0->child; m != NULL; m = m->next)
        n_policy += strcmp(m->string, "policy") == 0;
    assert_int_equal(n_policy, 1);
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(r0, "policy")->valuestring,
                        "more_agents");
    cJSON *pv = cJSON_GetObjectItemCaseSensitive(r0, "policy_value");
    assert_non_null(pv);
    assert_true(cJSON_GetObjectItemCaseSensitive(pv, "mean")->valuedouble == 12.5);
    assert_true(cJSON_GetObjectItemCaseSensitive(pv, "half_width")->valuedouble == 1.25);
    assert_true(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(r0, "target_half_width")));
    cJSON_Delete(doc);
    free(json);

    /* out_study_write: both files, atomically; under a path that is a file, an error naming
     * it and no file */
    char dir[] = "/tmp/test_out_study_XXXXXX";
    assert_non_null(mkdtemp(dir));
    out_study_files files = out_compare_files(&o);
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(out_study_write(dir, &files, 0, &err), SIM_OK);
    assert_int_equal(out_study_write(dir, &files, 1, &err), SIM_OK);
    char path[128];
    struct stat sb;
    snprintf(path, sizeof path, "%s/compare.csv", dir);
    assert_int_equal(stat(path, &sb), 0);
    assert_true(sb.st_size > 0);
    unlink(path);
    snprintf(path, sizeof path, "%s/compare.json", dir);
    assert_int_equal(stat(path, &sb), 0);
    assert_true(sb.st_size > 0);
    char sub[160];
    snprintf(sub, sizeof sub, "%s/compare.json/x", dir); /* under a file */
    assert_int_not_equal(out_study_write(sub, &files, 1, &err), SIM_OK);
    assert_non_null(strstr(err.message, "compare.json"));
    unlink(path);
    assert_int_equal(rmdir(dir), 0);
}

static int sweep_csv_of(FILE *fp, const void *arg)
{
    return out_rows_csv(fp, &out_sweep_rows, arg);
}

static int sweep_json_of(FILE *fp, const void *arg)
{
    return out_rows_json_write(fp, &out_sweep_doc, arg, 0);
}

/* sweep.csv: the axis path as a column, the first point's chosen KPIs as columns (a KPI not
 * chosen is only in the JSON), a point lacking a column's KPI has empty fields; sweep.json
 * holds the axis values as numbers under "set" and every KPI under "kpis". */
static void sweep_files_should_hold_the_chosen_columns_and_every_kpi(void **state)
{
    (void)state;
    static scenario scn;
    snprintf(scn.name, sizeof scn.name, "tiny");
    char n0[2][CC_KPI_NAME_MAX] = {"channel.phone.asa_s", "not.a.column"};
    double v0[] = {10, 1, 14, 3};
    char n1[1][CC_KPI_NAME_MAX] = {"not.a.column"};
    double v1[] = {5, 7};
    study_sample samples[2] = {{2, n0, 2, 2, v0}, {1, n1, 2, 2, v1}};
    char values[2][SWEEP_MAX_AXES][SWEEP_VALUE_MAX] = {{"9"}, {"10"}};
    sweep_result res;
    memset(&res, 0, sizeof res);
    res.n_axes = 1;
    snprintf(res.axes[0].path, sizeof res.axes[0].path, "channels.phone.agents");
    res.axes[0].from = 9;
    res.axes[0].to = 10;
    res.axes[0].step = 1;
    res.axes[0].n_values = 2;
    res.n_points = 2;
    res.values = values;
    res.samples = samples;
    res.n_reps = 2;
    res.level = 0.95;
    res.seed = 3;
    out_sweep o;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(out_sweep_init(&o, &scn, &res, &err), SIM_OK);
    char *csv = write_to_string(sweep_csv_of, &o);
    sim_ci ci = study_sample_ci(&samples[0], 0, 0.95);
    char want[512];
    snprintf(want, sizeof want,
             "point,channels.phone.agents,n,channel.phone.asa_s_mean,channel.phone.asa_s_lo,"
             "channel.phone.asa_s_hi\n0,9,2,%.10g,%.10g,%.10g\n1,10,2,,,\n",
             ci.mean, ci.lo, ci.hi);
    assert_string_equal(csv, want);
    free(csv);
    char *json = write_to_string(sweep_json_of, &o);
    cJSON *doc = cJSON_Parse(json);
    assert_non_null(doc);
    cJSON *p1 = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(doc, "points"), 1);
    cJSON *set = cJSON_GetObjectItemCaseSensitive(p1, "set");
    assert_true(cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(set, "channels.phone.agents")));
    cJSON *kpis = cJSON_GetObjectItemCaseSensitive(p1, "kpis");
    assert_int_equal(cJSON_GetArraySize(kpis), 1);
    cJSON *k = cJSON_GetObjectItemCaseSensitive(kpis, "not.a.column");
    assert_true(cJSON_GetObjectItemCaseSensitive(k, "mean")->valuedouble == 6.0);
    assert_int_equal(cJSON_GetObjectItemCaseSensitive(k, "n")->valueint, 2);
    cJSON_Delete(doc);
    free(json);
    out_sweep_fini(&o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_study_table_should_pass_the_check),
        cmocka_unit_test(a_row_with_the_key_policy_twice_should_be_refused),
        cmocka_unit_test(compare_files_should_hold_one_key_per_member),
        cmocka_unit_test(sweep_files_should_hold_the_chosen_columns_and_every_kpi),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
