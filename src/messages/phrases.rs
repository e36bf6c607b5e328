//! Sentences about a policy's rules, shared by the checker's messages and `describe`, so that a
//! rule reads the same in a report and in a description.

use super::{Messages, PluralForm};
use crate::policy::{CharClass, CharSet, CustomDictionary, LengthUnit, MatchMode, Requirement, SetMin, TypesRule};

/// The code of a class noun (`class.lower`; plural forms `.one`/`.many`).
pub fn class_code(class: CharClass) -> &'static str {
    match class {
        CharClass::Lower => "class.lower",
        CharClass::Upper => "class.upper",
        CharClass::Digit => "class.digit",
        CharClass::Symbol => "class.symbol",
        CharClass::Letter => "class.letter",
        CharClass::OtherLetter => "class.otherLetter",
    }
}

/// The code of a length unit noun.
pub fn unit_code(unit: LengthUnit) -> &'static str {
    match unit {
        LengthUnit::Graphemes => "unit.character",
        LengthUnit::CodePoints => "unit.codePoint",
        LengthUnit::Utf16 => "unit.utf16",
    }
}

/// The rule id of a class rule (`chars.lower`); its message code is `rule.` + the id.
pub fn class_rule_id(class: CharClass) -> &'static str {
    match class {
        CharClass::Lower => "chars.lower",
        CharClass::Upper => "chars.upper",
        CharClass::Digit => "chars.digit",
        CharClass::Symbol => "chars.symbol",
        CharClass::Letter => "chars.letter",
        CharClass::OtherLetter => "chars.otherLetter",
    }
}

fn class_message_code(class: CharClass) -> &'static str {
    match class {
        CharClass::Lower => "rule.chars.lower",
        CharClass::Upper => "rule.chars.upper",
        CharClass::Digit => "rule.chars.digit",
        CharClass::Symbol => "rule.chars.symbol",
        CharClass::Letter => "rule.chars.letter",
        CharClass::OtherLetter => "rule.chars.otherLetter",
    }
}

/// "At least 8 characters" (`rule.length.min`) or "At most 64 characters" (`rule.length.max`).
/// An end user counts characters, whatever the policy's unit: the unit (code points, UTF-16
/// units) stays in the canonical policy and the counts of the report, not in its sentences.
pub fn length(m: &Messages, max: bool, n: u32) -> (&'static str, String) {
    let noun = m.noun(unit_code(LengthUnit::Graphemes), f64::from(n));
    if max {
        ("rule.length.max", m.text("rule.length.max", &[("max", &n), ("unit", &noun)]))
    } else {
        ("rule.length.min", m.text("rule.length.min", &[("min", &n), ("unit", &noun)]))
    }
}

/// How many characters (or ranges) of a set a message lists; the rest is counted ("… (+9950)"),
/// so that a message's size does not grow with the set, however often the set is referenced.
pub const LISTED_CHARS: usize = 64;

/// `items` joined by `sep`, the first `LISTED_CHARS` only, then "… (+N)".
fn listed<T: AsRef<str>>(items: &[T], sep: &str, m: &Messages) -> String {
    let shown: Vec<&str> = items.iter().take(LISTED_CHARS).map(AsRef::as_ref).collect();
    let mut out = shown.join(sep);
    if items.len() > LISTED_CHARS {
        out.push_str(&format!("… (+{})", m.number((items.len() - LISTED_CHARS) as f64)));
    }
    out
}

/// The literal characters of a set, as written, with a space named ("#$%, space"); a long set
/// is cut after [`LISTED_CHARS`] characters with a count of the rest.
pub fn chars_text(set: &CharSet, m: &Messages) -> String {
    let chars = set.literal_chars();
    let count = chars.iter().filter(|c| **c != ' ').count();
    let mut visible: String = if is_us_keyboard_symbols(&chars) {
        // Named, not listed: 32 punctuation marks say less to a reader than their name.
        m.text("set.usKeyboardSymbols", &[])
    } else {
        chars.iter().filter(|c| **c != ' ').take(LISTED_CHARS).collect()
    };
    if count > LISTED_CHARS {
        visible.push_str(&format!("… (+{})", m.number((count - LISTED_CHARS) as f64)));
    }
    if !chars.contains(&' ') {
        return visible;
    }
    let space = m.text("char.space", &[]);
    if visible.is_empty() {
        space
    } else {
        format!("{visible}, {space}")
    }
}

