//! The compiled checker: every rule of a canonical policy, evaluated in one pass over the
//! password's grapheme clusters plus the lookups.

use unicode_segmentation::UnicodeSegmentation;

use super::context::{email_tokens, tokens, Context};
use super::report::{Analyzed, LengthCounts, Report, RuleResult, Status};
use super::{common, strength};
use crate::error::Result;
use crate::policy::{
    kind_of_grapheme, validate, CharClass, CharSet, ContextCheck, Kind, LengthUnit, MatchMode, Policy, Requirement,
};

/// The rules judge at most this many leading code points of a password; beyond it the report
/// says `analyzed.complete: false`. The length counts in code points and UTF-16 units are exact
/// whatever the length.
pub const ANALYSIS_LIMIT_CODE_POINTS: usize = 4096;

/// A policy compiled for checking.
#[derive(Debug, Clone)]
pub struct Checker {
    policy: Policy,
    /// Policy dictionary words, lower-cased, filtered by the minimum word length.
    words: Vec<String>,
    /// Label of each custom set, N-of-M requirement text, allowed/forbidden description.
    set_labels: Vec<String>,
    types_labels: Vec<String>,
    allowed_label: String,
}

/// Counts of one pass over the analysed graphemes.
struct Scan {
    lower: u32,
    upper: u32,
    other_letter: u32,
    digit: u32,
    symbol: u32,
    graphemes: u32,
    longest_run: u32,
    disallowed: u32,
    /// Per custom set (policy `sets`), then per N-of-M `chars` requirement, in order.
    set_counts: Vec<u32>,
}

fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn set_label(set: &CharSet, name: Option<&str>) -> String {
    let mut parts: Vec<String> = set.classes.iter().map(|c| c.plural().to_string()).collect();
    if !set.chars.is_empty() {
        parts.push(set.literal_chars().into_iter().collect::<String>());
    }
    for [a, b] in &set.ranges {
        parts.push(match (*a, *b) {
            (0x80, 0x10FFFF) => "non-ASCII characters".to_string(),
            (a, b) => format!("U+{a:04X}–U+{b:04X}"),
        });
    }
    let list = parts.join(", ");
    match name {
        Some(n) if list.is_empty() => n.to_string(),
        Some(n) => format!("{n} ({list})"),
        None if list.is_empty() => "characters of an empty set".to_string(),
        None => format!("characters from: {list}"),
    }
}

fn requirement_label(r: &Requirement, symbols: Option<&CharSet>) -> String {
    let base = match (&r.class, &r.chars) {
        (Some(CharClass::Symbol), _) => match symbols {
            Some(s) => format!("symbol ({})", s.literal_chars().into_iter().collect::<String>()),
            None => "symbol".to_string(),
        },
        (Some(c), _) => c.noun().to_string(),
        (None, Some(s)) => set_label(s, r.name.as_deref()),
        (None, None) => String::new(),
    };
    if r.min > 1 {
        format!("{} × {base}", r.min)
    } else {
        base
    }
}

