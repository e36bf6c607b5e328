//! Ory Kratos password policy, from Kratos's configuration in JSON, in three forms:
//!
//! - the whole configuration (`{ "selfservice": { "methods": { "password": … } }, "hashers": …, … }`):
//!   `selfservice.methods.password` and `hashers.algorithm` are read; every other part of it
//!   (`dsn`, `serve`, `selfservice.flows`, the other methods, `hashers.argon2`, …) is left out,
//!   named in one `ignored` warning;
//! - the password method's block, `{ "enabled": true, "config": { … } }`;
//! - the block's `config` alone.
//!
//! Follows Kratos's configuration schema, `ory/kratos@00cf11c071344103c603c078f07196401d091780:embedx/config.schema.json`
//! (`selfservice.methods.password`, `hashers.algorithm`), and its validator,
//! `selfservice/strategy/password/validator.go` (`DefaultPasswordValidator.Validate`: the minimum
//! length by Go's `len`, the identifier similarity check, the HaveIBeenPwned lookup) with
//! `hash/hasher_bcrypt.go` (`validateBcryptPasswordLength`: more than 72 bytes is refused), as
//! documented on <https://www.ory.sh/docs/concepts/password-policy> (2025).
//!
//! - `min_password_length` ("Defines the minimum length of the password", default 8, minimum 6)
//!   → `length.min`; Kratos counts bytes of UTF-8, the canonical length code points (an
//!   `approximation` warning). With the bcrypt hasher, Kratos's default, a password over 72 bytes
//!   is refused → `length.max` 72; with `argon2` there is no maximum. Without the whole
//!   configuration, the hasher is not known: bcrypt, the default, is assumed (an `approximation`).
//! - `identifier_similarity_check_enabled` (default true): Kratos lower-cases the identifier and
//!   the password and rejects a password within a Levenshtein distance of 5 of the identifier, or
//!   whose longest common substring with it is over half the password's length. The canonical
//!   model has no such measure: read as "the password may not contain the identifier" (the whole
//!   value, and for an e-mail address its local part), `context.username` and `context.email`
//!   (`approximation`).
//! - `haveibeenpwned_enabled` (default true) → the `breached` rule, with `max_breaches` ("Defines
//!   how often a password may have been breached before it is rejected", 0–100, default 0) as its
//!   `max` (Kratos rejects a count above it, as the rule does); `haveibeenpwned_host` (a mirror of
//!   the range API) and `ignore_network_errors` (Kratos accepts the password when the lookup
//!   fails; `checkWithBreach` throws instead) → vendorExtras. When the lookup is off, no rule and
//!   the three fields go to vendorExtras (`inactive`).
//! - `enabled` (default true): false disables the password method; the policy is read, with an
//!   `inactive` warning.

use serde_json::{Map, Value};

use super::fields::{int_field, Obj};
use super::{new_policy, Document, Normalized, WarningCode, Warnings};
use crate::error::Result;
use crate::policy::{BreachedRule, ContextCheck, LengthUnit, MatchMode, Policy};

/// Keys of the password method's `config` that only Kratos uses.
const OWN_KEYS: &[&str] = &["haveibeenpwned_enabled", "haveibeenpwned_host", "identifier_similarity_check_enabled"];

/// Every documented key of the password method's `config`.
const CONFIG_KEYS: &[&str] = &[
    "haveibeenpwned_host",
    "haveibeenpwned_enabled",
    "max_breaches",
    "ignore_network_errors",
    "min_password_length",
    "identifier_similarity_check_enabled",
];

/// The HaveIBeenPwned tuning fields, kept under vendorExtras.
const HIBP_EXTRAS: &[&str] = &["max_breaches", "haveibeenpwned_host", "ignore_network_errors"];
/// What is kept under `vendorExtras` when the lookup is on (`max_breaches` is the rule's `max`).
const HIBP_KEPT: &[&str] = &["haveibeenpwned_host", "ignore_network_errors"];

/// The schema's default and smallest `min_password_length`.
const DEFAULT_MIN: u32 = 8;
const SMALLEST_MIN: i64 = 6;
/// bcrypt's limit, in bytes (`validateBcryptPasswordLength`).
const BCRYPT_MAX: u32 = 72;