/// Whether `chars` (a space aside) are exactly the 32 symbols of a US keyboard: the printable
/// ASCII characters that are neither letters nor digits.
fn is_us_keyboard_symbols(chars: &[char]) -> bool {
    let mut symbols: Vec<char> = chars.iter().copied().filter(|c| *c != ' ').collect();
    symbols.sort_unstable();
    symbols.dedup();
    symbols.len() == 32 && symbols.iter().all(char::is_ascii_punctuation)
}

/// What a set holds: class nouns (plural), literal characters, ranges; "no characters" when
/// empty.
pub fn set_list(set: &CharSet, m: &Messages) -> String {
    let mut parts: Vec<String> = set.classes.iter().map(|c| m.form(class_code(*c), PluralForm::Many, &[])).collect();
    let literal = chars_text(set, m);
    if !literal.is_empty() {
        parts.push(literal);
    }
    let ranges: Vec<String> = set
        .ranges
        .iter()
        .take(LISTED_CHARS + 1)
        .map(|[a, b]| match (*a, *b) {
            (0x80, 0x10FFFF) => m.text("set.nonAscii", &[]),
            (a, b) if a == b => format!("U+{a:04X}"),
            (a, b) => format!("U+{a:04X}–U+{b:04X}"),
        })
        .collect();
    if !ranges.is_empty() {
        let mut text = listed(&ranges[..ranges.len().min(LISTED_CHARS)], ", ", m);
        if set.ranges.len() > LISTED_CHARS {
            text.push_str(&format!("… (+{})", m.number((set.ranges.len() - LISTED_CHARS) as f64)));
        }
        parts.push(text);
    }
    if parts.is_empty() {
        m.text("set.none", &[])
    } else {
        parts.join(", ")
    }
}

/// "At least 1 lowercase letter"; a symbol rule with a restricted symbol set lists the set.
pub fn class_min(m: &Messages, class: CharClass, min: u32, symbols: Option<&CharSet>) -> (&'static str, String) {
    let noun = m.noun(class_code(class), f64::from(min));
    match (class, symbols) {
        (CharClass::Symbol, Some(s)) => {
            // The whole set (characters, ranges, classes): a set of ranges only has no literal
            // characters, and "At least 1 symbol ()" says nothing.
            let chars = set_list(s, m);
            (
                "rule.chars.symbol.restricted",
                m.text("rule.chars.symbol.restricted", &[("min", &min), ("class", &noun), ("chars", &chars)]),
            )
        }
        _ => {
            let code = class_message_code(class);
            (code, m.text(code, &[("min", &min), ("class", &noun)]))
        }
    }
}

fn set_name(name: Option<&str>) -> Option<&str> {
    name.map(str::trim).filter(|n| !n.is_empty())
}

/// "At least 2 characters from: #$%@", or with a name "At least 2 from special character (#$%@)".
pub fn set_min(m: &Messages, s: &SetMin) -> (&'static str, String) {
    let list = set_list(&s.chars, m);
    match set_name(s.name.as_deref()) {
        Some(name) => (
            "rule.chars.set.named",
            m.text("rule.chars.set.named", &[("min", &s.min), ("name", &name), ("list", &list)]),
        ),
        None => ("rule.chars.set", m.plural("rule.chars.set", f64::from(s.min), &[("min", &s.min), ("list", &list)])),
    }
}

