#!/usr/bin/env bash
# Static export against Hugo building the same tree with the same page
# structure (../shared/bench/hugo-peer), in alternating rounds, then an
# incremental re-export after a one-file edit. A measurement, not a check.
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
  "$bin" export "$work/site" --content "$work/tree" --database "sqlite://$work/export.db" \
    --base-url https://careers.example 2>/dev/null | tail -1
}
seconds() { local s; s=$(date +%s.%N); "$@" >/dev/null; echo "$(date +%s.%N) - $s" | bc; }

echo "== full build of $profiles profiles, alternating rounds"
printf "%-6s %10s %10s %7s\n" round export_s hugo_s ratio
for round in $(seq "$rounds"); do
  rm -rf "$work/site" "$work/hugo-out"
  e=$(seconds export_site)
  h=$(seconds hugo --quiet --source "$shared/hugo-peer" --contentDir "$work/tree" \
    --destination "$work/hugo-out")
  printf "%-6s %10.2f %10.2f %7.2f\n" "$round" "$e" "$h" "$(echo "$e / $h" | bc -l)"
done
full=$e

echo "== incremental: nothing changed, then one profile edited"
echo "unchanged: $(seconds export_site) s"
sed -i 's/^summary = "Synthetic role 1:/summary = "Edited synthetic role 1:/' "$work/tree/roles/role-1.md"
start=$(date +%s.%N)
export_site
one=$(echo "$(date +%s.%N) - $start" | bc)
printf "one edit: %.2f s = %.1f%% of the last full export\n" "$one" "$(echo "100 * $one / $full" | bc -l)"
