//! Auth0 database connection password policy (`GET /api/v2/connections/{id}`):
//! the whole connection object, or its `options`; or the list `GET /api/v2/connections`, a bare
//! array or a page (`{ "connections", "start", "limit", "total" }` / `{ "connections", "next" }`),
//! one policy per database connection (strategy `auth0`), the others skipped with one `ignored`
//! warning naming them.
//!
//! Follows the Management API v2 connection options schema (`ConnectionOptions`,
//! `ConnectionPasswordOptions{Complexity,Dictionary,History,ProfileData}`, as generated into
//! auth0/auth0-python@ae22120c and node-auth0 v7, 2025), password-sheriff for the legacy levels, and
//! the docs' "Flexible Password Policy" and "Password Options" pages.
//!
//! - `options.passwordPolicy`: `none` `low` `fair` `good` `excellent` with password-sheriff's exact
//!   rules (absent or `null`: `none`, Auth0's default, reported as `defaulted`):
//!   none 1 character; low 6; fair 8 with a lowercase letter, an uppercase letter and a digit;
//!   good 8 with 3 of lowercase, uppercase, digit, special; excellent 10 with 3 of those 4 and no
//!   character more than 2 times in a row.
//!   "Special" is the OWASP set including space ([`SYMBOLS`]). password-sheriff's other groups
//!   are ASCII only (`[a-z]`, `[A-Z]`, `\d`); the canonical classes are Unicode-aware: one
//!   `approximation` warning.
//! - Length is JavaScript's `.length`: `length.unit` is `utf16`. (The legacy policy silently
//!   truncates beyond 72 bytes: no maximum.)
//! - `password_complexity_options.min_length` (1–72) replaces the level's minimum.
//! - `password_dictionary {enable, dictionary}` → `dictionary.common` (Auth0's own list is not
//!   published: ours, with an `approximation` warning) and the custom words matched whole,
//!   case-insensitive.
//! - `password_no_personal_info.enable` → `context.username`, `context.email` and
//!   `context.attributes` (`name`, `nickname`, `user_metadata.name`, `user_metadata.first`,
//!   `user_metadata.last`), substring, with an `approximation` warning.
//! - `password_history {enable, size}` → `history` (`enforced: false` when not enabled).
//! - `password_options.dictionary.custom` ("Array of custom words to block in passwords. Maximum 200
//!   items, each up to 50 characters") → the custom dictionary when `active`, matched as the legacy
//!   dictionary is (whole, case-insensitive), with an `approximation` warning.
//! - `password_options.complexity.sequential_characters: block` → `maxSequence: 2` (no run of 3
//!   ascending or descending letters or digits: Auth0's examples are "abc" and "123"), with an
//!   `approximation` warning.
//! - The Flexible Password Policy `password_options` (`complexity`, `dictionary`, `history`,
//!   `profile_data`), when present, replaces all of the above; the legacy fields are then kept
//!   under `vendorExtras` with an `inactive` warning.
//! - `brute_force_protection`, `mfa` and `disable_self_service_change_password` → `vendorExtras`
//!   (`not_checkable`). The connection's `id` and `name` → `source`. The connection's and the
//!   options' other fields (scripts, attributes, sign-up settings, …) are not part of the password
//!   policy: one warning names them and they are left out, except unknown fields whose name says
//!   "password", which are kept (`unknown_field`).

use serde_json::{Map, Value};

use super::fields::{count_field, Obj};
use super::{new_policy, Document, Normalized, WarningCode, Warnings};
use crate::error::{PolicyError, Result};
use crate::policy::{
    AttributeCheck, CharClass, CharSet, ClassMin, ContextCheck, CustomDictionary, History, LengthUnit, MatchMode,
    Policy, Requirement, TypesRule, DEFAULT_MIN_TOKEN_LENGTH,
};

/// The values of `options.passwordPolicy`.
pub const LEVELS: [&str; 5] = ["none", "low", "fair", "good", "excellent"];

/// Password-policy fields of `options`, besides `passwordPolicy`.
const LEGACY: &[&str] =
    &["password_complexity_options", "password_dictionary", "password_no_personal_info", "password_history"];
const FLEXIBLE: &str = "password_options";

/// OWASP's special characters (password-sheriff's `specialCharacters`), space included.
pub const SYMBOLS: &str = " !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

/// Options kept under vendorExtras with a `not_checkable` warning.
const KEPT: &[(&str, &str)] = &[
    ("brute_force_protection", "Brute-force protection"),
    ("mfa", "Multi-factor authentication for the connection"),
    ("disable_self_service_change_password", "Disabling self-service password change"),
];

/// The profile fields `password_no_personal_info` checks, besides username and e-mail.
const NAME_ATTRIBUTES: &[&str] =
    &["name", "nickname", "user_metadata.name", "user_metadata.first", "user_metadata.last"];

/// The Flexible Password Policy's custom dictionary: at most 200 words of at most 50 characters.
const MAX_CUSTOM_WORDS: usize = 200;
const MAX_CUSTOM_WORD: usize = 50;

/// `sequential_characters: block`: the longest run of ascending or descending characters allowed
/// (Auth0's examples, "abc" and "123", are runs of 3).
const SEQUENCE_MAX: u32 = 2;

/// Auth0's largest minimum length (bytes: bcrypt's limit).
const MAX_BYTES: u32 = 72;

/// `None`: no `passwordPolicy`; `Some(true)`: null or a level; `Some(false)`: anything else.
fn level_ok(v: Option<&Value>) -> Option<bool> {
    match v? {
        Value::Null => Some(true),
        Value::String(s) => Some(LEVELS.contains(&s.as_str())),
        _ => Some(false),
    }
}

