//! ZITADEL password settings, in the forms of its two APIs:
//!
//! - the v1 management and admin APIs (`GetPasswordComplexityPolicy`,
//!   `GetDefaultPasswordComplexityPolicy`, `GetLockoutPolicy`, `GetPasswordAgePolicy`, …):
//!   `{ "policy": { "details": {…}, …, "isDefault": true } }` (the management API's responses also
//!   carry a deprecated top-level `isDefault`);
//! - the v2 settings service (`GET /v2/settings/password/complexity`, `/v2/settings/password/expiry`,
//!   `/v2/settings/lockout`): `{ "details": {…}, "settings": { …, "resourceOwnerType": "…" } }`;
//! - or the inner object alone (`policy` or `settings`).
//!
//! The three v1 policies share the `policy` wrapper: which one a document is follows from its inner
//! keys, and every documented key of the three is read wherever it stands.
//!
//! Follows ZITADEL's API definitions, `zitadel/zitadel@044c5a7557f56787a4bb1d0aec1110d468404c2e:proto/zitadel/policy.proto`
//! (`PasswordComplexityPolicy`, `PasswordAgePolicy`, `LockoutPolicy`),
//! `zitadel/zitadel@a40257ae41d70fb22e4015b044d553601c4eea99:proto/zitadel/settings/v2/password_settings.proto`
//! (`PasswordComplexitySettings`, `PasswordExpirySettings`) and
//! `zitadel/zitadel@6a36b144b856ea54513be9096d4eaa914323e8fc:proto/zitadel/settings/v2/lockout_settings.proto`,
//! as published on <https://zitadel.com/docs/apis> (2025); how a password is checked follows
//! `internal/domain/policy_password_complexity.go` (`PasswordComplexityPolicy.Check` and `IsValid`,
//! the same in every version read, up to the `zerrors` one).
//!
//! - `minLength` (uint64: a JSON string in proto3 JSON, a number accepted too) → `length.min`.
//!   `IsValid` refuses 0 and anything over 72 (bcrypt's limit): outside 1–72 is `out_of_range`, a
//!   0 is left out (the check skips it). ZITADEL counts bytes of UTF-8 (Go's `len`); the canonical
//!   length counts code points (an `approximation`).
//! - `hasUppercase`/`requiresUppercase` `[A-Z]`, `hasLowercase`/`requiresLowercase` `[a-z]`,
//!   `hasNumber`/`requiresNumber` `[0-9]` → one character set each of exactly those characters;
//!   `hasSymbol`/`requiresSymbol` `[^A-Za-z0-9]` ("a symbol. E.g. \"$\"") → a set of every code point
//!   but the ASCII letters and digits, as the regular expression has it: `é`, a space and an emoji
//!   are symbols to ZITADEL. ZITADEL matches code points, the canonical sets count a grapheme by
//!   its base: a combining mark over a letter counts for ZITADEL only (an `approximation`).
//! - `maxPasswordAttempts` ("If set to 0 the account will never be locked") → `settings.lockout`
//!   (the user stays locked until an administrator unlocks them); `maxOtpAttempts` (the same for
//!   one-time passwords) → vendorExtras.
//! - `maxAgeDays` ("Amount of days after which a password will expire") → `settings.expiry`; 0, the
//!   default instance's value, never expires; `expireWarnDays` → `settings.expiry.reminderSeconds`
//!   ("ZITADEL will not notify the user").
//! - `details`, `isDefault`, `resourceOwnerType` describe where the settings come from, not what
//!   they ask: left out by name.

use serde_json::{Map, Value};

use super::fields::{days, Obj};
use super::{new_policy, Document, Normalized, WarningCode, Warnings};
use crate::error::{PolicyError, Result};
use crate::policy::{CharSet, Expiry, LengthUnit, Lockout, Policy, SetMin};

