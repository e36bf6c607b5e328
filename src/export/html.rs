//! Canonical policy → attributes of a new-password `<input>`.
//!
//! HTML's `minlength`/`maxlength` count UTF-16 code units, and a browser enforces them before the
//! policy is consulted (`maxlength` even stops the typing). So each is emitted only as a bound
//! that never rejects a password the policy accepts, the tightest such bound, which equals the
//! policy's own bound whenever the units agree for every allowed character:
//! - `minlength` = `length.min` for every unit: a password of n graphemes or n code points has
//!   at least n UTF-16 units. (With characters outside the BMP or combining sequences allowed, it
//!   may let through a password the policy finds too short; the checker reports that.)
//! - `maxlength` = `length.max` when the unit is UTF-16, or when only printable ASCII is allowed
//!   (one unit per character in every count). Counting code points with characters outside the
//!   BMP allowed: `2 × length.max` (a code point is at most 2 units). Counting graphemes with more
//!   than printable ASCII allowed: none (a grapheme has no bounded number of units).
//!
//! `pattern` is given only where it is exact, i.e. accepts exactly the passwords the checker's
//! rules accept: only printable ASCII is allowed (so every unit agrees and a character's class is
//! plain), and the policy has no distinct-character, sequence, dictionary, context, history or
//! strength rule. (The breached-password rule is left out of that judgement, so it does not take
//! the pattern away: no attribute can express it, a form checks it with a network lookup, and a
//! pattern that stops every policy with breach checking — most Kratos and Supabase ones — would
//! help no one.) Lengths, classes,
//! sets, N-of-M (up to 64 combinations), allowed/forbidden and `maxRepeat` are then all written
//! as lookaheads plus one character class. Characters other than ASCII letters and digits are
//! written `\xHH`, so the pattern compiles alike with the `v` flag (what browsers use for `pattern`
//! today) and the older `u` flag. (The checker judges at most its analysis limit of leading code
//! points; the pattern has no such limit.)

use serde::Serialize;

use super::{Chars, Member, MAX_CP};
use crate::policy::passwordrules_classes::Ascii;
use crate::policy::{LengthUnit, Policy};

/// Attributes for `<input type="password">` on a sign-up or change-password form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HtmlAttributes {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minlength: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maxlength: Option<u32>,
    /// The `passwordrules` value (not HTML-escaped).
    pub passwordrules: String,
    /// Always `new-password`.
    pub autocomplete: String,
    /// A regular expression for the `pattern` attribute (not anchored: the browser anchors it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
}

/// Largest number of alternatives written for an N-of-M rule.
const MAX_COMBINATIONS: usize = 64;

pub fn html_attributes(p: &Policy) -> HtmlAttributes {
    let chars = Chars::new(p);
    let ascii_only = chars.allowed_outside_printable().is_none();
    let minlength = p.length.min.filter(|m| *m > 0);
    let maxlength = p.length.max.and_then(|max| match p.length.unit {
        LengthUnit::Utf16 => Some(max),
        _ if ascii_only => Some(max),
        LengthUnit::CodePoints if chars.find(vec![[0x1_0000, MAX_CP]], None).is_none() => Some(max),
        LengthUnit::CodePoints => Some(max.saturating_mul(2)),
        LengthUnit::Graphemes => None,
    });
    HtmlAttributes {
        minlength,
        maxlength,
        passwordrules: p.to_passwordrules().rules,
        autocomplete: "new-password".to_string(),
        pattern: if ascii_only { pattern(p, &chars) } else { None },
    }
}

fn literal(cp: u32) -> String {
    match char::from_u32(cp) {
        Some(c) if c.is_ascii_alphanumeric() => c.to_string(),
        _ => format!("\\x{cp:02X}"),
    }
}

/// A character class of printable ASCII characters, every non-alphanumeric one escaped.
fn class(bits: Ascii, negate: bool) -> String {
    let mut s = String::from(if negate { "[^" } else { "[" });
    for [a, b] in bits.runs() {
        if b - a >= 2 {
            s.push_str(&format!("{}-{}", literal(a), literal(b)));
        } else {
            (a..=b).for_each(|c| s.push_str(&literal(c)));
        }
    }
    s.push(']');
    s
}

/// At least `min` characters of `bits`.
fn at_least(bits: Ascii, min: u32) -> String {
    let (other, this) = (class(bits, true), class(bits, false));
    if min == 1 {
        format!("(?={other}*{this})")
    } else {
        format!("(?=(?:{other}*{this}){{{min}}})")
    }
}

