//! Active Directory password policies as PowerShell's `ConvertTo-Json` writes them: the output of
//! `Get-ADDefaultDomainPasswordPolicy` (the domain's policy, `objectClass` `domainDNS`) or of
//! `Get-ADFineGrainedPasswordPolicy` (a password settings object, `ObjectClass`
//! `msDS-PasswordSettings`), one object or an array of them (one policy each, paths `[i].`).
//!
//! Follows Microsoft Learn: the cmdlets' reference (MicrosoftDocs/windows-powershell-docs,
//! `docset/winserver2022-ps/activedirectory/Get-ADDefaultDomainPasswordPolicy.md` and
//! `Get-ADFineGrainedPasswordPolicy.md`), and the security policy settings ("Password must meet
//! complexity requirements", "Minimum password length", "Maximum password age", "Minimum password
//! age", "Enforce password history", "Account lockout threshold", "Account lockout duration",
//! "Reset account lockout counter after", "Store passwords using reversible encryption";
//! MicrosoftDocs/windows-itpro-docs, `windows/security/threat-protection/security-policy-settings/`,
//! 2023).
//!
//! - `ComplexityEnabled` true → what Windows' password filter checks:
//!   - 3 of: an upper-case letter, a lower-case letter, a digit, one of the 32 listed
//!     non-alphanumeric characters `~!@#$%^&*_-+=`|\(){}[]:;"'<>,.?/` (currency symbols do not
//!     count), a letter that is neither upper nor lower case (`otherLetter`) — a `types` rule;
//!   - the account name (sAMAccountName: the context's `username`) is not in the password, whole,
//!     case-insensitive, when it has 3 characters or more (`delimiters: ""`, `minTokenLength: 3`);
//!   - no token of 3 characters or more of the display name (the context's attribute
//!     `displayName`), cut at `,` `.` `-` `_` `#`, tab and space, is in the password.
//! - `MinPasswordLength` → `length.min` (0: no minimum, warned; documented up to 14, up to 128
//!   with `RelaxMinimumPasswordLengthLimits`, above: `out_of_range`).
//! - `PasswordHistoryCount` → `history` (0: none; above 1024, the password settings object's
//!   limit: `out_of_range`).
//! - `MaxPasswordAge`, `MinPasswordAge` → `settings.expiry` (a maximum of 0: never expires);
//!   `LockoutThreshold` → `settings.lockout.threshold` (0: never locked out, and then the lockout
//!   durations mean nothing); `LockoutDuration` (0: until an administrator unlocks) and
//!   `LockoutObservationWindow` → its durations. A duration is a .NET TimeSpan: the object
//!   `ConvertTo-Json` writes (`Ticks`, `Days`, …, `TotalSeconds`; `Ticks` is read) or the string
//!   a `Select-Object` or an older PowerShell gives (`[-][d.]hh:mm:ss[.fffffff]`).
//! - `ReversibleEncryptionEnabled` (how the password is stored) → `vendorExtras`, `not_checkable`.
//! - `Name` (or `DisplayName`) → `source.name`, `DistinguishedName` → `source.id`, `Description`
//!   → `source.description`; `Precedence`, `AppliesTo`, `ObjectGUID`/`objectGuid` →
//!   `vendorExtras` as they are. The members `ConvertTo-Json` writes for the object itself
//!   (`PropertyNames`, `AddedProperties`, `RemovedProperties`, `ModifiedProperties`,
//!   `PropertyCount`) are left out, by name (`ignored`).

use serde_json::Value;

use super::fields::{count_or_zero, list_or_one, type_name, Obj, Zero};
use super::{new_policy, Document, Normalized, Warnings};
use crate::error::{PolicyError, Result};
use crate::policy::{
    AttributeCheck, CharClass, CharSet, ContextCheck, Expiry, History, Lockout, MatchMode, Policy, Requirement,
    TypesRule,
};

