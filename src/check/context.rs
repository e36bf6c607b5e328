//! What the caller knows about the user, and how its values are turned into tokens to look for.
//!
//! A value is matched whole and word by word, case-insensitively: `John Smith` gives `john smith`,
//! `john`, `smith` and `johnsmith`; `555-555-1234` gives `555`, `1234` and `5555551234` (separators
//! removed). Tokens shorter than the rule's minimum token length are not looked for. For an e-mail
//! address only the whole address and its local part (before the last `@`) count, not the domain.

use std::collections::BTreeMap;

use serde::Deserialize;

/// The largest context accepted, as JSON text (UTF-8 bytes): room for a long history, and a bound
/// on what a caller can make the checker copy and scan per call.
pub const MAX_CONTEXT_BYTES: usize = 4 << 20;

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Context {
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub account_id: Option<String>,
    #[serde(default)]
    pub account_name: Option<String>,
    /// Other attributes of the user or account (`displayName`, `phone`, …).
    #[serde(default)]
    pub attributes: BTreeMap<String, String>,
    /// Previous passwords, most recent first.
    #[serde(default)]
    pub previous_passwords: Vec<String>,
    /// Words for the custom dictionary check (e.g. the organisation's uploaded dictionary).
    #[serde(default)]
    pub dictionary: Vec<String>,
    /// How many times the password was found in known data breaches, for the `breached` rule
    /// (which is `unchecked` without it): what a Pwned Passwords range lookup returned.
    #[serde(default)]
    pub breach_count: Option<u64>,
}

impl Context {
    /// The non-empty context values, for the strength estimator's user inputs: the first
    /// [`MAX_USER_INPUTS`](crate::estimate::MAX_USER_INPUTS), the number it reads.
    pub fn user_inputs(&self) -> Vec<&str> {
        [&self.username, &self.email, &self.account_id, &self.account_name]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .chain(self.attributes.values().map(String::as_str))
            .chain(self.dictionary.iter().map(String::as_str))
            .filter(|s| !s.trim().is_empty())
            .take(crate::estimate::MAX_USER_INPUTS)
            .collect()
    }
}

fn char_len(s: &str) -> u32 {
    s.chars().count().min(u32::MAX as usize) as u32
}

/// Lowercasing shrinks a character at most threefold in UTF-8 (U+212A KELVIN SIGN, 3 bytes, is
/// `k`): a source longer than this many times the password's bytes cannot lowercase into it.
const MAX_LOWERCASE_SHRINK: usize = 3;

/// Offers `found` each token of a context value, lowercased, until it answers `true`; returns
/// whether it did. The tokens: the whole value, its words (split at every character that is not
/// alphanumeric), and its words joined. Only a token whose source is at most `3 × max_bytes` bytes
/// is made (`max_bytes`: the lowercased password's length, so every token that could be found in
/// the password is made): a huge value costs one pass over it and no copy of itself. A repeated
/// word is offered again.
pub fn any_token(value: &str, min_len: u32, max_bytes: usize, found: &mut dyn FnMut(&str) -> bool) -> bool {
    let value = value.trim();
    let cap = max_bytes.saturating_mul(MAX_LOWERCASE_SHRINK);
    let min = min_len.max(1);
    let mut offer = |t: &str| char_len(t) >= min && found(t);
    if value.len() <= cap && offer(&value.to_lowercase()) {
        return true;
    }
    let mut joined = String::new();
    let mut joined_source = 0usize;
    for word in value.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        joined_source = joined_source.saturating_add(word.len());
        if word.len() > cap {
            continue;
        }
        // The words of the lowercased value: a lowercase can hold a character that is not
        // alphanumeric (`İ` is `i` and U+0307 COMBINING DOT ABOVE), which splits again.
        let lower = word.to_lowercase();
        for part in lower.split(|c: char| !c.is_alphanumeric()).filter(|p| !p.is_empty()) {
            if offer(part) {
                return true;
            }
            if joined_source <= cap {
                joined.push_str(part);
            }
        }
    }
    joined_source <= cap && offer(&joined)
}

