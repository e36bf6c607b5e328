//! FusionAuth tenants: the password settings of a tenant (`GET /api/tenant/{tenantId}`:
//! `{ "tenant": { … } }`, the bare tenant object, `GET /api/tenant/password-validation-rules/{tenantId}`:
//! `{ "passwordValidationRules": { … } }`, and the list `GET /api/tenant`: `{ "tenants": [...] }` or
//! its bare array, one policy per tenant).
//!
//! Follows FusionAuth's Tenant API reference (<https://fusionauth.io/docs/apis/tenants>, as
//! `FusionAuth/fusionauth-site:astro/src/content/docs/apis/tenants/_tenant-request-body.mdx`, 2025,
//! FusionAuth 1.69) and its domain (`FusionAuth/fusionauth-client-builder:src/main/domain/
//! io.fusionauth.domain.PasswordValidationRules.json`, `FailedAuthenticationConfiguration.json`,
//! `ExpiryUnit.json`); how a password is checked follows FusionAuth's server-side validator
//! (`io.fusionauth.api.security.PasswordValidator`: Java's `String.length()` and
//! `Character.isUpperCase`/`isLowerCase`/`isDigit`/`isAlphabetic`).
//!
//! - `passwordValidationRules.minLength` (default 8) and `maxLength` (default 256, "greater than 0
//!   and less than or equal to 256", at most 50 with the `bcrypt` scheme): counted as Java does, in
//!   UTF-16 code units;
//! - `requireMixedCase` ("at least one uppercase and one lowercase character") → one `upper` and one
//!   `lower`; `requireNumber` → one `digit`; `requireNonAlpha` ("at least one non-alphanumeric
//!   character": any character that is neither a letter nor a digit, `_` and space included) → one
//!   `symbol`;
//! - `disallowUserLoginId` ("reject passwords which contain the user's login Id") → the whole
//!   username and e-mail may not appear in the password, case-insensitively;
//! - `rememberPreviousPasswords` {`enabled`, `count`} → `history`;
//! - `breachDetection` (Reactor's breached password detection, a paid feature that needs an
//!   activated licence) → the `breached` rule with `max` 0 when `enabled`. `matchMode` `High` (or
//!   absent) matches the password alone, what the rule does; `Medium` and `Low` match only
//!   passwords breached together with the user's login id (or a variant of it), which a range
//!   lookup of the password cannot tell: the rule is stricter there (`approximation`). Its
//!   `matchMode`, `onLogin`, `notifyUserEmailTemplateId` → vendorExtras; `onLogin: RequireChange`
//!   ("Require immediate password change") → `settings.breached`: the password expires at once
//!   (`expireAfterSeconds` 0);
//! - `validateOnLogin` → vendorExtras;
//! - `minimumPasswordAge` {`enabled`, `seconds`}, `maximumPasswordAge` {`enabled`, `days`} →
//!   `settings.expiry`;
//! - `failedAuthenticationConfiguration` → `settings.lockout`: FusionAuth's lockout is the user
//!   action `userActionId`, applied for `actionDuration` × `actionDurationUnit` after
//!   `tooManyAttempts` failures within `resetCountInSeconds`; without `userActionId` no action is
//!   taken (kept, not enforced);
//! - `id`, `name` → `source`; every other field of a tenant (e-mail, JWT, OAuth, external
//!   identifiers, …) is not a password rule: left out by name in one `ignored` warning.

use serde_json::Value;

use super::fields::{count_or_zero, days, minutes, Obj, Zero};
use super::{new_policy, Document, Normalized, WarningCode, Warnings};
use crate::error::{PolicyError, Result};
use crate::policy::{
    Breached, BreachedRule, CharClass, ClassMin, ContextCheck, Expiry, History, LengthUnit, Lockout, MatchMode, Policy,
};

/// Fields of `passwordValidationRules` only FusionAuth uses (one of them identifies the object).
const RULE_KEYS: &[&str] =
    &["requireMixedCase", "requireNonAlpha", "rememberPreviousPasswords", "breachDetection", "disallowUserLoginId"];

