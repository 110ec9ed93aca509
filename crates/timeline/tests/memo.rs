//! A memo of posts met before gives exactly the events reading the posts gives: on the
//! seeds, on pages whose posts have moved, on posts that changed, and under another
//! reference date.

use liveline_clean::Pipeline;
use liveline_core::{CleanLog, Document, Event, jiff};
use liveline_testkit::{corpus, proptest_cases};
use liveline_timeline::{Extractor, Memo, Merger, merge_all, source_meta, timeline_of};
use proptest::prelude::*;

fn cleaned<'t>(text: &'t str, name: &str) -> Document<'t> {
    let mut doc = liveline_parse::parse(text);
    doc.source.path = Some(format!("pages/{name}"));
    Pipeline::default_pipeline().run(&mut doc, &mut CleanLog::default());
    doc
}

fn read(doc: &Document<'_>, extractor: &Extractor) -> Vec<Event> {
    let mut events = Vec::new();
    extractor.extract_posts(&source_meta(doc), doc, 0..doc.posts.len(), &mut events);
    events
}

fn with_memo(doc: &Document<'_>, extractor: &Extractor, memo: &mut Memo) -> Vec<Event> {
    let mut events = Vec::new();
    let n = doc.posts.len();
    extractor.extract_posts_with(&source_meta(doc), doc, 0..n, &mut events, memo);
    events
}

fn extractor(text: &str) -> Extractor<'_> {
    Extractor {
        source_text: Some(text),
        reference_date: Some(jiff::civil::date(2022, 1, 21)),
    }
}

#[test]
fn the_memo_gives_the_events_reading_gives_on_the_seeds() {
    let mut memo = Memo::default();
    let mut held = Vec::new();
    for round in 0..3 {
        for (name, text) in corpus::seeds() {
            let doc = cleaned(&text, &name);
            let e = extractor(&text);
            assert_eq!(
                with_memo(&doc, &e, &mut memo),
                read(&doc, &e),
                "{name}, round {round}"
            );
        }
        held.push(memo.len());
    }
    // Posts are remembered the second time they are met: in the first round, the
    // posts 001 and 003 share; in the second, all.
    assert!(
        0 < held[0] && held[0] < held[1] && held[1] == held[2],
        "{held:?}"
    );
}

/// The live blog 003, its posts in the given order, under a first line that moves them.
fn page_of(posts: &[usize], first_line: &str, changed: Option<usize>) -> String {
    let seeds = corpus::seeds();
    let (_, blog) = seeds.iter().find(|(n, _)| n.starts_with("003")).unwrap();
    let doc = liveline_parse::parse(blog);
    let head = &blog[..doc.posts[0].span.start];
    let mut page = format!("{first_line}\n\n{head}");
    for (i, &p) in posts.iter().enumerate() {
        let n = p % doc.posts.len();
        let mut post = doc.posts[n].span.slice(blog).unwrap().to_owned();
        if changed == Some(i) {
            // Another word in the post, and another apostrophe: a new version.
            post = post.replacen(" the ", " the latest ", 1).replace('\'', "’");
        }
        page.push_str(&post);
        page.push_str("\n\n");
    }
    page
}

#[test]
fn moved_and_changed_posts_give_the_events_reading_gives() {
    let order: Vec<usize> = (0..40).collect();
    let first = page_of(&order, "Live updates", None);
    let mut memo = Memo::default();
    for _ in 0..2 {
        let doc = cleaned(&first, "first.txt");
        with_memo(&doc, &extractor(&first), &mut memo);
    }
    assert!(!memo.is_empty());
    let mut reversed = order.clone();
    reversed.reverse();
    for (name, page) in [
        (
            "moved.txt",
            page_of(&order, "Live updates, saved again later", None),
        ),
        ("reversed.txt", page_of(&reversed, "Live", None)),
        ("changed.txt", page_of(&order, "Live updates", Some(3))),
    ] {
        let doc = cleaned(&page, name);
        let e = extractor(&page);
        let events = with_memo(&doc, &e, &mut memo);
        assert_eq!(events, read(&doc, &e), "{name}");
        // Every copy is placed in its own page.
        for ev in &events {
            for s in &ev.sources {
                assert_eq!(s.source, name);
                assert!(s.span.slice(&page).is_some(), "{name}: {s:?}");
            }
            for m in &ev.mentions {
                assert_eq!(m.source, name);
                assert_eq!(m.span.slice(&page), Some(m.text.as_str()), "{name}: {m:?}");
            }
        }
    }
}

