//! # liveline
//!
//! Turns scraped news text — live blogs above all — into clean, structured,
//! time-stamped documents and timelines. This facade crate re-exports the workspace's
//! crates under one name; each can also be used on its own:
//!
//! - [`core`] (`liveline-core`): the data model and the stable traits;
//! - [`parse`] (`liveline-parse`): the text parser;
//! - [`clean`] (`liveline-clean`): cleaning passes and the pass pipeline;
//! - [`timeline`] (`liveline-timeline`): events, snapshot merging, dates, mentions;
//! - [`export`] (`liveline-export`): timelines in JSON, JSONL, CSV, Markdown, HTML,
//!   TimelineJS, TEI, tilse and JSON-LD.
//!
//! The `liveline` command-line tool is built from this package too.
//!
//! ## Example
//! ```
//! use liveline::core::Parse;
//!
//! let doc = liveline::parse::Parser.parse("Title of the page\n\nOne paragraph of text.\n");
//! assert_eq!(doc.title.unwrap().text, "Title of the page");
//! assert_eq!(doc.posts[0].blocks[0].text, "One paragraph of text.");
//! ```
#![deny(missing_docs)]

pub use liveline_clean as clean;
pub use liveline_core as core;
pub use liveline_export as export;
pub use liveline_parse as parse;
pub use liveline_timeline as timeline;
