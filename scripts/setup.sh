#!/usr/bin/env bash
# Idempotent setup: installs the pinned tools this project builds and tests with, skipping what is already there.
# Safe to run again and again; every step checks before it installs.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# geckodriver for Firefox over WebDriver: 0.37.1 is the current release, and it builds with these machines' rustc.
GECKODRIVER_VERSION=0.37.1
log() { printf '[setup] %s\n' "$*"; }

# 1. The Rust target for the browser build.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding rustup target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# 2. Trunk, pinned (0.22 needs a newer rustc than these machines have).
if ! trunk --version 2>/dev/null | grep -q "trunk $TRUNK_VERSION"; then
  log "installing trunk $TRUNK_VERSION (takes several minutes)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# 3. wasm-bindgen-cli at exactly the version Cargo.lock resolved (also provides wasm-bindgen-test-runner).
if [ ! -f Cargo.lock ]; then
  cargo generate-lockfile
fi
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$WB_VERSION" ]; then
  echo "[setup] could not read the wasm-bindgen version from Cargo.lock" >&2
  exit 1
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q "wasm-bindgen $WB_VERSION"; then
  log "installing wasm-bindgen-cli $WB_VERSION"
  # Without --locked on purpose: with it, dependency resolution fails for this crate.
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
fi

# 4. Chromium and its driver from Debian, for wasm-bindgen-test and Playwright (never a downloaded browser).
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  log "installing Debian chromium and chromium-driver"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# 4b. A CJK font, so that Japanese text renders in headless Chromium (screenshots, axe-core's contrast checks).
if ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then
  log "installing Debian fonts-noto-cjk"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq fonts-noto-cjk >/dev/null
fi

# 4c. The other engines, from Debian, for the cross-browser walk (tests/cross/walk.mjs) and the storage suite in
#     Firefox: Firefox ESR; WebKitGTK's WebKitWebDriver, which drives the MiniBrowser that Debian's WebKitGTK
#     library package ships (Safari's engine); and Xvfb with xauth for xvfb-run, since WebKitGTK has no headless mode.
if ! command -v firefox-esr >/dev/null 2>&1 || ! command -v WebKitWebDriver >/dev/null 2>&1 \
   || ! command -v xvfb-run >/dev/null 2>&1 || ! command -v xauth >/dev/null 2>&1; then
  log "installing Debian firefox-esr, webkit2gtk-driver, xvfb and xauth"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq firefox-esr webkit2gtk-driver xvfb xauth >/dev/null
fi

# 4d. geckodriver, pinned, built by cargo (never a downloaded binary): Firefox's WebDriver, for the walk and for
#     wasm-bindgen-test-runner (GECKODRIVER). Its --version goes on for lines after the first and panics on a closed
#     pipe, so the whole of it is read before it is matched.
GECKODRIVER_FOUND=$(geckodriver --version 2>/dev/null || true)
if [[ "$GECKODRIVER_FOUND" != "geckodriver $GECKODRIVER_VERSION"* ]]; then
  log "installing geckodriver $GECKODRIVER_VERSION (takes a few minutes)"
  cargo install geckodriver --version "$GECKODRIVER_VERSION" --locked
fi

# 5. npm packages pinned by package-lock.json: playwright-core (end-to-end tests), axe-core (accessibility checks),
#    binaryen (wasm-opt) and selenium-webdriver (the cross-browser walk over W3C WebDriver).
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ] \
   || [ ! -d node_modules/selenium-webdriver ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
fi

# 6. The independent readers of the export formats (tests/formats/validate.py), in a virtual environment of the
#    project's own (.venv, ignored by git) from the pinned tests/formats/requirements.txt: fhir.resources 6.x (FHIR R4
#    by default; it needs pydantic below 2) and icalendar.
if [ ! -x .venv/bin/python ] || [ tests/formats/requirements.txt -nt .venv/installed ]; then
  log "installing the format validators (fhir.resources, icalendar) into .venv"
  python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check -r tests/formats/requirements.txt
  touch .venv/installed
fi

log "ready: trunk $(trunk --version | awk '{print $2}'), wasm-bindgen $WB_VERSION, $(chromium --version 2>/dev/null | head -1), wasm-opt $(node_modules/.bin/wasm-opt --version | awk '{print $3}')"
log "ready: $(firefox-esr --version 2>/dev/null | head -1), $(geckodriver --version | sed -n 1p), webkit2gtk-driver $(dpkg-query -W -f='${Version}' webkit2gtk-driver)"
