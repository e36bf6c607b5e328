//! Microsoft Entra ID: its fixed cloud password policy, with the tenant's "Password Rule Settings"
//! directory setting from Microsoft Graph (`GET /groupSettings`, beta `GET /settings`: template
//! `5cf42378-d67d-4f36-ba46-e8b86229381d`). One setting object, the `{ "value": [ … ] }`
//! collection of directory settings (only Password Rule Settings give a policy; the others are
//! left out by name), or a bare array of Password Rule Settings (paths `[i].`). The Graph
//! PowerShell SDK's `ConvertTo-Json` spelling (`DisplayName`, `TemplateId`, `Values` of `Name` and
//! `Value`, `AdditionalProperties`) is read as well.
//!
//! Follows Microsoft Learn (MicrosoftDocs/entra-docs, 2025): "Password policies and account
//! restrictions in Microsoft Entra ID" (`docs/identity/authentication/concept-sspr-policy.md`)
//! for the rules no tenant can change, "Eliminate bad passwords using Microsoft Entra Password
//! Protection" (`concept-password-ban-bad.md`, "How are passwords evaluated") for the banned
//! password check, and the Password Rule Settings template of `GET /directorySettingTemplates`
//! for the names, types and defaults of the values.
//!
//! Fixed rules: 8 to 256 characters; only `A-Z a-z 0-9`, the 32 listed symbols
//! `@#$%^&*-_!+=[]{}|\:',.?/`~"();<>` and the blank space ("Unicode characters" are not
//! allowed); 3 of lower case, upper case, digits, symbols; the last password cannot be used again
//! (`history` 1). The global banned password list (not published, cannot be turned off) is our
//! common-password list, an exact whole-password rule (`approximation`); the user's first and
//! last names and the tenant's name are looked for as substrings of 4 characters or more in the
//! normalized password (attributes `givenName`, `surname`, `tenantName`, with the
//! `substitutions`); a name found rejects the password whatever its score, as the documented
//! example `p0LL23fb` (first name Poll) is rejected though it would score 5.
//!
//! The setting's values (strings):
//! - `BannedPasswordList` (tab-separated; at most 1000 terms of 4 to 16 characters, as the
//!   tutorial `tutorial-configure-custom-password-protection.md` says) with
//!   `EnableBannedPasswordCheck` (default `True`) → `dictionary.custom` as Entra evaluates it:
//!   normalization (lower case, then `0`→`o`, `1`→`l`, `$`→`s`, `@`→`a`: `substitutions`),
//!   substring matching with fuzzy matching one edit away (`editDistance` 1), terms of 4 or more
//!   (`minWordLength`), and the score: one point per banned term found, one per other character,
//!   at least 5 to pass (`minScore` 5). See `check::banned` for the order of the matches.
//! - `LockoutThreshold` (default 10), `LockoutDurationInSeconds` (default 60) →
//!   `settings.lockout` (smart lockout; `not_checkable`).
//! - `EnableBannedPasswordCheckOnPremises`, `BannedPasswordCheckOnPremisesMode` (`Audit`,
//!   `Enforce`) → `vendorExtras` (they govern the domain controllers' agent, not this policy).

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::fields::Obj;
use super::{new_policy, Document, Normalized, Warnings};
use crate::error::{PolicyError, Result};
use crate::policy::{
    AttributeCheck, CharClass, CharSet, CustomDictionary, History, Lockout, MatchMode, Policy, Requirement, TypesRule,
};

/// The template id of "Password Rule Settings".
pub const TEMPLATE_ID: &str = "5cf42378-d67d-4f36-ba46-e8b86229381d";
const DISPLAY_NAME: &str = "Password Rule Settings";

