#!/usr/bin/env bash
# `omnisim check`: the gate's exit codes (0 within tolerance, 1 drift or bad input, 2 usage
# error, 3 runtime failure, as every command's), its diff (what moved, by how much, worst first, with the tolerance exceeded),
# --update (atomic, nothing left behind), --json, --no-sim, and the run limits.
# Usage: check.sh OMNISIM SOURCE_DIR
set -u
omnisim=$1
src=$2
. "$(dirname "$0")/lib.sh"
subcommand=check
scn=$src/scenarios/tiny-mmn.json
base=$tmp/base.json

has() { printf '%s' "$1" | grep -q -- "$2" || fail "missing '$2' in: $1"; }

# --help
expect 0 --help
has "$out" "usage: omnisim check SCENARIO --baseline FILE"

# Usage errors: exit 2
expect 2
expect 2 "$scn"
has "$err" "option '--baseline' is required"
expect 2 --baseline "$base"
has "$err" "missing SCENARIO"
expect 2 "$scn" "$scn" --baseline "$base"
expect 2 "$scn" --baseline "$base" --no-such-option
expect 2 "$scn" --baseline "$base" -r 0
expect 2 "$scn" --baseline "$base" --tolerance staff
has "$err" "expected PATTERN=SPEC"
expect 2 "$scn" --baseline "$base" --tolerance staff=abs:-1
has "$err" "expected SPEC abs:X, rel:X, abs:X,rel:Y or exact"
# an option the mode would not use is a usage error, not ignored
expect 2 "$scn" --baseline "$base" --kpi 'channel.*'
has "$err" "--kpi chooses what --update records"
expect 2 "$scn" --baseline "$base" --no-sim -r 3
has "$err" "-r sets the simulation, which --no-sim skips"
expect 2 "$scn" --baseline "$base" --no-sim --update -s 7
has "$err" "-s sets the simulation, which --no-sim skips"

# Input errors: exit 1, as in every command (missing or invalid scenario, missing or malformed
# baseline); nothing on stdout, so that a job tells them from drift (which prints its report)
expect 1 "$tmp/no-such-scenario.json" --baseline "$base"
[ -z "$out" ] || fail "an input error printed on stdout: $out"
has "$err" "cannot load the scenario"
printf '{"name": "bad", "channels": [{"name": "p", "kind": "voicemail"}]}' >"$tmp/bad.json"
expect 1 "$tmp/bad.json" --baseline "$base"
has "$err" "channels\[0\].kind"
expect 1 "$scn" --baseline "$tmp/no-such-baseline.json" --json
[ -z "$out" ] || fail "an input error printed on stdout: $out"
has "$err" "baseline missing or unreadable"
printf '{"format": "omnisim-check-baseline", "version": 1,' >"$tmp/truncated.json"
expect 1 "$scn" --baseline "$tmp/truncated.json"
has "$err" "malformed baseline"
has "$err" "line 1"
printf '{"summary": 1}\n' >"$tmp/other.json"
expect 1 "$scn" --baseline "$tmp/other.json"
has "$err" "format: expected \"omnisim-check-baseline\""
printf '{"format": "omnisim-check-baseline", "version": 99}\n' >"$tmp/future.json"
expect 1 "$scn" --baseline "$tmp/future.json"
has "$err" "newer than this omnisim reads"
# A version 1 baseline (KPI names before 2026-12-03) holding a renamed KPI: exit 1, naming it
printf '{"format": "omnisim-check-baseline", "version": 1, "scenario": "tiny-mmn", "seed": 42,
 "replications": 5, "staffing": {"interval_s": 900, "channels": {}},
 "kpis": {"channel.phone.service_level": 0.9}}\n' >"$tmp/v1.json"
expect 1 "$scn" --baseline "$tmp/v1.json"
has "$err" "channel.phone.service_level', named or defined differently"
has "$err" "--update"