/// Fields of `failedAuthenticationConfiguration` only FusionAuth uses.
const FAILED_KEYS: &[&str] = &["tooManyAttempts", "actionDurationUnit", "resetCountInSeconds", "userActionId"];

/// The tenant's fields this adapter reads (the others are left out by name).
const READ: &[&str] = &[
    "id",
    "name",
    "passwordValidationRules",
    "minimumPasswordAge",
    "maximumPasswordAge",
    "failedAuthenticationConfiguration",
];

/// `minLength`'s documented default.
const MIN_LENGTH: u32 = 8;
/// `maxLength`'s documented default and largest value.
const MAX_LENGTH: u32 = 256;
/// The largest `maxLength` with the `bcrypt` scheme.
const BCRYPT_MAX_LENGTH: i64 = 50;
/// `minimumPasswordAge.seconds` and `maximumPasswordAge.days` defaults.
const MIN_AGE_SECONDS: u32 = 30;
const MAX_AGE_DAYS: u32 = 180;
/// `failedAuthenticationConfiguration` defaults.
const TOO_MANY_ATTEMPTS: u32 = 5;
const RESET_COUNT_SECONDS: u32 = 60;
const ACTION_DURATION: u32 = 3;

const MATCH_MODES: [&str; 3] = ["High", "Medium", "Low"];
const ON_LOGIN: [&str; 4] = ["Off", "RecordOnly", "NotifyUser", "RequireChange"];
/// `ExpiryUnit`, and the seconds of one (a month as 30 days, a year as 365: approximations).
const UNITS: [(&str, f64); 6] = [
    ("MINUTES", 60.0),
    ("HOURS", 3_600.0),
    ("DAYS", 86_400.0),
    ("WEEKS", 604_800.0),
    ("MONTHS", 2_592_000.0),
    ("YEARS", 31_536_000.0),
];

fn has_any(v: Option<&Value>, keys: &[&str]) -> bool {
    v.and_then(Value::as_object).is_some_and(|o| keys.iter().any(|k| o.contains_key(*k)))
}

fn is_age(v: Option<&Value>, unit: &str) -> bool {
    v.and_then(Value::as_object).is_some_and(|o| o.contains_key("enabled") && o.contains_key(unit))
}

/// A tenant (or its subset): an object whose `passwordValidationRules`,
/// `failedAuthenticationConfiguration`, `minimumPasswordAge` or `maximumPasswordAge` has the shape
/// only FusionAuth gives them.
pub fn is_tenant(v: &Value) -> bool {
    let Value::Object(o) = v else { return false };
    has_any(o.get("passwordValidationRules"), RULE_KEYS)
        || has_any(o.get("failedAuthenticationConfiguration"), FAILED_KEYS)
        || is_age(o.get("minimumPasswordAge"), "seconds")
        || is_age(o.get("maximumPasswordAge"), "days")
}

/// A tenant, the `{ "tenant": … }` response, or the `{ "tenants": [...] }` list whose every
/// element is a tenant.
pub fn detect(doc: &Document) -> bool {
    match doc {
        Document::Json(v @ Value::Object(o)) => {
            is_tenant(v)
                || o.get("tenant").is_some_and(is_tenant)
                || o.get("tenants").and_then(Value::as_array).is_some_and(|l| !l.is_empty() && l.iter().all(is_tenant))
        }
        _ => false,
    }
}

pub fn normalize(doc: &Document) -> Result<Vec<Normalized>> {
    let v = doc.value();
    let (items, base): (&Vec<Value>, &str) = match v {
        Value::Array(items) => (items, ""),
        Value::Object(o) if o.contains_key("tenants") => {
            let list = o
                .get("tenants")
                .and_then(Value::as_array)
                .ok_or_else(|| PolicyError::field("tenants", "expected the list of tenants (an array)"))?;
            (list, "tenants")
        }
        Value::Object(o) if o.contains_key("tenant") => {
            let tenant = o.get("tenant").unwrap_or(&Value::Null);
            let mut n = one(tenant, "tenant")?;
            wrapper_left_out(o, "tenant", "the tenant response", &mut n);
            return Ok(vec![n]);
        }
        other => return Ok(vec![one(other, "")?]),
    };
    if items.is_empty() {
        return Err(PolicyError::field(if base.is_empty() { "$" } else { base }, "the list holds no tenant"));
    }
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let mut n = one(item, &format!("{base}[{i}]"))?;
        if let (0, Value::Object(o)) = (i, v) {
            // The search response's `total` is paging, not policy.
            wrapper_left_out(o, "tenants", "the tenants response", &mut n);
        }
        out.push(n);
    }
    Ok(out)
}

