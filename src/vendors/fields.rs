//! Typed, path-aware reading of a vendor's JSON object, shared by every adapter.
//!
//! `Obj` remembers which keys an adapter read; `Obj::finish` turns every other key into an
//! `unknown_field` warning and keeps its value under `vendorExtras`, so nothing is dropped.
//! Wrong types are `invalid_field` errors naming the path.

use std::cell::RefCell;

use serde_json::{Map, Value};

use super::Warnings;
use crate::error::{PolicyError, Result};
use crate::policy::Policy;

pub fn join(base: &str, key: &str) -> String {
    if base.is_empty() {
        key.to_string()
    } else {
        format!("{base}.{key}")
    }
}

/// What a JSON value is, for messages (never the value).
pub(crate) fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The policies of a list document (one per element, at `[i]`; an empty list is an error) or of a
/// single object (at the top), each read by `one(value, base)`.
pub(crate) fn list_or_one(
    doc: &Value,
    one: impl Fn(&Value, &str) -> Result<super::Normalized>,
) -> Result<Vec<super::Normalized>> {
    match doc {
        Value::Array(items) if items.is_empty() => {
            Err(PolicyError::field("$", "the list is empty: it holds no password policy"))
        }
        Value::Array(items) => items.iter().enumerate().map(|(i, item)| one(item, &format!("[{i}]"))).collect(),
        other => Ok(vec![one(other, "")?]),
    }
}

pub struct Obj<'a> {
    map: &'a Map<String, Value>,
    base: String,
    used: RefCell<Vec<&'a str>>,
    /// Accept numbers and booleans written as strings (`"6"`, `"true"`): documents converted from XML.
    lenient: bool,
}

impl<'a> Obj<'a> {
    /// `v` must be an object; `base` is its path in the document ("" at the top).
    pub fn new(v: &'a Value, base: &str) -> Result<Self> {
        match v {
            Value::Object(map) => {
                Ok(Obj { map, base: base.to_string(), used: RefCell::new(Vec::new()), lenient: false })
            }
            other => Err(PolicyError::field(
                if base.is_empty() { "$".to_string() } else { base.to_string() },
                format!("expected an object, found {}", type_name(other)),
            )),
        }
    }

    pub fn lenient(mut self) -> Self {
        self.lenient = true;
        self
    }

    pub fn path(&self, key: &str) -> String {
        join(&self.base, key)
    }

    /// The object's own path in the document ("" at the top).
    pub fn base_path(&self) -> String {
        self.base.clone()
    }

