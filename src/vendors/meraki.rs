//! Cisco Meraki Dashboard API `loginSecurity` (`GET`/`PUT /organizations/{id}/loginSecurity`):
//! the bare object, every field optional.
//!
//! - `enforceStrongPasswords: true`: at least 8 characters and 3 of lower, upper, digit, symbol
//!   (the symbol set is open, so the Unicode default is kept). False or absent: no rule at all.
//! - Each number applies only when its `enforce*` flag is true. Otherwise it is kept with
//!   `enforced: false` and an `inactive` warning.
//! - Everything else (expiry, lockout, idle timeout, 2FA, IP ranges) goes to `settings`.
//!
//! Also holds [`int_field`], the integer reader shared by the Sumo Logic and Scaleway adapters.

use serde_json::Value;

use super::fields::{count_field, days, minutes, Obj};
use super::{new_policy, Document, Normalized, Warnings};
use crate::error::Result;
use crate::policy::{
    CharClass, Expiry, History, IpRestriction, Lockout, Mfa, Network, Requirement, Session, TypesRule,
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

pub fn normalize(doc: &Document) -> Result<Vec<Normalized>> {
    Ok(vec![read(doc.value())?])
}

/// The one policy of a Meraki document.
fn read(doc: &Value) -> Result<Normalized> {
    let o = Obj::new(doc, "")?;
    let (mut p, mut w) = (new_policy("meraki"), Warnings::default());

    if o.bool("enforceStrongPasswords")? == Some(true) {
        p.length.min = Some(8);
        let of =
            [CharClass::Lower, CharClass::Upper, CharClass::Digit, CharClass::Symbol].map(|c| Requirement::class(c, 1));
        p.types.push(TypesRule { required: 3, of: of.to_vec() });
    }

    let n = count_field(&o, "numDifferentPasswords", Some((1, 10)), &mut w)?;
    if let Some((Some(count), enforced)) =
        gate(&o, &mut w, "enforceDifferentPasswords", "numDifferentPasswords", None, n)?
    {
        p.history = Some(History { count, enforced });
    }

    let days = count_field(&o, "passwordExpirationDays", Some((1, 365)), &mut w)?;
    if let Some((days, enforced)) =
        gate(&o, &mut w, "enforcePasswordExpiration", "passwordExpirationDays", Some("password expiry"), days)?
    {
        p.settings.expiry = Some(Expiry { enforced, max_age_seconds: days.map(self::days), ..Default::default() });
    }

    let attempts = count_field(&o, "accountLockoutAttempts", Some((1, 10)), &mut w)?;
    if let Some((threshold, enforced)) =
        gate(&o, &mut w, "enforceAccountLockout", "accountLockoutAttempts", Some("account lockout"), attempts)?
    {
        p.settings.lockout = Some(Lockout { enforced, threshold, ..Default::default() });
    }

    let idle = count_field(&o, "idleTimeoutMinutes", None, &mut w)?;
    if let Some((idle, enforced)) =
        gate(&o, &mut w, "enforceIdleTimeout", "idleTimeoutMinutes", Some("the idle timeout"), idle)?
    {
        p.settings.session =
            Some(Session { enforced, idle_timeout_seconds: idle.map(minutes), max_duration_seconds: None });
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
    use crate::vendors::testing::{codes, norm_as};
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
        assert_eq!(n.warnings.len(), 6, "{:?}", n.warnings);
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
        assert_eq!(n.policy.history.map(|h| h.count), Some(0));
        assert_eq!(n.policy.settings.lockout.and_then(|l| l.threshold), Some(11));
    }

    #[test]
    fn unknown_fields_are_kept_at_every_level() {
        let n = run(r#"{"enforceStrongPasswords": true, "minimumPasswordLength": 12,
                        "apiAuthentication": {"ipRestrictionsForKeys": {"enabled": true, "ranges": [], "mode": "strict"}, "other": 1}}"#);
        let unknown = codes(&n, WarningCode::UnknownField);
        assert_eq!(
            unknown,
            ["apiAuthentication.ipRestrictionsForKeys.mode", "apiAuthentication.other", "minimumPasswordLength"]
        );
        assert_eq!(n.policy.vendor_extras.get("minimumPasswordLength"), Some(&json!(12)));
        assert_eq!(n.policy.vendor_extras.get("apiAuthentication.ipRestrictionsForKeys.mode"), Some(&json!("strict")));
        assert_eq!(n.policy.vendor_extras.get("apiAuthentication.other"), Some(&json!(1)));
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
    }
}
