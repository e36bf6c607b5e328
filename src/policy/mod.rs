//! The canonical password policy: one model every vendor document is normalized into.
//!
//! Serialized as camelCase JSON with a `version` field. The canonical JSON is itself an accepted
//! input (vendor id `canonical`) and round-trips exactly: `from_json(to_json(p)) == p`.
//!
//! Two halves:
//! - rules a password can be checked against (length, classes, sets, N-of-M, allowed/forbidden
//!   characters, distinct characters, repeats, sequences, dictionary, breached passwords, context,
//!   history, strength);
//! - `settings`: what a password alone cannot be checked against (expiry, lockout, session, MFA,
//!   network, API keys, what happens to a password found in a data breach). Kept so that nothing
//!   the vendor said is dropped.
//!
//! A vendor field with no canonical home goes to `vendorExtras`, keyed by its path in the document.

mod charset;
mod kinds;
pub mod passwordrules_classes;
pub mod read;
mod validate;

pub use charset::{kind_of_char, kind_of_grapheme, standalone, CharClass, CharSet, Kind};
pub use validate::validate;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The version of the canonical JSON this library writes and reads.
pub const POLICY_VERSION: u32 = 1;

fn is_false(b: &bool) -> bool {
    !*b
}
fn is_default<T: Default + PartialEq>(t: &T) -> bool {
    *t == T::default()
}
fn default_version() -> u32 {
    POLICY_VERSION
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Policy {
    #[serde(default = "default_version")]
    pub version: u32,
    /// Where the policy came from (vendor id, and the vendor's own id and name when it has them).
    #[serde(default, skip_serializing_if = "is_default")]
    pub source: Source,
    #[serde(default, skip_serializing_if = "is_default")]
    pub length: Length,
    /// Each class required on its own: at least `min` characters of `class`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub classes: Vec<ClassMin>,
    /// Each custom character set required on its own: at least `min` characters from `chars`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sets: Vec<SetMin>,
    /// "At least N of these requirements" rules.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub types: Vec<TypesRule>,
    /// What counts as a `symbol`. Absent: any character that is not a letter, a decimal digit or
    /// a control character (space and emoji included).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub symbols: Option<CharSet>,
    /// When present, every character of the password must be in this set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed: Option<CharSet>,
    /// Characters the password may not contain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forbidden: Option<CharSet>,
    /// The fewest distinct characters: grapheme clusters compared exactly as given (case matters,
    /// no normalization), like repeats (`5` accepts `abcab` + `cde`, rejects `aaaaabbb`). At least
    /// 1 (validation); at most the maximum length.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_unique: Option<u32>,
    /// The longest allowed run of one repeated character (`2` accepts `password`, rejects `passsword`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_repeat: Option<u32>,
    /// The longest allowed sequence: a run of letters or digits, each one code point after the
    /// previous (ascending) or each one before it (descending), letters compared by their simple
    /// lowercase (`2` accepts `ab` and `xA`, rejects `abc`, `CBA` and `123`). Only ASCII digits
    /// `0`–`9` count as digits; any Unicode letter counts as a letter; counted over the
    /// password's code points as given (no normalization), so a combining mark ends a run. At
    /// least 2 (validation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_sequence: Option<u32>,
    #[serde(default, skip_serializing_if = "is_default")]
    pub dictionary: Dictionary,
    /// The password may not be one found in known data breaches more than `max` times (rule
    /// `dictionary.breached`). The count comes from outside the checker: the context's
    /// `breachCount` (JavaScript's `checkWithBreach` looks it up in a Pwned Passwords range API).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breached: Option<BreachedRule>,
    #[serde(default, skip_serializing_if = "is_default")]
    pub context: ContextRules,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub history: Option<History>,
    /// Minimum zxcvbn score, 0–4.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_strength: Option<u8>,
    #[serde(default, skip_serializing_if = "is_default")]
    pub settings: Settings,
    /// Vendor fields with no canonical home, keyed by their path in the vendor document.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub vendor_extras: Map<String, Value>,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            version: POLICY_VERSION,
            source: Source::default(),
            length: Length::default(),
            classes: Vec::new(),
            sets: Vec::new(),
            types: Vec::new(),
            symbols: None,
            allowed: None,
            forbidden: None,
            min_unique: None,
            max_repeat: None,
            max_sequence: None,
            dictionary: Dictionary::default(),
            breached: None,
            context: ContextRules::default(),
            history: None,
            min_strength: None,
            settings: Settings::default(),
            vendor_extras: Map::new(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Source {
    /// The vendor id the policy was normalized from (`meraki`, `sailpoint`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vendor: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// How length is counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum LengthUnit {
    /// User-perceived characters (extended grapheme clusters): `é` written as e + combining
    /// accent is 1, a family emoji joined with ZWJ is 1.
    #[default]
    Graphemes,
    /// Unicode scalar values (what NIST SP 800-63B counts).
    CodePoints,
    /// UTF-16 code units (what JavaScript's `.length` and Java's `String.length()` count).
    Utf16,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Length {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u32>,
    #[serde(default, skip_serializing_if = "is_default")]
    pub unit: LengthUnit,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ClassMin {
    pub class: CharClass,
    pub min: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetMin {
    /// A label for messages ("special character"); the characters are in `chars`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub chars: CharSet,
    pub min: u32,
}

/// At least `required` of the requirements in `of` must hold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TypesRule {
    pub required: u32,
    pub of: Vec<Requirement>,
}

/// One requirement of an N-of-M rule: `min` characters of a class, or of a custom set.
/// Exactly one of `class` and `chars` is given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Requirement {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class: Option<CharClass>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chars: Option<CharSet>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub min: u32,
}

impl Requirement {
    pub fn class(class: CharClass, min: u32) -> Self {
        Requirement { class: Some(class), chars: None, name: None, min }
    }
}

/// Whole: the password (or a token) equals the entry. Substring: the password contains it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum MatchMode {
    Whole,
    #[default]
    Substring,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Dictionary {
    /// Reject passwords found (whole, case-insensitive) in the built-in common-password list.
    #[serde(default, skip_serializing_if = "is_false")]
    pub common: bool,
    /// The custom dictionary check, against `words` here plus the caller's `context.dictionary`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom: Option<CustomDictionary>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CustomDictionary {
    /// Words carried by the policy itself. The caller's `context.dictionary` words are added.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<String>,
    #[serde(default, rename = "match")]
    pub match_mode: MatchMode,
    /// Words shorter than this (in code points) are ignored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_word_length: Option<u32>,
    /// Characters read as others before matching, in the password and the words alike, after
    /// lower-casing: `{"0": "o", "$": "s"}` makes `C0nto$o` contain `contoso` (Entra's
    /// normalization). Each key and value is one code point.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub substitutions: BTreeMap<String, String>,
    /// Fuzzy matching: `1` also finds a word one edit away (one character changed, added or
    /// removed: `abcdef` finds `abcdeg`, `abcdefg`, `abcde`), as Entra does. `0` (default) or `1`.
    #[serde(default, skip_serializing_if = "is_default")]
    pub edit_distance: u32,
    /// Entra's score (substring match only): the words found, left to right without overlap,
    /// count one point each, every other character one point; a password holding words still
    /// passes with at least this many points. Absent: any word found fails.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_score: Option<u32>,
}

impl CustomDictionary {
    /// `text` with the substitutions made (each key and value one code point: `validate`).
    pub fn substitute(&self, text: &str) -> String {
        substitute(&self.substitutions, text)
    }
}

/// `text` with `substitutions` made (each key and value one code point: `validate`).
pub fn substitute(substitutions: &BTreeMap<String, String>, text: &str) -> String {
    if substitutions.is_empty() {
        return text.to_string();
    }
    let map: BTreeMap<char, char> = substitutions.iter().filter_map(|(k, v)| Some((single(k)?, single(v)?))).collect();
    text.chars().map(|c| map.get(&c).copied().unwrap_or(c)).collect()
}

/// The one code point of `s`, if it has exactly one.
pub(crate) fn single(s: &str) -> Option<char> {
    let mut chars = s.chars();
    let c = chars.next()?;
    chars.next().is_none().then_some(c)
}

/// The breached-password rule: a password found in known data breaches more than `max` times fails.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BreachedRule {
    /// The highest breach count still accepted (`0`: any password found in a breach fails).
    #[serde(default)]
    pub max: u32,
}

/// Checks of the password against the user's own data. Each present field is one active check.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContextRules {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<ContextCheck>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<ContextCheck>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<ContextCheck>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_name: Option<ContextCheck>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributes: Option<AttributeCheck>,
}

/// The default minimum token length of context checks.
pub const DEFAULT_MIN_TOKEN_LENGTH: u32 = 3;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContextCheck {
    #[serde(default, rename = "match")]
    pub match_mode: MatchMode,
    /// Tokens shorter than this (in code points) are not looked for. Default 3.
    #[serde(default = "default_min_token")]
    pub min_token_length: u32,
    /// How the value is cut into tokens. Absent: the whole value, its words (cut at every
    /// character that is not a letter or a digit) and its words joined. Present: the whole value
    /// and the parts between these characters, nothing joined (`""`: the whole value only), as
    /// Windows cuts a display name at `,.-_#`, tab and space.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delimiters: Option<String>,
}

fn default_min_token() -> u32 {
    DEFAULT_MIN_TOKEN_LENGTH
}

impl Default for ContextCheck {
    fn default() -> Self {
        ContextCheck { match_mode: MatchMode::Substring, min_token_length: DEFAULT_MIN_TOKEN_LENGTH, delimiters: None }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AttributeCheck {
    /// The attribute names to check; absent means every attribute the caller passes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub names: Option<Vec<String>>,
    #[serde(default, rename = "match")]
    pub match_mode: MatchMode,
    #[serde(default = "default_min_token")]
    pub min_token_length: u32,
    /// As [`ContextCheck::delimiters`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delimiters: Option<String>,
    /// As [`CustomDictionary::substitutions`], in the password and the values alike (Entra's
    /// normalization: `p0LL23fb` contains the first name `Poll`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub substitutions: BTreeMap<String, String>,
}

impl Default for AttributeCheck {
    fn default() -> Self {
        AttributeCheck {
            names: None,
            match_mode: MatchMode::Substring,
            min_token_length: DEFAULT_MIN_TOKEN_LENGTH,
            delimiters: None,
            substitutions: BTreeMap::new(),
        }
    }
}

/// The new password may not equal any of the `count` most recent previous passwords.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct History {
    pub count: u32,
    /// False: the vendor document carries the number but does not enforce it (kept as metadata,
    /// not checked).
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub enforced: bool,
}

fn yes() -> bool {
    true
}
fn is_true(b: &bool) -> bool {
    *b
}

/// Settings that a password alone cannot be checked against. Durations are in seconds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Settings {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry: Option<Expiry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lockout: Option<Lockout>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<Session>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mfa: Option<Mfa>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<Network>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_keys: Option<ApiKeys>,
    /// What the vendor does when it finds a password in known data breaches (expiry, logout); the
    /// check itself is the `breached` rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breached: Option<Breached>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Expiry {
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub enforced: bool,
    /// The password must be changed after this many seconds. Absent: never expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_age_seconds: Option<f64>,
    /// The password may not be changed again before this many seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_age_seconds: Option<f64>,
    /// Remind the user this many seconds before expiry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reminder_seconds: Option<f64>,
    /// The password must be changed at first login.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renew_on_first_login: Option<bool>,
    /// Grace period to renew the password (or enable MFA).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grace_period_seconds: Option<f64>,
    /// Users exempt from expiry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excluded_users: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Lockout {
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub enforced: bool,
    /// Failed attempts before the account is locked. Absent: no limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<u32>,
    /// How long the account stays locked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_seconds: Option<f64>,
    /// The account stays locked until an administrator unlocks it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub until_unlocked: bool,
    /// The failure counter resets after this long.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reset_window_seconds: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Session {
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub enforced: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idle_timeout_seconds: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_duration_seconds: Option<f64>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Mfa {
    /// MFA is required to log in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    /// The browser may remember MFA.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remember: Option<bool>,
    /// Strong authentication is required to change the password: always, off-network, from
    /// untrusted geographies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_for_password_change: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_off_network: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_untrusted_geographies: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Network {
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub enforced: bool,
    /// IP addresses, ranges and CIDRs allowed to log in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub login_ip_ranges: Vec<String>,
    /// IP allow-list for API keys.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_key_ip_ranges: Option<IpRestriction>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IpRestriction {
    pub enabled: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ranges: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ApiKeys {
    /// Longest expiry an API key may have. Absent: no maximum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_expiration_seconds: Option<f64>,
}

/// What the vendor does when a password is found in known data breaches: these are not checkable
/// (they happen after sign-in). The check itself is the policy's `breached` rule; a canonical
/// policy may still carry an empty `settings.breached` ("the vendor checks") on its own.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Breached {
    /// The password expires this long after it is found in a breach (`0`: at once).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expire_after_seconds: Option<f64>,
    /// The user's sessions are ended when the password is found in a breach.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logout: Option<bool>,
}

impl Policy {
    /// Canonical JSON (pretty = false gives one line).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Sets `vendorExtras[path] = value`.
    pub fn extra(&mut self, path: impl Into<String>, value: Value) {
        self.vendor_extras.insert(path.into(), value);
    }
}

/// `enforced` defaults to true, in Rust as in JSON.
macro_rules! enforced_default {
    ($($t:ident { $($f:ident),* }),*) => {$(
        impl Default for $t {
            fn default() -> Self {
                $t { enforced: true, $($f: Default::default()),* }
            }
        }
    )*};
}
enforced_default!(
    Expiry {
        max_age_seconds,
        min_age_seconds,
        reminder_seconds,
        renew_on_first_login,
        grace_period_seconds,
        excluded_users
    },
    Lockout { threshold, duration_seconds, until_unlocked, reset_window_seconds },
    Session { idle_timeout_seconds, max_duration_seconds },
    Network { login_ip_ranges, api_key_ip_ranges }
);
