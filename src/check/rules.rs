//! The compiled checker: every rule of a canonical policy, evaluated in one pass over the
//! password's grapheme clusters plus the lookups.

use std::collections::BTreeSet;

use unicode_segmentation::UnicodeSegmentation;

use super::context::{any_email_token_split, any_token_split, Context};
use super::report::{Analyzed, LengthCounts, Report, RuleResult, Status};
use super::{banned, common, sequence, strength};
use crate::error::{PolicyError, Result};
use crate::estimate::Languages;
use crate::messages::phrases::{self, ContextField};
use crate::messages::Messages;
use crate::policy::{substitute, validate, CharClass, CharSet, ContextCheck, Kind, LengthUnit, MatchMode, Policy};

/// The rules judge at most this many leading code points of a password; beyond it the report
/// says `analyzed.complete: false`. The length counts in code points and UTF-16 units are exact
/// whatever the length.
pub const ANALYSIS_LIMIT_CODE_POINTS: usize = 4096;

/// A password as the checker sees it: the whole text, or only the head of a long one with the
/// lengths of the whole (so that a caller holding a megabyte-long string outside Rust, such as
/// the JavaScript bindings, need not copy it all).
#[derive(Debug, Clone, Copy)]
pub struct Password<'a> {
    text: &'a str,
    code_points: usize,
    utf16: usize,
    whole: bool,
}

