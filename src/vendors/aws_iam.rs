//! AWS IAM account password policy, as `GetAccountPasswordPolicy` returns it: the JSON of the SDKs
//! and the CLI (`{"PasswordPolicy": {…}}`), the bare inner object, or the Query API's XML
//! (`<GetAccountPasswordPolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">` →
//! `GetAccountPasswordPolicyResult` → `PasswordPolicy`, numbers and booleans as text; the
//! `ResponseMetadata` is left out with an `ignored` warning).
//!
//! Follows the IAM API Reference (API version 2010-05-08): the `PasswordPolicy` data type
//! (<https://docs.aws.amazon.com/IAM/latest/APIReference/API_PasswordPolicy.html>) and, for what an
//! absent field or a 0 means, `UpdateAccountPasswordPolicy`
//! (<https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAccountPasswordPolicy.html>).
//! The fields are unchanged in the current reference: ten, no deprecation.
//!
//! - `MinimumPasswordLength` 6–128; absent: the API default 6 (reported as `defaulted`); 0 is
//!   outside the range and documented nowhere: left out, kept under vendorExtras. Length is
//!   counted in the default unit (AWS passwords are effectively ASCII).
//! - `Require*` flags are one character of each class. `RequireSymbols` uses AWS's closed list
//!   ([`SYMBOLS`]). AWS letters are "ISO basic Latin" and digits 0–9, while the canonical classes
//!   are Unicode-aware: one `approximation` warning says so.
//! - `MaxPasswordAge` (days, 1–1095) → `settings.expiry`; `PasswordReusePrevention` (1–24) →
//!   `history`. Absent means never / none; a 0 is documented the same way ("Returns false if
//!   MaxPasswordAge is 0 or not present", "the default value of 0. The result is that IAM users are
//!   not prevented from reusing previous passwords"): nothing, with a warning.
//! - `HardExpiry` and `AllowUsersToChangePassword` have no canonical home: `vendorExtras`, each with a
//!   `not_checkable` warning. `ExpirePasswords` is derived by AWS from `MaxPasswordAge`: kept under
//!   `vendorExtras` without a warning.
//!
//! `RequireNumbers` and `RequireSymbols` are shared with Cognito; detection tells the two apart by
//! the other keys (see [`detect`]).

use serde_json::{Map, Value};

use super::fields::{count_or_zero, days, Obj, Zero};
use super::{aws_cognito, new_policy, Document, Normalized, Warnings};
use crate::error::{PolicyError, Result};
use crate::policy::{CharClass, CharSet, ClassMin, Expiry, History, Policy};

/// Keys only IAM's policy has.
pub const KEYS: &[&str] = &[
    "MinimumPasswordLength",
    "RequireUppercaseCharacters",
    "RequireLowercaseCharacters",
    "AllowUsersToChangePassword",
    "ExpirePasswords",
    "MaxPasswordAge",
    "PasswordReusePrevention",
    "HardExpiry",
];

/// Keys IAM and Cognito share.
pub const SHARED: &[&str] = &["RequireNumbers", "RequireSymbols"];

/// AWS's symbol list for `RequireSymbols`: ``! @ # $ % ^ & * ( ) _ + - = [ ] { } | '``.
pub const SYMBOLS: &str = "!@#$%^&*()_+-=[]{}|'";

/// The API default of `MinimumPasswordLength`.
const DEFAULT_MIN_LENGTH: u32 = 6;

fn has_any(map: &Map<String, Value>, keys: &[&str]) -> bool {
    keys.iter().any(|k| map.contains_key(*k))
}

