//! The matchers of zxcvbn 4.4.2 (`matching.coffee`): dictionary (plain, reversed, l33t),
//! spatial, repeat, sequence, regex (recent years) and date, with its exact semantics on UTF-16
//! code units (JavaScript string indices).
//!
//! Differences in *how*, never in *what*:
//! - dictionary lookups walk each start position one unit at a time over the sorted static lists
//!   and stop as soon as no word has the prefix (zxcvbn looks every substring up);
//! - l33t: instead of re-running the dictionary matcher on the password translated by each of
//!   zxcvbn's substitution tables (up to 736 of them), the same walk branches at each l33t
//!   character over its readings (itself or one of its letters), keeping a bit set of the
//!   tables still consistent with the choices made inside the token. A match is reported with the
//!   first consistent table, which is the one zxcvbn reports first. The branching is bounded by
//!   the dictionaries' prefixes and, for adversarial inputs, by [`L33T_BUDGET`];
//! - the repeat "regexes" `(.+)\1+`, `(.+?)\1+` and `^(.+?)\1+$` and the date and year patterns
//!   are written out by hand.

use super::dict::{Dictionary, Dicts, Found, StaticCursor, UserCursor, UserDict};
use super::lang::{fold_unit, Keyboard, Languages};
use super::scoring;
use super::tables::{
    DEGREE_KEYPAD, DEGREE_QWERTY, GRAPH_DVORAK, GRAPH_KEYPAD, GRAPH_MAC_KEYPAD, GRAPH_QWERTY, KEYS_KEYPAD, KEYS_QWERTY,
    SLOTS_DVORAK, SLOTS_KEYPAD, SLOTS_MAC_KEYPAD, SLOTS_QWERTY,
};

/// Most l33t walk steps (dictionary steps on a branch that reads a l33t character as a letter)
/// per matcher run. Realistic passwords need a few hundred; crafted strings of l33t characters
/// are cut here (and may then miss l33t matches that zxcvbn finds).
pub(crate) const L33T_BUDGET: u32 = 20_000;

/// Operation counts of one estimate (for tests and benchmarks).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    /// Dictionary steps: bucket-head comparisons and decoded words.
    pub dict_steps: u32,
    /// Walk steps on l33t branches.
    pub l33t_steps: u32,
    /// Whether the l33t budget cut a walk short.
    pub l33t_capped: bool,
    /// Substitution tables enumerated (summed over matcher runs).
    pub l33t_tables: u32,
    /// Substring comparisons of the repeat matcher.
    pub repeat_probes: u32,
    /// Updates of the scoring search.
    pub dp_updates: u32,
    /// Matcher runs (1 + one per repeat base token).
    pub omnimatch_runs: u32,
}

/// What the matchers share for one estimate.
pub(crate) struct Ctx<'a> {
    pub user: &'a UserDict,
    pub year: i32,
    pub stats: Stats,
    /// The word lists and keyboards used (zxcvbn's English alone by default), and whether
    /// diacritics are folded.
    pub langs: Languages,
}

/// The l33t substitutions of a match: (l33t unit, letter) pairs.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Sub {
    pairs: [(u8, u8); 12],
    len: u8,
}

