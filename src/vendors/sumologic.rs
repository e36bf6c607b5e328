//! Sumo Logic `/v1/passwordPolicy` (`getPasswordPolicy`/`setPasswordPolicy`): the bare object.
//!
//! Follows Sumo Logic's API v1 OpenAPI schema `PasswordPolicy` (`sumologic-api.yaml`,
//! <https://api.sumologic.com/docs/#operation/getPasswordPolicy>, API version 1.0.0 as generated
//! into Sumo Logic's Go client in 2025: fourteen fields, `disallowWeakPasswords` the newest, with
//! the defaults below) and, for the ranges, Sumo Logic's Password Policy help page.
//!
//! Every field is optional and a missing one takes its documented default (reported as
//! `defaulted`), so the result always carries the full policy. `mustContain*` are one character of
//! each class; the special-character set is open ("#, $, %, &, etc"), so the Unicode default is
//! kept. `disallowWeakPasswords` ("If weak passwords should be disallowed") does not say what a
//! weak password is: read as the built-in common-password list, with an `approximation` warning.
//! `maxLength`: "Setting this to any value other than 128 is no longer supported; this field may be
//! deprecated in the future."
//!
//! A 0 is below every documented range and documented nowhere (`maxPasswordAgeInDays` documents
//! -1 for "never"): it is left out of the policy, kept under vendorExtras, with an `out_of_range`
//! warning, and the documented default does not replace it.
//!
//! `minLength`/`maxLength` are shared with SailPoint and left out of [`KEYS`]; detection handles them.

use serde_json::Value;

use super::fields::{int_field, zero_warning, Obj, Zero};
use super::{new_policy, Document, Normalized, Warnings};
use crate::error::Result;
use crate::policy::{CharClass, ClassMin, Expiry, History, Lockout, Mfa, Policy};

/// The documented top-level keys that only Sumo Logic uses.
pub const KEYS: &[&str] = &[
    "mustContainLowercase",
    "mustContainUppercase",
    "mustContainDigits",
    "mustContainSpecialChars",
    "maxPasswordAgeInDays",
    "minUniquePasswords",
    "accountLockoutThreshold",
    "failedLoginResetDurationInMins",
    "accountLockoutDurationInMins",
    "requireMfa",
    "rememberMfa",
    "disallowWeakPasswords",
];

const DAY: f64 = 86_400.0;
const MINUTE: f64 = 60.0;

/// A field's value, or its documented default (reported). A given value of a setting that a
/// password cannot be checked against (`what`) is reported as `not_checkable`.
fn or_default<T: std::fmt::Display>(
    o: &Obj,
    w: &mut Warnings,
    key: &str,
    value: Option<T>,
    default: T,
    what: Option<&str>,
) -> T {
    match value {
        Some(v) => {
            if let Some(what) = what {
                w.not_checkable(&o.path(key), what);
            }
            v
        }
        None => {
            w.defaulted(&o.path(key), &default);
            default
        }
    }
}

/// An integer at least `floor`, documented range `range`, default `default`; `None` for a 0 (no
/// field documents one: left out, kept under vendorExtras).
#[allow(clippy::too_many_arguments)]
fn int(
    o: &Obj,
    p: &mut Policy,
    w: &mut Warnings,
    key: &str,
    default: i64,
    floor: i64,
    range: (i64, i64),
    what: Option<&str>,
) -> Result<Option<i64>> {
    if o.int(key)? == Some(0) {
        // The positive part of the range (-1, "never", is no count).
        zero_warning(o, key, Some((range.0.max(1), range.1)), Zero::Undocumented, p, w);
        return Ok(None);
    }
    let v = int_field(o, key, floor, Some(range), w)?;
    Ok(Some(or_default(o, w, key, v, default, what)))
}

fn flag(o: &Obj, w: &mut Warnings, key: &str, default: bool, what: Option<&str>) -> Result<bool> {
    let v = o.bool(key)?;
    Ok(or_default(o, w, key, v, default, what))
}

