#!/usr/bin/env bash
# Configure and build omnisim in ./build (Release, warnings as errors). Extra arguments go to
# cmake's configure step, e.g. scripts/build.sh -DOMNISIM_SANITIZE=ON.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${OMNISIM_BUILD_DIR:-$here/build}
cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=Release -DOMNISIM_WERROR=ON "$@" >/dev/null
cmake --build "$build" -j"$(nproc)"
