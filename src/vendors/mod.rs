//! Vendor adapters: vendor document → canonical policy + warnings. Each adapter is a pure
//! function in its own file; this module parses the document, detects the vendor and dispatches,
//! all through one table of the adapters ([`ADAPTERS`]).

pub mod active_directory;
pub mod auth0;
pub mod aws_cognito;
pub mod aws_iam;
pub mod canonical;
pub mod entra;
pub mod fields;
pub mod firebase;
pub mod fusionauth;
pub mod keycloak;
pub mod kratos;
pub mod longjump;
pub mod meraki;
pub mod okta;
pub mod passwordrules;
pub mod pingone;
pub mod sailpoint;
pub mod scaleway;
pub mod sumologic;
pub mod supabase;
#[cfg(test)]
pub(crate) mod testing;
pub mod xml;
pub mod zitadel;

use serde::Serialize;
use serde_json::Value;

use crate::error::{bounded, ErrorCode, PolicyError, Result, MAX_MESSAGE_BYTES, MAX_PATH_BYTES};
use crate::policy::Policy;

/// The largest vendor document accepted, in bytes (UTF-8).
pub const MAX_DOCUMENT_BYTES: usize = 1 << 20;
/// The deepest nesting of arrays and objects accepted in a document.
pub const MAX_DEPTH: usize = 64;

/// The document forms an adapter reads; any other form is `invalid_json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reads {
    JsonOnly,
    /// JSON, or XML converted to a JSON value.
    JsonOrXml,
    /// JSON, or plain text.
    JsonOrText,
}

/// One vendor's adapter: how it is detected, what it reads and how it normalizes.
pub struct Adapter {
    /// The vendor id (`detectVendor`, `{ vendor }`).
    pub id: &'static str,
    /// Top-level keys only this vendor uses, for detection by key (empty: none).
    pub keys: &'static [&'static str],
    /// The adapter's own detection, for formats recognised by syntax or shape (text, an XML root
    /// element, a wrapper object).
    pub detect: Option<fn(&Document) -> bool>,
    /// For a vendor whose API has a list endpoint: recognises one element of the list (a JSON
    /// array is detected only when this accepts every element).
    pub item: Option<fn(&Value) -> bool>,
    pub reads: Reads,
    pub normalize: fn(&Document) -> Result<Vec<Normalized>>,
}

/// Every vendor, in the order detection reports candidates. The only list of the vendors:
/// `scripts/build.mjs` reads the ids of this table for the TypeScript `VendorId` union.
pub const ADAPTERS: [Adapter; 20] = [
    Adapter {
        id: "meraki",
        keys: meraki::KEYS,
        detect: None,
        item: None,
        reads: Reads::JsonOnly,
        normalize: meraki::normalize,
    },
    Adapter {
        id: "sailpoint",
        keys: sailpoint::KEYS,
        detect: None,
        item: Some(sailpoint::is_item),
        reads: Reads::JsonOnly,
        normalize: sailpoint::normalize,
    },
    Adapter {
        id: "sumologic",
        keys: sumologic::KEYS,
        detect: None,
        item: None,
        reads: Reads::JsonOnly,
        normalize: sumologic::normalize,
    },
    Adapter {
        id: "scaleway",
        keys: scaleway::KEYS,
        detect: None,
        item: None,
        reads: Reads::JsonOnly,
        normalize: scaleway::normalize,
    },
    Adapter {
        id: "longjump",
        keys: longjump::KEYS,
        detect: Some(longjump::detect),
        item: None,
        reads: Reads::JsonOrXml,
        normalize: longjump::normalize,
    },
    Adapter {
        id: "aws-iam",
        keys: &[],
        detect: Some(aws_iam::detect),
        item: None,
        reads: Reads::JsonOrXml,
        normalize: aws_iam::normalize,
    },
    Adapter {
        id: "aws-cognito",
        keys: &[],
        detect: Some(aws_cognito::detect),
        item: None,
        reads: Reads::JsonOnly,
        normalize: aws_cognito::normalize,
    },
    Adapter {
        id: "okta",
        keys: &[],
        detect: Some(okta::detect),
        item: Some(okta::is_policy),
        reads: Reads::JsonOnly,
        normalize: okta::normalize,
    },
    Adapter {
        id: "auth0",
        keys: &[],
        detect: Some(auth0::detect),
        item: Some(auth0::is_connection),
        reads: Reads::JsonOnly,
        normalize: auth0::normalize,
    },
    Adapter {
        id: "keycloak",
        keys: &[],
        detect: Some(keycloak::detect),
        item: Some(keycloak::is_realm),
        reads: Reads::JsonOrText,
        normalize: keycloak::normalize,
    },
    Adapter {
        id: "passwordrules",
        keys: &[],
        detect: Some(passwordrules::detect),
        item: None,
        reads: Reads::JsonOrText,
        normalize: passwordrules::normalize,
    },
    Adapter {
        id: "firebase",
        keys: &[],
        detect: Some(firebase::detect),
        item: None,
        reads: Reads::JsonOnly,
        normalize: firebase::normalize,
    },
    Adapter {
        id: "supabase",
        keys: supabase::KEYS,
        detect: None,
        item: None,
        reads: Reads::JsonOnly,
        normalize: supabase::normalize,
    },
    Adapter {
        id: "pingone",
        keys: &[],
        detect: Some(pingone::detect),
        item: Some(pingone::is_policy),
        reads: Reads::JsonOnly,
        normalize: pingone::normalize,
    },
    Adapter {
        id: "active-directory",
        keys: active_directory::KEYS,
        detect: None,
        item: Some(active_directory::is_policy),
        reads: Reads::JsonOnly,
        normalize: active_directory::normalize,
    },
    Adapter {
        id: "entra",
        keys: &[],
        detect: Some(entra::detect),
        item: Some(entra::is_setting),
        reads: Reads::JsonOnly,
        normalize: entra::normalize,
    },
    Adapter {
        id: "kratos",
        keys: &[],
        detect: Some(kratos::detect),
        item: None,
        reads: Reads::JsonOnly,
        normalize: kratos::normalize,
    },
    Adapter {
        id: "fusionauth",
        keys: &[],
        detect: Some(fusionauth::detect),
        item: Some(fusionauth::is_tenant),
        reads: Reads::JsonOnly,
        normalize: fusionauth::normalize,
    },
    Adapter {
        id: "zitadel",
        keys: &[],
        detect: Some(zitadel::detect),
        item: None,
        reads: Reads::JsonOnly,
        normalize: zitadel::normalize,
    },
    Adapter {
        id: "canonical",
        keys: canonical::KEYS,
        detect: None,
        item: None,
        reads: Reads::JsonOnly,
        normalize: canonical::normalize,
    },
];

