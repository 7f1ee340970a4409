#!/usr/bin/env bash
# forecast_file.sh -- demand from a forecast file end to end: the shipped example validates,
# runs (from another directory too) with each channel's arrivals matching the file's weekly
# volume, names the file by its real path in the echo, staffs from it; a bad file exits 1
# listing every error with file, line and column.
# Usage: forecast_file.sh OMNISIM SOURCE_DIR
set -u
omnisim=$1
src=$2
. "$(dirname "$0")/lib.sh"
ex="$src/scenarios/examples/forecast-file.json"
csv="$src/scenarios/examples/forecast-week.csv"

subcommand=validate
expect 0 "$ex"
cd "$tmp" || exit 1

# The file's weekly volume per channel (sales + service feed phone, webchat feeds chat) and
# the mean arrivals of 5 replications of the 7-day horizon: Poisson (no overdispersion), so
# the mean of 5 weeks has a standard deviation of sqrt(volume / 5); 4 of them (two-sided
# 99.99%) with the scenario's fixed seed.
subcommand=run
expect 0 "$ex" -r 5 -q -o "$tmp/run"
for ch in phone chat; do
  want=$(awk -F, -v ch="$ch" 'NR > 1 && (($3 == "sales" || $3 == "service") ? "phone" : "chat") == ch {s += $4}
                              END {printf "%.1f", s}' "$csv")
  got=$(awk -F, -v ch="$ch" 'NR == 1 {for (i = 1; i <= NF; i++) if ($i == "arrived") col = i}
                             NR > 1 && $1 == ch {print $col}' "$tmp/run/channels.csv")
  if awk -v w="$want" -v g="$got" 'BEGIN {d = g - w; if (d < 0) d = -d; exit !(w > 0 && d <= 4 * sqrt(w / 5))}'; then
    echo "ok   $ch arrivals $got, the file says $want a week"
  else
    fail "$ch arrivals $got, the forecast file says $want a week"
  fi
done
real="$(cd "$src/scenarios/examples" && pwd -P)/forecast-week.csv"
grep -q "\"forecast_file\":[[:space:]]*\"$real\"" "$tmp/run/summary.json" ||
  fail "summary.json does not name the forecast file by its real path"

subcommand=staff
expect 0 "$ex" -o "$tmp/staff"
[ -s "$tmp/staff/staffing.csv" ] || fail "staff wrote no staffing.csv"

# A bad copy without its first row (sales, mon 00:00, now missing): a negative volume (line
# 2 of the copy), an unknown queue (line 3), a duplicate (line 5), all reported at once.
mkdir -p "$tmp/bad"
sed -e '3s/,0\.0$/,-1/' -e '4s/,webchat,/,nobody,/' -e '6s/^mon,00:30,service/mon,00:00,service/' \
  -e '2d' "$csv" >"$tmp/bad/forecast-week.csv"
cp "$ex" "$tmp/bad/s.json"
subcommand=validate
expect 1 "$tmp/bad/s.json"
bad=0
for want in "forecast-week.csv:2:4: volume: -1 is negative" \
            "forecast-week.csv:3:3: unknown queue 'nobody'" \
            "forecast-week.csv:5:2: duplicate interval: queue 'service', mon 00:00 is also on line 2" \
            "missing interval: queue 'sales' has no row for mon 00:00"; do
  case "$err" in
    *"$want"*) ;;
    *) fail "bad forecast file: no '$want' in: $err"; bad=1 ;;
  esac
done
[ "$bad" -eq 0 ] && echo "ok   bad forecast file: every error with file, line and column"
subcommand=run
expect 1 "$tmp/bad/s.json" -q -o "$tmp/badrun"
lib_exit
