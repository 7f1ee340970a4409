#!/usr/bin/env bash
# tests/cli/serve.sh -- `omnisim serve`'s interface on 127.0.0.1 (docs/workbench.md): a what-if
# gives exactly `omnisim run`'s KPIs on the same document and seed; bad input is refused with
# its JSON path; the guards (POST only, the request header, Host, body size, replications,
# token off loopback); a newer run supersedes an older one in its slot; 50 concurrent requests
# are all answered; SIGTERM stops a long run at once (exit 143). The browser test is
# tests/serve/browser.sh.
set -u
omnisim=$1
src=${2:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$(dirname "$0")/lib.sh"
command -v curl >/dev/null || { echo "SKIP: curl is not installed (scripts/setup-deps.sh)"; exit 77; }

pids=()
cleanup_servers() { for p in "${pids[@]}"; do { kill -9 "$p" && wait "$p"; } 2>/dev/null; done; }
trap 'st=$?; cleanup_servers; (exit $st); lib_exit' EXIT

# start NAME ARGS...: start a server on a free port; sets $url and $pid.
start() {
  local name=$1
  shift
  "$omnisim" serve --port 0 -q "$@" >"$tmp/$name.url" 2>"$tmp/$name.err" &
  pid=$!
  pids+=("$pid")
  for _ in $(seq 50); do
    url=$(head -n 1 "$tmp/$name.url" 2>/dev/null)
    [ -n "$url" ] && return 0
    sleep 0.1
  done
  fail "$name: no address printed ($(cat "$tmp/$name.err"))"
  url=http://127.0.0.1:1/
}
# post PATH FILE [HEADER...]: POST FILE; status in $code, body in $tmp/body.
post() {
  local path=$1 file=$2
  shift 2
  code=$(curl -s -o "$tmp/body" -w '%{http_code}' -X POST -H 'X-Omnisim-Request: 1' "$@" \
         --data-binary "@$file" "${url%/}$path")
}

start main
curl -s "${url}api/base" -o "$tmp/base.json" || fail "GET /api/base"
python3 -c 'import json,sys; open(sys.argv[2], "w").write(json.load(open(sys.argv[1]))["document"])' \
  "$tmp/base.json" "$tmp/doc.json" || fail "the base document"

# 1. A what-if equals `omnisim run` on the same document and seed, KPI for KPI and the tables.
python3 - "$tmp/doc.json" "$tmp/changed.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
d["groups"][0]["agents_per_interval"] = [max(0, a - 3) if a > 0 else a for a in d["groups"][0]["agents_per_interval"]]
d["channels"][0]["service_level"]["target"] = 0.85
json.dump(d, open(sys.argv[2], "w"), indent=1)
EOF
post "/api/run?slot=t1&replications=4&seed=11" "$tmp/changed.json"
[ "$code" = 200 ] || fail "run: HTTP $code: $(head -c 300 "$tmp/body")"
cp "$tmp/body" "$tmp/whatif.json"
"$omnisim" run "$tmp/changed.json" -s 11 -r 4 -q --no-plots --json -o "$tmp/run" >"$tmp/run.json" 2>/dev/null \
  || fail "omnisim run on the changed document"
python3 - "$tmp/whatif.json" "$tmp/run.json" "$tmp/run" <<'EOF' || fail "what-if vs omnisim run"
import json, sys
w = json.load(open(sys.argv[1])); r = json.load(open(sys.argv[2]))
wk, rk = w["summary"]["kpis"], r["kpis"]
assert w["seed"] == 11 and w["replications"] == 4, (w["seed"], w["replications"])
assert set(wk) == set(rk), set(wk) ^ set(rk)
bad = [k for k in rk if wk[k] != rk[k]]
assert not bad, bad[:5]
for t in ("intervals.csv", "pools.csv", "flows.csv"):
    assert w["tables"][t] == open(sys.argv[3] + "/" + t).read(), t
print("ok   what-if = omnisim run: %d KPIs and 3 tables identical" % len(rk))
EOF

# a policy by name is applied as `run --policy` applies it
post "/api/run?slot=t1&replications=3&seed=5&policies=no_callback" "$tmp/doc.json"
[ "$code" = 200 ] || fail "run with a policy: HTTP $code"
"$omnisim" run "$tmp/doc.json" --policy no_callback -s 5 -r 3 -q --no-plots --json -o "$tmp/runp" >"$tmp/runp.json" 2>/dev/null
python3 - "$tmp/body" "$tmp/runp.json" <<'EOF' || fail "policy what-if vs omnisim run --policy"
import json, sys
w = json.load(open(sys.argv[1]))["summary"]["kpis"]; r = json.load(open(sys.argv[2]))["kpis"]
assert w == r
print("ok   policies=no_callback = run --policy no_callback")
EOF
post "/api/run?slot=t1&policies=no_such_policy" "$tmp/doc.json"
[ "$code" = 400 ] && grep -q 'no_such_policy' "$tmp/body" || fail "unknown policy: HTTP $code $(head -c 200 "$tmp/body")"

# the report of a what-if: report.html with its charts embedded, nothing left in TMPDIR
mkdir -p "$tmp/scratch"
post "/api/report?slot=r&replications=3&seed=11" "$tmp/changed.json"
[ "$code" = 200 ] && grep -q 'Executive summary' "$tmp/body" && grep -q 'data:image/png;base64' "$tmp/body" \
  || fail "report: HTTP $code $(head -c 200 "$tmp/body")"
ls /tmp | grep -q '^omnisim-serve\.' && fail "report: a scratch directory was left in /tmp"
[ "$code" = 200 ] && echo "ok   /api/report: report.html of $(wc -c <"$tmp/body") bytes, charts embedded, scratch removed"

# 2. Compare: identical documents differ by exactly 0 in every replication (common random
#    numbers); fewer agents in B lower phone's service level significantly.
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); json.dump({"a": d, "b": d}, open(sys.argv[2], "w"))' "$tmp/doc.json" "$tmp/same.json"
post "/api/compare?slot=c&replications=5&seed=3" "$tmp/same.json"
[ "$code" = 200 ] || fail "compare: HTTP $code"
python3 - "$tmp/body" <<'EOF' || fail "compare of identical documents"
import json, sys
d = json.load(open(sys.argv[1]))["differences"]
assert d and all(x["mean"] == 0 and not x["significant"] for x in d), [x for x in d if x["mean"] != 0][:3]
print("ok   compare a = b: %d paired differences exactly 0" % len(d))
EOF
python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2])); json.dump({"a": a, "b": b}, open(sys.argv[3], "w"))' "$tmp/doc.json" "$tmp/changed.json" "$tmp/ab.json"
post "/api/compare?slot=c&replications=5&seed=3" "$tmp/ab.json"
python3 - "$tmp/body" <<'EOF' || fail "compare with fewer agents in b"
import json, sys
d = {x["kpi"]: x for x in json.load(open(sys.argv[1]))["differences"]}
x = d["channel.phone.service_level_per_answered_abandoned"]
assert x["hi"] < 0 and x["significant"], x
print("ok   compare: 3 agents fewer lowers phone's service level by %.3f [%.3f, %.3f]" % (x["mean"], x["lo"], x["hi"]))
EOF