impl<'a> Password<'a> {
    /// The whole password.
    pub fn whole(text: &'a str) -> Password<'a> {
        Password {
            text,
            code_points: text.chars().count(),
            utf16: text.chars().map(char::len_utf16).sum(),
            whole: true,
        }
    }

    /// The first code points of a password of `code_points` code points and `utf16` UTF-16
    /// units. `head` must hold more than [`ANALYSIS_LIMIT_CODE_POINTS`] code points (or be the
    /// whole password): the rules and the estimator see no further. Lengths below the head's
    /// own are raised to them. The history rule compares only a whole password, so pass the
    /// whole when a previous password is as long as this one.
    pub fn head(head: &'a str, code_points: usize, utf16: usize) -> Password<'a> {
        let own = Password::whole(head);
        let whole = utf16 <= own.utf16;
        Password { text: head, code_points: code_points.max(own.code_points), utf16: utf16.max(own.utf16), whole }
    }
}

/// `languages` when every chosen language is loaded: no language is an `invalid_field` error, a
/// pack not loaded a `not_ready` error, both at `languages`.
pub fn ready_languages(languages: Languages) -> Result<Languages> {
    if languages.iter().next().is_none() {
        return Err(PolicyError::field("languages", "choose at least one language"));
    }
    if let Some(l) = languages.missing() {
        return Err(PolicyError::new(
            crate::error::ErrorCode::NotReady,
            Some("languages".into()),
            format!("the language pack '{}' is not loaded (await loadLanguage('{}') first)", l.code(), l.code()),
        ));
    }
    Ok(languages)
}

/// The common-password rule over `langs` (which fold): whether `lower` passes, None while the
/// English list is chosen and not loaded. Rejected: `lower` or its folded form on zxcvbn's English
/// list (when chosen), the folded form on a chosen pack's passwords.
fn common_in_languages(lower: &str, langs: Languages) -> Option<bool> {
    let folded = crate::estimate::fold(lower);
    let english = langs.english() && (common::contains(lower) || common::contains(&folded));
    (!langs.english() || common::loaded()).then(|| !english && !langs.packs().any(|p| p.is_common_password(&folded)))
}

/// A policy compiled for checking.
#[derive(Debug, Clone)]
pub struct Checker {
    policy: Policy,
    /// Policy dictionary words, lower-cased, filtered by the minimum word length.
    words: Vec<String>,
    /// The language of the messages, and the caller's overrides.
    messages: Messages,
    /// Every rule's message, written once at compile time (they depend on the policy and the
    /// language, never on the password): nothing is looked up or formatted per check.
    texts: Texts,
    /// The policy's character sets, compiled for membership tests.
    sets: CompiledSets,
    /// The languages of the common-password rule and the strength estimate (English alone by
    /// default: zxcvbn 4.4.2's model).
    languages: Languages,
    /// With a language beyond English: the common-password test over the chosen lists. A function
    /// set by [`Checker::with_languages`] only, so that a build that never chooses languages (the
    /// rules-only wasm) links none of the packs' code.
    common_in: Option<fn(&str, Languages) -> Option<bool>>,
}

/// A rule's message and the catalogue code it was written from (what `messages` overrides; for a
/// plural code, the code of both forms).
#[derive(Debug, Clone, Default)]
struct Text {
    code: &'static str,
    text: String,
}

/// The text of a rule the policy lacks (never shown).
static NO_TEXT: Text = Text { code: "", text: String::new() };

impl Text {
    fn new((code, text): (&'static str, String)) -> Text {
        Text { code, text }
    }
}

/// The message of each rule of a policy, in the checker's language.
#[derive(Debug, Clone, Default)]
struct Texts {
    length_min: Text,
    length_max: Text,
    /// Per `classes` entry.
    classes: Vec<Text>,
    /// Per custom set rule, per N-of-M rule.
    sets: Vec<Text>,
    types: Vec<Text>,
    allowed: Text,
    unique: Text,
    repeat: Text,
    sequence: Text,
    common: Text,
    breached: Text,
    custom: Text,
    /// `context.username`, `email`, `accountId`, `accountName`, then `attribute` (the base text; a
    /// failing check appends the attribute names).
    context: [Text; 5],
    history: Text,
    strength: Text,
}

impl Texts {
    fn new(p: &Policy, m: &Messages) -> Texts {
        let c = &p.context;
        let context_text = |what, check: Option<MatchMode>| {
            check
                .map(|mode| {
                    let code = phrases::context_code(what, false, mode);
                    Text { code, text: m.text(code, &[]) }
                })
                .unwrap_or_default()
        };
        Texts {
            length_min: p.length.min.map(|n| Text::new(phrases::length(m, false, n))).unwrap_or_default(),
            length_max: p.length.max.map(|n| Text::new(phrases::length(m, true, n))).unwrap_or_default(),
            classes: p
                .classes
                .iter()
                .map(|c| Text::new(phrases::class_min(m, c.class, c.min, p.symbols.as_ref())))
                .collect(),
            sets: p.sets.iter().map(|s| Text::new(phrases::set_min(m, s))).collect(),
            types: p
                .types
                .iter()
                .map(|t| Text { code: "rule.chars.types", text: phrases::types(m, t, p.symbols.as_ref()) })
                .collect(),
            allowed: phrases::allowed(m, p.allowed.as_ref(), p.forbidden.as_ref()).map(Text::new).unwrap_or_default(),
            unique: p
                .min_unique
                .map(|n| Text { code: "rule.chars.unique", text: phrases::unique(m, n) })
                .unwrap_or_default(),
            repeat: p
                .max_repeat
                .map(|n| Text { code: "rule.repeat.max", text: phrases::repeat(m, n) })
                .unwrap_or_default(),
            sequence: p
                .max_sequence
                .map(|n| Text { code: "rule.sequence.max", text: phrases::sequence(m, n) })
                .unwrap_or_default(),
            common: if p.dictionary.common {
                Text { code: "rule.dictionary.common", text: m.text("rule.dictionary.common", &[]) }
            } else {
                Text::default()
            },
            breached: p.breached.as_ref().map(|b| Text::new(phrases::breached(m, b.max))).unwrap_or_default(),
            custom: p
                .dictionary
                .custom
                .as_ref()
                .map(|d| Text::new(phrases::dictionary(m, false, d)))
                .unwrap_or_default(),
            context: [
                context_text(ContextField::Username, c.username.as_ref().map(|x| x.match_mode)),
                context_text(ContextField::Email, c.email.as_ref().map(|x| x.match_mode)),
                context_text(ContextField::AccountId, c.account_id.as_ref().map(|x| x.match_mode)),
                context_text(ContextField::AccountName, c.account_name.as_ref().map(|x| x.match_mode)),
                context_text(ContextField::Attributes, c.attributes.as_ref().map(|x| x.match_mode)),
            ],
            history: p
                .history
                .as_ref()
                .map(|h| Text {
                    code: "rule.history.reuse",
                    text: m.plural("rule.history.reuse", f64::from(h.count), &[("count", &h.count)]),
                })
                .unwrap_or_default(),
            strength: p
                .min_strength
                .map(|min| Text {
                    code: "rule.strength.min",
                    text: m.text("rule.strength.min", &[("min", &min), ("label", &phrases::score_label(m, min))]),
                })
                .unwrap_or_default(),
        }
    }
}

/// The character sets of a policy, compiled at `Checker::compile`: the checker tests membership
/// per grapheme and per code point, never by scanning a set's characters.
#[derive(Debug, Clone)]
struct CompiledSets {
    symbols: Option<Matcher>,
    allowed: Option<Matcher>,
    forbidden: Option<Matcher>,
    /// The counted sets: per custom set (policy `sets`), then per N-of-M `chars` requirement, in
    /// order (the order of `Scan::set_counts`).
    counted: Vec<Matcher>,
}

impl CompiledSets {
    fn new(p: &Policy) -> Self {
        let counted = p
            .sets
            .iter()
            .map(|s| &s.chars)
            .chain(p.types.iter().flat_map(|t| t.of.iter().filter_map(|r| r.chars.as_ref())));
        CompiledSets {
            symbols: p.symbols.as_ref().map(Matcher::new),
            allowed: p.allowed.as_ref().map(Matcher::new),
            forbidden: p.forbidden.as_ref().map(Matcher::new),
            counted: counted.map(Matcher::new).collect(),
        }
    }
}

/// A `CharSet` compiled: its literal characters and ranges as sorted, disjoint inclusive code
/// point ranges (`CharSet::code_point_ranges`, tested by binary search), its classes as the
/// grapheme kinds they hold. Same answers as `CharSet::contains` / `contains_char`.
#[derive(Debug, Clone)]
struct Matcher {
    ranges: Vec<[u32; 2]>,
    /// Bit `k as usize` set when a class of the set holds kind `k`.
    kinds: u8,
}

impl Matcher {
    fn new(set: &CharSet) -> Self {
        let kinds = Kind::ALL
            .iter()
            .filter(|k| set.classes.iter().any(|cl| cl.contains(**k)))
            .fold(0u8, |bits, k| bits | kind_bit(*k));
        Matcher { ranges: set.code_point_ranges(), kinds }
    }

    /// By the literal characters and ranges only.
    fn contains_cp(&self, cp: u32) -> bool {
        // The first range that does not end below `cp`; the ranges are sorted and disjoint.
        let i = self.ranges.partition_point(|[_, b]| *b < cp);
        self.ranges.get(i).is_some_and(|[a, _]| *a <= cp)
    }

    /// Whether a class of the set holds graphemes of kind `kind`.
    fn holds_kind(&self, kind: Kind) -> bool {
        self.kinds & kind_bit(kind) != 0
    }

    /// Membership of code point `c` that belongs to a grapheme of kind `kind`.
    fn contains(&self, c: char, kind: Kind) -> bool {
        self.holds_kind(kind) || self.contains_cp(c as u32)
    }
}

fn kind_bit(kind: Kind) -> u8 {
    1 << (kind as u8)
}

const KINDS: usize = Kind::ALL.len();

/// The bases of the analysed graphemes, for counting the graphemes of every counted set at once:
/// the distinct base code points, sorted, and running per-kind counts over them.
struct Bases {
    cps: Vec<u32>,
    /// `prefix[i][k]`: graphemes of kind `k` whose base is one of `cps[..i]` (`cps.len() + 1` rows).
    prefix: Vec<[u32; KINDS]>,
}

impl Bases {
    fn new(mut bases: Vec<(u32, Kind)>) -> Self {
        bases.sort_unstable_by_key(|(cp, _)| *cp);
        let mut cps: Vec<u32> = Vec::new();
        let mut prefix: Vec<[u32; KINDS]> = vec![[0; KINDS]];
        let mut acc = [0u32; KINDS];
        for (cp, kind) in bases {
            if cps.last() != Some(&cp) {
                if !cps.is_empty() {
                    prefix.push(acc);
                }
                cps.push(cp);
            }
            if let Some(n) = acc.get_mut(kind as usize) {
                *n += 1;
            }
        }
        if !cps.is_empty() {
            prefix.push(acc);
        }
        Bases { cps, prefix }
    }

    /// The graphemes that count for `set`: those whose base is in it, or whose kind its classes
    /// hold. Work per set: a binary search per range of the set or per distinct base, whichever
    /// are fewer — not per grapheme.
    fn count(&self, set: &Matcher) -> u32 {
        let total = self.prefix.last().copied().unwrap_or([0; KINDS]);
        // Per kind, the graphemes whose base is in the set's ranges.
        let mut inside = [0u32; KINDS];
        let mut add = |from: &[u32; KINDS], to: &[u32; KINDS]| {
            for ((n, a), b) in inside.iter_mut().zip(from).zip(to) {
                *n += b.saturating_sub(*a);
            }
        };
        if set.ranges.len() <= self.cps.len() {
            for [a, b] in &set.ranges {
                let lo = self.cps.partition_point(|cp| cp < a);
                let hi = self.cps.partition_point(|cp| cp <= b);
                if let (Some(from), Some(to)) = (self.prefix.get(lo), self.prefix.get(hi)) {
                    add(from, to);
                }
            }
        } else {
            for (cp, rows) in self.cps.iter().zip(self.prefix.windows(2)) {
                if let ([from, to], true) = (rows, set.contains_cp(*cp)) {
                    add(from, to);
                }
            }
        }
        Kind::ALL
            .iter()
            .map(|k| {
                let counts = if set.holds_kind(*k) { &total } else { &inside };
                counts.get(*k as usize).copied().unwrap_or(0)
            })
            .sum()
    }
}

/// Counts of one pass over the analysed graphemes.
#[derive(Debug, PartialEq)]
struct Scan {
    lower: u32,
    upper: u32,
    other_letter: u32,
    digit: u32,
    symbol: u32,
    graphemes: u32,
    longest_run: u32,
    /// Distinct grapheme clusters, counted only for a policy with `minUnique`.
    distinct: u32,
    /// The longest sequence (`check::sequence`), counted only for a policy with `maxSequence`.
    longest_sequence: u32,
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
                    .map(|w| c.substitute(&w.trim().to_lowercase()))
                    .filter(|w| w.chars().count() as u32 >= min_word)
                    .collect()
            })
            .unwrap_or_default();
        let texts = Texts::new(policy, &messages);
        let sets = CompiledSets::new(policy);
        Ok(Checker {
            policy: policy.clone(),
            words,
            messages,
            texts,
            sets,
            languages: Languages::ENGLISH,
            common_in: None,
        })
    }

