//! The merged timeline of the three snapshots of the CNN live blog (001, 002, 003).

use liveline_clean::Pipeline;
use liveline_core::{CleanLog, Direction, Event, EventKind, Mention, Precision, Timeline, jiff};
use liveline_testkit::corpus;
use liveline_timeline::{Extractor, Merge, infer_dates, timeline_of};

fn timeline(names: &[&str]) -> Timeline {
    timeline_on(names, None)
}

/// The merged timeline of the named seeds, `reference` the date of undated pages.
fn timeline_on(names: &[&str], reference: Option<jiff::civil::Date>) -> Timeline {
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
        let extractor = Extractor {
            source_text: Some(text),
            ..Extractor::default()
        };
        t = t.merge(&timeline_of(&doc, &extractor));
    }
    infer_dates(&mut t, reference);
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

/// The mention of `text` in the post whose headline starts with `start` or whose text
/// holds it.
fn mention<'t>(t: &'t Timeline, start: &str, text: &str) -> (&'t Event, &'t Mention) {
    let e = t
        .events
        .iter()
        .find(|e| {
            e.kind == EventKind::Post
                && (e.headline.as_deref().is_some_and(|h| h.starts_with(start))
                    || e.text.contains(start))
        })
        .unwrap_or_else(|| panic!("no post starts with {start:?}"));
    let m = e
        .mentions
        .iter()
        .find(|m| m.text == text)
        .unwrap_or_else(|| panic!("no {text:?} in {start:?}: {:?}", e.mentions));
    (e, m)
}

#[test]
fn mentions_resolve_against_each_posts_final_date() {
    let t = timeline(&["001", "002", "003"]);
    // A timed post of 003: Friday 2022-01-21, ISO week 3.
    let (_, m) = mention(&t, "US will share concerns", "next week");
    assert_eq!(
        (m.value.as_str(), m.granularity.as_str(), m.direction),
        ("2022-W04", "week", Some(Direction::Future))
    );
    let (_, m) = mention(&t, "On Thursday, the Dutch defense minister", "On Thursday");
    assert_eq!(m.value, "2022-01-20");
    assert_eq!(m.direction, Some(Direction::Past));
    // A post found only in the untimed snapshot 002: its date (and so its mentions'
    // values) comes from the posts of 002 matched in 003.
    let (e, m) = mention(&t, "Biden accepted an invitation", "in the late spring");
    assert_eq!(e.when.as_ref().unwrap().precision, Precision::Day);
    assert_eq!(
        (m.value.as_str(), m.modifier.as_deref(), m.direction),
        ("2022-SP", Some("END"), Some(Direction::Future))
    );
    let (_, m) = mention(&t, "Lavrov, a highly experienced diplomat", "since 2004");
    assert_eq!(
        (m.value.as_str(), m.direction),
        ("2004", Some(Direction::Past))
    );
    let (_, m) = mention(
        &t,
        "Lavrov, a highly experienced diplomat",
        "over the past 18 years",
    );
    assert_eq!((m.value.as_str(), m.granularity.as_str()), ("P18Y", "year"));
}

#[test]
fn every_mention_span_is_its_text_in_its_source() {
    let seeds = corpus::seeds();
    let t = timeline(&["000", "001", "002", "003", "004"]);
    let mut n = 0;
    for m in t.events.iter().flat_map(|e| &e.mentions) {
        let (_, text) = seeds.iter().find(|(name, _)| *name == m.source).unwrap();
        let slice = &text[m.span.start..m.span.end];
        assert_eq!(
            slice.split_whitespace().collect::<Vec<_>>().join(" "),
            m.text,
            "{m:?}"
        );
        n += 1;
    }
    assert!(n > 60, "{n} mentions");
}

#[test]
fn a_saturday_bulletin_dated_by_the_user() {
    let t = timeline_on(&["000"], Some(jiff::civil::date(2022, 1, 22)));
    let all: Vec<(&str, &str)> = t
        .events
        .iter()
        .flat_map(|e| &e.mentions)
        .map(|m| (m.text.as_str(), m.value.as_str()))
        .collect();
    assert!(all.contains(&("Saturday", "2022-01-22")), "{all:?}");
    assert!(all.contains(&("Monday", "2022-01-24")), "{all:?}");
    assert!(all.contains(&("Friday", "2022-01-21")), "{all:?}");
    // Undated, the same bulletin's weekdays stay unresolved.
    let t = timeline_on(&["000"], None);
    assert!(
        t.events
            .iter()
            .flat_map(|e| &e.mentions)
            .all(|m| m.value.starts_with("XXXX"))
    );
}

#[test]
fn a_page_extracted_a_range_of_posts_at_a_time_gives_the_same_timeline() {
    use liveline_timeline::{merge_all, source_meta, timeline_of_posts};
    for (name, text) in corpus::seeds() {
        let mut doc = liveline_parse::parse(&text);
        doc.source.path = Some(format!("seeds/{name}"));
        Pipeline::default_pipeline().run(&mut doc, &mut CleanLog::default());
        let extractor = Extractor {
            source_text: Some(&text),
            ..Extractor::default()
        };
        let whole = timeline_of(&doc, &extractor);
        assert!(!whole.events.is_empty(), "{name}");
        let source = source_meta(&doc);
        let n = doc.posts.len();
        let mut all = Vec::new();
        extractor.extract_posts(&source, &doc, 0..n, &mut all);
        for size in [1, 2, 3, 5] {
            let parts: Vec<Timeline> = (0..n.max(1))
                .step_by(size)
                .map(|start| {
                    let mut events = Vec::new();
                    extractor.extract_posts(
                        &source,
                        &doc,
                        start..(start + size).min(n),
                        &mut events,
                    );
                    Timeline {
                        sources: vec![source.clone()],
                        events,
                    }
                })
                .collect();
            // Each post's events come from its own range, once.
            let made: usize = parts.iter().map(|t| t.events.len()).sum();
            assert_eq!(made, all.len(), "{name}, {size} posts at a time");
            assert_eq!(merge_all(parts), whole, "{name}, {size} posts at a time");
            let ranges = (0..n.max(1))
                .step_by(size)
                .map(|start| timeline_of_posts(&doc, &extractor, start..(start + size).min(n)));
            assert_eq!(merge_all(ranges), whole, "{name}, {size} posts at a time");
        }
    }
}

#[test]
fn event_id_gives_the_ids_extraction_gives() {
    use liveline_core::BlockKind;
    use liveline_timeline::extract::event_id;
    let t = timeline(&["000", "001", "002", "003", "004"]);
    assert!(t.events.len() > 30);
    for e in &t.events {
        // The texts the words are read from: a gallery's captions, else label and text.
        let mut texts: Vec<&str> = Vec::new();
        for b in &e.blocks {
            if b.kind == BlockKind::Gallery {
                texts.extend(b.items.iter().map(|i| &*i.text));
            } else {
                texts.extend(b.label.as_deref());
                texts.push(&b.text);
            }
        }
        assert_eq!(
            event_id(e.kind, e.headline.as_deref(), texts),
            e.id,
            "{e:?}"
        );
    }
}
