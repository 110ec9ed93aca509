//! The default cleaning pipeline on any parsed text: it never panics, leaves every span
//! as the parser set it, and a second run changes nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use liveline_clean::Pipeline;
use liveline_core::CleanLog;

static PIPELINE: std::sync::LazyLock<Pipeline> = std::sync::LazyLock::new(Pipeline::default_pipeline);

fuzz_target!(|data: &[u8]| {
    let (text, _) = liveline_parse::decode_lossy(data);
    let mut doc = liveline_parse::parse(&text);
    let spans = doc.leaf_spans();
    let pipeline = &*PIPELINE;
    pipeline.run(&mut doc, &mut CleanLog::default());
    assert_eq!(doc.leaf_spans(), spans, "cleaning moved a span");
    let once = liveline_testkit::shape(&doc);
    let mut again = CleanLog::default();
    pipeline.run(&mut doc, &mut again);
    assert!(again.entries.is_empty(), "a second run changed {:?}", again.entries);
    assert_eq!(liveline_testkit::shape(&doc), once);
});
