//! zxcvbn strength estimate, with stable feedback codes and localized texts.
//!
//! Feedback codes (`topTen`, `l33t`, …) never change with the language; their texts come from
//! the message catalog (`zxcvbn.warning.<code>`, `zxcvbn.suggestion.<code>`), and so do the
//! crack-time displays (`duration.*`, `crackTime.*`). In English all of them are zxcvbn's own.

use super::report::{CrackTimes, Feedback, Strength};
use crate::messages::Messages;
use zxcvbn::feedback::{Suggestion, Warning};
use zxcvbn::time_estimates::CrackTimeSeconds;

/// The estimator never sees more than this many leading code points (zxcvbn's own cut).
pub const STRENGTH_LIMIT_CODE_POINTS: usize = 100;

/// Estimates the strength of `password`; `user_inputs` (username, e-mail, …) count as known words.
/// Feedback in English.
pub fn estimate(password: &str, user_inputs: &[&str]) -> Strength {
    estimate_with(password, user_inputs, &Messages::default())
}

/// [`estimate`] with the feedback and crack-time displays in the language of `messages` (and
/// its overrides, by code: `zxcvbn.warning.topTen`, …).
pub fn estimate_with(password: &str, user_inputs: &[&str], messages: &Messages) -> Strength {
    let cut = password.char_indices().nth(STRENGTH_LIMIT_CODE_POINTS).map_or(password.len(), |(i, _)| i);
    let prefix = password.get(..cut).unwrap_or("");
    // zxcvbn lower-cases each input; bound what it is given too.
    let inputs: Vec<&str> = user_inputs
        .iter()
        .filter(|s| !s.is_empty())
        .take(64)
        .map(|s| s.char_indices().nth(STRENGTH_LIMIT_CODE_POINTS).map_or(*s, |(i, _)| s.get(..i).unwrap_or("")))
        .collect();
    let e = zxcvbn::zxcvbn(prefix, &inputs);
    let ct = e.crack_times();
    let times = [
        ct.online_throttling_100_per_hour(),
        ct.online_no_throttling_10_per_second(),
        ct.offline_slow_hashing_1e4_per_second(),
        ct.offline_fast_hashing_1e10_per_second(),
    ];
    let secs = |t: CrackTimeSeconds| match t {
        CrackTimeSeconds::Integer(i) => i as f64,
        CrackTimeSeconds::Float(f) => f,
    };
    let (warning, suggestions) = match e.feedback() {
        Some(f) => (
            f.warning().map(|w| feedback(WARNING, warning_code(w), messages)),
            f.suggestions().iter().map(|s| feedback(SUGGESTION, suggestion_code(*s), messages)).collect(),
        ),
        None => (None, Vec::new()),
    };
    let guesses_log10 = if prefix.is_empty() { 0.0 } else { e.guesses_log10() };
    Strength {
        score: u8::from(e.score()),
        guesses_log10,
        crack_times_seconds: CrackTimes {
            online_throttling100_per_hour: secs(times[0]),
            online_no_throttling10_per_second: secs(times[1]),
            offline_slow_hashing1e4_per_second: secs(times[2]),
            offline_fast_hashing1e10_per_second: secs(times[3]),
        },
        crack_times_display: CrackTimes {
            online_throttling100_per_hour: crack_time_display(times[0], messages),
            online_no_throttling10_per_second: crack_time_display(times[1], messages),
            offline_slow_hashing1e4_per_second: crack_time_display(times[2], messages),
            offline_fast_hashing1e10_per_second: crack_time_display(times[3], messages),
        },
        warning,
        suggestions,
        analyzed_code_points: prefix.chars().count() as u32,
    }
}

const WARNING: &str = "zxcvbn.warning.";
const SUGGESTION: &str = "zxcvbn.suggestion.";

/// A feedback entry: the stable code and its text from the catalog (`<prefix><code>`).
fn feedback(prefix: &str, code: &'static str, messages: &Messages) -> Feedback {
    Feedback { code, message: messages.text(&format!("{prefix}{code}"), &[]) }
}

/// zxcvbn's display of a crack time ("3 hours", "centuries"), in the language of `messages`.
fn crack_time_display(t: CrackTimeSeconds, messages: &Messages) -> String {
    let seconds = match t {
        CrackTimeSeconds::Integer(i) => i,
        CrackTimeSeconds::Float(f) => f as u64,
    };
    const MINUTE: u64 = 60;
    const HOUR: u64 = MINUTE * 60;
    const DAY: u64 = HOUR * 24;
    const MONTH: u64 = DAY * 31;
    const YEAR: u64 = MONTH * 12;
    const CENTURY: u64 = YEAR * 100;
    let (code, n) = match seconds {
        s if s < 1 => return messages.text("crackTime.lessThanSecond", &[]),
        s if s < MINUTE => ("duration.second", s),
        s if s < HOUR => ("duration.minute", s / MINUTE),
        s if s < DAY => ("duration.hour", s / HOUR),
        s if s < MONTH => ("duration.day", s / DAY),
        s if s < YEAR => ("duration.month", s / MONTH),
        s if s < CENTURY => ("duration.year", s / YEAR),
        _ => return messages.text("crackTime.centuries", &[]),
    };
    messages.plural(code, n as f64, &[("n", &n)])
}

