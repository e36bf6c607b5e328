//! Apple's `passwordrules` language (vendor id `passwordrules`): the value of the HTML
//! `passwordrules` attribute and of Apple's `quirks/password-rules.json`, e.g.
//! `minlength: 8; maxlength: 63; required: lower; required: upper; required: digit; allowed: [-_!];`.
//!
//! Accepted documents: the rules as plain text; a JSON string holding them; an object
//! `{"password-rules": "…"}` (one entry of Apple's quirks file, `exact-domain-match-only` kept under
//! `vendorExtras`); or the whole quirks file (`{"example.com": {"password-rules": "…"}, …}`), which
//! gives one policy per domain with `source.id` = the domain.
//!
//! Follows Apple's reference parser (apple/password-manager-resources@ee244546d18855b853eb58d3c9f247b967b29469:
//! `tools/PasswordRulesParser/PasswordRulesParser.js`, 2026) and the language's page
//! (<https://developer.apple.com/password-rules/>). That parser now also accepts `max-repeating`
//! and `max-sequential` (the smallest value wins, like `max-consecutive`), which neither Apple's
//! README nor its page defines: they are kept under `vendorExtras` with an `approximation` warning,
//! not checked.
//!
//! # The language (Apple's `tools/PasswordRulesParser.js`, the reference)
//! Properties are separated by `;` (a trailing `;` is optional), a name from its value by `:`, the
//! classes of a value by `,`. Names and class identifiers are case-insensitive.
//! - `minlength: n`, `maxlength: n`, `max-consecutive: n`. Repeated: the largest `minlength`, the
//!   smallest `maxlength` and `max-consecutive` win. `0` is ignored (as Apple's parser does).
//! - `required: a, b, …`: at least one character from the **union** of the listed classes; every
//!   `required` property is a separate requirement.
//! - `allowed: a, b, …`: the password may use the union of every `allowed` and every `required`
//!   class. When that union is empty, `ascii-printable` applies.
//! - Classes: `upper` A–Z, `lower` a–z, `digit` 0–9, `special` = ASCII 0x20–0x2F, 0x3A–0x40,
//!   0x5B–0x60, 0x7B–0x7E (space included), `ascii-printable` 0x20–0x7E, `unicode` (any
//!   character), and custom classes `[…]` of literal printable ASCII characters: a `-` counts only
//!   as the first character (elsewhere it is ignored), a literal `]` is written last, as `]]`;
//!   `[`, `;` and `,` are literal inside. Other characters in `[…]` are ignored.
//!
//! Where this parser is more lenient than Apple's (which gives up on the whole string): an
//! unknown property is an `unknown_field` warning (its raw value kept under `vendorExtras`),
//! whitespace is accepted before `:` and after a number, and empty properties (`;;`) are skipped.
//! Anything else malformed is an `invalid_field` error whose path is `passwordrules` (or the key
//! holding the rules) and whose message gives the byte offset in the rules text (for a text
//! document, counted from its first non-blank character; for JSON, in the decoded string).
//!
//! # Canonical mapping
//! The classes are ASCII, so they become explicit character sets (`ranges` for the named classes,
//! `chars` for custom characters), never the Unicode-aware canonical classes:
//! - each `required` is canonicalized as Apple does (`ascii-printable` when complete, else whole
//!   named classes in the order upper, lower, digit, special, then the remaining characters as one
//!   custom class); one class gives a `SetMin { min: 1 }` named after it, several a
//!   `TypesRule { required: 1 }` with one requirement per class. Identical `required` values
//!   are kept once. A `required` with no character left is dropped with a warning.
//! - `allowed` (policy) = union of every `allowed` and `required` class, as ranges + chars; absent
//!   (no restriction) when `unicode` appears; printable ASCII when the union is empty.
//! - `minlength`/`maxlength` → `length` in code points: the language counts characters, and a
//!   code point is the unit that is the same for every password the rules allow (printable ASCII is
//!   one code point, one grapheme and one UTF-16 unit per character; with `unicode` a character is a
//!   code point, as in NIST SP 800-63B), independent of the grapheme-segmentation tables.
//! - `max-consecutive` → `maxRepeat`.

