#!/usr/bin/env bash
# Start-up with N profiles: cold start (empty database to the first 200 of a
# role page), warm start (a restart on the same database: unchanged files are
# not parsed again), and a republish after one edit (SIGHUP to the page
# showing the edit), with the server's peak resident memory. A measurement,
# not a check; on a shared machine repeat it and read the spread.
#
# Usage: benches/start.sh [profiles] [rounds]   (default 10000, 3)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
profiles="${1:-10000}"
rounds="${2:-3}"
port=18183
base="http://127.0.0.1:$port"
work=$(mktemp -d)
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

cargo build --release --quiet
bin=$PWD/target/release/career-guide
cp -r "$(benches/gen_tree.sh "$profiles")" "$work/tree"
page=/roles/role-1
edited="$work/tree/roles/role-1.md"

now() { date +%s.%N; }
start_server() {
  RUST_LOG=warn "$bin" serve --bind "127.0.0.1:$port" --content "$work/tree" \
    --database "sqlite://$work/bench.db" --base-url "$base" >/dev/null 2>&1 &
  server=$!
  until curl -fs -o /dev/null "$base$page"; do sleep 0.01; done
}
stop_server() {
  kill "$server"
  wait "$server" 2>/dev/null || true
  server=""
}
peak() { awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$server/status"; }

printf "%-6s %10s %9s %10s %9s %12s\n" round cold_s cold_MB warm_s warm_MB republish_s
for round in $(seq "$rounds"); do
  rm -f "$work"/bench.db*
  t0=$(now); start_server; t1=$(now)
  cold=$(echo "$t1 - $t0" | bc); cold_mb=$(peak)
  stop_server
  t0=$(now); start_server; t1=$(now)
  warm=$(echo "$t1 - $t0" | bc); warm_mb=$(peak)
  marker="Edited in round $round"
  sed -i "0,/^summary = \".*\"/s//summary = \"$marker: a one-sentence summary long enough to be a meta description.\"/" "$edited"
  t0=$(now)
  kill -HUP "$server"
  until curl -fs "$base$page" | grep -q "$marker"; do sleep 0.01; done
  t1=$(now)
  republish=$(echo "$t1 - $t0" | bc)
  stop_server
  printf "%-6s %10.2f %9s %10.2f %9s %12.2f\n" "$round" "$cold" "$cold_mb" "$warm" "$warm_mb" "$republish"
done
