//! Uniting timelines: versions of the same event (same post in several snapshots,
//! trimmed, re-headlined, re-punctuated) become one event.
//!
//! Two events are the same when they share a merge key ([`crate::keys`]); merging
//! takes the connected groups of that relation. Because a merged event keeps the union
//! of its versions' keys, and everything else it keeps is chosen by an order that does
//! not depend on where a version came from, [`Merge::merge`] is associative,
//! commutative and idempotent, and its output is sorted the same way whatever the
//! order of its inputs: per-shard timelines can be merged as a reduce.
//!
//! What a merged event keeps:
//! - the most complete text (with its headline, blocks and mentions): the version
//!   with the most words; on a tie, the one with more credited captions, then by text,
//!   headline and id;
//! - the most precise time: minute before day before month before year, ties broken by
//!   the earlier time; an untimed version that matches a timed one takes its time;
//! - the fullest byline: the contributors of the version that names the most;
//! - every source, sorted, and every key.
//!
//! The time mentions of the merged events are then resolved against their final dates
//! ([`crate::mentions::resolve_all`]).

use std::cmp::Ordering;
use std::collections::HashMap;

use foldhash::fast::FixedState;

use liveline_core::{
    Block, Contributor, Direction, Event, EventKind, EventSource, Precision, SourceMeta, Span,
    Timeline, When, jiff,
};

use crate::memo::{Move, Sink};

/// Merging timelines; implemented for [`Timeline`].
pub trait Merge {
    /// The events of both timelines, versions of the same event united, sorted by time
    /// (undated last), then id.
    fn merge(&self, other: &Timeline) -> Timeline;
}

impl Merge for Timeline {
    fn merge(&self, other: &Timeline) -> Timeline {
        merge_all([self.clone(), other.clone()])
    }
}

/// The timelines merged into one, as [`Merge::merge`] merges two, without copying
/// their events: `merge_all([a, b])` is `a.merge(&b)`, and `merge_all([t])` is `t` in
/// normal form (versions united, sorted). Called on a thread of a rayon pool of several
/// threads, it unites the versions of the events on the pool's threads when there are
/// many (what it gives is the same).
pub fn merge_all(timelines: impl IntoIterator<Item = Timeline>) -> Timeline {
    let mut sources: Vec<SourceMeta> = Vec::new();
    let mut events: Vec<Event> = Vec::new();
    for t in timelines {
        sources.extend(t.sources);
        events.extend(t.events);
    }
    Timeline {
        sources: normal_sources(sources),
        events: unite(events),
    }
}

/// `sources` sorted by id and hash, then by all they say, so that the order never
/// depends on the inputs'; only exact repeats are dropped.
fn normal_sources(mut sources: Vec<SourceMeta>) -> Vec<SourceMeta> {
    sources.sort_by(|a, b| {
        a.id.cmp(&b.id)
            .then_with(|| a.sha256.cmp(&b.sha256))
            .then_with(|| {
                if a == b {
                    Ordering::Equal
                } else {
                    format!("{a:?}").cmp(&format!("{b:?}"))
                }
            })
    });
    sources.dedup();
    sources
}

/// Union-find over event indices.
struct Groups(Vec<usize>);

impl Groups {
    fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }

    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            let (lo, hi) = (a.min(b), a.max(b));
            self.0[hi] = lo;
        }
    }
}

/// Unite versions of the same event and sort: the normal form of a list of events.
pub fn unite(events: Vec<Event>) -> Vec<Event> {
    unite_with(events, &[], &mut Sizes::default())
}

/// [`unite`] with the sizes of events met before, the first events' sources and keys
/// known sorted without repeats where `tidy` says so (see [`group_indexed`]).
fn unite_with(events: Vec<Event>, tidy: &[bool], sizes: &mut Sizes) -> Vec<Event> {
    let mut out = group_indexed(events, tidy, sizes, Threads::Pool(UNITE_ON_THE_POOL)).0;
    link_parents(&mut out);
    crate::mentions::resolve_all(&mut out);
    sort(&mut out);
    out
}

