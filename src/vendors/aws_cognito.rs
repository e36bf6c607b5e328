//! AWS Cognito user pool password policy (`PasswordPolicyType`): the bare
//! object, `{"PasswordPolicy": {…}}` or `{"Policies": {"PasswordPolicy": {…}}}` (the user pool's
//! `Policies`, as in CloudFormation), or a `describe-user-pool` response
//! (`{"UserPool": {… "Policies": {"PasswordPolicy": {…}}}}`).
//!
//! Follows the Amazon Cognito user pools API Reference (API version 2016-04-18):
//! `PasswordPolicyType`
//! (<https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_PasswordPolicyType.html>,
//! the revision with `PasswordHistorySize`) and `UserPoolPolicyType` (`PasswordPolicy`,
//! `SignInPolicy`).
//!
//! - `MinimumLength` 6–99 → `length.min` ("This value can't be less than 6": a 0 is left out, kept
//!   under vendorExtras); every Cognito password is at most 256 characters → `length.max` 256.
//! - `Require*` flags are one character of each class. Symbols are Cognito's list plus space
//!   ([`SYMBOLS`]): Cognito counts a space as a symbol only when it is neither leading nor
//!   trailing, and it rejects leading and trailing white space altogether (the API's password
//!   pattern is `^[\S]+.*[\S]+$`), so every space of a password Cognito accepts is an inner one.
//!   The canonical model cannot forbid leading or trailing spaces: one `approximation` warning.
//!   Letters are "basic latin": the same note as IAM's.
//! - `PasswordHistorySize` 0–24 → `history`: "Password history isn't enforced … when you set this
//!   value to `0` or don't provide it" (a 0: no history, with a warning).
//! - `TemporaryPasswordValidityDays` → `settings.expiry.gracePeriodSeconds` with
//!   `renewOnFirstLogin: true`: an administrator-set temporary password must be replaced at the
//!   first sign-in, within that many days. "Defaults to 7. If you submit a value of 0, Amazon
//!   Cognito treats it as a null value and sets TemporaryPasswordValidityDays to its default
//!   value": absent or 0, 7 days (`defaulted`).
//! - In a `describe-user-pool` response only `Policies.PasswordPolicy` is read, with `Id` and
//!   `Name` as the source; the pool's other fields, and `Policies.SignInPolicy` (the allowed
//!   first sign-in factors), are left out with one warning each.

use serde_json::{Map, Value};

use super::fields::{count_field, count_or_zero, days, Obj, Zero};
use super::{aws_iam, new_policy, Document, Normalized, WarningCode, Warnings};
use crate::error::{PolicyError, Result};
use crate::policy::{CharClass, CharSet, ClassMin, Expiry, History, Policy};

/// Keys only Cognito's policy has (`RequireNumbers` and `RequireSymbols` are shared with IAM,
/// [`aws_iam::SHARED`]).
pub const KEYS: &[&str] =
    &["MinimumLength", "RequireUppercase", "RequireLowercase", "PasswordHistorySize", "TemporaryPasswordValidityDays"];

/// Cognito's special characters, plus space (an inner space counts as a special character):
/// `` ^ $ * . [ ] { } ( ) ? " ! @ # % & / \ , > < ' : ; | _ ~ ` = + - ``.
pub const SYMBOLS: &str = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ";

/// Cognito's maximum password length.
pub const MAX_LENGTH: u32 = 256;

/// The documented default of `TemporaryPasswordValidityDays`.
const DEFAULT_TEMPORARY_DAYS: u32 = 7;

fn has_any(map: &Map<String, Value>, keys: &[&str]) -> bool {
    keys.iter().any(|k| map.contains_key(*k))
}

/// Whether `v` is a `Policies` object: it holds a `PasswordPolicy` object.
fn is_policies(v: Option<&Value>) -> bool {
    v.and_then(|v| v.get("PasswordPolicy")).is_some_and(Value::is_object)
}