/// Entra's symbols, as "Password policies and account restrictions" lists them.
pub const SYMBOLS: &str = "@#$%^&*-_!+=[]{}|\\:',.?/`~\"();<>";
/// Entra's normalization of the banned password check.
const SUBSTITUTIONS: [(&str, &str); 4] = [("0", "o"), ("1", "l"), ("$", "s"), ("@", "a")];
/// Terms and names shorter than this are not looked for as substrings.
const MIN_TERM: u32 = 4;
/// The custom list holds at most this many terms, each of at most `MAX_TERM` characters.
const MAX_TERMS: usize = 1000;
const MAX_TERM: usize = 16;
/// "A password must be at least five (5) points to be accepted."
const MIN_SCORE: u32 = 5;
/// The template's defaults.
const DEFAULT_THRESHOLD: u32 = 10;
const DEFAULT_DURATION: u32 = 60;

/// The setting's names that are read; anything else is `unknown_field`.
const NAMES: &[&str] = &[
    "BannedPasswordList",
    "EnableBannedPasswordCheck",
    "LockoutThreshold",
    "LockoutDurationInSeconds",
    "EnableBannedPasswordCheckOnPremises",
    "BannedPasswordCheckOnPremisesMode",
];

/// A key in Graph's spelling or the PowerShell SDK's.
/// Entra's character substitutions, for the custom list and the names alike.
fn substitutions() -> BTreeMap<String, String> {
    SUBSTITUTIONS.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

fn get<'a>(m: &'a Map<String, Value>, camel: &str, pascal: &str) -> Option<&'a Value> {
    m.get(camel).or_else(|| m.get(pascal))
}

/// A directory setting object: a `templateId` and `values` of `{ name, value }`.
fn is_directory_setting(v: &Value) -> bool {
    let Value::Object(m) = v else { return false };
    let values = get(m, "values", "Values").and_then(Value::as_array);
    get(m, "templateId", "TemplateId").is_some_and(Value::is_string)
        && values.is_some_and(|vals| {
            vals.iter().all(|e| {
                e.as_object().is_some_and(|o| {
                    get(o, "name", "Name").is_some_and(Value::is_string) && !o.contains_key("defaultValue")
                })
            })
        })
}

/// A Password Rule Settings object (also one element of a bare array of them).
pub fn is_setting(v: &Value) -> bool {
    let Value::Object(m) = v else { return false };
    is_directory_setting(v) && get(m, "templateId", "TemplateId").and_then(Value::as_str) == Some(TEMPLATE_ID)
}

/// One setting, or the collection of directory settings holding one.
pub fn detect(doc: &Document) -> bool {
    let Document::Json(v @ Value::Object(m)) = doc else { return false };
    if is_setting(v) {
        return true;
    }
    match m.get("value").and_then(Value::as_array) {
        Some(items) => items.iter().all(is_directory_setting) && items.iter().any(is_setting),
        None => false,
    }
}

pub fn normalize(doc: &Document) -> Result<Vec<Normalized>> {
    match doc.value() {
        Value::Array(items) if items.is_empty() => {
            Err(PolicyError::field("$", "the list is empty: it holds no Password Rule Settings"))
        }
        Value::Array(items) => items.iter().enumerate().map(|(i, item)| one(item, &format!("[{i}]"), None)).collect(),
        v @ Value::Object(m) if !is_setting(v) && m.get("value").is_some_and(Value::is_array) => collection(v),
        other => Ok(vec![one(other, "", None)?]),
    }
}

/// `{ "@odata.context": …, "value": [settings] }`: a policy per Password Rule Settings element,
/// the other settings left out by name (on each policy).
fn collection(v: &Value) -> Result<Vec<Normalized>> {
    let o = Obj::new(v, "")?;
    o.skip("@odata.context");
    o.skip("@odata.nextLink");
    let items = o.raw("value").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    let others: Vec<String> = items
        .iter()
        .filter(|i| !is_setting(i))
        .map(|i| {
            let m = i.as_object();
            let name = m.and_then(|m| get(m, "displayName", "DisplayName")).and_then(Value::as_str);
            name.unwrap_or("a directory setting without a name").to_string()
        })
        .collect();
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate().filter(|(_, i)| is_setting(i)) {
        let names: Vec<&str> = others.iter().map(String::as_str).collect();
        let mut n = one(item, &format!("value[{i}]"), Some(&names))?;
        let mut w = Warnings(std::mem::take(&mut n.warnings));
        o.finish(&mut n.policy, &mut w);
        n.warnings = w.0;
        out.push(n);
    }
    if out.is_empty() {
        return Err(PolicyError::field("value", "the collection holds no Password Rule Settings"));
    }
    Ok(out)
}