impl Checker {
    /// Validates and compiles a policy.
    pub fn compile(policy: &Policy) -> Result<Checker> {
        validate(policy)?;
        let min_word = policy.dictionary.custom.as_ref().and_then(|c| c.min_word_length).unwrap_or(1).max(1);
        let words = policy
            .dictionary
            .custom
            .as_ref()
            .map(|c| {
                c.words
                    .iter()
                    .map(|w| w.trim().to_lowercase())
                    .filter(|w| w.chars().count() as u32 >= min_word)
                    .collect()
            })
            .unwrap_or_default();
        let set_labels = policy.sets.iter().map(|s| set_label(&s.chars, s.name.as_deref())).collect();
        let types_labels = policy
            .types
            .iter()
            .map(|t| t.of.iter().map(|r| requirement_label(r, policy.symbols.as_ref())).collect::<Vec<_>>().join(", "))
            .collect();
        let allowed_label = match (&policy.allowed, &policy.forbidden) {
            (Some(a), Some(f)) => format!("Only {}; none of {}", set_label(a, None), set_label(f, None)),
            (Some(a), None) => format!("Only {}", set_label(a, None)),
            (None, Some(f)) => format!("None of these: {}", set_label(f, None).trim_start_matches("characters from: ")),
            (None, None) => String::new(),
        };
        Ok(Checker { policy: policy.clone(), words, set_labels, types_labels, allowed_label })
    }

    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// Every rule and the strength estimate.
    pub fn check(&self, password: &str, ctx: &Context) -> Report {
        let mut report = self.check_rules(password, ctx);
        let s = strength::estimate(password, &ctx.user_inputs());
        if let Some(min) = self.policy.min_strength {
            let pass = s.score >= min;
            let r = RuleResult {
                id: "strength.min",
                status: if pass { Status::Pass } else { Status::Fail },
                message: format!("Strength at least {min} of 4 ({})", score_label(min)),
                required: Some(u32::from(min)),
                actual: Some(u32::from(s.score)),
                index: None,
            };
            if !pass {
                report.violations.push(r.clone());
                report.ok = false;
            }
            report.rules.push(r);
        }
        report.strength = Some(s);
        report
    }

    /// Every rule but strength (no zxcvbn estimate; `strength.min` is left out).
    pub fn check_rules(&self, password: &str, ctx: &Context) -> Report {
        let p = &self.policy;
        let code_points = password.chars().count();
        let utf16: usize = password.chars().map(char::len_utf16).sum();
        let cut = password.char_indices().nth(ANALYSIS_LIMIT_CODE_POINTS).map_or(password.len(), |(i, _)| i);
        let analysed = password.get(..cut).unwrap_or("");
        let complete = cut == password.len();
        let scan = self.scan(analysed);
        let length = LengthCounts {
            graphemes: scan.graphemes,
            code_points: clamp(code_points),
            utf16: clamp(utf16),
        };
        let mut rules: Vec<RuleResult> = Vec::new();
        let mut rule = |id: &'static str, pass: Option<bool>, message: String, required: Option<u32>, actual: Option<u32>, index: Option<u32>| {
            let status = match pass {
                Some(true) => Status::Pass,
                Some(false) => Status::Fail,
                None => Status::Unchecked,
            };
            rules.push(RuleResult { id, status, message, required, actual, index });
        };

        let (unit_len, unit) = match p.length.unit {
            LengthUnit::Graphemes => (length.graphemes, ("character", "characters")),
            LengthUnit::CodePoints => (length.code_points, ("code point", "code points")),
            LengthUnit::Utf16 => (length.utf16, ("UTF-16 unit", "UTF-16 units")),
        };
        if let Some(min) = p.length.min.filter(|m| *m > 0) {
            rule("length.min", Some(unit_len >= min), format!("At least {}", plural(min, unit.0, unit.1)), Some(min), Some(unit_len), None);
        }
        if let Some(max) = p.length.max {
            let pass = unit_len <= max && (complete || p.length.unit != LengthUnit::Graphemes);
            rule("length.max", Some(pass), format!("At most {}", plural(max, unit.0, unit.1)), Some(max), Some(unit_len), None);
        }
        for c in &p.classes {
            let have = class_count(&scan, c.class);
            let id = match c.class {
                CharClass::Lower => "chars.lower",
                CharClass::Upper => "chars.upper",
                CharClass::Digit => "chars.digit",
                CharClass::Symbol => "chars.symbol",
                CharClass::Letter => "chars.letter",
            };
            let mut msg = format!("At least {}", plural(c.min, c.class.noun(), c.class.plural()));
            if let (CharClass::Symbol, Some(s)) = (c.class, &p.symbols) {
                msg = format!("{msg} ({})", s.literal_chars().into_iter().collect::<String>());
            }
            rule(id, Some(have >= c.min), msg, Some(c.min), Some(have), None);
        }
        for (i, s) in p.sets.iter().enumerate() {
            let have = scan.set_counts.get(i).copied().unwrap_or(0);
            let label = self.set_labels.get(i).map_or("", String::as_str);
            rule("chars.set", Some(have >= s.min), format!("At least {} of {label}", s.min), Some(s.min), Some(have), Some(i as u32));
        }
        let mut offset = p.sets.len();
        for (i, t) in p.types.iter().enumerate() {
            let met = t
                .of
                .iter()
                .map(|r| {
                    let have = match (&r.class, &r.chars) {
                        (Some(c), _) => class_count(&scan, *c),
                        (None, Some(_)) => {
                            let v = scan.set_counts.get(offset).copied().unwrap_or(0);
                            offset += 1;
                            v
                        }
                        (None, None) => 0,
                    };
                    have >= r.min
                })
                .filter(|m| *m)
                .count() as u32;
            let label = self.types_labels.get(i).map_or("", String::as_str);
            rule("chars.types", Some(met >= t.required), format!("At least {} of: {label}", t.required), Some(t.required), Some(met), Some(i as u32));
        }
        if p.allowed.is_some() || p.forbidden.is_some() {
            rule("chars.allowed", Some(scan.disallowed == 0), self.allowed_label.clone(), Some(0), Some(scan.disallowed), None);
        }
        if let Some(max) = p.max_repeat {
            rule(
                "repeat.max",
                Some(scan.longest_run <= max),
                format!("No character repeated more than {} in a row", plural(max, "time", "times")),
                Some(max),
                Some(scan.longest_run),
                None,
            );
        }

