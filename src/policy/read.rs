//! Reading a canonical policy from parsed JSON, field by field, by hand.
//!
//! Why not serde's derived `Deserialize`: its generated visitors are about 80 KB of the wasm that
//! a signup form downloads before its first check (`passpolicy/rules`); this reader does the same
//! job in a fraction of that. Both wasm builds and the native library read canonical policies
//! here, so they agree by construction. The rules are serde's, as the canonical format was read
//! before: unknown fields are errors naming the field, a field missing takes its default (or is
//! an error when it has none), `null` is "absent" for an optional field and an error for the
//! others, integers are exact (`8.0` is not a `u32`), and an error's path names the field
//! (`classes[1].class`). Objects are read in document order, so the first bad field is the one
//! reported. One difference from serde: a struct is never read from an array (serde accepted
//! `"length": [8, 64]` positionally, which the canonical format never documented).

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::charset::{CharClass, CharSet};
use super::{
    ApiKeys, AttributeCheck, Breached, BreachedRule, ClassMin, ContextCheck, ContextRules, CustomDictionary,
    Dictionary, Expiry, History, IpRestriction, Length, LengthUnit, Lockout, MatchMode, Mfa, Network, Policy,
    Requirement, Session, SetMin, Settings, Source, TypesRule,
};
use crate::error::{PolicyError, Result};

/// The canonical policy in `doc` (an object).
pub fn policy(doc: &Value) -> Result<Policy> {
    if !doc.is_object() {
        return Err(PolicyError::field("$", "expected a canonical policy object"));
    }
    let mut p = Policy::default();
    for (k, v) in object(doc, "", "a canonical policy")? {
        let at = join("", k);
        let at = at.as_str();
        match k.as_str() {
            "version" => p.version = uint(v, at)?,
            "source" => p.source = source(v, at)?,
            "length" => p.length = length(v, at)?,
            "classes" => p.classes = list(v, at, class_min)?,
            "sets" => p.sets = list(v, at, set_min)?,
            "types" => p.types = list(v, at, types_rule)?,
            "symbols" => p.symbols = optional(v, at, char_set)?,
            "allowed" => p.allowed = optional(v, at, char_set)?,
            "forbidden" => p.forbidden = optional(v, at, char_set)?,
            "minUnique" => p.min_unique = optional(v, at, uint)?,
            "maxRepeat" => p.max_repeat = optional(v, at, uint)?,
            "maxSequence" => p.max_sequence = optional(v, at, uint)?,
            "dictionary" => p.dictionary = dictionary(v, at)?,
            "breached" => p.breached = optional(v, at, breached_rule)?,
            "context" => p.context = context_rules(v, at)?,
            "history" => p.history = optional(v, at, history)?,
            "minStrength" => p.min_strength = optional(v, at, small_uint)?,
            "settings" => p.settings = settings(v, at)?,
            "vendorExtras" => p.vendor_extras = object(v, at, "an object")?.clone(),
            _ => return Err(unknown(at, k, POLICY_FIELDS)),
        }
    }
    Ok(p)
}

/// The top-level keys of a canonical policy (what the reader accepts, and what detection looks for).
pub const POLICY_FIELDS: &[&str] = &[
    "version",
    "source",
    "length",
    "classes",
    "sets",
    "types",
    "symbols",
    "allowed",
    "forbidden",
    "minUnique",
    "maxRepeat",
    "maxSequence",
    "dictionary",
    "breached",
    "context",
    "history",
    "minStrength",
    "settings",
    "vendorExtras",
];

// ---------------------------------------------------------------------------------------------
// Structures

fn source(v: &Value, path: &str) -> Result<Source> {
    let mut s = Source::default();
    for (k, v) in object(v, path, "a source")? {
        let at = join(path, k);
        let at = at.as_str();
        match k.as_str() {
            "vendor" => s.vendor = optional(v, at, string)?,
            "id" => s.id = optional(v, at, string)?,
            "name" => s.name = optional(v, at, string)?,
            "description" => s.description = optional(v, at, string)?,
            _ => return Err(unknown(at, k, &["vendor", "id", "name", "description"])),
        }
    }
    Ok(s)
}