/// A non-negative value `int_field` has bounded to u32.
fn count(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

pub fn normalize(doc: &Document) -> Result<Vec<Normalized>> {
    Ok(vec![read(doc.value())?])
}

/// The one policy of a Sumo Logic document.
fn read(doc: &Value) -> Result<Normalized> {
    let o = Obj::new(doc, "")?;
    let (mut p, mut w) = (new_policy("sumologic"), Warnings::default());

    p.length.min = int(&o, &mut p, &mut w, "minLength", 8, 0, (8, 128), None)?.map(count);
    p.length.max = int(&o, &mut p, &mut w, "maxLength", 128, 0, (128, 128), None)?.map(count);
    for (key, class) in [
        ("mustContainLowercase", CharClass::Lower),
        ("mustContainUppercase", CharClass::Upper),
        ("mustContainDigits", CharClass::Digit),
        ("mustContainSpecialChars", CharClass::Symbol),
    ] {
        if flag(&o, &mut w, key, true, None)? {
            p.classes.push(ClassMin { class, min: 1 });
        }
    }

    // "Put -1 if the user should not have to change their password."
    let key = "maxPasswordAgeInDays";
    if let Some(age) = int(&o, &mut p, &mut w, key, 365, -1, (-1, 365), Some("password expiry"))? {
        p.settings.expiry = Some(Expiry {
            enforced: true,
            max_age_seconds: (age >= 0).then_some(age as f64 * DAY),
            ..Default::default()
        });
    }

    if let Some(unique) = int(&o, &mut p, &mut w, "minUniquePasswords", 10, 0, (4, 12), None)? {
        p.history = Some(History { count: count(unique), enforced: true });
    }

    let threshold = int(&o, &mut p, &mut w, "accountLockoutThreshold", 6, 0, (3, 10), Some("account lockout"))?;
    if let Some(threshold) = threshold {
        let reset_key = "failedLoginResetDurationInMins";
        let reset = int(&o, &mut p, &mut w, reset_key, 10, 0, (1, 10), Some("the lockout reset window"))?;
        let duration_key = "accountLockoutDurationInMins";
        let duration = int(&o, &mut p, &mut w, duration_key, 30, 0, (30, 120), Some("the lockout duration"))?;
        p.settings.lockout = Some(Lockout {
            enforced: true,
            threshold: Some(count(threshold)),
            duration_seconds: duration.map(|m| m as f64 * MINUTE),
            until_unlocked: false,
            reset_window_seconds: reset.map(|m| m as f64 * MINUTE),
        });
    } else {
        // A threshold of 0 (left out) locks nobody out: the durations are kept as given beside it.
        o.keep("failedLoginResetDurationInMins", &mut p);
        o.keep("accountLockoutDurationInMins", &mut p);
    }

    let required = flag(&o, &mut w, "requireMfa", false, Some("MFA"))?;
    let remember = flag(&o, &mut w, "rememberMfa", true, Some("remembering MFA"))?;
    p.settings.mfa = Some(Mfa { required: Some(required), remember: Some(remember), ..Default::default() });

    if flag(&o, &mut w, "disallowWeakPasswords", false, None)? {
        p.dictionary.common = true;
        w.approximation(
            &o.path("disallowWeakPasswords"),
            "Sumo Logic documents the flag (\"If weak passwords should be disallowed\") but not what a weak password is; our reading: the built-in common-password list (whole password, case-insensitive)",
        );
    }

    o.finish(&mut p, &mut w);
    Ok(Normalized { vendor: "sumologic", policy: p, warnings: w.0 })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::LengthUnit;
    use crate::vendors::testing::{codes, norm_json};
    use crate::vendors::WarningCode;
    use serde_json::json;

    const EXAMPLE: &str = include_str!("../../tests/fixtures/sumologic/example.json");

    fn run(v: Value) -> Normalized {
        norm_json("sumologic", v)
    }

    fn all_classes() -> Vec<ClassMin> {
        [CharClass::Lower, CharClass::Upper, CharClass::Digit, CharClass::Symbol]
            .map(|class| ClassMin { class, min: 1 })
            .to_vec()
    }

    #[test]
    fn verbatim_example() {
        let n = run(serde_json::from_str(EXAMPLE).unwrap());
        let p = &n.policy;
        assert_eq!(p.source.vendor.as_deref(), Some("sumologic"));
        assert_eq!((p.length.min, p.length.max, p.length.unit), (Some(8), Some(128), LengthUnit::Graphemes));
        assert_eq!(p.classes, all_classes());
        assert!(p.types.is_empty() && p.symbols.is_none() && !p.dictionary.common);
        assert_eq!(p.history, Some(History { count: 10, enforced: true }));
        let s = &p.settings;
        assert_eq!(s.expiry, Some(Expiry { enforced: true, max_age_seconds: Some(365.0 * DAY), ..Default::default() }));
        assert_eq!(
            s.lockout,
            Some(Lockout {
                enforced: true,
                threshold: Some(6),
                duration_seconds: Some(1800.0),
                until_unlocked: false,
                reset_window_seconds: Some(600.0)
            })
        );
        assert_eq!(s.mfa, Some(Mfa { required: Some(false), remember: Some(true), ..Default::default() }));
        assert!(codes(&n, WarningCode::Defaulted).is_empty());
        assert_eq!(
            codes(&n, WarningCode::NotCheckable),
            [
                "maxPasswordAgeInDays",
                "accountLockoutThreshold",
                "failedLoginResetDurationInMins",
                "accountLockoutDurationInMins",
                "requireMfa",
                "rememberMfa"
            ]
        );
        assert_eq!(n.warnings.len(), 6);
    }

    #[test]
    fn empty_object_takes_every_default() {
        let n = run(json!({}));
        let example = run(serde_json::from_str(EXAMPLE).unwrap());
        // The documented defaults are the example's values.
        assert_eq!(n.policy, example.policy);
        assert_eq!(n.policy.classes, all_classes());
        let defaulted = codes(&n, WarningCode::Defaulted);
        assert_eq!(defaulted.len(), 14);
        assert!(defaulted.contains(&"minLength") && defaulted.contains(&"disallowWeakPasswords"));
        assert_eq!(n.warnings.len(), 14, "only defaulted warnings: {:?}", n.warnings);
        let w = n.warnings.iter().find(|w| w.path == "accountLockoutThreshold").unwrap();
        assert!(w.message.contains('6'), "{}", w.message);
        // Null is absent.
        let n = run(json!({"minLength": null, "mustContainDigits": null}));
        assert_eq!(n.policy.length.min, Some(8));
        assert_eq!(n.policy.classes.len(), 4);
    }

    #[test]
    fn classes_follow_the_flags() {
        let n = run(
            json!({"mustContainLowercase": false, "mustContainUppercase": true, "mustContainDigits": false, "mustContainSpecialChars": false}),
        );
        assert_eq!(n.policy.classes, [ClassMin { class: CharClass::Upper, min: 1 }]);
        let n = run(
            json!({"mustContainLowercase": false, "mustContainUppercase": false, "mustContainDigits": false, "mustContainSpecialChars": false}),
        );
        assert!(n.policy.classes.is_empty());
    }

    #[test]
    fn never_expires() {
        let n = run(json!({"maxPasswordAgeInDays": -1}));
        assert_eq!(n.policy.settings.expiry, Some(Expiry { enforced: true, ..Default::default() }));
        assert!(codes(&n, WarningCode::OutOfRange).is_empty());
        let e = read(&json!({"maxPasswordAgeInDays": -2})).unwrap_err();
        assert_eq!((e.code(), e.path()), ("invalid_field", Some("maxPasswordAgeInDays")));
        let n = run(json!({"maxPasswordAgeInDays": 30}));
        assert_eq!(n.policy.settings.expiry.and_then(|e| e.max_age_seconds), Some(30.0 * DAY));
    }

    #[test]
    fn weak_passwords_use_the_common_list() {
        let n = run(json!({"disallowWeakPasswords": true}));
        assert!(n.policy.dictionary.common);
        assert_eq!(codes(&n, WarningCode::Approximation), ["disallowWeakPasswords"]);
        // "If weak passwords should be disallowed": documented, but "weak" is not defined.
        assert!(n.warnings.iter().any(|w| w.message.contains("our reading")));
        assert!(!run(json!({"disallowWeakPasswords": false})).policy.dictionary.common);
    }

    #[test]
    fn out_of_range_is_used_with_a_warning() {
        let n = run(json!({"minLength": 6, "maxLength": 256, "minUniquePasswords": 20, "accountLockoutThreshold": 2,
                           "failedLoginResetDurationInMins": 15, "accountLockoutDurationInMins": 10, "maxPasswordAgeInDays": 400}));
        assert_eq!(
            codes(&n, WarningCode::OutOfRange),
            [
                "minLength",
                "maxLength",
                "maxPasswordAgeInDays",
                "minUniquePasswords",
                "accountLockoutThreshold",
                "failedLoginResetDurationInMins",
                "accountLockoutDurationInMins"
            ]
        );
        let w = n.warnings.iter().find(|w| w.path == "maxLength").unwrap();
        assert!(w.message.contains("only 128 is supported"), "{}", w.message);
        let p = &n.policy;
        assert_eq!((p.length.min, p.length.max), (Some(6), Some(256)));
        assert_eq!(p.history.as_ref().map(|h| h.count), Some(20));
        let l = p.settings.lockout.as_ref().unwrap();
        assert_eq!((l.threshold, l.reset_window_seconds, l.duration_seconds), (Some(2), Some(900.0), Some(600.0)));
        // A maximum below the minimum is caught by validation.
        let e = crate::vendors::normalize(r#"{"minLength": 20, "maxLength": 16}"#, Some("sumologic")).unwrap_err();
        assert_eq!(e.code(), "unsatisfiable");
    }

    /// 0 is below every documented range (and `maxPasswordAgeInDays` documents -1, not 0, for
    /// "never"): each 0 is left out, kept as given, and no default replaces it.
    #[test]
    fn zeros_are_left_out() {
        let n = run(json!({"minLength": 0, "maxLength": 0, "maxPasswordAgeInDays": 0, "minUniquePasswords": 0,
                           "accountLockoutThreshold": 0, "failedLoginResetDurationInMins": 0, "accountLockoutDurationInMins": 0}));
        let p = &n.policy;
        assert_eq!((p.length.min, p.length.max), (None, None));
        assert_eq!((&p.history, &p.settings.expiry, &p.settings.lockout), (&None, &None, &None));
        assert_eq!(
            codes(&n, WarningCode::OutOfRange),
            ["minLength", "maxLength", "maxPasswordAgeInDays", "minUniquePasswords", "accountLockoutThreshold"]
        );
        for key in [
            "minLength",
            "maxLength",
            "maxPasswordAgeInDays",
            "minUniquePasswords",
            "accountLockoutThreshold",
            "failedLoginResetDurationInMins",
            "accountLockoutDurationInMins",
        ] {
            assert_eq!(p.vendor_extras.get(key), Some(&json!(0)), "{key}");
        }
        assert!(codes(&n, WarningCode::UnknownField).is_empty());
        // None of them is defaulted: a given 0 is not a missing field.
        let defaulted = codes(&n, WarningCode::Defaulted);
        assert!(!defaulted.iter().any(|k| k.contains("Length") || k.contains("Lockout")), "{defaulted:?}");
        // A 0 duration beside a real threshold is left out on its own.
        let n = run(json!({"accountLockoutThreshold": 5, "accountLockoutDurationInMins": 0}));
        let l = n.policy.settings.lockout.clone().unwrap();
        assert_eq!((l.threshold, l.duration_seconds, l.reset_window_seconds), (Some(5), None, Some(600.0)));
        assert_eq!(codes(&n, WarningCode::OutOfRange), ["accountLockoutDurationInMins"]);
        let d = crate::describe::describe(
            &run(json!({"accountLockoutThreshold": 0})).policy,
            &crate::messages::Messages::english(),
        );
        assert!(d.settings.iter().all(|s| !s.text.contains(" 0 ")), "{d:?}");
    }

    #[test]
    fn unknown_fields_and_errors() {
        let n = run(json!({"minLength": 10, "passwordHint": "none"}));
        assert_eq!(codes(&n, WarningCode::UnknownField), ["passwordHint"]);
        assert_eq!(n.policy.vendor_extras.get("passwordHint"), Some(&json!("none")));
        let e = read(&json!({"mustContainDigits": "true"})).unwrap_err();
        assert_eq!((e.code(), e.path()), ("invalid_field", Some("mustContainDigits")));
        let e = read(&json!({"minLength": "8"})).unwrap_err();
        assert_eq!((e.code(), e.path()), ("invalid_field", Some("minLength")));
        let e = read(&json!({"minUniquePasswords": -3})).unwrap_err();
        assert_eq!((e.code(), e.path()), ("invalid_field", Some("minUniquePasswords")));
        let e = read(&json!({"accountLockoutDurationInMins": -30})).unwrap_err();
        assert_eq!(e.path(), Some("accountLockoutDurationInMins"));
        assert_eq!(read(&json!("policy")).unwrap_err().path(), Some("$"));
    }

    #[test]
    fn detected_automatically() {
        let out = crate::vendors::normalize(EXAMPLE, None).unwrap();
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].vendor, "sumologic");
        assert_eq!(out[0].policy.classes.len(), 4);
        assert_eq!(crate::vendors::detect_vendor(r#"{"requireMfa": true}"#).unwrap(), "sumologic");
    }
}
