#!/usr/bin/env bash
# The one benchmark command (bench/README.md):
#
#   bash bench/run.sh [--build] [--ci] [options of bench/run.mjs...]
#
# Works on a fresh machine: installs the npm dependencies (the peers are exact devDependencies, so
# `npm ci` gets the same versions everywhere) when node_modules is missing or does not match
# package-lock.json (or with --ci); builds pkg/ when it is missing (or with --build), first setting up
# the toolchain with scripts/toolchain.sh, as scripts/test.sh does (wasm32 target, the wasm-bindgen CLI of Cargo.lock);
# then runs `node bench/run.mjs` with the remaining options. Results: bench/results/latest.{md,json}.
# The browser page loads (bench/pageload.mjs) drive Debian's Chromium (/usr/bin/chromium, or $CHROMIUM)
# with playwright-core and never download a browser; without one, pass --no-pageload.
set -euo pipefail
cd "$(dirname "$0")/.."

build=0
ci=0
args=()
for a in "$@"; do
  case "$a" in
    --build) build=1 ;;
    --ci) ci=1 ;;
    *) args+=("$a") ;;
  esac
done
[ -f pkg/node.mjs ] && [ -f pkg/passpolicy_bg.wasm ] || build=1

if [ "$ci" = 1 ] || [ ! -d node_modules ] || ! npm ls --all >/dev/null 2>&1; then
  echo "== npm ci"
  npm ci --no-audit --no-fund
fi

if [ "$build" = 1 ]; then
  echo "== toolchain (scripts/toolchain.sh)"
  bash scripts/toolchain.sh
  echo "== build the npm package"
  node scripts/build.mjs
fi

chromium="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ] && [[ " ${args[*]-} " != *" --no-pageload "* ]]; then
  echo "bench/run.sh: $chromium is missing: install Debian's chromium (apt-get install chromium), set CHROMIUM, or pass --no-pageload" >&2
  exit 2
fi

echo "== benchmark (node bench/run.mjs${args[*]+ ${args[*]}})"
exec node bench/run.mjs ${args[@]+"${args[@]}"}
