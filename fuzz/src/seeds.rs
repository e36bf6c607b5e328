//! The seed inputs of every fuzz target, made from documents in the repository: the vendor
//! examples (`tests/fixtures/*/*`, `tests/node/vendors.json`), the fenced JSON/XML examples of the
//! markdown files given, and each site's rule string of Apple's quirks file
//! (`data/apple/password-rules.json`). The `check` seeds are the canonical JSON of every example that
//! normalizes, with a few contexts and passwords; `outputs` gets the `roundtrip` inputs.
//!
//! Nothing of it is committed as files: `cargo test` (tests/fuzz_corpus.rs) replays the seeds from
//! here, and `fuzz/run.sh` writes them (`cargo run --example seed -- DIR`) to start a run from.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use passpolicy::vendors::VENDORS;

/// Target name → its seed inputs. `root` is the repository; `markdown`, more documents to take
/// the fenced examples of.
pub fn seeds(root: &Path, markdown: &[PathBuf]) -> BTreeMap<String, BTreeSet<Vec<u8>>> {
    let mut out: BTreeMap<String, BTreeSet<Vec<u8>>> = BTreeMap::new();
    let mut add = |target: &str, data: &[u8]| {
        out.entry(target.to_string()).or_default().insert(data.to_vec());
    };
    // Documents: fixtures, the node suite's examples, examples of the markdown files given.
    let mut docs: BTreeSet<String> = BTreeSet::new();
    // One folder per vendor (the README beside them is not a document), and the real documents of
    // `real/<vendor>/` (without their `.expect.json`).
    let real = root.join("tests/fixtures/real");
    let mut folders: Vec<PathBuf> = Vec::new();
    for base in [root.join("tests/fixtures"), real.clone()] {
        folders.extend(fs::read_dir(base).unwrap().flatten().map(|d| d.path()).filter(|p| p.is_dir() && *p != real));
    }
    for dir in folders {
        for f in fs::read_dir(dir).unwrap().flatten() {
            let name = f.file_name().to_string_lossy().into_owned();
            if f.path().is_file() && !name.ends_with(".expect.json") {
                docs.insert(fs::read_to_string(f.path()).unwrap());
            }
        }
    }
    let node: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(root.join("tests/node/vendors.json")).unwrap()).unwrap();
    for v in node.as_object().unwrap().values() {
        docs.insert(match v {
            serde_json::Value::String(s) => s.clone(),
            other => serde_json::to_string_pretty(other).unwrap(),
        });
    }
    for md in markdown {
        if let Ok(text) = fs::read_to_string(md) {
            docs.extend(fenced(&text).into_iter().filter(|b| !b.trim().is_empty()));
        }
    }
    // Apple's rules: each site's string, as a document of its own.
    let apple: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(root.join("data/apple/password-rules.json")).unwrap()).unwrap();
    let rules: BTreeSet<String> = apple
        .as_object()
        .unwrap()
        .values()
        .filter_map(|site| site.get("password-rules").and_then(|r| r.as_str()).map(str::to_string))
        .collect();

    let normalize_targets: Vec<String> = VENDORS.iter().map(|v| format!("normalize_{}", v.replace('-', "_"))).collect();
    for doc in &docs {
        for t in normalize_targets.iter().map(String::as_str).chain(["detect"]) {
            add(t, doc.as_bytes());
        }
        // Round trip: by detection, and as each vendor that reads it.
        add("roundtrip", &[&[0u8][..], doc.as_bytes()].concat());
        for (i, v) in VENDORS.iter().enumerate() {
            if passpolicy::normalize(doc, Some(v)).is_ok() {
                add("roundtrip", &[&[i as u8 + 1][..], doc.as_bytes()].concat());
            }
        }
    }
    let pr = VENDORS.iter().position(|v| *v == "passwordrules").unwrap() as u8 + 1;
    for r in &rules {
        add("normalize_passwordrules", r.as_bytes());
        add("normalize_keycloak", r.as_bytes());
        add("detect", r.as_bytes());
        add("roundtrip", &[&[pr][..], r.as_bytes()].concat());
    }

    // check: canonical policies × contexts × passwords, separated by 0xFF.
    let mut policies: BTreeSet<String> = BTreeSet::new();
    for doc in docs.iter().chain(&rules) {
        for v in VENDORS {
            if let Ok(list) = passpolicy::normalize(doc, Some(v)) {
                policies.extend(list.iter().map(|n| n.policy.to_json()));
            }
        }
    }
    let contexts = [
        "",
        "{}",
        r#"{"username":"john.smith","email":"John.Smith@example.com","accountId":"12345","accountName":"Acme Corp","attributes":{"displayName":"John Smith","phone":"555-555-1234"},"previousPasswords":["Tr0ub4dor&3","old"],"dictionary":["acme","widget"]}"#,
        r#"{"username":"ab","previousPasswords":[],"dictionary":[""],"attributes":{}}"#,
        r#"{"usernme":"typo"}"#,
    ];
    let long = "aB3!".repeat(1100);
    let passwords = [
        "",
        "Tr0ub4dor&3",
        "john.smith2024!",
        "correct horse battery staple",
        "e\u{301}👨\u{200d}👩\u{200d}👧 漢字٣",
        "aaaaaaa",
        long.as_str(),
    ];
    for (i, p) in policies.iter().enumerate() {
        let ctx = contexts[i % contexts.len()];
        let pw = passwords[i % passwords.len()];
        add("check", &[p.as_bytes(), &[0xFF], ctx.as_bytes(), &[0xFF], pw.as_bytes()].concat());
    }
    for (i, ctx) in contexts.iter().enumerate() {
        for pw in passwords {
            add("check", &[&b"not a policy"[..], &[0xFF], ctx.as_bytes(), &[0xFF], pw.as_bytes()].concat());
        }
        let _ = i;
    }
    // estimate: passwords, alone and with user inputs.
    let more = [
        "password",
        "P@ssw0rd",
        "qwertyuiop",
        "1990-12-31",
        "zxcvbnm,./",
        "abcabcabc",
        "johnsmith1984",
        "correcthorsebatterystaple",
        "a4@8([{<369!|1705$+%2",
    ];
    for (i, pw) in passwords.iter().chain(&more).enumerate() {
        add("estimate", pw.as_bytes());
        let inputs = ["john", "smith", "john.smith@example.com", "acme"];
        add("estimate", &[pw.as_bytes(), &[0xFF], inputs[i % inputs.len()].as_bytes()].concat());
    }

    let roundtrip = out.get("roundtrip").cloned().unwrap_or_default();
    out.insert("outputs".to_string(), roundtrip);
    out
}

/// Fenced ```json / ```xml / plain blocks of a markdown file.
fn fenced(md: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut block: Option<(String, Vec<&str>)> = None;
    for line in md.lines() {
        let t = line.trim_start();
        match (&mut block, t.strip_prefix("```")) {
            (None, Some(lang)) => block = Some((lang.trim().to_string(), Vec::new())),
            (Some((lang, lines)), Some(_)) => {
                if ["json", "xml", "", "text"].contains(&lang.as_str()) {
                    out.push(lines.join("\n"));
                }
                block = None;
            }
            (Some((_, lines)), None) => lines.push(line),
            (None, None) => {}
        }
    }
    out
}
