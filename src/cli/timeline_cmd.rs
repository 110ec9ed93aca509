//! `liveline timeline`: pages to one merged timeline.

use std::io::{self, BufWriter, Write};

use anyhow::{Context, Result};
use liveline_clean::Pipeline;
use liveline_core::{CleanLog, Timeline};
use liveline_timeline::{Extractor, Merge, Query, infer_dates, timeline_of};

use super::{TimelineArgs, TimelineFormat, input, json};

/// Run `liveline timeline`; returns the number of inputs that failed.
pub(crate) fn run(args: &TimelineArgs) -> Result<usize> {
    let query = Query {
        since: args.since,
        until: args.until,
        grep: args.grep.clone(),
        by: args.by.clone(),
    };
    let pipeline = Pipeline::default_pipeline();
    // Every page's timeline, merged once at the end.
    let mut all = Timeline::default();
    let failed = input::each_document(&args.paths, args.lossy, |page, mut doc| {
        doc.source.sha256 = Some(input::sha256_hex(page.bytes));
        pipeline.run(&mut doc, &mut CleanLog::default());
        let extractor = Extractor {
            reference_date: args.date,
            source_text: Some(page.text),
        };
        let t = timeline_of(&doc, &extractor);
        all.sources.extend(t.sources);
        all.events.extend(t.events);
        Ok(())
    })?;
    let mut timeline = Timeline::default().merge(&all);
    infer_dates(&mut timeline, args.date);
    let timeline = query.apply(&timeline);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match args.format {
        TimelineFormat::Json => json::write_pretty(&mut out, &timeline).context("writing JSON")?,
    }
    out.flush().context("writing output")?;
    Ok(failed)
}
