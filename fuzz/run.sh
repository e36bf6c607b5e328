#!/usr/bin/env bash
# Runs the libFuzzer targets of fuzz/ for a while each (cargo-fuzz; needs a nightly toolchain, or
# RUSTC_BOOTSTRAP=1 on stable, and `cargo install cargo-fuzz`).
#
#   fuzz/run.sh [--seconds N] [--jobs J] [--work DIR] [target ...]
#
#   --seconds N  wall time per target (default 60: the CI smoke run; the long runs used 1800)
#   --jobs J     targets run at once (default 1)
#   --work DIR   working corpora and logs (default a temporary directory). Each target starts
#                from its seeds (`cargo run --example seed`, written to DIR/seeds), its
#                regressions and the local corpus fuzz/corpus/<target> when there is one (not
#                committed: a long run's minimized corpus, kept for the next run)
#   --bin DIR    run these prebuilt target binaries instead of building (a frozen build for long
#                runs while the sources change)
#   --tight      fuzz for cost: -timeout=1 -rss_limit_mb=1024 -malloc_limit_mb=512 (an input that
#                takes a second, or a run that allocates 512 MB at once, is a finding); the
#                harnesses also check every report against the stated size bound
#   target ...   default: every target of fuzz/fuzz_targets/
#
# Targets run in libFuzzer's fork mode (crashes, timeouts and OOMs are collected and fuzzing goes
# on); with -timeout=10 an input that takes more than 10 s is a hang. Afterwards each target's
# last stats line is printed, with the crash inputs under DIR/artifacts/<target>/. A crash input
# becomes a regression test by copying it to fuzz/regressions/<target>/ (tests/fuzz_corpus.rs
# replays it in `cargo test`). To keep a long run's corpus for the next one (locally):
#   cd fuzz && cargo fuzz cmin -s none <target> DIR/corpus/<target>
# then replace fuzz/corpus/<target> with the minimized directory.
set -euo pipefail
cd "$(dirname "$0")"

seconds=60
jobs=1
work=""
bin=""
limits=(-timeout=10 -rss_limit_mb=2048)
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --bin) bin="$(cd "$2" && pwd)"; shift 2 ;;
    --tight) limits=(-timeout=1 -rss_limit_mb=1024 -malloc_limit_mb=512); shift ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(ls fuzz_targets | sed 's/\.rs$//')
[ -n "$work" ] || work="$(mktemp -d "${TMPDIR:-/tmp}/passpolicy-fuzz.XXXXXX")"
mkdir -p "$work/logs"

toolchain=()
if [ -n "$bin" ]; then
  :
elif rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  toolchain=(+nightly)
else
  echo "run.sh: no nightly toolchain; trying stable with RUSTC_BOOTSTRAP=1"
  export RUSTC_BOOTSTRAP=1
fi
if [ -z "$bin" ]; then
  command -v cargo-fuzz >/dev/null || { echo "run.sh: cargo-fuzz is not installed (cargo install cargo-fuzz)" >&2; exit 1; }
  # Debug assertions and overflow checks on (cargo-fuzz's default); no sanitizer: the crate and
  # its parsers are safe Rust, and ASan would cost most of the executions.
  cargo "${toolchain[@]}" fuzz build -s none
  bin="$(pwd)/target/x86_64-unknown-linux-gnu/release"
fi

# The seeds (made from the repository's documents by fuzz/src/seeds.rs).
cargo run --quiet --example seed -- "$work/seeds" >/dev/null

run_one() {
  local t="$1"
  mkdir -p "$work/corpus/$t" "$work/artifacts/$t"
  local dirs=("$work/corpus/$t")
  [ -d "$work/seeds/$t" ] && dirs+=("$work/seeds/$t")
  [ -d "corpus/$t" ] && dirs+=("corpus/$t")
  [ -d "regressions/$t" ] && dirs+=("regressions/$t")
  "$bin/$t" "${dirs[@]}" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -max_total_time="$seconds" "${limits[@]}" -max_len=65536 -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/$t/" >"$work/logs/$t.log" 2>&1 || true
}

running=0
for t in "${targets[@]}"; do
  echo "fuzzing $t for ${seconds}s (log: $work/logs/$t.log)"
  run_one "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait -n || true
    running=$((running - 1))
  fi
done
wait

status=0
echo
echo "| target | executions | edges covered (of the target's) | features | corpus | crash/hang/OOM inputs |"
echo "|---|---|---|---|---|---|"
for t in "${targets[@]}"; do
  log="$work/logs/$t.log"
  last="$(grep -E '^#[0-9]+: cov:' "$log" | tail -n 1 || true)"
  crashes="$(find "$work/artifacts/$t" -type f | wc -l)"
  if [ -n "$last" ]; then
    # "#EXECS: cov: C ft: F corp: N exec/s: …", and "Loaded 1 modules (TOTAL inline 8-bit counters)"
    total="$(grep -oE '\(([0-9]+) inline 8-bit counters' "$log" | head -n 1 | grep -oE '[0-9]+' | head -n 1 || echo '?')"
    echo "$last" | awk -v t="$t" -v total="$total" -v crashes="$crashes" '{
      execs = substr($1, 2, length($1) - 2)
      printf "| %s | %s | %s of %s | %s | %s | %s |\n", t, execs, $3, total, $5, $7, crashes }'
  else
    echo "| $t | no stats (see $log) | | | | $crashes |"
    status=1
  fi
  [ "$crashes" -eq 0 ] || status=1
done
echo "work directory: $work"
exit "$status"
