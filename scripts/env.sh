# Sourced by the other scripts: puts the project's pinned tools first on PATH.
# node_modules/.bin holds wasm-opt (npm binaryen 132), which Trunk looks up on PATH.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
# Trunk must never try to download a tool or check for updates.
export TRUNK_OFFLINE=true
export TRUNK_SKIP_VERSION_CHECK=true
