#!/usr/bin/env bash
# Charts: `omnisim run` draws PNGs that are real images of the documented size (PNG
# signature, IHDR width 1200, a plausible height); `omnisim plot DIR` redraws them, in SVG or
# PDF on request, draws the study charts (compare, channel mix, costs, coverage) when their
# files are present, and fails cleanly (exit 1, no crash) on an empty directory or a
# malformed file.
# Usage: plot.sh OMNISIM SOURCE_DIR
set -u
omnisim=$1
src=$2
. "$(dirname "$0")/lib.sh"
out=$tmp/run

"$omnisim" run -q -r 3 -o "$out" >/dev/null 2>"$tmp/stderr" || fail "run: $(cat "$tmp/stderr")"
check_png "$out/service_level.png" 600
check_png "$out/agents.png" 400
s=$(png_size "$out/flows.png") || fail "flows.png is not a PNG"
[ -n "${s:-}" ] && { set -- $s; [ "$1" -ge 800 ] && [ "$2" -ge 600 ] || fail "flows.png size $s"; }
grep -q "warning: a chart\|warning: report.html" "$tmp/stderr" && fail "a chart or the report was not drawn: $(cat "$tmp/stderr")"

# Redraw in SVG and PDF.
"$omnisim" plot -q --format svg --no-report "$out" || fail "plot --format svg"
head -c 400 "$out/service_level.svg" | grep -q "<svg" || fail "service_level.svg is not SVG"
"$omnisim" plot -q --format pdf --no-report "$out" || fail "plot --format pdf"
[ "$(head -c 4 "$out/flows.pdf")" = "%PDF" ] || fail "flows.pdf is not a PDF"
[ -z "$(ls -A "$out" | grep '^\.')" ] || fail "temporary files left: $(ls -A "$out")"

# Study files: the charts appear. Written by hand into a directory of their own: a run's
# directory reads only the files its manifest lists (tests/cli/manifest.sh).
st=$tmp/study
mkdir -p "$st"
cat >"$st/roadmap.csv" <<'CSV'
year,stage,policies,demand_daily_volume,expected_voice_share,expected_mix.phone,expected_volume.phone,expected_mix.chat,expected_volume.chat,n,voice_share_offered_mean,voice_share_offered_lo,voice_share_offered_hi,total.realtime_service_level_per_answered_abandoned_mean,total.realtime_service_level_per_answered_abandoned_lo,total.realtime_service_level_per_answered_abandoned_hi
2016,multiple,,1000,0.6,0.6,600,0.4,400,3,0.58,0.57,0.59,0.8,0.79,0.81
2017,cross,callback_offer,1100,0.5,0.5,550,0.5,550,3,0.49,0.48,0.5,0.82,0.81,0.83
CSV
cat >"$st/costs.csv" <<'CSV'
table,key,year,value,half_width,unit
line,agents,2016,5000000,1000,eur/year
line,outsourcing,2016,800000,100,eur/year
line,maintenance,2016,250000,0,eur/year
tco_on_premise,cash,2016,6100000,,eur/year
tco_on_premise,cash,2017,6300000,,eur/year
tco_cloud,cash,2016,6400000,,eur/year
tco_cloud,cash,2017,5900000,,eur/year
CSV
cat >"$st/compare.csv" <<'CSV'
policy,kpi,n,baseline_mean,baseline_lo,baseline_hi,policy_mean,policy_lo,policy_hi,diff_mean,diff_lo,diff_hi,diff_half_width,significant,target_half_width,counted
unified_desk,total.realtime_service_level_per_answered_abandoned,3,0.8,0.78,0.82,0.85,0.83,0.87,0.05,0.03,0.07,0.02,1,,0
callback_offer,total.realtime_service_level_per_answered_abandoned,3,0.8,0.78,0.82,0.81,0.79,0.83,0.01,-0.01,0.03,0.02,0,,0
CSV
printf '%s\n' "group,interval,day,time,erlang_on_duty,required,scheduled,on_duty,surplus" \
  "voice,0,Mon,00:00,2,2,3,2.5,1" "voice,1,Mon,00:15,4,4,4,3.4,0" "voice,2,Mon,00:30,5,5,6,5.1,1" \
  >"$st/coverage.csv"
"$omnisim" plot "$st" 2>"$tmp/stderr" || fail "plot with study files: $(cat "$tmp/stderr")"
for c in channel_mix costs compare coverage; do
  check_png "$st/$c.png" 300
  grep -q "$c.png" "$tmp/stderr" || fail "plot did not list $c.png"
done

# Charts of real study runs: sweep and compare draw their own chart, each directory's
# report embeds it (a directory holds one run, so each study writes a directory of its own).
"$omnisim" sweep "$src/scenarios/tiny-mmn.json" --set channels.phone.agents=10:12:1 -r 3 -q \
  -o "$tmp/sweep" >/dev/null 2>&1 || fail "sweep run"
"$omnisim" plot -q "$tmp/sweep" || fail "plot of the sweep directory"
check_png "$tmp/sweep/sweep.png" 300
grep -q 'alt="sweep"' "$tmp/sweep/report.html" || fail "the sweep report lacks its chart"
grep -q '<h2>Sweep</h2>' "$tmp/sweep/report.html" || fail "the sweep report lacks its table"
# Closed hours are shaded (grey fills in the SVG, rgb 150/150/150): none for tiny-mmn's
# phone, open around the clock, one per night when it closes at 18:00.
"$omnisim" run "$src/scenarios/tiny-mmn.json" -q -r 2 -o "$tmp/open" >/dev/null 2>&1 || fail "tiny run"
"$omnisim" run "$src/scenarios/tiny-mmn.json" -q -r 2 -o "$tmp/closed" \
  --set 'channels.phone.hours={"all": [["08:00", "18:00"]]}' >/dev/null 2>&1 || fail "tiny run, closed hours"
check_png "$tmp/closed/service_level.png" 300
shade='fill:rgb(58.823529%,58.823529%,58.823529%)'
for d in open closed; do
  "$omnisim" plot -q --format svg --no-report "$tmp/$d" || fail "plot --format svg $d"
done
a=$(grep -c "$shade" "$tmp/open/service_level.svg"); b=$(grep -c "$shade" "$tmp/closed/service_level.svg")
[ "$a" -eq 0 ] || fail "an always-open channel has $a shaded spans"
[ "$b" -ge 7 ] || fail "a channel closed every night has $b shaded spans, want one per night"

# Unhappy paths: exit codes, never a crash.
mkdir "$tmp/empty"
"$omnisim" plot -q "$tmp/empty" 2>/dev/null
[ $? -eq 1 ] || fail "plot of an empty directory: want exit 1"
"$omnisim" plot -q "$tmp/nonexistent" 2>/dev/null
[ $? -eq 1 ] || fail "plot of a missing directory: want exit 1"
"$omnisim" plot -q --format gif "$out" 2>/dev/null
[ $? -eq 2 ] || fail "plot --format gif: want exit 2"
mkdir "$tmp/bad"
printf 'from,to,repeat_contacts\nphone\n' >"$tmp/bad/flows.csv"
"$omnisim" plot -q --no-report "$tmp/bad" 2>"$tmp/stderr"
[ $? -eq 1 ] || fail "plot of a malformed flows.csv: want exit 1"
grep -q "flows.csv" "$tmp/stderr" || fail "the error does not name flows.csv"
[ ! -e "$tmp/bad/flows.png" ] || fail "a malformed file still gave a chart"

[ "$fails" -eq 0 ] && echo "plot.sh: all checks passed"
[ "$fails" -eq 0 ]
