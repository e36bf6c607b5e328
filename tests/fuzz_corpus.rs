//! The fuzz seeds and crash regressions as plain tests: every seed of `fuzz/src/seeds.rs` (made
//! from the repository's documents), every file under `fuzz/regressions/<target>/` and, when a
//! long run left one, every file of the local corpus `fuzz/corpus/<target>/` (not committed) go
//! through the same harness the libFuzzer target runs (`fuzz/src/harness.rs`), so that
//! `cargo test` (CI, stable, no fuzzing) exercises them. Coverage-guided runs: `fuzz/run.sh`.
//!
//! Also a secrecy pass over the seed documents: reports and errors never hold a password or a
//! context value.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../fuzz/src/harness.rs"]
mod harness;
#[path = "../fuzz/src/seeds.rs"]
mod seeds;

use std::fs;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::Instant;

use passpolicy::{Checker, Context};

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz")
}

/// The files of `fuzz/<kind>/<target>/`, sorted (none when the directory is absent).
fn inputs(kind: &str, target: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(fuzz_dir().join(kind).join(target))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
        .collect();
    files.sort();
    files
}

/// The seeds of every target (computed once).
fn all_seeds() -> &'static std::collections::BTreeMap<String, std::collections::BTreeSet<Vec<u8>>> {
    static SEEDS: std::sync::OnceLock<std::collections::BTreeMap<String, std::collections::BTreeSet<Vec<u8>>>> =
        std::sync::OnceLock::new();
    SEEDS.get_or_init(|| seeds::seeds(&fuzz_dir().join(".."), &[]))
}

