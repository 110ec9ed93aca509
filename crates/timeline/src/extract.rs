//! Documents to events: each live-blog post is a `post` event, each bullet of a
//! bulletin a `bullet` event, each year item inside a post ("2014: ...") a `year_item`
//! event linked to its post, and an article one `article` event.

use std::borrow::Cow;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use liveline_core::{
    Block, BlockKind, Contributor, DocKind, Document, Event, EventKind, EventSource, Extract,
    Mention, Post, Precision, SourceMeta, Span, Stamp, Text, When, jiff, zone,
};

use crate::keys::Keyer;
use crate::memo::{self, Finds, Memo, Placed, Placing, Sink};
use crate::mentions;
use crate::text::{Fnv, scan_words};

/// Turns documents into events; see the [module documentation](self).
#[derive(Clone, Copy, Debug, Default)]
pub struct Extractor<'s> {
    /// The date to give stamps that have a time of day but no date (when the page
    /// gives none either), as `--date` does on the command line.
    pub reference_date: Option<Date>,
    /// The text the document was parsed from. With it, every time mention's span is
    /// exact even where cleaning rewrote the text around it; without it, a mention in a
    /// block whose text cleaning changed gets the block's span.
    pub source_text: Option<&'s str>,
}

/// The description of `doc` a timeline keeps: id (the file name of its path), path,
/// SHA-256, kind, title, outlet and "Updated" stamp.
pub fn source_meta(doc: &Document<'_>) -> SourceMeta {
    source_meta_of_parts(std::slice::from_ref(doc))
}

/// [`source_meta`] of a document given in parts: of [`Document::from_parts`] of them.
pub fn source_meta_of_parts(parts: &[Document<'_>]) -> SourceMeta {
    let none = Document::default();
    let doc = parts.first().unwrap_or(&none);
    let path = doc.source.path.clone();
    let id = path
        .as_deref()
        .map(|p| p.rsplit(['/', '\\']).next().unwrap_or(p).to_owned())
        .unwrap_or_else(|| "-".to_owned());
    let outlet = doc
        .byline
        .as_ref()
        .and_then(|b| b.outlet.as_deref())
        .or_else(|| {
            parts
                .iter()
                .flat_map(|d| &d.posts)
                .flat_map(|p| &p.contributors)
                .find_map(|c| c.outlet.as_deref())
        })
        .map(str::to_owned);
    SourceMeta {
        id,
        path,
        sha256: doc.source.sha256.clone(),
        kind: doc.kind,
        title: doc.title.as_ref().map(|t| t.text.to_string()),
        outlet,
        updated: doc.updated.clone().map(Stamp::into_owned),
    }
}

/// Whether a block is part of an event's body (what is compared and shown).
fn in_body(b: &Block<'_>) -> bool {
    matches!(
        b.kind,
        BlockKind::Paragraph
            | BlockKind::Standfirst
            | BlockKind::Subhead
            | BlockKind::Section
            | BlockKind::Bullet
            | BlockKind::YearItem
            | BlockKind::Caption
            | BlockKind::Gallery
            | BlockKind::Note
    )
}

/// The text of a block as a line of an event's text, for the kinds that are text
/// (captions and galleries are shown as media, not text).
fn text_line(b: &Block<'_>) -> Option<String> {
    match b.kind {
        BlockKind::Paragraph
        | BlockKind::Standfirst
        | BlockKind::Subhead
        | BlockKind::Bullet
        | BlockKind::Note => Some(b.text.to_string()),
        BlockKind::Section | BlockKind::YearItem => Some(match (&b.label, b.text.is_empty()) {
            (Some(l), true) => format!("{l}:"),
            (Some(l), false) => format!("{l}: {}", b.text),
            (None, _) => b.text.to_string(),
        }),
        _ => None,
    }
}

/// Each block of a body as the texts its words are read from: a gallery's captions
/// one by one (each counts as a block), any other block its label and text.
pub(crate) fn for_each_block<'b>(blocks: &[&'b Block<'b>], mut f: impl FnMut(&[&'b str])) {
    for b in blocks {
        if b.kind == BlockKind::Gallery {
            for i in &b.items {
                f(&[&i.text]);
            }
        } else {
            match b.label.as_deref() {
                Some(l) => f(&[l, &b.text]),
                None => f(&[&b.text]),
            }
        }
    }
}

/// The id of an event: 16 hex digits of a hash of its kind, headline and the words of
/// its body, read from `texts` in order.
pub fn event_id<'a>(
    kind: EventKind,
    headline: Option<&str>,
    texts: impl IntoIterator<Item = &'a str>,
) -> String {
    let mut h = id_hasher(kind, headline);
    for t in texts {
        scan_words(t, &mut h);
    }
    id_of(&h)
}

