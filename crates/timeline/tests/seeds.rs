//! The merged timeline of the three snapshots of the CNN live blog (001, 002, 003).

use liveline_clean::Pipeline;
use liveline_core::{CleanLog, EventKind, Precision, Timeline};
use liveline_testkit::corpus;
use liveline_timeline::{Extractor, Merge, infer_dates, timeline_of};

fn timeline(names: &[&str]) -> Timeline {
    let seeds = corpus::seeds();
    let mut t = Timeline::default();
    for name in names {
        let (_, text) = seeds.iter().find(|(n, _)| n.starts_with(name)).unwrap();
        let mut doc = liveline_parse::parse(text);
        doc.source.path = Some(format!(
            "seeds/{}",
            seeds.iter().find(|(n, _)| n.starts_with(name)).unwrap().0
        ));
        Pipeline::default_pipeline().run(&mut doc, &mut CleanLog::default());
        t = t.merge(&timeline_of(&doc, &Extractor::default()));
    }
    infer_dates(&mut t, None);
    t
}

#[test]
fn three_snapshots_give_22_posts_and_3_year_items() {
    let t = timeline(&["001", "002", "003"]);
    let posts: Vec<_> = t
        .events
        .iter()
        .filter(|e| e.kind == EventKind::Post)
        .collect();
    let years: Vec<_> = t
        .events
        .iter()
        .filter(|e| e.kind == EventKind::YearItem)
        .collect();
    assert_eq!(posts.len(), 22);
    assert_eq!(years.len(), 3);
    fn by_source(e: &liveline_core::Event) -> Vec<&str> {
        let mut s: Vec<&str> = e.sources.iter().map(|s| &s.source[..3]).collect();
        s.dedup();
        s
    }
    // The 9 timed posts of 003, with their minute times.
    let in_003: Vec<_> = posts
        .iter()
        .filter(|e| by_source(e).contains(&"003"))
        .collect();
    assert_eq!(in_003.len(), 9);
    assert!(
        in_003
            .iter()
            .all(|e| e.when.as_ref().unwrap().precision == Precision::Minute)
    );
    // The 8:41 post is found only in 001.
    let only_001: Vec<_> = posts.iter().filter(|e| by_source(e) == ["001"]).collect();
    assert_eq!(only_001.len(), 1);
    assert_eq!(
        only_001[0].when.as_ref().unwrap().utc.unwrap().to_string(),
        "2022-01-21T13:41:00Z"
    );
    // 8 posts of 002 also appear in 003 and carry their minute times.
    let shared: Vec<_> = posts
        .iter()
        .filter(|e| by_source(e).contains(&"002") && by_source(e).contains(&"003"))
        .collect();
    assert_eq!(shared.len(), 8);
    // The 12 posts only in 002 carry the day 2022-01-21 with day precision.
    let only_002: Vec<_> = posts.iter().filter(|e| by_source(e) == ["002"]).collect();
    assert_eq!(only_002.len(), 12);
    for e in &only_002 {
        let w = e.when.as_ref().unwrap();
        assert_eq!(
            (w.local.to_string().as_str(), w.precision),
            ("2022-01-21", Precision::Day)
        );
        assert_eq!(w.utc, None);
    }
    // "Blinken: Meeting with Russia was ..." is one event with three sources.
    let blinken: Vec<_> = posts
        .iter()
        .filter(|e| {
            e.headline
                .as_deref()
                .is_some_and(|h| h.starts_with("Blinken: Meeting with Russia"))
        })
        .collect();
    assert_eq!(blinken.len(), 1);
    assert_eq!(blinken[0].sources.len(), 3);
    assert_eq!(
        blinken[0].when.as_ref().unwrap().utc.unwrap().to_string(),
        "2022-01-21T13:49:00Z"
    );
    // The year items: 2013, 2014, 2015, year precision, linked to the timeline post.
    let parent = posts
        .iter()
        .find(|e| {
            e.headline
                .as_deref()
                .is_some_and(|h| h.starts_with("Here is a timeline"))
        })
        .unwrap();
    let labels: Vec<String> = years
        .iter()
        .map(|e| e.when.as_ref().unwrap().local.to_string())
        .collect();
    assert_eq!(labels, ["2013", "2014", "2015"]);
    assert!(
        years
            .iter()
            .all(|e| e.parent.as_deref() == Some(parent.id.as_str()))
    );
}

#[test]
fn the_order_of_the_inputs_does_not_change_the_timeline() {
    let want = timeline(&["001", "002", "003"]);
    for order in [
        ["003", "002", "001"],
        ["002", "001", "003"],
        ["002", "003", "001"],
    ] {
        assert_eq!(timeline(&order), want, "{order:?}");
    }
}

#[test]
fn two_different_posts_about_the_meeting_stay_apart() {
    let t = timeline(&["003"]);
    let blinken: Vec<_> = t
        .events
        .iter()
        .filter(|e| {
            e.headline
                .as_deref()
                .is_some_and(|h| h.starts_with("Blinken"))
        })
        .collect();
    assert_eq!(blinken.len(), 3, "three Blinken posts in 003, three events");
}
