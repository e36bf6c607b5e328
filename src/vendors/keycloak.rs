//! Keycloak password policies: the policy string
//! (`length(12) and digits(1) and notUsername(undefined) and passwordHistory(3)`), as a text
//! document or a JSON string, a realm JSON object with a string `passwordPolicy`, or the realms
//! list (`GET /admin/realms`: an array of realms, one policy each, paths prefixed `[i]`).
//!
//! Follows Keycloak's own policy providers (keycloak/keycloak, `server-spi-private/src/main/java/
//! org/keycloak/policy/*PasswordPolicyProviderFactory.java`, main branch of 2025: the ids, their
//! default configs, and what a 0 does) and the Server Administration Guide, "Password policies"
//! (<https://www.keycloak.org/docs/latest/server_admin/#_password-policies>).
//!
//! Grammar (`PasswordPolicy.parse`): the string is split on `" and "`; each trimmed part is `id` or
//! `id(config)`, the config being everything between the first `(` and the final `)`. A missing,
//! empty or `undefined` config takes the type's default (reported as `defaulted` when the type has
//! a numeric default). Unknown ids are `unknown_field` warnings, kept under `vendorExtras` (Keycloak
//! itself rejects them); a part that does not follow the grammar is an `invalid_field` error. Paths
//! are the ids (`passwordPolicy.<id>` inside a realm).
//!
//! Zeros: `length(0)` and the character counts (`digits(0)`, …) require nothing (Keycloak's check,
//! "fewer than 0", never fails): no rule, with a warning. `maxLength(0)`, `passwordHistory(0)` and
//! `forceExpiredPasswordChange(0)` are documented nowhere: left out, kept under vendorExtras, with
//! an `out_of_range` warning.
//!
//! | id (default) | canonical |
//! |---|---|
//! | `length(8)`, `maxLength(64)` | `length.min`/`max`, unit `utf16` (Java's `String.length()`) |
//! | `digits(1)`, `lowerCase(1)`, `upperCase(1)` | `classes` |
//! | `specialChars(1)` | `classes` symbol with the default (Unicode non-letter-or-digit) symbols |
//! | `notUsername` | `context.username`, whole |
//! | `notContainsUsername` | `context.username`, substring |
//! | `notEmail` | `context.email`, whole |
//! | `notContainsName` | `context.attributes` `firstName`, `lastName`, `displayName`, substring |
//! | `notPersonalInformation` | username, e-mail and `firstName`/`lastName`, substring |
//! | `passwordHistory(3)` | `history` |
//! | `forceExpiredPasswordChange(365)` | `settings.expiry.maxAgeSeconds` |
//! | `forceExpiredPasswordChangeWhitelist(list)` | `settings.expiry.excludedUsers` |
//! | `passwordBlacklist(file)` | `dictionary.custom`, whole; the file name under `vendorExtras` |
//! | `regexPattern(re)` | `vendorExtras` (a list), `approximation`: not checked |
//! | `passwordAge(30)`, `hashAlgorithm`, `hashIterations`, `maxAuthAge(300)`, `recoveryCodesWarningThreshold(4)` | `vendorExtras`, `not_checkable` |
//! | `passwordStrength` ("Password strength indicator": a meter on the form, no check) | `vendorExtras`, `not_checkable` |
//!
//! In a realm only `passwordPolicy` is read, with `id` and `realm` as the source; the realm's
//! other fields (hundreds) are left out with one warning.

use serde_json::{json, Value};

use super::fields::{days, join, Obj};
use super::{new_policy, Document, Normalized, WarningCode, Warnings};
use crate::error::{PolicyError, Result};
use crate::policy::{
    AttributeCheck, CharClass, ClassMin, ContextCheck, CustomDictionary, Expiry, History, LengthUnit, MatchMode,
    Policy, DEFAULT_MIN_TOKEN_LENGTH,
};

/// Keycloak's built-in policy ids.
pub const IDS: &[&str] = &[
    "length",
    "maxLength",
    "digits",
    "lowerCase",
    "upperCase",
    "specialChars",
    "notUsername",
    "notContainsUsername",
    "notEmail",
    "notContainsName",
    "notPersonalInformation",
    "regexPattern",
    "passwordHistory",
    "passwordAge",
    "forceExpiredPasswordChange",
    "forceExpiredPasswordChangeWhitelist",
    "passwordBlacklist",
    "hashAlgorithm",
    "hashIterations",
    "maxAuthAge",
    "recoveryCodesWarningThreshold",
    "passwordStrength",
];

/// One `id` or `id(config)` of a policy string.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Part<'a> {
    id: &'a str,
    config: Option<&'a str>,
}

