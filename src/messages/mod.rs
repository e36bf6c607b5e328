//! Localized messages: one catalog of templates per language, keyed by stable codes.
//!
//! - A **code** (`rule.length.min`, `class.lower`, `describe.expiry.maxAge`,
//!   `zxcvbn.warning.topTen`) never changes with the language.
//! - A **template** holds named placeholders (`{min}`, `{unit}`, `{list}`), filled by [`fill`].
//! - A code whose wording depends on a number has two catalog entries, `<code>.one` and
//!   `<code>.many`; the locale's plural rule picks one ([`Locale::plural`]: in French 0 and 1
//!   are singular, in English, German and Spanish only 1 is).
//! - Callers override any template by its code ([`Messages::overrides`]). For a plural code the
//!   override may name one form (`rule.history.reuse.one`) or the code itself (both forms).
//!   Placeholders in an override are filled like those of the catalog.
//!
//! Languages: English (`en`, the fallback), German (`de`), French (`fr`), Spanish (`es`). A tag
//! with a region (`de-CH`, `fr_FR`) falls back to its language; anything unknown to English.

#[cfg(feature = "locales")]
mod de;
mod en;
#[cfg(feature = "locales")]
mod es;
#[cfg(feature = "locales")]
mod fr;
pub(crate) mod phrases;

pub use phrases::LISTED_CHARS;

use std::collections::BTreeMap;
use std::fmt::{self, Display};

use serde::{Deserialize, Serialize};

/// A supported language.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", from = "String")]
pub enum Locale {
    #[default]
    En,
    De,
    Fr,
    Es,
}

/// The grammatical number a count takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PluralForm {
    One,
    Many,
}

impl PluralForm {
    /// The catalog suffix: `one` or `many`.
    pub fn suffix(self) -> &'static str {
        match self {
            PluralForm::One => "one",
            PluralForm::Many => "many",
        }
    }
}

impl Locale {
    pub const ALL: [Locale; 4] = [Locale::En, Locale::De, Locale::Fr, Locale::Es];

    /// The locale of a language tag: `de`, `de-CH`, `fr_FR`, `ES` → that language; anything
    /// else (including the empty string) → English.
    pub fn parse(tag: &str) -> Locale {
        let lang = tag.trim().split(['-', '_', '.', '@']).next().unwrap_or("").to_ascii_lowercase();
        match lang.as_str() {
            "de" => Locale::De,
            "fr" => Locale::Fr,
            "es" => Locale::Es,
            _ => Locale::En,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::De => "de",
            Locale::Fr => "fr",
            Locale::Es => "es",
        }
    }

    /// The plural form of `n` (CLDR cardinal rules, reduced to one/other): French treats any
    /// `n` in [0, 2) as singular ("0 caractère", "1,5 jour"); English, German and Spanish only
    /// exactly 1.
    pub fn plural(self, n: f64) -> PluralForm {
        let one = match self {
            Locale::Fr => (0.0..2.0).contains(&n),
            Locale::En | Locale::De | Locale::Es => n == 1.0,
        };
        if one {
            PluralForm::One
        } else {
            PluralForm::Many
        }
    }

    /// The decimal separator of the language.
    fn decimal_separator(self) -> char {
        match self {
            Locale::En => '.',
            Locale::De | Locale::Fr | Locale::Es => ',',
        }
    }

    /// Every template of this language, as (code, template).
    pub fn catalog(self) -> &'static [(&'static str, &'static str)] {
        #[cfg(feature = "locales")]
        match self {
            Locale::En => en::CATALOG,
            Locale::De => de::CATALOG,
            Locale::Fr => fr::CATALOG,
            Locale::Es => es::CATALOG,
        }
        // A build without the other languages (the rules-only wasm) speaks English.
        #[cfg(not(feature = "locales"))]
        en::CATALOG
    }
}

impl From<String> for Locale {
    fn from(tag: String) -> Self {
        Locale::parse(&tag)
    }
}

impl From<&str> for Locale {
    fn from(tag: &str) -> Self {
        Locale::parse(tag)
    }
}

impl Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Every catalog key (the English catalog's, which every language has too), plural forms
/// included (`rule.history.reuse.one`, `rule.history.reuse.many`).
pub fn codes() -> Vec<&'static str> {
    en::CATALOG.iter().map(|(code, _)| *code).collect()
}

/// Whether `key` names a template of the catalogue (the English one, which every language has):
/// an exact key, or a plural code that stands for both of its forms (`rule.repeat.max` for
/// `rule.repeat.max.one` and `rule.repeat.max.many`). What a `messages` override may name.
pub fn is_code(key: &str) -> bool {
    en::CATALOG
        .iter()
        .any(|(code, _)| *code == key || code.strip_prefix(key).is_some_and(|form| form == ".one" || form == ".many"))
}