impl Sub {
    pub(crate) fn pairs(&self) -> &[(u8, u8)] {
        self.pairs.get(..self.len as usize).unwrap_or(&[])
    }
    fn push(&mut self, pair: (u8, u8)) {
        if let Some(slot) = self.pairs.get_mut(self.len as usize) {
            *slot = pair;
            self.len += 1;
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Kind {
    /// `folded`: how many of the token's letters matched only once their diacritics were folded.
    Dictionary {
        dict: Dictionary,
        rank: u32,
        reversed: bool,
        sub: Option<Sub>,
        folded: u8,
    },
    /// `graph`: an index in [`GRAPH_NAMES`], or 4 + the index of a language pack's keyboard (see
    /// [`keyboards`]); `keys` and `degree`: the key count and average degree its guesses use.
    Spatial {
        graph: u8,
        turns: u32,
        shifted: u32,
        keys: f64,
        degree: f64,
    },
    Repeat {
        base_guesses: f64,
        count: f64,
        base_len: usize,
    },
    Sequence {
        ascending: bool,
    },
    RecentYear {
        year: i32,
    },
    Date {
        year: i32,
        month: u8,
        day: u8,
        separator: bool,
    },
}

/// A match over UTF-16 units `i..=j`. `order` reproduces zxcvbn's order of matches with the
/// same `i` and `j` (which decides ties in the scoring search).
#[derive(Clone, Debug)]
pub(crate) struct M {
    pub i: usize,
    pub j: usize,
    pub order: u32,
    pub kind: Kind,
}

const ORDER_DICT: u32 = 0;
const ORDER_REVERSED: u32 = 1;
const ORDER_L33T: u32 = 2;
const ORDER_SPATIAL: u32 = 3;
const ORDER_REPEAT: u32 = 4;
const ORDER_SEQUENCE: u32 = 5;
const ORDER_REGEX: u32 = 6;
const ORDER_DATE: u32 = 7;

fn order(kind: u32, table: u32, minor: u32) -> u32 {
    (kind << 24) | (table.min(0xffff) << 8) | minor
}

/// Lower-cases like `String.prototype.toLowerCase` wherever that keeps the length: ASCII
/// directly, other text a run of valid UTF-16 at a time (so that a final sigma becomes `ς` as in
/// JavaScript), character by character where a run would change length (only `İ` does, whose
/// expansion shifts zxcvbn's indices; we keep it as it is).
pub(crate) fn lowercase(units: &[u16]) -> Vec<u16> {
    if units.iter().all(|&u| u < 0x80) {
        return units.iter().map(|&u| if (0x41..=0x5a).contains(&u) { u + 0x20 } else { u }).collect();
    }
    let mut out = Vec::with_capacity(units.len());
    let mut run = String::new();
    let mut run_len = 0;
    let flush = |run: &mut String, run_len: &mut usize, out: &mut Vec<u16>| {
        let lower = run.to_lowercase();
        if lower.encode_utf16().count() == *run_len {
            out.extend(lower.encode_utf16());
        } else {
            for c in run.chars() {
                let mut lc = c.to_lowercase();
                let mut buf = [0u16; 2];
                match (lc.next(), lc.next()) {
                    (Some(l), None) if l.len_utf16() == c.len_utf16() => {
                        out.extend_from_slice(l.encode_utf16(&mut buf))
                    }
                    _ => out.extend_from_slice(c.encode_utf16(&mut buf)),
                }
            }
        }
        run.clear();
        *run_len = 0;
    };
    for r in char::decode_utf16(units.iter().copied()) {
        match r {
            Ok(c) => {
                run.push(c);
                run_len += c.len_utf16();
            }
            Err(e) => {
                flush(&mut run, &mut run_len, &mut out);
                out.push(e.unpaired_surrogate());
            }
        }
    }
    flush(&mut run, &mut run_len, &mut out);
    out
}

/// All matches of `units`, sorted as zxcvbn's `omnimatch` sorts them.
pub(crate) fn omnimatch(units: &[u16], ctx: &mut Ctx) -> Vec<M> {
    ctx.stats.omnimatch_runs += 1;
    let low = lowercase(units);
    let mut out = Vec::new();
    dictionary(units, &low, ctx, &mut out);
    spatial(units, &mut out);
    for (k, kb) in keyboards(ctx.langs).enumerate() {
        keyboard_spatial(units, kb, GRAPH_NAMES.len() + k, &mut out);
    }
    repeat(units, ctx, &mut out);
    sequence(units, &mut out);
    recent_years(units, &mut out);
    dates(units, ctx.year, &mut out);
    out.sort_by_key(|m| (m.i, m.j, m.order));
    out
}

// ---------------------------------------------------------------------------------------------
// Dictionary, reversed and l33t
// ---------------------------------------------------------------------------------------------

/// zxcvbn's L33T_TABLE, in its order.
const L33T_TABLE: [(u8, &[u8]); 12] = [
    (b'a', b"4@"),
    (b'b', b"8"),
    (b'c', b"({[<"),
    (b'e', b"3"),
    (b'g', b"69"),
    (b'i', b"1!|"),
    (b'l', b"1|7"),
    (b'o', b"0"),
    (b's', b"$5"),
    (b't', b"+7"),
    (b'x', b"%"),
    (b'z', b"2"),
];
/// The distinct l33t characters, and the letters each can stand for (in table order).
const L33T_CHARS: [(u8, &[u8]); 20] = [
    (b'4', b"a"),
    (b'@', b"a"),
    (b'8', b"b"),
    (b'(', b"c"),
    (b'{', b"c"),
    (b'[', b"c"),
    (b'<', b"c"),
    (b'3', b"e"),
    (b'6', b"g"),
    (b'9', b"g"),
    (b'1', b"il"),
    (b'!', b"i"),
    (b'|', b"il"),
    (b'7', b"lt"),
    (b'0', b"o"),
    (b'$', b"s"),
    (b'5', b"s"),
    (b'+', b"t"),
    (b'%', b"x"),
    (b'2', b"z"),
];
/// Readings per l33t character: itself, or one of at most two letters.
const OPTS: usize = 3;
/// Bit-set words: room for 768 substitution tables (zxcvbn's enumeration has at most 736).
const W: usize = 12;
const MAX_TABLES: usize = W * 64;

type Bits = [u64; W];

fn l33t_index(u: u16) -> Option<usize> {
    L33T_CHARS.iter().position(|&(c, _)| c as u16 == u)
}

/// The substitution tables of zxcvbn's `enumerate_l33t_subs(relevant_l33t_subtable(pw))`, as bit
/// sets: `masks[x * OPTS + opt]` holds the tables that read l33t character `x` as `opt`
/// (0: itself, 1 + k: its k-th letter).
struct L33t {
    relevant: u32,
    tables: usize,
    masks: Vec<Bits>,
}

impl L33t {
    fn new(units: &[u16], stats: &mut Stats) -> Option<L33t> {
        let mut present = [false; 20];
        for &u in units {
            if let Some(x) = l33t_index(u) {
                present[x] = true;
            }
        }
        // A table reads each l33t character x as bits 2x..2x+2 of a u64: 0 itself, 1 + k its
        // k-th letter.
        let mut subs: Vec<u64> = vec![0];
        let mut any = false;
        for &(letter, chars) in &L33T_TABLE {
            let relevant: Vec<(usize, u64)> = chars
                .iter()
                .filter_map(|&c| l33t_index(c as u16))
                .filter(|&x| present[x])
                .map(|x| {
                    let letters = L33T_CHARS.get(x).map_or(&b""[..], |e| e.1);
                    (x, 1 + letters.iter().position(|&l| l == letter).unwrap_or(0) as u64)
                })
                .collect();
            if relevant.is_empty() {
                continue;
            }
            any = true;
            let mut next = Vec::with_capacity(subs.len() * relevant.len() * 2);
            for &(x, opt) in &relevant {
                let shift = 2 * x;
                for &sub in &subs {
                    let set = (sub & !(3 << shift)) | (opt << shift);
                    if (sub >> shift) & 3 == 0 {
                        next.push(set);
                    } else {
                        next.push(sub);
                        next.push(set);
                    }
                }
            }
            subs = dedup_keep_first(next);
            subs.truncate(MAX_TABLES);
        }
        if !any {
            return None;
        }
        stats.l33t_tables += subs.len() as u32;
        let mut masks = vec![[0u64; W]; 20 * OPTS];
        let mut relevant = 0u32;
        for x in (0..20).filter(|&x| present[x]) {
            relevant |= 1 << x;
            for (block, chunk) in subs.chunks(64).enumerate() {
                let mut m = [0u64; OPTS];
                for (b, sub) in chunk.iter().enumerate() {
                    let opt = (sub >> (2 * x)) & 3;
                    let bit = 1u64 << b;
                    m[0] |= bit * u64::from(opt == 0);
                    m[1] |= bit * u64::from(opt == 1);
                    m[2] |= bit * u64::from(opt == 2);
                }
                for (opt, bits) in m.into_iter().enumerate() {
                    if let Some(w) = masks.get_mut(x * OPTS + opt).and_then(|w| w.get_mut(block)) {
                        *w = bits;
                    }
                }
            }
        }
        Some(L33t { relevant, tables: subs.len(), masks })
    }

    fn all(&self) -> Bits {
        let mut b = [0u64; W];
        for s in 0..self.tables {
            b[s / 64] |= 1 << (s % 64);
        }
        b
    }

    fn mask(&self, x: usize, opt: usize) -> Bits {
        self.masks.get(x * OPTS + opt).copied().unwrap_or([0; W])
    }
}

/// Removes repeated tables, keeping first occurrences in order (zxcvbn's `dedup`), with a
/// small open-addressing set (tables use 40 bits, so `u64::MAX` marks a free slot).
fn dedup_keep_first(v: Vec<u64>) -> Vec<u64> {
    let bits = (v.len() * 2).max(16).next_power_of_two().trailing_zeros();
    let mask = (1usize << bits) - 1;
    let mut set = vec![u64::MAX; mask + 1];
    let mut out = Vec::with_capacity(v.len());
    for s in v {
        let mut h = (s.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - bits)) as usize;
        loop {
            match set.get_mut(h) {
                Some(slot) if *slot == u64::MAX => {
                    *slot = s;
                    out.push(s);
                    break;
                }
                Some(slot) if *slot == s => break,
                Some(_) => h = (h + 1) & mask,
                None => break,
            }
        }
    }
    out
}

fn and(a: &Bits, b: &Bits) -> Bits {
    let mut r = [0u64; W];
    for k in 0..W {
        r[k] = a[k] & b[k];
    }
    r
}

fn first_bit(b: &Bits) -> Option<u32> {
    b.iter().enumerate().find(|(_, &w)| w != 0).map(|(k, w)| k as u32 * 64 + w.trailing_zeros())
}

/// A dictionary to walk: the static lists (English, a language pack) or the user inputs.
trait Walk {
    type C: Copy;
    fn root(&self) -> Self::C;
    fn step(&self, c: Self::C, key: &[u16], steps: &mut u32) -> Option<(Self::C, Option<Found>)>;
}

impl Walk for Dicts {
    type C = StaticCursor;
    fn root(&self) -> StaticCursor {
        StaticCursor::ROOT
    }
    fn step(&self, c: StaticCursor, key: &[u16], steps: &mut u32) -> Option<(StaticCursor, Option<Found>)> {
        c.step(self, key, steps)
    }
}

impl Walk for UserDict {
    type C = UserCursor;
    fn root(&self) -> UserCursor {
        UserDict::root(self)
    }
    fn step(&self, c: UserCursor, key: &[u16], steps: &mut u32) -> Option<(UserCursor, Option<Found>)> {
        UserDict::step(self, c, key, steps)
    }
}

/// One walk from a start position.
struct Walker<'a> {
    units: &'a [u16],
    /// Lower-cased, and folded when the languages fold.
    low: &'a [u16],
    /// Lower-cased only (to count the folded letters of a match).
    plain: &'a [u16],
    l33t: Option<&'a L33t>,
    /// Reading chosen for each l33t character met so far in the token (None: not met).
    assign: [Option<u8>; 20],
    key: Vec<u16>,
    start: usize,
    reversed: bool,
    stats: &'a mut Stats,
    out: &'a mut Vec<M>,
}

impl Walker<'_> {
    fn walk<D: Walk>(&mut self, d: &D, cur: D::C, j: usize, bits: &Bits, mapped: u32) {
        let Some(&u) = self.units.get(j) else { return };
        let lc = self.low.get(j).copied().unwrap_or(u);
        let x = match self.l33t {
            Some(l) => l33t_index(u).filter(|&x| l.relevant & (1 << x) != 0),
            None => None,
        };
        let (Some(x), Some(l)) = (x, self.l33t) else {
            self.try_reading(d, cur, j, lc, bits, mapped);
            return;
        };
        let letters = L33T_CHARS.get(x).map_or(&b""[..], |e| e.1);
        if let Some(opt) = self.assign.get(x).copied().flatten() {
            // Already read inside this token: read it the same way.
            let c = if opt == 0 { lc } else { letters.get(opt as usize - 1).map_or(lc, |&c| c as u16) };
            self.try_reading(d, cur, j, c, bits, mapped);
            return;
        }
        for opt in 0..=letters.len() {
            let nb = and(bits, &l.mask(x, opt));
            let empty = first_bit(&nb).is_none();
            let nm = mapped + u32::from(opt > 0);
            if nm > 0 && empty {
                continue;
            }
            let c = if opt == 0 { lc } else { letters.get(opt - 1).map_or(lc, |&c| c as u16) };
            if let Some(slot) = self.assign.get_mut(x) {
                *slot = Some(opt as u8);
            }
            self.try_reading(d, cur, j, c, &nb, nm);
            if let Some(slot) = self.assign.get_mut(x) {
                *slot = None;
            }
        }
    }

