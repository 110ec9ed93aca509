//! `jsonl`: one event a line, as corpus tools store documents: the record opens with
//! `id`, `text`, `source`, `created` and `added`, and the event's own fields follow.
//!
//! - `id` and `text`: the event's own (its headline stays in `headline`);
//! - `source`: the document the event was first found in (the first of its sources);
//! - `created`: when it happened, as [`iso`] gives it (RFC 3339 UTC, or
//!   the local date as written), or null;
//! - `added`: when the pages it was found in were last updated (the latest "Updated"
//!   stamp among its sources, in UTC), or null — never the time of the run, so that
//!   the output is the same every time.

use std::io::Write;

use liveline_core::{
    Block, Contributor, Event, EventKind, EventSource, Export, ExportError, Mention, Timeline, When,
};
use serde_json::{Map, Value};

use crate::{json_error, text::iso};

/// The `jsonl` format.
#[derive(Clone, Copy, Debug, Default)]
pub struct Jsonl;

/// How many lines [`Jsonl`] makes at once on a pool of threads (an event found in
/// thousands of pages makes a line of hundreds of kilobytes).
const LINES_AT_ONCE: usize = 256;

/// The record of one event.
pub fn record(t: &Timeline, e: &Event) -> Result<Value, ExportError> {
    record_in(&Updated::of(t), e)
}

/// The "Updated" instant of each source of a timeline, by id: built once for a
/// whole timeline, so that an event found in many pages costs a look-up a page; and
/// the latest of them all.
struct Updated<'t> {
    by_id: std::collections::HashMap<&'t str, Option<liveline_core::jiff::Timestamp>>,
    latest: Option<liveline_core::jiff::Timestamp>,
}

impl<'t> Updated<'t> {
    fn of(t: &'t Timeline) -> Updated<'t> {
        let mut m = std::collections::HashMap::with_capacity(t.sources.len());
        for s in &t.sources {
            let utc = s.updated.as_ref().and_then(|u| u.utc);
            // Two sources with one id (the same file name in two folders): the later.
            let e = m.entry(s.id.as_str()).or_insert(utc);
            *e = (*e).max(utc);
        }
        let latest = m.values().copied().max().flatten();
        Updated { by_id: m, latest }
    }
}

/// The record of an event as it is written: what [`record`] gives, serialised
/// straight from the event (no JSON tree is built): the five fields on top, then the
/// event's own fields in its order, `id` and `text` left out as already written.
///
/// The sources, which an event found in many pages has thousands of, are written by
/// [`write_sources`] between the fields before them and those after.
#[derive(serde::Serialize)]
struct Line<'e> {
    id: &'e str,
    text: &'e str,
    source: Option<&'e str>,
    created: Option<String>,
    added: Option<String>,
    kind: EventKind,
    when: &'e Option<When>,
    headline: &'e Option<String>,
    blocks: &'e [Block<'static>],
    contributors: &'e [Contributor<'static>],
    #[serde(skip)]
    sources: &'e [EventSource],
    #[serde(skip)]
    after: After<'e>,
}

/// The fields of a [`Line`] after its sources.
#[derive(serde::Serialize)]
struct After<'e> {
    mentions: &'e [Mention],
    #[serde(skip_serializing_if = "Option::is_none")]
    parent: Option<&'e str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    keys: Option<String>,
}

impl Line<'_> {
    /// The line's JSON object, as serde writes the fields in this order, appended to
    /// `out`.
    fn write(&self, out: &mut Vec<u8>) -> Result<(), ExportError> {
        serde_json::to_writer(&mut *out, self).map_err(json_error)?;
        // `{...}` then `,"sources":[...]`, then the fields after: `{...}` with its `{`
        // made a comma.
        out.pop();
        out.extend_from_slice(b",\"sources\":");
        write_sources(self.sources, out);
        let at = out.len();
        serde_json::to_writer(&mut *out, &self.after).map_err(json_error)?;
        out[at] = b',';
        Ok(())
    }
}

/// `sources` as serde_json writes them (`[{"source":…,"post":…,"span":[…,…]},…]`),
/// appended to `out`: the names without a byte JSON escapes as they are, the numbers
/// as digits.
fn write_sources(sources: &[EventSource], out: &mut Vec<u8>) {
    let mut digits = itoa::Buffer::new();
    // Room for all of them at once: the names, and what goes around a name (at most
    // 91 bytes: the field names and three numbers of up to 20 digits).
    out.reserve(2 + sources.iter().map(|s| s.source.len() + 91).sum::<usize>());
    out.push(b'[');
    for (n, s) in sources.iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        if needs_escape(s.source.as_bytes()) {
            out.extend_from_slice(b"{\"source\":");
            // Writing a string to memory does not fail.
            let _ = serde_json::to_writer(&mut *out, &s.source);
        } else {
            out.extend_from_slice(b"{\"source\":\"");
            out.extend_from_slice(s.source.as_bytes());
            out.push(b'"');
        }
        out.extend_from_slice(b",\"post\":");
        match s.post {
            Some(p) => out.extend_from_slice(digits.format(p).as_bytes()),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"span\":[");
        out.extend_from_slice(digits.format(s.span.start).as_bytes());
        out.push(b',');
        out.extend_from_slice(digits.format(s.span.end).as_bytes());
        out.extend_from_slice(b"]}");
    }
    out.push(b']');
}

