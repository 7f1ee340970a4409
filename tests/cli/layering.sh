#!/usr/bin/env bash
# The folders are layers, each allowed to include headers of the folders below it only:
#   sim <- models/scenario <- models/demand <- models/queueing <- models/cc
#       <- models/cost, models/shift <- models/study <- output <- cli
# (docs/architecture.md). The build enforces it (each folder's object library sees only the
# include directories of the folders it links); this test checks it twice: every #include of
# every file against the map (every pair of folders), and deliberate wrong-direction includes
# that must fail to compile (tests/CMakeLists.txt, layering probes) with a control that must
# compile.
# Usage: layering.sh OMNISIM SOURCE_DIR
set -u
src=$2
build=$(cd "$(dirname "$1")" && pwd)
fail=0
# folder -> the folders it may include from (itself first)
declare -A may=(
  [sim]="sim"
  [models/scenario]="models/scenario sim"
  [models/demand]="models/demand models/scenario sim"
  [models/queueing]="models/queueing models/demand models/scenario sim"
  [models/cc]="models/cc models/queueing models/demand models/scenario sim"
  [models/cost]="models/cost models/cc models/queueing models/demand models/scenario sim"
  [models/shift]="models/shift models/cc models/queueing models/demand models/scenario sim"
  [models/study]="models/study models/cost models/shift models/cc models/queueing models/demand models/scenario sim"
  [output]="output models/study models/cost models/shift models/cc models/queueing models/demand models/scenario sim"
  [cli]="cli output models/study models/cost models/shift models/cc models/queueing models/demand models/scenario sim"
)
declare -A home
for dir in "${!may[@]}"; do
  for h in "$src/$dir"/*.h; do [ -e "$h" ] && home[$(basename "$h")]=$dir; done
done
# every folder with sources is in the map
for d in "$src"/models/*/; do
  d=${d%/}; d=models/${d##*/}
  [ -n "${may[$d]:-}" ] || { echo "FAIL $d is not in the layer map of layering.sh"; fail=1; }
done
checked=0
for dir in "${!may[@]}"; do
  for f in "$src/$dir"/*.c "$src/$dir"/*.h; do
    [ -e "$f" ] || continue
    while read -r inc; do
      h=${home[$inc]:-}
      [ -n "$h" ] || continue # a system or library header
      checked=$((checked + 1))
      case " ${may[$dir]} " in
        *" $h "*) ;;
        *) echo "FAIL ${f#"$src"/} includes $inc from $h, above $dir"; fail=1 ;;
      esac
    done < <(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f")
  done
done
[ $fail -eq 0 ] && echo "ok   $checked includes, each from its own folder or one below"

# No include circles between modules: module M (M.c, M.h) depends on module N when M.c or M.h
# includes N.h; that graph must have no cycle (M_internal.h, the helpers M shares inside its
# folder, belongs to module M).
if command -v python3 >/dev/null; then
  python3 - "$src" ${!may[@]} <<'PY' || fail=1
import os, re, sys
src, dirs = sys.argv[1], sys.argv[2:]
dep = {}
for d in dirs:
    for f in sorted(os.listdir(os.path.join(src, d))):
        if not f.endswith((".c", ".h")):
            continue
        node = f[:-2].removesuffix("_internal")
        text = open(os.path.join(src, d, f), encoding="utf-8", errors="replace").read()
        for inc in re.findall(r'^#include "([^"]+)"', text, re.M):
            to = inc[:-2].removesuffix("_internal")
            if to != node:
                dep.setdefault(node, set()).add(to)
state, stack = {}, []
def visit(n):
    state[n] = 1
    stack.append(n)
    for m in sorted(dep.get(n, ())):
        if state.get(m) == 1:
            print("FAIL include circle: " + " -> ".join(stack[stack.index(m):] + [m]))
            return False
        if m not in state and not visit(m):
            return False
    stack.pop()
    state[n] = 2
    return True
ok = all(visit(n) for n in sorted(dep) if n not in state)
if ok:
    print("ok   no include circle among %d modules" % len(dep))
sys.exit(0 if ok else 1)
PY
fi

# The build refuses a wrong-direction include.
probe() { # NAME WANT(fail|build)
  local log
  log=$(cmake --build "$build" --target "layering_probe_$1" 2>&1)
  local rc=$?
  if [ "$2" = build ]; then
    [ $rc -eq 0 ] && echo "ok   control probe $1 compiles" ||
      { echo "FAIL control probe $1 does not compile:"; printf '%s\n' "$log" | tail -5; fail=1; }
  elif [ $rc -ne 0 ] && printf '%s' "$log" | grep -q "No such file or directory"; then
    echo "ok   $1 does not compile (header not on its include path)"
  else
    echo "FAIL $1: rc $rc, want a missing-header error:"; printf '%s\n' "$log" | tail -5; fail=1
  fi
}
if [ -f "$build/CMakeCache.txt" ] && command -v cmake >/dev/null; then
  probe control_cc_includes_queueing build
  for p in sim_includes_scenario scenario_includes_cc cc_includes_output cost_includes_study \
           output_includes_cli; do
    probe "$p" fail
  done
else
  echo "skip: no build tree at $build for the compile probes"
fi
exit $fail
