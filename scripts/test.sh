#!/usr/bin/env bash
# The one test command (README, CI): installs what it needs on a fresh machine, then runs every
# test — native Rust, the built npm package in Node (ESM, CJS, bundler, types), and the demo page
# in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && SUDO="sudo"

echo "== toolchain"
rustup target add wasm32-unknown-unknown
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WB_VERSION"; then
  echo "installing wasm-bindgen-cli $WB_VERSION (the version in Cargo.lock; takes several minutes)"
  cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi
if [ ! -x /usr/bin/chromium ]; then
  echo "installing Debian's chromium"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y chromium
fi
npm ci --no-audit --no-fund

echo "== native tests"
cargo test

echo "== build the npm package"
node scripts/build.mjs

echo "== package tests (Node ESM + CJS, bundler, TypeScript)"
bash scripts/test-js.sh

echo "== demo page in Chromium"
bash scripts/test-browser.sh

echo "== all tests passed"