    /// The checker with the word lists of `languages` for the common-password rule and the
    /// strength estimate (diacritics folded as soon as a language beyond English is chosen). A
    /// chosen language whose pack is not loaded is a `not_ready` error at `languages`; no language
    /// at all is an `invalid_field` error.
    pub fn with_languages(mut self, languages: Languages) -> Result<Checker> {
        self.languages = ready_languages(languages)?;
        self.common_in = languages.folds().then_some(common_in_languages as fn(&str, Languages) -> Option<bool>);
        Ok(self)
    }

    /// The languages of the common-password rule and the strength estimate.
    pub fn languages(&self) -> Languages {
        self.languages
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
        self.check_password(&Password::whole(password), ctx)
    }

    /// Every rule but strength (no zxcvbn estimate; `strength.min` is left out).
    pub fn check_rules(&self, password: &str, ctx: &Context) -> Report {
        self.check_rules_password(&Password::whole(password), ctx)
    }

    /// [`Checker::check`] of a [`Password`] (the whole text, or the head of a long one).
    pub fn check_password(&self, pw: &Password, ctx: &Context) -> Report {
        let mut report = self.check_rules_password(pw, ctx);
        if !crate::estimate::dictionaries_loaded() {
            // In wasm the dictionaries are a separate download: until they are there, no
            // estimate (`strength` absent) and `strength.min` unchecked.
            if self.policy.min_strength.is_some() {
                report.rules.push(RuleResult {
                    id: "strength.min",
                    status: Status::Unchecked,
                    code: self.texts.strength.code,
                    message: self.texts.strength.text.clone(),
                    required: self.policy.min_strength.map(u32::from),
                    actual: None,
                    index: None,
                });
            }
            return report;
        }
        let s = strength::estimate_in(pw.text, &ctx.user_inputs(), &self.messages, self.languages);
        if let Some(min) = self.policy.min_strength {
            let pass = s.score >= min;
            let r = RuleResult {
                id: "strength.min",
                status: if pass { Status::Pass } else { Status::Fail },
                code: self.texts.strength.code,
                message: self.texts.strength.text.clone(),
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

    /// [`Checker::check_rules`] of a [`Password`].
    pub fn check_rules_password(&self, pw: &Password, ctx: &Context) -> Report {
        let password = pw.text;
        let cut = password.char_indices().nth(ANALYSIS_LIMIT_CODE_POINTS).map_or(password.len(), |(i, _)| i);
        let analysed = password.get(..cut).unwrap_or("");
        let complete = cut == password.len() && pw.whole;
        let scan = self.scan(analysed);
        let length =
            LengthCounts { graphemes: scan.graphemes, code_points: clamp(pw.code_points), utf16: clamp(pw.utf16) };
        let lower = analysed.to_lowercase();

        let mut rules: Vec<RuleResult> = Vec::new();
        self.length_rules(&length, complete, &mut rules);
        self.character_rules(&scan, &mut rules);
        self.dictionary_rules(&lower, ctx, &mut rules);
        self.context_rules(&lower, ctx, &mut rules);
        self.history_rule(pw, ctx, &mut rules);

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

    /// `length.min` and `length.max`, in the policy's unit.
    fn length_rules(&self, length: &LengthCounts, complete: bool, out: &mut Vec<RuleResult>) {
        let (p, texts) = (&self.policy, &self.texts);
        let have = match p.length.unit {
            LengthUnit::Graphemes => length.graphemes,
            LengthUnit::CodePoints => length.code_points,
            LengthUnit::Utf16 => length.utf16,
        };
        if let Some(min) = p.length.min.filter(|m| *m > 0) {
            out.push(result("length.min", Some(have >= min), &texts.length_min).numbers(min, have));
        }
        if let Some(max) = p.length.max {
            // Graphemes beyond the analysed head are not counted: the maximum is not met.
            let pass = have <= max && (complete || p.length.unit != LengthUnit::Graphemes);
            out.push(result("length.max", Some(pass), &texts.length_max).numbers(max, have));
        }
    }

    /// The class, set and N-of-M rules, `chars.allowed`, `chars.unique`, `repeat.max` and
    /// `sequence.max`, from one scan.
    fn character_rules(&self, scan: &Scan, out: &mut Vec<RuleResult>) {
        let (p, texts) = (&self.policy, &self.texts);
        for (i, c) in p.classes.iter().enumerate() {
            let have = class_count(scan, c.class);
            let text = texts.classes.get(i).unwrap_or(&NO_TEXT);
            out.push(result(phrases::class_rule_id(c.class), Some(have >= c.min), text).numbers(c.min, have));
        }
        for (i, s) in p.sets.iter().enumerate() {
            let have = scan.set_counts.get(i).copied().unwrap_or(0);
            let text = texts.sets.get(i).unwrap_or(&NO_TEXT);
            out.push(result("chars.set", Some(have >= s.min), text).numbers(s.min, have).at(i));
        }
        // The character sets of the N-of-M requirements are counted after the policy's sets.
        let mut set_index = p.sets.len();
        for (i, t) in p.types.iter().enumerate() {
            let mut met = 0u32;
            for r in &t.of {
                let have = match (&r.class, &r.chars) {
                    (Some(c), _) => class_count(scan, *c),
                    (None, Some(_)) => {
                        set_index += 1;
                        scan.set_counts.get(set_index - 1).copied().unwrap_or(0)
                    }
                    (None, None) => 0,
                };
                met += u32::from(have >= r.min);
            }
            let text = texts.types.get(i).unwrap_or(&NO_TEXT);
            out.push(result("chars.types", Some(met >= t.required), text).numbers(t.required, met).at(i));
        }
        if p.allowed.is_some() || p.forbidden.is_some() {
            out.push(result("chars.allowed", Some(scan.disallowed == 0), &texts.allowed).numbers(0, scan.disallowed));
        }
        if let Some(min) = p.min_unique {
            out.push(result("chars.unique", Some(scan.distinct >= min), &texts.unique).numbers(min, scan.distinct));
        }
        if let Some(max) = p.max_repeat {
            out.push(result("repeat.max", Some(scan.longest_run <= max), &texts.repeat).numbers(max, scan.longest_run));
        }
        if let Some(max) = p.max_sequence {
            let longest = scan.longest_sequence;
            out.push(result("sequence.max", Some(longest <= max), &texts.sequence).numbers(max, longest));
        }
    }

    /// `dictionary.common` (unchecked until the list is loaded: in wasm it is a separate download),
    /// `dictionary.breached` (unchecked without the context's `breachCount`) and
    /// `dictionary.custom` (the policy's words and the context's).
    fn dictionary_rules(&self, lower: &str, ctx: &Context, out: &mut Vec<RuleResult>) {
        let (p, texts) = (&self.policy, &self.texts);
        if p.dictionary.common {
            let pass = match self.common_in {
                Some(common_in) => common_in(lower, self.languages),
                None => common::loaded().then(|| !common::contains(lower)),
            };
            out.push(result("dictionary.common", pass, &texts.common));
        }
        if let Some(b) = &p.breached {
            // Unchecked without the count, which only a lookup outside the checker can give.
            let count = ctx.breach_count.map(|n| u32::try_from(n).unwrap_or(u32::MAX));
            let mut r = result("dictionary.breached", count.map(|n| n <= b.max), &texts.breached);
            r.required = Some(b.max);
            r.actual = count;
            out.push(r);
        }
        if let Some(custom) = &p.dictionary.custom {
            let min_word = custom.min_word_length.unwrap_or(1).max(1);
            let substituted;
            let lower = if custom.substitutions.is_empty() {
                lower
            } else {
                substituted = custom.substitute(lower);
                substituted.as_str()
            };
            let extra: Vec<String> = ctx
                .dictionary
                .iter()
                .map(|w| custom.substitute(&w.trim().to_lowercase()))
                .filter(|w| w.chars().count() as u32 >= min_word)
                .collect();
            if custom.edit_distance > 0 || custom.min_score.is_some() {
                // Entra's evaluation (`validate`: substring matching only).
                let terms: Vec<&str> = self.words.iter().chain(&extra).map(String::as_str).collect();
                let any = !terms.is_empty();
                let found = banned::evaluate(lower, &terms, custom.edit_distance > 0);
                let pass = found.matches == 0 || custom.min_score.is_some_and(|min| found.points >= min);
                let mut r = result("dictionary.custom", any.then_some(pass), &texts.custom);
                r.required = custom.min_score;
                r.actual = any.then_some(if custom.min_score.is_some() { found.points } else { found.matches });
                out.push(r);
                return;
            }
            let (mut any, mut found) = (false, 0u32);
            for w in self.words.iter().chain(&extra) {
                any = true;
                found += u32::from(matches(lower, w, custom.match_mode));
            }
            let mut r = result("dictionary.custom", any.then_some(found == 0), &texts.custom);
            r.actual = any.then_some(found);
            out.push(r);
        }
    }

    /// The user's own data: username, e-mail, account id and name, other attributes (unchecked
    /// while the context lacks the value).
    fn context_rules(&self, lower: &str, ctx: &Context, out: &mut Vec<RuleResult>) {
        let c = &self.policy.context;
        type Field<'a> = (&'static str, &'a Option<ContextCheck>, &'a Option<String>, &'a Text, bool);
        let [username, email, account_id, account_name, attribute] = &self.texts.context;
        let fields: [Field; 4] = [
            ("context.username", &c.username, &ctx.username, username, false),
            ("context.email", &c.email, &ctx.email, email, true),
            ("context.accountId", &c.account_id, &ctx.account_id, account_id, false),
            ("context.accountName", &c.account_name, &ctx.account_name, account_name, false),
        ];
        for (id, check, value, text, is_email) in fields {
            let Some(check) = check else { continue };
            let value = value.as_deref().filter(|v| !v.trim().is_empty());
            let pass = value.map(|v| {
                let any = if is_email { any_email_token_split } else { any_token_split };
                let delimiters = check.delimiters.as_deref();
                !any(v, delimiters, check.min_token_length, lower.len(), &mut |t| matches(lower, t, check.match_mode))
            });
            out.push(result(id, pass, text));
        }
        if let Some(a) = &c.attributes {
            let values: Vec<(&String, &String)> = ctx
                .attributes
                .iter()
                .filter(|(k, v)| !v.trim().is_empty() && a.names.as_ref().is_none_or(|n| n.contains(k)))
                .collect();
            // Entra's normalization of the password and the values (`substitutions`).
            let substituted;
            let lower = if a.substitutions.is_empty() {
                lower
            } else {
                substituted = substitute(&a.substitutions, lower);
                substituted.as_str()
            };
            let hits: Vec<&str> = values
                .iter()
                .filter(|(_, v)| {
                    let delimiters = a.delimiters.as_deref();
                    any_token_split(v, delimiters, a.min_token_length, lower.len(), &mut |t| {
                        if a.substitutions.is_empty() {
                            matches(lower, t, a.match_mode)
                        } else {
                            matches(lower, &substitute(&a.substitutions, t), a.match_mode)
                        }
                    })
                })
                .map(|(k, _)| k.as_str())
                .collect();
            let text = if hits.is_empty() {
                attribute.clone()
            } else {
                Text { code: attribute.code, text: format!("{} ({})", attribute.text, hits.join(", ")) }
            };
            let mut r = result("context.attribute", (!values.is_empty()).then_some(hits.is_empty()), &text);
            r.actual = Some(hits.len() as u32);
            out.push(r);
        }
    }

    /// `history.reuse`: unchecked without previous passwords; only a whole password can equal one
    /// (see `Password::head`).
    fn history_rule(&self, pw: &Password, ctx: &Context, out: &mut Vec<RuleResult>) {
        let Some(h) = self.policy.history.as_ref().filter(|h| h.enforced && h.count > 0) else { return };
        let recent: Vec<&String> = ctx.previous_passwords.iter().take(h.count as usize).collect();
        let pass = (!recent.is_empty()).then(|| !(pw.whole && recent.iter().any(|prev| prev.as_str() == pw.text)));
        let mut r = result("history.reuse", pass, &self.texts.history);
        r.required = Some(h.count);
        out.push(r);
    }

    fn scan(&self, s: &str) -> Scan {
        let sets = &self.sets;
        let mut scan = Scan {
            lower: 0,
            upper: 0,
            other_letter: 0,
            digit: 0,
            symbol: 0,
            graphemes: 0,
            longest_run: 0,
            distinct: 0,
            longest_sequence: 0,
            disallowed: 0,
            set_counts: Vec::new(),
        };
        let in_symbols = sets.symbols.as_ref().map(|set| |c: char| set.contains_cp(c as u32));
        let judge_allowed = sets.allowed.is_some() || sets.forbidden.is_some();
        // The base and kind of every grapheme, when there are sets to count them for.
        let mut bases: Vec<(u32, Kind)> = Vec::new();
        let mut prev: Option<&str> = None;
        let mut run = 0u32;
        // Sequences are runs of code points (`check::sequence`), followed across graphemes.
        let sequences = self.policy.max_sequence.is_some();
        let mut runs = sequence::Runs::default();
        // Distinct clusters: a set of the clusters seen (the text is at most the analysis limit).
        let unique = self.policy.min_unique.is_some();
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        for g in s.graphemes(true) {
            scan.graphemes += 1;
            let kind = Kind::of_grapheme(g, in_symbols);
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
            if unique && seen.insert(g) {
                scan.distinct += 1;
            }
            if sequences {
                for c in g.chars() {
                    runs = runs.then(sequence::key(c));
                    scan.longest_sequence = scan.longest_sequence.max(runs.longest());
                }
            }
            // A cluster counts for a set when its base character is in it (counted below).
            if let (false, Some(base)) = (sets.counted.is_empty(), g.chars().next()) {
                bases.push((base as u32, kind));
            }
            if judge_allowed {
                // Per code point, each with the kind of its cluster.
                let bad = g.chars().any(|c| {
                    sets.allowed.as_ref().is_some_and(|a| !a.contains(c, kind))
                        || sets.forbidden.as_ref().is_some_and(|f| f.contains(c, kind))
                });
                if bad {
                    scan.disallowed += 1;
                }
            }
        }
        if !sets.counted.is_empty() {
            let bases = Bases::new(bases);
            scan.set_counts = sets.counted.iter().map(|set| bases.count(set)).collect();
        }
        scan
    }
}

fn class_count(scan: &Scan, class: CharClass) -> u32 {
    match class {
        CharClass::Lower => scan.lower,
        CharClass::Upper => scan.upper,
        CharClass::Letter => scan.lower + scan.upper + scan.other_letter,
        CharClass::OtherLetter => scan.other_letter,
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

/// A rule's result: its verdict (`None`: unchecked, the context lacks what it needs) and message.
fn result(id: &'static str, pass: Option<bool>, text: &Text) -> RuleResult {
    let status = match pass {
        Some(true) => Status::Pass,
        Some(false) => Status::Fail,
        None => Status::Unchecked,
    };
    RuleResult { id, status, code: text.code, message: text.text.clone(), required: None, actual: None, index: None }
}

impl RuleResult {
    /// With the number the rule asks for and the number the password has.
    fn numbers(mut self, required: u32, actual: u32) -> Self {
        self.required = Some(required);
        self.actual = Some(actual);
        self
    }

    /// With its position among the rules of the same id.
    fn at(mut self, index: usize) -> Self {
        self.index = Some(clamp(index));
        self
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
        assert_eq!(
            s.warning.as_ref().map(|w| (w.code, w.message.as_str())),
            Some(("topTen", "Dies ist eines der 10 häufigsten Passwörter."))
        );
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
            let shape = |r: &Report| {
                r.rules.iter().map(|x| (x.id, x.status, x.required, x.actual, x.index)).collect::<Vec<_>>()
            };
            assert_eq!(shape(other), shape(&en));
            assert_eq!(other.ok, en.ok);
            let codes =
                |r: &Report| r.strength.as_ref().map(|s| s.suggestions.iter().map(|f| f.code).collect::<Vec<_>>());
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
            breach_count: None,
        };
        let en = Checker::compile(&p).unwrap().check("oslo-Ann", &full);
        assert_eq!(
            messages(&en),
            [
                ("length.min", "At least 8 characters"),
                ("chars.symbol", "At least 1 symbol (#$, space)"),
                ("chars.letter", "At least 2 letters"),
                ("chars.set", "At least 1 character from: -_"),
                ("chars.set", "At least 2 from special (#)"),
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
        assert_eq!(de.rules[0].message, "Mindestens 8 Zeichen");
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
    fn breached_rule_needs_the_count() {
        use crate::policy::BreachedRule;
        let mut p = Policy::default();
        p.length.min = Some(8);
        p.dictionary.common = true;
        p.breached = Some(BreachedRule { max: 0 });
        p.dictionary.custom =
            Some(crate::policy::CustomDictionary { words: vec!["acme".into()], ..Default::default() });
        let checker = Checker::compile(&p).unwrap();
        let breached = |r: &Report| r.rules.iter().find(|x| x.id == "dictionary.breached").cloned().unwrap();
        // Without a count: unchecked, and (like history without previous passwords) not a failure.
        let r = checker.check_rules("correct horse battery", &Context::default());
        let b = breached(&r);
        assert_eq!((b.status, b.required, b.actual), (Status::Unchecked, Some(0), None));
        assert_eq!((b.code, b.message.as_str()), ("rule.dictionary.breached", "Not found in known data breaches"));
        assert!(r.ok);
        // Reported right after dictionary.common, before dictionary.custom.
        let ids: Vec<&str> = r.rules.iter().map(|x| x.id).collect();
        assert_eq!(ids, ["length.min", "dictionary.common", "dictionary.breached", "dictionary.custom"]);
        let with = |n: u64| Context { breach_count: Some(n), ..Default::default() };
        let r = checker.check_rules("correct horse battery", &with(0));
        assert_eq!((breached(&r).status, breached(&r).actual), (Status::Pass, Some(0)));
        assert!(r.ok);
        let r = checker.check("correct horse battery", &with(3));
        assert_eq!((breached(&r).status, breached(&r).actual), (Status::Fail, Some(3)));
        assert!(!r.ok);
        assert_eq!(r.violations.iter().map(|x| x.id).collect::<Vec<_>>(), ["dictionary.breached"]);
        // A count beyond 32 bits is reported as the largest one.
        let r = checker.check_rules("correct horse battery", &with(u64::MAX));
        assert_eq!((breached(&r).status, breached(&r).actual), (Status::Fail, Some(u32::MAX)));
        // `max` is the highest count still accepted.
        p.breached = Some(BreachedRule { max: 3 });
        let checker = Checker::compile(&p).unwrap();
        for (n, status) in [(3, Status::Pass), (4, Status::Fail)] {
            let b = breached(&checker.check_rules("correct horse battery", &with(n)));
            assert_eq!((b.status, b.required, b.actual), (status, Some(3), Some(n as u32)));
            assert_eq!(
                (b.code, b.message.as_str()),
                ("rule.dictionary.breached.max", "Found in known data breaches at most 3 times")
            );
        }
        p.breached = Some(BreachedRule { max: 1 });
        let de = Checker::compile_with(&p, Messages::new("de")).unwrap().check_rules("x", &with(2));
        assert_eq!(breached(&de).message, "Höchstens einmal in bekannten Datenlecks gefunden");
        p.breached = Some(BreachedRule { max: 0 });
        for (tag, text) in [
            ("fr", "Absent des fuites de données connues"),
            ("es", "No aparece en filtraciones de datos conocidas"),
            ("de", "Nicht in bekannten Datenlecks gefunden"),
        ] {
            let r = Checker::compile_with(&p, Messages::new(tag)).unwrap().check_rules("x", &with(0));
            assert_eq!(breached(&r).message, text);
        }
        // The canonical JSON: `breached: { max }`, read back the same.
        let json = p.to_json();
        assert!(json.contains(r#""breached":{"max":0}"#), "{json}");
        let back = crate::policy::read::policy(&serde_json::from_str(&json).unwrap()).unwrap();
        assert_eq!(back, p);
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

    /// The scan by the definitions, testing the policy's `CharSet`s directly (the checker before
    /// its sets were compiled).
    fn reference_scan(p: &Policy, s: &str) -> Scan {
        use crate::policy::kind_of_grapheme;
        let symbols = p.symbols.as_ref();
        let chars_reqs: Vec<&CharSet> = p
            .sets
            .iter()
            .map(|s| &s.chars)
            .chain(p.types.iter().flat_map(|t| t.of.iter().filter_map(|r| r.chars.as_ref())))
            .collect();
        let mut scan = Scan {
            lower: 0,
            upper: 0,
            other_letter: 0,
            digit: 0,
            symbol: 0,
            graphemes: 0,
            longest_run: 0,
            distinct: if p.min_unique.is_some() { s.graphemes(true).collect::<BTreeSet<_>>().len() as u32 } else { 0 },
            longest_sequence: if p.max_sequence.is_some() { sequence::longest(s) } else { 0 },
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
            let base = g.chars().next().unwrap();
            for (i, set) in chars_reqs.iter().enumerate() {
                if set.contains(base, kind) {
                    scan.set_counts[i] += 1;
                }
            }
            if p.allowed.is_some() || p.forbidden.is_some() {
                let bad = g.chars().any(|c| {
                    p.allowed.as_ref().is_some_and(|a| !a.contains(c, kind))
                        || p.forbidden.as_ref().is_some_and(|f| f.contains(c, kind))
                });
                if bad {
                    scan.disallowed += 1;
                }
            }
        }
        scan
    }

    #[test]
    fn compiled_sets_match_the_definitions() {
        use CharClass::*;
        let set = |classes: &[CharClass], chars: &str, ranges: &[[u32; 2]]| CharSet {
            classes: classes.to_vec(),
            chars: chars.into(),
            ranges: ranges.to_vec(),
        };
        // Many single-code-point ranges: more ranges than distinct bases in short passwords.
        let spread: Vec<[u32; 2]> = (0..400u32).map(|i| [0x20 + i * 3, 0x20 + i * 3]).collect();
        let sets = vec![
            set(&[], "", &[]),
            set(&[], "abc#", &[]),
            set(&[Letter], "-_", &[[0x30, 0x39]]),
            set(&[Lower, Digit], "É\u{301}", &[[0x80, 0x10FFFF]]),
            set(&[Upper], "a", &[[0x4E00, 0x4E01], [0x4E01, 0x4E05]]),
            set(&[Symbol], "a😀", &[[0x20E3, 0x20E3]]),
            set(&[Letter, Symbol], "", &spread),
            set(&[], "\u{7}\u{301}👍", &spread),
            set(&[Digit, Upper, Lower, Letter, Symbol], "", &[]),
        ];
        let symbol_sets = [None, Some(set(&[], "#$ \u{301}", &[[0x1F600, 0x1F64F]])), Some(set(&[Letter], "!", &[]))];
        let allowed_sets =
            [None, Some(set(&[Letter], "#$-_ ", &[[0x30, 0x39]])), Some(set(&[Symbol, Digit], "ab", &spread))];
        let forbidden_sets = [None, Some(set(&[], ":\u{301}", &[])), Some(set(&[Upper], "0", &[[0x4E00, 0x9FFF]]))];
        // Graphemes of every kind, and code points that combine with what precedes them.
        let pieces = [
            "a",
            "b",
            "z",
            "A",
            "É",
            "E\u{301}",
            "e\u{301}",
            "ǅ",
            "ß",
            "漢",
            "\u{4e00}",
            "\u{4e01}",
            "ش",
            "5",
            "٣",
            "७",
            "#",
            "$",
            "!",
            ":",
            " ",
            "-",
            "_",
            "😀",
            "👍🏽",
            "1\u{FE0F}\u{20E3}",
            "#\u{20E3}",
            "\u{7}",
            "\u{301}",
            "\r\n",
            "Ⅻ",
            "\u{10FFFF}",
            "\u{200D}",
            "🇳🇴",
            "ab",
            "aa",
        ];
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = |n: usize| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % n as u64) as usize
        };
        let mut passwords: Vec<String> = pieces.iter().map(|p| p.to_string()).collect();
        for len in [0, 1, 2, 3, 5, 8, 20, 60, 300, 1500] {
            for _ in 0..4 {
                passwords.push((0..len).map(|_| pieces[next(pieces.len())]).collect());
            }
        }
        let mut compared = 0;
        for symbols in &symbol_sets {
            for allowed in &allowed_sets {
                for forbidden in &forbidden_sets {
                    let p = Policy {
                        symbols: symbols.clone(),
                        allowed: allowed.clone(),
                        forbidden: forbidden.clone(),
                        sets: sets.iter().map(|s| SetMin { name: None, chars: s.clone(), min: 0 }).collect(),
                        types: vec![TypesRule {
                            required: 1,
                            of: sets
                                .iter()
                                .rev()
                                .map(|s| Requirement { class: None, chars: Some(s.clone()), name: None, min: 0 })
                                .collect(),
                        }],
                        ..Policy::default()
                    };
                    let checker = Checker::compile(&p).unwrap();
                    for pw in &passwords {
                        assert_eq!(
                            checker.scan(pw),
                            reference_scan(&p, pw),
                            "{pw:?} with {symbols:?}, {allowed:?}, {forbidden:?}"
                        );
                        compared += 1;
                    }
                }
            }
        }
        assert!(compared > 1000);
    }

    /// The policy of the hostile test: 1,000 sets of 999 ASCII letters plus one character
    /// U+0100 + i (a ~1 MiB document).
    fn thousand_sets(min: u32) -> Policy {
        let letters: String = "abcdefghijklmnopqrstuvwxyz".repeat(39).chars().take(999).collect();
        let sets = (0..1000u32)
            .map(|i| {
                let extra = char::from_u32(0x100 + i).unwrap();
                SetMin { name: None, chars: CharSet::chars(&format!("{letters}{extra}")), min }
            })
            .collect();
        Policy { sets, ..Policy::default() }
    }

    #[test]
    fn thousand_sets_of_thousand_chars() {
        let checker = Checker::compile(&thousand_sets(0)).unwrap();
        // The hostile test's password: 4,096 code points of CJK, in no set.
        let cjk = "\u{4e00}\u{4e01}".repeat(ANALYSIS_LIMIT_CODE_POINTS / 2);
        let t = std::time::Instant::now();
        let r = checker.check_rules(&cjk, &Context::default());
        eprintln!("1,000 sets × 1,000 chars, 4,096 CJK code points: {:?}", t.elapsed());
        assert!(r.ok);
        assert_eq!(r.length, LengthCounts { graphemes: 4096, code_points: 4096, utf16: 4096 });
        assert_eq!(r.analyzed, Analyzed { complete: true, code_points: 4096 });
        assert_eq!(r.rules.len(), 1000);
        for (i, rule) in r.rules.iter().enumerate() {
            assert_eq!(
                (rule.id, rule.status, rule.required, rule.actual, rule.index),
                ("chars.set", Status::Pass, Some(0), Some(0), Some(i as u32))
            );
        }

        // A password that hits the sets: ASCII letters (in every set), U+0100 + j (in set j only;
        // U+0300–U+036F are combining marks and join the preceding letter), CJK (in none).
        let pw: String = (0..ANALYSIS_LIMIT_CODE_POINTS as u32)
            .map(|i| match i % 4 {
                0 => char::from(b'a' + (i / 4 % 26) as u8),
                1 => char::from_u32(0x100 + i % 1000).unwrap(),
                _ => '\u{4e00}',
            })
            .collect();
        let checker = Checker::compile(&thousand_sets(1025)).unwrap();
        let t = std::time::Instant::now();
        let r = checker.check_rules(&pw, &Context::default());
        eprintln!("1,000 sets × 1,000 chars, 4,096 mixed code points: {:?}", t.elapsed());
        // Expected counts, by the definition: a grapheme counts for a set when its base is in it.
        let mut expected = vec![0u32; 1000];
        for g in pw.graphemes(true) {
            let base = g.chars().next().unwrap();
            for (j, n) in expected.iter_mut().enumerate() {
                if base.is_ascii_lowercase() || base as usize == 0x100 + j {
                    *n += 1;
                }
            }
        }
        assert_eq!(r.analyzed, Analyzed { complete: true, code_points: 4096 });
        let actual: Vec<u32> = r.rules.iter().map(|x| x.actual.unwrap()).collect();
        assert_eq!(actual, expected);
        // Every set holds the 1,024 letters; U+0100 + j is in the password only for j ≡ 1 (mod 4),
        // 4 or 5 times, and counts only when it starts a grapheme (not a combining mark).
        assert!(actual.iter().all(|n| *n >= 1024));
        assert_eq!(actual.get(1), Some(&1029));
        assert_eq!(actual.get(2), Some(&1024));
        assert_eq!(actual.get(101), Some(&1028));
        assert_eq!(actual.get(0x201), Some(&1024), "U+0301 joins its base");
        let passed = r.rules.iter().filter(|x| x.status == Status::Pass).count();
        let expected_pass = expected.iter().filter(|n| **n >= 1025).count();
        assert_eq!(passed, expected_pass);
        assert!(passed > 0 && passed < 1000, "{passed}");
        assert_eq!(r.ok, passed == 1000);
    }

    #[test]
    fn the_head_of_a_long_password_gives_the_report_of_the_whole() {
        let mut policy = meraki_like();
        policy.length.max = Some(64);
        let checker = Checker::compile(&policy).unwrap();
        for unit in ["a", "Zz9!", "😀é", "e\u{301}"] {
            let whole = unit.repeat(300_000);
            let head: String = whole.chars().take(ANALYSIS_LIMIT_CODE_POINTS + 7).collect();
            let pw = Password::head(&head, whole.chars().count(), whole.encode_utf16().count());
            for c in [Context::default(), ctx()] {
                assert_eq!(checker.check_rules_password(&pw, &c), checker.check_rules(&whole, &c), "{unit}");
                assert_eq!(checker.check_password(&pw, &c), checker.check(&whole, &c), "{unit}");
            }
        }
        // A head never equals a previous password; the whole does.
        let whole = "x".repeat(5000);
        let head: String = whole.chars().take(4097).collect();
        let mut c = ctx();
        c.previous_passwords = vec![head.clone(), whole.clone()];
        let reuse = |r: &Report| r.rules.iter().find(|x| x.id == "history.reuse").map(|x| x.status);
        assert_eq!(reuse(&checker.check_rules(&whole, &c)), Some(Status::Fail));
        c.previous_passwords = vec![head.clone()];
        assert_eq!(reuse(&checker.check_rules_password(&Password::head(&head, 5000, 5000), &c)), Some(Status::Pass));
        // Lengths below the head's own are raised to them; a head as long as the whole is whole.
        let short = Password::head("abc", 1, 1);
        assert_eq!(
            checker.check_rules_password(&short, &Context::default()),
            checker.check_rules("abc", &Context::default())
        );
    }

    #[test]
    fn overrides_by_code_in_reports() {
        let mut o = BTreeMap::new();
        o.insert("rule.length.min".to_string(), "Use {min} or more {unit}".to_string());
        o.insert("unit.character.many".to_string(), "chars".to_string());
        o.insert("strength.score.3".to_string(), "good".to_string());
        o.insert("zxcvbn.warning.topTen".to_string(), "Too famous.".to_string());
        let r =
            Checker::compile_with(&meraki_like(), Messages::with_overrides("en", o)).unwrap().check("password", &ctx());
        assert_eq!(r.rules[0].message, "Use 8 or more chars");
        assert_eq!(r.rules[5].message, "Strength at least 3 of 4 (good)");
        assert_eq!(
            r.strength.unwrap().warning.map(|w| (w.code, w.message)),
            Some(("topTen", "Too famous.".to_string()))
        );
    }
}
