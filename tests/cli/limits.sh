#!/usr/bin/env bash
# Every command that simulates refuses an absurd run before it starts (models/cc/limits_run.h):
# exit 1, a message naming the field to change and the limit, and no output files.
# Usage: limits.sh OMNISIM SOURCE_DIR
set -u
omnisim=$1
src=$2
. "$(dirname "$0")/lib.sh"
tiny="$src/scenarios/tiny-mmn.json"
demo="$src/scenarios/examples/omni-roadmap-demo.json"
huge_tiny=(--set channels.phone.daily_volume=9e7 --set horizon_days=3650 -r 100)
huge_demo=(--set demand.daily_volume=9e7 --set horizon_days=3650 -r 100)
fail=0
refused() { # NAME CMD...: exit 1 within a few seconds, names horizon_days, writes nothing
  local name=$1; shift
  local out="$tmp/$name"
  timeout 60 "$omnisim" "$@" -q -o "$out" >"$tmp/$name.out" 2>"$tmp/$name.err"
  local rc=$?
  if [ $rc -ne 1 ]; then echo "FAIL $name: exit $rc, expected 1"; cat "$tmp/$name.err"; fail=1; return; fi
  grep -q "horizon_days: about .* above the limit" "$tmp/$name.err" ||
    { echo "FAIL $name: message"; cat "$tmp/$name.err"; fail=1; return; }
  if [ -d "$out" ] && [ -n "$(ls -A "$out")" ]; then echo "FAIL $name: wrote files"; fail=1; return; fi
  echo "ok   $name refused: $(head -c 120 "$tmp/$name.err")..."
}
refused run run "$tiny" "${huge_tiny[@]}"
refused cost cost "$tiny" "${huge_tiny[@]}"
refused sweep sweep "$tiny" --set channels.phone.agents=10:11:1 "${huge_tiny[@]}"
refused compare compare "$demo" --policy callback_offer "${huge_demo[@]}"
refused roadmap roadmap "$demo" "${huge_demo[@]}"
# A sensible run of the same scenario still runs.
"$omnisim" run "$tiny" -r 2 -q --no-plots -o "$tmp/ok" >/dev/null 2>&1 || { echo "FAIL a normal run"; fail=1; }
exit $fail
