//! STUB: being written.
use super::{Document, Normalized};
use crate::error::{PolicyError, Result};
pub const KEYS: &[&str] = &["__stub_longjump"];
pub fn normalize(_doc: &Document) -> Result<Normalized> {
    Err(PolicyError::field("$", "not implemented"))
}
