#!/usr/bin/env bash
# Times a full import of data/oews-2025 (1,104 national + 37,408 state rows)
# into a fresh temporary SQLite database, in a release build.
#
# It runs the #[ignore]d test oews::store::tests::bench_import_real_files,
# which prints the row counts and milliseconds for a first import and for a
# second, unchanged call. It is a measurement, not a check: nothing asserts
# on time.
#
# Usage: benches/oews_import.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# --lib: the benchmark is a unit test; skip building the integration tests.
exec cargo test --release --lib bench_import_real_files -- --ignored --nocapture
