#!/usr/bin/env bash
# Sets up what is missing, then runs every check: format, clippy (native and wasm32), native tests, storage tests
# in headless Chromium, the release build, and the end-to-end tests against dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh

step() { printf '\n=== %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "clippy (native)"
cargo clippy --all-targets -- -D warnings

step "clippy (wasm32)"
cargo clippy --all-targets --target wasm32-unknown-unknown -- -D warnings
# The benchmark's seeding (the `bench` feature) is checked too, so the benchmark never rots.
cargo clippy --lib --target wasm32-unknown-unknown --features bench -- -D warnings

step "native tests (domain and pure storage code)"
cargo test

step "storage tests against IndexedDB in headless Chromium"
cargo test --target wasm32-unknown-unknown --test storage --test encryption

step "release build (trunk, wasm-opt -Oz)"
trunk build --release

step "end-to-end tests (Playwright, headless Chromium, dist/ on loopback)"
node --test --test-concurrency=1 tests/e2e/
