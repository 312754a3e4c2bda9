#!/usr/bin/env bash
# Benchmark (not a test): sizes, cold load, and caseload read times against plain IndexedDB getAll.
# Prints the figures and writes them to bench-results/latest.json.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
trunk build --release
node scripts/bench.mjs "$@"
