#!/usr/bin/env bash
# manifest.json: every command that writes an output directory writes it last, listing the
# command line, scenario, its hash, the seed and exactly the files that run wrote (with
# their FNV-1a hashes); report.html and `omnisim plot` read only those files, so a run into
# a directory that held another run shows nothing of the other one (docs/outputs.md).
# Usage: manifest.sh OMNISIM SOURCE_DIR
set -u
omnisim=$1
src=$2
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "SKIP python3 missing"; exit 77; }
d=$tmp/study

# manifest.sh MANIFEST DIR CMD: the manifest parses, names CMD, and its files are the
# directory's files with those bytes.
check_manifest() {
  python3 - "$@" <<'PY'
import json, os, sys
man, d, cmd = sys.argv[1], sys.argv[2], sys.argv[3]
m = json.load(open(man))
def fnv(b):
    h = 14695981039346656037
    for x in b:
        h = ((h ^ x) * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return "%016x" % h
assert m["command"].startswith("omnisim " + cmd), m["command"]
for k in ("omnisim_version", "scenario", "scenario_fnv1a64", "seed", "files"):
    assert k in m, k
names = [f["name"] for f in m["files"]]
assert len(names) == len(set(names)), "a file listed twice"
assert "manifest.json" not in names
for f in m["files"]:
    b = open(os.path.join(d, f["name"]), "rb").read()
    assert f["bytes"] == len(b), f["name"]
    assert f["fnv1a64"] == fnv(b), f["name"] + " hash"
print(" ".join(sorted(names)))
PY
}

# A retailer study: a run, then compare, roadmap and cost into the same directory.
"$omnisim" run -q -r 2 -o "$d" >/dev/null 2>&1 || fail "retailer run"
files=$(check_manifest "$d/manifest.json" "$d" run) || fail "run manifest"
[ "$files" = "agents.png channels.csv flows.csv flows.png intervals.csv kpis.csv pools.csv report.html segments.csv service_level.png summary.json" ] ||
  fail "run manifest lists: $files"
python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); assert m["scenario"]=="online-retailer-2017" and m["seed"]==20170101, m' \
  "$d/manifest.json" || fail "run manifest: scenario or seed"
mkdir -p "$tmp/keep"
cp "$d/flows.png" "$tmp/keep/"
"$omnisim" compare -q -r 3 --policy unified_desk -o "$d" >/dev/null 2>&1 || fail "compare"
files=$(check_manifest "$d/manifest.json" "$d" compare) || fail "compare manifest"
[ "$files" = "compare.csv compare.json" ] || fail "compare manifest lists: $files"
# the directory holds one run: the retailer run's files went with the swap
left=$(ls "$d" | tr '\n' ' ')
[ "$left" = "compare.csv compare.json manifest.json " ] || fail "after compare the directory holds: $left"
"$omnisim" plot -q "$d" || fail "plot of the compare directory"
files=$(check_manifest "$d/manifest.json" "$d" compare) || fail "manifest after plot"
[ "$files" = "compare.csv compare.json compare.png report.html" ] || fail "after plot: $files"
grep -q 'Policy comparison' "$d/report.html" || fail "compare report lacks its comparison"
grep -q '<li>unified desk: .* pp' "$d/report.html" || fail "compare report lacks its summary"
grep -q 'alt="agents"' "$d/report.html" && fail "compare report embeds the earlier run's chart"
cp "$d/compare.png" "$tmp/keep/"
"$omnisim" roadmap -q -r 2 -o "$d" >/dev/null 2>&1 || fail "roadmap"
"$omnisim" plot -q "$d" || fail "plot of the roadmap directory"
cp "$d/channel_mix.png" "$tmp/keep/"
"$omnisim" cost -q -r 2 -o "$d" >/dev/null 2>&1 || fail "cost"
files=$(check_manifest "$d/manifest.json" "$d" cost) || fail "cost manifest"
[ "$files" = "costs.csv sla.csv" ] || fail "cost manifest lists: $files"
"$omnisim" plot -q "$d" || fail "plot of the cost directory"
left=$(ls "$d" | tr '\n' ' ')
[ "$left" = "costs.csv costs.png manifest.json report.html sla.csv " ] || fail "after cost and plot the directory holds: $left"
# Files no manifest lists (a user's own, here the study's charts put back by hand) are never
# removed and never read: tiny-mmn's run below must leave them and ignore them.
cp "$tmp/keep/"*.png "$d/"
for f in compare.png channel_mix.png costs.png flows.png; do
  [ -s "$d/$f" ] || fail "the test could not plant $f"
done