#[test]
fn another_reference_date_is_another_post() {
    let page = "Talks in Geneva\n\n8:49 a.m. ET\n\nMinisters meet\n\n\
        The ministers met in Geneva on Friday for talks that lasted ninety minutes.\n\n\
        8:30 a.m. ET\n\nTroops on the move\n\n\
        Satellite images show new deployments close to the northern border this week.\n";
    let doc = cleaned(page, "talks.txt");
    assert_eq!(doc.kind, liveline_core::DocKind::LiveBlog);
    let mut memo = Memo::default();
    let on = |d| Extractor {
        source_text: Some(page),
        reference_date: Some(d),
    };
    let friday = on(jiff::civil::date(2022, 1, 21));
    let monday = on(jiff::civil::date(2022, 1, 24));
    with_memo(&doc, &friday, &mut memo);
    with_memo(&doc, &friday, &mut memo);
    assert_eq!(memo.len(), 2);
    let events = with_memo(&doc, &monday, &mut memo);
    assert_eq!(events, read(&doc, &monday));
    assert_ne!(events, read(&doc, &friday));
}

#[test]
fn a_full_memo_starts_again_and_gives_the_same() {
    let text = page_of(&(0..30).collect::<Vec<_>>(), "Live", None);
    let doc = cleaned(&text, "page.txt");
    let e = extractor(&text);
    let want = read(&doc, &e);
    // Room for a few posts only.
    let mut memo = Memo::with_limit(16 << 10);
    for _ in 0..4 {
        assert_eq!(with_memo(&doc, &e, &mut memo), want);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(proptest_cases(32)))]

    /// Pages made of the live blog's posts in any order, some changed, share one memo:
    /// each gives the events reading it gives.
    #[test]
    fn pages_sharing_a_memo_give_the_events_reading_gives(
        pages in prop::collection::vec(
            (prop::collection::vec(0usize..64, 1..24), "[A-Za-z ]{0,20}", prop::option::of(0usize..24)),
            1..5,
        ),
    ) {
        let mut memo = Memo::default();
        for round in 0..2 {
            for (i, (posts, first_line, changed)) in pages.iter().enumerate() {
                let text = page_of(posts, first_line, *changed);
                let doc = cleaned(&text, &format!("page-{i}.txt"));
                let e = extractor(&text);
                prop_assert_eq!(with_memo(&doc, &e, &mut memo), read(&doc, &e), "page {} round {}", i, round);
            }
        }
    }
}

#[test]
fn the_same_cleaned_post_over_other_source_bytes_is_another_post() {
    // Cleaning makes both texts one, but the mention "on Friday" covers other bytes.
    let page = |sentence: &str| {
        format!(
            "Talks in Geneva\n\n8:49 a.m. ET, January 21, 2022\n\nMinisters meet\n\n{sentence}\n\n\
             8:30 a.m. ET, January 21, 2022\n\nTroops on the move\n\n\
             Satellite images show new deployments close to the northern border.\n"
        )
    };
    let a = page("The ministers met in Geneva on  Friday for talks that lasted an hour.");
    let b = page("The ministers met in Geneva  on Friday for talks that lasted an hour.");
    let (doc_a, doc_b) = (cleaned(&a, "a.txt"), cleaned(&b, "b.txt"));
    assert_eq!(doc_a.posts[0].blocks, doc_b.posts[0].blocks);
    let mut memo = Memo::default();
    with_memo(&doc_a, &extractor(&a), &mut memo);
    with_memo(&doc_a, &extractor(&a), &mut memo);
    let events = with_memo(&doc_b, &extractor(&b), &mut memo);
    assert_eq!(events, read(&doc_b, &extractor(&b)));
    let m = &events
        .iter()
        .find(|e| !e.mentions.is_empty())
        .unwrap()
        .mentions[0];
    assert_eq!(m.span.slice(&b), Some("on Friday"));
}