fn length(v: &Value, path: &str) -> Result<Length> {
    let mut l = Length::default();
    for (k, v) in object(v, path, "a length rule")? {
        let at = join(path, k);
        let at = at.as_str();
        match k.as_str() {
            "min" => l.min = optional(v, at, uint)?,
            "max" => l.max = optional(v, at, uint)?,
            "unit" => l.unit = unit(v, at)?,
            _ => return Err(unknown(at, k, &["min", "max", "unit"])),
        }
    }
    Ok(l)
}

fn class_min(v: &Value, path: &str) -> Result<ClassMin> {
    let (mut class, mut min) = (None, None);
    for (k, v) in object(v, path, "a class requirement")? {
        let at = join(path, k);
        let at = at.as_str();
        match k.as_str() {
            "class" => class = Some(char_class(v, at)?),
            "min" => min = Some(uint(v, at)?),
            _ => return Err(unknown(at, k, &["class", "min"])),
        }
    }
    Ok(ClassMin { class: required(class, path, "class")?, min: required(min, path, "min")? })
}

fn set_min(v: &Value, path: &str) -> Result<SetMin> {
    let (mut name, mut chars, mut min) = (None, None, None);
    for (k, v) in object(v, path, "a set requirement")? {
        let at = join(path, k);
        let at = at.as_str();
        match k.as_str() {
            "name" => name = optional(v, at, string)?,
            "chars" => chars = Some(char_set(v, at)?),
            "min" => min = Some(uint(v, at)?),
            _ => return Err(unknown(at, k, &["name", "chars", "min"])),
        }
    }
    Ok(SetMin { name, chars: required(chars, path, "chars")?, min: required(min, path, "min")? })
}

fn types_rule(v: &Value, path: &str) -> Result<TypesRule> {
    let (mut req, mut of) = (None, None);
    for (k, v) in object(v, path, "an N-of-M rule")? {
        let at = join(path, k);
        let at = at.as_str();
        match k.as_str() {
            "required" => req = Some(uint(v, at)?),
            "of" => of = Some(list(v, at, requirement)?),
            _ => return Err(unknown(at, k, &["required", "of"])),
        }
    }
    Ok(TypesRule { required: required(req, path, "required")?, of: required(of, path, "of")? })
}

fn requirement(v: &Value, path: &str) -> Result<Requirement> {
    let (mut class, mut chars, mut name, mut min) = (None, None, None, None);
    for (k, v) in object(v, path, "a requirement")? {
        let at = join(path, k);
        let at = at.as_str();
        match k.as_str() {
            "class" => class = optional(v, at, char_class)?,
            "chars" => chars = optional(v, at, char_set)?,
            "name" => name = optional(v, at, string)?,
            "min" => min = Some(uint(v, at)?),
            _ => return Err(unknown(at, k, &["class", "chars", "name", "min"])),
        }
    }
    Ok(Requirement { class, chars, name, min: required(min, path, "min")? })
}

fn char_set(v: &Value, path: &str) -> Result<CharSet> {
    let mut s = CharSet::default();
    for (k, v) in object(v, path, "a character set")? {
        let at = join(path, k);
        let at = at.as_str();
        match k.as_str() {
            "classes" => s.classes = list(v, at, char_class)?,
            "chars" => s.chars = string(v, at)?,
            "ranges" => s.ranges = list(v, at, range)?,
            _ => return Err(unknown(at, k, &["classes", "chars", "ranges"])),
        }
    }
    Ok(s)
}

