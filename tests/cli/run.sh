#!/usr/bin/env bash
# `omnisim run`: exit codes 0/1/2/3, the files it writes (atomically, nothing left behind),
# the same results for 1 and 2 threads, --json, --policy/--set, and the M/M/c+M mode.
# Usage: run.sh OMNISIM SOURCE_DIR
set -u
omnisim=$1
src=$2
. "$(dirname "$0")/lib.sh"
subcommand=run


# --help
expect 0 --help
printf '%s' "$out" | grep -q "usage: omnisim run" || fail "--help prints no usage"

# Usage errors: exit 2
expect 2 --no-such-option
expect 2 -r 0
expect 2 -r abc
expect 2 -j 0
expect 2 --set novalue
expect 2 a.json b.json
expect 2 --rate 5
expect 2 --mmc "$src/scenarios/tiny-mmn.json"

# Bad input: exit 1 (missing file, invalid scenario, unknown policy, bad --set)
expect 1 -q -o "$tmp/x" "$tmp/does-not-exist.json"
printf '{"name": "bad", "channels": [{"name": "p", "kind": "voicemail"}]}' >"$tmp/bad.json"
expect 1 -q -o "$tmp/x" "$tmp/bad.json"
expect 1 -q -o "$tmp/x" --policy no_such_policy
expect 1 -q -o "$tmp/x" --set horizon_days=-3
[ ! -e "$tmp/x/summary.json" ] || fail "a failed run wrote summary.json"

# The default scenario: exit 0, the four files, no temporary files left
expect 0 -q -r 3 -j 1 -o "$tmp/one"
for f in summary.json kpis.csv channels.csv intervals.csv; do
  [ -s "$tmp/one/$f" ] || fail "default run did not write $f"
done
[ -z "$(ls -A "$tmp/one" | grep '^\.')" ] || fail "temporary files left in the output directory"
printf '%s' "$out" | grep -q "service level" || fail "no KPI table on stdout: $out"
printf '%s' "$out" | grep -q "^phone" || fail "no phone row in the table"
grep -q '"omnisim_version"' "$tmp/one/summary.json" || fail "summary.json lacks the version"
grep -q '"seed":[[:space:]]*20170101' "$tmp/one/summary.json" || fail "summary.json lacks the seed"
grep -q '"replications":[[:space:]]*3' "$tmp/one/summary.json" || fail "summary.json lacks replications"
grep -q '"channel.phone.service_level_per_answered_abandoned"' "$tmp/one/summary.json" || fail "no phone SL KPI"
head -1 "$tmp/one/intervals.csv" | grep -q "^interval,day,weekday,start,channel,offered" ||
  fail "intervals.csv header: $(head -1 "$tmp/one/intervals.csv")"
# 7 days x 96 intervals x 9 channels + header
[ "$(wc -l <"$tmp/one/intervals.csv")" -eq 6049 ] || fail "intervals.csv rows: $(wc -l <"$tmp/one/intervals.csv")"
[ "$(wc -l <"$tmp/one/channels.csv")" -eq 10 ] || fail "channels.csv rows"
if command -v python3 >/dev/null; then
  python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$tmp/one/summary.json" ||
    fail "summary.json does not parse"
fi

# Same seed, 2 threads: byte-identical files
expect 0 -q -r 3 -j 2 -o "$tmp/two"
for f in summary.json kpis.csv channels.csv intervals.csv; do
  cmp -s "$tmp/one/$f" "$tmp/two/$f" || fail "$f differs between 1 and 2 threads"
done
# Another seed: different results
expect 0 -q -r 3 -s 99 -o "$tmp/seed99"
cmp -s "$tmp/one/kpis.csv" "$tmp/seed99/kpis.csv" && fail "seed 99 gave the same KPIs"

# --json: the summary on stdout
expect 0 -q -r 2 --json -o "$tmp/json"
printf '%s' "$out" | grep -q '"kpis"' || fail "--json printed no kpis"
cmp -s <(printf '%s\n' "$out") "$tmp/json/summary.json" || true

