//! Events of posts seen before: snapshots of a live blog repeat most of its posts, and
//! a post whose content and place in its text are those of one seen before gives the
//! same events, moved to where it is now.
//!
//! The same holds for the bullets of a bulletin ("what we know" lists are saved again
//! and again, most bullets unchanged). And a post it does not know (edited since), or
//! an article (updated since), mostly keeps its paragraphs: the time mentions found in
//! a text are remembered by a hash of the text (and of the source's text under it,
//! when they are found again there), so that a text met before is not searched again;
//! and where the event's id and its merge keys (a [`Keyer`]) stand after a block, by a
//! hash of the block's texts and of where they stood before, so that only the blocks
//! from the first one changed on are read word by word.
//!
//! A [`Memo`] remembers the events of a post the second time it meets the post (a post
//! met once costs a 128-bit hash of its content and nothing else), and from then on
//! gives copies of them instead of reading the post again. What the events of a post
//! depend on is all in the hash:
//! - the post's stamp (time, zone, IANA zone, UTC, "ago"), headline, blocks (kind,
//!   text, label, credit, gallery items), contributors;
//! - whether each text is the source's own bytes, and every span relative to the
//!   post's start;
//! - the source's text under the post, when the extractor has it (time mentions in a
//!   rewritten text are found again in it);
//! - the extractor's reference date;
//! - for a bullet, its block and the page's "Updated" stamp (the bullet's time).
//!
//! A copy gets the page's source id, the post's index and its spans moved by the
//! difference between the two posts' starts. A post with a span outside its own is
//! never remembered. [`Extractor::extract_posts_with`](crate::Extractor::extract_posts_with)
//! gives exactly the events [`Extractor::extract_posts`](crate::Extractor::extract_posts)
//! gives (tested on the seeds and on generated snapshots).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use foldhash::fast::FixedState;
use liveline_core::{Block, Event, Post, Span, Stamp, Text};

use crate::keys::Keyer;
use crate::mentions::Found;
use crate::text::{Fnv, mix};
use xxhash_rust::xxh3::{xxh3_64_with_seed, xxh3_128, xxh3_128_with_seed};

/// How much a [`Memo`] holds by default: about 64 MiB of events (and 16 MiB of
/// mention finds, and 16 MiB of where blocks leave ids and merge keys).
pub const DEFAULT_LIMIT: usize = 64 << 20;

/// Remembered events of posts; see the [module documentation](self).
#[derive(Debug)]
pub struct Memo {
    /// Posts met once: their keys.
    seen: HashSet<u128, FixedState>,
    /// Posts met twice or more: the start of the post they were made from, and its
    /// events.
    events: HashMap<u128, (usize, Vec<Event>), FixedState>,
    /// About how many bytes the remembered events take.
    bytes: usize,
    limit: usize,
    /// The time mentions found in texts met before.
    finds: Finds,
}

impl Default for Memo {
    fn default() -> Self {
        Memo::with_limit(DEFAULT_LIMIT)
    }
}

impl Memo {
    /// A memo that holds about `bytes` bytes of events, and a quarter as much of the
    /// time mentions found in texts and as much again of where blocks leave ids and
    /// merge keys; once full, each forgets all and starts again (what it gives never
    /// depends on what it holds).
    pub fn with_limit(bytes: usize) -> Self {
        Memo {
            seen: HashSet::default(),
            events: HashMap::default(),
            bytes: 0,
            limit: bytes,
            finds: Finds::with_limit(bytes / 4),
        }
    }

    /// The time mentions found in texts met before, for reading posts the memo does
    /// not know (and articles).
    pub(crate) fn finds(&mut self) -> &mut Finds {
        &mut self.finds
    }

    /// How many posts' events it holds.
    pub fn len(&self) -> usize {
        self.events.len()
    }

