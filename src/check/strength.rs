//! zxcvbn strength estimate, with stable feedback codes.

use super::report::{CrackTimes, Feedback, Strength};
use zxcvbn::feedback::{Suggestion, Warning};
use zxcvbn::time_estimates::CrackTimeSeconds;

/// The estimator never sees more than this many leading code points (zxcvbn's own cut).
pub const STRENGTH_LIMIT_CODE_POINTS: usize = 100;

/// Estimates the strength of `password`; `user_inputs` (username, e-mail, …) count as known words.
pub fn estimate(password: &str, user_inputs: &[&str]) -> Strength {
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
        Some(f) => (f.warning().map(warning), f.suggestions().iter().map(|s| suggestion(*s)).collect()),
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
            online_throttling100_per_hour: times[0].to_string(),
            online_no_throttling10_per_second: times[1].to_string(),
            offline_slow_hashing1e4_per_second: times[2].to_string(),
            offline_fast_hashing1e10_per_second: times[3].to_string(),
        },
        warning,
        suggestions,
        analyzed_code_points: prefix.chars().count() as u32,
    }
}

/// Stable codes, the same as zxcvbn-ts's translation keys.
fn warning(w: Warning) -> Feedback {
    let code = match w {
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
    };
    Feedback { code, message: w.to_string() }
}

fn suggestion(s: Suggestion) -> Feedback {
    let code = match s {
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
    };
    Feedback { code, message: s.to_string() }
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
}
