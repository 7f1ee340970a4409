#!/usr/bin/env bash
# The files of `omnisim run`: they exist, parse, carry exactly the columns docs/outputs.md
# lists (every section marked "(exact)"), the per-contact trace, report.html (self-contained,
# its sections, embedded charts) and `omnisim plot DIR` rewriting it.
# Usage: report.sh OMNISIM SOURCE_DIR
set -u
omnisim=$1
src=$2
. "$(dirname "$0")/lib.sh"
out=$tmp/run

"$omnisim" run -q -r 3 -j 2 -o "$out" --trace "$out/trace.csv" >"$tmp/stdout" 2>"$tmp/stderr" ||
  fail "run failed: $(cat "$tmp/stderr")"
for f in summary.json kpis.csv channels.csv segments.csv intervals.csv pools.csv flows.csv \
  trace.csv service_level.png agents.png flows.png report.html; do
  [ -s "$out/$f" ] || fail "run did not write $f"
done
[ -z "$(ls -A "$out" | grep '^\.')" ] || fail "temporary files left: $(ls -A "$out")"

# docs/outputs.md: "### `NAME` ... (exact)" sections, rows "| `col` (+ `_lo`, `_hi`)* |".
expected() {
  awk -v want="$1" '
    /^### / { on = index($0, "`" want "`") > 0 && index($0, "exact") > 0; next }
    /^## / { on = 0 }
    on && /^\| `/ {
      split($0, a, "`"); col = a[2]; out = out (out ? "," : "") col
      if (index($0, "(+ `_lo`, `_hi`)")) {
        base = col
        if (index($0, ")*") && col ~ /_mean$/) sub(/_mean$/, "", base)
        out = out "," base "_lo," base "_hi"
      }
    }
    END { print out }' "$src/docs/outputs.md"
}
for f in kpis.csv channels.csv segments.csv intervals.csv pools.csv flows.csv trace.csv; do
  want=$(expected "$f")
  [ -n "$want" ] || { fail "docs/outputs.md has no exact column list for $f"; continue; }
  got=$(head -1 "$out/$f" | tr -d '\r')
  [ "$got" = "$want" ] || fail "$f header differs from docs/outputs.md
  file: $got
  docs: $want"
done

# Every row has the header's field count (no quoted commas in these files).
for f in kpis.csv channels.csv segments.csv intervals.csv pools.csv flows.csv trace.csv; do
  bad=$(awk -F, 'NR == 1 { n = NF; next } NF != n { print NR; exit }' "$out/$f")
  [ -z "$bad" ] || fail "$f line $bad has another field count than its header"
done

[ "$(wc -l <"$out/pools.csv")" -gt 1 ] || fail "pools.csv has no rows"
[ "$(wc -l <"$out/segments.csv")" -gt 1 ] || fail "segments.csv has no rows"

# summary.json parses and echoes the scenario.
if command -v python3 >/dev/null 2>&1; then
  python3 - "$out/summary.json" <<'PY' || fail "summary.json does not parse or lacks keys"
import json, sys
d = json.load(open(sys.argv[1]))
for k in ("omnisim_version", "seed", "replications", "kpis", "scenario_echo"):
    assert k in d, k
e = d["scenario_echo"]
assert e["channels"] and e["segments"] and e["groups"], "echo"
assert e["document"]["name"] == d["scenario"], "document"
k = d["kpis"]["channel.phone.service_level_per_answered_abandoned"]
assert k["lo"] <= k["mean"] <= k["hi"] and len(k["values"]) == 3, "ci"
# every KPI of a run is a count, a time or a share: no interval below 0, no share above 1
for name, v in d["kpis"].items():
    assert v["lo"] is None or v["lo"] >= 0, name
    if ("_per_" in name and not name.endswith("_need")) or name.endswith(".occupancy"):
        assert v["hi"] is None or v["hi"] <= 1, name
assert "lost_closed" in d["accounting"]["phone"], "accounting"
PY
fi

# The trace: replication order, every need arrives before its contacts, known events.
awk -F, 'NR > 1 {
    if ($1 < last) { print "replication order broken at line " NR; exit 1 }
    last = $1
    if ($3 !~ /^(arrival|enter|held|queue|self_service|answer|abandon|unanswered|lost|callback|end|hop|retrial|give_up|need_end)$/) {
      print "unknown event " $3 " at line " NR; exit 1 }
  }' "$out/trace.csv" || fail "trace.csv"
for e in arrival enter queue answer abandon hop end need_end; do
  grep -q ",$e," "$out/trace.csv" || fail "trace.csv has no $e event"
