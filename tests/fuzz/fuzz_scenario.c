/* fuzz_scenario.c -- libFuzzer target for the scenario loader and the JSON position helpers.
 *
 * Built only with -DOMNISIM_FUZZ=ON and clang (tests/fuzz/CMakeLists.txt), with
 * -fsanitize=fuzzer,address,undefined; scripts/fuzz.sh runs it. What one input goes through
 * is fuzz_scenario_run.h, which the regression test tests/test_check_fuzz.c shares.
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_scenario_run.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    (void)fuzz_scenario_run(data, size);
    return 0;
}
