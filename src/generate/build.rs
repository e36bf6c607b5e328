//! Building one password: place the required characters, lay them out at random positions, fill
//! the rest from the alphabet while keeping every run within `maxRepeat` and `maxSequence`, with
//! at least `minUnique` distinct characters.
//!
//! Every loop here is bounded by the password length or by the sum of the requirements' minimums;
//! nothing retries on luck.

use std::ops::Range;

use super::random::{choose, shuffle, RandomSource};
use crate::check::sequence::{self, key};
use crate::error::Result;

/// The requirements of a policy, resolved to characters.
#[derive(Debug, Clone)]
pub struct Demands {
    /// Characters that can meet each demand (sorted). Mandatory demands come first.
    pub pools: Vec<Vec<char>>,
    pub mins: Vec<u32>,
    /// `0..mandatory` are required on their own (`classes`, `sets`).
    pub mandatory: usize,
    /// N-of-M rules: N and the range of their requirements in `pools`.
    pub rules: Vec<(u32, Range<usize>)>,
    /// Every character that can be placed or filled, sorted, and which demands each one meets.
    pub universe: Vec<char>,
    pub member: Vec<Vec<bool>>,
    /// The preferred characters (sorted): `Mode::Cover` takes one of them when it can.
    pub preferred: Vec<char>,
}

/// How the required characters are picked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Uniformly from the pool of the most constrained unmet demand.
    Random,
    /// Greedily the character that most lowers the estimate of the characters still needed, then
    /// helps the most demands (uniformly among ties, preferring the preferred tier): for
    /// requirements that only fit the length when characters are shared.
    Cover,
}

impl Demands {
    fn members(&self, c: char) -> Option<&Vec<bool>> {
        self.universe.binary_search(&c).ok().and_then(|i| self.member.get(i))
    }

    fn deficit(&self, counts: &[u32], d: usize) -> u32 {
        self.mins.get(d).copied().unwrap_or(0).saturating_sub(counts.get(d).copied().unwrap_or(0))
    }

    fn pool_len(&self, d: usize) -> usize {
        self.pools.get(d).map_or(0, Vec::len)
    }

    fn rule_met(&self, counts: &[u32], range: &Range<usize>) -> u32 {
        range.clone().filter(|d| self.deficit(counts, *d) == 0).count() as u32
    }

    /// Whether demand `d` still needs characters for the password to pass.
    fn active(&self, counts: &[u32], d: usize) -> bool {
        if self.deficit(counts, d) == 0 {
            return false;
        }
        if d < self.mandatory {
            return true;
        }
        self.rules.iter().any(|(n, r)| r.contains(&d) && self.rule_met(counts, r) < *n)
    }

    /// An estimate of the characters still to place, ignoring sharing: every mandatory deficit,
    /// plus for each N-of-M rule short of N the smallest deficits of the requirements it still
    /// needs.
    fn remaining(&self, counts: &[u32]) -> u64 {
        let mut total: u64 = (0..self.mandatory).map(|d| u64::from(self.deficit(counts, d))).sum();
        for (n, range) in &self.rules {
            let need = n.saturating_sub(self.rule_met(counts, range)) as usize;
            let mut deficits: Vec<u32> = range
                .clone()
                .filter(|d| self.pool_len(*d) > 0)
                .map(|d| self.deficit(counts, d))
                .filter(|x| *x > 0)
                .collect();
            deficits.sort_unstable();
            total += deficits.iter().take(need).map(|x| u64::from(*x)).sum::<u64>();
        }
        total
    }