/// Versions of the same event united, in no set order, year items not linked to their
/// posts and mentions not resolved: what [`unite`] does before it puts the events in
/// normal form. Uniting that again (with more events) and then putting it in normal
/// form gives what [`unite`] gives, since what a merged event keeps never depends on
/// the order of its versions, their parents or their mentions' values.
///
/// Also where each event went: the hash of its id ([`id_hash`]) and the index of the
/// united event it is a version of, for each event in input order. Event `i`'s sources
/// and keys are known sorted without repeats when `tidy[i]` is true (false past its
/// end): an event united before, which nothing joins, is then kept as it is, and one
/// that others join takes them in without being sorted again. Every united event's
/// sources and keys are sorted without repeats.
fn group_indexed(
    events: Vec<Event>,
    tidy: &[bool],
    sizes: &mut Sizes,
    threads: Threads,
) -> (Vec<Event>, Vec<(u64, usize)>) {
    let mut groups = Groups((0..events.len()).collect());
    let keys: usize = events.iter().map(|e| e.keys.len()).sum();
    // Keys are hashes already: a fast hasher is enough.
    let mut first_with: HashMap<u64, usize, FixedState> =
        HashMap::with_capacity_and_hasher(keys, FixedState::default());
    // A version with the id and keys of one seen before (the same post in another
    // snapshot) joins it without looking up its keys again.
    let mut first_of: HashMap<&str, usize, FixedState> =
        HashMap::with_capacity_and_hasher(events.len(), FixedState::default());
    for (i, e) in events.iter().enumerate() {
        match first_of.get(e.id.as_str()) {
            Some(&j) if events[j].keys == e.keys => {
                groups.union(i, j);
                continue;
            }
            Some(_) => {}
            None => {
                first_of.insert(&e.id, i);
            }
        }
        for &k in &e.keys {
            match first_with.get(&k) {
                Some(&j) => groups.union(i, j),
                None => {
                    first_with.insert(k, i);
                }
            }
        }
    }
    drop(first_with);
    drop(first_of);
    // Each group's versions, in input order, at the place of its first member.
    let roots: Vec<usize> = (0..events.len()).map(|i| groups.find(i)).collect();
    let mut members: Vec<(Vec<Event>, Vec<bool>)> = Vec::new();
    let mut slot = vec![usize::MAX; events.len()];
    let mut went = Vec::with_capacity(events.len());
    for (i, (e, root)) in events.into_iter().zip(roots).enumerate() {
        if slot[root] == usize::MAX {
            slot[root] = members.len();
            members.push((Vec::with_capacity(1), Vec::with_capacity(1)));
        }
        went.push((id_hash(&e.id), slot[root]));
        let (versions, known) = &mut members[slot[root]];
        versions.push(e);
        known.push(tidy.get(i).copied().unwrap_or(false));
    }
    // The sizes of the versions of each event to unite (looked up, or counted once an
    // id), so that the events can be united anywhere.
    let sized: Vec<Vec<usize>> = members
        .iter()
        .map(|(m, _)| match m.len() {
            1 => Vec::new(),
            _ => m.iter().map(|e| sizes.of(e)).collect(),
        })
        .collect();
    // (What there is to unite is counted only where it can go on the pool.)
    let pooled = match threads {
        Threads::Calling => false,
        Threads::Pool(from) => {
            on_a_pool_of_several()
                && members
                    .iter()
                    .filter(|(m, _)| m.len() > 1)
                    .flat_map(|(m, _)| m)
                    .map(|e| e.sources.len() + e.keys.len())
                    .sum::<usize>()
                    >= from
        }
    };
    let one =
        |((m, known), sized): ((Vec<Event>, Vec<bool>), Vec<usize>)| combine(m, &known, &sized);
    let united = if pooled {
        use rayon::prelude::*;
        members.into_par_iter().zip(sized).map(one).collect()
    } else {
        members.into_iter().zip(sized).map(one).collect()
    };
    (united, went)
}

/// Whether this runs on a thread of a rayon pool of several threads (where work can be
/// shared without starting rayon's global pool).
fn on_a_pool_of_several() -> bool {
    rayon::current_thread_index().is_some() && rayon::current_num_threads() > 1
}

/// Where [`group_indexed`] unites the versions of each event: on the calling thread,
/// or, when there is much to unite (sources and keys in the versions of events with
/// more than one, at least the number given) and it is called on a thread of a rayon
/// pool of several, on the pool's threads (not while a merger is being filled: its
/// owner may hold a lock that another task on the pool asks for).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Threads {
    Calling,
    Pool(usize),
}

/// From how many sources and keys in the versions to unite (of events with more than
/// one) the final uniting goes on the pool's threads: merging the two threads'
/// timelines of the end-to-end benchmark's 64 MiB page unites about 52,000, of its
/// 2,000 edited pages about 63,000 and of its 10,000 pages about 97,000, and on the
/// pool the first two took 0.3 to 0.4 ms less than the 0.9 and 1.6 ms on one thread.
const UNITE_ON_THE_POOL: usize = 1 << 15;

/// How many words an event's body has (the words its keys are made of): its
/// completeness.
fn size(e: &Event) -> usize {
    use crate::text::word_count;
    e.blocks
        .iter()
        .map(|b| {
            if b.kind == liveline_core::BlockKind::Gallery {
                b.items.iter().map(|i| word_count(&i.text)).sum()
            } else {
                b.label.as_deref().map_or(0, word_count) + word_count(&b.text)
            }
        })
        .sum()
}

/// The sizes of events met, by id (versions with the same id have the same words): a
/// merger keeps them from one uniting to the next, so an event is counted once. It
/// holds at most [`SIZES_HELD`] ids, then forgets all and starts again.
#[derive(Debug, Default)]
struct Sizes(HashMap<String, usize, FixedState>);

/// How many ids [`Sizes`] holds at most.
const SIZES_HELD: usize = 1 << 20;

impl Sizes {
    /// The size of `e`, counted when its id is new.
    fn of(&mut self, e: &Event) -> usize {
        if let Some(&n) = self.0.get(e.id.as_str()) {
            return n;
        }
        let n = size(e);
        self.note(&e.id, n);
        n
    }

    /// Note that the event with `id` has `n` words (as its extraction counted them).
    fn note(&mut self, id: &str, n: usize) {
        if !self.0.contains_key(id) {
            if self.0.len() >= SIZES_HELD {
                self.0.clear();
            }
            self.0.insert(id.to_owned(), n);
        }
    }
}

/// A total order on lists of blocks, for choosing between versions that tie on all
/// else: block by block, by kind, text, credit, label, place and items.
fn cmp_blocks(a: &[Block<'_>], b: &[Block<'_>]) -> Ordering {
    cmp_blocks_moved(a, b, &|s| s)
}

