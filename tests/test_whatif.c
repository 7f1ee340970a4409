/* test_whatif.c -- one what-if of the workbench (models/study/whatif.h): the loader's errors
 * with their path, the replication bound, interruption, confinement of includes to the base
 * folder, and the paired difference (exactly 0 for the same document, refused when the two
 * runs are not paired). That a what-if equals `omnisim run` number for number is
 * tests/cli/serve.sh. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim_alloc.h"
#include "whatif.h"

static char *read_text(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static whatif_options tiny_options(size_t reps, uint64_t seed)
{
    whatif_options o;
    memset(&o, 0, sizeof o);
    o.base_dir = OMNISIM_SOURCE_DIR "/scenarios";
    o.replications = reps;
    o.use_seed = 1;
    o.seed = seed;
    o.threads = 2;
    return o;
}

static void test_same_document_differs_by_zero(void **state)
{
    (void)state;
    size_t len;
    char *doc = read_text(OMNISIM_SOURCE_DIR "/scenarios/tiny-mmn.json", &len);
    whatif_options o = tiny_options(6, 42);
    whatif_result a, b;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(whatif_run(doc, len, "a", &o, &a, NULL, &err), SIM_OK);
    assert_int_equal(whatif_run(doc, len, "b", &o, &b, NULL, &err), SIM_OK);
    assert_int_equal(a.n_reps, 6);
    assert_int_equal(a.seed, 42);
    size_t k = cc_summary_find(a.sum, "channel.phone.service_level_per_answered_abandoned");
    assert_true(k != SIZE_MAX);
    sim_ci d;
    assert_int_equal(whatif_paired_diff(&a, &b, a.sum->names[k], 0.95, &d, &err), SIM_OK);
    assert_int_equal(d.n, 6);
    assert_true(d.mean == 0.0 && d.lo == 0.0 && d.hi == 0.0);
    /* a seed of its own: not paired, refused */
    whatif_result c;
    o.seed = 43;
    assert_int_equal(whatif_run(doc, len, "c", &o, &c, NULL, &err), SIM_OK);
    assert_int_equal(whatif_paired_diff(&a, &c, a.sum->names[k], 0.95, &d, &err), SIM_EINVAL);
    assert_int_equal(whatif_paired_diff(&a, &b, "channel.nope.asa_s", 0.95, &d, &err),
                     SIM_EINVAL);
    whatif_result_fini(&a);
    whatif_result_fini(&b);
    whatif_result_fini(&c);
    free(doc);
}

/* fewer agents in b: the paired difference of the service level is negative and excludes 0 */
static void test_fewer_agents_lower_service(void **state)
{
    (void)state;
    size_t len;
    char *doc = read_text(OMNISIM_SOURCE_DIR "/scenarios/tiny-mmn.json", &len);
    whatif_options o = tiny_options(10, 7);
    whatif_result a, b;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(whatif_run(doc, len, "a", &o, &a, NULL, &err), SIM_OK);
    /* tiny-mmn's one group as fixed staffing: 2 agents fewer */
    const scenario_group *g = &a.scn->groups[0];
    char *set_doc = NULL;
    {
        char needle[64];
        snprintf(needle, sizeof needle, "\"agents\": %zu", (size_t)g->agents);
        char *at = strstr(doc, needle);
        assert_non_null(at);
        size_t head = (size_t)(at - doc);
        set_doc = malloc(len + 16);
        assert_non_null(set_doc);
        int n = snprintf(set_doc, len + 16, "%.*s\"agents\": %zu%s", (int)head, doc,
                         (size_t)g->agents - 2, at + strlen(needle));
        assert_true(n > 0);
    }
    assert_int_equal(whatif_run(set_doc, strlen(set_doc), "b", &o, &b, NULL, &err), SIM_OK);
    sim_ci d;
    assert_int_equal(whatif_paired_diff(&a, &b,
                                        "channel.phone.service_level_per_answered_abandoned",
                                        0.95, &d, &err),
                     SIM_OK);
    assert_true(d.hi < 0.0);
    whatif_result_fini(&a);
    whatif_result_fini(&b);
    free(set_doc);
    free(doc);
}

static void test_refusals(void **state)
{
    (void)state;
    size_t len;
    char *doc = read_text(OMNISIM_SOURCE_DIR "/scenarios/tiny-mmn.json", &len);
    whatif_result r;
    sim_error err;
    scenario_diag diag;

    /* a bad field: the loader's error with its JSON path */
    const char *bad = "{\"name\": \"x\", \"channels\": [{\"name\": \"phone\", \"kind\": "
                      "\"voice\", \"handle_time\": {\"distribution\": \"exponential\", "
                      "\"mean_s\": -1}}]}";
    whatif_options o = tiny_options(2, 1);
    scenario_diag_init(&diag);
    sim_error_clear(&err);
    assert_int_not_equal(whatif_run(bad, strlen(bad), "bad", &o, &r, &diag, &err), SIM_OK);
    int found = 0;
    for (size_t i = 0; i < scenario_diag_count(&diag); i++)
        found |= strcmp(scenario_diag_get(&diag, i)->path, "channels[0].handle_time.mean_s") == 0;
    assert_true(found);
    assert_null(r.scn);
    scenario_diag_fini(&diag);

    /* more replications than a what-if may ask for */
    o.replications = WHATIF_MAX_REPLICATIONS + 1;
    sim_error_clear(&err);
    assert_int_equal(whatif_run(doc, len, "big", &o, &r, NULL, &err), SIM_ELIMIT);
    assert_string_equal(err.path, "replications");

    /* interrupted before it starts */
    volatile sig_atomic_t stop = 1;
    o = tiny_options(4, 1);
    o.interrupted = &stop;
    sim_error_clear(&err);
    assert_int_equal(whatif_run(doc, len, "stopped", &o, &r, NULL, &err), SIM_EINTR);
    assert_null(r.reps);

    /* an include outside the base folder */
    const char *inc = "{\"include\": \"/etc/hostname\", \"name\": \"x\"}";
    o = tiny_options(2, 1);
    scenario_diag_init(&diag);
    sim_error_clear(&err);
    assert_int_not_equal(whatif_run(inc, strlen(inc), "inc", &o, &r, &diag, &err), SIM_OK);
    assert_true(scenario_diag_count(&diag) > 0);
    assert_non_null(strstr(scenario_diag_get(&diag, 0)->message, "include root"));
    scenario_diag_fini(&diag);
    free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_document_differs_by_zero),
        cmocka_unit_test(test_fewer_agents_lower_service),
        cmocka_unit_test(test_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