fn range(v: &Value, path: &str) -> Result<[u32; 2]> {
    let Value::Array(a) = v else {
        return Err(PolicyError::field(path, format!("expected a range [from, to], got {}", kind(v))));
    };
    match a.as_slice() {
        [from, to] => Ok([uint(from, &index(path, 0))?, uint(to, &index(path, 1))?]),
        _ => Err(PolicyError::field(
            path,
            format!("expected a range [from, to] of 2 code points, got {} values", a.len()),
        )),
    }
}

fn dictionary(v: &Value, path: &str) -> Result<Dictionary> {
    let mut d = Dictionary::default();
    for (k, v) in object(v, path, "a dictionary rule")? {
        let at = join(path, k);
        let at = at.as_str();
        match k.as_str() {
            "common" => d.common = boolean(v, at)?,
            "custom" => d.custom = optional(v, at, custom_dictionary)?,
            _ => return Err(unknown(at, k, &["common", "custom"])),
        }
    }
    Ok(d)
}

fn breached_rule(v: &Value, path: &str) -> Result<BreachedRule> {
    let mut b = BreachedRule::default();
    for (k, v) in object(v, path, "a breached-password rule")? {
        let at = join(path, k);
        let at = at.as_str();
        match k.as_str() {
            "max" => b.max = uint(v, at)?,
            _ => return Err(unknown(at, k, &["max"])),
        }
    }
    Ok(b)
}

fn custom_dictionary(v: &Value, path: &str) -> Result<CustomDictionary> {
    let mut d = CustomDictionary::default();
    for (k, v) in object(v, path, "a custom dictionary")? {
        let at = join(path, k);
        let at = at.as_str();
        match k.as_str() {
            "words" => d.words = list(v, at, string)?,
            "match" => d.match_mode = match_mode(v, at)?,
            "minWordLength" => d.min_word_length = optional(v, at, uint)?,
            "substitutions" => d.substitutions = substitutions(v, at)?,
            "editDistance" => d.edit_distance = uint(v, at)?,
            "minScore" => d.min_score = optional(v, at, uint)?,
            _ => {
                return Err(unknown(
                    at,
                    k,
                    &["words", "match", "minWordLength", "substitutions", "editDistance", "minScore"],
                ))
            }
        }
    }
    Ok(d)
}

fn substitutions(v: &Value, path: &str) -> Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for (from, to) in object(v, path, "a map of characters")? {
        let at = join(path, from);
        out.insert(from.clone(), string(to, &at)?);
    }
    Ok(out)
}

fn context_rules(v: &Value, path: &str) -> Result<ContextRules> {
    let mut c = ContextRules::default();
    for (k, v) in object(v, path, "the context rules")? {
        let at = join(path, k);
        let at = at.as_str();
        match k.as_str() {
            "username" => c.username = optional(v, at, context_check)?,
            "email" => c.email = optional(v, at, context_check)?,
            "accountId" => c.account_id = optional(v, at, context_check)?,
            "accountName" => c.account_name = optional(v, at, context_check)?,
            "attributes" => c.attributes = optional(v, at, attribute_check)?,
            _ => return Err(unknown(at, k, &["username", "email", "accountId", "accountName", "attributes"])),
        }
    }
    Ok(c)
}

fn context_check(v: &Value, path: &str) -> Result<ContextCheck> {
    let mut c = ContextCheck::default();
    for (k, v) in object(v, path, "a context rule")? {
        let at = join(path, k);
        let at = at.as_str();
        match k.as_str() {
            "match" => c.match_mode = match_mode(v, at)?,
            "minTokenLength" => c.min_token_length = uint(v, at)?,
            "delimiters" => c.delimiters = optional(v, at, string)?,
            _ => return Err(unknown(at, k, &["match", "minTokenLength", "delimiters"])),
        }
    }
    Ok(c)
}

