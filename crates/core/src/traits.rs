//! The stable traits every liveline crate implements or uses.

use std::io;

use crate::{Document, Event, SourceMeta, Span, Timeline};

/// Turns text into a [`Document`]. Parsing is total: every input gives a document, and
/// problems become diagnostics, never panics or errors.
pub trait Parse {
    /// Parse `src`; the document's text borrows from it.
    fn parse<'a>(&self, src: &'a str) -> Document<'a>;
}

/// One entry of a [`CleanLog`]: what a pass changed, where, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CleanEntry {
    /// The pass's name.
    pub pass: String,
    /// The span of the element changed.
    pub span: Span,
    /// What was done and why.
    pub what: String,
}

/// The record of what cleaning passes changed. A log made with [`CleanLog::discarding`]
/// keeps nothing, for a caller that does not read it: the passes then spare the
/// making of their messages (thousands on a long page).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CleanLog {
    /// The entries in the order they were made.
    pub entries: Vec<CleanEntry>,
    /// Whether entries are dropped rather than kept.
    #[cfg_attr(feature = "serde", serde(skip))]
    discard: bool,
}

impl CleanLog {
    /// A log that keeps no entries.
    pub fn discarding() -> CleanLog {
        CleanLog {
            entries: Vec::new(),
            discard: true,
        }
    }

    /// An empty log that keeps entries, or not, as this one does (for a part of the
    /// work, whose entries are appended to this log after).
    pub fn empty_like(&self) -> CleanLog {
        CleanLog {
            entries: Vec::new(),
            discard: self.discard,
        }
    }

    /// Whether entries recorded are kept.
    pub fn keeps(&self) -> bool {
        !self.discard
    }

    /// Record that `pass` changed the element at `span`.
    pub fn record(&mut self, pass: &str, span: Span, what: impl Into<String>) {
        if self.discard {
            return;
        }
        self.entries.push(CleanEntry {
            pass: pass.to_owned(),
            span,
            what: what.into(),
        });
    }

    /// [`CleanLog::record`], the message made by `what` only when it is kept.
    pub fn record_with(&mut self, pass: &str, span: Span, what: impl FnOnce() -> String) {
        if !self.discard {
            self.record(pass, span, what());
        }
    }
}

/// One cleaning pass: deterministic and idempotent; it may change text, never spans.
pub trait Clean {
    /// The pass's name, as used on the command line.
    fn name(&self) -> &str;
    /// Clean `doc` in place, recording every change in `log`.
    fn clean(&self, doc: &mut Document<'_>, log: &mut CleanLog);
    /// Whether the pass cleans each text (or block) on its own, reading nothing else of
    /// the document: cleaning the posts of a document split among several documents
    /// then gives the same texts and the same log entries, so a long page can be
    /// cleaned in parts on several threads. False unless a pass says so.
    fn per_text(&self) -> bool {
        false
    }
    /// Clean a document split into `parts` (the first holds the head and the first
    /// posts, the last the last posts and the trailer; see `Pipeline::run_in_parts` in
    /// liveline-clean) as [`Clean::clean`] cleans the whole document, with the same log
    /// entries in the same order, on as many threads as it likes. Returns false, having
    /// changed nothing, when the pass cannot; it is then run on the whole document. A
    /// pass that cleans each text on its own ([`Clean::per_text`]) need not.
    fn clean_parts(&self, parts: &mut [&mut Document<'_>], log: &mut CleanLog) -> bool {
        let _ = (parts, log);
        false
    }
}

/// Draws events out of a document.
pub trait Extract {
    /// Append the events of `doc`, described by `source`, to `events`.
    fn extract(&self, source: &SourceMeta, doc: &Document<'_>, events: &mut Vec<Event>);
}

/// What went wrong while exporting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ExportErrorKind {
    /// Writing to the output failed.
    Io,
    /// The timeline could not be put into the format.
    Format,
}

/// An error from an [`Export`] implementation.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct ExportError {
    kind: ExportErrorKind,
    message: String,
    #[source]
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl ExportError {
    /// An error of `kind` with a message.
    pub fn new(kind: ExportErrorKind, message: impl Into<String>) -> Self {
        ExportError {
            kind,
            message: message.into(),
            source: None,
        }
    }

    /// What went wrong.
    pub fn kind(&self) -> ExportErrorKind {
        self.kind
    }
}

impl From<io::Error> for ExportError {
    fn from(e: io::Error) -> Self {
        ExportError {
            kind: ExportErrorKind::Io,
            message: e.to_string(),
            source: Some(Box::new(e)),
        }
    }
}

/// An output format for timelines.
pub trait Export {
    /// The format's name, as given to `--format`.
    fn name(&self) -> &str;
    /// The file extension, without the dot.
    fn extension(&self) -> &str;
    /// The media type.
    fn media_type(&self) -> &str;
    /// One line on what the format is for (shown by `liveline formats`).
    fn description(&self) -> &str {
        ""
    }
    /// Write `timeline` to `out`, streaming where it can.
    fn write(&self, timeline: &Timeline, out: &mut dyn io::Write) -> Result<(), ExportError>;
    /// Whether what [`Export::write`] writes can depend on the hashes of the sources
    /// (`SourceMeta::sha256`: written, or telling two sources of one id apart). When it
    /// cannot, a caller may leave them unset and spare hashing every input. Yes unless
    /// a format says otherwise.
    fn uses_source_hashes(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_discarding_log_keeps_nothing_and_makes_no_message() {
        let mut kept = CleanLog::default();
        let mut dropped = CleanLog::discarding();
        for log in [&mut kept, &mut dropped] {
            let mut made = 0;
            log.record_with("unicode", Span::new(0, 3), || {
                made += 1;
                "composed".into()
            });
            log.record("whitespace", Span::new(4, 9), "tidied");
            let part = log.empty_like();
            assert_eq!(part.keeps(), log.keeps());
            assert_eq!(made, usize::from(log.keeps()));
        }
        assert!(kept.keeps() && !dropped.keeps());
        assert_eq!(kept.entries.len(), 2);
        assert_eq!(kept.entries[0].what, "composed");
        assert!(dropped.entries.is_empty());
    }
}
