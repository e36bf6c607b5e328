//! PingOne password policies (`GET /environments/{envID}/passwordPolicies/{policyID}`, and the
//! list `GET /environments/{envID}/passwordPolicies`: `{ "_embedded": { "passwordPolicies": [...] } }`,
//! or its bare array).
//!
//! Follows the PingOne Platform API reference, "Password Policies"
//! (<https://apidocs.pingidentity.com/pingone/platform/v1/api/#password-policies>, data model),
//! as generated into `patrickcping/pingone-go-sdk-v2@53e19644:management/docs/PasswordPolicy.md`
//! (with `PasswordPolicyLength.md`, `PasswordPolicyMinCharacters.md`, `PasswordPolicyHistory.md`,
//! `PasswordPolicyLockout.md`), and the built-in policies' rules on
//! <https://docs.pingidentity.com/pingone/authentication/p1_passwordpolicies.html> (2025).
//!
//! - `length.min` ("from 8 to 32"), `length.max` (default 255): the length, in characters
//!   (grapheme clusters here);
//! - `minCharacters`: keys are the characters of a set, values the minimum count of them; the
//!   four documented keys become `sets` of exactly those characters (named "uppercase letter",
//!   …). Any other key is undocumented: kept under vendorExtras, not enforced;
//! - `maxRepeatedCharacters` → `maxRepeat` (the docs' example: 2 accepts `good-apple`, rejects
//!   `goood-appple`); `minUniqueCharacters` → `minUnique` (rule `chars.unique`); a 0 of either is
//!   documented nowhere: left out, kept, warned;
//! - `excludesCommonlyUsed` → `dictionary.common`; `excludesProfileData` → the user's data may not
//!   be the password (`context.username`, `email`, `attributes`, `match: whole`: "not an exact
//!   match for the value of any attribute in the user's profile");
//! - `history.count` → `history`; `history.retentionDays`, `notSimilarToCurrent` (a Levenshtein
//!   distance to the current password, which only PingOne sees) and `minComplexity` (a
//!   "haystack" estimate) have no canonical home: kept under vendorExtras, warned;
//! - `lockout` → `settings.lockout`, `maxAgeDays`/`minAgeDays` → `settings.expiry`;
//! - `name`, `id`, `description` → `source`; `environment`, `_links`, `populationCount`,
//!   `createdAt`, `updatedAt`, `default` and the set-password request fields (`bypassPolicy`,
//!   `currentPassword`, `newPassword`) are not rules: left out by name (a password's value is never
//!   kept).

use serde_json::Value;

use super::fields::{count_field, count_or_zero, days, Obj, Zero};
use super::{new_policy, Document, Normalized, Warnings};
use crate::error::{PolicyError, Result};
use crate::policy::{AttributeCheck, CharSet, ContextCheck, Expiry, History, Lockout, MatchMode, Policy, SetMin};

/// Top-level keys only PingOne's password policy has (detection).
pub const KEYS: &[&str] = &[
    "excludesCommonlyUsed",
    "excludesProfileData",
    "notSimilarToCurrent",
    "minUniqueCharacters",
    "maxRepeatedCharacters",
];

/// The documented `minCharacters` keys and the names of their sets.
pub const SETS: [(&str, &str); 4] = [
    ("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "uppercase letter"),
    ("abcdefghijklmnopqrstuvwxyz", "lowercase letter"),
    ("0123456789", "digit"),
    ("~!@#$%^&*()-_=+[]{}|;:,.<>/?", "special character"),
];

/// Fields of a policy resource that are not rules (left out by name).
const NOT_RULES: &[&str] = &[
    "environment",
    "_links",
    "populationCount",
    "createdAt",
    "updatedAt",
    "default",
    "bypassPolicy",
    "currentPassword",
    "newPassword",
];

/// One password policy: an object with a key only PingOne uses, or a `minCharacters` object
/// keyed by one of its documented character sets.
pub fn is_policy(v: &Value) -> bool {
    let Value::Object(m) = v else { return false };
    KEYS.iter().any(|k| m.contains_key(*k))
        || m.get("minCharacters")
            .and_then(Value::as_object)
            .is_some_and(|o| SETS.iter().any(|(chars, _)| o.contains_key(*chars)))
}

/// The list's `_embedded.passwordPolicies` array, when `v` is the list response.
fn embedded(v: &Value) -> Option<&Vec<Value>> {
    v.get("_embedded")?.get("passwordPolicies")?.as_array()
}

/// A policy, or the list response whose every policy is one (detection of bare arrays is by
/// [`is_policy`] on each element).
pub fn detect(doc: &Document) -> bool {
    match doc {
        Document::Json(v @ Value::Object(_)) => {
            is_policy(v) || embedded(v).is_some_and(|l| !l.is_empty() && l.iter().all(is_policy))
        }
        _ => false,
    }
}

pub fn normalize(doc: &Document) -> Result<Vec<Normalized>> {
    let v = doc.value();
    let (items, base) = match v {
        Value::Array(items) => (items, String::new()),
        Value::Object(_) if v.get("_embedded").is_some() => {
            let list = embedded(v).ok_or_else(|| {
                PolicyError::field("_embedded.passwordPolicies", "expected the list of password policies (an array)")
            })?;
            (list, "_embedded.passwordPolicies".to_string())
        }
        other => return Ok(vec![one(other, "")?]),
    };
    if items.is_empty() {
        return Err(PolicyError::field(if base.is_empty() { "$" } else { &base }, "the list holds no password policy"));
    }
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let mut n = one(item, &format!("{base}[{i}]"))?;
        if i == 0 && !base.is_empty() {
            // The list's own fields (`_links`, `count`, `size`) are paging, not policy.
            let page: Vec<&str> = v
                .as_object()
                .map(|o| o.keys().map(String::as_str).filter(|k| *k != "_embedded").collect())
                .unwrap_or_default();
            if !page.is_empty() {
                let mut w = Warnings(std::mem::take(&mut n.warnings));
                w.left_out("", "the list response", &page);
                n.warnings = w.0;
            }
        }
        out.push(n);
    }
    Ok(out)
}

