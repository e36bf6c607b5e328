//! The JavaScript API (wasm32 only). The only module that names `wasm_bindgen`, `js_sys` or
//! `serde_wasm_bindgen`: it turns JS values into the core's text and serde types, and the core's
//! results and errors back into plain JS objects and real JS `Error`s. Two builds, two sets of exports: `full` (the root
//! import `passpolicy`, feature `api-full`) and `rules` (`passpolicy/rules`, feature `api-rules`);
//! the helpers here serve both.
//!
//! Rules kept here:
//! - every export returns `Result<_, JsValue>` and never panics (no unwrap, no `throw_str`), so
//!   wasm-bindgen throws our `Err` after the Rust frame has returned normally;
//! - a document or context object goes through `JSON.stringify` once, then the core's serde_json
//!   parse (one natively tested parse path, errors with paths);
//! - a password must be a well-formed UTF-16 string: converting a lone surrogate to UTF-8 would
//!   silently turn it into U+FFFD and check another password;
//! - outputs are plain objects (no `Map`, absent fields omitted): the canonical policy and the
//!   warnings as exactly the core's `serde_json` text parsed by `JSON.parse`, reports and strength
//!   estimates through serde-wasm-bindgen's JSON-compatible serializer (measured faster, below).
//!
//! The TypeScript declarations are written by hand in `js/index.d.ts`; the build checks that
//! they declare every export of this module.

// The rules-only build uses a part of the shared helpers.
#![cfg_attr(not(feature = "api-full"), allow(dead_code, unused_imports))]

mod alloc;

use std::cell::OnceCell;

use js_sys::{JsString, Map, Reflect, RegExp, Set, Uint8Array, JSON};
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::check::strength;
use crate::check::{Password, ANALYSIS_LIMIT_CODE_POINTS};
use crate::error::{ErrorCode, PolicyError};
use crate::vendors::{self, Normalized, Warning, MAX_DOCUMENT_BYTES};
use crate::{Checker, Context};

// ---------------------------------------------------------------------------------------------
// Errors

/// A core error as a real JS `Error`: `name = 'PassPolicyError'`, `code`, `path` (or null).
fn to_js_error(e: &PolicyError) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    err.set_name("PassPolicyError");
    let _ = Reflect::set(&err, &"code".into(), &e.code().into());
    let path = e.path().map(JsValue::from).unwrap_or(JsValue::NULL);
    let _ = Reflect::set(&err, &"path".into(), &path);
    err.into()
}

/// A failure that is a bug of ours, not of the input (a result that could not be converted).
/// A plain `Error` without a code: callers should never see one.
fn internal(what: &str, detail: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&format!("passpolicy internal error ({what}): {detail}")).into()
}

type JsResult<T> = Result<T, JsValue>;

trait OrThrow<T> {
    fn or_throw(self) -> JsResult<T>;
}

impl<T> OrThrow<T> for Result<T, PolicyError> {
    fn or_throw(self) -> JsResult<T> {
        self.map_err(|e| to_js_error(&e))
    }
}

// ---------------------------------------------------------------------------------------------
// Inputs

#[wasm_bindgen]
extern "C" {
    /// A JS string seen through `String.prototype` (structural: primitives work).
    #[wasm_bindgen(js_name = String)]
    type StringProto;
    /// `String.prototype.isWellFormed` (ES2024; Node 20, current browsers). Only called after
    /// [`has_is_well_formed`] said it exists.
    #[wasm_bindgen(method, js_name = isWellFormed)]
    fn is_well_formed(this: &StringProto) -> bool;

    /// A `RegExp` whose `test` takes the JS string itself (js_sys's takes `&str`, a copy).
    #[wasm_bindgen(js_name = RegExp)]
    type RegExpProto;
    #[wasm_bindgen(method, js_name = test)]
    fn test_js(this: &RegExpProto, text: &JsString) -> bool;

    /// `Array.isArray`, which throws on a revoked Proxy: caught here, since a JS exception that
    /// unwinds through Rust frames leaks the shadow stack and, after a few thousand, traps.
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn array_is_array(v: &JsValue) -> Result<bool, JsValue>;

    /// `Object.keys`, caught for the same reason (a Proxy's `ownKeys` trap may throw).
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(v: &JsValue) -> Result<js_sys::Array, JsValue>;

}