/// Options of a database connection: a valid `passwordPolicy`, or one of the other password fields
/// (and no `passwordPolicy` that is not a level: a Keycloak realm's is a policy string).
fn is_options(m: &Map<String, Value>) -> bool {
    match level_ok(m.get("passwordPolicy")) {
        Some(ok) => ok,
        None => LEGACY.iter().chain([&FLEXIBLE]).any(|k| m.contains_key(*k)),
    }
}

/// A connection (`options` holding Auth0's password fields, or `strategy: "auth0"`), its options, or
/// a page of the connections list (`{ "connections": [...], "start", "limit", "total" }`, or with
/// checkpoint pagination `{ "connections": [...], "next" }`).
pub fn detect(doc: &Document) -> bool {
    let Document::Json(Value::Object(top)) = doc else { return false };
    if is_page(top) {
        return true;
    }
    match top.get("options") {
        Some(Value::Object(options)) => {
            level_ok(options.get("passwordPolicy")) != Some(false)
                && (is_options(options) || top.get("strategy").and_then(Value::as_str) == Some("auth0"))
        }
        _ => is_options(top),
    }
}

/// The keys of a page of `GET /api/v2/connections` besides `connections`.
const PAGE_KEYS: &[&str] = &["start", "limit", "total", "next"];

/// A page of the connections list: `connections`, an array of connections, and only paging keys
/// (none on the last page of checkpoint paging; then the array must not be empty).
pub fn is_page(top: &Map<String, Value>) -> bool {
    matches!(top.get("connections"), Some(Value::Array(items))
        if items.iter().all(is_connection) && (!items.is_empty() || top.len() > 1))
        && top.keys().all(|k| k == "connections" || PAGE_KEYS.contains(&k.as_str()))
}

/// An element of the connections list (`GET /api/v2/connections`, a bare array): an object with a
/// `strategy` and a `name`, and the connection's `options` or another key of a connection.
pub fn is_connection(v: &Value) -> bool {
    v.as_object().is_some_and(|o| {
        o.get("strategy").is_some_and(Value::is_string)
            && o.get("name").is_some_and(Value::is_string)
            && ["options", "enabled_clients", "realms", "is_domain_connection", "id"].iter().any(|k| o.contains_key(*k))
    })
}

pub fn normalize(doc: &Document) -> Result<Vec<Normalized>> {
    match doc.value() {
        Value::Array(items) => list(items, ""),
        Value::Object(top) if is_page(top) => {
            let page = Obj::new(doc.value(), "")?;
            let items = page.raw("connections").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[]);
            let mut out = list(items, "connections")?;
            let paging: Vec<&str> = top.keys().map(String::as_str).filter(|k| *k != "connections").collect();
            for n in &mut out {
                let mut w = Warnings::default();
                w.left_out("", "the page", &paging);
                n.warnings.extend(w.0);
            }
            Ok(out)
        }
        v => Ok(vec![one(v, "")?]),
    }
}

/// The policies of a list of connections at `base`: one per database connection (strategy
/// `auth0`). The others (social, enterprise, passwordless) have no password policy: one warning
/// on every policy names the first of them.
fn list(items: &[Value], base: &str) -> Result<Vec<Normalized>> {
    let at = |i: usize| format!("{base}[{i}]");
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let strategy = item.get("strategy").and_then(Value::as_str);
        if strategy == Some("auth0") {
            out.push(one(item, &at(i))?);
        } else {
            let name = item.get("name").and_then(Value::as_str).unwrap_or("?");
            skipped.push(format!("{} `{}` ({})", at(i), name, strategy.unwrap_or("no strategy")));
        }
    }
    if out.is_empty() {
        let what = if items.is_empty() {
            "the list is empty".to_string()
        } else {
            format!("{} connections, none of them a database connection (strategy `auth0`)", items.len())
        };
        return Err(PolicyError::field(
            if base.is_empty() { "$" } else { base },
            format!("{what}: it holds no password policy"),
        ));
    }
    if !skipped.is_empty() {
        let shown = skipped.iter().take(8).cloned().collect::<Vec<_>>().join(", ");
        let more = if skipped.len() > 8 { format!(" and {} more", skipped.len() - 8) } else { String::new() };
        for n in &mut out {
            let mut w = Warnings::default();
            w.push(
                WarningCode::Ignored,
                if base.is_empty() { "$" } else { base },
                format!(
                    "{} connections of the list are not database connections and have no password policy; skipped: {shown}{more}",
                    skipped.len()
                ),
            );
            n.warnings.extend(w.0);
        }
    }
    Ok(out)
}

/// One connection, or its options, at `base`.
fn one(v: &Value, base: &str) -> Result<Normalized> {
    let top = Obj::new(v, base)?;
    let (mut p, mut w) = (new_policy("auth0"), Warnings::default());
    p.length.unit = LengthUnit::Utf16;
    if top.has("options") {
        p.source.id = top.text("id")?;
        p.source.name = top.str("name")?.map(str::to_string);
        if let Some(s) = top.str("strategy")? {
            if s != "auth0" {
                w.approximation(
                    &top.path("strategy"),
                    format!("password policies apply to database connections (strategy `auth0`), not `{s}`; read as written"),
                );
            }
        }
        let options = top
            .obj("options")?
            .ok_or_else(|| PolicyError::field(top.path("options"), "expected an object, found null"))?;
        read_options(&options, &mut p, &mut w)?;
        left_out(&top, &["id", "name", "strategy", "options"], "the connection", &mut p, &mut w);
    } else if top.has("strategy") {
        // A database connection listed without its options (`fields=` left them out): Auth0's
        // defaults apply.
        p.source.id = top.text("id")?;
        p.source.name = top.str("name")?.map(str::to_string);
        w.defaulted(&top.path("options"), "(no options: the `none` strength level)");
        level_rules("none", &top.path("options.passwordPolicy"), &mut p, &mut w);
        left_out(&top, &["id", "name", "strategy"], "the connection", &mut p, &mut w);
    } else {
        read_options(&top, &mut p, &mut w)?;
    }
    Ok(Normalized { vendor: "auth0", policy: p, warnings: w.0 })
}

