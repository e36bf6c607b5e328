//! Canonical policy → Apple `passwordrules` value.
//!
//! Exact wherever the language allows; everything else is listed in `unsupported`, one entry per
//! rule, starting with its canonical path (`types[0]: …`, `dictionary.common: …`). Where a rule is
//! approximated, the emitted rules are the stricter side (a password they accept is one the policy
//! accepts for that rule), so that a password manager generating from them produces valid passwords.
//!
//! - `length` → `minlength`/`maxlength` (the language counts characters: with printable-ASCII-only
//!   rules every unit agrees; with `allowed: unicode` a unit other than code points is listed).
//! - `maxRepeat` → `max-consecutive`.
//! - Each requirement (class, set, N-of-M item) becomes the printable ASCII characters that are
//!   members of it and allowed, written in Apple's canonical form (`upper`, `lower`, `digit`,
//!   `special`, `ascii-printable`, `[…]`); a Unicode class or set that also counts characters
//!   outside printable ASCII is listed as narrowed. A set of literal ranges covering every code
//!   point is `unicode`. A minimum above 1 is listed (the language requires one character).
//! - N-of-M: N = 1 → one `required: a, b, …`; N = M → one `required` each; otherwise every
//!   requirement is required (stricter) and the rule is listed. Requirements with a minimum of 0
//!   are always met and lower N accordingly.
//! - `allowed`: no `allowed` and no `forbidden` → `allowed: unicode`; otherwise the allowed printable
//!   ASCII characters (listed as narrowed when the policy also allows others), written as the
//!   whole set or only the characters beyond those of the `required` properties (the language
//!   adds those), whichever reads simpler; omitted when the `required` properties already give
//!   exactly that set, or when it is printable ASCII and there is no `required` (the default).
//! - `minUnique` (distinct characters), `maxSequence` (no run like `abc` or `321`), dictionary,
//!   context, history and strength rules have no equivalent (Apple's parser knows `required`,
//!   `allowed`, `max-consecutive`, `minlength`, `maxlength`, `max-repeating`, `max-sequential`)
//!   and are listed.

use serde::Serialize;

use super::{covers_everything, Chars, Member};
use crate::policy::passwordrules_classes::{canonical_classes, format_classes, Ascii, Class, ClassSet};
use crate::policy::{LengthUnit, Policy};

/// A `passwordrules` value and the rules of the policy it does not express exactly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PasswordRulesOut {
    /// The attribute value (not HTML-escaped), e.g. `minlength: 8; required: lower; allowed: unicode;`.
    pub rules: String,
    /// One entry per rule not expressed exactly: its canonical path, a colon, what was done.
    pub unsupported: Vec<String>,
}

/// How a set of characters is written in a `required`/`allowed` value.
fn written(set: ClassSet) -> String {
    format_classes(&canonical_classes(set))
}

/// How heavy a set is to read: one per named class, one per character of a custom class.
fn weight(set: ClassSet) -> u32 {
    canonical_classes(set).iter().map(|c| if let Class::Custom(a) = c { a.len() } else { 1 }).sum()
}

struct Out<'a> {
    chars: Chars<'a>,
    unicode: bool,
    required: Vec<ClassSet>,
    unsupported: Vec<String>,
}

impl Out<'_> {
    /// The printable ASCII characters of a requirement that the policy allows; `unicode` for a set
    /// of every code point when nothing is restricted. `None` when nothing is left.
    fn narrow(&mut self, m: &Member, path: &str) -> Option<ClassSet> {
        if let Member::Set(set, _) = m {
            if self.unicode && covers_everything(set) {
                return Some(ClassSet::Unicode);
            }
        }
        let bits = self.chars.ascii_members(m);
        if bits.is_empty() {
            self.unsupported.push(format!("{path}: no allowed printable ASCII character qualifies; left out"));
            return None;
        }
        if let Some(c) = self.chars.member_outside_printable(m) {
            self.unsupported.push(format!(
                "{path}: also counts characters outside printable ASCII (such as U+{:04X}); narrowed to `{}`",
                c as u32,
                written(ClassSet::Ascii(bits))
            ));
        }
        Some(ClassSet::Ascii(bits))
    }

    fn require(&mut self, set: ClassSet) {
        if !self.required.contains(&set) {
            self.required.push(set);
        }
    }

    fn min_note(&mut self, path: &str, min: u32) {
        if min > 1 {
            self.unsupported.push(format!("{path}.min: at least {min} cannot be expressed; at least 1 is required"));
        }
    }
}

fn unit_words(unit: LengthUnit) -> &'static str {
    match unit {
        LengthUnit::Graphemes => "graphemes",
        LengthUnit::CodePoints => "code points",
        LengthUnit::Utf16 => "UTF-16 code units",
    }
}