/// Vendor ids, in the order detection reports candidates (the ids of [`ADAPTERS`]).
pub const VENDORS: [&str; ADAPTERS.len()] = {
    let mut ids = [""; ADAPTERS.len()];
    let mut i = 0;
    while i < ADAPTERS.len() {
        ids[i] = ADAPTERS[i].id;
        i += 1;
    }
    ids
};

crate::error::codes! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    #[serde(rename_all = "snake_case")]
    pub enum WarningCode {
        /// A field the vendor does not document (kept under `vendorExtras`).
        UnknownField => "unknown_field",
        /// A value outside the vendor's documented range (used as given).
        OutOfRange => "out_of_range",
        /// A setting that a password alone cannot be checked against (kept under `settings`).
        NotCheckable => "not_checkable",
        /// A missing field that took the vendor's documented default.
        Defaulted => "defaulted",
        /// Our reading of a field the vendor does not define precisely.
        Approximation => "approximation",
        /// A value the vendor carries but does not enforce (its `enforce*` flag is off).
        Inactive => "inactive",
        /// Fields of an enclosing object (a Keycloak realm, a Cognito user pool, an Auth0 connection)
        /// that are not part of the password policy: read past and left out, by name.
        Ignored => "ignored",
        /// A key given twice in one JSON object: the last value is used (as `JSON.parse` does).
        DuplicateKey => "duplicate_key",
        /// A field the vendor documents as deprecated: read as its current documentation says.
        Deprecated => "deprecated",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Warning {
    pub code: WarningCode,
    /// Path of the field in the vendor document (`[0].minLength`, `platform.passwordPolicy.try_limit`).
    pub path: String,
    pub message: String,
    /// For an `ignored` warning: the names of the fields left out (the message names the first 8).
    #[serde(skip)]
    pub fields: Vec<String>,
}

/// The warnings of one adapter run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Warnings(pub Vec<Warning>);

impl Warnings {
    pub fn push(&mut self, code: WarningCode, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(Warning {
            code,
            path: bounded(path.into(), MAX_PATH_BYTES),
            message: bounded(message.into(), MAX_MESSAGE_BYTES),
            fields: Vec::new(),
        });
    }
    pub fn unknown_field(&mut self, path: &str) {
        let shown = bounded(path.to_string(), MAX_PATH_BYTES);
        self.push(
            WarningCode::UnknownField,
            path,
            format!("`{shown}` is not a documented field; kept under vendorExtras"),
        );
    }
    pub fn out_of_range(&mut self, path: &str, value: impl std::fmt::Display, range: &str) {
        self.push(
            WarningCode::OutOfRange,
            path,
            format!("{value} is outside the documented range ({range}); used as given"),
        );
    }
    pub fn not_checkable(&mut self, path: &str, what: &str) {
        self.push(
            WarningCode::NotCheckable,
            path,
            format!("{what} cannot be checked on a password; kept under settings"),
        );
    }
    pub fn defaulted(&mut self, path: &str, value: impl std::fmt::Display) {
        self.push(WarningCode::Defaulted, path, format!("missing; the documented default {value} applies"));
    }
    pub fn approximation(&mut self, path: &str, message: impl Into<String>) {
        self.push(WarningCode::Approximation, path, message);
    }
    /// A setting with no canonical home: kept under vendorExtras.
    pub fn kept_extra(&mut self, path: &str, what: &str) {
        self.push(
            WarningCode::NotCheckable,
            path,
            format!("{what} cannot be checked on a password and has no canonical setting; kept under vendorExtras"),
        );
    }
    /// Fields of `what` that are not part of the password policy, named (the first 8) and left out.
    pub fn left_out(&mut self, path: &str, what: &str, names: &[&str]) {
        let shown = names.iter().take(8).copied().collect::<Vec<_>>().join(", ");
        let more = if names.len() > 8 { format!(" and {} more", names.len() - 8) } else { String::new() };
        let at = self.0.len();
        self.push(
            WarningCode::Ignored,
            path,
            format!(
                "{} fields of {what} ({shown}{more}) are not part of the password policy and were left out",
                names.len()
            ),
        );
        if let Some(w) = self.0.get_mut(at) {
            w.fields = names.iter().map(|n| n.to_string()).collect();
        }
    }
    /// A 0 whose meaning the vendor documents as "none" or "no limit" (`meaning` quotes it): the
    /// field enforces nothing.
    pub fn zero_means(&mut self, path: &str, meaning: &str) {
        self.push(
            WarningCode::Inactive,
            path,
            format!("0 means {meaning}, as the vendor documents: nothing of it is enforced"),
        );
    }
    /// A 0 the vendor does not document (or documents as out of range), left out of the policy.
    pub fn zero_left_out(&mut self, path: &str, range: Option<&str>) {
        let documented = range.map(|r| format!(" (documented range {r})")).unwrap_or_default();
        self.push(
            WarningCode::OutOfRange,
            path,
            format!("0 has no documented meaning here{documented}; left out of the policy and kept under vendorExtras"),
        );
    }
    pub fn deprecated(&mut self, path: &str, message: impl Into<String>) {
        self.push(WarningCode::Deprecated, path, message);
    }
    pub fn inactive(&mut self, path: &str, flag: &str) {
        self.push(
            WarningCode::Inactive,
            path,
            format!("not enforced because `{flag}` is not true; kept as inactive metadata"),
        );
    }
}

/// One normalized policy.
#[derive(Debug, Clone, PartialEq)]
pub struct Normalized {
    pub vendor: &'static str,
    pub policy: Policy,
    pub warnings: Vec<Warning>,
}

/// A parsed input document.
#[derive(Debug, Clone, PartialEq)]
pub enum Document {
    Json(Value),
    /// XML converted to a JSON value (elements → objects, text → strings, attributes kept
    /// under `@name`): LongJump's API, and AWS IAM's Query API.
    Xml(Value),
    /// Text that is neither JSON nor XML: a Keycloak policy string, Apple `passwordrules`.
    Text(String),
}

static NULL: Value = Value::Null;

impl Document {
    /// The JSON value (`null` for text documents).
    pub fn value(&self) -> &Value {
        match self {
            Document::Json(v) | Document::Xml(v) => v,
            Document::Text(_) => &NULL,
        }
    }
}

/// A canonical policy from its JSON text: what the rules-only build reads (no detection, no other
/// vendor, no XML, so none of their code is linked). The same limits and JSON errors as
/// [`parse_document`], and the same policy as `normalize(text, Some("canonical"))`.
pub fn normalize_canonical(text: &str) -> Result<Normalized> {
    check_size(text)?;
    let trimmed = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    check_depth(trimmed)?;
    let value = serde_json::from_str::<Value>(trimmed).map_err(json_error)?;
    canonical::read(&value)
}

/// Parses a document: XML when its first non-blank character is `<`, JSON otherwise.
pub fn parse_document(text: &str) -> Result<Document> {
    check_size(text)?;
    let trimmed = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if trimmed.starts_with('<') {
        // The untrimmed text, so that error positions are those of the document as given.
        return xml::to_value(text).map(Document::Xml);
    }
    // Check the nesting depth before serde_json's own recursion limit (128) answers with a
    // syntax error: depth is a size limit, not a syntax error.
    check_depth(trimmed)?;
    let parsed = serde_json::from_str::<Value>(trimmed);
    if parsed.is_err() && !trimmed.starts_with(['{', '[', '"']) {
        return Ok(Document::Text(trimmed.trim_end().to_string()));
    }
    parsed.map(Document::Json).map_err(json_error)
}

/// A document over [`MAX_DOCUMENT_BYTES`] is `too_large`.
fn check_size(text: &str) -> Result<()> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(PolicyError::new(
            ErrorCode::TooLarge,
            None,
            format!("the document is {} bytes; the limit is {MAX_DOCUMENT_BYTES} bytes", text.len()),
        ));
    }
    Ok(())
}

