//! LongJump / AgileApps Live `passwordPolicy` REST resource.
//!
//! Follows the AgileApps Support Wiki, "REST API:passwordPolicy Resource" (its Fields table, latest
//! revision of 8 December 2022: <https://agileappscloud.info/wiki/REST_API:passwordPolicy_Resource>),
//! which is the LongJump Support Wiki's page of the same name with the platform renamed; the
//! fields, values and example are unchanged.
//!
//! Accepted shapes: the XML of the REST API (`<platform><passwordPolicy>…</passwordPolicy>
//! <message>…</message></platform>`, or a bare `<passwordPolicy>`), and its JSON form with or
//! without the `platform` wrapper, with numbers or numeric strings (values converted from XML are
//! strings).
//!
//! `characters_type` (the vendor's seed document):
//! 1 no restrictions; 2 alphanumerics (read as at least one letter and one digit); 3 = 2 plus an
//! upper-case letter; 4 = 2 plus one of `#$%@`; 5 = 3 plus one of `#$%@`.
//! Expiry, session and lockout fields go to `settings` (durations in seconds).
//!
//! Zeros, as documented: `expiry_frequency` "0 (never)" and `try_limit` "0 (no limit)" give no
//! setting, `password_min_age` 0 (the bottom of its range 0–5) no minimum age, each with a warning;
//! `lockout_duration` "0 (disable account)" keeps the account locked until it is unlocked. A 0 of
//! `min_length` (6–10), `last_matching_limit` (1–5) or `session_timeout` (15–120 minutes) is
//! documented nowhere: left out, kept under vendorExtras, with an `out_of_range` warning.

use super::fields::{days, minutes, zero_warning, Obj, Zero};
use super::{new_policy, Document, Normalized, Warnings};
use crate::error::{PolicyError, Result};
use crate::policy::{CharClass, CharSet, ClassMin, Expiry, History, Lockout, Policy, Session, SetMin};

/// The fields of the `passwordPolicy` element (detection of the unwrapped JSON form).
pub const KEYS: &[&str] = &[
    "min_length",
    "characters_type",
    "expiry_frequency",
    "last_matching_limit",
    "password_min_age",
    "session_timeout",
    "try_limit",
    "lockout_duration",
    "excluded_ids",
];

/// Read-only audit fields, kept under vendorExtras as they are (with their XML attributes).
const AUDIT: &[&str] = &["date_created", "created_id", "date_modified", "modified_id"];

/// The special characters of `characters_type` 4 and 5.
pub const SPECIAL: &str = "#$%@";

/// The XML form: a root element `<platform>` or `<passwordPolicy>` (the JSON form is detected by
/// its keys).
pub fn detect(doc: &Document) -> bool {
    match doc {
        Document::Xml(serde_json::Value::Object(top)) => {
            top.contains_key("platform") || top.contains_key("passwordPolicy")
        }
        _ => false,
    }
}

pub fn normalize(doc: &Document) -> Result<Vec<Normalized>> {
    Ok(vec![read_document(doc)?])
}

/// The one policy of a document, wrapped (`platform`, `passwordPolicy`) or bare.
fn read_document(doc: &Document) -> Result<Normalized> {
    let mut p = new_policy("longjump");
    let mut w = Warnings::default();
    let top = Obj::new(doc.value(), "")?.lenient();
    if top.has("platform") {
        let platform = required(&top, "platform")?;
        let inner = required(&platform, "passwordPolicy")?;
        read(&inner, &mut p, &mut w)?;
        // The response status (`<message><code>0</code>…`), not part of the policy.
        platform.keep("message", &mut p);
        platform.finish(&mut p, &mut w);
    } else if top.has("passwordPolicy") {
        let inner = required(&top, "passwordPolicy")?;
        read(&inner, &mut p, &mut w)?;
    } else if let (Document::Xml(_), Some(root)) = (doc, top.keys().next()) {
        return Err(PolicyError::field(
            root.as_str(),
            format!("the root element is <{root}>; expected <platform> or <passwordPolicy>"),
        ));
    } else {
        // The JSON form without any wrapper: `top` is the policy itself, and `read` finishes it.
        read(&top, &mut p, &mut w)?;
        return Ok(Normalized { vendor: "longjump", policy: p, warnings: w.0 });
    }
    top.finish(&mut p, &mut w);
    Ok(Normalized { vendor: "longjump", policy: p, warnings: w.0 })
}

