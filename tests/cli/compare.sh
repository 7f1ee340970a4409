#!/usr/bin/env bash
# `omnisim compare`: exit codes, compare.csv/compare.json with the documented columns, a
# no-op policy with exactly zero differences, identical files for 1 and 2 threads,
# --precision with the number of replications it took, --independent.
# Usage: compare.sh OMNISIM SOURCE_DIR
set -u
omnisim=$1
src=$2
ex="$src/scenarios/examples/omni-roadmap-demo.json"
. "$(dirname "$0")/lib.sh"
subcommand=compare

expect 0 --help
printf '%s' "$out" | grep -q "usage: omnisim compare" || fail "--help prints no usage"
expect 2 "$ex"                                   # no --policy
expect 2 "$ex" --policy a --precision x
expect 2 "$ex" --policy a --max-reps 10          # --max-reps needs --precision
expect 2 "$ex" --policy a -r 1
expect 1 -q -o "$tmp/x" "$ex" --policy no_such_policy
[ ! -e "$tmp/x/compare.csv" ] || fail "a failed comparison wrote compare.csv"

expect 0 -q -r 4 -j 1 -o "$tmp/one" "$ex" --policy same_as_baseline --policy steer_by_queue
for f in compare.csv compare.json; do [ -s "$tmp/one/$f" ] || fail "no $f"; done
[ -z "$(ls -A "$tmp/one" | grep '^\.')" ] || fail "temporary files left behind"
head -1 "$tmp/one/compare.csv" | grep -qx "policy,kpi,n,baseline_mean,baseline_lo,baseline_hi,policy_mean,policy_lo,policy_hi,diff_mean,diff_lo,diff_hi,diff_half_width,significant,target_half_width,counted" ||
  fail "compare.csv header: $(head -1 "$tmp/one/compare.csv")"
# the no-op policy: every difference exactly 0 (diff_mean column 10, half-width column 13)
bad=$(awk -F, '$1 == "same_as_baseline" && $10 != "" && ($10 != 0 || $13 != 0)' "$tmp/one/compare.csv")
[ -z "$bad" ] || fail "no-op policy has non-zero differences: $bad"
grep -q '^same_as_baseline,channel.phone.service_level_per_answered_abandoned,4,' "$tmp/one/compare.csv" || fail "no phone SL row"
# fewer agents: phone service level significantly lower
grep -q '^steer_by_queue,channel.phone.service_level_per_answered_abandoned,.*,1,,0$' "$tmp/one/compare.csv" ||
  fail "steer_by_queue phone SL not significant: $(grep '^steer_by_queue,channel.phone.service_level_per_answered_abandoned' "$tmp/one/compare.csv")"
[ "$(json_get "$tmp/one/compare.json" 'd["common_random_numbers"]')" = true ] ||
  fail "compare.json lacks CRN flag"
# one key per member of a row: the policy's name and its interval
[ "$(json_get "$tmp/one/compare.json" 'sorted(d["rows"][0])')" = \
  '["baseline", "counted", "diff", "kpi", "policy", "policy_value", "significant", "target_half_width"]' ] ||
  fail "compare.json row keys: $(json_get "$tmp/one/compare.json" 'sorted(d["rows"][0])')"
[ "$(grep -o '"policy"' "$tmp/one/compare.json" | wc -l)" -eq "$(json_get "$tmp/one/compare.json" 'len(d["rows"])')" ] ||
  fail "compare.json has a duplicate key policy in a row"
printf '%s' "$out" | grep -q "policy steer_by_queue vs baseline" || fail "no table on stdout"

# threads do not change a byte
expect 0 -q -r 4 -j 2 -o "$tmp/two" "$ex" --policy same_as_baseline --policy steer_by_queue
cmp -s "$tmp/one/compare.csv" "$tmp/two/compare.csv" || fail "compare.csv differs between 1 and 2 threads"
cmp -s "$tmp/one/compare.json" "$tmp/two/compare.json" || fail "compare.json differs between 1 and 2 threads"

# --json prints the JSON document
expect 0 -q -r 3 --json -o "$tmp/j" "$ex" --policy steer_by_queue
printf '%s\n' "$out" >"$tmp/j.json"
[ "$(json_get "$tmp/j.json" 'd["command"]')" = compare ] || fail "--json does not print JSON"
[ "$out" = "$(cat "$tmp/j/compare.json")" ] || fail "--json differs from compare.json"

# precision: reached, and the number of replications is reported
expect 0 -q -r 4 --precision 0.05 --max-reps 200 -o "$tmp/p" "$ex" --policy steer_by_queue
[ "$(json_get "$tmp/p/compare.json" 'd["precision"]["met"]')" = true ] ||
  fail "precision 0.05 not met: $(json_get "$tmp/p/compare.json" 'd["precision"]')"
n=$(json_get "$tmp/p/compare.json" 'd["replications"]')
[ "${n:-0}" -gt 4 ] || fail "precision did not add replications (n=$n)"
printf '%s' "$out" | grep -q "precision 0.05: reached" || fail "table does not say the precision was reached"

# --independent is accepted and says so
expect 0 -q -r 3 --independent -o "$tmp/i" "$ex" --policy steer_by_queue
[ "$(json_get "$tmp/i/compare.json" 'd["common_random_numbers"]')" = false ] || fail "--independent not recorded"

[ "$fails" -eq 0 ] && echo "compare.sh: all checks passed"
exit $((fails > 0))