# b's own policies: b = run --policy no_callback (seed 5, 3 replications, as above), a the base
post "/api/compare?slot=c&replications=3&seed=5&policies_b=no_callback" "$tmp/same.json"
python3 - "$tmp/body" "$tmp/runp.json" <<'EOF' || fail "compare with policies_b"
import json, sys
d = json.load(open(sys.argv[1])); r = json.load(open(sys.argv[2]))["kpis"]
assert d["b"]["summary"]["kpis"] == r
assert d["a"]["summary"]["kpis"] != r
print("ok   compare: policies_b=no_callback applies to b only (b = run --policy no_callback)")
EOF

# 3. Bad input: the loader's message with the JSON path; the page's guards.
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["channels"][0]["handle_time"]["mean_s"]=-5; json.dump(d, open(sys.argv[2], "w"), indent=1)' "$tmp/doc.json" "$tmp/bad.json"
post "/api/run?slot=t1" "$tmp/bad.json"
[ "$code" = 400 ] && grep -q '"path":"channels\[0\].handle_time.mean_s"' "$tmp/body" \
  || fail "negative handle time: HTTP $code $(head -c 300 "$tmp/body")"
printf '{"name": ' >"$tmp/syntax.json"
post "/api/run?slot=t1" "$tmp/syntax.json"
[ "$code" = 400 ] && grep -q "\"line\":1" "$tmp/body" || fail "syntax error: HTTP $code $(head -c 200 "$tmp/body")"
head -c 5000000 /dev/zero | tr '\0' ' ' >"$tmp/huge.json"
post "/api/run?slot=t1" "$tmp/huge.json"
[ "$code" = 413 ] || fail "5 MB body: HTTP $code, want 413"
for q in "replications=500" "replications=abc" "replications=0" "seed=-1" "slot=a/b" "policies=$(printf 'p,%.0s' $(seq 20))p"; do
  post "/api/run?$q" "$tmp/doc.json"
  [ "$code" = 400 ] || fail "?$q: HTTP $code, want 400"
