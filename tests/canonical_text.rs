//! The rules-only wasm reads canonical policies from their text (`vendors::normalize_canonical`);
//! the root import reads them from the document it detected. Both must give the same policy, and
//! an error in a field must name the same path with the same code.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::Path;

use passpolicy::vendors::{normalize, normalize_canonical};

/// Every vendor fixture, normalized, written as canonical JSON (compact and pretty).
fn canonical_documents() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut dirs: Vec<_> = fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() && !p.ends_with("real"))
        .collect();
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
        r#"{"version":1,"maxSequence":"3"}"#,
        r#"{"version":1,"minUnique":true}"#,
        r#"{"version":1,"minUnique":0.5}"#,
        r#"{"version":1,"maxSequence":-2}"#,
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

#[test]
fn duplicate_keys_are_warned_in_documents() {
    let text = r#"{"version":1,"length":{"min":8,"min":12},"classes":[{"class":"lower","min":1,"min":2}]}"#;
    let n = normalize(text, Some("canonical")).unwrap().pop().unwrap();
    assert_eq!(n.policy.length.min, Some(12), "the last value is used");
    let dup: Vec<(&str, &str)> = n.warnings.iter().map(|w| (w.code.as_str(), w.path.as_str())).collect();
    assert_eq!(dup, [("duplicate_key", "length.min"), ("duplicate_key", "classes[0].min")]);
    // The text reader of `passpolicy/rules` reads the same policy (it has no warnings to give).
    assert_eq!(normalize_canonical(text).unwrap().policy, n.policy);
    // A vendor document too, and keys in different objects are not duplicates.
    let sumo = r#"{"minLength":8,"minLength":10,"maxLength":64,"x":{"maxLength":1}}"#;
    let n = normalize(sumo, Some("sumologic")).unwrap().pop().unwrap();
    let dup: Vec<&str> =
        n.warnings.iter().filter(|w| w.code.as_str() == "duplicate_key").map(|w| w.path.as_str()).collect();
    assert_eq!(dup, ["minLength"]);
}

#[test]
fn negative_durations_and_symbol_ranges() {
    let doc = r#"{"version":1,"settings":{"expiry":{"maxAgeSeconds":-5}}}"#;
    for err in [
        normalize(doc, None).unwrap_err(),
        passpolicy::Checker::compile(&normalize_canonical(doc).unwrap().policy).err().unwrap(),
    ] {
        assert_eq!((err.code(), err.path()), ("invalid_field", Some("settings.expiry.maxAgeSeconds")), "{err}");
    }
    // A symbol set given as ranges is listed in the message ("At least 1 symbol ()" before).
    let p =
        normalize_canonical(r#"{"version":1,"symbols":{"ranges":[[33,47]]},"classes":[{"class":"symbol","min":1}]}"#)
            .unwrap();
    let c = passpolicy::Checker::compile(&p.policy).unwrap();
    let r = c.check_rules("abc", &passpolicy::Context::default());
    let msg = &r.rules.iter().find(|x| x.id == "chars.symbol").unwrap().message;
    assert!(msg.contains("U+0021–U+002F"), "{msg}");
}