/// [`any_token`] with the rule's own delimiters: the whole value, then the parts between any of
/// `delimiters`, lowercased (`""`: the whole value only); nothing is joined. `None`: [`any_token`].
/// The same bound on what is made.
pub fn any_token_split(
    value: &str,
    delimiters: Option<&str>,
    min_len: u32,
    max_bytes: usize,
    found: &mut dyn FnMut(&str) -> bool,
) -> bool {
    let Some(delimiters) = delimiters else { return any_token(value, min_len, max_bytes, found) };
    let value = value.trim();
    let cap = max_bytes.saturating_mul(MAX_LOWERCASE_SHRINK);
    let min = min_len.max(1);
    let mut offer = |t: &str| t.len() <= cap && char_len(t) >= min && found(&t.to_lowercase());
    if offer(value) {
        return true;
    }
    if delimiters.is_empty() {
        return false;
    }
    let mut parts = value.split(|c: char| delimiters.contains(c)).filter(|p| !p.is_empty());
    // A value without a delimiter is one part: itself, already offered.
    parts.clone().nth(1).is_some() && parts.any(offer)
}

/// For an e-mail address: the whole address, then the tokens of its local part (before the last
/// `@`, cut as [`any_token_split`] cuts); the domain alone is not one.
pub fn any_email_token_split(
    value: &str,
    delimiters: Option<&str>,
    min_len: u32,
    max_bytes: usize,
    found: &mut dyn FnMut(&str) -> bool,
) -> bool {
    let value = value.trim();
    let Some((local, _)) = value.rsplit_once('@') else {
        return any_token_split(value, delimiters, min_len, max_bytes, found);
    };
    let whole = value.len() <= max_bytes.saturating_mul(MAX_LOWERCASE_SHRINK) && {
        let lower = value.to_lowercase();
        char_len(&lower) >= min_len.max(1) && found(&lower)
    };
    whole || any_token_split(local, delimiters, min_len, max_bytes, found)
}

