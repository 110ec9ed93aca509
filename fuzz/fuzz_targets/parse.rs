//! Arbitrary bytes, decoded lossily, must parse without panicking, and the document's
//! spans must hold (in bounds, on character boundaries, ordered, covering every
//! non-blank character); parsed in two parts at once, they give the same document, and
//! so do the parts `parse_into_parts` gives, joined.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (text, _) = liveline_parse::decode_lossy(data);
    let doc = liveline_parse::parse(&text);
    if let Err(e) = liveline_testkit::check_spans(&text, &doc) {
        panic!("{e}\ninput: {text:?}");
    }
    if liveline_parse::parse_in_parts(&text, 2) != doc {
        panic!("parsed in two parts, a different document\ninput: {text:?}");
    }
    let parts = liveline_parse::parse_into_parts(&text, 2);
    if liveline_core::Document::from_parts(parts) != doc {
        panic!("parsed into two parts, a different document joined\ninput: {text:?}");
    }
});
