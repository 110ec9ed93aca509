//! Diagnostics: what a parser or pass noticed, never fatal.

use std::borrow::Cow;

use crate::Span;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Level {
    /// Worth knowing; nothing is wrong with the output.
    Info,
    /// The input looks off, or part of it could not be interpreted (and was kept as is).
    Warning,
    /// The input is damaged (for example invalid UTF-8 decoded with replacement).
    Error,
}

/// Something noticed about the input, with a stable code and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Diagnostic {
    /// How serious it is.
    pub level: Level,
    /// A stable machine-readable code, such as `declared_post_count_mismatch`.
    pub code: Cow<'static, str>,
    /// A message for people.
    pub message: String,
    /// Where in the source it applies.
    pub span: Span,
}

impl Diagnostic {
    /// A diagnostic with a static code.
    pub fn new(level: Level, code: &'static str, message: impl Into<String>, span: Span) -> Self {
        Diagnostic {
            level,
            code: Cow::Borrowed(code),
            message: message.into(),
            span,
        }
    }
}
