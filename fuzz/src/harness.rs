//! The fuzz harnesses of passpolicy, shared by the libFuzzer targets (`fuzz/fuzz_targets/*.rs`,
//! run with `cargo fuzz`) and by the plain test that replays the committed corpora and crash
//! regressions (`tests/fuzz_corpus.rs`, run by `cargo test`): one code path for both, so that CI
//! without a nightly toolchain still exercises every input the fuzzer kept.
//!
//! Each harness takes arbitrary bytes and panics (= a crash for libFuzzer, a failure for the
//! test) only when the library breaks a promise:
//! - every error has one of the seven stable codes and a non-empty message;
//! - every policy `normalize` returns compiles, and checks any password into a consistent report;
//! - the canonical JSON of a policy reads back as the same policy, and writes the same text;
//! - a report never holds the password.
//!
//! Inputs are read as UTF-8 with invalid sequences replaced (what a JS caller can pass is always
//! valid text).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::borrow::Cow;

use passpolicy::error::{MAX_MESSAGE_BYTES, MAX_PATH_BYTES};
use passpolicy::messages::Messages;
use passpolicy::vendors::{self, VENDORS};
use passpolicy::{Checker, Context, PolicyError, Report};

/// The stable error codes (`ErrorCode::as_str`).
pub const CODES: [&str; 9] = [
    "invalid_json",
    "invalid_xml",
    "unknown_vendor",
    "ambiguous_vendor",
    "vendor_mismatch",
    "invalid_field",
    "unsatisfiable",
    "too_large",
    "not_ready",
];

/// A harness: arbitrary bytes in, a panic when a promise is broken.
pub type Harness = fn(&[u8]);

/// Every fuzz target by name (the name of its file in `fuzz/fuzz_targets/` and of its corpus
/// directory in `fuzz/corpus/`), with its harness.
pub const TARGETS: &[(&str, Harness)] = &[
    ("normalize_meraki", normalize_meraki),
    ("normalize_sailpoint", normalize_sailpoint),
    ("normalize_sumologic", normalize_sumologic),
    ("normalize_scaleway", normalize_scaleway),
    ("normalize_longjump", normalize_longjump),
    ("normalize_aws_iam", normalize_aws_iam),
    ("normalize_aws_cognito", normalize_aws_cognito),
    ("normalize_okta", normalize_okta),
    ("normalize_auth0", normalize_auth0),
    ("normalize_keycloak", normalize_keycloak),
    ("normalize_passwordrules", normalize_passwordrules),
    ("normalize_firebase", normalize_firebase),
    ("normalize_supabase", normalize_supabase),
    ("normalize_pingone", normalize_pingone),
    ("normalize_active_directory", normalize_active_directory),
    ("normalize_entra", normalize_entra),
    ("normalize_kratos", normalize_kratos),
    ("normalize_fusionauth", normalize_fusionauth),
    ("normalize_zitadel", normalize_zitadel),
    ("normalize_canonical", normalize_canonical),
    ("detect", detect),
    ("check", check),
    ("roundtrip", roundtrip),
    ("estimate", estimate),
    ("outputs", outputs),
];

/// The vendor id a `normalize_<vendor>` target passes.
pub fn target_vendor(target: &str) -> Option<&'static str> {
    let id = target.strip_prefix("normalize_")?.replace('_', "-");
    VENDORS.iter().copied().find(|v| *v == id)
}

