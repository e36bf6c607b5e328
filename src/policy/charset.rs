//! Character classes and character sets.
//!
//! Classes are Unicode-aware and judged per grapheme cluster, by the cluster's first code point
//! (its base): `é` written as `e` + U+0301 is one lower-case letter, not a letter and a symbol.
//! - `lower`: General_Category Ll; `upper`: Lu or Lt;
//! - `letter`: any L* (a CJK ideograph is a letter that is neither upper nor lower);
//! - `otherLetter`: a letter that is neither upper nor lower (Lo, Lm: CJK, Arabic, Hebrew, Thai,
//!   modifier letters): Windows' fifth complexity category;
//! - `digit`: Nd (decimal digits of any script);
//! - `symbol`: anything else but a control character (Cc), space and emoji included, unless
//!   the policy restricts symbols to a set. A keycap sequence (`1️⃣`) is a symbol.

use std::collections::BTreeSet;

use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};
use unicode_segmentation::UnicodeSegmentation;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum CharClass {
    Lower,
    Upper,
    Digit,
    Symbol,
    Letter,
    /// A letter that is neither upper nor lower case (General_Category Lo or Lm).
    OtherLetter,
}

impl CharClass {
    pub const ALL: [CharClass; 6] = [
        CharClass::Lower,
        CharClass::Upper,
        CharClass::Digit,
        CharClass::Symbol,
        CharClass::Letter,
        CharClass::OtherLetter,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CharClass::Lower => "lower",
            CharClass::Upper => "upper",
            CharClass::Digit => "digit",
            CharClass::Symbol => "symbol",
            CharClass::Letter => "letter",
            CharClass::OtherLetter => "otherLetter",
        }
    }

    /// Singular noun for messages: "lowercase letter".
    pub fn noun(self) -> &'static str {
        match self {
            CharClass::Lower => "lowercase letter",
            CharClass::Upper => "uppercase letter",
            CharClass::Digit => "digit",
            CharClass::Symbol => "symbol",
            CharClass::Letter => "letter",
            CharClass::OtherLetter => "letter without case",
        }
    }

    pub fn plural(self) -> &'static str {
        match self {
            CharClass::Lower => "lowercase letters",
            CharClass::Upper => "uppercase letters",
            CharClass::Digit => "digits",
            CharClass::Symbol => "symbols",
            CharClass::Letter => "letters",
            CharClass::OtherLetter => "letters without case",
        }
    }

    /// Whether a grapheme of kind `kind` belongs to this class.
    pub fn contains(self, kind: Kind) -> bool {
        match self {
            CharClass::Lower => kind == Kind::Lower,
            CharClass::Upper => kind == Kind::Upper,
            CharClass::Letter => matches!(kind, Kind::Lower | Kind::Upper | Kind::OtherLetter),
            CharClass::Digit => kind == Kind::Digit,
            CharClass::Symbol => kind == Kind::Symbol,
            CharClass::OtherLetter => kind == Kind::OtherLetter,
        }
    }
}

/// The kind of one grapheme cluster. Exactly one per cluster; classes are unions of kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Lower,
    Upper,
    /// A letter that is neither upper nor lower (CJK, Arabic, Hebrew, modifier letters, …).
    OtherLetter,
    Digit,
    Symbol,
    /// A control character (Cc), or a character the policy's restricted symbol set leaves out.
    Other,
}

impl Kind {
    /// Every kind, in declaration order: `Kind::ALL[k as usize] == k`.
    pub const ALL: [Kind; 6] = [Kind::Lower, Kind::Upper, Kind::OtherLetter, Kind::Digit, Kind::Symbol, Kind::Other];

    /// The kind of a grapheme cluster, judged by its base; with a restricted symbol set, given as
    /// its membership test on code points (so that a caller can test a compiled form of the set).
    /// `kind_of_grapheme` is this with `CharSet::contains_char`.
    pub fn of_grapheme(g: &str, in_symbols: Option<impl Fn(char) -> bool>) -> Kind {
        let mut chars = g.chars();
        let Some(base) = chars.next() else { return Kind::Other };
        // A keycap (`1️⃣`, `#️⃣`) is an emoji: a symbol whatever its base.
        let keycap = g.chars().any(|c| c == '\u{20E3}');
        let kind = if keycap { Kind::Symbol } else { kind_of_char(base) };
        match (kind, in_symbols) {
            (Kind::Symbol, Some(in_set)) | (Kind::Other, Some(in_set)) => {
                // With a restricted set, a cluster is a symbol when every code point of it is in the set
                // (so a base symbol followed by a combining mark outside the set is not).
                if g.chars().all(in_set) {
                    Kind::Symbol
                } else {
                    Kind::Other
                }
            }
            (k, _) => k,
        }
    }
}

