//! A pass of your own, added to the default cleaning pipeline: here, one that marks
//! "Editor's note:" sections as boilerplate.
//!
//! Run: `cargo run --example custom_pass -- seeds/003_8ceedb8b0327a9e8.txt`

use std::borrow::Cow;

use liveline::clean::Pipeline;
use liveline::core::{BlockKind, Clean, CleanLog, Document};

/// Marks sections labelled "Editor's note" as boilerplate. Like every pass it changes
/// kinds and text but never spans, and says what it did in the log.
struct DropEditorsNotes;

impl Clean for DropEditorsNotes {
    fn name(&self) -> &str {
        "editors-notes"
    }

    fn clean(&self, doc: &mut Document<'_>, log: &mut CleanLog) {
        for post in &mut doc.posts {
            for b in &mut post.blocks {
                let label = b.label.as_deref().map(liveline::clean::quotes::match_key);
                if b.kind == BlockKind::Section && label.as_deref() == Some("Editor's note") {
                    log.record(
                        self.name(),
                        b.span,
                        "marked an editor's note as boilerplate",
                    );
                    b.kind = BlockKind::Boilerplate;
                    b.label = Some(Cow::Borrowed("editor's note"));
                }
            }
        }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let text = match std::env::args().nth(1) {
        Some(path) => std::fs::read_to_string(path)?,
        None => {
            "A page\n\nEditor’s note: This post has been updated.\n\nThe story itself.\n".to_owned()
        }
    };
    let mut doc = liveline::parse::parse(&text);
    let pipeline = Pipeline::default_builder().pass(DropEditorsNotes).build();
    let mut log = CleanLog::default();
    pipeline.run(&mut doc, &mut log);
    print!("{}", liveline::clean::plain_text(&doc));
    for e in &log.entries {
        eprintln!(
            "{} at bytes {}..{}: {}",
            e.pass, e.span.start, e.span.end, e.what
        );
    }
    Ok(())
}
