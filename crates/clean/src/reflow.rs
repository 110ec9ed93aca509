//! The `reflow` pass: paragraphs hard-wrapped at a fixed width are joined back.
//!
//! Text saved from e-mail, terminals or some scrapers is broken every 60 to 80
//! characters, sometimes with a blank line after each wrapped line. The parser then
//! sees one paragraph a line, and takes a short wrapped line with no full stop for a
//! subhead (or, at the top of an article, for a standfirst). A line break is taken for
//! a wrap when all of these hold for two such blocks `A` and `B` next to each other in
//! one post (an article's standfirst counts as the first paragraph of its body):
//! 1. `A` is 30 to 100 characters long and `B` at most 100;
//! 2. `A` does not end a sentence;
//! 3. the first word of `B` would not have fitted on `A`'s line: `A`, a space and that
//!    word are longer than the longer of the two lines;
//! 4. the document shows that it is wrapped text: at least one of its breaks that
//!    meet 1 to 3 is followed by a lower-case letter.
//!
//! Lines of names or of a list are too short for 1; a paragraph that ends a sentence
//! fails 2; a line followed by a longer paragraph fails 3; a caption printed as a
//! paragraph without a full stop fails 4 unless the document is wrapped. Breaks after a
//! full stop are left alone: nothing tells them from a paragraph break.
//!
//! Joined lines go into the first paragraph (a subhead that takes lines becomes a
//! paragraph), after a space, or after nothing when the line above ends with a hyphen
//! between letters ("well-" + "known"). The lines that were joined into it
//! stay in the document with their text, marked `boilerplate` with label `joined`, so
//! that spans still account for every line of the source. Decisions are taken on the
//! texts as they were before any join, which makes the pass idempotent: a joined
//! paragraph is longer than its first line, so a second run finds no new break.

use std::borrow::Cow;

use liveline_core::{Block, BlockKind, Clean, CleanLog, Document, news};

use crate::text::{At, block, list};

/// Joins hard-wrapped paragraphs; see the [module documentation](self).
#[derive(Clone, Copy, Debug, Default)]
pub struct Reflow;

/// The label of a paragraph joined into the one above it.
pub const JOINED: &str = "joined";

/// Whether `t` has more than `n` characters: told from its first `n + 1` bytes when
/// they are ASCII (they are that many characters), else counted.
fn more_chars_than(t: &str, n: usize) -> bool {
    t.len() > n && (t.as_bytes()[..=n].is_ascii() || chars(t) > n)
}

fn chars(t: &str) -> usize {
    if t.is_ascii() {
        t.len()
    } else {
        t.chars().count()
    }
}

fn first_word(t: &str) -> &str {
    t.split(' ').next().unwrap_or_default()
}

/// Whether the break between `a` and `b` meets conditions 1 to 3; `Some(lower)` says
/// whether `b` starts with a lower-case letter.
fn wrap_break(a: &str, b: &str) -> Option<bool> {
    // Byte lengths bound character counts (one to four bytes a character), and so do
    // the first bytes of a text when they are ASCII: most pairs are ruled out before
    // anything is counted.
    if a.len() < 30 || a.len() > 400 || b.len() > 400 {
        return None;
    }
    if more_chars_than(a, 100) || more_chars_than(b, 100) || b.is_empty() {
        return None;
    }
    let (la, lb) = (chars(a), chars(b));
    if la < 30 || news::ends_sentence(a) {
        return None;
    }
    if la + 1 + chars(first_word(b)) <= la.max(lb) {
        return None;
    }
    Some(b.chars().next().is_some_and(char::is_lowercase))
}

/// Find the wrap breaks of one run of blocks: `joins` gets (head, line) for each line
/// that continues the paragraph at `head`; `wrapped` is set when a break is followed by
/// a lower-case letter.
fn scan_run(
    doc: &Document<'_>,
    run: impl Iterator<Item = At>,
    wrapped: &mut bool,
    joins: &mut Vec<(At, At)>,
) {
    let text_like = |b: &Block<'_>| {
        matches!(
            b.kind,
            BlockKind::Paragraph | BlockKind::Standfirst | BlockKind::Subhead
        )
    };
    let mut prev: Option<At> = None;
    let mut head: Option<At> = None;
    for at in run {
        if let Some(p) = prev {
            let (a, b) = (block(doc, p), block(doc, at));
            let found = if text_like(a) && text_like(b) {
                wrap_break(&a.text, &b.text)
            } else {
                None
            };
            match found {
                Some(lower) => {
                    *wrapped |= lower;
                    let h = *head.get_or_insert(p);
                    joins.push((h, at));
                }
                None => head = None,
            }
        }
        prev = Some(at);
    }
}