/// Keys of `Get-ADDefaultDomainPasswordPolicy` and `Get-ADFineGrainedPasswordPolicy` that no other
/// vendor's documents have (PowerShell writes the property names as the cmdlets define them).
pub const KEYS: &[&str] = &["LockoutObservationWindow", "ReversibleEncryptionEnabled", "ComplexityEnabled"];

/// The non-alphanumeric characters of Windows' complexity rule, as Microsoft lists them.
pub const NON_ALPHANUMERIC: &str = "~!@#$%^&*_-+=`|\\(){}[]:;\"'<>,.?/";
/// Where Windows cuts a display name into tokens.
pub const DISPLAY_NAME_DELIMITERS: &str = ",.-_# \t";
/// Tokens (and account names) shorter than this are not looked for.
const MIN_TOKEN: u32 = 3;

/// The documented upper bounds.
const MAX_LENGTH: i64 = 128;
const MAX_HISTORY: i64 = 1024;
const MAX_THRESHOLD: i64 = 65_535;
const MAX_AGE_DAYS: f64 = 999.0;
const MAX_LOCKOUT_MINUTES: f64 = 99_999.0;

/// The members `ConvertTo-Json` writes for an ADEntity object itself.
const ENTITY_MEMBERS: &[&str] =
    &["PropertyNames", "AddedProperties", "RemovedProperties", "ModifiedProperties", "PropertyCount"];
/// Kept under vendorExtras as they are, without a warning.
const KEPT: &[&str] = &["Precedence", "AppliesTo", "ObjectGUID", "objectGuid"];

/// TimeSpan ticks per second.
const TICKS_PER_SECOND: f64 = 10_000_000.0;

/// One policy of either cmdlet: an object with a key only they write.
pub fn is_policy(v: &Value) -> bool {
    let Value::Object(m) = v else { return false };
    KEYS.iter().any(|k| m.contains_key(*k))
}

pub fn normalize(doc: &Document) -> Result<Vec<Normalized>> {
    list_or_one(doc.value(), one)
}

fn one(v: &Value, base: &str) -> Result<Normalized> {
    let o = Obj::new(v, base)?;
    let (mut p, mut w) = (new_policy("active-directory"), Warnings::default());

    for key in ["objectClass", "ObjectClass"] {
        object_class(&o, key)?;
    }
    p.source.name = match o.str("Name")? {
        Some(n) => Some(n.to_string()),
        None => o.str("DisplayName")?.map(str::to_string),
    };
    if o.has("Name") {
        if let Some(d) = o.str("DisplayName")? {
            p.extra(o.path("DisplayName"), Value::String(d.to_string()));
        }
    }
    p.source.id = o.str("DistinguishedName")?.map(str::to_string);
    p.source.description = o.str("Description")?.map(str::to_string);
    for key in KEPT {
        o.keep(key, &mut p);
    }
    let members: Vec<&str> = ENTITY_MEMBERS.iter().copied().filter(|k| o.has(k)).collect();
    if !members.is_empty() {
        members.iter().for_each(|k| o.skip(k));
        w.left_out(&o.base_path(), "the PowerShell object", &members);
    }

    if o.bool("ComplexityEnabled")? == Some(true) {
        complexity(&mut p, &mut w, &o.path("ComplexityEnabled"));
    }
    if let Some(n) = count_or_zero(&o, "MinPasswordLength", None, Zero::Means("no minimum length"), &mut p, &mut w)? {
        if i64::from(n) > MAX_LENGTH {
            w.out_of_range(&o.path("MinPasswordLength"), n, "0-14, up to 128 with RelaxMinimumPasswordLengthLimits");
        }
        p.length.min = Some(n);
    }
    if let Some(n) = count_or_zero(&o, "PasswordHistoryCount", None, Zero::Means("no history"), &mut p, &mut w)? {
        if i64::from(n) > MAX_HISTORY {
            w.out_of_range(&o.path("PasswordHistoryCount"), n, "0-24, 0-1024 in a password settings object");
        }
        p.history = Some(History { count: n, enforced: true });
    }
    expiry(&o, &mut p, &mut w)?;
    lockout(&o, &mut p, &mut w)?;
    if o.bool("ReversibleEncryptionEnabled")?.is_some() {
        o.keep("ReversibleEncryptionEnabled", &mut p);
        w.kept_extra(&o.path("ReversibleEncryptionEnabled"), "How passwords are stored (reversible encryption)");
    }
    o.finish(&mut p, &mut w);
    Ok(Normalized { vendor: "active-directory", policy: p, warnings: w.0 })
}