/// One requirement of an N-of-M rule: "digit", "2 digits", "symbol (#$%)", "a character from #$".
/// `symbols` is the restricted symbol set as listed by [`chars_text`] (made once per rule).
pub fn requirement_label(m: &Messages, r: &Requirement, symbols: Option<&str>) -> String {
    match (&r.class, &r.chars) {
        (Some(class), _) => {
            let mut label = if r.min > 1 {
                let noun = m.noun(class_code(*class), f64::from(r.min));
                m.text("label.count", &[("min", &r.min), ("class", &noun)])
            } else {
                m.form(class_code(*class), PluralForm::One, &[])
            };
            if let (CharClass::Symbol, Some(s)) = (class, symbols) {
                label = format!("{label} ({s})");
            }
            label
        }
        (None, Some(set)) => {
            let list = set_list(set, m);
            match (set_name(r.name.as_deref()), r.min > 1) {
                (Some(name), false) => format!("{name} ({list})"),
                (Some(name), true) => m.text("label.namedCount", &[("min", &r.min), ("name", &name), ("list", &list)]),
                (None, false) => m.text("label.set", &[("list", &list)]),
                (None, true) => m.text("label.setCount", &[("min", &r.min), ("list", &list)]),
            }
        }
        (None, None) => String::new(),
    }
}

/// "At least 3 of: lowercase letter, uppercase letter, digit, symbol".
pub fn types(m: &Messages, t: &TypesRule, symbols: Option<&CharSet>) -> String {
    // The symbol set is listed once, not once per requirement that names it.
    let symbols = symbols.map(|s| set_list(s, m));
    let list = t.of.iter().map(|r| requirement_label(m, r, symbols.as_deref())).collect::<Vec<_>>().join(", ");
    m.text("rule.chars.types", &[("required", &t.required), ("list", &list)])
}

/// The allowed/forbidden characters rule: "Only characters from: letters, digits",
/// "None of these: :, characters that are not on a US keyboard", or both in one sentence.
pub fn allowed(m: &Messages, allowed: Option<&CharSet>, forbidden: Option<&CharSet>) -> Option<(&'static str, String)> {
    let a = allowed.map(|s| set_list(s, m));
    let f = forbidden.map(|s| set_list(s, m));
    match (a, f) {
        (Some(a), Some(f)) => Some((
            "rule.chars.allowedForbidden",
            m.text("rule.chars.allowedForbidden", &[("allowed", &a), ("forbidden", &f)]),
        )),
        (Some(a), None) => Some(("rule.chars.allowed", m.text("rule.chars.allowed", &[("allowed", &a)]))),
        (None, Some(f)) => Some(("rule.chars.forbidden", m.text("rule.chars.forbidden", &[("forbidden", &f)]))),
        (None, None) => None,
    }
}

/// The user value a context rule looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContextField {
    Username,
    Email,
    AccountId,
    AccountName,
    Attributes,
}

/// The message code of a context rule: the check's ("Does not contain your username") or the
/// description's ("Must not contain your username"), by match mode.
pub fn context_code(field: ContextField, describe: bool, mode: MatchMode) -> &'static str {
    let whole = mode == MatchMode::Whole;
    match (field, describe, whole) {
        (ContextField::Username, false, false) => "rule.context.username",
        (ContextField::Username, false, true) => "rule.context.username.whole",
        (ContextField::Username, true, false) => "describe.context.username",
        (ContextField::Username, true, true) => "describe.context.username.whole",
        (ContextField::Email, false, false) => "rule.context.email",
        (ContextField::Email, false, true) => "rule.context.email.whole",
        (ContextField::Email, true, false) => "describe.context.email",
        (ContextField::Email, true, true) => "describe.context.email.whole",
        (ContextField::AccountId, false, false) => "rule.context.accountId",
        (ContextField::AccountId, false, true) => "rule.context.accountId.whole",
        (ContextField::AccountId, true, false) => "describe.context.accountId",
        (ContextField::AccountId, true, true) => "describe.context.accountId.whole",
        (ContextField::AccountName, false, false) => "rule.context.accountName",
        (ContextField::AccountName, false, true) => "rule.context.accountName.whole",
        (ContextField::AccountName, true, false) => "describe.context.accountName",
        (ContextField::AccountName, true, true) => "describe.context.accountName.whole",
        (ContextField::Attributes, false, false) => "rule.context.attribute",
        (ContextField::Attributes, false, true) => "rule.context.attribute.whole",
        (ContextField::Attributes, true, false) => "describe.context.attributes",
        (ContextField::Attributes, true, true) => "describe.context.attributes.whole",
    }
}

