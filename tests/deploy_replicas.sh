#!/usr/bin/env bash
# Three replicas behind nginx, configured by deploy/nginx.conf (TLS included),
# on loopback, under constant load from wrk: each replica is restarted in
# turn (SIGTERM, start, wait for /readyz), then one is killed with SIGKILL
# and brought back. wrk must see zero failed requests: no socket errors and
# no status outside 2xx/3xx.
#
# Needs nginx, wrk, openssl and curl; .ci/run installs what is missing.
# Usage: tests/deploy_replicas.sh [path to the career-guide binary]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/career-guide}
[ -x "$bin" ] || cargo build --release --quiet
load_seconds=45
# nginx keeps a replica that failed one request out of rotation for
# fail_timeout; a rolling restart waits that long after a replica is ready
# before stopping the next, or all three can be out of rotation at once.
fail_timeout=$(sed -n 's/.*max_fails=1 fail_timeout=\([0-9]*\)s;.*/\1/p' deploy/nginx.conf | head -n 1)
[ -n "$fail_timeout" ] || { echo "FAIL: no fail_timeout in deploy/nginx.conf" >&2; exit 1; }
# Ports apart from those of benches/serve_vs_nginx.sh and benches/start.sh:
# a benchmark left running must not answer for a replica here.
ports=(18381 18382 18383)
https_port=18443
http_port=18480
work=$(mktemp -d)
declare -a pids=()
nginx_pid=
wrk_pid=

cleanup() {
  for pid in "${pids[@]}" $nginx_pid $wrk_pid; do
    kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  for f in "$work"/*.log; do echo "--- $f" >&2; tail -n 20 "$f" >&2; done
  exit 1
}

start_replica() {
  local i=$1
  BIND="127.0.0.1:${ports[$i]}" DATABASE_URL="sqlite://$work/replica-$i.db" \
    BASE_URL="https://127.0.0.1:$https_port" RUST_LOG=warn \
    "$bin" serve >>"$work/replica-$i.log" 2>&1 &
  pids[i]=$!
}

wait_ready() {
  local port=$1
  for _ in $(seq 600); do
    curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  fail "replica on port $port never became ready"
}

echo "== three replicas"
for i in 0 1 2; do start_replica "$i"; done
for i in 0 1 2; do wait_ready "${ports[$i]}"; done

echo "== nginx with deploy/nginx.conf"
mkdir -p "$work/export" "$work/tmp"
# nginx workers drop root; they must be able to look into the export root.
chmod 755 "$work"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost \
  -keyout "$work/key.pem" -out "$work/cert.pem" >/dev/null 2>&1
sed -e "s/127\.0\.0\.1:8081/127.0.0.1:${ports[0]}/" \
    -e "s/127\.0\.0\.1:8082/127.0.0.1:${ports[1]}/" \
    -e "s/127\.0\.0\.1:8083/127.0.0.1:${ports[2]}/" \
    -e "s/listen 443 ssl http2;/listen 127.0.0.1:$https_port ssl http2;/" \
    -e "s/listen 80;/listen 127.0.0.1:$http_port;/" \
    -e "/listen \[::\]/d" \
    -e "s#/etc/letsencrypt/live/careers.example.org/fullchain.pem#$work/cert.pem#" \
    -e "s#/etc/letsencrypt/live/careers.example.org/privkey.pem#$work/key.pem#" \
    -e "s#root /var/www/career-guide;#root $work/export;#" \
    deploy/nginx.conf >"$work/site.conf"
grep -q "127.0.0.1:$https_port ssl" "$work/site.conf" || fail "deploy/nginx.conf changed shape; update this script"
cat >"$work/nginx.conf" <<CONF
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
worker_processes 2;
events { worker_connections 1024; }
http {
  # Only failed responses are logged, so a failure names its status and path.
  map \$status \$failed { ~^[23] 0; default 1; }
  log_format failed '\$status \$request_uri upstream=\$upstream_addr upstream_status=\$upstream_status';
  access_log $work/failed.log failed if=\$failed;
  client_body_temp_path $work/tmp/body;
  proxy_temp_path $work/tmp/proxy;
  fastcgi_temp_path $work/tmp/fastcgi;
  uwsgi_temp_path $work/tmp/uwsgi;
  scgi_temp_path $work/tmp/scgi;
  include $work/site.conf;
}
CONF
nginx -t -q -c "$work/nginx.conf" -e "$work/nginx-error.log" || fail "nginx rejects the configuration"
nginx -c "$work/nginx.conf" -e "$work/nginx-error.log" &
nginx_pid=$!
base="https://127.0.0.1:$https_port"
for _ in $(seq 100); do curl -fsk "$base/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

echo "== the edge"
status=$(curl -sk -o /dev/null -w '%{http_code}' "$base/roles")
[ "$status" = 200 ] || fail "GET /roles through nginx: $status"
curl -skI "$base/roles" | grep -qi '^content-security-policy:' || fail "no CSP through nginx"
status=$(curl -sk -o /dev/null -w '%{http_code}' "$base/metrics")
[ "$status" = 404 ] || fail "/metrics is public through nginx ($status)"
status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$http_port/roles")
[ "$status" = 301 ] || fail "plain http does not redirect ($status)"

echo "== load for ${load_seconds}s while replicas restart"
cat >"$work/paths.lua" <<'LUA'
local paths = {"/roles/backend-web-developer", "/", "/roles", "/categories/software-engineering",
               "/salaries/15-1252", "/feed.xml", "/sitemap.xml", "/healthz"}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
LUA
wrk -t2 -c16 -d"${load_seconds}s" --timeout 10s -s "$work/paths.lua" "$base" >"$work/wrk.out" 2>&1 &
wrk_pid=$!
sleep 3
start=$SECONDS
for i in 0 1 2; do
  echo "   restart replica $i (SIGTERM)"
  kill -TERM "${pids[$i]}"
  wait "${pids[$i]}" || fail "replica $i did not stop cleanly"
  start_replica "$i"
  wait_ready "${ports[$i]}"
  sleep $((fail_timeout + 1))
done
echo "   kill replica 1 (SIGKILL) mid-load"
kill -KILL "${pids[1]}"
wait "${pids[1]}" 2>/dev/null || true
sleep 3
start_replica 1
wait_ready "${ports[1]}"
echo "   restarts took $((SECONDS - start))s"
kill -0 "$wrk_pid" 2>/dev/null || fail "the load ended before the restarts did; raise load_seconds"
wait "$wrk_pid"
wrk_pid=
cat "$work/wrk.out"

if grep -q "Socket errors" "$work/wrk.out"; then fail "socket errors under load"; fi
if grep -q "Non-2xx or 3xx" "$work/wrk.out"; then
  echo "--- failed responses by status, path and upstream"
  cut -d' ' -f1,2,4 "$work/failed.log" | sort | uniq -c | sort -rn | head -20
  fail "failed responses under load"
fi
grep -q "requests in" "$work/wrk.out" || fail "wrk did not run"
echo "PASS: zero failed requests through three rolling restarts and a SIGKILL"