done
code=$(curl -s -o /dev/null -w '%{http_code}' "${url}api/run")
[ "$code" = 405 ] || fail "GET /api/run: HTTP $code, want 405 (no state-changing GET)"
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST --data-binary "@$tmp/doc.json" "${url}api/run")
[ "$code" = 403 ] || fail "POST without X-Omnisim-Request: HTTP $code, want 403"
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: evil.example:80' "${url}api/base")
[ "$code" = 403 ] || fail "foreign Host header: HTTP $code, want 403"
code=$(curl -s -o /dev/null -w '%{http_code}' "${url}etc/passwd")
[ "$code" = 404 ] || fail "GET /etc/passwd: HTTP $code, want 404"
# an include or a data file outside the scenario's folder is refused
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["include"]="/etc/hostname"; json.dump(d, open(sys.argv[2], "w"))' "$tmp/doc.json" "$tmp/inc.json"
post "/api/run?slot=t1" "$tmp/inc.json"
[ "$code" = 400 ] && grep -q 'include' "$tmp/body" || fail "include outside the folder: HTTP $code $(head -c 300 "$tmp/body")"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["start_date"]="2026-03-02"; d["special_days_file"]="/etc/passwd"; json.dump(d, open(sys.argv[2], "w"))' "$tmp/doc.json" "$tmp/sdf.json"
post "/api/run?slot=t1" "$tmp/sdf.json"
[ "$code" = 400 ] && grep -q 'outside the include root' "$tmp/body" || fail "special_days_file outside the folder: HTTP $code $(head -c 300 "$tmp/body")"
# malformed HTTP: refused by the HTTP library with 400
port=${url##*:}; port=${port%/}
reply=$( { exec 3<>"/dev/tcp/127.0.0.1/$port" && printf 'NOT-HTTP garbage\r\n\r\n' >&3 && timeout 5 head -c 12 <&3; } 2>/dev/null)
[[ $reply == "HTTP/1."?" 400" ]] || fail "malformed request line: got '$reply', want HTTP 400"
reply=$( { exec 3<>"/dev/tcp/127.0.0.1/$port" && printf 'POST /api/run HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\n\r\n' >&3 && timeout 5 head -c 12 <&3; } 2>/dev/null)
[[ $reply == "HTTP/1."?" 400" ]] || fail "malformed Content-Length: got '$reply', want HTTP 400"
[ "$fails" -eq 0 ] && echo "ok   guards: 413, 400 x 9 (2 malformed HTTP), 405, 403 x 2, 404, include and data file confined"

# 4. A newer run in the same slot supersedes the running one (409); progress shows it.
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["horizon_days"]=56; json.dump(d, open(sys.argv[2], "w"))' "$tmp/doc.json" "$tmp/long.json"
curl -s -o "$tmp/first" -w '%{http_code}' -X POST -H 'X-Omnisim-Request: 1' --data-binary "@$tmp/long.json" \
  "${url}api/run?slot=S&replications=200&seed=1" >"$tmp/first.code" &
first=$!
running=0
for _ in $(seq 50); do
  sleep 0.1
  if curl -s "${url}api/progress?slot=S" | grep -q '"running":true'; then running=1; break; fi
done
[ "$running" = 1 ] || fail "progress never showed the long run"
# the server stays responsive during the long run
t0=$(date +%s%N)
curl -s -o /dev/null "${url}api/base" || fail "GET /api/base during the long run"
ms=$((($(date +%s%N) - t0) / 1000000))
[ "$ms" -lt 1000 ] || fail "GET /api/base took $ms ms during a long run"
post "/api/run?slot=S&replications=2&seed=1" "$tmp/doc.json"
[ "$code" = 200 ] || fail "the superseding run: HTTP $code"
wait "$first"
[ "$(cat "$tmp/first.code")" = 409 ] && grep -q superseded "$tmp/first" \
  || fail "the superseded run: HTTP $(cat "$tmp/first.code") $(head -c 200 "$tmp/first")"
[ "$fails" -eq 0 ] && echo "ok   a newer run in slot S superseded the running one (409)"

# 5. 50 concurrent requests (runs in 25 slots, 25 reads): every one answered.
: >"$tmp/codes"
for i in $(seq 25); do
  curl -s -o /dev/null -w '%{http_code}\n' -X POST -H 'X-Omnisim-Request: 1' --data-binary "@$tmp/doc.json" \
    "${url}api/run?slot=L$i&replications=2&seed=$i" >>"$tmp/codes" &
  curl -s -o /dev/null -w '%{http_code}\n' "${url}api/base" >>"$tmp/codes" &
done
wait_start=$SECONDS
while [ "$(wc -l <"$tmp/codes")" -lt 50 ] && [ $((SECONDS - wait_start)) -lt 120 ]; do sleep 0.2; done
n200=$(grep -c '^200$' "$tmp/codes")
[ "$n200" = 50 ] || fail "50 concurrent requests: $n200 answered 200 ($(sort "$tmp/codes" | uniq -c | tr '\n' ' '))"
rss=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
# bounded: at most two runs simulate at once, each answer about 1 MB; 1 GiB is far above
# what 2 runs of a one-week scenario and 50 answers in flight hold
[ "${rss:-0}" -lt 1048576 ] || fail "peak RSS ${rss} kB after 50 concurrent requests"
[ "$n200" = 50 ] && echo "ok   50 concurrent requests all answered 200 in $((SECONDS - wait_start)) s (peak RSS ${rss} kB)"

# 6. SIGTERM during a long run: exit 143 at once, the run's client gets an answer.
curl -s -o "$tmp/long" -w '%{http_code}' -X POST -H 'X-Omnisim-Request: 1' --data-binary "@$tmp/long.json" \
  "${url}api/run?slot=S&replications=200&seed=2" >"$tmp/long.code" &
client=$!
sleep 0.5
t0=$(date +%s%N)
kill -TERM "$pid"
wait "$pid"
rc=$?
ms=$((($(date +%s%N) - t0) / 1000000))
wait "$client"
[ "$rc" = 143 ] || fail "SIGTERM: exit $rc, want 143"
[ "$ms" -lt 3000 ] || fail "SIGTERM: stopped after $ms ms"
grep -q "stopped by SIGTERM" "$tmp/main.err" || fail "SIGTERM: no message ($(cat "$tmp/main.err"))"
[ "$(cat "$tmp/long.code")" = 409 ] && grep -q '"status":"stopped"' "$tmp/long" \
  || fail "SIGTERM: the running request got HTTP $(cat "$tmp/long.code") $(head -c 200 "$tmp/long"), want 409 stopped"
[ "$rc" = 143 ] && echo "ok   SIGTERM during a 200-replication run: exit 143 after $ms ms, its client answered 409 stopped"

# 7. Bound to another address than loopback, every request needs the printed token.
start open --bind 0.0.0.0
tok=${url##*token=}
base_url=${url%%\?*}
loop_url=http://127.0.0.1:${base_url##*:}
[ "${#tok}" = 32 ] || fail "--bind 0.0.0.0: no 32-digit token in '$url'"
code=$(curl -s -o /dev/null -w '%{http_code}' "${loop_url}api/base")
[ "$code" = 403 ] || fail "no token: HTTP $code, want 403"
code=$(curl -s -o /dev/null -w '%{http_code}' "${loop_url}?token=0123456789abcdef0123456789abcdef")
[ "$code" = 403 ] || fail "wrong token: HTTP $code, want 403"
code=$(curl -s -o /dev/null -w '%{http_code}' "${loop_url}?token=$tok")
[ "$code" = 200 ] || fail "the token: HTTP $code, want 200"
code=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Omnisim-Token: $tok" "${loop_url}api/base")
[ "$code" = 200 ] || fail "the token header: HTTP $code, want 200"
[ "$code" = 200 ] && echo "ok   --bind 0.0.0.0: the token is required (403 without or wrong, 200 with)"

subcommand=serve
expect 2 --bind not-an-address
expect 2 --port 70000
echo '{"name": 1}' >"$tmp/badbase.json"
expect 1 "$tmp/badbase.json"
exit 0