/// Whether `v` is an array; a value that cannot even be asked (a revoked Proxy) is an
/// `invalid_field` error at `path`.
fn is_array(v: &JsValue, path: &str) -> Result<bool, PolicyError> {
    array_is_array(v).map_err(|_| PolicyError::field(path, "cannot be read (a revoked Proxy?)"))
}

thread_local! {
    static HAS_IS_WELL_FORMED: OnceCell<bool> = const { OnceCell::new() };
    /// Matches a lone surrogate: with the `u` flag a surrogate pair is one code point, so only an
    /// unpaired surrogate has General_Category Cs.
    static LONE_SURROGATE: OnceCell<RegExpProto> = const { OnceCell::new() };
    /// Everything but a high surrogate (without the `u` flag a regex sees UTF-16 units).
    static HIGH_SURROGATES: RegExp = RegExp::new(r"[^\uD800-\uDBFF]+", "g");
}

fn has_is_well_formed() -> bool {
    HAS_IS_WELL_FORMED.with(|cell| {
        *cell.get_or_init(|| {
            let proto = Reflect::get(&js_sys::global(), &"String".into())
                .and_then(|string| Reflect::get(&string, &"prototype".into()))
                .and_then(|proto| Reflect::get(&proto, &"isWellFormed".into()));
            proto.is_ok_and(|f| f.is_function())
        })
    })
}

fn well_formed(s: &JsString) -> bool {
    if has_is_well_formed() {
        return s.unchecked_ref::<StringProto>().is_well_formed();
    }
    LONE_SURROGATE.with(|cell| !cell.get_or_init(|| RegExp::new(r"\p{Cs}", "u").unchecked_into()).test_js(s))
}

/// `typeof`-like name of a value for messages (never the value itself).
fn kind(v: &JsValue) -> String {
    if v.is_null() {
        return "null".into();
    }
    match array_is_array(v) {
        Ok(true) => return "an array".into(),
        Ok(false) => {}
        Err(_) => return "an unreadable object (a revoked Proxy?)".into(),
    }
    if v.is_instance_of::<Map>() {
        return "a Map".into();
    }
    if v.is_instance_of::<Set>() {
        return "a Set".into();
    }
    match v.js_typeof().as_string().as_deref() {
        Some("undefined") => "undefined".into(),
        Some("bigint") => "a BigInt".into(),
        Some("object") => "an object".into(),
        Some(t) => format!("a {t}"),
        None => "an unknown value".into(),
    }
}

/// The password as a JS string. Not a string, or a string with a lone surrogate: `invalid_field`
/// at `password` (converting a lone surrogate to UTF-8 would silently check another password).
/// Any length is accepted (the checker bounds its own analysis).
fn password_js(v: &JsValue) -> Result<&JsString, PolicyError> {
    let Some(s) = v.dyn_ref::<JsString>() else {
        return Err(PolicyError::field("password", format!("expected a string, got {}", kind(v))));
    };
    if !well_formed(s) {
        return Err(PolicyError::field("password", "not well-formed UTF-16 (it holds a lone surrogate)"));
    }
    Ok(s)
}

/// UTF-16 units of a long password copied into wasm: more than the rules'
/// [`ANALYSIS_LIMIT_CODE_POINTS`] code points (and the estimator's 100) always fit. Copying a
/// megabyte-long string costs milliseconds (wasm-bindgen copies ASCII unit by unit in JS).
const HEAD_UNITS: u32 = 2 * ANALYSIS_LIMIT_CODE_POINTS as u32 + 2;

/// The first [`HEAD_UNITS`] units of `s` as Rust text (a pair cut in two at the end becomes
/// U+FFFD, beyond what the rules and the estimator look at).
fn head_text(s: &JsString) -> String {
    if s.length() <= HEAD_UNITS {
        String::from(s)
    } else {
        String::from(s.slice(0, HEAD_UNITS))
    }
}

/// A password in wasm: the whole text, or the head of a long one with the whole's lengths.
struct PasswordArg {
    text: String,
    code_points: usize,
    utf16: usize,
}

