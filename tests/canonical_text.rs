//! The rules-only wasm reads canonical policies straight from their text
//! (`vendors::normalize_canonical`); the root import reads them through a JSON `Value`. Both must
//! give the same policy, and an error in a field must name the same path with the same code.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::Path;

use passpolicy::vendors::{normalize, normalize_canonical};

/// Every vendor fixture, normalized, written as canonical JSON (compact and pretty).
fn canonical_documents() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut dirs: Vec<_> = fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).collect();
    dirs.sort();
    for dir in dirs {
        let mut files: Vec<_> = fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        for file in files {
            let Ok(text) = fs::read_to_string(&file) else { continue };
            let Ok(list) = normalize(&text, None) else { continue };
            for (k, n) in list.iter().enumerate() {
                let name = format!("{}[{k}]", file.display());
                out.push((name.clone(), serde_json::to_string(&n.policy).unwrap()));
                out.push((format!("{name} (pretty)"), serde_json::to_string_pretty(&n.policy).unwrap()));
            }
        }
    }
    out
}

#[test]
fn same_policy_as_the_value_path() {
    let docs = canonical_documents();
    assert!(docs.len() >= 40, "only {} documents", docs.len());
    for (name, text) in docs {
        let via_value = normalize(&text, Some("canonical")).unwrap().pop().unwrap();
        let via_text = normalize_canonical(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(via_text.policy, via_value.policy, "{name}");
        assert_eq!(via_text.vendor, "canonical");
    }
}

#[test]
fn errors_name_the_same_field() {
    let cases = [
        r#"{"version":1,"length":{"min":"eight"}}"#,
        r#"{"version":1,"length":{"min":8,"mx":3}}"#,
        r#"{"version":1,"classes":[{"class":"lower","min":1},{"class":"vowel","min":1}]}"#,
        r#"{"version":1,"classes":[{"class":"lower","min":1},{"min":1}]}"#,
        "{\n  \"version\": 1,\n  \"types\": [\n    {\"required\": 2, \"of\": [{\"class\": \"digit\", \"min\": -1}]}\n  ]\n}",
        r#"{"version":1,"dictionary":{"common":"yes"}}"#,
        r#"{"version":1,"context":{"username":{"match":"sometimes"}}}"#,
        r#"{"version":1,"history":{"count":1.5}}"#,
        r#"{"version":1,"se\"ttings":{}}"#,
        r#"{"version":1,"maxRepeat":[]}"#,
        r#"{"version":1,"sets":[{"set":{"chars":"ab"},"min":1},{"set":{"chars":"ab","ranges":[[1]]},"min":1}]}"#,
    ];
    for text in cases {
        let a = normalize(text, Some("canonical")).unwrap_err();
        let b = normalize_canonical(text).unwrap_err();
        assert_eq!((b.code(), b.path()), (a.code(), a.path()), "{text}: {b} vs {a}");
    }
    // Not an object, not JSON, too deep, too large.
    for text in ["[]", "\"x\"", "{\"version\":1", "{", &format!("{{\"a\":{}1{}}}", "[".repeat(100), "]".repeat(100))] {
        let a = normalize(text, Some("canonical")).unwrap_err();
        let b = normalize_canonical(text).unwrap_err();
        assert_eq!(b.code(), a.code(), "{text}: {b} vs {a}");
    }
    let big = format!("{{\"version\":1,\"source\":{{\"note\":\"{}\"}}}}", "x".repeat(2 << 20));
    assert_eq!(normalize_canonical(&big).unwrap_err().code(), "too_large");
}
