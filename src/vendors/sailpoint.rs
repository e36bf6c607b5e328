//! SailPoint Identity Security Cloud password policies (`PasswordPolicyV3Dto`, from
//! `/v3/password-policies` and its beta/v2024+/experimental twins): a single object, or the list
//! endpoint's array (one policy per element, paths prefixed `[i].`).
//!
//! Follows SailPoint's API specification (sailpoint-oss/api-specs, `idn/v3` `password-policies`,
//! `Password Policy V 3 Dto`, 2025: the fields, their "By default is equals to …" texts and the
//! example; <https://developer.sailpoint.com/docs/api/v3/create-password-policy>), and the
//! "Password Requirements" help page for the special characters and the forbidden ones.
//!
//! Readings:
//! - `-1` means unset for every integer field ("By default is equals to -1").
//! - Zeros: `minLength`, `minAlpha`, `minUpper`, `minLower`, `minNumeric`, `minSpecial` are
//!   documented with the default 0 ("By default is equals to 0"): none, with a warning; the spec's
//!   own example has `maxLength: 0`, read as no maximum, with a warning. A 0 of
//!   `maxRepeatedChars` (it would admit no password), `minCharacterTypes`, `passwordExpiration`,
//!   `firstExpirationReminder`, `accountIdMinWordLength` or `accountNameMinWordLength` is
//!   documented nowhere: left out (read as unset), kept under vendorExtras, with an
//!   `out_of_range` warning.
//! - `minCharacterTypes` N (when set) is an N-of-4 rule over upper, lower, digit and special,
//!   each needing max(1, its `min*`) characters; unset, each non-zero `min*` applies on its own.
//!   `minAlpha` always applies on its own.
//! - Special characters are SailPoint's list plus space; `:` and "non-English" characters
//!   (read as non-ASCII) are forbidden in every policy.
//! - Expiry, reminder and strong-authentication flags go to `settings`.

use serde_json::Value;

use super::fields::{days, list_or_one, zero_warning, Obj, Zero};
use super::{new_policy, Document, Normalized, Warnings};
use crate::error::{PolicyError, Result};
use crate::policy::{
    AttributeCheck, CharClass, CharSet, ClassMin, ContextCheck, CustomDictionary, Expiry, MatchMode, Mfa, Policy,
    Requirement, TypesRule, DEFAULT_MIN_TOKEN_LENGTH,
};

/// SailPoint's documented keys that no other supported vendor uses (`minLength` and `maxLength`
/// are shared with Sumo Logic; detection handles those).
pub const KEYS: &[&str] = &[
    "minAlpha",
    "minUpper",
    "minLower",
    "minNumeric",
    "minSpecial",
    "minCharacterTypes",
    "maxRepeatedChars",
    "useDictionary",
    "useAccountAttributes",
    "useIdentityAttributes",
    "validateAgainstAccountId",
    "validateAgainstAccountName",
    "accountIdMinWordLength",
    "accountNameMinWordLength",
    "passwordExpiration",
    "enablePasswdExpiration",
    "firstExpirationReminder",
    "requireStrongAuthn",
    "requireStrongAuthOffNetwork",
    "requireStrongAuthUntrustedGeographies",
];

/// The special characters of the help page ("Password Requirements"), plus space. Together with
/// letters and digits this is every printable ASCII character but `:`.
pub const SYMBOLS: &str = r#"~!@#$%^*()/_+-`={}\|][;?,.&><'" "#;

/// Read-only audit fields, kept under vendorExtras as they are.
const AUDIT: &[&str] = &["dateCreated", "lastUpdated", "created", "modified", "sourceIds", "defaultPolicy"];

/// The integer SailPoint uses for "unset".
const UNSET: i64 = -1;

/// The four categories `minCharacterTypes` counts, in SailPoint's order, with their keys.
const CATEGORIES: [(&str, CharClass); 4] = [
    ("minUpper", CharClass::Upper),
    ("minLower", CharClass::Lower),
    ("minNumeric", CharClass::Digit),
    ("minSpecial", CharClass::Symbol),
];

