#!/usr/bin/env bash
# Builds the package and serves the demo page at http://127.0.0.1:${PORT:-8080}/www/
set -euo pipefail
cd "$(dirname "$0")/.."
rustup target add wasm32-unknown-unknown
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WB_VERSION"; then
  cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi
npm ci --no-audit --no-fund
node scripts/build.mjs
exec node scripts/serve.mjs