/// A password method's `config`: a key only Kratos uses, or `min_password_length` beside
/// `max_breaches` or `ignore_network_errors`.
fn is_config(o: &Map<String, Value>) -> bool {
    OWN_KEYS.iter().any(|k| o.contains_key(*k))
        || (o.contains_key("min_password_length")
            && (o.contains_key("max_breaches") || o.contains_key("ignore_network_errors")))
}

/// The password method's block: `config` (a Kratos password config) and at most `enabled`.
fn is_block(o: &Map<String, Value>) -> bool {
    o.get("config").and_then(Value::as_object).is_some_and(is_config)
        && o.keys().all(|k| k == "config" || k == "enabled")
}

/// The whole configuration: a `selfservice` object with a `methods` object.
fn is_whole(o: &Map<String, Value>) -> bool {
    o.get("selfservice").and_then(|s| s.get("methods")).is_some_and(Value::is_object)
}

pub fn detect(doc: &Document) -> bool {
    let Document::Json(Value::Object(o)) = doc else { return false };
    is_whole(o) || is_block(o) || is_config(o)
}

/// The form of a document.
enum Form {
    Whole,
    Block,
    Config,
}

pub fn normalize(doc: &Document) -> Result<Vec<Normalized>> {
    let v = doc.value();
    let top = Obj::new(v, "")?;
    let form = match v {
        Value::Object(o) if o.contains_key("selfservice") => Form::Whole,
        Value::Object(o) if o.contains_key("config") && !o.keys().any(|k| CONFIG_KEYS.contains(&k.as_str())) => {
            Form::Block
        }
        _ => Form::Config,
    };
    let (mut p, mut w) = (new_policy("kratos"), Warnings::default());
    match form {
        Form::Config => read_config(Some(&top), Hasher::Unknown, &mut p, &mut w)?,
        Form::Block => read_block(&top, Hasher::Unknown, &mut p, &mut w)?,
        Form::Whole => read_whole(&top, &mut p, &mut w)?,
    }
    top.finish(&mut p, &mut w);
    Ok(vec![Normalized { vendor: "kratos", policy: p, warnings: w.0 }])
}

/// The whole configuration: `selfservice.methods.password` and `hashers.algorithm`; the rest is
/// named in one `ignored` warning.
fn read_whole(top: &Obj, p: &mut Policy, w: &mut Warnings) -> Result<()> {
    let mut left_out: Vec<String> = Vec::new();
    let selfservice = top.obj("selfservice")?;
    let methods = match &selfservice {
        Some(s) => s.obj("methods")?,
        None => None,
    };
    let password = match &methods {
        Some(m) => m.obj("password")?,
        None => None,
    };
    // The hasher: bcrypt (the default) refuses passwords over 72 bytes.
    let hashers = top.obj("hashers")?;
    let algorithm = match &hashers {
        Some(h) => h.str("algorithm")?,
        None => None,
    };
    let algorithm_path = "hashers.algorithm";
    let max = match algorithm {
        None => {
            w.defaulted(algorithm_path, "bcrypt");
            Some(BCRYPT_MAX)
        }
        Some("bcrypt") => Some(BCRYPT_MAX),
        Some("argon2") => None,
        Some(other) => {
            w.out_of_range(
                algorithm_path,
                format!("`{}`", other.chars().take(40).collect::<String>()),
                "argon2 or bcrypt",
            );
            None
        }
    };
    match &password {
        Some(block) => {
            read_block(block, Hasher::Known(max), p, w)?;
            block.finish(p, w);
        }
        // No password method in the configuration: its defaults apply.
        None => read_config(None, Hasher::Known(max), p, w)?,
    }
    for (obj, prefix) in [(&selfservice, "selfservice."), (&methods, "selfservice.methods."), (&hashers, "hashers.")] {
        if let Some(o) = obj {
            let read: &[&str] = match prefix {
                "selfservice." => &["methods"],
                "selfservice.methods." => &["password"],
                _ => &["algorithm"],
            };
            for k in o.keys().filter(|k| !read.contains(&k.as_str())) {
                o.skip(k);
                left_out.push(format!("{prefix}{k}"));
            }
        }
    }
    let mut top_level: Vec<String> =
        top.keys().filter(|k| !["selfservice", "hashers"].contains(&k.as_str())).cloned().collect();
    for k in &top_level {
        top.skip(k);
    }
    top_level.extend(left_out);
    if !top_level.is_empty() {
        let names: Vec<&str> = top_level.iter().map(String::as_str).collect();
        w.left_out("", "Kratos's configuration", &names);
    }
    Ok(())
}

