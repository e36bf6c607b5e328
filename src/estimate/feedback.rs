//! zxcvbn 4.4.2's feedback (`feedback.coffee`), as stable codes.

use super::dict::Dictionary;
use super::lang::PackList;
use super::matching::Kind;
use super::scoring::log10;

/// A warning, by the code that `src/check/strength.rs` and the message catalog use
/// (`zxcvbn.warning.<code>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WarningCode {
    StraightRow,
    KeyPattern,
    SimpleRepeat,
    ExtendedRepeat,
    TopTen,
    TopHundred,
    Common,
    SimilarToCommon,
    Sequences,
    RecentYears,
    WordByItself,
    Dates,
    NamesByThemselves,
    CommonNames,
}

impl WarningCode {
    pub const ALL: [WarningCode; 14] = [
        WarningCode::StraightRow,
        WarningCode::KeyPattern,
        WarningCode::SimpleRepeat,
        WarningCode::ExtendedRepeat,
        WarningCode::TopTen,
        WarningCode::TopHundred,
        WarningCode::Common,
        WarningCode::SimilarToCommon,
        WarningCode::Sequences,
        WarningCode::RecentYears,
        WarningCode::WordByItself,
        WarningCode::Dates,
        WarningCode::NamesByThemselves,
        WarningCode::CommonNames,
    ];

    pub fn code(self) -> &'static str {
        match self {
            WarningCode::StraightRow => "straightRow",
            WarningCode::KeyPattern => "keyPattern",
            WarningCode::SimpleRepeat => "simpleRepeat",
            WarningCode::ExtendedRepeat => "extendedRepeat",
            WarningCode::TopTen => "topTen",
            WarningCode::TopHundred => "topHundred",
            WarningCode::Common => "common",
            WarningCode::SimilarToCommon => "similarToCommon",
            WarningCode::Sequences => "sequences",
            WarningCode::RecentYears => "recentYears",
            WarningCode::WordByItself => "wordByItself",
            WarningCode::Dates => "dates",
            WarningCode::NamesByThemselves => "namesByThemselves",
            WarningCode::CommonNames => "commonNames",
        }
    }

    /// zxcvbn 4.4.2's English text.
    pub fn english(self) -> &'static str {
        match self {
            WarningCode::StraightRow => "Straight rows of keys are easy to guess",
            WarningCode::KeyPattern => "Short keyboard patterns are easy to guess",
            WarningCode::SimpleRepeat => "Repeats like \"aaa\" are easy to guess",
            WarningCode::ExtendedRepeat => "Repeats like \"abcabcabc\" are only slightly harder to guess than \"abc\"",
            WarningCode::TopTen => "This is a top-10 common password",
            WarningCode::TopHundred => "This is a top-100 common password",
            WarningCode::Common => "This is a very common password",
            WarningCode::SimilarToCommon => "This is similar to a commonly used password",
            WarningCode::Sequences => "Sequences like abc or 6543 are easy to guess",
            WarningCode::RecentYears => "Recent years are easy to guess",
            WarningCode::WordByItself => "A word by itself is easy to guess",
            WarningCode::Dates => "Dates are often easy to guess",
            WarningCode::NamesByThemselves => "Names and surnames by themselves are easy to guess",
            WarningCode::CommonNames => "Common names and surnames are easy to guess",
        }
    }
}

/// A suggestion, by the code that `src/check/strength.rs` and the message catalog use
/// (`zxcvbn.suggestion.<code>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SuggestionCode {
    UseWords,
    NoNeed,
    AnotherWord,
    Capitalization,
    AllUppercase,
    ReverseWords,
    L33t,
    LongerKeyboardPattern,
    Repeated,
    Sequences,
    RecentYears,
    AssociatedYears,
    Dates,
}

impl SuggestionCode {
    pub const ALL: [SuggestionCode; 13] = [
        SuggestionCode::UseWords,
        SuggestionCode::NoNeed,
        SuggestionCode::AnotherWord,
        SuggestionCode::Capitalization,
        SuggestionCode::AllUppercase,
        SuggestionCode::ReverseWords,
        SuggestionCode::L33t,
        SuggestionCode::LongerKeyboardPattern,
        SuggestionCode::Repeated,
        SuggestionCode::Sequences,
        SuggestionCode::RecentYears,
        SuggestionCode::AssociatedYears,
        SuggestionCode::Dates,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SuggestionCode::UseWords => "useWords",
            SuggestionCode::NoNeed => "noNeed",
            SuggestionCode::AnotherWord => "anotherWord",
            SuggestionCode::Capitalization => "capitalization",
            SuggestionCode::AllUppercase => "allUppercase",
            SuggestionCode::ReverseWords => "reverseWords",
            SuggestionCode::L33t => "l33t",
            SuggestionCode::LongerKeyboardPattern => "longerKeyboardPattern",
            SuggestionCode::Repeated => "repeated",
            SuggestionCode::Sequences => "sequences",
            SuggestionCode::RecentYears => "recentYears",
            SuggestionCode::AssociatedYears => "associatedYears",
            SuggestionCode::Dates => "dates",
        }
    }

    /// zxcvbn 4.4.2's English text.
    pub fn english(self) -> &'static str {
        match self {
            SuggestionCode::UseWords => "Use a few words, avoid common phrases",
            SuggestionCode::NoNeed => "No need for symbols, digits, or uppercase letters",
            SuggestionCode::AnotherWord => "Add another word or two. Uncommon words are better.",
            SuggestionCode::Capitalization => "Capitalization doesn't help very much",
            SuggestionCode::AllUppercase => "All-uppercase is almost as easy to guess as all-lowercase",
            SuggestionCode::ReverseWords => "Reversed words aren't much harder to guess",
            SuggestionCode::L33t => "Predictable substitutions like '@' instead of 'a' don't help very much",
            SuggestionCode::LongerKeyboardPattern => "Use a longer keyboard pattern with more turns",
            SuggestionCode::Repeated => "Avoid repeated words and characters",
            SuggestionCode::Sequences => "Avoid sequences",
            SuggestionCode::RecentYears => "Avoid recent years",
            SuggestionCode::AssociatedYears => "Avoid years that are associated with you",
            SuggestionCode::Dates => "Avoid dates and years that are associated with you",
        }
    }
}