use serde_json::{Map, Value};

use super::fields::{join, Obj};
use super::{new_policy, Document, Normalized, Warnings};
use crate::error::{PolicyError, Result};
use crate::policy::passwordrules_classes::{canonical_classes, charset_of, Ascii, Class, ClassSet};
use crate::policy::{Length, LengthUnit, Policy, Requirement, SetMin, TypesRule};

pub const VENDOR: &str = "passwordrules";
/// The key holding the rules in Apple's quirks file.
pub const KEY: &str = "password-rules";
/// The path errors and warnings name for rules given as text or as a JSON string.
pub const TEXT_PATH: &str = "passwordrules";
/// Properties Apple's current parser accepts with no documented meaning.
const UNDEFINED_PROPERTIES: [&str; 2] = ["max-repeating", "max-sequential"];

// ---------------------------------------------------------------------------------------------
// Parsing.

/// A parsed `passwordrules` value, before it is mapped to the canonical model.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rules {
    pub min_length: Option<u32>,
    pub max_length: Option<u32>,
    pub max_consecutive: Option<u32>,
    /// Every `required` property with at least one character, in order, each kept once.
    pub required: Vec<ClassSet>,
    /// The union of the `allowed` properties (`None` when none gave a class).
    pub allowed: Option<ClassSet>,
    /// Unknown properties: lower-cased name and raw value.
    pub unknown: Vec<(String, String)>,
    /// How many known properties were read (with or without a value).
    pub known: usize,
}

struct Parser<'a> {
    s: &'a str,
    pos: usize,
    path: &'a str,
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'-'
}