/// `objectClass`: `domainDNS` or `msDS-PasswordSettings`, a string or a list of them.
fn object_class(o: &Obj, key: &str) -> Result<()> {
    let known = |s: &str| s == "domainDNS" || s == "msDS-PasswordSettings";
    let ok = match o.raw(key) {
        None => true,
        Some(Value::String(s)) => known(s),
        Some(Value::Array(items)) => items.iter().all(|i| i.as_str().is_some_and(known)),
        Some(_) => false,
    };
    if ok {
        Ok(())
    } else {
        Err(PolicyError::field(
            o.path(key),
            "not a password policy: expected domainDNS (the domain's policy) or msDS-PasswordSettings (a fine-grained policy)",
        ))
    }
}

/// Windows' complexity rule, as "Password must meet complexity requirements" documents it.
fn complexity(p: &mut Policy, w: &mut Warnings, path: &str) {
    p.types.push(TypesRule {
        required: 3,
        of: vec![
            Requirement::class(CharClass::Upper, 1),
            Requirement::class(CharClass::Lower, 1),
            Requirement::class(CharClass::Digit, 1),
            Requirement {
                class: None,
                chars: Some(CharSet::chars(NON_ALPHANUMERIC)),
                name: Some("non-alphanumeric character".to_string()),
                min: 1,
            },
            Requirement::class(CharClass::OtherLetter, 1),
        ],
    });
    p.context.username = Some(ContextCheck {
        match_mode: MatchMode::Substring,
        min_token_length: MIN_TOKEN,
        delimiters: Some(String::new()),
    });
    p.context.attributes = Some(AttributeCheck {
        names: Some(vec!["displayName".to_string()]),
        match_mode: MatchMode::Substring,
        min_token_length: MIN_TOKEN,
        delimiters: Some(DISPLAY_NAME_DELIMITERS.to_string()),
        ..Default::default()
    });
    w.approximation(
        path,
        "Windows names its letters \"of European languages\" (Latin with diacritics, Greek, Cyrillic); read as Unicode's upper- and lower-case letters (Lu and Lt, Ll), and its \"base 10 digits\" as Unicode's decimal digits (Nd)",
    );
    w.approximation(
        path,
        "the account name is the context's `username` (sAMAccountName) and the full name its attribute `displayName`; Windows compares them without regard to case, as this library lower-cases both",
    );
}

/// A TimeSpan in seconds: the object `ConvertTo-Json` writes (its `Ticks`, or `TotalSeconds`) or
/// the string `[-][d.]hh:mm:ss[.fffffff]`. `None` when absent; negative values are an error.
fn timespan(o: &Obj, key: &str) -> Result<Option<f64>> {
    let path = o.path(key);
    let bad = |what: &str| PolicyError::field(path.clone(), format!("expected a TimeSpan, found {what}"));
    let seconds = match o.raw(key) {
        None => return Ok(None),
        Some(Value::String(s)) => parse_timespan(s).ok_or_else(|| bad("a string that is not `[d.]hh:mm:ss`"))?,
        Some(v @ Value::Object(_)) => {
            let t = Obj::new(v, &path)?;
            let secs = match t.int("Ticks")? {
                Some(ticks) => ticks as f64 / TICKS_PER_SECOND,
                None => match t.raw("TotalSeconds") {
                    Some(Value::Number(n)) => n.as_f64().unwrap_or(0.0),
                    Some(other) => return Err(bad(type_name(other))),
                    None => return Err(bad("an object without `Ticks` or `TotalSeconds`")),
                },
            };
            for member in TIMESPAN_MEMBERS {
                t.skip(member);
            }
            // Any other member is no TimeSpan's.
            if let Some(k) = t.keys().find(|k| !TIMESPAN_MEMBERS.contains(&k.as_str()) && k.as_str() != "Ticks") {
                return Err(PolicyError::field(format!("{path}.{k}"), "not a member of a TimeSpan"));
            }
            secs
        }
        Some(other) => return Err(bad(type_name(other))),
    };
    if seconds < 0.0 {
        return Err(PolicyError::field(path, "a negative duration has no meaning here"));
    }
    Ok(Some(seconds))
}

