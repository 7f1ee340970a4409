#!/usr/bin/env bash
# validate.sh -- `omnisim validate`: exit codes 0 (valid), 1 (invalid), 2 (usage), and the
# FILE:LINE:COL: PATH: message format on stderr. Arguments: omnisim binary, source dir.
set -u
BIN="$1"
SRC="$2"
fail=0
check() { # name expected-code actual-code
    if [ "$2" != "$3" ]; then
        echo "FAIL: $1: expected exit $2, got $3"
        fail=1
    else
        echo "ok: $1"
    fi
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$BIN" validate "$SRC"/scenarios/*.json "$SRC"/scenarios/examples/*.json >"$tmp/out" 2>"$tmp/err"
check "every shipped scenario is valid" 0 $?
if [ -s "$tmp/err" ]; then echo "FAIL: shipped scenarios printed diagnostics:"; cat "$tmp/err"; fail=1; fi

"$BIN" validate "$SRC/tests/data/scenarios/bad/unknown-field.json" >"$tmp/out" 2>"$tmp/err"
check "an invalid file exits 1" 1 $?
if ! grep -qF "unknown-field.json:8:6: channels[2].patiance: unknown field; did you mean patience?" "$tmp/err"; then
    echo "FAIL: message not found in stderr:"; cat "$tmp/err"; fail=1
fi

"$BIN" validate "$SRC/scenarios/tiny-mmn.json" "$SRC/tests/data/scenarios/bad/many-errors.json" \
    >"$tmp/out" 2>"$tmp/err"
check "one invalid file among valid ones exits 1" 1 $?
n=$(grep -c "many-errors.json:[0-9]*:[0-9]*: " "$tmp/err")
if [ "$n" != 8 ]; then echo "FAIL: expected all 8 errors listed, got $n"; cat "$tmp/err"; fail=1; fi

# A typo in opening hours must not close the channel without a word: validate and run refuse it.
typo="$SRC/tests/data/scenarios/bad/hours-typo.json"
"$BIN" validate "$typo" >"$tmp/out" 2>"$tmp/err"
check "misspelled opening hours exit 1" 1 $?
for msg in "hours-typo.json:5:29: channels[0].hours.mon-fri: unknown field; expected one of all, weekdays, weekend, mon, tue, wed, thu, fri, sat or sun" \
           "hours-typo.json:7:29: channels[1].hours.wekdays: unknown field; did you mean weekdays?"; do
    grep -qF "$msg" "$tmp/err" || { echo "FAIL: message not found: $msg"; cat "$tmp/err"; fail=1; }
done
"$BIN" run -q --no-plots -r 1 -o "$tmp/run" "$typo" >"$tmp/out" 2>"$tmp/err"
check "run on misspelled opening hours exits 1" 1 $?
grep -qF "channels[1].hours.wekdays: unknown field; did you mean weekdays?" "$tmp/err" || {
    echo "FAIL: run did not name the typo"; cat "$tmp/err"; fail=1; }
[ -e "$tmp/run/summary.json" ] && { echo "FAIL: run wrote results for an invalid file"; fail=1; }

"$BIN" validate >"$tmp/out" 2>"$tmp/err"
check "no file is a usage error" 2 $?
"$BIN" validate --no-such-option "$SRC/scenarios/tiny-mmn.json" >"$tmp/out" 2>"$tmp/err"
check "an unknown option is a usage error" 2 $?
"$BIN" validate --help >"$tmp/out" 2>"$tmp/err"
check "--help" 0 $?

"$BIN" validate --set channels.phone.agents=12 "$SRC/scenarios/tiny-mmn.json" >"$tmp/out" 2>"$tmp/err"
check "--set with a valid value" 0 $?
"$BIN" validate --set channels.phone.agents=-1 "$SRC/scenarios/tiny-mmn.json" >"$tmp/out" 2>"$tmp/err"
check "--set with an invalid value exits 1" 1 $?
grep -qF -- "--set: channels[0].agents: -1 is out of range [0, 100000]" "$tmp/err" || {
    echo "FAIL: --set message"; cat "$tmp/err"; fail=1; }
"$BIN" validate --policy unified_desk "$SRC/scenarios/online-retailer-2017.json" >"$tmp/out" 2>"$tmp/err"
check "--policy" 0 $?

"$BIN" validate "$tmp/nonexistent.json" >"$tmp/out" 2>"$tmp/err"
check "a missing file exits 1" 1 $?

exit $fail