/// A wrapper object that must be there (`null` counts as missing).
fn required<'a>(o: &Obj<'a>, key: &str) -> Result<Obj<'a>> {
    o.obj(key)?.ok_or_else(|| PolicyError::field(o.path(key), "missing; expected an object"))
}

/// Reads `key`; a value outside `documented` gets an `out_of_range` warning (and is used). A 0 is
/// `None`, with the warning of `zero`.
fn ranged(
    o: &Obj,
    p: &mut Policy,
    w: &mut Warnings,
    key: &str,
    (documented, range): (fn(u32) -> bool, &str),
    zero: Zero,
) -> Result<Option<u32>> {
    let v = o.uint(key)?;
    if v == Some(0) {
        match zero {
            Zero::Means(_) => zero_warning(o, key, None, zero, p, w),
            Zero::Undocumented => {
                o.keep(key, p);
                w.zero_left_out(&o.path(key), Some(range));
            }
        }
        return Ok(None);
    }
    if let Some(v) = v.filter(|v| !documented(*v)) {
        w.out_of_range(&o.path(key), v, range);
    }
    Ok(v)
}

fn expiry(p: &mut Policy) -> &mut Expiry {
    p.settings.expiry.get_or_insert_with(|| Expiry { enforced: true, ..Default::default() })
}

fn lockout(p: &mut Policy) -> &mut Lockout {
    p.settings.lockout.get_or_insert_with(|| Lockout { enforced: true, ..Default::default() })
}

/// The fields of `passwordPolicy`.
fn read(o: &Obj, p: &mut Policy, w: &mut Warnings) -> Result<()> {
    for key in AUDIT {
        o.keep(key, p);
    }
    p.length.min = ranged(o, p, w, "min_length", (|v| (6..=10).contains(&v), "6–10"), Zero::Undocumented)?;
    characters(o, p, w)?;
    if let Some(count) = ranged(o, p, w, "last_matching_limit", (|v| (1..=5).contains(&v), "1–5"), Zero::Undocumented)?
    {
        p.history = Some(History { count, enforced: true });
    }

    let key = "expiry_frequency";
    let range = "15, 30, 60, 90, 120, or 0 (never)";
    let zero = Zero::Means("never (\"Values: 15, 30, 60, 90, 120, 0 (never)\")");
    if let Some(d) = ranged(o, p, w, key, (|v| [0, 15, 30, 60, 90, 120].contains(&v), range), zero)? {
        expiry(p).max_age_seconds = Some(days(d));
        w.not_checkable(&o.path(key), "password expiry");
    }
    let key = "password_min_age";
    let zero = Zero::Means("no minimum age (the bottom of the documented range 0–5 days)");
    if let Some(d) = ranged(o, p, w, key, (|v| v <= 5, "0–5"), zero)? {
        expiry(p).min_age_seconds = Some(days(d));
        w.not_checkable(&o.path(key), "the minimum password age");
    }
    let key = "excluded_ids";
    if let Some(csv) = o.text(key)? {
        // `...` in the documented example is an ellipsis, not an id.
        let ids: Vec<String> =
            csv.split(',').map(str::trim).filter(|id| !id.is_empty() && *id != "...").map(str::to_string).collect();
        if !ids.is_empty() {
            expiry(p).excluded_users = ids;
            w.not_checkable(&o.path(key), "the users excluded from expiry");
        }
    }

    let key = "session_timeout";
    let range = "15, 30, 60, 90 or 120 minutes";
    if let Some(m) = ranged(o, p, w, key, (|v| [15, 30, 60, 90, 120].contains(&v), range), Zero::Undocumented)? {
        p.settings.session =
            Some(Session { enforced: true, idle_timeout_seconds: Some(minutes(m)), max_duration_seconds: None });
        w.not_checkable(&o.path(key), "the session timeout");
    }

    let key = "try_limit";
    let range = "3–10, or 0 (no limit)";
    let zero = Zero::Means("no limit (\"0 (no limit)\")");
    if let Some(n) = ranged(o, p, w, key, (|v| v == 0 || (3..=10).contains(&v), range), zero)? {
        lockout(p).threshold = Some(n);
        w.not_checkable(&o.path(key), "account lockout");
    }
    let key = "lockout_duration";
    let range = "5, 10, 15, 30, 60, or 0 (disable the account)";
    // "0 (disable account)": the account stays locked until it is unlocked, not "locked for 0".
    let disable = o.uint(key)? == Some(0);
    if disable {
        lockout(p).until_unlocked = true;
        w.not_checkable(&o.path(key), "the lockout duration");
    } else if let Some(m) = ranged(o, p, w, key, (|v| [0, 5, 10, 15, 30, 60].contains(&v), range), Zero::Undocumented)?
    {
        lockout(p).duration_seconds = Some(minutes(m));
        w.not_checkable(&o.path(key), "the lockout duration");
    }
    o.finish(p, w);
    Ok(())
}