/// Every way to pick `n` of `items`, each as the concatenation of the picked items.
fn combinations(items: &[String], n: usize) -> Vec<String> {
    if n == 0 {
        return vec![String::new()];
    }
    let mut out = Vec::new();
    for i in 0..items.len() {
        if items.len() - i < n {
            break;
        }
        for rest in combinations(&items[i + 1..], n - 1) {
            out.push(format!("{}{rest}", items[i]));
        }
    }
    out
}

fn binomial(m: usize, n: usize) -> usize {
    (0..n).fold(1usize, |acc, i| acc.saturating_mul(m - i) / (i + 1))
}

fn pattern(p: &Policy, chars: &Chars) -> Option<String> {
    let c = &p.context;
    // A sequence rule would be a lookahead listing every forbidden run in both cases, and N
    // distinct characters one nested lookahead per character: left out.
    let unexpressible = p.max_sequence.is_some()
        || p.min_unique.is_some()
        || p.dictionary.common
        || p.dictionary.custom.is_some()
        || c.username.is_some()
        || c.email.is_some()
        || c.account_id.is_some()
        || c.account_name.is_some()
        || c.attributes.is_some()
        || p.history.as_ref().is_some_and(|h| h.enforced && h.count > 0)
        || p.min_strength.is_some_and(|s| s > 0);
    if unexpressible {
        return None;
    }
    let allowed = chars.ascii();
    if allowed.is_empty() {
        return None;
    }
    let mut heads = String::new();
    for r in &p.classes {
        if r.min > 0 {
            let bits = chars.ascii_members(&Member::Class(r.class));
            if bits.is_empty() {
                return None;
            }
            heads.push_str(&at_least(bits, r.min));
        }
    }
    for s in &p.sets {
        if s.min > 0 {
            let bits = chars.ascii_members(&Member::set(&s.chars));
            if bits.is_empty() {
                return None;
            }
            heads.push_str(&at_least(bits, s.min));
        }
    }
    for t in &p.types {
        let mut trivial = 0usize;
        let mut live: Vec<(Ascii, u32)> = Vec::new();
        for r in &t.of {
            let m = match (&r.class, &r.chars) {
                (Some(class), _) => Member::Class(*class),
                (None, Some(set)) => Member::set(set),
                (None, None) => continue,
            };
            if r.min == 0 {
                trivial += 1;
                continue;
            }
            let bits = chars.ascii_members(&m);
            // A requirement no allowed character meets can never count.
            if !bits.is_empty() {
                live.push((bits, r.min));
            }
        }
        let n = (t.required as usize).saturating_sub(trivial);
        if n == 0 {
            continue;
        }
        if n > live.len() {
            return None;
        }
        if n == 1 && live.iter().all(|(_, min)| *min == 1) {
            let union = live.iter().fold(Ascii::EMPTY, |acc, (b, _)| acc.union(*b));
            heads.push_str(&at_least(union, 1));
            continue;
        }
        let parts: Vec<String> = live.iter().map(|(b, min)| at_least(*b, *min)).collect();
        if n == live.len() {
            parts.iter().for_each(|s| heads.push_str(s));
        } else if binomial(live.len(), n) <= MAX_COMBINATIONS {
            heads.push_str(&format!("(?:{})", combinations(&parts, n).join("|")));
        } else {
            return None;
        }
    }
    if let Some(n) = p.max_repeat {
        heads.push_str(&format!("(?!.*(.)\\1{{{n}}})"));
    }
    let min = p.length.min.unwrap_or(0);
    let quantifier = match (min, p.length.max) {
        (0, None) => "*".to_string(),
        (m, None) => format!("{{{m},}}"),
        (m, Some(x)) if m > x => return None,
        (m, Some(x)) if m == x => format!("{{{m}}}"),
        (m, Some(x)) => format!("{{{m},{x}}}"),
    };
    Some(format!("{heads}{}{quantifier}", class(allowed, false)))
}

#[cfg(test)]
#[allow(clippy::field_reassign_with_default)]
mod tests {
    use super::*;
    use crate::policy::{CharClass, CharSet, ClassMin, Length, Requirement, TypesRule};
    use crate::vendors::passwordrules::policy_from_text;

    fn from(text: &str) -> Policy {
        policy_from_text(text, "passwordrules").unwrap().0
    }

