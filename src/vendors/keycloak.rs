//! STUB (Keycloak password policy string): being written.
use super::{Document, Normalized};
use crate::error::{PolicyError, Result};

/// Whether the document looks like this format.
pub fn detect(_doc: &Document) -> bool {
    false
}

pub fn normalize(_doc: &Document) -> Result<Vec<Normalized>> {
    Err(PolicyError::field("$", "not implemented yet"))
}
