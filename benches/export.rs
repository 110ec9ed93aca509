//! Writing a 100,000-event timeline in each format (to a buffered sink: formatting and
//! escaping are timed, not the disk). Throughput is the bytes each format writes.
//!
//! Run: `cargo bench --bench export`

use std::hint::black_box;
use std::io::{BufWriter, Write};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use liveline_core::{
    Block, BlockKind, Contributor, DocKind, Event, EventKind, EventSource, LocalTime, Precision,
    SourceMeta, Span, Timeline, When, jiff,
};
use liveline_export::Formats;
use liveline_testkit::corpus;

/// A timeline of `n` posts made of seed paragraphs: headline, three paragraphs, a
/// captioned photo with its credit, two contributors, two sources, a minute time.
fn timeline(n: usize) -> Timeline {
    let paras: Vec<String> = corpus::seeds()
        .iter()
        .flat_map(|(_, t)| t.lines().map(str::to_owned).collect::<Vec<_>>())
        .filter(|l| l.len() > 80)
        .collect();
    let events = (0..n)
        .map(|i| {
            let p = |k: usize| paras[(i * 7 + k * 13) % paras.len()].clone();
            let text = [p(0), p(1), p(2)];
            let utc = jiff::Timestamp::from_second(1_642_723_200 + (i as i64) * 37).unwrap();
            let dt = utc.to_zoned(jiff::tz::TimeZone::UTC).datetime();
            let mut caption = Block::new(BlockKind::Caption, p(3), Span::new(0, 10));
            caption.credit = Some("Name Surname/AFP/Getty Images".into());
            let mut blocks: Vec<Block<'static>> = text
                .iter()
                .map(|t| Block::new(BlockKind::Paragraph, t.clone(), Span::new(0, t.len())))
                .collect();
            blocks.insert(0, caption);
            Event {
                id: format!("{:016x}", (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)),
                kind: EventKind::Post,
                when: Some(When {
                    utc: Some(utc),
                    local: LocalTime::minute(
                        dt.year(),
                        dt.month(),
                        dt.day(),
                        dt.hour(),
                        dt.minute(),
                    ),
                    zone: Some("GMT".into()),
                    tz: Some("Europe/London".into()),
                    precision: Precision::Minute,
                }),
                headline: Some(p(4).chars().take(90).collect()),
                text: text.join("\n\n"),
                blocks,
                contributors: ["Ana Ruiz", "Rob Lee"]
                    .iter()
                    .map(|n| Contributor {
                        name: (*n).into(),
                        outlet: Some("CNN".into()),
                        location: None,
                    })
                    .collect(),
                sources: (0..2)
                    .map(|s| EventSource {
                        source: format!("snapshot-{s}.txt"),
                        post: Some(i % 40),
                        span: Span::new(i * 10, i * 10 + 900),
                    })
                    .collect(),
                mentions: Vec::new(),
                parent: None,
                keys: vec![i as u64, (i as u64) << 20],
            }
        })
        .collect();
    Timeline {
        sources: (0..2)
            .map(|s| SourceMeta {
                id: format!("snapshot-{s}.txt"),
                path: None,
                sha256: None,
                kind: DocKind::LiveBlog,
                title: Some("A live blog".into()),
                outlet: Some("CNN".into()),
                updated: None,
            })
            .collect(),
        events,
    }
}

/// Counts what is written.
struct Count(u64);

impl Write for Count {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn export(c: &mut Criterion) {
    let t = timeline(100_000);
    let formats = Formats::builtin();
    let mut g = c.benchmark_group("export/100k-events");
    g.sample_size(10);
    for f in formats.iter() {
        let mut count = Count(0);
        f.write(&t, &mut count).unwrap();
        g.throughput(Throughput::Bytes(count.0));
        g.bench_function(f.name(), |b| {
            b.iter(|| {
                let mut out = BufWriter::with_capacity(1 << 16, std::io::sink());
                f.write(black_box(&t), &mut out).unwrap();
                out.flush().unwrap();
            })
        });
    }
    g.finish();
}

criterion_group!(benches, export);
criterion_main!(benches);