impl PasswordArg {
    /// Copies `s` into wasm: only its first [`HEAD_UNITS`] units when it is longer, unless one of
    /// `previous` (the history rule compares whole passwords) is as long.
    fn new(s: &JsString, previous: &[String]) -> Result<PasswordArg, PolicyError> {
        let units = s.length();
        if units <= HEAD_UNITS || previous.iter().any(|p| p.encode_utf16().count() == units as usize) {
            let text = String::from(s);
            return Ok(PasswordArg { code_points: text.chars().count(), utf16: units as usize, text });
        }
        // The code points of the whole, counted in JS without copying it into wasm: the string
        // is well-formed (checked), so every high surrogate starts a pair, one code point of two
        // units. Removing everything else leaves the high surrogates (a JS string, collected).
        let highs = HIGH_SURROGATES.with(|re| s.replace_by_pattern(re, "").length());
        let code_points = (units - highs) as usize;
        Ok(PasswordArg { text: head_text(s), code_points, utf16: units as usize })
    }

    fn password(&self) -> Password<'_> {
        Password::head(&self.text, self.code_points, self.utf16)
    }
}

/// A plain object (or, with `allow_array`, an array) as JSON text. A `Map`/`Set` (which would
/// stringify to `{}`), a function, a primitive, a cycle or a BigInt: `invalid_field` at `path`.
fn object_json(v: &JsValue, path: &str, expected: &str, allow_array: bool) -> Result<String, PolicyError> {
    // wasm-bindgen's `instanceof` checks catch what a Proxy's traps throw.
    if !v.is_object() || v.is_instance_of::<Map>() || v.is_instance_of::<Set>() || (!allow_array && is_array(v, path)?)
    {
        return Err(PolicyError::field(path, format!("expected {expected}, got {}", kind(v))));
    }
    let not_json =
        || PolicyError::field(path, "cannot be converted to JSON (a cycle, a BigInt, or a toJSON that throws)");
    let text = JSON::stringify(v).map_err(|_| not_json())?;
    // The size is checked on the JS string, before its text is copied into wasm memory (UTF-8
    // takes at least one byte per UTF-16 unit, so more units than bytes allowed is too large).
    let units = text.dyn_ref::<JsString>().map_or(0, |t| t.length() as usize);
    let max = max_json_bytes(path);
    if units > max {
        // A document's size error has no path, as for a document given as text.
        return Err(PolicyError::new(
            ErrorCode::TooLarge,
            (path != "doc").then(|| path.to_string()),
            format!("{path} as JSON is at least {units} bytes; the limit is {max} bytes"),
        ));
    }
    text.as_string().ok_or_else(not_json)
}

/// The largest JSON text of an object argument: a document's limit for documents, options and
/// messages; the context's for contexts and user inputs.
fn max_json_bytes(path: &str) -> usize {
    match path {
        "context" | "userInputs" => crate::check::MAX_CONTEXT_BYTES,
        _ => MAX_DOCUMENT_BYTES,
    }
}

/// The document as text: a string as it is (JSON or LongJump XML), an object through
/// `JSON.stringify`.
fn doc_text(doc: &JsValue) -> Result<String, PolicyError> {
    if let Some(s) = doc.dyn_ref::<JsString>() {
        // UTF-8 takes at least one byte per UTF-16 unit: reject before copying into wasm.
        let units = s.length() as usize;
        if units > MAX_DOCUMENT_BYTES {
            return Err(PolicyError::new(
                ErrorCode::TooLarge,
                None,
                format!("the document is at least {units} bytes; the limit is {MAX_DOCUMENT_BYTES} bytes"),
            ));
        }
        return doc.as_string().ok_or_else(|| PolicyError::field("doc", "expected a string"));
    }
    let text = object_json(doc, "doc", "a JSON string, an XML string or a plain object", true)?;
    Ok(text)
}

/// The check context: `undefined`/`null` or a plain object.
fn context(v: &JsValue) -> Result<Context, PolicyError> {
    if v.is_null_or_undefined() {
        return Ok(Context::default());
    }
    Context::from_json(&object_json(v, "context", "a plain object", false)?)
}

/// `options` must be absent or a plain object (not an array).
fn options_object(options: &JsValue) -> Result<bool, PolicyError> {
    if options.is_null_or_undefined() {
        return Ok(false);
    }
    if !options.is_object() || is_array(options, "options")? {
        return Err(PolicyError::field("options", format!("expected a plain object, got {}", kind(options))));
    }
    Ok(true)
}

