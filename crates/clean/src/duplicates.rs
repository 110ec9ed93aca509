//! The `duplicates` pass: a block printed twice is kept once; the repeat is marked.

use std::borrow::Cow;
use std::collections::HashMap;
use std::collections::hash_map::Entry;

use foldhash::fast::FixedState;

use liveline_core::{Block, BlockKind, Clean, CleanLog, Document};

use crate::quotes::push_match_key;
use crate::text::{At, list, lists};

/// Marks repeated blocks as boilerplate (label "duplicate"), keeping the first:
/// - a caption followed by the same caption with a "(credit)" becomes one caption with
///   that credit, the repeat marked (the parser does this already for pages it reads;
///   this is for documents built otherwise);
/// - a list of links, a gallery or a caption repeated anywhere in the document;
/// - a paragraph repeated within one post (or within the preamble or the trailer). A
///   paragraph that opens two different posts, such as a background paragraph, belongs
///   to each of them and is kept in both.
///
/// Texts are compared in [`match_key`](crate::quotes::match_key) form, so "CNN's" and
/// "CNN’s" are the same text.
#[derive(Clone, Copy, Debug, Default)]
pub struct Duplicates;

/// What makes two blocks the same: kind, label, text, credit and items, in
/// [`match_key`](crate::quotes::match_key) form, written into `out` (cleared first).
fn key_into(b: &Block<'_>, out: &mut String) {
    out.clear();
    out.push_str(b.kind.as_str());
    for part in [
        b.label.as_deref(),
        Some(b.text.as_ref()),
        b.credit.as_deref(),
    ] {
        out.push('\u{0}');
        push_match_key(out, part.unwrap_or_default());
    }
    for item in &b.items {
        out.push('\u{0}');
        push_match_key(out, &item.text);
    }
}

/// Whether each byte is an ASCII letter or digit.
static ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = (c as u8).is_ascii_alphanumeric();
        c += 1;
    }
    t
};

/// A cheap fingerprint of a block's key: its kind, and for each part the first and
/// the last eight ASCII letters and digits. The key form changes only quotes, dashes
/// and white space, never an ASCII letter or digit, so blocks with equal keys have
/// equal fingerprints; blocks with equal fingerprints are compared by their keys. Only
/// the ends of a text are read.
fn fingerprint(b: &Block<'_>) -> u64 {
    fn part(h: &mut u64, s: &str) {
        // The first eight ASCII letters and digits of `bytes`, as the bytes of a word.
        fn eight(bytes: impl Iterator<Item = u8>) -> u64 {
            let (mut w, mut shift) = (0u64, 0);
            for c in bytes {
                if ALNUM[usize::from(c)] {
                    w |= u64::from(c) << shift;
                    shift += 8;
                    if shift == 64 {
                        break;
                    }
                }
            }
            w
        }
        for x in [eight(s.bytes()), eight(s.bytes().rev()), 0x9e37_79b9] {
            *h = (*h ^ x).wrapping_mul(0x0100_0000_01b3).rotate_left(29);
        }
    }
    let mut h = b.kind as u64 + 1;
    part(&mut h, b.label.as_deref().unwrap_or_default());
    part(&mut h, &b.text);
    part(&mut h, b.credit.as_deref().unwrap_or_default());
    for item in &b.items {
        part(&mut h, &item.text);
    }
    h
}

/// Blocks seen so far, by fingerprint, each by its place `A`. A fingerprint met again
/// is checked against the keys of the blocks that gave it, so only equal keys make a
/// repeat. The key of a block met again is kept, so that a block printed many times is
/// read into its key once.
struct Seen<A> {
    /// The first block with each fingerprint, and its key once it was needed.
    first: HashMap<u64, (A, Option<String>), FixedState>,
    /// Further blocks with a fingerprint seen before but a different key (rare), with
    /// their keys.
    more: Vec<(u64, String)>,
}

impl<A> Default for Seen<A> {
    fn default() -> Self {
        Seen {
            first: HashMap::default(),
            more: Vec::new(),
        }
    }
}

