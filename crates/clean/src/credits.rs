//! The `credits` pass: a photo credit written at the end of a caption moves to the
//! caption's credit field.

use std::borrow::Cow;

use liveline_core::{Block, BlockKind, Clean, CleanLog, Document, news};

/// Splits trailing photo credits from caption text into the `credit` field:
/// "(Name/Agency/Getty Images)", "(AP Photo/Name)", "Photograph: Name/Reuters",
/// "Image: Name/AP", "Credit: Name", "Video: Reuters", "Image source, Name" (the forms
/// of [`news::photo_credit`]). A written label ("Photograph") goes to the block's
/// `label` when it has none.
///
/// Only captions (and the captions of a gallery) without a credit are touched: a
/// paragraph that happens to end in "(AP)" stays as written, and a caption that already
/// has its credit is left alone, which also makes the pass idempotent. The parser
/// splits credits itself for the pages it reads; this pass is for documents built
/// otherwise, such as ones read back from JSON or made by another extractor.
#[derive(Clone, Copy, Debug, Default)]
pub struct Credits;

/// `part` of `text`, borrowed when `text` is.
fn slice<'a>(text: &Cow<'a, str>, part: std::ops::Range<usize>) -> Cow<'a, str> {
    match text {
        Cow::Borrowed(s) => Cow::Borrowed(&s[part]),
        Cow::Owned(s) => Cow::Owned(s[part].to_owned()),
    }
}

fn split(b: &mut Block<'_>, log: &mut CleanLog) {
    for item in &mut b.items {
        split(item, log);
    }
    if b.kind != BlockKind::Caption || b.credit.is_some() {
        return;
    }
    let Some(found) = news::photo_credit(&b.text) else {
        return;
    };
    let credit = slice(&b.text, found.credit.clone());
    let credit = match credit {
        Cow::Borrowed(c) => Cow::Borrowed(c.trim()),
        Cow::Owned(c) => Cow::Owned(c.trim().to_owned()),
    };
    if b.label.is_none() {
        b.label = found.label.map(|l| slice(&b.text, l));
    }
    log.record_with("credits", b.span, || {
        format!("moved the photo credit \"{credit}\" from the caption text to its credit")
    });
    b.text = slice(&b.text, 0..found.text_end);
    b.credit = Some(credit);
}

impl Clean for Credits {
    fn name(&self) -> &str {
        "credits"
    }

    fn clean(&self, doc: &mut Document<'_>, log: &mut CleanLog) {
        for b in doc.blocks_mut() {
            split(b, log);
        }
    }

    fn per_text(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use liveline_core::{Post, Span};

    fn doc(blocks: Vec<Block<'static>>) -> Document<'static> {
        Document {
            posts: vec![Post {
                blocks,
                ..Post::default()
            }],
            ..Document::default()
        }
    }

    fn block(kind: BlockKind, text: &'static str) -> Block<'static> {
        Block::new(kind, text, Span::new(0, text.len()))
    }

    #[test]
    fn caption_credits_move_to_the_credit_field() {
        let mut d = doc(vec![
            block(
                BlockKind::Caption,
                "Troops train near the border. (Ana Ruiz/AFP/Getty Images)",
            ),
            block(
                BlockKind::Caption,
                "The harbour at dawn. Photograph: Ana Ruiz/Reuters",
            ),
            block(
                BlockKind::Caption,
                "A woman walks past a mural. (AP Photo/Ana Ruiz)",
            ),
            block(
                BlockKind::Caption,
                "Snow covers the station. Credit: Ana Ruiz",
            ),
            block(
                BlockKind::Caption,
                "The bridge after the strike. Image: Ana Ruiz/AP",
            ),
            block(
                BlockKind::Caption,
                "Crowds gather at the square. Image source, Ana Ruiz",
            ),
        ]);
        let mut log = CleanLog::default();
        Credits.clean(&mut d, &mut log);
        let got: Vec<_> = d.posts[0]
            .blocks
            .iter()
            .map(|b| {
                (
                    b.text.as_ref(),
                    b.credit.as_deref().unwrap(),
                    b.label.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "Troops train near the border.",
                    "Ana Ruiz/AFP/Getty Images",
                    None
                ),
                (
                    "The harbour at dawn.",
                    "Ana Ruiz/Reuters",
                    Some("Photograph")
                ),
                ("A woman walks past a mural.", "AP Photo/Ana Ruiz", None),
                ("Snow covers the station.", "Ana Ruiz", Some("Credit")),
                ("The bridge after the strike.", "Ana Ruiz/AP", Some("Image")),
                (
                    "Crowds gather at the square.",
                    "Ana Ruiz",
                    Some("Image source")
                ),
            ]
        );
        assert_eq!(log.entries.len(), 6);
        assert!(
            d.posts[0]
                .blocks
                .iter()
                .all(|b| matches!(b.text, Cow::Borrowed(_)))
        );
        // A second run finds nothing.
        let mut again = CleanLog::default();
        Credits.clean(&mut d, &mut again);
        assert!(again.entries.is_empty());
    }

    #[test]
    fn gallery_captions_are_split_too() {
        let mut g = block(BlockKind::Gallery, "");
        g.items = vec![block(BlockKind::Caption, "Smoke over the city. (Reuters)")];
        let mut d = doc(vec![g]);
        Credits.clean(&mut d, &mut CleanLog::default());
        let item = &d.posts[0].blocks[0].items[0];
        assert_eq!(
            (item.text.as_ref(), item.credit.as_deref()),
            ("Smoke over the city.", Some("Reuters"))
        );
    }

    #[test]
    fn leaves_paragraphs_credited_captions_and_plain_captions_alone() {
        let mut credited = block(BlockKind::Caption, "Smoke over the city. (Reuters)");
        credited.credit = Some(Cow::Borrowed("Ana Ruiz"));
        let mut d = doc(vec![
            block(
                BlockKind::Paragraph,
                "The talks ended, officials said. (AP)",
            ),
            credited,
            block(BlockKind::Caption, "The minister (left) spoke first"),
            block(BlockKind::Caption, "FILE - Ministers meet in 2019."),
        ]);
        let before = d.clone();
        let mut log = CleanLog::default();
        Credits.clean(&mut d, &mut log);
        assert_eq!(d, before);
        assert!(log.entries.is_empty());
    }
}
