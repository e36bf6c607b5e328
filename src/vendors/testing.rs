//! Helpers shared by the adapters' unit tests.

use serde_json::Value;

use super::{normalize_document, Document, Normalized, WarningCode};
use crate::policy::{validate, Policy};
use crate::{Checker, Context};

/// Normalizes `text` as a `vendor` document through the public entry point, and checks the one
/// policy it gives: valid, and its canonical JSON reads back the same.
pub(crate) fn norm_as(vendor: &str, text: &str) -> Normalized {
    only_policy(super::normalize(text, Some(vendor)).unwrap())
}

/// [`norm_as`] for a JSON value.
pub(crate) fn norm_json(vendor: &str, doc: Value) -> Normalized {
    only_policy(normalize_document(&Document::Json(doc), Some(vendor)).unwrap())
}

fn only_policy(mut out: Vec<Normalized>) -> Normalized {
    assert_eq!(out.len(), 1);
    let n = out.remove(0);
    validate(&n.policy).unwrap();
    let back: Policy = serde_json::from_str(&n.policy.to_json()).unwrap();
    assert_eq!(back, n.policy);
    n
}

/// The paths of the warnings with `code`, in order.
pub(crate) fn codes(n: &Normalized, code: WarningCode) -> Vec<&str> {
    n.warnings.iter().filter(|w| w.code == code).map(|w| w.path.as_str()).collect()
}

/// The ids of the rules `pw` fails, with no context.
pub(crate) fn failures(p: &Policy, pw: &str) -> Vec<&'static str> {
    failures_in(p, pw, &Context::default())
}

/// The ids of the rules `pw` fails in `ctx`.
pub(crate) fn failures_in(p: &Policy, pw: &str, ctx: &Context) -> Vec<&'static str> {
    let r = Checker::compile(p).unwrap().check(pw, ctx);
    r.violations.iter().map(|v| v.id).collect()
}
