//! `tilse`: the text format of timeline-summarisation corpora and tools: for each day,
//! a `YYYY-MM-DD` line, then one sentence a line (the headline, then the sentences of
//! the text), then a line of 32 dashes. Events known only to the month or year, and
//! undated events, have no day and are left out.

use std::io::Write;

use liveline_core::{Export, ExportError, Timeline};

use crate::text::{local_date, paragraphs, sentences};

/// The `tilse` format.
#[derive(Clone, Copy, Debug, Default)]
pub struct Tilse;

/// The line between days.
pub const RULE: &str = "--------------------------------";

impl Export for Tilse {
    fn name(&self) -> &str {
        "tilse"
    }

    fn extension(&self) -> &str {
        "txt"
    }

    fn media_type(&self) -> &str {
        "text/plain"
    }

    fn description(&self) -> &str {
        "timeline summarisation: a YYYY-MM-DD line, one sentence a line, 32 dashes (dated days only)"
    }

    /// Only the events' dates and texts are written.
    fn uses_source_hashes(&self) -> bool {
        false
    }

    fn write(&self, t: &Timeline, out: &mut dyn Write) -> Result<(), ExportError> {
        // Events are sorted by time, but a day's events need not be together (a day
        // known only as a date sorts at its midnight, in its zone): gather by day.
        let mut days: std::collections::BTreeMap<_, Vec<&str>> = Default::default();
        for e in &t.events {
            let Some(d) = local_date(e) else { continue };
            let lines = days.entry(d).or_default();
            lines.extend(e.headline.as_deref());
            for p in paragraphs(e) {
                lines.extend(sentences(p));
            }
        }
        for (d, lines) in days {
            writeln!(out, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day())?;
            for l in lines {
                // One sentence, one line.
                let l: String = l.split_whitespace().collect::<Vec<_>>().join(" ");
                if !l.is_empty() {
                    writeln!(out, "{l}")?;
                }
            }
            writeln!(out, "{RULE}")?;
        }
        Ok(())
    }
}