/// An element of the list endpoint (`GET /v3/password-policies`, a bare array): an object with
/// one of the keys only SailPoint uses.
pub fn is_item(v: &Value) -> bool {
    v.as_object().is_some_and(|o| KEYS.iter().any(|k| o.contains_key(*k)))
}

pub fn normalize(doc: &Document) -> Result<Vec<Normalized>> {
    read(doc.value())
}

/// A list of policies (one each) or a single policy.
fn read(doc: &Value) -> Result<Vec<Normalized>> {
    list_or_one(doc, one)
}

/// One `PasswordPolicyV3Dto` at `base` ("" or "[i]").
fn one(v: &Value, base: &str) -> Result<Normalized> {
    let o = Obj::new(v, base)?;
    let mut p = new_policy("sailpoint");
    let mut w = Warnings::default();

    p.source.id = o.text("id")?;
    p.source.name = o.str("name")?.map(str::to_string);
    p.source.description = o.str("description")?.map(str::to_string);
    for key in AUDIT {
        o.keep(key, &mut p);
    }

    p.length.min = count(&o, "minLength", DEFAULT_ZERO, &mut p, &mut w)?;
    p.length.max =
        count(&o, "maxLength", Zero::Means("no maximum (as in the API reference's example policy)"), &mut p, &mut w)?;
    composition(&o, &mut p, &mut w)?;
    characters(&mut p, &mut w, base);
    // A longest run of 0 would admit no password.
    p.max_repeat = count(&o, "maxRepeatedChars", Zero::Undocumented, &mut p, &mut w)?;
    context(&o, &mut p, &mut w)?;
    if o.bool("useDictionary")? == Some(true) {
        // The dictionary is uploaded to the org separately; the caller passes its words.
        p.dictionary.custom = Some(CustomDictionary {
            words: Vec::new(),
            match_mode: MatchMode::Substring,
            min_word_length: None,
            ..Default::default()
        });
    }
    expiry(&o, &mut p, &mut w)?;
    mfa(&o, &mut p, &mut w)?;

    o.finish(&mut p, &mut w);
    Ok(Normalized { vendor: "sailpoint", policy: p, warnings: w.0 })
}

/// The 0 of a field documented with "By default is equals to 0".
const DEFAULT_ZERO: Zero = Zero::Means("none (\"By default is equals to 0\")");

/// [`int`] where a 0 is not a value: `None`, with the warning of `zero` (an undocumented 0 is kept
/// under vendorExtras).
fn count(o: &Obj, key: &str, zero: Zero, p: &mut Policy, w: &mut Warnings) -> Result<Option<u32>> {
    match int(o, key)? {
        Some(0) => {
            zero_warning(o, key, None, zero, p, w);
            Ok(None)
        }
        n => Ok(n),
    }
}

/// A SailPoint integer: absent, `null` and `-1` are unset; other negatives are errors.
fn int(o: &Obj, key: &str) -> Result<Option<u32>> {
    match o.int(key)? {
        None | Some(UNSET) => Ok(None),
        Some(v) => u32::try_from(v).map(Some).map_err(|_| {
            PolicyError::field(o.path(key), format!("expected a non-negative integer or -1 (unset), found {v}"))
        }),
    }
}

/// `minAlpha`, the four categories and `minCharacterTypes`.
fn composition(o: &Obj, p: &mut Policy, w: &mut Warnings) -> Result<()> {
    if let Some(n) = count(o, "minAlpha", DEFAULT_ZERO, p, w)? {
        p.classes.push(ClassMin { class: CharClass::Letter, min: n });
    }
    let mut mins = [0u32; 4];
    for (slot, (key, _)) in mins.iter_mut().zip(CATEGORIES) {
        *slot = count(o, key, DEFAULT_ZERO, p, w)?.unwrap_or(0);
    }
    let key = "minCharacterTypes";
    match count(o, key, Zero::Undocumented, p, w)? {
        Some(required) if required > 0 => {
            if required > 4 {
                w.out_of_range(&o.path(key), required, "-1 (unset) or 1–4: there are four categories");
            }
            let of =
                mins.iter().zip(CATEGORIES).map(|(min, (_, class))| Requirement::class(class, (*min).max(1))).collect();
            p.types.push(TypesRule { required, of });
        }
        _ => {
            for (min, (_, class)) in mins.iter().zip(CATEGORIES) {
                if *min > 0 {
                    p.classes.push(ClassMin { class, min: *min });
                }
            }
        }
    }
    Ok(())
}

