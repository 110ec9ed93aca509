//! Properties of the default pipeline: idempotent, deterministic, spans unchanged, and
//! no letter or digit lost (only white space, invisible characters and quote styles
//! change, and Unicode composition).

use liveline_clean::{Pipeline, reflow};
use liveline_core::{BlockKind, CleanLog, Document, news};
use liveline_parse::parse;
use liveline_testkit::{check_spans, corpus, shape};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

use liveline_testkit::proptest_cases as cases;

/// Lines of the seed pages, dirtied: no-break and zero-width spaces, CRLF, tabs,
/// doubled spaces, combining accents.
fn dirty_page() -> impl Strategy<Value = String> {
    let lines: Vec<String> = corpus::seeds()
        .iter()
        .flat_map(|(_, t)| t.lines().map(str::to_owned).collect::<Vec<_>>())
        .filter(|l| !l.trim().is_empty())
        .collect();
    let dirt = prop::sample::select(vec![
        "", "", " ", "\u{a0}", "\u{200b}", "\t", "  ", "e\u{301}", "\u{ad}", "’", "'",
    ]);
    let line = (prop::sample::select(lines), dirt.clone(), dirt).prop_map(|(l, a, b)| {
        let mid = l
            .char_indices()
            .nth(l.chars().count() / 2)
            .map_or(0, |(i, _)| i);
        format!("{}{a}{}{b}", &l[..mid], &l[mid..])
    });
    let sep = prop::sample::select(vec!["\n", "\n\n", "\r\n\r\n", "\n\n\n"]);
    prop::collection::vec((line, sep), 1..40)
        .prop_map(|v| v.into_iter().map(|(l, s)| l + s).collect())
}

fn clean(doc: &Document<'_>) -> (Document<'static>, CleanLog) {
    let mut d = doc.clone().into_owned();
    let mut log = CleanLog::default();
    Pipeline::default_pipeline().run(&mut d, &mut log);
    (d, log)
}

/// The letters and digits of every block, in order, after NFC and after the one
/// documented repair that changes letters: mojibake ("Ã©" is "é"). Lines joined into
/// the paragraph above them by the reflow pass are read there.
fn alnum(doc: &Document<'_>) -> String {
    let mut out = String::new();
    for b in doc.blocks() {
        if b.kind == BlockKind::Boilerplate && b.label.as_deref() == Some(reflow::JOINED) {
            continue;
        }
        let repaired = liveline_clean::mojibake::fix(&b.text).unwrap_or_else(|| b.text.to_string());
        out.extend(repaired.nfc().filter(|c| c.is_alphanumeric()));
    }
    out
}

fn check(src: &str) -> Result<(), TestCaseError> {
    let doc = parse(src);
    let (once, _) = clean(&doc);
    let (twice, log2) = clean(&once);
    prop_assert_eq!(shape(&twice), shape(&once), "cleaning twice changes more");
    prop_assert!(
        log2.entries.is_empty(),
        "second run logged {:?}",
        log2.entries
    );
    prop_assert_eq!(once.leaf_spans(), doc.leaf_spans(), "spans changed");
    prop_assert_eq!(check_spans(src, &once), Ok(()));
    prop_assert_eq!(alnum(&once), alnum(&doc), "a letter or digit was lost");
    let (again, _) = clean(&doc);
    prop_assert_eq!(shape(&again), shape(&once), "not deterministic");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(256), ..ProptestConfig::default() })]

    #[test]
    fn dirty_pages_clean_idempotently_without_loss(src in dirty_page()) {
        check(&src)?;
    }

    #[test]
    fn any_text_cleans_idempotently_without_loss(src in any::<String>()) {
        check(&src)?;
    }

    #[test]
    fn wrapped_paragraphs_come_back_whole(
        paras in prop::collection::vec(prop::sample::select(long_paragraphs()), 1..6),
        width in 45usize..=100,
        blank in any::<bool>(),
    ) {
        let mut src = String::from("Talks in Geneva\n\nBy Ana Ruiz, CNN\n\n");
        // The pass joins only text that shows wrapping: a line that goes on in lower case.
        let mut wrapped = false;
        let mut lines = Vec::new();
        let mut whole = Vec::new();
        for p in &paras {
            let wrapped_lines = wrap(p, width);
            // A break after a full stop is left alone by design.
            let n = wrapped_lines.len();
            if wrapped_lines[..n - 1].iter().all(|l| !news::ends_sentence(l)) {
                whole.push(p);
            }
            for (n, line) in wrapped_lines.into_iter().enumerate() {
                wrapped |= n > 0 && line.starts_with(|c: char| c.is_lowercase());
                src.push_str(&line);
                src.push_str(if blank { "\n\n" } else { "\n" });
                lines.push(line);
            }
            src.push('\n');
        }
        check(&src)?;
        let (doc, _) = clean(&parse(&src));
        let text = liveline_clean::plain_text(&doc);
        if wrapped {
            for p in whole {
                prop_assert!(text.contains(p.as_str()), "not joined back: {p}\n--\n{text}");
            }
        } else {
            for l in &lines {
                prop_assert!(text.contains(&format!("\n{l}\n")), "joined: {l}\n--\n{text}");
            }
        }
    }
}