/// An id being hashed ([`event_id`]), the body's words still to come.
fn id_hasher(kind: EventKind, headline: Option<&str>) -> Fnv {
    let mut h = Fnv::default();
    h.str(kind.as_str());
    if let Some(t) = headline {
        scan_words(t, &mut h);
    }
    h.str("\u{1}");
    h
}

fn id_of(h: &Fnv) -> String {
    format!("{:016x}", h.finish())
}

/// Where the blocks being read come from: the document's id and, when known, its text.
struct Place<'p> {
    id: &'p str,
    text: Option<&'p str>,
}

/// The time mentions of a text with its span, placed in the source document: exactly
/// when the source text is at hand or the text is the source's own bytes, else at the
/// text's span. Values are resolved later, once the event's date is known.
fn mentions_of(
    text: &str,
    span: Span,
    borrowed: bool,
    place: &Place<'_>,
    finds: Option<&mut Finds>,
    out: &mut Vec<Mention>,
) {
    // A text that is the source's own bytes is placed by its offsets; a rewritten one
    // is found again in the source's words when the source is at hand.
    let same_bytes = borrowed && text.len() == span.len();
    let how = match place.text.and_then(|src| span.slice(src)) {
        Some(src) if !same_bytes => Placing::InSource(src),
        _ if same_bytes => Placing::ByOffsets,
        _ => Placing::Not,
    };
    let find = || -> Vec<Placed> {
        match how {
            Placing::InSource(src) => mentions::find_located(text, src),
            _ => mentions::find(text)
                .into_iter()
                .map(|f| {
                    let at = matches!(how, Placing::ByOffsets).then(|| f.range.clone());
                    (f, at)
                })
                .collect(),
        }
    };
    let found = match finds {
        Some(finds) => finds.get(how, text, find),
        None => find(),
    };
    for (f, at) in found {
        let span = match at {
            Some(r) => Span::new(span.start + r.start, span.start + r.end),
            None => span,
        };
        out.push(Mention {
            text: text[f.range].to_owned(),
            value: String::new(),
            granularity: String::new(),
            direction: None,
            modifier: None,
            tense: f.tense,
            source: place.id.to_owned(),
            span,
        });
    }
}

/// The time mentions of a headline and body.
fn event_mentions(
    headline: Option<&Text<'_>>,
    body: &[&Block<'_>],
    place: &Place<'_>,
    mut finds: Option<&mut Finds>,
) -> Vec<Mention> {
    let mut out = Vec::new();
    let borrowed = |t: &Cow<'_, str>| matches!(t, Cow::Borrowed(_));
    let mut of = |text: &Cow<'_, str>, span: Span| {
        let finds = finds.as_deref_mut();
        mentions_of(text, span, borrowed(text), place, finds, &mut out);
    };
    if let Some(h) = headline {
        of(&h.text, h.span);
    }
    for b in body {
        if b.kind == BlockKind::Gallery {
            for i in &b.items {
                of(&i.text, i.span);
            }
        } else {
            of(&b.text, b.span);
        }
    }
    out
}

/// An event with the given parts; id, keys and mentions are computed from them (the
/// mentions through `finds` when given). With it, its size: how many words its body
/// has.
#[allow(clippy::too_many_arguments)] // the parts of an event, each its own
fn event<'b>(
    kind: EventKind,
    when: Option<When>,
    headline: Option<&Text<'_>>,
    body: Vec<&'b Block<'b>>,
    contributors: Vec<Contributor<'static>>,
    source: EventSource,
    place: &Place<'_>,
    mut finds: Option<&mut Finds>,
) -> (Event, usize) {
    let mentions = event_mentions(headline, &body, place, finds.as_deref_mut());
    let headline = headline.map(|h| h.text.as_ref());
    // The words are read once, for the id and the keys (from memory, block by block,
    // when the memo is lent).
    let mut keyer = Keyer::default();
    let mut id = id_hasher(kind, headline);
    let mut words = Vec::new();
    for_each_block(&body, |t| match finds.as_deref_mut() {
        Some(f) => f.block_words(t, &mut keyer, &mut id),
        None => keyer.push_texts(t, &mut id, &mut words),
    });
    let id = id_of(&id);
    let text = body
        .iter()
        .filter_map(|b| text_line(b))
        .collect::<Vec<_>>()
        .join("\n\n");
    let size = keyer.words();
    let event = Event {
        kind,
        when,
        headline: headline.map(str::to_owned),
        text,
        blocks: body.into_iter().map(|b| b.clone().into_owned()).collect(),
        contributors,
        sources: vec![source],
        mentions,
        parent: None,
        keys: {
            // An event with no words at all still merges with its exact copies.
            let mut k = keyer.keys(kind);
            if k.is_empty() {
                k.push(Fnv::default().str("id").str(&id).finish());
            }
            k
        },
        id,
    };
    (event, size)
}

