#!/usr/bin/env bash
# Sets up what is missing, then serves the app with live reload at http://127.0.0.1:8080
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
exec trunk serve --address 127.0.0.1 "$@"