fn text(data: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// An error must carry a stable code and a message.
pub fn assert_error(e: &PolicyError, what: &str) {
    assert!(CODES.contains(&e.code()), "{what}: unknown error code {:?} ({e})", e.code());
    assert!(!e.message.trim().is_empty(), "{what}: empty message for {}", e.code());
    // Bounded however long the document's keys and values are ("…" is 3 bytes more).
    if let Some(path) = e.path() {
        assert!(path.len() <= MAX_PATH_BYTES + 3, "{what}: an error path of {} bytes", path.len());
    }
    assert!(e.message.len() <= MAX_MESSAGE_BYTES + 3, "{what}: an error message of {} bytes", e.message.len());
    assert!(!e.to_string().is_empty());
}

/// Passwords every normalized policy is checked with (rules only: the estimator is the `check`
/// target's).
const PASSWORDS: &[&str] =
    &["", "a", "Password1!", "Tr0ub4dor&3x", "e\u{301}👨\u{200d}👩\u{200d}👧\u{0} 漢٣", "aaaaaaaaaaaaaaaa"];

/// The consistency of a report with its password.
pub fn assert_report(r: &Report, password: &str, with_strength: bool) {
    let failed: Vec<_> =
        r.rules.iter().filter(|x| x.status == passpolicy::check::report::Status::Fail).cloned().collect();
    assert_eq!(r.violations, failed, "violations are the failed rules, in order");
    assert_eq!(r.ok, r.violations.is_empty());
    let cps = password.chars().count();
    let utf16: usize = password.chars().map(char::len_utf16).sum();
    assert_eq!(r.length.code_points as usize, cps.min(u32::MAX as usize));
    assert_eq!(r.length.utf16 as usize, utf16.min(u32::MAX as usize));
    let limit = passpolicy::check::ANALYSIS_LIMIT_CODE_POINTS;
    assert_eq!(r.analyzed.complete, cps <= limit);
    assert_eq!(r.analyzed.code_points as usize, cps.min(limit));
    assert!(r.length.graphemes as usize <= cps.min(limit));
    for rule in &r.rules {
        assert!(!rule.id.is_empty());
        assert!(
            !rule.message.is_empty() || rule.id == "chars.set" || rule.id == "chars.types",
            "{} has no message",
            rule.id
        );
    }
    match (&r.strength, with_strength) {
        (Some(s), true) => {
            assert!(s.score <= 4);
            assert!(s.analyzed_code_points as usize <= passpolicy::check::strength::STRENGTH_LIMIT_CODE_POINTS);
            assert!(s.guesses_log10.is_finite() && s.guesses_log10 >= 0.0, "guessesLog10 {}", s.guesses_log10);
        }
        (None, false) => {}
        (s, _) => panic!("strength {s:?} when with_strength = {with_strength}"),
    }
    // Output size is bounded per rule, whatever the policy (no message repeats a long set; an
    // override cannot multiply a value): each text at most MAX_TEXT_BYTES and its "…".
    let max_text = passpolicy::messages::MAX_TEXT_BYTES + '…'.len_utf8();
    for rule in &r.rules {
        assert!(rule.message.len() <= max_text, "{}: a message of {} bytes", rule.id, rule.message.len());
    }
    let json = serde_json::to_string(r).expect("a report serializes");
    let bound = (r.rules.len() + r.violations.len()) * (max_text + 256) + 16 * 1024;
    assert!(json.len() <= bound, "a report of {} bytes for {} rules (bound {bound})", json.len(), r.rules.len());
}

/// Normalizes `data` as a document of `vendor` (or detected when `None`): a value or a
/// structured error; every policy compiles and checks.
pub fn normalize_as(vendor: Option<&str>, data: &[u8]) {
    let text = text(data);
    match passpolicy::normalize(&text, vendor) {
        Ok(list) => {
            assert!(!list.is_empty(), "normalize returned no policy and no error");
            if vendor == Some("canonical") {
                // The canonical form is an object (serde would read a struct from an array).
                assert!(
                    text.trim_start_matches('\u{feff}').trim_start().starts_with('{'),
                    "a canonical policy from a non-object: {text}"
                );
            }
            for n in &list {
                if let Some(v) = vendor {
                    assert_eq!(n.vendor, v);
                }
                assert_eq!(n.policy.source.vendor.as_deref().unwrap_or(n.vendor), n.vendor, "source.vendor");
                for w in &n.warnings {
                    assert!(!w.message.is_empty(), "empty warning message at {}", w.path);
                    assert!(
                        w.path.len() <= MAX_PATH_BYTES + 3 && w.message.len() <= MAX_MESSAGE_BYTES + 3,
                        "an unbounded warning"
                    );
                }
                let checker = Checker::compile(&n.policy)
                    .unwrap_or_else(|e| panic!("normalize returned a policy that does not compile: {e}"));
                for pw in PASSWORDS {
                    let r = checker.check_rules(pw, &Context::default());
                    assert_report(&r, pw, false);
                }
            }
        }
        Err(e) => assert_error(&e, "normalize"),
    }
}

macro_rules! vendor_targets {
    ($($name:ident => $id:literal),* $(,)?) => {
        $(
            #[doc = concat!("`normalize(text, Some(\"", $id, "\"))`.")]
            pub fn $name(data: &[u8]) {
                normalize_as(Some($id), data)
            }
        )*
    };
}

vendor_targets! {
    normalize_meraki => "meraki",
    normalize_sailpoint => "sailpoint",
    normalize_sumologic => "sumologic",
    normalize_scaleway => "scaleway",
    normalize_longjump => "longjump",
    normalize_aws_iam => "aws-iam",
    normalize_aws_cognito => "aws-cognito",
    normalize_okta => "okta",
    normalize_auth0 => "auth0",
    normalize_keycloak => "keycloak",
    normalize_passwordrules => "passwordrules",
    normalize_firebase => "firebase",
    normalize_supabase => "supabase",
    normalize_pingone => "pingone",
    normalize_active_directory => "active-directory",
    normalize_entra => "entra",
    normalize_kratos => "kratos",
    normalize_fusionauth => "fusionauth",
    normalize_zitadel => "zitadel",
    normalize_canonical => "canonical",
}

/// Detection: `detect_vendor` and `normalize(text, None)` agree, and a detected vendor
/// normalizes exactly as when it is named.
pub fn detect(data: &[u8]) {
    let text = text(data);
    let detected = passpolicy::detect_vendor(&text);
    let by_detection = passpolicy::normalize(&text, None);
    match &detected {
        Ok(v) => {
            assert!(VENDORS.contains(v));
            let named = passpolicy::normalize(&text, Some(v));
            assert_eq!(by_detection, named, "normalize(None) and normalize(Some({v})) differ");
        }
        Err(e) => {
            assert_error(e, "detect_vendor");
            let got = by_detection.as_ref().map(|l| l.len());
            assert_eq!(by_detection.as_ref().err(), Some(e), "detection failed ({e}) but normalize(None) gave {got:?}");
        }
    }
    normalize_as(None, data);
}

/// A rich policy for `check` inputs whose first part is not a canonical policy: every rule kind on.
const FALLBACK_POLICY: &str = r##"{"version":1,"length":{"min":8,"max":64},
 "classes":[{"class":"lower","min":1},{"class":"digit","min":1}],
 "sets":[{"chars":{"chars":"!#$%","ranges":[[945,969]]},"min":1}],
 "types":[{"required":2,"of":[{"class":"upper","min":1},{"class":"symbol","min":2},{"chars":{"chars":"xyz"},"min":1}]}],
 "forbidden":{"chars":":"},"minUnique":4,"maxRepeat":2,"maxSequence":3,
 "dictionary":{"common":true,"custom":{"words":["acme","Passw0rd"],"minWordLength":3,"match":"substring"}},
 "context":{"username":{"match":"substring","minTokenLength":3},"email":{"match":"substring","minTokenLength":3},
  "accountId":{"match":"whole","minTokenLength":1},"accountName":{"match":"substring","minTokenLength":4},
  "attributes":{"match":"substring","minTokenLength":3}},
 "history":{"count":3,"enforced":true},"minStrength":3}"##;

