#!/usr/bin/env bash
# report.html in a real browser: scripts/report-screenshot.sh takes a screenshot of a run's
# report in headless Chromium (a PNG of the window's size, not blank) and prints it to PDF
# through the print stylesheet (a PDF of several pages). Skipped (77) without chromium.
# Usage: screenshot.sh OMNISIM SOURCE_DIR
set -u
omnisim=$1
src=$2
. "$(dirname "$0")/lib.sh"
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 ||
  { echo "SKIP chromium is not installed"; exit 77; }
"$omnisim" run "$src/scenarios/tiny-mmn.json" -q -r 2 -o "$tmp/run" >/dev/null 2>&1 || fail "run"
"$src/scripts/report-screenshot.sh" "$tmp/run/report.html" "$tmp/shot.png" 1280,1600 \
  --pdf "$tmp/report.pdf" >/dev/null
check "report-screenshot.sh" 0 $?
s=$(png_size "$tmp/shot.png") || fail "the screenshot is no PNG"
[ "$s" = "1280 1600" ] || fail "screenshot size $s, want 1280 1600"
# a blank page compresses to a few kB; the report's tables and charts do not
[ "$(wc -c <"$tmp/shot.png")" -gt 40000 ] || fail "the screenshot looks blank ($(wc -c <"$tmp/shot.png") bytes)"
[ "$(head -c 4 "$tmp/report.pdf")" = "%PDF" ] || fail "the print is no PDF"
pages=$(grep -ao '/Type */Pages*' "$tmp/report.pdf" | grep -vc Pages)
[ "$pages" -ge 2 ] || fail "the printed report has $pages page(s)"
# usage errors
"$src/scripts/report-screenshot.sh" "$tmp/none.html" "$tmp/x.png" >/dev/null 2>&1
check "a missing report is a usage error" 2 $?
[ "$fails" -eq 0 ] && echo "screenshot.sh: all checks passed"
