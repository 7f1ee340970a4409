# tests/cli/lib.sh -- what the shell tests of the command share. Not a test itself
# (tests/CMakeLists.txt registers every other tests/cli/*.sh). A test sources it after
# `set -u` and after reading its arguments:
#   omnisim=$1
#   . "$(dirname "$0")/lib.sh"
# and then has:
#   $tmp        a scratch directory of its own, removed when the test exits;
#   fail MSG    prints "FAIL MSG" and counts the failure in $fails;
#   an exit status that says a check failed: when the test would exit 0 with $fails above 0,
#               it exits 1 instead (any other status, e.g. 77 for a skip, is kept), so a test
#               that also keeps its own flag (`fail=1 ... exit $fail`) loses no failure;
#   expect CODE ARGS...       runs `$omnisim $subcommand ARGS` (set subcommand=run first);
#   check NAME WANT GOT | check NAME WANT CMD...   exit status checks, printing "ok   NAME";
#   png_size FILE, check_png FILE MIN_HEIGHT       the charts' PNG checks;
#   json_get FILE EXPR                            a value of a JSON file (parsed, not grepped).

fails=0
tmp=$(mktemp -d) || { echo "FAIL mktemp -d"; exit 1; }

lib_exit() {
  local rc=$?
  rm -rf "$tmp"
  [ "$rc" -eq 0 ] && [ "$fails" -gt 0 ] && rc=1
  exit "$rc"
}
trap lib_exit EXIT

# fail MSG...: one failed check.
fail() {
  echo "FAIL $*"
  fails=$((fails + 1))
}

# expect CODE ARGS...: run `$omnisim $subcommand ARGS`; a failure unless it exits CODE.
# stdout is left in $out, stderr in $err (and the file $tmp/stderr).
expect() {
  local want=$1
  shift
  out=$("$omnisim" "$subcommand" "$@" 2>"$tmp/stderr")
  local rc=$?
  err=$(cat "$tmp/stderr")
  [ "$rc" -eq "$want" ] || fail "exit $rc, want $want: $subcommand $* (stdout: $out; stderr: $err)"
}

# check NAME WANT GOT: a failure unless GOT, an exit status already taken ($?), is WANT.
# check NAME WANT CMD...: run CMD (stdout into $tmp/out, stderr into $tmp/err); a failure,
# shown with its stderr, unless it exits WANT.
# The forms differ in their third argument: a lone number is a status, anything else a command.
check() {
  local name=$1 want=$2
  shift 2
  local got
  if [ $# -eq 1 ] && [[ $1 =~ ^[0-9]+$ ]]; then
    got=$1
  else
    "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
  fi
  if [ "$got" -ne "$want" ]; then
    fail "$name: exit $got, expected $want"
    [ $# -eq 1 ] && [[ $1 =~ ^[0-9]+$ ]] || head -20 "$tmp/err"
  else
    echo "ok   $name"
  fi
}

# json_get FILE EXPR: print the Python expression EXPR over the JSON document of FILE (as d);
# true/false print as true/false. Status 1 when FILE is no JSON or EXPR fails. The tests read
# result files by parsing them, never by their spacing.
json_get() {
  python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
v = eval(sys.argv[2], {"d": d})
print(json.dumps(v) if isinstance(v, (bool, type(None), dict, list)) else v)' "$1" "$2"
}

# png_size FILE: "W H" from the PNG's IHDR chunk; status 1, printing nothing, when FILE is no
# PNG.
png_size() {
  local sig w h
  sig=$(od -An -tx1 -N8 "$1" | tr -d ' \n')
  [ "$sig" = "89504e470d0a1a0a" ] || return 1
  w=$(od -An -tu1 -j16 -N4 "$1" | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }')
  h=$(od -An -tu1 -j20 -N4 "$1" | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }')
  echo "$w $h"
}

# check_png FILE MIN_HEIGHT: FILE is a PNG 1200 pixels wide (the charts' width), MIN_HEIGHT
# to 4000 high and over 10 kB (a blank image compresses to less).
check_png() {
  local s
  s=$(png_size "$1") || { fail "$1 is not a PNG"; return; }
  set -- "$1" "$2" $s
  [ "$3" -eq 1200 ] || fail "$1 width $3, want 1200"
  [ "$4" -ge "$2" ] && [ "$4" -le 4000 ] || fail "$1 height $4 out of range"
  [ "$(wc -c <"$1")" -gt 10000 ] || fail "$1 is suspiciously small ($(wc -c <"$1") bytes)"
}
