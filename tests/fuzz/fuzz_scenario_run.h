/* fuzz_scenario_run.h -- one fuzz input through the scenario loader; shared by the libFuzzer
 * target (fuzz_scenario.c) and the regression test of saved inputs (tests/test_check_fuzz.c),
 * so that a crash file replays through exactly the code that found it.
 *
 * fuzz_scenario_run feeds arbitrary bytes to jsonpos_check, jsonpos_find, jsonpos_line_col
 * and scenario_load_string (the whole pipeline: pre-check, cJSON, includes, overrides, schema,
 * conversion), then, for a scenario that loads, to scenario_load_derive and limits_run_check. It
 * returns the loader's status (SIM_EINVAL for a skipped input). Only "never crash, never leak,
 * never read out of bounds, never hang" is checked; tests/test_scenario.c checks messages.
 *
 * Input layout: the bytes up to the first NUL are the scenario text (NOT NUL-terminated: the
 * loader must stay within its length). The bytes after it, if any, are split at '\n' into up
 * to 8 overrides: a line starting with '@' names a policy (--policy), any other line is a
 * "PATH=VALUE" override (--set); the first line is also used as a jsonpos_find path.
 *
 * Hermeticity: includes are resolved relative to tests/data/scenarios/include (so the fuzzer
 * can reach real included files); inputs naming /dev/, /proc/ or /sys/ are skipped, since a
 * FIFO or an endless device would only measure the operating system.
 */
#ifndef FUZZ_SCENARIO_RUN_H
#define FUZZ_SCENARIO_RUN_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jsonpos.h"
#include "limits_run.h"
#include "scenario.h"
#include "scenario_load.h"

#ifndef OMNISIM_SOURCE_DIR
#define OMNISIM_SOURCE_DIR "."
#endif

#define FUZZ_MAX_OVERRIDES 8

static inline int fuzz_mentions(const uint8_t *data, size_t size, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= size; i++) {
        if (memcmp(data + i, needle, n) == 0)
            return 1;
    }
    return 0;
}

static inline sim_status fuzz_scenario_run(const uint8_t *data, size_t size)
{
    if (fuzz_mentions(data, size, "/dev/") || fuzz_mentions(data, size, "/proc/") ||
        fuzz_mentions(data, size, "/sys/"))
        return SIM_EINVAL;

    const uint8_t *nul = memchr(data, 0, size);
    size_t text_len = nul != NULL ? (size_t)(nul - data) : size;
    /* An exact-size copy so that ASan catches any read past the text's end. */
    char *text = malloc(text_len > 0 ? text_len : 1);
    if (text == NULL)
        return SIM_ENOMEM;
    memcpy(text, data, text_len);

    /* The overrides: a NUL-terminated copy of the tail, cut at newlines. */
    char *tail = NULL;
    const char *policies[FUZZ_MAX_OVERRIDES], *sets[FUZZ_MAX_OVERRIDES];
    size_t n_policies = 0, n_sets = 0;
    const char *first_line = NULL;
    if (nul != NULL) {
        size_t tail_len = size - text_len - 1;
        tail = malloc(tail_len + 1);
        if (tail == NULL) {
            free(text);
            return SIM_ENOMEM;
        }
        memcpy(tail, nul + 1, tail_len);
        tail[tail_len] = '\0';
        char *line = tail;
        while (line != NULL && n_policies + n_sets < FUZZ_MAX_OVERRIDES) {
            char *nl = strchr(line, '\n');
            if (nl != NULL)
                *nl = '\0';
            if (first_line == NULL)
                first_line = line;
            if (line[0] == '@')
                policies[n_policies++] = line + 1;
            else
                sets[n_sets++] = line;
            line = nl != NULL ? nl + 1 : NULL;
        }
    }

    /* The position helpers on the raw text: total functions, whatever the bytes. */
    size_t off = 0;
    char msg[256];
    (void)jsonpos_check(text, text_len, SCENARIO_MAX_DEPTH, SCENARIO_MAX_VALUES, &off, msg,
                        sizeof msg);
    int line = 0, column = 0;
    jsonpos_line_col(text, text_len, off, &line, &column);
    (void)jsonpos_find(text, text_len, first_line != NULL ? first_line : "channels[0].name",
                       &off);
    jsonpos_line_col(text, text_len, off, &line, &column);
    (void)jsonpos_find(text, text_len, "include[1]", &off);

    /* The loader, then what a command does with a loaded scenario. */
    scenario_load_opts opts = {policies, n_policies, sets, n_sets,
                               OMNISIM_SOURCE_DIR "/tests/data/scenarios/include", NULL, 0};
    scenario_diag diag;
    scenario_diag_init(&diag);
    scenario *scn = NULL;
    sim_status status = scenario_load_string(text, text_len, "<fuzz>", &opts, &scn, &diag);
    if (status == SIM_OK) {
        limits_run_estimate est;
        sim_error err;
        sim_error_clear(&err);
        (void)limits_run_check(scn, scn->replications, 0, NULL, &est, &err);
        scenario *again = NULL;
        scenario_diag_fini(&diag);
        scenario_diag_init(&diag);
        if (scenario_load_derive(scn, NULL, &again, &diag) == SIM_OK)
            scenario_free(again);
    }
    scenario_free(scn);
    scenario_diag_fini(&diag);
    free(tail);
    free(text);
    return status;
}

#endif /* FUZZ_SCENARIO_RUN_H */
