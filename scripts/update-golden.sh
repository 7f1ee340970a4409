#!/usr/bin/env bash
# Regenerate the golden files in tests/golden/ after a deliberate change of the model's
# behaviour (review `git diff tests/golden` before committing: every changed number is a
# changed result). tests/cli/golden.sh compares a fresh run with them byte for byte.
# Each tests/golden/NAME/args.sh names the scenario (golden_scenario, relative to the
# source tree) and the options (golden_args) of one golden run.
# Usage: scripts/update-golden.sh [OMNISIM]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
omnisim=${1:-$here/build/omnisim}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for args in "$here"/tests/golden/*/args.sh; do
  gold=$(dirname "$args")
  name=$(basename "$gold")
  golden_scenario= golden_args=()
  # shellcheck source=/dev/null
  . "$args"
  "$omnisim" run "$here/$golden_scenario" "${golden_args[@]}" -j 1 -q --no-plots \
    -o "$out/$name" --trace "$out/$name/trace.csv" >/dev/null
  for f in kpis.csv channels.csv intervals.csv trace.csv; do
    cp "$out/$name/$f" "$gold/$f"
  done
  echo "update-golden: wrote tests/golden/$name/{kpis,channels,intervals,trace}.csv"
done
