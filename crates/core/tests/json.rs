//! The JSON contract: schema tags, field names, spans as pairs, and reading back.

use std::borrow::Cow;

use liveline_core::jiff::Timestamp;
use liveline_core::{
    Block, BlockKind, Contributor, Direction, DocKind, Document, Event, EventKind, EventSource,
    LocalTime, Mention, Post, SourceMeta, Span, Stamp, Text, Timeline, When,
};

fn stamp() -> Stamp<'static> {
    Stamp {
        text: Cow::Borrowed("8:49 a.m. ET, January 21, 2022"),
        local: Some(LocalTime::minute(2022, 1, 21, 8, 49)),
        zone: Some(Cow::Borrowed("ET")),
        tz: Some(Cow::Borrowed("America/New_York")),
        utc: Some("2022-01-21T13:49:00Z".parse::<Timestamp>().unwrap()),
        ago_minutes: None,
        span: Span::new(10, 40),
    }
}

#[test]
fn document_json_has_the_contract_fields_in_order() {
    let doc = Document {
        kind: DocKind::LiveBlog,
        title: Some(Text {
            text: "Talks".into(),
            span: Span::new(0, 5),
        }),
        posts: vec![Post {
            stamp: Some(stamp()),
            blocks: vec![Block::new(BlockKind::Paragraph, "Text.", Span::new(42, 47))],
            span: Span::new(10, 47),
            ..Post::default()
        }],
        ..Document::default()
    };
    let v = serde_json::to_value(&doc).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys[..3], ["schema", "source", "kind"]);
    assert_eq!(v["schema"], "liveline/document@1");
    assert_eq!(v["kind"], "live_blog");
    assert_eq!(v["title"]["span"], serde_json::json!([0, 5]));
    let st = &v["posts"][0]["stamp"];
    assert_eq!(st["local"], "2022-01-21T08:49");
    assert_eq!(st["utc"], "2022-01-21T13:49:00Z");
    assert_eq!(st["precision"], "minute");
    assert_eq!(st["relative"], false);
    assert_eq!(v["posts"][0]["blocks"][0]["kind"], "paragraph");
    assert_eq!(
        v["posts"][0]["blocks"][0]["credit"],
        serde_json::Value::Null
    );
    // Read back as an owned document: equal.
    let back: Document<'static> = serde_json::from_value(v).unwrap();
    assert_eq!(back, doc);
}

#[test]
fn timeline_round_trips_through_json() {
    let t = Timeline {
        sources: vec![SourceMeta {
            id: "003.txt".into(),
            path: Some("seeds/003.txt".into()),
            sha256: None,
            kind: DocKind::LiveBlog,
            title: Some("Talks".into()),
            outlet: Some("CNN".into()),
            updated: Some(stamp()),
        }],
        events: vec![Event {
            id: "e1".into(),
            kind: EventKind::Post,
            when: When::from_stamp(&stamp()),
            headline: Some("Ministers meet".into()),
            text: "Text.".into(),
            blocks: vec![Block::new(BlockKind::Paragraph, "Text.", Span::new(42, 47))],
            contributors: vec![Contributor {
                name: "Ana Ruiz".into(),
                outlet: Some("CNN".into()),
                location: None,
            }],
            sources: vec![EventSource {
                source: "003.txt".into(),
                post: Some(0),
                span: Span::new(10, 47),
            }],
            mentions: vec![Mention {
                text: "on Thursday".into(),
                value: "2022-01-20".into(),
                granularity: "day".into(),
                direction: Some(Direction::Past),
                modifier: None,
                tense: Some(Direction::Future),
                source: "003.txt".into(),
                span: Span::new(43, 54),
            }],
            parent: None,
            keys: vec![0x0123_4567_89ab_cdef, u64::MAX],
        }],
    };
    let v = serde_json::to_value(&t).unwrap();
    assert_eq!(v["schema"], "liveline/timeline@1");
    assert_eq!(v["events"][0]["when"]["tz"], "America/New_York");
    assert_eq!(v["events"][0]["kind"], "post");
    assert_eq!(v["events"][0]["keys"], "0123456789abcdef ffffffffffffffff");
    assert_eq!(v["events"][0]["mentions"][0]["direction"], "past");
    assert_eq!(v["events"][0]["mentions"][0]["tense"], "future");
    assert!(v["events"][0]["mentions"][0].get("modifier").is_none());
    let back: Timeline = serde_json::from_value(v).unwrap();
    assert_eq!(back, t);
}

#[test]
fn bad_spans_and_local_times_are_rejected_on_reading() {
    assert!(serde_json::from_str::<Span>("[5, 2]").is_err());
    assert!(serde_json::from_str::<LocalTime>("\"2022-02-30\"").is_err());
    assert_eq!(
        serde_json::from_str::<LocalTime>("\"T08:49\"").unwrap(),
        LocalTime::time_only(8, 49)
    );
}
