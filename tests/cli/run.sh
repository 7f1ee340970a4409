#!/usr/bin/env bash
# `omnisim run`: exit codes 0/1/2/3, the files it writes (atomically, nothing left behind),
# the same results for 1 and 2 threads, --json, --policy/--set, and the M/M/c+M mode.
# Usage: run.sh OMNISIM SOURCE_DIR
set -u
omnisim=$1
src=$2
fails=0
fail() { echo "FAIL $*"; fails=$((fails + 1)); }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# expect CODE ARGS...: run `omnisim run ARGS`, check the exit code; stdout in $out
expect() {
  local want=$1; shift
  out=$("$omnisim" run "$@" 2>"$tmp/stderr")
  local rc=$?
  err=$(cat "$tmp/stderr")
  [ "$rc" -eq "$want" ] || fail "exit $rc, want $want: run $* (stderr: $err)"
}

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
grep -q '"channel.phone.service_level"' "$tmp/one/summary.json" || fail "no phone SL KPI"
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

# M/M/c+M mode
expect 0 -q --mmc --rate 10 --aht 180 --agents 35 --patience 120 --horizon 20000 -r 3 -o "$tmp/mmc"
printf '%s' "$out" | grep -q "service_level" || fail "--mmc printed no service level"
grep -q '"model":[[:space:]]*"mmc"' "$tmp/mmc/summary.json" || fail "--mmc summary lacks the model"
expect 2 --mmc --agents 0

# An output directory that cannot be created: runtime failure, exit 3
printf 'x' >"$tmp/file"
expect 3 -q -r 1 --set horizon_days=1 -o "$tmp/file/sub"

[ "$fails" -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "run.sh: all checks passed"
