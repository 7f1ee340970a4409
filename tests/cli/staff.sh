#!/usr/bin/env bash
# staff.sh -- `omnisim staff`: exit codes 0 (ok), 1 (bad scenario, unreachable target),
# 2 (usage); the summary on stdout, --verbose's interval table, --json that parses, and
# staffing.csv / staffing.json written atomically (no temporary file left behind).
# Arguments: omnisim binary, source dir.
set -u
BIN="$1"
SRC="$2"
fail=0
. "$(dirname "$0")/lib.sh"

"$BIN" staff -o "$tmp/def" >"$tmp/out" 2>"$tmp/err"
check "the built-in scenario" 0 $?
# Default: Erlang A where a channel has a patience, Erlang X with its retrial share.
for want in "^phone  *voice  *erlang_x " "^chat  *chat  *erlang_a " "^email  *deferred  *workload" \
    "^total "; do
    if ! grep -q "$want" "$tmp/out"; then echo "FAIL: '$want' not in the summary"; fail=1; fi
done
head -1 "$tmp/def/staffing.csv" | grep -qx \
    "interval,day,time,channel,rate_per_hour,agents,staff,open,load_erlang,service_level,asa_s,p_abandon,occupancy"
check "staffing.csv has its header" 0 $?
# 7 days x 96 intervals x 8 staffed channels (self-service left out) + header
[ "$(wc -l <"$tmp/def/staffing.csv")" = "$((7 * 96 * 8 + 1))" ]
check "staffing.csv has a week of rows per staffed channel" 0 $?
grep -q "^0,Mon,00:00,phone," "$tmp/def/staffing.csv" && grep -q "^671,Sun,23:45,callback," "$tmp/def/staffing.csv"
check "staffing.csv rows run Monday 00:00 to Sunday 23:45" 0 $?
[ -z "$(ls -A "$tmp/def" | grep -v '^staffing\.\(csv\|json\)$' | grep -vx manifest.json)" ]
check "no temporary file left in the output directory" 0 $?

if command -v python3 >/dev/null; then
    python3 - "$tmp/def/staffing.json" "$tmp/def/staffing.csv" <<'PY'
import csv, json, sys
d = json.load(open(sys.argv[1]))
assert d["model"] == "erlang_a" and d["n_intervals"] == 672, d["model"]
assert d["repeats"] is False
ph = [c for c in d["channels"] if c["name"] == "phone"][0]
assert len(ph["agents"]) == 672 and ph["peak_agents"] == max(ph["agents"]) > 0
rows = [r for r in csv.DictReader(open(sys.argv[2])) if r["channel"] == "phone"]
assert [float(r["agents"]) for r in rows] == ph["agents"]
for r in rows:  # staff = agents / (1 - shrinkage)
    assert abs(float(r["staff"]) - float(r["agents"]) / (1 - ph["shrinkage"])) < 1e-6 * (1 + float(r["staff"]))
hours = sum(sum(c["agents"]) for c in d["channels"]) * d["interval_s"] / 3600
assert abs(hours - d["total"]["agent_hours_week"]) < 1e-6 * hours
PY
    check "staffing.json parses and agrees with staffing.csv" 0 $?
fi

"$BIN" staff --erlang-a --json -q -o "$tmp/a" >"$tmp/json" 2>"$tmp/err"
check "--erlang-a --json" 0 $?
if command -v python3 >/dev/null; then
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["model"]=="erlang_a"; m={c["name"]:c["method"] for c in d["channels"]}; assert m["phone"]=="erlang_x" and m["chat"]=="erlang_a", m' "$tmp/json"
    check "--json on stdout parses; phone is sized with redials" 0 $?
    cmp -s "$tmp/json" "$tmp/def/staffing.json"
    check "--erlang-a is the default" 0 $?
fi
"$BIN" staff --erlang-c --json -q -o "$tmp/c" >"$tmp/cjson" 2>"$tmp/err"
check "--erlang-c --json" 0 $?
if command -v python3 >/dev/null; then
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["model"]=="erlang_c"; m={c["name"]:c["method"] for c in d["channels"]}; assert m["phone"]=="erlang_c" and m["chat"]=="erlang_c", m' "$tmp/cjson"
    check "--erlang-c sizes every real-time channel by Erlang C" 0 $?
fi
"$BIN" staff --repeats --json -q -o "$tmp/rep" >"$tmp/rjson" 2>"$tmp/err"
check "--repeats --json" 0 $?
if command -v python3 >/dev/null; then
    python3 - "$tmp/json" "$tmp/rjson" <<'PY'
import json, sys
a, b = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert b["repeats"] is True
for ca, cb in zip(a["channels"], b["channels"]):
    assert ca["repeats_per_week"] == 0 and cb["repeats_per_week"] >= 0
    assert all(y >= x for x, y in zip(ca["agents"], cb["agents"])), ca["name"]
