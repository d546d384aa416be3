#!/usr/bin/env bash
# Writes (once) a synthetic content tree of N profiles for the scale
# benchmarks: the shared generator's output, plus the front matter fields the
# site now requires (structured levels, SOC match, two sources, one of them
# on www.bls.gov). Prints the tree's path.
#
# Usage: benches/gen_tree.sh [N]   (default 10000)
# The generator is ../shared/bench/gen_content.py beside the checkout, or
# $BENCH_SHARED/gen_content.py.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
n="${1:-10000}"
shared="${BENCH_SHARED:-$(pwd)/../shared/bench}"
[ -f "$shared/gen_content.py" ] || shared="$(pwd)/../../shared/bench"
tree="target/bench/tree-$n"
if [ ! -f "$tree/.complete" ]; then
  rm -rf "$tree"
  mkdir -p "$tree"
  python3 "$shared/gen_content.py" "$tree" "$n" >/dev/null
  python3 - "$tree" <<'PY'
import pathlib, re, sys
extra = '''education_level = "bachelors"
ai_impact_level = "moderate"
soc_match = "exact"
'''
sources = '''
[[sources]]
id = "bls-oews"
title = "Occupational Employment and Wage Statistics, May 2025"
publisher = "U.S. Bureau of Labor Statistics"
url = "https://www.bls.gov/oes/tables.htm"
accessed = 2026-11-01

[[sources]]
id = "onet"
title = "O*NET occupation report"
publisher = "National Center for O*NET Development"
url = "https://www.onetonline.org/find/"
accessed = 2026-11-01
'''
for path in pathlib.Path(sys.argv[1], "roles").glob("*.md"):
    text = path.read_text()
    head, sep, body = text[4:].partition("\n+++\n")
    head = re.sub(r"^(updated = .*)$", r"\1\n" + extra.rstrip("\n"), head, count=1, flags=re.M)
    # Three claims tied to the sources, after the overview's first paragraph.
    body = re.sub(r"^(## Overview\s*\n\s*\n.+)$", r"\1[^bls-oews][^onet][^bls-oews]", body, count=1, flags=re.M)
    path.write_text("+++\n" + head + "\n" + sources + sep + body)
PY
  touch "$tree/.complete"
fi
echo "$tree"
