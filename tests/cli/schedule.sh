#!/usr/bin/env bash
# omnisim schedule: exit codes, tables, JSON, and the files it writes (docs/scheduling.md).
# Usage: schedule.sh OMNISIM SOURCE_DIR
set -u
omnisim=$1
src=$2
fail=0
. "$(dirname "$0")/lib.sh"
expect() { # expect NAME FILE PATTERN (this test's own: it replaces lib.sh's expect)
  if grep -q -- "$3" "$2"; then echo "ok   $1"; else echo "FAIL $1: no '$3' in $2"; head -5 "$2"; fail=1; fi
}

# A one-channel scenario with two templates, open weekdays 08:00-18:00.
cat >"$tmp/s.json" <<'JSON'
{
  "name": "shift-test",
  "description": "Test scenario for omnisim schedule.",
  "horizon_days": 7,
  "replications": 3,
  "seed": 7,
  "channels": [
    {"name": "phone", "kind": "voice",
     "handle_time": {"distribution": "exponential", "mean_s": 300},
     "patience": {"distribution": "exponential", "mean_s": 120},
     "service_level": {"target": 0.8, "threshold_s": 20},
     "daily_volume": 1500,
     "hours": {"weekdays": [["08:00", "18:00"]], "weekend": []}}
  ],
  "groups": [
    {"name": "agents", "skills": ["phone"], "staffing": "fixed", "agents": 10,
     "shrinkage": 0.2, "cost_per_hour_eur": 30}
  ],
  "shifts": [
    {"name": "day", "group": "agents", "starts": ["08:00", "09:00", "10:00"], "length_s": 28800,
     "days": ["mon", "tue", "wed", "thu", "fri"],
     "breaks": [{"earliest_start_s": 10800, "latest_start_s": 16200, "length_s": 1800}]},
    {"name": "part", "group": "agents", "starts": ["08:00", "12:00", "14:00"], "length_s": 14400,
     "days": ["mon", "tue", "wed", "thu", "fri"], "max_count": 50}
  ]
}
JSON

check "help exits 0" 0 "$omnisim" schedule --help
expect "help is on stdout" "$tmp/out" "usage: omnisim schedule"
check "unknown option exits 2" 2 "$omnisim" schedule --nope
expect "unknown option is named" "$tmp/err" "unknown option '--nope'"
check "bad budget exits 2" 2 "$omnisim" schedule "$tmp/s.json" --budget abc
check "zero time limit exits 2" 2 "$omnisim" schedule "$tmp/s.json" --time-limit 0
check "missing value exits 2" 2 "$omnisim" schedule "$tmp/s.json" --time-limit
check "unknown group exits 2" 2 "$omnisim" schedule "$tmp/s.json" --group nosuch
check "missing scenario file exits 1" 1 "$omnisim" schedule "$tmp/none.json" -q

check "schedule exits 0" 0 "$omnisim" schedule "$tmp/s.json" -o "$tmp/o1" -q
expect "status is printed" "$tmp/out" "group agents: optimal"
expect "shifts are printed" "$tmp/out" "template"
expect "coverage is printed" "$tmp/out" "scheduled"
expect "capacity is printed" "$tmp/out" "capacity:"
expect "simulated service level is printed" "$tmp/out" "simulated service level"
for f in schedule.csv coverage.csv capacity.csv service.csv; do
  if [ -s "$tmp/o1/$f" ]; then echo "ok   $f written"; else echo "FAIL $f missing"; fail=1; fi
done
if ls -a "$tmp/o1" | grep -Evq '^(\.|\.\.|schedule\.csv|coverage\.csv|capacity\.csv|service\.csv|manifest\.json)$'; then
  echo "FAIL temporary files left in the output directory"; ls -a "$tmp/o1"; fail=1
else
  echo "ok   no temporary files left"
