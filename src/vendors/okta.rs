//! Okta password policies (Policy API, `type: "PASSWORD"`): one policy object,
//! `{"settings": {"password": …}}` (the documented settings example), or the list response of
//! `GET /api/v1/policies?type=PASSWORD` (an array: one policy per element, paths prefixed `[i].`).
//!
//! Follows Okta's Management API schema `PasswordPolicyPasswordSettings` as generated into Okta's
//! SDKs (okta/okta-sdk-python@37c77f428257713b5edad83298cb62f8200a5c49 and
//! @427ace24f1275766f6f149925706d9e0caee39d1, `docs/PasswordPolicyPasswordSettings*.md`, 2025), and
//! for defaults the Policy API reference (developer.okta.com, `/docs/reference/api/policy/`).
//!
//! `settings.password`:
//! - `complexity.minLength` (absent: the documented default 8, reported). `minLowerCase`,
//!   `minUpperCase`, `minNumber`, `minSymbol` are documented as 0/1 flags ("`0` indicates no, `1`
//!   indicates yes"), each with the default 1 when absent (reported); a value above 1 is read as a
//!   count, with an `approximation` warning. The symbol set is open ("For example: !@#$%^&*"): the
//!   Unicode default.
//! - `excludeUsername` (absent: the documented default true) → `context.username`, substring of the
//!   username's parts ("no parts of your username", as Okta's error message puts it); how short a
//!   part may be is not published: the default minimum of 3, with an `approximation` warning.
//! - `excludeAttributes` (`firstName`, `lastName`) → `context.attributes` with those names.
//! - `dictionary.common.exclude` → `dictionary.common` (Okta's list is not published: our list,
//!   with an `approximation` warning).
//! - `oelStatement` (Early Access: an Expression Language expression that blocks one word) →
//!   `vendorExtras` with an `approximation` warning: the canonical model has no expression rule.
//! - `age`: `maxAgeDays`, `expireWarnDays`, `minAgeMinutes` → `settings.expiry`; `historyCount` →
//!   `history`. "`0` indicates no limit" (no warning, none) for each: no setting, with a warning.
//! - `lockout`: `maxAttempts` → `settings.lockout.threshold` ("`0` indicates no limit": no lockout;
//!   missing from a `lockout` object: the current default 10, reported ⚖ — the older reference
//!   said 0); `autoUnlockMinutes` → its duration, "`0` indicates no limit": locked until an
//!   administrator unlocks. `showLockoutFailures` and `userLockoutNotificationChannels` →
//!   `vendorExtras`.
//! - `breachedProtection` → the `breached` rule with `max` 0 (Okta looks the credentials up in its
//!   own breach data at sign-in; the rule looks the password up in a Pwned Passwords range API
//!   when it is set: an `approximation`), and what Okta does on a match → `settings.breached`:
//!   `expireAfterDays` ("Valid values: 0 through 10. If set to 0, it happens immediately") →
//!   `expireAfterSeconds`, `logoutEnabled` (default false) → `logout` (no `settings.breached`
//!   when neither is given); `delegatedWorkflowId` (the workflow run on a match) → `vendorExtras`.
//! - `settings.recovery`, `settings.delegation` → `vendorExtras` (`not_checkable`). The policy's
//!   `id`, `name`, `description` → `source`; `status`, `priority`, `system`, `conditions`,
//!   `created`, `lastUpdated`, `_links` → `vendorExtras` as they are. An `INACTIVE` policy gets an
//!   `inactive` warning (its rules are still normalized).

use serde_json::Value;

use super::fields::{count_field, count_or_zero, days, list_or_one, minutes, zero_warning, Obj, Zero};
use super::{new_policy, Document, Normalized, WarningCode, Warnings};
use crate::error::{PolicyError, Result};
use crate::policy::{
    AttributeCheck, Breached, BreachedRule, CharClass, ClassMin, ContextCheck, Expiry, History, Lockout, MatchMode,
    Policy, DEFAULT_MIN_TOKEN_LENGTH,
};

/// Okta's documented default minimum length.
const DEFAULT_MIN_LENGTH: u32 = 8;
/// Okta's documented default of `minLowerCase`, `minUpperCase`, `minNumber`, `minSymbol`.
const DEFAULT_CLASS_FLAG: u32 = 1;
/// The current default of `lockout.maxAttempts`.
const DEFAULT_MAX_ATTEMPTS: u32 = 10;
/// The documented range of `breachedProtection.expireAfterDays`.
const BREACHED_EXPIRE_DAYS: (i64, i64) = (0, 10);