#[test]
fn moved_bullets_give_the_events_reading_gives() {
    let seeds = corpus::seeds();
    let (_, bulletin) = seeds.iter().find(|(n, _)| n.starts_with("000")).unwrap();
    let mut memo = Memo::default();
    for _ in 0..2 {
        let doc = cleaned(bulletin, "000.txt");
        assert_eq!(doc.kind, liveline_core::DocKind::Bulletin);
        with_memo(&doc, &extractor(bulletin), &mut memo);
    }
    let bullets = memo.len();
    assert!(bullets >= 6, "{bullets}");
    // Saved again under a new first line, one bullet changed.
    let moved =
        format!("Saved again\n\n{bulletin}").replacen("Blinken", "Blinken, the secretary,", 1);
    let doc = cleaned(&moved, "again.txt");
    let events = with_memo(&doc, &extractor(&moved), &mut memo);
    assert_eq!(events, read(&doc, &extractor(&moved)));
    assert!(
        events
            .iter()
            .all(|e| e.sources[0].span.slice(&moved).is_some())
    );
}

#[test]
fn a_bullet_under_another_update_time_is_another_bullet() {
    let page = |updated: &str| {
        format!(
            "Ukraine: what we know\n\nUpdated {updated}\n\n\
             * The ministers met in Geneva on Friday and agreed to talk again next week.\n\n\
             * Satellite images show new deployments close to the northern border.\n"
        )
    };
    let (a, b) = (
        page("9:06 p.m. ET, January 21, 2022"),
        page("9:06 p.m. ET, January 28, 2022"),
    );
    let (doc_a, doc_b) = (cleaned(&a, "a.txt"), cleaned(&b, "b.txt"));
    assert_eq!(doc_a.kind, liveline_core::DocKind::Bulletin);
    assert!(doc_a.updated.is_some());
    let mut memo = Memo::default();
    with_memo(&doc_a, &extractor(&a), &mut memo);
    with_memo(&doc_a, &extractor(&a), &mut memo);
    assert_eq!(memo.len(), 2);
    let events = with_memo(&doc_b, &extractor(&b), &mut memo);
    assert_eq!(events, read(&doc_b, &extractor(&b)));
    assert_ne!(events[0].when, read(&doc_a, &extractor(&a))[0].when);
}

/// The article 004 under `first_line`, with `extra` added after its first paragraph
/// that mentions a day, and white space doubled in the paragraphs `doubled` names (the
/// cleaning rewrites those, so their mentions are found again in the source's words).
fn article_version(first_line: &str, extra: &str, doubled: &[&str]) -> String {
    let seeds = corpus::seeds();
    let (_, article) = seeds.iter().find(|(n, _)| n.starts_with("004")).unwrap();
    let mut out = format!("{first_line}\n\n");
    let mut added = false;
    for line in article.lines() {
        let mut line = line.to_owned();
        for d in doubled {
            if line.starts_with(d) {
                line = line.replacen(' ', "  ", 2);
            }
        }
        out.push_str(&line);
        out.push('\n');
        if !added && line.contains("Friday") {
            out.push_str(&format!("\n{extra}\n"));
            added = true;
        }
    }
    out
}

