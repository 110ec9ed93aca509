//! # liveline-clean
//!
//! Cleaning passes for liveline documents: each pass implements
//! [`Clean`], is deterministic and idempotent, changes text but
//! never spans (spans keep pointing into the original source), and records every change
//! in a [`CleanLog`].
//!
//! Removal means marking: boilerplate and repeated blocks become blocks of kind
//! `boilerplate` with a label saying why, so exports can leave them out while the
//! document still accounts for every line of the source.
//!
//! ## Passes
//! - [`Mojibake`]: UTF-8 read as Windows-1252 ("â€™") repaired where unambiguous;
//! - [`Unicode`]: NFC, no zero-width characters or soft hyphens, plain spaces, no
//!   control characters;
//! - [`Whitespace`]: trimmed texts, single spaces, LF line ends;
//! - [`Credits`]: photo credits at the end of a caption moved to its credit field;
//! - [`Quotes`]: a quote and dash policy (keep, straight or curly), and
//!   [`quotes::match_key`] for comparing texts whatever their quotes;
//! - [`Reflow`]: hard-wrapped paragraphs joined back into one;
//! - [`Boilerplate`]: interface strings, promos, consent notices, link lists, with a
//!   common list, per-outlet lists and user lists;
//! - [`Duplicates`]: captions printed twice, repeated link lists, repeated paragraphs.
//!
//! [`Pipeline::default_pipeline`] runs them in that order (quotes kept as written;
//! hard-wrapped lines joined before the boilerplate rules are read, so that a wrapped
//! boilerplate line is judged whole, and a second run changes nothing). A
//! [`Pipeline`] is built from passes with [`Pipeline::builder`]; passes chosen at run
//! time go in boxed. [`Pipeline::run_in_parts`] cleans a long page in parts on several
//! threads, with the same result and log: every pass here cleans parts
//! ([`Clean::per_text`], [`Clean::clean_parts`]); [`Pipeline::run_on_parts`] cleans a
//! page given in parts (as `liveline_parse::parse_into_parts` gives a long one) in them.
//!
//! [`plain_text`] writes a cleaned document as plain text without its boilerplate.
//!
//! Every text pass has a fast path: ASCII or already-clean text is left borrowed.
//!
//! ## Example
//! ```
//! use liveline_clean::Pipeline;
//! use liveline_core::{BlockKind, CleanLog};
//!
//! let src = "Talks in Geneva\n\nSort byDropdown arrow\n\nMinisters\u{a0}met for  ninety minutes.\n";
//! let mut doc = liveline_parse::parse(src);
//! let mut log = CleanLog::default();
//! Pipeline::default_pipeline().run(&mut doc, &mut log);
//! let blocks: Vec<_> = doc.preamble.iter().chain(&doc.posts[0].blocks).collect();
//! assert_eq!(blocks[0].kind, BlockKind::Boilerplate);
//! assert_eq!(blocks[1].text, "Ministers met for ninety minutes.");
//! assert!(log.entries.iter().any(|e| e.pass == "unicode"));
//! ```
#![deny(missing_docs)]

pub mod boilerplate;
pub mod credits;
pub mod duplicates;
pub mod mojibake;
pub mod plain;
pub mod quotes;
pub mod reflow;
mod scan;
pub mod text;
pub mod unicode;
pub mod whitespace;

pub use boilerplate::Boilerplate;
pub use credits::Credits;
pub use duplicates::Duplicates;
use liveline_core::{Clean, CleanLog, Document, Post};
pub use mojibake::Mojibake;
pub use plain::{plain_text, write_plain};
pub use quotes::{QuotePolicy, Quotes};
pub use reflow::Reflow;
pub use unicode::Unicode;
pub use whitespace::Whitespace;

/// A pass the pipeline owns.
pub type BoxedPass = Box<dyn Clean + Send + Sync>;

/// Passes run one after another.
pub struct Pipeline {
    passes: Vec<BoxedPass>,
}

/// Builds a [`Pipeline`].
#[derive(Default)]
pub struct PipelineBuilder {
    passes: Vec<BoxedPass>,
}

impl PipelineBuilder {
    /// Add a pass at the end.
    pub fn pass(self, pass: impl Clean + Send + Sync + 'static) -> Self {
        self.boxed(Box::new(pass))
    }

