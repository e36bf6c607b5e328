//! Our own zxcvbn-model strength estimator: the matchers, scoring and feedback of Dropbox's
//! zxcvbn 4.4.2 (MIT; the dictionaries and keyboard graphs under `data/zxcvbn/` are its data),
//! written for a small WebAssembly module and a bounded worst case:
//!
//! - the 93,855 dictionary words are one static front-coded blob with packed ranks, generated
//!   by `build.rs` (see [`dict`]); nothing is decoded or allocated at start-up;
//! - no regex engine: the few patterns zxcvbn uses are written by hand;
//! - bounded work: the password is cut to [`LIMIT_CODE_POINTS`] code points (as zxcvbn-rs
//!   does), dictionary lookups stop at the first prefix no word has, and the l33t search
//!   branches inside the dictionary walk instead of enumerating substitution tables, with a
//!   budget ([`matching::L33T_BUDGET`]) for crafted inputs.
//!
//! Like zxcvbn 4.4.2 (JavaScript) it counts in UTF-16 code units: an emoji is two characters
//! of brute force, as in the browser. Match positions in [`Match`] are code points.

mod dict;
mod feedback;
mod matching;
mod scoring;
mod tables;

pub use dict::{lookup, Dictionary};
pub use feedback::{SuggestionCode, WarningCode};
pub use matching::Stats;

use matching::{Ctx, Kind};

/// The estimator never sees more than this many leading code points of the password, nor of
/// each user input.
pub const LIMIT_CODE_POINTS: usize = 100;
/// At most this many user inputs are used (the first ones).
pub const MAX_USER_INPUTS: usize = 64;

/// Seconds to crack in zxcvbn's four attack scenarios.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CrackTimes {
    pub online_throttling_100_per_hour: f64,
    pub online_no_throttling_10_per_second: f64,
    pub offline_slow_hashing_1e4_per_second: f64,
    pub offline_fast_hashing_1e10_per_second: f64,
}

impl CrackTimes {
    /// zxcvbn's `estimate_attack_times(guesses).crack_times_seconds`.
    pub fn from_guesses(guesses: f64) -> CrackTimes {
        CrackTimes {
            online_throttling_100_per_hour: guesses / (100.0 / 3600.0),
            online_no_throttling_10_per_second: guesses / 10.0,
            offline_slow_hashing_1e4_per_second: guesses / 1e4,
            offline_fast_hashing_1e10_per_second: guesses / 1e10,
        }
    }

    /// The four scenarios in zxcvbn's order.
    pub fn all(&self) -> [f64; 4] {
        [
            self.online_throttling_100_per_hour,
            self.online_no_throttling_10_per_second,
            self.offline_slow_hashing_1e4_per_second,
            self.offline_fast_hashing_1e10_per_second,
        ]
    }
}

/// What a match of the best sequence is.
#[derive(Debug, Clone, PartialEq)]
pub enum Pattern {
    Dictionary { dictionary: Dictionary, rank: u32, reversed: bool, l33t: bool },
    Spatial { graph: &'static str, turns: u32, shifted_count: u32 },
    Repeat { repeat_count: u32, base_guesses: f64 },
    Sequence { ascending: bool },
    /// zxcvbn's only regex, `recent_year`.
    RecentYear,
    Date { year: i32, month: u8, day: u8, separator: bool },
    Bruteforce,
}

impl Pattern {
    /// zxcvbn's pattern name (`dictionary`, `spatial`, `repeat`, `sequence`, `regex`, `date`,
    /// `bruteforce`).
    pub fn name(&self) -> &'static str {
        match self {
            Pattern::Dictionary { .. } => "dictionary",
            Pattern::Spatial { .. } => "spatial",
            Pattern::Repeat { .. } => "repeat",
            Pattern::Sequence { .. } => "sequence",
            Pattern::RecentYear => "regex",
            Pattern::Date { .. } => "date",
            Pattern::Bruteforce => "bruteforce",
        }
    }
}

/// A match of the best sequence: code points `i..=j` of the (cut) password.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    pub pattern: Pattern,
    pub i: usize,
    pub j: usize,
    pub token: String,
    pub guesses: f64,
}