    /// The next demand to work on: the unmet mandatory demand with the fewest candidates, else for
    /// the first N-of-M rule short of N, its unmet requirement closest to being met (ties: more
    /// candidates). Requirements nothing can meet are never picked.
    fn next_target(&self, counts: &[u32]) -> Option<usize> {
        let mandatory =
            (0..self.mandatory).filter(|d| self.deficit(counts, *d) > 0).min_by_key(|d| (self.pool_len(*d), *d));
        if mandatory.is_some() {
            return mandatory;
        }
        for (n, range) in &self.rules {
            if self.rule_met(counts, range) >= *n {
                continue;
            }
            let best = range
                .clone()
                .filter(|d| self.deficit(counts, *d) > 0 && self.pool_len(*d) > 0)
                .min_by_key(|d| (self.deficit(counts, *d), std::cmp::Reverse(self.pool_len(*d)), *d));
            if best.is_some() {
                return best;
            }
        }
        None
    }

    /// The required characters of one password, in the order they were picked. Bounded: every
    /// step raises the count of an unmet demand, so there are at most `sum(mins)` steps.
    pub fn place(&self, mode: Mode, rng: &mut dyn RandomSource) -> Result<Vec<char>> {
        let mut counts = vec![0u32; self.pools.len()];
        let mut placed: Vec<char> = Vec::new();
        let steps: u64 = self.mins.iter().map(|m| u64::from(*m)).sum();
        for _ in 0..steps {
            let Some(target) = self.next_target(&counts) else { break };
            let pool = self.pools.get(target).map_or(&[][..], Vec::as_slice);
            let c = match mode {
                Mode::Random => choose(rng, pool)?,
                Mode::Cover => {
                    // Over every character, not only the target's pool: the one that lowers the
                    // estimate of the characters still needed (`remaining`) the most, then helps
                    // the most unmet demands at once (two N-of-M requirements on digits, or a
                    // symbol that is also in a set, share their characters).
                    let now = self.remaining(&counts);
                    let mut next = counts.clone();
                    let mut scored: Vec<(char, (u64, usize))> = Vec::new();
                    for (c, m) in self.universe.iter().zip(&self.member) {
                        let helped = m.iter().enumerate().filter(|(d, is)| **is && self.active(&counts, *d)).count();
                        if helped == 0 {
                            continue;
                        }
                        next.copy_from_slice(&counts);
                        for (d, is) in m.iter().enumerate() {
                            if let (true, Some(n)) = (*is, next.get_mut(d)) {
                                *n += 1;
                            }
                        }
                        scored.push((*c, (now.saturating_sub(self.remaining(&next)), helped)));
                    }
                    let best = scored.iter().map(|(_, s)| *s).max();
                    let top: Vec<char> = scored.iter().filter(|(_, s)| Some(*s) == best).map(|(c, _)| *c).collect();
                    let top_preferred: Vec<char> =
                        top.iter().copied().filter(|c| self.preferred.binary_search(c).is_ok()).collect();
                    match (top.is_empty(), top_preferred.is_empty()) {
                        // Nothing helps (cannot happen: the target's pool does).
                        (true, _) => choose(rng, pool)?,
                        (false, true) => choose(rng, &top)?,
                        (false, false) => choose(rng, &top_preferred)?,
                    }
                }
            };
            if let Some(m) = self.members(c) {
                for (d, is) in m.iter().enumerate() {
                    if *is {
                        if let Some(n) = counts.get_mut(d) {
                            *n += 1;
                        }
                    }
                }
            }
            placed.push(c);
        }
        Ok(placed)
    }

    /// The fewest characters any password meeting these demands has: the largest mandatory
    /// minimum, and for each N-of-M rule the N-th smallest minimum among the requirements
    /// something can meet (characters may count for several demands, so no sum).
    pub fn placement_floor(&self) -> u64 {
        let mut floor = self.mins.iter().take(self.mandatory).copied().max().unwrap_or(0);
        for (n, range) in &self.rules {
            let mut mins: Vec<u32> =
                range.clone().filter(|d| self.pool_len(*d) > 0).filter_map(|d| self.mins.get(d).copied()).collect();
            mins.sort_unstable();
            if let Some(m) = mins.get((*n as usize).saturating_sub(1)) {
                floor = floor.max(*m);
            }
        }
        u64::from(floor)
    }