pub fn to_passwordrules(p: &Policy) -> PasswordRulesOut {
    let chars = Chars::new(p);
    let unicode = chars.unrestricted();
    let mut o = Out { chars, unicode, required: Vec::new(), unsupported: Vec::new() };
    let mut props: Vec<String> = Vec::new();

    let min = p.length.min.filter(|m| *m > 0);
    if let Some(m) = min {
        props.push(format!("minlength: {m}"));
    }
    if let Some(m) = p.length.max {
        props.push(format!("maxlength: {m}"));
    }
    if unicode && (min.is_some() || p.length.max.is_some()) && p.length.unit != LengthUnit::CodePoints {
        o.unsupported.push(format!(
            "length.unit: the policy counts {}; passwordrules counts characters (code points)",
            unit_words(p.length.unit)
        ));
    }
    if let Some(n) = p.max_repeat {
        props.push(format!("max-consecutive: {n}"));
    }

    for (i, c) in p.classes.iter().enumerate() {
        if c.min == 0 {
            continue;
        }
        let path = format!("classes[{i}]");
        if let Some(set) = o.narrow(&Member::Class(c.class), &path) {
            o.require(set);
        }
        o.min_note(&path, c.min);
    }
    for (i, s) in p.sets.iter().enumerate() {
        if s.min == 0 {
            continue;
        }
        let path = format!("sets[{i}]");
        if let Some(set) = o.narrow(&Member::set(&s.chars), &path) {
            o.require(set);
        }
        o.min_note(&path, s.min);
    }
    for (i, t) in p.types.iter().enumerate() {
        let live: Vec<(String, Member, u32)> =
            t.of.iter()
                .enumerate()
                .filter(|(_, r)| r.min > 0)
                .filter_map(|(j, r)| {
                    let m = match (&r.class, &r.chars) {
                        (Some(c), _) => Member::Class(*c),
                        (None, Some(s)) => Member::set(s),
                        (None, None) => return None,
                    };
                    Some((format!("types[{i}].of[{j}]"), m, r.min))
                })
                .collect();
        let always = (t.of.len() - live.len()) as u32;
        let n = t.required.saturating_sub(always) as usize;
        if n == 0 || live.is_empty() {
            continue;
        }
        let sets: Vec<ClassSet> = live.iter().filter_map(|(path, m, _)| o.narrow(m, path)).collect();
        if n == 1 {
            if let Some(union) = sets.iter().copied().reduce(ClassSet::union) {
                o.require(union);
            }
        } else {
            if n < live.len() {
                o.unsupported.push(format!(
                    "types[{i}]: {n} of {} cannot be expressed; all {} are required instead",
                    live.len(),
                    live.len()
                ));
            }
            sets.into_iter().for_each(|s| o.require(s));
        }
        for (path, _, min) in &live {
            o.min_note(path, *min);
        }
    }

    for set in &o.required {
        props.push(format!("required: {}", written(*set)));
    }
    if o.unicode {
        props.push("allowed: unicode".to_string());
    } else {
        let allowed = o.chars.ascii();
        if let Some(c) = o.chars.allowed_outside_printable() {
            o.unsupported.push(format!(
                "allowed: the policy also allows characters outside printable ASCII (such as U+{:04X}), which passwordrules cannot list; narrowed to printable ASCII",
                c as u32
            ));
        }
        let by_required = o.required.iter().fold(Ascii::EMPTY, |acc, s| match s {
            ClassSet::Ascii(b) => acc.union(*b),
            ClassSet::Unicode => acc,
        });
        if allowed.is_empty() {
            o.unsupported.push("allowed: no printable ASCII character is allowed".to_string());
        } else if allowed == by_required || (by_required.is_empty() && allowed == Ascii::PRINTABLE) {
            // Implied: by the `required` properties, or the language's default.
        } else {
            // The whole set, or only what the `required` properties do not add: the simpler.
            let (whole, rest) = (ClassSet::Ascii(allowed), ClassSet::Ascii(allowed.minus(by_required)));
            let pick = if weight(rest) < weight(whole) { rest } else { whole };
            props.push(format!("allowed: {}", written(pick)));
        }
    }

    let d = &p.dictionary;
    let c = &p.context;
    let history = p.history.as_ref().is_some_and(|h| h.enforced && h.count > 0);
    for (present, path) in [
        (p.min_unique.is_some(), "minUnique"),
        (p.max_sequence.is_some(), "maxSequence"),
        (d.common, "dictionary.common"),
        (p.breached.is_some(), "breached"),
        (d.custom.is_some(), "dictionary.custom"),
        (c.username.is_some(), "context.username"),
        (c.email.is_some(), "context.email"),
        (c.account_id.is_some(), "context.accountId"),
        (c.account_name.is_some(), "context.accountName"),
        (c.attributes.is_some(), "context.attributes"),
        (history, "history"),
        (p.min_strength.is_some_and(|s| s > 0), "minStrength"),
    ] {
        if present {
            o.unsupported.push(format!("{path}: no passwordrules equivalent"));
        }
    }

    let rules = if props.is_empty() { String::new() } else { format!("{};", props.join("; ")) };
    PasswordRulesOut { rules, unsupported: o.unsupported }
}

