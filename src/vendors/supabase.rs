//! Supabase Auth (GoTrue) password policy, in two forms:
//!
//! - the Management API's auth configuration, `GET /v1/projects/{ref}/config/auth`
//!   (`AuthConfigResponse`): `password_min_length`, `password_required_characters`,
//!   `password_hibp_enabled`, `security_update_password_require_reauthentication`; its many other
//!   fields (sign-up, e-mail, SMS, OAuth providers, hooks, sessions, rate limits, MFA, …) are left
//!   out with one `ignored` warning naming them, except an unknown `password_*` field (kept,
//!   `unknown_field`);
//! - GoTrue's environment, as a JSON object of variables: `GOTRUE_PASSWORD_MIN_LENGTH`,
//!   `GOTRUE_PASSWORD_REQUIRED_CHARACTERS`, `GOTRUE_PASSWORD_HIBP_ENABLED` (and the HIBP tuning
//!   variables), `GOTRUE_SECURITY_UPDATE_PASSWORD_REQUIRE_REAUTHENTICATION`; values are strings
//!   (numbers and booleans accepted); the other variables are left out the same way.
//!
//! Follows supabase/auth (GoTrue) at its 2025 `master`: `internal/conf/configuration.go`
//! (`PasswordConfiguration`, `PasswordRequiredCharacters.Decode`, `defaultMinPasswordLength = 6`),
//! `internal/api/password.go` (`checkPasswordStrength`, `MaxPasswordLength = 72`), the README's
//! variable list, and the Management API's `password_required_characters` enumeration.
//!
//! - Minimum length: absent, `null` or below 6 is 6 (GoTrue raises it: "defaults to 6"; below 6 an
//!   `out_of_range` warning). GoTrue counts Go's `len(password)`, bytes of UTF-8, and bcrypt
//!   takes at most 72 bytes ("Password cannot be longer than 72 characters") → `length.max` 72.
//!   The canonical model has no byte unit: code points, with an `approximation` warning (equal
//!   for ASCII; a non-ASCII character is 2–4 bytes).
//! - Required characters: `:`-separated sets, `\:` a literal colon (GoTrue's `Decode`, whose
//!   quirks are kept: the backslash is dropped, an escaped part is not re-examined), "at least one
//!   character of each" (`strings.ContainsAny`) → one `sets` rule per set, exact characters. The
//!   Management API accepts only four values ([`REQUIRED_CHARACTERS`]); another is `out_of_range`
//!   there (GoTrue's variable takes any).
//! - HaveIBeenPwned (`password_hibp_enabled`, `GOTRUE_PASSWORD_HIBP_ENABLED`) → the `breached`
//!   rule with `max` 0 (GoTrue rejects a password the range API reports at all); the HIBP tuning
//!   variables (fail closed, user agent, bloom filter) → vendorExtras.
//! - Reauthentication before a password change → vendorExtras (`not_checkable` when true).

use serde_json::Value;

use super::fields::Obj;
use super::{new_policy, Document, Normalized, WarningCode, Warnings};
use crate::error::{PolicyError, Result};
use crate::policy::{BreachedRule, CharSet, LengthUnit, Policy, SetMin};

/// Keys only Supabase uses: the Management API's and GoTrue's password settings.
pub const KEYS: &[&str] = &[
    "password_min_length",
    "password_required_characters",
    "password_hibp_enabled",
    "GOTRUE_PASSWORD_MIN_LENGTH",
    "GOTRUE_PASSWORD_REQUIRED_CHARACTERS",
    "GOTRUE_PASSWORD_HIBP_ENABLED",
];

/// The values the Management API accepts for `password_required_characters` (as decoded text:
/// `\:` is a literal colon), the dashboard's "No required characters", "Letters and digits",
/// "Lowercase, uppercase letters and digits", "… and symbols".
pub const REQUIRED_CHARACTERS: [&str; 4] = [
    "",
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ:0123456789",
    "abcdefghijklmnopqrstuvwxyz:ABCDEFGHIJKLMNOPQRSTUVWXYZ:0123456789",
    "abcdefghijklmnopqrstuvwxyz:ABCDEFGHIJKLMNOPQRSTUVWXYZ:0123456789:!@#$%^&*()_+-=[]{};'\\:\"|<>?,./`~",
];

/// GoTrue's `defaultMinPasswordLength`: a smaller minimum is raised to it.
const MIN_LENGTH: i64 = 6;
/// bcrypt's limit, GoTrue's `MaxPasswordLength` (bytes).
const MAX_LENGTH: u32 = 72;