fn attribute_check(v: &Value, path: &str) -> Result<AttributeCheck> {
    let mut c = AttributeCheck::default();
    for (k, v) in object(v, path, "an attributes rule")? {
        let at = join(path, k);
        let at = at.as_str();
        match k.as_str() {
            "names" => c.names = optional(v, at, |v, p| list(v, p, string))?,
            "match" => c.match_mode = match_mode(v, at)?,
            "minTokenLength" => c.min_token_length = uint(v, at)?,
            "delimiters" => c.delimiters = optional(v, at, string)?,
            "substitutions" => c.substitutions = substitutions(v, at)?,
            _ => return Err(unknown(at, k, &["names", "match", "minTokenLength", "delimiters", "substitutions"])),
        }
    }
    Ok(c)
}

fn history(v: &Value, path: &str) -> Result<History> {
    let (mut count, mut enforced) = (None, true);
    for (k, v) in object(v, path, "a history rule")? {
        let at = join(path, k);
        let at = at.as_str();
        match k.as_str() {
            "count" => count = Some(uint(v, at)?),
            "enforced" => enforced = boolean(v, at)?,
            _ => return Err(unknown(at, k, &["count", "enforced"])),
        }
    }
    Ok(History { count: required(count, path, "count")?, enforced })
}

fn settings(v: &Value, path: &str) -> Result<Settings> {
    let mut s = Settings::default();
    for (k, v) in object(v, path, "the settings")? {
        let at = join(path, k);
        let at = at.as_str();
        match k.as_str() {
            "expiry" => s.expiry = optional(v, at, expiry)?,
            "lockout" => s.lockout = optional(v, at, lockout)?,
            "session" => s.session = optional(v, at, session)?,
            "mfa" => s.mfa = optional(v, at, mfa)?,
            "network" => s.network = optional(v, at, network)?,
            "apiKeys" => s.api_keys = optional(v, at, api_keys)?,
            "breached" => s.breached = optional(v, at, breached)?,
            _ => {
                return Err(unknown(at, k, &["expiry", "lockout", "session", "mfa", "network", "apiKeys", "breached"]))
            }
        }
    }
    Ok(s)
}

fn expiry(v: &Value, path: &str) -> Result<Expiry> {
    let mut e = Expiry::default();
    for (k, v) in object(v, path, "the expiry settings")? {
        let at = join(path, k);
        let at = at.as_str();
        match k.as_str() {
            "enforced" => e.enforced = boolean(v, at)?,
            "maxAgeSeconds" => e.max_age_seconds = optional(v, at, number)?,
            "minAgeSeconds" => e.min_age_seconds = optional(v, at, number)?,
            "reminderSeconds" => e.reminder_seconds = optional(v, at, number)?,
            "renewOnFirstLogin" => e.renew_on_first_login = optional(v, at, boolean)?,
            "gracePeriodSeconds" => e.grace_period_seconds = optional(v, at, number)?,
            "excludedUsers" => e.excluded_users = list(v, at, string)?,
            _ => {
                return Err(unknown(
                    at,
                    k,
                    &[
                        "enforced",
                        "maxAgeSeconds",
                        "minAgeSeconds",
                        "reminderSeconds",
                        "renewOnFirstLogin",
                        "gracePeriodSeconds",
                        "excludedUsers",
                    ],
                ))
            }
        }
    }
    Ok(e)
}

fn lockout(v: &Value, path: &str) -> Result<Lockout> {
    let mut l = Lockout::default();
    for (k, v) in object(v, path, "the lockout settings")? {
        let at = join(path, k);
        let at = at.as_str();
        match k.as_str() {
            "enforced" => l.enforced = boolean(v, at)?,
            "threshold" => l.threshold = optional(v, at, uint)?,
            "durationSeconds" => l.duration_seconds = optional(v, at, number)?,
            "untilUnlocked" => l.until_unlocked = boolean(v, at)?,
            "resetWindowSeconds" => l.reset_window_seconds = optional(v, at, number)?,
            _ => {
                return Err(unknown(
                    at,
                    k,
                    &["enforced", "threshold", "durationSeconds", "untilUnlocked", "resetWindowSeconds"],
                ))
            }
        }
    }
    Ok(l)
}

