#!/usr/bin/env bash
# A screenshot of a report.html in headless Chromium (Debian's chromium), to look at the page
# as a reader's browser shows it, and optionally its print to PDF (the @media print style).
# Usage: scripts/report-screenshot.sh REPORT_HTML OUT_PNG [WIDTH,HEIGHT] [--pdf OUT_PDF]
#   WIDTH,HEIGHT  the browser window in pixels (default 1280,2400: the top of the page)
# Exit codes: 0 written, 1 the browser wrote no image, 2 usage, 77 no chromium installed.
set -u
usage() { echo "usage: scripts/report-screenshot.sh REPORT_HTML OUT_PNG [WIDTH,HEIGHT] [--pdf OUT_PDF]" >&2; exit 2; }
[ $# -ge 2 ] || usage
html=$1 png=$2
shift 2
size=1280,2400 pdf=""
while [ $# -gt 0 ]; do
  case $1 in
    --pdf) [ $# -ge 2 ] || usage; pdf=$2; shift 2 ;;
    *,*) size=$1; shift ;;
    *) usage ;;
  esac
done
[ -f "$html" ] || { echo "report-screenshot: no such file: $html" >&2; exit 2; }
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { echo "report-screenshot: chromium is not installed (scripts/setup-deps.sh)"; exit 77; }
abs=$(cd "$(dirname "$html")" && pwd)/$(basename "$html")
# A profile of its own in a scratch directory: nothing read from or left in $HOME.
profile=$(mktemp -d) || exit 1
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run
       --user-data-dir="$profile" --disable-extensions)
rm -f "$png"
"$browser" "${flags[@]}" --window-size="$size" --screenshot="$png" "file://$abs" >/dev/null 2>&1
[ -s "$png" ] || { echo "report-screenshot: chromium wrote no image $png" >&2; exit 1; }
if [ -n "$pdf" ]; then
  rm -f "$pdf"
  "$browser" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$pdf" "file://$abs" >/dev/null 2>&1
  [ -s "$pdf" ] || { echo "report-screenshot: chromium wrote no PDF $pdf" >&2; exit 1; }
fi
echo "report-screenshot: $png${pdf:+ and $pdf}"