/// A step of the best sequence, as feedback sees it.
pub(crate) struct Seen<'a> {
    pub kind: Option<&'a Kind>,
    /// The token's UTF-16 units.
    pub token: &'a [u16],
    pub guesses: f64,
}

/// `get_feedback(score, sequence)`.
pub(crate) fn feedback(score: u8, sequence: &[Seen]) -> (Option<WarningCode>, Vec<SuggestionCode>) {
    let Some(mut longest) = sequence.first() else {
        return (None, vec![SuggestionCode::UseWords, SuggestionCode::NoNeed]);
    };
    if score > 2 {
        return (None, Vec::new());
    }
    // The first of the longest matches.
    for s in sequence.iter().skip(1) {
        if s.token.len() > longest.token.len() {
            longest = s;
        }
    }
    let (warning, mut suggestions) = match_feedback(longest, sequence.len() == 1);
    suggestions.insert(0, SuggestionCode::AnotherWord);
    (warning, suggestions)
}

fn match_feedback(m: &Seen, sole: bool) -> (Option<WarningCode>, Vec<SuggestionCode>) {
    use SuggestionCode as S;
    use WarningCode as W;
    match m.kind {
        Some(Kind::Dictionary { dict, rank, reversed, sub, .. }) => {
            let l33t = sub.is_some();
            let warning = match dict {
                Dictionary::Passwords | Dictionary::Pack(_, PackList::Passwords) => {
                    if sole && !l33t && !reversed {
                        Some(if *rank <= 10 {
                            W::TopTen
                        } else if *rank <= 100 {
                            W::TopHundred
                        } else {
                            W::Common
                        })
                    } else if log10(m.guesses) <= 4.0 {
                        Some(W::SimilarToCommon)
                    } else {
                        None
                    }
                }
                Dictionary::EnglishWikipedia | Dictionary::Pack(_, PackList::Words) => sole.then_some(W::WordByItself),
                Dictionary::Surnames
                | Dictionary::MaleNames
                | Dictionary::FemaleNames
                | Dictionary::Pack(_, PackList::FirstNames | PackList::LastNames) => {
                    Some(if sole { W::NamesByThemselves } else { W::CommonNames })
                }
                Dictionary::UsTvAndFilm | Dictionary::UserInputs => None,
            };
            let mut suggestions = Vec::new();
            let t = m.token;
            let upper = |u: &u16| (b'A' as u16..=b'Z' as u16).contains(u);
            let lower = |u: &u16| (b'a' as u16..=b'z' as u16).contains(u);
            let uppers = t.iter().filter(|u| upper(u)).count();
            // START_UPPER: /^[A-Z][^A-Z]+$/; ALL_UPPER: /^[^a-z]+$/ and not already lower case.
            if t.len() >= 2 && t.first().is_some_and(upper) && uppers == 1 {
                suggestions.push(S::Capitalization);
            } else if !t.is_empty() && !t.iter().any(lower) && super::matching::lowercase(t) != t {
                suggestions.push(S::AllUppercase);
            }
            if *reversed && t.len() >= 4 {
                suggestions.push(S::ReverseWords);
            }
            if l33t {
                suggestions.push(S::L33t);
            }
            (warning, suggestions)
        }
        Some(Kind::Spatial { turns, .. }) => {
            (Some(if *turns == 1 { W::StraightRow } else { W::KeyPattern }), vec![S::LongerKeyboardPattern])
        }
        Some(Kind::Repeat { base_len, .. }) => {
            (Some(if *base_len == 1 { W::SimpleRepeat } else { W::ExtendedRepeat }), vec![S::Repeated])
        }
        Some(Kind::Sequence { .. }) => (Some(W::Sequences), vec![S::Sequences]),
        Some(Kind::RecentYear { .. }) => (Some(W::RecentYears), vec![S::RecentYears, S::AssociatedYears]),
        Some(Kind::Date { .. }) => (Some(W::Dates), vec![S::Dates]),
        None => (None, Vec::new()),
    }
}
