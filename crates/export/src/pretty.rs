//! Pretty JSON for people: objects one key a line, arrays of plain values (spans,
//! author lists) on one line, so that a golden file reads line by line. The CLI writes
//! every JSON document this way.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::Value;

/// Write `value` as pretty JSON followed by a newline.
pub fn write_pretty<T: Serialize>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    let v = serde_json::to_value(value).map_err(io::Error::from)?;
    write_value(out, &v, 0)?;
    out.write_all(b"\n")
}

fn is_plain(v: &Value) -> bool {
    !matches!(v, Value::Array(_) | Value::Object(_))
}

pub(crate) fn indent(out: &mut dyn Write, depth: usize) -> io::Result<()> {
    for _ in 0..depth {
        out.write_all(b"  ")?;
    }
    Ok(())
}

/// Write `v` pretty at nesting `depth` (two spaces a level), without a newline after.
pub fn write_value(out: &mut dyn Write, v: &Value, depth: usize) -> io::Result<()> {
    match v {
        Value::Object(map) if !map.is_empty() => {
            out.write_all(b"{\n")?;
            for (n, (k, val)) in map.iter().enumerate() {
                indent(out, depth + 1)?;
                serde_json::to_writer(&mut *out, k).map_err(io::Error::from)?;
                out.write_all(b": ")?;
                write_value(out, val, depth + 1)?;
                out.write_all(if n + 1 < map.len() { b",\n" } else { b"\n" })?;
            }
            indent(out, depth)?;
            out.write_all(b"}")
        }
        Value::Array(items) if !items.is_empty() && !items.iter().all(is_plain) => {
            out.write_all(b"[\n")?;
            for (n, item) in items.iter().enumerate() {
                indent(out, depth + 1)?;
                write_value(out, item, depth + 1)?;
                out.write_all(if n + 1 < items.len() { b",\n" } else { b"\n" })?;
            }
            indent(out, depth)?;
            out.write_all(b"]")
        }
        Value::Array(items) => {
            out.write_all(b"[")?;
            for (n, item) in items.iter().enumerate() {
                if n > 0 {
                    out.write_all(b", ")?;
                }
                serde_json::to_writer(&mut *out, item).map_err(io::Error::from)?;
            }
            out.write_all(b"]")
        }
        _ => serde_json::to_writer(&mut *out, v).map_err(io::Error::from),
    }
}

/// End a pretty top-level object with its last member, the array `name`, written an
/// item at a time as `items` come (so that a long array is never held whole), one a
/// line: `,\n  "name": [\n    ...\n  ]\n}\n`.
pub fn write_last_array<E: From<io::Error>>(
    out: &mut dyn Write,
    name: &str,
    items: impl Iterator<Item = Result<Value, E>>,
) -> Result<(), E> {
    let mut items = items.peekable();
    write!(out, ",\n  \"{name}\": [")?;
    if items.peek().is_none() {
        out.write_all(b"]\n}\n")?;
        return Ok(());
    }
    out.write_all(b"\n")?;
    while let Some(v) = items.next() {
        out.write_all(b"    ")?;
        write_value(out, &v?, 2)?;
        out.write_all(if items.peek().is_some() {
            b",\n"
        } else {
            b"\n"
        })?;
    }
    out.write_all(b"  ]\n}\n")?;
    Ok(())
}
