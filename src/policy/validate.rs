//! Validation of a canonical policy: malformed values are `invalid_field`, rules that no password
//! can satisfy together are `unsatisfiable`. Paths are canonical JSON paths (`length.min`,
//! `types[0].required`).
//!
//! The satisfiability test is sound (it never rejects a policy some password satisfies) and
//! catches the contradictions a vendor document can actually contain: min > max, required
//! characters beyond the maximum length, a required class that the allowed (or forbidden) set
//! excludes, an N-of-M rule with fewer than N satisfiable requirements, more distinct characters
//! than the maximum length or the allowed characters hold.

use super::charset::{kind_of_char, CharClass, CharSet, Kind};
use super::{MatchMode, Policy, Requirement};
use crate::error::{PolicyError, Result};

/// Code points sampled from ranges when deciding whether a set can hold a character of a class.
const RANGE_SAMPLE_LIMIT: u32 = 0x3_0000;

pub fn validate(p: &Policy) -> Result<()> {
    if p.version != super::POLICY_VERSION {
        return Err(PolicyError::field(
            "version",
            format!(
                "unsupported canonical policy version {} (this library reads version {})",
                p.version,
                super::POLICY_VERSION
            ),
        ));
    }
    for (i, c) in p.sets.iter().enumerate() {
        check_set(&c.chars, &format!("sets[{i}].chars"))?;
    }
    for (i, t) in p.types.iter().enumerate() {
        if t.of.is_empty() {
            return Err(PolicyError::field(format!("types[{i}].of"), "an N-of-M rule needs at least one requirement"));
        }
        if t.required == 0 {
            return Err(PolicyError::field(format!("types[{i}].required"), "must be at least 1"));
        }
        for (j, r) in t.of.iter().enumerate() {
            let path = format!("types[{i}].of[{j}]");
            match (&r.class, &r.chars) {
                (Some(_), None) => {}
                (None, Some(set)) => check_set(set, &format!("{path}.chars"))?,
                _ => return Err(PolicyError::field(path, "give exactly one of `class` and `chars`")),
            }
        }
        if t.required as usize > t.of.len() {
            return Err(PolicyError::unsatisfiable(
                format!("types[{i}].required"),
                format!("requires {} of only {} requirements", t.required, t.of.len()),
            ));
        }
    }
    if let Some(s) = &p.symbols {
        if s.classes.contains(&CharClass::Symbol) {
            return Err(PolicyError::field("symbols.classes", "the symbol set cannot be defined by the symbol class"));
        }
        check_set(s, "symbols")?;
    }
    if let Some(s) = &p.allowed {
        check_set(s, "allowed")?;
    }
    if let Some(s) = &p.forbidden {
        check_set(s, "forbidden")?;
    }
    if p.min_unique == Some(0) {
        return Err(PolicyError::field(
            "minUnique",
            "must be at least 1 (0 requires nothing: leave the field out; 5 rejects `aaaabbbb`)",
        ));
    }
    if p.max_repeat == Some(0) {
        return Err(PolicyError::field("maxRepeat", "must be at least 1 (1 forbids any repeated character)"));
    }
    if let Some(n) = p.max_sequence.filter(|n| *n < 2) {
        return Err(PolicyError::field(
            "maxSequence",
            format!(
                "must be at least 2, not {n} (a sequence is two or more characters; 2 accepts `ab` and rejects `abc`)"
            ),
        ));
    }
    if let Some(s) = p.min_strength {
        if s > 4 {
            return Err(PolicyError::field("minStrength", format!("a zxcvbn score is 0 to 4, not {s}")));
        }
    }
    check_durations(p)?;
    if let Some(d) = &p.dictionary.custom {
        for (from, to) in &d.substitutions {
            if super::single(from).is_none() || super::single(to).is_none() {
                return Err(PolicyError::field(
                    format!("dictionary.custom.substitutions.{from}"),
                    "a substitution replaces one character by one character",
                ));
            }
        }
    }
    if let Some(d) = &p.dictionary.custom {
        if d.edit_distance > 1 {
            return Err(PolicyError::field(
                "dictionary.custom.editDistance",
                format!("fuzzy matching finds words 0 or 1 edit away, not {}", d.edit_distance),
            ));
        }
        if d.edit_distance > 0 && d.match_mode != MatchMode::Substring {
            return Err(PolicyError::field(
                "dictionary.custom.editDistance",
                "fuzzy matching looks for words inside the password: it needs match \"substring\"",
            ));
        }
        if let Some(min) = d.min_score {
            if d.match_mode != MatchMode::Substring {
                return Err(PolicyError::field(
                    "dictionary.custom.minScore",
                    "the score counts the words found inside the password: it needs match \"substring\"",
                ));
            }
            if min == 0 {
                return Err(PolicyError::field(
                    "dictionary.custom.minScore",
                    "must be at least 1 (0 would accept every password)",
                ));
            }
        }
    }
    if let Some(a) = &p.context.attributes {
        for (from, to) in &a.substitutions {
            if super::single(from).is_none() || super::single(to).is_none() {
                return Err(PolicyError::field(
                    format!("context.attributes.substitutions.{from}"),
                    "a substitution replaces one character by one character",
                ));
            }
        }
        if let Some(names) = &a.names {
            if names.iter().any(|n| n.is_empty()) {
                return Err(PolicyError::field("context.attributes.names", "attribute names cannot be empty"));
            }
        }
    }
    satisfiable(p)
}

