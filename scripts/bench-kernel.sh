#!/usr/bin/env bash
# Kernel benchmark: omnisim's general kernel against the bare C loop of
# ../shared/bench/reference_mmc.c, side by side, N runs each (default 5), and the hold model.
# Prints a Markdown section for docs/performance.md with medians. Figures from a shared,
# noisy machine: compare ratios measured in the same run, not absolute times across days.
# Usage: scripts/bench-kernel.sh [RUNS]   (builds ./build first if needed)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-5}
omnisim=${OMNISIM:-$here/build/omnisim}
[ -x "$omnisim" ] || "$here/scripts/build.sh" >/dev/null
ref_src=$here/../shared/bench/reference_mmc.c
ref_bin=$(mktemp /tmp/reference_mmc.XXXXXX)
trap 'rm -f "$ref_bin"' EXIT
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
hold=$("$omnisim" bench --horizon 10 --warmup 0 --hold-max 100000 | grep '^hold')
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
echo
echo "Cost per event as the number of pending events grows (hold model: each event"
echo "reschedules itself after an exponential delay; 3 million events; heap calendar):"
echo
echo '```'
echo "$hold"
echo '```'
