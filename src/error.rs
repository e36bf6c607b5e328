//! The one error type of the core. Every error has a stable `code`, the `path` of the field it is
//! about (when there is one) and a human message. No error ever carries a password or a context value.

use std::fmt;

/// Stable error codes. They are part of the public API: never rename one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    InvalidJson,
    InvalidXml,
    UnknownVendor,
    AmbiguousVendor,
    InvalidField,
    Unsatisfiable,
    TooLarge,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidJson => "invalid_json",
            ErrorCode::InvalidXml => "invalid_xml",
            ErrorCode::UnknownVendor => "unknown_vendor",
            ErrorCode::AmbiguousVendor => "ambiguous_vendor",
            ErrorCode::InvalidField => "invalid_field",
            ErrorCode::Unsatisfiable => "unsatisfiable",
            ErrorCode::TooLarge => "too_large",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PolicyError {
    pub code: ErrorCode,
    /// Where in the input document, e.g. `[0].minLength` or `platform.passwordPolicy.min_length`.
    pub path: Option<String>,
    pub message: String,
}

impl PolicyError {
    pub fn new(code: ErrorCode, path: Option<String>, message: impl Into<String>) -> Self {
        PolicyError { code, path, message: message.into() }
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