# A scenario file, a policy and an override
expect 0 -q -r 2 -o "$tmp/tiny" "$src/scenarios/tiny-mmn.json"
grep -q '"scenario":[[:space:]]*"tiny-mmn"' "$tmp/tiny/summary.json" || fail "tiny-mmn not in summary"
expect 0 -q -r 2 -o "$tmp/unified" --policy unified_desk
grep -q 'pool.unified.occupancy' "$tmp/unified/kpis.csv" || fail "unified desk policy not applied"
expect 0 -q -r 2 -o "$tmp/set" --set horizon_days=2
[ "$(wc -l <"$tmp/set/intervals.csv")" -eq 1729 ] || fail "--set horizon_days=2 not applied"

# Closed-hours warning on stderr, exit 0, and the lost share it announces is what the run
# loses: phone open 08:00-18:00 every day with a given flat 24-hour shape loses 14/24.
flat=$(printf '1%.0s,' $(seq 95))1
cat >"$tmp/closed.json" <<EOF
{"name": "closed", "demand": {"intraday": [$flat]}, "seed": 5,
 "channels": [{"name": "phone", "kind": "voice", "handle_time": {"mean_s": 300},
   "hours": {"all": [["08:00", "18:00"]]}, "daily_volume": 2000, "agents": 30}]}
EOF
expect 0 -q -r 4 --no-plots -o "$tmp/closed" "$tmp/closed.json"
printf '%s' "$err" | grep -qF 'omnisim run: warning: channels[0] (phone): 58.3% of the weekly volume arrives while closed and is lost (when_closed "lost")' ||
  fail "no closed-hours warning: $err"
# 4 x 14000 calls: the lost share's standard error is under 0.003; 0.02 is 7 of them
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "lost_closed_per_arrived") c = i }
         NR == 2 { d = $c - 14 / 24; if (c == 0 || d < -0.02 || d > 0.02) exit 1 }' \
  "$tmp/closed/channels.csv" || fail "the run's lost_closed_per_arrived is not 14/24"
# After the run, what was lost: the share measured, none of them repeat contacts (no hops).
printf '%s' "$err" | grep -qE 'omnisim run: warning: channels\[0\] \(phone\): 5[89]\.[0-9]% of the arrived contacts were lost while closed \(when_closed "lost"\): [0-9]+ per replication, 0% of them repeat contacts' ||
  fail "no post-run lost warning: $err"
# Repeat contacts timed into closed hours: calls abandoned in the last minutes of the day
# retry after 30 min, when the line is closed; the day shape puts nothing into closed hours.
shape=$(printf '0%.0s,' $(seq 32))$(printf '1%.0s,' $(seq 40))$(printf '0%.0s,' $(seq 23))0
cat >"$tmp/retry.json" <<EOF
{"name": "retry", "demand": {"intraday": [$shape]}, "seed": 5,
 "channels": [{"name": "phone", "kind": "voice", "handle_time": {"mean_s": 300},
   "patience": {"mean_s": 60}, "at_close": "abandon", "when_closed": "hop",
   "hours": {"all": [["08:00", "18:00"]]}, "daily_volume": 3000, "agents": 8}],
 "hopping": [{"outcome": "abandoned", "to": {"phone": 1}, "delay": {"mean_s": 1800}},
             {"outcome": "closed", "give_up": 1}]}
EOF
expect 0 -q -r 2 --no-plots -o "$tmp/retry" "$tmp/retry.json"
printf '%s' "$err" | grep -q 'weekly volume' && fail "a day shape inside the hours warned: $err"
printf '%s' "$err" | grep -qE 'omnisim run: warning: channels\[0\] \(phone\): [0-9.]+% of the arrived contacts came while closed and were turned to the "closed" hop rules \(when_closed "hop"\): [0-9]+ per replication, 100% of them repeat contacts' ||
  fail "no post-run warning for repeats timed into closed hours: $err"
expect 0 -q -r 1 --no-plots -o "$tmp/nowarn" "$src/scenarios/tiny-mmn.json"
[ -z "$err" ] || fail "tiny-mmn printed on stderr: $err"

