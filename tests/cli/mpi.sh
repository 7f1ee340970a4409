#!/usr/bin/env bash
# The MPI build run by `mpirun --oversubscribe -n 3` gives byte-identical results to one
# process: replications are spread over the ranks and gathered (sim/sim_mpi.h).
# Skipped (exit 77) when omnisim was built without MPI or mpirun is missing.
# Usage: mpi.sh OMNISIM SOURCE_DIR
set -u
omnisim=$1
src=$2
if ! "$omnisim" --version | grep -q "MPI"; then echo "skip: omnisim built without MPI"; exit 77; fi
command -v mpirun >/dev/null || { echo "skip: no mpirun"; exit 77; }
. "$(dirname "$0")/lib.sh"
mpirun_flags="--oversubscribe"
[ "$(id -u)" -eq 0 ] && mpirun_flags="$mpirun_flags --allow-run-as-root"
fail=0
run_both() { # NAME ARGS...: one process vs three ranks, outputs compared byte for byte
  local name=$1; shift
  "$omnisim" "$@" -o "$tmp/$name.1" -q -j 1 >"$tmp/$name.1.out" 2>"$tmp/$name.1.err" ||
    { echo "FAIL $name: single process failed"; cat "$tmp/$name.1.err"; fail=1; return; }
  # shellcheck disable=SC2086
  mpirun $mpirun_flags -n 3 "$omnisim" "$@" -o "$tmp/$name.3" -q -j 2 \
    >"$tmp/$name.3.out" 2>"$tmp/$name.3.err" ||
    { echo "FAIL $name: mpirun -n 3 failed"; cat "$tmp/$name.3.err"; fail=1; return; }
  cmp -s "$tmp/$name.1.out" "$tmp/$name.3.out" || { echo "FAIL $name: stdout differs"; fail=1; }
  for f in "$tmp/$name.1"/*; do
    if [ "$(basename "$f")" = manifest.json ]; then # its command line differs (-o, -j)
      cmp -s <(grep -v '"command"' "$f") <(grep -v '"command"' "$tmp/$name.3/manifest.json") ||
        { echo "FAIL $name: manifest.json differs beyond its command line"; fail=1; }
      continue
    fi
    cmp -s "$f" "$tmp/$name.3/$(basename "$f")" ||
      { echo "FAIL $name: $(basename "$f") differs"; fail=1; }
  done
  [ $fail -eq 0 ] && echo "ok   $name: 1 process and 3 ranks identical ($(ls "$tmp/$name.1" | wc -l) files)"
}
run_both mmc run --mmc -r 7 --horizon 3000
run_both scenario run -r 5 --no-plots
demo="$src/scenarios/examples/omni-roadmap-demo.json"
run_both compare compare "$demo" --policy callback_offer --policy unified_desk -r 4
run_both sweep sweep "$src/scenarios/tiny-mmn.json" --set channels.phone.agents=10:12:1 -r 3
exit $fail
