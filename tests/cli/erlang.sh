#!/usr/bin/env bash
# `omnisim erlang`: exit codes 0/1/2 (a value out of range is 2, a combination the formulas
# cannot serve 1), the stable JSON fields, known answers, and staffing
# answers that meet the target while one agent fewer does not.
# Usage: erlang.sh OMNISIM SOURCE_DIR
set -u
omnisim=$1
. "$(dirname "$0")/lib.sh"
subcommand=erlang

# field NAME: the number after "NAME": in $out (empty when absent)
field() { printf '%s' "$out" | grep -o "\"$1\":[-0-9.eE+]*" | head -1 | cut -d: -f2; }
# lt A B: A < B as numbers
lt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 < b + 0) }'; }
# near A B TOL: |A - B| <= TOL
near() { awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= t) }'; }

# --help: usage on stdout, exit 0
expect 0 --help
printf '%s' "$out" | grep -q "usage: omnisim erlang" || fail "--help prints no usage"

# Erlang C: the stable fields, and no Erlang A fields
expect 0 --rate 600 --aht 180 --agents 35 --threshold 20 --json
for f in agents offered_load p_wait service_level asa occupancy; do
  [ -n "$(field $f)" ] || fail "Erlang C JSON lacks $f: $out"
done
[ -z "$(field p_abandon)" ] || fail "Erlang C JSON has p_abandon"
near "$(field offered_load)" 30 1e-12 || fail "offered_load $(field offered_load) != 30"

# Erlang A: the case of /work/shared/bench (lam 10/min, AHT 3 min, 35 agents, patience 2 min,
# 20 s); expected values from tests/data/erlang_reference.csv (mpmath)
expect 0 --rate 600 --aht 180 --agents 35 --threshold 20 --patience 120 --json
for f in agents offered_load p_wait service_level asa occupancy p_abandon service_level_answered; do
  [ -n "$(field $f)" ] || fail "Erlang A JSON lacks $f: $out"
done
near "$(field p_abandon)" 0.02273789056034119 1e-12 || fail "p_abandon $(field p_abandon)"
near "$(field p_wait)" 0.18697994836596468 1e-12 || fail "p_wait $(field p_wait)"
near "$(field service_level)" 0.9322315216960546 1e-12 || fail "service_level $(field service_level)"
near "$(field asa)" 2.4940316458324 1e-9 || fail "asa $(field asa)"

# Staffing: the answer meets 80% in 20 s, one agent fewer does not (C and A)
for pat in "" "--patience 90"; do
  expect 0 --rate 600 --aht 180 --threshold 20 --target 0.8 --json $pat
  n=$(field agents)
  [ -n "$n" ] || { fail "no agents in $out"; continue; }
  expect 0 --rate 600 --aht 180 --threshold 20 --agents "$n" --json $pat
  lt "$(field service_level)" 0.8 && fail "$n agents miss the target ($pat)"
  m=$((n - 1))
  if [ -z "$pat" ] && [ "$m" -le 30 ]; then
    expect 1 --rate 600 --aht 180 --threshold 20 --agents "$m" --json
  else
    expect 0 --rate 600 --aht 180 --threshold 20 --agents "$m" --json $pat
    lt "$(field service_level)" 0.8 || fail "$m agents also meet the target ($pat)"
  fi
done

# Fractional staffing with shrinkage: staff = agents / (1 - shrinkage)
expect 0 --rate 600 --aht 180 --target 0.8 --fractional --shrinkage 0.25 --json
a=$(field agents); s=$(field staff)
near "$s" "$(awk -v a="$a" 'BEGIN { printf "%.17g", a / 0.75 }')" 1e-9 || fail "staff $s for agents $a"
near "$(field service_level)" 0.8 1e-7 || fail "fractional service level $(field service_level)"

# A readable table without --json
expect 0 --rate 600 --aht 180 --agents 35
printf '%s' "$out" | grep -q "service level" || fail "table lacks the service level"

# Exit 1: a combination the formulas cannot serve, named
expect 1 --rate 600 --aht 180 --agents 30
printf '%s' "$err" | grep -q -- "--agents" || fail "agents <= load: message does not name --agents"
expect 1 --rate 600 --aht 180 --agents 35 --redial 0.3
printf '%s' "$err" | grep -q -- "--redial" || fail "redial without patience: message does not name --redial"

# Exit 2: a value out of its option's range, named with the range (as in every command)
expect 2 --rate 600 --aht 180 --target 1.5
printf '%s' "$err" | grep -qF -- "option '--target': expected a number in [0, 1], got '1.5'" ||
  fail "target 1.5: message does not name --target and its range: $err"
expect 2 --rate 0 --aht 180 --agents 5
printf '%s' "$err" | grep -qF -- "option '--rate': expected a number > 0, got '0'" ||
  fail "rate 0: message does not name --rate and its range: $err"
expect 2 --rate -1 --aht 180 --agents 5
expect 2 --rate 600 --aht -1 --agents 35
expect 2 --rate 600 --aht 180 --agents 35 --patience -3
expect 2 --rate 600 --aht 180 --max-abandon 1.2 --patience 60
expect 2 --rate 600 --aht 180 --agents 35 --redial 1
expect 2 --rate 600 --aht 180 --target 0.8 --shrinkage 1

# Exit 2: usage errors
expect 2 --rate 600 --aht 180 --agents 35 --bogus
expect 2 --aht 180 --agents 35
expect 2 --rate 600 --aht 180 --agents abc
expect 2 --rate 600 --aht 180 --agents 35 --target 0.8
expect 2 --rate 600 --aht 180
expect 2 --rate 600 --aht 180 --agents
# an option the mode would not use is refused, not ignored
expect 2 --rate 600 --aht 180 --agents 10 --shrinkage 1
expect 2 --rate 600 --aht 180 --agents 40 --shrinkage 0.3
printf '%s' "$err" | grep -qF -- "--shrinkage applies when solving for a target, not with --agents" ||
  fail "shrinkage with agents: message does not name the conflict: $err"
expect 2 --rate 600 --aht 180 --target 0.8 --max-abandon 0.1
printf '%s' "$err" | grep -qF -- "--max-abandon needs --patience" ||
  fail "max-abandon without patience: message does not name the conflict: $err"
expect 0 --rate 600 --aht 180 --max-abandon 0.1 --patience 60

[ "$fails" -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "ok"