/// Policy fields kept under vendorExtras as they are, without a warning.
const AUDIT: &[&str] = &["status", "priority", "system", "conditions", "created", "lastUpdated", "_links", "_embedded"];

/// The attributes `excludeAttributes` supports.
const ATTRIBUTES: &[&str] = &["firstName", "lastName"];

/// An Okta password policy: `type: "PASSWORD"`, or a `settings.password` object. Also the
/// element detection of the list endpoint (`GET /api/v1/policies?type=PASSWORD`, a bare array).
pub fn is_policy(v: &Value) -> bool {
    let Value::Object(m) = v else { return false };
    m.get("type").and_then(Value::as_str) == Some("PASSWORD")
        || m.get("settings").and_then(|s| s.get("password")).is_some_and(Value::is_object)
}

/// A policy object (the list is detected element by element, by [`is_policy`]).
pub fn detect(doc: &Document) -> bool {
    matches!(doc, Document::Json(v @ Value::Object(_)) if is_policy(v))
}

pub fn normalize(doc: &Document) -> Result<Vec<Normalized>> {
    list_or_one(doc.value(), one)
}

/// A not-checkable field with no canonical setting, kept under vendorExtras.
fn keep_extra(o: &Obj, key: &str, what: &str, p: &mut Policy, w: &mut Warnings) {
    if o.raw(key).is_some() {
        o.keep(key, p);
        w.kept_extra(&o.path(key), what);
    }
}

/// One policy at `base` ("" or "[i]").
fn one(v: &Value, base: &str) -> Result<Normalized> {
    let o = Obj::new(v, base)?;
    let (mut p, mut w) = (new_policy("okta"), Warnings::default());

    if let Some(t) = o.str("type")? {
        if t != "PASSWORD" {
            return Err(PolicyError::field(
                o.path("type"),
                format!("`{t}` is not a password policy (expected PASSWORD)"),
            ));
        }
    }
    p.source.id = o.text("id")?;
    p.source.name = o.str("name")?.map(str::to_string);
    p.source.description = o.str("description")?.map(str::to_string);
    if o.str("status")? == Some("INACTIVE") {
        w.push(
            WarningCode::Inactive,
            o.path("status"),
            "the policy is INACTIVE: Okta does not apply it; its rules are normalized as written",
        );
    }
    for key in AUDIT {
        o.keep(key, &mut p);
    }

    let settings = o.obj("settings")?;
    let password = match &settings {
        Some(s) => s.obj("password")?,
        None => None,
    };
    let complexity = match &password {
        Some(pw) => pw.obj("complexity")?,
        None => None,
    };
    // Without a complexity object the documented defaults apply, reported at its path.
    let complexity_path = match &password {
        Some(pw) => pw.path("complexity"),
        None => super::fields::join(base, "settings.password.complexity"),
    };
    read_complexity(complexity.as_ref(), &complexity_path, &mut p, &mut w)?;
    if let Some(pw) = &password {
        if let Some(age) = pw.obj("age")? {
            read_age(&age, &mut p, &mut w)?;
            age.finish(&mut p, &mut w);
        }
        if let Some(lockout) = pw.obj("lockout")? {
            read_lockout(&lockout, &mut p, &mut w)?;
            lockout.finish(&mut p, &mut w);
        }
        if let Some(breached) = pw.obj("breachedProtection")? {
            read_breached(&breached, &mut p, &mut w)?;
            breached.finish(&mut p, &mut w);
        }
        pw.finish(&mut p, &mut w);
    }
    if let Some(s) = &settings {
        keep_extra(s, "recovery", "Password recovery", &mut p, &mut w);
        keep_extra(s, "delegation", "Delegated password management", &mut p, &mut w);
        s.finish(&mut p, &mut w);
    }
    o.finish(&mut p, &mut w);
    Ok(Normalized { vendor: "okta", policy: p, warnings: w.0 })
}

/// A documented 0/1 flag ("`0` indicates no, `1` indicates yes"), default 1; values above 1 are
/// read as counts.
fn flag(o: &Obj, key: &str, p: &mut Policy, w: &mut Warnings) -> Result<u32> {
    if !o.has(key) || o.raw(key).is_none() {
        w.defaulted(&o.path(key), DEFAULT_CLASS_FLAG);
        return Ok(DEFAULT_CLASS_FLAG);
    }
    let Some(n) = count_or_zero(o, key, None, Zero::Means("no (\"`0` indicates no\")"), p, w)? else {
        return Ok(0);
    };
    if n > 1 {
        w.approximation(
            &o.path(key),
            format!("Okta documents `{key}` as a flag (0 no, 1 yes); {n} is read as a count of {n} characters"),
        );
    }
    Ok(n)
}

