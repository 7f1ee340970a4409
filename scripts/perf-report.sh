#!/usr/bin/env bash
# Regenerate the measured blocks of docs/performance.md. Each block sits between
# "<!-- perf:NAME -->" and "<!-- /perf:NAME -->" and is replaced by fresh output of the
# benchmark that produces it; the prose around the blocks is kept.
# Blocks: kernel, cc-horizon, cc-agents, threads, erlang, schedule.
# Usage: scripts/perf-report.sh [BLOCK...]   (default: all; builds ./build first if needed)
# Takes about 5 minutes on 2 cores. Figures from a shared, noisy machine: medians of several
# runs where the block says so; compare ratios from the same run, not times across days.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${OMNISIM_BUILD_DIR:-$here/build}
[ -x "$build/omnisim" ] && [ -x "$build/bench_cc" ] || "$here/scripts/build.sh" >/dev/null
omnisim=$build/omnisim
doc=$here/docs/performance.md
blocks=("$@")
[ ${#blocks[@]} -gt 0 ] || blocks=(kernel cc-horizon cc-agents threads erlang schedule)
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
machine="$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(date -u +%Y-%m-%d)"

block_kernel() {
  OMNISIM=$omnisim "$here/scripts/bench-kernel.sh" 5 | sed '1,2d'
}

block_cc_horizon() {
  echo "Measured on $machine: \`bench_cc\` (folded rows) and \`bench_cc --full --weeks 1,13\`."
  echo
  echo '```'
  "$build/bench_cc" --weeks 1,4,13,52 | sed -n '/^weeks/,$p'
  "$build/bench_cc" --full --weeks 1,13 | sed -n '/^weeks/,$p' | sed '1d'
  echo '```'
}

# One voice channel (scenarios/tiny-mmn.json) scaled to N agents with square-root staffing
# (offered load a = N - 2 sqrt(N)), one simulated day, one replication on one thread.
block_cc_agents() {
  echo "Measured on $machine: \`omnisim run scenarios/tiny-mmn.json -r 1 -j 1 --set"
  echo "horizon_days=1 --set channels.phone.agents=N --set channels.phone.daily_volume=V\`,"
  echo "with V = (N - 2 sqrt(N)) x 86400 / 300 (square-root staffing, AHT 300 s), median of 3"
  echo "runs; wall time and peak RSS from /usr/bin/time."
  echo
  echo "| agents | offered load (Erlang) | calls per day | wall s | wall s per million calls | peak RSS MiB |"
  echo "|---:|---:|---:|---:|---:|---:|"
  for n in 50 500 5000; do
    a=$(awk -v n=$n 'BEGIN {printf "%.1f", n - 2 * sqrt(n)}')
    v=$(awk -v a="$a" 'BEGIN {printf "%.0f", a * 86400 / 300}')
    walls=(); rss=()
    for i in 1 2 3; do
      out=$( { /usr/bin/time -f "%e %M" "$omnisim" run "$here/scenarios/tiny-mmn.json" -r 1 -j 1 -q \
               --no-plots -o "$(mktemp -d)" --set horizon_days=1 --set channels.phone.agents=$n \
               --set channels.phone.daily_volume=$v >/dev/null; } 2>&1 | tail -1)
      walls+=("${out% *}"); rss+=("${out#* }")
    done
    w=$(printf '%s\n' "${walls[@]}" | median)
    r=$(printf '%s\n' "${rss[@]}" | median)
    echo "| $n | $a | $v | $w | $(awk -v w="$w" -v v="$v" 'BEGIN {printf "%.2f", w / v * 1e6}') | $(awk -v r="$r" 'BEGIN {printf "%.1f", r / 1024}') |"
  done
}

block_threads() {
  echo "Measured on $machine: \`omnisim run -r 32 -j J\` on the default scenario, median of 3"
  echo "runs each; the output files are byte-identical for every J (tests/cli/run.sh checks it)."
  echo
  echo "| threads | wall s | speed-up |"
  echo "|---:|---:|---:|"
  local base=""
  for j in 1 2; do
    walls=()
    for i in 1 2 3; do
      walls+=("$( { /usr/bin/time -f "%e" "$omnisim" run -r 32 -j $j -q --no-plots -o "$(mktemp -d)" \
                   >/dev/null; } 2>&1 | tail -1)")
    done
    w=$(printf '%s\n' "${walls[@]}" | median)
    [ -n "$base" ] || base=$w
    echo "| $j | $w | $(awk -v b="$base" -v w="$w" 'BEGIN {printf "%.2f", b / w}') |"
  done
}

block_erlang() {
  echo "Measured on $machine: \`bench_erlang 3\` (best of 3)."
  echo
  echo '```'
  "$build/bench_erlang" 3
  echo '```'
}

block_schedule() {
  echo "Measured on $machine: \`bench_schedule\`."
  echo
  echo '```'
  "$build/bench_schedule"
  echo '```'
}

for b in "${blocks[@]}"; do
  fn="block_${b//-/_}"
  declare -F "$fn" >/dev/null || { echo "perf-report: unknown block '$b'" >&2; exit 2; }
  grep -q "<!-- perf:$b -->" "$doc" || { echo "perf-report: no block '$b' in $doc" >&2; exit 2; }
  echo "perf-report: $b ..." >&2
  body=$(mktemp)
  "$fn" > "$body"
  tmp=$(mktemp)
  awk -v name="$b" -v body="$body" '
    $0 == "<!-- perf:" name " -->" { print; while ((getline line < body) > 0) print line; skip = 1; next }
    $0 == "<!-- /perf:" name " -->" { skip = 0 }
    !skip { print }' "$doc" > "$tmp"
  mv "$tmp" "$doc"
  rm -f "$body"
done
echo "perf-report: updated $doc" >&2