done
# Queues left at a closing: the trace marks answers in overtime ("serve", the default) and
# abandons at the closing ("abandon"); overtime is a pool KPI. An overloaded 09:00-17:00 line.
closing=(--set 'channels.phone.hours={"all": [["09:00", "17:00"]]}' --set channels.phone.agents=8)
"$omnisim" run "$src/scenarios/tiny-mmn.json" -q -r 1 --no-plots -o "$tmp/close" \
  --trace "$tmp/close/serve.csv" "${closing[@]}" >/dev/null 2>&1 || fail "closing run"
grep -q ',answer,.*,overtime,' "$tmp/close/serve.csv" || fail "trace.csv has no overtime answer"
awk -F, '$1 == "pool.phone.overtime_hours" && $2 > 0 { ok = 1 } END { exit !ok }' \
  "$tmp/close/kpis.csv" || fail "kpis.csv has no positive pool.phone.overtime_hours"
"$omnisim" run "$src/scenarios/tiny-mmn.json" -q -r 1 --no-plots -o "$tmp/close" \
  --trace "$tmp/close/abandon.csv" "${closing[@]}" --set channels.phone.at_close=abandon \
  >/dev/null 2>&1 || fail "closing run (abandon)"
grep -q ',abandon,.*,at_close,' "$tmp/close/abandon.csv" || fail "trace.csv has no abandon at_close"
grep -q ',overtime,' "$tmp/close/abandon.csv" && fail "abandon at closing still shows overtime"
# Tracing never changes results: the same KPIs as an untraced run.
"$omnisim" run -q -r 3 -j 2 -o "$tmp/plain" --no-plots >/dev/null 2>&1 || fail "untraced run"
cmp -s "$out/kpis.csv" "$tmp/plain/kpis.csv" || fail "--trace changed kpis.csv"
[ ! -e "$tmp/plain/report.html" ] || fail "--no-plots wrote report.html"
[ ! -e "$tmp/plain/service_level.png" ] || fail "--no-plots drew charts"
# The trace file is deterministic.
"$omnisim" run -q -r 2 -j 2 -o "$tmp/t2" --no-plots --trace "$tmp/t2/a.csv" >/dev/null 2>&1
"$omnisim" run -q -r 2 -j 1 -o "$tmp/t2b" --no-plots --trace "$tmp/t2b/b.csv" >/dev/null 2>&1
cmp -s "$tmp/t2/a.csv" "$tmp/t2b/b.csv" || fail "trace differs between -j 2 and -j 1"

# report.html: self-contained, its sections, charts embedded.
r=$out/report.html
grep -q '<!DOCTYPE html>' "$r" || fail "report.html is not HTML"
for s in "The scenario" "Assumptions and their sources" "Per channel" "Customer segments" \
  "Charts" "data:image/png;base64,"; do
  grep -q "$s" "$r" || fail "report.html lacks '$s'"
done
grep -q 'src="http' "$r" && fail "report.html refers to external resources"
grep -q 'Dimension Data' "$r" || fail "report.html does not cite the source documents"

# omnisim plot rewrites the report, and the result is the same bytes.
cp "$r" "$tmp/report-1.html"
"$omnisim" plot -q "$out" || fail "omnisim plot failed"
cmp -s "$r" "$tmp/report-1.html" || fail "omnisim plot DIR gave another report.html"

