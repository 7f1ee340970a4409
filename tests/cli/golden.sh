#!/usr/bin/env bash
# Golden regression (STYLE 26): each small scenario with a fixed seed in tests/golden/NAME
# (args.sh names the scenario and the options) must reproduce the per-contact event trace
# and the result files byte for byte, on one thread and (results only; tracing runs on one
# thread) on two. tiny-day is an M/M/n queue; life-cycle takes every path of a contact's
# life. A deliberate change of the model's behaviour regenerates them with
# scripts/update-golden.sh.
# Usage: golden.sh OMNISIM SOURCE_DIR
set -u
omnisim=$1
src=$2
. "$(dirname "$0")/lib.sh"
fail=0
n=0
for args in "$src"/tests/golden/*/args.sh; do
  gold=$(dirname "$args")
  name=$(basename "$gold")
  golden_scenario= golden_args=()
  # shellcheck source=/dev/null
  . "$args"
  n=$((n + 1))
  one="$tmp/$name/one" two="$tmp/$name/two"
  "$omnisim" run "$src/$golden_scenario" "${golden_args[@]}" -j 1 -q --no-plots \
    -o "$one" --trace "$one/trace.csv" >/dev/null || { echo "FAIL $name: run -j 1"; fail=1; continue; }
  "$omnisim" run "$src/$golden_scenario" "${golden_args[@]}" -j 2 -q --no-plots \
    -o "$two" >/dev/null || { echo "FAIL $name: run -j 2"; fail=1; continue; }
  bad=0
  for f in kpis.csv channels.csv intervals.csv trace.csv; do
    if ! cmp -s "$gold/$f" "$one/$f"; then
      echo "FAIL $f differs from tests/golden/$name/$f (first lines of the diff):"
      diff "$gold/$f" "$one/$f" | head -8
      bad=1
    fi
  done
  for f in kpis.csv channels.csv intervals.csv; do
    cmp -s "$gold/$f" "$two/$f" ||
      { echo "FAIL $f with -j 2 differs from tests/golden/$name/$f"; bad=1; }
  done
  [ $bad -eq 0 ] &&
    echo "ok   golden $name: trace ($(wc -l < "$gold/trace.csv") lines) and results identical, 1 and 2 threads"
  [ $bad -eq 0 ] || fail=1
done
[ $n -ge 2 ] || { echo "FAIL expected at least two golden runs in tests/golden, found $n"; fail=1; }
[ $fail -eq 0 ] || echo "If the change of behaviour is deliberate: scripts/update-golden.sh build/omnisim"
exit $fail
