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

"$BIN" validate "$SRC"/scenarios/*.json >"$tmp/out" 2>"$tmp/err"
check "every shipped scenario is valid" 0 $?

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
