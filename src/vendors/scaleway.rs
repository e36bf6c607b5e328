//! STUB: being written.
use serde_json::Value;
use super::Normalized;
use crate::error::{PolicyError, Result};
pub const KEYS: &[&str] = &["__stub_scaleway"];
pub fn normalize(_doc: &Value) -> Result<Normalized> {
    Err(PolicyError::field("$", "not implemented"))
}