/// [`cmp_blocks`] with the spans of `b` moved by `moved`.
fn cmp_blocks_moved(a: &[Block<'_>], b: &[Block<'_>], moved: &impl Fn(Span) -> Span) -> Ordering {
    for (x, y) in a.iter().zip(b) {
        let o = x
            .kind
            .as_str()
            .cmp(y.kind.as_str())
            .then_with(|| x.text.cmp(&y.text))
            .then_with(|| x.credit.cmp(&y.credit))
            .then_with(|| x.label.cmp(&y.label))
            .then_with(|| x.span.cmp(&moved(y.span)))
            .then_with(|| cmp_blocks_moved(&x.items, &y.items, moved));
        if o != Ordering::Equal {
            return o;
        }
    }
    a.len().cmp(&b.len())
}

/// What decides between versions with the same words, text, headline, id and blocks
/// (a page saved twice): where their mentions were found (by what was found where,
/// not by their values, which are resolved again once the merged event's date is
/// known), so that the choice never depends on input order.
fn found(e: &Event) -> impl Iterator<Item = (&str, Span, &str, Option<Direction>)> {
    e.mentions
        .iter()
        .map(|m| (m.source.as_str(), m.span, m.text.as_str(), m.tense))
}

/// [`found`] of the copy of `e` that `to` makes.
fn found_moved<'e>(
    e: &'e Event,
    to: &'e Move<'_>,
) -> impl Iterator<Item = (&'e str, Span, &'e str, Option<Direction>)> {
    e.mentions
        .iter()
        .map(|m| (to.id, to.span(m.span), m.text.as_str(), m.tense))
}

/// How many captions of an event are credited.
fn credits(e: &Event) -> usize {
    e.blocks.iter().filter(|b| b.credit.is_some()).count()
}

/// The order of the fullest byline (the greater), as [`combine`] picks it.
fn cmp_bylines(a: &[Contributor<'static>], b: &[Contributor<'static>]) -> Ordering {
    a.len().cmp(&b.len()).then_with(|| {
        if a == b {
            Ordering::Equal
        } else {
            format!("{b:?}").cmp(&format!("{a:?}"))
        }
    })
}

/// Unite with `u` (versions of one event united, `e`'s keys among theirs) the copy of
/// `e` that `to` makes: what [`combine`] gives of `u`'s versions and the copy, the copy
/// made only when it is the version `u` keeps, except that the copy's sources are
/// added after `u`'s. `same` says that `u` and `e` are alike but for their places
/// ([`same_but_places`]): only the places then decide which is kept. Returns whether
/// `u`'s sources are still sorted without repeats when they were (the copy's come after
/// them: pages are mostly met in order), and whether the copy is the version kept.
fn fold(u: &mut Event, e: &Event, to: &Move<'_>, sizes: &mut Sizes, same: bool) -> (bool, bool) {
    let moved = |s| to.span(s);
    // The order of [`most_complete`] (a copy has the words of `e`): is the copy the
    // more complete? Between versions alike but for their places, the first
    // comparisons are all equal, and those of blocks come down to their places.
    let copy_first = if same {
        cmp_spans_moved(&u.blocks, &e.blocks, &moved)
    } else {
        sizes
            .of(e)
            .cmp(&sizes.of(u))
            .then_with(|| credits(e).cmp(&credits(u)))
            .then_with(|| u.text.cmp(&e.text))
            .then_with(|| u.headline.cmp(&e.headline))
            .then_with(|| u.id.cmp(&e.id))
            .then_with(|| cmp_blocks_moved(&u.blocks, &e.blocks, &moved))
    }
    .then_with(|| found(u).cmp(found_moved(e, to)))
        == Ordering::Greater;
    // The first least time; the last fullest byline.
    if let Some(w) = &e.when
        && u.when
            .as_ref()
            .is_none_or(|t| better_time(w, t) == Ordering::Less)
    {
        u.when = Some(w.clone());
    }
    // (An equal byline is the same byline: nothing to copy.)
    if cmp_bylines(&u.contributors, &e.contributors) == Ordering::Less {
        u.contributors.clone_from(&e.contributors);
    }
    let had = u.sources.len();
    u.sources.extend(e.sources.iter().map(|s| EventSource {
        source: to.id.to_owned(),
        post: Some(to.n),
        span: to.span(s.span),
    }));
    if copy_first {
        let c = to.copy(e);
        u.headline = c.headline;
        u.text = c.text;
        u.blocks = c.blocks;
        u.mentions = c.mentions;
        u.parent = c.parent;
    }
    let sorted = u.sources[had.saturating_sub(1)..]
        .windows(2)
        .all(|w| w[0] < w[1]);
    (sorted, copy_first)
}

/// Whether `u` and `e` are alike but for their places (spans, sources, where their
/// mentions were found): the same id, text, headline, blocks but for their spans (so
/// the same words and credited captions), and mentions of the same words and tense.
/// [`most_complete`] then tells them apart by their places alone.
fn same_but_places(u: &Event, e: &Event) -> bool {
    u.id == e.id
        && u.text == e.text
        && u.headline == e.headline
        && blocks_same_but_spans(&u.blocks, &e.blocks)
        && u.mentions.len() == e.mentions.len()
        && u.mentions
            .iter()
            .zip(&e.mentions)
            .all(|(a, b)| a.text == b.text && a.tense == b.tense)
}

/// Whether two lists of blocks are the same but for their spans.
fn blocks_same_but_spans(a: &[Block<'_>], b: &[Block<'_>]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            x.kind == y.kind
                && x.text == y.text
                && x.credit == y.credit
                && x.label == y.label
                && blocks_same_but_spans(&x.items, &y.items)
        })
}