/// What a custom class held besides its characters.
#[derive(Default)]
struct CustomNotes {
    dropped: String,
    dashes: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.s.as_bytes().get(self.pos).copied()
    }

    fn ws(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
            self.pos += 1;
        }
    }

    fn at_end_of_value(&self) -> bool {
        matches!(self.peek(), None | Some(b';'))
    }

    fn found(&self, at: usize) -> String {
        match self.s.get(at..).and_then(|t| t.chars().next()) {
            None => "the end".to_string(),
            Some(c) => format!("`{c}`"),
        }
    }

    fn err(&self, at: usize, msg: impl std::fmt::Display) -> PolicyError {
        PolicyError::field(self.path, format!("{msg} at byte {at}"))
    }

    fn ident(&mut self) -> &'a str {
        let start = self.pos;
        while self.peek().is_some_and(is_ident) {
            self.pos += 1;
        }
        self.s.get(start..self.pos).unwrap_or("")
    }

    /// A number after `name:`; `None` for an empty value.
    fn integer(&mut self, name: &str) -> Result<Option<u32>> {
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        let digits = self.s.get(start..self.pos).unwrap_or("");
        if digits.is_empty() {
            if self.at_end_of_value() {
                return Ok(None);
            }
            return Err(self.err(start, format!("`{name}` expects a number, found {}", self.found(start))));
        }
        digits
            .parse::<u32>()
            .map(Some)
            .map_err(|_| self.err(start, format!("the `{name}` value {digits} is too large")))
    }

    /// The classes after `required:`/`allowed:` (empty for an empty value).
    fn classes(&mut self, w: &mut Warnings) -> Result<Vec<Class>> {
        let mut out = Vec::new();
        if self.at_end_of_value() {
            return Ok(out);
        }
        loop {
            out.extend(self.class(w)?);
            self.ws();
            if self.peek() != Some(b',') {
                return Ok(out);
            }
            self.pos += 1;
            self.ws();
        }
    }

    /// One class; `None` for a custom class with no character.
    fn class(&mut self, w: &mut Warnings) -> Result<Option<Class>> {
        let start = self.pos;
        match self.peek() {
            Some(b) if is_ident(b) => {
                let id = self.ident();
                Class::from_identifier(id).map(Some).ok_or_else(|| {
                    self.err(start, format!("unknown character class `{id}` (expected upper, lower, digit, special, ascii-printable, unicode or […])"))
                })
            }
            Some(b'[') => {
                let (bits, notes) = self.custom()?;
                if !notes.dropped.is_empty() {
                    w.approximation(
                        self.path,
                        format!(
                            "the custom class at byte {start} lists characters outside printable ASCII ({:?}); the language ignores them",
                            notes.dropped
                        ),
                    );
                }
                if notes.dashes > 0 {
                    w.approximation(
                        self.path,
                        format!("the custom class at byte {start} has a `-` that is not its first character; the language ignores it"),
                    );
                }
                if bits.is_empty() {
                    w.approximation(self.path, format!("the custom class at byte {start} has no character; ignored"));
                    return Ok(None);
                }
                Ok(Some(Class::Custom(bits)))
            }
            _ => Err(self.err(start, format!("expected a character class, found {}", self.found(start)))),
        }
    }

    /// A custom class `[…]`, with Apple's rules: characters outside printable ASCII are skipped, a
    /// `-` other than the first character is skipped, the first `]` ends the class unless another
    /// `]` follows it (then `]` is a member and the second one ends the class).
    fn custom(&mut self) -> Result<(Ascii, CustomNotes)> {
        let open = self.pos;
        self.pos += 1;
        let first = self.pos;
        let mut bits = Ascii::EMPTY;
        let mut notes = CustomNotes::default();
        let body = self.s.get(first..).unwrap_or("");
        let mut closed = false;
        for (i, c) in body.char_indices() {
            self.pos = first + i + c.len_utf8();
            if !Ascii::is_printable(c) {
                notes.dropped.push(c);
                continue;
            }
            if c == '-' && i > 0 {
                notes.dashes += 1;
                continue;
            }
            if c == ']' {
                closed = true;
                break;
            }
            bits.insert(c);
        }
        if !closed {
            return Err(self.err(open, "unterminated custom class: `[` without its closing `]`"));
        }
        if self.peek() == Some(b']') {
            bits.insert(']');
            self.pos += 1;
        }
        Ok((bits, notes))
    }

    /// Skips the value of an unknown property (custom classes may hold `;`); returns it trimmed.
    fn skip_value(&mut self) -> Result<&'a str> {
        let start = self.pos;
        while let Some(b) = self.peek() {
            match b {
                b';' => break,
                b'[' => {
                    self.custom()?;
                }
                _ => self.pos += self.s.get(self.pos..).and_then(|t| t.chars().next()).map_or(1, char::len_utf8),
            }
        }
        Ok(self.s.get(start..self.pos).unwrap_or("").trim())
    }
}

fn keep_min(slot: &mut Option<u32>, v: u32) {
    *slot = Some(slot.map_or(v, |old| old.min(v)));
}

