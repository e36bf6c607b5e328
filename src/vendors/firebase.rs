//! Firebase Authentication / Google Cloud Identity Platform password policy, in two forms:
//!
//! - the administrators' configuration, `passwordPolicyConfig` (Identity Toolkit admin v2,
//!   `GoogleCloudIdentitytoolkitAdminV2PasswordPolicyConfig`): the whole `projects.getConfig` or
//!   tenant response (`{"name", …, "passwordPolicyConfig": {…}}`, the other fields of the
//!   configuration left out with one `ignored` warning), or the policy object alone
//!   (`{"passwordPolicyEnforcementState", "forceUpgradeOnSignin", "passwordPolicyVersions": [{"customStrengthOptions": {…}}]}`);
//! - the policy the client SDKs read, `GET https://identitytoolkit.googleapis.com/v2/passwordPolicy`
//!   (`GoogleCloudIdentitytoolkitV2PasswordPolicy`: `customStrengthOptions`,
//!   `allowedNonAlphanumericCharacters`, `enforcementState`, `forceUpgradeOnSignin`,
//!   `schemaVersion`).
//!
//! Follows the Identity Toolkit v2 REST reference (`projects.getConfig`, `getPasswordPolicy`, as
//! generated into google-api-ruby-client's `google-apis-identitytoolkit_v2` 0.23, 2025), the Identity
//! Platform guide "Enable, disable, and use password policies"
//! (<https://cloud.google.com/identity-platform/docs/password-policy>), and the JS SDK's validation
//! (firebase/firebase-js-sdk@aa7346abd5d67fd1700d6601f3e4c6e803e34a9c:packages/auth/src/core/auth/password_policy_impl.ts).
//!
//! - `customStrengthOptions.minPasswordLength` ("ranges from 6 to 30 characters; defaults to 6";
//!   absent: 6, `defaulted`, as the SDK's `MINIMUM_MIN_PASSWORD_LENGTH`) → `length.min`;
//!   `maxPasswordLength` ("maximum length of 4096 characters"; "No default max length") →
//!   `length.max`. A 0 (proto3's unset integer, which the SDK skips) is documented for neither:
//!   left out, kept under vendorExtras. Length is the SDK's `password.length`: UTF-16 units.
//! - `containsLowercaseCharacter` / `containsUppercaseCharacter` / `containsNumericCharacter` → one
//!   class rule each (the SDK counts `a`–`z`, `A`–`Z`, `0`–`9` only; the canonical classes are
//!   Unicode-aware: one `approximation` warning). `containsNonAlphanumericCharacter` → a `symbol`
//!   rule whose `symbols` are the response's `allowedNonAlphanumericCharacters`, or, in the
//!   configuration (which does not carry them), the guide's list ([`SYMBOLS`]).
//! - `passwordPolicyEnforcementState` / `enforcementState`: `ENFORCE` applies the policy; `OFF`,
//!   the unspecified value and a missing state do not (the SDK reads the unspecified state as
//!   `OFF`): an `inactive` warning, the rules normalized as written (as an `INACTIVE` Okta policy).
//! - `forceUpgradeOnSignin` (existing passwords must comply at sign-in) → vendorExtras
//!   (`not_checkable` when true). `lastUpdateTime`, `schemaVersion` → vendorExtras as they are. The
//!   configuration's `name` → `source.id`, a tenant's `displayName` → `source.name`.
//! - `passwordPolicyVersions` "Must be of length 1": only the first is read; more are kept under
//!   vendorExtras with an `out_of_range` warning.

use serde_json::Value;

use super::fields::{count_or_zero, Obj, Zero};
use super::{new_policy, Document, Normalized, WarningCode, Warnings};
use crate::error::{PolicyError, Result};
use crate::policy::{CharClass, CharSet, ClassMin, LengthUnit, Policy};