/// [`cmp_blocks_moved`] of lists of blocks the same but for their spans: their spans
/// in order (the items' after each block's).
fn cmp_spans_moved(a: &[Block<'_>], b: &[Block<'_>], moved: &impl Fn(Span) -> Span) -> Ordering {
    for (x, y) in a.iter().zip(b) {
        let o = x
            .span
            .cmp(&moved(y.span))
            .then_with(|| cmp_spans_moved(&x.items, &y.items, moved));
        if o != Ordering::Equal {
            return o;
        }
    }
    a.len().cmp(&b.len())
}

/// The index of the version whose text a merged event keeps: the most words; then the
/// most credited captions (a timed snapshot over a page that printed the caption as a
/// paragraph); then the least text, headline and id; then the least blocks
/// ([`cmp_blocks`]); then the least [`found`]. Each version's word count is computed
/// once, and once an id: versions with the same id have the same words.
fn most_complete(versions: &[Event], sizes: &[usize]) -> usize {
    let credits: Vec<usize> = versions.iter().map(credits).collect();
    let mut best = 0;
    for i in 1..versions.len() {
        let (a, b) = (&versions[i], &versions[best]);
        let order = sizes[i]
            .cmp(&sizes[best])
            .then_with(|| credits[i].cmp(&credits[best]))
            .then_with(|| b.text.cmp(&a.text))
            .then_with(|| b.headline.cmp(&a.headline))
            .then_with(|| b.id.cmp(&a.id))
            .then_with(|| cmp_blocks(&b.blocks, &a.blocks))
            .then_with(|| found(b).cmp(found(a)));
        if order == Ordering::Greater {
            best = i;
        }
    }
    best
}

fn precision_rank(p: Precision) -> u8 {
    match p {
        Precision::Minute => 0,
        Precision::Day => 1,
        Precision::Month => 2,
        Precision::Year => 3,
    }
}

/// The order that picks the time a merged event keeps: the least.
fn better_time(a: &When, b: &When) -> Ordering {
    precision_rank(a.precision)
        .cmp(&precision_rank(b.precision))
        .then_with(|| sort_instant(a).cmp(&sort_instant(b)))
        .then_with(|| a.local.cmp(&b.local))
        .then_with(|| a.zone.cmp(&b.zone))
        .then_with(|| a.tz.cmp(&b.tz))
}

/// The instant an event is sorted by: its UTC time, or for a time known only as a
/// local date (or month, or year), the start of it in its zone (UTC when none).
pub fn sort_instant(w: &When) -> Option<jiff::Timestamp> {
    if let Some(utc) = w.utc {
        return Some(utc);
    }
    let l = &w.local;
    let date = jiff::civil::Date::new(l.year?, l.month.unwrap_or(1), l.day.unwrap_or(1)).ok()?;
    let dt = date.to_datetime(
        jiff::civil::Time::new(l.hour.unwrap_or(0), l.minute.unwrap_or(0), 0, 0).ok()?,
    );
    let tz =
        w.tz.as_deref()
            .and_then(|name| jiff::tz::db().get(name).ok())
            .unwrap_or(jiff::tz::TimeZone::UTC);
    tz.to_ambiguous_timestamp(dt).compatible().ok()
}

/// The items of all `lists`, moved out of them, sorted, without repeats; a list paired
/// with true is known sorted without repeats. The longest list is, in the usual case,
/// a merged version's with thousands of sources: when it is sorted, the others are
/// sorted together and merged into it from where the first of them goes, so that it is
/// neither copied nor sorted again.
fn sorted_union<'l, T: Ord + 'l>(lists: impl Iterator<Item = (&'l mut Vec<T>, bool)>) -> Vec<T> {
    let mut lists: Vec<(&mut Vec<T>, bool)> = lists.filter(|(l, _)| !l.is_empty()).collect();
    let Some(longest) = (0..lists.len()).max_by_key(|&i| lists[i].0.len()) else {
        return Vec::new();
    };
    let (longest, tidy) = lists.swap_remove(longest);
    let mut all = std::mem::take(longest);
    let mut rest: Vec<T> = Vec::new();
    for (l, _) in lists {
        rest.append(l);
    }
    if !tidy && !all.is_sorted() {
        all.append(&mut rest);
        all.sort();
        all.dedup();
        return all;
    }
    if !rest.is_empty() {
        if !rest.is_sorted() {
            rest.sort();
        }
        let from = all.partition_point(|x| x < &rest[0]);
        if from == all.len() {
            // All of the others after it (versions from pages met later, or from the
            // later posts of a long page): put after it.
            rest.dedup();
            all.append(&mut rest);
        } else if rest.last() < all.first() {
            // All of them before it.
            rest.dedup();
            rest.append(&mut all);
            all = rest;
        } else {
            let tail = all.split_off(from);
            all.append(&mut merge_sorted(tail, rest));
        }
    }
    // What comes before the merged part is less than all in it: with no repeats there,
    // there are none.
    if !tidy {
        all.dedup();
    }
    all
}

/// Two sorted lists as one, sorted, without repeats.
fn merge_sorted<T: Ord>(a: Vec<T>, b: Vec<T>) -> Vec<T> {
    let mut out: Vec<T> = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) if y < x => b.next(),
            (Some(_), _) => a.next(),
            (None, _) => b.next(),
        };
        let Some(next) = next else {
            break;
        };
        if out.last() != Some(&next) {
            out.push(next);
        }
    }
    out
}