/// Reports the keys of `o` outside `read`: one warning for all those that are not about passwords
/// (left out), an `unknown_field` warning and a vendorExtras entry for each one that is.
fn left_out(o: &Obj, read: &[&str], what: &str, p: &mut Policy, w: &mut Warnings) {
    let rest: Vec<&String> = o.keys().filter(|k| !read.contains(&k.as_str())).collect();
    let (kept, dropped): (Vec<&String>, Vec<&String>) =
        rest.into_iter().partition(|k| k.to_lowercase().contains("password"));
    for k in kept {
        o.keep(k, p);
        w.unknown_field(&o.path(k));
    }
    if !dropped.is_empty() {
        let names: Vec<&str> = dropped.iter().map(|k| k.as_str()).collect();
        w.left_out(o.path("").trim_end_matches('.'), what, &names);
    }
}

fn read_options(o: &Obj, p: &mut Policy, w: &mut Warnings) -> Result<()> {
    for (key, what) in KEPT {
        if o.raw(key).is_some() {
            o.keep(key, p);
            w.kept_extra(&o.path(key), what);
        }
    }
    let mut read: Vec<&str> = KEPT.iter().map(|(k, _)| *k).collect();
    read.extend(LEGACY);
    read.extend(["passwordPolicy", FLEXIBLE]);

    if let Some(flex) = o.obj(FLEXIBLE)? {
        flexible(&flex, p, w)?;
        flex.finish(p, w);
        for key in LEGACY.iter().chain(&["passwordPolicy"]) {
            if o.raw(key).is_some() {
                o.keep(key, p);
                w.push(
                    WarningCode::Inactive,
                    o.path(key),
                    format!("superseded by `{FLEXIBLE}` (the Flexible Password Policy); kept under vendorExtras as inactive metadata"),
                );
            }
        }
    } else {
        legacy(o, p, w)?;
    }
    left_out(o, &read, "the connection options", p, w);
    Ok(())
}

/// The legacy fields: the strength level and the four `password_*` objects.
fn legacy(o: &Obj, p: &mut Policy, w: &mut Warnings) -> Result<()> {
    let key = "passwordPolicy";
    let level = match o.str(key)? {
        None => {
            w.defaulted(&o.path(key), "\"none\"");
            "none"
        }
        Some(s) if LEVELS.contains(&s) => s,
        Some(s) => {
            return Err(PolicyError::field(
                o.path(key),
                format!("`{s}` is not a strength level (none, low, fair, good, excellent)"),
            ))
        }
    };
    level_rules(level, &o.path(key), p, w);

    if let Some(c) = o.obj("password_complexity_options")? {
        if let Some(n) = count_field(&c, "min_length", Some((1, i64::from(MAX_BYTES))), w)? {
            p.length.min = Some(n);
        }
        c.finish(p, w);
    }
    if let Some(d) = o.obj("password_dictionary")? {
        let enable = d.bool("enable")?.unwrap_or(false);
        let words = d.str_list("dictionary")?.unwrap_or_default();
        if enable {
            common_list(&d.path("enable"), "Auth0's built-in list of 10,000 common passwords", p, w);
            if !words.is_empty() {
                p.dictionary.custom = Some(CustomDictionary {
                    words,
                    match_mode: MatchMode::Whole,
                    min_word_length: None,
                    ..Default::default()
                });
            }
        } else if !words.is_empty() {
            d.keep("dictionary", p);
            w.inactive(&d.path("dictionary"), "enable");
        }
        d.finish(p, w);
    }
    if let Some(n) = o.obj("password_no_personal_info")? {
        if n.bool("enable")? == Some(true) {
            personal_data(&n.path("enable"), &[], p, w);
        }
        n.finish(p, w);
    }
    if let Some(h) = o.obj("password_history")? {
        history(&h, "enable", p, w)?;
        h.finish(p, w);
    }
    Ok(())
}

/// password-sheriff's rules of a strength level.
fn level_rules(level: &str, path: &str, p: &mut Policy, w: &mut Warnings) {
    let four = [CharClass::Lower, CharClass::Upper, CharClass::Digit, CharClass::Symbol];
    p.length.min = Some(match level {
        "low" => 6,
        "fair" | "good" => 8,
        "excellent" => 10,
        _ => 1,
    });
    match level {
        "fair" => {
            p.classes = four.iter().take(3).map(|class| ClassMin { class: *class, min: 1 }).collect();
        }
        "good" | "excellent" => {
            p.types.push(TypesRule { required: 3, of: four.iter().map(|c| Requirement::class(*c, 1)).collect() });
            p.symbols = Some(CharSet::chars(SYMBOLS));
        }
        _ => {}
    }
    if level == "excellent" {
        p.max_repeat = Some(2);
    }
    if matches!(level, "fair" | "good" | "excellent") {
        ascii_note(path, w);
    }
}

fn ascii_note(path: &str, w: &mut Warnings) {
    w.approximation(
        path,
        "Auth0 counts only a–z, A–Z and 0–9 as lowercase letters, uppercase letters and digits; the canonical classes also count other scripts' letters and digits",
    );
}

fn common_list(path: &str, theirs: &str, p: &mut Policy, w: &mut Warnings) {
    p.dictionary.common = true;
    w.approximation(
        path,
        format!("{theirs} is not published; the built-in list of 10,000 common passwords is used instead (whole password, case-insensitive)"),
    );
}

