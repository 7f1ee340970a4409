#!/usr/bin/env bash
# xlsx.sh -- `--xlsx FILE` (output/out_xlsx.c): for run, compare, sweep, roadmap, cost, staff
# and schedule, the workbook read back with openpyxl has a summary sheet naming the command,
# the scenario and every other sheet, and one sheet per CSV file of the same run whose header
# row is the CSV header, whose second row holds the units, both frozen, and whose cells equal
# the CSV fields cell by cell (numbers as numbers to the CSV's 10 significant digits, empty
# where the CSV is empty); shares are formatted in %, euros with thousands separators; the
# workbook is listed in the manifest and is byte-identical for 1 and 2 threads; a workbook
# that cannot be written exits 3 and leaves no file.
# Skipped (77) without Debian's python3-openpyxl. Usage: xlsx.sh OMNISIM SOURCE_DIR
set -u
omnisim=$1
src=$2
. "$(dirname "$0")/lib.sh"
py=/usr/bin/python3
[ -x "$py" ] || py=$(command -v python3 || true)
if [ -z "$py" ] || ! "$py" -c 'import openpyxl' 2>/dev/null; then
  echo "xlsx.sh: python3-openpyxl missing (scripts/setup-deps.sh); skipped"
  exit 77
fi
tiny="$src/scenarios/tiny-mmn.json"
demo="$src/scenarios/examples/omni-roadmap-demo.json"
energy="$src/scenarios/energy-outsourcing-sla.json"

cat >"$tmp/check.py" <<'PY'
import csv, math, os, sys
import openpyxl

book, outdir, command = sys.argv[1], sys.argv[2], sys.argv[3]
sheets = sys.argv[4:]
bad = []
wb = openpyxl.load_workbook(book)
if wb.sheetnames != ["summary"] + sheets:
    bad.append("sheets %s, want %s" % (wb.sheetnames, ["summary"] + sheets))
summ = {r[0]: r[1] for r in wb["summary"].iter_rows(min_row=2, max_row=5, values_only=True)}
if summ.get("command") != command:
    bad.append("summary command %r" % summ.get("command"))
if not summ.get("scenario"):
    bad.append("summary has no scenario")
listed = [r for r in wb["summary"].iter_rows(min_row=7, values_only=True) if r[0]]
formats = {}
for name in sheets:
    if name not in wb.sheetnames:
        continue
    ws = wb[name]
    with open(os.path.join(outdir, name + ".csv"), newline="") as f:
        rows = list(csv.reader(f))
    got = [list(r) for r in ws.iter_rows(values_only=True)]
    ncol = len(rows[0])
    got = [(r + [None] * ncol)[:ncol] for r in got]
    if [str(c) for c in got[0]] != rows[0]:
        bad.append("%s: header %s != csv %s" % (name, got[0][:6], rows[0][:6]))
    if any(u in (None, "") for u in got[1]):
        bad.append("%s: a column without a unit: %s" % (name, got[1]))
    if ws.freeze_panes != "A3":
        bad.append("%s: frozen at %s, want A3" % (name, ws.freeze_panes))
    if ws.cell(1, 1).comment is None:
        bad.append("%s: the first header has no comment" % name)
    if len(got) - 2 != len(rows) - 1:
        bad.append("%s: %d data rows, csv %d" % (name, len(got) - 2, len(rows) - 1))
    if (name, len(rows) - 1, ncol) not in [(r[0], r[1], r[2]) for r in listed]:
        bad.append("%s: not listed in the summary with its size" % name)
    for i, (x, c) in enumerate(zip(got[2:], rows[1:])):
        for j in range(ncol):
            v, s = x[j], c[j]
            where = "%s!%s%d (%s)" % (name, openpyxl.utils.get_column_letter(j + 1), i + 3, rows[0][j])
            if s == "":
                if v not in (None, ""):
                    bad.append("%s: %r where the csv is empty" % (where, v))
                continue
            if isinstance(v, bool):
                if s != ("1" if v else "0"):
                    bad.append("%s: %r, csv %s" % (where, v, s))
            elif isinstance(v, (int, float)):
                try:
                    want = float(s)
                except ValueError:
                    bad.append("%s: number %r, csv text %r" % (where, v, s))
                    continue
                # the CSV holds %.10g: a relative difference of at most 5e-10
                if abs(v - want) > 5e-10 * abs(want) + 1e-300:
                    bad.append("%s: %r, csv %s" % (where, v, s))
                formats.setdefault(got[1][j], set()).add(ws.cell(i + 3, j + 1).number_format)
            elif str(v) != s:
                bad.append("%s: %r, csv %r" % (where, v, s))