/// The members of a .NET TimeSpan besides `Ticks` (.NET 7 added the micro- and nanoseconds).
const TIMESPAN_MEMBERS: &[&str] = &[
    "Days",
    "Hours",
    "Minutes",
    "Seconds",
    "Milliseconds",
    "Microseconds",
    "Nanoseconds",
    "TotalDays",
    "TotalHours",
    "TotalMinutes",
    "TotalSeconds",
    "TotalMilliseconds",
    "TotalMicroseconds",
    "TotalNanoseconds",
];

/// `[-][d.]hh:mm:ss[.fffffff]` (TimeSpan's constant format) in seconds.
fn parse_timespan(s: &str) -> Option<f64> {
    let s = s.trim();
    let (negative, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (days, clock) = match s.split_once(':') {
        Some((head, _)) if head.contains('.') => {
            let (d, rest) = s.split_once('.')?;
            (d.parse::<u64>().ok()?, rest)
        }
        _ => (0, s),
    };
    let mut parts = clock.split(':');
    let (h, m, sec) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let (whole, fraction) = sec.split_once('.').unwrap_or((sec, ""));
    if !digits(h) || !digits(m) || !digits(whole) || !(fraction.is_empty() || digits(fraction)) {
        return None;
    }
    let (h, m, whole) = (h.parse::<u64>().ok()?, m.parse::<u64>().ok()?, whole.parse::<u64>().ok()?);
    if h > 23 || m > 59 || whole > 59 || fraction.len() > 7 {
        return None;
    }
    let fraction = if fraction.is_empty() { 0.0 } else { format!("0.{fraction}").parse::<f64>().ok()? };
    let total = (days * 86_400 + h * 3_600 + m * 60 + whole) as f64 + fraction;
    Some(if negative { -total } else { total })
}

fn expiry(o: &Obj, p: &mut Policy, w: &mut Warnings) -> Result<()> {
    let max = timespan(o, "MaxPasswordAge")?;
    let min = timespan(o, "MinPasswordAge")?;
    if max == Some(0.0) {
        w.zero_means(&o.path("MaxPasswordAge"), "passwords never expire (\"0 = never expires\")");
    }
    if min == Some(0.0) {
        w.zero_means(&o.path("MinPasswordAge"), "no minimum age (\"changed immediately\")");
    }
    let (max, min) = (max.filter(|s| *s > 0.0), min.filter(|s| *s > 0.0));
    for (key, value) in [("MaxPasswordAge", max), ("MinPasswordAge", min)] {
        if let Some(s) = value {
            if s / 86_400.0 > MAX_AGE_DAYS {
                w.out_of_range(&o.path(key), format!("{} days", s / 86_400.0), "0-999 days");
            }
            w.not_checkable(
                &o.path(key),
                if key == "MaxPasswordAge" { "password expiry" } else { "the minimum password age" },
            );
        }
    }
    if max.is_some() || min.is_some() {
        p.settings.expiry = Some(Expiry { max_age_seconds: max, min_age_seconds: min, ..Default::default() });
    }
    Ok(())
}

fn lockout(o: &Obj, p: &mut Policy, w: &mut Warnings) -> Result<()> {
    let threshold = count_or_zero(o, "LockoutThreshold", None, Zero::Means("never locked out"), p, w)?;
    if let Some(n) = threshold {
        if i64::from(n) > MAX_THRESHOLD {
            w.out_of_range(&o.path("LockoutThreshold"), n, "0-999, 0-65535 in a password settings object");
        }
    }
    let duration = timespan(o, "LockoutDuration")?;
    let window = timespan(o, "LockoutObservationWindow")?;
    for (key, value) in [("LockoutDuration", duration), ("LockoutObservationWindow", window)] {
        if let Some(s) = value.filter(|s| s / 60.0 > MAX_LOCKOUT_MINUTES) {
            w.out_of_range(&o.path(key), format!("{} minutes", s / 60.0), "0-99999 minutes");
        }
    }
    let Some(threshold) = threshold else {
        // No lockout: its durations are kept as they were written, and mean nothing.
        for key in ["LockoutDuration", "LockoutObservationWindow"] {
            if o.raw(key).is_some() {
                o.keep(key, p);
                w.inactive(&o.path(key), "LockoutThreshold");
            }
        }
        return Ok(());
    };
    w.not_checkable(&o.path("LockoutThreshold"), "account lockout");
    p.settings.lockout = Some(Lockout {
        threshold: Some(threshold),
        duration_seconds: duration.filter(|s| *s > 0.0),
        until_unlocked: duration == Some(0.0),
        reset_window_seconds: window,
        ..Default::default()
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::vendors::testing::{codes, failures, failures_in, norm_json};
    use crate::vendors::WarningCode;
    use crate::Context;

    fn timespan_object(days: u64, hours: u64, minutes: u64) -> Value {
        let secs = days * 86_400 + hours * 3_600 + minutes * 60;
        json!({
            "Ticks": secs * 10_000_000, "Days": days, "Hours": hours, "Milliseconds": 0, "Minutes": minutes,
            "Seconds": 0, "TotalDays": secs as f64 / 86_400.0, "TotalHours": secs as f64 / 3_600.0,
            "TotalMilliseconds": secs * 1000, "TotalMinutes": secs as f64 / 60.0, "TotalSeconds": secs
        })
    }

    /// `Get-ADDefaultDomainPasswordPolicy | ConvertTo-Json` with Windows' defaults.
    fn default_domain() -> Value {
        json!({
            "ComplexityEnabled": true,
            "DistinguishedName": "DC=fabrikam,DC=com",
            "LockoutDuration": timespan_object(0, 0, 30),
            "LockoutObservationWindow": timespan_object(0, 0, 30),
            "LockoutThreshold": 0,
            "MaxPasswordAge": timespan_object(42, 0, 0),
            "MinPasswordAge": timespan_object(1, 0, 0),
            "MinPasswordLength": 7,
            "objectClass": ["domainDNS"],
            "objectGuid": "2f1e1d5a-3c62-4d1b-8a5a-2c0e0f0b1a11",
            "PasswordHistoryCount": 24,
            "ReversibleEncryptionEnabled": false,
            "PropertyNames": ["ComplexityEnabled", "DistinguishedName"],
            "AddedProperties": [], "RemovedProperties": [], "ModifiedProperties": [], "PropertyCount": 12
        })
    }

    #[test]
    fn default_domain_policy() {
        let n = norm_json("active-directory", default_domain());
        let p = &n.policy;
        assert_eq!(p.length.min, Some(7));
        assert_eq!(p.history, Some(History { count: 24, enforced: true }));
        let e = p.settings.expiry.as_ref().unwrap();
        assert_eq!((e.max_age_seconds, e.min_age_seconds), (Some(42.0 * 86_400.0), Some(86_400.0)));
        // LockoutThreshold 0: never locked out; the durations are kept, inactive.
        assert_eq!(p.settings.lockout, None);
        assert_eq!(
            codes(&n, WarningCode::Inactive),
            ["LockoutThreshold", "LockoutDuration", "LockoutObservationWindow"]
        );
        assert_eq!(p.source.id.as_deref(), Some("DC=fabrikam,DC=com"));
        assert!(
            p.vendor_extras.contains_key("objectGuid") && p.vendor_extras.contains_key("ReversibleEncryptionEnabled")
        );
        assert_eq!(codes(&n, WarningCode::Ignored), [""]);
        assert!(codes(&n, WarningCode::UnknownField).is_empty());
        // Complexity: 3 of 5 categories.
        assert!(failures(p, "Passw0rd").is_empty());
        assert!(failures(p, "passw0rd!").is_empty());
        assert!(failures(p, "PASSWORD!1").is_empty());
        assert_eq!(failures(p, "PASSWORD!"), ["chars.types"]);
        assert!(failures(p, "パスワードpass1").is_empty());
        assert_eq!(failures(p, "password1"), ["chars.types"]);
        assert_eq!(failures(p, "Password€£"), ["chars.types"]);
        assert_eq!(failures(p, "Pass"), ["length.min", "chars.types"]);
    }

    #[test]
    fn account_and_display_name() {
        let n = norm_json("active-directory", default_domain());
        let ctx = |user: &str| Context {
            username: Some(user.into()),
            attributes: [("displayName".to_string(), "Erin M. Hagens".to_string())].into_iter().collect(),
            ..Default::default()
        };
        let p = &n.policy;
        assert_eq!(failures_in(p, "Xx-ehagens-1", &ctx("ehagens")), ["context.username", "context.attribute"]);
        assert_eq!(failures_in(p, "Xx-ERIN-1", &ctx("ehagens")), ["context.attribute"]);
        // Two characters: the account name is not looked for; the "M" token neither.
        assert!(failures_in(p, "Xx-em-M-1", &ctx("em")).is_empty());
    }

    #[test]
    fn fine_grained_list_with_string_timespans() {
        let doc = json!([
            {
                "Name": "AdminsPSO", "ComplexityEnabled": false, "LockoutThreshold": 5,
                "ReversibleEncryptionEnabled": false, "LockoutDuration": "00:00:00",
                "LockoutObservationWindow": "00:30:00", "MinPasswordLength": 15, "Precedence": 200,
                "ObjectGUID": "ba1061f0-c947-4018-a399-6ad8897d26e3", "ObjectClass": "msDS-PasswordSettings",
                "PasswordHistoryCount": 0, "MinPasswordAge": "1.00:00:00", "MaxPasswordAge": "00:00:00",
                "AppliesTo": ["CN=Admins,CN=Users,DC=example,DC=com"],
                "DistinguishedName": "CN=AdminsPSO,CN=Password Settings Container,CN=System,DC=example,DC=com"
            },
            { "Name": "Everyone", "ComplexityEnabled": true, "MinPasswordLength": 0, "LockoutObservationWindow": "1.02:03:04.5" }
        ]);
        let out = crate::vendors::normalize_document(&Document::Json(doc), None).unwrap();
        assert_eq!(out.len(), 2);
        let p = &out[0].policy;
        assert_eq!(p.source.name.as_deref(), Some("AdminsPSO"));
        assert!(p.types.is_empty() && p.context.username.is_none());
        assert_eq!(p.length.min, Some(15));
        assert_eq!(p.history, None);
        let l = p.settings.lockout.as_ref().unwrap();
        assert_eq!((l.threshold, l.until_unlocked, l.reset_window_seconds), (Some(5), true, Some(1800.0)));
        let e = p.settings.expiry.as_ref().unwrap();
        assert_eq!((e.max_age_seconds, e.min_age_seconds), (None, Some(86_400.0)));
        assert_eq!(p.vendor_extras.get("[0].Precedence"), Some(&json!(200)));
        let q = &out[1].policy;
        assert_eq!(q.length.min, None);
        assert_eq!(q.types.len(), 1);
        assert_eq!(codes(&out[1], WarningCode::Inactive), ["[1].MinPasswordLength", "[1].LockoutObservationWindow"]);
        assert_eq!(q.vendor_extras.get("[1].LockoutObservationWindow"), Some(&json!("1.02:03:04.5")));
    }

    #[test]
    fn timespans() {
        for (s, secs) in [
            ("00:30:00", Some(1800.0)),
            ("42.00:00:00", Some(42.0 * 86_400.0)),
            ("1.02:03:04.5", Some(93_784.5)),
            ("-00:00:01", Some(-1.0)),
            ("24:00:00", None),
            ("1:2", None),
            ("90d", None),
            ("1.00:00:00:00", None),
            ("", None),
        ] {
            assert_eq!(parse_timespan(s), secs, "{s}");
        }
        let bad = |v: Value| {
            let doc = json!({ "ComplexityEnabled": true, "MaxPasswordAge": v });
            crate::vendors::normalize_document(&Document::Json(doc), Some("active-directory")).unwrap_err()
        };
        assert_eq!(bad(json!("90d")).path(), Some("MaxPasswordAge"));
        assert_eq!(bad(json!(42)).path(), Some("MaxPasswordAge"));
        assert_eq!(bad(json!("-1.00:00:00")).path(), Some("MaxPasswordAge"));
        assert_eq!(bad(json!({ "Days": 42 })).path(), Some("MaxPasswordAge"));
        assert_eq!(bad(json!({ "Ticks": 1, "Weeks": 6 })).path(), Some("MaxPasswordAge.Weeks"));
        assert_eq!(bad(json!({ "Ticks": 1.5 })).path(), Some("MaxPasswordAge.Ticks"));
        // TotalSeconds alone is enough.
        let n = norm_json(
            "active-directory",
            json!({ "ComplexityEnabled": false, "MaxPasswordAge": { "TotalSeconds": 3600 } }),
        );
        assert_eq!(n.policy.settings.expiry.unwrap().max_age_seconds, Some(3600.0));
    }

    #[test]
    fn wrong_types_ranges_and_unknown_fields() {
        let err = |doc: Value| {
            crate::vendors::normalize_document(&Document::Json(doc), Some("active-directory")).unwrap_err()
        };
        assert_eq!(err(json!({ "ComplexityEnabled": "yes" })).path(), Some("ComplexityEnabled"));
        assert_eq!(
            err(json!({ "ComplexityEnabled": true, "MinPasswordLength": -1 })).path(),
            Some("MinPasswordLength")
        );
        assert_eq!(err(json!({ "ComplexityEnabled": true, "objectClass": "user" })).path(), Some("objectClass"));
        assert_eq!(
            err(json!({ "ComplexityEnabled": true, "ObjectClass": ["msDS-PasswordSettings", 1] })).path(),
            Some("ObjectClass")
        );
        assert_eq!(err(json!([])).path(), Some("$"));
        let n = norm_json(
            "active-directory",
            json!({ "ComplexityEnabled": true, "MinPasswordLength": 200, "PasswordHistoryCount": 2000,
                    "LockoutThreshold": 70000, "MaxPasswordAge": "1000.00:00:00", "msDS-LockoutThreshold": 3 }),
        );
        assert_eq!(
            codes(&n, WarningCode::OutOfRange),
            ["MinPasswordLength", "PasswordHistoryCount", "MaxPasswordAge", "LockoutThreshold"]
        );
        assert_eq!(codes(&n, WarningCode::UnknownField), ["msDS-LockoutThreshold"]);
        assert_eq!(n.policy.vendor_extras.get("msDS-LockoutThreshold"), Some(&json!(3)));
    }

    #[test]
    fn detection() {
        use crate::vendors::detect;
        assert_eq!(detect(&Document::Json(default_domain())).unwrap(), "active-directory");
        let list = json!([{ "Name": "a", "LockoutObservationWindow": "00:30:00" }, { "ComplexityEnabled": true }]);
        assert_eq!(detect(&Document::Json(list)).unwrap(), "active-directory");
        assert!(detect(&Document::Json(json!({ "MinPasswordLength": 8, "Name": "x" }))).is_err());
        assert!(detect(&Document::Json(json!([{ "ComplexityEnabled": true }, { "Name": "x" }]))).is_err());
    }
}
