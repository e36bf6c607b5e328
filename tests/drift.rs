//! Lists kept in more than one place cannot drift apart: each code set of the core (error codes,
//! warning codes, rule ids, vendor ids, strength feedback codes) is compared with its TypeScript
//! union in `js/index.d.ts`, and where the README or the command line lists it, with that list too;
//! so are the canonical policy's fields (the reader's, the TypeScript `Policy`, the README's table).
//! Adding a code to one place without the others fails here.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use passpolicy::check::RULE_IDS;
use passpolicy::error::ErrorCode;
use passpolicy::estimate::{SuggestionCode, WarningCode as FeedbackCode};
use passpolicy::policy::read::POLICY_FIELDS;
use passpolicy::vendors::{WarningCode, VENDORS};
use passpolicy::{Checker, Context};

/// Error codes made in JavaScript only (by the entries, the glue guard and the breach check),
/// never by the core.
const JS_ONLY_ERROR_CODES: [&str; 5] = ["load_failed", "internal", "not_initialized", "network", "bad_response"];

fn read(path: &str) -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

fn set<'a>(items: impl IntoIterator<Item = &'a str>) -> BTreeSet<String> {
    items.into_iter().map(str::to_string).collect()
}

/// The TypeScript declarations without their comments (which quote values too).
fn declarations() -> String {
    let dts = read("js/index.d.ts");
    let mut out = String::new();
    let mut rest = dts.as_str();
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start..].find("*/").map_or("", |end| &rest[start + end + 2..]);
    }
    out.push_str(rest);
    out.lines().map(|l| l.split(" //").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

/// The string literals of `export type NAME = 'a' | 'b' …;`.
fn union(dts: &str, name: &str) -> BTreeSet<String> {
    let head = format!("export type {name} =");
    let start = dts.find(&head).unwrap_or_else(|| panic!("js/index.d.ts has no `{head}`")) + head.len();
    let body = &dts[start..start + dts[start..].find(';').unwrap()];
    body.split('\'').skip(1).step_by(2).map(str::to_string).collect()
}

/// The backquoted words of `text`.
fn quoted(text: &str) -> BTreeSet<String> {
    text.split('`').skip(1).step_by(2).map(str::to_string).collect()
}

/// The README's section `heading` (up to the next heading of the same level).
fn section<'a>(readme: &'a str, heading: &str) -> &'a str {
    let start = readme.find(heading).unwrap_or_else(|| panic!("README has no `{heading}`"));
    let level = heading.split(' ').next().unwrap();
    let rest = &readme[start + heading.len()..];
    let end = rest.find(&format!("\n{level} ")).unwrap_or(rest.len());
    &rest[..end]
}

#[test]
fn error_codes() {
    let core = set(ErrorCode::ALL.iter().map(|c| c.as_str()));
    let all = &core | &set(JS_ONLY_ERROR_CODES);
    assert_eq!(union(&declarations(), "PassPolicyErrorCode"), all, "PassPolicyErrorCode in js/index.d.ts");
    // The README's Errors table: one row per code.
    let readme = read("README.md");
    let rows: BTreeSet<String> = section(&readme, "## Errors")
        .lines()
        .filter_map(|l| l.strip_prefix("| `").and_then(|r| r.split('`').next()))
        .map(str::to_string)
        .collect();
    assert_eq!(rows, all, "the README's Errors table");
}

#[test]
fn warning_codes() {
    let core = set(WarningCode::ALL.iter().map(|c| c.as_str()));
    assert_eq!(union(&declarations(), "WarningCode"), core, "WarningCode in js/index.d.ts");
    let readme = read("README.md");
    let start = readme.find("\nWarnings: ").expect("the README lists the warnings after `Warnings: `");
    let paragraph = &readme[start..start + readme[start + 1..].find("\n\n").unwrap()];
    let listed = quoted(paragraph);
    let missing: Vec<_> = core.difference(&listed).collect();
    assert!(missing.is_empty(), "the README's warning list lacks {missing:?}");
}

#[test]
fn vendor_ids() {
    let core = set(VENDORS);
    assert_eq!(union(&declarations(), "VendorId"), core, "VendorId in js/index.d.ts (the build also rewrites it)");
    let readme = read("README.md");
    let line = readme.lines().find(|l| l.starts_with("Vendor ids: ")).expect("the README has a `Vendor ids: ` line");
    let sentence = &line[..line.find(". ").unwrap_or(line.len())];
    assert_eq!(quoted(sentence), core, "the README's `Vendor ids:` line");
    let cli = read("js/cli.mjs");
    let known =
        cli.lines().find_map(|l| l.strip_prefix("const KNOWN_VENDORS = '")).expect("KNOWN_VENDORS in js/cli.mjs");
    assert_eq!(set(known.trim_end_matches("';").split(", ")), core, "KNOWN_VENDORS in js/cli.mjs");
    let manifest: serde_json::Value = serde_json::from_str(&read("pkg.json")).unwrap();
    let keywords: BTreeSet<String> =
        manifest["keywords"].as_array().unwrap().iter().filter_map(|k| k.as_str()).map(str::to_string).collect();
    let missing: Vec<_> = core.iter().filter(|v| *v != "canonical" && !keywords.contains(*v)).collect();
    assert!(missing.is_empty(), "pkg.json keywords lack {missing:?}");
}