/// The names of the sets GoTrue's documented values use.
const SET_NAMES: &[(&str, &str)] = &[
    ("abcdefghijklmnopqrstuvwxyz", "lowercase letter (a–z)"),
    ("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "uppercase letter (A–Z)"),
    ("0123456789", "digit (0–9)"),
    ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", "letter (a–z, A–Z)"),
    ("!@#$%^&*()_+-=[]{};':\"|<>?,./`~", "symbol"),
];

/// The field names of one form.
struct Form {
    min: &'static str,
    chars: &'static str,
    hibp: &'static str,
    reauth: &'static str,
    /// Prefix of this form's password fields (an unknown one is `unknown_field`).
    prefix: &'static str,
    /// Other fields of this form that are read.
    extras: &'static [&'static str],
    env: bool,
}

const MANAGEMENT: Form = Form {
    min: "password_min_length",
    chars: "password_required_characters",
    hibp: "password_hibp_enabled",
    reauth: "security_update_password_require_reauthentication",
    prefix: "password_",
    extras: &[],
    env: false,
};

const ENV: Form = Form {
    min: "GOTRUE_PASSWORD_MIN_LENGTH",
    chars: "GOTRUE_PASSWORD_REQUIRED_CHARACTERS",
    hibp: "GOTRUE_PASSWORD_HIBP_ENABLED",
    reauth: "GOTRUE_SECURITY_UPDATE_PASSWORD_REQUIRE_REAUTHENTICATION",
    prefix: "GOTRUE_PASSWORD_",
    extras: &[
        "GOTRUE_PASSWORD_HIBP_FAIL_CLOSED",
        "GOTRUE_PASSWORD_HIBP_USER_AGENT",
        "GOTRUE_PASSWORD_HIBP_BLOOM_ENABLED",
        "GOTRUE_PASSWORD_HIBP_BLOOM_ITEMS",
        "GOTRUE_PASSWORD_HIBP_BLOOM_FALSE_POSITIVES",
    ],
    env: true,
};

/// GoTrue's `PasswordRequiredCharacters.Decode`: split at `:`; a part ending in `\` is joined to
/// the next with a `:` (the backslash dropped) and the next emptied; empty parts are dropped.
pub fn decode_sets(value: &str) -> Vec<String> {
    let mut parts: Vec<String> = value.split(':').map(str::to_string).collect();
    let n = parts.len();
    for i in 0..n.saturating_sub(1) {
        let part = parts.get(i).cloned().unwrap_or_default();
        if let Some(stem) = part.strip_suffix('\\') {
            let next = parts.get(i + 1).cloned().unwrap_or_default();
            if let Some(p) = parts.get_mut(i) {
                *p = format!("{stem}:{next}");
            }
            if let Some(p) = parts.get_mut(i + 1) {
                p.clear();
            }
        }
    }
    parts.into_iter().filter(|p| !p.is_empty()).collect()
}

pub fn normalize(doc: &Document) -> Result<Vec<Normalized>> {
    let top = Obj::new(doc.value(), "")?;
    let env = top.keys().any(|k| k.starts_with("GOTRUE_"));
    let form = if env { &ENV } else { &MANAGEMENT };
    let top = if env { top.lenient() } else { top };
    let (mut p, mut w) = (new_policy("supabase"), Warnings::default());
    read(&top, form, &mut p, &mut w)?;

    let mut read_keys = vec![form.min, form.chars, form.hibp, form.reauth];
    read_keys.extend(form.extras);
    let rest: Vec<&String> = top.keys().filter(|k| !read_keys.contains(&k.as_str())).collect();
    let (unknown, dropped): (Vec<&String>, Vec<&String>) = rest.into_iter().partition(|k| k.starts_with(form.prefix));
    for k in unknown {
        top.keep(k, &mut p);
        w.unknown_field(k);
    }
    if !dropped.is_empty() {
        dropped.iter().for_each(|k| top.skip(k));
        let names: Vec<&str> = dropped.iter().map(|k| k.as_str()).collect();
        let what = if env { "GoTrue's environment" } else { "the auth configuration" };
        w.left_out("", what, &names);
    }
    top.finish(&mut p, &mut w);
    Ok(vec![Normalized { vendor: "supabase", policy: p, warnings: w.0 }])
}