/// Parses a `passwordrules` value. `path` names the rules in errors and warnings.
pub fn parse(text: &str, path: &str, w: &mut Warnings) -> Result<Rules> {
    let mut p = Parser { s: text, pos: 0, path };
    let mut rules = Rules::default();
    p.ws();
    if p.peek().is_none() {
        return Err(PolicyError::field(path, "the passwordrules value is empty"));
    }
    loop {
        p.ws();
        match p.peek() {
            None => break,
            Some(b';') => {
                p.pos += 1;
                continue;
            }
            Some(b) if is_ident(b) => {}
            Some(_) => return Err(p.err(p.pos, format!("expected a property name, found {}", p.found(p.pos)))),
        }
        let start = p.pos;
        let name = p.ident().to_ascii_lowercase();
        p.ws();
        if p.peek() != Some(b':') {
            return Err(
                p.err(p.pos, format!("expected `:` after the property name `{name}`, found {}", p.found(p.pos)))
            );
        }
        p.pos += 1;
        p.ws();
        let empty = |w: &mut Warnings| w.approximation(path, format!("`{name}` at byte {start} has no value; ignored"));
        match name.as_str() {
            "minlength" | "maxlength" | "max-consecutive" => {
                rules.known += 1;
                match p.integer(&name)? {
                    None => empty(w),
                    Some(0) => w.approximation(
                        path,
                        format!("`{name}: 0` at byte {start} has no effect in the language; ignored"),
                    ),
                    Some(n) => match name.as_str() {
                        "minlength" => rules.min_length = Some(rules.min_length.map_or(n, |old| old.max(n))),
                        "maxlength" => keep_min(&mut rules.max_length, n),
                        _ => keep_min(&mut rules.max_consecutive, n),
                    },
                }
            }
            "required" | "allowed" => {
                rules.known += 1;
                let value_at = p.pos;
                let classes = p.classes(w)?;
                if classes.is_empty() {
                    if p.s.get(value_at..p.pos).is_some_and(|v| v.trim().is_empty()) {
                        empty(w);
                    } else {
                        w.approximation(path, format!("`{name}` at byte {start} lists no character; ignored"));
                    }
                } else {
                    let set = ClassSet::of(&classes);
                    if name == "allowed" {
                        rules.allowed = Some(rules.allowed.map_or(set, |a| a.union(set)));
                    } else if !rules.required.contains(&set) {
                        rules.required.push(set);
                    }
                }
            }
            _ => {
                let raw = p.skip_value()?;
                rules.unknown.push((name, raw.to_string()));
            }
        }
        p.ws();
        match p.peek() {
            None => break,
            Some(b';') => p.pos += 1,
            Some(_) => return Err(p.err(p.pos, format!("expected `;` or `,`, found {}", p.found(p.pos)))),
        }
    }
    Ok(rules)
}

// ---------------------------------------------------------------------------------------------
// Canonical mapping.

/// The canonical policy of parsed rules (see the module documentation for the mapping).
pub fn to_policy(rules: &Rules, path: &str, w: &mut Warnings) -> Policy {
    let mut p = new_policy(VENDOR);
    if rules.min_length.is_some() || rules.max_length.is_some() {
        p.length = Length { min: rules.min_length, max: rules.max_length, unit: LengthUnit::CodePoints };
    }
    p.max_repeat = rules.max_consecutive;
    let mut union = rules.allowed.unwrap_or(ClassSet::Ascii(Ascii::EMPTY));
    for set in &rules.required {
        union = union.union(*set);
        let classes = canonical_classes(*set);
        match classes.as_slice() {
            [one] => p.sets.push(SetMin { name: one.noun().map(str::to_string), chars: one.charset(), min: 1 }),
            [] => {}
            many => p.types.push(TypesRule {
                required: 1,
                of: many
                    .iter()
                    .map(|c| Requirement {
                        class: None,
                        chars: Some(c.charset()),
                        name: c.noun().map(str::to_string),
                        min: 1,
                    })
                    .collect(),
            }),
        }
    }
    if union == ClassSet::Ascii(Ascii::EMPTY) {
        w.defaulted(path, "`allowed: ascii-printable`");
        union = ClassSet::Ascii(Ascii::PRINTABLE);
    }
    p.allowed = charset_of(union);
    for (name, raw) in &rules.unknown {
        let key = join(path, name);
        if UNDEFINED_PROPERTIES.contains(&name.as_str()) {
            w.approximation(
                &key,
                format!("`{name}` is accepted by Apple's current parser but defined nowhere; kept under vendorExtras and not checked"),
            );
        } else {
            w.push(
                super::WarningCode::UnknownField,
                &key,
                format!("`{name}` is not a property of the passwordrules language; kept under vendorExtras"),
            );
        }
        match p.vendor_extras.get_mut(&key) {
            Some(Value::Array(list)) => list.push(Value::String(raw.clone())),
            Some(old) => *old = Value::Array(vec![old.clone(), Value::String(raw.clone())]),
            None => p.extra(key, Value::String(raw.clone())),
        }
    }
    p
}

/// Parses rules text into a canonical policy, with its warnings.
pub fn policy_from_text(text: &str, path: &str) -> Result<(Policy, Warnings)> {
    let mut w = Warnings::default();
    let rules = parse(text, path, &mut w)?;
    let p = to_policy(&rules, path, &mut w);
    Ok((p, w))
}

