#!/usr/bin/env bash
# One command from a fresh Debian machine to real results: install the packages omnisim
# needs, build it, and run the main job (the built-in default scenario) into ./omnisim-out.
# Idempotent: run it again and it only rebuilds what changed.
# Usage: scripts/setup.sh [extra arguments for `omnisim run`]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/setup-deps.sh"
"$here/scripts/build.sh"
echo "setup: running the default scenario (omnisim run -o omnisim-out $*)"
"$here/build/omnisim" run -o "$here/omnisim-out" "$@"
echo "setup: results are in $here/omnisim-out"