/// Username, e-mail and name checks (`password_no_personal_info`, `profile_data`), plus `extra`
/// attribute names.
fn personal_data(path: &str, extra: &[String], p: &mut Policy, w: &mut Warnings) {
    let check =
        ContextCheck { match_mode: MatchMode::Substring, min_token_length: DEFAULT_MIN_TOKEN_LENGTH, delimiters: None };
    p.context.username = Some(check.clone());
    p.context.email = Some(check);
    let mut names: Vec<String> = NAME_ATTRIBUTES.iter().map(|n| n.to_string()).collect();
    for n in extra {
        if !names.contains(n) {
            names.push(n.clone());
        }
    }
    p.context.attributes = Some(AttributeCheck {
        names: Some(names),
        match_mode: MatchMode::Substring,
        min_token_length: DEFAULT_MIN_TOKEN_LENGTH,
        delimiters: None,
        ..Default::default()
    });
    w.approximation(
        path,
        format!("Auth0 rejects passwords containing the user's name, username, nickname, user_metadata name, first or last, or the part of the e-mail address before `@` as a whole; here each value is also split into words of {DEFAULT_MIN_TOKEN_LENGTH} or more characters, so the check is somewhat stricter"),
    );
}

/// `{enable|active, size}`: an enforced history, or an inactive one.
fn history(h: &Obj, flag: &str, p: &mut Policy, w: &mut Warnings) -> Result<()> {
    let enabled = h.bool(flag)?.unwrap_or(false);
    let size = count_field(h, "size", Some((1, 24)), w)?.filter(|n| *n > 0);
    match (enabled, size) {
        (true, Some(count)) => p.history = Some(History { count, enforced: true }),
        (true, None) => w.approximation(
            &h.path("size"),
            "the history is enabled without a size (or with 0): how many passwords are remembered is unknown, so no history rule applies",
        ),
        (false, Some(count)) => {
            p.history = Some(History { count, enforced: false });
            w.inactive(&h.path("size"), flag);
        }
        (false, None) => {}
    }
    Ok(())
}

/// One of the values `allowed` of an enumerated string field.
fn choice<'a>(o: &Obj<'a>, key: &str, allowed: &[&str]) -> Result<Option<&'a str>> {
    match o.str(key)? {
        Some(s) if !allowed.contains(&s) => {
            Err(PolicyError::field(o.path(key), format!("`{s}` is not one of: {}", allowed.join(", "))))
        }
        v => Ok(v),
    }
}

/// The Flexible Password Policy (`options.password_options`).
fn flexible(f: &Obj, p: &mut Policy, w: &mut Warnings) -> Result<()> {
    if let Some(c) = f.obj("complexity")? {
        complexity(&c, p, w)?;
        c.finish(p, w);
    }
    if let Some(d) = f.obj("dictionary")? {
        let list = choice(&d, "default", &["en_10k", "en_100k"])?;
        let custom = d.str_list("custom")?.unwrap_or_default();
        if custom.len() > MAX_CUSTOM_WORDS {
            w.out_of_range(&d.path("custom"), format!("{} words", custom.len()), "at most 200 words");
        }
        if let Some(i) = custom.iter().position(|word| word.encode_utf16().count() > MAX_CUSTOM_WORD) {
            w.out_of_range(&format!("{}[{i}]", d.path("custom")), "a word", "at most 50 characters");
        }
        if d.bool("active")? == Some(true) {
            let theirs = match list {
                Some("en_100k") => "Auth0's list of 100,000 common passwords (`en_100k`)",
                _ => "Auth0's list of 10,000 common passwords (`en_10k`)",
            };
            common_list(&d.path("active"), theirs, p, w);
            if !custom.is_empty() {
                p.dictionary.custom = Some(CustomDictionary {
                    words: custom,
                    match_mode: MatchMode::Whole,
                    min_word_length: None,
                    ..Default::default()
                });
                w.approximation(
                    &d.path("custom"),
                    "Auth0 blocks these words \"in passwords\" without saying how they match; read as the legacy dictionary is: the whole password, case-insensitive",
                );
            }
        } else if !custom.is_empty() {
            d.keep("custom", p);
            w.inactive(&d.path("custom"), "active");
        }
        d.finish(p, w);
    }
    if let Some(h) = f.obj("history")? {
        history(&h, "active", p, w)?;
        h.finish(p, w);
    }
    if let Some(pd) = f.obj("profile_data")? {
        let active = pd.bool("active")?.unwrap_or(false);
        let fields = pd.str_list("blocked_fields")?.unwrap_or_default();
        if let Some(i) = fields.iter().position(String::is_empty) {
            return Err(PolicyError::field(
                format!("{}[{i}]", pd.path("blocked_fields")),
                "a field name cannot be empty",
            ));
        }
        if active {
            personal_data(&pd.path("active"), &fields, p, w);
        } else if !fields.is_empty() {
            pd.keep("blocked_fields", p);
            w.inactive(&pd.path("blocked_fields"), "active");
        }
        pd.finish(p, w);
    }
    Ok(())
}