fi
expect "schedule.csv header" "$tmp/o1/schedule.csv" "^group,template,day,start,end,agents,paid_hours,cost_eur,break1_start"
expect "coverage.csv header" "$tmp/o1/coverage.csv" "^group,interval,day,time,erlang_on_duty,required,scheduled,on_duty,surplus"
expect "capacity.csv header" "$tmp/o1/capacity.csv" "^year,month,required_fte,hires,headcount"
expect "service.csv header" "$tmp/o1/service.csv" "^channel,kind,sl_target"
# every interval's requirement is covered (scheduled >= ceil(required)), 672 intervals
if awk -F, 'NR > 1 { n++; r = $6; c = int(r); if (c < r - 1e-9) c++; if ($7 + 0 < c) bad++ }
            END { exit !(n == 672 && bad == 0) }' "$tmp/o1/coverage.csv"; then
  echo "ok   coverage.csv covers every interval"
else
  echo "FAIL coverage.csv: an interval is under its requirement or rows are missing"; fail=1
fi

check "json exits 0" 0 "$omnisim" schedule "$tmp/s.json" -o "$tmp/o2" -q --json --no-sim
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); g=d["groups"][0]; assert g["status"]=="optimal" and g["shifts"]>0 and not g["capped"] and "simulation" not in d' "$tmp/out"; then
  echo "ok   json parses and says optimal"
else
  echo "FAIL json output"; head -c 400 "$tmp/out"; fail=1
fi
if [ -e "$tmp/o2/service.csv" ]; then echo "FAIL service.csv written with --no-sim"; fail=1; else echo "ok   no service.csv without simulation"; fi

check "--no-sim with -r is a usage error" 2 "$omnisim" schedule "$tmp/s.json" -o "$tmp/o2b" -q --no-sim -r 3
grep -qF -- "-r sets the simulation, which --no-sim skips" "$tmp/err" || { echo "FAIL --no-sim -r message"; cat "$tmp/err"; fail=1; }
check "budget cap exits 0" 0 "$omnisim" schedule "$tmp/s.json" -o "$tmp/o3" -q --json --no-sim --budget 5000
if python3 -c 'import json,sys; g=json.load(open(sys.argv[1]))["groups"][0]; assert g["capped"] and g["cost_eur"] <= 5000 and g["under_coverage"] > 0' "$tmp/out"; then
  echo "ok   capped schedule stays within the budget"
else
  echo "FAIL capped schedule"; head -c 400 "$tmp/out"; fail=1
fi
check "head-count cap exits 0" 0 "$omnisim" schedule "$tmp/s.json" -o "$tmp/o4" -q --json --no-sim --max-headcount 5
if python3 -c 'import json,sys; g=json.load(open(sys.argv[1]))["groups"][0]; assert g["capped"] and g["headcount"] <= 5' "$tmp/out"; then
  echo "ok   capped schedule stays within the head count"
else
  echo "FAIL head-count cap"; head -c 400 "$tmp/out"; fail=1
fi

check "infeasible exits 1" 1 "$omnisim" schedule "$tmp/s.json" -o "$tmp/o5" -q \
  --set 'shifts[0].starts=["10:00"]' --set 'shifts[1].starts=["12:00"]'
expect "infeasible names the interval" "$tmp/err" "infeasible: Mon 08:00"
if [ -e "$tmp/o5/schedule.csv" ]; then echo "FAIL files written for an infeasible run"; fail=1; else echo "ok   nothing written when infeasible"; fi

check "scenario without shifts exits 1" 1 "$omnisim" schedule "$src/scenarios/tiny-mmn.json" -o "$tmp/o6" -q
expect "no templates is explained" "$tmp/err" "no shift templates"

# The built-in default and every shipped scenario with shift templates can be scheduled
# (a time limit keeps the 24/7 scenario short: a schedule found by then still exits 0).
check "default scenario schedules" 0 "$omnisim" schedule -o "$tmp/o7" -q -r 2
expect "default: voice team scheduled" "$tmp/out" "group voice_team: "
expect "default: chat team scheduled" "$tmp/out" "group chat_team: "
for f in "$src"/scenarios/*.json; do
  grep -q '"shifts"' "$f" || continue
  check "$(basename "$f") schedules" 0 "$omnisim" schedule "$f" -o "$tmp/o8" -q -r 2 --time-limit 10
done
check "--repeats schedules" 0 "$omnisim" schedule -o "$tmp/o9" -q --no-sim --repeats

exit $fail
