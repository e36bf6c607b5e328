//! The banned-term evaluation of Microsoft Entra Password Protection ("How are passwords
//! evaluated", Microsoft Learn): the custom dictionary with `editDistance` 1 or a `minScore`.
//! The password and the terms arrive normalized (lower case, then the dictionary's
//! substitutions); the function finds the terms and scores the password.
//!
//! 1. Exact occurrences, left to right without overlap; at each position the longest term.
//! 2. With fuzzy matching, in each stretch that step 1 left uncovered: windows one edit away from
//!    a term (one character changed: a window as long as the term; one added: one longer; one
//!    removed: one shorter, never empty), left to right without overlap; at each position the
//!    longest window, then the longest term. Exact matches are taken first everywhere, so a term
//!    followed by a character is the term and one more point (`blankf` is `[blank] + [f]`, as
//!    Entra's worked example `ContoS0Bl@nkf9!` scores it).
//! 3. The score: one point per match, one per character in no match.
//!
//! Cost, for T terms of at most L code points and a password of n code points (n is at most the
//! checker's analysis limit, 4,096): a term is a candidate only if the password contains it or,
//! with fuzzy matching, its first or its second half (one edit leaves one half whole): 3
//! substring searches per term, O(T · (n + L)). For each candidate, twice (once for the exact
//! matches, once for the windows), the longest common prefix of the term with the password at
//! every position and the longest common suffix ending at every position, by the Z-algorithm:
//! O(n + L); a window's distance to the term is then O(1) from those two numbers. In all
//! O((T + C) · (n + L)) for C candidates, whatever the characters: linear in the password with a
//! constant per term, and O(n) memory besides the terms.

use std::cmp::Reverse;

/// What the evaluation found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// Banned terms found (each occurrence once; exact and fuzzy).
    pub matches: u32,
    /// Entra's score: one point per match, one per other character.
    pub points: u32,
}

/// Finds `terms` in `password` (both normalized), exactly and, with `fuzzy`, one edit away.
pub fn evaluate(password: &str, terms: &[&str], fuzzy: bool) -> Found {
    let pw: Vec<char> = password.chars().collect();
    let n = pw.len();
    let candidates =
        if fuzzy { candidates(terms, |t| halves_in(password, t)) } else { candidates(terms, |t| password.contains(t)) };
    let mut z = Matcher::new(&pw);

    // 1. The longest exact term at each position, then the matches left to right.
    let mut exact_at = vec![0usize; n];
    for t in &candidates {
        z.prefixes(t);
        for (i, longest) in exact_at.iter_mut().enumerate() {
            if z.prefix(i) >= t.len() {
                *longest = (*longest).max(t.len());
            }
        }
    }
    let mut covered = vec![false; n];
    let (mut matches, mut points) = (0u32, 0u32);
    let mut i = 0;
    while i < n {
        match exact_at.get(i).copied().unwrap_or(0) {
            0 => i += 1,
            len => {
                covered.get_mut(i..i + len).into_iter().flatten().for_each(|c| *c = true);
                matches += 1;
                points += 1;
                i += len;
            }
        }
    }
    if !fuzzy {
        let uncovered = covered.iter().filter(|c| !**c).count();
        return Found { matches, points: points + u32::try_from(uncovered).unwrap_or(u32::MAX) };
    }

    // 2. Where each uncovered stretch ends, then the longest window one edit away from a term
    // that fits in it, at each position.
    let mut end_at = vec![0usize; n];
    let mut end = n;
    for i in (0..n).rev() {
        if covered.get(i).copied().unwrap_or(true) {
            end = i;
        }
        if let Some(e) = end_at.get_mut(i) {
            *e = end;
        }
    }
    let mut window_at = vec![0usize; n];
    for t in &candidates {
        let l = t.len();
        z.prefixes(t);
        z.suffixes(t);
        for (i, best) in window_at.iter_mut().enumerate() {
            let room = end_at.get(i).copied().unwrap_or(0).saturating_sub(i);
            // Added: one longer, all but one character of the window are the term's; changed:
            // as long; removed: one shorter.
            for (w, need) in [(l + 1, l), (l, l.saturating_sub(1)), (l.saturating_sub(1), l.saturating_sub(1))] {
                if w == 0 || w > room || w <= *best {
                    continue;
                }
                let cap = w.min(l);
                if z.prefix(i).min(cap) + z.suffix(i + w).min(cap) >= need {
                    *best = w;
                    break;
                }
            }
        }
    }
    let mut i = 0;
    while i < n {
        if covered.get(i).copied().unwrap_or(true) {
            i += 1;
            continue;
        }
        match window_at.get(i).copied().unwrap_or(0) {
            0 => i += 1,
            w => {
                matches += 1;
                i += w;
            }
        }
        points += 1;
    }
    Found { matches, points }
}

