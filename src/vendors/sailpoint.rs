//! STUB: being written.
use serde_json::Value;
use super::Normalized;
use crate::error::{PolicyError, Result};
pub const KEYS: &[&str] = &["__stub_sailpoint"];
pub fn normalize(_doc: &Value) -> Result<Vec<Normalized>> {
    Err(PolicyError::field("$", "not implemented"))
}