impl Extractor<'_> {
    /// The time of a stamp: as the parser resolved it, or on the reference date when it
    /// has a time of day and no date.
    fn when(&self, stamp: &Stamp<'_>) -> Option<When> {
        let local = stamp.local?;
        if local.date().is_some() || local.hour.is_none() {
            return When::from_stamp(stamp);
        }
        let local = local.with_date(self.reference_date?);
        let utc = local.datetime().and_then(|dt| {
            let tz = match (
                stamp.zone.as_deref().and_then(zone::lookup),
                stamp.tz.as_deref(),
            ) {
                (Some(z), _) => return z.to_utc(dt),
                (None, Some(name)) => jiff::tz::db().get(name).ok()?,
                (None, None) => return None,
            };
            to_utc(&tz, dt)
        });
        Some(When {
            utc,
            local,
            zone: stamp.zone.as_deref().map(str::to_owned),
            tz: stamp.tz.as_deref().map(str::to_owned),
            precision: Precision::Minute,
        })
    }

    fn post_events<S: Sink + ?Sized>(
        &self,
        source: &SourceMeta,
        n: usize,
        post: &Post<'_>,
        place: &Place<'_>,
        out: &mut S,
        memo: Option<&mut Memo>,
    ) {
        match memo {
            Some(memo) => {
                let key = memo::post_key(post, place.text, self.reference());
                memo.through(key, post.span.start, &source.id, n, out, |out, finds| {
                    self.read_post(source, n, post, place, out, Some(finds))
                });
            }
            None => self.read_post(source, n, post, place, out, None),
        }
    }

    /// The events of a post, read.
    fn read_post<S: Sink + ?Sized>(
        &self,
        source: &SourceMeta,
        n: usize,
        post: &Post<'_>,
        place: &Place<'_>,
        out: &mut S,
        mut finds: Option<&mut Finds>,
    ) {
        let body: Vec<&Block<'_>> = post.blocks.iter().filter(|b| in_body(b)).collect();
        if body.is_empty() && post.headline.is_none() {
            return;
        }
        let (post_event, post_size) = event(
            EventKind::Post,
            post.stamp.as_ref().and_then(|s| self.when(s)),
            post.headline.as_ref(),
            body,
            post.contributors
                .iter()
                .map(|c| c.clone().into_owned())
                .collect(),
            EventSource {
                source: source.id.clone(),
                post: Some(n),
                span: post.span,
            },
            place,
            finds.as_deref_mut(),
        );
        for b in post.blocks.iter().filter(|b| b.kind == BlockKind::YearItem) {
            let year = b
                .label
                .as_deref()
                .and_then(|l| l.trim().parse::<i16>().ok());
            let when = year.map(When::year);
            let (mut item, size) = event(
                EventKind::YearItem,
                when,
                None,
                vec![b],
                post_event.contributors.clone(),
                EventSource {
                    source: source.id.clone(),
                    post: Some(n),
                    span: b.span,
                },
                place,
                finds.as_deref_mut(),
            );
            item.parent = Some(post_event.id.clone());
            out.push(item, Some(size));
        }
        out.push(post_event, Some(post_size));
    }

    /// The reference date as a memo key takes it.
    fn reference(&self) -> Option<[i16; 3]> {
        self.reference_date
            .map(|d| [d.year(), i16::from(d.month()), i16::from(d.day())])
    }
}

/// `dt` in `tz` as an instant (the earlier one in a repeated hour).
fn to_utc(tz: &TimeZone, dt: jiff::civil::DateTime) -> Option<jiff::Timestamp> {
    tz.to_ambiguous_timestamp(dt).compatible().ok()
}

impl Extract for Extractor<'_> {
    fn extract(&self, source: &SourceMeta, doc: &Document<'_>, events: &mut Vec<Event>) {
        self.extract_posts(source, doc, 0..doc.posts.len(), events);
    }
}

