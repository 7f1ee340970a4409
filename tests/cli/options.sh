#!/usr/bin/env bash
# Every subcommand's command line against its option table (cli/cli_opt.c), one row per
# subcommand: an unknown option, a missing value and a bad value are usage errors (exit 2)
# with one wording; --help exits 0 and lists exactly the options of the row, each of which
# the command accepts. Then the exit codes that must agree across commands (a bad scenario
# is 1 everywhere, check included) and the cases that used to differ from command to command.
# Usage: options.sh OMNISIM SOURCE_DIR
set -u
omnisim=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(cd "$2" && pwd)
. "$(dirname "$0")/lib.sh"
scn=$src/scenarios/tiny-mmn.json

# run ARGS...: omnisim ARGS in $tmp (so nothing lands in the source tree); $rc, $out, $err
run() {
  out=$(cd "$tmp" && "$omnisim" "$@" 2>"$tmp/stderr")
  rc=$?
  err=$(cat "$tmp/stderr")
}
# expect CODE ARGS...: run and check the exit code (this test names the subcommand in ARGS,
# so it replaces lib.sh's expect)
expect() {
  local want=$1; shift
  run "$@"
  [ "$rc" -eq "$want" ] || fail "exit $rc, want $want: omnisim $* (stderr: $err)"
}
# says TEXT: the first line of stderr is exactly TEXT and the second the --help hint of $cmd
says() {
  local first second
  first=$(printf '%s\n' "$err" | sed -n 1p)
  second=$(printf '%s\n' "$err" | sed -n 2p)
  [ "$first" = "$1" ] || fail "stderr '$first', want '$1'"
  [ "$second" = "Try 'omnisim $cmd --help'." ] || fail "no help hint after '$first': '$second'"
}

# The table: COMMAND | an option with a value | a bad value for an option | every option of
# the command's --help. Adding an option to a command means adding it here too: the help
# must list exactly these, and the command must accept each.
while IFS='|' read -r cmd needs bad options; do
  [ -z "$cmd" ] && continue
  expect 2 "$cmd" --no-such-option
  says "omnisim $cmd: unknown option '--no-such-option'"
  expect 2 "$cmd" "$needs"
  says "omnisim $cmd: option '$needs' needs a value"
  read -r bad_opt bad_val <<<"$bad"
  expect 2 "$cmd" "$bad_opt" "$bad_val"
  first=$(printf '%s\n' "$err" | sed -n 1p)
  case $first in
    "omnisim $cmd: option '$bad_opt': expected "*", got '$bad_val'") ;;
    *) fail "$cmd $bad_opt $bad_val: '$first' does not name the option, what it accepts and the value" ;;
  esac
  expect 2 "$cmd" --help=1
  says "omnisim $cmd: option '--help' takes no value"

  expect 0 "$cmd" --help
  case $out in "usage: omnisim $cmd"*) ;; *) fail "$cmd --help does not start with its usage" ;; esac
  # The option lines of the help: "  -x, --name VALUE  help" or "      --name VALUE  help".
  listed=$(printf '%s\n' "$out" |
           sed -n -E 's/^  (-[a-zA-Z], |    )--([a-z][a-z-]*)( [^ ]+)?( {2,}.*)?$/\2\3/p')
  names=$(printf '%s\n' "$listed" | awk '{print $1}' | sort | tr '\n' ' ')
  want=$(printf '%s\n' $options help | sort | tr '\n' ' ')
  [ "$names" = "$want" ] || fail "$cmd --help lists '$names', want '$want'"
  # Each listed option is accepted: given (with a value when it takes one) before an unknown
  # option, the error must be about the unknown one. The value may be out of range for the
  # option; then the error names the option's value, which still means it was recognised.
  while read -r name meta; do
    [ "$name" = help ] && continue
    if [ -n "$meta" ]; then run "$cmd" "--$name" 1 --no-such-option
    else run "$cmd" "--$name" --no-such-option; fi
    case $err in
      *"unknown option '--$name'"*|*"option '--$name' is ambiguous"*)
        fail "$cmd does not accept --$name: $err" ;;
    esac
  done <<<"$listed"