/// Every duration of the settings is a number of seconds, 0 or more ("expires after -5 seconds"
/// means nothing; a vendor's "unset" is an absent field, not a negative one).
fn check_durations(p: &Policy) -> Result<()> {
    let s = &p.settings;
    let mut all: Vec<(&str, Option<f64>)> = Vec::new();
    if let Some(e) = &s.expiry {
        all.extend([
            ("settings.expiry.maxAgeSeconds", e.max_age_seconds),
            ("settings.expiry.minAgeSeconds", e.min_age_seconds),
            ("settings.expiry.reminderSeconds", e.reminder_seconds),
            ("settings.expiry.gracePeriodSeconds", e.grace_period_seconds),
        ]);
    }
    if let Some(l) = &s.lockout {
        all.extend([
            ("settings.lockout.durationSeconds", l.duration_seconds),
            ("settings.lockout.resetWindowSeconds", l.reset_window_seconds),
        ]);
    }
    if let Some(x) = &s.session {
        all.extend([
            ("settings.session.idleTimeoutSeconds", x.idle_timeout_seconds),
            ("settings.session.maxDurationSeconds", x.max_duration_seconds),
        ]);
    }
    if let Some(k) = &s.api_keys {
        all.push(("settings.apiKeys.maxExpirationSeconds", k.max_expiration_seconds));
    }
    if let Some(b) = &s.breached {
        all.push(("settings.breached.expireAfterSeconds", b.expire_after_seconds));
    }
    for (path, v) in all {
        if let Some(v) = v {
            if !(v.is_finite() && v >= 0.0) {
                return Err(PolicyError::field(
                    path,
                    format!(
                        "a duration is a number of seconds, 0 or more, not {}",
                        crate::messages::format_number(v, crate::messages::Locale::En)
                    ),
                ));
            }
        }
    }
    Ok(())
}

fn check_set(s: &CharSet, path: &str) -> Result<()> {
    for (i, [a, b]) in s.ranges.iter().enumerate() {
        if a > b || *b > 0x10FFFF {
            return Err(PolicyError::field(
                format!("{path}.ranges[{i}]"),
                format!("[{a}, {b}] is not a code point range (0 ≤ from ≤ to ≤ 1114111)"),
            ));
        }
    }
    Ok(())
}

/// Whether some single-code-point grapheme of class `class` is allowed and not forbidden.
fn class_possible(p: &Policy, class: CharClass) -> bool {
    set_possible(p, |c, kind| class_member(p, c, kind, class))
}

fn class_member(p: &Policy, c: char, kind: Kind, class: CharClass) -> bool {
    if class == CharClass::Symbol {
        if let Some(sym) = &p.symbols {
            return sym.contains_char(c) || (sym.classes.iter().any(|cl| cl.contains(kind)) && kind == Kind::Symbol);
        }
    }
    class.contains(kind)
}

/// Whether some code point with `pred` is allowed and not forbidden. Candidates: the literal
/// characters and ranges of the allowed/symbol/requirement sets, plus a sample of Unicode.
fn set_possible(p: &Policy, pred: impl Fn(char, Kind) -> bool) -> bool {
    let ok = |c: char| {
        let kind = kind_of_char(c);
        pred(c, kind)
            && p.allowed.as_ref().is_none_or(|a| a.contains(c, kind))
            && p.forbidden.as_ref().is_none_or(|f| !f.contains(c, kind))
    };
    let mut lists: Vec<&CharSet> = Vec::new();
    lists.extend(p.allowed.iter());
    lists.extend(p.symbols.iter());
    lists.extend(p.sets.iter().map(|s| &s.chars));
    for t in &p.types {
        lists.extend(t.of.iter().filter_map(|r| r.chars.as_ref()));
    }
    for set in &lists {
        if set.chars.chars().any(ok) {
            return true;
        }
        for [a, b] in &set.ranges {
            let end = (*b).min(a.saturating_add(RANGE_SAMPLE_LIMIT));
            if (*a..=end).filter_map(char::from_u32).any(ok) {
                return true;
            }
        }
    }
    // Whole classes of an allowed set, or no allowed set: sample the BMP and a bit beyond.
    (0u32..RANGE_SAMPLE_LIMIT).filter_map(char::from_u32).any(ok)
}

