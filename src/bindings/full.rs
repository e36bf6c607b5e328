//! The root import `passpolicy`: every API (normalize any vendor, check with strength, describe,
//! generate, export), every language. The strength dictionaries and the common-password list
//! arrive as separate files (`loadStrengthData`, `loadCommonPasswords`, called by the JS entry).

use super::*;

/// Loads the strength dictionaries (`strength.bin`); a no-op once loaded.
#[wasm_bindgen(js_name = loadStrengthData)]
pub fn load_strength_data(bytes: JsValue) -> JsResult<()> {
    if crate::estimate::dictionaries_loaded() {
        return Ok(());
    }
    let data = data_bytes(&bytes, "strengthData").or_throw()?;
    crate::estimate::load_dictionaries(&data).map_err(|e| to_js_error(&PolicyError::field("strengthData", e)))
}

/// Whether the strength dictionaries are loaded (until then `check()` has no `strength` and
/// `strength.min` is unchecked).
#[wasm_bindgen(js_name = strengthLoaded)]
pub fn strength_loaded() -> bool {
    crate::estimate::dictionaries_loaded()
}

/// Loads a language pack (`lang-de.bin`, `lang-fr.bin`, `lang-es.bin`) and returns its language
/// code; a no-op for a language already loaded.
#[wasm_bindgen(js_name = loadLanguage)]
pub fn load_language(bytes: JsValue) -> JsResult<String> {
    let data = data_bytes(&bytes, "language").or_throw()?;
    crate::estimate::load_language(&data)
        .map(|l| l.code().to_string())
        .map_err(|e| to_js_error(&PolicyError::field("language", e)))
}

/// Whether a language's words are loaded (`en`: the strength dictionaries; `de`, `fr`, `es`: their
/// packs). An unknown code is false.
#[wasm_bindgen(js_name = languageLoaded)]
pub fn language_loaded(code: JsValue) -> bool {
    code.as_string()
        .and_then(|c| crate::estimate::Language::from_code(&c))
        .is_some_and(crate::estimate::language_loaded)
}

/// `options.languages`: absent (English alone), or an array of language codes (`en`, `de`, `fr`,
/// `es`), each known, at least one.
fn languages_option(options: &JsValue) -> Result<crate::estimate::Languages, PolicyError> {
    use crate::estimate::{Language, Languages};
    let v = option(options, "languages")?;
    if v.is_null_or_undefined() {
        return Ok(Languages::ENGLISH);
    }
    let expected = || {
        PolicyError::field(
            "languages",
            format!("expected an array of language codes such as [\"en\", \"de\"], got {}", kind(&v)),
        )
    };
    if !is_array(&v, "languages")? {
        return Err(expected());
    }
    let text = object_json(&v, "languages", "an array of language codes", true)?;
    let Ok(Value::Array(items)) = serde_json::from_str::<Value>(&text) else {
        return Err(expected());
    };
    let mut langs = Vec::with_capacity(items.len().min(8));
    for (i, item) in items.iter().enumerate() {
        let l = item.as_str().and_then(Language::from_code).ok_or_else(|| {
            PolicyError::field(format!("languages[{i}]"), "expected one of \"en\", \"de\", \"fr\", \"es\"")
        })?;
        langs.push(l);
    }
    if langs.is_empty() {
        return Err(PolicyError::field("languages", "choose at least one language"));
    }
    Ok(Languages::of(&langs))
}

/// The vendor id of a document (`meraki`, `sailpoint`, `sumologic`, `scaleway`, `longjump`,
/// `canonical`).
#[wasm_bindgen(js_name = detectVendor)]
pub fn detect_vendor(doc: JsValue) -> JsResult<String> {
    let text = doc_text(&doc).or_throw()?;
    vendors::detect_vendor(&text).map(str::to_string).or_throw()
}

/// `{ vendor, policy, warnings }`, or an array of those for a list document.
#[wasm_bindgen]
pub fn normalize(doc: JsValue, options: JsValue) -> JsResult<JsValue> {
    known_options(&options, &["vendor"], "vendor").or_throw()?;
    let (all, list) = normalize_doc(&doc, &options).or_throw()?;
    let mut out = all.iter().map(normalized_json).collect::<JsResult<Vec<Value>>>()?;
    match (list, out.len()) {
        (false, 1) => json_to_js(&out.swap_remove(0)),
        _ => json_to_js(&Value::Array(out)),
    }
}