fn is_id(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// Splits a policy string the way Keycloak does. `Err` holds the first part that does not follow
/// the grammar.
fn parse(s: &str) -> std::result::Result<Vec<Part<'_>>, &str> {
    if s.trim().is_empty() {
        return Ok(Vec::new());
    }
    s.split(" and ")
        .map(|raw| {
            let part = raw.trim();
            let (id, config) = match part.split_once('(') {
                None => (part, None),
                Some((id, rest)) => (id.trim(), Some(rest.strip_suffix(')').ok_or(part)?)),
            };
            if is_id(id) {
                Ok(Part { id, config })
            } else {
                Err(part)
            }
        })
        .collect()
}

/// Whether `s` is a Keycloak policy string with at least one built-in id.
fn is_policy(s: &str) -> bool {
    parse(s).is_ok_and(|parts| parts.iter().any(|p| IDS.contains(&p.id)))
}

/// The policy string (text or JSON string), or a realm whose `passwordPolicy` string parses as
/// one. In a realm export (recognised by its `realm` key) an empty policy, or one of custom ids
/// only, counts too. Auth0's `passwordPolicy` levels (`good`, …) are neither Keycloak ids nor
/// accepted as custom ones, so Auth0 and Keycloak never both claim a document.
pub fn detect(doc: &Document) -> bool {
    match doc {
        Document::Text(s) | Document::Json(Value::String(s)) => is_policy(s),
        Document::Json(Value::Object(o)) => match o.get("passwordPolicy") {
            Some(Value::String(s)) => {
                is_policy(s)
                    || (o.contains_key("realm") && parse(s).is_ok() && !super::auth0::LEVELS.contains(&s.as_str()))
            }
            _ => false,
        },
        _ => false,
    }
}

pub fn normalize(doc: &Document) -> Result<Vec<Normalized>> {
    let (mut p, mut w) = (new_policy("keycloak"), Warnings::default());
    match doc {
        Document::Text(s) | Document::Json(Value::String(s)) => apply(s, "", &mut p, &mut w)?,
        Document::Json(v @ Value::Object(_)) => realm(v, "", &mut p, &mut w)?,
        Document::Json(Value::Array(items)) if !items.is_empty() => {
            // The realms list: one policy per realm.
            return items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let (mut p, mut w) = (new_policy("keycloak"), Warnings::default());
                    realm(item, &format!("[{i}]"), &mut p, &mut w)?;
                    Ok(Normalized { vendor: "keycloak", policy: p, warnings: w.0 })
                })
                .collect();
        }
        _ => {
            return Err(PolicyError::field(
                "$",
                "expected a Keycloak password policy string or a realm object with a `passwordPolicy` string",
            ))
        }
    }
    Ok(vec![Normalized { vendor: "keycloak", policy: p, warnings: w.0 }])
}

fn realm(v: &Value, base: &str, p: &mut Policy, w: &mut Warnings) -> Result<()> {
    let o = Obj::new(v, base)?;
    let key = "passwordPolicy";
    let policy = o.str(key)?;
    p.source.id = o.text("id")?;
    p.source.name = o.str("realm")?.map(str::to_string);
    match policy {
        Some(s) => apply(s, &o.path(key), p, w)?,
        None => w.push(
            WarningCode::Defaulted,
            o.path(key),
            "missing: the realm has no password policy, so no password rules apply",
        ),
    }
    let rest: Vec<&str> =
        o.keys().map(String::as_str).filter(|k| !["passwordPolicy", "id", "realm"].contains(k)).collect();
    if !rest.is_empty() {
        w.left_out(base, "the realm", &rest);
    }
    Ok(())
}

/// Keys of a realm representation besides `realm`, one of which an element of `GET /admin/realms`
/// must have to be taken for a realm.
const REALM_KEYS: &[&str] = &["passwordPolicy", "enabled", "sslRequired", "bruteForceProtected", "accessTokenLifespan"];

/// An element of the realms list (`GET /admin/realms`, a bare array of realm representations).
pub fn is_realm(v: &Value) -> bool {
    v.as_object()
        .is_some_and(|o| o.get("realm").is_some_and(Value::is_string) && REALM_KEYS.iter().any(|k| o.contains_key(*k)))
}

/// The config of a part, or `None` when absent, empty or `undefined` (what Keycloak's admin
/// console writes for an empty field).
fn given<'a>(part: &Part<'a>) -> Option<&'a str> {
    part.config.map(str::trim).filter(|c| !c.is_empty() && *c != "undefined")
}

/// A non-negative integer config, or the type's default (reported).
fn int(part: &Part, path: &str, default: u32, w: &mut Warnings) -> Result<u32> {
    match given(part) {
        None => {
            w.defaulted(path, default);
            Ok(default)
        }
        Some(c) => {
            c.parse::<u32>().map_err(|_| PolicyError::field(path, format!("`{c}` is not a non-negative integer")))
        }
    }
}

/// A config that the type requires.
fn required<'a>(part: &Part<'a>, path: &str, what: &str) -> Result<&'a str> {
    given(part).ok_or_else(|| PolicyError::field(path, format!("`{}` needs {what}", part.id)))
}