fn set_requirement_possible(p: &Policy, set: &CharSet) -> bool {
    set_possible(p, |c, kind| set.contains(c, kind))
}

fn requirement_possible(p: &Policy, r: &Requirement) -> bool {
    if r.min == 0 {
        return true;
    }
    match (&r.class, &r.chars) {
        (Some(c), _) => class_possible(p, *c),
        (None, Some(s)) => set_requirement_possible(p, s),
        (None, None) => false,
    }
}

/// How many distinct grapheme clusters the policy allows, when that is provably fewer than `n`:
/// only for an `allowed` set of literal characters and ranges (a class holds marks that make
/// endless clusters), all of them printable ASCII (each its own cluster: no mark or joiner),
/// counted up to `RANGE_SAMPLE_LIMIT` code points. `None` when there are `n` or more, or when it
/// cannot tell: a set with other characters is left to the generator, which knows which of them
/// stand alone. (Telling that here would link the Unicode General_Category tables, ~40 KB, into
/// the rules-only build.)
fn distinct_allowed(p: &Policy, n: u32) -> Option<u32> {
    let allowed = p.allowed.as_ref().filter(|a| a.classes.is_empty())?;
    let mut have = 0u32;
    let mut looked = 0u32;
    for [a, b] in allowed.code_point_ranges() {
        for c in (a..=b).filter_map(char::from_u32) {
            looked += 1;
            if looked > RANGE_SAMPLE_LIMIT || !(' '..='~').contains(&c) {
                return None;
            }
            let mut buf = [0u8; 4];
            let kind = super::kind_of_grapheme(c.encode_utf8(&mut buf), p.symbols.as_ref());
            if p.forbidden.as_ref().is_some_and(|f| f.contains(c, kind)) {
                continue;
            }
            have += 1;
            if have >= n {
                return None;
            }
        }
    }
    Some(have)
}