    pub fn keys(&self) -> impl Iterator<Item = &'a String> {
        self.map.keys()
    }

    pub fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    /// The raw value, marked as read. `null` counts as absent.
    pub fn raw(&self, key: &str) -> Option<&'a Value> {
        let (k, v) = self.map.get_key_value(key)?;
        self.used.borrow_mut().push(k.as_str());
        if v.is_null() {
            None
        } else {
            Some(v)
        }
    }

    /// Marks a key as read without interpreting it.
    pub fn skip(&self, key: &str) {
        let _ = self.raw(key);
    }

    pub fn bool(&self, key: &str) -> Result<Option<bool>> {
        match self.raw(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(Value::String(s)) if self.lenient && (s == "true" || s == "false") => Ok(Some(s == "true")),
            Some(v) => Err(PolicyError::field(self.path(key), format!("expected a boolean, found {}", type_name(v)))),
        }
    }

    /// An integer (JSON number without fraction; numeric string when lenient).
    pub fn int(&self, key: &str) -> Result<Option<i64>> {
        let v = match self.raw(key) {
            None => return Ok(None),
            Some(v) => v,
        };
        let parsed = match v {
            Value::Number(n) => {
                n.as_i64().or_else(|| n.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15).map(|f| f as i64))
            }
            Value::String(s) if self.lenient => s.trim().parse::<i64>().ok(),
            _ => None,
        };
        parsed.map(Some).ok_or_else(|| {
            let found = match v {
                Value::Number(_) => "a number that is not an integer".to_string(),
                Value::String(_) if self.lenient => "a string that is not an integer".to_string(),
                other => type_name(other).to_string(),
            };
            PolicyError::field(self.path(key), format!("expected an integer, found {found}"))
        })
    }

    /// A non-negative integer that fits in u32.
    pub fn uint(&self, key: &str) -> Result<Option<u32>> {
        match self.int(key)? {
            None => Ok(None),
            Some(v) => u32::try_from(v)
                .map(Some)
                .map_err(|_| PolicyError::field(self.path(key), format!("expected a non-negative integer, found {v}"))),
        }
    }

    pub fn str(&self, key: &str) -> Result<Option<&'a str>> {
        match self.raw(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.as_str())),
            Some(v) => Err(PolicyError::field(self.path(key), format!("expected a string, found {}", type_name(v)))),
        }
    }

    /// A string, or a number or boolean written out as text.
    pub fn text(&self, key: &str) -> Result<Option<String>> {
        match self.raw(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(v @ (Value::Number(_) | Value::Bool(_))) => Ok(Some(v.to_string())),
            Some(v) => Err(PolicyError::field(self.path(key), format!("expected a string, found {}", type_name(v)))),
        }
    }

    pub fn str_list(&self, key: &str) -> Result<Option<Vec<String>>> {
        match self.raw(key) {
            None => Ok(None),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, v)| match v {
                    Value::String(s) => Ok(s.clone()),
                    other => Err(PolicyError::field(
                        format!("{}[{i}]", self.path(key)),
                        format!("expected a string, found {}", type_name(other)),
                    )),
                })
                .collect::<Result<Vec<_>>>()
                .map(Some),
            Some(v) => {
                Err(PolicyError::field(self.path(key), format!("expected an array of strings, found {}", type_name(v))))
            }
        }
    }

    /// A nested object (read recursively; its own unknown keys are reported by its own `finish`).
    pub fn obj(&self, key: &str) -> Result<Option<Obj<'a>>> {
        match self.raw(key) {
            None => Ok(None),
            Some(v) => {
                let o = Obj::new(v, &self.path(key))?;
                Ok(Some(if self.lenient { o.lenient() } else { o }))
            }
        }
    }

    /// Every key not read becomes an `unknown_field` warning and a `vendorExtras` entry.
    pub fn finish(&self, policy: &mut Policy, warnings: &mut Warnings) {
        let used = self.used.borrow();
        for (k, v) in self.map {
            if !used.contains(&k.as_str()) {
                let path = self.path(k);
                warnings.unknown_field(&path);
                policy.extra(path, v.clone());
            }
        }
    }

    /// Keeps a read key's value under `vendorExtras` (fields with no canonical home).
    pub fn keep(&self, key: &str, policy: &mut Policy) {
        if let Some(v) = self.map.get(key) {
            self.used.borrow_mut().extend(self.map.get_key_value(key).map(|(k, _)| k.as_str()));
            policy.extra(self.path(key), v.clone());
        }
    }
}

/// Seconds in `n` days.
pub fn days(n: u32) -> f64 {
    f64::from(n) * 86_400.0
}

/// Seconds in `n` minutes.
pub fn minutes(n: u32) -> f64 {
    f64::from(n) * 60.0
}

/// Reads an integer that must be at least `floor` (smaller values have no documented meaning:
/// error) and fit in a u32. A value outside the documented `range` is used, with an
/// `out_of_range` warning. Shared by the Meraki, Sumo Logic and Scaleway adapters.
pub fn int_field(o: &Obj, key: &str, floor: i64, range: Option<(i64, i64)>, w: &mut Warnings) -> Result<Option<i64>> {
    let Some(n) = o.int(key)? else { return Ok(None) };
    if n < floor {
        let why = if floor == 0 {
            "a negative value has no meaning here".to_string()
        } else {
            format!("the smallest meaningful value is {floor}")
        };
        return Err(PolicyError::field(o.path(key), format!("{n}: {why}")));
    }
    if n > i64::from(u32::MAX) {
        return Err(PolicyError::field(o.path(key), format!("{n} is too large (at most {})", u32::MAX)));
    }
    if let Some((lo, hi)) = range.filter(|(lo, hi)| n < *lo || n > *hi) {
        let text = if lo == hi { format!("only {lo} is supported") } else { format!("{lo}–{hi}") };
        w.out_of_range(&o.path(key), n, &text);
    }
    Ok(Some(n))
}

/// What a vendor documents for a 0 in a field.
#[derive(Debug, Clone, Copy)]
pub enum Zero<'a> {
    /// 0 means "none" or "no limit" (the text quotes the vendor): the field gives nothing, with a
    /// warning saying so.
    Means(&'a str),
    /// 0 is not documented, or outside the documented range: the field is left out of the policy
    /// and its raw value kept under vendorExtras, with an `out_of_range` warning.
    Undocumented,
}