impl Clean for Reflow {
    fn name(&self) -> &str {
        "reflow"
    }

    fn clean(&self, doc: &mut Document<'_>, log: &mut CleanLog) {
        let merged = opens_on_preamble(doc);
        let (wrapped, joins) = scan(doc, merged);
        if wrapped {
            join(doc, &joins, log);
        }
    }

    /// Each part is scanned on its own (the runs lie within posts, the preamble's in
    /// the first part, the trailer's in the last); the joins are made when any part
    /// found the text hard-wrapped.
    fn clean_parts(&self, parts: &mut [&mut Document<'_>], log: &mut CleanLog) -> bool {
        let merged = parts.first().is_some_and(|d| opens_on_preamble(d));
        let found = crate::each_part(parts, log, |k, d, _| scan(d, merged && k == 0));
        if found.iter().any(|(wrapped, _)| *wrapped) {
            crate::each_part(parts, log, |k, d, l| join(d, &found[k].1, l));
        }
        true
    }
}

/// Whether the preamble runs on into the first post (a post with no stamp and no
/// headline: an article's standfirst and body).
fn opens_on_preamble(doc: &Document<'_>) -> bool {
    doc.posts
        .first()
        .is_some_and(|p| p.stamp.is_none() && p.headline.is_none())
}

/// The joins of hard-wrapped lines to the paragraph above in `doc`, and whether the
/// text is hard-wrapped at all; decided on the texts as they are, before any join. The
/// runs of blocks in which a paragraph may continue the one before it: each post, the
/// trailer, and the preamble — which runs on into the first post when `merged`.
fn scan(doc: &Document<'_>, merged: bool) -> (bool, Vec<(At, At)>) {
    let mut wrapped = false;
    let mut joins: Vec<(At, At)> = Vec::new();
    let first_post = if merged { doc.posts[0].blocks.len() } else { 0 };
    let preamble = (0..doc.preamble.len()).map(|i| (0, i));
    scan_run(
        doc,
        preamble.chain((0..first_post).map(|i| (1, i))),
        &mut wrapped,
        &mut joins,
    );
    for (n, p) in doc.posts.iter().enumerate().skip(usize::from(merged)) {
        scan_run(
            doc,
            (0..p.blocks.len()).map(|i| (n + 1, i)),
            &mut wrapped,
            &mut joins,
        );
    }
    let t = doc.posts.len() + 1;
    scan_run(
        doc,
        (0..doc.trailer.len()).map(|i| (t, i)),
        &mut wrapped,
        &mut joins,
    );
    (wrapped, joins)
}

/// Make `joins` in `doc`: each line joined to the paragraph its run starts with, and
/// marked.
fn join(doc: &mut Document<'_>, joins: &[(At, At)], log: &mut CleanLog) {
    for &(head, at) in joins {
        let line = &mut list(doc, at.0)[at.1];
        line.kind = BlockKind::Boilerplate;
        line.label = Some(Cow::Borrowed(JOINED));
        let (span, add) = (line.span, line.text.to_string());
        log.record(
            "reflow",
            span,
            "joined a hard-wrapped line to the paragraph above (marked joined)",
        );
        let target = &mut list(doc, head.0)[head.1];
        if target.kind == BlockKind::Subhead {
            target.kind = BlockKind::Paragraph;
        }
        let text = target.text.to_mut();
        let hyphen = text.ends_with('-')
            && text[..text.len() - 1]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic)
            && add.chars().next().is_some_and(char::is_lowercase);
        if !hyphen {
            text.push(' ');
        }
        text.push_str(&add);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use liveline_core::{Post, Span};

    #[test]
    fn more_chars_than_is_counting_them() {
        for pad in ["a", "é", "’", "😀"] {
            for len in 0..130 {
                for at in [0, 50, 99, 100, 101, 120] {
                    let mut t: String = "x".repeat(len);
                    if at < len {
                        t.replace_range(at..=at, pad);
                    }
                    for n in [0, 30, 100] {
                        assert_eq!(more_chars_than(&t, n), chars(&t) > n, "{t:?} {n}");
                    }
                }
            }
        }
    }

    fn doc(lines: &[&'static str]) -> Document<'static> {
        let mut at = 0;
        let blocks = lines
            .iter()
            .map(|t| {
                let b = Block::new(BlockKind::Paragraph, *t, Span::new(at, at + t.len()));
                at += t.len() + 1;
                b
            })
            .collect();
        Document {
            posts: vec![Post {
                blocks,
                ..Post::default()
            }],
            ..Document::default()
        }
    }

    fn kept(d: &Document<'_>) -> Vec<String> {
        d.posts[0]
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Paragraph)
            .map(|b| b.text.to_string())
            .collect()
    }

    #[test]
    fn wrapped_paragraphs_are_joined() {
        let mut d = doc(&[
            "The foreign ministers of both countries met in Geneva on Friday for",
            "talks that lasted ninety minutes, according to officials who spoke",
            "on condition of anonymity.",
            "A second paragraph follows here, wrapped at about seventy well-",
            "known characters a line, and it ends here.",
        ]);
        let mut log = CleanLog::default();
        Reflow.clean(&mut d, &mut log);
        assert_eq!(
            kept(&d),
            [
                "The foreign ministers of both countries met in Geneva on Friday for talks that lasted ninety minutes, according to officials who spoke on condition of anonymity.",
                "A second paragraph follows here, wrapped at about seventy well-known characters a line, and it ends here.",
            ]
        );
        assert_eq!(log.entries.len(), 3);
        let joined = &d.posts[0].blocks[1];
        assert_eq!(
            (joined.kind, joined.label.as_deref()),
            (BlockKind::Boilerplate, Some(JOINED))
        );
        // Spans are untouched; a second run changes nothing.
        let before = d.clone();
        let mut again = CleanLog::default();
        Reflow.clean(&mut d, &mut again);
        assert!(again.entries.is_empty());
        assert_eq!(d, before);
    }

    #[test]
    fn upper_case_continuations_join_once_the_text_shows_wrapping() {
        let lines = [
            "The delegation travelled overnight and arrived in the capital of",
            "Ukraine, Kyiv, shortly after dawn, where it was met by a small",
            "group of officials from the ministry.",
        ];
        let mut d = doc(&lines);
        Reflow.clean(&mut d, &mut CleanLog::default());
        assert_eq!(kept(&d), [lines.join(" ")]);
        // Without a lower-case continuation anywhere, an upper-case one is not enough:
        // the first line could be a caption.
        let mut d = doc(&[lines[0], lines[1]]);
        Reflow.clean(&mut d, &mut CleanLog::default());
        assert_eq!(kept(&d).len(), 2);
    }

    #[test]
    fn paragraphs_that_are_not_wrapped_stay_apart() {
        for lines in [
            // A caption printed as a paragraph, then a paragraph.
            &[
                "Secretary of State Antony Blinken arrives at the talks in Geneva",
                "Blinken said the meeting was not a negotiation.",
            ][..],
            // Short lines that do not fill a width.
            &["Kyiv", "the capital, said nothing more"],
            &["Ana Ruiz", "Tim Lister", "Oleksandra Ochman"],
            // A break after a full stop.
            &[
                "The ministers met for ninety minutes in Geneva on Friday morning.",
                "they did not speak to reporters afterwards, officials said.",
            ],
            // A long paragraph after a short one.
            &[
                "The ministers met for ninety minutes in Geneva on Friday morning and",
                "then again, for a longer session that ran late into the evening, after which they left without speaking to reporters.",
            ],
        ] {
            let mut d = doc(lines);
            let mut log = CleanLog::default();
            Reflow.clean(&mut d, &mut log);
            assert_eq!(kept(&d), lines, "{lines:?}");
            assert!(log.entries.is_empty());
        }
    }

    #[test]
    fn texts_stay_borrowed_when_nothing_is_joined() {
        let mut d = doc(&["One paragraph, tidy.", "Another one."]);
        Reflow.clean(&mut d, &mut CleanLog::default());
        assert!(
            d.posts[0]
                .blocks
                .iter()
                .all(|b| matches!(b.text, Cow::Borrowed(_)))
        );
    }
}
