//! # liveline-export
//!
//! Timelines written in the formats corpus builders, researchers and newsrooms load:
//! one module per format, each an implementation of [`Export`] from liveline-core that
//! streams to any [`std::io::Write`].
//!
//! | name | what it is |
//! | --- | --- |
//! | [`json`](json::Json) | the whole timeline, `"schema": "liveline/timeline@1"`; reads back with serde |
//! | [`jsonl`](jsonl::Jsonl) | one event a line, with `id`, `text`, `source`, `created`, `added` on top |
//! | [`csv`](csv::Csv) | one row an event (RFC 4180) |
//! | [`md`](md::Markdown) | a readable timeline grouped by day |
//! | [`html`](html::Html) | one self-contained page: vertical timeline, posts-per-hour chart, search |
//! | [`timelinejs`](timelinejs::TimelineJs) | Knight Lab TimelineJS3 JSON |
//! | [`tei`](tei::Tei) | XML-TEI with a `teiHeader` and one `div` an event |
//! | [`tilse`](tilse::Tilse) | the timeline-summarisation text format |
//! | [`jsonld`](jsonld::JsonLd) | schema.org `LiveBlogPosting` to embed in a page |
//!
//! [`Formats`] holds the built-in formats and any a user registers beside them.
//!
//! ## Example
//! ```
//! use liveline_core::{Event, EventKind, Timeline};
//! use liveline_export::Formats;
//!
//! let timeline = Timeline {
//!     sources: vec![],
//!     events: vec![Event {
//!         id: "0123456789abcdef".into(),
//!         kind: EventKind::Post,
//!         when: None,
//!         headline: Some("Ministers meet in Geneva".into()),
//!         text: "Talks lasted ninety minutes.".into(),
//!         blocks: vec![],
//!         contributors: vec![],
//!         sources: vec![],
//!         mentions: vec![],
//!         parent: None,
//!         keys: vec![],
//!     }],
//! };
//! let formats = Formats::builtin();
//! let csv = formats.get("csv").unwrap();
//! let mut out = Vec::new();
//! csv.write(&timeline, &mut out).unwrap();
//! let text = String::from_utf8(out).unwrap();
//! assert!(text.starts_with("id,kind,utc,local,zone,tz,precision,headline,text,contributors,sources\r\n"));
//! assert!(text.contains("Ministers meet in Geneva"));
//! ```
#![deny(missing_docs)]

pub mod csv;
pub mod html;
pub mod json;
pub mod jsonl;
pub mod jsonld;
pub mod md;
pub mod pretty;
pub mod tei;
pub mod text;
pub mod tilse;
pub mod timelinejs;

pub use liveline_core::{Export, ExportError, ExportErrorKind};

/// Output formats by name: the built-in ones and any registered beside them.
pub struct Formats {
    list: Vec<Box<dyn Export + Send + Sync>>,
}

impl Formats {
    /// The built-in formats: json, jsonl, csv, md, html, timelinejs, tei, tilse, jsonld.
    pub fn builtin() -> Formats {
        Formats {
            list: vec![
                Box::new(json::Json),
                Box::new(jsonl::Jsonl),
                Box::new(csv::Csv),
                Box::new(md::Markdown),
                Box::new(html::Html),
                Box::new(timelinejs::TimelineJs),
                Box::new(tei::Tei),
                Box::new(tilse::Tilse),
                Box::new(jsonld::JsonLd),
            ],
        }
    }

    /// Add a format; one of the same name is replaced.
    pub fn register(&mut self, format: impl Export + Send + Sync + 'static) {
        self.list.retain(|f| f.name() != format.name());
        self.list.push(Box::new(format));
    }

    /// The format called `name`.
    pub fn get(&self, name: &str) -> Option<&(dyn Export + Send + Sync)> {
        self.list.iter().find(|f| f.name() == name).map(|f| &**f)
    }

    /// Every format, in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = &(dyn Export + Send + Sync)> {
        self.list.iter().map(|f| &**f)
    }

    /// The names of every format.
    pub fn names(&self) -> Vec<&str> {
        self.list.iter().map(|f| f.name()).collect()
    }
}

/// An [`ExportError`] for a serde_json failure: its io error when there is one.
pub(crate) fn json_error(e: serde_json::Error) -> ExportError {
    match e.io_error_kind() {
        Some(_) => ExportError::from(std::io::Error::from(e)),
        None => ExportError::new(ExportErrorKind::Format, e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use liveline_core::Timeline;

    struct Lines;

    impl Export for Lines {
        fn name(&self) -> &str {
            "lines"
        }
        fn extension(&self) -> &str {
            "txt"
        }
        fn media_type(&self) -> &str {
            "text/plain"
        }
        fn write(&self, t: &Timeline, out: &mut dyn std::io::Write) -> Result<(), ExportError> {
            writeln!(out, "{}", t.events.len())?;
            Ok(())
        }
    }

    #[test]
    fn a_registered_format_sits_beside_the_built_in_ones() {
        let mut f = Formats::builtin();
        assert_eq!(
            f.names(),
            [
                "json",
                "jsonl",
                "csv",
                "md",
                "html",
                "timelinejs",
                "tei",
                "tilse",
                "jsonld"
            ]
        );
        f.register(Lines);
        assert_eq!(f.names().len(), 10);
        let mut out = Vec::new();
        f.get("lines")
            .unwrap()
            .write(&Timeline::default(), &mut out)
            .unwrap();
        assert_eq!(out, b"0\n");
        // The same name again replaces it.
        f.register(Lines);
        assert_eq!(f.names().len(), 10);
        assert!(f.get("docx").is_none());
    }
}