    /// The largest number of characters `place(Random)` can pick: every mandatory minimum plus,
    /// per N-of-M rule, its N largest minimums among the requirements something can meet.
    pub fn placement_bound(&self) -> u64 {
        let mut total: u64 = self.mins.iter().take(self.mandatory).map(|m| u64::from(*m)).sum();
        for (n, range) in &self.rules {
            let mut mins: Vec<u32> =
                range.clone().filter(|d| self.pool_len(*d) > 0).filter_map(|d| self.mins.get(d).copied()).collect();
            mins.sort_unstable_by(|a, b| b.cmp(a));
            total += mins.iter().take(*n as usize).map(|m| u64::from(*m)).sum::<u64>();
        }
        total
    }
}

/// The limits a password is laid out within: the runs of `maxRepeat` and `maxSequence`, and the
/// distinct characters of `minUnique`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Limits {
    pub repeat: Option<u32>,
    pub sequence: Option<u32>,
    pub unique: Option<u32>,
}

impl Limits {
    fn any(self) -> bool {
        self.repeat.is_some() || self.sequence.is_some() || self.unique.is_some_and(|n| n > 1)
    }

    /// Whether `a` followed by `b` starts or continues a run a limit counts: the same character
    /// (with `maxRepeat`), or a step of a sequence (with `maxSequence`).
    fn links(self, a: Option<char>, b: Option<char>) -> bool {
        let (Some(a), Some(b)) = (a, b) else { return false };
        (self.repeat.is_some() && a == b) || (self.sequence.is_some() && sequence::step(key(a), key(b)) != 0)
    }
}

/// The runs that end at the last character laid out: of that very character, and the
/// ascending and descending sequences (`check::sequence`, the checker's definition).
#[derive(Debug, Clone, Copy, Default)]
struct Tail {
    last: Option<char>,
    same: usize,
    seq: sequence::Runs,
}

impl Tail {
    fn then(self, c: char) -> Tail {
        self.then_keyed(c, key(c))
    }

    /// `then` for a character whose sequence key is known.
    fn then_keyed(self, c: char, k: Option<sequence::Key>) -> Tail {
        Tail { last: Some(c), same: if self.last == Some(c) { self.same + 1 } else { 1 }, seq: self.seq.then(k) }
    }

    fn within(&self, rep: usize, seq: usize) -> bool {
        self.same <= rep && self.seq.longest() as usize <= seq
    }
}

/// The fixed (required) characters that follow a free position: the first, and the lengths of
/// the runs they start (of that character, ascending, descending).
#[derive(Debug, Clone, Copy)]
struct Ahead {
    first: char,
    same: usize,
    up: usize,
    down: usize,
}

impl Ahead {
    /// The fixed run starting at `from`, `None` when that position is free (or past the end).
    fn at(slots: &[Option<char>], from: usize, limits: Limits) -> Option<Ahead> {
        let first = slots.get(from).copied().flatten()?;
        let mut a = Ahead { first, same: 1, up: 1, down: 1 };
        let (mut same, mut up, mut down) = (true, limits.sequence.is_some(), limits.sequence.is_some());
        let mut prev = first;
        // Each run stops at its first break; the loop ends when all three have.
        for c in slots.iter().skip(from + 1).map_while(|s| *s) {
            same &= c == prev;
            let s = if up || down { sequence::step(key(prev), key(c)) } else { 0 };
            up &= s == 1;
            down &= s == -1;
            if !(same || up || down) {
                break;
            }
            a.same += usize::from(same);
            a.up += usize::from(up);
            a.down += usize::from(down);
            prev = c;
        }
        Some(a)
    }
}

