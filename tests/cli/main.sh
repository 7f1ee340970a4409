#!/usr/bin/env bash
# The omnisim command's global behaviour: help, version, unknown commands/options, exit codes.
# Usage: main.sh OMNISIM SOURCE_DIR
set -u
omnisim=$1
fail=0
. "$(dirname "$0")/lib.sh"
check "help exits 0" 0 "$omnisim" --help
grep -q "usage: omnisim" "$tmp/out" || { echo "FAIL help text on stdout"; fail=1; }
check "version exits 0" 0 "$omnisim" --version
grep -Eq "^omnisim [0-9]+\.[0-9]+\.[0-9]+" "$tmp/out" || { echo "FAIL version text"; fail=1; }
check "no arguments is a usage error" 2 "$omnisim"
check "unknown command is a usage error" 2 "$omnisim" frobnicate
grep -q "unknown command 'frobnicate'" "$tmp/err" || { echo "FAIL unknown command message"; fail=1; }
check "unknown global option is a usage error" 2 "$omnisim" --frobnicate
check "bench help exits 0" 0 "$omnisim" bench --help
check "bench unknown option exits 2" 2 "$omnisim" bench --nope
grep -q "unknown option '--nope'" "$tmp/err" || { echo "FAIL bench unknown option message"; fail=1; }
check "bench bad number exits 2" 2 "$omnisim" bench --lam abc
check "bench negative agents exits 2" 2 "$omnisim" bench --agents -3
check "bench missing value exits 2" 2 "$omnisim" bench --lam
# A tiny bench run prints the documented figures.
check "bench small run exits 0" 0 "$omnisim" bench --horizon 2000 --hold-max 100
for key in model_events_per_s= ns_per_model_event= peak_rss_kib= "hold calendar=heap pending=100 "; do
  grep -q "$key" "$tmp/out" || { echo "FAIL bench output lacks '$key'"; fail=1; }
done
# --reference: a path that is not an executable file is a usage error before the benchmark
# runs; a reference that fails is a runtime failure; the path is run directly, never through
# a shell (a name with quotes and ';' runs that file and nothing else).
check "bench --reference to a missing file exits 2" 2 "$omnisim" bench --reference "$tmp/no-such-ref"
grep -qF "option '--reference': expected the path of an executable file, got '$tmp/no-such-ref'" "$tmp/err" ||
  { echo "FAIL bench --reference message"; cat "$tmp/err"; fail=1; }
printf '#!/bin/sh\necho model_events_per_s=1e6\n' >"$tmp/noexec"
check "bench --reference to a file that cannot run exits 2" 2 "$omnisim" bench --reference "$tmp/noexec"
check "bench --reference to a directory exits 2" 2 "$omnisim" bench --reference "$tmp"
odd="$tmp/ref'; touch pwned; '"
printf '#!/bin/sh\necho "args $*"\necho model_events_per_s=2e6\n' >"$odd"
chmod +x "$odd"
(cd "$tmp" && "$omnisim" bench --horizon 200 --hold-max 0 --reference "$odd" >"$tmp/out" 2>"$tmp/err")
check "bench --reference runs the program" 0 $?
[ -e "$tmp/pwned" ] && { echo "FAIL the reference path went through a shell"; fail=1; }
grep -q "^reference: args 10 0.33333333333333331 35 0.5 200 1 100 0.33333333333333331$" "$tmp/out" ||
  { echo "FAIL the reference got other arguments"; cat "$tmp/out"; fail=1; }
grep -q "^ratio omnisim/reference model_events_per_s=" "$tmp/out" || { echo "FAIL no ratio"; fail=1; }
printf '#!/bin/sh\nexit 4\n' >"$tmp/failing"
chmod +x "$tmp/failing"
check "bench --reference that fails exits 3" 3 "$omnisim" bench --horizon 200 --hold-max 0 --reference "$tmp/failing"
grep -qF "the reference '$tmp/failing' exited with status 4" "$tmp/err" || { echo "FAIL failing reference message"; cat "$tmp/err"; fail=1; }
printf '#!/bin/sh\necho nothing\n' >"$tmp/silent"
chmod +x "$tmp/silent"
check "bench --reference without a rate exits 3" 3 "$omnisim" bench --horizon 200 --hold-max 0 --reference "$tmp/silent"
exit $fail