#[cfg(test)]
#[allow(clippy::field_reassign_with_default)]
mod tests {
    use super::*;
    use crate::policy::{CharClass, CharSet, ClassMin, History, Length, Requirement, SetMin, TypesRule};
    use crate::vendors::passwordrules::policy_from_text;

    fn from(text: &str) -> Policy {
        policy_from_text(text, "passwordrules").unwrap().0
    }

    fn out(p: &Policy) -> PasswordRulesOut {
        to_passwordrules(p)
    }

    fn round_trip(text: &str) -> String {
        let p = from(text);
        let o = out(&p);
        assert!(o.unsupported.is_empty(), "{text}: {:?}", o.unsupported);
        assert_eq!(from(&o.rules), p, "{text} → {}", o.rules);
        o.rules
    }

    #[test]
    fn passwordrules_round_trip() {
        assert_eq!(
            round_trip("minlength: 8; maxlength: 63; required: lower; required: upper; required: digit; allowed: ascii-printable;"),
            "minlength: 8; maxlength: 63; required: lower; required: upper; required: digit; allowed: ascii-printable;"
        );
        assert_eq!(
            round_trip(
                "minlength: 8; required: digit; required: [- !\"#$&'()*+,.:;<=>?@[^_`{|}~]]; allowed: lower, upper;"
            ),
            "minlength: 8; required: digit; required: [- !\"#$&'()*+,.:;<=>?@[^_`{|}~]]; allowed: upper, lower;"
        );
        assert_eq!(
            round_trip("minlength: 8; maxlength: 8; max-consecutive: 3; required: digit; required: upper,lower,[#$+./:=?@[^_|~]];"),
            "minlength: 8; maxlength: 8; max-consecutive: 3; required: digit; required: upper, lower, [#$+./:=?@[^_|~]];"
        );
        assert_eq!(round_trip("minlength: 6; maxlength: 16;"), "minlength: 6; maxlength: 16;");
        assert_eq!(
            round_trip("required: lower, upper; required: digit; allowed: unicode"),
            "required: digit; required: upper, lower; allowed: unicode;"
        );
        assert_eq!(round_trip("required: unicode"), "required: unicode; allowed: unicode;");
        assert_eq!(round_trip("required: []]"), "required: []];");
        assert_eq!(round_trip("required: [-]"), "required: [-];");
        assert_eq!(round_trip("required: [-]]; allowed: special"), "required: [-]]; allowed: special;");
        assert_eq!(round_trip("allowed: [abc]"), "allowed: [abc];");
        round_trip("required: special; required: [!]; allowed: digit, [-]");
    }

    #[test]
    fn a_canonical_policy_with_unicode_classes() {
        let mut p = Policy::default();
        p.length = Length { min: Some(12), max: Some(64), ..Default::default() };
        p.classes = vec![ClassMin { class: CharClass::Lower, min: 1 }, ClassMin { class: CharClass::Digit, min: 2 }];
        p.dictionary.common = true;
        p.breached = Some(crate::policy::BreachedRule { max: 0 });
        p.history = Some(History { count: 3, enforced: true });
        let o = out(&p);
        assert_eq!(o.rules, "minlength: 12; maxlength: 64; required: lower; required: digit; allowed: unicode;");
        let paths: Vec<&str> = o.unsupported.iter().map(|s| s.split(':').next().unwrap_or("")).collect();
        assert_eq!(
            paths,
            ["length.unit", "classes[0]", "classes[1]", "classes[1].min", "dictionary.common", "breached", "history"]
        );
        p.breached = None;
        // Restricted to ASCII, the same classes are exact.
        p.allowed = Some(CharSet { ranges: vec![[32, 126]], ..Default::default() });
        p.classes[1].min = 1;
        p.dictionary.common = false;
        p.history = None;
        let o = out(&p);
        assert_eq!(
            o.rules,
            "minlength: 12; maxlength: 64; required: lower; required: digit; allowed: ascii-printable;"
        );
        assert!(o.unsupported.is_empty(), "{:?}", o.unsupported);
    }

    #[test]
    fn a_sequence_rule_is_listed_and_nothing_else_changes() {
        let text = "minlength: 8; max-consecutive: 2; required: lower; required: digit;";
        let without = out(&from(text));
        assert!(without.unsupported.is_empty(), "{:?}", without.unsupported);
        let mut p = from(text);
        p.max_sequence = Some(2);
        let with = out(&p);
        assert_eq!(with.rules, without.rules);
        assert_eq!(with.unsupported, ["maxSequence: no passwordrules equivalent"]);
    }

