//! The report of one check: every rule with pass/fail/unchecked, the numbers involved and a
//! message, so that a form can render a live checklist. It never holds the password or a
//! context value.

use serde::Serialize;

/// Every rule id a report can hold, in report order. Part of the public API (the TypeScript
/// `RuleId`); tests/drift.rs checks that a policy with every rule reports exactly these.
pub const RULE_IDS: [&str; 24] = [
    "length.min",
    "length.max",
    "chars.lower",
    "chars.upper",
    "chars.digit",
    "chars.symbol",
    "chars.letter",
    "chars.otherLetter",
    "chars.set",
    "chars.types",
    "chars.allowed",
    "chars.unique",
    "repeat.max",
    "sequence.max",
    "dictionary.common",
    "dictionary.breached",
    "dictionary.custom",
    "context.username",
    "context.email",
    "context.accountId",
    "context.accountName",
    "context.attribute",
    "history.reuse",
    "strength.min",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Status {
    Pass,
    Fail,
    /// The context lacks what the rule needs (e.g. history without previous passwords, the
    /// breached rule without a breach count).
    Unchecked,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleResult {
    /// Stable rule id (`length.min`, `chars.types`, `context.username`, …).
    pub id: &'static str,
    pub status: Status,
    /// The catalogue code of `message` (`rule.length.min`): the key that `messages` overrides.
    pub code: &'static str,
    pub message: String,
    /// The number the rule asks for (minimum, maximum, N of an N-of-M rule, score).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required: Option<u32>,
    /// The number the password has.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual: Option<u32>,
    /// Position among the rules with the same id (`chars.set`, `chars.types` may repeat).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LengthCounts {
    pub graphemes: u32,
    pub code_points: u32,
    pub utf16: u32,
}

/// How much of the password the rules looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Analyzed {
    /// False when the password is longer than the analysis limit; the rules then judged only its
    /// first `codePoints` code points (the length counts `codePoints` and `utf16` are still exact).
    pub complete: bool,
    pub code_points: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Feedback {
    /// A stable code (`topTen`, `straightRow`, …) and its English text.
    pub code: &'static str,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CrackTimes<T> {
    pub online_throttling100_per_hour: T,
    pub online_no_throttling10_per_second: T,
    pub offline_slow_hashing1e4_per_second: T,
    pub offline_fast_hashing1e10_per_second: T,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Strength {
    /// zxcvbn score 0–4.
    pub score: u8,
    pub guesses_log10: f64,
    pub crack_times_seconds: CrackTimes<f64>,
    pub crack_times_display: CrackTimes<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warning: Option<Feedback>,
    pub suggestions: Vec<Feedback>,
    /// The estimator looks at no more than this many leading code points.
    pub analyzed_code_points: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// True when no rule failed.
    pub ok: bool,
    pub rules: Vec<RuleResult>,
    /// The failed rules, in the same order.
    pub violations: Vec<RuleResult>,
    pub length: LengthCounts,
    pub analyzed: Analyzed,
    /// Absent only from `check_rules` (the rules-only check).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strength: Option<Strength>,
}
