#!/usr/bin/env bash
# omnisim calibrate: the round trip (simulate a scenario with known parameters and --trace,
# turn the trace into a contact log with scripts/trace-to-log.py, calibrate it, and find every
# parameter inside its 99% interval: arrivals per weekday, AHT, patience mean from censored
# waits, FCR, hop and retrial shares), the estimator that ignores censoring failing the same
# check, the calibrated scenario validating and running, and bad logs (exit 1, FILE:LINE:COLUMN).
set -u
omnisim=$1
src=$2
. "$(dirname "$0")/lib.sh"
subcommand=calibrate
command -v python3 >/dev/null || { echo "skip: no python3"; exit 77; }

"$omnisim" run "$src/tests/data/calib-roundtrip.json" --trace "$tmp/trace.csv" -o "$tmp/run" \
  -q --no-plots >/dev/null || fail "the traced run"
python3 "$src/scripts/trace-to-log.py" "$tmp/trace.csv" "$tmp/log.csv" || fail "trace-to-log"
expect 0 "$tmp/log.csv" -o "$tmp/cal" --window 14400 -q
check_png "$tmp/cal/calibration.png" 300 && echo "ok   calibration.png"
check "validate the calibrated scenario" 0 "$omnisim" validate "$tmp/cal/scenario.json"
check "run the calibrated scenario" 0 "$omnisim" run "$tmp/cal/scenario.json" -r 2 -o "$tmp/run2" -q --no-plots

python3 - "$tmp/cal/calibration.json" "$tmp/log.csv" <<'PY' || fail "round trip"
import csv, datetime, json, math, sys
z = 2.576  # 99% two-sided
r = json.load(open(sys.argv[1]))
ch = {c["name"]: c for c in r["channels"]}
bad = 0
def within(name, e, truth):
    global bad
    ok = abs(e["value"] - truth) <= z * e["se"]
    print("%s %-34s %.4f +- %.4f, true %.4f" % ("ok  " if ok else "FAIL", name, e["value"], z * e["se"], truth))
    bad += not ok
# first contacts per Monday: 2000 x 1.2 / mean weekday weight (6 / 7)
within("phone Monday first contacts", ch["phone"]["arrivals"]["weekday"][0]["per_day"], 2000 * 1.2 * 7 / 6)
within("chat Tuesday first contacts", ch["chat"]["arrivals"]["weekday"][1]["per_day"], 300)
within("phone AHT s", ch["phone"]["handle_time"]["mean_s"], 300)
within("chat AHT s", ch["chat"]["handle_time"]["mean_s"], 400)
within("phone patience mean s (censored)", ch["phone"]["patience"]["exponential_mean_s"], 120)
within("phone FCR", ch["phone"]["repeats"]["answered"]["fcr"], 0.8)
within("phone unresolved -> chat", ch["phone"]["repeats"]["answered"]["next"]["chat"], 0.2)
within("phone retrial share", ch["phone"]["repeats"]["abandoned"]["next"]["phone"], 0.3)
within("phone abandoned -> chat", ch["phone"]["repeats"]["abandoned"]["next"]["chat"], 0.7 * 0.2)
# the estimator that ignores censoring: the abandoners' mean wait must fail the same check
ts = lambda s: datetime.datetime.fromisoformat(s).timestamp()
w = [ts(row["abandon"]) - ts(row["arrival"]) for row in csv.DictReader(open(sys.argv[2]))
     if row["channel"] == "phone" and row["abandon"]]
m = sum(w) / len(w)
se = math.sqrt(sum((x - m) ** 2 for x in w) / (len(w) - 1) / len(w))
if abs(m - 120) <= z * se:
    print("FAIL the naive patience %.1f +- %.1f passed" % (m, z * se)); bad += 1
else:
    print("ok   the naive patience %.1f +- %.1f is rejected" % (m, z * se))
sys.exit(1 if bad else 0)
PY

# bad logs: every bad row, FILE:LINE:COLUMN
printf 'channel,arrival,answer\nphone,10,12\nphone,x,12\nphone,20,5\n' >"$tmp/bad.csv"
expect 1 "$tmp/bad.csv" -o "$tmp/bad" -q
case $err in
  *"$tmp/bad.csv:3:2: column 'arrival': expected seconds"*"$tmp/bad.csv:4:3: column 'answer': answer time before the arrival time"*"2 bad rows"*) echo "ok   bad rows listed" ;;
  *) fail "bad rows: $err" ;;
esac
printf 'queue,start\nphone,10\n' >"$tmp/nohead.csv"
expect 1 "$tmp/nohead.csv" -q
case $err in *"$tmp/nohead.csv:1:0: no column 'channel' for field 'channel'"*) echo "ok   missing column" ;;
  *) fail "missing column: $err" ;; esac
expect 0 "$tmp/nohead.csv" --map channel=queue,arrival=start,answer=start -o "$tmp/mapped" -q
expect 2 "$tmp/log.csv" --map arrivals=x
case $err in *"unknown field 'arrivals'"*) echo "ok   bad --map" ;; *) fail "bad --map: $err" ;; esac
expect 1 "$tmp/missing.csv" -q
exit 0
