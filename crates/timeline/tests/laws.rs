//! `Merge::merge` is associative, commutative and idempotent, on timelines drawn from
//! generated live blogs whose posts share stories, trimmed and re-headlined, so that
//! exact and near-duplicates and chains of them are common.

use std::borrow::Cow;

use liveline_core::{
    Block, BlockKind, Contributor, DocKind, Document, LocalTime, Post, Source, Span, Stamp, Text,
    Timeline, jiff,
};
use liveline_testkit::corpus;
use liveline_timeline::{Extractor, Memo, Merge, Merger, merge_all, timeline_of};
use proptest::prelude::*;

use liveline_testkit::proptest_cases as cases;

/// Paragraphs of the seeds: the stories posts are made of.
fn paragraphs() -> Vec<String> {
    let mut out: Vec<String> = corpus::seeds()
        .iter()
        .flat_map(|(_, t)| t.lines().map(str::to_owned).collect::<Vec<_>>())
        .filter(|l| l.len() > 120 && l.ends_with('.'))
        .take(24)
        .collect();
    out.sort();
    out
}

/// A post: a headline, a story (a run of paragraphs), how much of it is kept, a time.
#[derive(Clone, Debug)]
struct PostSpec {
    headline: usize,
    story: usize,
    kept: usize,
    minute: Option<u8>,
    apostrophes: bool,
    /// Which byline the version carries: none (a page saved without bylines), one
    /// name, or two.
    byline: u8,
}

fn post_spec() -> impl Strategy<Value = PostSpec> {
    (
        0..6usize,
        0..8usize,
        1..4usize,
        prop::option::of(0..4u8),
        any::<bool>(),
        0..3u8,
    )
        .prop_map(
            |(headline, story, kept, minute, apostrophes, byline)| PostSpec {
                headline,
                story,
                kept,
                minute,
                apostrophes,
                byline,
            },
        )
}

fn document(name: &str, posts: &[PostSpec], paras: &[String]) -> Document<'static> {
    let mut at = 0;
    let mut span = |len: usize| {
        at += len + 2;
        Span::new(at - len - 2, at - 2)
    };
    let posts = posts
        .iter()
        .map(|p| {
            let stamp = p.minute.map(|m| {
                let local = LocalTime::minute(2022, 1, 21, 8, 10 * m as i8);
                let utc = jiff::Timestamp::from_second(1_642_752_000 + 600 * i64::from(m)).unwrap();
                Stamp {
                    text: Cow::Owned(format!("8:{}0 a.m. ET, January 21, 2022", m)),
                    local: Some(local),
                    zone: Some(Cow::Borrowed("ET")),
                    tz: Some(Cow::Borrowed("America/New_York")),
                    utc: Some(utc),
                    ago_minutes: None,
                    span: span(30),
                }
            });
            let headline = format!("Headline number {} of the day", p.headline);
            let blocks = (0..p.kept)
                .map(|k| {
                    let text = paras[(p.story * 2 + k) % paras.len()].clone();
                    let text = if p.apostrophes {
                        text.replace('\'', "’")
                    } else {
                        text
                    };
                    let s = span(text.len());
                    Block::new(BlockKind::Paragraph, text, s)
                })
                .collect();
            let contributors = ["Ana Ruiz", "Rob Lee"][..usize::from(p.byline)]
                .iter()
                .map(|n| Contributor {
                    name: Cow::Borrowed(*n),
                    outlet: Some(Cow::Borrowed("CNN")),
                    location: None,
                })
                .collect();
            Post {
                stamp,
                contributors,
                headline: Some(Text {
                    span: span(headline.len()),
                    text: Cow::Owned(headline),
                }),
                blocks,
                ..Post::default()
            }
        })
        .collect();
    Document {
        source: Source {
            path: Some(format!("snapshots/{name}.txt")),
            bytes: at as u64,
            sha256: None,
        },
        kind: DocKind::LiveBlog,
        posts,
        ..Document::default()
    }
}