fn read_complexity(c: Option<&Obj>, path: &str, p: &mut Policy, w: &mut Warnings) -> Result<()> {
    let at = |key: &str| super::fields::join(path, key);
    match c.map(|c| (c, c.int("minLength"))) {
        // "Minimum password length": a 0 is documented nowhere.
        Some((c, Ok(Some(0)))) => zero_warning(c, "minLength", None, Zero::Undocumented, p, w),
        Some((c, Ok(Some(_)))) => p.length.min = count_field(c, "minLength", None, w)?,
        Some((_, Err(e))) => return Err(e),
        Some((_, Ok(None))) | None => {
            w.defaulted(&at("minLength"), DEFAULT_MIN_LENGTH);
            p.length.min = Some(DEFAULT_MIN_LENGTH);
        }
    }
    for (key, class) in [
        ("minLowerCase", CharClass::Lower),
        ("minUpperCase", CharClass::Upper),
        ("minNumber", CharClass::Digit),
        ("minSymbol", CharClass::Symbol),
    ] {
        let n = match c {
            Some(c) => flag(c, key, p, w)?,
            None => {
                w.defaulted(&at(key), DEFAULT_CLASS_FLAG);
                DEFAULT_CLASS_FLAG
            }
        };
        if n > 0 {
            p.classes.push(ClassMin { class, min: n });
        }
    }

    let exclude = match c {
        Some(c) => c.bool("excludeUsername")?,
        None => None,
    };
    let exclude = exclude.unwrap_or_else(|| {
        w.defaulted(&at("excludeUsername"), true);
        true
    });
    if exclude {
        p.context.username = Some(ContextCheck {
            match_mode: MatchMode::Substring,
            min_token_length: DEFAULT_MIN_TOKEN_LENGTH,
            delimiters: None,
        });
        w.approximation(
            &at("excludeUsername"),
            format!("Okta rejects \"parts of your username\" without saying how short a part may be; read as any part of {DEFAULT_MIN_TOKEN_LENGTH} or more characters, case-insensitive"),
        );
    }
    let Some(c) = c else { return Ok(()) };

    if let Some(names) = c.str_list("excludeAttributes")? {
        for (i, name) in names.iter().enumerate() {
            if name.is_empty() {
                return Err(PolicyError::field(
                    format!("{}[{i}]", c.path("excludeAttributes")),
                    "an attribute name cannot be empty",
                ));
            }
            if !ATTRIBUTES.contains(&name.as_str()) {
                w.out_of_range(&format!("{}[{i}]", c.path("excludeAttributes")), name, "firstName, lastName");
            }
        }
        if !names.is_empty() {
            p.context.attributes = Some(AttributeCheck {
                names: Some(names),
                match_mode: MatchMode::Substring,
                min_token_length: DEFAULT_MIN_TOKEN_LENGTH,
                delimiters: None,
                ..Default::default()
            });
        }
    }

    if c.str("oelStatement")?.is_some() {
        c.keep("oelStatement", p);
        w.approximation(
            &c.path("oelStatement"),
            "an Expression Language statement that blocks a word: the canonical model has no expression rule, so it is kept under vendorExtras and not checked",
        );
    }

    if let Some(d) = c.obj("dictionary")? {
        if let Some(common) = d.obj("common")? {
            if common.bool("exclude")? == Some(true) {
                p.dictionary.common = true;
                w.approximation(
                    &common.path("exclude"),
                    "Okta's common-password dictionary is not published; the built-in list of 10,000 common passwords is used (whole password, case-insensitive)",
                );
            }
            common.finish(p, w);
        }
        d.finish(p, w);
    }
    c.finish(p, w);
    Ok(())
}

/// A count whose 0 is documented as `zero` ("`0` indicates no limit"): `None` for a 0, with a
/// warning quoting it.
fn nonzero(o: &Obj, key: &str, zero: &str, p: &mut Policy, w: &mut Warnings) -> Result<Option<u32>> {
    count_or_zero(o, key, None, Zero::Means(zero), p, w)
}