/// The wrapper's fields other than `key` (`total`, a request's `webhookIds`): left out by name.
fn wrapper_left_out(o: &serde_json::Map<String, Value>, key: &str, what: &str, n: &mut Normalized) {
    let rest: Vec<&str> = o.keys().map(String::as_str).filter(|k| *k != key).collect();
    if !rest.is_empty() {
        let mut w = Warnings(std::mem::take(&mut n.warnings));
        w.left_out("", what, &rest);
        n.warnings = w.0;
    }
}

/// A count FusionAuth requires to be greater than 0: a 0 is left out (kept, warned).
fn count(o: &Obj, key: &str, range: Option<(i64, i64)>, p: &mut Policy, w: &mut Warnings) -> Result<Option<u32>> {
    count_or_zero(o, key, range, Zero::Undocumented, p, w)
}

/// `key`, or its documented default (reported) when absent.
fn count_or_default(o: &Obj, key: &str, default: u32, p: &mut Policy, w: &mut Warnings) -> Result<Option<u32>> {
    if o.raw(key).is_none() {
        w.defaulted(&o.path(key), default);
        return Ok(Some(default));
    }
    count(o, key, None, p, w)
}

/// A string of a documented enumeration; another value is kept as given, warned.
fn enumerated<'a>(o: &Obj<'a>, key: &str, values: &[&str], w: &mut Warnings) -> Result<Option<&'a str>> {
    let value = o.str(key)?;
    if let Some(s) = value.filter(|s| !values.contains(s)) {
        w.out_of_range(&o.path(key), format!("`{s}`"), &format!("one of {}", values.join(", ")));
    }
    Ok(value)
}

/// One tenant at `base` ("", "tenant", "tenants[i]" or "[i]").
fn one(v: &Value, base: &str) -> Result<Normalized> {
    let o = Obj::new(v, base)?;
    let (mut p, mut w) = (new_policy("fusionauth"), Warnings::default());
    p.source.id = o.text("id")?;
    p.source.name = o.text("name")?;
    let bcrypt = v.get("passwordEncryptionConfiguration").and_then(|c| c.get("encryptionScheme"))
        == Some(&Value::String("bcrypt".into()));

    match o.obj("passwordValidationRules")? {
        Some(r) => rules(&r, bcrypt, &mut p, &mut w)?,
        None => {
            // A tenant always has its rules: FusionAuth's defaults apply.
            let path = o.path("passwordValidationRules");
            w.defaulted(&format!("{path}.minLength"), MIN_LENGTH);
            w.defaulted(&format!("{path}.maxLength"), MAX_LENGTH);
            p.length.min = Some(MIN_LENGTH);
            p.length.max = Some(MAX_LENGTH);
            p.length.unit = LengthUnit::Utf16;
        }
    }
    ages(&o, &mut p, &mut w)?;
    if let Some(f) = o.obj("failedAuthenticationConfiguration")? {
        failed(&f, &mut p, &mut w)?;
    }

    let rest: Vec<&String> = o.keys().filter(|k| !READ.contains(&k.as_str())).collect();
    if !rest.is_empty() {
        rest.iter().for_each(|k| o.skip(k));
        let names: Vec<&str> = rest.iter().map(|k| k.as_str()).collect();
        w.left_out(&o.base_path(), "the tenant", &names);
    }
    o.finish(&mut p, &mut w);
    Ok(Normalized { vendor: "fusionauth", policy: p, warnings: w.0 })
}

