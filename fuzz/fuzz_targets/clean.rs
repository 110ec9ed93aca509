//! The default cleaning pipeline on any parsed text: it never panics, leaves every span
//! as the parser set it, and a second run changes nothing; the text parsed into parts
//! and cleaned in them gives the same document and log.
#![no_main]

use libfuzzer_sys::fuzz_target;
use liveline_clean::Pipeline;
use liveline_core::{CleanLog, Document};

static PIPELINE: std::sync::LazyLock<Pipeline> =
    std::sync::LazyLock::new(Pipeline::default_pipeline);

fuzz_target!(|data: &[u8]| {
    let (text, _) = liveline_parse::decode_lossy(data);
    let mut doc = liveline_parse::parse(&text);
    let spans = doc.leaf_spans();
    let pipeline = &*PIPELINE;
    let mut log = CleanLog::default();
    pipeline.run(&mut doc, &mut log);
    assert_eq!(doc.leaf_spans(), spans, "cleaning moved a span");
    let mut parts = liveline_parse::parse_into_parts(&text, 2);
    let mut parts_log = CleanLog::default();
    pipeline.run_on_parts(&mut parts, &mut parts_log);
    assert!(
        Document::from_parts(parts) == doc,
        "cleaned in parts, another document"
    );
    assert_eq!(parts_log, log, "cleaned in parts, another log");
    let once = liveline_testkit::shape(&doc);
    let mut again = CleanLog::default();
    pipeline.run(&mut doc, &mut again);
    assert!(
        again.entries.is_empty(),
        "a second run changed {:?}",
        again.entries
    );
    assert_eq!(liveline_testkit::shape(&doc), once);
});
