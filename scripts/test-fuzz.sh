#!/usr/bin/env bash
# The fuzz smoke run of scripts/test.sh: every libFuzzer target of fuzz/ for a minute (two at a
# time), from the seeds and regressions, when the toolchain allows it: cargo-fuzz needs a
# nightly toolchain (or RUSTC_BOOTSTRAP=1 on stable). A crash, hang (> 10 s) or out-of-memory input
# fails the run; its input is kept under the printed work directory.
#
# Without a usable toolchain the smoke run is skipped, loudly: the seeds and regressions are still
# replayed as plain tests by tests/fuzz_corpus.rs in `cargo test`.
#
#   PASSPOLICY_FUZZ_SECONDS=N   seconds per target (default 60)
#   PASSPOLICY_FUZZ=0           skip the smoke run
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${PASSPOLICY_FUZZ_SECONDS:-60}"
if [ "${PASSPOLICY_FUZZ:-1}" = "0" ]; then
  echo "fuzz smoke run skipped (PASSPOLICY_FUZZ=0); the corpora ran as plain tests in cargo test"
  exit 0
fi

toolchain=()
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  toolchain=(+nightly)
else
  # No nightly here, and none is fetched: try stable's own nightly features.
  export RUSTC_BOOTSTRAP=1
fi

FUZZ_VERSION=0.13.2
if ! cargo fuzz --version 2>/dev/null | grep -q "cargo-fuzz $FUZZ_VERSION"; then
  echo "installing cargo-fuzz $FUZZ_VERSION (about a minute)"
  cargo install cargo-fuzz --version "$FUZZ_VERSION"
fi

if ! (cd fuzz && cargo "${toolchain[@]}" fuzz build -s none); then
  if [ ${#toolchain[@]} -eq 0 ]; then
    echo "SKIPPED: the fuzz targets do not build without a nightly toolchain here;" \
      "the corpora ran as plain tests in cargo test"
    exit 0
  fi
  echo "the fuzz targets do not build" >&2
  exit 1
fi

bash fuzz/run.sh --bin "$(pwd)/fuzz/target/x86_64-unknown-linux-gnu/release" --seconds "$seconds" --jobs 2