/// One event from the versions of it, whose sources and keys are known sorted without
/// repeats where `tidy` says so.
fn combine(mut versions: Vec<Event>, tidy: &[bool], sizes: &[usize]) -> Event {
    if versions.len() == 1 {
        let mut e = versions.pop().expect("one version");
        if !tidy[0] {
            e.sources.sort();
            e.sources.dedup();
            e.keys.sort_unstable();
            e.keys.dedup();
        }
        return e;
    }
    let best = most_complete(&versions, sizes);
    let when = versions
        .iter()
        .filter_map(|e| e.when.as_ref())
        .min_by(|a, b| better_time(a, b))
        .cloned();
    let sources = sorted_union(
        versions
            .iter_mut()
            .map(|e| &mut e.sources)
            .zip(tidy.iter().copied()),
    );
    let keys = sorted_union(
        versions
            .iter_mut()
            .map(|e| &mut e.keys)
            .zip(tidy.iter().copied()),
    );
    // The fullest byline of any version (a page saved without its bylines names none):
    // chosen among all versions, whichever text is kept, so that merging stays
    // associative.
    // (Taken from its version, not copied: the versions are used up here.)
    let fullest = versions
        .iter()
        .enumerate()
        .max_by(|(_, a), (_, b)| cmp_bylines(&a.contributors, &b.contributors))
        .map(|(i, _)| i);
    let contributors = fullest
        .map(|i| std::mem::take(&mut versions[i].contributors))
        .unwrap_or_default();
    let mut e = versions.swap_remove(best);
    e.contributors = contributors;
    e.when = when;
    e.sources = sources;
    e.keys = keys;
    e
}

/// Link each year item to the post event that holds it: the post found at the same
/// place (document and post index) as one of the year item's sources.
fn link_parents(events: &mut [Event]) {
    if !events.iter().any(|e| e.kind == EventKind::YearItem) {
        return;
    }
    // Only the places year items were found at are asked about: the posts at those
    // places are looked for, not every post's places kept.
    // Room for all of them at once (a table grown step by step fills new memory at
    // every step).
    let places: usize = events
        .iter()
        .filter(|e| e.kind == EventKind::YearItem)
        .map(|e| e.sources.len())
        .sum();
    let mut post_at: HashMap<(&str, usize), Option<&str>, FixedState> =
        HashMap::with_capacity_and_hasher(places, FixedState::default());
    for e in events.iter().filter(|e| e.kind == EventKind::YearItem) {
        for s in &e.sources {
            if let Some(p) = s.post {
                post_at.insert((s.source.as_str(), p), None);
            }
        }
    }
    for e in events.iter().filter(|e| e.kind == EventKind::Post) {
        for s in &e.sources {
            if let Some(p) = s.post
                && let Some(id) = post_at.get_mut(&(s.source.as_str(), p))
                && id.is_none_or(|id| e.id.as_str() < id)
            {
                *id = Some(e.id.as_str());
            }
        }
    }
    let parents: Vec<Option<String>> = events
        .iter()
        .map(|e| {
            (e.kind == EventKind::YearItem)
                .then(|| {
                    e.sources
                        .iter()
                        .filter_map(|s| *post_at.get(&(s.source.as_str(), s.post?))?)
                        .min()
                        .map(|id| (*id).to_owned())
                })
                .flatten()
        })
        .collect();
    for (e, p) in events.iter_mut().zip(parents) {
        if e.kind == EventKind::YearItem {
            e.parent = p;
        }
    }
}

/// Sort events by time (undated last), then id.
pub fn sort(events: &mut [Event]) {
    events.sort_by_cached_key(|e| {
        let t = e.when.as_ref().and_then(sort_instant);
        (t.is_none(), t, e.id.clone())
    });
}

/// Timelines merged as they come, in work linear in their events: what a worker of a
/// batch run keeps of the pages it has read. Versions of the same event are united
/// as events pile up; the merged events are put in normal form (year items linked,
/// mentions resolved, sorted) once, by [`Merger::finish`], which gives what
/// [`merge_all`] of everything added gives.
///
/// ```
/// use liveline_timeline::{Extractor, Merger, merge_all, timeline_of};
///
/// let a = liveline_parse::parse("8:49 a.m. ET, January 21, 2022\n\nTalks end in Geneva\n");
/// let b = liveline_parse::parse("8:49 a.m. ET, January 21, 2022\n\nTalks end in Geneva.\n");
/// let x = Extractor::default();
/// let mut m = Merger::new();
/// m.add_posts(&a, &x, 0..a.posts.len(), None);
/// m.add(timeline_of(&b, &x));
/// assert_eq!(m.finish(), merge_all([timeline_of(&a, &x), timeline_of(&b, &x)]));
/// ```
#[derive(Debug)]
pub struct Merger {
    /// How many events at least are let pile up before they are united.
    batch: usize,
    sources: Vec<SourceMeta>,
    /// Events whose versions are united (in no set order, mentions not resolved).
    united: Vec<Event>,
    /// Whether each united event's sources are sorted without repeats (its keys are):
    /// true when it was united, false once a copy's sources were added out of order.
    tidy: Vec<bool>,
    /// For each united event, the remembered event (the key of its post in the memo
    /// and its place among the post's events) that it is known to be alike but for
    /// its places, when one is: a copy of that event is told from it by its places
    /// alone.
    kept: Vec<Option<(u128, usize)>>,
    /// Events added since.
    pending: Vec<Event>,
    /// Where in `united` the event each id is a version of is, by a hash of the id
    /// (the first such event; others are found in `pending`'s way).
    by_id: HashMap<u64, usize, FixedState>,
    /// The sizes of the events met.
    sizes: Sizes,
}