/// The estimate of a password.
#[derive(Debug, Clone, PartialEq)]
pub struct Estimate {
    pub guesses: f64,
    pub guesses_log10: f64,
    /// 0 to 4, from `guesses` as zxcvbn's `guesses_to_score`.
    pub score: u8,
    pub crack_times_seconds: CrackTimes,
    /// The best sequence of matches (empty for an empty password).
    pub sequence: Vec<Match>,
    /// Feedback is given for scores up to 2 (and for the empty password).
    pub warning: Option<WarningCode>,
    pub suggestions: Vec<SuggestionCode>,
}

/// zxcvbn's `guesses_to_score`.
pub fn guesses_to_score(guesses: f64) -> u8 {
    const DELTA: f64 = 5.0;
    if guesses < 1e3 + DELTA {
        0
    } else if guesses < 1e6 + DELTA {
        1
    } else if guesses < 1e8 + DELTA {
        2
    } else if guesses < 1e10 + DELTA {
        3
    } else {
        4
    }
}

/// Estimates `password` (its first [`LIMIT_CODE_POINTS`] code points) with `user_inputs`
/// (user name, e-mail, …) as an extra ranked word list, in the current year.
pub fn estimate(password: &str, user_inputs: &[&str]) -> Estimate {
    estimate_at(password, user_inputs, current_year())
}

/// [`estimate`] with the reference year for dates and recent years given.
pub fn estimate_at(password: &str, user_inputs: &[&str], reference_year: i32) -> Estimate {
    estimate_with_stats(password, user_inputs, reference_year).0
}

/// [`estimate_at`] with its operation counts.
pub fn estimate_with_stats(password: &str, user_inputs: &[&str], reference_year: i32) -> (Estimate, Stats) {
    let password = cut(password);
    let units: Vec<u16> = password.encode_utf16().collect();
    let user = dict::UserDict::new(user_inputs.iter().take(MAX_USER_INPUTS).map(|s| cut(s)));
    let mut ctx = Ctx { user: &user, year: reference_year, stats: Stats::default() };
    let matches = matching::omnimatch(&units, &mut ctx);
    let best = scoring::most_guessable(&units, &matches, &mut ctx);
    let guesses = best.guesses;
    let score = guesses_to_score(guesses);

    let kind = |r: scoring::Ref| match r {
        scoring::Ref::Match(k) => matches.get(k).map(|m| &m.kind),
        scoring::Ref::Bruteforce => None,
    };
    let seen: Vec<feedback::Seen> = best
        .sequence
        .iter()
        .map(|s| feedback::Seen { kind: kind(s.r), token: units.get(s.i..=s.j).unwrap_or(&[]), guesses: s.guesses })
        .collect();
    let (warning, suggestions) = feedback::feedback(score, &seen);

    // UTF-16 unit index -> code point index.
    let mut cp = Vec::with_capacity(units.len());
    for (k, c) in password.chars().enumerate() {
        cp.extend(std::iter::repeat_n(k, c.len_utf16()));
    }
    let sequence = best
        .sequence
        .iter()
        .map(|s| Match {
            pattern: pattern(kind(s.r)),
            i: cp.get(s.i).copied().unwrap_or(0),
            j: cp.get(s.j).copied().unwrap_or(0),
            token: String::from_utf16_lossy(units.get(s.i..=s.j).unwrap_or(&[])),
            guesses: s.guesses,
        })
        .collect();
    let estimate = Estimate {
        guesses,
        guesses_log10: scoring::log10(guesses),
        score,
        crack_times_seconds: CrackTimes::from_guesses(guesses),
        sequence,
        warning,
        suggestions,
    };
    (estimate, ctx.stats)
}

fn pattern(kind: Option<&Kind>) -> Pattern {
    match kind {
        None => Pattern::Bruteforce,
        Some(Kind::Dictionary { dict, rank, reversed, sub }) => {
            Pattern::Dictionary { dictionary: *dict, rank: *rank, reversed: *reversed, l33t: sub.is_some() }
        }
        Some(Kind::Spatial { graph, turns, shifted }) => Pattern::Spatial {
            graph: matching::GRAPH_NAMES.get(*graph as usize).copied().unwrap_or("qwerty"),
            turns: *turns,
            shifted_count: *shifted,
        },
        Some(Kind::Repeat { base_guesses, count, .. }) => {
            Pattern::Repeat { repeat_count: *count as u32, base_guesses: *base_guesses }
        }
        Some(Kind::Sequence { ascending }) => Pattern::Sequence { ascending: *ascending },
        Some(Kind::RecentYear { .. }) => Pattern::RecentYear,
        Some(Kind::Date { year, month, day, separator }) => {
            Pattern::Date { year: *year, month: *month, day: *day, separator: *separator }
        }
    }
}