/// Paragraphs of the seeds long enough to wrap, that end a sentence and hold no word
/// too long to fill a line.
fn long_paragraphs() -> Vec<String> {
    let mut out: Vec<String> = corpus::seeds()
        .iter()
        .flat_map(|(_, t)| t.lines().map(str::to_owned).collect::<Vec<_>>())
        .filter(|l| {
            l.len() > 150
                && l.is_ascii()
                && l.as_bytes()[0].is_ascii_uppercase()
                && l.ends_with('.')
                && !l.contains("  ")
        })
        .filter(|l| l.split(' ').all(|w| w.len() <= 15))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// `p` wrapped greedily at `width` characters.
fn wrap(p: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for w in p.split(' ') {
        if !line.is_empty() && line.len() + 1 + w.len() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(w);
    }
    lines.push(line);
    lines
}

#[test]
fn the_seeds_clean_idempotently_without_loss() {
    for (name, src) in corpus::seeds() {
        check(&src).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn a_hard_wrapped_link_line_is_judged_once_its_lines_are_joined() {
    // A link line wrapped before its last word: its lines are joined before the
    // boilerplate rules are read, so that it is the line "Read * here." at once (judged
    // on its first line alone, it was marked only by a second run).
    let src = "Talks in Geneva\n\nThe diplomats met for two hours on Friday.\n\n\
               Read the full analysis of the talks in Geneva\nhere.\n\n\
               The talks will go on next week.\n";
    check(src).unwrap();
    let (once, _) = clean(&parse(src));
    let link = once
        .blocks()
        .find(|b| b.text.starts_with("Read the full"))
        .expect("the link line");
    assert_eq!(
        link.text,
        "Read the full analysis of the talks in Geneva here."
    );
    assert_eq!(link.kind, BlockKind::Boilerplate, "{link:?}");
    assert_eq!(link.label.as_deref(), Some("related link"));
}

/// The default pipeline run in `parts` parts, as `run_in_parts` runs it.
fn clean_in_parts(doc: &Document<'_>, parts: usize) -> (Document<'static>, CleanLog) {
    let mut d = doc.clone().into_owned();
    let mut log = CleanLog::default();
    Pipeline::default_pipeline().run_in_parts(&mut d, &mut log, parts);
    (d, log)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(128), ..ProptestConfig::default() })]

    /// Cleaning the posts in parts gives the document and the log cleaning the whole
    /// gives, entry for entry.
    #[test]
    fn cleaning_in_parts_is_cleaning_the_whole(
        pages in prop::collection::vec(dirty_page(), 1..4),
        parts in 1..6usize,
    ) {
        // Pages one after another: a live blog of many posts with a head and trailer.
        let src: String = pages.concat();
        let doc = parse(&src);
        let (whole, whole_log) = clean(&doc);
        let (in_parts, parts_log) = clean_in_parts(&doc, parts);
        prop_assert_eq!(&in_parts, &whole);
        prop_assert_eq!(parts_log, whole_log);
        // With a log that keeps nothing: the same document, whole or in parts.
        for parts in [1, parts] {
            let mut d = doc.clone().into_owned();
            let mut log = CleanLog::discarding();
            Pipeline::default_pipeline().run_in_parts(&mut d, &mut log, parts);
            prop_assert_eq!(&d, &whole);
            prop_assert!(log.entries.is_empty());
        }
    }
}

/// A pass that reads the whole document: it writes how many posts the document has
/// into its first block (and so cannot clean parts).
struct CountPosts;

impl liveline_core::Clean for CountPosts {
    fn name(&self) -> &str {
        "count-posts"
    }

