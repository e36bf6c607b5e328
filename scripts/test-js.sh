#!/usr/bin/env bash
# JavaScript tests of the built npm package, as a consumer sees it:
#   1. builds pkg/ (node scripts/build.mjs) when it is missing or older than its sources
#      (--build forces a build, --no-build never builds);
#   2. packs pkg/ with `npm pack` and installs the tarball into tests/node_modules (gitignored),
#      so that tests/node, tests/bundler and tests/types resolve `passpolicy` by name through
#      its exports map;
#   3. node --test: tests/node/api.test.mjs (import), tests/node/cjs.test.cjs (require),
#      tests/node/init.test.mjs (the browser entries before init() and with initSync),
#      tests/node/real.test.mjs (the corpus of real vendor documents, tests/fixtures/real/),
#      tests/bundler/bundle.test.mjs (esbuild browser bundle run in Node, and in Chromium when
#      /usr/bin/chromium or $CHROMIUM exists; PASSPOLICY_SKIP_BROWSER=1 skips that part),
#      tests/bundler/vite.test.mjs (Vite 5, 7 and 8, the devDependencies vite5/vite7/vite8: `vite
#      build` and the dev server of scratch projects in temp dirs, both tiers' pages in Chromium),
#      tests/bundler/webpack.test.mjs (webpack 5 production build, both tiers' pages in Chromium),
#      then tests/cli/*.test.mjs: the installed bin (tests/node_modules/passpolicy/cli.mjs) as a
#      child process, and `npx passpolicy` from the tarball in a scratch project
#      (PASSPOLICY_CLI_LARGE_LINES sets the size of the constant-memory test, default 1000000);
#      then the hardening tests under `node --expose-gc`: tests/node/hostile.test.mjs
#      (hostile values at every export, the documented limits), tests/node/secrecy.test.mjs (no
#      password or context value in any output, over the fuzz corpora) and tests/node/leak.test.mjs
#      (1,000,000 checkRules + 1,000,000 check calls and 2 × 100,000 policies; PASSPOLICY_LEAK_RULES
#      and PASSPOLICY_LEAK_CHECKS change the counts);
#   4. the declarations: no `any`, the README's examples compiled as strict TypeScript
#      (tests/types/readme.mjs), and strict `tsc --noEmit` of tests/types under three configs.
# Needs node >= 20, npm, and `npm ci` done at the top level (esbuild, vite5/7/8, webpack,
# typescript, binaryen).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

build=auto
for arg in "$@"; do
  case "$arg" in
    --build) build=always ;;
    --no-build) build=never ;;
    *) echo "usage: $0 [--build|--no-build]" >&2; exit 2 ;;
  esac
done

for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "test-js: $tool is not installed" >&2; exit 1; }
done
for dep in esbuild typescript vite5 vite7 vite8 webpack; do
  [ -d "node_modules/$dep" ] || { echo "test-js: node_modules/$dep is missing: run npm ci first" >&2; exit 1; }
done

echo "== build"
wasm=pkg/passpolicy_bg.wasm
needs_build() {
  [ -f "$wasm" ] && [ -f pkg/package.json ] || return 0
  [ -n "$(find src js scripts/build.mjs pkg.json Cargo.toml Cargo.lock -newer "$wasm" -type f 2>/dev/null | head -n 1)" ]
}
case "$build" in
  always) node scripts/build.mjs ;;
  never) [ -f "$wasm" ] || { echo "test-js: $wasm is missing and --no-build was given" >&2; exit 1; } ;;
  auto) if needs_build; then node scripts/build.mjs; else echo "pkg/ is up to date"; fi ;;
esac

echo "== pack and install"
scratch="$(mktemp -d "${TMPDIR:-/tmp}/passpolicy-pack.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
tarball="$(cd pkg && npm pack --silent --pack-destination "$scratch" | tail -n 1)"
echo "packed $tarball ($(tar -tzf "$scratch/$tarball" | sed 's#^package/##' | sort | tr '\n' ' '))"
rm -rf tests/node_modules
npm install --prefix tests --no-save --no-package-lock --offline --no-audit --no-fund --loglevel=error "$scratch/$tarball"
[ -f tests/node_modules/passpolicy/package.json ] || { echo "test-js: the tarball did not install" >&2; exit 1; }

echo "== node --test"
node --test --test-reporter=spec \
  tests/node/api.test.mjs \
  tests/node/cjs.test.cjs \
  tests/node/init.test.mjs \
  tests/node/readme.test.mjs \
  tests/node/recipes.test.mjs \
  tests/node/tiers.test.mjs \
  tests/node/real.test.mjs \
  tests/node/languages.test.mjs \
  tests/node/breach.test.mjs \
  tests/bundler/bundle.test.mjs \
  tests/bundler/vite.test.mjs \
  tests/bundler/webpack.test.mjs

echo "== CLI (the installed bin as a child process; npx from the tarball)"
PASSPOLICY_TARBALL="$scratch/$tarball" node --test --test-reporter=spec \
  tests/cli/check.test.mjs \
  tests/cli/commands.test.mjs \
  tests/cli/stream.test.mjs \
  tests/cli/lines.test.mjs \
  tests/cli/hostile.test.mjs \
  tests/cli/breach.test.mjs \
  tests/cli/npx.test.mjs

echo "== hostile input, limits, secrecy, leaks (node --expose-gc)"
# The secrecy test scans the documents of the fuzz seeds (fuzz/src/seeds.rs).
(cd fuzz && cargo run --quiet --example seed -- "$scratch/seeds" >/dev/null)
PASSPOLICY_FUZZ_SEEDS="$scratch/seeds" node --expose-gc --test --test-reporter=spec \
  tests/node/hostile.test.mjs \
  tests/node/cost.test.mjs \
  tests/node/trap.test.mjs \
  tests/node/secrecy.test.mjs \
  tests/node/leak.test.mjs

echo "== types"
node tests/types/no-any.mjs
node tests/types/readme.mjs
tsc="$root/node_modules/.bin/tsc"
for config in tsconfig.json tsconfig.bundler.json tsconfig.bare.json tsconfig.form.json; do
  echo "tsc --noEmit -p tests/types/$config"
  "$tsc" --noEmit -p "tests/types/$config"
done

echo "== JS tests passed"
