#!/usr/bin/env bash
# Kernel benchmark: omnisim's general kernel against the bare C loop of
# ../shared/bench/reference_mmc.c, side by side, N runs each (default 5), and the hold model.
# Prints a Markdown section for docs/performance.md with medians. Figures from a shared,
# noisy machine: compare ratios measured in the same run, not absolute times across days.
# With valgrind installed it also counts instructions per model event (callgrind), which do
# not depend on the machine's load.
# Usage: scripts/bench-kernel.sh [RUNS]   (builds ./build first if needed)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-5}
omnisim=${OMNISIM:-$here/build/omnisim}
[ -x "$omnisim" ] || "$here/scripts/build.sh" >/dev/null
ref_src=$here/../shared/bench/reference_mmc.c
ref_bin=$(mktemp /tmp/reference_mmc.XXXXXX)
ref_plain=$(mktemp /tmp/reference_mmc.XXXXXX)
trap 'rm -f "$ref_bin" "$ref_plain"' EXIT
gcc -O2 -march=native -o "$ref_bin" "$ref_src" -lm
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
ours=(); refs=(); ratios=(); ns=(); rss=()
for i in $(seq "$runs"); do
  out=$("$omnisim" bench --reference "$ref_bin" --hold-max 0)
  ours+=("$(sed -n 's/^model_events=.* model_events_per_s=\([^ ]*\).*/\1/p' <<<"$out")")
  ns+=("$(sed -n 's/^model_events=.* ns_per_model_event=\([^ ]*\).*/\1/p' <<<"$out")")
  refs+=("$(sed -n 's/^reference: model_events=.* model_events_per_s=\([^ ]*\).*/\1/p' <<<"$out")")
  ratios+=("$(sed -n 's/^ratio omnisim\/reference model_events_per_s=\(.*\)/\1/p' <<<"$out")")
  rss+=("$(sed -n 's/^memory peak_rss_kib=\([0-9]*\).*/\1/p' <<<"$out")")
done
long=$("$omnisim" bench --horizon 1000000 --hold-max 0 | sed -n 's/^memory peak_rss_kib=\([0-9]*\).*/\1/p')
# Hold model: median of 3 runs per size.
declare -A hold_ns
for i in 1 2 3; do
  while read -r p v; do hold_ns[$p]+="$v "; done < <("$omnisim" bench --horizon 10 --warmup 0 \
    --hold-max 100000 | awk '/^hold/ {split($3, a, "="); split($6, b, "="); print a[2], b[2]}')
done
# Instructions per model event: the difference between two horizons, so start-up (dynamic
# loading, seeding) cancels out. The reference is built without -march=native here, which
# valgrind cannot decode on every machine.
instr=""
if command -v valgrind >/dev/null 2>&1; then
  gcc -O2 -o "$ref_plain" "$ref_src" -lm
  irefs() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
            sed -n 's/.*Collected : \([0-9]*\).*/\1/p'; }
  events() { "$@" | sed -n 's/^model_events=\([0-9]*\).*/\1/p'; }
  a=$(irefs "$omnisim" bench --horizon 20000 --hold-max 0)
  b=$(irefs "$omnisim" bench --horizon 2000 --hold-max 0)
  ea=$(events "$omnisim" bench --horizon 20000 --hold-max 0)
  eb=$(events "$omnisim" bench --horizon 2000 --hold-max 0)
  ra=$(irefs "$ref_plain" 10 0.333333333333333 35 0.5 20000 1)
  rb=$(irefs "$ref_plain" 10 0.333333333333333 35 0.5 2000 1)
  rea=$(events "$ref_plain" 10 0.333333333333333 35 0.5 20000 1)
  reb=$(events "$ref_plain" 10 0.333333333333333 35 0.5 2000 1)
  instr=$(awk -v a="$a" -v b="$b" -v ea="$ea" -v eb="$eb" -v ra="$ra" -v rb="$rb" \
              -v rea="$rea" -v reb="$reb" 'BEGIN {
    printf "| instructions per model event, omnisim (callgrind) | %.0f | horizons 20000 - 2000 min |\n", (a - b) / (ea - eb)
    printf "| instructions per model event, reference (gcc -O2) | %.0f | same |\n", (ra - rb) / (rea - reb) }')
fi
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
echo "## Kernel (M/M/c+M through the general kernel vs the bare C loop)"
echo
echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores ($cpu), a shared and noisy machine;"
echo "medians of $runs runs of \`omnisim bench --reference reference_mmc\` (lambda 10/min,"
echo "AHT 3 min, 35 agents, patience 2 min, 100,000 min: about 1 million arrivals, 2 million"
echo "model events = arrivals + service completions + abandonments). Regenerate with"
echo "\`scripts/bench-kernel.sh\`."
echo
echo "| figure | median | runs |"
echo "|---|---|---|"
echo "| omnisim model_events_per_s | $(printf '%s\n' "${ours[@]}" | median) | ${ours[*]} |"
echo "| reference model_events_per_s | $(printf '%s\n' "${refs[@]}" | median) | ${refs[*]} |"
echo "| ratio omnisim / reference (same run) | $(printf '%s\n' "${ratios[@]}" | median) | ${ratios[*]} |"
echo "| omnisim ns per model event | $(printf '%s\n' "${ns[@]}" | median) | ${ns[*]} |"
echo "| peak RSS, 1 million arrivals (KiB) | $(printf '%s\n' "${rss[@]}" | median) | |"
echo "| peak RSS, 10 million arrivals (KiB) | $long | |"
[ -n "$instr" ] && echo "$instr"
echo
echo "Cost per event as the number of pending events grows (hold model: each event"
echo "reschedules itself after an exponential delay; 3 million events per size, run by"
echo "\`sim_env_step\`; heap calendar; median of 3 runs):"
echo
echo '```'
for p in 10 100 1000 10000 100000; do
  echo "hold calendar=heap pending=$p ns_per_event=$(tr ' ' '\n' <<<"${hold_ns[$p]}" | grep . | median)"
done
echo '```'