/// The characters that "satisfy the non-alphanumeric character requirement", as the Identity
/// Platform guide lists them: `` ^ $ * . [ ] { } ( ) ? " ! @ # % & / \ , > < ' : ; | _ ~ ` ``.
pub const SYMBOLS: &str = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`";

/// The documented default (and backend minimum) of `minPasswordLength`.
const DEFAULT_MIN_LENGTH: u32 = 6;
/// The documented range of `minPasswordLength`.
const MIN_LENGTH_RANGE: (i64, i64) = (6, 30);
/// The documented largest `maxPasswordLength`.
const MAX_LENGTH_LIMIT: i64 = 4096;

/// Keys of the policy configuration object.
const CONFIG_KEYS: &[&str] = &["passwordPolicyEnforcementState", "passwordPolicyVersions"];
/// Keys only the `passwordPolicy` response has.
const RESPONSE_KEYS: &[&str] = &["customStrengthOptions", "allowedNonAlphanumericCharacters"];

fn has_any(v: &Value, keys: &[&str]) -> bool {
    keys.iter().any(|k| v.get(*k).is_some())
}

/// A project or tenant configuration (with a `passwordPolicyConfig` object), the policy
/// configuration alone, or the `passwordPolicy` response.
pub fn detect(doc: &Document) -> bool {
    let Document::Json(v @ Value::Object(top)) = doc else { return false };
    top.get("passwordPolicyConfig").is_some_and(Value::is_object)
        || has_any(v, CONFIG_KEYS)
        || has_any(v, RESPONSE_KEYS)
}

pub fn normalize(doc: &Document) -> Result<Vec<Normalized>> {
    let top = Obj::new(doc.value(), "")?;
    let (mut p, mut w) = (new_policy("firebase"), Warnings::default());
    let v = doc.value();
    if top.has("passwordPolicyConfig") {
        p.source.id = top.str("name")?.map(str::to_string);
        p.source.name = top.str("displayName")?.map(str::to_string);
        let config = top
            .obj("passwordPolicyConfig")?
            .ok_or_else(|| PolicyError::field("passwordPolicyConfig", "expected an object, found null"))?;
        read_config(&config, &mut p, &mut w)?;
        config.finish(&mut p, &mut w);
        let rest: Vec<&String> =
            top.keys().filter(|k| !["name", "displayName", "passwordPolicyConfig"].contains(&k.as_str())).collect();
        let (kept, dropped): (Vec<&String>, Vec<&String>) =
            rest.into_iter().partition(|k| k.to_lowercase().contains("password"));
        for k in kept {
            top.keep(k, &mut p);
            w.unknown_field(k);
        }
        if !dropped.is_empty() {
            dropped.iter().for_each(|k| top.skip(k));
            let names: Vec<&str> = dropped.iter().map(|k| k.as_str()).collect();
            w.left_out("", "the project or tenant configuration", &names);
        }
    } else if has_any(v, RESPONSE_KEYS) || (!has_any(v, CONFIG_KEYS) && has_any(v, &["enforcementState"])) {
        read_response(&top, &mut p, &mut w)?;
    } else {
        read_config(&top, &mut p, &mut w)?;
    }
    top.finish(&mut p, &mut w);
    Ok(vec![Normalized { vendor: "firebase", policy: p, warnings: w.0 }])
}

/// The enforcement state at `key`: `ENFORCE` is enforced; `OFF`, `unspecified` or a missing state
/// is not (an `inactive` warning).
fn enforcement(o: &Obj, key: &str, unspecified: &str, w: &mut Warnings) -> Result<()> {
    let path = o.path(key);
    match o.str(key)? {
        Some("ENFORCE") => {}
        Some("OFF") => w.push(
            WarningCode::Inactive,
            path,
            "the password policy is OFF: Firebase does not enforce it; its rules are normalized as written",
        ),
        Some(s) if s == unspecified => w.push(
            WarningCode::Inactive,
            path,
            format!("{unspecified} is read as OFF (as Firebase's SDK does): the policy is not enforced; its rules are normalized as written"),
        ),
        None => w.push(
            WarningCode::Inactive,
            path,
            "missing: the state is unspecified, which Firebase reads as OFF; the policy is not enforced and its rules are normalized as written",
        ),
        Some(s) => {
            return Err(PolicyError::field(
                path,
                format!("`{s}` is not an enforcement state (ENFORCE, OFF, {unspecified})"),
            ))
        }
    }
    Ok(())
}

/// `forceUpgradeOnSignin`: existing passwords must comply at the next sign-in.
fn force_upgrade(o: &Obj, p: &mut Policy, w: &mut Warnings) -> Result<()> {
    let flag = o.bool("forceUpgradeOnSignin")?;
    if flag.is_some() {
        o.keep("forceUpgradeOnSignin", p);
    }
    if flag == Some(true) {
        w.kept_extra(&o.path("forceUpgradeOnSignin"), "Requiring existing passwords to comply at sign-in");
    }
    Ok(())
}

/// The policy configuration (`passwordPolicyConfig`).
fn read_config(c: &Obj, p: &mut Policy, w: &mut Warnings) -> Result<()> {
    enforcement(c, "passwordPolicyEnforcementState", "PASSWORD_POLICY_ENFORCEMENT_STATE_UNSPECIFIED", w)?;
    force_upgrade(c, p, w)?;
    if c.text("lastUpdateTime")?.is_some() {
        c.keep("lastUpdateTime", p);
    }
    let key = "passwordPolicyVersions";
    let versions = match c.raw(key) {
        None => Vec::new(),
        Some(Value::Array(items)) => items.iter().collect(),
        Some(_) => return Err(PolicyError::field(c.path(key), "expected an array of password policy versions")),
    };
    if versions.len() > 1 {
        c.keep(key, p);
        w.out_of_range(
            &c.path(key),
            format!("{} versions", versions.len()),
            "must be of length 1; only the first is read",
        );
    }
    let path = format!("{}[0]", c.path(key));
    let version = match versions.first() {
        Some(v) => Some(Obj::new(v, &path)?),
        None => None,
    };
    let options = match &version {
        Some(v) => v.obj("customStrengthOptions")?,
        None => None,
    };
    let options_path = match &version {
        Some(v) => v.path("customStrengthOptions"),
        None => format!("{path}.customStrengthOptions"),
    };
    read_options(options.as_ref(), &options_path, None, p, w)?;
    if let Some(o) = &options {
        o.finish(p, w);
    }
    if let Some(v) = &version {
        if v.int("schemaVersion")?.is_some() {
            v.keep("schemaVersion", p);
        }
        // Only the first version is read: the others' unknown fields are not reported again.
        if versions.len() == 1 {
            v.finish(p, w);
        }
    }
    Ok(())
}

/// The `passwordPolicy` response of `GET /v2/passwordPolicy`.
fn read_response(r: &Obj, p: &mut Policy, w: &mut Warnings) -> Result<()> {
    enforcement(r, "enforcementState", "ENFORCEMENT_STATE_UNSPECIFIED", w)?;
    force_upgrade(r, p, w)?;
    if r.int("schemaVersion")?.is_some() {
        r.keep("schemaVersion", p);
    }
    let allowed = r.str_list("allowedNonAlphanumericCharacters")?.map(|chars| chars.concat());
    let options = r.obj("customStrengthOptions")?;
    read_options(options.as_ref(), &r.path("customStrengthOptions"), Some(allowed), p, w)?;
    if let Some(o) = &options {
        o.finish(p, w);
    }
    Ok(())
}

/// `customStrengthOptions` (absent: the defaults, reported at `path`). `allowed` is the response's
/// `allowedNonAlphanumericCharacters` (`Some(None)` when the response has none), `None` for the
/// configuration, which does not carry them.
fn read_options(
    o: Option<&Obj>,
    path: &str,
    allowed: Option<Option<String>>,
    p: &mut Policy,
    w: &mut Warnings,
) -> Result<()> {
    p.length.unit = LengthUnit::Utf16;
    let at = |key: &str| super::fields::join(path, key);
    let min_key = "minPasswordLength";
    match o {
        Some(o) if o.raw(min_key).is_some() => {
            p.length.min = count_or_zero(o, min_key, Some(MIN_LENGTH_RANGE), Zero::Undocumented, p, w)?;
        }
        _ => {
            w.defaulted(&at(min_key), DEFAULT_MIN_LENGTH);
            p.length.min = Some(DEFAULT_MIN_LENGTH);
        }
    }
    let Some(o) = o else { return Ok(()) };
    p.length.max = count_or_zero(o, "maxPasswordLength", None, Zero::Undocumented, p, w)?;
    if let Some(max) = p.length.max.filter(|m| i64::from(*m) > MAX_LENGTH_LIMIT) {
        w.out_of_range(&o.path("maxPasswordLength"), max, "at most 4096");
    }

    let mut ascii = Vec::new();
    for (key, class) in [
        ("containsLowercaseCharacter", CharClass::Lower),
        ("containsUppercaseCharacter", CharClass::Upper),
        ("containsNumericCharacter", CharClass::Digit),
        ("containsNonAlphanumericCharacter", CharClass::Symbol),
    ] {
        if o.bool(key)? != Some(true) {
            continue;
        }
        p.classes.push(ClassMin { class, min: 1 });
        if class != CharClass::Symbol {
            ascii.push(key);
            continue;
        }
        let chars = match &allowed {
            Some(Some(chars)) if !chars.is_empty() => chars.clone(),
            Some(_) => {
                w.approximation(
                    &o.path(key),
                    "the response lists no allowedNonAlphanumericCharacters (with none, Firebase's SDK accepts no character as non-alphanumeric); the documented list is used",
                );
                SYMBOLS.to_string()
            }
            None => SYMBOLS.to_string(),
        };
        p.symbols = Some(CharSet::chars(&chars));
    }
    if !ascii.is_empty() {
        w.approximation(
            path,
            format!(
                "Firebase's SDK counts only a–z, A–Z and 0–9 for {}; the canonical classes also count other scripts' letters and digits",
                ascii.join(", ")
            ),
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vendors::detect_vendor;
    use crate::vendors::testing::{codes, failures, norm_as};
    use serde_json::json;

    fn norm(text: &str) -> Normalized {
        norm_as("firebase", text)
    }

    /// firebase-admin-node's `ProjectConfig` server response (test/unit/auth/project-config.spec.ts).
    const PROJECT: &str = r#"{
      "smsRegionConfig": {"allowByDefault": {"disallowedRegions": ["AC", "AD"]}},
      "mfa": {"state": "DISABLED", "providerConfigs": [{"state": "ENABLED", "totpProviderConfig": {"adjacentIntervals": 5}}]},
      "passwordPolicyConfig": {
        "passwordPolicyEnforcementState": "ENFORCE",
        "forceUpgradeOnSignin": true,
        "passwordPolicyVersions": [{"customStrengthOptions": {
          "containsLowercaseCharacter": true, "containsNonAlphanumericCharacter": true,
          "containsNumericCharacter": true, "containsUppercaseCharacter": true,
          "minPasswordLength": 8, "maxPasswordLength": 30}}]
      },
      "emailPrivacyConfig": {"enableImprovedEmailPrivacy": true}
    }"#;

    #[test]
    fn project_configuration() {
        assert_eq!(detect_vendor(PROJECT).unwrap(), "firebase");
        let n = norm(PROJECT);
        let p = &n.policy;
        assert_eq!((p.length.min, p.length.max, p.length.unit), (Some(8), Some(30), LengthUnit::Utf16));
        let all = [CharClass::Lower, CharClass::Upper, CharClass::Digit, CharClass::Symbol];
        assert_eq!(p.classes, all.map(|class| ClassMin { class, min: 1 }));
        assert_eq!(p.symbols, Some(CharSet::chars(SYMBOLS)));
        assert_eq!(p.vendor_extras.get("passwordPolicyConfig.forceUpgradeOnSignin"), Some(&json!(true)));
        assert_eq!(codes(&n, WarningCode::Ignored), [""]);
        let ignored = n.warnings.iter().find(|w| w.code == WarningCode::Ignored).unwrap();
        assert_eq!(ignored.fields, ["smsRegionConfig", "mfa", "emailPrivacyConfig"]);
        assert!(codes(&n, WarningCode::UnknownField).is_empty());
        assert!(codes(&n, WarningCode::Inactive).is_empty());
        assert!(failures(p, "Passw0rd!").is_empty());
        // `-` is not one of the listed non-alphanumeric characters.
        assert_eq!(failures(p, "Passw0rd-"), ["chars.symbol"]);
        assert_eq!(failures(p, "P4ss!"), ["length.min"]);
        assert_eq!(failures(p, &format!("Pa1!{}", "x".repeat(27))), ["length.max"]);
    }

    /// The JS SDK's test response (password_policy_impl.test.ts, PASSWORD_POLICY_RESPONSE_REQUIRE_ALL).
    #[test]
    fn password_policy_response() {
        let doc = r#"{"customStrengthOptions": {"minPasswordLength": 6, "maxPasswordLength": 12,
            "containsLowercaseCharacter": true, "containsUppercaseCharacter": true,
            "containsNumericCharacter": true, "containsNonAlphanumericCharacter": true},
          "allowedNonAlphanumericCharacters": ["!", "(", ")", "@"],
          "enforcementState": "ENFORCE", "forceUpgradeOnSignin": true, "schemaVersion": 1}"#;
        assert_eq!(detect_vendor(doc).unwrap(), "firebase");
        let n = norm(doc);
        let p = &n.policy;
        assert_eq!((p.length.min, p.length.max), (Some(6), Some(12)));
        assert_eq!(p.symbols, Some(CharSet::chars("!()@")));
        assert_eq!(p.vendor_extras.get("schemaVersion"), Some(&json!(1)));
        // The SDK's own cases.
        assert_eq!(failures(p, "P4ss!"), ["length.min"]);
        assert_eq!(failures(p, "Password01234!"), ["length.max"]);
        assert_eq!(failures(p, "P4SSWORD!"), ["chars.lower"]);
        assert_eq!(failures(p, "p4ssword!"), ["chars.upper"]);
        assert_eq!(failures(p, "Password!"), ["chars.digit"]);
        assert_eq!(failures(p, "P4ssword"), ["chars.symbol"]);
        assert_eq!(failures(p, "P4sswo*d"), ["chars.symbol"]);
        assert!(failures(p, "P4ssw(rd").is_empty());
        assert_eq!(codes(&n, WarningCode::NotCheckable), ["forceUpgradeOnSignin"]);
        assert_eq!(codes(&n, WarningCode::Approximation), ["customStrengthOptions"]);
    }

    #[test]
    fn enforcement_states() {
        for (doc, path) in [
            (r#"{"passwordPolicyEnforcementState": "OFF"}"#, "passwordPolicyEnforcementState"),
            (
                r#"{"passwordPolicyEnforcementState": "PASSWORD_POLICY_ENFORCEMENT_STATE_UNSPECIFIED"}"#,
                "passwordPolicyEnforcementState",
            ),
            (r#"{"passwordPolicyVersions": []}"#, "passwordPolicyEnforcementState"),
            (
                r#"{"customStrengthOptions": {}, "enforcementState": "ENFORCEMENT_STATE_UNSPECIFIED"}"#,
                "enforcementState",
            ),
            (r#"{"customStrengthOptions": {}}"#, "enforcementState"),
        ] {
            let n = norm(doc);
            assert_eq!(codes(&n, WarningCode::Inactive), [path], "{doc}");
            assert_eq!(n.policy.length.min, Some(6), "{doc}");
        }
        let e = crate::vendors::normalize(r#"{"passwordPolicyEnforcementState": "AUDIT"}"#, None).unwrap_err();
        assert_eq!((e.code(), e.path()), ("invalid_field", Some("passwordPolicyEnforcementState")));
    }

    #[test]
    fn defaults_ranges_and_zeros() {
        let n = norm(r#"{"passwordPolicyEnforcementState": "ENFORCE"}"#);
        assert_eq!((n.policy.length.min, n.policy.length.max), (Some(6), None));
        assert_eq!(
            codes(&n, WarningCode::Defaulted),
            ["passwordPolicyVersions[0].customStrengthOptions.minPasswordLength"]
        );
        assert!(n.policy.classes.is_empty());
        let n = norm(
            r#"{"passwordPolicyEnforcementState": "ENFORCE", "passwordPolicyVersions": [{"customStrengthOptions": {"minPasswordLength": 40, "maxPasswordLength": 5000}}]}"#,
        );
        let o = "passwordPolicyVersions[0].customStrengthOptions";
        assert_eq!(
            codes(&n, WarningCode::OutOfRange),
            [format!("{o}.minPasswordLength"), format!("{o}.maxPasswordLength")]
        );
        assert_eq!((n.policy.length.min, n.policy.length.max), (Some(40), Some(5000)));
        let n = norm(
            r#"{"passwordPolicyEnforcementState": "ENFORCE", "passwordPolicyVersions": [{"customStrengthOptions": {"minPasswordLength": 0, "maxPasswordLength": 0}}]}"#,
        );
        assert_eq!((n.policy.length.min, n.policy.length.max), (None, None));
        assert_eq!(n.policy.vendor_extras.get(&format!("{o}.maxPasswordLength")), Some(&json!(0)));
        // More than one version: the first is read.
        let n = norm(
            r#"{"passwordPolicyVersions": [{"customStrengthOptions": {"minPasswordLength": 9}}, {"customStrengthOptions": {"minPasswordLength": 20}}]}"#,
        );
        assert_eq!(n.policy.length.min, Some(9));
        assert_eq!(codes(&n, WarningCode::OutOfRange), ["passwordPolicyVersions"]);
    }

    #[test]
    fn symbols_of_a_response_without_a_list() {
        let n = norm(
            r#"{"customStrengthOptions": {"containsNonAlphanumericCharacter": true}, "enforcementState": "ENFORCE"}"#,
        );
        assert_eq!(n.policy.symbols, Some(CharSet::chars(SYMBOLS)));
        assert_eq!(codes(&n, WarningCode::Approximation), ["customStrengthOptions.containsNonAlphanumericCharacter"]);
    }

    #[test]
    fn unknown_fields_and_wrong_types() {
        let n = norm(
            r#"{"passwordPolicyEnforcementState": "ENFORCE", "passwordPolicyVersions": [{"customStrengthOptions": {"containsEmoji": true}}], "minimumPasswordAge": 1}"#,
        );
        assert_eq!(
            codes(&n, WarningCode::UnknownField),
            ["passwordPolicyVersions[0].customStrengthOptions.containsEmoji", "minimumPasswordAge"]
        );
        for (doc, path) in [
            (r#"{"passwordPolicyVersions": {}}"#, "passwordPolicyVersions"),
            (r#"{"passwordPolicyVersions": [3]}"#, "passwordPolicyVersions[0]"),
            (
                r#"{"passwordPolicyVersions": [{"customStrengthOptions": {"minPasswordLength": "8"}}]}"#,
                "passwordPolicyVersions[0].customStrengthOptions.minPasswordLength",
            ),
            (
                r#"{"customStrengthOptions": {"containsNumericCharacter": 1}}"#,
                "customStrengthOptions.containsNumericCharacter",
            ),
            (
                r#"{"customStrengthOptions": {}, "allowedNonAlphanumericCharacters": "!@"}"#,
                "allowedNonAlphanumericCharacters",
            ),
            (
                r#"{"passwordPolicyConfig": {"forceUpgradeOnSignin": "yes"}}"#,
                "passwordPolicyConfig.forceUpgradeOnSignin",
            ),
            (r#"{"passwordPolicyConfig": {}, "name": 3}"#, "name"),
        ] {
            let e = crate::vendors::normalize(doc, Some("firebase")).unwrap_err();
            assert_eq!((e.code(), e.path()), ("invalid_field", Some(path)), "{doc}");
        }
    }

    #[test]
    fn tenant_source_and_detection() {
        let n = norm(
            r#"{"name": "projects/p/tenants/t-1", "displayName": "Staff", "allowPasswordSignup": true, "passwordPolicyConfig": {"passwordPolicyEnforcementState": "ENFORCE"}}"#,
        );
        assert_eq!(n.policy.source.id.as_deref(), Some("projects/p/tenants/t-1"));
        assert_eq!(n.policy.source.name.as_deref(), Some("Staff"));
        // A configuration without a password policy, and a bare enforcement state, are not recognised.
        assert_eq!(
            detect_vendor(r#"{"name": "projects/p/config", "signIn": {}}"#).unwrap_err().code(),
            "unknown_vendor"
        );
        assert_eq!(detect_vendor(r#"{"enforcementState": "ENFORCE"}"#).unwrap_err().code(), "unknown_vendor");
        assert_eq!(detect_vendor(r#"{"passwordPolicyConfig": null}"#).unwrap_err().code(), "unknown_vendor");
    }
}