/// What is known of the password hasher.
#[derive(Clone, Copy)]
enum Hasher {
    /// From the whole configuration: the maximum length it imposes (bcrypt's 72 bytes, or none).
    Known(Option<u32>),
    /// Configured outside the document.
    Unknown,
}

/// The password method's block, `{ "enabled": …, "config": { … } }` (its own unknown fields are
/// reported by the caller's `finish`).
fn read_block(block: &Obj, hasher: Hasher, p: &mut Policy, w: &mut Warnings) -> Result<()> {
    if block.bool("enabled")? == Some(false) {
        block.keep("enabled", p);
        w.push(
            WarningCode::Inactive,
            block.path("enabled"),
            "the password method is disabled: Kratos sets and checks no password; the policy is what it would enforce",
        );
    }
    let config = block.obj("config")?;
    read_config(config.as_ref(), hasher, p, w)?;
    if let Some(c) = &config {
        c.finish(p, w);
    }
    Ok(())
}

/// The password method's `config` (`None`: absent, every default applies).
fn read_config(o: Option<&Obj>, hasher: Hasher, p: &mut Policy, w: &mut Warnings) -> Result<()> {
    let path = |k: &str| o.map(|o| o.path(k)).unwrap_or_else(|| format!("selfservice.methods.password.config.{k}"));

    // Length.
    p.length.unit = LengthUnit::CodePoints;
    let min = match o {
        Some(o) => int_field(o, "min_password_length", 0, None, w)?,
        None => None,
    };
    let min = match min {
        None => {
            w.defaulted(&path("min_password_length"), DEFAULT_MIN);
            DEFAULT_MIN
        }
        Some(n) => {
            if n < SMALLEST_MIN {
                w.out_of_range(&path("min_password_length"), n, "at least 6");
            }
            u32::try_from(n).unwrap_or(u32::MAX)
        }
    };
    p.length.min = Some(min);
    p.length.max = match hasher {
        Hasher::Known(max) => max,
        Hasher::Unknown => {
            w.approximation(
                &path("min_password_length"),
                "the hasher is configured outside this document: bcrypt, Kratos's default, is assumed, which refuses passwords over 72 bytes (argon2 has no maximum)",
            );
            Some(BCRYPT_MAX)
        }
    };
    w.approximation(
        &path("min_password_length"),
        "Kratos counts bytes of UTF-8 (Go's len), as bcrypt's 72-byte limit does; the canonical length counts code points, the same for ASCII, fewer for other characters (2 to 4 bytes each)",
    );

    // The identifier similarity check.
    let similarity = match o {
        Some(o) => o.bool("identifier_similarity_check_enabled")?,
        None => None,
    };
    if similarity.is_none() {
        w.defaulted(&path("identifier_similarity_check_enabled"), true);
    }
    if similarity != Some(false) {
        let check =
            ContextCheck { match_mode: MatchMode::Substring, delimiters: Some(String::new()), ..Default::default() };
        p.context.username = Some(check.clone());
        p.context.email = Some(check);
        w.approximation(
            &path("identifier_similarity_check_enabled"),
            "Kratos rejects a password within a Levenshtein distance of 5 of the identifier (both lower-cased), or sharing with it a common substring longer than half the password; read as: the password may not contain the identifier (the whole value, and an e-mail address's local part), case-insensitively",
        );
    }

    // HaveIBeenPwned.
    let hibp = match o {
        Some(o) => o.bool("haveibeenpwned_enabled")?,
        None => None,
    };
    if hibp.is_none() {
        w.defaulted(&path("haveibeenpwned_enabled"), true);
    }
    let mut max = None;
    if let Some(o) = o {
        max = int_field(o, "max_breaches", 0, Some((0, 100)), w)?;
        o.str("haveibeenpwned_host")?;
        o.bool("ignore_network_errors")?;
    }
    if hibp != Some(false) {
        let max = max.map_or(0, |n| u32::try_from(n).unwrap_or(u32::MAX));
        p.breached = Some(BreachedRule { max });
        if let Some(o) = o {
            for k in HIBP_KEPT {
                o.keep(k, p);
            }
        }
    } else if let Some(o) = o {
        for k in HIBP_EXTRAS {
            if o.has(k) {
                o.keep(k, p);
                w.inactive(&o.path(k), "haveibeenpwned_enabled");
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vendors::testing::{codes, failures, failures_in, norm_as, norm_json};
    use crate::vendors::{detect_vendor, WarningCode};
    use crate::Context;
    use serde_json::json;

    const CONFIG_TEST: &str = include_str!("../../tests/fixtures/real/kratos/config-test-password-config.json");
    const LAYER5: &str = include_str!("../../tests/fixtures/real/kratos/layer5-helm-kratos-config.json");

    const SAMPLE: &str = include_str!("../../tests/fixtures/kratos/password-config.json");

    #[test]
    fn password_config_from_kratos_tests() {
        assert_eq!(detect_vendor(CONFIG_TEST).unwrap(), "kratos");
        let n = norm_as("kratos", CONFIG_TEST);
        let p = &n.policy;
        assert_eq!((p.length.min, p.length.max, p.length.unit), (Some(8), Some(72), LengthUnit::CodePoints));
        // The lookup is on: the breached rule, `max_breaches` its maximum; the rest kept.
        assert_eq!(p.breached, Some(BreachedRule { max: 0 }));
        assert_eq!(p.settings.breached, None);
        assert!(!p.vendor_extras.contains_key("max_breaches"));
        for k in HIBP_KEPT {
            assert!(p.vendor_extras.contains_key(*k), "{k}");
        }
        assert!(codes(&n, WarningCode::NotCheckable).is_empty(), "{:?}", n.warnings);
        assert!(codes(&n, WarningCode::UnknownField).is_empty(), "{:?}", n.warnings);
        assert!(codes(&n, WarningCode::Defaulted).is_empty(), "{:?}", n.warnings);
        // The hasher is not in this document: bcrypt assumed, said so.
        assert!(n.warnings.iter().any(|w| w.code == WarningCode::Approximation && w.message.contains("bcrypt")));
        // The identifier: contained in the password, rejected (case-insensitively).
        let ctx = Context { username: Some("JDoe".into()), ..Default::default() };
        assert_eq!(failures_in(p, "my-jdoe-password", &ctx), ["context.username"]);
        assert!(failures_in(p, "correct horse battery", &ctx).is_empty());
        let ctx = Context { email: Some("jdoe@example.com".into()), ..Default::default() };
        assert_eq!(failures_in(p, "jdoe@example.com!", &ctx), ["context.email"]);
        assert_eq!(failures_in(p, "jdoe-is-here", &ctx), ["context.email"]);
        assert_eq!(failures(p, "1234567"), ["length.min"]);
        assert_eq!(failures(p, &"x".repeat(73)), ["length.max"]);
        assert_eq!(SAMPLE, CONFIG_TEST);
    }

    #[test]
    fn whole_configuration() {
        assert_eq!(detect_vendor(LAYER5).unwrap(), "kratos");
        let n = norm_as("kratos", LAYER5);
        let p = &n.policy;
        assert_eq!((p.length.min, p.length.max), (Some(8), Some(72)));
        assert!(p.vendor_extras.is_empty(), "{:?}", p.vendor_extras);
        assert_eq!(codes(&n, WarningCode::Defaulted), ["hashers.algorithm"]);
        let ignored = n.warnings.iter().find(|w| w.code == WarningCode::Ignored).unwrap();
        for name in ["dsn", "serve", "selfservice.flows", "selfservice.methods.oidc", "hashers.argon2"] {
            assert!(ignored.fields.iter().any(|f| f == name), "{name}: {:?}", ignored.fields);
        }
        assert!(!ignored.fields.iter().any(|f| f.contains("password")), "{:?}", ignored.fields);
        // argon2 has no maximum; an unknown algorithm is out of range.
        let argon = json!({ "hashers": { "algorithm": "argon2" }, "selfservice": { "methods": { "password": { "config": { "min_password_length": 12 } } } } });
        let n = norm_json("kratos", argon);
        assert_eq!((n.policy.length.min, n.policy.length.max), (Some(12), None));
        let other = json!({ "hashers": { "algorithm": "scrypt" }, "selfservice": { "methods": {} } });
        let n = norm_json("kratos", other);
        assert_eq!(codes(&n, WarningCode::OutOfRange), ["hashers.algorithm"]);
        assert_eq!(n.policy.length.max, None);
        // No password method: every default applies.
        assert_eq!(n.policy.length.min, Some(8));
        assert_eq!(n.policy.breached, Some(BreachedRule { max: 0 }));
        assert!(n.policy.context.username.is_some());
    }

    #[test]
    fn block_defaults_and_switches() {
        let block = r#"{"enabled": false, "config": {"min_password_length": 10, "haveibeenpwned_enabled": false, "max_breaches": 3, "identifier_similarity_check_enabled": false, "extra": 1}}"#;
        assert_eq!(detect_vendor(block).unwrap(), "kratos");
        let n = norm_as("kratos", block);
        let p = &n.policy;
        assert_eq!(p.length.min, Some(10));
        assert_eq!((&p.breached, &p.settings.breached), (&None, &None));
        assert!(p.context.username.is_none() && p.context.email.is_none());
        assert_eq!(codes(&n, WarningCode::Inactive), ["enabled", "config.max_breaches"]);
        assert_eq!(codes(&n, WarningCode::UnknownField), ["config.extra"]);
        assert_eq!(p.vendor_extras.get("config.max_breaches"), Some(&json!(3)));
        // An empty config: the schema's defaults, each said.
        let n = norm_as("kratos", "{}");
        assert_eq!(
            codes(&n, WarningCode::Defaulted),
            ["min_password_length", "identifier_similarity_check_enabled", "haveibeenpwned_enabled"]
        );
        assert_eq!((n.policy.length.min, n.policy.length.max), (Some(8), Some(72)));
        // Below the schema's minimum, and over max_breaches' range: used, warned.
        let n = norm_as("kratos", r#"{"min_password_length": 4, "max_breaches": 101, "haveibeenpwned_enabled": true}"#);
        assert_eq!(codes(&n, WarningCode::OutOfRange), ["min_password_length", "max_breaches"]);
        assert_eq!(n.policy.length.min, Some(4));
        assert_eq!(n.policy.breached, Some(BreachedRule { max: 101 }));
        // Kratos rejects a count above max_breaches: so does the rule.
        let n = norm_as("kratos", r#"{"haveibeenpwned_enabled": true, "max_breaches": 2}"#);
        assert_eq!(n.policy.breached, Some(BreachedRule { max: 2 }));
        let checker = crate::Checker::compile(&n.policy).unwrap();
        for (count, ok) in [(2, true), (3, false)] {
            let ctx = Context { breach_count: Some(count), ..Context::default() };
            let r = checker.check_rules("a long enough password", &ctx);
            let b = r.rules.iter().find(|x| x.id == "dictionary.breached").unwrap();
            assert_eq!(b.status == crate::check::Status::Pass, ok, "{count}");
        }
    }

    #[test]
    fn detection_is_strict_and_types_are_checked() {
        for unrelated in [
            r#"{"min_password_length": 8}"#,
            r#"{"max_breaches": 1}"#,
            r#"{"config": {"min_password_length": 8}}"#,
            r#"{"enabled": true, "config": {"haveibeenpwned_enabled": true}, "name": "x"}"#,
            r#"{"selfservice": "x"}"#,
        ] {
            assert!(!detect(&crate::vendors::parse_document(unrelated).unwrap()), "{unrelated}");
        }
        assert_eq!(detect_vendor(r#"{"min_password_length": 8, "max_breaches": 0}"#).unwrap(), "kratos");
        for (doc, path) in [
            (r#"{"min_password_length": "8", "haveibeenpwned_enabled": true}"#, "min_password_length"),
            (r#"{"haveibeenpwned_enabled": "yes"}"#, "haveibeenpwned_enabled"),
            (r#"{"haveibeenpwned_enabled": true, "max_breaches": -1}"#, "max_breaches"),
            (r#"{"haveibeenpwned_enabled": true, "haveibeenpwned_host": 1}"#, "haveibeenpwned_host"),
            (r#"{"enabled": 1, "config": {"haveibeenpwned_enabled": true}}"#, "enabled"),
            (r#"{"selfservice": {"methods": {"password": []}}}"#, "selfservice.methods.password"),
            (r#"{"selfservice": {"methods": {}}, "hashers": {"algorithm": 1}}"#, "hashers.algorithm"),
        ] {
            let e = crate::vendors::normalize(doc, Some("kratos")).unwrap_err();
            assert_eq!((e.code(), e.path()), ("invalid_field", Some(path)), "{doc}");
        }
        let e = crate::vendors::normalize(r#"{"site_url": "x"}"#, Some("kratos")).unwrap_err();
        assert_eq!(e.code(), "vendor_mismatch");
    }
}