/// A `describe-user-pool` response, a `Policies` object, `{"PasswordPolicy": …}` with a
/// Cognito-only key, or a bare object with a Cognito-only key, or with a shared key and no
/// IAM-only key (such a document is claimed by IAM too: ambiguous).
pub fn detect(doc: &Document) -> bool {
    let Document::Json(Value::Object(top)) = doc else { return false };
    if let Some(pool) = top.get("UserPool").and_then(Value::as_object) {
        return is_policies(pool.get("Policies"));
    }
    if is_policies(top.get("Policies")) {
        return true;
    }
    match top.get("PasswordPolicy") {
        Some(Value::Object(inner)) => has_any(inner, KEYS),
        Some(_) => false,
        None => has_any(top, KEYS) || (has_any(top, aws_iam::SHARED) && !has_any(top, aws_iam::KEYS)),
    }
}

/// The nested object `key` of `o`, which must be present.
fn required<'a>(o: &Obj<'a>, key: &str) -> Result<Obj<'a>> {
    o.obj(key)?.ok_or_else(|| PolicyError::field(o.path(key), "expected an object, found nothing"))
}

pub fn normalize(doc: &Document) -> Result<Vec<Normalized>> {
    let top = Obj::new(doc.value(), "")?;
    let (mut p, mut w) = (new_policy("aws-cognito"), Warnings::default());
    if top.has("UserPool") {
        let pool = required(&top, "UserPool")?;
        p.source.id = pool.str("Id")?.map(str::to_string);
        p.source.name = pool.str("Name")?.map(str::to_string);
        let policies = required(&pool, "Policies")?;
        policy_in(&policies, &mut p, &mut w)?;
        policies.finish(&mut p, &mut w);
        let rest: Vec<&str> =
            pool.keys().map(String::as_str).filter(|k| !["Id", "Name", "Policies"].contains(k)).collect();
        if !rest.is_empty() {
            w.left_out("UserPool", "the user pool", &rest);
        }
    } else if top.has("Policies") {
        let policies = required(&top, "Policies")?;
        policy_in(&policies, &mut p, &mut w)?;
        policies.finish(&mut p, &mut w);
    } else if top.has("PasswordPolicy") {
        policy_in(&top, &mut p, &mut w)?;
    } else {
        read(&top, &mut p, &mut w)?;
    }
    top.finish(&mut p, &mut w);
    Ok(vec![Normalized { vendor: "aws-cognito", policy: p, warnings: w.0 }])
}

/// The `PasswordPolicy` object inside `o` (a `UserPoolPolicyType`), whose documented
/// `SignInPolicy` is not part of the password policy.
fn policy_in(o: &Obj, p: &mut Policy, w: &mut Warnings) -> Result<()> {
    let inner = required(o, "PasswordPolicy")?;
    read(&inner, p, w)?;
    inner.finish(p, w);
    if o.has("SignInPolicy") {
        o.skip("SignInPolicy");
        w.left_out(&o.base_path(), "the user pool's policies", &["SignInPolicy"]);
    }
    Ok(())
}

