#!/usr/bin/env bash
# The omnisim command's global behaviour: help, version, unknown commands/options, exit codes.
# Usage: main.sh OMNISIM SOURCE_DIR
set -u
omnisim=$1
fail=0
check() { # check NAME EXPECTED_EXIT CMD...
  local name=$1 want=$2; shift 2
  "$@" >/tmp/omnisim_cli_out.$$ 2>/tmp/omnisim_cli_err.$$
  local got=$?
  if [ "$got" -ne "$want" ]; then
    echo "FAIL $name: exit $got, expected $want"; cat /tmp/omnisim_cli_err.$$; fail=1
  else
    echo "ok   $name"
  fi
}
check "help exits 0" 0 "$omnisim" --help
grep -q "usage: omnisim" /tmp/omnisim_cli_out.$$ || { echo "FAIL help text on stdout"; fail=1; }
check "version exits 0" 0 "$omnisim" --version
grep -Eq "^omnisim [0-9]+\.[0-9]+\.[0-9]+" /tmp/omnisim_cli_out.$$ || { echo "FAIL version text"; fail=1; }
check "no arguments is a usage error" 2 "$omnisim"
check "unknown command is a usage error" 2 "$omnisim" frobnicate
grep -q "unknown command 'frobnicate'" /tmp/omnisim_cli_err.$$ || { echo "FAIL unknown command message"; fail=1; }
check "unknown global option is a usage error" 2 "$omnisim" --frobnicate
check "bench help exits 0" 0 "$omnisim" bench --help
check "bench unknown option exits 2" 2 "$omnisim" bench --nope
grep -q "unknown option '--nope'" /tmp/omnisim_cli_err.$$ || { echo "FAIL bench unknown option message"; fail=1; }
check "bench bad number exits 2" 2 "$omnisim" bench --lam abc
check "bench negative agents exits 2" 2 "$omnisim" bench --agents -3
check "bench missing value exits 2" 2 "$omnisim" bench --lam
# A tiny bench run prints the documented figures.
check "bench small run exits 0" 0 "$omnisim" bench --horizon 2000 --hold-max 100
for key in model_events_per_s= ns_per_model_event= peak_rss_kib= "hold calendar=heap pending=100 "; do
  grep -q "$key" /tmp/omnisim_cli_out.$$ || { echo "FAIL bench output lacks '$key'"; fail=1; }
done
rm -f /tmp/omnisim_cli_out.$$ /tmp/omnisim_cli_err.$$
exit $fail
