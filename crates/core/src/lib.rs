//! # liveline-core
//!
//! The data model and the stable traits of liveline, the toolkit that turns scraped
//! news text (live blogs above all) into structured, time-stamped timelines.
//!
//! Every other liveline crate depends on this one and on nothing else of liveline's, so
//! a crate that writes a new output format or cleaning pass needs only this crate.
//!
//! ## The model
//! - [`Document`]: one parsed page — title, [`Byline`], "Updated" [`Stamp`], the
//!   declared post count, preamble [`Block`]s, [`Post`]s, trailer blocks and
//!   [`Diagnostic`]s. Its text is `Cow<'a, str>`, borrowed from the source until a
//!   cleaning pass has to change it, and every element carries a [`Span`] of byte
//!   offsets into the original source (passes change text, never spans).
//! - [`Stamp`]: a time as written ("8:49 a.m. ET, January 21, 2022"), the
//!   [`LocalTime`] it names, its zone and, when it can be known, the UTC instant.
//! - [`Timeline`] and [`Event`]: owned data drawn from documents.
//! - [`news`]: sentence ends, outlet names and photo credits as news pages write them.
//! - [`zone`]: the table from zone abbreviations as pages write them to IANA zones of
//!   the bundled tz database.
//!
//! ## The traits
//! [`Parse`], [`Clean`], [`Extract`] and [`Export`] are small and object-safe, so that
//! pipelines can be chosen at run time.
//!
//! With the default `serde` feature the model serializes to the JSON contract of the
//! project's design (`"schema": "liveline/document@1"`).
//!
//! ## Example
//! ```
//! use liveline_core::{zone, Block, BlockKind, LocalTime, Span};
//!
//! // A paragraph that borrows its text from the source.
//! let src = "Talks ended without a breakthrough.";
//! let block = Block::new(BlockKind::Paragraph, &src[..], Span::new(0, src.len()));
//! assert_eq!(block.span.slice(src), Some(src));
//!
//! // "8:49 a.m. ET, January 21, 2022" in UTC.
//! let local = LocalTime::minute(2022, 1, 21, 8, 49);
//! let utc = zone::lookup("ET").unwrap().to_utc(local.datetime().unwrap()).unwrap();
//! assert_eq!(utc.to_string(), "2022-01-21T13:49:00Z");
//! ```
#![deny(missing_docs)]

mod diag;
mod model;
pub mod news;
mod span;
mod stamp;
mod timeline;
mod traits;
pub mod zone;

pub use diag::{Diagnostic, Level};
pub use jiff;
pub use model::{
    Block, BlockKind, Byline, Contributor, DOCUMENT_SCHEMA, DocKind, Document, Post, Source, Text,
};
pub use span::Span;
pub use stamp::{LocalTime, Precision, Stamp};
pub use timeline::{
    Direction, Event, EventKind, EventSource, Mention, SourceMeta, TIMELINE_SCHEMA, Timeline, When,
};
pub use traits::{
    Clean, CleanEntry, CleanLog, Export, ExportError, ExportErrorKind, Extract, Parse,
};
