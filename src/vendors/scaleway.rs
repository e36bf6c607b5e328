//! Scaleway IAM organization security settings
//! (`GET`/`PATCH /iam/v1alpha1/organizations/{id}/security-settings`): the bare
//! `OrganizationSecuritySettings` object, snake_case keys.
//!
//! Follows the IAM API v1alpha1 reference as generated into Scaleway's SDKs (scaleway-sdk-go
//! `api/iam/v1alpha1/iam_sdk.go`, scaleway-sdk-python `scaleway/iam/v1alpha1/types.py`, 2025:
//! five fields; <https://www.scaleway.com/en/developers/api/iam/>).
//!
//! It has no composition fields, so the result has no password rules, only `settings`.
//! Durations are protobuf-JSON strings (`"2592000s"`, `"2.5s"`); a plain number of seconds is
//! accepted too. `null` is absent. Zeros: only `max_api_key_expiration_duration` documents one ("A
//! value of 0 means there is no maximum duration"): `apiKeys` with no maximum, with a warning. A 0
//! of `login_attempts_before_locked` (a uint32, whose 0 is also what protobuf writes for "not
//! set"), `grace_period_duration` or `max_login_session_duration` is documented nowhere: left out,
//! kept under vendorExtras, with an `out_of_range` warning.

use serde_json::Value;

use super::fields::{count_or_zero, Obj, Zero};
use super::{new_policy, Document, Normalized, Warnings};
use crate::error::{PolicyError, Result};
use crate::policy::{ApiKeys, Expiry, Lockout, Policy, Session};

/// Every documented top-level key.
pub const KEYS: &[&str] = &[
    "enforce_password_renewal",
    "grace_period_duration",
    "login_attempts_before_locked",
    "max_login_session_duration",
    "max_api_key_expiration_duration",
];

/// A protobuf-JSON duration: decimal seconds with an `s` suffix, optionally negative.
fn parse_duration(s: &str) -> Option<f64> {
    let body = s.strip_suffix('s')?;
    let unsigned = body.strip_prefix('-').unwrap_or(body);
    let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, "0"));
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if digits(int) && digits(frac) {
        body.parse().ok()
    } else {
        None
    }
}

/// A duration field in seconds (string or number); malformed or negative is an error.
fn duration(o: &Obj, key: &str) -> Result<Option<f64>> {
    let secs = match o.raw(key) {
        None => return Ok(None),
        Some(Value::Number(n)) => n.as_f64(),
        Some(Value::String(s)) => parse_duration(s),
        Some(_) => None,
    };
    match secs {
        Some(s) if s.is_finite() && s >= 0.0 => Ok(Some(s)),
        Some(s) if s < 0.0 => Err(PolicyError::field(o.path(key), "a negative duration has no meaning here")),
        _ => Err(PolicyError::field(
            o.path(key),
            format!(
                "expected a duration in seconds such as \"2.5s\" or \"2592000s\", found {}",
                o.raw(key).map(Value::to_string).unwrap_or_default()
            ),
        )),
    }
}

/// A duration whose 0 is documented nowhere: `None` for a 0 (kept under vendorExtras, warned).
fn nonzero_duration(o: &Obj, key: &str, p: &mut Policy, w: &mut Warnings) -> Result<Option<f64>> {
    match duration(o, key)? {
        Some(0.0) => {
            o.keep(key, p);
            w.zero_left_out(&o.path(key), None);
            Ok(None)
        }
        other => Ok(other),
    }
}

pub fn normalize(doc: &Document) -> Result<Vec<Normalized>> {
    Ok(vec![read(doc.value())?])
}