/// One `PasswordPolicyType`.
fn read(o: &Obj, p: &mut Policy, w: &mut Warnings) -> Result<()> {
    p.length.min = count_or_zero(o, "MinimumLength", Some((6, 99)), Zero::Undocumented, p, w)?;
    p.length.max = Some(MAX_LENGTH);

    let mut ascii = Vec::new();
    for (key, class) in [
        ("RequireLowercase", CharClass::Lower),
        ("RequireUppercase", CharClass::Upper),
        ("RequireNumbers", CharClass::Digit),
        ("RequireSymbols", CharClass::Symbol),
    ] {
        if o.bool(key)? == Some(true) {
            p.classes.push(ClassMin { class, min: 1 });
            if class == CharClass::Symbol {
                p.symbols = Some(CharSet::chars(SYMBOLS));
                w.approximation(
                    &o.path(key),
                    "Cognito counts a space as a special character only inside the password and rejects leading and trailing white space; the canonical model cannot express the latter, so a space counts as a symbol wherever it is and leading or trailing spaces are not rejected",
                );
            } else {
                ascii.push(key);
            }
        }
    }
    if !ascii.is_empty() {
        let base = o.path("");
        w.approximation(
            base.trim_end_matches('.'),
            format!(
                "Cognito counts only basic Latin letters (A–Z, a–z) and digits 0–9 for {}; the canonical classes also count other scripts' letters and digits",
                ascii.join(", ")
            ),
        );
    }

    let key = "PasswordHistorySize";
    let none = "no history (\"Password history isn't enforced … when you set this value to `0`\")";
    if let Some(n) = count_or_zero(o, key, Some((0, 24)), Zero::Means(none), p, w)? {
        p.history = Some(History { count: n, enforced: true });
    }
    let key = "TemporaryPasswordValidityDays";
    let days_valid = match count_field(o, key, Some((0, 365)), w)? {
        Some(0) => {
            w.push(
                WarningCode::Defaulted,
                o.path(key),
                format!("\"If you submit a value of 0, Amazon Cognito treats it as a null value\": the documented default {DEFAULT_TEMPORARY_DAYS} days applies"),
            );
            DEFAULT_TEMPORARY_DAYS
        }
        Some(n) => {
            w.not_checkable(&o.path(key), "the validity of a temporary password");
            n
        }
        None => {
            w.defaulted(&o.path(key), format!("of {DEFAULT_TEMPORARY_DAYS} days"));
            DEFAULT_TEMPORARY_DAYS
        }
    };
    p.settings.expiry = Some(Expiry {
        renew_on_first_login: Some(true),
        grace_period_seconds: Some(days(days_valid)),
        ..Default::default()
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Expiry;
    use crate::vendors::detect_vendor;
    use crate::vendors::testing::{codes, failures, norm_as};
    use crate::vendors::WarningCode;
    use serde_json::json;

    const EXAMPLE: &str = include_str!("../../tests/fixtures/aws-cognito/example.json");
    const DESCRIBE: &str = include_str!("../../tests/fixtures/aws-cognito/describe-user-pool.json");

    fn norm(text: &str) -> Normalized {
        norm_as("aws-cognito", text)
    }

    #[test]
    fn documented_example() {
        let out = crate::vendors::normalize(EXAMPLE, None).unwrap();
        let n = &out[0];
        assert_eq!(n.vendor, "aws-cognito");
        assert_eq!(
            serde_json::to_value(&n.policy).unwrap(),
            json!({
                "version": 1,
                "source": {"vendor": "aws-cognito"},
                "length": {"min": 12, "max": 256},
                "classes": [
                    {"class": "lower", "min": 1}, {"class": "upper", "min": 1},
                    {"class": "digit", "min": 1}, {"class": "symbol", "min": 1}
                ],
                "symbols": {"chars": SYMBOLS},
                "history": {"count": 5},
                "settings": {"expiry": {"renewOnFirstLogin": true, "gracePeriodSeconds": 604800.0}}
            })
        );
        let w: Vec<(WarningCode, &str)> = n.warnings.iter().map(|w| (w.code, w.path.as_str())).collect();
        assert_eq!(
            w,
            [
                (WarningCode::Approximation, "RequireSymbols"),
                (WarningCode::Approximation, ""),
                (WarningCode::NotCheckable, "TemporaryPasswordValidityDays"),
            ]
        );
        let p = &n.policy;
        assert!(failures(p, "Correct.Horse9").is_empty());
        // An inner space is a symbol.
        assert!(failures(p, "Correct Horse9").is_empty());
        assert_eq!(failures(p, "CorrectHorse9x"), ["chars.symbol"]);
        // `€` is not one of Cognito's symbols.
        assert_eq!(failures(p, "CorrectHorse9€"), ["chars.symbol"]);
        assert_eq!(failures(p, "C.h9"), ["length.min"]);
        assert_eq!(failures(p, &format!("Aa1!{}", "x".repeat(253))), ["length.max"]);
    }

    #[test]
    fn describe_user_pool_reads_only_the_password_policy() {
        let out = crate::vendors::normalize(DESCRIBE, None).unwrap();
        let n = &out[0];
        assert_eq!(n.vendor, "aws-cognito");
        let p = &n.policy;
        assert_eq!(p.source.id.as_deref(), Some("us-east-1_EXAMPLE"));
        assert_eq!(p.source.name.as_deref(), Some("MyUserPool"));
        assert_eq!(p.length.min, Some(8));
        assert_eq!(p.classes.len(), 3);
        assert_eq!(p.history, None, "PasswordHistorySize 0 is no history");
        // SignInPolicy is the documented sign-in policy beside the password policy: left out, named.
        assert!(codes(n, WarningCode::UnknownField).is_empty());
        assert_eq!(codes(n, WarningCode::Ignored), ["UserPool.Policies", "UserPool"]);
        assert!(!p.vendor_extras.contains_key("UserPool.Policies.SignInPolicy"));
        let signin = n.warnings.iter().find(|w| w.path == "UserPool.Policies").unwrap();
        assert!(signin.message.contains("SignInPolicy"), "{}", signin.message);
        assert!(!p.vendor_extras.keys().any(|k| k.contains("LambdaConfig")));
        let ignored = n.warnings.iter().find(|w| w.path == "UserPool").unwrap();
        assert!(
            ignored.message.contains("LambdaConfig") && ignored.message.contains("fields of the user pool"),
            "{}",
            ignored.message
        );
        assert!(n.warnings.iter().all(|w| w.path == "UserPool" || w.path.starts_with("UserPool.Policies")));
        assert_eq!(
            codes(n, WarningCode::NotCheckable),
            ["UserPool.Policies.PasswordPolicy.TemporaryPasswordValidityDays"]
        );
        assert_eq!(failures(p, "abcdefg1"), ["chars.upper"]);
    }

    #[test]
    fn wrapped_forms() {
        let inner = r#"{"MinimumLength": 10, "RequireNumbers": true}"#;
        for (doc, base) in [
            (inner.to_string(), ""),
            (format!(r#"{{"PasswordPolicy": {inner}}}"#), "PasswordPolicy"),
            (format!(r#"{{"Policies": {{"PasswordPolicy": {inner}}}}}"#), "Policies.PasswordPolicy"),
        ] {
            assert_eq!(detect_vendor(&doc).unwrap(), "aws-cognito", "{doc}");
            let n = norm(&doc);
            assert_eq!(n.policy.length.min, Some(10));
            assert_eq!(n.policy.classes, [ClassMin { class: CharClass::Digit, min: 1 }]);
            assert_eq!(codes(&n, WarningCode::Approximation), [base]);
        }
    }

    #[test]
    fn history_and_ranges() {
        let n = norm(r#"{"MinimumLength": 100, "PasswordHistorySize": 25, "TemporaryPasswordValidityDays": 400}"#);
        assert_eq!(
            codes(&n, WarningCode::OutOfRange),
            ["MinimumLength", "PasswordHistorySize", "TemporaryPasswordValidityDays"]
        );
        assert_eq!(n.policy.history, Some(History { count: 25, enforced: true }));
        // "Password history isn't enforced … when you set this value to `0` or don't provide it."
        let n = norm(r#"{"MinimumLength": 6, "PasswordHistorySize": 0, "TemporaryPasswordValidityDays": 3}"#);
        assert_eq!(codes(&n, WarningCode::Inactive), ["PasswordHistorySize"]);
        assert_eq!(n.warnings.len(), 2, "{:?}", n.warnings);
        assert_eq!(n.policy.history, None);
        assert!(n.policy.classes.is_empty() && n.policy.symbols.is_none());
        // A minimum beyond 256 cannot be met.
        let e = crate::vendors::normalize(r#"{"MinimumLength": 300}"#, Some("aws-cognito")).unwrap_err();
        assert_eq!(e.code(), "unsatisfiable");
    }

    /// "Defaults to 7. If you submit a value of 0, Amazon Cognito treats it as a null value and sets
    /// TemporaryPasswordValidityDays to its default value." And a MinimumLength of 0 ("This value
    /// can't be less than 6") is left out.
    #[test]
    fn zeros_and_the_temporary_password_default() {
        let seven = Some(Expiry {
            renew_on_first_login: Some(true),
            grace_period_seconds: Some(7.0 * 86_400.0),
            ..Default::default()
        });
        for doc in [r#"{"MinimumLength": 8, "TemporaryPasswordValidityDays": 0}"#, r#"{"MinimumLength": 8}"#] {
            let n = norm(doc);
            assert_eq!(n.policy.settings.expiry, seven, "{doc}");
            assert_eq!(codes(&n, WarningCode::Defaulted), ["TemporaryPasswordValidityDays"], "{doc}");
            assert!(n.warnings.iter().any(|w| w.message.contains('7')), "{doc}");
        }
        let d = crate::describe::describe(
            &norm(r#"{"TemporaryPasswordValidityDays": 0}"#).policy,
            &crate::messages::Messages::english(),
        );
        assert!(d.settings.iter().any(|s| s.text == "Grace period to renew the password: 7 days"), "{d:?}");
        let n = norm(r#"{"MinimumLength": 0, "RequireNumbers": true}"#);
        assert_eq!((n.policy.length.min, n.policy.length.max), (None, Some(MAX_LENGTH)));
        assert_eq!(codes(&n, WarningCode::OutOfRange), ["MinimumLength"]);
        assert_eq!(n.policy.vendor_extras.get("MinimumLength"), Some(&json!(0)));
    }

    #[test]
    fn wrong_types_are_invalid_fields() {
        for (doc, path) in [
            (r#"{"MinimumLength": "8"}"#, "MinimumLength"),
            (r#"{"RequireSymbols": 1}"#, "RequireSymbols"),
            (r#"{"PasswordHistorySize": -1}"#, "PasswordHistorySize"),
            (r#"{"UserPool": {"Id": 5, "Policies": {"PasswordPolicy": {}}}}"#, "UserPool.Id"),
            (r#"{"UserPool": {"Policies": {}}}"#, "UserPool.Policies.PasswordPolicy"),
            (r#"{"UserPool": {"Policies": []}}"#, "UserPool.Policies"),
            (
                r#"{"Policies": {"PasswordPolicy": {"RequireLowercase": "no"}}}"#,
                "Policies.PasswordPolicy.RequireLowercase",
            ),
            ("\"text\"", "$"),
        ] {
            let e = crate::vendors::normalize(doc, Some("aws-cognito")).unwrap_err();
            assert_eq!((e.code(), e.path()), ("invalid_field", Some(path)), "{doc}");
        }
    }

    #[test]
    fn unknown_fields_are_kept() {
        let n = norm(r#"{"MinimumLength": 8, "RequireEmoji": true}"#);
        assert_eq!(codes(&n, WarningCode::UnknownField), ["RequireEmoji"]);
        assert_eq!(n.policy.vendor_extras.get("RequireEmoji"), Some(&json!(true)));
    }

    #[test]
    fn not_confused_with_iam() {
        assert_eq!(detect_vendor(r#"{"RequireUppercase": true}"#).unwrap(), "aws-cognito");
        assert_eq!(detect_vendor(r#"{"RequireUppercaseCharacters": true}"#).unwrap(), "aws-iam");
        let e = detect_vendor(r#"{"PasswordPolicy": {"MinimumLength": 8, "MaxPasswordAge": 30}}"#).unwrap_err();
        assert_eq!(e.code(), "ambiguous_vendor");
        // A user pool without a password policy is not recognised.
        assert_eq!(detect_vendor(r#"{"UserPool": {"Id": "x"}}"#).unwrap_err().code(), "unknown_vendor");
    }
}
