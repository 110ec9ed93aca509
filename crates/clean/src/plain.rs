//! Clean plain text: what a reader wants of a document, boilerplate left out.

use std::fmt::{self, Write};

use liveline_core::{Block, BlockKind, Document, Stamp};

fn stamp(out: &mut impl Write, s: &Stamp<'_>) -> fmt::Result {
    match s.utc {
        Some(utc) => writeln!(out, "{} ({utc})", s.text),
        None => writeln!(out, "{}", s.text),
    }
}

fn caption(out: &mut impl Write, b: &Block<'_>) -> fmt::Result {
    match &b.credit {
        Some(c) => writeln!(out, "[Caption] {} ({c})", b.text),
        None => writeln!(out, "[Caption] {}", b.text),
    }
}

fn block(out: &mut impl Write, b: &Block<'_>) -> fmt::Result {
    match b.kind {
        BlockKind::Boilerplate => return Ok(()),
        BlockKind::Caption => caption(out, b)?,
        BlockKind::Gallery => {
            for item in &b.items {
                caption(out, item)?;
            }
        }
        BlockKind::Bullet => writeln!(out, "* {}", b.text)?,
        BlockKind::Section | BlockKind::YearItem => match (b.label.as_deref(), b.text.is_empty()) {
            (Some(l), true) => writeln!(out, "{l}:")?,
            (Some(l), false) => writeln!(out, "{l}: {}", b.text)?,
            (None, _) => writeln!(out, "{}", b.text)?,
        },
        BlockKind::Related if !b.items.is_empty() => {
            if let Some(l) = &b.label {
                writeln!(out, "{l}")?;
            }
            for item in &b.items {
                writeln!(out, "- {}", item.text)?;
            }
        }
        BlockKind::Credit => writeln!(out, "– {}", b.text)?,
        _ => writeln!(out, "{}", b.text)?,
    }
    writeln!(out)
}

/// Write `doc` as plain text: title, byline, Updated line, then each post with its stamp
/// (and UTC time), headline and contributors, then its blocks; captions show their
/// credits. Blocks of kind `boilerplate` are left out.
pub fn write_plain(doc: &Document<'_>, out: &mut impl Write) -> fmt::Result {
    if let Some(t) = &doc.title {
        writeln!(out, "{}", t.text)?;
    }
    if let Some(b) = &doc.byline {
        write!(out, "By {}", b.authors.join(", "))?;
        match &b.outlet {
            Some(o) => writeln!(out, " ({o})")?,
            None => writeln!(out)?,
        }
    }
    if let Some(u) = &doc.updated {
        stamp(out, u)?;
    }
    writeln!(out)?;
    for b in &doc.preamble {
        block(out, b)?;
    }
    for p in &doc.posts {
        if let Some(s) = &p.stamp {
            stamp(out, s)?;
        }
        if let Some(h) = &p.headline {
            writeln!(out, "{}", h.text)?;
        }
        if !p.contributors.is_empty() {
            let names: Vec<String> = p
                .contributors
                .iter()
                .map(|c| match (&c.outlet, &c.location) {
                    (Some(o), Some(l)) => format!("{} ({o}, {l})", c.name),
                    (Some(o), None) => format!("{} ({o})", c.name),
                    (None, Some(l)) => format!("{} ({l})", c.name),
                    (None, None) => c.name.to_string(),
                })
                .collect();
            writeln!(out, "By {}", names.join(", "))?;
        }
        if p.stamp.is_some() || p.headline.is_some() || !p.contributors.is_empty() {
            writeln!(out)?;
        }
        for b in &p.blocks {
            block(out, b)?;
        }
    }
    for b in &doc.trailer {
        block(out, b)?;
    }
    Ok(())
}

/// [`write_plain`] into a new string.
pub fn plain_text(doc: &Document<'_>) -> String {
    let mut s = String::new();
    // Writing into a String cannot fail.
    let _ = write_plain(doc, &mut s);
    s
}