/// The terms passing `keep`, as code points, longest first, each once.
fn candidates(terms: &[&str], keep: impl Fn(&str) -> bool) -> Vec<Vec<char>> {
    let mut out: Vec<Vec<char>> =
        terms.iter().filter(|t| !t.is_empty() && keep(t)).map(|t| t.chars().collect()).collect();
    out.sort_by_key(|t| Reverse(t.len()));
    out.dedup();
    out
}

/// Whether `password` contains the first or the second half of `term` (a term of one code point
/// is always a candidate: one edit can change it entirely).
fn halves_in(password: &str, term: &str) -> bool {
    let count = term.chars().count();
    if count < 2 {
        return true;
    }
    let cut = term.char_indices().nth(count / 2).map_or(term.len(), |(b, _)| b);
    let (a, b) = term.split_at(cut);
    password.contains(a) || password.contains(b)
}

/// The longest common prefix of a term with the password at each position, and the longest
/// common suffix of the term with the password's head ending at each position, by the
/// Z-algorithm over `term`, a separator, then the password: O(n + L) each, buffers reused.
struct Matcher {
    /// The password, then reversed.
    text: Vec<char>,
    reversed: Vec<char>,
    joined: Vec<Option<char>>,
    z: Vec<usize>,
    /// `prefix[i]`: common prefix of `text[i..]` and the term, for i in 0..=n.
    prefix: Vec<usize>,
    /// `suffix[j]`: common suffix of `text[..j]` and the term, for j in 0..=n.
    suffix: Vec<usize>,
}

impl Matcher {
    fn new(text: &[char]) -> Matcher {
        let reversed = text.iter().rev().copied().collect();
        Matcher {
            text: text.to_vec(),
            reversed,
            joined: Vec::new(),
            z: Vec::new(),
            prefix: Vec::new(),
            suffix: Vec::new(),
        }
    }

    fn prefix(&self, i: usize) -> usize {
        self.prefix.get(i).copied().unwrap_or(0)
    }

    fn suffix(&self, j: usize) -> usize {
        self.suffix.get(j).copied().unwrap_or(0)
    }

    fn prefixes(&mut self, term: &[char]) {
        lcp(term.iter().copied(), &self.text, &mut self.joined, &mut self.z, &mut self.prefix);
    }

    fn suffixes(&mut self, term: &[char]) {
        lcp(term.iter().rev().copied(), &self.reversed, &mut self.joined, &mut self.z, &mut self.suffix);
        // Position k of the reversed text is the head ending at n - k.
        self.suffix.reverse();
    }
}