/// A value of the setting: a string (`"True"`, `"10"`, the list).
fn setting_values<'a>(o: &Obj<'a>, key_camel: &str, key_pascal: &str) -> Result<Vec<(String, &'a Value, String)>> {
    let key = if o.has(key_camel) { key_camel } else { key_pascal };
    let Some(v) = o.raw(key) else { return Ok(Vec::new()) };
    let Value::Array(items) = v else {
        return Err(PolicyError::field(o.path(key), "expected an array of { name, value }"));
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let path = format!("{}[{i}]", o.path(key));
        let Value::Object(m) = item else {
            return Err(PolicyError::field(path, "expected an object { name, value }"));
        };
        let name = get(m, "name", "Name")
            .and_then(Value::as_str)
            .ok_or_else(|| PolicyError::field(format!("{path}.name"), "expected the setting's name as a string"))?;
        for k in m.keys() {
            if !["name", "Name", "value", "Value"].contains(&k.as_str()) {
                return Err(PolicyError::field(format!("{path}.{k}"), "a setting value has only a name and a value"));
            }
        }
        out.push((name.to_string(), get(m, "value", "Value").unwrap_or(&Value::Null), path));
    }
    Ok(out)
}

fn text<'a>(v: &'a Value, path: &str) -> Result<Option<&'a str>> {
    match v {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s.as_str())),
        _ => Err(PolicyError::field(format!("{path}.value"), "expected a string (Graph writes every value as one)")),
    }
}

fn flag(v: &Value, path: &str) -> Result<Option<bool>> {
    match text(v, path)? {
        None => Ok(None),
        Some(s) if s.eq_ignore_ascii_case("true") => Ok(Some(true)),
        Some(s) if s.eq_ignore_ascii_case("false") => Ok(Some(false)),
        Some(_) => Err(PolicyError::field(format!("{path}.value"), "expected \"True\" or \"False\"")),
    }
}

fn number(v: &Value, path: &str) -> Result<Option<u32>> {
    match text(v, path)? {
        None => Ok(None),
        Some(s) => s
            .trim()
            .parse::<u32>()
            .map(Some)
            .map_err(|_| PolicyError::field(format!("{path}.value"), "expected a non-negative integer as a string")),
    }
}

/// The fixed cloud policy.
fn fixed_rules(p: &mut Policy, w: &mut Warnings, base: &str) {
    p.length.min = Some(8);
    p.length.max = Some(256);
    p.symbols = Some(CharSet::chars(SYMBOLS));
    p.allowed = Some(CharSet {
        classes: vec![],
        chars: format!("{SYMBOLS} "),
        ranges: vec![
            [u32::from(b'A'), u32::from(b'Z')],
            [u32::from(b'a'), u32::from(b'z')],
            [u32::from(b'0'), u32::from(b'9')],
        ],
    });
    p.types.push(TypesRule {
        required: 3,
        of: vec![
            Requirement::class(CharClass::Lower, 1),
            Requirement::class(CharClass::Upper, 1),
            Requirement::class(CharClass::Digit, 1),
            Requirement::class(CharClass::Symbol, 1),
        ],
    });
    p.history = Some(History { count: 1, enforced: true });
    p.dictionary.common = true;
    p.context.attributes = Some(AttributeCheck {
        names: Some(vec!["givenName".to_string(), "surname".to_string(), "tenantName".to_string()]),
        match_mode: MatchMode::Substring,
        min_token_length: MIN_TERM,
        delimiters: None,
        substitutions: substitutions(),
    });
    let at = if base.is_empty() { "$".to_string() } else { base.to_string() };
    w.approximation(
        &at,
        "Entra's global banned password list is not published: the built-in list of the 10,000 most common passwords is used, as whole passwords (case-insensitive), not as banned terms found and scored inside the password like the custom list's",
    );
    w.approximation(
        &at,
        "Entra looks for the user's first and last names and the tenant's name in the normalized password: read as the attributes givenName, surname and tenantName (the caller passes them), cut into words, 4 characters or more; a name found rejects the password whatever its score",
    );
    w.approximation(
        &at,
        "the last password cannot be used again when the user changes it (a reset may reuse it): history 1",
    );
}