    fn clean(&self, doc: &mut Document<'_>, log: &mut CleanLog) {
        let posts = doc.posts.len();
        if let Some(b) = doc.blocks_mut().next() {
            b.text = format!("{} ({posts} posts)", b.text).into();
            log.record("count-posts", b.span, "counted");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(128), ..ProptestConfig::default() })]

    /// Cleaning a document given in parts, cut anywhere (empty parts too), gives the
    /// document and the log cleaning the whole gives, with the default passes, and
    /// with a pass that cannot clean parts among them (the parts joined for it and
    /// split again).
    #[test]
    fn cleaning_a_document_in_parts_is_cleaning_the_whole(
        pages in prop::collection::vec(dirty_page(), 1..4),
        cuts in prop::collection::vec(0..200usize, 0..4),
    ) {
        let src: String = pages.concat();
        let doc = parse(&src);
        let whole_of = |p: &Pipeline| {
            let mut d = doc.clone().into_owned();
            let mut log = CleanLog::default();
            p.run(&mut d, &mut log);
            (d, log)
        };
        let counting = Pipeline::builder()
            .pass(liveline_clean::Unicode)
            .pass(CountPosts)
            .pass(liveline_clean::Whitespace)
            .pass(liveline_clean::Duplicates)
            .build();
        for pipeline in [Pipeline::default_pipeline(), counting] {
            let (whole, whole_log) = whole_of(&pipeline);
            let mut parts = liveline_testkit::cut_into_parts(doc.clone().into_owned(), &cuts);
            prop_assert_eq!(parts.len(), cuts.len() + 1);
            let mut log = CleanLog::default();
            pipeline.run_on_parts(&mut parts, &mut log);
            prop_assert_eq!(parts.len(), cuts.len() + 1);
            prop_assert_eq!(Document::from_parts(parts), whole.clone());
            prop_assert_eq!(log, whole_log);
        }
    }
}

/// A live blog of many thousand posts (more than a thread moves at a time when the
/// posts are split into parts and joined again) cleans the same in parts on a pool of
/// two threads: every post comes back, in its place.
#[test]
fn a_blog_of_twenty_thousand_posts_cleans_the_same_in_parts() {
    let mut src = String::from("Live updates: a long day\n\n");
    for n in 0..20_000 {
        let (h, m) = (n / 60 % 12 + 1, n % 60);
        src.push_str(&format!(
            "{h}:{m:02} a.m. ET, March 2, 2022\n\nPost  {n} tells\u{a0}what happened.\n\n"
        ));
    }
    let doc = parse(&src);
    assert_eq!(doc.posts.len(), 20_000);
    let (whole, whole_log) = clean(&doc);
    assert!(whole_log.entries.len() >= 20_000);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .expect("a pool of two threads");
    for parts in [2, 3] {
        let (in_parts, log) = pool.install(|| clean_in_parts(&doc, parts));
        assert_eq!(in_parts, whole, "{parts} parts");
        assert_eq!(log, whole_log, "{parts} parts");
    }
}

#[test]
fn a_long_dirty_live_blog_cleans_the_same_in_parts() {
    // The seed live blogs one after another (002, whose links end the page, last), a
    // doubled space in every line but the short ones (times), a no-break space or a
    // hard wrap in some: a change to log in every part and in the trailer, by every
    // pass that logs.
    let mut seeds = corpus::seeds();
    seeds.retain(|(n, _)| ["001", "003", "002"].iter().any(|p| n.starts_with(p)));
    seeds.sort_by_key(|(n, _)| n.starts_with("002"));
    let src: String = seeds
        .iter()
        .flat_map(|(_, t)| t.lines().map(str::to_owned).collect::<Vec<_>>())
        .enumerate()
        .map(|(n, l)| match l.split_once(' ') {
            // Every third long line hard-wrapped before a "the".
            Some((a, b)) if l.len() > 100 && n % 3 == 0 && b.contains(" the ") => {
                format!("{a}  {}\n", b.replacen(" the ", "\nthe ", 1))
            }
            Some((a, b)) if l.len() > 60 => {
                format!("{a}  {}\n", b.replacen(" the ", "\u{a0}the ", 1))
            }
            _ => format!("{l}\n"),
        })
        .collect();
    let doc = parse(&src);
    assert!(doc.posts.len() >= 10, "{} posts", doc.posts.len());
    let (whole, whole_log) = clean(&doc);
    assert!(whole_log.entries.len() > 50);
    assert!(!whole.trailer.is_empty());
    let passes: std::collections::BTreeSet<&str> =
        whole_log.entries.iter().map(|e| e.pass.as_str()).collect();
    for pass in [
        "boilerplate",
        "duplicates",
        "reflow",
        "unicode",
        "whitespace",
    ] {
        assert!(passes.contains(pass), "{pass}: {passes:?}");
    }
    for parts in [2, 3, 7, doc.posts.len(), doc.posts.len() + 5] {
        let (in_parts, log) = clean_in_parts(&doc, parts);
        assert_eq!(in_parts, whole, "{parts} parts");
        assert_eq!(log, whole_log, "{parts} parts");
    }
}

