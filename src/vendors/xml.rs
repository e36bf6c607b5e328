//! XML → JSON value, for the one vendor that speaks XML (LongJump).
//!
//! The mapping:
//! - the document becomes `{ "<root name>": <root value> }`;
//! - an element with neither attributes nor child elements becomes its text, trimmed (`""` when
//!   empty);
//! - any other element becomes an object: attributes under `"@name"`, child elements under their
//!   name (a name that repeats becomes an array, in document order), and non-blank text under
//!   `"#text"`;
//! - comments, processing instructions and the XML declaration are skipped.
//!
//! Security: a `<!DOCTYPE>` is skipped, never interpreted. No entity it declares is expanded, so
//! neither external entities (XXE) nor entity bombs ("billion laughs") can do anything: a
//! reference to an entity other than the five predefined ones (`&lt;` …) and character
//! references (`&#65;`) is an `invalid_xml` error. Nesting deeper than `MAX_DEPTH` elements is
//! `too_large`. Positions in messages are byte offsets into `text`.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use serde_json::{Map, Value};

use super::MAX_DEPTH;
use crate::error::{ErrorCode, PolicyError, Result};

/// The key of an element's text when the element also has attributes or child elements.
pub const TEXT_KEY: &str = "#text";

fn invalid(at: u64, message: impl std::fmt::Display) -> PolicyError {
    PolicyError::new(ErrorCode::InvalidXml, None, format!("invalid XML at byte {at}: {message}"))
}

/// Explains the errors a reader of untrusted XML is most likely to meet.
fn describe(e: &quick_xml::Error) -> String {
    use quick_xml::escape::EscapeError;
    match e {
        quick_xml::Error::Escape(EscapeError::UnrecognizedEntity(_, name)) => format!(
            "reference to the entity `&{name};`, which is not expanded (only the predefined XML entities and character references are)"
        ),
        quick_xml::Error::Escape(EscapeError::UnterminatedEntity(_)) => {
            "`&` without a closing `;` (write `&amp;` for a literal ampersand)".to_string()
        }
        other => other.to_string(),
    }
}

/// An attribute error at its absolute byte offset (the reader counts from the tag's name).
fn attr_error(tag_at: u64, e: quick_xml::events::attributes::AttrError) -> PolicyError {
    use quick_xml::events::attributes::AttrError;
    let pos = match e {
        AttrError::ExpectedEq(p)
        | AttrError::ExpectedValue(p)
        | AttrError::UnquotedValue(p)
        | AttrError::ExpectedQuote(p, _)
        | AttrError::Duplicated(p, _) => p,
    };
    let message = e.to_string();
    let message = match message.split_once(": ") {
        Some((head, rest)) if head.starts_with("position ") => rest.to_string(),
        _ => message,
    };
    invalid(tag_at + 1 + pos as u64, message)
}

/// An element being read.
struct Element {
    name: String,
    /// Attributes (`@name`) and child elements, in document order.
    fields: Map<String, Value>,
    text: String,
}

impl Element {
    fn open(start: &BytesStart, at: u64) -> Result<Self> {
        let name = std::str::from_utf8(start.name().as_ref()).map_err(|e| invalid(at, e))?.to_string();
        let mut fields = Map::new();
        for attr in start.attributes() {
            let attr = attr.map_err(|e| attr_error(at, e))?;
            let key = std::str::from_utf8(attr.key.as_ref()).map_err(|e| invalid(at, e))?;
            let value = attr.unescape_value().map_err(|e| invalid(at, describe(&e)))?;
            fields.insert(format!("@{key}"), Value::String(value.into_owned()));
        }
        Ok(Element { name, fields, text: String::new() })
    }

    fn into_value(self) -> (String, Value) {
        let text = self.text.trim();
        if self.fields.is_empty() {
            return (self.name, Value::String(text.to_string()));
        }
        let mut fields = self.fields;
        if !text.is_empty() {
            fields.insert(TEXT_KEY.to_string(), Value::String(text.to_string()));
        }
        (self.name, Value::Object(fields))
    }
}

