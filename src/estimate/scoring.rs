//! zxcvbn 4.4.2's scoring (`scoring.coffee`): guesses per match and the search for the
//! sequence of non-overlapping matches that takes the fewest guesses, in f64 like JavaScript.

use super::matching::{Ctx, Kind, M};

const BRUTEFORCE_CARDINALITY: f64 = 10.0;
const MIN_GUESSES_BEFORE_GROWING_SEQUENCE: f64 = 10_000.0;
const MIN_SUBMATCH_GUESSES_SINGLE_CHAR: f64 = 10.0;
const MIN_SUBMATCH_GUESSES_MULTI_CHAR: f64 = 50.0;
pub(crate) const MIN_YEAR_SPACE: i32 = 20;

/// `Math.log(n) / Math.log(10)`, as zxcvbn computes it.
pub(crate) fn log10(x: f64) -> f64 {
    x.ln() / std::f64::consts::LN_10
}

/// zxcvbn's `nCk`, in floating point and in its order of operations.
pub(crate) fn n_ck(n: usize, k: usize) -> f64 {
    if k > n {
        return 0.0;
    }
    if k == 0 {
        return 1.0;
    }
    let mut r = 1.0;
    let mut n = n as f64;
    for d in 1..=k {
        r *= n;
        r /= d as f64;
        n -= 1.0;
    }
    r
}

/// `Math.pow(MIN_GUESSES_BEFORE_GROWING_SEQUENCE, l - 1)`.
fn additive(l: usize) -> f64 {
    match l {
        0 | 1 => 1.0,
        2 => MIN_GUESSES_BEFORE_GROWING_SEQUENCE,
        3 => 1e8,
        4 => 1e12,
        5 => 1e16,
        6 => 1e20,
        _ => MIN_GUESSES_BEFORE_GROWING_SEQUENCE.powi(l as i32 - 1),
    }
}

fn factorial(n: usize) -> f64 {
    (2..=n).fold(1.0, |f, i| f * i as f64)
}

/// What a step of the best sequence is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Ref {
    /// `matches[k]`.
    Match(usize),
    /// Brute force over `i..=j`.
    Bruteforce,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Step {
    pub i: usize,
    pub j: usize,
    pub r: Ref,
    pub guesses: f64,
}

pub(crate) struct Best {
    pub guesses: f64,
    pub sequence: Vec<Step>,
}

/// zxcvbn's `update(m, l)`: considers the length-`l` sequence ending with `step`, whose first
/// `l - 1` matches have the guess product `prev_pi` (1 for `l == 1`), at `step.j`.
fn update(at: &mut Vec<Entry>, step: Step, prev_pi: f64, l: usize) {
    let pi = if l > 1 { step.guesses * prev_pi } else { step.guesses };
    let g = factorial(l) * pi + additive(l);
    if at.iter().any(|e| e.l <= l && e.g <= g) {
        return;
    }
    let e = Entry { l, g, pi, step };
    match at.iter().position(|e| e.l >= l) {
        Some(p) => match at.get_mut(p) {
            Some(slot) if slot.l == l => *slot = e,
            _ => at.insert(p, e),
        },
        None => at.push(e),
    }
}

#[derive(Clone, Copy)]
struct Entry {
    l: usize,
    g: f64,
    pi: f64,
    step: Step,
}

