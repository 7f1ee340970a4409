#!/usr/bin/env bash
# The notebooks (notebooks/*.ipynb) run without a cell error against fresh files (a new
# `omnisim run` for the planner's interval view, `omnisim roadmap` for the roadmap notebook),
# and each shows its charts inline: run_notebook.py fails a notebook that displays no image
# (checked here on a notebook whose only cell draws without showing), and the images it saved
# must be real PNGs of a readable size. Every cell has an id (nbformat 4.5).
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
# No MPLBACKEND: the notebooks choose the inline backend themselves, as in Jupyter.
unset MPLBACKEND
export PYDEVD_DISABLE_FILE_VALIDATION=1
export HOME=$tmp # jupyter's runtime files go to a scratch place
# The kernel must be the same Python that has the packages.
export PATH=$(dirname "$py"):$PATH

"$omnisim" run -q -r 3 -o "$tmp/run" --no-plots >/dev/null 2>&1 || fail "omnisim run failed"
scenario=$src/scenarios/examples/omni-roadmap-demo.json
"$omnisim" roadmap "$scenario" -q -r 2 -o "$tmp/roadmap" >/dev/null 2>&1 || fail "omnisim roadmap failed"
[ -s "$tmp/roadmap/roadmap.csv" ] || fail "no roadmap.csv"

for nb in "$src"/notebooks/*.ipynb; do
  "$py" - "$nb" <<'PY' || fail "$(basename "$nb"): a cell without an id or an old nbformat"
import json, sys
nb = json.load(open(sys.argv[1]))
assert (nb["nbformat"], nb["nbformat_minor"]) >= (4, 5), "nbformat below 4.5"
ids = [c.get("id") for c in nb["cells"]]
assert all(ids) and len(set(ids)) == len(ids), f"cell ids missing or repeated: {ids}"
PY
done

img=$tmp/images
OMNISIM_RUN_DIR=$tmp/run "$py" "$src/notebooks/run_notebook.py" --images "$img" \
  "$src/notebooks/planner_intervals.ipynb" >"$tmp/nb.out" || fail "planner_intervals.ipynb"
OMNISIM_ROADMAP_CSV=$tmp/roadmap/roadmap.csv "$py" "$src/notebooks/run_notebook.py" --images "$img" \
  "$src/notebooks/roadmap.ipynb" >>"$tmp/nb.out" || fail "roadmap.ipynb"
cat "$tmp/nb.out"
# Each chart cell of each notebook shows its image; each image is a PNG of a readable size.
for want in planner_intervals-demand planner_intervals-service-level planner_intervals-agents \
  roadmap-mix roadmap-segments roadmap-kpis; do
  f=$img/$want-1.png
  [ -f "$f" ] || { fail "no image from cell $want"; continue; }
  s=$(png_size "$f") || { fail "$f is not a PNG"; continue; }
  set -- $s
  [ "$1" -ge 400 ] && [ "$2" -ge 200 ] || fail "$want: image ${1}x$2 is too small to read"
  [ "$(wc -c <"$f")" -gt 10000 ] || fail "$want: image of $(wc -c <"$f") bytes (blank?)"
done

# The image check can fail: a notebook that draws but never shows is refused.
"$py" - "$tmp/noimage.ipynb" <<'PY'
import sys, nbformat
nb = nbformat.v4.new_notebook()
nb.cells = [nbformat.v4.new_code_cell("import matplotlib\nmatplotlib.use('Agg')\n"
                                      "import matplotlib.pyplot as plt\nplt.plot([1, 2])")]
nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
nbformat.write(nb, sys.argv[1])
PY
"$py" "$src/notebooks/run_notebook.py" "$tmp/noimage.ipynb" >/dev/null 2>"$tmp/noimage.err" &&
  fail "a notebook without an image passed"
grep -q "no cell displayed an image" "$tmp/noimage.err" || fail "no message for a notebook without an image"

[ "$fails" -eq 0 ] && echo "notebooks.sh: all checks passed"
[ "$fails" -eq 0 ]
