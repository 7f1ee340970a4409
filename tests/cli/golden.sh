#!/usr/bin/env bash
# Golden regression (STYLE 26): a small scenario with a fixed seed must reproduce the
# per-contact event trace and the result files in tests/golden/tiny-day byte for byte, on
# one thread and (results only; tracing runs on one thread) on two. A deliberate change of
# the model's behaviour regenerates them with scripts/update-golden.sh.
# Usage: golden.sh OMNISIM SOURCE_DIR
set -u
omnisim=$1
src=$2
gold="$src/tests/golden/tiny-day"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=/dev/null
. "$gold/args.sh"
fail=0
"$omnisim" run "$src/scenarios/tiny-mmn.json" "${golden_args[@]}" -j 1 -q --no-plots \
  -o "$tmp/one" --trace "$tmp/one/trace.csv" >/dev/null || { echo "FAIL run -j 1"; exit 1; }
"$omnisim" run "$src/scenarios/tiny-mmn.json" "${golden_args[@]}" -j 2 -q --no-plots \
  -o "$tmp/two" >/dev/null || { echo "FAIL run -j 2"; exit 1; }
for f in kpis.csv channels.csv intervals.csv trace.csv; do
  if ! cmp -s "$gold/$f" "$tmp/one/$f"; then
    echo "FAIL $f differs from tests/golden/tiny-day/$f (first lines of the diff):"
    diff "$gold/$f" "$tmp/one/$f" | head -8
    fail=1
  fi
done
for f in kpis.csv channels.csv intervals.csv; do
  cmp -s "$gold/$f" "$tmp/two/$f" || { echo "FAIL $f with -j 2 differs from the golden file"; fail=1; }
done
[ $fail -eq 0 ] && echo "ok   golden: trace ($(wc -l < "$gold/trace.csv") lines) and results identical, 1 and 2 threads"
[ $fail -eq 0 ] || echo "If the change of behaviour is deliberate: scripts/update-golden.sh build/omnisim"
exit $fail