done <<'TABLE'
run|--trace|-r -5|replications seed output threads max-in-system policy set week json trace no-plots quiet mmc rate aht agents patience threshold horizon include-root no-includes xlsx
bench|--lam|--agents -3|lam mu agents theta horizon warmup slt seed calendar rng reference hold-max
validate|--set|--set nonsense|policy set quiet include-root no-includes
erlang|--rate|--rate -1|rate aht agents threshold patience redial chat json target max-asa max-abandon max-occupancy shrinkage fractional
compare|--policy|--precision 0|policy set replications seed precision max-reps diff-only independent threads max-in-system output json quiet include-root no-includes xlsx
cost|--sla-sweep|--sla-sweep a=2:1:1|replications seed threads max-in-system json output policy set sla-sweep quiet include-root no-includes xlsx
sweep|--set|-j 0|set policy replications seed threads max-in-system output json quiet include-root no-includes xlsx
roadmap|--years|--years 2020|years erlang-staffing policy set replications seed threads max-in-system output json quiet include-root no-includes xlsx
simstaff|--confidence|--validate-reps 1|group confidence replications seed validate-reps validate-seed max-iterations policy set threads max-in-system output json quiet include-root no-includes xlsx
check|--baseline|--max-lines -1|baseline update tolerance kpi replications seed no-sim repeats policy set threads max-in-system max-lines json quiet include-root no-includes
staff|-o|--set nonsense|erlang-c erlang-a repeats json verbose output policy set quiet include-root no-includes xlsx
plot|--format|--format gif|format no-report quiet
schedule|--gap|--gap 1|output json budget max-headcount days-per-agent time-limit gap fte-hours group no-sim repeats replications seed threads max-in-system policy set quiet include-root no-includes xlsx
TABLE

# Every command that simulates takes the seed as -s and --seed (cost used to refuse --seed).
for cmd in run bench compare cost sweep roadmap simstaff check schedule; do
  for seed in -s --seed; do
    run "$cmd" "$seed" 3 --no-such-option
    case $err in
      "omnisim $cmd: unknown option '--no-such-option'"*) ;;
      *) fail "$cmd does not take $seed: $err" ;;
    esac
  done
done
expect 0 cost "$scn" --seed 3 -r 2 -q
expect 0 cost "$scn" -s 3 -r 2 -q

# --set=PATH=VALUE (one argument) in validate, as in every other command; the value is applied
cmd=validate
expect 0 validate "--set=channels.phone.agents=12" "$scn"
expect 1 validate "--set=channels.phone.agents=-1" "$scn"
case $err in *"channels[0].agents: -1 is out of range"*) ;; *) fail "--set= not applied: $err" ;; esac

# A missing value names the option as written (cost printed "option -/")
cmd=cost
expect 2 cost "$scn" --sla-sweep
says "omnisim cost: option '--sla-sweep' needs a value"
expect 2 cost "$scn" -r
says "omnisim cost: option '-r' needs a value"

# An option value out of range is a usage error (2) in every command; the message names the
# option as written and the accepted range
cmd=run
expect 2 run -r -5
says "omnisim run: option '-r': expected an integer in [1, 100000], got '-5'"
expect 2 run --replications=0
says "omnisim run: option '--replications': expected an integer in [1, 100000], got '0'"
cmd=erlang
expect 2 erlang --rate -1 --aht 180 --agents 35
says "omnisim erlang: option '--rate': expected a number > 0, got '-1'"
cmd=compare
expect 2 compare -r 1 --policy x
says "omnisim compare: option '-r': expected an integer in [2, 100000], got '1'"
cmd=check
expect 2 check "$scn" --baseline "$tmp/b.json" --rep 3
says "omnisim check: option '--rep' is ambiguous (--replications, --repeats)"
cmd=run
expect 2 run "$scn" "$scn"
says "omnisim run: unexpected argument '$scn' (at most 1 SCENARIO)"
cmd=plot
expect 2 plot
says "omnisim plot: missing DIR"

# A bad scenario is exit 1 in every command that reads one (check used to exit 2), and so is
# a file that does not exist
printf '{"name": "bad", "channels": [{"name": "p", "kind": "voicemail"}]}' >"$tmp/bad.json"
for f in "$tmp/bad.json" "$tmp/no-such.json"; do
  expect 1 run "$f" -q
  expect 1 validate "$f"
  expect 1 compare "$f" --policy x -q
  expect 1 cost "$f" -q
  expect 1 sweep "$f" --set channels.p.agents=1:2:1 -q
  expect 1 roadmap "$f" -q
  expect 1 simstaff "$f" -q
  expect 1 check "$f" --baseline "$tmp/b.json" -q
  expect 1 staff "$f" -q
  expect 1 schedule "$f" -q
done

[ "$fails" -eq 0 ] && echo "options.sh: all passed" || { echo "options.sh: $fails failed"; exit 1; }