fn one(v: &Value, base: &str, others: Option<&[&str]>) -> Result<Normalized> {
    let o = Obj::new(v, base)?;
    let (mut p, mut w) = (new_policy("entra"), Warnings::default());
    let template = o.raw("templateId").or_else(|| o.raw("TemplateId")).and_then(Value::as_str);
    if template != Some(TEMPLATE_ID) {
        let key = if o.has("templateId") { "templateId" } else { "TemplateId" };
        return Err(PolicyError::field(
            o.path(key),
            format!("not the Password Rule Settings (expected templateId {TEMPLATE_ID})"),
        ));
    }
    p.source.id = o.str("id")?.or(o.str("Id")?).map(str::to_string);
    let name = o.str("displayName")?.or(o.str("DisplayName")?);
    p.source.name = Some(name.unwrap_or(DISPLAY_NAME).to_string());
    let wrappers: Vec<&str> =
        ["@odata.context", "@odata.type", "AdditionalProperties"].into_iter().filter(|k| o.has(k)).collect();
    if !wrappers.is_empty() {
        wrappers.iter().for_each(|k| o.skip(k));
        w.left_out(&o.base_path(), "the Graph response", &wrappers);
    }
    if let Some(names) = others.filter(|n| !n.is_empty()) {
        w.left_out("value", "the collection (other directory settings)", names);
    }
    fixed_rules(&mut p, &mut w, base);

    let values = setting_values(&o, "values", "Values")?;
    let find = |name: &str| values.iter().find(|(n, _, _)| n == name);
    for (name, raw, path) in &values {
        if !NAMES.contains(&name.as_str()) {
            w.unknown_field(path);
            p.extra(path.clone(), (*raw).clone());
        }
    }
    let values_path = if o.has("values") { o.path("values") } else { o.path("Values") };

    // The custom banned password list.
    let enabled = match find("EnableBannedPasswordCheck") {
        Some((_, raw, path)) => flag(raw, path)?,
        None => None,
    };
    let enabled = enabled.unwrap_or_else(|| {
        w.defaulted(&format!("{values_path}[EnableBannedPasswordCheck]"), "True");
        true
    });
    if let Some((_, raw, path)) = find("BannedPasswordList") {
        let list = text(raw, path)?.unwrap_or("");
        let words: Vec<String> =
            list.split('\t').map(str::trim).filter(|t| !t.is_empty()).map(str::to_string).collect();
        if words.len() > MAX_TERMS {
            w.out_of_range(path, format!("{} terms", words.len()), "at most 1000 terms");
        }
        let long = words.iter().filter(|t| t.chars().count() > MAX_TERM).count();
        if long > 0 {
            w.out_of_range(path, format!("{long} terms longer than 16 characters"), "4 to 16 characters per term");
        }
        if !enabled && !words.is_empty() {
            p.extra(format!("{path}.value"), Value::String(list.to_string()));
            w.inactive(path, "EnableBannedPasswordCheck");
        } else if !words.is_empty() {
            p.dictionary.custom = Some(CustomDictionary {
                words,
                match_mode: MatchMode::Substring,
                min_word_length: Some(MIN_TERM),
                substitutions: substitutions(),
                edit_distance: 1,
                min_score: Some(MIN_SCORE),
            });
        }
    }

    // Smart lockout.
    // A number value, or the template's default (a `defaulted` warning).
    let mut number_or = |name: &str, default: u32| -> Result<u32> {
        let given = match find(name) {
            Some((_, raw, path)) => number(raw, path)?,
            None => None,
        };
        Ok(given.unwrap_or_else(|| {
            w.defaulted(&format!("{values_path}[{name}]"), default);
            default
        }))
    };
    let threshold = number_or("LockoutThreshold", DEFAULT_THRESHOLD)?;
    let duration = number_or("LockoutDurationInSeconds", DEFAULT_DURATION)?;
    w.not_checkable(&values_path, "smart lockout");
    p.settings.lockout =
        Some(Lockout { threshold: Some(threshold), duration_seconds: Some(f64::from(duration)), ..Default::default() });

    // The domain controllers' agent.
    for name in ["EnableBannedPasswordCheckOnPremises", "BannedPasswordCheckOnPremisesMode"] {
        if let Some((_, raw, path)) = find(name) {
            if name == "EnableBannedPasswordCheckOnPremises" {
                flag(raw, path)?;
            } else if let Some(mode) = text(raw, path)? {
                if !["Audit", "Enforce", "Enforced"].iter().any(|m| m.eq_ignore_ascii_case(mode)) {
                    w.out_of_range(path, mode, "Audit, Enforce");
                }
            }
            p.extra(format!("{values_path}.{name}"), (*raw).clone());
            w.kept_extra(path, "Password protection on the on-premises domain controllers");
        }
    }
    o.finish(&mut p, &mut w);
    Ok(Normalized { vendor: "entra", policy: p, warnings: w.0 })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::vendors::testing::{codes, failures, failures_in, norm_json};
    use crate::vendors::WarningCode;
    use crate::Context;

    fn setting(values: Value) -> Value {
        json!({ "id": "b3c5e0a1-0000-4000-8000-000000000001", "displayName": "Password Rule Settings",
                "templateId": TEMPLATE_ID, "values": values })
    }

    fn full() -> Value {
        setting(json!([
            { "name": "BannedPasswordCheckOnPremisesMode", "value": "Audit" },
            { "name": "EnableBannedPasswordCheckOnPremises", "value": "True" },
            { "name": "EnableBannedPasswordCheck", "value": "True" },
            { "name": "LockoutDurationInSeconds", "value": "60" },
            { "name": "LockoutThreshold", "value": "10" },
            { "name": "BannedPasswordList", "value": "contoso\tlondon\twidget\tab" }
        ]))
    }

    #[test]
    fn fixed_rules_and_the_custom_list() {
        let n = norm_json("entra", full());
        let p = &n.policy;
        assert_eq!((p.length.min, p.length.max), (Some(8), Some(256)));
        assert_eq!(p.history, Some(History { count: 1, enforced: true }));
        assert!(p.dictionary.common);
        let d = p.dictionary.custom.as_ref().unwrap();
        assert_eq!(d.words, ["contoso", "london", "widget", "ab"]);
        let l = p.settings.lockout.as_ref().unwrap();
        assert_eq!((l.threshold, l.duration_seconds), (Some(10), Some(60.0)));
        assert!(p.vendor_extras.contains_key("values.BannedPasswordCheckOnPremisesMode"));
        assert!(codes(&n, WarningCode::Defaulted).is_empty() && codes(&n, WarningCode::UnknownField).is_empty());
        // 3 of 4, ASCII only.
        assert!(failures(p, "Tr0ub4dor&3").is_empty());
        assert!(failures(p, "tr0ub4dor&3").is_empty());
        assert_eq!(failures(p, "troubadour3"), ["chars.types"]);
        assert_eq!(failures(p, "Tröub4dor&3"), ["chars.allowed"]);
        assert!(failures(p, "Tr0ub4 dor").is_empty());
        assert_eq!((d.edit_distance, d.min_score, d.min_word_length), (1, Some(5), Some(4)));
        assert!(codes(&n, WarningCode::Approximation).iter().all(|path| !path.starts_with("values[")));
        // The custom list after Entra's normalization, scored ("ab" is too short to look for):
        // [contoso] + 4 characters = 5 points passes, [contoso] + 3 = 4 fails.
        assert!(failures(p, "C0nt0$o!2024").is_empty());
        assert_eq!(failures(p, "C0nt0$o!24"), ["dictionary.custom"]);
        // One edit away: "wldget" is "widget" with one character changed.
        assert_eq!(failures(p, "W1dget-9!"), ["dictionary.custom"]);
        assert!(failures(p, "B1g-W1dget").is_empty());
        assert!(failures(p, "Tab-Key-42").is_empty());
        // Names, 4 characters or more, after the substitutions.
        let ctx = Context {
            attributes: [("givenName".to_string(), "Poll".to_string()), ("surname".to_string(), "Li".to_string())]
                .into_iter()
                .collect(),
            ..Default::default()
        };
        assert_eq!(failures_in(p, "xPOLL23fb!", &ctx), ["context.attribute"]);
        assert!(failures_in(p, "xLi-23fb!A", &ctx).is_empty());
    }

    /// Every worked example of "How are passwords evaluated" (Microsoft Learn,
    /// `concept-password-ban-bad.md`). "blank" is on the global list there: our global list is
    /// not Entra's, so the examples put it on the custom list.
    #[test]
    fn the_worked_examples_of_microsoft_learn() {
        let n =
            norm_json("entra", setting(json!([{ "name": "BannedPasswordList", "value": "contoso\tblank\tabcdef" }])));
        let p = &n.policy;
        // "The password "blank" is banned. A user tries to change their password to "Bl@nK". […]
        // the normalization process converts this password to "blank". This password would be
        // rejected." (It is also shorter than Entra's 8 characters.)
        assert_eq!(failures(p, "Bl@nK"), ["length.min", "dictionary.custom"]);
        // "The password "abcdef" is banned. […] 'abcdeg' - last character changed from 'f' to
        // 'g'; 'abcdefg' - 'g' appended to end; 'abcde' - trailing 'f' was deleted from end […]
        // These passwords would be rejected." (They fail Entra's fixed rules as well.)
        for pw in ["abcdeg", "abcdefg", "abcde"] {
            assert!(failures(p, pw).contains(&"dictionary.custom"), "{pw}");
        }
        // "A user named Poll who wants to reset their password to "p0LL23fb". After
        // normalization, this password would become "poll23fb". […] This password would be
        // rejected."
        let poll = Context {
            attributes: [("givenName".to_string(), "Poll".to_string())].into_iter().collect(),
            ..Default::default()
        };
        assert_eq!(failures_in(p, "p0LL23fb", &poll), ["context.attribute"]);
        assert!(failures(p, "p0LL23fb").is_empty());
        // "a user changes their password to "C0ntos0Blank12" […] [contoso] + [blank] + [1] + [2]
        // = 4 points. As this password is under five (5) points, it's rejected."
        let checker = crate::Checker::compile(p).unwrap();
        let r = checker.check_rules("C0ntos0Blank12", &Context::default());
        let rule = r.rules.iter().find(|r| r.id == "dictionary.custom").unwrap();
        assert_eq!((rule.status, rule.required, rule.actual), (crate::check::Status::Fail, Some(5), Some(4)));
        assert_eq!(r.violations.iter().map(|v| v.id).collect::<Vec<_>>(), ["dictionary.custom"]);
        // "a user changes their password to "ContoS0Bl@nkf9!" […] [contoso] + [blank] + [f] + [9]
        // + [!] = 5 points. As this password is at least five (5) points, it's accepted."
        let r = checker.check_rules("ContoS0Bl@nkf9!", &Context::default());
        let rule = r.rules.iter().find(|r| r.id == "dictionary.custom").unwrap();
        assert_eq!((rule.status, rule.required, rule.actual), (crate::check::Status::Pass, Some(5), Some(5)));
        assert!(r.ok);
    }

    #[test]
    fn defaults_disabled_list_and_wrong_values() {
        let n = norm_json(
            "entra",
            setting(json!([{ "name": "EnableBannedPasswordCheck", "value": "False" },
                           { "name": "BannedPasswordList", "value": "contoso" }])),
        );
        assert_eq!(n.policy.dictionary.custom, None);
        assert_eq!(codes(&n, WarningCode::Inactive), ["values[1]"]);
        assert_eq!(codes(&n, WarningCode::Defaulted), ["values[LockoutThreshold]", "values[LockoutDurationInSeconds]"]);
        let err =
            |values: Value| crate::vendors::normalize_document(&Document::Json(setting(values)), None).unwrap_err();
        assert_eq!(err(json!([{ "name": "LockoutThreshold", "value": 10 }])).path(), Some("values[0].value"));
        assert_eq!(err(json!([{ "name": "LockoutThreshold", "value": "ten" }])).path(), Some("values[0].value"));
        assert_eq!(
            err(json!([{ "name": "EnableBannedPasswordCheck", "value": "yes" }])).path(),
            Some("values[0].value")
        );
        assert_eq!(err(json!([{ "name": "x", "value": "1", "type": "y" }])).path(), Some("values[0].type"));
        let n = norm_json("entra", setting(json!([{ "name": "NewThing", "value": "1" }])));
        assert_eq!(codes(&n, WarningCode::UnknownField), ["values[0]"]);
        // "The minimum string length is four characters, and the maximum is 16 characters."
        let n = norm_json(
            "entra",
            setting(json!([{ "name": "BannedPasswordList", "value": "contoso\tseventeen-letters" }])),
        );
        assert_eq!(codes(&n, WarningCode::OutOfRange), ["values[0]"]);
        assert_eq!(n.policy.dictionary.custom.unwrap().words, ["contoso", "seventeen-letters"]);
    }

    #[test]
    fn collection_and_powershell_spelling() {
        let doc = json!({
            "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#groupSettings",
            "value": [
                { "id": "1", "displayName": "Group.Unified", "templateId": "62375ab9-6b52-47ed-826b-58e47e0e304b",
                  "values": [{ "name": "EnableGroupCreation", "value": "true" }] },
                full()
            ]
        });
        assert_eq!(crate::vendors::detect(&Document::Json(doc.clone())).unwrap(), "entra");
        let out = crate::vendors::normalize_document(&Document::Json(doc), None).unwrap();
        assert_eq!(out.len(), 1);
        let ignored: Vec<_> = out[0].warnings.iter().filter(|w| w.code == WarningCode::Ignored).collect();
        assert_eq!(ignored.len(), 1);
        assert!(ignored[0].message.contains("Group.Unified"));
        let ps = json!({ "DisplayName": "Password Rule Settings", "Id": "cfa5", "TemplateId": TEMPLATE_ID,
            "Values": [{ "Name": "LockoutThreshold", "Value": "50" }, { "Name": "BannedPasswordList", "Value": "" }],
            "AdditionalProperties": {} });
        assert_eq!(crate::vendors::detect(&Document::Json(ps.clone())).unwrap(), "entra");
        let n = norm_json("entra", ps);
        assert_eq!(n.policy.settings.lockout.as_ref().unwrap().threshold, Some(50));
        assert_eq!(n.policy.source.id.as_deref(), Some("cfa5"));
        // Other settings alone, and templates, are nobody's.
        let groups = json!({ "value": [{ "templateId": "62375ab9-6b52-47ed-826b-58e47e0e304b", "values": [] }] });
        assert!(crate::vendors::detect(&Document::Json(groups)).is_err());
        let template = json!({ "value": [{ "id": TEMPLATE_ID, "displayName": "Password Rule Settings",
            "values": [{ "name": "LockoutThreshold", "type": "System.Int32", "defaultValue": "10" }] }] });
        assert!(crate::vendors::detect(&Document::Json(template)).is_err());
    }
}