# tiny-mmn into that directory: its report and manifest hold tiny-mmn only.
"$omnisim" run "$src/scenarios/tiny-mmn.json" -q -r 2 -o "$d" >/dev/null 2>&1 || fail "tiny run"
files=$(check_manifest "$d/manifest.json" "$d" run) || fail "tiny manifest"
for f in compare.csv roadmap.csv costs.csv compare.png channel_mix.png costs.png flows.png; do
  case " $files " in *" $f "*) fail "tiny-mmn's manifest lists $f" ;; esac
done
r=$d/report.html
grep -q '<h1>tiny-mmn</h1>' "$r" || fail "the report is not tiny-mmn's"
for s in 'Policy comparison' 'Roadmap' 'Cost' 'online-retailer' 'unified_desk' \
  'alt="compare"' 'alt="channel_mix"' 'alt="costs"' 'alt="flows"'; do
  grep -q "$s" "$r" && fail "tiny-mmn's report holds the retailer study's '$s'"
done
[ -z "$(ls -A "$d" | grep '^\.')" ] || fail "hidden files left: $(ls -A "$d" | grep '^\.')"
for f in compare.png channel_mix.png flows.png; do
  [ -s "$d/$f" ] || fail "tiny-mmn's run removed $f, which no manifest listed"
done
[ -e "$d/costs.csv" ] && fail "tiny-mmn's run left the cost run's costs.csv"

# `omnisim plot` redraws only the run's charts, keeps its header and adds redrawn_by.
"$omnisim" plot -q "$d" || fail "plot of the tiny directory"
python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); assert m["scenario"]=="tiny-mmn" and m["redrawn_by"].startswith("omnisim plot"), m' \
  "$d/manifest.json" || fail "plot lost the run's header"
grep -q 'alt="flows"' "$r" && fail "plot embedded the stale flows.png"

# A trace written into the directory is the run's; one written elsewhere is not listed.
"$omnisim" run "$src/scenarios/tiny-mmn.json" -q -r 1 --no-plots -o "$tmp/tr" \
  --trace "$tmp/tr/trace.csv" >/dev/null 2>&1 || fail "traced run"
files=$(check_manifest "$tmp/tr/manifest.json" "$tmp/tr" run) || fail "traced run manifest"
case " $files " in *" trace.csv "*) ;; *) fail "the trace in the directory is not listed: $files" ;; esac
mkdir -p "$tmp/elsewhere"
"$omnisim" run "$src/scenarios/tiny-mmn.json" -q -r 1 --no-plots -o "$tmp/tr2" \
  --trace "$tmp/elsewhere/trace.csv" >/dev/null 2>&1 || fail "traced run elsewhere"
[ -z "$(ls -A "$tmp/elsewhere" | grep '^\.')" ] || fail "a ledger was left beside the trace"
files=$(check_manifest "$tmp/tr2/manifest.json" "$tmp/tr2" run) || fail "manifest of tr2"
case " $files " in *" trace.csv "*) fail "a trace outside the directory is listed" ;; esac

# A directory without manifest (hand-made, or written before manifests): every file counts.
mkdir -p "$tmp/hand"
printf '%s\n' "policy,kpi,n,baseline_mean,baseline_lo,baseline_hi,policy_mean,policy_lo,policy_hi,diff_mean,diff_lo,diff_hi,diff_half_width,significant,target_half_width,counted" \
  "unified_desk,total.realtime_service_level_per_answered_abandoned,3,0.8,0.78,0.82,0.85,0.83,0.87,0.05,0.03,0.07,0.02,1,,0" >"$tmp/hand/compare.csv"
"$omnisim" plot -q "$tmp/hand" || fail "plot of a hand-made directory"
[ -s "$tmp/hand/compare.png" ] || fail "no compare.png from a hand-made compare.csv"
# An empty directory: exit 1 as the help says, and no manifest or ledger left.
mkdir -p "$tmp/empty"
"$omnisim" plot -q "$tmp/empty" 2>/dev/null
check "plot of an empty directory" 1 $?
[ -z "$(ls -A "$tmp/empty")" ] || fail "plot left files in an empty directory: $(ls -A "$tmp/empty")"
# A malformed manifest is an error naming it.
echo '{' >"$tmp/hand/manifest.json"
"$omnisim" plot -q "$tmp/hand" 2>"$tmp/err"
check "plot with a broken manifest" 1 $?
grep -q manifest.json "$tmp/err" || fail "the error does not name manifest.json: $(cat "$tmp/err")"

[ "$fails" -eq 0 ] && echo "manifest.sh: all checks passed"
