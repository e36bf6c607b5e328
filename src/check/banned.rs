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
//! checker's analysis limit, 4,096): a term takes part in step 1 only if the password contains
//! it, in step 2 only if the password contains its first or its second half (one edit leaves one
//! half whole); these are 3 substring searches per term, O(T · (n + L)). Then each position tries
//! each such candidate: one prefix test in step 1, at most 3 window tests in step 2, each
//! comparison stopping at the first difference beyond the one edit: O(n · Σ(L + 1)) over the
//! candidates in the worst case (a password that nearly matches every term at every position),
//! and one or two character comparisons per position and candidate in practice. For Entra's list
//! (at most 1000 terms of 4 to 16 characters) that is at most 4096 × 1000 × 4 × 17 character
//! comparisons, linear in the password with a constant per term.

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
    let mut covered = vec![false; n];
    let mut matches = 0u32;
    let mut points = 0u32;

    let exact = candidates(terms, |t| password.contains(t));
    let mut i = 0;
    while i < n {
        let rest = pw.get(i..).unwrap_or_default();
        match exact.iter().find(|t| rest.starts_with(t)) {
            Some(t) => {
                covered.get_mut(i..i + t.len()).into_iter().flatten().for_each(|c| *c = true);
                matches += 1;
                points += 1;
                i += t.len();
            }
            None => i += 1,
        }
    }

    let near = if fuzzy { candidates(terms, |t| halves_in(password, t)) } else { Vec::new() };
    let mut i = 0;
    while i < n {
        if covered.get(i).copied().unwrap_or(true) {
            i += 1;
            continue;
        }
        // The uncovered stretch [i, end).
        let end = covered.get(i..).and_then(|c| c.iter().position(|c| *c)).map_or(n, |k| i + k);
        while i < end {
            let best = near
                .iter()
                .filter_map(|t| {
                    let l = t.len();
                    [l + 1, l, l.saturating_sub(1)]
                        .into_iter()
                        .filter(|w| *w >= 1 && i + w <= end)
                        .find(|w| pw.get(i..i + w).is_some_and(|window| one_edit(window, t)))
                })
                .max()
                .unwrap_or(0);
            if best > 0 {
                matches += 1;
                i += best;
            } else {
                i += 1;
            }
            points += 1;
        }
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

/// Whether `window` is at most one edit (a change, an addition, a removal) away from `term`.
fn one_edit(window: &[char], term: &[char]) -> bool {
    let p = window.iter().zip(term).take_while(|(a, b)| a == b).count();
    match window.len().abs_diff(term.len()) {
        0 => window.get(p + 1..) == term.get(p + 1..),
        1 if window.len() > term.len() => window.get(p + 1..) == term.get(p..),
        1 => window.get(p..) == term.get(p + 1..),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(password: &str, terms: &[&str]) -> (u32, u32) {
        let f = evaluate(password, terms, true);
        (f.matches, f.points)
    }

    #[test]
    fn one_edit_away() {
        let t: Vec<char> = "abcdef".chars().collect();
        let w = |s: &str| s.chars().collect::<Vec<char>>();
        for near in ["abcdef", "abcdeg", "abcdefg", "abcde", "xbcdef", "abxdef", "abcxdef", "bcdef", "acdef"] {
            assert!(one_edit(&w(near), &t), "{near}");
        }
        for far in ["abcdgh", "abcdefgh", "abcd", "abxxef", "bacdef", "fedcba"] {
            assert!(!one_edit(&w(far), &t), "{far}");
        }
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
