//! passpolicy: normalize any vendor's password-policy document into one canonical policy, and
//! check and score passwords against it.
//!
//! Data flows one way: vendor document → adapter (`vendors`) → canonical policy (`policy`) →
//! compiled checker (`check`) → report. The core is plain Rust; `bindings` (wasm only) is the
//! thin JavaScript layer.

pub mod check;
pub mod describe;
pub mod error;
pub mod estimate;
pub mod export;
pub mod generate;
pub mod messages;
pub mod policy;
pub mod vendors;

#[cfg(all(target_arch = "wasm32", any(feature = "api-full", feature = "api-rules")))]
mod bindings;

pub use check::{Checker, Context, Report};
pub use error::{ErrorCode, PolicyError};
pub use policy::Policy;
pub use vendors::{detect_vendor, normalize, Normalized, Warning};

/// Checks `password` against a vendor document in one call (normalize, compile, check).
/// A document holding several policies (a SailPoint list) is an error: pick one first.
pub fn check_document(doc: &str, vendor: Option<&str>, password: &str, ctx: &Context) -> error::Result<Report> {
    let policy = single(normalize(doc, vendor)?)?.policy;
    Ok(Checker::compile(&policy)?.check(password, ctx))
}

/// The only policy of a normalization, or an `invalid_field` error when there are several.
pub fn single(mut list: Vec<Normalized>) -> error::Result<Normalized> {
    match list.len() {
        1 => list.pop().ok_or_else(|| PolicyError::field("$", "the document holds no policy")),
        0 => Err(PolicyError::field("$", "the document holds no policy")),
        n => Err(PolicyError::field("$", format!("the document holds {n} policies; normalize it and pick one"))),
    }
}
