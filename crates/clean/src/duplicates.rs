//! The `duplicates` pass: a block printed twice is kept once; the repeat is marked.

use std::borrow::Cow;
use std::collections::HashSet;

use liveline_core::{Block, BlockKind, Clean, CleanLog, Document};

use crate::quotes::push_match_key;

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
/// [`match_key`](crate::quotes::match_key) form.
fn key(b: &Block<'_>) -> String {
    let mut k = String::with_capacity(b.text.len() + 16);
    k.push_str(b.kind.as_str());
    for part in [
        b.label.as_deref(),
        Some(b.text.as_ref()),
        b.credit.as_deref(),
    ] {
        k.push('\u{0}');
        push_match_key(&mut k, part.unwrap_or_default());
    }
    for item in &b.items {
        k.push('\u{0}');
        push_match_key(&mut k, &item.text);
    }
    k
}

fn mark(b: &mut Block<'_>, log: &mut CleanLog, what: &str) {
    log.record(
        "duplicates",
        b.span,
        format!(
            "marked a repeated {} as boilerplate: {what}",
            b.kind.as_str()
        ),
    );
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
        let mut seen_doc: HashSet<String> = HashSet::new();
        let groups = std::iter::once(&mut doc.preamble)
            .chain(doc.posts.iter_mut().map(|p| &mut p.blocks))
            .chain(std::iter::once(&mut doc.trailer));
        for blocks in groups {
            pair_captions(blocks, log);
            let mut seen_here: HashSet<String> = HashSet::new();
            for b in blocks.iter_mut() {
                let document_wide = match b.kind {
                    BlockKind::Related | BlockKind::Gallery | BlockKind::Caption => true,
                    BlockKind::Paragraph
                    | BlockKind::Section
                    | BlockKind::Bullet
                    | BlockKind::YearItem => false,
                    _ => continue,
                };
                let k = key(b);
                let seen = if document_wide {
                    &mut seen_doc
                } else {
                    &mut seen_here
                };
                if !seen.insert(k) {
                    let what = if document_wide {
                        "seen earlier in the document"
                    } else {
                        "seen earlier in the same post"
                    };
                    mark(b, log, what);
                }
            }
        }
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