# --update replaces a baseline it cannot read (truncated, foreign, a newer version, a
# renamed KPI), as the messages above advise: exit 0, a baseline this omnisim reads
for bad in truncated other future v1; do
    cp "$tmp/$bad.json" "$tmp/replace-$bad.json"
    expect 0 "$scn" --baseline "$tmp/replace-$bad.json" --update --no-sim
    has "$err" "replacing the baseline $tmp/replace-$bad.json, which cannot be read"
    expect 0 "$scn" --baseline "$tmp/replace-$bad.json" --no-sim
done
# a key given twice in a baseline is an error when comparing (not with --update)
expect 0 "$scn" --baseline "$tmp/dup.json" --update --no-sim -q
sed 's/^\(."seed":.*\)$/\1\n"seed": 7,/' "$tmp/dup.json" >"$tmp/dup2.json"
expect 1 "$scn" --baseline "$tmp/dup2.json" --no-sim
has "$err" "seed: key given twice"

# --update writes the baseline atomically: exit 0, the file, no temporary file left
expect 0 "$scn" --baseline "$base" --update
[ -s "$base" ] || fail "--update wrote no baseline"
[ -z "$(ls -A "$tmp" | grep '^\.')" ] || fail "temporary files left next to the baseline"
[ "$(json_get "$base" 'd["format"]')" = omnisim-check-baseline ] || fail "baseline format: $(head -3 "$base")"
[ "$(json_get "$base" '[d["version"], d["scenario"], d["seed"]]')" = '[2, "tiny-mmn", 42]' ] ||
  fail "baseline: $(json_get "$base" '[d["version"], d["scenario"], d["seed"]]')"
has "$(cat "$base")" '"channel.phone.service_level_per_answered_abandoned":'
has "$(cat "$base")" '"channel.phone.abandoned_per_offered":'
has "$err" "wrote baseline"

# The same scenario: exit 0, nothing moved
expect 0 "$scn" --baseline "$base"
has "$out" "OK: 677 values compared, all within tolerance (0 moved)"
expect 0 "$scn" --baseline "$base" -j 1 -q
has "$out" "(0 moved)"

# The baseline of another scenario, or another seed: exit 1 (bad input)
sed 's/"name": "tiny-mmn"/"name": "tiny-other"/' "$scn" >"$tmp/other-src.json"
"$omnisim" check "$tmp/other-src.json" --baseline "$tmp/other-scn.json" --update --no-sim -q ||
  fail "could not write the other scenario's baseline"
expect 1 "$scn" --baseline "$tmp/other-scn.json"
has "$err" "is for scenario 'tiny-other', not 'tiny-mmn'"
expect 1 "$scn" --baseline "$base" -s 43
has "$err" "KPIs would not be"

# Drift: 10 % more demand moves staffing (exact by default) and the KPIs: exit 1
expect 1 "$scn" --baseline "$base" --set channels.phone.daily_volume=2640
has "$out" "DRIFT: "
has "$out" "staff.phone.mon.00:00"
has "$out" "exact (staff)"
# KPIs alone (staffing loosened): the diff names the KPI, both values, the change and the
# tolerance exceeded, worst first
expect 1 "$scn" --baseline "$base" --set channels.phone.daily_volume=2640 \
  --tolerance staff=abs:5 --max-lines 50
has "$out" "channel.phone.service_level_per_answered_abandoned"
has "$out" "abs:0.02 (channel.\*.service_level_per_answered_abandoned)"
has "$out" "x the allowed"
ratios=$(printf '%s\n' "$out" | sed -n 's/.*, \([0-9.]*\)x the allowed$/\1/p')
[ -n "$ratios" ] || fail "no 'x the allowed' ratios in: $out"
[ "$ratios" = "$(printf '%s\n' "$ratios" | sort -g -r)" ] || fail "diff not sorted worst first: $ratios"
# Loose enough tolerances: exit 0 although values moved
expect 0 "$scn" --baseline "$base" --set channels.phone.daily_volume=2640 \
  --tolerance staff=abs:5 --tolerance 'channel.*=rel:10,abs:100' --tolerance 'needs=rel:1'