/// A JSON syntax error as `invalid_json` with its line and column.
fn json_error(e: serde_json::Error) -> PolicyError {
    PolicyError::new(
        ErrorCode::InvalidJson,
        None,
        format!("invalid JSON at line {}, column {}: {}", e.line(), e.column(), strip_position(&e.to_string())),
    )
}

fn strip_position(msg: &str) -> String {
    match msg.find(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// Nesting depth of `[`/`{` outside strings, without parsing.
fn check_depth(text: &str) -> Result<()> {
    let (mut depth, mut in_str, mut esc) = (0usize, false, false);
    for b in text.bytes() {
        if in_str {
            match (esc, b) {
                (true, _) => esc = false,
                (false, b'\\') => esc = true,
                (false, b'"') => in_str = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_str = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(PolicyError::new(
                        ErrorCode::TooLarge,
                        None,
                        format!("the document nests deeper than {MAX_DEPTH} levels"),
                    ));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// The adapters with the given ids, in table order.
fn adapters_named(ids: &[&str]) -> Vec<&'static Adapter> {
    ADAPTERS.iter().filter(|a| ids.contains(&a.id)).collect()
}

/// Adapters whose own detection accepts the document (formats recognised by syntax or shape).
fn detected_by_adapter(doc: &Document) -> Vec<&'static Adapter> {
    ADAPTERS.iter().filter(|a| a.detect.is_some_and(|accepts| accepts(doc))).collect()
}

/// Adapters the document may come from: by the adapters' own detection (text syntax, an XML root
/// element, a wrapper), by list elements, or by keys only one vendor uses. Never a fallback: a
/// document nothing recognises has no candidate.
fn candidates(doc: &Document) -> Vec<&'static Adapter> {
    match doc {
        Document::Json(Value::Array(items)) => list_candidates(items),
        Document::Json(v) => {
            let by_adapter = detected_by_adapter(doc);
            if by_adapter.is_empty() {
                candidates_by_keys(v)
            } else {
                by_adapter
            }
        }
        Document::Xml(_) | Document::Text(_) => detected_by_adapter(doc),
    }
}

/// Adapters with a list endpoint whose element detection accepts every element of the array.
fn list_candidates(items: &[Value]) -> Vec<&'static Adapter> {
    if items.is_empty() {
        return vec![];
    }
    ADAPTERS.iter().filter(|a| a.item.is_some_and(|accepts| items.iter().all(accepts))).collect()
}

/// Adapters a JSON object may come from, by its keys.
fn candidates_by_keys(v: &Value) -> Vec<&'static Adapter> {
    let Value::Object(obj) = v else { return vec![] };
    // Wrapped forms.
    if obj.get("platform").and_then(|p| p.get("passwordPolicy")).is_some()
        || obj.get("passwordPolicy").is_some_and(Value::is_object)
    {
        return adapters_named(&["longjump"]);
    }
    let mut out: Vec<&'static Adapter> =
        ADAPTERS.iter().filter(|a| a.keys.iter().any(|k| obj.contains_key(*k))).collect();
    // The canonical form: a numeric `version` (whatever else it holds: its reader names a field it
    // does not define), or without `version` only its own fields. A `package.json` has a string
    // `version`: not canonical. Recognised by its `version`, it wins.
    let canonical_only = match obj.get("version") {
        Some(v) => v.is_number(),
        None => obj.keys().all(|k| canonical::KEYS.contains(&k.as_str())),
    };
    if !canonical_only {
        out.retain(|a| a.id != "canonical");
    } else if out.iter().any(|a| a.id == "canonical") && obj.contains_key("version") {
        out.retain(|a| a.id == "canonical");
    }
    if out.is_empty() && ["minLength", "maxLength"].iter().any(|k| obj.contains_key(*k)) {
        // Keys shared by SailPoint and Sumo Logic only.
        out = adapters_named(&["sailpoint", "sumologic"]);
    }
    out
}

/// What a document looks like, for messages: its form, and its first keys or its root element.
pub fn shape(doc: &Document) -> String {
    fn keys(o: &serde_json::Map<String, Value>) -> String {
        if o.is_empty() {
            return "no keys".into();
        }
        let shown: Vec<String> = o.keys().take(6).map(|k| format!("`{}`", bounded(k.clone(), 40))).collect();
        let more = if o.len() > 6 { format!(" and {} more", o.len() - 6) } else { String::new() };
        format!("keys {}{more}", shown.join(", "))
    }
    match doc {
        Document::Xml(Value::Object(o)) => match o.iter().next() {
            Some((root, v)) => {
                let ns = v
                    .get("@xmlns")
                    .and_then(Value::as_str)
                    .map(|n| format!(" (namespace `{}`)", bounded(n.to_string(), 80)));
                format!(
                    "an XML document with the root element <{}>{}",
                    bounded(root.clone(), 40),
                    ns.unwrap_or_default()
                )
            }
            None => "an XML document".into(),
        },
        Document::Xml(_) => "an XML document".into(),
        Document::Text(_) => "text that is neither JSON nor XML".into(),
        Document::Json(Value::Array(items)) => match items.first() {
            None => "an empty JSON array".into(),
            Some(Value::Object(o)) => {
                format!("a JSON array of {} items, the first an object with {}", items.len(), keys(o))
            }
            Some(_) => format!("a JSON array of {} items that are not all objects", items.len()),
        },
        Document::Json(Value::Object(o)) => format!("a JSON object with {}", keys(o)),
        Document::Json(Value::String(_)) => "a JSON string".into(),
        Document::Json(_) => "a JSON value that is neither an object nor an array".into(),
    }
}

/// The adapter of a parsed document, by detection.
fn detect_adapter(doc: &Document) -> Result<&'static Adapter> {
    let c = candidates(doc);
    match c.as_slice() {
        [one] => Ok(one),
        [] => Err(PolicyError::new(
            ErrorCode::UnknownVendor,
            None,
            format!("no vendor recognises {}; pass {{ vendor }} with one of: {}", shape(doc), VENDORS.join(", ")),
        )),
        many => Err(PolicyError::new(
            ErrorCode::AmbiguousVendor,
            None,
            format!("the document has fields of several vendors ({}); pass {{ vendor }} to choose", ids(many)),
        )),
    }
}

