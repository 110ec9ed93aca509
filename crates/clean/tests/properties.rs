//! Properties of the default pipeline: idempotent, deterministic, spans unchanged, and
//! no letter or digit lost (only white space, invisible characters and quote styles
//! change, and Unicode composition).

use liveline_clean::Pipeline;
use liveline_core::{CleanLog, Document};
use liveline_parse::parse;
use liveline_testkit::{check_spans, corpus, shape};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

fn cases(default: u32) -> u32 {
    std::env::var("LIVELINE_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

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
/// documented repair that changes letters: mojibake ("Ã©" is "é").
fn alnum(doc: &Document<'_>) -> Vec<String> {
    let mut out = Vec::new();
    let blocks = doc.blocks();
    for b in blocks {
        let repaired = liveline_clean::mojibake::fix(&b.text).unwrap_or_else(|| b.text.to_string());
        let s: String = repaired.nfc().filter(|c| c.is_alphanumeric()).collect();
        out.push(s);
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
}

#[test]
fn the_seeds_clean_idempotently_without_loss() {
    for (name, src) in corpus::seeds() {
        check(&src).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}