fn timeline() -> impl Strategy<Value = Timeline> {
    let paras = paragraphs();
    (0..4usize, prop::collection::vec(post_spec(), 0..6)).prop_map(move |(n, posts)| {
        timeline_of(
            &document(&format!("page{n}"), &posts, &paras),
            &Extractor::default(),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(128), ..ProptestConfig::default() })]

    #[test]
    fn merge_is_commutative(a in timeline(), b in timeline()) {
        prop_assert_eq!(a.merge(&b), b.merge(&a));
    }

    #[test]
    fn merge_is_associative(a in timeline(), b in timeline(), c in timeline()) {
        prop_assert_eq!(a.merge(&b).merge(&c), a.merge(&b.merge(&c)));
    }

    #[test]
    fn merge_is_idempotent(a in timeline(), b in timeline()) {
        let ab = a.merge(&b);
        prop_assert_eq!(a.merge(&a), a.clone());
        prop_assert_eq!(ab.merge(&ab), ab.clone());
        prop_assert_eq!(ab.merge(&a), ab);
    }
}

/// Documents of generated posts, each to be added in ranges cut at `cuts`.
fn documents() -> impl Strategy<Value = Vec<(Document<'static>, Vec<usize>)>> {
    let paras = paragraphs();
    prop::collection::vec(
        (
            0..4usize,
            prop::collection::vec(post_spec(), 0..6),
            prop::collection::vec(0..6usize, 0..3),
        ),
        0..5,
    )
    .prop_map(move |docs| {
        docs.into_iter()
            .map(|(n, posts, cuts)| (document(&format!("page{n}"), &posts, &paras), cuts))
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(128), ..ProptestConfig::default() })]

    /// A `Merger` fed pages in ranges of posts (of the page whole, or given in two
    /// parts), through a memo or not, in two halves (each united on its own first, or
    /// not) absorbed one into the other, or both into a new merger (which takes the
    /// first as it is), uniting after any number of events, gives what `merge_all` of
    /// the pages' timelines gives.
    #[test]
    fn a_merger_gives_what_merge_all_gives(
        docs in documents(),
        batch in 1..40usize,
        half in 0..5usize,
        with_memo in any::<bool>(),
        unite_first in any::<bool>(),
        into_new in any::<bool>(),
        parts_at in prop::option::of(0..6usize),
    ) {
        let x = Extractor::default();
        let expected = merge_all(docs.iter().map(|(d, _)| timeline_of(d, &x)));
        let mut memo = Memo::with_limit(1 << 20);
        let mut halves = [Merger::with_batch(batch), Merger::with_batch(batch)];
        for (i, (doc, cuts)) in docs.iter().enumerate() {
            let m = &mut halves[usize::from(i >= half)];
            let n = doc.posts.len();
            let mut bounds: Vec<usize> = cuts.iter().map(|&c| c.min(n)).collect();
            bounds.extend([0, n]);
            bounds.sort_unstable();
            // Or given in two parts, cut before post `parts_at`.
            let parts = parts_at.map(|at| liveline_testkit::cut_into_parts(doc.clone(), &[at]));
            for w in bounds.windows(2) {
                let memo = with_memo.then_some(&mut memo);
                match &parts {
                    Some(parts) => m.add_posts_in_parts(parts, &x, w[0]..w[1], memo),
                    None => m.add_posts(doc, &x, w[0]..w[1], memo),
                }
            }
        }
        let [mut first, mut second] = halves;
        // United on their own first, or not.
        if unite_first {
            first.unite_pending();
            second.unite_pending();
        }
        let all = if into_new {
            let mut all = Merger::with_batch(batch);
            all.absorb(first);
            all.absorb(second);
            all
        } else {
            first.absorb(second);
            first
        };
        prop_assert_eq!(all.finish(), expected);
    }
}
