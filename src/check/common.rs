//! The built-in common-password list: the 10,000 most frequent passwords of zxcvbn 4.4.2's
//! `passwords` frequency list (MIT, Dropbox). It is the head of the strength estimator's own
//! `passwords` dictionary (`crate::estimate`, ranks 1 to 10,000), so the list is embedded once
//! and looked up in the estimator's front-coded blob: nothing is built at start-up.

use crate::estimate::{lookup, Dictionary};

/// How many of the most common passwords the rule rejects.
pub const COMMON_PASSWORDS: u32 = 10_000;

/// Whether `lower` (an already lower-cased password) is one of the [`COMMON_PASSWORDS`] most
/// common passwords.
pub fn contains(lower: &str) -> bool {
    matches!(lookup(lower), Some((Dictionary::Passwords, rank)) if rank <= COMMON_PASSWORDS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_entry_and_nothing_else() {
        let list = include_str!("../../data/zxcvbn/passwords.txt");
        let lines: Vec<&str> = list.lines().collect();
        let (head, tail) = lines.split_at(COMMON_PASSWORDS as usize);
        assert_eq!(head.len(), 10_000);
        for line in head {
            assert!(contains(line), "{line}");
            assert!(!contains(&format!("{line}\u{1}")));
        }
        // Rank 10,001 and below are not on the list.
        for line in tail.iter().take(1000) {
            assert!(!contains(line), "{line}");
        }
        assert!(contains("password"));
        assert!(contains("123456"));
        assert!(!contains("correct horse battery staple"));
        assert!(!contains(""));
        // Words of the other lists (an English word, a name) are not common passwords.
        assert!(!contains("the"));
    }
}