    fn try_reading<D: Walk>(&mut self, d: &D, cur: D::C, j: usize, c: u16, bits: &Bits, mapped: u32) {
        if mapped > 0 {
            if self.stats.l33t_steps >= L33T_BUDGET {
                self.stats.l33t_capped = true;
                return;
            }
            self.stats.l33t_steps += 1;
        }
        self.key.push(c);
        if let Some((next, exact)) = d.step(cur, &self.key, &mut self.stats.dict_steps) {
            if let Some((dict, rank)) = exact {
                self.found(j, dict, rank, bits, mapped);
            }
            self.walk(d, next, j + 1, bits, mapped);
        }
        self.key.pop();
    }

    fn found(&mut self, j: usize, dict: Dictionary, rank: u32, bits: &Bits, mapped: u32) {
        let folded = self
            .low
            .get(self.start..=j)
            .unwrap_or(&[])
            .iter()
            .zip(self.plain.get(self.start..=j).unwrap_or(&[]))
            .filter(|(a, b)| a != b)
            .count()
            .min(u8::MAX as usize) as u8;
        let (i, j) = if self.reversed {
            let n = self.units.len();
            (n - 1 - j, n - 1 - self.start)
        } else {
            (self.start, j)
        };
        if mapped == 0 {
            let kind = if self.reversed { ORDER_REVERSED } else { ORDER_DICT };
            self.out.push(M {
                i,
                j,
                order: order(kind, 0, dict.order()),
                kind: Kind::Dictionary { dict, rank, reversed: self.reversed, sub: None, folded },
            });
            return;
        }
        // zxcvbn drops single-character l33t matches.
        if j == i {
            return;
        }
        let mut sub = Sub::default();
        for (x, a) in self.assign.iter().enumerate() {
            if let (Some(opt @ 1..), Some(&(c, letters))) = (a, L33T_CHARS.get(x)) {
                if let Some(&l) = letters.get(*opt as usize - 1) {
                    sub.push((c, l));
                }
            }
        }
        let table = first_bit(bits).unwrap_or(0);
        self.out.push(M {
            i,
            j,
            order: order(ORDER_L33T, table, dict.order()),
            kind: Kind::Dictionary { dict, rank, reversed: false, sub: Some(sub), folded },
        });
    }
}