/// `{"PasswordPolicy": {…}}` whose inner object is not Cognito's, or a bare object with an
/// IAM-only key, or with a shared key and no Cognito-only key (such a document is claimed by
/// Cognito too: ambiguous).
pub fn detect(doc: &Document) -> bool {
    if let Document::Xml(Value::Object(top)) = doc {
        return is_xml_response(top);
    }
    let Document::Json(Value::Object(top)) = doc else { return false };
    match top.get("PasswordPolicy") {
        Some(Value::Object(inner)) => has_any(inner, KEYS) || !has_any(inner, aws_cognito::KEYS),
        Some(_) => false,
        // Active Directory's policies have a `MaxPasswordAge` too (a TimeSpan), with keys of their own.
        None if has_any(top, super::active_directory::KEYS) => false,
        None => has_any(top, KEYS) || (has_any(top, SHARED) && !has_any(top, aws_cognito::KEYS)),
    }
}

/// The root element of the Query API's response.
const XML_ROOT: &str = "GetAccountPasswordPolicyResponse";
/// The namespace of IAM's Query API (any version under it).
const XML_NAMESPACE: &str = "https://iam.amazonaws.com/doc/";

/// The XML response: its root element, in IAM's namespace when it declares one.
fn is_xml_response(top: &Map<String, Value>) -> bool {
    match top.get(XML_ROOT) {
        Some(root) => root.get("@xmlns").and_then(Value::as_str).is_none_or(|ns| ns.starts_with(XML_NAMESPACE)),
        None => false,
    }
}

/// The Query API's XML response (converted to a JSON value; text values read leniently).
fn normalize_xml(doc: &Document) -> Result<Vec<Normalized>> {
    let top = Obj::new(doc.value(), "")?.lenient();
    let Some(root) = top.obj(XML_ROOT)? else {
        let found = top.keys().next().map(String::as_str).unwrap_or("");
        return Err(PolicyError::field(
            found,
            format!("the root element is <{found}>; expected <{XML_ROOT}> (IAM's Query API response)"),
        ));
    };
    let root = root.lenient();
    let (mut p, mut w) = (new_policy("aws-iam"), Warnings::default());
    let result = root.obj("GetAccountPasswordPolicyResult")?.ok_or_else(|| {
        PolicyError::field(root.path("GetAccountPasswordPolicyResult"), "missing; expected an element")
    })?;
    let result = result.lenient();
    let inner = result
        .obj("PasswordPolicy")?
        .ok_or_else(|| PolicyError::field(result.path("PasswordPolicy"), "missing; expected an element"))?
        .lenient();
    read(&inner, &result.path("PasswordPolicy"), &mut p, &mut w)?;
    inner.finish(&mut p, &mut w);
    result.finish(&mut p, &mut w);
    // The namespace declaration and the request's metadata are not part of the policy.
    root.skip("@xmlns");
    if root.has("ResponseMetadata") {
        root.skip("ResponseMetadata");
        w.left_out(&root.path("ResponseMetadata"), "the response", &["RequestId"]);
    }
    root.finish(&mut p, &mut w);
    top.finish(&mut p, &mut w);
    Ok(vec![Normalized { vendor: "aws-iam", policy: p, warnings: w.0 }])
}

pub fn normalize(doc: &Document) -> Result<Vec<Normalized>> {
    if matches!(doc, Document::Xml(_)) {
        return normalize_xml(doc);
    }
    let top = Obj::new(doc.value(), "")?;
    let (mut p, mut w) = (new_policy("aws-iam"), Warnings::default());
    if top.has("PasswordPolicy") {
        let inner = top
            .obj("PasswordPolicy")?
            .ok_or_else(|| PolicyError::field("PasswordPolicy", "expected an object, found null"))?;
        read(&inner, "PasswordPolicy", &mut p, &mut w)?;
        inner.finish(&mut p, &mut w);
    } else {
        read(&top, "", &mut p, &mut w)?;
    }
    top.finish(&mut p, &mut w);
    Ok(vec![Normalized { vendor: "aws-iam", policy: p, warnings: w.0 }])
}

/// A field with no canonical home, kept under `vendorExtras` with a `not_checkable` warning.
fn keep_setting(o: &Obj, key: &str, what: &str, p: &mut Policy, w: &mut Warnings) -> Result<()> {
    if o.bool(key)?.is_some() {
        o.keep(key, p);
        w.kept_extra(&o.path(key), what);
    }
    Ok(())
}