    /// Whether it holds no post's events.
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// The events of the post (or bullet) with `key` at `start` of the source `id`,
    /// post index `n`, given to `out`: copies of the remembered ones, else those `make`
    /// pushes (remembered when the key was met before; `make` is lent the finds of
    /// texts met before). Without a key (a span outside the post), `make`'s.
    pub(crate) fn through<S: Sink + ?Sized>(
        &mut self,
        key: Option<u128>,
        start: usize,
        id: &str,
        n: usize,
        out: &mut S,
        make: impl FnOnce(&mut Made, &mut Finds),
    ) {
        let mut made = Made::new();
        let Some(key) = key else {
            make(&mut made, &mut self.finds);
            return made.into_iter().for_each(|(e, size)| out.push(e, size));
        };
        if let Some((from, events)) = self.events.get(&key) {
            let to = Move {
                key,
                from: *from,
                start,
                id,
                n,
            };
            return out.copies(events, &to);
        }
        make(&mut made, &mut self.finds);
        if self.wanted(key) {
            self.keep(key, start, made.iter().map(|(e, _)| e));
        }
        made.into_iter().for_each(|(e, size)| out.push(e, size));
    }

    /// Whether the events of the post with `key` are worth keeping: true the second
    /// time a key is asked about.
    fn wanted(&mut self, key: u128) -> bool {
        if self.seen.len() >= self.limit / 64 {
            self.seen.clear();
        }
        !self.seen.insert(key)
    }

    /// Remember `events`, made from the post at `start`.
    fn keep<'e>(&mut self, key: u128, start: usize, events: impl Iterator<Item = &'e Event>) {
        let events: Vec<Event> = events.cloned().collect();
        let bytes: usize = events.iter().map(weight).sum();
        if self.bytes + bytes > self.limit {
            self.events.clear();
            self.bytes = 0;
            if bytes > self.limit {
                return;
            }
        }
        self.bytes += bytes;
        self.events.insert(key, (start, events));
    }
}

/// Where the events of posts go: a list, or a [`crate::Merger`], which unites a copy
/// of a remembered event with the versions it holds without making the copy (unless
/// the copy is the version kept).
pub(crate) trait Sink {
    /// Take an event, with how many words its body has when that is known.
    fn push(&mut self, e: Event, size: Option<usize>);

    /// Take copies of `events` moved as `to` says.
    fn copies(&mut self, events: &[Event], to: &Move<'_>) {
        for e in events {
            self.push(to.copy(e), None);
        }
    }
}

impl Sink for Vec<Event> {
    fn push(&mut self, e: Event, _: Option<usize>) {
        Vec::push(self, e);
    }
}

/// Events just read, with their sizes when known.
pub(crate) type Made = Vec<(Event, Option<usize>)>;

impl Sink for Made {
    fn push(&mut self, e: Event, size: Option<usize>) {
        Vec::push(self, (e, size));
    }
}

/// Where copies of remembered events go: from the post at `from` to the post at
/// `start` of the source `id`, post index `n`.
#[derive(Debug)]
pub(crate) struct Move<'a> {
    /// The key of the post the copies are of: copies with one key are alike but for
    /// their places.
    pub(crate) key: u128,
    from: usize,
    start: usize,
    /// The source the copies are of.
    pub(crate) id: &'a str,
    /// The index of the post the copies are of.
    pub(crate) n: usize,
}

impl Move<'_> {
    /// A span of the post made from, moved (every span of its events lies inside it).
    pub(crate) fn span(&self, s: Span) -> Span {
        let moved = |x: usize| x.wrapping_sub(self.from).wrapping_add(self.start);
        Span::new(moved(s.start), moved(s.end))
    }

    /// A copy of `e`, moved.
    pub(crate) fn copy(&self, e: &Event) -> Event {
        let mut e = e.clone();
        for s in &mut e.sources {
            s.source.clear();
            s.source.push_str(self.id);
            s.post = Some(self.n);
            s.span = self.span(s.span);
        }
        for m in &mut e.mentions {
            m.source.clear();
            m.source.push_str(self.id);
            m.span = self.span(m.span);
        }
        move_blocks(&mut e.blocks, &|s| self.span(s));
        e
    }
}

/// About how many bytes an event takes.
fn weight(e: &Event) -> usize {
    let blocks: usize = e.blocks.iter().map(|b| b.text.len() + 96).sum();
    let mentions: usize = e.mentions.iter().map(|m| m.text.len() + 96).sum();
    256 + e.text.len() + blocks + mentions + 8 * e.keys.len()
}