        let lower = analysed.to_lowercase();
        if p.dictionary.common {
            rule("dictionary.common", Some(!common::contains(&lower)), "Not a commonly used password".into(), None, None, None);
        }
        if let Some(custom) = &p.dictionary.custom {
            let min_word = custom.min_word_length.unwrap_or(1).max(1);
            let extra: Vec<String> = ctx
                .dictionary
                .iter()
                .map(|w| w.trim().to_lowercase())
                .filter(|w| w.chars().count() as u32 >= min_word)
                .collect();
            let all = self.words.iter().chain(extra.iter());
            let mut any = false;
            let mut found = 0u32;
            for w in all {
                any = true;
                if matches(&lower, w, custom.match_mode) {
                    found += 1;
                }
            }
            let msg = match custom.match_mode {
                MatchMode::Substring => "Does not contain a dictionary word",
                MatchMode::Whole => "Not a dictionary word",
            };
            rule("dictionary.custom", any.then_some(found == 0), msg.into(), None, any.then_some(found), None);
        }
        let c = &p.context;
        type Field<'a> = (&'static str, &'a Option<ContextCheck>, &'a Option<String>, &'static str, bool);
        let fields: [Field; 4] = [
            ("context.username", &c.username, &ctx.username, "username", false),
            ("context.email", &c.email, &ctx.email, "e-mail address", true),
            ("context.accountId", &c.account_id, &ctx.account_id, "account ID", false),
            ("context.accountName", &c.account_name, &ctx.account_name, "account name", false),
        ];
        for (id, check, value, what, is_email) in fields {
            let Some(check) = check else { continue };
            let value = value.as_deref().filter(|v| !v.trim().is_empty());
            let pass = value.map(|v| {
                let toks = if is_email { email_tokens(v, check.min_token_length) } else { tokens(v, check.min_token_length) };
                !toks.iter().any(|t| matches(&lower, t, check.match_mode))
            });
            rule(id, pass, format!("Does not contain your {what}"), None, None, None);
        }
        if let Some(a) = &c.attributes {
            let values: Vec<(&String, &String)> = ctx
                .attributes
                .iter()
                .filter(|(k, v)| !v.trim().is_empty() && a.names.as_ref().is_none_or(|n| n.contains(k)))
                .collect();
            let hits: Vec<&str> = values
                .iter()
                .filter(|(_, v)| tokens(v, a.min_token_length).iter().any(|t| matches(&lower, t, a.match_mode)))
                .map(|(k, _)| k.as_str())
                .collect();
            let msg = if hits.is_empty() {
                "Does not contain your personal details".to_string()
            } else {
                format!("Does not contain your personal details ({})", hits.join(", "))
            };
            rule("context.attribute", (!values.is_empty()).then_some(hits.is_empty()), msg, None, Some(hits.len() as u32), None);
        }
        if let Some(h) = p.history.as_ref().filter(|h| h.enforced && h.count > 0) {
            let recent: Vec<&String> = ctx.previous_passwords.iter().take(h.count as usize).collect();
            let pass = (!recent.is_empty()).then(|| !recent.iter().any(|prev| prev.as_str() == password));
            rule(
                "history.reuse",
                pass,
                format!("Not one of your last {}", plural(h.count, "password", "passwords")),
                Some(h.count),
                None,
                None,
            );
        }