/// The kind of a code point on its own, with the Unicode definition of symbol.
pub fn kind_of_char(c: char) -> Kind {
    super::kinds::of_char(c)
}

/// The kind of a grapheme cluster, judged by its base, with the policy's symbol set if any.
pub fn kind_of_grapheme(g: &str, symbols: Option<&CharSet>) -> Kind {
    Kind::of_grapheme(g, symbols.map(|set| |c| set.contains_char(c)))
}

/// A set of characters: the union of whole classes, literal characters and code point ranges.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CharSet {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub classes: Vec<CharClass>,
    /// Literal characters (code points).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub chars: String,
    /// Inclusive code point ranges, e.g. `[[128, 1114111]]` for everything outside ASCII.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ranges: Vec<[u32; 2]>,
}

impl CharSet {
    pub fn chars(chars: &str) -> Self {
        CharSet { chars: chars.to_string(), ..Default::default() }
    }

    pub fn is_empty(&self) -> bool {
        self.classes.is_empty() && self.chars.is_empty() && self.ranges.is_empty()
    }

    /// Membership of a code point by its literal characters and ranges only (no classes).
    pub fn contains_char(&self, c: char) -> bool {
        let cp = c as u32;
        self.chars.contains(c) || self.ranges.iter().any(|[a, b]| *a <= cp && cp <= *b)
    }

    /// Membership of code point `c` that belongs to a grapheme of kind `kind`.
    pub fn contains(&self, c: char, kind: Kind) -> bool {
        self.contains_char(c) || self.classes.iter().any(|cl| cl.contains(kind))
    }

    /// Literal characters, deduplicated, in order.
    pub fn literal_chars(&self) -> Vec<char> {
        // A seen-set, not a scan of the output: a set can hold thousands of distinct characters.
        let mut seen = BTreeSet::new();
        self.chars.chars().filter(|c| seen.insert(*c)).collect()
    }

    /// The code points of the literal characters and ranges (not the classes) as sorted,
    /// disjoint, non-adjacent inclusive ranges: `contains_char(c)` exactly when some range holds
    /// `c`, which a binary search finds. An inverted range (`from > to`) holds nothing.
    pub fn code_point_ranges(&self) -> Vec<[u32; 2]> {
        let mut all: Vec<[u32; 2]> = self.chars.chars().map(|c| [c as u32, c as u32]).collect();
        all.extend(self.ranges.iter().filter(|[a, b]| a <= b).copied());
        all.sort_unstable();
        let mut merged: Vec<[u32; 2]> = Vec::with_capacity(all.len());
        for [a, b] in all {
            match merged.last_mut() {
                Some(last) if a <= last[1].saturating_add(1) => last[1] = last[1].max(b),
                _ => merged.push([a, b]),
            }
        }
        merged.shrink_to_fit();
        merged
    }
}