/// The one policy of a Scaleway document.
fn read(doc: &Value) -> Result<Normalized> {
    let o = Obj::new(doc, "")?;
    let (mut p, mut w) = (new_policy("scaleway"), Warnings::default());
    // "Defines whether password renewal is enforced during first login."
    let renew = o.bool("enforce_password_renewal")?;
    // "Duration of the grace period to renew password or enable MFA."
    let grace = nonzero_duration(&o, "grace_period_duration", &mut p, &mut w)?;
    // "Number of login attempts before the account is locked." (uint32, no documented range).
    let attempts = count_or_zero(&o, "login_attempts_before_locked", None, Zero::Undocumented, &mut p, &mut w)?;
    // "Maximum duration a login session will stay active before needing to relogin."
    let session = nonzero_duration(&o, "max_login_session_duration", &mut p, &mut w)?;
    // "Maximum duration the `expires_at` field of an API key can represent. A value of 0 means
    // there is no maximum duration."
    let api = duration(&o, "max_api_key_expiration_duration")?;
    if api == Some(0.0) {
        w.zero_means(
            &o.path("max_api_key_expiration_duration"),
            "no maximum (\"A value of 0 means there is no maximum duration\")",
        );
    }
    for (key, what, given) in [
        ("enforce_password_renewal", "password renewal at first login", renew.is_some()),
        ("grace_period_duration", "the renewal grace period", grace.is_some()),
        ("login_attempts_before_locked", "account lockout", attempts.is_some()),
        ("max_login_session_duration", "the login session duration", session.is_some()),
        ("max_api_key_expiration_duration", "the API key expiry", api.is_some()),
    ] {
        if given {
            w.not_checkable(&o.path(key), what);
        }
    }

    if renew.is_some() || grace.is_some() {
        p.settings.expiry = Some(Expiry {
            enforced: true,
            renew_on_first_login: renew,
            grace_period_seconds: grace,
            ..Default::default()
        });
    }
    if let Some(n) = attempts {
        p.settings.lockout = Some(Lockout { enforced: true, threshold: Some(n), ..Default::default() });
    }
    if let Some(s) = session {
        p.settings.session =
            Some(Session { enforced: true, idle_timeout_seconds: None, max_duration_seconds: Some(s) });
    }
    if let Some(s) = api {
        p.settings.api_keys = Some(ApiKeys { max_expiration_seconds: (s > 0.0).then_some(s) });
    }

    o.finish(&mut p, &mut w);
    Ok(Normalized { vendor: "scaleway", policy: p, warnings: w.0 })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Settings;
    use crate::vendors::testing::{codes, norm_json};
    use crate::vendors::WarningCode;
    use serde_json::json;

    const EXAMPLE: &str = include_str!("../../tests/fixtures/scaleway/example.json");
    const NULLS: &str = include_str!("../../tests/fixtures/scaleway/nulls.json");

    fn run(v: Value) -> Normalized {
        norm_json("scaleway", v)
    }

    #[test]
    fn example_has_settings_and_no_rules() {
        let n = run(serde_json::from_str(EXAMPLE).unwrap());
        let p = &n.policy;
        assert_eq!(p.source.vendor.as_deref(), Some("scaleway"));
        // No composition rules at all.
        let mut rules = p.clone();
        rules.settings = Settings::default();
        assert_eq!(rules, new_policy("scaleway"));
        let s = &p.settings;
        assert_eq!(
            s.expiry,
            Some(Expiry {
                enforced: true,
                renew_on_first_login: Some(true),
                grace_period_seconds: Some(259_200.0),
                ..Default::default()
            })
        );
        assert_eq!(s.lockout, Some(Lockout { enforced: true, threshold: Some(5), ..Default::default() }));
        assert_eq!(
            s.session,
            Some(Session { enforced: true, idle_timeout_seconds: None, max_duration_seconds: Some(2_592_000.0) })
        );
        // "0s": "A value of 0 means there is no maximum duration", said in a warning.
        assert_eq!(s.api_keys, Some(ApiKeys { max_expiration_seconds: None }));
        assert_eq!(codes(&n, WarningCode::NotCheckable), KEYS);
        assert_eq!(codes(&n, WarningCode::Inactive), ["max_api_key_expiration_duration"]);
        assert!(n.warnings.iter().any(|w| w.message.contains("A value of 0 means there is no maximum duration")));
        assert_eq!(n.warnings.len(), 6);
    }

    /// `login_attempts_before_locked: 0` (what protobuf writes for an unset uint32) is documented
    /// nowhere: no lockout is made of it ("No limit on failed attempts" would be our guess).
    #[test]
    fn nulls_are_absent_and_zero_attempts_are_left_out() {
        let n = run(serde_json::from_str(NULLS).unwrap());
        let s = &n.policy.settings;
        assert_eq!(s.expiry, Some(Expiry { enforced: true, renew_on_first_login: Some(false), ..Default::default() }));
        assert_eq!((&s.lockout, &s.session, &s.api_keys), (&None, &None, &None));
        assert_eq!(codes(&n, WarningCode::NotCheckable), ["enforce_password_renewal"]);
        assert_eq!(codes(&n, WarningCode::OutOfRange), ["login_attempts_before_locked"]);
        assert_eq!(n.policy.vendor_extras.get("login_attempts_before_locked"), Some(&json!(0)));
        assert_eq!(n.policy.vendor_extras.len(), 1);
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("2.5s"), Some(2.5));
        assert_eq!(parse_duration("0s"), Some(0.0));
        assert_eq!(parse_duration("2592000s"), Some(2_592_000.0));
        assert_eq!(parse_duration("0.000000001s"), Some(1e-9));
        assert_eq!(parse_duration("-3s"), Some(-3.0));
        for bad in ["", "s", "5", "5m", ".5s", "5.s", "1e3s", "infs", "NaNs", " 5s", "5 s", "+5s", "--5s", "3 days"] {
            assert_eq!(parse_duration(bad), None, "{bad:?}");
        }
        let n = run(
            json!({"grace_period_duration": "2.5s", "max_login_session_duration": 3600, "max_api_key_expiration_duration": "86400.5s"}),
        );
        let s = &n.policy.settings;
        assert_eq!(s.expiry.as_ref().and_then(|e| e.grace_period_seconds), Some(2.5));
        assert_eq!(s.session.as_ref().and_then(|x| x.max_duration_seconds), Some(3600.0));
        assert_eq!(s.api_keys.as_ref().and_then(|a| a.max_expiration_seconds), Some(86_400.5));
        // A 0 grace period or session is documented nowhere: left out, kept as given.
        let n = run(json!({"grace_period_duration": "0s", "max_login_session_duration": 0}));
        assert_eq!((&n.policy.settings.expiry, &n.policy.settings.session), (&None, &None));
        assert_eq!(codes(&n, WarningCode::OutOfRange), ["grace_period_duration", "max_login_session_duration"]);
        assert_eq!(n.policy.vendor_extras.get("grace_period_duration"), Some(&json!("0s")));
        assert_eq!(n.policy.vendor_extras.get("max_login_session_duration"), Some(&json!(0)));
        assert!(codes(&n, WarningCode::NotCheckable).is_empty());
        // "0.0s" is a 0 too.
        let n = run(json!({"max_api_key_expiration_duration": "0.0s"}));
        assert_eq!(n.policy.settings.api_keys, Some(ApiKeys { max_expiration_seconds: None }));
        assert_eq!(codes(&n, WarningCode::Inactive), ["max_api_key_expiration_duration"]);
    }

    #[test]
    fn malformed_values_name_the_field() {
        let err = |v: Value| read(&v).unwrap_err();
        for (doc, path) in [
            (json!({"grace_period_duration": "three days"}), "grace_period_duration"),
            (json!({"max_login_session_duration": "30d"}), "max_login_session_duration"),
            (json!({"max_api_key_expiration_duration": true}), "max_api_key_expiration_duration"),
            (json!({"max_api_key_expiration_duration": "-1s"}), "max_api_key_expiration_duration"),
            (json!({"grace_period_duration": -5}), "grace_period_duration"),
            (json!({"login_attempts_before_locked": -1}), "login_attempts_before_locked"),
            (json!({"login_attempts_before_locked": "5"}), "login_attempts_before_locked"),
            (json!({"enforce_password_renewal": "yes"}), "enforce_password_renewal"),
        ] {
            let e = err(doc);
            assert_eq!((e.code(), e.path()), ("invalid_field", Some(path)), "{e}");
        }
        let e = err(json!({"grace_period_duration": "three days"}));
        assert!(e.message.contains("\"three days\""), "{}", e.message);
        assert!(err(json!({"grace_period_duration": "-1s"})).message.contains("negative"));
        assert_eq!(err(json!(null)).path(), Some("$"));
    }

    #[test]
    fn unknown_fields_are_kept() {
        let n = run(json!({"login_attempts_before_locked": 3, "organization_id": "abc"}));
        assert_eq!(codes(&n, WarningCode::UnknownField), ["organization_id"]);
        assert_eq!(n.policy.vendor_extras.get("organization_id"), Some(&json!("abc")));
    }

    #[test]
    fn detected_automatically() {
        let out = crate::vendors::normalize(EXAMPLE, None).unwrap();
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].vendor, "scaleway");
        assert_eq!(out[0].policy.settings.lockout.as_ref().and_then(|l| l.threshold), Some(5));
        assert_eq!(crate::vendors::detect_vendor(r#"{"max_login_session_duration": "60s"}"#).unwrap(), "scaleway");
    }
}
