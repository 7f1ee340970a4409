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
exit $fail
