#![no_main]
// Harness and invariants: fuzz/src/harness.rs (shared with tests/fuzz_corpus.rs).
libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::normalize_zitadel(data));
