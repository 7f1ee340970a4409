#!/usr/bin/env bash
# `omnisim sweep`: exit codes, sweep.csv rows and columns, the Cartesian product, a point
# equal to `omnisim compare`'s baseline with the same --set, identical files for 1 and 2
# threads. Usage: sweep.sh OMNISIM SOURCE_DIR
set -u
omnisim=$1
src=$2
tiny="$src/scenarios/tiny-mmn.json"
. "$(dirname "$0")/lib.sh"
subcommand=sweep
expect 0 --help
expect 2 "$tiny"                                    # no axis
expect 2 "$tiny" --set channels.phone.agents=10:9:1 # TO < FROM
expect 2 "$tiny" --set channels.phone.agents=1:2:0  # STEP 0
expect 2 "$tiny" --set channels.phone.agents=10:11:1 --set channels.phone.agents=12:13:1 # one field twice
printf '%s' "$err" | grep -q "axis channels.phone.agents given twice" || fail "duplicate axis: $err"
expect 1 -q -o "$tmp/x" "$tiny" --set channels.phone.agents=9:10:0.5  # 9.5 agents: invalid

expect 0 -q -r 3 -j 1 -o "$tmp/one" "$tiny" --set channels.phone.agents=9:12:1 \
  --set channels.phone.handle_time.mean_s=280:300:20
[ "$(wc -l <"$tmp/one/sweep.csv")" -eq 9 ] || fail "sweep.csv: want 8 points + header, got $(wc -l <"$tmp/one/sweep.csv")"
head -1 "$tmp/one/sweep.csv" | grep -q '^point,channels.phone.agents,channels.phone.handle_time.mean_s,n,' ||
  fail "sweep.csv header: $(head -1 "$tmp/one/sweep.csv")"
head -1 "$tmp/one/sweep.csv" | grep -q ',channel.phone.service_level_per_answered_abandoned_mean,channel.phone.service_level_per_answered_abandoned_lo,channel.phone.service_level_per_answered_abandoned_hi,' ||
  fail "sweep.csv lacks the service-level columns"
sed -n 2p "$tmp/one/sweep.csv" | grep -q '^0,9,280,3,' || fail "first point: $(sed -n 2p "$tmp/one/sweep.csv")"
sed -n 3p "$tmp/one/sweep.csv" | grep -q '^1,9,300,3,' || fail "second point (last axis fastest)"
[ -s "$tmp/one/sweep.json" ] || fail "no sweep.json"
expect 0 -q -r 3 -j 2 -o "$tmp/two" "$tiny" --set channels.phone.agents=9:12:1 \
  --set channels.phone.handle_time.mean_s=280:300:20
cmp -s "$tmp/one/sweep.csv" "$tmp/two/sweep.csv" || fail "sweep.csv differs between 1 and 2 threads"

# A point equals the scenario run alone with that override: `omnisim run --set
# channels.phone.agents=11` has the same phone service level as the sweep's point (both
# print 10 significant digits).
expect 0 -q -r 3 -o "$tmp/s1" "$tiny" --set channels.phone.agents=10:11:1
sl_sweep=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "channel.phone.service_level_per_answered_abandoned_mean") c = i }
                    $2 == "11" { print $c }' "$tmp/s1/sweep.csv")
"$omnisim" run -q -r 3 -o "$tmp/r1" "$tiny" --set channels.phone.agents=11 >/dev/null 2>&1 ||
  fail "omnisim run failed"
if [ -s "$tmp/r1/kpis.csv" ]; then
  sl_run=$(awk -F, '$1 == "channel.phone.service_level_per_answered_abandoned" { print $2 }' "$tmp/r1/kpis.csv")
  [ -n "$sl_sweep" ] && [ -n "$sl_run" ] || fail "missing values: sweep '$sl_sweep' run '$sl_run'"
  awk -v a="$sl_sweep" -v b="$sl_run" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d < 1e-9) }' ||
    fail "sweep point SL $sl_sweep differs from the scenario run alone $sl_run"
fi
[ "$fails" -eq 0 ] && echo "sweep.sh: all checks passed"
exit $((fails > 0))
