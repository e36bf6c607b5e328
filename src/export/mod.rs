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

use crate::policy::{kind_of_grapheme, CharClass, CharSet, Kind, Policy};
use crate::vendors::passwordrules::Ascii;

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

/// The literal characters and ranges of a set, as sorted disjoint intervals.
fn literal_intervals(set: &CharSet) -> Intervals {
    let mut list: Vec<[u32; 2]> = set.ranges.iter().filter(|[a, b]| a <= b).copied().collect();
    list.extend(set.chars.chars().map(|c| [c as u32, c as u32]));
    list.sort_unstable();
    let mut out: Intervals = Vec::new();
    for [a, b] in list {
        match out.last_mut() {
            Some(last) if a <= last[1].saturating_add(1) => last[1] = last[1].max(b),
            _ => out.push([a, b]),
        }
    }
    out
}

fn intersect(x: &[[u32; 2]], y: &[[u32; 2]]) -> Intervals {
    let mut out = Vec::new();
    for [a, b] in x {
        for [c, d] in y {
            let (lo, hi) = ((*a).max(*c), (*b).min(*d));
            if lo <= hi {
                out.push([lo, hi]);
            }
        }
    }
    out.sort_unstable();
    out
}

fn subtract(x: &[[u32; 2]], y: &[[u32; 2]]) -> Intervals {
    let mut out = Vec::new();
    for [a, b] in x {
        let mut lo = *a;
        let mut done = false;
        for [c, d] in y {
            if *d < lo || *c > *b {
                continue;
            }
            if *c > lo {
                out.push([lo, c - 1]);
            }
            if *d >= *b {
                done = true;
                break;
            }
            lo = d + 1;
        }
        if !done && lo <= *b {
            out.push([lo, *b]);
        }
    }
    out
}

/// Whether the literal characters and ranges of `set` cover every code point.
fn covers_everything(set: &CharSet) -> bool {
    subtract(&[[0, MAX_CP]], &literal_intervals(set)).is_empty()
}

/// A character requirement: a class, or a set (with classes judged by kind).
#[derive(Clone, Copy)]
enum Member<'a> {
    Class(CharClass),
    Set(&'a CharSet),
}

/// The characters a policy allows, and the class of each, as the checker sees them.
struct Chars<'a> {
    p: &'a Policy,
}

impl<'a> Chars<'a> {
    fn new(p: &'a Policy) -> Self {
        Chars { p }
    }

    /// The kind the checker gives `c` written alone.
    fn kind(&self, c: char) -> Kind {
        let mut buf = [0u8; 4];
        kind_of_grapheme(c.encode_utf8(&mut buf), self.p.symbols.as_ref())
    }

    fn admits_kind(&self, c: char, kind: Kind) -> bool {
        self.p.allowed.as_ref().is_none_or(|a| a.contains(c, kind)) && !self.p.forbidden.as_ref().is_some_and(|f| f.contains(c, kind))
    }

    fn admits(&self, c: char) -> bool {
        self.admits_kind(c, self.kind(c))
    }

    fn is_member(&self, m: Member, c: char, kind: Kind) -> bool {
        match m {
            Member::Class(class) => class.contains(kind),
            Member::Set(set) => set.contains(c, kind),
        }
    }

    /// No restriction at all: `allowed` absent and `forbidden` absent or empty.
    fn unrestricted(&self) -> bool {
        self.p.allowed.is_none() && self.p.forbidden.as_ref().is_none_or(CharSet::is_empty)
    }

    /// The allowed printable ASCII characters.
    fn ascii(&self) -> Ascii {
        Ascii::from_fn(|c| self.admits(c))
    }

    /// The allowed printable ASCII characters that are members of `m`.
    fn ascii_members(&self, m: Member) -> Ascii {
        Ascii::from_fn(|c| {
            let k = self.kind(c);
            self.admits_kind(c, k) && self.is_member(m, c, k)
        })
    }

    /// Literal intervals that hold every member of `m`, when they can be known without a scan.
    fn member_bounds(&self, m: Member) -> Option<Intervals> {
        match m {
            Member::Set(set) if set.classes.is_empty() => Some(literal_intervals(set)),
            // With a symbol set, a symbol is a character of that set (checker's rule).
            Member::Class(CharClass::Symbol) => self.p.symbols.as_ref().map(literal_intervals),
            _ => None,
        }
    }

    /// Some allowed character within `within` (and a member of `m`, if given). The candidates are
    /// narrowed by the literal parts of `allowed`, `forbidden` and `m` before any scan.
    fn find(&self, within: Intervals, m: Option<Member>) -> Option<char> {
        let mut cand = within;
        if let Some(a) = self.p.allowed.as_ref().filter(|a| a.classes.is_empty()) {
            cand = intersect(&cand, &literal_intervals(a));
        }
        if let Some(bounds) = m.and_then(|m| self.member_bounds(m)) {
            cand = intersect(&cand, &bounds);
        }
        if let Some(f) = &self.p.forbidden {
            cand = subtract(&cand, &literal_intervals(f));
        }
        cand.iter().flat_map(|[a, b]| (*a..=*b).filter_map(char::from_u32)).find(|&c| {
            let k = self.kind(c);
            self.admits_kind(c, k) && m.is_none_or(|m| self.is_member(m, c, k))
        })
    }

    /// Whether the policy allows some character outside printable ASCII.
    fn allows_outside_printable(&self) -> bool {
        self.find(outside_printable(), None).is_some()
    }

    /// Whether the policy allows some member of `m` outside printable ASCII.
    fn member_outside_printable(&self, m: Member) -> bool {
        self.find(outside_printable(), Some(m)).is_some()
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
        assert_eq!(intersect(&[[0, 10], [20, 30]], &[[5, 25]]), vec![[5, 10], [20, 25]]);
        assert!(covers_everything(&CharSet { ranges: vec![[0, 100], [101, MAX_CP]], ..Default::default() }));
        assert!(!covers_everything(&CharSet { ranges: vec![[1, MAX_CP]], ..Default::default() }));
    }

    #[test]
    fn allowed_characters() {
        let mut p = Policy::default();
        assert!(Chars::new(&p).allows_outside_printable());
        p.allowed = Some(CharSet { ranges: vec![[32, 126]], ..Default::default() });
        assert!(!Chars::new(&p).allows_outside_printable());
        assert_eq!(Chars::new(&p).ascii(), Ascii::PRINTABLE);
        p.allowed = None;
        p.forbidden = Some(CharSet { ranges: vec![[0, 31], [127, MAX_CP]], ..Default::default() });
        assert!(!Chars::new(&p).allows_outside_printable());
        p.forbidden = None;
        p.symbols = Some(CharSet::chars("#$"));
        let c = Chars::new(&p);
        assert!(!c.member_outside_printable(Member::Class(CharClass::Symbol)));
        assert!(c.member_outside_printable(Member::Class(CharClass::Digit)));
        assert_eq!(c.ascii_members(Member::Class(CharClass::Symbol)).chars().collect::<String>(), "#$");
    }
}
