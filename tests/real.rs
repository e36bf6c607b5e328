//! The corpus of real vendor documents (`tests/fixtures/real/`, see its README): every document is
//! normalized with detection and compared with what its `.expect.json` says the vendor documents it
//! to mean: the vendor (or the error), the number of policies, canonical facts, and passwords that
//! must pass or fail which rules. Every mismatch of every document is collected and reported in
//! one failure message.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use passpolicy::check::Status;
use passpolicy::{Checker, Context};
use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real")
}

/// Every document of the corpus (not its expect files, not its README), sorted.
fn documents() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in fs::read_dir(root()).unwrap().flatten().map(|d| d.path()).filter(|p| p.is_dir()) {
        for file in fs::read_dir(&dir).unwrap().flatten().map(|f| f.path()) {
            let name = file.file_name().unwrap().to_string_lossy().to_string();
            if !name.ends_with(".expect.json") {
                out.push(file);
            }
        }
    }
    out.sort();
    out
}

/// `tests/fixtures/real/okta/list.json` → `…/okta/list.expect.json` (the last extension replaced).
fn expect_path(doc: &Path) -> PathBuf {
    let name = doc.file_name().unwrap().to_string_lossy();
    let stem = name.rsplit_once('.').map_or(name.as_ref(), |(stem, _)| stem);
    doc.with_file_name(format!("{stem}.expect.json"))
}

/// The value at a fact's path in the canonical policy's JSON: dotted keys, `[i]` indices, and
/// `classes.<class>` for the `min` of that class's own rule. `None` when absent (or null).
fn fact<'a>(policy: &'a Value, path: &str) -> Option<&'a Value> {
    let mut at = policy;
    let mut segments = path.split('.').peekable();
    while let Some(segment) = segments.next() {
        let (key, indices) = match segment.find('[') {
            Some(i) => (&segment[..i], &segment[i..]),
            None => (segment, ""),
        };
        if key == "classes" && indices.is_empty() {
            if let Some(class) = segments.next() {
                let rule =
                    at.get("classes")?.as_array()?.iter().find(|c| c.get("class") == Some(&Value::from(class)))?;
                at = rule.get("min")?;
                continue;
            }
        }
        at = at.get(key)?;
        for index in indices.split(['[', ']']).filter(|s| !s.is_empty()) {
            at = at.get(index.parse::<usize>().ok()?)?;
        }
    }
    (!at.is_null()).then_some(at)
}

/// The ids of the rules a password fails, sorted and without repeats.
fn failed(checker: &Checker, password: &str, ctx: &Context) -> BTreeSet<String> {
    checker.check(password, ctx).rules.iter().filter(|r| r.status == Status::Fail).map(|r| r.id.to_string()).collect()
}

/// The mismatches of one document, each a line.
fn mismatches(doc: &Path, expect: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let text = fs::read_to_string(doc).unwrap();
    let want_vendor = expect.get("vendor").and_then(Value::as_str);
    let want_error = expect.get("error").and_then(Value::as_str);
    let list = match (passpolicy::vendors::normalize(&text, None), want_error) {
        (Err(e), Some(code)) => {
            if e.code() != code {
                out.push(format!("error `{}` ({}), expected `{code}`", e.code(), e.message));
            }
            return out;
        }
        (Ok(list), Some(code)) => {
            let got = list.first().map_or("nothing", |n| n.vendor);
            out.push(format!("normalized as {got} ({} policies), expected the error `{code}`", list.len()));
            return out;
        }
        (Err(e), None) => {
            out.push(format!("error `{}`: {}", e.code(), e.message));
            return out;
        }
        (Ok(list), None) => list,
    };
    if let Some(vendor) = want_vendor {
        if let Some(n) = list.iter().find(|n| n.vendor != vendor) {
            out.push(format!("vendor {}, expected {vendor}", n.vendor));
        }
    }
    if let Some(count) = expect.get("policies").and_then(Value::as_u64) {
        if list.len() as u64 != count {
            out.push(format!("{} policies, expected {count}", list.len()));
        }
    }
    let index = expect.get("index").and_then(Value::as_u64).unwrap_or(0) as usize;
    let Some(normalized) = list.get(index) else {
        out.push(format!("no policy [{index}]"));
        return out;
    };
    let policy = serde_json::to_value(&normalized.policy).unwrap();
    for (path, want) in expect.get("expect").and_then(Value::as_object).into_iter().flatten() {
        let got = fact(&policy, path);
        let want = (!want.is_null()).then_some(want);
        // 900 and 900.0 are the same number.
        let same = match (got.and_then(Value::as_f64), want.and_then(Value::as_f64)) {
            (Some(a), Some(b)) => a == b,
            _ => got == want,
        };
        if !same {
            let show = |v: Option<&Value>| v.map_or("absent".to_string(), Value::to_string);
            out.push(format!("{path} = {}, expected {}", show(got), show(want)));
        }
    }
    let codes: BTreeSet<String> = normalized.warnings.iter().map(|w| w.code.as_str().to_string()).collect();
    for code in expect.get("warnings").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
        if !codes.contains(code) {
            out.push(format!("no `{code}` warning (warnings: {codes:?})"));
        }
    }
    for prefix in expect.get("documented").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
        for w in normalized.warnings.iter().filter(|w| w.code.as_str() == "unknown_field" && w.path.starts_with(prefix))
        {
            out.push(format!("the documented field `{}` is reported unknown_field", w.path));
        }
    }
    let ctx = match expect.get("context") {
        Some(c) => Context::from_json(&c.to_string()).unwrap(),
        None => Context::default(),
    };
    let checker = match Checker::compile(&normalized.policy) {
        Ok(c) => c,
        Err(e) => {
            out.push(format!("the policy does not compile: {e}"));
            return out;
        }
    };
    for password in expect.get("pass").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
        let got = failed(&checker, password, &ctx);
        if !got.is_empty() {
            out.push(format!("{password:?} fails {got:?}, expected to pass"));
        }
    }
    for (password, ids) in expect.get("fail").and_then(Value::as_object).into_iter().flatten() {
        let want: BTreeSet<String> = ids.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect();
        let got = failed(&checker, password, &ctx);
        if got != want {
            out.push(format!("{password:?} fails {got:?}, expected {want:?}"));
        }
    }
    out
}