        let violations: Vec<RuleResult> = rules.iter().filter(|r| r.status == Status::Fail).cloned().collect();
        Report {
            ok: violations.is_empty(),
            rules,
            violations,
            length,
            analyzed: Analyzed { complete, code_points: clamp(analysed.chars().count()) },
            strength: None,
        }
    }

    fn scan(&self, s: &str) -> Scan {
        let p = &self.policy;
        let symbols = p.symbols.as_ref();
        let chars_reqs: Vec<&CharSet> =
            p.sets.iter().map(|s| &s.chars).chain(p.types.iter().flat_map(|t| t.of.iter().filter_map(|r| r.chars.as_ref()))).collect();
        let mut scan = Scan {
            lower: 0,
            upper: 0,
            other_letter: 0,
            digit: 0,
            symbol: 0,
            graphemes: 0,
            longest_run: 0,
            disallowed: 0,
            set_counts: vec![0; chars_reqs.len()],
        };
        let mut prev: Option<&str> = None;
        let mut run = 0u32;
        for g in s.graphemes(true) {
            scan.graphemes += 1;
            let kind = kind_of_grapheme(g, symbols);
            match kind {
                Kind::Lower => scan.lower += 1,
                Kind::Upper => scan.upper += 1,
                Kind::OtherLetter => scan.other_letter += 1,
                Kind::Digit => scan.digit += 1,
                Kind::Symbol => scan.symbol += 1,
                Kind::Other => {}
            }
            run = if prev == Some(g) { run + 1 } else { 1 };
            scan.longest_run = scan.longest_run.max(run);
            prev = Some(g);
            for (i, set) in chars_reqs.iter().enumerate() {
                // A cluster counts for a set when its base character is in it.
                if g.chars().next().is_some_and(|c| set.contains(c, kind)) {
                    if let Some(n) = scan.set_counts.get_mut(i) {
                        *n += 1;
                    }
                }
            }
            if p.allowed.is_some() || p.forbidden.is_some() {
                let bad = g.chars().any(|c| {
                    p.allowed.as_ref().is_some_and(|a| !a.contains(c, kind)) || p.forbidden.as_ref().is_some_and(|f| f.contains(c, kind))
                });
                if bad {
                    scan.disallowed += 1;
                }
            }
        }
        scan
    }
}

fn class_count(scan: &Scan, class: CharClass) -> u32 {
    match class {
        CharClass::Lower => scan.lower,
        CharClass::Upper => scan.upper,
        CharClass::Letter => scan.lower + scan.upper + scan.other_letter,
        CharClass::Digit => scan.digit,
        CharClass::Symbol => scan.symbol,
    }
}

fn matches(lower_password: &str, token: &str, mode: MatchMode) -> bool {
    match mode {
        MatchMode::Substring => !token.is_empty() && lower_password.contains(token),
        MatchMode::Whole => lower_password == token,
    }
}

fn clamp(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

pub fn score_label(score: u8) -> &'static str {
    match score {
        0 => "too guessable",
        1 => "very guessable",
        2 => "somewhat guessable",
        3 => "safely unguessable",
        _ => "very unguessable",
    }
}
