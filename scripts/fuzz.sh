#!/usr/bin/env bash
# Fuzz the scenario loader (tests/fuzz/fuzz_scenario.c) with libFuzzer for a bounded time.
# Builds ./build-fuzz with clang and -DOMNISIM_FUZZ=ON (coverage + ASan + UBSan), replays the
# seed corpus (scenarios/, tests/data/scenarios/, and the regression inputs in
# tests/data/scenarios/fuzz/), then fuzzes for SECONDS (default 90). New interesting inputs go
# to build-fuzz/corpus (kept between runs); a crash, leak, timeout or out-of-memory input is
# written to build-fuzz/artifacts/ and the script exits non-zero. To turn a crash into a
# regression test: fix it, then copy the artifact into tests/data/scenarios/fuzz/ (the
# cmocka test test_check_fuzz loads every file there).
# Usage: scripts/fuzz.sh [SECONDS] [extra libFuzzer flags]
# Needs clang and libFuzzer: Debian's clang and libclang-rt-14-dev (scripts/setup-deps.sh
# --optional installs them).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-90}
[ $# -gt 0 ] && shift
build=${OMNISIM_FUZZ_BUILD_DIR:-$here/build-fuzz}
cc=${CC_FUZZ:-clang}
command -v "$cc" >/dev/null || { echo "fuzz.sh: $cc not found (scripts/setup-deps.sh --optional installs it)" >&2; exit 2; }
# Warnings are not errors here: clang warns about things gcc does not, and the CI build with
# -Werror is the gcc one.
cmake -S "$here" -B "$build" -DCMAKE_C_COMPILER="$cc" -DOMNISIM_FUZZ=ON -DOMNISIM_WERROR=OFF \
  -DOMNISIM_MPI=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"$(nproc)" --target fuzz_scenario
mkdir -p "$build/corpus" "$build/artifacts"
seeds=("$here/scenarios" "$here/tests/data/scenarios" "$here/tests/data/scenarios/bad"
       "$here/tests/data/scenarios/include" "$here/tests/data/scenarios/fuzz")
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
echo "fuzz.sh: fuzzing scenario_load_string and jsonpos for ${seconds}s"
"$build/tests/fuzz/fuzz_scenario" "$build/corpus" "${seeds[@]}" \
  -dict="$here/tests/fuzz/scenario.dict" -max_total_time="$seconds" -rss_limit_mb=2048 \
  -timeout=20 -max_len=65536 -print_final_stats=1 -artifact_prefix="$build/artifacts/" "$@"
echo "fuzz.sh: no crash in ${seconds}s; corpus: $(ls "$build/corpus" | wc -l) inputs in $build/corpus"