/// `most_guessable_match_sequence(password, matches)`.
pub(crate) fn most_guessable(units: &[u16], matches: &[M], ctx: &mut Ctx) -> Best {
    let n = units.len();
    if n == 0 {
        return Best { guesses: 1.0, sequence: Vec::new() };
    }
    let low = super::matching::lowercase(units);
    let guesses: Vec<f64> = matches.iter().map(|m| match_guesses(m, units, &low, ctx.year)).collect();
    // Matches by end, then start (stable: zxcvbn's order among equal spans).
    let mut by_j: Vec<usize> = (0..matches.len()).filter(|&k| matches.get(k).is_some_and(|m| m.j < n)).collect();
    by_j.sort_by_key(|&k| matches.get(k).map(|m| (m.j, m.i)));

    // Brute force guesses by length, and zxcvbn's additive term by sequence length.
    let bf: Vec<f64> = (0..=n).map(|len| bruteforce_guesses(len, n)).collect();
    let bf = |len: usize| bf.get(len).copied().unwrap_or(f64::MAX);
    let mut optimal: Vec<Vec<Entry>> = vec![Vec::new(); n];
    let mut updates = 0u32;
    let mut next = 0;
    for k in 0..n {
        let (before, rest) = optimal.split_at_mut(k);
        let Some(at) = rest.first_mut() else { break };
        while let Some(&mk) = by_j.get(next) {
            let Some(m) = matches.get(mk) else { break };
            if m.j != k {
                break;
            }
            next += 1;
            let step = Step { i: m.i, j: m.j, r: Ref::Match(mk), guesses: guesses.get(mk).copied().unwrap_or(1.0) };
            match m.i.checked_sub(1).and_then(|p| before.get(p)) {
                Some(prev) => {
                    for e in prev {
                        updates += 1;
                        update(at, step, e.pi, e.l + 1);
                    }
                }
                None if m.i == 0 => {
                    updates += 1;
                    update(at, step, 1.0, 1);
                }
                None => {}
            }
        }
        // Brute force ending at k: over the whole prefix, or after a non-brute-force sequence.
        updates += 1;
        update(at, Step { i: 0, j: k, r: Ref::Bruteforce, guesses: bf(k + 1) }, 1.0, 1);
        for (p, prev) in before.iter().enumerate() {
            let i = p + 1;
            let step = Step { i, j: k, r: Ref::Bruteforce, guesses: bf(k - i + 1) };
            for e in prev.iter().filter(|e| e.step.r != Ref::Bruteforce) {
                updates += 1;
                update(at, step, e.pi, e.l + 1);
            }
        }
    }
    ctx.stats.dp_updates += updates;

    // Unwind from the end: the length with the fewest guesses (the shortest on ties).
    let Some(last) = optimal.last() else { return Best { guesses: 1.0, sequence: Vec::new() } };
    let mut best: Option<&Entry> = None;
    for e in last {
        if best.is_none_or(|b| e.g < b.g) {
            best = Some(e);
        }
    }
    let Some(best) = best else { return Best { guesses: 1.0, sequence: Vec::new() } };
    let guesses = best.g;
    let mut sequence = Vec::with_capacity(best.l);
    let (mut k, mut l) = (n - 1, best.l);
    while let Some(e) = optimal.get(k).and_then(|v| v.iter().find(|e| e.l == l)) {
        sequence.push(e.step);
        if e.step.i == 0 || l <= 1 {
            break;
        }
        k = e.step.i - 1;
        l -= 1;
    }
    sequence.reverse();
    Best { guesses, sequence }
}

/// `estimate_guesses` for a brute-force match of `len` units in a password of `n`.
fn bruteforce_guesses(len: usize, n: usize) -> f64 {
    let mut g = BRUTEFORCE_CARDINALITY.powi(len as i32);
    if g.is_infinite() {
        g = f64::MAX;
    }
    let min = if len == 1 { MIN_SUBMATCH_GUESSES_SINGLE_CHAR + 1.0 } else { MIN_SUBMATCH_GUESSES_MULTI_CHAR + 1.0 };
    g.max(min).max(min_guesses(len, n))
}

fn min_guesses(len: usize, n: usize) -> f64 {
    if len < n {
        if len == 1 {
            MIN_SUBMATCH_GUESSES_SINGLE_CHAR
        } else {
            MIN_SUBMATCH_GUESSES_MULTI_CHAR
        }
    } else {
        1.0
    }
}

/// `estimate_guesses` for a match of the matchers.
pub(crate) fn match_guesses(m: &M, units: &[u16], low: &[u16], year: i32) -> f64 {
    let token = units.get(m.i..=m.j).unwrap_or(&[]);
    let len = token.len();
    let g = match &m.kind {
        Kind::Dictionary { rank, reversed, sub, folded, .. } => {
            let l33t = match sub {
                Some(sub) => l33t_variations(low.get(m.i..=m.j).unwrap_or(&[]), sub.pairs()),
                None => 1.0,
            };
            // A letter matched only once folded: written with its diacritic or without (x2 each).
            let diacritics = 2f64.powi(i32::from(*folded));
            *rank as f64 * uppercase_variations(token) * l33t * diacritics * if *reversed { 2.0 } else { 1.0 }
        }
        Kind::Spatial { turns, shifted, keys, degree, .. } => {
            spatial_guesses(*keys, *degree, len, *turns as usize, *shifted as usize)
        }
        Kind::Repeat { base_guesses, count, .. } => base_guesses * count,
        Kind::Sequence { ascending } => {
            let first = token.first().copied().unwrap_or(0);
            let mut base = if b"aAzZ019".iter().any(|&c| c as u16 == first) {
                4.0
            } else if (b'0' as u16..=b'9' as u16).contains(&first) {
                10.0
            } else {
                26.0
            };
            if !ascending {
                base *= 2.0;
            }
            base * len as f64
        }
        Kind::RecentYear { year: y } => ((y - year).abs().max(MIN_YEAR_SPACE)) as f64,
        Kind::Date { year: y, separator, .. } => {
            let g = ((y - year).abs().max(MIN_YEAR_SPACE)) as f64 * 365.0;
            if *separator {
                g * 4.0
            } else {
                g
            }
        }
    };
    g.max(min_guesses(len, units.len()))
}

