#!/usr/bin/env bash
# `omnisim roadmap`: exit codes, one roadmap.csv row per year with the documented columns,
# the phone share falling below half by 2018, policies and stages per year, identical files
# for 1 and 2 threads. Usage: roadmap.sh OMNISIM SOURCE_DIR
set -u
omnisim=$1
src=$2
ex="$src/scenarios/examples/omni-roadmap-demo.json"
. "$(dirname "$0")/lib.sh"
subcommand=roadmap
expect 0 --help
expect 2 "$ex" --years 2018
expect 2 "$ex" --years 2020:2018
expect 1 -q -o "$tmp/x" "$ex" --years 2010:2012   # before the scenario's year

expect 0 -q -r 3 -j 1 -o "$tmp/one" "$ex"
[ "$(wc -l <"$tmp/one/roadmap.csv")" -eq 6 ] || fail "roadmap.csv: want 5 years + header"
head -1 "$tmp/one/roadmap.csv" | grep -q '^year,stage,policies,demand_daily_volume,expected_voice_share,expected_mix.phone,expected_volume.phone,' ||
  fail "roadmap.csv header: $(head -1 "$tmp/one/roadmap.csv" | cut -c1-200)"
for col in segment_share.generation_y voice_share_offered_mean channel.phone.offered_mean \
           channel.phone.service_level_per_answered_abandoned_mean pool.voice_team.paid_hours_mean effort.score_mean \
           needs.contacts_per_resolved_need_mean total.realtime_service_level_per_answered_abandoned_mean; do
  head -1 "$tmp/one/roadmap.csv" | tr , '\n' | grep -qx "$col" || fail "roadmap.csv lacks $col"
done
grep -q '^2016,,,4000,0.57' "$tmp/one/roadmap.csv" || fail "2016 row: $(grep ^2016 "$tmp/one/roadmap.csv" | cut -c1-80)"
grep -q '^2017,cross,chat_evenings;callback_offer,4200,' "$tmp/one/roadmap.csv" || fail "2017 row: $(grep ^2017 "$tmp/one/roadmap.csv" | cut -c1-80)"
grep -q '^2019,omni,.*unified_desk,' "$tmp/one/roadmap.csv" || fail "2019 row lacks unified_desk/omni"
v2018=$(awk -F, '$1 == 2018 { print $5 }' "$tmp/one/roadmap.csv")
awk -v v="$v2018" 'BEGIN { exit !(v < 0.5) }' || fail "phone share of first contacts in 2018 is $v2018, not below half"
expect 0 -q -r 3 -j 2 -o "$tmp/two" "$ex"
cmp -s "$tmp/one/roadmap.csv" "$tmp/two/roadmap.csv" || fail "roadmap.csv differs between 1 and 2 threads"
cmp -s "$tmp/one/roadmap.json" "$tmp/two/roadmap.json" || fail "roadmap.json differs between 1 and 2 threads"
expect 0 -q -r 2 --years 2016:2017 --erlang-staffing -o "$tmp/e" "$ex"
[ "$(wc -l <"$tmp/e/roadmap.csv")" -eq 3 ] || fail "--years 2016:2017 rows"
[ "$fails" -eq 0 ] && echo "roadmap.sh: all checks passed"
exit $((fails > 0))
