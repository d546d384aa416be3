#!/usr/bin/env bash
# HTML validation: serves the bundled content with the release build and runs
# the Nu HTML Checker (vnu-jar from npm; needs Java 11+) over a sample of
# pages: home, the A–Z index, a category, three roles and one role's state
# view, the salary explorer, one occupation's wages (plain and sorted) and
# the 404 page.
# Fails on any error. VNU_DIR caches the checker between runs.
set -euo pipefail
cd "$(dirname "$0")/.."

VNU_VERSION="${VNU_VERSION:-26.9.27}"
VNU_DIR="${VNU_DIR:-${TMPDIR:-/tmp}/career-guide-vnu-$VNU_VERSION}"
VNU_JAR="$VNU_DIR/node_modules/vnu-jar/build/dist/vnu.jar"

if [ ! -f "$VNU_JAR" ]; then
  echo "installing vnu-jar $VNU_VERSION into $VNU_DIR"
  mkdir -p "$VNU_DIR"
  npm install --silent --no-audit --no-fund --prefix "$VNU_DIR" "vnu-jar@$VNU_VERSION" >/dev/null
fi
java -version 2>&1 | head -n 1

cargo build --release --quiet

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# Port 0: the server picks a free port and logs it.
NO_COLOR=1 RUST_LOG=info target/release/career-guide serve \
  --bind 127.0.0.1:0 \
  --database "sqlite://$work/site.db" \
  >"$work/server.log" 2>&1 &
server_pid=$!

address=""
for _ in $(seq 1 300); do
  address="$(sed 's/\x1b\[[0-9;]*m//g' "$work/server.log" |
    grep -o 'listening address=127\.0\.0\.1:[0-9]*' | head -n 1 | cut -d= -f2 || true)"
  if [ -n "$address" ] && curl -fsS "http://$address/healthz" >/dev/null 2>&1; then
    break
  fi
  if ! kill -0 "$server_pid" 2>/dev/null; then
    cat "$work/server.log" >&2
    echo "the server exited before it was ready" >&2
    exit 1
  fi
  address=""
  sleep 0.2
done
if [ -z "$address" ]; then
  cat "$work/server.log" >&2
  echo "the server did not become ready" >&2
  exit 1
fi
base="http://$address"

# Pick real pages from the sitemap, so the sample follows the content.
sitemap="$(curl -fsS "$base/sitemap.xml")"
locs() { grep -o "<loc>$base$1[^<]*</loc>" <<<"$sitemap" | sed -e 's/<loc>//' -e 's/<\/loc>//'; }
category="$(locs /categories/ | sed -n 1p)"
roles="$(locs /roles/ | sed -n 1,3p)"
salary="$(locs /salaries/ | sed -n 1p)"
if [ -z "$category" ] || [ -z "$salary" ] || [ "$(wc -l <<<"$roles")" -lt 3 ]; then
  cat "$work/server.log" >&2
  echo "the sitemap lists too few pages; is the content publishing?" >&2
  exit 1
fi

n=0
fetch() {
  local url="$1" expect="$2" status
  n=$((n + 1))
  status="$(curl -sS -o "$work/page-$n.html" -w '%{http_code}' "$url")"
  if [ "$status" != "$expect" ]; then
    echo "GET $url answered $status, expected $expect" >&2
    exit 1
  fi
  echo "  $url"
}
echo "validating:"
fetch "$base/" 200
fetch "$base/roles" 200
fetch "$category" 200
while read -r role; do fetch "$role" 200; done <<<"$roles"
fetch "$(head -n 1 <<<"$roles")?state=CA" 200
fetch "$base/salaries" 200
fetch "$salary" 200
fetch "$salary?sort=median" 200
fetch "$base/no-such-page" 404

java -jar "$VNU_JAR" --errors-only "$work"/page-*.html
echo "vnu: no errors in $n pages"
