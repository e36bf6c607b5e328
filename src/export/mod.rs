//! Canonical policy → other formats: Apple's `passwordrules` language ([`to_passwordrules`]) and
//! the attributes of an HTML `<input type="password">` ([`html_attributes`]).
//!
//! Both answer for the policy as the checker judges it: a character's class is decided as the
//! checker decides it (`kind_of_grapheme` with the policy's `symbols`), and "allowed" means in
//! `allowed` (or anything when absent) and not in `forbidden`.

mod html;
mod passwordrules;

pub use html::{html_attributes, HtmlAttributes};
pub use passwordrules::{to_passwordrules, PasswordRulesOut};

use crate::policy::passwordrules_classes::Ascii;
use crate::policy::{kind_of_grapheme, CharClass, CharSet, Kind, Policy};

impl Policy {
    /// The policy as a `passwordrules` value, with what the language cannot express.
    pub fn to_passwordrules(&self) -> PasswordRulesOut {
        to_passwordrules(self)
    }

    /// Attributes for a new-password `<input>`.
    pub fn html_attributes(&self) -> HtmlAttributes {
        html_attributes(self)
    }
}

/// Inclusive code point intervals, sorted and disjoint.
type Intervals = Vec<[u32; 2]>;

const MAX_CP: u32 = 0x10FFFF;

/// Every code point outside printable ASCII.
fn outside_printable() -> Intervals {
    vec![[0, 0x1F], [0x7F, MAX_CP]]
}

/// Appends `[a, b]` to sorted intervals, merging it with the last one when they touch.
fn push_merged(out: &mut Intervals, a: u32, b: u32) {
    match out.last_mut() {
        Some(last) if a <= last[1].saturating_add(1) => last[1] = last[1].max(b),
        _ => out.push([a, b]),
    }
}

/// The literal characters and ranges of a set, as sorted disjoint intervals. O(n log n): the
/// starts and the ends are sorted apart, then swept (the union does not depend on which start
/// goes with which end).
fn literal_intervals(set: &CharSet) -> Intervals {
    let pairs = set
        .ranges
        .iter()
        .filter(|[a, b]| a <= b)
        .map(|[a, b]| (*a, *b))
        .chain(set.chars.chars().map(|c| (c as u32, c as u32)));
    let (mut starts, mut ends): (Vec<u32>, Vec<u32>) = pairs.unzip();
    starts.sort_unstable();
    ends.sort_unstable();
    let mut out = Intervals::new();
    let (mut i, mut depth, mut open) = (0usize, 0usize, 0u32);
    for end in ends {
        while let Some(&start) = starts.get(i).filter(|s| **s <= end) {
            if depth == 0 {
                open = start;
            }
            depth += 1;
            i += 1;
        }
        depth = depth.saturating_sub(1);
        if depth == 0 {
            push_merged(&mut out, open, end);
        }
    }
    out
}

/// Whether `cp` is in sorted disjoint intervals.
fn within(list: &[[u32; 2]], cp: u32) -> bool {
    let i = list.partition_point(|[_, b]| *b < cp);
    list.get(i).is_some_and(|[a, _]| *a <= cp)
}