/// A character count; 0 requires nothing (Keycloak counts "fewer than 0": never), said in a
/// warning. The last occurrence wins, as in Keycloak's map of ids.
fn set_class(p: &mut Policy, class: CharClass, min: u32, path: &str, w: &mut Warnings) {
    p.classes.retain(|c| c.class != class);
    if min > 0 {
        p.classes.push(ClassMin { class, min });
    } else {
        w.zero_means(path, "no requirement (Keycloak rejects fewer than 0 characters: never)");
    }
}

/// A config of 0 that Keycloak documents nowhere: left out, kept under vendorExtras.
fn zero_left_out(path: &str, p: &mut Policy, w: &mut Warnings) {
    p.extra(path, json!(0));
    w.zero_left_out(path, None);
}

fn check(mode: MatchMode) -> ContextCheck {
    // A whole-value comparison has no reason to skip short values.
    let min_token_length = if mode == MatchMode::Whole { 1 } else { DEFAULT_MIN_TOKEN_LENGTH };
    ContextCheck { match_mode: mode, min_token_length, delimiters: None }
}

/// Sets a context check unless a substring check (which implies the whole one) is already there.
fn set_context(slot: &mut Option<ContextCheck>, mode: MatchMode) {
    if mode == MatchMode::Substring || slot.is_none() {
        *slot = Some(check(mode));
    }
}

fn add_attributes(p: &mut Policy, names: &[&str]) {
    let a =
        p.context.attributes.get_or_insert_with(|| AttributeCheck { names: Some(Vec::new()), ..Default::default() });
    let list = a.names.get_or_insert_with(Vec::new);
    for n in names {
        if !list.iter().any(|x| x == n) {
            list.push(n.to_string());
        }
    }
}

/// A setting with no canonical home: kept under vendorExtras, with a `not_checkable` warning.
fn keep(path: &str, value: Value, what: &str, p: &mut Policy, w: &mut Warnings) {
    p.extra(path, value);
    w.kept_extra(path, what);
}

