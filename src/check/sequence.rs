//! Sequences (`maxSequence`): runs of letters or digits in code point order, ascending (`abc`,
//! `123`) or descending (`cba`, `321`). The one definition, shared by the checker and the
//! generator so that a generated password never fails the rule.
//!
//! - The password is taken as code points (Unicode scalar values), as given: nothing is
//!   normalized, so a combining mark between two letters ends the run.
//! - A **letter** is any code point of General_Category L\* (the classification of
//!   `policy::kind_of_char`), compared by its simple lowercase mapping (the first code point of
//!   its lowercase, so `AbC`, `aBc` and `ABC` are all `abc`). A **digit** is ASCII `0`–`9` only.
//! - Two neighbours continue a run when both are letters or both are digits and the second's
//!   (lower-cased) code point is exactly one more (ascending) or one less (descending) than the
//!   first's. A letter never continues a digit or anything else (`9` → `:` is no step; neither is
//!   `@` → `A`), and there is no wrap-around (`z` → `a`, `9` → `0`).
//! - A run's length is its number of characters; every character is a run of at least 1, so the
//!   longest run of a non-empty password is at least 1 and that of the empty password 0.
//!
//! One pass, constant work per code point.

use crate::policy::{kind_of_char, Kind};

/// What a character is for sequences: its family and its position in code point order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Key {
    letter: bool,
    at: u32,
}

/// The key of `c`: `None` for a character that is neither a letter nor an ASCII digit.
pub(crate) fn key(c: char) -> Option<Key> {
    if c.is_ascii_digit() {
        return Some(Key { letter: false, at: c as u32 });
    }
    if c.is_ascii() {
        return c.is_ascii_alphabetic().then(|| Key { letter: true, at: c.to_ascii_lowercase() as u32 });
    }
    match kind_of_char(c) {
        Kind::Lower | Kind::Upper | Kind::OtherLetter => {
            // The simple lowercase mapping: the first code point of the full one (only U+0130
            // has a longer lowercase, `i` + U+0307, and its simple mapping is `i`).
            let lower = c.to_lowercase().next().unwrap_or(c);
            Some(Key { letter: true, at: lower as u32 })
        }
        _ => None,
    }
}

/// `1` when `b` follows `a` in an ascending sequence, `-1` in a descending one, else `0`.
pub(crate) fn step(a: Option<Key>, b: Option<Key>) -> i8 {
    match (a, b) {
        (Some(a), Some(b)) if a.letter == b.letter => {
            if a.at.checked_add(1) == Some(b.at) {
                1
            } else if b.at.checked_add(1) == Some(a.at) {
                -1
            } else {
                0
            }
        }
        _ => 0,
    }
}

/// The ascending and descending runs that end at the last character seen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Runs {
    last: Option<Key>,
    /// Characters of the ascending run ending at the last one (0 before any character).
    pub up: u32,
    /// Characters of the descending run ending at the last one.
    pub down: u32,
}

impl Runs {
    /// The runs once a character of key `k` follows.
    pub fn then(self, k: Option<Key>) -> Runs {
        let s = step(self.last, k);
        Runs {
            last: k,
            up: if s == 1 { self.up.saturating_add(1) } else { 1 },
            down: if s == -1 { self.down.saturating_add(1) } else { 1 },
        }
    }

    /// The longer of the two runs.
    pub fn longest(self) -> u32 {
        self.up.max(self.down)
    }
}

/// The longest sequence in `s`, in characters (code points).
#[cfg(test)]
pub(crate) fn longest(s: &str) -> u32 {
    let mut runs = Runs::default();
    let mut best = 0;
    for c in s.chars() {
        runs = runs.then(key(c));
        best = best.max(runs.longest());
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascending_and_descending() {
        assert_eq!(longest("abc"), 3);
        assert_eq!(longest("cba"), 3);
        assert_eq!(longest("123"), 3);
        assert_eq!(longest("321"), 3);
        assert_eq!(longest("xyz-6789"), 4);
        assert_eq!(longest("9876543210"), 10);
        // A turn starts a new run at the turning character.
        assert_eq!(longest("abcba"), 3);
        assert_eq!(longest("abab"), 2);
        assert_eq!(longest("abcdcb"), 4);
    }

    #[test]
    fn letters_are_compared_case_insensitively() {
        assert_eq!(longest("AbC"), 3);
        assert_eq!(longest("aBcD"), 4);
        assert_eq!(longest("ZYX"), 3);
        // A repeat in another case is no step.
        assert_eq!(longest("aA"), 1);
        assert_eq!(longest("aAbB"), 2);
    }

    #[test]
    fn only_letters_and_ascii_digits() {
        // Neighbouring code points that are not letter-to-letter or digit-to-digit.
        assert_eq!(longest("89:;"), 2);
        assert_eq!(longest("?@AB"), 2);
        assert_eq!(longest("XYZ[\\]"), 3);
        assert_eq!(longest("!\"#$%"), 1);
        assert_eq!(longest("/01"), 2);
        // No wrap-around.
        assert_eq!(longest("yzab"), 2);
        assert_eq!(longest("8901"), 2);
        // Fullwidth and Arabic-Indic digits are not ASCII digits.
        assert_eq!(longest("１２３"), 1);
        assert_eq!(longest("٣٤٥"), 1);
    }

    #[test]
    fn unicode_letters() {
        assert_eq!(longest("αβγδ"), 4);
        assert_eq!(longest("ΑΒΓ"), 3);
        assert_eq!(longest("ΑβΓ"), 3);
        assert_eq!(longest("гвба"), 4);
        assert_eq!(longest("ÀÁÂ"), 3);
        assert_eq!(longest("אבג"), 3);
        // Counted over code points as given: a combining mark ends the run; the precomposed
        // letter is not between its neighbours.
        assert_eq!(longest("a\u{301}bc"), 2);
        assert_eq!(longest("d\u{e9}f"), 1);
        // U+0130 (İ) is `i` by its simple lowercase mapping.
        assert_eq!(longest("h\u{130}j"), 3);
        // Emoji are no letters, whatever their code points.
        assert_eq!(longest("😀😁😂"), 1);
    }

    #[test]
    fn short_passwords() {
        assert_eq!(longest(""), 0);
        assert_eq!(longest("a"), 1);
        assert_eq!(longest("!"), 1);
        assert_eq!(longest("ab"), 2);
        assert_eq!(longest("ac"), 1);
    }

    #[test]
    fn runs_track_both_directions() {
        let r = Runs::default().then(key('a')).then(key('b'));
        assert_eq!((r.up, r.down), (2, 1));
        let r = r.then(key('a'));
        assert_eq!((r.up, r.down, r.longest()), (1, 2, 2));
        let r = r.then(None);
        assert_eq!((r.up, r.down), (1, 1));
        assert_eq!(step(key('a'), key('B')), 1);
        assert_eq!(step(key('2'), key('1')), -1);
        assert_eq!(step(key('a'), None), 0);
        assert_eq!(step(key('9'), key(':')), 0);
    }
}
