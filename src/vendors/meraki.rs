//! Cisco Meraki Dashboard API `loginSecurity` (`GET`/`PUT /organizations/{id}/loginSecurity`):
//! the bare object, every field optional.
//!
//! Follows the Dashboard API v1 reference as generated into Meraki's own SDK
//! (meraki/dashboard-api-python, `meraki/api/batch/organizations.py`,
//! `updateOrganizationLoginSecurity`, release of 2025, the first to list `enforceLockedIpSessions`;
//! <https://developer.cisco.com/meraki/api-v1/update-organization-login-security/>), and for the
//! ranges Cisco's data model (netascode.cisco.com, `login_security`: days 1–365, passwords 1–10,
//! attempts 1–10).
//!
//! - `minimumPasswordLength` ("Minimum number of characters required in admins' passwords") →
//!   `length.min`; it has no enforce flag.
//! - `enforceStrongPasswords` is deprecated ("Deprecated. Values of 'false' are always ignored.",
//!   with a `deprecated` warning either way). `true` keeps its documented meaning: at least 8
//!   characters and 3 of lower, upper, digit, symbol (the symbol set is open, "! @ # $ % ^ & *,
//!   etc", so the Unicode default is kept). With `minimumPasswordLength` too, both apply: the
//!   minimum is the larger of the two ⚖. `false` is ignored, as documented: no rule, and
//!   `minimumPasswordLength` still applies.
//! - Each other number applies only when its `enforce*` flag is true. Otherwise it is kept with
//!   `enforced: false` and an `inactive` warning.
//! - A 0 is documented for none of the numbers (and is below every documented range): it is left
//!   out with its flag, both kept under vendorExtras, with an `out_of_range` warning, so that a
//!   document with the flags on and every number 0 gives no "Locked after 0 failed attempts".
//! - `enforceLockedIpSessions` (sessions locked to the IP address that opened them) has no
//!   canonical setting: vendorExtras, `not_checkable`.
//! - Everything else (expiry, lockout, idle timeout, 2FA, IP ranges) goes to `settings`.

use serde_json::Value;

use super::fields::{count_or_zero, days, minutes, Obj, Zero};
use super::{new_policy, Document, Normalized, Warnings};
use crate::error::Result;
use crate::policy::{
    CharClass, Expiry, History, IpRestriction, Lockout, Mfa, Network, Policy, Requirement, Session, TypesRule,
};

/// Every documented top-level key.
pub const KEYS: &[&str] = &[
    "enforcePasswordExpiration",
    "passwordExpirationDays",
    "enforceDifferentPasswords",
    "numDifferentPasswords",
    "enforceStrongPasswords",
    "enforceAccountLockout",
    "accountLockoutAttempts",
    "enforceIdleTimeout",
    "idleTimeoutMinutes",
    "enforceTwoFactorAuth",
    "enforceLoginIpRanges",
    "loginIpRanges",
    "apiAuthentication",
    "minimumPasswordLength",
    "enforceLockedIpSessions",
];

/// A value gated by its `enforce*` flag. `None` when neither is present; otherwise the value and
/// whether the flag is true. A value whose flag is not true gets an `inactive` warning; a
/// not-checkable setting (`what`) one `not_checkable` warning, at the value (or else the flag).
fn gate<T>(
    o: &Obj,
    w: &mut Warnings,
    flag: &str,
    key: &str,
    what: Option<&str>,
    value: Option<T>,
) -> Result<Option<(Option<T>, bool)>> {
    let on = o.bool(flag)?;
    if value.is_none() && on.is_none() {
        return Ok(None);
    }
    if value.is_some() && on != Some(true) {
        w.inactive(&o.path(key), flag);
    }
    if let Some(what) = what {
        w.not_checkable(&o.path(if value.is_some() { key } else { flag }), what);
    }
    Ok(Some((value, on == Some(true))))
}

/// A number gated by `flag`: its value, or `None` when it is absent or a 0 (left out with its flag,
/// both kept under vendorExtras: a section with no number would read as "no limit").
fn number(
    o: &Obj,
    flag: &str,
    key: &str,
    range: Option<(i64, i64)>,
    p: &mut Policy,
    w: &mut Warnings,
) -> Result<Gated> {
    let zero = o.int(key)? == Some(0);
    let value = count_or_zero(o, key, range, Zero::Undocumented, p, w)?;
    if zero {
        o.keep(flag, p);
        return Ok(Gated::Zero);
    }
    Ok(Gated::Value(value))
}