/// Applies the policy string `s` found at `base` ("" or "passwordPolicy").
fn apply(s: &str, base: &str, p: &mut Policy, w: &mut Warnings) -> Result<()> {
    let parts = parse(s).map_err(|bad| {
        PolicyError::field(
            if base.is_empty() { "$" } else { base },
            format!("`{bad}` is not a policy (`id` or `id(argument)`)"),
        )
    })?;
    for part in parts {
        let path = join(base, part.id);
        let path = path.as_str();
        match part.id {
            "length" => {
                p.length.min = match int(&part, path, 8, w)? {
                    0 => {
                        w.zero_means(path, "no minimum (Keycloak rejects fewer than 0 characters: never)");
                        None
                    }
                    n => Some(n),
                };
                p.length.unit = LengthUnit::Utf16;
            }
            "maxLength" => {
                p.length.max = match int(&part, path, 64, w)? {
                    0 => {
                        zero_left_out(path, p, w);
                        None
                    }
                    n => Some(n),
                };
                p.length.unit = LengthUnit::Utf16;
            }
            "digits" => set_class(p, CharClass::Digit, int(&part, path, 1, w)?, path, w),
            "lowerCase" => set_class(p, CharClass::Lower, int(&part, path, 1, w)?, path, w),
            "upperCase" => set_class(p, CharClass::Upper, int(&part, path, 1, w)?, path, w),
            "specialChars" => set_class(p, CharClass::Symbol, int(&part, path, 1, w)?, path, w),
            "notUsername" => {
                set_context(&mut p.context.username, MatchMode::Whole);
                w.approximation(path, "Keycloak rejects the username itself (case-sensitive); here case is ignored and a password equal to one word of the username is rejected too");
            }
            "notContainsUsername" => {
                set_context(&mut p.context.username, MatchMode::Substring);
                w.approximation(path, format!("Keycloak rejects passwords containing the username (case-insensitive; a few versions compared the other way round); here its words of {DEFAULT_MIN_TOKEN_LENGTH} or more characters are looked for too"));
            }
            "notEmail" => {
                set_context(&mut p.context.email, MatchMode::Whole);
                w.approximation(path, "Keycloak rejects the e-mail address itself (case-insensitive); here a password equal to its local part or one word of it is rejected too");
            }
            "notContainsName" => {
                add_attributes(p, &["firstName", "lastName", "displayName"]);
                w.approximation(path, "Keycloak looks for the whole first name, last name and displayName attribute (3 or more characters, case-insensitive); here their words are looked for too");
            }
            "notPersonalInformation" => {
                set_context(&mut p.context.username, MatchMode::Substring);
                set_context(&mut p.context.email, MatchMode::Substring);
                add_attributes(p, &["firstName", "lastName"]);
                w.approximation(path, "Keycloak also looks for the parts of the e-mail domain (split on . @ + -); here the address, its local part and the local part's words are looked for");
            }
            "regexPattern" => {
                // The pattern as written: spaces are part of it.
                let re = part.config.filter(|c| !c.trim().is_empty() && c.trim() != "undefined");
                let re = re.ok_or_else(|| PolicyError::field(path, "`regexPattern` needs a regular expression"))?;
                match p.vendor_extras.get_mut(path) {
                    Some(Value::Array(list)) => list.push(json!(re)),
                    _ => p.extra(path, json!([re])),
                }
                w.approximation(path, "the canonical model has no regular-expression rule: the pattern (which Keycloak matches against the whole password) is kept under vendorExtras and not checked, so passwords Keycloak rejects may pass");
            }
            "passwordHistory" => {
                let n = int(&part, path, 3, w)?;
                p.history = (n > 0).then_some(History { count: n, enforced: true });
                if n == 0 {
                    zero_left_out(path, p, w);
                }
            }
            "passwordAge" => {
                let n = int(&part, path, 30, w)?;
                keep(path, json!(n), "Not reusing a password of the last days (it needs the stored history)", p, w);
            }
            "forceExpiredPasswordChange" => {
                let n = int(&part, path, 365, w)?;
                if n == 0 {
                    zero_left_out(path, p, w);
                } else {
                    w.not_checkable(path, "password expiry");
                    p.settings.expiry.get_or_insert_with(Expiry::default).max_age_seconds = Some(days(n));
                }
            }
            "forceExpiredPasswordChangeWhitelist" => {
                let list = whitelist(given(&part).unwrap_or(""));
                w.not_checkable(path, "users exempt from expiry");
                p.settings.expiry.get_or_insert_with(Expiry::default).excluded_users = list;
            }
            "passwordBlacklist" => {
                let file = required(&part, path, "the name of a denylist file")?;
                p.dictionary.custom = Some(CustomDictionary {
                    words: Vec::new(),
                    match_mode: MatchMode::Whole,
                    min_word_length: None,
                    ..Default::default()
                });
                p.extra(path, json!(file));
                w.approximation(path, format!("the words of the denylist file `{file}` are not in the policy: pass them as the check context's dictionary (matched as the whole password, case-insensitive, as Keycloak does)"));
            }
            "hashAlgorithm" => {
                let alg = given(&part).map_or(Value::Null, |a| json!(a));
                keep(path, alg, "The password hashing algorithm", p, w);
            }
            "hashIterations" => {
                let n = match given(&part) {
                    None => Value::Null,
                    Some(c) => json!(c
                        .parse::<i64>()
                        .map_err(|_| PolicyError::field(path, format!("`{c}` is not an integer")))?),
                };
                keep(path, n, "The number of hashing iterations", p, w);
            }
            "maxAuthAge" => {
                let n = int(&part, path, 300, w)?;
                keep(path, json!(n), "The maximum authentication age for changing the password", p, w);
            }
            "recoveryCodesWarningThreshold" => {
                let n = int(&part, path, 4, w)?;
                keep(path, json!(n), "The recovery codes warning threshold", p, w);
            }
            // `StrengthPasswordPolicyProvider`: "Password strength indicator", a meter shown while
            // typing; it validates nothing and takes no config.
            "passwordStrength" => {
                keep(path, Value::Bool(true), "A password strength indicator on the form (it rejects nothing)", p, w);
            }
            _ => {
                w.unknown_field(path);
                p.extra(path, part.config.map_or(Value::Null, |c| json!(c)));
            }
        }
    }
    Ok(())
}

