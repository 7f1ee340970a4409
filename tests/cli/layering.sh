#!/usr/bin/env bash
# STYLE 1: the kernel knows nothing of contact centers. No file in sim/ (the command in
# sim/cli excepted: it wires everything together) may include a models/ or output/ header,
# and no models/ file may include an output/ header.
# Usage: layering.sh OMNISIM SOURCE_DIR
set -u
src=$2
fail=0
models=$(cd "$src/models" && ls *.h 2>/dev/null)
outputs=$(cd "$src/output" 2>/dev/null && ls *.h 2>/dev/null)
for f in "$src"/sim/*.c "$src"/sim/*.h; do
  for h in $models $outputs; do
    if grep -q "#include \"$h\"" "$f"; then echo "FAIL $f includes $h"; fail=1; fi
  done
done
for f in "$src"/models/*.c "$src"/models/*.h; do
  for h in $outputs; do
    if grep -q "#include \"$h\"" "$f"; then echo "FAIL $f includes $h"; fail=1; fi
  done
done
[ $fail -eq 0 ] && echo "ok   layering: sim/ includes no models/ or output/ header"
exit $fail