fn complexity(c: &Obj, p: &mut Policy, w: &mut Warnings) -> Result<()> {
    if let Some(n) = count_field(c, "min_length", Some((1, i64::from(MAX_BYTES))), w)? {
        p.length.min = Some(n);
    }
    let key = "character_types";
    let mut classes: Vec<CharClass> = Vec::new();
    for (i, t) in c.str_list(key)?.unwrap_or_default().iter().enumerate() {
        let class = match t.as_str() {
            "lowercase" => CharClass::Lower,
            "uppercase" => CharClass::Upper,
            "number" => CharClass::Digit,
            "special" => CharClass::Symbol,
            other => {
                return Err(PolicyError::field(
                    format!("{}[{i}]", c.path(key)),
                    format!("`{other}` is not a character type (uppercase, lowercase, number, special)"),
                ))
            }
        };
        if !classes.contains(&class) {
            classes.push(class);
        }
    }
    let rule_key = "character_type_rule";
    match choice(c, rule_key, &["all", "three_of_four", "at_least"])? {
        None | Some("all") => p.classes = classes.iter().map(|class| ClassMin { class: *class, min: 1 }).collect(),
        Some(rule) => {
            if classes.len() < 4 {
                w.out_of_range(&c.path(rule_key), rule, "only with all four character types");
            }
            if rule == "at_least" {
                w.approximation(
                    &c.path(rule_key),
                    "`at_least` read as `three_of_four`: at least 3 of the character types",
                );
            }
            if !classes.is_empty() {
                p.types
                    .push(TypesRule { required: 3, of: classes.iter().map(|c| Requirement::class(*c, 1)).collect() });
            }
        }
    }
    if classes.contains(&CharClass::Symbol) {
        p.symbols = Some(CharSet::chars(SYMBOLS));
    }
    if classes.iter().any(|c| *c != CharClass::Symbol) {
        ascii_note(&c.path(key), w);
    }

    let key = "identical_characters";
    if choice(c, key, &["allow", "block"])? == Some("block") {
        p.max_repeat = Some(2);
        w.approximation(
            &c.path(key),
            "Auth0 does not say how many identical characters in a row are blocked; read as the `excellent` level's rule: at most 2",
        );
    }
    let key = "sequential_characters";
    if choice(c, key, &["allow", "block"])? == Some("block") {
        p.max_sequence = Some(SEQUENCE_MAX);
        w.approximation(
            &c.path(key),
            "Auth0 blocks sequential characters (\"abc\", \"123\") without saying how long a run is blocked; read as: no run of more than 2 ascending or descending letters or digits",
        );
    }
    let key = "max_length_exceeded";
    if choice(c, key, &["error", "truncate", "allow"])? == Some("error") {
        p.length.max = Some(MAX_BYTES);
        w.approximation(
            &c.path(key),
            format!("Auth0 rejects passwords longer than {MAX_BYTES} bytes (UTF-8); read as {MAX_BYTES} UTF-16 units: the same for ASCII, looser for other characters"),
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vendors::testing::{codes, failures, failures_in, norm_json};
    use crate::vendors::{detect_vendor, Warning};
    use crate::Context;
    use serde_json::json;

    const OPTIONS: &str = include_str!("../../tests/fixtures/auth0/options-example.json");
    const CONNECTION: &str = include_str!("../../tests/fixtures/auth0/connection.json");
    const FLEXIBLE_DOC: &str = include_str!("../../tests/fixtures/auth0/flexible.json");

    fn norm(v: Value) -> Normalized {
        norm_json("auth0", v)
    }

    fn level(l: &str) -> Policy {
        norm(json!({"passwordPolicy": l})).policy
    }

    #[test]
    fn documented_options_example() {
        let out = crate::vendors::normalize(OPTIONS, None).unwrap();
        let n = &out[0];
        assert_eq!(n.vendor, "auth0");
        assert_eq!(
            serde_json::to_value(&n.policy).unwrap(),
            json!({
                "version": 1,
                "source": {"vendor": "auth0"},
                "length": {"min": 8, "unit": "utf16"},
                "types": [{"required": 3, "of": [
                    {"class": "lower", "min": 1}, {"class": "upper", "min": 1},
                    {"class": "digit", "min": 1}, {"class": "symbol", "min": 1}
                ]}],
                "symbols": {"chars": SYMBOLS},
                "history": {"count": 5, "enforced": false}
            })
        );
        let w: Vec<(WarningCode, &str)> = n.warnings.iter().map(|w| (w.code, w.path.as_str())).collect();
        assert_eq!(
            w,
            [
                (WarningCode::Approximation, "options.passwordPolicy"),
                (WarningCode::Inactive, "options.password_history.size")
            ]
        );
        let p = &n.policy;
        assert!(failures(p, "abcdEF12").is_empty());
        assert!(failures(p, "abcd ef1").is_empty(), "space is a special character");
        assert_eq!(failures(p, "abcdefgh1"), ["chars.types"]);
        assert_eq!(failures(p, "aB1!"), ["length.min"]);
        // History is carried but not enforced.
        let ctx = Context { previous_passwords: vec!["abcdEF12".into()], ..Default::default() };
        assert!(failures_in(p, "abcdEF12", &ctx).is_empty());
    }

    #[test]
    fn the_five_levels() {
        let none = level("none");
        assert_eq!(none.length.min, Some(1));
        assert!(none.classes.is_empty() && none.types.is_empty());
        assert!(failures(&none, "a").is_empty());
        assert_eq!(failures(&none, ""), ["length.min"]);

        let low = level("low");
        assert!(failures(&low, "abcdef").is_empty());
        assert_eq!(failures(&low, "abcde"), ["length.min"]);

        let fair = level("fair");
        assert_eq!(fair.classes.len(), 3);
        assert!(fair.symbols.is_none());
        assert!(failures(&fair, "abcdEF12").is_empty());
        assert_eq!(failures(&fair, "abcdefg1"), ["chars.upper"]);
        assert_eq!(failures(&fair, "ABCDEFG1!"), ["chars.lower"]);

        let good = level("good");
        assert!(failures(&good, "abcdefg1!").is_empty());
        assert_eq!(failures(&good, "abcdefgh1"), ["chars.types"]);
        assert_eq!(good.max_repeat, None);
        assert!(failures(&good, "aaaaBBB1").is_empty());

        let excellent = level("excellent");
        assert_eq!((excellent.length.min, excellent.max_repeat), (Some(10), Some(2)));
        assert!(failures(&excellent, "Abcdefgh1!").is_empty());
        assert_eq!(failures(&excellent, "Aaa111bbbb"), ["repeat.max"]);
        assert_eq!(failures(&excellent, "Abcdefg1!"), ["length.min"]);
        assert!(failures(&excellent, "Aabb11ccdd").is_empty(), "two in a row is fine");
        // `€` is not in the OWASP set: not a special character.
        assert_eq!(failures(&excellent, "abcdefgh1€"), ["chars.types"]);
    }

    #[test]
    fn absent_or_null_level_is_none() {
        for doc in [json!({"passwordPolicy": null}), json!({"password_history": {"enable": false}})] {
            let n = norm(doc.clone());
            assert_eq!(n.policy.length.min, Some(1), "{doc}");
            assert_eq!(codes(&n, WarningCode::Defaulted), ["passwordPolicy"]);
        }
        let e = normalize(&Document::Json(json!({"passwordPolicy": "strong"}))).unwrap_err();
        assert_eq!((e.code(), e.path()), ("invalid_field", Some("passwordPolicy")));
    }

    #[test]
    fn utf16_length() {
        let low = level("low");
        assert_eq!(low.length.unit, LengthUnit::Utf16);
        // Three emoji are six UTF-16 units.
        assert!(failures(&low, "😀😀😀").is_empty());
        assert_eq!(failures(&low, "😀😀a"), ["length.min"]);
    }

    #[test]
    fn min_length_overrides_the_level() {
        let n = norm(json!({"passwordPolicy": "excellent", "password_complexity_options": {"min_length": 16}}));
        assert_eq!(n.policy.length.min, Some(16));
        let n = norm(json!({"passwordPolicy": "good", "password_complexity_options": {"min_length": 4}}));
        assert_eq!(n.policy.length.min, Some(4));
        let n = norm(json!({"passwordPolicy": "none", "password_complexity_options": {"min_length": 100}}));
        assert_eq!(codes(&n, WarningCode::OutOfRange), ["password_complexity_options.min_length"]);
        assert_eq!(n.policy.length.min, Some(100));
    }

    #[test]
    fn whole_connection() {
        let out = crate::vendors::normalize(CONNECTION, None).unwrap();
        let n = &out[0];
        assert_eq!(n.vendor, "auth0");
        let p = &n.policy;
        assert_eq!(p.source.id.as_deref(), Some("con_0000000000000001"));
        assert_eq!(p.source.name.as_deref(), Some("Username-Password-Authentication"));
        assert_eq!((p.length.min, p.max_repeat), (Some(12), Some(2)));
        assert!(p.dictionary.common);
        assert_eq!(
            p.dictionary.custom,
            Some(CustomDictionary {
                words: vec!["acme".into(), "acmeanvils".into()],
                match_mode: MatchMode::Whole,
                min_word_length: None,
                ..Default::default()
            })
        );
        assert_eq!(p.history, Some(History { count: 5, enforced: true }));
        assert_eq!(p.context.username.as_ref().map(|c| c.match_mode), Some(MatchMode::Substring));
        assert_eq!(p.context.email.as_ref().map(|c| c.match_mode), Some(MatchMode::Substring));
        assert_eq!(p.context.attributes.as_ref().and_then(|a| a.names.as_ref()).map(Vec::len), Some(5));
        assert_eq!(p.vendor_extras.get("options.brute_force_protection"), Some(&json!(true)));
        assert!(p.vendor_extras.contains_key("options.mfa"));
        assert!(!p.vendor_extras.keys().any(|k| k.contains("customScripts") || k.contains("enabled_clients")));
        // One warning for the connection's other fields and one for the options'.
        let left: Vec<&Warning> = n.warnings.iter().filter(|w| w.code == WarningCode::Ignored).collect();
        assert_eq!(left.iter().map(|w| w.path.as_str()).collect::<Vec<_>>(), ["options", ""]);
        assert!(
            left[0].message.contains("requires_username") && left[0].message.contains("customScripts"),
            "{}",
            left[0].message
        );
        assert!(left[1].message.contains("enabled_clients"), "{}", left[1].message);

        let ctx = Context {
            username: Some("wile".into()),
            email: Some("wile.coyote@acme.example".into()),
            attributes: [("nickname".to_string(), "Genius".to_string())].into(),
            previous_passwords: vec!["Desert-Mesa-42".into()],
            ..Default::default()
        };
        assert!(failures_in(p, "Tumble-Weed-42", &ctx).is_empty());
        assert_eq!(failures_in(p, "Desert-Mesa-42", &ctx), ["history.reuse"]);
        assert_eq!(failures_in(p, "Coyote-Mesa-42", &ctx), ["context.email"]);
        assert_eq!(failures_in(p, "Super-Genius-42", &ctx), ["context.attribute"]);
        assert_eq!(failures_in(p, "ACMEANVILS", &ctx), ["length.min", "chars.types", "dictionary.custom"]);
        assert_eq!(failures_in(p, "Tumble-Weeeed-42", &ctx), ["repeat.max"]);
    }

    #[test]
    fn dictionary_and_personal_info_flags_off() {
        let n = norm(json!({"passwordPolicy": "low",
            "password_dictionary": {"enable": false, "dictionary": ["acme"]},
            "password_no_personal_info": {"enable": false}}));
        let p = &n.policy;
        assert!(!p.dictionary.common && p.dictionary.custom.is_none());
        assert_eq!(p.context, Default::default());
        assert_eq!(p.vendor_extras.get("password_dictionary.dictionary"), Some(&json!(["acme"])));
        assert_eq!(codes(&n, WarningCode::Inactive), ["password_dictionary.dictionary"]);
        let n = norm(json!({"password_history": {"enable": true}}));
        assert_eq!(n.policy.history, None);
        assert_eq!(codes(&n, WarningCode::Approximation), ["password_history.size"]);
    }

    #[test]
    fn flexible_password_policy() {
        let out = crate::vendors::normalize(FLEXIBLE_DOC, None).unwrap();
        let n = &out[0];
        let p = &n.policy;
        assert_eq!((p.length.min, p.length.max, p.length.unit), (Some(12), Some(72), LengthUnit::Utf16));
        assert_eq!(p.types.len(), 1);
        assert_eq!(p.types[0].required, 3);
        assert_eq!(p.types[0].of.len(), 4);
        assert_eq!(p.max_repeat, Some(2));
        assert!(p.dictionary.common);
        assert_eq!(p.history, Some(History { count: 3, enforced: true }));
        let names = p.context.attributes.as_ref().and_then(|a| a.names.clone()).unwrap();
        assert!(names.contains(&"phone_number".to_string()) && names.contains(&"nickname".to_string()));
        // `sequential_characters: block`: no run of 3 ascending or descending characters.
        assert_eq!(p.max_sequence, Some(2));
        assert!(n.warnings.iter().any(|w| w.path == "options.password_options.complexity.sequential_characters"
            && w.code == WarningCode::Approximation));
        assert_eq!(failures(p, "Abcdefghij1234"), ["sequence.max"]);
        assert_eq!(failures(p, "Tumble-Weed-321"), ["sequence.max"]);
        // The legacy level is superseded.
        assert_eq!(p.vendor_extras.get("options.passwordPolicy"), Some(&json!("good")));
        assert_eq!(codes(n, WarningCode::Inactive), ["options.passwordPolicy"]);
        assert!(n.warnings.iter().any(|w| w.path.ends_with("dictionary.active") && w.message.contains("100,000")));
        assert!(failures(p, "Tumble-Weed-42").is_empty());
        assert_eq!(failures(p, &format!("Tumble-Weed-42{}", "qwertyuiox".repeat(6))), ["length.max"]);

        let n = norm(json!({"password_options": {"complexity": {"character_types": ["lowercase", "number"]}}}));
        assert_eq!(
            n.policy.classes,
            [ClassMin { class: CharClass::Lower, min: 1 }, ClassMin { class: CharClass::Digit, min: 1 }]
        );
        assert!(n.policy.symbols.is_none());
        assert_eq!(codes(&n, WarningCode::Defaulted), Vec::<&str>::new(), "no level default with password_options");
        let n = norm(
            json!({"password_options": {"complexity": {"character_types": ["lowercase", "number", "special"], "character_type_rule": "three_of_four"}}}),
        );
        assert_eq!(codes(&n, WarningCode::OutOfRange), ["password_options.complexity.character_type_rule"]);
        for (doc, path) in [
            (
                json!({"password_options": {"complexity": {"character_types": ["emoji"]}}}),
                "password_options.complexity.character_types[0]",
            ),
            (
                json!({"password_options": {"complexity": {"identical_characters": "deny"}}}),
                "password_options.complexity.identical_characters",
            ),
            (json!({"password_options": {"dictionary": {"default": "en_1m"}}}), "password_options.dictionary.default"),
            (json!({"password_options": {"history": {"size": "3"}}}), "password_options.history.size"),
        ] {
            let e = normalize(&Document::Json(doc.clone())).unwrap_err();
            assert_eq!((e.code(), e.path()), ("invalid_field", Some(path)), "{doc}");
        }
    }

    #[test]
    fn wrong_types_are_invalid_fields() {
        for (doc, path) in [
            (json!({"passwordPolicy": 3}), "passwordPolicy"),
            (json!({"password_complexity_options": {"min_length": "8"}}), "password_complexity_options.min_length"),
            (json!({"password_dictionary": {"enable": true, "dictionary": "acme"}}), "password_dictionary.dictionary"),
            (json!({"password_no_personal_info": {"enable": 1}}), "password_no_personal_info.enable"),
            (json!({"password_history": {"enable": true, "size": -5}}), "password_history.size"),
            (json!({"password_history": []}), "password_history"),
            (json!({"options": null, "strategy": "auth0"}), "options"),
            (json!({"options": {"passwordPolicy": "good"}, "name": 7}), "name"),
        ] {
            let e = normalize(&Document::Json(doc.clone())).unwrap_err();
            assert_eq!((e.code(), e.path()), ("invalid_field", Some(path)), "{doc}");
        }
    }

    #[test]
    fn password_like_unknown_fields_are_kept() {
        let n = norm(json!({"passwordPolicy": "good", "password_expiry": {"days": 30}, "disable_signup": true}));
        assert_eq!(codes(&n, WarningCode::UnknownField), ["password_expiry"]);
        assert_eq!(codes(&n, WarningCode::Ignored), [""]);
        assert_eq!(n.policy.vendor_extras.get("password_expiry"), Some(&json!({"days": 30})));
        assert!(!n.policy.vendor_extras.contains_key("disable_signup"));
    }

    #[test]
    fn detection_never_overlaps_keycloak() {
        assert_eq!(detect_vendor(r#"{"passwordPolicy": "good"}"#).unwrap(), "auth0");
        assert_eq!(detect_vendor(r#"{"passwordPolicy": null}"#).unwrap(), "auth0");
        assert_eq!(detect_vendor(r#"{"strategy": "auth0", "options": {}}"#).unwrap(), "auth0");
        assert_eq!(
            detect_vendor(r#"{"options": {"password_history": {"enable": true, "size": 3}}}"#).unwrap(),
            "auth0"
        );
        assert_eq!(detect_vendor(r#"{"passwordPolicy": "length(8) and digits(1)"}"#).unwrap(), "keycloak");
        for doc in [
            r#"{"passwordPolicy": "length(8)"}"#,
            r#"{"options": {"passwordPolicy": "length(8)"}}"#,
            r#"{"passwordPolicy": "strong"}"#,
            r#"{"strategy": "google-oauth2", "options": {"scope": ["email"]}}"#,
        ] {
            assert!(!detect(&crate::vendors::parse_document(doc).unwrap()), "{doc}");
        }
        // LongJump's wrapped object is not Auth0's.
        assert_eq!(detect_vendor(r#"{"passwordPolicy": {"min_length": 6}}"#).unwrap(), "longjump");
    }

    fn connection(name: &str, strategy: &str, options: Value) -> Value {
        json!({"id": format!("con_{name}"), "name": name, "strategy": strategy, "options": options,
               "enabled_clients": [], "is_domain_connection": false, "realms": [name]})
    }

    #[test]
    fn connection_lists_bare_and_paged() {
        let db = connection("Username-Password-Authentication", "auth0", json!({"passwordPolicy": "good"}));
        let social = connection("google-oauth2", "google-oauth2", json!({"email": true, "profile": true}));
        let db2 = connection("employees", "auth0", json!({"passwordPolicy": "excellent"}));
        let list = json!([social, db, db2]);
        assert_eq!(detect_vendor(&list.to_string()).unwrap(), "auth0");
        let out = crate::vendors::normalize(&list.to_string(), None).unwrap();
        assert_eq!(out.len(), 2, "one policy per database connection");
        assert_eq!(out[0].policy.source.name.as_deref(), Some("Username-Password-Authentication"));
        assert_eq!(out[1].policy.length.min, Some(10));
        for n in &out {
            let skipped: Vec<&Warning> =
                n.warnings.iter().filter(|w| w.code == WarningCode::Ignored && w.path == "$").collect();
            assert_eq!(skipped.len(), 1, "{:?}", n.warnings);
            assert!(skipped[0].message.contains("[0] `google-oauth2` (google-oauth2)"), "{}", skipped[0].message);
        }
        // Paths name the element.
        assert!(out[1].warnings.iter().any(|w| w.path.starts_with("[2].")), "{:?}", out[1].warnings);
        assert_eq!(failures(&out[0].policy, "abcdefgh1"), ["chars.types"]);

        let page = json!({"total": 3, "start": 0, "limit": 50, "connections": list});
        assert_eq!(detect_vendor(&page.to_string()).unwrap(), "auth0");
        let paged = crate::vendors::normalize(&page.to_string(), None).unwrap();
        assert_eq!(paged.len(), 2);
        assert_eq!(paged[0].policy, out[0].policy);
        assert!(paged[0].warnings.iter().any(|w| w.path.starts_with("connections[1].")));
        assert!(paged[0].warnings.iter().any(|w| w.code == WarningCode::Ignored && w.message.contains("the page")));
        let checkpoint = json!({"connections": [connection("db", "auth0", json!({}))], "next": "cD0xMjM0"});
        assert_eq!(detect_vendor(&checkpoint.to_string()).unwrap(), "auth0");

        // A list with no database connection holds no policy: an error, never an empty policy.
        let e = crate::vendors::normalize(&json!([connection("github", "github", json!({}))]).to_string(), None)
            .unwrap_err();
        assert_eq!((e.code(), e.path()), ("invalid_field", Some("$")));
        assert!(e.message.contains("none of them a database connection"), "{}", e.message);
        // A listed database connection without its options: the `none` level.
        let bare = json!([{"id": "con_1", "name": "db", "strategy": "auth0", "realms": ["db"]}]);
        let n = crate::vendors::normalize(&bare.to_string(), None).unwrap();
        assert_eq!(n[0].policy.length.min, Some(1));
        assert_eq!(codes(&n[0], WarningCode::Defaulted), ["[0].options"]);
        // Another vendor's list is not Auth0's.
        let e = crate::vendors::normalize(r#"[{"minLength": 8, "minUpper": 1}]"#, Some("auth0")).unwrap_err();
        assert_eq!(e.code(), "vendor_mismatch");
        assert!(e.message.contains("sailpoint"), "{}", e.message);
    }

    #[test]
    fn flexible_custom_dictionary() {
        let doc = |active: bool, custom: Value| json!({"password_options": {"dictionary": {"active": active, "default": "en_10k", "custom": custom}}});
        let n = norm_json("auth0", doc(true, json!(["acme", "Anvil2024"])));
        let custom = n.policy.dictionary.custom.as_ref().unwrap();
        assert_eq!(custom.words, ["acme", "Anvil2024"]);
        assert_eq!(custom.match_mode, MatchMode::Whole);
        assert!(n
            .warnings
            .iter()
            .any(|w| w.path == "password_options.dictionary.custom" && w.code == WarningCode::Approximation));
        assert!(failures(&n.policy, "ANVIL2024").contains(&"dictionary.custom"));
        assert!(!failures(&n.policy, "anvil2024x").contains(&"dictionary.custom"));
        // Not active: kept, inactive.
        let n = norm_json("auth0", doc(false, json!(["acme"])));
        assert!(n.policy.dictionary.custom.is_none());
        assert_eq!(codes(&n, WarningCode::Inactive), ["password_options.dictionary.custom"]);
        assert_eq!(n.policy.vendor_extras.get("password_options.dictionary.custom"), Some(&json!(["acme"])));
        // Beyond Auth0's documented limits: warned, used.
        let many: Vec<String> = (0..201).map(|i| format!("w{i}")).collect();
        let n = norm_json("auth0", doc(true, json!(many)));
        assert_eq!(codes(&n, WarningCode::OutOfRange), ["password_options.dictionary.custom"]);
        let n = norm_json("auth0", doc(true, json!(["x".repeat(51)])));
        assert_eq!(codes(&n, WarningCode::OutOfRange), ["password_options.dictionary.custom[0]"]);
        assert!(!n.warnings.iter().any(|w| w.code == WarningCode::UnknownField), "{:?}", n.warnings);
    }
}
