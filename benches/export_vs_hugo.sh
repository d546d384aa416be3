#!/usr/bin/env bash
# Static export against Hugo building the same tree with the same page
# structure (../shared/bench/hugo-peer), in alternating rounds, then an
# incremental re-export after a one-file edit. A measurement, not a check.
# Each export's time is also split into publishing the content into the
# database (publish_s) and everything after it (rest_s: fingerprints,
# rendering, compressing, writing), from the export's own log line.
# `plain_s` is the export without precompressed siblings (--no-precompress),
# which writes the same files as Hugo. Which of the three builds goes first
# turns with each round: the one right after the previous round's outputs
# are deleted pays more for creating files on some file systems (ext4
# without a journal skips inodes freed in the last seconds one by one).
#
# Needs hugo (apt-get install hugo). BENCH_DIR=/dev/shm takes the disk out
# of the comparison (both then write to memory).
# Usage: benches/export_vs_hugo.sh [rounds] [profiles]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rounds="${1:-3}"
profiles="${2:-10000}"
shared="${BENCH_SHARED:-$(pwd)/../shared/bench}"
[ -d "$shared/hugo-peer" ] || shared="$(pwd)/../../shared/bench"
work=$(mktemp -d -p "${BENCH_DIR:-${TMPDIR:-/tmp}}")
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet
bin=$(pwd)/target/release/career-guide
tree=$(pwd)/$(benches/gen_tree.sh "$profiles")
cp -r "$tree" "$work/tree"
# The database is kept between rounds, as a deployment would keep it.
export_site() { # [export options]
  RUST_LOG=career_guide::export=info "$bin" export "$work/site" --content "$work/tree" \
    --database "sqlite://$work/export.db" --base-url https://careers.example "$@" 2>/dev/null |
    sed 's/\x1b\[[0-9;]*m//g' >"$work/export.log"
}
# A field of the last export's log, e.g. `logged publish_ms`.
logged() { grep -o "$1=[0-9]*" "$work/export.log" | cut -d= -f2; }
seconds() { local s; s=$(date +%s.%N); "$@" >/dev/null; echo "$(date +%s.%N) - $s" | bc; }
publish_and_rest() { # total_s -> "publish_s rest_s"
  local p; p=$(echo "$(logged publish_ms) / 1000" | bc -l)
  echo "$p $(echo "$1 - $p" | bc -l)"
}

full() { rm -rf "$work/site"; e=$(seconds export_site); read -r p rest <<<"$(publish_and_rest "$e")"; }
plain() { rm -rf "$work/site"; pl=$(seconds export_site --no-precompress); }
hugo_build() {
  rm -rf "$work/hugo-out"
  h=$(seconds hugo --quiet --source "$shared/hugo-peer" --contentDir "$work/tree" \
    --destination "$work/hugo-out")
}
echo "== full build of $profiles profiles, alternating rounds (work dir on $(df --output=fstype "$work" | tail -1))"
printf "%-6s %-18s %9s %9s %7s %8s %8s %6s %7s\n" round order export_s publish_s rest_s plain_s hugo_s ratio plain/h
for round in $(seq "$rounds"); do
  case $((round % 3)) in
    1) order="full plain hugo_build" ;;
    2) order="hugo_build full plain" ;;
    0) order="plain hugo_build full" ;;
  esac
  for build in $order; do $build; done
  printf "%-6s %-18s %9.2f %9.2f %7.2f %8.2f %8.2f %6.2f %7.2f\n" "$round" "${order//_build/}" \
    "$e" "$p" "$rest" "$pl" "$h" "$(echo "$e / $h" | bc -l)" "$(echo "$pl / $h" | bc -l)"
done
# The incremental figures start from a full export's directory and log.
[ "${order##* }" = full ] || full
full_s=$e
grep -o "exported.*" "$work/export.log"
grep -o "publish_ms.*" "$work/export.log"

echo "== incremental: nothing changed, then one profile edited"
# Re-exports into the same directory and prints its time against $full_s.
re_export() {
  local t p rest
  t=$(seconds export_site)
  read -r p rest <<<"$(publish_and_rest "$t")"
  printf "%s: %.2f s (publish %.2f s, the rest %.2f s) = %.1f%% of the last full export\n" \
    "$1" "$t" "$p" "$rest" "$(echo "100 * $t / $full_s" | bc -l)"
  grep -o "exported.*" "$work/export.log"
}
re_export unchanged
sed -i 's/^summary = "Synthetic role 1:/summary = "Edited synthetic role 1:/' "$work/tree/roles/role-1.md"
re_export "one edit"
grep -o "publish_ms.*" "$work/export.log"