/// `passwordValidationRules`.
fn rules(r: &Obj, bcrypt: bool, p: &mut Policy, w: &mut Warnings) -> Result<()> {
    p.length.unit = LengthUnit::Utf16;
    // "The minimum length of a password" (default 8); it cannot exceed the largest maxLength.
    p.length.min = match r.raw("minLength") {
        None => {
            w.defaulted(&r.path("minLength"), MIN_LENGTH);
            Some(MIN_LENGTH)
        }
        Some(_) => count(r, "minLength", Some((1, i64::from(MAX_LENGTH))), p, w)?,
    };
    // "This value must be greater than 0 and less than or equal to 256. When
    // passwordEncryptionConfiguration.encryptionScheme is equal to bcrypt, the maximum will be
    // limited to 50."
    p.length.max = match r.raw("maxLength") {
        None => {
            w.defaulted(&r.path("maxLength"), MAX_LENGTH);
            Some(MAX_LENGTH)
        }
        Some(_) => {
            let range = if bcrypt { (1, BCRYPT_MAX_LENGTH) } else { (1, i64::from(MAX_LENGTH)) };
            count(r, "maxLength", Some(range), p, w)?
        }
    };

    let mut classes = Vec::new();
    if r.bool("requireMixedCase")? == Some(true) {
        classes.extend([CharClass::Upper, CharClass::Lower]);
    }
    if r.bool("requireNumber")? == Some(true) {
        classes.push(CharClass::Digit);
    }
    if r.bool("requireNonAlpha")? == Some(true) {
        classes.push(CharClass::Symbol);
    }
    if !classes.is_empty() {
        w.approximation(
            &r.base_path(),
            "FusionAuth tests each UTF-16 unit with Java's Character.isUpperCase, isLowerCase, isDigit and (for a non-alphanumeric character) neither isAlphabetic nor isDigit; read as Unicode's upper- and lower-case letters, decimal digits and symbols (the same for every ASCII character)",
        );
    }
    p.classes = classes.into_iter().map(|class| ClassMin { class, min: 1 }).collect();

    if r.bool("disallowUserLoginId")? == Some(true) {
        // FusionAuth lower-cases both and looks for the whole login Id in the password, however
        // short. This library's e-mail check also looks for the address's local part: from 3
        // characters only, so that the whole address (3 characters at least) is always looked for.
        let whole = |min_token_length| ContextCheck {
            match_mode: MatchMode::Substring,
            min_token_length,
            delimiters: Some(String::new()),
        };
        p.context.username = Some(whole(1));
        p.context.email = Some(whole(3));
        w.approximation(
            &r.path("disallowUserLoginId"),
            "the login Id is the context's `username` and `email` (a phone number login Id is not looked for); FusionAuth looks for the whole e-mail address only, this library also for its local part (3 characters or more)",
        );
    }

    if let Some(h) = r.obj("rememberPreviousPasswords")? {
        let enabled = h.bool("enabled")? == Some(true);
        // "The number of previous passwords to remember. Value must be greater than 0."
        match count(&h, "count", None, p, w)? {
            Some(n) => {
                p.history = Some(History { count: n, enforced: enabled });
                if !enabled {
                    w.inactive(&h.path("count"), "rememberPreviousPasswords.enabled");
                }
            }
            None if enabled && h.raw("count").is_none() => w.push(
                WarningCode::Approximation,
                h.path("count"),
                "enabled without a count (FusionAuth requires one greater than 0): no history rule",
            ),
            None => {}
        }
        h.finish(p, w);
    }

    if let Some(b) = r.obj("breachDetection")? {
        breach(&b, p, w)?;
    }

    // "When enabled the user's password will be validated during login."
    if r.bool("validateOnLogin")? == Some(true) {
        r.keep("validateOnLogin", p);
        w.kept_extra(&r.path("validateOnLogin"), "Validating the password again at login");
    }
    r.finish(p, w);
    Ok(())
}