/// Adds a child element's value; a repeated name turns into an array. (Element values are never
/// arrays themselves, so an array under a name always means "repeated".)
fn add_child(fields: &mut Map<String, Value>, name: String, value: Value) {
    match fields.get_mut(&name) {
        None => {
            fields.insert(name, value);
        }
        Some(Value::Array(items)) => items.push(value),
        Some(first) => {
            let first_value = first.take();
            *first = Value::Array(vec![first_value, value]);
        }
    }
}

/// Converts an XML document to a JSON value (see the module documentation for the mapping).
pub fn to_value(text: &str) -> Result<Value> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;

    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<(String, Value)> = None;
    loop {
        let at = reader.buffer_position();
        let event = reader.read_event().map_err(|e| invalid(reader.error_position(), describe(&e)))?;
        let is_empty = matches!(event, Event::Empty(_));
        match event {
            Event::Start(start) | Event::Empty(start) => {
                if stack.is_empty() && root.is_some() {
                    return Err(invalid(at, "a second root element; an XML document has exactly one"));
                }
                if stack.len() >= MAX_DEPTH {
                    return Err(PolicyError::new(
                        ErrorCode::TooLarge,
                        None,
                        format!("the XML document nests elements deeper than {MAX_DEPTH} levels (at byte {at})"),
                    ));
                }
                let element = Element::open(&start, at)?;
                if is_empty {
                    close(&mut stack, &mut root, element);
                } else {
                    stack.push(element);
                }
            }
            Event::End(_) => {
                // The reader checks that end tags match their start tags.
                let Some(element) = stack.pop() else {
                    return Err(invalid(at, "an end tag without a start tag"));
                };
                close(&mut stack, &mut root, element);
            }
            Event::Text(t) => {
                let s = t.unescape().map_err(|e| invalid(at, describe(&e)))?;
                add_text(&mut stack, &s, at)?;
            }
            Event::CData(c) => {
                let s = c.decode().map_err(|e| invalid(at, e))?;
                add_text(&mut stack, &s, at)?;
            }
            // A DOCTYPE is skipped: its entities are never declared to the reader, so never expanded.
            Event::DocType(_) | Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
            Event::Eof => break,
        }
    }
    if let Some(open) = stack.last() {
        return Err(invalid(text.len() as u64, format!("the document ends inside the element <{}>", open.name)));
    }
    let Some((name, value)) = root else {
        return Err(invalid(text.len() as u64, "no root element"));
    };
    let mut doc = Map::new();
    doc.insert(name, value);
    Ok(Value::Object(doc))
}

/// Adds a finished element to its parent, or makes it the root.
fn close(stack: &mut [Element], root: &mut Option<(String, Value)>, element: Element) {
    let (name, value) = element.into_value();
    match stack.last_mut() {
        Some(parent) => add_child(&mut parent.fields, name, value),
        None => *root = Some((name, value)),
    }
}

