#!/usr/bin/env bash
# Benchmark (not a test): sizes against their budgets with the twiggy top twenty, cold load, and caseload read
# times against plain IndexedDB getAll; then the long runs that are too slow for every test run: the restore
# parser's and the handover import's fuzzing harnesses at 100,000 inputs per layer, and the crash harness (100 SIGKILLs mid-save).
# Prints the figures and writes them to bench-results/ (latest.json, fuzz.txt, fuzz-handover.txt, crash.json).
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

echo
echo "=== restore fuzzing, long run (tests/fuzz_backup.rs)"
FUZZ_CASES=100000 cargo test --release --test fuzz_backup -- --nocapture 2>&1 | tee bench-results/fuzz.txt

echo
echo "=== handover import fuzzing, long run (tests/fuzz_handover.rs)"
FUZZ_CASES=100000 cargo test --release --test fuzz_handover -- --nocapture 2>&1 | tee bench-results/fuzz-handover.txt

echo
echo "=== crash harness (scripts/crash.mjs): SIGKILL mid-save, 100 runs"
# First a check that its checks can fail: one run with a client counted as saved that never was.
if CRASH_SELF_CHECK=1 node scripts/crash.mjs 1 > /dev/null 2>&1; then
  echo "crash harness self-check: a missing save went unnoticed" >&2
  exit 1
fi
node scripts/crash.mjs 100