/// Every key of an options object must be one of `known` (which the message lists, e.g.
/// "vendor, locale or messages"): a misspelt option (`{ local: 'de' }`) is an `invalid_field`
/// error at `options.<key>`, never silently ignored (as `generate` does).
fn known_options(options: &JsValue, known: &[&str], listed: &str) -> Result<(), PolicyError> {
    if !options_object(options)? {
        return Ok(());
    }
    let keys = object_keys(options).map_err(|_| PolicyError::field("options", "cannot be read (a revoked Proxy?)"))?;
    for i in 0..keys.length() {
        let key = keys.get(i).as_string().unwrap_or_default();
        if !known.contains(&key.as_str()) {
            return Err(PolicyError::field(format!("options.{key}"), format!("unknown option; expected {listed}")));
        }
    }
    Ok(())
}

/// `options.<key>` of an optional options object (`undefined` when absent).
fn option(options: &JsValue, key: &str) -> Result<JsValue, PolicyError> {
    if !options_object(options)? {
        return Ok(JsValue::UNDEFINED);
    }
    Reflect::get(options, &key.into()).map_err(|_| PolicyError::field(key, "could not be read"))
}

/// `options.vendor`: absent, or a vendor id string.
fn vendor_option(options: &JsValue) -> Result<Option<String>, PolicyError> {
    let v = option(options, "vendor")?;
    if v.is_null_or_undefined() {
        return Ok(None);
    }
    v.as_string()
        .map(Some)
        .ok_or_else(|| PolicyError::field("vendor", format!("expected a vendor id string, got {}", kind(&v))))
}

/// `options.locale`: absent, or a language tag.
fn locale_option(options: &JsValue) -> Result<Option<String>, PolicyError> {
    let locale = option(options, "locale")?;
    if locale.is_null_or_undefined() {
        return Ok(None);
    }
    locale.as_string().map(Some).ok_or_else(|| {
        PolicyError::field("locale", format!("expected a language tag such as \"de\", got {}", kind(&locale)))
    })
}

/// `options.locale` (a language tag) and `options.messages` (overrides by message code).
fn messages_option(options: &JsValue) -> Result<crate::messages::Messages, PolicyError> {
    let locale = locale_option(options)?.unwrap_or_else(|| "en".to_string());
    Ok(crate::messages::Messages::with_overrides(&locale, overrides_option(options)?))
}

/// `options.messages`: absent, or an object of message code → template (both builds). A key
/// that is no message code of the catalogue is an `invalid_field` error at `messages.<key>`.
fn overrides_option(options: &JsValue) -> Result<std::collections::BTreeMap<String, String>, PolicyError> {
    let overrides = option(options, "messages")?;
    if overrides.is_null_or_undefined() {
        return Ok(Default::default());
    }
    let text = object_json(&overrides, "messages", "an object of message code → text", false)?;
    let map: std::collections::BTreeMap<String, String> =
        serde_json::from_str(&text).map_err(|_| PolicyError::field("messages", "every override must be a string"))?;
    if let Some(key) = map.keys().find(|k| !crate::messages::is_code(k)) {
        return Err(PolicyError::field(
            format!("messages.{key}"),
            "not a message code (a report's rules carry the `code` of their message, e.g. rule.length.min)",
        ));
    }
    Ok(map)
}

/// `options.index`: absent, or a non-negative integer.
fn index_option(options: &JsValue) -> Result<Option<usize>, PolicyError> {
    let v = option(options, "index")?;
    if v.is_null_or_undefined() {
        return Ok(None);
    }
    match v.as_f64() {
        Some(n) if n >= 0.0 && n.fract() == 0.0 && n <= f64::from(u32::MAX) => Ok(Some(n as usize)),
        _ => Err(PolicyError::field("index", "expected a non-negative integer")),
    }
}

// ---------------------------------------------------------------------------------------------
// Outputs

/// A serde value as a plain JS object (reports, strength, descriptions), built field by field by
/// serde-wasm-bindgen's JSON-compatible serializer (maps as plain objects, `None` as absent).
/// Measured in Node on a Sumo Logic policy (10 passwords × 50,000 calls, medians): this takes
/// 48 µs per `check()` and 13 µs per `checkRules()`; writing JSON text in wasm and one
/// `JSON.parse` took 53 and 15 µs (the report's floats and strings cost more as text).
/// The rules-only build writes JSON text instead: 2.5 KB less gzipped wasm for ~2 µs per check.
#[cfg(feature = "api-full")]
fn to_js<T: Serialize>(value: &T) -> JsResult<JsValue> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| internal("serialize", e))
}

