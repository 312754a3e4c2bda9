#!/usr/bin/env bash
# Sets up what is missing, then serves the app at http://127.0.0.1:8080 (rebuilt on change; reload the page by
# hand: live reload is off, see Trunk.toml)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
exec trunk serve --address 127.0.0.1 "$@"
