#!/usr/bin/env bash
# STYLE 2: one module is one .h/.c pair whose exported names start with the file stem, so a
# reader finds any symbol with one grep. Checks every global symbol the library defines.
# The exceptions below are deliberate and each says why; a new exception needs a reason here.
# Names starting with "__" are the toolchain's (e.g. ASan's __odr_asan.* indicators).
# Usage: prefixes.sh OMNISIM SOURCE_DIR
set -u
lib=$(dirname "$1")/libomnisim.a
[ -f "$lib" ] || { echo "FAIL no $lib"; exit 1; }
command -v nm >/dev/null || { echo "skip: no nm"; exit 77; }
allowed() { # OBJECT SYMBOL -> 0 when the exception list allows it
  case "$1:$2" in
    sim_alloc:sim_malloc|sim_alloc:sim_calloc|sim_alloc:sim_realloc|sim_alloc:sim_free|\
    sim_alloc:sim_malloc_array|sim_alloc:sim_realloc_array|sim_alloc:sim_strdup)
      return 0 ;; # the allocation seam mirrors the C library's names on purpose
    sim_error:sim_status_name) return 0 ;; # the status enum lives with the error context
    cc_model:cc_options_default) return 0 ;; # cc_options is cc_model's option struct
    cc_result:cc_rep_*|cc_result:cc_kpis_*|cc_result:cc_summary_*)
      return 0 ;; # the three result levels (replication, KPI vector, summary) of one module
    cost_tco:cost_line_name) return 0 ;; # cost line names shared by cost.c and cost_tco.c
  esac
  return 1
}
fail=0
while read -r obj sym; do
  if [ "${sym#"$obj"}" = "$sym" ] && ! allowed "$obj" "$sym"; then
    echo "FAIL $obj.c exports '$sym', which does not start with '$obj'"
    fail=1
  fi
done < <(nm -g --defined-only "$lib" 2>/dev/null |
         awk '/\.c\.o:$/{obj=$1; sub(/\.c\.o:$/,"",obj); next}
              NF==3 && $2 ~ /[TDRB]/ && $3 !~ /^__/ {print obj, $3}')
[ $fail -eq 0 ] && echo "ok   every exported symbol starts with its file stem (or is a listed exception)"
exit $fail