/// One-shot: normalize, compile and check (a list document is an error; use `PasswordPolicy`
/// with `index`).
#[wasm_bindgen]
pub fn check(doc: JsValue, password: JsValue, context_value: JsValue) -> JsResult<JsValue> {
    let password = password_js(&password).or_throw()?;
    let ctx = context(&context_value).or_throw()?;
    let text = doc_text(&doc).or_throw()?;
    let policy = crate::single(vendors::normalize(&text, None).or_throw()?).or_throw()?.policy;
    let password = PasswordArg::new(password, &ctx.previous_passwords).or_throw()?;
    to_js(&Checker::compile(&policy).or_throw()?.check_password(&password.password(), &ctx))
}

/// The zxcvbn strength estimate of a password. The second argument is what the estimator counts
/// as known words: an array of strings (`userInputs`), or the `context` object that `check()`
/// takes (its username, e-mail, account, attributes and dictionary words, as `check()` uses them).
#[wasm_bindgen]
pub fn strength(password: JsValue, user_inputs: JsValue, options: JsValue) -> JsResult<JsValue> {
    let password = password_js(&password).or_throw()?;
    let inputs = user_inputs_list(&user_inputs).or_throw()?;
    known_options(&options, &["languages"], "languages").or_throw()?;
    let langs = languages_option(&options).or_throw()?;
    let langs = crate::check::ready_languages(langs).or_throw()?;
    if !crate::estimate::dictionaries_loaded() {
        return Err(to_js_error(&PolicyError::new(
            ErrorCode::NotReady,
            None,
            "the strength dictionaries are still loading (await strengthReady())",
        )));
    }
    let refs: Vec<&str> = inputs.iter().map(String::as_str).collect();
    // The estimator sees no more than the head.
    to_js(&strength::estimate_in(&head_text(password), &refs, &crate::messages::Messages::default(), langs))
}

/// `userInputs`: absent, an array of strings, or a context object (read as `check()` reads it,
/// limits and errors at `context` included). Read through `JSON.stringify` (which catches what a
/// Proxy throws), never element by element through JS getters.
fn user_inputs_list(v: &JsValue) -> Result<Vec<String>, PolicyError> {
    if v.is_null_or_undefined() {
        return Ok(Vec::new());
    }
    let expected = || {
        PolicyError::field("userInputs", format!("expected an array of strings or a context object, got {}", kind(v)))
    };
    if !is_array(v, "userInputs")? {
        if !v.is_object() || v.is_instance_of::<Map>() || v.is_instance_of::<Set>() {
            return Err(expected());
        }
        return Ok(context(v)?.user_inputs().into_iter().map(str::to_string).collect());
    }
    let text = object_json(v, "userInputs", "an array of strings", true)?;
    let Ok(Value::Array(items)) = serde_json::from_str::<Value>(&text) else {
        return Err(expected());
    };
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| match item {
            Value::String(s) => Ok(s),
            other => Err(PolicyError::field(
                format!("userInputs[{i}]"),
                format!("expected a string, got {}", json_kind(&other)),
            )),
        })
        .collect()
}

/// The kind of a JSON value for messages (never the value itself).
fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null (or a value JSON cannot hold)",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A policy compiled once, checked many times. Free it with `free()` (or `using`) when done;
/// a forgotten one is freed by wasm-bindgen's `FinalizationRegistry` after garbage collection.
#[wasm_bindgen]
pub struct PasswordPolicy {
    checker: Checker,
    vendor: &'static str,
    warnings: Vec<Warning>,
}

#[wasm_bindgen]
impl PasswordPolicy {
    /// `new PasswordPolicy()` is a mistake (the declarations make the constructor private):
    /// throw a `TypeError` that says what to call instead.
    #[wasm_bindgen(constructor)]
    pub fn new() -> JsResult<PasswordPolicy> {
        Err(js_sys::TypeError::new("PasswordPolicy has no public constructor; use PasswordPolicy.from(doc, options)")
            .into())
    }

