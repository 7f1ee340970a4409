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
# Environment: OMNISIM_FUZZ_SECONDS sets SECONDS when no argument gives it. OMNISIM_FUZZ_MODE
# chooses the mode: "quick" (default: one process, SECONDS default 90, inputs up to 64 KiB)
# or "nightly" (for a nightly job: SECONDS default 3600, one fuzzing process per core with
# -fork, inputs up to 1 MiB, a 4 GiB RSS limit, and at the end the corpus minimised with
# -merge into build-fuzz/corpus-min, whose new inputs are candidates for
# tests/data/scenarios/fuzz/).
# Needs clang and libFuzzer: Debian's clang and libclang-rt-14-dev (scripts/setup-deps.sh
# --optional installs them).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
mode=${OMNISIM_FUZZ_MODE:-quick}
case $mode in
  quick) default_seconds=90 ;;
  nightly) default_seconds=3600 ;;
  *) echo "fuzz.sh: OMNISIM_FUZZ_MODE must be quick or nightly, got '$mode'" >&2; exit 2 ;;
esac
seconds=${1:-${OMNISIM_FUZZ_SECONDS:-$default_seconds}}
[[ $seconds =~ ^[1-9][0-9]*$ ]] || { echo "fuzz.sh: SECONDS must be a positive integer, got '$seconds'" >&2; exit 2; }
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
mode_flags=(-max_len=65536 -rss_limit_mb=2048)
if [ "$mode" = nightly ]; then
  mode_flags=(-max_len=1048576 -rss_limit_mb=4096 -fork="$(nproc)" -ignore_crashes=0)
fi
echo "fuzz.sh: fuzzing scenario_load_string and jsonpos for ${seconds}s ($mode mode)"
"$build/tests/fuzz/fuzz_scenario" "$build/corpus" "${seeds[@]}" \
  -dict="$here/tests/fuzz/scenario.dict" -max_total_time="$seconds" "${mode_flags[@]}" \
  -timeout=20 -print_final_stats=1 -artifact_prefix="$build/artifacts/" "$@"
if [ "$mode" = nightly ]; then
  rm -rf "$build/corpus-min" && mkdir -p "$build/corpus-min"
  "$build/tests/fuzz/fuzz_scenario" -merge=1 "$build/corpus-min" "$build/corpus" \
    -max_len=1048576 -rss_limit_mb=4096 -timeout=20 >/dev/null 2>&1
  echo "fuzz.sh: minimised corpus: $(ls "$build/corpus-min" | wc -l) inputs in $build/corpus-min"
fi
echo "fuzz.sh: no crash in ${seconds}s; corpus: $(ls "$build/corpus" | wc -l) inputs in $build/corpus"