/// The policy object at `base` ("" or "PasswordPolicy").
fn read(o: &Obj, base: &str, p: &mut Policy, w: &mut Warnings) -> Result<()> {
    let key = "MinimumPasswordLength";
    p.length.min = match count_or_zero(o, key, Some((6, 128)), Zero::Undocumented, p, w)? {
        Some(n) => Some(n),
        // A given 0 is left out (kept as given); only a missing field takes the default.
        None if o.raw(key).is_some() => None,
        None => {
            w.defaulted(&o.path(key), DEFAULT_MIN_LENGTH);
            Some(DEFAULT_MIN_LENGTH)
        }
    };

    let mut ascii = Vec::new();
    for (key, class) in [
        ("RequireLowercaseCharacters", CharClass::Lower),
        ("RequireUppercaseCharacters", CharClass::Upper),
        ("RequireNumbers", CharClass::Digit),
        ("RequireSymbols", CharClass::Symbol),
    ] {
        if o.bool(key)? == Some(true) {
            p.classes.push(ClassMin { class, min: 1 });
            if class == CharClass::Symbol {
                p.symbols = Some(CharSet::chars(SYMBOLS));
            } else {
                ascii.push(key);
            }
        }
    }
    if !ascii.is_empty() {
        w.approximation(
            base,
            format!(
                "AWS counts only ISO basic Latin letters (A–Z, a–z) and digits 0–9 for {}; the canonical classes also count other scripts' letters and digits",
                ascii.join(", ")
            ),
        );
    }

    let key = "MaxPasswordAge";
    let never = "never (ExpirePasswords \"Returns false if MaxPasswordAge is 0 or not present\")";
    if let Some(n) = count_or_zero(o, key, Some((1, 1095)), Zero::Means(never), p, w)? {
        w.not_checkable(&o.path(key), "password expiry");
        p.settings.expiry = Some(Expiry { max_age_seconds: Some(days(n)), ..Default::default() });
    }
    let key = "PasswordReusePrevention";
    let none = "none (\"the default value of 0. The result is that IAM users are not prevented from reusing previous passwords\")";
    if let Some(n) = count_or_zero(o, key, Some((1, 24)), Zero::Means(none), p, w)? {
        p.history = Some(History { count: n, enforced: true });
    }

    keep_setting(o, "HardExpiry", "Hard expiry (an administrator must reset an expired password)", p, w)?;
    keep_setting(o, "AllowUsersToChangePassword", "Whether users may change their own password", p, w)?;
    // Derived by AWS from MaxPasswordAge: kept as it is, without a warning.
    if o.bool("ExpirePasswords")?.is_some() {
        o.keep("ExpirePasswords", p);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::LengthUnit;
    use crate::vendors::testing::{codes, failures, norm_as};
    use crate::vendors::WarningCode;
    use crate::vendors::{detect_vendor, Warning};
    use serde_json::json;

    const EXAMPLE: &str = include_str!("../../tests/fixtures/aws-iam/example.json");
    const FULL: &str = include_str!("../../tests/fixtures/aws-iam/full.json");

    fn norm(text: &str) -> Normalized {
        norm_as("aws-iam", text)
    }

    #[test]
    fn verbatim_sdk_example() {
        let out = crate::vendors::normalize(EXAMPLE, None).unwrap();
        assert_eq!(out[0].vendor, "aws-iam");
        let n = &out[0];
        assert_eq!(
            serde_json::to_value(&n.policy).unwrap(),
            json!({
                "version": 1,
                "source": {"vendor": "aws-iam"},
                "length": {"min": 8},
                "classes": [{"class": "digit", "min": 1}, {"class": "symbol", "min": 1}],
                "symbols": {"chars": SYMBOLS},
                "vendorExtras": {"PasswordPolicy.AllowUsersToChangePassword": false}
            })
        );
        let w: Vec<(WarningCode, &str)> = n.warnings.iter().map(|w| (w.code, w.path.as_str())).collect();
        assert_eq!(
            w,
            [
                (WarningCode::Approximation, "PasswordPolicy"),
                (WarningCode::NotCheckable, "PasswordPolicy.AllowUsersToChangePassword")
            ]
        );
        // Checks: a digit and one of AWS's symbols.
        assert!(failures(&n.policy, "hunter2!x").is_empty());
        assert_eq!(failures(&n.policy, "hunter22x"), ["chars.symbol"]);
        assert_eq!(failures(&n.policy, "h2!"), ["length.min"]);
        // `~` and `.` are not AWS symbols.
        assert_eq!(failures(&n.policy, "hunter2~."), ["chars.symbol"]);
        assert!(failures(&n.policy, "hunter2'.").is_empty());
    }

    #[test]
    fn every_field() {
        let n = norm(FULL);
        let p = &n.policy;
        assert_eq!((p.length.min, p.length.max, p.length.unit), (Some(14), None, LengthUnit::Graphemes));
        let classes: Vec<CharClass> = p.classes.iter().map(|c| c.class).collect();
        assert_eq!(classes, [CharClass::Lower, CharClass::Upper, CharClass::Digit, CharClass::Symbol]);
        assert_eq!(p.history, Some(History { count: 24, enforced: true }));
        assert_eq!(p.settings.expiry, Some(Expiry { max_age_seconds: Some(90.0 * 86400.0), ..Default::default() }));
        assert_eq!(p.vendor_extras.get("PasswordPolicy.HardExpiry"), Some(&json!(true)));
        assert_eq!(p.vendor_extras.get("PasswordPolicy.ExpirePasswords"), Some(&json!(true)));
        assert_eq!(p.vendor_extras.get("PasswordPolicy.AllowUsersToChangePassword"), Some(&json!(true)));
        assert_eq!(
            codes(&n, WarningCode::NotCheckable),
            ["PasswordPolicy.MaxPasswordAge", "PasswordPolicy.HardExpiry", "PasswordPolicy.AllowUsersToChangePassword"]
        );
        // ExpirePasswords is derived: no warning of its own.
        assert!(n.warnings.iter().all(|w: &Warning| !w.path.ends_with("ExpirePasswords")));
        assert!(codes(&n, WarningCode::UnknownField).is_empty());
        assert!(failures(p, "Correct-Horse7x").is_empty());
        assert_eq!(failures(p, "correct-horse7x"), ["chars.upper"]);
        assert_eq!(failures(p, "Correct Horse7x"), ["chars.symbol"], "space is not an AWS symbol");
    }

    #[test]
    fn bare_object_and_default_length() {
        let n = norm(r#"{"RequireUppercaseCharacters": true}"#);
        assert_eq!(n.policy.length.min, Some(6));
        assert_eq!(codes(&n, WarningCode::Defaulted), ["MinimumPasswordLength"]);
        assert!(n.warnings.iter().any(|w| w.code == WarningCode::Defaulted && w.message.contains('6')));
        assert_eq!(codes(&n, WarningCode::Approximation), [""]);
        assert_eq!(detect_vendor(r#"{"RequireUppercaseCharacters": true}"#).unwrap(), "aws-iam");
        assert_eq!(detect_vendor(r#"{"MinimumPasswordLength": 12, "RequireSymbols": true}"#).unwrap(), "aws-iam");
        // An empty response object is IAM's shape: the API default only.
        let n = norm(r#"{"PasswordPolicy": {}}"#);
        assert_eq!(n.policy.length.min, Some(6));
        assert!(n.policy.classes.is_empty() && n.policy.symbols.is_none());
        assert_eq!(detect_vendor(r#"{"PasswordPolicy": {}}"#).unwrap(), "aws-iam");
    }

    #[test]
    fn ranges_and_zero() {
        let n = norm(
            r#"{"PasswordPolicy": {"MinimumPasswordLength": 4, "MaxPasswordAge": 0, "PasswordReusePrevention": 30}}"#,
        );
        assert_eq!(
            codes(&n, WarningCode::OutOfRange),
            ["PasswordPolicy.MinimumPasswordLength", "PasswordPolicy.PasswordReusePrevention"]
        );
        assert_eq!(n.policy.length.min, Some(4));
        // ExpirePasswords: "Returns false if MaxPasswordAge is 0 or not present": never expires.
        assert_eq!(n.policy.settings.expiry, None, "0 days: never expires");
        assert_eq!(codes(&n, WarningCode::Inactive), ["PasswordPolicy.MaxPasswordAge"]);
        assert_eq!(n.policy.history, Some(History { count: 30, enforced: true }));
        // UpdateAccountPasswordPolicy: "the default value of 0. The result is that IAM users are
        // not prevented from reusing previous passwords."
        let n = norm(r#"{"PasswordPolicy": {"PasswordReusePrevention": 0}}"#);
        assert_eq!(n.policy.history, None);
        assert_eq!(codes(&n, WarningCode::Inactive), ["PasswordPolicy.PasswordReusePrevention"]);
        assert!(n.policy.vendor_extras.is_empty());
        // A 0 minimum length is documented nowhere: left out, kept as given, and not defaulted.
        let n = norm(r#"{"PasswordPolicy": {"MinimumPasswordLength": 0}}"#);
        assert_eq!(n.policy.length.min, None);
        assert_eq!(codes(&n, WarningCode::OutOfRange), ["PasswordPolicy.MinimumPasswordLength"]);
        assert!(codes(&n, WarningCode::Defaulted).is_empty());
        assert_eq!(n.policy.vendor_extras.get("PasswordPolicy.MinimumPasswordLength"), Some(&json!(0)));
        let n = norm(r#"{"PasswordPolicy": {"MaxPasswordAge": 1095, "PasswordReusePrevention": 1}}"#);
        assert!(codes(&n, WarningCode::OutOfRange).is_empty());
        assert_eq!(n.policy.history.map(|h| h.count), Some(1));
    }

    #[test]
    fn wrong_types_are_invalid_fields() {
        for (doc, path) in [
            (r#"{"PasswordPolicy": {"MinimumPasswordLength": "8"}}"#, "PasswordPolicy.MinimumPasswordLength"),
            (r#"{"PasswordPolicy": {"RequireSymbols": "yes"}}"#, "PasswordPolicy.RequireSymbols"),
            (r#"{"PasswordPolicy": {"MaxPasswordAge": -1}}"#, "PasswordPolicy.MaxPasswordAge"),
            (r#"{"PasswordPolicy": {"HardExpiry": 1}}"#, "PasswordPolicy.HardExpiry"),
            (r#"{"PasswordPolicy": {"ExpirePasswords": "true"}}"#, "PasswordPolicy.ExpirePasswords"),
            (r#"{"PasswordPolicy": null}"#, "PasswordPolicy"),
            (r#"{"PasswordPolicy": []}"#, "PasswordPolicy"),
        ] {
            let e = crate::vendors::normalize(doc, Some("aws-iam")).unwrap_err();
            assert_eq!((e.code(), e.path()), ("invalid_field", Some(path)), "{doc}");
        }
        // IAM has no list form.
        let e = crate::vendors::normalize("[1]", Some("aws-iam")).unwrap_err();
        assert_eq!((e.code(), e.path()), ("vendor_mismatch", Some("vendor")));
        assert!(e.message.contains("no list form"), "{}", e.message);
    }

    #[test]
    fn unknown_fields_are_kept() {
        let n = norm(
            r#"{"PasswordPolicy": {"MinimumPasswordLength": 8, "RequireEmoji": true}, "ResponseMetadata": {"RequestId": "x"}}"#,
        );
        assert_eq!(codes(&n, WarningCode::UnknownField), ["PasswordPolicy.RequireEmoji", "ResponseMetadata"]);
        assert_eq!(n.policy.vendor_extras.get("PasswordPolicy.RequireEmoji"), Some(&json!(true)));
    }

    #[test]
    fn not_confused_with_cognito() {
        // Cognito's keys inside the wrapper: Cognito (its `Policies` object has the same shape).
        assert_eq!(detect_vendor(r#"{"PasswordPolicy": {"MinimumLength": 8}}"#).unwrap(), "aws-cognito");
        // Only shared keys, bare: either service.
        let e = detect_vendor(r#"{"RequireNumbers": true}"#).unwrap_err();
        assert_eq!(e.code(), "ambiguous_vendor");
        assert!(e.message.contains("aws-iam") && e.message.contains("aws-cognito"));
        // Only shared keys inside the wrapper: IAM's response shape.
        assert_eq!(detect_vendor(r#"{"PasswordPolicy": {"RequireNumbers": true}}"#).unwrap(), "aws-iam");
        // Both services' keys: ambiguous.
        let e = detect_vendor(r#"{"MinimumPasswordLength": 8, "MinimumLength": 8}"#).unwrap_err();
        assert_eq!(e.code(), "ambiguous_vendor");
    }

    #[test]
    fn query_api_xml() {
        const XML: &str = include_str!("../../tests/fixtures/aws-iam/query-api.xml");
        assert_eq!(detect_vendor(XML).unwrap(), "aws-iam");
        let n = norm_as("aws-iam", XML);
        let p = &n.policy;
        assert_eq!(p.length.min, Some(12));
        assert_eq!(p.classes.len(), 4);
        assert_eq!(p.history, Some(History { count: 12, enforced: true }));
        assert_eq!(p.settings.expiry.as_ref().and_then(|e| e.max_age_seconds), Some(days(90)));
        assert_eq!(
            p.vendor_extras
                .get("GetAccountPasswordPolicyResponse.GetAccountPasswordPolicyResult.PasswordPolicy.HardExpiry"),
            Some(&json!("false"))
        );
        assert!(n.warnings.iter().all(|w| w.code != WarningCode::UnknownField), "{:?}", n.warnings);
        assert_eq!(codes(&n, WarningCode::Ignored), ["GetAccountPasswordPolicyResponse.ResponseMetadata"]);
        assert_eq!(failures(p, "Abcdefghij1!"), Vec::<&str>::new());
        assert_eq!(failures(p, "abcdefghij1!"), ["chars.upper"]);
        // The same policy as the JSON form of the same values.
        let json_form = json!({"PasswordPolicy": {"AllowUsersToChangePassword": true, "RequireUppercaseCharacters": true,
            "RequireSymbols": true, "ExpirePasswords": false, "PasswordReusePrevention": 12, "RequireLowercaseCharacters": true,
            "MaxPasswordAge": 90, "HardExpiry": false, "RequireNumbers": true, "MinimumPasswordLength": 12}});
        let j = norm_as("aws-iam", &json_form.to_string());
        assert_eq!(
            (&j.policy.length, &j.policy.classes, &j.policy.history, &j.policy.settings),
            (&p.length, &p.classes, &p.history, &p.settings)
        );
        // Wrong element types name the element.
        let bad = XML.replace("<MinimumPasswordLength>12<", "<MinimumPasswordLength>twelve<");
        let e = crate::vendors::normalize(&bad, None).unwrap_err();
        assert_eq!(
            e.path(),
            Some(
                "GetAccountPasswordPolicyResponse.GetAccountPasswordPolicyResult.PasswordPolicy.MinimumPasswordLength"
            )
        );
        let e = crate::vendors::normalize(
            "<GetAccountPasswordPolicyResponse><ResponseMetadata/></GetAccountPasswordPolicyResponse>",
            None,
        )
        .unwrap_err();
        assert_eq!(
            (e.code(), e.path()),
            ("invalid_field", Some("GetAccountPasswordPolicyResponse.GetAccountPasswordPolicyResult"))
        );
    }
}