# --week folds as means: a 14-day run's folded row is the mean of its two weeks' rows (the
# same seed gives the same trajectories), for counts and the end-of-interval backlog alike.
expect 0 -q -r 2 -o "$tmp/d14" --set horizon_days=14 --no-plots
expect 0 -q -r 2 -o "$tmp/w14" --set horizon_days=14 --no-plots --week
[ "$(wc -l <"$tmp/w14/intervals.csv")" -eq 6049 ] || fail "--week intervals.csv rows"
awk -F, 'NR == FNR { if (FNR == 1) { for (i = 1; i <= NF; i++) col[$i] = i; next }
                     k = ($1 % 672) "," $5; o[k] += $col["offered"]; b[k] += $col["backlog_end"]
                     next }
         FNR == 1 { next }
         { k = $1 "," $5
           if ((o[k] / 2 - $col["offered"])^2 > 1e-12 || (b[k] / 2 - $col["backlog_end"])^2 > 1e-12) {
             print "row " k ": folded offered " $col["offered"] " backlog " $col["backlog_end"] \
                   ", the two weeks sum to " o[k] " and " b[k]; bad++ }
           if ($col["backlog_end"] > 0) n++ }
         END { if (bad || n < 100) exit 1 }' "$tmp/d14/intervals.csv" "$tmp/w14/intervals.csv" |
  head -5
[ "${PIPESTATUS[0]}" -eq 0 ] || fail "--week rows are not the mean of the two weeks"

# M/M/c+M mode
expect 0 -q --mmc --rate 10 --aht 180 --agents 35 --patience 120 --horizon 20000 -r 3 -o "$tmp/mmc"
printf '%s' "$out" | grep -q "service_level" || fail "--mmc printed no service level"
grep -q '"model":[[:space:]]*"mmc"' "$tmp/mmc/summary.json" || fail "--mmc summary lacks the model"
expect 2 --mmc --agents 0

# An output directory that cannot be created: runtime failure, exit 3
printf 'x' >"$tmp/file"
expect 3 -q -r 1 --set horizon_days=1 -o "$tmp/file/sub"

# Seeds above 2^53: -s reads a 64-bit integer and summary.json records it digit for digit; a
# seed in a scenario file (a JSON number, read as a double) of 2^53 or more is refused, since
# 2^53 + 1 would silently read as 2^53.
tiny="$src/scenarios/tiny-mmn.json"
expect 0 -q --no-plots -r 2 -s 9007199254740993 -o "$tmp/big-seed" "$tiny"
grep -q '"seed":[[:space:]]*9007199254740993,' "$tmp/big-seed/summary.json" ||
  fail "summary.json does not hold seed 9007199254740993: $(grep '"seed"' "$tmp/big-seed/summary.json")"
expect 0 -q --no-plots -r 2 -s 18446744073709551615 -o "$tmp/max-seed" "$tiny"
grep -q '"seed":[[:space:]]*18446744073709551615,' "$tmp/max-seed/summary.json" ||
  fail "summary.json does not hold seed 2^64-1"
"$omnisim" plot -q "$tmp/max-seed" >/dev/null 2>&1 || fail "plot of the 2^64-1 seed run"
grep -q "seed 18446744073709551615," "$tmp/max-seed/report.html" ||
  fail "report.html does not show seed 2^64-1: $(grep -o 'seed [0-9]*' "$tmp/max-seed/report.html" | head -1)"
expect 0 -q --no-plots -r 2 -s 9007199254740992 -o "$tmp/seed-2p53" "$tiny"
cmp -s "$tmp/big-seed/kpis.csv" "$tmp/seed-2p53/kpis.csv" && fail "seeds 2^53 and 2^53+1 gave the same results"
expect 1 -q --no-plots -r 2 --set seed=9007199254740993 -o "$tmp/x" "$tiny"
printf '%s' "$err" | grep -qF "seed: a seed of 2^53 (9007199254740992) or more cannot be read exactly from a JSON number" ||
  fail "a JSON seed of 2^53+1 is not refused: $err"
expect 0 -q --no-plots -r 2 --set seed=9007199254740991 -o "$tmp/seed-max-json" "$tiny"

[ "$fails" -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "run.sh: all checks passed"