/// Lays `required` out at uniformly random positions among `n` and fills the other positions
/// with uniformly random characters of `fill`, keeping every run within `limits`: no character
/// more than `maxRepeat` times in a row, no sequence longer than `maxSequence`. Runs among the
/// required characters are broken by moving the character that makes one too long to a free
/// position where it links with neither neighbour; each fill character is drawn uniformly from
/// the characters of `fill` that keep the runs through it (with the characters laid out on its
/// left and the required ones on its right) within the limits: at most 2 characters are left out
/// for `maxRepeat` (the neighbours), and for `maxSequence` those one step from a neighbour (at
/// most 4 lower-cased letters or digits, in every case of them). With `minUnique`, once the
/// free positions left are as many as the distinct characters still missing, each one takes a
/// character not used yet (in the password so far or among the required ones). `None` when that
/// is impossible with these characters (a tiny alphabet).
pub fn arrange(
    required: &[char],
    n: usize,
    fill: &[char],
    limits: Limits,
    rng: &mut dyn RandomSource,
) -> Result<Option<Vec<char>>> {
    if required.len() > n || (required.len() < n && fill.is_empty()) {
        return Ok(None);
    }
    let mut slots: Vec<Option<char>> = required.iter().copied().map(Some).collect();
    slots.resize(n, None);
    shuffle(rng, &mut slots)?;
    if !limits.any() {
        let mut out = Vec::with_capacity(n);
        for s in slots {
            out.push(match s {
                Some(c) => c,
                None => choose(rng, fill)?,
            });
        }
        return Ok(Some(out));
    }
    let rep = limits.repeat.map_or(usize::MAX, |m| m.max(1) as usize);
    let seq = limits.sequence.map_or(usize::MAX, |m| m.max(1) as usize);

    // Break the runs among the required characters that are too long.
    let at = |slots: &[Option<char>], i: Option<usize>| i.and_then(|i| slots.get(i).copied().flatten());
    let mut tail = Tail::default();
    for i in 0..n {
        let Some(c) = at(&slots, Some(i)) else {
            tail = Tail::default();
            continue;
        };
        let next = tail.then(c);
        if next.within(rep, seq) {
            tail = next;
            continue;
        }
        if let Some(s) = slots.get_mut(i) {
            *s = None;
        }
        let free: Vec<usize> = (0..n)
            .filter(|&j| j != i && at(&slots, Some(j)).is_none())
            .filter(|&j| {
                !limits.links(at(&slots, j.checked_sub(1)), Some(c)) && !limits.links(Some(c), at(&slots, Some(j + 1)))
            })
            .collect();
        if free.is_empty() {
            return Ok(None);
        }
        let j = choose(rng, &free)?;
        if let Some(s) = slots.get_mut(j) {
            *s = Some(c);
        }
        tail = Tail::default();
    }

    // Fill left to right, counting the distinct characters (the required ones count from the
    // start) and the free positions left.
    let want = limits.unique.map_or(0, |u| u as usize);
    let mut used: Vec<char> = if want > 0 { slots.iter().filter_map(|s| *s).collect() } else { Vec::new() };
    used.sort_unstable();
    used.dedup();
    let mut free_left = slots.iter().filter(|s| s.is_none()).count();
    if used.len() + free_left < want {
        return Ok(None);
    }
    let mut out: Vec<char> = Vec::with_capacity(n);
    let mut tail = Tail::default();
    let mut choices: Vec<char> = Vec::with_capacity(fill.len());
    let keys: Vec<Option<sequence::Key>> = fill.iter().map(|c| key(*c)).collect();
    for i in 0..n {
        let c = match at(&slots, Some(i)) {
            Some(c) => c,
            None => {
                let ahead = Ahead::at(&slots, i + 1, limits);
                let ahead_key = ahead.and_then(|a| key(a.first));
                let fits = |x: char, k: Option<sequence::Key>| {
                    let t = tail.then_keyed(x, k);
                    if !t.within(rep, seq) {
                        return false;
                    }
                    let Some(a) = ahead else { return true };
                    let joined = match sequence::step(k, ahead_key) {
                        1 => t.seq.up as usize + a.up,
                        -1 => t.seq.down as usize + a.down,
                        _ => 0,
                    };
                    !(x == a.first && t.same + a.same > rep) && joined <= seq
                };
                // Only new characters when every free position left must bring one.
                let must_be_new = want > 0 && want.saturating_sub(used.len()) >= free_left;
                let new = |x: char| !must_be_new || used.binary_search(&x).is_err();
                choices.clear();
                choices.extend(fill.iter().zip(&keys).filter(|(x, k)| new(**x) && fits(**x, **k)).map(|(x, _)| *x));
                if choices.is_empty() {
                    return Ok(None);
                }
                let c = choose(rng, &choices)?;
                free_left -= 1;
                if want > 0 {
                    if let Err(at) = used.binary_search(&c) {
                        used.insert(at, c);
                    }
                }
                c
            }
        };
        tail = tail.then(c);
        out.push(c);
    }
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::random::SplitMix;

    fn longest_run(s: &[char]) -> usize {
        let mut best = 0;
        let mut run = 0;
        let mut prev = None;
        for c in s {
            run = if prev == Some(*c) { run + 1 } else { 1 };
            prev = Some(*c);
            best = best.max(run);
        }
        best
    }

    #[test]
    fn runs_stay_within_max_repeat() {
        let mut rng = SplitMix(1);
        for m in 1..=3u32 {
            for seed in 0..300 {
                let fill: Vec<char> = if seed % 2 == 0 { vec!['a', 'b'] } else { vec!['a', 'b', 'c'] };
                let required = ['a', 'a', 'a', 'b'];
                let n = 12;
                let limits = Limits { repeat: Some(m), sequence: None, unique: None };
                if let Some(out) = arrange(&required, n, &fill, limits, &mut rng).unwrap() {
                    assert_eq!(out.len(), n);
                    assert!(longest_run(&out) <= m as usize, "{out:?} m={m}");
                    assert!(out.iter().filter(|c| **c == 'a').count() >= 3);
                } else {
                    // Only a two-letter alphabet may get stuck.
                    assert_eq!(fill.len(), 2);
                }
            }
        }
    }

    #[test]
    fn identical_required_characters_are_spread() {
        let mut rng = SplitMix(9);
        let mut laid_out = 0;
        for _ in 0..1000 {
            // Four '!' in 8 positions with no two adjacent: few layouts work.
            let limits = Limits { repeat: Some(1), sequence: None, unique: None };
            let Some(out) = arrange(&['!', '!', '!', '!'], 8, &['x', 'y', 'z'], limits, &mut rng).unwrap() else {
                continue;
            };
            laid_out += 1;
            assert_eq!(out.iter().filter(|c| **c == '!').count(), 4);
            assert_eq!(longest_run(&out), 1, "{out:?}");
        }
        println!("laid out {laid_out} of 1000");
        assert!(laid_out > 500, "{laid_out}");
    }

    fn longest_sequence(s: &[char]) -> u32 {
        let mut runs = sequence::Runs::default();
        s.iter()
            .map(|c| {
                runs = runs.then(key(*c));
                runs.longest()
            })
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn sequences_stay_within_max_sequence() {
        let mut rng = SplitMix(5);
        let fills: [&[char]; 4] =
            [&['a', 'b'], &['a', 'b', 'c'], &['0', '1', '2', 'x', 'y', 'z', 'X', 'Y', 'Z'], &['1', '2']];
        // Required characters that form sequences in almost any order, with repeats and both cases.
        let required = ['a', 'B', 'c', 'd', '1', '2', '3', 'c', 'C'];
        let mut laid_out = 0;
        for m in 2..=4u32 {
            for repeat in [None, Some(1), Some(2)] {
                for fill in fills {
                    for _ in 0..100 {
                        let limits = Limits { repeat, sequence: Some(m), unique: None };
                        let Some(out) = arrange(&required, 16, fill, limits, &mut rng).unwrap() else { continue };
                        laid_out += 1;
                        assert_eq!(out.len(), 16);
                        assert!(longest_sequence(&out) <= m, "{out:?} m={m}");
                        if let Some(r) = repeat {
                            assert!(longest_run(&out) <= r as usize, "{out:?} repeat={r}");
                        }
                        // Every required character is there.
                        let mut rest = out.clone();
                        for c in required {
                            let i = rest.iter().position(|x| *x == c).unwrap();
                            rest.remove(i);
                        }
                    }
                }
            }
        }
        println!("laid out {laid_out} of {}", 3 * 3 * 4 * 100);
        assert!(laid_out > 3 * 3 * 4 * 100 / 2, "{laid_out}");
    }

    fn distinct(s: &[char]) -> usize {
        let mut v = s.to_vec();
        v.sort_unstable();
        v.dedup();
        v.len()
    }

    #[test]
    fn distinct_characters_reach_min_unique() {
        let mut rng = SplitMix(11);
        let fills: [&[char]; 3] =
            [&['a', 'b', 'c', 'd', 'e'], &['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], &['x', 'y']];
        // Required characters with repeats: they count once.
        let required = ['a', 'a', 'b', 'b'];
        let mut laid_out = 0;
        let mut tries = 0;
        for fill in fills {
            let most = distinct(&[fill, &required[..]].concat());
            for want in 1..=most as u32 {
                for limits in [
                    Limits { repeat: None, sequence: None, unique: Some(want) },
                    Limits { repeat: Some(1), sequence: None, unique: Some(want) },
                    Limits { repeat: Some(2), sequence: Some(2), unique: Some(want) },
                ] {
                    for n in [want as usize, want as usize + 1, 12] {
                        let n = n.max(4);
                        for _ in 0..20 {
                            tries += 1;
                            let got = arrange(&required, n, fill, limits, &mut rng).unwrap();
                            // Without run limits: laid out whenever the free positions can bring
                            // the missing characters (a and b are required).
                            if limits.repeat.is_none() && n - 4 + 2 >= want as usize {
                                assert!(got.is_some(), "n={n} want={want} fill={fill:?}");
                            }
                            let Some(out) = got else { continue };
                            laid_out += 1;
                            assert!(distinct(&out) >= want as usize, "{out:?} want={want}");
                            if let Some(r) = limits.repeat {
                                assert!(longest_run(&out) <= r as usize, "{out:?}");
                            }
                            if let Some(m) = limits.sequence {
                                assert!(longest_sequence(&out) <= m, "{out:?}");
                            }
                        }
                    }
                }
            }
            // More distinct characters than there are: never laid out.
            let limits = Limits { repeat: None, sequence: None, unique: Some(most as u32 + 1) };
            assert_eq!(arrange(&required, 30, fill, limits, &mut rng).unwrap(), None);
        }
        println!("laid out {laid_out} of {tries}");
        assert!(laid_out > tries / 3, "{laid_out} of {tries}");
    }

    #[test]
    fn cover_mode_shares_characters() {
        // Two sets that overlap only in '!': one character must meet both when n = 1.
        let d = Demands {
            pools: vec![vec!['!', 'a', 'b', 'c'], vec!['!', '#', '$']],
            mins: vec![1, 1],
            mandatory: 2,
            rules: vec![],
            universe: vec!['!', '#', '$', 'a', 'b', 'c'],
            member: vec![
                vec![true, true],
                vec![false, true],
                vec![false, true],
                vec![true, false],
                vec![true, false],
                vec![true, false],
            ],
            preferred: vec!['!', '#', '$', 'a', 'b', 'c'],
        };
        let mut rng = SplitMix(3);
        for _ in 0..50 {
            assert_eq!(d.place(Mode::Cover, &mut rng).unwrap(), vec!['!']);
        }
        assert_eq!(d.placement_bound(), 2);
    }
}