    #[test]
    fn from_passwordrules() {
        let a = html_attributes(&from(
            "minlength: 8; maxlength: 20; required: lower; required: upper, digit; max-consecutive: 2",
        ));
        assert_eq!(a.minlength, Some(8));
        assert_eq!(a.maxlength, Some(20));
        assert_eq!(a.autocomplete, "new-password");
        assert_eq!(
            a.passwordrules,
            "minlength: 8; maxlength: 20; max-consecutive: 2; required: lower; required: upper, digit;"
        );
        assert_eq!(
            a.pattern.as_deref(),
            Some("(?=[^a-z]*[a-z])(?=[^0-9A-Z]*[0-9A-Z])(?!.*(.)\\1{2})[0-9A-Za-z]{8,20}")
        );
        let json = serde_json::to_value(&a).unwrap();
        assert_eq!(json["autocomplete"], "new-password");
        let a = html_attributes(&from("required: [-]]; allowed: special"));
        assert_eq!(
            a.pattern.as_deref(),
            Some("(?=[^\\x2D\\x5D]*[\\x2D\\x5D])[\\x20-\\x2F\\x3A-\\x40\\x5B-\\x60\\x7B-\\x7E]*")
        );
        assert_eq!((a.minlength, a.maxlength), (None, None));
        let json = serde_json::to_value(&a).unwrap();
        assert!(json.get("minlength").is_none());
    }

    #[test]
    fn no_pattern_with_a_sequence_rule() {
        let mut p = from("minlength: 8; required: lower; required: digit; allowed: ascii-printable");
        let without = html_attributes(&p);
        assert!(without.pattern.is_some());
        p.max_sequence = Some(3);
        let with = html_attributes(&p);
        assert_eq!(with.pattern, None);
        // The other attributes do not change.
        assert_eq!((with.minlength, with.maxlength), (without.minlength, without.maxlength));
        assert_eq!(with.passwordrules, without.passwordrules);
    }

    #[test]
    fn no_pattern_with_a_unique_rule() {
        let mut p = from("minlength: 8; required: lower; required: digit; allowed: ascii-printable");
        let without = html_attributes(&p);
        assert!(without.pattern.is_some());
        p.min_unique = Some(4);
        let with = html_attributes(&p);
        assert_eq!(with.pattern, None);
        assert_eq!((with.minlength, with.maxlength), (without.minlength, without.maxlength));
        assert_eq!(with.passwordrules, without.passwordrules);
    }

    #[test]
    fn length_units() {
        let mut p = Policy::default();
        p.length = Length { min: Some(8), max: Some(64), unit: LengthUnit::Graphemes };
        let a = html_attributes(&p);
        assert_eq!((a.minlength, a.maxlength, a.pattern), (Some(8), None, None));
        p.length.unit = LengthUnit::CodePoints;
        assert_eq!(html_attributes(&p).maxlength, Some(128));
        // Only the BMP allowed: a code point is one unit.
        p.allowed = Some(CharSet { ranges: vec![[32, 0xFFFF]], ..Default::default() });
        assert_eq!(html_attributes(&p).maxlength, Some(64));
        p.length.unit = LengthUnit::Utf16;
        p.allowed = None;
        assert_eq!(html_attributes(&p).maxlength, Some(64));
        // Printable ASCII only: exact in every unit, and a pattern.
        p.length.unit = LengthUnit::Graphemes;
        p.allowed = Some(CharSet { ranges: vec![[32, 126]], ..Default::default() });
        let a = html_attributes(&p);
        assert_eq!((a.minlength, a.maxlength), (Some(8), Some(64)));
        assert_eq!(a.pattern.as_deref(), Some("[\\x20-\\x7E]{8,64}"));
    }

    #[test]
    fn pattern_only_when_exact() {
        let mut p = from("minlength: 8; required: digit");
        p.dictionary.common = true;
        assert_eq!(html_attributes(&p).pattern, None);
        // N-of-M with unicode classes narrowed by an ASCII allowed set.
        let mut p = Policy::default();
        p.allowed =
            Some(CharSet { ranges: vec![[48, 57], [65, 90], [97, 122]], chars: "!#".into(), ..Default::default() });
        p.classes = vec![ClassMin { class: CharClass::Symbol, min: 2 }];
        p.types = vec![TypesRule {
            required: 2,
            of: vec![
                Requirement::class(CharClass::Lower, 1),
                Requirement::class(CharClass::Upper, 1),
                Requirement::class(CharClass::Digit, 1),
            ],
        }];
        p.length.min = Some(10);
        let a = html_attributes(&p);
        assert_eq!(
            a.pattern.as_deref(),
            Some(
                "(?=(?:[^\\x21\\x23]*[\\x21\\x23]){2})(?:(?=[^a-z]*[a-z])(?=[^A-Z]*[A-Z])|(?=[^a-z]*[a-z])(?=[^0-9]*[0-9])|(?=[^A-Z]*[A-Z])(?=[^0-9]*[0-9]))[\\x21\\x230-9A-Za-z]{10,}"
            )
        );
        assert_eq!(combinations(&["a".into(), "b".into(), "c".into(), "d".into()], 2).len(), binomial(4, 2));
        assert_eq!(binomial(5, 3), 10);
    }
}
