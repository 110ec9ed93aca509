//! Merging timelines: generated events of which 30 % are near-duplicates of others
//! (a post trimmed to its first paragraph, re-headlined with a word changed, a word
//! changed in each paragraph, or saved again in another snapshot), at 10,000, 30,000
//! and 100,000 events. Generating the events (with their keys) is not timed; the
//! merge (grouping by shared keys, choosing each event's text and time, resolving its
//! time mentions, sorting) is.
//!
//! Run: `cargo bench --bench merge`

use std::hint::black_box;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use liveline_core::{
    Block, BlockKind, Event, EventKind, EventSource, LocalTime, Mention, Precision, Span, Timeline,
    When, jiff,
};
use liveline_testkit::corpus;
use liveline_timeline::{Merge, extract::event_id, keys::keys, mentions, text::Body};

/// splitmix64: a small deterministic generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A story: headline and paragraphs.
#[derive(Clone)]
struct Story {
    headline: String,
    paragraphs: Vec<String>,
    minute: i64,
}

fn sentence(rng: &mut Rng, vocab: &[String], n: usize) -> String {
    (0..n)
        .map(|_| vocab[rng.below(vocab.len())].as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

fn story(rng: &mut Rng, vocab: &[String]) -> Story {
    let paragraphs = (0..3)
        .map(|p| {
            let n = 25 + rng.below(35);
            let mut s = sentence(rng, vocab, n);
            if p == 0 {
                s.push_str(" on Thursday.");
            }
            s
        })
        .collect();
    Story {
        headline: sentence(rng, vocab, 8),
        paragraphs,
        minute: rng.below(24 * 60) as i64,
    }
}

/// A version of a story as the extractor would make it, found in `source`.
fn event(s: &Story, source: usize) -> Event {
    let body = Body::of_texts(s.paragraphs.iter().map(String::as_str));
    let t = jiff::civil::date(2022, 1, 21)
        .to_datetime(jiff::civil::Time::midnight())
        .to_zoned(jiff::tz::TimeZone::UTC)
        .unwrap()
        .timestamp()
        + jiff::SignedDuration::from_mins(s.minute);
    let local = t.to_zoned(jiff::tz::TimeZone::UTC).datetime();
    let mut mentions = Vec::new();
    for f in mentions::find(&s.paragraphs[0]) {
        mentions.push(Mention {
            text: s.paragraphs[0][f.range.clone()].to_owned(),
            value: String::new(),
            granularity: String::new(),
            direction: None,
            modifier: None,
            tense: f.tense,
            source: format!("snapshot-{source}.txt"),
            span: Span::new(f.range.start, f.range.end),
        });
    }
    Event {
        id: event_id(
            EventKind::Post,
            Some(&s.headline),
            s.paragraphs.iter().map(String::as_str),
        ),
        kind: EventKind::Post,
        when: Some(When {
            utc: Some(t),
            local: LocalTime::minute(
                local.year(),
                local.month(),
                local.day(),
                local.hour(),
                local.minute(),
            ),
            zone: None,
            tz: Some("UTC".into()),
            precision: Precision::Minute,
        }),
        headline: Some(s.headline.clone()),
        text: s.paragraphs.join("\n\n"),
        blocks: s
            .paragraphs
            .iter()
            .map(|p| Block::new(BlockKind::Paragraph, p.clone(), Span::new(0, p.len())))
            .collect(),
        contributors: Vec::new(),
        sources: vec![EventSource {
            source: format!("snapshot-{source}.txt"),
            post: Some(0),
            span: Span::new(0, 0),
        }],
        mentions,
        parent: None,
        keys: keys(EventKind::Post, &body),
    }
}

/// `n` events, 30 % of them near-duplicates of the others; and how many stories.
fn events(n: usize, vocab: &[String]) -> (Timeline, usize) {
    let mut rng = Rng(n as u64);
    let originals = n * 7 / 10;
    let stories: Vec<Story> = (0..originals).map(|_| story(&mut rng, vocab)).collect();
    let mut out: Vec<Event> = stories.iter().map(|s| event(s, 0)).collect();
    for k in 0..n - originals {
        let mut s = stories[rng.below(originals)].clone();
        match k % 4 {
            // Trimmed to its first paragraph, untimed page.
            0 => {
                s.paragraphs.truncate(1);
            }
            // New headline, one word changed.
            1 => {
                s.headline = sentence(&mut rng, vocab, 9);
                s.paragraphs[1] = s.paragraphs[1].replacen(' ', " also ", 1);
            }
            // One word changed in each paragraph.
            2 => {
                for p in &mut s.paragraphs {
                    *p = p.replacen(' ', " then ", 1);
                }
            }
            // The same post saved again.
            _ => {}
        }
        out.push(event(&s, 1 + k % 7));
    }
    let t = Timeline {
        sources: Vec::new(),
        events: out,
    };
    (t, originals)
}

fn merge(c: &mut Criterion) {
    let mut vocab: Vec<String> = corpus::seeds()
        .iter()
        .flat_map(|(_, t)| t.split_whitespace().map(str::to_owned).collect::<Vec<_>>())
        .filter(|w| w.chars().all(char::is_alphabetic) && w.len() > 2)
        .collect();
    vocab.sort();
    vocab.dedup();
    let mut g = c.benchmark_group("merge");
    g.sample_size(10);
    for n in [10_000, 30_000, 100_000] {
        let (t, stories) = events(n, &vocab);
        let merged = Timeline::default().merge(&t);
        // Every near-duplicate found (a stray match between two random stories would
        // make fewer events; a missed one, more).
        assert_eq!(merged.events.len(), stories, "{n} events");
        g.throughput(Throughput::Elements(n as u64));
        g.bench_function(format!("{n}-events-30pct-near-duplicates"), |b| {
            b.iter_batched(
                || t.clone(),
                |t| Timeline::default().merge(black_box(&t)),
                BatchSize::PerIteration,
            )
        });
    }
    g.finish();
}

criterion_group!(benches, merge);
criterion_main!(benches);
