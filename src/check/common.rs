//! The built-in common-password list: the 10,000 most frequent passwords of zxcvbn's `passwords`
//! frequency list (MIT, Dropbox), lower-cased, sorted, one per line, embedded once. Looked up by
//! binary search over the text itself: nothing is built at start-up.

const LIST: &str = include_str!("../../data/common-passwords.txt");

/// Whether `lower` (an already lower-cased password) is on the list.
pub fn contains(lower: &str) -> bool {
    if lower.is_empty() || lower.contains('\n') {
        return false;
    }
    let bytes = LIST.as_bytes();
    let (mut lo, mut hi) = (0usize, bytes.len());
    // Invariant: lo is at a line start; the entry, if present, starts in [lo, hi).
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = bytes[..mid].iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1).max(lo);
        let end = bytes[start..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |p| start + p);
        let entry = LIST.get(start..end).unwrap_or("");
        match entry.cmp(lower) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => lo = end + 1,
            std::cmp::Ordering::Greater => hi = start,
        }
    }
    false
}

#[cfg(test)]
/// Number of entries.
pub fn len() -> usize {
    LIST.lines().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_entry_and_nothing_else() {
        assert_eq!(len(), 10_000);
        for line in LIST.lines() {
            assert!(contains(line), "{line}");
            assert!(!contains(&format!("{line}\u{1}")));
        }
        assert!(contains("password"));
        assert!(contains("123456"));
        assert!(!contains("correct horse battery staple"));
        assert!(!contains(""));
    }
}
