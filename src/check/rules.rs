//! The compiled checker: every rule of a canonical policy, evaluated in one pass over the
//! password's grapheme clusters plus the lookups.

use unicode_segmentation::UnicodeSegmentation;

use super::context::{email_tokens, tokens, Context};
use super::report::{Analyzed, LengthCounts, Report, RuleResult, Status};
use super::{common, strength};
use crate::error::Result;
use crate::messages::phrases::{self, ContextField};
use crate::messages::Messages;
use crate::policy::{kind_of_grapheme, validate, CharClass, CharSet, ContextCheck, Kind, LengthUnit, MatchMode, Policy};

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
    /// The language of the messages, and the caller's overrides.
    messages: Messages,
    /// Messages of each custom set rule and N-of-M rule, and of the allowed/forbidden rule.
    set_messages: Vec<String>,
    types_messages: Vec<String>,
    allowed_message: String,
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

impl Checker {
    /// Validates and compiles a policy; messages in English.
    pub fn compile(policy: &Policy) -> Result<Checker> {
        Checker::compile_with(policy, Messages::default())
    }

    /// Validates and compiles a policy; messages (rules, strength feedback) in the language of
    /// `messages`, with its overrides. Rule ids and feedback codes do not change.
    pub fn compile_with(policy: &Policy, messages: Messages) -> Result<Checker> {
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
        let m = &messages;
        let set_messages = policy.sets.iter().map(|s| phrases::set_min(m, s).1).collect();
        let types_messages = policy.types.iter().map(|t| phrases::types(m, t, policy.symbols.as_ref())).collect();
        let allowed_message =
            phrases::allowed(m, policy.allowed.as_ref(), policy.forbidden.as_ref()).map(|(_, text)| text).unwrap_or_default();
        Ok(Checker { policy: policy.clone(), words, messages, set_messages, types_messages, allowed_message })
    }

