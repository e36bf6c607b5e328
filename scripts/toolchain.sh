#!/usr/bin/env bash
# The Rust side of a fresh machine, shared by scripts/test.sh and bench/run.sh: the wasm32 target
# and the wasm-bindgen CLI at exactly the wasm-bindgen version of Cargo.lock (skipped when
# `wasm-bindgen --version` already matches; the install takes several minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
rustup target add wasm32-unknown-unknown
# The formatting and lint steps of scripts/test.sh.
rustup component add rustfmt clippy
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WB_VERSION"; then
  echo "installing wasm-bindgen-cli $WB_VERSION (the version in Cargo.lock; takes several minutes)"
  cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi
