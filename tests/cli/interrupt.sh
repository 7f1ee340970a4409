#!/usr/bin/env bash
# Ctrl-C: SIGINT to a running `omnisim run` stops it with exit 130, says so on stderr, and
# leaves no file that looks complete but is not: no result files (nothing was finished), no
# trace, no temporary files. A run interrupted while writing lists the complete files.
# Usage: interrupt.sh OMNISIM SOURCE_DIR
set -u
omnisim=$1
. "$(dirname "$0")/lib.sh"

# A run long enough to be interrupted in the simulation (thousands of replications), with a
# trace being streamed. SIGINT is sent once the trace file is growing (the run is past set-up).
out=$tmp/run
"$omnisim" run -r 5000 -j 2 -o "$out" --trace "$out/trace.csv" >"$tmp/stdout" 2>"$tmp/stderr" &
pid=$!
for _ in $(seq 1 100); do
  ls -A "$out" 2>/dev/null | grep -q '^\.trace.csv.tmp' && break
  sleep 0.1
done
sleep 0.5
kill -INT "$pid"
wait "$pid"
rc=$?
[ "$rc" -eq 130 ] || fail "exit $rc after SIGINT, want 130 (stderr: $(cat "$tmp/stderr"))"
grep -q "interrupted" "$tmp/stderr" || fail "no 'interrupted' message: $(cat "$tmp/stderr")"
grep -q "no result files were written" "$tmp/stderr" || fail "the message does not say what was written"
for f in summary.json kpis.csv channels.csv intervals.csv trace.csv report.html; do
  [ ! -e "$out/$f" ] || fail "interrupted run left $f"
done
[ -z "$(ls -A "$out" 2>/dev/null | grep '^\.')" ] || fail "temporary files left: $(ls -A "$out")"
[ ! -s "$tmp/stdout" ] || fail "interrupted run printed results on stdout"

# The same without a trace, on one thread.
"$omnisim" run -r 5000 -j 1 -o "$tmp/run2" >"$tmp/stdout" 2>"$tmp/stderr" &
pid=$!
sleep 1.5
kill -INT "$pid"
wait "$pid"
rc=$?
[ "$rc" -eq 130 ] || fail "exit $rc after SIGINT (-j 1), want 130"
[ ! -e "$tmp/run2/summary.json" ] || fail "interrupted run (-j 1) left summary.json"

# An earlier run's complete files stay untouched when a later run into the same directory
# is interrupted.
"$omnisim" run -q -r 2 -o "$tmp/keep" --no-plots >/dev/null 2>&1 || fail "short run"
cp "$tmp/keep/kpis.csv" "$tmp/kpis.before"
"$omnisim" run -r 5000 -o "$tmp/keep" >/dev/null 2>"$tmp/stderr" &
pid=$!
sleep 1.5
kill -INT "$pid"
wait "$pid"
cmp -s "$tmp/keep/kpis.csv" "$tmp/kpis.before" || fail "an interrupted run changed an earlier kpis.csv"
[ -z "$(ls -A "$tmp/keep" | grep '^\.')" ] || fail "temporary files left in an existing directory"

[ "$fails" -eq 0 ] && echo "interrupt.sh: all checks passed"
[ "$fails" -eq 0 ]
