//! The character classes of Apple's `passwordrules` language (`upper`, `lower`, `digit`, `special`,
//! `ascii-printable`, `unicode`, custom `[…]`) as sets of printable ASCII characters, and their
//! canonical form and character sets. Shared by the reader of the language
//! (`vendors::passwordrules`) and its writer (`export::passwordrules`), so that neither depends
//! on the other.

use crate::policy::CharSet;

// ---------------------------------------------------------------------------------------------
// Sets of printable ASCII characters.

/// A set of printable ASCII characters (U+0020–U+007E): bit `i` is code point `i`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Ascii(u128);

const fn span(from: u8, to: u8) -> u128 {
    let mut bits = 0u128;
    let mut c = from;
    while c <= to {
        bits |= 1u128 << c;
        c += 1;
    }
    bits
}

impl Ascii {
    pub const EMPTY: Ascii = Ascii(0);
    pub const UPPER: Ascii = Ascii(span(b'A', b'Z'));
    pub const LOWER: Ascii = Ascii(span(b'a', b'z'));
    pub const DIGIT: Ascii = Ascii(span(b'0', b'9'));
    pub const SPECIAL: Ascii = Ascii(span(0x20, 0x2F) | span(0x3A, 0x40) | span(0x5B, 0x60) | span(0x7B, 0x7E));
    pub const PRINTABLE: Ascii = Ascii(span(0x20, 0x7E));

    /// Whether `c` is a printable ASCII character.
    pub fn is_printable(c: char) -> bool {
        (' '..='~').contains(&c)
    }

    /// The printable ASCII characters for which `f` holds.
    pub fn from_fn(mut f: impl FnMut(char) -> bool) -> Ascii {
        let mut bits = 0u128;
        for b in 0x20u8..=0x7E {
            if f(char::from(b)) {
                bits |= 1u128 << b;
            }
        }
        Ascii(bits)
    }

    pub fn contains(self, c: char) -> bool {
        Ascii::is_printable(c) && self.0 & (1u128 << (c as u32)) != 0
    }

    /// Adds `c` when it is printable ASCII; other characters are ignored.
    pub fn insert(&mut self, c: char) {
        if Ascii::is_printable(c) {
            self.0 |= 1u128 << (c as u32);
        }
    }

    pub fn union(self, other: Ascii) -> Ascii {
        Ascii(self.0 | other.0)
    }

    pub fn intersect(self, other: Ascii) -> Ascii {
        Ascii(self.0 & other.0)
    }

    pub fn minus(self, other: Ascii) -> Ascii {
        Ascii(self.0 & !other.0)
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn includes(self, other: Ascii) -> bool {
        other.0 & !self.0 == 0
    }

    pub fn len(self) -> u32 {
        self.0.count_ones()
    }

    /// The characters, in code point order.
    pub fn chars(self) -> impl Iterator<Item = char> {
        (0x20u8..=0x7E).filter(move |b| self.0 & (1u128 << b) != 0).map(char::from)
    }

    /// The inclusive code point ranges of the set, in order (maximal runs).
    pub fn runs(self) -> Vec<[u32; 2]> {
        let mut out: Vec<[u32; 2]> = Vec::new();
        for c in self.chars() {
            let cp = c as u32;
            match out.last_mut() {
                Some(last) if last[1] + 1 == cp => last[1] = cp,
                _ => out.push([cp, cp]),
            }
        }
        out
    }

    /// The printable ASCII members of a canonical character set, by its literal characters and
    /// ranges only (classes are not looked at).
    pub fn of_literals(set: &CharSet) -> Ascii {
        Ascii::from_fn(|c| set.contains_char(c))
    }
}

// ---------------------------------------------------------------------------------------------
// Classes of the language.

/// One character class of the language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Upper,
    Lower,
    Digit,
    Special,
    AsciiPrintable,
    Unicode,
    /// Literal printable ASCII characters, `[…]`.
    Custom(Ascii),
}

