#!/usr/bin/env bash
# `cmake --install` puts the command, the library, its headers and omnisim.pc in a prefix, and
# another C program can embed the engine through pkg-config.
# Usage: install.sh OMNISIM SOURCE_DIR
set -u
omnisim=$1
build=$(dirname "$omnisim")
. "$(dirname "$0")/lib.sh"
prefix=$tmp
cmake --install "$build" --prefix "$prefix" >/dev/null || { echo "FAIL cmake --install"; exit 1; }
for f in bin/omnisim include/omnisim/sim_env.h include/omnisim/mmc.h; do
  [ -e "$prefix/$f" ] || { echo "FAIL missing $f"; exit 1; }
done
lib=$(ls "$prefix"/lib*/libomnisim.a 2>/dev/null | head -1)
[ -n "$lib" ] || { echo "FAIL missing libomnisim.a"; exit 1; }
pcdir=$(dirname "$lib")/pkgconfig
[ -e "$pcdir/omnisim.pc" ] || { echo "FAIL missing omnisim.pc"; exit 1; }
if ls "$prefix"/include/omnisim/*_internal.h >/dev/null 2>&1; then
  echo "FAIL internal headers were installed"; exit 1
fi
cat > "$prefix/embed.c" <<'C'
#include <stdio.h>
#include "sim_env.h"
static void tick(sim_env *env, void *obj, void *arg)
{
    (void)arg;
    int *n = obj;
    if (++*n < 10)
        sim_env_schedule(env, 1.0, 0, tick, obj, NULL);
}
int main(void)
{
    sim_env *env = sim_env_new(NULL, 0);
    int n = 0;
    sim_env_schedule(env, 1.0, 0, tick, &n, NULL);
    sim_env_run(env, NULL);
    printf("%d %g\n", n, sim_env_now(env));
    sim_env_free(env);
    return 0;
}
C
flags=$(PKG_CONFIG_PATH="$pcdir" pkg-config --cflags --libs --static omnisim) ||
  { echo "FAIL pkg-config omnisim"; exit 1; }
cc -std=c11 -o "$prefix/embed" "$prefix/embed.c" $flags || { echo "FAIL compiling against omnisim.pc"; exit 1; }
out=$("$prefix/embed")
[ "$out" = "10 10" ] || { echo "FAIL embedded program printed '$out'"; exit 1; }
"$prefix/bin/omnisim" --version >/dev/null || { echo "FAIL installed omnisim"; exit 1; }
echo "ok   install: command, library, headers, pkg-config; an embedding program runs"
