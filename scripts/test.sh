#!/usr/bin/env bash
# The one test command (README, CI): installs what it needs on a fresh machine, then runs every
# test — native Rust, the built npm package in Node (ESM, CJS, bundler, types), the demo page
# in Debian's Chromium, and a one-minute smoke run of every fuzz target (scripts/test-fuzz.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && SUDO="sudo"

echo "== toolchain"
bash scripts/toolchain.sh
if [ ! -x /usr/bin/chromium ]; then
  echo "installing Debian's chromium"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y chromium
fi
npm ci --no-audit --no-fund

echo "== formatting and lints (rustfmt.toml, clippy.toml; every build of the crate)"
cargo fmt --check
(cd fuzz && cargo fmt --check)
cargo clippy --all-targets -- -D warnings
cargo clippy --lib --target wasm32-unknown-unknown -- -D warnings
cargo clippy --lib --target wasm32-unknown-unknown --no-default-features --features api-rules -- -D warnings
echo "== native tests"
cargo test

echo "== build the npm package"
node scripts/build.mjs

echo "== package tests (Node ESM + CJS, bundler, TypeScript)"
bash scripts/test-js.sh

echo "== demo page in Chromium"
bash scripts/test-browser.sh

echo "== fuzz smoke run (a minute per target; skipped without a toolchain for cargo-fuzz)"
bash scripts/test-fuzz.sh

echo "== all tests passed"
