#!/usr/bin/env bash
# The whole test suite: build (if needed) and run every test through CTest.
# Usage: scripts/test.sh [extra ctest arguments]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${OMNISIM_BUILD_DIR:-$here/build}
"$here/scripts/build.sh"
ctest --test-dir "$build" --output-on-failure -j"$(nproc)" "$@"
