//! A format of your own beside the built-in ones: here a one-line-a-post "wire" digest
//! (`HH:MM UTC | headline | outlet`), registered in `Formats` and used by name like
//! `csv` or `html`.
//!
//! Run: `cargo run --example custom_exporter -- seeds/001_50594763789ce23b.txt seeds/003_8ceedb8b0327a9e8.txt`

use std::io::Write;

use liveline::clean::Pipeline;
use liveline::core::{CleanLog, Export, ExportError, Timeline};
use liveline::export::Formats;
use liveline::timeline::{Extractor, Merge, infer_dates, timeline_of};

/// One line a dated event: its UTC time (or local date), headline and outlet.
struct Wire;

impl Export for Wire {
    fn name(&self) -> &str {
        "wire"
    }

    fn extension(&self) -> &str {
        "txt"
    }

    fn media_type(&self) -> &str {
        "text/plain"
    }

    fn description(&self) -> &str {
        "one line a dated event: time | headline | outlet"
    }

    fn write(&self, t: &Timeline, out: &mut dyn Write) -> Result<(), ExportError> {
        for e in &t.events {
            let Some(w) = &e.when else { continue };
            let time = match w.utc {
                Some(utc) => utc.strftime("%Y-%m-%d %H:%M UTC").to_string(),
                None => w.local.to_string(),
            };
            let outlet = e
                .contributors
                .iter()
                .find_map(|c| c.outlet.as_deref())
                .unwrap_or("-");
            let headline = e.headline.as_deref().unwrap_or(e.kind.as_str());
            writeln!(out, "{time} | {headline} | {outlet}")?;
        }
        Ok(())
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut formats = Formats::builtin();
    formats.register(Wire);

    let mut all = Timeline::default();
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path)?;
        let mut doc = liveline::parse::parse(&text);
        doc.source.path = Some(path.clone());
        Pipeline::default_pipeline().run(&mut doc, &mut CleanLog::default());
        let extractor = Extractor {
            source_text: Some(&text),
            ..Extractor::default()
        };
        all = all.merge(&timeline_of(&doc, &extractor));
    }
    infer_dates(&mut all, None);

    // The new format sits beside the built-in ones and is used by name.
    for f in formats.iter() {
        eprintln!("{:<11} .{:<7} {}", f.name(), f.extension(), f.media_type());
    }
    let stdout = std::io::stdout();
    formats
        .get("wire")
        .expect("registered")
        .write(&all, &mut stdout.lock())?;
    Ok(())
}