fn move_blocks(blocks: &mut [Block<'static>], at: &impl Fn(Span) -> Span) {
    for b in blocks {
        b.span = at(b.span);
        move_blocks(&mut b.items, at);
    }
}

/// The 128-bit key of `post` as [`Memo`] uses it, or `None` when the post has a span
/// outside its own (it is then read every time).
pub(crate) fn post_key(
    post: &Post<'_>,
    source: Option<&str>,
    reference: Option<[i16; 3]>,
) -> Option<u128> {
    let base = post.span;
    let mut h = Key::new(b'p', base, source, reference)?;
    match &post.stamp {
        Some(s) => {
            h.n(1);
            h.stamp(s);
        }
        None => {
            h.n(0);
        }
    }
    match &post.headline {
        Some(t) => {
            h.n(1);
            h.text(t, base)?;
        }
        None => {
            h.n(0);
        }
    }
    h.n(post.blocks.len() as u64);
    for b in &post.blocks {
        h.block(b, base)?;
    }
    h.n(post.contributors.len() as u64);
    for c in &post.contributors {
        h.s(&c.name)
            .opt(c.outlet.as_deref())
            .opt(c.location.as_deref());
    }
    Some(h.finish())
}

/// The key of a bulletin's bullet: its block and the page's "Updated" stamp (its time).
pub(crate) fn bullet_key(
    bullet: &Block<'_>,
    updated: Option<&Stamp<'_>>,
    source: Option<&str>,
    reference: Option<[i16; 3]>,
) -> Option<u128> {
    let base = bullet.span;
    let mut h = Key::new(b'b', base, source, reference)?;
    match updated {
        Some(s) => {
            h.n(1);
            h.stamp(s);
        }
        None => {
            h.n(0);
        }
    }
    h.block(bullet, base)?;
    Some(h.finish())
}

/// What finding time mentions gave for texts met twice before: a post edited, or an
/// article updated, keeps most of its paragraphs as they were, and they need not be
/// read again. Keyed by a 128-bit hash of all the finding depends on (the text, and the
/// source's text under it when the mentions are placed in that); once full it forgets
/// all and starts again.
#[derive(Debug)]
pub(crate) struct Finds {
    /// Texts met once: their keys (what was found is kept the second time, so that a
    /// corpus of texts never met again fills no memory with them).
    seen: HashSet<u128, FixedState>,
    found: HashMap<u128, Vec<Placed>, FixedState>,
    bytes: usize,
    limit: usize,
    /// Where the id being hashed and the merge keys stood after blocks met twice before
    /// ([`Finds::block_words`]); the same limit, on its own.
    words: Words,
}

/// Blocks read from memory: by a 128-bit hash of the block's texts and of where the id
/// being hashed and the keyer stood before them, where they stand after them.
#[derive(Debug, Default)]
struct Words {
    /// Blocks met once, a key a slot of a fixed table (a block whose slot another took
    /// since is met once again): on text never seen, where every block is new, a look
    /// in a table that stays in the cache, and no memory that grows.
    seen: Vec<u128>,
    known: HashMap<u128, (u64, Keyer), FixedState>,
    bytes: usize,
    /// The words of the block being read.
    scratch: Vec<u64>,
}

/// Slots of [`Words::seen`] (a mebibyte).
const WORDS_SEEN: usize = 1 << 16;

/// A mention found in a text, with its bytes in the source's text when placed there.
pub(crate) type Placed = (Found, Option<Range<usize>>);

/// How the mentions found in a text are placed in the source's text.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Placing<'s> {
    /// Not at all (the source is not at hand): at the text's block.
    Not,
    /// By their offsets in the text, which is the source's own bytes.
    ByOffsets,
    /// Found again in the words of this source's text (a rewritten text).
    InSource(&'s str),
}

impl Finds {
    fn with_limit(limit: usize) -> Self {
        Finds {
            seen: HashSet::default(),
            found: HashMap::default(),
            bytes: 0,
            limit,
            words: Words::default(),
        }
    }

    /// The words of a block, made of `texts`, given to `keyer` and fed to the id being
    /// hashed as [`Keyer::push_texts`] feeds them: from memory when the same texts
    /// came with the id and the keyer standing where they stand now twice before. A
    /// post edited, or an article updated, keeps most of its blocks, and with them
    /// where its id and keyer stand after each: only what changed and what follows it
    /// is read word by word (the hashes go byte by byte).
    pub(crate) fn block_words(&mut self, texts: &[&str], keyer: &mut Keyer, id: &mut Fnv) {
        // Each text hashed with the hash of those before it (where the id and the
        // keyer stand first) as its seed. The id's state stands for the words before
        // (and the headline); the keyer's cut for how they were cut into blocks.
        let (last, before) = texts.split_last().unwrap_or((&"", &[]));
        let seed = before
            .iter()
            .fold(mix(id.state() ^ keyer.cut()), |seed, t| {
                xxh3_64_with_seed(t.as_bytes(), seed)
            });
        let key = xxh3_128_with_seed(last.as_bytes(), seed);
        let w = &mut self.words;
        if let Some((after, state)) = w.known.get(&key) {
            keyer.clone_from(state);
            *id = Fnv::from_state(*after);
            return;
        }
        keyer.push_texts(texts, id, &mut w.scratch);
        if w.seen.is_empty() {
            w.seen = vec![0; WORDS_SEEN];
        }
        let slot = &mut w.seen[key as usize % WORDS_SEEN];
        if *slot != key {
            *slot = key;
            return;
        }
        let bytes = 64 + std::mem::size_of::<Keyer>();
        if w.bytes + bytes > self.limit {
            w.known.clear();
            w.bytes = 0;
        }
        w.bytes += bytes;
        w.known.insert(key, (id.state(), keyer.clone()));
    }

    /// What `find` gives for `text` placed as `how` says, from memory when the same
    /// was asked before.
    pub(crate) fn get(
        &mut self,
        how: Placing<'_>,
        text: &str,
        find: impl FnOnce() -> Vec<Placed>,
    ) -> Vec<Placed> {
        let (tag, source) = match how {
            Placing::Not => (0, ""),
            Placing::ByOffsets => (1, ""),
            Placing::InSource(s) => (2, s),
        };
        // The text hashed with the hash of how it is placed (and of the source's text,
        // when it is found again there) as its seed.
        let key = xxh3_128_with_seed(text.as_bytes(), xxh3_64_with_seed(source.as_bytes(), tag));
        if let Some(found) = self.found.get(&key) {
            return found.clone();
        }
        let found = find();
        if self.seen.len() >= self.limit / 64 {
            self.seen.clear();
        }
        if self.seen.insert(key) {
            return found;
        }
        let bytes = 48 + 64 * found.len();
        if self.bytes + bytes > self.limit {
            self.found.clear();
            self.bytes = 0;
        }
        self.bytes += bytes;
        self.found.insert(key, found.clone());
        found
    }
}

/// A key being made: every part is written with its length or a tag, so that no two
/// different posts write the same bytes; the bytes are hashed once at the end. The
/// bytes go into a thread's one buffer, taken while the key is made and given back
/// when it is dropped: a key a post (a few hundred bytes, more for a post with texts
/// cleaning changed) would otherwise be a new buffer a post.
struct Key<'s> {
    bytes: Vec<u8>,
    /// The source's text under the thing keyed (its hash is written first), when the
    /// source is at hand: a text that is the source's own bytes inside it is written as
    /// its place there.
    under: Option<&'s str>,
}

