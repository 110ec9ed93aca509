//! A document generated from the fuzzer's bytes, rendered to the live-blog text format,
//! must parse back to the same document (spans aside).
#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(want) = liveline_testkit::generate::document(&mut Unstructured::new(data)) else {
        return;
    };
    let text = liveline_parse::render::render(&want);
    let got = liveline_parse::parse(&text);
    if let Err(e) = liveline_testkit::check_spans(&text, &got) {
        panic!("{e}\ntext:\n{text}");
    }
    assert_eq!(
        liveline_testkit::shape(&got),
        liveline_testkit::shape(&want),
        "text:\n{text}"
    );
});
