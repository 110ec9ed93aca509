//! Two snapshots of the same live blog merged into one timeline: the posts found in
//! both become one event with both sources; an untimed snapshot's posts take the times
//! of the timed one.
//!
//! Run: `cargo run --example merge_snapshots -- seeds/002_2771fdcf0c5c0c53.txt seeds/003_8ceedb8b0327a9e8.txt`
//! (with no arguments it merges those two seeds).

use liveline::clean::Pipeline;
use liveline::core::{CleanLog, Timeline};
use liveline::timeline::{Extractor, Merge, infer_dates, timeline_of};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        paths = vec![
            "seeds/002_2771fdcf0c5c0c53.txt".into(),
            "seeds/003_8ceedb8b0327a9e8.txt".into(),
        ];
    }
    let mut merged = Timeline::default();
    for path in &paths {
        let text = std::fs::read_to_string(path)?;
        let mut doc = liveline::parse::parse(&text);
        doc.source.path = Some(path.clone());
        Pipeline::default_pipeline().run(&mut doc, &mut CleanLog::default());
        let one = timeline_of(&doc, &Extractor::default());
        println!("{path}: {} events", one.events.len());
        merged = merged.merge(&one);
    }
    // Untimed pages take the day their matched posts show.
    infer_dates(&mut merged, None);
    println!("merged: {} events", merged.events.len());
    for e in &merged.events {
        let when = e
            .when
            .as_ref()
            .map_or("undated".to_owned(), |w| match w.utc {
                Some(utc) => utc.to_string(),
                None => format!("{} ({})", w.local, w.precision.as_str()),
            });
        let from: Vec<&str> = e.sources.iter().map(|s| s.source.as_str()).collect();
        println!(
            "{when:22} {:60.60} {}",
            e.headline.as_deref().unwrap_or(&e.text),
            from.join(" + ")
        );
    }
    Ok(())
}