/// Stable codes, the same as zxcvbn-ts's translation keys.
fn warning_code(w: Warning) -> &'static str {
    match w {
        Warning::StraightRowsOfKeysAreEasyToGuess => "straightRow",
        Warning::ShortKeyboardPatternsAreEasyToGuess => "keyPattern",
        Warning::RepeatsLikeAaaAreEasyToGuess => "simpleRepeat",
        Warning::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess => "extendedRepeat",
        Warning::ThisIsATop10Password => "topTen",
        Warning::ThisIsATop100Password => "topHundred",
        Warning::ThisIsACommonPassword => "common",
        Warning::ThisIsSimilarToACommonlyUsedPassword => "similarToCommon",
        Warning::SequencesLikeAbcAreEasyToGuess => "sequences",
        Warning::RecentYearsAreEasyToGuess => "recentYears",
        Warning::AWordByItselfIsEasyToGuess => "wordByItself",
        Warning::DatesAreOftenEasyToGuess => "dates",
        Warning::NamesAndSurnamesByThemselvesAreEasyToGuess => "namesByThemselves",
        Warning::CommonNamesAndSurnamesAreEasyToGuess => "commonNames",
    }
}

fn suggestion_code(s: Suggestion) -> &'static str {
    match s {
        Suggestion::UseAFewWordsAvoidCommonPhrases => "useWords",
        Suggestion::NoNeedForSymbolsDigitsOrUppercaseLetters => "noNeed",
        Suggestion::AddAnotherWordOrTwo => "anotherWord",
        Suggestion::CapitalizationDoesntHelpVeryMuch => "capitalization",
        Suggestion::AllUppercaseIsAlmostAsEasyToGuessAsAllLowercase => "allUppercase",
        Suggestion::ReversedWordsArentMuchHarderToGuess => "reverseWords",
        Suggestion::PredictableSubstitutionsDontHelpVeryMuch => "l33t",
        Suggestion::UseALongerKeyboardPatternWithMoreTurns => "longerKeyboardPattern",
        Suggestion::AvoidRepeatedWordsAndCharacters => "repeated",
        Suggestion::AvoidSequences => "sequences",
        Suggestion::AvoidRecentYears => "recentYears",
        Suggestion::AvoidYearsThatAreAssociatedWithYou => "associatedYears",
        Suggestion::AvoidDatesAndYearsThatAreAssociatedWithYou => "dates",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_and_strong() {
        let weak = estimate("password", &[]);
        assert_eq!(weak.score, 0);
        assert_eq!(weak.warning.as_ref().map(|w| w.code), Some("topTen"));
        let strong = estimate("correct-Horse-battery-staple-92", &[]);
        assert_eq!(strong.score, 4);
        assert!(strong.guesses_log10 > 10.0);
        assert!(strong.crack_times_seconds.offline_fast_hashing1e10_per_second > 1.0);
    }

    #[test]
    fn user_inputs_lower_the_score() {
        let without = estimate("zaphodbeeblebrox", &[]);
        let with = estimate("zaphodbeeblebrox", &["zaphodbeeblebrox"]);
        assert!(with.guesses_log10 < without.guesses_log10);
    }

    #[test]
    fn empty_and_huge() {
        let e = estimate("", &[]);
        assert_eq!((e.score, e.guesses_log10, e.analyzed_code_points), (0, 0.0, 0));
        let long = "x".repeat(1 << 20);
        assert_eq!(estimate(&long, &[]).analyzed_code_points, 100);
    }

    const WARNINGS: [Warning; 14] = [
        Warning::StraightRowsOfKeysAreEasyToGuess,
        Warning::ShortKeyboardPatternsAreEasyToGuess,
        Warning::RepeatsLikeAaaAreEasyToGuess,
        Warning::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess,
        Warning::ThisIsATop10Password,
        Warning::ThisIsATop100Password,
        Warning::ThisIsACommonPassword,
        Warning::ThisIsSimilarToACommonlyUsedPassword,
        Warning::SequencesLikeAbcAreEasyToGuess,
        Warning::RecentYearsAreEasyToGuess,
        Warning::AWordByItselfIsEasyToGuess,
        Warning::DatesAreOftenEasyToGuess,
        Warning::NamesAndSurnamesByThemselvesAreEasyToGuess,
        Warning::CommonNamesAndSurnamesAreEasyToGuess,
    ];
    const SUGGESTIONS: [Suggestion; 13] = [
        Suggestion::UseAFewWordsAvoidCommonPhrases,
        Suggestion::NoNeedForSymbolsDigitsOrUppercaseLetters,
        Suggestion::AddAnotherWordOrTwo,
        Suggestion::CapitalizationDoesntHelpVeryMuch,
        Suggestion::AllUppercaseIsAlmostAsEasyToGuessAsAllLowercase,
        Suggestion::ReversedWordsArentMuchHarderToGuess,
        Suggestion::PredictableSubstitutionsDontHelpVeryMuch,
        Suggestion::UseALongerKeyboardPatternWithMoreTurns,
        Suggestion::AvoidRepeatedWordsAndCharacters,
        Suggestion::AvoidSequences,
        Suggestion::AvoidRecentYears,
        Suggestion::AvoidYearsThatAreAssociatedWithYou,
        Suggestion::AvoidDatesAndYearsThatAreAssociatedWithYou,
    ];

    #[test]
    fn english_feedback_is_zxcvbns_own_and_every_language_has_all() {
        let en = Messages::english();
        for w in WARNINGS {
            assert_eq!(feedback(WARNING, warning_code(w), &en).message, w.to_string());
        }
        for s in SUGGESTIONS {
            assert_eq!(feedback(SUGGESTION, suggestion_code(s), &en).message, s.to_string());
        }
        for tag in ["de", "fr", "es"] {
            let m = Messages::new(tag);
            for w in WARNINGS {
                let f = feedback(WARNING, warning_code(w), &m);
                assert!(!f.message.starts_with("zxcvbn.") && f.message != w.to_string(), "{tag} {}", f.code);
            }
            for s in SUGGESTIONS {
                let f = feedback(SUGGESTION, suggestion_code(s), &m);
                assert!(!f.message.starts_with("zxcvbn.") && f.message != s.to_string(), "{tag} {}", f.code);
            }
        }
    }

    #[test]
    fn crack_times_in_english_match_zxcvbn_and_are_localized() {
        let en = Messages::english();
        let mut s: u64 = 0;
        while s < 400 * 365 * 86_400 {
            let t = CrackTimeSeconds::Integer(s);
            assert_eq!(crack_time_display(t, &en), t.to_string(), "{s}");
            s = s * 3 + 1;
        }
        let f = CrackTimeSeconds::Float(1e20);
        assert_eq!(crack_time_display(f, &en), f.to_string());
        let de = Messages::new("de");
        assert_eq!(crack_time_display(CrackTimeSeconds::Integer(7_200), &de), "2 Stunden");
        assert_eq!(crack_time_display(CrackTimeSeconds::Float(0.5), &de), "weniger als eine Sekunde");
        assert_eq!(crack_time_display(CrackTimeSeconds::Float(1e20), &Messages::new("fr")), "des siècles");
        assert_eq!(crack_time_display(CrackTimeSeconds::Integer(86_400 * 40), &Messages::new("es")), "1 mes");
    }

    #[test]
    fn localized_feedback_keeps_codes() {
        let de = estimate_with("password", &[], &Messages::new("de-CH"));
        let w = de.warning.as_ref().map(|w| (w.code, w.message.as_str()));
        assert_eq!(w, Some(("topTen", "Dies ist eines der 10 häufigsten Passwörter.")));
        let en = estimate("password", &[]);
        assert_eq!(en.warning.as_ref().map(|w| w.message.as_str()), Some("This is a top-10 common password."));
        let codes = |s: &Strength| s.suggestions.iter().map(|f| f.code).collect::<Vec<_>>();
        assert_eq!(codes(&de), codes(&en));
        let fr = estimate_with("Password", &[], &Messages::new("fr_FR"));
        assert!(fr.suggestions.iter().any(|f| f.code == "capitalization" && f.message == "Les majuscules n’aident pas beaucoup."));
        let es = estimate_with("password", &[], &Messages::new("es"));
        assert_eq!(es.warning.map(|w| w.message), Some("Es una de las 10 contraseñas más comunes.".to_string()));
        // An override by code.
        let mut o = std::collections::BTreeMap::new();
        o.insert("zxcvbn.warning.topTen".to_string(), "Zu bekannt.".to_string());
        let custom = estimate_with("password", &[], &Messages::with_overrides("de", o));
        assert_eq!(custom.warning.map(|w| (w.code, w.message)), Some(("topTen", "Zu bekannt.".to_string())));
    }
}
