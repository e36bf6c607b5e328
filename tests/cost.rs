//! Bounded cost on random canonical documents up to the 1 MiB limit: each one compiles and checks,
//! every message stays within `MAX_TEXT_BYTES`, and the report within a bound linear in its
//! number of rules, however long the sets, words and names the document holds. The times are
//! printed (the README's Limits quote them); the only time bound is a hang guard.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::{Duration, Instant};

use passpolicy::messages::MAX_TEXT_BYTES;
use passpolicy::vendors::MAX_DOCUMENT_BYTES;
use passpolicy::{Checker, Context};
use serde_json::{json, Value};

/// SplitMix64: a seeded, dependency-free generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chars(&mut self, n: usize) -> String {
        let bases = [0x21u32, 0x41, 0x61, 0xC0, 0x391, 0x4E00, 0x1F600, 0xAC00];
        (0..n)
            .filter_map(|_| {
                let base = bases[self.below(bases.len() as u64) as usize];
                char::from_u32(base + self.below(if base >= 0x4E00 { 2000 } else { 60 }) as u32)
            })
            .collect()
    }
}

/// A random document of roughly `budget` bytes: a few long sets and many rules naming them.
fn document(rng: &mut Rng, budget: usize) -> Value {
    let set_len = 1 + rng.below((budget / 8).max(1) as u64) as usize;
    let symbols = rng.chars(set_len.min(20_000));
    let classes = ["lower", "upper", "digit", "symbol", "letter", "otherLetter"];
    let n_req = 1 + rng.below((budget / 40).max(1) as u64) as usize;
    let of: Vec<Value> = (0..n_req.min(20_000))
        .map(|i| {
            if i % 3 == 0 {
                let n = 1 + rng.below(64) as usize;
                json!({ "chars": { "chars": rng.chars(n) }, "min": 1 })
            } else {
                json!({ "class": classes[rng.below(classes.len() as u64) as usize], "min": 1 + rng.below(2) })
            }
        })
        .collect();
    let words: Vec<String> = (0..(budget / 200).min(5_000))
        .map(|_| {
            let n = 3 + rng.below(12) as usize;
            rng.chars(n)
        })
        .collect();
    json!({
        "version": 1,
        "length": { "min": 1 + rng.below(8), "max": 64 + rng.below(4000) },
        "symbols": { "chars": symbols },
        "types": [{ "required": 1, "of": of }],
        "sets": [{ "name": rng.chars(200), "chars": { "chars": rng.chars(set_len.min(5_000)), "ranges": [[0x2000, 0x206F]] }, "min": 1 }],
        "maxRepeat": 2 + rng.below(3),
        "dictionary": { "common": true, "custom": { "words": words, "match": "substring" } },
        "context": { "username": { "match": "substring" }, "attributes": { "names": [rng.chars(50)] } },
        "history": { "count": 3 }
    })
}

#[test]
fn random_documents_up_to_the_limit_compile_and_check_within_bounds() {
    let mut rng = Rng(0x5EED_CAFE);
    let max_text = MAX_TEXT_BYTES + '…'.len_utf8();
    let (mut worst_ms_per_kb, mut biggest_report) = (0f64, 0usize);
    let mut checked = 0;
    for round in 0..24 {
        let budget = [1_000, 20_000, 200_000, 900_000][round % 4];
        let doc = document(&mut rng, budget);
        let text = doc.to_string();
        if text.len() > MAX_DOCUMENT_BYTES {
            assert_eq!(passpolicy::normalize(&text, Some("canonical")).unwrap_err().code(), "too_large");
            continue;
        }
        let start = Instant::now();
        let policy = match passpolicy::normalize(&text, Some("canonical")) {
            Ok(mut list) => list.remove(0).policy,
            Err(e) => {
                assert!(["unsatisfiable", "invalid_field"].contains(&e.code()), "{e}");
                continue;
            }
        };
        let checker = match Checker::compile(&policy) {
            Ok(c) => c,
            Err(e) => {
                assert_eq!(e.code(), "unsatisfiable", "{e}");
                continue;
            }
        };
        let compile = start.elapsed();
        let ctx =
            Context::from_json(&json!({ "username": rng.chars(40), "previousPasswords": [rng.chars(10)] }).to_string())
                .unwrap();
        for pw in ["", "Password1!", &rng.chars(100), &rng.chars(5000)] {
            let r = checker.check(pw, &ctx);
            for rule in &r.rules {
                assert!(rule.message.len() <= max_text, "{}: {} bytes", rule.id, rule.message.len());
            }
            let json = serde_json::to_string(&r).unwrap();
            let bound = (r.rules.len() + r.violations.len()) * (max_text + 256) + 16 * 1024;
            assert!(json.len() <= bound, "a report of {} bytes for {} rules", json.len(), r.rules.len());
            biggest_report = biggest_report.max(json.len());
            checked += 1;
        }
        let total = start.elapsed();
        // A hang guard (a quadratic path took seconds per document), not a timing claim.
        assert!(total < Duration::from_secs(60), "{total:?} for {} bytes", text.len());
        worst_ms_per_kb = worst_ms_per_kb.max(compile.as_secs_f64() * 1000.0 / (text.len() as f64 / 1024.0));
    }
    assert!(checked >= 40, "{checked} checks");
    println!("compile: at most {worst_ms_per_kb:.3} ms per KB of document; largest report {biggest_report} bytes");
}

/// Entra's fuzzy, scored custom dictionary at its worst: 1000 terms of 16 characters (Entra's
/// limits), each two characters away from every window of a password of one repeated letter,
/// so that every term is tried at every position and each try compares most of the term (see
/// `check::banned`: O(n · Σ(L + 1)) comparisons). Nothing is found: the score is one point per
/// analysed character. The time is printed; the only bound is a hang guard.
#[test]
fn fuzzy_scored_dictionary_worst_case_is_bounded() {
    let tails: Vec<char> = "bcdefghijklmnopqrstuvwxyz0123456789".chars().collect();
    let words: Vec<String> =
        (0..1000).map(|i| format!("{}{}{}", "a".repeat(14), tails[i / tails.len()], tails[i % tails.len()])).collect();
    let doc = json!({
        "version": 1,
        "dictionary": { "custom": { "words": words, "match": "substring", "editDistance": 1, "minScore": 5 } }
    });
    let policy = passpolicy::normalize(&doc.to_string(), Some("canonical")).unwrap().remove(0).policy;
    let checker = Checker::compile(&policy).unwrap();
    let password = "a".repeat(passpolicy::check::ANALYSIS_LIMIT_CODE_POINTS + 1000);
    let start = Instant::now();
    let report = checker.check_rules(&password, &Context::default());
    let elapsed = start.elapsed();
    let rule = report.rules.iter().find(|r| r.id == "dictionary.custom").unwrap();
    let analysed = passpolicy::check::ANALYSIS_LIMIT_CODE_POINTS as u32;
    assert_eq!((rule.required, rule.actual), (Some(5), Some(analysed)));
    assert!(elapsed < Duration::from_secs(60), "{elapsed:?}");
    println!("fuzzy scored dictionary, 1000 terms × {analysed} positions: {elapsed:?}");
}