    /// Add a boxed pass at the end (for passes chosen at run time).
    pub fn boxed(mut self, pass: BoxedPass) -> Self {
        self.passes.push(pass);
        self
    }

    /// Remove the passes named `name`.
    pub fn without(mut self, name: &str) -> Self {
        self.passes.retain(|p| p.name() != name);
        self
    }

    /// The pipeline.
    pub fn build(self) -> Pipeline {
        Pipeline {
            passes: self.passes,
        }
    }
}

impl Pipeline {
    /// An empty builder.
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder::default()
    }

    /// A builder holding the default passes, to add to or take from.
    pub fn default_builder() -> PipelineBuilder {
        Pipeline::builder()
            .pass(Mojibake)
            .pass(Unicode)
            .pass(Whitespace)
            .pass(Credits)
            .pass(Quotes::default())
            .pass(Reflow)
            .pass(Boilerplate::built_in())
            .pass(Duplicates)
    }

    /// The default pipeline: mojibake, unicode, whitespace, credits, quotes (kept as written),
    /// reflow, boilerplate (built-in list), duplicates.
    pub fn default_pipeline() -> Pipeline {
        Pipeline::default_builder().build()
    }

    /// The names of the passes, in order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.passes.iter().map(|p| p.name())
    }

    /// Run every pass on `doc`, logging into `log`. On a long page, passes in a row
    /// that clean each text on its own ([`Clean::per_text`]) go through a few hundred
    /// posts at a time, all of them before the next posts, while those posts' texts are
    /// still in the processor's cache; the document and the log are those of running
    /// each pass on the whole page in turn.
    pub fn run(&self, doc: &mut Document<'_>, log: &mut CleanLog) {
        let mut next = 0;
        while let Some(pass) = self.passes.get(next) {
            let run = per_text_run(&self.passes[next..]);
            if !in_chunks(run, doc) {
                pass.clean(doc, log);
                next += 1;
                continue;
            }
            let mut logs: Vec<CleanLog> = (0..run).map(|_| log.empty_like()).collect();
            run_per_text(&self.passes[next..next + run], doc, &mut logs);
            for mut l in logs {
                log.entries.append(&mut l.entries);
            }
            next += run;
        }
    }

    /// [`Pipeline::run`] on `parts` parts of the posts at once, on the threads of the
    /// current rayon pool: the passes that clean each text on its own
    /// ([`Clean::per_text`]) clean each part, those that can clean parts
    /// ([`Clean::clean_parts`]) do, and the others run on the whole document. The same
    /// document and the same log, in the same order, as [`Pipeline::run`] gives. For
    /// long pages (a few hundred posts a part at least).
    pub fn run_in_parts(&self, doc: &mut Document<'_>, log: &mut CleanLog, parts: usize) {
        let parts = parts.clamp(1, doc.posts.len().max(1));
        if parts < 2 {
            return self.run(doc, log);
        }
        let mut rest = split(doc, parts);
        self.run_split(doc, &mut rest, log);
        join(doc, rest);
    }

    /// [`Pipeline::run`] on a document given in parts (the first part holds the head
    /// and the first posts, each next part only posts, and the last the trailer: see
    /// [`Clean::clean_parts`]), each part on a thread of the current rayon pool as
    /// [`Pipeline::run_in_parts`] cleans them: the parts keep their posts (but for a
    /// pass that cannot clean parts, run on the whole document and split again), and
    /// [`Document::from_parts`] of them is what [`Pipeline::run`] gives of the whole,
    /// with the same log. For a long page parsed in parts, which need not be joined to
    /// be cleaned.
    ///
    /// ```
    /// use liveline_clean::Pipeline;
    /// use liveline_core::{CleanLog, Document};
    ///
    /// let src = "Talks\n\n8:49 a.m. ET, January 21, 2022\n\nA  post\n\n8:09 a.m. ET\n\nAnother\n";
    /// let mut parts = liveline_parse::parse_into_parts(src, 2);
    /// Pipeline::default_pipeline().run_on_parts(&mut parts, &mut CleanLog::default());
    /// let mut whole = liveline_parse::parse(src);
    /// Pipeline::default_pipeline().run(&mut whole, &mut CleanLog::default());
    /// assert_eq!(Document::from_parts(parts), whole);
    /// ```
    pub fn run_on_parts(&self, parts: &mut [Document<'_>], log: &mut CleanLog) {
        match parts {
            [] => {}
            [doc] => self.run(doc, log),
            [doc, rest @ ..] => self.run_split(doc, rest, log),
        }
    }

    /// The passes on `doc` and `rest`, the parts after it, as [`Pipeline::run_on_parts`]
    /// runs them.
    fn run_split<'a>(&self, doc: &mut Document<'a>, rest: &mut [Document<'a>], log: &mut CleanLog) {
        let mut next = 0;
        while let Some(pass) = self.passes.get(next) {
            let mut all: Vec<&mut Document<'_>> =
                std::iter::once(&mut *doc).chain(rest.iter_mut()).collect();
            // A run of passes that clean each text on its own: each part goes through
            // all of them at once, and the logs come back pass by pass, part by part.
            let run = per_text_run(&self.passes[next..]);
            if run > 0 {
                let passes = &self.passes[next..next + run];
                // Each part's logs, a log a pass (`each_part`'s own log stays empty).
                let mut logs = each_part(&mut all, log, |_, d, l| {
                    let mut logs: Vec<CleanLog> = passes.iter().map(|_| l.empty_like()).collect();
                    run_per_text(passes, d, &mut logs);
                    logs
                });
                for n in 0..run {
                    for part in &mut logs {
                        log.entries.append(&mut part[n].entries);
                    }
                }
                next += run;
                continue;
            }
            next += 1;
            if !pass.clean_parts(&mut all, log) {
                drop(all);
                let parts: Vec<Document<'a>> = rest.iter_mut().map(std::mem::take).collect();
                join(doc, parts);
                pass.clean(doc, log);
                split_into(doc, rest);
            }
        }
    }
}