thread_local! {
    /// The buffer [`Key`]s are made in, between keys.
    static KEY_BYTES: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
}

/// The most room a thread's key buffer keeps between keys (the key of a long article
/// cleaning rewrote is as long as its text: its room is given back).
const KEY_ROOM_KEPT: usize = 64 << 10;

impl Drop for Key<'_> {
    fn drop(&mut self) {
        if self.bytes.capacity() <= KEY_ROOM_KEPT {
            KEY_BYTES.set(std::mem::take(&mut self.bytes));
        }
    }
}

impl<'s> Key<'s> {
    /// A key of a thing of kind `tag` at `base`: the hash of the source's bytes there
    /// (when the source is at hand; `None` when `base` is not in it) and the reference
    /// date.
    fn new(
        tag: u8,
        base: Span,
        source: Option<&'s str>,
        reference: Option<[i16; 3]>,
    ) -> Option<Key<'s>> {
        let mut bytes = KEY_BYTES.take();
        bytes.clear();
        let mut h = Key { bytes, under: None };
        h.n(u64::from(tag)).n(u64::from(source.is_some()));
        if let Some(src) = source {
            let under = base.slice(src)?;
            h.bytes
                .extend_from_slice(&xxh3_128(under.as_bytes()).to_le_bytes());
            h.under = Some(under);
        }
        match reference {
            Some([y, m, d]) => h.n(1).n(y as u64).n(m as u64).n(d as u64),
            None => h.n(0),
        };
        h.n(base.len() as u64);
        Some(h)
    }

    /// The key.
    fn finish(&self) -> u128 {
        xxh3_128(&self.bytes)
    }

    fn n(&mut self, n: u64) -> &mut Self {
        self.bytes.extend_from_slice(&n.to_le_bytes());
        self
    }

    fn s(&mut self, s: &str) -> &mut Self {
        self.n(s.len() as u64);
        self.bytes.extend_from_slice(s.as_bytes());
        self
    }

    fn opt(&mut self, s: Option<&str>) -> &mut Self {
        match s {
            Some(s) => self.n(1).s(s),
            None => self.n(0),
        }
    }

    /// A span relative to `base`, or `None` when it is not inside it.
    fn span(&mut self, s: Span, base: Span) -> Option<&mut Self> {
        if s.start < base.start || s.end > base.end || s.start > s.end {
            return None;
        }
        Some(
            self.n((s.start - base.start) as u64)
                .n((s.end - base.start) as u64),
        )
    }

    /// A text, and whether it is the source's own bytes: those inside the source under
    /// the thing keyed (whose hash is in the key) by their place there.
    fn cow(&mut self, text: &str, borrowed: bool) -> &mut Self {
        if !borrowed {
            return self.n(0).s(text);
        }
        match self.under.and_then(|u| place_in(text, u)) {
            Some(at) => self.n(2).n(at as u64).n(text.len() as u64),
            None => self.n(1).s(text),
        }
    }

    fn text(&mut self, t: &Text<'_>, base: Span) -> Option<&mut Self> {
        self.cow(&t.text, matches!(t.text, Cow::Borrowed(_)))
            .span(t.span, base)
    }

    fn stamp(&mut self, s: &Stamp<'_>) -> &mut Self {
        match s.local {
            Some(l) => {
                let f = |v: Option<i64>| v.map_or(u64::MAX, |v| v as u64);
                self.n(1)
                    .n(f(l.year.map(i64::from)))
                    .n(f(l.month.map(i64::from)))
                    .n(f(l.day.map(i64::from)))
                    .n(f(l.hour.map(i64::from)))
                    .n(f(l.minute.map(i64::from)));
            }
            None => {
                self.n(0);
            }
        }
        self.opt(s.zone.as_deref()).opt(s.tz.as_deref());
        match s.utc {
            Some(t) => self
                .n(1)
                .n(t.as_second() as u64)
                .n(t.subsec_nanosecond() as u64),
            None => self.n(0),
        };
        self.n(s.ago_minutes.map_or(u64::MAX, u64::from))
    }

    fn block(&mut self, b: &Block<'_>, base: Span) -> Option<&mut Self> {
        self.s(b.kind.as_str())
            .cow(&b.text, matches!(b.text, Cow::Borrowed(_)))
            .opt(b.credit.as_deref())
            .opt(b.label.as_deref())
            .span(b.span, base)?
            .n(b.items.len() as u64);
        for i in &b.items {
            self.block(i, base)?;
        }
        Some(self)
    }
}