impl Default for Merger {
    fn default() -> Self {
        Merger::with_batch(DEFAULT_BATCH)
    }
}

/// How many events at least a [`Merger::new`] lets pile up before it unites them. Small
/// batches keep few events in memory and little left to unite at the end; the rule
/// that what is pending must outnumber what is united keeps the work linear. On the
/// end-to-end benchmark 256 ran faster than 4,096 on all three inputs, and than 64 or
/// 1,024 on the pages.
const DEFAULT_BATCH: usize = 256;

impl Merger {
    /// A merger holding nothing, that unites what is added a few hundred events at a
    /// time.
    pub fn new() -> Self {
        Merger::default()
    }

    /// A merger that unites the events added once they number at least `batch` and
    /// outnumber those united before (`batch` 1: at every addition). What
    /// [`Merger::finish`] gives does not depend on it; memory and time do.
    pub fn with_batch(batch: usize) -> Self {
        Merger {
            batch: batch.max(1),
            sources: Vec::new(),
            united: Vec::new(),
            tidy: Vec::new(),
            kept: Vec::new(),
            pending: Vec::new(),
            by_id: HashMap::default(),
            sizes: Sizes::default(),
        }
    }

    /// Add a timeline.
    pub fn add(&mut self, t: Timeline) {
        self.sources.extend(t.sources);
        self.add_events(t.events);
    }

    /// Add the events of the posts `posts` of `doc` as `extractor` draws them (through
    /// `memo` when given): what adding [`crate::timeline_of_posts`] of them adds,
    /// without uniting and resolving them on their own first. A post the memo knows
    /// is, as far as it can be, united with the versions held without a copy of its
    /// events being made.
    pub fn add_posts(
        &mut self,
        doc: &liveline_core::Document<'_>,
        extractor: &crate::Extractor,
        posts: std::ops::Range<usize>,
        memo: Option<&mut crate::Memo>,
    ) {
        self.add_posts_in_parts(std::slice::from_ref(doc), extractor, posts, memo);
    }

    /// [`Merger::add_posts`] of a document given in parts (see
    /// [`Document::from_parts`](liveline_core::Document::from_parts)): what adding the
    /// posts `posts` of the parts joined adds, the posts numbered in the whole
    /// document. A long page parsed and cleaned in parts is extracted without its
    /// posts being joined into one list.
    pub fn add_posts_in_parts(
        &mut self,
        parts: &[liveline_core::Document<'_>],
        extractor: &crate::Extractor,
        posts: std::ops::Range<usize>,
        memo: Option<&mut crate::Memo>,
    ) {
        let source = crate::source_meta_of_parts(parts);
        extractor.extract_parts_unresolved(&source, parts, posts, self, memo);
        self.sources.push(source);
        self.settle();
    }

    /// Add everything `other` holds.
    pub fn absorb(&mut self, other: Merger) {
        // Nothing held here: what `other` holds is taken as it is, its united events
        // not united again.
        if self.sources.is_empty() && self.united.is_empty() && self.pending.is_empty() {
            let batch = self.batch;
            *self = other;
            self.batch = batch;
            return;
        }
        self.sources.extend(other.sources);
        self.add_events(other.united);
        self.add_events(other.pending);
    }

    /// Take `events` to unite.
    fn add_events(&mut self, mut events: Vec<Event>) {
        if self.pending.is_empty() {
            self.pending = events;
        } else {
            self.pending.append(&mut events);
        }
        self.settle();
    }

    /// Unite what is pending once it outnumbers what is united (at least `batch`
    /// events at a time), so that versions of the same event in many pages are united
    /// early and the work of uniting stays linear.
    fn settle(&mut self) {
        if self.pending.len() >= (2 * self.united.len()).max(self.batch) {
            self.unite_pending();
        }
    }

    /// Unite what was added with what is held now, rather than once enough has piled
    /// up: for mergers filled on threads of their own, so that each unites its part on
    /// its thread before one absorbs the others (and has little left to unite). What
    /// [`Merger::finish`] gives does not depend on it.
    pub fn unite_pending(&mut self) {
        if !self.pending.is_empty() {
            let mut all = std::mem::take(&mut self.united);
            all.append(&mut self.pending);
            let (united, went) = group_indexed(all, &self.tidy, &mut self.sizes, Threads::Calling);
            self.tidy = vec![true; united.len()];
            self.kept = vec![None; united.len()];
            self.united = united;
            self.by_id.clear();
            for (id, i) in went {
                self.by_id.entry(id).or_insert(i);
            }
        }
    }

    /// The merged timeline, in normal form. Called on a thread of a rayon pool of
    /// several threads, it puts the sources in order beside the uniting of the events,
    /// and unites the versions of the events on the pool's threads when there are many
    /// (what it gives is the same).
    pub fn finish(mut self) -> Timeline {
        let mut events = self.united;
        events.extend(self.pending);
        let (sources, tidy, sizes) = (self.sources, &self.tidy, &mut self.sizes);
        // On a pool of several threads, the sources are put in order beside the uniting.
        let (sources, events) = if on_a_pool_of_several() {
            rayon::join(
                || normal_sources(sources),
                || unite_with(events, tidy, sizes),
            )
        } else {
            (normal_sources(sources), unite_with(events, tidy, sizes))
        };
        Timeline { sources, events }
    }
}

/// The hash of an event id the [`Merger`] finds events by.
fn id_hash(id: &str) -> u64 {
    use std::hash::BuildHasher;
    FixedState::default().hash_one(id)
}

impl Sink for Merger {
    fn push(&mut self, e: Event, size: Option<usize>) {
        if let Some(n) = size {
            self.sizes.note(&e.id, n);
        }
        self.pending.push(e);
    }

