//! zxcvbn strength estimate, with stable feedback codes and localized texts.
//!
//! The estimate is our own zxcvbn 4.4.2 model (`crate::estimate`); this module turns it into the
//! report's [`Strength`]. Feedback codes (`topTen`, `l33t`, …) never change with the language;
//! their texts come from the message catalog (`zxcvbn.warning.<code>`, `zxcvbn.suggestion.<code>`),
//! and so do the crack-time displays (`duration.*`, `crackTime.*`).

use super::report::{CrackTimes, Feedback, Strength};
use crate::estimate::{self, DisplayTime, Estimate, Languages, LIMIT_CODE_POINTS};
use crate::messages::Messages;

/// The estimator never sees more than this many leading code points.
pub const STRENGTH_LIMIT_CODE_POINTS: usize = LIMIT_CODE_POINTS;

/// Estimates the strength of `password`; `user_inputs` (username, e-mail, …) count as known words.
/// Feedback in English.
pub fn estimate(password: &str, user_inputs: &[&str]) -> Strength {
    estimate_with(password, user_inputs, &Messages::default())
}

/// [`estimate`] with the feedback and crack-time displays in the language of `messages` (and
/// its overrides, by code: `zxcvbn.warning.topTen`, …).
pub fn estimate_with(password: &str, user_inputs: &[&str], messages: &Messages) -> Strength {
    estimate_in(password, user_inputs, messages, Languages::ENGLISH)
}

/// [`estimate_with`] over the word lists and keyboards of `langs` (see
/// [`crate::estimate::estimate_in`]).
pub fn estimate_in(password: &str, user_inputs: &[&str], messages: &Messages, langs: Languages) -> Strength {
    let inputs: Vec<&str> = user_inputs.iter().copied().filter(|s| !s.is_empty()).collect();
    let (e, _) = estimate::estimate_in(password, &inputs, estimate::current_year(), langs);
    let analyzed = password.chars().take(STRENGTH_LIMIT_CODE_POINTS).count() as u32;
    from_estimate(&e, analyzed, messages)
}

/// The report's strength for an estimate of the first `analyzed` code points.
pub fn from_estimate(e: &Estimate, analyzed: u32, messages: &Messages) -> Strength {
    let t = e.crack_times_seconds.all();
    let display = |s: f64| crack_time_display(s, messages);
    Strength {
        score: e.score,
        guesses_log10: if analyzed == 0 { 0.0 } else { e.guesses_log10 },
        crack_times_seconds: CrackTimes {
            online_throttling100_per_hour: t[0],
            online_no_throttling10_per_second: t[1],
            offline_slow_hashing1e4_per_second: t[2],
            offline_fast_hashing1e10_per_second: t[3],
        },
        crack_times_display: CrackTimes {
            online_throttling100_per_hour: display(t[0]),
            online_no_throttling10_per_second: display(t[1]),
            offline_slow_hashing1e4_per_second: display(t[2]),
            offline_fast_hashing1e10_per_second: display(t[3]),
        },
        warning: e.warning.map(|w| feedback(WARNING, w.code(), messages)),
        suggestions: e.suggestions.iter().map(|s| feedback(SUGGESTION, s.code(), messages)).collect(),
        analyzed_code_points: analyzed,
    }
}

const WARNING: &str = "zxcvbn.warning.";
const SUGGESTION: &str = "zxcvbn.suggestion.";

/// A feedback entry: the stable code and its text from the catalog (`<prefix><code>`).
fn feedback(prefix: &str, code: &'static str, messages: &Messages) -> Feedback {
    Feedback { code, message: messages.text(&format!("{prefix}{code}"), &[]) }
}

/// zxcvbn's display of a crack time ("3 hours", "centuries"), in the language of `messages`.
fn crack_time_display(seconds: f64, messages: &Messages) -> String {
    let (code, n) = match DisplayTime::of(seconds) {
        DisplayTime::LessThanSecond => return messages.text("crackTime.lessThanSecond", &[]),
        DisplayTime::Centuries => return messages.text("crackTime.centuries", &[]),
        DisplayTime::Second(n) => ("duration.second", n),
        DisplayTime::Minute(n) => ("duration.minute", n),
        DisplayTime::Hour(n) => ("duration.hour", n),
        DisplayTime::Day(n) => ("duration.day", n),
        DisplayTime::Month(n) => ("duration.month", n),
        DisplayTime::Year(n) => ("duration.year", n),
    };
    messages.plural(code, n as f64, &[("n", &n)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::estimate::{SuggestionCode, WarningCode};

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

    #[test]
    fn english_feedback_is_zxcvbns_own_and_every_language_has_all() {
        // zxcvbn 4.4.2's sentences; the catalog ends each with a full stop.
        let same = |ours: &str, theirs: &str| ours.trim_end_matches('.') == theirs.trim_end_matches('.');
        let en = Messages::english();
        for w in WarningCode::ALL {
            let f = feedback(WARNING, w.code(), &en);
            assert!(same(&f.message, w.english()), "{}: {}", w.code(), f.message);
        }
        for s in SuggestionCode::ALL {
            let f = feedback(SUGGESTION, s.code(), &en);
            assert!(same(&f.message, s.english()), "{}: {}", s.code(), f.message);
        }
        for tag in ["de", "fr", "es"] {
            let m = Messages::new(tag);
            for w in WarningCode::ALL {
                let f = feedback(WARNING, w.code(), &m);
                assert!(!f.message.starts_with("zxcvbn.") && !same(&f.message, w.english()), "{tag} {}", f.code);
            }
            for s in SuggestionCode::ALL {
                let f = feedback(SUGGESTION, s.code(), &m);
                assert!(!f.message.starts_with("zxcvbn.") && !same(&f.message, s.english()), "{tag} {}", f.code);
            }
        }
    }

    #[test]
    fn crack_times_in_english_match_zxcvbn_and_are_localized() {
        let en = Messages::english();
        let mut s: f64 = 0.0;
        while s < 400.0 * 365.0 * 86_400.0 {
            assert_eq!(crack_time_display(s, &en), DisplayTime::of(s).english(), "{s}");
            s = s * 3.0 + 1.0;
        }
        assert_eq!(crack_time_display(1e20, &en), "centuries");
        assert_eq!(crack_time_display(90.0, &en), "2 minutes");
        let de = Messages::new("de");
        assert_eq!(crack_time_display(7_200.0, &de), "2 Stunden");
        assert_eq!(crack_time_display(0.5, &de), "weniger als eine Sekunde");
        assert_eq!(crack_time_display(1e20, &Messages::new("fr")), "des siècles");
        assert_eq!(crack_time_display(86_400.0 * 40.0, &Messages::new("es")), "1 mes");
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
        assert!(fr
            .suggestions
            .iter()
            .any(|f| f.code == "capitalization" && f.message == "Les majuscules n’aident pas beaucoup."));
        let es = estimate_with("password", &[], &Messages::new("es"));
        assert_eq!(es.warning.map(|w| w.message), Some("Es una de las 10 contraseñas más comunes.".to_string()));
        // An override by code.
        let mut o = std::collections::BTreeMap::new();
        o.insert("zxcvbn.warning.topTen".to_string(), "Zu bekannt.".to_string());
        let custom = estimate_with("password", &[], &Messages::with_overrides("de", o));
        assert_eq!(custom.warning.map(|w| (w.code, w.message)), Some(("topTen", "Zu bekannt.".to_string())));
    }
}
