//! # liveline-timeline
//!
//! Timelines from liveline documents: what happened when, from which sources.
//!
//! - [`Extractor`] implements [`Extract`](liveline_core::Extract): each live-blog post
//!   becomes a `post` event, each bullet of a bulletin a `bullet` event, each year item
//!   inside a post ("2014: ...") a `year_item` event linked to its post, an article one
//!   `article` event. Every event has a stable id made from its content, its time
//!   (UTC, local as written, zone as written, IANA zone, precision), headline, text,
//!   blocks, contributors, and every place it was found.
//! - [`Merge`] unites timelines: versions of the same post in several snapshots —
//!   trimmed, re-headlined, with other apostrophes — become one event with the most
//!   complete text, the most precise time and all sources. Merging is associative,
//!   commutative and idempotent ([`merge`] tells how), so shards merge as a reduce.
//! - [`Memo`] remembers the events of posts met before: snapshots of a live blog repeat
//!   most of its posts, and a post met again is not read again
//!   ([`timeline_of_posts_with`], [`Extractor::extract_posts_with`]; same events).
//! - [`Merger`] merges pages as they come, as a batch worker does: versions are united
//!   as they pile up (copies from a [`Memo`] without being made) and the timeline is
//!   put in normal form once, at the end; it gives what [`merge_all`] gives.
//! - [`infer_dates`] gives an untimed page's events the day its matched posts show,
//!   or a reference date; it never invents one.
//! - [`mentions`] finds time mentions in the text ("on Thursday", "next week", "since
//!   2004") and resolves them in TIMEX3 style against each post's own date.
//! - [`Query`] filters a timeline by time, text and contributor.
//!
//! ## Example
//! ```
//! use liveline_timeline::{Extractor, Merge, timeline_of};
//!
//! let morning = "Talks in Geneva\n\n8:49 a.m. ET, January 21, 2022\n\nMinisters meet\n\n\
//!     The foreign ministers of both countries met in Geneva on Friday for talks that lasted ninety minutes.\n\n\
//!     8:30 a.m. ET, January 21, 2022\n\nTroops on the move\n\n\
//!     Satellite images show new deployments of armoured units close to the northern border this week.\n";
//! // A later snapshot: the first post's headline was changed.
//! let later = morning.replace("Ministers meet", "Ministers meet for ninety minutes");
//! let a = timeline_of(&liveline_parse::parse(morning), &Extractor::default());
//! let b = timeline_of(&liveline_parse::parse(&later), &Extractor::default());
//! let merged = a.merge(&b);
//! assert_eq!(merged.events.len(), 2);
//! assert_eq!(merged.events[0].when.as_ref().unwrap().utc.unwrap().to_string(), "2022-01-21T13:30:00Z");
//! ```
#![deny(missing_docs)]

pub mod dates;
pub mod extract;
pub mod keys;
pub mod memo;
pub mod mentions;
pub mod merge;
pub mod query;
pub mod text;

pub use dates::infer_dates;
pub use extract::{Extractor, source_meta, source_meta_of_parts};
pub use memo::Memo;
pub use mentions::resolve_all as resolve_mentions;
pub use merge::{Merge, Merger, merge_all};
pub use query::{Bound, Query};

use liveline_core::{Document, Timeline};

/// The timeline of one document: its events, versions of the same event united, sorted.
pub fn timeline_of(doc: &Document<'_>, extractor: &Extractor) -> Timeline {
    timeline_of_posts(doc, extractor, 0..doc.posts.len())
}

/// The timeline of the posts `posts` of a document ([`Extractor::extract_posts`]),
/// versions of the same event united, sorted: the timelines of ranges that cover a
/// document merge ([`merge_all`]) to [`timeline_of`] it, so a long page can be worked
/// on a range at a time.
pub fn timeline_of_posts(
    doc: &Document<'_>,
    extractor: &Extractor,
    posts: std::ops::Range<usize>,
) -> Timeline {
    of_posts(doc, extractor, posts, None)
}

/// [`timeline_of_posts`] with a [`Memo`] of the posts met before (snapshots of the
/// same live blog repeat most posts): the same timeline, without reading again the
/// posts the memo knows.
pub fn timeline_of_posts_with(
    doc: &Document<'_>,
    extractor: &Extractor,
    posts: std::ops::Range<usize>,
    memo: &mut Memo,
) -> Timeline {
    of_posts(doc, extractor, posts, Some(memo))
}

fn of_posts(
    doc: &Document<'_>,
    extractor: &Extractor,
    posts: std::ops::Range<usize>,
    memo: Option<&mut Memo>,
) -> Timeline {
    let source = source_meta(doc);
    let mut events = Vec::new();
    // Uniting resolves the mentions: extraction need not.
    extractor.extract_unresolved(&source, doc, posts, &mut events, memo);
    Timeline {
        sources: vec![source],
        events: merge::unite(events),
    }
}
