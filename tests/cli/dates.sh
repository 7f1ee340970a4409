#!/usr/bin/env bash
# dates.sh -- scenarios with dates end to end: the shipped example with the Dutch holiday
# list runs, its data file is found relative to the scenario (also for variants, run from
# another directory, and in the echoed document), and a bad special-days file exits 1 naming file, line and column.
# Usage: dates.sh OMNISIM SOURCE_DIR
set -u
omnisim=$1
src=$2
. "$(dirname "$0")/lib.sh"
ex="$src/scenarios/examples/dutch-calendar.json"

subcommand=validate
expect 0 "$ex"
cd "$tmp" || exit 1
subcommand=sweep
expect 0 "$ex" --set channels.phone.agents=38:40:2 -r 2 -q -o "$tmp/sweep"

# Day 7 is Tweede Paasdag (closed): every offered contact of that day is lost while closed.
subcommand=run
expect 0 "$ex" -r 2 -q -o "$tmp/run"
awk -F, 'NR > 1 && $2 == 7 {lost += $9; off += $6} NR > 1 && $2 == 8 {tue += $6}
         END {exit !(lost > 3000 && off == 0 && tue > 3000)}' "$tmp/run/intervals.csv" ||
  fail "Tweede Paasdag (day 7) is not closed in intervals.csv"

# The echo in summary.json (which the charts load again) names the calendar by its real path.
real="$(cd "$src/scenarios/calendars" && pwd -P)/nl-holidays-2026-2027.csv"
grep -q "\"special_days_file\":[[:space:]]*\"$real\"" "$tmp/run/summary.json" || fail "summary.json does not name the calendar by its real path"

mkdir -p "$tmp/bad"
printf 'date,name,closed\n2026-04-06,x,true\n2026-04-31,y,true\n' >"$tmp/bad/cal.csv"
sed 's|"\.\./calendars/nl-holidays-2026-2027.csv"|"cal.csv"|' "$ex" >"$tmp/bad/s.json"
subcommand=validate
expect 1 "$tmp/bad/s.json"
case "$err" in
  *"cal.csv:3:1: "*"date: expected YYYY-MM-DD, got '2026-04-31'"*) echo "ok   bad special-days file named with line and column" ;;
  *) fail "bad special-days file message: $err" ;;
esac
rm "$tmp/bad/cal.csv"
expect 1 "$tmp/bad/s.json"
case "$err" in
  *"special_days_file"*"cal.csv"*"cannot open"*) echo "ok   missing special-days file named" ;;
  *) fail "missing special-days file message: $err" ;;
esac