/// Where `text` starts inside `within`, when all of it lies there (the same bytes in
/// the same memory).
fn place_in(text: &str, within: &str) -> Option<usize> {
    let at = (text.as_ptr() as usize).checked_sub(within.as_ptr() as usize)?;
    (at.checked_add(text.len())? <= within.len()).then_some(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Body;
    use liveline_core::{BlockKind, EventKind};

    #[test]
    fn finds_are_kept_the_second_time_a_text_is_met_and_given_after() {
        let mut finds = Finds::with_limit(1 << 20);
        let text = "Talks resume on Friday in Geneva.";
        let found = crate::mentions::find(text);
        assert_eq!(found.len(), 1);
        let calls = std::cell::Cell::new(0);
        let find = || {
            calls.set(calls.get() + 1);
            found
                .iter()
                .map(|f| (f.clone(), None))
                .collect::<Vec<Placed>>()
        };
        for _ in 0..4 {
            let got = finds.get(Placing::Not, text, find);
            assert_eq!(got.len(), 1);
        }
        // Found the first and second time; from memory after.
        assert_eq!(calls.get(), 2);
        assert_eq!(finds.found.len(), 1);
        // Placed another way, it is another text; texts met once are not kept.
        finds.get(Placing::ByOffsets, text, find);
        for n in 0..100 {
            finds.get(Placing::Not, &format!("{text} Copy {n}."), find);
        }
        assert_eq!(calls.get(), 103);
        assert_eq!(finds.found.len(), 1);
    }

    #[test]
    fn blocks_from_memory_leave_the_keys_reading_them_leaves() {
        // Two bodies of the same words in the same order (so the same id at every
        // point), cut into paragraphs differently where the leads see it, then the same
        // paragraph: read in turn through one memo (from memory from the third time on),
        // each gives the keys and id reading it gives.
        let a = "US and Russian diplomats agreed to keep talking about the stand-off";
        let b = "over Ukraine after a meeting in Geneva that both sides called useful";
        let c = "Officials said written answers would follow next week, and that more talks were planned.";
        let ab = format!("{a} {b}");
        let cut_one = [a, b, c];
        let cut_two = [ab.as_str(), c];
        let read = |texts: &[&str]| {
            let body = Body::of_texts(texts.iter().copied());
            let mut id = Fnv::default();
            for t in texts {
                crate::text::scan_words(t, &mut id);
            }
            (
                crate::keys::keys(EventKind::Post, &body),
                id.state(),
                body.words.len(),
            )
        };
        let mut finds = Finds::with_limit(1 << 20);
        let mut got = Vec::new();
        for round in 0..3 {
            for texts in [&cut_one[..], &cut_two[..]] {
                let mut keyer = Keyer::default();
                let mut id = Fnv::default();
                for t in texts {
                    finds.block_words(&[t], &mut keyer, &mut id);
                }
                let from_memo = (keyer.keys(EventKind::Post), id.state(), keyer.words());
                assert_eq!(from_memo, read(texts), "round {round}");
                got.push(from_memo);
            }
        }
        assert_eq!(finds.words.known.len(), 5, "every block is remembered");
        // One id and one count of words, other keys.
        assert_eq!((got[0].1, got[0].2), (got[1].1, got[1].2));
        assert_ne!(got[0].0, got[1].0);
    }

    /// A post over all of `src` with one paragraph whose span is the whole source.
    fn post<'a>(text: Cow<'a, str>, src: &'a str) -> Post<'a> {
        let span = Span::new(0, src.len());
        Post {
            blocks: vec![Block::new(BlockKind::Paragraph, text, span)],
            span,
            ..Post::default()
        }
    }

    #[test]
    fn a_borrowed_text_is_keyed_by_its_place_and_the_bytes_there() {
        let src = "abab cd";
        let key = |p: &Post<'_>| post_key(p, Some(src), None).unwrap();
        let first = key(&post(Cow::Borrowed(&src[0..2]), src));
        // Same source, spans and length, same bytes, another place: keyed apart (the
        // key holds the place, never less than the bytes).
        assert_ne!(first, key(&post(Cow::Borrowed(&src[2..4]), src)));
        // Another place, other bytes.
        assert_ne!(first, key(&post(Cow::Borrowed(&src[5..7]), src)));
        // The same bytes owned (rewritten by cleaning) are not the source's own.
        assert_ne!(first, key(&post(Cow::Owned("ab".into()), src)));
        // The same place again.
        assert_eq!(first, key(&post(Cow::Borrowed(&src[0..2]), src)));
        // Bytes borrowed from elsewhere are keyed by their content.
        let other = String::from("ab");
        let elsewhere = key(&post(Cow::Borrowed(&other), src));
        assert_ne!(first, elsewhere);
        assert_eq!(elsewhere, key(&post(Cow::Borrowed("ab"), src)));
        // Without the source, texts are keyed by their bytes.
        let bare = |p: &Post<'_>| post_key(p, None, None).unwrap();
        assert_eq!(
            bare(&post(Cow::Borrowed(&src[0..2]), src)),
            bare(&post(Cow::Borrowed(&src[2..4]), src))
        );
    }

    #[test]
    fn place_in_needs_all_of_the_text_inside() {
        let s = "hello world";
        assert_eq!(place_in(&s[6..], s), Some(6));
        assert_eq!(place_in(&s[0..0], s), Some(0));
        assert_eq!(place_in(s, &s[1..]), None);
        assert_eq!(place_in(&s[3..], &s[..5]), None);
        assert_eq!(place_in("other", s), None);
    }
}
