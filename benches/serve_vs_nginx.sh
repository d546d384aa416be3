#!/usr/bin/env bash
# The app against nginx serving the same bytes from disk, with N profiles
# loaded: cold start (empty database to the first 200), role-page
# requests/s and p99 latency at 64 connections in alternating rounds, and
# the server's peak resident memory. Two nginx peers: the deployed
# configuration (deploy/nginx-export.conf: security headers, precompressed
# files) and a bare one (sendfile, open_file_cache, no extra headers). A measurement, not a check: on a shared
# machine read the ratios, not the absolute figures.
#
# Needs wrk and nginx (apt-get install wrk nginx-light).
# Usage: benches/serve_vs_nginx.sh [seconds per round] [rounds] [profiles]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
duration="${1:-10}"
rounds="${2:-3}"
profiles="${3:-10000}"
app_port=18181
nginx_port=18182
bare_port=18183
work=$(mktemp -d)
server=""
nginx_pid=""
bare_pid=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
  [ -n "$bare_pid" ] && kill "$bare_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

cargo build --release --quiet
bin=./target/release/career-guide
tree=$(benches/gen_tree.sh "$profiles")
base="http://127.0.0.1:$app_port"
page=/roles/role-1

echo "== cold start with $profiles profiles (empty database to the first 200)"
start=$(date +%s.%N)
RUST_LOG=warn "$bin" serve --bind "127.0.0.1:$app_port" --content "$tree" \
  --database "sqlite://$work/bench.db" --base-url "$base" >/dev/null 2>&1 &
server=$!
until curl -fs -o /dev/null "$base$page"; do sleep 0.02; done
end=$(date +%s.%N)
echo "cold start: $(echo "$end - $start" | bc) s"

echo "== export of the same site for nginx"
"$bin" export "$work/site" --content "$tree" --database "sqlite://$work/export.db" \
  --base-url "$base" 2>/dev/null | tail -1
# An nginx in directory $1 whose http block includes the server block $2.
start_nginx() {
  mkdir -p "$1"
  cat >"$1/nginx.conf" <<CONF
daemon off;
worker_processes 2;
pid $1/nginx.pid;
error_log $1/error.log;
user root;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  sendfile on;
  open_file_cache max=1000;
  include $2;
}
CONF
  nginx -c "$1/nginx.conf" -p "$1" &
}

# The deployed configuration: security headers, precompressed files.
sed -e "s|@LISTEN@|127.0.0.1:$nginx_port|" -e "s|@ROOT@|$work/site|" deploy/nginx-export.conf \
  >"$work/server.conf"
start_nginx "$work/deployed" "$work/server.conf"
nginx_pid=$!
# Bare: the same files, nothing added.
cat >"$work/bare.conf" <<CONF
server {
  listen 127.0.0.1:$bare_port;
  root $work/site;
  location / { try_files \$uri \$uri.html \$uri/index.html =404; }
}
CONF
start_nginx "$work/bare" "$work/bare.conf"
bare_pid=$!
for port in "$nginx_port" "$bare_port"; do
  until curl -fs -o /dev/null "http://127.0.0.1:$port$page"; do sleep 0.02; done
  cmp <(curl -fs "$base$page") <(curl -fs "http://127.0.0.1:$port$page") \
    && echo "same bytes from the app and nginx on $port: $(curl -fs "$base$page" | wc -c) bytes"
done

# Both run one worker per core (2 on the reference machine).
measure() {
  wrk -t2 -c64 -d"${duration}s" --latency "$1" |
    awk '/Requests\/sec/ {rps=$2} / 99%/ {p99=$2} END {print rps, p99}'
}
echo "== GET $page, wrk -t2 -c64 -d${duration}s, alternating rounds"
printf "%-6s %10s %9s %10s %9s %10s %9s %8s %8s\n" round app_rps app_p99 \
  nginx_rps nginx_p99 bare_rps bare_p99 vs_nginx vs_bare
for round in $(seq "$rounds"); do
  read -r app_rps app_p99 < <(measure "$base$page")
  read -r nginx_rps nginx_p99 < <(measure "http://127.0.0.1:$nginx_port$page")
  read -r bare_rps bare_p99 < <(measure "http://127.0.0.1:$bare_port$page")
  printf "%-6s %10s %9s %10s %9s %10s %9s %8.2f %8.2f\n" "$round" "$app_rps" "$app_p99" \
    "$nginx_rps" "$nginx_p99" "$bare_rps" "$bare_p99" \
    "$(echo "$app_rps / $nginx_rps" | bc -l)" "$(echo "$app_rps / $bare_rps" | bc -l)"
done
echo "== the server's memory after the load (VmHWM is the peak)"
grep -E "VmHWM|VmRSS" "/proc/$server/status"