fn intersect(x: &[[u32; 2]], y: &[[u32; 2]]) -> Intervals {
    let (mut i, mut j, mut out) = (0, 0, Intervals::new());
    while let (Some([a, b]), Some([c, d])) = (x.get(i), y.get(j)) {
        let (lo, hi) = ((*a).max(*c), (*b).min(*d));
        if lo <= hi {
            out.push([lo, hi]);
        }
        if b < d {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

fn subtract(x: &[[u32; 2]], y: &[[u32; 2]]) -> Intervals {
    let (mut j, mut out) = (0, Intervals::new());
    for &[a, b] in x {
        while y.get(j).is_some_and(|[_, d]| *d < a) {
            j += 1;
        }
        let (mut lo, mut k, mut open) = (a, j, true);
        while let Some(&[c, d]) = y.get(k).filter(|[c, _]| *c <= b) {
            if c > lo {
                out.push([lo, c - 1]);
            }
            if d >= b {
                open = false;
                break;
            }
            lo = d + 1;
            k += 1;
        }
        if open && lo <= b {
            out.push([lo, b]);
        }
    }
    out
}

/// Whether the literal characters and ranges of `set` cover every code point.
fn covers_everything(set: &CharSet) -> bool {
    literal_intervals(set) == vec![[0, MAX_CP]]
}

/// A character requirement: a class, or a set (its literal part precomputed as intervals).
#[derive(Clone)]
enum Member<'a> {
    Class(CharClass),
    Set(&'a CharSet, Intervals),
}

impl<'a> Member<'a> {
    fn set(set: &'a CharSet) -> Self {
        Member::Set(set, literal_intervals(set))
    }
}

/// Membership of `c` (of kind `kind`) in a set whose literal part is `lit`.
fn in_set(set: &CharSet, lit: &[[u32; 2]], c: char, kind: Kind) -> bool {
    within(lit, c as u32) || set.classes.iter().any(|cl| cl.contains(kind))
}

/// The characters a policy allows, and the class of each, as the checker sees them.
struct Chars<'a> {
    p: &'a Policy,
    allowed: Option<(&'a CharSet, Intervals)>,
    forbidden: Option<(&'a CharSet, Intervals)>,
}

impl<'a> Chars<'a> {
    fn new(p: &'a Policy) -> Self {
        let lit = |s: &'a CharSet| (s, literal_intervals(s));
        Chars { p, allowed: p.allowed.as_ref().map(lit), forbidden: p.forbidden.as_ref().map(lit) }
    }

    /// The kind the checker gives `c` written alone.
    fn kind(&self, c: char) -> Kind {
        let mut buf = [0u8; 4];
        kind_of_grapheme(c.encode_utf8(&mut buf), self.p.symbols.as_ref())
    }

    fn admits_kind(&self, c: char, kind: Kind) -> bool {
        self.allowed.as_ref().is_none_or(|(a, lit)| in_set(a, lit, c, kind))
            && !self.forbidden.as_ref().is_some_and(|(f, lit)| in_set(f, lit, c, kind))
    }

    fn admits(&self, c: char) -> bool {
        self.admits_kind(c, self.kind(c))
    }

    fn is_member(&self, m: &Member, c: char, kind: Kind) -> bool {
        match m {
            Member::Class(class) => class.contains(kind),
            Member::Set(set, lit) => in_set(set, lit, c, kind),
        }
    }

    /// No restriction at all: `allowed` absent (or its literal part covering every code point)
    /// and `forbidden` absent or empty.
    fn unrestricted(&self) -> bool {
        self.allowed.as_ref().is_none_or(|(_, lit)| lit.as_slice() == [[0, MAX_CP]])
            && self.p.forbidden.as_ref().is_none_or(CharSet::is_empty)
    }

    /// The allowed printable ASCII characters.
    fn ascii(&self) -> Ascii {
        Ascii::from_fn(|c| self.admits(c))
    }

    /// The allowed printable ASCII characters that are members of `m`.
    fn ascii_members(&self, m: &Member) -> Ascii {
        Ascii::from_fn(|c| {
            let k = self.kind(c);
            self.admits_kind(c, k) && self.is_member(m, c, k)
        })
    }

    /// Literal intervals that hold every member of `m`, when they can be known without a scan.
    fn member_bounds(&self, m: &Member) -> Option<Intervals> {
        match m {
            Member::Set(set, lit) if set.classes.is_empty() => Some(lit.clone()),
            // With a symbol set, a symbol is a character of that set (checker's rule).
            Member::Class(CharClass::Symbol) => self.p.symbols.as_ref().map(literal_intervals),
            _ => None,
        }
    }

    /// Some allowed character within `within` (and a member of `m`, if given). The candidates are
    /// narrowed by the literal parts of `allowed`, `forbidden` and `m` before any scan, which
    /// visits each code point at most once.
    fn find(&self, within: Intervals, m: Option<&Member>) -> Option<char> {
        let mut cand = within;
        if let Some((_, lit)) = self.allowed.as_ref().filter(|(a, _)| a.classes.is_empty()) {
            cand = intersect(&cand, lit);
        }
        if let Some(bounds) = m.and_then(|m| self.member_bounds(m)) {
            cand = intersect(&cand, &bounds);
        }
        if let Some((_, lit)) = &self.forbidden {
            cand = subtract(&cand, lit);
        }
        cand.iter().flat_map(|[a, b]| (*a..=*b).filter_map(char::from_u32)).find(|&c| {
            let k = self.kind(c);
            self.admits_kind(c, k) && m.is_none_or(|m| self.is_member(m, c, k))
        })
    }

    /// Some character outside printable ASCII that the policy allows.
    fn allowed_outside_printable(&self) -> Option<char> {
        self.find(outside_printable(), None)
    }

    /// Some member of `m` outside printable ASCII that the policy allows.
    fn member_outside_printable(&self, m: &Member) -> Option<char> {
        self.find(outside_printable(), Some(m))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interval_arithmetic() {
        let set = CharSet { chars: "cab".into(), ranges: vec![[100, 110], [105, 120]], ..Default::default() };
        assert_eq!(literal_intervals(&set), vec![[97, 120]]);
        assert_eq!(literal_intervals(&CharSet::chars("db")), vec![[98, 98], [100, 100]]);
        assert_eq!(subtract(&[[0, 100]], &[[10, 20], [30, 40]]), vec![[0, 9], [21, 29], [41, 100]]);
        assert_eq!(subtract(&[[0, 10]], &[[0, 10]]), Vec::<[u32; 2]>::new());
        assert_eq!(
            subtract(&[[0, 10], [20, 30], [40, 50]], &[[5, 25], [45, 45]]),
            vec![[0, 4], [26, 30], [40, 44], [46, 50]]
        );
        assert_eq!(intersect(&[[0, 100]], &[[5, 6], [8, 9], [200, 300]]), vec![[5, 6], [8, 9]]);
        assert!(within(&[[5, 6], [8, 9]], 8) && !within(&[[5, 6], [8, 9]], 7) && !within(&[[5, 6]], 10));
        // Overlapping and nested ranges, and characters inside them.
        let set = CharSet {
            chars: "\u{0}z".into(),
            ranges: vec![[10, 20], [12, 14], [15, 30], [40, 40], [5, 9]],
            ..Default::default()
        };
        assert_eq!(literal_intervals(&set), vec![[0, 0], [5, 30], [40, 40], [122, 122]]);
        // Linear-ish on a large set.
        let big = CharSet { ranges: (0..200_000u32).rev().map(|i| [i * 5, i * 5 + 2]).collect(), ..Default::default() };
        assert_eq!(literal_intervals(&big).len(), 200_000);
        assert_eq!(intersect(&[[0, 10], [20, 30]], &[[5, 25]]), vec![[5, 10], [20, 25]]);
        assert!(covers_everything(&CharSet { ranges: vec![[0, 100], [101, MAX_CP]], ..Default::default() }));
        assert!(!covers_everything(&CharSet { ranges: vec![[1, MAX_CP]], ..Default::default() }));
    }

    #[test]
    fn allowed_characters() {
        let mut p = Policy::default();
        assert_eq!(Chars::new(&p).allowed_outside_printable(), Some('\u{0}'));
        p.allowed = Some(CharSet { ranges: vec![[32, 126]], ..Default::default() });
        assert_eq!(Chars::new(&p).allowed_outside_printable(), None);
        assert_eq!(Chars::new(&p).ascii(), Ascii::PRINTABLE);
        p.allowed = None;
        p.forbidden = Some(CharSet { ranges: vec![[0, 31], [127, MAX_CP]], ..Default::default() });
        assert_eq!(Chars::new(&p).allowed_outside_printable(), None);
        p.forbidden = None;
        p.symbols = Some(CharSet::chars("#$"));
        let c = Chars::new(&p);
        assert_eq!(c.member_outside_printable(&Member::Class(CharClass::Symbol)), None);
        assert_eq!(c.member_outside_printable(&Member::Class(CharClass::Digit)), Some('\u{660}'));
        assert_eq!(c.ascii_members(&Member::Class(CharClass::Symbol)).chars().collect::<String>(), "#$");
    }
}