fn satisfiable(p: &Policy) -> Result<()> {
    let (min, max) = (p.length.min.unwrap_or(0), p.length.max);
    if let Some(max) = max {
        if min > max {
            return Err(PolicyError::unsatisfiable(
                "length",
                format!("the minimum length {min} is greater than the maximum length {max}"),
            ));
        }
        if max == 0 {
            return Err(PolicyError::unsatisfiable("length.max", "a maximum length of 0 admits no password"));
        }
    }
    // Classes required on their own.
    let mut need = [0u32; CharClass::ALL.len()]; // lower, upper, digit, symbol, letter, otherLetter
    for (i, c) in p.classes.iter().enumerate() {
        if c.min > 0 && !class_possible(p, c.class) {
            return Err(PolicyError::unsatisfiable(
                format!("classes[{i}]"),
                format!("requires {} {} but the allowed characters exclude them", c.min, c.class.plural()),
            ));
        }
        if let Some(n) = need.get_mut(c.class as usize) {
            *n = (*n).max(c.min);
        }
    }
    for (i, s) in p.sets.iter().enumerate() {
        if s.min > 0 && !set_requirement_possible(p, &s.chars) {
            return Err(PolicyError::unsatisfiable(
                format!("sets[{i}]"),
                "requires characters from a set that the allowed characters exclude",
            ));
        }
        if let Some(max) = max {
            if s.min > max {
                return Err(PolicyError::unsatisfiable(
                    format!("sets[{i}].min"),
                    format!("requires {} characters of a set but the maximum length is {max}", s.min),
                ));
            }
        }
    }
    for (i, t) in p.types.iter().enumerate() {
        let possible = t.of.iter().filter(|r| requirement_possible(p, r)).count();
        if possible < t.required as usize {
            return Err(PolicyError::unsatisfiable(
                format!("types[{i}]"),
                format!(
                    "requires {} of {} requirements but only {possible} can be met with the allowed characters",
                    t.required,
                    t.of.len()
                ),
            ));
        }
    }
    if let Some(n) = p.min_unique {
        if let Some(max) = max.filter(|max| n > *max) {
            return Err(PolicyError::unsatisfiable(
                "minUnique",
                format!("requires {n} different characters but the maximum length is {max}"),
            ));
        }
        if let Some(have) = distinct_allowed(p, n) {
            return Err(PolicyError::unsatisfiable(
                "minUnique",
                format!("requires {n} different characters but the allowed characters hold only {have}"),
            ));
        }
    }
    if let Some(max) = max {
        // Lower, upper, other letter, digit and symbol are disjoint; letter is the first three.
        let [lo, up, dg, sy, le, ol] = need;
        let total = dg + sy + le.max(lo + up + ol);
        if total > max {
            return Err(PolicyError::unsatisfiable(
                "classes",
                format!("the required characters add up to {total}, more than the maximum length {max}"),
            ));
        }
        for (i, t) in p.types.iter().enumerate() {
            // Only class requirements over disjoint classes give an exact lower bound.
            let all_disjoint = t.of.iter().all(|r| {
                matches!(
                    r.class,
                    Some(
                        CharClass::Lower
                            | CharClass::Upper
                            | CharClass::OtherLetter
                            | CharClass::Digit
                            | CharClass::Symbol
                    )
                )
            });
            if all_disjoint {
                let mut mins: Vec<u32> = t.of.iter().map(|r| r.min).collect();
                mins.sort_unstable();
                let least: u32 = mins.iter().take(t.required as usize).sum();
                if least > max {
                    return Err(PolicyError::unsatisfiable(
                        format!("types[{i}]"),
                        format!("needs at least {least} characters, more than the maximum length {max}"),
                    ));
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::{Breached, ClassMin, Length, TypesRule};

    fn base() -> Policy {
        Policy::default()
    }

    #[test]
    fn empty_policy_is_valid() {
        assert!(validate(&base()).is_ok());
    }

    #[test]
    fn min_greater_than_max() {
        let mut p = base();
        p.length = Length { min: Some(10), max: Some(8), ..Default::default() };
        let e = validate(&p).unwrap_err();
        assert_eq!(e.code(), "unsatisfiable");
        assert_eq!(e.path(), Some("length"));
    }

    #[test]
    fn required_beyond_max() {
        let mut p = base();
        p.length.max = Some(3);
        p.classes = vec![ClassMin { class: CharClass::Digit, min: 2 }, ClassMin { class: CharClass::Upper, min: 2 }];
        assert_eq!(validate(&p).unwrap_err().code(), "unsatisfiable");
        p.length.max = Some(4);
        assert!(validate(&p).is_ok());
        // A letter without case is neither upper nor lower, and a letter.
        p.classes = vec![
            ClassMin { class: CharClass::OtherLetter, min: 2 },
            ClassMin { class: CharClass::Upper, min: 2 },
            ClassMin { class: CharClass::Letter, min: 3 },
        ];
        p.length.max = Some(3);
        assert_eq!(validate(&p).unwrap_err().path(), Some("classes"));
        p.length.max = Some(4);
        assert!(validate(&p).is_ok());
        p.allowed = Some(CharSet { classes: vec![CharClass::Lower, CharClass::Upper], ..Default::default() });
        assert_eq!(validate(&p).unwrap_err().path(), Some("classes[0]"));
    }

    #[test]
    fn distinct_characters() {
        let unique = |n: u32, max: Option<u32>, allowed: Option<CharSet>, forbidden: Option<CharSet>| {
            let mut p = base();
            p.min_unique = Some(n);
            p.length.max = max;
            p.allowed = allowed;
            p.forbidden = forbidden;
            validate(&p).map_err(|e| (e.code(), e.path().map(str::to_string)))
        };
        let err = |code| Err((code, Some("minUnique".to_string())));
        // 0 requires nothing: an invalid field, not a rule.
        assert_eq!(unique(0, None, None, None), err("invalid_field"));
        assert_eq!(unique(1, None, None, None), Ok(()));
        // N distinct clusters take N units in any length unit.
        assert_eq!(unique(9, Some(8), None, None), err("unsatisfiable"));
        assert_eq!(unique(8, Some(8), None, None), Ok(()));
        // Literal allowed characters: as many distinct ones as there are, less the forbidden ones.
        let digits = Some(CharSet { ranges: vec![[0x30, 0x39]], ..Default::default() });
        assert_eq!(unique(10, None, digits.clone(), None), Ok(()));
        assert_eq!(unique(11, None, digits.clone(), None), err("unsatisfiable"));
        let no_zero = Some(CharSet { chars: "0".into(), ..Default::default() });
        assert_eq!(unique(10, None, digits.clone(), no_zero.clone()), err("unsatisfiable"));
        let no_digits = Some(CharSet { classes: vec![CharClass::Digit], ..Default::default() });
        assert_eq!(unique(1, None, digits.clone(), no_digits), err("unsatisfiable"));
        // Repeated literals count once.
        let abc = Some(CharSet { chars: "abcabc".into(), ranges: vec![[0x61, 0x62]], ..Default::default() });
        assert_eq!(unique(3, None, abc.clone(), None), Ok(()));
        assert_eq!(unique(4, None, abc, None), err("unsatisfiable"));
        // A combining mark in the set makes endless clusters (`a`, `a` + U+0301, …): no bound.
        let with_mark = Some(CharSet { chars: "a\u{301}".into(), ..Default::default() });
        assert_eq!(unique(50, None, with_mark, None), Ok(()));
        // A class holds marks too; so does no allowed set at all.
        let letters = Some(CharSet { classes: vec![CharClass::Lower], chars: "1".into(), ..Default::default() });
        assert_eq!(unique(200, None, letters, None), Ok(()));
        assert_eq!(unique(100_000, None, None, None), Ok(()));
    }

    #[test]
    fn required_class_excluded_by_allowed() {
        let mut p = base();
        p.allowed = Some(CharSet { classes: vec![CharClass::Letter], ..Default::default() });
        p.classes = vec![ClassMin { class: CharClass::Digit, min: 1 }];
        let e = validate(&p).unwrap_err();
        assert_eq!(e.code(), "unsatisfiable");
        assert_eq!(e.path(), Some("classes[0]"));
        p.allowed = Some(CharSet { classes: vec![CharClass::Letter], chars: "7".into(), ..Default::default() });
        assert!(validate(&p).is_ok());
    }

    #[test]
    fn required_class_forbidden() {
        let mut p = base();
        p.forbidden = Some(CharSet { ranges: vec![[0, 0x10FFFF]], ..Default::default() });
        p.classes = vec![ClassMin { class: CharClass::Lower, min: 1 }];
        assert_eq!(validate(&p).unwrap_err().code(), "unsatisfiable");
    }

    #[test]
    fn n_of_m() {
        let mut p = base();
        p.types = vec![TypesRule {
            required: 3,
            of: vec![Requirement::class(CharClass::Lower, 1), Requirement::class(CharClass::Digit, 1)],
        }];
        assert_eq!(validate(&p).unwrap_err().code(), "unsatisfiable");
        p.types[0].required = 0;
        assert_eq!(validate(&p).unwrap_err().code(), "invalid_field");
        p.types[0].required = 2;
        p.length.max = Some(1);
        assert_eq!(validate(&p).unwrap_err().code(), "unsatisfiable");
        p.length.max = Some(2);
        assert!(validate(&p).is_ok());
    }

    #[test]
    fn bad_values() {
        let mut p = base();
        p.min_strength = Some(5);
        assert_eq!(validate(&p).unwrap_err().path(), Some("minStrength"));
        let mut p = base();
        p.max_repeat = Some(0);
        assert_eq!(validate(&p).unwrap_err().path(), Some("maxRepeat"));
        // A sequence limit below 2: 0 admits no password and 1 would forbid every `ab`.
        for n in [0, 1] {
            let mut p = base();
            p.max_sequence = Some(n);
            let e = validate(&p).unwrap_err();
            assert_eq!((e.code(), e.path()), ("invalid_field", Some("maxSequence")), "{e}");
        }
        let mut p = base();
        p.max_sequence = Some(2);
        assert!(validate(&p).is_ok());
        let mut p = base();
        p.allowed = Some(CharSet { ranges: vec![[5, 2]], ..Default::default() });
        assert_eq!(validate(&p).unwrap_err().path(), Some("allowed.ranges[0]"));
        // The breached-password expiry is a duration like the others: 0 (at once) or more.
        let mut p = base();
        p.settings.breached = Some(Breached { expire_after_seconds: Some(-1.0), logout: None });
        assert_eq!(validate(&p).unwrap_err().path(), Some("settings.breached.expireAfterSeconds"));
        p.settings.breached = Some(Breached { expire_after_seconds: Some(0.0), logout: Some(true) });
        assert!(validate(&p).is_ok());
    }
}