    #[test]
    fn a_unique_rule_is_listed_and_nothing_else_changes() {
        let text = "minlength: 8; required: upper; required: digit;";
        let without = out(&from(text));
        assert!(without.unsupported.is_empty(), "{:?}", without.unsupported);
        let mut p = from(text);
        p.min_unique = Some(5);
        let with = out(&p);
        assert_eq!(with.rules, without.rules);
        assert_eq!(with.unsupported, ["minUnique: no passwordrules equivalent"]);
    }

    #[test]
    fn n_of_m() {
        let mut p = Policy::default();
        p.allowed = Some(CharSet { ranges: vec![[32, 126]], ..Default::default() });
        let four = vec![
            Requirement::class(CharClass::Lower, 1),
            Requirement::class(CharClass::Upper, 1),
            Requirement::class(CharClass::Digit, 1),
            Requirement::class(CharClass::Symbol, 1),
        ];
        p.types = vec![TypesRule { required: 1, of: four.clone() }];
        assert_eq!(out(&p).rules, "required: ascii-printable;");
        p.types = vec![TypesRule { required: 1, of: four[..3].to_vec() }];
        assert_eq!(out(&p).rules, "required: upper, lower, digit; allowed: ascii-printable;");
        p.types = vec![TypesRule { required: 4, of: four.clone() }];
        assert_eq!(out(&p).rules, "required: lower; required: upper; required: digit; required: special;");
        assert!(out(&p).unsupported.is_empty());
        p.types = vec![TypesRule { required: 3, of: four.clone() }];
        let o = out(&p);
        assert_eq!(o.rules, "required: lower; required: upper; required: digit; required: special;");
        assert_eq!(o.unsupported, ["types[0]: 3 of 4 cannot be expressed; all 4 are required instead"]);
        // A requirement with min 0 is always met.
        let mut with_zero = four.clone();
        with_zero[3].min = 0;
        p.types = vec![TypesRule { required: 2, of: with_zero }];
        assert_eq!(out(&p).rules, "required: upper, lower, digit; allowed: ascii-printable;");
    }

    #[test]
    fn symbols_sets_and_forbidden() {
        let mut p = Policy::default();
        p.symbols = Some(CharSet::chars("!@#$%^&*()_+-=[]{}|'"));
        p.classes = vec![ClassMin { class: CharClass::Symbol, min: 1 }];
        p.forbidden = Some(CharSet::chars(":"));
        let o = out(&p);
        assert!(
            o.rules.starts_with("required: [-!#$%&'()*+=@[^_{|}]]; allowed: upper, lower, digit, ["),
            "{}",
            o.rules
        );
        assert!(!o.rules.contains(':') || o.rules.matches(':').count() == 2, "{}", o.rules);
        assert_eq!(o.unsupported.len(), 1, "{:?}", o.unsupported);
        assert!(o.unsupported[0].starts_with("allowed:"));
        // A custom set with a non-ASCII member, allowed.
        let mut p = Policy::default();
        p.sets = vec![SetMin { name: None, chars: CharSet::chars("§$"), min: 2 }];
        let o = out(&p);
        assert_eq!(o.rules, "required: [$]; allowed: unicode;");
        assert_eq!(o.unsupported.len(), 2, "{:?}", o.unsupported);
        assert!(o.unsupported[0].starts_with("sets[0]: also counts"));
        assert!(o.unsupported[1].starts_with("sets[0].min"));
        // Nothing at all.
        assert_eq!(out(&Policy::default()).rules, "allowed: unicode;");
        let mut p = Policy::default();
        p.allowed = Some(CharSet { ranges: vec![[0, 0x7F], [0x80, 0x10FFFF]], ..Default::default() });
        assert_eq!(out(&p), PasswordRulesOut { rules: "allowed: unicode;".into(), unsupported: vec![] });
    }

    #[test]
    fn letters_without_case_have_no_passwordrules_class() {
        // Alone: left out, said so. In an N-of-M rule: left out, the others required.
        let mut p = Policy::default();
        p.classes = vec![ClassMin { class: CharClass::OtherLetter, min: 1 }];
        let o = out(&p);
        assert_eq!(o.rules, "allowed: unicode;");
        assert_eq!(o.unsupported, ["classes[0]: no allowed printable ASCII character qualifies; left out"]);
        let mut p = Policy::default();
        p.types = vec![TypesRule {
            required: 2,
            of: vec![Requirement::class(CharClass::Digit, 1), Requirement::class(CharClass::OtherLetter, 1)],
        }];
        let o = out(&p);
        assert_eq!(o.rules, "required: digit; allowed: unicode;");
        assert!(o.unsupported.iter().any(|u| u.starts_with("types[0].of[1]: no allowed printable ASCII")), "{o:?}");
    }
}