/// A marker no message of ours contains: a password holding it must not show in a report.
const MARKER: &str = "Zq7!marker";

/// `check()` with an arbitrary canonical policy, context and password. The input is three parts
/// separated by 0xFF bytes (never valid UTF-8, so never inside a part): policy JSON, context
/// JSON, password. A policy that is not valid canonical JSON is replaced by a rich fixed one,
/// and a context that does not parse by the empty one, so every input checks a password.
pub fn check(data: &[u8]) {
    let mut parts = data.splitn(3, |b| *b == 0xFF);
    let policy_text = text(parts.next().unwrap_or_default());
    let ctx_text = text(parts.next().unwrap_or_default());
    let password = text(parts.next().unwrap_or_default());

    // The text reader of `passpolicy/rules` agrees with the `Value` path: the same policy, or an
    // error on both (validation happens at compile for the text reader); only a key given twice
    // is read differently (the text reader refuses it, the `Value` keeps the last).
    let by_text = passpolicy::vendors::normalize_canonical(&policy_text);
    let by_value = passpolicy::normalize(&policy_text, Some("canonical"));
    match (&by_text, &by_value) {
        (Ok(t), Ok(v)) => assert_eq!(t.policy, v[0].policy, "the text reader and the Value path disagree"),
        (Ok(t), Err(e)) => {
            assert!(Checker::compile(&t.policy).is_err(), "the Value path refused ({e}) what the text reader accepts")
        }
        (Err(e), Ok(v)) => assert!(
            v[0].warnings.iter().any(|w| w.code.as_str() == "duplicate_key"),
            "the text reader refused ({e}) what the Value path accepts, with no key given twice"
        ),
        (Err(_), Err(_)) => {}
    }
    if let Err(e) = &by_text {
        assert_error(e, "canonical policy (text reader)");
    }
    let policy = match by_value {
        Ok(mut list) => {
            assert_eq!(list.len(), 1, "a canonical document is one policy");
            list.remove(0).policy
        }
        Err(e) => {
            assert_error(&e, "canonical policy");
            passpolicy::normalize(FALLBACK_POLICY, Some("canonical"))
                .expect("the fallback policy is valid")
                .remove(0)
                .policy
        }
    };
    let ctx = match Context::from_json(&ctx_text) {
        Ok(c) => {
            assert!(ctx_text.trim_start().starts_with('{'), "a context from a non-object: {ctx_text}");
            c
        }
        Err(e) => {
            assert_error(&e, "context");
            assert_eq!(e.code(), "invalid_field");
            assert!(e.path().is_some_and(|p| p.starts_with("context")), "context error path {:?}", e.path());
            Context::default()
        }
    };
    let lang = ["en", "de", "fr", "es", "xx-YY"][password.len() % 5];
    let checker = Checker::compile_with(&policy, Messages::new(lang)).expect("a normalized policy compiles");

    // Every rule on the whole password (the rules bound their own analysis).
    let rules = checker.check_rules(&password, &ctx);
    assert_report(&rules, &password, false);

    // The full check (rules + strength estimate) on the whole input: our estimator bounds its own
    // work (100 code points, a budgeted l33t search). zxcvbn-rs, which it replaced, needed a
    // 16-code-point prefix here: its l33t matching cost seconds on long l33t-rich passwords.
    let short = prefix(&password, STRENGTH_FUZZ_CODE_POINTS);
    let full = checker.check(short, &ctx);
    assert_report(&full, short, true);
    let short_rules = checker.check_rules(short, &ctx);
    let without_min: Vec<_> = full.rules.iter().filter(|r| r.id != "strength.min").cloned().collect();
    assert_eq!(short_rules.rules, without_min, "check_rules = check without strength.min");
    if policy.min_strength.is_none() {
        assert_eq!(full.rules, short_rules.rules);
    }

    // The password never shows in a report (unless the policy or the context already holds the
    // marker, whose characters may then appear in a message).
    let marked = format!("{MARKER}{password}");
    let lower = |s: &str| s.to_lowercase();
    if !lower(&policy_text).contains("marker") && !lower(&ctx_text).contains("marker") {
        for r in [checker.check_rules(&marked, &ctx), checker.check(prefix(&marked, STRENGTH_FUZZ_CODE_POINTS), &ctx)] {
            let json = serde_json::to_string(&r).expect("a report serializes");
            assert!(!lower(&json).contains(&lower(MARKER)), "the report holds the password: {json}");
        }
        let e = Context::from_json(&format!(
            "{{\"username\": 1, \"email\": {}}}",
            serde_json::Value::String(marked.clone())
        ));
        if let Err(e) = e {
            assert!(!e.to_string().contains(MARKER), "a context error holds a value: {e}");
        }
    }
}

