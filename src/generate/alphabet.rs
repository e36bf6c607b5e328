//! Which characters the generator may use, and which of them satisfy each requirement.
//!
//! Every generated character is one code point that forms a grapheme cluster on its own next to
//! any other generated character, so a password of n characters is n graphemes and n code points
//! (and n UTF-16 units, except for a character outside the BMP that only a requirement can bring
//! in). Two tiers of candidates:
//! - preferred: printable ASCII (no space) that the policy allows, plus the non-ASCII characters
//!   an `allowed` or restricted `symbols` set lists literally. With no `allowed` set: ASCII
//!   letters, digits and the symbols (the restricted symbol set if there is one, else ASCII
//!   punctuation). Fill characters come from here.
//! - fallback, only for a requirement that no preferred character meets, or when fewer than three
//!   preferred characters are left: space, the literal characters of every set of the policy, the
//!   first members of each range, and the first non-ASCII members of each character class.

use crate::check::Context;
pub use crate::policy::standalone;
use crate::policy::{kind_of_grapheme, CharClass, CharSet, Kind, MatchMode, Policy};

/// The characters `exclude: "ambiguous"` leaves out.
pub const AMBIGUOUS: &str = "Il1O0";

/// Members taken from each range, and from each class, for the fallback tier.
const FALLBACK_PER_RANGE: usize = 64;
const FALLBACK_PER_KIND: usize = 32;
/// Code points looked at in one range or class scan (the same bound as the validator's).
const SCAN_LIMIT: u32 = 0x3_0000;

/// The kind of a generated character, as the checker sees it (with the policy's symbol set).
pub fn kind(c: char, symbols: Option<&CharSet>) -> Kind {
    let mut buf = [0u8; 4];
    kind_of_grapheme(c.encode_utf8(&mut buf), symbols)
}

/// The per-character rules of the policy and the options: allowed, forbidden, ambiguous
/// characters, and single-character dictionary or context tokens (a substring rule on a
/// one-character word forbids that character outright).
pub struct Filter<'a> {
    policy: &'a Policy,
    exclude_ambiguous: bool,
    banned: Vec<String>,
}

impl<'a> Filter<'a> {
    pub fn new(policy: &'a Policy, exclude_ambiguous: bool, ctx: &Context) -> Self {
        let mut banned: Vec<String> = Vec::new();
        let mut ban_words = |value: &str| {
            let lower = value.trim().to_lowercase();
            let mut pieces: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).collect();
            pieces.push(&lower);
            for piece in pieces {
                if piece.chars().count() == 1 && !banned.iter().any(|b| b == piece) {
                    banned.push(piece.to_string());
                }
            }
        };
        if let Some(custom) = policy.dictionary.custom.as_ref().filter(|c| c.match_mode == MatchMode::Substring) {
            if custom.min_word_length.unwrap_or(1) <= 1 {
                for w in custom.words.iter().chain(ctx.dictionary.iter()) {
                    // Whole words only: a dictionary word is matched as it is, with the characters
                    // that are read as it.
                    let w = custom.substitute(&w.trim().to_lowercase());
                    if w.chars().count() == 1 {
                        ban_words(&w);
                        for (from, _) in custom.substitutions.iter().filter(|(_, to)| **to == w) {
                            ban_words(from);
                        }
                    }
                }
            }
        }
        let c = &policy.context;
        let checks = [
            (&c.username, &ctx.username),
            (&c.email, &ctx.email),
            (&c.account_id, &ctx.account_id),
            (&c.account_name, &ctx.account_name),
        ];
        for (check, value) in checks {
            if let (Some(check), Some(value)) = (check, value) {
                if check.match_mode == MatchMode::Substring && check.min_token_length <= 1 {
                    ban_words(value);
                }
            }
        }
        if let Some(a) =
            c.attributes.as_ref().filter(|a| a.match_mode == MatchMode::Substring && a.min_token_length <= 1)
        {
            for (name, value) in &ctx.attributes {
                if a.names.as_ref().is_none_or(|n| n.contains(name)) {
                    ban_words(value);
                }
            }
        }
        Filter { policy, exclude_ambiguous, banned }
    }

    pub fn symbols(&self) -> Option<&CharSet> {
        self.policy.symbols.as_ref()
    }

    pub fn kind(&self, c: char) -> Kind {
        kind(c, self.symbols())
    }

    /// Whether the policy and the options let `c` into a password (standalone is checked apart).
    pub fn usable(&self, c: char) -> bool {
        if self.exclude_ambiguous && AMBIGUOUS.contains(c) {
            return false;
        }
        let k = self.kind(c);
        let p = self.policy;
        if p.allowed.as_ref().is_some_and(|a| !a.contains(c, k))
            || p.forbidden.as_ref().is_some_and(|f| f.contains(c, k))
        {
            return false;
        }
        if !self.banned.is_empty() {
            let lower: String = c.to_lowercase().collect();
            if self.banned.iter().any(|b| lower.contains(b.as_str())) {
                return false;
            }
        }
        true
    }

    /// Whether some single-character dictionary or context token was turned into a ban.
    pub fn bans_tokens(&self) -> bool {
        !self.banned.is_empty()
    }
}