fn dictionary(units: &[u16], plain: &[u16], ctx: &mut Ctx, out: &mut Vec<M>) {
    let l33t = L33t::new(units, &mut ctx.stats);
    let all = l33t.as_ref().map_or([0; W], L33t::all);
    let user = ctx.user;
    let folded: Vec<u16>;
    let low = if ctx.langs.folds() {
        folded = plain.iter().map(|&u| fold_unit(u)).collect();
        &folded[..]
    } else {
        plain
    };
    let mut lists: Vec<&Dicts> = Vec::with_capacity(4);
    if ctx.langs.english() {
        lists.push(super::dict::data());
    }
    lists.extend(ctx.langs.packs().map(|p| &p.dicts));
    let rev_units: Vec<u16> = units.iter().rev().copied().collect();
    let rev_low: Vec<u16> = low.iter().rev().copied().collect();
    let rev_plain: Vec<u16> = plain.iter().rev().copied().collect();
    for (u, lw, pl, l, reversed) in
        [(units, low, plain, l33t.as_ref(), false), (&rev_units[..], &rev_low[..], &rev_plain[..], None, true)]
    {
        let mut w = Walker {
            units: u,
            low: lw,
            plain: pl,
            l33t: l,
            assign: [None; 20],
            key: Vec::with_capacity(32),
            start: 0,
            reversed,
            stats: &mut ctx.stats,
            out,
        };
        for start in 0..units.len() {
            w.start = start;
            for d in &lists {
                w.walk(*d, Walk::root(*d), start, &all, 0);
            }
            if !user.is_empty() {
                w.walk(user, Walk::root(user), start, &all, 0);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Spatial
// ---------------------------------------------------------------------------------------------

/// `/[~!@#$%^&*()_+QWERTYUIOP{}|ASDFGHJKL:"ZXCVBNM<>?]/`
fn shifted(u: u16) -> bool {
    u < 128 && (b"~!@#$%^&*()_+QWERTYUIOP{}|ASDFGHJKL:\"ZXCVBNM<>?".contains(&(u as u8)))
}

pub(crate) const GRAPH_NAMES: [&str; 4] = ["qwerty", "dvorak", "keypad", "mac_keypad"];

fn spatial(units: &[u16], out: &mut Vec<M>) {
    let graphs: [(&[u8], usize); 4] = [
        (&GRAPH_QWERTY[..], SLOTS_QWERTY),
        (&GRAPH_DVORAK[..], SLOTS_DVORAK),
        (&GRAPH_KEYPAD[..], SLOTS_KEYPAD),
        (&GRAPH_MAC_KEYPAD[..], SLOTS_MAC_KEYPAD),
    ];
    for (g, (table, slots)) in graphs.into_iter().enumerate() {
        let keyboard = g < 2;
        let graph = Graph {
            index: g,
            keys: if keyboard { KEYS_QWERTY } else { KEYS_KEYPAD },
            degree: if keyboard { DEGREE_QWERTY } else { DEGREE_KEYPAD },
        };
        // zxcvbn's table: per ASCII key and direction, the unshifted and shifted neighbour.
        let neighbours = |prev: u16| {
            (0..slots).filter(move |_| prev < 128).map(move |d| {
                let at = (prev as usize * slots + d) * 2;
                [table.get(at).copied().unwrap_or(0) as u16, table.get(at + 1).copied().unwrap_or(0) as u16]
            })
        };
        spatial_walk(units, &graph, |u| keyboard && shifted(u), neighbours, out);
    }
}

/// The keyboards of the chosen language packs, in pack order (spatial graphs 4, 5, …).
pub(crate) fn keyboards(langs: Languages) -> impl Iterator<Item = &'static Keyboard> {
    langs.packs().flat_map(|p| p.keyboards.iter())
}

/// zxcvbn's spatial matcher over a language pack's keyboard (keys of any BMP character; a
/// character counts as shifted when the layout types it with shift).
fn keyboard_spatial(units: &[u16], kb: &Keyboard, g: usize, out: &mut Vec<M>) {
    let graph = Graph { index: g, keys: kb.key_count, degree: kb.degree };
    let neighbours = |prev: u16| kb.neighbours(prev).into_iter().flatten().copied();
    spatial_walk(units, &graph, |u| kb.is_shifted(u), neighbours, out);
}

/// A spatial graph: its index in the matches, its key count and average degree (for guesses).
struct Graph {
    index: usize,
    keys: f64,
    degree: f64,
}

/// zxcvbn's `spatial_match_helper`: the runs of 3 or more units where each is a neighbour of the
/// previous (`neighbours(prev)`: per direction, the unshifted and shifted neighbour, 0 for none),
/// with their turns and shifted count.
fn spatial_walk<I: Iterator<Item = [u16; 2]>>(
    units: &[u16],
    graph: &Graph,
    first_shifted: impl Fn(u16) -> bool,
    neighbours: impl Fn(u16) -> I,
    out: &mut Vec<M>,
) {
    let n = units.len();
    let mut i = 0;
    while i + 1 < n {
        let mut j = i + 1;
        let mut last_direction: Option<usize> = None;
        let mut turns = 0u32;
        let mut shifted_count = u32::from(units.get(i).is_some_and(|&u| first_shifted(u)));
        loop {
            let prev = units.get(j - 1).copied().unwrap_or(0);
            let mut found = false;
            if let Some(&cur) = units.get(j) {
                for (d, [a, b]) in neighbours(prev).enumerate() {
                    if a == 0 {
                        continue;
                    }
                    let idx = if a == cur {
                        0
                    } else if b != 0 && b == cur {
                        1
                    } else {
                        continue;
                    };
                    found = true;
                    if idx == 1 {
                        shifted_count += 1;
                    }
                    if last_direction != Some(d) {
                        turns += 1;
                        last_direction = Some(d);
                    }
                    break;
                }
            }
            if found {
                j += 1;
            } else {
                if j - i > 2 {
                    out.push(M {
                        i,
                        j: j - 1,
                        order: order(ORDER_SPATIAL, 0, graph.index as u32),
                        kind: Kind::Spatial {
                            graph: graph.index.min(u8::MAX as usize) as u8,
                            turns,
                            shifted: shifted_count,
                            keys: graph.keys,
                            degree: graph.degree,
                        },
                    });
                }
                i = j;
                break;
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Repeat
// ---------------------------------------------------------------------------------------------

/// Units that JavaScript's `.` does not match.
fn line_terminator(u: u16) -> bool {
    matches!(u, 0x0a | 0x0d | 0x2028 | 0x2029)
}

/// Whether `units[s..s+len]` is followed by a copy of itself (and holds no line terminator).
fn repeats_at(units: &[u16], s: usize, len: usize, probes: &mut u32) -> bool {
    *probes += 1;
    match (units.get(s..s + len), units.get(s + len..s + 2 * len)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

/// Number of further copies of `units[s..s+len]` right after its first copy.
fn copies(units: &[u16], s: usize, len: usize, probes: &mut u32) -> usize {
    let mut k = 1;
    while let (Some(a), Some(b)) = (units.get(s..s + len), units.get(s + k * len..s + (k + 1) * len)) {
        *probes += 1;
        if a != b {
            break;
        }
        k += 1;
    }
    k
}

/// Longest run of units from `s` without a line terminator.
fn dot_run(units: &[u16], s: usize) -> usize {
    units.get(s..).map_or(0, |r| r.iter().take_while(|&&u| !line_terminator(u)).count())
}

fn repeat(units: &[u16], ctx: &mut Ctx, out: &mut Vec<M>) {
    let n = units.len();
    let mut last = 0;
    while last < n {
        // `/(.+?)\1+/g` and `/(.+)\1+/g` from `last` start at the same place: the first position
        // where some group length repeats.
        let mut found = None;
        for s in last..n {
            let max = dot_run(units, s).min((n - s) / 2);
            if let Some(l) = (1..=max).find(|&l| repeats_at(units, s, l, &mut ctx.stats.repeat_probes)) {
                let g = (l..=max).rev().find(|&l| repeats_at(units, s, l, &mut ctx.stats.repeat_probes)).unwrap_or(l);
                found = Some((s, l, g, max));
                break;
            }
        }
        let Some((s, lazy, greedy, _)) = found else { break };
        let lazy_len = lazy * copies(units, s, lazy, &mut ctx.stats.repeat_probes);
        let greedy_len = greedy * copies(units, s, greedy, &mut ctx.stats.repeat_probes);
        let (len, base_len) = if greedy_len > lazy_len {
            // `/^(.+?)\1+$/` on the greedy match: its shortest period dividing its length.
            let token = units.get(s..s + greedy_len).unwrap_or(&[]);
            let period = (1..=greedy_len / 2)
                .find(|&p| greedy_len.is_multiple_of(p) && token.chunks(p).all(|c| Some(c) == token.get(..p)))
                .unwrap_or(greedy);
            (greedy_len, period)
        } else {
            (lazy_len, lazy)
        };
        let base = units.get(s..s + base_len).unwrap_or(&[]);
        let base_matches = omnimatch(base, ctx);
        let base_guesses = scoring::most_guessable(base, &base_matches, ctx).guesses;
        out.push(M {
            i: s,
            j: s + len - 1,
            order: order(ORDER_REPEAT, 0, 0),
            kind: Kind::Repeat { base_guesses, count: (len / base_len.max(1)) as f64, base_len },
        });
        last = s + len;
    }
}

// ---------------------------------------------------------------------------------------------
// Sequence
// ---------------------------------------------------------------------------------------------

const MAX_DELTA: i32 = 5;

fn sequence(units: &[u16], out: &mut Vec<M>) {
    let n = units.len();
    if n < 2 {
        return;
    }
    let mut push = |i: usize, j: usize, delta: i32| {
        if (j - i > 1 || delta.abs() == 1) && 0 < delta.abs() && delta.abs() <= MAX_DELTA {
            out.push(M { i, j, order: order(ORDER_SEQUENCE, 0, 0), kind: Kind::Sequence { ascending: delta > 0 } });
        }
    };
    let mut i = 0;
    let mut last_delta: Option<i32> = None;
    for k in 1..n {
        let delta = units.get(k).copied().unwrap_or(0) as i32 - units.get(k - 1).copied().unwrap_or(0) as i32;
        let last = *last_delta.get_or_insert(delta);
        if delta == last {
            continue;
        }
        let j = k - 1;
        push(i, j, last);
        i = j;
        last_delta = Some(delta);
    }
    push(i, n - 1, last_delta.unwrap_or(0));
}

// ---------------------------------------------------------------------------------------------
// Regex (recent years) and dates
// ---------------------------------------------------------------------------------------------

fn digit(u: u16) -> Option<u32> {
    (b'0' as u16..=b'9' as u16).contains(&u).then(|| (u - b'0' as u16) as u32)
}

fn number(units: &[u16]) -> Option<u32> {
    units.iter().try_fold(0u32, |acc, &u| Some(acc * 10 + digit(u)?))
}

/// `/19\d\d|200\d|201\d/g`
fn recent_years(units: &[u16], out: &mut Vec<M>) {
    let mut s = 0;
    while let Some(&[a, b, c, d]) = units.get(s..s + 4) {
        let hit = matches!(
            (digit(a), digit(b), digit(c), digit(d)),
            (Some(1), Some(9), Some(_), Some(_)) | (Some(2), Some(0), Some(0 | 1), Some(_))
        );
        let w = [a, b, c, d];
        if hit {
            let year = number(&w).unwrap_or(0) as i32;
            out.push(M { i: s, j: s + 3, order: order(ORDER_REGEX, 0, 0), kind: Kind::RecentYear { year } });
            s += 4;
        } else {
            s += 1;
        }
    }
}

const DATE_MIN_YEAR: u32 = 1000;
const DATE_MAX_YEAR: u32 = 2050;

fn date_splits(len: usize) -> &'static [(usize, usize)] {
    match len {
        4 => &[(1, 2), (2, 3)],
        5 => &[(1, 3), (2, 3)],
        6 => &[(1, 2), (2, 4), (4, 5)],
        7 => &[(1, 3), (2, 3), (4, 5), (4, 6)],
        8 => &[(2, 4), (4, 6)],
        _ => &[],
    }
}

/// JavaScript's `\s`.
fn js_space(u: u16) -> bool {
    matches!(u, 0x09..=0x0d | 0x20 | 0xa0 | 0x1680 | 0x2000..=0x200a | 0x2028 | 0x2029 | 0x202f | 0x205f | 0x3000 | 0xfeff)
}

fn separator(u: u16) -> bool {
    js_space(u) || matches!(u, 0x2f | 0x5c | 0x5f | 0x2e | 0x2d) // / \ _ . -
}

fn map_ints_to_dm(a: u32, b: u32) -> Option<(u8, u8)> {
    for (d, m) in [(a, b), (b, a)] {
        if (1..=31).contains(&d) && (1..=12).contains(&m) {
            return Some((d as u8, m as u8));
        }
    }
    None
}

fn two_to_four_digit_year(y: u32) -> u32 {
    if y > 99 {
        y
    } else if y > 50 {
        y + 1900
    } else {
        y + 2000
    }
}

/// (year, month, day)
fn map_ints_to_dmy(ints: [u32; 3]) -> Option<(u32, u8, u8)> {
    if ints[1] > 31 || ints[1] == 0 {
        return None;
    }
    let (mut over_12, mut over_31, mut under_1) = (0, 0, 0);
    for &int in &ints {
        if (99 < int && int < DATE_MIN_YEAR) || int > DATE_MAX_YEAR {
            return None;
        }
        over_31 += u32::from(int > 31);
        over_12 += u32::from(int > 12);
        under_1 += u32::from(int == 0);
    }
    if over_31 >= 2 || over_12 == 3 || under_1 >= 2 {
        return None;
    }
    let splits = [(ints[2], (ints[0], ints[1])), (ints[0], (ints[1], ints[2]))];
    for &(y, (a, b)) in &splits {
        if (DATE_MIN_YEAR..=DATE_MAX_YEAR).contains(&y) {
            return map_ints_to_dm(a, b).map(|(d, m)| (y, m, d));
        }
    }
    for &(y, (a, b)) in &splits {
        if let Some((d, m)) = map_ints_to_dm(a, b) {
            return Some((two_to_four_digit_year(y), m, d));
        }
    }
    None
}

/// `^(\d{1,4})([\s/\\_.-])(\d{1,2})\2(\d{1,4})$`
fn separated_date(token: &[u16]) -> Option<[u32; 3]> {
    let run = |from: usize| token.get(from..).map_or(0, |r| r.iter().take_while(|&&u| digit(u).is_some()).count());
    let a = run(0);
    let sep = *token.get(a)?;
    let b = run(a + 1);
    let c = run(a + b + 2);
    if !(1..=4).contains(&a) || !separator(sep) || !(1..=2).contains(&b) || !(1..=4).contains(&c) {
        return None;
    }
    if token.get(a + b + 1) != Some(&sep) || a + b + c + 2 != token.len() {
        return None;
    }
    Some([number(token.get(..a)?)?, number(token.get(a + 1..a + 1 + b)?)?, number(token.get(a + b + 2..)?)?])
}

fn dates(units: &[u16], reference_year: i32, out: &mut Vec<M>) {
    let n = units.len();
    let mut found: Vec<M> = Vec::new();
    let date = |i: usize, j: usize, (y, m, d): (u32, u8, u8), separator: bool| M {
        i,
        j,
        order: order(ORDER_DATE, 0, 0),
        kind: Kind::Date { year: y as i32, month: m, day: d, separator },
    };
    // Without separator: 4 to 8 digits.
    for i in 0..n.saturating_sub(3) {
        for j in i + 3..(i + 8).min(n) {
            let Some(token) = units.get(i..=j) else { break };
            if !token.iter().all(|&u| digit(u).is_some()) {
                continue;
            }
            let mut best: Option<((u32, u8, u8), i32)> = None;
            for &(k, l) in date_splits(token.len()) {
                let ints = [
                    number(token.get(..k).unwrap_or(&[])),
                    number(token.get(k..l).unwrap_or(&[])),
                    number(token.get(l..).unwrap_or(&[])),
                ];
                let (Some(a), Some(b), Some(c)) = (ints[0], ints[1], ints[2]) else { continue };
                if let Some(dmy) = map_ints_to_dmy([a, b, c]) {
                    let distance = (dmy.0 as i32 - reference_year).abs();
                    if best.is_none_or(|(_, d)| distance < d) {
                        best = Some((dmy, distance));
                    }
                }
            }
            if let Some((dmy, _)) = best {
                found.push(date(i, j, dmy, false));
            }
        }
    }
    // With separator: 6 to 10 units.
    for i in 0..n.saturating_sub(5) {
        for j in i + 5..(i + 10).min(n) {
            let Some(token) = units.get(i..=j) else { break };
            if let Some(dmy) = separated_date(token).and_then(map_ints_to_dmy) {
                found.push(date(i, j, dmy, true));
            }
        }
    }
    // Drop dates inside other dates.
    for (k, m) in found.iter().enumerate() {
        let inside = found.iter().enumerate().any(|(o, other)| o != k && other.i <= m.i && other.j >= m.j);
        if !inside {
            out.push(m.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(s: &str) -> Vec<u16> {
        s.encode_utf16().collect()
    }

    #[test]
    fn lowercase_like_javascript() {
        assert_eq!(lowercase(&u("PassWORD1!")), u("password1!"));
        assert_eq!(lowercase(&u("ΟΔΟΣ ΟΔΟΣ")), u("οδος οδος"));
        assert_eq!(lowercase(&u("İstanbul")), u("İstanbul"));
        assert_eq!(lowercase(&u("ÀÉ😀K")), u("àé😀k"));
        let lone = [0xd800u16, 0x41];
        assert_eq!(lowercase(&lone), [0xd800, 0x61]);
    }

    #[test]
    fn l33t_tables_match_zxcvbn_counts() {
        let mut stats = Stats::default();
        let t = L33t::new(&u("4@8({[<3691!|7$5+%20"), &mut stats).unwrap();
        assert_eq!(t.tables, 736);
        let t = L33t::new(&u("1|7"), &mut stats).unwrap();
        assert_eq!(t.tables, 8);
        assert!(L33t::new(&u("password"), &mut stats).is_none());
    }

    #[test]
    fn dates_and_years() {
        let mut out = Vec::new();
        dates(&u("13.5.1991"), 2026, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].kind, Kind::Date { year: 1991, month: 5, day: 13, separator: true });
        let mut out = Vec::new();
        dates(&u("111504"), 2026, &mut out);
        assert!(matches!(out[0].kind, Kind::Date { year: 2004, month: 11, day: 15, .. }));
        let mut out = Vec::new();
        recent_years(&u("x1999y2010z2024"), &mut out);
        let years: Vec<_> = out.iter().map(|m| (m.i, m.j)).collect();
        assert_eq!(years, [(1, 4), (6, 9)]);
    }

    #[test]
    fn sequences_like_zxcvbn() {
        let mut out = Vec::new();
        sequence(&u("abcdb975zy"), &mut out);
        let got: Vec<_> = out.iter().map(|m| (m.i, m.j)).collect();
        assert_eq!(got, [(0, 3), (5, 7), (8, 9)]);
        let mut out = Vec::new();
        sequence(&u("aabc"), &mut out);
        let got: Vec<_> = out.iter().map(|m| (m.i, m.j)).collect();
        assert_eq!(got, [(1, 3)]);
    }
}