/// The message code of the custom dictionary rule, by match mode, fuzzy matching and score.
pub fn dictionary_code(describe: bool, d: &CustomDictionary) -> &'static str {
    let fuzzy = d.edit_distance > 0;
    match (describe, d.match_mode, d.min_score.is_some(), fuzzy) {
        (false, MatchMode::Whole, _, _) => "rule.dictionary.custom.whole",
        (true, MatchMode::Whole, _, _) => "describe.dictionary.custom.whole",
        (false, MatchMode::Substring, false, false) => "rule.dictionary.custom",
        (false, MatchMode::Substring, false, true) => "rule.dictionary.custom.fuzzy",
        (false, MatchMode::Substring, true, false) => "rule.dictionary.custom.score",
        (false, MatchMode::Substring, true, true) => "rule.dictionary.custom.score.fuzzy",
        (true, MatchMode::Substring, false, false) => "describe.dictionary.custom",
        (true, MatchMode::Substring, false, true) => "describe.dictionary.custom.fuzzy",
        (true, MatchMode::Substring, true, false) => "describe.dictionary.custom.score",
        (true, MatchMode::Substring, true, true) => "describe.dictionary.custom.score.fuzzy",
    }
}

/// The custom dictionary rule's code and sentence ("Scores at least 5: …" for Entra's score).
pub fn dictionary(m: &Messages, describe: bool, d: &CustomDictionary) -> (&'static str, String) {
    let code = dictionary_code(describe, d);
    match d.min_score {
        Some(min) => (code, m.text(code, &[("min", &min)])),
        None => (code, m.text(code, &[])),
    }
}

/// "At least 5 different characters" (`minUnique`: distinct grapheme clusters).
pub fn unique(m: &Messages, min: u32) -> String {
    m.plural("rule.chars.unique", f64::from(min), &[("min", &min)])
}

/// The breached-password rule: "Not found in known data breaches", or with a maximum above 0
/// "Found in known data breaches at most 3 times"; with its code.
pub fn breached(m: &Messages, max: u32) -> (&'static str, String) {
    if max == 0 {
        ("rule.dictionary.breached", m.text("rule.dictionary.breached", &[]))
    } else {
        ("rule.dictionary.breached.max", m.plural("rule.dictionary.breached.max", f64::from(max), &[("max", &max)]))
    }
}

/// "No character more than 2 times in a row".
pub fn repeat(m: &Messages, max: u32) -> String {
    m.plural("rule.repeat.max", f64::from(max), &[("max", &max)])
}

/// "No sequence like abc or 321 longer than 2 characters" (`maxSequence`: always 2 or more).
pub fn sequence(m: &Messages, max: u32) -> String {
    m.text("rule.sequence.max", &[("max", &max)])
}

/// A zxcvbn score's label ("safely unguessable").
pub fn score_label(m: &Messages, score: u8) -> String {
    let code = match score {
        0 => "strength.score.0",
        1 => "strength.score.1",
        2 => "strength.score.2",
        3 => "strength.score.3",
        _ => "strength.score.4",
    };
    m.text(code, &[])
}