#[test]
fn every_document_means_what_its_vendor_documents() {
    let docs = documents();
    let mut report: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut vendors: BTreeMap<String, usize> = BTreeMap::new();
    for doc in &docs {
        let name = doc.strip_prefix(root()).unwrap().display().to_string();
        let Ok(expect) = fs::read_to_string(expect_path(doc)) else {
            report.entry(name).or_default().push("no .expect.json beside it".into());
            continue;
        };
        let expect: Value = serde_json::from_str(&expect).unwrap_or_else(|e| panic!("{name}: expect file: {e}"));
        for key in ["source", "licence"] {
            if expect.get(key).and_then(Value::as_str).is_none_or(str::is_empty) {
                report.entry(name.clone()).or_default().push(format!("the expect file has no `{key}`"));
            }
        }
        *vendors.entry(expect.get("vendor").and_then(Value::as_str).unwrap_or("(none)").to_string()).or_default() += 1;
        let found = mismatches(doc, &expect);
        if !found.is_empty() {
            report.entry(name).or_default().extend(found);
        }
    }
    assert!(docs.len() >= 38, "the corpus holds {} documents", docs.len());
    for vendor in passpolicy::vendors::VENDORS.iter().filter(|v| **v != "canonical" && **v != "scaleway") {
        assert!(vendors.contains_key(*vendor), "no document of {vendor}");
    }
    let lines: Vec<String> =
        report.iter().flat_map(|(doc, found)| found.iter().map(move |m| format!("{doc}: {m}"))).collect();
    assert!(
        lines.is_empty(),
        "{} of {} documents differ from what their vendor documents:\n{}",
        report.len(),
        docs.len(),
        lines.join("\n")
    );
}

#[test]
fn every_expect_file_has_its_document() {
    for dir in fs::read_dir(root()).unwrap().flatten().map(|d| d.path()).filter(|p| p.is_dir()) {
        for file in fs::read_dir(&dir).unwrap().flatten().map(|f| f.path()) {
            let name = file.file_name().unwrap().to_string_lossy().to_string();
            if let Some(stem) = name.strip_suffix(".expect.json") {
                let docs = documents();
                assert!(
                    docs.iter().any(|d| d.parent() == file.parent() && expect_path(d) == file),
                    "{stem}.expect.json has no document beside it"
                );
            }
        }
    }
}

#[test]
fn facts_are_read_by_path() {
    let p: Value = serde_json::json!({"length": {"min": 8}, "classes": [{"class": "digit", "min": 2}],
        "types": [{"required": 3}]});
    assert_eq!(fact(&p, "length.min"), Some(&Value::from(8)));
    assert_eq!(fact(&p, "classes.digit"), Some(&Value::from(2)));
    assert_eq!(fact(&p, "classes.upper"), None);
    assert_eq!(fact(&p, "types[0].required"), Some(&Value::from(3)));
    assert_eq!(fact(&p, "history.count"), None);
}