impl<A: Copy> Seen<A> {
    /// Whether a block with the key of the block at `at` was seen (`block` finds a
    /// block by its place); if not, remember it.
    fn seen_or_insert<'b>(
        &mut self,
        print: u64,
        at: A,
        block: impl Fn(A) -> &'b Block<'b>,
        keys: &mut Keys,
    ) -> bool {
        let (first, first_key) = match self.first.entry(print) {
            Entry::Vacant(v) => {
                v.insert((at, None));
                return false;
            }
            Entry::Occupied(o) => o.into_mut(),
        };
        key_into(block(at), &mut keys.mine);
        let first_key = first_key.get_or_insert_with(|| {
            let mut k = String::new();
            key_into(block(*first), &mut k);
            k
        });
        if *first_key == keys.mine {
            return true;
        }
        if self
            .more
            .iter()
            .any(|(p, k)| *p == print && *k == keys.mine)
        {
            return true;
        }
        self.more.push((print, keys.mine.clone()));
        false
    }

    fn clear(&mut self) {
        self.first.clear();
        self.more.clear();
    }
}

/// A key buffer, reused.
#[derive(Default)]
struct Keys {
    mine: String,
}

fn mark(b: &mut Block<'_>, log: &mut CleanLog, what: &str) {
    log.record_with("duplicates", b.span, || {
        format!(
            "marked a repeated {} as boilerplate: {what}",
            b.kind.as_str()
        )
    });
    b.kind = BlockKind::Boilerplate;
    b.label = Some(Cow::Borrowed("duplicate"));
}