#[test]
fn strength_feedback_codes() {
    let dts = declarations();
    assert_eq!(union(&dts, "StrengthWarningCode"), set(FeedbackCode::ALL.iter().map(|c| c.code())));
    assert_eq!(union(&dts, "SuggestionCode"), set(SuggestionCode::ALL.iter().map(|c| c.code())));
}

#[test]
fn rule_ids() {
    assert_eq!(union(&declarations(), "RuleId"), set(RULE_IDS), "RuleId in js/index.d.ts");
    // A policy with every rule reports exactly these ids.
    let doc: serde_json::Value = serde_json::from_str(
        r#"{
          "version": 1,
          "length": { "min": 8, "max": 64 },
          "classes": [
            { "class": "lower", "min": 1 }, { "class": "upper", "min": 1 }, { "class": "digit", "min": 1 },
            { "class": "symbol", "min": 1 }, { "class": "letter", "min": 1 },
            { "class": "otherLetter", "min": 1 }
          ],
          "sets": [{ "chars": { "chars": "xyz" }, "min": 1 }],
          "types": [{ "required": 1, "of": [{ "class": "lower", "min": 1 }, { "class": "digit", "min": 1 }] }],
          "allowed": { "classes": ["lower", "upper", "otherLetter", "digit", "symbol"] },
          "minUnique": 4,
          "maxRepeat": 3,
          "maxSequence": 3,
          "dictionary": { "common": true, "custom": { "words": ["acme"] } },
          "breached": { "max": 0 },
          "context": { "username": {}, "email": {}, "accountId": {}, "accountName": {}, "attributes": {} },
          "history": { "count": 3 },
          "minStrength": 3
        }"#,
    )
    .unwrap();
    let policy = passpolicy::policy::read::policy(&doc).unwrap();
    let context = Context::from_json(
        r#"{ "username": "ann", "email": "ann@example.com", "accountId": "42", "accountName": "Acme",
             "attributes": { "phone": "555" }, "previousPasswords": ["old"], "breachCount": 0 }"#,
    )
    .unwrap();
    let report = Checker::compile(&policy).unwrap().check("Tr0ub4dor&3x", &context);
    let reported: BTreeSet<String> = report.rules.iter().map(|r| r.id.to_string()).collect();
    assert_eq!(reported, set(RULE_IDS), "the ids a report holds");
    // The README's rule table: the backquoted ids of its first column (not its `(index)` notes).
    let readme = read("README.md");
    let listed: BTreeSet<String> = section(&readme, "## Checking: rules and the report")
        .lines()
        .filter(|l| l.starts_with("| `"))
        .flat_map(|l| quoted(l.split(" | ").next().unwrap_or("")))
        .filter(|id| id.contains('.'))
        .collect();
    assert_eq!(listed, set(RULE_IDS), "the README's rule table");
}

#[test]
fn canonical_fields() {
    let fields = set(POLICY_FIELDS.iter().copied());
    // The TypeScript `Policy`: one property per field.
    let dts = declarations();
    let head = "export interface Policy {";
    let start = dts.find(head).expect("js/index.d.ts has `interface Policy`") + head.len();
    let body = &dts[start..start + dts[start..].find("\n}").unwrap()];
    let props: BTreeSet<String> = body
        .lines()
        .filter_map(|l| l.trim().split(['?', ':']).next().filter(|p| !p.is_empty()).map(str::to_string))
        .collect();
    assert_eq!(props, fields, "interface Policy in js/index.d.ts");
    // The README's table of the canonical policy: every field but `version` (described above it).
    let readme = read("README.md");
    let listed: BTreeSet<String> = section(&readme, "## The canonical policy")
        .lines()
        .take_while(|l| !l.starts_with('#'))
        .filter(|l| l.starts_with("| `"))
        .flat_map(|l| quoted(l.split(" | ").next().unwrap_or("")))
        .collect();
    let without_version: BTreeSet<String> = fields.iter().filter(|f| *f != "version").cloned().collect();
    assert_eq!(listed, without_version, "the README's canonical policy table");
}
