/* test_scenario_util.h -- load a scenario from JSON text in a test: print every diagnostic
 * on failure and fail the test. Include after <cmocka.h>. */
#ifndef TEST_SCENARIO_UTIL_H
#define TEST_SCENARIO_UTIL_H

#include <stdio.h>
#include <string.h>

#include "scenario.h"
#include "scenario_load.h"

/* A flat day shape written out (for "intraday" or "demand.intraday"): volume around the
 * clock, closed hours included. Without a shape the loader spreads each day's volume over the
 * channel's opening hours instead (scenario.h, open_profile). 24 values for one-hour
 * intervals, 96 for the default 15 minutes. */
#define TEST_ONES8 "1, 1, 1, 1, 1, 1, 1, 1"
#define TEST_FLAT_24 "[" TEST_ONES8 ", " TEST_ONES8 ", " TEST_ONES8 "]"
#define TEST_ONES48 TEST_ONES8 ", " TEST_ONES8 ", " TEST_ONES8 ", " TEST_ONES8 ", " TEST_ONES8 \
                    ", " TEST_ONES8
#define TEST_FLAT_96 "[" TEST_ONES48 ", " TEST_ONES48 "]"

static inline scenario *test_scenario_load(const char *json)
{
    scenario *scn = NULL;
    scenario_diag diag;
    scenario_diag_init(&diag);
    sim_status st = scenario_load_string(json, strlen(json), "<test>", NULL, &scn, &diag);
    if (st != SIM_OK) {
        char buf[1024];
        for (size_t i = 0; i < scenario_diag_count(&diag); i++)
            fprintf(stderr, "%s\n",
                    scenario_diag_format(scenario_diag_get(&diag, i), buf, sizeof buf));
    }
    scenario_diag_fini(&diag);
    assert_int_equal(st, SIM_OK);
    return scn;
}

/* test_scenario_load with data files (and includes) relative to dir. */
static inline scenario *test_scenario_load_in(const char *json, const char *dir)
{
    scenario *scn = NULL;
    scenario_diag diag;
    scenario_diag_init(&diag);
    scenario_load_opts o = {0};
    o.base_dir = dir;
    sim_status st = scenario_load_string(json, strlen(json), "<test>", &o, &scn, &diag);
    char buf[1024];
    for (size_t i = 0; i < scenario_diag_count(&diag); i++)
        fprintf(stderr, "%s\n", scenario_diag_format(scenario_diag_get(&diag, i), buf, sizeof buf));
    scenario_diag_fini(&diag);
    assert_int_equal(st, SIM_OK);
    return scn;
}

#endif /* TEST_SCENARIO_UTIL_H */