#[test]
fn the_outlet_named_in_a_later_part_rules_the_first() {
    // No byline, no site: the outlet (CNN) is known from a contributor of the last post
    // only. Its interface strings are marked in every post, and another outlet's (VOA's
    // "Skip to Search") in none, the first posts too.
    let mut src = String::from("A page\n\n");
    for n in 0..12 {
        src.push_str(&format!("8:{:02} a.m. ET, January 21, 2022\n\n", 10 + n));
        src.push_str(&format!("Post number {n} of the day\n\n"));
        if n == 11 {
            src.push_str("From CNN's Ana Ruiz\n\n");
        }
        src.push_str("Ministers met in Geneva on Friday.\n\nAd Feedback\n\nSkip to Search\n\n");
    }
    let doc = parse(&src);
    let (whole, whole_log) = clean(&doc);
    let marked: Vec<&str> = whole_log
        .entries
        .iter()
        .filter(|e| e.pass == "boilerplate")
        .map(|e| &src[e.span.start..e.span.end])
        .collect();
    assert_eq!(marked, vec!["Ad Feedback"; 12]);
    for parts in [2, 3, 12] {
        let (in_parts, log) = clean_in_parts(&doc, parts);
        assert_eq!(in_parts, whole, "{parts} parts");
        assert_eq!(log, whole_log, "{parts} parts");
    }
}

/// Each pass of `pipeline` (built by `passes`) run on the whole of `doc` in turn,
/// as a pipeline of one pass each: the reference for a pipeline that takes a long
/// page in chunks.
fn pass_by_pass(
    doc: &Document<'_>,
    passes: impl Fn() -> Vec<liveline_clean::BoxedPass>,
) -> (Document<'static>, CleanLog) {
    let mut d = doc.clone().into_owned();
    let mut log = CleanLog::default();
    for pass in passes() {
        pass.clean(&mut d, &mut log);
    }
    (d, log)
}

#[test]
fn a_long_page_goes_through_the_text_passes_a_chunk_at_a_time_with_the_same_result() {
    // A long live blog (seed 003's posts, repeated), then seed 002 (its posts and the
    // trailer of links), every long line dirtied as in the test above, and a caption
    // with its credit written in, for the credits pass.
    let mut src = corpus::one_live_blog(1 << 20);
    let seeds = corpus::seeds();
    src.push_str(&seeds.iter().find(|(n, _)| n.starts_with("002")).unwrap().1);
    let src: String = src
        .lines()
        .enumerate()
        .map(|(n, l)| match l.split_once(' ') {
            Some((a, b)) if l.len() > 60 && n % 2 == 0 => {
                format!("{a}  {}\n", b.replacen(" the ", "\u{a0}the ", 1))
            }
            Some((a, b)) if l.len() > 60 => format!("{a} {}’\n", b.replacen("'", "’", 1)),
            _ => format!("{l}\n"),
        })
        .collect();
    let doc = parse(&src);
    assert!(doc.posts.len() > 3 * 256, "{} posts", doc.posts.len());
    assert!(!doc.trailer.is_empty());
    let default = || -> Vec<liveline_clean::BoxedPass> {
        Pipeline::default_pipeline()
            .names()
            .map(|n| liveline_clean::pass_by_name(n).unwrap())
            .collect()
    };
    let straight = || -> Vec<liveline_clean::BoxedPass> {
        let mut passes = default();
        let at = passes.iter().position(|p| p.name() == "quotes").unwrap();
        passes[at] = Box::new(liveline_clean::Quotes::new(
            liveline_clean::QuotePolicy::Straight,
        ));
        passes
    };
    for passes in [
        &default as &dyn Fn() -> Vec<liveline_clean::BoxedPass>,
        &straight,
    ] {
        let (want, want_log) = pass_by_pass(&doc, passes);
        // The text passes logged in the first chunk and the last.
        let last_chunk = doc.posts[doc.posts.len() / 256 * 256 - 1].span.end;
        for pass in ["unicode", "whitespace"] {
            let at = |e: &&liveline_core::CleanEntry| e.pass == pass;
            assert!(
                want_log
                    .entries
                    .iter()
                    .filter(at)
                    .any(|e| e.span.end < doc.posts[255].span.end)
            );
            assert!(
                want_log
                    .entries
                    .iter()
                    .filter(at)
                    .any(|e| e.span.start > last_chunk)
            );
        }
        let pipeline = passes()
            .into_iter()
            .fold(Pipeline::builder(), |b, p| b.boxed(p))
            .build();
        let mut got = doc.clone().into_owned();
        let mut log = CleanLog::default();
        pipeline.run(&mut got, &mut log);
        assert_eq!(got, want);
        assert_eq!(log, want_log);
        // And in parts on two threads, each part a chunk at a time.
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        for parts in [2, 3] {
            let mut got = doc.clone().into_owned();
            let mut log = CleanLog::default();
            pool.install(|| pipeline.run_in_parts(&mut got, &mut log, parts));
            assert_eq!(got, want, "{parts} parts");
            assert_eq!(log, want_log, "{parts} parts");
        }
    }
}