fn literal_ok(c: char) -> bool {
    c.len_utf16() == 1 && !c.is_whitespace() && standalone(c)
}

/// The preferred tier, sorted and deduplicated.
pub fn preferred(f: &Filter) -> Vec<char> {
    let p = f.policy;
    let mut out: Vec<char> = Vec::new();
    match &p.allowed {
        Some(a) => {
            out.extend('!'..='~');
            out.extend(a.literal_chars().into_iter().filter(|c| literal_ok(*c)));
        }
        None => {
            out.extend(('!'..='~').filter(|c| c.is_ascii_alphanumeric()));
            match &p.symbols {
                Some(s) => {
                    out.extend(('!'..='~').filter(|c| !c.is_ascii_alphanumeric() && f.kind(*c) == Kind::Symbol));
                    out.extend(s.literal_chars().into_iter().filter(|c| literal_ok(*c)));
                }
                None => out.extend(('!'..='~').filter(char::is_ascii_punctuation)),
            }
        }
    }
    out.retain(|c| f.usable(*c));
    out.sort_unstable();
    out.dedup();
    out
}

/// Every character set the policy names.
fn policy_sets(p: &Policy) -> Vec<&CharSet> {
    let mut sets: Vec<&CharSet> = Vec::new();
    sets.extend(p.allowed.iter());
    sets.extend(p.symbols.iter());
    sets.extend(p.sets.iter().map(|s| &s.chars));
    for t in &p.types {
        sets.extend(t.of.iter().filter_map(|r| r.chars.as_ref()));
    }
    sets
}