#[test]
fn updated_articles_give_the_events_reading_gives() {
    // Versions of an article as it is saved again and again: moved by a first line,
    // a paragraph added, the same paragraphs tidied by cleaning or not (the same text
    // placed by its offsets in one version and found again in the source in another).
    let versions = [
        article_version("Saved at noon", "", &[]),
        article_version("Saved at noon, again", "", &[]),
        article_version(
            "Saved later",
            "Talks resume on Monday, officials said.",
            &[],
        ),
        article_version(
            "Saved",
            "Talks resume on Monday, officials said.",
            &["Late on Friday"],
        ),
        article_version("Saved", "", &["Late on Friday", "US secretary of state"]),
        article_version("Saved at noon", "", &[]),
    ];
    let mut memo = Memo::default();
    for round in 0..2 {
        for (i, text) in versions.iter().enumerate() {
            let doc = cleaned(text, &format!("article-{i}.txt"));
            let e = extractor(text);
            let read = read(&doc, &e);
            assert!(
                !read[0].mentions.is_empty(),
                "version {i}: mentions to find"
            );
            assert_eq!(
                with_memo(&doc, &e, &mut memo),
                read,
                "version {i}, round {round}"
            );
        }
    }
}

#[test]
fn a_text_found_once_placed_by_offsets_and_once_in_the_source_is_placed_each_way() {
    // The same cleaned paragraph, once as the source wrote it (placed by its offsets),
    // once rewritten from doubled spaces (found again in the source's words), once
    // without the source at hand (placed at the block).
    let tidy = "Ministers met on Friday\n\nThey will meet again next week, and on Monday.\n";
    let loose = "Ministers met on Friday\n\nThey  will meet  again next week, and on Monday.\n";
    for order in [[tidy, loose], [loose, tidy]] {
        let mut memo = Memo::default();
        for _ in 0..2 {
            for text in order {
                let doc = cleaned(text, "page.txt");
                for e in [
                    extractor(text),
                    Extractor {
                        source_text: None,
                        ..extractor(text)
                    },
                ] {
                    let got = with_memo(&doc, &e, &mut memo);
                    assert_eq!(got, read(&doc, &e));
                    let spans: Vec<_> = got[0].mentions.iter().map(|m| m.span).collect();
                    assert_eq!(spans.len(), 3, "{text:?}");
                    if e.source_text.is_some() {
                        for (m, s) in got[0].mentions.iter().zip(&spans) {
                            assert_eq!(s.slice(text).unwrap().replace("  ", " "), m.text);
                        }
                    }
                }
            }
        }
    }
}

