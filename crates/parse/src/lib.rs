//! # liveline-parse
//!
//! A fast, total, zero-copy parser for news pages as scraped text: live blogs above
//! all (posts with times, headlines, contributors, captions), and their relatives,
//! articles and "what we know" bulletins. It turns `&str` into a
//! [`liveline_core::Document`] whose text borrows from the input.
//!
//! ## Design
//! - **Line-oriented, then structural.** The source is split into lines once (with
//!   `memchr`); each line is classified by its form with small nom 8 parsers in
//!   complete mode (a time stamp, a byline, a contributor line, "N Posts", a bullet...),
//!   tried only when a line's first byte says they can match. Lines are then assembled
//!   into the header, posts, blocks and trailer. Cost is linear in the input.
//! - **Total.** Every `&str` gives a document; nothing panics; every non-blank line of
//!   the input ends up inside exactly one leaf element's span (see
//!   [`Document::leaf_spans`](liveline_core::Document::leaf_spans)). A line the parser
//!   cannot classify is kept as a paragraph; oddities become
//!   [`Diagnostic`](liveline_core::Diagnostic)s.
//! - **Times are real.** Stamps are converted to UTC with the bundled tz database
//!   (see [`liveline_core::zone`]); a time without a date takes the page's date, and a
//!   time that cannot be placed keeps `utc: None` — a date is never invented.
//!
//! The forms recognised, with the classes of line they belong to, are listed in the
//! README; [`render`] writes a document back to the text format.
//!
//! ## Example
//! ```
//! use liveline_parse::parse;
//!
//! let src = "Talks in Geneva\n\nUpdated 9:06 p.m. ET, January 21, 2022\n2 Posts\n\n\
//!            8:49 a.m. ET, January 21, 2022\n\nMinisters meet for ninety minutes in Geneva\n\n\
//!            From CNN's Jane Roe in Geneva\n\nThe meeting ended without a breakthrough.\n\n\
//!            8:09 a.m. ET\n\nDiplomats arrive at the lakeside hotel for talks\n\n\
//!            Both delegations arrived early.\n";
//! let doc = parse(src);
//! assert_eq!(doc.posts.len(), 2);
//! let first = &doc.posts[0];
//! assert_eq!(first.headline.as_ref().unwrap().text, "Ministers meet for ninety minutes in Geneva");
//! assert_eq!(first.contributors[0].name, "Jane Roe");
//! assert_eq!(first.stamp.as_ref().unwrap().utc.unwrap().to_string(), "2022-01-21T13:49:00Z");
//! // The second post's time has no date: it takes the page's.
//! assert_eq!(doc.posts[1].stamp.as_ref().unwrap().utc.unwrap().to_string(), "2022-01-21T13:09:00Z");
//! ```
#![deny(missing_docs)]

mod build;
mod decode;
mod grammar;
mod lines;
mod people;
pub mod render;
mod resolve;

pub use decode::{DecodeError, DecodeErrorKind, decode, decode_lossy, line_ends};
use liveline_core::{Document, Parse};

/// The liveline text parser. It has no settings yet; it implements [`Parse`].
#[derive(Clone, Copy, Debug, Default)]
pub struct Parser;

impl Parse for Parser {
    fn parse<'a>(&self, src: &'a str) -> Document<'a> {
        parse(src)
    }
}

/// Parse `text` as one time stamp in any of the forms the parser knows ("8:49 a.m. ET,
/// January 21, 2022", "Feb. 24, 2022, 8:49 a.m. ET", "17:17 GMT", "2h ago", "March 23,
/// 2022", with an optional "Updated" or "published at" before it). The whole text must
/// be the stamp. UTC is set when the date and the zone are both written.
///
/// ```
/// let s = liveline_parse::parse_stamp("0755 GMT (1555 HKT) January 28, 2022").unwrap();
/// assert_eq!(s.local.unwrap().to_string(), "2022-01-28T07:55");
/// assert_eq!(s.utc.unwrap().to_string(), "2022-01-28T07:55:00Z");
/// assert!(liveline_parse::parse_stamp("the 8:49 train").is_none());
/// ```
pub fn parse_stamp(text: &str) -> Option<liveline_core::Stamp<'_>> {
    build::parse_stamp(text)
}

/// Parse `src` into a document. Total: never panics, never drops a line.
pub fn parse(src: &str) -> Document<'_> {
    let mut doc = build::build(src);
    resolve::resolve(&mut doc);
    doc
}

/// [`parse`] on the threads of the current rayon pool (all done when it returns): the
/// text's lines split and classified in `parts` parts at once, the posts of a long live
/// blog (a few hundred a task at least) built at once, each straight into its place, and
/// a timed live blog's times resolved in two parts when a post near the middle has a
/// time with its date and zone. The same document, sooner for a long page when there
/// are cores to spare. The rest (the header, the trailer) is done on the calling thread.
///
/// ```
/// let src = "Talks\n\n8:49 a.m. ET, January 21, 2022\n\nA post\n\n8:09 a.m. ET\n\nAnother\n";
/// assert_eq!(liveline_parse::parse_in_parts(src, 3), liveline_parse::parse(src));
/// ```
pub fn parse_in_parts(src: &str, parts: usize) -> Document<'_> {
    let mut doc = build::build_in_parts(src, parts);
    resolve::resolve_in_parts(&mut doc, parts);
    doc
}

/// [`parse_in_parts`], the document given in parts when it is built in parts: a timed
/// live blog whose lines were classified in two parts comes in two, the posts of each
/// built straight into a list of their own, and any other text in one part. The first
/// part holds the head, the first posts and the diagnostics, the second only posts and
/// the trailer (the parts [`liveline_core::Clean::clean_parts`] takes);
/// [`Document::from_parts`] of them is [`parse`]'s document. For a long page to go
/// through cleaning and extraction on several threads without its posts being moved
/// into one list and split again.
///
/// ```
/// use liveline_core::Document;
///
/// let src = "Talks\n\n8:49 a.m. ET, January 21, 2022\n\nA post\n\n8:09 a.m. ET\n\nAnother\n";
/// let parts = liveline_parse::parse_into_parts(src, 2);
/// assert_eq!(parts.len(), 2);
/// assert_eq!(parts[1].posts.len(), 1);
/// assert_eq!(Document::from_parts(parts), liveline_parse::parse(src));
/// ```
pub fn parse_into_parts(src: &str, parts: usize) -> Vec<Document<'_>> {
    let (head, rest) = build::build_into_parts(src, parts, true);
    let mut docs: Vec<Document<'_>> = std::iter::once(head).chain(rest).collect();
    resolve::resolve_parts(&mut docs, parts);
    docs
}

/// Stages of the parser, exposed for the benchmarks that break its cost down. Not part
/// of the stable API.
#[doc(hidden)]
pub mod stages {
    /// Split into lines; returns the number of non-blank lines.
    pub fn split(src: &str) -> usize {
        crate::lines::split(src).len()
    }

    /// Split and classify; returns the number of lines that are not plain text.
    pub fn classify(src: &str) -> usize {
        let mut found = crate::lines::Found::default();
        crate::lines::split(src)
            .iter()
            .filter(|l| crate::lines::classify(l, &mut found) != crate::lines::Class::Text)
            .count()
    }

    /// Build the document without resolving times; returns the number of posts.
    pub fn build(src: &str) -> usize {
        crate::build::build(src).posts.len()
    }
}
