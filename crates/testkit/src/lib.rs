//! # liveline-testkit
//!
//! Helpers shared by liveline's tests, benchmarks and fuzz targets (not published):
//! - [`check_spans`]: the span invariants every parsed document must hold;
//! - [`generate`]: documents generated from bytes (with `arbitrary`), in the shapes the
//!   text format can express, for round-trip tests and fuzzing;
//! - [`corpus`]: benchmark corpora made by repeating the seed pages;
//! - [`proptest_cases`]: how many cases a property test runs;
//! - [`event_found_in`]: a bare event found in given pages, for tests of what is made
//!   of events' places;
//! - [`cut_into_parts`]: a document cut into the parts a long page is worked on in;
//! - [`Lcg`]: numbers that look random and are the same every run, for tests that
//!   generate their cases themselves.
//!
//! ## Example
//! ```
//! use liveline_core::{Block, BlockKind, Document, Post, Span};
//!
//! let src = "Hello.";
//! let mut doc = Document::default();
//! doc.posts.push(Post {
//!     blocks: vec![Block::new(BlockKind::Paragraph, src, Span::new(0, 6))],
//!     span: Span::new(0, 6),
//!     ..Post::default()
//! });
//! assert_eq!(liveline_testkit::check_spans(src, &doc), Ok(()));
//! ```
#![deny(missing_docs)]

pub mod corpus;
pub mod generate;

use liveline_core::{Document, Event, EventKind, EventSource, Span};

/// A linear congruential generator: numbers that look random enough for generating
/// test cases, the same from one run to the next for one seed.
#[derive(Clone, Debug)]
pub struct Lcg(u64);

impl Lcg {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Self {
        Lcg(seed)
    }

    /// The next number, below `n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

/// How many cases a property test runs: `LIVELINE_PROPTEST_CASES` when it is set to
/// a number (for long runs), else `default`.
pub fn proptest_cases(default: u32) -> u32 {
    std::env::var("LIVELINE_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Check the span invariants of a document parsed from `src`:
/// every leaf span is within bounds and on character boundaries; leaf spans are in
/// order and do not overlap; every non-white-space character of `src` is inside one;
/// each post's span covers its leaves; no leaf span starts or ends with white space.
pub fn check_spans(src: &str, doc: &Document<'_>) -> Result<(), String> {
    let spans = doc.leaf_spans();
    for s in &spans {
        if s.start > s.end || s.end > src.len() {
            return Err(format!(
                "span {s:?} is out of bounds (source is {} bytes)",
                src.len()
            ));
        }
        if !src.is_char_boundary(s.start) || !src.is_char_boundary(s.end) {
            return Err(format!("span {s:?} is not on character boundaries"));
        }
        let text = &src[s.start..s.end];
        if text.is_empty() || text.trim() != text {
            return Err(format!(
                "span {s:?} is empty or has white space at an end: {text:?}"
            ));
        }
    }
    for w in spans.windows(2) {
        if w[0].end > w[1].start {
            return Err(format!("spans {:?} and {:?} overlap", w[0], w[1]));
        }
    }
    let mut covered = 0;
    for s in spans
        .iter()
        .copied()
        .chain(std::iter::once(Span::new(src.len(), src.len())))
    {
        let gap = &src[covered..s.start];
        if let Some((i, c)) = gap.char_indices().find(|(_, c)| !c.is_whitespace()) {
            let at = covered + i;
            return Err(format!(
                "character {c:?} at byte {at} is in no element (gap {covered}..{})",
                s.start
            ));
        }
        covered = s.end;
    }
    for (n, post) in doc.posts.iter().enumerate() {
        if post.leaf_spans().any(|l| !post.span.contains(l)) {
            return Err(format!(
                "post {n}'s span {:?} does not cover its elements",
                post.span
            ));
        }
        for b in &post.blocks {
            if b.items.iter().any(|i| !b.span.contains(i.span)) {
                return Err(format!("block {:?} does not cover its items", b.span));
            }
        }
    }
    for w in doc.posts.windows(2) {
        if w[0].span.end > w[1].span.start {
            return Err(format!("posts {:?} and {:?} overlap", w[0].span, w[1].span));
        }
    }
    Ok(())
}

/// The document as a JSON value without spans, source or diagnostics: what a
/// round trip through the text format must keep.
pub fn shape(doc: &Document<'_>) -> serde_json::Value {
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                for key in [
                    "span",
                    "contributors_span",
                    "declared_posts_span",
                    "source",
                    "diagnostics",
                ] {
                    m.remove(key);
                }
                m.values_mut().for_each(strip);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(doc).unwrap_or_default();
    strip(&mut v);
    v
}

/// A post event with id `id` and nothing else, found in each of `pages` (post 0, bytes
/// 0 to 1): set the fields a test is about with struct update syntax.
pub fn event_found_in(id: &str, pages: &[&str]) -> Event {
    Event {
        id: id.into(),
        kind: EventKind::Post,
        when: None,
        headline: None,
        text: String::new(),
        blocks: Vec::new(),
        contributors: Vec::new(),
        sources: pages
            .iter()
            .map(|p| EventSource {
                source: (*p).into(),
                post: Some(0),
                span: Span::new(0, 1),
            })
            .collect(),
        mentions: Vec::new(),
        parent: None,
        keys: Vec::new(),
    }
}

/// `doc` cut into parts before the posts at `cuts` (clamped to the posts, in any
/// order; a cut given twice gives an empty part), as a long page is cut to be worked on
/// in parts: the first part with the head and the first posts, each next with only
/// posts, the last with the trailer. `Document::from_parts` of them is `doc`.
pub fn cut_into_parts<'a>(mut doc: Document<'a>, cuts: &[usize]) -> Vec<Document<'a>> {
    let mut at: Vec<usize> = cuts.iter().map(|&c| c.min(doc.posts.len())).collect();
    at.sort_unstable();
    let mut rest: Vec<Document<'a>> = at
        .iter()
        .rev()
        .map(|&c| Document {
            kind: doc.kind,
            posts: doc.posts.split_off(c),
            ..Document::default()
        })
        .collect();
    rest.reverse();
    if let Some(last) = rest.last_mut() {
        last.trailer = std::mem::take(&mut doc.trailer);
    }
    std::iter::once(doc).chain(rest).collect()
}
