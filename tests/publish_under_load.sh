#!/usr/bin/env bash
# 100 content publishes while wrk loads the site, in both ways content goes
# live: `serve --watch` (a save triggers the publish) and production (SIGHUP
# re-reads content/). Each publish changes a page under load. wrk must see
# zero failed requests: no socket errors, no status outside 2xx/3xx.
#
# Needs wrk and curl; .ci/run installs what is missing.
# Usage: tests/publish_under_load.sh [path to the career-guide binary] [publishes]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/career-guide}
publishes=${2:-100}
[ -x "$bin" ] || cargo build --release --quiet
port=18281
work=$(mktemp -d)
server=
wrk_pid=
cleanup() {
  for pid in $server $wrk_pid; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2
  tail -n 30 "$work/server.log" >&2 || true
  exit 1
}

cp -r content "$work/content"
file="$work/content/roles/accountant.md"
grep -q "are complete, accurate and on time" "$file" || fail "the edited sentence is gone from $file"
base="http://127.0.0.1:$port"

version() {
  curl -fs "$base/metrics" | awk '/^career_guide_content_version /{print $2}'
}

# Alternates the summary of the page under load between two wordings.
edit() {
  if grep -q "and on time" "$file"; then
    sed -i 's/and on time/and on schedule/' "$file"
  else
    sed -i 's/and on schedule/and on time/' "$file"
  fi
}

run() {
  local mode=$1
  shift
  RUST_LOG=warn "$bin" serve --bind "127.0.0.1:$port" --content "$work/content" \
    --database "sqlite://$work/$mode.db" "$@" >"$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 600); do
    curl -fs "$base/readyz" >/dev/null 2>&1 && break
    sleep 0.1
  done
  curl -fs "$base/readyz" >/dev/null || fail "$mode: never ready"

  cat >"$work/paths.lua" <<'LUA'
local paths = {"/roles/accountant", "/roles", "/categories/finance-accounting", "/", "/feed.xml"}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
LUA
  wrk -t2 -c16 -d600s --timeout 10s --latency -s "$work/paths.lua" "$base" >"$work/wrk.out" 2>&1 &
  wrk_pid=$!
  sleep 1
  local start=$SECONDS
  for n in $(seq "$publishes"); do
    local before
    before=$(version)
    edit
    if [ "$mode" = sighup ]; then kill -HUP "$server"; fi
    for _ in $(seq 300); do
      [ "$(version)" != "$before" ] && break
      sleep 0.05
    done
    [ "$(version)" != "$before" ] || fail "$mode: publish $n never went live"
  done
  local elapsed=$((SECONDS - start))
  sleep 1
  kill -INT "$wrk_pid"
  wait "$wrk_pid" || true
  wrk_pid=
  echo "== $mode: $publishes publishes in ${elapsed}s under load"
  grep -E "requests in|Requests/sec|Latency|50%|99%|Socket errors|Non-2xx" "$work/wrk.out"
  grep -q "requests in" "$work/wrk.out" || fail "$mode: wrk did not run"
  if grep -q "Socket errors" "$work/wrk.out"; then fail "$mode: socket errors"; fi
  if grep -q "Non-2xx or 3xx" "$work/wrk.out"; then fail "$mode: failed responses"; fi
  grep -q "on time\|on schedule" "$file"
  kill -TERM "$server"
  wait "$server" || fail "$mode: did not stop cleanly"
  server=
}

run sighup
run watch --watch
echo "PASS: zero failed requests across $((publishes * 2)) publishes under load"