/// The full check (with the estimator) of the `check` target sees this many leading code points:
/// everything libFuzzer gives it (`-max_len=65536`).
pub const STRENGTH_FUZZ_CODE_POINTS: usize = 1 << 16;

fn prefix(s: &str, code_points: usize) -> &str {
    s.char_indices().nth(code_points).map_or(s, |(i, _)| &s[..i])
}

/// The canonical JSON round trip: whatever a vendor document normalizes to, its canonical JSON
/// reads back (`canonical`, and by detection) as the same policy and writes the same text. The
/// first byte picks the vendor (`None` = detection, then each id of `VENDORS`); the rest is the
/// document.
pub fn roundtrip(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else { return };
    let choice = usize::from(selector) % (VENDORS.len() + 1);
    let vendor = choice.checked_sub(1).map(|i| VENDORS[i]);
    let text = text(rest);
    let list = match passpolicy::normalize(&text, vendor) {
        Ok(list) => list,
        Err(e) => return assert_error(&e, "normalize"),
    };
    for n in &list {
        let json = n.policy.to_json();
        let back = vendors::normalize(&json, Some("canonical"))
            .unwrap_or_else(|e| panic!("the canonical JSON of a {} policy does not read back: {e}\n{json}", n.vendor));
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].policy, n.policy, "round trip changed the policy\n{json}\n{}", back[0].policy.to_json());
        assert_eq!(back[0].policy.to_json(), json, "round trip changed the text");
        assert!(back[0].warnings.is_empty(), "canonical input gives no warnings");
        let pretty = n.policy.to_json_pretty();
        let back = vendors::normalize(&pretty, Some("canonical")).expect("pretty canonical JSON reads back");
        assert_eq!(back[0].policy, n.policy);
        let detected =
            vendors::normalize(&json, None).unwrap_or_else(|e| panic!("canonical JSON is not detected: {e}\n{json}"));
        assert_eq!(detected[0].vendor, "canonical", "canonical JSON detected as {}\n{json}", detected[0].vendor);
        assert_eq!(detected[0].policy, n.policy);
    }
}