/// The language and the caller's overrides, by code. `Messages::default()` is plain English.
///
/// Deserializes from `{ "locale": "de-CH", "messages": { "rule.length.min": "…" } }` (both
/// optional; other fields are ignored), the shape of the JavaScript options.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(from = "MessagesOptions")]
pub struct Messages {
    pub locale: Locale,
    /// Templates replacing the catalog's, by code.
    pub overrides: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MessagesOptions {
    #[serde(default)]
    locale: Option<String>,
    #[serde(default)]
    messages: BTreeMap<String, String>,
}

impl From<MessagesOptions> for Messages {
    fn from(o: MessagesOptions) -> Self {
        Messages { locale: Locale::parse(o.locale.as_deref().unwrap_or("")), overrides: o.messages }
    }
}

impl Messages {
    /// The messages of a language tag (`de-CH` → German; unknown → English), no overrides.
    pub fn new(locale: &str) -> Messages {
        Messages { locale: Locale::parse(locale), overrides: BTreeMap::new() }
    }

    /// The messages of a language tag with the caller's overrides by code.
    pub fn with_overrides(locale: &str, overrides: BTreeMap<String, String>) -> Messages {
        Messages { locale: Locale::parse(locale), overrides }
    }

    /// English, no overrides.
    pub fn english() -> Messages {
        Messages::default()
    }

    pub fn locale(&self) -> Locale {
        self.locale
    }

    /// The template of an exact catalog key: the caller's override, else the language's entry,
    /// else the English entry.
    pub fn template(&self, key: &str) -> Option<&str> {
        if let Some(t) = self.overrides.get(key) {
            return Some(t.as_str());
        }
        lookup(self.locale.catalog(), key).or_else(|| lookup(en::CATALOG, key))
    }

    /// The text of `code` with its placeholders filled. An unknown code gives the code itself.
    pub fn text(&self, code: &str, args: &[(&str, &dyn Display)]) -> String {
        fill(self.template(code).unwrap_or(code), args)
    }

    /// The text of a plural code for the count `n`: the override of `<code>.one`/`<code>.many`,
    /// else the override of `<code>`, else the catalog's form. Placeholders are filled from
    /// `args` (which should hold the count under the name the template uses).
    pub fn plural(&self, code: &str, n: f64, args: &[(&str, &dyn Display)]) -> String {
        self.form(code, self.locale.plural(n), args)
    }

    /// The text of one form of a plural code, whatever the count (lists of class nouns use the
    /// `many` form).
    pub fn form(&self, code: &str, form: PluralForm, args: &[(&str, &dyn Display)]) -> String {
        let key = format!("{code}.{}", form.suffix());
        let template = match self.overrides.get(&key).or_else(|| self.overrides.get(code)) {
            Some(t) => Some(t.as_str()),
            None => lookup(self.locale.catalog(), &key).or_else(|| lookup(en::CATALOG, &key)),
        };
        fill(template.unwrap_or(code), args)
    }

    /// A countable noun (`class.lower`, `unit.character`) in the number `n` asks for.
    pub fn noun(&self, code: &str, n: f64) -> String {
        self.plural(code, n, &[])
    }

    /// A number as the language writes it (decimal comma in German, French and Spanish).
    pub fn number(&self, n: f64) -> String {
        format_number(n, self.locale)
    }

