#!/usr/bin/env bash
# Search latency at scale: generates N synthetic profiles (default 10,000)
# with the shared generator, adds the front matter fields it predates, serves
# them from a release build on 127.0.0.1 and runs `wrk` against /search with
# a set of queries, one at a time: a title prefix, words that match every
# profile's body, BLS occupation titles, a misspelling (the "did you mean"
# path) and a query that finds nothing. One connection at a time, so the
# figures are the latency of one search. A measurement, not a check.
#
# Needs python3 and wrk (apt-get install wrk).
# Usage: benches/search.sh [profiles] [seconds per query]
#   GEN_CONTENT=path/to/gen_content.py (default ../shared/bench/gen_content.py)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
profiles="${1:-10000}"
duration="${2:-10}"
gen="${GEN_CONTENT:-../shared/bench/gen_content.py}"
port=18091
work=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT

python3 "$gen" "$work/content" "$profiles" >/dev/null
# The generator predates the structured facts: add them to every profile.
python3 - "$work/content/roles" <<'PY'
import os, re, sys
levels = ["high-school", "postsecondary", "associates", "bachelors", "masters"]
impacts = ["low", "moderate", "high"]
root = sys.argv[1]
for i, name in enumerate(sorted(os.listdir(root))):
    path = os.path.join(root, name)
    text = open(path).read()
    head, sep, body = text.partition("\n+++\n")
    # Top-level keys go before the first table, [salary].
    fields = (
        f'education_level = "{levels[i % len(levels)]}"\n'
        f'ai_impact_level = "{impacts[i % len(impacts)]}"\n'
        'soc_match = "exact"\n'
    )
    head = head.replace("\n[salary]", "\n" + fields + "\n[salary]", 1)
    head += (
        '\n\n[[sources]]\nid = "bls-oews"\ntitle = "Occupational Employment and Wage Statistics"\n'
        'publisher = "U.S. Bureau of Labor Statistics"\n'
        'url = "https://www.bls.gov/oes/tables.htm"\naccessed = 2026-11-01\n'
        '\n[[sources]]\nid = "onet"\ntitle = "O*NET OnLine"\npublisher = "O*NET Resource Center"\n'
        'url = "https://www.onetonline.org/find/"\naccessed = 2026-11-01'
    )
    # Three claims tied to the sources, after the overview's first paragraph.
    body = re.sub(r"^(## Overview\s*\n\s*\n.+)$", r"\1[^bls-oews][^onet][^bls-oews]", body, count=1, flags=re.M)
    open(path, "w").write(head + sep + body)
PY

cargo build --release --quiet
start=$(date +%s.%N)
RUST_LOG=error ./target/release/career-guide serve --bind "127.0.0.1:$port" \
  --content "$work/content" --database "sqlite://$work/bench.db" &
server=$!
for _ in $(seq 1200); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.25
done
echo "== start-up with $profiles profiles (content sync and search index): $(echo "$(date +%s.%N) - $start" | bc) s"
roles=$(curl -s "http://127.0.0.1:$port/search?q=role" | grep -o "[0-9][0-9]* results" | head -1)
echo "== /search?q=role finds: $roles"

for q in "role+42" "patient" "security+audit" "nurse" "software+developer" "enginer" "xylophonist" \
  "nurse+salary+in+texas" "jobs+without+a+degree+over+50k"; do
  echo "== GET /search?q=$q"
  # One connection: the latency of a search, not of a queue of them.
  wrk -t1 -c1 -d"${duration}s" --latency "http://127.0.0.1:$port/search?q=$q" \
    | grep -E "Requests/sec|^ +(50|90|99)%"
done
