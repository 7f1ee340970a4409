#!/usr/bin/env bash
# The notebooks (notebooks/*.ipynb) run without a cell error against fresh files: a new
# `omnisim run` for the planner's interval view, and `omnisim roadmap` (or, when that
# command is missing, a roadmap.csv generated per docs/outputs.md) for the roadmap notebook.
# Skipped (77) when Debian's python3-pandas, -matplotlib, -nbclient, -nbformat or -ipykernel
# are missing (scripts/setup-deps.sh installs them).
# Usage: notebooks.sh OMNISIM SOURCE_DIR
set -u
omnisim=$1
src=$2
py=/usr/bin/python3
[ -x "$py" ] || py=$(command -v python3 || true)
[ -n "$py" ] || { echo "notebooks.sh: no python3; skipped"; exit 77; }
"$py" -c 'import pandas, matplotlib, nbclient, nbformat, ipykernel' 2>/dev/null || {
  echo "notebooks.sh: python3-pandas/matplotlib/nbclient/nbformat/ipykernel missing; skipped"
  exit 77
}
. "$(dirname "$0")/lib.sh"
export MPLBACKEND=Agg PYDEVD_DISABLE_FILE_VALIDATION=1
export HOME=$tmp # jupyter's runtime files go to a scratch place
# The kernel must be the same Python that has the packages.
export PATH=$(dirname "$py"):$PATH

"$omnisim" run -q -r 3 -o "$tmp/run" --no-plots >/dev/null 2>&1 || fail "omnisim run failed"
scenario=$src/scenarios/examples/omni-roadmap-demo.json
if "$omnisim" roadmap --help >/dev/null 2>&1 && [ -f "$scenario" ]; then
  "$omnisim" roadmap "$scenario" -q -r 2 -o "$tmp/run" >/dev/null 2>&1 ||
    fail "omnisim roadmap failed"
else
  cat >"$tmp/run/roadmap.csv" <<'CSV'
year,stage,policies,demand_daily_volume,expected_voice_share,expected_mix.phone,expected_volume.phone,expected_mix.chat,expected_volume.chat,segment_share.boomers,segment_share.gen_y,n,voice_share_offered_mean,voice_share_offered_lo,voice_share_offered_hi,total.realtime_service_level_per_answered_abandoned_mean,total.realtime_service_level_per_answered_abandoned_lo,total.realtime_service_level_per_answered_abandoned_hi
2016,multiple,,1000,0.57,0.57,570,0.43,430,0.6,0.4,2,0.55,0.54,0.56,0.8,0.78,0.82
2017,cross,callback_offer,1100,0.49,0.49,539,0.51,561,0.55,0.45,2,0.48,0.47,0.49,0.83,0.81,0.85
CSV
fi
[ -s "$tmp/run/roadmap.csv" ] || fail "no roadmap.csv"

OMNISIM_RUN_DIR=$tmp/run "$py" "$src/notebooks/run_notebook.py" \
  "$src/notebooks/planner_intervals.ipynb" || fail "planner_intervals.ipynb"
OMNISIM_ROADMAP_CSV=$tmp/run/roadmap.csv "$py" "$src/notebooks/run_notebook.py" \
  "$src/notebooks/roadmap.ipynb" || fail "roadmap.ipynb"

[ "$fails" -eq 0 ] && echo "notebooks.sh: all checks passed"
[ "$fails" -eq 0 ]