has "$out" "OK: "
has "$out" "moved within tolerance:"

# --json: the same report, machine-readable
expect 1 "$scn" --baseline "$base" --set channels.phone.daily_volume=2640 --json -q
printf '%s\n' "$out" >"$tmp/report.json"
[ "$(json_get "$tmp/report.json" 'd["status"]')" = drift ] || fail "--json status: $out"
[ "$(json_get "$tmp/report.json" 'any(e["tolerance"] == "exact" and e["pattern"] == "staff" for e in d["entries"])')" = true ] ||
  fail "--json: no staff entry with the exact tolerance"

# --no-sim: staffing only; the KPIs of the baseline are skipped
expect 0 "$scn" --baseline "$base" --no-sim
has "$out" "KPIs not compared"
expect 1 "$scn" --baseline "$base" --no-sim --set channels.phone.handle_time.mean_s=330

# --repeats: recorded in the baseline ("erlang+repeats"); a check without it is an input error
expect 0 "$scn" --baseline "$tmp/repeats.json" --update --no-sim --repeats -q
[ "$(json_get "$tmp/repeats.json" 'd["staffing"]["method"]')" = erlang+repeats ] ||
  fail "baseline method: $(json_get "$tmp/repeats.json" 'd["staffing"]')"
expect 0 "$scn" --baseline "$tmp/repeats.json" --repeats
expect 1 "$scn" --baseline "$tmp/repeats.json"
has "$err" "sized with repeat contacts"
expect 1 "$scn" --baseline "$base" --repeats
has "$err" "sized without repeat contacts"

# A staffing-only baseline
expect 0 "$scn" --baseline "$tmp/staff-only.json" --update --no-sim -q
[ "$(json_get "$tmp/staff-only.json" 'd["replications"]')" = 0 ] || fail "staff-only baseline has replications"
expect 0 "$scn" --baseline "$tmp/staff-only.json"
has "$out" "OK: 672 values compared"

# Run limits: refused before running, naming the field and the limit (exit 1, as every command)
expect 1 "$scn" --baseline "$tmp/limits.json" --update --set horizon_days=3660 -r 400
has "$err" "refused before running (resource limits)"
has "$err" "horizon_days"
has "$err" "GiB"
[ ! -e "$tmp/limits.json" ] || fail "a refused run wrote a baseline"

# Summary first (issue 20): phone handle time 420 -> 450 s on the retailer; the service-level
# breach leads the results, before any staffing line, and staffing is one line per channel.
retail=$src/scenarios/online-retailer-2017.json
expect 0 "$retail" --baseline "$tmp/retail.json" --update -r 4 -q
expect 1 "$retail" --baseline "$tmp/retail.json" --set channels.phone.handle_time.mean_s=450 -q
line() { printf '%s\n' "$out" | sed -n "$1p"; }
[ "$(line 3)" = "results:" ] || fail "line 3 is not 'results:': $(line 3)"
line 4 | grep -Eq '^  channel\.phone\.service_level_per_answered_abandoned [0-9.]+ -> [0-9.]+, below its 0\.8 target$' \
  || fail "the service-level breach does not lead: $(line 4)"
printf '%s\n' "$out" | grep -Eq '^  staff\.phone: [0-9]+ of 672 intervals changed, largest [a-z]{3} [0-9]{2}:[0-9]{2} [0-9]+ -> [0-9]+$' \
  || fail "no grouped staffing line for phone"
first_staff=$(printf '%s\n' "$out" | grep -n '^  staff\.' | head -1 | cut -d: -f1)
[ "$(line $((first_staff - 1)))" = "staffing:" ] || fail "a staffing line comes before the staffing summary"

# --update into a directory that does not exist: runtime failure (3), nothing written
expect 3 "$scn" --baseline "$tmp/no/such/dir/base.json" --update -q

[ "$fails" -eq 0 ] && echo "check.sh: all passed" || { echo "check.sh: $fails failed"; exit 1; }