/// Runs every input of every target (`(target, name, bytes)`); collects the failures (input and
/// panic message) instead of stopping at the first.
fn replay(what: &str, inputs: impl Iterator<Item = (&'static str, String, Vec<u8>)>) -> usize {
    let mut failures = Vec::new();
    let mut total = 0;
    let started = Instant::now();
    let harnesses: std::collections::BTreeMap<&str, harness::Harness> = harness::TARGETS.iter().copied().collect();
    for (target, name, data) in inputs {
        total += 1;
        if let Err(e) = catch_unwind(AssertUnwindSafe(|| harnesses[target](&data))) {
            let msg = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            failures.push(format!("{target}/{name}: {msg}"));
        }
    }
    eprintln!("{what}: {total} inputs in {:.1?}", started.elapsed());
    assert!(failures.is_empty(), "{} of {total} inputs fail:\n{}", failures.len(), failures.join("\n"));
    total
}

/// The files of `fuzz/<kind>/<target>/` of every target, as replay inputs.
fn files(kind: &'static str) -> impl Iterator<Item = (&'static str, String, Vec<u8>)> {
    harness::TARGETS.iter().flat_map(move |(target, _)| {
        inputs(kind, target)
            .into_iter()
            .map(move |f| (*target, f.file_name().unwrap().to_string_lossy().into_owned(), fs::read(&f).unwrap()))
    })
}

#[test]
fn every_target_has_a_harness_and_a_file() {
    let mut files: Vec<String> = fs::read_dir(fuzz_dir().join("fuzz_targets"))
        .unwrap()
        .flatten()
        .filter_map(|e| e.file_name().to_string_lossy().strip_suffix(".rs").map(str::to_string))
        .collect();
    files.sort();
    let mut names: Vec<String> = harness::TARGETS.iter().map(|(n, _)| n.to_string()).collect();
    names.sort();
    assert_eq!(files, names, "fuzz/fuzz_targets/*.rs and harness::TARGETS differ");
    // One normalize target per vendor id.
    for v in passpolicy::vendors::VENDORS {
        let target = format!("normalize_{}", v.replace('-', "_"));
        assert!(names.contains(&target), "no fuzz target for vendor {v}");
        assert_eq!(harness::target_vendor(&target), Some(v));
    }
}

#[test]
fn seeds() {
    for (target, _) in harness::TARGETS {
        assert!(all_seeds().get(*target).is_some_and(|s| !s.is_empty()), "no seeds for {target}");
    }
    let inputs = harness::TARGETS.iter().flat_map(|(target, _)| {
        all_seeds()[*target].iter().enumerate().map(move |(i, data)| (*target, format!("seed {i}"), data.clone()))
    });
    assert!(replay("fuzz seeds", inputs) > 1000);
}

#[test]
fn regressions() {
    replay("fuzz/regressions", files("regressions"));
}

/// The local corpus of a long run, when there is one (`fuzz/corpus/` is not committed).
#[test]
fn local_corpus() {
    replay("fuzz/corpus (local)", files("corpus"));
}

/// Marker values no message of ours contains.
fn marker(what: &str, n: usize) -> String {
    format!("Zq7!marker-{what}-{n}")
}

#[test]
fn reports_and_errors_never_hold_a_secret() {
    let needle = "marker-";
    let mut docs = 0;
    let mut checked = 0;
    for (target, _) in harness::TARGETS {
        let vendor = harness::target_vendor(target);
        for (i, data) in all_seeds().get(*target).into_iter().flatten().enumerate() {
            let file = format!("{target} seed {i}");
            let text = match *target {
                "check" => String::from_utf8_lossy(data.split(|b| *b == 0xFF).next().unwrap_or_default()).into_owned(),
                "roundtrip" => String::from_utf8_lossy(data.get(1..).unwrap_or_default()).into_owned(),
                "estimate" => continue,
                _ => String::from_utf8_lossy(data).into_owned(),
            };
            if text.contains(needle) {
                continue;
            }
            docs += 1;
            let list = match passpolicy::normalize(&text, vendor) {
                Ok(list) => list,
                Err(e) => {
                    assert!(!format!("{e} {e:?}").contains(needle));
                    continue;
                }
            };
            for n in list {
                let checker = Checker::compile(&n.policy).unwrap();
                let i = checked;
                checked += 1;
                let password = marker("password", i);
                let ctx = Context {
                    username: Some(marker("username", i)),
                    email: Some(format!("{}@example.com", marker("email", i))),
                    account_id: Some(marker("accountId", i)),
                    account_name: Some(marker("accountName", i)),
                    attributes: [("displayName".to_string(), marker("attribute", i))].into_iter().collect(),
                    previous_passwords: vec![marker("previous", i), password.clone()],
                    dictionary: vec![marker("dictionary", i)],
                    breach_count: Some(u64::from(i % 3 == 0)),
                };
                // Rules only for most (the estimator is slow in debug builds); the full check for some.
                let report =
                    if i % 16 == 0 { checker.check(&password, &ctx) } else { checker.check_rules(&password, &ctx) };
                let json = serde_json::to_string(&report).unwrap();
                assert!(!json.contains(needle), "{file}: a report holds a secret: {json}");
                let dbg = format!("{report:?}");
                assert!(!dbg.contains(needle), "{file}: a report's Debug holds a secret");
            }
        }
    }
    // Context errors name the field, never the value.
    for bad in [
        format!(r#"{{"username": 1, "email": "{}"}}"#, marker("email", 0)),
        format!(r#"{{"username": ["{}"]}}"#, marker("username", 0)),
        format!(r#"{{"attributes": {{"a": 1, "b": "{}"}}}}"#, marker("attribute", 0)),
        format!(r#"{{"attributes": {{"a": ["{}"]}}}}"#, marker("attribute", 1)),
        format!(r#"{{"previousPasswords": ["{}", 3]}}"#, marker("previous", 0)),
        format!(r#"{{"previousPasswords": "{}"}}"#, marker("previous", 1)),
        format!(r#"{{"dictionary": {{"{}": 1}}}}"#, marker("dictionary", 0)),
        format!(r#"{{"accountId": {{"x": "{}"}}}}"#, marker("accountId", 0)),
        format!(r#"{{"accountName": "{}", "nope": 1}}"#, marker("accountName", 0)),
        format!(r#"{{"username": "{}""#, marker("username", 1)),
        format!(r#"["{}"]"#, marker("username", 2)),
        format!(r#""{}""#, marker("username", 3)),
    ] {
        let e = Context::from_json(&bad).expect_err(&bad);
        assert_eq!(e.code(), "invalid_field");
        assert!(!format!("{e} {e:?}").contains(needle), "a context error holds a value: {e}");
    }
    assert!(docs > 50, "the seeds hold {docs} documents");
    assert!(checked > 20, "only {checked} seed documents normalize");
}