fn ids(adapters: &[&Adapter]) -> String {
    adapters.iter().map(|a| a.id).collect::<Vec<_>>().join(", ")
}

/// Whether a document is a list form: a JSON array, or a page of a list (Auth0's connections page).
/// JavaScript gets an array of results for a list, even of one policy.
pub fn is_list(doc: &Document) -> bool {
    match doc {
        Document::Json(Value::Array(_)) => true,
        Document::Json(Value::Object(o)) => auth0::is_page(o),
        _ => false,
    }
}

/// Detects the vendor of a parsed document.
pub fn detect(doc: &Document) -> Result<&'static str> {
    detect_adapter(doc).map(|a| a.id)
}

/// Parses and detects.
pub fn detect_vendor(text: &str) -> Result<&'static str> {
    detect(&parse_document(text)?)
}

/// The adapter of a vendor id given by the caller (case-insensitive).
fn adapter_named(name: &str) -> Result<&'static Adapter> {
    ADAPTERS.iter().find(|a| a.id.eq_ignore_ascii_case(name)).ok_or_else(|| {
        // The caller's text, bounded: an error message is never megabytes long.
        let shown: String = name.chars().take(40).collect();
        let more = if name.chars().nth(40).is_some() { "…" } else { "" };
        PolicyError::new(
            ErrorCode::UnknownVendor,
            Some("vendor".into()),
            format!("unknown vendor `{shown}{more}`; known vendors: {}", VENDORS.join(", ")),
        )
    })
}