/// Whether a string has a byte JSON escapes: a control character, a quote or a
/// backslash. Eight bytes at a time.
fn needs_escape(b: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A high bit for each byte below `n` (n <= 0x80), of bytes below 0x80; exact
    // enough to tell whether any byte is.
    let below = |x: u64, n: u64| x.wrapping_sub(ONES * n) & !x & HIGH;
    let zero = |x: u64| below(x, 1);
    let mut words = b.chunks_exact(8);
    for w in &mut words {
        let x = u64::from_le_bytes(w.try_into().unwrap_or_default());
        if below(x, 0x20) | zero(x ^ (ONES * u64::from(b'"'))) | zero(x ^ (ONES * u64::from(b'\\')))
            != 0
        {
            return true;
        }
    }
    words
        .remainder()
        .iter()
        .any(|&c| c < 0x20 || c == b'"' || c == b'\\')
}

impl<'e> Line<'e> {
    fn of(updated: &Updated<'_>, e: &'e Event) -> Line<'e> {
        Line {
            id: &e.id,
            text: &e.text,
            source: e.sources.first().map(|s| s.source.as_str()),
            created: e.when.as_ref().map(iso),
            added: added(updated, e).map(|a| a.to_string()),
            kind: e.kind,
            when: &e.when,
            headline: &e.headline,
            blocks: &e.blocks,
            contributors: &e.contributors,
            sources: &e.sources,
            after: After {
                mentions: &e.mentions,
                parent: e.parent.as_deref(),
                keys: (!e.keys.is_empty()).then(|| e.keys_hex()),
            },
        }
    }
}

/// The latest "Updated" instant of the sources of `e`. The sources are looked up
/// until one has the latest instant of the timeline (an event found in thousands of
/// pages is most often in the latest).
fn added(updated: &Updated<'_>, e: &Event) -> Option<liveline_core::jiff::Timestamp> {
    let mut max = None;
    for s in &e.sources {
        if max.is_some() && max == updated.latest {
            break;
        }
        max = max.max(updated.by_id.get(s.source.as_str()).copied().flatten());
    }
    max
}

fn record_in(updated: &Updated<'_>, e: &Event) -> Result<Value, ExportError> {
    let Value::Object(fields) = serde_json::to_value(e).map_err(json_error)? else {
        unreachable!("an event serialises to an object")
    };
    let mut r = Map::new();
    r.insert("id".into(), Value::String(e.id.clone()));
    r.insert("text".into(), Value::String(e.text.clone()));
    r.insert(
        "source".into(),
        e.sources
            .first()
            .map_or(Value::Null, |s| Value::String(s.source.clone())),
    );
    r.insert(
        "created".into(),
        e.when
            .as_ref()
            .map_or(Value::Null, |w| Value::String(iso(w))),
    );
    let added = added(updated, e);
    r.insert(
        "added".into(),
        added.map_or(Value::Null, |a| Value::String(a.to_string())),
    );
    for (k, v) in fields {
        r.entry(k).or_insert(v);
    }
    Ok(Value::Object(r))
}

impl Export for Jsonl {
    fn name(&self) -> &str {
        "jsonl"
    }

    fn extension(&self) -> &str {
        "jsonl"
    }

    fn media_type(&self) -> &str {
        "application/jsonl"
    }

    fn description(&self) -> &str {
        "one event a line with id, text, source, created, added on top (dataset pipelines)"
    }

    /// The sources are read only for their "Updated" stamps, the latest by id: the
    /// same whether or not two of one id are told apart by their hashes.
    fn uses_source_hashes(&self) -> bool {
        false
    }

