#!/usr/bin/env bash
# Load test of the release server on loopback: throughput and latency of the
# pages readers hit most. A measurement, not a check.
#
# Needs wrk (apt-get install wrk). Usage: benches/http_load.sh [seconds]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
duration="${1:-10}"
port=18080
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

cargo build --release --quiet
RUST_LOG=warn ./target/release/career-guide serve --bind "127.0.0.1:$port" \
  --database "sqlite://$work/bench.db" &
server=$!
for _ in $(seq 100); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done

for path in /roles/backend-web-developer /categories/software-engineering / /salaries/15-1252; do
  echo "== GET $path"
  wrk -t2 -c32 -d"${duration}s" --latency "http://127.0.0.1:$port$path" | grep -E "Requests/sec|Latency|50%|99%"
done
echo "== resident memory of the server after the run"
grep VmRSS "/proc/$server/status"