    /// A copy of a version of an event united here, with keys among the event's (and
    /// some keys, or the event's id), is united with it at once (which is what uniting
    /// it later gives: it shares a key with the event, or its id and keys, and joins
    /// no other event to it); other copies are made and wait.
    fn copies(&mut self, events: &[Event], to: &Move<'_>) {
        for (k, e) in events.iter().enumerate() {
            let at = self.by_id.get(&id_hash(&e.id)).copied();
            match at.map(|i| (i, &mut self.united[i])) {
                // The keys of a united event are sorted.
                Some((i, u))
                    if (u.id == e.id || !e.keys.is_empty())
                        && e.keys.iter().all(|k| u.keys.binary_search(k).is_ok()) =>
                {
                    // The remembered event this copy is of, and whether the united
                    // event is known to keep one alike but for its places (a copy of
                    // it); else it is checked, once.
                    let of = (to.key, k);
                    let same = self.kept[i] == Some(of) || same_but_places(u, e);
                    let (sorted, copied) = fold(u, e, to, &mut self.sizes, same);
                    if same || copied {
                        self.kept[i] = Some(of);
                    }
                    if !sorted {
                        self.tidy[i] = false;
                    }
                }
                _ => self.pending.push(to.copy(e)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Sources in any order, with ids, hashes and paths from a few (so that all
        /// three decide some pairs) and exact repeats, come out as sorting them
        /// together (a stable sort) and dropping the repeats gives.
        #[test]
        fn normal_sources_are_sorted_and_without_repeats(
            picks in proptest::collection::vec((0..4usize, 0..3usize, 0..3usize), 0..60),
        ) {
            let sources: Vec<SourceMeta> = picks
                .iter()
                .map(|&(id, sha, path)| SourceMeta {
                    id: format!("page-{id}.txt"),
                    path: (path > 0).then(|| format!("dir-{path}/page-{id}.txt")),
                    sha256: (sha > 0).then(|| format!("{sha:064x}")),
                    kind: liveline_core::DocKind::LiveBlog,
                    title: None,
                    outlet: None,
                    updated: None,
                })
                .collect();
            let mut want = sources.clone();
            want.sort_by(|a, b| {
                a.id.cmp(&b.id)
                    .then_with(|| a.sha256.cmp(&b.sha256))
                    .then_with(|| format!("{a:?}").cmp(&format!("{b:?}")))
            });
            want.dedup();
            proptest::prop_assert_eq!(normal_sources(sources), want);
        }
    }

    proptest::proptest! {
        /// Two sorted lists (repeats within and between them) are united as sorting
        /// them together and dropping repeats unites them; so are any lists, and lists
        /// one of which is known sorted without repeats.
        #[test]
        fn sorted_union_is_sort_and_dedup(
            mut a in proptest::collection::vec(0..50u8, 0..40),
            mut b in proptest::collection::vec(0..50u8, 0..40),
            c in proptest::collection::vec(0..50u8, 0..5),
            sort_a in proptest::bool::ANY,
        ) {
            if sort_a {
                a.sort();
            }
            b.sort();
            let mut want: Vec<u8> = [a.clone(), b.clone(), c.clone()].concat();
            want.sort();
            want.dedup();
            let mut c2 = c.clone();
            let (mut a2, mut b2) = (a.clone(), b.clone());
            let got = sorted_union([(&mut a2, false), (&mut b2, false), (&mut c2, false)].into_iter());
            proptest::prop_assert_eq!(&got, &want);
            let mut want2: Vec<u8> = [a.clone(), b.clone()].concat();
            want2.sort();
            want2.dedup();
            let (mut a2, mut b2) = (a.clone(), b.clone());
            let got = sorted_union([(&mut a2, false), (&mut b2, false)].into_iter());
            proptest::prop_assert_eq!(&got, &want2);
            // A list said to be sorted without repeats (and so it is), the longest or not.
            let mut tidy = a.clone();
            tidy.sort();
            tidy.dedup();
            let (mut t2, mut b2) = (tidy.clone(), b.clone());
            let got = sorted_union([(&mut t2, true), (&mut b2, false)].into_iter());
            proptest::prop_assert_eq!(&got, &want2);
            let (mut t2, mut c2) = (tidy.clone(), c.clone());
            let got = sorted_union([(&mut c2, false), (&mut t2, true), (&mut b, false)].into_iter());
            proptest::prop_assert_eq!(&got, &want);
        }
    }

    #[test]
    fn a_merger_finishes_on_a_pool_as_on_the_calling_thread() {
        let x = crate::Extractor::default();
        // The seeds under several names, added last name first: sources out of order.
        let filled = || {
            let mut m = Merger::new();
            for copy in (0..3).rev() {
                for (name, text) in liveline_testkit::corpus::seeds() {
                    let mut doc = liveline_parse::parse(&text);
                    doc.source.path = Some(format!("{copy}-{name}"));
                    m.add(crate::timeline_of(&doc, &x));
                }
            }
            m
        };
        let calling = filled().finish();
        let ids: Vec<&str> = calling.sources.iter().map(|s| s.id.as_str()).collect();
        assert!(ids.is_sorted() && ids.len() == 15, "{ids:?}");
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .expect("a pool of two threads");
        assert_eq!(pool.install(|| filled().finish()), calling);
    }

    /// The seeds' events, each page under several names and some with a word changed
    /// (versions to unite, some near-duplicates), united on a pool of two threads
    /// event by event give what uniting them on the calling thread gives: the same
    /// events, in the same order, and the same places.
    #[test]
    fn uniting_on_the_pool_is_uniting_on_the_calling_thread() {
        let x = crate::Extractor::default();
        let mut events: Vec<Event> = Vec::new();
        for (name, text) in liveline_testkit::corpus::seeds() {
            for copy in 0..6 {
                let text = if copy % 2 == 1 {
                    text.replacen(" the ", " a ", copy)
                } else {
                    text.clone()
                };
                let mut doc = liveline_parse::parse(&text);
                doc.source.path = Some(format!("{name}-{copy}"));
                events.extend(crate::timeline_of(&doc, &x).events);
            }
        }
        // Interleaved, as two threads' mergers hold them.
        let mut events: Vec<(usize, Event)> = events.into_iter().enumerate().collect();
        events.sort_by_key(|(i, _)| i % 3 == 0);
        let events: Vec<Event> = events.into_iter().map(|(_, e)| e).collect();
        let tidy: Vec<bool> = events.iter().map(|_| false).collect();
        let calling = group_indexed(
            events.clone(),
            &tidy,
            &mut Sizes::default(),
            Threads::Calling,
        );
        assert!(
            calling.0.len() < events.len() / 3,
            "{} united",
            calling.0.len()
        );
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .expect("a pool of two threads");
        let pooled =
            pool.install(|| group_indexed(events, &tidy, &mut Sizes::default(), Threads::Pool(0)));
        assert_eq!(pooled, calling);
    }

    #[test]
    fn sorted_union_of_lists_wholly_before_or_after_the_longest() {
        let union = |longest: &[u8], tidy: bool, others: &[&[u8]]| {
            let mut longest = longest.to_vec();
            let mut others: Vec<Vec<u8>> = others.iter().map(|o| o.to_vec()).collect();
            sorted_union(
                std::iter::once((&mut longest, tidy)).chain(others.iter_mut().map(|o| (o, false))),
            )
        };
        assert_eq!(
            union(&[5, 6, 7, 8, 9], true, &[&[10, 10, 11]]),
            [5, 6, 7, 8, 9, 10, 11]
        );
        assert_eq!(
            union(&[5, 6, 7, 8, 9], true, &[&[2, 1, 1]]),
            [1, 2, 5, 6, 7, 8, 9]
        );
        assert_eq!(union(&[5, 5, 6, 7, 8], false, &[&[9, 9]]), [5, 6, 7, 8, 9]);
        assert_eq!(union(&[5, 5, 6, 7, 8], false, &[&[1, 1]]), [1, 5, 6, 7, 8]);
        assert_eq!(
            union(&[5, 6, 7, 8], true, &[&[2, 3], &[9]]),
            [2, 3, 5, 6, 7, 8, 9]
        );
    }

    #[test]
    fn a_document_in_parts_adds_what_it_adds_joined() {
        let mut outlets = 0;
        for (name, text) in liveline_testkit::corpus::seeds() {
            let mut doc = liveline_parse::parse(&text);
            doc.source.path = Some(name.clone());
            let x = crate::Extractor {
                source_text: Some(&text),
                reference_date: None,
            };
            // As parsed, and with the outlet named only by the posts of the last part.
            let n = doc.posts.len();
            let mut later_outlet = doc.clone();
            if let Some(b) = later_outlet.byline.as_mut() {
                b.outlet = None;
            }
            for p in &mut later_outlet.posts[..n / 2] {
                for c in &mut p.contributors {
                    c.outlet = None;
                }
            }
            for doc in [doc, later_outlet] {
                let mut whole = Merger::new();
                whole.add_posts(&doc, &x, 0..n, None);
                let whole = whole.finish();
                outlets += usize::from(whole.sources[0].outlet.is_some());
                for cuts in [vec![0], vec![n / 2], vec![n], vec![1, n / 2]] {
                    let parts = liveline_testkit::cut_into_parts(doc.clone(), &cuts);
                    // In one range, and in two across the cuts.
                    for cut in [0, n / 3] {
                        let mut m = Merger::new();
                        for r in [0..cut, cut..n] {
                            m.add_posts_in_parts(&parts, &x, r, None);
                        }
                        assert_eq!(m.finish(), whole, "{name} cut at {cuts:?}");
                    }
                }
            }
        }
        assert!(outlets >= 2, "{outlets}");
    }

    #[test]
    fn extraction_counts_the_words_uniting_counts() {
        let mut kinds = std::collections::HashSet::new();
        for (name, text) in liveline_testkit::corpus::seeds() {
            let mut doc = liveline_parse::parse(&text);
            doc.source.path = Some(name);
            let x = crate::Extractor {
                source_text: Some(&text),
                reference_date: None,
            };
            let mut out = crate::memo::Made::new();
            let source = crate::source_meta(&doc);
            x.extract_unresolved(&source, &doc, 0..doc.posts.len(), &mut out, None);
            for (e, n) in out {
                assert_eq!(n, Some(size(&e)), "{} {:?}", e.id, e.kind);
                kinds.insert(e.kind);
            }
        }
        // Posts, year items, bullets and an article.
        assert_eq!(kinds.len(), 4, "{kinds:?}");
    }
}