fn add_text(stack: &mut [Element], s: &str, at: u64) -> Result<()> {
    match stack.last_mut() {
        Some(element) => element.text.push_str(s),
        None if s.trim().is_empty() => {}
        None => return Err(invalid(at, "text outside the root element")),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn elements_text_attributes_and_repeats() {
        let v = to_value(
            r#"<?xml version="1.0" encoding="UTF-8"?>
            <!-- a comment -->
            <root a="1" b="x &amp; y">
              <leaf>  6 </leaf>
              <empty/>
              <also></also>
              <item>one</item>
              <item k="v">two</item>
              <item>three</item>
              <data><![CDATA[ <not a tag> ]]></data>
              <esc>&lt;&#65;&#x42;&gt;</esc>
              <?pi ignored?>
            </root>"#,
        )
        .unwrap();
        assert_eq!(
            v,
            json!({"root": {
                "@a": "1", "@b": "x & y",
                "leaf": "6", "empty": "", "also": "",
                "item": ["one", {"@k": "v", "#text": "two"}, "three"],
                "data": "<not a tag>",
                "esc": "<AB>"
            }})
        );
    }

    #[test]
    fn mixed_text_kept_under_text_key() {
        let v = to_value("<a> hello <b>x</b> world </a>").unwrap();
        assert_eq!(v, json!({"a": {"b": "x", "#text": "hello  world"}}));
        assert_eq!(to_value("<a/>").unwrap(), json!({"a": ""}));
    }

    #[test]
    fn malformed_is_invalid_xml_with_position() {
        for bad in [
            "<a><b></a>",
            "<a>",
            "<a></a><b></b>",
            "<a></a>trailing",
            "</a>",
            "<a x=1></a>",
            "<a x=\"1\" x=\"2\"></a>",
            "<a>&unterminated</a>",
            "",
            "   ",
        ] {
            let e = to_value(bad).unwrap_err();
            assert_eq!(e.code(), "invalid_xml", "{bad}: {e}");
            assert!(e.message.contains("at byte "), "{bad}: {}", e.message);
            assert_eq!(e.path(), None);
        }
        let e = to_value("<a><b></c></a>").unwrap_err();
        assert!(e.message.contains("at byte 6"), "{}", e.message);
        let e = to_value("<a><b x=1/></a>").unwrap_err();
        assert!(e.message.starts_with("invalid XML at byte 8: "), "{}", e.message);
    }

    #[test]
    fn doctype_entities_are_never_expanded() {
        // XXE: an external entity must not be read.
        let xxe = r#"<?xml version="1.0"?>
<!DOCTYPE r [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<r><v>&xxe;</v></r>"#;
        let e = to_value(xxe).unwrap_err();
        assert_eq!(e.code(), "invalid_xml");
        assert!(e.message.contains("&xxe;") && e.message.contains("not expanded"), "{}", e.message);
        // Billion laughs: refused at once, nothing expanded.
        let mut bomb = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
        for i in 1..10 {
            let prev = if i == 1 { "lol".to_string() } else { format!("lol{}", i - 1) };
            bomb.push_str(&format!("<!ENTITY lol{i} \"{}\">\n", format!("&{prev};").repeat(10)));
        }
        bomb.push_str("]>\n<lolz>&lol9;</lolz>");
        assert_eq!(to_value(&bomb).unwrap_err().code(), "invalid_xml");
        // In an attribute, too.
        assert_eq!(to_value("<!DOCTYPE r [<!ENTITY e \"x\">]><r a=\"&e;\"/>").unwrap_err().code(), "invalid_xml");
        // A DOCTYPE whose entities are not used is harmless and skipped.
        let v = to_value("<!DOCTYPE r [<!ENTITY e \"expanded\">]><r><v>&amp;e;</v></r>").unwrap();
        assert_eq!(v, json!({"r": {"v": "&e;"}}));
    }

    #[test]
    fn depth_limit() {
        let ok = format!("{}{}", "<a>".repeat(MAX_DEPTH), "</a>".repeat(MAX_DEPTH));
        assert!(to_value(&ok).is_ok());
        let deep = format!("{}{}", "<a>".repeat(MAX_DEPTH + 1), "</a>".repeat(MAX_DEPTH + 1));
        let e = to_value(&deep).unwrap_err();
        assert_eq!(e.code(), "too_large");
        assert!(e.message.contains("64"));
        // The depth check stops before reading on, even without end tags.
        assert_eq!(to_value(&"<a>".repeat(10_000)).unwrap_err().code(), "too_large");
    }

    #[test]
    fn non_ascii_text_and_names() {
        let v = to_value("<ç a=\"é\">漢字 😀</ç>").unwrap();
        assert_eq!(v, json!({"ç": {"@a": "é", "#text": "漢字 😀"}}));
    }
}