/// A documented 0 is nowhere: a 0 count is left out (kept, warned); the others are read.
fn count(o: &Obj, key: &str, range: Option<(i64, i64)>, p: &mut Policy, w: &mut Warnings) -> Result<Option<u32>> {
    count_or_zero(o, key, range, Zero::Undocumented, p, w)
}

/// One policy at `base` ("" or "…[i]").
fn one(v: &Value, base: &str) -> Result<Normalized> {
    let o = Obj::new(v, base)?;
    let (mut p, mut w) = (new_policy("pingone"), Warnings::default());
    p.source.id = o.text("id")?;
    p.source.name = o.text("name")?;
    p.source.description = o.text("description")?;

    // Length: "The minimum number of characters required for the password. This can be from 8 to
    // 32 (inclusive)"; "The maximum number of characters allowed … Defaults to 255."
    if let Some(len) = o.obj("length")? {
        p.length.min = count(&len, "min", Some((8, 32)), &mut p, &mut w)?;
        p.length.max = count(&len, "max", None, &mut p, &mut w)?;
        len.finish(&mut p, &mut w);
    }

    // minCharacters: the key lists the characters, the value the minimum count.
    if let Some(mc) = o.obj("minCharacters")? {
        for (chars, name) in SETS {
            if let Some(min) = count(&mc, chars, None, &mut p, &mut w)? {
                p.sets.push(SetMin { name: Some(name.to_string()), chars: CharSet::chars(chars), min });
            }
        }
        mc.finish(&mut p, &mut w);
    }

    // "The maximum number of repeated characters allowed."
    p.max_repeat = count(&o, "maxRepeatedCharacters", None, &mut p, &mut w)?;
    // "The minimum number of unique characters required."
    p.min_unique = count(&o, "minUniqueCharacters", None, &mut p, &mut w)?;

    if o.bool("excludesCommonlyUsed")? == Some(true) {
        p.dictionary.common = true;
    }
    if o.bool("excludesProfileData")? == Some(true) {
        // "not an exact match for the value of any attribute in the user's profile".
        let whole = ContextCheck { match_mode: MatchMode::Whole, ..Default::default() };
        p.context.username = Some(whole.clone());
        p.context.email = Some(whole);
        p.context.attributes = Some(AttributeCheck { match_mode: MatchMode::Whole, ..Default::default() });
    }

    // Not checkable on a password, with no canonical setting. A false `notSimilarToCurrent` asks
    // for nothing.
    if o.bool("notSimilarToCurrent")? == Some(true) {
        o.keep("notSimilarToCurrent", &mut p);
        w.kept_extra(
            &o.path("notSimilarToCurrent"),
            "the similarity to the current password (a Levenshtein distance under 3 is rejected)",
        );
    }
    if count_field(&o, "minComplexity", None, &mut w)?.is_some() {
        o.keep("minComplexity", &mut p);
        w.kept_extra(&o.path("minComplexity"), "the minimum complexity (days to exhaust the search space)");
    }

    if let Some(h) = o.obj("history")? {
        // "The value must be a positive, non-zero integer."
        if let Some(n) = count(&h, "count", None, &mut p, &mut w)? {
            p.history = Some(History { count: n, enforced: true });
        }
        if h.raw("retentionDays").is_some() {
            count(&h, "retentionDays", None, &mut p, &mut w)?;
            h.keep("retentionDays", &mut p);
            w.kept_extra(&h.path("retentionDays"), "how long previous passwords are kept");
        }
        h.finish(&mut p, &mut w);
    }

    if let Some(l) = o.obj("lockout")? {
        let threshold = count(&l, "failureCount", None, &mut p, &mut w)?;
        let duration = count(&l, "durationSeconds", None, &mut p, &mut w)?;
        if threshold.is_some() || duration.is_some() {
            w.not_checkable(&o.path("lockout"), "account lockout");
            p.settings.lockout = Some(Lockout {
                enforced: true,
                threshold,
                duration_seconds: duration.map(f64::from),
                ..Default::default()
            });
        }
        l.finish(&mut p, &mut w);
    }

    // "The value must be a positive, non-zero integer" (and greater than minAgeDays + 21).
    let max_age = count(&o, "maxAgeDays", None, &mut p, &mut w)?;
    let min_age = count(&o, "minAgeDays", None, &mut p, &mut w)?;
    if max_age.is_some() || min_age.is_some() {
        for (key, given) in [("maxAgeDays", max_age.is_some()), ("minAgeDays", min_age.is_some())] {
            if given {
                w.not_checkable(&o.path(key), "password age");
            }
        }
        p.settings.expiry = Some(Expiry {
            enforced: true,
            max_age_seconds: max_age.map(days),
            min_age_seconds: min_age.map(days),
            ..Default::default()
        });
    }

    let present: Vec<&str> = NOT_RULES.iter().copied().filter(|k| o.has(k)).collect();
    for k in &present {
        o.skip(k);
    }
    if !present.is_empty() {
        w.left_out(&o.base_path(), "the policy resource", &present);
    }
    o.finish(&mut p, &mut w);
    Ok(Normalized { vendor: "pingone", policy: p, warnings: w.0 })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Status;
    use crate::vendors::testing::{codes, failures, failures_in, norm_as, norm_json};
    use crate::vendors::{detect_vendor, WarningCode};
    use crate::{Checker, Context};
    use serde_json::json;

    const STANDARD: &str = include_str!("../../tests/fixtures/real/pingone/davinci-form-standard.json");
    const SDK_TEST: &str = include_str!("../../tests/fixtures/real/pingone/sdk-test-policy.json");
    const SAMPLE: &str = include_str!("../../tests/fixtures/pingone/standard.json");

    #[test]
    fn standard_policy() {
        let n = norm_as("pingone", STANDARD);
        let p = &n.policy;
        assert_eq!(p.source.name.as_deref(), Some("Standard"));
        assert_eq!((p.length.min, p.length.max), (Some(8), Some(255)));
        let sets: Vec<(&str, u32)> = p.sets.iter().map(|s| (s.chars.chars.as_str(), s.min)).collect();
        assert_eq!(sets, SETS.iter().map(|(c, _)| (*c, 1)).collect::<Vec<_>>());
        assert_eq!((p.max_repeat, p.min_unique), (Some(2), Some(5)));
        assert!(p.dictionary.common);
        assert_eq!(p.history, Some(History { count: 6, enforced: true }));
        let l = p.settings.lockout.as_ref().unwrap();
        assert_eq!((l.threshold, l.duration_seconds), (Some(5), Some(900.0)));
        let e = p.settings.expiry.as_ref().unwrap();
        assert_eq!((e.max_age_seconds, e.min_age_seconds), (Some(days(182)), Some(days(1))));
        assert_eq!(p.vendor_extras.get("notSimilarToCurrent"), Some(&json!(true)));
        assert_eq!(p.vendor_extras.get("history.retentionDays"), Some(&json!(365)));
        assert!(codes(&n, WarningCode::UnknownField).is_empty(), "{:?}", n.warnings);
        // The docs' examples: good-apple passes the repeat rule, goood-appple does not.
        assert!(!failures(p, "Good-apple7").contains(&"repeat.max"));
        assert!(failures(p, "Goood-appple7").contains(&"repeat.max"));
        assert!(failures(p, "Aa1!Aa1!Aa1!").contains(&"chars.unique"));
        assert!(failures(p, "Tr4il-Mix!").is_empty());
        // Profile data: the whole password may not be an attribute's value.
        let ctx = Context { username: Some("Tr4il-Mix!".into()), ..Default::default() };
        assert_eq!(failures_in(p, "Tr4il-Mix!", &ctx), ["context.username"]);
    }

    #[test]
    fn undocumented_set_keys_are_kept_not_enforced() {
        let n = norm_as("pingone", SDK_TEST);
        let p = &n.policy;
        assert!(p.sets.is_empty());
        assert_eq!(codes(&n, WarningCode::UnknownField), ["minCharacters.digits", "minCharacters.special"]);
        assert_eq!(p.vendor_extras.get("minCharacters.digits"), Some(&json!(1)));
        assert_eq!((p.length.min, p.length.max, p.min_unique), (Some(8), Some(20), Some(3)));
    }

    #[test]
    fn list_response_and_bare_array() {
        let policy = serde_json::from_str::<Value>(SAMPLE).unwrap();
        let list = json!({ "_links": { "self": { "href": "x" } }, "_embedded": { "passwordPolicies": [policy.clone(), policy.clone()] }, "count": 2, "size": 2 });
        let doc = Document::Json(list.clone());
        assert!(detect(&doc));
        let out = normalize(&doc).unwrap();
        assert_eq!(out.len(), 2);
        assert!(out[0]
            .warnings
            .iter()
            .any(|w| w.code == WarningCode::Ignored && w.fields == ["_links", "count", "size"]));
        assert_eq!(detect_vendor(&list.to_string()).unwrap(), "pingone");
        let bare = Value::Array(vec![policy.clone(), policy]);
        assert_eq!(detect_vendor(&bare.to_string()).unwrap(), "pingone");
        let e = normalize(&Document::Json(json!({ "_embedded": { "passwordPolicies": [] } }))).unwrap_err();
        assert_eq!(e.path(), Some("_embedded.passwordPolicies"));
        // Another API's `passwordPolicies` list is not PingOne's.
        assert!(!detect(&Document::Json(json!({ "passwordPolicies": [{ "passwordMinimumLength": 8 }] }))));
        assert!(!detect(&Document::Json(json!({ "_embedded": { "passwordPolicies": [{ "minLength": 8 }] } }))));
    }

    #[test]
    fn zeros_ranges_and_errors() {
        let n = norm_json(
            "pingone",
            json!({ "name": "z", "minUniqueCharacters": 0, "maxRepeatedCharacters": 0, "length": { "min": 4, "max": 64 },
                    "minCharacters": { "0123456789": 0 }, "currentPassword": "secret-value" }),
        );
        let p = &n.policy;
        assert_eq!((p.min_unique, p.max_repeat), (None, None));
        assert!(p.sets.is_empty());
        assert_eq!(
            codes(&n, WarningCode::OutOfRange),
            ["length.min", "minCharacters.0123456789", "maxRepeatedCharacters", "minUniqueCharacters"]
        );
        assert_eq!(p.length.min, Some(4));
        // A false notSimilarToCurrent asks for nothing and is not kept.
        let f = norm_json("pingone", json!({ "notSimilarToCurrent": false, "minComplexity": 7 }));
        assert_eq!(f.policy.vendor_extras.get("notSimilarToCurrent"), None);
        assert_eq!(f.policy.vendor_extras.get("minComplexity"), Some(&json!(7)));
        assert_eq!(codes(&f, WarningCode::NotCheckable), ["minComplexity"]);
        // The request's password is left out by name; its value is kept nowhere.
        assert!(!p.to_json().contains("secret-value"));
        assert!(!format!("{:?}", n.warnings).contains("secret-value"));
        for (doc, path) in [
            (json!({ "minUniqueCharacters": "5" }), "minUniqueCharacters"),
            (json!({ "maxRepeatedCharacters": -1 }), "maxRepeatedCharacters"),
            (json!({ "excludesCommonlyUsed": "yes" }), "excludesCommonlyUsed"),
            (json!({ "excludesCommonlyUsed": true, "length": [8] }), "length"),
            (json!({ "excludesCommonlyUsed": true, "lockout": { "failureCount": 2.5 } }), "lockout.failureCount"),
        ] {
            let e = normalize(&Document::Json(doc)).unwrap_err();
            assert_eq!((e.code(), e.path()), ("invalid_field", Some(path)));
        }
        // More unique characters than the maximum length: unsatisfiable, naming our field.
        let e = crate::normalize(r#"{"minUniqueCharacters": 9, "length": {"min": 8, "max": 8}}"#, Some("pingone"))
            .and_then(|mut v| Checker::compile(&v.remove(0).policy).map(|_| ()))
            .unwrap_err();
        assert_eq!((e.code(), e.path()), ("unsatisfiable", Some("minUnique")));
    }

    #[test]
    fn unique_characters_report() {
        let p = norm_as("pingone", SAMPLE).policy;
        let r = Checker::compile(&p).unwrap().check_rules("aaAA11!!aaAA", &Context::default());
        let u = r.rules.iter().find(|x| x.id == "chars.unique").unwrap();
        assert_eq!((u.status, u.required, u.actual), (Status::Fail, Some(5), Some(4)));
    }
}
