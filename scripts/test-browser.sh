#!/usr/bin/env bash
# Runs the demo page's browser tests (tests/browser/) in Debian's Chromium via playwright-core.
# Assumes the package is built (node scripts/build.mjs → pkg/), node_modules is installed
# (npm ci) and /usr/bin/chromium exists (CHROMIUM=/path overrides); scripts/test.sh sees to all
# three on a fresh machine. Screenshots land in tests/browser/screenshots/ (gitignored *.png).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f pkg/browser.js ]; then
  echo "pkg/browser.js is missing: build the package first (node scripts/build.mjs)" >&2
  exit 1
fi
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  echo "$CHROMIUM is missing: apt-get install chromium (or set CHROMIUM=/path/to/chromium)" >&2
  exit 1
fi
if [ ! -d node_modules/playwright-core ]; then
  echo "node_modules/playwright-core is missing: run npm ci" >&2
  exit 1
fi
export CHROMIUM
exec node --test --test-reporter=spec tests/browser/demo.test.mjs tests/browser/form.test.mjs