for unit, fmts in formats.items():
    if unit == "share" and not all("%" in f for f in fmts):
        bad.append("share cells formatted %s" % fmts)
    if unit.startswith("EUR") and not all("#,##0" in f for f in fmts):
        bad.append("euro cells formatted %s" % fmts)
    if unit == "s" and not all("#,##0" in f for f in fmts):
        bad.append("second cells formatted %s" % fmts)
for b in bad[:20]:
    print("FAIL " + b)
print("%s: %d sheets checked, %d problems" % (book, len(sheets), len(bad)))
sys.exit(1 if bad else 0)
PY

# book DIR COMMAND SHEET...: the workbook DIR/omnisim.xlsx against DIR's CSV files.
book() {
  local dir=$1 cmd=$2
  shift 2
  "$py" "$tmp/check.py" "$dir/omnisim.xlsx" "$dir" "$cmd" "$@" || fail "$cmd workbook differs from its CSV files"
  grep -q '"omnisim.xlsx"' "$dir/manifest.json" || fail "$cmd: manifest.json does not list omnisim.xlsx"
  [ -z "$(ls -A "$dir" | grep '^\.')" ] || fail "$cmd: temporary files left behind: $(ls -A "$dir")"
}

subcommand=run
expect 0 -q -r 3 --no-plots -o "$tmp/run" --xlsx "$tmp/run/omnisim.xlsx" "$tiny"
book "$tmp/run" run kpis
subcommand=compare
expect 0 -q -r 3 -j 1 -o "$tmp/cmp" --xlsx "$tmp/cmp/omnisim.xlsx" "$demo" --policy steer_by_queue
book "$tmp/cmp" compare compare
expect 0 -q -r 3 -j 2 -o "$tmp/cmp2" --xlsx "$tmp/cmp2/omnisim.xlsx" "$demo" --policy steer_by_queue
cmp -s "$tmp/cmp/omnisim.xlsx" "$tmp/cmp2/omnisim.xlsx" || fail "the workbook differs between 1 and 2 threads"
subcommand=sweep
expect 0 -q -r 2 -o "$tmp/sw" --xlsx "$tmp/sw/omnisim.xlsx" "$tiny" --set channels.phone.agents=9:11:1
book "$tmp/sw" sweep sweep
subcommand=roadmap
expect 0 -q -r 2 -o "$tmp/rm" --xlsx "$tmp/rm/omnisim.xlsx" "$demo"
book "$tmp/rm" roadmap roadmap
subcommand=cost
expect 0 -q -r 2 -o "$tmp/cost" --xlsx "$tmp/cost/omnisim.xlsx" "$energy" --sla-sweep callpartner=40:50:10
book "$tmp/cost" cost costs sla
subcommand=staff
expect 0 -q -o "$tmp/staff" --xlsx "$tmp/staff/omnisim.xlsx" "$tiny"
book "$tmp/staff" staff staffing
subcommand=schedule
expect 0 -q -r 2 -o "$tmp/sch" --xlsx "$tmp/sch/omnisim.xlsx" "$energy"
book "$tmp/sch" schedule schedule coverage capacity service

# the workbook outside the output directory; a directory that cannot hold it exits 3
subcommand=staff
expect 0 -q -o "$tmp/staff2" --xlsx "$tmp/elsewhere.xlsx" "$tiny"
[ -s "$tmp/elsewhere.xlsx" ] || fail "--xlsx outside -o wrote nothing"
expect 3 -q -o "$tmp/staff3" --xlsx "$tmp/no/such/dir/o.xlsx" "$tiny"
grep -q -- "--xlsx" "$tmp/stderr" || fail "the error does not name --xlsx: $(cat "$tmp/stderr")"
[ ! -e "$tmp/no" ] || fail "a failed workbook left something behind"
expect 2 -q --xlsx