/// [`count_field`], where a 0 is not a count: `None` for a 0, with the warning of `zero` (and the
/// raw value under vendorExtras when it is undocumented).
pub fn count_or_zero(
    o: &Obj,
    key: &str,
    range: Option<(i64, i64)>,
    zero: Zero,
    p: &mut Policy,
    w: &mut Warnings,
) -> Result<Option<u32>> {
    if o.int(key)? == Some(0) {
        zero_warning(o, key, range, zero, p, w);
        return Ok(None);
    }
    count_field(o, key, range, w)
}

/// The warning (and for an undocumented 0, the vendorExtras entry) of a 0 at `key`.
pub fn zero_warning(o: &Obj, key: &str, range: Option<(i64, i64)>, zero: Zero, p: &mut Policy, w: &mut Warnings) {
    match zero {
        Zero::Means(meaning) => w.zero_means(&o.path(key), meaning),
        Zero::Undocumented => {
            o.keep(key, p);
            let range = range.map(|(lo, hi)| if lo == hi { lo.to_string() } else { format!("{lo}–{hi}") });
            w.zero_left_out(&o.path(key), range.as_deref());
        }
    }
}

/// [`int_field`] for a non-negative count.
pub fn count_field(o: &Obj, key: &str, range: Option<(i64, i64)>, w: &mut Warnings) -> Result<Option<u32>> {
    Ok(int_field(o, key, 0, range, w)?.map(|n| u32::try_from(n).unwrap_or(u32::MAX)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_and_reports() {
        let v = json!({"a": 1, "b": true, "c": "x", "d": null, "e": [1], "f": 2.5});
        let o = Obj::new(&v, "").unwrap();
        assert_eq!(o.int("a").unwrap(), Some(1));
        assert_eq!(o.bool("b").unwrap(), Some(true));
        assert_eq!(o.str("c").unwrap(), Some("x"));
        assert_eq!(o.int("d").unwrap(), None);
        assert_eq!(o.str_list("e").unwrap_err().path(), Some("e[0]"));
        assert_eq!(o.int("f").unwrap_err().code(), "invalid_field");
        let mut p = Policy::default();
        let mut w = Warnings::default();
        let v2 = json!({"known": 1, "other": {"x": 1}});
        let o2 = Obj::new(&v2, "root").unwrap();
        o2.skip("known");
        o2.finish(&mut p, &mut w);
        assert_eq!(w.0.len(), 1);
        assert_eq!(w.0[0].path, "root.other");
        assert_eq!(p.vendor_extras.get("root.other"), Some(&json!({"x": 1})));
    }

    #[test]
    fn zeros_documented_and_not() {
        let v = json!({"a": 0, "b": 0, "c": 4, "d": 0});
        let o = Obj::new(&v, "x").unwrap();
        let (mut p, mut w) = (Policy::default(), Warnings::default());
        assert_eq!(count_or_zero(&o, "a", Some((1, 10)), Zero::Means("no limit"), &mut p, &mut w).unwrap(), None);
        assert_eq!(count_or_zero(&o, "b", Some((1, 10)), Zero::Undocumented, &mut p, &mut w).unwrap(), None);
        assert_eq!(count_or_zero(&o, "c", Some((1, 10)), Zero::Undocumented, &mut p, &mut w).unwrap(), Some(4));
        assert_eq!(count_or_zero(&o, "d", None, Zero::Undocumented, &mut p, &mut w).unwrap(), None);
        let got: Vec<(&str, &str)> = w.0.iter().map(|w| (w.code.as_str(), w.path.as_str())).collect();
        assert_eq!(got, [("inactive", "x.a"), ("out_of_range", "x.b"), ("out_of_range", "x.d")]);
        assert!(w.0[0].message.contains("no limit"), "{}", w.0[0].message);
        assert!(w.0[1].message.contains("1–10") && w.0[1].message.contains("left out"), "{}", w.0[1].message);
        assert!(!w.0[2].message.contains("range"), "{}", w.0[2].message);
        // Only the undocumented zeros are kept, as given.
        let kept: Vec<&String> = p.vendor_extras.keys().collect();
        assert_eq!(kept, ["x.b", "x.d"]);
        assert_eq!(p.vendor_extras["x.b"], json!(0));
        // Nothing is left for finish() to report.
        o.finish(&mut p, &mut w);
        assert_eq!(w.0.len(), 3);
    }

    #[test]
    fn lenient_numbers() {
        let v = json!({"a": "6", "b": "x", "c": "true"});
        let o = Obj::new(&v, "p").unwrap().lenient();
        assert_eq!(o.int("a").unwrap(), Some(6));
        assert_eq!(o.int("b").unwrap_err().path(), Some("p.b"));
        assert_eq!(o.bool("c").unwrap(), Some(true));
    }
}