fn session(v: &Value, path: &str) -> Result<Session> {
    let mut s = Session::default();
    for (k, v) in object(v, path, "the session settings")? {
        let at = join(path, k);
        let at = at.as_str();
        match k.as_str() {
            "enforced" => s.enforced = boolean(v, at)?,
            "idleTimeoutSeconds" => s.idle_timeout_seconds = optional(v, at, number)?,
            "maxDurationSeconds" => s.max_duration_seconds = optional(v, at, number)?,
            _ => return Err(unknown(at, k, &["enforced", "idleTimeoutSeconds", "maxDurationSeconds"])),
        }
    }
    Ok(s)
}

fn mfa(v: &Value, path: &str) -> Result<Mfa> {
    let mut m = Mfa::default();
    for (k, v) in object(v, path, "the MFA settings")? {
        let at = join(path, k);
        let at = at.as_str();
        match k.as_str() {
            "required" => m.required = optional(v, at, boolean)?,
            "remember" => m.remember = optional(v, at, boolean)?,
            "requiredForPasswordChange" => m.required_for_password_change = optional(v, at, boolean)?,
            "requiredOffNetwork" => m.required_off_network = optional(v, at, boolean)?,
            "requiredUntrustedGeographies" => m.required_untrusted_geographies = optional(v, at, boolean)?,
            _ => {
                return Err(unknown(
                    at,
                    k,
                    &[
                        "required",
                        "remember",
                        "requiredForPasswordChange",
                        "requiredOffNetwork",
                        "requiredUntrustedGeographies",
                    ],
                ))
            }
        }
    }
    Ok(m)
}

fn network(v: &Value, path: &str) -> Result<Network> {
    let mut n = Network::default();
    for (k, v) in object(v, path, "the network settings")? {
        let at = join(path, k);
        let at = at.as_str();
        match k.as_str() {
            "enforced" => n.enforced = boolean(v, at)?,
            "loginIpRanges" => n.login_ip_ranges = list(v, at, string)?,
            "apiKeyIpRanges" => n.api_key_ip_ranges = optional(v, at, ip_restriction)?,
            _ => return Err(unknown(at, k, &["enforced", "loginIpRanges", "apiKeyIpRanges"])),
        }
    }
    Ok(n)
}

fn ip_restriction(v: &Value, path: &str) -> Result<IpRestriction> {
    let (mut enabled, mut ranges) = (None, Vec::new());
    for (k, v) in object(v, path, "an IP restriction")? {
        let at = join(path, k);
        let at = at.as_str();
        match k.as_str() {
            "enabled" => enabled = Some(boolean(v, at)?),
            "ranges" => ranges = list(v, at, string)?,
            _ => return Err(unknown(at, k, &["enabled", "ranges"])),
        }
    }
    Ok(IpRestriction { enabled: required(enabled, path, "enabled")?, ranges })
}

fn api_keys(v: &Value, path: &str) -> Result<ApiKeys> {
    let mut a = ApiKeys::default();
    for (k, v) in object(v, path, "the API key settings")? {
        let at = join(path, k);
        let at = at.as_str();
        match k.as_str() {
            "maxExpirationSeconds" => a.max_expiration_seconds = optional(v, at, number)?,
            _ => return Err(unknown(at, k, &["maxExpirationSeconds"])),
        }
    }
    Ok(a)
}

fn breached(v: &Value, path: &str) -> Result<Breached> {
    let mut b = Breached::default();
    for (k, v) in object(v, path, "the breached-password settings")? {
        let at = join(path, k);
        let at = at.as_str();
        match k.as_str() {
            "expireAfterSeconds" => b.expire_after_seconds = optional(v, at, number)?,
            "logout" => b.logout = optional(v, at, boolean)?,
            _ => return Err(unknown(at, k, &["expireAfterSeconds", "logout"])),
        }
    }
    Ok(b)
}