/// The strength estimator (`passpolicy::estimate`) on an arbitrary password and user inputs
/// (parts separated by 0xFF bytes: the password, then each user input): bounded work whatever the
/// input, a score consistent with the guesses, and a best sequence that covers the (cut)
/// password once, in order.
pub fn estimate(data: &[u8]) {
    let mut parts = data.split(|b| *b == 0xFF).map(|p| String::from_utf8_lossy(p).into_owned());
    let password = parts.next().unwrap_or_default();
    let inputs: Vec<String> = parts.collect();
    let refs: Vec<&str> = inputs.iter().map(String::as_str).collect();
    let e = passpolicy::estimate::estimate_at(&password, &refs, 2026);
    assert!(e.guesses.is_finite() && e.guesses >= 1.0, "guesses {}", e.guesses);
    assert!(
        e.guesses_log10.is_finite() && (e.guesses_log10 - e.guesses.log10()).abs() < 1e-6,
        "guesses_log10 {}",
        e.guesses_log10
    );
    assert_eq!(e.score, passpolicy::estimate::guesses_to_score(e.guesses));
    let n = password.chars().take(passpolicy::estimate::LIMIT_CODE_POINTS).count();
    let mut next = 0;
    for m in &e.sequence {
        assert_eq!(m.i, next, "the sequence has a gap or an overlap at {next}: {:?}", e.sequence);
        assert!(m.j >= m.i && m.j < n, "match {}..={} outside the password of {n} code points", m.i, m.j);
        assert!(m.guesses.is_finite() && m.guesses >= 1.0, "match guesses {}", m.guesses);
        next = m.j + 1;
    }
    assert_eq!(next, n, "the sequence does not cover the password: {:?}", e.sequence);
}

/// What a policy turns into besides reports (each behind a method of the JS `PasswordPolicy`):
/// the description in every language, the `passwordrules` value and HTML attributes, and generated
/// passwords. The first byte picks the vendor as for `roundtrip`; the rest is the document. None
/// may panic (in wasm a panic is an abort: the module instance is lost); the emitted
/// `passwordrules` reads back; every generated password passes the policy's rules.
pub fn outputs(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else { return };
    let choice = usize::from(selector) % (VENDORS.len() + 1);
    let vendor = choice.checked_sub(1).map(|i| VENDORS[i]);
    let text = text(rest);
    let Ok(list) = passpolicy::normalize(&text, vendor) else { return };
    for n in &list {
        let policy = &n.policy;
        for lang in ["en", "de", "fr", "es"] {
            let d = passpolicy::describe::describe(policy, &Messages::new(lang));
            serde_json::to_string(&d).expect("a description serializes");
        }
        let out = policy.to_passwordrules();
        serde_json::to_string(&out).expect("passwordrules output serializes");
        // An empty value (the language's defaults: a policy allowing printable ASCII and nothing
        // more) is not a document the reader accepts; anything else must be.
        if out.rules.trim().is_empty() {
            continue;
        }
        if let Err(e) = passpolicy::normalize(&out.rules, Some("passwordrules")) {
            panic!("the emitted passwordrules do not read back ({e}): {:?}\n{}", out.rules, policy.to_json());
        }
        let html = policy.html_attributes();
        serde_json::to_string(&html).expect("html attributes serialize");

        let checker = Checker::compile(policy).expect("a normalized policy compiles");
        let options = passpolicy::generate::GenerateOptions::from_json(r#"{"count": 2}"#).expect("valid options");
        match passpolicy::generate::generate_with_checker(&checker, &options) {
            Ok(g) => {
                assert_eq!(g.passwords.len(), 2);
                for pw in &g.passwords {
                    let r = checker.check_rules(pw, &Context::default());
                    assert!(
                        r.ok,
                        "a generated password fails the policy: {pw:?} {:?}\n{}",
                        r.violations,
                        policy.to_json()
                    );
                }
            }
            Err(e) => assert_error(&e, "generate"),
        }
    }
}