    /// Called on a thread of a rayon pool of several threads, the lines are made on the
    /// pool's threads, 256 at a time, and written in order.
    fn write(&self, t: &Timeline, out: &mut dyn Write) -> Result<(), ExportError> {
        let updated = Updated::of(t);
        // Each line is made in memory and written at once: serde's many small writes
        // cost less there than through `out`.
        let make = |e: &Event, line: &mut Vec<u8>| -> Result<(), ExportError> {
            line.clear();
            Line::of(&updated, e).write(line)?;
            line.push(b'\n');
            Ok(())
        };
        if rayon::current_thread_index().is_some() && rayon::current_num_threads() > 1 {
            use rayon::prelude::*;
            let mut lines: Vec<Vec<u8>> = Vec::new();
            for events in t.events.chunks(LINES_AT_ONCE) {
                lines.resize_with(events.len(), Vec::new);
                lines
                    .par_iter_mut()
                    .zip(events)
                    .try_for_each(|(line, e)| make(e, line))?;
                for line in &lines {
                    out.write_all(line)?;
                }
            }
            return Ok(());
        }
        let mut line = Vec::new();
        for e in &t.events {
            make(e, &mut line)?;
            out.write_all(&line)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use liveline_core::{DocKind, SourceMeta, Span, Stamp, jiff::Timestamp};

    #[test]
    fn added_is_the_latest_update_of_the_pages_an_event_is_in() {
        let at = |s: i64| Timestamp::from_second(1_642_800_000 + s).unwrap();
        let source = |id: &str, updated: Option<i64>| SourceMeta {
            id: id.into(),
            path: None,
            sha256: None,
            kind: DocKind::LiveBlog,
            title: None,
            outlet: None,
            updated: updated.map(|s| Stamp {
                text: "Updated".into(),
                local: None,
                zone: None,
                tz: None,
                utc: Some(at(s)),
                ago_minutes: None,
                span: Span::new(0, 7),
            }),
        };
        let event = |n: usize, ids: &[&str]| Event {
            text: "Talks ended.".into(),
            ..liveline_testkit::event_found_in(&format!("{n:016x}"), ids)
        };
        // B is the latest page; C has no Updated stamp.
        let t = Timeline {
            sources: vec![
                source("a", Some(60)),
                source("b", Some(180)),
                source("c", None),
                source("d", Some(120)),
            ],
            events: vec![
                event(0, &["a"]),
                event(1, &["c"]),
                event(2, &["a", "d"]),
                event(3, &["b", "a"]),
                event(4, &["c", "a", "d", "b"]),
                event(5, &[]),
            ],
        };
        let mut out = Vec::new();
        Jsonl.write(&t, &mut out).unwrap();
        let added: Vec<serde_json::Value> = out
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .map(|l| serde_json::from_slice::<serde_json::Value>(l).unwrap()["added"].clone())
            .collect();
        let want = |s: Option<i64>| s.map_or(serde_json::Value::Null, |s| at(s).to_string().into());
        assert_eq!(
            added,
            [60, -1, 120, 180, 180, -1]
                .map(|s| want((s >= 0).then_some(s)))
                .to_vec()
        );
    }

    #[test]
    fn lines_made_on_a_pool_are_those_made_on_one_thread() {
        // More events than are made at once, each found in its own pages, some with
        // names JSON escapes; written on a pool of two threads and on this one.
        let events: Vec<Event> = (0..LINES_AT_ONCE * 2 + 7)
            .map(|n| {
                let pages = [format!("page-{n}.txt"), format!("quote\"{n}\\.txt")];
                let pages: Vec<&str> = pages.iter().map(String::as_str).take(1 + n % 2).collect();
                Event {
                    text: format!("Event {n}."),
                    ..liveline_testkit::event_found_in(&format!("{n:016x}"), &pages)
                }
            })
            .collect();
        let t = Timeline {
            sources: Vec::new(),
            events,
        };
        let mut alone = Vec::new();
        Jsonl.write(&t, &mut alone).unwrap();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let mut on_pool = Vec::new();
        pool.install(|| Jsonl.write(&t, &mut on_pool)).unwrap();
        assert_eq!(on_pool, alone);
        let lines: Vec<serde_json::Value> = alone
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .map(|l| serde_json::from_slice(l).unwrap())
            .collect();
        assert_eq!(lines.len(), t.events.len());
        assert_eq!(lines[1]["sources"][1]["source"], "quote\"1\\.txt");
        assert_eq!(
            lines[LINES_AT_ONCE + 3]["text"],
            format!("Event {}.", LINES_AT_ONCE + 3)
        );
    }

    #[test]
    fn names_that_need_escaping_are_told_eight_bytes_at_a_time() {
        let plain = "page-00012_of the corpus.txt";
        for at in 0..plain.len() {
            for c in (0u8..0x20).chain([b'"', b'\\']) {
                let mut b = plain.as_bytes().to_vec();
                b[at] = c;
                assert!(needs_escape(&b), "{at} {c}");
                assert!(!needs_escape(&b[..at]), "{at}");
            }
        }
        for c in (0x20u8..=0xFF).filter(|&c| c != b'"' && c != b'\\') {
            assert!(!needs_escape(&[c; 19]), "{c}");
        }
    }
}