/// Whether `c` can stand anywhere in a password as a grapheme of its own (the generator's
/// characters; the validator's count of distinct clusters): not a
/// control, format, surrogate, private-use, unassigned or separator character (U+0020 aside),
/// not a mark, and neither joining the character before it nor after it, nor itself (Hangul
/// jamo, regional indicators, prepended concatenation marks, extenders).
pub fn standalone(c: char) -> bool {
    if (' '..='~').contains(&c) {
        return true;
    }
    use GeneralCategory as G;
    match c.general_category() {
        G::Control
        | G::Format
        | G::Surrogate
        | G::PrivateUse
        | G::Unassigned
        | G::LineSeparator
        | G::ParagraphSeparator
        | G::SpaceSeparator
        | G::NonspacingMark
        | G::SpacingMark
        | G::EnclosingMark => return false,
        _ => {}
    }
    let around = format!("a{c}a");
    let twice = format!("{c}{c}");
    around.graphemes(true).count() == 3 && twice.graphemes(true).count() == 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(g: &str) -> Kind {
        kind_of_grapheme(g, None)
    }

    #[test]
    fn unicode_kinds() {
        assert_eq!(kind("a"), Kind::Lower);
        assert_eq!(kind("ß"), Kind::Lower);
        assert_eq!(kind("É"), Kind::Upper);
        assert_eq!(kind("ǅ"), Kind::Upper);
        assert_eq!(kind("e\u{301}"), Kind::Lower);
        assert_eq!(kind("漢"), Kind::OtherLetter);
        assert_eq!(kind("ش"), Kind::OtherLetter);
        assert_eq!(kind("٣"), Kind::Digit);
        assert_eq!(kind("७"), Kind::Digit);
        assert_eq!(kind("Ⅻ"), Kind::Symbol);
        assert_eq!(kind(" "), Kind::Symbol);
        assert_eq!(kind("😀"), Kind::Symbol);
        assert_eq!(kind("👍🏽"), Kind::Symbol);
        assert_eq!(kind("1\u{FE0F}\u{20E3}"), Kind::Symbol);
        assert_eq!(kind("\u{7}"), Kind::Other);
    }

    #[test]
    fn restricted_symbols() {
        let set = CharSet::chars("#$%@");
        assert_eq!(kind_of_grapheme("#", Some(&set)), Kind::Symbol);
        assert_eq!(kind_of_grapheme("!", Some(&set)), Kind::Other);
        assert_eq!(kind_of_grapheme("a", Some(&set)), Kind::Lower);
    }

    #[test]
    fn kinds_in_order() {
        for (i, k) in Kind::ALL.iter().enumerate() {
            assert_eq!(*k as usize, i);
        }
    }

    #[test]
    fn of_grapheme_with_a_membership_test() {
        let set = CharSet::chars("#$%@");
        for g in ["#", "!", "a", "#\u{301}", "\u{7}", "1\u{FE0F}\u{20E3}", "漢", ""] {
            assert_eq!(Kind::of_grapheme(g, Some(|c| set.contains_char(c))), kind_of_grapheme(g, Some(&set)), "{g:?}");
            assert_eq!(Kind::of_grapheme(g, None::<fn(char) -> bool>), kind_of_grapheme(g, None), "{g:?}");
        }
    }

    #[test]
    fn literal_chars_dedup_in_order() {
        assert_eq!(CharSet::chars("b-a-b_").literal_chars(), ['b', '-', 'a', '_']);
        assert_eq!(CharSet::chars("").literal_chars(), Vec::<char>::new());
    }

    #[test]
    fn code_point_ranges_sorted_and_merged() {
        let set = CharSet {
            classes: vec![CharClass::Digit],
            chars: "zcab\u{10FFFF}ed".into(),
            ranges: vec![[0x66, 0x70], [0x100, 0x200], [0x150, 0x160], [0x201, 0x201], [9, 3], [0x10FFFE, 0x10FFFF]],
        };
        assert_eq!(set.code_point_ranges(), [[0x61, 0x70], [0x7A, 0x7A], [0x100, 0x201], [0x10FFFE, 0x10FFFF]]);
        assert_eq!(CharSet::default().code_point_ranges(), Vec::<[u32; 2]>::new());
        // The same membership as contains_char, on every code point near the edges.
        let ranges = set.code_point_ranges();
        for cp in (0..0x300).chain(0x10FF00..=0x10FFFF) {
            let Some(c) = char::from_u32(cp) else { continue };
            let i = ranges.partition_point(|[_, b]| *b < cp);
            let found = ranges.get(i).is_some_and(|[a, _]| *a <= cp);
            assert_eq!(found, set.contains_char(c), "U+{cp:04X}");
        }
    }

    #[test]
    fn set_membership() {
        let set = CharSet { classes: vec![CharClass::Letter], chars: "-_".into(), ranges: vec![[0x30, 0x39]] };
        assert!(set.contains('x', Kind::Lower));
        assert!(set.contains('漢', Kind::OtherLetter));
        assert!(set.contains('-', Kind::Symbol));
        assert!(set.contains('5', Kind::Digit));
        assert!(!set.contains('!', Kind::Symbol));
    }
}
