#!/usr/bin/env bash
# Regenerate the golden files in tests/golden/ after a deliberate change of the model's
# behaviour (review `git diff tests/golden` before committing: every changed number is a
# changed result). tests/cli/golden.sh compares a fresh run with them byte for byte.
# Usage: scripts/update-golden.sh [OMNISIM]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
omnisim=${1:-$here/build/omnisim}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# shellcheck source=/dev/null
. "$here/tests/golden/tiny-day/args.sh"
"$omnisim" run "$here/scenarios/tiny-mmn.json" "${golden_args[@]}" -j 1 -q --no-plots \
  -o "$out" --trace "$out/trace.csv" >/dev/null
for f in kpis.csv channels.csv intervals.csv trace.csv; do
  cp "$out/$f" "$here/tests/golden/tiny-day/$f"
done
echo "update-golden: wrote tests/golden/tiny-day/{kpis,channels,intervals,trace}.csv"
