#!/usr/bin/env bash
# `omnisim simstaff`: exit codes, simstaff.csv/json with the documented columns, validation
# with no interval below target, identical files for 1 and 2 threads.
# Usage: simstaff.sh OMNISIM SOURCE_DIR
set -u
omnisim=$1
src=$2
. "$(dirname "$0")/lib.sh"
subcommand=simstaff
# one voice channel with abandonment and redials, hourly intervals, one day, 08:00-20:00
cat >"$tmp/s.json" <<'JSON'
{"name": "ss", "horizon_days": 1, "interval_s": 3600, "replications": 5, "seed": 3,
 "channels": [{"name": "phone", "kind": "voice", "handle_time": {"mean_s": 240},
   "patience": {"mean_s": 90}, "retrial": {"share": 0.5, "delay_mean_s": 300},
   "hours": {"all": [["08:00", "20:00"]]}, "daily_volume": 1500, "agents": 10}]}
JSON
expect 0 --help
expect 2 "$tmp/s.json" --confidence 2
expect 2 "$tmp/s.json" --validate-reps 1
expect 1 -q -o "$tmp/x" "$tmp/s.json" --group nosuch
expect 0 -q -j 1 -o "$tmp/one" "$tmp/s.json"
head -1 "$tmp/one/simstaff.csv" | grep -qx 'group,channel,weekday,interval,start,target,erlang_c_agents,sim_agents,sl_mean,sl_lcb,sl_n,val_mean,val_lo,val_hi,erlang_val_mean,erlang_val_lo,erlang_val_hi,unreachable' ||
  fail "simstaff.csv header: $(head -1 "$tmp/one/simstaff.csv")"
[ "$(wc -l <"$tmp/one/simstaff.csv")" -eq 169 ] || fail "simstaff.csv: want 7 x 24 rows + header"
grep -q '^phone,phone,mon,3,03:00,0.8,0,0,' "$tmp/one/simstaff.csv" || fail "closed hour not at 0 agents"
[ "$(json_get "$tmp/one/simstaff.json" 'd["converged"]')" = true ] || fail "not converged"
v='d["validation"]["simulation"]'
[ "$(json_get "$tmp/one/simstaff.json" "[$v[\"intervals_checked\"], $v[\"below_target\"]]")" = "[12, 0]" ] ||
  fail "validation: $(json_get "$tmp/one/simstaff.json" 'd["validation"]')"
printf '%s' "$out" | grep -q "agent-hours per week" || fail "no table on stdout"
expect 0 -q -j 2 -o "$tmp/two" "$tmp/s.json"
cmp -s "$tmp/one/simstaff.csv" "$tmp/two/simstaff.csv" || fail "simstaff.csv differs between 1 and 2 threads"
cmp -s "$tmp/one/simstaff.json" "$tmp/two/simstaff.json" || fail "simstaff.json differs between 1 and 2 threads"
[ "$fails" -eq 0 ] && echo "simstaff.sh: all checks passed"
exit $((fails > 0))