/// The first [`LIMIT_CODE_POINTS`] code points of `s`.
fn cut(s: &str) -> &str {
    let end = s.char_indices().nth(LIMIT_CODE_POINTS).map_or(s.len(), |(i, _)| i);
    s.get(..end).unwrap_or(s)
}

/// The current year: local time in the browser (as zxcvbn's `new Date().getFullYear()`), UTC
/// elsewhere.
#[cfg(target_arch = "wasm32")]
pub fn current_year() -> i32 {
    js_sys::Date::new_0().get_full_year() as i32
}

/// The current year: local time in the browser (as zxcvbn's `new Date().getFullYear()`), UTC
/// elsewhere.
#[cfg(not(target_arch = "wasm32"))]
pub fn current_year() -> i32 {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    year_of_day((secs / 86_400) as i64)
}

/// The proleptic Gregorian year of a day counted from 1970-01-01.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
fn year_of_day(days: i64) -> i32 {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let year = yoe + era * 400 + i64::from(mp >= 10);
    year as i32
}

/// zxcvbn 4.4.2's display of a crack time, as data: "less than a second", "N unit(s)" (N
/// rounded as `Math.round`) or "centuries".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisplayTime {
    LessThanSecond,
    Second(u64),
    Minute(u64),
    Hour(u64),
    Day(u64),
    Month(u64),
    Year(u64),
    Centuries,
}

impl DisplayTime {
    /// `display_time(seconds)`.
    pub fn of(seconds: f64) -> DisplayTime {
        const MINUTE: f64 = 60.0;
        const HOUR: f64 = MINUTE * 60.0;
        const DAY: f64 = HOUR * 24.0;
        const MONTH: f64 = DAY * 31.0;
        const YEAR: f64 = MONTH * 12.0;
        const CENTURY: f64 = YEAR * 100.0;
        let round = |x: f64| (x + 0.5).floor() as u64;
        if seconds < 1.0 {
            DisplayTime::LessThanSecond
        } else if seconds < MINUTE {
            DisplayTime::Second(round(seconds))
        } else if seconds < HOUR {
            DisplayTime::Minute(round(seconds / MINUTE))
        } else if seconds < DAY {
            DisplayTime::Hour(round(seconds / HOUR))
        } else if seconds < MONTH {
            DisplayTime::Day(round(seconds / DAY))
        } else if seconds < YEAR {
            DisplayTime::Month(round(seconds / MONTH))
        } else if seconds < CENTURY {
            DisplayTime::Year(round(seconds / YEAR))
        } else {
            DisplayTime::Centuries
        }
    }

    /// zxcvbn's English text ("3 hours").
    pub fn english(self) -> String {
        let (n, unit) = match self {
            DisplayTime::LessThanSecond => return "less than a second".into(),
            DisplayTime::Centuries => return "centuries".into(),
            DisplayTime::Second(n) => (n, "second"),
            DisplayTime::Minute(n) => (n, "minute"),
            DisplayTime::Hour(n) => (n, "hour"),
            DisplayTime::Day(n) => (n, "day"),
            DisplayTime::Month(n) => (n, "month"),
            DisplayTime::Year(n) => (n, "year"),
        };
        format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_of_days() {
        assert_eq!(year_of_day(0), 1970);
        assert_eq!(year_of_day(364), 1970);
        assert_eq!(year_of_day(365), 1971);
        assert_eq!(year_of_day(10_957), 2000);
        assert_eq!(year_of_day(20_454), 2026);
        assert_eq!(year_of_day(20_453), 2025);
        assert_eq!(year_of_day(-1), 1969);
        assert!(current_year() >= 2025);
    }

    #[test]
    fn display_times() {
        assert_eq!(DisplayTime::of(0.5).english(), "less than a second");
        assert_eq!(DisplayTime::of(1.0).english(), "1 second");
        assert_eq!(DisplayTime::of(90.0).english(), "2 minutes");
        assert_eq!(DisplayTime::of(3600.0 * 5.0).english(), "5 hours");
        assert_eq!(DisplayTime::of(1e12).english(), "centuries");
    }
}
