//! Parser throughput: each seed, a corpus of pages made by repeating the seeds, and one
//! live blog of growing size (cost should grow linearly).
//!
//! Run: `cargo bench --bench parse` (add `-- corpus` to run one group).

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use liveline_parse::parse;
use liveline_testkit::corpus;

const MIB: usize = 1 << 20;

fn seeds(c: &mut Criterion) {
    let mut g = c.benchmark_group("parse/seed");
    for (name, text) in corpus::seeds() {
        let id = &name[..3];
        let posts = parse(&text).posts.len();
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(id), &text, |b, t| {
            b.iter(|| {
                let doc = parse(black_box(t));
                assert_eq!(doc.posts.len(), posts);
                doc
            })
        });
    }
    g.finish();
}

fn corpus_64mib(c: &mut Criterion) {
    let mut g = c.benchmark_group("parse/corpus");
    g.sample_size(10);
    for mib in [1, 8, 64] {
        let pages = corpus::pages(mib * MIB);
        let bytes: usize = pages.iter().map(String::len).sum();
        let posts: usize = pages.iter().map(|p| parse(p).posts.len()).sum();
        g.throughput(Throughput::Bytes(bytes as u64));
        g.bench_with_input(
            BenchmarkId::from_parameter(format!("{mib}MiB")),
            &pages,
            |b, pages| {
                b.iter(|| {
                    let mut n = 0;
                    for p in pages {
                        n += parse(black_box(p)).posts.len();
                    }
                    assert_eq!(n, posts);
                    n
                })
            },
        );
    }
    g.finish();
}

fn one_document(c: &mut Criterion) {
    let mut g = c.benchmark_group("parse/one_live_blog");
    g.sample_size(10);
    for mib in [1, 8, 64] {
        let text = corpus::one_live_blog(mib * MIB);
        let posts = parse(&text).posts.len();
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(
            BenchmarkId::from_parameter(format!("{mib}MiB")),
            &text,
            |b, t| {
                b.iter(|| {
                    let doc = parse(black_box(t));
                    assert_eq!(doc.posts.len(), posts);
                    doc
                })
            },
        );
    }
    g.finish();
}

/// The cost of each stage on an 8 MiB corpus: splitting into lines, classifying them,
/// building the document, and the whole parse (with time resolution).
fn stages(c: &mut Criterion) {
    use liveline_parse::stages;
    let mut g = c.benchmark_group("parse/stages");
    g.sample_size(10);
    let pages = corpus::pages(8 * MIB);
    let bytes: usize = pages.iter().map(String::len).sum();
    g.throughput(Throughput::Bytes(bytes as u64));
    type Stage = fn(&str) -> usize;
    let stage_fns: [(&str, Stage); 4] = [
        ("split", stages::split),
        ("classify", stages::classify),
        ("build", stages::build),
        ("parse", |s| parse(s).posts.len()),
    ];
    for (name, f) in stage_fns {
        g.bench_with_input(BenchmarkId::from_parameter(name), &pages, |b, pages| {
            b.iter(|| pages.iter().map(|p| f(black_box(p))).sum::<usize>())
        });
    }
    g.finish();
}

criterion_group!(benches, seeds, corpus_64mib, one_document, stages);
criterion_main!(benches);