/// The live blog 003 under `first_line`, with every time a quarter of an hour earlier
/// when `earlier`, and without its bylines when `bylines` is false.
fn blog_version(first_line: &str, earlier: bool, bylines: bool) -> String {
    let seeds = corpus::seeds();
    let (_, blog) = seeds.iter().find(|(n, _)| n.starts_with("003")).unwrap();
    let mut out = format!("{first_line}\n\n");
    for line in blog.lines() {
        if !bylines && line.starts_with("From CNN") {
            continue;
        }
        match line.split_once(" a.m. ET, January 21, 2022") {
            Some((time, "")) if earlier => {
                let (h, m) = time.split_once(':').unwrap();
                let minutes = h.parse::<u32>().unwrap() * 60 + m.parse::<u32>().unwrap() - 15;
                out.push_str(&format!(
                    "{}:{:02} a.m. ET, January 21, 2022",
                    minutes / 60,
                    minutes % 60
                ));
            }
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

#[test]
fn a_merger_unites_copies_of_remembered_posts_as_merging_the_pages_does() {
    // Versions of one live blog: as saved (three pages of it, one of which the memo
    // learns it from), moved under another first line, with earlier times, and
    // without bylines.
    let versions = [
        ("b-page.txt", blog_version("Saved", false, true)),
        (
            "a-page.txt",
            blog_version("Saved again, later", false, true),
        ),
        ("c-page.txt", blog_version("Saved", true, true)),
        // A long first line: its posts come after the others' though bylines are gone.
        (
            "d-page.txt",
            blog_version(&"A long first line. ".repeat(40), false, false),
        ),
        ("z-page.txt", blog_version("Saved", false, true)),
        ("m-page.txt", blog_version("Saved", false, true)),
    ];
    let docs: Vec<_> = versions
        .iter()
        .map(|(name, text)| (cleaned(text, name), extractor(text)))
        .collect();
    // One merger teaches the memo the posts of m (met after z), c and d; the other is
    // then given copies of their events, in orders in which a copy brings what the
    // events it is united with lack: a place or a source name that comes first, an
    // earlier time, a byline.
    let orders = [
        [5, 0, 1, 2, 3, 4],
        [3, 0, 2, 1, 4, 5],
        [4, 1, 3, 5, 0, 2],
        [2, 1, 3, 0, 5, 4],
    ];
    for order in orders {
        let mut memo = Memo::default();
        let mut teacher = Merger::with_batch(1);
        for _ in 0..2 {
            for i in [4, 5, 2, 3] {
                let (doc, e) = &docs[i];
                teacher.add_posts(doc, e, 0..doc.posts.len(), Some(&mut memo));
            }
        }
        let mut merger = Merger::with_batch(1);
        let mut timelines = Vec::new();
        for &i in order.iter().chain(&order) {
            let (doc, e) = &docs[i];
            merger.add_posts(doc, e, 0..doc.posts.len(), Some(&mut memo));
            timelines.push(timeline_of(doc, e));
        }
        let got = merger.finish();
        assert_eq!(got, merge_all(timelines), "{order:?}");
        // What the copies brought is there.
        let post = got
            .events
            .iter()
            .find(|e| e.text.contains("Geneva"))
            .unwrap();
        assert_eq!(post.sources.len(), 6, "{order:?}");
        assert_eq!(post.sources[0].source, "a-page.txt");
        // The text kept is that of the first place, first source name: b's.
        assert!(post.mentions.iter().all(|m| m.source == "b-page.txt"));
        assert!(!post.contributors.is_empty());
        let (c, e) = &docs[2];
        let earlier = timeline_of(c, e)
            .events
            .into_iter()
            .find(|e| e.id == post.id);
        assert_eq!(post.when, earlier.unwrap().when, "{order:?}");
    }
}

/// The paragraph of blog 003 that [`blog_with`] adds to: the first long one about
/// the talks in Geneva (not a caption).
fn the_paragraph(line: &str) -> bool {
    line.contains("Geneva") && line.len() > 120 && !line.contains("(R)")
}

/// The live blog 003 under `first_line`, with `extra` added to its paragraph about
/// the talks in Geneva.
fn blog_with(first_line: &str, extra: &str) -> String {
    let seeds = corpus::seeds();
    let (_, blog) = seeds.iter().find(|(n, _)| n.starts_with("003")).unwrap();
    let mut out = format!("{first_line}\n\n");
    let mut added = false;
    for line in blog.lines() {
        out.push_str(line);
        if !added && the_paragraph(line) {
            out.push_str(extra);
            added = true;
        }
        out.push('\n');
    }
    assert!(added);
    out
}

#[test]
fn a_copy_of_another_version_of_a_united_post_is_kept_when_it_has_more_words() {
    // Two versions of a post: as saved, and with a sentence more (another id, the
    // same story: they are united). The memo knows both; copies of each reach a
    // merger that holds the other united, in either order.
    let extra = " The ministers also agreed that their deputies would meet again in Vienna next month to go over the proposals in detail.";
    let versions = [
        ("long-1.txt", blog_with("Saved", extra)),
        ("long-2.txt", blog_with("Saved", extra)),
        ("short-1.txt", blog_with("Saved", "")),
        ("short-2.txt", blog_with("Saved", "")),
    ];
    let docs: Vec<_> = versions
        .iter()
        .map(|(name, text)| (cleaned(text, name), extractor(text)))
        .collect();
    // The start of the paragraph the sentence was added to.
    let needle = &versions[2].1.lines().find(|l| the_paragraph(l)).unwrap()[..40];
    for order in [[0, 2, 1, 3], [2, 0, 3, 1], [2, 3, 0, 1], [0, 1, 2, 3]] {
        let mut memo = Memo::default();
        let mut teacher = Merger::with_batch(1);
        for i in [0, 1, 2, 3, 0, 2] {
            let (doc, e) = &docs[i];
            teacher.add_posts(doc, e, 0..doc.posts.len(), Some(&mut memo));
        }
        let mut merger = Merger::with_batch(1);
        let mut timelines = Vec::new();
        for &i in &order {
            let (doc, e) = &docs[i];
            merger.add_posts(doc, e, 0..doc.posts.len(), Some(&mut memo));
            // United at once, so that the next page's copies meet united versions.
            merger.unite_pending();
            timelines.push(timeline_of(doc, e));
        }
        let got = merger.finish();
        assert_eq!(got, merge_all(timelines), "{order:?}");
        let post = got.events.iter().find(|e| e.text.contains(needle)).unwrap();
        assert_eq!(post.sources.len(), 4, "{order:?}: the versions are united");
        assert!(
            post.text.contains("Vienna"),
            "{order:?}: the longer text is kept"
        );
    }
}

#[test]
fn a_copy_alike_but_for_its_places_is_told_apart_by_its_places_only_while_it_is() {
    // A merger that united copies of a short post (so it knows them alike but for
    // their places) then unites a longer version of it, which is kept; copies of the
    // short post that come after, placed before the longer one, are told from it by
    // their words again, not by their places. The short pages put the post higher up
    // than the long page does.
    let extra = " The ministers also agreed that their deputies would meet again in Vienna next month to go over the proposals in detail.";
    let high = "Saved";
    let low = "A long first line, which moves every post of the page further down. ".repeat(8);
    let versions = [
        ("short-a.txt", blog_with(high, "")),
        ("short-b.txt", blog_with(high, "")),
        ("long.txt", blog_with(&low, extra)),
        ("short-c.txt", blog_with(high, "")),
        ("short-d.txt", blog_with(high, "")),
    ];
    let docs: Vec<_> = versions
        .iter()
        .map(|(name, text)| (cleaned(text, name), extractor(text)))
        .collect();
    let needle = &versions[0].1.lines().find(|l| the_paragraph(l)).unwrap()[..40];
    let mut memo = Memo::default();
    let mut teacher = Merger::with_batch(1);
    for i in [0, 2, 0, 2] {
        let (doc, e) = &docs[i];
        teacher.add_posts(doc, e, 0..doc.posts.len(), Some(&mut memo));
    }
    let mut merger = Merger::with_batch(1);
    let mut timelines = Vec::new();
    for (doc, e) in &docs {
        merger.add_posts(doc, e, 0..doc.posts.len(), Some(&mut memo));
        merger.unite_pending();
        timelines.push(timeline_of(doc, e));
    }
    let got = merger.finish();
    assert_eq!(got, merge_all(timelines));
    let post = got.events.iter().find(|e| e.text.contains(needle)).unwrap();
    assert_eq!(post.sources.len(), 5, "the versions are united");
    assert!(post.text.contains("Vienna"), "the longer text is kept");
}

#[test]
fn an_article_updated_again_and_again_gives_the_events_reading_gives() {
    // The seed article saved eight times, each copy ending in a line of its own (as
    // snapshots of an article updated at its end), one with a paragraph in the middle
    // changed and one under another title: read through one memo, whose words of
    // blocks met before are used from the third copy on, each gives what reading it
    // gives.
    let seeds = corpus::seeds();
    let (_, article) = seeds.iter().find(|(n, _)| n.starts_with("004")).unwrap();
    let mut memo = Memo::default();
    for n in 0..8 {
        let mut lines: Vec<String> = article.lines().map(str::to_owned).collect();
        if n == 5 {
            let mid = (lines.len() / 2..lines.len())
                .find(|&i| lines[i].len() > 80)
                .unwrap();
            lines[mid].push_str(" The talks went on.");
        }
        if n == 6 {
            lines.insert(0, "Another title for the same story".to_owned());
            lines.insert(1, String::new());
        }
        lines.push(format!("Update {n}: the talks went on past midnight."));
        let text = lines.join("\n");
        let doc = cleaned(&text, &format!("article-{n}.txt"));
        assert_eq!(doc.kind, liveline_core::DocKind::Article);
        let e = extractor(&text);
        let events = with_memo(&doc, &e, &mut memo);
        assert_eq!(events, read(&doc, &e), "copy {n}");
    }
}