/// `passwordValidationRules.breachDetection`.
fn breach(b: &Obj, p: &mut Policy, w: &mut Warnings) -> Result<()> {
    let enabled = b.bool("enabled")? == Some(true);
    let match_mode = enumerated(b, "matchMode", &MATCH_MODES, w)?;
    let on_login = enumerated(b, "onLogin", &ON_LOGIN, w)?;
    b.skip("notifyUserEmailTemplateId");
    if !enabled {
        // Disabled (the default): its settings apply to nothing.
        b.finish(p, w);
        return Ok(());
    }
    // "RequireChange: Require immediate password change" (at login).
    if on_login == Some("RequireChange") {
        p.settings.breached = Some(Breached { expire_after_seconds: Some(0.0), logout: None });
    }
    p.breached = Some(BreachedRule { max: 0 });
    if matches!(match_mode, Some("Medium" | "Low")) {
        w.approximation(
            &b.path("matchMode"),
            "FusionAuth's Medium and Low match modes flag a password only when it was breached together with the user's login id (or a variant of it); read as the breached rule (max 0) on the password alone, which rejects more",
        );
    }
    for (key, given) in [("matchMode", match_mode.is_some()), ("onLogin", on_login.is_some())] {
        if given {
            b.keep(key, p);
        }
    }
    if b.raw("notifyUserEmailTemplateId").is_some() {
        b.keep("notifyUserEmailTemplateId", p);
    }
    b.finish(p, w);
    Ok(())
}

/// `minimumPasswordAge` and `maximumPasswordAge` → `settings.expiry`.
fn ages(o: &Obj, p: &mut Policy, w: &mut Warnings) -> Result<()> {
    // (enabled, seconds, path of the value)
    let mut read = |key: &str,
                    unit: &str,
                    default: u32,
                    to_seconds: fn(u32) -> f64|
     -> Result<Option<(bool, Option<f64>, String)>> {
        let Some(a) = o.obj(key)? else { return Ok(None) };
        let enabled = a.bool("enabled")? == Some(true);
        // "Required when enabled" (default 180 days, 30 seconds); "[tooSmall]" when not above 0.
        let value = if enabled { count_or_default(&a, unit, default, p, w)? } else { count(&a, unit, None, p, w)? };
        a.finish(p, w);
        Ok(Some((enabled, value.map(to_seconds), a.path(unit))))
    };
    let min = read("minimumPasswordAge", "seconds", MIN_AGE_SECONDS, f64::from)?;
    let max = read("maximumPasswordAge", "days", MAX_AGE_DAYS, days)?;
    let any_enabled = [&min, &max].iter().any(|a| a.as_ref().is_some_and(|(e, _, _)| *e));
    let mut expiry = Expiry { enforced: any_enabled, ..Default::default() };
    let mut given = false;
    for (age, is_min) in [(min, true), (max, false)] {
        let Some((enabled, Some(seconds), path)) = age else { continue };
        let flag = if is_min { "minimumPasswordAge.enabled" } else { "maximumPasswordAge.enabled" };
        if enabled {
            w.not_checkable(&path, "password age");
        } else if any_enabled {
            // The other age is enforced: this one is kept aside, not enforced.
            p.extra(path.clone(), Value::from(seconds));
            w.inactive(&path, flag);
            continue;
        } else {
            w.inactive(&path, flag);
        }
        given = true;
        if is_min {
            expiry.min_age_seconds = Some(seconds);
        } else {
            expiry.max_age_seconds = Some(seconds);
        }
    }
    if given {
        p.settings.expiry = Some(expiry);
    }
    Ok(())
}

