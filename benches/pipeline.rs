//! The whole pipeline in memory, as `liveline timeline --format jsonl` runs it on each
//! page but without reading files or starting a process: parse, clean, extract into a
//! merger (with the memo of posts met before), merge, write JSONL (to nothing). On the
//! 10,000 pages of `benches/scripts/end_to_end.sh` (the seeds, each page with a line
//! of its own) on one thread and on a pool of two (half the pages a thread, a merger
//! and memo a thread, the mergers absorbed into one at the end), and on a 64 MiB live blog
//! on one thread. What the end-to-end script measures beyond this is the reading of the files
//! and the start and end of the process.
//!
//! Run: `cargo bench --bench pipeline`

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use liveline_clean::Pipeline;
use liveline_core::{CleanLog, Export, jiff};
use liveline_export::jsonl::Jsonl;
use liveline_parse::parse;
use liveline_testkit::corpus;
use liveline_timeline::{Extractor, Memo, Merger};
use rayon::prelude::*;

// The allocator the command-line tool uses.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// One page parsed, cleaned and added to `merger`.
fn add_page(pipeline: &Pipeline, name: &str, text: &str, merger: &mut Merger, memo: &mut Memo) {
    let mut doc = parse(text);
    doc.source.path = Some(name.to_owned());
    pipeline.run(&mut doc, &mut CleanLog::discarding());
    let extractor = Extractor {
        reference_date: Some(jiff::civil::date(2022, 1, 22)),
        source_text: Some(text),
    };
    // A long page a range of posts at a time, as the tool adds it.
    let posts = doc.posts.len();
    for start in (0..posts).step_by(256) {
        merger.add_posts(
            &doc,
            &extractor,
            start..(start + 256).min(posts),
            Some(memo),
        );
    }
}

/// The pages on the current rayon pool's threads, merged and written as JSONL; the
/// number of bytes written.
fn timeline(pipeline: &Pipeline, pages: &[(String, String)]) -> usize {
    // A part of the pages a thread, each with its merger and memo (as the tool keeps
    // one of each a thread): the pages cycle through the seeds, so the parts are alike.
    let part = pages.len().div_ceil(rayon::current_num_threads());
    let merger = pages
        .par_chunks(part.max(1))
        .map(|part| {
            let (mut merger, mut memo) = (Merger::new(), Memo::default());
            for (name, text) in part {
                add_page(pipeline, name, text, &mut merger, &mut memo);
            }
            merger.unite_pending();
            merger
        })
        .reduce(Merger::new, |mut a, b| {
            a.absorb(b);
            a
        });
    let mut out = Vec::new();
    Jsonl
        .write(&merger.finish(), &mut out)
        .expect("writing to memory");
    out.len()
}

fn pipeline(c: &mut Criterion) {
    let mut g = c.benchmark_group("pipeline");
    g.sample_size(10);
    let pipeline = Pipeline::default_pipeline();
    let pages = corpus::benchmark_pages(10_000);
    let blog = vec![("one-64MiB.txt".to_owned(), corpus::one_live_blog(64 << 20))];
    for (name, input) in [("pages/10000", &pages), ("one_live_blog/64MiB", &blog)] {
        let bytes: usize = input.iter().map(|(_, t)| t.len()).sum();
        g.throughput(Throughput::Bytes(bytes as u64));
        // One page is one thread's work here (the tool shares a long page's parts out).
        for threads in if input.len() > 1 { 1..=2 } else { 1..=1 } {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("a pool");
            g.bench_function(format!("{name}/{threads}_thread"), |b| {
                b.iter(|| pool.install(|| timeline(&pipeline, black_box(input))))
            });
        }
    }
    g.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