fn read(o: &Obj, form: &Form, p: &mut Policy, w: &mut Warnings) -> Result<()> {
    // Length.
    p.length.unit = LengthUnit::CodePoints;
    let min = match o.int(form.min)? {
        None => {
            w.defaulted(form.min, MIN_LENGTH);
            MIN_LENGTH
        }
        Some(n) if n < MIN_LENGTH => {
            w.push(
                WarningCode::OutOfRange,
                form.min,
                format!("{n} is below GoTrue's smallest minimum, 6, to which GoTrue raises it"),
            );
            MIN_LENGTH
        }
        Some(n) => n,
    };
    let min = u32::try_from(min).map_err(|_| PolicyError::field(form.min, format!("{min} is too large")))?;
    p.length.min = Some(min);
    p.length.max = Some(MAX_LENGTH);
    w.approximation(
        form.min,
        "GoTrue counts bytes of UTF-8 (Go's len), and bcrypt takes at most 72 of them; the canonical length counts code points, the same for ASCII, fewer for other characters (2 to 4 bytes each)",
    );

    // Required characters.
    let value = match o.raw(form.chars) {
        None => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => return Err(PolicyError::field(form.chars, "expected a string of `:`-separated character sets")),
    };
    if let Some(value) = value {
        if !form.env && !REQUIRED_CHARACTERS.contains(&value.as_str()) {
            w.out_of_range(
                form.chars,
                "this value",
                "the Management API accepts only its four documented values; read as GoTrue reads any value",
            );
        }
        for set in decode_sets(&value) {
            let name = SET_NAMES.iter().find(|(chars, _)| *chars == set).map(|(_, name)| name.to_string());
            p.sets.push(SetMin { name, chars: CharSet::chars(&set), min: 1 });
        }
    }

    // HaveIBeenPwned.
    if o.bool(form.hibp)? == Some(true) {
        p.breached = Some(BreachedRule { max: 0 });
        for key in form.extras {
            o.keep(key, p);
        }
    } else {
        for key in form.extras {
            if o.has(key) {
                o.keep(key, p);
                w.inactive(key, form.hibp);
            }
        }
    }

    // Reauthentication before a password change.
    let reauth = o.bool(form.reauth)?;
    if reauth.is_some() {
        o.keep(form.reauth, p);
    }
    if reauth == Some(true) {
        w.kept_extra(form.reauth, "Reauthentication before a password change");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vendors::detect_vendor;
    use crate::vendors::testing::{codes, failures, norm_as};
    use serde_json::json;

    fn norm(text: &str) -> Normalized {
        norm_as("supabase", text)
    }

    #[test]
    fn decode_follows_gotrue() {
        assert_eq!(decode_sets("abc:123"), ["abc", "123"]);
        assert_eq!(decode_sets("a\\:b:c"), ["a:b", "c"]);
        assert_eq!(decode_sets("::x::"), ["x"]);
        // An escaped part is not examined again (GoTrue's loop moves on).
        assert_eq!(decode_sets("a\\:b\\:c"), ["a:b\\", "c"]);
        assert!(decode_sets("").is_empty());
        let symbols = decode_sets(REQUIRED_CHARACTERS[3]);
        assert_eq!(symbols.len(), 4);
        assert_eq!(symbols[3], "!@#$%^&*()_+-=[]{};':\"|<>?,./`~");
    }

    #[test]
    fn management_configuration() {
        let doc = json!({
            "site_url": "https://example.com", "jwt_exp": 3600, "disable_signup": false,
            "password_min_length": 10,
            "password_required_characters": REQUIRED_CHARACTERS[3],
            "password_hibp_enabled": true,
            "security_update_password_require_reauthentication": true,
            "rate_limit_email_sent": 30
        })
        .to_string();
        assert_eq!(detect_vendor(&doc).unwrap(), "supabase");
        let n = norm(&doc);
        let p = &n.policy;
        assert_eq!((p.length.min, p.length.max, p.length.unit), (Some(10), Some(72), LengthUnit::CodePoints));
        let names: Vec<Option<&str>> = p.sets.iter().map(|s| s.name.as_deref()).collect();
        assert_eq!(
            names,
            [Some("lowercase letter (a–z)"), Some("uppercase letter (A–Z)"), Some("digit (0–9)"), Some("symbol")]
        );
        // HaveIBeenPwned: the breached rule (checkable with a range lookup), no setting, no warning.
        assert_eq!(p.breached, Some(BreachedRule { max: 0 }));
        assert_eq!(p.settings.breached, None);
        assert_eq!(p.vendor_extras.get("security_update_password_require_reauthentication"), Some(&json!(true)));
        assert_eq!(codes(&n, WarningCode::NotCheckable), ["security_update_password_require_reauthentication"]);
        let ignored = n.warnings.iter().find(|w| w.code == WarningCode::Ignored).unwrap();
        assert_eq!(ignored.fields, ["site_url", "jwt_exp", "disable_signup", "rate_limit_email_sent"]);
        assert!(failures(p, "Correct-Horse9").is_empty());
        // Only ASCII counts: `é` is not in the lowercase set, `€` not in the symbols.
        assert_eq!(failures(p, "CORRECT-HORSE9é"), ["chars.set"]);
        assert_eq!(failures(p, "Correct€Horse9"), ["chars.set"]);
        // A backslash is not one of the symbols: GoTrue's escape drops it.
        assert_eq!(failures(p, "Correct\\Horse9"), ["chars.set"]);
        assert_eq!(failures(p, "Co-rse9"), ["length.min"]);
        assert_eq!(failures(p, &format!("Aa1!{}", "x".repeat(69))), ["length.max"]);
    }

    #[test]
    fn letters_and_digits_is_two_sets() {
        let n = norm(
            r#"{"password_required_characters": "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ:0123456789"}"#,
        );
        assert_eq!(n.policy.sets.len(), 2);
        assert!(failures(&n.policy, "ABCDEF1").is_empty());
        assert_eq!(failures(&n.policy, "abcdefg"), ["chars.set"]);
        assert!(codes(&n, WarningCode::OutOfRange).is_empty());
        let n = norm(r#"{"password_required_characters": "abc:xyz"}"#);
        assert_eq!(codes(&n, WarningCode::OutOfRange), ["password_required_characters"]);
        assert_eq!(n.policy.sets[0].name, None);
    }

    #[test]
    fn defaults_and_the_smallest_minimum() {
        let n = norm(r#"{"password_min_length": null, "password_hibp_enabled": false}"#);
        assert_eq!(n.policy.length.min, Some(6));
        assert_eq!(codes(&n, WarningCode::Defaulted), ["password_min_length"]);
        assert_eq!((&n.policy.breached, &n.policy.settings.breached), (&None, &None));
        let n = norm(r#"{"password_min_length": 0}"#);
        assert_eq!(n.policy.length.min, Some(6));
        assert_eq!(codes(&n, WarningCode::OutOfRange), ["password_min_length"]);
        let n = norm("{}");
        assert_eq!((n.policy.length.min, n.policy.length.max), (Some(6), Some(72)));
    }

    #[test]
    fn environment_form() {
        let doc = r#"{"GOTRUE_PASSWORD_MIN_LENGTH": "12", "GOTRUE_PASSWORD_REQUIRED_CHARACTERS": "abc:1\\:2",
            "GOTRUE_PASSWORD_HIBP_ENABLED": "true", "GOTRUE_PASSWORD_HIBP_FAIL_CLOSED": "true",
            "GOTRUE_PASSWORD_SHORT": "x", "GOTRUE_JWT_EXP": "3600", "API_EXTERNAL_URL": "http://localhost:9999"}"#;
        assert_eq!(detect_vendor(doc).unwrap(), "supabase");
        let n = norm(doc);
        let p = &n.policy;
        assert_eq!(p.length.min, Some(12));
        let sets: Vec<&str> = p.sets.iter().map(|s| s.chars.chars.as_str()).collect();
        assert_eq!(sets, ["abc", "1:2"]);
        assert!(codes(&n, WarningCode::OutOfRange).is_empty(), "any value is GoTrue's to take");
        assert_eq!((&p.breached, &p.settings.breached), (&Some(BreachedRule { max: 0 }), &None));
        assert_eq!(p.vendor_extras.get("GOTRUE_PASSWORD_HIBP_FAIL_CLOSED"), Some(&json!("true")));
        assert_eq!(codes(&n, WarningCode::UnknownField), ["GOTRUE_PASSWORD_SHORT"]);
        let ignored = n.warnings.iter().find(|w| w.code == WarningCode::Ignored).unwrap();
        assert_eq!(ignored.fields, ["GOTRUE_JWT_EXP", "API_EXTERNAL_URL"]);
        assert!(failures(p, "xxxxxxxxxxa:").is_empty());
        assert_eq!(failures(p, "xxxxxxxxxxa3"), ["chars.set"]);
        // HIBP tuning without HIBP: inactive.
        let n = norm(r#"{"GOTRUE_PASSWORD_HIBP_BLOOM_ENABLED": "true"}"#);
        assert_eq!(codes(&n, WarningCode::Inactive), ["GOTRUE_PASSWORD_HIBP_BLOOM_ENABLED"]);
    }

    #[test]
    fn wrong_types_and_detection() {
        for (doc, path) in [
            (r#"{"password_min_length": "8"}"#, "password_min_length"),
            (r#"{"password_required_characters": ["abc"]}"#, "password_required_characters"),
            (r#"{"password_hibp_enabled": "yes"}"#, "password_hibp_enabled"),
            (r#"{"GOTRUE_PASSWORD_MIN_LENGTH": "eight"}"#, "GOTRUE_PASSWORD_MIN_LENGTH"),
        ] {
            let e = crate::vendors::normalize(doc, Some("supabase")).unwrap_err();
            assert_eq!((e.code(), e.path()), ("invalid_field", Some(path)), "{doc}");
        }
        assert_eq!(detect_vendor(r#"{"site_url": "x", "jwt_exp": 3600}"#).unwrap_err().code(), "unknown_vendor");
        let e = crate::vendors::normalize(r#"{"site_url": "x"}"#, Some("supabase")).unwrap_err();
        assert_eq!(e.code(), "vendor_mismatch");
    }
}
