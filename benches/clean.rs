//! Throughput of the default cleaning pipeline on parsed documents (parsing is not
//! timed): a 64 MiB corpus of pages made by repeating the seeds.
//!
//! Run: `cargo bench --bench clean`

use std::hint::black_box;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use liveline_clean::Pipeline;
use liveline_core::CleanLog;
use liveline_parse::parse;
use liveline_testkit::corpus;

fn default_pipeline(c: &mut Criterion) {
    let mut g = c.benchmark_group("clean/default");
    g.sample_size(10);
    let pipeline = Pipeline::default_pipeline();
    for mib in [8, 64] {
        let pages = corpus::pages(mib << 20);
        let bytes: usize = pages.iter().map(String::len).sum();
        g.throughput(Throughput::Bytes(bytes as u64));
        g.bench_function(format!("corpus/{mib}MiB"), |b| {
            b.iter_batched(
                || pages.iter().map(|p| parse(p)).collect::<Vec<_>>(),
                |mut docs| {
                    let mut log = CleanLog::default();
                    for d in &mut docs {
                        pipeline.run(black_box(d), &mut log);
                    }
                    assert!(!log.entries.is_empty());
                    docs
                },
                BatchSize::PerIteration,
            )
        });
    }
    g.finish();
}

criterion_group!(benches, default_pipeline);
criterion_main!(benches);