fn read_age(a: &Obj, p: &mut Policy, w: &mut Warnings) -> Result<()> {
    let max = nonzero(a, "maxAgeDays", "no limit (\"`0` indicates no limit\")", p, w)?;
    let warn = nonzero(a, "expireWarnDays", "no warning (\"`0` indicates no warning\")", p, w)?;
    let min = nonzero(a, "minAgeMinutes", "no limit (\"`0` indicates no limit\")", p, w)?;
    for (key, value, what) in [
        ("maxAgeDays", max, "password expiry"),
        ("expireWarnDays", warn, "the expiry warning"),
        ("minAgeMinutes", min, "the minimum password age"),
    ] {
        if value.is_some() {
            w.not_checkable(&a.path(key), what);
        }
    }
    if max.is_some() || warn.is_some() || min.is_some() {
        p.settings.expiry = Some(Expiry {
            max_age_seconds: max.map(days),
            reminder_seconds: warn.map(days),
            min_age_seconds: min.map(minutes),
            ..Default::default()
        });
    }
    if let Some(count) = nonzero(a, "historyCount", "no history (\"`0` indicates none\")", p, w)? {
        p.history = Some(History { count, enforced: true });
    }
    Ok(())
}

fn read_lockout(l: &Obj, p: &mut Policy, w: &mut Warnings) -> Result<()> {
    let key = "maxAttempts";
    let attempts = if l.raw(key).is_none() {
        w.defaulted(&l.path(key), DEFAULT_MAX_ATTEMPTS);
        Some(DEFAULT_MAX_ATTEMPTS)
    } else {
        nonzero(l, key, "no lockout (\"`0` indicates no limit\")", p, w)?
    };
    let unlock = count_field(l, "autoUnlockMinutes", None, w)?;
    if let Some(threshold) = attempts {
        w.not_checkable(&l.path(key), "account lockout");
        // autoUnlockMinutes: "`0` indicates no limit": locked until an administrator unlocks.
        p.settings.lockout = Some(Lockout {
            threshold: Some(threshold),
            duration_seconds: unlock.filter(|m| *m > 0).map(minutes),
            until_unlocked: unlock == Some(0),
            ..Default::default()
        });
    } else if unlock.is_some_and(|m| m > 0) {
        l.keep("autoUnlockMinutes", p);
        w.push(
            WarningCode::Inactive,
            l.path("autoUnlockMinutes"),
            "no lockout applies (`maxAttempts` is 0); kept under vendorExtras as inactive metadata",
        );
    }
    keep_extra(l, "showLockoutFailures", "Showing lockout failures", p, w);
    keep_extra(l, "userLockoutNotificationChannels", "Lockout notifications", p, w);
    Ok(())
}