    /// Normalizes and compiles a document. `options.vendor` overrides detection;
    /// `options.index` picks one policy of a list document (required for a list of several).
    pub fn from(doc: JsValue, options: JsValue) -> JsResult<PasswordPolicy> {
        known_options(
            &options,
            &["vendor", "index", "locale", "messages", "languages"],
            "vendor, index, locale, messages or languages",
        )
        .or_throw()?;
        let languages = languages_option(&options).or_throw()?;
        let index = index_option(&options).or_throw()?;
        let (mut all, _) = normalize_doc(&doc, &options).or_throw()?;
        let one = match index {
            None => crate::single(all).or_throw()?,
            Some(i) if i < all.len() => all.swap_remove(i),
            Some(i) => {
                let n = all.len();
                return Err(to_js_error(&PolicyError::field(
                    "index",
                    format!(
                        "{i} is out of range: the document holds {n} {}",
                        if n == 1 { "policy" } else { "policies" }
                    ),
                )));
            }
        };
        let messages = messages_option(&options).or_throw()?;
        let checker = Checker::compile_with(&one.policy, messages).or_throw()?.with_languages(languages).or_throw()?;
        Ok(PasswordPolicy { checker, vendor: one.vendor, warnings: one.warnings })
    }

    /// The vendor id the policy was normalized from.
    #[wasm_bindgen(getter)]
    pub fn vendor(&self) -> String {
        self.vendor.to_string()
    }

    /// The adapter's warnings (a fresh array on each read).
    #[wasm_bindgen(getter)]
    pub fn warnings(&self) -> JsResult<JsValue> {
        let v = serde_json::to_value(&self.warnings).map_err(|e| internal("warnings", e))?;
        json_to_js(&v)
    }

    /// The canonical policy as a plain object (what `JSON.stringify(policy)` writes).
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> JsResult<JsValue> {
        let v = serde_json::to_value(self.checker.policy()).map_err(|e| internal("policy", e))?;
        json_to_js(&v)
    }

    /// Every rule and the strength estimate.
    pub fn check(&self, password: JsValue, context_value: JsValue) -> JsResult<JsValue> {
        let password = password_js(&password).or_throw()?;
        let ctx = context(&context_value).or_throw()?;
        let password = PasswordArg::new(password, &ctx.previous_passwords).or_throw()?;
        to_js(&self.checker.check_password(&password.password(), &ctx))
    }

    /// The policy as sentences a person reads: in `options.locale` when given (with the policy's
    /// `messages` overrides), else in the policy's locale.
    pub fn describe(&self, options: JsValue) -> JsResult<JsValue> {
        known_options(&options, &["locale"], "locale").or_throw()?;
        let policy = self.checker.policy();
        match locale_option(&options).or_throw()? {
            None => to_js(&crate::describe::describe(policy, self.checker.messages())),
            Some(tag) => {
                let messages =
                    crate::messages::Messages::with_overrides(&tag, self.checker.messages().overrides.clone());
                to_js(&crate::describe::describe(policy, &messages))
            }
        }
    }

    /// An Apple `passwordrules` value, with what it cannot express listed.
    #[wasm_bindgen(js_name = toPasswordRules)]
    pub fn to_password_rules(&self) -> JsResult<JsValue> {
        to_js(&self.checker.policy().to_passwordrules())
    }

    /// `minlength`, `maxlength`, `passwordrules`, `autocomplete` and (when exact) `pattern`.
    #[wasm_bindgen(js_name = htmlAttributes)]
    pub fn html_attributes(&self) -> JsResult<JsValue> {
        to_js(&self.checker.policy().html_attributes())
    }

    /// Random passwords that pass every rule, from the platform's CSPRNG.
    /// `options`: `{ length?, count?, exclude?: "ambiguous", context? }`.
    pub fn generate(&self, options: JsValue) -> JsResult<JsValue> {
        let text = if options.is_null_or_undefined() {
            "null".to_string()
        } else {
            object_json(&options, "options", "a plain object", false).or_throw()?
        };
        let opts = crate::generate::GenerateOptions::from_json(&text).or_throw()?;
        to_js(&crate::generate::generate_with_checker(&self.checker, &opts).or_throw()?)
    }

    /// Every rule but strength (no zxcvbn estimate, no `strength.min` rule): cheaper per keystroke.
    #[wasm_bindgen(js_name = checkRules)]
    pub fn check_rules(&self, password: JsValue, context_value: JsValue) -> JsResult<JsValue> {
        check_rules_js(&self.checker, &password, &context_value)
    }
}