impl Class {
    /// The identifier (`None` for a custom class).
    pub fn identifier(self) -> Option<&'static str> {
        match self {
            Class::Upper => Some("upper"),
            Class::Lower => Some("lower"),
            Class::Digit => Some("digit"),
            Class::Special => Some("special"),
            Class::AsciiPrintable => Some("ascii-printable"),
            Class::Unicode => Some("unicode"),
            Class::Custom(_) => None,
        }
    }

    pub(crate) fn from_identifier(id: &str) -> Option<Class> {
        [Class::Upper, Class::Lower, Class::Digit, Class::Special, Class::AsciiPrintable, Class::Unicode]
            .into_iter()
            .find(|c| c.identifier().is_some_and(|name| name.eq_ignore_ascii_case(id)))
    }

    /// The label used as the canonical `name` (`None` for a custom class: its characters are its label).
    pub fn noun(self) -> Option<&'static str> {
        match self {
            Class::Upper => Some("uppercase letter"),
            Class::Lower => Some("lowercase letter"),
            Class::Digit => Some("digit"),
            Class::Special => Some("special character"),
            Class::AsciiPrintable => Some("ASCII printable character"),
            Class::Unicode => Some("Unicode character"),
            Class::Custom(_) => None,
        }
    }

    /// The characters of the class; `None` for `unicode`.
    pub fn bits(self) -> Option<Ascii> {
        match self {
            Class::Upper => Some(Ascii::UPPER),
            Class::Lower => Some(Ascii::LOWER),
            Class::Digit => Some(Ascii::DIGIT),
            Class::Special => Some(Ascii::SPECIAL),
            Class::AsciiPrintable => Some(Ascii::PRINTABLE),
            Class::Unicode => None,
            Class::Custom(a) => Some(a),
        }
    }

    /// The class as a canonical character set: ranges for named classes, chars for custom ones.
    pub fn charset(self) -> CharSet {
        match self {
            Class::Unicode => CharSet { ranges: vec![[0, 0x10FFFF]], ..Default::default() },
            Class::Custom(a) => CharSet { chars: a.chars().collect(), ..Default::default() },
            named => CharSet { ranges: named.bits().unwrap_or_default().runs(), ..Default::default() },
        }
    }

    /// The class as written in the language (`upper`, `[-#]]`).
    pub fn to_rules(self) -> String {
        match self {
            Class::Custom(a) => format_custom(a),
            named => named.identifier().unwrap_or_default().to_string(),
        }
    }
}

/// The value of one `required` or `allowed` property, or a union of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClassSet {
    /// Includes `unicode`: any character.
    Unicode,
    Ascii(Ascii),
}

impl ClassSet {
    pub fn union(self, other: ClassSet) -> ClassSet {
        match (self, other) {
            (ClassSet::Ascii(a), ClassSet::Ascii(b)) => ClassSet::Ascii(a.union(b)),
            _ => ClassSet::Unicode,
        }
    }

    pub(crate) fn of(classes: &[Class]) -> ClassSet {
        classes.iter().fold(ClassSet::Ascii(Ascii::EMPTY), |acc, c| {
            acc.union(c.bits().map_or(ClassSet::Unicode, ClassSet::Ascii))
        })
    }
}

/// Apple's canonical form of a set of characters: `ascii-printable` when complete; otherwise the
/// named classes it holds whole, in the order upper, lower, digit, special, then the remaining
/// characters as one custom class. Empty for the empty set.
pub fn canonical_classes(set: ClassSet) -> Vec<Class> {
    let bits = match set {
        ClassSet::Unicode => return vec![Class::Unicode],
        ClassSet::Ascii(b) => b,
    };
    if bits == Ascii::PRINTABLE {
        return vec![Class::AsciiPrintable];
    }
    let mut out = Vec::new();
    let mut rest = bits;
    for class in [Class::Upper, Class::Lower, Class::Digit, Class::Special] {
        let cb = class.bits().unwrap_or_default();
        if bits.includes(cb) {
            out.push(class);
            rest = rest.minus(cb);
        }
    }
    if !rest.is_empty() {
        out.push(Class::Custom(rest));
    }
    out
}

/// A custom class as written in the language: `-` first, a literal `]` last as `]]`, every other
/// character as itself, in code point order. `[]` for the empty set.
pub fn format_custom(bits: Ascii) -> String {
    let mut s = String::from("[");
    if bits.contains('-') {
        s.push('-');
    }
    s.extend(bits.chars().filter(|c| *c != '-' && *c != ']'));
    if bits.contains(']') {
        s.push(']');
    }
    s.push(']');
    s
}

/// A list of classes as written in a `required`/`allowed` value: `upper, lower, [#$]`.
pub fn format_classes(classes: &[Class]) -> String {
    classes.iter().map(|c| c.to_rules()).collect::<Vec<_>>().join(", ")
}

/// Sorts code point ranges in place. Insertion sort: the lists are short, and the standard sorts
/// cost several KiB of WebAssembly per element type.
fn sort_ranges(list: &mut [[u32; 2]]) {
    for i in 1..list.len() {
        let mut j = i;
        while j > 0 && list[j - 1] > list[j] {
            list.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// The canonical character set of a set of characters (`None` for `unicode`): the ranges of the
/// named classes of its canonical form, in code point order, and its custom characters.
pub fn charset_of(set: ClassSet) -> Option<CharSet> {
    if set == ClassSet::Unicode {
        return None;
    }
    let mut out = CharSet::default();
    for class in canonical_classes(set) {
        let cs = class.charset();
        out.ranges.extend(cs.ranges);
        out.chars.push_str(&cs.chars);
    }
    sort_ranges(&mut out.ranges);
    Some(out)
}
