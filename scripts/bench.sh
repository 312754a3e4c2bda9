#!/usr/bin/env bash
# Benchmark (not a test): sizes against their budgets with the twiggy top twenty, cold load, and caseload read
# times against plain IndexedDB getAll.
# Prints the figures and writes them to bench-results/latest.json.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
# twiggy (pinned) lists the largest functions of the wasm for the benchmark's output.
if ! twiggy --version 2>/dev/null | grep -q "twiggy 0.8.0"; then
  cargo install twiggy --version 0.8.0 --locked
fi
trunk build --release
# The same app with the benchmark's seeding export, in its own directory (dist/ stays the product).
trunk build --release --features bench --dist dist-bench
node scripts/bench.mjs "$@"