    /// Override keys that name no catalog code (neither an exact key nor a plural code).
    pub fn unknown_overrides(&self) -> Vec<&str> {
        self.overrides.keys().map(String::as_str).filter(|k| !is_code(k)).collect()
    }
}

fn lookup(catalog: &'static [(&'static str, &'static str)], key: &str) -> Option<&'static str> {
    catalog.iter().find(|(code, _)| *code == key).map(|(_, t)| *t)
}

/// A number without needless decimals: `90`, `1.5` (`1,5` outside English).
pub(crate) fn format_number(n: f64, locale: Locale) -> String {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 1e15 {
        return format!("{}", n as i64);
    }
    if !n.is_finite() {
        return if n.is_nan() {
            "NaN"
        } else if n > 0.0 {
            "inf"
        } else {
            "-inf"
        }
        .to_string();
    }
    // Three decimals at most, trailing zeros cut; written by hand: float formatting (`{:.3}`)
    // would link core's float printing into every wasm, 17 KB.
    let thousandths = (n.abs() * 1000.0).round();
    if thousandths >= 1e18 {
        return format!("{}{}", if n < 0.0 { "-" } else { "" }, (n.abs().round()) as u64);
    }
    let t = thousandths as u64;
    let (whole, frac) = (t / 1000, t % 1000);
    let sign = if n < 0.0 && t != 0 { "-" } else { "" };
    if frac == 0 {
        return format!("{sign}{whole}");
    }
    let digits = format!("{frac:03}");
    format!("{sign}{whole}{}{}", locale.decimal_separator(), digits.trim_end_matches('0'))
}

/// Fills `{name}` placeholders of a template from `args`, in one pass (values are never
/// re-scanned, so a value holding `{` is safe). Numbers given as `f64`/`u32` are written with
/// `Display`; an unknown placeholder or a lone brace is kept as written.
pub fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len().min(MAX_TEXT_BYTES) + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        if out.len() > MAX_TEXT_BYTES {
            // A template that repeats a placeholder many times: stop filling, cut below.
            rest = "";
            break;
        }
        out.push_str(rest.get(..open).unwrap_or(""));
        let after = rest.get(open + 1..).unwrap_or("");
        let name_len = after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(after.len());
        let name = after.get(..name_len).unwrap_or("");
        let closed = after.get(name_len..).is_some_and(|s| s.starts_with('}'));
        match args.iter().find(|(n, _)| *n == name).filter(|_| closed && !name.is_empty()) {
            Some((_, value)) => {
                out.push_str(&value.to_string());
                rest = after.get(name_len + 1..).unwrap_or("");
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    crate::error::bounded(out, MAX_TEXT_BYTES)
}

/// The longest text a message, label or sentence may have, in UTF-8 bytes: beyond it the text is
/// cut on a character boundary and ends in `…`. (A `messages` override such as
/// `'{allowed}'.repeat(60000)` would otherwise multiply a long value into gigabytes.)
pub const MAX_TEXT_BYTES: usize = 4096;

/// The placeholder names of a template, sorted and deduplicated.
pub fn placeholders(template: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = rest.get(open + 1..).unwrap_or("");
        let name_len = after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(after.len());
        if name_len > 0 && after.get(name_len..).is_some_and(|s| s.starts_with('}')) {
            out.push(after.get(..name_len).unwrap_or("").to_string());
        }
        rest = after;
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_tags_fall_back() {
        assert_eq!(Locale::parse("de"), Locale::De);
        assert_eq!(Locale::parse("de-AT"), Locale::De);
        assert_eq!(Locale::parse("de-CH"), Locale::De);
        assert_eq!(Locale::parse("fr_FR"), Locale::Fr);
        assert_eq!(Locale::parse("ES-mx"), Locale::Es);
        assert_eq!(Locale::parse("fr_CA.UTF-8"), Locale::Fr);
        assert_eq!(Locale::parse("xx"), Locale::En);
        assert_eq!(Locale::parse(""), Locale::En);
        assert_eq!(Locale::parse("deu"), Locale::En);
        assert_eq!(Messages::new("de-AT").text("rule.dictionary.common", &[]), "Kein häufig verwendetes Passwort");
        assert_eq!(Messages::new("xx").text("rule.dictionary.common", &[]), "Not a commonly used password");
    }

    #[test]
    fn every_code_in_every_language_with_the_same_placeholders() {
        let en: Vec<&str> = codes();
        let mut sorted = en.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), en.len(), "a code appears twice in the English catalog");
        for locale in Locale::ALL {
            let cat = locale.catalog();
            let mut keys: Vec<&str> = cat.iter().map(|(k, _)| *k).collect();
            keys.sort();
            let len = keys.len();
            keys.dedup();
            assert_eq!(keys.len(), len, "{locale}: a code appears twice");
            let missing: Vec<&&str> = sorted.iter().filter(|k| !keys.contains(k)).collect();
            let extra: Vec<&&str> = keys.iter().filter(|k| !sorted.contains(k)).collect();
            assert!(missing.is_empty(), "{locale} lacks {missing:?}");
            assert!(extra.is_empty(), "{locale} has codes English lacks: {extra:?}");
            for (code, template) in cat {
                let english = lookup(en::CATALOG, code).unwrap_or("");
                assert_eq!(placeholders(template), placeholders(english), "{locale} {code}: {template:?}");
                assert!(!template.trim().is_empty(), "{locale} {code} is empty");
                // The same text as English only where the words are the same.
                let same = ["label.count", "duration.minute.one", "duration.minute.many"];
                if locale != Locale::En && !same.contains(code) {
                    assert_ne!(*template, english, "{locale} {code} is not translated");
                }
            }
            // A plural code has both forms.
            for code in &sorted {
                if let Some(base) = code.strip_suffix(".one") {
                    assert!(sorted.contains(&format!("{base}.many").as_str()), "{code} without .many");
                }
                if let Some(base) = code.strip_suffix(".many") {
                    assert!(sorted.contains(&format!("{base}.one").as_str()), "{code} without .one");
                }
            }
        }
    }

    #[test]
    fn fills_placeholders_once() {
        assert_eq!(fill("At least {min} {unit}", &[("min", &8), ("unit", &"characters")]), "At least 8 characters");
        // Values are not re-scanned; unknown placeholders and lone braces stay.
        assert_eq!(fill("{a} {b} {", &[("a", &"{b}")]), "{b} {b} {");
        assert_eq!(fill("{}{x", &[("x", &1)]), "{}{x");
        assert_eq!(fill("é{n}ü", &[("n", &3)]), "é3ü");
        assert_eq!(placeholders("{min} of {list} {min} {} {x"), vec!["list", "min"]);
    }

    #[test]
    fn plural_rules() {
        let fr = Messages::new("fr");
        assert_eq!(fr.noun("unit.character", 0.0), "caractère");
        assert_eq!(fr.noun("unit.character", 1.0), "caractère");
        assert_eq!(fr.noun("unit.character", 1.5), "caractère");
        assert_eq!(fr.noun("unit.character", 2.0), "caractères");
        let en = Messages::english();
        assert_eq!(en.noun("unit.character", 0.0), "characters");
        assert_eq!(en.noun("unit.character", 1.0), "character");
        assert_eq!(en.noun("unit.character", 2.0), "characters");
        let de = Messages::new("de");
        assert_eq!(de.noun("class.lower", 1.0), "Kleinbuchstabe");
        assert_eq!(de.noun("class.lower", 0.0), "Kleinbuchstaben");
        let es = Messages::new("es");
        assert_eq!(es.noun("unit.character", 1.0), "carácter");
        assert_eq!(es.noun("unit.character", 0.0), "caracteres");
        assert_eq!(
            es.plural("describe.lockout.threshold", 1.0, &[("count", &1)]),
            "Cuenta bloqueada tras 1 intento fallido"
        );
        assert_eq!(
            fr.plural("describe.lockout.threshold", 0.0, &[("count", &0)]),
            "Compte verrouillé après 0 tentative échouée"
        );
        assert_eq!(
            fr.plural("describe.lockout.threshold", 5.0, &[("count", &5)]),
            "Compte verrouillé après 5 tentatives échouées"
        );
        assert_eq!(en.number(1.5), "1.5");
        assert_eq!(fr.number(1.5), "1,5");
        assert_eq!(de.number(90.0), "90");
    }

    #[test]
    fn overrides_by_code() {
        let mut o = BTreeMap::new();
        o.insert("rule.length.min".to_string(), "Mindestlänge: {min} {unit}!".to_string());
        o.insert("rule.history.reuse".to_string(), "Pas les {count} derniers".to_string());
        o.insert("class.digit.one".to_string(), "Zahl".to_string());
        o.insert("no.such.code".to_string(), "x".to_string());
        let m = Messages::with_overrides("de", o);
        assert_eq!(m.text("rule.length.min", &[("min", &8), ("unit", &"Zeichen")]), "Mindestlänge: 8 Zeichen!");
        // The bare code overrides both plural forms; a form overrides only itself.
        assert_eq!(m.plural("rule.history.reuse", 1.0, &[("count", &1)]), "Pas les 1 derniers");
        assert_eq!(m.plural("rule.history.reuse", 3.0, &[("count", &3)]), "Pas les 3 derniers");
        assert_eq!(m.noun("class.digit", 1.0), "Zahl");
        assert_eq!(m.noun("class.digit", 2.0), "Ziffern");
        assert_eq!(m.unknown_overrides(), vec!["no.such.code"]);
        // An unknown code renders as itself rather than failing.
        assert_eq!(m.text("nope", &[]), "nope");
    }

    #[test]
    fn deserializes_from_options() {
        let m: Messages = serde_json::from_str(
            r#"{"locale": "fr-CA", "messages": {"rule.dictionary.common": "Trop courant"}, "other": 1}"#,
        )
        .unwrap_or_default();
        assert_eq!(m.locale, Locale::Fr);
        assert_eq!(m.text("rule.dictionary.common", &[]), "Trop courant");
        let m: Messages = serde_json::from_str("{}").unwrap_or_else(|_| Messages::new("de"));
        assert_eq!(m, Messages::english());
        let l: Locale = serde_json::from_str(r#""es_ES""#).unwrap_or_default();
        assert_eq!(l, Locale::Es);
        assert_eq!(serde_json::to_string(&Locale::De).unwrap_or_default(), r#""de""#);
    }
}