/// Whether text parses as rules with at least one known property.
fn is_rules(text: &str) -> bool {
    parse(text, TEXT_PATH, &mut Warnings::default()).is_ok_and(|r| r.known > 0)
}

/// Apple's quirks file: a non-empty object whose every value is an object with a `password-rules` string.
fn is_quirks_file(o: &Map<String, Value>) -> bool {
    !o.is_empty() && o.values().all(|v| v.get(KEY).is_some_and(Value::is_string))
}

/// Whether the document looks like this format.
pub fn detect(doc: &Document) -> bool {
    match doc {
        Document::Text(t) => is_rules(t),
        Document::Json(Value::String(s)) => is_rules(s),
        Document::Json(Value::Object(o)) => o.contains_key(KEY) || is_quirks_file(o),
        _ => false,
    }
}

/// One `{"password-rules": "…"}` object at `base`.
fn from_entry(v: &Value, base: &str) -> Result<Normalized> {
    let o = Obj::new(v, base)?;
    let path = o.path(KEY);
    let text = o.str(KEY)?.ok_or_else(|| PolicyError::field(&path, "missing: the rules are required"))?;
    let (mut p, mut w) = policy_from_text(text, &path)?;
    // Apple's domain-matching flag: not a password rule.
    o.keep("exact-domain-match-only", &mut p);
    o.finish(&mut p, &mut w);
    Ok(Normalized { vendor: VENDOR, policy: p, warnings: w.0 })
}