ph = [c for c in b["channels"] if c["name"] == "phone"][0]
assert ph["repeats_per_week"] > 0 and 0 < ph["redials_per_week"] < ph["repeats_per_week"]
assert b["total"]["agent_hours_week"] > a["total"]["agent_hours_week"]
PY
    check "--repeats adds repeat load and never lowers a requirement" 0 $?
fi
cmp -s "$tmp/json" "$tmp/a/staffing.json"
check "--json prints staffing.json" 0 $?

"$BIN" staff "$SRC/scenarios/tiny-mmn.json" -v -q -o "$tmp/tiny" >"$tmp/out" 2>"$tmp/err"
check "--verbose on a shipped scenario" 0 $?
grep -q "^interval  *when " "$tmp/out"
check "--verbose prints the interval table" 0 $?

"$BIN" staff --set 'channels[0].service_level.target=0.95' -q -o "$tmp/set" >"$tmp/out" 2>"$tmp/err"
check "--set" 0 $?
grep -q "^phone .*95% in 20 s" "$tmp/out"
check "--set changes the target" 0 $?

printf '{"name": "bad", "channels": [{"name": "p", "kind": "voice", "handle_time": {"mean_s": -3}, "daily_volume": 10, "agents": 1}]}' >"$tmp/bad.json"
"$BIN" staff "$tmp/bad.json" -o "$tmp/bad" >"$tmp/out" 2>"$tmp/err"
check "an invalid scenario" 1 $?
grep -q "bad.json:1:[0-9]*: channels\[0\].handle_time.mean_s" "$tmp/err"
check "the loader's diagnostics are printed with line and column" 0 $?
[ ! -e "$tmp/bad" ]
check "no files for an invalid scenario" 0 $?

"$BIN" staff "$tmp/missing.json" >"$tmp/out" 2>"$tmp/err"
check "a missing file" 1 $?
"$BIN" staff --policy no-such-policy -o "$tmp/p" >"$tmp/out" 2>"$tmp/err"
check "an unknown policy" 1 $?
printf '{"name": "r", "channels": [{"name": "p", "kind": "voice", "handle_time": {"mean_s": 300}, "patience": {"mean_s": 60}, "retrial": {"share": 1}, "daily_volume": 2000, "agents": 5}]}' >"$tmp/r.json"
"$BIN" staff "$tmp/r.json" -o "$tmp/r" >"$tmp/out" 2>"$tmp/err"
check "a redial share of 1 under Erlang X (the default)" 1 $?
grep -q "channels\[0\].retrial.share" "$tmp/err"
check "the error names the channel field" 0 $?
"$BIN" staff "$tmp/r.json" --erlang-c -q -o "$tmp/r" >"$tmp/out" 2>"$tmp/err"
check "--erlang-c ignores redials" 0 $?

# One requirement: staff, check's staffing values and schedule's erlang_on_duty agree.
F="$SRC/scenarios/online-retailer-2017.json"
"$BIN" staff "$F" --json -q -o "$tmp/one" >"$tmp/one.json" 2>"$tmp/err" &&
    "$BIN" check "$F" --baseline "$tmp/one_base.json" --update --no-sim -q >/dev/null 2>&1 &&
    "$BIN" schedule "$F" --no-sim -q -o "$tmp/one_sched" >/dev/null 2>&1
check "staff, check --no-sim and schedule --no-sim on the retailer" 0 $?
if command -v python3 >/dev/null; then
    python3 - "$tmp/one.json" "$tmp/one_base.json" "$tmp/one_sched/coverage.csv" <<'PY'
import csv, json, sys
ag = {c["name"]: c["agents"] for c in json.load(open(sys.argv[1]))["channels"]}
base = json.load(open(sys.argv[2]))["staffing"]["channels"]
days = "mon tue wed thu fri sat sun".split()
for name, v in base.items():
    assert [float(x) for d in days for x in v[d]] == ag[name], name
rows = list(csv.DictReader(open(sys.argv[3])))
chat = [float(r["erlang_on_duty"]) for r in rows if r["group"] == "chat_team"]
voice = [float(r["erlang_on_duty"]) for r in rows if r["group"] == "voice_team"]
assert chat == ag["chat"]
assert voice == [a + b for a, b in zip(ag["phone"], ag["callback"])]
PY
    check "one requirement for staff, check and schedule" 0 $?
fi

"$BIN" staff --bogus >"$tmp/out" 2>"$tmp/err"
check "an unknown option" 2 $?
"$BIN" staff -o >"$tmp/out" 2>"$tmp/err"
check "-o without a value" 2 $?
"$BIN" staff a.json b.json >"$tmp/out" 2>"$tmp/err"
check "two scenarios" 2 $?
"$BIN" staff --help >"$tmp/out" 2>"$tmp/err"
check "--help" 0 $?
"$BIN" --help | grep -q "^  staff "
check "omnisim --help lists staff" 0 $?

exit $fail