/// The v1 complexity fields, the v2 complexity fields, and the set each requires.
const CLASSES: [(&str, &str, &str); 3] = [
    ("hasUppercase", "requiresUppercase", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    ("hasLowercase", "requiresLowercase", "abcdefghijklmnopqrstuvwxyz"),
    ("hasNumber", "requiresNumber", "0123456789"),
];
const SET_NAMES: [&str; 3] = ["uppercase letter", "lowercase letter", "digit"];

/// ZITADEL's symbol, `[^A-Za-z0-9]`: every code point but the ASCII letters and digits.
pub const SYMBOL_RANGES: [[u32; 2]; 4] = [[0, 47], [58, 64], [91, 96], [123, 0x10_FFFF]];

/// `IsValid`'s range of `minLength`.
const MIN_LENGTH_RANGE: (u64, u64) = (1, 72);

/// Metadata of a policy or settings object (left out by name).
const METADATA: &[&str] = &["details", "isDefault", "resourceOwnerType"];

/// Every field of the inner objects, v1 and v2.
const FIELDS: &[&str] = &[
    "minLength",
    "hasUppercase",
    "hasLowercase",
    "hasNumber",
    "hasSymbol",
    "requiresUppercase",
    "requiresLowercase",
    "requiresNumber",
    "requiresSymbol",
    "maxPasswordAttempts",
    "maxOtpAttempts",
    "maxAgeDays",
    "expireWarnDays",
    "details",
    "isDefault",
    "resourceOwnerType",
];

/// An inner object with a signature of one of the policies: the complexity policy's
/// `hasUppercase` and `hasSymbol` (v1) or `requiresUppercase` and `requiresSymbol` (v2), the
/// lockout's `maxPasswordAttempts`, the age's `maxAgeDays` and `expireWarnDays`.
fn signed(o: &Map<String, Value>) -> bool {
    let all = |keys: &[&str]| keys.iter().all(|k| o.contains_key(*k));
    all(&["hasUppercase", "hasSymbol"])
        || all(&["requiresUppercase", "requiresSymbol"])
        || all(&["maxPasswordAttempts"])
        || all(&["maxAgeDays", "expireWarnDays"])
}

/// The wrapper's inner object and its key, when `o` is `{policy}` (with at most the deprecated
/// `isDefault` beside it) or `{settings}` (with at most `details`).
fn wrapped(o: &Map<String, Value>) -> Option<(&'static str, &Value)> {
    for (key, beside) in [("policy", "isDefault"), ("settings", "details")] {
        if let Some(inner) = o.get(key) {
            if o.keys().all(|k| k == key || k == beside) {
                return Some((key, inner));
            }
        }
    }
    None
}

/// A wrapped policy or settings object with a ZITADEL signature, or the inner object alone with a
/// signature and no key ZITADEL does not document (so that another API's `maxPasswordAttempts` or
/// `hasSymbol` among its own fields is not taken).
pub fn detect(doc: &Document) -> bool {
    let Document::Json(Value::Object(o)) = doc else { return false };
    if let Some((_, Value::Object(inner))) = wrapped(o) {
        return signed(inner);
    }
    signed(o) && o.keys().all(|k| FIELDS.contains(&k.as_str()))
}

pub fn normalize(doc: &Document) -> Result<Vec<Normalized>> {
    let v = doc.value();
    let top = Obj::new(v, "")?;
    let (mut p, mut w) = (new_policy("zitadel"), Warnings::default());
    match v.as_object().and_then(wrapped) {
        Some((key, _)) => {
            let inner = top.obj(key)?.ok_or_else(|| PolicyError::field(key, "expected an object, found null"))?;
            read(&inner, &mut p, &mut w)?;
            let beside: Vec<&str> = ["isDefault", "details"].into_iter().filter(|k| top.has(k)).collect();
            for k in &beside {
                top.skip(k);
            }
            if !beside.is_empty() {
                w.left_out("", "the response", &beside);
            }
        }
        None => read(&top, &mut p, &mut w)?,
    }
    top.finish(&mut p, &mut w);
    Ok(vec![Normalized { vendor: "zitadel", policy: p, warnings: w.0 }])
}

/// A proto3 uint64: a JSON string of decimal digits, or a JSON number (integer).
fn uint64(o: &Obj, key: &str) -> Result<Option<u64>> {
    let bad = |found: &str| PolicyError::field(o.path(key), format!("expected an unsigned integer, found {found}"));
    match o.raw(key) {
        None => Ok(None),
        Some(Value::String(s)) => s.parse::<u64>().map(Some).map_err(|_| bad("a string that is not one")),
        Some(Value::Number(n)) => n.as_u64().map(Some).ok_or_else(|| bad("a number that is not one")),
        Some(other) => Err(bad(super::fields::type_name(other))),
    }
}

/// A uint64 as a u32 count (larger values are kept as u32::MAX, with an `out_of_range` warning).
fn count(o: &Obj, key: &str, w: &mut Warnings) -> Result<Option<u32>> {
    Ok(uint64(o, key)?.map(|n| {
        u32::try_from(n).unwrap_or_else(|_| {
            w.out_of_range(&o.path(key), n, &format!("at most {} here", u32::MAX));
            u32::MAX
        })
    }))
}

/// One inner object (`policy`, `settings`, or the document itself).
fn read(o: &Obj, p: &mut Policy, w: &mut Warnings) -> Result<()> {
    let any_field = FIELDS.iter().filter(|k| !METADATA.contains(k)).any(|k| o.has(k));

    // Length.
    if let Some(n) = uint64(o, "minLength")? {
        let path = o.path("minLength");
        let (lo, hi) = MIN_LENGTH_RANGE;
        if n == 0 {
            o.keep("minLength", p);
            w.zero_left_out(&path, Some(&format!("{lo}–{hi}")));
        } else {
            if n > hi {
                w.out_of_range(&path, n, &format!("{lo}–{hi}"));
            }
            p.length.min = Some(u32::try_from(n).unwrap_or(u32::MAX));
            p.length.unit = LengthUnit::CodePoints;
            w.approximation(
                &path,
                "ZITADEL counts bytes of UTF-8 (Go's len); the canonical length counts code points, the same for ASCII, fewer for other characters (2 to 4 bytes each)",
            );
        }
    }

    // Character sets: v1 `has*` and v2 `requires*` alike.
    for ((v1, v2, chars), name) in CLASSES.into_iter().zip(SET_NAMES) {
        let required = flag(o, v1)? | flag(o, v2)?;
        if required {
            p.sets.push(SetMin { name: Some(name.to_string()), chars: CharSet::chars(chars), min: 1 });
        }
    }
    let symbol_keys = ["hasSymbol", "requiresSymbol"];
    let mut symbol = false;
    for k in symbol_keys {
        symbol |= flag(o, k)?;
    }
    if symbol {
        p.sets.push(SetMin {
            name: Some("symbol".to_string()),
            chars: CharSet { ranges: SYMBOL_RANGES.to_vec(), ..Default::default() },
            min: 1,
        });
        let key = symbol_keys.into_iter().find(|k| o.has(k)).unwrap_or("hasSymbol");
        w.approximation(
            &o.path(key),
            "ZITADEL's symbol is any code point but A–Z, a–z and 0–9 (`[^A-Za-z0-9]`: accented letters, spaces and emoji count), matched anywhere; the canonical set counts a character by its base, so a combining mark over a letter counts for ZITADEL only",
        );
    }

    // Lockout.
    let password_attempts = count(o, "maxPasswordAttempts", w)?;
    match password_attempts {
        Some(0) => w.zero_means(&o.path("maxPasswordAttempts"), "the account will never be locked"),
        Some(n) => {
            w.not_checkable(&o.path("maxPasswordAttempts"), "Account lockout");
            p.settings.lockout =
                Some(Lockout { enforced: true, threshold: Some(n), until_unlocked: true, ..Default::default() });
        }
        None => {}
    }
    match count(o, "maxOtpAttempts", w)? {
        Some(0) => w.zero_means(&o.path("maxOtpAttempts"), "the account will never be locked"),
        Some(_) => {
            o.keep("maxOtpAttempts", p);
            w.kept_extra(&o.path("maxOtpAttempts"), "The lockout after failed one-time passwords");
        }
        None => {}
    }

    // Expiry.
    let max_age = count(o, "maxAgeDays", w)?;
    let warn = count(o, "expireWarnDays", w)?;
    match max_age {
        Some(0) => w.zero_means(&o.path("maxAgeDays"), "passwords never expire (the default instance's value)"),
        Some(n) => {
            w.not_checkable(&o.path("maxAgeDays"), "Password expiry");
            p.settings.expiry = Some(Expiry { enforced: true, max_age_seconds: Some(days(n)), ..Default::default() });
        }
        None => {}
    }
    if let Some(n) = warn.filter(|n| *n > 0) {
        match p.settings.expiry.as_mut() {
            Some(e) => {
                e.reminder_seconds = Some(days(n));
                w.push(
                    WarningCode::NotCheckable,
                    o.path("expireWarnDays"),
                    "the expiry warning cannot be checked on a password; kept under settings (ZITADEL itself does not notify the user)",
                );
            }
            None => {
                o.keep("expireWarnDays", p);
                w.inactive(&o.path("expireWarnDays"), "maxAgeDays");
            }
        }
    }

    let metadata: Vec<&str> = METADATA.iter().copied().filter(|k| o.has(k)).collect();
    for k in &metadata {
        o.skip(k);
    }
    if !metadata.is_empty() {
        w.left_out(&o.base_path(), "the settings", &metadata);
    }
    if !any_field {
        let at = o.base_path();
        w.push(
            WarningCode::Inactive,
            if at.is_empty() { "$".to_string() } else { at },
            "no complexity, lockout or age field is present: proto3 JSON leaves out zeros and false values, so this reads as settings that are all 0 (no lockout, no expiry); nothing is enforced",
        );
    }
    o.finish(p, w);
    Ok(())
}

/// A boolean field (absent: false, proto3's default).
fn flag(o: &Obj, key: &str) -> Result<bool> {
    Ok(o.bool(key)? == Some(true))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vendors::testing::{codes, failures, norm_as, norm_json};
    use crate::vendors::{detect_vendor, WarningCode};
    use serde_json::json;

    const COMPLEXITY: &str = include_str!("../../tests/fixtures/real/zitadel/mgmt-default-complexity-policy.json");
    const V2_COMPLEXITY: &str = include_str!("../../tests/fixtures/real/zitadel/v2-password-complexity-settings.json");
    const LOCKOUT: &str = include_str!("../../tests/fixtures/real/zitadel/mgmt-lockout-policy.json");
    const AGE: &str = include_str!("../../tests/fixtures/real/zitadel/mgmt-password-age-policy.json");
    const SAMPLE: &str = include_str!("../../tests/fixtures/zitadel/complexity.json");

    fn sets(p: &Policy) -> Vec<&str> {
        p.sets.iter().filter_map(|s| s.name.as_deref()).collect()
    }

    #[test]
    fn v1_complexity_policy() {
        assert_eq!(detect_vendor(COMPLEXITY).unwrap(), "zitadel");
        let n = norm_as("zitadel", COMPLEXITY);
        let p = &n.policy;
        assert_eq!((p.length.min, p.length.unit), (Some(8), LengthUnit::CodePoints));
        assert_eq!(sets(p), ["uppercase letter", "lowercase letter", "digit", "symbol"]);
        assert!(codes(&n, WarningCode::UnknownField).is_empty(), "{:?}", n.warnings);
        assert_eq!(codes(&n, WarningCode::Ignored), ["policy"]);
        assert!(failures(p, "Passw0rd!").is_empty());
        // `[^A-Za-z0-9]`: a space, an accented letter, an emoji are ZITADEL symbols; `_` too.
        for pw in ["Passw0rd x", "Passw0rdé", "Passw0rd🙂", "Passw0rd_"] {
            assert!(failures(p, pw).is_empty(), "{pw}");
        }
        assert_eq!(failures(p, "Passw0rdX"), ["chars.set"]);
        // Only ASCII letters count as letters: `É` is a symbol, not an uppercase letter.
        assert_eq!(failures(p, "épassw0rd!É"), ["chars.set"]);
        assert_eq!(failures(p, "Pw0!"), ["length.min"]);
    }

    #[test]
    fn v2_complexity_settings_and_bare_inner_objects() {
        assert_eq!(detect_vendor(V2_COMPLEXITY).unwrap(), "zitadel");
        let n = norm_as("zitadel", V2_COMPLEXITY);
        assert_eq!(n.policy.length.min, Some(8));
        assert_eq!(sets(&n.policy).len(), 4);
        assert_eq!(codes(&n, WarningCode::Ignored), ["settings", ""]);
        let v: Value = serde_json::from_str(V2_COMPLEXITY).unwrap();
        let inner = v["settings"].to_string();
        assert_eq!(detect_vendor(&inner).unwrap(), "zitadel");
        assert_eq!(norm_as("zitadel", &inner).policy, n.policy);
        // Numbers as JSON numbers are read too.
        let n = norm_json("zitadel", json!({"minLength": 12, "hasUppercase": true, "hasSymbol": false}));
        assert_eq!((n.policy.length.min, sets(&n.policy)), (Some(12), vec!["uppercase letter"]));
    }

    #[test]
    fn lockout_and_age() {
        assert_eq!(detect_vendor(LOCKOUT).unwrap(), "zitadel");
        let n = norm_as("zitadel", LOCKOUT);
        let l = n.policy.settings.lockout.as_ref().unwrap();
        assert_eq!((l.threshold, l.until_unlocked), (Some(10), true));
        assert!(n.policy.sets.is_empty() && n.policy.length.min.is_none());
        assert_eq!(codes(&n, WarningCode::Ignored), ["policy", ""]);
        assert_eq!(detect_vendor(AGE).unwrap(), "zitadel");
        let n = norm_as("zitadel", AGE);
        let e = n.policy.settings.expiry.as_ref().unwrap();
        assert_eq!((e.max_age_seconds, e.reminder_seconds), (Some(days(365)), Some(days(10))));
        // Zeros: no lockout, no expiry.
        let n = norm_json(
            "zitadel",
            json!({"settings": {"maxPasswordAttempts": "0", "maxOtpAttempts": "3", "resourceOwnerType": "RESOURCE_OWNER_TYPE_ORG"}}),
        );
        assert!(n.policy.settings.lockout.is_none());
        assert_eq!(codes(&n, WarningCode::Inactive), ["settings.maxPasswordAttempts"]);
        assert_eq!(n.policy.vendor_extras.get("settings.maxOtpAttempts"), Some(&json!("3")));
        let n = norm_json("zitadel", json!({"policy": {"maxAgeDays": "0", "expireWarnDays": "5"}}));
        assert!(n.policy.settings.expiry.is_none());
        assert_eq!(codes(&n, WarningCode::Inactive), ["policy.maxAgeDays", "policy.expireWarnDays"]);
        // An unset lockout or age policy: proto3 JSON leaves its zeros out.
        let n = norm_json("zitadel", json!({"policy": {"details": {"sequence": "2"}, "isDefault": true}}));
        assert_eq!(codes(&n, WarningCode::Inactive), ["policy"]);
        assert_eq!(n.policy.settings, Default::default());
    }

    #[test]
    fn ranges_and_errors() {
        let n = norm_json("zitadel", json!({"policy": {"minLength": "80", "hasUppercase": true, "hasSymbol": true}}));
        assert_eq!(n.policy.length.min, Some(80));
        assert_eq!(codes(&n, WarningCode::OutOfRange), ["policy.minLength"]);
        let n = norm_json("zitadel", json!({"policy": {"minLength": "0", "hasUppercase": true, "hasSymbol": true}}));
        assert_eq!(n.policy.length.min, None);
        assert_eq!(n.policy.vendor_extras.get("policy.minLength"), Some(&json!("0")));
        let n = norm_json("zitadel", json!({"policy": {"hasUppercase": true, "hasSymbol": true, "expiresIn": 20}}));
        assert_eq!(codes(&n, WarningCode::UnknownField), ["policy.expiresIn"]);
        assert_eq!(n.policy.vendor_extras.get("policy.expiresIn"), Some(&json!(20)));
        for (doc, path) in [
            (json!({"policy": {"minLength": "eight", "hasUppercase": true, "hasSymbol": true}}), "policy.minLength"),
            (json!({"policy": {"minLength": -1, "hasUppercase": true, "hasSymbol": true}}), "policy.minLength"),
            (json!({"policy": {"hasUppercase": "true", "hasSymbol": true}}), "policy.hasUppercase"),
            (json!({"settings": {"maxPasswordAttempts": 2.5}}), "settings.maxPasswordAttempts"),
            (json!({"policy": [1]}), "policy"),
        ] {
            let e = normalize(&Document::Json(doc)).unwrap_err();
            assert_eq!((e.code(), e.path()), ("invalid_field", Some(path)));
        }
    }

    #[test]
    fn strict_detection() {
        for doc in [
            // Generic wrappers and other APIs' fields of the same names.
            json!({"policy": {"minLength": 8}}),
            json!({"settings": {"minLength": 8, "requiresUppercase": true}}),
            json!({"settings": {}}),
            json!({"maxPasswordAttempts": 3, "passwordLockoutMinutes": 10, "enablePasswordAuth": true}),
            json!({"minLength": true, "hasUppercase": true, "hasLowercase": true, "hasNumber": true, "hasSpecialChar": true}),
            json!({"policy": {"hasUppercase": true, "hasSymbol": true}, "name": "x"}),
            json!({"maxAgeDays": 90, "expireWarnDays": 14, "minAgeMinutes": 0, "historyCount": 4}),
            json!({"settings": {"password": {"age": {"maxAgeDays": 90, "expireWarnDays": 14}}}}),
        ] {
            assert!(!detect(&Document::Json(doc.clone())), "{doc}");
        }
        assert_eq!(detect_vendor(SAMPLE).unwrap(), "zitadel");
        // Given as ZITADEL's, a document with none of its fields is not read.
        let e = crate::vendors::normalize(r#"{"foo": 1}"#, Some("zitadel")).unwrap_err();
        assert_eq!(e.code(), "vendor_mismatch");
    }
}