fn is_upper(u: u16) -> bool {
    (b'A' as u16..=b'Z' as u16).contains(&u)
}

fn is_lower(u: u16) -> bool {
    (b'a' as u16..=b'z' as u16).contains(&u)
}

/// zxcvbn's `uppercase_variations` (its regexes only know ASCII letters).
pub(crate) fn uppercase_variations(token: &[u16]) -> f64 {
    let upper = token.iter().filter(|&&u| is_upper(u)).count();
    if upper == 0 {
        return 1.0;
    }
    let lower = token.iter().filter(|&&u| is_lower(u)).count();
    let n = token.len();
    let start_upper = n >= 2 && token.first().is_some_and(|&u| is_upper(u)) && upper == 1;
    let end_upper = n >= 2 && token.last().is_some_and(|&u| is_upper(u)) && upper == 1;
    if start_upper || end_upper || lower == 0 {
        return 2.0;
    }
    (1..=upper.min(lower)).map(|i| n_ck(upper + lower, i)).fold(0.0, |a, b| a + b)
}

fn l33t_variations(low: &[u16], sub: &[(u8, u8)]) -> f64 {
    let mut variations = 1.0;
    for &(subbed, unsubbed) in sub {
        let s = low.iter().filter(|&&u| u == subbed as u16).count();
        let u = low.iter().filter(|&&u| u == unsubbed as u16).count();
        if s == 0 || u == 0 {
            variations *= 2.0;
        } else {
            let p = s.min(u);
            variations *= (1..=p).map(|i| n_ck(u + s, i)).fold(0.0, |a, b| a + b);
        }
    }
    variations
}

/// `s`, `d`: the graph's key count and average degree (zxcvbn uses qwerty's for both of its
/// keyboards, the keypad's for both keypads).
fn spatial_guesses(s: f64, d: f64, len: usize, turns: usize, shifted: usize) -> f64 {
    let mut guesses = 0.0;
    for i in 2..=len {
        let possible_turns = turns.min(i - 1);
        for j in 1..=possible_turns {
            guesses += n_ck(i - 1, j - 1) * s * d.powf(j as f64);
        }
    }
    if shifted > 0 {
        let unshifted = len.saturating_sub(shifted);
        if unshifted == 0 {
            guesses *= 2.0;
        } else {
            guesses *= (1..=shifted.min(unshifted)).map(|i| n_ck(shifted + unshifted, i)).fold(0.0, |a, b| a + b);
        }
    }
    guesses
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn n_ck_values() {
        for (n, k, r) in [
            (0, 0, 1.0),
            (1, 0, 1.0),
            (5, 0, 1.0),
            (0, 1, 0.0),
            (0, 5, 0.0),
            (2, 1, 2.0),
            (4, 2, 6.0),
            (33, 7, 4_272_048.0),
        ] {
            assert_eq!(n_ck(n, k), r);
        }
    }

    #[test]
    fn uppercase_like_zxcvbn() {
        let u = |s: &str| uppercase_variations(&s.encode_utf16().collect::<Vec<_>>());
        assert_eq!(u(""), 1.0);
        assert_eq!(u("a"), 1.0);
        assert_eq!(u("A"), 2.0);
        assert_eq!(u("abcdef"), 1.0);
        assert_eq!(u("Abcdef"), 2.0);
        assert_eq!(u("abcdeF"), 2.0);
        assert_eq!(u("ABCDEF"), 2.0);
        assert_eq!(u("PASSWORD1"), 2.0);
        assert_eq!(u("aBcdef"), n_ck(6, 1));
        assert_eq!(u("aBcDef"), n_ck(6, 1) + n_ck(6, 2));
        assert_eq!(u("ABCDEf"), n_ck(6, 1));
        assert_eq!(u("aBCDEf"), n_ck(6, 1) + n_ck(6, 2));
        assert_eq!(u("ABCdef"), n_ck(6, 1) + n_ck(6, 2) + n_ck(6, 3));
    }

    #[test]
    fn degrees_are_zxcvbns() {
        use super::super::tables::{DEGREE_KEYPAD, DEGREE_QWERTY, KEYS_KEYPAD, KEYS_QWERTY};
        assert_eq!(KEYS_QWERTY, 94.0);
        assert!((DEGREE_QWERTY - 4.595744680851064).abs() < 1e-15);
        assert_eq!(KEYS_KEYPAD, 15.0);
        assert!((DEGREE_KEYPAD - 5.066666666666666).abs() < 1e-15);
    }
}