# What a reader sees: the executive summary first, goals with verdicts, every share's
# interval inside [0, 100] %, durations in the unit that fits, thousands separators, KPI
# labels instead of identifiers, a print stylesheet, no zero volumes or zero staff.
check_report() {
  python3 - "$1" <<'PY'
import re, sys, html
t = open(sys.argv[1]).read()
h2 = re.findall(r"<h2>([^<]*)</h2>", t)
assert h2 and h2[0] == "Executive summary", h2[:3]
assert "@media print" in t, "no print stylesheet"
body = re.sub(r"<style>.*?</style>", "", t, flags=re.S)
body = re.sub(r'src="data:[^"]*"', "", body)
cells = re.findall(r"<td class=n[^>]*>(.*?)</td>", body)
assert cells, "no number cells"
shares = 0
for c in cells:
    m = re.match(r"([-+]?[\d,.]+)% <span class=ci>\[([-\d,.]+), ([-\d,.]+)\]</span>", c)
    if m:
        v, lo, hi = (float(x.replace(",", "")) for x in m.groups())
        assert 0 <= lo <= v + 0.05 and v - 0.05 <= hi <= 100, c
        shares += 1
    for num, unit in re.findall(r"([\d,.]+) (s|min)\b", c):
        x = float(num.replace(",", ""))
        assert (unit == "s" and x < 120) or (unit == "min" and x < 120), c
    for num in re.findall(r"(?<![\d,.])\d{5,}(?![\d,])", re.sub(r"<[^>]*>", "", c)):
        raise AssertionError("no thousands separator: " + c)
assert shares > 10, "too few share intervals checked: %d" % shares
text = re.sub(r"<code>.*?</code>", "", body, flags=re.S)
text = re.sub(r"<[^>]*>", " ", text)
for ident in ("_per_", "total.realtime", "service_level", "asa_s"):
    assert ident not in text, "identifier in the text: " + ident
for m in re.finditer(r"<tr><td>(\w+)</td><td>\w+</td><td class=n>([^<]*)</td>", body):
    assert m.group(2) not in ("0", "0.0"), "a channel with 0 first contacts: " + m.group(0)
assert "agents (fixed staffing)" not in t
verdicts = re.findall(r"<td class=(met|missed|borderline)>", body)
assert verdicts, "no goal verdicts"
print("report content ok: %d share intervals, %d verdicts" % (shares, len(verdicts)))
PY
}
check_report "$r" || fail "report.html content (retailer run)"

# Each cost headline agrees with the table under it: recomputed from the table's rows.
"$omnisim" cost -q -r 2 -o "$tmp/cost" >/dev/null 2>&1 || fail "cost run"
"$omnisim" plot -q "$tmp/cost" || fail "plot of the cost directory"
python3 - "$tmp/cost/report.html" <<'PY' || fail "a cost headline contradicts its table"
import re, sys
t = open(sys.argv[1]).read()
sect = t[t.index("On-premise vs cloud, cash per year"):]
verdict = re.search(r"<p class=verdict>(.*?)</p>", sect, re.S).group(1)
rows = re.findall(r"<tr><td>(\d{4})</td><td class=n>EUR ([\d,]+)</td><td class=n>EUR ([\d,]+)</td>", sect)
assert len(rows) >= 2, rows
yr = [int(r[0]) for r in rows]
onp = [float(r[1].replace(",", "")) for r in rows]
cl = [float(r[2].replace(",", "")) for r in rows]
m = re.search(r"cheaper from (\d{4})", verdict)
if m:
    y = int(m.group(1))
    assert all(c <= o for (x, o, c) in zip(yr, onp, cl) if x >= y), "not cheaper from %d" % y
    k = yr.index(y)
    assert k == 0 or cl[k - 1] > onp[k - 1], "cheaper already before %d" % y
else:
    assert "not cheaper" in verdict or "every year" in verdict, verdict
    if "not cheaper" in verdict:
        assert cl[-1] > onp[-1], verdict
cum, run = [], 0.0
for o, c in zip(onp, cl):
    run += c - o
    cum.append(run)
m = re.search(r"payback in (\d{4})", verdict)
if m:
    y = int(m.group(1))
    k = yr.index(y)
    # the table shows whole euros: each year's rounding may move the sum by 1 EUR
    assert all(x <= len(yr) for x in cum[k:]) and (k == 0 or cum[k - 1] > 0), verdict
else:
    assert "No payback" in verdict and cum[-1] > 0, verdict
# The summary states the same sentences.
summary = t[:t.index("<h2>Costs</h2>")]
assert verdict.strip() in summary, "the executive summary says otherwise"
print("cost headline ok:", verdict)
PY

# A file the run did not write (here by hand) is not read into its report or charts
# (manifest.json lists the run's files; tests/cli/manifest.sh has the rest).
printf '%s\n' "policy,kpi,n,baseline_mean,baseline_lo,baseline_hi,policy_mean,policy_lo,policy_hi,diff_mean,diff_lo,diff_hi,diff_half_width,significant,target_half_width,counted" \
  "unified_desk,total.realtime_service_level_per_answered_abandoned,3,0.8,0.78,0.82,0.85,0.83,0.87,0.05,0.03,0.07,0.02,1,,0" >"$out/compare.csv"
"$omnisim" plot -q "$out" || fail "omnisim plot with a stray compare.csv failed"
grep -q "Policy comparison" "$r" && fail "report.html reads a compare.csv its run did not write"
[ -e "$out/compare.png" ] && fail "compare.png drawn from a compare.csv the run did not write"

[ "$fails" -eq 0 ] && echo "report.sh: all checks passed"
[ "$fails" -eq 0 ]