// ---------------------------------------------------------------------------------------------
// Enumerations

fn variant<T: Copy>(v: &Value, path: &str, names: &[(&str, T)]) -> Result<T> {
    let Value::String(s) = v else {
        return Err(PolicyError::field(
            path,
            format!("expected one of {}, got {}", quoted(names.iter().map(|n| n.0)), kind(v)),
        ));
    };
    names.iter().find(|(n, _)| n == s).map(|(_, t)| *t).ok_or_else(|| {
        PolicyError::field(
            path,
            format!("unknown variant `{s}`, expected one of {}", quoted(names.iter().map(|n| n.0))),
        )
    })
}

fn char_class(v: &Value, path: &str) -> Result<CharClass> {
    variant(
        v,
        path,
        &[
            ("lower", CharClass::Lower),
            ("upper", CharClass::Upper),
            ("digit", CharClass::Digit),
            ("symbol", CharClass::Symbol),
            ("letter", CharClass::Letter),
            ("otherLetter", CharClass::OtherLetter),
        ],
    )
}

fn unit(v: &Value, path: &str) -> Result<LengthUnit> {
    variant(
        v,
        path,
        &[("graphemes", LengthUnit::Graphemes), ("codePoints", LengthUnit::CodePoints), ("utf16", LengthUnit::Utf16)],
    )
}

fn match_mode(v: &Value, path: &str) -> Result<MatchMode> {
    variant(v, path, &[("whole", MatchMode::Whole), ("substring", MatchMode::Substring)])
}

// ---------------------------------------------------------------------------------------------
// Values

/// The fields of an object, in document order.
fn object<'a>(v: &'a Value, path: &str, what: &str) -> Result<&'a Map<String, Value>> {
    match v {
        Value::Object(m) => Ok(m),
        _ => Err(PolicyError::field(
            if path.is_empty() { "$" } else { path },
            format!("expected {what} (an object), got {}", kind(v)),
        )),
    }
}

/// An array, each element read by `read` at `path[i]`.
fn list<T>(v: &Value, path: &str, read: impl Fn(&Value, &str) -> Result<T>) -> Result<Vec<T>> {
    let Value::Array(a) = v else {
        return Err(PolicyError::field(path, format!("expected an array, got {}", kind(v))));
    };
    a.iter().enumerate().map(|(i, x)| read(x, &index(path, i))).collect()
}

/// `null` is absent; anything else is read by `read`.
fn optional<T>(v: &Value, path: &str, read: impl Fn(&Value, &str) -> Result<T>) -> Result<Option<T>> {
    if v.is_null() {
        Ok(None)
    } else {
        read(v, path).map(Some)
    }
}

fn required<T>(v: Option<T>, path: &str, field: &str) -> Result<T> {
    v.ok_or_else(|| PolicyError::field(if path.is_empty() { "$" } else { path }, format!("missing field `{field}`")))
}

/// A non-negative integer that fits 32 bits, written as an integer (`8`, not `8.0`).
fn uint(v: &Value, path: &str) -> Result<u32> {
    match v.as_u64() {
        Some(n) => u32::try_from(n).map_err(|_| PolicyError::field(path, format!("{n} is more than {}", u32::MAX))),
        None => {
            Err(PolicyError::field(path, format!("expected a whole number from 0 to {}, got {}", u32::MAX, kind(v))))
        }
    }
}

/// A small non-negative integer (a zxcvbn score).
fn small_uint(v: &Value, path: &str) -> Result<u8> {
    match v.as_u64() {
        Some(n) => u8::try_from(n).map_err(|_| PolicyError::field(path, format!("{n} is more than {}", u8::MAX))),
        None => {
            Err(PolicyError::field(path, format!("expected a whole number from 0 to {}, got {}", u8::MAX, kind(v))))
        }
    }
}