/// `out[i]` = the common prefix of `text[i..]` and `pattern`, for i in 0..=n (`out[n]` = 0).
fn lcp(
    pattern: impl Iterator<Item = char>,
    text: &[char],
    joined: &mut Vec<Option<char>>,
    z: &mut Vec<usize>,
    out: &mut Vec<usize>,
) {
    joined.clear();
    joined.extend(pattern.map(Some));
    let m = joined.len();
    joined.push(None);
    joined.extend(text.iter().copied().map(Some));
    let len = joined.len();
    z.clear();
    z.resize(len, 0);
    let (mut l, mut r) = (0usize, 0usize);
    for i in 1..len {
        let mut k = if i < r { (r - i).min(z.get(i - l).copied().unwrap_or(0)) } else { 0 };
        while i + k < len && joined.get(k) == joined.get(i + k) {
            k += 1;
        }
        if let Some(zi) = z.get_mut(i) {
            *zi = k;
        }
        if i + k > r {
            (l, r) = (i, i + k);
        }
    }
    out.clear();
    out.extend(z.iter().skip(m + 1).map(|k| (*k).min(m)));
    out.push(0);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(password: &str, terms: &[&str]) -> (u32, u32) {
        let f = evaluate(password, terms, true);
        (f.matches, f.points)
    }

    /// The evaluation as the module header states it, written the slow way: every window of
    /// every term compared character by character.
    fn reference(password: &str, terms: &[&str], fuzzy: bool) -> Found {
        let pw: Vec<char> = password.chars().collect();
        let mut terms: Vec<Vec<char>> = terms.iter().filter(|t| !t.is_empty()).map(|t| t.chars().collect()).collect();
        terms.sort_by_key(|t| Reverse(t.len()));
        let one_edit = |w: &[char], t: &[char]| {
            let p = w.iter().zip(t).take_while(|(a, b)| a == b).count();
            match (w.len() as isize) - (t.len() as isize) {
                0 => w.get(p + 1..) == t.get(p + 1..),
                1 => w.get(p + 1..) == t.get(p..),
                -1 => w.get(p..) == t.get(p + 1..),
                _ => false,
            }
        };
        let n = pw.len();
        let mut covered = vec![false; n];
        let (mut matches, mut points, mut i) = (0, 0, 0);
        while i < n {
            if let Some(t) = terms.iter().find(|t| pw[i..].starts_with(t)) {
                covered[i..i + t.len()].iter_mut().for_each(|c| *c = true);
                (matches, points, i) = (matches + 1, points + 1, i + t.len());
            } else {
                i += 1;
            }
        }
        let mut i = 0;
        while i < n {
            if covered[i] {
                i += 1;
                continue;
            }
            let end = (i..n).find(|k| covered[*k]).unwrap_or(n);
            let best = if fuzzy {
                terms
                    .iter()
                    .flat_map(|t| [t.len() + 1, t.len(), t.len().saturating_sub(1)].map(|w| (w, t)))
                    .filter(|(w, t)| *w >= 1 && i + w <= end && one_edit(&pw[i..i + w], t))
                    .map(|(w, _)| w)
                    .max()
                    .unwrap_or(0)
            } else {
                0
            };
            if best > 0 {
                matches += 1;
            }
            points += 1;
            i += best.max(1);
        }
        Found { matches, points }
    }

    #[test]
    fn agrees_with_the_slow_way_on_random_input() {
        let mut state = 0x5EED_u64;
        let mut next = |k: u64| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % k
        };
        let word = |len: u64, next: &mut dyn FnMut(u64) -> u64| -> String {
            (0..len).map(|_| ['a', 'b', 'c', 'é'][next(4) as usize]).collect()
        };
        for _ in 0..3000 {
            let pw = word(next(14), &mut next);
            let terms: Vec<String> = (0..1 + next(4)).map(|_| word(1 + next(6), &mut next)).collect();
            let terms: Vec<&str> = terms.iter().map(String::as_str).collect();
            for fuzzy in [false, true] {
                assert_eq!(evaluate(&pw, &terms, fuzzy), reference(&pw, &terms, fuzzy), "{pw} {terms:?} {fuzzy}");
            }
        }
    }

    #[test]
    fn one_edit_away() {
        for near in ["abcdef", "abcdeg", "abcdefg", "abcde", "xbcdef", "abxdef", "abcxdef", "bcdef", "acdef"] {
            assert_eq!(evaluate(near, &["abcdef"], true).matches, 1, "{near}");
        }
        // Two edits: a change and a removal, two changes, two removals, reversed.
        for far in ["abcdgh", "abcd", "abxxef", "fedcba", "xbcdex"] {
            assert_eq!(evaluate(far, &["abcdef"], true).matches, 0, "{far}");
        }
        // A swap is two edits, but its tail is one removal away.
        assert_eq!(score("bacdef", &["abcdef"]), (1, 2));
    }

    #[test]
    fn the_worked_examples_of_microsoft_learn() {
        // "The password "abcdef" is banned. […] 'abcdeg' - last character changed from 'f' to
        // 'g'; 'abcdefg' - 'g' appended to end; 'abcde' - trailing 'f' was deleted from end
        // […] they're all considered as a match to "abcdef"."
        for pw in ["abcdeg", "abcdefg", "abcde"] {
            assert!(evaluate(pw, &["abcdef"], true).matches == 1, "{pw}");
        }
        // "[contoso] + [blank] + [1] + [2] = 4 points"
        assert_eq!(score("contosoblank12", &["contoso", "blank"]), (2, 4));
        // "[contoso] + [blank] + [f] + [9] + [!] = 5 points"
        assert_eq!(score("contosoblankf9!", &["contoso", "blank"]), (2, 5));
    }

    #[test]
    fn left_to_right_without_overlap_exact_first() {
        // Longest term first at a position; the overlap is not counted twice.
        assert_eq!(score("contosoland", &["contoso", "soland", "con"]), (1, 5));
        assert_eq!(score("abcd", &["ab", "abcd"]), (1, 1));
        // An exact term later wins over a fuzzy window starting earlier.
        assert_eq!(score("xcontoso", &["contoso"]), (1, 2));
        // Without fuzzy matching, a near miss is not found.
        assert_eq!(evaluate("contosa", &["contoso"], false), Found { matches: 0, points: 7 });
        assert_eq!(score("contosa99", &["contoso"]), (1, 3));
        // Nothing found: one point per character (code points, not bytes).
        assert_eq!(score("zürich", &["contoso"]), (0, 6));
        assert_eq!(score("", &["contoso"]), (0, 0));
        assert_eq!(score("contoso", &[]), (0, 7));
    }

    #[test]
    fn every_way_one_edit_is_found_as_a_substring() {
        let terms = ["widget"];
        for pw in ["1wldget1", "1widgt1", "1widxget1", "1vidget1", "1idget1", "1widge1"] {
            assert_eq!(score(pw, &terms).0, 1, "{pw}");
        }
        assert_eq!(score("1wdgt1", &terms).0, 0);
    }
}