/// `forceExpiredPasswordChangeWhitelist`'s list: e-mails and `@domain`s separated by commas,
/// semicolons or white space, lower-cased; `*@domain` is `@domain`.
fn whitelist(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for token in s.split(|c: char| c == ',' || c == ';' || c.is_whitespace()) {
        let t = token.trim().to_lowercase();
        let t = t.strip_prefix('*').filter(|r| r.starts_with('@')).map_or(t.clone(), str::to_string);
        if !t.is_empty() && !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vendors::testing::{codes, failures, failures_in, norm_as};
    use crate::vendors::{detect_vendor, parse_document};
    use crate::Context;

    const ISSUE: &str = include_str!("../../tests/fixtures/keycloak/issue-example.txt");
    const REALM: &str = include_str!("../../tests/fixtures/keycloak/realm.json");
    const ALL: &str = include_str!("../../tests/fixtures/keycloak/every-type.txt");

    fn norm(text: &str) -> Normalized {
        norm_as("keycloak", text)
    }

    #[test]
    fn length_and_digits() {
        let out = crate::vendors::normalize("length(8) and digits(1)", None).unwrap();
        assert_eq!(out[0].vendor, "keycloak");
        let p = &out[0].policy;
        assert!(failures(p, "abcdefg1").is_empty());
        assert_eq!(failures(p, "abcdefgh"), ["chars.digit"]);
        assert_eq!(failures(p, "abc1"), ["length.min"]);
        assert!(out[0].warnings.is_empty());
    }

    #[test]
    fn issue_example() {
        let out = crate::vendors::normalize(ISSUE, None).unwrap();
        let n = &out[0];
        assert_eq!(n.vendor, "keycloak");
        assert_eq!(
            serde_json::to_value(&n.policy).unwrap(),
            json!({
                "version": 1,
                "source": {"vendor": "keycloak"},
                "length": {"min": 12, "unit": "utf16"},
                "classes": [{"class": "digit", "min": 1}, {"class": "upper", "min": 1}],
                "context": {"username": {"match": "whole", "minTokenLength": 1}},
                "history": {"count": 3}
            })
        );
        // `notUsername(undefined)`: the argument is ignored, no warning but the matching note.
        assert_eq!(n.warnings.len(), 1);
        assert_eq!(codes(n, WarningCode::Approximation), ["notUsername"]);
        let ctx = Context {
            username: Some("Marvin.Android".into()),
            previous_passwords: vec!["Paranoid-42-Brain".into()],
            ..Default::default()
        };
        assert!(failures_in(&n.policy, "Depressed-42-Robot", &ctx).is_empty());
        assert_eq!(failures_in(&n.policy, "Paranoid-42-Brain", &ctx), ["history.reuse"]);
        assert_eq!(failures_in(&n.policy, "depressed-42-robot", &ctx), ["chars.upper"]);
        assert_eq!(failures_in(&n.policy, "marvin.android", &ctx), ["chars.digit", "chars.upper", "context.username"]);
        // Containing the username is allowed by notUsername.
        assert!(failures_in(&n.policy, "Marvin.Android-42", &ctx).is_empty());
    }

    #[test]
    fn realm_export() {
        let out = crate::vendors::normalize(REALM, None).unwrap();
        let n = &out[0];
        assert_eq!(n.vendor, "keycloak");
        let p = &n.policy;
        assert_eq!((p.source.id.as_deref(), p.source.name.as_deref()), (Some("demo-id"), Some("demo")));
        assert_eq!(p.length.min, Some(8));
        assert_eq!(p.classes.len(), 4);
        assert_eq!(p.history, Some(History { count: 3, enforced: true }));
        assert!(p.vendor_extras.is_empty());
        let left: Vec<&str> = codes(n, WarningCode::Ignored);
        assert_eq!(left, [""]);
        let msg = &n.warnings.iter().find(|w| w.code == WarningCode::Ignored).unwrap().message;
        assert!(msg.contains("fields of the realm") && msg.contains("enabled"), "{msg}");
        assert_eq!(codes(n, WarningCode::Approximation), ["passwordPolicy.notUsername"]);
        assert!(failures(p, "Abcdefg1!").is_empty());
        assert_eq!(failures(p, "Abcdefg12"), ["chars.symbol"]);
        // A space and an emoji are special characters for Keycloak.
        assert!(failures(p, "Abcdefg1 ").is_empty());
        assert!(failures(p, "Abcdefg1😀").is_empty());
    }

    #[test]
    fn every_built_in_type() {
        let n = norm(ALL);
        let p = &n.policy;
        assert_eq!((p.length.min, p.length.max, p.length.unit), (Some(10), Some(64), LengthUnit::Utf16));
        assert_eq!(
            p.classes,
            [
                ClassMin { class: CharClass::Digit, min: 2 },
                ClassMin { class: CharClass::Lower, min: 1 },
                ClassMin { class: CharClass::Upper, min: 1 },
                ClassMin { class: CharClass::Symbol, min: 1 }
            ]
        );
        assert!(p.symbols.is_none(), "Keycloak's special characters are every non-letter-or-digit");
        assert_eq!(p.context.username, Some(check(MatchMode::Substring)));
        assert_eq!(p.context.email, Some(check(MatchMode::Substring)));
        assert_eq!(
            p.context.attributes.as_ref().and_then(|a| a.names.clone()),
            Some(vec!["firstName".to_string(), "lastName".into(), "displayName".into()])
        );
        assert_eq!(p.history, Some(History { count: 5, enforced: true }));
        assert_eq!(
            p.settings.expiry,
            Some(Expiry {
                max_age_seconds: Some(days(90)),
                excluded_users: vec!["admin@example.com".into(), "@example.org".into()],
                ..Default::default()
            })
        );
        assert_eq!(p.dictionary.custom.as_ref().map(|c| c.match_mode), Some(MatchMode::Whole));
        let x = &p.vendor_extras;
        assert_eq!(x.get("passwordBlacklist"), Some(&json!("10_million_passwords.txt")));
        assert_eq!(x.get("regexPattern"), Some(&json!(["^[^ ]+$", ".*[A-Z].*"])));
        assert_eq!(x.get("passwordAge"), Some(&json!(365)));
        assert_eq!(x.get("hashAlgorithm"), Some(&json!("pbkdf2-sha512")));
        assert_eq!(x.get("hashIterations"), Some(&json!(210000)));
        assert_eq!(x.get("maxAuthAge"), Some(&json!(300)));
        assert_eq!(x.get("recoveryCodesWarningThreshold"), Some(&json!(4)));
        assert_eq!(
            codes(&n, WarningCode::NotCheckable),
            [
                "passwordAge",
                "forceExpiredPasswordChange",
                "forceExpiredPasswordChangeWhitelist",
                "hashAlgorithm",
                "hashIterations",
                "maxAuthAge",
                "recoveryCodesWarningThreshold"
            ]
        );
        assert_eq!(codes(&n, WarningCode::Defaulted), ["maxLength", "maxAuthAge", "recoveryCodesWarningThreshold"]);
        assert!(codes(&n, WarningCode::Approximation).contains(&"regexPattern"));
        assert!(codes(&n, WarningCode::UnknownField).is_empty());

        let ctx = Context {
            username: Some("ford".into()),
            email: Some("ford.prefect@betelgeuse.example".into()),
            attributes: [
                ("displayName".to_string(), "Ix".to_string()),
                ("lastName".to_string(), "Prefect".to_string()),
            ]
            .into(),
            dictionary: vec!["towel12345!A".into()],
            ..Default::default()
        };
        assert!(failures_in(p, "Hoopy-Frood-42", &ctx).is_empty());
        assert_eq!(failures_in(p, "Prefect-Frood-42", &ctx), ["context.email", "context.attribute"]);
        assert_eq!(failures_in(p, "Towel12345!a", &ctx), ["dictionary.custom"]);
        // The regular expressions are not checked.
        assert!(failures_in(p, "hoopy frood 42 X", &ctx).is_empty());
    }

    #[test]
    fn defaults_and_undefined() {
        let n = norm("length and digits(undefined) and passwordHistory() and upperCase(  )");
        assert_eq!(n.policy.length.min, Some(8));
        assert_eq!(n.policy.history.as_ref().map(|h| h.count), Some(3));
        assert_eq!(n.policy.classes.len(), 2);
        assert_eq!(codes(&n, WarningCode::Defaulted), ["length", "digits", "passwordHistory", "upperCase"]);
        assert!(n.warnings.iter().any(|w| w.path == "length" && w.message.contains('8')));
        // Zero turns a count off; the last occurrence wins, as in Keycloak's map.
        let n = norm("digits(2) and digits(0) and passwordHistory(0) and length(6) and length(9)");
        assert!(n.policy.classes.is_empty() && n.policy.history.is_none());
        assert_eq!(n.policy.length.min, Some(9));
        assert_eq!(codes(&n, WarningCode::Inactive), ["digits"]);
        // passwordHistory(0) is documented nowhere: left out, kept as given.
        assert_eq!(codes(&n, WarningCode::OutOfRange), ["passwordHistory"]);
        assert_eq!(n.policy.vendor_extras.get("passwordHistory"), Some(&json!(0)));
    }

    /// length(0) and digits(0) require nothing (Keycloak rejects "fewer than 0"); maxLength(0) and
    /// forceExpiredPasswordChange(0) are documented nowhere. None gives a "0" sentence.
    #[test]
    fn zeros() {
        let n = norm("length(0) and maxLength(0) and upperCase(0) and forceExpiredPasswordChange(0)");
        let p = &n.policy;
        assert_eq!((p.length.min, p.length.max), (None, None));
        assert!(p.classes.is_empty() && p.settings.expiry.is_none());
        assert_eq!(codes(&n, WarningCode::Inactive), ["length", "upperCase"]);
        assert_eq!(codes(&n, WarningCode::OutOfRange), ["maxLength", "forceExpiredPasswordChange"]);
        assert_eq!(p.vendor_extras.get("maxLength"), Some(&json!(0)));
        assert_eq!(p.vendor_extras.get("forceExpiredPasswordChange"), Some(&json!(0)));
        assert!(codes(&n, WarningCode::NotCheckable).is_empty());
        let d = crate::describe::describe(p, &crate::messages::Messages::english());
        assert!(d.rules.is_empty(), "{d:?}");
        // Every password passes.
        assert!(failures(p, "").is_empty());
    }

    #[test]
    fn password_strength_indicator_is_kept() {
        let n = norm("length(12) and passwordStrength");
        assert_eq!(n.policy.vendor_extras.get("passwordStrength"), Some(&json!(true)));
        assert_eq!(codes(&n, WarningCode::NotCheckable), ["passwordStrength"]);
        assert!(codes(&n, WarningCode::UnknownField).is_empty());
        assert_eq!(n.policy.length.min, Some(12));
    }

    #[test]
    fn utf16_units() {
        let p = norm("length(4) and maxLength(6)").policy;
        assert!(failures(&p, "😀😀").is_empty(), "two emoji are four UTF-16 units");
        assert_eq!(failures(&p, "😀a"), ["length.min"]);
        assert_eq!(failures(&p, "😀😀😀a"), ["length.max"]);
    }

    #[test]
    fn unknown_types_are_warnings() {
        let out = crate::vendors::normalize("length(8) and customPolicy(5) and otherCheck", None).unwrap();
        let n = &out[0];
        assert_eq!(codes(n, WarningCode::UnknownField), ["customPolicy", "otherCheck"]);
        assert_eq!(n.policy.vendor_extras.get("customPolicy"), Some(&json!("5")));
        assert_eq!(n.policy.vendor_extras.get("otherCheck"), Some(&Value::Null));
        // Without one built-in id the text is not recognised, but the adapter reads it when asked.
        assert_eq!(detect_vendor("customPolicy(5)").unwrap_err().code(), "unknown_vendor");
        let n = norm("customPolicy(5)");
        assert_eq!(codes(&n, WarningCode::UnknownField), ["customPolicy"]);
    }

    #[test]
    fn malformed_parts_and_arguments() {
        for (text, path) in [
            ("length(8", "$"),
            ("length(8) and", "$"),
            ("length(8) and and digits", "$"),
            ("min length(8)", "$"),
            ("length(abc)", "length"),
            ("length(-1)", "length"),
            ("regexPattern()", "regexPattern"),
            ("passwordBlacklist(undefined)", "passwordBlacklist"),
            ("hashIterations(many)", "hashIterations"),
        ] {
            let e = crate::vendors::normalize(text, Some("keycloak")).unwrap_err();
            assert_eq!((e.code(), e.path()), ("invalid_field", Some(path)), "{text}");
        }
        let e = crate::vendors::normalize(r#"{"realm": "x", "passwordPolicy": "length(x)"}"#, Some("keycloak"))
            .unwrap_err();
        assert_eq!(e.path(), Some("passwordPolicy.length"));
        let e =
            crate::vendors::normalize(r#"{"realm": "x", "passwordPolicy": "length(8"}"#, Some("keycloak")).unwrap_err();
        assert_eq!(e.path(), Some("passwordPolicy"));
        let e = crate::vendors::normalize(r#"{"realm": "x", "passwordPolicy": 8}"#, Some("keycloak")).unwrap_err();
        assert_eq!((e.code(), e.path()), ("invalid_field", Some("passwordPolicy")));
        // A list of realms whose first element is not an object.
        let e = crate::vendors::normalize("[1]", Some("keycloak")).unwrap_err();
        assert_eq!(e.path(), Some("[0]"));
    }

    #[test]
    fn other_document_forms() {
        // A JSON string.
        let out = crate::vendors::normalize(r#""length(10) and specialChars(2)""#, None).unwrap();
        assert_eq!(out[0].vendor, "keycloak");
        assert_eq!(out[0].policy.classes, [ClassMin { class: CharClass::Symbol, min: 2 }]);
        // A realm with an empty policy, and one without any.
        let n = norm(r#"{"realm": "master", "passwordPolicy": "", "enabled": true}"#);
        assert_eq!(detect_vendor(r#"{"realm": "master", "passwordPolicy": ""}"#).unwrap(), "keycloak");
        assert_eq!(n.policy.length, Default::default());
        let n = norm(r#"{"realm": "master"}"#);
        assert_eq!(codes(&n, WarningCode::Defaulted), ["passwordPolicy"]);
        // Regex patterns keep their spaces; several are kept in order.
        let n = norm("regexPattern(^a b$) and regexPattern( x )");
        assert_eq!(n.policy.vendor_extras.get("regexPattern"), Some(&json!(["^a b$", " x "])));
        assert_eq!(codes(&n, WarningCode::Approximation), ["regexPattern", "regexPattern"]);
        assert_eq!(whitelist(" A@x.com,*@Y.org;; b@z.io\n@w.net "), ["a@x.com", "@y.org", "b@z.io", "@w.net"]);
    }

    #[test]
    fn never_claims_other_formats() {
        for text in
            ["minlength: 8; required: lower; required: [-_!]; max-consecutive: 2", "good", "password", "length: 8"]
        {
            let doc = parse_document(text).unwrap();
            assert!(!detect(&doc), "{text}");
        }
        for json in [
            r#"{"passwordPolicy": "good"}"#,
            r#"{"passwordPolicy": "excellent"}"#,
            r#"{"passwordPolicy": {"min_length": 6}}"#,
            r#"{"passwordPolicy": ""}"#,
        ] {
            assert!(!detect(&parse_document(json).unwrap()), "{json}");
        }
        // A realm with custom policy ids only is still a realm.
        assert_eq!(detect_vendor(r#"{"realm": "x", "passwordPolicy": "myPolicy(3)"}"#).unwrap(), "keycloak");
        // Auth0 and Keycloak never both claim a document.
        for json in [
            r#"{"realm": "x", "passwordPolicy": "good"}"#,
            r#"{"realm": "x", "passwordPolicy": null}"#,
            r#"{"realm": "x", "passwordPolicy": "none", "password_history": {"enable": true}}"#,
            r#"{"passwordPolicy": "length(8)", "password_history": {"enable": true}}"#,
            r#"{"options": {"passwordPolicy": "digits(1)"}, "strategy": "auth0"}"#,
        ] {
            let doc = parse_document(json).unwrap();
            assert!(!(detect(&doc) && super::super::auth0::detect(&doc)), "{json}");
        }
    }

    /// Every fixture of the vendors detected by key detects as its own vendor, and no adapter with
    /// its own detection claims it; each fixture of those adapters is claimed by its own only.
    #[test]
    fn fixtures_detect_as_their_own_vendor() {
        let others: [(&str, &str); 8] = [
            ("meraki", include_str!("../../tests/fixtures/meraki/example.json")),
            ("meraki", include_str!("../../tests/fixtures/meraki/flags_off.json")),
            ("sailpoint", include_str!("../../tests/fixtures/sailpoint/list.json")),
            ("sumologic", include_str!("../../tests/fixtures/sumologic/example.json")),
            ("scaleway", include_str!("../../tests/fixtures/scaleway/example.json")),
            ("scaleway", include_str!("../../tests/fixtures/scaleway/nulls.json")),
            ("longjump", include_str!("../../tests/fixtures/longjump/seed.json")),
            ("longjump", include_str!("../../tests/fixtures/longjump/seed.xml")),
        ];
        let ours: [(&str, &str); 12] = [
            ("aws-iam", include_str!("../../tests/fixtures/aws-iam/example.json")),
            ("aws-iam", include_str!("../../tests/fixtures/aws-iam/full.json")),
            ("aws-cognito", include_str!("../../tests/fixtures/aws-cognito/example.json")),
            ("aws-cognito", include_str!("../../tests/fixtures/aws-cognito/describe-user-pool.json")),
            ("okta", include_str!("../../tests/fixtures/okta/settings-example.json")),
            ("okta", include_str!("../../tests/fixtures/okta/list.json")),
            ("auth0", include_str!("../../tests/fixtures/auth0/options-example.json")),
            ("auth0", include_str!("../../tests/fixtures/auth0/connection.json")),
            ("auth0", include_str!("../../tests/fixtures/auth0/flexible.json")),
            ("keycloak", ISSUE),
            ("keycloak", ALL),
            ("keycloak", REALM),
        ];
        // Every adapter with its own detection.
        let adapters: Vec<&crate::vendors::Adapter> =
            crate::vendors::ADAPTERS.iter().filter(|a| a.detect.is_some()).collect();
        for (vendor, text) in others.iter().chain(ours.iter()) {
            let doc = parse_document(text).unwrap();
            let claimed: Vec<&str> =
                adapters.iter().filter(|a| a.detect.is_some_and(|d| d(&doc))).map(|a| a.id).collect();
            // No adapter's own detection claims another vendor's document.
            assert!(claimed.iter().all(|c| c == vendor), "{vendor}: {text}: {claimed:?}");
            assert_eq!(detect_vendor(text).unwrap(), *vendor, "{text}");
            let out = crate::vendors::normalize(text, None).unwrap();
            assert!(out.iter().all(|n| n.vendor == *vendor));
        }
    }

    #[test]
    fn realms_list() {
        let list = json!([
            {"id": "master-id", "realm": "master", "enabled": true, "sslRequired": "external"},
            {"id": "acme-id", "realm": "acme", "enabled": true, "passwordPolicy": "length(12) and digits(2)"}
        ]);
        assert_eq!(crate::vendors::detect_vendor(&list.to_string()).unwrap(), "keycloak");
        let out = crate::vendors::normalize(&list.to_string(), None).unwrap();
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].policy.source.name.as_deref(), Some("master"));
        assert_eq!(out[0].policy.length.min, None);
        assert!(out[0].warnings.iter().any(|w| w.code == WarningCode::Defaulted && w.path == "[0].passwordPolicy"));
        assert_eq!(out[1].policy.length.min, Some(12));
        assert_eq!(codes(&out[1], WarningCode::Ignored), ["[1]"], "the realm's other fields, named at the element");
        let e = crate::vendors::normalize(
            &json!([{"realm": "x", "enabled": true, "passwordPolicy": "length(x)"}]).to_string(),
            None,
        )
        .unwrap_err();
        assert_eq!(e.path(), Some("[0].passwordPolicy.length"));
        // An array whose objects merely have a `realm` key is nobody's.
        assert_eq!(crate::vendors::detect_vendor(r#"[{"realm": "x"}]"#).unwrap_err().code(), "unknown_vendor");
    }
}
