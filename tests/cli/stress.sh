#!/usr/bin/env bash
# One run per output directory under load (issue 21; out_dir.h): 50 runs in parallel into 50
# directories all write complete, correct sets; 10 runs into one directory at once: the ones
# refused by the directory's lock exit 3 at once, and the directory holds exactly one run's
# files, matching its manifest; 30 runs killed (SIGKILL) at a random moment: the lock is
# never stale (the next run succeeds), and a manifest.json, when there is one, matches the
# files, and the directory holds one whole run at every moment (the old one, the new one, or
# the new one half moved in from its stage with no manifest, which the next command
# completes). Fixed seed for the kill times (RANDOM=21). About 30 s on two shared cores.
# Usage: stress.sh OMNISIM SOURCE_DIR
set -u
omnisim=$1
src=$2
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "SKIP python3 missing"; exit 77; }
py=$(python3 -c 'import sys; print(sys.executable)') # past a version manager's shim: 70 calls
tiny="$src/scenarios/tiny-mmn.json"
short=(--set horizon_days=1 -r 2 --no-plots -q)
RANDOM=21

# verify DIR [SEED]: DIR/manifest.json parses, lists each file once with its bytes and
# FNV-1a hash, (with SEED) records that seed, and the directory holds exactly those files
# (one run: no file of an earlier run; hidden files -- the lock, a stage -- aside).
verify() {
  "$py" - "$@" <<'PY'
import json, os, sys
d = sys.argv[1]
m = json.load(open(os.path.join(d, "manifest.json")))
def fnv(b):
    h = 14695981039346656037
    for x in b:
        h = ((h ^ x) * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return "%016x" % h
if len(sys.argv) > 2:
    assert m["seed"] == int(sys.argv[2]), "seed %s" % m["seed"]
names = [f["name"] for f in m["files"]]
assert len(names) == len(set(names)), "a file listed twice"
for f in m["files"]:
    b = open(os.path.join(d, f["name"]), "rb").read()
    assert f["bytes"] == len(b), f["name"] + " size"
    assert f["fnv1a64"] == fnv(b), f["name"] + " hash"
others = sorted(x for x in set(os.listdir(d)) - set(names) - {"manifest.json"} if not x.startswith("."))
assert not others, "not the run's: %s" % others
PY
}
# pending DIR: no manifest.json, and a ready stage (its manifest.json written): a run killed
# while its files were being moved into place, which the next command completes.
pending() {
  [ ! -e "$1/manifest.json" ] && ls "$1"/.omnisim-stage.*/manifest.json >/dev/null 2>&1
}

# 1. 50 runs in parallel into 50 directories. Same scenario and seed: the reference is
# checked hash by hash, the other 49 must hold the same bytes and the same file list.
pids=()
for i in $(seq 1 50); do
  "$omnisim" run "$tiny" "${short[@]}" -o "$tmp/p$i" >"$tmp/p$i.out" 2>&1 &
  pids+=($!)
done
bad=0
for i in $(seq 1 50); do wait "${pids[$((i - 1))]}" || { bad=$((bad + 1)); cat "$tmp/p$i.out"; }; done
check "50 parallel runs into 50 directories" 0 "$bad"
verify "$tmp/p1" 42 || fail "p1 manifest"
strip() { jq -c 'del(.command)' "$1/manifest.json"; }
ref=$(strip "$tmp/p1")
for i in $(seq 2 50); do
  [ "$(strip "$tmp/p$i")" = "$ref" ] || fail "p$i: manifest differs from p1"
  for f in $(jq -r '.files[].name' "$tmp/p1/manifest.json"); do
    cmp -s "$tmp/p1/$f" "$tmp/p$i/$f" || fail "p$i/$f differs from p1"
  done
done

# 2. 10 runs at once into one directory, seeds 1..10, long enough to overlap.
one=$tmp/one
"$omnisim" run "$tiny" "${short[@]}" -s 100 -o "$one" >/dev/null 2>&1 || fail "one: first run"
pids=()
for s in $(seq 1 10); do
  "$omnisim" run "$tiny" --set horizon_days=14 -r 4 --no-plots -q -s "$s" -o "$one" \
    >"$tmp/one$s.out" 2>&1 &
  pids+=($!)
done
ok=() refused=0
for s in $(seq 1 10); do
  wait "${pids[$((s - 1))]}"
  rc=$?
  if [ "$rc" -eq 0 ]; then
    ok+=("$s")
  elif [ "$rc" -eq 3 ] && grep -q "another omnisim run (process [0-9]*) is writing into the output directory '$one'" "$tmp/one$s.out"; then
    refused=$((refused + 1))
  else
    fail "one: seed $s: exit $rc: $(head -c 300 "$tmp/one$s.out")"
  fi
done
[ "${#ok[@]}" -ge 1 ] || fail "one: no run succeeded"
[ "$refused" -ge 1 ] || fail "one: no run was refused (did they overlap?)"
echo "ok   10 into one directory: ${#ok[@]} succeeded (seeds ${ok[*]}), $refused refused"
seed=$(jq -r .seed "$one/manifest.json")
case " ${ok[*]} " in *" $seed "*) ;; *) fail "one: manifest seed $seed is not a successful run's" ;; esac
verify "$one" "$seed" || fail "one: files do not match the manifest"

# 3. SIGKILL at a random moment (0 to 0.25 s) in 30 runs into a directory that holds a
# complete run; then a run must succeed there (no stale lock) and be complete.
k=$tmp/kill
"$omnisim" run "$tiny" "${short[@]}" -o "$k" >/dev/null 2>&1 || fail "kill: first run"
nomani=0
for i in $(seq 1 30); do
  "$omnisim" run "$tiny" --set horizon_days=3 -r 2 --no-plots -q -s "$((1000 + i))" -o "$k" >/dev/null 2>&1 &
  pid=$!
  sleep "0.$(printf '%03d' $((RANDOM % 250)))"
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  # what a reader sees now: one whole run (the old or the killed one), or a swap cut short
  if pending "$k"; then
    nomani=$((nomani + 1))
    "$omnisim" plot -q "$k" >/dev/null 2>&1 # takes the lock and completes the swap first
    verify "$k" || fail "kill $i: the swap completed by plot does not match its manifest"
  else
    verify "$k" || fail "kill $i: the directory does not hold one whole run"
  fi
  "$omnisim" run "$tiny" "${short[@]}" -s "$i" -o "$k" >"$tmp/k.out" 2>&1 ||
    fail "kill $i: next run: $(head -c 300 "$tmp/k.out")"
  verify "$k" "$i" || fail "kill $i: next run's files do not match its manifest"
  [ -z "$(ls -A "$k" | grep '^\.omnisim-\(stage\|run\)')" ] || fail "kill $i: a stage or ledger left: $(ls -A "$k")"
  # and equal an undisturbed run's
  "$omnisim" run "$tiny" "${short[@]}" -s "$i" -o "$tmp/ref$i" >/dev/null 2>&1 || fail "ref $i"
  for f in $(jq -r '.files[].name' "$tmp/ref$i/manifest.json"); do
    cmp -s "$k/$f" "$tmp/ref$i/$f" || fail "kill $i: $f differs from an undisturbed run's"
  done
done
echo "ok   30 SIGKILLs: always one whole run ($nomani swaps cut short, completed by the next command), none a stale lock, results = undisturbed runs"
