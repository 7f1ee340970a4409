#!/usr/bin/env bash
# omnisim forecast: the shipped synthetic history (scenarios/examples/history.csv, with its
# holiday list) forecast and backtested (the method beats the seasonal-naive baseline on both
# queues), forecast_intervals.csv complete (every interval of every day and queue, lo <= volume
# <= hi, a closed holiday at 0), forecast.csv taken by a scenario as demand, determinism, and bad input (exit 1 naming FILE, line, column;
# exit 2 for a bad option).
set -u
omnisim=$1
src=$2
. "$(dirname "$0")/lib.sh"
subcommand=forecast
command -v python3 >/dev/null || { echo "skip: no python3"; exit 77; }
hist=$src/scenarios/examples/history.csv
hol=$src/scenarios/examples/history-holidays.csv

expect 0 "$hist" --holidays "$hol" -o "$tmp/fc"
case $out in
  *"sales: backtest on 12 held-out days: WAPE"*"service: backtest"*) echo "ok   backtest printed" ;;
  *) fail "backtest output: $out" ;;
esac
python3 - "$tmp/fc/forecast.json" "$tmp/fc/forecast_intervals.csv" <<'PY' || fail "forecast files"
import csv, json, sys
j = json.load(open(sys.argv[1]))
bad = 0
for q in j["queues"]:
    b = q["backtest"]
    ok = b["wape"] < b["naive_wape"]
    print("%s %s WAPE %.3f, seasonal naive %.3f" % ("ok  " if ok else "FAIL", q["queue"], b["wape"], b["naive_wape"]))
    bad += not ok
rows = list(csv.DictReader(open(sys.argv[2])))
n = 4 * 7 * 24 * 2
if len(rows) != n:
    print("FAIL %d rows, want %d" % (len(rows), n)); bad += 1
for r in rows:
    if not float(r["volume_lo"]) <= float(r["volume"]) <= float(r["volume_hi"]):
        print("FAIL interval outside its bounds:", r); bad += 1; break
closed = [float(r["volume"]) for r in rows if r["date"] == "2026-03-23"]
if len(closed) != 48 or max(closed) != 0:
    print("FAIL the closed holiday 2026-03-23 is not 0"); bad += 1
else:
    print("ok   the closed holiday is 0")
sys.exit(1 if bad else 0)
PY
python3 - "$src/scenarios/examples/forecast-file.json" "$tmp/fc/scn.json" <<'PY' || fail "scenario"
import json, sys
d = json.load(open(sys.argv[1]))
d.update(name="from-forecast", start_date="2026-03-15", horizon_days=28, replications=2)
d["demand"] = {"forecast_file": "forecast.csv", "forecast_interval_min": 60,
               "queue_map": {"sales": "phone", "service": "chat"}}
json.dump(d, open(sys.argv[2], "w"))
PY
check "a scenario takes forecast.csv as demand" 0 "$omnisim" validate "$tmp/fc/scn.json"
check "and runs" 0 "$omnisim" run "$tmp/fc/scn.json" -o "$tmp/fc/run" -q --no-plots
expect 0 "$hist" --holidays "$hol" -o "$tmp/fc2" -q
cmp -s "$tmp/fc/forecast.csv" "$tmp/fc2/forecast.csv" && cmp -s "$tmp/fc/forecast_intervals.csv" "$tmp/fc2/forecast_intervals.csv" && cmp -s "$tmp/fc/forecast.json" "$tmp/fc2/forecast.json" \
  && echo "ok   deterministic" || fail "two runs differ"

# bad input: exit 1, the file with line and column
printf 'date,interval_start,queue,volume\n2026-01-05,08:00,phone,1\n2026-01-05,08:07,phone,1\n' >"$tmp/bad.csv"
expect 1 "$tmp/bad.csv" -o "$tmp/bad"
case $err in
  *"$tmp/bad.csv"*"08:07 is not on the 15-minute grid"*"line 3, column 2"*) echo "ok   bad row named" ;;
  *) fail "bad row: $err" ;;
esac
[ -e "$tmp/bad" ] && fail "a directory written for a bad history"
expect 1 "$tmp/missing.csv" -o "$tmp/bad"
expect 1 "$hist" --holdout 8 -o "$tmp/bad"
case $err in *"observed non-holiday days to fit"*) echo "ok   too short after the holdout" ;; *) fail "holdout: $err" ;; esac
printf 'date,closed\n2026-01-05,perhaps\n' >"$tmp/hol.csv"
expect 1 "$hist" --holidays "$tmp/hol.csv" -o "$tmp/bad"
case $err in *"closed: expected true or false"*"line 2, column 2"*) echo "ok   bad holiday named" ;; *) fail "holiday: $err" ;; esac
expect 2 "$hist" --weeks 0
expect 2 "$hist" --coverage 1
expect 2
