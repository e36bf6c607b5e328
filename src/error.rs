//! The one error type of the core. Every error has a stable `code`, the `path` of the field it is
//! about (when there is one) and a human message. No error ever carries a password or a context value.

use std::fmt;

/// An enum of stable codes, its texts and the list of all of them, from one table: a code cannot
/// be added without its text, nor left out of `ALL` (which the drift test compares with the
/// TypeScript declarations and the README).
macro_rules! codes {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal,)* }) => {
        $(#[$meta])*
        pub enum $name { $($(#[$vmeta])* $variant,)* }
        impl $name {
            /// Every code, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];
            /// The code's stable text.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text,)* }
            }
        }
    };
}
pub(crate) use codes;

codes! {
    /// Stable error codes. They are part of the public API: never rename one.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum ErrorCode {
        InvalidJson => "invalid_json",
        InvalidXml => "invalid_xml",
        UnknownVendor => "unknown_vendor",
        AmbiguousVendor => "ambiguous_vendor",
        /// The caller's `vendor` does not fit the document (it looks like another vendor's, or like
        /// none: no field the vendor documents).
        VendorMismatch => "vendor_mismatch",
        InvalidField => "invalid_field",
        Unsatisfiable => "unsatisfiable",
        TooLarge => "too_large",
        /// A data file the call needs (the strength dictionaries) has not been loaded yet.
        NotReady => "not_ready",
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PolicyError {
    pub code: ErrorCode,
    /// Where in the input document, e.g. `[0].minLength` or `platform.passwordPolicy.min_length`.
    pub path: Option<String>,
    pub message: String,
}

/// The longest error or warning `path` kept, in UTF-8 bytes. A path repeats the document's keys, and
/// a key may be megabytes long: beyond this, the path is cut and ends in `…`.
pub const MAX_PATH_BYTES: usize = 1024;
/// The longest error or warning message kept, in UTF-8 bytes (a message may quote a key or a value
/// of the document): beyond this, it is cut and ends in `…`.
pub const MAX_MESSAGE_BYTES: usize = 2048;

/// `s` cut to at most `max` bytes on a character boundary, with `…` (3 bytes more) when cut.
pub fn bounded(mut s: String, max: usize) -> String {
    if s.len() > max {
        let mut cut = max;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s.truncate(cut);
        s.push('…');
    }
    s
}

impl PolicyError {
    pub fn new(code: ErrorCode, path: Option<String>, message: impl Into<String>) -> Self {
        PolicyError {
            code,
            path: path.map(|p| bounded(p, MAX_PATH_BYTES)),
            message: bounded(message.into(), MAX_MESSAGE_BYTES),
        }
    }

    /// An `invalid_field` error at `path`.
    pub fn field(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidField, Some(path.into()), message)
    }

    pub fn unsatisfiable(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Unsatisfiable, Some(path.into()), message)
    }

    pub fn code(&self) -> &'static str {
        self.code.as_str()
    }

    pub fn path(&self) -> Option<&str> {
        self.path.as_deref()
    }
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(p) if !p.is_empty() => write!(f, "{}: {}", p, self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for PolicyError {}

pub type Result<T> = std::result::Result<T, PolicyError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_messages_are_bounded_on_a_character_boundary() {
        assert_eq!(bounded("abc".into(), 3), "abc");
        assert_eq!(bounded("abcd".into(), 3), "abc…");
        // "é" is 2 bytes: a cut inside it moves back to its start.
        assert_eq!(bounded("aé".into(), 2), "a…");
        let key = "k".repeat(10 * MAX_PATH_BYTES);
        let e = PolicyError::field(format!("a.{key}"), format!("unknown field `{key}`"));
        let path = e.path().unwrap();
        assert!(path.starts_with("a.kkk") && path.ends_with('…'), "{path}");
        assert_eq!(path.len(), MAX_PATH_BYTES + '…'.len_utf8());
        assert!(e.message.starts_with("unknown field `kkk") && e.message.ends_with('…'));
        assert_eq!(e.message.len(), MAX_MESSAGE_BYTES + '…'.len_utf8());
    }
}
