//! Checking passwords against a canonical policy.
//!
//! `Checker::compile(&policy)` validates the policy and prepares everything that does not depend
//! on the password (lower-cased words, labels); `checker.check(password, &context)` then runs
//! every rule and the strength estimate. Compile once, check on every keystroke.

mod banned;
pub mod common;
mod context;
pub mod report;
mod rules;
pub(crate) mod sequence;
pub mod strength;

pub use context::{Context, MAX_CONTEXT_BYTES};
pub use report::{Report, RuleResult, Status, Strength, RULE_IDS};
pub use rules::{ready_languages, Checker, Password, ANALYSIS_LIMIT_CODE_POINTS};
