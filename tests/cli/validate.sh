#!/usr/bin/env bash
# validate.sh -- `omnisim validate`: exit codes 0 (valid), 1 (invalid), 2 (usage), and the
# FILE:LINE:COL: PATH: message format on stderr. Arguments: omnisim binary, source dir.
set -u
BIN="$1"
SRC="$2"
fail=0
. "$(dirname "$0")/lib.sh"

# Every shipped scenario is valid; the diagnostics they print are checked at the end.
"$BIN" validate "$SRC"/scenarios/*.json "$SRC"/scenarios/examples/*.json >"$tmp/out" 2>"$tmp/err"
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

# Closed-hours volume that is lost: a warning naming the channel and its share, exit 0. A
# flat 24-hour shape (given) with phone open 08:00-18:00 every day loses 14 of 24 hours; the
# chat with the same shape and hours hops, so it gets no warning.
flat=$(printf '1%.0s,' $(seq 95))1
cat >"$tmp/closed.json" <<EOF
{"name": "closed", "demand": {"intraday": [$flat]},
 "channels": [
  {"name": "phone", "kind": "voice", "handle_time": {"mean_s": 300},
   "hours": {"all": [["08:00", "18:00"]]}, "daily_volume": 2000, "agents": 30},
  {"name": "chat", "kind": "chat", "handle_time": {"mean_s": 300}, "when_closed": "hop",
   "hours": {"all": [["08:00", "18:00"]]}, "daily_volume": 500, "agents": 5},
  {"name": "email", "kind": "deferred", "handle_time": {"mean_s": 300},
   "hours": {"all": [["08:00", "18:00"]]}, "daily_volume": 500, "agents": 5}],
 "hopping": [{"outcome": "closed", "to": {"email": 1}}]}
EOF
share=$(awk 'BEGIN { printf "%.1f", 100 * (24 - 10) / 24 }')
"$BIN" validate "$tmp/closed.json" >"$tmp/out" 2>"$tmp/err"
check "a lossy shape is a warning, not an error" 0 $?
want="$tmp/closed.json: warning: channels[0] (phone): $share% of the weekly volume arrives while closed and is lost (when_closed \"lost\")"
if [ "$(cat "$tmp/err")" != "$want" ]; then
    echo "FAIL: closed-hours warning: want"; echo "  $want"; echo "got"; cat "$tmp/err"; fail=1
fi
grep -q "closed.json: ok" "$tmp/out" || { echo "FAIL: no ok line"; fail=1; }
"$BIN" validate --quiet "$tmp/closed.json" >"$tmp/out" 2>"$tmp/err"
check "--quiet with a warning" 0 $?
grep -qF "$want" "$tmp/err" || { echo "FAIL: --quiet dropped the warning"; fail=1; }
[ ! -s "$tmp/out" ] || { echo "FAIL: --quiet printed on stdout"; fail=1; }
# Without the shape each day's volume arrives over the opening hours: nothing is lost.
sed 's/"demand": {"intraday": \[[0-9,]*\]},//' "$tmp/closed.json" >"$tmp/spread.json"
"$BIN" validate "$tmp/spread.json" >"$tmp/out" 2>"$tmp/err"
check "no day shape: spread over the opening hours" 0 $?
[ ! -s "$tmp/err" ] || { echo "FAIL: warning without a shape:"; cat "$tmp/err"; fail=1; }

# Includes: trusted by default, confined by --include-root, refused by --no-includes, in
# every command that loads a scenario; a FIFO is refused at once instead of hanging the load.
inc="$SRC/tests/data/scenarios/include"
"$BIN" validate "$inc/outside.json" >"$tmp/out" 2>"$tmp/err"
check "an include outside the file's folder loads by default (and finds its syntax error)" 1 $?
grep -qF "syntax.json:" "$tmp/err" || { echo "FAIL: the outside include was not read"; cat "$tmp/err"; fail=1; }
"$BIN" validate --include-root "$inc" "$inc/outside.json" >"$tmp/out" 2>"$tmp/err"
check "--include-root refuses an include outside DIR" 1 $?
grep -qF "outside.json:2:3: include: included file '../bad/syntax.json' is outside the include root" "$tmp/err" || {
    echo "FAIL: --include-root message"; cat "$tmp/err"; fail=1; }
"$BIN" validate --include-root "$inc" "$inc/two-bases.json" >"$tmp/out" 2>"$tmp/err"
check "--include-root accepts includes inside DIR" 0 $?
"$BIN" validate --no-includes "$inc/variant.json" >"$tmp/out" 2>"$tmp/err"
check "--no-includes refuses an include" 1 $?
grep -qF "variant.json:2:3: include: includes are not allowed here (--no-includes)" "$tmp/err" || {
    echo "FAIL: --no-includes message"; cat "$tmp/err"; fail=1; }
"$BIN" validate --no-includes "$SRC/scenarios/tiny-mmn.json" >"$tmp/out" 2>"$tmp/err"
check "--no-includes accepts a file without includes" 0 $?
for cmd in run staff cost check compare sweep roadmap simstaff schedule; do
    "$BIN" "$cmd" --help >"$tmp/out" 2>&1
    grep -q -- "--include-root" "$tmp/out" && grep -q -- "--no-includes" "$tmp/out" || {
        echo "FAIL: $cmd --help lacks --include-root or --no-includes"; fail=1; }
done
"$BIN" run -q --no-plots -r 1 -o "$tmp/run-inc" --no-includes "$inc/variant.json" >"$tmp/out" 2>"$tmp/err"
check "run --no-includes refuses an include" 1 $?
"$BIN" compare -q -o "$tmp/cmp-inc" --policy x --include-root "$inc/sub" "$inc/variant.json" >"$tmp/out" 2>"$tmp/err"
check "compare --include-root refuses an include outside DIR" 1 $?
grep -qF "is outside the include root" "$tmp/err" || { echo "FAIL: compare --include-root"; cat "$tmp/err"; fail=1; }
mkfifo "$tmp/fifo.json"
printf '{"include": "fifo.json", "name": "x"}\n' >"$tmp/fifo-top.json"
timeout 20 "$BIN" validate "$tmp/fifo-top.json" >"$tmp/out" 2>"$tmp/err"
check "an included FIFO is refused, not waited on" 1 $?
grep -qF "included file 'fifo.json' is a FIFO, not a regular file" "$tmp/err" || {
    echo "FAIL: FIFO message"; cat "$tmp/err"; fail=1; }
# Invalid UTF-8 anywhere: refused with its line and column, before it can reach summary.json.
"$BIN" validate "$SRC/tests/data/scenarios/bad/bad-utf8.json" >"$tmp/out" 2>"$tmp/err"
check "invalid UTF-8 exits 1" 1 $?
grep -qF "bad-utf8.json:3:22: invalid UTF-8 (byte 0xE9); the file must be UTF-8 text" "$tmp/err" || {
    echo "FAIL: UTF-8 message"; cat "$tmp/err"; fail=1; }
"$BIN" validate --set "description=caf$(printf '\351')" "$SRC/scenarios/tiny-mmn.json" >"$tmp/out" 2>"$tmp/err"
check "invalid UTF-8 in --set exits 1" 1 $?
grep -qF -- "--set: invalid UTF-8 in the override" "$tmp/err" || {
    echo "FAIL: --set UTF-8 message"; cat "$tmp/err"; fail=1; }

# The shipped scenarios: only the warnings they deserve. The energy supplier's phone is
# "lost" when closed and its profile and weekday weights put calls into the evening, Saturday
# afternoon and Sunday: 10.2% of its calls, which that scenario chose to lose.
"$BIN" validate "$SRC"/scenarios/*.json "$SRC"/scenarios/examples/*.json >"$tmp/out" 2>"$tmp/err"
check "shipped scenarios with warnings stay valid" 0 $?
want="$SRC/scenarios/energy-outsourcing-sla.json: warning: channels[0] (phone): 10.2% of the weekly volume arrives while closed and is lost (when_closed \"lost\")"
if [ "$(cat "$tmp/err")" != "$want" ]; then
    echo "FAIL: shipped scenarios' warnings: want"; echo "  $want"; echo "got"; cat "$tmp/err"; fail=1
fi

exit $fail