/// `failedAuthenticationConfiguration` → `settings.lockout`.
fn failed(f: &Obj, p: &mut Policy, w: &mut Warnings) -> Result<()> {
    let action = f.str("userActionId")?;
    let threshold = count_or_default(f, "tooManyAttempts", TOO_MANY_ATTEMPTS, p, w)?;
    let reset = count_or_default(f, "resetCountInSeconds", RESET_COUNT_SECONDS, p, w)?;
    let duration = count_or_default(f, "actionDuration", ACTION_DURATION, p, w)?;
    let unit = enumerated(f, "actionDurationUnit", &UNITS.map(|(u, _)| u), w)?;
    let unit_seconds = match unit {
        Some(u) => UNITS.iter().find(|(name, _)| *name == u).map(|(_, s)| *s),
        None if action.is_some() => {
            // "Required" when a user action is set; FusionAuth rejects the tenant without it.
            w.push(
                WarningCode::Approximation,
                f.path("actionDurationUnit"),
                "missing (FusionAuth requires it with a userActionId): the duration is read in minutes",
            );
            Some(minutes(1))
        }
        None => None,
    };
    if matches!(unit, Some("MONTHS" | "YEARS")) {
        w.approximation(&f.path("actionDurationUnit"), "a month is read as 30 days and a year as 365 days");
    }
    let lockout = Lockout {
        enforced: action.is_some(),
        threshold,
        duration_seconds: duration.zip(unit_seconds).map(|(d, s)| f64::from(d) * s),
        until_unlocked: false,
        reset_window_seconds: reset.map(f64::from),
    };
    match action {
        Some(_) => {
            w.not_checkable(&f.base_path(), "account lockout");
            w.approximation(
                &f.path("userActionId"),
                "FusionAuth applies this user action after too many failed logins; whether it prevents login is the action's own setting, read here as a lockout",
            );
            f.keep("userActionId", p);
        }
        None => w.push(
            WarningCode::Inactive,
            f.base_path(),
            "no `userActionId`: FusionAuth counts failed logins but takes no action; kept as inactive metadata",
        ),
    }
    p.settings.lockout = Some(lockout);
    if let Some(c) = f.obj("actionCancelPolicy")? {
        if c.bool("onPasswordReset")? == Some(true) {
            c.keep("onPasswordReset", p);
            w.kept_extra(&c.path("onPasswordReset"), "Unlocking the account by a password reset");
        }
        c.finish(p, w);
    }
    // Documented as a String defaulting to false; FusionAuth returns a boolean.
    match f.raw("emailUser") {
        Some(Value::Bool(true)) => {
            f.keep("emailUser", p);
            w.kept_extra(&f.path("emailUser"), "E-mailing the user when the account is locked");
        }
        Some(Value::Bool(false)) | None => {}
        Some(Value::String(s)) if s == "true" || s == "false" => {
            if s == "true" {
                f.keep("emailUser", p);
                w.kept_extra(&f.path("emailUser"), "E-mailing the user when the account is locked");
            }
        }
        Some(_) => return Err(PolicyError::field(f.path("emailUser"), "expected a boolean")),
    }
    f.finish(p, w);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vendors::testing::{codes, failures, failures_in, norm_as, norm_json};
    use crate::vendors::{detect_vendor, WarningCode};
    use crate::Context;
    use serde_json::json;

    const RESPONSE: &str = include_str!("../../tests/fixtures/real/fusionauth/docs-tenant-response.json");
    const LIST: &str = include_str!("../../tests/fixtures/real/fusionauth/docs-tenants-response.json");

    #[test]
    fn docs_tenant_response() {
        let n = norm_as("fusionauth", RESPONSE);
        let p = &n.policy;
        assert_eq!((p.length.min, p.length.max, p.length.unit), (Some(8), Some(256), LengthUnit::Utf16));
        let classes: Vec<CharClass> = p.classes.iter().map(|c| c.class).collect();
        assert_eq!(classes, [CharClass::Upper, CharClass::Lower, CharClass::Digit, CharClass::Symbol]);
        assert_eq!(p.history, Some(History { count: 2, enforced: true }));
        // Enabled, matchMode High (the password alone), onLogin Off: the rule, no setting, no warning.
        assert_eq!((&p.breached, &p.settings.breached), (&Some(BreachedRule { max: 0 }), &None));
        assert!(
            codes(&n, WarningCode::Approximation).iter().all(|w| !w.contains("breachDetection")),
            "{:?}",
            n.warnings
        );
        assert!(
            codes(&n, WarningCode::NotCheckable).iter().all(|w| !w.contains("breachDetection")),
            "{:?}",
            n.warnings
        );
        let l = p.settings.lockout.as_ref().unwrap();
        assert_eq!(
            (l.enforced, l.threshold, l.duration_seconds, l.reset_window_seconds),
            (true, Some(5), Some(180.0), Some(60.0))
        );
        assert!(!p.settings.expiry.as_ref().unwrap().enforced);
        assert!(codes(&n, WarningCode::UnknownField).is_empty(), "{:?}", n.warnings);
        let ignored = n.warnings.iter().find(|w| w.code == WarningCode::Ignored).unwrap();
        assert!(ignored.fields.iter().any(|f| f == "jwtConfiguration") && ignored.fields.len() == 31);
        // Non-alphanumeric: any character neither letter nor digit, `_` and space included.
        assert!(failures(p, "Pass_w0rd").is_empty());
        assert!(failures(p, "Pass w0rd").is_empty());
        assert_eq!(failures(p, "Passw0rd"), ["chars.symbol"]);
        assert_eq!(failures(p, "pass-w0rd"), ["chars.upper"]);
    }

    #[test]
    fn list_and_bare_array() {
        let out = crate::vendors::normalize(LIST, None).unwrap();
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].policy.source.name.as_deref(), Some("Playtronics Co."));
        let v: Value = serde_json::from_str(LIST).unwrap();
        let tenant = v["tenants"][0].clone();
        let bare = Value::Array(vec![tenant.clone(), tenant.clone()]);
        assert_eq!(detect_vendor(&bare.to_string()).unwrap(), "fusionauth");
        let paged = json!({ "tenants": [tenant.clone()], "total": 1 });
        let out = normalize(&Document::Json(paged)).unwrap();
        assert!(out[0].warnings.iter().any(|w| w.code == WarningCode::Ignored && w.fields == ["total"]));
        assert!(out[0].warnings.iter().any(|w| w.path.starts_with("tenants[0].")));
        let e = normalize(&Document::Json(json!({ "tenants": [] }))).unwrap_err();
        assert_eq!(e.path(), Some("tenants"));
        // The Retrieve the Password Validation Rules response.
        let rules =
            json!({ "passwordValidationRules": { "minLength": 10, "requireNumber": true, "requireMixedCase": false } });
        assert_eq!(detect_vendor(&rules.to_string()).unwrap(), "fusionauth");
        // Other vendors' fields of the same names are not FusionAuth's.
        for other in [
            json!({ "passwordValidationRules": { "minLength": 8 } }),
            json!({ "tenant": { "name": "x" } }),
            json!({ "tenants": [{ "id": "a" }] }),
            json!({ "minimumPasswordAge": 1 }),
            json!([{ "failedAuthenticationConfiguration": true }]),
        ] {
            assert!(!detect(&Document::Json(other.clone())), "{other}");
            assert!(detect_vendor(&other.to_string()).is_err(), "{other}");
        }
    }

    #[test]
    fn defaults_login_id_and_ages() {
        let n = norm_json(
            "fusionauth",
            json!({ "tenant": { "passwordValidationRules": { "disallowUserLoginId": true, "requireNonAlpha": false },
                "minimumPasswordAge": { "enabled": true }, "maximumPasswordAge": { "enabled": false, "days": 90 } },
                "webhookIds": [] }),
        );
        let p = &n.policy;
        assert_eq!((p.length.min, p.length.max), (Some(8), Some(256)));
        assert_eq!(
            codes(&n, WarningCode::Defaulted),
            [
                "tenant.passwordValidationRules.minLength",
                "tenant.passwordValidationRules.maxLength",
                "tenant.minimumPasswordAge.seconds"
            ]
        );
        let e = p.settings.expiry.as_ref().unwrap();
        assert_eq!((e.enforced, e.min_age_seconds, e.max_age_seconds), (true, Some(30.0), None));
        assert_eq!(p.vendor_extras.get("tenant.maximumPasswordAge.days"), Some(&json!(7_776_000.0)));
        assert!(n.warnings.iter().any(|w| w.code == WarningCode::Ignored && w.fields == ["webhookIds"]));
        // The login Id, lower-cased, anywhere in the password; short ids too.
        let ctx = Context { username: Some("Jo".into()), email: Some("jo@example.com".into()), ..Default::default() };
        assert_eq!(failures_in(p, "xxJOxxxxyy", &ctx), ["context.username"]);
        assert_eq!(failures_in(p, "my-JO@example.com", &ctx), ["context.username", "context.email"]);
        assert!(failures_in(p, "example-com", &ctx).is_empty());
        // Without a user action, failed logins are counted but nothing is enforced.
        let f = norm_json("fusionauth", json!({ "failedAuthenticationConfiguration": { "tooManyAttempts": 3 } }));
        let l = f.policy.settings.lockout.as_ref().unwrap();
        assert_eq!((l.enforced, l.threshold, l.duration_seconds), (false, Some(3), None));
        assert_eq!(codes(&f, WarningCode::Inactive), ["failedAuthenticationConfiguration"]);
    }

    #[test]
    fn ranges_enums_and_errors() {
        let n = norm_json(
            "fusionauth",
            json!({ "passwordEncryptionConfiguration": { "encryptionScheme": "bcrypt" },
                "passwordValidationRules": { "minLength": 0, "maxLength": 64,
                    "rememberPreviousPasswords": { "enabled": false, "count": 3 },
                    "breachDetection": { "enabled": true, "matchMode": "Extreme", "onLogin": "RequireChange" },
                    "validateOnLogin": true, "minimumLength": 9 },
                "failedAuthenticationConfiguration": { "userActionId": "u", "actionDuration": 2, "actionDurationUnit": "MONTHS" } }),
        );
        let p = &n.policy;
        assert_eq!((p.length.min, p.length.max), (None, Some(64)));
        assert_eq!(
            codes(&n, WarningCode::OutOfRange),
            [
                "passwordValidationRules.minLength",
                "passwordValidationRules.maxLength",
                "passwordValidationRules.breachDetection.matchMode"
            ]
        );
        assert_eq!(codes(&n, WarningCode::UnknownField), ["passwordValidationRules.minimumLength"]);
        assert_eq!(p.history, Some(History { count: 3, enforced: false }));
        assert_eq!(p.settings.breached, Some(Breached { expire_after_seconds: Some(0.0), logout: None }));
        assert_eq!(p.breached, Some(BreachedRule { max: 0 }));
        assert_eq!(p.vendor_extras.get("passwordValidationRules.validateOnLogin"), Some(&json!(true)));
        // Medium and Low match a password breached with the login id: the rule is an approximation.
        for (mode, approx) in [("High", false), ("Medium", true), ("Low", true)] {
            let m = norm_json(
                "fusionauth",
                json!({ "passwordValidationRules": { "breachDetection": { "enabled": true, "matchMode": mode } } }),
            );
            assert_eq!(m.policy.breached, Some(BreachedRule { max: 0 }), "{mode}");
            assert_eq!(m.policy.settings.breached, None, "{mode}");
            let warned = codes(&m, WarningCode::Approximation) == ["passwordValidationRules.breachDetection.matchMode"];
            assert_eq!(warned, approx, "{mode}: {:?}", m.warnings);
        }
        // Disabled: no rule.
        let m = norm_json(
            "fusionauth",
            json!({ "passwordValidationRules": { "breachDetection": { "enabled": false, "matchMode": "High" } } }),
        );
        assert_eq!(m.policy.breached, None);
        assert_eq!(p.settings.lockout.as_ref().unwrap().duration_seconds, Some(2.0 * 2_592_000.0));
        assert!(codes(&n, WarningCode::Approximation).contains(&"failedAuthenticationConfiguration.actionDurationUnit"));
        for (doc, path) in [
            (json!({ "passwordValidationRules": { "requireNumber": "yes" } }), "passwordValidationRules.requireNumber"),
            (
                json!({ "passwordValidationRules": { "requireNumber": true, "minLength": -1 } }),
                "passwordValidationRules.minLength",
            ),
            (
                json!({ "passwordValidationRules": [] , "minimumPasswordAge": { "enabled": true, "seconds": 1 } }),
                "passwordValidationRules",
            ),
            (
                json!({ "failedAuthenticationConfiguration": { "tooManyAttempts": 2.5 } }),
                "failedAuthenticationConfiguration.tooManyAttempts",
            ),
            (json!({ "tenant": 3 }), "tenant"),
        ] {
            let e = normalize(&Document::Json(doc)).unwrap_err();
            assert_eq!((e.code(), e.path()), ("invalid_field", Some(path)));
        }
    }
}