/// A gated number as read by [`number`].
enum Gated {
    Zero,
    Value(Option<u32>),
}

/// The documented minimum length of `enforceStrongPasswords`.
const STRONG_MIN_LENGTH: u32 = 8;

pub fn normalize(doc: &Document) -> Result<Vec<Normalized>> {
    Ok(vec![read(doc.value())?])
}

/// `minimumPasswordLength` and the deprecated `enforceStrongPasswords`.
fn strong_passwords(o: &Obj, p: &mut Policy, w: &mut Warnings) -> Result<()> {
    let key = "enforceStrongPasswords";
    let strong = o.bool(key)?;
    // "Minimum number of characters required in admins' passwords"; no documented range, and a 0
    // requires nothing.
    let min = count_or_zero(o, "minimumPasswordLength", None, Zero::Undocumented, p, w)?;
    p.length.min = min;
    match strong {
        Some(true) => {
            let min = min.map_or(STRONG_MIN_LENGTH, |n| n.max(STRONG_MIN_LENGTH));
            p.length.min = Some(min);
            let of = [CharClass::Lower, CharClass::Upper, CharClass::Digit, CharClass::Symbol]
                .map(|c| Requirement::class(c, 1));
            p.types.push(TypesRule { required: 3, of: of.to_vec() });
            w.deprecated(
                &o.path(key),
                format!("deprecated by Meraki; `true` is read with its documented meaning: at least {STRONG_MIN_LENGTH} characters and 3 of lower case, upper case, digit and symbol (the larger minimum applies when `minimumPasswordLength` is given too)"),
            );
        }
        Some(false) => w.deprecated(
            &o.path(key),
            "deprecated by Meraki, and \"values of 'false' are always ignored\": no rule is added or removed",
        ),
        None => {}
    }
    Ok(())
}