/// The cheap part of the fallback tier: space, the literal characters of every set of the policy
/// and the first members of each of their ranges. Sorted, deduplicated, none of `preferred`.
pub fn fallback_literals(f: &Filter, preferred: &[char]) -> Vec<char> {
    let ok = |c: char| f.usable(c) && standalone(c) && preferred.binary_search(&c).is_err();
    let mut out: Vec<char> = Vec::new();
    if ok(' ') {
        out.push(' ');
    }
    for set in policy_sets(f.policy) {
        out.extend(set.literal_chars().into_iter().filter(|c| ok(*c)));
        for [a, b] in &set.ranges {
            let end = (*b).min(a.saturating_add(SCAN_LIMIT));
            out.extend((*a..=end).filter_map(char::from_u32).filter(|c| ok(*c)).take(FALLBACK_PER_RANGE));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The expensive part of the fallback tier: the first usable characters of each kind (lower,
/// upper, other letter, digit, symbol) outside printable ASCII, for requirements on a class that
/// the ASCII characters cannot meet. Sorted, deduplicated, none of `preferred`.
pub fn fallback_classes(f: &Filter, preferred: &[char], wanted: &[CharClass]) -> Vec<char> {
    // With a restricted symbol set, its symbols are its literals and ranges (`fallback_literals`):
    // no need to scan for them.
    let kinds: &[Kind] = if f.symbols().is_some() {
        &[Kind::Lower, Kind::Upper, Kind::OtherLetter, Kind::Digit]
    } else {
        &[Kind::Lower, Kind::Upper, Kind::OtherLetter, Kind::Digit, Kind::Symbol]
    };
    let mut need: Vec<(Kind, usize)> =
        kinds.iter().filter(|k| wanted.iter().any(|cl| cl.contains(**k))).map(|k| (*k, FALLBACK_PER_KIND)).collect();
    if need.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<char> = Vec::new();
    for c in (0x80u32..SCAN_LIMIT).filter_map(char::from_u32) {
        if need.iter().all(|(_, left)| *left == 0) {
            break;
        }
        let k = f.kind(c);
        let Some(slot) = need.iter_mut().find(|(kk, left)| *kk == k && *left > 0) else { continue };
        if f.usable(c) && standalone(c) && preferred.binary_search(&c).is_err() {
            slot.1 -= 1;
            out.push(c);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
#[allow(clippy::field_reassign_with_default)]
mod tests {
    use super::*;

    #[test]
    fn standalone_characters() {
        for c in ['a', '!', ' ', '~', 'é', 'ß', '€', '漢', 'ش', '٣', 'Ж', '가', '😀'] {
            assert!(standalone(c), "{c:?}");
        }
        // Marks, joiners, controls, jamo, regional indicators, prepended marks, variation selectors.
        for c in [
            '\u{301}',
            '\u{200D}',
            '\u{7}',
            '\r',
            '\n',
            '\u{1100}',
            '\u{1161}',
            '\u{11A8}',
            '\u{1F1F3}',
            '\u{600}',
            '\u{FE0F}',
            '\u{1F3FD}',
            '\u{A0}',
            '\u{E000}',
        ] {
            assert!(!standalone(c), "{:04X}", c as u32);
        }
    }

    #[test]
    fn default_alphabet() {
        let p = Policy::default();
        let f = Filter::new(&p, false, &Context::default());
        let a = preferred(&f);
        assert_eq!(a.len(), 94);
        let f = Filter::new(&p, true, &Context::default());
        let a = preferred(&f);
        assert_eq!(a.len(), 89);
        assert!(!a.iter().any(|c| AMBIGUOUS.contains(*c)));
        let mut p = Policy::default();
        p.symbols = Some(CharSet::chars("#$€ "));
        let f = Filter::new(&p, false, &Context::default());
        let a: String = preferred(&f).into_iter().collect();
        assert_eq!(a.len(), 62 + 2 + '€'.len_utf8());
        assert!(a.contains('€') && a.contains('#') && !a.contains('!') && !a.contains(' '));
    }

    #[test]
    fn one_character_tokens_are_banned() {
        let mut p = Policy::default();
        p.dictionary.custom =
            Some(crate::policy::CustomDictionary { words: vec!["X".into(), "word".into()], ..Default::default() });
        let f = Filter::new(&p, false, &Context::default());
        let a = preferred(&f);
        assert!(!a.contains(&'x') && !a.contains(&'X') && a.contains(&'w'));
        // With substitutions, the characters read as a banned one are banned too.
        p.dictionary.custom = Some(crate::policy::CustomDictionary {
            words: vec!["0".into()],
            substitutions: [("0".to_string(), "o".to_string())].into_iter().collect(),
            ..Default::default()
        });
        let f = Filter::new(&p, false, &Context::default());
        let a = preferred(&f);
        assert!(!a.contains(&'0') && !a.contains(&'o') && !a.contains(&'O') && a.contains(&'1'));
    }
}