/// The special-character set and the forbidden characters, which every SailPoint policy has.
fn characters(p: &mut Policy, w: &mut Warnings, base: &str) {
    p.symbols = Some(CharSet::chars(SYMBOLS));
    p.forbidden = Some(CharSet { chars: ":".into(), ranges: vec![[0x80, 0x10_FFFF]], ..Default::default() });
    w.approximation(
        base,
        "SailPoint forbids `:` and \"non-English characters like £, ß, and à\"; read as every character outside ASCII (U+0080 and above)",
    );
}

/// Account ID, account name and attribute checks.
fn context(o: &Obj, p: &mut Policy, w: &mut Warnings) -> Result<()> {
    p.context.account_id = context_check(o, p, w, "validateAgainstAccountId", "accountIdMinWordLength")?;
    p.context.account_name = context_check(o, p, w, "validateAgainstAccountName", "accountNameMinWordLength")?;
    let identity = o.bool("useIdentityAttributes")?.unwrap_or(false);
    let account = o.bool("useAccountAttributes")?.unwrap_or(false);
    if identity || account {
        // Identity and account attributes alike: the caller passes the values to check.
        p.context.attributes = Some(AttributeCheck::default());
    }
    Ok(())
}

fn context_check(o: &Obj, p: &mut Policy, w: &mut Warnings, flag: &str, len_key: &str) -> Result<Option<ContextCheck>> {
    let enabled = o.bool(flag)?.unwrap_or(false);
    let len = count(o, len_key, Zero::Undocumented, p, w)?;
    if !enabled {
        if len.is_some() {
            w.inactive(&o.path(len_key), flag);
            o.keep(len_key, p);
        }
        return Ok(None);
    }
    let min_token_length = len.unwrap_or_else(|| {
        w.approximation(
            &o.path(len_key),
            format!("unset (-1): SailPoint does not say how short a matching part may be; the default minimum of {DEFAULT_MIN_TOKEN_LENGTH} characters applies"),
        );
        DEFAULT_MIN_TOKEN_LENGTH
    });
    Ok(Some(ContextCheck { match_mode: MatchMode::Substring, min_token_length, delimiters: None }))
}

/// `passwordExpiration` (days), gated by `enablePasswdExpiration`, and `firstExpirationReminder`.
fn expiry(o: &Obj, p: &mut Policy, w: &mut Warnings) -> Result<()> {
    /// SailPoint's documented default for `passwordExpiration`.
    const DEFAULT_EXPIRATION_DAYS: u32 = 90;
    let enabled = o.bool("enablePasswdExpiration")?;
    let age_key = "passwordExpiration";
    let zero_age = o.int(age_key)? == Some(0);
    let max_age = match count(o, age_key, Zero::Undocumented, p, w)? {
        Some(d) => Some(d),
        // An undocumented 0 is left out, not defaulted.
        None if zero_age => None,
        None if enabled == Some(true) && !o.has(age_key) => {
            w.defaulted(&o.path(age_key), DEFAULT_EXPIRATION_DAYS);
            Some(DEFAULT_EXPIRATION_DAYS)
        }
        None => None,
    };
    let reminder = count(o, "firstExpirationReminder", Zero::Undocumented, p, w)?;
    // With its age a 0 (left out), an enabled expiry says nothing: no section that would read
    // "Passwords do not expire"; the flag is kept beside the 0.
    if max_age.is_none() && reminder.is_none() && (enabled != Some(true) || zero_age) {
        if zero_age {
            o.keep("enablePasswdExpiration", p);
        }
        return Ok(());
    }
    let enforced = enabled == Some(true);
    if max_age.is_some() {
        w.not_checkable(&o.path(age_key), "password expiry");
        if !enforced {
            w.inactive(&o.path(age_key), "enablePasswdExpiration");
        }
    }
    if reminder.is_some() {
        w.not_checkable(&o.path("firstExpirationReminder"), "the expiry reminder");
    }
    p.settings.expiry = Some(Expiry {
        enforced,
        max_age_seconds: max_age.map(days),
        reminder_seconds: reminder.map(days),
        ..Default::default()
    });
    Ok(())
}