#[cfg(not(feature = "api-full"))]
fn to_js<T: Serialize>(value: &T) -> JsResult<JsValue> {
    let text = serde_json::to_string(value).map_err(|e| internal("serialize", e))?;
    JSON::parse(&text).map_err(|_| internal("JSON.parse", "the core wrote invalid JSON"))
}

/// Exactly the core's serde_json output, as a JS value.
fn json_to_js(value: &Value) -> JsResult<JsValue> {
    let text = serde_json::to_string(value).map_err(|e| internal("to_json", e))?;
    JSON::parse(&text).map_err(|_| internal("JSON.parse", "the core wrote invalid JSON"))
}

fn normalized_json(n: &Normalized) -> JsResult<Value> {
    let policy = serde_json::to_value(&n.policy).map_err(|e| internal("policy", e))?;
    let warnings = serde_json::to_value(&n.warnings).map_err(|e| internal("warnings", e))?;
    Ok(serde_json::json!({ "vendor": n.vendor, "policy": policy, "warnings": warnings }))
}

/// Normalizes and says whether the document is a list (a list gives an array in JS even when
/// it holds one policy).
fn normalize_doc(doc: &JsValue, options: &JsValue) -> Result<(Vec<Normalized>, bool), PolicyError> {
    let vendor = vendor_option(options)?;
    let text = doc_text(doc)?;
    let parsed = vendors::parse_document(&text)?;
    let list = vendors::is_list(&parsed);
    let mut all = vendors::normalize_document(&parsed, vendor.as_deref())?;
    vendors::add_duplicate_key_warnings(&text, &parsed, &mut all);
    Ok((all, list))
}

/// `checkRules` of both builds: the password and context checked, then every rule but strength.
fn check_rules_js(checker: &Checker, password: &JsValue, context_value: &JsValue) -> JsResult<JsValue> {
    let password = password_js(password).or_throw()?;
    let ctx = context(context_value).or_throw()?;
    let password = PasswordArg::new(password, &ctx.previous_passwords).or_throw()?;
    to_js(&checker.check_rules_password(&password.password(), &ctx))
}

// ---------------------------------------------------------------------------------------------
// Data files (both tiers): the common-password list and (full tier) the strength dictionaries
// are fetched by the JS entry and handed over as bytes.

/// Bytes of a data file; anything but a `Uint8Array` is `invalid_field` at `what`.
fn data_bytes(v: &JsValue, what: &str) -> Result<Vec<u8>, PolicyError> {
    let Some(a) = v.dyn_ref::<Uint8Array>() else {
        return Err(PolicyError::field(what, format!("expected a Uint8Array, got {}", kind(v))));
    };
    // The data files are well under this; a bigger buffer is not ours (checked before copying).
    const MAX_DATA_BYTES: u32 = 16 << 20;
    if a.length() > MAX_DATA_BYTES {
        return Err(PolicyError::new(
            ErrorCode::TooLarge,
            Some(what.to_string()),
            format!("{} bytes; the limit is {MAX_DATA_BYTES}", a.length()),
        ));
    }
    Ok(a.to_vec())
}

/// Loads the common-password list (`common.bin`); a no-op once loaded.
#[wasm_bindgen(js_name = loadCommonPasswords)]
pub fn load_common_passwords(bytes: JsValue) -> JsResult<()> {
    if crate::check::common::loaded() {
        return Ok(());
    }
    let data = data_bytes(&bytes, "commonPasswords").or_throw()?;
    crate::check::common::load(&data).map_err(|e| to_js_error(&PolicyError::field("commonPasswords", e)))
}

/// Whether the common-password list is loaded.
#[wasm_bindgen(js_name = commonPasswordsLoaded)]
pub fn common_passwords_loaded() -> bool {
    crate::check::common::loaded()
}

#[cfg(feature = "api-full")]
mod full;
#[cfg(all(feature = "api-rules", not(feature = "api-full")))]
mod rules;
