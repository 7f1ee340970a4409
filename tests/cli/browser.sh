#!/usr/bin/env bash
# tests/cli/browser.sh -- the workbench page of `omnisim serve` in headless Chromium
# (tests/serve/browser.mjs: load, change agents, compare the shown KPIs with `omnisim run`, an
# invalid value's message, compare mode), with screenshots of each step in
# $OMNISIM_SCREENSHOT_DIR when set (else a scratch directory). Skips (77) without chromium
# or node (scripts/setup-deps.sh installs both).
set -u
omnisim=$1
src=${2:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$(dirname "$0")/lib.sh"
chromium=${CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || { echo "SKIP: no $chromium"; exit 77; }
command -v node >/dev/null || { echo "SKIP: no node"; exit 77; }
shots=${OMNISIM_SCREENSHOT_DIR:-$tmp/shots}
mkdir -p "$shots" "$tmp/work"

"$omnisim" serve --port 0 -q -j 2 >"$tmp/url" 2>"$tmp/err" &
pid=$!
trap 'st=$?; { kill -9 "$pid" && wait "$pid"; } 2>/dev/null; (exit $st); lib_exit' EXIT
url=
for _ in $(seq 50); do
  url=$(head -n 1 "$tmp/url" 2>/dev/null)
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { fail "omnisim serve printed no address: $(cat "$tmp/err")"; exit 1; }
CHROMIUM=$chromium timeout 180 node "$src/tests/serve/browser.mjs" "$url" "$omnisim" "$shots" "$tmp/work" \
  || fail "tests/serve/browser.mjs"
exit 0