    /// The messages the checker speaks.
    pub fn messages(&self) -> &Messages {
        &self.messages
    }

    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// Every rule and the strength estimate.
    pub fn check(&self, password: &str, ctx: &Context) -> Report {
        let mut report = self.check_rules(password, ctx);
        let s = strength::estimate_with(password, &ctx.user_inputs(), &self.messages);
        if let Some(min) = self.policy.min_strength {
            let pass = s.score >= min;
            let r = RuleResult {
                id: "strength.min",
                status: if pass { Status::Pass } else { Status::Fail },
                message: self.messages.text(
                    "rule.strength.min",
                    &[("min", &min), ("label", &phrases::score_label(&self.messages, min))],
                ),
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

        let m = &self.messages;
        let unit_len = match p.length.unit {
            LengthUnit::Graphemes => length.graphemes,
            LengthUnit::CodePoints => length.code_points,
            LengthUnit::Utf16 => length.utf16,
        };
        if let Some(min) = p.length.min.filter(|m| *m > 0) {
            let msg = phrases::length(m, false, min, p.length.unit).1;
            rule("length.min", Some(unit_len >= min), msg, Some(min), Some(unit_len), None);
        }
        if let Some(max) = p.length.max {
            let pass = unit_len <= max && (complete || p.length.unit != LengthUnit::Graphemes);
            rule("length.max", Some(pass), phrases::length(m, true, max, p.length.unit).1, Some(max), Some(unit_len), None);
        }
        for c in &p.classes {
            let have = class_count(&scan, c.class);
            let msg = phrases::class_min(m, c.class, c.min, p.symbols.as_ref()).1;
            rule(phrases::class_rule_id(c.class), Some(have >= c.min), msg, Some(c.min), Some(have), None);
        }
        for (i, s) in p.sets.iter().enumerate() {
            let have = scan.set_counts.get(i).copied().unwrap_or(0);
            let msg = self.set_messages.get(i).cloned().unwrap_or_default();
            rule("chars.set", Some(have >= s.min), msg, Some(s.min), Some(have), Some(i as u32));
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
            let msg = self.types_messages.get(i).cloned().unwrap_or_default();
            rule("chars.types", Some(met >= t.required), msg, Some(t.required), Some(met), Some(i as u32));
        }
        if p.allowed.is_some() || p.forbidden.is_some() {
            rule("chars.allowed", Some(scan.disallowed == 0), self.allowed_message.clone(), Some(0), Some(scan.disallowed), None);
        }
        if let Some(max) = p.max_repeat {
            rule(
                "repeat.max",
                Some(scan.longest_run <= max),
                phrases::repeat(m, max),
                Some(max),
                Some(scan.longest_run),
                None,
            );
        }

        let lower = analysed.to_lowercase();
        if p.dictionary.common {
            rule("dictionary.common", Some(!common::contains(&lower)), m.text("rule.dictionary.common", &[]), None, None, None);
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
            let msg = m.text(phrases::dictionary_code(false, custom.match_mode), &[]);
            rule("dictionary.custom", any.then_some(found == 0), msg, None, any.then_some(found), None);
        }
        let c = &p.context;
        type Field<'a> = (&'static str, &'a Option<ContextCheck>, &'a Option<String>, ContextField, bool);
        let fields: [Field; 4] = [
            ("context.username", &c.username, &ctx.username, ContextField::Username, false),
            ("context.email", &c.email, &ctx.email, ContextField::Email, true),
            ("context.accountId", &c.account_id, &ctx.account_id, ContextField::AccountId, false),
            ("context.accountName", &c.account_name, &ctx.account_name, ContextField::AccountName, false),
        ];
        for (id, check, value, what, is_email) in fields {
            let Some(check) = check else { continue };
            let value = value.as_deref().filter(|v| !v.trim().is_empty());
            let pass = value.map(|v| {
                let toks = if is_email { email_tokens(v, check.min_token_length) } else { tokens(v, check.min_token_length) };
                !toks.iter().any(|t| matches(&lower, t, check.match_mode))
            });
            rule(id, pass, m.text(phrases::context_code(what, false, check.match_mode), &[]), None, None, None);
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
            let base = m.text(phrases::context_code(ContextField::Attributes, false, a.match_mode), &[]);
            let msg = if hits.is_empty() { base } else { format!("{base} ({})", hits.join(", ")) };
            rule("context.attribute", (!values.is_empty()).then_some(hits.is_empty()), msg, None, Some(hits.len() as u32), None);
        }
        if let Some(h) = p.history.as_ref().filter(|h| h.enforced && h.count > 0) {
            let recent: Vec<&String> = ctx.previous_passwords.iter().take(h.count as usize).collect();
            let pass = (!recent.is_empty()).then(|| !recent.iter().any(|prev| prev.as_str() == password));
            rule(
                "history.reuse",
                pass,
                m.plural("rule.history.reuse", f64::from(h.count), &[("count", &h.count)]),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Messages;
    use crate::policy::{ClassMin, History, Requirement, SetMin, TypesRule};
    use std::collections::BTreeMap;

    fn meraki_like() -> Policy {
        let mut p = Policy::default();
        p.length.min = Some(8);
        p.types = vec![TypesRule {
            required: 3,
            of: vec![
                Requirement::class(CharClass::Lower, 1),
                Requirement::class(CharClass::Upper, 1),
                Requirement::class(CharClass::Digit, 1),
                Requirement::class(CharClass::Symbol, 1),
            ],
        }];
        p.max_repeat = Some(2);
        p.dictionary.common = true;
        p.history = Some(History { count: 3, enforced: true });
        p.min_strength = Some(3);
        p
    }

    fn messages(r: &Report) -> Vec<(&'static str, &str)> {
        r.rules.iter().map(|r| (r.id, r.message.as_str())).collect()
    }

    fn ctx() -> Context {
        Context { previous_passwords: vec!["old".into()], ..Default::default() }
    }

    #[test]
    fn english_by_default() {
        let r = Checker::compile(&meraki_like()).unwrap().check("password", &ctx());
        assert_eq!(
            messages(&r),
            [
                ("length.min", "At least 8 characters"),
                ("chars.types", "At least 3 of: lowercase letter, uppercase letter, digit, symbol"),
                ("repeat.max", "No character more than 2 times in a row"),
                ("dictionary.common", "Not a commonly used password"),
                ("history.reuse", "Not one of your last 3 passwords"),
                ("strength.min", "Strength at least 3 of 4 (safely unguessable)"),
            ]
        );
        assert_eq!(r.strength.unwrap().warning.unwrap().message, "This is a top-10 common password.");
    }

    #[test]
    fn localized_reports_keep_ids_and_codes() {
        let en = Checker::compile(&meraki_like()).unwrap().check("password", &ctx());
        let de = Checker::compile_with(&meraki_like(), Messages::new("de-AT")).unwrap().check("password", &ctx());
        assert_eq!(
            messages(&de),
            [
                ("length.min", "Mindestens 8 Zeichen"),
                ("chars.types", "Mindestens 3 von: Kleinbuchstabe, Großbuchstabe, Ziffer, Sonderzeichen"),
                ("repeat.max", "Kein Zeichen mehr als 2-mal hintereinander"),
                ("dictionary.common", "Kein häufig verwendetes Passwort"),
                ("history.reuse", "Keines Ihrer letzten 3 Passwörter"),
                ("strength.min", "Stärke mindestens 3 von 4 (schwer zu erraten)"),
            ]
        );
        let s = de.strength.as_ref().unwrap();
        assert_eq!(s.warning.as_ref().map(|w| (w.code, w.message.as_str())), Some(("topTen", "Dies ist eines der 10 häufigsten Passwörter.")));
        let fr = Checker::compile_with(&meraki_like(), Messages::new("fr")).unwrap().check("password", &ctx());
        assert_eq!(fr.rules[0].message, "Au moins 8 caractères");
        assert_eq!(fr.rules[2].message, "Aucun caractère plus de 2 fois de suite");
        assert_eq!(fr.rules[4].message, "Aucun de vos 3 derniers mots de passe");
        let es = Checker::compile_with(&meraki_like(), Messages::new("es")).unwrap().check("password", &ctx());
        assert_eq!(es.rules[0].message, "Al menos 8 caracteres");
        assert_eq!(es.rules[1].message, "Al menos 3 de: letra minúscula, letra mayúscula, dígito, símbolo");
        assert_eq!(es.rules[5].message, "Seguridad de al menos 3 de 4 (difícil de adivinar)");
        // Everything but the words is the same.
        for other in [&de, &fr, &es] {
            let shape = |r: &Report| r.rules.iter().map(|x| (x.id, x.status, x.required, x.actual, x.index)).collect::<Vec<_>>();
            assert_eq!(shape(other), shape(&en));
            assert_eq!(other.ok, en.ok);
            let codes = |r: &Report| r.strength.as_ref().map(|s| s.suggestions.iter().map(|f| f.code).collect::<Vec<_>>());
            assert_eq!(codes(other), codes(&en));
        }
        // Unknown locales are English.
        let xx = Checker::compile_with(&meraki_like(), Messages::new("xx")).unwrap().check("password", &ctx());
        assert_eq!(xx, en);
    }

    #[test]
    fn every_rule_message_in_every_language() {
        let mut p = meraki_like();
        p.length.max = Some(1);
        p.length.unit = LengthUnit::Utf16;
        p.classes = vec![ClassMin { class: CharClass::Symbol, min: 1 }, ClassMin { class: CharClass::Letter, min: 2 }];
        p.symbols = Some(CharSet::chars("#$ "));
        p.sets = vec![
            SetMin { name: None, chars: CharSet::chars("-_"), min: 1 },
            SetMin { name: Some("special".into()), chars: CharSet::chars("#"), min: 2 },
        ];
        p.types = vec![];
        p.length.max = None;
        p.forbidden = Some(CharSet::chars(":"));
        p.allowed = Some(CharSet { classes: vec![CharClass::Letter], chars: "#$ -_".into(), ranges: vec![] });
        p.dictionary.custom = Some(Default::default());
        p.context.username = Some(Default::default());
        p.context.email = Some(Default::default());
        p.context.account_id = Some(Default::default());
        p.context.account_name = Some(Default::default());
        p.context.attributes = Some(Default::default());
        let full = Context {
            username: Some("ann".into()),
            email: Some("ann@example.com".into()),
            account_id: Some("a-1".into()),
            account_name: Some("acme".into()),
            attributes: [("city".to_string(), "Oslo".to_string())].into_iter().collect(),
            previous_passwords: vec!["x".into()],
            dictionary: vec!["word".into()],
        };
        let en = Checker::compile(&p).unwrap().check("oslo-Ann", &full);
        assert_eq!(
            messages(&en),
            [
                ("length.min", "At least 8 UTF-16 units"),
                ("chars.symbol", "At least 1 symbol (#$, space)"),
                ("chars.letter", "At least 2 letters"),
                ("chars.set", "At least 1 character from: -_"),
                ("chars.set", "At least 2 × special (#)"),
                ("chars.allowed", "Only characters from: letters, #$-_, space; none of these: :"),
                ("repeat.max", "No character more than 2 times in a row"),
                ("dictionary.common", "Not a commonly used password"),
                ("dictionary.custom", "Does not contain a dictionary word"),
                ("context.username", "Does not contain your username"),
                ("context.email", "Does not contain your e-mail address"),
                ("context.accountId", "Does not contain your account ID"),
                ("context.accountName", "Does not contain your account name"),
                ("context.attribute", "Does not contain your personal details (city)"),
                ("history.reuse", "Not one of your last 3 passwords"),
                ("strength.min", "Strength at least 3 of 4 (safely unguessable)"),
            ]
        );
        for tag in ["de", "fr", "es"] {
            let r = Checker::compile_with(&p, Messages::new(tag)).unwrap().check("oslo-Ann", &full);
            assert_eq!(r.rules.len(), en.rules.len());
            for (a, b) in r.rules.iter().zip(&en.rules) {
                assert_eq!(a.id, b.id);
                assert_ne!(a.message, b.message, "{tag} {} is English", a.id);
                for bad in ["rule.", "class.", "unit.", "label.", "set.", "{", "}"] {
                    assert!(!a.message.contains(bad), "{tag}: {}", a.message);
                }
            }
        }
        let de = Checker::compile_with(&p, Messages::new("de")).unwrap().check("oslo-Ann", &full);
        assert_eq!(de.rules[0].message, "Mindestens 8 UTF-16-Einheiten");
        assert_eq!(de.rules[1].message, "Mindestens 1 Sonderzeichen (#$, Leerzeichen)");
        assert_eq!(de.rules[5].message, "Nur Zeichen aus: Buchstaben, #$-_, Leerzeichen; keines dieser Zeichen: :");
        assert_eq!(de.rules[13].message, "Enthält keine persönlichen Angaben (city)");
        let fr = Checker::compile_with(&p, Messages::new("fr")).unwrap().check("oslo-Ann", &full);
        assert_eq!(fr.rules[3].message, "Au moins 1 caractère parmi\u{a0}: -_");
        assert_eq!(fr.rules[10].message, "Ne contient pas votre adresse e-mail");
        let es = Checker::compile_with(&p, Messages::new("es")).unwrap().check("oslo-Ann", &full);
        assert_eq!(es.rules[2].message, "Al menos 2 letras");
        assert_eq!(es.rules[9].message, "No contiene tu nombre de usuario");
    }

    #[test]
    fn singular_forms() {
        let mut p = Policy::default();
        p.length.min = Some(1);
        p.classes = vec![ClassMin { class: CharClass::Digit, min: 1 }];
        p.max_repeat = Some(1);
        p.history = Some(History { count: 1, enforced: true });
        let r = Checker::compile(&p).unwrap().check_rules("a", &ctx());
        assert_eq!(
            messages(&r),
            [
                ("length.min", "At least 1 character"),
                ("chars.digit", "At least 1 digit"),
                ("repeat.max", "No character twice in a row"),
                ("history.reuse", "Not your last password"),
            ]
        );
        let r = Checker::compile_with(&p, Messages::new("es")).unwrap().check_rules("a", &ctx());
        assert_eq!(r.rules[0].message, "Al menos 1 carácter");
        assert_eq!(r.rules[3].message, "No es tu última contraseña");
    }

    #[test]
    fn overrides_by_code_in_reports() {
        let mut o = BTreeMap::new();
        o.insert("rule.length.min".to_string(), "Use {min} or more {unit}".to_string());
        o.insert("unit.character.many".to_string(), "chars".to_string());
        o.insert("strength.score.3".to_string(), "good".to_string());
        o.insert("zxcvbn.warning.topTen".to_string(), "Too famous.".to_string());
        let r = Checker::compile_with(&meraki_like(), Messages::with_overrides("en", o)).unwrap().check("password", &ctx());
        assert_eq!(r.rules[0].message, "Use 8 or more chars");
        assert_eq!(r.rules[5].message, "Strength at least 3 of 4 (good)");
        assert_eq!(r.strength.unwrap().warning.map(|w| (w.code, w.message)), Some(("topTen", "Too famous.".to_string())));
    }
}