/// `characters_type` 1–5.
fn characters(o: &Obj, p: &mut Policy, w: &mut Warnings) -> Result<()> {
    let key = "characters_type";
    let Some(t) = o.int(key)? else { return Ok(()) };
    let (upper, special) = match t {
        1 => return Ok(()),
        2 => (false, false),
        3 => (true, false),
        4 => (false, true),
        5 => (true, true),
        other => {
            return Err(PolicyError::field(
                o.path(key),
                format!(
                "expected 1 (no restrictions) to 5 (alphanumerics, upper case and special character), found {other}"
            ),
            ))
        }
    };
    p.classes.push(ClassMin { class: CharClass::Letter, min: 1 });
    p.classes.push(ClassMin { class: CharClass::Digit, min: 1 });
    if upper {
        p.classes.push(ClassMin { class: CharClass::Upper, min: 1 });
    }
    if special {
        p.sets.push(SetMin { name: Some("special character".into()), chars: CharSet::chars(SPECIAL), min: 1 });
    }
    let mut note = String::from("\"Alphanumerics\" read as at least one letter and at least one digit");
    if special {
        note.push_str("; the special character is one of # $ % @ (other characters are allowed but do not count)");
    }
    w.approximation(&o.path(key), note);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vendors::testing::{codes, norm_as};
    use crate::vendors::{parse_document, WarningCode};
    use serde_json::{json, Value};

    const SEED_XML: &str = include_str!("../../tests/fixtures/longjump/seed.xml");
    const SEED_JSON: &str = include_str!("../../tests/fixtures/longjump/seed.json");

    /// Normalizes through the public entry point (detection and validation included).
    fn run(text: &str) -> Normalized {
        assert_eq!(crate::vendors::detect_vendor(text).unwrap(), "longjump", "{text}");
        norm_as("longjump", text)
    }

    /// The canonical form of the seed policy, with the given path prefix for vendorExtras.
    fn seed_policy(extras: Value) -> Value {
        let mut v = json!({
            "version": 1,
            "source": {"vendor": "longjump"},
            "length": {"min": 6},
            "classes": [{"class": "letter", "min": 1}, {"class": "digit", "min": 1}],
            "history": {"count": 1},
            "settings": {
                "expiry": {"minAgeSeconds": 172800.0, "excludedUsers": ["123qwe345rty", "678yui901abc"]},
                "lockout": {"threshold": 10, "durationSeconds": 900.0},
                "session": {"idleTimeoutSeconds": 7200.0}
            }
        });
        if extras.as_object().is_some_and(|m| !m.is_empty()) {
            v["vendorExtras"] = extras;
        }
        v
    }

    #[test]
    fn seed_xml() {
        let n = run(SEED_XML);
        let p = "platform.passwordPolicy";
        let expected = seed_policy(json!({
            format!("{p}.date_modified"): "2010-11-12T13:14:15Z",
            format!("{p}.created_id"): {
                "@type": "USER", "@uri": "https://{domain}/networking/rest/user/3",
                "@displayValue": " System", "#text": "3"
            },
            format!("{p}.modified_id"): {
                "@type": "USER", "@uri": "https://{domain}/networking/rest/user/657hik947abc",
                "@displayValue": "Bob Smith", "#text": "657hik947abc"
            },
            "platform.message": {"code": "0", "description": "Success"}
        }));
        assert_eq!(serde_json::to_value(&n.policy).unwrap(), expected);
        let w: Vec<(WarningCode, &str)> = n.warnings.iter().map(|w| (w.code, w.path.as_str())).collect();
        assert_eq!(
            w,
            vec![
                (WarningCode::Approximation, "platform.passwordPolicy.characters_type"),
                // "Values: 15, 30, 60, 90, 120, 0 (never)".
                (WarningCode::Inactive, "platform.passwordPolicy.expiry_frequency"),
                (WarningCode::NotCheckable, "platform.passwordPolicy.password_min_age"),
                (WarningCode::NotCheckable, "platform.passwordPolicy.excluded_ids"),
                (WarningCode::NotCheckable, "platform.passwordPolicy.session_timeout"),
                (WarningCode::NotCheckable, "platform.passwordPolicy.try_limit"),
                (WarningCode::NotCheckable, "platform.passwordPolicy.lockout_duration"),
            ]
        );
        // The canonical JSON round-trips.
        assert_eq!(crate::vendors::normalize(&n.policy.to_json(), None).unwrap()[0].policy, n.policy);
    }

    #[test]
    fn seed_json_with_wrapper_and_string_numbers() {
        let n = run(SEED_JSON);
        let xml = run(SEED_XML);
        assert_eq!(n.policy, xml.policy);
        assert_eq!(n.warnings, xml.warnings);
    }

    #[test]
    fn json_without_wrappers_and_with_numbers() {
        let text = r#"{"min_length": 6, "characters_type": 2, "expiry_frequency": 0, "last_matching_limit": 1,
            "password_min_age": 2, "session_timeout": 120, "try_limit": 10, "lockout_duration": 15,
            "excluded_ids": "123qwe345rty, 678yui901abc, ..."}"#;
        let n = run(text);
        assert_eq!(serde_json::to_value(&n.policy).unwrap(), seed_policy(json!({})));
        assert!(n.warnings.iter().all(|w| !w.path.contains('.')), "paths have no wrapper prefix");
        // `{"passwordPolicy": {...}}` too.
        let wrapped = format!("{{\"passwordPolicy\": {text}}}");
        let m = run(&wrapped);
        assert_eq!(m.policy, n.policy);
        assert_eq!(codes(&m, WarningCode::NotCheckable)[0], "passwordPolicy.password_min_age");
        // A bare <passwordPolicy> element.
        let bare = "<passwordPolicy><min_length>8</min_length><characters_type>3</characters_type></passwordPolicy>";
        let b = run(bare);
        assert_eq!(b.policy.length.min, Some(8));
        assert_eq!(codes(&b, WarningCode::Approximation), vec!["passwordPolicy.characters_type"]);
    }

    fn with_type(t: &str) -> Normalized {
        run(&format!(r#"{{"platform": {{"passwordPolicy": {{"characters_type": {t}}}}}}}"#))
    }

    #[test]
    fn characters_types() {
        let letter = ClassMin { class: CharClass::Letter, min: 1 };
        let digit = ClassMin { class: CharClass::Digit, min: 1 };
        let upper = ClassMin { class: CharClass::Upper, min: 1 };
        let special = SetMin { name: Some("special character".into()), chars: CharSet::chars("#$%@"), min: 1 };

        let n = with_type("1");
        assert!(n.policy.classes.is_empty() && n.policy.sets.is_empty());
        assert!(n.warnings.is_empty());
        let n = with_type("\"2\"");
        assert_eq!(n.policy.classes, vec![letter.clone(), digit.clone()]);
        assert!(n.policy.sets.is_empty());
        let n = with_type("3");
        assert_eq!(n.policy.classes, vec![letter.clone(), digit.clone(), upper.clone()]);
        assert!(n.policy.sets.is_empty());
        let n = with_type("4");
        assert_eq!(n.policy.classes, vec![letter.clone(), digit.clone()]);
        assert_eq!(n.policy.sets, vec![special.clone()]);
        let n = with_type("5");
        assert_eq!(n.policy.classes, vec![letter, digit, upper]);
        assert_eq!(n.policy.sets, vec![special]);
        assert_eq!(codes(&n, WarningCode::Approximation), vec!["platform.passwordPolicy.characters_type"]);
        assert!(n.policy.symbols.is_none() && n.policy.allowed.is_none());

        for bad in ["0", "6", "\"x\"", "2.5"] {
            let e = crate::vendors::normalize(&format!(r#"{{"characters_type": {bad}}}"#), None).unwrap_err();
            assert_eq!((e.code(), e.path()), ("invalid_field", Some("characters_type")), "{bad}");
        }
    }

    #[test]
    fn lockout_and_session() {
        // try_limit 0 = no limit: no threshold.
        let n = run(r#"{"try_limit": "0", "lockout_duration": "30", "session_timeout": "15"}"#);
        let l = n.policy.settings.lockout.clone().unwrap();
        assert_eq!(
            l,
            Lockout { enforced: true, threshold: None, duration_seconds: Some(1800.0), ..Default::default() }
        );
        assert_eq!(n.policy.settings.session.as_ref().and_then(|s| s.idle_timeout_seconds), Some(900.0));
        assert!(codes(&n, WarningCode::NotCheckable).iter().all(|p| *p != "try_limit"));
        assert!(codes(&n, WarningCode::OutOfRange).is_empty());
        // "0 (no limit)", said.
        assert_eq!(codes(&n, WarningCode::Inactive), ["try_limit"]);
        let n = run(r#"{"try_limit": 0}"#);
        assert_eq!(n.policy.settings.lockout, None);
        // lockout_duration 0 = the account stays locked until unlocked.
        let n = run(r#"{"try_limit": 3, "lockout_duration": 0}"#);
        assert_eq!(
            n.policy.settings.lockout,
            Some(Lockout { enforced: true, threshold: Some(3), until_unlocked: true, ..Default::default() })
        );
        // Out of the documented values: a warning, the value used.
        let n = run(r#"{"try_limit": 2, "lockout_duration": 7, "session_timeout": 45, "expiry_frequency": 45}"#);
        assert_eq!(n.policy.settings.lockout.as_ref().and_then(|l| l.threshold), Some(2));
        assert_eq!(
            codes(&n, WarningCode::OutOfRange),
            vec!["expiry_frequency", "session_timeout", "try_limit", "lockout_duration"]
        );
        assert_eq!(n.policy.settings.expiry.as_ref().and_then(|e| e.max_age_seconds), Some(45.0 * 86400.0));
    }

    #[test]
    fn expiry_values() {
        let n = run(r#"{"expiry_frequency": 90, "password_min_age": 0, "excluded_ids": " , ... ,"}"#);
        let e = n.policy.settings.expiry.clone().unwrap();
        assert_eq!(e, Expiry { enforced: true, max_age_seconds: Some(90.0 * 86400.0), ..Default::default() });
        // "0 (never)" and the bottom of 0–5: no expiry at all, each zero said.
        let n = run(r#"{"expiry_frequency": 0, "password_min_age": "0", "excluded_ids": ""}"#);
        assert_eq!(n.policy.settings.expiry, None);
        assert_eq!(codes(&n, WarningCode::Inactive), ["expiry_frequency", "password_min_age"]);
        assert!(n.warnings[0].message.contains("0 (never)"), "{}", n.warnings[0].message);
        assert_eq!(n.warnings.len(), 2, "{:?}", n.warnings);
        assert!(n.policy.vendor_extras.is_empty());
    }

    /// A 0 of `min_length` (6–10), `last_matching_limit` (1–5) or `session_timeout` (15–120) is
    /// documented nowhere: left out, kept as given; no "At least 0 characters".
    #[test]
    fn undocumented_zeros_are_left_out() {
        let n = run("<platform><passwordPolicy><min_length>0</min_length><last_matching_limit>0</last_matching_limit>\
             <session_timeout>0</session_timeout><try_limit>0</try_limit></passwordPolicy></platform>");
        let p = &n.policy;
        assert_eq!((p.length.min, &p.history, &p.settings.session, &p.settings.lockout), (None, &None, &None, &None));
        let at = |k: &str| format!("platform.passwordPolicy.{k}");
        assert_eq!(
            codes(&n, WarningCode::OutOfRange),
            [at("min_length"), at("last_matching_limit"), at("session_timeout")]
        );
        assert_eq!(codes(&n, WarningCode::Inactive), [at("try_limit")]);
        for k in ["min_length", "last_matching_limit", "session_timeout"] {
            assert_eq!(p.vendor_extras.get(&at(k)), Some(&json!("0")), "{k}");
        }
        let w = n.warnings.iter().find(|w| w.path == at("min_length")).unwrap();
        assert!(w.message.contains("6–10") && w.message.contains("left out"), "{}", w.message);
    }

    #[test]
    fn out_of_range_min_length() {
        let n = run("<platform><passwordPolicy><min_length>12</min_length></passwordPolicy></platform>");
        assert_eq!(n.policy.length.min, Some(12));
        assert_eq!(codes(&n, WarningCode::OutOfRange), vec!["platform.passwordPolicy.min_length"]);
        assert!(n.warnings[0].message.contains("6–10"));
        let n = run(r#"{"min_length": 6, "last_matching_limit": 9}"#);
        assert_eq!(codes(&n, WarningCode::OutOfRange), vec!["last_matching_limit"]);
        assert_eq!(n.policy.history, Some(History { count: 9, enforced: true }));
    }

    #[test]
    fn malformed_xml_and_entities() {
        let e = crate::vendors::normalize("<platform><passwordPolicy><min_length>6</passwordPolicy></platform>", None)
            .unwrap_err();
        assert_eq!(e.code(), "invalid_xml");
        assert!(e.message.contains("at byte 39"), "{}", e.message);
        // A DOCTYPE entity is never expanded.
        let xxe = r#"<?xml version="1.0"?><!DOCTYPE platform [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<platform><passwordPolicy><excluded_ids>&x;</excluded_ids></passwordPolicy></platform>"#;
        let e = crate::vendors::normalize(xxe, None).unwrap_err();
        assert_eq!(e.code(), "invalid_xml");
        assert!(e.message.contains("not expanded"), "{}", e.message);
        // An unused declaration is harmless.
        let n = run("<!DOCTYPE p [<!ENTITY x \"9\">]><passwordPolicy><min_length>7</min_length></passwordPolicy>");
        assert_eq!(n.policy.length.min, Some(7));
    }

    #[test]
    fn unknown_fields_are_kept_with_a_warning() {
        let n = run("<platform><passwordPolicy><min_length>8</min_length><pin_length>4</pin_length></passwordPolicy>\
             <extra>1</extra></platform>");
        assert_eq!(codes(&n, WarningCode::UnknownField), vec!["platform.passwordPolicy.pin_length", "platform.extra"]);
        assert_eq!(n.policy.vendor_extras.get("platform.passwordPolicy.pin_length"), Some(&json!("4")));
        assert_eq!(n.policy.vendor_extras.get("platform.extra"), Some(&json!("1")));
        let n = run(r#"{"min_length": 8, "pin_length": 4}"#);
        assert_eq!(codes(&n, WarningCode::UnknownField), vec!["pin_length"]);
        assert_eq!(n.policy.vendor_extras.get("pin_length"), Some(&json!(4)));
    }

    #[test]
    fn wrong_shapes_and_values() {
        for (text, path) in [
            (r#"{"min_length": "six"}"#, "min_length"),
            (r#"{"min_length": -6}"#, "min_length"),
            (r#"{"min_length": 6, "excluded_ids": ["a"]}"#, "excluded_ids"),
            (r#"{"platform": {"passwordPolicy": "x"}}"#, "platform.passwordPolicy"),
            (r#"{"platform": {"message": {"code": "0"}}}"#, "platform.passwordPolicy"),
            ("<platform><passwordPolicy/></platform>", "platform.passwordPolicy"),
            (
                "<platform><passwordPolicy><try_limit></try_limit></passwordPolicy></platform>",
                "platform.passwordPolicy.try_limit",
            ),
            ("<policy><min_length>6</min_length></policy>", "policy"),
        ] {
            let e = normalize(&parse_document(text).unwrap()).unwrap_err();
            assert_eq!((e.code(), e.path()), ("invalid_field", Some(path)), "{text}: {e}");
        }
        // Repeated policies are not one policy.
        let e =
            normalize(&parse_document("<platform><passwordPolicy/><passwordPolicy/></platform>").unwrap()).unwrap_err();
        assert_eq!(e.path(), Some("platform.passwordPolicy"));
    }

    #[test]
    fn detection() {
        let doc = parse_document(SEED_XML).unwrap();
        assert_eq!(crate::vendors::detect(&doc).unwrap(), "longjump");
        for text in [SEED_JSON, r#"{"passwordPolicy": {"min_length": 6}}"#, r#"{"try_limit": 5}"#] {
            assert_eq!(crate::vendors::detect_vendor(text).unwrap(), "longjump", "{text}");
        }
    }
}
