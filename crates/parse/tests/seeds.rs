//! The seed pages: structure that a reader checks by eye, and the span invariants.

use liveline_core::{BlockKind, DocKind};
use liveline_parse::parse;

fn seed(prefix: &str) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds");
    let entry = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .unwrap_or_else(|| panic!("no seed {prefix}"));
    std::fs::read_to_string(entry.path()).unwrap()
}

#[test]
fn every_seed_keeps_every_line_in_exactly_one_element() {
    for p in ["000", "001", "002", "003", "004"] {
        let src = seed(p);
        let doc = parse(&src);
        liveline_testkit::check_spans(&src, &doc).unwrap_or_else(|e| panic!("seed {p}: {e}"));
    }
}

#[test]
fn cnn_snapshot_003_has_nine_timed_posts_and_a_count_warning() {
    let src = seed("003");
    let doc = parse(&src);
    assert_eq!(doc.kind, DocKind::LiveBlog);
    assert_eq!(doc.declared_posts, Some(10));
    assert_eq!(doc.posts.len(), 9);
    assert!(
        doc.posts
            .iter()
            .all(|p| p.stamp.as_ref().is_some_and(|s| s.utc.is_some()))
    );
    let d = &doc.diagnostics[0];
    assert_eq!(d.code, "declared_post_count_mismatch");
    assert_eq!(d.level, liveline_core::Level::Warning);
    let first = &doc.posts[0];
    assert_eq!(
        first.stamp.as_ref().unwrap().utc.unwrap().to_string(),
        "2022-01-21T15:46:00Z"
    );
    assert_eq!(first.contributors[0].name, "Vasco Cotovio");
    assert_eq!(first.contributors[0].location.as_deref(), Some("London"));
    let caption = &first.blocks[0];
    assert_eq!(caption.kind, BlockKind::Caption);
    assert_eq!(
        caption.credit.as_deref(),
        Some("Christophe Gateau/picture alliance/Getty Images")
    );
    assert!(!caption.text.contains("Getty"));
    let byline = doc.byline.as_ref().unwrap();
    assert_eq!(
        byline.authors,
        ["Aditi Sangal", "Melissa Mahtani", "Meg Wagner"]
    );
    assert_eq!(byline.outlet.as_deref(), Some("CNN"));
    assert_eq!(
        doc.updated.as_ref().unwrap().utc.unwrap().to_string(),
        "2022-01-22T02:06:00Z"
    );
    assert_eq!(doc.preamble[0].kind, BlockKind::Boilerplate);
}

#[test]
fn cnn_contributor_lists_split_at_no_break_spaces() {
    let src = seed("003");
    let doc = parse(&src);
    let last = doc.posts.last().unwrap();
    let names: Vec<_> = last.contributors.iter().map(|c| c.name.as_ref()).collect();
    assert_eq!(
        names,
        ["Jennifer Hansler", "Kylie Atwood", "Veronica Stracqualursi"]
    );
}

#[test]
fn cnn_untimed_page_002_is_segmented_by_headlines() {
    let src = seed("002");
    let doc = parse(&src);
    assert_eq!(doc.kind, DocKind::LiveBlog);
    assert_eq!(doc.posts.len(), 20);
    assert_eq!(doc.declared_posts, Some(22));
    assert_eq!(doc.site.as_ref().unwrap().text, "CNN Politics");
    assert!(
        doc.posts
            .iter()
            .all(|p| p.stamp.is_none() && p.headline.is_some())
    );
    let kinds: Vec<_> = doc
        .posts
        .iter()
        .flat_map(|p| &p.blocks)
        .map(|b| b.kind)
        .collect();
    assert_eq!(
        kinds.iter().filter(|k| **k == BlockKind::Gallery).count(),
        1
    );
    assert_eq!(
        kinds.iter().filter(|k| **k == BlockKind::YearItem).count(),
        3
    );
    let gallery = doc
        .posts
        .iter()
        .flat_map(|p| &p.blocks)
        .find(|b| b.kind == BlockKind::Gallery)
        .unwrap();
    assert_eq!(gallery.items.len(), 7);
    // The two "GO DEEPER" lists close the page.
    assert_eq!(doc.trailer.len(), 2);
    assert!(
        doc.trailer
            .iter()
            .all(|b| b.label.as_deref() == Some("GO DEEPER") && b.items.len() == 5)
    );
    // The last post ends with its own last block, before the lists it closed with.
    let last = doc.posts.last().unwrap();
    assert_eq!(last.span.end, last.blocks.last().unwrap().span.end);
    assert!(last.span.end < doc.trailer[0].span.start);
    let promo = doc
        .preamble
        .iter()
        .find(|b| b.label.as_deref() == Some("video promo"))
        .unwrap();
    assert!(promo.text.ends_with("02:56 - Source: CNN"));
}

#[test]
fn voa_page_000_is_a_bulletin() {
    let src = seed("000");
    let doc = parse(&src);
    assert_eq!(doc.kind, DocKind::Bulletin);
    assert_eq!(doc.title.as_ref().unwrap().text, "Ukraine: What We Know");
    let bullets = doc.posts[0]
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Bullet)
        .count();
    assert_eq!(bullets, 6);
    assert!(
        doc.preamble
            .iter()
            .any(|b| b.kind == BlockKind::Caption && b.text.starts_with("FILE - "))
    );
    assert_eq!(doc.trailer[0].kind, BlockKind::Note);
}

#[test]
fn article_004_has_subheads_and_a_closing_credit() {
    let src = seed("004");
    let doc = parse(&src);
    assert_eq!(doc.kind, DocKind::Article);
    let subheads: Vec<_> = doc.posts[0]
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Subhead)
        .map(|b| b.text.as_ref())
        .collect();
    assert_eq!(subheads, ["Supplying weaponry", "Naval manoeuvres"]);
    let video = doc
        .preamble
        .iter()
        .find(|b| b.kind == BlockKind::Caption)
        .unwrap();
    assert_eq!(video.credit.as_deref(), Some("Reuters"));
    assert_eq!(video.label.as_deref(), Some("Video"));
    let credit = doc.trailer.last().unwrap();
    assert_eq!(
        (credit.kind, credit.text.as_ref()),
        (BlockKind::Credit, "PA/Reuters")
    );
    assert!(
        doc.posts[0]
            .blocks
            .last()
            .unwrap()
            .text
            .ends_with("what they want.")
    );
}

#[test]
#[allow(clippy::ptr_arg)] // the point is to look at the `Cow` itself
fn parsing_copies_no_text() {
    use std::borrow::Cow;
    fn borrowed(c: &Cow<'_, str>) -> bool {
        matches!(c, Cow::Borrowed(_))
    }
    fn block_ok(b: &liveline_core::Block<'_>) -> bool {
        borrowed(&b.text)
            && b.credit.as_ref().is_none_or(borrowed)
            && b.label.as_ref().is_none_or(borrowed)
            && b.items.iter().all(block_ok)
    }
    for p in ["000", "001", "002", "003", "004"] {
        let src = seed(p);
        let doc = parse(&src);
        assert!(doc.blocks().all(block_ok), "seed {p}");
        for post in &doc.posts {
            assert!(post.headline.as_ref().is_none_or(|h| borrowed(&h.text)));
            assert!(post.stamp.as_ref().is_none_or(|s| borrowed(&s.text)));
            assert!(post.contributors.iter().all(|c| borrowed(&c.name)));
        }
        assert!(doc.title.as_ref().is_none_or(|t| borrowed(&t.text)));
    }
}