fn number(v: &Value, path: &str) -> Result<f64> {
    v.as_f64().ok_or_else(|| PolicyError::field(path, format!("expected a number, got {}", kind(v))))
}

fn boolean(v: &Value, path: &str) -> Result<bool> {
    v.as_bool().ok_or_else(|| PolicyError::field(path, format!("expected true or false, got {}", kind(v))))
}

fn string(v: &Value, path: &str) -> Result<String> {
    v.as_str()
        .map(str::to_string)
        .ok_or_else(|| PolicyError::field(path, format!("expected a string, got {}", kind(v))))
}

/// What a value is, for messages (never the value itself: it may be long or a secret).
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_f64() => "a number with a fraction or an exponent",
        Value::Number(n) if n.is_i64() && !n.is_u64() => "a negative number",
        Value::Number(_) => "a whole number out of range",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn unknown(path: &str, key: &str, known: &[&str]) -> PolicyError {
    PolicyError::field(path, format!("unknown field `{key}`, expected one of {}", quoted(known.iter().copied())))
}

fn quoted<'a>(names: impl Iterator<Item = &'a str>) -> String {
    names.map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Serde's derived reader, which this one replaces: the same policy for every document it
    /// accepted, an error for every one it refused (serde's positional structs aside).
    fn serde_reader(doc: &Value) -> std::result::Result<Policy, String> {
        serde_json::from_value(doc.clone()).map_err(|e| e.to_string())
    }

    #[test]
    fn same_policy_as_serde_on_full_documents() {
        let doc = json!({
            "version": 1,
            "source": { "vendor": "okta", "id": "x", "name": null },
            "length": { "min": 8, "max": 64, "unit": "codePoints" },
            "classes": [{ "class": "lower", "min": 1 }, { "class": "digit", "min": 2 }],
            "sets": [{ "name": "special", "chars": { "chars": "!#", "ranges": [[128, 255]], "classes": ["digit"] }, "min": 1 }],
            "types": [{ "required": 2, "of": [{ "class": "upper", "min": 1 }, { "chars": { "chars": "xyz" }, "min": 2, "name": "xyz" }] }],
            "symbols": { "chars": "!@#$%" },
            "allowed": null,
            "forbidden": { "ranges": [[0, 31]] },
            "minUnique": 5,
            "maxRepeat": 3,
            "maxSequence": 4,
            "dictionary": { "common": true, "custom": { "words": ["acme"], "match": "whole", "minWordLength": 4 } },
            "breached": { "max": 3 },
            "context": { "username": { "match": "whole" }, "email": { "minTokenLength": 5 }, "accountId": null,
                         "attributes": { "names": ["phone"], "match": "substring", "minTokenLength": 4 } },
            "history": { "count": 5, "enforced": false },
            "minStrength": 3,
            "settings": {
                "expiry": { "enforced": false, "maxAgeSeconds": 7776000, "minAgeSeconds": 3600.5, "reminderSeconds": null,
                            "renewOnFirstLogin": true, "gracePeriodSeconds": 0, "excludedUsers": ["root"] },
                "lockout": { "threshold": 5, "durationSeconds": 1800, "untilUnlocked": true, "resetWindowSeconds": 60 },
                "session": { "idleTimeoutSeconds": 900, "maxDurationSeconds": 86400 },
                "mfa": { "required": true, "remember": false, "requiredForPasswordChange": null, "requiredOffNetwork": true,
                         "requiredUntrustedGeographies": false },
                "network": { "enforced": false, "loginIpRanges": ["10.0.0.0/8"], "apiKeyIpRanges": { "enabled": true, "ranges": ["1.2.3.4/32"] } },
                "apiKeys": { "maxExpirationSeconds": 1e6 },
                "breached": { "expireAfterSeconds": 0, "logout": true }
            },
            "vendorExtras": { "x.y": [1, "two", { "three": null }] }
        });
        assert_eq!(policy(&doc).unwrap(), serde_reader(&doc).unwrap());
        for doc in
            [json!({}), json!({ "version": 1 }), json!({ "version": 2, "length": {} }), json!({ "breached": {} })]
        {
            assert_eq!(policy(&doc).unwrap(), serde_reader(&doc).unwrap(), "{doc}");
        }
    }

    #[test]
    fn errors_name_the_field_as_serde_did() {
        let cases = [
            (json!({ "length": { "min": "8" } }), "length.min"),
            (json!({ "length": { "min": 8.0 } }), "length.min"),
            (json!({ "length": { "min": -1 } }), "length.min"),
            (json!({ "length": { "min": 4294967296u64 } }), "length.min"),
            (json!({ "length": { "mx": 1 } }), "length.mx"),
            (json!({ "length": null }), "length"),
            (
                json!({ "classes": [{ "class": "lower", "min": 1 }, { "class": "vowel", "min": 1 }] }),
                "classes[1].class",
            ),
            (json!({ "classes": [{ "min": 1 }] }), "classes[0]"),
            (json!({ "classes": {} }), "classes"),
            (json!({ "sets": [{ "chars": { "ranges": [[1]] }, "min": 1 }] }), "sets[0].chars.ranges[0]"),
            (json!({ "types": [{ "required": 1, "of": [{ "class": "digit" }] }] }), "types[0].of[0]"),
            (json!({ "dictionary": { "common": "yes" } }), "dictionary.common"),
            (json!({ "breached": { "max": -1 } }), "breached.max"),
            (json!({ "breached": { "max": 1.5 } }), "breached.max"),
            (json!({ "breached": { "max": "0" } }), "breached.max"),
            (json!({ "breached": { "count": 0 } }), "breached.count"),
            (json!({ "breached": true }), "breached"),
            (json!({ "context": { "username": { "match": "sometimes" } } }), "context.username.match"),
            (json!({ "history": { "enforced": true } }), "history"),
            (json!({ "minStrength": 256 }), "minStrength"),
            (json!({ "settings": { "expiry": { "maxAgeSeconds": "90d" } } }), "settings.expiry.maxAgeSeconds"),
            (
                json!({ "settings": { "network": { "apiKeyIpRanges": { "ranges": [] } } } }),
                "settings.network.apiKeyIpRanges",
            ),
            (json!({ "settings": { "breached": { "logout": "yes" } } }), "settings.breached.logout"),
            (json!({ "settings": { "breached": { "expirePassword": 1 } } }), "settings.breached.expirePassword"),
            (json!({ "vendorExtras": [] }), "vendorExtras"),
            (json!({ "extra": 1 }), "extra"),
        ];
        for (doc, path) in cases {
            let e = policy(&doc).unwrap_err();
            assert_eq!((e.code(), e.path()), ("invalid_field", Some(path)), "{doc}: {e}");
            assert!(serde_reader(&doc).is_err(), "serde accepted {doc}");
        }
        let e = policy(&json!([1])).unwrap_err();
        assert_eq!(e.path(), Some("$"));
        // The first bad field in document order is the one reported.
        let e = policy(&serde_json::from_str(r#"{"length":{"min":"x"},"zzz":1}"#).unwrap()).unwrap_err();
        assert_eq!(e.path(), Some("length.min"));
        let e = policy(&serde_json::from_str(r#"{"zzz":1,"length":{"min":"x"}}"#).unwrap()).unwrap_err();
        assert_eq!(e.path(), Some("zzz"));
    }

    #[test]
    fn messages_never_quote_values() {
        let e = policy(&json!({ "source": { "name": ["hunter2secret"] } })).unwrap_err();
        assert!(!e.message.contains("hunter2"), "{e}");
        let e = policy(&json!({ "classes": [{ "class": "hunter2secret", "min": 1 }] })).unwrap_err();
        assert_eq!(e.path(), Some("classes[0].class"));
    }
}
