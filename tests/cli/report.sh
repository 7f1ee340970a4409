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
"$omnisim" run -q -r 2 -j 1 -o "$tmp/t2" --no-plots --trace "$tmp/t2/b.csv" >/dev/null 2>&1
cmp -s "$tmp/t2/a.csv" "$tmp/t2/b.csv" || fail "trace differs between -j 2 and -j 1"

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

# Policy comparison and roadmap sections appear when their files are present.
printf '%s\n' "policy,kpi,n,baseline_mean,baseline_lo,baseline_hi,policy_mean,policy_lo,policy_hi,diff_mean,diff_lo,diff_hi,diff_half_width,significant,target_half_width,counted" \
  "unified_desk,total.realtime_service_level_per_answered_abandoned,3,0.8,0.78,0.82,0.85,0.83,0.87,0.05,0.03,0.07,0.02,1,,0" >"$out/compare.csv"
"$omnisim" plot -q "$out" || fail "omnisim plot with compare.csv failed"
grep -q "Policy comparison" "$r" || fail "report.html lacks the policy comparison"
[ -s "$out/compare.png" ] || fail "no compare.png"

[ "$fails" -eq 0 ] && echo "report.sh: all checks passed"
[ "$fails" -eq 0 ]