/// The path (`classes[1].min`) of the value being read at `line`/`column` (1-based, bytes, as
/// serde_json reports them) of a JSON text: one pass over the bytes before that point, keeping a
/// stack of the objects (with their current key) and arrays (with their current index) open there.
pub fn path_at(text: &str, line: usize, column: usize) -> String {
    enum Frame {
        Object { key: Option<String>, want_key: bool },
        Array { index: usize },
    }
    let bytes = text.as_bytes();
    let mut end = 0;
    for _ in 1..line {
        match bytes.get(end..).and_then(|rest| rest.iter().position(|&b| b == b'\n')) {
            Some(i) => end += i + 1,
            None => break,
        }
    }
    let end = (end + column).min(bytes.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < end {
        match bytes.get(i).copied().unwrap_or(0) {
            b'{' => stack.push(Frame::Object { key: None, want_key: true }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                // The error may be at the closing bracket itself (a missing field, a short
                // array): keep the frame, and an object's path ends at the object.
                if i + 1 < end {
                    stack.pop();
                } else if let Some(Frame::Object { key, .. }) = stack.last_mut() {
                    *key = None;
                }
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array { index }) => *index += 1,
                Some(Frame::Object { want_key, .. }) => *want_key = true,
                None => {}
            },
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes.get(i) != Some(&b'"') {
                    i += if bytes.get(i) == Some(&b'\\') { 2 } else { 1 };
                }
                if let Some(Frame::Object { key, want_key }) = stack.last_mut() {
                    if *want_key {
                        let raw = text.get(start..i.min(bytes.len())).unwrap_or("");
                        *key = Some(
                            serde_json::from_str::<String>(&format!("\"{raw}\"")).unwrap_or_else(|_| raw.to_string()),
                        );
                        *want_key = false;
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(k), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array { index } => path.push_str(&format!("[{index}]")),
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    fn made(value: &str, min_len: u32, max_bytes: usize) -> Vec<String> {
        let mut out = Vec::new();
        any_token(value, min_len, max_bytes, &mut |t| {
            out.push(t.to_string());
            false
        });
        out
    }

    fn all(value: &str, min_len: u32) -> Vec<String> {
        made(value, min_len, usize::MAX)
    }

    #[test]
    fn many_words_are_linear() {
        let name: String = (0..100_000).map(|i| format!("w{i} ")).collect();
        let t = std::time::Instant::now();
        assert_eq!(all(&name, 1).len(), 100_000 + 2);
        // Not a timing assertion on the result, only a guard that fails a quadratic path
        // (seconds) and never a linear one (a few ms, even in a debug build on a busy machine).
        assert!(t.elapsed() < std::time::Duration::from_secs(10), "{:?}", t.elapsed());
        assert_eq!(all("ann ann Ann", 1), vec!["ann ann ann", "ann", "ann", "ann", "annannann"]);
    }

    #[test]
    fn value_tokens() {
        assert_eq!(all("John Smith", 3), vec!["john smith", "john", "smith", "johnsmith"]);
        assert_eq!(all("555-555-1234", 3), vec!["555-555-1234", "555", "555", "1234", "5555551234"]);
        assert_eq!(all("Al Bo", 3), vec!["al bo", "albo"]);
        assert!(all("  ", 3).is_empty());
        // A lowercase that holds a mark splits where the lowercased value would.
        assert_eq!(all("İzmir", 1), vec!["i\u{307}zmir", "i", "zmir", "izmir"]);
    }

    #[test]
    fn only_tokens_that_fit_the_password_are_made() {
        // A 9-byte password: sources up to 27 bytes (the Kelvin sign lowercases 3:1).
        let long = format!("{} ann {}", "x".repeat(40), "\u{212A}".repeat(9));
        assert_eq!(made(&long, 1, 9), vec!["ann".to_string(), "k".repeat(9)]);
        // The joined words of a value too long are not made either; short ones are.
        assert_eq!(made("ab cd", 1, 1), vec!["ab", "cd"]);
        assert_eq!(made("ab cd", 1, 2), vec!["ab cd", "ab", "cd", "abcd"]);
        let huge = "w ".repeat(2_000_000);
        assert_eq!(made(&huge, 1, 8).len(), 2_000_000);
        // The first token found ends the scan.
        let mut offered = 0;
        assert!(any_token("a b c d", 1, 8, &mut |t| {
            offered += 1;
            t == "b"
        }));
        assert_eq!(offered, 3);
    }

    #[test]
    fn only_an_object_is_a_context() {
        assert_eq!(Context::from_json(r#" {"username": "ann"}"#).unwrap().username.as_deref(), Some("ann"));
        for text in [r#"["ann"]"#, "null", "\"ann\"", "1", ""] {
            let e = Context::from_json(text).unwrap_err();
            assert_eq!((e.code(), e.path()), ("invalid_field", Some("context")), "{text}");
            assert!(!e.message.contains("ann"));
        }
    }

    #[test]
    fn own_delimiters() {
        let split = |v: &str, d: &str, min: u32| {
            let mut out = Vec::new();
            any_token_split(v, Some(d), min, usize::MAX, &mut |t| {
                out.push(t.to_string());
                false
            });
            out
        };
        // Windows' display-name delimiters: the example of Microsoft's documentation.
        let windows = ",.-_#\t ";
        assert_eq!(split("Erin M. Hagens", windows, 3), ["erin m. hagens", "erin", "hagens"]);
        // Only those delimiters cut: an apostrophe does not; nothing is joined.
        assert_eq!(split("Seán O'Brien-Smith", windows, 3), ["seán o'brien-smith", "seán", "o'brien", "smith"]);
        assert_eq!(split("Ann\tLee#IT", windows, 2), ["ann\tlee#it", "ann", "lee", "it"]);
        // No delimiter in the value: the value once.
        assert_eq!(split("Hagens", windows, 3), ["hagens"]);
        // No delimiters: the whole value only, if long enough.
        assert_eq!(split("J.Doe", "", 3), ["j.doe"]);
        assert!(split("Al", "", 3).is_empty());
        // Absent: the default tokens.
        let mut out = Vec::new();
        any_token_split("Al-Bo", None, 1, usize::MAX, &mut |t| {
            out.push(t.to_string());
            false
        });
        assert_eq!(out, ["al-bo", "al", "bo", "albo"]);
        // Too long for the password (1 byte: sources up to 3 bytes): not made.
        let mut made = Vec::new();
        any_token_split("abcdef ghi", Some(" "), 1, 1, &mut |t| {
            made.push(t.to_string());
            false
        });
        assert_eq!(made, ["ghi"]);
    }

    #[test]
    fn email() {
        let emailed = |v: &str| {
            let mut out = Vec::new();
            any_email_token_split(v, None, 3, usize::MAX, &mut |t| {
                out.push(t.to_string());
                false
            });
            out
        };
        assert_eq!(emailed("John.Doe@Example.com"), vec!["john.doe@example.com", "john.doe", "john", "doe", "johndoe"]);
        assert_eq!(emailed("ann"), vec!["ann", "ann", "ann"]);
    }
}

impl Context {
    /// Parses a context from JSON. Errors name the field and never repeat a value (a misplaced
    /// password must not end up in an error message).
    pub fn from_json(text: &str) -> crate::error::Result<Context> {
        if text.len() > MAX_CONTEXT_BYTES {
            return Err(crate::error::PolicyError::new(
                crate::error::ErrorCode::TooLarge,
                Some("context".to_string()),
                format!("the context is {} bytes of JSON; the limit is {MAX_CONTEXT_BYTES} bytes", text.len()),
            ));
        }
        // serde reads a struct from an array too (positionally): a context is an object only.
        if !text.trim_start().starts_with('{') {
            return Err(crate::error::PolicyError::field("context", "expected a JSON object"));
        }
        // The path of a bad field comes from the position serde_json reports (one pass over the
        // text before it), not from a path-tracking deserializer: the same paths, far less code
        // in the wasm of `passpolicy/rules`.
        serde_json::from_str(text).map_err(|e| {
            let path = path_at(text, e.line(), e.column());
            let path = if path.is_empty() { "context".to_string() } else { format!("context.{path}") };
            crate::error::PolicyError::field(path, scrub(&e.to_string()))
        })
    }
}

/// Keeps what serde expected and drops what it found.
pub(crate) fn scrub(msg: &str) -> String {
    let msg = msg.split(" at line ").next().unwrap_or(msg);
    if msg.starts_with("unknown field") {
        return msg.to_string();
    }
    match msg.rsplit_once(", expected ") {
        Some((_, expected)) => format!("wrong type or value; expected {expected}"),
        None if msg.starts_with("invalid") => "wrong type or value".to_string(),
        None => msg.to_string(),
    }
}

#[cfg(test)]
mod parse_tests {
    use super::*;

    #[test]
    fn context_errors_never_repeat_values() {
        let e = Context::from_json(r#"{"previousPasswords": "hunter2secret"}"#).unwrap_err();
        assert_eq!(e.path(), Some("context.previousPasswords"));
        assert!(!e.message.contains("hunter2secret"), "{}", e.message);
        let e = Context::from_json(r#"{"attributes": {"phone": 5551234}}"#).unwrap_err();
        assert_eq!(e.path(), Some("context.attributes.phone"));
        assert!(!e.message.contains("5551234"));
        let e = Context::from_json(r#"{"userName": "x"}"#).unwrap_err();
        assert!(e.message.contains("userName"));
        assert_eq!(e.path(), Some("context.userName"));
        let e = Context::from_json(r#"{"username": "ann", "previousPasswords": ["a", 7]}"#).unwrap_err();
        assert_eq!(e.path(), Some("context.previousPasswords[1]"));
        let e = Context::from_json("{\n  \"attributes\": {\"a\": \"x\", \"b\": [1]}\n}").unwrap_err();
        assert_eq!(e.path(), Some("context.attributes.b"));
        for bad in
            [r#"{"breachCount": -1}"#, r#"{"breachCount": 1.5}"#, r#"{"breachCount": "3"}"#, r#"{"breachCount": true}"#]
        {
            let e = Context::from_json(bad).unwrap_err();
            assert_eq!((e.code(), e.path()), ("invalid_field", Some("context.breachCount")), "{bad}");
        }
        assert_eq!(Context::from_json(r#"{"breachCount": 0}"#).unwrap().breach_count, Some(0));
        assert_eq!(Context::from_json(r#"{"breachCount": null}"#).unwrap().breach_count, None);
        let c = Context::from_json(r#"{"username": "ann", "attributes": {"city": "Oslo"}}"#).unwrap();
        assert_eq!(c.username.as_deref(), Some("ann"));
    }
}
