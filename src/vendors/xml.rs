//! STUB: being written.
use serde_json::Value;
use crate::error::{ErrorCode, PolicyError, Result};
pub fn to_value(_text: &str) -> Result<Value> {
    Err(PolicyError::new(ErrorCode::InvalidXml, None, "not implemented"))
}
