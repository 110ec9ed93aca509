//! `csv`: one row an event, RFC 4180 (through the `csv` crate): `id, kind, utc, local,
//! zone, tz, precision, headline, text, contributors, sources`. Contributors are
//! written as in a byline ("Ana Ruiz (CNN, Kyiv), Rob Lee (CNN)"); sources as
//! `document#post@start-end`, separated by spaces. Empty cells for what is unknown.

use std::io::Write;

use liveline_core::{Event, Export, ExportError, ExportErrorKind, Timeline};

use crate::text::{byline, source_ref};

/// The `csv` format.
#[derive(Clone, Copy, Debug, Default)]
pub struct Csv;

/// The header row.
pub const HEADER: [&str; 11] = [
    "id",
    "kind",
    "utc",
    "local",
    "zone",
    "tz",
    "precision",
    "headline",
    "text",
    "contributors",
    "sources",
];

/// The cells of one event's row.
pub fn row(e: &Event) -> [String; 11] {
    let w = e.when.as_ref();
    [
        e.id.clone(),
        e.kind.as_str().to_owned(),
        w.and_then(|w| w.utc)
            .map(|t| t.to_string())
            .unwrap_or_default(),
        w.map(|w| w.local.to_string()).unwrap_or_default(),
        w.and_then(|w| w.zone.clone()).unwrap_or_default(),
        w.and_then(|w| w.tz.clone()).unwrap_or_default(),
        w.map(|w| w.precision.as_str().to_owned())
            .unwrap_or_default(),
        e.headline.clone().unwrap_or_default(),
        e.text.clone(),
        byline(e),
        e.sources
            .iter()
            .map(source_ref)
            .collect::<Vec<_>>()
            .join(" "),
    ]
}

fn csv_error(e: csv::Error) -> ExportError {
    if e.is_io_error() {
        match e.into_kind() {
            csv::ErrorKind::Io(io) => ExportError::from(io),
            other => ExportError::new(ExportErrorKind::Format, format!("{other:?}")),
        }
    } else {
        ExportError::new(ExportErrorKind::Format, e.to_string())
    }
}

impl Export for Csv {
    fn name(&self) -> &str {
        "csv"
    }

    fn extension(&self) -> &str {
        "csv"
    }

    fn media_type(&self) -> &str {
        "text/csv"
    }

    fn description(&self) -> &str {
        "one row an event: id, kind, utc, local, zone, tz, precision, headline, text, contributors, sources"
    }

    /// Only the events' own sources (ids and places) are written.
    fn uses_source_hashes(&self) -> bool {
        false
    }

    fn write(&self, t: &Timeline, out: &mut dyn Write) -> Result<(), ExportError> {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(out);
        w.write_record(HEADER).map_err(csv_error)?;
        for e in &t.events {
            w.write_record(row(e)).map_err(csv_error)?;
        }
        w.flush()?;
        Ok(())
    }
}