/// Strong authentication required to change the password.
fn mfa(o: &Obj, p: &mut Policy, w: &mut Warnings) -> Result<()> {
    let mut read = |key: &str, what: &str| -> Result<Option<bool>> {
        let v = o.bool(key)?;
        if v == Some(true) {
            w.not_checkable(&o.path(key), what);
        }
        Ok(v)
    };
    let mfa = Mfa {
        required_for_password_change: read("requireStrongAuthn", "strong authentication to change the password")?,
        required_off_network: read("requireStrongAuthOffNetwork", "strong authentication off the network")?,
        required_untrusted_geographies: read(
            "requireStrongAuthUntrustedGeographies",
            "strong authentication from untrusted geographies",
        )?,
        ..Default::default()
    };
    if mfa != Mfa::default() {
        p.settings.mfa = Some(mfa);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::validate;
    use crate::vendors::testing::{codes, norm_json};
    use crate::vendors::WarningCode;
    use serde_json::json;

    const LIST: &str = include_str!("../../tests/fixtures/sailpoint/list.json");

    fn norm(v: Value) -> Normalized {
        norm_json("sailpoint", v)
    }

    fn forbidden() -> Value {
        json!({"chars": ":", "ranges": [[128, 1114111]]})
    }

    #[test]
    fn verbatim_list_example() {
        let out = crate::vendors::normalize(LIST, None).unwrap();
        assert_eq!(out.len(), 2);
        assert!(out.iter().all(|n| n.vendor == "sailpoint"));
        for n in &out {
            validate(&n.policy).unwrap();
        }

        let first = serde_json::to_value(&out[0].policy).unwrap();
        assert_eq!(
            first,
            json!({
                "version": 1,
                "source": {
                    "vendor": "sailpoint",
                    "id": "2c91808e7d976f3b017d9f5ceae440c8",
                    "name": "Improved Password Policy",
                    "description": "Password Policy after update."
                },
                "length": {"min": 8},
                "classes": [{"class": "letter", "min": 1}, {"class": "digit", "min": 1}],
                "symbols": {"chars": SYMBOLS},
                "forbidden": forbidden(),
                "maxRepeat": 4,
                "context": {
                    "accountId": {"match": "substring", "minTokenLength": 3},
                    "accountName": {"match": "substring", "minTokenLength": 3}
                },
                "settings": {
                    "expiry": {"enforced": false, "maxAgeSeconds": 7776000.0, "reminderSeconds": 7776000.0},
                    "mfa": {
                        "requiredForPasswordChange": false,
                        "requiredOffNetwork": false,
                        "requiredUntrustedGeographies": false
                    }
                },
                "vendorExtras": {
                    "[0].dateCreated": 1639056206564u64,
                    "[0].lastUpdated": 1662385430753u64,
                    "[0].sourceIds": ["2c91808382ffee0b01830de154f14034", "2c91808582ffee0c01830de36511405f"],
                    "[0].defaultPolicy": false
                }
            })
        );
        let w: Vec<(WarningCode, &str)> = out[0].warnings.iter().map(|w| (w.code, w.path.as_str())).collect();
        assert_eq!(
            w,
            vec![
                // The example's `maxLength: 0` (no maximum) and the minimums of 0 ("By default is
                // equals to 0"), each said.
                (WarningCode::Inactive, "[0].maxLength"),
                (WarningCode::Inactive, "[0].minUpper"),
                (WarningCode::Inactive, "[0].minLower"),
                (WarningCode::Inactive, "[0].minSpecial"),
                (WarningCode::Approximation, "[0]"),
                (WarningCode::NotCheckable, "[0].passwordExpiration"),
                (WarningCode::Inactive, "[0].passwordExpiration"),
                (WarningCode::NotCheckable, "[0].firstExpirationReminder"),
            ]
        );

        let second = serde_json::to_value(&out[1].policy).unwrap();
        assert_eq!(
            second,
            json!({
                "version": 1,
                "source": {"vendor": "sailpoint", "id": "2c91808780b8b8430180ff7a093f3bf2", "name": "Password Policy 1 test"},
                "length": {"min": 8},
                "classes": [{"class": "letter", "min": 1}, {"class": "digit", "min": 1}],
                "symbols": {"chars": SYMBOLS},
                "forbidden": forbidden(),
                "context": {"attributes": {"match": "substring", "minTokenLength": 3}},
                "settings": {
                    "expiry": {"enforced": false, "maxAgeSeconds": 7776000.0},
                    "mfa": {
                        "requiredForPasswordChange": false,
                        "requiredOffNetwork": false,
                        "requiredUntrustedGeographies": false
                    }
                },
                "vendorExtras": {
                    "[1].dateCreated": 1653553629503u64,
                    "[1].lastUpdated": null,
                    "[1].sourceIds": [],
                    "[1].defaultPolicy": false
                }
            })
        );
        assert!(out[1].warnings.iter().all(|w| w.path.starts_with("[1]")));
        assert!(codes(&out[1], WarningCode::UnknownField).is_empty());
        // The canonical JSON round-trips.
        let again = crate::vendors::normalize(&out[1].policy.to_json(), None).unwrap();
        assert_eq!(again[0].policy, out[1].policy);
    }

    #[test]
    fn single_object_and_detection() {
        let text = r#"{"id": "p1", "name": "Default", "minLength": 12, "minUpper": 1, "useDictionary": true}"#;
        let out = crate::vendors::normalize(text, None).unwrap();
        assert_eq!(out.len(), 1);
        let p = &out[0].policy;
        assert_eq!(p.source.id.as_deref(), Some("p1"));
        assert_eq!(p.length.min, Some(12));
        assert_eq!(p.classes, vec![ClassMin { class: CharClass::Upper, min: 1 }]);
        assert_eq!(
            p.dictionary.custom,
            Some(CustomDictionary {
                words: vec![],
                match_mode: MatchMode::Substring,
                min_word_length: None,
                ..Default::default()
            })
        );
        assert!(!p.dictionary.common);
        // Paths of a single object have no prefix.
        assert!(out[0].warnings.iter().any(|w| w.code == WarningCode::Approximation && w.path.is_empty()));
    }

    #[test]
    fn minus_one_is_unset_everywhere() {
        let n = norm(json!({
            "minLength": -1, "maxLength": -1, "minAlpha": -1, "minUpper": -1, "minLower": -1,
            "minNumeric": -1, "minSpecial": -1, "minCharacterTypes": -1, "maxRepeatedChars": -1,
            "accountIdMinWordLength": -1, "accountNameMinWordLength": -1, "passwordExpiration": -1,
            "firstExpirationReminder": -1
        }));
        let p = &n.policy;
        assert_eq!(p.length, Default::default());
        assert!(p.classes.is_empty() && p.types.is_empty());
        assert_eq!(p.max_repeat, None);
        assert_eq!(p.context, Default::default());
        assert_eq!(p.settings, Default::default());
        assert!(p.vendor_extras.is_empty());
        assert_eq!(n.warnings.len(), 1, "{:?}", n.warnings); // only the forbidden-characters note
                                                             // Other negative values are errors with their path.
        let e = read(&json!({"minLength": -2})).unwrap_err();
        assert_eq!((e.code(), e.path()), ("invalid_field", Some("minLength")));
    }

    #[test]
    fn max_length_zero_is_no_maximum() {
        assert_eq!(norm(json!({"minLength": 8, "maxLength": 0})).policy.length.max, None);
        assert_eq!(norm(json!({"minLength": 8, "maxLength": 64})).policy.length.max, Some(64));
        assert_eq!(norm(json!({"minLength": 0})).policy.length.min, None);
    }

    #[test]
    fn min_character_types_help_page_example() {
        // "Minimum character types" 3 with minimum uppercase, lowercase and digits set to 1.
        let n = norm(json!({"minCharacterTypes": 3, "minUpper": 1, "minLower": 1, "minNumeric": 1, "minSpecial": 0}));
        assert!(n.policy.classes.is_empty(), "the categories are not required one by one");
        assert_eq!(
            n.policy.types,
            vec![TypesRule {
                required: 3,
                of: vec![
                    Requirement::class(CharClass::Upper, 1),
                    Requirement::class(CharClass::Lower, 1),
                    Requirement::class(CharClass::Digit, 1),
                    Requirement::class(CharClass::Symbol, 1),
                ],
            }]
        );
    }

    #[test]
    fn min_character_types_keeps_larger_minimums() {
        let n = norm(
            json!({"minCharacterTypes": 2, "minUpper": 0, "minLower": 0, "minNumeric": 2, "minSpecial": 3, "minAlpha": 2}),
        );
        assert_eq!(n.policy.classes, vec![ClassMin { class: CharClass::Letter, min: 2 }]);
        let mins: Vec<u32> = n.policy.types[0].of.iter().map(|r| r.min).collect();
        assert_eq!(mins, vec![1, 1, 2, 3]);
        assert_eq!(n.policy.types[0].required, 2);
    }

    #[test]
    fn unset_min_character_types_requires_each_minimum() {
        let n = norm(
            json!({"minCharacterTypes": -1, "minUpper": 1, "minLower": 2, "minNumeric": 0, "minSpecial": 1, "minAlpha": 3}),
        );
        assert!(n.policy.types.is_empty());
        assert_eq!(
            n.policy.classes,
            vec![
                ClassMin { class: CharClass::Letter, min: 3 },
                ClassMin { class: CharClass::Upper, min: 1 },
                ClassMin { class: CharClass::Lower, min: 2 },
                ClassMin { class: CharClass::Symbol, min: 1 },
            ]
        );
        // 0 is documented nowhere: read as unset, kept as given.
        let n = norm(json!({"minCharacterTypes": 0, "minUpper": 1}));
        assert!(n.policy.types.is_empty());
        assert_eq!(n.policy.classes, vec![ClassMin { class: CharClass::Upper, min: 1 }]);
        assert_eq!(codes(&n, WarningCode::OutOfRange), vec!["minCharacterTypes"]);
        assert_eq!(n.policy.vendor_extras.get("minCharacterTypes"), Some(&json!(0)));
    }

    #[test]
    fn min_character_types_beyond_four_is_unsatisfiable() {
        let out = read(&json!({"minCharacterTypes": 5})).unwrap();
        assert_eq!(codes(&out[0], WarningCode::OutOfRange), vec!["minCharacterTypes"]);
        assert_eq!(out[0].policy.types[0].required, 5);
        assert_eq!(validate(&out[0].policy).unwrap_err().code(), "unsatisfiable");
        let e = crate::vendors::normalize(r#"{"minCharacterTypes": 5}"#, None).unwrap_err();
        assert_eq!(e.code(), "unsatisfiable");
    }

    #[test]
    fn repeats() {
        assert_eq!(norm(json!({"maxRepeatedChars": 2})).policy.max_repeat, Some(2));
        // A longest run of 0 would admit no password, and is documented nowhere.
        let n = norm(json!({"maxRepeatedChars": 0}));
        assert_eq!(n.policy.max_repeat, None);
        assert_eq!(codes(&n, WarningCode::OutOfRange), vec!["maxRepeatedChars"]);
        assert_eq!(n.policy.vendor_extras.get("maxRepeatedChars"), Some(&json!(0)));
    }

    /// An enabled expiry of 0 days, a 0 reminder, a 0 minimum word length: documented nowhere,
    /// left out and kept as given; nothing reads "Expires after 0 seconds".
    #[test]
    fn undocumented_zeros_are_left_out() {
        let n = norm(json!({"enablePasswdExpiration": true, "passwordExpiration": 0, "firstExpirationReminder": 0,
                            "validateAgainstAccountId": true, "accountIdMinWordLength": 0, "minLength": 0}));
        let p = &n.policy;
        assert_eq!((p.settings.expiry.as_ref(), p.length.min), (None, None));
        assert_eq!(
            codes(&n, WarningCode::OutOfRange),
            vec!["accountIdMinWordLength", "passwordExpiration", "firstExpirationReminder"]
        );
        for (key, value) in [
            ("passwordExpiration", json!(0)),
            ("firstExpirationReminder", json!(0)),
            ("enablePasswdExpiration", json!(true)),
            ("accountIdMinWordLength", json!(0)),
        ] {
            assert_eq!(p.vendor_extras.get(key), Some(&value), "{key}");
        }
        // The account ID check stays, with the default minimum word length.
        assert_eq!(p.context.account_id.as_ref().map(|c| c.min_token_length), Some(3));
        // minLength 0 is the documented default: none, said.
        assert!(codes(&n, WarningCode::Inactive).contains(&"minLength"));
        let d = crate::describe::describe(p, &crate::messages::Messages::english());
        assert!(d.rules.iter().chain(&d.settings).all(|s| !s.text.contains(" 0 ")), "{d:?}");
    }

    #[test]
    fn symbols_and_forbidden_characters() {
        let n = norm(json!({"minSpecial": 1}));
        let symbols = n.policy.symbols.clone().unwrap();
        // Every printable ASCII character that is not a letter or digit, but `:`; plus space.
        let expected: Vec<char> = (' '..='~').filter(|c| !c.is_ascii_alphanumeric() && *c != ':').collect();
        let mut got = symbols.literal_chars();
        got.sort_unstable();
        assert_eq!(got, expected);
        assert_eq!(symbols.chars.chars().count(), 32);
        let forbidden = n.policy.forbidden.clone().unwrap();
        assert!(forbidden.contains_char(':'));
        for c in ['£', 'ß', 'à', '漢', '😀', '\u{80}'] {
            assert!(forbidden.contains_char(c), "{c}");
        }
        assert!(!forbidden.contains_char('~') && !forbidden.contains_char('a'));
        assert_eq!(codes(&n, WarningCode::Approximation), vec![""]);
    }

    #[test]
    fn context_checks() {
        let n = norm(json!({
            "validateAgainstAccountId": true, "accountIdMinWordLength": 5,
            "validateAgainstAccountName": true, "accountNameMinWordLength": -1,
            "useAccountAttributes": true
        }));
        let c = &n.policy.context;
        assert_eq!(
            c.account_id,
            Some(ContextCheck { match_mode: MatchMode::Substring, min_token_length: 5, delimiters: None })
        );
        assert_eq!(
            c.account_name,
            Some(ContextCheck { match_mode: MatchMode::Substring, min_token_length: 3, delimiters: None })
        );
        assert_eq!(c.attributes, Some(AttributeCheck::default()));
        assert!(codes(&n, WarningCode::Approximation).contains(&"accountNameMinWordLength"));
        // A length without its flag is inactive, kept as metadata.
        let n = norm(
            json!({"validateAgainstAccountId": false, "accountIdMinWordLength": 4, "useIdentityAttributes": true}),
        );
        assert_eq!(n.policy.context.account_id, None);
        assert_eq!(n.policy.context.attributes, Some(AttributeCheck::default()));
        assert_eq!(n.policy.vendor_extras.get("accountIdMinWordLength"), Some(&json!(4)));
        assert_eq!(codes(&n, WarningCode::Inactive), vec!["accountIdMinWordLength"]);
    }

    #[test]
    fn expiry_and_mfa_settings() {
        let n = norm(json!({
            "passwordExpiration": 30, "enablePasswdExpiration": true, "firstExpirationReminder": 7,
            "requireStrongAuthn": true, "requireStrongAuthOffNetwork": false,
            "requireStrongAuthUntrustedGeographies": true
        }));
        let s = &n.policy.settings;
        assert_eq!(
            s.expiry,
            Some(Expiry {
                enforced: true,
                max_age_seconds: Some(30.0 * 86400.0),
                reminder_seconds: Some(7.0 * 86400.0),
                ..Default::default()
            })
        );
        assert_eq!(
            s.mfa,
            Some(Mfa {
                required_for_password_change: Some(true),
                required_off_network: Some(false),
                required_untrusted_geographies: Some(true),
                ..Default::default()
            })
        );
        assert_eq!(
            codes(&n, WarningCode::NotCheckable),
            vec![
                "passwordExpiration",
                "firstExpirationReminder",
                "requireStrongAuthn",
                "requireStrongAuthUntrustedGeographies"
            ]
        );
        assert!(codes(&n, WarningCode::Inactive).is_empty());
        // Enabled without a number: SailPoint's documented default of 90 days.
        let n = norm(json!({"enablePasswdExpiration": true}));
        assert_eq!(n.policy.settings.expiry.as_ref().and_then(|e| e.max_age_seconds), Some(90.0 * 86400.0));
        assert_eq!(codes(&n, WarningCode::Defaulted), vec!["passwordExpiration"]);
        // Round trip of a policy with an unenforced expiry keeps `enforced: false`.
        let n = norm(json!({"passwordExpiration": 90}));
        let again = crate::vendors::canonical::read(&serde_json::to_value(&n.policy).unwrap()).unwrap();
        assert_eq!(again.policy, n.policy);
        assert!(!again.policy.settings.expiry.unwrap().enforced);
    }

    #[test]
    fn date_created_is_kept_as_given() {
        for v in [json!(1639056206564u64), json!("2022-05-26T08:27:09.503Z")] {
            let n = norm(json!({"minAlpha": 1, "dateCreated": v.clone(), "created": null, "modified": "x"}));
            assert_eq!(n.policy.vendor_extras.get("dateCreated"), Some(&v));
            assert_eq!(n.policy.vendor_extras.get("created"), Some(&Value::Null));
            assert!(codes(&n, WarningCode::UnknownField).is_empty());
        }
    }

    #[test]
    fn unknown_fields_are_kept_with_a_warning() {
        let n = norm(json!({"minAlpha": 1, "minPunctuation": 2}));
        assert_eq!(codes(&n, WarningCode::UnknownField), vec!["minPunctuation"]);
        assert_eq!(n.policy.vendor_extras.get("minPunctuation"), Some(&json!(2)));
    }

    #[test]
    fn array_paths_are_prefixed() {
        let out = read(&json!([{"minLength": 8}, {"minLength": 10, "foo": 1, "minCharacterTypes": 7}])).unwrap();
        assert_eq!(out.len(), 2);
        assert_eq!(out[1].policy.length.min, Some(10));
        assert_eq!(codes(&out[1], WarningCode::UnknownField), vec!["[1].foo"]);
        assert_eq!(codes(&out[1], WarningCode::OutOfRange), vec!["[1].minCharacterTypes"]);
        assert_eq!(out[1].policy.vendor_extras.get("[1].foo"), Some(&json!(1)));
        assert_eq!(codes(&out[0], WarningCode::Approximation), vec!["[0]"]);
        // Errors name the element.
        let e = read(&json!([{"minLength": 8}, {"minLength": "8"}])).unwrap_err();
        assert_eq!((e.code(), e.path()), ("invalid_field", Some("[1].minLength")));
        let e = read(&json!([{"minLength": 8}, {"useDictionary": "yes"}])).unwrap_err();
        assert_eq!(e.path(), Some("[1].useDictionary"));
        let e = read(&json!([{"minLength": 8}, 3])).unwrap_err();
        assert_eq!(e.path(), Some("[1]"));
        let e = read(&json!([])).unwrap_err();
        assert_eq!((e.code(), e.path()), ("invalid_field", Some("$")));
        // The validation error of the whole document names the policy.
        let e = crate::vendors::normalize(r#"[{"minLength": 8}, {"minLength": 9, "maxLength": 4}]"#, Some("sailpoint"))
            .unwrap_err();
        assert_eq!(e.code(), "unsatisfiable");
        assert!(e.message.starts_with("policy [1]:"), "{}", e.message);
    }

    #[test]
    fn wrong_types_are_invalid_fields() {
        for (doc, path) in [
            (json!({"minLength": "8"}), "minLength"),
            (json!({"minLength": 8.5}), "minLength"),
            (json!({"name": 3}), "name"),
            (json!({"validateAgainstAccountId": 1}), "validateAgainstAccountId"),
            (json!({"maxLength": 5_000_000_000u64}), "maxLength"),
        ] {
            let e = read(&doc).unwrap_err();
            assert_eq!((e.code(), e.path()), ("invalid_field", Some(path)), "{doc}");
        }
        assert_eq!(read(&json!("x")).unwrap_err().path(), Some("$"));
    }
}
