#!/usr/bin/env bash
# Sets up what is missing, then runs every check: format, clippy (native and wasm32), native tests, storage tests
# in headless Chromium and in headless Firefox ESR, the release build, the end-to-end tests against dist/ in
# Chromium, and the cross-browser walk against dist/ in Firefox ESR and WebKitGTK.
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

step "export files read back by independent libraries (fhir.resources, icalendar, Python's csv)"
# tests/formats.rs (run by cargo test above) wrote every demo case's FHIR bundle and the CSV and calendar files, in
# both languages, to target/format-samples/.
.venv/bin/python tests/formats/validate.py fhir target/format-samples/case-*.json >/dev/null
for f in target/format-samples/*.csv; do .venv/bin/python tests/formats/validate.py csv "$f" >/dev/null; done
for f in target/format-samples/*.ics; do .venv/bin/python tests/formats/validate.py ics "$f" >/dev/null; done
echo "ok: $(ls target/format-samples | wc -l) files"

step "storage tests against IndexedDB in headless Chromium"
cargo test --target wasm32-unknown-unknown --test storage --test encryption

step "storage tests against IndexedDB in headless Firefox ESR"
# wasm-bindgen-test-runner takes the first driver variable it finds, GECKODRIVER before CHROMEDRIVER, so GECKODRIVER
# alone would already win over env.sh's CHROMEDRIVER; that one is unset all the same, so this run can only be Firefox.
# GECKODRIVER_ARGS hands geckodriver Firefox ESR's own binary, not Debian's /usr/bin/firefox wrapper script; the
# runner adds -headless itself.
env -u CHROMEDRIVER GECKODRIVER="$(command -v geckodriver)" GECKODRIVER_ARGS="--binary /usr/lib/firefox-esr/firefox-esr" \
  cargo test --target wasm32-unknown-unknown --test storage --test encryption

step "release build (trunk, wasm-opt -Oz)"
trunk build --release

step "end-to-end tests (Playwright, headless Chromium, dist/ on loopback)"
node --test --test-concurrency=1 tests/e2e/

step "cross-browser walk (Firefox ESR through geckodriver, WebKitGTK through WebKitWebDriver, dist/ on loopback)"
# WebKitGTK has no headless mode: xvfb-run gives it a display of its own (-a: the first free one).
xvfb-run -a node tests/cross/walk.mjs