/// Join "caption" + "caption (credit)" pairs in `blocks`.
fn pair_captions(blocks: &mut [Block<'_>], log: &mut CleanLog) {
    for i in 1..blocks.len() {
        let (head, tail) = blocks.split_at_mut(i);
        let (first, second) = (&mut head[i - 1], &mut tail[0]);
        if first.kind != BlockKind::Caption
            || first.credit.is_some()
            || second.kind == BlockKind::Boilerplate
        {
            continue;
        }
        let Some(rest) = second.text.strip_prefix(first.text.as_ref()) else {
            continue;
        };
        let rest = rest.trim();
        if rest.len() > 2 && rest.starts_with('(') && rest.ends_with(')') {
            first.credit = Some(Cow::Owned(rest[1..rest.len() - 1].to_owned()));
            mark(second, log, "a caption printed again with its credit");
        }
    }
}

impl Clean for Duplicates {
    fn name(&self) -> &str {
        "duplicates"
    }

    fn clean(&self, doc: &mut Document<'_>, log: &mut CleanLog) {
        let local = pair_and_find(doc, log);
        mark_all(doc, &local.marks, log);
    }

    /// Captions are paired and repeats found in each part at once (within a post, and
    /// across the part); the first blocks of each part that may repeat across the
    /// document are then checked against the parts before it, part after part, and the
    /// repeats marked in each part at once.
    fn clean_parts(&self, parts: &mut [&mut Document<'_>], log: &mut CleanLog) -> bool {
        let mut locals = crate::each_part(parts, log, |_, d, l| pair_and_find(d, l));
        {
            let blocks: Vec<Vec<&[Block<'_>]>> = parts.iter().map(|d| lists(d)).collect();
            let mut keys = Keys::default();
            let mut seen: Seen<(usize, At)> = Seen::default();
            for (k, local) in locals.iter_mut().enumerate() {
                for n in 0..local.firsts.len() {
                    let (print, at) = local.firsts[n];
                    let block = |(k, (l, i)): (usize, At)| &blocks[k][l][i];
                    if seen.seen_or_insert(print, (k, at), block, &mut keys) {
                        local.marks.push((at, ACROSS));
                    }
                }
            }
        }
        crate::each_part(parts, log, |k, d, l| mark_all(d, &locals[k].marks, l));
        true
    }
}

/// Why a block repeated across the document is marked.
const ACROSS: &str = "seen earlier in the document";

/// What is found in a document (or part) on its own: the repeats within a list and
/// across the document (or part), and the first of the blocks that may repeat across
/// the document, one a key, with their fingerprints, in order.
#[derive(Default)]
struct Local {
    marks: Vec<(At, &'static str)>,
    firsts: Vec<(u64, At)>,
}

/// Pair the captions of every list of `doc`, then find the repeats within each list
/// and across `doc`, and the first blocks to compare with other parts of a document.
fn pair_and_find(doc: &mut Document<'_>, log: &mut CleanLog) -> Local {
    for n in 0..doc.posts.len() + 2 {
        pair_captions(list(doc, n), log);
    }
    let all = lists(doc);
    let mut keys = Keys::default();
    let mut seen_here: Seen<At> = Seen::default();
    let mut seen_wide: Seen<At> = Seen::default();
    let mut local = Local::default();
    for (l, blocks) in all.iter().enumerate() {
        seen_here.clear();
        for (i, b) in blocks.iter().enumerate() {
            match b.kind {
                BlockKind::Related | BlockKind::Gallery | BlockKind::Caption => {
                    let (print, block) = (fingerprint(b), |(l, i): At| &all[l][i]);
                    if seen_wide.seen_or_insert(print, (l, i), block, &mut keys) {
                        local.marks.push(((l, i), ACROSS));
                    } else {
                        local.firsts.push((print, (l, i)));
                    }
                }
                BlockKind::Paragraph
                | BlockKind::Section
                | BlockKind::Bullet
                | BlockKind::YearItem => {
                    let block = |(l, i): At| &all[l][i];
                    if seen_here.seen_or_insert(fingerprint(b), (l, i), block, &mut keys) {
                        local.marks.push(((l, i), "seen earlier in the same post"));
                    }
                }
                _ => {}
            }
        }
    }
    local
}

/// Mark the blocks at `marks` in `doc`, in the order of their places.
fn mark_all(doc: &mut Document<'_>, marks: &[(At, &'static str)], log: &mut CleanLog) {
    let mut marks = marks.to_vec();
    marks.sort_unstable_by_key(|&(at, _)| at);
    for ((l, i), what) in marks {
        mark(&mut list(doc, l)[i], log, what);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use liveline_core::{Post, Span};

    fn block(kind: BlockKind, text: &'static str) -> Block<'static> {
        Block::new(kind, text, Span::new(0, text.len()))
    }

    #[test]
    fn repeats_are_logged_in_the_order_of_their_places() {
        let post = |blocks: Vec<Block<'static>>| Post {
            blocks,
            ..Post::default()
        };
        let caption = || block(BlockKind::Caption, "Ministers arrive in Geneva.");
        let para = || block(BlockKind::Paragraph, "The talks lasted ninety minutes.");
        let mut doc = Document {
            posts: vec![
                post(vec![caption()]),
                // A caption seen in the post before, then a paragraph twice.
                post(vec![caption(), para(), para()]),
            ],
            ..Document::default()
        };
        let mut log = CleanLog::default();
        Duplicates.clean(&mut doc, &mut log);
        let what: Vec<&str> = log.entries.iter().map(|e| e.what.as_str()).collect();
        assert_eq!(
            what,
            [
                "marked a repeated caption as boilerplate: seen earlier in the document",
                "marked a repeated paragraph as boilerplate: seen earlier in the same post",
            ]
        );
        let kinds: Vec<BlockKind> = doc.posts[1].blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Boilerplate,
                BlockKind::Paragraph,
                BlockKind::Boilerplate
            ]
        );
    }

    #[test]
    fn second_link_list_is_marked_and_the_first_kept() {
        let mut list = block(BlockKind::Related, "GO DEEPER");
        list.items = vec![
            block(BlockKind::Related, "One link"),
            block(BlockKind::Related, "Two link"),
        ];
        let mut doc = Document {
            trailer: vec![list.clone(), list],
            ..Document::default()
        };
        let mut log = CleanLog::default();
        Duplicates.clean(&mut doc, &mut log);
        assert_eq!(doc.trailer[0].kind, BlockKind::Related);
        assert_eq!(doc.trailer[1].kind, BlockKind::Boilerplate);
        assert_eq!(doc.trailer[1].label.as_deref(), Some("duplicate"));
        assert_eq!(log.entries.len(), 1);
    }

    #[test]
    fn caption_printed_twice_becomes_one_with_credit() {
        let mut doc = Document {
            posts: vec![Post {
                blocks: vec![
                    block(BlockKind::Caption, "Ministers meet."),
                    block(BlockKind::Paragraph, "Ministers meet. (Ana Ruiz/AFP)"),
                ],
                ..Post::default()
            }],
            ..Document::default()
        };
        Duplicates.clean(&mut doc, &mut CleanLog::default());
        let b = &doc.posts[0].blocks;
        assert_eq!(b[0].credit.as_deref(), Some("Ana Ruiz/AFP"));
        assert_eq!(b[1].kind, BlockKind::Boilerplate);
    }

    #[test]
    fn paragraphs_repeat_across_posts_but_not_within_one() {
        let post = |texts: &[&'static str]| Post {
            blocks: texts
                .iter()
                .map(|t| block(BlockKind::Paragraph, t))
                .collect(),
            ..Post::default()
        };
        let mut doc = Document {
            posts: vec![
                post(&["Background.", "CNN’s view."]),
                post(&["Background.", "CNN's view.", "CNN’s view."]),
            ],
            ..Document::default()
        };
        Duplicates.clean(&mut doc, &mut CleanLog::default());
        let kinds: Vec<_> = doc
            .posts
            .iter()
            .map(|p| p.blocks.iter().map(|b| b.kind).collect::<Vec<_>>())
            .collect();
        assert_eq!(kinds[0], [BlockKind::Paragraph, BlockKind::Paragraph]);
        assert_eq!(
            kinds[1],
            [
                BlockKind::Paragraph,
                BlockKind::Paragraph,
                BlockKind::Boilerplate
            ]
        );
    }

    #[test]
    fn same_fingerprint_different_text_is_kept() {
        let (a, b) = (
            "Talks ended in Geneva on Friday, officials said.",
            "Talks ended in Geneva after a long day, officials said.",
        );
        assert_eq!(
            fingerprint(&block(BlockKind::Paragraph, a)),
            fingerprint(&block(BlockKind::Paragraph, b))
        );
        let mut doc = Document {
            posts: vec![Post {
                blocks: [
                    a,
                    b,
                    "Talks ended in Geneva after a long day, officials said.",
                    a,
                ]
                .iter()
                .map(|t| block(BlockKind::Paragraph, t))
                .collect(),
                ..Post::default()
            }],
            ..Document::default()
        };
        Duplicates.clean(&mut doc, &mut CleanLog::default());
        let kinds: Vec<_> = doc.posts[0].blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Paragraph,
                BlockKind::Paragraph,
                BlockKind::Boilerplate,
                BlockKind::Boilerplate
            ]
        );
    }

    #[test]
    fn sections_with_different_labels_are_different() {
        let mut a = block(BlockKind::Section, "");
        a.label = Some(Cow::Borrowed("The situation"));
        let mut b = block(BlockKind::Section, "");
        b.label = Some(Cow::Borrowed("The history"));
        let mut doc = Document {
            posts: vec![Post {
                blocks: vec![a, b],
                ..Post::default()
            }],
            ..Document::default()
        };
        Duplicates.clean(&mut doc, &mut CleanLog::default());
        assert!(
            doc.posts[0]
                .blocks
                .iter()
                .all(|b| b.kind == BlockKind::Section)
        );
    }

    #[test]
    fn short_distinct_paragraphs_are_kept() {
        let mut doc = Document {
            posts: vec![Post {
                blocks: vec![
                    block(BlockKind::Paragraph, "Yes."),
                    block(BlockKind::Paragraph, "No."),
                ],
                ..Post::default()
            }],
            ..Document::default()
        };
        Duplicates.clean(&mut doc, &mut CleanLog::default());
        assert!(
            doc.posts[0]
                .blocks
                .iter()
                .all(|b| b.kind == BlockKind::Paragraph)
        );
    }
}
