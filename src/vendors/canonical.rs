//! The canonical policy JSON as an input (vendor id `canonical`). It round-trips exactly:
//! `normalize(policy.to_json())` gives back the same policy. Unknown fields are errors here (the
//! format is ours, so an unknown key is a typo), reported with their path.

use serde_json::Value;

use super::{Document, Normalized};
use crate::error::Result;

/// Top-level keys of the canonical form, for detection: the fields the reader accepts.
pub const KEYS: &[&str] = crate::policy::read::POLICY_FIELDS;

pub fn normalize(doc: &Document) -> Result<Vec<Normalized>> {
    Ok(vec![read(doc.value())?])
}

/// The policy of a canonical JSON value. Also the entry of the rules-only build
/// ([`super::normalize_canonical`]), which has no use for a list.
pub(super) fn read(doc: &Value) -> Result<Normalized> {
    Ok(Normalized { vendor: "canonical", policy: crate::policy::read::policy(doc)?, warnings: Vec::new() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn errors_name_the_field() {
        let e = read(&json!({"version": 1, "length": {"min": "eight"}})).unwrap_err();
        assert_eq!(e.code(), "invalid_field");
        assert_eq!(e.path(), Some("length.min"));
        let e = read(&json!({"version": 1, "classes": [{"class": "lower", "min": 1}, {"class": "vowel", "min": 1}]}))
            .unwrap_err();
        assert_eq!(e.path(), Some("classes[1].class"));
        let e = read(&json!({"version": 1, "lenght": {}})).unwrap_err();
        assert_eq!(e.path(), Some("lenght"));
        assert!(e.message.contains("lenght"));
        // Not read positionally from an array (serde's struct-from-sequence).
        for not_object in [json!([1]), json!([1, {}, {"min": 8}]), json!("x"), json!(null)] {
            assert_eq!(read(&not_object).unwrap_err().path(), Some("$"), "{not_object}");
        }
    }
}
