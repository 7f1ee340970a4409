#!/usr/bin/env bash
# No accepted scenario may exhaust the machine's memory (models/cc/limits_run.h, the fluid
# backlog estimate; cc_options.max_in_system, the cap on contacts in the system):
#  - an overloaded channel whose queue nothing bounds is refused before the run (exit 1),
#    naming the channel, the interval and the backlog, within seconds and writing nothing;
#  - patience bounds a real-time queue: the same overload with patience is accepted;
#  - a scenario that passes the estimate but overloads on bad days (gamma day factors) is
#    stopped during the run by the cap (exit 3, a message naming --max-in-system);
#  - under `ulimit -v` the default cap follows the limit, and a run past it with the cap
#    lifted fails cleanly with "out of memory" (exit 3, no signal).
# Usage: memory.sh OMNISIM SOURCE_DIR
set -u
omnisim=$1
src=$2
. "$(dirname "$0")/lib.sh"
tiny="$src/scenarios/tiny-mmn.json"
# msg NAME PATTERN: the last check's stderr matches PATTERN (grep -E).
msg() { grep -qE "$2" "$tmp/err" || fail "$1: message: $(head -c 600 "$tmp/err")"; }

# The issue's example: 1e8 contacts a day on 10 agents without patience (5 x 7 days passes
# every other limit), with the default cap (derived from this machine's memory).
check "1e8 a day without patience is refused" 1 timeout 30 "$omnisim" run "$tiny" \
  --set channels.phone.daily_volume=1e8 -q -o "$tmp/o1"
msg "1e8 a day" "channels\[0\]: channel 'phone' is overloaded: arrivals exceed capacity from day 1 00:00; backlog about 7e\+08 contacts by day 7 23:45"
[ -n "$(ls -A "$tmp/o1" 2>/dev/null)" ] && fail "1e8 a day: wrote into $tmp/o1: $(ls -A "$tmp/o1")"
# Every command that simulates refuses it (the study commands through study_run).
check "cost refuses it" 1 timeout 30 "$omnisim" cost "$tiny" \
  --set channels.phone.daily_volume=1e8 -q -o "$tmp/o1c"
msg "cost" "is overloaded"
check "sweep refuses it" 1 timeout 30 "$omnisim" sweep "$tiny" \
  --set channels.phone.daily_volume=1e8 --set channels.phone.agents=10:11:1 -q -o "$tmp/o1s"
msg "sweep" "is overloaded"

# A deferred backlog without patience grows day after day: refused against an explicit cap
# (so the figure does not depend on the machine): 2e5 a day, 5 agents of 10 minutes (720 a
# day) over 7 days leave about 1.39e6 waiting.
cat >"$tmp/mail.json" <<'EOF'
{"name": "mail", "horizon_days": 7, "replications": 2, "seed": 1,
 "channels": [{"name": "mail", "kind": "deferred", "response_target_s": 86400,
               "handle_time": {"distribution": "exponential", "mean_s": 600},
               "daily_volume": 200000, "agents": 5}]}
EOF
check "deferred backlog is refused" 1 "$omnisim" run "$tmp/mail.json" --max-in-system 1000000 \
  -q -o "$tmp/o2"
msg "deferred" "channels\[0\]: channel 'mail' is overloaded: arrivals exceed capacity from day 1 00:00; backlog about 1.39e\+06 contacts by day 7 23:45 \(1.39e\+06 in all channels\), above the limit of 1e\+06 in the system"
check "one day of it (2e5 waiting) runs under the same cap" 0 "$omnisim" run "$tmp/mail.json" \
  --set horizon_days=1 -r 1 --max-in-system 1000000 -q --no-plots -o "$tmp/o2b"

# Patience bounds a real-time queue at arrival rate x mean patience: 1e6 a day on 10 agents
# without patience is refused at a cap of 1e5; with 60 s of patience (about 700 waiting) it
# runs.
over=(--set horizon_days=1 --set channels.phone.daily_volume=1e6 -r 1 --max-in-system 100000)
check "voice above capacity without patience is refused" 1 "$omnisim" run "$tiny" "${over[@]}" \
  -q -o "$tmp/o3"
msg "voice" "channel 'phone' is overloaded"
check "voice above capacity with patience is accepted" 0 "$omnisim" run "$tiny" "${over[@]}" \
  --set 'channels.phone.patience={"distribution": "exponential", "mean_s": 60}' -q --no-plots \
  -o "$tmp/o4"

# Passes the estimate (a mean of 2400 a day < 2880 served), overloads on bad days: stopped by
# the cap during the run; the default cap lets it finish.
bad=(--set demand.overdispersion_cv=1.5 -q --no-plots)
check "bad days stopped by the cap" 3 "$omnisim" run "$tiny" "${bad[@]}" --max-in-system 500 \
  -o "$tmp/o5"
msg "cap" "error: --max-in-system: replication [0-9]+ stopped at [0-9]+ s \(day [0-9]+\): more than 500 contacts in the system at once"
check "bad days under the default cap" 0 "$omnisim" run "$tiny" "${bad[@]}" -o "$tmp/o6"

# Under an address-space limit. Sanitizer builds reserve terabytes of shadow memory, which no
# such limit allows: skipped there.
if nm "$omnisim" 2>/dev/null | grep -qE "__(a|m|t)san_init"; then
  echo "skip ulimit -v checks (sanitizer build)"
else
  # 1000 agents, a mean of 280,000 a day (capacity 288,000), CV 2: seed 3 has about 550,000
  # waiting on day 2 (90 MB). Without a limit it runs; under 200 MB the default cap (half of
  # it / 320 bytes = 320,000) stops it with the cap's message.
  near=(-r 1 -s 3 -j1 --set channels.phone.agents=1000 --set channels.phone.daily_volume=280000
        --set demand.overdispersion_cv=2 -q --no-plots)
  check "bad days without a memory limit" 0 "$omnisim" run "$tiny" "${near[@]}" -o "$tmp/o7"
  check "ulimit -v: the default cap follows the limit" 3 \
    bash -c 'ulimit -v 200000 && exec "$@"' _ "$omnisim" run "$tiny" "${near[@]}" -o "$tmp/o8"
  msg "ulimit -v, default cap" "more than 320000 contacts in the system at once"
  # With the cap lifted the allocation fails first: a clean exit 3, never a crash.
  check "ulimit -v, cap lifted: out of memory" 3 \
    bash -c 'ulimit -v 150000 && exec "$@"' _ "$omnisim" run "$tiny" -r 1 -j1 \
    --set horizon_days=1 --set channels.phone.daily_volume=3e6 --max-in-system 1000000000 -q \
    --no-plots -o "$tmp/o9"
  msg "ulimit -v, cap lifted" "error: out of memory during the run"
fi