/// The one policy of a Meraki document.
fn read(doc: &Value) -> Result<Normalized> {
    let o = Obj::new(doc, "")?;
    let (mut p, mut w) = (new_policy("meraki"), Warnings::default());

    strong_passwords(&o, &mut p, &mut w)?;

    if let Gated::Value(n) =
        number(&o, "enforceDifferentPasswords", "numDifferentPasswords", Some((1, 10)), &mut p, &mut w)?
    {
        if let Some((Some(count), enforced)) =
            gate(&o, &mut w, "enforceDifferentPasswords", "numDifferentPasswords", None, n)?
        {
            p.history = Some(History { count, enforced });
        }
    }

    if let Gated::Value(days) =
        number(&o, "enforcePasswordExpiration", "passwordExpirationDays", Some((1, 365)), &mut p, &mut w)?
    {
        if let Some((days, enforced)) =
            gate(&o, &mut w, "enforcePasswordExpiration", "passwordExpirationDays", Some("password expiry"), days)?
        {
            p.settings.expiry = Some(Expiry { enforced, max_age_seconds: days.map(self::days), ..Default::default() });
        }
    }

    if let Gated::Value(attempts) =
        number(&o, "enforceAccountLockout", "accountLockoutAttempts", Some((1, 10)), &mut p, &mut w)?
    {
        if let Some((threshold, enforced)) =
            gate(&o, &mut w, "enforceAccountLockout", "accountLockoutAttempts", Some("account lockout"), attempts)?
        {
            p.settings.lockout = Some(Lockout { enforced, threshold, ..Default::default() });
        }
    }

    if let Gated::Value(idle) = number(&o, "enforceIdleTimeout", "idleTimeoutMinutes", None, &mut p, &mut w)? {
        if let Some((idle, enforced)) =
            gate(&o, &mut w, "enforceIdleTimeout", "idleTimeoutMinutes", Some("the idle timeout"), idle)?
        {
            p.settings.session =
                Some(Session { enforced, idle_timeout_seconds: idle.map(minutes), max_duration_seconds: None });
        }
    }

    if o.bool("enforceLockedIpSessions")?.is_some() {
        o.keep("enforceLockedIpSessions", &mut p);
        w.kept_extra(&o.path("enforceLockedIpSessions"), "Locking sessions to the IP address that opened them");
    }

    if let Some(required) = o.bool("enforceTwoFactorAuth")? {
        w.not_checkable(&o.path("enforceTwoFactorAuth"), "two-factor authentication");
        p.settings.mfa = Some(Mfa { required: Some(required), ..Default::default() });
    }

    let ranges = o.str_list("loginIpRanges")?;
    if let Some((ranges, enforced)) =
        gate(&o, &mut w, "enforceLoginIpRanges", "loginIpRanges", Some("a login IP allow-list"), ranges)?
    {
        p.settings.network =
            Some(Network { enforced, login_ip_ranges: ranges.unwrap_or_default(), api_key_ip_ranges: None });
    }

    if let Some(api) = o.obj("apiAuthentication")? {
        if let Some(ip) = api.obj("ipRestrictionsForKeys")? {
            let ranges = ip.str_list("ranges")?;
            if let Some((ranges, enabled)) =
                gate(&ip, &mut w, "enabled", "ranges", Some("an API key IP allow-list"), ranges)?
            {
                // Without `enforceLoginIpRanges` the login allow-list is not enforced.
                let network =
                    p.settings.network.get_or_insert_with(|| Network { enforced: false, ..Default::default() });
                network.api_key_ip_ranges = Some(IpRestriction { enabled, ranges: ranges.unwrap_or_default() });
            }
            ip.finish(&mut p, &mut w);
        }
        api.finish(&mut p, &mut w);
    }

    o.finish(&mut p, &mut w);
    Ok(Normalized { vendor: "meraki", policy: p, warnings: w.0 })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vendors::testing::{codes, failures, norm_as};
    use crate::vendors::WarningCode;
    use serde_json::json;

    const EXAMPLE: &str = include_str!("../../tests/fixtures/meraki/example.json");
    const FLAGS_OFF: &str = include_str!("../../tests/fixtures/meraki/flags_off.json");

    fn run(text: &str) -> Normalized {
        norm_as("meraki", text)
    }

    #[test]
    fn verbatim_example() {
        let n = run(EXAMPLE);
        let p = &n.policy;
        assert_eq!(p.source.vendor.as_deref(), Some("meraki"));
        assert_eq!(p.length.min, Some(8));
        assert_eq!(p.length.max, None);
        assert!(p.classes.is_empty() && p.symbols.is_none());
        assert_eq!(p.types.len(), 1);
        assert_eq!(p.types[0].required, 3);
        let of: Vec<_> = p.types[0].of.iter().map(|r| (r.class, r.min)).collect();
        assert_eq!(
            of,
            [
                (Some(CharClass::Lower), 1),
                (Some(CharClass::Upper), 1),
                (Some(CharClass::Digit), 1),
                (Some(CharClass::Symbol), 1)
            ]
        );
        assert_eq!(p.history, Some(History { count: 3, enforced: true }));
        let s = &p.settings;
        assert_eq!(
            s.expiry,
            Some(Expiry { enforced: true, max_age_seconds: Some(90.0 * 86400.0), ..Default::default() })
        );
        assert_eq!(s.lockout, Some(Lockout { enforced: true, threshold: Some(3), ..Default::default() }));
        assert_eq!(
            s.session,
            Some(Session { enforced: true, idle_timeout_seconds: Some(1800.0), max_duration_seconds: None })
        );
        assert_eq!(s.mfa.as_ref().and_then(|m| m.required), Some(true));
        let net = s.network.as_ref().unwrap();
        assert!(net.enforced);
        assert_eq!(net.login_ip_ranges, ["192.195.83.1", "192.195.83.255"]);
        assert_eq!(
            net.api_key_ip_ranges,
            Some(IpRestriction { enabled: true, ranges: vec!["192.195.83.1".into(), "192.168.33.33".into()] })
        );
        assert!(p.vendor_extras.is_empty());
        assert_eq!(
            codes(&n, WarningCode::NotCheckable),
            [
                "passwordExpirationDays",
                "accountLockoutAttempts",
                "idleTimeoutMinutes",
                "enforceTwoFactorAuth",
                "loginIpRanges",
                "apiAuthentication.ipRestrictionsForKeys.ranges"
            ]
        );
        assert_eq!(codes(&n, WarningCode::Deprecated), ["enforceStrongPasswords"]);
        assert_eq!(n.warnings.len(), 7, "{:?}", n.warnings);
    }

    #[test]
    fn flags_off_keep_numbers_as_inactive_metadata() {
        let n = run(FLAGS_OFF);
        let p = &n.policy;
        // No strong-password rule: no length, no composition.
        assert_eq!(p.length, Default::default());
        assert!(p.types.is_empty() && p.classes.is_empty());
        assert_eq!(p.history, Some(History { count: 3, enforced: false }));
        let s = &p.settings;
        assert_eq!(
            s.expiry,
            Some(Expiry { enforced: false, max_age_seconds: Some(7_776_000.0), ..Default::default() })
        );
        assert_eq!(s.lockout, Some(Lockout { enforced: false, threshold: Some(3), ..Default::default() }));
        assert_eq!(s.session.as_ref().map(|s| (s.enforced, s.idle_timeout_seconds)), Some((false, Some(1800.0))));
        assert_eq!(s.mfa.as_ref().and_then(|m| m.required), Some(false));
        let net = s.network.as_ref().unwrap();
        assert!(!net.enforced);
        assert_eq!(net.login_ip_ranges.len(), 2);
        assert_eq!(net.api_key_ip_ranges.as_ref().map(|r| (r.enabled, r.ranges.len())), Some((false, 2)));
        assert_eq!(
            codes(&n, WarningCode::Inactive),
            [
                "numDifferentPasswords",
                "passwordExpirationDays",
                "accountLockoutAttempts",
                "idleTimeoutMinutes",
                "loginIpRanges",
                "apiAuthentication.ipRestrictionsForKeys.ranges"
            ]
        );
        let w =
            n.warnings.iter().find(|w| w.path == "passwordExpirationDays" && w.code == WarningCode::Inactive).unwrap();
        assert!(w.message.contains("enforcePasswordExpiration"));
        // Serialized, the inactive flags are visible.
        let j: Value = serde_json::from_str(&p.to_json()).unwrap();
        assert_eq!(j["history"], json!({"count": 3, "enforced": false}));
        assert_eq!(j["settings"]["expiry"]["enforced"], json!(false));
    }

    #[test]
    fn absent_flag_means_not_enforced() {
        let n =
            run(r#"{"numDifferentPasswords": 5, "apiAuthentication": {"ipRestrictionsForKeys": {"enabled": true}}}"#);
        assert_eq!(n.policy.history, Some(History { count: 5, enforced: false }));
        assert_eq!(codes(&n, WarningCode::Inactive), ["numDifferentPasswords"]);
        // Only the API-key allow-list: the login allow-list is not enforced.
        let net = n.policy.settings.network.as_ref().unwrap();
        assert!(!net.enforced && net.login_ip_ranges.is_empty());
        assert_eq!(net.api_key_ip_ranges, Some(IpRestriction { enabled: true, ranges: vec![] }));
        // A flag alone is kept, and warned about at the flag.
        let n = run(r#"{"enforceAccountLockout": true, "enforceStrongPasswords": false}"#);
        assert_eq!(n.policy.settings.lockout, Some(Lockout { enforced: true, ..Default::default() }));
        assert_eq!(codes(&n, WarningCode::NotCheckable), ["enforceAccountLockout"]);
        assert!(n.policy.types.is_empty() && n.policy.length.min.is_none());
    }

    #[test]
    fn out_of_range_is_used_with_a_warning() {
        let n = run(r#"{"enforcePasswordExpiration": true, "passwordExpirationDays": 400,
                        "enforceDifferentPasswords": true, "numDifferentPasswords": 0,
                        "enforceAccountLockout": true, "accountLockoutAttempts": 11}"#);
        assert_eq!(
            codes(&n, WarningCode::OutOfRange),
            ["numDifferentPasswords", "passwordExpirationDays", "accountLockoutAttempts"]
        );
        let w = n.warnings.iter().find(|w| w.path == "passwordExpirationDays").unwrap();
        assert!(w.message.contains("400") && w.message.contains("1–365"), "{}", w.message);
        assert_eq!(n.policy.settings.expiry.and_then(|e| e.max_age_seconds), Some(400.0 * 86400.0));
        assert_eq!(n.policy.settings.lockout.and_then(|l| l.threshold), Some(11));
        // 0 is below the documented range and means nothing: left out, with its flag, both kept.
        assert_eq!(n.policy.history, None);
        let w = n.warnings.iter().find(|w| w.path == "numDifferentPasswords").unwrap();
        assert!(w.message.contains("left out") && w.message.contains("1–10"), "{}", w.message);
        assert_eq!(n.policy.vendor_extras.get("numDifferentPasswords"), Some(&json!(0)));
        assert_eq!(n.policy.vendor_extras.get("enforceDifferentPasswords"), Some(&json!(true)));
    }

    #[test]
    fn unknown_fields_are_kept_at_every_level() {
        let n = run(r#"{"enforceStrongPasswords": true, "passwordHint": 12,
                        "apiAuthentication": {"ipRestrictionsForKeys": {"enabled": true, "ranges": [], "mode": "strict"}, "other": 1}}"#);
        let unknown = codes(&n, WarningCode::UnknownField);
        assert_eq!(
            unknown,
            ["apiAuthentication.ipRestrictionsForKeys.mode", "apiAuthentication.other", "passwordHint"]
        );
        assert_eq!(n.policy.vendor_extras.get("passwordHint"), Some(&json!(12)));
        assert_eq!(n.policy.vendor_extras.get("apiAuthentication.ipRestrictionsForKeys.mode"), Some(&json!("strict")));
        assert_eq!(n.policy.vendor_extras.get("apiAuthentication.other"), Some(&json!(1)));
    }

    /// "minimumPasswordLength (integer): Minimum number of characters required in admins'
    /// passwords." and "enforceStrongPasswords (boolean): Deprecated. Values of 'false' are always
    /// ignored." (Dashboard API v1, `updateOrganizationLoginSecurity`).
    #[test]
    fn minimum_password_length_and_deprecated_strong_passwords() {
        let n = run(r#"{"minimumPasswordLength": 12}"#);
        assert_eq!(n.policy.length.min, Some(12));
        assert!(n.policy.types.is_empty());
        assert!(n.warnings.is_empty(), "{:?}", n.warnings);
        assert_eq!(failures(&n.policy, "elevenchars"), ["length.min"]);
        assert!(failures(&n.policy, "twelve chars").is_empty());

        // `false` is ignored: the length still applies, no composition rule, a deprecation warning.
        let n = run(r#"{"minimumPasswordLength": 10, "enforceStrongPasswords": false}"#);
        assert_eq!(n.policy.length.min, Some(10));
        assert!(n.policy.types.is_empty());
        assert_eq!(codes(&n, WarningCode::Deprecated), ["enforceStrongPasswords"]);
        assert!(n.warnings[0].message.contains("always ignored"), "{}", n.warnings[0].message);
        let n = run(r#"{"enforceStrongPasswords": false}"#);
        assert_eq!(n.policy, new_policy("meraki"));
        assert_eq!(codes(&n, WarningCode::Deprecated), ["enforceStrongPasswords"]);

        // `true` keeps its documented rule; with a minimum too, the larger one applies (⚖).
        let n = run(r#"{"minimumPasswordLength": 14, "enforceStrongPasswords": true}"#);
        assert_eq!((n.policy.length.min, n.policy.types.len()), (Some(14), 1));
        let n = run(r#"{"minimumPasswordLength": 6, "enforceStrongPasswords": true}"#);
        assert_eq!((n.policy.length.min, n.policy.types.len()), (Some(8), 1));
        assert_eq!(failures(&n.policy, "Pass1"), ["length.min"]);
        assert_eq!(failures(&n.policy, "password"), ["chars.types"]);
        assert!(failures(&n.policy, "Passw0rd").is_empty());

        // A 0 requires nothing and is documented nowhere: left out, kept as given.
        let n = run(r#"{"minimumPasswordLength": 0}"#);
        assert_eq!(n.policy.length.min, None);
        assert_eq!(codes(&n, WarningCode::OutOfRange), ["minimumPasswordLength"]);
        assert_eq!(n.policy.vendor_extras.get("minimumPasswordLength"), Some(&json!(0)));
        let e = read(&json!({"minimumPasswordLength": "12"})).unwrap_err();
        assert_eq!((e.code(), e.path()), ("invalid_field", Some("minimumPasswordLength")));
    }

    /// The flags on and every number 0 (a placeholder: 0 is below every documented range): no
    /// section is made of a 0, so nothing reads "Locked after 0 failed attempts".
    #[test]
    fn zeros_with_their_flags_on_are_left_out() {
        let n = run(r#"{"enforcePasswordExpiration": true, "passwordExpirationDays": 0,
                        "enforceDifferentPasswords": true, "numDifferentPasswords": 0,
                        "enforceStrongPasswords": true, "minimumPasswordLength": 0,
                        "enforceAccountLockout": true, "accountLockoutAttempts": 0,
                        "enforceIdleTimeout": true, "idleTimeoutMinutes": 0}"#);
        let p = &n.policy;
        assert_eq!(
            (&p.history, &p.settings.expiry, &p.settings.lockout, &p.settings.session),
            (&None, &None, &None, &None)
        );
        // The strong-password rule is no number: it stays.
        assert_eq!((p.length.min, p.types.len()), (Some(8), 1));
        assert_eq!(
            codes(&n, WarningCode::OutOfRange),
            [
                "minimumPasswordLength",
                "numDifferentPasswords",
                "passwordExpirationDays",
                "accountLockoutAttempts",
                "idleTimeoutMinutes"
            ]
        );
        for key in ["passwordExpirationDays", "numDifferentPasswords", "accountLockoutAttempts", "idleTimeoutMinutes"] {
            assert_eq!(p.vendor_extras.get(key), Some(&json!(0)), "{key}");
        }
        for flag in
            ["enforcePasswordExpiration", "enforceDifferentPasswords", "enforceAccountLockout", "enforceIdleTimeout"]
        {
            assert_eq!(p.vendor_extras.get(flag), Some(&json!(true)), "{flag}");
        }
        assert!(codes(&n, WarningCode::UnknownField).is_empty() && codes(&n, WarningCode::NotCheckable).is_empty());
        let d = crate::describe::describe(p, &crate::messages::Messages::english());
        for s in d.rules.iter().chain(&d.settings) {
            assert!(!s.text.contains(" 0 "), "{}", s.text);
        }
        assert_eq!(d.settings.iter().map(|s| s.code).collect::<Vec<_>>(), ["describe.vendorExtras"]);
    }

    #[test]
    fn locked_ip_sessions_are_kept() {
        // "enforceLockedIpSessions (boolean): Boolean indicating whether Dashboard sessions are
        // locked to the IP address from which they were established."
        let n = run(r#"{"enforceLockedIpSessions": true, "enforceTwoFactorAuth": true}"#);
        assert_eq!(n.policy.vendor_extras.get("enforceLockedIpSessions"), Some(&json!(true)));
        assert_eq!(codes(&n, WarningCode::NotCheckable), ["enforceLockedIpSessions", "enforceTwoFactorAuth"]);
        assert!(codes(&n, WarningCode::UnknownField).is_empty());
    }

    #[test]
    fn errors_name_the_field() {
        let err = |v: Value| read(&v).unwrap_err();
        let e = err(json!({"enforceStrongPasswords": "yes"}));
        assert_eq!((e.code(), e.path()), ("invalid_field", Some("enforceStrongPasswords")));
        let e = err(json!({"apiAuthentication": {"ipRestrictionsForKeys": {"enabled": 1}}}));
        assert_eq!((e.code(), e.path()), ("invalid_field", Some("apiAuthentication.ipRestrictionsForKeys.enabled")));
        let e = err(json!({"apiAuthentication": {"ipRestrictionsForKeys": []}}));
        assert_eq!(e.path(), Some("apiAuthentication.ipRestrictionsForKeys"));
        let e = err(json!({"loginIpRanges": ["10.0.0.1", 7]}));
        assert_eq!(e.path(), Some("loginIpRanges[1]"));
        let e = err(json!({"passwordExpirationDays": 9.5}));
        assert_eq!(e.path(), Some("passwordExpirationDays"));
        let e = err(json!({"accountLockoutAttempts": -1}));
        assert_eq!((e.code(), e.path()), ("invalid_field", Some("accountLockoutAttempts")));
        let e = err(json!({"idleTimeoutMinutes": 5_000_000_000_i64}));
        assert_eq!(e.path(), Some("idleTimeoutMinutes"));
        assert_eq!(err(json!([1])).path(), Some("$"));
    }

    #[test]
    fn nulls_are_absent() {
        let n = run(
            r#"{"enforceStrongPasswords": null, "passwordExpirationDays": null, "enforcePasswordExpiration": null}"#,
        );
        assert_eq!(n.policy, new_policy("meraki"));
        assert!(n.warnings.is_empty());
    }

    #[test]
    fn detected_automatically() {
        let out = crate::vendors::normalize(EXAMPLE, None).unwrap();
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].vendor, "meraki");
        assert_eq!(out[0].policy.length.min, Some(8));
        assert_eq!(crate::vendors::detect_vendor(r#"{"idleTimeoutMinutes": 5}"#).unwrap(), "meraki");
        // The current API's new fields are Meraki's alone.
        let n = crate::vendors::normalize(r#"{"minimumPasswordLength": 12}"#, None).unwrap();
        assert_eq!((n[0].vendor, n[0].policy.length.min), ("meraki", Some(12)));
        assert_eq!(crate::vendors::detect_vendor(r#"{"enforceLockedIpSessions": true}"#).unwrap(), "meraki");
    }
}