/// How many of `passes`, from the first, clean each text on their own.
fn per_text_run(passes: &[BoxedPass]) -> usize {
    passes.iter().take_while(|p| p.per_text()).count()
}

/// Posts a pass of a run of [`Clean::per_text`] passes goes through before the next
/// pass takes them (see [`run_per_text`]): a few hundred kilobytes of text.
const POSTS_A_CHUNK: usize = 256;

/// Whether a run of `passes` passes that clean each text on its own takes `doc` a
/// chunk of posts at a time: two passes or more, on a page of two chunks or more.
fn in_chunks(passes: usize, doc: &Document<'_>) -> bool {
    passes >= 2 && doc.posts.len() >= 2 * POSTS_A_CHUNK
}

/// `passes`, which clean each text on its own, on `doc`, pass `i` logging into
/// `logs[i]`. A page of many posts, for two passes or more ([`in_chunks`]), is taken in
/// chunks of
/// [`POSTS_A_CHUNK`] posts (the first with the page's header and preamble, the last
/// with its trailer), and each chunk goes through all the passes before the next: on a
/// long page each pass otherwise reads the whole page from memory again. Each pass sees
/// the texts in the order it would on the whole page, so the logs are the same. The
/// posts of a chunk are moved into a list of their own and back (a chunk's worth of
/// room, used again for every chunk), never all at once.
fn run_per_text(passes: &[BoxedPass], doc: &mut Document<'_>, logs: &mut [CleanLog]) {
    let mut clean = |d: &mut Document<'_>| {
        for (p, l) in passes.iter().zip(logs.iter_mut()) {
            p.clean(d, l);
        }
    };
    if !in_chunks(passes.len(), doc) {
        return clean(doc);
    }
    let mut posts = std::mem::take(&mut doc.posts);
    let mut trailer = std::mem::take(&mut doc.trailer);
    // The later chunks go through a document of their own, without the page's header.
    let mut later = Document {
        kind: doc.kind,
        ..Document::default()
    };
    let mut room: Vec<Post<'_>> = Vec::with_capacity(POSTS_A_CHUNK);
    let count = posts.len();
    for start in (0..count).step_by(POSTS_A_CHUNK) {
        let chunk = &mut posts[start..(start + POSTS_A_CHUNK).min(count)];
        let last = start + chunk.len() == count;
        let d = if start == 0 { &mut *doc } else { &mut later };
        room.extend(chunk.iter_mut().map(std::mem::take));
        d.posts = room;
        if last {
            d.trailer = std::mem::take(&mut trailer);
        }
        clean(d);
        // A pass that cleans texts keeps the posts it was given, one for one.
        debug_assert_eq!(
            d.posts.len(),
            chunk.len(),
            "a text pass added or took posts"
        );
        for (slot, post) in chunk.iter_mut().zip(d.posts.drain(..)) {
            *slot = post;
        }
        room = std::mem::take(&mut d.posts);
        if last {
            trailer = std::mem::take(&mut d.trailer);
        }
    }
    doc.posts = posts;
    doc.trailer = trailer;
}

