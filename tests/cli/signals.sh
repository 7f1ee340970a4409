#!/usr/bin/env bash
# SIGINT, SIGTERM and SIGHUP stop a run within about a second even inside one long
# replication (the event loop reads the flag), exit 128 + the signal (130, 143, 129) with a
# message naming it, and leave no result file and no temporary file. A temporary left by a
# run killed with SIGKILL is removed by the next run writing the same file. Every wait is
# bounded: a run that ignores the signal is killed after 20 s and counts as a failure.
# Usage: signals.sh OMNISIM SOURCE_DIR
set -u
omnisim=$1
src=$2
. "$(dirname "$0")/lib.sh"

now() { date +%s.%N; }

# wait_bounded PID SECONDS: the exit status of PID, or 255 after killing it when it is still
# running SECONDS later.
wait_bounded() {
  local pid=$1 limit=$2 i
  for i in $(seq 1 $((limit * 20))); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    return 255
  fi
  wait "$pid"
}

# One replication of ten years of the default scenario: minutes of simulation in one task,
# so only the event loop's check can stop it in time.
long=(-r 1 -j 1 --no-plots --set horizon_days=3660)

for sig in INT TERM HUP; do
  case $sig in INT) want=130 ;; TERM) want=143 ;; HUP) want=129 ;; esac
  out=$tmp/run-$sig
  "$omnisim" run "${long[@]}" -o "$out" >"$tmp/stdout" 2>"$tmp/stderr" &
  pid=$!
  sleep 1.5
  t0=$(now)
  kill -"$sig" "$pid"
  wait_bounded "$pid" 20
  rc=$?
  t1=$(now)
  took=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
  [ "$rc" -eq "$want" ] || fail "run: exit $rc after SIG$sig, want $want (stderr: $(cat "$tmp/stderr"))"
  awk -v t="$took" 'BEGIN { exit !(t < 2.0) }' || fail "run: SIG$sig took $took s to stop, want < 2 s"
  grep -q "interrupted by SIG$sig during the simulation; no result files were written" "$tmp/stderr" ||
    fail "run: no message naming SIG$sig: $(cat "$tmp/stderr")"
  [ ! -e "$out/summary.json" ] || fail "run: SIG$sig left summary.json"
  [ -z "$(ls -A "$out" 2>/dev/null | grep '^\.')" ] || fail "run: SIG$sig left temporary files: $(ls -A "$out")"
  echo "ok   run stops on SIG$sig in $took s with exit $rc"
done

# A study command (the runner and the event loop through study_run): SIGTERM in compare.
"$omnisim" compare -r 2 -j 1 --policy unified_desk --set horizon_days=3660 -o "$tmp/cmp" >"$tmp/stdout" 2>"$tmp/stderr" &
pid=$!
sleep 1.5
kill -TERM "$pid"
wait_bounded "$pid" 20
rc=$?
[ "$rc" -eq 143 ] || fail "compare: exit $rc after SIGTERM, want 143 (stderr: $(cat "$tmp/stderr"))"
grep -q "interrupted by SIGTERM; no result files were written" "$tmp/stderr" ||
  fail "compare: no message naming SIGTERM: $(cat "$tmp/stderr")"

# The CI gate: SIGTERM (a job cancelled or timed out) while `check --update` simulates.
"$omnisim" check "$src/scenarios/online-retailer-2017.json" --baseline "$tmp/gate.json" --update -r 1 -j 1 --set horizon_days=3660 >"$tmp/stdout" 2>"$tmp/stderr" &
pid=$!
sleep 1.5
kill -TERM "$pid"
wait_bounded "$pid" 20
rc=$?
[ "$rc" -eq 143 ] || fail "check: exit $rc after SIGTERM, want 143 (stderr: $(cat "$tmp/stderr"))"
grep -q "omnisim check: interrupted by SIGTERM; nothing was written" "$tmp/stderr" ||
  fail "check: no message naming SIGTERM: $(cat "$tmp/stderr")"
[ ! -e "$tmp/gate.json" ] || fail "check: an interrupted --update wrote a baseline"

# A trace being streamed: SIGTERM discards it and leaves no temporary.
out=$tmp/traced
"$omnisim" run -r 1 -j 1 --no-plots --set horizon_days=3660 -o "$out" --trace "$out/trace.csv" >"$tmp/stdout" 2>"$tmp/stderr" &
pid=$!
for _ in $(seq 1 100); do
  ls -A "$out"/.omnisim-stage.* 2>/dev/null | grep -q '^\.trace.csv.tmp' && break
  sleep 0.1
done
kill -TERM "$pid"
wait_bounded "$pid" 20
rc=$?
[ "$rc" -eq 143 ] || fail "traced run: exit $rc after SIGTERM, want 143"
[ -z "$(ls -A "$out" 2>/dev/null)" ] || fail "traced run: SIGTERM left files: $(ls -A "$out")"

# SIGKILL cannot be caught: the run's stage stays behind with the trace's temporary in it
# (named with the dead PID), and the next run writing the directory removes it.
out=$tmp/killed
"$omnisim" run -r 1 -j 1 --no-plots --set horizon_days=3660 -o "$out" --trace "$out/trace.csv" >"$tmp/stdout" 2>"$tmp/stderr" &
pid=$!
for _ in $(seq 1 100); do
  ls -A "$out"/.omnisim-stage.* 2>/dev/null | grep -q '^\.trace.csv.tmp' && break
  sleep 0.1
done
kill -KILL "$pid"
wait "$pid" 2>/dev/null
left=$(ls -A "$out/.omnisim-stage.$pid" 2>/dev/null | grep "^\.trace\.csv\.tmp\.$pid\.")
[ -n "$left" ] || fail "no temporary of the killed run to clean up (found: $(ls -A "$out" "$out"/.omnisim-stage.* 2>&1))"
"$omnisim" run -q -r 1 --no-plots --set horizon_days=1 -o "$out" --trace "$out/trace.csv" >/dev/null 2>"$tmp/stderr" ||
  fail "run after a killed run: $(cat "$tmp/stderr")"
[ -z "$(ls -A "$out" | grep '^\.')" ] || fail "the killed run's temporary was not removed: $(ls -A "$out")"
[ -s "$out/trace.csv" ] || fail "the second run wrote no trace"

# A stale temporary of a result file (a writer killed between create and rename) goes too.
dead_pid=$(sh -c 'echo $$')
: >"$out/.pools.csv.tmp.$dead_pid.Ab3dEf"
"$omnisim" run -q -r 1 --no-plots --set horizon_days=1 -o "$out" >/dev/null 2>&1 || fail "short run"
[ ! -e "$out/.pools.csv.tmp.$dead_pid.Ab3dEf" ] || fail "a stale .pools.csv temporary was not removed"

[ "$fails" -eq 0 ] && echo "signals.sh: all checks passed"
[ "$fails" -eq 0 ]
