#!/usr/bin/env bash
# cost.sh -- `omnisim cost`: exit codes 0 (ok), 1 (bad scenario), 2 (usage); the tables on
# stdout, --json that parses, and -o DIR writing costs.csv and sla.csv with their header
# (no temporary file left behind). Arguments: omnisim binary, source dir.
set -u
BIN="$1"
SRC="$2"
fail=0
. "$(dirname "$0")/lib.sh"
S="$SRC/scenarios/energy-outsourcing-sla.json"

"$BIN" cost "$S" -r 2 -j 2 -q >"$tmp/out" 2>"$tmp/err"
check "a shipped scenario prints its cost" 0 $?
for want in "^total " "people share" "cost per answered contact" "^on_premise " "^cloud " \
    "volume crossover" "^callpartner " "^arnhem "; do
    if ! grep -q "$want" "$tmp/out"; then echo "FAIL: '$want' not in the output"; fail=1; fi
done

"$BIN" cost "$S" -r 2 -q --json >"$tmp/json" 2>"$tmp/err"
check "--json" 0 $?
if command -v python3 >/dev/null; then
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["per_year_eur"]["total"]["mean"] > 0; assert d["sla"][0]["outsourcer"] == "callpartner"' "$tmp/json"
    check "--json parses and holds the total and the SLA" 0 $?
fi

"$BIN" cost "$S" -r 2 -q -o "$tmp/res" --sla-sweep callpartner=40:50:10 >"$tmp/out" 2>"$tmp/err"
check "-o with an SLA sweep" 0 $?
head -1 "$tmp/res/costs.csv" | grep -qx "table,key,year,value,half_width,unit"
check "costs.csv has its header" 0 $?
head -1 "$tmp/res/sla.csv" | grep -q "^outsourcer,agents,period,target,"
check "sla.csv has its header" 0 $?
n=$(grep -c "^callpartner," "$tmp/res/sla.csv")
if [ "$n" != 3 ]; then echo "FAIL: expected 3 SLA rows (base + 2 points), got $n"; fail=1; fi
if ls -A "$tmp/res" | grep -vqx -e costs.csv -e sla.csv -e manifest.json; then
    echo "FAIL: stray files in the output directory:"; ls -A "$tmp/res"; fail=1
fi

"$BIN" cost "$SRC/tests/data/scenarios/bad/unknown-field.json" -q >"$tmp/out" 2>"$tmp/err"
check "an invalid scenario exits 1" 1 $?
"$BIN" cost "$SRC/no/such/file.json" -q >"$tmp/out" 2>"$tmp/err"
check "a missing file exits 1" 1 $?
"$BIN" cost "$S" --sla-sweep callpartner=9:1:1 >"$tmp/out" 2>"$tmp/err"
check "a backwards sweep is a usage error" 2 $?
"$BIN" cost "$S" --no-such-option >"$tmp/out" 2>"$tmp/err"
check "an unknown option is a usage error" 2 $?
"$BIN" cost "$S" -r 2 -q --sla-sweep nobody=1:2:1 >"$tmp/out" 2>"$tmp/err"
check "an unknown sweep target exits 1" 1 $?
"$BIN" cost --help >"$tmp/out" 2>"$tmp/err"
check "--help" 0 $?
exit $fail
