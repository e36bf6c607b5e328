//! `passpolicy/rules`: the small download a signup page needs before its first check. A
//! canonical policy in (JSON text or object), every rule but `strength.min` checked, English
//! messages with the caller's overrides. No vendor adapter, no estimator, no other language is
//! linked into this build; the common-password list is a separate file that the JS entry fetches
//! when a policy asks for it (`needsCommonPasswords`, `loadCommonPasswords`).

use super::*;

/// `options.locale` must be absent or English: this build has no other language, and a silent
/// fallback would hide the mistake.
fn english_messages(options: &JsValue) -> Result<crate::messages::Messages, PolicyError> {
    known_options(options, &["vendor", "locale", "messages"], "vendor, locale or messages")?;
    let locale = option(options, "locale")?;
    if !locale.is_null_or_undefined() {
        let tag = locale.as_string().unwrap_or_default().to_ascii_lowercase();
        if !(tag == "en" || tag.starts_with("en-") || tag.starts_with("en_")) {
            return Err(PolicyError::field(
                "locale",
                "passpolicy/rules speaks English only; import 'passpolicy' for other languages",
            ));
        }
    }
    let vendor = option(options, "vendor")?;
    if !vendor.is_null_or_undefined() && vendor.as_string().as_deref() != Some("canonical") {
        return Err(PolicyError::field(
            "vendor",
            "passpolicy/rules reads canonical policies only; normalize vendor documents with 'passpolicy' (or on the server)",
        ));
    }
    Ok(crate::messages::Messages::with_overrides("en", overrides_option(options)?))
}

/// A canonical policy compiled once, checked on every keystroke. Free it with `free()` (or
/// `using`) when done.
#[wasm_bindgen]
pub struct PasswordPolicy {
    checker: Checker,
}

#[wasm_bindgen]
impl PasswordPolicy {
    #[wasm_bindgen(constructor)]
    pub fn new() -> JsResult<PasswordPolicy> {
        Err(js_sys::TypeError::new(
            "PasswordPolicy has no public constructor; use PasswordPolicy.from(canonical, options)",
        )
        .into())
    }

    /// Compiles a canonical policy (JSON text or a plain object). `options.messages` overrides
    /// messages by code.
    pub fn from(doc: JsValue, options: JsValue) -> JsResult<PasswordPolicy> {
        let text = doc_text(&doc).or_throw()?;
        let one = vendors::normalize_canonical(&text).or_throw()?;
        let messages = english_messages(&options).or_throw()?;
        let checker = Checker::compile_with(&one.policy, messages).or_throw()?;
        Ok(PasswordPolicy { checker })
    }

    /// Always `canonical` (the only input of this build).
    #[wasm_bindgen(getter)]
    pub fn vendor(&self) -> String {
        "canonical".to_string()
    }

    /// Whether the policy has the `dictionary.common` rule and the list is not loaded yet (the
    /// rule is `unchecked` until it is).
    #[wasm_bindgen(getter, js_name = needsCommonPasswords)]
    pub fn needs_common_passwords(&self) -> bool {
        self.checker.policy().dictionary.common && !crate::check::common::loaded()
    }

    /// The canonical policy as a plain object.
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> JsResult<JsValue> {
        let v = serde_json::to_value(self.checker.policy()).map_err(|e| internal("policy", e))?;
        json_to_js(&v)
    }

    /// `minlength`, `maxlength`, `passwordrules`, `autocomplete` and (when exact) `pattern`.
    #[wasm_bindgen(js_name = htmlAttributes)]
    pub fn html_attributes(&self) -> JsResult<JsValue> {
        to_js(&self.checker.policy().html_attributes())
    }

    /// Every rule of the policy but `strength.min` (this build has no estimator).
    #[wasm_bindgen(js_name = checkRules)]
    pub fn check_rules(&self, password: JsValue, context_value: JsValue) -> JsResult<JsValue> {
        check_rules_js(&self.checker, &password, &context_value)
    }
}
