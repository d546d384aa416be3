#!/usr/bin/env bash
# Static export against Hugo building the same tree with the same page
# structure (../shared/bench/hugo-peer), in alternating rounds, then an
# incremental re-export after a one-file edit. A measurement, not a check.
# Each export's time is also split into publishing the content into the
# database (publish_s) and everything after it (rest_s: fingerprints,
# rendering, compressing, writing), from the export's own log line.
#
# Needs hugo (apt-get install hugo).
# Usage: benches/export_vs_hugo.sh [rounds] [profiles]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rounds="${1:-3}"
profiles="${2:-10000}"
shared="${BENCH_SHARED:-$(pwd)/../shared/bench}"
[ -d "$shared/hugo-peer" ] || shared="$(pwd)/../../shared/bench"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet
bin=$(pwd)/target/release/career-guide
tree=$(pwd)/$(benches/gen_tree.sh "$profiles")
cp -r "$tree" "$work/tree"
# The database is kept between rounds, as a deployment would keep it.
export_site() {
  RUST_LOG=career_guide::export=info "$bin" export "$work/site" --content "$work/tree" \
    --database "sqlite://$work/export.db" --base-url https://careers.example 2>/dev/null |
    sed 's/\x1b\[[0-9;]*m//g' >"$work/export.log"
}
# A field of the last export's log, e.g. `logged publish_ms`.
logged() { grep -o "$1=[0-9]*" "$work/export.log" | cut -d= -f2; }
seconds() { local s; s=$(date +%s.%N); "$@" >/dev/null; echo "$(date +%s.%N) - $s" | bc; }
publish_and_rest() { # total_s -> "publish_s rest_s"
  local p; p=$(echo "$(logged publish_ms) / 1000" | bc -l)
  echo "$p $(echo "$1 - $p" | bc -l)"
}

echo "== full build of $profiles profiles, alternating rounds"
printf "%-6s %10s %10s %8s %10s %7s %10s\n" round export_s publish_s rest_s hugo_s ratio rest/hugo
for round in $(seq "$rounds"); do
  rm -rf "$work/site" "$work/hugo-out"
  e=$(seconds export_site)
  read -r p rest <<<"$(publish_and_rest "$e")"
  h=$(seconds hugo --quiet --source "$shared/hugo-peer" --contentDir "$work/tree" \
    --destination "$work/hugo-out")
  printf "%-6s %10.2f %10.2f %8.2f %10.2f %7.2f %10.2f\n" "$round" "$e" "$p" "$rest" "$h" \
    "$(echo "$e / $h" | bc -l)" "$(echo "$rest / $h" | bc -l)"
done
full=$e
grep -o "exported.*" "$work/export.log"
grep -o "publish_ms.*" "$work/export.log"

echo "== incremental: nothing changed, then one profile edited"
# Re-exports into the same directory and prints its time against $full.
re_export() {
  local t p rest
  t=$(seconds export_site)
  read -r p rest <<<"$(publish_and_rest "$t")"
  printf "%s: %.2f s (publish %.2f s, the rest %.2f s) = %.1f%% of the last full export\n" \
    "$1" "$t" "$p" "$rest" "$(echo "100 * $t / $full" | bc -l)"
  grep -o "exported.*" "$work/export.log"
}
re_export unchanged
sed -i 's/^summary = "Synthetic role 1:/summary = "Edited synthetic role 1:/' "$work/tree/roles/role-1.md"
re_export "one edit"
grep -o "publish_ms.*" "$work/export.log"