/// Normalizes a document. A SailPoint list yields one policy per element; everything else one.
/// Every returned policy has passed `policy::validate`.
pub fn normalize(text: &str, vendor: Option<&str>) -> Result<Vec<Normalized>> {
    let doc = parse_document(text)?;
    let mut all = normalize_document(&doc, vendor)?;
    add_duplicate_key_warnings(text, &doc, &mut all);
    Ok(all)
}

/// The most duplicate keys reported per document (each a warning on every policy of it).
pub const MAX_DUPLICATE_KEY_WARNINGS: usize = 16;

/// A `duplicate_key` warning on every policy of a JSON document for each key given twice in one
/// object (the parse kept the last value, silently). One linear pass over the text.
pub fn add_duplicate_key_warnings(text: &str, doc: &Document, all: &mut [Normalized]) {
    if !matches!(doc, Document::Json(_)) {
        return;
    }
    let paths = duplicate_key_paths(text, MAX_DUPLICATE_KEY_WARNINGS);
    for n in all.iter_mut() {
        for path in &paths {
            let mut w = Warnings::default();
            w.push(
                WarningCode::DuplicateKey,
                path.as_str(),
                "this key is given twice in its object: the last value is used",
            );
            n.warnings.extend(w.0);
        }
    }
}

/// Paths (`a.b[2].c`) of keys given twice in one object of a JSON text, at most `limit`.
fn duplicate_key_paths(text: &str, limit: usize) -> Vec<String> {
    use std::collections::HashSet;
    enum Frame {
        Object { keys: HashSet<String>, key: Option<String>, want_key: bool },
        Array { index: usize },
    }
    let path_of = |stack: &[Frame], last: &str| {
        let mut path = String::new();
        for f in stack {
            match f {
                Frame::Object { key: Some(k), .. } => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(k);
                }
                Frame::Object { key: None, .. } => {}
                Frame::Array { index } => path.push_str(&format!("[{index}]")),
            }
        }
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(last);
        path
    };
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < bytes.len() && out.len() < limit {
        match bytes.get(i).copied().unwrap_or(0) {
            b'{' => stack.push(Frame::Object { keys: HashSet::new(), key: None, want_key: true }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array { index }) => *index += 1,
                Some(Frame::Object { want_key, .. }) => *want_key = true,
                None => {}
            },
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes.get(i) != Some(&b'"') {
                    i += if bytes.get(i) == Some(&b'\\') { 2 } else { 1 };
                }
                let raw = text.get(start..i.min(bytes.len())).unwrap_or("");
                let is_key = matches!(stack.last(), Some(Frame::Object { want_key: true, .. }));
                if is_key {
                    let k = if raw.contains('\\') {
                        serde_json::from_str::<String>(&format!("\"{raw}\"")).unwrap_or_else(|_| raw.to_string())
                    } else {
                        raw.to_string()
                    };
                    let duplicate = match stack.last_mut() {
                        Some(Frame::Object { keys, .. }) => !keys.insert(k.clone()),
                        _ => false,
                    };
                    if duplicate {
                        let len = stack.len().saturating_sub(1);
                        out.push(path_of(stack.get(..len).unwrap_or(&[]), &k));
                    }
                    if let Some(Frame::Object { key, want_key, .. }) = stack.last_mut() {
                        *key = Some(k);
                        *want_key = false;
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

pub fn normalize_document(doc: &Document, vendor: Option<&str>) -> Result<Vec<Normalized>> {
    let (adapter, explicit) = match vendor {
        Some(v) => (adapter_named(v)?, true),
        None => (detect_adapter(doc)?, false),
    };
    adapter.check_reads(doc)?;
    let detected = if explicit { adapter.check_fits(doc)? } else { true };
    let out = (adapter.normalize)(doc)?;
    if !detected {
        adapter.check_read_something(doc, &out)?;
    }
    for (i, n) in out.iter().enumerate() {
        crate::policy::validate(&n.policy).map_err(|mut e| {
            if out.len() > 1 || matches!(doc.value(), Value::Array(_)) {
                e.message = format!("policy [{i}]: {}", e.message);
            }
            e
        })?;
    }
    Ok(out)
}

/// `vendor_mismatch`: the caller's `vendor` does not fit the document.
fn mismatch(id: &str, message: String) -> PolicyError {
    PolicyError::new(ErrorCode::VendorMismatch, Some("vendor".into()), format!("not a {id} document: {message}"))
}

impl Adapter {
    /// Whether the document, given with this adapter's id by the caller, may be read by it. `Ok(true)`:
    /// detection agrees (alone or among other candidates); `Ok(false)`: nothing recognises the
    /// document, so [`Adapter::check_read_something`] decides after the reading. A document that
    /// detection gives to other vendors is `vendor_mismatch`, as is an array for a vendor with no
    /// list form.
    /// The canonical form is exempt: its reader rejects any field it does not define, and it must
    /// answer as the rules-only build's reader does.
    fn check_fits(&self, doc: &Document) -> Result<bool> {
        if self.id == "canonical" {
            return Ok(true);
        }
        let found = candidates(doc);
        if found.iter().any(|a| a.id == self.id) {
            return Ok(true);
        }
        if !found.is_empty() {
            return Err(mismatch(self.id, format!("{} looks like a document of {}", shape(doc), ids(&found))));
        }
        if matches!(doc, Document::Json(Value::Array(_))) && self.item.is_none() {
            return Err(mismatch(self.id, format!("{} has no list form, and this is {}", self.id, shape(doc))));
        }
        Ok(!matches!(doc, Document::Json(Value::Object(_) | Value::Array(_))))
    }

    /// A JSON document that detection did not recognise, read with the caller's vendor: when none of
    /// its keys (or none of a list element's keys) is one the adapter reads — every one came back as
    /// an `unknown_field` — it is not this vendor's document (`vendor_mismatch`), never an empty policy.
    /// An empty object is read: the vendor's documented defaults, each reported as `defaulted`.
    fn check_read_something(&self, doc: &Document, out: &[Normalized]) -> Result<()> {
        // The paths of the fields not read: unknown ones, and those left out as not part of a policy.
        let mut unread: std::collections::HashSet<String> = std::collections::HashSet::new();
        for w in out.iter().flat_map(|n| &n.warnings) {
            match w.code {
                WarningCode::UnknownField => {
                    unread.insert(w.path.clone());
                }
                WarningCode::Ignored => {
                    let base = if w.path.is_empty() || w.path == "$" { String::new() } else { format!("{}.", w.path) };
                    unread.extend(w.fields.iter().map(|f| format!("{base}{f}")));
                }
                _ => {}
            }
        }
        let nothing_read = |o: &serde_json::Map<String, Value>, prefix: &str| {
            o.keys().all(|k| unread.contains(&format!("{prefix}{k}")))
        };
        match doc.value() {
            Value::Object(o) if !o.is_empty() && nothing_read(o, "") => {
                Err(mismatch(self.id, format!("{} has none of the fields {} documents", shape(doc), self.id)))
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    if let Value::Object(o) = item {
                        if !o.is_empty() && nothing_read(o, &format!("[{i}].")) {
                            return Err(mismatch(
                                self.id,
                                format!("item [{i}] of {} has none of the fields {} documents", shape(doc), self.id),
                            ));
                        }
                    }
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// An XML or text document given to an adapter that does not read it is `invalid_json`.
    fn check_reads(&self, doc: &Document) -> Result<()> {
        let id = self.id;
        match (doc, self.reads) {
            (Document::Xml(_), Reads::JsonOnly | Reads::JsonOrText) => Err(PolicyError::new(
                ErrorCode::InvalidJson,
                None,
                format!("the {id} adapter reads JSON, and this document is XML"),
            )),
            (Document::Text(_), Reads::JsonOnly | Reads::JsonOrXml) => Err(PolicyError::new(
                ErrorCode::InvalidJson,
                None,
                format!("the {id} adapter reads JSON, and this document is not JSON"),
            )),
            _ => Ok(()),
        }
    }
}

/// A policy with the given vendor's source set.
pub(crate) fn new_policy(vendor: &'static str) -> Policy {
    let mut p = Policy::default();
    p.source.vendor = Some(vendor.to_string());
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_json_names_line_and_column() {
        let e = parse_document("{\"a\": }").unwrap_err();
        assert_eq!(e.code(), "invalid_json");
        assert!(e.message.contains("line 1, column 7"), "{}", e.message);
    }

    #[test]
    fn too_large_and_too_deep() {
        let big = format!("{{\"a\": \"{}\"}}", "x".repeat(MAX_DOCUMENT_BYTES));
        assert_eq!(parse_document(&big).unwrap_err().code(), "too_large");
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        let e = parse_document(&deep).unwrap_err();
        assert_eq!(e.code(), "too_large");
        assert!(e.message.contains("64"));
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse_document(&ok).is_ok());
        // Brackets inside strings do not count.
        assert!(parse_document(&format!("\"{}\"", "[".repeat(500))).is_ok());
    }

    #[test]
    fn xml_positions_count_leading_blanks() {
        let e = parse_document("\n\n  <a><b></a>").unwrap_err();
        assert_eq!(e.code(), "invalid_xml");
        let plain = parse_document("<a><b></a>").unwrap_err();
        assert_ne!(e.message, plain.message, "{} / {}", e.message, plain.message);
        assert!(parse_document(
            "\u{feff}\n <platform><passwordPolicy><min_length>6</min_length></passwordPolicy></platform>"
        )
        .is_ok());
    }

    #[test]
    fn a_list_is_read_by_its_elements_never_by_default() {
        assert_eq!(detect_vendor(r#"[{"minLength": 8, "minUpper": 1}]"#).unwrap(), "sailpoint");
        // `minLength` is SailPoint's and Sumo Logic's: not enough to take a list for SailPoint's.
        assert_eq!(detect_vendor(r#"[{"minLength": 8}]"#).unwrap_err().code(), "unknown_vendor");
        assert_eq!(detect_vendor("[]").unwrap_err().code(), "unknown_vendor");
        for unrelated in [
            r#"[{"id": 1, "name": "octocat", "full_name": "octocat/hello"}]"#,
            r#"[1, 2, 3]"#,
            r#"[{"type": "Feature", "geometry": {"type": "Point"}}]"#,
        ] {
            let e = detect_vendor(unrelated).unwrap_err();
            assert_eq!(e.code(), "unknown_vendor", "{unrelated}");
            assert!(e.message.contains("JSON array"), "{}", e.message);
        }
        // With the caller's vendor: read, when its fields are there …
        assert_eq!(normalize(r#"[{"minLength": 8}]"#, Some("sailpoint")).unwrap().len(), 1);
        // … and `vendor_mismatch` when an element has none of them.
        let e = normalize(r#"[{"minLength": 8}, {"foo": 1}]"#, Some("sailpoint")).unwrap_err();
        assert_eq!((e.code(), e.path()), ("vendor_mismatch", Some("vendor")));
        assert!(e.message.contains("item [1]"), "{}", e.message);
    }

    #[test]
    fn canonical_by_its_numeric_version_or_its_own_fields() {
        // A numeric version claims the document, so that a misspelt field is named.
        let e = normalize(r#"{"version": 1, "lenght": {"min": 8}}"#, None).unwrap_err();
        assert_eq!((e.code(), e.path()), ("invalid_field", Some("lenght")));
        assert_eq!(detect_vendor(r#"{"length": {"min": 8}}"#).unwrap(), "canonical");
        // A package.json has a string version, and keys of its own.
        for doc in [r#"{"name": "x", "version": "1.0.3"}"#, r#"{"version": "1.0.3"}"#, r#"{"length": 1, "name": "x"}"#]
        {
            assert_eq!(detect_vendor(doc).unwrap_err().code(), "unknown_vendor", "{doc}");
        }
    }

    #[test]
    fn xml_is_read_by_its_root_element_never_by_default() {
        for unrelated in [
            r#"<rss version="2.0"><channel><title>x</title></channel></rss>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>"#,
            r#"<project><modelVersion>4.0.0</modelVersion></project>"#,
        ] {
            let e = detect_vendor(unrelated).unwrap_err();
            assert_eq!(e.code(), "unknown_vendor", "{unrelated}");
            assert!(e.message.contains("root element <"), "{}", e.message);
        }
        let iam = r#"<GetAccountPasswordPolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetAccountPasswordPolicyResult><PasswordPolicy><MinimumPasswordLength>12</MinimumPasswordLength></PasswordPolicy></GetAccountPasswordPolicyResult></GetAccountPasswordPolicyResponse>"#;
        assert_eq!(detect_vendor(iam).unwrap(), "aws-iam");
        // The same root in another namespace is not IAM's.
        let other = iam.replace("https://iam.amazonaws.com/doc/2010-05-08/", "urn:example");
        assert_eq!(detect_vendor(&other).unwrap_err().code(), "unknown_vendor");
        assert_eq!(detect_vendor("<platform><passwordPolicy/></platform>").unwrap(), "longjump");
    }

    #[test]
    fn the_callers_vendor_must_fit_the_document() {
        // Another vendor's document: the message says whose it looks like.
        let okta = r#"{"type": "PASSWORD", "settings": {"password": {}}}"#;
        let e = normalize(okta, Some("meraki")).unwrap_err();
        assert_eq!((e.code(), e.path()), ("vendor_mismatch", Some("vendor")));
        assert!(e.message.contains("okta"), "{}", e.message);
        // A document of no vendor, with none of this vendor's fields.
        let e = normalize(r#"{"foo": 1, "bar": 2}"#, Some("auth0")).unwrap_err();
        assert_eq!(e.code(), "vendor_mismatch");
        assert!(e.message.contains("`foo`"), "{}", e.message);
        // XML for an adapter that reads JSON only.
        assert_eq!(normalize("<rss/>", Some("meraki")).unwrap_err().code(), "invalid_json");
        // An XML root the adapter does not read.
        let e = normalize("<rss/>", Some("aws-iam")).unwrap_err();
        assert_eq!((e.code(), e.path()), ("invalid_field", Some("rss")));
        // An empty object: the vendor's documented defaults.
        assert_eq!(normalize("{}", Some("sumologic")).unwrap().len(), 1);
    }

    #[test]
    fn unknown_and_ambiguous() {
        assert_eq!(detect_vendor("{}").unwrap_err().code(), "unknown_vendor");
        assert_eq!(detect_vendor("{\"foo\": 1}").unwrap_err().code(), "unknown_vendor");
        assert_eq!(detect_vendor("42").unwrap_err().code(), "unknown_vendor");
        let e = detect_vendor("{\"minLength\": 8}").unwrap_err();
        assert_eq!(e.code(), "ambiguous_vendor");
        assert!(e.message.contains("sailpoint") && e.message.contains("sumologic"));
        let e = detect_vendor("{\"enforceStrongPasswords\": true, \"mustContainDigits\": true}").unwrap_err();
        assert_eq!(e.code(), "ambiguous_vendor");
        assert!(e.message.contains("meraki") && e.message.contains("sumologic"));
        let e = normalize("{}", Some("nope")).unwrap_err();
        assert_eq!((e.code(), e.path()), ("unknown_vendor", Some("vendor")));
        let e = normalize("{}", Some(&"x".repeat(1 << 20))).unwrap_err();
        assert!(e.message.len() < 300, "the unknown vendor is echoed bounded: {} bytes", e.message.len());
    }

    #[test]
    fn explicit_vendor_wins() {
        let n = normalize("{\"minLength\": 8}", Some("sumologic")).unwrap();
        assert_eq!(n[0].vendor, "sumologic");
        let n = normalize("{\"minLength\": 8}", Some("sailpoint")).unwrap();
        assert_eq!(n[0].vendor, "sailpoint");
    }
}
