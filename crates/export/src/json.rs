//! `json`: the whole timeline as one object, `"schema": "liveline/timeline@1"`, written
//! event by event in the pretty form the CLI uses everywhere (objects one key a line,
//! arrays of plain values on one line). Reading it back with serde gives an equal
//! timeline.

use std::io::Write;

use liveline_core::{Export, ExportError, TIMELINE_SCHEMA, Timeline};

use crate::{json_error, pretty};

/// The `json` format.
#[derive(Clone, Copy, Debug, Default)]
pub struct Json;

impl Export for Json {
    fn name(&self) -> &str {
        "json"
    }

    fn extension(&self) -> &str {
        "json"
    }

    fn media_type(&self) -> &str {
        "application/json"
    }

    fn description(&self) -> &str {
        "the whole timeline as one JSON object (\"schema\": \"liveline/timeline@1\"); reads back with serde"
    }

    fn write(&self, t: &Timeline, out: &mut dyn Write) -> Result<(), ExportError> {
        let sources = serde_json::to_value(&t.sources).map_err(json_error)?;
        write!(
            out,
            "{{\n  \"schema\": \"{TIMELINE_SCHEMA}\",\n  \"sources\": "
        )?;
        pretty::write_value(out, &sources, 1)?;
        let events = t
            .events
            .iter()
            .map(|e| serde_json::to_value(e).map_err(json_error));
        pretty::write_last_array(out, "events", events)
    }
}
