#!/usr/bin/env bash
# Every command that writes an output directory (-o) checks that it can write there before it
# simulates or computes anything (cli_output_check, out_file_probe): a directory that cannot be
# created or written is an error (exit 3) within seconds, naming the directory and the reason,
# with "nothing was run"; a probe leaves no file behind.
# Usage: outdir.sh OMNISIM SOURCE_DIR
set -u
omnisim=$1
src=$2
. "$(dirname "$0")/lib.sh"
tiny="$src/scenarios/tiny-mmn.json"
demo="$src/scenarios/examples/omni-roadmap-demo.json"
# Long enough that a check after the simulation would miss the timeout (about a minute for
# run on two cores).
long=(--set horizon_days=365 -r 200)
: >"$tmp/file"
bad="$tmp/file/out" # under a regular file: cannot be created, even by root

refused() { # NAME DIR ARGS...: exit 3 in 20 s, names DIR, runs nothing
  local name=$1 dir=$2
  shift 2
  check "$name" 3 timeout 20 "$omnisim" "$@" -o "$dir"
  grep -q "error: -o: cannot .*'$dir'.*; nothing was run" "$tmp/err" ||
    fail "$name: message: $(head -c 400 "$tmp/err")"
  grep -q "replications of\|simulating" "$tmp/err" && fail "$name: simulated first"
}
refused "run" "$bad" run "$tiny" "${long[@]}" -q
refused "run, not quiet" "$bad" run "$tiny" "${long[@]}"
refused "cost -o" "$bad" cost "$tiny" "${long[@]}" -q
refused "sweep" "$bad" sweep "$tiny" --set channels.phone.agents=10:30:1 "${long[@]}" -q
refused "compare" "$bad" compare "$demo" --policy callback_offer "${long[@]}" -q
refused "roadmap" "$bad" roadmap "$demo" "${long[@]}" -q
refused "simstaff" "$bad" simstaff "$demo" "${long[@]}" -q
refused "schedule" "$bad" schedule "$demo" -q
refused "staff" "$bad" staff "$tiny"
# An existing directory the process may not write into: /proc/self for anyone; a mode 0555
# directory for a user other than root (root writes there anyway).
check "run into /proc/self" 3 timeout 20 "$omnisim" run "$tiny" "${long[@]}" -q -o /proc/self
grep -q "error: -o: cannot write into the output directory '/proc/self': " "$tmp/err" ||
  fail "/proc/self: message: $(cat "$tmp/err")"
if [ "$(id -u)" -ne 0 ]; then
  mkdir "$tmp/ro" && chmod 555 "$tmp/ro"
  refused "read-only directory" "$tmp/ro" run "$tiny" "${long[@]}" -q
  grep -q "Permission denied" "$tmp/err" || fail "read-only: $(cat "$tmp/err")"
fi
# cost without -o writes nothing, so it is not refused for the default directory.
# A good directory: the run writes its files and the probe leaves nothing.
check "a writable directory" 0 "$omnisim" run "$tiny" -r 2 -q --no-plots -o "$tmp/good"
[ -f "$tmp/good/summary.json" ] || fail "no summary.json"
ls -A "$tmp/good" | grep -q "probe" && fail "probe left: $(ls -A "$tmp/good")"
# A probe left by a killed run (a dead PID) is removed.
: >"$tmp/good/.omnisim-probe.tmp.999999999.abcdef"
check "a stale probe" 0 "$omnisim" run "$tiny" -r 2 -q --no-plots -o "$tmp/good"
ls -A "$tmp/good" | grep -q "probe" && fail "stale probe kept: $(ls -A "$tmp/good")"

# A full disk while a run writes: the directory keeps the run it held, whole and unchanged
# (staging, out_manifest.h), exit 3 with the system's reason, nothing of the failed run left.
# The full disk is injected (OMNISIM_FAULT_ENOSPC=N: the commit after N files fails) at every
# file of the run in turn; as root (CI), also a real one: a 1 MiB tmpfs.
snapshot() { (cd "$1" && for f in $(ls -A); do printf '%s %s\n' "$f" "$(cksum <"$f")"; done); }
full=$tmp/full
check "full disk: the old run" 0 "$omnisim" run "$tiny" -r 2 -q -o "$full"
snapshot "$full" >"$tmp/full.before"
n_files=$(jq '.files | length' "$full/manifest.json")
for n in $(seq 0 "$n_files"); do
  OMNISIM_FAULT_ENOSPC=$n "$omnisim" run "$tiny" -r 3 -s 99 -q -o "$full" >/dev/null 2>"$tmp/err"
  rc=$?
  [ "$rc" -eq 3 ] || { fail "full disk at file $n: exit $rc, want 3"; continue; }
  grep -q "No space left on device" "$tmp/err" || fail "full disk at file $n: no reason: $(cat "$tmp/err")"
  grep -q "is unchanged" "$tmp/err" || fail "full disk at file $n: does not say the directory is unchanged"
  snapshot "$full" | cmp -s - "$tmp/full.before" || fail "full disk at file $n: the directory changed: $(snapshot "$full" | diff - "$tmp/full.before" | head -5)"
done
[ "$fails" -eq 0 ] && echo "ok   a full disk at each of the $((n_files + 1)) commits of a run: exit 3, the old run whole and unchanged"
if [ "$(id -u)" -eq 0 ] && mkdir -p "$tmp/tmpfs" && mount -t tmpfs -o size=1m omnisim-test "$tmp/tmpfs" 2>/dev/null; then
  check "tmpfs: a small run fits" 0 "$omnisim" run "$tiny" -r 1 --no-plots -q -o "$tmp/tmpfs/d"
  snapshot "$tmp/tmpfs/d" >"$tmp/tmpfs.before"
  # the retailer's week (intervals.csv alone about 800 kB, and the charts) does not fit
  "$omnisim" run -r 2 -q -o "$tmp/tmpfs/d" >/dev/null 2>"$tmp/err"
  rc=$?
  [ "$rc" -eq 3 ] && grep -q "No space left on device" "$tmp/err" ||
    fail "tmpfs: exit $rc, want 3 with ENOSPC: $(cat "$tmp/err")"
  snapshot "$tmp/tmpfs/d" | cmp -s - "$tmp/tmpfs.before" || fail "tmpfs: the old run changed"
  [ -z "$(ls -A "$tmp/tmpfs/d" | grep '^\.omnisim-\(stage\|run\)')" ] || fail "tmpfs: a stage left"
  umount "$tmp/tmpfs"
  [ "$fails" -eq 0 ] && echo "ok   a real full disk (1 MiB tmpfs): exit 3, the old run whole"
else
  echo "note: the real full-disk case (tmpfs) needs root; the injected one ran"
fi
exit 0