impl Extractor<'_> {
    /// The events of the posts `posts` of `doc` (live blogs and bulletins; an article
    /// is one event, made when `posts` starts at 0), as [`Extract::extract`] makes
    /// them for all posts. The events of two ranges are those of their union: a long
    /// page can be extracted a range at a time, on several threads.
    pub fn extract_posts(
        &self,
        source: &SourceMeta,
        doc: &Document<'_>,
        posts: std::ops::Range<usize>,
        events: &mut Vec<Event>,
    ) {
        self.extract_resolved(source, doc, posts, events, None);
    }

    /// [`Extractor::extract_posts`] with a [`Memo`]: the posts of a live blog that it
    /// has met before are not read again. The events are those
    /// [`Extractor::extract_posts`] gives.
    pub fn extract_posts_with(
        &self,
        source: &SourceMeta,
        doc: &Document<'_>,
        posts: std::ops::Range<usize>,
        events: &mut Vec<Event>,
        memo: &mut Memo,
    ) {
        self.extract_resolved(source, doc, posts, events, Some(memo));
    }

    fn extract_resolved(
        &self,
        source: &SourceMeta,
        doc: &Document<'_>,
        posts: std::ops::Range<usize>,
        events: &mut Vec<Event>,
        memo: Option<&mut Memo>,
    ) {
        let first = events.len();
        self.extract_unresolved(source, doc, posts, events, memo);
        mentions::resolve_all(&mut events[first..]);
    }

    /// [`Extractor::extract_posts`] without resolving the time mentions, for callers
    /// that unite the events next (which resolves them).
    pub(crate) fn extract_unresolved<S: Sink + ?Sized>(
        &self,
        source: &SourceMeta,
        doc: &Document<'_>,
        posts: std::ops::Range<usize>,
        events: &mut S,
        memo: Option<&mut Memo>,
    ) {
        self.extract_parts_unresolved(source, std::slice::from_ref(doc), posts, events, memo);
    }

    /// [`Extractor::extract_unresolved`] of a document given in parts (see
    /// [`Document::from_parts`]): what it gives of the parts joined, `posts` numbered
    /// in the whole document.
    pub(crate) fn extract_parts_unresolved<S: Sink + ?Sized>(
        &self,
        source: &SourceMeta,
        parts: &[Document<'_>],
        posts: std::ops::Range<usize>,
        events: &mut S,
        mut memo: Option<&mut Memo>,
    ) {
        let Some(doc) = parts.first() else {
            return;
        };
        let place = Place {
            id: &source.id,
            text: self.source_text,
        };
        // The posts numbered `posts`, each with its number, part after part.
        let chosen = || {
            let mut first = 0;
            parts.iter().flat_map(move |d| {
                let (from, to) = (first, first + d.posts.len());
                first = to;
                let (start, end) = (posts.start.clamp(from, to), posts.end.clamp(from, to));
                let start = start.min(end);
                (start..end).zip(&d.posts[start - from..end - from])
            })
        };
        let all = || parts.iter().flat_map(|d| &d.posts);
        match doc.kind {
            DocKind::LiveBlog => {
                for (n, p) in chosen() {
                    self.post_events(source, n, p, &place, events, memo.as_deref_mut());
                }
            }
            DocKind::Bulletin => {
                let when = doc.updated.as_ref().and_then(|s| self.when(s));
                for (n, p) in chosen() {
                    for b in p.blocks.iter().filter(|b| b.kind == BlockKind::Bullet) {
                        let bullet = |finds: Option<&mut Finds>| {
                            event(
                                EventKind::Bullet,
                                when.clone(),
                                None,
                                vec![b],
                                Vec::new(),
                                EventSource {
                                    source: source.id.clone(),
                                    post: Some(n),
                                    span: b.span,
                                },
                                &place,
                                finds,
                            )
                        };
                        match memo.as_deref_mut() {
                            Some(m) => {
                                let updated = doc.updated.as_ref();
                                let key =
                                    memo::bullet_key(b, updated, place.text, self.reference());
                                m.through(key, b.span.start, &source.id, n, events, |o, f| {
                                    let (e, size) = bullet(Some(f));
                                    Sink::push(o, e, Some(size))
                                });
                            }
                            None => {
                                let (e, size) = bullet(None);
                                events.push(e, Some(size))
                            }
                        }
                    }
                }
            }
            DocKind::Article if posts.start > 0 => {}
            DocKind::Article => {
                let when = doc
                    .updated
                    .as_ref()
                    .or_else(|| all().find_map(|p| p.stamp.as_ref()))
                    .and_then(|s| self.when(s));
                let body: Vec<&Block<'_>> = doc
                    .preamble
                    .iter()
                    .chain(all().flat_map(|p| &p.blocks))
                    .filter(|b| in_body(b))
                    .collect();
                let contributors = doc
                    .byline
                    .iter()
                    .flat_map(|b| {
                        b.authors.iter().map(|a| Contributor {
                            name: a.clone(),
                            outlet: b.outlet.clone(),
                            location: None,
                        })
                    })
                    .chain(all().flat_map(|p| p.contributors.iter().cloned()))
                    .map(Contributor::into_owned)
                    .collect();
                let leaves = || parts.iter().flat_map(Document::leaf_spans);
                let span = match (leaves().min(), leaves().max()) {
                    (Some(a), Some(b)) => Span::new(a.start, b.end),
                    _ => Span::new(0, 0),
                };
                let (e, size) = event(
                    EventKind::Article,
                    when,
                    doc.title.as_ref(),
                    body,
                    contributors,
                    EventSource {
                        source: source.id.clone(),
                        post: None,
                        span,
                    },
                    &place,
                    memo.as_mut().map(|m| m.finds()),
                );
                events.push(e, Some(size));
            }
        }
    }
}
