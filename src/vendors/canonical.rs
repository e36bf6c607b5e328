//! The canonical policy JSON as an input (vendor id `canonical`). It round-trips exactly:
//! `normalize(policy.to_json())` gives back the same policy. Unknown fields are errors here (the
//! format is ours, so an unknown key is a typo), reported with their path.

use serde_json::Value;

use super::Normalized;
use crate::error::{PolicyError, Result};
use crate::policy::Policy;

/// Top-level keys of the canonical form, for detection.
pub const KEYS: &[&str] = &[
    "version", "source", "length", "classes", "sets", "types", "symbols", "allowed", "forbidden",
    "maxRepeat", "dictionary", "context", "history", "minStrength", "settings", "vendorExtras",
];

pub fn normalize(doc: &Value) -> Result<Normalized> {
    // serde reads a struct from an array too (positionally): the canonical form is an object only.
    if !doc.is_object() {
        return Err(PolicyError::field("$", "expected a canonical policy object"));
    }
    let policy: Policy = serde_path_to_error::deserialize(doc).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { "$".to_string() } else { path };
        PolicyError::field(path, e.inner().to_string())
    })?;
    Ok(Normalized { vendor: "canonical", policy, warnings: Vec::new() })
}

/// A canonical policy straight from its JSON text, without building a `Value` first: the parse
/// of the rules-only wasm, whose size it keeps small (a `Value` and a path-tracking deserializer
/// cost it some 150 KB). The policy is the same as [`normalize`]'s; an error in a field names
/// its path as [`normalize`] does, found by [`path_at`] from the position serde_json reports.
/// One difference: a key given twice is an error here (`duplicate field`), where a `Value`
/// keeps the last.
pub fn parse_text(text: &str) -> Result<Normalized> {
    let trimmed = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if !trimmed.starts_with('{') {
        return Err(PolicyError::field("$", "expected a canonical policy object"));
    }
    let policy: Policy = serde_json::from_str(trimmed).map_err(|e| {
        let message = e.to_string();
        let message = message.find(" at line ").map_or(message.as_str(), |i| &message[..i]).to_string();
        if e.is_data() {
            let path = path_at(trimmed, e.line(), e.column());
            PolicyError::field(if path.is_empty() { "$".to_string() } else { path }, message)
        } else {
            PolicyError::new(
                crate::error::ErrorCode::InvalidJson,
                None,
                format!("invalid JSON at line {}, column {}: {message}", e.line(), e.column()),
            )
        }
    })?;
    Ok(Normalized { vendor: "canonical", policy, warnings: Vec::new() })
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
                        *key = Some(serde_json::from_str::<String>(&format!("\"{raw}\"")).unwrap_or_else(|_| raw.to_string()));
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
    use serde_json::json;

    #[test]
    fn errors_name_the_field() {
        let e = normalize(&json!({"version": 1, "length": {"min": "eight"}})).unwrap_err();
        assert_eq!(e.code(), "invalid_field");
        assert_eq!(e.path(), Some("length.min"));
        let e = normalize(&json!({"version": 1, "classes": [{"class": "lower", "min": 1}, {"class": "vowel", "min": 1}]})).unwrap_err();
        assert_eq!(e.path(), Some("classes[1].class"));
        let e = normalize(&json!({"version": 1, "lenght": {}})).unwrap_err();
        assert_eq!(e.path(), Some("lenght"));
        assert!(e.message.contains("lenght"));
        // Not read positionally from an array (serde's struct-from-sequence).
        for not_object in [json!([1]), json!([1, {}, {"min": 8}]), json!("x"), json!(null)] {
            assert_eq!(normalize(&not_object).unwrap_err().path(), Some("$"), "{not_object}");
        }
    }
}