pub fn normalize(doc: &Document) -> Result<Vec<Normalized>> {
    let from_text = |t: &str| {
        policy_from_text(t, TEXT_PATH).map(|(policy, w)| vec![Normalized { vendor: VENDOR, policy, warnings: w.0 }])
    };
    match doc {
        Document::Text(t) => from_text(t),
        Document::Json(Value::String(s)) => from_text(s),
        Document::Json(v @ Value::Object(o)) if o.contains_key(KEY) => Ok(vec![from_entry(v, "")?]),
        Document::Json(Value::Object(o)) if is_quirks_file(o) => o
            .iter()
            .map(|(domain, v)| {
                let mut n = from_entry(v, domain)?;
                n.policy.source.id = Some(domain.clone());
                Ok(n)
            })
            .collect(),
        _ => Err(PolicyError::field(
            "$",
            "expected passwordrules text, a JSON string holding it, or an object with a `password-rules` key",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::CharSet;
    use crate::vendors::{normalize as normalize_text, parse_document};

    fn rules(text: &str) -> Rules {
        parse(text, TEXT_PATH, &mut Warnings::default()).unwrap()
    }

    fn policy(text: &str) -> Policy {
        policy_from_text(text, TEXT_PATH).unwrap().0
    }

    fn warnings(text: &str) -> Vec<crate::vendors::Warning> {
        policy_from_text(text, TEXT_PATH).unwrap().1 .0
    }

    fn custom(chars: &str) -> ClassSet {
        let mut a = Ascii::EMPTY;
        chars.chars().for_each(|c| a.insert(c));
        ClassSet::Ascii(a)
    }

    fn err(text: &str) -> PolicyError {
        parse(text, TEXT_PATH, &mut Warnings::default()).unwrap_err()
    }

    #[test]
    fn named_classes() {
        assert_eq!(Ascii::SPECIAL.len(), 33);
        assert_eq!(Ascii::PRINTABLE.len(), 95);
        assert_eq!(Ascii::UPPER.union(Ascii::LOWER).union(Ascii::DIGIT).union(Ascii::SPECIAL), Ascii::PRINTABLE);
        assert!(Ascii::SPECIAL.contains(' ') && Ascii::SPECIAL.contains('~') && !Ascii::SPECIAL.contains('a'));
        assert_eq!(Ascii::SPECIAL.runs(), vec![[32, 47], [58, 64], [91, 96], [123, 126]]);
    }

    #[test]
    fn aeon_brackets_and_semicolons_inside_a_class() {
        let r = rules(
            "minlength: 8; maxlength: 8; max-consecutive: 3; required: digit; required: upper,lower,[#$+./:=?@[^_|~]];",
        );
        assert_eq!(r.required.len(), 2);
        let ClassSet::Ascii(second) = r.required[1] else { panic!() };
        for c in "#$+./:=?@[^_|~]".chars() {
            assert!(second.contains(c), "{c}");
        }
        assert!(second.includes(Ascii::UPPER) && second.includes(Ascii::LOWER));
        assert_eq!(second.len(), 26 + 26 + 15);
        // admiral.com: `;` and `[` inside, `-` first, `]]` last.
        let r =
            rules("minlength: 8; required: digit; required: [- !\"#$&'()*+,.:;<=>?@[^_`{|}~]]; allowed: lower, upper;");
        assert_eq!(r.required[1], custom("- !\"#$&'()*+,.:;<=>?@[^_`{|}~]"));
        assert_eq!(r.allowed, Some(ClassSet::Ascii(Ascii::LOWER.union(Ascii::UPPER))));
    }

    #[test]
    fn closing_brackets_and_dashes() {
        assert_eq!(rules("required: []]").required, vec![custom("]")]);
        assert_eq!(rules("required: [ab]]").required, vec![custom("ab]")]);
        assert_eq!(rules("required: [-]").required, vec![custom("-")]);
        assert_eq!(rules("required: [-]]").required, vec![custom("-]")]);
        assert_eq!(rules("required: [-ab]").required, vec![custom("-ab")]);
        // `-` elsewhere is ignored, with a warning.
        let w = warnings("required: [a-z]");
        assert_eq!(policy("required: [a-z]").sets[0].chars.chars, "az");
        assert!(w.iter().any(|w| w.message.contains("`-`")), "{w:?}");
        // `]` in the middle ends the class; what follows is an error.
        let e = err("required: [a]b]");
        assert_eq!((e.code(), e.path()), ("invalid_field", Some("passwordrules")));
        assert!(e.message.contains("byte 13"), "{}", e.message);
        // `]]]`: the third `]` is garbage.
        assert!(err("required: [a]]]").message.contains("byte 14"));
        // An empty custom class is dropped.
        let n = policy("required: []; minlength: 4");
        assert!(n.sets.is_empty() && n.types.is_empty());
    }

    #[test]
    fn non_ascii_in_a_custom_class_is_ignored_with_a_warning() {
        let (p, w) = policy_from_text("required: [-äü!]", TEXT_PATH).unwrap();
        assert_eq!(p.sets[0].chars.chars, "!-");
        assert!(w.0.iter().any(|w| w.message.contains("äü")), "{:?}", w.0);
        // A class that only had such characters says nothing: it is dropped.
        let p = policy("required: [äü]; required: digit");
        assert_eq!(p.sets.len(), 1);
    }

    #[test]
    fn identifiers_are_case_insensitive() {
        assert_eq!(
            policy("MinLength: 8; REQUIRED: Lower, UPPER; Max-Consecutive: 2"),
            policy("minlength: 8; required: lower, upper; max-consecutive: 2")
        );
        assert_eq!(rules("allowed: ASCII-Printable").allowed, Some(ClassSet::Ascii(Ascii::PRINTABLE)));
    }

    #[test]
    fn duplicates() {
        let r = rules("minlength: 8; minlength: 12; minlength: 10; maxlength: 64; maxlength: 32; max-consecutive: 3; max-consecutive: 2; max-consecutive: 4");
        assert_eq!((r.min_length, r.max_length, r.max_consecutive), (Some(12), Some(32), Some(2)));
        // The same requirement twice is kept once; `allowed` values are united.
        let r = rules("required: digit; required: digit; allowed: lower; allowed: [!]");
        assert_eq!(r.required.len(), 1);
        assert_eq!(r.allowed, Some(custom("!").union(ClassSet::Ascii(Ascii::LOWER))));
    }

    #[test]
    fn whitespace_and_separators() {
        let a = policy("  minlength :  8 ;required:lower ,upper;;  allowed: digit  ");
        let b = policy("minlength: 8; required: lower, upper; allowed: digit;");
        assert_eq!(a, b);
        assert_eq!(policy("minlength: 8\n;\trequired: lower"), policy("minlength: 8; required: lower"));
    }

    #[test]
    fn unknown_property_is_a_warning() {
        let (p, w) = policy_from_text("minlength: 8; foo: bar [;x]; required: lower", TEXT_PATH).unwrap();
        assert_eq!(p.length.min, Some(8));
        assert_eq!(p.sets.len(), 1);
        assert_eq!(w.0.len(), 1);
        assert_eq!(w.0[0].code.as_str(), "unknown_field");
        assert_eq!(w.0[0].path, "passwordrules.foo");
        assert_eq!(p.vendor_extras.get("passwordrules.foo"), Some(&Value::String("bar [;x]".into())));
    }

    /// Apple's parser accepts `max-repeating` and `max-sequential` (`RuleName.MAX_REPEATING`,
    /// `MAX_SEQUENTIAL`) but nothing defines them: kept, not checked, and not an unknown property.
    #[test]
    fn properties_of_apples_parser_with_no_definition() {
        let (p, w) = policy_from_text("minlength: 8; max-repeating: 2; max-sequential: 3", TEXT_PATH).unwrap();
        assert_eq!(p.length.min, Some(8));
        assert_eq!(p.max_repeat, None);
        let got: Vec<(&str, &str)> = w.0.iter().map(|w| (w.code.as_str(), w.path.as_str())).collect();
        assert_eq!(
            got,
            [
                ("defaulted", "passwordrules"),
                ("approximation", "passwordrules.max-repeating"),
                ("approximation", "passwordrules.max-sequential")
            ]
        );
        assert_eq!(p.vendor_extras.get("passwordrules.max-sequential"), Some(&Value::String("3".into())));
    }

    #[test]
    fn malformed_is_an_invalid_field_error_with_the_byte_offset() {
        for (text, at) in [
            ("minlength 8", 10),
            ("minlength: eight", 11),
            ("minlength: 8 9", 13),
            ("required: vowel", 10),
            ("required: lower,", 16),
            ("required: lower upper", 16),
            ("required: [abc", 10),
            ("required: (abc)", 10),
            ("minlength: 99999999999", 11),
            ("8; minlength: 8", 0),
            ("minlength: 8; @", 14),
            ("length(8) and digits(1)", 6),
        ] {
            let e = err(text);
            assert_eq!(e.code(), "invalid_field", "{text}");
            assert_eq!(e.path(), Some("passwordrules"), "{text}");
            assert!(e.message.ends_with(&format!("at byte {at}")), "{text}: {}", e.message);
        }
        assert_eq!(err("  ").code(), "invalid_field");
    }

    #[test]
    fn zero_and_empty_values_are_ignored_with_a_warning() {
        let (p, w) =
            policy_from_text("minlength: 0; maxlength: ; max-consecutive: 0; required: ; required: digit", TEXT_PATH)
                .unwrap();
        assert_eq!(p.length, Length::default());
        assert_eq!(p.max_repeat, None);
        assert_eq!(p.sets.len(), 1);
        assert_eq!(w.0.len(), 4, "{:?}", w.0);
    }

    #[test]
    fn mapping() {
        let p = policy(
            "minlength: 8; maxlength: 63; required: lower; required: upper, digit; required: [!#]; max-consecutive: 2",
        );
        assert_eq!(p.length, Length { min: Some(8), max: Some(63), unit: LengthUnit::CodePoints });
        assert_eq!(p.max_repeat, Some(2));
        assert_eq!(
            p.sets[0],
            SetMin {
                name: Some("lowercase letter".into()),
                chars: CharSet { ranges: vec![[97, 122]], ..Default::default() },
                min: 1
            }
        );
        assert_eq!(p.sets[1], SetMin { name: None, chars: CharSet::chars("!#"), min: 1 });
        assert_eq!(p.types.len(), 1);
        assert_eq!(p.types[0].required, 1);
        let names: Vec<_> = p.types[0].of.iter().map(|r| r.name.clone().unwrap_or_default()).collect();
        assert_eq!(names, ["uppercase letter", "digit"]);
        // allowed = union of the required classes.
        assert_eq!(
            p.allowed,
            Some(CharSet { chars: "!#".into(), ranges: vec![[48, 57], [65, 90], [97, 122]], ..Default::default() })
        );
        // Neither allowed nor required: ascii-printable, with a `defaulted` warning.
        let (p, w) = policy_from_text("minlength: 6; maxlength: 16;", TEXT_PATH).unwrap();
        assert_eq!(p.allowed, Some(CharSet { ranges: vec![[32, 126]], ..Default::default() }));
        assert_eq!(w.0[0].code.as_str(), "defaulted");
        // unicode anywhere: no restriction.
        assert_eq!(policy("required: lower; allowed: unicode").allowed, None);
        assert_eq!(policy("required: unicode").sets[0].chars.ranges, vec![[0, 0x10FFFF]]);
        // A required list holding every printable character is ascii-printable.
        assert_eq!(
            policy("required: upper, lower, digit, special").sets[0].name.as_deref(),
            Some("ASCII printable character")
        );
        // A custom class holding a whole named class is canonicalized.
        assert_eq!(policy("required: [0123456789]"), policy("required: digit"));
    }

    #[test]
    fn json_forms() {
        let text = normalize_text("minlength: 8; required: lower", Some("passwordrules")).unwrap();
        let string = normalize_text("\"minlength: 8; required: lower\"", Some("passwordrules")).unwrap();
        assert_eq!(text[0].policy, string[0].policy);
        let obj = normalize_text(
            r#"{"password-rules": "minlength: 8; required: lower", "exact-domain-match-only": true, "x": 1}"#,
            None,
        )
        .unwrap();
        assert_eq!(obj[0].vendor, "passwordrules");
        assert_eq!(obj[0].policy.sets, text[0].policy.sets);
        assert_eq!(obj[0].policy.vendor_extras.get("exact-domain-match-only"), Some(&Value::Bool(true)));
        assert_eq!(obj[0].warnings.len(), 1);
        assert_eq!(obj[0].warnings[0].path, "x");
        let e = normalize_text(r#"{"password-rules": "minlength: x"}"#, None).unwrap_err();
        assert_eq!(e.path(), Some("password-rules"));
        assert!(e.message.contains("byte 11"));
        let e = normalize_text(r#"{"password-rules": 8}"#, None).unwrap_err();
        assert_eq!((e.code(), e.path()), ("invalid_field", Some("password-rules")));
        // The quirks file: one policy per domain.
        let many = normalize_text(
            r#"{"a.com": {"password-rules": "minlength: 8"}, "b.org": {"password-rules": "required: digit"}}"#,
            None,
        )
        .unwrap();
        assert_eq!(many.len(), 2);
        assert_eq!(many[1].policy.source.id.as_deref(), Some("b.org"));
        let e = normalize_text(
            r#"{"a.com": {"password-rules": "minlength: 8"}, "b.org": {"password-rules": "minlength: q"}}"#,
            None,
        )
        .unwrap_err();
        assert_eq!(e.path(), Some("b.org.password-rules"));
    }

    #[test]
    fn detection() {
        let yes = [
            "minlength: 8; required: lower; required: [-_!]; max-consecutive: 2",
            "MAXLENGTH: 12",
            "\"required: digit\"",
        ];
        for t in yes {
            assert!(detect(&parse_document(t).unwrap()), "{t}");
        }
        let no = [
            "length(8) and digits(1)",
            "length(12) and notUsername(undefined)",
            "foo: bar",
            "hello",
            "\"hello\"",
            "{\"minLength\": 8}",
            "[]",
            "42",
        ];
        for t in no {
            assert!(!detect(&parse_document(t).unwrap()), "{t}");
        }
        assert!(detect(&parse_document(r#"{"password-rules": "minlength: 8"}"#).unwrap()));
        assert_eq!(crate::vendors::detect_vendor("minlength: 8; required: lower").unwrap(), "passwordrules");
    }
}
