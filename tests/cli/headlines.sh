#!/usr/bin/env bash
# headlines.sh -- the text output's headline figures agree with their tables and read as a
# reader reads them: `omnisim cost` on the shipped scenarios names no year in a "cheaper"
# sentence that its yearly cash table does not show, and every "cloud ... cheaper from Y" / "in
# K of the N years" agrees with the table's rows; `compare` and `cost` print euros with
# thousands separators (no 3.65e+07); `roadmap` prints one period per table, each labelled.
# Usage: headlines.sh OMNISIM SOURCE_DIR
set -u
omnisim=$1
src=$2
. "$(dirname "$0")/lib.sh"
py=/usr/bin/python3
[ -x "$py" ] || py=$(command -v python3)

cat >"$tmp/cost.py" <<'PY'
import re, sys
text = open(sys.argv[1]).read().splitlines()
bad = []
i = next(k for k, l in enumerate(text) if l.startswith("years ahead"))
rows = {}
for l in text[i + 2:]:
    if not re.match(r"^\d{4} ", l):
        break
    f = l.split()
    rows[int(f[0])] = (float(f[3].replace(",", "")), float(f[4].replace(",", "")))
years = sorted(rows)
cheaper = [y for y in years if rows[y][1] < rows[y][0]]
for l in text:
    if "cheaper" not in l:
        continue
    for y in map(int, re.findall(r"\b(?:19|20)\d\d\b", l)):
        if y not in rows:
            bad.append("names %d, outside the table's %d-%d: %s" % (y, years[0], years[-1], l))
    for m in re.finditer(r"cheaper from (\d{4})|cheaper from [^(]*\(year (\d{4})\)", l):
        y = int(m.group(1) or m.group(2))
        if any(rows[z][1] > rows[z][0] for z in years if z >= y) or y not in rows:
            bad.append("cloud is not cheaper from %d in the table: %s" % (y, l))
    for m in re.finditer(r"cheaper in (\d+) of the (\d+) years", l):
        if (int(m.group(1)), int(m.group(2))) != (len(cheaper), len(years)):
            bad.append("table: cheaper in %d of %d years: %s" % (len(cheaper), len(years), l))
for b in bad:
    print("FAIL " + b)
sys.exit(1 if bad else 0)
PY

subcommand=cost
for s in online-retailer-2017 energy-outsourcing-sla retail-bank-unified-desk telecom-generation-y; do
  expect 0 -q -r 2 "$src/scenarios/$s.json"
  printf '%s\n' "$out" >"$tmp/$s.txt"
  "$py" "$tmp/cost.py" "$tmp/$s.txt" || fail "$s: a cost headline contradicts its table"
  grep -q "^on-premise vs cloud cash (the table above): " "$tmp/$s.txt" || fail "$s: no verdict of the cash table"
  grep -Eq '^total +[0-9]{1,3}(,[0-9]{3})+ ' "$tmp/$s.txt" || fail "$s: total without thousands separators: $(grep '^total' "$tmp/$s.txt")"
  ! grep -Eq '[0-9]e[+-][0-9]' "$tmp/$s.txt" || fail "$s: a number in exponent notation"
done

subcommand=compare
expect 0 -q -r 3 "$src/scenarios/examples/omni-roadmap-demo.json" --policy steer_by_queue
eur=$(printf '%s\n' "$out" | grep -E '^  cost\.[a-z_.]*_eur ')
[ -n "$eur" ] || fail "compare prints no cost KPI"
! printf '%s\n' "$eur" | grep -Eq '[0-9]e[+-][0-9]' || fail "compare prints euros in exponent notation: $eur"
printf '%s\n' "$eur" | grep -Eq '^  cost\.year_eur +[0-9]{1,3}(,[0-9]{3})+ ' || fail "cost.year_eur without thousands separators: $eur"
printf '%s\n' "$eur" | grep -Eq '^  cost\.per_answered_contact_eur +[0-9]+\.[0-9]{2} ' || fail "euros per contact without cents: $eur"

subcommand=roadmap
expect 0 -q -r 2 "$src/scenarios/examples/omni-roadmap-demo.json"
printf '%s\n' "$out" >"$tmp/roadmap.txt"
# every table header (a line starting "year ") holds columns of one period, named by the line
# above it ("per day ...", "per year ...")
awk 'prev != "" && /^year / {
       day = ($0 ~ /\/day/); year = ($0 ~ /\/y(ear)?( |$)/)
       if (day && year) { print "FAIL a roadmap table mixes per-day and per-year: " $0; bad = 1 }
       if (day && prev !~ /^per day/) { print "FAIL per-day table not labelled: " prev; bad = 1 }
       if (year && prev !~ /^per year/) { print "FAIL per-year table not labelled: " prev; bad = 1 }
       n++ }
     { prev = $0 } END { if (n < 2) { print "FAIL want a per-day and a per-year table"; bad = 1 } exit bad }' \
  "$tmp/roadmap.txt" || fail "roadmap tables"
! grep -q "per simulated horizon" "$tmp/roadmap.txt" || fail "roadmap still prints per-horizon totals"