/// The posts of `doc` after its first part, in parts of their own (`parts` in all,
/// of sizes as equal as can be), the last with the trailer.
fn split<'a>(doc: &mut Document<'a>, parts: usize) -> Vec<Document<'a>> {
    let mut rest: Vec<Document<'a>> = (1..parts.max(1))
        .map(|_| Document {
            kind: doc.kind,
            ..Document::default()
        })
        .collect();
    split_into(doc, &mut rest);
    // With fewer posts than parts, no part is left empty.
    rest.retain(|part| !part.posts.is_empty());
    rest
}

/// `doc` split into as many parts as there are in `rest` and one (`doc`, the first,
/// keeps its head and first posts), the posts of the parts after the first moved into
/// `rest` (which holds none), as evenly as they go, and the trailer into its last.
fn split_into<'a>(doc: &mut Document<'a>, rest: &mut [Document<'a>]) {
    use rayon::prelude::*;
    let per_part = doc.posts.len().div_ceil(rest.len() + 1);
    for part in rest.iter_mut().rev() {
        if doc.posts.len() <= per_part {
            break;
        }
        let at = per_part.max(doc.posts.len() - per_part);
        // Moved on the pool's threads, each post straight into its place: a long
        // page's posts are megabytes, and this is work no pass waits less for.
        doc.posts
            .par_drain(at..)
            .with_min_len(POSTS_MOVED_A_TASK)
            .collect_into_vec(&mut part.posts);
    }
    if let Some(last) = rest.last_mut() {
        last.trailer = std::mem::take(&mut doc.trailer);
    }
}

/// How many posts at least a thread moves at a time when a document is split into
/// parts and joined again.
const POSTS_MOVED_A_TASK: usize = 4096;

/// The parts [`split`] made, back in `doc`.
fn join<'a>(doc: &mut Document<'a>, rest: Vec<Document<'a>>) {
    use rayon::prelude::*;
    for mut part in rest {
        // On the pool's threads too, into the room the posts left.
        doc.posts.par_extend(
            std::mem::take(&mut part.posts)
                .into_par_iter()
                .with_min_len(POSTS_MOVED_A_TASK),
        );
        if !part.trailer.is_empty() {
            doc.trailer = std::mem::take(&mut part.trailer);
        }
    }
}

/// `f` run on every part at once (with the part's index), each part logging on its
/// own: the logs are appended to `log` part after part, as a run over the whole
/// document writes them, and what `f` gives comes back in part order.
pub(crate) fn each_part<R: Send>(
    parts: &mut [&mut Document<'_>],
    log: &mut CleanLog,
    f: impl Fn(usize, &mut Document<'_>, &mut CleanLog) -> R + Sync,
) -> Vec<R> {
    use rayon::prelude::*;
    let done: Vec<(CleanLog, R)> = parts
        .par_iter_mut()
        .enumerate()
        .map(|(k, d)| {
            let mut l = log.empty_like();
            let r = f(k, d, &mut l);
            (l, r)
        })
        .collect();
    done.into_iter()
        .map(|(mut l, r)| {
            log.entries.append(&mut l.entries);
            r
        })
        .collect()
}

impl Clean for Pipeline {
    fn name(&self) -> &str {
        "pipeline"
    }

    fn clean(&self, doc: &mut Document<'_>, log: &mut CleanLog) {
        self.run(doc, log);
    }
}

/// The passes this crate knows, by name, with default settings: what a command line
/// offers for `--pass NAME`.
pub fn pass_by_name(name: &str) -> Option<BoxedPass> {
    Some(match name {
        "mojibake" => Box::new(Mojibake),
        "unicode" => Box::new(Unicode),
        "whitespace" => Box::new(Whitespace),
        "credits" => Box::new(Credits),
        "quotes" => Box::new(Quotes::default()),
        "boilerplate" => Box::new(Boilerplate::built_in()),
        "reflow" => Box::new(Reflow),
        "duplicates" => Box::new(Duplicates),
        _ => return None,
    })
}