/// `breachedProtection`: what Okta does when a sign-in finds the password in a breach.
fn read_breached(b: &Obj, p: &mut Policy, w: &mut Warnings) -> Result<()> {
    // "Specifies the number of days after a breached password is found during a sign-in attempt
    // that the user's password should expire. Valid values: 0 through 10. If set to 0, it happens
    // immediately."
    let days = count_field(b, "expireAfterDays", Some(BREACHED_EXPIRE_DAYS), w)?;
    // "(Optional, default is false) … When enabled, the user's session(s) are terminated
    // immediately the first time the user's credentials are detected as part of a breach."
    let logout = b.bool("logoutEnabled")?;
    p.breached = Some(BreachedRule { max: 0 });
    if days.is_some() || logout.is_some() {
        p.settings.breached = Some(Breached { expire_after_seconds: days.map(self::days), logout });
    }
    w.approximation(
        &b.base_path(),
        "Okta looks credentials up in its own breach data when the user signs in; read as the breached rule (max 0), which looks the password up in a Pwned Passwords range API",
    );
    // "The `id` of the workflow that runs when a breached password is found during a sign-in attempt."
    if b.str("delegatedWorkflowId")?.is_some() {
        b.keep("delegatedWorkflowId", p);
        w.kept_extra(&b.path("delegatedWorkflowId"), "The workflow run when a breached password is found");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::{Breached, BreachedRule};
    use crate::vendors::detect_vendor;
    use crate::vendors::testing::{codes, failures_in, norm_json};
    use crate::Context;
    use serde_json::json;

    const SETTINGS: &str = include_str!("../../tests/fixtures/okta/settings-example.json");
    const LIST: &str = include_str!("../../tests/fixtures/okta/list.json");

    fn norm(v: Value) -> Normalized {
        norm_json("okta", v)
    }

    #[test]
    fn verbatim_settings_example() {
        let out = crate::vendors::normalize(SETTINGS, None).unwrap();
        let n = &out[0];
        assert_eq!(n.vendor, "okta");
        assert_eq!(
            serde_json::to_value(&n.policy).unwrap(),
            json!({
                "version": 1,
                "source": {"vendor": "okta"},
                "length": {"min": 8},
                "classes": [{"class": "lower", "min": 1}, {"class": "upper", "min": 1}, {"class": "digit", "min": 1}],
                "context": {"username": {"match": "substring", "minTokenLength": 3}},
                "settings": {"lockout": {"threshold": 10, "untilUnlocked": true}},
                "vendorExtras": {
                    "settings.password.lockout.showLockoutFailures": false,
                    "settings.recovery": {"factors": {"recovery_question": {"status": "ACTIVE"}}},
                    "settings.delegation": {"options": {"skipUnlock": false}}
                }
            })
        );
        let w: Vec<(WarningCode, &str)> = n.warnings.iter().map(|w| (w.code, w.path.as_str())).collect();
        assert_eq!(
            w,
            [
                // "`0` indicates no" (minSymbol), "`0` indicates no limit" (age): nothing kept.
                (WarningCode::Inactive, "settings.password.complexity.minSymbol"),
                (WarningCode::Approximation, "settings.password.complexity.excludeUsername"),
                (WarningCode::Inactive, "settings.password.age.maxAgeDays"),
                (WarningCode::Inactive, "settings.password.age.expireWarnDays"),
                (WarningCode::Inactive, "settings.password.age.minAgeMinutes"),
                (WarningCode::Inactive, "settings.password.age.historyCount"),
                (WarningCode::NotCheckable, "settings.password.lockout.maxAttempts"),
                (WarningCode::NotCheckable, "settings.password.lockout.showLockoutFailures"),
                (WarningCode::NotCheckable, "settings.recovery"),
                (WarningCode::NotCheckable, "settings.delegation"),
            ]
        );
        let p = &n.policy;
        let ctx = Context { username: Some("jane.doe@example.com".into()), ..Default::default() };
        assert!(failures_in(p, "Sunny-Day42", &ctx).is_empty());
        assert_eq!(failures_in(p, "sunny-day42", &ctx), ["chars.upper"]);
        // A part of the username.
        assert_eq!(failures_in(p, "Doe-Family42", &ctx), ["context.username"]);
        assert_eq!(failures_in(p, "Ab1", &ctx), ["length.min"]);
    }

    #[test]
    fn list_response_one_policy_each() {
        let out = crate::vendors::normalize(LIST, None).unwrap();
        assert_eq!(out.len(), 2);
        assert!(out.iter().all(|n| n.vendor == "okta"));
        let (a, b) = (&out[0], &out[1]);
        assert_eq!(a.policy.source.id.as_deref(), Some("00pab5xRyUzDoCtr30g4"));
        assert_eq!(a.policy.source.name.as_deref(), Some("Default Policy"));
        assert_eq!(a.policy.vendor_extras.get("[0].system"), Some(&json!(true)));
        assert!(a.policy.vendor_extras.contains_key("[0]._links"));
        assert!(a.warnings.iter().all(|w| w.path.starts_with("[0]")));
        assert!(codes(a, WarningCode::UnknownField).is_empty());

        let p = &b.policy;
        assert_eq!(p.source.name.as_deref(), Some("Strict"));
        assert_eq!(p.length.min, Some(12));
        assert_eq!(
            p.classes,
            [
                ClassMin { class: CharClass::Lower, min: 1 },
                ClassMin { class: CharClass::Upper, min: 1 },
                ClassMin { class: CharClass::Digit, min: 1 },
                ClassMin { class: CharClass::Symbol, min: 1 }
            ]
        );
        assert!(p.dictionary.common);
        assert_eq!(
            p.context.attributes,
            Some(AttributeCheck {
                names: Some(vec!["firstName".into(), "lastName".into()]),
                match_mode: MatchMode::Substring,
                min_token_length: 3,
                delimiters: None,
                ..Default::default()
            })
        );
        assert_eq!(p.history, Some(History { count: 4, enforced: true }));
        assert_eq!(
            p.settings.expiry,
            Some(Expiry {
                max_age_seconds: Some(90.0 * 86400.0),
                reminder_seconds: Some(7.0 * 86400.0),
                min_age_seconds: Some(3600.0),
                ..Default::default()
            })
        );
        assert_eq!(
            p.settings.lockout,
            Some(Lockout {
                threshold: Some(5),
                duration_seconds: Some(1800.0),
                until_unlocked: false,
                ..Default::default()
            })
        );
        assert_eq!(codes(b, WarningCode::Inactive), ["[1].status"]);
        assert_eq!(
            codes(b, WarningCode::Approximation),
            [
                "[1].settings.password.complexity.excludeUsername",
                "[1].settings.password.complexity.dictionary.common.exclude"
            ]
        );

        let ctx = Context {
            username: Some("rsmith".into()),
            attributes: [("firstName".to_string(), "Robin".to_string()), ("city".to_string(), "Paris".to_string())]
                .into(),
            ..Default::default()
        };
        assert!(failures_in(p, "Tulip-Garden-42", &ctx).is_empty());
        assert_eq!(failures_in(p, "Robin-Garden-42", &ctx), ["context.attribute"]);
        // `city` is not one of the checked attributes.
        assert!(failures_in(p, "Paris-Garden-42", &ctx).is_empty());
        assert_eq!(
            failures_in(p, "password", &ctx),
            ["length.min", "chars.upper", "chars.digit", "chars.symbol", "dictionary.common"]
        );
    }

    #[test]
    fn flags_above_one_are_counts() {
        let n = norm(
            json!({"type": "PASSWORD", "settings": {"password": {"complexity": {"minLength": 10, "minLowerCase": 0, "minUpperCase": 0, "minNumber": 2, "minSymbol": 1, "excludeUsername": false}}}}),
        );
        assert_eq!(
            n.policy.classes,
            [ClassMin { class: CharClass::Digit, min: 2 }, ClassMin { class: CharClass::Symbol, min: 1 }]
        );
        assert_eq!(codes(&n, WarningCode::Approximation), ["settings.password.complexity.minNumber"]);
        assert_eq!(n.policy.context.username, None);
        let ctx = Context::default();
        assert_eq!(failures_in(&n.policy, "abcdefgh1!", &ctx), ["chars.digit"]);
        assert!(failures_in(&n.policy, "abcdefg12!", &ctx).is_empty());
    }

    /// The documented defaults: `minLength` 8, each of `minLowerCase`, `minUpperCase`, `minNumber`,
    /// `minSymbol` 1 ("[default to 1]"), `excludeUsername` true; `lockout.maxAttempts` 10 in the
    /// current schema ("[default to 10]").
    #[test]
    fn defaults_when_absent() {
        let n = norm(json!({"type": "PASSWORD", "name": "Bare"}));
        assert_eq!(n.policy.length.min, Some(8));
        let all = [CharClass::Lower, CharClass::Upper, CharClass::Digit, CharClass::Symbol];
        assert_eq!(n.policy.classes, all.map(|class| ClassMin { class, min: 1 }));
        assert!(n.policy.context.username.is_some());
        let c = "settings.password.complexity";
        assert_eq!(
            codes(&n, WarningCode::Defaulted),
            ["minLength", "minLowerCase", "minUpperCase", "minNumber", "minSymbol", "excludeUsername"]
                .map(|k| format!("{c}.{k}"))
        );
        // No lockout object, no lockout: the default belongs to the object.
        assert_eq!(n.policy.settings.lockout, None);
        let n = norm(json!({"settings": {"password": {"complexity": {"minLength": 9, "minSymbol": null}}}}));
        assert_eq!(n.policy.length.min, Some(9));
        assert_eq!(n.policy.classes.len(), 4);
        assert_eq!(
            codes(&n, WarningCode::Defaulted),
            ["minLowerCase", "minUpperCase", "minNumber", "minSymbol", "excludeUsername"].map(|k| format!("{c}.{k}"))
        );
        let n = norm(json!({"settings": {"password": {"lockout": {"autoUnlockMinutes": 15}}}}));
        assert_eq!(
            n.policy.settings.lockout,
            Some(Lockout { threshold: Some(10), duration_seconds: Some(900.0), ..Default::default() })
        );
        assert!(codes(&n, WarningCode::Defaulted).contains(&"settings.password.lockout.maxAttempts"));
    }

    #[test]
    fn zero_means_none() {
        let n = norm(json!({"settings": {"password": {
            "complexity": {"minLength": 8, "excludeUsername": false, "excludeAttributes": [], "dictionary": {"common": {"exclude": false}}},
            "age": {"maxAgeDays": 0, "expireWarnDays": 0, "minAgeMinutes": 0, "historyCount": 0},
            "lockout": {"maxAttempts": 0, "autoUnlockMinutes": 30}
        }}}));
        let p = &n.policy;
        assert_eq!((&p.settings.expiry, &p.settings.lockout, &p.history), (&None, &None, &None));
        assert_eq!(p.context, Default::default());
        assert!(!p.dictionary.common);
        // Each documented 0 is said: "`0` indicates no limit" (maxAgeDays, minAgeMinutes,
        // maxAttempts), "no warning" (expireWarnDays), "none" (historyCount).
        assert_eq!(
            codes(&n, WarningCode::Inactive),
            [
                "settings.password.age.maxAgeDays",
                "settings.password.age.expireWarnDays",
                "settings.password.age.minAgeMinutes",
                "settings.password.age.historyCount",
                "settings.password.lockout.maxAttempts",
                "settings.password.lockout.autoUnlockMinutes"
            ]
        );
        let w = n.warnings.iter().find(|w| w.path.ends_with("expireWarnDays")).unwrap();
        assert!(w.message.contains("`0` indicates no warning"), "{}", w.message);
        assert_eq!(p.vendor_extras.get("settings.password.lockout.autoUnlockMinutes"), Some(&json!(30)));
        // A documented 0 is not kept: it means nothing is configured.
        assert!(!p.vendor_extras.contains_key("settings.password.age.maxAgeDays"));
        let d = crate::describe::describe(p, &crate::messages::Messages::english());
        assert!(d.rules.iter().chain(&d.settings).all(|s| !s.text.contains(" 0 ")), "{d:?}");
        // minLength 0 is documented nowhere: left out, kept as given.
        let n = norm(json!({"settings": {"password": {"complexity": {"minLength": 0}}}}));
        assert_eq!(n.policy.length.min, None);
        assert_eq!(codes(&n, WarningCode::OutOfRange), ["settings.password.complexity.minLength"]);
        assert_eq!(n.policy.vendor_extras.get("settings.password.complexity.minLength"), Some(&json!(0)));
    }

    /// `breachedProtection` (`PasswordPolicyPasswordSettingsBreachedProtection`): what Okta does
    /// when a sign-in finds the password in a breach.
    #[test]
    fn breached_protection_is_the_rule_and_a_setting() {
        let n = norm(json!({"type": "PASSWORD", "settings": {"password": {
            "complexity": {"minLength": 12},
            "breachedProtection": {"expireAfterDays": 5, "logoutEnabled": true, "delegatedWorkflowId": "wflw123"}
        }}}));
        let b = n.policy.settings.breached.clone().unwrap();
        assert_eq!(b, Breached { expire_after_seconds: Some(5.0 * 86_400.0), logout: Some(true) });
        assert_eq!(n.policy.breached, Some(BreachedRule { max: 0 }));
        assert_eq!(
            n.policy.vendor_extras.get("settings.password.breachedProtection.delegatedWorkflowId"),
            Some(&json!("wflw123"))
        );
        assert_eq!(codes(&n, WarningCode::NotCheckable), ["settings.password.breachedProtection.delegatedWorkflowId"]);
        assert!(
            codes(&n, WarningCode::Approximation).contains(&"settings.password.breachedProtection"),
            "{:?}",
            n.warnings
        );
        assert!(codes(&n, WarningCode::UnknownField).is_empty());
        // The canonical JSON holds it, and reads back (norm_json checks the round trip).
        let j = serde_json::to_value(&n.policy).unwrap();
        assert_eq!(j["settings"]["breached"], json!({"expireAfterSeconds": 432000.0, "logout": true}));
        // "If set to 0, it happens immediately": 0 seconds, said as "at once".
        let n = norm(
            json!({"settings": {"password": {"breachedProtection": {"expireAfterDays": 0, "delegatedWorkflowId": null}}}}),
        );
        assert_eq!(n.policy.settings.breached, Some(Breached { expire_after_seconds: Some(0.0), logout: None }));
        let d = crate::describe::describe(&n.policy, &crate::messages::Messages::english());
        assert!(d.settings.iter().any(|s| s.text == "A password found in a data breach expires at once"), "{d:?}");
        // "Valid values: 0 through 10".
        let n = norm(json!({"settings": {"password": {"breachedProtection": {"expireAfterDays": 30}}}}));
        assert_eq!(codes(&n, WarningCode::OutOfRange), ["settings.password.breachedProtection.expireAfterDays"]);
        // An empty object: Okta checks, and does nothing more: the rule alone.
        let n = norm(json!({"settings": {"password": {"breachedProtection": {}}}}));
        assert_eq!((&n.policy.breached, &n.policy.settings.breached), (&Some(BreachedRule { max: 0 }), &None));
        for (doc, path) in [
            (
                json!({"breachedProtection": {"logoutEnabled": "yes"}}),
                "settings.password.breachedProtection.logoutEnabled",
            ),
            (
                json!({"breachedProtection": {"expireAfterDays": -1}}),
                "settings.password.breachedProtection.expireAfterDays",
            ),
            (json!({"breachedProtection": []}), "settings.password.breachedProtection"),
        ] {
            let e = normalize(&Document::Json(json!({"settings": {"password": doc}}))).unwrap_err();
            assert_eq!((e.code(), e.path()), ("invalid_field", Some(path)));
        }
    }

    #[test]
    fn expression_language_statement_is_kept() {
        let n = norm(json!({"settings": {"password": {"complexity": {"oelStatement": "user.profile.nickName"}}}}));
        assert_eq!(
            n.policy.vendor_extras.get("settings.password.complexity.oelStatement"),
            Some(&json!("user.profile.nickName"))
        );
        assert!(codes(&n, WarningCode::Approximation).contains(&"settings.password.complexity.oelStatement"));
        assert!(codes(&n, WarningCode::UnknownField).is_empty());
    }

    #[test]
    fn unsupported_attributes_and_unknown_fields() {
        let n = norm(
            json!({"type": "PASSWORD", "settings": {"password": {"complexity": {"excludeAttributes": ["firstName", "nickName"], "minSymbols": 1}}}}),
        );
        assert_eq!(codes(&n, WarningCode::OutOfRange), ["settings.password.complexity.excludeAttributes[1]"]);
        assert_eq!(codes(&n, WarningCode::UnknownField), ["settings.password.complexity.minSymbols"]);
        assert_eq!(n.policy.vendor_extras.get("settings.password.complexity.minSymbols"), Some(&json!(1)));
        assert_eq!(
            n.policy.context.attributes.as_ref().and_then(|a| a.names.clone()),
            Some(vec!["firstName".into(), "nickName".into()])
        );
    }

    #[test]
    fn wrong_types_are_invalid_fields() {
        for (doc, path) in [
            (
                json!({"type": "PASSWORD", "settings": {"password": {"complexity": {"minLength": "8"}}}}),
                "settings.password.complexity.minLength",
            ),
            (
                json!({"type": "PASSWORD", "settings": {"password": {"complexity": {"minUpperCase": -1}}}}),
                "settings.password.complexity.minUpperCase",
            ),
            (
                json!({"type": "PASSWORD", "settings": {"password": {"complexity": {"excludeUsername": "yes"}}}}),
                "settings.password.complexity.excludeUsername",
            ),
            (
                json!({"type": "PASSWORD", "settings": {"password": {"complexity": {"excludeAttributes": [1]}}}}),
                "settings.password.complexity.excludeAttributes[0]",
            ),
            (
                json!({"type": "PASSWORD", "settings": {"password": {"age": {"maxAgeDays": 1.5}}}}),
                "settings.password.age.maxAgeDays",
            ),
            (json!({"type": "PASSWORD", "settings": {"password": []}}), "settings.password"),
            (json!({"type": "OKTA_SIGN_ON"}), "type"),
            (json!({"type": "PASSWORD", "name": 4}), "name"),
        ] {
            let e = normalize(&Document::Json(doc.clone())).unwrap_err();
            assert_eq!((e.code(), e.path()), ("invalid_field", Some(path)), "{doc}");
        }
        let e =
            normalize(&Document::Json(json!([{"type": "PASSWORD"}, {"type": "PASSWORD", "settings": 3}]))).unwrap_err();
        assert_eq!(e.path(), Some("[1].settings"));
        assert_eq!(normalize(&Document::Json(json!([]))).unwrap_err().path(), Some("$"));
    }

    #[test]
    fn detection() {
        assert_eq!(detect_vendor(r#"{"type": "PASSWORD"}"#).unwrap(), "okta");
        assert_eq!(detect_vendor(r#"[{"type": "PASSWORD"}, {"settings": {"password": {}}}]"#).unwrap(), "okta");
        // Canonical settings have no `password` object.
        assert_eq!(detect_vendor(r#"{"version": 1, "settings": {"expiry": {}}}"#).unwrap(), "canonical");
        // A list with a non-Okta element is not Okta's, nor anyone's.
        assert_eq!(detect_vendor(r#"[{"type": "PASSWORD"}, {"minLength": 8}]"#).unwrap_err().code(), "unknown_vendor");
        assert_eq!(detect_vendor(r#"{"type": "OKTA_SIGN_ON"}"#).unwrap_err().code(), "unknown_vendor");
    }
}