/// A duration in seconds, in the largest unit that divides it exactly: "90 days", "30 minutes",
/// "1.5 seconds" ("1,5 seconde" in French).
pub fn duration(m: &Messages, seconds: f64) -> String {
    let exact = seconds.is_finite() && seconds > 0.0 && seconds.fract() == 0.0 && seconds < 1e15;
    let (code, n) = if exact {
        let s = seconds as u64;
        if s.is_multiple_of(86_400) {
            ("duration.day", (s / 86_400) as f64)
        } else if s.is_multiple_of(3_600) {
            ("duration.hour", (s / 3_600) as f64)
        } else if s.is_multiple_of(60) {
            ("duration.minute", (s / 60) as f64)
        } else {
            ("duration.second", seconds)
        }
    } else {
        ("duration.second", seconds)
    };
    let text = m.number(n);
    m.plural(code, n, &[("n", &text)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_in_the_largest_exact_unit() {
        let en = Messages::english();
        assert_eq!(duration(&en, 7_776_000.0), "90 days");
        assert_eq!(duration(&en, 86_400.0), "1 day");
        assert_eq!(duration(&en, 7_200.0), "2 hours");
        assert_eq!(duration(&en, 90_000.0), "25 hours");
        assert_eq!(duration(&en, 1_800.0), "30 minutes");
        assert_eq!(duration(&en, 61.0), "61 seconds");
        assert_eq!(duration(&en, 1.0), "1 second");
        assert_eq!(duration(&en, 0.0), "0 seconds");
        assert_eq!(duration(&en, 1.5), "1.5 seconds");
        assert_eq!(duration(&en, f64::NAN), "NaN seconds");
        let de = Messages::new("de");
        assert_eq!(duration(&de, 7_776_000.0), "90 Tage");
        assert_eq!(duration(&de, 60.0), "1 Minute");
        assert_eq!(duration(&de, 1.5), "1,5 Sekunden");
        let fr = Messages::new("fr");
        assert_eq!(duration(&fr, 0.0), "0 seconde");
        assert_eq!(duration(&fr, 1.5), "1,5 seconde");
        assert_eq!(duration(&fr, 3_600.0 * 3.0), "3 heures");
        let es = Messages::new("es");
        assert_eq!(duration(&es, 86_400.0 * 14.0), "14 días");
        assert_eq!(duration(&es, 3_600.0), "1 hora");
    }

    #[test]
    fn lengths_say_characters_whatever_the_unit() {
        for lang in ["en", "de", "fr", "es"] {
            let m = Messages::new(lang);
            let (_, text) = length(&m, false, 8);
            assert_eq!(text, m.text("rule.length.min", &[("min", &8), ("unit", &m.noun("unit.character", 8.0))]));
            assert!(!text.contains("UTF") && !text.contains("code"), "{lang}: {text}");
        }
    }

    #[test]
    fn the_symbols_of_a_us_keyboard_are_named_not_listed() {
        let ascii: String = (' '..='~').filter(char::is_ascii_punctuation).collect();
        assert_eq!(ascii.chars().count(), 32);
        for (with_space, lang, want) in [
            (false, "en", "the symbols on a US keyboard"),
            (true, "en", "the symbols on a US keyboard, space"),
            (false, "de", "die Sonderzeichen einer US-Tastatur"),
            (false, "fr", "les symboles d’un clavier américain"),
            (false, "es", "los símbolos de un teclado estadounidense"),
        ] {
            let chars = if with_space { format!("{ascii} ") } else { ascii.clone() };
            let set = CharSet { chars, ..CharSet::default() };
            assert_eq!(chars_text(&set, &Messages::new(lang)), want);
        }
        // One symbol fewer is a list again.
        let set = CharSet { chars: ascii.replace(':', ""), ..CharSet::default() };
        assert!(chars_text(&set, &Messages::new("en")).starts_with("!\"#$%"));
    }

    #[test]
    fn a_named_set_counted_in_an_n_of_m_rule_reads_in_words() {
        let r = Requirement {
            class: None,
            chars: Some(CharSet { chars: "#$".into(), ..CharSet::default() }),
            name: Some("special".into()),
            min: 2,
        };
        for (lang, want) in [
            ("en", "2 from special (#$)"),
            ("de", "2 aus special (#$)"),
            ("fr", "2 parmi special (#$)"),
            ("es", "2 de special (#$)"),
        ] {
            assert_eq!(requirement_label(&Messages::new(lang), &r, None), want);
        }
    }

    #[test]
    fn set_lists() {
        let en = Messages::english();
        let set = CharSet {
            classes: vec![CharClass::Letter, CharClass::Digit],
            chars: "-_ ".into(),
            ranges: vec![[0x80, 0x10FFFF], [0x41, 0x5A]],
        };
        assert_eq!(
            set_list(&set, &en),
            "letters, digits, -_, space, characters that are not on a US keyboard, U+0041–U+005A"
        );
        assert_eq!(set_list(&CharSet::default(), &en), "no characters");
        let de = Messages::new("de");
        assert_eq!(
            set_list(&set, &de),
            "Buchstaben, Ziffern, -_, Leerzeichen, Zeichen, die nicht auf einer US-Tastatur sind, U+0041–U+005A"
        );
    }
}
